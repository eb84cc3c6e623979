//! The steller's workflow: new → check → build, watch, and errors a steller can act on.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use raadsstuk::output::typeset::{Job, Typesetter};
use raadsstuk::source::project::Project;

use crate::common::*;

#[test]
fn new_raadsvoorstel_passes_check_builds_and_never_overwrites() {
    let p = Scratch::with_samples();
    let run = p.run(&["new", "raadsvoorstel", "--jaar", "2018", "--onderwerp", "Cameratoezicht Hoofddorp-Centrum"]);
    assert_eq!(run.code, 0, "{run:?}");
    let file = "data/2018/raadsvoorstel-cameratoezicht-hoofddorp-centrum.yaml";
    assert_contains(&run.stdout, file);
    let yaml = p.read(file);
    // Every field present, with guidance; the next free nummer; the gemeente's questions.
    for expected in [
        "status: concept",
        "nummer: \"2018.0042545\"",
        "onderwerp: \"Cameratoezicht Hoofddorp-Centrum\"",
        "\"Wat betekent dit voor de Metropoolregio Amsterdam (MRA)?\"",
        "# Registratienummer uit het zaaksysteem",
        "besluitpunten:",
        "uitwerking:",
        "bijlagen: []",
    ] {
        assert_contains(&yaml, expected);
    }
    let check = p.run(&["check", file]);
    assert_eq!(check.code, 0, "{check:?}");
    let build = p.run(&["build", file]);
    assert_eq!(build.code, 0, "{build:?}");
    let text = pdf_text(&p.path("out/2018/2018.0042545-raadsvoorstel.pdf"));
    assert_contains(&text, "Raadsvoorstel 2018.0042545");
    assert_contains(&text, "Onderwerp Cameratoezicht Hoofddorp-Centrum");
    assert_contains_phrase(&text, "CONCEPT");

    // A definitief document with placeholders left is refused, at each placeholder.
    p.write(file, &p.read(file).replace("status: concept", "status: definitief"));
    let unfinished = p.run(&["check", file]);
    assert_eq!(unfinished.code, 1, "{unfinished:?}");
    assert_contains(&unfinished.stderr, "nog niet ingevuld, maar het document is definitief");
    assert_contains(&unfinished.stderr, &format!("{file}:14:"));
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));

    // Never overwrite: the same onderwerp again is refused, and the file is unchanged.
    let before = p.read(file);
    let again = p.run(&["new", "raadsvoorstel", "--jaar", "2018", "--onderwerp", "Cameratoezicht Hoofddorp-Centrum"]);
    assert_eq!(again.code, 1, "{again:?}");
    assert_contains(&again.stderr, "bestaat al");
    assert_eq!(p.read(file), before);
}

#[test]
fn new_jaarverslag_and_kadernota_are_prefilled_and_build() {
    let p = Scratch::with_samples();
    let run = p.run(&["new", "jaarverslag", "--jaar", "2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    // Named after its programme: a year may have a jaarverslag per programme.
    let yaml = p.read("data/2025/jaarverslag-veiligheid.yaml");
    // From the 2024 jaarverslag: beleidsdoel, activiteiten, indicators with empty realisaties.
    assert_contains(&yaml, "titel: \"Vergroten weerbaarheid jongeren tegen criminaliteit, wapens en drugs\"");
    assert_contains(&yaml, "- id: woninginbraken\n        realisatie:\n");
    assert!(!yaml.contains("realisatie: 3"), "this year's realisaties are left empty");
    assert_eq!(p.run(&["new", "jaarverslag", "--jaar", "2024"]).code, 1, "one jaarverslag per programme per year");
    assert_eq!(p.run(&["new", "kadernota", "--jaar", "2023"]).code, 0);
    let build = p.run(&["build", "data/2025", "data/2023"]);
    assert_eq!(build.code, 0, "{build:?}");
    let text = pdf_text(&p.path("out/2025/jaarverslag-veiligheid.pdf"));
    assert_contains(
        &text,
        "Woninginbraken (absoluut en in % aantal inwoners) aantal 565 (pm%) (2017) <500 – – geen meting",
    );
    // Its trends show the illustrative earlier years, so it is marked as well.
    assert_contains(&text, "Voorbeeldgegevens: cijfers illustratief");
    assert_eq!(p.run(&["new", "raadsvoorstel", "--jaar", "99999"]).code, 1);
    assert_eq!(p.run(&["new", "raadsvoorstel", "--jaar", "-5"]).code, 1);
}

#[test]
fn watch_rebuilds_on_save_reports_errors_and_keeps_going() {
    let p = Scratch::with_samples();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    // A steller drafts a concept (a definitief document is frozen; see the `vertrouwen` tests).
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
        .args(["watch", file])
        .current_dir(&p.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _guard = Watcher(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |what: &str| -> String {
        loop {
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) if line.contains(what) => return line,
                Ok(_) => {}
                Err(_) => panic!("watch printed no {what:?} within 60 s"),
            }
        }
    };
    wait_for("gemaakt in");
    let pdf = p.path("out/2018/2018.0042544-raadsvoorstel.pdf");

    // A saved change is rebuilt.
    p.write(file, &p.read(file).replace("steller: Ron van Wieringen", "steller: Ron van Wieringen (gewijzigd)"));
    let line = wait_for("gemaakt in");
    assert!(line.contains("ms"), "the time of each rebuild is printed: {line}");
    assert_contains(&pdf_text(&pdf), "Steller Ron van Wieringen (gewijzigd)");
    let good = std::fs::read(&pdf).unwrap();

    // A broken save is reported; watching goes on and the last good PDF stays.
    p.write(file, &p.read(file).replace("steller: Ron van Wieringen (gewijzigd)", "steller: [kapot"));
    wait_for("FOUT");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    p.write(file, &p.read(file).replace("steller: [kapot", "steller: Ron van Wieringen (hersteld)"));
    wait_for("gemaakt in");
    assert_contains(&pdf_text(&pdf), "Steller Ron van Wieringen (hersteld)");
}

/// Breaks the sample raadsvoorstel with `edit`, checks it, and expects `message` at `line`.
fn expect_error(edit: impl Fn(&str) -> String, line: usize, message: &str) {
    let p = Scratch::with_samples();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    let bad = edit(&p.read(file));
    p.write(file, &bad);
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    let location = format!("{file}:{line}:");
    assert_contains(&run.stderr, &location);
    assert_contains(&normalise(&run.stderr), message);
    // The offending line is shown with a marker.
    let shown = bad.lines().nth(line - 1).unwrap().trim();
    assert_contains(&run.stderr, shown);
    assert_contains(&run.stderr, "^");
}

fn line_of(needle: &str) -> usize {
    let text =
        std::fs::read_to_string(repo().join("data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml")).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn yaml_syntax_errors_are_explained() {
    expect_error(
        |s| s.replace("steller: Ron", "\tsteller: Ron"),
        line_of("steller:"),
        "een teken dat hier niet mag (vaak een tab)",
    );
    expect_error(
        |s| s.replace("steller: Ron van Wieringen", "steller: \"Ron van Wieringen"),
        line_of("steller:"),
        "ongeldige YAML",
    );
    expect_error(
        |s| s.replace("steller: Ron van Wieringen", "steller: Ron van Wieringen\nsteller: Iemand anders"),
        line_of("steller:") + 1,
        "het veld `steller` staat er twee keer",
    );
}

#[test]
fn data_rule_errors_name_file_and_line() {
    // A bijlage that does not exist, and one outside the project.
    expect_error(
        |s| s.replace("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml", "data/2018/bestaat-niet.pdf"),
        line_of("bestand: data/2018/kadernota"),
        "bijlage niet gevonden: `data/2018/bestaat-niet.pdf` bestaat niet",
    );
    expect_error(
        |s| s.replace("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml", "../buiten.pdf"),
        line_of("bestand: data/2018/kadernota"),
        "verwijst buiten de projectmap",
    );
    expect_error(
        |s| s.replace("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml", "/etc/passwd.pdf"),
        line_of("bestand: data/2018/kadernota"),
        "is een absoluut pad",
    );
    expect_error(
        |s| s.replace("collegevergadering: 2018-07-16", "collegevergadering: 2018-13-01"),
        line_of("collegevergadering:"),
        "ongeldige datum",
    );
    expect_error(|s| s.replace("status: definitief", "status: klaar"), line_of("status:"), "onbekende waarde `klaar`");
}

#[test]
fn a_nummer_used_twice_names_both_files() {
    let p = Scratch::with_samples();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write("data/2019/kopie.yaml", &p.read(file));
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "nummer `2018.0042544` is al gebruikt");
    assert_contains(&run.stderr, "data/2019/kopie.yaml:6:");
    assert_contains(&run.stderr, &format!("{file} heeft hetzelfde nummer"));
}

#[test]
fn a_typst_error_points_at_the_template() {
    let p = Scratch::fixture("andere-gemeente");
    p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
    p.write(
        "data/sjablonen/raadsbesluit.typ.hbs",
        "{{> huisstijl}}\n#title[Besluit]\n\n#text(fill: onbekende-kleur)[{{meta.titel}}]\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "Typst-fout in een sjabloon (niet in uw gegevens): unknown variable: onbekende-kleur");
    assert_contains(&run.stderr, "data/sjablonen/raadsbesluit.typ.hbs:4:");
    assert_contains(&run.stderr, "#text(fill: onbekende-kleur)[{{meta.titel}}]");
}

#[test]
fn emit_typst_keeps_the_source_beside_the_pdf() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--emit-typst", "data/2018", "data/2024"]).code, 0);
    let typ = p.read("out/2018/2018.0042544-raadsbesluit.typ");
    assert_contains(&typ, "#set document(");
    assert_contains(
        &typ,
        "gelezen het voorstel van burgemeester en wethouders van 16 juli 2018, nr\\. 2018\\.0042544\\;",
    );
    // A jaarverslag's charts are written beside it, where its source looks for them.
    let typ = p.read("out/2024/jaarverslag-veiligheid.typ");
    let charts: Vec<&str> = typ.split("image(\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
    assert!(charts.len() >= 2, "{charts:?}");
    for chart in charts {
        let file = p.path("out/2024").join(chart.trim_start_matches('/'));
        assert!(std::fs::read_to_string(&file).unwrap().starts_with("<svg"), "{}", file.display());
    }
    // The bundle's source is one Typst document with every part, for the typst CLI: it
    // compiles, and holds the raadsvoorstel, the raadsbesluit and the Kadernota.
    let source = p.read("out/2018/2018.0042544-bundel.typ");
    let typesetter = Typesetter::new(&p.path("fonts")).unwrap();
    let project = Project::open(&p.path(".")).unwrap();
    let job = Job {
        source,
        template: "bundel-geheel".into(),
        virtual_files: Default::default(),
        project: &project,
        date: chrono::NaiveDate::from_ymd_opt(2018, 7, 16).unwrap(),
        ident: "bundel".into(),
        locate: None,
        reads: None,
    };
    let pdf = typesetter.typeset(&job).unwrap_or_else(|e| panic!("{e}"));
    let text = normalise(&pdf_extract::extract_text_from_mem(&pdf.pdf).unwrap());
    for phrase in ["Hoogachtend,", "Aldus vastgesteld in de openbare vergadering", "Met enige trots presenteren wij u"]
    {
        assert_contains(&text, phrase);
    }
    assert!(pdf.pages > 40, "{} pages", pdf.pages);
}

/// `--emit-typst` is an output like the others: asked for on a folder that is up to date, it
/// builds the documents again so that each has its source (a book its overview's), and a build
/// without it takes the sources away again, charts' folder and all.
#[test]
fn emit_typst_on_an_up_to_date_folder_writes_the_sources_and_a_build_without_removes_them() {
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, als_concept(&text)).unwrap();
    }
    assert_eq!(p.run(&["build", "--zonder-web", "data/2024"]).code, 0);
    let run = p.run(&["build", "--zonder-web", "--emit-typst", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "uitvoer typst-bron staat aan");
    assert_contains(&p.read("out/2024/jaarverslag-veiligheid.typ"), "#set document(");
    assert_contains(&p.read("out/2024/begrotingsboek-overzicht.typ"), "Overzicht van baten en lasten");
    let charts = p.path("out/2024/jaarverslag-veiligheid-grafieken");
    assert!(charts.is_dir());
    let run = p.run(&["build", "--zonder-web", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "uitvoer typst-bron staat uit");
    assert!(!p.path("out/2024/jaarverslag-veiligheid.typ").exists());
    assert!(!charts.exists(), "the charts' folder goes with them");
    assert!(p.path("out/2024/jaarverslag-veiligheid.pdf").exists());
}

/// `watch` follows what `build` records a document reads, the indicator catalogue included: a
/// Kadernota shows the catalogue's names, and a changed name is in its PDF at once.
#[test]
fn watch_rebuilds_a_kadernota_when_the_indicator_catalogue_changes() {
    let p = Scratch::with_samples();
    let file = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));
    let watching = Watching::start(&p, file);
    watching.wait_for("gemaakt in");
    let catalogue = p.read("data/indicatoren.yaml");
    assert!(catalogue.contains("Woninginbraken (absoluut"));
    p.write(
        "data/indicatoren.yaml",
        &catalogue.replacen("Woninginbraken (absoluut", "Woninginbraken gemeld (absoluut", 1),
    );
    watching.wait_for("gemaakt in");
    let pdf = p.path("out/2018/kadernota-integrale-veiligheid-2018-2022.pdf");
    assert_contains(&pdf_text(&pdf), "Woninginbraken gemeld (absoluut");
}

/// `watch` on a book makes the book (the raadsvoorstel's bundle is left to `build`; a book is
/// the document itself).
#[test]
fn watch_makes_a_book() {
    let p = Scratch::with_samples();
    let file = "data/2024/begrotingsboek.yaml";
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));
    let watching = Watching::start(&p, file);
    let line = watching.wait_for("gemaakt in");
    assert_contains(&line, "begrotingsboek.pdf");
    assert_contains(&pdf_text(&p.path("out/2024/begrotingsboek.pdf")), "Overzicht van baten en lasten");
}

/// `watch` follows the lists of documents as `build` records them: a jaarverslag looks through
/// the documents that publish facts, so a new raadsvoorstel leaves it alone and a begroting of
/// its programme added to its year rebuilds it (here: mends it, as its begroting primitief comes
/// from there).
#[test]
fn watch_rebuilds_a_jaarverslag_only_when_a_list_it_looked_through_changes() {
    let p = Scratch::with_samples();
    let file = "data/2024/jaarverslag-veiligheid.yaml";
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));
    let begroting = p.read("data/2024/programmabegroting-veiligheid.yaml");
    std::fs::remove_file(p.path("data/2024/programmabegroting-veiligheid.yaml")).unwrap();
    let watching = Watching::start(&p, file);
    watching.wait_for("FOUT");
    let voorstel = p.read("data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml");
    p.write("data/2024/raadsvoorstel-nieuw.yaml", &voorstel.replace("2018.0042544", "2024.0000001"));
    watching.none_for("FOUT", 3);
    p.write("data/2024/programmabegroting-veiligheid.yaml", &begroting);
    watching.wait_for("gemaakt in");
}
