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
