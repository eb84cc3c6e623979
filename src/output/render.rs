//! View model → Typst source, through Handlebars templates.
//!
//! All registration happens here, once per run: the built-in templates (compiled into the
//! binary), the escape function and the helpers. Handlebars' HTML escaping is replaced by Typst
//! escaping, so `{{value}}` always lands in the document literally; `{{str value}}` gives a Typst
//! string literal for code positions; `{{md value}}` converts Markdown.

use handlebars::{Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError, RenderErrorReason};
use serde::Serialize;
use sha2::Digest as _;

use crate::domain::format;
use crate::output::markup;

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
        let mut templates = Templates::builtin(kinds)?;
        let Some(folder) = folder else { return Ok(templates) };
        let error = |template: String, message: String| TemplateError { template, line: None, column: None, message };
        let dir = project.resolve(folder).map_err(|why| error(folder.to_string(), why))?;
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| error(folder.to_string(), format!("map niet te lezen: {e}")))?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".typ.hbs"))
            .collect();
        names.sort();
        for file in names {
            let shown = format!("{}/{file}", folder.trim_end_matches('/'));
            let bytes = project.read(&shown).map_err(|why| error(shown.clone(), why))?;
            let source = String::from_utf8(bytes).map_err(|_| error(shown.clone(), "geen geldige UTF-8".into()))?;
            let name = file.trim_end_matches(".typ.hbs").to_string();
            templates.sources.insert(name.clone(), source.clone());
            templates.registry.register_template_string(&name, source).map_err(|e| TemplateError {
                template: shown.clone(),
                line: e.pos().map(|p| p.0),
                column: e.pos().map(|p| p.1),
                message: e.reason().to_string(),
            })?;
            templates.origins.insert(name, shown);
        }
        Ok(templates)
    }

    /// Registers the shared templates, the kinds' templates (`kinds`) and the helpers.
    pub fn builtin(kinds: &[(&'static str, &'static str)]) -> Result<Self, TemplateError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(markup::escape_inline);
        registry.register_helper("str", Box::new(str_helper));
        registry.register_helper("md", Box::new(md_helper));
        registry.register_helper("datum", Box::new(datum_helper));
        registry.register_helper("getal", Box::new(getal_helper));
        registry.register_helper("bedrag", Box::new(bedrag_helper));
        let all: Vec<(&str, &str)> = BUILTIN.iter().chain(kinds).copied().collect();
        for (name, source) in &all {
            registry.register_template_string(name, source).map_err(|e| TemplateError {
                template: format!("templates/{name}.typ.hbs"),
                line: e.pos().map(|p| p.0),
                column: e.pos().map(|p| p.1),
                message: e.reason().to_string(),
            })?;
        }
        let origins = all.iter().map(|(n, _)| (n.to_string(), format!("templates/{n}.typ.hbs"))).collect();
        let sources = all.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
        Ok(Templates { registry, origins, sources })
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
        self.origins.get(name).cloned().unwrap_or_else(|| format!("templates/{name}.typ.hbs"))
    }

    /// Renders template `name` with `view`.
    pub fn render<T: Serialize>(&self, name: &str, view: &T) -> Result<String, TemplateError> {
        self.registry.render(name, view).map_err(|e| TemplateError {
            template: self.origin(e.template_name.as_deref().unwrap_or(name)),
            line: e.line_no,
            column: e.column_no,
            message: e.reason().to_string(),
        })
    }
}

fn param<'a>(h: &'a Helper, name: &str) -> Result<&'a serde_json::Value, RenderError> {
    h.param(0).map(|p| p.value()).ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex(leak(name), 0).into())
}

// Handlebars wants `&'static str` helper names in its error; the five names above are static.
fn leak(name: &str) -> &'static str {
    match name {
        "str" => "str",
        "md" => "md",
        "datum" => "datum",
        "getal" => "getal",
        _ => "bedrag",
    }
}

fn as_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn str_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    out.write(&markup::string_literal(&as_text(param(h, "str")?)))?;
    Ok(())
}

fn md_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    out.write(&markup::markdown(&as_text(param(h, "md")?)))?;
    Ok(())
}

/// `{{datum "2018-07-16"}}` → 16 juli 2018.
fn datum_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let text = as_text(param(h, "datum")?);
    let date = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| RenderErrorReason::Other(format!("datum: `{text}` is geen datum (jjjj-mm-dd)")))?;
    out.write(&markup::escape_inline(&format::date(date)))?;
    Ok(())
}

/// `{{getal 6.2}}` → 6,2; `{{getal 4714}}` → 4.714.
fn getal_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = param(h, "getal")?;
    let text = match value.as_i64() {
        Some(n) => format::integer(n),
        None => format::number_auto(value.as_f64().unwrap_or(f64::NAN), 2),
    };
    out.write(&markup::escape_inline(&text))?;
    Ok(())
}

/// `{{bedrag 14597000}}` → € 14.597.000.
fn bedrag_helper(h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output) -> HelperResult {
    let value = param(h, "bedrag")?;
    let euros = value.as_i64().or_else(|| value.as_f64().map(|f| f.round() as i64)).unwrap_or(0);
    out.write(&markup::escape_inline(&format::money(euros)))?;
    Ok(())
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
}
