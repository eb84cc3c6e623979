//! The bestuursrapportage's view: per programme the stand of the begroting's doelen and
//! activiteiten (titles read from the programmabegroting), the afwijkingen against the
//! begroting as it stands, and the begrotingswijziging.

use serde::Serialize;

use super::{Bestuursrapportage, ROWS, Stand, naam, past};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting::Regel;
use crate::domain::format;
use crate::domain::model::Status;
use crate::kinds::RenderContext;
use crate::kinds::beleid::{lezen, wijzigingen};
use crate::kinds::feiten::Feit;
use crate::kinds::view::{Meta, Style, TableView, style};
use crate::kinds::wijziging::WijzigingView;

#[derive(Debug, Clone, Serialize)]
pub struct BestuursrapportageView {
    pub meta: Meta,
    pub huisstijl: Style,
    pub titel: String,
    /// "Bestuursrapportage over de begroting 2024".
    pub ondertitel: String,
    /// Whether the raad adopted it, and when.
    pub vaststelling: String,
    pub inleiding: String,
    pub programmas: Vec<ProgrammaView>,
    pub begrotingswijziging: Option<WijzigingView>,
}

crate::view!(BestuursrapportageView);

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammaView {
    pub kop: String,
    pub tekst: String,
    pub doelen: Vec<DoelView>,
    /// Lasten, baten and reserves: the begroting as it stands, the afwijking, and after it.
    pub afwijkingen: Option<TableView>,
    pub toelichtingen: Vec<KopTekst>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KopTekst {
    pub kop: String,
    pub tekst: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DoelView {
    pub kop: String,
    pub stand: StandView,
    pub toelichting: String,
    pub activiteiten: Vec<ActiviteitView>,
    /// The same activiteiten as a table (the web page and its open data).
    pub tabel: Option<TableView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActiviteitView {
    pub code: String,
    pub titel: String,
    pub stand: StandView,
    pub toelichting: String,
}

/// A stand as word, symbol and colour.
#[derive(Debug, Clone, Serialize)]
pub struct StandView {
    pub woord: String,
    pub symbool: String,
    pub kleur: String,
}

impl StandView {
    fn van(s: Option<Stand>) -> StandView {
        match s {
            Some(s) => StandView { woord: s.woord().into(), symbool: s.symbool().into(), kleur: s.kleur().into() },
            // A doel or activiteit of the begroting the report does not mention: said, in grey.
            None => StandView { woord: "niet gemeld".into(), symbool: "–".into(), kleur: "#EDEDED".into() },
        }
    }
}

pub fn bestuursrapportage(b: &Bestuursrapportage, context: &RenderContext) -> Result<BestuursrapportageView, Problems> {
    let (library, reads, gemeente) = (context.library, context.reads, context.sources.gemeente);
    let jaar = context.file.jaar;
    let yaml = library.yaml(&context.file.relative);
    let diagnostic = |steps: &[&str], message: String| match &yaml {
        Some(y) => y.diagnostic(y.locate(steps), message),
        None => Diagnostic::new(&context.file.relative, message),
    };
    let eerder: Vec<_> = wijzigingen::vastgesteld(library, jaar, Some(b.datum), reads)?
        .into_iter()
        .filter(|v| v.bestand != context.file.relative)
        .collect();
    let eenheid = gemeente.financien.eenheid;
    let mut problems = Vec::new();
    let mut programmas = Vec::new();
    for (i, p) in b.programmas.iter().enumerate() {
        let i = i.to_string();
        let Some(plan) = lezen::bron(library, Feit::Plan, jaar, &p.programma, reads)?.and_then(|(_, f)| f.plan) else {
            problems.push(
                diagnostic(&["programmas", &i, "programma"], format!("de programmabegroting {jaar} heeft geen programma {}", p.programma))
                    .with_hint(format!("een bestuursrapportage rapporteert over de programma's van de begroting {jaar}: noem het zoals zijn programmabegroting")),
            );
            continue;
        };
        // Every doel and activiteit of the begroting, in its order, with the stand reported.
        let mut doelen = Vec::new();
        let doel_namen: Vec<String> =
            plan.doelen.iter().map(|d| d.code.clone().unwrap_or_else(|| format!("„{}”", d.titel))).collect();
        for (j, d) in p.doelen.iter().enumerate() {
            if !plan.doelen.iter().any(|pd| past(&d.code, &d.titel, pd.code.as_deref(), &pd.titel)) {
                let veld = if d.code.is_some() { "code" } else { "titel" };
                problems.push(
                    diagnostic(
                        &["programmas", &i, "doelen", &j.to_string(), veld],
                        format!("de begroting {jaar} van {} heeft geen doel {}", p.programma, naam(&d.code, &d.titel)),
                    )
                    .with_hint(format!(
                        "de doelen zijn {} (een doel zonder code noemt u met `titel:`)",
                        format::opsomming(&doel_namen)
                    )),
                );
            }
        }
        for pd in &plan.doelen {
            let gemeld =
                p.doelen.iter().enumerate().find(|(_, d)| past(&d.code, &d.titel, pd.code.as_deref(), &pd.titel));
            let mut activiteiten = Vec::new();
            if let Some((j, d)) = gemeld {
                for (k, a) in d.activiteiten.iter().enumerate() {
                    if !pd.activiteiten.iter().any(|(c, t)| past(&a.code, &a.titel, c.as_deref(), t)) {
                        let veld = if a.code.is_some() { "code" } else { "titel" };
                        let namen: Vec<String> = pd
                            .activiteiten
                            .iter()
                            .map(|(c, t)| c.clone().unwrap_or_else(|| format!("„{t}”")))
                            .collect();
                        problems.push(
                            diagnostic(
                                &["programmas", &i, "doelen", &j.to_string(), "activiteiten", &k.to_string(), veld],
                                format!(
                                    "doel {} van {} heeft in de begroting {jaar} geen activiteit {}",
                                    naam(&d.code, &d.titel),
                                    p.programma,
                                    naam(&a.code, &a.titel)
                                ),
                            )
                            .with_hint(format!("de activiteiten zijn {}", format::opsomming(&namen))),
                        );
                    }
                }
            }
            for (code, titel) in &pd.activiteiten {
                let a = gemeld
                    .and_then(|(_, d)| d.activiteiten.iter().find(|a| past(&a.code, &a.titel, code.as_deref(), titel)));
                activiteiten.push(ActiviteitView {
                    code: code.clone().unwrap_or_default(),
                    titel: titel.clone(),
                    stand: StandView::van(a.map(|a| a.stand)),
                    toelichting: a.map(|a| a.toelichting.clone()).unwrap_or_default(),
                });
            }
            let kop = match &pd.code {
                Some(c) => format!("Doel {c}: {}", pd.titel),
                None => pd.titel.clone(),
            };
            let tabel = (!activiteiten.is_empty()).then(|| TableView {
                titel: Some(format!("Activiteiten bij {kop}")),
                kolommen: ["Nr.", "Activiteit", "Stand", "Toelichting"].map(String::from).to_vec(),
                rijen: activiteiten
                    .iter()
                    .map(|a| {
                        vec![
                            crate::kinds::programma::escape_markdown(&a.code),
                            format!("**{}**", crate::kinds::programma::escape_markdown(&a.titel)),
                            format!("{} {}", a.stand.symbool, a.stand.woord),
                            a.toelichting.clone(),
                        ]
                    })
                    .collect(),
                markdown: true,
                ..Default::default()
            });
            doelen.push(DoelView {
                kop,
                tabel,
                stand: StandView::van(gemeld.map(|(_, d)| d.stand)),
                toelichting: gemeld.map(|(_, d)| d.toelichting.clone()).unwrap_or_default(),
                activiteiten,
            });
        }
        let afwijkingen = match (&b.begrotingswijziging, &plan.financien) {
            (Some(w), Some(financien)) if w.programmas().iter().any(|q| q.eq_ignore_ascii_case(&p.programma)) => {
                let rows = |afgerond: bool| -> Vec<Regel> {
                    let e = if afgerond { eenheid } else { 1 };
                    let stand = crate::domain::wijziging::na_wijziging(financien, &p.programma, jaar, &eerder, e);
                    let delta = w.afgerond(e).rijen(&p.programma, jaar);
                    let teken = [-1, 1, -1, 1];
                    let mut out: Vec<Regel> = ROWS
                        .iter()
                        .enumerate()
                        .map(|(k, (_, label))| Regel {
                            label: crate::domain::format::hoofdletter(label),
                            bedragen: vec![teken[k] * stand[k], teken[k] * delta[k], teken[k] * (stand[k] + delta[k])],
                            totaal: false,
                        })
                        .collect();
                    let saldo = (0..3).map(|c| out.iter().map(|r| r.bedragen[c]).sum()).collect();
                    out.push(Regel { label: "Saldo".into(), bedragen: saldo, totaal: true });
                    out
                };
                let eigen = crate::domain::wijziging::van_programma(&eerder, &p.programma);
                let voor = if eigen.is_empty() {
                    format!("Begroting {jaar} primitief")
                } else {
                    format!("Begroting {jaar} tot nu")
                };
                let mut t = crate::kinds::programma::geld_tabel(
                    &rows(true),
                    &rows(false),
                    vec![voor, "Afwijking".into(), "Na deze rapportage".into()],
                    gemeente,
                );
                if !eigen.is_empty() {
                    t.noten.push(format!(
                        "Begroting {jaar} tot nu: de primitieve begroting {}.",
                        crate::domain::wijziging::met_wijzigingen(&eigen)
                    ));
                }
                Some(t)
            }
            _ => None,
        };
        let toelichtingen = ROWS
            .iter()
            .filter_map(|(sleutel, label)| {
                p.toelichting
                    .get(sleutel)
                    .map(|t| KopTekst { kop: crate::domain::format::hoofdletter(label), tekst: t.clone() })
            })
            .collect();
        programmas.push(ProgrammaView {
            kop: format!("Programma {}", plan.programma),
            tekst: p.tekst.clone(),
            doelen,
            afwijkingen,
            toelichtingen,
        });
    }
    // A programme of the begroting the report leaves out is said, never silently missing.
    for plan in lezen::plannen(library, jaar, reads)? {
        if !b.programmas.iter().any(|p| p.programma.trim().eq_ignore_ascii_case(plan.programma.trim())) {
            programmas.push(ProgrammaView {
                kop: format!("Programma {}", plan.programma),
                tekst: "*Over dit programma meldt deze rapportage niets.*".into(),
                doelen: Vec::new(),
                afwijkingen: None,
                toelichtingen: Vec::new(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let begrotingswijziging = match &b.begrotingswijziging {
        Some(w) => Some(crate::kinds::wijziging::view(w, &["begrotingswijziging"], b.datum, context)?),
        None => None,
    };
    // What was sent: the raad's adoption is recorded beside it (manifest, web), not in it.
    let vaststelling = format!("Aangeboden aan de raad op {}.", format::date(b.datum));
    Ok(BestuursrapportageView {
        meta: Meta {
            titel: b.titel.clone(),
            soort: "Bestuursrapportage".into(),
            kop: b.titel.clone(),
            nummer: None,
            jaar,
            gemeente: gemeente.naam.clone(),
            auteurs: vec![format!("Gemeente {}", gemeente.naam)],
            omschrijving: format!("{} van de gemeente {}: de stand van de begroting {jaar}", b.titel, gemeente.naam),
            trefwoorden: vec![jaar.to_string(), "bestuursrapportage".into(), "begrotingswijziging".into()],
            datum: format::date(b.datum),
            datum_iso: b.datum.into(),
            concept: b.status == Status::Concept,
            voorbeeldgegevens: b.voorbeeldgegevens,
            herzien: None,
            bundel: false,
            voorblad: false,
            boek: false,
        },
        huisstijl: style(gemeente),
        titel: b.titel.clone(),
        ondertitel: format!("Bestuursrapportage over de begroting {jaar}"),
        vaststelling,
        inleiding: b.inleiding.clone(),
        programmas,
        begrotingswijziging,
    })
}
