//! Trust: what was typed is what is printed, every mistake of a file is shown at once, a
//! document that was sent does not change unnoticed, and the manifest and the command line
//! speak the griffie's language.

use std::process::Command;

use crate::common::*;

const JV2024: &str = "data/2024/jaarverslag-veiligheid.yaml";

/// A jaarverslag for 2025 with these indicator lines and this finance block.
fn jaarverslag_2025(indicatoren: &str, financien: &str) -> String {
    format!(
        "soort: jaarverslag\nstatus: concept\nprogramma: Veiligheid\ndatum: 2026-05-01\nbeleidsdoelen:\n  - code: A\n    titel: Doel\n    indicatoren:\n{indicatoren}{financien}"
    )
}

#[test]
fn numbers_mean_what_a_dutch_reader_means() {
    let p = Scratch::with_samples();
    // Each form once unquoted and once quoted; none may come out a thousand times off.
    let indicatoren = [
        ("woninginbraken", "6.110"),
        ("straatroof", "\"6.110\""),
        ("overvallen", "1.200"),
        ("geweld", "\"1.200\""),
        ("totaal_misdrijven", "16.702.000"),
        ("meldingen_openbare_ruimte", "\"16.702.000\""),
        ("onveilig_eigen_buurt", "731,5"),
        ("sociale_cohesie", "\"731,5\""),
        ("verward_gedrag", "6,2"),
        ("hennepkwekerijen", "\"6,2\""),
        // A point followed by one digit is a decimal point: nothing else can be meant.
        ("riec_casussen", "6.5"),
    ]
    .iter()
    .map(|(id, v)| format!("      - id: {id}\n        realisatie: {v}\n"))
    .collect::<String>();
    // The realisatie 2024 is read from the jaarverslag 2024 (16.702.000 and 731.000), not typed.
    let financien = "financien:\n  lasten: { begroting_primitief: \"16.450.000\", begroting_na_wijziging: 16450000, realisatie: 16.502.000 }\n  baten: { begroting_primitief: 0, begroting_na_wijziging: 0, realisatie: 1.200 }\n  toelichting:\n    lasten: Minder inhuur.\n";
    // Without the begroting 2024, whose targets reach into 2025: no row has a streefwaarde.
    for f in ["programmabegroting-veiligheid", "programmabegroting-bestuur", "begrotingsboek"] {
        std::fs::remove_file(p.path(&format!("data/2024/{f}.yaml"))).unwrap();
    }
    p.write("data/2025/jaarverslag.yaml", &jaarverslag_2025(&indicatoren, financien));
    let run = p.run(&["build", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path("out/2025/jaarverslag.pdf"));
    // Each row ends with its realisatie, then the status (no streefwaarde for 2025).
    let row = |shown: &str| format!(" {shown} – geen streefwaarde");
    for (shown, times) in [("6.110", 2), ("1.200", 2), ("16.702.000", 2), ("731,5", 2), ("6,2", 2), ("6,5", 1)] {
        assert_eq!(text.matches(&row(shown)).count(), times, "{shown} in:\n{text}");
    }
    for wrong in ["6,11 ", " 1,2 –", "16,702", "7.315", " 62 –"] {
        assert!(!text.contains(wrong), "{wrong:?} printed");
    }
    // Amounts, in the table's "x € 1.000": 16.702.000 → 16.702, 16.502.000 → 16.502.
    assert_contains(&text, "Lasten −16.702 −16.450 −16.450 −16.502 −52");
    assert_contains(&text, "Baten 731 0 0 1 1");

    // An amount with decimals is refused where it is written, with how to write it.
    let baten = "  baten:\n    realisatie_vorig_jaar: 0\n    begroting_primitief: 0\n    begroting_na_wijziging: 0\n    realisatie: 731,5\n";
    let lasten = financien.lines().take(2).collect::<Vec<_>>().join("\n");
    p.write(
        "data/2025/jaarverslag.yaml",
        &jaarverslag_2025("      - id: geweld\n        realisatie: 1\n", &format!("{lasten}\n{baten}")),
    );
    let check = p.run(&["check", "data/2025"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&check.stderr, "data/2025/jaarverslag.yaml:");
    assert_contains(&check.stderr, "een bedrag staat in hele euro's, zonder decimalen: 731,5 heeft er");
}

#[test]
fn a_file_with_five_errors_reports_all_five_at_once() {
    let p = Scratch::with_samples();
    let text = [
        "soort: jaarverslag",
        "status: concept",
        "datum: 2025-02-30",
        "voorbeeldgegevns: true",
        "beleidsdoelen:",
        "  - code: A",
        "    titel: Doel",
        "    indicatoren:",
        "      - id: woninginbraken",
        "        realisatie: [1, 2]",
        "      - id: woninginbrakken",
        "        realisatie: 3",
        "",
    ]
    .join("\n");
    let file = "data/2025/jaarverslag.yaml";
    p.write(file, &text);
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    let stderr = normalise(&run.stderr);
    assert_eq!(run.stderr.matches("fout: ").count(), 5, "{}", run.stderr);
    for (line, says) in [
        (1, "het verplichte veld `programma` ontbreekt"),
        (3, "ongeldige datum"),
        (4, "onbekend veld `voorbeeldgegevns`"),
        (10, "verkeerd soort waarde: een lijst gevonden"),
        (11, "indicator `woninginbrakken` is niet gedefinieerd"),
    ] {
        assert_contains(&run.stderr, &format!("{file}:{line}:"));
        assert_contains(&stderr, says);
    }
    assert_contains(&stderr, "bedoelde u `voorbeeldgegevens`?");
    assert_contains(&stderr, "bedoelde u `woninginbraken`?");
    // No parser or Rust wording reaches the steller.
    for english in ["invalid type", "expected", "i64", "struct ", "unknown field", "sequence"] {
        assert!(!run.stderr.contains(english), "{english:?} in {}", run.stderr);
    }
}

#[test]
fn an_alias_bomb_and_deep_nesting_get_a_located_dutch_error() {
    let p = Scratch::with_samples();
    let mut bomb = String::from("soort: raadsvoorstel\nstatus: concept\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb += &format!("a{i}: &a{i} [{refs}]\n");
    }
    p.write("data/2025/bom.yaml", &bomb);
    p.write(
        "data/2025/diep.yaml",
        &format!("soort: kadernota\nstatus: concept\ntitel: {}{}\n", "[".repeat(300), "]".repeat(300)),
    );
    let run = p.run(&["check", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "vermenigvuldigt zich hier via ankers (&) en verwijzingen (*)");
    assert_contains(&run.stderr, "data/2025/bom.yaml:8:");
    assert_contains(&run.stderr, "te diep genest");
    assert_contains(&run.stderr, "data/2025/diep.yaml:3:");
    assert!(!run.stderr.contains("limit"), "{}", run.stderr);
}

#[test]
fn a_definitief_document_is_frozen_unless_revised_and_the_manifest_keeps_both_hashes() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let pdf = p.path("out/2024/jaarverslag-veiligheid.pdf");
    let sent = std::fs::read(&pdf).unwrap();
    let mtime = std::fs::metadata(&pdf).unwrap().modified().unwrap();

    // An earlier year's figure is corrected: the 2024 jaarverslag (definitief) would change.
    let file = "data/2023/jaarverslag-veiligheid.yaml";
    let yaml = p.read(file);
    let corrected = yaml.replacen("realisatie: 350", "realisatie: 351", 1);
    assert_ne!(yaml, corrected);
    p.write(file, &corrected);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stdout, "FOUT         data/2024/jaarverslag-veiligheid.yaml");
    let stderr = normalise(&run.stderr);
    assert_contains(
        &stderr,
        "dit document is definitief en al verstuurd, maar de PDF 2024/jaarverslag-veiligheid.pdf zou veranderen",
    );
    assert_contains(&stderr, "oorzaak: data/2023/jaarverslag-veiligheid.yaml gewijzigd");
    assert_contains(&stderr, "raadsstuk build --herzie");
    assert_contains(&run.stderr, "data/2024/jaarverslag-veiligheid.yaml:8:9");
    assert_eq!(std::fs::read(&pdf).unwrap(), sent, "what was sent stays, byte for byte");
    assert_eq!(std::fs::metadata(&pdf).unwrap().modified().unwrap(), mtime);

    // On purpose: a revised version, marked on every page, with the old hash in the manifest.
    let run = p.run(&["build", "--herzie"]);
    assert_eq!(run.code, 0, "{run:?}");
    let revised = std::fs::read(&pdf).unwrap();
    assert_ne!(revised, sent);
    let today = raadsstuk::domain::format::date(raadsstuk::scaffold::today());
    let pages = pdf_pages_text(&pdf);
    for page in &pages {
        assert_contains(page, &format!("Herziene versie van {today}"));
    }
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let row = manifest["bestanden"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["pad"] == "2024/jaarverslag-veiligheid.pdf")
        .unwrap();
    assert_eq!(row["sha256"], raadsstuk::batch::state::sha256(&revised));
    assert_eq!(row["vorige_sha256"], raadsstuk::batch::state::sha256(&sent));

    // The revision holds: nothing changes on the next builds, forced or not.
    let again = p.run(&["build"]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_contains(&again.stdout, "0 gemaakt");
    let forced = p.run(&["build", "--force"]);
    assert_eq!(forced.code, 0, "{forced:?}");
    assert_eq!(std::fs::read(&pdf).unwrap(), revised);
    // The proof of what was replaced stays in the manifest, however often it is made again.
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let row = manifest["bestanden"].as_array().unwrap().iter().find(|r| r["pad"] == "2024/jaarverslag-veiligheid.pdf");
    assert_eq!(row.unwrap()["vorige_sha256"], raadsstuk::batch::state::sha256(&sent));
}

#[test]
fn the_manifest_csv_opens_in_dutch_excel_and_reads_back_as_the_json() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    // An external PDF bijlage: any PDF inside data/.
    std::fs::copy(p.path("out/2018/2018.0042544-raadsbesluit.pdf"), p.path("data/2018/advies-driehoek.pdf")).unwrap();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write(
        file,
        &format!("{}  - titel: Advies van de driehoek\n    bestand: data/2018/advies-driehoek.pdf\n", p.read(file)),
    );
    assert_eq!(p.run(&["build", "--herzie"]).code, 0);

    let bytes = std::fs::read(p.path("out/manifest.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a byte order mark, for Excel");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, raadsstuk::batch::manifest::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let json = manifest["bestanden"].as_array().unwrap();
    assert_eq!(rows.len(), json.len());
    assert_eq!(rows.len(), 28);
    for (row, record) in rows.iter().zip(json) {
        for (column, value) in header.iter().zip(row.iter()) {
            let expected = match &record[column] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(value, expected, "{column} of {}", &row[0]);
        }
    }
    let find = |pad: &str| json.iter().find(|r| r["pad"] == pad).unwrap_or_else(|| panic!("{pad}"));
    for (pad, rol, volgorde, onderwerp, bron) in [
        ("2018/2018.0042544-raadsvoorstel.pdf", "voorstel", 1, "Kadernota Integrale Veiligheid 2018-2022", file),
        ("2018/2018.0042544-raadsbesluit.pdf", "besluit", 2, "Kadernota Integrale Veiligheid 2018-2022", file),
        (
            "2018/kadernota-integrale-veiligheid-2018-2022.pdf",
            "bijlage",
            3,
            "Kadernota Integrale Veiligheid 2018-2022",
            "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml",
        ),
        (
            "2018/2018.0042544-bijlage-2-advies-driehoek.pdf",
            "bijlage",
            4,
            "Advies van de driehoek",
            "data/2018/advies-driehoek.pdf",
        ),
    ] {
        let r = find(pad);
        assert_eq!(r["rol"], rol, "{pad}");
        assert_eq!(r["voorstel"], "2018.0042544", "{pad}");
        assert_eq!(r["volgorde"], volgorde, "{pad}");
        assert_eq!(r["onderwerp"], onderwerp, "{pad}");
        assert_eq!(r["bron"], bron, "{pad}");
    }
    assert_eq!(find("2018/2018.0042544-bundel.pdf")["rol"], "bundel");
    assert_eq!(find("2024/jaarverslag-veiligheid.pdf")["rol"], "document");
    assert_eq!(find("2024/jaarverslag-veiligheid.pdf")["documentsoort"], "jaarverslag");
}

/// Words of clap's own (English) help and error texts.
const CLAP_ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "error:",
    "tip:",
    "unrecognized",
    "unexpected argument",
    "required",
    "possible values",
    "[default",
    "For more information",
    "[OPTIONS]",
    "<COMMAND>",
    "invalid value",
    "the following",
    "wasn't expected",
    "Council-ready",
];

#[test]
fn help_and_usage_errors_are_dutch() {
    let p = Scratch::with_samples();
    let cases: &[&[&str]] = &[
        &["--help"],
        &["-h"],
        &[],
        &["build", "--help"],
        &["check", "--help"],
        &["new", "--help"],
        &["watch", "--help"],
        &["bouw"],
        &["buidl"],
        &["build", "--onbekend"],
        &["build", "--jobs", "0"],
        &["build", "--jobs", "twee"],
        &["new"],
        &["new", "motie", "--jaar", "2025"],
        &["new", "raadsvoorstel", "--jaar", "twintig"],
        &["watch"],
        &["check", "data/bestaat-niet"],
    ];
    for args in cases {
        let run = p.run(args);
        let out = format!("{}{}", run.stdout, run.stderr);
        for word in CLAP_ENGLISH {
            assert!(!out.contains(word), "`raadsstuk {}` printed {word:?}:\n{out}", args.join(" "));
        }
    }
    let run = p.run(&["build", "--jobs", "0"]);
    assert_eq!(run.code, 2);
    assert_contains(&run.stderr, "fout: ongeldige waarde `0` bij --jobs <N>");
    assert_contains(&run.stderr, "hint: het aantal documenten tegelijk is een geheel getal van 1 of meer");
    let run = p.run(&["buidl"]);
    assert_contains(&run.stderr, "fout: onbekende opdracht `buidl`");
    assert_contains(&run.stderr, "hint: bedoelde u `build`?");
    let run = p.run(&["--help"]);
    assert_eq!(run.code, 0);
    assert_contains(&run.stdout, "Gebruik: raadsstuk [OPTIES] <OPDRACHT>");
    assert_contains(&run.stdout, "Opdrachten:");
}

#[test]
fn counts_are_singular_or_plural_times_have_a_decimal_comma_and_paths_after_c_are_the_projects() {
    let p = Scratch::with_samples();
    // From outside the project, with -C: the paths are the project's.
    let out = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
        .args(["-C", "project", "check", JV2024])
        .current_dir(p.outside())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_contains(&stdout, "1 document gecontroleerd, 0 met fouten, in 0,");
    let run = p.run(&["build", "data/2024", "data/2023"]);
    assert_contains(&run.stdout, "16 documenten: 16 gemaakt, 0 ongewijzigd, 0 mislukt, in ");
    let time = run.stdout.split_once(" mislukt, in ").unwrap().1;
    let time = time.split(" s ").next().unwrap();
    assert!(time.contains(',') && time.replace(',', "").chars().all(|c| c.is_ascii_digit()), "{time}");
}

#[test]
fn a_misspelt_toelichting_is_refused_not_left_out() {
    let p = Scratch::with_samples();
    p.write(JV2024, &p.read(JV2024).replace("    baten: \"Voorbeeldtekst", "    batne: \"Voorbeeldtekst"));
    let run = p.run(&["check", JV2024]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "onbekend veld `batne`");
    assert_contains(&run.stderr, "bedoelde u `baten`?");
}

/// A tampered state cannot remove a project file through a link in the output folder: a
/// recorded path is removed only when no part of the way to it is a symbolic link.
#[cfg(unix)]
#[test]
fn a_tampered_state_removes_nothing_through_a_link() {
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, als_concept(&text)).unwrap();
    }
    assert_eq!(p.run(&["build", "--zonder-web"]).code, 0);
    std::os::unix::fs::symlink("../data", p.path("out/evil")).unwrap();
    let victim = "data/2024/programmabegroting-bestuur.yaml";
    // One record says the document made a file through the link, which it no longer makes.
    let record = walk(&p.path("out/.raadsstuk/documenten")).into_iter().next().unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    let bron = json["bron"].as_str().unwrap().to_string();
    json["overige"] = serde_json::json!([{
        "pad": "evil/2024/programmabegroting-bestuur.yaml", "soort": "", "jaar": 2024, "nummer": "",
        "onderwerp": "", "status": "concept", "datum": "", "paginas": 0, "bytes": 1, "sha256": "0", "standaard": "",
    }]);
    std::fs::write(&record, serde_json::to_string(&json).unwrap()).unwrap();
    let run = p.run(&["build", "--zonder-web", &bron]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(p.path(victim).exists(), "the project file is still there");
    assert!(!run.stdout.contains("verwijderd"), "{}", run.stdout);
}
