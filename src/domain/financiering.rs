//! The norms of the Wet financiering decentrale overheden for the paragraaf financiering: the
//! renterisico of each year against the renterisiconorm, and the netto vlottende schuld of each
//! quarter against the kasgeldlimiet, both from the begrotingstotaal the book computes.

use serde::Deserialize;

use crate::domain::bedragen::Jaren;
use crate::domain::financien::bedrag_in_euros;

/// What the financial position enters for the norms of the Wet fido.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Financiering {
    /// Per year: the aflossingen and renteherzieningen of the vaste schuld (the renterisico).
    #[serde(default)]
    pub renterisico: Jaren,
    /// The expected average netto vlottende schuld per quarter of the begroting's year.
    #[serde(default)]
    pub kasgeld: Vec<Kwartaal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kwartaal {
    pub kwartaal: u8,
    #[serde(deserialize_with = "bedrag_in_euros")]
    pub netto_vlottende_schuld: i64,
}

/// Whether the netto vlottende schuld exceeds the kasgeldlimiet in more than two quarters in a
/// row: then the toezichthouder must be told (Wet fido art. 4).
pub fn kasgeld_te_lang_overschreden(kwartalen: &[Kwartaal], limiet: i64) -> bool {
    let mut sorted: Vec<&Kwartaal> = kwartalen.iter().collect();
    sorted.sort_by_key(|k| k.kwartaal);
    sorted.windows(3).any(|w| w.iter().all(|k| k.netto_vlottende_schuld > limiet))
}

/// The renterisiconorm of the Wet fido (Uitvoeringsregeling financiering decentrale overheden,
/// art. 2): 20 % of the begrotingstotaal, at least € 2,5 miljoen. The renterisico (the
/// aflossingen and renteherzieningen of the vaste schuld in the year) must stay within it.
pub fn renterisiconorm(begrotingstotaal: i64) -> i64 {
    (begrotingstotaal / 5).max(2_500_000)
}

/// The kasgeldlimiet of the Wet fido for a gemeente (Uitvoeringsregeling, art. 2): 8,5 % of the
/// begrotingstotaal, at least € 300.000. The netto vlottende schuld may exceed it no more than
/// two quarters in a row.
pub fn kasgeldlimiet(begrotingstotaal: i64) -> i64 {
    (begrotingstotaal * 85 / 1000).max(300_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Uitvoeringsregeling financiering decentrale overheden: 20 % (at least € 2,5 miljoen)
    /// and 8,5 % (at least € 300.000) of the begrotingstotaal.
    #[test]
    fn renterisiconorm_and_kasgeldlimiet() {
        assert_eq!(renterisiconorm(42_960_000), 8_592_000);
        assert_eq!(renterisiconorm(10_000_000), 2_500_000, "the minimum");
        assert_eq!(kasgeldlimiet(42_960_000), 3_651_600);
        assert_eq!(kasgeldlimiet(2_000_000), 300_000, "the minimum");
    }

    #[test]
    fn three_quarters_over_the_kasgeldlimiet_in_a_row_is_too_long() {
        let k = |kwartaal, b| Kwartaal { kwartaal, netto_vlottende_schuld: b };
        assert!(!kasgeld_te_lang_overschreden(&[k(1, 5), k(2, 5), k(3, 1), k(4, 5)], 4), "two in a row may");
        assert!(kasgeld_te_lang_overschreden(&[k(4, 5), k(2, 5), k(3, 5), k(1, 1)], 4), "2, 3 and 4");
    }
}
