//! What a bestuursrapportage is, as its YAML file says it. Every struct denies unknown fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::financien::Toelichtingen;
use crate::domain::model::{Status, Vaststelling};
use crate::domain::wijziging::Begrotingswijziging;

/// A report of the college on the begroting of its year (voorjaarsnota, najaarsnota: the
/// gemeente's own title): per programme the stand of each doel and activiteit, the financial
/// afwijkingen, and the begrotingswijziging that follows from them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bestuursrapportage {
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    /// "Najaarsnota 2024".
    pub titel: String,
    /// The date the college offered it: the PDF date.
    pub datum: NaiveDate,
    /// That the raad adopted it, and with it its begrotingswijziging.
    #[serde(default)]
    pub vastgesteld: Option<Vaststelling>,
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    /// Markdown.
    #[serde(default)]
    pub inleiding: String,
    #[serde(default)]
    pub programmas: Vec<Programma>,
    #[serde(default)]
    pub begrotingswijziging: Option<Begrotingswijziging>,
}

/// What it reports of one programme of the begroting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programma {
    /// As the programmabegroting names it.
    pub programma: String,
    /// Markdown.
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub doelen: Vec<Doel>,
    /// The explanation of each financial afwijking (lasten, baten, toevoegingen_reserves,
    /// onttrekkingen_reserves); required above the gemeente's threshold.
    #[serde(default)]
    pub toelichting: Toelichtingen,
}

/// The stand of a doel of the begroting, by its code (or, for a doel without one, its title as
/// the begroting has it).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doel {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub titel: Option<String>,
    pub stand: Stand,
    /// Markdown.
    #[serde(default)]
    pub toelichting: String,
    #[serde(default)]
    pub activiteiten: Vec<Activiteit>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activiteit {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub titel: Option<String>,
    pub stand: Stand,
    /// Markdown.
    #[serde(default)]
    pub toelichting: String,
}

/// How a report names a doel or activiteit of the begroting: its code, or without one its title.
pub fn naam(code: &Option<String>, titel: &Option<String>) -> String {
    code.as_deref().or(titel.as_deref()).unwrap_or_default().trim().to_string()
}

/// Whether a report's `code`/`titel` names the begroting's doel or activiteit (`plan_code`,
/// `plan_titel`): by code when it has one, else by title (not minding case).
pub fn past(code: &Option<String>, titel: &Option<String>, plan_code: Option<&str>, plan_titel: &str) -> bool {
    match (code, titel) {
        (Some(c), _) => plan_code == Some(c.trim()),
        (None, Some(t)) => plan_code.is_none() && t.trim().eq_ignore_ascii_case(plan_titel.trim()),
        (None, None) => false,
    }
}

/// How a doel or activiteit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stand {
    OpKoers,
    Risico,
    NietHaalbaar,
}

impl Stand {
    pub fn woord(self) -> &'static str {
        match self {
            Stand::OpKoers => "op koers",
            Stand::Risico => "risico",
            Stand::NietHaalbaar => "niet haalbaar",
        }
    }

    /// A shape per stand, so the meaning never rests on colour alone.
    pub fn symbool(self) -> &'static str {
        match self {
            Stand::OpKoers => "●",
            Stand::Risico => "▲",
            Stand::NietHaalbaar => "×",
        }
    }

    /// Light fills that keep black text readable.
    pub fn kleur(self) -> &'static str {
        match self {
            Stand::OpKoers => "#D5EDD9",
            Stand::Risico => "#FBE8C0",
            Stand::NietHaalbaar => "#F6D5D1",
        }
    }
}
