//! Plan and account as one chain: the jaarverslag of year N accounts for the programmabegroting
//! of year N. Its doelen and activiteiten are the ones planned there (by code); its finance
//! table takes the begroting primitief from there.

use super::Jaarverslag;
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::financien;
use crate::kinds::beleid::Beleid;
use crate::kinds::feiten::Plan;
use crate::source::project::DocumentFile;
use crate::source::yaml::YamlFile;

/// A jaarverslag's finance rows need a begroting primitief: entered, or from the begroting of
/// the year; never both (nothing is typed twice).
pub fn check_financien(j: &Jaarverslag, beleid: &Beleid, file: &DocumentFile, jaar: i32) -> Result<(), Problems> {
    let Some(invoer) = &j.financien else { return Ok(()) };
    let begroting = beleid.begroting(jaar, &j.programma).filter(|(_, b)| b.financien.is_some());
    let ontbreekt = financien::primitief_ontbreekt(invoer);
    match begroting {
        None if !ontbreekt.is_empty() => Err(Diagnostic::new(
            &file.relative,
            format!("de begroting primitief van {} ontbreekt", ontbreekt.join(", ")),
        )
        .with_hint(format!(
            "er is geen programmabegroting {jaar} voor het programma {} met financiën: vul `begroting_primitief:` in",
            j.programma
        ))
        .into()),
        Some((bron, _)) => {
            match invoer.rijen().iter().find(|(_, r)| r.begroting_primitief.is_some()) {
                Some((rij, _)) => Err(Diagnostic::new(
                    &file.relative,
                    format!("`financien.{rij}.begroting_primitief` staat al in de programmabegroting ({bron})"),
                )
                .with_hint("laat `begroting_primitief` hier weg: het jaarverslag neemt de primitieve begroting over uit de programmabegroting van het jaar")
                .into()),
                None => Ok(()),
            }
        }
        None => Ok(()),
    }
}

/// What the jaarverslag of `jaar` does not account for, and what it reports that was never
/// planned: warnings, each naming both files.
pub fn warnings(j: &Jaarverslag, jv: &YamlFile, b: &Plan, bg: &YamlFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let gepland: Vec<(Option<&str>, &str, Option<&str>, &str)> = b
        .doelen
        .iter()
        .flat_map(|d| {
            d.activiteiten
                .iter()
                .map(move |(code, titel)| (d.code.as_deref(), d.titel.as_str(), code.as_deref(), titel.as_str()))
        })
        .collect();
    let verantwoord: Vec<(Option<&str>, Option<&str>, &str)> = j
        .beleidsdoelen
        .iter()
        .flat_map(|d| d.activiteiten.iter().map(move |a| (d.code.as_deref(), a.code.as_deref(), a.titel.as_str())))
        .collect();
    let key = |code: Option<&str>, titel: &str| code.map_or_else(|| titel.to_lowercase(), str::to_string);
    for (doel, _, code, titel) in &gepland {
        if !verantwoord.iter().any(|(d, c, t)| d == doel && key(*c, t) == key(*code, titel)) {
            let pos = code.and_then(|c| bg.find_key("code", Some(c))).or_else(|| bg.find_key("titel", Some(titel)));
            out.push(
                jv.diagnostic(jv.top_level_position("beleidsdoelen"), format!(
                    "de geplande activiteit {}{} wordt in dit jaarverslag niet verantwoord",
                    code.unwrap_or("zonder code"),
                    tussen_haakjes(titel)
                ))
                .waarschuwing()
                .with_hint(format!(
                    "gepland in {}:{}; neem haar op onder `activiteiten:` met dezelfde code, en zeg wat ervan terechtkwam",
                    bg.name,
                    pos.map_or(1, |p| p.line)
                )),
            );
        }
    }
    for (doel, code, titel) in &verantwoord {
        if !gepland.iter().any(|(d, _, c, t)| d == doel && key(*c, t) == key(*code, titel)) {
            let pos = code.and_then(|c| jv.find_key("code", Some(c))).or_else(|| jv.find_key("titel", Some(titel)));
            out.push(
                jv.diagnostic(
                    pos,
                    format!(
                        "de activiteit {}{} staat niet in de programmabegroting",
                        code.unwrap_or("zonder code"),
                        tussen_haakjes(titel)
                    ),
                )
                .waarschuwing()
                .with_hint(format!(
                    "de activiteiten van {} staan in {}; was deze niet gepland, licht dat dan toe",
                    b.programma, bg.name
                )),
            );
        }
    }
    out
}

/// " (titel)", or nothing for an activity without a title.
fn tussen_haakjes(titel: &str) -> String {
    if titel.trim().is_empty() { String::new() } else { format!(" ({titel})") }
}
