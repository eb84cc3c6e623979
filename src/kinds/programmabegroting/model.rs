//! What a programme chapter of the programmabegroting is, as its YAML file says it: "Wat
//! willen we bereiken? Wat gaan we daarvoor doen? Wat mag het kosten?" (BBV art. 8). Every
//! struct denies unknown fields.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::begroting;
use crate::domain::model::Status;
use crate::domain::waarde::Waarde;
use crate::kinds::programma::{Activiteit, BbvIndicator, Kolommen, Partners, Thema};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programmabegroting {
    pub soort: String,
    pub status: Status,
    /// "Veiligheid".
    pub programma: String,
    /// The programme's number: its place in the book ("Programma 1").
    #[serde(default)]
    pub nummer: Option<u32>,
    /// The date the college offered it to the council: the PDF date.
    pub datum: NaiveDate,
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    /// Markdown, with its own sub-headings (`#`, `##`).
    #[serde(default)]
    pub inleiding: String,
    #[serde(default)]
    pub vragen: Vragen,
    /// Each doel with its questions under it (the default), or each question with the doelen
    /// under it: gemeenten do both.
    #[serde(default)]
    pub indeling: Indeling,
    #[serde(default = "crate::kinds::programma::beleidsdoel")]
    pub doel_label: String,
    #[serde(default)]
    pub kolommen: Kolommen,
    #[serde(default)]
    pub beleidsdoelen: Vec<Doel>,
    /// Markdown: the text under the programme's own "Wat gaan we daarvoor doen?", before its
    /// themes.
    #[serde(default)]
    pub aanpak: String,
    /// Themes on the programme level ("Speerpunten", "Reguliere activiteiten").
    #[serde(default)]
    pub themas: Vec<Thema>,
    #[serde(default)]
    pub partners: Option<Partners>,
    #[serde(default)]
    pub bbv_indicatoren: Vec<BbvIndicator>,
    #[serde(default)]
    pub financien: Option<begroting::Invoer>,
}

/// The order of doel and question headings in a chapter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Indeling {
    /// "Beleidsdoel A: …", under it "Wat willen we bereiken?" and "Wat gaan we daarvoor doen?".
    #[default]
    PerDoel,
    /// "Wat willen we bereiken?", under it every doel; then "Wat gaan we daarvoor doen?", under
    /// it every doel again with its activities.
    PerVraag,
}

/// The forward questions of a begroting, as this gemeente words them.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Vragen {
    pub bereiken: String,
    pub doen: String,
    pub indicatoren: String,
    pub bbv: String,
    pub kosten: String,
    pub partners: String,
}

impl Default for Vragen {
    fn default() -> Self {
        Vragen {
            bereiken: "Wat willen we bereiken?".into(),
            doen: "Wat gaan we daarvoor doen?".into(),
            indicatoren: "Indicatoren en streefwaarden".into(),
            bbv: "Verplichte beleidsindicatoren (BBV)".into(),
            kosten: "Wat mag het kosten?".into(),
            partners: "Verbonden partijen en samenwerkingspartners".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doel {
    #[serde(default)]
    pub code: Option<String>,
    pub titel: String,
    /// Markdown: what we want to achieve.
    #[serde(default)]
    pub tekst: String,
    /// Markdown: the text under "Wat gaan we daarvoor doen?", before the activities and themes.
    #[serde(default)]
    pub aanpak: String,
    #[serde(default)]
    pub activiteiten: Vec<Activiteit>,
    #[serde(default)]
    pub themas: Vec<Thema>,
    #[serde(default)]
    pub partners: Option<Partners>,
    #[serde(default)]
    pub indicatoren: Vec<Streef>,
}

/// An indicator of a doel with its targets for the begroting's years (t … t+3); a year left
/// out takes the Kadernota in force.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Streef {
    pub id: String,
    #[serde(default)]
    pub streefwaarden: BTreeMap<i32, Waarde>,
}
