//! Amounts per Iv3 taakveld: the rows of a table of lines per taakveld (a taakveld as a heading
//! with its lines under it), how a taakveld is named, and the CBS's order of the codes.

use crate::domain::bedragen::Bedragen;
use crate::domain::begroting::Regel;
use crate::domain::iv3::{Definities, Kant};

/// A code's place in the CBS's order (see [`volgorde`]).
pub type CodeOrder = (usize, Vec<(u32, String)>);

/// The rows of lasten and baten per taakveld (see [`crate::domain::begroting::per_taakveld`]) for
/// any columns: `kolommen` are the keys of the lines' amounts (the years of a begroting; a
/// jaarverslag's columns by number).
pub fn regels(zijden: [&Bedragen; 2], kolommen: &[i32], definities: Option<&Definities>) -> Vec<Regel> {
    let row = |label: String, f: &dyn Fn(i32) -> i64, totaal| Regel {
        label,
        bedragen: kolommen.iter().map(|k| f(*k)).collect(),
        totaal,
    };
    if zijden.iter().all(|b| b.regels().is_empty()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ((kant, teken), bedragen) in [(Kant::Lasten, -1), (Kant::Baten, 1)].into_iter().zip(zijden) {
        let naam = kant.naam();
        match bedragen {
            Bedragen::Totaal(j) => {
                out.push(row(format!("Totaal {naam} (niet per taakveld)"), &|y| j.get(y).saturating_mul(teken), true))
            }
            Bedragen::Regels(regels) => {
                let mut taakvelden: Vec<&str> = regels.iter().map(|r| r.taakveld.as_str()).collect();
                // A line without a taakveld (one figure read from another year) comes last.
                taakvelden.sort_by_key(|c| (c.is_empty(), volgorde(c, definities)));
                taakvelden.dedup();
                for taakveld in taakvelden {
                    out.push(Regel { label: label(taakveld, definities), bedragen: Vec::new(), totaal: false });
                    for r in regels.iter().filter(|r| r.taakveld == taakveld) {
                        let wat = r
                            .naam
                            .clone()
                            .or_else(|| definities.and_then(|d| d.categorie(kant, &r.categorie)).map(str::to_string))
                            .unwrap_or_default();
                        let incidenteel = if r.incidenteel { ", incidenteel" } else { "" };
                        let label = match r.categorie.as_str() {
                            "" => format!("Eén bedrag, niet per regel{incidenteel}"),
                            categorie => format!("{wat} (categorie {categorie}{incidenteel})"),
                        };
                        out.push(row(
                            label.trim_start().to_string(),
                            &|y| r.bedragen.get(y).saturating_mul(teken),
                            false,
                        ));
                    }
                }
                out.push(row(format!("Totaal {naam}"), &|y| bedragen.get(y).saturating_mul(teken), true));
            }
        }
    }
    out
}

/// A taakveld as a heading: "1.2 Openbare orde en veiligheid". A code the year's definitions do
/// not have (a line read from a year with another codelist) says so.
pub fn label(taakveld: &str, definities: Option<&Definities>) -> String {
    if taakveld.is_empty() {
        return "Niet per taakveld (een jaar dat geen regels heeft)".into();
    }
    match definities.map(|d| d.taakveld(taakveld)) {
        Some(Some(omschrijving)) => format!("{taakveld} {omschrijving}"),
        Some(None) => format!(
            "{taakveld} (taakveld van een ander jaar, niet in de indeling van {})",
            definities.map_or(0, |d| d.jaar)
        ),
        None => taakveld.to_string(),
    }
}

/// A taakveld's place in order: the CBS's order of the year (0.5, 0.61 … 0.9, 0.10, 0.11) when
/// its definitions are known, else by the numbers in the code.
pub fn volgorde(code: &str, definities: Option<&Definities>) -> CodeOrder {
    (definities.map_or(usize::MAX, |d| d.volgorde(code)), code_order(code))
}

/// An Iv3 code's place by its numbers: `0.9` before `0.10`, `6.2` before `6.21`.
pub fn code_order(code: &str) -> Vec<(u32, String)> {
    code.split('.')
        .map(|part| {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            (digits.parse().unwrap_or(u32::MAX), part[digits.len()..].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bedragen::{Begrotingsregel, Jaren};
    use crate::domain::begroting::{self, Invoer};

    fn j(v: [i64; 6]) -> Jaren {
        Jaren((2022..=2027).zip(v).collect())
    }

    fn invoer() -> Invoer {
        Invoer {
            lasten: Bedragen::Totaal(j([100, 110, 120, 130, 140, 150])),
            baten: Bedragen::Totaal(j([10, 11, 12, 13, 14, 15])),
            reserves: Vec::new(),
            toelichting: String::new(),
        }
    }

    #[test]
    fn lines_add_up_to_the_figures_every_table_shows() {
        let regel = |tv: &str, cat: &str, naam: Option<&str>, v: [i64; 6]| Begrotingsregel {
            taakveld: tv.into(),
            categorie: cat.into(),
            naam: naam.map(str::to_string),
            incidenteel: naam.is_none(),
            bedragen: j(v),
        };
        let mut i = invoer();
        i.lasten = Bedragen::Regels(vec![
            regel("1.1", "4.3.1", Some("Bijdrage veiligheidsregio"), [60, 60, 70, 70, 70, 70]),
            regel("1.2", "3.8", None, [40, 50, 50, 60, 70, 80]),
        ]);
        // The same totals as the figures they replace.
        assert_eq!(begroting::regels(&i, 2024), begroting::regels(&invoer(), 2024));
        let d = Definities::ingebouwd(2024).unwrap();
        let rows = begroting::per_taakveld(&i, 2024, Some(&d));
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1.1 Crisisbeheersing en brandweer",
                "Bijdrage veiligheidsregio (categorie 4.3.1)",
                "1.2 Openbare orde en veiligheid",
                "Overige goederen en diensten (categorie 3.8, incidenteel)",
                "Totaal lasten",
                "Totaal baten (niet per taakveld)",
            ]
        );
        assert!(rows[0].bedragen.is_empty(), "a heading has no amounts");
        assert_eq!(rows[4].bedragen, begroting::regels(&i, 2024)[0].bedragen, "the same lasten");
        assert_eq!(rows[5].bedragen, begroting::regels(&i, 2024)[1].bedragen, "the same baten");
        let mut order = vec!["0.10", "6.21", "0.9", "6.2", "1.2", "0.1"];
        order.sort_by_key(|c| code_order(c));
        assert_eq!(order, ["0.1", "0.9", "0.10", "1.2", "6.2", "6.21"]);
        assert!(begroting::per_taakveld(&invoer(), 2024, Some(&d)).is_empty());
    }

    /// A column read from another document: its lines on the lines with the same taakveld,
    /// categorie and name, the others as lines of their own; totals stay sums of lines.
    #[test]
    fn a_column_read_joins_its_lines_and_keeps_the_others() {
        let regel = |tv: &str, naam: &str, jaren: &[(i32, i64)]| Begrotingsregel {
            taakveld: tv.into(),
            categorie: "3.8".into(),
            naam: Some(naam.into()),
            incidenteel: false,
            bedragen: Jaren(jaren.iter().copied().collect()),
        };
        let begroting =
            Bedragen::Regels(vec![regel("1.2", "Handhaving", &[(2024, 500)]), regel("1.1", "VRK", &[(2024, 900)])]);
        let jaarverslag = Bedragen::Regels(vec![
            regel("1.2", "Handhaving", &[(2022, 450)]),
            regel("6.2", "Wijkteams", &[(2022, 70)]),
        ]);
        let samen = begroting.met_jaar(2022, &jaarverslag);
        let r = samen.regels();
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].bedragen.get(2022), r[0].bedragen.get(2024)), (450, 500), "the same line");
        assert!(!r[1].bedragen.0.contains_key(&2022), "a line the jaarverslag lacks stays without the year");
        assert_eq!((r[2].taakveld.as_str(), r[2].bedragen.get(2022)), ("6.2", 70), "a line of its own");
        assert_eq!(samen.get(2022), 520);
        assert_eq!(samen.get(2024), 1400);
        // A code the year's definitions lack (6.2 was split in 2025) says so.
        let d = Definities::ingebouwd(2025).unwrap();
        assert_eq!(label("6.2", Some(&d)), "6.2 (taakveld van een ander jaar, niet in de indeling van 2025)");
        // One figure meets lines: its sum; lines meet one figure: one line without a taakveld.
        let figuur = Bedragen::Totaal(Jaren([(2022, 7)].into_iter().collect()));
        assert_eq!(Bedragen::Totaal(Jaren::default()).met_jaar(2022, &jaarverslag).get(2022), 520);
        let met = begroting.met_jaar(2022, &figuur);
        assert_eq!(met.regels().last().unwrap().taakveld, "");
        assert_eq!(met.get(2022), 7);
        let rows = regels([&met, &figuur], &[2022, 2024], Some(&d));
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels[labels.len() - 4..],
            [
                "Niet per taakveld (een jaar dat geen regels heeft)",
                "Eén bedrag, niet per regel",
                "Totaal lasten",
                "Totaal baten (niet per taakveld)"
            ]
        );
        assert_eq!(label("", Some(&d)), "Niet per taakveld (een jaar dat geen regels heeft)");
        // A begroting's reserves: the one reserve gets the year; with the column's total.
        let mut i = invoer();
        i.reserves = vec![begroting::Reserve {
            naam: "r".into(),
            toevoegingen: Jaren::default(),
            onttrekkingen: Jaren::default(),
        }];
        let reserve = |naam: &str, toe: i64, ont: i64| begroting::Reserve {
            naam: naam.into(),
            toevoegingen: Jaren([(2022, toe)].into_iter().collect()),
            onttrekkingen: Jaren([(2022, ont)].into_iter().collect()),
        };
        let kolom = begroting::Kolom {
            jaar: 2022,
            lasten: jaarverslag.clone(),
            baten: figuur.clone(),
            reserves: vec![reserve("", 5, 9)],
        };
        let met = i.met_kolom(&kolom);
        assert_eq!((met.reserves[0].toevoegingen.get(2022), met.reserves[0].onttrekkingen.get(2022)), (5, 9));
        // By name from a begroting: the same reserve, or a row of its own under its own name.
        i.reserves.push(begroting::Reserve { naam: "s".into(), ..i.reserves[0].clone() });
        let kolom = begroting::Kolom { reserves: vec![reserve("S", 1, 2), reserve("t", 3, 4)], ..kolom };
        let met = i.met_kolom(&kolom);
        let namen: Vec<(&str, i64)> =
            met.reserves.iter().map(|r| (r.naam.as_str(), r.onttrekkingen.get(2022))).collect();
        assert_eq!(namen, [("r", 0), ("s", 2), ("t", 4)]);
        assert!(!met.reserves[0].onttrekkingen.0.contains_key(&2022), "r is not given another's figure");
        // A jaarverslag's reserves together meet two reserves: a row of their own.
        let kolom = begroting::Kolom { reserves: vec![reserve("", 5, 9)], ..kolom };
        let met = i.met_kolom(&kolom);
        assert_eq!(met.reserves[2].naam, "reserves samen (jaarverslag 2022)");
        assert_eq!(met.lasten.get(2022), 520, "the figure takes the lines' sum");
        assert_eq!(i.getypt(2022).len(), 2, "lasten and baten type 2022 in this invoer");
    }
}
