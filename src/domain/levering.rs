//! The Iv3 delivery's figures for a begroting: lasten and baten per taakveld × economische
//! categorie for the begroting's own year, from the same lines every table is made from. The
//! reserves' mutations are lines on 0.10 and the geraamde resultaat one on 0.11 (both categorie
//! 7.1), so total lasten equal total baten (the CBS's control PF006) by construction.

use std::collections::BTreeMap;

use crate::domain::begroting::{Algemeen, Bedragen, Programma};
use crate::domain::iv3::{Definities, Kant};
use crate::domain::taakvelden::{CodeOrder, volgorde as taakveld_volgorde};

/// One cell of the delivery, in whole euros.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cel {
    pub kant: Kant,
    pub taakveld: String,
    pub categorie: String,
    pub bedrag: i64,
}

/// The delivery's cells, and what has no taakveld and categorie (then no delivery can be made).
#[derive(Debug, Clone, Default)]
pub struct Levering {
    pub cellen: Vec<Cel>,
    pub ontbreekt: Vec<String>,
    /// The date of the document it comes from (the delivery's `datum`).
    pub datum: Option<chrono::NaiveDate>,
    /// The financial kengetallen: (verslagperiode, code, percentage), e.g. ("Beg_2024", "fk.1",
    /// 112.7).
    pub kengetallen: Vec<(String, &'static str, f64)>,
    /// The realisatie of a jaarrekening (periode 5) rather than a begroting (periode 0).
    pub realisatie: bool,
    /// The balans's stands: (balance code, standper, amount), for a realisatie.
    pub standen: Vec<(String, String, i64)>,
}

/// The kengetallen of the begroting of `t` as the delivery holds them: the begroting's year
/// (`Beg_<t>`) and the meerjarenraming (`MJR_<jaar>`); the balans at the end of t-1 is no period
/// of this delivery.
pub fn kengetallen(
    per_jaar: &[(i32, Vec<crate::domain::kengetallen::Kengetal>)],
    t: i32,
) -> Vec<(String, &'static str, f64)> {
    per_jaar
        .iter()
        .filter(|(jaar, _)| *jaar >= t)
        .flat_map(|(jaar, k)| {
            let periode = if *jaar == t { format!("Beg_{jaar}") } else { format!("MJR_{jaar}") };
            k.iter().map(move |k| (periode.clone(), k.code, k.procent))
        })
        .collect()
}

impl Levering {
    /// Total lasten and total baten.
    pub fn totalen(&self) -> (i64, i64) {
        let som = |k: Kant| self.cellen.iter().filter(|c| c.kant == k).map(|c| c.bedrag).sum();
        (som(Kant::Lasten), som(Kant::Baten))
    }
}

/// The delivery of the begroting of `t`: its programmes and the book's own amounts, year `t`.
pub fn begroting(programmas: &[Programma], algemeen: &Algemeen, t: i32, definities: Option<&Definities>) -> Levering {
    // Keyed in the delivery's order: side, taakveld (by its code's order), categorie.
    let mut cellen: BTreeMap<(Kant, CodeOrder, String, String), i64> = BTreeMap::new();
    let mut ontbreekt = Vec::new();
    let mut put = |kant: Kant, taakveld: &str, categorie: &str, bedrag: i64| {
        *cellen
            .entry((kant, taakveld_volgorde(taakveld, definities), taakveld.to_string(), categorie.to_string()))
            .or_default() += bedrag;
    };
    let mut lines = |bedragen: &Bedragen, kant: Kant, wat: String, ontbreekt: &mut Vec<String>| match bedragen {
        Bedragen::Regels(regels) => {
            // Lines of year t only: a line read for another column (a realisatie t-2, in the
            // codes of its own year) has no amount in t.
            for r in regels.iter().filter(|r| r.bedragen.0.contains_key(&t)) {
                put(kant, &r.taakveld, &r.categorie, r.bedragen.get(t));
            }
        }
        Bedragen::Totaal(j) if j.get(t) != 0 => ontbreekt.push(wat),
        Bedragen::Totaal(_) => {}
    };
    let (mut lasten, mut baten) = (0i64, 0i64);
    for p in programmas {
        lasten += p.invoer.lasten.get(t);
        baten += p.invoer.baten.get(t);
        lines(
            &p.invoer.lasten,
            Kant::Lasten,
            format!("taakveld en categorie van de lasten van programma {}", p.naam),
            &mut ontbreekt,
        );
        lines(
            &p.invoer.baten,
            Kant::Baten,
            format!("taakveld en categorie van de baten van programma {}", p.naam),
            &mut ontbreekt,
        );
    }
    if let Some(o) = &algemeen.overhead {
        lasten += o.lasten.get(t);
        baten += o.baten.get(t);
        lines(&o.lasten, Kant::Lasten, "taakveld en categorie van de lasten van de overhead".into(), &mut ontbreekt);
        lines(&o.baten, Kant::Baten, "taakveld en categorie van de baten van de overhead".into(), &mut ontbreekt);
    }
    if let Some(o) = &algemeen.onvoorzien {
        lasten += o.get(t);
        lines(o, Kant::Lasten, "taakveld en categorie van onvoorzien".into(), &mut ontbreekt);
    }
    for post in &algemeen.algemene_dekkingsmiddelen {
        let bedrag = post.bedragen.get(t);
        baten += bedrag;
        match (&post.taakveld, &post.categorie) {
            (Some(taakveld), Some(categorie)) => put(Kant::Baten, taakveld, categorie, bedrag),
            _ if bedrag == 0 => {}
            _ => ontbreekt.push(format!("taakveld en categorie van het algemene dekkingsmiddel {}", post.naam)),
        }
    }
    let toe: i64 = programmas.iter().flat_map(|p| &p.invoer.reserves).map(|r| r.toevoegingen.get(t)).sum();
    let ont: i64 = programmas.iter().flat_map(|p| &p.invoer.reserves).map(|r| r.onttrekkingen.get(t)).sum();
    put(Kant::Lasten, "0.10", "7.1", toe);
    put(Kant::Baten, "0.10", "7.1", ont);
    // The result balances the two sides: a surplus is booked as lasten, a deficit as baten.
    let resultaat = (baten + ont) - (lasten + toe);
    if resultaat >= 0 {
        put(Kant::Lasten, "0.11", "7.1", resultaat);
    } else {
        put(Kant::Baten, "0.11", "7.1", -resultaat);
    }
    let cellen = cellen
        .into_iter()
        .filter(|(_, bedrag)| *bedrag != 0)
        .map(|((kant, _, taakveld, categorie), bedrag)| Cel { kant, taakveld, categorie, bedrag })
        .collect();
    Levering { cellen, ontbreekt, datum: None, kengetallen: Vec::new(), realisatie: false, standen: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::begroting::{Begrotingsregel, Invoer, Jaren, LastenBaten, Post, Reserve, jaren};

    fn j(v: i64) -> Jaren {
        Jaren(jaren(2024).into_iter().map(|y| (y, v)).collect())
    }

    fn regel(taakveld: &str, categorie: &str, v: i64) -> Begrotingsregel {
        Begrotingsregel {
            taakveld: taakveld.into(),
            categorie: categorie.into(),
            naam: None,
            incidenteel: false,
            bedragen: j(v),
        }
    }

    #[test]
    fn the_cells_balance_through_the_result_and_what_has_no_codes_is_named() {
        let veiligheid = Invoer {
            lasten: Bedragen::Regels(vec![
                regel("1.1", "4.3.3", 1000),
                regel("1.2", "3.8", 300),
                regel("1.2", "3.8", 200),
            ]),
            baten: Bedragen::Regels(vec![regel("1.2", "3.7", 50)]),
            reserves: vec![Reserve { naam: "r".into(), toevoegingen: j(5), onttrekkingen: j(20) }],
            toelichting: String::new(),
        };
        let algemeen = Algemeen {
            algemene_dekkingsmiddelen: vec![Post {
                naam: "Gemeentefonds".into(),
                taakveld: Some("0.7".into()),
                categorie: Some("4.3.1".into()),
                bedragen: j(1600),
            }],
            overhead: Some(LastenBaten {
                lasten: Bedragen::Regels(vec![regel("0.4", "1.1", 100)]),
                baten: Bedragen::default(),
            }),
            onvoorzien: None,
        };
        let p = [Programma { naam: "1 Veiligheid".into(), invoer: &veiligheid }];
        let d = Definities::ingebouwd(2024).unwrap();
        let l = begroting(&p, &algemeen, 2024, Some(&d));
        assert!(l.ontbreekt.is_empty(), "{:?}", l.ontbreekt);
        let (lasten, baten) = l.totalen();
        assert_eq!(lasten, baten, "PF006");
        // Two lines on one cell are one cell; the surplus 1600 + 50 + 20 − 1500 − 100 − 5 on 0.11.
        assert!(l.cellen.contains(&Cel {
            kant: Kant::Lasten,
            taakveld: "1.2".into(),
            categorie: "3.8".into(),
            bedrag: 500
        }));
        assert!(l.cellen.contains(&Cel {
            kant: Kant::Lasten,
            taakveld: "0.11".into(),
            categorie: "7.1".into(),
            bedrag: 65
        }));
        assert_eq!(l.cellen[0].taakveld, "0.4", "in the codes' order");
        // A programme in figures has no cells: it is named.
        let bestuur = Invoer {
            lasten: Bedragen::Totaal(j(70)),
            baten: Bedragen::default(),
            reserves: Vec::new(),
            toelichting: String::new(),
        };
        let p = [
            Programma { naam: "1 Veiligheid".into(), invoer: &veiligheid },
            Programma { naam: "2 Bestuur".into(), invoer: &bestuur },
        ];
        assert_eq!(
            begroting(&p, &algemeen, 2024, Some(&d)).ontbreekt,
            ["taakveld en categorie van de lasten van programma 2 Bestuur"]
        );
    }
}
