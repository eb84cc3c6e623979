//! What a jaarverslag programme chapter is, as its YAML file says it. Every struct denies
//! unknown fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::financien;
use crate::domain::model::Status;
pub use crate::kinds::feiten::{Beoordeling, Realisatie};
pub use crate::kinds::programma::{Activiteit, BbvIndicator, BbvVergelijking, Kolommen, Partners, Thema};

/// The programme chapter of a jaarverslag.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jaarverslag {
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    /// "Veiligheid".
    pub programma: String,
    /// The programme's number: its place in the year's book.
    #[serde(default)]
    pub nummer: Option<u32>,
    /// The document date (vaststelling by the college): the PDF date.
    pub datum: NaiveDate,
    /// The file holds figures that are not real: every page says so.
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    #[serde(default)]
    pub inleiding: String,
    /// The question labels, as this gemeente words them.
    #[serde(default)]
    pub vragen: Vragen,
    /// How a doel is called in its heading ("Beleidsdoel", "Doel"; empty for none).
    #[serde(default = "crate::kinds::programma::beleidsdoel")]
    pub doel_label: String,
    /// The headers of the activities tables.
    #[serde(default)]
    pub kolommen: Kolommen,
    #[serde(default)]
    pub beleidsdoelen: Vec<Beleidsdoel>,
    /// Themes on the programme level, below the doelen.
    #[serde(default)]
    pub themas: Vec<Thema>,
    /// Partners of the programme as a whole.
    #[serde(default)]
    pub partners: Option<Partners>,
    /// The BBV beleidsindicatoren for this programme.
    #[serde(default)]
    pub bbv_indicatoren: Vec<BbvIndicator>,
    #[serde(default)]
    pub financien: Option<financien::Invoer>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Vragen {
    pub bereikt: String,
    pub indicatoren: String,
    pub bbv: String,
    pub gekost: String,
}

impl Default for Vragen {
    fn default() -> Self {
        Vragen {
            bereikt: "Wat hebben we bereikt en wat hebben we daarvoor gedaan?".into(),
            indicatoren: "Indicatoren".into(),
            bbv: "Verplichte beleidsindicatoren (BBV)".into(),
            gekost: "Wat heeft het gekost?".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beleidsdoel {
    /// "A"; may be left out, never empty.
    #[serde(default)]
    pub code: Option<String>,
    pub titel: String,
    /// Markdown: what was achieved.
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub activiteiten: Vec<Activiteit>,
    #[serde(default)]
    pub themas: Vec<Thema>,
    #[serde(default)]
    pub speerpunten: Vec<String>,
    #[serde(default)]
    pub partners: Option<Partners>,
    #[serde(default)]
    pub indicatoren: Vec<Realisatie>,
}
