//! Incremental builds: what each document read, and whether that changed since the last build.
//!
//! The state lives in the output folder, one small record per document
//! (`.raadsstuk/documenten/<hash of its path>.json`): a key over everything that shapes its PDFs
//! (its input files' contents, the templates, the fonts, the tool's version) and the records of
//! the files it wrote, each with the status it was made with. A record is written atomically
//! after its document is built, so the bytes written per document stay the same however many
//! documents a project has. A document is rebuilt only when its key changed or one of its files
//! is missing or altered; the reason is reported in plain words.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::output::write as output;
use crate::source::project::read_regular;

/// Where the state of one build in one file lived before records per document (read once, to
/// carry an existing output folder over; then removed).
pub const LEGACY_STATE_FILE: &str = ".raadsstuk/state.json";

/// The folder of the records per document, inside the output folder.
pub const RECORDS_DIR: &str = ".raadsstuk/documenten";

/// The web edition's record, inside the output folder.
pub const WEB_FILE: &str = ".raadsstuk/web.json";

/// The manifest of the distribution set, in the output folder (made by `batch::manifest`; the
/// state reads it back as the proof of what was sent).
pub const JSON_FILE: &str = "manifest.json";
pub const CSV_FILE: &str = "manifest.csv";

/// The files that were sent and then withdrawn (`--trek-in`), inside the output folder.
pub const WITHDRAWN_FILE: &str = ".raadsstuk/ingetrokken.json";

pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// One written file, as the manifest lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRecord {
    /// Relative to the output folder, `/`-separated: `2018/2018.0042544-raadsvoorstel.pdf`.
    pub pad: String,
    pub soort: String,
    pub jaar: i32,
    pub nummer: String,
    pub onderwerp: String,
    pub status: String,
    /// ISO date: the document's own date.
    pub datum: String,
    pub paginas: usize,
    pub bytes: u64,
    pub sha256: String,
    /// The standards the file claims ("PDF/A-2a + PDF/UA-1").
    pub standaard: String,
    /// Its part in the distribution set (`domain::model::Rol`): in a raadsvoorstel's set
    /// `voorstel`, `besluit`, `bijlage` or `bundel`; `boek` for a book; `document` for any other
    /// document that is no bijlage of a raadsvoorstel.
    #[serde(default)]
    pub rol: String,
    /// The nummer of the raadsvoorstel the file belongs to (its own, or the one it is a
    /// bijlage of).
    #[serde(default)]
    pub voorstel: String,
    /// Its place in that set: 1 raadsvoorstel, 2 raadsbesluit, 3 … the bijlagen in their order,
    /// 0 the bundle that holds them all.
    #[serde(default)]
    pub volgorde: usize,
    /// The file it was made from: the document's YAML, or the PDF that was copied.
    #[serde(default)]
    pub bron: String,
    /// The `soort:` of the document it was made from, or `pdf` for a copied PDF bijlage.
    #[serde(default)]
    pub documentsoort: String,
    /// For a revised definitief document: the sha256 of the version it replaces.
    #[serde(default)]
    pub vorige_sha256: String,
    /// The raadsvergadering that takes it up (ISO date), its commissie and agendapunt, for a
    /// raadsinformatiesysteem; empty when unknown (a bijlage has its raadsvoorstel's).
    #[serde(default)]
    pub raadsvergadering: String,
    #[serde(default)]
    pub commissie: String,
    #[serde(default)]
    pub agendapunt: String,
    /// When it was adopted (ISO date) and by whom (`raad`, `college`), from the adoption data
    /// only (a bijlage has its raadsvoorstel's); empty while it is not.
    #[serde(default)]
    pub vastgesteld: String,
    #[serde(default)]
    pub vastgesteld_door: String,
    /// The output that made it, for a file outside the distribution set (see
    /// `DocState::overige`); empty for a PDF.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uitvoer: String,
}

/// A definitief document that was changed after it was sent, on purpose (`--herzie`): when,
/// and what the files it replaced were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Herziening {
    /// The day of the revision: printed on every page of the revised PDFs.
    pub datum: chrono::NaiveDate,
    /// Output path → sha256 of the version that was replaced.
    pub vorige: BTreeMap<String, String>,
}

/// A bijlage of a raadsvoorstel that is a document of the project, for the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BijlageVan {
    /// The bijlage's YAML.
    pub bron: String,
    /// The raadsvoorstel's nummer.
    pub voorstel: String,
    pub volgorde: usize,
}

/// What the last build of one document used and wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// Hash over everything below and the run-wide parts (templates, fonts, version).
    pub sleutel: String,
    /// Run-wide parts: name → hash.
    pub omgeving: BTreeMap<String, String>,
    /// Input files (project-relative) → content hash.
    pub invoer: BTreeMap<String, String>,
    pub uitvoer: Vec<OutputRecord>,
    /// The last revision of a definitief document, if it was ever revised.
    #[serde(default)]
    pub herziening: Option<Herziening>,
    /// For a raadsvoorstel: its bijlagen that are documents of the project.
    #[serde(default)]
    pub bijlagen: Vec<BijlageVan>,
    /// Files being replaced right now: written into the record before the files themselves, so
    /// that after a build killed halfway the record still says what each file on disk can be
    /// (its version in `uitvoer` or this one). Empty once the document's build is finished.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub onderweg: Vec<OutputRecord>,
    /// The files other outputs made of it (not in the manifest): removed when no longer made,
    /// made again when missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overige: Vec<OutputRecord>,
    /// The outputs with a part per document that made it: one switched on or off since builds
    /// it again. A record of a version before outputs were named was made by the PDFs.
    #[serde(default = "only_pdf")]
    pub uitvoeren: Vec<String>,
}

fn only_pdf() -> Vec<String> {
    vec!["pdf".to_string()]
}

/// A file that was sent as definitief and later withdrawn on purpose (`--trek-in`): what it
/// was, so the proof of what was sent outlives the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ingetrokken {
    /// The day it was withdrawn.
    pub ingetrokken: chrono::NaiveDate,
    /// The file as it was sent (path, sha256, source …).
    #[serde(flatten)]
    pub record: OutputRecord,
}

/// A record file: the document it belongs to, and its state.
#[derive(Serialize, Deserialize)]
struct RecordFile {
    bron: String,
    #[serde(flatten)]
    state: DocState,
}

/// The web edition's part of the state.
#[derive(Default, Serialize, Deserialize)]
struct WebFile {
    #[serde(default)]
    web: Vec<WebRecord>,
    #[serde(default)]
    web_sleutel: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub documenten: BTreeMap<String, DocState>,
    /// Every file withdrawn after it was sent, oldest first.
    #[serde(default)]
    pub ingetrokken: Vec<Ingetrokken>,
    /// The files the last manifest listed, by path: the proof of what was sent when a record
    /// is gone or was edited (read from `manifest.json`, never written from here).
    #[serde(skip)]
    pub manifest: BTreeMap<String, OutputRecord>,
    /// The files of the web edition (`web/…`), as the last build wrote them.
    #[serde(default)]
    pub web: Vec<WebRecord>,
    /// What the web edition was made from (see `Session::site_key`): set once the whole site
    /// is written, so a build cut off while writing it makes it again.
    #[serde(default)]
    pub web_sleutel: String,
}

/// A file of the web edition, for the manifest and to remove what a later build no longer makes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebRecord {
    /// Relative to the output folder: `web/2024/jaarverslag-veiligheid.html`.
    pub pad: String,
    pub bytes: u64,
    pub sha256: String,
    /// The document it shows (empty for the site's own pages: indexes, search, assets).
    pub bron: String,
}

impl State {
    /// Reads the state of an output folder: every document's record, the web edition's and the
    /// withdrawn files. A missing or unreadable record means "build that document". An output
    /// folder of an earlier version (one `state.json`) is read from that file.
    pub fn read(out_dir: &Path) -> State {
        let records = out_dir.join(RECORDS_DIR);
        if !records.is_dir()
            && let Some(legacy) = read_regular(&out_dir.join(LEGACY_STATE_FILE))
        {
            // Only a regular file is read (a pipe in its place would be waited for forever).
            let mut state: State = serde_json::from_slice(&legacy).unwrap_or_default();
            state.manifest = read_manifest(out_dir);
            return state;
        }
        let mut state = State { manifest: read_manifest(out_dir), ..State::default() };
        if let Ok(entries) = std::fs::read_dir(&records) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.ends_with(".json") || name.starts_with('.') {
                    continue;
                }
                let Some(record) = read_regular(&entry.path())
                    .and_then(|b| serde_json::from_slice::<RecordFile>(&b).ok())
                    // A record is found under the name its document gives it, or not at all
                    // (a copied or renamed record file would describe another document).
                    .filter(|r| record_name(&r.bron) == name)
                else {
                    continue;
                };
                state.documenten.insert(record.bron, record.state);
            }
        }
        let web: WebFile =
            read_regular(&out_dir.join(WEB_FILE)).and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        state.web = web.web;
        state.web_sleutel = web.web_sleutel;
        state.ingetrokken = read_regular(&out_dir.join(WITHDRAWN_FILE))
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        state
    }

    /// Writes the whole state, record by record (each only when it changed), and removes the
    /// records of documents it no longer has and an earlier version's single file. Returns the
    /// bytes written.
    pub fn write(&self, out_dir: &Path) -> std::io::Result<u64> {
        let mut written = 0;
        for (relative, doc) in &self.documenten {
            written += write_record(out_dir, relative, doc)?;
        }
        if let Ok(entries) = std::fs::read_dir(out_dir.join(RECORDS_DIR)) {
            let keep: std::collections::BTreeSet<String> = self.documenten.keys().map(|k| record_name(k)).collect();
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".json") && !keep.contains(&name) {
                    std::fs::remove_file(entry.path())?;
                }
            }
        }
        written += self.write_web(out_dir)?;
        match std::fs::remove_file(out_dir.join(LEGACY_STATE_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        Ok(written)
    }

    /// Writes the web edition's part and the withdrawn files (when they changed).
    pub fn write_web(&self, out_dir: &Path) -> std::io::Result<u64> {
        let web = WebFile { web: self.web.clone(), web_sleutel: self.web_sleutel.clone() };
        let mut written = write_json_if_changed(&out_dir.join(WEB_FILE), &web)?;
        if !self.ingetrokken.is_empty() {
            written += write_json_if_changed(&out_dir.join(WITHDRAWN_FILE), &self.ingetrokken)?;
        }
        Ok(written)
    }
}

/// The files `manifest.json` lists (an unreadable manifest lists none).
fn read_manifest(out_dir: &Path) -> BTreeMap<String, OutputRecord> {
    #[derive(Deserialize)]
    struct Manifest {
        #[serde(default)]
        bestanden: Vec<OutputRecord>,
    }
    read_regular(&out_dir.join(JSON_FILE))
        .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
        .map(|m| m.bestanden.into_iter().map(|r| (r.pad.clone(), r)).collect())
        .unwrap_or_default()
}

/// The file name of a document's record: a hash of its path, so any path gives a plain name.
pub fn record_name(relative: &str) -> String {
    format!("{}.json", &sha256(relative.as_bytes())[..20])
}

/// Where a document's record lives.
pub fn record_path(out_dir: &Path, relative: &str) -> std::path::PathBuf {
    out_dir.join(RECORDS_DIR).join(record_name(relative))
}

/// Writes one document's record atomically (only when it changed); returns the bytes written.
pub fn write_record(out_dir: &Path, relative: &str, doc: &DocState) -> std::io::Result<u64> {
    let record = RecordFile { bron: relative.to_string(), state: doc.clone() };
    write_json_if_changed(&record_path(out_dir, relative), &record)
}

/// Removes a document's record (its document no longer exists and its files are gone).
pub fn remove_record(out_dir: &Path, relative: &str) -> std::io::Result<()> {
    match std::fs::remove_file(record_path(out_dir, relative)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Compact JSON, written atomically when it differs; returns the bytes written.
fn write_json_if_changed(path: &Path, value: &impl Serialize) -> std::io::Result<u64> {
    let json = serde_json::to_vec(value).expect("state serializes");
    if read_regular(path).is_some_and(|old| old == json) {
        return Ok(0);
    }
    output::write_atomic(path, &json)?;
    Ok(json.len() as u64)
}

/// The key of a document: its inputs and the run-wide parts, in a fixed order.
pub fn key(omgeving: &BTreeMap<String, String>, invoer: &BTreeMap<String, String>) -> String {
    let mut h = Sha256::new();
    for (k, v) in omgeving.iter().chain(invoer) {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}

/// Why a document must be rebuilt, or `None` when its last build still stands.
pub fn reasons(
    relative: &str,
    old: Option<&DocState>,
    new: &DocState,
    out_dir: &Path,
    force: bool,
) -> Option<Vec<String>> {
    if force {
        return Some(vec!["--force".into()]);
    }
    let Some(old) = old else { return Some(vec!["nieuw document".into()]) };
    let mut why = Vec::new();
    if !old.onderweg.is_empty() {
        why.push("de vorige build van dit document is afgebroken".into());
    } else if old.sleutel.is_empty() {
        why.push("gemaakt door `watch`, zonder bundel".into());
    }
    for (name, hash) in &new.omgeving {
        if old.omgeving.get(name) != Some(hash) {
            why.push(format!("{name} gewijzigd"));
        }
    }
    for (file, hash) in &new.invoer {
        match old.invoer.get(file) {
            None => why.push(format!("{file} wordt nu gelezen")),
            Some(h) if h != hash => why.push(format!("{file} gewijzigd")),
            _ => {}
        }
    }
    for file in old.invoer.keys().filter(|f| !new.invoer.contains_key(*f)) {
        why.push(format!("{file} wordt niet meer gelezen"));
    }
    for naam in new.uitvoeren.iter().filter(|n| !old.uitvoeren.contains(n)) {
        why.push(format!("uitvoer {naam} staat aan"));
    }
    for naam in old.uitvoeren.iter().filter(|n| !new.uitvoeren.contains(n)) {
        why.push(format!("uitvoer {naam} staat uit"));
    }
    if why.is_empty() && old.sleutel != new.sleutel {
        why.push("invoer gewijzigd".into());
    }
    if why.is_empty() {
        // Outputs written before the state was saved, with the recorded size, are the ones the
        // state describes; anything touched since is hashed again.
        let saved = std::fs::metadata(record_path(out_dir, relative)).and_then(|m| m.modified()).ok();
        for record in old.uitvoer.iter().chain(&old.overige) {
            // The state is a file anyone can edit: a recorded path is only ever one inside the
            // output folder, or the output is taken as missing.
            if !inside(&record.pad) {
                why.push(format!("{} ontbreekt of is veranderd", record.pad));
                continue;
            }
            let path = out_dir.join(&record.pad);
            let unchanged_since = std::fs::metadata(&path).ok().is_some_and(|m| {
                m.len() == record.bytes && saved.is_some_and(|saved| m.modified().is_ok_and(|t| t <= saved))
            });
            let intact = unchanged_since || read_regular(&path).is_some_and(|b| sha256(&b) == record.sha256);
            if !intact {
                why.push(format!("{} ontbreekt of is veranderd", record.pad));
            }
        }
    }
    (!why.is_empty()).then_some(why)
}

/// One build at a time per output folder: two at once would each write the state and manifest
/// from their own view and lose the other's. Held until dropped (the lock goes with the file).
pub struct Lock(#[allow(dead_code)] std::fs::File);

/// Where the lock lives, inside the output folder.
pub const LOCK_FILE: &str = ".raadsstuk/lock";

impl Lock {
    /// Takes the lock of `out_dir`; when another build holds it, calls `waiting` and waits.
    pub fn take(out_dir: &Path, waiting: impl FnOnce()) -> std::io::Result<Lock> {
        let path = out_dir.join(LOCK_FILE);
        std::fs::create_dir_all(path.parent().expect("has a folder"))?;
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(Lock(file))
    }
}

/// Removes the temporary files a build that was killed left behind (`.raadsstuk-*.tmp`, in the
/// output folder and its year folders). Only under the [`Lock`]: another build's are in use.
pub fn remove_leftovers(out_dir: &Path) -> Vec<std::path::PathBuf> {
    let mut folders = vec![out_dir.to_path_buf(), out_dir.join(".raadsstuk"), out_dir.join(RECORDS_DIR)];
    if let Ok(entries) = std::fs::read_dir(out_dir) {
        folders.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    // The web edition's folders, to any depth (its pages' data live a few levels down); no
    // symlinks followed.
    let mut pending = vec![out_dir.join("web")];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(entry.path());
                folders.push(entry.path());
            }
        }
    }
    let mut removed = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let leftover = name.starts_with(".raadsstuk-") && name.ends_with(".tmp");
            if leftover && entry.path().is_file() && std::fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
    }
    removed.sort();
    removed
}

/// Whether a recorded path stays inside the output folder: relative, plain names only.
pub fn inside(pad: &str) -> bool {
    !pad.is_empty() && std::path::Path::new(pad).components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Whether a recorded path may be removed from `out_dir`: inside it by its text, and no part of
/// the way there a symbolic link (through one, a tampered state could name a project file).
pub fn removable(out_dir: &Path, pad: &str) -> bool {
    if !inside(pad) {
        return false;
    }
    let mut path = out_dir.to_path_buf();
    for part in pad.split('/') {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => return false,
            Ok(_) => {}
            // Not there: nothing to follow, nothing to remove.
            Err(_) => return true,
        }
    }
    true
}

/// Writes a file atomically, but only when its content differs (so its mtime stays otherwise).
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if read_regular(path).is_some_and(|old| old == bytes) {
        return Ok(());
    }
    output::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(files: &[(&str, &str)]) -> DocState {
        let omgeving: BTreeMap<String, String> = [("sjablonen".to_string(), "t1".to_string())].into();
        let invoer: BTreeMap<String, String> = files.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        DocState {
            sleutel: key(&omgeving, &invoer),
            omgeving,
            invoer,
            uitvoer: Vec::new(),
            herziening: None,
            bijlagen: Vec::new(),
            onderweg: Vec::new(),
            overige: Vec::new(),
            uitvoeren: Vec::new(),
        }
    }

    #[test]
    fn reasons_name_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let old = state(&[("data/a.yaml", "1"), ("data/gemeente.yaml", "g")]);
        assert_eq!(reasons("a", Some(&old), &old, dir.path(), false), None);
        assert_eq!(reasons("a", Some(&old), &old, dir.path(), true), Some(vec!["--force".to_string()]));
        assert_eq!(reasons("a", None, &old, dir.path(), false), Some(vec!["nieuw document".to_string()]));
        let new = state(&[("data/a.yaml", "2"), ("data/gemeente.yaml", "g"), ("data/b.yaml", "3")]);
        assert_eq!(
            reasons("a", Some(&old), &new, dir.path(), false).unwrap(),
            ["data/a.yaml gewijzigd", "data/b.yaml wordt nu gelezen"]
        );
        let mut templates = old.clone();
        templates.omgeving.insert("sjablonen".into(), "t2".into());
        assert_eq!(reasons("a", Some(&old), &templates, dir.path(), false).unwrap(), ["sjablonen gewijzigd"]);
    }

    #[test]
    fn a_missing_or_altered_output_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = state(&[("data/a.yaml", "1")]);
        std::fs::write(dir.path().join("a.pdf"), b"pdf").unwrap();
        old.uitvoer.push(OutputRecord {
            pad: "a.pdf".into(),
            soort: "x".into(),
            jaar: 2018,
            nummer: String::new(),
            onderwerp: String::new(),
            status: String::new(),
            datum: String::new(),
            paginas: 1,
            bytes: 3,
            sha256: sha256(b"pdf"),
            ..Default::default()
        });
        assert_eq!(reasons("a", Some(&old), &old, dir.path(), false), None);
        std::fs::write(dir.path().join("a.pdf"), b"pdx").unwrap();
        assert_eq!(reasons("a", Some(&old), &old, dir.path(), false).unwrap(), ["a.pdf ontbreekt of is veranderd"]);
    }
}
