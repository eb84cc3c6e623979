//! The pipeline for one run: load → validate → view → render → typeset → write.
//!
//! A [`Session`] loads what every document shares (gemeente.yaml, templates, fonts, the Typst
//! library) once; each document then flows through the stages on its own, so one broken
//! document never stops the others. A raadsvoorstel's bundle is the exception that proves the
//! rule: it takes the laid-out pages of its parts (see [`crate::output::assemble`]), sharing a
//! Kadernota's layout with that Kadernota's own build when both are in one run.

mod bundle;
mod document;
mod load;
mod records;
mod run;
mod sent;
mod web;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use crate::kinds::{Bron, Copy, Deel, Loaded, Rendering, document_stem};
use crate::kinds::{Kind, Library, Meta, Sources};
use chrono::NaiveDate;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};

use crate::batch::state::{self as incremental, BijlageVan, Herziening, OutputRecord};
use crate::diagnostics::{Diagnostic, Position, Problems};
use crate::domain::model::{Gemeente, Indicator};
use crate::kinds::{self};
use crate::output::render::Templates;
use crate::output::typeset::{Typeset, Typesetter};
use crate::source::project::{DocumentFile, GEMEENTE_FILE, Project};
use crate::source::yaml::YamlFile;

pub use crate::source::gemeente::INDICATOREN_FILE;
pub use crate::source::project::{Reads, document_file};

/// What every document of a run shares.
pub struct Session {
    pub project: Project,
    pub gemeente: Gemeente,
    /// Run-wide inputs of every document: tool version, templates, fonts (name → hash).
    omgeving: BTreeMap<String, String>,
    /// From `data/indicatoren.yaml` (empty when the project has none).
    pub indicatoren: BTreeMap<String, Indicator>,
    templates: Templates,
    /// The web edition's HTML templates (see `output::web`).
    web_templates: Templates,
    typesetter: Typesetter,
    /// The kinds of document this session knows (see `kinds::builtin`).
    kinds: Vec<&'static dyn Kind>,
    /// Documents loaded in this run, by path: a jaarverslag reads every earlier year, and
    /// parsing each file once keeps a run (and a no-op rebuild) fast. `watch` clears it before
    /// each rebuild.
    loaded: Mutex<HashMap<String, Result<Loaded, Problems>>>,
    /// Outputs that a bundle of this run will need too, by document path: laid out once and
    /// kept until every user is done (see `build_all`).
    gedeeld: Mutex<HashMap<String, Gedeeld>>,
    /// The revision date of each revised definitief document, by path: every PDF that shows
    /// the document (its own, a bundle) carries it.
    herzien: Mutex<HashMap<String, NaiveDate>>,
}

/// One shared output: its result once made (with what making it read), and how many documents
/// of the run still need it.
struct Gedeeld {
    users: usize,
    cell: Arc<OnceLock<SharedLayout>>,
}

/// A layout shared between a document and the bundles of the run, with what making it read.
type SharedLayout = Result<(Arc<Typeset>, BTreeSet<String>), Problems>;

/// What building one document wrote.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every file written (PDFs and copied PDF bijlagen), as the manifest lists them.
    pub records: Vec<OutputRecord>,
    /// Typst's warnings, to show the user.
    pub waarschuwingen: Vec<String>,
    /// Time spent in Typst (compile and PDF export).
    pub typst_seconds: f64,
    /// The revision these PDFs carry (a definitief document changed on purpose), if any.
    pub herziening: Option<Herziening>,
    /// For a raadsvoorstel: its bijlagen that are documents of the project.
    pub bijlagen: Vec<BijlageVan>,
    /// Everything the document read (see [`Reads`]).
    pub reads: BTreeSet<String>,
}

/// Options of `raadsstuk build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out_dir: PathBuf,
    /// Also write the generated Typst source next to each PDF.
    pub emit_typst: bool,
    /// Rebuild every document, changed or not.
    pub force: bool,
    /// Documents built at the same time (at least 1).
    pub jobs: usize,
    /// Also write the bundle of each raadsvoorstel (`watch` previews without it).
    pub bundel: bool,
    /// Revise definitief documents whose PDFs would change (`--herzie`), instead of stopping.
    pub herzie: bool,
    /// Withdraw sent files that no document makes any more (`--trek-in`), instead of stopping.
    pub trek_in: bool,
    /// The day a revision made in this run carries (the clock's: a revision is made on a day).
    pub vandaag: NaiveDate,
    /// The longest one document may take. Typst cannot be interrupted, so a document that runs
    /// past it ends the process, after what was finished is recorded (`None`: no limit).
    pub tijdslimiet: Option<std::time::Duration>,
    /// Also write the web edition (`out/web/`).
    pub web: bool,
}

/// The time limit per document unless the user sets one: the slowest sample document takes
/// under 5 s, a whole begroting well under a minute.
pub const TIJDSLIMIET: std::time::Duration = std::time::Duration::from_secs(300);

/// How one document of a batch ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Rebuilt, and why.
    Built {
        built: Built,
        redenen: Vec<String>,
    },
    /// Nothing it reads changed: its files were left alone.
    Unchanged {
        records: Vec<OutputRecord>,
    },
    Failed(Problems),
}

#[derive(Debug, Clone)]
pub struct DocReport {
    pub file: DocumentFile,
    pub outcome: Outcome,
    /// Wall time for this document.
    pub seconds: f64,
}

/// The result of `build` over many documents.
#[derive(Debug, Clone)]
pub struct BatchReport {
    /// In the order of the documents given.
    pub documents: Vec<DocReport>,
    /// Files of earlier builds that no document makes any more, now removed (paths in the
    /// output folder).
    pub verwijderd: Vec<String>,
    /// Sent files withdrawn on purpose (`--trek-in`), now removed and kept in the manifest.
    pub ingetrokken: Vec<String>,
    /// Bytes written to the state (the records per document, the web edition's, the withdrawn
    /// files'), to show that it stays small per document.
    pub toestand_bytes: u64,
    /// Problems of the run itself (the state or the manifest could not be written).
    pub problemen: Vec<Diagnostic>,
    pub seconds: f64,
}

impl BatchReport {
    pub fn failed(&self) -> usize {
        self.documents.iter().filter(|d| matches!(d.outcome, Outcome::Failed(_))).count()
    }

    /// Whether everything was built and recorded.
    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.problemen.is_empty()
    }
}

/// A file a build makes, in memory until every file of the document is made.
struct Output {
    pad: String,
    path: PathBuf,
    bytes: Vec<u8>,
    record: OutputRecord,
    /// The laid-out pages (a PDF made here; a copied bijlage has none).
    layout: Option<Arc<Typeset>>,
}

impl Session {
    /// Loads gemeente.yaml, the templates and the fonts, for the built-in kinds of document.
    pub fn open(project: Project) -> Result<Self, Problems> {
        Session::open_with(project, kinds::builtin())
    }

    /// Loads gemeente.yaml, the templates (the shared ones and every kind's) and the fonts, for
    /// these kinds of document.
    pub fn open_with(project: Project, kinds: Vec<&'static dyn Kind>) -> Result<Self, Problems> {
        let kind_templates: Vec<(&'static str, &'static str)> = kinds.iter().flat_map(|k| k.templates()).collect();
        let bytes = project.read(GEMEENTE_FILE).map_err(|why| Diagnostic::new(GEMEENTE_FILE, why))?;
        let file = YamlFile::decode(GEMEENTE_FILE, &bytes)?;
        let gemeente: Gemeente = file.parse()?;
        let mut templates = Templates::load(&project, gemeente.sjablonen.as_deref(), &kind_templates).map_err(|e| {
            let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message))
        })?;
        let web_templates = Templates::load_html(&project, gemeente.sjablonen.as_deref()).map_err(|e| {
            let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message))
        })?;
        let typesetter = Typesetter::new(&project.root().join("fonts"))?;
        templates
            .set_metrics(Arc::new(crate::output::tables::Metrics::new(&typesetter, &gemeente.huisstijl.lettertype)));
        crate::source::gemeente::check_huisstijl(&gemeente, &file, typesetter.families(), &project)?;
        let indicatoren = crate::source::gemeente::load_indicatoren(&project)?;
        // Their texts are printed too: a character no font has is said at its line, not by Typst.
        let mut problems = unshowable(&file, &typesetter);
        if let Some(logo) = gemeente.huisstijl.logo.as_deref().filter(|l| l.to_ascii_lowercase().ends_with(".svg"))
            && let Ok(bytes) = project.read(logo)
            && let Some(missing) = missing_glyphs(&crate::source::image::svg_text(&bytes), &typesetter)
        {
            problems.push(
                file.diagnostic(
                    file.find_key("logo", Some(logo)),
                    format!("het logo bevat tekst met {missing}, dat in geen lettertype van het project staat"),
                )
                .with_hint("gebruik in het logo tekens die de lettertypen kennen, of maak van die tekst vormen"),
            );
        }
        if let Ok(bytes) = project.read(INDICATOREN_FILE)
            && let Ok(catalogue) = YamlFile::decode(INDICATOREN_FILE, &bytes)
        {
            problems.extend(unshowable(&catalogue, &typesetter));
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let omgeving = BTreeMap::from([
            ("raadsstuk-versie".to_string(), env!("CARGO_PKG_VERSION").to_string()),
            ("sjablonen".to_string(), templates.fingerprint()),
            ("lettertypen".to_string(), typesetter.fingerprint().to_string()),
        ]);
        Ok(Session {
            project,
            gemeente,
            omgeving,
            indicatoren,
            templates,
            web_templates,
            typesetter,
            kinds,
            loaded: Mutex::default(),
            gedeeld: Mutex::default(),
            herzien: Mutex::default(),
        })
    }

    /// Every image in a Markdown text must be a PNG or SVG file of the project, within the
    /// limits, with an alt text (PDF/UA and the reader without sight need it).
    fn images(&self, file: &YamlFile) -> Vec<Diagnostic> {
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

    /// Every character of a file that no font in `fonts/` can show, at the value that holds
    /// it. Found here, before typesetting: Typst would draw nothing, and the PDF could not be
    /// accessible.
    fn unshowable(&self, file: &YamlFile) -> Vec<Diagnostic> {
        unshowable(file, &self.typesetter)
    }

    /// The kind of a `soort:`, if this session knows it.
    pub fn kind(&self, soort: &str) -> Option<&'static dyn Kind> {
        self.kinds.iter().copied().find(|k| k.soort() == soort)
    }

    /// The `soort:` names this session knows.
    pub fn soorten(&self) -> Vec<&'static str> {
        self.kinds.iter().map(|k| k.soort()).collect()
    }

    /// What every kind may read of the project.
    pub fn kind_sources(&self) -> Sources<'_> {
        Sources { project: &self.project, gemeente: &self.gemeente, indicatoren: &self.indicatoren }
    }

    /// Parses and validates a document file that another document reads, and records that it
    /// did.
    pub fn load_read(&self, doc: &DocumentFile, reads: &Reads) -> Result<Loaded, Problems> {
        reads.read(doc.relative.clone());
        self.load(doc)
    }

    /// Parses and validates one document file.
    pub fn load(&self, doc: &DocumentFile) -> Result<Loaded, Problems> {
        if let Some(result) = self.loaded.lock().expect("not poisoned").get(&doc.relative) {
            return result.clone();
        }
        let result = self.load_uncached(doc);
        self.loaded.lock().expect("not poisoned").insert(doc.relative.clone(), result.clone());
        result
    }

    /// Forgets what was loaded, so files are read again (after a change, in `watch`).
    pub fn forget_loaded(&self) {
        self.loaded.lock().expect("not poisoned").clear();
    }

    fn load_uncached(&self, doc: &DocumentFile) -> Result<Loaded, Problems> {
        let bytes = self.project.read(&doc.relative).map_err(|why| Diagnostic::new(&doc.relative, why))?;
        let file = YamlFile::decode(&doc.relative, &bytes)?;
        // Every problem of the file at once: sizes, placeholders, reading, and the rules.
        let mut problems = Vec::new();
        for check in [file.check_limits(), file.check_placeholders()] {
            if let Err(p) = check {
                problems.extend(p.0);
            }
        }
        let soort = file.top_level_str("soort")?;
        let (document, found) = match soort.as_deref() {
            Some(soort) => match self.kind(soort) {
                Some(kind) => kind.read(&file, &self.kind_sources()),
                None => {
                    let pos = file.top_level_position("soort");
                    return Err(file
                        .diagnostic(pos, format!("onbekende soort document `{soort}`"))
                        .with_hint(format!("mogelijk zijn: {}", self.soorten().join(", ")))
                        .into());
                }
            },
            None => {
                return Err(file
                    .diagnostic(Some(Position { line: 1, column: 1 }), "het veld `soort` ontbreekt")
                    .with_hint(format!(
                        "begin het bestand met `soort: {}` (of {})",
                        self.soorten()[0],
                        self.soorten()[1..].join(", ")
                    ))
                    .into());
            }
        };
        problems.extend(found);
        problems.extend(forbidden_links(&file));
        problems.extend(self.images(&file));
        problems.extend(overlong_paragraphs(&file));
        problems.extend(empty_labels(&file));
        problems.extend(self.unshowable(&file));
        match document {
            Some(document) if problems.is_empty() => Ok(Loaded { file: doc.clone(), document }),
            _ => {
                problems.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
                Err(Problems(problems))
            }
        }
    }

    /// The warnings across documents (a jaarverslag against its programmabegroting), for the
    /// documents that loaded.
    pub fn samenhang(&self, loaded: &[Result<Loaded, Problems>]) -> Vec<Diagnostic> {
        loaded
            .iter()
            .flatten()
            .flat_map(|l| self.kind(l.document.soort()).map(|k| k.samenhang(l, self)).unwrap_or_default())
            .collect()
    }
}

/// Every character of a file that no font in `fonts/` can show, at the value that holds it.
/// Found here, before typesetting: Typst would draw nothing, and the PDF could not be
/// accessible. Used for documents, gemeente.yaml and indicatoren.yaml alike.
fn unshowable(file: &YamlFile, typesetter: &Typesetter) -> Vec<Diagnostic> {
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
    /// texts a render escaped (see [`crate::output::markup::take_overlong`]).
    pub(crate) fn overlong_plain(&self, relative: &str, texts: &[String]) -> Problems {
        let files: Vec<YamlFile> = [relative, GEMEENTE_FILE, INDICATOREN_FILE]
            .iter()
            .filter_map(|f| self.project.read(f).ok().and_then(|b| YamlFile::decode(f, &b).ok()))
            .collect();
        let mut problems = Vec::new();
        for text in texts {
            let length = crate::output::markup::laid_out_length(text);
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
        crate::output::markup::take_overlong();
        self.sources(loaded)?;
        let mut overlong = crate::output::markup::take_overlong();
        // A text placed in two outputs (a besluitpunt in voorstel and besluit) is said once.
        overlong.sort();
        overlong.dedup();
        if overlong.is_empty() { Ok(()) } else { Err(self.overlong_plain(&loaded.file.relative, &overlong)) }
    }
}

/// The first character of `text` that no font has, said as "het teken `x` (U+…)".
fn missing_glyphs(text: &str, typesetter: &Typesetter) -> Option<String> {
    text.chars()
        .find(|&c| !c.is_whitespace() && !c.is_control() && !invisible(c) && !typesetter.covers(c))
        .map(|c| format!("het teken `{c}` (U+{:04X})", c as u32))
}

/// The manifest record of a written PDF, from its typed metadata.
fn record(meta: &Meta, pad: String, jaar: i32, pdf: &[u8], pages: usize, standaard: &str) -> OutputRecord {
    let d = meta.datum_iso;
    OutputRecord {
        pad,
        soort: meta.soort.clone(),
        jaar,
        nummer: meta.nummer.clone().unwrap_or_default(),
        onderwerp: meta.titel.clone(),
        status: if meta.concept { "concept" } else { "definitief" }.into(),
        datum: format!("{:04}-{:02}-{:02}", d.jaar, d.maand, d.dag),
        paginas: pages,
        bytes: pdf.len() as u64,
        sha256: incremental::sha256(pdf),
        standaard: standaard.to_string(),
        ..Default::default()
    }
}

/// A template that cannot be rendered, as the user reads it.
fn template_problem(e: crate::output::render::TemplateError) -> Problems {
    let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
    Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message)).into()
}

/// Where `build` writes by default.
pub fn default_out_dir(project: &Project) -> PathBuf {
    project.root().join("out")
}

/// Shown paths: relative to the current directory when possible.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}

/// Characters that take no place on the page (soft hyphen, joiners, variation selectors): no
/// font needs a glyph for them.
fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

/// The longest paragraph a text may have (see [`crate::output::markup::MAX_ALINEA`]).
pub const MAX_ALINEA: usize = crate::output::markup::MAX_ALINEA;

/// Every paragraph longer than [`MAX_ALINEA`], at the value that holds it.
fn overlong_paragraphs(file: &YamlFile) -> Vec<Diagnostic> {
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
            let length = crate::output::markup::laid_out_length(paragraph);
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
fn empty_labels(file: &YamlFile) -> Vec<Diagnostic> {
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
fn forbidden_links(file: &YamlFile) -> Vec<Diagnostic> {
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

impl Library for Session {
    fn documents(&self) -> Vec<DocumentFile> {
        self.project.documents().unwrap_or_default()
    }

    fn load(&self, doc: &DocumentFile) -> Result<Loaded, Problems> {
        Session::load(self, doc)
    }

    fn load_read(&self, doc: &DocumentFile, reads: &Reads) -> Result<Loaded, Problems> {
        Session::load_read(self, doc, reads)
    }

    fn kind(&self, soort: &str) -> Option<&'static dyn Kind> {
        Session::kind(self, soort)
    }

    fn root(&self) -> &Path {
        self.project.root()
    }
}
