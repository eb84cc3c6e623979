//! Which template calls which (partials, inline partials), read from the parsed templates, so
//! that a template that would call itself is refused when the templates are loaded (see
//! `Templates::check_partials`).

/// One template (or inline partial, `template#name`) calling another, at a template line.
pub struct Call {
    pub from: String,
    pub to: String,
    pub line: Option<usize>,
}

/// The inline partials a template defines (`{{#*inline "name"}}`).
pub fn inline_names(template: &handlebars::template::Template) -> Vec<String> {
    use handlebars::template::{Parameter, TemplateElement};
    template
        .elements
        .iter()
        .filter_map(|e| match e {
            TemplateElement::DecoratorBlock(d) if matches!(&d.name, Parameter::Name(n) if n == "inline") => {
                match d.params.first() {
                    Some(Parameter::Literal(serde_json::Value::String(n))) => Some(n.clone()),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect()
}

/// Collects the partial calls in `template` (part of `owner`, the registered template), made
/// from `node` with the context moved by `step` so far.
pub fn partial_calls(
    template: &handlebars::template::Template,
    owner: &str,
    node: &str,
    inlines: &[String],
    calls: &mut Vec<Call>,
) -> Result<(), (Option<usize>, String)> {
    use handlebars::template::{Parameter, TemplateElement};
    for (i, element) in template.elements.iter().enumerate() {
        let line = template.mapping.get(i).map(|m| m.0);
        match element {
            TemplateElement::HelperBlock(h) => {
                for t in [&h.template, &h.inverse].into_iter().flatten() {
                    partial_calls(t, owner, node, inlines, calls)?;
                }
            }
            TemplateElement::DecoratorBlock(d) => {
                if let (Parameter::Name(n), Some(Parameter::Literal(serde_json::Value::String(inline)))) =
                    (&d.name, d.params.first())
                    && n == "inline"
                    && let Some(t) = &d.template
                {
                    partial_calls(t, owner, &format!("{owner}#{inline}"), inlines, calls)?;
                }
            }
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                let name = match &d.name {
                    Parameter::Name(n) => n.clone(),
                    Parameter::Path(handlebars::Path::Relative((_, raw))) => raw.clone(),
                    _ => {
                        return Err((
                            line,
                            "een sjabloon roept hier een partial aan waarvan de naam wordt berekend; geef \
                             de naam letterlijk, zodat raadsstuk kan nagaan dat de aanroepen eindigen"
                                .into(),
                        ));
                    }
                };
                if let Some(t) = &d.template {
                    partial_calls(t, owner, node, inlines, calls)?;
                }
                if name.starts_with('@') {
                    continue;
                }
                let to = if inlines.contains(&name) { format!("{owner}#{name}") } else { name };
                calls.push(Call { from: node.to_string(), to, line });
            }
            _ => {}
        }
    }
    Ok(())
}

/// A chain of calls from `from` to `to`: the nodes after `from`, ending with `to`.
pub fn path_back(calls: &[Call], from: &str, to: &str) -> Option<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut queue = std::collections::VecDeque::from([(from.to_string(), vec![from.to_string()])]);
    while let Some((node, path)) = queue.pop_front() {
        if node == to {
            return Some(path);
        }
        if !seen.insert(node.clone()) {
            continue;
        }
        for call in calls.iter().filter(|c| c.from == node) {
            let mut next = path.clone();
            next.push(call.to.clone());
            queue.push_back((call.to.clone(), next));
        }
    }
    None
}
