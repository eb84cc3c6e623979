//! The book of a year: the programmabegroting (`soort: begrotingsboek`) or the jaarverslag
//! (`soort: jaarverslagboek`) with all its programmes. Its own file holds what belongs to the
//! book (the introduction; for the begroting the algemene dekkingsmiddelen, overhead and
//! onvoorzien). The book is put together like a raadsvoorstel's bundle: a front part (cover,
//! contents, introduction), then each programme's laid-out pages in number order, then the
//! overview across programmes. A correction in one programme lays out that programme, the
//! overview and the front part again, not the other chapters.

use std::any::Any;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting::{self, LastenBaten, Post};
use crate::domain::format;
use crate::domain::model::Status;
use crate::kinds::charts::{self, Bars, Palette};
use crate::kinds::programma::{begroting_tabel, eenheid_label};
use crate::kinds::view::DeelView;
use crate::kinds::view::{ChartView, Meta, Style, TableView, style};
use crate::kinds::{
    Bron, Deel, Document, Kind, Library, New, RenderContext, Rendering, Sources, ViewModel, document_stem,
};
use crate::source::project::DocumentFile;
use crate::source::yaml::YamlFile;

mod codes;
mod compleet;
mod hoofdstukken;
mod jaarrekening;
mod jaarrekening_rules;
mod positie;
mod verloop;
mod voor_paragrafen;

use hoofdstukken::hoofdstukken;

/// Which book: the begroting's or the jaarverslag's.
pub struct BoekKind {
    soort: &'static str,
    /// The soort of its chapters.
    hoofdstukken: &'static str,
    /// "Programmabegroting", "Jaarverslag".
    naam: &'static str,
}

pub static BEGROTING: BoekKind =
    BoekKind { soort: "begrotingsboek", hoofdstukken: "programmabegroting", naam: "Programmabegroting" };
pub static JAARVERSLAG: BoekKind =
    BoekKind { soort: "jaarverslagboek", hoofdstukken: "jaarverslag", naam: "Jaarverslag" };

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boek {
    pub soort: String,
    pub status: Status,
    pub datum: NaiveDate,
    #[serde(default)]
    pub voorbeeldgegevens: bool,
    /// "Programmabegroting 2024" when left out.
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default)]
    pub ondertitel: Option<String>,
    /// Markdown with its own sub-headings.
    #[serde(default)]
    pub inleiding: String,
    /// Only in a begrotingsboek.
    #[serde(default)]
    pub algemene_dekkingsmiddelen: Vec<Post>,
    #[serde(default)]
    pub overhead: Option<LastenBaten>,
    #[serde(default)]
    pub onvoorzien: Option<crate::domain::begroting::Bedragen>,
    /// The uiteenzetting van de financiële positie: the geprognosticeerde balans, the woonlasten
    /// for fk.6 (only in a begrotingsboek).
    #[serde(default)]
    pub financiele_positie: Option<crate::domain::kengetallen::FinancielePositie>,
    /// Parts the BBV requires that do not apply, each with the reason the book prints
    /// (`grondbeleid: "De gemeente heeft geen grondposities."`).
    #[serde(default)]
    pub niet_van_toepassing: std::collections::BTreeMap<String, String>,
    /// Only in a jaarverslagboek: the jaarrekening's own entries (the realisatie of the book's
    /// posts, the balans); everything else in it is read or computed.
    #[serde(default)]
    pub jaarrekening: Option<crate::domain::jaarrekening::Jaarrekening>,
    /// Filled in when read: which book this is.
    #[serde(skip)]
    pub kind: Option<&'static BoekKind>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoekView {
    pub meta: Meta,
    pub huisstijl: Style,
    pub titel: String,
    pub ondertitel: Option<String>,
    pub gemeente: String,
    pub inleiding: String,
    /// Filled in once the parts are laid out.
    pub delen: Vec<DeelView>,
    pub paginas: usize,
    pub overzicht: Option<TableView>,
    /// The overzicht van baten en lasten per taakveld (BBV), with the same totals.
    pub per_taakveld: Option<TableView>,
    /// The algemene dekkingsmiddelen in the BBV's groups (art. 8), with onvoorzien.
    pub dekkingsmiddelen: Option<TableView>,
    /// The incidentele baten en lasten per programme, and the structureel begrotingssaldo.
    pub incidenteel: Option<TableView>,
    pub structureel: Option<TableView>,
    /// The uiteenzetting van de financiële positie: the balans and the kengetallen.
    pub positie: Option<positie::PositieView>,
    /// The parts the BBV requires that do not apply, with their reasons.
    pub niet_van_toepassing: Vec<compleet::NietVanToepassing>,
    pub grafiek: Option<ChartView>,
    /// The programmes whose chapter has no finance: named in the overview, not counted.
    pub zonder_financien: Vec<String>,
    /// A jaarverslagboek's jaarrekening.
    pub jaarrekening: Option<jaarrekening::JaarrekeningView>,
}

crate::view!(omslag: BoekView);

impl std::fmt::Debug for BoekKind {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.soort)
    }
}

impl Kind for BoekKind {
    fn soort(&self) -> &'static str {
        self.soort
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("web-boek", include_str!("../../../templates/web/web-boek.html.hbs"))]
    }

    fn woo_categorie(&self) -> crate::domain::model::WooCategorie {
        crate::domain::model::WooCategorie::JaarplannenEnJaarverslagen
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("boek", include_str!("../../../templates/boek.typ.hbs")),
            ("boek-overzicht", include_str!("../../../templates/boek-overzicht.typ.hbs")),
            ("boek-paginas", include_str!("../../../templates/boek-paginas.typ.hbs")),
            ("boek-jaarrekening", include_str!("../../../templates/boek-jaarrekening.typ.hbs")),
        ]
    }

    fn one_per_year(&self) -> bool {
        true
    }

    /// What the book will show of its chapters, said beforehand at the chapter: a begroting
    /// chapter without finance (the overview names it instead of counting it), a chapter
    /// without `nummer` (it goes last) and two chapters with the same `nummer` (the book orders
    /// them by file name).
    fn samenhang(&self, loaded: &crate::kinds::Loaded, library: &dyn Library) -> Vec<Diagnostic> {
        let kind: &BoekKind = if self.soort == BEGROTING.soort { &BEGROTING } else { &JAARVERSLAG };
        let mut out = hoofdstukken::samenhang(kind, loaded, library);
        // A concept book may be incomplete: said as warnings (a definitief one fails to build).
        if let Some(boek) = loaded.document.as_any().downcast_ref::<Boek>() {
            let chapters = hoofdstukken(kind, loaded.file.jaar, library);
            if let Some(file) = library.yaml(&loaded.file.relative) {
                out.extend(
                    compleet::check(boek, kind, &chapters, library, &file).into_iter().filter(|d| d.waarschuwing),
                );
                out.extend(positie::waarschuwingen(&file, boek, &chapters, library));
            }
        }
        out
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        let kind: &'static BoekKind = if self.soort == BEGROTING.soort { &BEGROTING } else { &JAARVERSLAG };
        let (document, found) = file.parse_all::<Boek>();
        let mut found = found;
        let document = document.map(|mut b| {
            b.kind = Some(kind);
            if kind.soort == JAARVERSLAG.soort {
                for (key, given) in [
                    ("algemene_dekkingsmiddelen", !b.algemene_dekkingsmiddelen.is_empty()),
                    ("overhead", b.overhead.is_some()),
                    ("onvoorzien", b.onvoorzien.is_some()),
                    ("financiele_positie", b.financiele_positie.is_some()),
                ] {
                    if given {
                        found.push(
                            file.diagnostic(file.top_level_position(key), format!("`{key}` hoort bij een begrotingsboek"))
                                .with_hint("in een jaarverslagboek komt de begroting van het jaar uit het begrotingsboek; de realisatie staat onder `jaarrekening:`"),
                        );
                    }
                }
                if let (Some(jr), Some(jaar)) =
                    (&b.jaarrekening, crate::source::project::document_file(&file.name).map(|d| d.jaar))
                {
                    found.extend(jaarrekening_rules::check(file, jr, b.status, sources.iv3.definities(jaar), jaar));
                }
            } else if let Some(jaar) = crate::source::project::document_file(&file.name).map(|d| d.jaar) {
                for (path, message) in begroting::check_algemeen(&b.algemeen(), jaar) {
                    let steps: Vec<&str> = path.iter().map(String::as_str).collect();
                    found.push(file.diagnostic(file.locate(&steps), message).with_hint(format!(
                        "de kolommen van de begroting {jaar}: {}",
                        begroting::kolom_labels(jaar)
                    )));
                }
                found.extend(positie::check(file, &b, jaar));
                if b.jaarrekening.is_some() {
                    found.push(
                        file.diagnostic(file.top_level_position("jaarrekening"), "`jaarrekening` hoort bij een jaarverslagboek")
                            .with_hint("de jaarrekening staat in data/<jaar>/jaarverslagboek.yaml, na het jaar"),
                    );
                }
                // The book's own codes are those of the begroting's year.
                if let Some(definities) = sources.iv3.definities(jaar) {
                    found.extend(codes::check_codes(file, &b, definities));
                }
            }
            b
        });
        (document.map(|d| Arc::new(d) as Arc<dyn Document>), found)
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        let mut t = format!(
            "# {} {}: de voorkant, de inhoud en de inleiding van het boek; de programma's zijn de\n# bestanden met `soort: {}` in deze map, in de volgorde van hun `nummer`.\nsoort: {}\nstatus: concept\ndatum: {}\ninleiding: |\n  {}\n",
            self.naam,
            new.jaar,
            self.hoofdstukken,
            self.soort,
            new.today,
            crate::kinds::IN_TE_VULLEN
        );
        if self.soort == BEGROTING.soort {
            let jaren: Vec<String> = begroting::jaren(new.jaar).iter().map(|j| format!("{j}: 0")).collect();
            t.push_str(&format!(
                "# Bedragen in hele euro's per jaar: realisatie {}, begroting {} en {}, ramingen {} tot en met {}.\nalgemene_dekkingsmiddelen:\n  - naam: Algemene uitkering gemeentefonds\n    bedragen: {{ {} }}\noverhead:\n  lasten: {{ {} }}\nonvoorzien: {{ {} }}\n",
                new.jaar - 2, new.jaar - 1, new.jaar, new.jaar + 1, new.jaar + 3,
                jaren.join(", "), jaren.join(", "), jaren.join(", ")
            ));
        }
        Ok((format!("{}.yaml", self.soort), t))
    }
}

impl Boek {
    /// What the book itself enters, as the overview reads it.
    fn algemeen(&self) -> begroting::Algemeen {
        begroting::Algemeen {
            algemene_dekkingsmiddelen: self.algemene_dekkingsmiddelen.clone(),
            overhead: self.overhead.clone(),
            onvoorzien: self.onvoorzien.clone(),
        }
    }
}

impl Document for Boek {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        self.kind.map_or("begrotingsboek", |k| k.soort)
    }

    fn status(&self) -> Status {
        self.status
    }

    fn voor_paragraaf(&self, sleutel: &str, context: &RenderContext) -> Result<crate::kinds::VoorParagraaf, Problems> {
        self.tabellen_voor(sleutel, context)
    }

    fn delen(&self, file: &DocumentFile, library: &dyn Library) -> Vec<String> {
        let kind = self.kind.unwrap_or(&BEGROTING);
        hoofdstukken(kind, file.jaar, library).into_iter().map(|c| c.doc.relative).collect()
    }

    /// The begroting's figures for the CBS, from the same chapters and entries as its overview;
    /// for a jaarverslagboek with a jaarrekening, its realisatie and balans.
    fn iv3(&self, context: &RenderContext) -> Option<Result<crate::domain::levering::Levering, Problems>> {
        if self.kind.unwrap_or(&BEGROTING).soort != BEGROTING.soort {
            self.jaarrekening.as_ref()?;
            return Some(self.chapters(context).and_then(|inhoud| {
                let rekening = self.rekening(&inhoud, context)?.expect("a jaarrekening");
                Ok(crate::domain::levering::Levering { realisatie: true, ..rekening.levering })
            }));
        }
        Some(self.chapters(context).map(|inhoud| {
            let programmas = &inhoud.programmas;
            let list: Vec<begroting::Programma> = programmas
                .iter()
                .filter_map(|(naam, f, _)| f.as_ref().map(|invoer| begroting::Programma { naam: naam.clone(), invoer }))
                .collect();
            let jaar = context.file.jaar;
            let definities = context.sources.iv3.definities(jaar);
            let mut levering = crate::domain::levering::begroting(&list, &self.algemeen(), jaar, definities);
            // A chapter without finance is not in the delivery: then there is none.
            for (naam, _, _) in programmas.iter().filter(|(_, f, _)| f.is_none()) {
                levering.ontbreekt.push(format!("de financiën van programma {naam}"));
            }
            if definities.is_none() {
                levering.ontbreekt.push(format!(
                    "de Iv3-definities van {jaar} (raadsstuk kent {}): de codes zijn niet te controleren",
                    context.sources.iv3.jaren().iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                ));
            }
            levering.datum = Some(self.datum);
            // A reserve no programme has is the book's error, said when it is made.
            if let Ok(Some(b)) = self.berekend(&inhoud, context) {
                let per_jaar = crate::domain::kengetallen::per_jaar(&b.positie, &b.balans, &b.exploitatie, jaar);
                levering.kengetallen = crate::domain::levering::kengetallen(&per_jaar, jaar);
            }
            levering
        }))
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let kind = self.kind.unwrap_or(&BEGROTING);
        let jaar = context.file.jaar;
        let gemeente = context.sources.gemeente;
        let inhoud = self.chapters(context)?;
        let (chapters, programmas, voorbeeld) = (&inhoud.chapters, &inhoud.programmas, inhoud.voorbeeld);
        // Complete, or say why: a definitief book holds every part the BBV requires.
        let niet_van_toepassing = {
            if let Some(file) = context.library.yaml(&context.file.relative) {
                let fouten: Vec<Diagnostic> = compleet::check(self, kind, chapters, context.library, &file)
                    .into_iter()
                    .filter(|d| !d.waarschuwing)
                    .collect();
                if !fouten.is_empty() {
                    return Err(Problems(fouten));
                }
            }
            compleet::niet_van_toepassing(self, kind, context.library)
        };
        let titel = self.titel.clone().unwrap_or_else(|| format!("{} {jaar}", kind.naam));
        let meta = Meta {
            titel: titel.clone(),
            soort: kind.naam.to_string(),
            kop: titel.clone(),
            nummer: None,
            jaar,
            gemeente: gemeente.naam.clone(),
            auteurs: vec![format!("Gemeente {}", gemeente.naam)],
            omschrijving: format!("{titel} van de gemeente {}, met alle programma's", gemeente.naam),
            trefwoorden: vec![jaar.to_string(), kind.naam.to_lowercase()],
            datum: format::date(self.datum),
            datum_iso: self.datum.into(),
            concept: self.status == Status::Concept,
            voorbeeldgegevens: voorbeeld,
            herzien: None,
            bundel: false,
            voorblad: false,
            // The front part and the overview are only ever pages of the book.
            boek: true,
        };
        let mut files = std::collections::HashMap::new();
        let zonder_financien: Vec<String> = if kind.soort == BEGROTING.soort {
            programmas.iter().filter(|(_, f, _)| f.is_none()).map(|(naam, _, _)| format!("Programma {naam}")).collect()
        } else {
            Vec::new()
        };
        let met_financien = programmas.iter().any(|(_, f, _)| f.is_some());
        // Where the columns of other years come from, per programme, under the tables that show them.
        let gelezen: Vec<String> = programmas.iter().flat_map(|(_, _, g)| g.iter().cloned()).collect();
        let (overzicht, per_taakveld, dekkingsmiddelen, incidenteel, structureel, grafiek, positie) = if kind.soort
            == BEGROTING.soort
            && met_financien
        {
            let algemeen = self.algemeen();
            // A chapter without finance is named, not counted as zeros.
            let list: Vec<begroting::Programma> = programmas
                .iter()
                .filter_map(|(naam, f, _)| f.as_ref().map(|invoer| begroting::Programma { naam: naam.clone(), invoer }))
                .collect();
            // Each table prints rows computed from amounts rounded once to the unit (so its
            // totals are sums of what it prints); its open data carries the exact rows.
            let eenheid = gemeente.financien.eenheid;
            let afgeronde: Vec<(String, begroting::Invoer)> =
                list.iter().map(|p| (p.naam.clone(), p.invoer.afgerond(eenheid))).collect();
            let list_r: Vec<begroting::Programma> =
                afgeronde.iter().map(|(naam, invoer)| begroting::Programma { naam: naam.clone(), invoer }).collect();
            let algemeen_r = algemeen.afgerond(eenheid);
            let tafel = |f: &dyn Fn(&[begroting::Programma], &begroting::Algemeen) -> Vec<begroting::Regel>| {
                begroting_tabel(&f(&list_r, &algemeen_r), &f(&list, &algemeen), jaar, gemeente)
            };
            // The tables that add up the programmes' columns say where the read ones come from.
            let met_bronnen = |mut tabel: TableView| {
                tabel.noten.extend(gelezen.iter().cloned());
                tabel
            };
            let regels = begroting::overzicht(&list_r, &algemeen_r, jaar);
            let mut tabel = met_bronnen(tafel(&|l, a| begroting::overzicht(l, a, jaar)));
            tabel.titel = Some("Overzicht van baten en lasten".into());
            let definities = context.sources.iv3.definities(jaar);
            let mut per_taakveld =
                met_bronnen(tafel(&|l, a| crate::domain::overzichten::per_taakveld(l, a, jaar, definities)));
            per_taakveld.titel = Some("Overzicht van baten en lasten per taakveld".into());
            let dekkingsmiddelen = (!algemeen.algemene_dekkingsmiddelen.is_empty()).then(|| {
                let mut tabel = tafel(&|_, a| crate::domain::overzichten::algemene_dekkingsmiddelen(a, jaar));
                tabel.titel = Some("Algemene dekkingsmiddelen".into());
                tabel
            });
            let (_, onbekend) = crate::domain::overzichten::incidentele(&list, &algemeen, jaar, definities);
            let mut incidenteel =
                met_bronnen(tafel(&|l, a| crate::domain::overzichten::incidentele(l, a, jaar, definities).0));
            incidenteel.titel = Some("Incidentele baten en lasten".into());
            if !onbekend.is_empty() {
                let namen: Vec<String> = onbekend.iter().map(|n| format!("Programma {n}")).collect();
                incidenteel.noten.push(format!(
                    "{} staat in bedragen per jaar, niet in regels: wat daarvan incidenteel is, telt hier niet mee.",
                    namen.join(" en ")
                ));
            }
            let mut structureel = tafel(&|l, a| crate::domain::overzichten::structureel_saldo(l, a, jaar));
            structureel.titel = Some("Structureel begrotingssaldo".into());
            structureel.noten.push("Mutaties van reserves tellen als incidenteel.".into());
            let h = &gemeente.huisstijl;
            let palette =
                Palette { primair: charts::rgb(&h.kleur_primair), secundair: charts::rgb(&h.kleur_secundair) };
            let waarde =
                |label: &str, i: usize| regels.iter().find(|r| r.label == label).map_or(0, |r| r.bedragen[i].abs());
            let label = eenheid_label(gemeente);
            let bars = Bars {
                titel: titel.clone(),
                groepen: (2..6)
                    .map(|i| {
                        (
                            begroting::kolom_label(jaar, jaar - 2 + i as i32),
                            waarde("Totaal lasten", i),
                            waarde("Totaal baten", i),
                        )
                    })
                    .collect(),
                reeksen: ["lasten".into(), "baten".into()],
                eenheid: gemeente.financien.eenheid,
                eenheid_label: label.replace("bedragen ", ""),
            };
            let pad = format!("{}/1.svg", context.charts);
            files.insert(pad.clone(), charts::bars_svg(&bars, &h.lettertype, palette).into_bytes());
            let b =
                |x: i64| crate::domain::financien::bedrag(x, gemeente.financien.eenheid, gemeente.financien.notatie);
            let grafiek = ChartView {
                pad,
                breedte: charts::BARS_WIDTH,
                // The table above shows lasten as negative amounts; the chart draws both as heights.
                titel: charts::caption(
                    &format!("Lasten en baten {jaar}–{}, beide als positief bedrag", jaar + 3),
                    &bars.eenheid_label,
                ),
                alt: charts::bars_alt(&bars),
                tabel: TableView {
                    kolommen: vec![label.clone(), "Lasten".into(), "Baten".into()],
                    rijen: bars.groepen.iter().map(|(l, x, y)| vec![l.clone(), b(*x), b(*y)]).collect(),
                    rijkop: true,
                    euro: bars.groepen.iter().map(|(_, x, y)| vec![None, Some(*x), Some(*y)]).collect(),
                    ..Default::default()
                },
            };
            // The kengetallen from the same exact overviews (ratios: nothing to round first).
            let positie = self.berekend(&inhoud, context)?.map(|b| positie::positie(&b, jaar, gemeente));
            (
                Some(tabel),
                Some(per_taakveld),
                dekkingsmiddelen,
                Some(incidenteel),
                Some(structureel),
                Some(grafiek),
                positie,
            )
        } else {
            (None, None, None, None, None, None, None)
        };
        let rekening = self.rekening(&inhoud, context)?;
        let view = BoekView {
            meta,
            huisstijl: style(gemeente),
            titel,
            ondertitel: self.ondertitel.clone(),
            gemeente: gemeente.naam.clone(),
            // A book without an introduction has no Inleiding page, and none in its contents.
            inleiding: self.inleiding.trim().to_string(),
            delen: Vec::new(),
            paginas: 0,
            overzicht,
            per_taakveld,
            dekkingsmiddelen,
            incidenteel,
            structureel,
            positie,
            niet_van_toepassing,
            grafiek,
            zonder_financien,
            jaarrekening: rekening.map(|r| r.view),
        };
        let stem = document_stem(context.file);
        let mut delen: Vec<Deel> =
            chapters.iter().map(|c| Deel { titel: c.titel(), bron: Bron::Document(c.doc.clone()) }).collect();
        let mut renderings = Vec::new();
        // The overview is there as soon as a chapter lacks finance too: it says which.
        if view.overzicht.is_some() || !view.zonder_financien.is_empty() {
            let mut o = Rendering::document("boek-overzicht", ViewModel::new(view.clone()), context.file, self.datum);
            o.stem = format!("{stem}-overzicht");
            o.files = files;
            o.intern = true;
            renderings.push(o);
            delen.push(Deel { titel: "Overzicht van baten en lasten".into(), bron: Bron::Eigen(0) });
        }
        // The jaarrekening, and the parts of the jaarverslag that do not apply, with their reasons.
        if view.jaarrekening.is_some() || (kind.soort != BEGROTING.soort && !view.niet_van_toepassing.is_empty()) {
            let mut j =
                Rendering::document("boek-jaarrekening", ViewModel::new(view.clone()), context.file, self.datum);
            j.stem = format!("{stem}-jaarrekening");
            j.intern = true;
            let titel =
                if view.jaarrekening.is_some() { format!("Jaarrekening {jaar}") } else { "Niet van toepassing".into() };
            delen.push(Deel { titel, bron: Bron::Eigen(renderings.len()) });
            renderings.push(j);
        }
        let mut boek = Rendering::document("boek", ViewModel::new(view), context.file, self.datum);
        boek.rol = crate::domain::model::Rol::Boek;
        boek.nummering = Some("boek-paginas");
        boek.bundel = Some(delen);
        renderings.push(boek);
        Ok(renderings)
    }
}
