//! The web edition: every link resolves, nothing is fetched from outside, the figures are the
//! PDFs', a correction changes only the pages that show it, and the site is listed in the
//! manifest and the same on every build. (The browser check with axe-core is `tests/web/`,
//! run by `.ci/run`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::*;

fn site(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let web = out.join("web");
    walk(&web)
        .into_iter()
        .map(|f| (f.strip_prefix(&web).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read(&f).unwrap()))
        .collect()
}

/// The values of every `attr="…"` in an HTML text.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    html.split(&format!(" {attr}=\"")).skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

fn pages(out: &Path) -> Vec<(PathBuf, String)> {
    walk(&out.join("web"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect()
}

#[test]
fn every_link_resolves_and_nothing_comes_from_outside() {
    for p in [Scratch::with_samples(), Scratch::fixture("andere-gemeente"), Scratch::fixture("velsen")] {
        let run = p.run(&["build"]);
        assert_eq!(run.code, 0, "{run:?}");
        let all = pages(&p.path("out"));
        assert!(all.len() >= 4, "{} pages", all.len());
        let mut links = 0;
        for (file, html) in &all {
            let name = file.display();
            assert!(html.starts_with("<!doctype html>\n<html lang=\"nl\">"), "{name}");
            assert_eq!(html.matches("<h1").count(), 1, "{name}: one h1");
            assert!(html.contains("<main id=\"inhoud\""), "{name}: a main landmark");
            // Headings never skip a level.
            let mut previous = 0;
            for part in html.split("<h").skip(1) {
                let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else { continue };
                assert!(level <= previous + 1, "{name}: h{level} after h{previous}");
                previous = level;
            }
            // Whatever a page loads (styles, scripts, images, fonts) is part of the site.
            for src in attributes(html, "src")
                .into_iter()
                .chain(html.split("<link ").skip(1).filter_map(|l| attributes(l, "href").into_iter().next()))
            {
                assert!(!src.contains("://") && !src.starts_with("//"), "{name}: loads {src} from outside");
            }
            for href in attributes(html, "href").into_iter().chain(attributes(html, "src")) {
                if href.starts_with("https:") || href.starts_with("http:") || href.starts_with("mailto:") {
                    continue; // a link in a text, followed only when the reader clicks it
                }
                let target = href.split(['#', '?']).next().unwrap();
                if target.is_empty() {
                    continue;
                }
                let path = file.parent().unwrap().join(target);
                assert!(path.exists(), "{name}: {href} leads nowhere");
                links += 1;
            }
            // Only the search page runs a script; every page works without.
            if !name.to_string().ends_with("zoeken.html") {
                assert!(!html.contains("<script"), "{name}: a script");
            }
        }
        assert!(links > 20, "only {links} links checked");
        // The stylesheet's fonts are the site's own.
        let css = p.read("out/web/assets/stijl.css");
        for url in css.split("url(\"").skip(1).map(|u| u.split('"').next().unwrap()) {
            assert!(p.path("out/web/assets").join(url).exists(), "{url}");
        }
        assert!(!css.contains("://"), "no font or style from elsewhere");
    }
}

#[test]
fn every_figure_of_an_html_table_is_the_pdfs() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let mut checked = 0;
    for (html_file, pdf) in [
        ("2024/jaarverslag-veiligheid", "2024/jaarverslag-veiligheid"),
        ("2024/programmabegroting-veiligheid", "2024/programmabegroting-veiligheid"),
        ("2024/begrotingsboek", "2024/begrotingsboek"),
        ("2018/kadernota-integrale-veiligheid-2018-2022", "2018/kadernota-integrale-veiligheid-2018-2022"),
    ] {
        let html = p.read(&format!("out/web/{html_file}.html"));
        let text = squash(&pdf_text(&p.path(&format!("out/{pdf}.pdf"))));
        for cell in html.split("<td class=\"getal\">").skip(1).map(|c| c.split("</td>").next().unwrap()) {
            let value = cell.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            assert!(text.contains(&squash(&value)), "{html_file}: {value} is not in the PDF");
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} figures checked");
    // And the figures are offered as data beside the page: amounts in whole euros, exactly as
    // entered and computed (the page shows them × € 1.000), minus as `-`, the unit in the header.
    let csv = p.read("out/web/2024/gegevens/begrotingsboek/tabel-01.csv");
    assert!(
        csv.starts_with("\u{feff}omschrijving;Realisatie 2022 (euro);Begroting 2023 (euro);Begroting 2024 (euro)"),
        "{csv}"
    );
    assert!(
        csv.contains("Lasten 1 Veiligheid;-15899000;-16240000;-16450000;-16720000;-16890000;-17010000\r\n"),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&p.read("out/web/2024/gegevens/begrotingsboek/tabellen.json")).unwrap();
    assert_eq!(json["tabellen"][0]["titel"], "Overzicht van baten en lasten");
    let rows = json["tabellen"][0]["rijen"].as_array().unwrap();
    let totaal = rows.iter().find(|r| r[0] == "Totaal lasten").unwrap();
    // A sum of the entered euros, a JSON number: not the printed "−40.839".
    let lasten: i64 = rows
        .iter()
        .filter(|r| r[0].as_str().is_some_and(|l| l.starts_with("Lasten ") || l == "Onvoorzien"))
        .map(|r| r[1].as_i64().unwrap())
        .sum();
    assert_eq!(totaal[1].as_i64(), Some(lasten));
    assert!(totaal[1].is_number());
    // Text is plain text: no Markdown marks in an activity's cell.
    let activiteiten = p.read("out/web/2019/gegevens/jaarverslag-veiligheid/tabel-01.csv");
    assert!(!activiteiten.contains("**") && !activiteiten.contains("\\("), "{activiteiten}");
    // Charts inline, an image with title and description, with their numbers in a table.
    let jv = p.read("out/web/2024/jaarverslag-veiligheid.html");
    assert!(jv.contains("role=\"img\" aria-labelledby=\"jaarverslag-veiligheid-grafiek-1-titel"), "inline chart");
    assert!(jv.contains("<desc id=\"jaarverslag-veiligheid-grafiek-1-beschrijving\">"));
    // Status as word and symbol (and colour).
    assert!(jv.contains("<span aria-hidden=\"true\">×</span> niet behaald</td>"), "status word and symbol");
}

#[test]
fn a_correction_in_an_earlier_year_changes_the_pages_that_show_it_and_nothing_else() {
    let p = Scratch::with_samples();
    for file in walk(&p.path("data")) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, als_concept(&text)).unwrap();
    }
    // Concepts, published (marked) so that their pages can be compared.
    p.write("data/gemeente.yaml", &format!("{}webversie:\n  concepten: true\n", p.read("data/gemeente.yaml")));
    assert_eq!(p.run(&["build"]).code, 0);
    let before = site(&p.path("out"));
    let modified = |page: &str| std::fs::metadata(p.path("out/web").join(page)).unwrap().modified().unwrap();
    let untouched_at = modified("2024/begrotingsboek.html");
    let file = "data/2021/jaarverslag-veiligheid.yaml";
    p.write(file, &p.read(file).replacen("realisatie: 310", "realisatie: 312", 1));
    assert_eq!(p.run(&["build"]).code, 0);
    let after = site(&p.path("out"));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "the same files");
    let changed: Vec<&String> = after.keys().filter(|k| before[*k] != after[*k]).collect();
    // The jaarverslagen whose trends reach 2021 (their pages and tables), the year indexes that
    // give their PDFs' sizes, and the search index; not the Kadernota, the raadsvoorstel, the
    // begroting (its "laatst bekend" is 2023's) or 2019 and 2020.
    assert!(changed.contains(&&"2021/jaarverslag-veiligheid.html".to_string()), "{changed:?}");
    for k in &changed {
        let allowed = [
            "2021/",
            "2022/",
            "2023/",
            "2024/jaarverslag-veiligheid",
            "2024/gegevens/jaarverslag-veiligheid/",
            "2024/index.html",
            "assets/zoekindex.js",
            "index.html",
        ];
        assert!(allowed.iter().any(|a| k.starts_with(a)), "{k} changed: {changed:?}");
    }
    for untouched in [
        "2024/programmabegroting-veiligheid.html",
        "2024/begrotingsboek.html",
        "2018/kadernota-integrale-veiligheid-2018-2022.html",
        "2020/jaarverslag-veiligheid.html",
    ] {
        assert!(!changed.contains(&&untouched.to_string()), "{untouched} changed");
    }
    // An unchanged page is not written again.
    assert_eq!(modified("2024/begrotingsboek.html"), untouched_at);
}

#[test]
fn the_site_is_in_the_manifest_and_the_same_on_every_build() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    assert_eq!(p.run(&["build", "--force", "--out", "out2"]).code, 0);
    assert_eq!(site(&p.path("out")), site(&p.path("out2")), "byte-identical");
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let web = manifest["web"].as_array().unwrap();
    let files = site(&p.path("out"));
    assert_eq!(web.len(), files.len());
    for record in web {
        let pad = record["pad"].as_str().unwrap().strip_prefix("web/").unwrap();
        assert_eq!(raadsstuk::batch::state::sha256(&files[pad]), record["sha256"].as_str().unwrap(), "{pad}");
    }
    // The sitemap carries DiWoo metadata for every page.
    let sitemap = p.read("out/web/sitemap.xml");
    assert!(sitemap.contains("<diwoo:publisher resource=\"https://identifier.overheid.nl/tooi/id/gemeente/gm0394\">gemeente Haarlemmermeer</diwoo:publisher>"));
    assert_eq!(
        sitemap.matches("<url>").count(),
        pages(&p.path("out")).iter().filter(|(f, _)| !f.ends_with("index.html") && !f.ends_with("zoeken.html")).count()
    );
    // Switched off, no site is written.
    assert_eq!(p.run(&["build", "--zonder-web", "--out", "out3"]).code, 0);
    assert!(!p.path("out3/web").exists());
}

#[test]
fn a_gemeente_replaces_a_web_template_with_its_own() {
    let p = Scratch::with_samples();
    p.write(
        "sjablonen/web-index.html.hbs",
        "{{#> web-pagina}}<h1>Eigen voorpagina van {{site.gemeente}}</h1>{{/web-pagina}}",
    );
    p.write("data/gemeente.yaml", &format!("{}\nsjablonen: sjablonen\n", p.read("data/gemeente.yaml")));
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let index = p.read("out/web/index.html");
    assert!(index.contains("<h1>Eigen voorpagina van Haarlemmermeer</h1>"), "{index}");
    assert!(index.contains("<main id=\"inhoud\""), "the built-in layout around it");
    // The PDFs are untouched by a web template.
    assert!(p.read("out/manifest.json").contains("2024/begrotingsboek.pdf"));
}

#[test]
fn a_years_programmes_are_in_their_numbers_order_and_a_proposals_pdfs_in_the_sets_order() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let index = p.read("out/web/2024/index.html");
    let een = index.find("Programma 1 Veiligheid").unwrap();
    let twee = index.find("Programma 2 Bestuur en dienstverlening").unwrap();
    assert!(een < twee, "programme 2 before programme 1 (file names sort the other way)");
    let page = p.read("out/web/2018/2018.0042544-raadsvoorstel.html");
    let order: Vec<usize> =
        ["2018.0042544-raadsvoorstel.pdf", "2018.0042544-raadsbesluit.pdf", "2018.0042544-bundel.pdf"]
            .iter()
            .map(|pdf| page.find(pdf).unwrap_or_else(|| panic!("{pdf} not on the page")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "voorstel, besluit, bundel: {order:?}");
}

fn concept_voorstel() -> &'static str {
    "soort: raadsvoorstel\nstatus: concept\nnummer: \"2025.0040\"\nonderwerp: Cameratoezicht centrum\nportefeuillehouder: A. Wethouder\nsteller: B. Steller\ncollegevergadering: 2025-01-10\nsamenvatting:\n  - vraag: Wat willen we bereiken?\n    antwoord: Minder overlast in het centrum.\nvoorstel:\n  besluitpunten:\n    - tekst: het cameratoezicht in te stellen\n"
}

#[test]
fn a_concept_is_not_published_unless_the_gemeente_says_so_and_then_marked_and_never_in_the_sitemap() {
    let p = Scratch::with_samples();
    p.write("data/2025/camera.yaml", concept_voorstel());
    assert_eq!(p.run(&["build"]).code, 0);
    assert!(!p.path("out/web/2025").exists(), "a concept on the public site");
    assert!(!p.read("out/web/sitemap.xml").contains("2025.0040"));
    assert!(!p.read("out/web/assets/zoekindex.js").contains("Cameratoezicht"));
    assert!(!p.read("out/web/index.html").contains("Cameratoezicht"));
    // Its PDFs are made as ever (marked as concept), for the steller.
    assert!(p.path("out/2025/2025.0040-raadsvoorstel.pdf").exists());

    p.write("data/gemeente.yaml", &format!("{}webversie:\n  concepten: true\n", p.read("data/gemeente.yaml")));
    assert_eq!(p.run(&["build"]).code, 0);
    let page = p.read("out/web/2025/2025.0040-raadsvoorstel.html");
    assert_contains(&page, "<title>Concept – Raadsvoorstel 2025.0040");
    assert_contains(&page, "<meta name=\"robots\" content=\"noindex\">");
    assert_contains(&page, "<p class=\"concept\" role=\"note\"><strong>Concept</strong>");
    assert!(!p.read("out/web/sitemap.xml").contains("2025.0040"), "a concept in the Woo sitemap");
    // A definitief page is not marked.
    let sent = p.read("out/web/2018/2018.0042544-raadsvoorstel.html");
    assert!(!sent.contains("noindex") && !sent.contains("class=\"concept\""));
}

#[test]
fn vaststelling_comes_only_from_the_adoption_data() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let sitemap = p.read("out/web/sitemap.xml");
    // Only the samples of 2024 that the raad adopted: the raadsvoorstel with its besluit, and
    // the najaarsnota. The raadsvoorstel of 2018 was sent, not adopted.
    assert_eq!(sitemap.matches(">vaststelling<").count(), 3, "sent, not adopted: no vaststelling");
    assert_eq!(sitemap.matches(">vaststelling</diwoo:soortHandeling><diwoo:atTime>2024-").count(), 3);
    assert_contains(&sitemap, ">ondertekening</diwoo:soortHandeling><diwoo:atTime>2018-07-16T00:00:00");

    let file = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    let yaml = p.read(file);
    let pdf = p.path("out/2018/2018.0042544-raadsbesluit.pdf");
    let sent = std::fs::read(&pdf).unwrap();
    p.write(
        file,
        &yaml.replacen("raadsvergadering:\n", "raadsvergadering:\nvastgesteld: { datum: 2018-09-27, door: raad }\n", 1),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    // The adoption is recorded beside what was sent: no PDF changes (the sent ones are frozen).
    assert_eq!(std::fs::read(&pdf).unwrap(), sent);
    assert!(!run.stdout.contains("herziene versie"), "{run:?}");
    let sitemap = p.read("out/web/sitemap.xml");
    // The voorstel, its besluit and the Kadernota it holds: adopted with the raadsbesluit.
    assert_eq!(
        sitemap.matches(">vaststelling</diwoo:soortHandeling><diwoo:atTime>2018-09-27T00:00:00").count(),
        3,
        "{sitemap}"
    );
    assert_contains(
        &p.read("out/web/2018/kadernota-integrale-veiligheid-2018-2022.html"),
        "Vastgesteld door de raad op 27 september 2018",
    );
    let manifest: serde_json::Value = serde_json::from_str(&p.read("out/manifest.json")).unwrap();
    let adopted: Vec<&str> = manifest["bestanden"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["vastgesteld"] == "2018-09-27" && r["vastgesteld_door"] == "raad")
        .map(|r| r["pad"].as_str().unwrap())
        .collect();
    assert_eq!(adopted.len(), 4, "voorstel, besluit, bundel, Kadernota: {adopted:?}");

    // A concept cannot be adopted, and a raadsbesluit is the raad's.
    p.write(
        "data/2025/camera.yaml",
        &format!("{}vastgesteld: {{ datum: 2025-02-01, door: college }}\n", concept_voorstel()),
    );
    let run = p.run(&["check", "data/2025/camera.yaml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_contains(&run.stderr, "data/2025/camera.yaml:14:");
    assert_contains(&normalise(&run.stderr), "een concept kan niet zijn vastgesteld");
    assert_contains(&normalise(&run.stderr), "het besluit van een raadsvoorstel stelt de raad vast");
}

#[test]
fn the_search_index_holds_the_pages_text_not_their_markup() {
    let p = Scratch::with_samples();
    assert_eq!(p.run(&["build"]).code, 0);
    let index = p.read("out/web/assets/zoekindex.js");
    assert!(
        !index.contains("id=\\\"inhoud\\\"") && !index.contains("class=\\\"breed\\\""),
        "markup in the search index"
    );
    assert_contains(&index, "Kadernota Integrale Veiligheid");
}

/// A page offers as data exactly the tables it shows: one CSV per table, in the page's order,
/// named by the table's caption, each with the table's header; and one JSON with all of them.
/// (A table's header cells once counted as tables: eight empty CSVs named "tabel 3" … "tabel 10".)
#[test]
fn a_page_offers_each_table_it_shows_once_in_its_order_by_its_caption() {
    let p = Scratch::fixture("velsen");
    assert_eq!(p.run(&["build", "--out", "out"]).code, 0);
    let s = Scratch::with_samples();
    assert_eq!(s.run(&["build", "--out", "out"]).code, 0);
    let mut checked = 0;
    for (page, html) in pages(&p.path("out")).into_iter().chain(pages(&s.path("out"))) {
        let captions: Vec<String> = html
            .split("<div class=\"tabel\"")
            .skip(1)
            .map(|t| t.split_once("<caption>").unwrap().1.split("</caption>").next().unwrap().to_string())
            .collect();
        let links: Vec<&str> = attributes(&html, "href").into_iter().filter(|h| h.ends_with(".csv")).collect();
        assert_eq!(links.len(), captions.len(), "{}: {captions:?} {links:?}", page.display());
        if captions.is_empty() {
            continue;
        }
        let folder = page.parent().unwrap();
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(folder.join(links[0]).parent().unwrap().join("tabellen.json")).unwrap(),
        )
        .unwrap();
        let tabellen = json["tabellen"].as_array().unwrap();
        assert_eq!(tabellen.len(), captions.len(), "{}", page.display());
        for (n, (caption, link)) in captions.iter().zip(&links).enumerate() {
            let naam = format!("Tabel {}: {caption} (CSV)", n + 1);
            assert_contains(&html, &naam);
            assert_eq!(tabellen[n]["titel"].as_str().unwrap().replace('&', "&amp;").replace('\'', "&#x27;"), *caption);
            let csv = std::fs::read_to_string(folder.join(link)).unwrap();
            let mut lines = csv.trim_start_matches('\u{feff}').lines();
            let header = lines.next().unwrap_or("");
            assert!(!header.trim().is_empty(), "{}: {link} has no header", page.display());
            assert!(lines.next().is_some(), "{}: {link} has no rows", page.display());
            assert!(!tabellen[n]["kolommen"].as_array().unwrap().is_empty());
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} tables");
}
