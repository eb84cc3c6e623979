//! Bounded, and the smaller points of trust: decoded image data within its budget before it is
//! decoded, template aliases that would recurse without end, names shown as names, paragraphs
//! as Typst sets them, a TOOI code, fonts from `fonts/`, characters no font has in the shared
//! files.

use std::time::Instant;

use crate::common::*;

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let body: Vec<u8> = kind.iter().chain(data).copied().collect();
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
    out
}

/// A 1 × 1 PNG whose colour profile inflates to about 1 GB (the file itself is about 1 MB).
fn iccp_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut pixel = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut pixel, 1, 1);
        encoder.set_color(png::ColorType::Rgba);
        encoder.write_header().unwrap().write_image_data(&[0, 0, 0, 255]).unwrap();
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        z.write_all(&zeros).unwrap();
    }
    let mut iccp = b"profiel\0\0".to_vec();
    iccp.extend(z.finish().unwrap());
    // Signature and IHDR (8 + 25 bytes), then the profile, then the rest.
    let mut out = pixel[..33].to_vec();
    out.extend(chunk(b"iCCP", &iccp));
    out.extend(&pixel[33..]);
    out
}

#[test]
fn an_image_that_inflates_to_gigabytes_is_refused_quickly_at_its_line() {
    let p = Scratch::fixture("andere-gemeente");
    std::fs::write(p.path("data/2024/kaart.png"), iccp_bomb()).unwrap();
    // A gzipped SVG of a few kilobytes that would inflate without end.
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">").unwrap();
    for _ in 0..256 {
        std::io::Write::write_all(&mut z, &vec![b' '; 1 << 20]).unwrap();
    }
    std::io::Write::write_all(&mut z, b"</svg>").unwrap();
    std::fs::write(p.path("data/2024/kaart.svg"), z.finish().unwrap()).unwrap();
    let file = "data/2024/raadsvoorstel-buurtpreventie.yaml";
    let original = p.read(file);
    for (image, said) in [
        (
            "data/2024/kaart.png",
            "gecomprimeerde extra gegevens (kleurprofiel of tekst) die uitgepakt meer dan het budget van 64 MB",
        ),
        ("data/2024/kaart.svg", "is geen SVG-afbeelding"),
    ] {
        p.write(
            file,
            &original.replace(
                "antwoord: Niet elke wijk heeft een buurtpreventieteam.",
                &format!("antwoord: \"![Kaart]({image})\""),
            ),
        );
        let started = Instant::now();
        let run = p.run(&["check", file]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(started.elapsed().as_secs_f64() < 10.0, "{image}: {:?}", started.elapsed());
        assert_contains(&run.stderr, &format!("{file}:10:"));
        assert_contains(&normalise(&run.stderr), said);
    }
    // As the logo: the same.
    p.write(file, &original);
    p.write(
        "data/gemeente.yaml",
        &p.read("data/gemeente.yaml").replace("logo: data/logo.svg", "logo: data/2024/kaart.png"),
    );
    let started = Instant::now();
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(started.elapsed().as_secs_f64() < 10.0);
    assert_contains(
        &normalise(&run.stderr),
        "logo niet te gebruiken: het PNG-bestand bevat gecomprimeerde extra gegevens",
    );
}

#[test]
fn a_gemeente_template_that_recurses_through_an_alias_is_refused_when_loaded() {
    for (name, source) in [
        ("raadsbesluit.typ.hbs", "{{#with this/this}}{{> raadsbesluit}}{{/with}}"),
        ("raadsbesluit.typ.hbs", "{{#with [this]}}{{> raadsbesluit}}{{/with}}"),
        ("web-pagina.html.hbs", "{{#with this/this}}{{> web-pagina}}{{/with}}"),
        ("web-pagina.html.hbs", "{{#with [this]}}{{> web-pagina}}{{/with}}"),
    ] {
        let p = Scratch::with_samples();
        p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
        p.write(&format!("data/sjablonen/{name}"), source);
        let run = p.run(&["check"]);
        assert_eq!(run.code, 1, "{source}: {run:?}");
        assert_contains(&run.stderr, &format!("data/sjablonen/{name}:1"));
        assert_contains(&normalise(&run.stderr), "roepen elkaar zonder einde aan");
    }
}

#[test]
fn a_file_name_with_a_terminal_escape_or_a_line_break_is_shown_as_symbols() {
    let p = Scratch::with_samples();
    let voorstel = "soort: raadsvoorstel\nstatus: concept\nnummer: \"2025.0020\"\nonderwerp: Naam\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: Iets.\nvoorstel:\n  besluitpunten:\n    - tekst: het plan vast te stellen\n";
    p.write("data/2025/x\u{1b}[31mrood\nfout: nep.yaml", voorstel);
    for args in [vec!["build", "--zonder-web", "data/2025"], vec!["check"]] {
        let run = p.run(&args);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains('\u{1b}'), "{args:?}: an escape reached the terminal: {all:?}");
        assert!(!all.lines().any(|l| l.starts_with("fout: nep")), "{args:?}: a line was injected: {all}");
        assert_contains(&all, "x\u{241b}[31mrood\u{240a}fout: nep.yaml");
    }
}

#[test]
fn a_blank_line_holding_a_space_separates_paragraphs() {
    let p = Scratch::with_samples();
    let paragraph = "Woord ".repeat(1200);
    let file = "data/2025/lang.yaml";
    p.write(
        file,
        &format!(
            "soort: raadsvoorstel\nstatus: concept\nnummer: \"2025.0021\"\nonderwerp: Lang\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: \"{paragraph}\\n \\n{paragraph}\"\nvoorstel:\n  besluitpunten:\n    - tekst: het plan vast te stellen\n"
        ),
    );
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 0, "{run:?}");
    // Without the blank line it is one paragraph, and too long.
    p.write(file, &p.read(file).replace("\\n \\n", " "));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "een alinea mag ten hoogste 10.000 tekens hebben");
}

#[test]
fn a_tooi_code_is_checked_at_its_line() {
    let p = Scratch::with_samples();
    p.write(
        "data/gemeente.yaml",
        &p.read("data/gemeente.yaml").replace("tooi: gm0394", "tooi: gemeente-haarlemmermeer"),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/gemeente.yaml:5:");
    assert_contains(&normalise(&run.stderr), "`gemeente-haarlemmermeer` is geen TOOI-code van een gemeente");
}

#[cfg(unix)]
#[test]
fn a_font_that_links_outside_fonts_is_not_opened() {
    let p = Scratch::with_samples();
    let outside = p.outside().join("Buiten.ttf");
    std::fs::copy(
        walk(&p.path("fonts")).into_iter().find(|f| f.extension().is_some_and(|e| e == "ttf")).unwrap(),
        &outside,
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, p.path("fonts/Buiten.ttf")).unwrap();
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "fonts/Buiten.ttf");
    assert_contains(&normalise(&run.stderr), "verwijst naar een bestand buiten de map `fonts/`");
}

#[test]
fn a_character_no_font_has_in_the_gemeente_file_or_the_catalogue_is_found_at_its_line() {
    let p = Scratch::with_samples();
    p.write(
        "data/gemeente.yaml",
        &p.read("data/gemeente.yaml").replacen("naam: Haarlemmermeer\n", "naam: \"Haarlemmermeer 张\"\n", 1),
    );
    let catalogue = p.read("data/indicatoren.yaml");
    p.write(
        "data/indicatoren.yaml",
        &catalogue.replacen("naam: Cijfer sociale cohesie", "naam: \"Cijfer 👍 sociale cohesie\"", 1),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "het teken `张` (U+5F20) staat in geen lettertype van het project");
    assert_contains(&run.stderr, "data/gemeente.yaml:");
    assert_contains(&run.stderr, "het teken `👍` (U+1F44D) staat in geen lettertype van het project");
    assert_contains(&run.stderr, "data/indicatoren.yaml:");
    assert!(!run.stderr.contains("Typst"), "{run:?}");
}

#[test]
fn text_in_an_svg_that_no_font_has_is_found_at_the_line_that_places_it() {
    let p = Scratch::fixture("andere-gemeente");
    let svg =
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><text x="1" y="15">Wijk 张</text></svg>"#;
    p.write("data/2024/kaart.svg", svg);
    let file = "data/2024/raadsvoorstel-buurtpreventie.yaml";
    p.write(
        file,
        &p.read(file).replace(
            "antwoord: Niet elke wijk heeft een buurtpreventieteam.",
            "antwoord: \"![Kaart](data/2024/kaart.svg)\"",
        ),
    );
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, &format!("{file}:10:"));
    assert_contains(
        &normalise(&run.stderr),
        "bevat tekst met het teken `张` (U+5F20), dat in geen lettertype van het project staat",
    );
    // As the logo.
    p.write("data/logo.svg", svg);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/gemeente.yaml:");
    assert_contains(&normalise(&run.stderr), "het logo bevat tekst met het teken `张`");
    assert!(!run.stderr.contains("Typst"), "{run:?}");
}

#[test]
fn a_plain_text_is_one_paragraph_as_typst_sets_it_and_is_bounded_as_one() {
    let p = Scratch::with_samples();
    // Five pieces of 9.990 characters with blank lines between them, in a besluitpunt (plain
    // text, not Markdown): set as one paragraph of about 50.000 characters.
    let piece = "woord ".repeat(1665);
    let text = [piece.trim_end(); 5].join("\\n\\n");
    let file = "data/2025/besluit.yaml";
    let yaml = |field: &str| {
        format!(
            "soort: raadsvoorstel\nstatus: concept\nnummer: \"2025.0030\"\nonderwerp: Lang besluit\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: {}\nvoorstel:\n  besluitpunten:\n    - tekst: {}\n",
            if field == "antwoord" { format!("\"{text}\"") } else { "Iets.".to_string() },
            if field == "tekst" { format!("\"{text}\"") } else { "het plan vast te stellen".to_string() },
        )
    };
    p.write(file, &yaml("tekst"));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, &format!("{file}:13:"));
    assert_contains(&normalise(&run.stderr), "deze tekst wordt als één alinea gezet en is 49.950 tekens lang");
    let started = Instant::now();
    let run = p.run(&["build", "--zonder-web", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(started.elapsed().as_secs_f64() < 20.0, "refused before Typst lays it out: {:?}", started.elapsed());
    assert_contains(&normalise(&run.stderr), "wordt als één alinea gezet");
    // In a Markdown text the blank lines make five paragraphs: accepted.
    p.write(file, &yaml("antwoord"));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_loop_through_an_inline_partial_of_a_caller_is_refused_when_loaded_not_a_crash() {
    for (files, name) in [
        (
            [
                ("huisstijl.typ.hbs", "{{#*inline \"lus\"}}{{> tabel}}{{/inline}}{{> tabel}}\n"),
                ("tabel.typ.hbs", "{{> lus}}\n"),
            ],
            "data/sjablonen/",
        ),
        (
            [
                ("web-pdfs.html.hbs", "{{#*inline \"lus\"}}{{> web-tabel}}{{/inline}}{{> web-tabel}}\n"),
                ("web-tabel.html.hbs", "{{> lus}}\n"),
            ],
            "data/sjablonen/",
        ),
    ] {
        let p = Scratch::with_samples();
        p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
        for (file, source) in files {
            p.write(&format!("{name}{file}"), source);
        }
        let run = p.run(&["check"]);
        assert_eq!(run.code, 1, "{files:?}: {run:?}");
        assert_contains(&normalise(&run.stderr), "roepen elkaar zonder einde aan");
        assert!(!run.stderr.contains("overflow"), "{run:?}");
    }
}
