//! The sample raadsvoorstel 2018.0042544 and its raadsbesluit, built and read back.

use crate::common::*;

const RV: &str = "out/2018/2018.0042544-raadsvoorstel.pdf";
const RB: &str = "out/2018/2018.0042544-raadsbesluit.pdf";
const SAMPLE: &str = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";

const QUESTIONS: &[&str] = &[
    "Wat willen we bereiken?",
    "Wat gaan we daarvoor doen?",
    "Wat mag het kosten?",
    "Wat betekent dit voor de Metropoolregio Amsterdam (MRA)?",
    "Wie is daarvoor verantwoordelijk?",
    "Wanneer en hoe zal de raad over de voortgang worden geïnformeerd?",
    "Wat betekent dit voor de herindeling Haarlemmermeer – Haarlemmerliede en Spaarnwoude? (preventief toezicht/beleidsharmonisatie)",
];

const BESLUITPUNTEN: &[&str] = &[
    "de nota Integraal Veiligheid Beleid 2015-2018 Haarlemmerliede en Spaarnwoude (raadsbesluit van 30 september 2014) in te trekken;",
    "vast te stellen de Kadernota Integrale Veiligheid 2018-2022 met als prioriteiten:",
    "verbeteren veiligheidsgevoel in eigen buurt;",
    "versterken van de keten 'zorg-veiligheid';",
    "aanpak ondermijning / georganiseerde criminaliteit;",
    "integraal samenwerken aan contraterrorisme extremisme en radicalisering.",
];

#[test]
fn sample_raadsvoorstel_has_every_part() {
    let p = Scratch::with_samples();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path(RV));

    // Header fields.
    assert_contains(&text, "Raadsvoorstel 2018.0042544");
    assert_contains(&text, "Onderwerp Kadernota Integrale Veiligheid 2018-2022");
    assert_contains(&text, "Portefeuillehouder Pieter Heiliegers");
    assert_contains(&text, "Steller Ron van Wieringen");
    assert_contains(&text, "Collegevergadering 16 juli 2018");
    assert_contains(&text, "Raadsvergadering nog niet bepaald");

    // Numbered chapters, in order.
    let chapters = ["1. Samenvatting", "2. Voorstel", "3. Uitwerking", "4. Ondertekening", "5. Bijlagen"];
    let mut last = 0;
    for c in chapters {
        let at = text.find(c).unwrap_or_else(|| panic!("{c:?} missing:\n{text}"));
        assert!(at > last, "{c:?} out of order");
        last = at;
    }

    for q in QUESTIONS {
        assert_contains_phrase(&text, q);
    }
    for b in BESLUITPUNTEN {
        assert_contains_phrase(&text, b);
    }
    // Sub-items are lettered a–d under besluitpunt 2.
    assert_contains(&text, "a. verbeteren veiligheidsgevoel");
    assert_contains(&text, "d. integraal samenwerken");

    assert_contains(&text, "€ 14.597.000");
    assert_contains(&text, "€ 548.900");
    assert_contains(&text, "16 juli 2018");
    // Markdown emphasis keeps its words.
    assert_contains_phrase(
        &text,
        "'een veilige woon- en leefomgeving voor inwoners, ondernemers en bezoekers in de gemeente Haarlemmermeer'",
    );
    // Ondertekening and bijlagen.
    assert_contains(&text, "burgemeester en wethouders van de gemeente Haarlemmermeer");
    assert_contains(&text, "de secretaris, de burgemeester, Fred Koot Pieter Heiliegers");
    assert_contains(&text, "Kadernota Integrale Veiligheid 2018-2022");
    assert_contains(&text, "pagina 1 van 4");
}

#[test]
fn raadsbesluit_follows_the_formula_with_the_same_besluitpunten() {
    let p = Scratch::with_samples();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path(RB));
    assert_contains(&text, "De raad van de gemeente Haarlemmermeer;");
    assert_contains(&text, "gelezen het voorstel van burgemeester en wethouders van 16 juli 2018, nr. 2018.0042544;");
    assert_contains(&text, "besluit:");
    for b in BESLUITPUNTEN {
        assert_contains_phrase(&text, b);
    }
    assert_contains(&text, "Aldus vastgesteld in de openbare vergadering van");
    assert_contains(&text, "De griffier,");
    assert_contains(&text, "De voorzitter,");
    // The formula comes before the decisions, the decisions before the closing line.
    let gelezen = text.find("gelezen het voorstel").unwrap();
    let besluit = text.find("besluit:").unwrap();
    let aldus = text.find("Aldus vastgesteld").unwrap();
    assert!(gelezen < besluit && besluit < aldus);
}

#[test]
fn raadsvergadering_date_completes_the_raadsbesluit() {
    let p = Scratch::with_samples();
    let yaml = p.read(SAMPLE).replace("raadsvergadering:\n", "raadsvergadering: 2018-09-27\n");
    p.write(SAMPLE, &yaml);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = pdf_text(&p.path(RB));
    assert_contains(&text, "Aldus vastgesteld in de openbare vergadering van 27 september 2018.");
    let text = pdf_text(&p.path(RV));
    assert_contains(&text, "Raadsvergadering 27 september 2018");
}

#[test]
fn generated_typst_source_matches_the_snapshot() {
    use raadsstuk::session::Session;
    use raadsstuk::source::project::Project;
    let project = Project::open(&repo()).unwrap();
    let session = Session::open(project).unwrap();
    let docs = session.project.select(&[repo().join(SAMPLE)]).unwrap();
    let loaded = session.load(&docs[0]).unwrap();
    let sources = session.sources(&loaded).unwrap();
    let stems: Vec<&str> = sources.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(stems, ["2018.0042544-raadsvoorstel", "2018.0042544-raadsbesluit", "2018.0042544-bundel"]);
    // The bundle holds the whole Kadernota: its parts are covered by the two snapshots here and
    // by the PDF tests.
    for (stem, source) in sources.iter().take(2) {
        insta::assert_snapshot!(stem.as_str(), source);
    }
}

#[test]
fn check_validates_without_writing() {
    let p = Scratch::with_samples();
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_contains(&run.stdout, "in orde");
    assert!(!p.path("out").exists(), "check must not write");
}
