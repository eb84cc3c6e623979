//! Plan and account as one chain: the jaarverslag of year N accounts for the programmabegroting
//! of year N. Its doelen and activiteiten are the ones planned there (by code); its finance
//! table takes the begroting primitief from there, and the realisatie of the year before from
//! the jaarverslag of N-1.

use super::Jaarverslag;
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting::Bedragen;
use crate::domain::financien::{self, Gelezenkolom};
use crate::kinds::RenderContext;
use crate::kinds::beleid::{lezen, wijzigingen};
use crate::kinds::feiten::{Feit, Plan};
use crate::source::yaml::YamlFile;

/// What a jaarverslag's finance read of other documents: each column in euros and as
/// printed, a sentence per column for under the table, and the lines of the begroting na
/// wijziging (lasten, baten) for the table per taakveld.
#[derive(Debug, Clone, Default)]
pub struct Gelezen {
    pub exact: financien::Gelezen,
    pub gedrukt: financien::Gelezen,
    pub noten: Vec<String>,
    pub na_wijziging_regels: Option<[Bedragen; 2]>,
}

/// What a jaarverslag's finance reads of other documents: the realisatie of the year before
/// from that year's jaarverslag; the begroting primitief from the programmabegroting of its
/// year, and the begroting na wijziging computed from it with every begrotingswijziging of
/// the year the raad adopted before the jaarverslag's date. A column is typed only where no
/// such document exists, and then on every row: typing it where the source exists, or leaving
/// it out where none does, is an error at its line that names the source. Printed amounts are
/// the source's each rounded once to the unit, so a figure prints the same here as there.
pub fn gelezen(j: &Jaarverslag, context: &RenderContext) -> Result<Gelezen, Problems> {
    let Some(invoer) = &j.financien else { return Ok(Gelezen::default()) };
    let jaar = context.file.jaar;
    let eenheid = context.sources.gemeente.financien.eenheid;
    let (library, reads) = (context.library, context.reads);
    let vorig = lezen::bron(library, Feit::Verantwoording, jaar - 1, &j.programma, reads)?.and_then(|(bron, f)| {
        let financien = f.verantwoording?.financien?;
        let gedrukt = financien::realisatie(&financien.afgerond(eenheid));
        Some((bron, financien::realisatie(&financien), gedrukt))
    });
    let begroting = lezen::bron(library, Feit::Plan, jaar, &j.programma, reads)?
        .and_then(|(bron, f)| Some((bron, f.plan?.financien?)));
    let primitief = begroting.as_ref().map(|(bron, financien)| {
        let gedrukt = crate::domain::begroting::primitief(&financien.afgerond(eenheid), jaar);
        (bron.clone(), crate::domain::begroting::primitief(financien, jaar), gedrukt)
    });
    let wijzigingen = match &begroting {
        Some(_) => crate::domain::wijziging::van_programma(
            &wijzigingen::vastgesteld(library, jaar, Some(j.datum), reads)?,
            &j.programma,
        ),
        None => Vec::new(),
    };
    let na = begroting.as_ref().map(|(bron, financien)| {
        let na = |e| crate::domain::wijziging::na_wijziging(financien, &j.programma, jaar, &wijzigingen, e);
        (bron.clone(), na(1), na(eenheid))
    });
    let na_wijziging_regels = begroting.as_ref().map(|(_, financien)| {
        let kolom = crate::domain::wijziging::kolom_na_wijziging(&financien.kolom(jaar), &j.programma, &wijzigingen);
        [kolom.lasten, kolom.baten]
    });
    let yaml = library.yaml(&context.file.relative);
    let mut problems = Vec::new();
    let mut noten = Vec::new();
    let met = crate::domain::wijziging::met_wijzigingen(&wijzigingen);
    let columns = [
        (
            Gelezenkolom::RealisatieVorigJaar,
            &vorig,
            format!("Realisatie {}", jaar - 1),
            format!("jaarverslag {}", jaar - 1),
        ),
        (
            Gelezenkolom::BegrotingPrimitief,
            &primitief,
            format!("Begroting {jaar} primitief"),
            format!("programmabegroting {jaar}"),
        ),
        (
            Gelezenkolom::BegrotingNaWijziging,
            &na,
            format!("Begroting {jaar} na wijziging"),
            format!("programmabegroting {jaar}"),
        ),
    ];
    for (kolom, bron, label, soort) in columns {
        let wat = format!("de kolom {label}");
        let lidwoord = if soort.starts_with("jaarverslag") { "het" } else { "de" };
        let sleutel = kolom.sleutel();
        let locate = |pad: &[String]| {
            let mut steps = vec!["financien"];
            steps.extend(pad.iter().map(String::as_str));
            let with_key = [steps.clone(), vec![sleutel]].concat();
            yaml.as_ref().and_then(|y| y.locate(&with_key).or_else(|| y.locate(&steps)))
        };
        let diagnostic = |pad: &[String], message: String| match &yaml {
            Some(y) => y.diagnostic(locate(pad), message),
            None => Diagnostic::new(&context.file.relative, message),
        };
        match bron {
            Some((bron, _, _)) => {
                let na_wijziging = kolom == Gelezenkolom::BegrotingNaWijziging;
                for pad in financien::getypt(invoer, kolom) {
                    let (message, hint) = match na_wijziging {
                        true => (
                            format!(
                                "`financien.{}.{sleutel}` wordt berekend: de primitieve begroting uit de {soort} ({bron}), {met}",
                                pad.join(".")
                            ),
                            format!(
                                "laat `{sleutel}` hier weg; een wijziging van de begroting staat in het raadsvoorstel of de bestuursrapportage die haar wijzigt, en telt mee zodra de raad die vaststelt"
                            ),
                        ),
                        false => (
                            format!("`financien.{}.{sleutel}` staat al in {lidwoord} {soort} ({bron})", pad.join(".")),
                            format!(
                                "laat `{sleutel}` hier weg: het jaarverslag neemt {wat} over uit {bron}; een correctie maakt u daar"
                            ),
                        ),
                    };
                    problems.push(diagnostic(&pad, message).with_hint(hint));
                }
                noten.push(match na_wijziging {
                    true => format!("{label}: de primitieve begroting {met}."),
                    false => format!("{label}: uit {lidwoord} {soort}."),
                });
            }
            None => {
                for pad in financien::ontbreekt(invoer, kolom) {
                    problems.push(diagnostic(&pad, format!("{wat} van `financien.{}` ontbreekt", pad.join("."))).with_hint(
                        format!(
                            "er is geen {soort} voor het programma {} met financiën om het uit te lezen: vul `{sleutel}:` in",
                            j.programma
                        ),
                    ));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let exact = financien::Gelezen {
        vorig_jaar: vorig.as_ref().map(|b| b.1),
        primitief: primitief.as_ref().map(|b| b.1),
        na_wijziging: na.as_ref().map(|b| b.1),
    };
    let gedrukt = financien::Gelezen {
        vorig_jaar: vorig.map(|b| b.2),
        primitief: primitief.map(|b| b.2),
        na_wijziging: na.map(|b| b.2),
    };
    // A verschil above the threshold needs a toelichting; with the begroting na wijziging read,
    // that is known only now.
    // Not while no realisatie is entered (a new jaarverslag, all zeros): nothing is accounted
    // for yet, so there is no verschil to explain.
    let verantwoord = financien::realisatie(invoer).iter().any(|r| *r != 0);
    if exact.na_wijziging.is_some() && verantwoord {
        let drempel = context.sources.gemeente.financien.drempel_toelichting;
        let regels = financien::regels(invoer, exact);
        for r in financien::ontbrekende_toelichtingen(invoer, &regels, drempel) {
            let pos = yaml
                .as_ref()
                .and_then(|y| y.locate(&["financien", r.sleutel]).or_else(|| y.find_key("financien", None)));
            let message = super::verschil_zonder_toelichting(r, drempel);
            problems.push(
                match &yaml {
                    Some(y) => y.diagnostic(pos, message),
                    None => Diagnostic::new(&context.file.relative, message),
                }
                .with_hint(format!("voeg onder `financien:` toe: `toelichting:` met `{}: …`", r.sleutel)),
            );
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
    }
    Ok(Gelezen { exact, gedrukt, noten, na_wijziging_regels })
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
