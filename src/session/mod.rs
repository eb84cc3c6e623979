//! The pipeline for one run: load → validate → view → render → typeset → write.
//!
//! A [`Session`] loads what every document shares (gemeente.yaml, templates, fonts, the Typst
//! library) once; each document then flows through the stages on its own, so one broken
//! document never stops the others. A raadsvoorstel's bundle is the exception that proves the
//! rule: it takes the laid-out pages of its parts (see [`crate::output::assemble`]), sharing a
//! Kadernota's layout with that Kadernota's own build when both are in one run.

mod bundle;
mod document;
mod policy;
mod run;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::kinds::{Meta, ViewModel};
use chrono::NaiveDate;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};

use typst::foundations::Bytes;

use crate::batch::state::{self as incremental, BijlageVan, Herziening, OutputRecord};
use crate::diagnostics::{Diagnostic, Position, Problems};
use crate::domain::model::{Gemeente, Indicator, Soort};
use crate::kinds::jaarverslag::Jaarverslag;
use crate::kinds::kadernota::Kadernota;
use crate::kinds::raadsvoorstel::Raadsvoorstel;
use crate::kinds::{self};
use crate::output::render::Templates;
use crate::output::typeset::{Typeset, Typesetter};
use crate::output::write as output;
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
    typesetter: Typesetter,
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

/// The key under which a document records that it looked through the documents of `soorten`
/// up to `tot_jaar` (a jaarverslag, for the Kadernota in force and its trends): when such a
/// document is added, removed or changes its soort, the reader is built again.
pub fn documenten_key(soorten: &[&str], tot_jaar: i32) -> String {
    format!("{DOCUMENTEN_PREFIX}{}) t/m {tot_jaar}", soorten.join(", "))
}

const DOCUMENTEN_PREFIX: &str = "documenten (";

/// Whether a recorded read is a list of documents (see [`documenten_key`]).
pub fn is_documenten_key(key: &str) -> bool {
    key.starts_with(DOCUMENTEN_PREFIX)
}

/// The content of a [`documenten_key`]: each matching document's path and soort, from a table
/// of every document file and its `soort:` line (read once per run, without parsing: this is
/// checked in a no-op build).
pub fn documenten_list(key: &str, soorten_van: &[(DocumentFile, Option<String>)]) -> Option<String> {
    let rest = key.strip_prefix(DOCUMENTEN_PREFIX)?;
    let (soorten, jaar) = rest.split_once(") t/m ")?;
    let tot_jaar: i32 = jaar.parse().ok()?;
    let soorten: Vec<&str> = soorten.split(", ").collect();
    let mut list = String::new();
    for (doc, soort) in soorten_van {
        if doc.jaar <= tot_jaar
            && let Some(soort) = soort.as_deref().filter(|s| soorten.contains(s))
        {
            list += &format!("{}\t{soort}\n", doc.relative);
        }
    }
    Some(list)
}

/// The value of the top-level `soort:` line, as written.
pub fn sniff_soort(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .find_map(|l| l.strip_prefix("soort:"))
        .map(|s| s.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']).to_string())
}

/// A document file, parsed and validated.
#[derive(Debug, Clone)]
pub enum Document {
    Raadsvoorstel(Box<Raadsvoorstel>),
    Kadernota(Box<Kadernota>),
    Jaarverslag(Box<Jaarverslag>),
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: DocumentFile,
    pub document: Document,
}

/// What building one document wrote.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every file written (PDFs and copied PDF bijlagen), as the manifest lists them.
    pub records: Vec<OutputRecord>,
    /// Typst's warnings and any fallback from the standards, to show the user.
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
    /// The day a revision made in this run carries (the clock's: a revision is made on a day).
    pub vandaag: NaiveDate,
}

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

/// One rendering of a document: which template, with which view, under which file name.
#[derive(Clone)]
struct Rendering {
    template: &'static str,
    view: ViewModel,
    stem: String,
    date: NaiveDate,
    /// Charts, served to Typst from memory.
    files: HashMap<String, Bytes>,
    /// Project files copied beside the PDF (external PDF bijlagen of a bundle).
    copies: Vec<Copy>,
    /// Its part in a raadsvoorstel's set, for the manifest (see `OutputRecord::rol`).
    rol: &'static str,
    volgorde: usize,
    /// For a bundle, the parts behind its cover; the view is then the cover's.
    bundel: Option<Vec<Deel>>,
}

/// A PDF bijlage copied beside a bundle.
#[derive(Clone)]
struct Copy {
    from: String,
    name: String,
    titel: String,
    volgorde: usize,
}

/// A file a build makes, in memory until every file of the document is made.
struct Output {
    pad: String,
    path: PathBuf,
    bytes: Vec<u8>,
    record: OutputRecord,
}

/// A part of a bundle: its title on the cover, and where its pages come from.
#[derive(Clone)]
struct Deel {
    titel: String,
    bron: Bron,
}

#[derive(Clone)]
enum Bron {
    /// Another output of the same document (an index into its parts).
    Eigen(usize),
    /// The output of another document of the project (a Kadernota or jaarverslag).
    Document(DocumentFile),
}
impl Session {
    /// Loads gemeente.yaml, the templates and the fonts.
    pub fn open(project: Project) -> Result<Self, Problems> {
        let bytes = project.read(GEMEENTE_FILE).map_err(|why| Diagnostic::new(GEMEENTE_FILE, why))?;
        let file = YamlFile::decode(GEMEENTE_FILE, &bytes)?;
        let gemeente: Gemeente = file.parse()?;
        let templates = Templates::load(&project, gemeente.sjablonen.as_deref()).map_err(|e| {
            let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message))
        })?;
        let typesetter = Typesetter::new(&project.root().join("fonts"))?;
        crate::source::gemeente::check_huisstijl(&gemeente, &file, typesetter.families(), &project)?;
        let indicatoren = crate::source::gemeente::load_indicatoren(&project)?;
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
            typesetter,
            loaded: Mutex::default(),
            gedeeld: Mutex::default(),
            herzien: Mutex::default(),
        })
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
            Some("raadsvoorstel") => {
                let (rv, found) = file.parse_all::<Raadsvoorstel>();
                let rules = rv.as_ref().map(|rv| kinds::raadsvoorstel::validate(rv, &file, &self.project));
                (rv.map(|rv| Document::Raadsvoorstel(Box::new(rv))), kinds::rules::merge(found, rules))
            }
            Some("kadernota") => {
                let (k, found) = file.parse_all::<Kadernota>();
                let rules = k.as_ref().map(|k| kinds::kadernota::validate(k, &file, &self.indicatoren));
                (k.map(|k| Document::Kadernota(Box::new(k))), kinds::rules::merge(found, rules))
            }
            Some("jaarverslag") => {
                let (j, found) = file.parse_all::<Jaarverslag>();
                let rules =
                    j.as_ref().map(|j| kinds::jaarverslag::validate(j, &file, &self.indicatoren, &self.gemeente));
                (j.map(|j| Document::Jaarverslag(Box::new(j))), kinds::rules::merge(found, rules))
            }
            Some(other) => {
                let pos = file.top_level_position("soort");
                return Err(file
                    .diagnostic(pos, format!("onbekende soort document `{other}`"))
                    .with_hint("mogelijk zijn: raadsvoorstel, kadernota, jaarverslag")
                    .into());
            }
            None => {
                return Err(file
                    .diagnostic(Some(Position { line: 1, column: 1 }), "het veld `soort` ontbreekt")
                    .with_hint("begin het bestand met `soort: raadsvoorstel` (of kadernota, jaarverslag)")
                    .into());
            }
        };
        problems.extend(found);
        match document {
            Some(document) if problems.is_empty() => Ok(Loaded { file: doc.clone(), document }),
            _ => {
                problems.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
                Err(Problems(problems))
            }
        }
    }

    /// Loads every given document, and checks the rules that span documents (a `nummer` used
    /// twice). Returns the loaded ones and the problems per file.
    pub fn load_all(&self, docs: &[DocumentFile]) -> Vec<Result<Loaded, Problems>> {
        let mut results: Vec<Result<Loaded, Problems>> = docs.iter().map(|d| self.load(d)).collect();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut jaarverslagen: HashMap<i32, String> = HashMap::new();
        for result in results.iter_mut() {
            let Ok(loaded) = result else { continue };
            if matches!(loaded.document, Document::Jaarverslag(_)) {
                let relative = loaded.file.relative.clone();
                if let Some(first) = jaarverslagen.get(&loaded.file.jaar) {
                    *result =
                        Err(Diagnostic::new(&relative, format!("er is al een jaarverslag voor {}", loaded.file.jaar))
                            .with_hint(format!("{first} is het jaarverslag van dat jaar; één jaarverslag per jaar"))
                            .into());
                    continue;
                }
                jaarverslagen.insert(loaded.file.jaar, relative);
            }
            let Some(nummer) = loaded.document.nummer() else {
                continue;
            };
            let relative = loaded.file.relative.clone();
            if let Some(first) = seen.get(&nummer) {
                let text = self.project.read(&relative).unwrap_or_default();
                let diag = match YamlFile::decode(&relative, &text) {
                    Ok(f) => {
                        f.diagnostic(f.find_key("nummer", Some(&nummer)), format!("nummer `{nummer}` is al gebruikt"))
                    }
                    Err(_) => Diagnostic::new(&relative, format!("nummer `{nummer}` is al gebruikt")),
                };
                *result = Err(diag
                    .with_hint(format!(
                        "{first} heeft hetzelfde nummer; elk document heeft een eigen registratienummer"
                    ))
                    .into());
            } else {
                seen.insert(nummer, relative);
            }
        }
        results
    }
}

impl Document {
    /// Whether the document has been sent (`status: definitief`): its PDFs may not change
    /// silently.
    pub fn definitief(&self) -> bool {
        use crate::domain::model::Status;
        let status = match self {
            Document::Raadsvoorstel(d) => d.status,
            Document::Kadernota(d) => d.status,
            Document::Jaarverslag(d) => d.status,
        };
        status == Status::Definitief
    }

    pub fn soort(&self) -> Soort {
        match self {
            Document::Raadsvoorstel(_) => Soort::Raadsvoorstel,
            Document::Kadernota(_) => Soort::Kadernota,
            Document::Jaarverslag(_) => Soort::Jaarverslag,
        }
    }

    /// The registratienummer, for documents that have one.
    pub fn nummer(&self) -> Option<String> {
        match self {
            Document::Raadsvoorstel(rv) => Some(rv.nummer.trim().to_string()),
            Document::Kadernota(_) | Document::Jaarverslag(_) => None,
        }
    }
}

/// Documents without a registratienummer are named after their file: `kadernota-2018-2022.yaml`
/// → `kadernota-2018-2022.pdf`.
fn document_stem(file: &DocumentFile) -> String {
    let name = file.relative.rsplit('/').next().unwrap_or(&file.relative);
    output::file_stem(name.trim_end_matches(".yaml").trim_end_matches(".yml"))
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

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
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
