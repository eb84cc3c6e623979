//! The Kadernota and the jaarverslagen: seed figures, statuses, charts, data across years, and a
//! gemeente whose chapters have another shape.

use crate::common::*;

const KADERNOTA: &str = "out/2018/kadernota-integrale-veiligheid-2018-2022.pdf";
const JV2024: &str = "out/2024/jaarverslag-veiligheid.pdf";

/// Every indicator row of the seed's four tables: name, bron, meting, streefwaarden 2019–2022.
const SEED_ROWS: &[(&str, &str, &[&str])] = &[
    ("% voelt zich wel eens onveilig in eigen buurt", "Gemeente", &["22% *)", "22%", "21%", "20%", "<20%"]),
    ("Cijfer sociale cohesie", "Gemeente", &["6,2 *)", "6,2", "6,3", "6,3", ">6,3"]),
    ("Meldingen openbare ruimte", "Gemeente", &["4.714", "4.500", "<4.500", "4.500", "<4.500"]),
    ("Totaal aantal misdrijven", "Politie", &["6.756", "6.500", "<6.500", "<6.500", "<6.500"]),
    ("Woninginbraken (absoluut en in % aantal inwoners)", "Politie", &["565 (pm%)", "500", "<500", "<500", "<500"]),
    ("Straatroof (absoluut)", "Politie", &["17", "15", "<15", "<15", "<15"]),
    ("Overvallen (absoluut)", "Politie", &["11", "10", "<10", "<10", "<10"]),
    ("Geweld (absoluut)", "Politie", &["394", "350", "<350", "<350", "<350"]),
    ("Incidenten personen met verward gedrag", "Politie", &["576", "530", "480", "400", "350"]),
    ("Incidenten personen met verward gedrag Schiphol / aanvaarde hulp", "KMar", &["150", "130", "100", "80", "75"]),
    ("Aantal opgelegde gebiedsontzeggingen Schiphol", "KMar", &["7", "24", "24", "24", "24"]),
    ("Aantal tijdelijke huisverboden", "Gemeente", &["16", "20", "20", "20", "20"]),
    ("Misdrijven handel en vervaardigen soft- of harddrugs", "Politie", &["18", "17", "<17", "<17", "<17"]),
    (
        "Waarschuwingen en sluitingen woningen en lokalen soft- en harddrugs",
        "Gemeente",
        &[
            "23 keer waarschuwing en 10 keer sluitingen",
            "30 keer waarschuwing en 15 keer sluiting",
            "30 keer waarschuwing en 20 keer sluiting",
            "30 keer waarschuwing en 25 keer sluiting",
            "30 keer waarschuwing en 25 keer sluiting",
        ],
    ),
    ("Aantal signalen die vanuit gemeente worden aangebracht bij het RIEC", "Gemeente", &["5", "12", "15", "15", "15"]),
    ("Aantal ontmantelde hennepkwekerijen", "Politie", &["35", "45", ">45", ">45", ">45"]),
    ("Aantal RIEC casussen", "RIEC", &["9", "15", "20", "20", "20"]),
    ("Incidenten terreure dreiging", "Politie", &["0", "0", "0", "0", "0"]),
    ("Meldingen CTER / ISTER Schiphol", "KMar", &["1.177", "1.000", "750", "<750", "<750"]),
    ("Aantal casussen", "Gemeente", &["4", "0 <4", "0 <4", "0 <4", "0 <4"]),
    ("Aantal crisisoefeningen Terrorisme gevolgbestrijding", "VRK", &["7", "7", "7", "7", "7"]),
];

#[test]
fn kadernota_has_every_seed_indicator_row_and_every_chapter() {
    let p = Scratch::with_samples();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path(KADERNOTA));
    // A row reads as one run of text: name, meting, then the four streefwaarden.
    for (name, bron, values) in SEED_ROWS {
        let row = format!("{name} {bron} {}", values.join(" "));
        assert_contains_phrase(&text, &row);
    }
    assert_contains(&text, "Meldingen openbare ruimte Gemeente 4.714");
    assert_contains(&text, "Incidenten personen met verward gedrag Politie 576");
    assert_contains(&text, "*) meting 2016");
    for heading in [
        "Inhoud",
        "Voorwoord",
        "1. Inleiding",
        "2.1. Missie",
        "3.2.1. Verbeteren veiligheidsgevoel in eigen buurt",
        "3.2.4. Integraal samenwerken aan contraterrorisme, extremisme en radicalisering (CTER)",
        "4.4. Beleidscyclus hanteren voor alle VTH-taken",
        "5.4. Uitvoeringsprogramma veiligheid",
        "Bijlage 1. Overige veiligheidsthema's 2018-2022",
        "Ambtelijke- en bestuurlijke integriteit",
    ] {
        assert_contains_phrase(&text, heading);
    }
    assert_contains(&text, "Onno Hoes");
    // The seed's footnote, as a footnote.
    assert_contains(&text, "Bron CBS 2017/G32");
    assert_contains(&text, "Versie: 4 juli 2018");
}

#[test]
fn jaarverslag_computes_statuses_and_draws_vector_charts_with_alt_text() {
    let p = Scratch::with_samples();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path(JV2024));
    // The seed's own text and the five activiteiten.
    assert_contains_phrase(
        &text,
        "Beleidsdoel A: Een veilige woon- en leefomgeving voor inwoners, ondernemers en bezoekers in de gemeente Haarlemmermeer.",
    );
    assert_contains(&text, "Wat hebben we bereikt en wat hebben we daarvoor gedaan?");
    for a in [
        "01. Vergroten weerbaarheid jongeren",
        "02. Versterken digitale veiligheid",
        "03. Waarborgen zorg en veiligheid",
        "04. Aanpak georganiseerde ondermijnende criminaliteit",
        "05. Tegengaan van polarisatie",
    ] {
        assert_contains_phrase(&text, a);
    }
    assert_contains_phrase(&text, "het faciliteren van opsporing en vervolging");
    // Statuses: word and symbol. Woninginbraken 340 against <500: behaald; straatroof 21
    // against <15: niet behaald; no 2024 measurement of the biennial survey: geen meting; a
    // year without target: geen streefwaarde; text values judged by a person.
    assert_contains_phrase(
        &text,
        "Woninginbraken (absoluut en in % aantal inwoners) aantal 565 (pm%) (2017) <500 340 ● behaald",
    );
    assert_contains_phrase(&text, "Straatroof (absoluut) aantal 17 (2017) <15 21 × niet behaald");
    assert_contains_phrase(&text, "– geen meting");
    assert_contains_phrase(&text, "– geen streefwaarde");
    // The marking on every page.
    let pages = text.matches("Voorbeeldgegevens: cijfers illustratief").count();
    assert!(pages >= 8, "marking on {pages} pages");
    // BBV and finances, computed.
    assert_contains(&text, "Verwijzingen Halt per 1.000 jongeren 12-17 jr 2024 Bureau Halt 9,2 Nederland: 10,4");
    assert_contains(&text, "Lasten −15.980 −16.450 −16.910 −16.702 208");
    assert_contains(&text, "Saldo van baten en lasten −15.368 −15.910 −16.325 −15.971 354");
    assert_contains(&text, "Resultaat −15.338 −15.790 −16.255 −15.959 296");

    // Charts are vector (their labels are text in the PDF, no raster images) and have alt text.
    let doc = pdf_document(&p.path(JV2024));
    assert!(!has_raster_images(&doc), "charts must be vector, not images");
    assert_contains_phrase(&text, "streefwaarde realisatie meting (nulmeting)");
    let figures: Vec<String> =
        struct_elements(&doc).into_iter().filter(|(s, _)| s == "Figure").filter_map(|(_, a)| a).collect();
    assert!(
        figures
            .iter()
            .any(|a| a.starts_with("Trendgrafiek Woninginbraken") && a.contains("realisatie 2019: 480, 2020: 390")),
        "{figures:?}"
    );
    assert!(figures.iter().any(|a| a.starts_with("Staafdiagram Veiligheid")), "{figures:?}");
}

#[test]
fn a_correction_in_an_earlier_year_changes_the_later_jaarverslag() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = std::fs::read(p.path(JV2024)).unwrap();
    assert!(!pdf_text(&p.path(JV2024)).contains("2023 – 777"));

    let file = "data/2023/jaarverslag-veiligheid.yaml";
    let yaml = p.read(file).replace(
        "  - id: woninginbraken\n        realisatie: 350\n",
        "  - id: woninginbraken\n        realisatie: 777\n",
    );
    assert!(yaml.contains("realisatie: 777"), "the edit applies");
    p.write(file, &yaml);
    // The jaarverslagen are definitief: a correction makes a revised version.
    let run = p.run(&["build", "--herzie"]);
    assert_eq!(run.code, 0, "{run:?}");
    let after = std::fs::read(p.path(JV2024)).unwrap();
    assert_ne!(before, after);
    let text = pdf_text(&p.path(JV2024));
    // The chart's table row for 2023, and the chart's alt text, carry the corrected value.
    assert_contains(&text, "2023 – 777");
    let doc = pdf_document(&p.path(JV2024));
    assert!(struct_elements(&doc).iter().any(|(_, a)| a.as_deref().is_some_and(|a| a.contains("2023: 777"))));
}

#[test]
fn another_gemeente_with_another_chapter_shape_builds_without_template_changes() {
    let p = Scratch::fixture("andere-gemeente");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path("out/2024/programma-veiligheid.pdf"));
    assert_contains(&text, "Gemeente Bergenmeer");
    assert_contains(&text, "Wat wilden we bereiken en wat hebben we gedaan?");
    for code in [
        "A1 Buurtpreventie uitbreiden",
        "A6 Inbraakpreventie voorlichten",
        "B4 Verward gedrag",
        "C3 Risicoprofiel bijwerken",
    ] {
        assert_contains(&text, code);
    }
    assert_contains(&text, "Huiselijk geweld Samen met Veilig Thuis. Kindermishandeling Signalering op scholen.");
    assert_contains(&text, "Speerpunten");
    assert_contains(&text, "Verbonden partijen");
    assert_contains(&text, "Veiligheidsregio Zuid");
    assert_contains(&text, "Overige samenwerkingspartners");
    assert_contains(&text, "Aantal buurtpreventieteams aantal – ≥12 14 ● behaald");
    assert_contains(&text, "Meldingen jeugdoverlast aantal – 280 310 × niet behaald");
    // Whole euros and N/V notation from this gemeente's settings.
    assert_contains(&text, "Lasten 2.100.000 2.200.000 2.250.000 2.190.000 60.000 V");
    assert_contains(&text, "Baten 80.000 75.000 75.000 91.000 16.000 V");
    assert_contains_phrase(&text, "CONCEPT");
}

#[test]
fn check_requires_a_toelichting_above_the_threshold() {
    let p = Scratch::fixture("andere-gemeente");
    let file = "data/2024/programma-veiligheid.yaml";
    p.write(file, &p.read(file).replace("  toelichting:\n    lasten: Minder inhuur dan begroot.\n", ""));
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(
        &normalise(&run.stderr),
        "het verschil bij lasten (€ 60.000) is groter dan de drempel van € 25.000 en heeft geen toelichting",
    );
    assert_contains(&run.stderr, &format!("{file}:"));
}

#[test]
fn an_undefined_indicator_is_named_with_its_line() {
    let p = Scratch::with_samples();
    let file = "data/2022/jaarverslag-veiligheid.yaml";
    p.write(file, &p.read(file).replace("- id: straatroof", "- id: straatrof"));
    let run = p.run(&["check", "data/2022"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "indicator `straatrof` is niet gedefinieerd");
    assert_contains(&run.stderr, "bedoelde u `straatroof`?");
    let line = p.read(file).lines().position(|l| l.contains("straatrof")).unwrap() + 1;
    assert_contains(&run.stderr, &format!("{file}:{line}:"));
}
