//! Policy data across years, read as facts (`kinds::feiten`): which indicators exist, what each
//! Kadernota set as baseline and targets, what every jaarverslag realised and what each
//! programmabegroting planned. The jaarverslag and the programmabegroting both read it; neither
//! reads the other's model.
//!
//! The jaarverslag of year N is built from this: its targets come from the Kadernota in force
//! (or its own override), its trend charts from the realisaties since that Kadernota's
//! baseline (meting) up to N. So a correction in `data/2023/` shows up in every later
//! jaarverslag whose trends reach back to 2023, after the next build, and in no other.

use std::collections::BTreeMap;

use crate::domain::model::Indicator;
use crate::domain::waarde::Waarde;
use crate::kinds::feiten::{IndicatorDoel, Kaders, Meting, Plan, Realisatie, Verantwoording};

pub mod kolommen;
pub mod lezen;
pub mod wijzigingen;

/// Everything a jaarverslag may read from other files.
#[derive(Debug, Clone, Default)]
pub struct Beleid {
    pub indicatoren: BTreeMap<String, Indicator>,
    /// (file, a Kadernota's frame), in file order.
    pub kadernotas: Vec<(String, Kaders)>,
    /// Year → (file, what a jaarverslag accounts for), one per programme.
    pub jaarverslagen: BTreeMap<i32, Vec<(String, Verantwoording)>>,
    /// Year → (file, a programmabegroting's plan), one per programme.
    pub begrotingen: BTreeMap<i32, Vec<(String, Plan)>>,
}

impl Beleid {
    /// The Kadernota's setting of an indicator for `jaar`: from the Kadernota in force that
    /// year (the newest whose period covers it), else the latest earlier one that has the
    /// indicator.
    pub fn doel(&self, id: &str, jaar: i32) -> Option<(&Kaders, &IndicatorDoel)> {
        self.geldend(id, jaar).or_else(|| {
            self.kadernotas
                .iter()
                .filter(|(_, k)| k.periode.van <= jaar)
                .filter_map(|(_, k)| with(k, id).map(|d| (k, d)))
                .max_by_key(|(k, _)| k.periode.van)
        })
    }

    /// The setting of an indicator by the Kadernota whose period covers `jaar`. When periods
    /// overlap, the newest Kadernota counts: a new Kadernota replaces the one before it.
    fn geldend(&self, id: &str, jaar: i32) -> Option<(&Kaders, &IndicatorDoel)> {
        self.kadernotas
            .iter()
            .filter(|(_, k)| k.periode.bevat(jaar))
            .filter_map(|(_, k)| with(k, id).map(|d| (k, d)))
            .max_by_key(|(k, _)| k.periode.van)
    }

    /// The first year the jaarverslag of `jaar` shows in its trends: the earliest baseline
    /// (meting) year of its indicators under the Kadernota in force, or for an indicator that
    /// Kadernota lacks, the first year of its period. `None` when no Kadernota started by
    /// `jaar`: then every earlier year counts.
    pub fn trend_van(&self, jaarverslag: &Verantwoording, jaar: i32) -> Option<i32> {
        let (_, laatste) =
            self.kadernotas.iter().filter(|(_, k)| k.periode.van <= jaar).max_by_key(|(_, k)| k.periode.van)?;
        jaarverslag
            .indicatoren
            .iter()
            .map(|r| self.meting(&r.id, jaar).map_or(laatste.periode.van, |m| m.jaar))
            .chain([laatste.periode.van])
            .min()
    }

    /// The baseline of an indicator as seen from `jaar`.
    pub fn meting(&self, id: &str, jaar: i32) -> Option<&Meting> {
        self.doel(id, jaar).map(|(_, d)| &d.meting)
    }

    fn realisatie_entry(&self, id: &str, jaar: i32) -> Option<&Realisatie> {
        self.jaarverslagen.get(&jaar)?.iter().flat_map(|(_, j)| &j.indicatoren).find(|r| r.id == id)
    }

    /// The target for `jaar`: the jaarverslag's own override, else the newest programmabegroting
    /// (of `jaar` or before) that sets one, else the Kadernota in force.
    pub fn streefwaarde(&self, id: &str, jaar: i32) -> Option<Waarde> {
        if let Some(w) = self.realisatie_entry(id, jaar).and_then(|r| r.streefwaarde.clone()) {
            return Some(w);
        }
        if let Some(w) = self.begroot(id, jaar) {
            return Some(w);
        }
        self.geldend(id, jaar).and_then(|(_, d)| d.streefwaarden.get(&jaar).cloned())
    }

    /// The target a programmabegroting set for `jaar`: the newest begroting that has one.
    fn begroot(&self, id: &str, jaar: i32) -> Option<Waarde> {
        self.begrotingen.range(..=jaar).rev().find_map(|(_, list)| {
            list.iter()
                .flat_map(|(_, b)| b.doelen.iter().flat_map(|d| &d.indicatoren))
                .find(|(s, _)| s == id)
                .and_then(|(_, streefwaarden)| streefwaarden.get(&jaar).cloned())
        })
    }

    /// The latest value known up to `jaar`: the newest realisatie, else the Kadernota's
    /// baseline. `(year, value, is the baseline)`.
    pub fn laatst_bekend(&self, id: &str, jaar: i32) -> Option<(i32, Waarde, bool)> {
        if let Some((y, w)) = self.realisaties_tot(id, jaar).pop() {
            return Some((y, w, false));
        }
        self.meting(id, jaar).filter(|m| m.jaar <= jaar).map(|m| (m.jaar, m.waarde.clone(), true))
    }

    /// The programmabegroting of `jaar` for a programme, if there is one.
    pub fn begroting(&self, jaar: i32, programma: &str) -> Option<&(String, Plan)> {
        self.begrotingen.get(&jaar)?.iter().find(|(_, b)| b.programma.eq_ignore_ascii_case(programma))
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

fn with<'k>(k: &'k Kaders, id: &str) -> Option<&'k IndicatorDoel> {
    k.indicator_doelen().find(|d| d.id == id)
}
