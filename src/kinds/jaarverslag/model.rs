//! What a jaarverslag programme chapter is, as its YAML file says it. Every struct denies
//! unknown fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::financien;
use crate::domain::model::Status;
use crate::domain::waarde::Waarde;

/// The programme chapter of a jaarverslag.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jaarverslag {
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    /// "Veiligheid".
    pub programma: String,
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
    #[serde(default)]
    pub beleidsdoelen: Vec<Beleidsdoel>,
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
    pub code: String,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activiteit {
    pub code: String,
    pub titel: String,
    /// Markdown.
    #[serde(default)]
    pub toelichting: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thema {
    pub titel: String,
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub subthemas: Vec<Thema>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partners {
    #[serde(default)]
    pub verbonden_partijen: Vec<String>,
    #[serde(default)]
    pub overige: Vec<String>,
}

/// A year's realisatie of an indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Realisatie {
    pub id: String,
    /// Empty while not yet measured.
    #[serde(default)]
    pub realisatie: Option<Waarde>,
    /// This year's target when no Kadernota in force sets one (or to override it).
    #[serde(default)]
    pub streefwaarde: Option<Waarde>,
    /// A person's verdict for values that cannot be compared (text).
    #[serde(default)]
    pub beoordeling: Option<Beoordeling>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Beoordeling {
    Behaald,
    NietBehaald,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BbvIndicator {
    pub naam: String,
    /// The unit of this year (units change: per 10.000 or per 1.000 jongeren).
    pub eenheid: String,
    pub periode: String,
    pub bron: String,
    pub waarde: Waarde,
    #[serde(default)]
    pub vergelijking: Option<BbvVergelijking>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BbvVergelijking {
    /// "Nederland".
    pub naam: String,
    pub waarde: Waarde,
}
