//! The lasten or baten of a jaarverslag as entered: one row of figures, or lines per taakveld
//! and economische categorie (Iv3) whose sums are the row; and how a later document reads a
//! column of them (a begroting's realisatie t-2, the overview per taakveld).

use serde::Deserialize;

use crate::domain::bedragen::{Bedragen, Iv3Regel, Jaren};
use crate::domain::financien::Rij;

/// The lasten or baten of a jaarverslag: one row of figures (a gemeente that starts small), or
/// lines per taakveld × categorie whose sums are the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posten {
    Totaal(Rij),
    Regels(Vec<Rekeningregel>),
}

/// One line of a jaarverslag's lasten or baten: its amounts per column.
pub type Rekeningregel = Iv3Regel<Rij>;

impl Posten {
    /// The row: the figures, or the sums of the lines.
    pub fn rij(&self) -> Rij {
        match self {
            Posten::Totaal(r) => *r,
            Posten::Regels(regels) => Rij::som(regels.iter().map(|r| &r.bedragen)),
        }
    }

    /// Every amount rounded once, line by line: the row is then the sum of printed amounts.
    pub fn afgerond(&self, eenheid: i64) -> Posten {
        match self {
            Posten::Totaal(r) => Posten::Totaal(r.afgerond(eenheid)),
            Posten::Regels(regels) => Posten::Regels(
                regels.iter().map(|r| Rekeningregel { bedragen: r.bedragen.afgerond(eenheid), ..r.clone() }).collect(),
            ),
        }
    }

    /// The lines, none for a row of figures.
    pub fn regels(&self) -> &[Rekeningregel] {
        match self {
            Posten::Totaal(_) => &[],
            Posten::Regels(r) => r,
        }
    }

    /// Every row of amounts with its path below the field (`[]` for the figures, `[i,
    /// "bedragen"]` for a line).
    pub fn rijen(&self) -> Vec<(Vec<String>, Rij)> {
        match self {
            Posten::Totaal(r) => vec![(Vec::new(), *r)],
            Posten::Regels(regels) => {
                regels.iter().enumerate().map(|(i, r)| (vec![i.to_string(), "bedragen".into()], r.bedragen)).collect()
            }
        }
    }

    /// One column of the lines as a begroting's amounts of `jaar` (for the begroting that
    /// shows this year as its realisatie t-2): the same taakvelden, categorieën and names.
    pub fn als_jaar(&self, jaar: i32, kolom: impl Fn(&Rij) -> i64) -> Bedragen {
        self.als(|r| Jaren([(jaar, kolom(r))].into_iter().collect()))
    }

    /// The begroting na wijziging and the realisatie of each line as a table's two columns
    /// (keys 0 and 1), for the overview per taakveld that a begroting's lines also use.
    pub fn als_kolommen(&self) -> Bedragen {
        self.als(|r| Jaren([(0, r.begroting_na_wijziging.unwrap_or(0)), (1, r.realisatie)].into_iter().collect()))
    }

    /// The lines (or the row) in a begroting's form, with amounts keyed as `kolommen` says.
    fn als(&self, kolommen: impl Fn(&Rij) -> Jaren) -> Bedragen {
        match self {
            Posten::Totaal(r) => Bedragen::Totaal(kolommen(r)),
            Posten::Regels(regels) => Bedragen::Regels(regels.iter().map(|r| r.met(kolommen(&r.bedragen))).collect()),
        }
    }
}

impl<'de> Deserialize<'de> for Posten {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::domain::bedragen::map_or_seq(
            d,
            "de bedragen (`{ begroting_na_wijziging: …, realisatie: … }`), of een lijst regels met taakveld, \
             categorie en bedragen",
            Posten::Totaal,
            Posten::Regels,
        )
    }
}
