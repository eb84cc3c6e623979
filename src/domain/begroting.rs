//! "Wat mag het kosten?": the overzicht van baten en lasten of a programmabegroting, with the
//! BBV columns (realisatie t−2, begroting t−1, begroting t, ramingen t+1 … t+3), and the
//! overview of the whole begroting across its programmes. Every total is computed here; the
//! user enters lasten, baten and the mutations per reserve, per year.

use serde::Deserialize;

pub use crate::domain::bedragen::{Bedragen, Begrotingsregel, Jaren};
use crate::domain::financien::MAX_BEDRAG;
use crate::domain::iv3::Definities;
use crate::domain::taakvelden;

/// The years of a begroting of year `t`, in column order.
pub fn jaren(t: i32) -> Vec<i32> {
    (t - 2..=t + 3).collect()
}

/// A column's label: "Realisatie 2022", "Begroting 2023", "Begroting 2024", "Raming 2025" …
pub fn kolom_label(t: i32, jaar: i32) -> String {
    match jaar - t {
        ..=-2 => format!("Realisatie {jaar}"),
        -1 | 0 => format!("Begroting {jaar}"),
        _ => format!("Raming {jaar}"),
    }
}

/// Every column label of the begroting of `t`, for messages: "Realisatie 2022, … Raming 2027".
pub fn kolom_labels(t: i32) -> String {
    jaren(t).into_iter().map(|j| kolom_label(t, j)).collect::<Vec<_>>().join(", ")
}

/// A reserve of a programme with its planned mutations.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserve {
    pub naam: String,
    #[serde(default)]
    pub toevoegingen: Jaren,
    #[serde(default)]
    pub onttrekkingen: Jaren,
}

/// What the user enters for a programme's begroting. Lasten and toevoegingen are positive.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invoer {
    pub lasten: Bedragen,
    pub baten: Bedragen,
    #[serde(default)]
    pub reserves: Vec<Reserve>,
    /// Markdown under the table.
    #[serde(default)]
    pub toelichting: String,
}

impl Invoer {
    /// Every amount rounded once to the table's unit: the tables print rows computed from this,
    /// so each printed total is the sum of the printed amounts above it.
    pub fn afgerond(&self, eenheid: i64) -> Invoer {
        Invoer {
            lasten: self.lasten.afgerond(eenheid),
            baten: self.baten.afgerond(eenheid),
            reserves: self
                .reserves
                .iter()
                .map(|r| Reserve {
                    naam: r.naam.clone(),
                    toevoegingen: r.toevoegingen.afgerond(eenheid),
                    onttrekkingen: r.onttrekkingen.afgerond(eenheid),
                })
                .collect(),
            toelichting: self.toelichting.clone(),
        }
    }
}

/// One column of a begroting that another document owns: the realisatie t-2 (from that
/// year's jaarverslag) or the begroting t-1 (from that year's programmabegroting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kolom {
    pub jaar: i32,
    pub lasten: Bedragen,
    pub baten: Bedragen,
    /// The reserves' mutations of the year: by name from a begroting, one without a name (all
    /// reserves together) from a jaarverslag.
    pub reserves: Vec<Reserve>,
}

impl Invoer {
    /// The years of the begroting of `t` that any row types (a column another document owns
    /// must not be typed).
    pub fn getypt(&self, jaar: i32) -> Vec<Vec<String>> {
        self.rijen_met_pad()
            .into_iter()
            .filter(|(_, jaren)| jaren.0.contains_key(&jaar))
            .map(|(pad, _)| pad.into_iter().chain([jaar.to_string()]).collect())
            .collect()
    }

    /// Every row of amounts per year with its path below `financien`: the lasten and baten (one
    /// figure, or each line: `lasten, 2, bedragen`) and each reserve's mutations.
    pub fn rijen_met_pad(&self) -> Vec<(Vec<String>, &Jaren)> {
        let mut out = Vec::new();
        for (veld, bedragen) in [("lasten", &self.lasten), ("baten", &self.baten)] {
            for (pad, jaren) in bedragen.rijen() {
                out.push((std::iter::once(veld.to_string()).chain(pad).collect(), jaren));
            }
        }
        for (i, r) in self.reserves.iter().enumerate() {
            for (veld, jaren) in [("toevoegingen", &r.toevoegingen), ("onttrekkingen", &r.onttrekkingen)] {
                out.push((vec!["reserves".into(), i.to_string(), veld.into()], jaren));
            }
        }
        out
    }

    /// This begroting with a column read from another document. A reserve's mutations of that
    /// year go to the reserve of the same name, or to a row of their own; those of a jaarverslag
    /// (all reserves together) to the one reserve, or when there are none or several to a row
    /// of their own, so that nothing read is lost or put under another name.
    pub fn met_kolom(&self, kolom: &Kolom) -> Invoer {
        let jaar = kolom.jaar;
        let mut reserves = self.reserves.clone();
        for bron in &kolom.reserves {
            let (toe, ont) = (bron.toevoegingen.get(jaar), bron.onttrekkingen.get(jaar));
            let zelfde = |r: &Reserve| !r.toevoegingen.0.contains_key(&jaar) && !r.onttrekkingen.0.contains_key(&jaar);
            let doel = if bron.naam.is_empty() {
                match reserves.iter().filter(|r| zelfde(r)).count() {
                    1 => reserves.iter().position(zelfde),
                    _ => None,
                }
            } else {
                reserves.iter().position(|r| zelfde(r) && r.naam.trim().eq_ignore_ascii_case(bron.naam.trim()))
            };
            match doel {
                Some(i) => {
                    reserves[i].toevoegingen.0.insert(jaar, toe);
                    reserves[i].onttrekkingen.0.insert(jaar, ont);
                }
                None if bron.naam.is_empty() && toe == 0 && ont == 0 => {}
                None => reserves.push(Reserve {
                    naam: if bron.naam.is_empty() {
                        format!("reserves samen (jaarverslag {jaar})")
                    } else {
                        bron.naam.clone()
                    },
                    toevoegingen: Jaren([(jaar, toe)].into_iter().collect()),
                    onttrekkingen: Jaren([(jaar, ont)].into_iter().collect()),
                }),
            }
        }
        Invoer {
            lasten: self.lasten.met_jaar(jaar, &kolom.lasten),
            baten: self.baten.met_jaar(jaar, &kolom.baten),
            reserves,
            toelichting: self.toelichting.clone(),
        }
    }

    /// The column of `jaar` of this begroting, as a later begroting reads it (its begroting
    /// t-1).
    pub fn kolom(&self, jaar: i32) -> Kolom {
        let een = |j: &Jaren| Jaren([(jaar, j.get(jaar))].into_iter().collect());
        let alleen = |b: &Bedragen| match b {
            Bedragen::Totaal(j) => Bedragen::Totaal(een(j)),
            Bedragen::Regels(r) => Bedragen::Regels(
                r.iter().filter(|r| r.bedragen.0.contains_key(&jaar)).map(|r| r.met(een(&r.bedragen))).collect(),
            ),
        };
        let reserves = self
            .reserves
            .iter()
            .map(|r| Reserve {
                naam: r.naam.clone(),
                toevoegingen: een(&r.toevoegingen),
                onttrekkingen: een(&r.onttrekkingen),
            })
            .collect();
        Kolom { jaar, lasten: alleen(&self.lasten), baten: alleen(&self.baten), reserves }
    }
}

impl Algemeen {
    /// Every amount rounded once (see [`Invoer::afgerond`]).
    pub fn afgerond(&self, eenheid: i64) -> Algemeen {
        Algemeen {
            algemene_dekkingsmiddelen: self
                .algemene_dekkingsmiddelen
                .iter()
                .map(|p| Post { bedragen: p.bedragen.afgerond(eenheid), ..p.clone() })
                .collect(),
            overhead: self
                .overhead
                .as_ref()
                .map(|o| LastenBaten { lasten: o.lasten.afgerond(eenheid), baten: o.baten.afgerond(eenheid) }),
            onvoorzien: self.onvoorzien.as_ref().map(|o| o.afgerond(eenheid)),
        }
    }
}

/// One row of a computed table: amounts signed as shown (lasten negative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regel {
    pub label: String,
    pub bedragen: Vec<i64>,
    /// A total (saldo, resultaat): set in bold.
    pub totaal: bool,
}

/// Problems with the entered years: `(path, message)`, for the caller to locate.
pub fn check(invoer: &Invoer, t: i32) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    for (veld, bedragen) in [("lasten", &invoer.lasten), ("baten", &invoer.baten)] {
        if matches!(bedragen, Bedragen::Regels(r) if r.is_empty()) {
            out.push((
                vec![veld.to_string()],
                format!(
                    "geen regels onder `{veld}`: geef regels per taakveld, of één bedrag per jaar (ook als dat 0 is)"
                ),
            ));
        }
        for (i, eerder) in crate::domain::bedragen::dubbele_regels(bedragen.regels()) {
            let (bericht, hint) = crate::domain::bedragen::dubbele_regel_bericht(eerder);
            out.push((vec![veld.to_string(), i.to_string()], format!("{bericht}: {hint}")));
        }
    }
    out.extend(check_jaren(invoer.rijen_met_pad().into_iter().map(|(pad, jaren)| (pad, jaren, true)).collect(), t));
    out
}

/// Problems with the years the book itself enters (a year left out counts as nothing).
pub fn check_algemeen(algemeen: &Algemeen, t: i32) -> Vec<(Vec<String>, String)> {
    let mut rijen: Vec<(Vec<String>, &Jaren, bool)> = algemeen
        .algemene_dekkingsmiddelen
        .iter()
        .enumerate()
        .map(|(i, p)| (vec!["algemene_dekkingsmiddelen".into(), i.to_string(), "bedragen".into()], &p.bedragen, false))
        .collect();
    if let Some(o) = &algemeen.overhead {
        for (veld, bedragen) in [("lasten", &o.lasten), ("baten", &o.baten)] {
            for (pad, jaren) in bedragen.rijen() {
                rijen.push((["overhead".to_string(), veld.to_string()].into_iter().chain(pad).collect(), jaren, false));
            }
        }
    }
    if let Some(o) = &algemeen.onvoorzien {
        for (pad, jaren) in o.rijen() {
            rijen.push((std::iter::once("onvoorzien".to_string()).chain(pad).collect(), jaren, false));
        }
    }
    check_jaren(rijen, t)
}

/// Rows of amounts per year (`(path, amounts, every year required)`) against the columns of
/// the begroting of `t`: no other years, none missing where required, no impossible amount.
fn check_jaren(rijen: Vec<(Vec<String>, &Jaren, bool)>, t: i32) -> Vec<(Vec<String>, String)> {
    let verwacht = jaren(t);
    let mut out = Vec::new();
    let lijst = |j: &[i32]| j.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
    for (path, jaren_, alle) in rijen {
        let over: Vec<i32> = jaren_.0.keys().copied().filter(|j| !verwacht.contains(j)).collect();
        if !over.is_empty() {
            let mut p = path.clone();
            p.push(over[0].to_string());
            out.push((
                p,
                format!(
                    "het jaar {} hoort niet in de programmabegroting {t}: de kolommen zijn {}",
                    lijst(&over),
                    lijst(&verwacht)
                ),
            ));
        }
        // The years before t may be owned by other documents: whether they are typed is
        // checked where those are read (`kinds::beleid::kolommen`).
        let ontbreekt: Vec<i32> = verwacht.iter().copied().filter(|j| *j >= t && !jaren_.0.contains_key(j)).collect();
        if alle && !ontbreekt.is_empty() {
            out.push((
                path.clone(),
                format!("het bedrag voor {} ontbreekt (elke kolom heeft er een)", lijst(&ontbreekt)),
            ));
        }
        for (jaar, b) in &jaren_.0 {
            if b.unsigned_abs() > MAX_BEDRAG as u64 {
                let mut p = path.clone();
                p.push(jaar.to_string());
                out.push((p, format!("bedrag bij {jaar} is onmogelijk groot: {b}")));
            }
        }
    }
    out
}

fn row(label: impl Into<String>, t: i32, f: impl Fn(i32) -> i64, totaal: bool) -> Regel {
    Regel { label: label.into(), bedragen: jaren(t).into_iter().map(f).collect(), totaal }
}

fn sum(a: &[i64], b: &[i64]) -> Vec<i64> {
    a.iter().zip(b).map(|(x, y)| x.saturating_add(*y)).collect()
}

/// The overzicht van baten en lasten of one programme: lasten, baten, saldo, the toevoegingen
/// and onttrekkingen per reserve, resultaat.
pub fn regels(invoer: &Invoer, t: i32) -> Vec<Regel> {
    let lasten = row("Lasten", t, |j| invoer.lasten.get(j).saturating_neg(), false);
    let baten = row("Baten", t, |j| invoer.baten.get(j), false);
    let saldo = Regel {
        label: "Saldo van baten en lasten".into(),
        bedragen: sum(&lasten.bedragen, &baten.bedragen),
        totaal: true,
    };
    let mut resultaat = saldo.bedragen.clone();
    let mut out = vec![lasten, baten, saldo];
    for r in &invoer.reserves {
        let toe = row(format!("Toevoeging {}", r.naam), t, |j| r.toevoegingen.get(j).saturating_neg(), false);
        let ont = row(format!("Onttrekking {}", r.naam), t, |j| r.onttrekkingen.get(j), false);
        resultaat = sum(&sum(&resultaat, &toe.bedragen), &ont.bedragen);
        if !r.toevoegingen.0.is_empty() || r.onttrekkingen.0.is_empty() {
            out.push(toe);
        }
        if !r.onttrekkingen.0.is_empty() || r.toevoegingen.0.is_empty() {
            out.push(ont);
        }
    }
    out.push(Regel { label: "Resultaat".into(), bedragen: resultaat, totaal: true });
    out
}

/// The lines of a programme that enters its lasten or baten per taakveld and categorie, as
/// rows: per side, each taakveld as a heading (a row without amounts) with its lines under it
/// (lasten negative), then the side's total. A side entered as one figure is one row. Empty
/// when neither side has lines. The totals are those of [`regels`]: sums of the same lines.
pub fn per_taakveld(invoer: &Invoer, t: i32, definities: Option<&Definities>) -> Vec<Regel> {
    taakvelden::regels([&invoer.lasten, &invoer.baten], &jaren(t), definities)
}

/// The begroting primitief of year `t` of a programme, as a jaarverslag of `t` reads it:
/// lasten, baten, all toevoegingen and all onttrekkingen (positive, as entered).
pub fn primitief(invoer: &Invoer, t: i32) -> [i64; 4] {
    let toe = invoer.reserves.iter().map(|r| r.toevoegingen.get(t)).fold(0i64, i64::saturating_add);
    let ont = invoer.reserves.iter().map(|r| r.onttrekkingen.get(t)).fold(0i64, i64::saturating_add);
    [invoer.lasten.get(t), invoer.baten.get(t), toe, ont]
}

/// A programme as the book's overview reads it.
pub struct Programma<'a> {
    /// "1 Veiligheid".
    pub naam: String,
    pub invoer: &'a Invoer,
}

/// What the book itself enters: the algemene dekkingsmiddelen, overhead and onvoorzien.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Algemeen {
    #[serde(default)]
    pub algemene_dekkingsmiddelen: Vec<Post>,
    #[serde(default)]
    pub overhead: Option<LastenBaten>,
    /// The raming for the unforeseen, on taakveld 0.8.
    #[serde(default)]
    pub onvoorzien: Option<Bedragen>,
}

/// A source of general funding ("Onroerendezaakbelastingen", "Gemeentefonds").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub naam: String,
    /// Its Iv3 taakveld (0.5 treasury, 0.61 OZB woningen, 0.7 gemeentefonds …): where the
    /// overview per taakveld counts it.
    #[serde(default)]
    pub taakveld: Option<String>,
    /// Its Iv3 economische categorie of the baten (for the Iv3 delivery).
    #[serde(default)]
    pub categorie: Option<String>,
    pub bedragen: Jaren,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastenBaten {
    /// On taakveld 0.4: one figure per year, or lines with their categorie.
    pub lasten: Bedragen,
    #[serde(default)]
    pub baten: Bedragen,
}

/// The book's own amounts as rows: one, or one per line with its name (the categorie's code
/// when it has none), so that every line entered is shown.
fn eigen_rijen(label: &str, bedragen: &Bedragen, t: i32, teken: i64) -> Vec<Regel> {
    match bedragen {
        Bedragen::Totaal(j) => vec![row(label, t, |y| j.get(y).saturating_mul(teken), false)],
        Bedragen::Regels(regels) => regels
            .iter()
            .map(|r| {
                let label = match &r.naam {
                    Some(naam) => format!("{label}: {naam}"),
                    None if regels.len() == 1 => label.to_string(),
                    None => format!("{label}: categorie {}", r.categorie),
                };
                row(label, t, |y| r.bedragen.get(y).saturating_mul(teken), false)
            })
            .collect(),
    }
}

/// The overzicht van baten en lasten of the whole begroting: lasten and baten per programme,
/// the algemene dekkingsmiddelen, overhead and onvoorzien, the totals, saldo, the mutations of
/// reserves and the geraamde resultaat.
pub fn overzicht(programmas: &[Programma], algemeen: &Algemeen, t: i32) -> Vec<Regel> {
    let mut out = Vec::new();
    let zero = vec![0i64; jaren(t).len()];
    let mut lasten_totaal = zero.clone();
    for p in programmas {
        let r = row(format!("Lasten {}", p.naam), t, |j| p.invoer.lasten.get(j).saturating_neg(), false);
        lasten_totaal = sum(&lasten_totaal, &r.bedragen);
        out.push(r);
    }
    if let Some(o) = &algemeen.overhead {
        for r in eigen_rijen("Lasten overhead", &o.lasten, t, -1) {
            lasten_totaal = sum(&lasten_totaal, &r.bedragen);
            out.push(r);
        }
    }
    if let Some(o) = &algemeen.onvoorzien {
        for r in eigen_rijen("Onvoorzien", o, t, -1) {
            lasten_totaal = sum(&lasten_totaal, &r.bedragen);
            out.push(r);
        }
    }
    out.push(Regel { label: "Totaal lasten".into(), bedragen: lasten_totaal.clone(), totaal: true });
    let mut baten_totaal = zero.clone();
    for p in programmas {
        let r = row(format!("Baten {}", p.naam), t, |j| p.invoer.baten.get(j), false);
        baten_totaal = sum(&baten_totaal, &r.bedragen);
        out.push(r);
    }
    for post in &algemeen.algemene_dekkingsmiddelen {
        let r = row(format!("Algemene dekkingsmiddelen: {}", post.naam), t, |j| post.bedragen.get(j), false);
        baten_totaal = sum(&baten_totaal, &r.bedragen);
        out.push(r);
    }
    if let Some(o) = algemeen.overhead.as_ref().filter(|o| !o.baten.is_empty()) {
        for r in eigen_rijen("Baten overhead", &o.baten, t, 1) {
            baten_totaal = sum(&baten_totaal, &r.bedragen);
            out.push(r);
        }
    }
    out.push(Regel { label: "Totaal baten".into(), bedragen: baten_totaal.clone(), totaal: true });
    let saldo = sum(&lasten_totaal, &baten_totaal);
    out.push(Regel { label: "Saldo van baten en lasten".into(), bedragen: saldo.clone(), totaal: true });
    let reserve = |f: &dyn Fn(&Reserve) -> &Jaren| -> Vec<i64> {
        jaren(t)
            .into_iter()
            .map(|j| {
                programmas.iter().flat_map(|p| &p.invoer.reserves).map(|r| f(r).get(j)).fold(0i64, i64::saturating_add)
            })
            .collect()
    };
    let toe: Vec<i64> = reserve(&|r| &r.toevoegingen).into_iter().map(i64::saturating_neg).collect();
    let ont = reserve(&|r| &r.onttrekkingen);
    out.push(Regel { label: "Toevoegingen reserves".into(), bedragen: toe.clone(), totaal: false });
    out.push(Regel { label: "Onttrekkingen reserves".into(), bedragen: ont.clone(), totaal: false });
    out.push(Regel { label: "Geraamd resultaat".into(), bedragen: sum(&sum(&saldo, &toe), &ont), totaal: true });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(v: [i64; 6]) -> Jaren {
        Jaren(jaren(2024).into_iter().zip(v).collect())
    }

    fn invoer() -> Invoer {
        Invoer {
            lasten: Bedragen::Totaal(j([100, 110, 120, 130, 140, 150])),
            baten: Bedragen::Totaal(j([10, 11, 12, 13, 14, 15])),
            reserves: vec![Reserve {
                naam: "Reserve veiligheid".into(),
                toevoegingen: j([5, 0, 0, 0, 0, 0]),
                onttrekkingen: j([0, 20, 30, 0, 0, 0]),
            }],
            toelichting: String::new(),
        }
    }

    #[test]
    fn column_labels_for_2024() {
        let labels: Vec<String> = jaren(2024).into_iter().map(|j| kolom_label(2024, j)).collect();
        assert_eq!(
            labels,
            ["Realisatie 2022", "Begroting 2023", "Begroting 2024", "Raming 2025", "Raming 2026", "Raming 2027"]
        );
    }

    #[test]
    fn programme_rows_are_computed() {
        let r = regels(&invoer(), 2024);
        let labels: Vec<&str> = r.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Lasten",
                "Baten",
                "Saldo van baten en lasten",
                "Toevoeging Reserve veiligheid",
                "Onttrekking Reserve veiligheid",
                "Resultaat"
            ]
        );
        assert_eq!(r[0].bedragen, [-100, -110, -120, -130, -140, -150]);
        assert_eq!(r[2].bedragen, [-90, -99, -108, -117, -126, -135]);
        assert_eq!(r[3].bedragen, [-5, 0, 0, 0, 0, 0]);
        assert_eq!(r[5].bedragen, [-95, -79, -78, -117, -126, -135]);
        assert!(r[2].totaal && r[5].totaal && !r[0].totaal);
        assert_eq!(primitief(&invoer(), 2024), [120, 12, 0, 30]);
    }

    #[test]
    fn the_overview_sums_the_chapters() {
        let a = invoer();
        let mut b = invoer();
        b.lasten = Bedragen::Totaal(j([1000, 1000, 1000, 1000, 1000, 1000]));
        b.reserves.clear();
        let algemeen = Algemeen {
            algemene_dekkingsmiddelen: vec![Post {
                naam: "Gemeentefonds".into(),
                taakveld: None,
                categorie: None,
                bedragen: j([900; 6]),
            }],
            overhead: Some(LastenBaten { lasten: Bedragen::Totaal(j([50; 6])), baten: Bedragen::default() }),
            onvoorzien: Some(Bedragen::Totaal(j([7; 6]))),
        };
        let p = [Programma { naam: "1 A".into(), invoer: &a }, Programma { naam: "2 B".into(), invoer: &b }];
        let o = overzicht(&p, &algemeen, 2024);
        let find = |l: &str| o.iter().find(|r| r.label == l).unwrap_or_else(|| panic!("{l}")).bedragen.clone();
        assert_eq!(find("Totaal lasten")[2], -(120 + 1000 + 50 + 7));
        assert_eq!(find("Totaal baten")[2], 12 + 12 + 900);
        assert_eq!(find("Saldo van baten en lasten")[2], -1177 + 924);
        assert_eq!(find("Onttrekkingen reserves")[2], 30);
        assert_eq!(find("Geraamd resultaat")[2], -1177 + 924 + 30);
        // The overview's saldo equals the programmes' saldi plus the general lines.
        let saldi: i64 = p.iter().map(|p| regels(p.invoer, 2024)[2].bedragen[2]).sum();
        assert_eq!(find("Saldo van baten en lasten")[2], saldi + 900 - 50 - 7);
        assert!(!o.iter().any(|r| r.label == "Baten overhead"), "no row for what was not entered");
    }

    #[test]
    fn wrong_years_are_named() {
        let mut i = invoer();
        let (Bedragen::Totaal(lasten), Bedragen::Totaal(baten)) = (&mut i.lasten, &mut i.baten) else { unreachable!() };
        lasten.0.remove(&2027);
        baten.0.insert(2030, 1);
        let p = check(&i, 2024);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].1.contains("2027 ontbreekt"), "{p:?}");
        assert!(p[1].1.contains("2030 hoort niet"), "{p:?}");
        assert_eq!(p[1].0, ["baten", "2030"]);
        // An empty list of lines is no figure of 0.
        i.lasten = Bedragen::Regels(Vec::new());
        let p = check(&i, 2024);
        assert_eq!(p[0].0, ["lasten"]);
        assert!(p[0].1.starts_with("geen regels onder `lasten`"), "{p:?}");
    }
}
