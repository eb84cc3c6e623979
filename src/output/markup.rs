//! User text → Typst markup.
//!
//! Every string that comes from YAML passes through here before it reaches Typst source: plain
//! values are escaped so they print literally, Markdown fields are parsed with pulldown-cmark
//! and rebuilt from escaped text and a fixed set of Typst functions. Nothing the user types can
//! become Typst code.

use std::collections::HashMap;
use std::fmt::Write;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// Characters with a meaning somewhere in Typst markup. Escaping all of them (and only them)
/// keeps text literal: `\` followed by any non-space character is that character.
const MARKUP_SPECIAL: &[char] = &[
    '\\', '/', '[', ']', '(', ')', '{', '}', ';', '~', '-', '.', '\'', '"', '*', '_', ':', '`', '$', '<', '>', '@',
    '#', '=', '+',
];

/// Escapes text for Typst markup, on one line: line breaks become spaces, so a value can never
/// start a heading, list or paragraph of its own.
pub fn escape_inline(text: &str) -> String {
    // Plain text is set as one paragraph (a blank line in it is a space).
    crate::output::alinea::note_plain(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            c if MARKUP_SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            // Other control characters have no place in a document and some break PDF text.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A Typst string literal (with its quotes) holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Deeper nesting than this is flattened: no council text needs it, and unbounded nesting
/// would only let hostile input exhaust Typst's recursion limits.
const MAX_DEPTH: usize = 12;

/// Converts Markdown (CommonMark with footnotes and strikethrough) to Typst markup.
///
/// Block structure maps to Typst functions (`#list`, `#enum`, `#quote`, `#footnote`) rather than
/// Typst's own whitespace-sensitive list syntax, so indentation in the input cannot change the
/// meaning of the output. Headings inside a text field become bold paragraphs: the document's
/// own headings carry the structure, and a field must not break the heading order (PDF/UA).
pub fn markdown(source: &str) -> String {
    convert(source, false)
}

/// Like [`markdown`], but its headings become the document's own headings (in the outline and
/// the bookmarks), from depth 1, never skipping a level (`###` after `#` becomes depth 2).
pub fn markdown_with_headings(source: &str) -> String {
    convert(source, true)
}

/// The Markdown options every text field is read with (also by `check`).
pub const OPTIONS: Options =
    Options::ENABLE_FOOTNOTES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_TABLES);

fn convert(source: &str, headings: bool) -> String {
    let options = OPTIONS;
    let events: Vec<Event> = Parser::new_ext(source, options).collect();

    // Footnote definitions may come after their references: collect them first.
    let mut footnotes: HashMap<String, Vec<Event>> = HashMap::new();
    let mut body = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            let label = label.to_string();
            let mut depth = 1;
            let mut inner = Vec::new();
            for e in iter.by_ref() {
                match &e {
                    Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                inner.push(e);
            }
            footnotes.entry(label).or_insert(inner);
        } else {
            body.push(event);
        }
    }

    let mut writer = Writer {
        out: String::new(),
        footnotes: &footnotes,
        stack: Vec::new(),
        in_footnote: 0,
        headings: headings.then_some(0),
        table: None,
        image_alt: None,
    };
    writer.write_events(&body);
    writer.out.trim().to_string()
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Paragraph,
    Heading,
    Quote,
    List,
    Item,
    Emphasis,
    Strong,
    Strikethrough,
    Link,
    CodeBlock,
    Image,
    Table,
    Cell,
    Flattened,
    Other,
}

struct Writer<'a> {
    out: String,
    footnotes: &'a HashMap<String, Vec<Event<'a>>>,
    stack: Vec<Open>,
    in_footnote: usize,
    /// With real headings: the depth of the last one written (0 before the first).
    headings: Option<usize>,
    /// Inside a table: which cell of the row, and the text of the current cell (to align
    /// numbers right).
    table: Option<TableState>,
    /// Inside an image: its alt text, as typed.
    image_alt: Option<String>,
}

struct TableState {
    cell_start: usize,
    in_head: bool,
}

impl Writer<'_> {
    fn depth(&self) -> usize {
        self.stack.iter().filter(|o| matches!(o, Open::List | Open::Quote | Open::Item)).count()
    }

    fn inline_depth(&self) -> usize {
        self.stack
            .iter()
            .filter(|o| matches!(o, Open::Emphasis | Open::Strong | Open::Strikethrough | Open::Link | Open::Heading))
            .count()
    }

    fn write_events(&mut self, events: &[Event]) {
        for event in events {
            self.write_event(event);
        }
    }

    fn write_event(&mut self, event: &Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) => {
                if self.stack.last() == Some(&Open::CodeBlock) {
                    // Code block text arrives in pieces; it is collected by the raw() call below.
                    push_escaped_string_body(&mut self.out, text);
                } else if let Some(alt) = &mut self.image_alt {
                    alt.push_str(text);
                } else {
                    push_escaped(&mut self.out, text);
                }
            }
            Event::Code(code) => {
                let _ = write!(self.out, "#raw({})", string_literal(code));
            }
            // Raw HTML and math are not interpreted: they print as typed.
            Event::Html(html) | Event::InlineHtml(html) => push_escaped(&mut self.out, html),
            Event::InlineMath(m) | Event::DisplayMath(m) => push_escaped(&mut self.out, m),
            Event::FootnoteReference(label) => self.footnote(label),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.out.push_str("\n\n#line(length: 100%, stroke: 0.5pt)\n\n"),
            Event::TaskListMarker(done) => self.out.push_str(if *done { "☒ " } else { "☐ " }),
        }
    }

    fn footnote(&mut self, label: &str) {
        match self.footnotes.get(label) {
            // A footnote inside a footnote is not allowed by Typst: write its text inline.
            Some(inner) if self.in_footnote == 0 => {
                self.out.push_str("#footnote[");
                self.in_footnote += 1;
                let start = self.out.len();
                self.write_events(inner);
                let text = self.out[start..].trim().to_string();
                self.out.truncate(start);
                self.out.push_str(&text);
                self.in_footnote -= 1;
                self.out.push(']');
            }
            _ => {
                self.out.push_str("\\[\\^");
                push_escaped(&mut self.out, label);
                self.out.push_str("\\]");
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        // Inside an image only its alt text counts: no styling can go into a string.
        if self.image_alt.is_some() {
            self.stack.push(Open::Other);
            return;
        }
        let too_deep = self.depth() >= MAX_DEPTH;
        let inline_too_deep = self.inline_depth() >= MAX_DEPTH;
        let open = match tag {
            // Beyond the limit, nested emphasis keeps its text and loses its styling.
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } if inline_too_deep => Open::Other,
            Tag::Paragraph => {
                self.block_break();
                Open::Paragraph
            }
            Tag::Heading { level, .. } if self.headings.is_some() && self.table.is_none() && self.depth() == 0 => {
                self.block_break();
                let previous = self.headings.unwrap_or(0);
                let depth = (*level as usize).min(previous + 1).max(1);
                self.headings = Some(depth);
                let _ = write!(self.out, "#heading(depth: {depth})[");
                Open::Heading
            }
            Tag::Heading { .. } => {
                self.block_break();
                self.out.push_str("#strong[");
                Open::Heading
            }
            Tag::Table(alignments) if self.table.is_none() && !too_deep => {
                self.block_break();
                let columns = alignments.len().max(1);
                let _ = write!(
                    self.out,
                    "#block(above: 1em, below: 1em, table(columns: {columns}, fill: (_, y) => if y == 0 {{ secundair }}, "
                );
                self.table = Some(TableState { cell_start: 0, in_head: false });
                Open::Table
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
                self.out.push_str("table.header(");
                Open::Other
            }
            Tag::TableRow => Open::Other,
            // The cell's content is written first and wrapped when it ends, once it is known
            // whether it is a number.
            Tag::TableCell if self.table.is_some() => {
                if let Some(t) = &mut self.table {
                    t.cell_start = self.out.len();
                }
                Open::Cell
            }
            Tag::BlockQuote(_) if !too_deep => {
                self.block_break();
                self.out.push_str("#quote(block: true)[");
                Open::Quote
            }
            Tag::List(first) if !too_deep => {
                self.block_break();
                match first {
                    Some(n) => {
                        let _ = write!(self.out, "#enum(start: {n}, ");
                    }
                    None => self.out.push_str("#list("),
                }
                Open::List
            }
            Tag::Item if !too_deep => {
                self.out.push('[');
                Open::Item
            }
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Item => {
                self.block_break();
                Open::Flattened
            }
            Tag::Emphasis => {
                self.out.push_str("#emph[");
                Open::Emphasis
            }
            Tag::Strong => {
                self.out.push_str("#strong[");
                Open::Strong
            }
            Tag::Strikethrough => {
                self.out.push_str("#strike[");
                Open::Strikethrough
            }
            // Only web and mail links become links (check refuses the others, at their line).
            Tag::Link { dest_url, .. } if link_allowed(dest_url) => {
                let _ = write!(self.out, "#link({})[", string_literal(dest_url));
                Open::Link
            }
            Tag::Link { .. } => Open::Other,
            Tag::CodeBlock(kind) => {
                self.block_break();
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) if !lang.is_empty() => {
                        format!("lang: {}, ", string_literal(lang))
                    }
                    _ => String::new(),
                };
                let _ = write!(self.out, "#raw(block: true, {lang}\"");
                Open::CodeBlock
            }
            // A project file (checked by `check`: it exists, is a PNG, JPEG or SVG within the
            // limits, and has an alt text), placed as a figure with its alt text as caption.
            Tag::Image { dest_url, .. } if self.image_alt.is_none() => {
                self.image_alt = Some(String::new());
                let path = format!("/{}", dest_url.trim_start_matches('/'));
                let _ = write!(self.out, "#figure(image({}, width: 80%, alt: ", string_literal(&path));
                Open::Image
            }
            _ => Open::Other,
        };
        self.stack.push(open);
    }

    fn end(&mut self, tag: TagEnd) {
        if tag == TagEnd::TableHead {
            if let Some(t) = &mut self.table {
                t.in_head = false;
            }
            self.out.push_str("), ");
        }
        match self.stack.pop() {
            Some(Open::Paragraph) => self.out.push_str("\n\n"),
            Some(Open::Heading) => self.out.push_str("]\n\n"),
            Some(Open::Quote) => {
                trim_end_in_place(&mut self.out);
                self.out.push_str("]\n\n");
            }
            Some(Open::List) => {
                // Items were written as trailing content blocks: `#list([a], [b],)`.
                self.out.push_str(")\n\n");
            }
            Some(Open::Item) => {
                trim_end_in_place(&mut self.out);
                self.out.push_str("], ");
            }
            Some(Open::Emphasis | Open::Strong | Open::Strikethrough | Open::Link) => self.out.push(']'),
            Some(Open::CodeBlock) => self.out.push_str("\")\n\n"),
            Some(Open::Flattened) => self.out.push(' '),
            Some(Open::Table) => {
                self.table = None;
                self.out.push_str("))\n\n");
            }
            Some(Open::Cell) => {
                let (start, head) = self.table.as_ref().map_or((self.out.len(), false), |t| (t.cell_start, t.in_head));
                let content = self.out.split_off(start);
                // Numbers are aligned right, as in every table of the document; headers bold.
                let align = if !head && crate::output::tables::is_numeric(&content.replace('\\', "")) {
                    "right"
                } else {
                    "left"
                };
                if head {
                    let _ = write!(self.out, "table.cell(align: {align})[#strong[{content}]], ");
                } else {
                    let _ = write!(self.out, "table.cell(align: {align})[{content}], ");
                }
            }
            Some(Open::Image) => {
                let alt = self.image_alt.take().unwrap_or_default();
                let _ = write!(self.out, "{}), caption: [", string_literal(alt.trim()));
                push_escaped(&mut self.out, alt.trim());
                self.out.push_str("])");
            }
            Some(Open::Other) | None => {}
        }
    }

    /// Separates a new block from what came before, unless we are at the start of a container.
    fn block_break(&mut self) {
        let at_container_start = self.out.ends_with('[') || self.out.ends_with("(") || self.out.is_empty();
        if !at_container_start && !self.out.ends_with("\n\n") {
            trim_end_in_place(&mut self.out);
            self.out.push_str("\n\n");
        }
    }
}

/// The link schemes a document may hold: web pages and e-mail addresses. A `javascript:` or
/// `file:` link in a council document can only do harm.
pub const LINK_SCHEMES: &[&str] = &["https:", "http:", "mailto:"];

/// Whether a Markdown link's destination may become a link.
pub fn link_allowed(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    LINK_SCHEMES.iter().any(|s| lower.starts_with(s))
}

/// Every link destination in a Markdown text that may not become a link.
pub fn forbidden_links(source: &str) -> Vec<String> {
    Parser::new_ext(source, OPTIONS)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) if !link_allowed(&dest_url) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// Every image in a Markdown text: (path, alt text).
pub fn images(source: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut inside = 0;
    for event in Parser::new_ext(source, OPTIONS) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if inside == 0 {
                    out.push((dest_url.to_string(), String::new()));
                }
                inside += 1;
            }
            Event::End(TagEnd::Image) => inside -= 1,
            Event::Text(t) | Event::Code(t) if inside > 0 => {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Text inside a Typst string literal that is being written piece by piece.
fn push_escaped_string_body(out: &mut String, text: &str) {
    let literal = string_literal(text);
    out.push_str(&literal[1..literal.len() - 1]);
}

fn trim_end_in_place(s: &mut String) {
    let trimmed = s.trim_end_matches([' ', '\n']).len();
    s.truncate(trimmed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_metacharacter() {
        assert_eq!(escape_inline("#read(\"/etc/passwd\")"), "\\#read\\(\\\"\\/etc\\/passwd\\\"\\)");
        assert_eq!(escape_inline("= f"), "\\= f");
        assert_eq!(escape_inline("a\nb"), "a b");
        assert_eq!(escape_inline("€ 14.597.000"), "€ 14\\.597\\.000");
    }

    #[test]
    fn string_literals_escape_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
    }

    #[test]
    fn markdown_paragraphs_and_emphasis() {
        let out = markdown("Een *nadruk* en **sterk**.\n\nTweede alinea.");
        assert_eq!(out, "Een #emph[nadruk] en #strong[sterk]\\.\n\nTweede alinea\\.");
    }

    #[test]
    fn markdown_lists_use_functions() {
        let out = markdown("- een\n- twee\n\n1. eerste\n2. tweede");
        assert_eq!(out, "#list([een], [twee], )\n\n#enum(start: 1, [eerste], [tweede], )");
    }

    #[test]
    fn markdown_footnotes_are_placed_at_their_reference() {
        let out = markdown("Veilig[^1].\n\n[^1]: Bron CBS 2017/G32");
        assert_eq!(out, "Veilig#footnote[Bron CBS 2017\\/G32]\\.");
    }

    #[test]
    fn markdown_headings_do_not_become_typst_headings() {
        let out = markdown("# Kop\n\ntekst");
        assert_eq!(out, "#strong[Kop]\n\ntekst");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep_list: String = (0..200).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        let out = markdown(&deep_list);
        assert!(out.matches("#list(").count() <= MAX_DEPTH, "{out}");
        let deep_quote = format!("{}x", "> ".repeat(500));
        assert!(markdown(&deep_quote).matches("#quote(").count() <= MAX_DEPTH);
        for deep in [
            format!("{}x{}", "*_".repeat(300), "_*".repeat(300)),
            format!("{}x{}", "**".repeat(300), "**".repeat(300)),
            "[".repeat(2000) + &"]".repeat(2000),
        ] {
            let out = markdown(&deep);
            assert!(nesting(&out) <= MAX_DEPTH + 2, "nesting {} in {out}", nesting(&out));
        }
    }

    /// The deepest nesting of unescaped content brackets.
    fn nesting(s: &str) -> usize {
        let (mut depth, mut max, mut escaped) = (0usize, 0, false);
        for c in s.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '[' if !escaped => {
                    depth += 1;
                    max = max.max(depth);
                }
                ']' if !escaped => depth = depth.saturating_sub(1),
                _ => escaped = false,
            }
            if c != '\\' {
                escaped = false;
            }
        }
        max
    }

    #[test]
    fn markdown_tables_align_numbers_right() {
        let out = markdown("| Post | Bedrag |\n|---|---|\n| OZB | 1.234 |\n| Leges | *n.v.t.* |");
        assert!(out.contains("table.header(table.cell(align: left)[#strong[Post]], "), "{out}");
        assert!(out.contains("table.cell(align: left)[OZB], table.cell(align: right)[1\\.234], "), "{out}");
        assert!(out.contains("table.cell(align: left)[#emph[n\\.v\\.t\\.]]"), "{out}");
    }

    #[test]
    fn markdown_images_are_figures_with_their_alt_text() {
        let out = markdown("![Kaart van *het* havengebied](data/kaart.png)");
        assert_eq!(
            out,
            "#figure(image(\"/data/kaart.png\", width: 80%, alt: \"Kaart van het havengebied\"), caption: [Kaart van het havengebied])"
        );
        assert_eq!(
            images("x ![a](b.png) ![](c.svg)"),
            [("b.png".to_string(), "a".to_string()), ("c.svg".into(), "".into())]
        );
    }

    #[test]
    fn markdown_headings_may_be_the_documents_own_and_never_skip() {
        let out = markdown_with_headings("### Een\n\ntekst\n\n## Twee\n\n#### Drie");
        assert_eq!(out, "#heading(depth: 1)[Een]\n\ntekst\n\n#heading(depth: 2)[Twee]\n\n#heading(depth: 3)[Drie]");
    }

    #[test]
    fn markdown_html_and_code_stay_literal() {
        assert_eq!(markdown("<b>x</b>"), "\\<b\\>x\\<\\/b\\>");
        assert_eq!(markdown("`#x`"), "#raw(\"#x\")");
    }
}
