//! Indicator values and whether a target was met.
//!
//! Values in council documents are not always numbers: "22%", "6,2", "<20%",
//! ">6,3", "565 (pm%)", "30 keer waarschuwing en 15 keer sluiting". A [`Waarde`] keeps what was
//! written — a number (with its decimals and percent sign), a comparison against a number, or
//! text — so it prints as the author wrote it and can still be compared.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::domain::format;

/// A number as written: value, decimals shown, and whether it is a percentage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Getal {
    pub waarde: f64,
    pub decimalen: usize,
    pub procent: bool,
}

impl Getal {
    pub fn new(waarde: f64) -> Self {
        let decimalen = decimals_of(waarde);
        Getal { waarde, decimalen, procent: false }
    }
}

impl fmt::Display for Getal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", format::number(self.waarde, self.decimalen), if self.procent { "%" } else { "" })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Vergelijking {
    Kleiner,
    KleinerOfGelijk,
    Groter,
    GroterOfGelijk,
    Gelijk,
}

impl Vergelijking {
    fn symbol(self) -> &'static str {
        match self {
            Vergelijking::Kleiner => "<",
            Vergelijking::KleinerOfGelijk => "≤",
            Vergelijking::Groter => ">",
            Vergelijking::GroterOfGelijk => "≥",
            Vergelijking::Gelijk => "=",
        }
    }

    fn holds(self, left: f64, right: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Vergelijking::Kleiner => left < right - EPS,
            Vergelijking::KleinerOfGelijk => left <= right + EPS,
            Vergelijking::Groter => left > right + EPS,
            Vergelijking::GroterOfGelijk => left >= right - EPS,
            Vergelijking::Gelijk => (left - right).abs() <= EPS,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Waarde {
    Getal(Getal),
    Vergelijking(Vergelijking, Getal),
    Tekst(String),
}

impl Waarde {
    /// Reads a value as a Dutch author writes it.
    pub fn parse(text: &str) -> Waarde {
        let t = text.trim();
        let (op, rest) = if let Some(r) = t.strip_prefix("<=").or_else(|| t.strip_prefix('≤')) {
            (Some(Vergelijking::KleinerOfGelijk), r)
        } else if let Some(r) = t.strip_prefix(">=").or_else(|| t.strip_prefix('≥')) {
            (Some(Vergelijking::GroterOfGelijk), r)
        } else if let Some(r) = t.strip_prefix('<') {
            (Some(Vergelijking::Kleiner), r)
        } else if let Some(r) = t.strip_prefix('>') {
            (Some(Vergelijking::Groter), r)
        } else if let Some(r) = t.strip_prefix('=') {
            (Some(Vergelijking::Gelijk), r)
        } else {
            (None, t)
        };
        match (op, parse_getal(rest.trim())) {
            (Some(op), Some(g)) => Waarde::Vergelijking(op, g),
            (None, Some(g)) => Waarde::Getal(g),
            _ => Waarde::Tekst(t.to_string()),
        }
    }

    /// The number, for plain numeric values (charts use only these).
    pub fn getal(&self) -> Option<Getal> {
        match self {
            Waarde::Getal(g) => Some(*g),
            _ => None,
        }
    }

    /// The number a chart can draw for a target: a plain number or the bound of a comparison.
    pub fn grens(&self) -> Option<Getal> {
        match self {
            Waarde::Getal(g) | Waarde::Vergelijking(_, g) => Some(*g),
            Waarde::Tekst(_) => None,
        }
    }
}

impl fmt::Display for Waarde {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Waarde::Getal(g) => write!(f, "{g}"),
            Waarde::Vergelijking(op, g) => write!(f, "{}{g}", op.symbol()),
            Waarde::Tekst(t) => write!(f, "{t}"),
        }
    }
}

/// "4.714" → 4714; "6,2" → 6.2; "22%" → 22 %; "-1.250,5" → -1250.5. A point must group
/// thousands (three digits follow), so "4.5" is not a number but text.
fn parse_getal(s: &str) -> Option<Getal> {
    let (s, procent) = match s.strip_suffix('%') {
        Some(r) => (r.trim_end(), true),
        None => (s, false),
    };
    let (negative, body) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (whole, frac) = match body.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped_ok = !groups[0].is_empty()
        && groups[0].len() <= if groups.len() > 1 { 3 } else { usize::MAX }
        && groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if !grouped_ok {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let digits = format!("{}.{}", groups.concat(), frac.unwrap_or("0"));
    let mut waarde: f64 = digits.parse().ok()?;
    if negative {
        waarde = -waarde;
    }
    Some(Getal { waarde, decimalen: frac.map_or(0, str::len), procent })
}

fn decimals_of(x: f64) -> usize {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, f)| f.len().min(4))
}

impl<'de> Deserialize<'de> for Waarde {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Waarde;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("een getal (4714, \"6,2\", \"22%\"), een vergelijking (\"<20%\") of tekst")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Waarde, E> {
                Ok(Waarde::Getal(Getal::new(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Waarde, E> {
                Ok(Waarde::Getal(Getal::new(v as f64)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Waarde, E> {
                if !v.is_finite() {
                    return Err(E::custom("geen eindig getal"));
                }
                Ok(Waarde::Getal(Getal::new(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Waarde, E> {
                if v.trim().is_empty() {
                    return Err(E::custom("een lege waarde; laat het veld weg als er (nog) geen waarde is"));
                }
                Ok(Waarde::parse(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Richting {
    /// Fewer is better (crimes, incidents).
    LagerIsBeter,
    /// More is better (sociale cohesie, controls carried out).
    HogerIsBeter,
}

/// Whether a year's target was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Doelstatus {
    Behaald,
    NietBehaald,
    GeenStreefwaarde,
    GeenMeting,
    /// Text values, or values in different units: a person must judge (`beoordeling:`).
    NietTeBepalen,
}

impl Doelstatus {
    /// The word shown in the table: status is never told by colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Doelstatus::Behaald => "behaald",
            Doelstatus::NietBehaald => "niet behaald",
            Doelstatus::GeenStreefwaarde => "geen streefwaarde",
            Doelstatus::GeenMeting => "geen meting",
            Doelstatus::NietTeBepalen => "niet te bepalen",
        }
    }

    /// A symbol next to the word (all present in the project's font; ✔ and ✘ are not in Lato).
    pub fn symbol(self) -> &'static str {
        match self {
            Doelstatus::Behaald => "●",
            Doelstatus::NietBehaald => "×",
            Doelstatus::GeenStreefwaarde | Doelstatus::GeenMeting => "–",
            Doelstatus::NietTeBepalen => "○",
        }
    }
}

/// Computes the status of a realisatie against a streefwaarde.
///
/// A comparison target (`<20%`) is met when the realisatie satisfies it, whatever the
/// direction; a plain target is met when the realisatie is at least as good in the indicator's
/// direction. Percent and plain numbers are different units and are not compared.
pub fn status(streefwaarde: Option<&Waarde>, realisatie: Option<&Waarde>, richting: Richting) -> Doelstatus {
    let Some(realisatie) = realisatie else { return Doelstatus::GeenMeting };
    let Some(streefwaarde) = streefwaarde else { return Doelstatus::GeenStreefwaarde };
    let Waarde::Getal(r) = realisatie else {
        return match (realisatie, streefwaarde) {
            (Waarde::Tekst(a), Waarde::Tekst(b)) if normalise(a) == normalise(b) => Doelstatus::Behaald,
            (a, b) if a == b => Doelstatus::Behaald,
            _ => Doelstatus::NietTeBepalen,
        };
    };
    let (op, s) = match streefwaarde {
        Waarde::Getal(s) => (
            match richting {
                Richting::LagerIsBeter => Vergelijking::KleinerOfGelijk,
                Richting::HogerIsBeter => Vergelijking::GroterOfGelijk,
            },
            s,
        ),
        Waarde::Vergelijking(op, s) => (*op, s),
        Waarde::Tekst(_) => return Doelstatus::NietTeBepalen,
    };
    if r.procent != s.procent {
        return Doelstatus::NietTeBepalen;
    }
    if op.holds(r.waarde, s.waarde) { Doelstatus::Behaald } else { Doelstatus::NietBehaald }
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Richting::*;

    fn w(s: &str) -> Waarde {
        Waarde::parse(s)
    }

    #[test]
    fn parses_dutch_numbers() {
        assert_eq!(w("4.714"), Waarde::Getal(Getal { waarde: 4714.0, decimalen: 0, procent: false }));
        assert_eq!(w("6,2"), Waarde::Getal(Getal { waarde: 6.2, decimalen: 1, procent: false }));
        assert_eq!(w("22%"), Waarde::Getal(Getal { waarde: 22.0, decimalen: 0, procent: true }));
        assert_eq!(w("1.250,50"), Waarde::Getal(Getal { waarde: 1250.5, decimalen: 2, procent: false }));
        assert_eq!(w("-3"), Waarde::Getal(Getal { waarde: -3.0, decimalen: 0, procent: false }));
    }

    #[test]
    fn parses_comparisons() {
        assert_eq!(
            w("<20%"),
            Waarde::Vergelijking(Vergelijking::Kleiner, Getal { waarde: 20.0, decimalen: 0, procent: true })
        );
        assert_eq!(
            w(">6,3"),
            Waarde::Vergelijking(Vergelijking::Groter, Getal { waarde: 6.3, decimalen: 1, procent: false })
        );
        assert_eq!(w("<=500").to_string(), "≤500");
        assert_eq!(w(">= 45").to_string(), "≥45");
        assert_eq!(w("<4.500").to_string(), "<4.500");
    }

    #[test]
    fn everything_else_is_text() {
        for t in ["565 (pm%)", "0 <4", "30 keer waarschuwing en 15 keer sluiting", "4.5", "1.2345", "pm", ",5"] {
            assert_eq!(w(t), Waarde::Tekst(t.into()), "{t}");
        }
    }

    #[test]
    fn prints_as_written() {
        for t in ["4.714", "6,2", "22%", "<20%", ">6,3", "1.177", "0"] {
            assert_eq!(w(t).to_string(), t);
        }
        assert_eq!(Waarde::Getal(Getal::new(6.2)).to_string(), "6,2");
        assert_eq!(Waarde::Getal(Getal::new(4714.0)).to_string(), "4.714");
    }

    #[test]
    fn comparisons_ignore_direction() {
        assert_eq!(status(Some(&w("<20%")), Some(&w("19%")), HogerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w("<20%")), Some(&w("20%")), LagerIsBeter), Doelstatus::NietBehaald);
        assert_eq!(status(Some(&w("<=20%")), Some(&w("20%")), LagerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w(">6,3")), Some(&w("6,3")), HogerIsBeter), Doelstatus::NietBehaald);
        assert_eq!(status(Some(&w(">=6,3")), Some(&w("6,3")), HogerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w("=0")), Some(&w("0")), LagerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w("=0")), Some(&w("1")), LagerIsBeter), Doelstatus::NietBehaald);
    }

    #[test]
    fn plain_targets_follow_the_direction() {
        assert_eq!(status(Some(&w("500")), Some(&w("480")), LagerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w("500")), Some(&w("500")), LagerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w("500")), Some(&w("501")), LagerIsBeter), Doelstatus::NietBehaald);
        assert_eq!(status(Some(&w("6,2")), Some(&w("6,3")), HogerIsBeter), Doelstatus::Behaald);
        assert_eq!(status(Some(&w("6,2")), Some(&w("6,1")), HogerIsBeter), Doelstatus::NietBehaald);
        assert_eq!(status(Some(&w("4.500")), Some(&w("4.499")), LagerIsBeter), Doelstatus::Behaald);
    }

    #[test]
    fn missing_and_text_values() {
        assert_eq!(status(Some(&w("500")), None, LagerIsBeter), Doelstatus::GeenMeting);
        assert_eq!(status(None, Some(&w("480")), LagerIsBeter), Doelstatus::GeenStreefwaarde);
        assert_eq!(status(None, None, LagerIsBeter), Doelstatus::GeenMeting);
        let t = "30 keer waarschuwing en 15 keer sluiting";
        assert_eq!(
            status(Some(&w(t)), Some(&w("30 keer  waarschuwing en 15 keer sluiting")), LagerIsBeter),
            Doelstatus::Behaald
        );
        assert_eq!(status(Some(&w(t)), Some(&w("28 keer waarschuwing")), LagerIsBeter), Doelstatus::NietTeBepalen);
        assert_eq!(status(Some(&w("0 <4")), Some(&w("2")), LagerIsBeter), Doelstatus::NietTeBepalen);
    }

    #[test]
    fn percent_and_plain_numbers_are_not_compared() {
        assert_eq!(status(Some(&w("20%")), Some(&w("19")), LagerIsBeter), Doelstatus::NietTeBepalen);
    }

    #[test]
    fn yaml_numbers_and_strings_deserialize() {
        let file = crate::source::yaml::YamlFile::decode("t", b"v: [4714, 6.2, \"6,2\", \"<20%\", tekst met woorden]")
            .unwrap();
        #[derive(serde::Deserialize)]
        struct T {
            v: Vec<Waarde>,
        }
        let v = file.parse::<T>().unwrap().v;
        assert_eq!(v[0].to_string(), "4.714");
        assert_eq!(v[1].to_string(), "6,2");
        assert_eq!(v[2].to_string(), "6,2");
        assert_eq!(v[3].to_string(), "<20%");
        assert_eq!(v[4], Waarde::Tekst("tekst met woorden".into()));
    }
}
