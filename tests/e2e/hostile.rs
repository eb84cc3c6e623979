//! Text that looks like Typst code prints literally and executes nothing.

use crate::common::*;

const SAMPLE: &str = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";

/// Strings that would do something if they reached Typst unescaped.
const HOSTILE: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    r#"#read("../geheim.txt")"#,
    "$x$",
    "*a*",
    "_b_",
    "<c>",
    "@d",
    "// e",
    "= f",
    r"\",
    "]",
    r#"#import "@preview/x:0.1.0""#,
    "#{ panic() }",
    "[#set page(width: 1cm)]",
    "`raw` ~ -- --- ... 1. + -",
];

fn yaml_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn hostile_strings_print_literally_in_plain_and_markdown_fields() {
    let p = Scratch::with_samples();
    std::fs::write(p.outside().join("geheim.txt"), "GEHEIME-INHOUD").unwrap();
    let mut yaml = p.read(SAMPLE);
    let joined = HOSTILE.join(" | ");
    yaml = yaml.replace(
        "onderwerp: Kadernota Integrale Veiligheid 2018-2022",
        &format!("onderwerp: {}", yaml_quoted(&joined)),
    );
    // Each hostile string as its own Markdown paragraph, where `= f` starts a line.
    let markdown: String = HOSTILE.iter().map(|h| format!("      {h}\n\n")).collect();
    yaml = yaml.replace(
        "  - vraag: Wie is daarvoor verantwoordelijk?\n    antwoord: |\n",
        &format!("  - vraag: Wie is daarvoor verantwoordelijk?\n    antwoord: |\n{markdown}"),
    );
    p.write(SAMPLE, &yaml);

    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path("out/2018/2018.0042544-raadsvoorstel.pdf"));
    // In the plain field every string is literal.
    assert_contains(&text, &normalise(&joined));
    // In the Markdown field, what Markdown leaves as text is literal; Markdown's own syntax
    // (`*a*`, `_b_`, backticks, a lone backslash) is interpreted as Markdown, not as Typst.
    for h in [
        r#"#read("/etc/passwd")"#,
        r#"#read("../geheim.txt")"#,
        "$x$",
        "<c>",
        "@d",
        "// e",
        "= f",
        "]",
        r#"#import "@preview/x:0.1.0""#,
        "#{ panic() }",
        "[#set page(width: 1cm)]",
    ] {
        assert_contains(&text, h);
    }
    assert!(!text.contains("GEHEIME-INHOUD"), "a file outside the project was read");
    assert!(!text.contains("root:x:0"), "/etc/passwd was read");
    // The page size was not changed by the injected set rule.
    let raadsbesluit = pdf_text(&p.path("out/2018/2018.0042544-raadsbesluit.pdf"));
    assert_contains(&raadsbesluit, &normalise(&joined));
}

#[test]
fn the_typst_world_cannot_leave_the_project() {
    use raadsstuk::output::typeset::{Job, Typesetter};
    use raadsstuk::source::project::Project;
    use std::collections::HashMap;

    let p = Scratch::with_samples();
    std::fs::write(p.outside().join("geheim.txt"), "GEHEIME-INHOUD").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.outside().join("geheim.txt"), p.path("data/link.txt")).unwrap();
    std::fs::write(p.path("data/binnen.txt"), "BINNEN").unwrap();

    let project = Project::open(&p.root).unwrap();
    let typesetter = Typesetter::new(&p.path("fonts")).unwrap();
    let compile = |source: &str| {
        let job = Job {
            source: format!("#set document(title: \"t\")\n#set text(lang: \"nl\")\n{source}"),
            template: "test".into(),
            virtual_files: HashMap::new(),
            project: &project,
            date: chrono::NaiveDate::from_ymd_opt(2018, 7, 16).unwrap(),
            ident: "test".into(),
            locate: None,
            reads: None,
        };
        typesetter.typeset(&job)
    };
    // Inside the project, reading works (templates may read a logo).
    if let Err(e) = compile("#read(\"/data/binnen.txt\")") {
        panic!("reading inside the project failed: {e}");
    }
    // `..`, an absolute host path (resolved inside the root, where it does not exist), a
    // symlink out, and packages all fail.
    for (source, why) in [
        ("#read(\"../geheim.txt\")", ""),
        ("#read(\"/etc/passwd\")", "bestaat niet"),
        ("#read(\"/data/link.txt\")", "buiten de projectmap"),
        ("#import \"@preview/x:0.1.0\": *", "geen netwerk"),
    ] {
        let problems = match compile(source) {
            Ok(_) => panic!("{source} compiled"),
            Err(p) => p,
        };
        let all = problems.to_string();
        assert!(all.contains(why), "{source}: {all}");
    }
}
