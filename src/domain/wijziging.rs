//! A begrotingswijziging: what a raadsvoorstel or a bestuursrapportage changes in the begroting
//! of a year, as lines like the begroting's own (programme, taakveld, categorie, structureel or
//! incidenteel, an amount per year of the begroting and its ramingen) and reserve mutations.
//! Once the raad adopted it, it counts in the begroting na wijziging of that year: the sum of
//! the primitieve begroting and every adopted wijziging, computed here, never typed.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::bedragen::{Begrotingsregel, Jaren};
use crate::domain::begroting::{Bedragen, Kolom, Reserve};

/// A begrotingswijziging as a document enters it. Amounts are changes: a positive amount of
/// lasten spends more, a negative one less.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Begrotingswijziging {
    /// The year of the begroting it changes.
    pub begroting: i32,
    #[serde(default)]
    pub lasten: Vec<Wijzigingsregel>,
    #[serde(default)]
    pub baten: Vec<Wijzigingsregel>,
    #[serde(default)]
    pub reserves: Vec<Reservewijziging>,
    /// Markdown under the table.
    #[serde(default)]
    pub toelichting: String,
}

/// One line: a begroting line of one programme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wijzigingsregel {
    pub programma: String,
    pub taakveld: String,
    pub categorie: String,
    #[serde(default)]
    pub naam: Option<String>,
    #[serde(default)]
    pub incidenteel: bool,
    pub bedragen: Jaren,
}

/// A change in a programme's mutations of one of its reserves.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reservewijziging {
    pub programma: String,
    pub naam: String,
    #[serde(default)]
    pub toevoegingen: Jaren,
    #[serde(default)]
    pub onttrekkingen: Jaren,
}

impl Wijzigingsregel {
    /// The line as a begroting line.
    pub fn regel(&self) -> Begrotingsregel {
        Begrotingsregel {
            taakveld: self.taakveld.clone(),
            categorie: self.categorie.clone(),
            naam: self.naam.clone(),
            incidenteel: self.incidenteel,
            bedragen: self.bedragen.clone(),
        }
    }
}

impl Begrotingswijziging {
    /// Every amount rounded once to the table's unit (see `Jaren::afgerond`).
    pub fn afgerond(&self, eenheid: i64) -> Begrotingswijziging {
        let regels = |r: &[Wijzigingsregel]| -> Vec<Wijzigingsregel> {
            r.iter().map(|r| Wijzigingsregel { bedragen: r.bedragen.afgerond(eenheid), ..r.clone() }).collect()
        };
        Begrotingswijziging {
            begroting: self.begroting,
            lasten: regels(&self.lasten),
            baten: regels(&self.baten),
            reserves: self
                .reserves
                .iter()
                .map(|r| Reservewijziging {
                    toevoegingen: r.toevoegingen.afgerond(eenheid),
                    onttrekkingen: r.onttrekkingen.afgerond(eenheid),
                    ..r.clone()
                })
                .collect(),
            toelichting: self.toelichting.clone(),
        }
    }

    /// The programmes it changes, in the order it names them.
    pub fn programmas(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let namen = self.lasten.iter().chain(&self.baten).map(|r| r.programma.as_str());
        for p in namen.chain(self.reserves.iter().map(|r| r.programma.as_str())) {
            if !out.iter().any(|q| q.eq_ignore_ascii_case(p)) {
                out.push(p);
            }
        }
        out
    }

    /// What it changes for `programma` in `jaar`: lasten, baten, toevoegingen, onttrekkingen
    /// (positive as entered, like a jaarverslag's rows).
    pub fn rijen(&self, programma: &str, jaar: i32) -> [i64; 4] {
        let van = |p: &str| p.eq_ignore_ascii_case(programma);
        let som = |regels: &[Wijzigingsregel]| {
            regels.iter().filter(|r| van(&r.programma)).map(|r| r.bedragen.get(jaar)).fold(0i64, i64::saturating_add)
        };
        let reserves = self.reserves.iter().filter(|r| van(&r.programma));
        let (toe, ont) = reserves.fold((0i64, 0i64), |(t, o), r| {
            (t.saturating_add(r.toevoegingen.get(jaar)), o.saturating_add(r.onttrekkingen.get(jaar)))
        });
        [som(&self.lasten), som(&self.baten), toe, ont]
    }

    /// The saldo per year of the changes (baten − lasten − toevoegingen + onttrekkingen): its
    /// effect on the begrotingssaldo, positive is voordelig.
    pub fn saldo(&self, jaar: i32) -> i64 {
        let som = |r: &[Wijzigingsregel]| r.iter().map(|r| r.bedragen.get(jaar)).fold(0i64, i64::saturating_add);
        let toe = self.reserves.iter().map(|r| r.toevoegingen.get(jaar)).fold(0i64, i64::saturating_add);
        let ont = self.reserves.iter().map(|r| r.onttrekkingen.get(jaar)).fold(0i64, i64::saturating_add);
        som(&self.baten).saturating_sub(som(&self.lasten)).saturating_sub(toe).saturating_add(ont)
    }

    /// The years it has an amount for, in order.
    pub fn jaren(&self) -> Vec<i32> {
        let mut jaren: Vec<i32> = self
            .lasten
            .iter()
            .chain(&self.baten)
            .flat_map(|r| r.bedragen.0.keys().copied())
            .chain(self.reserves.iter().flat_map(|r| r.toevoegingen.0.keys().chain(r.onttrekkingen.0.keys()).copied()))
            .collect();
        jaren.sort_unstable();
        jaren.dedup();
        jaren
    }
}

/// An adopted begrotingswijziging as a later document reads it: which document it is, when
/// the raad adopted it, and what it changes.
#[derive(Debug, Clone)]
pub struct Vastgesteld {
    /// The project file it is in.
    pub bestand: String,
    /// How a reader finds it: "Raadsvoorstel 2024.0012345", "Najaarsnota 2024".
    pub naam: String,
    pub datum: NaiveDate,
    pub wijziging: Begrotingswijziging,
}

/// The begroting na wijziging of `programma` in `jaar`: its primitief (lasten, baten,
/// toevoegingen, onttrekkingen, positive as entered) plus what each adopted wijziging changes,
/// every amount rounded once to `eenheid` (1 for euros), so a total printed from it is the sum
/// of what its sources print.
pub fn na_wijziging(
    invoer: &crate::domain::begroting::Invoer,
    programma: &str,
    jaar: i32,
    wijzigingen: &[Vastgesteld],
    eenheid: i64,
) -> [i64; 4] {
    let primitief = crate::domain::begroting::primitief(&invoer.afgerond(eenheid), jaar);
    wijzigingen.iter().fold(primitief, |stand, w| {
        let r = w.wijziging.afgerond(eenheid).rijen(programma, jaar);
        std::array::from_fn(|i| stand[i].saturating_add(r[i]))
    })
}

/// The wijzigingen that change `programma`: those a page showing that programme lists.
pub fn van_programma(wijzigingen: &[Vastgesteld], programma: &str) -> Vec<Vastgesteld> {
    wijzigingen
        .iter()
        .filter(|w| w.wijziging.programmas().iter().any(|p| p.eq_ignore_ascii_case(programma)))
        .cloned()
        .collect()
}

/// A programme's column of `jaar` (as a later begroting reads it) with the adopted wijzigingen
/// added: each line to the line of the same taakveld, categorie and name, else as a line of
/// its own; a figure without lines takes the sum. So every euro adopted shows, and the totals
/// stay the sums of the lines.
pub fn kolom_na_wijziging(kolom: &Kolom, programma: &str, wijzigingen: &[Vastgesteld]) -> Kolom {
    let jaar = kolom.jaar;
    let van = |p: &str| p.eq_ignore_ascii_case(programma);
    let plus = |bedragen: &Bedragen, regels: Vec<&Wijzigingsregel>| -> Bedragen {
        match bedragen {
            Bedragen::Totaal(j) => {
                let extra = regels.iter().map(|r| r.bedragen.get(jaar)).fold(0i64, i64::saturating_add);
                let mut j = j.clone();
                j.0.insert(jaar, j.get(jaar).saturating_add(extra));
                Bedragen::Totaal(j)
            }
            Bedragen::Regels(lijnen) => {
                let mut lijnen = lijnen.clone();
                for w in regels {
                    let bedrag = w.bedragen.get(jaar);
                    let zelfde = |r: &&mut Begrotingsregel| {
                        r.taakveld == w.taakveld
                            && r.categorie == w.categorie
                            && r.naam == w.naam
                            && r.incidenteel == w.incidenteel
                    };
                    match lijnen.iter_mut().find(zelfde) {
                        Some(r) => {
                            r.bedragen.0.insert(jaar, r.bedragen.get(jaar).saturating_add(bedrag));
                        }
                        None => lijnen.push(Begrotingsregel {
                            bedragen: Jaren([(jaar, bedrag)].into_iter().collect()),
                            ..w.regel()
                        }),
                    }
                }
                Bedragen::Regels(lijnen)
            }
        }
    };
    let alle = |kant: fn(&Begrotingswijziging) -> &Vec<Wijzigingsregel>| -> Vec<&Wijzigingsregel> {
        wijzigingen.iter().flat_map(|w| kant(&w.wijziging)).filter(|r| van(&r.programma)).collect()
    };
    let mut reserves = kolom.reserves.clone();
    for r in wijzigingen.iter().flat_map(|w| &w.wijziging.reserves).filter(|r| van(&r.programma)) {
        let (toe, ont) = (r.toevoegingen.get(jaar), r.onttrekkingen.get(jaar));
        match reserves.iter_mut().find(|s| s.naam.trim().eq_ignore_ascii_case(r.naam.trim())) {
            Some(s) => {
                s.toevoegingen.0.insert(jaar, s.toevoegingen.get(jaar).saturating_add(toe));
                s.onttrekkingen.0.insert(jaar, s.onttrekkingen.get(jaar).saturating_add(ont));
            }
            None => reserves.push(Reserve {
                naam: r.naam.clone(),
                toevoegingen: Jaren([(jaar, toe)].into_iter().collect()),
                onttrekkingen: Jaren([(jaar, ont)].into_iter().collect()),
            }),
        }
    }
    Kolom {
        jaar,
        lasten: plus(&kolom.lasten, alle(|w| &w.lasten)),
        baten: plus(&kolom.baten, alle(|w| &w.baten)),
        reserves,
    }
}

/// The sentence under a column that contains wijzigingen, naming each by document and date:
/// "met de begrotingswijzigingen van Raadsvoorstel 2024.0012345 (vastgesteld 14 maart 2024)".
pub fn met_wijzigingen(wijzigingen: &[Vastgesteld]) -> String {
    let namen: Vec<String> = wijzigingen
        .iter()
        .map(|w| format!("{} (vastgesteld {})", w.naam, crate::domain::format::date(w.datum)))
        .collect();
    match namen.len() {
        0 => "zonder begrotingswijzigingen".into(),
        1 => format!("met de begrotingswijziging van {}", namen[0]),
        _ => format!("met de begrotingswijzigingen van {}", crate::domain::format::opsomming(&namen)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regel(programma: &str, taakveld: &str, bedrag: i64) -> Wijzigingsregel {
        Wijzigingsregel {
            programma: programma.into(),
            taakveld: taakveld.into(),
            categorie: "3.8".into(),
            naam: None,
            incidenteel: true,
            bedragen: Jaren([(2024, bedrag), (2025, 7)].into_iter().collect()),
        }
    }

    fn wijziging(lasten: Vec<Wijzigingsregel>) -> Vastgesteld {
        Vastgesteld {
            bestand: "data/2024/rv.yaml".into(),
            naam: "Raadsvoorstel 1".into(),
            datum: NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
            wijziging: Begrotingswijziging {
                begroting: 2024,
                lasten,
                baten: Vec::new(),
                reserves: vec![Reservewijziging {
                    programma: "veiligheid".into(),
                    naam: "Reserve X".into(),
                    toevoegingen: Jaren::default(),
                    onttrekkingen: Jaren([(2024, 50)].into_iter().collect()),
                }],
                toelichting: String::new(),
            },
        }
    }

    #[test]
    fn adopted_lines_join_the_line_they_change_or_stand_alone() {
        let w = wijziging(vec![
            regel("Veiligheid", "1.1", 100),
            regel("Veiligheid", "1.2", 30),
            regel("Bestuur", "0.1", 5),
        ]);
        assert_eq!(w.wijziging.rijen("veiligheid", 2024), [130, 0, 0, 50]);
        assert_eq!(w.wijziging.saldo(2024), -135 + 50);
        let kolom = Kolom {
            jaar: 2024,
            lasten: Bedragen::Regels(vec![Begrotingsregel {
                taakveld: "1.1".into(),
                categorie: "3.8".into(),
                naam: None,
                incidenteel: true,
                bedragen: Jaren([(2024, 1000)].into_iter().collect()),
            }]),
            baten: Bedragen::Totaal(Jaren([(2024, 10)].into_iter().collect())),
            reserves: Vec::new(),
        };
        let na = kolom_na_wijziging(&kolom, "Veiligheid", std::slice::from_ref(&w));
        assert_eq!(na.lasten.get(2024), 1130, "another programme's line does not count");
        assert_eq!(na.lasten.regels().len(), 2, "1.2 is a line of its own");
        assert_eq!(na.lasten.regels()[0].bedragen.get(2024), 1100);
        assert_eq!(na.baten.get(2024), 10);
        assert_eq!(na.reserves[0].onttrekkingen.get(2024), 50);
        assert_eq!(na.lasten.regels()[1].bedragen.0.len(), 1, "only the column's own year");
        assert!(met_wijzigingen(&[w]).contains("Raadsvoorstel 1 (vastgesteld 14 maart 2024)"));
    }
}
