//! Many documents in one run: which to build (incremental), in what order (bundles wait for
//! their parts), on plain threads; then the state and the manifest.

use std::collections::HashMap;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::batch::state::{self as incremental, DocState, OutputRecord, State};
use crate::batch::{manifest, queue};
use crate::diagnostics::{Diagnostic, Problems};
use crate::source::project::{DocumentFile, Project};
use crate::source::project::{Sniffed, documenten_list, is_documenten_key};

use super::records::{Progress, manifest_records, owners, pending, push_once, state_problem};
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
        let mut toestand_bytes = 0;
        let mut problemen = Vec::new();
        // An output folder of an earlier version: its one state file becomes records.
        if options.out_dir.join(incremental::LEGACY_STATE_FILE).exists() {
            match old.write(&options.out_dir) {
                Ok(n) => toestand_bytes += n,
                Err(e) => problemen.push(state_problem(&options.out_dir, &e)),
            }
        }
        let hashes = FileHashes::default();
        let listing = self.project.documents().unwrap_or_default();
        let uitvoeren = self.per_document_outputs(options);
        // The quick check: when everything a document read last time is unchanged (the files,
        // and the lists of documents it looked through), nothing needs parsing to know it is up
        // to date.
        let quick: Vec<Option<DocState>> = docs
            .iter()
            .map(|d| {
                let prev = old.documenten.get(&d.relative)?;
                let same = !options.force
                    && !prev.sleutel.is_empty()
                    && prev.omgeving == self.omgeving
                    && prev.invoer.iter().all(|(f, h)| hashes.get(&self.project, f) == *h)
                    && prev.uitvoeren == uitvoeren
                    && incremental::reasons(&d.relative, Some(prev), prev, &options.out_dir, false).is_none();
                same.then(|| prev.clone())
            })
            .collect();
        let all_quick = quick.iter().all(Option::is_some);
        // Loading (and the checks across documents) only when something may have changed.
        let loaded: Vec<Result<Loaded, Problems>> =
            if all_quick { Vec::new() } else { self.load_all_owned(docs, &old) };
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
        // A document's record is written after it is built (and, before its files are replaced,
        // with the new files as being written), so that a build killed halfway leaves records
        // true for what is on disk. Documents that no longer exist keep their record until the
        // end, when their files are removed. The manifest is made from the records at the end.
        // What was sent, as the run found it (a run changes no other document's sent files).
        let sent_before = &old;
        let progress = Mutex::new(Progress {
            out_dir: options.out_dir.clone(),
            state: old.clone(),
            problemen,
            toestand_bytes,
            verwijderd: Vec::new(),
            ingetrokken: Vec::new(),
            owners: owners(&old, &listing, &loaded),
        });
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
                        self.build_if_changed(l, options, (old, sent_before), &hashes, &progress)
                    }))
                    .unwrap_or_else(|payload| (Outcome::Failed(internal_error(&file.relative, &*payload)), None))
                }
                (None, None) => unreachable!("loaded when not all are quick"),
            };
            self.release_shared(&uses[i]);
            if let (Outcome::Built { .. }, Some(new)) = (&outcome, &state) {
                let old = old.documenten.get(&file.relative);
                progress.lock().expect("not poisoned").record(&file.relative, new, old, options);
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
                            format!(
                                "niet gemaakt: {} hoort erin en is niet gemaakt (zie daar)",
                                docs[because].relative
                            ),
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
        let mut progress = progress.into_inner().expect("not poisoned");
        let existing: BTreeSet<String> = listing.into_iter().map(|d| d.relative).collect();
        progress.remove_orphans(&existing, options);
        let Progress { mut state, mut problemen, mut toestand_bytes, mut verwijderd, ingetrokken, .. } = progress;
        // The outputs of the whole run: the web edition, then the manifest (see `outputs`).
        let mut run = super::outputs::RunContext {
            state: &mut state,
            old: &old,
            options,
            problemen: &mut problemen,
            toestand_bytes: &mut toestand_bytes,
        };
        for output in self.outputs_on(options) {
            // A defect in an output (a panic) is the run's problem, not the end of the run: the
            // outputs after it and the state are still made.
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| output.run(self, &mut run)));
            if let Err(payload) = ran {
                let what = panic_message(&*payload);
                run.problemen.push(
                    Diagnostic::new(options.out_dir.display().to_string(), format!("interne fout in de uitvoer {}: {what}", output.naam()))
                        .with_hint("de documenten en de andere uitvoer zijn wel gemaakt. Dit is een fout in die uitvoer: meld het."),
                );
            }
        }
        // The web edition's part of the state, whatever the outputs did.
        match state.write_web(&options.out_dir) {
            Ok(n) => toestand_bytes += n,
            Err(e) => push_once(&mut problemen, state_problem(&options.out_dir, &e)),
        }
        verwijderd.sort();
        verwijderd.dedup();
        BatchReport {
            documents: documents.into_iter().map(|(report, _)| report).collect(),
            verwijderd,
            ingetrokken,
            problemen,
            toestand_bytes,
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
        (old, sent): (Option<&DocState>, &State),
        hashes: &FileHashes,
        progress: &Mutex<Progress>,
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
                uitvoeren: self.per_document_outputs(options),
                ..o.clone()
            }
        });
        let redenen = match (old, &probe) {
            (Some(old), Some(probe)) => {
                incremental::reasons(&loaded.file.relative, Some(old), probe, &options.out_dir, options.force)
            }
            _ => Some(vec!["nieuw document".to_string()]),
        };
        let Some(redenen) = redenen else {
            return (Outcome::Unchanged { records: old.map(|o| o.uitvoer.clone()).unwrap_or_default() }, old.cloned());
        };
        // What was sent stays: a document may not drop a sent file unless it is withdrawn.
        let removed = self.sent_removals(loaded, sent);
        if !removed.is_empty() && !options.trek_in {
            return (Outcome::Failed(self.removal_refused(loaded, &removed).into()), None);
        }
        let reads = Reads::default();
        self.read_always(&loaded.file.relative, &reads);
        // Before any file is replaced, the record says which new files are being written.
        let relative = &loaded.file.relative;
        let pending_written = std::cell::Cell::new(false);
        let before_write = |records: &[OutputRecord]| {
            let pending = pending(old, records);
            pending_written.set(true);
            progress.lock().expect("not poisoned").write(relative, &pending).map_err(Problems::from)
        };
        let made = self.build(loaded, options, &redenen, &reads, sent, &before_write, &self.outputs_on(options));
        match made {
            Ok(built) => {
                // A revision made before keeps its proof in the manifest, however often the
                // revised files are made again (`--force`).
                let mut built = built;
                if built.herziening.is_none()
                    && let Some(h) = old.and_then(|o| o.herziening.as_ref())
                {
                    for record in &mut built.records {
                        if let Some(vorige) = h.vorige.get(&record.pad) {
                            record.vorige_sha256 = vorige.clone();
                        }
                    }
                }
                let invoer: BTreeMap<String, String> =
                    built.reads.iter().map(|f| (f.clone(), hashes.get(&self.project, f))).collect();
                let new = DocState {
                    sleutel: incremental::key(&self.omgeving, &invoer),
                    omgeving: self.omgeving.clone(),
                    invoer,
                    uitvoer: built.records.clone(),
                    overige: built.overige.clone(),
                    uitvoeren: built.uitvoeren.clone(),
                    herziening: built.herziening.clone().or_else(|| old.and_then(|o| o.herziening.clone())),
                    bijlagen: built.bijlagen.clone(),
                    onderweg: Vec::new(),
                };
                (Outcome::Built { built: Box::new(built), redenen }, Some(new))
            }
            Err(p) => {
                // Nothing was replaced (the set is written whole or not at all): the record says
                // again what it said before.
                if pending_written.get() {
                    let mut progress = progress.lock().expect("not poisoned");
                    let _ = match old {
                        Some(old) => progress.write(relative, old),
                        None => incremental::remove_record(&options.out_dir, relative)
                            .map_err(|e| state_problem(&options.out_dir, &e)),
                    };
                }
                (Outcome::Failed(p), None)
            }
        }
    }
}

/// Watches the time limit. Typst cannot be interrupted, so a document that runs past it is
/// reported at once and left running, while the other documents go on and are recorded as
/// they finish. When nothing but such documents is running any more (every other document is
/// done, or waits for one of them), the manifest is made from the records and the process
/// ends with 1; the documents that did not finish keep their previous files.
fn watchdog(
    limit: Duration,
    finished: &(Mutex<bool>, std::sync::Condvar),
    running: &Mutex<BTreeMap<usize, Instant>>,
    progress: &Mutex<Progress>,
    docs: &[DocumentFile],
) {
    let mut over: BTreeSet<usize> = BTreeSet::new();
    let mut only_over_since: Option<Instant> = None;
    let mut done = finished.0.lock().expect("not poisoned");
    while !*done {
        done = finished.1.wait_timeout(done, Duration::from_millis(200)).expect("not poisoned").0;
        let now: Vec<(usize, Instant)> = running.lock().expect("not poisoned").iter().map(|(&i, &t)| (i, t)).collect();
        for &(i, started) in &now {
            if started.elapsed() > limit && over.insert(i) {
                let d = Diagnostic::new(
                    &docs[i].relative,
                    format!("de opmaak duurt langer dan de tijdslimiet van {} s en is afgebroken", limit.as_secs()),
                )
                .with_hint(
                    "de andere documenten worden afgemaakt; van dit document blijven de vorige bestanden staan. \
                     Een heel lange alinea, een enorme tabel of een eigen sjabloon met een lus kan de oorzaak \
                     zijn. Meer tijd geven kan met `--tijdslimiet <seconden>`.",
                );
                eprint!("{}", d.render());
            }
        }
        // A free worker takes the next document within moments: a second with only documents
        // past the limit running means nothing else can go on.
        let only_over = !over.is_empty() && now.iter().all(|(i, _)| over.contains(i));
        match (only_over, only_over_since) {
            (false, _) => only_over_since = None,
            (true, None) => only_over_since = Some(Instant::now()),
            (true, Some(since)) if since.elapsed() > Duration::from_secs(1) => {
                // Records are written per document; the manifest is made from them now.
                let written = progress.lock().expect("not poisoned");
                let _ = manifest::write(
                    &written.out_dir,
                    &manifest_records(&written.state),
                    &written.state.web,
                    &written.state.ingetrokken,
                );
                eprintln!(
                    "fout: {} over de tijdslimiet; de andere documenten zijn gemaakt en staan in het manifest (de \
                     webversie is niet bijgewerkt)",
                    if over.len() == 1 {
                        "1 document ging".to_string()
                    } else {
                        format!("{} documenten gingen", over.len())
                    }
                );
                std::process::exit(1);
            }
            (true, Some(_)) => {}
        }
    }
}

/// A panic in one document's build, as that document's error.
fn internal_error(document: &str, payload: &(dyn std::any::Any + Send)) -> Problems {
    Diagnostic::new(document, format!("interne fout in raadsstuk bij dit document: {}", panic_message(payload)))
        .with_hint("de andere documenten zijn wel gemaakt. Dit is een fout in raadsstuk: meld het, met dit bestand.")
        .into()
}

/// What a panic said, as it may be shown.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    crate::diagnostics::visible(&what)
}

/// A document's report and, unless it failed, its new state.
type Finished = (DocReport, Option<DocState>);

/// Content hashes of project files, computed once per run even when many documents read them.
#[derive(Default)]
struct FileHashes {
    hashes: Mutex<HashMap<String, String>>,
    /// Every document file with its `soort:` and `programma:`, for the lists of documents (read
    /// once per run).
    soorten: OnceLock<Vec<Sniffed>>,
}

impl FileHashes {
    fn get(&self, project: &Project, file: &str) -> String {
        if let Some(h) = self.hashes.lock().expect("not poisoned").get(file) {
            return h.clone();
        }
        if is_documenten_key(file) {
            let soorten = self.soorten.get_or_init(|| project.sniff_all());
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
