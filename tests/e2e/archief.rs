//! Council-ready PDFs: PDF/A-2a + PDF/UA-1 structure and metadata, byte-identical builds,
//! concept marking, the bundle per raadsvoorstel, house style per gemeente, template overrides.

use crate::common::*;

#[test]
fn every_sample_pdf_is_tagged_archival_and_accessible() {
    let p = Scratch::with_samples();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut pdfs: Vec<_> =
        walk(&p.path("out")).into_iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")).collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 27, "{pdfs:?}");
    for pdf in &pdfs {
        let name = pdf.display();
        let doc = pdf_document(pdf);
        let cat = catalog(&doc);
        let marked = cat.get(b"MarkInfo").and_then(|m| match m {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id),
            other => other.as_dict(),
        });
        assert!(marked.unwrap().get(b"Marked").and_then(|m| m.as_bool()).unwrap(), "{name}: MarkInfo Marked");
        assert!(cat.has(b"StructTreeRoot"), "{name}: StructTreeRoot");
        let lang = cat.get(b"Lang").and_then(|l| l.as_str()).map(pdf_string).unwrap();
        assert!(lang.starts_with("nl"), "{name}: Lang {lang}");
        let prefs = cat.get(b"ViewerPreferences").and_then(|v| match v {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id),
            other => other.as_dict(),
        });
        assert!(prefs.unwrap().get(b"DisplayDocTitle").and_then(|d| d.as_bool()).unwrap(), "{name}: DisplayDocTitle");
        let metadata = xmp(&doc);
        assert!(metadata.contains("<pdfaid:part>2</pdfaid:part>"), "{name}: pdfaid:part 2 in {metadata}");
        assert!(metadata.contains("<pdfaid:conformance>A</pdfaid:conformance>"), "{name}: conformance A");
        assert!(metadata.contains("<pdfuaid:part>1</pdfuaid:part>"), "{name}: PDF/UA-1 identifier");
        assert!(metadata.contains("<dc:title>"), "{name}: title in XMP");
        assert!(all_fonts_embedded(&doc), "{name}: every font embedded");
        assert!(!bookmarks(&doc).is_empty(), "{name}: bookmarks from the headings");
        // Tables carry header cells (a paragraaf of text alone has none), and every figure has
        // alt text.
        let elements = struct_elements(&doc);
        if elements.iter().any(|(s, _)| s == "Table") {
            assert!(elements.iter().any(|(s, _)| s == "TH"), "{name}: TH cells");
        }
        assert!(
            elements
                .iter()
                .filter(|(s, _)| s == "Figure")
                .all(|(_, alt)| alt.as_deref().is_some_and(|a| !a.is_empty())),
            "{name}: alt text"
        );
    }
    // Metadata of the raadsvoorstel: title, authors, subject, keywords, the document's own date.
    let doc = pdf_document(&p.path("out/2018/2018.0042544-raadsvoorstel.pdf"));
    let metadata = xmp(&doc);
    for expected in [
        "Kadernota Integrale Veiligheid 2018-2022",
        "Gemeente Haarlemmermeer",
        "Ron van Wieringen",
        "Raadsvoorstel 2018.0042544 van de gemeente Haarlemmermeer",
        "2018.0042544",
        "2018-07-16",
    ] {
        assert!(metadata.contains(expected), "{expected} missing from XMP:\n{metadata}");
    }
    let text = pdf_text(&p.path("out/2018/2018.0042544-raadsvoorstel.pdf"));
    assert_contains(&text, "Gemeente Haarlemmermeer Raadsvoorstel 2018.0042544");
    assert_contains(&text, "pagina 2 van 4");
    // The Kadernota has its table of contents.
    assert_contains(&pdf_text(&p.path("out/2018/kadernota-integrale-veiligheid-2018-2022.pdf")), "Inhoud Voorwoord");
}

#[test]
fn building_twice_gives_byte_identical_pdfs() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--out", "eerste"]).code, 0);
    assert_eq!(p.run(&["build", "--out", "tweede"]).code, 0);
    let first = walk(&p.path("eerste"));
    assert!(first.len() >= 10);
    for f in first {
        let rel = f.strip_prefix(p.path("eerste")).unwrap();
        let other = p.path("tweede").join(rel);
        assert_eq!(std::fs::read(&f).unwrap(), std::fs::read(&other).unwrap(), "{} differs", rel.display());
    }
}

#[test]
fn concept_documents_are_marked_and_definitive_ones_are_not() {
    let p = Scratch::with_samples();
    // A concept first (a document sent as definitief does not go back to concept).
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    let sent = p.read(file);
    p.write(file, &sent.replace("status: definitief", "status: concept"));
    assert_eq!(p.run(&["build", "data/2018"]).code, 0);
    let concept = pdf_text(&p.path("out/2018/2018.0042544-raadsvoorstel.pdf"));
    // On every page: the watermark and the footer with the document's date.
    assert_eq!(squash(&concept).matches("CONCEPT").count(), 4, "one watermark per page");
    assert_eq!(concept.matches("Concept — 16 juli 2018").count(), 4);
    // The watermark is an artifact: no structure element holds it.
    let doc = pdf_document(&p.path("out/2018/2018.0042544-raadsvoorstel.pdf"));
    assert!(struct_elements(&doc).iter().all(|(_, alt)| alt.as_deref() != Some("CONCEPT")));

    // Sent: no watermark, no concept footer.
    p.write(file, &sent);
    assert_eq!(p.run(&["build", "data/2018"]).code, 0);
    let definitief = pdf_text(&p.path("out/2018/2018.0042544-raadsvoorstel.pdf"));
    assert!(!squash(&definitief).contains("CONCEPT"), "a definitief document has no watermark");
    assert!(!definitief.contains("Concept —"));
}

#[test]
fn the_bundle_holds_every_part_in_order_and_names_external_pdfs() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "data/2018"]).code, 0);
    // An external PDF bijlage: any PDF inside data/.
    std::fs::copy(p.path("out/2018/2018.0042544-raadsbesluit.pdf"), p.path("data/2018/advies-driehoek.pdf")).unwrap();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write(
        file,
        &format!("{}  - titel: Advies van de driehoek\n    bestand: data/2018/advies-driehoek.pdf\n", p.read(file)),
    );
    let run = p.run(&["build", "--herzie", "data/2018"]);
    assert_eq!(run.code, 0, "{run:?}");

    let bundle = p.path("out/2018/2018.0042544-bundel.pdf");
    let doc = pdf_document(&bundle);
    assert_eq!(
        bookmarks(&doc),
        ["Raadsvoorstel 2018.0042544", "Ontwerp-raadsbesluit", "Kadernota Integrale Veiligheid 2018-2022"]
    );
    let text = pdf_text(&bundle);
    let order = [
        "Hoogachtend,",
        "Aldus vastgesteld in de openbare vergadering",
        "Met enige trots presenteren wij u",
        "Ambtelijke- en bestuurlijke integriteit",
    ];
    let positions: Vec<usize> = order.iter().map(|s| text.find(s).unwrap_or_else(|| panic!("{s} missing"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "parts out of order: {positions:?}");
    // Each part starts on a new page: its first words follow the previous page's footer.
    for start in [
        "Gemeente Haarlemmermeer Ontwerp-raadsbesluit 2018.0042544 Ontwerp-raadsbesluit Nummer",
        "Gemeente Haarlemmermeer Kadernota Integrale Veiligheid 2018-2022 Haarlemmermeer, Haarlemmerliede",
    ] {
        let at = text.find(start).unwrap_or_else(|| panic!("{start} missing"));
        let before: Vec<&str> = text[..at].trim_end().rsplit(' ').take(4).collect();
        assert_eq!((before[1], before[3]), ("van", "pagina"), "{start} does not start a page: {before:?}");
    }
    // The external PDF is named in the bundle and lies beside it, unchanged.
    let copy = "2018.0042544-bijlage-2-advies-driehoek.pdf";
    assert_contains(&text, &format!("Advies van de driehoek (bestand: {copy})"));
    assert_contains(&text, &format!("Advies van de driehoek (apart bijgevoegd als {copy})"));
    assert_eq!(
        std::fs::read(p.path("out/2018").join(copy)).unwrap(),
        std::fs::read(p.path("data/2018/advies-driehoek.pdf")).unwrap()
    );
    // And the bundle keeps both standards.
    let metadata = xmp(&doc);
    assert!(metadata.contains("<pdfaid:part>2</pdfaid:part>") && metadata.contains("<pdfuaid:part>1</pdfuaid:part>"));
}

#[test]
fn the_bundle_is_a_cover_and_then_its_parts_page_for_page() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "data/2018"]);
    assert_eq!(run.code, 0, "{run:?}");
    let out = |name: &str| p.path(&format!("out/2018/{name}"));
    let bundle = pdf_pages_text(&out("2018.0042544-bundel.pdf"));
    let mut parts = Vec::new();
    for name in [
        "2018.0042544-raadsvoorstel.pdf",
        "2018.0042544-raadsbesluit.pdf",
        "kadernota-integrale-veiligheid-2018-2022.pdf",
    ] {
        parts.extend(pdf_pages_text(&out(name)));
    }
    assert_eq!((bundle.len(), parts.len()), (43, 42));
    // Behind the cover, every page reads as in the separate PDFs: page numbers included.
    // (Compared without spaces and hyphens: whether a hyphen at a line break extracts as
    // text depends on the font subset, which differs between the files.)
    for (i, (got, want)) in bundle[1..].iter().zip(&parts).enumerate() {
        assert_eq!(squash(got), squash(want), "bundle page {} differs from its part", i + 2);
    }
    assert_contains(&bundle[1], "pagina 1 van 4");
    assert_contains(&bundle[6], "Kadernota Integrale Veiligheid 2018-2022");

    // The cover lists the parts with their pages in the bundle, and links to where they start.
    let cover = &bundle[0];
    for phrase in ["Inhoud van deze bundel", "Raadsvoorstel 2018.0042544", "Ontwerp-raadsbesluit", "2–5", "7–43"] {
        assert_contains(cover, phrase);
    }
    assert_contains(cover, "Bijlage 1: Kadernota Integrale Veiligheid 2018-2022");
    assert_contains(cover, "voorblad van een bundel van 43 pagina’s");
    let doc = pdf_document(&out("2018.0042544-bundel.pdf"));
    assert_eq!(link_targets(&doc, 1), [2, 6, 7]);
    // The part's own table of contents still leads into the part: the Kadernota's
    // "Inhoud" (page 2 of the Kadernota, page 8 of the bundle) links to pages within it.
    assert_contains(&bundle[7], "Inhoud");
    let inhoud = link_targets(&doc, 8);
    assert!(inhoud.len() > 10 && inhoud.iter().all(|p| (9..=42).contains(p)), "{inhoud:?}");

    // Bookmarks: each part, with its own chapters under it.
    let tree = bookmark_tree(&doc);
    let titles: Vec<&str> = tree.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        ["Raadsvoorstel 2018.0042544", "Ontwerp-raadsbesluit", "Kadernota Integrale Veiligheid 2018-2022"]
    );
    assert_eq!(tree[0].1[..2], ["1. Samenvatting".to_string(), "2. Voorstel".to_string()]);
    assert!(tree[2].1.len() >= 5, "the Kadernota's chapters: {:?}", tree[2].1);
    // In the tag tree the parts' titles became headings one level above their chapters.
    let kinds: Vec<String> = struct_elements(&doc).into_iter().map(|(s, _)| s).collect();
    let count = |kind: &str| kinds.iter().filter(|s| *s == kind).count();
    assert_eq!(count("H1"), 4, "one H1 per part, and the cover's \"Inhoud van deze bundel\"");
    assert_eq!(count("Title"), 1, "only the cover keeps a title");
    assert!(kinds.iter().any(|s| s == "H2") && kinds.iter().any(|s| s == "H3"));
}

#[test]
fn a_bundle_is_the_same_whether_its_bijlage_was_laid_out_in_the_same_run_or_not() {
    let p = Scratch::with_samples();
    // Together: the Kadernota's layout is shared with the bundle.
    assert_eq!(p.run(&["build", "--out", "samen", "data/2018"]).code, 0);
    // Alone: the raadsvoorstel's build lays the Kadernota out itself.
    let alone = p.run(&["build", "--out", "los", "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml"]);
    assert_eq!(alone.code, 0, "{alone:?}");
    assert!(!p.path("los/2018/kadernota-integrale-veiligheid-2018-2022.pdf").exists());
    let name = "2018/2018.0042544-bundel.pdf";
    let samen = std::fs::read(p.path(&format!("samen/{name}"))).unwrap();
    assert!(samen == std::fs::read(p.path(&format!("los/{name}"))).unwrap(), "the bundles differ");
}

#[test]
fn the_same_bijlage_twice_is_in_the_bundle_twice() {
    let p = Scratch::with_samples();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write(
        file,
        &format!(
            "{}  - titel: Nogmaals de Kadernota\n    bestand: data/2018/kadernota-integrale-veiligheid-2018-2022.yaml\n",
            p.read(file)
        ),
    );
    let run = p.run(&["build", "data/2018"]);
    assert_eq!(run.code, 0, "{run:?}");
    // The second copy repeats the first one's element locations, so it is laid out again
    // under another name before the two can share one document.
    let bundle = p.path("out/2018/2018.0042544-bundel.pdf");
    let pages = pdf_pages_text(&bundle);
    assert_eq!(pages.len(), 1 + 4 + 1 + 37 + 37);
    assert_contains(&pages[0], "Bijlage 2: Nogmaals de Kadernota");
    assert_contains(&pages[0], "44–80");
    assert_eq!(squash(&pages[6]), squash(&pages[43]), "both copies start alike");
    let doc = pdf_document(&bundle);
    assert_eq!(bookmarks(&doc).len(), 4);
    assert_eq!(link_targets(&doc, 1), [2, 6, 7, 44]);
}

#[test]
fn another_gemeente_restyles_every_document() {
    let p = Scratch::fixture("andere-gemeente");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = p.path("out/2024/BM-2024-017-raadsvoorstel.pdf");
    let text = pdf_text(&pdf);
    assert_contains(&text, "Gemeente Bergenmeer Raadsvoorstel BM-2024-017");
    assert_contains(&text, "burgemeester en wethouders van de gemeente Bergenmeer");
    assert_contains(&text, "Portefeuillehouders A. de Vries en D. Smit");
    let doc = pdf_document(&pdf);
    // The logo, with its alt text.
    assert!(
        struct_elements(&doc)
            .iter()
            .any(|(s, alt)| s == "Figure" && alt.as_deref() == Some("Logo gemeente Bergenmeer"))
    );
    // The primary colour #7A1F3D (122, 31, 61) paints headings and rules.
    let content = page_content(&doc);
    assert!(content.contains("0.47843137 0.12156863 0.23921569"), "primary colour not found in the page content");
    let haarlemmermeer = Scratch::with_samples();
    assert_eq!(haarlemmermeer.run(&["build", "data/2018"]).code, 0);
    let other = page_content(&pdf_document(&haarlemmermeer.path("out/2018/2018.0042544-raadsvoorstel.pdf")));
    assert!(!other.contains("0.47843137 0.12156863 0.23921569"));
}

#[test]
fn a_gemeentes_own_template_wins_and_a_broken_standard_is_an_error() {
    let p = Scratch::fixture("andere-gemeente");
    p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
    // The gemeente's own raadsbesluit: its own wording.
    p.write(
        "data/sjablonen/raadsbesluit.typ.hbs",
        "{{> huisstijl}}\n#title[Eigen raadsbesluit van {{meta.gemeente}}]\n{{#each besluitpunten}}- {{tekst}}\n{{/each}}\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = p.path("out/2024/BM-2024-017-raadsbesluit.pdf");
    assert_contains(&pdf_text(&pdf), "Eigen raadsbesluit van Bergenmeer");
    let good = std::fs::read(&pdf).unwrap();
    // Then a logo without alt text, which PDF/UA forbids: the build fails for that document,
    // and never writes a PDF that claims less.
    p.write(
        "data/sjablonen/raadsbesluit.typ.hbs",
        "{{> huisstijl}}\n#title[Eigen raadsbesluit van {{meta.gemeente}}]\n#image(\"/data/logo.svg\")\n{{#each besluitpunten}}- {{tekst}}\n{{/each}}\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "de PDF kan niet PDF/A-2a + PDF/UA-1 zijn");
    assert_contains(&run.stderr, "missing alt text");
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF stays");
    assert!(!p.read("out/manifest.csv").contains("PDF/A-2b") && !p.read("out/manifest.csv").contains("PDF 1.7"));
    // The other documents keep both standards.
    let kept = xmp(&pdf_document(&p.path("out/2024/BM-2024-017-raadsvoorstel.pdf")));
    assert!(kept.contains("<pdfuaid:part>1</pdfuaid:part>"));
}
