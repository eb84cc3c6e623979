//! The reserves of a begroting in its financial position: each reserve's stand at the begin of
//! the year, entered once, and its verloop from the programmes' own mutations.

use serde::Deserialize;

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

/// The verloop of every reserve the programmes name (the same name in two programmes is one
/// reserve), from the stands entered and the programmes' mutations: nothing typed twice. In the
/// order the programmes name them.
pub fn verloop(positie: &FinancielePositie, programmas: &[Programma], t: i32) -> Vec<Verloop> {
    let mut namen: Vec<String> = Vec::new();
    for r in programmas.iter().flat_map(|p| &p.invoer.reserves) {
        if !namen.iter().any(|n| n.trim().eq_ignore_ascii_case(r.naam.trim())) {
            namen.push(r.naam.clone());
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
        let v = verloop(&positie, &p, 2024);
        assert_eq!(v.len(), 2);
        let j = |v: &Jaarverloop| (v.jaar, v.begin, v.toevoegingen, v.onttrekkingen, v.eind);
        assert_eq!(j(&v[0].jaren[0]), (2024, Some(1000), 100, 0, Some(1100)));
        assert_eq!(j(&v[0].jaren[1]), (2025, Some(1100), 5, 30, Some(1075)));
        assert_eq!(j(&v[1].jaren[0]), (2024, None, 0, 10, None));
    }
}
