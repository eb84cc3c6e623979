//! The state's records during a run: each document's record written as it is built (with the
//! files being replaced noted first), the files a document no longer makes removed — sent ones
//! only when withdrawn — and the records of documents that no longer exist.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::batch::manifest;
use crate::batch::sent::DEFINITIEF;
use crate::batch::state::{self as incremental, BijlageVan, DocState, Ingetrokken, OutputRecord, State};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Rol;
use crate::source::project::DocumentFile;

use super::{BuildOptions, Loaded, Session, shown};

/// A document's record while its new files are being written: what it had (`uitvoer`) and
/// what is coming (`onderweg`), with no key, so a build cut off here builds it again.
pub(super) fn pending(old: Option<&DocState>, new: &[OutputRecord]) -> DocState {
    let mut pending = old.cloned().unwrap_or_default();
    pending.sleutel = String::new();
    pending.onderweg = new.to_vec();
    pending
}

/// The state as far as the run has come, what went wrong writing it, and what was removed.
pub(super) struct Progress {
    pub(super) out_dir: std::path::PathBuf,
    pub(super) state: State,
    pub(super) problemen: Vec<Diagnostic>,
    pub(super) toestand_bytes: u64,
    pub(super) verwijderd: Vec<String>,
    pub(super) ingetrokken: Vec<String>,
    /// Which document makes each output path in this run (and by the records, outside it): a
    /// file another document now makes is never removed as stale.
    pub(super) owners: HashMap<String, String>,
}

impl Progress {
    /// Writes one document's record.
    pub(super) fn write(&mut self, document: &str, doc: &DocState) -> Result<(), Diagnostic> {
        let out = self.out_dir.clone();
        match incremental::write_record(&out, document, doc) {
            Ok(n) => {
                self.toestand_bytes += n;
                Ok(())
            }
            Err(e) => {
                let d = state_problem(&out, &e);
                push_once(&mut self.problemen, d.clone());
                Err(d)
            }
        }
    }

    /// Takes a built document into the state: removes the files it made before and makes no
    /// more (sent ones are withdrawn: the build refused them before, unless `--trek-in`), then
    /// writes its record.
    pub(super) fn record(&mut self, document: &str, new: &DocState, old: Option<&DocState>, options: &BuildOptions) {
        let keep: BTreeSet<&str> = new.uitvoer.iter().chain(&new.overige).map(|r| r.pad.as_str()).collect();
        let stale = files_of(old)
            .into_iter()
            .filter(|r| !keep.contains(r.pad.as_str()))
            // Another document of the run makes it now: its file, not ours to remove.
            .filter(|r| self.owners.get(&r.pad).is_none_or(|owner| owner == document))
            .collect::<Vec<_>>();
        if !stale.is_empty() {
            // Said in the record first, so that a kill leaves a record that knows they may be gone.
            let _ = self.write(document, &pending(old, &new.uitvoer));
            self.remove(stale, options);
        }
        self.state.documenten.insert(document.to_string(), new.clone());
        let _ = self.write(document, new);
    }

    /// Removes files of ours: concept ones as stale, sent ones as withdrawn (kept in the
    /// state's list of withdrawn files first).
    pub(super) fn remove(&mut self, files: Vec<OutputRecord>, options: &BuildOptions) {
        let out = options.out_dir.clone();
        let (sent, concept): (Vec<OutputRecord>, Vec<OutputRecord>) =
            files.into_iter().filter(|r| incremental::removable(&out, &r.pad)).partition(|r| r.status == DEFINITIEF);
        if !sent.is_empty() {
            for record in &sent {
                self.state.ingetrokken.push(Ingetrokken { ingetrokken: options.vandaag, record: record.clone() });
            }
            match self.state.write_web(&out) {
                Ok(n) => self.toestand_bytes += n,
                Err(e) => push_once(&mut self.problemen, state_problem(&out, &e)),
            }
        }
        for record in sent {
            // Withdrawn, whether or not the file was still there.
            let _ = std::fs::remove_file(out.join(&record.pad));
            self.ingetrokken.push(record.pad);
        }
        for record in concept {
            if std::fs::remove_file(out.join(&record.pad)).is_ok() {
                // A document's own folder too (a jaarverslag's charts beside its Typst source),
                // once nothing is left in it; never a year's, which other documents write in.
                if record.pad.matches('/').count() >= 2
                    && let Some(folder) = out.join(&record.pad).parent()
                {
                    let _ = std::fs::remove_dir(folder);
                }
                self.verwijderd.push(record.pad);
            }
        }
    }

    /// The records of documents that no longer exist: their files that no other document now
    /// makes are removed, unless one was sent (then the record and the files stay, and the
    /// build says so) or the run withdraws it (`--trek-in`).
    pub(super) fn remove_orphans(&mut self, existing: &BTreeSet<String>, options: &BuildOptions) {
        let claimed: BTreeSet<String> = crate::batch::sent::claims(&self.state, existing).into_keys().collect();
        let orphans: Vec<(String, DocState)> = self
            .state
            .documenten
            .iter()
            .filter(|(b, _)| !existing.contains(*b))
            .map(|(b, d)| (b.clone(), d.clone()))
            .collect();
        for (bron, doc) in orphans {
            let own: Vec<OutputRecord> =
                files_of(Some(&doc)).into_iter().filter(|r| !claimed.contains(&r.pad)).collect();
            // Sent, whether or not the file is still in the folder: only a withdrawal ends that.
            let sent: Vec<&OutputRecord> = own.iter().filter(|r| r.status == DEFINITIEF).collect();
            if !sent.is_empty() && !options.trek_in {
                push_once(&mut self.problemen, Session::orphan_refused(&bron, &sent));
                continue;
            }
            if !own.is_empty() {
                let _ = self.write(&bron, &pending(None, &own));
                self.remove(own, options);
            }
            self.state.documenten.remove(&bron);
            if let Err(e) = incremental::remove_record(&options.out_dir, &bron) {
                push_once(&mut self.problemen, state_problem(&options.out_dir, &e));
            }
        }
    }
}

/// Which document makes each output path: the documents of this run by what they make now,
/// the other existing documents by their records.
pub(super) fn owners(
    state: &State,
    listing: &[DocumentFile],
    loaded: &[Result<Loaded, Problems>],
) -> HashMap<String, String> {
    let existing: BTreeSet<String> = listing.iter().map(|d| d.relative.clone()).collect();
    let mut owners: HashMap<String, String> = crate::batch::sent::claims(state, &existing).into_iter().collect();
    for l in loaded.iter().flatten() {
        for pad in super::sent::outputs(l) {
            owners.insert(pad, l.file.relative.clone());
        }
    }
    owners
}

/// Every file a record describes (finished or being written), once per path.
fn files_of(doc: Option<&DocState>) -> Vec<OutputRecord> {
    let mut files: BTreeMap<String, OutputRecord> = BTreeMap::new();
    for r in doc.into_iter().flat_map(|d| d.uitvoer.iter().chain(&d.onderweg).chain(&d.overige)) {
        files.entry(r.pad.clone()).or_insert_with(|| r.clone());
    }
    files.into_values().collect()
}

pub(super) fn push_once(problemen: &mut Vec<Diagnostic>, p: Diagnostic) {
    if !problemen.iter().any(|q| q.message == p.message) {
        problemen.push(p);
    }
}

pub(super) fn state_problem(out: &Path, e: &std::io::Error) -> Diagnostic {
    let path = out.join(incremental::RECORDS_DIR);
    Diagnostic::new(
        shown(&path),
        format!("de toestand van de build is niet te schrijven: {}", crate::diagnostics::io_fout(e)),
    )
}

pub(super) fn manifest_problem(out: &Path, e: &std::io::Error) -> Diagnostic {
    let path = out.join(manifest::JSON_FILE);
    Diagnostic::new(shown(&path), format!("het manifest is niet te schrijven: {}", crate::diagnostics::io_fout(e)))
}

/// Every file of the state as the manifest lists it: a document that a raadsvoorstel of the
/// project has as bijlage is listed as that bijlage.
pub(super) fn manifest_records(state: &State) -> Vec<OutputRecord> {
    let bijlagen: Vec<&BijlageVan> = state.documenten.values().flat_map(|d| &d.bijlagen).collect();
    let mut records: Vec<OutputRecord> = state.documenten.values().flat_map(|d| d.uitvoer.clone()).collect();
    // Where each raadsvoorstel is taken up, for its bijlagen.
    let meetings: HashMap<String, [String; 5]> = records
        .iter()
        .filter(|r| r.rol == Rol::Voorstel.as_str())
        .map(|r| {
            (
                r.voorstel.clone(),
                [
                    r.raadsvergadering.clone(),
                    r.commissie.clone(),
                    r.agendapunt.clone(),
                    r.vastgesteld.clone(),
                    r.vastgesteld_door.clone(),
                ],
            )
        })
        .collect();
    for record in records.iter_mut().filter(|r| r.rol == Rol::Document.as_str()) {
        if let Some(b) = bijlagen.iter().filter(|b| b.bron == record.bron).min_by(|a, b| a.voorstel.cmp(&b.voorstel)) {
            record.rol = Rol::Bijlage.as_str().into();
            record.voorstel = b.voorstel.clone();
            record.volgorde = b.volgorde;
            // Where the raad takes it up, and that it adopted it: with its raadsbesluit.
            if let Some(m) = meetings.get(&b.voorstel) {
                [
                    record.raadsvergadering,
                    record.commissie,
                    record.agendapunt,
                    record.vastgesteld,
                    record.vastgesteld_door,
                ] = m.clone();
            }
        }
    }
    // The same bytes that the last manifest listed as sent stay listed as sent, whatever a
    // (hand-edited) record says: the manifest is the proof.
    for record in &mut records {
        if state.manifest.get(&record.pad).is_some_and(|m| m.status == DEFINITIEF && m.sha256 == record.sha256) {
            record.status = DEFINITIEF.into();
        }
    }
    records
}
