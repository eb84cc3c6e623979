//! The shared domain model: the gemeente, its indicators, and what every document has (its
//! `status`). Each document kind holds its own model (see `crate::kinds`).
//!
//! Field names are the users' own Dutch words; they are the YAML keys. Every struct denies
//! unknown fields, so a misspelt key is an error with a suggestion instead of silently lost data.

use serde::Deserialize;

use crate::domain::financien;
use crate::domain::waarde::Richting;

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
    #[serde(default)]
    pub financien: FinancienInstellingen,
    /// A folder (from the project root) with the gemeente's own templates: a file there named
    /// like a built-in template (`raadsbesluit.typ.hbs`, `huisstijl.typ.hbs` …) replaces it.
    #[serde(default)]
    pub sjablonen: Option<String>,
    /// The gemeente's code in TOOI ("gm0394"), for the publisher in the web edition's DiWoo
    /// metadata.
    #[serde(default)]
    pub tooi: Option<String>,
    /// What the web edition publishes.
    #[serde(default)]
    pub webversie: Webversie,
    /// What the Iv3 delivery to the CBS needs beyond the documents.
    #[serde(default)]
    pub iv3: Option<Iv3Gegevens>,
}

/// The Iv3 delivery's own data: who the CBS may ask, and about the figures' source. The
/// gemeente's CBS number is that of its `tooi:` code (gm0394 → 0394).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Iv3Gegevens {
    pub contact: Iv3Contact,
    /// The financial package the figures come from.
    pub financieel_pakket: String,
    /// Whether the CBS may publish the details (`details_openbaar`).
    #[serde(default)]
    pub details_openbaar: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Iv3Contact {
    pub naam: String,
    pub email: String,
    pub telefoon: String,
}

/// What the web edition publishes: definitief documents only, unless a gemeente publishes its
/// concepts too (each page then marked as concept and kept out of search engines).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Webversie {
    pub concepten: bool,
}

/// That a document was adopted: when, and by whom (`vastgesteld: { datum: 2018-09-27, door:
/// raad }`). Only adoption data makes a document "vastgesteld" anywhere (the web edition's DiWoo
/// metadata): `definitief` means sent, not adopted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vaststelling {
    pub datum: chrono::NaiveDate,
    pub door: Orgaan,
}

/// The Woo information category a document is published under (TOOI
/// `scw_woo_informatiecategorieen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WooCategorie {
    /// "jaarplannen en jaarverslagen": the begroting and the jaarverslag.
    JaarplannenEnJaarverslagen,
    /// "vergaderstukken decentrale overheden": what the raad is sent to decide on.
    #[default]
    VergaderstukkenDecentraleOverheden,
}

impl WooCategorie {
    /// Its TOOI identifier and its name.
    pub fn tooi(self) -> (&'static str, &'static str) {
        match self {
            WooCategorie::JaarplannenEnJaarverslagen => ("c_89ee6784", "jaarplannen en jaarverslagen"),
            WooCategorie::VergaderstukkenDecentraleOverheden => ("c_c76862ab", "vergaderstukken decentrale overheden"),
        }
    }
}

/// A file's part in the distribution set (the manifest's `rol`): a raadsvoorstel's set is
/// its voorstel, besluit, bijlagen and the bundle that holds them all; a book is put together
/// from its chapters; anything else is a document of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rol {
    Voorstel,
    Besluit,
    Bijlage,
    Bundel,
    Boek,
    #[default]
    Document,
}

impl Rol {
    /// As the manifest writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Rol::Voorstel => "voorstel",
            Rol::Besluit => "besluit",
            Rol::Bijlage => "bijlage",
            Rol::Bundel => "bundel",
            Rol::Boek => "boek",
            Rol::Document => "document",
        }
    }
}

/// Who adopts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orgaan {
    Raad,
    College,
}

impl Orgaan {
    /// As written in the data: `raad`, `college`.
    pub fn as_str(self) -> &'static str {
        match self {
            Orgaan::Raad => "raad",
            Orgaan::College => "college",
        }
    }
}

/// How a gemeente writes its financial tables, and when a difference must be explained.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FinancienInstellingen {
    /// Euros per unit in tables: 1 (whole euros) or 1000 ("x € 1.000").
    pub eenheid: i64,
    /// `minteken` (-80) or `nv` (80 N / 125 V).
    pub notatie: financien::Notatie,
    /// A verschil above this many euros needs a toelichting; `check` fails without one.
    pub drempel_toelichting: i64,
}

impl Default for FinancienInstellingen {
    fn default() -> Self {
        FinancienInstellingen { eenheid: 1000, notatie: financien::Notatie::Minteken, drempel_toelichting: 100_000 }
    }
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
    /// The logo, an SVG or PNG inside the project (path from the project root).
    pub logo: Option<String>,
    /// The logo's text alternative; `"Logo gemeente <naam>"` when absent.
    pub logo_alt: Option<String>,
}

impl Default for Huisstijl {
    fn default() -> Self {
        Huisstijl {
            kleur_primair: "#1F4E79".into(),
            kleur_secundair: "#DCE6F0".into(),
            lettertype: "Lato".into(),
            logo: None,
            logo_alt: None,
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

/// `data/indicatoren.yaml`: every indicator, defined once; documents refer to them by id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicatoren {
    pub indicatoren: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Short stable key, e.g. `woninginbraken`.
    pub id: String,
    pub naam: String,
    pub bron: String,
    /// "aantal", "%", "cijfer (1-10)", "per 1.000 inwoners".
    #[serde(default = "Indicator::default_eenheid")]
    pub eenheid: String,
    pub richting: Richting,
}

impl Indicator {
    fn default_eenheid() -> String {
        "aantal".into()
    }
}
