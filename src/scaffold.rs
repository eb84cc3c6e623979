//! `raadsstuk new`: a new document file to fill in, with every field present and Dutch guidance
//! comments. It validates as it is and builds into a readable draft; it never overwrites a file.
//!
//! YAML is written as text (serde cannot write comments); every value is a JSON string, which is
//! valid YAML and needs no further escaping.

use std::fmt::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Soort;
use crate::output::write as output;
use crate::session::Session;
use crate::source::project::DocumentFile;

const IN_TE_VULLEN: &str = "*In te vullen.*";

/// Writes a new document of `soort` for `jaar`; returns its path (relative to the project root).
pub fn new_document(
    session: &Session,
    soort: Soort,
    jaar: i32,
    onderwerp: Option<&str>,
    today: NaiveDate,
) -> Result<String, Problems> {
    if !(1800..=2200).contains(&jaar) {
        return Err(Diagnostic::new("--jaar", format!("jaar {jaar} ligt buiten 1800-2200")).into());
    }
    let docs = session.project.documents().map_err(Problems::one)?;
    let (name, text) = match soort {
        Soort::Raadsvoorstel => {
            let nummer = next_nummer(session, &docs, jaar);
            let stem = onderwerp.map(slug).filter(|s| !s.is_empty()).unwrap_or_else(|| output::file_stem(&nummer));
            (format!("raadsvoorstel-{stem}.yaml"), raadsvoorstel(session, &nummer, onderwerp, today))
        }
        Soort::Jaarverslag => {
            let existing = docs
                .iter()
                .filter(|d| d.jaar == jaar)
                .find(|d| session.load(d).is_ok_and(|l| l.document.soort() == Soort::Jaarverslag));
            if let Some(d) = existing {
                return Err(Diagnostic::new(&d.relative, format!("er is al een jaarverslag voor {jaar}"))
                    .with_hint("één jaarverslag per jaar; vul het bestaande aan")
                    .into());
            }
            ("jaarverslag.yaml".to_string(), jaarverslag(session, jaar, today)?)
        }
        Soort::Kadernota => {
            let stem =
                onderwerp.map(slug).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("{}-{}", jaar, jaar + 3));
            (format!("kadernota-{stem}.yaml"), kadernota(jaar, onderwerp, today))
        }
    };
    let relative = format!("data/{jaar}/{name}");
    let path: PathBuf = session.project.root().join(&relative);
    if path.exists() {
        return Err(Diagnostic::new(&relative, "bestaat al: raadsstuk new overschrijft nooit een bestand")
            .with_hint("kies een ander --onderwerp, of verplaats het bestaande bestand")
            .into());
    }
    std::fs::create_dir_all(path.parent().expect("has a folder"))
        .map_err(|e| Diagnostic::new(&relative, format!("map niet te maken: {e}")))?;
    // create_new: even a file that appeared a moment ago is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Diagnostic::new(&relative, format!("niet te schrijven: {e}")))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| Diagnostic::new(&relative, format!("niet te schrijven: {e}")))?;
    Ok(relative)
}

/// A JSON string literal: valid YAML, with every character escaped as needed.
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// "Kadernota Integrale Veiligheid" → "kadernota-integrale-veiligheid".
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect::<String>().trim_end_matches('-').to_string()
}

/// The next free registratienummer of the year: one above the highest `<jaar>.<digits>` in use.
fn next_nummer(session: &Session, docs: &[DocumentFile], jaar: i32) -> String {
    let prefix = format!("{jaar}.");
    let mut highest: Option<(u64, usize)> = None;
    for doc in docs {
        let Ok(loaded) = session.load(doc) else { continue };
        let Some(nummer) = loaded.document.nummer() else { continue };
        if let Some(digits) = nummer.strip_prefix(&prefix)
            && let Ok(n) = digits.parse::<u64>()
            && highest.is_none_or(|(h, _)| n > h)
        {
            highest = Some((n, digits.len()));
        }
    }
    let (n, width) = highest.map_or((1, 7), |(h, w)| (h + 1, w));
    format!("{jaar}.{n:0width$}")
}

fn raadsvoorstel(session: &Session, nummer: &str, onderwerp: Option<&str>, today: NaiveDate) -> String {
    let g = &session.gemeente;
    let mut vragen = g.samenvattingsvragen.clone();
    if vragen.is_empty() {
        vragen =
            ["Wat willen we bereiken?", "Wat gaan we daarvoor doen?", "Wat mag het kosten?"].map(String::from).to_vec();
    }
    let mut t = String::new();
    let _ = writeln!(t, "# Raadsvoorstel van de gemeente {}, gemaakt met `raadsstuk new` op {today}.", g.naam);
    t += "# Vul de velden in. Tekst bij `antwoord:` en `tekst:` is Markdown: *schuin*, **vet**,\n";
    t += "# een lijst met regels die beginnen met \"- \", een lege regel voor een nieuwe alinea.\n";
    t += "# Controleer met `raadsstuk check <dit bestand>`; zie de PDF groeien met `raadsstuk watch <dit bestand>`.\n";
    t += "soort: raadsvoorstel\n";
    t += "# concept: elke pagina krijgt het watermerk CONCEPT. Zet op definitief als het stuk klaar is.\n";
    t += "status: concept\n\n";
    t += "# Registratienummer uit het zaaksysteem; dit is het eerstvolgende vrije nummer van dit jaar.\n";
    let _ = writeln!(t, "nummer: {}", q(nummer));
    t += "# Het onderwerp is ook de titel van de PDF.\n";
    let _ = writeln!(t, "onderwerp: {}", q(onderwerp.unwrap_or("In te vullen onderwerp")));
    t += "# Eén naam, of een lijst: [Naam, Naam]\n";
    t += "portefeuillehouder: \"In te vullen\"\n";
    t += "# Wie het voorstel schreef (behandeld door).\n";
    t += "steller: \"In te vullen\"\n";
    t += "# Datums als jjjj-mm-dd.\n";
    let _ = writeln!(t, "collegevergadering: {today}");
    t += "# Leeg laten zolang de raad het voorstel nog niet heeft geagendeerd.\n";
    t += "raadsvergadering:\n";
    t += "# Optioneel: commissie, agendapunt, programma.\n\n";
    t += "# De vragen van de Samenvatting van uw gemeente (uit data/gemeente.yaml).\n";
    t += "samenvatting:\n";
    for v in &vragen {
        let _ = writeln!(t, "  - vraag: {}\n    antwoord: |\n      {IN_TE_VULLEN}", q(v));
    }
    t += "\nvoorstel:\n";
    t += "  inleiding: \"Op grond van het voorgaande besluit het college de raad voor te stellen om:\"\n";
    t += "  # De besluitpunten, genummerd 1, 2, 3 …; ze staan ook in het raadsbesluit.\n";
    t += "  besluitpunten:\n";
    t += "    - tekst: \"in te vullen besluitpunt;\"\n";
    t += "      # onderdelen worden a, b, c …\n";
    t += "      onderdelen: []\n\n";
    t += "# De uitwerking: secties met een titel en Markdown-tekst.\n";
    t += "uitwerking:\n";
    for titel in
        ["Wat willen we bereiken?", "Wat gaan we daarvoor doen?", "Wat mag het kosten?", "Participatie en communicatie"]
    {
        let _ = writeln!(t, "  - titel: {}\n    tekst: |\n      {IN_TE_VULLEN}", q(titel));
    }
    t += "\n# Optioneel, voor het raadsbesluit: \"gelet op …\".\n";
    t += "gelet_op:\n\n";
    t += "# De namen komen uit data/gemeente.yaml (bestuur); vul ze hier alleen in als ze anders zijn.\n";
    t += "ondertekening:\n  slotformule: \"Hoogachtend,\"\n\n";
    t += "# Bijlagen: een titel, en eventueel het bestand (een PDF of een document van dit project,\n";
    t += "# als pad vanaf de projectmap), bijvoorbeeld:\n";
    t += "#   - titel: Kadernota Integrale Veiligheid\n#     bestand: data/2018/kadernota.yaml\n";
    t += "bijlagen: []\n";
    t
}

fn kadernota(jaar: i32, onderwerp: Option<&str>, today: NaiveDate) -> String {
    let titel = onderwerp.map(str::to_string).unwrap_or_else(|| format!("Kadernota {}-{}", jaar, jaar + 3));
    let mut t = String::new();
    let _ = writeln!(t, "# Kadernota, gemaakt met `raadsstuk new` op {today}. Tekstvelden zijn Markdown.");
    t += "soort: kadernota\nstatus: concept\n";
    let _ = writeln!(t, "titel: {}", q(&titel));
    t += "ondertitel:\n";
    t += "# De versiedatum staat op de voorkant en is de datum van de PDF.\n";
    let _ = writeln!(t, "datum: {today}");
    let _ = writeln!(t, "periode:\n  van: {jaar}\n  tot: {}\n", jaar + 3);
    let _ = writeln!(t, "voorwoord:\n  tekst: |\n    {IN_TE_VULLEN}\n  ondertekening: []\n");
    t += "# Hoofdstukken worden automatisch genummerd; `paragrafen:` zijn subsecties.\n";
    t += "hoofdstukken:\n";
    let _ = writeln!(t, "  - titel: \"Inleiding\"\n    tekst: |\n      {IN_TE_VULLEN}");
    let _ = writeln!(t, "  - titel: \"Prioriteiten\"\n    tekst: |\n      {IN_TE_VULLEN}");
    t += "    # Per prioriteit: inleiding, problematiek, focuspunten, uitgangspunten, doelstellingen,\n";
    t += "    # indicatoren (ids uit data/indicatoren.yaml), aanpak, samenwerking, financien.\n";
    t += "    prioriteiten:\n";
    let _ = writeln!(t, "      - titel: \"In te vullen prioriteit\"\n        inleiding: |\n          {IN_TE_VULLEN}");
    t += "        indicatoren: []\n";
    t += "\nbijlagen: []\n";
    t
}

/// A jaarverslag pre-filled from the previous year's and the Kadernota in force, with this
/// year's realisaties left empty.
fn jaarverslag(session: &Session, jaar: i32, today: NaiveDate) -> Result<String, Problems> {
    let beleid = session.beleid(jaar - 1, &crate::source::project::Reads::default())?;
    let vorig = beleid.jaarverslagen.get(&(jaar - 1)).map(|(_, j)| j.clone());
    let mut t = String::new();
    let _ = writeln!(t, "# Jaarverslag {jaar}, gemaakt met `raadsstuk new` op {today}.");
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
    let programma = vorig.as_ref().map_or("Veiligheid".to_string(), |v| v.programma.clone());
    let _ = writeln!(t, "programma: {}", q(&programma));
    let _ = writeln!(t, "datum: {today}\n");
    let vragen = vorig.as_ref().map(|v| v.vragen.clone()).unwrap_or_default();
    let _ = writeln!(
        t,
        "# De vragen zoals uw gemeente ze stelt.\nvragen:\n  bereikt: {}\n  indicatoren: {}\n  bbv: {}\n  gekost: {}\n",
        q(&vragen.bereikt),
        q(&vragen.indicatoren),
        q(&vragen.bbv),
        q(&vragen.gekost)
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
                    q(&b.code),
                    q(&b.titel)
                );
                t += "    activiteiten:\n";
                for a in &b.activiteiten {
                    let _ = writeln!(
                        t,
                        "      - code: {}\n        titel: {}\n        toelichting: \"\"",
                        q(&a.code),
                        q(&a.titel)
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
            let prioriteiten: Vec<crate::kinds::kadernota::Prioriteit> =
                kadernota.as_ref().map(all_prioriteiten).unwrap_or_default();
            if prioriteiten.is_empty() {
                let _ = writeln!(
                    t,
                    "  - code: \"A\"\n    titel: \"In te vullen beleidsdoel\"\n    tekst: |\n      {IN_TE_VULLEN}\n    activiteiten: []\n    indicatoren: []"
                );
            }
            for (i, p) in prioriteiten.iter().enumerate() {
                let code = ((b'A' + (i % 26) as u8) as char).to_string();
                let _ = writeln!(
                    t,
                    "  - code: {}\n    titel: {}\n    tekst: |\n      {IN_TE_VULLEN}\n    activiteiten: []",
                    q(&code),
                    q(&p.titel)
                );
                t += "    indicatoren:\n";
                for d in &p.indicatoren {
                    let _ = writeln!(t, "      - id: {}\n        realisatie:", d.id);
                }
                if p.indicatoren.is_empty() {
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
                    q(&b.naam),
                    q(&b.eenheid),
                    q(&jaar.to_string()),
                    q(&b.bron)
                );
            }
        }
        if let Some(f) = &v.financien {
            t += "\n# Wat heeft het gekost? Hele euro's; lasten en toevoegingen als positief bedrag.\n";
            t += "# Een verschil boven de drempel uit data/gemeente.yaml heeft een toelichting nodig.\nfinancien:\n";
            for (rij, k) in [
                ("lasten", f.lasten),
                ("baten", f.baten),
                ("toevoegingen_reserves", f.toevoegingen_reserves),
                ("onttrekkingen_reserves", f.onttrekkingen_reserves),
            ] {
                let _ = writeln!(
                    t,
                    "  {rij}: {{ realisatie_vorig_jaar: {}, begroting_primitief: 0, begroting_na_wijziging: 0, realisatie: 0 }}",
                    k.realisatie
                );
            }
        }
    }
    Ok(t)
}

fn all_prioriteiten(k: &crate::kinds::kadernota::Kadernota) -> Vec<crate::kinds::kadernota::Prioriteit> {
    fn walk(h: &crate::kinds::kadernota::Hoofdstuk, out: &mut Vec<crate::kinds::kadernota::Prioriteit>) {
        out.extend(h.prioriteiten.iter().cloned());
        h.paragrafen.iter().for_each(|p| walk(p, out));
    }
    let mut out = Vec::new();
    k.hoofdstukken.iter().for_each(|h| walk(h, &mut out));
    out
}

/// Today's date from the system clock: `new` is the one place where the clock may decide a value.
pub fn today() -> NaiveDate {
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid") + chrono::Days::new(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Kadernota Integrale Veiligheid 2018-2022"), "kadernota-integrale-veiligheid-2018-2022");
        assert_eq!(slug("Geïnformeerd: één ‘test’!"), "geinformeerd-een-test");
        assert_eq!(slug("../../etc"), "etc");
    }
}
