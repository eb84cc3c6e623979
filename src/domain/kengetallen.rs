//! The financial kengetallen of the paragraaf weerstandsvermogen en risicobeheersing (BBV art.
//! 11 lid 2 and the Regeling beleidsindicatoren: fk.1–fk.6) and the weerstandsratio, each
//! computed from the balance items and baten and lasten it names (the Wet fido's norms are in
//! `domain::financiering`). Every formula names its parts as the model tables in begrotingen do
//! (A, B, C …); the categories are the
//! signaleringswaarden of the provincial supervisors' Gemeenschappelijk financieel
//! toezichtkader (GTK 2020), the weerstandsratio's classes those of the NAR (Nederlands
//! Adviesbureau voor Risicomanagement) that gemeenten use.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::begroting::{Algemeen, Programma, jaren, overzicht};

/// The balance items the kengetallen name, in whole euros, at one moment (the end of a year).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Balansstand {
    /// Vaste schulden met een rentetypische looptijd van één jaar of langer (passiva).
    pub vaste_schulden: i64,
    /// Netto vlottende schulden met een rentetypische looptijd korter dan één jaar (passiva).
    pub netto_vlottende_schuld: i64,
    pub overlopende_passiva: i64,
    /// Financiële vaste activa other than the loans given below (kapitaalverstrekkingen,
    /// overige uitzettingen ≥ 1 jaar, …).
    pub financiele_vaste_activa: i64,
    /// Loans given (aan openbare lichamen, woningcorporaties, deelnemingen, overige langlopende
    /// leningen): counted in fk.2 only.
    pub verstrekte_leningen: i64,
    /// Uitzettingen met een rentetypische looptijd korter dan één jaar (activa).
    pub uitzettingen_korter_dan_een_jaar: i64,
    pub liquide_middelen: i64,
    pub overlopende_activa: i64,
    /// Bouwgronden in exploitatie (voorraden).
    pub bouwgronden_in_exploitatie: i64,
    /// Niet in exploitatie genomen bouwgronden (kept in the formula of fk.5).
    pub niet_in_exploitatie_genomen_bouwgronden: i64,
    /// Entered for the first year only (the begin of the begroting): every later year's is that
    /// plus the years' saldi van baten en lasten (see [`balans`]).
    pub eigen_vermogen: Option<i64>,
    pub voorzieningen: i64,
}

impl Balansstand {
    /// Every item entered as an amount, by its key (the eigen vermogen aside: it may be
    /// negative).
    pub fn posten_met_naam(&self) -> [(&'static str, i64); 11] {
        [
            ("vaste_schulden", self.vaste_schulden),
            ("netto_vlottende_schuld", self.netto_vlottende_schuld),
            ("overlopende_passiva", self.overlopende_passiva),
            ("financiele_vaste_activa", self.financiele_vaste_activa),
            ("verstrekte_leningen", self.verstrekte_leningen),
            ("uitzettingen_korter_dan_een_jaar", self.uitzettingen_korter_dan_een_jaar),
            ("liquide_middelen", self.liquide_middelen),
            ("overlopende_activa", self.overlopende_activa),
            ("bouwgronden_in_exploitatie", self.bouwgronden_in_exploitatie),
            ("niet_in_exploitatie_genomen_bouwgronden", self.niet_in_exploitatie_genomen_bouwgronden),
            ("voorzieningen", self.voorzieningen),
        ]
    }

    /// The balanstotaal: the sum of the passiva, which the items hold all of (eigen vermogen,
    /// voorzieningen, vaste schulden, netto vlottende schuld, overlopende passiva).
    pub fn balanstotaal(&self) -> i64 {
        self.eigen_vermogen.unwrap_or(0)
            + self.voorzieningen
            + self.vaste_schulden
            + self.netto_vlottende_schuld
            + self.overlopende_passiva
    }
}

/// The balans of every year with its eigen vermogen computed: the first year's as entered, each
/// later year's the year before plus that year's saldo van baten en lasten (the result before
/// the reserves, which are part of the eigen vermogen too). A reserve mutation or a line changed
/// in a programme so reaches the balans and the kengetallen without being typed again.
pub fn balans(positie: &FinancielePositie, saldo: &BTreeMap<i32, i64>, t: i32) -> BTreeMap<i32, Balansstand> {
    let mut out = BTreeMap::new();
    let mut vorig: Option<i64> = None;
    // Entered voorzieningen give the balans its voorzieningen (`check` refuses both).
    let voorzieningen = crate::domain::reserves::voorzieningen_op_balans(positie, t);
    for (jaar, stand) in &positie.balans {
        let mut stand = *stand;
        if let Some(v) = voorzieningen.as_ref().and_then(|v| v.get(jaar)) {
            stand.voorzieningen = *v;
        }
        let eigen = match vorig {
            None => stand.eigen_vermogen.unwrap_or(0),
            Some(v) => v + saldo.get(jaar).copied().unwrap_or(0),
        };
        stand.eigen_vermogen = Some(eigen);
        vorig = Some(eigen);
        out.insert(*jaar, stand);
    }
    out
}

/// Baten and lasten of a year, as the kengetallen need them (whole euros, positive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exploitatie {
    /// Totale baten, excluding the onttrekkingen aan reserves.
    pub baten: i64,
    /// Totale lasten, excluding the toevoegingen aan reserves: the begrotingstotaal of the Wet
    /// fido's norms.
    pub lasten: i64,
    pub structurele_lasten: i64,
    pub structurele_baten: i64,
    pub structurele_toevoegingen_reserves: i64,
    pub structurele_onttrekkingen_reserves: i64,
}

/// The woonlasten of a household at the gemeente's average WOZ-value (fk.6), in euros, and the
/// national average of the year before with where it comes from (an input: COELO publishes it).
#[derive(Debug, Clone, PartialEq)]
pub struct Woonlasten {
    pub ozb: f64,
    pub rioolheffing: f64,
    pub afvalstoffenheffing: f64,
    pub heffingskorting: f64,
    pub landelijk_gemiddelde: f64,
    /// "COELO, Atlas van de lokale lasten 2024".
    pub bron_landelijk_gemiddelde: String,
}

/// What the uiteenzetting van de financiële positie enters (BBV art. 20): the geprognosticeerde
/// balans at the end of each year (31 december: the end of t-1 is the begin of t) at the level
/// of the items the kengetallen name, and the woonlasten for fk.6.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancielePositie {
    #[serde(default)]
    pub balans: BTreeMap<i32, Balansstand>,
    /// From the paragraaf lokale heffingen (its lastendruk), filled in by the book.
    #[serde(skip)]
    pub woonlasten: Option<Woonlasten>,
    /// Each reserve's stand at the begin of the begroting's year (31 december of t-1), by the
    /// name the programmes give it: its verloop follows from their mutations.
    #[serde(default)]
    pub reserves: Vec<crate::domain::reserves::Reservestand>,
    /// The renterisico per year and the netto vlottende schuld per quarter, for the Wet fido's
    /// norms.
    #[serde(default)]
    pub financiering: Option<crate::domain::financiering::Financiering>,
    /// Each voorziening's stand at the begin of the begroting's year and its mutations: their
    /// verloop, and the balans's voorzieningen at each year's end.
    #[serde(default)]
    pub voorzieningen: Vec<crate::domain::reserves::Voorziening>,
    /// The investeringen per year, by kind of nut.
    #[serde(default)]
    pub investeringen: Vec<crate::domain::reserves::Investering>,
}

/// The balans with its eigen vermogen computed, and each year's exploitatie, of the begroting
/// of `t`: what the kengetallen are computed from, for the book's tables and its Iv3 delivery
/// alike.
pub fn berekend(
    positie: &FinancielePositie,
    programmas: &[Programma],
    algemeen: &Algemeen,
    t: i32,
) -> (BTreeMap<i32, Balansstand>, BTreeMap<i32, Exploitatie>) {
    (balans(positie, &saldo(programmas, algemeen, t), t), exploitatie(programmas, algemeen, t))
}

/// Each year's saldo van baten en lasten (baten minus lasten, before the reserves) of the
/// begroting of `t`, from the book's overview.
pub fn saldo(programmas: &[Programma], algemeen: &Algemeen, t: i32) -> BTreeMap<i32, i64> {
    let rows = overzicht(programmas, algemeen, t);
    let saldo = rows.iter().find(|r| r.label == "Saldo van baten en lasten").map(|r| r.bedragen.clone());
    jaren(t).into_iter().zip(saldo.unwrap_or_default()).collect()
}

/// Each year's baten and structurele baten and lasten of the begroting of `t` (t-2 … t+3), from
/// the same overviews the book prints: the totale baten without the onttrekkingen aan reserves,
/// and the totals without the incidentele baten en lasten. The mutations of reserves count as
/// incidental (as in the structureel begrotingssaldo).
pub fn exploitatie(programmas: &[Programma], algemeen: &Algemeen, t: i32) -> BTreeMap<i32, Exploitatie> {
    let rows = overzicht(programmas, algemeen, t);
    let (incidenteel, _) = crate::domain::overzichten::incidentele(programmas, algemeen, t, None);
    let find = |rows: &[crate::domain::begroting::Regel], label: &str| {
        rows.iter().find(|r| r.label == label).map(|r| r.bedragen.clone()).unwrap_or_default()
    };
    let (lasten, baten) = (find(&rows, "Totaal lasten"), find(&rows, "Totaal baten"));
    let (inc_lasten, inc_baten) =
        (find(&incidenteel, "Totaal incidentele lasten"), find(&incidenteel, "Totaal incidentele baten"));
    let at = |v: &[i64], i: usize| v.get(i).copied().unwrap_or(0);
    jaren(t)
        .into_iter()
        .enumerate()
        .map(|(i, jaar)| {
            // Lasten are negative in the overviews.
            let e = Exploitatie {
                baten: at(&baten, i),
                lasten: -at(&lasten, i),
                structurele_lasten: -(at(&lasten, i) - at(&inc_lasten, i)),
                structurele_baten: at(&baten, i) - at(&inc_baten, i),
                structurele_toevoegingen_reserves: 0,
                structurele_onttrekkingen_reserves: 0,
            };
            (jaar, e)
        })
        .collect()
}

/// The kengetallen of each year whose balans is entered: fk.1–fk.5 from that year's end and
/// exploitatie, fk.6 in year `t` (the woonlasten are the begroting's year's).
pub fn per_jaar(
    positie: &FinancielePositie,
    balans: &BTreeMap<i32, Balansstand>,
    exploitatie: &BTreeMap<i32, Exploitatie>,
    t: i32,
) -> Vec<(i32, Vec<Kengetal>)> {
    balans
        .iter()
        .filter_map(|(jaar, b)| {
            let e = exploitatie.get(jaar)?;
            // Without baten the ratios over them mean nothing: they are left out ("–"); so is
            // the solvabiliteit of a balans whose passiva add up to nothing or less.
            let mut k = Vec::new();
            if e.baten > 0 {
                k.extend([netto_schuldquote(b, e), netto_schuldquote_gecorrigeerd(b, e)]);
            }
            if b.balanstotaal() > 0 {
                k.push(solvabiliteitsratio(b));
            }
            if e.baten > 0 {
                k.extend([structurele_exploitatieruimte(e), grondexploitatie(b, e)]);
            }
            if let Some(w) = positie.woonlasten.as_ref().filter(|_| *jaar == t) {
                k.push(belastingcapaciteit(w));
            }
            Some((*jaar, k))
        })
        .collect()
}

/// A signaleringswaarde's category: A is the least risky.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Categorie {
    A,
    B,
    C,
}

impl Categorie {
    pub fn letter(self) -> &'static str {
        match self {
            Categorie::A => "A",
            Categorie::B => "B",
            Categorie::C => "C",
        }
    }
}

/// One kengetal of a year: its code, its value as a percentage, and its category.
#[derive(Debug, Clone, PartialEq)]
pub struct Kengetal {
    /// The CBS's code in the Iv3 delivery: "fk.1".
    pub code: &'static str,
    pub naam: &'static str,
    pub procent: f64,
    pub categorie: Categorie,
}

fn procent(teller: i64, noemer: i64) -> f64 {
    if noemer == 0 { 0.0 } else { 100.0 * teller as f64 / noemer as f64 }
}

/// A percentage as printed (one decimal): the category follows what the reader sees, so that
/// "20,0 %" is never in the class of "under 20 %".
fn gedrukt(p: f64) -> f64 {
    (p * 10.0).round() / 10.0
}

/// fk.1 Netto schuldquote: (A + B + C − D − E − F − G) / H × 100 %, with A vaste schulden, B
/// netto vlottende schuld, C overlopende passiva, D financiële vaste activa (without the loans
/// given), E uitzettingen < 1 jaar, F liquide middelen, G overlopende activa, H the totale baten
/// excluding the onttrekkingen aan reserves. Under 90 % is A, 90–130 % B, over 130 % C.
pub fn netto_schuldquote(b: &Balansstand, e: &Exploitatie) -> Kengetal {
    let p = procent(netto_schuld(b, false), e.baten);
    Kengetal { code: "fk.1", naam: "Netto schuldquote", procent: p, categorie: schuldquote_categorie(gedrukt(p)) }
}

/// fk.2 Netto schuldquote gecorrigeerd voor alle verstrekte leningen: fk.1 with the loans given
/// among the financiële activa (D).
pub fn netto_schuldquote_gecorrigeerd(b: &Balansstand, e: &Exploitatie) -> Kengetal {
    let p = procent(netto_schuld(b, true), e.baten);
    Kengetal {
        code: "fk.2",
        naam: "Netto schuldquote gecorrigeerd voor alle verstrekte leningen",
        procent: p,
        categorie: schuldquote_categorie(gedrukt(p)),
    }
}

/// A + B + C − D − E − F − G of the netto schuldquote.
fn netto_schuld(b: &Balansstand, met_leningen: bool) -> i64 {
    let d = b.financiele_vaste_activa + if met_leningen { b.verstrekte_leningen } else { 0 };
    b.vaste_schulden + b.netto_vlottende_schuld + b.overlopende_passiva
        - d
        - b.uitzettingen_korter_dan_een_jaar
        - b.liquide_middelen
        - b.overlopende_activa
}

fn schuldquote_categorie(p: f64) -> Categorie {
    if p < 90.0 {
        Categorie::A
    } else if p <= 130.0 {
        Categorie::B
    } else {
        Categorie::C
    }
}

/// fk.3 Solvabiliteitsratio: eigen vermogen / balanstotaal × 100 %. Over 50 % is A, 20–50 % B,
/// under 20 % C.
pub fn solvabiliteitsratio(b: &Balansstand) -> Kengetal {
    let p = procent(b.eigen_vermogen.unwrap_or(0), b.balanstotaal());
    let categorie = if gedrukt(p) > 50.0 {
        Categorie::A
    } else if gedrukt(p) >= 20.0 {
        Categorie::B
    } else {
        Categorie::C
    };
    Kengetal { code: "fk.3", naam: "Solvabiliteitsratio", procent: p, categorie }
}

/// fk.4 Structurele exploitatieruimte: ((B − A) + (D − C)) / E × 100 %, with A the structurele
/// lasten, B the structurele baten, C the structurele toevoegingen and D onttrekkingen aan
/// reserves, E the totale baten. Above 0 % is A, 0 % B, below 0 % C (per year; the GTK judges
/// the begroting and the meerjarenraming together).
pub fn structurele_exploitatieruimte(e: &Exploitatie) -> Kengetal {
    let teller = (e.structurele_baten - e.structurele_lasten)
        + (e.structurele_onttrekkingen_reserves - e.structurele_toevoegingen_reserves);
    let p = procent(teller, e.baten);
    let q = gedrukt(p);
    let categorie = if q > 0.0 {
        Categorie::A
    } else if q == 0.0 {
        Categorie::B
    } else {
        Categorie::C
    };
    Kengetal { code: "fk.4", naam: "Structurele exploitatieruimte", procent: p, categorie }
}

/// fk.5 Grondexploitatie: (A + B) / C × 100 %, with A niet in exploitatie genomen bouwgronden,
/// B bouwgronden in exploitatie, C the totale baten. Under 20 % is A, 20–35 % B, over 35 % C.
pub fn grondexploitatie(b: &Balansstand, e: &Exploitatie) -> Kengetal {
    let p = procent(b.niet_in_exploitatie_genomen_bouwgronden + b.bouwgronden_in_exploitatie, e.baten);
    let categorie = if gedrukt(p) < 20.0 {
        Categorie::A
    } else if gedrukt(p) <= 35.0 {
        Categorie::B
    } else {
        Categorie::C
    };
    Kengetal { code: "fk.5", naam: "Grondexploitatie", procent: p, categorie }
}

/// fk.6 Belastingcapaciteit: (A + B + C − D) / E × 100 %, with A the OZB, B the rioolheffing and
/// C the afvalstoffenheffing of a household at the average WOZ-value, D a heffingskorting, E the
/// national average woonlasten of the year before. Under 95 % is A, 95–105 % B, over 105 % C.
pub fn belastingcapaciteit(w: &Woonlasten) -> Kengetal {
    let lasten = w.ozb + w.rioolheffing + w.afvalstoffenheffing - w.heffingskorting;
    let p = if w.landelijk_gemiddelde == 0.0 { 0.0 } else { 100.0 * lasten / w.landelijk_gemiddelde };
    let categorie = if gedrukt(p) < 95.0 {
        Categorie::A
    } else if gedrukt(p) <= 105.0 {
        Categorie::B
    } else {
        Categorie::C
    };
    Kengetal { code: "fk.6", naam: "Belastingcapaciteit", procent: p, categorie }
}

/// The weerstandsratio (beschikbare / benodigde weerstandscapaciteit) and its class: A ≥ 2,0
/// uitstekend, B 1,4–2,0 ruim voldoende, C 1,0–1,4 voldoende, D 0,8–1,0 matig, E 0,6–0,8
/// onvoldoende, F < 0,6 ruim onvoldoende.
pub fn weerstandsratio(beschikbaar: i64, benodigd: i64) -> (f64, char, &'static str) {
    let ratio = if benodigd == 0 { f64::INFINITY } else { beschikbaar as f64 / benodigd as f64 };
    // The class of the ratio as printed (one decimal).
    let (klasse, oordeel) = match (ratio * 10.0).round() / 10.0 {
        r if r >= 2.0 => ('A', "uitstekend"),
        r if r >= 1.4 => ('B', "ruim voldoende"),
        r if r >= 1.0 => ('C', "voldoende"),
        r if r >= 0.8 => ('D', "matig"),
        r if r >= 0.6 => ('E', "onvoldoende"),
        _ => ('F', "ruim onvoldoende"),
    };
    (ratio, klasse, oordeel)
}

/// A risk's expected draw on the weerstandscapaciteit: its effect times its probability.
pub fn benodigd(risicos: &[(i64, f64)]) -> i64 {
    risicos.iter().map(|(effect, kans)| (*effect as f64 * kans).round() as i64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Goirle, begroting 2018, "Netto schuldquote gecorrigeerd voor alle verstrekte leningen",
    /// ultimo 2016 (x € 1.000; goirle.begroting-2018.nl): A 31.314, B 4.579, C 1.467, D 2.513
    /// (all financiële vaste activa), E 20.353, F 434, G 533, H 67.540 → 20,03 %.
    #[test]
    fn netto_schuldquote_as_goirle_computed_it() {
        let b = Balansstand {
            vaste_schulden: 31_314,
            netto_vlottende_schuld: 4_579,
            overlopende_passiva: 1_467,
            financiele_vaste_activa: 0,
            verstrekte_leningen: 2_513,
            uitzettingen_korter_dan_een_jaar: 20_353,
            liquide_middelen: 434,
            overlopende_activa: 533,
            ..Default::default()
        };
        let e = Exploitatie { baten: 67_540, ..Default::default() };
        let fk2 = netto_schuldquote_gecorrigeerd(&b, &e);
        assert_eq!(format!("{:.2}", fk2.procent), "20.03");
        assert_eq!(fk2.categorie, Categorie::A);
        // Without the loans among the activa the quote is higher: fk.1 ≥ fk.2.
        let fk1 = netto_schuldquote(&b, &e);
        assert_eq!(format!("{:.2}", fk1.procent), "23.75");
        assert!(fk1.procent > fk2.procent);
        // The signaleringswaarden: 90 and 130 % are the borders.
        assert_eq!(schuldquote_categorie(89.9), Categorie::A);
        assert_eq!(schuldquote_categorie(130.0), Categorie::B);
        assert_eq!(schuldquote_categorie(130.1), Categorie::C);
    }

    /// Geldrop-Mierlo, begroting 2023, geprognosticeerde balans 1-1-2023 (x € 1.000;
    /// geldrop-mierlo.begrotingsapp.nl): eigen vermogen 52.517, balanstotaal 187.286 → 28,04 %.
    #[test]
    fn solvabiliteit_of_a_published_balance() {
        // Its passiva: eigen vermogen 52.517, voorzieningen 23.187, vaste schulden 86.384, netto
        // vlottende schulden 9.410, overlopende passiva 15.788: together 187.286.
        let b = Balansstand {
            eigen_vermogen: Some(52_517),
            voorzieningen: 23_187,
            vaste_schulden: 86_384,
            netto_vlottende_schuld: 9_410,
            overlopende_passiva: 15_788,
            ..Default::default()
        };
        assert_eq!(b.balanstotaal(), 187_286);
        let fk3 = solvabiliteitsratio(&b);
        assert_eq!(format!("{:.2}", fk3.procent), "28.04");
        assert_eq!(fk3.categorie, Categorie::B);
    }

    /// Dordrecht, jaarverslag 2018, rekening 2018 (x € 1.000; dordrecht.jaarverslag-2018.nl):
    /// A 451.032, B 459.349, C 28.447, D 37.058, E 485.061 → 3,5 %.
    #[test]
    fn structurele_exploitatieruimte_as_dordrecht_computed_it() {
        let e = Exploitatie {
            baten: 485_061,
            structurele_lasten: 451_032,
            structurele_baten: 459_349,
            structurele_toevoegingen_reserves: 28_447,
            structurele_onttrekkingen_reserves: 37_058,
            ..Default::default()
        };
        let fk4 = structurele_exploitatieruimte(&e);
        assert_eq!(format!("{:.1}", fk4.procent), "3.5");
        assert_eq!(fk4.categorie, Categorie::A);
        let nul = Exploitatie { baten: 1, ..Default::default() };
        assert_eq!(structurele_exploitatieruimte(&nul).categorie, Categorie::B);
    }

    /// Goirle, begroting 2017, "Vaststelling gemeentelijke belastingcapaciteit", 2017
    /// (goirle.begroting-2017.nl): OZB 305,42, riool 202,05, afval 181,20, landelijk 723,00 →
    /// 95,25 %.
    #[test]
    fn belastingcapaciteit_as_goirle_computed_it() {
        let w = Woonlasten {
            ozb: 305.42,
            rioolheffing: 202.05,
            afvalstoffenheffing: 181.20,
            heffingskorting: 0.0,
            landelijk_gemiddelde: 723.00,
            bron_landelijk_gemiddelde: "COELO".into(),
        };
        let fk6 = belastingcapaciteit(&w);
        assert_eq!(format!("{:.2}", fk6.procent), "95.25");
        assert_eq!(fk6.categorie, Categorie::B);
    }

    #[test]
    fn grondexploitatie_and_its_borders() {
        let b = Balansstand {
            bouwgronden_in_exploitatie: 35,
            niet_in_exploitatie_genomen_bouwgronden: 0,
            ..Default::default()
        };
        assert_eq!(grondexploitatie(&b, &Exploitatie { baten: 100, ..Default::default() }).categorie, Categorie::B);
        assert_eq!(grondexploitatie(&b, &Exploitatie { baten: 99, ..Default::default() }).categorie, Categorie::C);
        assert_eq!(grondexploitatie(&b, &Exploitatie { baten: 1000, ..Default::default() }).categorie, Categorie::A);
        // 19,98 % prints as "20,0 %": its category is that of 20,0 (B), never "under 20" (A).
        let b = Balansstand { bouwgronden_in_exploitatie: 1998, ..Default::default() };
        assert_eq!(grondexploitatie(&b, &Exploitatie { baten: 10_000, ..Default::default() }).categorie, Categorie::B);
    }

    /// The eigen vermogen of later years follows from the saldi: entered once.
    #[test]
    fn eigen_vermogen_follows_from_the_saldi() {
        let stand = |ev: Option<i64>| Balansstand { eigen_vermogen: ev, vaste_schulden: 100, ..Default::default() };
        let positie = FinancielePositie {
            balans: [(2023, stand(Some(50))), (2024, stand(None)), (2025, stand(None))].into_iter().collect(),
            woonlasten: None,
            ..Default::default()
        };
        let saldo = [(2024, 10), (2025, -25)].into_iter().collect();
        let b = balans(&positie, &saldo, 2024);
        assert_eq!(b[&2024].eigen_vermogen, Some(60));
        assert_eq!(b[&2025].eigen_vermogen, Some(35));
        assert_eq!(b[&2025].balanstotaal(), 135);
    }

    /// The NAR classes, and the benodigde capaciteit as effect × kans.
    #[test]
    fn weerstandsratio_classes() {
        let benodigd = benodigd(&[(1_000_000, 0.5), (400_000, 0.25)]);
        assert_eq!(benodigd, 600_000);
        assert_eq!(weerstandsratio(1_200_000, benodigd), (2.0, 'A', "uitstekend"));
        assert_eq!(weerstandsratio(600_000, benodigd).1, 'C');
        assert_eq!(weerstandsratio(480_000, benodigd).1, 'D');
        // 1,996 prints as "2,0": class A, as printed.
        assert_eq!(weerstandsratio(1_197_600, benodigd).1, 'A');
        assert_eq!(weerstandsratio(479_999, benodigd).1, 'D', "0,79999 prints as 0,8");
        assert_eq!(weerstandsratio(420_000, benodigd).1, 'E');
        assert_eq!(weerstandsratio(300_000, benodigd).1, 'F');
    }
}
