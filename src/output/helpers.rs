//! The Handlebars helpers of both flavours: Markdown, strings, dates, numbers, amounts, the
//! sections of a Kadernota and the measured layout of tables. Registered by `render`.

use handlebars::{Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError, RenderErrorReason};

use crate::domain::format;
use crate::output::markup;

/// What a table helper writes of a table's layout.
#[derive(Clone, Copy)]
pub(crate) enum TableHelper {
    /// `tabelkolommen`: the column widths and alignments, as `table(…)` arguments.
    Kolommen,
    /// `tabelletter`: the text size.
    Letter,
    /// `tabellabelsafbreken`: whether the row labels may be hyphenated.
    LabelsAfbreken,
}

impl TableHelper {
    pub(crate) fn name(self) -> &'static str {
        match self {
            TableHelper::Kolommen => "tabelkolommen",
            TableHelper::Letter => "tabelletter",
            TableHelper::LabelsAfbreken => "tabellabelsafbreken",
        }
    }
}

/// A table helper (see [`TableHelper`]): lays out the table view given as its
/// parameter (`kolommen`, `rijen`, `markdown`, and `beschikbaar`, the width it gets, in points).
/// Without fonts (unit tests) every column gets an equal share.
pub(crate) fn table_helper(
    metrics: Option<std::sync::Arc<crate::output::tables::Metrics>>,
    what: TableHelper,
) -> Box<dyn handlebars::HelperDef + Send + Sync> {
    use crate::output::tables;
    Box::new(
        move |h: &Helper, _: &Handlebars, _: &Context, _: &mut RenderContext, out: &mut dyn Output| -> HelperResult {
            let table = param(h, what.name())?;
            let strings = |v: &serde_json::Value| -> Vec<String> {
                v.as_array().map(|a| a.iter().map(as_text).collect()).unwrap_or_default()
            };
            let header = strings(&table["kolommen"]);
            let rows: Vec<Vec<String>> =
                table["rijen"].as_array().map(|r| r.iter().map(strings).collect()).unwrap_or_default();
            let available = table["beschikbaar"].as_f64().unwrap_or(tables::TEXT_WIDTH);
            let given: Vec<f64> =
                table["breedtes"].as_array().map(|a| a.iter().filter_map(|v| v.as_f64()).collect()).unwrap_or_default();
            let layout = match &metrics {
                Some(m) => {
                    let markdown = table["markdown"].as_bool().unwrap_or(false);
                    let labels = table["rijkop"].as_bool().unwrap_or(false);
                    let mut layout = m.layout(&header, &rows, markdown, labels, available);
                    // Widths the steller gave (relative) are kept; alignment still follows the content.
                    if given.len() == layout.widths.len() && given.iter().sum::<f64>() > 0.0 {
                        let total: f64 = given.iter().sum();
                        layout.widths = given.iter().map(|g| g * available / total).collect();
                    }
                    layout
                }
                None => {
                    let n = header.len().max(1);
                    tables::Layout {
                        widths: vec![available / n as f64; n],
                        right: vec![false; n],
                        size: tables::SIZE,
                        labels_hyphenate: false,
                    }
                }
            };
            match what {
                TableHelper::Kolommen => out.write(&tables::typst_arguments(&layout))?,
                TableHelper::Letter => out.write(&format!("{}pt", layout.size))?,
                TableHelper::LabelsAfbreken => out.write(if layout.labels_hyphenate { "true" } else { "false" })?,
            }
            Ok(())
        },
    )
}

/// The first parameter of helper `name`.
pub(crate) fn param<'a>(h: &'a Helper, name: &'static str) -> Result<&'a serde_json::Value, RenderError> {
    h.param(0).map(|p| p.value()).ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex(name, 0).into())
}

/// `{{{md x}}}`: Markdown as HTML (the helper escapes; use it with three braces or two).
pub(crate) fn md_html_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&crate::output::web::markdown_html(&text_param(h, "md")?, false))?;
    Ok(())
}

/// `{{md-koppen x}}`: Markdown whose headings are the page's own (an introduction).
pub(crate) fn md_headings_html_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&crate::output::web::markdown_html(&text_param(h, "md-koppen")?, true))?;
    Ok(())
}

/// The first parameter of helper `name` as text (nothing for a missing value), for the helpers
/// of both flavours.
pub(crate) fn text_param(h: &Helper, name: &'static str) -> Result<String, RenderError> {
    Ok(as_text(param(h, name)?))
}

pub(crate) fn as_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub(crate) fn str_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&markup::string_literal(&text_param(h, "str")?))?;
    Ok(())
}

/// How deep `secties` may nest: more than the YAML's own depth limit allows sections to nest
/// (64 levels, two per section), so no accepted document reaches it; a bound on what a
/// template can make of any data.
pub const MAX_SECTIE_DIEPTE: usize = 32;

thread_local! {
    /// How deep the `secties` helper is now, on this thread.
    static SECTIE_DIEPTE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `{{{secties lijst "sjabloon"}}}`: each item of the list rendered with the template named, one
/// level deeper. Nested sections go through this helper, never through a template that
/// includes itself: templates may not call themselves (see `check_partials`), and this counts
/// its depth, so no template and no data makes it go on without end.
pub(crate) fn secties_helper(
    h: &Helper,
    r: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let items = h.param(0).map(|p| p.value().clone()).unwrap_or_default();
    let name = h
        .param(1)
        .and_then(|p| p.value().as_str().map(str::to_string))
        .ok_or_else(|| RenderErrorReason::Other("`secties` noemt een lijst en een sjabloon".into()))?;
    let depth = SECTIE_DIEPTE.with(|d| d.get());
    if depth >= MAX_SECTIE_DIEPTE {
        return Err(
            RenderErrorReason::Other(format!("secties zijn dieper genest dan {MAX_SECTIE_DIEPTE} niveaus")).into()
        );
    }
    for item in items.as_array().into_iter().flatten() {
        SECTIE_DIEPTE.with(|d| d.set(depth + 1));
        let rendered = r.render(&name, item);
        SECTIE_DIEPTE.with(|d| d.set(depth));
        out.write(&rendered?)?;
    }
    Ok(())
}

pub(crate) fn md_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&markup::markdown(&text_param(h, "md")?))?;
    Ok(())
}

/// `{{md-koppen x}}`: Markdown whose headings are the document's own (an introduction with
/// its sub-headings).
pub(crate) fn md_headings_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&markup::markdown_with_headings(&text_param(h, "md-koppen")?))?;
    Ok(())
}

/// `{{datum "2018-07-16"}}` → 16 juli 2018.
pub(crate) fn datum_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let text = text_param(h, "datum")?;
    let date = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| RenderErrorReason::Other(format!("datum: `{text}` is geen datum (jjjj-mm-dd)")))?;
    out.write(&markup::escape_inline(&format::date(date)))?;
    Ok(())
}

/// `{{getal 6.2}}` → 6,2; `{{getal 4714}}` → 4.714.
pub(crate) fn getal_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let value = param(h, "getal")?;
    let text = match value.as_i64() {
        Some(n) => format::integer(n),
        None => format::number_auto(value.as_f64().unwrap_or(f64::NAN), 2),
    };
    out.write(&markup::escape_inline(&text))?;
    Ok(())
}

/// `{{bedrag 14597000}}` → € 14.597.000.
pub(crate) fn bedrag_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let value = param(h, "bedrag")?;
    let euros = value.as_i64().or_else(|| value.as_f64().map(|f| f.round() as i64)).unwrap_or(0);
    out.write(&markup::escape_inline(&format::money(euros)))?;
    Ok(())
}
