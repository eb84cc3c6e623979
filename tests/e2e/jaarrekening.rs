//! The jaarrekening in the jaarverslagboek: the overzicht van baten en lasten in de
//! jaarrekening (primitief read, na wijziging computed, realisatie from the chapters), the
//! realisatie per taakveld, the balans per Iv3 balance code, and the Iv3 delivery of the
//! realisatie from the same figures.

use crate::common::*;

const BOEK: &str = "data/2024/jaarverslagboek.yaml";

fn levering(p: &Scratch) -> serde_json::Value {
    serde_json::from_str(&p.read("out/2024/iv3-realisatie-2024.json")).unwrap()
}

#[test]
fn the_jaarrekening_adds_up_every_programme_and_the_books_own_posts() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "--out", "out", "data/2024"]);
    assert_eq!(run.code, 0, "{run:?}");
    let boek = squash(&pdf_text(&p.path("out/2024/jaarverslagboek.pdf")));
    let overzicht = &boek[boek.rfind(&squash("Overzicht van baten en lasten in de jaarrekening")).unwrap()..];
    // Primitief, na wijziging, realisatie, verschil: per programme, and the begrotingsboek's posts.
    assert_contains_phrase(overzicht, "Programma 1 Veiligheid Lasten −16.450 −16.910 −16.702 208");
    assert_contains_phrase(overzicht, "Programma 2 Bestuur en dienstverlening Lasten −22.310 −22.310 −22.230 80");
    assert_contains_phrase(overzicht, "Algemene uitkering gemeentefonds 33.100 33.100 33.240 140");
    assert_contains_phrase(overzicht, "Overhead: Personeel bedrijfsvoering −3.000 −3.000 −3.040 −40");
    assert_contains_phrase(overzicht, "Overhead: ICT en huisvesting −1.100 −1.100 −1.120 −20");
    assert_contains_phrase(overzicht, "Onvoorzien −100 −100 0 100");
    assert_contains_phrase(overzicht, "Saldo van baten en lasten 510 95 784 689");
    assert_contains_phrase(overzicht, "Gerealiseerd resultaat 630 165 796 631");
    // Per taakveld, the delivery's cells; the balans with its totals.
    assert_contains_phrase(overzicht, "1.2 Openbare orde en veiligheid −4.902 731 −4.171");
    assert_contains_phrase(overzicht, "Totaal −44.138 44.138 0");
    assert_contains_phrase(overzicht, "Programma 1 Veiligheid: Forensische coaches en aanpak criminele aanwas −240 0");
    assert_contains_phrase(overzicht, "Totaal activa 73.930 75.944");
    assert_contains_phrase(overzicht, "Totaal passiva 73.930 75.944");
    assert_contains_phrase(overzicht, "P114 Eigen vermogen: Saldo van rekening 650 796");
}

#[test]
fn the_iv3_realisatie_is_the_jaarrekening_and_holds_the_cbs_controls_pf006_to_pf008() {
    let p = Scratch::with_samples();
    let run = p.run(&["build", "--zonder-web", "--out", "out", BOEK]);
    assert_eq!(run.code, 0, "{run:?}");
    let l = levering(&p);
    assert_eq!(l["metadata"]["periode"], 5);
    assert_eq!(l["metadata"]["status"], "Realisatie");
    assert_eq!(l["metadata"]["datum"], "2025-05-18T00:00:00");
    let som =
        |kant: &str| -> i64 { l["data"][kant].as_array().unwrap().iter().map(|c| c["bedrag"].as_i64().unwrap()).sum() };
    assert_eq!(som("lasten"), som("baten"), "PF006");
    assert_eq!(som("lasten"), 44_138_000);
    // The jaarverslagen's lines, the book's own posts, and the result on 0.11.
    assert_eq!(iv3_taakveld(&l, "baten", "1.2"), 731_000);
    assert_eq!(iv3_taakveld(&l, "baten", "0.7"), 33_240_000);
    assert_eq!(iv3_taakveld(&l, "lasten", "0.11"), 796_000);
    // PF007 and PF008: activa equal passiva on 1 January and 31 December.
    for standper in ["1-1-2024", "31-12-2024"] {
        let zijde = |p: &str| -> i64 {
            l["data"]["balans_standen"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["standper"] == standper && s["balanscode"].as_str().unwrap().starts_with(p))
                .map(|s| s["bedrag"].as_i64().unwrap())
                .sum()
        };
        assert_eq!(zijde("A"), zijde("P"), "{standper}");
        assert!(zijde("A") > 70_000_000);
    }
    // A corrected realisatie in a chapter reaches the delivery.
    let jv = "data/2024/jaarverslag-veiligheid.yaml";
    p.write(jv, &p.read(jv).replace("realisatie: 390000", "realisatie: 400000"));
    let boek = p.read(BOEK);
    p.write(
        BOEK,
        &boek
            .replace("P114: { begin: 650000, eind: 796000 }", "P114: { begin: 650000, eind: 806000 }")
            .replace("A23: { begin: 900000, eind: 2844000 }", "A23: { begin: 900000, eind: 2854000 }"),
    );
    let run = p.run(&["build", "--herzie", "--zonder-web", "--out", "out", BOEK]);
    assert_eq!(run.code, 0, "{run:?}");
    let l = levering(&p);
    assert_eq!(iv3_taakveld(&l, "baten", "1.2"), 741_000);
    assert_eq!(iv3_taakveld(&l, "lasten", "0.11"), 806_000);
}

#[test]
fn a_balans_out_of_balance_or_with_an_unknown_code_is_a_located_error() {
    let p = Scratch::with_samples();
    let boek = p.read(BOEK);
    let changed = boek
        .replace("A23: { begin: 900000, eind: 2844000 }", "A23: { begin: 900000, eind: 2800000 }")
        .replace("    A29d:", "    A999: { begin: 0, eind: 0 }\n    A29d:");
    p.write(BOEK, &changed);
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "`A999` is geen balanscode van het CBS in 2024");
    let line = changed.lines().position(|l| l.contains("A999")).unwrap() + 1;
    assert_contains(&check.stderr, &format!("{BOEK}:{line}:"));
    // Without the unknown code: the balance's totals.
    p.write(BOEK, &changed.replace("    A999: { begin: 0, eind: 0 }\n", ""));
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "de balans is op 31 december 2024 niet in evenwicht: activa € 75.900.000, passiva € 75.944.000",
    );
    assert!(!check.stderr.contains("1 januari 2024 niet in evenwicht"), "{check:?}");
}

#[test]
fn the_saldo_van_rekening_is_the_gerealiseerd_resultaat() {
    let p = Scratch::with_samples();
    let boek = p.read(BOEK);
    p.write(
        BOEK,
        &boek
            .replace("P114: { begin: 650000, eind: 796000 }", "P114: { begin: 650000, eind: 700000 }")
            .replace("A23: { begin: 900000, eind: 2844000 }", "A23: { begin: 900000, eind: 2748000 }"),
    );
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "het saldo van rekening op 31 december (€ 700.000) is niet het gerealiseerd resultaat van het overzicht (€ 796.000)",
    );
}

#[test]
fn a_post_without_its_realisatie_or_a_verschil_without_toelichting_is_an_error() {
    let p = Scratch::with_samples();
    let boek = p.read(BOEK);
    p.write(BOEK, &boek.replace("    - { naam: Onroerendezaakbelastingen woningen, realisatie: 3960000 }\n", ""));
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "de realisatie van het algemene dekkingsmiddel Onroerendezaakbelastingen woningen ontbreekt",
    );
    let start = boek.find("  toelichting:\n    algemene_dekkingsmiddelen:").unwrap();
    let end = boek.find("  # Per balanscode").unwrap();
    p.write(BOEK, &format!("{}{}", &boek[..start], &boek[end..]));
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "het verschil bij algemene dekkingsmiddelen (€ 140.000) is groter dan de drempel van € 100.000 en heeft geen toelichting",
    );
}

#[test]
fn a_post_twice_or_a_chapter_not_per_taakveld_is_refused_never_dropped() {
    let p = Scratch::with_samples();
    let boek = p.read(BOEK);
    let changed = boek.replace(
        "    - { naam: ICT en huisvesting, realisatie: 1120000 }\n",
        "    - { naam: ICT en huisvesting, realisatie: 1120000 }\n    - { naam: ICT en huisvesting, realisatie: 500000 }\n",
    );
    p.write(BOEK, &changed);
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(&normalise(&check.stderr), "`ICT en huisvesting` staat twee keer onder `overhead`");
    let line = changed.lines().position(|l| l.contains("realisatie: 500000")).unwrap() + 1;
    assert_contains(&check.stderr, &format!("{BOEK}:{line}:"));
    p.write(BOEK, &boek);
    // A jaarverslag in one row per kind of amount: the jaarrekening needs its taakvelden.
    let jv = "data/2024/jaarverslag-bestuur.yaml";
    let text = p.read(jv);
    let at = text.find("financien:").unwrap();
    p.write(
        jv,
        &format!(
            "{}financien:\n  lasten: {{ realisatie_vorig_jaar: 21660000, realisatie: 22230000 }}\n  baten: {{ realisatie_vorig_jaar: 3100000, realisatie: 3255000 }}\n",
            &text[..at]
        ),
    );
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    assert_contains(
        &normalise(&check.stderr),
        "het jaarverslag van programma 2 Bestuur en dienstverlening geeft zijn lasten en baten niet per taakveld en categorie",
    );
}

#[test]
fn the_vpb_has_a_code_of_the_year_and_onvoorzien_is_not_negative() {
    let p = Scratch::with_samples();
    let boek = p.read(BOEK);
    let changed = boek.replace(
        "  onvoorzien: 0\n",
        "  onvoorzien: -100000\n  vennootschapsbelasting: { categorie: \"9.9\", realisatie: 50000 }\n",
    );
    p.write(BOEK, &changed);
    let check = p.run(&["check", BOEK]);
    assert_eq!(check.code, 1, "{check:?}");
    let err = normalise(&check.stderr);
    assert_contains(&err, "wat van onvoorzien is gebruikt, is niet negatief");
    assert_contains(&err, "9.9");
    let line = changed.lines().position(|l| l.contains("categorie: \"9.9\"")).unwrap() + 1;
    assert_contains(&check.stderr, &format!("{BOEK}:{line}:"));
}
