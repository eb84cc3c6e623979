//! The jaarverslag programme chapter: its model, its rules, its view, and the policy across
//! years it reads.

pub mod beleid;
mod model;
mod view;

pub use model::*;
pub use view::*;

use std::collections::BTreeMap;

use crate::diagnostics::Problems;
use crate::domain::financien;
use crate::domain::format;
use crate::domain::model::{Gemeente, Indicator};
use crate::kinds::rules::{check_date, unknown_indicator};
use crate::source::yaml::YamlFile;

/// The rules of a jaarverslag that serde cannot express: dates in range, possible amounts,
/// indicators that exist, a toelichting for every verschil above the threshold.
pub fn validate(
    j: &Jaarverslag,
    file: &YamlFile,
    indicatoren: &BTreeMap<String, Indicator>,
    gemeente: &Gemeente,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "datum", j.datum, &mut problems);
    if let Some(invoer) = &j.financien {
        for (rij, kolom, bedrag) in financien::bedragen(invoer) {
            if bedrag.unsigned_abs() > financien::MAX_BEDRAG as u64 {
                problems.push(
                    file.diagnostic(
                        file.find_key(rij, None),
                        format!("bedrag bij {rij}.{kolom} is onmogelijk groot: {bedrag}"),
                    )
                    .with_hint("bedragen staan in hele euro's, ten hoogste 10 biljoen"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
    }
    for r in j.beleidsdoelen.iter().flat_map(|b| &b.indicatoren) {
        if !indicatoren.contains_key(&r.id) {
            problems.push(unknown_indicator(indicatoren, file, &r.id));
        }
    }
    if let Some(invoer) = &j.financien {
        let drempel = gemeente.financien.drempel_toelichting;
        let regels = financien::regels(invoer);
        for r in financien::ontbrekende_toelichtingen(invoer, &regels, drempel) {
            let pos = file.find_key(r.sleutel, None).or_else(|| file.find_key("financien", None));
            problems.push(
                file.diagnostic(
                    pos,
                    format!(
                        "het verschil bij {} ({}) is groter dan de drempel van {} en heeft geen toelichting",
                        r.label.to_lowercase(),
                        format::money(r.verschil),
                        format::money(drempel)
                    ),
                )
                .with_hint(format!("voeg onder `financien:` toe: `toelichting:` met `{}: …`", r.sleutel)),
            );
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}
