//! The programmabegroting: a real chapter (Velsen 2022) reproduced completely, the book of a
//! year, the chain from plan to account, and chapters of any shape.

use std::path::Path;

use crate::common::*;

/// Every bookmark with its depth (1 = top level), in order.
fn outline(doc: &lopdf::Document) -> Vec<(String, usize)> {
    fn walk_items(doc: &lopdf::Document, parent: &lopdf::Dictionary, depth: usize, out: &mut Vec<(String, usize)>) {
        let mut next = parent.get(b"First").and_then(|f| f.as_reference()).ok();
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let title = item.get(b"Title").and_then(|t| t.as_str()).map(pdf_string).unwrap_or_default();
            out.push((title, depth));
            walk_items(doc, item, depth + 1, out);
            next = item.get(b"Next").and_then(|n| n.as_reference()).ok();
        }
    }
    let mut out = Vec::new();
    if let Ok(root) = catalog(doc).get(b"Outlines").and_then(|o| o.as_reference()) {
        walk_items(doc, doc.get_dictionary(root).unwrap(), 1, &mut out);
    }
    out
}

#[test]
fn the_velsen_chapter_is_complete_and_says_what_it_is() {
    let p = Scratch::fixture("velsen");
    let run = p.run(&["build", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = p.path("out/2022/programmabegroting-veiligheid.pdf");
    let text = pdf_text(&pdf);
    // The text as read on: page footers and headers, and the table header repeated on the next
    // page, left out, so that a row that continues on the next page reads as one.
    let header = "Gemeente Velsen Programmabegroting 2022 · Veiligheid";
    let mut lopend = String::new();
    for (i, part) in text.split(" Concept — 5 oktober 2021 pagina ").enumerate() {
        let part = if i == 0 {
            part
        } else {
            let after = part.find(header).map_or(part, |k| &part[k + header.len()..]);
            after.strip_prefix(" Subdoelstelling").unwrap_or(after)
        };
        lopend.push_str(part);
        lopend.push(' ');
    }
    // Every sentence of the source, as extracted from Velsen's PDF (compared without spaces and
    // hyphens: the source has extraction breaks such as "Daar-naast" and "hebbenwij").
    let bron = std::fs::read_to_string(repo().join("tests/fixtures/velsen/bron.txt")).unwrap();
    let mut checked = 0;
    // Two lines of the source run an activity's title into its remark (the "Verder" column).
    let bron = bron
        .replace("prostitutie Keuze voor", "prostitutie\nKeuze voor")
        .replace("Cybercrime Kadernota Veilig", "Cybercrime\nKadernota Veilig");
    for line in bron.lines().filter(|l| !l.trim().is_empty()) {
        for sentence in line.split(". ").map(str::trim).filter(|s| s.len() > 2) {
            let sentence = sentence.replace("Veiligheids p lan", "Veiligheidsplan");
            assert_contains_phrase(&lopend, &sentence);
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} sentences");
    // Title, running header, metadata and manifest say what it is.
    assert_contains(&text, "Programmabegroting 2022");
    assert_contains(&text, "Programmabegroting 2022 · Veiligheid");
    assert!(!text.contains("Jaarverslag"), "{text}");
    let doc = pdf_document(&pdf);
    let xmp = xmp(&doc);
    assert!(xmp.contains("Programmabegroting 2022"), "{xmp}");
    assert!(!xmp.contains("Jaarverslag"));
    let manifest = p.read("out/manifest.json");
    assert!(manifest.contains("\"soort\": \"Programmabegroting\""), "{manifest}");
    assert!(!manifest.contains("aarverslag"), "{manifest}");
    // Group, theme: real headings in the outline, one level apart.
    let o = outline(&doc);
    let depth = |t: &str| o.iter().find(|(title, _)| title == t).unwrap_or_else(|| panic!("{t} in {o:?}")).1;
    assert_eq!(depth("Thema aanpak Ondermijning"), depth("Speerpunten") + 1);
    assert_eq!(depth("Reguliere activiteiten"), depth("Speerpunten"));
}

#[test]
fn the_book_of_2024_holds_its_programmes_and_the_overview() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = p.path("out/2024/begrotingsboek.pdf");
    let pages = pdf_pages_text(&boek);
    let veiligheid = pdf_pages_text(&p.path("out/2024/programmabegroting-veiligheid.pdf"));
    // Cover, contents, introduction; then programme 1 and 2; then the overview.
    assert_contains(&pages[0], "Programmabegroting 2024");
    assert_contains(&pages[1], "Programma 1 Veiligheid");
    assert_contains(&pages[1], "Programma 2 Bestuur en dienstverlening");
    let front = pages
        .iter()
        .position(|p| p.contains("Programma 1 Veiligheid") && p.contains("Voorbeeldtekst. Het programma"))
        .unwrap();
    // The contents of programmes and paragrafen takes two pages.
    assert_eq!(front, 4, "cover, contents, introduction");
    // The chapter's text is the book's (its first paragraph, its finance table).
    assert_contains_phrase(&pages[front], "Het programma Veiligheid gaat over de sociale veiligheid");
    let tweede = (front..pages.len()).find(|&k| pages[k].contains("Programma 2 Bestuur en dienstverlening")).unwrap();
    let overzicht = &pages[tweede..].join(" ");
    assert_contains(overzicht, "Overzicht van baten en lasten");
    for label in ["Realisatie 2022", "Begroting 2023", "Begroting 2024", "Raming 2025", "Raming 2027"] {
        assert_contains(overzicht, label);
    }
    // Totaal lasten 2024, x € 1.000: programmes 16.450 + 22.310, overhead 4.100, onvoorzien 100.
    assert_contains(overzicht, "Totaal lasten −40.839 −42.140 −42.960 −43.570 −43.940 −44.260");
    assert_contains(overzicht, "Geraamd resultaat 712 330 630");
    // The programme's own table: the BBV columns and the computed saldo 2024 (540 − 16.450).
    let eigen = veiligheid.join(" ");
    assert_contains(&eigen, "Saldo van baten en lasten −15.328 −15.650 −15.910");
    assert_contains(&eigen, "Streefwaarde");
    assert!(!eigen.contains("Realisatie 2024"), "a begroting has no realisatie of its own year");
    let manifest = p.read("out/manifest.json");
    assert!(manifest.contains("2024/begrotingsboek.pdf"));
    assert!(!manifest.contains("overzicht.pdf"), "the overview is part of the book only");
}

/// Asserts that the book at `path` is one book: its pages are numbered through, it has one
/// contents list (the chapters' own are left out), and that list names every programme's
/// headings two levels deep (as its bookmarks hold them) with the page each is on. Returns the
/// contents page's text.
fn assert_one_book(path: &Path) -> String {
    let pages = pdf_pages_text(path);
    let n = pages.len();
    assert!(n > 6, "{n} pages");
    for (k, page) in pages.iter().enumerate() {
        let own = format!("pagina {} van {n}", k + 1);
        assert!(page.contains(&own), "page {} says {:?}, not {own}", k + 1, &page[page.len().saturating_sub(80)..]);
        let numbers =
            page.match_indices("pagina ").filter(|(i, _)| page[i + 7..].split(' ').nth(1) == Some("van")).count();
        assert_eq!(numbers, 1, "one page number on page {}: {page}", k + 1);
    }
    let inhoud: Vec<usize> = (0..n).filter(|&k| pages[k].contains("Inhoud Onderdeel Pagina")).collect();
    assert_eq!(inhoud, [1], "contents pages");
    assert_eq!(pages.iter().filter(|p| p.contains("Inhoud ")).count(), 1, "a chapter's contents in the book");
    let marks = outline(&pdf_document(path));
    // The contents runs on until the introduction, the first entry: "Inleiding 4".
    let first = &pages[1][pages[1].find("Inleiding").expect("the introduction's entry") + "Inleiding".len()..];
    let inleiding: usize = first.split_whitespace().next().and_then(|n| n.parse().ok()).expect("its page");
    let contents = &pages[1..inleiding - 1].join(" ");
    let mut cursor = contents.find("Onderdeel Pagina").expect("the contents' header");
    let mut checked = 0;
    // The depth of the programme (or the overview) being read.
    let mut part: Option<usize> = None;
    for (title, depth) in &marks {
        if part.is_some_and(|d| *depth <= d) {
            part = None;
        }
        // A part is a top-level bookmark after the introduction; its title in the contents
        // may be shorter ("Programma 1 Veiligheid" for "Jaarverslag 2024: programma Veiligheid").
        if *depth == 1 && title != "Inleiding" {
            part = Some(*depth);
            continue;
        }
        if part.is_none_or(|d| *depth > d + 2) {
            continue;
        }
        let at = contents[cursor..]
            .find(title.as_str())
            .unwrap_or_else(|| panic!("{title:?} in the contents after {cursor}: {contents}"));
        cursor += at + title.len();
        let number: String = contents[cursor..].trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
        let page: usize = number.parse().unwrap_or_else(|_| panic!("a page number after {title:?}"));
        assert!(
            squash(&pages[page - 1]).contains(&squash(title)),
            "{title:?} is not on page {page}: {}",
            pages[page - 1]
        );
        checked += 1;
    }
    assert!(checked >= 6, "{checked} entries checked: {marks:?}");
    contents.clone()
}

/// The book is one book; a chapter's own PDF keeps its own numbers and its own contents.
#[test]
fn the_books_page_numbers_run_on_and_match_its_contents() {
    let p = Scratch::with_samples();
    p.write(
        "data/2024/jaarverslagboek.yaml",
        "soort: jaarverslagboek\nstatus: concept\ndatum: 2025-05-01\ninleiding: |\n  Voorbeeldtekst. Het jaarverslag 2024.\n",
    );
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let contents = assert_one_book(&p.path("out/2024/begrotingsboek.pdf"));
    // The introduction's own headings are under it.
    let marks = outline(&pdf_document(&p.path("out/2024/begrotingsboek.pdf")));
    assert!(marks.contains(&("Financieel beeld".to_string(), 2)), "{marks:?}");
    for heading in
        ["Beleidsdoel A: Een veilige woon", "Wat gaan we daarvoor doen?", "Speerpunten", "Wat mag het kosten?"]
    {
        assert_contains(&contents, heading);
    }
    let contents = assert_one_book(&p.path("out/2024/jaarverslagboek.pdf"));
    assert_contains(&contents, "Wat heeft het gekost?");
    let eigen = pdf_pages_text(&p.path("out/2024/programmabegroting-veiligheid.pdf"));
    assert_contains(&eigen[0], "Inhoud");
    for (k, page) in eigen.iter().enumerate() {
        assert_contains(page, &format!("pagina {} van {}", k + 1, eigen.len()));
    }
}

#[test]
fn a_planned_activity_the_jaarverslag_leaves_out_is_a_located_warning() {
    let p = Scratch::with_samples();
    let jv = p.read("data/2024/jaarverslag-veiligheid.yaml");
    let start = jv.find("      - code: \"05\"").unwrap();
    let end = jv[start..].find("    indicatoren:").unwrap() + start;
    p.write("data/2024/jaarverslag-veiligheid.yaml", &format!("{}{}", &jv[..start], &jv[end..]));
    let run = p.run(&["check", "data/2024/jaarverslag-veiligheid.yaml"]);
    assert_eq!(run.code, 0, "a warning does not fail the check: {run:?}");
    assert_contains(&run.stderr, "waarschuwing: de geplande activiteit 05 (Tegengaan van polarisatie");
    assert_contains(&run.stderr, "data/2024/jaarverslag-veiligheid.yaml:");
    assert_contains(&run.stderr, "gepland in data/2024/programmabegroting-veiligheid.yaml:");
    assert_contains(&run.stdout, "1 waarschuwing");
    // `build` says it too, for what it made.
    let run = p.run(&["build", "data/2024/jaarverslag-veiligheid.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stderr, "waarschuwing: de geplande activiteit 05");
    // And an activity that was never planned.
    p.write("data/2024/jaarverslag-veiligheid.yaml", &jv.replace("code: \"02\"", "code: \"09\""));
    let run = p.run(&["check"]);
    assert_contains(
        &run.stderr,
        "de activiteit 09 (Versterken digitale veiligheid) staat niet in de programmabegroting",
    );
}

#[test]
fn a_changed_streefwaarde_reaches_the_jaarverslag_and_nothing_else() {
    let p = Scratch::with_samples();
    p.concept();
    assert_eq!(p.run(&["build", "--out", "out"]).code, 0);
    let before = pdfs(&p.path("out"));
    let jv_before = pdf_text(&p.path("out/2024/jaarverslag-veiligheid.pdf"));
    assert_contains(&jv_before, "<500");
    let b = p.read("data/2024/programmabegroting-veiligheid.yaml");
    p.write("data/2024/programmabegroting-veiligheid.yaml", &b.replace("{ 2024: \"<500\"", "{ 2024: \"<470\""));
    let run = p.run(&["build", "--out", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    let after = pdfs(&p.path("out"));
    let changed: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    assert_eq!(
        changed,
        [
            "2024/begrotingsboek.pdf",
            "2024/jaarverslag-veiligheid.pdf",
            "2024/jaarverslagboek.pdf",
            "2024/programmabegroting-veiligheid.pdf"
        ]
    );
    assert_contains(&pdf_text(&p.path("out/2024/jaarverslag-veiligheid.pdf")), "<470");
}

/// A programmabegroting with the given themes, in a copy of the samples.
fn with_themas(themas: &str) -> Scratch {
    let p = Scratch::with_samples();
    p.write(
        "data/2025/programmabegroting-diep.yaml",
        &format!(
            "soort: programmabegroting\nstatus: concept\nprogramma: Diep\ndatum: 2024-10-01\nthemas:\n{themas}\nfinancien:\n  lasten: {{ 2023: 1, 2024: 1, 2025: 1, 2026: 1, 2027: 1, 2028: 1 }}\n  baten: {{ 2023: 0, 2024: 0, 2025: 0, 2026: 0, 2027: 0, 2028: 0 }}\n  toelichting: x\n"
        ),
    );
    p
}

#[test]
fn four_levels_of_themes_are_four_headings_a_fifth_is_refused() {
    let vier = "  - titel: Niveau een\n    subthemas:\n      - titel: Niveau twee\n        subthemas:\n          - titel: Niveau drie\n            subthemas:\n              - titel: Niveau vier\n                tekst: Diep.";
    let p = with_themas(vier);
    let run = p.run(&["build", "--out", "out", "data/2025/programmabegroting-diep.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let doc = pdf_document(&p.path("out/2025/programmabegroting-diep.pdf"));
    let o = outline(&doc);
    let depths: Vec<usize> = ["Niveau een", "Niveau twee", "Niveau drie", "Niveau vier"]
        .iter()
        .map(|t| o.iter().find(|(title, _)| title == t).unwrap_or_else(|| panic!("{t} in {o:?}")).1)
        .collect();
    assert_eq!(depths.windows(2).filter(|w| w[1] == w[0] + 1).count(), 3, "{o:?}");
    // Each level its own heading tag, down to H5 (the question is H1), so each has its own style.
    let tags: Vec<String> = struct_elements(&doc).into_iter().map(|(tag, _)| tag).collect();
    for h in ["H2", "H3", "H4", "H5"] {
        assert!(tags.iter().any(|t| t == h), "{h} in {tags:?}");
    }

    let vijf = format!("{vier}\n                subthemas:\n                  - titel: Niveau vijf");
    let p = with_themas(&vijf);
    let run = p.run(&["check", "data/2025/programmabegroting-diep.yaml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "een vijfde niveau van thema's: `Niveau vijf`");
    assert_contains(&run.stderr, "data/2025/programmabegroting-diep.yaml:15:");
}

#[test]
fn unknown_keys_empty_codes_and_wrong_years_are_located() {
    let p = with_themas("  - titel: Een\n    activiteiten:\n      - code: \"\"\n        titel: Leeg");
    let text = p.read("data/2025/programmabegroting-diep.yaml");
    p.write(
        "data/2025/programmabegroting-diep.yaml",
        &text
            .replace("  toelichting: x\n", "  toelichting: x\n  realisatie_vorig_jaar: 3\n")
            .replace("2028: 0", "2029: 0"),
    );
    let run = p.run(&["check", "data/2025/programmabegroting-diep.yaml"]);
    assert_eq!(run.code, 1, "{run:?}");
    // All errors of the file at once, each at its line.
    assert_contains(&run.stderr, "de code is leeg");
    assert_contains(&run.stderr, "programmabegroting-diep.yaml:8:");
    assert_contains(&run.stderr, "onbekend veld `realisatie_vorig_jaar`");
    assert_contains(&run.stderr, "het jaar 2029 hoort niet in de programmabegroting 2025");
    assert!(!run.stderr.contains("i64"), "{}", run.stderr);
    // A jaarverslag's unknown toelichting key.
    let jv = p.read("data/2023/jaarverslag-veiligheid.yaml");
    p.write(
        "data/2023/jaarverslag-veiligheid.yaml",
        &jv.replace("  toelichting:\n    lasten:", "  toelichting:\n    lastn:"),
    );
    let run = p.run(&["check", "data/2023/jaarverslag-veiligheid.yaml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "onbekend veld `lastn`");
    assert_contains(&run.stderr, "bedoelde u `lasten`?");
}

#[test]
fn new_programmabegroting_and_a_jaarverslag_that_accounts_for_it() {
    let p = Scratch::with_samples();
    let run = p.run(&["new", "programmabegroting", "--jaar", "2025", "--programma", "Wonen"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = p.read("data/2025/programmabegroting-wonen.yaml");
    for key in ["beleidsdoelen:", "themas:", "bbv_indicatoren:", "reserves:", "2023: 0", "2028: 0"] {
        assert_contains(&text, key);
    }
    let run = p.run(&["check", "data/2025/programmabegroting-wonen.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    // The jaarverslag of a year with a begroting starts from its doelen and activiteiten.
    std::fs::remove_file(p.path("data/2024/jaarverslag-veiligheid.yaml")).unwrap();
    let run = p.run(&["new", "jaarverslag", "--jaar", "2024", "--programma", "Veiligheid"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = p.read("data/2024/jaarverslag-veiligheid.yaml");
    assert_contains(&text, "code: \"05\"");
    assert_contains(&text, "Tegengaan van polarisatie, radicalisering en extremisme");
    assert!(!text.contains("begroting_primitief"), "read from the begroting: {text}");
    let run = p.run(&["check", "data/2024/jaarverslag-veiligheid.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("waarschuwing"), "it accounts for every planned activity: {}", run.stderr);
}

#[test]
fn an_empty_title_or_label_is_a_located_error_never_a_template_error() {
    let file = "data/2022/programmabegroting-veiligheid.yaml";
    let text = std::fs::read_to_string(repo().join("tests/fixtures/velsen/data").join(&file[5..])).unwrap();
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (from, to, at, said) in [
        ("  - titel: \"Speerpunten\"", "  - titel: \"\"", line("  - titel: \"Speerpunten\""), "deze titel is leeg"),
        (
            "      - titel: \"Thema aanpak Ondermijning\"",
            "      - titel: \" \"",
            line("Thema aanpak Ondermijning"),
            "deze titel is leeg",
        ),
        (
            "          - titel: \"Aanpak ondermijning\"",
            "          - titel: \"\"",
            line("titel: \"Aanpak ondermijning\""),
            "deze titel is leeg",
        ),
        (
            "activiteit: Subdoelstelling",
            "activiteit: \"\"",
            line("activiteit: Subdoelstelling"),
            "het label `kolommen.activiteit` is leeg",
        ),
    ] {
        let p = Scratch::fixture("velsen");
        assert!(text.contains(from), "{from}");
        p.write(file, &text.replacen(from, to, 1));
        let run = p.run(&["check"]);
        assert_eq!(run.code, 1, "{from}: {run:?}");
        assert_contains(&run.stderr, &format!("{file}:{at}:"));
        assert_contains(&normalise(&run.stderr), said);
        let run = p.run(&["build", "--zonder-web"]);
        assert_eq!(run.code, 1, "{from}: {run:?}");
        assert!(!run.stderr.contains("sjabloon") && !run.stderr.contains("PDF/UA"), "{run:?}");
    }
    // A question label too; `doel_label: ""` stays valid (the fixture has it).
    let p = Scratch::fixture("velsen");
    p.write(file, &text.replacen("doel_label: \"\"\n", "doel_label: \"\"\nvragen: { doen: \"\" }\n", 1));
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "het label `vragen.doen` is leeg");
}

#[test]
fn an_activity_of_code_and_description_has_no_title_line() {
    let p = Scratch::with_samples();
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let text = p.read(file);
    let from = "      - code: \"02\"\n        titel: \"Versterken digitale veiligheid\"\n";
    assert!(text.contains(from));
    p.write(file, &text.replacen(from, "      - code: \"02\"\n", 1));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = p.run(&["build", "--zonder-web", "--herzie", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = squash(&pdf_text(&p.path("out/2024/programmabegroting-veiligheid.pdf")));
    assert_contains(&pdf, &squash("lokale Cyberwegenkaart"));
    assert!(!pdf.contains("Versterken digitale veiligheid") && !pdf.contains("**"), "{pdf}");
    // Without a description (or without a code) a title is needed: said at the activity.
    p.write(file, &text.replacen(from, "      - code: \"02\"\n        titel: \"\"\n", 1).replace(
        "          Voorbeeldtekst. We doen mee aan de regionale preventieprojecten en werken volgens de\n          lokale Cyberwegenkaart.\n",
        "          \n",
    ));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "deze activiteit heeft geen titel");
}

#[test]
fn a_chapter_without_finance_is_named_not_counted_and_a_book_without_inleiding_has_none() {
    let p = Scratch::with_samples();
    let bestuur = "data/2024/programmabegroting-bestuur.yaml";
    let text = p.read(bestuur);
    let financien = &text[text.find("financien:").unwrap()..];
    p.write(bestuur, &text.replace(financien, ""));
    // Without a begroting to account for, its jaarverslag and the jaarstukken that add it up go.
    std::fs::remove_file(p.path("data/2024/jaarverslag-bestuur.yaml")).unwrap();
    std::fs::remove_file(p.path("data/2024/jaarverslagboek.yaml")).unwrap();
    let boek = "data/2024/begrotingsboek.yaml";
    let book = p.read(boek);
    let start = book.find("inleiding: |").unwrap();
    let end = book.find("algemene_dekkingsmiddelen:").unwrap();
    p.write(boek, &format!("{}{}", &book[..start], &book[end..]));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(&check.stderr, bestuur);
    assert_contains(&normalise(&check.stderr), "programma 2 Bestuur en dienstverlening heeft geen financiële gegevens");
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = squash(&pdf_text(&p.path("out/2024/begrotingsboek.pdf")));
    assert_contains(
        &text,
        &squash("Geen financiële gegevens in het hoofdstuk van Programma 2 Bestuur en dienstverlening"),
    );
    assert!(!text.contains("Lasten 2 Bestuur") && !text.contains("Lasten Programma 2"), "counted as zeros");
    assert!(!text.contains("Inleiding"), "an empty Inleiding: {text}");
}

#[test]
fn the_books_chart_stays_with_its_table_and_says_how_it_shows_lasten() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--zonder-web", "data/2024"]).code, 0);
    let pages = pdf_pages_text(&p.path("out/2024/begrotingsboek.pdf"));
    let caption = squash("Lasten en baten 2024–2027, beide als positief bedrag");
    let page = pages.iter().map(|t| squash(t)).find(|t| t.contains(&caption)).expect("the chart's caption");
    // Its table (the last row of it) on the same page.
    assert_contains(&page, &squash("Raming 2027 44.260 44.890"));
    // The overview's table says how it shows lasten.
    let all = squash(&pages.concat());
    assert_contains(&all, &squash("Lasten en toevoegingen staan als negatief bedrag."));
}

#[test]
fn a_text_under_the_question_what_we_do_comes_before_the_activities() {
    let p = Scratch::with_samples();
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let text = p.read(file);
    let at = text.find("    activiteiten:\n").unwrap();
    p.write(
        file,
        &format!(
            "{}    aanpak: |\n      Voorbeeldtekst. We werken in vijf lijnen, samen met de politie.\n{}",
            &text[..at],
            &text[at..]
        ),
    );
    let run = p.run(&["build", "--herzie", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = squash(&pdf_text(&p.path("out/2024/programmabegroting-veiligheid.pdf")));
    let vraag = pdf.find(&squash("Wat gaan we daarvoor doen?")).unwrap();
    let tekst = pdf.find(&squash("We werken in vijf lijnen, samen met de politie.")).expect("the text is in the PDF");
    let eerste = pdf.find(&squash("Vergroten weerbaarheid jongeren")).unwrap();
    assert!(vraag < tekst && tekst < eerste, "under the question, before the activities");
    let page = p.read("out/web/2024/programmabegroting-veiligheid.html");
    assert_contains(&page, "We werken in vijf lijnen, samen met de politie.");
}

/// A row's label is set whole, word by word, with the room the number columns can spare:
/// "Toevoeging reserve integrale vei-ligheid" was hyphenated while the amounts had room.
#[test]
fn row_labels_are_not_hyphenated() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--zonder-web", "data/2024"]).code, 0);
    for pdf in ["out/2024/programmabegroting-veiligheid.pdf", "out/2024/begrotingsboek.pdf"] {
        let text = pdf_text(&p.path(pdf));
        // Extraction turns a hyphenation break into a space ("vei ligheid").
        assert_contains(&text, "Toevoeging reserve integrale veiligheid");
        assert_contains(&text, "Woninginbraken (absoluut en in % aantal inwoners)");
        assert_contains(&text, "Veiligheidsregio Kennemerland");
    }
    assert_contains(&pdf_text(&p.path("out/2024/begrotingsboek.pdf")), "Lasten 2 Bestuur en dienstverlening");
}

/// Gemeenten order a chapter either way: each doel with its questions under it (the default),
/// or each question with every doel under it (`indeling: per_vraag`).
#[test]
fn the_order_of_question_and_doel_is_the_documents_choice() {
    let p = Scratch::with_samples();
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    let doel = "Beleidsdoel A: Een veilige woon- en leefomgeving voor inwoners, ondernemers en bezoekers in de gemeente Haarlemmermeer.";
    assert_eq!(p.run(&["build", "--zonder-web", file]).code, 0);
    let pdf = p.path("out/2024/programmabegroting-veiligheid.pdf");
    assert_contains_phrase(&pdf_text(&pdf), &format!("{doel} Wat willen we bereiken? Voorbeeldtekst. We willen dat"));
    let text = p.read(file).replacen("programma: Veiligheid\n", "programma: Veiligheid\nindeling: per_vraag\n", 1);
    p.write(file, &text);
    let run = p.run(&["build", "--herzie", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let body = pdf_text(&pdf);
    assert_contains_phrase(&body, &format!("Wat willen we bereiken? {doel} Voorbeeldtekst. We willen dat"));
    assert_contains_phrase(&body, &format!("Wat gaan we daarvoor doen? {doel} Nr. Activiteit"));
    let marks = outline(&pdf_document(&pdf));
    let at = |t: &str| marks.iter().position(|(m, _)| m == t).unwrap_or_else(|| panic!("{t} in {marks:?}"));
    assert_eq!(marks[at("Wat willen we bereiken?")].1 + 1, marks[at("Wat willen we bereiken?") + 1].1, "{marks:?}");
    assert_eq!(marks[at("Wat willen we bereiken?") + 1].0, doel);
    let page = p.read("out/web/2024/programmabegroting-veiligheid.html");
    let vraag = page.find("<h2>Wat willen we bereiken?</h2>").expect("the question as a section");
    assert!(
        page[vraag..].starts_with(&format!("<h2>Wat willen we bereiken?</h2>\n<h3>{doel}</h3>")),
        "{}",
        &page[vraag..vraag + 200]
    );
    // Any other value is a located error that names both.
    p.write(file, &text.replace("indeling: per_vraag", "indeling: vraag"));
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 1);
    assert_contains(&check.stderr, &format!("{file}:9:11"));
    assert_contains(&check.stderr, "per_doel, per_vraag");
}

/// What a reviewer found in odd chapters: a long programme name squeezed the running header's
/// "Gemeente …" into one word per line; two programmes with one `nummer`, or none, passed
/// without a word; a reserve without a name became a row without a label; a book whose
/// programmes have no finance at all promised an overview that was not there.
#[test]
fn odd_chapters_are_said_at_their_line_and_print_well() {
    let p = Scratch::with_samples();
    let bestuur = "data/2024/programmabegroting-bestuur.yaml";
    let text = p.read(bestuur);
    let lang = "Ruimtelijke ontwikkeling, volkshuisvesting, stedelijke vernieuwing en grondexploitaties";
    let changed = text.replace("programma: Bestuur en dienstverlening", &format!("programma: {lang}"));
    let changed = changed.replacen("nummer: 2", "nummer: 1", 1);
    p.write(bestuur, &changed);
    // Its jaarverslag accounts for the programme under its new name.
    let jv = "data/2024/jaarverslag-bestuur.yaml";
    p.write(jv, &p.read(jv).replace("programma: Bestuur en dienstverlening", &format!("programma: {lang}")));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
    let stderr = normalise(&check.stderr);
    // The later one by file name is told, at its line.
    assert_contains(&stderr, &format!("programma 1 Veiligheid heeft hetzelfde nummer als {bestuur}"));
    assert_contains(&check.stderr, "data/2024/programmabegroting-veiligheid.yaml:9:9");
    let run = p.run(&["build", "--zonder-web", "--herzie", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    for page in pdf_pages_text(&p.path("out/2024/programmabegroting-bestuur.pdf")) {
        assert!(page.contains("Gemeente Haarlemmermeer"), "the header's name whole: {page}");
    }
    // No nummer: a warning at the chapter, and it goes last.
    p.write(bestuur, &changed.replacen("nummer: 1\n", "", 1));
    assert_contains(&normalise(&p.run(&["check"]).stderr), &format!("programma {lang} heeft geen `nummer`"));
    // A reserve without a name.
    let veiligheid = "data/2024/programmabegroting-veiligheid.yaml";
    let v = p.read(veiligheid);
    p.write(veiligheid, &v.replace("    - naam: reserve integrale veiligheid\n", "    - naam: \"\"\n"));
    let check = p.run(&["check", veiligheid]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "deze naam is leeg");
    let line = v.lines().position(|l| l == "    - naam: reserve integrale veiligheid").unwrap() + 1;
    assert_contains(&check.stderr, &format!("{veiligheid}:{line}:"));
    // No programme with finance: the overview says so, as the warning promised.
    p.write(bestuur, &text[..text.find("financien:").unwrap()]);
    p.write(veiligheid, &v[..v.find("financien:").unwrap()]);
    let run = p.run(&["build", "--zonder-web", "--herzie", "data/2024/begrotingsboek.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = squash(&pdf_text(&p.path("out/2024/begrotingsboek.pdf")));
    assert_contains(
        &boek,
        &squash(
            "Geen financiële gegevens in het hoofdstuk van Programma 1 Veiligheid en Programma 2 Bestuur en dienstverlening: er is nog niets op te tellen.",
        ),
    );
}

/// A jaarverslag reads the begroting of its own programme: a begroting renamed into that
/// programme is now its plan, so the jaarverslag is made again (the list of documents it looked
/// through now says which programme each begroting is of).
#[test]
fn a_begroting_renamed_into_a_programme_rebuilds_that_programmes_jaarverslag() {
    let p = Scratch::with_samples();
    p.concept();
    let new = p.run(&["new", "programmabegroting", "--jaar", "2023", "--programma", "Anders"]);
    assert_eq!(new.code, 0, "{new:?}");
    let file = "data/2023/programmabegroting-anders.yaml";
    assert!(p.path(file).is_file(), "{new:?}");
    let first = p.run(&["build", "--zonder-web"]);
    assert_eq!(first.code, 0, "{first:?}");
    let text = p.read(file);
    assert!(text.contains("programma: \"Anders\"\n"), "{text}");
    p.write(file, &text.replacen("programma: \"Anders\"", "programma: Veiligheid", 1));
    let again = p.run(&["build", "--zonder-web"]);
    let jaarverslag = again
        .stdout
        .lines()
        .find(|l| l.contains("data/2023/jaarverslag-veiligheid.yaml"))
        .unwrap_or_else(|| panic!("{again:?}"))
        .to_string();
    assert!(!jaarverslag.contains("ongewijzigd"), "the jaarverslag 2023 now has a begroting: {again:?}");
    // Written as a folded block, the programme is not on its key's line: the list then holds
    // the whole file, and a change to it still counts.
    p.write(file, &text.replacen("programma: \"Anders\"", "programma: >-\n  Anders", 1));
    assert_eq!(p.run(&["build", "--zonder-web"]).code, 0);
    p.write(file, &text.replacen("programma: \"Anders\"", "programma: >-\n  Veiligheid", 1));
    let folded = p.run(&["build", "--zonder-web"]);
    let line = folded.stdout.lines().find(|l| l.contains("data/2023/jaarverslag-veiligheid.yaml")).unwrap().to_string();
    assert!(!line.contains("ongewijzigd"), "a folded programme: {folded:?}");
}

/// The lines of the sample's Veiligheid programme, as printed: the table per taakveld holds
/// every line with its name and category, and its totals are the overview's lasten and baten.
#[test]
fn lines_per_taakveld_are_printed_and_add_up_to_the_programmes_figures() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024/programmabegroting-veiligheid.yaml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path("out/2024/programmabegroting-veiligheid.pdf"));
    let from = text.find("Lasten en baten per taakveld").expect("the table per taakveld");
    let table = &text[from..];
    for phrase in [
        "1.1 Crisisbeheersing en brandweer",
        "Bijdrage Veiligheidsregio Kennemerland (categorie 4.3.3)",
        "Uitvoeringsplan ondermijning (categorie 3.8, incidenteel)",
        "Overige goederen en diensten (categorie 3.8)",
        "Leges en vergunningen APV (categorie 3.7)",
    ] {
        assert_contains_phrase(table, phrase);
    }
    // "Lasten −15.899 −16.240 …" in the overview is "Totaal lasten" in the table per taakveld.
    let numbers = |after: &str, within: &str| -> String {
        let at = within.find(after).unwrap_or_else(|| panic!("{after}")) + after.len();
        within[at..].split_whitespace().take(6).collect::<Vec<_>>().join(" ")
    };
    let overview = &text[text.find("Wat mag het kosten?").unwrap()..from];
    let lasten = numbers("Lasten ", &overview[overview.find("Lasten −").unwrap()..]);
    assert_eq!(lasten, "−15.899 −16.240 −16.450 −16.720 −16.890 −17.010");
    assert_eq!(numbers("Totaal lasten", table), lasten);
    assert_eq!(numbers("Baten ", overview), numbers("Totaal baten", table));
}

/// A gemeente adds a newer year's definitions file of the CBS to its project (`data/iv3/`): the
/// codes of that year are then checked; a file that is not one is said with its name.
#[test]
fn a_projects_own_iv3_definitions_file_counts_for_its_year() {
    let p = Scratch::with_samples();
    let file = "data/2027/programmabegroting-veiligheid.yaml";
    let text = p.read("data/2024/programmabegroting-veiligheid.yaml").replacen(
        "taakveld: \"1.2\"\n      categorie: \"1.1\"",
        "taakveld: \"6.2\"\n      categorie: \"1.1\"",
        1,
    );
    p.write(file, &text);
    let unknown = "taakveld `6.2` bestaat niet in de Iv3-taakvelden van 2027";
    let run = p.run(&["check", file]);
    assert!(!normalise(&run.stderr).contains(unknown), "2027 is not built in: {run:?}");
    // The CBS's 2026 file standing in for a 2027 one (its boekjaar changed for this test only).
    let cbs = std::fs::read_to_string(repo().join("tests/fixtures/iv3/iv3_definities_Gemeente_2026.json")).unwrap();
    assert!(cbs.contains("\"boekjaar\":\"2026\""));
    p.write(
        "data/iv3/iv3_definities_Gemeente_2027.json",
        &cbs.replace("\"boekjaar\":\"2026\"", "\"boekjaar\":\"2027\""),
    );
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), unknown);
    let line = text.lines().position(|l| l.contains("taakveld: \"6.2\"")).unwrap() + 1;
    assert_contains(&run.stderr, &format!("{file}:{line}:"));
    p.write("data/iv3/kapot.json", "{}");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/iv3/kapot.json");
    assert_contains(&normalise(&run.stderr), "geen Iv3-definitiebestand");
}

/// A line's codes are checked against the Iv3 definitions of the begroting's year, at the line,
/// in Dutch: an unknown taakveld (6.2 no longer exists in 2025), a category of the other side,
/// and a grijze cel.
#[test]
fn a_lines_taakveld_and_categorie_are_checked_against_the_years_iv3_codes() {
    let p = Scratch::with_samples();
    let file = "data/2025/programmabegroting-veiligheid.yaml";
    let text = p.read("data/2024/programmabegroting-veiligheid.yaml");
    // The amounts one year on, so the file is a begroting 2025.
    let text: String = text
        .lines()
        .map(|l| {
            if l.contains("bedragen:")
                || l.trim_start().starts_with("toevoegingen")
                || l.trim_start().starts_with("onttrekkingen")
            {
                let mut out = l.to_string();
                for y in (2022..=2027).rev() {
                    out = out.replace(&format!("{y}: "), &format!("{}: ", y + 1));
                }
                out
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = text
        .replacen("taakveld: \"1.2\"\n      categorie: \"1.1\"", "taakveld: \"6.2\"\n      categorie: \"1.1\"", 1)
        .replacen("categorie: \"3.7\"", "categorie: \"2.2.2\"", 1)
        .replacen("taakveld: \"1.1\"\n      categorie: \"4.3.3\"", "taakveld: \"1.1\"\n      categorie: \"2.2.1\"", 1)
        .replacen(
            "categorie: \"4.3.1\"\n      naam: Rijksbijdrage",
            "categorie: \"5.1\"\n      naam: Rijksbijdrage",
            1,
        );
    p.write(file, &text);
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    let err = normalise(&run.stderr);
    assert_contains(&err, "taakveld `6.2` bestaat niet in de Iv3-taakvelden van 2025");
    assert_contains(&err, "onder 6. zijn er in 2025: 6.1 Samenkracht en burgerparticipatie; 6.21");
    assert_contains(
        &err,
        "categorie `2.2.1` is geen economische categorie van de lasten in Iv3 2025; het is een categorie van de baten",
    );
    assert_contains(
        &err,
        "taakveld 1.2 (Openbare orde en veiligheid) met categorie 2.2.2 (Belastingen op huishoudens) is een grijze cel in Iv3 2025",
    );
    assert_contains(
        &err,
        "taakveld 1.2 (Openbare orde en veiligheid) met categorie 5.1 (Rente) is een grijze cel in Iv3 2025",
    );
    // Each at its line.
    assert!(!err.contains("hoort niet in de programmabegroting 2025: de kolommen"), "{err}");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_contains(&err, &format!("{file}:{}:", line_of("taakveld: \"6.2\"")));
    assert_contains(&err, &format!("{file}:{}:", line_of("categorie: \"2.2.1\"")));
}

/// The book's overview per taakveld (BBV) has the totals of its overview per programme, read
/// from the printed pages; a dekkingsmiddel's taakveld is checked against the year's codes.
#[test]
fn the_books_overview_per_taakveld_has_the_same_totals_as_per_programme() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    let per_programma_at = text.find("Overzicht van baten en lasten bedragen").expect("the overview per programme");
    let per_taakveld_at = text.find("Overzicht van baten en lasten per taakveld").expect("the overview per taakveld");
    let (per_programma, per_taakveld) = (&text[per_programma_at..per_taakveld_at], &text[per_taakveld_at..]);
    let numbers = |label: &str, within: &str| -> String {
        let at = within.find(label).unwrap_or_else(|| panic!("{label}")) + label.len();
        within[at..].split_whitespace().take(6).collect::<Vec<_>>().join(" ")
    };
    for total in ["Totaal lasten", "Totaal baten", "Saldo van baten en lasten", "Geraamd resultaat"] {
        assert_eq!(numbers(total, per_taakveld), numbers(total, per_programma), "{total}");
    }
    assert_eq!(numbers("Totaal lasten", per_taakveld), "−40.839 −42.140 −42.960 −43.570 −43.940 −44.260");
    for row in ["0.4 Overhead", "0.61 OZB woningen", "1.1 Crisisbeheersing en brandweer", "0.2 Burgerzaken"] {
        assert_contains_phrase(per_taakveld, row);
    }
    // The book's own lines, each by its name.
    assert_contains_phrase(per_programma, "Lasten overhead: Personeel bedrijfsvoering");
    // The algemene dekkingsmiddelen in the BBV's groups: their total is the sum of the
    // dekkingsmiddelen in the overview per programme.
    let at = per_taakveld.find("Algemene dekkingsmiddelen bedragen").expect("the algemene dekkingsmiddelen");
    let dekking = &per_taakveld[at..];
    assert_contains_phrase(dekking, "Lokale heffingen Onroerendezaakbelastingen woningen");
    let posts: i64 = [
        "Algemene uitkering gemeentefonds",
        "Onroerendezaakbelastingen woningen",
        "Onroerendezaakbelastingen niet-woningen",
    ]
    .iter()
    .map(|p| {
        numbers(&format!("Algemene dekkingsmiddelen: {p}"), per_programma)
            .split_whitespace()
            .nth(2)
            .unwrap()
            .replace('.', "")
            .parse::<i64>()
            .unwrap()
    })
    .sum();
    let totaal = numbers("Totaal algemene dekkingsmiddelen", dekking);
    assert_eq!(totaal.split_whitespace().nth(2).unwrap().replace('.', "").parse::<i64>().unwrap(), posts);
    assert_eq!(posts, 39_750);
    // The incidental lines of the sample, and the structural saldo: the geraamde resultaat
    // without them and without the reserves.
    let at = per_taakveld.find("Incidentele baten en lasten bedragen").expect("the incidental overview");
    let incidenteel = &per_taakveld[at..];
    assert_contains_phrase(incidenteel, "Programma 1 Veiligheid: Uitvoeringsplan ondermijning");
    assert_eq!(numbers("Saldo incidentele baten en lasten", incidenteel), "−300 −350 −300 −250 −200 0");
    let structureel = &incidenteel[incidenteel.find("Correctie mutaties reserves").expect("the structural saldo")..];
    assert_eq!(numbers("Structureel begrotingssaldo", structureel), "852 650 810 725 780 630");
    // The CBS's order of taakvelden: 0.61 before 0.7, 0.9 before 0.10.
    let at = |row: &str| per_taakveld.find(row).unwrap_or_else(|| panic!("{row}"));
    assert!(at("0.61 OZB woningen") < at("0.7 Algemene uitkeringen"));
    // A taakveld that does not exist in 2024, a computed taakveld and a categorie without a
    // taakveld, each at its line.
    let boek = "data/2024/begrotingsboek.yaml";
    let text = p
        .read(boek)
        .replace("taakveld: \"0.62\"", "taakveld: \"0.6\"")
        .replace("    taakveld: \"0.7\"\n", "    taakveld: \"0.11\"\n")
        .replace("    taakveld: \"0.61\"\n", "");
    p.write(boek, &text);
    let check = p.run(&["check", boek]);
    assert_eq!(check.code, 1, "{check:?}");
    let stderr = normalise(&check.stderr);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (message, needle) in [
        ("taakveld `0.6` bestaat niet in de Iv3-taakvelden van 2024", "taakveld: \"0.6\""),
        ("taakveld 0.11 wordt berekend, niet ingevuld", "taakveld: \"0.11\""),
        ("een categorie zonder taakveld", "categorie: \"2.2.1\""),
    ] {
        assert_contains(&stderr, message);
        assert_contains(&check.stderr, &format!("{boek}:{}:", line(needle)));
    }
}

/// The sample's Iv3 delivery: made beside the book from the same lines, every cell a code of
/// 2024 and no grijze cel, lasten equal to baten through the result on 0.11 (PF006), and its
/// lasten those of the book's overview with the reserves' toevoegingen. The JSON schema is
/// checked in CI (`tests/iv3/valideer.py`). Without taakveld and categorie, no file, and the
/// build says what is missing.
#[test]
fn the_iv3_delivery_is_made_from_the_same_lines_and_balances() {
    use raadsstuk::domain::iv3::{Definities, Kant};
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&p.read("out/2024/iv3-begroting-2024.json")).unwrap();
    assert_eq!(json["metadata"]["overheidsnummer"], "0394");
    assert_eq!(json["metadata"]["periode"], 0);
    assert_eq!(json["metadata"]["status"], "Begroting");
    let d = Definities::ingebouwd(2024).unwrap();
    let mut totals = Vec::new();
    for (kant, naam) in [(Kant::Lasten, "lasten"), (Kant::Baten, "baten")] {
        let rows = json["data"][naam].as_array().unwrap();
        for row in rows {
            let (tv, cat) = (row["taakveld"].as_str().unwrap(), row["categorie"].as_str().unwrap());
            assert_eq!(d.check(kant, tv, cat), [], "{naam} {tv} {cat}");
        }
        totals.push(rows.iter().map(|r| r["bedrag"].as_i64().unwrap()).sum::<i64>());
    }
    assert_eq!(totals[0], totals[1], "PF006");
    // The book's Totaal lasten 2024 (42.960.000) with the lasten side's reserves and result.
    let cell = |naam: &str, tv: &str| iv3_taakveld(&json, naam, tv);
    assert_eq!(totals[0] - cell("lasten", "0.10") - cell("lasten", "0.11"), 42_960_000);
    assert_eq!(cell("lasten", "1.1"), 11_600_000, "the Veiligheidsregio's line");
    // One programme back to one figure per year: no delivery, and why. (Its jaarverslag, which
    // accounts for the lines, and the jaarstukken that add it up go.)
    std::fs::remove_file(p.path("data/2024/jaarverslag-bestuur.yaml")).unwrap();
    std::fs::remove_file(p.path("data/2024/jaarverslagboek.yaml")).unwrap();
    let bestuur = "data/2024/programmabegroting-bestuur.yaml";
    let text = p.read(bestuur);
    let at = text.find("financien:").unwrap();
    p.write(
        bestuur,
        &format!(
            "{}financien:\n  lasten: {{ 2022: 1, 2023: 1, 2024: 1, 2025: 1, 2026: 1, 2027: 1 }}\n  baten: {{ 2022: 0, 2023: 0, 2024: 0, 2025: 0, 2026: 0, 2027: 0 }}\n",
            &text[..at]
        ),
    );
    let out = p.path("out2");
    let run = p.run(&["build", "--zonder-web", "--out", out.to_str().unwrap(), "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(
        &run.stdout,
        "iv3-begroting-2024.json niet gemaakt; er ontbreekt: taakveld en categorie van de lasten van programma 2 Bestuur en dienstverlening",
    );
    assert!(!out.join("2024/iv3-begroting-2024.json").exists());
    // The contact as the CBS's schema wants it, said at its line.
    let gemeente = p.read("data/gemeente.yaml");
    p.write("data/gemeente.yaml", &gemeente.replace("email: financien@voorbeeld.nl", "email: geen-adres"));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "`geen-adres` is geen e-mailadres");
    let line = gemeente.lines().position(|l| l.contains("email:")).unwrap() + 1;
    assert_contains(&check.stderr, &format!("data/gemeente.yaml:{line}:"));
}

/// One contract for figures: each amount is rounded once to the unit (× € 1.000), so every
/// printed total is the sum of the printed amounts above it, and a programme's lasten are the
/// same in its chapter and in the book — read from the printed pages, with amounts chosen so
/// that rounding the exact sum would differ.
#[test]
fn every_printed_total_is_the_sum_of_the_printed_amounts_above_it() {
    let p = Scratch::with_samples();
    let file = "data/2024/programmabegroting-veiligheid.yaml";
    // Three lasten lines 400 euros up in 2024: each still prints as before, their exact sum
    // is 1.200 euros more and would print one higher.
    let text = p
        .read(file)
        .replace("2024: 11600000", "2024: 11600400")
        .replace("2024: 2450000", "2024: 2450400")
        .replace("2024: 2100000", "2024: 2100400");
    p.write(file, &text);
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let chapter = pdf_text(&p.path("out/2024/programmabegroting-veiligheid.pdf"));
    let numbers = |label: &str, within: &str| -> Vec<i64> {
        let at = within.find(label).unwrap_or_else(|| panic!("{label}")) + label.len();
        within[at..].split_whitespace().take(6).map(|n| n.replace(['.', '−'], "").parse::<i64>().unwrap()).collect()
    };
    let table = &chapter[chapter.find("Lasten en baten per taakveld").unwrap()..];
    let lines =
        ["Kennemerland (categorie 4.3.3)", "veiligheid (categorie 1.1)", "incidenteel)", "diensten (categorie 3.8)"];
    let sum: i64 = lines.iter().map(|l| numbers(l, table)[2]).sum();
    assert_eq!(numbers("Totaal lasten", table)[2], sum, "2024: the total is the sum of the printed lines");
    assert_eq!(sum, 16_450);
    let overview = &chapter[chapter.find("Wat mag het kosten?").unwrap()..];
    let lasten = numbers("Lasten ", &overview[overview.find("Lasten −").unwrap()..]);
    assert_eq!(lasten[2], 16_450, "the chapter's lasten are the sum of its printed lines");
    assert_contains(&chapter, "Elk bedrag is één keer afgerond; de totalen zijn de som van de afgeronde bedragen.");
    let boek = pdf_text(&p.path("out/2024/begrotingsboek.pdf"));
    let overzicht = &boek[boek.find("Overzicht van baten en lasten bedragen").unwrap()..];
    assert_eq!(numbers("Lasten 1 Veiligheid", overzicht), lasten, "the same in the book");
    // The open data keeps the euros.
    let json: serde_json::Value = serde_json::from_str(&p.read("out/2024/iv3-begroting-2024.json")).unwrap();
    assert_eq!(iv3_taakveld(&json, "lasten", "1.2"), 2_450_400 + 300_000 + 2_100_400);
}

/// The jaarverslag's finance table follows the same contract: its saldo and verschillen are
/// those of the printed amounts, here with a realisatie whose exact saldo would print one lower.
#[test]
fn the_jaarverslags_totals_and_verschillen_follow_from_its_printed_amounts() {
    let p = Scratch::with_samples();
    let file = "data/2024/jaarverslag-veiligheid.yaml";
    let text = p
        .read(file)
        .replace("realisatie: 1942000", "realisatie: 1942400")
        .replace("realisatie: 390000", "realisatie: 390600");
    assert_ne!(text, p.read(file));
    p.write(file, &text);
    let run = p.run(&["build", "--zonder-web", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = pdf_text(&p.path("out/2024/jaarverslag-veiligheid.pdf"));
    let table = &pdf[pdf.find("Wat heeft het gekost?").expect("the finance table")..];
    let row = |label: &str| -> Vec<i64> {
        let at = table.find(label).unwrap_or_else(|| panic!("{label}")) + label.len();
        table[at..]
            .split_whitespace()
            .take(5)
            .map(|n| {
                let v: i64 = n.trim_start_matches('−').replace('.', "").parse().unwrap();
                if n.starts_with('−') { -v } else { v }
            })
            .collect()
    };
    let (lasten, baten, saldo) = (row("Lasten "), row("Baten "), row("Saldo van baten en lasten"));
    assert_eq!(lasten[3], -16_702);
    assert_eq!(baten[3], 732);
    for i in 0..5 {
        assert_eq!(saldo[i], lasten[i] + baten[i], "column {i}: {lasten:?} {baten:?} {saldo:?}");
    }
}
