//! A paragraaf as its templates see it: the text, then its sections, each a heading with its
//! tables, sentences and Markdown — the structured parts the BBV prescribes, computed where
//! they can be (see `tabellen`), and what the book computes for it (the kengetallen, the Wet
//! fido's norms).

use serde::Serialize;

use super::model::{Paragraaf, Soort, Stuk};
use super::tabellen;
use crate::domain::format;
use crate::domain::model::{Gemeente, Status};
use crate::domain::verbonden_partijen::VerbondenPartijen;
use crate::kinds::view::{Meta, Style, TableView, style};

#[derive(Debug, Clone, Serialize)]
pub struct ParagraafView {
    pub meta: Meta,
    pub huisstijl: Style,
    /// "Paragraaf Weerstandsvermogen en risicobeheersing".
    pub titel: String,
    /// "Programmabegroting 2024", "Jaarverslag 2024".
    pub ondertitel: String,
    pub tekst: String,
    pub secties: Vec<Sectie>,
}

crate::view!(ParagraafView);

/// A section of a paragraaf below its text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Sectie {
    pub kop: String,
    /// A section within the one before (one heading level lower).
    pub sub: bool,
    pub tabellen: Vec<TableView>,
    /// Computed sentences, plain text.
    pub zinnen: Vec<String>,
    /// The user's Markdown.
    pub md: String,
}

/// What the paragraaf reads beyond its own file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gelezen<'a> {
    /// What the year's book computes and holds for this paragraaf; `None` when there is no
    /// book.
    pub uit_boek: Option<&'a crate::kinds::VoorParagraaf>,
    /// The project's verbonden partijen, for that paragraaf.
    pub partijen: Option<&'a VerbondenPartijen>,
}

/// The title a paragraaf carries: the gemeente's, else the BBV's, after "Paragraaf".
pub fn titel(p: &Paragraaf) -> String {
    format!("Paragraaf {}", p.titel.as_deref().unwrap_or(p.paragraaf.titel()))
}

pub fn paragraaf(p: &Paragraaf, gemeente: &Gemeente, t: i32, gelezen: Gelezen) -> ParagraafView {
    let titel = titel(p);
    let stuk = p.stuk.naam();
    let meta = Meta {
        titel: format!("{stuk} {t} – {titel}"),
        soort: stuk.into(),
        kop: format!("{stuk} {t} · {}", p.titel.as_deref().unwrap_or(p.paragraaf.titel())),
        nummer: None,
        jaar: t,
        gemeente: gemeente.naam.clone(),
        auteurs: vec![format!("Gemeente {}", gemeente.naam)],
        omschrijving: format!("{stuk} {t}, {}, gemeente {}", titel.to_lowercase(), gemeente.naam),
        trefwoorden: vec![t.to_string(), stuk.to_lowercase(), "paragraaf".into(), p.paragraaf.sleutel().into()],
        datum: format::date(p.datum),
        datum_iso: p.datum.into(),
        concept: p.status == Status::Concept,
        voorbeeldgegevens: p.voorbeeldgegevens,
        herzien: None,
        bundel: false,
        voorblad: false,
        boek: false,
    };
    let mut secties = match p.paragraaf {
        Soort::Weerstandsvermogen => tabellen::weerstand(p, gemeente, gelezen.uit_boek.map(|u| &u.reserves[..]), t),
        Soort::LokaleHeffingen => tabellen::heffingen(p, gemeente, t, gelezen.uit_boek.map(|u| &u.baten[..])),
        Soort::OnderhoudKapitaalgoederen => tabellen::kapitaalgoederen(p, gemeente, t),
        Soort::Grondbeleid => tabellen::grondexploitaties(p, gemeente, t),
        Soort::VerbondenPartijen => {
            gelezen.partijen.map(|l| tabellen::verbonden(l, gemeente, t, p.stuk)).unwrap_or_default()
        }
        Soort::Financiering | Soort::Bedrijfsvoering => Vec::new(),
    };
    if let Some(kop) = uit_boek_kop(p.paragraaf) {
        secties.push(match gelezen.uit_boek {
            // The jaarverslag's need the balans of the jaarrekening, which is not entered yet.
            None if p.stuk == Stuk::Jaarverslag => Sectie {
                kop: kop.into(),
                zinnen: vec![format!(
                    "Deze cijfers over {t} volgen uit de balans van de jaarrekening {t}; die staat niet in dit jaarverslag."
                )],
                ..Default::default()
            },
            Some(uit) if !uit.tabellen.is_empty() => {
                Sectie { kop: kop.into(), tabellen: uit.tabellen.clone(), ..Default::default() }
            }
            Some(_) => Sectie {
                kop: kop.into(),
                zinnen: vec![format!(
                    "Deze cijfers worden berekend uit het begrotingsboek {t}: de geprognosticeerde balans (en voor de Wet fido het renterisico en de netto vlottende schuld) bij de financiële positie, en de financiën van de programma's. Het boek geeft ze nog niet."
                )],
                ..Default::default()
            },
            None => Sectie {
                kop: kop.into(),
                zinnen: vec![format!(
                    "Deze cijfers worden berekend uit het begrotingsboek {t} (de geprognosticeerde balans en het overzicht van baten en lasten); dat boek is er nog niet."
                )],
                ..Default::default()
            },
        });
    }
    // A table right under a heading of the same words needs no title of its own.
    for sectie in &mut secties {
        for tabel in &mut sectie.tabellen {
            if tabel.titel.as_deref() == Some(sectie.kop.as_str()) {
                tabel.titel = None;
            }
        }
    }
    ParagraafView {
        meta,
        huisstijl: style(gemeente),
        titel,
        ondertitel: format!("{stuk} {t}"),
        tekst: p.tekst.clone(),
        secties,
    }
}

/// The heading of what the book computes for a paragraaf, for those it computes something for.
pub fn uit_boek_kop(soort: Soort) -> Option<&'static str> {
    match soort {
        Soort::Weerstandsvermogen => Some("Financiële kengetallen"),
        Soort::Financiering => Some("Renterisiconorm en kasgeldlimiet"),
        _ => None,
    }
}
