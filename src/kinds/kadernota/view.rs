//! The Kadernota: cover, voorwoord, chapters with the prioriteiten and their indicator tables,
//! bijlagen.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{Hoofdstuk, Kadernota, Prioriteit, Tabel};
use crate::domain::format;
use crate::domain::model::{Gemeente, Indicator, Status};
use crate::kinds::view::{KopCel, Meta, Style, TableView, style};

/// Deepest heading level that gets a number (3.2.1); deeper headings are plain.
const NUMBERED_LEVELS: u8 = 3;

#[derive(Debug, Clone, Serialize)]
pub struct KadernotaView {
    pub meta: Meta,
    pub huisstijl: Style,
    pub titel: String,
    pub ondertitel: Option<String>,
    pub versie: String,
    pub voorwoord: Option<VoorwoordView>,
    pub hoofdstukken: Vec<SectieView>,
    pub bijlagen: Vec<SectieView>,
}

crate::view!(KadernotaView);

#[derive(Debug, Clone, Serialize)]
pub struct VoorwoordView {
    pub tekst: String,
    pub ondertekening: Vec<SignerView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignerView {
    pub plaats_datum: String,
    pub functie: String,
    pub naam: String,
}

/// A heading with its text, tables and sub-sections, at a computed level.
#[derive(Debug, Clone, Serialize)]
pub struct SectieView {
    /// The heading as shown ("Bijlage 1. …" for appendices).
    pub titel: String,
    pub niveau: u8,
    pub genummerd: bool,
    /// Markdown before the sub-sections.
    pub tekst: String,
    pub tabellen: Vec<TableView>,
    pub paragrafen: Vec<SectieView>,
    /// Markdown after the sub-sections.
    pub slot: String,
}

impl SectieView {
    fn leaf(titel: &str, niveau: u8, tekst: &str) -> Self {
        SectieView {
            titel: titel.to_string(),
            niveau,
            genummerd: false,
            tekst: tekst.to_string(),
            tabellen: Vec::new(),
            paragrafen: Vec::new(),
            slot: String::new(),
        }
    }
}

pub fn kadernota(
    k: &Kadernota,
    indicatoren: &BTreeMap<String, Indicator>,
    gemeente: &Gemeente,
    jaar: i32,
) -> KadernotaView {
    let periode = format!("{}-{}", k.periode.van, k.periode.tot);
    let meta = Meta {
        titel: k.titel.clone(),
        soort: "Kadernota".into(),
        kop: format!("Kadernota {periode}"),
        nummer: None,
        jaar,
        gemeente: gemeente.naam.clone(),
        auteurs: vec![format!("Gemeente {}", gemeente.naam)],
        omschrijving: format!("Kadernota {periode} van de gemeente {}", gemeente.naam),
        trefwoorden: vec![jaar.to_string(), "kadernota".into(), periode],
        datum: format::date(k.datum),
        datum_iso: k.datum.into(),
        concept: k.status == Status::Concept,
        voorbeeldgegevens: false,
        herzien: None,
        bundel: false,
        voorblad: false,
        boek: false,
    };
    let hoofdstukken = k.hoofdstukken.iter().map(|h| sectie(h, 1, true, indicatoren)).collect();
    let bijlagen = k
        .bijlagen
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut s = sectie(h, 1, false, indicatoren);
            s.titel = format!("Bijlage {}. {}", i + 1, h.titel);
            s
        })
        .collect();
    KadernotaView {
        meta,
        huisstijl: style(gemeente),
        titel: k.titel.clone(),
        ondertitel: k.ondertitel.clone(),
        versie: format!("Versie: {}", format::date(k.datum)),
        voorwoord: k.voorwoord.as_ref().map(|v| VoorwoordView {
            tekst: v.tekst.clone(),
            ondertekening: v
                .ondertekening
                .iter()
                .map(|o| SignerView {
                    plaats_datum: o.plaats_datum.clone().unwrap_or_default(),
                    functie: o.functie.clone(),
                    naam: o.naam.clone(),
                })
                .collect(),
        }),
        hoofdstukken,
        bijlagen,
    }
}

fn sectie(h: &Hoofdstuk, niveau: u8, genummerd: bool, indicatoren: &BTreeMap<String, Indicator>) -> SectieView {
    let mut paragrafen: Vec<SectieView> =
        h.paragrafen.iter().map(|p| sectie(p, niveau + 1, genummerd, indicatoren)).collect();
    paragrafen.extend(h.prioriteiten.iter().map(|p| prioriteit(p, niveau + 1, genummerd, indicatoren)));
    SectieView {
        titel: h.titel.clone(),
        niveau,
        genummerd: genummerd && niveau <= NUMBERED_LEVELS,
        tekst: h.tekst.clone(),
        tabellen: h.tabellen.iter().map(markdown_table).collect(),
        paragrafen,
        slot: String::new(),
    }
}

/// A prioriteit as its fixed sequence of parts; empty parts are left out.
fn prioriteit(p: &Prioriteit, niveau: u8, genummerd: bool, indicatoren: &BTreeMap<String, Indicator>) -> SectieView {
    let sub = niveau + 1;
    let mut parts = Vec::new();
    let mut add = |titel: &str, tekst: &str| {
        if !tekst.trim().is_empty() {
            parts.push(SectieView::leaf(titel, sub, tekst));
        }
    };
    add("Inleiding van het thema", &p.inleiding);
    add("Problematiek", &p.problematiek);
    if let Some(f) = &p.focuspunten {
        let mut s = SectieView::leaf("Focuspunten", sub, &f.inleiding);
        s.paragrafen = f.punten.iter().map(|pt| SectieView::leaf(&pt.titel, sub + 1, &pt.tekst)).collect();
        s.slot = f.slot.clone();
        parts.push(s);
    }
    let mut add = |titel: &str, tekst: &str| {
        if !tekst.trim().is_empty() {
            parts.push(SectieView::leaf(titel, sub, tekst));
        }
    };
    add("Uitgangspunten", &p.uitgangspunten);
    if !p.indicatoren.is_empty() || !p.doelstellingen.trim().is_empty() {
        let mut s = SectieView::leaf("Indicatoren/doelstellingen", sub, &p.doelstellingen);
        if !p.indicatoren.is_empty() {
            s.tabellen.push(indicator_table(p, indicatoren));
        }
        parts.push(s);
    }
    let mut add = |titel: &str, tekst: &str| {
        if !tekst.trim().is_empty() {
            parts.push(SectieView::leaf(titel, sub, tekst));
        }
    };
    add("Aanpak en samenwerking met partners", &p.aanpak);
    add("Samenwerking", &p.samenwerking);
    add("Financiën", &p.financien);
    let titel = match &p.code {
        Some(code) if !genummerd => format!("{code}. {}", p.titel),
        _ => p.titel.clone(),
    };
    SectieView {
        titel,
        niveau,
        genummerd: genummerd && niveau <= NUMBERED_LEVELS,
        tekst: String::new(),
        tabellen: Vec::new(),
        paragrafen: parts,
        slot: String::new(),
    }
}

/// Indicator | Bron | Meting <jaar> | Streefwaarde <jaar> …, as in the Kadernota's own tables.
/// A baseline from another year than the column's is marked "*)" with a note.
fn indicator_table(p: &Prioriteit, indicatoren: &BTreeMap<String, Indicator>) -> TableView {
    let jaren: BTreeSet<i32> = p.indicatoren.iter().flat_map(|d| d.streefwaarden.keys().copied()).collect();
    // The column's baseline year is the one most indicators use.
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for d in &p.indicatoren {
        *counts.entry(d.meting.jaar).or_default() += 1;
    }
    let meting_jaar = counts.iter().max_by_key(|(j, n)| (**n, -**j)).map(|(j, _)| *j).unwrap_or_default();
    let mut kolommen = vec!["Indicator".to_string(), "Bron".to_string(), format!("Meting {meting_jaar}")];
    kolommen.extend(jaren.iter().map(|j| j.to_string()));
    // "Streefwaarde" once, over its years: four headers "Streefwaarde 2019" … side by side
    // would need more room than the page has.
    let span = |tekst: &str, kolommen: usize, rijen: usize| KopCel { tekst: tekst.to_string(), kolommen, rijen };
    let mut boven: Vec<KopCel> = kolommen[..3].iter().map(|k| span(k, 1, 2)).collect();
    boven.push(span("Streefwaarde", jaren.len(), 1));
    let kopregels = if jaren.is_empty() {
        Vec::new()
    } else {
        vec![boven, jaren.iter().map(|j| span(&j.to_string(), 1, 1)).collect()]
    };
    let mut afwijkend = BTreeSet::new();
    let rijen = p
        .indicatoren
        .iter()
        .map(|d| {
            let def = indicatoren.get(&d.id);
            let mut meting = d.meting.waarde.to_string();
            if d.meting.jaar != meting_jaar {
                meting.push_str(" *)");
                afwijkend.insert(d.meting.jaar);
            }
            let mut rij = vec![
                def.map_or_else(|| d.id.clone(), |i| i.naam.clone()),
                def.map_or_else(String::new, |i| i.bron.clone()),
                meting,
            ];
            rij.extend(jaren.iter().map(|j| d.streefwaarden.get(j).map_or_else(|| "–".to_string(), |w| w.to_string())));
            rij
        })
        .collect();
    TableView {
        titel: None,
        kolommen,
        rijen,
        breedtes: Vec::new(),
        markdown: false,
        rijkop: true,
        noten: afwijkend.iter().map(|j| format!("*) meting {j}")).collect(),
        breekbaar: false,
        lang: Vec::new(),
        kop: Vec::new(),
        heel: false,
        beschikbaar: None,
        kopregels,
        euro: Vec::new(),
    }
}

fn markdown_table(t: &Tabel) -> TableView {
    let n = t.kolommen.len().max(1);
    // Widths from the content, unless the steller gave them.
    let breedtes = t.breedtes.clone().unwrap_or_default();
    TableView {
        titel: t.titel.clone(),
        kolommen: t.kolommen.clone(),
        rijen: t.rijen.iter().map(|r| (0..n).map(|c| r.get(c).cloned().unwrap_or_default()).collect()).collect(),
        breedtes,
        markdown: true,
        rijkop: false,
        noten: Vec::new(),
        breekbaar: false,
        lang: Vec::new(),
        kop: Vec::new(),
        heel: false,
        beschikbaar: None,
        kopregels: Vec::new(),
        euro: Vec::new(),
    }
}
