//! Faults: a build killed at any moment, a disk that fills halfway, state or manifest that
//! cannot be written. After each, what is on disk is a set the griffie can trust.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A small raadsvoorstel (three PDFs: voorstel, besluit, bundel).
fn voorstel(nummer: &str) -> String {
    format!(
        "soort: raadsvoorstel\nstatus: concept\nnummer: \"{nummer}\"\nonderwerp: Buurtpreventie {nummer}\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: Veilige buurten, met hulp van de bewoners.\nvoorstel:\n  besluitpunten:\n    - tekst: het plan buurtpreventie vast te stellen\n"
    )
}

/// The sample project as concept (so every document may change), with 28 raadsvoorstellen
/// more: 50 documents.
fn corpus() -> Scratch {
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap();
        if text.contains("status: definitief") {
            std::fs::write(&file, als_concept(&text)).unwrap();
        }
    }
    for n in 1..=28 {
        p.write(&format!("data/2025/voorstel-{n:02}.yaml"), &voorstel(&format!("2025.{n:04}")));
    }
    p
}

/// Two versions of the data that change every document: the gemeente's name.
fn variant(p: &Scratch, second: bool) {
    let gemeente = p.read("data/gemeente.yaml");
    let (from, to) = if second {
        ("naam: Haarlemmermeer\n", "naam: Haarlemmermeer-Zuid\n")
    } else {
        ("naam: Haarlemmermeer-Zuid\n", "naam: Haarlemmermeer\n")
    };
    p.write("data/gemeente.yaml", &gemeente.replace(from, to));
}

/// Every file of an output folder (the lock aside, which only a build holds), with its bytes.
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(out)
        .into_iter()
        .map(|f| (f.strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/"), f))
        .filter(|(name, _)| name != ".raadsstuk/lock")
        .map(|(name, f)| (name, std::fs::read(f).unwrap()))
        .collect()
}

/// What must hold of an output folder whenever no build runs: every PDF whole, manifest and
/// state readable; after a finished build (`exact`) also no temporary files, and the manifest
/// and state describing the files byte for byte.
pub fn consistent(out: &Path, exact: bool) -> Result<(), String> {
    let all = files(out);
    // A kill can leave a half-written temporary file (nothing runs after SIGKILL): never a
    // half-written PDF, and the next build removes it.
    if let Some(tmp) = all.keys().find(|k| k.contains(".raadsstuk-")).filter(|_| exact) {
        return Err(format!("temporary file left: {tmp}"));
    }
    for (name, bytes) in all.iter().filter(|(k, _)| k.ends_with(".pdf")) {
        let doc = lopdf::Document::load_mem(bytes).map_err(|e| format!("{name} is no whole PDF: {e}"))?;
        if doc.get_pages().is_empty() {
            return Err(format!("{name} has no pages"));
        }
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&all["manifest.json"]).map_err(|e| format!("manifest.json: {e}"))?;
    // The state's records match the files after any kill (the manifest after the next build).
    crate::verstuurd::records_match_files(out)?;
    // Every record is whole (a temporary file beside them may be half-written: the next build
    // removes it).
    let records = all.iter().filter(|(k, _)| k.starts_with(".raadsstuk/documenten/") && k.ends_with(".json"));
    for (name, bytes) in records.filter(|(k, _)| !k.contains("/.raadsstuk-")) {
        serde_json::from_slice::<serde_json::Value>(bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    if !exact {
        return Ok(());
    }
    let state = raadsstuk::batch::state::State::read(out);
    if state.documenten.values().any(|d| !d.onderweg.is_empty()) {
        return Err("a record still has files being written after a finished build".into());
    }
    let listed: Vec<serde_json::Value> = manifest["bestanden"].as_array().unwrap().to_vec();
    let in_state: Vec<serde_json::Value> =
        state.documenten.values().flat_map(|d| &d.uitvoer).map(|r| serde_json::to_value(r).unwrap()).collect();
    for record in listed.iter().chain(&in_state) {
        let pad = record["pad"].as_str().unwrap();
        let bytes = all.get(pad).ok_or(format!("{pad} is listed but not there"))?;
        if raadsstuk::batch::state::sha256(bytes) != record["sha256"].as_str().unwrap()
            || bytes.len() as u64 != record["bytes"].as_u64().unwrap()
        {
            return Err(format!("{pad} is not the file the manifest or state describes"));
        }
    }
    let pdfs = all.keys().filter(|k| k.ends_with(".pdf")).count();
    if pdfs != listed.len() {
        return Err(format!("{pdfs} PDFs on disk, {} in the manifest", listed.len()));
    }
    Ok(())
}

/// A tiny deterministic generator: the moments are random, and reproducible from the seed.
fn next(seed: &mut u64) -> f64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (*seed >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn a_build_killed_at_twenty_random_moments_always_leaves_a_set_that_a_rebuild_makes_whole() {
    let p = corpus();
    // The clean builds to compare with, one per version of the data.
    let mut reference = Vec::new();
    let mut seconds: f64 = f64::MAX;
    for second in [false, true] {
        variant(&p, second);
        let out = format!("schoon-{}", u8::from(second));
        let started = Instant::now();
        let run = p.run(&["build", "--out", &out, "-j", "2"]);
        seconds = seconds.min(started.elapsed().as_secs_f64());
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.stdout.contains("50 documenten: 50 gemaakt"), "{run:?}");
        consistent(&p.path(&out), true).unwrap();
        reference.push(files(&p.path(&out)));
    }
    variant(&p, false);
    assert_eq!(p.run(&["build", "-j", "2"]).code, 0);

    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let start_seed = seed;
    let mut second = false;
    let mut killed_mid_build = 0;
    for round in 1..=20 {
        second = !second;
        variant(&p, second);
        // Within the shorter clean build (the machine may be busier or quieter later on).
        let moment = Duration::from_secs_f64((0.02 + 0.7 * next(&mut seed)) * seconds);
        let mut child = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
            .args(["build", "-j", "2"])
            .current_dir(&p.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(moment);
        if child.try_wait().unwrap().is_none() {
            killed_mid_build += 1;
        }
        child.kill().unwrap(); // SIGKILL: nothing of ours runs after it
        child.wait().unwrap();
        let context = format!("round {round}, killed after {:.2} s (seed {start_seed})", moment.as_secs_f64());
        consistent(&p.path("out"), false).unwrap_or_else(|e| panic!("{context}, before the rebuild: {e}"));

        let run = p.run(&["build", "-j", "2"]);
        assert_eq!(run.code, 0, "{context}: {run:?}");
        consistent(&p.path("out"), true).unwrap_or_else(|e| panic!("{context}, after the rebuild: {e}"));
        let now = files(&p.path("out"));
        let expected = &reference[usize::from(second)];
        let differ: Vec<&String> =
            expected.keys().chain(now.keys()).filter(|k| expected.get(*k) != now.get(*k)).collect();
        assert!(differ.is_empty(), "{context}: differs from a clean build: {differ:?}");
    }
    // The moments fell inside the builds, not all after them.
    assert!(killed_mid_build >= 8, "only {killed_mid_build} of 20 kills hit a running build (seed {start_seed})");
}

#[test]
fn a_disk_that_fills_halfway_through_a_document_leaves_its_previous_set_whole() {
    let p = Scratch::with_samples();
    let file = "data/2025/buurt.yaml";
    p.write(file, &voorstel("2025.0001"));
    assert_eq!(p.run(&["build", file]).code, 0);
    let before = files(&p.path("out/2025"));
    let sizes: Vec<usize> = before.values().map(Vec::len).collect();
    let (smallest, largest) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
    // Room for the smaller files of the document, not for its largest (the bundle): the disk is
    // full halfway through. `ulimit -f` counts in blocks of 1024 bytes; the signal it sends is
    // ignored, so writing fails with "file too large" as on a full disk.
    let blocks = (smallest + largest) / 2 / 1024;
    p.write(file, &voorstel("2025.0001").replace("Veilige buurten", "Veiligere buurten"));
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" build {file}"))
        .arg(env!("CARGO_BIN_EXE_raadsstuk"))
        .current_dir(&p.root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_contains(&stderr, "bestand niet te schrijven");
    assert_contains(&stderr, "de vorige bestanden van dit document blijven staan");
    assert_eq!(files(&p.path("out/2025")), before, "the whole previous set stays, no file of it is new");
    consistent(&p.path("out"), true).unwrap();
    // With room again, the new set is written whole.
    assert_eq!(p.run(&["build", file]).code, 0);
    assert_contains(&pdf_text(&p.path("out/2025/2025.0001-raadsvoorstel.pdf")), "Veiligere buurten");
    consistent(&p.path("out"), true).unwrap();
}

#[test]
fn a_manifest_or_state_that_cannot_be_written_fails_the_build() {
    let p = Scratch::with_samples();
    let file = "data/2025/buurt.yaml";
    p.write(file, &voorstel("2025.0001"));
    // Something in the way of the manifest: a folder with its name.
    std::fs::create_dir_all(p.path("out/manifest.json/bezet")).unwrap();
    let run = p.run(&["build", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "het manifest is niet te schrijven");
    assert_eq!(run.stderr.matches("het manifest is niet te schrijven").count(), 1, "said once: {run:?}");
    std::fs::remove_dir_all(p.path("out/manifest.json")).unwrap();
    // Something in the way of the document's record: a folder with its name.
    let record = raadsstuk::batch::state::record_path(&p.path("out"), file);
    std::fs::remove_file(&record).unwrap();
    std::fs::create_dir_all(record.join("bezet")).unwrap();
    p.write(file, &voorstel("2025.0001").replace("Veilige", "Veiliger"));
    let run = p.run(&["build", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "de toestand van de build is niet te schrijven");
}
