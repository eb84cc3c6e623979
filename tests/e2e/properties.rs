//! Property tests for the Typst escaping and the Markdown conversion: for arbitrary strings, the
//! generated source compiles, and the PDF's text holds what the input shows.
//!
//! `PROPTEST_CASES=5000 cargo test --test e2e properties` runs more cases than the default 128.

use std::collections::HashMap;
use std::sync::OnceLock;

use proptest::prelude::*;
use raadsstuk::output::markup;
use raadsstuk::output::typeset::{Job, Typesetter};
use raadsstuk::source::project::Project;

use crate::common::*;

/// One typesetter for every case (loading fonts per case would only slow the test down).
fn typesetter() -> &'static (Typesetter, Project) {
    static T: OnceLock<(Typesetter, Project)> = OnceLock::new();
    T.get_or_init(|| (Typesetter::new(&repo().join("fonts")).unwrap(), Project::open(&repo()).unwrap()))
}

/// Typesets `body` (Typst markup) and returns the PDF's text, or the compile errors.
fn typeset(body: &str) -> Result<String, String> {
    let (typesetter, project) = typesetter();
    let job = Job {
        source: format!("#set document(title: \"eigenschap\")\n#set text(lang: \"nl\", font: \"Lato\")\n{body}\n"),
        template: "eigenschap".into(),
        virtual_files: HashMap::new(),
        project,
        date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        // One fixed ident for every case: a long history of different sources under one
        // document identity must never give stale output.
        ident: "eigenschap".into(),
        locate: None,
        reads: None,
    };
    let pdf = typesetter.typeset(&job).map_err(|p| p.to_string())?;
    pdf_extract::extract_text_from_mem(&pdf.pdf).map_err(|e| e.to_string())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128)
}

/// Printable ASCII (every Typst metacharacter included), Dutch letters, typographic punctuation,
/// tabs and newlines.
const TEXT: &str = "[ -~\t\nàáâäèéêëïíóöüúçÀÉËÏÖÜĲĳ€–—‘’“”…]{0,60}";

fn visible(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}').collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn escaped_text_compiles_and_prints_exactly(input in TEXT) {
        let text = typeset(&markup::escape_inline(&input)).map_err(TestCaseError::fail)?;
        // Control characters are dropped and line breaks become spaces; every visible character
        // comes back, in order.
        let expected: String = visible(&input).chars().filter(|c| !c.is_control()).collect();
        prop_assert_eq!(visible(&text), expected);
    }

    #[test]
    fn string_literals_compile_and_print_exactly(input in TEXT) {
        let text = typeset(&format!("#text({})", markup::string_literal(&input))).map_err(TestCaseError::fail)?;
        let expected: String = visible(&input).chars().filter(|c| !c.is_control()).collect();
        prop_assert_eq!(visible(&text), expected);
    }

    /// Markdown syntax is interpreted, so the property is on the letters: every letter of the
    /// input is shown, in order. (Brackets, parentheses and `&` are left out of the input: link
    /// destinations, reference definitions and entities legitimately hide letters.)
    #[test]
    fn markdown_compiles_and_keeps_every_letter(input in "[ -%'*-Z\\\\^-~\t\nàäëïöüé€–]{0,80}") {
        let text = typeset(&markup::markdown(&input)).map_err(TestCaseError::fail)?;
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
        prop_assert_eq!(letters(&text), letters(&input));
    }
}
