//! Rules that span kinds: dates in range, indicators that exist, and how the problems a rule
//! finds join those found reading the file.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Indicator;
use crate::source::gemeente::INDICATOREN_FILE;
use crate::source::yaml::YamlFile;

/// The problems found reading a file, with those its rules found in what could be read. A rule
/// that trips over a stand-in for a value already reported (see `load::de::HOLE_TEXT`), or
/// over a line already reported, says nothing new and is left out.
pub fn merge(mut found: Vec<Diagnostic>, rules: Option<Result<(), Problems>>) -> Vec<Diagnostic> {
    let Some(Err(rules)) = rules else { return found };
    let hole = format!("`{}`", crate::source::yaml::de::HOLE_TEXT);
    let lines: BTreeSet<usize> = found.iter().filter_map(|d| d.position.map(|p| p.line)).collect();
    found.extend(
        rules
            .0
            .into_iter()
            .filter(|d| !d.message.contains(&hole))
            .filter(|d| d.position.is_none_or(|p| !lines.contains(&p.line))),
    );
    found
}

/// The years a document date may have: no council document is older or this far ahead.
pub const MIN_JAAR: i32 = 1800;
pub const MAX_JAAR: i32 = 2200;

pub fn check_date(file: &YamlFile, key: &str, date: NaiveDate, problems: &mut Vec<Diagnostic>) {
    use chrono::Datelike;
    if !(MIN_JAAR..=MAX_JAAR).contains(&date.year()) {
        problems.push(
            file.diagnostic(file.find_key(key, None), format!("onmogelijke datum: jaar {}", date.year()))
                .with_hint(format!("een datum ligt tussen {MIN_JAAR} en {MAX_JAAR}; schrijf jjjj-mm-dd")),
        );
    }
}

/// Each name once in its list (`pad`, its items' `key`): a heffing, a reserve, a complex twice
/// would be counted twice. Names compare as a party's do (case and spacing aside).
pub fn dubbele_namen(file: &YamlFile, pad: &[&str], key: &str, namen: &[&str]) -> Vec<Diagnostic> {
    let lijst = pad.last().copied().unwrap_or(key);
    let mut out = Vec::new();
    for (i, naam) in namen.iter().enumerate() {
        if namen[..i].iter().any(|n| crate::domain::verbonden_partijen::zelfde_naam(n, naam)) {
            let i = i.to_string();
            let mut at: Vec<&str> = pad.to_vec();
            at.extend([i.as_str(), key]);
            out.push(
                file.diagnostic(file.locate(&at), format!("`{naam}` staat twee keer onder `{lijst}`"))
                    .with_hint("elk één keer: twee keer zou dubbel tellen"),
            );
        }
    }
    out
}

pub fn unknown_indicator(indicatoren: &BTreeMap<String, Indicator>, file: &YamlFile, id: &str) -> Diagnostic {
    let known: Vec<&str> = indicatoren.keys().map(String::as_str).collect();
    let hint = match known.iter().max_by(|a, b| strsim::jaro_winkler(id, a).total_cmp(&strsim::jaro_winkler(id, b))) {
        Some(best) if strsim::jaro_winkler(id, best) > 0.8 => format!("bedoelde u `{best}`?"),
        _ => format!("indicatoren worden eenmaal gedefinieerd in `{INDICATOREN_FILE}`"),
    };
    file.diagnostic(file.find_key("id", Some(id)), format!("indicator `{id}` is niet gedefinieerd")).with_hint(hint)
}
