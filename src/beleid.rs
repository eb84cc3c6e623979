//! Policy data across years: which indicators exist, what each Kadernota set as baseline and
//! targets, and what every jaarverslag realised.
//!
//! The jaarverslag of year N is built from this: its targets come from the Kadernota in force
//! (or its own override), its trend charts from the realisaties of every year up to N. So a
//! correction in `data/2023/` shows up in the 2024 jaarverslag after the next build.

use std::collections::BTreeMap;

use crate::model::{Indicator, IndicatorDoel, Jaarverslag, Kadernota, Meting, Realisatie};
use crate::waarde::Waarde;

/// Everything a jaarverslag may read from other files.
#[derive(Debug, Clone, Default)]
pub struct Beleid {
    pub indicatoren: BTreeMap<String, Indicator>,
    /// (file, Kadernota), in file order.
    pub kadernotas: Vec<(String, Kadernota)>,
    /// Year → (file, jaarverslag).
    pub jaarverslagen: BTreeMap<i32, (String, Jaarverslag)>,
}

impl Beleid {
    /// The Kadernota's setting of an indicator for `jaar`: the one whose period covers the
    /// year, else the latest one that started before it.
    pub fn doel(&self, id: &str, jaar: i32) -> Option<(&Kadernota, &IndicatorDoel)> {
        fn with<'k>(k: &'k Kadernota, id: &str) -> Option<&'k IndicatorDoel> {
            indicator_doelen(k).into_iter().find(|d| d.id == id)
        }
        self.kadernotas
            .iter()
            .filter(|(_, k)| k.periode.bevat(jaar))
            .find_map(|(_, k)| with(k, id).map(|d| (k, d)))
            .or_else(|| {
                // The latest earlier Kadernota that has this indicator.
                self.kadernotas
                    .iter()
                    .filter(|(_, k)| k.periode.van <= jaar)
                    .filter_map(|(_, k)| with(k, id).map(|d| (k, d)))
                    .max_by_key(|(k, _)| k.periode.van)
            })
    }

    /// The baseline of an indicator as seen from `jaar`.
    pub fn meting(&self, id: &str, jaar: i32) -> Option<&Meting> {
        self.doel(id, jaar).map(|(_, d)| &d.meting)
    }

    fn realisatie_entry(&self, id: &str, jaar: i32) -> Option<&Realisatie> {
        self.jaarverslagen
            .get(&jaar)
            .and_then(|(_, j)| j.beleidsdoelen.iter().flat_map(|b| &b.indicatoren).find(|r| r.id == id))
    }

    /// The target for `jaar`: the jaarverslag's own override, else the Kadernota in force.
    pub fn streefwaarde(&self, id: &str, jaar: i32) -> Option<Waarde> {
        if let Some(w) = self.realisatie_entry(id, jaar).and_then(|r| r.streefwaarde.clone()) {
            return Some(w);
        }
        self.kadernotas
            .iter()
            .filter(|(_, k)| k.periode.bevat(jaar))
            .find_map(|(_, k)| indicator_doelen(k).into_iter().find(|d| d.id == id))
            .and_then(|d| d.streefwaarden.get(&jaar).cloned())
    }

    /// The realisatie of `jaar`, if that year's jaarverslag has one.
    pub fn realisatie(&self, id: &str, jaar: i32) -> Option<Waarde> {
        self.realisatie_entry(id, jaar).and_then(|r| r.realisatie.clone())
    }

    /// Every realisatie of the indicator up to and including `jaar`, oldest first.
    pub fn realisaties_tot(&self, id: &str, jaar: i32) -> Vec<(i32, Waarde)> {
        self.jaarverslagen.range(..=jaar).filter_map(|(y, _)| self.realisatie(id, *y).map(|w| (*y, w))).collect()
    }

    /// Every target of the indicator up to and including `jaar`, oldest first.
    pub fn streefwaarden_tot(&self, id: &str, jaar: i32) -> Vec<(i32, Waarde)> {
        let first = self.meting(id, jaar).map_or(jaar, |m| m.jaar);
        (first..=jaar).filter_map(|y| self.streefwaarde(id, y).map(|w| (y, w))).collect()
    }
}

/// Every indicator setting of a Kadernota, wherever its prioriteiten stand.
pub fn indicator_doelen(k: &Kadernota) -> Vec<&IndicatorDoel> {
    fn walk<'a>(h: &'a crate::model::Hoofdstuk, out: &mut Vec<&'a IndicatorDoel>) {
        for p in &h.prioriteiten {
            out.extend(p.indicatoren.iter());
        }
        for sub in &h.paragrafen {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    for h in k.hoofdstukken.iter().chain(&k.bijlagen) {
        walk(h, &mut out);
    }
    out
}
