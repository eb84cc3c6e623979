//! The verbonden partijen (BBV art. 15): listed once for the project in
//! `data/verbonden-partijen.yaml`, shown whole in the paragraaf verbonden partijen, and by name in
//! every programme that names one. A figure corrected once reaches every document that shows it,
//! and only those.

use crate::common::*;

const LIJST: &str = "data/verbonden-partijen.yaml";

#[test]
fn a_partys_figures_typed_once_appear_in_its_paragraaf_and_wherever_a_programme_names_it() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--zonder-web", "--out", "out"]).code, 0);
    let before = pdfs(&p.path("out"));
    let paragraaf = pdf_text(&p.path("out/2024/paragraaf-verbonden-partijen.pdf"));
    // In the BBV's groups, each party with what the BBV names.
    for heading in ["Gemeenschappelijke regelingen", "Vennootschappen", "Verenigingen", "Vestigingsplaats Haarlem"] {
        assert_contains_phrase(&paragraaf, heading);
    }
    assert_contains_phrase(&paragraaf, "Eigen vermogen 9.800 9.300");
    assert_contains_phrase(&paragraaf, "Resultaat 2024 – −500");
    let veiligheid = pdf_text(&p.path("out/2024/programmabegroting-veiligheid.pdf"));
    assert_contains_phrase(&veiligheid, "Bijdrage 2024 Resultaat 2024");
    assert_contains(&veiligheid, "11.600");
    assert!(!veiligheid.contains("Vereniging van Nederlandse Gemeenten"), "only the parties it names");
    let bestuur = pdf_text(&p.path("out/2024/programmabegroting-bestuur.pdf"));
    assert_contains(&bestuur, "Vereniging van Nederlandse Gemeenten");

    // The Veiligheidsregio's result for 2024, corrected once in the list.
    let text = p.read(LIJST);
    assert_eq!(text.matches("resultaat: -500000\n        bijdrage: 11600000").count(), 1);
    p.write(
        LIJST,
        &text.replace(
            "resultaat: -500000\n        bijdrage: 11600000",
            "resultaat: -750000\n        bijdrage: 11600000",
        ),
    );
    let run = p.run(&["build", "--herzie", "--zonder-web", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    let paragraaf = pdf_text(&p.path("out/2024/paragraaf-verbonden-partijen.pdf"));
    assert_contains_phrase(&paragraaf, "Resultaat 2024 – −750");
    assert_contains(&pdf_text(&p.path("out/2024/programmabegroting-veiligheid.pdf")), "−750");
    assert_contains(&pdf_text(&p.path("out/2024/begrotingsboek.pdf")), "−750");
    // Exactly the documents that show it: the paragraaf, the programme that names the party, and
    // the book that holds both. The programme Bestuur names other parties: it reads the list,
    // and its PDF stays the same.
    let after = pdfs(&p.path("out"));
    let changed: Vec<&str> = after.keys().filter(|k| before.get(*k) != after.get(*k)).map(String::as_str).collect();
    assert_eq!(
        changed,
        ["2024/begrotingsboek.pdf", "2024/paragraaf-verbonden-partijen.pdf", "2024/programmabegroting-veiligheid.pdf"]
    );
    assert!(
        !run.stderr.contains("jaarverslag-veiligheid.yaml — "),
        "a document that names no party is not read again: {run:?}"
    );
}

#[test]
fn an_unknown_party_or_one_described_twice_is_a_located_error() {
    let p = Scratch::with_samples();
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let text = p.read(file);
    let changed = text.replacen(
        "        - Omgevingsdienst Noordzeekanaalgebied\n",
        "        - Omgevingsdienst Noordzeekanaal\n",
        1,
    );
    p.write(file, &changed);
    let line = changed.lines().position(|l| l.contains("- Omgevingsdienst Noordzeekanaal")).unwrap() + 1;
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(
        &err,
        "`Omgevingsdienst Noordzeekanaal` staat niet in de lijst van verbonden partijen (data/verbonden-partijen.yaml)",
    );
    assert_contains(&err, "bedoelde u `Omgevingsdienst Noordzeekanaalgebied`?");
    assert_contains(&check.stderr, &format!("{file}:{line}:"));

    // With the list, the openbaar belang is not typed again in a programme.
    let changed = text.replacen(
        "        - Veiligheidsregio Kennemerland\n",
        "        - naam: Veiligheidsregio Kennemerland\n          openbaar_belang: brandweer\n",
        1,
    );
    p.write(file, &changed);
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "het openbaar belang van `Veiligheidsregio Kennemerland` staat al in data/verbonden-partijen.yaml",
    );
    p.write(file, &text);

    // A party listed twice, and figures after its last year.
    let lijst = p.read(LIJST);
    let dubbel = format!(
        "{lijst}\n  - naam: veiligheidsregio  kennemerland\n    vestigingsplaats: Haarlem\n    vorm: overig\n    openbaar_belang: x\n    bestuurlijk_belang: x\n    tot: 2023\n    verwacht:\n      2024: {{ financieel_belang: {{ begin: 0, eind: 0 }}, eigen_vermogen: {{ begin: 0, eind: 0 }}, vreemd_vermogen: {{ begin: 0, eind: 0 }}, resultaat: 0 }}\n"
    );
    p.write(LIJST, &dubbel);
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "verbonden partij `veiligheidsregio kennemerland` staat er twee keer");
    assert_contains(&err, "is tot en met 2023 een verbonden partij, maar heeft cijfers over 2024");
    let line = dubbel.lines().position(|l| l.contains("- naam: veiligheidsregio  kennemerland")).unwrap() + 1;
    assert_contains(&check.stderr, &format!("{LIJST}:{line}:"));
}

#[test]
fn without_the_list_the_paragraaf_says_so_and_a_definitief_one_needs_every_partys_figures() {
    let p = Scratch::with_samples();
    let lijst = p.read(LIJST);
    // A party without figures of 2024 in a definitief paragraaf of 2024.
    p.write(
        LIJST,
        &lijst.replacen(
            "    verwacht:\n      2024:\n        financieel_belang: { begin: 250000",
            "    verwacht:\n      2023:\n        financieel_belang: { begin: 250000",
            1,
        ),
    );
    let check = p.run(&["check", "data/2024/paragraaf-verbonden-partijen.yaml"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "verbonden partij `BNG Bank N.V.` heeft geen verwachte cijfers over 2024",
    );

    // Without the list: the paragraaf cannot be made, and programmes name parties as text.
    std::fs::remove_file(p.path(LIJST)).unwrap();
    let file = "data/2024/paragraaf-verbonden-partijen.yaml";
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "data/verbonden-partijen.yaml ontbreekt");
    let check = p.run(&["check", "data/2024/programmabegroting-veiligheid.yaml"]);
    assert_eq!(check.code, 0, "{check:?}");
}

/// The begroting shows a party's expected figures, the jaarverslag its realised ones: entering
/// the realisatie leaves every begroting's PDF as it was (a definitief one needs no herziening).
#[test]
fn the_realised_figures_are_the_jaarverslags_and_leave_the_begroting_as_it_was() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--zonder-web", "--out", "out", "data/2024"]).code, 0);
    let before = pdfs(&p.path("out"));
    let text = p.read(LIJST);
    let realisatie = "        bijdrage: 11600000\n    realisatie:\n      2024:\n        financieel_belang: { begin: 0, eind: 0 }\n        eigen_vermogen: { begin: 9800000, eind: 9100000 }\n        vreemd_vermogen: { begin: 61000000, eind: 64000000 }\n        resultaat: -700000\n        bijdrage: 11650000\n";
    p.write(LIJST, &text.replacen("        bijdrage: 11600000\n", realisatie, 1));
    let run = p.run(&["build", "--zonder-web", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "no --herzie needed: {run:?}");
    assert_eq!(before, pdfs(&p.path("out")), "the begroting's PDFs are the same");
    // A jaarverslag naming the party shows the realised figures.
    let file = "data/2024/jaarverslag-veiligheid.yaml";
    let jv = p.read(file);
    p.write(
        file,
        &format!(
            "{}partners:\n  verbonden_partijen: [ Veiligheidsregio Kennemerland ]\n",
            jv.replace("status: definitief", "status: concept")
        ),
    );
    let run = p.run(&["build", "--zonder-web", "--out", "out2", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path("out2/2024/jaarverslag-veiligheid.pdf"));
    assert_contains(&text, "11.650");
    assert_contains(&text, "−700");
}

/// The list's own problems are those of the documents that read it: a document that names no
/// party is made, one that does says the list has errors; its texts pass every check a
/// document's do (an image outside the project is refused).
#[test]
fn a_broken_list_stops_only_the_documents_that_read_it() {
    let p = Scratch::with_samples();
    let text = p.read(LIJST);
    p.write(
        LIJST,
        &text.replacen(
            "risicos: |\n      Voorbeeldtekst. De kosten",
            "risicos: |\n      ![geheim](.geheim/x.png) De kosten",
            1,
        ),
    );
    let check = p.run(&["check", "data/2018"]);
    assert_eq!(check.code, 0, "a document that names no party: {check:?}");
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(
        &err,
        "`Veiligheidsregio Kennemerland` staat met fouten in de lijst van verbonden partijen (data/verbonden-partijen.yaml)",
    );
    assert_contains(&err, "de afbeelding `.geheim/x.png` kan niet worden geplaatst");
    assert_contains(&check.stderr, &format!("{LIJST}:"));
    // The problem is that party's: a programme naming other parties is made.
    let check = p.run(&["check", "data/2024/programmabegroting-bestuur.yaml"]);
    assert_eq!(check.code, 0, "{check:?}");
    // An amount no gemeente has is an error at its value, never an overflow.
    p.write(LIJST, &text.replacen("resultaat: -500000", "resultaat: -9223372036854775808", 1));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "bedrag is onmogelijk groot");
    assert!(!check.stderr.contains("interne fout"), "{check:?}");
    // A party that has ended is not named in a later programme.
    p.write(
        LIJST,
        &text.replacen("    vorm: vennootschap\n", "    vorm: vennootschap\n    tot: 2023\n", 1).replacen(
            "    verwacht:\n      2024:\n        financieel_belang: { begin: 250000",
            "    verwacht:\n      2023:\n        financieel_belang: { begin: 250000",
            1,
        ),
    );
    let check = p.run(&["check", "data/2024/programmabegroting-bestuur.yaml"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "`BNG Bank N.V.` is tot en met 2023 een verbonden partij, niet meer in 2024",
    );
}
