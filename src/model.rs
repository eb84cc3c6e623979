//! The domain model: what a gemeente and its documents are, as the YAML files say them.
//!
//! Field names are the users' own Dutch words; they are the YAML keys. Every struct denies
//! unknown fields, so a misspelt key is an error with a suggestion instead of silently lost data.

use chrono::NaiveDate;
use serde::Deserialize;

/// `data/gemeente.yaml`: the municipality every document of the project belongs to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gemeente {
    /// "Haarlemmermeer".
    pub naam: String,
    pub bestuur: Bestuur,
    /// The Samenvatting questions this gemeente asks in a raadsvoorstel, used by `raadsstuk new`.
    #[serde(default)]
    pub samenvattingsvragen: Vec<String>,
    #[serde(default)]
    pub huisstijl: Huisstijl,
}

/// Who signs: the current office holders. A document can name others in its `ondertekening`
/// (documents from an earlier term keep the names they were signed with).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bestuur {
    pub burgemeester: String,
    pub secretaris: String,
    #[serde(default)]
    pub griffier: Option<String>,
}

/// The gemeente's look. Defaults give a sober, accessible style.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Huisstijl {
    /// Hex colour of headings and rules, e.g. "#00549F".
    pub kleur_primair: String,
    /// Hex colour of accents (table header fill, charts).
    pub kleur_secundair: String,
    /// Font family, one of the families in `fonts/`.
    pub lettertype: String,
}

impl Default for Huisstijl {
    fn default() -> Self {
        Huisstijl {
            kleur_primair: "#1F4E79".into(),
            kleur_secundair: "#DCE6F0".into(),
            lettertype: "Lato".into(),
        }
    }
}

/// What kind of document a file describes (`soort:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Soort {
    Raadsvoorstel,
}

impl Soort {
    pub fn label(self) -> &'static str {
        match self {
            Soort::Raadsvoorstel => "Raadsvoorstel",
        }
    }
}

/// `status:` — a concept is marked as such on every page; definitief is what is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Concept,
    Definitief,
}

/// One or more names: `portefeuillehouder: Jan` or a list of names.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "een naam of een lijst van namen")]
pub enum Namen {
    Een(String),
    Meer(Vec<String>),
}

impl Namen {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Namen::Een(n) => vec![n.clone()],
            Namen::Meer(v) => v.clone(),
        }
    }
}

/// A raadsvoorstel (council proposal) with everything its raadsbesluit needs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raadsvoorstel {
    pub soort: Soort,
    pub status: Status,
    /// Registratienummer, e.g. "2018.0042544". Written as text (quoted), it is an identifier.
    pub nummer: String,
    pub onderwerp: String,
    pub portefeuillehouder: Namen,
    pub steller: String,
    pub collegevergadering: NaiveDate,
    /// Empty while the raad has not yet scheduled it.
    #[serde(default)]
    pub raadsvergadering: Option<NaiveDate>,
    #[serde(default)]
    pub commissie: Option<String>,
    #[serde(default)]
    pub agendapunt: Option<String>,
    #[serde(default)]
    pub programma: Option<String>,
    /// Question → answer pairs; the questions differ per gemeente and year.
    pub samenvatting: Vec<Vraag>,
    pub voorstel: Voorstel,
    #[serde(default)]
    pub uitwerking: Vec<Sectie>,
    #[serde(default)]
    pub ondertekening: Ondertekening,
    /// Legal grounds for the raadsbesluit ("gelet op …"), if any.
    #[serde(default)]
    pub gelet_op: Option<String>,
    #[serde(default)]
    pub bijlagen: Vec<Bijlage>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vraag {
    pub vraag: String,
    /// Markdown.
    pub antwoord: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorstel {
    /// The sentence before the besluitpunten.
    #[serde(default = "Voorstel::default_inleiding")]
    pub inleiding: String,
    pub besluitpunten: Vec<Besluitpunt>,
}

impl Voorstel {
    fn default_inleiding() -> String {
        "Op grond van het voorgaande besluit het college de raad voor te stellen om:".into()
    }
}

/// One numbered decision; `onderdelen` are its a, b, c … sub-items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Besluitpunt {
    pub tekst: String,
    #[serde(default)]
    pub onderdelen: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sectie {
    pub titel: String,
    /// Markdown.
    pub tekst: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ondertekening {
    /// "Hoogachtend," unless given.
    #[serde(default)]
    pub slotformule: Option<String>,
    /// Override of `bestuur.secretaris` in gemeente.yaml.
    #[serde(default)]
    pub secretaris: Option<String>,
    /// Override of `bestuur.burgemeester` in gemeente.yaml.
    #[serde(default)]
    pub burgemeester: Option<String>,
}

/// A bijlage: its title, and optionally the project file it is (a document of this project or a
/// PDF), as a path from the project root.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bijlage {
    pub titel: String,
    #[serde(default)]
    pub bestand: Option<String>,
}
