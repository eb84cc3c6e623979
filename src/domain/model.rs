//! The domain model: what a gemeente and its documents are, as the YAML files say them.
//!
//! Field names are the users' own Dutch words; they are the YAML keys. Every struct denies
//! unknown fields, so a misspelt key is an error with a suggestion instead of silently lost data.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::financien;
use crate::domain::waarde::{Richting, Waarde};

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

/// What kind of document a file describes (`soort:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Soort {
    Raadsvoorstel,
    Kadernota,
    Jaarverslag,
}

impl Soort {
    /// As written after `soort:`.
    pub fn key(self) -> &'static str {
        match self {
            Soort::Raadsvoorstel => "raadsvoorstel",
            Soort::Kadernota => "kadernota",
            Soort::Jaarverslag => "jaarverslag",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Soort::Raadsvoorstel => "Raadsvoorstel",
            Soort::Kadernota => "Kadernota",
            Soort::Jaarverslag => "Jaarverslag",
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

/// An indicator as a Kadernota sets it: its baseline and a target per year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDoel {
    pub id: String,
    pub meting: Meting,
    #[serde(default)]
    pub streefwaarden: BTreeMap<i32, Waarde>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meting {
    pub jaar: i32,
    pub waarde: Waarde,
}

/// A Kadernota: the policy framework for a period.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kadernota {
    pub soort: Soort,
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

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    pub van: i32,
    pub tot: i32,
}

impl Periode {
    pub fn bevat(self, jaar: i32) -> bool {
        (self.van..=self.tot).contains(&jaar)
    }
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

/// The programme chapter of a jaarverslag.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jaarverslag {
    pub soort: Soort,
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
