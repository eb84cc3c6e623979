//! Reliability: no two documents write one PDF, no link that can do harm, no control character
//! sent to the terminal, no input that is not a regular file, no bijlage that is not a PDF, and
//! no path from a tampered state outside the output folder.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

const VOORSTEL: &str = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";

/// A small valid raadsvoorstel with this nummer and extra lines.
fn voorstel(nummer: &str, extra: &str) -> String {
    format!(
        "soort: raadsvoorstel\nstatus: concept\nnummer: \"{nummer}\"\nonderwerp: Test\nportefeuillehouder: A\nsteller: B\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we?\n    antwoord: Iets.\nvoorstel:\n  besluitpunten:\n    - tekst: te besluiten\n{extra}"
    )
}

#[test]
fn two_documents_that_would_write_one_pdf_are_refused_with_both_named() {
    let p = Scratch::with_samples();
    p.write("data/2025/a.yaml", &voorstel("2025/001", ""));
    p.write("data/2025/b.yaml", &voorstel("2025-001", ""));
    let kadernota = p.read("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml");
    p.write("data/2018/kadernota-integrale-veiligheid-2018-2022.yml", &kadernota);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    let stderr = normalise(&run.stderr);
    assert_contains(&stderr, "`2025/2025-001-raadsvoorstel.pdf` wordt ook gemaakt door data/2025/a.yaml");
    assert_contains(&run.stderr, "data/2025/b.yaml");
    assert_contains(
        &stderr,
        "`2018/kadernota-integrale-veiligheid-2018-2022.pdf` wordt ook gemaakt door data/2018/kadernota-integrale-veiligheid-2018-2022.yaml",
    );
    // The build writes the first and refuses the second: the manifest lists each path once.
    let build = p.run(&["build", "data/2025"]);
    assert_eq!(build.code, 1, "{build:?}");
    let csv = p.read("out/manifest.csv");
    assert_eq!(csv.matches("2025/2025-001-raadsvoorstel.pdf;").count(), 1);
}

#[test]
fn only_web_and_mail_links_become_links() {
    let p = Scratch::with_samples();
    let file = "data/2025/links.yaml";
    p.write(
        file,
        &voorstel(
            "2025.1",
            "uitwerking:\n  - titel: Links\n    tekst: |\n      Zie [de site](https://www.haarlemmermeer.nl) en [mail](mailto:griffie@haarlemmermeer.nl).\n  - titel: Kwaad\n    tekst: \"[klik](javascript:alert(1)) of [dit](file:///etc/passwd)\"\n",
        ),
    );
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    let line = p.read(file).lines().position(|l| l.contains("javascript:")).unwrap() + 1;
    assert_contains(&run.stderr, &format!("{file}:{line}:"));
    assert_contains(&run.stderr, "een link naar `javascript:alert(1)` kan niet in een raadsstuk");
    assert_contains(&run.stderr, "een link naar `file:///etc/passwd` kan niet in een raadsstuk");
    assert_contains(&run.stderr, "alleen links die beginnen met https:, http:, mailto: worden links");
    assert_eq!(run.stderr.matches("fout: ").count(), 2, "the web and mail links are fine");
}

#[test]
fn control_characters_in_the_input_never_reach_the_terminal() {
    let p = Scratch::with_samples();
    p.write(VOORSTEL, &p.read(VOORSTEL).replace("steller: Ron", "\"\\e[31mstelr\": x\nsteller: Ron"));
    let run = p.run(&["check", VOORSTEL]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!run.stderr.contains('\u{1b}'), "an escape sequence reached the terminal: {:?}", run.stderr);
    assert_contains(&run.stderr, "onbekend veld `␛[31mstelr`");

    // A control character in a value would vanish from the PDF unseen: refused at its line.
    let file = "data/2025/bel.yaml";
    p.write(file, &voorstel("2025.6", "").replace("steller: B", "steller: \"B\u{7}C\""));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, &format!("{file}:6:10"));
    assert_contains(&run.stderr, "deze tekst bevat het stuurteken U+0007, dat niet in een document hoort");
    assert!(!run.stderr.contains('\u{7}'));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_bijlage_is_refused_not_waited_for() {
    let p = Scratch::with_samples();
    let fifo = p.path("data/2025/wacht.pdf");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    p.write(
        "data/2025/fifo.yaml",
        &voorstel("2025.2", "bijlagen:\n  - titel: Wacht\n    bestand: data/2025/wacht.pdf\n"),
    );
    let (code, stderr) = run_bounded(&p, &["check", "data/2025/fifo.yaml"]);
    assert_eq!(code, Some(1));
    assert_contains(&stderr, "is geen gewoon bestand");
}

#[test]
fn a_bijlage_named_pdf_must_be_a_pdf() {
    let p = Scratch::with_samples();
    p.write("data/2025/nep.pdf", "dit is geen PDF");
    let file = "data/2025/nep.yaml";
    p.write(file, &voorstel("2025.3", "bijlagen:\n  - titel: Nep\n    bestand: data/2025/nep.pdf\n"));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "bijlage `data/2025/nep.pdf` is geen leesbare PDF");
    assert_contains(&run.stderr, &format!("{file}:"));
}

#[test]
fn a_path_from_a_tampered_state_is_never_read_outside_the_output_folder() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    // A file outside the output folder, recorded as if it were one of the outputs: were it
    // read, its hash would match and the document would count as up to date.
    let outside = p.outside().join("buiten.pdf");
    std::fs::write(&outside, b"buiten").unwrap();
    let state_file = raadsstuk::batch::state::record_path(&p.path("out"), "data/2019/jaarverslag-veiligheid.yaml");
    let mut state: serde_json::Value = serde_json::from_slice(&std::fs::read(&state_file).unwrap()).unwrap();
    let record = &mut state["uitvoer"][0];
    record["pad"] = "../../buiten.pdf".into();
    record["bytes"] = 6.into();
    record["sha256"] = raadsstuk::batch::state::sha256(b"buiten").into();
    std::fs::write(&state_file, serde_json::to_vec_pretty(&state).unwrap()).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "data/2019/jaarverslag-veiligheid.yaml — ../../buiten.pdf ontbreekt of is veranderd");
    assert_eq!(std::fs::read(&outside).unwrap(), b"buiten", "nothing outside the output folder is touched");
}

#[test]
fn common_symbols_just_work_and_characters_no_font_has_are_found_at_their_line() {
    let p = Scratch::with_samples();
    let file = "data/2025/tekens.yaml";
    p.write(file, &voorstel("2025.4", "").replace("steller: B", "steller: \"vinkje ✓ kruis ✗ pijl → ≥ ≤ ½ €\""));
    let run = p.run(&["build", file]);
    assert_eq!(run.code, 0, "{run:?}");
    let pdf = p.path("out/2025/2025.4-raadsvoorstel.pdf");
    assert_contains(&pdf_text(&pdf), "vinkje ✓ kruis ✗ pijl → ≥ ≤ ½ €");
    // Drawn with the fallback font in fonts/, and still archivable and accessible.
    let doc = pdf_document(&pdf);
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"BaseFont").ok().and_then(|f| f.as_name().ok()))
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(fonts.iter().any(|f| f.contains("DejaVuSans")), "{fonts:?}");
    assert!(xmp(&doc).contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert_contains(&p.read("out/manifest.csv"), "2025/2025.4-raadsvoorstel.pdf;Raadsvoorstel;");
    assert!(!p.read("out/manifest.csv").contains("PDF 1.7"));

    // A character no font in fonts/ has: an error at its line, naming it.
    p.write(file, &voorstel("2025.4", "").replace("steller: B", "steller: \"duim 👍 en 张\""));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    let line = p.read(file).lines().position(|l| l.starts_with("steller:")).unwrap() + 1;
    assert_contains(&run.stderr, &format!("{file}:{line}:"));
    assert_contains(&run.stderr, "het teken `👍` (U+1F44D) staat in geen lettertype van het project");
    assert_contains(&run.stderr, "het teken `张` (U+5F20) staat in geen lettertype van het project");
}

#[test]
fn leftovers_of_a_killed_build_are_removed_and_only_they() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    p.write("out/2018/.raadsstuk-a1b2c3.tmp", "half");
    p.write("out/.raadsstuk-d4e5f6.tmp", "half");
    // A record cut off while it was written (the state's own folder).
    p.write("out/.raadsstuk/documenten/.raadsstuk-g7h8i9.tmp", "half");
    p.write("out/2018/.raadsstuk-notities.txt", "van de griffie");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!p.path("out/2018/.raadsstuk-a1b2c3.tmp").exists() && !p.path("out/.raadsstuk-d4e5f6.tmp").exists());
    assert!(!p.path("out/.raadsstuk/documenten/.raadsstuk-g7h8i9.tmp").exists());
    assert_contains(&run.stdout, "opgeruimd   ");
    assert_eq!(p.read("out/2018/.raadsstuk-notities.txt"), "van de griffie");
}

#[test]
fn a_second_build_of_one_output_folder_waits_for_the_first() {
    let p = Scratch::with_samples();
    // Another build holds the folder (here: this test, through the same lock).
    let lock = raadsstuk::batch::state::Lock::take(&p.path("out"), || {}).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
        .args(["build", "data/2019"])
        .current_dir(&p.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    assert!(child.try_wait().unwrap().is_none(), "the second build did not wait");
    assert!(!p.path("out/2019/jaarverslag-veiligheid.pdf").exists(), "it wrote while the folder was held");
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_contains(&String::from_utf8_lossy(&out.stderr), "wacht: een andere build schrijft nu in out");
    assert!(p.path("out/2019/jaarverslag-veiligheid.pdf").exists());
}

/// The line of `gemeente.yaml` that names the logo, after giving it `logo`.
fn with_logo(p: &Scratch, logo: &str) -> usize {
    let gemeente =
        p.read("data/gemeente.yaml").replace("  lettertype: Lato\n", &format!("  lettertype: Lato\n  logo: {logo}\n"));
    p.write("data/gemeente.yaml", &gemeente);
    gemeente.lines().position(|l| l.trim_start().starts_with("logo:")).unwrap() + 1
}

/// A PNG of `width` × `height` grey pixels.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![128; (width * height) as usize]).unwrap();
    drop(writer);
    bytes
}

#[test]
fn a_logo_of_too_many_pixels_is_refused_by_its_header_at_its_line() {
    let p = Scratch::with_samples();
    let line = with_logo(&p, "data/logo.png");
    // 40000 × 40000 pixels claimed by the header (6.4 GB decoded); no pixel data follows.
    let mut huge = png(1, 1);
    huge[16..24].copy_from_slice(&[0, 0, 0x9c, 0x40, 0, 0, 0x9c, 0x40]);
    std::fs::write(p.path("data/logo.png"), &huge).unwrap();
    let started = Instant::now();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(started.elapsed() < Duration::from_secs(10), "refused before any decoding");
    assert_contains(&run.stderr, &format!("data/gemeente.yaml:{line}:"));
    assert_contains(
        &normalise(&run.stderr),
        "logo niet te gebruiken: de afbeelding is 40000 × 40000 pixels (1600 megapixel); ten hoogste 16 megapixel mag",
    );
    // A normal PNG logo is used, and the PDF stays archivable.
    std::fs::write(p.path("data/logo.png"), png(400, 200)).unwrap();
    let run = p.run(&["build", "data/2019"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_broken_svg_logo_is_said_in_dutch_at_the_line_that_names_it() {
    let p = Scratch::with_samples();
    let line = with_logo(&p, "data/logo.svg");
    p.write("data/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<g>\n</svg>\n");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, &format!("data/gemeente.yaml:{line}:"));
    assert_contains(&run.stderr, "logo niet te gebruiken: het SVG-bestand is geen geldige XML (regel 3");
    assert!(!run.stderr.contains("template") && !run.stderr.contains("failed"), "{run:?}");
}

#[test]
fn templates_that_include_each_other_are_refused_where_they_do() {
    let p = Scratch::with_samples();
    p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
    p.write("data/sjablonen/raadsbesluit.typ.hbs", "{{> huisstijl}}\n{{> raadsbesluit-inhoud}}\n");
    p.write(
        "data/sjablonen/raadsbesluit-inhoud.typ.hbs",
        "= Besluit\n\n{{#if meta.concept}}\n{{> raadsbesluit}}\n{{/if}}\n",
    );
    for command in ["check", "build"] {
        let run = p.run(&[command]);
        assert_eq!(run.code, 1, "{run:?}");
        assert_contains(&run.stderr, "data/sjablonen/raadsbesluit.typ.hbs:2");
        assert_contains(
            &run.stderr,
            "deze sjablonen roepen elkaar zonder einde aan (raadsbesluit → raadsbesluit-inhoud → raadsbesluit)",
        );
    }
}

#[test]
fn a_document_past_the_time_limit_fails_alone_while_the_others_are_made_and_recorded() {
    let p = Scratch::with_samples();
    p.write("data/2025/traag.yaml", &voorstel("2025.9", ""));
    // After it in the queue: made by the other worker while the slow one runs on.
    p.write("data/2025/zzz.yaml", &voorstel("2025.10", ""));
    // A gemeente's own template with a loop that takes minutes, for one document only.
    p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
    let besluit = std::fs::read_to_string(repo().join("templates/raadsbesluit.typ.hbs")).unwrap();
    p.write(
        "data/sjablonen/raadsbesluit.typ.hbs",
        &format!(
            "{besluit}\n{{{{#if (eq meta.nummer \"2025.9\")}}}}\n#for i in range(100000) {{ for j in range(100000) {{ }} }}\n{{{{/if}}}}\n"
        ),
    );
    let started = Instant::now();
    let run = p.run(&["build", "-j", "2", "--tijdslimiet", "20"]);
    assert!(started.elapsed() < Duration::from_secs(200), "the limit ended it");
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/2025/traag.yaml");
    assert_contains(&run.stderr, "de opmaak duurt langer dan de tijdslimiet van 20 s en is afgebroken");
    // What was finished before is in the manifest, true to the files.
    let manifest = p.read("out/manifest.csv");
    for pad in ["2018/2018.0042544-bundel.pdf", "2024/jaarverslag-veiligheid.pdf", "2025/2025.10-raadsvoorstel.pdf"] {
        assert_contains(&manifest, &format!("{pad};"));
        assert!(p.path("out").join(pad).exists());
    }
    assert!(!manifest.contains("2025.9-"));
    assert_contains(&run.stderr, "1 document ging over de tijdslimiet; de andere documenten zijn gemaakt");
    // Left out of the limit, it finishes (here: shortened) and takes its place.
    p.write("data/sjablonen/raadsbesluit.typ.hbs", &besluit);
    let run = p.run(&["build", "-j", "1"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "0 mislukt");
    assert_contains(&p.read("out/manifest.csv"), "2025/2025.9-raadsbesluit.pdf;");
}

#[test]
fn overlong_paragraphs_are_found_before_they_cost_minutes() {
    let p = Scratch::with_samples();
    // A hundred answers of one paragraph of 49,000 characters each.
    let paragraph = "veilig ".repeat(7000);
    let vragen: String =
        (1..=100).map(|i| format!("  - vraag: Vraag {i}?\n    antwoord: {}\n", paragraph.trim_end())).collect();
    let file = "data/2025/lang.yaml";
    let text = voorstel("2025.5", "").replace("  - vraag: Wat willen we?\n    antwoord: Iets.\n", &vragen);
    p.write(file, &text);
    let started = Instant::now();
    let run = p.run(&["build", file]);
    assert!(started.elapsed() < Duration::from_secs(10), "found, not typeset");
    assert_eq!(run.code, 1, "{run:?}");
    let first = text.lines().position(|l| l.contains("antwoord:")).unwrap() + 1;
    assert_contains(&run.stderr, &format!("{file}:{first}:15"));
    assert_contains(
        &normalise(&run.stderr),
        "alinea 1 van deze tekst is 49.000 tekens lang; een alinea mag ten hoogste 10.000 tekens hebben",
    );
    assert_eq!(run.stderr.matches("tekens lang").count(), 100, "each one found");
    assert!(run.stderr.lines().all(|l| l.chars().count() < 300), "the terminal is shown where, not all");
}

/// Runs raadsstuk with `args`, killing it (and failing) if it runs longer than a minute.
#[cfg(unix)]
fn run_bounded(p: &Scratch, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
        .args(args)
        .current_dir(&p.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("raadsstuk {args:?} waited on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[cfg(unix)]
#[test]
fn pipes_in_place_of_the_state_an_output_or_a_font_are_never_waited_for() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "data/2019"]).code, 0);
    let mkfifo = |path: &std::path::Path| {
        let _ = std::fs::remove_file(path);
        assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
    };
    mkfifo(&raadsstuk::batch::state::record_path(&p.path("out"), "data/2019/jaarverslag-veiligheid.yaml"));
    mkfifo(&p.path("out/2019/jaarverslag-veiligheid.pdf"));
    let (code, stderr) = run_bounded(&p, &["build", "data/2019"]);
    assert_eq!(code, Some(0), "{stderr}");
    // The pipe in place of the PDF is replaced by the PDF.
    assert_contains(&pdf_text(&p.path("out/2019/jaarverslag-veiligheid.pdf")), "2019");
    mkfifo(&p.path("fonts/Wacht.ttf"));
    let (code, stderr) = run_bounded(&p, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_contains(&stderr, "fonts/Wacht.ttf");
    assert_contains(&stderr, "dit is geen gewoon bestand");
}
