//! The raadsvoorstel and its raadsbesluit.

use serde::Serialize;

use super::model::Raadsvoorstel;
use crate::domain::format;
use crate::domain::model::{Gemeente, Status};
use crate::kinds::view::{DeelView, Meta, Row, Style, style};
use crate::kinds::wijziging::WijzigingView;

/// The begrotingswijziging as a bijlage of its own (in the bundle, after the besluit).
#[derive(Debug, Clone, Serialize)]
pub struct BegrotingswijzigingView {
    pub meta: Meta,
    pub huisstijl: Style,
    /// "Bijlage bij raadsvoorstel 2024.0012345".
    pub bij: String,
    pub wijziging: WijzigingView,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub vraag: String,
    /// Markdown.
    pub antwoord: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub titel: String,
    /// Markdown.
    pub tekst: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BesluitpuntView {
    pub tekst: String,
    pub onderdelen: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SigningView {
    pub slotformule: String,
    /// "burgemeester en wethouders van de gemeente Haarlemmermeer,"
    pub college: String,
    pub secretaris: String,
    pub burgemeester: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RaadsvoorstelView {
    pub meta: Meta,
    pub huisstijl: Style,
    pub kopregels: Vec<Row>,
    pub samenvatting: Vec<QuestionView>,
    pub voorstel_inleiding: String,
    pub besluitpunten: Vec<BesluitpuntView>,
    pub uitwerking: Vec<SectionView>,
    pub ondertekening: SigningView,
    pub bijlagen: Vec<BijlageView>,
    /// Its begrotingswijziging, in the financial part.
    pub begrotingswijziging: Option<WijzigingView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BijlageView {
    pub titel: String,
    /// Where the bijlage is, in a bundle ("apart bijgevoegd als …").
    pub opmerking: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RaadsbesluitView {
    pub meta: Meta,
    pub huisstijl: Style,
    /// "De raad van de gemeente Haarlemmermeer;"
    pub aanhef: String,
    /// "gelezen het voorstel van burgemeester en wethouders van 16 juli 2018, nr. 2018.0042544;"
    pub gelezen: String,
    pub gelet_op: Option<String>,
    pub besluitpunten: Vec<BesluitpuntView>,
    /// "Aldus vastgesteld in de openbare vergadering van …"
    pub vastgesteld: String,
    pub griffier: String,
    pub voorzitter: String,
}

/// Placeholder for a date or name that is not known yet, to be filled in by hand.
const BLANK: &str = "……………………";

fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {}", init.join(", "), last),
    }
}

/// The besluitpunten as typed, and last the one that amends the begroting when it has a
/// begrotingswijziging.
fn besluitpunten(rv: &Raadsvoorstel, wijziging: Option<&WijzigingView>) -> Vec<BesluitpuntView> {
    rv.voorstel
        .besluitpunten
        .iter()
        .map(|b| BesluitpuntView { tekst: b.tekst.clone(), onderdelen: b.onderdelen.clone() })
        .chain(wijziging.map(|w| BesluitpuntView { tekst: w.besluitpunt.clone(), onderdelen: Vec::new() }))
        .collect()
}

pub(super) fn meta(rv: &Raadsvoorstel, gemeente: &Gemeente, jaar: i32, soort: &str) -> Meta {
    Meta {
        titel: rv.onderwerp.clone(),
        soort: soort.to_string(),
        kop: format!("{soort} {}", rv.nummer),
        nummer: Some(rv.nummer.clone()),
        jaar,
        gemeente: gemeente.naam.clone(),
        auteurs: vec![format!("Gemeente {}", gemeente.naam), rv.steller.clone()],
        omschrijving: format!("{soort} {} van de gemeente {}", rv.nummer, gemeente.naam),
        trefwoorden: vec![rv.nummer.clone(), jaar.to_string(), soort.to_lowercase()],
        datum: format::date(rv.collegevergadering),
        datum_iso: rv.collegevergadering.into(),
        concept: rv.status == Status::Concept,
        voorbeeldgegevens: rv.voorbeeldgegevens,
        herzien: None,
        bundel: false,
        voorblad: false,
        boek: false,
    }
}

pub fn raadsvoorstel(
    rv: &Raadsvoorstel,
    gemeente: &Gemeente,
    jaar: i32,
    wijziging: Option<&WijzigingView>,
) -> RaadsvoorstelView {
    let portefeuillehouders = rv.portefeuillehouder.to_vec();
    let mut kopregels = vec![
        Row { label: "Onderwerp".into(), waarde: rv.onderwerp.clone() },
        Row {
            label: if portefeuillehouders.len() > 1 { "Portefeuillehouders" } else { "Portefeuillehouder" }.into(),
            waarde: names(&portefeuillehouders),
        },
        Row { label: "Steller".into(), waarde: rv.steller.clone() },
        Row { label: "Collegevergadering".into(), waarde: format::date(rv.collegevergadering) },
        Row {
            label: "Raadsvergadering".into(),
            waarde: rv.raadsvergadering.map(format::date).unwrap_or_else(|| "nog niet bepaald".into()),
        },
    ];
    for (label, value) in [("Commissie", &rv.commissie), ("Agendapunt", &rv.agendapunt), ("Programma", &rv.programma)] {
        if let Some(v) = value {
            kopregels.push(Row { label: label.into(), waarde: v.clone() });
        }
    }
    let o = &rv.ondertekening;
    RaadsvoorstelView {
        meta: meta(rv, gemeente, jaar, "Raadsvoorstel"),
        huisstijl: style(gemeente),
        kopregels,
        samenvatting: rv
            .samenvatting
            .iter()
            .map(|q| QuestionView { vraag: q.vraag.clone(), antwoord: q.antwoord.clone() })
            .collect(),
        voorstel_inleiding: rv.voorstel.inleiding.clone(),
        besluitpunten: besluitpunten(rv, wijziging),
        uitwerking: rv
            .uitwerking
            .iter()
            .map(|s| SectionView { titel: s.titel.clone(), tekst: s.tekst.clone() })
            .collect(),
        ondertekening: SigningView {
            slotformule: o.slotformule.clone().unwrap_or_else(|| "Hoogachtend,".into()),
            college: format!("burgemeester en wethouders van de gemeente {},", gemeente.naam),
            secretaris: o.secretaris.clone().unwrap_or_else(|| gemeente.bestuur.secretaris.clone()),
            burgemeester: o.burgemeester.clone().unwrap_or_else(|| gemeente.bestuur.burgemeester.clone()),
        },
        bijlagen: wijziging
            .map(|w| BijlageView { titel: w.titel.clone(), opmerking: None })
            .into_iter()
            .chain(rv.bijlagen.iter().map(|b| BijlageView { titel: b.titel.clone(), opmerking: None }))
            .collect(),
        begrotingswijziging: wijziging.cloned(),
    }
}

pub fn raadsbesluit(
    rv: &Raadsvoorstel,
    gemeente: &Gemeente,
    jaar: i32,
    wijziging: Option<&WijzigingView>,
) -> RaadsbesluitView {
    let mut meta = meta(rv, gemeente, jaar, "Raadsbesluit");
    meta.kop = format!("Ontwerp-raadsbesluit {}", rv.nummer);
    RaadsbesluitView {
        meta,
        huisstijl: style(gemeente),
        aanhef: format!("De raad van de gemeente {};", gemeente.naam),
        gelezen: format!(
            "gelezen het voorstel van burgemeester en wethouders van {}, nr. {};",
            format::date(rv.collegevergadering),
            rv.nummer
        ),
        gelet_op: rv.gelet_op.clone(),
        besluitpunten: besluitpunten(rv, wijziging),
        vastgesteld: format!(
            "Aldus vastgesteld in de openbare vergadering van {}.",
            rv.raadsvergadering.map(format::date).unwrap_or_else(|| BLANK.into())
        ),
        griffier: gemeente.bestuur.griffier.clone().unwrap_or_default(),
        voorzitter: rv.ondertekening.burgemeester.clone().unwrap_or_else(|| gemeente.bestuur.burgemeester.clone()),
    }
}

/// The cover of a bundle: the header fields, and each part with its pages in the bundle.
#[derive(Debug, Clone, Serialize)]
pub struct BundelView {
    pub meta: Meta,
    pub huisstijl: Style,
    pub kopregels: Vec<Row>,
    /// PDF bijlagen copied beside the bundle.
    pub externe_bijlagen: Vec<ExterneBijlage>,
    /// Filled in once the parts are laid out.
    pub delen: Vec<DeelView>,
    /// The bundle's pages in all.
    pub paginas: usize,
}

crate::view!(RaadsvoorstelView, RaadsbesluitView, BegrotingswijzigingView);

crate::view!(omslag: BundelView);

#[derive(Debug, Clone, Serialize)]
pub struct ExterneBijlage {
    pub titel: String,
    /// The file name beside the bundle.
    pub bestand: String,
}
