//! The begrotingswijzigingen of a year, read from the documents that hold them (raadsvoorstellen,
//! bestuursrapportages): the adopted ones make the begroting na wijziging wherever it shows.

use chrono::NaiveDate;

use super::lezen;
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Orgaan;
use crate::domain::wijziging::Vastgesteld;
use crate::kinds::Library;
use crate::kinds::feiten::Feit;
use crate::source::project::{Reads, documenten_met_nummer_key};

/// Every begrotingswijziging of the begroting of `jaar` that the raad adopted on or before
/// `tot` (the reader's own date: a document shows what was adopted when it was made, so a later
/// wijziging never changes a document already sent), in date order. Wijzigingen are looked
/// for in the folders of `jaar - 1` to `jaar + 1`; each is read and recorded, so adopting one
/// makes every document that shows its year again. A file with errors that holds a wijziging
/// stops the reader.
pub fn vastgesteld(
    library: &dyn Library,
    jaar: i32,
    tot: Option<NaiveDate>,
    reads: &Reads,
) -> Result<Vec<Vastgesteld>, Problems> {
    let soorten = lezen::publishing(library, &[Feit::Wijziging]);
    // The lists of exactly the years looked through: a document added in another year is
    // not read, and does not make the reader again.
    for j in jaar - 1..=jaar + 1 {
        reads.read(documenten_met_nummer_key(&soorten, j));
    }
    let mut out = Vec::new();
    for doc in library.documents().into_iter().filter(|d| (jaar - 1..=jaar + 1).contains(&d.jaar)) {
        if !crate::kinds::soort_line(library, &doc).is_some_and(|s| soorten.contains(&s.as_str())) {
            continue;
        }
        let loaded = match library.load_read(&doc, reads) {
            Ok(l) => l,
            Err(p) => {
                // A broken file without a wijziging changes no begroting.
                let bytes = crate::source::project::read_regular(&library.root().join(&doc.relative));
                if !bytes.is_some_and(|b| String::from_utf8_lossy(&b).contains("begrotingswijziging:")) {
                    continue;
                }
                let d = Diagnostic::new(
                    &doc.relative,
                    format!("dit bestand bevat fouten en wordt gelezen voor de begroting {jaar} na wijziging"),
                );
                return Err(Problems(std::iter::once(d).chain(p.0).collect()));
            }
        };
        let Some(w) = loaded.document.feiten().wijziging else { continue };
        let Some(v) = w.vastgesteld.filter(|v| v.door == Orgaan::Raad) else { continue };
        if w.wijziging.begroting != jaar || tot.is_some_and(|tot| v.datum > tot) {
            continue;
        }
        out.push(Vastgesteld { bestand: doc.relative, naam: w.naam, datum: v.datum, wijziging: w.wijziging });
    }
    out.sort_by(|a, b| a.datum.cmp(&b.datum).then(a.bestand.cmp(&b.bestand)));
    Ok(out)
}
