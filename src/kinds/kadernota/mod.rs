//! The Kadernota: its model, its rules, its view.

mod model;
mod new;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::sync::Arc;

use crate::domain::model::Status;
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, ViewModel, read_with};

/// The Kadernota: the policy framework for a period, with the indicators' baselines and targets.
pub struct KadernotaKind;

pub static KIND: KadernotaKind = KadernotaKind;

impl Kind for KadernotaKind {
    fn soort(&self) -> &'static str {
        "kadernota"
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("web-kadernota", include_str!("../../../templates/web/web-kadernota.html.hbs")),
            ("web-sectie", include_str!("../../../templates/web/web-sectie.html.hbs")),
        ]
    }

    fn publiceert(&self) -> Option<crate::kinds::feiten::Feit> {
        Some(crate::kinds::feiten::Feit::Kaders)
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("sectie", include_str!("../../../templates/sectie.typ.hbs")),
            ("kadernota-inhoud", include_str!("../../../templates/kadernota-inhoud.typ.hbs")),
            ("kadernota", include_str!("../../../templates/kadernota.typ.hbs")),
        ]
    }

    fn may_be_bijlage(&self) -> bool {
        true
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Kadernota>(file, |k| validate(k, file, sources.indicatoren))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        new::scaffold(new)
    }
}

impl Document for Kadernota {
    fn feiten(&self) -> crate::kinds::Feiten {
        fn walk(h: &Hoofdstuk, out: &mut Vec<(String, Vec<crate::kinds::feiten::IndicatorDoel>)>) {
            out.extend(h.prioriteiten.iter().map(|p| (p.titel.clone(), p.indicatoren.clone())));
            h.paragrafen.iter().for_each(|p| walk(p, out));
        }
        let mut prioriteiten = Vec::new();
        self.hoofdstukken.iter().for_each(|h| walk(h, &mut prioriteiten));
        crate::kinds::Feiten {
            kaders: Some(crate::kinds::feiten::Kaders {
                periode: self.periode,
                prioriteiten,
                doelen: self.indicator_doelen().into_iter().cloned().collect(),
            }),
            ..Default::default()
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        KIND.soort()
    }

    fn status(&self) -> Status {
        self.status
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let sources = &context.sources;
        let view = kadernota(self, sources.indicatoren, sources.gemeente, context.file.jaar);
        Ok(vec![Rendering::document("kadernota", ViewModel::new(view), context.file, self.datum)])
    }
}

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Indicator;
use crate::kinds::rules::{MAX_JAAR, MIN_JAAR, check_date, unknown_indicator};
use crate::source::yaml::YamlFile;

/// The rules of a Kadernota that serde cannot express: dates and periods in range, indicators that
/// exist. All problems of the file together.
pub fn validate(k: &Kadernota, file: &YamlFile, indicatoren: &BTreeMap<String, Indicator>) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "datum", k.datum, &mut problems);
    for (key, jaar) in [("van", k.periode.van), ("tot", k.periode.tot)] {
        if !(MIN_JAAR..=MAX_JAAR).contains(&jaar) {
            problems.push(
                file.diagnostic(file.find_key(key, None), format!("jaar {jaar} ligt buiten {MIN_JAAR}-{MAX_JAAR}")),
            );
        }
    }
    if k.periode.tot < k.periode.van {
        problems.push(file.diagnostic(file.find_key("periode", None), "de periode eindigt vóór ze begint"));
    }
    for d in k.indicator_doelen() {
        if !indicatoren.contains_key(&d.id) {
            problems.push(unknown_indicator(indicatoren, file, &d.id));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}
