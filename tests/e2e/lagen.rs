//! The code's stages import one way only: each folder of `src/` may use the ones below it,
//! never one above (README, *Architecture*). A backward import fails here with its file and
//! line.

use crate::common::*;

/// The stages from the ground up; a file may use its own stage and the ones before it.
const LAGEN: &[&[&str]] = &[
    &["diagnostics"],
    &["domain"],
    &["source"],
    &["kinds"],
    &["output"],
    &["batch"],
    &["session"],
    &["scaffold", "watch"],
    &["lib", "main"],
];

fn laag(module: &str) -> Option<usize> {
    LAGEN.iter().position(|l| l.contains(&module))
}

#[test]
fn imports_run_one_way_from_the_ground_up() {
    let src = repo().join("src");
    let mut backward = Vec::new();
    let mut files = 0;
    for file in walk(&src) {
        if file.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let own = relative.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        let own_laag = laag(&own).unwrap_or_else(|| panic!("src/{relative}: a stage of its own? add it to LAGEN"));
        let text = std::fs::read_to_string(&file).unwrap();
        // A file's tests (at its end) may use any stage: they test it with real inputs.
        for (n, line) in text.lines().enumerate().take_while(|(_, l)| l.trim() != "#[cfg(test)]") {
            let code = line.split("//").next().unwrap();
            for (at, _) in code.match_indices("crate::") {
                let target: String =
                    code[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if let Some(l) = laag(&target)
                    && l > own_laag
                {
                    backward.push(format!("src/{relative}:{}: {own} uses {target}", n + 1));
                }
            }
        }
    }
    assert!(files > 50, "{files} source files");
    assert!(backward.is_empty(), "imports against the stages' order:\n{}", backward.join("\n"));
}
