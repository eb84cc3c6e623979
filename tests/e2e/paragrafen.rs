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
    assert_contains(&err, "`risicos` hoort bij de paragraaf Weerstandsvermogen en risicobeheersing");
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
    // Every paragraaf's new file passes `check` and builds, with its parts to fill in.
    for (onderwerp, deel) in [
        ("lokale_heffingen", "taakvelden: [\"0.61\", \"0.62\"]"),
        ("onderhoud_kapitaalgoederen", "kapitaalgoederen:"),
        ("grondbeleid", "# grondexploitaties:"),
        ("verbonden_partijen", "data/verbonden-partijen.yaml"),
        ("financiering", "stuk: begroting"),
    ] {
        let run = p.run(&["new", "paragraaf", "--jaar", "2025", "--onderwerp", onderwerp]);
        assert_eq!(run.code, 0, "{run:?}");
        let file = format!("data/2025/paragraaf-{}.yaml", onderwerp.replace('_', "-"));
        assert_contains(&p.read(&file), deel);
        let run = p.run(&["build", "--zonder-web", &file]);
        assert_eq!(run.code, 0, "{onderwerp}: {run:?}");
    }
    let heffingen = pdf_text(&p.path("out/2025/paragraaf-lokale-heffingen.pdf"));
    assert_contains_phrase(
        &heffingen,
        "de baten op taakveld 0.61 en 0.62 in het begrotingsboek 2025; dat is er nog niet",
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

/// Each paragraaf shows the parts the BBV prescribes, computed where they can be: the totals of
/// the heffingen, the kostendekkendheid, the change in lastendruk, the lasten of the
/// kapitaalgoederen, the results of the grondexploitaties; the kengetallen and the Wet fido's
/// norms, which the book computes, in their paragrafen's own PDFs.
#[test]
fn each_paragraaf_shows_its_structured_parts_computed() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = |name: &str| pdf_text(&p.path(&format!("out/2024/paragraaf-{name}.pdf")));
    let heffingen = text("lokale-heffingen");
    // 6.400 + 10.100 + 13.900 + 3.200 + 150 = 33.750 (x € 1.000), and so on per year.
    assert_contains_phrase(&heffingen, "Totaal lokale heffingen 33.750 35.155 35.910 36.715 37.520");
    assert_contains_phrase(&heffingen, "Rioolheffing 10.700 10.450 97,7 %");
    // 401 + 222 + 316 = 939,00 → 420 + 230 + 330 = 980,00: 4,4 % more.
    assert_contains_phrase(&heffingen, "Totaal woonlasten 939,00 980,00 4,4 %");
    assert_contains(&heffingen, "De kwijtschelding kost naar verwachting € 640.000 in 2024.");
    // The ozb is read from the book's algemene dekkingsmiddelen: 3.950 + 2.700 in 2024.
    assert_contains_phrase(&heffingen, "Onroerendezaakbelastingen 6.400 6.650 6.800 6.950 7.100");
    assert_contains(&heffingen, "de baten op taakveld 0.61 en 0.62 in de begroting");
    let onderhoud = text("onderhoud-kapitaalgoederen");
    assert_contains_phrase(&onderhoud, "Totaal onderhoud 21.500 22.000 22.450 22.900");
    assert_contains(&onderhoud, "Bij gebouwen is € 350.000 aan onderhoud achterstallig.");
    let grond = text("grondbeleid");
    // De Liede 6.200 − 3.100 − 2.400 = 700; Zuidrand 5.300 − 1.700 − 3.900 = −300.
    assert_contains_phrase(&grond, "Woonwijk Zuidrand 1.700 3.900 5.300 −300 2029");
    assert_contains_phrase(&grond, "Totaal 4.800 6.300 11.500 400");
    assert_contains_phrase(
        &grond,
        "Voor de verwachte verliezen, samen € 300.000, treft de gemeente nu een voorziening",
    );
    // What the book computes, in the paragraaf's own PDF.
    let weerstand = text("weerstandsvermogen");
    assert_contains_phrase(&weerstand, "fk.6 Belastingcapaciteit – 106,9 % (C)");
    assert_contains_phrase(&text("financiering"), "Renterisiconorm (20 %, ten minste € 2,5 miljoen)");
    // On the web like every table.
    let web = p.read("out/web/2024/paragraaf-lokale-heffingen.html");
    assert_contains(&web, "<caption>Opbrengst van de heffingen</caption>");
    let web = p.read("out/web/2024/paragraaf-weerstandsvermogen.html");
    assert_contains(&web, "fk.1 Netto schuldquote");

    // Nothing typed twice: the owner's ozb of 2024, changed in the paragraaf lokale heffingen,
    // is the belastingcapaciteit of the weerstandsvermogen: (440 + 230 + 330) / 917 = 109,1 %.
    let file = "data/2024/paragraaf-lokale-heffingen.yaml";
    let yaml = p.read(file);
    p.write(file, &yaml.replacen("2024: { ozb: 420.00,", "2024: { ozb: 440.00,", 1));
    let run = p.run(&["build", "--herzie", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains_phrase(&text("weerstandsvermogen"), "fk.6 Belastingcapaciteit – 109,1 % (C)");
    assert_contains_phrase(&text("lokale-heffingen"), "Totaal woonlasten 939,00 1.000,00 6,5 %");

    // Nor is the ozb's opbrengst: a corrected line of the book's algemene dekkingsmiddelen is the
    // paragraaf's too.
    let boek = "data/2024/begrotingsboek.yaml";
    let yaml = p.read(boek);
    p.write(boek, &yaml.replacen("2024: 3950000,", "2024: 4050000,", 1));
    let run = p.run(&["build", "--herzie", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains_phrase(&text("lokale-heffingen"), "Onroerendezaakbelastingen 6.400 6.750 6.800");
}

#[test]
fn a_structured_part_in_the_wrong_paragraaf_or_year_is_a_located_error() {
    let p = Scratch::with_samples();
    let file = "data/2024/paragraaf-grondbeleid.yaml";
    let text = p.read(file);
    let changed = text.replacen("    einde: 2029", "    einde: 2022", 1)
        + "kapitaalgoederen:\n  - { naam: Wegen, beleidsplan: x, vastgesteld: 2020, onderhoudsniveau: B, lasten: { 2031: 1 } }\n";
    p.write(file, &changed);
    let line = |needle: &str| changed.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "`kapitaalgoederen` hoort bij de paragraaf Onderhoud kapitaalgoederen");
    assert_contains(&err, "Woonwijk Zuidrand eindigt in 2022, vóór de begroting 2024");
    assert_contains(&check.stderr, &format!("{file}:{}:", line("einde: 2022")));
    assert_contains(&err, "2031 is geen jaar van de begroting 2024");

    let file = "data/2024/paragraaf-lokale-heffingen.yaml";
    let text = p.read(file);
    p.write(file, &text.replacen("    2024: { ozb: 420.00,", "    2022: { ozb: 420.00,", 1));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "de lastendruk van de eigenaar in 2024 ontbreekt");
    assert_contains(&err, "de lastendruk van 2022 hoort niet in de begroting 2024");

    // A heffing read from a taakveld the year's Iv3 list does not have, or typed as well.
    let changed = text.replacen("taakvelden: [\"0.61\", \"0.62\"]", "taakvelden: [\"0.61\", \"0.99\"]", 1).replacen(
        "  - naam: Precariobelasting\n",
        "  - naam: Precariobelasting\n    taakvelden: [\"0.64\"]\n",
        1,
    );
    p.write(file, &changed);
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "`0.99` is geen taakveld van de Iv3-indeling van 2024");
    assert_contains(
        &err,
        "geef van `Precariobelasting` de `opbrengst:` per jaar, of de `taakvelden:` waar zij uit volgt",
    );
}

/// The same kind in a jaarverslagboek: `stuk: jaarverslag` makes a paragraaf a chapter of the
/// jaarverslag, with its figures as realisaties; the jaarverslagboek asks for every paragraaf
/// too (BBV art. 26), and the kengetallen wait for the jaarrekening's balans.
#[test]
fn a_paragraaf_of_the_jaarverslag_is_a_chapter_of_the_jaarverslagboek() {
    let p = Scratch::with_samples();
    p.write(
        "data/2024/jaarverslagboek.yaml",
        "soort: jaarverslagboek\nstatus: concept\ndatum: 2025-05-01\nvoorbeeldgegevens: true\ninleiding: |\n  Voorbeeldtekst. Het jaarverslag 2024.\n",
    );
    let heffingen = "soort: paragraaf\nstatus: concept\nparagraaf: lokale_heffingen\nstuk: jaarverslag\ndatum: 2025-04-15\nvoorbeeldgegevens: true\ntekst: |\n  Voorbeeldtekst. Wat de heffingen in 2024 opbrachten.\nheffingen:\n  - naam: Rioolheffing\n    opbrengst: { 2023: 10100000, 2024: 10480000 }\n";
    p.write("data/2024/paragraaf-jaarverslag-lokale-heffingen.yaml", heffingen);
    p.write(
        "data/2024/paragraaf-jaarverslag-weerstandsvermogen.yaml",
        "soort: paragraaf\nstatus: concept\nparagraaf: weerstandsvermogen\nstuk: jaarverslag\ndatum: 2025-04-15\nvoorbeeldgegevens: true\ntekst: |\n  Voorbeeldtekst.\n",
    );
    let check = p.run(&["check", "data/2024/jaarverslagboek.yaml"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(&normalise(&check.stderr), "waarschuwing: de paragraaf Grondbeleid ontbreekt (BBV art. 26)");
    assert!(!check.stderr.contains("Lokale heffingen ontbreekt"), "{check:?}");
    assert!(!check.stderr.contains("financiële positie ontbreekt"), "art. 20 is the begroting's: {check:?}");

    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let eigen = pdf_text(&p.path("out/2024/paragraaf-jaarverslag-lokale-heffingen.pdf"));
    assert_contains(&eigen, "Jaarverslag 2024");
    assert_contains_phrase(&eigen, "2023 (vorig jaar) Realisatie 2024");
    assert_contains_phrase(&eigen, "Rioolheffing 10.100 10.480");
    let weerstand = pdf_text(&p.path("out/2024/paragraaf-jaarverslag-weerstandsvermogen.pdf"));
    assert_contains_phrase(&weerstand, "Deze cijfers over 2024 volgen uit de balans van de jaarrekening 2024");
    // In the jaarverslagboek after the programme, not in the begrotingsboek.
    let marks = bookmarks(&pdf_document(&p.path("out/2024/jaarverslagboek.pdf")));
    let at = |t: &str| marks.iter().position(|m| m == t).unwrap_or_else(|| panic!("{t} in {marks:?}"));
    assert!(at("Paragraaf Lokale heffingen") < at("Paragraaf Weerstandsvermogen en risicobeheersing"));
    assert!(marks.iter().any(|m| m.contains("Veiligheid")), "{marks:?}");
    let begroting = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    assert!(!begroting.contains("10.480"), "the jaarverslag's paragraaf is no chapter of the begroting");

    // Its years are the jaarverslag's.
    let file = "data/2024/paragraaf-jaarverslag-lokale-heffingen.yaml";
    p.write(file, &heffingen.replace("2024: 10480000 }", "2024: 10480000, 2025: 1 }"));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "2025 is geen jaar van het jaarverslag 2024");
}

/// A paragraaf of the jaarverslag with errors stops the jaarverslagboek, never the begroting's;
/// negative amounts and a name twice are errors at their line.
#[test]
fn a_broken_jaarverslag_paragraaf_leaves_the_begroting_alone_and_odd_amounts_are_said() {
    let p = Scratch::with_samples();
    p.write(
        "data/2024/paragraaf-jaarverslag-bedrijfsvoering.yaml",
        "soort: paragraaf\nstatus: concept\nparagraaf: bedrijfsvoering\nstuk: jaarverslag\ndatum: 2025-04-15\nonbekend: 1\ntekst: x\n",
    );
    let run = p.run(&["build", "--zonder-web", "data/2024/begrotingsboek.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let file = "data/2024/paragraaf-lokale-heffingen.yaml";
    let text = p.read(file);
    let changed = text.replacen("2024: 10450000,", "2024: -10450000,", 1).replacen(
        "  - naam: Precariobelasting",
        "  - naam: Rioolheffing",
        1,
    );
    p.write(file, &changed);
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "`2024` is negatief: -10450000");
    assert_contains(&err, "`Rioolheffing` staat twee keer onder `heffingen`");
    let line = changed.lines().position(|l| l.contains("- naam: Rioolheffing") && !l.contains("kosten")).unwrap();
    let second = changed.lines().enumerate().filter(|(_, l)| l.contains("- naam: Rioolheffing")).nth(1).unwrap().0 + 1;
    assert!(second > line);
    assert_contains(&check.stderr, &format!("{file}:{second}:"));
}

/// The weerstandscapaciteit counts a reserve at its stand in the book's financial position,
/// typed once: a corrected stand changes the ratio; a reserve the book does not have is an
/// error at its line.
#[test]
fn a_reserve_in_the_weerstandscapaciteit_is_read_from_the_book() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let eigen = pdf_text(&p.path("out/2024/paragraaf-weerstandsvermogen.pdf"));
    assert_contains_phrase(&eigen, "Algemene reserve (stand 1 januari 2024) 9.500");
    // In the book's verloop too, without mutations.
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    assert_contains(&boek, "Algemene reserve");
    let file = "data/2024/begrotingsboek.yaml";
    let text = p.read(file);
    p.write(file, &text.replacen("      stand: 9500000", "      stand: 5500000", 1));
    let run = p.run(&["build", "--zonder-web", "--herzie", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    // 5.500.000 + 1.200.000 + 100.000 = 6.800.000 over 3.950.000: 1,7, klasse B.
    assert_contains(
        &pdf_text(&p.path("out/2024/paragraaf-weerstandsvermogen.pdf")),
        "De weerstandsratio is 1,7 (beschikbaar € 6.800.000 / benodigd € 3.950.000): klasse B, ruim voldoende.",
    );
    let paragraaf = "data/2024/paragraaf-weerstandsvermogen.yaml";
    let yaml = p.read(paragraaf);
    p.write(paragraaf, &yaml.replacen("{ reserve: Algemene reserve }", "{ reserve: reserve sport }", 1));
    let line = yaml.lines().position(|l| l.contains("{ reserve: Algemene reserve }")).unwrap() + 1;
    let run = p.run(&["build", "--zonder-web", "--herzie", "--out", "out", paragraaf]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(
        &normalise(&run.stderr),
        "de reserve `reserve sport` heeft geen stand in de financiële positie van het begrotingsboek 2024",
    );
    assert_contains(&run.stderr, &format!("{paragraaf}:{line}:"));
}

/// Found in the second review: a capacity counted twice, a kostendekkendheid that types an
/// opbrengst the heffing already has (or is about an algemene belasting), a heffing read from a
/// taakveld without baten, and a reserve that cannot be read: each is said, never printed.
#[test]
fn figures_that_would_count_twice_or_could_not_be_read_are_said() {
    let p = Scratch::with_samples();
    let file = "data/2024/paragraaf-weerstandsvermogen.yaml";
    let text = p.read(file);
    p.write(
        file,
        &text.replacen(
            "  - { reserve: Algemene reserve }\n",
            "  - { reserve: Algemene reserve }\n  - { naam: algemene  reserve, bedrag: 9500000 }\n",
            1,
        ),
    );
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "staat twee keer onder `weerstandscapaciteit`");
    // In a jaarverslag the reserve's stand is not read (yet): an amount.
    p.write(
        file,
        &text.replacen("paragraaf: weerstandsvermogen", "paragraaf: weerstandsvermogen\nstuk: jaarverslag", 1),
    );
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "in de paragraaf van het jaarverslag staat een reserve als bedrag");
    p.write(file, &text);

    let file = "data/2024/paragraaf-lokale-heffingen.yaml";
    let text = p.read(file);
    p.write(
        file,
        &text
            .replacen(
                "  - { heffing: Rioolheffing, kosten: 10700000 }",
                "  - { heffing: Rioolheffing, kosten: 10700000, opbrengst: 12000000 }",
                1,
            )
            .replacen(
                "kostendekkendheid:\n",
                "kostendekkendheid:\n  - { heffing: Onroerendezaakbelastingen, kosten: 100000 }\n",
                1,
            ),
    );
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "de opbrengst van `Rioolheffing` staat al onder `heffingen:`");
    assert_contains(
        &err,
        "`Onroerendezaakbelastingen` is een algemene belasting: zij hoeft niet kostendekkend te zijn",
    );
    // Read from a taakveld on which the book has no baten: zeros, never printed.
    p.write(file, &text.replacen("taakvelden: [\"0.61\", \"0.62\"]", "taakvelden: [\"7.2\"]", 1));
    let run = p.run(&["build", "--zonder-web", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "op taakveld 7.2 staan in het begrotingsboek 2024 geen baten");
    p.write(file, &text);

    // A definitief paragraaf that reads the book, in a year without one.
    std::fs::create_dir_all(p.path("data/2025")).unwrap();
    p.write("data/2025/paragraaf-weerstandsvermogen.yaml", &p.read("data/2024/paragraaf-weerstandsvermogen.yaml"));
    let run = p.run(&["build", "--zonder-web", "data/2025/paragraaf-weerstandsvermogen.yaml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(
        &normalise(&run.stderr),
        "het begrotingsboek 2025 ontbreekt, en deze paragraaf leest er cijfers uit",
    );
    // In concept it is made, without a ratio it cannot compute.
    let concept =
        p.read("data/2025/paragraaf-weerstandsvermogen.yaml").replace("status: definitief", "status: concept");
    p.write("data/2025/paragraaf-weerstandsvermogen.yaml", &concept);
    let run = p.run(&["build", "--zonder-web", "data/2025/paragraaf-weerstandsvermogen.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = pdf_text(&p.path("out/2025/paragraaf-weerstandsvermogen.pdf"));
    assert_contains(&pdf, "De weerstandsratio volgt zodra de stand van Algemene reserve bekend is.");
    assert!(!pdf.contains("klasse F"), "no ratio from a capacity it could not read");
}
