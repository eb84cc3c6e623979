//! What a raadsvoorstel is, as its YAML file says it. Every struct denies unknown fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::model::Status;

/// One or more names: `portefeuillehouder: Jan` or a list of names.
#[derive(Debug, Clone)]
pub enum Namen {
    Een(String),
    Meer(Vec<String>),
}

// By hand rather than `#[serde(untagged)]`: an untagged enum loses the YAML position of its
// errors, and a steller needs the line.
impl<'de> Deserialize<'de> for Namen {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Namen;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("een naam of een lijst van namen")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Namen, E> {
                Ok(Namen::Een(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Namen, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Namen::Meer(names))
            }
        }
        d.deserialize_any(V)
    }
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
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    /// The file holds text or figures that are not real: every page says so.
    #[serde(default)]
    pub voorbeeldgegevens: bool,
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
    /// That the raad adopted the besluit (and with it the bijlagen it holds).
    #[serde(default)]
    pub vastgesteld: Option<crate::domain::model::Vaststelling>,
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
    /// What the besluit changes in a begroting: counted in its begroting na wijziging once
    /// the raad adopted it (`vastgesteld:`).
    #[serde(default)]
    pub begrotingswijziging: Option<crate::domain::wijziging::Begrotingswijziging>,
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
