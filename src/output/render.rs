//! View model → Typst source, through Handlebars templates.
//!
//! All registration happens here, once per run: the built-in templates (compiled into the
//! binary), the escape function and the helpers. Handlebars' HTML escaping is replaced by Typst
//! escaping, so `{{value}}` always lands in the document literally; `{{str value}}` gives a Typst
//! string literal for code positions; `{{md value}}` converts Markdown.

use handlebars::{Handlebars, RenderErrorReason};
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sha2::Digest as _;

use crate::output::helpers::*;
use crate::output::markup;
use crate::output::partials::{Call, inline_names, partial_calls, path_back};

/// The templates every kind shares: (name, source). Each kind brings its own (see
/// `kinds::Kind::templates`); all are registered as partials under the same names.
pub const BUILTIN: &[(&str, &str)] = &[
    ("huisstijl", include_str!("../../templates/huisstijl.typ.hbs")),
    ("tabel", include_str!("../../templates/tabel.typ.hbs")),
];

/// The compiled templates of a run.
pub struct Templates {
    registry: Handlebars<'static>,
    /// Where each template came from, for messages: `templates/x.typ.hbs` (built in) or the
    /// gemeente's own file.
    origins: std::collections::HashMap<String, String>,
    /// Every template's source, to know when templates changed (incremental builds).
    sources: std::collections::BTreeMap<String, String>,
    /// What the templates write: Typst source, or HTML for the web edition.
    flavour: Flavour,
}

/// What a set of templates writes, and so how values are escaped and Markdown converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Typst,
    Html,
}

impl Flavour {
    /// Where its built-in templates are, in the repository.
    fn folder(self) -> &'static str {
        match self {
            Flavour::Typst => "templates/",
            Flavour::Html => "templates/web/",
        }
    }

    /// The file extension of its templates.
    pub fn extension(self) -> &'static str {
        match self {
            Flavour::Typst => ".typ.hbs",
            Flavour::Html => ".html.hbs",
        }
    }
}

/// A template error: which template, where, and what.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub template: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Templates {
    /// The built-in templates, with the gemeente's own versions from `folder` (a path from the
    /// project root) replacing those of the same name. Files are read through the project, so
    /// the folder cannot lie outside it.
    pub fn load(
        project: &crate::source::project::Project,
        folder: Option<&str>,
        kinds: &[(&'static str, &'static str)],
    ) -> Result<Self, TemplateError> {
        let templates = Templates::builtin(kinds)?;
        templates.with_overrides(project, folder)
    }

    /// The web edition's templates (see `output::web`), with the gemeente's own `*.html.hbs`
    /// from `folder` replacing those of the same name.
    pub fn load_html(
        project: &crate::source::project::Project,
        folder: Option<&str>,
        kinds: &[(&'static str, &'static str)],
    ) -> Result<Self, TemplateError> {
        let all: Vec<(&'static str, &'static str)> =
            crate::output::web::TEMPLATES.iter().chain(kinds).copied().collect();
        Templates::with(Flavour::Html, &all)?.with_overrides(project, folder)
    }

    fn with_overrides(
        self,
        project: &crate::source::project::Project,
        folder: Option<&str>,
    ) -> Result<Self, TemplateError> {
        let mut templates = self;
        let extension = templates.flavour.extension();
        let Some(folder) = folder else { return Ok(templates) };
        let error = |template: String, message: String| TemplateError { template, line: None, column: None, message };
        let dir = project.resolve(folder).map_err(|why| error(folder.to_string(), why))?;
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| error(folder.to_string(), format!("map niet te lezen: {}", crate::diagnostics::io_fout(&e))))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(extension))
            .collect();
        names.sort();
        for file in names {
            let shown = format!("{}/{file}", folder.trim_end_matches('/'));
            let bytes = project.read(&shown).map_err(|why| error(shown.clone(), why))?;
            let source = String::from_utf8(bytes).map_err(|_| error(shown.clone(), "geen geldige UTF-8".into()))?;
            let name = file.trim_end_matches(extension).to_string();
            templates.sources.insert(name.clone(), source.clone());
            templates.registry.register_template_string(&name, source).map_err(|e| TemplateError {
                template: shown.clone(),
                line: e.pos().map(|p| p.0),
                column: e.pos().map(|p| p.1),
                message: syntax_reason(e.reason()),
            })?;
            templates.origins.insert(name, shown);
        }
        templates.check_partials()?;
        Ok(templates)
    }

    /// Registers the shared templates, the kinds' templates (`kinds`) and the helpers.
    pub fn builtin(kinds: &[(&'static str, &'static str)]) -> Result<Self, TemplateError> {
        let all: Vec<(&'static str, &'static str)> = BUILTIN.iter().chain(kinds).copied().collect();
        Templates::with(Flavour::Typst, &all)
    }

    /// Registers `all` templates of a flavour with its escaping and helpers.
    fn with(flavour: Flavour, all: &[(&'static str, &'static str)]) -> Result<Self, TemplateError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        match flavour {
            Flavour::Typst => {
                registry.register_escape_fn(markup::escape_inline);
                registry.register_helper("str", Box::new(str_helper));
                registry.register_helper("md", Box::new(md_helper));
                registry.register_helper("md-koppen", Box::new(md_headings_helper));
                for what in [TableHelper::Kolommen, TableHelper::Letter, TableHelper::LabelsAfbreken] {
                    registry.register_helper(what.name(), table_helper(None, what));
                }
            }
            Flavour::Html => {
                registry.register_escape_fn(handlebars::html_escape);
                registry.register_helper("md", Box::new(md_html_helper));
                registry.register_helper("md-koppen", Box::new(md_headings_html_helper));
            }
        }
        registry.register_helper("datum", Box::new(datum_helper));
        registry.register_helper("getal", Box::new(getal_helper));
        registry.register_helper("bedrag", Box::new(bedrag_helper));
        registry.register_helper("secties", Box::new(secties_helper));
        let extension = flavour.extension();
        for (name, source) in all {
            registry.register_template_string(name, source).map_err(|e| TemplateError {
                template: format!("{}{name}{extension}", flavour.folder()),
                line: e.pos().map(|p| p.0),
                column: e.pos().map(|p| p.1),
                message: syntax_reason(e.reason()),
            })?;
        }
        let origins = all.iter().map(|(n, _)| (n.to_string(), format!("{}{n}{extension}", flavour.folder()))).collect();
        let sources = all.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
        let templates = Templates { registry, origins, sources, flavour };
        templates.check_partials()?;
        Ok(templates)
    }

    /// Refuses templates that call themselves, directly or through others: Handlebars has no
    /// depth limit, so a recursion the data does not end would overflow the stack and take the
    /// whole run down, and which data ends one cannot be told from a template (`this/this`,
    /// `[this]` and `./.` are all the same context). Nested sections go through the `secties`
    /// helper, which counts its depth. A partial whose name is computed cannot be checked and is
    /// refused.
    fn check_partials(&self) -> Result<(), TemplateError> {
        let mut calls: Vec<Call> = Vec::new();
        for (name, template) in self.registry.get_templates() {
            let inlines = inline_names(template);
            partial_calls(template, name, name, &inlines, &mut calls)
                .map_err(|(line, message)| self.error_at(name, line, message))?;
        }
        // A name a template does not define itself is a registered template, or an inline
        // partial of a template that includes it (Handlebars looks those up through its
        // callers): every such inline partial counts as a possible callee. Any other name is
        // not there at all.
        let registered: BTreeSet<&str> = self.registry.get_templates().keys().map(String::as_str).collect();
        let mut inline_owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, template) in self.registry.get_templates() {
            for inline in inline_names(template) {
                inline_owners.entry(inline.clone()).or_default().push(format!("{name}#{inline}"));
            }
        }
        let mut resolved = Vec::new();
        for call in calls {
            if call.to.contains('#') || registered.contains(call.to.as_str()) {
                resolved.push(call);
            } else if let Some(owners) = inline_owners.get(&call.to) {
                resolved.extend(owners.iter().map(|to| Call {
                    from: call.from.clone(),
                    to: to.clone(),
                    line: call.line,
                }));
            } else {
                let template = call.from.split('#').next().unwrap_or(&call.from).to_string();
                return Err(self.error_at(
                    &template,
                    call.line,
                    format!("het deelsjabloon `{}` bestaat niet", call.to),
                ));
            }
        }
        let mut calls = resolved;
        // In a fixed order, so the message is the same every run.
        // The gemeente's own templates first: a cycle is reported in one of those if it can be.
        let key = |c: &Call| {
            (
                self.origin(c.from.split('#').next().unwrap_or(&c.from)).starts_with("templates/"),
                c.from.clone(),
                c.line,
                c.to.clone(),
            )
        };
        calls.sort_by_key(key);
        for call in &calls {
            if let Some(path) = path_back(&calls, &call.to, &call.from) {
                let mut cycle = vec![call.from.as_str()];
                cycle.extend(path.iter().map(String::as_str));
                let template = call.from.split('#').next().unwrap_or(&call.from);
                let message = format!(
                    "deze sjablonen roepen elkaar zonder einde aan ({}): een sjabloon mag zichzelf niet \
                     aanroepen, ook niet via andere. Geneste onderdelen gaan met `{{{{{{secties lijst \"sjabloon\"}}}}}}`, \
                     dat de diepte telt",
                    cycle.join(" → ")
                );
                return Err(self.error_at(template, call.line, message));
            }
        }
        Ok(())
    }

    fn error_at(&self, template: &str, line: Option<usize>, message: String) -> TemplateError {
        TemplateError { template: self.origin(template), line, column: None, message }
    }

    /// Measures tables with these fonts (see [`crate::output::tables`]): `{{{tabelkolommen tabel}}}`
    /// writes a table's column widths and alignment, `{{{tabelletter tabel}}}` its text size.
    pub fn set_metrics(&mut self, metrics: std::sync::Arc<crate::output::tables::Metrics>) {
        for what in [TableHelper::Kolommen, TableHelper::Letter, TableHelper::LabelsAfbreken] {
            self.registry.register_helper(what.name(), table_helper(Some(metrics.clone()), what));
        }
    }

    /// A hash of every template in use: built in and the gemeente's own.
    pub fn fingerprint(&self) -> String {
        let mut all = String::new();
        for (name, source) in &self.sources {
            all.push_str(name);
            all.push('\0');
            all.push_str(source);
            all.push('\0');
        }
        format!("{:x}", sha2::Sha256::digest(all.as_bytes()))
    }

    /// The template line a line of generated Typst came from: (file, its source, 1-based line).
    ///
    /// Handlebars keeps no source map, so the line is found by its literal text: a template
    /// line matches when the generated line starts with everything the template line has before
    /// its first `{{` (or equals it, when it has none). The longest such match wins; the
    /// gemeente's own templates are searched first.
    pub fn locate(&self, generated: &str) -> Option<(String, std::sync::Arc<str>, usize)> {
        let generated = generated.trim();
        let mut best: Option<(usize, &str, usize)> = None;
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort_by_key(|n| self.origin(n).starts_with("templates/"));
        for name in names {
            let source = &self.sources[name];
            for (i, line) in source.lines().enumerate() {
                let literal = line.split("{{").next().unwrap_or("").trim();
                let matches = if line.contains("{{") {
                    literal.len() >= 4 && generated.starts_with(literal)
                } else {
                    !literal.is_empty() && generated == literal
                };
                if matches && best.is_none_or(|(len, _, _)| literal.len() > len) {
                    best = Some((literal.len(), name.as_str(), i + 1));
                }
            }
        }
        best.map(|(_, name, line)| (self.origin(name), std::sync::Arc::from(self.sources[name].as_str()), line))
    }

    /// Where template `name` came from (`templates/raadsvoorstel.typ.hbs` or an override).
    pub fn origin(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("{}{name}{}", self.flavour.folder(), self.flavour.extension()))
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.registry.has_template(name)
    }

    /// Renders template `name` with `view`.
    pub fn render<T: Serialize>(&self, name: &str, view: &T) -> Result<String, TemplateError> {
        self.registry.render(name, view).map_err(|e| TemplateError {
            template: self.origin(e.template_name.as_deref().unwrap_or(name)),
            line: e.line_no,
            column: e.column_no,
            message: render_reason(e.reason()),
        })
    }
}

/// A Handlebars error while a template is filled in, in Dutch (Handlebars says it in English).
fn render_reason(reason: &RenderErrorReason) -> String {
    match reason {
        RenderErrorReason::MissingVariable(Some(path)) => {
            format!("de waarde `{path}` bestaat niet in wat dit sjabloon krijgt (sjablonen zijn strikt)")
        }
        RenderErrorReason::MissingVariable(None) => "een waarde bestaat niet in wat dit sjabloon krijgt".into(),
        RenderErrorReason::PartialNotFound(name) => format!("het deelsjabloon `{name}` bestaat niet"),
        RenderErrorReason::HelperNotFound(name) => format!("de helper `{name}` bestaat niet"),
        RenderErrorReason::TemplateNotFound(name) => format!("het sjabloon `{name}` bestaat niet"),
        RenderErrorReason::ParamNotFoundForIndex(helper, i) => format!("`{helper}` mist zijn {}e waarde", i + 1),
        RenderErrorReason::ParamNotFoundForName(helper, name) => format!("`{helper}` mist de waarde `{name}`"),
        RenderErrorReason::InvalidParamType(kind) => {
            format!("een helper kreeg een waarde van de verkeerde soort ({kind})")
        }
        // Our own helpers speak Dutch already.
        RenderErrorReason::Other(text) => text.clone(),
        _ => "het sjabloon kan met deze gegevens niet worden ingevuld".into(),
    }
}

/// A Handlebars syntax error, in Dutch.
fn syntax_reason(reason: &handlebars::TemplateErrorReason) -> String {
    use handlebars::TemplateErrorReason as R;
    match reason {
        R::MismatchingClosedHelper(open, close) | R::MismatchingClosedDecorator(open, close) => {
            format!("`{{{{/{close}}}}}` sluit `{{{{#{open}}}}}` niet af")
        }
        R::InvalidSyntax(_) => "ongeldige Handlebars-schrijfwijze".into(),
        R::InvalidParam(param) => format!("ongeldige waarde `{param}`"),
        R::NestedSubexpression => "een geneste deeluitdrukking kan hier niet".into(),
        _ => "ongeldige Handlebars-schrijfwijze".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_for_typst_by_default() {
        let mut t = Templates::builtin(&[]).unwrap();
        t.registry.register_template_string("t", "{{x}}|{{str x}}|{{{x}}}").unwrap();
        let out = t.render("t", &serde_json::json!({"x": "#read(\"/etc/passwd\")"})).unwrap();
        assert_eq!(out, "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)|\"#read(\\\"/etc/passwd\\\")\"|#read(\"/etc/passwd\")");
    }

    #[test]
    fn formatting_helpers_write_dutch() {
        let mut t = Templates::builtin(&[]).unwrap();
        t.registry.register_template_string("t", "{{datum d}} {{getal a}} {{getal b}} {{bedrag c}}").unwrap();
        let out = t.render("t", &serde_json::json!({"d": "2018-07-16", "a": 4714, "b": 6.2, "c": 14597000})).unwrap();
        assert_eq!(out, "16 juli 2018 4\\.714 6,2 €\u{a0}14\\.597\\.000");
    }

    #[test]
    fn strict_mode_refuses_missing_keys() {
        let mut t = Templates::builtin(&[]).unwrap();
        t.registry.register_template_string("t", "{{ontbreekt}}").unwrap();
        assert!(t.render("t", &serde_json::json!({})).is_err());
    }

    fn partials(templates: &[(&'static str, &'static str)]) -> Result<(), TemplateError> {
        Templates::builtin(templates).map(|_| ())
    }

    #[test]
    fn templates_that_call_each_other_without_end_are_refused_at_their_line() {
        let e = partials(&[("a", "tekst\n{{> b}}"), ("b", "{{#if x}}\n{{> a}}\n{{/if}}")]).unwrap_err();
        assert_eq!(e.template, "templates/a.typ.hbs");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("a → b → a"), "{}", e.message);
        // Itself, through an inline partial, or by going up and down again: the same.
        assert!(partials(&[("a", "{{> a}}")]).is_err());
        assert!(partials(&[("a", "{{#*inline \"i\"}}{{> i}}{{/inline}}{{> i}}")]).is_err());
        assert!(partials(&[("a", "{{#each items}}{{#with ..}}{{> a}}{{/with}}{{/each}}")]).is_err());
        assert!(partials(&[("a", "{{#each items}}{{> a ../this}}{{/each}}")]).is_err());
        assert!(partials(&[("a", "{{> (lookup this \"naam\")}}")]).unwrap_err().message.contains("berekend"));
        // The same context under another name is no step deeper.
        assert!(partials(&[("a", "{{#with this/this}}{{> a}}{{/with}}")]).is_err());
        assert!(partials(&[("a", "{{#with [this]}}{{> a}}{{/with}}")]).is_err());
        assert!(partials(&[("a", "{{#with ./.}}{{> a}}{{/with}}")]).is_err());
        assert!(partials(&[("a", "{{> a this/[this]}}")]).is_err());
        // Through an inline partial its caller defines; a block parameter as alias.
        assert!(
            partials(&[("a", "{{#*inline \"lus\"}}{{> b}}{{/inline}}{{> b}}"), ("b", "{{> lus}}")])
                .unwrap_err()
                .message
                .contains("zonder einde")
        );
        assert!(partials(&[("a", "{{#with this as |x|}}{{#with x}}{{> a}}{{/with}}{{/with}}")]).is_err());
        // A partial that does not exist: said when loaded, not when a document is built.
        let e = partials(&[("a", "tekst\n{{> 'b'}}")]).unwrap_err();
        assert!(e.message.contains("bestaat niet"), "{}", e.message);
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn no_template_calls_itself_and_nesting_goes_through_a_helper_that_counts() {
        // Deeper into the data or not: a template never calls itself (which data ends it cannot
        // be told from the template).
        assert!(partials(&[("a", "{{naam}}{{#each kinderen}}[{{> a}}]{{/each}}")]).is_err());
        assert!(partials(&[("a", "{{#with kind}}{{> b}}{{/with}}"), ("b", "{{> a}}")]).is_err());
        assert!(partials(&[("a", "{{> a kind}}")]).is_err());
        // The helper nests, and ends.
        let t = Templates::builtin(&[("a", "{{naam}}[{{{secties kinderen \"a\"}}}]")]).unwrap();
        let tree = serde_json::json!({"naam": "1", "kinderen": [{"naam": "2", "kinderen": []}]});
        assert_eq!(t.render("a", &tree).unwrap(), "1[2[]]");
        // Data nested deeper than the limit: an error, not a stack overflow.
        let mut deep = serde_json::json!({"naam": "x", "kinderen": []});
        for _ in 0..MAX_SECTIE_DIEPTE + 2 {
            deep = serde_json::json!({"naam": "x", "kinderen": [deep]});
        }
        assert!(t.render("a", &deep).unwrap_err().message.contains("dieper genest"));
    }
}
