//! The paragrafen of the begroting (BBV art. 9–16): documents of their own, in the book after
//! the programmes in the BBV's order, with the weerstandsvermogen computed from its risks.

use crate::common::*;

#[test]
fn the_paragrafen_follow_the_programmes_in_the_bbvs_order_and_the_weerstandsratio_is_computed() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let doc = pdf_document(&p.path("out/2024/begrotingsboek.pdf"));
    let marks = bookmarks(&doc);
    let at = |title: &str| marks.iter().position(|m| m == title).unwrap_or_else(|| panic!("{title} in {marks:?}"));
    let order = [
        "Programma 1 Veiligheid",
        "Programma 2 Bestuur en dienstverlening",
        "Paragraaf Lokale heffingen",
        "Paragraaf Weerstandsvermogen en risicobeheersing",
        "Paragraaf Onderhoud kapitaalgoederen",
        "Paragraaf Financiering",
        "Paragraaf Bedrijfsvoering",
        "Paragraaf Verbonden partijen",
        "Paragraaf Grondbeleid",
        "Overzicht van baten en lasten",
    ];
    let places: Vec<usize> = order.iter().map(|t| at(t)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{marks:?}");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    assert!(!boek.contains("Geen financiële gegevens"), "a paragraaf is no programme without finance");
    // Benodigd: 50 % × 1.500.000 + 75 % × 4.000.000 + 25 % × 800.000 = 3.950.000; beschikbaar
    // 9.500.000 + 1.200.000 + 100.000 = 10.800.000.
    let eigen = pdf_text(&p.path("out/2024/paragraaf-weerstandsvermogen.pdf"));
    assert_contains(
        &eigen,
        "De weerstandsratio is 2,7 (beschikbaar € 10.800.000 / benodigd € 3.950.000): klasse A, uitstekend.",
    );
    assert_contains(&boek, "Benodigde weerstandscapaciteit 3.950");
}

#[test]
fn a_paragraafs_parts_are_checked_at_their_line_and_new_writes_one_that_builds() {
    let p = Scratch::with_samples();
    let file = "data/2024/paragraaf-financiering.yaml";
    let text = p.read(file);
    p.write(file, &format!("{text}risicos:\n  - {{ naam: Rente, kans: 120, effect: 100000 }}\n"));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "`risicos` hoort bij de paragraaf weerstandsvermogen");
    assert_contains(&err, "de kans van een risico is 120: geen percentage");
    // At the risk itself, the value of `risicos:`.
    let line = text.lines().count() + 2;
    assert_contains(&check.stderr, &format!("{file}:{line}:"));

    let run = p.run(&["new", "paragraaf", "--jaar", "2025", "--onderwerp", "weerstandsvermogen"]);
    assert_eq!(run.code, 0, "{run:?}");
    let made = p.read("data/2025/paragraaf-weerstandsvermogen.yaml");
    assert_contains(&made, "paragraaf: weerstandsvermogen");
    assert_contains(&made, "risicos:");
    let run = p.run(&["build", "--zonder-web", "data/2025/paragraaf-weerstandsvermogen.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(
        &pdf_text(&p.path("out/2025/paragraaf-weerstandsvermogen.pdf")),
        "Paragraaf Weerstandsvermogen en risicobeheersing",
    );
    let wrong = p.run(&["new", "paragraaf", "--jaar", "2025", "--onderwerp", "sport"]);
    assert_eq!(wrong.code, 1, "{wrong:?}");
    assert_contains(&normalise(&wrong.stderr), "een van: lokale_heffingen, weerstandsvermogen");
}

/// Complete, or say why: each part the BBV requires, removed in turn from a definitief book, is
/// its own located error naming the article; marked not applicable it is silent and the book
/// prints the reason. A concept book may be incomplete: a warning.
#[test]
fn each_missing_part_of_a_definitief_begroting_is_said_unless_marked_not_applicable() {
    let boekfile = "data/2024/begrotingsboek.yaml";
    let delen = [
        (
            "data/2024/paragraaf-lokale-heffingen.yaml",
            "lokale_heffingen",
            "de paragraaf Lokale heffingen ontbreekt (BBV art. 10)",
        ),
        (
            "data/2024/paragraaf-weerstandsvermogen.yaml",
            "weerstandsvermogen",
            "de paragraaf Weerstandsvermogen en risicobeheersing ontbreekt (BBV art. 11)",
        ),
        (
            "data/2024/paragraaf-onderhoud-kapitaalgoederen.yaml",
            "onderhoud_kapitaalgoederen",
            "de paragraaf Onderhoud kapitaalgoederen ontbreekt (BBV art. 12)",
        ),
        ("data/2024/paragraaf-financiering.yaml", "financiering", "de paragraaf Financiering ontbreekt (BBV art. 13)"),
        (
            "data/2024/paragraaf-bedrijfsvoering.yaml",
            "bedrijfsvoering",
            "de paragraaf Bedrijfsvoering ontbreekt (BBV art. 14)",
        ),
        (
            "data/2024/paragraaf-verbonden-partijen.yaml",
            "verbonden_partijen",
            "de paragraaf Verbonden partijen ontbreekt (BBV art. 15)",
        ),
        ("data/2024/paragraaf-grondbeleid.yaml", "grondbeleid", "de paragraaf Grondbeleid ontbreekt (BBV art. 16)"),
    ];
    for (file, sleutel, bericht) in delen {
        let p = Scratch::with_samples();
        std::fs::remove_file(p.path(file)).unwrap();
        let check = p.run(&["check", boekfile]);
        assert_eq!(check.code, 1, "{file}: {check:?}");
        assert_contains(&normalise(&check.stderr), bericht);
        let text = p.read(boekfile);
        let status = text.lines().position(|l| l.starts_with("status:")).unwrap() + 1;
        assert_contains(&check.stderr, &format!("{boekfile}:{status}:"));
        // Marked not applicable, with its reason: silent, and printed.
        let reden = format!("Voorbeeldtekst: de {sleutel} is hier niet van toepassing.");
        p.write(boekfile, &format!("{text}niet_van_toepassing:\n  {sleutel}: \"{reden}\"\n"));
        let check = p.run(&["check", boekfile]);
        assert_eq!(check.code, 0, "{file}: {check:?}");
        if sleutel == "grondbeleid" {
            let run = p.run(&["build", "--zonder-web", "data/2024"]);
            assert_eq!(run.code, 0, "{run:?}");
            let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
            assert_contains_phrase(&boek, &format!("Paragraaf Grondbeleid (BBV art. 16): {reden}"));
        }
    }
    // The book's own part, and a concept book.
    let p = Scratch::with_samples();
    let text = p.read(boekfile);
    let zonder = &text[..text.find("\n# De uiteenzetting van de financiële positie").unwrap() + 1];
    p.write(boekfile, zonder);
    let check = p.run(&["check", boekfile]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "de uiteenzetting van de financiële positie ontbreekt (BBV art. 20)");
    p.write(boekfile, &zonder.replace("status: definitief", "status: concept"));
    let check = p.run(&["check", boekfile]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "waarschuwing: de uiteenzetting van de financiële positie ontbreekt (BBV art. 20)",
    );
    // A key that names no required part, or a part that is there after all.
    p.write(boekfile, &format!("{text}niet_van_toepassing:\n  sport: geen\n  financiering: toch wel\n"));
    let check = p.run(&["check", boekfile]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "`sport` is geen deel dat het BBV in de begroting vraagt");
    assert_contains(
        &normalise(&check.stderr),
        "de paragraaf Financiering staat wél in het boek, maar is als niet van toepassing gemarkeerd",
    );
}
