//! What a paragraaf of the begroting is, as its YAML file says it. Every struct denies unknown
//! fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::financien::bedrag_in_euros;
use crate::domain::model::Status;

/// One paragraaf of a year's begroting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraaf {
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    /// Which of the BBV's paragrafen it is.
    pub paragraaf: Soort,
    pub datum: NaiveDate,
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    /// The title, when the gemeente words it otherwise ("Risicomanagement en weerstandsvermogen").
    #[serde(default)]
    pub titel: Option<String>,
    /// Markdown, with its own sub-headings (`#`, `##`).
    #[serde(default)]
    pub tekst: String,
    /// Weerstandsvermogen only: what is available to absorb risks (algemene reserve, …).
    #[serde(default)]
    pub weerstandscapaciteit: Vec<Post>,
    /// Weerstandsvermogen only: the risks with their probability and effect.
    #[serde(default)]
    pub risicos: Vec<Risico>,
}

/// The paragrafen BBV art. 9 requires, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    LokaleHeffingen,
    Weerstandsvermogen,
    OnderhoudKapitaalgoederen,
    Financiering,
    Bedrijfsvoering,
    VerbondenPartijen,
    Grondbeleid,
}

impl Soort {
    pub const ALLE: [Soort; 7] = [
        Soort::LokaleHeffingen,
        Soort::Weerstandsvermogen,
        Soort::OnderhoudKapitaalgoederen,
        Soort::Financiering,
        Soort::Bedrijfsvoering,
        Soort::VerbondenPartijen,
        Soort::Grondbeleid,
    ];

    /// As `paragraaf:` writes it.
    pub fn sleutel(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "lokale_heffingen",
            Soort::Weerstandsvermogen => "weerstandsvermogen",
            Soort::OnderhoudKapitaalgoederen => "onderhoud_kapitaalgoederen",
            Soort::Financiering => "financiering",
            Soort::Bedrijfsvoering => "bedrijfsvoering",
            Soort::VerbondenPartijen => "verbonden_partijen",
            Soort::Grondbeleid => "grondbeleid",
        }
    }

    /// Its title as the BBV names it.
    pub fn titel(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "Lokale heffingen",
            Soort::Weerstandsvermogen => "Weerstandsvermogen en risicobeheersing",
            Soort::OnderhoudKapitaalgoederen => "Onderhoud kapitaalgoederen",
            Soort::Financiering => "Financiering",
            Soort::Bedrijfsvoering => "Bedrijfsvoering",
            Soort::VerbondenPartijen => "Verbonden partijen",
            Soort::Grondbeleid => "Grondbeleid",
        }
    }

    /// What it is, in a sentence: "paragraaf Lokale heffingen".
    pub fn wat(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "paragraaf Lokale heffingen",
            Soort::Weerstandsvermogen => "paragraaf Weerstandsvermogen en risicobeheersing",
            Soort::OnderhoudKapitaalgoederen => "paragraaf Onderhoud kapitaalgoederen",
            Soort::Financiering => "paragraaf Financiering",
            Soort::Bedrijfsvoering => "paragraaf Bedrijfsvoering",
            Soort::VerbondenPartijen => "paragraaf Verbonden partijen",
            Soort::Grondbeleid => "paragraaf Grondbeleid",
        }
    }

    /// The article of the BBV that requires it.
    pub fn artikel(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "BBV art. 10",
            Soort::Weerstandsvermogen => "BBV art. 11",
            Soort::OnderhoudKapitaalgoederen => "BBV art. 12",
            Soort::Financiering => "BBV art. 13",
            Soort::Bedrijfsvoering => "BBV art. 14",
            Soort::VerbondenPartijen => "BBV art. 15",
            Soort::Grondbeleid => "BBV art. 16",
        }
    }

    /// Its place among the paragrafen (1 … 7).
    pub fn volgorde(self) -> u32 {
        Soort::ALLE.iter().position(|s| *s == self).map_or(0, |i| i as u32 + 1)
    }
}

/// An entry of the weerstandscapaciteit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    pub naam: String,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub bedrag: i64,
}

/// A risk: its probability (a percentage) and its financial effect in euros.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risico {
    pub naam: String,
    /// Kans in procenten: `50` is one in two.
    pub kans: f64,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub effect: i64,
    /// Markdown.
    #[serde(default)]
    pub toelichting: String,
}
