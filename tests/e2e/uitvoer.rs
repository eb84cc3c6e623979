//! The outputs of the samples and both fixtures, held to a committed digest: a reshaping of the
//! code must leave every PDF and every file of the site byte for byte as it was. When a change
//! is meant to alter them, run with `RAADSSTUK_UITVOER=bijwerken` and say why in the commit.

use sha2::{Digest, Sha256};

use crate::common::*;

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

    fn document(
        &self,
        _session: &raadsstuk::session::Session,
        loaded: &raadsstuk::session::Loaded,
    ) -> Result<Vec<(String, Vec<u8>)>, raadsstuk::diagnostics::Problems> {
        self.documenten.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let line = format!("{}\t{:?}\n", loaded.document.soort(), loaded.document.status());
        Ok(vec![(format!("regels/{}.txt", loaded.file.relative.replace('/', "_")), line.into_bytes())])
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
        std::fs::write(&file, text.replace("status: definitief", "status: concept")).unwrap();
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

    fn document(
        &self,
        _session: &raadsstuk::session::Session,
        loaded: &raadsstuk::session::Loaded,
    ) -> Result<Vec<(String, Vec<u8>)>, raadsstuk::diagnostics::Problems> {
        if loaded.document.soort() == "kadernota" {
            return Err(raadsstuk::diagnostics::Diagnostic::new(&loaded.file.relative, "deze uitvoer weigert").into());
        }
        // Elsewhere it would write outside the output folder: refused too.
        Ok(vec![("../buiten.txt".into(), Vec::new())])
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
    // A file outside the output folder is refused, for any document.
    let jv = vec![raadsstuk::session::document_file("data/2019/jaarverslag-veiligheid.yaml").unwrap()];
    let batch = open().with_output(&WEIGERT).build_all(&jv, &options, &|_| {});
    match &batch.documents[0].outcome {
        raadsstuk::session::Outcome::Failed(p) => assert_contains(&p.to_string(), "buiten de uitvoermap"),
        other => panic!("{other:?}"),
    }
    assert!(!p.root.parent().unwrap().join("out/buiten.txt").exists() && !p.path("buiten.txt").exists());
}
