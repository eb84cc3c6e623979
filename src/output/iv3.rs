//! The Iv3 delivery to the CBS as JSON, following the CBS's schema (version 2.1): metadata,
//! contact, lasten and baten per taakveld × categorie, the balance arrays the schema requires
//! (empty: a begroting has no balans movements), and the financial kengetallen. Amounts in whole euros, as the lines hold them.

use serde::Serialize;

use crate::domain::iv3::Kant;
use crate::domain::levering::Levering;
use crate::domain::model::Gemeente;

#[derive(Serialize)]
struct Bestand<'a> {
    metadata: Metadata<'a>,
    contact: Contact<'a>,
    data: Data,
}

#[derive(Serialize)]
struct Metadata<'a> {
    overheidslaag: &'static str,
    overheidsnummer: &'a str,
    overheidsnaam: &'a str,
    boekjaar: i32,
    periode: u8,
    status: &'static str,
    datum: String,
    details_openbaar: bool,
    financieel_pakket: &'a str,
    export_software: String,
}

#[derive(Serialize)]
struct Contact<'a> {
    naam: &'a str,
    email: &'a str,
    telefoon: &'a str,
}

#[derive(Serialize)]
struct Data {
    lasten: Vec<Rij>,
    baten: Vec<Rij>,
    balans_lasten: Vec<serde_json::Value>,
    balans_baten: Vec<serde_json::Value>,
    balans_standen: Vec<Stand>,
    kengetallen: Vec<Kengetal>,
}

#[derive(Serialize)]
struct Kengetal {
    verslagperiode: String,
    kengetal: &'static str,
    /// A percentage with a decimal point and one decimal, as a string (the schema's type).
    waarde: String,
}

#[derive(Serialize)]
struct Stand {
    balanscode: String,
    standper: String,
    bedrag: i64,
}

#[derive(Serialize)]
struct Rij {
    taakveld: String,
    categorie: String,
    bedrag: i64,
}

/// The file name of the delivery of `jaar`: the begroting's, or the jaarrekening's realisatie.
pub fn bestandsnaam(jaar: i32, realisatie: bool) -> String {
    match realisatie {
        true => format!("iv3-realisatie-{jaar}.json"),
        false => format!("iv3-begroting-{jaar}.json"),
    }
}

/// The delivery of a begroting of `jaar` (periode 0, status Begroting) or of its realisatie
/// (periode 5, status Realisatie, with the balans's stands), or what it lacks.
pub fn levering(levering: &Levering, gemeente: &Gemeente, jaar: i32) -> Result<Vec<u8>, Vec<String>> {
    let mut ontbreekt = levering.ontbreekt.clone();
    let nummer = gemeente.tooi.as_deref().and_then(|t| t.strip_prefix("gm")).filter(|n| !n.is_empty());
    if nummer.is_none() {
        ontbreekt.push("het CBS-nummer van de gemeente (`tooi:` in gemeente.yaml, bijvoorbeeld gm0394)".into());
    }
    let Some(iv3) = &gemeente.iv3 else {
        ontbreekt.push("`iv3:` in gemeente.yaml (contact en financieel pakket)".into());
        return Err(ontbreekt);
    };
    let (Some(nummer), true) = (nummer, ontbreekt.is_empty()) else { return Err(ontbreekt) };
    let rijen = |kant: Kant| -> Vec<Rij> {
        levering
            .cellen
            .iter()
            .filter(|c| c.kant == kant)
            .map(|c| Rij { taakveld: c.taakveld.clone(), categorie: c.categorie.clone(), bedrag: c.bedrag })
            .collect()
    };
    let datum = levering.datum.map(|d| format!("{d}T00:00:00")).unwrap_or_else(|| format!("{jaar}-01-01T00:00:00"));
    let bestand = Bestand {
        metadata: Metadata {
            overheidslaag: "Gemeente",
            overheidsnummer: nummer,
            overheidsnaam: &gemeente.naam,
            boekjaar: jaar,
            periode: if levering.realisatie { 5 } else { 0 },
            status: if levering.realisatie { "Realisatie" } else { "Begroting" },
            datum,
            details_openbaar: iv3.details_openbaar,
            financieel_pakket: &iv3.financieel_pakket,
            export_software: format!("raadsstuk {}", env!("CARGO_PKG_VERSION")),
        },
        contact: Contact { naam: &iv3.contact.naam, email: &iv3.contact.email, telefoon: &iv3.contact.telefoon },
        data: Data {
            lasten: rijen(Kant::Lasten),
            baten: rijen(Kant::Baten),
            balans_lasten: Vec::new(),
            balans_baten: Vec::new(),
            balans_standen: levering
                .standen
                .iter()
                .map(|(balanscode, standper, bedrag)| Stand {
                    balanscode: balanscode.clone(),
                    standper: standper.clone(),
                    bedrag: *bedrag,
                })
                .collect(),
            kengetallen: levering
                .kengetallen
                .iter()
                .map(|(verslagperiode, kengetal, procent)| Kengetal {
                    verslagperiode: verslagperiode.clone(),
                    kengetal,
                    waarde: format!("{procent:.1}"),
                })
                .collect(),
        },
    };
    let mut bytes = serde_json::to_vec_pretty(&bestand).expect("serializes");
    bytes.push(b'\n');
    Ok(bytes)
}
