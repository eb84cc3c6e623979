//! Stage 6, the session: the pipeline for one run, load → validate → view → render → typeset →
//! write.
//!
//! A [`Session`] loads what every document shares (gemeente.yaml, templates, fonts, the Typst
//! library) once; each document then flows through the stages on its own, so one broken
//! document never stops the others. A raadsvoorstel's bundle is the exception that proves the
//! rule: it takes the laid-out pages of its parts (see [`crate::output::assemble`]), sharing a
//! Kadernota's layout with that Kadernota's own build when both are in one run.

mod bundle;
mod checks;
mod document;
mod load;
pub mod outputs;
mod preview;
mod records;
mod run;
mod sent;
mod sitemap;
mod web;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use crate::kinds::{Bron, CopiedPdf, Deel, Loaded, Rendering, document_stem};
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
pub use checks::MAX_ALINEA;
use checks::{empty_labels, forbidden_links, missing_glyphs, overlong_paragraphs, unshowable};

/// What every document of a run shares.
pub struct Session {
    pub project: Project,
    pub gemeente: Gemeente,
    /// Run-wide inputs of every document: tool version, templates, fonts (name → hash).
    omgeving: BTreeMap<String, String>,
    /// From `data/indicatoren.yaml` (empty when the project has none).
    pub indicatoren: BTreeMap<String, Indicator>,
    /// From `data/verbonden-partijen.yaml` (`None` when the project has none); its problems
    /// are those of every document that reads it, not of the run.
    pub verbonden_partijen: Result<Option<crate::domain::verbonden_partijen::VerbondenPartijen>, Problems>,
    templates: Templates,
    /// The web edition's HTML templates (see `output::web`).
    web_templates: Templates,
    typesetter: Typesetter,
    /// The kinds of document this session knows (see `kinds::builtin`).
    kinds: Vec<&'static dyn Kind>,
    /// The CBS's Iv3 definitions of the years shipped, each read when first needed.
    iv3: crate::domain::iv3::Iv3,
    /// What a build makes beside the PDFs, in the order they run (see `outputs::builtin`).
    outputs: Vec<&'static dyn outputs::Output>,
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
    /// Every file of the distribution set written (PDFs and copied PDF bijlagen), as the
    /// manifest lists them.
    pub records: Vec<OutputRecord>,
    /// The files the other outputs made of it (see [`outputs::Bestand`]).
    pub overige: Vec<OutputRecord>,
    /// The outputs that made something of it (those with a part per document).
    pub uitvoeren: Vec<String>,
    /// Typst's warnings, to show the user.
    pub waarschuwingen: Vec<String>,
    /// Time spent in Typst (compile and PDF export).
    pub typst_seconds: f64,
    /// Time spent in each output's part for this document, in the outputs' order (`--timings`
    /// shows what each adds to a build).
    pub seconden_per_uitvoer: Vec<(&'static str, f64)>,
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
        // Boxed: a built document's record is large, the other outcomes small.
        built: Box<Built>,
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

/// A PDF (or a copied PDF bijlage) the PDF output makes, in memory until every file of the
/// document is made.
struct PdfFile {
    pad: String,
    bytes: Vec<u8>,
    record: OutputRecord,
    /// The laid-out pages (a PDF made here; a copied bijlage has none).
    layout: Option<Arc<Typeset>>,
}

impl Session {
    /// What every document reads before its kind reads anything: its own file, the gemeente's
    /// and the indicator catalogue (when there). `build` and `watch` both start from this.
    pub fn read_always(&self, relative: &str, reads: &Reads) {
        reads.read(relative.to_string());
        reads.read(GEMEENTE_FILE);
        if self.project.resolve(INDICATOREN_FILE).is_ok() {
            reads.read(INDICATOREN_FILE);
        }
        // A project's own Iv3 definitions decide which codes its lines may use.
        for relative in iv3_paths(&self.project) {
            reads.read(relative);
        }
    }

    /// Loads gemeente.yaml, the templates and the fonts, for the built-in kinds of document.
    pub fn open(project: Project) -> Result<Self, Problems> {
        Session::open_with(project, kinds::builtin())
    }

    /// Loads gemeente.yaml, the templates (the shared ones and every kind's) and the fonts, for
    /// these kinds of document.
    pub fn open_with(project: Project, kinds: Vec<&'static dyn Kind>) -> Result<Self, Problems> {
        // Kinds may share a partial (two kinds of programme chapter): registered once.
        let mut seen = std::collections::HashSet::new();
        let kind_templates: Vec<(&'static str, &'static str)> =
            kinds.iter().flat_map(|k| k.templates()).filter(|(name, _)| seen.insert(*name)).collect();
        let bytes = project.read(GEMEENTE_FILE).map_err(|why| Diagnostic::new(GEMEENTE_FILE, why))?;
        let file = YamlFile::decode(GEMEENTE_FILE, &bytes)?;
        let gemeente: Gemeente = file.parse()?;
        let eigen_iv3 = iv3_files(&project)?;
        let mut templates = Templates::load(&project, gemeente.sjablonen.as_deref(), &kind_templates).map_err(|e| {
            let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message))
        })?;
        let mut seen = std::collections::HashSet::new();
        let web_kind_templates: Vec<(&'static str, &'static str)> =
            kinds.iter().flat_map(|k| k.web_templates()).filter(|(name, _)| seen.insert(*name)).collect();
        let web_templates = Templates::load_html(&project, gemeente.sjablonen.as_deref(), &web_kind_templates)
            .map_err(|e| {
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
        problems.extend(crate::source::gemeente::check_iv3(&gemeente, &file));
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
        let mut session = Session {
            project,
            gemeente,
            omgeving,
            indicatoren,
            verbonden_partijen: Ok(None),
            templates,
            web_templates,
            typesetter,
            kinds,
            outputs: outputs::builtin(),
            iv3: crate::domain::iv3::Iv3::met_eigen(eigen_iv3),
            loaded: Mutex::default(),
            gedeeld: Mutex::default(),
            herzien: Mutex::default(),
        };
        session.verbonden_partijen = session.lees_verbonden_partijen();
        Ok(session)
    }

    /// Adds an output (before the manifest). Documents built before by a session without it
    /// are built again once, so that it runs for each.
    pub fn with_output(mut self, output: &'static dyn outputs::Output) -> Self {
        let at = self.outputs.len().saturating_sub(1);
        self.outputs.insert(at, output);
        self
    }

    /// The outputs this run makes, in order.
    pub(super) fn outputs_on(&self, options: &BuildOptions) -> Vec<&dyn outputs::Output> {
        self.outputs.iter().map(|o| *o as &dyn outputs::Output).filter(|o| o.aan(options)).collect()
    }

    /// The names of this run's outputs with a part per document: a document made without one
    /// of them (or with one now switched off) is built again.
    pub(super) fn per_document_outputs(&self, options: &BuildOptions) -> Vec<String> {
        self.outputs_on(options).iter().filter(|o| o.per_document()).map(|o| o.naam().to_string()).collect()
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
        Sources {
            project: &self.project,
            gemeente: &self.gemeente,
            indicatoren: &self.indicatoren,
            iv3: &self.iv3,
            verbonden_partijen: self.verbonden_partijen.as_ref().map(Option::as_ref),
        }
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

    fn soorten(&self) -> Vec<&'static str> {
        Session::soorten(self)
    }

    fn root(&self) -> &Path {
        self.project.root()
    }
}

/// Where a project keeps Iv3 definitions files of its own: the CBS's files, unchanged.
pub const IV3_DIR: &str = "data/iv3";

/// The project's Iv3 definitions files (`data/iv3/*.json`), in name order.
fn iv3_paths(project: &Project) -> Vec<String> {
    let Ok(dir) = project.resolve(IV3_DIR) else { return Vec::new() };
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.to_ascii_lowercase().ends_with(".json"))
        .map(|n| format!("{IV3_DIR}/{n}"))
        .collect();
    out.sort();
    out
}

/// The project's Iv3 definitions, read once: a file that is not one is an error of the run.
fn iv3_files(project: &Project) -> Result<Vec<crate::domain::iv3::Definities>, Problems> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for relative in iv3_paths(project) {
        let read = project
            .read(&relative)
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "het bestand is geen UTF-8".to_string()))
            .and_then(|text| crate::domain::iv3::Definities::parse(&text));
        match read {
            Ok(d) if out.iter().any(|o: &crate::domain::iv3::Definities| o.jaar == d.jaar) => problems.push(
                Diagnostic::new(&relative, format!("er is al een Iv3-definitiebestand voor {}", d.jaar))
                    .with_hint("houd per jaar één bestand van het CBS in data/iv3/"),
            ),
            Ok(d) => out.push(d),
            Err(why) => problems.push(Diagnostic::new(&relative, why).with_hint(
                "zet hier alleen de definitiebestanden van het CBS (iv3_definities_Gemeente_<jaar>.json uit de \
                 GitHub-repository statistiekcbs/iv3_definities), ongewijzigd",
            )),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(Problems(problems)) }
}
