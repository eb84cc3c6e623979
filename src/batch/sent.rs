//! What was sent: the files made as definitief, read from the state. No route may overwrite,
//! move or remove such a file without `--herzie` (a revised version) or `--trek-in` (a
//! withdrawal); this module answers, for a path, what left the house there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::batch::state::{OutputRecord, State, inside, sha256};
use crate::source::project::read_regular;

/// The status a file is made with when it is sent.
pub const DEFINITIEF: &str = "definitief";

/// The version of a file that was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verstuurd {
    pub sha256: String,
    /// The document it was made from, as the state last recorded it.
    pub bron: String,
    /// Withdrawn since (`--trek-in`): no longer in the output folder.
    pub ingetrokken: bool,
}

/// What was sent at `pad`, if anything: the definitief version a document's record holds (or,
/// for a build cut off while replacing it, the one on disk), else the last withdrawn version.
/// `None` when the path was last made as concept, or never made.
pub fn verstuurd(state: &State, pad: &str, out_dir: &Path) -> Option<Verstuurd> {
    let from = |r: &OutputRecord, bron: &str| Verstuurd {
        sha256: r.sha256.clone(),
        bron: bron.to_string(),
        ingetrokken: false,
    };
    // The manifest as proof: a definitief file it lists (with its source).
    let listed = state.manifest.get(pad).filter(|r| r.status == DEFINITIEF);
    for (bron, doc) in &state.documenten {
        let Some(record) = doc.uitvoer.iter().find(|r| r.pad == pad) else {
            // A file only being made when a build was cut off: sent if it is on disk.
            if let Some(new) = doc.onderweg.iter().find(|r| r.pad == pad && r.status == DEFINITIEF)
                && on_disk(out_dir, pad).as_deref() == Some(new.sha256.as_str())
            {
                return Some(from(new, bron));
            }
            continue;
        };
        let disk = on_disk(out_dir, pad);
        let pending = doc.onderweg.iter().find(|r| r.pad == pad);
        let version = match pending {
            Some(new) if disk.as_deref() == Some(new.sha256.as_str()) => new,
            _ => record,
        };
        if version.status == DEFINITIEF {
            return Some(from(version, bron));
        }
        // A record that says concept where the manifest listed this very file as definitief
        // (an edited record) does not make what was sent replaceable.
        return listed.filter(|m| disk.as_deref() == Some(m.sha256.as_str())).map(|m| from(m, bron));
    }
    // No record (a state removed): the manifest still says what was sent.
    if let Some(m) = listed {
        // A copied PDF bijlage names the PDF it came from: its document is not known here.
        return Some(from(m, if m.documentsoort == "pdf" { "" } else { &m.bron }));
    }
    state.ingetrokken.iter().rev().find(|w| w.record.pad == pad).map(|w| Verstuurd {
        sha256: w.record.sha256.clone(),
        bron: w.record.bron.clone(),
        ingetrokken: true,
    })
}

/// The sha256 of the file at `pad` in the output folder, if it is there.
pub fn on_disk(out_dir: &Path, pad: &str) -> Option<String> {
    inside(pad).then(|| read_regular(&out_dir.join(pad))).flatten().map(|b| sha256(&b))
}

/// The sent files of a document's record (definitief, still in the output folder or recorded
/// as being replaced).
pub fn sent_files<'a>(state: &'a State, relative: &str) -> Vec<&'a OutputRecord> {
    state
        .documenten
        .get(relative)
        // A path outside the output folder (an edited state) was never ours.
        .map(|d| d.uitvoer.iter().chain(&d.onderweg).filter(|r| r.status == DEFINITIEF && inside(&r.pad)).collect())
        .unwrap_or_default()
}

/// Which document each recorded file belongs to: path → the document that last made it, for
/// the documents that still exist.
pub fn claims(state: &State, existing: &BTreeSet<String>) -> BTreeMap<String, String> {
    state
        .documenten
        .iter()
        .filter(|(bron, _)| existing.contains(*bron))
        .flat_map(|(bron, d)| {
            d.uitvoer.iter().chain(&d.onderweg).chain(&d.overige).map(move |r| (r.pad.clone(), bron.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::state::{DocState, Ingetrokken};

    fn doc(records: &[(&str, &str, &str)]) -> DocState {
        DocState {
            uitvoer: records
                .iter()
                .map(|(pad, status, sha)| OutputRecord {
                    pad: pad.to_string(),
                    status: status.to_string(),
                    sha256: sha.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn only_what_was_made_as_definitief_counts_as_sent() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = State::default();
        state.documenten.insert("data/a.yaml".into(), doc(&[("2024/a.pdf", "definitief", "aa")]));
        state.documenten.insert("data/b.yaml".into(), doc(&[("2024/b.pdf", "concept", "bb")]));
        let a = verstuurd(&state, "2024/a.pdf", dir.path()).unwrap();
        assert_eq!((a.sha256.as_str(), a.bron.as_str(), a.ingetrokken), ("aa", "data/a.yaml", false));
        assert_eq!(verstuurd(&state, "2024/b.pdf", dir.path()), None);
        assert_eq!(verstuurd(&state, "2024/c.pdf", dir.path()), None);
        // Withdrawn: still what was sent at that path.
        state.ingetrokken.push(Ingetrokken {
            ingetrokken: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            record: OutputRecord { pad: "2024/c.pdf".into(), sha256: "cc".into(), ..Default::default() },
        });
        assert!(verstuurd(&state, "2024/c.pdf", dir.path()).unwrap().ingetrokken);
    }

    #[test]
    fn a_file_being_replaced_is_the_version_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2024")).unwrap();
        std::fs::write(dir.path().join("2024/a.pdf"), b"nieuw").unwrap();
        let mut d = doc(&[("2024/a.pdf", "definitief", "oud")]);
        d.onderweg = doc(&[("2024/a.pdf", "definitief", &sha256(b"nieuw"))]).uitvoer;
        let mut state = State::default();
        state.documenten.insert("data/a.yaml".into(), d);
        assert_eq!(verstuurd(&state, "2024/a.pdf", dir.path()).unwrap().sha256, sha256(b"nieuw"));
        std::fs::write(dir.path().join("2024/a.pdf"), b"oud").unwrap();
        assert_eq!(verstuurd(&state, "2024/a.pdf", dir.path()).unwrap().sha256, "oud");
    }
}
