//! Nothing accepted is silently dropped: every text a document's YAML gives appears in its PDFs.

use std::collections::BTreeMap;

use raadsstuk::source::yaml::YamlFile;

use crate::common::*;

/// A Markdown text as its plain sentences: split where a block, a sentence or a clause ends,
/// since Markdown adds list markers and numbers between them.
fn fragments(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    let mut out = vec![String::new()];
    for event in Parser::new_ext(markdown, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.last_mut().expect("one").push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.last_mut().expect("one").push(' '),
            Event::End(_) | Event::Start(_) | Event::FootnoteReference(_) => out.push(String::new()),
            _ => {}
        }
    }
    out.iter()
        .flat_map(|block| {
            block
                .split(['.', ';', ':', '!', '?', '(', ')', '[', ']'])
                .map(str::trim)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|f| f.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .collect()
}

/// Keys whose values are not text for the reader: kinds, references, file paths, dates (printed
/// the Dutch way), the number format of a value, or switches.
fn not_text(key: &str, value: &str) -> bool {
    matches!(key, "soort" | "status" | "id" | "bestand" | "richting" | "beoordeling" | "breedtes")
        // A stand of a bestuursrapportage: printed as its word ("op koers"), symbol and colour.
        || key == "stand"
        // The label of the BBV section, printed above the BBV indicators when there are any.
        || key == "bbv"
        // Which paragraaf: printed as its title ("Paragraaf Lokale heffingen").
        || key == "paragraaf"
        // An investering's kind of nut, and a verbonden partij's form: printed as the heading
        // of their group.
        || key == "nut"
        || key == "vorm"
        // Numbers and amounts are printed formatted (thousands, units): their own tests check them.
        || value.chars().all(|c| c.is_ascii_digit() || ".,-".contains(c))
        || chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok()
        || matches!(value, "true" | "false")
}

#[test]
fn every_text_of_every_document_is_in_its_pdfs() {
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut checked = 0;
    for p in [Scratch::with_samples(), Scratch::fixture("andere-gemeente"), Scratch::fixture("velsen")] {
        // The text of every PDF a document makes, as laid out: running headers and footers
        // (artifacts) left out, so that a sentence across a page break reads as one; spaces,
        // hyphens and hyphenation breaks left out, as the layout has them at line ends.
        let session =
            raadsstuk::session::Session::open(raadsstuk::source::project::Project::open(&p.root).unwrap()).unwrap();
        let options = layout_options(&p);
        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        for doc in session.project.documents().unwrap() {
            let loaded = session.load(&doc).unwrap();
            let text = texts.entry(doc.relative.clone()).or_default();
            for (_, layout) in session.layouts(&loaded, &options).unwrap() {
                let laid = crate::drukwerk::laid(&layout.document);
                let runs = laid.runs.iter().filter(|r| !r.within("artifact"));
                // Footnotes stand at the page foot, inside the sentence that runs on: read apart.
                let (notes, body): (Vec<_>, Vec<_>) = runs.partition(|r| r.within("entry"));
                for run in body.into_iter().chain(notes) {
                    text.push_str(&squash(&run.text.replace('\u{ad}', "")));
                }
            }
        }
        // The project's list of verbonden partijen: every text of it in the paragraaf that
        // lists them.
        let mut bronnen: Vec<(String, &String)> = texts.iter().map(|(b, pdf)| (b.clone(), pdf)).collect();
        if p.path("data/verbonden-partijen.yaml").exists() {
            bronnen
                .push(("data/verbonden-partijen.yaml".into(), &texts["data/2024/paragraaf-verbonden-partijen.yaml"]));
        }
        for (bron, pdf) in bronnen {
            let bron = &bron;
            let file = YamlFile::decode(bron, p.read(bron).as_bytes()).unwrap();
            file.tree().walk(None, &mut |node, key| {
                let (Some(text), Some(key)) = (node.text(), key.and_then(|k| k.text())) else { return };
                if text.trim().is_empty() || not_text(key, text) {
                    return;
                }
                for part in fragments(text) {
                    checked += 1;
                    if !pdf.contains(&squash(&part)) {
                        missing.entry(bron.clone()).or_default().push(format!("{key}: {part}"));
                    }
                }
            });
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    // Not a vacuous pass: every sentence of the samples and the fixture was looked for.
    assert!(checked > 1500, "only {checked} fragments checked");
}
