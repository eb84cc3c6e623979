//! Facts: what a document publishes for later documents to read, typed, never its whole
//! model. A Kadernota publishes its period and what it sets per indicator ([`Kaders`]), a
//! jaarverslag its realisaties ([`Verantwoording`]), a programmabegroting its plan ([`Plan`]),
//! a chapter of a book what the book shows of it ([`Hoofdstuk`]). The policy across years
//! (`kinds::beleid`) and the books read these, through the library that records every read.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::begroting::Invoer;
use crate::domain::waarde::Waarde;

/// Which facts a kind publishes, declared by the kind (`Kind::publiceert`): the policy sorts a
/// project's files by their `soort:` line, which the recorded list of documents holds, without
/// reading each file whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feit {
    Kaders,
    Verantwoording,
    Plan,
    /// A begrotingswijziging (a raadsvoorstel's, a bestuursrapportage's).
    Wijziging,
}

/// Everything a document publishes (most publish one of these, or none).
#[derive(Debug, Clone, Default)]
pub struct Feiten {
    pub kaders: Option<Kaders>,
    pub verantwoording: Option<Verantwoording>,
    pub plan: Option<Plan>,
    pub wijziging: Option<Wijziging>,
}

/// A begrotingswijziging as the document that holds it publishes it: counted in the begroting
/// na wijziging once the raad adopted that document.
#[derive(Debug, Clone)]
pub struct Wijziging {
    /// How a reader finds the document: "Raadsvoorstel 2024.0012345", "Najaarsnota 2024".
    pub naam: String,
    pub vastgesteld: Option<crate::domain::model::Vaststelling>,
    pub wijziging: crate::domain::wijziging::Begrotingswijziging,
}

/// A Kadernota's frame: its period, and its priorities with what each sets per indicator.
#[derive(Debug, Clone)]
pub struct Kaders {
    pub periode: Periode,
    /// The priorities of its chapters (paragraphs flattened), each (title, its indicators), in
    /// the Kadernota's order: a new jaarverslag starts with one doel per priority.
    pub prioriteiten: Vec<(String, Vec<IndicatorDoel>)>,
    /// Every indicator it sets, in its chapters and its appendices, in its order.
    pub doelen: Vec<IndicatorDoel>,
}

impl Kaders {
    pub fn indicator_doelen(&self) -> impl Iterator<Item = &IndicatorDoel> {
        self.doelen.iter()
    }
}

/// What a jaarverslag accounts for: its programme, its indicators' realisaties and its finance
/// (the realisatie that the next jaarverslag and the begroting two years on show).
#[derive(Debug, Clone)]
pub struct Verantwoording {
    pub programma: String,
    pub voorbeeldgegevens: bool,
    pub indicatoren: Vec<Realisatie>,
    pub financien: Option<crate::domain::financien::Invoer>,
}

/// A programmabegroting's plan: what the jaarverslag of its year accounts for.
#[derive(Debug, Clone)]
pub struct Plan {
    pub programma: String,
    pub nummer: Option<u32>,
    pub voorbeeldgegevens: bool,
    pub doelen: Vec<PlanDoel>,
    /// The begroting primitief and the ramingen; `None` without finance.
    pub financien: Option<Invoer>,
}

#[derive(Debug, Clone)]
pub struct PlanDoel {
    pub code: Option<String>,
    pub titel: String,
    /// (code, title) of each planned activity.
    pub activiteiten: Vec<(Option<String>, String)>,
    /// Each indicator with its targets per year.
    pub indicatoren: Vec<(String, BTreeMap<i32, Waarde>)>,
}

/// A chapter of a book, as the book reads it.
#[derive(Debug, Clone, Default)]
pub struct Hoofdstuk {
    /// The `soort:` of the book it belongs in (`begrotingsboek`, `jaarverslagboek`).
    pub boek: &'static str,
    /// Its place in the book; without one it goes last.
    pub nummer: Option<u32>,
    pub programma: String,
    pub voorbeeldgegevens: bool,
    /// What the begroting's overview adds up; `None` for a chapter without finance (named in
    /// the overview, not counted) or of a book without one.
    pub financien: Option<Invoer>,
    /// For a jaarverslag's chapter: its finance, with the realisatie the jaarrekening adds up.
    pub verantwoording: Option<crate::domain::financien::Invoer>,
    /// The chapter's own date: which begrotingswijzigingen its column t-1 contains.
    pub datum: Option<chrono::NaiveDate>,
    /// For a paragraaf of the begroting: its place among the paragrafen (the BBV's order) and
    /// its key. It comes after the programmes, under its own title, and adds no finance.
    pub paragraaf: Option<(u32, &'static str)>,
    /// For the paragraaf lokale heffingen: the woonlasten of the begroting's year, which the
    /// book's belastingcapaciteit (fk.6) is computed from.
    pub woonlasten: Option<crate::domain::kengetallen::Woonlasten>,
    /// The reserves of the book's financial position it takes a stand of (the
    /// weerstandscapaciteit): the book shows them in its verloop even without mutations.
    pub reserves: Vec<String>,
    /// For the paragraaf grondbeleid of a begroting: the boekwaarden of its grondexploitaties on
    /// 1 januari, together; the balans's bouwgronden in exploitatie at the end of the year before.
    pub boekwaarde_grondexploitaties: Option<i64>,
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
