//! Many documents in one run: which to build (incremental), in what order (bundles wait for
//! their parts), on plain threads; then the state and the manifest.

use std::collections::HashMap;
use std::path::Path;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::batch::state::{self as incremental, BijlageVan, DocState, OutputRecord, State};
use crate::batch::{manifest, queue};
use crate::diagnostics::{Diagnostic, Problems};
use crate::source::project::{DocumentFile, GEMEENTE_FILE, Project};
use crate::source::project::{documenten_list, is_documenten_key, sniff_soort};

use super::*;

impl Session {
    /// Builds many documents: in parallel, each only when something it reads changed, every
    /// failure isolated to its own document. Writes the state and the manifest at the end.
    /// `on_done` is called (from any thread) as each document finishes.
    pub fn build_all(
        &self,
        docs: &[DocumentFile],
        options: &BuildOptions,
        on_done: &(dyn Fn(&DocReport) + Sync),
    ) -> BatchReport {
        let started = Instant::now();
        let old = State::read(&options.out_dir);
        self.remember_revisions(&old);
        let hashes = FileHashes::default();
        let listing = self.project.documents().unwrap_or_default();
        // The quick check: when everything a document read last time is unchanged (the files,
        // and the lists of documents it looked through), nothing needs parsing to know it is up
        // to date.
        let quick: Vec<Option<DocState>> = docs
            .iter()
            .map(|d| {
                let prev = old.documenten.get(&d.relative)?;
                let same = !options.force
                    && prev.omgeving == self.omgeving
                    && prev.invoer.iter().all(|(f, h)| hashes.get(&self.project, f) == *h)
                    && incremental::reasons(Some(prev), prev, &options.out_dir, false).is_none();
                same.then(|| prev.clone())
            })
            .collect();
        let all_quick = quick.iter().all(Option::is_some);
        // Loading (and the checks across documents) only when something may have changed.
        let loaded: Vec<Result<Loaded, Problems>> = if all_quick { Vec::new() } else { self.load_all(docs) };
        // Outputs that bundles share with their own document: laid out once, kept until every
        // document that needs them is done. A raadsvoorstel waits for the documents its bundle
        // holds, so a shared layout is ready when it is needed and is dropped soon after.
        let uses: Vec<Vec<String>> = (0..docs.len())
            .map(|i| match (&quick[i], loaded.get(i)) {
                (None, Some(Ok(l))) => self.shared_outputs(l, options),
                _ => Vec::new(),
            })
            .collect();
        self.register_shared(&uses);
        let position: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.relative.as_str(), i)).collect();
        let waits_for: Vec<Vec<usize>> = uses
            .iter()
            .enumerate()
            .map(|(i, used)| {
                used.iter().filter_map(|u| position.get(u.as_str()).copied()).filter(|&j| j != i).collect()
            })
            .collect();
        // The state and manifest are written after every document that was built, so that a
        // build killed halfway leaves them true for what is on disk. Documents that no longer
        // exist keep their entry until the end, when their files are removed.
        let progress = Mutex::new(Progress { state: old.clone(), problemen: Vec::new() });
        let running: Mutex<BTreeMap<usize, Instant>> = Mutex::default();
        // A document is ok when it left a state behind (built or unchanged); a raadsvoorstel
        // whose bijlage failed is not built (its bundle would need that bijlage's pages).
        let work = |i: usize| {
            let file = &docs[i];
            let begin = Instant::now();
            running.lock().expect("not poisoned").insert(i, begin);
            let (outcome, state) = match (&quick[i], loaded.get(i)) {
                (Some(prev), _) => (Outcome::Unchanged { records: prev.uitvoer.clone() }, Some(prev.clone())),
                (None, Some(Err(p))) => (Outcome::Failed(p.clone()), None),
                (None, Some(Ok(l))) => {
                    let old = old.documenten.get(&file.relative);
                    // A defect of ours (a panic) in one document is that document's failure,
                    // never the batch's: the others are built and recorded as usual.
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.build_if_changed(l, options, old, &hashes)
                    }))
                    .unwrap_or_else(|payload| (Outcome::Failed(internal_error(&file.relative, &*payload)), None))
                }
                (None, None) => unreachable!("loaded when not all are quick"),
            };
            self.release_shared(&uses[i]);
            if let (Outcome::Built { .. }, Some(new)) = (&outcome, &state) {
                progress.lock().expect("not poisoned").record(&file.relative, new, &options.out_dir);
            }
            running.lock().expect("not poisoned").remove(&i);
            let report = DocReport { file: file.clone(), outcome, seconds: begin.elapsed().as_secs_f64() };
            on_done(&report);
            let ok = state.is_some();
            ((report, state), ok)
        };
        let jobs: Vec<queue::Job<usize>> =
            waits_for.iter().enumerate().map(|(i, needs)| queue::Job { key: i, needs: needs.clone() }).collect();
        let finished = (Mutex::new(false), std::sync::Condvar::new());
        let ran = std::thread::scope(|scope| {
            if let Some(limit) = options.tijdslimiet {
                let (finished, running, progress) = (&finished, &running, &progress);
                scope.spawn(move || watchdog(limit, finished, running, progress, docs));
            }
            let ran = queue::run(&jobs, options.jobs, work);
            *finished.0.lock().expect("not poisoned") = true;
            finished.1.notify_all();
            ran
        });
        self.gedeeld.lock().expect("not poisoned").clear();
        let documents: Vec<Finished> = ran
            .into_iter()
            .enumerate()
            .map(|(i, ran)| match ran {
                queue::Ran::Done(finished) => finished,
                queue::Ran::Skipped { because } => {
                    let outcome = Outcome::Failed(
                        Diagnostic::new(
                            &docs[i].relative,
                            format!("niet gemaakt: de bijlage {} bevat fouten", docs[because].relative),
                        )
                        .into(),
                    );
                    let report = DocReport { file: docs[i].clone(), outcome, seconds: 0.0 };
                    on_done(&report);
                    (report, None)
                }
            })
            .collect();

        // The new state: this run's documents, failed ones keeping their last good build, and
        // documents outside this run as they were (dropped only when they no longer exist).
        let Progress { mut state, mut problemen } = progress.into_inner().expect("not poisoned");
        let existing: BTreeSet<String> = listing.into_iter().map(|d| d.relative).collect();
        state.documenten.retain(|k, _| existing.contains(k));
        let verwijderd = remove_stale(&old, &state, &options.out_dir);
        // The web edition: made again when anything changed (or it is missing); only changed
        // files are written.
        let sleutel = self.site_key(&state);
        let missing = !options.out_dir.join(super::web::WEB_DIR).join("index.html").exists();
        if options.web && (sleutel != old.web_sleutel || missing || options.force) {
            match self.write_site(&state, &options.out_dir, &mut problemen) {
                Ok(web) => {
                    state.web = web;
                    state.web_sleutel = sleutel;
                }
                Err(p) => problemen.extend(p.0),
            }
        }
        let mut last = Vec::new();
        write_records(&state, &options.out_dir, &mut last);
        for p in last {
            if !problemen.iter().any(|q| q.message == p.message) {
                problemen.push(p);
            }
        }
        BatchReport {
            documents: documents.into_iter().map(|(report, _)| report).collect(),
            verwijderd,
            problemen,
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    /// The outputs (by document path) that building this document lays out and a bundle may
    /// share: a Kadernota's or jaarverslag's own, and those a raadsvoorstel's bundle holds.
    pub(super) fn shared_outputs(&self, loaded: &Loaded, options: &BuildOptions) -> Vec<String> {
        let may_be_bijlage = |soort: &str| self.kind(soort).is_some_and(|k| k.may_be_bijlage());
        let mut shared = Vec::new();
        if may_be_bijlage(loaded.document.soort()) {
            shared.push(loaded.file.relative.clone());
        }
        // Only a kind that may be a bijlage can be a part (any other is refused when the bundle
        // is made): waiting for anything else could wait in a circle.
        if options.bundel {
            shared.extend(loaded.document.delen(&loaded.file, self));
            shared.extend(loaded.document.bijlage_documents().into_iter().map(|(b, _)| b).filter(|b| {
                document_file(b).and_then(|d| self.load(&d).ok()).is_some_and(|l| may_be_bijlage(l.document.soort()))
            }));
        }
        shared
    }

    /// Shares every output that more than one document of the run lays out.
    pub(super) fn register_shared(&self, uses: &[Vec<String>]) {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for used in uses.iter().flatten() {
            *count.entry(used).or_default() += 1;
        }
        let mut gedeeld = self.gedeeld.lock().expect("not poisoned");
        for (path, users) in count {
            if users > 1 {
                gedeeld.insert(path.to_string(), Gedeeld { users, cell: Arc::default() });
            }
        }
    }

    /// A document that used these shared outputs is done with them; the last one frees each.
    pub(super) fn release_shared(&self, used: &[String]) {
        let mut gedeeld = self.gedeeld.lock().expect("not poisoned");
        for path in used {
            if let Some(entry) = gedeeld.get_mut(path) {
                entry.users -= 1;
                if entry.users == 0 {
                    gedeeld.remove(path);
                }
            }
        }
    }

    fn build_if_changed(
        &self,
        loaded: &Loaded,
        options: &BuildOptions,
        old: Option<&DocState>,
        hashes: &FileHashes,
    ) -> (Outcome, Option<DocState>) {
        // Whether to build is decided by what the document read last time; what it reads now
        // is recorded while it is built.
        let probe = old.map(|o| {
            let invoer: BTreeMap<String, String> =
                o.invoer.keys().map(|f| (f.clone(), hashes.get(&self.project, f))).collect();
            DocState {
                sleutel: incremental::key(&self.omgeving, &invoer),
                omgeving: self.omgeving.clone(),
                invoer,
                ..o.clone()
            }
        });
        let redenen = match (old, &probe) {
            (Some(old), Some(probe)) => incremental::reasons(Some(old), probe, &options.out_dir, options.force),
            _ => Some(vec!["nieuw document".to_string()]),
        };
        let Some(redenen) = redenen else {
            return (Outcome::Unchanged { records: old.map(|o| o.uitvoer.clone()).unwrap_or_default() }, old.cloned());
        };
        let reads = Reads::default();
        // Every document reads its own file and the gemeente's (and indicatoren, when there).
        reads.read(loaded.file.relative.clone());
        reads.read(GEMEENTE_FILE);
        if self.project.resolve(INDICATOREN_FILE).is_ok() {
            reads.read(INDICATOREN_FILE);
        }
        match self.build(loaded, options, &redenen, &reads) {
            Ok(built) => {
                let invoer: BTreeMap<String, String> =
                    built.reads.iter().map(|f| (f.clone(), hashes.get(&self.project, f))).collect();
                let new = DocState {
                    sleutel: incremental::key(&self.omgeving, &invoer),
                    omgeving: self.omgeving.clone(),
                    invoer,
                    uitvoer: built.records.clone(),
                    herziening: built.herziening.clone().or_else(|| old.and_then(|o| o.herziening.clone())),
                    bijlagen: built.bijlagen.clone(),
                };
                (Outcome::Built { built, redenen }, Some(new))
            }
            Err(p) => (Outcome::Failed(p), None),
        }
    }
}

/// Every file of the state as the manifest lists it: a document that a raadsvoorstel of the
/// project has as bijlage is listed as that bijlage.
fn manifest_records(state: &State) -> Vec<OutputRecord> {
    let bijlagen: Vec<&BijlageVan> = state.documenten.values().flat_map(|d| &d.bijlagen).collect();
    let mut records: Vec<OutputRecord> = state.documenten.values().flat_map(|d| d.uitvoer.clone()).collect();
    for record in records.iter_mut().filter(|r| r.rol == "document") {
        if let Some(b) = bijlagen.iter().filter(|b| b.bron == record.bron).min_by(|a, b| a.voorstel.cmp(&b.voorstel)) {
            record.rol = "bijlage".into();
            record.voorstel = b.voorstel.clone();
            record.volgorde = b.volgorde;
        }
    }
    records
}
/// Removes the files an earlier build wrote that no document makes any more: a deleted
/// document's PDFs, or the old names after a nummer changed. Left in place they would look
/// current to whoever distributes the folder. Only files recorded in the state, inside `out`.
fn remove_stale(old: &State, new: &State, out: &Path) -> Vec<String> {
    let current: BTreeSet<&str> = new.documenten.values().flat_map(|d| &d.uitvoer).map(|r| r.pad.as_str()).collect();
    let mut removed: Vec<String> = old
        .documenten
        .values()
        .flat_map(|d| &d.uitvoer)
        .map(|r| r.pad.as_str())
        .filter(|pad| !current.contains(pad))
        .filter(|pad| incremental::inside(pad))
        .filter(|pad| std::fs::remove_file(out.join(pad)).is_ok())
        .map(str::to_string)
        .collect();
    removed.sort();
    removed.dedup();
    removed
}

/// The state as far as the run has come, and what went wrong writing it.
struct Progress {
    state: State,
    problemen: Vec<Diagnostic>,
}

impl Progress {
    /// Takes a built document into the state and writes the state and the manifest.
    fn record(&mut self, document: &str, new: &DocState, out: &Path) {
        self.state.documenten.insert(document.to_string(), new.clone());
        let mut problemen = Vec::new();
        write_records(&self.state, out, &mut problemen);
        // Said once, not after every document.
        for p in problemen {
            if !self.problemen.iter().any(|q| q.message == p.message) {
                self.problemen.push(p);
            }
        }
    }
}

/// Writes the state and the manifest (each atomically); a failure fails the build.
fn write_records(state: &State, out: &Path, problemen: &mut Vec<Diagnostic>) {
    if let Err(e) = state.write(out) {
        let path = out.join(incremental::STATE_FILE);
        problemen.push(Diagnostic::new(shown(&path), format!("de toestand van de build is niet te schrijven: {e}")));
    }
    if let Err(e) = manifest::write(out, &manifest_records(state), &state.web) {
        let path = out.join(manifest::JSON_FILE);
        problemen.push(Diagnostic::new(shown(&path), format!("het manifest is niet te schrijven: {e}")));
    }
}

/// Ends the process when a document runs past the time limit. Typst cannot be interrupted, so
/// the process ends; the documents already finished are in the state and the manifest (the
/// progress lock is taken first, so no write is cut off), and the unfinished ones keep their
/// previous files (theirs are written all at once, at the end).
fn watchdog(
    limit: Duration,
    finished: &(Mutex<bool>, std::sync::Condvar),
    running: &Mutex<BTreeMap<usize, Instant>>,
    progress: &Mutex<Progress>,
    docs: &[DocumentFile],
) {
    let mut done = finished.0.lock().expect("not poisoned");
    while !*done {
        done = finished.1.wait_timeout(done, Duration::from_millis(200)).expect("not poisoned").0;
        let over = running.lock().expect("not poisoned").iter().find(|(_, t)| t.elapsed() > limit).map(|(&i, _)| i);
        if let Some(i) = over {
            let _written = progress.lock();
            let d = Diagnostic::new(
                &docs[i].relative,
                format!("de opmaak duurt langer dan de tijdslimiet van {} s en is afgebroken", limit.as_secs()),
            )
            .with_hint(
                "de documenten die al klaar waren, staan in het manifest; van de andere blijven de vorige \
                 bestanden staan. Een heel lange alinea of een eigen sjabloon met een lus kan de oorzaak zijn. \
                 Meer tijd geven kan met `--tijdslimiet <seconden>`.",
            );
            eprint!("{}", d.render());
            std::process::exit(1);
        }
    }
}

/// A panic in one document's build, as that document's error.
fn internal_error(document: &str, payload: &(dyn std::any::Any + Send)) -> Problems {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Diagnostic::new(
        document,
        format!("interne fout in raadsstuk bij dit document: {}", crate::diagnostics::visible(&what)),
    )
    .with_hint("de andere documenten zijn wel gemaakt. Dit is een fout in raadsstuk: meld het, met dit bestand.")
    .into()
}

/// A document's report and, unless it failed, its new state.
type Finished = (DocReport, Option<DocState>);

/// Content hashes of project files, computed once per run even when many documents read them.
#[derive(Default)]
struct FileHashes {
    hashes: Mutex<HashMap<String, String>>,
    /// Every document file with its `soort:`, for the lists of documents (read once per run).
    soorten: OnceLock<Vec<(DocumentFile, Option<String>)>>,
}

impl FileHashes {
    fn get(&self, project: &Project, file: &str) -> String {
        if let Some(h) = self.hashes.lock().expect("not poisoned").get(file) {
            return h.clone();
        }
        if is_documenten_key(file) {
            let soorten = self.soorten.get_or_init(|| {
                let docs = project.documents().unwrap_or_default();
                docs.into_iter()
                    .map(|d| {
                        let soort = sniff_soort(&project.read(&d.relative).unwrap_or_default());
                        (d, soort)
                    })
                    .collect()
            });
            let h = incremental::sha256(documenten_list(file, soorten).unwrap_or_default().as_bytes());
            self.hashes.lock().expect("not poisoned").insert(file.to_string(), h.clone());
            return h;
        }
        // A file that cannot be read hashes as missing (the build itself reports why).
        let h = project.read(file).map(|b| incremental::sha256(&b)).unwrap_or_else(|_| "ontbreekt".into());
        self.hashes.lock().expect("not poisoned").insert(file.to_string(), h.clone());
        h
    }
}
