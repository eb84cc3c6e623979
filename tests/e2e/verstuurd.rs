//! A sent document is a record: no route changes, moves or removes a file made as definitief
//! without `--herzie` or `--trek-in`. One test per route, numbered as in the issue that found
//! them; then concept → definitief, `check`, and the state's size per document.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::*;

const FILE: &str = "data/2025/buurt.yaml";

/// A small raadsvoorstel (three PDFs: voorstel, besluit, bundel).
fn voorstel(nummer: &str, status: &str) -> String {
    format!(
        "soort: raadsvoorstel\nstatus: {status}\nnummer: \"{nummer}\"\nonderwerp: Buurtpreventie\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: Veilige buurten, met hulp van de bewoners.\nvoorstel:\n  besluitpunten:\n    - tekst: het plan buurtpreventie vast te stellen\n"
    )
}

/// The samples and a definitief raadsvoorstel of 2025, built and so sent.
fn sent() -> Scratch {
    let p = Scratch::with_samples();
    p.write(FILE, &voorstel("2025.0001", "definitief"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    p
}

/// Every file under a folder of the project, with its bytes.
fn files(p: &Scratch, folder: &str) -> BTreeMap<String, Vec<u8>> {
    let root = p.path(folder);
    walk(&root)
        .into_iter()
        .map(|f| (f.strip_prefix(&root).unwrap().to_string_lossy().into_owned(), std::fs::read(&f).unwrap()))
        .collect()
}

fn manifest(p: &Scratch) -> serde_json::Value {
    serde_json::from_str(&p.read("out/manifest.json")).unwrap()
}

/// The manifest's paths, each once.
fn manifest_paths(p: &Scratch) -> Vec<String> {
    let paths: Vec<String> =
        manifest(p)["bestanden"].as_array().unwrap().iter().map(|r| r["pad"].as_str().unwrap().to_string()).collect();
    let mut unique = paths.clone();
    unique.dedup();
    assert_eq!(paths, unique, "a path is listed twice");
    paths
}

const SENT: [&str; 3] = ["2025.0001-raadsvoorstel.pdf", "2025.0001-raadsbesluit.pdf", "2025.0001-bundel.pdf"];

fn assert_sent_untouched(p: &Scratch, before: &BTreeMap<String, Vec<u8>>) {
    let now = files(p, "out/2025");
    for name in SENT {
        assert_eq!(now.get(name), before.get(name), "{name} is what was sent, byte for byte");
    }
}

#[test]
fn route_1_a_new_nummer_neither_removes_nor_replaces_what_was_sent() {
    let p = sent();
    let before = files(&p, "out/2025");
    p.write(FILE, &voorstel("2025.0002", "definitief"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    let stderr = normalise(&run.stderr);
    assert_contains(&stderr, "het nummer is gewijzigd van `2025.0001` in `2025.0002`");
    assert_contains(&stderr, "--trek-in");
    assert_contains(&run.stderr, &format!("{FILE}:3:"));
    assert!(!run.stdout.contains("verwijderd"), "{run:?}");
    assert_sent_untouched(&p, &before);
    assert!(!p.path("out/2025/2025.0002-raadsvoorstel.pdf").exists());

    // Withdrawn on purpose: the old set leaves the folder, the manifest keeps its proof.
    let run = p.run(&["build", "--zonder-web", "--trek-in", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "ingetrokken  2025/2025.0001-raadsvoorstel.pdf");
    assert!(!p.path("out/2025/2025.0001-raadsvoorstel.pdf").exists());
    assert!(p.path("out/2025/2025.0002-raadsvoorstel.pdf").exists());
    let withdrawn = &manifest(&p)["ingetrokken"];
    let row = withdrawn.as_array().unwrap().iter().find(|r| r["pad"] == "2025/2025.0001-raadsvoorstel.pdf").unwrap();
    assert_eq!(row["sha256"], raadsstuk::batch::state::sha256(&before["2025.0001-raadsvoorstel.pdf"]));
    assert_eq!(row["ingetrokken"], raadsstuk::scaffold::today().to_string());
    assert!(!manifest_paths(&p).contains(&"2025/2025.0001-raadsvoorstel.pdf".to_string()));
}

#[test]
fn route_2_a_nummer_changed_and_back_leaves_the_sent_path_as_sent() {
    let p = sent();
    let before = files(&p, "out/2025");
    p.write(FILE, &voorstel("2025.0002", "definitief"));
    assert_eq!(p.run(&["build", "--zonder-web", "data/2025"]).code, 1);
    p.write(FILE, &voorstel("2025.0001", "definitief"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "0 gemaakt");
    assert_sent_untouched(&p, &before);

    // Withdrawn, then the old nummer again with other text: the withdrawn path gets no other
    // content (what was sent there is on record).
    p.write(FILE, &voorstel("2025.0002", "definitief"));
    assert_eq!(p.run(&["build", "--zonder-web", "--trek-in", "data/2025"]).code, 0);
    p.write(FILE, &voorstel("2025.0001", "definitief").replace("Veilige buurten", "Veiligere buurten"));
    let run = p.run(&["build", "--zonder-web", "--trek-in", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "verstuurd en later ingetrokken");
    assert!(!p.path("out/2025/2025.0001-raadsvoorstel.pdf").exists());
}

#[test]
fn route_3_a_renamed_file_keeps_the_sent_pdfs() {
    let p = sent();
    let before = files(&p, "out/2025");
    std::fs::rename(p.path(FILE), p.path("data/2025/buurtpreventie.yaml")).unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    let stderr = normalise(&run.stderr);
    assert_contains(&stderr, &format!("verstuurd als deel van {FILE}, dat niet meer bestaat"));
    assert!(!run.stdout.contains("verwijderd"), "{run:?}");
    assert_sent_untouched(&p, &before);
    assert_eq!(manifest_paths(&p).iter().filter(|p| p.starts_with("2025/")).count(), 3);
    // Renamed back: nothing to do.
    std::fs::rename(p.path("data/2025/buurtpreventie.yaml"), p.path(FILE)).unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_sent_untouched(&p, &before);
}

#[test]
fn route_4_a_file_moved_to_another_year_keeps_the_sent_pdfs() {
    let p = sent();
    let before = files(&p, "out/2025");
    p.write("data/2026/buurt.yaml", &p.read(FILE));
    std::fs::remove_file(p.path(FILE)).unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2026"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "dit document bestaat niet meer, maar de PDF's");
    assert_contains(&run.stderr, FILE);
    assert_sent_untouched(&p, &before);
    // Also when the moved document fails.
    p.write("data/2026/buurt.yaml", "soort: raadsvoorstel\nstatus: [kapot\n");
    let run = p.run(&["build", "--zonder-web", "data/2026"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_sent_untouched(&p, &before);
}

#[test]
fn route_5_a_renamed_kadernota_or_jaarverslag_keeps_its_sent_pdf() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build", "--zonder-web", "data/2018", "data/2019"]).code, 0);
    let pdf = p.path("out/2019/jaarverslag-veiligheid.pdf");
    let sent = std::fs::read(&pdf).unwrap();
    std::fs::rename(p.path("data/2019/jaarverslag-veiligheid.yaml"), p.path("data/2019/jaarverslag-2019.yaml"))
        .unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2018", "data/2019"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(
        &normalise(&run.stderr),
        "dit document bestaat niet meer, maar de PDF 2019/jaarverslag-veiligheid.pdf is al verstuurd en blijft staan",
    );
    assert_contains(&run.stderr, "data/2019/jaarverslag-veiligheid.yaml");
    assert!(!run.stdout.contains("verwijderd"), "{run:?}");
    assert_eq!(std::fs::read(&pdf).unwrap(), sent);
    assert!(manifest_paths(&p).contains(&"2019/jaarverslag-veiligheid.pdf".to_string()));
}

#[test]
fn route_6_back_to_concept_does_not_overwrite_what_was_sent() {
    let p = sent();
    let before = files(&p, "out/2025");
    p.write(FILE, &voorstel("2025.0001", "concept"));
    let check = p.run(&["check", FILE]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&check.stdout, &format!("WEIGERT  {FILE}"));
    assert_contains(&normalise(&check.stderr), "met `status: concept` zouden de PDF's");
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "dit document is als definitief verstuurd; met `status: concept`");
    assert_contains(&run.stderr, &format!("{FILE}:2:9"));
    assert_sent_untouched(&p, &before);

    // A record edited to say concept: the manifest still says what was sent.
    let record = raadsstuk::batch::state::record_path(&p.path("out"), FILE);
    std::fs::write(&record, std::fs::read_to_string(&record).unwrap().replace("\"definitief\"", "\"concept\""))
        .unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_sent_untouched(&p, &before);
    // The state removed: the same.
    std::fs::remove_dir_all(p.path("out/.raadsstuk")).unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_sent_untouched(&p, &before);
}

#[test]
fn route_7_a_sent_pdf_deleted_from_the_folder_is_not_made_again_with_other_content() {
    let p = sent();
    let before = files(&p, "out/2025");
    let pdf = p.path("out/2025/2025.0001-raadsvoorstel.pdf");
    // Deleted, nothing changed: made again exactly as sent.
    std::fs::remove_file(&pdf).unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_sent_untouched(&p, &before);
    // Deleted after the data changed: refused, since it would come out otherwise.
    std::fs::remove_file(&pdf).unwrap();
    p.write(FILE, &voorstel("2025.0001", "definitief").replace("Veilige buurten", "Veiligere buurten"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "als definitief verstuurd en staat niet meer in de uitvoermap");
    assert!(!pdf.exists(), "no other content in its place");
}

#[test]
fn route_8_a_deleted_document_keeps_its_sent_pdfs_until_withdrawn() {
    let p = sent();
    let before = files(&p, "out/2025");
    std::fs::remove_file(p.path(FILE)).unwrap();
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&check.stdout, &format!("WEIGERT  {FILE} (bestaat niet meer"));
    let run = p.run(&["build", "--zonder-web", "data/2019"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "dit document bestaat niet meer, maar de PDF's");
    assert_contains(&run.stderr, FILE);
    assert!(!run.stdout.contains("verwijderd"), "{run:?}");
    assert_sent_untouched(&p, &before);
    assert!(manifest_paths(&p).contains(&"2025/2025.0001-raadsvoorstel.pdf".to_string()));

    let run = p.run(&["build", "--zonder-web", "--trek-in", "data/2019"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(files(&p, "out/2025").is_empty());
    let withdrawn = manifest(&p)["ingetrokken"].as_array().unwrap().len();
    assert_eq!(withdrawn, 3);
    let again = p.run(&["build", "--zonder-web", "data/2019"]);
    assert_eq!(again.code, 0, "{again:?}");
}

#[test]
fn route_8_a_sent_document_whose_pdfs_were_deleted_first_is_still_sent() {
    let p = sent();
    for name in SENT {
        std::fs::remove_file(p.path(&format!("out/2025/{name}"))).unwrap();
    }
    std::fs::remove_file(p.path(FILE)).unwrap();
    let run = p.run(&["build", "--zonder-web", "data/2019"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "dit document bestaat niet meer, maar de PDF's");
    // Written again under its name with other content: refused, as long as it is not withdrawn.
    p.write(FILE, &voorstel("2025.0001", "definitief").replace("Veilige buurten", "Veiligere buurten"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!p.path("out/2025/2025.0001-raadsvoorstel.pdf").exists());
}

#[test]
fn route_9_one_output_path_is_one_document_in_a_partial_build_too() {
    let p = sent();
    let before = files(&p, "out/2025");
    let other = "data/2025/zomer.yaml";
    p.write(other, &voorstel("2025.0001", "concept").replace("Buurtpreventie", "Zomeractie"));
    let run = p.run(&["build", "--zonder-web", other]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "`2025/2025.0001-raadsvoorstel.pdf` wordt ook gemaakt door data/2025/buurt.yaml");
    assert_contains(&run.stderr, &format!("{other}:3:"));
    assert_sent_untouched(&p, &before);
    manifest_paths(&p);
    // The whole project: the nummer is refused as used twice, the sent files stay.
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_sent_untouched(&p, &before);
    manifest_paths(&p);
}

#[test]
fn route_9_a_file_another_document_now_makes_is_not_removed_as_stale() {
    let p = Scratch::with_samples();
    p.write(FILE, &voorstel("2025.0001", "concept"));
    assert_eq!(p.run(&["build", "--zonder-web", "data/2025"]).code, 0);
    // The concept takes a new nummer; another document takes its old one, in the same run.
    p.write(FILE, &voorstel("2025.0002", "concept"));
    p.write("data/2025/a.yaml", &voorstel("2025.0001", "definitief").replace("Buurtpreventie", "Anders"));
    for jobs in ["1", "2"] {
        let run = p.run(&["build", "--zonder-web", "-j", jobs, "--force", "data/2025"]);
        assert_eq!(run.code, 0, "{run:?}");
        for name in SENT {
            assert!(p.path(&format!("out/2025/{name}")).exists(), "-j {jobs}: {name} removed: {run:?}");
        }
        assert!(!run.stdout.contains("verwijderd   2025/2025.0001"), "{run:?}");
        crate::storingen::consistent(&p.path("out"), true).unwrap();
    }
}

#[test]
fn route_10_watch_obeys_the_same_rule() {
    let p = sent();
    let before = files(&p, "out/2025");
    let mut child = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
        .args(["watch", FILE])
        .current_dir(&p.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let _guard = Watcher(child);
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [Box::new(stdout) as Box<dyn std::io::Read + Send>, Box::new(stderr)] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    // Both streams in one log, in the order they arrive; each wait reads on from the last.
    let log = std::cell::RefCell::new(String::new());
    let wait_for = |what: &str| -> String {
        let start = log.borrow().len();
        loop {
            let found = log.borrow()[start..].find(what);
            if let Some(at) = found {
                // What else belongs to it (the other stream) comes within moments.
                std::thread::sleep(Duration::from_millis(300));
                while let Ok(line) = rx.try_recv() {
                    *log.borrow_mut() += &(line + "\n");
                }
                return log.borrow()[start + at..].to_string();
            }
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => *log.borrow_mut() += &(line + "\n"),
                Err(_) => panic!("watch printed no {what:?} within 60 s:\n{}", log.borrow()),
            }
        }
    };
    // The unchanged document is made as it was sent.
    wait_for("gemaakt in");
    assert_sent_untouched(&p, &before);
    // Back to concept (route 6), a changed text, another document's paths (route 9): refused.
    p.write(FILE, &voorstel("2025.0001", "concept"));
    wait_for("FOUT");
    assert_contains(&normalise(&log.borrow()), "met `status: concept`");
    assert_sent_untouched(&p, &before);
    p.write(FILE, &voorstel("2025.0001", "definitief").replace("Veilige buurten", "Veiligere buurten"));
    wait_for("FOUT");
    assert_sent_untouched(&p, &before);
    // A new nummer (route 1): refused, and nothing written under the new one.
    p.write(FILE, &voorstel("2025.0007", "definitief"));
    wait_for("FOUT");
    assert_contains(&normalise(&log.borrow()), "het nummer is gewijzigd van `2025.0001` in `2025.0007`");
    assert_sent_untouched(&p, &before);
    assert!(!p.path("out/2025/2025.0007-raadsvoorstel.pdf").exists());
}

#[test]
fn concept_then_definitief_is_an_ordinary_build() {
    let p = Scratch::with_samples();
    p.write(FILE, &voorstel("2025.0001", "concept"));
    assert_eq!(p.run(&["build", "--zonder-web", "data/2025"]).code, 0);
    p.write(FILE, &voorstel("2025.0001", "definitief"));
    let check = p.run(&["check", FILE]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(&check.stdout, &format!("in orde  {FILE}"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("herziene versie"), "{run:?}");
    let text = pdf_text(&p.path("out/2025/2025.0001-raadsvoorstel.pdf"));
    assert!(!text.contains("Herziene versie"), "no revision mark on a document never sent");
    assert!(!text.contains("CONCEPT") && !text.contains("Concept"), "{text}");
    for row in manifest(&p)["bestanden"].as_array().unwrap().iter().filter(|r| r["bron"] == FILE) {
        assert_eq!(row["status"], "definitief");
        assert_eq!(row["vorige_sha256"], "", "{row}");
    }
    // Now it is sent: a change is refused.
    p.write(FILE, &voorstel("2025.0001", "definitief").replace("Veilige buurten", "Veiligere buurten"));
    assert_eq!(p.run(&["build", "--zonder-web", "data/2025"]).code, 1);
}

#[test]
fn check_reports_a_new_nummer_of_a_sent_document() {
    let p = sent();
    p.write(FILE, &voorstel("2025.0002", "definitief"));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&check.stdout, &format!("WEIGERT  {FILE}"));
    assert_contains(&normalise(&check.stderr), "het nummer is gewijzigd van `2025.0001` in `2025.0002`");
    assert_contains(&check.stderr, &format!("{FILE}:3:"));
    // A change of data: the build may refuse (check does not typeset).
    p.write(FILE, &voorstel("2025.0001", "definitief").replace("Veilige buurten", "Veiligere buurten"));
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert_contains(&normalise(&check.stderr), "zijn PDF zou kunnen veranderen: data/2025/buurt.yaml gewijzigd");
    // Without a state the PDFs there are taken as sent: said too.
    std::fs::remove_dir_all(p.path("out/.raadsstuk")).unwrap();
    let check = p.run(&["check"]);
    assert_contains(&normalise(&check.stderr), "de toestand in de uitvoermap kent dit document niet");
}

/// The bytes a build wrote to the state, from its `--timings` summary.
fn state_bytes(run: &Run) -> u64 {
    let line = run.stdout.lines().find(|l| l.starts_with("toestand: ")).unwrap_or_else(|| panic!("{run:?}"));
    line.trim_start_matches("toestand: ").split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn the_state_written_per_document_does_not_grow_with_the_project() {
    let per_document = |n: usize| {
        let p = Scratch::with_samples();
        for dir in ["2018", "2019", "2020", "2021", "2022", "2023", "2024"] {
            std::fs::remove_dir_all(p.path(&format!("data/{dir}"))).unwrap();
        }
        for i in 1..=n {
            p.write(&format!("data/2025/voorstel-{i:03}.yaml"), &voorstel(&format!("2025.{i:04}"), "concept"));
        }
        let run = p.run(&["build", "--zonder-web", "--timings"]);
        assert_eq!(run.code, 0, "{run:?}");
        let first = state_bytes(&run) as f64 / n as f64;
        // One more document changed: what is written does not depend on the others.
        p.write("data/2025/voorstel-001.yaml", &voorstel("2025.0001", "concept").replace("Veilige", "Veiliger"));
        let run = p.run(&["build", "--zonder-web", "--timings"]);
        assert_contains(&run.stdout, "1 gemaakt");
        (first, state_bytes(&run) as f64)
    };
    let (small, one_small) = per_document(10);
    let (large, one_large) = per_document(40);
    assert!(large <= small * 1.05, "per document: {small} bytes at 10, {large} at 40");
    assert!(one_large <= one_small * 1.05, "one correction: {one_small} bytes at 10, {one_large} at 40");
}

/// Every record of the state against the files: a finished record's files are there as
/// recorded; a record cut off while its files were replaced allows each file's old or new
/// version (or none, for a file being removed).
pub fn records_match_files(out: &Path) -> Result<(), String> {
    let state = raadsstuk::batch::state::State::read(out);
    for (bron, doc) in &state.documenten {
        let on_disk = |pad: &str| std::fs::read(out.join(pad)).ok().map(|b| raadsstuk::batch::state::sha256(&b));
        for record in doc.uitvoer.iter().chain(&doc.onderweg) {
            let disk = on_disk(&record.pad);
            let ok = if doc.onderweg.is_empty() {
                disk.as_deref() == Some(record.sha256.as_str())
            } else {
                let versions: Vec<&str> = doc
                    .uitvoer
                    .iter()
                    .chain(&doc.onderweg)
                    .filter(|r| r.pad == record.pad)
                    .map(|r| r.sha256.as_str())
                    .collect();
                disk.as_deref().is_none_or(|d| versions.contains(&d))
            };
            if !ok {
                return Err(format!("{bron}: {} is not what its record says", record.pad));
            }
        }
    }
    Ok(())
}

#[test]
fn an_output_folder_of_the_previous_version_keeps_what_it_recorded_as_sent() {
    let p = sent();
    let before = files(&p, "out/2025");
    // The previous version kept one state file: made from the records, which then go.
    let out = p.path("out");
    let state = raadsstuk::batch::state::State::read(&out);
    let legacy = serde_json::json!({ "documenten": state.documenten });
    std::fs::write(out.join(".raadsstuk/state.json"), serde_json::to_vec(&legacy).unwrap()).unwrap();
    std::fs::remove_dir_all(out.join(".raadsstuk/documenten")).unwrap();
    p.write(FILE, &voorstel("2025.0001", "concept"));
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "dit document is als definitief verstuurd");
    assert_sent_untouched(&p, &before);
    assert!(!out.join(".raadsstuk/state.json").exists(), "carried over into records");
    assert!(raadsstuk::batch::state::record_path(&out, FILE).is_file());
}

#[test]
fn the_manifest_says_where_the_raad_takes_a_proposal_up_for_every_file_of_its_set() {
    let p = Scratch::fixture("andere-gemeente");
    let file = "data/2024/raadsvoorstel-buurtpreventie.yaml";
    p.write(
        file,
        &p.read(file).replace(
            "collegevergadering: 2024-09-03\n",
            "collegevergadering: 2024-09-03\nraadsvergadering: 2024-10-17\ncommissie: Bestuur en Veiligheid\nagendapunt: \"7b\"\n",
        ),
    );
    let run = p.run(&["build", "--zonder-web"]);
    assert_eq!(run.code, 0, "{run:?}");
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let rows = manifest["bestanden"].as_array().unwrap();
    let set: Vec<&serde_json::Value> = rows.iter().filter(|r| r["voorstel"] == "BM-2024-017").collect();
    // Voorstel, besluit, bundle and the jaarverslag that is its bijlage.
    assert_eq!(set.len(), 4, "{set:?}");
    for row in set {
        assert_eq!(row["raadsvergadering"], "2024-10-17", "{row}");
        assert_eq!(row["commissie"], "Bestuur en Veiligheid");
        assert_eq!(row["agendapunt"], "7b");
    }
    let csv = p.read("out/manifest.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.contains(";raadsvergadering;commissie;agendapunt;"), "{header}");
    assert!(csv.lines().filter(|l| l.contains(";2024-10-17;Bestuur en Veiligheid;7b;")).count() == 4, "{csv}");
    // Unknown: empty.
    assert!(rows.iter().filter(|r| r["voorstel"] != "BM-2024-017").all(|r| r["raadsvergadering"] == ""));
}

#[test]
fn a_definitief_proposal_holds_no_concept() {
    let p = Scratch::with_samples();
    let kadernota = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    p.write(kadernota, &p.read(kadernota).replace("status: definitief", "status: concept"));
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    let line = p.read(file).lines().position(|l| l.contains(&format!("bestand: {kadernota}"))).unwrap() + 1;
    assert_contains(&run.stderr, &format!("{file}:{line}:"));
    assert_contains(
        &normalise(&run.stderr),
        &format!("de bijlage `{kadernota}` is nog een concept, maar dit document is definitief"),
    );
}

#[test]
fn a_bijlage_of_two_proposals_is_adopted_with_the_one_the_manifest_names() {
    let p = Scratch::with_samples();
    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    // A second proposal with the same Kadernota, adopted; the first (lower nummer) is not.
    p.write(
        "data/2018/raadsvoorstel-twee.yaml",
        &p.read(file).replace("nummer: \"2018.0042544\"", "nummer: \"2018.0099999\"").replacen(
            "raadsvergadering:\n",
            "raadsvergadering:\nvastgesteld: { datum: 2019-01-10, door: raad }\n",
            1,
        ),
    );
    assert_eq!(p.run(&["build"]).code, 0);
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let row = manifest["bestanden"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["pad"] == "2018/kadernota-integrale-veiligheid-2018-2022.pdf")
        .unwrap()
        .clone();
    assert_eq!(row["voorstel"], "2018.0042544");
    assert_eq!(row["vastgesteld"], "");
    let page = p.read("out/web/2018/kadernota-integrale-veiligheid-2018-2022.html");
    assert!(!page.contains("Vastgesteld door"), "the page and the manifest disagree");
    let sitemap = p.read("out/web/sitemap.xml");
    let entry = sitemap.split("<url>").find(|u| u.contains("<loc>2018/kadernota")).unwrap();
    assert!(!entry.contains(">vaststelling<"), "{entry}");
}
