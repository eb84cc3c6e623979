//! The project's shared sources: `data/gemeente.yaml` (checked against the fonts and files it
//! names), `data/indicatoren.yaml` and `data/verbonden-partijen.yaml`.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::{Gemeente, Indicator, Indicatoren};
use crate::domain::verbonden_partijen::{VERBONDEN_PARTIJEN_FILE, VerbondenPartijen, zelfde_naam};
use crate::source::project::Project;
use crate::source::yaml::YamlFile;

/// Where indicators are defined, once for the whole project.
pub const INDICATOREN_FILE: &str = "data/indicatoren.yaml";

pub fn load_indicatoren(project: &Project) -> Result<BTreeMap<String, Indicator>, Problems> {
    if project.resolve(INDICATOREN_FILE).is_err() {
        return Ok(BTreeMap::new());
    }
    let bytes = project.read(INDICATOREN_FILE).map_err(|why| Diagnostic::new(INDICATOREN_FILE, why))?;
    let file = YamlFile::decode(INDICATOREN_FILE, &bytes)?;
    let list: Indicatoren = file.parse()?;
    let mut map = BTreeMap::new();
    let mut problems = Vec::new();
    for i in list.indicatoren {
        if map.contains_key(&i.id) {
            problems.push(
                file.diagnostic(file.find_key("id", Some(&i.id)), format!("indicator `{}` staat er twee keer", i.id)),
            );
        } else {
            map.insert(i.id.clone(), i);
        }
    }
    if problems.is_empty() { Ok(map) } else { Err(Problems(problems)) }
}

/// The project's verbonden partijen, when it lists them (`None` without the file): each name
/// once, every text filled in, amounts that can be, and figures only for years the party still
/// is one.
/// A file that cannot be read is an error; the problems of what it says are returned with it.
pub fn load_verbonden_partijen(
    project: &Project,
) -> Result<Option<(VerbondenPartijen, YamlFile, Vec<Diagnostic>)>, Problems> {
    if project.resolve(VERBONDEN_PARTIJEN_FILE).is_err() {
        return Ok(None);
    }
    let bytes = project.read(VERBONDEN_PARTIJEN_FILE).map_err(|why| Diagnostic::new(VERBONDEN_PARTIJEN_FILE, why))?;
    let file = YamlFile::decode(VERBONDEN_PARTIJEN_FILE, &bytes)?;
    let lijst: VerbondenPartijen = file.parse()?;
    let mut problems = Vec::new();
    for (i, p) in lijst.verbonden_partijen.iter().enumerate() {
        let i = i.to_string();
        let at = |path: &[&str]| {
            let mut full = vec!["verbonden_partijen", &i];
            full.extend(path);
            file.locate(&full)
        };
        let n: usize = i.parse().unwrap_or(0);
        if lijst.verbonden_partijen[..n].iter().any(|q| zelfde_naam(&q.naam, &p.naam)) {
            problems.push(
                file.diagnostic(at(&["naam"]), format!("verbonden partij `{}` staat er twee keer", p.naam))
                    .with_hint("elke partij eenmaal; haar cijfers staan per jaar onder `verwacht:` en `realisatie:`"),
            );
        }
        for (key, tekst) in [
            ("naam", &p.naam),
            ("vestigingsplaats", &p.vestigingsplaats),
            ("openbaar_belang", &p.openbaar_belang),
            ("bestuurlijk_belang", &p.bestuurlijk_belang),
        ] {
            if tekst.trim().is_empty() {
                problems.push(
                    file.diagnostic(at(&[key]).or_else(|| at(&[])), format!("`{key}` is leeg"))
                        .with_hint("het BBV vraagt van elke verbonden partij haar naam, vestigingsplaats, openbaar belang en bestuurlijk belang"),
                );
            }
        }
        for (soort, reeks) in [("verwacht", &p.verwacht), ("realisatie", &p.realisatie)] {
            for (jaar, c) in reeks {
                let j = jaar.to_string();
                if p.tot.is_some_and(|tot| *jaar > tot) {
                    problems.push(
                        file.diagnostic(
                            at(&[soort, &j]),
                            format!(
                                "`{}` is tot en met {} een verbonden partij, maar heeft cijfers over {jaar}",
                                p.naam,
                                p.tot.unwrap_or(*jaar)
                            ),
                        )
                        .with_hint("haal die cijfers weg, of schuif `tot:` op"),
                    );
                }
                // The eigen vermogen and the resultaat may be negative; what the gemeente has
                // in it, what it owes and what the gemeente pays may not.
                let negatief = [
                    ("financieel_belang", c.financieel_belang.begin.min(c.financieel_belang.eind)),
                    ("vreemd_vermogen", c.vreemd_vermogen.begin.min(c.vreemd_vermogen.eind)),
                    ("bijdrage", c.bijdrage.unwrap_or(0)),
                ];
                for (key, waarde) in negatief.into_iter().filter(|(_, w)| *w < 0) {
                    problems.push(
                        file.diagnostic(at(&[soort, &j, key]), format!("`{key}` is negatief: {waarde}")).with_hint(
                            "alleen het eigen vermogen en het resultaat van een partij kunnen negatief zijn",
                        ),
                    );
                }
            }
        }
    }
    Ok(Some((lijst, file, problems)))
}

/// The huisstijl must name colours Typst understands and a font that is in `fonts/`.
pub fn check_huisstijl(
    gemeente: &Gemeente,
    file: &YamlFile,
    families: &[String],
    project: &Project,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    if let Some(tooi) = &gemeente.tooi {
        let ok = tooi.len() == 6 && tooi.starts_with("gm") && tooi[2..].chars().all(|c| c.is_ascii_digit());
        if !ok {
            problems.push(
                file.diagnostic(file.find_key("tooi", None), format!("`{tooi}` is geen TOOI-code van een gemeente"))
                    .with_hint("de TOOI-code van een gemeente is `gm` met de vier cijfers van haar CBS-code, bijvoorbeeld `gm0394`"),
            );
        }
    }
    let h = &gemeente.huisstijl;
    for (key, value) in [("kleur_primair", &h.kleur_primair), ("kleur_secundair", &h.kleur_secundair)] {
        let ok = value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            problems.push(
                file.diagnostic(file.find_key(key, None), format!("`{value}` is geen kleur"))
                    .with_hint("schrijf een kleur als \"#RRGGBB\", bijvoorbeeld \"#1F4E79\""),
            );
        }
    }
    if let Some(logo) = &h.logo {
        let lower = logo.to_ascii_lowercase();
        let svg = lower.ends_with(".svg");
        let why = if !(svg || lower.ends_with(".png")) {
            Some("het logo moet een SVG- of PNG-bestand zijn".to_string())
        } else if let Some(why) = crate::source::image::project_path_problem(project, logo) {
            Some(why)
        } else {
            project
                .read(logo)
                .and_then(|bytes| match crate::source::image::content_problem(logo, &bytes) {
                    Some(why) => Err(why),
                    None => crate::source::image::check(&bytes, svg),
                })
                .err()
        };
        if let Some(why) = why {
            problems.push(
                file.diagnostic(file.find_key("logo", Some(logo)), format!("logo niet te gebruiken: {why}"))
                    .with_hint("geef het pad vanaf de projectmap, bijvoorbeeld `data/logo.svg`"),
            );
        }
    }
    if !families.iter().any(|f| f.eq_ignore_ascii_case(&h.lettertype)) {
        problems.push(
            file.diagnostic(
                file.find_key("lettertype", None),
                format!("lettertype `{}` staat niet in `fonts/`", h.lettertype),
            )
            .with_hint(format!("beschikbaar: {}", families.join(", "))),
        );
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// The Iv3 block as the CBS's schema wants it: a contact with a name and an e-mail address,
/// every value on one line.
pub fn check_iv3(gemeente: &Gemeente, file: &YamlFile) -> Vec<Diagnostic> {
    let Some(iv3) = &gemeente.iv3 else { return Vec::new() };
    let mut out = Vec::new();
    let at = |path: &[&str]| file.locate(&[&["iv3"], path].concat());
    for (path, value) in [
        (&["contact", "naam"][..], iv3.contact.naam.as_str()),
        (&["contact", "email"][..], iv3.contact.email.as_str()),
        (&["contact", "telefoon"][..], iv3.contact.telefoon.as_str()),
        (&["financieel_pakket"][..], iv3.financieel_pakket.as_str()),
    ] {
        if value.trim().is_empty() {
            out.push(file.diagnostic(at(path), "dit is leeg").with_hint("het CBS wil het in de Iv3-levering ingevuld"));
        } else if value.contains('\n') {
            out.push(
                file.diagnostic(at(path), "dit staat op meer dan één regel").with_hint("het CBS wil het op één regel"),
            );
        }
    }
    if !iv3.contact.email.trim().is_empty() && !is_email(&iv3.contact.email) {
        out.push(
            file.diagnostic(at(&["contact", "email"]), format!("`{}` is geen e-mailadres", iv3.contact.email))
                .with_hint("bijvoorbeeld financien@gemeente.nl"),
        );
    }
    out
}

/// An e-mail address as the CBS's schema accepts one: a plain local part, `@`, a domain of
/// plain labels ending in two to four letters.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    let plain = |c: char, extra: &str| c.is_ascii_alphanumeric() || extra.contains(c);
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.chars().all(|c| plain(c, "_-."))
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| plain(c, "-")))
        && labels.last().is_some_and(|t| (2..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_email_address_is_one_the_cbs_accepts() {
        for ok in ["financien@voorbeeld.nl", "a.b-c_d@sub.gemeente.info"] {
            assert!(super::is_email(ok), "{ok}");
        }
        for bad in ["geen-adres", "a@b", "a b@c.nl", "a@c.n1", "@c.nl", "a@.nl"] {
            assert!(!super::is_email(bad), "{bad}");
        }
    }
}
