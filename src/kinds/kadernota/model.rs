//! What a Kadernota is, as its YAML file says it. Every struct denies unknown fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::model::Status;
pub use crate::kinds::feiten::{IndicatorDoel, Meting, Periode};

/// A section of running text with optional sub-sections: chapters and paragraphs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hoofdstuk {
    pub titel: String,
    /// Markdown.
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub tabellen: Vec<Tabel>,
    #[serde(default)]
    pub paragrafen: Vec<Hoofdstuk>,
    /// The prioriteiten are set out here, as sub-sections.
    #[serde(default)]
    pub prioriteiten: Vec<Prioriteit>,
}

/// A table of Markdown cells, with a header row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tabel {
    #[serde(default)]
    pub titel: Option<String>,
    pub kolommen: Vec<String>,
    pub rijen: Vec<Vec<String>>,
    /// Relative column widths (whole numbers); computed from the content when absent.
    #[serde(default)]
    pub breedtes: Option<Vec<u32>>,
}

/// A prioriteit (or beleidsdoel) of a Kadernota.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prioriteit {
    /// "A", "01", "A1" … (optional in a Kadernota, where chapters number them).
    #[serde(default)]
    pub code: Option<String>,
    pub titel: String,
    #[serde(default)]
    pub inleiding: String,
    #[serde(default)]
    pub problematiek: String,
    #[serde(default)]
    pub focuspunten: Option<Focuspunten>,
    #[serde(default)]
    pub uitgangspunten: String,
    /// Text under "Indicatoren/doelstellingen", before the table.
    #[serde(default)]
    pub doelstellingen: String,
    #[serde(default)]
    pub indicatoren: Vec<IndicatorDoel>,
    #[serde(default)]
    pub aanpak: String,
    #[serde(default)]
    pub samenwerking: String,
    #[serde(default)]
    pub financien: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Focuspunten {
    #[serde(default)]
    pub inleiding: String,
    #[serde(default)]
    pub punten: Vec<Focuspunt>,
    #[serde(default)]
    pub slot: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Focuspunt {
    pub titel: String,
    pub tekst: String,
}

/// A Kadernota: the policy framework for a period.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kadernota {
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    pub titel: String,
    #[serde(default)]
    pub ondertitel: Option<String>,
    /// The version date: the PDF date.
    pub datum: NaiveDate,
    pub periode: Periode,
    #[serde(default)]
    pub voorwoord: Option<Voorwoord>,
    pub hoofdstukken: Vec<Hoofdstuk>,
    #[serde(default)]
    pub bijlagen: Vec<Hoofdstuk>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voorwoord {
    pub tekst: String,
    #[serde(default)]
    pub ondertekening: Vec<Ondertekenaar>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ondertekenaar {
    /// "Hoofddorp, juli 2018".
    #[serde(default)]
    pub plaats_datum: Option<String>,
    pub functie: String,
    pub naam: String,
}

impl Kadernota {
    /// Every indicator setting of the Kadernota, wherever its prioriteiten stand.
    pub fn indicator_doelen(&self) -> Vec<&IndicatorDoel> {
        fn walk<'a>(h: &'a Hoofdstuk, out: &mut Vec<&'a IndicatorDoel>) {
            for p in &h.prioriteiten {
                out.extend(p.indicatoren.iter());
            }
            for sub in &h.paragrafen {
                walk(sub, out);
            }
        }
        let mut out = Vec::new();
        for h in self.hoofdstukken.iter().chain(&self.bijlagen) {
            walk(h, &mut out);
        }
        out
    }
}
