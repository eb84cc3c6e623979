//! "Wat mag het kosten?": the overzicht van baten en lasten of a programmabegroting, with the
//! BBV columns (realisatie t−2, begroting t−1, begroting t, ramingen t+1 … t+3), and the
//! overview of the whole begroting across its programmes. Every total is computed here; the
//! user enters lasten, baten and the mutations per reserve, per year.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::financien::{MAX_BEDRAG, bedrag_in_euros};

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

/// An amount per year, entered as `2024: 16450000`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jaren(pub BTreeMap<i32, i64>);

impl Jaren {
    pub fn get(&self, jaar: i32) -> i64 {
        self.0.get(&jaar).copied().unwrap_or(0)
    }
}

impl<'de> Deserialize<'de> for Jaren {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct Bedrag(i64);
        impl<'de> Deserialize<'de> for Bedrag {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                bedrag_in_euros(d).map(Bedrag)
            }
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Jaren;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("per jaar een bedrag in hele euro's, bijvoorbeeld `2024: 16450000`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Jaren, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Ok(jaar) = key.trim().parse::<i32>() else {
                        let waar = if JAARVERSLAG_VELDEN.contains(&key.as_str()) {
                            format!("`{key}` hoort bij de financiën van een jaarverslag")
                        } else {
                            format!("`{key}` is geen jaar")
                        };
                        return Err(A::Error::custom(format!(
                            "{waar}: in een programmabegroting staat hier per jaar een bedrag (realisatie t-2, \
                             begroting t-1, begroting t en de ramingen t+1 tot en met t+3), bijvoorbeeld `2024: 16450000`"
                        )));
                    };
                    let Bedrag(b) = map.next_value()?;
                    out.insert(jaar, b);
                }
                Ok(Jaren(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The columns of a jaarverslag's finance rows: named here to say where they belong.
const JAARVERSLAG_VELDEN: &[&str] =
    &["realisatie_vorig_jaar", "begroting_primitief", "begroting_na_wijziging", "realisatie", "toelichting"];

/// A reserve of a programme with its planned mutations.
#[derive(Debug, Clone, Deserialize)]
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
    pub lasten: Jaren,
    pub baten: Jaren,
    #[serde(default)]
    pub reserves: Vec<Reserve>,
    /// Markdown under the table.
    #[serde(default)]
    pub toelichting: String,
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
    let mut rijen: Vec<(Vec<String>, &Jaren, bool)> =
        vec![(vec!["lasten".into()], &invoer.lasten, true), (vec!["baten".into()], &invoer.baten, true)];
    for (i, r) in invoer.reserves.iter().enumerate() {
        for (veld, jaren) in [("toevoegingen", &r.toevoegingen), ("onttrekkingen", &r.onttrekkingen)] {
            rijen.push((vec!["reserves".into(), i.to_string(), veld.into()], jaren, false));
        }
    }
    check_jaren(rijen, t)
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
        rijen.push((vec!["overhead".into(), "lasten".into()], &o.lasten, false));
        rijen.push((vec!["overhead".into(), "baten".into()], &o.baten, false));
    }
    if let Some(o) = &algemeen.onvoorzien {
        rijen.push((vec!["onvoorzien".into()], o, false));
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
        let ontbreekt: Vec<i32> = verwacht.iter().copied().filter(|j| !jaren_.0.contains_key(j)).collect();
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
    #[serde(default)]
    pub onvoorzien: Option<Jaren>,
}

/// A source of general funding ("Onroerendezaakbelastingen", "Gemeentefonds").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub naam: String,
    pub bedragen: Jaren,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastenBaten {
    pub lasten: Jaren,
    #[serde(default)]
    pub baten: Jaren,
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
        let r = row("Lasten overhead", t, |j| o.lasten.get(j).saturating_neg(), false);
        lasten_totaal = sum(&lasten_totaal, &r.bedragen);
        out.push(r);
    }
    if let Some(o) = &algemeen.onvoorzien {
        let r = row("Onvoorzien", t, |j| o.get(j).saturating_neg(), false);
        lasten_totaal = sum(&lasten_totaal, &r.bedragen);
        out.push(r);
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
    if let Some(o) = algemeen.overhead.as_ref().filter(|o| !o.baten.0.is_empty()) {
        let r = row("Baten overhead", t, |j| o.baten.get(j), false);
        baten_totaal = sum(&baten_totaal, &r.bedragen);
        out.push(r);
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
            lasten: j([100, 110, 120, 130, 140, 150]),
            baten: j([10, 11, 12, 13, 14, 15]),
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
        b.lasten = j([1000, 1000, 1000, 1000, 1000, 1000]);
        b.reserves.clear();
        let algemeen = Algemeen {
            algemene_dekkingsmiddelen: vec![Post { naam: "Gemeentefonds".into(), bedragen: j([900; 6]) }],
            overhead: Some(LastenBaten { lasten: j([50; 6]), baten: Jaren::default() }),
            onvoorzien: Some(j([7; 6])),
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
        i.lasten.0.remove(&2027);
        i.baten.0.insert(2030, 1);
        let p = check(&i, 2024);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].1.contains("2027 ontbreekt"), "{p:?}");
        assert!(p[1].1.contains("2030 hoort niet"), "{p:?}");
        assert_eq!(p[1].0, ["baten", "2030"]);
    }
}
