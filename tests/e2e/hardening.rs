//! The bad-input corpus: broken, hostile and absurd documents. Each ends with a clear located
//! error or a correct literal rendering — never a panic, never a read outside the project, never
//! a partial PDF. All cases are documents of one project, built in one run.

use crate::common::*;

enum Expect {
    /// An error in this file: at the line holding `marker` (or anywhere, when empty), saying this.
    Error { marker: &'static str, says: &'static str },
    /// Builds, and the raadsvoorstel's PDF text holds each of these literally.
    Literal(Vec<String>),
    /// Builds (a jaarverslag), and its PDF text holds each of these.
    Jaarverslag(Vec<String>),
}

struct Case {
    name: &'static str,
    /// Relative path of the document.
    file: String,
    bytes: Vec<u8>,
    expect: Expect,
}

/// A small valid raadsvoorstel with fields to vary.
fn voorstel(n: usize, onderwerp: &str, antwoord: &str, besluit: &str, extra: &str) -> String {
    format!(
        "soort: raadsvoorstel\nstatus: concept\nnummer: \"H-{n}\"\nonderwerp: {onderwerp}\nportefeuillehouder: A. de Vries\nsteller: B. Jansen\ncollegevergadering: 2018-07-16\nsamenvatting:\n  - vraag: Wat willen we?\n    antwoord: {antwoord}\nvoorstel:\n  besluitpunten:\n    - tekst: {besluit}\n{extra}"
    )
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn jaarverslag(body: &str) -> String {
    format!("soort: jaarverslag\nstatus: concept\nprogramma: Veiligheid\ndatum: 2025-05-01\n{body}")
}

fn cases() -> Vec<Case> {
    let mut c: Vec<Case> = Vec::new();
    let mut n = 0;
    let mut add = |name: &'static str, bytes: Vec<u8>, expect: Expect| {
        n += 1;
        c.push(Case { name, file: format!("data/2018/h{n:02}.yaml"), bytes, expect });
    };
    let ok = |n: usize| voorstel(n, "Gewoon", "Tekst", "te besluiten", "");
    use Expect::*;

    // Malformed YAML.
    add(
        "tab",
        ok(1).replace("steller:", "\tsteller:").into_bytes(),
        Error { marker: "steller:", says: "vaak een tab" },
    );
    add(
        "bad indentation",
        ok(2).replace("    - tekst:", "  - tekst:").replace("  besluitpunten:", "    besluitpunten:").into_bytes(),
        Error { marker: "", says: "ongeldige YAML" },
    );
    add(
        "unclosed double quote",
        ok(3).replace("steller: B. Jansen", "steller: \"B. Jansen").into_bytes(),
        Error { marker: "steller:", says: "aanhalingsteken wordt niet gesloten" },
    );
    add(
        "unclosed single quote",
        ok(4).replace("steller: B. Jansen", "steller: 'B. Jansen").into_bytes(),
        Error { marker: "steller:", says: "aanhalingsteken wordt niet gesloten" },
    );
    add(
        "unclosed flow list",
        ok(5).replace("steller: B. Jansen", "steller: [B. Jansen").into_bytes(),
        Error { marker: "", says: "wordt niet gesloten" },
    );
    add(
        "duplicate key",
        ok(6).replace("steller: B. Jansen", "steller: B. Jansen\nsteller: C").into_bytes(),
        Error { marker: "steller: C", says: "staat er twee keer" },
    );
    add(
        "colon in a plain value",
        ok(7).replace("onderwerp: Gewoon", "onderwerp: Gewoon: of niet: toch").into_bytes(),
        Error { marker: "onderwerp:", says: "ongeldige YAML" },
    );
    add("garbage line", format!("{}}}}}]]]\n", ok(8)).into_bytes(), Error { marker: "", says: "ongeldige YAML" });
    add("a list, not a document", b"- a\n- b\n".to_vec(), Error { marker: "", says: "geen lijst van velden" });
    add("a bare word", b"hallo\n".to_vec(), Error { marker: "", says: "geen lijst van velden" });
    add("empty file", Vec::new(), Error { marker: "", says: "het bestand is leeg" });
    add("only a comment", b"# niets\n# nog steeds niets\n".to_vec(), Error { marker: "", says: "het bestand is leeg" });
    add("only a document marker", b"---\n...\n".to_vec(), Error { marker: "", says: "het bestand is leeg" });
    add(
        "UTF-8 byte order mark",
        [b"\xEF\xBB\xBF".as_slice(), voorstel(14, "Met BOM", "Tekst", "x", "").as_bytes()].concat(),
        Literal(vec!["Onderwerp Met BOM".into()]),
    );
    add(
        "invalid UTF-8",
        voorstel(15, "Kapot \u{FFFD}", "Tekst", "x", "")
            .replace('\u{FFFD}', "\u{1}")
            .into_bytes()
            .into_iter()
            .map(|b| if b == 1 { 0xFF } else { b })
            .collect(),
        Error { marker: "onderwerp:", says: "geen geldige UTF-8" },
    );
    add(
        "control character",
        voorstel(16, "\"a\\u0000b\"", "Tekst", "x", "").into_bytes(),
        // Escaped or raw, it would vanish from the PDF unseen: refused where it is.
        Error { marker: "onderwerp:", says: "het stuurteken U+0000" },
    );

    // Fields and types.
    add(
        "unknown field",
        ok(17).replace("steller:", "stelelr:").into_bytes(),
        Error { marker: "stelelr:", says: "onbekend veld `stelelr`" },
    );
    add(
        "wrong type",
        ok(18).replace("portefeuillehouder: A. de Vries", "portefeuillehouder: { naam: A }").into_bytes(),
        Error { marker: "portefeuillehouder:", says: "een naam of een lijst van namen" },
    );
    add(
        "missing onderwerp",
        ok(19).replace("onderwerp: Gewoon\n", "").into_bytes(),
        Error { marker: "", says: "het verplichte veld `onderwerp` ontbreekt" },
    );
    add(
        "empty onderwerp",
        ok(20).replace("onderwerp: Gewoon", "onderwerp: \"\"").into_bytes(),
        Error { marker: "onderwerp:", says: "het veld `onderwerp` is leeg" },
    );
    add(
        "impossible date",
        ok(21).replace("2018-07-16", "2018-02-30").into_bytes(),
        Error { marker: "collegevergadering:", says: "ongeldige datum" },
    );
    add(
        "negative year",
        ok(22).replace("2018-07-16", "-0005-07-16").into_bytes(),
        Error { marker: "collegevergadering:", says: "datum" },
    );
    add(
        "year far ahead",
        ok(23).replace("2018-07-16", "9999-07-16").into_bytes(),
        Error { marker: "collegevergadering:", says: "onmogelijke datum: jaar 9999" },
    );
    add(
        "unknown soort",
        ok(24).replace("soort: raadsvoorstel", "soort: motie").into_bytes(),
        Error { marker: "soort:", says: "onbekende soort document `motie`" },
    );
    add(
        "missing soort",
        ok(25).replace("soort: raadsvoorstel\n", "").into_bytes(),
        Error { marker: "", says: "het veld `soort` ontbreekt" },
    );
    add(
        "no besluitpunten",
        ok(26)
            .replace("    - tekst: te besluiten\n", "")
            .replace("  besluitpunten:\n", "  besluitpunten: []\n")
            .into_bytes(),
        Error { marker: "besluitpunten:", says: "geen besluitpunten" },
    );
    add(
        "raad before college",
        format!("{}raadsvergadering: 2018-01-01\n", ok(27)).into_bytes(),
        Error { marker: "raadsvergadering:", says: "vóór de collegevergadering" },
    );
    add(
        "nummer as a YAML number",
        ok(28).replace("nummer: \"H-28\"", "nummer: 2018.28").into_bytes(),
        Literal(vec!["Raadsvoorstel 2018.28".into()]),
    );
    // A registratienummer is text, however many digits it has: it is printed as written.
    add(
        "huge number as nummer",
        ok(29).replace("nummer: \"H-29\"", "nummer: 99999999999999999999999999").into_bytes(),
        Literal(vec!["Raadsvoorstel 99999999999999999999999999".into()]),
    );

    // Sizes.
    let mega = "woord ".repeat(180_000);
    add(
        "1 MB string",
        voorstel(30, "Groot", &q(&mega), "x", "").into_bytes(),
        Error { marker: "antwoord:", says: "is te lang" },
    );
    let many: String = (0..10_000).map(|i| format!("    - tekst: punt {i}\n")).collect();
    add(
        "10.000 list items",
        ok(31).replace("    - tekst: te besluiten\n", &many).into_bytes(),
        Error { marker: "besluitpunten:", says: "10000 onderdelen" },
    );
    add(
        "very long onderwerp",
        voorstel(32, &"lang ".repeat(100), "x", "x", "").into_bytes(),
        Error { marker: "onderwerp:", says: "`onderwerp` is te lang" },
    );

    // Markdown that nests deeper than any document needs.
    let deep_list: String = (0..150).map(|i| format!("{}- diep{i}\n", "  ".repeat(i))).collect();
    add(
        "deeply nested list",
        voorstel(33, "Diep", &q(&deep_list), "x", "").into_bytes(),
        Literal(vec!["diep0".into(), "diep149".into()]),
    );
    add(
        "deeply nested quotes",
        voorstel(34, "Citaat", &q(&format!("{}bodem", "> ".repeat(400))), "x", "").into_bytes(),
        Literal(vec!["bodem".into()]),
    );
    add(
        "deep emphasis and brackets",
        voorstel(
            35,
            "Nadruk",
            &q(&format!("{}kern{} {}", "*_".repeat(200), "_*".repeat(200), "[".repeat(500))),
            "x",
            "",
        )
        .into_bytes(),
        Literal(vec!["kern".into()]),
    );

    // Typst metacharacters and code injection, in plain and Markdown fields.
    let meta = r#"\ / [ ] ( ) { } ; ~ - . ' " * _ : ` $ < > @ # = +"#;
    add(
        "every metacharacter",
        voorstel(36, &q(meta), "x", "x", "").into_bytes(),
        Literal(vec![format!("Onderwerp {meta}")]),
    );
    add(
        "read a system file",
        voorstel(37, "Lezen", "x", &q(r#"#read("/etc/passwd")"#), "").into_bytes(),
        Literal(vec![r#"#read("/etc/passwd")"#.into()]),
    );
    add(
        "package import",
        voorstel(38, "Pakket", "x", "x", "")
            .replace("steller: B. Jansen", r##"steller: '#import "@preview/x:0.1.0": *'"##)
            .into_bytes(),
        Literal(vec![r#"#import "@preview/x:0.1.0": *"#.into()]),
    );
    add(
        "break out of a content block",
        voorstel(39, "Blok", &q("] #set page(width: 1cm) ["), "x", "").into_bytes(),
        Literal(vec!["] #set page(width: 1cm) [".into()]),
    );
    add(
        "code block injection",
        voorstel(40, "Code", "x", "x", "").replace("vraag: Wat willen we?", r#"vraag: '#{ panic("x") }'"#).into_bytes(),
        Literal(vec![r#"#{ panic("x") }"#.into()]),
    );
    add(
        "math and references",
        voorstel(41, &q("$ x^2 $ @ref <label>"), "x", "x", "").into_bytes(),
        Literal(vec!["Onderwerp $ x^2 $ @ref <label>".into()]),
    );
    add(
        "comments",
        voorstel(42, "Commentaar", "x", &q("// weg? /* ook weg? */"), "").into_bytes(),
        Literal(vec!["// weg? /* ook weg? */".into()]),
    );
    add(
        "raw code in Markdown",
        voorstel(43, "Raw", &q("```\n#eval(\"1\")\n```"), "x", "").into_bytes(),
        Literal(vec!["#eval(\"1\")".into()]),
    );
    add(
        "HTML in Markdown",
        voorstel(44, "Html", &q("<script>alert(1)</script>"), "x", "").into_bytes(),
        Literal(vec!["<script>alert(1)</script>".into()]),
    );
    add(
        "headings in Markdown",
        voorstel(45, "Koppen", &q("# Kop\n\n= Typst-kop"), "x", "").into_bytes(),
        Literal(vec!["Kop".into(), "= Typst-kop".into()]),
    );

    // Paths.
    let bijlage = |b: &str| format!("bijlagen:\n  - titel: Bijlage\n    bestand: {b}\n");
    add(
        "bijlage with ..",
        voorstel(46, "Pad", "x", "x", &bijlage("data/../../geheim.pdf")).into_bytes(),
        Error { marker: "bestand:", says: "verwijst buiten de projectmap" },
    );
    add(
        "bijlage absolute path",
        voorstel(47, "Pad", "x", "x", &bijlage("/etc/passwd.pdf")).into_bytes(),
        Error { marker: "bestand:", says: "is een absoluut pad" },
    );
    add(
        "bijlage symlink out",
        voorstel(48, "Pad", "x", "x", &bijlage("data/link-naar-buiten.pdf")).into_bytes(),
        Error { marker: "bestand:", says: "snelkoppeling" },
    );
    add(
        "bijlage missing",
        voorstel(49, "Pad", "x", "x", &bijlage("data/2018/weg.pdf")).into_bytes(),
        Error { marker: "bestand:", says: "bestaat niet" },
    );
    add(
        "bijlage of another kind",
        voorstel(50, "Pad", "x", "x", &bijlage("data/2018/notitie.txt")).into_bytes(),
        Error { marker: "bestand:", says: "geen PDF en geen document" },
    );

    // Numbers in a jaarverslag (one per year, so each gets its own year).
    let mut year = 2150;
    let mut jv = |name: &'static str, body: String, expect: Expect| {
        year += 1;
        c.push(Case {
            name,
            file: format!("data/{year}/jaarverslag.yaml"),
            bytes: jaarverslag(&body).into_bytes(),
            expect,
        });
    };
    let doel = |ind: &str| format!("beleidsdoelen:\n  - code: A\n    titel: Doel\n    indicatoren:\n{ind}");
    jv(
        "huge realisatie",
        doel("      - id: geweld\n        realisatie: 1e300\n"),
        Jaarverslag(vec!["1.000.000.000.000.000".into()]),
    );
    jv(
        "not a finite number",
        doel("      - id: geweld\n        realisatie: .nan\n"),
        Error { marker: "realisatie:", says: "geen eindig getal" },
    );
    jv(
        "undefined indicator",
        doel("      - id: bestaatniet\n        realisatie: 3\n"),
        Error { marker: "id: bestaatniet", says: "indicator `bestaatniet` is niet gedefinieerd" },
    );
    let fin = |lasten: &str| {
        format!(
            "financien:\n  lasten: {{ realisatie_vorig_jaar: 0, begroting_primitief: 0, begroting_na_wijziging: 0, realisatie: {lasten} }}\n  baten: {{ realisatie_vorig_jaar: 0, begroting_primitief: 0, begroting_na_wijziging: 0, realisatie: 0 }}\n"
        )
    };
    jv("absurd amount", fin("9000000000000000000"), Error { marker: "lasten:", says: "onmogelijk groot" });
    jv(
        "amount too big for any integer",
        fin("99999999999999999999999"),
        Error { marker: "lasten:", says: "dit getal is te groot" },
    );
    jv("amount as text", fin("veel"), Error { marker: "lasten:", says: "verkeerd soort waarde" });
    jv("difference without toelichting", fin("250000"), Error { marker: "lasten:", says: "heeft geen toelichting" });
    c
}

#[test]
fn every_bad_input_ends_in_a_located_error_or_a_literal_rendering() {
    let p = Scratch::with_samples();
    let secret = "GEHEIM-BUITEN-HET-PROJECT";
    std::fs::write(p.outside().join("geheim.pdf"), secret).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.outside().join("geheim.pdf"), p.path("data/link-naar-buiten.pdf")).unwrap();
    std::fs::write(p.path("data/2018/notitie.txt"), "x").unwrap();
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    for case in &cases {
        let path = p.path(&case.file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &case.bytes).unwrap();
    }

    let run = p.run(&["build"]);
    assert_eq!(
        run.code,
        1,
        "some documents fail, none may crash the tool: {}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    assert!(!run.stderr.contains("panicked"), "a panic");
    let stderr = normalise(&run.stderr);

    let mut failures = Vec::new();
    for case in &cases {
        let name = case.name;
        match &case.expect {
            Expect::Error { marker, says } => {
                if !run.stdout.contains(&format!("FOUT         {}", case.file)) {
                    failures.push(format!("{name}: not reported as failed"));
                    continue;
                }
                let text = String::from_utf8_lossy(&case.bytes);
                let location = match text.lines().position(|l| !marker.is_empty() && l.contains(marker)) {
                    Some(i) => format!("{}:{}:", case.file, i + 1),
                    None => case.file.clone(),
                };
                if !run.stderr.contains(&location) {
                    failures.push(format!("{name}: no error at {location}"));
                }
                // The message must be in the same report as the location.
                let report = stderr.split("fout: ").find(|r| r.contains(&location));
                if !report.is_some_and(|r| r.contains(says)) {
                    failures.push(format!("{name}: expected {says:?} at {location}, got {report:?}"));
                }
                // Never a PDF for a document that failed.
                let stem = format!("H-{}", &case.file[11..13]);
                if p.path(&format!("out/2018/{stem}-raadsvoorstel.pdf")).exists() && case.file.starts_with("data/2018/")
                {
                    failures.push(format!("{name}: a PDF was written"));
                }
            }
            Expect::Literal(needles) | Expect::Jaarverslag(needles) => {
                let pdf = match &case.expect {
                    Expect::Literal(_) => {
                        let nummer = String::from_utf8_lossy(&case.bytes)
                            .lines()
                            .find_map(|l| l.strip_prefix("nummer: ").map(|n| n.trim_matches('"').to_string()))
                            .unwrap();
                        p.path(&format!("out/2018/{nummer}-raadsvoorstel.pdf"))
                    }
                    _ => p.path(&format!("out/{}/jaarverslag.pdf", &case.file[5..9])),
                };
                if !pdf.exists() {
                    failures.push(format!("{name}: no PDF at {}", pdf.display()));
                    continue;
                }
                let text = pdf_text(&pdf);
                for needle in needles {
                    if !squash(&text).contains(&squash(needle)) {
                        failures.push(format!("{name}: {needle:?} not in the PDF"));
                    }
                }
                if text.contains(secret) {
                    failures.push(format!("{name}: read a file outside the project"));
                }
            }
        }
    }
    // No temporary or partial files anywhere in the output.
    for entry in walk(&p.path("out")) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.contains(".tmp") && !name.starts_with(".raadsstuk-"), "left behind: {}", entry.display());
        if name.ends_with(".pdf") {
            let bytes = std::fs::read(&entry).unwrap();
            assert!(
                bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"),
                "partial PDF {}",
                entry.display()
            );
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
