//! What a build makes from documents, as outputs: each one implementation of [`Output`],
//! registered with the session. The PDFs, the web edition and the manifest are the first; an
//! export (Iv3 for the CBS, more open data) is one more module and one line.
//!
//! An output has a part per document, run when that document is built (so a document that did
//! not change does not run it again), and a part per run, after every document, from the state
//! of all of them. The PDFs are an output like the others: the first, and the only one whose
//! files are the distribution set that the manifest lists and that is frozen once sent.

use std::path::Path;

use super::records::manifest_records;
use super::records::{manifest_problem, push_once};
use super::{BuildOptions, Loaded, Reads, Session};
use crate::batch::manifest;
use crate::batch::state::{Herziening, OutputRecord, State};
use crate::diagnostics::{Diagnostic, Problems};

/// One document being built, as an output's part for it sees it.
pub struct DocumentRun<'a> {
    pub session: &'a Session,
    pub loaded: &'a Loaded,
    pub options: &'a BuildOptions,
    /// What the part reads beyond the document itself is recorded here, as the document's
    /// dependencies.
    pub reads: &'a Reads,
    /// Why the document is built (said when a sent file would change).
    pub redenen: &'a [String],
    /// The state as the run found it: what was sent.
    pub verstuurd: &'a State,
}

/// What an output makes of one document.
#[derive(Default)]
pub struct Made {
    pub bestanden: Vec<Bestand>,
    /// Warnings to show the user.
    pub waarschuwingen: Vec<String>,
    /// Time spent in Typst, for `--timings`.
    pub typst_seconds: f64,
    /// The revision the files carry (a definitief document changed on purpose), if any.
    pub herziening: Option<Herziening>,
}

impl Made {
    pub fn bestanden(bestanden: Vec<Bestand>) -> Made {
        Made { bestanden, ..Made::default() }
    }
}

/// One file an output makes of a document.
pub struct Bestand {
    /// Relative to the output folder, `/`-separated, inside it.
    pub pad: String,
    pub bytes: Vec<u8>,
    /// For a file of the distribution set (a PDF): its record, as the manifest lists it. Any
    /// other file is recorded in the state only: a file the document no longer makes is
    /// removed, and one deleted from the output folder is made again.
    pub record: Option<OutputRecord>,
}

impl Bestand {
    pub fn new(pad: impl Into<String>, bytes: Vec<u8>) -> Bestand {
        Bestand { pad: pad.into(), bytes, record: None }
    }
}

/// What one run hands an output after every document is done.
pub struct RunContext<'a> {
    /// Every document's state as this run leaves it (an output may keep its own part in it).
    pub state: &'a mut State,
    /// The state as the run found it.
    pub old: &'a State,
    pub options: &'a BuildOptions,
    /// Problems of the run (not of one document).
    pub problemen: &'a mut Vec<Diagnostic>,
    /// Bytes of state written, for `--timings`.
    pub toestand_bytes: &'a mut u64,
}

/// Something a build makes from documents.
pub trait Output: Send + Sync {
    /// Its name, in messages and in the state.
    fn naam(&self) -> &'static str;
    /// Whether this run makes it (`--zonder-web` switches the web edition off).
    fn aan(&self, _options: &BuildOptions) -> bool {
        true
    }
    /// Whether it makes anything per document. A document is built again when such an output
    /// is switched on or off (or first registered), so that its part runs for every document.
    fn per_document(&self) -> bool {
        true
    }
    /// What it makes of one document that is built now. Every output's files of a document
    /// are made before any is written, and written together, all or none: a failure here
    /// fails the document with nothing of it changed.
    fn document(&self, _doc: &DocumentRun) -> Result<Made, Problems> {
        Ok(Made::default())
    }
    /// After every document: what it makes from all of them.
    fn run(&self, _session: &Session, _run: &mut RunContext) {}
}

/// The outputs every session has, in the order they run: the PDFs, their Typst source (with
/// `--emit-typst`), the web edition, then the manifest (which lists the PDFs and the site's files). Outputs a caller adds run before the
/// manifest.
pub fn builtin() -> Vec<&'static dyn Output> {
    vec![&PDF, &TYPST, &IV3, &WEB, &MANIFEST]
}

/// What `watch` makes: the PDFs, and with `--emit-typst` their Typst source.
pub fn preview(options: &BuildOptions) -> Vec<&'static dyn Output> {
    [&PDF as &dyn Output, &TYPST].into_iter().filter(|o| o.aan(options)).collect()
}

/// Each document's PDFs (and copied PDF bijlagen): the distribution set, frozen once sent.
struct Pdf;
static PDF: Pdf = Pdf;

impl Output for Pdf {
    fn naam(&self) -> &'static str {
        "pdf"
    }

    fn document(&self, doc: &DocumentRun) -> Result<Made, Problems> {
        doc.session.pdfs(doc)
    }
}

/// With `--emit-typst`: the Typst source of each PDF beside it, for whoever edits templates.
/// Switched on, every document of the run is built again so that each has its source; a
/// build without it removes them again.
struct Typst;
static TYPST: Typst = Typst;

impl Output for Typst {
    fn naam(&self) -> &'static str {
        "typst-bron"
    }

    fn aan(&self, options: &BuildOptions) -> bool {
        options.emit_typst
    }

    fn document(&self, doc: &DocumentRun) -> Result<Made, Problems> {
        doc.session.typst_sources(doc)
    }
}

/// The Iv3 delivery to the CBS, from a document that makes one (a begroting's book): beside
/// its PDF, `iv3-begroting-<jaar>.json`. When something has no taakveld and categorie, the
/// build says what, and makes no file.
struct Iv3;
static IV3: Iv3 = Iv3;

impl Output for Iv3 {
    fn naam(&self) -> &'static str {
        "iv3"
    }

    fn document(&self, doc: &DocumentRun) -> Result<Made, Problems> {
        let Some(levering) = doc.session.iv3_levering(doc.loaded, doc.reads) else { return Ok(Made::default()) };
        let levering = levering?;
        let jaar = doc.loaded.file.jaar;
        let naam = crate::output::iv3::bestandsnaam(jaar, levering.realisatie);
        Ok(match crate::output::iv3::levering(&levering, &doc.session.gemeente, jaar) {
            Ok(bytes) => Made::bestanden(vec![Bestand::new(format!("{jaar}/{naam}"), bytes)]),
            Err(ontbreekt) => Made {
                waarschuwingen: vec![format!("{naam} niet gemaakt; er ontbreekt: {}", ontbreekt.join("; "))],
                ..Made::default()
            },
        })
    }
}

struct Web;
static WEB: Web = Web;

impl Output for Web {
    fn naam(&self) -> &'static str {
        "web"
    }

    fn per_document(&self) -> bool {
        false
    }

    fn aan(&self, options: &BuildOptions) -> bool {
        options.web
    }

    /// Made again when anything changed (or it is missing); only changed files are written.
    fn run(&self, session: &Session, run: &mut RunContext) {
        let sleutel = session.site_key(run.state);
        let missing = !run.options.out_dir.join(super::web::WEB_DIR).join("index.html").exists();
        if sleutel != run.old.web_sleutel || missing || run.options.force {
            match session.write_site(run.state, &run.options.out_dir, run.problemen) {
                Ok(web) => {
                    run.state.web = web;
                    run.state.web_sleutel = sleutel;
                }
                Err(p) => run.problemen.extend(p.0),
            }
        }
    }
}

struct Manifest;
static MANIFEST: Manifest = Manifest;

impl Output for Manifest {
    fn naam(&self) -> &'static str {
        "manifest"
    }

    fn per_document(&self) -> bool {
        false
    }

    /// The distribution set, from the records (the web edition's part recorded first).
    fn run(&self, _session: &Session, run: &mut RunContext) {
        let out: &Path = &run.options.out_dir;
        let state = &*run.state;
        if let Err(e) = manifest::write(out, &manifest_records(state), &state.web, &state.ingetrokken) {
            push_once(run.problemen, manifest_problem(out, &e));
        }
    }
}
