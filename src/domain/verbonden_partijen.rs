//! The verbonden partijen of a gemeente (BBV art. 15), listed once for the whole project in
//! `data/verbonden-partijen.yaml`: each party with what the BBV names (naam, vestigingsplaats,
//! openbaar belang, belang, eigen and vreemd vermogen at the begin and end of a year, resultaat,
//! risico's). The paragraaf verbonden partijen lists them; a programme names a party and shows
//! its figures of the programme's year, never typed again.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::financien::bedrag_in_euros;

/// Where the verbonden partijen are listed, once for the whole project.
pub const VERBONDEN_PARTIJEN_FILE: &str = "data/verbonden-partijen.yaml";

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbondenPartijen {
    /// Its figures are not real: every table that shows them says so.
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    pub verbonden_partijen: Vec<VerbondenPartij>,
    /// The problems of each party (by its place in the list), found when the list was read: a
    /// document that names the party has them too, one that names another does not.
    #[serde(skip)]
    pub fouten: BTreeMap<usize, Vec<crate::diagnostics::Diagnostic>>,
}

/// Whether two names are the same party's: without case, and with any run of spaces as one.
pub fn zelfde_naam(a: &str, b: &str) -> bool {
    let woorden = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    woorden(a) == woorden(b)
}

impl VerbondenPartijen {
    /// The problems of the party of this name (none for a name the list does not have).
    pub fn fouten_van(&self, naam: &str) -> &[crate::diagnostics::Diagnostic] {
        let i = self.verbonden_partijen.iter().position(|p| zelfde_naam(&p.naam, naam));
        i.and_then(|i| self.fouten.get(&i)).map_or(&[], Vec::as_slice)
    }

    /// The party of this name (see [`zelfde_naam`]).
    pub fn partij(&self, naam: &str) -> Option<&VerbondenPartij> {
        self.verbonden_partijen.iter().find(|p| zelfde_naam(&p.naam, naam))
    }

    /// The parties that are verbonden partijen in `jaar`, in the BBV's groups and then in the
    /// file's order.
    pub fn in_jaar(&self, jaar: i32) -> Vec<&VerbondenPartij> {
        let mut out: Vec<&VerbondenPartij> =
            self.verbonden_partijen.iter().filter(|p| p.tot.is_none_or(|tot| jaar <= tot)).collect();
        out.sort_by_key(|p| p.vorm);
        out
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbondenPartij {
    pub naam: String,
    pub vestigingsplaats: String,
    pub vorm: Vorm,
    /// What public task the party serves for the gemeente.
    pub openbaar_belang: String,
    /// Who sits for the gemeente in its board, with what vote.
    pub bestuurlijk_belang: String,
    /// Its figures per year as the begroting expects them (BBV art. 15: "de verwachte omvang").
    #[serde(default)]
    pub verwacht: BTreeMap<i32, Cijfers>,
    /// Its figures per year as realised, for the jaarverslag: entering them leaves the
    /// begroting's as they were.
    #[serde(default)]
    pub realisatie: BTreeMap<i32, Cijfers>,
    /// Markdown.
    #[serde(default)]
    pub risicos: String,
    /// The last year it is a verbonden partij (it was ended or sold): later years leave it out.
    #[serde(default)]
    pub tot: Option<i32>,
}

/// The groups the BBV's model for the paragraaf uses, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vorm {
    GemeenschappelijkeRegeling,
    Vennootschap,
    Cooperatie,
    Stichting,
    Vereniging,
    Overig,
}

impl Vorm {
    pub fn naam(self) -> &'static str {
        match self {
            Vorm::GemeenschappelijkeRegeling => "Gemeenschappelijke regelingen",
            Vorm::Vennootschap => "Vennootschappen",
            Vorm::Cooperatie => "Coöperaties",
            Vorm::Stichting => "Stichtingen",
            Vorm::Vereniging => "Verenigingen",
            Vorm::Overig => "Overige verbonden partijen",
        }
    }
}

impl VerbondenPartij {
    /// Its figures of `jaar`: as realised for a jaarverslag, else as expected.
    pub fn cijfers(&self, jaar: i32, realisatie: bool) -> Option<&Cijfers> {
        match realisatie {
            true => self.realisatie.get(&jaar),
            false => self.verwacht.get(&jaar),
        }
    }
}

/// A party's figures of one year, in euros.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cijfers {
    /// The gemeente's financial belang (its shares, its loans, its guarantee).
    pub financieel_belang: BeginEind,
    pub eigen_vermogen: BeginEind,
    pub vreemd_vermogen: BeginEind,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub resultaat: i64,
    /// What the gemeente contributes in the year (a gemeenschappelijke regeling's bijdrage).
    #[serde(default, deserialize_with = "optional_bedrag")]
    pub bijdrage: Option<i64>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeginEind {
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub begin: i64,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub eind: i64,
}

fn optional_bedrag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    bedrag_in_euros(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partij(naam: &str, vorm: Vorm, tot: Option<i32>) -> VerbondenPartij {
        VerbondenPartij {
            naam: naam.into(),
            vestigingsplaats: "Haarlem".into(),
            vorm,
            openbaar_belang: String::new(),
            bestuurlijk_belang: String::new(),
            verwacht: BTreeMap::new(),
            realisatie: BTreeMap::new(),
            risicos: String::new(),
            tot,
        }
    }

    #[test]
    fn a_year_lists_the_parties_of_that_year_in_the_bbv_groups() {
        let lijst = VerbondenPartijen {
            voorbeeldgegevens: false,
            fouten: BTreeMap::new(),
            verbonden_partijen: vec![
                partij("VNG", Vorm::Vereniging, None),
                partij("Afvalbedrijf", Vorm::Vennootschap, Some(2023)),
                partij("Veiligheidsregio", Vorm::GemeenschappelijkeRegeling, None),
            ],
        };
        let namen = |j| lijst.in_jaar(j).iter().map(|p| p.naam.as_str()).collect::<Vec<_>>();
        assert_eq!(namen(2023), ["Veiligheidsregio", "Afvalbedrijf", "VNG"]);
        assert_eq!(namen(2024), ["Veiligheidsregio", "VNG"]);
        assert!(lijst.partij(" vng ").is_some());
        assert!(zelfde_naam("BNG  Bank N.V.", "bng bank n.v."));
        assert!(lijst.partij("GGD").is_none());
    }
}
