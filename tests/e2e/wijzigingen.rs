//! The year's chain: a begrotingswijziging in a raadsvoorstel or a bestuursrapportage counts in
//! the begroting na wijziging once the raad adopted it, wherever that shows (the jaarverslag,
//! the next begroting's column t-1), with the wijzigingen it contains listed under it; one not
//! adopted changes none of them, and its own PDF shows it as a proposal.

use crate::common::*;

const RAADSVOORSTEL: &str = "data/2024/raadsvoorstel-aanpak-criminele-aanwas.yaml";
const NAJAARSNOTA: &str = "data/2024/najaarsnota-2024.yaml";
const JAARVERSLAG: &str = "data/2024/jaarverslag-veiligheid.yaml";
const BEGROTING_2025: &str = "data/2025/programmabegroting-veiligheid.yaml";

/// The sample with a programmabegroting 2025 of Veiligheid, offered on 1 December 2024 (after
/// both wijzigingen of 2024).
fn met_begroting_2025() -> Scratch {
    let p = Scratch::with_samples();
    let run = p.run(&["new", "programmabegroting", "--jaar", "2025", "--onderwerp", "Veiligheid"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = p.read(BEGROTING_2025);
    let datum = text.lines().find(|l| l.starts_with("datum: ")).unwrap().to_string();
    p.write(BEGROTING_2025, &text.replace(&datum, "datum: 2024-12-01"));
    p
}

fn kosten(pdf: &str) -> String {
    let start = pdf.rfind("Wat heeft het gekost?").or_else(|| pdf.rfind("Wat mag het kosten?")).unwrap();
    pdf[start..].to_string()
}

#[test]
fn an_adopted_wijziging_changes_the_begroting_na_wijziging_wherever_it_shows_and_one_not_adopted_none() {
    let p = met_begroting_2025();
    let run = p.run(&["build", "--zonder-web", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    // Primitief 16.450 + 260 (raadsvoorstel) + 200 (najaarsnota); baten 540 + 45; reserves.
    let jaarverslag = squash(&kosten(&pdf_text(&p.path("out/2024/jaarverslag-veiligheid.pdf"))));
    assert_contains_phrase(&jaarverslag, "Lasten −15.980 −16.450 −16.910 −16.702 208");
    assert_contains_phrase(&jaarverslag, "Baten 612 540 585 731 146");
    assert_contains_phrase(&jaarverslag, "Toevoegingen reserves −150 0 −250 −250 0");
    assert_contains_phrase(&jaarverslag, "Onttrekkingen reserves 180 120 320 262 −58");
    assert_contains_phrase(
        &jaarverslag,
        "Begroting 2024 na wijziging: de primitieve begroting met de begrotingswijzigingen van Raadsvoorstel \
         2024.0011203 (vastgesteld 28 maart 2024) en Najaarsnota 2024 (vastgesteld 7 november 2024).",
    );
    let begroting = squash(&kosten(&pdf_text(&p.path("out/2025/programmabegroting-veiligheid.pdf"))));
    assert_contains_phrase(&begroting, "Lasten −15.980 −16.910 0");
    assert_contains_phrase(&begroting, "Baten 612 585 0");
    assert_contains_phrase(
        &begroting,
        "Begroting 2024: de begroting na wijziging, uit de programmabegroting 2024 met de begrotingswijzigingen \
         van Raadsvoorstel 2024.0011203 (vastgesteld 28 maart 2024) en Najaarsnota 2024 (vastgesteld 7 november 2024).",
    );
    // What was sent says what it is, a proposal; the adoption is recorded beside it (the
    // manifest, the web edition) and changes none of its PDFs.
    let sent: Vec<Vec<u8>> = ["raadsvoorstel", "raadsbesluit", "begrotingswijziging", "bundel"]
        .iter()
        .map(|d| std::fs::read(p.path(&format!("out/2024/2024.0011203-{d}.pdf"))).unwrap())
        .collect();
    let manifest = p.read("out/manifest.json");
    assert_contains(&manifest, "\"vastgesteld\": \"2024-03-28\"");
    // The jaarrekening's overview: primitief, na wijziging, realisatie, verschil.
    let rekening = squash(&pdf_text(&p.path("out/2024/jaarverslagboek.pdf")));
    assert_contains_phrase(
        &rekening,
        "Programma 1 Veiligheid Lasten −16.450 −16.910 −16.702 208 Baten 540 585 731 146",
    );

    // The raadsvoorstel not adopted: its wijziging counts nowhere, and its PDF says it is a
    // proposal. Only the najaarsnota's 200 is left.
    let text = p.read(RAADSVOORSTEL);
    p.write(RAADSVOORSTEL, &text.replace("vastgesteld: { datum: 2024-03-28, door: raad }\n", ""));
    let run = p.run(&["build", "--herzie", "--zonder-web", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    let jaarverslag = squash(&kosten(&pdf_text(&p.path("out/2024/jaarverslag-veiligheid.pdf"))));
    assert_contains_phrase(&jaarverslag, "Lasten −15.980 −16.450 −16.650 −16.702 −52");
    assert_contains_phrase(&jaarverslag, "Baten 612 540 540 731 191");
    assert_contains_phrase(
        &jaarverslag,
        "Begroting 2024 na wijziging: de primitieve begroting met de begrotingswijziging van Najaarsnota 2024 \
         (vastgesteld 7 november 2024).",
    );
    assert!(!jaarverslag.contains("2024.0011203"), "{jaarverslag}");
    let rekening = squash(&pdf_text(&p.path("out/2024/jaarverslagboek.pdf")));
    assert_contains_phrase(
        &rekening,
        "Programma 1 Veiligheid Lasten −16.450 −16.650 −16.702 −52 Baten 540 540 731 191",
    );
    let begroting = squash(&kosten(&pdf_text(&p.path("out/2025/programmabegroting-veiligheid.pdf"))));
    assert_contains_phrase(&begroting, "Lasten −15.980 −16.650 0");
    assert!(!begroting.contains("2024.0011203"));
    let voorstel = squash(&pdf_text(&p.path("out/2024/2024.0011203-raadsvoorstel.pdf")));
    assert_contains_phrase(
        &voorstel,
        "Voorstel aan de raad: deze begrotingswijziging telt mee in de begroting 2024 na wijziging zodra de raad haar vaststelt.",
    );
    for (d, bytes) in ["raadsvoorstel", "raadsbesluit", "begrotingswijziging", "bundel"].iter().zip(&sent) {
        assert!(&std::fs::read(p.path(&format!("out/2024/2024.0011203-{d}.pdf"))).unwrap() == bytes, "{d} changed");
    }
    // Its effect as a proposal: the begroting as it stands, the change, and after it.
    assert_contains_phrase(&voorstel, "Veiligheid: lasten −16.450 −260 −16.710");
}

#[test]
fn a_begroting_counts_only_the_wijzigingen_adopted_before_its_own_date() {
    let p = met_begroting_2025();
    // Offered before the najaarsnota was adopted (7 November 2024).
    let text = p.read(BEGROTING_2025);
    p.write(BEGROTING_2025, &text.replace("datum: 2024-12-01", "datum: 2024-10-01"));
    let run = p.run(&["build", "--zonder-web", "--out", "out", BEGROTING_2025]);
    assert_eq!(run.code, 0, "{run:?}");
    let begroting = squash(&kosten(&pdf_text(&p.path("out/2025/programmabegroting-veiligheid.pdf"))));
    assert_contains_phrase(&begroting, "Lasten −15.980 −16.710 0");
    assert!(!begroting.contains("Najaarsnota"), "{begroting}");
}

#[test]
fn typing_the_begroting_na_wijziging_is_an_error_that_names_where_it_comes_from() {
    let p = Scratch::with_samples();
    let text = p.read(JAARVERSLAG);
    let changed = text.replace(
        "toevoegingen_reserves: { realisatie: 250000 }",
        "toevoegingen_reserves: { begroting_na_wijziging: 250000, realisatie: 250000 }",
    );
    assert_ne!(changed, text);
    p.write(JAARVERSLAG, &changed);
    let line = changed.lines().position(|l| l.contains("begroting_na_wijziging: 250000")).unwrap() + 1;
    let check = p.run(&["check", JAARVERSLAG]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(
        &err,
        "`financien.toevoegingen_reserves.begroting_na_wijziging` wordt berekend: de primitieve begroting uit de programmabegroting 2024 \
         (data/2024/programmabegroting-veiligheid.yaml), met de begrotingswijzigingen van Raadsvoorstel 2024.0011203 \
         (vastgesteld 28 maart 2024) en Najaarsnota 2024 (vastgesteld 7 november 2024)",
    );
    assert_contains(&check.stderr, &format!("{JAARVERSLAG}:{line}:"));
}

#[test]
fn a_wijziging_on_a_programme_or_taakveld_the_begroting_does_not_have_is_a_located_error() {
    let p = Scratch::with_samples();
    let text = p.read(RAADSVOORSTEL);
    // Baten of Veiligheid are on taakveld 1.2 only; there is no programme Onderwijs in 2024.
    let changed = text
        .replacen(
            "      taakveld: \"1.2\"\n      categorie: \"4.3.1\"",
            "      taakveld: \"1.1\"\n      categorie: \"4.3.1\"",
            1,
        )
        .replacen("  reserves:\n    - programma: Veiligheid", "  reserves:\n    - programma: Onderwijs", 1);
    assert_ne!(changed, text);
    p.write(RAADSVOORSTEL, &changed);
    let taakveld = changed.lines().position(|l| l.contains("taakveld: \"1.1\"")).unwrap() + 1;
    let programma = changed.lines().position(|l| l.contains("programma: Onderwijs")).unwrap() + 1;
    let check = p.run(&["check", RAADSVOORSTEL]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "de begroting 2024 van Veiligheid heeft geen baten op taakveld 1.1");
    assert_contains(&err, "de baten van Veiligheid staan op taakveld 1.2");
    assert_contains(&check.stderr, &format!("{RAADSVOORSTEL}:{taakveld}:"));
    assert_contains(&err, "de programmabegroting 2024 heeft geen programma Onderwijs");
    assert_contains(&check.stderr, &format!("{RAADSVOORSTEL}:{programma}:"));
}

#[test]
fn the_raadsvoorstel_states_its_wijziging_in_the_besluit_and_as_a_bijlage_of_the_bundle() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "--out", "out", RAADSVOORSTEL]);
    assert_eq!(run.code, 0, "{run:?}");
    let besluit = squash(&pdf_text(&p.path("out/2024/2024.0011203-raadsbesluit.pdf")));
    assert_contains_phrase(&besluit, "3. de begroting 2024 te wijzigen volgens de begrotingswijziging in de bijlage.");
    let bijlage = squash(&pdf_text(&p.path("out/2024/2024.0011203-begrotingswijziging.pdf")));
    assert_contains_phrase(&bijlage, "Bijlage bij raadsvoorstel 2024.0011203");
    assert_contains_phrase(
        &bijlage,
        "Veiligheid: Forensische coaches en aanpak criminele aanwas (1.2 3.8, incidenteel) −260 −150",
    );
    assert_contains_phrase(&bijlage, "Veiligheid: onttrekking aan reserve integrale veiligheid 200 0");
    assert_contains_phrase(&bijlage, "Saldo van de begrotingswijziging −15 −150");
    let bundel = squash(&pdf_text(&p.path("out/2024/2024.0011203-bundel.pdf")));
    assert_contains_phrase(&bundel, "Bijlage: Begrotingswijziging 2024");
    assert_eq!(
        bundel.matches(&squash("Saldo van de begrotingswijziging")).count(),
        2,
        "in the voorstel and as bijlage"
    );

    // Typed as well, the besluitpunt would be decided twice.
    let text = p.read(RAADSVOORSTEL);
    p.write(
        RAADSVOORSTEL,
        &text.replace(
            "    - tekst: \"€ 200.000",
            "    - tekst: de begroting 2024 dienovereenkomstig te wijzigen;\n    - tekst: \"€ 200.000",
        ),
    );
    let check = p.run(&["check", RAADSVOORSTEL]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "dit besluitpunt wijzigt de begroting");
}

#[test]
fn a_bestuursrapportage_afwijking_above_the_threshold_needs_a_toelichting_at_its_line() {
    let p = Scratch::with_samples();
    let text = p.read(NAJAARSNOTA);
    let start = text.find("      lasten: |").unwrap();
    let end = text.find("      toevoegingen_reserves: |").unwrap();
    let changed = format!("{}{}", &text[..start], &text[end..]);
    p.write(NAJAARSNOTA, &changed);
    // At the programme's toelichting (its first entry).
    let line = changed.lines().position(|l| l.starts_with("      toevoegingen_reserves: |")).unwrap() + 1;
    let check = p.run(&["check", NAJAARSNOTA]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(
        &err,
        "de afwijking bij de lasten van Veiligheid (€ 200.000) is groter dan de drempel van € 100.000 en heeft geen toelichting",
    );
    assert_contains(&check.stderr, &format!("{NAJAARSNOTA}:{line}:"));
    // Under the threshold, none is needed: the baten change by nothing, and have none.
    assert!(!err.contains("bij de baten"), "{err}");
}

#[test]
fn a_bestuursrapportage_shows_each_stand_as_word_symbol_and_colour() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "--out", "out", NAJAARSNOTA]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = p.path("out/2024/najaarsnota-2024.pdf");
    let text = squash(&pdf_text(&pdf));
    // The titles come from the programmabegroting 2024; the stands from the report.
    assert_contains_phrase(&text, "Stand: ▲ risico");
    assert_contains_phrase(&text, "01 Vergroten weerbaarheid jongeren tegen criminaliteit, wapens en drugs ▲ risico");
    assert_contains_phrase(&text, "02 Versterken digitale veiligheid ● op koers");
    assert_contains_phrase(&text, "05 Tegengaan van polarisatie, radicalisering en extremisme × niet haalbaar");
    // The afwijkingen against the begroting as it stands (after the raadsvoorstel of March).
    assert_contains_phrase(&text, "Lasten −16.710 −200 −16.910");
    // Each stand's fill: op koers #D5EDD9, risico #FBE8C0, niet haalbaar #F6D5D1.
    let content = page_content(&pdf_document(&pdf));
    for (kleur, rgb) in [
        ("op koers", "0.8352941 0.92941177 0.8509804"),
        ("risico", "0.9843137 0.9098039 0.7529412"),
        ("niet haalbaar", "0.9647059 0.8352941 0.81960785"),
    ] {
        assert!(content.contains(rgb), "the fill of {kleur} ({rgb}) is not in the page");
    }
}

#[test]
fn a_verschil_against_the_computed_begroting_na_wijziging_needs_its_toelichting() {
    let p = Scratch::with_samples();
    // Without the raadsvoorstel's onttrekking of 200, the jaarverslag took 142 more from the
    // reserve than its begroting na wijziging: above the threshold, it must say why.
    let text = p.read(RAADSVOORSTEL);
    p.write(RAADSVOORSTEL, &text.replace("vastgesteld: { datum: 2024-03-28, door: raad }\n", ""));
    let jv = p.read(JAARVERSLAG);
    let zonder: String = jv
        .lines()
        .filter(|l| !l.contains("onttrekkingen_reserves: \"Voorbeeldtekst"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(zonder, jv);
    p.write(JAARVERSLAG, &zonder);
    let check = p.run(&["check", JAARVERSLAG]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "het verschil bij onttrekkingen reserves (€ 142.000) is groter dan de drempel van € 100.000 en heeft geen toelichting",
    );
    // Adopted, the verschil is 58: under the threshold.
    p.write(RAADSVOORSTEL, &text);
    assert_eq!(p.run(&["check", JAARVERSLAG]).code, 0);
}

#[test]
fn a_stand_twice_a_wijziging_after_the_year_or_one_in_words_only_is_said() {
    let p = Scratch::with_samples();
    let text = p.read(NAJAARSNOTA);
    let changed = text.replacen(
        "          - { code: \"02\", stand: op_koers }\n",
        "          - { code: \"02\", stand: op_koers }\n          - { code: \"02\", stand: niet_haalbaar }\n",
        1,
    );
    assert_ne!(changed, text);
    p.write(NAJAARSNOTA, &changed);
    let check = p.run(&["check", NAJAARSNOTA]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "`02` staat twee keer onder `activiteiten`");
    // Adopted after the year: the begroting 2024 cannot be changed any more.
    p.write(
        NAJAARSNOTA,
        &text.replace(
            "vastgesteld: { datum: 2024-11-07, door: raad }",
            "vastgesteld: { datum: 2025-01-15, door: raad }",
        ),
    );
    let check = p.run(&["check", NAJAARSNOTA]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "de begroting 2024 kan na afloop van 2024 niet meer worden gewijzigd");
    p.write(NAJAARSNOTA, &text);
    // A programme of the begroting the report leaves out is said on its page.
    let run = p.run(&["build", "--zonder-web", "--out", "out", NAJAARSNOTA]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains_phrase(
        &squash(&pdf_text(&p.path("out/2024/najaarsnota-2024.pdf"))),
        "Programma Bestuur en dienstverlening Over dit programma meldt deze rapportage niets.",
    );
    // The begroting changed in words only: a warning at the besluitpunt.
    let rv = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    let text = p.read(rv);
    p.write(
        rv,
        &text.replacen(
            "    - tekst: de nota",
            "    - tekst: de begroting dienovereenkomstig te wijzigen;\n    - tekst: de nota",
            1,
        ),
    );
    let check = p.run(&["check", rv]);
    assert_eq!(check.code, 0, "a warning: {check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "dit besluitpunt wijzigt de begroting, maar het raadsvoorstel heeft geen `begrotingswijziging:`",
    );
}

#[test]
fn a_doel_without_a_code_is_reported_by_its_title() {
    let p = Scratch::with_samples();
    let text = p.read(NAJAARSNOTA);
    let bestuur = "  - programma: Bestuur en dienstverlening\n    doelen:\n      - titel: Inwoners en ondernemers worden snel en goed geholpen.\n        stand: risico\n        toelichting: Voorbeeldtekst. Meer aanvragen dan verwacht.\n";
    let changed = text.replacen("\nbegrotingswijziging:", &format!("{bestuur}\nbegrotingswijziging:"), 1);
    assert_ne!(changed, text);
    p.write(NAJAARSNOTA, &changed);
    let run = p.run(&["build", "--zonder-web", "--out", "out", NAJAARSNOTA]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = squash(&pdf_text(&p.path("out/2024/najaarsnota-2024.pdf")));
    assert_contains_phrase(
        &pdf,
        "Programma Bestuur en dienstverlening Inwoners en ondernemers worden snel en goed geholpen. Stand: ▲ risico",
    );
    assert!(!pdf.contains(&squash("Over dit programma meldt")), "Bestuur is reported");
    // A title the begroting does not have is an error that lists the doelen it has.
    p.write(NAJAARSNOTA, &changed.replace("- titel: Inwoners en ondernemers", "- titel: Inwoners en bedrijven"));
    let check = p.run(&["check", NAJAARSNOTA]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "de doelen zijn „Inwoners en ondernemers worden snel en goed geholpen.”",
    );
}
