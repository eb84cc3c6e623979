//! Policy data a jaarverslag reads from other documents: every Kadernota up to its year, and the
//! jaarverslagen of the years its trends show.

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Soort;
use crate::kinds::jaarverslag::beleid::Beleid;
use crate::source::project::DocumentFile;

use super::*;

impl Session {
    /// The Kadernota's and jaarverslagen a jaarverslag of `tot_jaar` reads: every Kadernota up
    /// to that year (they decide which is in force), and the jaarverslagen of the years its
    /// trends show (see [`Beleid::trend_van`]).
    pub(super) fn beleid_files(&self, tot_jaar: i32, reads: &Reads) -> Result<Vec<String>, Problems> {
        // Which documents are Kadernota's or jaarverslagen is itself read: adding one, or
        // changing a file's soort, changes what a jaarverslag shows.
        reads.read(documenten_key(&["jaarverslag", "kadernota"], tot_jaar));
        let mut kadernotas = Vec::new();
        let mut jaarverslagen = Vec::new();
        for doc in self.project.documents().map_err(Problems::one)? {
            if doc.jaar > tot_jaar {
                continue;
            }
            // A broken file counts when it says it is one of these: its errors stop the build.
            let soort = match self.load(&doc) {
                Ok(l) => Some(l.document.soort()),
                Err(_) => match sniff_soort(&self.project.read(&doc.relative).unwrap_or_default()).as_deref() {
                    Some("kadernota") => Some(Soort::Kadernota),
                    Some("jaarverslag") => Some(Soort::Jaarverslag),
                    _ => None,
                },
            };
            match soort {
                Some(Soort::Kadernota) => kadernotas.push(doc),
                Some(Soort::Jaarverslag) => jaarverslagen.push(doc),
                _ => {}
            }
        }
        let van = self.trend_van(&kadernotas, &jaarverslagen, tot_jaar, reads);
        jaarverslagen.retain(|d| van.is_none_or(|van| d.jaar >= van));
        Ok(kadernotas.into_iter().chain(jaarverslagen).map(|d| d.relative).collect())
    }

    /// The first year a jaarverslag of `jaar` shows; `None` (every year) when that cannot be
    /// known, for instance while a Kadernota is broken: the build then reports it.
    pub(super) fn trend_van(
        &self,
        kadernotas: &[DocumentFile],
        jaarverslagen: &[DocumentFile],
        jaar: i32,
        reads: &Reads,
    ) -> Option<i32> {
        let mut beleid = Beleid { indicatoren: self.indicatoren.clone(), ..Beleid::default() };
        for doc in kadernotas {
            match self.load_read(doc, reads) {
                Ok(Loaded { document: Document::Kadernota(k), .. }) => {
                    beleid.kadernotas.push((doc.relative.clone(), *k))
                }
                _ => return None,
            }
        }
        let eigen = jaarverslagen.iter().find(|d| d.jaar == jaar)?;
        match self.load_read(eigen, reads) {
            Ok(Loaded { document: Document::Jaarverslag(j), .. }) => beleid.trend_van(&j, jaar),
            _ => None,
        }
    }

    /// Reads the policy data up to `tot_jaar`: the Kadernota's and the jaarverslagen. A
    /// jaarverslag cannot be built while a file it reads is broken.
    pub fn beleid(&self, tot_jaar: i32, reads: &Reads) -> Result<Beleid, Problems> {
        let mut beleid = Beleid { indicatoren: self.indicatoren.clone(), ..Beleid::default() };
        let mut problems = Vec::new();
        for relative in self.beleid_files(tot_jaar, reads)? {
            let Some(doc) = document_file(&relative) else { continue };
            match self.load_read(&doc, reads) {
                Ok(Loaded { document: Document::Kadernota(k), .. }) => beleid.kadernotas.push((relative, *k)),
                Ok(Loaded { document: Document::Jaarverslag(j), .. }) => {
                    beleid.jaarverslagen.entry(doc.jaar).or_insert((relative, *j));
                }
                Ok(_) => {}
                Err(p) => problems.push(Diagnostic::new(
                    &relative,
                    format!(
                        "dit bestand bevat fouten en wordt gelezen voor de trendgrafieken: {}",
                        p.0.first().map(|d| d.to_string()).unwrap_or_default()
                    ),
                )),
            }
        }
        if problems.is_empty() { Ok(beleid) } else { Err(Problems(problems)) }
    }
}
