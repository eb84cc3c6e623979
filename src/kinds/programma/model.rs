//! The parts of a programme chapter that the programmabegroting and the jaarverslag share:
//! themes to four levels, activities, partners, the column labels and the BBV indicators.
//! Every struct denies unknown fields.

use serde::Deserialize;

use crate::domain::waarde::Waarde;

/// The deepest a theme may be nested: four levels (a group label, a theme, a sub-theme, a
/// sub-sub-theme), each a heading of its own that looks different from the others.
pub const MAX_THEMA_DIEPTE: usize = 4;

/// An activity: what the gemeente does (begroting) or did (jaarverslag) for a doel or theme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activiteit {
    /// "01", "A1"; may be left out, never empty.
    #[serde(default)]
    pub code: Option<String>,
    /// May be left out when the activity has a code and a description (some gemeenten write
    /// only those): the row then has no title line.
    #[serde(default)]
    pub titel: String,
    /// Markdown: what it is (begroting) or what was done (jaarverslag).
    #[serde(default)]
    pub toelichting: String,
    /// A short remark in a column of its own ("Keuze voor extra middelen is nog niet gemaakt").
    #[serde(default)]
    pub opmerking: Option<String>,
}

/// A theme, a sub-theme or a group label ("Speerpunten"): a heading with text, activities and
/// deeper themes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thema {
    pub titel: String,
    /// Markdown.
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub activiteiten: Vec<Activiteit>,
    #[serde(default)]
    pub subthemas: Vec<Thema>,
}

/// The partners of a programme or doel.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partners {
    #[serde(default)]
    pub verbonden_partijen: Vec<VerbondenPartij>,
    /// Overige samenwerkingspartners.
    #[serde(default)]
    pub overige: Vec<String>,
}

/// A verbonden partij: just its name, or its name with the public interest it serves.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum VerbondenPartij {
    Naam(String),
    Met(PartijMetBelang),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartijMetBelang {
    pub naam: String,
    pub openbaar_belang: String,
}

impl VerbondenPartij {
    pub fn naam(&self) -> &str {
        match self {
            VerbondenPartij::Naam(n) => n,
            VerbondenPartij::Met(p) => &p.naam,
        }
    }

    pub fn openbaar_belang(&self) -> Option<&str> {
        match self {
            VerbondenPartij::Naam(_) => None,
            VerbondenPartij::Met(p) => Some(&p.openbaar_belang),
        }
    }
}

/// The headers of an activities table, as this gemeente words them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Kolommen {
    pub code: String,
    pub activiteit: String,
    pub opmerking: String,
}

impl Default for Kolommen {
    fn default() -> Self {
        Kolommen { code: "Nr.".into(), activiteit: "Activiteit".into(), opmerking: "Opmerking".into() }
    }
}

/// A BBV beleidsindicator (Regeling beleidsindicatoren): its taakveld, value, source and date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BbvIndicator {
    /// "1.2 Openbare orde en veiligheid".
    #[serde(default)]
    pub taakveld: Option<String>,
    pub naam: String,
    /// The unit of this year (units change: per 10.000 or per 1.000 jongeren).
    pub eenheid: String,
    /// The peildatum or period of the value ("2024").
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

pub fn beleidsdoel() -> String {
    "Beleidsdoel".into()
}
