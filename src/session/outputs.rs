//! What a build makes beside each document's own PDFs, as outputs: each one implementation of
//! [`Output`], registered with the session. The web edition and the manifest are the first; an
//! export (Iv3 for the CBS, more open data) is one more module and one line.
//!
//! An output has a part per document, run when that document is built (so a document that did
//! not change does not run it again), and a part per run, after every document, from the state
//! of all of them.

use std::path::Path;

use super::records::manifest_records;
use super::records::{manifest_problem, push_once};
use super::{BuildOptions, Loaded, Session};
use crate::batch::manifest;
use crate::batch::state::State;
use crate::diagnostics::{Diagnostic, Problems};

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
    /// Its name, in messages.
    fn naam(&self) -> &'static str;
    /// Whether this run makes it (`--zonder-web` switches the web edition off).
    fn aan(&self, _options: &BuildOptions) -> bool {
        true
    }
    /// Files (paths relative to the output folder, inside it) made from one document that is
    /// built now; made before the document's PDFs replace the old ones, so that a failure here
    /// fails the document with nothing changed. Not in the state: a file deleted from the
    /// output folder is made again when its document is.
    fn document(&self, _session: &Session, _loaded: &Loaded) -> Result<Vec<(String, Vec<u8>)>, Problems> {
        Ok(Vec::new())
    }
    /// After every document: what it makes from all of them.
    fn run(&self, _session: &Session, _run: &mut RunContext) {}
}

/// The outputs every session has, in the order they run: the web edition, then the manifest
/// (which lists the site's files). Outputs a caller adds run between them.
pub fn builtin() -> Vec<&'static dyn Output> {
    vec![&WEB, &MANIFEST]
}

struct Web;
static WEB: Web = Web;

impl Output for Web {
    fn naam(&self) -> &'static str {
        "web"
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

    /// The distribution set, from the records (the web edition's part recorded first).
    fn run(&self, _session: &Session, run: &mut RunContext) {
        let out: &Path = &run.options.out_dir;
        let state = &*run.state;
        if let Err(e) = manifest::write(out, &manifest_records(state), &state.web, &state.ingetrokken) {
            push_once(run.problemen, manifest_problem(out, &e));
        }
    }
}
