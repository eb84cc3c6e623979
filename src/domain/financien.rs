//! "Wat heeft het gekost?": totals and differences, computed, never typed.
//!
//! The user enters lasten, baten and reserve mutations per column; saldo, resultaat and every
//! verschil are derived here. A verschil is expressed as its effect on the result: positive is
//! voordelig (less spent, more received), negative is nadelig.

use serde::{Deserialize, Serialize};

use crate::domain::format;
pub use crate::domain::posten::{Posten, Rekeningregel};

/// The four columns of one row, in whole euros.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kolommen {
    pub realisatie_vorig_jaar: i64,
    pub begroting_primitief: i64,
    pub begroting_na_wijziging: i64,
    pub realisatie: i64,
}

/// One row as entered, or one line's amounts. The begroting primitief and the realisatie of
/// the year before are left out when another document owns them (the programmabegroting of the
/// year, the jaarverslag of the year before): they are read from there, never typed twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rij {
    #[serde(default, deserialize_with = "misschien_bedrag")]
    pub realisatie_vorig_jaar: Option<i64>,
    #[serde(default, deserialize_with = "misschien_bedrag")]
    pub begroting_primitief: Option<i64>,
    /// Read, not typed, where the programmabegroting of the year exists: its primitief plus
    /// every adopted begrotingswijziging.
    #[serde(default, deserialize_with = "misschien_bedrag")]
    pub begroting_na_wijziging: Option<i64>,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub realisatie: i64,
}

impl Rij {
    /// Every amount rounded once to whole units of `eenheid` (in euros again).
    pub fn afgerond(self, eenheid: i64) -> Rij {
        let r = |x: i64| afgerond(x, eenheid);
        Rij {
            realisatie_vorig_jaar: self.realisatie_vorig_jaar.map(r),
            begroting_primitief: self.begroting_primitief.map(r),
            begroting_na_wijziging: self.begroting_na_wijziging.map(r),
            realisatie: r(self.realisatie),
        }
    }

    /// The columns, with what is not typed taken from what was read.
    fn kolommen(self, vorig_jaar: i64, primitief: i64, na_wijziging: i64) -> Kolommen {
        Kolommen {
            realisatie_vorig_jaar: self.realisatie_vorig_jaar.unwrap_or(vorig_jaar),
            begroting_primitief: self.begroting_primitief.unwrap_or(primitief),
            begroting_na_wijziging: self.begroting_na_wijziging.unwrap_or(na_wijziging),
            realisatie: self.realisatie,
        }
    }

    /// The sum of rows: a column read rather than typed stays unread when no row types it.
    pub(crate) fn som<'a>(rijen: impl IntoIterator<Item = &'a Rij>) -> Rij {
        let plus = |a: Option<i64>, b: Option<i64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
        };
        rijen.into_iter().fold(Rij::default(), |s, r| Rij {
            realisatie_vorig_jaar: plus(s.realisatie_vorig_jaar, r.realisatie_vorig_jaar),
            begroting_primitief: plus(s.begroting_primitief, r.begroting_primitief),
            begroting_na_wijziging: plus(s.begroting_na_wijziging, r.begroting_na_wijziging),
            realisatie: s.realisatie.saturating_add(r.realisatie),
        })
    }
}

/// What a jaarverslag reads of other documents: per row (lasten, baten, toevoegingen,
/// onttrekkingen) the realisatie of the year before and the begroting primitief; `None` where
/// no document owns it (then it is typed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gelezen {
    pub vorig_jaar: Option<[i64; 4]>,
    pub primitief: Option<[i64; 4]>,
    /// The primitief plus every adopted begrotingswijziging of the year.
    pub na_wijziging: Option<[i64; 4]>,
}

fn misschien_bedrag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    bedrag_in_euros(d).map(Some)
}

/// An amount in whole euros, as a Dutch reader writes it: `16702000`, `16.702.000` (points
/// separate thousands) or `"16.702.000"`. Decimals are refused: amounts are whole euros.
pub fn bedrag_in_euros<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    use serde::de::{Error, Unexpected, Visitor};
    // No amount of a gemeente comes near this: any sum of them stays far from overflowing.
    fn binnen<E: Error>(v: i64) -> Result<i64, E> {
        match v.unsigned_abs() > MAX_BEDRAG as u64 {
            true => Err(E::custom(format!("bedrag is onmogelijk groot: {v} (ten hoogste 10 biljoen euro)"))),
            false => Ok(v),
        }
    }
    struct V;
    impl Visitor<'_> for V {
        type Value = i64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("een bedrag in hele euro's, bijvoorbeeld 16702000 of 16.702.000")
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
            binnen(v)
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::custom("dit getal is te groot")).and_then(binnen)
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
            if v.fract() == 0.0 && v.abs() < 9.0e18 {
                return binnen(v as i64);
            }
            Err(E::custom(format!(
                "een bedrag staat in hele euro's, zonder decimalen: {} heeft er",
                format::number_auto(v, 4)
            )))
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<i64, E> {
            let t = v.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            let n = match format::dutch_integer(t) {
                Some(n) => n,
                None if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) => {
                    t.parse::<i128>().map_err(|_| E::custom("dit getal is te groot"))?
                }
                None if format::has_decimal_comma(t) => {
                    return Err(E::custom(format!("een bedrag staat in hele euro's, zonder decimalen: {t} heeft er")));
                }
                None => return Err(E::invalid_type(Unexpected::Str(v), &self)),
            };
            i64::try_from(n).map_err(|_| E::custom("dit getal is te groot")).and_then(binnen)
        }
    }
    d.deserialize_any(V)
}

impl Kolommen {
    fn map2(self, other: Kolommen, f: impl Fn(i64, i64) -> i64) -> Kolommen {
        Kolommen {
            realisatie_vorig_jaar: f(self.realisatie_vorig_jaar, other.realisatie_vorig_jaar),
            begroting_primitief: f(self.begroting_primitief, other.begroting_primitief),
            begroting_na_wijziging: f(self.begroting_na_wijziging, other.begroting_na_wijziging),
            realisatie: f(self.realisatie, other.realisatie),
        }
    }
}

/// What the user enters for a programme. Lasten and toevoegingen are entered as positive amounts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invoer {
    pub lasten: Posten,
    pub baten: Posten,
    #[serde(default)]
    pub toevoegingen_reserves: Rij,
    #[serde(default)]
    pub onttrekkingen_reserves: Rij,
    /// Explanations of differences, by row. Markdown.
    #[serde(default)]
    pub toelichting: Toelichtingen,
}

/// The explanation of each row's verschil: only the rows that have one, so a misspelt row is
/// an error, not an explanation silently left out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toelichtingen {
    #[serde(default)]
    pub lasten: Option<String>,
    #[serde(default)]
    pub baten: Option<String>,
    #[serde(default)]
    pub toevoegingen_reserves: Option<String>,
    #[serde(default)]
    pub onttrekkingen_reserves: Option<String>,
}

impl Toelichtingen {
    /// The explanation of the row `sleutel` (`lasten`, `baten` …), if given.
    pub fn get(&self, sleutel: &str) -> Option<&String> {
        match sleutel {
            "lasten" => self.lasten.as_ref(),
            "baten" => self.baten.as_ref(),
            "toevoegingen_reserves" => self.toevoegingen_reserves.as_ref(),
            "onttrekkingen_reserves" => self.onttrekkingen_reserves.as_ref(),
            _ => None,
        }
    }
}

/// One row of the computed table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regel {
    pub sleutel: &'static str,
    pub label: &'static str,
    /// Signed as shown: lasten negative, baten positive.
    pub bedragen: Kolommen,
    /// Effect on the result of realisatie against begroting na wijziging (+ voordelig).
    pub verschil: i64,
    /// Whether this row is a total (saldo, resultaat): no toelichting needed.
    pub totaal: bool,
}

impl Invoer {
    /// Every amount rounded once to the table's unit: the table prints rows computed from
    /// this, so each printed total and verschil follows from the printed amounts.
    pub fn afgerond(&self, eenheid: i64) -> Invoer {
        Invoer {
            lasten: self.lasten.afgerond(eenheid),
            baten: self.baten.afgerond(eenheid),
            toevoegingen_reserves: self.toevoegingen_reserves.afgerond(eenheid),
            onttrekkingen_reserves: self.onttrekkingen_reserves.afgerond(eenheid),
            toelichting: self.toelichting.clone(),
        }
    }

    /// The rows by their key, in table order: lasten and baten are the sums of their lines.
    pub fn rijen(&self) -> [(&'static str, Rij); 4] {
        [
            ("lasten", self.lasten.rij()),
            ("baten", self.baten.rij()),
            ("toevoegingen_reserves", self.toevoegingen_reserves),
            ("onttrekkingen_reserves", self.onttrekkingen_reserves),
        ]
    }

    /// Every row of amounts as entered, with its path below `financien` (a line of lasten is
    /// `lasten, 2, bedragen`), for checks that locate what they find.
    pub fn ingevuld(&self) -> Vec<(Vec<String>, Rij)> {
        let mut out = Vec::new();
        for (veld, posten) in [("lasten", &self.lasten), ("baten", &self.baten)] {
            for (pad, rij) in posten.rijen() {
                out.push((std::iter::once(veld.to_string()).chain(pad).collect(), rij));
            }
        }
        for (veld, rij) in [
            ("toevoegingen_reserves", self.toevoegingen_reserves),
            ("onttrekkingen_reserves", self.onttrekkingen_reserves),
        ] {
            if rij != Rij::default() {
                out.push((vec![veld.to_string()], rij));
            }
        }
        out
    }
}

/// A column that another document may own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gelezenkolom {
    RealisatieVorigJaar,
    BegrotingPrimitief,
    BegrotingNaWijziging,
}

impl Gelezenkolom {
    pub fn sleutel(self) -> &'static str {
        match self {
            Gelezenkolom::RealisatieVorigJaar => "realisatie_vorig_jaar",
            Gelezenkolom::BegrotingPrimitief => "begroting_primitief",
            Gelezenkolom::BegrotingNaWijziging => "begroting_na_wijziging",
        }
    }

    fn van(self, r: &Rij) -> Option<i64> {
        match self {
            Gelezenkolom::RealisatieVorigJaar => r.realisatie_vorig_jaar,
            Gelezenkolom::BegrotingPrimitief => r.begroting_primitief,
            Gelezenkolom::BegrotingNaWijziging => r.begroting_na_wijziging,
        }
    }
}

/// The entered rows (paths below `financien`) that type `kolom`: an error where a document
/// owns it.
pub fn getypt(invoer: &Invoer, kolom: Gelezenkolom) -> Vec<Vec<String>> {
    invoer.ingevuld().into_iter().filter(|(_, r)| kolom.van(r).is_some()).map(|(p, _)| p).collect()
}

/// The entered rows (paths below `financien`) that leave `kolom` out: an error where no
/// document owns it.
pub fn ontbreekt(invoer: &Invoer, kolom: Gelezenkolom) -> Vec<Vec<String>> {
    invoer.ingevuld().into_iter().filter(|(_, r)| kolom.van(r).is_none()).map(|(p, _)| p).collect()
}

/// The whole table, in the order of the BBV model. What `gelezen` holds fills the columns of
/// the rows that do not type them (the realisatie of the year before, the begroting primitief).
pub fn regels(invoer: &Invoer, gelezen: Gelezen) -> Vec<Regel> {
    // Saturating: amounts are validated to stay far below the limits (see MAX_BEDRAG), this
    // only keeps hostile input from overflowing.
    let neg = |k: Kolommen| k.map2(Kolommen::default(), |a, _| a.saturating_neg());
    let vorig = gelezen.vorig_jaar.unwrap_or_default();
    let primitief = gelezen.primitief.unwrap_or_default();
    let na = gelezen.na_wijziging.unwrap_or_default();
    let [l, b, t, o] = invoer.rijen().map(|(_, r)| r);
    let lasten = neg(l.kolommen(vorig[0], primitief[0], na[0]));
    let baten = b.kolommen(vorig[1], primitief[1], na[1]);
    let saldo = lasten.map2(baten, i64::saturating_add);
    let toevoegingen = neg(t.kolommen(vorig[2], primitief[2], na[2]));
    let onttrekkingen = o.kolommen(vorig[3], primitief[3], na[3]);
    let resultaat = saldo.map2(toevoegingen, i64::saturating_add).map2(onttrekkingen, i64::saturating_add);
    // With signed amounts, the effect on the result is simply realisatie minus begroting.
    let regel = |sleutel, label, bedragen: Kolommen, totaal| Regel {
        sleutel,
        label,
        bedragen,
        verschil: bedragen.realisatie.saturating_sub(bedragen.begroting_na_wijziging),
        totaal,
    };
    vec![
        regel("lasten", "Lasten", lasten, false),
        regel("baten", "Baten", baten, false),
        regel("saldo", "Saldo van baten en lasten", saldo, true),
        regel("toevoegingen_reserves", "Toevoegingen reserves", toevoegingen, false),
        regel("onttrekkingen_reserves", "Onttrekkingen reserves", onttrekkingen, false),
        regel("resultaat", "Resultaat", resultaat, true),
    ]
}

/// What a later document reads of a jaarverslag: the realisatie of lasten, baten, toevoegingen
/// and onttrekkingen (positive, as entered).
pub fn realisatie(invoer: &Invoer) -> [i64; 4] {
    invoer.rijen().map(|(_, r)| r.realisatie)
}

/// The largest amount accepted: ten trillion euros, far above any municipal budget.
pub const MAX_BEDRAG: i64 = 10_000_000_000_000;

/// Every entered amount, with the path of its row below `financien` and its column (for
/// validation).
pub fn bedragen(invoer: &Invoer) -> Vec<(Vec<String>, &'static str, i64)> {
    let mut out = Vec::new();
    for (pad, k) in invoer.ingevuld() {
        for (kolom, b) in [
            ("realisatie_vorig_jaar", k.realisatie_vorig_jaar.unwrap_or(0)),
            ("begroting_primitief", k.begroting_primitief.unwrap_or(0)),
            ("begroting_na_wijziging", k.begroting_na_wijziging.unwrap_or(0)),
            ("realisatie", k.realisatie),
        ] {
            out.push((pad.clone(), kolom, b));
        }
    }
    out
}

/// Rows whose verschil exceeds the threshold and that have no toelichting.
pub fn ontbrekende_toelichtingen<'a>(invoer: &Invoer, regels: &'a [Regel], drempel: i64) -> Vec<&'a Regel> {
    regels
        .iter()
        .filter(|r| !r.totaal && r.verschil.abs() > drempel)
        .filter(|r| invoer.toelichting.get(r.sleutel).is_none_or(|t| t.trim().is_empty()))
        .collect()
}

/// How amounts are written; differs per gemeente (a setting in gemeente.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Notatie {
    /// Negative amounts with a minus sign; verschil signed (+ voordelig).
    #[default]
    Minteken,
    /// Amounts without sign; verschil with V (voordelig) or N (nadelig).
    #[serde(rename = "nv")]
    NV,
}

/// Formats an amount in the table's unit (`eenheid` euros, e.g. 1000 for "x € 1.000").
pub fn bedrag(euros: i64, eenheid: i64, notatie: Notatie) -> String {
    let n = rounded(euros, eenheid);
    match notatie {
        Notatie::Minteken => format::integer(n),
        Notatie::NV => format::integer(n.abs()),
    }
}

/// Formats a verschil: "125" / "-80" with a minus sign, or "125 V" / "80 N".
pub fn verschil(euros: i64, eenheid: i64, notatie: Notatie) -> String {
    let n = rounded(euros, eenheid);
    match notatie {
        Notatie::Minteken => format::integer(n),
        Notatie::NV if n == 0 => "0".into(),
        Notatie::NV => format!("{} {}", format::integer(n.abs()), if n > 0 { "V" } else { "N" }),
    }
}

/// An amount rounded once to whole units of `eenheid`, in euros again.
pub fn afgerond(euros: i64, eenheid: i64) -> i64 {
    rounded(euros, eenheid).saturating_mul(eenheid.max(1))
}

/// An amount in whole units of `eenheid` (euros per unit), rounded half away from zero.
pub fn rounded(euros: i64, eenheid: i64) -> i64 {
    let eenheid = eenheid.max(1);
    // Round half away from zero, as spreadsheets do.
    let q = euros / eenheid;
    let r = euros % eenheid;
    if r.abs() * 2 >= eenheid { q + euros.signum() } else { q }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(a: i64, b: i64, c: i64, d: i64) -> Rij {
        Rij {
            realisatie_vorig_jaar: Some(a),
            begroting_primitief: Some(b),
            begroting_na_wijziging: Some(c),
            realisatie: d,
        }
    }

    fn invoer() -> Invoer {
        Invoer {
            lasten: Posten::Totaal(k(14_000_000, 14_597_000, 14_800_000, 14_650_000)),
            baten: Posten::Totaal(k(500_000, 450_000, 480_000, 610_000)),
            toevoegingen_reserves: k(0, 0, 100_000, 100_000),
            onttrekkingen_reserves: k(200_000, 150_000, 150_000, 90_000),
            toelichting: Default::default(),
        }
    }

    #[test]
    fn totals_and_differences_are_computed() {
        let r = regels(&invoer(), Gelezen::default());
        assert_eq!(r[0].bedragen.realisatie, -14_650_000);
        assert_eq!(r[0].verschil, 150_000, "less spent than budgeted is voordelig");
        assert_eq!(r[1].verschil, 130_000, "more received is voordelig");
        assert_eq!(r[2].label, "Saldo van baten en lasten");
        assert_eq!(r[2].bedragen.begroting_na_wijziging, -14_320_000);
        assert_eq!(r[2].bedragen.realisatie, -14_040_000);
        assert_eq!(r[2].verschil, 280_000);
        assert_eq!(r[4].verschil, -60_000, "less taken from reserves is nadelig");
        assert_eq!(r[5].bedragen.realisatie, -14_040_000 - 100_000 + 90_000);
        assert_eq!(r[5].verschil, r[2].verschil + r[3].verschil + r[4].verschil);
        // What is read fills only the rows that do not type it.
        let mut i = invoer();
        let Posten::Totaal(l) = &mut i.lasten else { unreachable!() };
        l.begroting_primitief = None;
        l.realisatie_vorig_jaar = None;
        assert_eq!(ontbreekt(&i, Gelezenkolom::BegrotingPrimitief), [vec!["lasten".to_string()]]);
        assert_eq!(getypt(&i, Gelezenkolom::RealisatieVorigJaar).len(), 3, "baten and both reserves type it");
        let gelezen = Gelezen {
            primitief: Some([14_000_001, 7, 7, 7]),
            vorig_jaar: Some([13_000_000, 8, 8, 8]),
            na_wijziging: None,
        };
        let r = regels(&i, gelezen);
        assert_eq!(r[0].bedragen.begroting_primitief, -14_000_001);
        assert_eq!(r[0].bedragen.realisatie_vorig_jaar, -13_000_000);
        assert_eq!(r[1].bedragen.begroting_primitief, 450_000);
        assert_eq!(r[1].bedragen.realisatie_vorig_jaar, 500_000);
    }

    #[test]
    fn lines_add_up_to_the_row_and_a_later_document_reads_them() {
        let regel = |taakveld: &str, na: i64, real: i64| Rekeningregel {
            taakveld: taakveld.into(),
            categorie: "3.8".into(),
            naam: None,
            incidenteel: false,
            bedragen: Rij { begroting_na_wijziging: Some(na), realisatie: real, ..Rij::default() },
        };
        let mut i = invoer();
        i.lasten = Posten::Regels(vec![regel("1.1", 10_000_400, 10_000_400), regel("1.2", 4_799_600, 4_649_600)]);
        assert_eq!(i.lasten.rij().begroting_na_wijziging, Some(14_800_000));
        assert_eq!(i.lasten.rij().realisatie_vorig_jaar, None, "no line types it: it is read");
        assert_eq!(realisatie(&i), [14_650_000, 610_000, 100_000, 90_000]);
        // Rounded line by line: the row is the sum of what is printed.
        assert_eq!(i.afgerond(1000).lasten.rij().realisatie, 10_000_000 + 4_650_000);
        let b = i.lasten.als_jaar(2022, |r| r.realisatie);
        assert_eq!(b.get(2022), 14_650_000);
        assert_eq!(b.regels()[1].taakveld, "1.2");
        assert_eq!(ontbreekt(&i, Gelezenkolom::BegrotingPrimitief)[0], ["lasten", "0", "bedragen"]);
    }

    #[test]
    fn threshold_rule_asks_for_toelichting() {
        let mut i = invoer();
        let r = regels(&i, Gelezen::default());
        let missing: Vec<_> = ontbrekende_toelichtingen(&i, &r, 100_000).iter().map(|r| r.sleutel).collect();
        assert_eq!(missing, ["lasten", "baten"], "totals never need one; 60.000 is under the threshold");
        i.toelichting.lasten = Some("Minder inhuur.".into());
        i.toelichting.baten = Some("  ".into());
        let r = regels(&i, Gelezen::default());
        let missing: Vec<_> = ontbrekende_toelichtingen(&i, &r, 100_000).iter().map(|r| r.sleutel).collect();
        assert_eq!(missing, ["baten"], "an empty toelichting does not count");
        // Exactly at the threshold is not above it.
        assert!(ontbrekende_toelichtingen(&i, &r, 150_000).iter().all(|r| r.sleutel != "lasten"));
    }

    #[test]
    fn dutch_amounts_with_either_sign_convention() {
        assert_eq!(bedrag(-14_650_000, 1, Notatie::Minteken), "−14.650.000");
        assert_eq!(bedrag(-14_650_000, 1000, Notatie::Minteken), "−14.650");
        assert_eq!(bedrag(-14_650_000, 1000, Notatie::NV), "14.650");
        assert_eq!(verschil(150_000, 1000, Notatie::NV), "150 V");
        assert_eq!(verschil(-60_000, 1000, Notatie::NV), "60 N");
        assert_eq!(verschil(-60_000, 1000, Notatie::Minteken), "−60");
        assert_eq!(verschil(0, 1000, Notatie::NV), "0");
        assert_eq!(bedrag(1_500, 1000, Notatie::Minteken), "2");
        assert_eq!(bedrag(-1_500, 1000, Notatie::Minteken), "−2");
        assert_eq!(bedrag(1_499, 1000, Notatie::Minteken), "1");
    }
}
