//! The Kadernota: its model, its rules, its view.

mod model;
mod view;

pub use model::*;
pub use view::*;

use std::collections::BTreeMap;

use crate::diagnostics::Problems;
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
