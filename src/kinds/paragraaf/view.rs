//! A paragraaf as its templates see it: the text, and for the weerstandsvermogen its capacity,
//! its risks with their expected draw, and the ratio with its class, computed.

use serde::Serialize;

use super::model::{Paragraaf, Soort};
use crate::domain::financien;
use crate::domain::format;
use crate::domain::kengetallen;
use crate::domain::model::{Gemeente, Status};
use crate::kinds::view::{Meta, Style, TableView, style};

#[derive(Debug, Clone, Serialize)]
pub struct ParagraafView {
    pub meta: Meta,
    pub huisstijl: Style,
    /// "Paragraaf Weerstandsvermogen en risicobeheersing".
    pub titel: String,
    /// "Programmabegroting 2024".
    pub ondertitel: String,
    pub tekst: String,
    pub weerstand: Option<WeerstandView>,
}

crate::view!(ParagraafView);

#[derive(Debug, Clone, Serialize)]
pub struct WeerstandView {
    pub capaciteit: TableView,
    pub risicos: TableView,
    /// "De weerstandsratio is 2,3 (beschikbaar € … / benodigd € …): klasse A, uitstekend."
    pub ratio: String,
    pub toelichtingen: Vec<Toelichting>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Toelichting {
    pub kop: String,
    pub tekst: String,
}

/// The title a paragraaf carries: the gemeente's, else the BBV's, after "Paragraaf".
pub fn titel(p: &Paragraaf) -> String {
    format!("Paragraaf {}", p.titel.as_deref().unwrap_or(p.paragraaf.titel()))
}

pub fn paragraaf(p: &Paragraaf, gemeente: &Gemeente, t: i32) -> ParagraafView {
    let titel = titel(p);
    let meta = Meta {
        titel: format!("Programmabegroting {t} – {titel}"),
        soort: "Programmabegroting".into(),
        kop: format!("Programmabegroting {t} · {}", p.titel.as_deref().unwrap_or(p.paragraaf.titel())),
        nummer: None,
        jaar: t,
        gemeente: gemeente.naam.clone(),
        auteurs: vec![format!("Gemeente {}", gemeente.naam)],
        omschrijving: format!("Programmabegroting {t}, {}, gemeente {}", titel.to_lowercase(), gemeente.naam),
        trefwoorden: vec![t.to_string(), "programmabegroting".into(), "paragraaf".into(), p.paragraaf.sleutel().into()],
        datum: format::date(p.datum),
        datum_iso: p.datum.into(),
        concept: p.status == Status::Concept,
        voorbeeldgegevens: p.voorbeeldgegevens,
        herzien: None,
        bundel: false,
        voorblad: false,
        boek: false,
    };
    let weerstand = (p.paragraaf == Soort::Weerstandsvermogen).then(|| weerstand(p, gemeente));
    ParagraafView {
        meta,
        huisstijl: style(gemeente),
        titel,
        ondertitel: format!("Programmabegroting {t}"),
        tekst: p.tekst.clone(),
        weerstand,
    }
}

fn weerstand(p: &Paragraaf, gemeente: &Gemeente) -> WeerstandView {
    let e = gemeente.financien.eenheid;
    let b = |x: i64| financien::bedrag(x, e, financien::Notatie::Minteken);
    let label = crate::kinds::programma::eenheid_label(gemeente);
    let beschikbaar: i64 = p.weerstandscapaciteit.iter().map(|c| c.bedrag).sum();
    let mut rijen: Vec<Vec<String>> =
        p.weerstandscapaciteit.iter().map(|c| vec![c.naam.clone(), b(c.bedrag)]).collect();
    rijen.push(vec!["Beschikbare weerstandscapaciteit".into(), b(beschikbaar)]);
    let mut euro: Vec<Vec<Option<i64>>> = p.weerstandscapaciteit.iter().map(|c| vec![None, Some(c.bedrag)]).collect();
    euro.push(vec![None, Some(beschikbaar)]);
    let capaciteit = TableView {
        titel: Some("Beschikbare weerstandscapaciteit".into()),
        kolommen: vec![label.clone(), "Bedrag".into()],
        rijen,
        rijkop: true,
        euro,
        ..Default::default()
    };
    let nodig: Vec<i64> = p.risicos.iter().map(|r| kengetallen::benodigd(&[(r.effect, r.kans / 100.0)])).collect();
    let benodigd: i64 = nodig.iter().sum();
    let mut rijen: Vec<Vec<String>> = p
        .risicos
        .iter()
        .zip(&nodig)
        .map(|(r, n)| vec![r.naam.clone(), format!("{} %", format::number_auto(r.kans, 1)), b(r.effect), b(*n)])
        .collect();
    rijen.push(vec!["Benodigde weerstandscapaciteit".into(), String::new(), String::new(), b(benodigd)]);
    let mut euro: Vec<Vec<Option<i64>>> =
        p.risicos.iter().zip(&nodig).map(|(r, n)| vec![None, None, Some(r.effect), Some(*n)]).collect();
    euro.push(vec![None, None, None, Some(benodigd)]);
    let risicos = TableView {
        titel: Some("Risico's en benodigde weerstandscapaciteit".into()),
        kolommen: vec![label, "Kans".into(), "Effect".into(), "Benodigd (kans × effect)".into()],
        rijen,
        rijkop: true,
        euro,
        ..Default::default()
    };
    let (ratio, klasse, oordeel) = kengetallen::weerstandsratio(beschikbaar, benodigd);
    let ratio = if benodigd == 0 {
        "Er zijn geen risico's met een bedrag: de weerstandsratio is niet te berekenen.".to_string()
    } else {
        format!(
            "De weerstandsratio is {} (beschikbaar {} / benodigd {}): klasse {klasse}, {oordeel}. De klassen: A ≥ 2,0 uitstekend, B 1,4–2,0 ruim voldoende, C 1,0–1,4 voldoende, D 0,8–1,0 matig, E 0,6–0,8 onvoldoende, F < 0,6 ruim onvoldoende.",
            format::number(ratio, 1),
            format::money(beschikbaar),
            format::money(benodigd)
        )
    };
    let toelichtingen = p
        .risicos
        .iter()
        .filter(|r| !r.toelichting.trim().is_empty())
        .map(|r| Toelichting { kop: r.naam.clone(), tekst: r.toelichting.clone() })
        .collect();
    WeerstandView { capaciteit, risicos, ratio, toelichtingen }
}
