//! The CBS's Iv3 definitions of a year: the taakvelden, the economische categorieën of lasten
//! and of baten, and the grijze cellen (combinations of taakveld and categorie that may not be
//! used). Built in for the years shipped, from the CBS's own files, kept unchanged in
//! `tests/fixtures/iv3/` (GitHub `statistiekcbs/iv3_definities`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// The definitions files built into the binary: (year, the file's text).
const INGEBOUWD: &[(i32, &str)] = &[
    (2022, include_str!("../../tests/fixtures/iv3/iv3_definities_Gemeente_2022.json")),
    (2023, include_str!("../../tests/fixtures/iv3/iv3_definities_Gemeente_2023.json")),
    (2024, include_str!("../../tests/fixtures/iv3/iv3_definities_Gemeente_2024.json")),
    (2025, include_str!("../../tests/fixtures/iv3/iv3_definities_Gemeente_2025.json")),
    (2026, include_str!("../../tests/fixtures/iv3/iv3_definities_Gemeente_2026.json")),
];

/// The years whose definitions are built in.
pub fn ingebouwde_jaren() -> Vec<i32> {
    INGEBOUWD.iter().map(|(j, _)| *j).collect()
}

/// The definitions of every year shipped, each read when first asked for (a run that has no
/// lines reads none).
#[derive(Default)]
pub struct Iv3 {
    jaren: BTreeMap<i32, std::sync::OnceLock<Definities>>,
}

impl Iv3 {
    pub fn ingebouwd() -> Iv3 {
        Iv3 { jaren: ingebouwde_jaren().into_iter().map(|j| (j, std::sync::OnceLock::new())).collect() }
    }

    /// The built-in years and a project's own definitions files (a newer year's, taken from the
    /// CBS as it is): a project's file counts for its year, also over a built-in one.
    pub fn met_eigen(eigen: Vec<Definities>) -> Iv3 {
        let mut iv3 = Iv3::ingebouwd();
        for d in eigen {
            iv3.jaren.insert(d.jaar, std::sync::OnceLock::from(d));
        }
        iv3
    }

    /// The definitions of `jaar`, when that year is known.
    pub fn definities(&self, jaar: i32) -> Option<&Definities> {
        let cell = self.jaren.get(&jaar)?;
        Some(cell.get_or_init(|| Definities::ingebouwd(jaar).expect("a year shipped")))
    }

    /// The years known, for messages.
    pub fn jaren(&self) -> Vec<i32> {
        self.jaren.keys().copied().collect()
    }
}

/// Lasten or baten: each has its own list of categorieën (some codes are on both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kant {
    Lasten,
    Baten,
}

impl Kant {
    pub fn naam(self) -> &'static str {
        match self {
            Kant::Lasten => "lasten",
            Kant::Baten => "baten",
        }
    }
}

/// One year's definitions.
#[derive(Debug, Clone)]
pub struct Definities {
    pub jaar: i32,
    /// (code, omschrijving) of the codes a line may use (the leaves of the list), in the
    /// CBS's order (0.9 before 0.10, 0.5 before 0.61), and each code's place in it.
    taakvelden: Vec<(String, String)>,
    plaats: std::collections::HashMap<String, usize>,
    categorieen: BTreeMap<Kant, BTreeMap<String, String>>,
    grijs: BTreeSet<(Kant, String, String)>,
    /// The balance codes a stand may use, in the CBS's order.
    balanscodes: Vec<Balanscode>,
}

/// A code of the Iv3 balans (`A121` Materiële vaste activa: Gronden en terreinen), with the
/// group it is in (`A1` Vaste Activa) and its side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balanscode {
    pub code: String,
    pub omschrijving: String,
    pub groep: String,
    pub activa: bool,
}

/// What is wrong with a line's codes: which field, what, and what would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fout {
    /// `taakveld` or `categorie`.
    pub veld: &'static str,
    pub bericht: String,
    pub hint: String,
}

#[derive(Deserialize)]
struct Bestand {
    metadata: Metadata,
    codelijsten: Codelijsten,
    grijze_cellen: GrijzeCellen,
}

#[derive(Deserialize)]
struct Metadata {
    boekjaar: String,
}

#[derive(Deserialize)]
struct Codelijsten {
    taakveld: Codelijst,
    categorie_lasten: Codelijst,
    categorie_baten: Codelijst,
    #[serde(default)]
    balanscode: Option<Codelijst>,
}

#[derive(Deserialize)]
struct Codelijst {
    codelijst: Vec<Code>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
    omschrijving: String,
    #[serde(default)]
    subcodes: Vec<Code>,
}

#[derive(Deserialize)]
struct GrijzeCellen {
    lasten: Vec<Cel>,
    baten: Vec<Cel>,
}

#[derive(Deserialize)]
struct Cel {
    taakveld: String,
    categorie: String,
}

/// The codes that may be used: the leaves of a code list (its headings and totals are not),
/// in the list's order.
fn leaves(codes: &[Code], out: &mut Vec<(String, String)>) {
    for c in codes {
        if c.subcodes.is_empty() {
            out.push((c.code.clone(), c.omschrijving.clone()));
        } else {
            leaves(&c.subcodes, out);
        }
    }
}

impl Definities {
    /// The built-in definitions of `jaar`, if that year is shipped.
    pub fn ingebouwd(jaar: i32) -> Option<Definities> {
        let (_, text) = INGEBOUWD.iter().find(|(j, _)| *j == jaar)?;
        Some(Definities::parse(text).expect("the built-in definitions are the CBS's own, tested"))
    }

    /// Reads a definitions file as the CBS publishes it.
    pub fn parse(text: &str) -> Result<Definities, String> {
        // serde_json's own words (English) are kept as the technical detail, after ours.
        let bestand: Bestand = serde_json::from_str(text).map_err(|e| {
            format!("geen Iv3-definitiebestand van het CBS: de inhoud wijkt af van wat zo'n bestand heeft ({e})")
        })?;
        let jaar = bestand.metadata.boekjaar.trim().parse().map_err(|_| {
            format!("geen Iv3-definitiebestand: het boekjaar `{}` is geen jaar", bestand.metadata.boekjaar)
        })?;
        let mut taakvelden = Vec::new();
        leaves(&bestand.codelijsten.taakveld.codelijst, &mut taakvelden);
        let plaats = taakvelden.iter().enumerate().map(|(i, (c, _))| (c.clone(), i)).collect();
        let mut categorieen = BTreeMap::new();
        for (kant, lijst) in
            [(Kant::Lasten, &bestand.codelijsten.categorie_lasten), (Kant::Baten, &bestand.codelijsten.categorie_baten)]
        {
            let mut codes = Vec::new();
            leaves(&lijst.codelijst, &mut codes);
            categorieen.insert(kant, codes.into_iter().collect());
        }
        let grijs = [(Kant::Lasten, &bestand.grijze_cellen.lasten), (Kant::Baten, &bestand.grijze_cellen.baten)]
            .into_iter()
            .flat_map(|(kant, cellen)| cellen.iter().map(move |c| (kant, c.taakveld.clone(), c.categorie.clone())))
            .collect();
        // Totaal balans → totaal activa / passiva → a group (A1 Vaste Activa) → its codes.
        let mut balanscodes = Vec::new();
        for totaal in bestand.codelijsten.balanscode.iter().flat_map(|l| &l.codelijst) {
            for zijde in &totaal.subcodes {
                for groep in &zijde.subcodes {
                    let mut codes = Vec::new();
                    leaves(std::slice::from_ref(groep), &mut codes);
                    balanscodes.extend(codes.into_iter().map(|(code, omschrijving)| Balanscode {
                        code,
                        omschrijving,
                        groep: groep.omschrijving.clone(),
                        activa: zijde.code == "Tot_Act",
                    }));
                }
            }
        }
        Ok(Definities { jaar, taakvelden, plaats, categorieen, grijs, balanscodes })
    }

    /// A balance code of the year, if it exists (a leaf of the list).
    pub fn balanscode(&self, code: &str) -> Option<&Balanscode> {
        self.balanscodes.iter().find(|b| b.code == code)
    }

    /// Every balance code of the year, in the CBS's order.
    pub fn balanscodes(&self) -> &[Balanscode] {
        &self.balanscodes
    }

    /// A taakveld's omschrijving ("Openbare orde en veiligheid"), if the code exists this year.
    pub fn taakveld(&self, code: &str) -> Option<&str> {
        self.plaats.get(code).map(|&i| self.taakvelden[i].1.as_str())
    }

    /// A taakveld's place in the CBS's order (an unknown code after every known one).
    pub fn volgorde(&self, code: &str) -> usize {
        self.plaats.get(code).copied().unwrap_or(usize::MAX)
    }

    /// A categorie's omschrijving, if the code exists for this side this year.
    pub fn categorie(&self, kant: Kant, code: &str) -> Option<&str> {
        self.categorieen.get(&kant).and_then(|c| c.get(code)).map(String::as_str)
    }

    /// Every taakveld of the year, in the CBS's order.
    pub fn taakvelden(&self) -> impl Iterator<Item = (&str, &str)> {
        self.taakvelden.iter().map(|(c, o)| (c.as_str(), o.as_str()))
    }

    /// What is wrong with a line on `taakveld` × `categorie` for this side: an unknown code, or
    /// a grijze cel.
    pub fn check(&self, kant: Kant, taakveld: &str, categorie: &str) -> Vec<Fout> {
        let mut fouten = Vec::new();
        let jaar = self.jaar;
        if self.taakveld(taakveld).is_none() {
            // The codes under the same heading: where a taakveld was split (6.2 into 6.21 …
            // 6.23 in 2025), those are the ones meant.
            let hoofd = taakveld.split('.').next().unwrap_or("");
            let zelfde: Vec<String> = self
                .taakvelden
                .iter()
                .filter(|(c, _)| c.split('.').next() == Some(hoofd))
                .map(|(c, o)| format!("{c} {o}"))
                .collect();
            fouten.push(Fout {
                veld: "taakveld",
                bericht: format!("taakveld `{taakveld}` bestaat niet in de Iv3-taakvelden van {jaar}"),
                hint: if zelfde.is_empty() {
                    format!("de taakvelden van {jaar} beginnen met 0. tot en met 8.")
                } else {
                    format!("onder {hoofd}. zijn er in {jaar}: {}", zelfde.join("; "))
                },
            });
        }
        if self.categorie(kant, categorie).is_none() {
            let hoofd = categorie.split('.').next().unwrap_or("");
            let zelfde: Vec<String> = self.categorieen[&kant]
                .iter()
                .filter(|(c, _)| c.split('.').next() == Some(hoofd))
                .map(|(c, o)| format!("{c} {o}"))
                .collect();
            let andere = match kant {
                Kant::Lasten => Kant::Baten,
                Kant::Baten => Kant::Lasten,
            };
            let waar = if self.categorie(andere, categorie).is_some() {
                format!("; het is een categorie van de {}", andere.naam())
            } else {
                String::new()
            };
            fouten.push(Fout {
                veld: "categorie",
                bericht: format!(
                    "categorie `{categorie}` is geen economische categorie van de {} in Iv3 {jaar}{waar}",
                    kant.naam()
                ),
                hint: if zelfde.is_empty() {
                    format!("de categorieën van de {} staan in het Iv3-definitiebestand van {jaar}", kant.naam())
                } else {
                    format!("onder {hoofd}. zijn er voor de {}: {}", kant.naam(), zelfde.join("; "))
                },
            });
        }
        if fouten.is_empty() && self.grijs.contains(&(kant, taakveld.to_string(), categorie.to_string())) {
            fouten.push(Fout {
                veld: "categorie",
                bericht: format!(
                    "taakveld {taakveld} ({}) met categorie {categorie} ({}) is een grijze cel in Iv3 {jaar}: die combinatie \
                     komt bij de {} niet voor",
                    self.taakveld(taakveld).unwrap_or(""),
                    self.categorie(kant, categorie).unwrap_or(""),
                    kant.naam()
                ),
                hint: "boek het op een ander taakveld of onder een andere categorie, zoals het CBS het voorschrijft"
                    .into(),
            });
        }
        fouten
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_year_reads_and_knows_its_codes() {
        for jaar in ingebouwde_jaren() {
            let d = Definities::ingebouwd(jaar).unwrap();
            assert_eq!(d.jaar, jaar);
            assert_eq!(d.taakveld("1.2"), Some("Openbare orde en veiligheid"));
            assert_eq!(d.taakveld("0.10"), Some("Mutaties reserves"));
            assert!(d.categorie(Kant::Lasten, "4.3.1").is_some() && d.categorie(Kant::Baten, "3.8").is_some());
            // Headings are no codes a line may use.
            assert_eq!(d.taakveld("1."), None);
            assert!(d.check(Kant::Lasten, "1.2", "3.8").is_empty());
        }
    }

    #[test]
    fn an_unknown_code_or_a_grey_cell_is_said_in_dutch_with_what_would_do() {
        let d2024 = Definities::ingebouwd(2024).unwrap();
        let d2025 = Definities::ingebouwd(2025).unwrap();
        // 6.2 was split in 2025: the hint names the new codes.
        assert!(d2024.check(Kant::Lasten, "6.2", "3.8").is_empty());
        let fout = &d2025.check(Kant::Lasten, "6.2", "3.8")[0];
        assert_eq!(fout.veld, "taakveld");
        assert_eq!(fout.bericht, "taakveld `6.2` bestaat niet in de Iv3-taakvelden van 2025");
        assert!(fout.hint.contains("6.21 ") && fout.hint.contains("6.23 "), "{}", fout.hint);
        // A category of the other side.
        let fout = &d2024.check(Kant::Lasten, "1.2", "2.2.1")[0];
        assert_eq!(fout.veld, "categorie");
        assert!(fout.bericht.ends_with("het is een categorie van de baten"), "{}", fout.bericht);
        assert_eq!(d2024.check(Kant::Baten, "1.2", "9.9")[0].veld, "categorie");
        // A grey cell: Bestuur has no land purchases.
        let fout = &d2024.check(Kant::Lasten, "0.1", "3.1")[0];
        assert!(fout.bericht.contains("is een grijze cel in Iv3 2024"), "{}", fout.bericht);
        assert!(fout.bericht.contains("0.1 (Bestuur)") && fout.bericht.contains("3.1 (Grond)"), "{}", fout.bericht);
    }
}
