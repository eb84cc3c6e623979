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
