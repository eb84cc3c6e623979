//! Broken input: every error names the file and the line, exits 1, and leaves the previous
//! PDFs exactly as they were.

use crate::common::*;

const SAMPLE: &str = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
const RV: &str = "out/2018/2018.0042544-raadsvoorstel.pdf";
const RB: &str = "out/2018/2018.0042544-raadsbesluit.pdf";

/// Builds the good sample, breaks it with `edit`, builds again and checks the report.
fn broken(edit: impl Fn(&str) -> String, line: usize, message: &str) {
    let p = Scratch::with_samples();
    let first = p.run(&["build"]);
    assert_eq!(first.code, 0, "{first:?}");
    let before_rv = std::fs::read(p.path(RV)).unwrap();
    let before_rb = std::fs::read(p.path(RB)).unwrap();
    let mtime = std::fs::metadata(p.path(RV)).unwrap().modified().unwrap();

    let good = p.read(SAMPLE);
    let bad = edit(&good);
    assert_ne!(good, bad, "the edit must change the file");
    p.write(SAMPLE, &bad);

    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    let location = format!("{SAMPLE}:{line}:");
    assert_contains(&run.stderr, &location);
    assert_contains(&run.stderr, message);
    assert_eq!(std::fs::read(p.path(RV)).unwrap(), before_rv, "previous raadsvoorstel untouched");
    assert_eq!(std::fs::read(p.path(RB)).unwrap(), before_rb, "previous raadsbesluit untouched");
    assert_eq!(std::fs::metadata(p.path(RV)).unwrap().modified().unwrap(), mtime);

    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&check.stderr, &location);
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn sample() -> String {
    std::fs::read_to_string(repo().join(SAMPLE)).unwrap()
}

#[test]
fn bad_indentation() {
    let line = line_of(&sample(), "steller:");
    broken(|s| s.replace("steller: Ron", "  steller: Ron"), line, "inspringing");
}

#[test]
fn wrong_type() {
    // A list where text is expected: the error points at the list, on the next line.
    let line = line_of(&sample(), "steller:") + 1;
    broken(
        |s| s.replace("steller: Ron van Wieringen", "steller:\n  - Ron van Wieringen"),
        line,
        "verkeerd soort waarde",
    );
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let line = line_of(&sample(), "onderwerp:");
    broken(|s| s.replace("onderwerp: Kadernota", "ondewerp: Kadernota"), line, "onbekend veld `ondewerp`");
    let p = Scratch::with_samples();
    p.write(SAMPLE, &sample().replace("onderwerp: Kadernota", "ondewerp: Kadernota"));
    let run = p.run(&["check"]);
    assert_contains(&run.stderr, "bedoelde u `onderwerp`?");
}

#[test]
fn missing_onderwerp() {
    // serde reports a missing field at the start of the mapping it belongs to: line 3.
    broken(
        |s| s.lines().filter(|l| !l.starts_with("onderwerp:")).collect::<Vec<_>>().join("\n"),
        3,
        "het verplichte veld `onderwerp` ontbreekt",
    );
}

#[test]
fn impossible_date() {
    let line = line_of(&sample(), "collegevergadering:");
    broken(|s| s.replace("collegevergadering: 2018-07-16", "collegevergadering: 2018-02-30"), line, "ongeldige datum");
}

#[test]
fn one_broken_document_does_not_stop_the_others() {
    let p = Scratch::with_samples();
    p.write("data/2018/kapot.yaml", "soort: raadsvoorstel\nstatus: klaar\n");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/2018/kapot.yaml:2:");
    assert_contains(&run.stderr, "onbekende waarde `klaar`");
    assert!(p.path("out/2018/2018.0042544-raadsvoorstel.pdf").is_file(), "the good document is built");
}

#[test]
fn usage_errors_exit_2() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["bouw"]).code, 2);
    assert_eq!(p.run(&["build", "--onbekend"]).code, 2);
}

#[test]
fn raadsvoorstellen_naming_each_other_as_bijlage_are_refused_where_they_do_so() {
    let p = Scratch::with_samples();
    let kadernota = "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml";
    let first = p.read(SAMPLE);
    let second = first.replace("nummer: \"2018.0042544\"", "nummer: \"2018.0042545\"").replace(kadernota, SAMPLE);
    p.write("data/2018/tweede.yaml", &second);
    p.write(SAMPLE, &first.replace(kadernota, "data/2018/tweede.yaml"));
    // Once this went round in a circle; now each is refused at its own `bestand:` line.
    let run = p.run(&["build", "data/2018"]);
    assert_eq!(run.code, 1, "{run:?}");
    let line = line_of(&first, kadernota);
    for (file, bijlage) in [(SAMPLE, "data/2018/tweede.yaml"), ("data/2018/tweede.yaml", SAMPLE)] {
        assert_contains(&run.stderr, &format!("fout: bijlage `{bijlage}` is een raadsvoorstel\n"));
        assert_contains(&run.stderr, &format!("{file}:{line}:5"));
    }
    assert_contains(&run.stdout, "3 documenten: 1 gemaakt, 0 ongewijzigd, 2 mislukt");
}
