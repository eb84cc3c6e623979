//! Amounts as a begroting enters them: per year (`2024: 16450000`), and the lasten or baten of a
//! programme either as one figure per year or as lines per taakveld and economische categorie
//! (Iv3), whose sums are the figures every table shows.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::financien::bedrag_in_euros;
use crate::domain::iv3::{Definities, Kant};

/// An amount per year, entered as `2024: 16450000`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jaren(pub BTreeMap<i32, i64>);

impl Jaren {
    pub fn get(&self, jaar: i32) -> i64 {
        self.0.get(&jaar).copied().unwrap_or(0)
    }
}

impl<'de> Deserialize<'de> for Jaren {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error, MapAccess, Visitor};
        struct Bedrag(i64);
        impl<'de> Deserialize<'de> for Bedrag {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                bedrag_in_euros(d).map(Bedrag)
            }
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Jaren;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("per jaar een bedrag in hele euro's, bijvoorbeeld `2024: 16450000`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Jaren, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Ok(jaar) = key.trim().parse::<i32>() else {
                        let waar = if JAARVERSLAG_VELDEN.contains(&key.as_str()) {
                            format!("`{key}` hoort bij de financiën van een jaarverslag")
                        } else {
                            format!("`{key}` is geen jaar")
                        };
                        return Err(A::Error::custom(format!(
                            "{waar}: in een programmabegroting staat hier per jaar een bedrag (realisatie t-2, \
                             begroting t-1, begroting t en de ramingen t+1 tot en met t+3), bijvoorbeeld `2024: 16450000`"
                        )));
                    };
                    let Bedrag(b) = map.next_value()?;
                    out.insert(jaar, b);
                }
                Ok(Jaren(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The columns of a jaarverslag's finance rows: named here to say where they belong.
const JAARVERSLAG_VELDEN: &[&str] =
    &["realisatie_vorig_jaar", "begroting_primitief", "begroting_na_wijziging", "realisatie", "toelichting"];

/// The lasten or the baten of a programme: one figure per year (a gemeente that starts small),
/// or lines per taakveld × categorie (what the Iv3 delivery and the overview per taakveld need).
/// Every total is the sum of the lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bedragen {
    Totaal(Jaren),
    Regels(Vec<Begrotingsregel>),
}

impl Default for Bedragen {
    fn default() -> Self {
        Bedragen::Totaal(Jaren::default())
    }
}

impl Jaren {
    /// Each amount rounded once to whole units of `eenheid` (in euros again): what a table
    /// prints, so that its totals, computed from these, are the sums of the printed amounts.
    pub fn afgerond(&self, eenheid: i64) -> Jaren {
        let e = eenheid.max(1);
        Jaren(self.0.iter().map(|(j, b)| (*j, crate::domain::financien::rounded(*b, e).saturating_mul(e))).collect())
    }
}

impl Bedragen {
    /// Every amount rounded once (see [`Jaren::afgerond`]).
    pub fn afgerond(&self, eenheid: i64) -> Bedragen {
        match self {
            Bedragen::Totaal(j) => Bedragen::Totaal(j.afgerond(eenheid)),
            Bedragen::Regels(r) => Bedragen::Regels(
                r.iter().map(|r| Begrotingsregel { bedragen: r.bedragen.afgerond(eenheid), ..r.clone() }).collect(),
            ),
        }
    }

    /// The amount of a year: the figure, or the sum of the lines.
    pub fn get(&self, jaar: i32) -> i64 {
        match self {
            Bedragen::Totaal(j) => j.get(jaar),
            Bedragen::Regels(r) => r.iter().map(|r| r.bedragen.get(jaar)).fold(0i64, i64::saturating_add),
        }
    }

    /// These amounts with the year `jaar` taken from `bron` (another document's column, e.g.
    /// the realisatie of a jaarverslag): each line of `bron` on the line of the same taakveld,
    /// categorie and name, or as a line of its own when there is none, so every amount read is
    /// shown and the totals stay the sums of the lines. Amounts entered as one figure take the
    /// sum; lines that meet one figure get it as one line without a taakveld.
    pub fn met_jaar(&self, jaar: i32, bron: &Bedragen) -> Bedragen {
        match (self, bron) {
            (Bedragen::Totaal(j), _) => {
                let mut j = j.clone();
                j.0.insert(jaar, bron.get(jaar));
                Bedragen::Totaal(j)
            }
            (Bedragen::Regels(regels), Bedragen::Totaal(b)) => {
                let mut regels = regels.clone();
                regels.push(Begrotingsregel {
                    taakveld: String::new(),
                    categorie: String::new(),
                    naam: None,
                    incidenteel: false,
                    bedragen: Jaren([(jaar, b.get(jaar))].into_iter().collect()),
                });
                Bedragen::Regels(regels)
            }
            (Bedragen::Regels(regels), Bedragen::Regels(bron)) => {
                let mut regels = regels.clone();
                for b in bron {
                    let bedrag = b.bedragen.get(jaar);
                    let zelfde = |r: &&mut Begrotingsregel| {
                        r.taakveld == b.taakveld
                            && r.categorie == b.categorie
                            && r.naam == b.naam
                            && r.incidenteel == b.incidenteel
                            && !r.bedragen.0.contains_key(&jaar)
                    };
                    match regels.iter_mut().find(zelfde) {
                        Some(r) => {
                            r.bedragen.0.insert(jaar, bedrag);
                        }
                        None => regels.push(Begrotingsregel {
                            bedragen: Jaren([(jaar, bedrag)].into_iter().collect()),
                            ..b.clone()
                        }),
                    }
                }
                Bedragen::Regels(regels)
            }
        }
    }

    /// Whether nothing is entered.
    pub fn is_empty(&self) -> bool {
        match self {
            Bedragen::Totaal(j) => j.0.is_empty(),
            Bedragen::Regels(r) => r.is_empty(),
        }
    }

    /// The lines, none for a figure.
    pub fn regels(&self) -> &[Begrotingsregel] {
        match self {
            Bedragen::Totaal(_) => &[],
            Bedragen::Regels(r) => r,
        }
    }

    /// Each row of amounts per year with its path below the field (`[]` for the figure,
    /// `[i, "bedragen"]` for a line), for the check of the years.
    pub fn rijen(&self) -> Vec<(Vec<String>, &Jaren)> {
        match self {
            Bedragen::Totaal(j) => vec![(Vec::new(), j)],
            Bedragen::Regels(r) => {
                r.iter().enumerate().map(|(i, r)| (vec![i.to_string(), "bedragen".into()], &r.bedragen)).collect()
            }
        }
    }

    /// What is wrong with the lines' codes against the year's Iv3 definitions: (path below the
    /// field, message, hint).
    pub fn check_codes(&self, kant: Kant, definities: &Definities) -> Vec<(Vec<String>, String, String)> {
        check_regelcodes(self.regels().iter().map(|r| (r.taakveld.as_str(), r.categorie.as_str())), kant, definities)
    }
}

/// What is wrong with lines' (taakveld, categorie) against a year's Iv3 definitions: (path
/// below the field, message, hint). A begroting's and a jaarverslag's lines alike.
pub fn check_regelcodes<'a>(
    regels: impl Iterator<Item = (&'a str, &'a str)>,
    kant: Kant,
    definities: &Definities,
) -> Vec<(Vec<String>, String, String)> {
    let mut out = Vec::new();
    for (i, (taakveld, categorie)) in regels.enumerate() {
        // Computed, never typed: the reserves' mutations and the result.
        if taakveld == "0.10" || taakveld == "0.11" {
            out.push((
                vec![i.to_string(), "taakveld".into()],
                format!("taakveld {taakveld} wordt berekend, niet ingevuld"),
                "de mutaties van reserves (0.10) staan bij de reserves, het resultaat (0.11) is het saldo van alles"
                    .into(),
            ));
            continue;
        }
        for fout in definities.check(kant, taakveld, categorie) {
            out.push((vec![i.to_string(), fout.veld.to_string()], fout.bericht, fout.hint));
        }
    }
    out
}

impl<'de> Deserialize<'de> for Bedragen {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        map_or_seq(
            d,
            "per jaar een bedrag (`{ 2024: 16450000, … }`), of een lijst regels met taakveld, categorie en bedragen",
            Bedragen::Totaal,
            Bedragen::Regels,
        )
    }
}

/// A value written either as a map (`M`, one figure per column) or as a list (`S`, lines):
/// each read by its own type, so an error inside says what that form expects (an untagged
/// enum would only say that neither matched).
pub fn map_or_seq<'de, D, M, S, T>(
    d: D,
    expecting: &'static str,
    map: fn(M) -> T,
    seq: fn(S) -> T,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    M: Deserialize<'de>,
    S: Deserialize<'de>,
{
    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{MapAccess, SeqAccess, Visitor};
    struct V<M, S, T> {
        expecting: &'static str,
        map: fn(M) -> T,
        seq: fn(S) -> T,
    }
    impl<'de, M: Deserialize<'de>, S: Deserialize<'de>, T> Visitor<'de> for V<M, S, T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            M::deserialize(MapAccessDeserializer::new(map)).map(self.map)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            S::deserialize(SeqAccessDeserializer::new(seq)).map(self.seq)
        }
    }
    d.deserialize_any(V { expecting, map, seq })
}

/// One line of lasten or baten: where the CBS counts it, what it is, and its amounts — per year
/// in a begroting ([`Begrotingsregel`]), per column in a jaarverslag
/// ([`crate::domain::posten::Rekeningregel`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Iv3Regel<B> {
    /// The Iv3 taakveld of the document's year: `1.2`.
    pub taakveld: String,
    /// The Iv3 economische categorie: `3.8` (for lasten "overige goederen en diensten").
    pub categorie: String,
    /// What the line is, in the gemeente's words ("Bijdrage veiligheidsregio").
    #[serde(default)]
    pub naam: Option<String>,
    /// Incidenteel (once) rather than structureel.
    #[serde(default)]
    pub incidenteel: bool,
    pub bedragen: B,
}

impl<B> Iv3Regel<B> {
    /// The same line with other amounts (another column, another form).
    pub fn met<C>(&self, bedragen: C) -> Iv3Regel<C> {
        Iv3Regel {
            taakveld: self.taakveld.clone(),
            categorie: self.categorie.clone(),
            naam: self.naam.clone(),
            incidenteel: self.incidenteel,
            bedragen,
        }
    }
}

/// Lines that repeat an earlier one (the same taakveld, categorie and name): (its index, the
/// earlier one's). A figure read from another year would go to the first only, so the second
/// is refused.
pub fn dubbele_regels<B>(regels: &[Iv3Regel<B>]) -> Vec<(usize, usize)> {
    // Incidenteel and structureel are two lines, even with one name (a one-off extra beside the
    // structural amount).
    fn key<B>(r: &Iv3Regel<B>) -> (&str, &str, Option<&str>, bool) {
        (r.taakveld.trim(), r.categorie.trim(), r.naam.as_deref().map(str::trim), r.incidenteel)
    }
    (0..regels.len()).filter_map(|i| (0..i).find(|j| key(&regels[*j]) == key(&regels[i])).map(|j| (i, j))).collect()
}

/// The message for a line that repeats an earlier one: (message, hint).
pub fn dubbele_regel_bericht(eerder: usize) -> (String, String) {
    (
        format!(
            "deze regel heeft hetzelfde taakveld, dezelfde categorie en naam als regel {} erboven, en is net als die structureel of incidenteel",
            eerder + 1
        ),
        "tel ze op tot één regel, of geef elk een eigen `naam:`".into(),
    )
}

/// One line of a programme's begroting: its amount per year.
pub type Begrotingsregel = Iv3Regel<Jaren>;
