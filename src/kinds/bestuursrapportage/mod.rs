//! The bestuursrapportage (voorjaarsnota, najaarsnota: each gemeente names its own): the
//! college reports on the begroting of its year, per programme the stand of each doel and
//! activiteit (read from that programmabegroting, never typed again), the financial
//! afwijkingen, and the begrotingswijziging that follows. Once the raad adopts it, that
//! wijziging counts in the begroting na wijziging.

mod model;
mod new;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::format;
use crate::domain::model::{Orgaan, Status};
use crate::kinds::rules::check_date;
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, ViewModel, read_with};
use crate::source::yaml::YamlFile;

pub struct BestuursrapportageKind;

pub static KIND: BestuursrapportageKind = BestuursrapportageKind;

impl Kind for BestuursrapportageKind {
    fn soort(&self) -> &'static str {
        "bestuursrapportage"
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("bestuursrapportage", include_str!("../../../templates/bestuursrapportage.typ.hbs")),
            ("bestuursrapportage-inhoud", include_str!("../../../templates/bestuursrapportage-inhoud.typ.hbs")),
        ]
        .into_iter()
        .chain(crate::kinds::wijziging::TEMPLATES)
        .collect()
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("web-bestuursrapportage", include_str!("../../../templates/web/web-bestuursrapportage.html.hbs"))]
    }

    fn woo_categorie(&self) -> crate::domain::model::WooCategorie {
        crate::domain::model::WooCategorie::JaarplannenEnJaarverslagen
    }

    fn publiceert(&self) -> Option<crate::kinds::feiten::Feit> {
        Some(crate::kinds::feiten::Feit::Wijziging)
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Bestuursrapportage>(file, |b| validate(b, file, sources))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        new::scaffold(new)
    }
}

impl Document for Bestuursrapportage {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        KIND.soort()
    }

    fn status(&self) -> Status {
        self.status
    }

    fn vastgesteld(&self) -> Option<crate::domain::model::Vaststelling> {
        self.vastgesteld.clone()
    }

    fn feiten(&self) -> crate::kinds::Feiten {
        crate::kinds::Feiten {
            wijziging: self.begrotingswijziging.as_ref().map(|w| crate::kinds::feiten::Wijziging {
                naam: self.titel.trim().to_string(),
                vastgesteld: self.vastgesteld.clone(),
                wijziging: w.clone(),
            }),
            ..Default::default()
        }
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let view = view::bestuursrapportage(self, context)?;
        let mut rendering = Rendering::document("bestuursrapportage", ViewModel::new(view), context.file, self.datum);
        rendering.paginatitel = Some(self.titel.clone());
        Ok(vec![rendering])
    }
}

/// The rules serde cannot express: dates, adoption by the raad, the wijziging's lines and
/// years, one entry per programme, and a toelichting for every afwijking above the threshold.
fn validate(b: &Bestuursrapportage, file: &YamlFile, sources: &Sources) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "datum", b.datum, &mut problems);
    if b.titel.trim().is_empty() {
        problems.push(
            file.diagnostic(file.find_key("titel", None), "de titel is leeg")
                .with_hint("de titel zoals de gemeente haar rapportage noemt: `titel: Najaarsnota 2024`"),
        );
    }
    let jaar = crate::source::project::document_file(&file.name).map(|d| d.jaar);
    if let Some(v) = &b.vastgesteld {
        let at = file.find_key("vastgesteld", None);
        check_date(file, "vastgesteld", v.datum, &mut problems);
        if b.status != Status::Definitief {
            problems.push(
                file.diagnostic(at, "een concept kan niet zijn vastgesteld").with_hint(
                    "de raad stelt vast wat is verstuurd: zet `status: definitief`, of haal `vastgesteld` weg",
                ),
            );
        }
        if v.door != Orgaan::Raad {
            problems.push(
                file.diagnostic(at, "een bestuursrapportage met een begrotingswijziging stelt de raad vast")
                    .with_hint("schrijf `door: raad`: alleen de raad wijzigt de begroting (Gemeentewet art. 189)"),
            );
        }
        if v.datum < b.datum {
            problems.push(
                file.diagnostic(at, "de raad kan niet vaststellen vóór de datum van de rapportage")
                    .with_hint(format!("de rapportage is van {}", b.datum)),
            );
        }
    }
    let namen: Vec<&str> = b.programmas.iter().map(|p| p.programma.as_str()).collect();
    problems.extend(crate::kinds::rules::dubbele_namen(file, &["programmas"], "programma", &namen));
    // A doel or activiteit twice: which stand counts cannot be told.
    for (i, p) in b.programmas.iter().enumerate() {
        let i = i.to_string();
        let namen: Vec<String> = p.doelen.iter().map(|d| naam(&d.code, &d.titel)).collect();
        let namen: Vec<&str> = namen.iter().map(String::as_str).collect();
        problems.extend(crate::kinds::rules::dubbele_namen(file, &["programmas", &i, "doelen"], "code", &namen));
        for (j, d) in p.doelen.iter().enumerate() {
            let j = j.to_string();
            let pad = ["programmas", i.as_str(), "doelen", j.as_str()];
            problems.extend(een_van(file, &pad, &d.code, &d.titel, "doel"));
            let namen: Vec<String> = d.activiteiten.iter().map(|a| naam(&a.code, &a.titel)).collect();
            let namen: Vec<&str> = namen.iter().map(String::as_str).collect();
            let lijst = ["programmas", i.as_str(), "doelen", j.as_str(), "activiteiten"];
            problems.extend(crate::kinds::rules::dubbele_namen(file, &lijst, "code", &namen));
            for (k, a) in d.activiteiten.iter().enumerate() {
                let k = k.to_string();
                let pad = ["programmas", i.as_str(), "doelen", j.as_str(), "activiteiten", k.as_str()];
                problems.extend(een_van(file, &pad, &a.code, &a.titel, "activiteit"));
            }
        }
    }
    if let Some(w) = &b.begrotingswijziging {
        problems.extend(crate::kinds::wijziging::check(
            w,
            &["begrotingswijziging"],
            file,
            sources.iv3.definities(w.begroting),
        ));
        problems.extend(crate::kinds::wijziging::check_vaststelling(w, b.vastgesteld.as_ref(), file));
        if let Some(jaar) = jaar.filter(|j| *j != w.begroting) {
            problems.push(
                file.diagnostic(
                    file.locate(&["begrotingswijziging", "begroting"]),
                    format!(
                        "een bestuursrapportage in data/{jaar}/ wijzigt de begroting {jaar}, niet die van {}",
                        w.begroting
                    ),
                )
                .with_hint(format!("schrijf `begroting: {jaar}`, of zet de rapportage in data/{}/", w.begroting)),
            );
        }
        let drempel = sources.gemeente.financien.drempel_toelichting;
        for programma in w.programmas() {
            let eigen = b.programmas.iter().position(|p| p.programma.trim().eq_ignore_ascii_case(programma.trim()));
            let rijen = w.rijen(programma, w.begroting);
            for (r, sleutel) in rijen.iter().zip(ROWS) {
                let toegelicht = eigen
                    .and_then(|i| b.programmas[i].toelichting.get(sleutel.0))
                    .is_some_and(|t| !t.trim().is_empty());
                if r.unsigned_abs() as i64 <= drempel || toegelicht {
                    continue;
                }
                let pos = match eigen {
                    Some(i) => file
                        .locate(&["programmas", &i.to_string(), "toelichting"])
                        .or_else(|| file.locate(&["programmas", &i.to_string()])),
                    None => file.locate(&["begrotingswijziging"]),
                };
                problems.push(
                    file.diagnostic(
                        pos,
                        format!(
                            "de afwijking bij de {} van {programma} ({}) is groter dan de drempel van {} en heeft geen toelichting",
                            sleutel.1,
                            format::money(*r),
                            format::money(drempel)
                        ),
                    )
                    .with_hint(match eigen {
                        Some(_) => format!("voeg bij {programma} toe: `toelichting:` met `{}: …`", sleutel.0),
                        None => format!(
                            "neem {programma} op onder `programmas:`, met `toelichting:` en daaronder `{}: …`",
                            sleutel.0
                        ),
                    }),
                );
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// A doel or activiteit is named by its code, or (without one in the begroting) by its title:
/// one of the two.
fn een_van(file: &YamlFile, pad: &[&str], code: &Option<String>, titel: &Option<String>, wat: &str) -> Vec<Diagnostic> {
    let fout = match (code, titel) {
        (Some(_), Some(_)) => format!("een {wat} heeft hier een `code:` of een `titel:`, niet allebei"),
        (None, None) => format!("welk {wat} van de begroting is dit? Het heeft geen `code:` en geen `titel:`"),
        _ => return Vec::new(),
    };
    vec![file.diagnostic(file.locate(pad), fout).with_hint(format!(
        "noem het {wat} met zijn code uit de begroting (`code: A`), of, als het daar geen code heeft, met zijn titel"
    ))]
}

/// The rows of an afwijking: key (as under `toelichting:`) and what it is.
const ROWS: [(&str, &str); 4] = [
    ("lasten", "lasten"),
    ("baten", "baten"),
    ("toevoegingen_reserves", "toevoegingen aan reserves"),
    ("onttrekkingen_reserves", "onttrekkingen aan reserves"),
];
