//! `raadsstuk new programmabegroting --programma …`: a complete, commented skeleton with every
//! section and the finance block for the right years.

use std::fmt::Write;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting;
use crate::kinds::{IN_TE_VULLEN, New, slug, yaml_string};

pub fn scaffold(new: &New) -> Result<(String, String), Problems> {
    let Some(programma) = new.onderwerp else {
        return Err(Diagnostic::new("raadsstuk new", "een programmabegroting is voor één programma")
            .with_hint("geef het programma: `raadsstuk new programmabegroting --jaar 2025 --programma Veiligheid`")
            .into());
    };
    let t = new.jaar;
    let nummer = new
        .library
        .documents()
        .into_iter()
        .filter(|d| d.jaar == t)
        .filter(|d| new.library.load(d).is_ok_and(|l| l.document.soort() == super::SOORT))
        .count()
        + 1;
    // The columns another document owns (a jaarverslag's realisatie, last year's begroting) are
    // read from it, not typed.
    let gelezen: Vec<(i32, String)> = crate::kinds::beleid::kolommen::bronnen(
        new.library,
        t,
        programma,
        None,
        &crate::source::project::Reads::default(),
    )?
    .into_iter()
    .flatten()
    .map(|(_, wat, kolom)| (kolom.jaar, wat))
    .collect();
    let jaren = |v: &str| {
        begroting::jaren(t)
            .iter()
            .filter(|j| !gelezen.iter().any(|(g, _)| g == *j))
            .map(|j| format!("{j}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = String::new();
    let _ =
        writeln!(s, "# Programmabegroting {t}, programma {programma}, gemaakt met `raadsstuk new` op {}.", new.today);
    s += "# Elk programma is een eigen bestand; samen met `begrotingsboek.yaml` in deze map vormen ze het boek.\n";
    s += "soort: programmabegroting\nstatus: concept\n";
    let _ = writeln!(s, "programma: {}", yaml_string(programma));
    let _ = writeln!(s, "# De plaats in het boek: programma 1, 2, …\nnummer: {nummer}");
    let _ = writeln!(s, "datum: {}", new.today);
    s += "# Zet op true zolang de cijfers of teksten illustratief zijn: elke pagina zegt het dan.\nvoorbeeldgegevens: false\n\n";
    let _ = writeln!(
        s,
        "# Inleiding op het programma; met `#` en `##` maakt u eigen tussenkoppen.\ninleiding: |\n  {IN_TE_VULLEN}\n"
    );
    s += "# De vragen zoals uw gemeente ze stelt (dit zijn de standaardteksten).\nvragen:\n";
    for (k, v) in [
        ("bereiken", "Wat willen we bereiken?"),
        ("doen", "Wat gaan we daarvoor doen?"),
        ("indicatoren", "Indicatoren en streefwaarden"),
        ("bbv", "Verplichte beleidsindicatoren (BBV)"),
        ("kosten", "Wat mag het kosten?"),
        ("partners", "Verbonden partijen en samenwerkingspartners"),
    ] {
        let _ = writeln!(s, "  {k}: {}", yaml_string(v));
    }
    s += "# Hoe een doel heet in de kop (\"Beleidsdoel A: …\"); leeg voor geen woord.\ndoel_label: Beleidsdoel\n";
    s += "# De koppen van de tabellen met activiteiten.\nkolommen: { code: Nr., activiteit: Activiteit, opmerking: Opmerking }\n\n";
    let _ = writeln!(
        s,
        "beleidsdoelen:\n  - code: A\n    titel: \"In te vullen beleidsdoel\"\n    tekst: |\n      {IN_TE_VULLEN}\n    # Wat gaan we daarvoor doen? Code en opmerking mogen weg; de toelichting is Markdown.\n    activiteiten:\n      - code: \"01\"\n        titel: \"In te vullen activiteit\"\n        toelichting: |\n          {IN_TE_VULLEN}\n    # Thema's tot vier niveaus diep (subthemas), elk met tekst en activiteiten.\n    themas: []\n    # Indicatoren uit data/indicatoren.yaml, met streefwaarden voor {t} tot en met {}; een jaar\n    # dat ontbreekt neemt de Kadernota die dan geldt.\n    indicatoren: []\n    partners:\n      verbonden_partijen: []\n      overige: []\n",
        t + 3
    );
    s += "# Thema's op programmaniveau (bijvoorbeeld \"Speerpunten\" en \"Reguliere activiteiten\").\nthemas: []\n\n";
    s += "# De verplichte beleidsindicatoren: taakveld, naam, eenheid, periode (peildatum), bron, waarde.\nbbv_indicatoren: []\n\n";
    let _ = writeln!(
        s,
        "# Wat mag het kosten? Hele euro's per jaar, lasten en toevoegingen als positief bedrag:\n# realisatie {}, begroting {}, begroting {t}, ramingen {} tot en met {}.",
        t - 2,
        t - 1,
        t + 1,
        t + 3,
    );
    for (jaar, wat) in &gelezen {
        let _ = writeln!(s, "# {} komt uit {wat} en staat hier daarom niet.", begroting::kolom_label(t, *jaar));
    }
    match new.sources.iv3.definities(t) {
        // The line form: what the overview per taakveld and the Iv3 delivery are made from.
        Some(definities) => {
            s += "# Per regel het Iv3-taakveld en de economische categorie van het CBS, eventueel een naam en\n";
            s += "# `incidenteel: true`; elk totaal is de som van de regels. Wie (nog) niet per taakveld begroot,\n";
            let _ = writeln!(s, "# geeft één bedrag per jaar: `lasten: {{ {} }}`.", jaren("0"));
            let _ = writeln!(s, "# De taakvelden van {t}:");
            // 0.10 and 0.11 are computed (reserves, result), never entered.
            for (code, omschrijving) in definities.taakvelden().filter(|(c, _)| !matches!(*c, "0.10" | "0.11")) {
                let _ = writeln!(s, "#   {code:<6} {omschrijving}");
            }
            let regel = |categorie: &str| {
                format!(
                    "    - taakveld: \"0.8\"  # vervang door het taakveld van dit programma\n      categorie: \"{categorie}\"\n      naam: In te vullen\n      bedragen: {{ {} }}\n",
                    jaren("0")
                )
            };
            let _ = write!(s, "financien:\n  lasten:\n{}  baten:\n{}", regel("3.8"), regel("3.8"));
        }
        None => {
            let _ = writeln!(s, "financien:\n  lasten: {{ {} }}\n  baten: {{ {} }}", jaren("0"), jaren("0"));
        }
    }
    s += "  reserves: []\n  toelichting: \"\"\n";
    Ok((format!("programmabegroting-{}.yaml", slug(programma)), s))
}
