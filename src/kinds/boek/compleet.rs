//! Whether a book holds every part the BBV requires: the paragrafen (supplied by the kinds that
//! declare them, `Kind::vereist_in`), and in a begrotingsboek the uiteenzetting van de
//! financiële positie (art. 20, the book's own). A part may be marked not applicable with a reason, which the book
//! prints. A concept book may be incomplete (a warning); a definitief one may not (an error).

use serde::Serialize;

use super::hoofdstukken::Chapter;
use super::{Boek, BoekKind};
use crate::diagnostics::Diagnostic;
use crate::kinds::{Library, Vereist};
use crate::source::yaml::YamlFile;

/// The book's own required part.
const FINANCIELE_POSITIE: Vereist =
    Vereist { sleutel: "financiele_positie", wat: "uiteenzetting van de financiële positie", artikel: "BBV art. 20" };

/// A part marked not applicable, as the book prints it.
#[derive(Debug, Clone, Serialize)]
pub struct NietVanToepassing {
    /// "Paragraaf Grondbeleid (BBV art. 16)".
    pub wat: String,
    pub reden: String,
}

/// Every part the book must hold, in order: the kinds' (the paragrafen), then its own.
fn vereist(kind: &BoekKind, library: &dyn Library) -> Vec<Vereist> {
    let mut out: Vec<Vereist> =
        library.soorten().into_iter().filter_map(|s| library.kind(s)).flat_map(|k| k.vereist_in(kind.soort)).collect();
    if kind.soort == super::BEGROTING.soort {
        out.push(FINANCIELE_POSITIE);
    }
    out
}

/// What is wrong with the book's completeness, at its lines: a required part missing (an error
/// for a definitief book, else a warning), a `niet_van_toepassing:` key that names no required
/// part, or one whose part is there after all.
pub(super) fn check(
    boek: &Boek,
    kind: &BoekKind,
    chapters: &[Chapter],
    library: &dyn Library,
    file: &YamlFile,
) -> Vec<Diagnostic> {
    let alle = vereist(kind, library);
    let aanwezig = |v: &Vereist| {
        if v.sleutel == FINANCIELE_POSITIE.sleutel {
            boek.financiele_positie.is_some()
        } else {
            chapters.iter().any(|c| c.paragraaf.is_some_and(|(_, s)| s == v.sleutel))
        }
    };
    let mut out = Vec::new();
    for sleutel in boek.niet_van_toepassing.keys() {
        let at = file.locate(&["niet_van_toepassing", sleutel]);
        match alle.iter().find(|v| v.sleutel == sleutel.as_str()) {
            None => out.push(
                file.diagnostic(
                    at,
                    format!(
                        "`{sleutel}` is geen deel dat het BBV in {} vraagt",
                        if kind.soort == super::BEGROTING.soort { "de begroting" } else { "het jaarverslag" }
                    ),
                )
                .with_hint(format!("de delen: {}", alle.iter().map(|v| v.sleutel).collect::<Vec<_>>().join(", "))),
            ),
            Some(v) if aanwezig(v) => out.push(
                file.diagnostic(
                    at,
                    format!("de {} staat wél in het boek, maar is als niet van toepassing gemarkeerd", v.wat),
                )
                .with_hint(format!("haal `{sleutel}` weg onder `niet_van_toepassing:`")),
            ),
            Some(_) => {}
        }
    }
    // Two documents for one part: the book would print both.
    for v in &alle {
        let files: Vec<&str> = chapters
            .iter()
            .filter(|c| c.paragraaf.is_some_and(|(_, s)| s == v.sleutel))
            .map(|c| c.doc.relative.as_str())
            .collect();
        if files.len() > 1 {
            out.push(
                file.diagnostic(
                    file.top_level_position("soort"),
                    format!("de {} staat er {} keer: {}", v.wat, files.len(), files.join(" en ")),
                )
                .with_hint("één document per deel: voeg ze samen of haal er een weg"),
            );
        }
    }
    let definitief = boek.status == crate::domain::model::Status::Definitief;
    for v in alle.iter().filter(|v| !aanwezig(v) && !boek.niet_van_toepassing.contains_key(v.sleutel)) {
        let d = file
            .diagnostic(file.top_level_position("status"), format!("de {} ontbreekt ({})", v.wat, v.artikel))
            .with_hint(format!(
                "maak dat deel, of zet het onder `niet_van_toepassing:` met de reden (`{}: …`); een boek in concept mag nog onvolledig zijn",
                v.sleutel
            ));
        out.push(if definitief { d } else { d.waarschuwing() });
    }
    out
}

/// The parts marked not applicable, with their reasons, for the book to print.
pub(super) fn niet_van_toepassing(boek: &Boek, kind: &BoekKind, library: &dyn Library) -> Vec<NietVanToepassing> {
    vereist(kind, library)
        .into_iter()
        .filter_map(|v| {
            let reden = boek.niet_van_toepassing.get(v.sleutel)?;
            let mut wat = v.wat.to_string();
            if let Some(first) = wat.get(..1) {
                wat = first.to_uppercase() + &wat[1..];
            }
            Some(NietVanToepassing { wat: format!("{wat} ({})", v.artikel), reden: reden.trim().to_string() })
        })
        .collect()
}
