//! The outputs of the samples and both fixtures, held to a committed digest: a reshaping of the
//! code must leave every PDF and every file of the site byte for byte as it was. When a change
//! is meant to alter them, run with `RAADSSTUK_UITVOER=bijwerken` and say why in the commit.

use sha2::{Digest, Sha256};

use crate::common::*;
use raadsstuk::session::outputs::{Bestand, DocumentRun, Made};

const DIGEST: &str = "tests/fixtures/uitvoer.sha256";

#[test]
fn every_output_is_as_the_committed_digest_says() {
    let mut lines = Vec::new();
    for (name, p) in [
        ("voorbeeld", Scratch::with_samples()),
        ("andere-gemeente", Scratch::fixture("andere-gemeente")),
        ("velsen", Scratch::fixture("velsen")),
    ] {
        let run = p.run(&["build", "--out", "out"]);
        assert_eq!(run.code, 0, "{name}: {run:?}");
        let out = p.path("out");
        for file in walk(&out) {
            let relative = file.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
            // The state is the build's own bookkeeping, not an output.
            if relative.starts_with(".raadsstuk/") {
                continue;
            }
            let hash = Sha256::digest(std::fs::read(&file).unwrap());
            let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
            lines.push(format!("{hex}  {name}/{relative}"));
        }
    }
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    let made = lines.join("\n") + "\n";
    let path = repo().join(DIGEST);
    if std::env::var("RAADSSTUK_UITVOER").is_ok_and(|v| v == "bijwerken") {
        std::fs::write(&path, &made).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let differ: Vec<String> = {
        let old: std::collections::BTreeMap<&str, &str> =
            committed.lines().filter_map(|l| l.split_once("  ").map(|(h, p)| (p, h))).collect();
        let new: std::collections::BTreeMap<&str, &str> =
            made.lines().filter_map(|l| l.split_once("  ").map(|(h, p)| (p, h))).collect();
        old.keys()
            .chain(new.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|k| old.get(*k) != new.get(*k))
            .map(|k| {
                let how = match (old.contains_key(k), new.contains_key(k)) {
                    (true, false) => "no longer made",
                    (false, true) => "new",
                    _ => "changed",
                };
                format!("{k}: {how}")
            })
            .collect()
    };
    assert!(
        differ.is_empty(),
        "{} output file(s) differ from {DIGEST} (if meant: RAADSSTUK_UITVOER=bijwerken, and say why in the commit):\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// An output defined here, outside raadsstuk: a line per document into a text file beside its
/// PDFs, and once per run a list of every document. It counts how often it runs.
struct Regels {
    documenten: std::sync::atomic::AtomicUsize,
}

static REGELS: Regels = Regels { documenten: std::sync::atomic::AtomicUsize::new(0) };

impl raadsstuk::session::outputs::Output for Regels {
    fn naam(&self) -> &'static str {
        "regels"
    }

    fn document(&self, doc: &DocumentRun) -> Result<Made, raadsstuk::diagnostics::Problems> {
        self.documenten.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let loaded = doc.loaded;
        let line = format!("{}\t{:?}\n", loaded.document.soort(), loaded.document.status());
        let pad = format!("regels/{}.txt", loaded.file.relative.replace('/', "_"));
        Ok(Made::bestanden(vec![Bestand::new(pad, line.into_bytes())]))
    }

    fn run(&self, _session: &raadsstuk::session::Session, run: &mut raadsstuk::session::outputs::RunContext) {
        let list: String = run.state.documenten.keys().map(|d| format!("{d}\n")).collect();
        std::fs::write(run.options.out_dir.join("documenten.txt"), list).unwrap();
    }
}

/// An output is one implementation, registered with one line; it runs per document only for
/// the documents a build makes, so an unchanged document does not run it again.
#[test]
fn an_output_defined_outside_raadsstuk_runs_for_what_is_built_and_once_per_run() {
    use std::sync::atomic::Ordering;
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, als_concept(&text)).unwrap();
    }
    let open = || {
        raadsstuk::session::Session::open(raadsstuk::source::project::Project::open(&p.root).unwrap())
            .unwrap()
            .with_output(&REGELS)
    };
    let options = raadsstuk::session::BuildOptions { web: true, force: false, jobs: 2, ..layout_options(&p) };
    let session = open();
    let docs = session.project.documents().unwrap();
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(batch.ok());
    assert_eq!(REGELS.documenten.load(Ordering::SeqCst), docs.len(), "once for each document");
    assert_eq!(p.read("out/regels/data_2024_begrotingsboek.yaml.txt"), "begrotingsboek\tConcept\n");
    assert_eq!(p.read("out/documenten.txt").lines().count(), docs.len());
    // The manifest still comes last and lists the site.
    assert_contains(&p.read("out/manifest.json"), "web/index.html");
    // Nothing changed: it does not run for any document.
    let session = open();
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(batch.ok());
    assert_eq!(REGELS.documenten.load(Ordering::SeqCst), docs.len());
    // One corrected realisatie: it runs for the documents made again, and only those.
    let file = "data/2021/jaarverslag-veiligheid.yaml";
    p.write(file, &p.read(file).replacen("realisatie: 310", "realisatie: 312", 1));
    let session = open();
    let batch = session.build_all(&docs, &options, &|_| {});
    let built =
        batch.documents.iter().filter(|d| matches!(d.outcome, raadsstuk::session::Outcome::Built { .. })).count();
    assert!(built >= 1 && built < docs.len(), "{built}");
    assert_eq!(REGELS.documenten.load(Ordering::SeqCst), docs.len() + built);
}

/// An output that fails for a document fails that document before anything of it is replaced:
/// its PDF stays the one the state records.
struct Weigert;
static WEIGERT: Weigert = Weigert;

impl raadsstuk::session::outputs::Output for Weigert {
    fn naam(&self) -> &'static str {
        "weigert"
    }

    fn document(&self, doc: &DocumentRun) -> Result<Made, raadsstuk::diagnostics::Problems> {
        let loaded = doc.loaded;
        if loaded.document.soort() == "kadernota" {
            return Err(raadsstuk::diagnostics::Diagnostic::new(&loaded.file.relative, "deze uitvoer weigert").into());
        }
        // A jaarverslag's PDF is the PDF output's: refused.
        if loaded.document.soort() == "jaarverslag" {
            let pad = format!("{}/{}.pdf", loaded.file.jaar, raadsstuk::kinds::document_stem(&loaded.file));
            return Ok(Made::bestanden(vec![Bestand::new(pad, Vec::new())]));
        }
        // Elsewhere it would write outside the output folder: refused too.
        Ok(Made::bestanden(vec![Bestand::new("../buiten.txt", Vec::new())]))
    }
}

#[test]
fn an_output_that_fails_for_a_document_changes_nothing_of_it() {
    let p = Scratch::with_samples();
    let file = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));
    let docs = vec![raadsstuk::session::document_file(file).unwrap()];
    let options = raadsstuk::session::BuildOptions { force: false, ..layout_options(&p) };
    let open =
        || raadsstuk::session::Session::open(raadsstuk::source::project::Project::open(&p.root).unwrap()).unwrap();
    assert!(open().build_all(&docs, &options, &|_| {}).ok());
    let pdf = p.path("out/2018/kadernota-integrale-veiligheid-2018-2022.pdf");
    let before = std::fs::read(&pdf).unwrap();
    p.write(
        file,
        &p.read(file).replacen("Kadernota Integrale Veiligheid", "Kadernota Integrale Veiligheid (gewijzigd)", 1),
    );
    let batch = open().with_output(&WEIGERT).build_all(&docs, &options, &|_| {});
    assert!(!batch.ok());
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the PDF the state records stays");
    match &batch.documents[0].outcome {
        raadsstuk::session::Outcome::Failed(p) => assert_contains(&p.to_string(), "deze uitvoer weigert"),
        other => panic!("{other:?}"),
    }
    // A file outside the output folder is refused, for any document; so is a file another
    // output makes.
    let doc = vec![raadsstuk::session::document_file("data/2024/programmabegroting-bestuur.yaml").unwrap()];
    let batch = open().with_output(&WEIGERT).build_all(&doc, &options, &|_| {});
    match &batch.documents[0].outcome {
        raadsstuk::session::Outcome::Failed(p) => assert_contains(&p.to_string(), "buiten de uitvoermap"),
        other => panic!("{other:?}"),
    }
    let jv = vec![raadsstuk::session::document_file("data/2019/jaarverslag-veiligheid.yaml").unwrap()];
    let batch = open().with_output(&WEIGERT).build_all(&jv, &options, &|_| {});
    match &batch.documents[0].outcome {
        raadsstuk::session::Outcome::Failed(p) => assert_contains(
            &p.to_string(),
            "de uitvoer pdf en de uitvoer weigert maken allebei 2019/jaarverslag-veiligheid.pdf",
        ),
        other => panic!("{other:?}"),
    }
    assert!(!p.root.parent().unwrap().join("out/buiten.txt").exists() && !p.path("buiten.txt").exists());
}

/// An output that this test switches on and off, and that makes a file per document only while
/// `maakt` says so.
struct Schakel {
    aan: std::sync::atomic::AtomicBool,
    maakt: std::sync::atomic::AtomicBool,
}

static SCHAKEL: Schakel =
    Schakel { aan: std::sync::atomic::AtomicBool::new(false), maakt: std::sync::atomic::AtomicBool::new(true) };

impl raadsstuk::session::outputs::Output for Schakel {
    fn naam(&self) -> &'static str {
        "schakel"
    }

    fn aan(&self, _options: &raadsstuk::session::BuildOptions) -> bool {
        self.aan.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn document(&self, doc: &DocumentRun) -> Result<Made, raadsstuk::diagnostics::Problems> {
        if !self.maakt.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(Made::default());
        }
        Ok(Made::bestanden(vec![Bestand::new("schakel/een.txt", doc.loaded.file.relative.clone().into_bytes())]))
    }
}

/// An output's files of a document are in the state like the PDFs: one deleted is made again,
/// one no longer made is removed; and a document is built again when an output with a part per
/// document is switched on or off, so that the output runs for it (or its files go).
#[test]
fn an_outputs_files_are_recorded_and_switching_it_on_or_off_builds_again() {
    use std::sync::atomic::Ordering;
    let p = Scratch::with_samples();
    let file = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    p.write(file, &p.read(file).replace("status: definitief", "status: concept"));
    let docs = vec![raadsstuk::session::document_file(file).unwrap()];
    let open = || {
        raadsstuk::session::Session::open(raadsstuk::source::project::Project::open(&p.root).unwrap())
            .unwrap()
            .with_output(&SCHAKEL)
    };
    let build = |options: &raadsstuk::session::BuildOptions| {
        let batch = open().build_all(&docs, options, &|_| {});
        assert!(batch.ok(), "{:?}", batch.problemen);
        match &batch.documents[0].outcome {
            raadsstuk::session::Outcome::Built { redenen, .. } => redenen.join("; "),
            raadsstuk::session::Outcome::Unchanged { .. } => "ongewijzigd".to_string(),
            other => panic!("{other:?}"),
        }
    };
    let options = raadsstuk::session::BuildOptions { force: false, ..layout_options(&p) };
    let made = p.path("out/schakel/een.txt");
    build(&options);
    assert!(!made.exists(), "off: nothing made");
    assert_eq!(build(&options), "ongewijzigd");
    SCHAKEL.aan.store(true, Ordering::SeqCst);
    assert_eq!(build(&options), "uitvoer schakel staat aan");
    assert_eq!(std::fs::read_to_string(&made).unwrap(), file);
    assert_eq!(build(&options), "ongewijzigd");
    std::fs::remove_file(&made).unwrap();
    assert_eq!(build(&options), "schakel/een.txt ontbreekt of is veranderd");
    assert!(made.exists(), "made again");
    // No longer made: removed, as a PDF the document no longer makes is.
    SCHAKEL.maakt.store(false, Ordering::SeqCst);
    build(&raadsstuk::session::BuildOptions { force: true, ..options.clone() });
    assert!(!made.exists(), "removed when no longer made");
    SCHAKEL.maakt.store(true, Ordering::SeqCst);
    build(&raadsstuk::session::BuildOptions { force: true, ..options.clone() });
    assert!(made.exists());
    SCHAKEL.aan.store(false, Ordering::SeqCst);
    assert_eq!(build(&options), "uitvoer schakel staat uit");
    assert!(!made.exists(), "switched off: its files go");
    // The manifest lists the distribution set only.
    assert!(!p.read("out/manifest.json").contains("schakel"));
}

/// A defect (a panic) in an output's part per run is the run's problem: the outputs after it,
/// the manifest among them, are still made.
struct Crasht;
static CRASHT: Crasht = Crasht;

impl raadsstuk::session::outputs::Output for Crasht {
    fn naam(&self) -> &'static str {
        "crasht"
    }

    fn per_document(&self) -> bool {
        false
    }

    fn run(&self, _session: &raadsstuk::session::Session, _run: &mut raadsstuk::session::outputs::RunContext) {
        panic!("kapot");
    }
}

#[test]
fn an_output_that_panics_is_the_runs_problem_and_the_manifest_is_still_made() {
    let p = Scratch::with_samples();
    let docs = vec![raadsstuk::session::document_file("data/2019/jaarverslag-veiligheid.yaml").unwrap()];
    let session = raadsstuk::session::Session::open(raadsstuk::source::project::Project::open(&p.root).unwrap())
        .unwrap()
        .with_output(&CRASHT);
    let batch = session.build_all(&docs, &layout_options(&p), &|_| {});
    assert!(!batch.ok());
    let problems: Vec<String> = batch.problemen.iter().map(|d| d.message.clone()).collect();
    assert_eq!(problems, ["interne fout in de uitvoer crasht: kapot"]);
    assert!(matches!(batch.documents[0].outcome, raadsstuk::session::Outcome::Built { .. }));
    assert_contains(&p.read("out/manifest.json"), "2019/jaarverslag-veiligheid");
}
