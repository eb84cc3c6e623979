//! The checks of a file's text that every kind shares, made when it is read (before anything
//! is typeset): images, characters no font has, paragraphs too long to lay out, empty labels,
//! links; and what only shows once values are placed in the templates (plain texts set as one
//! paragraph).

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Problems};
use crate::output::typeset::Typesetter;
use crate::source::project::GEMEENTE_FILE;
use crate::source::yaml::YamlFile;

use super::{INDICATOREN_FILE, Loaded, Session};

impl Session {
    /// Every image in a Markdown text must be a PNG or SVG file of the project, within the
    /// limits, with an alt text (PDF/UA and the reader without sight need it).
    pub(super) fn images(&self, file: &YamlFile) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        file.tree().walk(None, &mut |node, _| {
            let Some(text) = node.text().filter(|t| t.contains("![")) else { return };
            for (path, alt) in crate::output::markup::images(text) {
                let lower = path.to_ascii_lowercase();
                let svg = lower.ends_with(".svg");
                let problem = if alt.trim().is_empty() {
                    Some((
                        format!("de afbeelding `{path}` heeft geen alternatieve tekst"),
                        "schrijf tussen de haken wat de afbeelding laat zien: `![Kaart van het havengebied](…)`".to_string(),
                    ))
                } else if !(svg || lower.ends_with(".png")) {
                    Some((format!("`{path}` is geen PNG- of SVG-afbeelding"), "gebruik een .png of .svg uit het project (een foto: sla hem op als PNG)".into()))
                } else {
                    let path = path.trim_start_matches('/');
                    crate::source::image::project_path_problem(&self.project, path)
                        .map(Err)
                        .unwrap_or_else(|| self.project.read(path))
                        .and_then(|bytes| match crate::source::image::content_problem(path, &bytes) {
                            Some(why) => Err(why),
                            None => crate::source::image::check(&bytes, svg).and_then(|()| {
                                // The site shows it as it draws (see `output::svg`): it must read.
                                match svg && crate::output::svg::clean(&bytes).is_none() {
                                    true => Err("het SVG-bestand is niet te lezen voor de webversie".to_string()),
                                    false => Ok(()),
                                }
                            }),
                        })
                        .err()
                        .map(|why| (format!("de afbeelding `{path}` kan niet worden geplaatst: {why}"), "een afbeelding is een bestand in de projectmap, met een pad vanaf de projectmap (bijvoorbeeld `data/2024/kaart.png`)".into()))
                };
                // The text an SVG draws is set with the project's fonts too.
                let problem = problem.or_else(|| {
                    let bytes = svg.then(|| self.project.read(path.trim_start_matches('/')).ok()).flatten()?;
                    let missing = missing_glyphs(&crate::source::image::svg_text(&bytes), &self.typesetter)?;
                    Some((
                        format!("de afbeelding `{path}` bevat tekst met {missing}, dat in geen lettertype van het project staat"),
                        format!("gebruik in de afbeelding tekens die de lettertypen kennen ({}, in `fonts/`), of maak van die tekst vormen", self.typesetter.families().join(", ")),
                    ))
                });
                if let Some((message, hint)) = problem {
                    problems.push(file.diagnostic(Some(node.position), message).with_hint(hint));
                }
            }
        });
        problems
    }

    /// The project's verbonden partijen, with the checks every document's texts pass (links,
    /// images, paragraph length, empty labels, characters no font has): its texts are printed
    /// in the paragraaf and the programmes that name a party.
    pub(super) fn lees_verbonden_partijen(
        &self,
    ) -> Result<Option<crate::domain::verbonden_partijen::VerbondenPartijen>, Problems> {
        let Some((mut lijst, file, mut problems)) = crate::source::gemeente::load_verbonden_partijen(&self.project)?
        else {
            return Ok(None);
        };
        problems.extend(forbidden_links(&file));
        problems.extend(self.images(&file));
        problems.extend(overlong_paragraphs(&file));
        problems.extend(empty_labels(&file));
        problems.extend(self.unshowable(&file));
        // Each problem is its party's (by the line it is on); one above every party is the list's.
        let begin: Vec<usize> = (0..lijst.verbonden_partijen.len())
            .filter_map(|i| file.locate(&["verbonden_partijen", &i.to_string()]).map(|p| p.line))
            .collect();
        let mut algemeen = Vec::new();
        for d in problems {
            let regel = d.position.map(|p| p.line);
            match regel.and_then(|r| begin.iter().rposition(|b| *b <= r)) {
                Some(i) => lijst.fouten.entry(i).or_default().push(d),
                None => algemeen.push(d),
            }
        }
        if algemeen.is_empty() { Ok(Some(lijst)) } else { Err(Problems(algemeen)) }
    }

    /// Every character of a file that no font in `fonts/` can show, at the value that holds
    /// it. Found here, before typesetting: Typst would draw nothing, and the PDF could not be
    /// accessible.
    pub(super) fn unshowable(&self, file: &YamlFile) -> Vec<Diagnostic> {
        unshowable(file, &self.typesetter)
    }
}

/// Every character of a file that no font in `fonts/` can show, at the value that holds it.
/// Found here, before typesetting: Typst would draw nothing, and the PDF could not be
/// accessible. Used for documents, gemeente.yaml and indicatoren.yaml alike.
pub(super) fn unshowable(file: &YamlFile, typesetter: &Typesetter) -> Vec<Diagnostic> {
    let mut problems = Vec::new();

    let mut covered: HashMap<char, bool> = HashMap::new();
    file.tree().walk(None, &mut |node, _| {
        let Some(text) = node.text() else { return };
        let mut reported = Vec::new();
        for c in text.chars() {
            if c.is_control() && !matches!(c, '\n' | '\t' | '\r') && !reported.contains(&c) {
                // Nothing would show it, and a reader of the PDF would not know it is there.
                reported.push(c);
                problems.push(
                    file.diagnostic(
                        Some(node.position),
                        format!("deze tekst bevat het stuurteken U+{:04X}, dat niet in een document hoort", c as u32),
                    )
                    .with_hint("haal het weg (het komt vaak mee bij kopiëren uit een ander programma)"),
                );
                continue;
            }
            if c.is_whitespace() || c.is_control() || invisible(c) || reported.contains(&c) {
                continue;
            }
            if !*covered.entry(c).or_insert_with(|| typesetter.covers(c)) {
                reported.push(c);
                problems.push(
                    file.diagnostic(
                        Some(node.position),
                        format!("het teken `{c}` (U+{:04X}) staat in geen lettertype van het project", c as u32),
                    )
                    .with_hint(format!(
                        "gebruik een woord of een teken dat de lettertypen kennen ({}, in `fonts/`)",
                        typesetter.families().join(", ")
                    )),
                );
            }
        }
    });
    problems
}

impl Session {
    /// Plain texts (not Markdown: a besluitpunt, a name) that are set as one paragraph longer
    /// than a paragraph may be, said at the value that holds them. `texts` are the overlong
    /// texts a render escaped (see [`crate::output::alinea::take_overlong`]).
    pub(crate) fn overlong_plain(&self, relative: &str, texts: &[String]) -> Problems {
        let files: Vec<YamlFile> =
            [relative, GEMEENTE_FILE, INDICATOREN_FILE, crate::domain::verbonden_partijen::VERBONDEN_PARTIJEN_FILE]
                .iter()
                .filter_map(|f| self.project.read(f).ok().and_then(|b| YamlFile::decode(f, &b).ok()))
                .collect();
        let mut problems = Vec::new();
        for text in texts {
            let length = crate::output::alinea::laid_out_length(text);
            let message = format!(
                "deze tekst wordt als één alinea gezet en is {} tekens lang; een alinea mag ten hoogste {} tekens hebben",
                crate::domain::format::integer(length as i64),
                crate::domain::format::integer(MAX_ALINEA as i64)
            );
            let mut found = None;
            for file in &files {
                file.tree().walk(None, &mut |node, _| {
                    if found.is_none() && node.text() == Some(text.as_str()) {
                        found = Some(file.diagnostic(Some(node.position), message.clone()));
                    }
                });
                if found.is_some() {
                    break;
                }
            }
            let diagnostic = found.unwrap_or_else(|| Diagnostic::new(relative, message.clone()));
            problems.push(diagnostic.with_hint(
                "dit veld is gewone tekst, geen Markdown: een lege regel maakt er geen nieuwe alinea van. Maak de \
                 tekst korter, of zet het langere verhaal in een tekstveld met alinea's (de toelichting of een bijlage)",
            ));
        }
        Problems(problems)
    }

    /// What `check` adds to loading: the document's templates rendered (no typesetting), so
    /// that what only shows when its values are placed is said now.
    pub fn check_rendered(&self, loaded: &Loaded) -> Result<(), Problems> {
        crate::output::alinea::take_overlong();
        self.sources(loaded)?;
        let mut overlong = crate::output::alinea::take_overlong();
        // A text placed in two outputs (a besluitpunt in voorstel and besluit) is said once.
        overlong.sort();
        overlong.dedup();
        if overlong.is_empty() { Ok(()) } else { Err(self.overlong_plain(&loaded.file.relative, &overlong)) }
    }
}

/// The first character of `text` that no font has, said as "het teken `x` (U+…)".
pub(super) fn missing_glyphs(text: &str, typesetter: &Typesetter) -> Option<String> {
    text.chars()
        .find(|&c| !c.is_whitespace() && !c.is_control() && !invisible(c) && !typesetter.covers(c))
        .map(|c| format!("het teken `{c}` (U+{:04X})", c as u32))
}

/// Characters that take no place on the page (soft hyphen, joiners, variation selectors): no
/// font needs a glyph for them.
fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

/// The longest paragraph a text may have (see [`crate::output::alinea::MAX_ALINEA`]).
pub const MAX_ALINEA: usize = crate::output::alinea::MAX_ALINEA;

/// Every paragraph longer than [`MAX_ALINEA`], at the value that holds it.
pub(super) fn overlong_paragraphs(file: &YamlFile) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    file.tree().walk(None, &mut |node, _| {
        let Some(text) = node.text() else { return };
        if text.len() <= MAX_ALINEA {
            return;
        }
        let mut n = 0;
        // Paragraphs end at a blank line: one with nothing but spaces or tabs is blank too.
        let mut paragraphs = vec![String::new()];
        for line in text.lines() {
            if line.trim().is_empty() {
                paragraphs.push(String::new());
            } else {
                let current = paragraphs.last_mut().expect("one at least");
                current.push_str(line);
                current.push('\n');
            }
        }
        for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
            n += 1;
            // As it is laid out: runs of spaces (a list's indentation) are one space.
            let length = crate::output::alinea::laid_out_length(paragraph);
            if length > MAX_ALINEA {
                problems.push(
                    file.diagnostic(
                        Some(node.position),
                        format!(
                            "alinea {n} van deze tekst is {} tekens lang; een alinea mag ten hoogste {} tekens hebben",
                            crate::domain::format::integer(length as i64),
                            crate::domain::format::integer(MAX_ALINEA as i64)
                        ),
                    )
                    .with_hint("verdeel de tekst in alinea's met een lege regel ertussen"),
                );
            }
        }
    });
    problems
}

/// Every label that would print as a heading or table header with no text, at its value: a
/// `titel` anywhere, and the questions and column labels a chapter sets (`vragen:`,
/// `kolommen:`). An empty heading is no heading a reader without sight can find, and PDF/UA
/// refuses it; said here, not by Typst against a template. (`doel_label: ""` is meant: no
/// label before a doel's title.)
pub(super) fn empty_labels(file: &YamlFile) -> Vec<Diagnostic> {
    use crate::source::yaml::tree::Kind;
    let mut problems = Vec::new();
    // An activity with a code and a description may have no title (its own check says when it
    // may not): every other empty `titel` is refused here.
    fn walk(node: &crate::source::yaml::tree::Node, file: &YamlFile, problems: &mut Vec<Diagnostic>) {
        match &node.kind {
            Kind::Fields(fields) => {
                let filled = |name: &str| {
                    fields.iter().any(|(k, v)| k.text() == Some(name) && v.text().is_some_and(|t| !t.trim().is_empty()))
                };
                let activiteit = filled("code") && filled("toelichting");
                for (key, value) in fields {
                    let empty = value.text().is_some_and(|t| t.trim().is_empty());
                    if key.text() == Some("titel") && empty && !activiteit {
                        problems.push(
                            file.diagnostic(
                                Some(value.position),
                                "deze titel is leeg: een kop of regel zonder tekst kan niet in een toegankelijke PDF",
                            )
                            .with_hint("geef een titel, of laat het onderdeel weg"),
                        );
                    }
                    // A `naam` labels a row (a reserve, a post, a partner): a row without one
                    // tells the reader nothing.
                    if key.text() == Some("naam") && empty {
                        problems.push(
                            file.diagnostic(
                                Some(value.position),
                                "deze naam is leeg: de regel zou zonder naam in de tabel staan",
                            )
                            .with_hint("geef de naam, of laat het onderdeel weg"),
                        );
                    }
                    walk(value, file, problems);
                }
            }
            Kind::List(items) => items.iter().for_each(|i| walk(i, file, problems)),
            _ => {}
        }
    }
    walk(file.tree(), file, &mut problems);
    for section in ["vragen", "kolommen"] {
        let Some(Kind::Fields(fields)) = file.tree().get(section).map(|n| &n.kind) else { continue };
        for (name, value) in fields {
            if value.text().is_some_and(|t| t.trim().is_empty()) {
                let name = name.text().unwrap_or("?");
                problems.push(
                    file.diagnostic(Some(value.position), format!("het label `{section}.{name}` is leeg")).with_hint(
                        format!(
                            "laat `{name}` weg voor de standaardtekst, of geef de tekst die boven dat deel moet staan"
                        ),
                    ),
                );
            }
        }
    }
    problems
}

/// Every Markdown link in the file that may not become a link (see `markup::LINK_SCHEMES`), at
/// the value that holds it.
pub(super) fn forbidden_links(file: &YamlFile) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    file.tree().walk(None, &mut |node, _| {
        if let Some(text) = node.text() {
            for url in crate::output::markup::forbidden_links(text) {
                problems.push(
                    file.diagnostic(Some(node.position), format!("een link naar `{url}` kan niet in een raadsstuk"))
                        .with_hint(format!(
                            "alleen links die beginnen met {} worden links",
                            crate::output::markup::LINK_SCHEMES.join(", ")
                        )),
                );
            }
        }
    });
    problems
}
