//! The programme chapter of a programmabegroting: doelen with what we want to achieve and what
//! we do for it, themes to four levels, indicators with their targets, the BBV indicators and
//! "Wat mag het kosten?" with the BBV columns, every total computed.

use serde::Serialize;

use super::model::Programmabegroting;
use crate::domain::begroting;
use crate::domain::format;
use crate::domain::model::{Gemeente, Status};
use crate::domain::waarde::Waarde;
use crate::kinds::beleid::Beleid;
use crate::kinds::programma::{self, PartnersView, ThemaView, begroting_tabel};
use crate::kinds::view::{KopCel, Meta, Style, TableView, style};

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammabegrotingView {
    pub meta: Meta,
    pub huisstijl: Style,
    /// "Programma 1 Veiligheid".
    pub titel: String,
    /// "Programmabegroting 2024".
    pub ondertitel: String,
    pub inleiding: String,
    pub vragen: super::model::Vragen,
    /// `indeling: per_vraag`: each question a section with every doel under it.
    pub per_vraag: bool,
    /// Whether there is anything under "Wat gaan we daarvoor doen?" (per question).
    pub doen: bool,
    pub beleidsdoelen: Vec<DoelView>,
    pub aanpak: String,
    pub themas: Vec<ThemaView>,
    pub partners: Option<PartnersView>,
    pub bbv: Option<TableView>,
    pub financien: Option<FinanceView>,
}

crate::view!(ProgrammabegrotingView);

#[derive(Debug, Clone, Serialize)]
pub struct DoelView {
    pub kop: String,
    pub tekst: String,
    pub aanpak: String,
    pub activiteiten: Option<TableView>,
    pub themas: Vec<ThemaView>,
    pub partners: Option<PartnersView>,
    pub indicatoren: Option<TableView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinanceView {
    pub tabel: TableView,
    /// The lines per taakveld and categorie, when the programme enters them so.
    pub per_taakveld: Option<TableView>,
    pub toelichting: String,
}

pub fn programmabegroting(
    p: &Programmabegroting,
    financien: Option<&(begroting::Invoer, Vec<String>)>,
    beleid: &Beleid,
    gemeente: &Gemeente,
    iv3: Option<&crate::domain::iv3::Definities>,
    partijen: Option<&crate::domain::verbonden_partijen::VerbondenPartijen>,
    t: i32,
) -> ProgrammabegrotingView {
    let titel = match p.nummer {
        Some(n) => format!("Programma {n} {}", p.programma),
        None => format!("Programma {}", p.programma),
    };
    let meta = Meta {
        titel: format!("Programmabegroting {t} – {titel}"),
        soort: "Programmabegroting".into(),
        kop: format!("Programmabegroting {t} · {}", p.programma),
        nummer: None,
        jaar: t,
        gemeente: gemeente.naam.clone(),
        auteurs: vec![format!("Gemeente {}", gemeente.naam)],
        omschrijving: format!("Programmabegroting {t}, programma {}, gemeente {}", p.programma, gemeente.naam),
        trefwoorden: vec![t.to_string(), "programmabegroting".into(), p.programma.to_lowercase()],
        datum: format::date(p.datum),
        datum_iso: p.datum.into(),
        concept: p.status == Status::Concept,
        voorbeeldgegevens: p.voorbeeldgegevens,
        herzien: None,
        bundel: false,
        voorblad: false,
        boek: false,
    };
    let jaren: Vec<i32> = (t..=t + 3).collect();
    let beleidsdoelen: Vec<DoelView> = p
        .beleidsdoelen
        .iter()
        .map(|d| {
            let indicatoren = (!d.indicatoren.is_empty()).then(|| {
                let rijen = d
                    .indicatoren
                    .iter()
                    .filter_map(|s| {
                        let def = beleid.indicatoren.get(&s.id)?;
                        let laatst = beleid.laatst_bekend(&s.id, t - 1).map_or_else(
                            || "–".to_string(),
                            |(jaar, w, meting)| {
                                if meting { format!("{w} (meting {jaar})") } else { format!("{w} ({jaar})") }
                            },
                        );
                        let mut row = vec![def.naam.clone(), def.eenheid.clone(), laatst];
                        row.extend(jaren.iter().map(|j| {
                            s.streefwaarden
                                .get(j)
                                .cloned()
                                .or_else(|| beleid.streefwaarde(&s.id, *j))
                                .map_or_else(|| "–".into(), |w: Waarde| w.to_string())
                        }));
                        Some(row)
                    })
                    .collect();
                let mut kolommen = vec!["Indicator".to_string(), "Eenheid".into(), "Laatst bekend".into()];
                kolommen.extend(jaren.iter().map(i32::to_string));
                let cel = |tekst: &str, kolommen, rijen| KopCel { tekst: tekst.into(), kolommen, rijen };
                TableView {
                    kopregels: vec![
                        vec![
                            cel("Indicator", 1, 2),
                            cel("Eenheid", 1, 2),
                            cel("Laatst bekend", 1, 2),
                            cel("Streefwaarde", 4, 1),
                        ],
                        jaren.iter().map(|j| cel(&j.to_string(), 1, 1)).collect(),
                    ],
                    kolommen,
                    rijen,
                    rijkop: true,
                    ..Default::default()
                }
            });
            DoelView {
                kop: programma::doel_kop(&p.doel_label, d.code.as_deref(), &d.titel),
                tekst: d.tekst.clone(),
                aanpak: d.aanpak.clone(),
                activiteiten: programma::activiteiten(&d.activiteiten, &p.kolommen),
                themas: programma::themas(&d.themas, &p.kolommen, 2),
                partners: programma::partners(d.partners.as_ref(), partijen, t, false, gemeente),
                indicatoren,
            }
        })
        .collect();
    let financien = financien.map(|(invoer, gelezen)| {
        // Printed from amounts rounded once; the open data keeps the euros.
        let afgerond = invoer.afgerond(gemeente.financien.eenheid);
        let mut tabel = begroting_tabel(&begroting::regels(&afgerond, t), &begroting::regels(invoer, t), t, gemeente);
        tabel.noten.extend(gelezen.iter().cloned());
        FinanceView {
            tabel,
            per_taakveld: Some(begroting::per_taakveld(invoer, t, iv3)).filter(|rows| !rows.is_empty()).map(|exact| {
                let rows = begroting::per_taakveld(&afgerond, t, iv3);
                let mut tabel = begroting_tabel(&rows, &exact, t, gemeente);
                tabel.noten.extend(gelezen.iter().cloned());
                TableView { titel: Some("Lasten en baten per taakveld".into()), ..tabel }
            }),
            toelichting: invoer.toelichting.clone(),
        }
    });
    ProgrammabegrotingView {
        meta,
        huisstijl: style(gemeente),
        ondertitel: format!("Programmabegroting {t}"),
        titel,
        inleiding: p.inleiding.clone(),
        vragen: p.vragen.clone(),
        per_vraag: p.indeling == super::model::Indeling::PerVraag,
        doen: !p.aanpak.trim().is_empty()
            || !p.themas.is_empty()
            || beleidsdoelen
                .iter()
                .any(|d| !d.aanpak.trim().is_empty() || d.activiteiten.is_some() || !d.themas.is_empty()),
        beleidsdoelen,
        aanpak: p.aanpak.clone(),
        themas: programma::themas(&p.themas, &p.kolommen, 1),
        partners: programma::partners(p.partners.as_ref(), partijen, t, false, gemeente),
        bbv: programma::bbv_tabel(&p.bbv_indicatoren),
        financien,
    }
}
