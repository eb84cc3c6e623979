//! The view model of one document of each kind, as its template sees it: every computed label,
//! date, number, status and total. A change to what a kind computes shows here as a snapshot
//! diff before it shows in a PDF.

use raadsstuk::session::Session;
use raadsstuk::source::project::Project;

use crate::common::*;

/// The views of the outputs of one sample document, as pretty JSON.
fn views(document: &str) -> Vec<(String, String)> {
    let session = Session::open(Project::open(&repo()).unwrap()).unwrap();
    let docs = session.project.select(&[repo().join(document)]).unwrap();
    let loaded = session.load(&docs[0]).unwrap();
    session
        .views(&loaded)
        .unwrap()
        .into_iter()
        .map(|(stem, view)| (stem, serde_json::to_string_pretty(&view).unwrap()))
        .collect()
}

#[test]
fn the_view_model_of_each_kind_matches_its_snapshot() {
    for document in [
        "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml",
        "data/2018/kadernota-integrale-veiligheid-2018-2022.yaml",
        "data/2024/jaarverslag-veiligheid.yaml",
        "data/2024/paragraaf-weerstandsvermogen.yaml",
    ] {
        for (stem, view) in views(document) {
            insta::assert_snapshot!(format!("view-{stem}"), view);
        }
    }
}

#[test]
fn the_views_hold_what_was_computed_not_typed() {
    let jaarverslag = views("data/2024/jaarverslag-veiligheid.yaml");
    let view: serde_json::Value = serde_json::from_str(&jaarverslag[0].1).unwrap();
    let rows = view["beleidsdoelen"][0]["indicatoren"].as_array().unwrap();
    let woninginbraken = rows.iter().find(|r| r["naam"].as_str().unwrap().starts_with("Woninginbraken")).unwrap();
    assert_eq!(woninginbraken["realisatie"], "340");
    assert_eq!(woninginbraken["status"], "behaald", "340 against <500");
    let finance = &view["financien"]["tabel"]["rijen"];
    // Saldo = baten − lasten, computed: 731 − 16.702 = −15.971 (x € 1.000).
    assert_eq!(finance[2][0], "Saldo van baten en lasten");
    assert_eq!(finance[2][4], "−15.971");
}
