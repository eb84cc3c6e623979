//! The reserves and voorzieningen of a begroting in its financial position: each reserve's
//! stand at the begin of the year, entered once, and its verloop from the programmes' own
//! mutations; each voorziening's stand and mutations as entered, and its verloop; and the
//! investeringen by the BBV's kinds of nut.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::bedragen::Jaren;

use crate::domain::begroting::Programma;
use crate::domain::kengetallen::FinancielePositie;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reservestand {
    pub naam: String,
    #[serde(deserialize_with = "crate::domain::financien::bedrag_in_euros")]
    pub stand: i64,
}

/// One reserve's verloop over the years `t` … `t+3`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verloop {
    pub naam: String,
    pub jaren: Vec<Jaarverloop>,
}

/// A reserve's year: its stands (`None` when its begin is not entered) and mutations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jaarverloop {
    pub jaar: i32,
    pub begin: Option<i64>,
    pub toevoegingen: i64,
    pub onttrekkingen: i64,
    pub eind: Option<i64>,
}

/// The verloop of every reserve: those the programmes name (the same name in two programmes is
/// one reserve), those `ook` names (a reserve the weerstandscapaciteit counts) and those whose
/// stand is entered, from the stands entered and the programmes' mutations: nothing typed
/// twice. In the order the programmes name them, then `ook`'s, then the stands'.
pub fn verloop(positie: &FinancielePositie, programmas: &[Programma], ook: &[String], t: i32) -> Vec<Verloop> {
    let mut namen: Vec<String> = Vec::new();
    let programmas_namen = programmas.iter().flat_map(|p| &p.invoer.reserves).map(|r| &r.naam);
    for naam in programmas_namen.chain(ook).chain(positie.reserves.iter().map(|r| &r.naam)) {
        if !namen.iter().any(|n| n.trim().eq_ignore_ascii_case(naam.trim())) {
            namen.push(naam.clone());
        }
    }
    namen
        .into_iter()
        .map(|naam| {
            let zelfde = |n: &str| n.trim().eq_ignore_ascii_case(naam.trim());
            let mut stand = positie.reserves.iter().find(|r| zelfde(&r.naam)).map(|r| r.stand);
            let jaren = (t..=t + 3)
                .map(|jaar| {
                    let mutaties = programmas.iter().flat_map(|p| &p.invoer.reserves).filter(|r| zelfde(&r.naam));
                    let (toe, ont) = mutaties
                        .fold((0i64, 0i64), |(a, b), r| (a + r.toevoegingen.get(jaar), b + r.onttrekkingen.get(jaar)));
                    let begin = stand;
                    stand = begin.map(|b| b + toe - ont);
                    Jaarverloop { jaar, begin, toevoegingen: toe, onttrekkingen: ont, eind: stand }
                })
                .collect();
            Verloop { naam, jaren }
        })
        .collect()
}

/// A voorziening: its stand at the begin of the begroting's year and its mutations per year
/// (its toevoegingen are lasten in the programmes, not a line of their own: entered here once).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorziening {
    pub naam: String,
    #[serde(deserialize_with = "crate::domain::financien::bedrag_in_euros")]
    pub stand: i64,
    #[serde(default)]
    pub toevoegingen: Jaren,
    #[serde(default)]
    pub onttrekkingen: Jaren,
}

/// Each voorziening's verloop over `t` … `t+3`.
pub fn voorzieningen(positie: &FinancielePositie, t: i32) -> Vec<Verloop> {
    positie
        .voorzieningen
        .iter()
        .map(|v| {
            let mut stand = v.stand;
            let jaren = (t..=t + 3)
                .map(|jaar| {
                    let begin = stand;
                    stand += v.toevoegingen.get(jaar) - v.onttrekkingen.get(jaar);
                    let (toevoegingen, onttrekkingen) = (v.toevoegingen.get(jaar), v.onttrekkingen.get(jaar));
                    Jaarverloop { jaar, begin: Some(begin), toevoegingen, onttrekkingen, eind: Some(stand) }
                })
                .collect();
            Verloop { naam: v.naam.clone(), jaren }
        })
        .collect()
}

/// The voorzieningen on the balans at the end of each year (the begin of `t` is the end of
/// `t-1`): the sum of their stands. `None` when the position enters no voorzieningen.
pub fn voorzieningen_op_balans(positie: &FinancielePositie, t: i32) -> Option<BTreeMap<i32, i64>> {
    if positie.voorzieningen.is_empty() {
        return None;
    }
    let verloop = voorzieningen(positie, t);
    let mut out = BTreeMap::from([(t - 1, positie.voorzieningen.iter().map(|v| v.stand).sum())]);
    for jaar in t..=t + 3 {
        out.insert(jaar, verloop.iter().filter_map(|v| v.jaren.iter().find(|j| j.jaar == jaar)?.eind).sum());
    }
    Some(out)
}

/// An investering: its kind of nut and the amounts (kredieten) per year.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investering {
    pub naam: String,
    pub nut: Nut,
    pub bedragen: Jaren,
}

/// The kinds of nut the BBV splits investeringen by (art. 20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nut {
    Economisch,
    /// Economisch nut waarvoor een heffing kan worden geheven (riolering, afval).
    EconomischMetHeffing,
    Maatschappelijk,
}

impl Nut {
    pub const ALLE: [Nut; 3] = [Nut::Economisch, Nut::EconomischMetHeffing, Nut::Maatschappelijk];

    pub fn naam(self) -> &'static str {
        match self {
            Nut::Economisch => "Investeringen met economisch nut",
            Nut::EconomischMetHeffing => "Investeringen met economisch nut waarvoor een heffing kan worden geheven",
            Nut::Maatschappelijk => "Investeringen in de openbare ruimte met maatschappelijk nut",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reserve's stand follows from its begin and the programmes' mutations, by name (one
    /// reserve in two programmes is one); without a begin the stands are not known.
    #[test]
    fn a_reserves_verloop_follows_from_the_programmes_mutations() {
        use crate::domain::begroting::{Bedragen, Invoer, Jaren, Reserve};
        let j = |v: &[(i32, i64)]| Jaren(v.iter().copied().collect());
        let invoer = |naam: &str, toe: &[(i32, i64)], ont: &[(i32, i64)]| Invoer {
            lasten: Bedragen::Totaal(Jaren::default()),
            baten: Bedragen::Totaal(Jaren::default()),
            reserves: vec![Reserve { naam: naam.into(), toevoegingen: j(toe), onttrekkingen: j(ont) }],
            toelichting: String::new(),
        };
        let (a, b, c) = (
            invoer("Reserve A", &[(2024, 100)], &[(2025, 30)]),
            invoer("reserve a", &[(2025, 5)], &[]),
            invoer("Reserve C", &[], &[(2024, 10)]),
        );
        let p = [
            Programma { naam: "1".into(), invoer: &a },
            Programma { naam: "2".into(), invoer: &b },
            Programma { naam: "3".into(), invoer: &c },
        ];
        let positie = FinancielePositie {
            reserves: vec![Reservestand { naam: "RESERVE A".into(), stand: 1000 }],
            ..Default::default()
        };
        let v = verloop(&positie, &p, &[], 2024);
        assert_eq!(v.len(), 2, "the stand's reserve is the programmes' (case aside)");
        let j = |v: &Jaarverloop| (v.jaar, v.begin, v.toevoegingen, v.onttrekkingen, v.eind);
        assert_eq!(j(&v[0].jaren[0]), (2024, Some(1000), 100, 0, Some(1100)));
        assert_eq!(j(&v[0].jaren[1]), (2025, Some(1100), 5, 30, Some(1075)));
        assert_eq!(j(&v[1].jaren[0]), (2024, None, 0, 10, None));
    }

    /// A voorziening's stands follow from its begin and mutations, and the balans's
    /// voorzieningen are their sum at each year's end.
    #[test]
    fn the_balans_holds_the_voorzieningen_at_each_years_end() {
        let j = |v: &[(i32, i64)]| Jaren(v.iter().copied().collect());
        let positie = FinancielePositie {
            voorzieningen: vec![
                Voorziening {
                    naam: "Onderhoud".into(),
                    stand: 1000,
                    toevoegingen: j(&[(2024, 200), (2025, 200)]),
                    onttrekkingen: j(&[(2025, 500)]),
                },
                Voorziening {
                    naam: "Pensioenen".into(),
                    stand: 300,
                    toevoegingen: Jaren::default(),
                    onttrekkingen: j(&[(2024, 50)]),
                },
            ],
            ..Default::default()
        };
        let v = voorzieningen(&positie, 2024);
        assert_eq!(v[0].jaren[1].eind, Some(900));
        let balans = voorzieningen_op_balans(&positie, 2024).unwrap();
        assert_eq!(balans[&2023], 1300);
        assert_eq!(balans[&2024], 1450);
        assert_eq!(balans[&2025], 1150);
        assert_eq!(balans[&2027], 1150);
    }
}
