//! Only what is meant to be published is published: images come only from a document's
//! Markdown and the logo, only from `data/`, never from a hidden file; a spreadsheet never runs
//! a cell of ours as a formula.

use crate::common::*;

/// A private file in the project, as a careless user or an attacker would have one.
fn with_secret(p: &Scratch) {
    p.write(".git/config", "[remote]\n\turl = https://token:geheim@example.org/repo\n");
    p.write("data/.notities/vertrouwelijk.png", "vertrouwelijk");
}

/// Every file of the site, as paths from `out/web`.
fn site_files(p: &Scratch) -> Vec<String> {
    let root = p.path("out/web");
    walk(&root).into_iter().map(|f| f.strip_prefix(&root).unwrap().to_string_lossy().into_owned()).collect()
}

#[test]
fn image_syntax_in_the_indicator_catalogue_or_the_gemeente_file_publishes_nothing() {
    let p = Scratch::with_samples();
    with_secret(&p);
    let indicatoren = p.read("data/indicatoren.yaml");
    p.write(
        "data/indicatoren.yaml",
        &indicatoren.replacen(
            "naam: Cijfer sociale cohesie",
            "naam: \"Cijfer sociale cohesie ![x](.git/config) ![y](data/.notities/vertrouwelijk.png)\"",
            1,
        ),
    );
    let gemeente = p.read("data/gemeente.yaml");
    assert!(gemeente.contains("naam: Haarlemmermeer\n"));
    p.write(
        "data/gemeente.yaml",
        &gemeente.replacen("naam: Haarlemmermeer\n", "naam: \"Haarlemmermeer ![x](.git/config)\"\n", 1),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let files = site_files(&p);
    assert!(!files.iter().any(|f| f.contains(".git") || f.contains(".notities")), "published: {files:?}");
    let manifest = p.read("out/manifest.json");
    assert!(!manifest.contains("bestanden/.git") && !manifest.contains("bestanden/data/.notities"));
    // The text is shown as the text it is.
    let page = p.read("out/web/2019/jaarverslag-veiligheid.html");
    assert_contains(&page, "Cijfer sociale cohesie ![x](.git/config)");
}

#[test]
fn a_documents_image_comes_from_data_and_never_from_a_hidden_file() {
    let p = Scratch::with_samples();
    with_secret(&p);
    let file = "data/2025/kaart.yaml";
    let voorstel = |image: &str| {
        format!(
            "soort: raadsvoorstel\nstatus: concept\nnummer: \"2025.0009\"\nonderwerp: Kaart\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: \"Zie de kaart: ![Kaart van de wijk]({image})\"\nvoorstel:\n  besluitpunten:\n    - tekst: het plan vast te stellen\n"
        )
    };
    for (image, said) in [
        ("data/.notities/vertrouwelijk.png", "verborgen bestand of map"),
        (".git/config.png", "ligt niet in de map `data/`"),
        ("fonts/kaart.png", "ligt niet in de map `data/`"),
    ] {
        p.write(file, &voorstel(image));
        let run = p.run(&["check", file]);
        assert_eq!(run.code, 1, "{image}: {run:?}");
        assert_contains(&run.stderr, &format!("{file}:10:"));
        assert_contains(&normalise(&run.stderr), said);
    }
    // A file named .png that is not a PNG.
    p.write("data/2025/kaart.png", "geen afbeelding");
    p.write(file, &voorstel("data/2025/kaart.png"));
    let run = p.run(&["check", file]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&normalise(&run.stderr), "is geen PNG-afbeelding");
}

#[test]
fn a_logo_comes_from_data() {
    let p = Scratch::fixture("andere-gemeente");
    let gemeente = p.read("data/gemeente.yaml");
    std::fs::create_dir_all(p.path(".verborgen")).unwrap();
    std::fs::copy(p.path("data/logo.svg"), p.path(".verborgen/logo.svg")).unwrap();
    p.write("data/gemeente.yaml", &gemeente.replace("logo: data/logo.svg", "logo: .verborgen/logo.svg"));
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(
        &normalise(&run.stderr),
        "logo niet te gebruiken: `.verborgen/logo.svg` ligt niet in de map `data/`",
    );
}

#[test]
fn cells_a_spreadsheet_would_run_are_text_in_the_web_csv_and_the_manifest() {
    let p = Scratch::with_samples();
    let indicatoren = p.read("data/indicatoren.yaml");
    p.write(
        "data/indicatoren.yaml",
        &indicatoren.replacen("naam: Cijfer sociale cohesie", "naam: \"=HYPERLINK(\\\"http://x\\\")\"", 1),
    );
    let file = "data/2025/formule.yaml";
    p.write(
        file,
        "soort: raadsvoorstel\nstatus: concept\nnummer: \"2025.0010\"\nonderwerp: \"@SUM(A1)\"\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: Iets.\nvoorstel:\n  besluitpunten:\n    - tekst: het plan vast te stellen\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let manifest = p.read("out/manifest.csv");
    assert_contains(&manifest, ";'@SUM(A1);");
    assert!(!manifest.contains(";@SUM(A1);"));
    // The JSON keeps the text as it is.
    assert_contains(&p.read("out/manifest.json"), "\"onderwerp\": \"@SUM(A1)\"");
    let csvs: Vec<String> = walk(&p.path("out/web"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "csv"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(csvs.iter().any(|c| c.contains("'=HYPERLINK(")), "the formula cell is in a CSV, as text");
    assert!(!csvs.iter().any(|c| c.lines().any(|l| l.starts_with("=") || l.contains(";="))));
    // Numbers stay numbers: a negative amount has no apostrophe.
    // A negative amount (whole euros, `-`) stays a number, with no apostrophe.
    assert!(csvs.iter().any(|c| c.contains(";-14250000")), "a negative amount is not a number any more");
    assert!(!csvs.iter().any(|c| c.contains("'-1")));
}

#[test]
fn names_the_site_or_windows_reserve_and_names_that_differ_only_in_case_are_refused() {
    let p = Scratch::with_samples();
    let kadernota = p.read("data/2018/kadernota-integrale-veiligheid-2018-2022.yaml");
    for (name, said) in [
        ("index", "`index` is de naam van een eigen pagina of map van de webversie"),
        ("aux", "`aux.pdf` is op Windows een apparaatnaam"),
        ("CON", "`CON.pdf` is op Windows een apparaatnaam"),
    ] {
        let file = format!("data/2017/{name}.yaml");
        p.write(&file, &kadernota);
        let run = p.run(&["check", &file]);
        assert_eq!(run.code, 1, "{name}: {run:?}");
        assert_contains(&run.stderr, &file);
        assert_contains(&normalise(&run.stderr), said);
        std::fs::remove_file(p.path(&file)).unwrap();
    }
    let voorstel = |nummer: &str| {
        format!(
            "soort: raadsvoorstel\nstatus: concept\nnummer: \"{nummer}\"\nonderwerp: Naam\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: Iets.\nvoorstel:\n  besluitpunten:\n    - tekst: het plan vast te stellen\n"
        )
    };
    p.write("data/2025/a.yaml", &voorstel("2025.AB"));
    p.write("data/2025/b.yaml", &voorstel("2025.ab"));
    let run = p.run(&["check", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/2025/b.yaml:3:");
    assert_contains(&normalise(&run.stderr), "alleen hoofdletters verschillen");
    // Nothing was written by a build either.
    let run = p.run(&["build", "--zonder-web", "data/2025"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!p.path("out/2025/2025.ab-raadsvoorstel.pdf").exists());
}

/// An SVG that runs a script when it is opened on its own, with text that must stay.
const HOSTILE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40" onload="alert(document.domain)">
<script>alert(1)</script>
<rect width="200" height="40" fill="#7A1F3D" onclick="alert(2)"/>
<a href="javascript:alert(3)"><text x="10" y="25" fill="#ffffff" font-family="Lato" font-size="14">Kaart van de wijk</text></a>
</svg>
"##;

#[test]
fn an_svg_with_a_script_is_published_without_it_and_keeps_its_text() {
    let p = Scratch::fixture("andere-gemeente");
    p.write("data/logo.svg", HOSTILE_SVG);
    p.write("data/2024/kaart.svg", HOSTILE_SVG);
    let file = "data/2024/raadsvoorstel-buurtpreventie.yaml";
    p.write(
        file,
        &p.read(file).replace(
            "antwoord: Niet elke wijk heeft een buurtpreventieteam.",
            "antwoord: \"Niet elke wijk heeft een buurtpreventieteam. ![Kaart van de wijk](data/2024/kaart.svg)\"",
        ),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    for copied in ["out/web/bestanden/data/2024/kaart.svg", "out/web/assets/logo.svg"] {
        let svg = p.read(copied);
        for gone in ["onload", "onclick", "<script", "alert", "javascript"] {
            assert!(!svg.contains(gone), "{copied}: {gone} is still there:\n{svg}");
        }
        assert_contains(&svg, "Kaart van de wijk");
        assert_contains(&svg, "fill=\"#7A1F3D\"");
    }
    // The page shows the cleaned copy, and carries the policy that allows no script.
    let page = walk(&p.path("out/web/2024"))
        .into_iter()
        .find(|f| f.to_string_lossy().ends_with("raadsvoorstel.html"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .unwrap();
    assert_contains(&page, "bestanden/data/2024/kaart.svg");
    assert!(!page.contains("onload"));
}

#[test]
fn every_page_carries_a_policy_that_allows_no_script_but_the_sites_own() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let pages: Vec<std::path::PathBuf> =
        walk(&p.path("out/web")).into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")).collect();
    assert!(pages.len() > 10);
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap();
        let meta = html
            .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .map(|m| m.split('"').next().unwrap());
        let policy = meta.unwrap_or_else(|| panic!("{} has no policy", page.display()));
        assert_contains(policy, "default-src 'none'");
        assert_contains(policy, "script-src 'self'");
        assert!(!policy.contains("unsafe-eval") && !policy.contains("script-src 'self' 'unsafe-inline'"));
        // Nothing inline that the policy would block.
        assert!(!html.contains("<script>") && !html.contains(" onload=") && !html.contains(" onclick="));
    }
}

#[test]
fn an_svg_typst_would_leave_part_of_out_is_a_located_dutch_error() {
    let p = Scratch::fixture("andere-gemeente");
    p.write(
        "data/2024/kaart.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><foreignObject width="20" height="20"><p xmlns="http://www.w3.org/1999/xhtml">tekst</p></foreignObject></svg>"#,
    );
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
    assert_contains(&normalise(&run.stderr), "bevat een `foreignObject`");
}

#[cfg(unix)]
#[test]
fn a_link_in_data_to_a_private_file_publishes_nothing() {
    let p = Scratch::fixture("andere-gemeente");
    std::fs::create_dir_all(p.path(".git")).unwrap();
    std::fs::copy(repo().join("tests/fixtures/andere-gemeente/data/logo.svg"), p.path(".git/geheim.svg")).unwrap();
    std::os::unix::fs::symlink("../.git/geheim.svg", p.path("data/openbaar.svg")).unwrap();
    std::os::unix::fs::symlink("../.git", p.path("data/map")).unwrap();
    let file = "data/2024/raadsvoorstel-buurtpreventie.yaml";
    let original = p.read(file);
    for image in ["data/openbaar.svg", "data/map/geheim.svg"] {
        p.write(
            file,
            &original.replace(
                "antwoord: Niet elke wijk heeft een buurtpreventieteam.",
                &format!("antwoord: \"![Kaart]({image})\""),
            ),
        );
        let run = p.run(&["check", file]);
        assert_eq!(run.code, 1, "{image}: {run:?}");
        assert_contains(&normalise(&run.stderr), "verwijst (via een snelkoppeling) naar een ander bestand");
    }
    // As the logo: the same, and nothing of it on the site.
    p.write(file, &original);
    p.write(
        "data/gemeente.yaml",
        &p.read("data/gemeente.yaml").replace("logo: data/logo.svg", "logo: data/openbaar.svg"),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!p.path("out/web/assets/logo.svg").exists());
}

#[test]
fn a_gemeente_page_template_cannot_leave_the_policy_out() {
    let p = Scratch::with_samples();
    p.write("data/gemeente.yaml", &format!("{}sjablonen: data/sjablonen\n", p.read("data/gemeente.yaml")));
    // A comment that names the policy and hides a head, and no policy of its own.
    p.write(
        "data/sjablonen/web-pagina.html.hbs",
        "<!doctype html>\n<!-- <head> Content-Security-Policy -->\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\"><title>{{pagina.titel}}</title></head>\n<body><main id=\"inhoud\">{{> @partial-block}}</main></body></html>\n",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    for page in walk(&p.path("out/web")).into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read_to_string(&page).unwrap();
        let head = html.find("<html lang").and_then(|h| html[h..].find("<head>").map(|i| h + i + 6)).unwrap();
        assert!(
            html[head..].trim_start().starts_with("<meta http-equiv=\"Content-Security-Policy\""),
            "{}: {}",
            page.display(),
            &html[..head + 200.min(html.len() - head)]
        );
    }
}

#[test]
fn an_svg_with_the_doctype_editors_write_is_published() {
    let p = Scratch::fixture("andere-gemeente");
    let logo = p.read("data/logo.svg");
    let with_doctype = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n{}",
        logo.trim_start_matches(|c| c != '<').split_once("<svg").map(|(_, rest)| format!("<svg{rest}")).unwrap()
    );
    p.write("data/logo.svg", &with_doctype);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let copied = p.read("out/web/assets/logo.svg");
    assert!(copied.contains("<svg") && !copied.contains("DOCTYPE"));
}

#[test]
fn an_svg_that_links_another_file_or_an_address_is_refused_at_its_line() {
    let p = Scratch::fixture("andere-gemeente");
    std::fs::create_dir_all(p.path(".git")).unwrap();
    std::fs::copy(repo().join("tests/fixtures/andere-gemeente/data/logo.svg"), p.path(".git/geheim.svg")).unwrap();
    let file = "data/2024/raadsvoorstel-buurtpreventie.yaml";
    let original = p.read(file);
    p.write(
        file,
        &original.replace(
            "antwoord: Niet elke wijk heeft een buurtpreventieteam.",
            "antwoord: \"![Kaart](data/2024/kaart.svg)\"",
        ),
    );
    for href in ["../../.git/geheim.svg", "https://voorbeeld.invalid/spoor.png"] {
        p.write(
            "data/2024/kaart.svg",
            &format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image href="{href}" width="10" height="10"/></svg>"#),
        );
        let run = p.run(&["check", file]);
        assert_eq!(run.code, 1, "{href}: {run:?}");
        assert_contains(&run.stderr, &format!("{file}:10:"));
        assert_contains(
            &normalise(&run.stderr),
            &format!("het SVG-bestand verwijst naar een ander bestand (`{href}`)"),
        );
    }
}
