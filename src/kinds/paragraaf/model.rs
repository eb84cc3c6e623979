//! What a paragraaf of the begroting is, as its YAML file says it. Every struct denies unknown
//! fields.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::financien::bedrag_in_euros;
use crate::domain::model::Status;

/// One paragraaf of a year's begroting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraaf {
    /// Always this kind's own name: files are read by the kind their `soort:` names.
    pub soort: String,
    pub status: Status,
    /// Which of the BBV's paragrafen it is.
    pub paragraaf: Soort,
    /// The begroting's (the plan) or the jaarverslag's (what was realised).
    #[serde(default)]
    pub stuk: Stuk,
    pub datum: NaiveDate,
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    /// The title, when the gemeente words it otherwise ("Risicomanagement en weerstandsvermogen").
    #[serde(default)]
    pub titel: Option<String>,
    /// Markdown, with its own sub-headings (`#`, `##`).
    #[serde(default)]
    pub tekst: String,
    /// Weerstandsvermogen only: what is available to absorb risks (algemene reserve, …).
    #[serde(default)]
    pub weerstandscapaciteit: Vec<Post>,
    /// Weerstandsvermogen only: the risks with their probability and effect.
    #[serde(default)]
    pub risicos: Vec<Risico>,
    /// Lokale heffingen only: the opbrengst of each heffing per year.
    #[serde(default)]
    pub heffingen: Vec<Heffing>,
    /// Lokale heffingen only: the kosten and opbrengsten of the heffingen that may at most
    /// cover their costs (rioolheffing, afvalstoffenheffing, leges).
    #[serde(default)]
    pub kostendekkendheid: Vec<Kostendekking>,
    /// Lokale heffingen only: what a household pays, as owner and as tenant, per year; the
    /// owner's of the begroting's year is also the belastingcapaciteit's (fk.6).
    #[serde(default)]
    pub lastendruk: Option<Lastendruk>,
    /// Lokale heffingen only: the kwijtscheldingsbeleid and what it is expected to cost.
    #[serde(default)]
    pub kwijtschelding: Option<Kwijtschelding>,
    /// Onderhoud kapitaalgoederen only: each kind of kapitaalgoed with its plan and lasten.
    #[serde(default)]
    pub kapitaalgoederen: Vec<Kapitaalgoed>,
    /// Grondbeleid only: the grondexploitaties with their prognosis.
    #[serde(default)]
    pub grondexploitaties: Vec<Grondexploitatie>,
}

/// An amount per year, in whole euros.
pub use crate::domain::bedragen::Jaren as PerJaar;

/// A heffing and its opbrengst per year: read from the begroting's baten on its taakvelden, or
/// typed where no taakveld holds it alone.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heffing {
    pub naam: String,
    #[serde(default)]
    pub opbrengst: Option<PerJaar>,
    /// The Iv3 taakvelden whose baten are this heffing (`["0.61", "0.62"]` for the ozb).
    #[serde(default)]
    pub taakvelden: Vec<String>,
}

/// The costs a heffing may cover and what it brings in, in the begroting's year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kostendekking {
    pub heffing: String,
    /// The costs it covers, with overhead and btw.
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub kosten: i64,
    /// Typed only for a heffing not under `heffingen:`; else read from there.
    #[serde(default, deserialize_with = "optional_bedrag")]
    pub opbrengst: Option<i64>,
}

/// What a meerpersoonshuishouden pays, in euros with cents, per year: as owner of a home at
/// the gemeente's average WOZ-value, and as tenant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lastendruk {
    pub eigenaar: std::collections::BTreeMap<i32, Lasten>,
    #[serde(default)]
    pub huurder: std::collections::BTreeMap<i32, Lasten>,
    /// The national average woonlasten of the year before (fk.6), with where it comes from.
    pub landelijk_gemiddelde: f64,
    /// "COELO, Atlas van de lokale lasten 2023".
    pub bron_landelijk_gemiddelde: String,
}

/// One household's lasten of one year, in euros with cents.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lasten {
    #[serde(default)]
    pub ozb: f64,
    #[serde(default)]
    pub rioolheffing: f64,
    #[serde(default)]
    pub afvalstoffenheffing: f64,
    #[serde(default)]
    pub heffingskorting: f64,
}

impl Lasten {
    pub fn totaal(&self) -> f64 {
        self.ozb + self.rioolheffing + self.afvalstoffenheffing - self.heffingskorting
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kwijtschelding {
    /// Markdown: the beleid.
    pub tekst: String,
    /// What the kwijtschelding is expected to cost in the begroting's year.
    #[serde(default, deserialize_with = "optional_bedrag")]
    pub raming: Option<i64>,
}

/// A kind of kapitaalgoed (wegen, riolering, water, groen, gebouwen): its beleidsplan, the
/// level of maintenance the raad chose, and its lasten per year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kapitaalgoed {
    pub naam: String,
    /// "Beheerplan wegen 2022–2026".
    pub beleidsplan: String,
    /// When the raad adopted the plan.
    pub vastgesteld: i32,
    /// "CROW-niveau B (basis)".
    pub onderhoudsniveau: String,
    pub lasten: PerJaar,
    /// Maintenance that is overdue, when there is any.
    #[serde(default, deserialize_with = "optional_bedrag")]
    pub achterstallig: Option<i64>,
}

/// A grondexploitatie: its boekwaarde at the begin of the begroting's year (at the end of the
/// jaarverslag's), what it will still cost and bring in, and the year it is to close; its
/// expected result is computed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grondexploitatie {
    pub naam: String,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub boekwaarde: i64,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub nog_te_maken_kosten: i64,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub nog_te_realiseren_opbrengsten: i64,
    pub einde: i32,
}

impl Grondexploitatie {
    /// The expected result at its end, nominal: positive is winst, negative verlies.
    pub fn resultaat(&self) -> i64 {
        self.nog_te_realiseren_opbrengsten - self.boekwaarde - self.nog_te_maken_kosten
    }
}

fn optional_bedrag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    bedrag_in_euros(d).map(Some)
}

/// Which document a paragraaf is part of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stuk {
    #[default]
    Begroting,
    Jaarverslag,
}

impl Stuk {
    /// The book it is a chapter of (its `soort:`).
    pub fn boek(self) -> &'static str {
        match self {
            Stuk::Begroting => "begrotingsboek",
            Stuk::Jaarverslag => "jaarverslagboek",
        }
    }

    /// "Programmabegroting 2024" without the year.
    pub fn naam(self) -> &'static str {
        match self {
            Stuk::Begroting => "Programmabegroting",
            Stuk::Jaarverslag => "Jaarverslag",
        }
    }

    /// The years its amounts per year may have: last year's (to compare) and the begroting's
    /// four, or the jaarverslag's own.
    pub fn jaren(self, t: i32) -> std::ops::RangeInclusive<i32> {
        match self {
            Stuk::Begroting => t - 1..=t + 3,
            Stuk::Jaarverslag => t - 1..=t,
        }
    }

    /// "de begroting 2024", "het jaarverslag 2024".
    pub fn van(self, t: i32) -> String {
        match self {
            Stuk::Begroting => format!("de begroting {t}"),
            Stuk::Jaarverslag => format!("het jaarverslag {t}"),
        }
    }
}

/// The paragrafen BBV art. 9 requires, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    LokaleHeffingen,
    Weerstandsvermogen,
    OnderhoudKapitaalgoederen,
    Financiering,
    Bedrijfsvoering,
    VerbondenPartijen,
    Grondbeleid,
}

impl Soort {
    pub const ALLE: [Soort; 7] = [
        Soort::LokaleHeffingen,
        Soort::Weerstandsvermogen,
        Soort::OnderhoudKapitaalgoederen,
        Soort::Financiering,
        Soort::Bedrijfsvoering,
        Soort::VerbondenPartijen,
        Soort::Grondbeleid,
    ];

    /// As `paragraaf:` writes it.
    pub fn sleutel(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "lokale_heffingen",
            Soort::Weerstandsvermogen => "weerstandsvermogen",
            Soort::OnderhoudKapitaalgoederen => "onderhoud_kapitaalgoederen",
            Soort::Financiering => "financiering",
            Soort::Bedrijfsvoering => "bedrijfsvoering",
            Soort::VerbondenPartijen => "verbonden_partijen",
            Soort::Grondbeleid => "grondbeleid",
        }
    }

    /// Its title as the BBV names it.
    pub fn titel(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "Lokale heffingen",
            Soort::Weerstandsvermogen => "Weerstandsvermogen en risicobeheersing",
            Soort::OnderhoudKapitaalgoederen => "Onderhoud kapitaalgoederen",
            Soort::Financiering => "Financiering",
            Soort::Bedrijfsvoering => "Bedrijfsvoering",
            Soort::VerbondenPartijen => "Verbonden partijen",
            Soort::Grondbeleid => "Grondbeleid",
        }
    }

    /// What it is, in a sentence: "paragraaf Lokale heffingen".
    pub fn wat(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "paragraaf Lokale heffingen",
            Soort::Weerstandsvermogen => "paragraaf Weerstandsvermogen en risicobeheersing",
            Soort::OnderhoudKapitaalgoederen => "paragraaf Onderhoud kapitaalgoederen",
            Soort::Financiering => "paragraaf Financiering",
            Soort::Bedrijfsvoering => "paragraaf Bedrijfsvoering",
            Soort::VerbondenPartijen => "paragraaf Verbonden partijen",
            Soort::Grondbeleid => "paragraaf Grondbeleid",
        }
    }

    /// The article of the BBV that requires it.
    pub fn artikel(self) -> &'static str {
        match self {
            Soort::LokaleHeffingen => "BBV art. 10",
            Soort::Weerstandsvermogen => "BBV art. 11",
            Soort::OnderhoudKapitaalgoederen => "BBV art. 12",
            Soort::Financiering => "BBV art. 13",
            Soort::Bedrijfsvoering => "BBV art. 14",
            Soort::VerbondenPartijen => "BBV art. 15",
            Soort::Grondbeleid => "BBV art. 16",
        }
    }

    /// Its place among the paragrafen (1 … 7).
    pub fn volgorde(self) -> u32 {
        Soort::ALLE.iter().position(|s| *s == self).map_or(0, |i| i as u32 + 1)
    }
}

/// An entry of the weerstandscapaciteit: an amount with its name, or a reserve of the book's
/// financial position, whose stand on 1 januari is read from there (typed once).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Post {
    #[serde(default)]
    pub naam: Option<String>,
    #[serde(default, deserialize_with = "optional_bedrag")]
    pub bedrag: Option<i64>,
    #[serde(default)]
    pub reserve: Option<String>,
}

impl Post {
    /// Its label in the table.
    pub fn label(&self, t: i32) -> String {
        match (&self.naam, &self.reserve) {
            (Some(naam), _) => naam.clone(),
            // As written: the same words as in the book's verloop of the reserves.
            (None, Some(reserve)) => format!("{} (stand 1 januari {t})", reserve.trim()),
            (None, None) => String::new(),
        }
    }
}

/// A risk: its probability (a percentage) and its financial effect in euros.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risico {
    pub naam: String,
    /// Kans in procenten: `50` is one in two.
    pub kans: f64,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub effect: i64,
    /// Markdown.
    #[serde(default)]
    pub toelichting: String,
}
