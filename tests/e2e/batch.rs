//! Batch regeneration: incremental rebuilds, failure isolation, the manifest, parallel builds.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::common::*;

/// Every file under the output folder: relative path → (bytes, mtime).
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, (std::fs::read(&p).unwrap(), std::fs::metadata(&p).unwrap().modified().unwrap()));
            }
        }
    }
    out
}

fn pdfs(snap: &BTreeMap<String, (Vec<u8>, SystemTime)>) -> Vec<&String> {
    snap.keys().filter(|k| k.ends_with(".pdf")).collect()
}

#[test]
fn a_corrected_value_rebuilds_exactly_the_documents_that_read_it() {
    let p = Scratch::with_samples();
    let first = p.run(&["build"]);
    assert_eq!(first.code, 0, "{first:?}");
    let before = snapshot(&p.path("out"));
    // Let the clock move on, so a rewritten file would get another mtime.
    std::thread::sleep(std::time::Duration::from_millis(20));

    let file = "data/2021/jaarverslag-veiligheid.yaml";
    let yaml = p.read(file);
    let corrected = yaml.replacen("realisatie: 310", "realisatie: 312", 1);
    assert_ne!(yaml, corrected);
    p.write(file, &corrected);
    let run = p.run(&["build", "--herzie"]);
    assert_eq!(run.code, 0, "{run:?}");
    let after = snapshot(&p.path("out"));

    let changed: Vec<&String> = pdfs(&after).into_iter().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(
        changed,
        [
            "2021/jaarverslag-veiligheid.pdf",
            "2022/jaarverslag-veiligheid.pdf",
            "2023/jaarverslag-veiligheid.pdf",
            "2024/jaarverslag-veiligheid.pdf",
            // The jaarstukken hold the 2024 jaarverslag's pages.
            "2024/jaarverslagboek.pdf"
        ]
    );
    // The others keep their bytes and their mtime.
    for k in pdfs(&after) {
        if !changed.contains(&k) {
            assert_eq!(before[k], after[k], "{k} was touched");
        }
    }
    // The summary says what was rebuilt and why.
    assert_contains(
        &run.stdout,
        "gemaakt      data/2024/jaarverslag-veiligheid.yaml — data/2021/jaarverslag-veiligheid.yaml gewijzigd",
    );
    assert_contains(&run.stdout, "ongewijzigd  data/2020/jaarverslag-veiligheid.yaml");
    // The jaarverslag of Bestuur reads the realisaties of the years its trends could show too
    // (whatever their programme): it is made again, and its PDF stays the same.
    assert_contains(&run.stdout, "22 documenten: 6 gemaakt, 16 ongewijzigd, 0 mislukt");

    // Nothing changed: nothing is rebuilt, nothing is written.
    let again = p.run(&["build"]);
    assert_contains(&again.stdout, "22 documenten: 0 gemaakt, 22 ongewijzigd, 0 mislukt");
    assert_eq!(snapshot(&p.path("out")), after);

    // A changed template rebuilds everything that uses it; --force rebuilds all.
    let forced = p.run(&["build", "--force"]);
    assert_contains(&forced.stdout, "22 documenten: 22 gemaakt, 0 ongewijzigd");
    assert_contains(&forced.stdout, "— --force");
}

#[test]
fn a_new_kadernota_starts_the_trends_afresh_and_bounds_what_a_correction_rebuilds() {
    let p = Scratch::with_samples();
    // A new Kadernota for 2023-2026, with its baseline measured in 2022.
    let k = p
        .read("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml")
        .replace("titel: Kadernota Integrale Veiligheid 2018-2022", "titel: Kadernota Integrale Veiligheid 2023-2026")
        .replace("datum: 2018-07-04", "datum: 2023-07-04")
        .replace("  van: 2018\n", "  van: 2023\n")
        .replace("  tot: 2022\n", "  tot: 2026\n")
        .replace("jaar: 2016,", "jaar: 2022,")
        .replace("jaar: 2017,", "jaar: 2022,");
    p.write("data/2023/kadernota-integrale-veiligheid-2023-2026.yaml", &k);
    let first = p.run(&["build"]);
    assert_eq!(first.code, 0, "{first:?}");
    let before = snapshot(&p.path("out"));
    std::thread::sleep(std::time::Duration::from_millis(20));

    // 2021 lies before the new baseline: only the jaarverslagen under the old Kadernota show it.
    let file = "data/2021/jaarverslag-veiligheid.yaml";
    p.write(file, &p.read(file).replacen("realisatie: 310", "realisatie: 312", 1));
    let run = p.run(&["build", "--herzie"]);
    assert_eq!(run.code, 0, "{run:?}");
    let after = snapshot(&p.path("out"));
    let changed: Vec<&String> = pdfs(&after).into_iter().filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(changed, ["2021/jaarverslag-veiligheid.pdf", "2022/jaarverslag-veiligheid.pdf"]);
    assert_contains(&run.stdout, "ongewijzigd  data/2024/jaarverslag-veiligheid.yaml");

    // 2022 is the new baseline year: 2023 and 2024 show it, so they are rebuilt with it.
    let file = "data/2022/jaarverslag-veiligheid.yaml";
    let yaml = p.read(file);
    let corrected = yaml.replacen("realisatie: ", "realisatie: 1", 1);
    assert_ne!(yaml, corrected);
    p.write(file, &corrected);
    let run = p.run(&["build", "--herzie"]);
    assert_eq!(run.code, 0, "{run:?}");
    // And the begroting 2024 with its book: they read the 2022 jaarverslag for their Realisatie
    // 2022 (the file, not only its finance, is what is recorded); so do the three paragrafen
    // that show what the book computes from its chapters (the kengetallen, the Wet fido norms,
    // the opbrengst read from the lines): their PDFs stay the same.
    assert_contains(&run.stdout, "23 documenten: 9 gemaakt, 14 ongewijzigd, 0 mislukt");
    for document in [
        "2022/jaarverslag-veiligheid",
        "2023/jaarverslag-veiligheid",
        "2024/jaarverslag-veiligheid",
        "2024/programmabegroting-veiligheid",
        "2024/begrotingsboek",
        "2024/jaarverslagboek",
    ] {
        assert_contains(
            &run.stdout,
            &format!("gemaakt      data/{document}.yaml — data/2022/jaarverslag-veiligheid.yaml gewijzigd"),
        );
    }
    // The 2024 trends start at the new baseline: its tables list 2022 as the meting year.
    let text = pdf_text(&p.path("out/2024/jaarverslag-veiligheid.pdf"));
    assert_contains(&text, "(meting)");
    assert!(!text.contains("2016"), "the old baseline year still shows");
}

#[test]
fn files_no_document_makes_any_more_are_removed() {
    // Concepts: sent files are only withdrawn on purpose (see `verstuurd`).
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains("status: definitief") {
            std::fs::write(&file, als_concept(&text)).unwrap();
        }
    }
    assert_eq!(p.run(&["build"]).code, 0);
    p.write("out/2018/notitie.txt", "van de griffie");
    // The steller puts in the real zaaknummer: the PDFs under the old number go.
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    let yaml = p.read(file);
    assert!(yaml.contains("nummer: \"2018.0042544\""));
    p.write(file, &yaml.replace("nummer: \"2018.0042544\"", "nummer: \"2018.0042545\""));
    // A jaarverslag is withdrawn (the newest: an older one is read by the next), with the
    // jaarstukken that account for it: their PDFs go.
    std::fs::remove_file(p.path("data/2024/jaarverslag-veiligheid.yaml")).unwrap();
    std::fs::remove_file(p.path("data/2024/jaarverslagboek.yaml")).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    for gone in [
        "2018/2018.0042544-raadsvoorstel.pdf",
        "2018/2018.0042544-raadsbesluit.pdf",
        "2018/2018.0042544-bundel.pdf",
        "2024/jaarverslag-veiligheid.pdf",
        "2024/jaarverslagboek.pdf",
        "2024/iv3-realisatie-2024.json",
    ] {
        assert!(!p.path(&format!("out/{gone}")).exists(), "{gone} is still there");
        assert_contains(&run.stdout, &format!("verwijderd   {gone} (geen document maakt dit bestand nog)"));
        assert!(!p.read("out/manifest.csv").contains(gone));
    }
    assert!(p.path("out/2018/2018.0042545-bundel.pdf").exists());
    // What raadsstuk did not write stays.
    assert_eq!(p.read("out/2018/notitie.txt"), "van de griffie");
}

#[test]
fn a_changed_gemeente_file_or_deleted_output_is_rebuilt() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    std::fs::remove_file(p.path("out/2019/jaarverslag-veiligheid.pdf")).unwrap();
    let run = p.run(&["build", "--herzie"]);
    assert_contains(
        &run.stdout,
        "gemaakt      data/2019/jaarverslag-veiligheid.yaml — 2019/jaarverslag-veiligheid.pdf ontbreekt of is veranderd",
    );
    assert_contains(&run.stdout, "1 gemaakt, 21 ongewijzigd");
    p.write("data/gemeente.yaml", &p.read("data/gemeente.yaml").replace("#1F4E79", "#1F4E7A"));
    let run = p.run(&["build", "--herzie"]);
    assert_contains(&run.stdout, "22 documenten: 22 gemaakt");
    assert_contains(&run.stdout, "data/gemeente.yaml gewijzigd");
}

#[test]
fn one_broken_document_fails_alone_and_keeps_its_last_good_pdf() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let rv = "out/2018/2018.0042544-raadsvoorstel.pdf";
    let good = std::fs::read(p.path(rv)).unwrap();
    let mtime = std::fs::metadata(p.path(rv)).unwrap().modified().unwrap();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write(file, &p.read(file).replace("steller: Ron van Wieringen", "steller: [Ron"));
    let run = p.run(&["build", "--force"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stdout, "21 gemaakt, 0 ongewijzigd, 1 mislukt");
    assert_contains(&run.stdout, "FOUT         data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml");
    assert_contains(&run.stderr, &format!("{file}:"));
    assert_eq!(std::fs::read(p.path(rv)).unwrap(), good);
    assert_eq!(std::fs::metadata(p.path(rv)).unwrap().modified().unwrap(), mtime);
    // The manifest still lists the last good PDFs of the broken document.
    assert_contains(
        &p.read("out/manifest.csv"),
        "2018/2018.0042544-raadsvoorstel.pdf;Raadsvoorstel;voorstel;2018.0042544;1;",
    );
}

#[test]
fn the_manifest_matches_the_files_and_builds_are_deterministic() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--jobs", "1", "--out", "een"]).code, 0);
    assert_eq!(p.run(&["build", "--jobs", "2", "--out", "twee"]).code, 0);
    let een = snapshot(&p.path("een"));
    let twee = snapshot(&p.path("twee"));
    assert_eq!(een.keys().collect::<Vec<_>>(), twee.keys().collect::<Vec<_>>());
    for (k, (bytes, _)) in &een {
        assert!(twee[k].0 == *bytes, "{k} differs between --jobs 1 and --jobs 2");
    }

    let manifest: serde_json::Value = serde_json::from_str(&p.read("een/manifest.json")).unwrap();
    let files = manifest["bestanden"].as_array().unwrap();
    assert_eq!(files.len(), 27, "every PDF is listed");
    for f in files {
        let path = p.path("een").join(f["pad"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(f["sha256"].as_str().unwrap(), sha256_hex(&bytes), "{}", path.display());
        assert_eq!(f["bytes"].as_u64().unwrap(), bytes.len() as u64);
        let pages = lopdf::Document::load_mem(&bytes).unwrap().get_pages().len();
        assert_eq!(f["paginas"].as_u64().unwrap() as usize, pages, "{}", path.display());
        for key in ["soort", "jaar", "onderwerp", "status", "datum", "standaard"] {
            assert!(!f[key].is_null(), "{key} missing");
        }
    }
    let csv = p.read("een/manifest.csv");
    assert_eq!(csv.lines().count(), 28, "a header and one row per PDF");
    assert!(
        csv.starts_with("\u{feff}pad;soort;rol;voorstel;volgorde;onderwerp;documentsoort;jaar;nummer;status;datum;")
    );
    // The Kadernota is listed as the bijlage it is of raadsvoorstel 2018.0042544.
    assert_contains(
        &csv,
        "2018/kadernota-integrale-veiligheid-2018-2022.pdf;Kadernota;bijlage;2018.0042544;3;Kadernota Integrale Veiligheid 2018-2022;kadernota;2018;;definitief;2018-07-04;37;",
    );
}

fn sha256_hex(bytes: &[u8]) -> String {
    raadsstuk::batch::state::sha256(bytes)
}

/// What each document of the last build read, from the state it left.
fn recorded_reads(out: &Path) -> BTreeMap<String, Vec<String>> {
    let state = raadsstuk::batch::state::State::read(out);
    state.documenten.iter().map(|(doc, s)| (doc.clone(), s.invoer.keys().cloned().collect())).collect()
}

#[test]
fn what_each_document_read_is_recorded_as_it_read_it() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let reads = recorded_reads(&p.path("out"));
    let kadernota = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    let voorstel = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    // The raadsvoorstel reads itself and its bijlage, the Kadernota (its bundle holds it).
    assert_eq!(reads[voorstel], [kadernota, voorstel, "data/gemeente.yaml", "data/indicatoren.yaml"]);
    // The Kadernota reads no other document.
    assert_eq!(reads[kadernota], [kadernota, "data/gemeente.yaml", "data/indicatoren.yaml"]);
    // The 2024 jaarverslag reads the Kadernota in force and every year its trends chart (from
    // the baseline, 2016/2017, on), and looked through the list of documents of the kinds that
    // publish the facts it reads (a frame, realisaties, a plan).
    let jv2024 = &reads["data/2024/jaarverslag-veiligheid.yaml"];
    assert!(jv2024.contains(&kadernota.to_string()));
    for year in 2019..=2024 {
        assert!(jv2024.contains(&format!("data/{year}/jaarverslag-veiligheid.yaml")), "{year} in {jv2024:?}");
    }
    assert!(
        jv2024.contains(&"documenten (kadernota, programmabegroting, jaarverslag) t/m 2024".to_string()),
        "{jv2024:?}"
    );
    // It accounts for the begroting of its own programme, and reads no other programme's.
    assert!(jv2024.contains(&"data/2024/programmabegroting-veiligheid.yaml".to_string()));
    assert!(!jv2024.contains(&"data/2024/programmabegroting-bestuur.yaml".to_string()));
    // The begroting reads the newest jaarverslag that gives its indicators a value (2023) and the
    // one of t-2 for its Realisatie 2022, not every earlier year; the book reads its chapters.
    let begroting = &reads["data/2024/programmabegroting-veiligheid.yaml"];
    assert!(begroting.contains(&"data/2023/jaarverslag-veiligheid.yaml".to_string()), "{begroting:?}");
    assert!(begroting.contains(&"data/2022/jaarverslag-veiligheid.yaml".to_string()), "{begroting:?}");
    assert!(!begroting.contains(&"data/2021/jaarverslag-veiligheid.yaml".to_string()), "{begroting:?}");
    assert!(!begroting.contains(&"data/2024/jaarverslag-veiligheid.yaml".to_string()), "{begroting:?}");
    let boek = &reads["data/2024/begrotingsboek.yaml"];
    for chapter in ["data/2024/programmabegroting-veiligheid.yaml", "data/2024/programmabegroting-bestuur.yaml"] {
        assert!(boek.contains(&chapter.to_string()), "{boek:?}");
    }
    assert!(!jv2024.contains(&voorstel.to_string()), "the raadsvoorstel is no input of a jaarverslag");
    // What Typst itself reads is recorded too: the other gemeente's logo.
    let f = Scratch::fixture("andere-gemeente");
    assert_eq!(f.run(&["build"]).code, 0);
    let reads = recorded_reads(&f.path("out"));
    assert!(reads.values().all(|r| r.contains(&"data/logo.svg".to_string())), "{reads:?}");
}

#[test]
fn editing_or_adding_a_file_no_document_read_rebuilds_nothing_else() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = snapshot(&p.path("out"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Only the raadsvoorstel reads its own file: a note in it rebuilds only that document (and
    // its PDFs come out the same, so the definitief document is not touched).
    let voorstel = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write(voorstel, &format!("{}# notitie van de griffie\n", p.read(voorstel)));
    // New documents that no other document looks through: only they are built. One of 2019,
    // a year whose begroting no document shows after a wijziging, is not looked through either.
    for (jaar, nummer) in [(2030, "2030.0000001"), (2019, "2019.0000001")] {
        p.write(
            &format!("data/{jaar}/raadsvoorstel-nieuw.yaml"),
            &p.read(voorstel)
                .replace("nummer: \"2018.0042544\"", &format!("nummer: \"{nummer}\""))
                .replace("status: definitief", "status: concept"),
        );
    }
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "24 documenten: 3 gemaakt, 21 ongewijzigd, 0 mislukt");
    assert_contains(&run.stdout, &format!("gemaakt      {voorstel} — {voorstel} gewijzigd"));
    assert_contains(&run.stdout, "gemaakt      data/2030/raadsvoorstel-nieuw.yaml — nieuw document");
    let after = snapshot(&p.path("out"));
    // Not one PDF written before was touched: bytes and mtime as they were.
    for (k, v) in &before {
        if k.ends_with(".pdf") {
            assert!(*v == after[k], "{k} was touched");
        }
    }
}

/// A chapter or a plan with errors is never left out of what reads it: the book is not made and
/// the jaarverslag fails, naming it; once it is mended both are whole, with nothing forced.
#[test]
fn a_broken_chapter_or_plan_stops_what_reads_it_until_it_is_mended() {
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, als_concept(&text)).unwrap();
    }
    assert_eq!(p.run(&["build"]).code, 0);
    let boek = p.path("out/2024/begrotingsboek.pdf");
    let whole = pdf_text(&boek);
    assert_contains(&whole, "Programma 1 Veiligheid");
    let chapter = "data/2024/programmabegroting-veiligheid.yaml";
    let good = p.read(chapter);
    p.write(chapter, &good.replacen("datum: ", "datum: [", 1));
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    // The book names a part that is not made: the programme, or a paragraaf that shows what the
    // book computes from it (and so reads it too).
    assert_contains(&run.stderr, "hoort erin en is niet gemaakt (zie daar)");
    assert_contains(&run.stdout, "FOUT         data/2024/paragraaf-weerstandsvermogen.yaml");
    assert_contains(
        &run.stderr,
        "dit bestand bevat fouten en wordt gelezen voor de streefwaarden, de trends of de begroting",
    );
    assert_contains(&run.stdout, "FOUT         data/2024/jaarverslag-veiligheid.yaml");
    assert_eq!(pdf_text(&boek), whole, "the book stays as it was");
    p.write(chapter, &good);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(pdf_text(&boek), whole);
}
