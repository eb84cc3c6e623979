//! Stage 4, the web edition: the same typed view models as the PDFs, through HTML templates
//! (built in, replaceable per gemeente like the Typst ones), into a static, self-contained,
//! accessible site. Here: the HTML flavour's helpers (Markdown → HTML with nothing the user
//! types becoming markup), charts inlined as SVG, tables as CSV, the search index and the
//! sitemap. The session decides which pages there are (`session::web`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::{Value, json};

use crate::output::markup;
use crate::output::write::excel_csv;

/// The web edition's shared templates, compiled into the binary: (name, source). Each kind
/// brings its pages' own (`Kind::web_templates`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("web-pagina", include_str!("../../templates/web/web-pagina.html.hbs")),
    ("web-pdfs", include_str!("../../templates/web/web-pdfs.html.hbs")),
    ("web-tabel", include_str!("../../templates/web/web-tabel.html.hbs")),
    ("web-grafiek", include_str!("../../templates/web/web-grafiek.html.hbs")),
    ("web-themas", include_str!("../../templates/web/web-themas.html.hbs")),
    ("web-partners", include_str!("../../templates/web/web-partners.html.hbs")),
    ("web-index", include_str!("../../templates/web/web-index.html.hbs")),
    ("web-jaar", include_str!("../../templates/web/web-jaar.html.hbs")),
    ("web-zoeken", include_str!("../../templates/web/web-zoeken.html.hbs")),
    ("web-stijl", include_str!("../../templates/web/web-stijl.html.hbs")),
];

/// The search script: reads `?q=` and filters the prebuilt index; the page works without it.
pub const ZOEK_JS: &str = include_str!("../../templates/web/zoeken.js");

/// Markdown → HTML for a text field: raw HTML is shown as text, only web and mail links
/// become links, headings become bold paragraphs (the page's own headings carry the
/// structure), images point into the site's copy of the project file.
pub fn markdown_html(source: &str, headings: bool) -> String {
    let mut events = Vec::new();
    // Which opened links were kept, so their ends match.
    let mut links: Vec<bool> = Vec::new();
    let mut previous = 1usize;
    for event in Parser::new_ext(source, markup::OPTIONS) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let keep = markup::link_allowed(&dest_url);
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                PLACED.with(|placed| {
                    if let Some(placed) = placed.borrow_mut().as_mut() {
                        placed.insert(dest_url.trim_start_matches('/').to_string());
                    }
                });
                let dest = format!("../{}", site_file(&dest_url));
                events.push(Event::Start(Tag::Image { link_type, dest_url: CowStr::from(dest), title, id }));
            }
            // Under a page's h1 and its section's h2: an introduction's `#` is an h2, never
            // skipping a level.
            Event::Start(Tag::Heading { level, id, classes, attrs }) if headings => {
                let depth = (level as usize + 1).min(previous + 1).clamp(2, 6);
                previous = depth;
                let level = HeadingLevel::try_from(depth).unwrap_or(HeadingLevel::H6);
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(_)) if headings => {
                let level = HeadingLevel::try_from(previous).unwrap_or(HeadingLevel::H6);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Heading { .. }) => {
                events.push(Event::Start(Tag::Paragraph));
                events.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) => {
                events.push(Event::End(TagEnd::Strong));
                events.push(Event::End(TagEnd::Paragraph));
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

thread_local! {
    /// The images the Markdown rendered on this thread places, while a page is rendered
    /// (see [`placed_images`]).
    static PLACED: std::cell::RefCell<Option<BTreeSet<String>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `render` (a page's templates, on this thread) and returns what it made with the
/// project images its Markdown placed: exactly the images the page shows, so only those are
/// copied into the site — never a path that only appears as text in some field.
pub fn placed_images<R>(render: impl FnOnce() -> R) -> (R, BTreeSet<String>) {
    PLACED.with(|placed| *placed.borrow_mut() = Some(BTreeSet::new()));
    let made = render();
    let images = PLACED.with(|placed| placed.borrow_mut().take()).unwrap_or_default();
    (made, images)
}

/// Whether a project file may be published as an image of the site: under `data/`, no hidden
/// file or folder on its way, a PNG or SVG by its name and by its content.
pub fn publishable_image(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    (lower.ends_with(".png") || lower.ends_with(".svg"))
        && crate::source::image::path_problem(path).is_none()
        && crate::source::image::content_problem(path, bytes).is_none()
}

/// An image as the site serves it: a PNG as it is, an SVG written again with only what draws
/// (see [`crate::output::svg`]); `None` for an SVG that cannot be read.
pub fn site_image(path: &str, bytes: Vec<u8>) -> Option<Vec<u8>> {
    if path.to_ascii_lowercase().ends_with(".svg") { crate::output::svg::clean(&bytes) } else { Some(bytes) }
}

/// The Content-Security-Policy of every page: nothing runs but the site's own scripts (only
/// the search page has them), nothing is loaded from elsewhere, no plug-ins, no forms sent
/// elsewhere. Inline style attributes (a status colour) do not run and are allowed.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// The page with the policy as the first element of its `<head>` — always, whatever a
/// gemeente's own template writes (a second policy of its own can only narrow this one). The
/// `<head>` is the first one outside a comment; a page without one gets the policy right after
/// its doctype, where the browser opens the head itself.
pub fn with_csp(page: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(page).ok()?;
    let meta = format!("\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    let mut insert = None;
    while let Some(i) = lower[at..].find('<') {
        let start = at + i;
        let rest = &lower[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<head") && rest[5..].starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            insert = tag_end(rest).map(|e| start + e);
            break;
        }
        if rest.starts_with("<!doctype") && insert.is_none() {
            at = start + rest.find('>').map_or(rest.len(), |e| e + 1);
            // Until a real head is found, right after the doctype.
            insert = Some(at);
            continue;
        }
        if !rest.starts_with("<html") && !rest.starts_with("<?") {
            // Content before any head: the head the browser opens comes first.
            break;
        }
        at = start + rest.find('>').map_or(rest.len(), |e| e + 1);
    }
    let at = insert.unwrap_or(0);
    Some([&text[..at], &meta, &text[at..]].concat().into_bytes())
}

/// Where a tag that starts `text` ends (just after its `>`): a `>` inside a quoted attribute
/// value does not end it.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Where a project file (an image in a text) is copied in the site: `bestanden/<path>`.
pub fn site_file(project_path: &str) -> String {
    format!("bestanden/{}", project_path.trim_start_matches('/'))
}

/// Every image a Markdown text places, as project paths.
pub fn images(source: &str) -> BTreeSet<String> {
    markup::images(source).into_iter().map(|(p, _)| p.trim_start_matches('/').to_string()).collect()
}

/// A chart's SVG placed in a page: no XML prolog, scaling with the page, an image with its
/// title and its description (the text alternative with every number) for screen readers.
pub fn inline_svg(svg: &str, id: &str, titel: &str, alt: &str) -> String {
    let body = svg.trim_start();
    let body = match body.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or(body, |(_, r)| r.trim_start()),
        None => body,
    };
    let Some(rest) = body.strip_prefix("<svg") else { return String::new() };
    let (attrs, inner) = rest.split_once('>').unwrap_or((rest, ""));
    // Width and height become a viewBox, so the chart scales down on a phone.
    let number = |name: &str| {
        attrs
            .split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
    };
    let (w, h) = (number("width").unwrap_or(600.0), number("height").unwrap_or(300.0));
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"grafiek\" role=\"img\" \
         aria-labelledby=\"{id}-titel {id}-beschrijving\"><title id=\"{id}-titel\">{}</title>\
         <desc id=\"{id}-beschrijving\">{}</desc>",
        handlebars::html_escape(titel),
        handlebars::html_escape(alt)
    );
    out.push_str(inner);
    out
}

/// A table (a `TableView` as JSON) as data: its header, and its rows with amounts as numbers
/// in whole euros, exactly as entered and computed (not the printed figures, rounded to the
/// gemeente's unit), and text as plain text (no Markdown marks). A column of amounts says its
/// unit in its header.
pub fn data(table: &Value) -> (Vec<String>, Vec<Vec<Value>>) {
    let euro = table["euro"].as_array().cloned().unwrap_or_default();
    let amount = |r: usize, c: usize| euro.get(r).and_then(|row| row.get(c)).and_then(Value::as_i64);
    let markdown = table["markdown"].as_bool().unwrap_or(false);
    let mut header: Vec<String> =
        table["kolommen"].as_array().into_iter().flatten().map(|c| c.as_str().unwrap_or("").to_string()).collect();
    let rows: Vec<Vec<Value>> = table["rijen"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(r, row)| {
            row.as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(c, cell)| match amount(r, c) {
                    Some(euros) => Value::from(euros),
                    None => {
                        let text = cell.as_str().unwrap_or("");
                        Value::from(if markdown { plain_text(&markdown_html(text, false)) } else { text.to_string() })
                    }
                })
                .collect()
        })
        .collect();
    if !euro.is_empty() {
        for (c, label) in header.iter_mut().enumerate() {
            if (0..rows.len()).any(|r| amount(r, c).is_some()) {
                label.push_str(" (euro)");
            } else if label.contains('€') {
                // The printed table's unit ("bedragen x € 1.000") is not the data's.
                *label = "omschrijving".into();
            }
        }
    }
    (header, rows)
}

/// A table (a `TableView` as JSON) as CSV the way Dutch Excel opens it, like the manifest:
/// amounts as digits in whole euros with `-` for minus, text as plain text (see [`data`]).
pub fn csv(table: &Value) -> String {
    let (header, rows) = data(table);
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    excel_csv(std::iter::once(header).chain(rows.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>())))
}

/// The text of an HTML fragment, for the search index: tags left out, entities read back,
/// whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x60;", "`")
        .replace("&#x3D;", "=")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A JSON value as a JavaScript statement that sets a global: a `<script src>` works from
/// disk, where fetching a JSON file does not.
pub fn script_assignment(name: &str, value: &Value) -> String {
    // `</` cannot end a script that is a file, but is escaped anyway; U+2028 and U+2029 end a
    // line in older JavaScript, so inside a string they are written as escapes.
    let json = serde_json::to_string(value)
        .expect("serializes")
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("window.{name} = {json};\n")
}

/// The tables a rendered page shows (each marked `data-tabel="<index in tables>"` by
/// `web-tabel`), in the page's order and named by their captions: the page's downloads (one CSV
/// each, and one JSON with all) and those files.
pub fn table_data(html: &str, tables: &[Value], stem: &str, titel: &Value) -> (Vec<Value>, Vec<(String, Vec<u8>)>) {
    let mut shown: Vec<(&Value, String)> = Vec::new();
    for part in html.split("data-tabel=\"").skip(1) {
        let Some(table) = part.split('"').next().and_then(|n| n.parse::<usize>().ok()).and_then(|n| tables.get(n))
        else {
            continue;
        };
        let caption = part
            .split_once("<caption>")
            .and_then(|(_, rest)| rest.split_once("</caption>"))
            .map(|(c, _)| plain_text(c))
            .unwrap_or_default();
        shown.push((table, caption));
    }
    let mut gegevens = Vec::new();
    let mut files = Vec::new();
    // In a folder of their own per page: a Kadernota has fifty tables.
    for (n, (table, caption)) in shown.iter().enumerate() {
        let name = format!("gegevens/{stem}/tabel-{:02}.csv", n + 1);
        files.push((name.clone(), csv(table).into_bytes()));
        gegevens.push(json!({ "naam": format!("Tabel {}: {caption} (CSV)", n + 1), "pad": name }));
    }
    if !shown.is_empty() {
        let all: Vec<Value> = shown
            .iter()
            .map(|(t, caption)| {
                let (kolommen, rijen) = data(t);
                json!({ "titel": caption, "kolommen": kolommen, "rijen": rijen })
            })
            .collect();
        let json_name = format!("gegevens/{stem}/tabellen.json");
        let body = serde_json::to_vec_pretty(&json!({ "document": titel, "tabellen": all })).expect("serializes");
        files.push((json_name.clone(), body));
        gegevens.push(json!({ "naam": "Alle tabellen van deze pagina (JSON)", "pad": json_name }));
    }
    (gegevens, files)
}

/// Prepares a view for the HTML templates: every table gets its numeric columns (right-aligned,
/// as in the PDF) and its caption text, and is collected for CSV; every chart gets its SVG
/// inlined; every heading level its HTML level (one under the page's h1).
pub fn enrich(
    value: &mut Value,
    files: &std::collections::HashMap<String, Vec<u8>>,
    stem: &str,
    tables: &mut Vec<Value>,
    charts: &mut usize,
) {
    match value {
        Value::Object(map) => {
            if let Some(n) = map.get("niveau").and_then(Value::as_u64) {
                map.insert("kop_niveau".into(), json!((n + 1).min(6)));
            }
            if let (Some(Value::String(pad)), Some(Value::String(alt))) = (map.get("pad"), map.get("alt"))
                && let Some(svg) = files.get(pad)
            {
                *charts += 1;
                let titel = map.get("titel").and_then(Value::as_str).unwrap_or("");
                let svg = inline_svg(&String::from_utf8_lossy(svg), &format!("{stem}-grafiek-{charts}"), titel, alt);
                map.insert("svg".into(), Value::String(svg));
            }
            // A table view, not a header cell (which counts its `kolommen` and `rijen`).
            let is_table =
                map.get("kolommen").is_some_and(Value::is_array) && map.get("rijen").is_some_and(Value::is_array);
            for (_, v) in map.iter_mut() {
                enrich(v, files, stem, tables, charts);
            }
            if is_table {
                let rows = map["rijen"].as_array().cloned().unwrap_or_default();
                let columns = map["kolommen"].as_array().map_or(0, Vec::len);
                let rechts: Vec<bool> = (0..columns)
                    .map(|c| {
                        // As in the PDF: a dash for "none" does not make a column of numbers text.
                        let mut cells = rows
                            .iter()
                            .filter_map(|r| r.get(c).and_then(Value::as_str))
                            .filter(|t| !crate::output::tables::is_blank(t))
                            .peekable();
                        c > 0 && cells.peek().is_some() && cells.all(crate::output::tables::is_numeric)
                    })
                    .collect();
                map.insert("rechts".into(), json!(rechts));
                map.insert("tabel_nummer".into(), json!(tables.len()));
                tables.push(Value::Object(map.clone()));
            }
        }
        Value::Array(items) => {
            for v in items {
                enrich(v, files, stem, tables, charts);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_always_the_first_thing_of_the_real_head() {
        let csp = |page: &str| String::from_utf8(with_csp(page.as_bytes()).unwrap()).unwrap();
        let policy = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
        // Also when the page names a policy already, or hides a head in a comment.
        let page = csp(
            "<!doctype html>\n<!-- <head> Content-Security-Policy -->\n<html lang=\"nl\">\n<head><title>x</title></head><body></body></html>",
        );
        let head = page.find("<html lang").and_then(|h| page[h..].find("<head>").map(|i| h + i)).unwrap();
        assert_eq!(page[head + 6..].trim_start().find(&policy), Some(0), "{page}");
        assert_eq!(page.matches(&policy).count(), 1);
        // A head with attributes; a page without a head.
        assert!(csp("<html><head lang=\"nl\"><title>x</title>").contains(&format!("<head lang=\"nl\">\n{policy}")));
        assert!(csp("<!doctype html><p>x</p>").starts_with(&format!("<!doctype html>\n{policy}")));
        assert!(!csp("<html><header><head>").contains(&format!("<header>\n{policy}")));
        // A `>` inside a quoted attribute of the head does not end it.
        let page = csp("<!doctype html><html><head title='>' data-x=\"a>b\"><script>x</script></head>");
        assert!(page.contains(&format!("<head title='>' data-x=\"a>b\">\n{policy}<script>")), "{page}");
    }

    #[test]
    fn the_search_index_escapes_line_separators_and_script_ends() {
        let js = script_assignment("X", &serde_json::json!(["a\u{2028}b\u{2029}c</script>"]));
        assert_eq!(js, "window.X = [\"a\\u2028b\\u2029c<\\/script>\"];\n");
        assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'));
    }

    #[test]
    fn markdown_never_becomes_markup_or_a_bad_link() {
        let html = markdown_html("<script>alert(1)</script>\n\n*x* [a](javascript:alert(1)) [b](https://a.nl)", false);
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<a href=\"https://a.nl\">b</a>"), "{html}");
        assert!(html.contains("<em>x</em>"), "{html}");
    }

    #[test]
    fn headings_are_bold_paragraphs_or_the_pages_own() {
        assert_eq!(markdown_html("# Kop", false), "<p><strong>Kop</strong></p>\n");
        assert_eq!(markdown_html("# Een\n\n### Twee", true), "<h2>Een</h2>\n<h3>Twee</h3>\n");
    }

    #[test]
    fn tables_and_images_come_through() {
        let html = markdown_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n![Kaart](data/k.png)", false);
        assert!(html.contains("<table>") && html.contains("<th>a</th>"), "{html}");
        assert!(html.contains("<img src=\"../bestanden/data/k.png\" alt=\"Kaart\""), "{html}");
    }

    #[test]
    fn charts_are_images_with_title_and_description() {
        let svg = "<svg width=\"524\" height=\"300\" viewBox=\"0 0 524 300\" xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>";
        let out = inline_svg(svg, "g1", "Straatroof", "Lijn: 2019 14");
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 524 300\""), "{out}");
        assert!(out.contains("role=\"img\"") && out.contains("<title id=\"g1-titel\">Straatroof</title>"), "{out}");
        assert!(out.ends_with("<rect/></svg>"), "{out}");
    }

    #[test]
    fn csv_is_for_dutch_excel() {
        let t = serde_json::json!({"kolommen": ["a", "b"], "rijen": [["1;2", "x"]]});
        assert_eq!(csv(&t), "\u{feff}a;b\r\n\"1;2\";x\r\n");
        assert_eq!(plain_text("<p>a &amp; <b>b</b></p>"), "a & b");
    }
}
