//! `raadsstuk new jaarverslag`: a jaarverslag pre-filled from the previous year's and the
//! Kadernota in force, with this year's realisaties left empty.

use std::fmt::Write;

use crate::diagnostics::{Diagnostic, Problems};
use crate::kinds::feiten::Plan;
use crate::kinds::{IN_TE_VULLEN, New, yaml_string};
use crate::source::project::Reads;

/// The file name and text of a new jaarverslag; refused when the year has one.
pub fn scaffold(new: &New) -> Result<(String, String), Problems> {
    let programma = new.onderwerp.unwrap_or("Veiligheid");
    let existing = new.library.documents().into_iter().filter(|d| d.jaar == new.jaar).find(|d| {
        new.library.load(d).is_ok_and(|l| {
            l.document
                .as_any()
                .downcast_ref::<super::Jaarverslag>()
                .is_some_and(|j| j.programma.eq_ignore_ascii_case(programma))
        })
    });
    if let Some(d) = existing {
        return Err(Diagnostic::new(
            &d.relative,
            format!("er is al een jaarverslag {} voor het programma {programma}", new.jaar),
        )
        .with_hint("één jaarverslag per programma per jaar; vul het bestaande aan")
        .into());
    }
    Ok((format!("jaarverslag-{}.yaml", crate::kinds::slug(programma)), text(new, programma)?))
}

/// A jaarverslag pre-filled from the previous year's and the Kadernota in force, with this
/// year's realisaties left empty.
fn text(new: &New, programma: &str) -> Result<String, Problems> {
    let (jaar, today) = (new.jaar, new.today);
    let beleid = crate::kinds::beleid::lezen::beleid(
        new.library,
        new.sources.indicatoren,
        jaar - 1,
        None,
        Some((jaar, programma)),
        &Reads::default(),
    )?;
    // Last year's jaarverslag of the programme, whole: this kind reads its own kind.
    let vorig = beleid
        .jaarverslagen
        .get(&(jaar - 1))
        .and_then(|l| l.iter().find(|(_, j)| j.programma.eq_ignore_ascii_case(programma)))
        .and_then(|(path, _)| new.library.load(&crate::source::project::document_file(path)?).ok())
        .and_then(|l| l.document.as_any().downcast_ref::<super::Jaarverslag>().cloned());
    let mut t = String::new();
    let _ = writeln!(t, "# Jaarverslag {jaar}, gemaakt met `raadsstuk new` op {today}.");
    if let Some((bron, b)) = beleid.begroting(jaar, programma) {
        return Ok(t + &from_begroting(b, bron, vorig.as_ref(), jaar, today));
    }
    match &vorig {
        Some(_) => {
            let _ = writeln!(
                t,
                "# Overgenomen uit het jaarverslag {}: beleidsdoelen, activiteiten en indicatoren.",
                jaar - 1
            );
        }
        None => t += "# Opgezet vanuit de Kadernota die van kracht is: één beleidsdoel per prioriteit.\n",
    }
    t += "# Vul per indicator de realisatie van dit jaar in; laat hem leeg zolang er geen meting is.\n";
    t += "soort: jaarverslag\nstatus: concept\n";
    let programma = vorig.as_ref().map_or(programma.to_string(), |v| v.programma.clone());
    let _ = writeln!(t, "programma: {}", yaml_string(&programma));
    let _ = writeln!(t, "datum: {today}\n");
    let vragen = vorig.as_ref().map(|v| v.vragen.clone()).unwrap_or_default();
    let _ = writeln!(
        t,
        "# De vragen zoals uw gemeente ze stelt.\nvragen:\n  bereikt: {}\n  indicatoren: {}\n  bbv: {}\n  gekost: {}\n",
        yaml_string(&vragen.bereikt),
        yaml_string(&vragen.indicatoren),
        yaml_string(&vragen.bbv),
        yaml_string(&vragen.gekost)
    );
    t += "beleidsdoelen:\n";
    // The Kadernota in force: its indicators belong in this year's report.
    let kadernota = beleid.kadernotas.iter().find(|(_, k)| k.periode.bevat(jaar)).map(|(_, k)| k.clone());
    match &vorig {
        Some(v) => {
            let mut listed: Vec<String> = Vec::new();
            for (i, b) in v.beleidsdoelen.iter().enumerate() {
                let _ = writeln!(
                    t,
                    "  - code: {}\n    titel: {}\n    tekst: |\n      {IN_TE_VULLEN}",
                    yaml_string(b.code.as_deref().unwrap_or("A")),
                    yaml_string(&b.titel)
                );
                t += "    activiteiten:\n";
                for a in &b.activiteiten {
                    let _ = writeln!(
                        t,
                        "      - code: {}\n        titel: {}\n        toelichting: \"\"",
                        yaml_string(a.code.as_deref().unwrap_or("")),
                        yaml_string(&a.titel)
                    );
                }
                t += "    indicatoren:\n";
                let mut ids: Vec<String> = b.indicatoren.iter().map(|r| r.id.clone()).collect();
                if i == 0
                    && let Some(k) = &kadernota
                {
                    for d in k.indicator_doelen() {
                        if !v.beleidsdoelen.iter().flat_map(|b| &b.indicatoren).any(|r| r.id == d.id)
                            && !ids.contains(&d.id)
                        {
                            ids.push(d.id.clone());
                        }
                    }
                }
                for id in ids {
                    let _ = writeln!(t, "      - id: {id}\n        realisatie:");
                    listed.push(id);
                }
            }
        }
        None => {
            let prioriteiten = kadernota.as_ref().map(|k| k.prioriteiten.clone()).unwrap_or_default();
            if prioriteiten.is_empty() {
                let _ = writeln!(
                    t,
                    "  - code: \"A\"\n    titel: \"In te vullen beleidsdoel\"\n    tekst: |\n      {IN_TE_VULLEN}\n    activiteiten: []\n    indicatoren: []"
                );
            }
            for (i, (titel, indicatoren)) in prioriteiten.iter().enumerate() {
                let code = ((b'A' + (i % 26) as u8) as char).to_string();
                let _ = writeln!(
                    t,
                    "  - code: {}\n    titel: {}\n    tekst: |\n      {IN_TE_VULLEN}\n    activiteiten: []",
                    yaml_string(&code),
                    yaml_string(titel)
                );
                t += "    indicatoren:\n";
                for d in indicatoren {
                    let _ = writeln!(t, "      - id: {}\n        realisatie:", d.id);
                }
                if indicatoren.is_empty() {
                    t.truncate(t.len() - "    indicatoren:\n".len());
                    t += "    indicatoren: []\n";
                }
            }
        }
    }
    if let Some(v) = &vorig {
        if !v.bbv_indicatoren.is_empty() {
            t += "\n# De verplichte BBV-indicatoren; waarden van waarstaatjegemeente.nl.\nbbv_indicatoren:\n";
            for b in &v.bbv_indicatoren {
                let _ = writeln!(
                    t,
                    "  - naam: {}\n    eenheid: {}\n    periode: {}\n    bron: {}\n    waarde: \"in te vullen\"",
                    yaml_string(&b.naam),
                    yaml_string(&b.eenheid),
                    yaml_string(&jaar.to_string()),
                    yaml_string(&b.bron)
                );
            }
        }
        if let Some(f) = &v.financien {
            t += "\n# Wat heeft het gekost? Hele euro's; lasten en toevoegingen als positief bedrag.\n";
            t += "# Een verschil boven de drempel uit data/gemeente.yaml heeft een toelichting nodig.\n";
            t += &financien_blok(Some(f), None, false);
        }
    }
    Ok(t)
}

/// A jaarverslag that accounts for the programmabegroting of its year: its doelen and
/// activiteiten by code, its indicators, the finance rows without the begroting primitief
/// (read from the begroting).
fn from_begroting(
    b: &Plan,
    bron: &str,
    vorig: Option<&super::Jaarverslag>,
    jaar: i32,
    today: chrono::NaiveDate,
) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "# Opgezet vanuit de programmabegroting {jaar} ({bron}): dezelfde doelen en activiteiten,");
    t += "# met dezelfde codes. Zeg per doel wat is bereikt en per activiteit wat is gedaan.
";
    t += "soort: jaarverslag
status: concept
";
    let _ = writeln!(t, "programma: {}", yaml_string(&b.programma));
    if let Some(n) = b.nummer {
        let _ = writeln!(t, "nummer: {n}");
    }
    let _ = writeln!(
        t,
        "datum: {today}
"
    );
    t += "beleidsdoelen:
";
    for d in &b.doelen {
        let _ = writeln!(t, "  - titel: {}", yaml_string(&d.titel));
        if let Some(code) = &d.code {
            let _ = writeln!(t, "    code: {}", yaml_string(code));
        }
        let _ = writeln!(t, "    tekst: |\n      {IN_TE_VULLEN}");
        if d.activiteiten.is_empty() {
            t += "    activiteiten: []\n";
        } else {
            t += "    activiteiten:\n";
        }
        for (code, titel) in &d.activiteiten {
            let _ = writeln!(t, "      - titel: {}", yaml_string(titel));
            if let Some(code) = code {
                let _ = writeln!(t, "        code: {}", yaml_string(code));
            }
            let _ = writeln!(t, "        toelichting: |\n          {IN_TE_VULLEN}");
        }
        if d.indicatoren.is_empty() {
            t += "    indicatoren: []\n";
        } else {
            t += "    indicatoren:\n";
        }
        for (id, _) in &d.indicatoren {
            let _ = writeln!(t, "      - id: {id}\n        realisatie:");
        }
    }
    if b.financien.is_some() {
        t += "\n# Wat heeft het gekost? Hele euro's; lasten en toevoegingen als positief bedrag. De primitieve\n";
        t += "# begroting komt uit de programmabegroting, de begroting na wijziging volgt daaruit met de\n";
        t += "# vastgestelde begrotingswijzigingen. Een verschil boven de drempel uit data/gemeente.yaml\n";
        t += "# heeft een toelichting nodig.\n";
        t += &financien_blok(vorig.and_then(|v| v.financien.as_ref()), b.financien.as_ref(), true);
    }
    t
}

/// The finance block of a new jaarverslag, every amount 0: the lines of last year's jaarverslag
/// or else of the begroting (the same taakvelden, categorieën and names), or one row each. The
/// columns another document owns are left out: the realisatie of last year when last year's
/// jaarverslag has finance, the begroting primitief when the begroting has.
fn financien_blok(
    vorig: Option<&crate::domain::financien::Invoer>,
    begroting: Option<&crate::domain::begroting::Invoer>,
    primitief_gelezen: bool,
) -> String {
    let mut kolommen = String::new();
    if vorig.is_none() {
        kolommen += "realisatie_vorig_jaar: 0, ";
    }
    // With the begroting there, both its columns are read: the na wijziging is computed from
    // its primitief and the adopted begrotingswijzigingen.
    if !primitief_gelezen {
        kolommen += "begroting_primitief: 0, begroting_na_wijziging: 0, ";
    }
    kolommen += "realisatie: 0";
    let mut t = String::from("financien:\n");
    for rij in ["lasten", "baten"] {
        let regels: Vec<(String, String, Option<String>, bool)> = match (vorig, begroting) {
            (Some(v), _) if !v.lasten.regels().is_empty() || !v.baten.regels().is_empty() => {
                let posten = if rij == "lasten" { &v.lasten } else { &v.baten };
                posten
                    .regels()
                    .iter()
                    .map(|r| (r.taakveld.clone(), r.categorie.clone(), r.naam.clone(), r.incidenteel))
                    .collect()
            }
            (_, Some(b)) => {
                let bedragen = if rij == "lasten" { &b.lasten } else { &b.baten };
                bedragen
                    .regels()
                    .iter()
                    .map(|r| (r.taakveld.clone(), r.categorie.clone(), r.naam.clone(), r.incidenteel))
                    .collect()
            }
            _ => Vec::new(),
        };
        if regels.is_empty() {
            let _ = writeln!(t, "  {rij}: {{ {kolommen} }}");
            continue;
        }
        let _ = writeln!(t, "  {rij}:");
        for (taakveld, categorie, naam, incidenteel) in regels {
            let _ =
                writeln!(t, "    - taakveld: {}\n      categorie: {}", yaml_string(&taakveld), yaml_string(&categorie));
            if let Some(naam) = naam {
                let _ = writeln!(t, "      naam: {}", yaml_string(&naam));
            }
            if incidenteel {
                t += "      incidenteel: true\n";
            }
            let _ = writeln!(t, "      bedragen: {{ {kolommen} }}");
        }
    }
    for rij in ["toevoegingen_reserves", "onttrekkingen_reserves"] {
        let _ = writeln!(t, "  {rij}: {{ {kolommen} }}");
    }
    t
}
