//! The jaarrekening's core, as the jaarverslagboek enters it: the realisatie of what the
//! begrotingsboek holds beside the programmes (algemene dekkingsmiddelen, overhead, onvoorzien)
//! and of the vennootschapsbelasting, and the balans per Iv3 balance code at the start and the
//! end of the year. Everything else (each programme's primitief, na wijziging and realisatie)
//! is read from the documents that own it; every total and verschil is computed here.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::begroting::Regel;
use crate::domain::financien::bedrag_in_euros;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jaarrekening {
    /// The realisatie of each algemeen dekkingsmiddel, by its name in the begrotingsboek.
    #[serde(default)]
    pub algemene_dekkingsmiddelen: Vec<Post>,
    /// The realisatie of each line of the overhead, by its name in the begrotingsboek.
    #[serde(default)]
    pub overhead: Vec<Post>,
    /// The realisatie of onvoorzien (what was spent of it).
    #[serde(default, deserialize_with = "misschien")]
    pub onvoorzien: Option<i64>,
    /// The vennootschapsbelasting paid (taakveld 0.9), with its Iv3 categorie.
    #[serde(default)]
    pub vennootschapsbelasting: Option<Vpb>,
    /// The explanation of a verschil above the threshold: `algemene_dekkingsmiddelen`,
    /// `overhead`, `vennootschapsbelasting`, `onvoorzien`. Markdown.
    #[serde(default)]
    pub toelichting: Toelichting,
    /// Per Iv3 balance code (`A121`, `P111` …) the stand on 1 januari and on 31 december.
    #[serde(default)]
    pub balans: BTreeMap<String, Stand>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub naam: String,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub realisatie: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vpb {
    pub categorie: String,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub realisatie: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toelichting {
    #[serde(default)]
    pub algemene_dekkingsmiddelen: Option<String>,
    #[serde(default)]
    pub overhead: Option<String>,
    #[serde(default)]
    pub vennootschapsbelasting: Option<String>,
    #[serde(default)]
    pub onvoorzien: Option<String>,
}

impl Toelichting {
    pub fn get(&self, sleutel: &str) -> Option<&String> {
        match sleutel {
            "algemene_dekkingsmiddelen" => self.algemene_dekkingsmiddelen.as_ref(),
            "overhead" => self.overhead.as_ref(),
            "vennootschapsbelasting" => self.vennootschapsbelasting.as_ref(),
            "onvoorzien" => self.onvoorzien.as_ref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stand {
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub begin: i64,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub eind: i64,
}

fn misschien<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    bedrag_in_euros(d).map(Some)
}

/// One row of the overzicht in de jaarrekening: lasten, baten, toevoegingen and onttrekkingen
/// as entered (positive), in the columns primitief, na wijziging and realisatie.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kolommen {
    pub primitief: i64,
    pub na_wijziging: i64,
    pub realisatie: i64,
}

impl Kolommen {
    fn teken(self, t: i64) -> [i64; 3] {
        [t * self.primitief, t * self.na_wijziging, t * self.realisatie]
    }
}

/// What the overzicht adds up: each programme's four rows (lasten, baten, toevoegingen,
/// onttrekkingen), and the book's own posts (label, key for the toelichting, lasten or baten).
pub struct Overzicht<'a> {
    pub programmas: Vec<(String, [Kolommen; 4])>,
    pub posten: Vec<(String, &'a str, bool, Kolommen)>,
}

/// A row's key for its toelichting, when it is one of the book's own posts.
pub type Sleutel<'a> = Option<&'a str>;

impl Overzicht<'_> {
    /// The rows in the BBV's order (art. 17, 28): per programme lasten, baten and saldo; the
    /// algemene dekkingsmiddelen, overhead, Vpb and onvoorzien; the saldo van baten en lasten;
    /// the reserves' mutations; the gerealiseerd resultaat. Each row: primitief, na wijziging,
    /// realisatie, verschil (realisatie − na wijziging: positive is voordelig); lasten negative.
    pub fn regels(&self) -> Vec<(Regel, Sleutel<'_>)> {
        let mut out = Vec::new();
        let rij = |label: String, b: [i64; 3], totaal: bool| Regel {
            label,
            bedragen: vec![b[0], b[1], b[2], b[2].saturating_sub(b[1])],
            totaal,
        };
        let plus = |a: [i64; 3], b: [i64; 3]| [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
        let mut saldo = [0i64; 3];
        let (mut toe, mut ont) = ([0i64; 3], [0i64; 3]);
        for (naam, [l, b, t, o]) in &self.programmas {
            out.push((Regel { label: format!("Programma {naam}"), bedragen: Vec::new(), totaal: false }, None));
            let (l, b) = (l.teken(-1), b.teken(1));
            out.push((rij("Lasten".into(), l, false), None));
            out.push((rij("Baten".into(), b, false), None));
            out.push((rij("Saldo".into(), plus(l, b), true), None));
            saldo = plus(saldo, plus(l, b));
            toe = plus(toe, t.teken(-1));
            ont = plus(ont, o.teken(1));
        }
        if !self.posten.is_empty() {
            out.push((Regel { label: "Niet in een programma".into(), bedragen: Vec::new(), totaal: false }, None));
        }
        for (label, sleutel, lasten, k) in &self.posten {
            let b = k.teken(if *lasten { -1 } else { 1 });
            saldo = plus(saldo, b);
            out.push((rij(label.clone(), b, false), Some(*sleutel)));
        }
        out.push((rij("Saldo van baten en lasten".into(), saldo, true), None));
        out.push((rij("Toevoegingen aan reserves".into(), toe, false), None));
        out.push((rij("Onttrekkingen aan reserves".into(), ont, false), None));
        out.push((rij("Gerealiseerd resultaat".into(), plus(plus(saldo, toe), ont), true), None));
        out
    }

    /// The gerealiseerd resultaat (realisatie): positive is a surplus.
    pub fn resultaat(&self) -> i64 {
        self.regels().last().map_or(0, |(r, _)| r.bedragen[2])
    }
}

/// The balans's totals: activa and passiva at the start and the end of the year.
pub fn totalen<'a>(standen: impl Iterator<Item = (bool, &'a Stand)>) -> ([i64; 2], [i64; 2]) {
    let (mut activa, mut passiva) = ([0i64; 2], [0i64; 2]);
    for (is_activa, s) in standen {
        let t = if is_activa { &mut activa } else { &mut passiva };
        t[0] = t[0].saturating_add(s.begin);
        t[1] = t[1].saturating_add(s.eind);
    }
    (activa, passiva)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(p: i64, n: i64, r: i64) -> Kolommen {
        Kolommen { primitief: p, na_wijziging: n, realisatie: r }
    }

    #[test]
    fn the_overzicht_adds_up_programmes_and_own_posts_to_the_result() {
        let o = Overzicht {
            programmas: vec![("1 Veiligheid".into(), [k(100, 110, 105), k(10, 10, 12), k(0, 5, 5), k(3, 3, 1)])],
            posten: vec![
                ("Algemene uitkering".into(), "algemene_dekkingsmiddelen", false, k(150, 150, 151)),
                ("Overhead".into(), "overhead", true, k(20, 20, 22)),
            ],
        };
        let regels = o.regels();
        let label = |l: &str| regels.iter().find(|(r, _)| r.label == l).unwrap().0.bedragen.clone();
        assert_eq!(label("Lasten"), [-100, -110, -105, 5], "less spent is voordelig");
        assert_eq!(label("Saldo van baten en lasten"), [40, 30, 36, 6]);
        assert_eq!(label("Gerealiseerd resultaat"), [43, 28, 32, 4]);
        assert_eq!(o.resultaat(), 32);
        assert_eq!(regels.iter().find(|(r, _)| r.label == "Overhead").unwrap().1, Some("overhead"));
    }
}
