//! The uiteenzetting van de financiële positie in the begrotingsboek (BBV art. 20): the
//! geprognosticeerde balans as entered, with what is computed of it (the eigen vermogen of later
//! years, the voorzieningen, the overige activa); its checks, and its warnings that need the
//! book's chapters. What the book computes from it for its paragrafen is `voor_paragrafen`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::financien;
use crate::domain::format;
use crate::domain::kengetallen::{Balansstand, Exploitatie, FinancielePositie};
use crate::domain::model::Gemeente;
use crate::kinds::view::TableView;

#[derive(Debug, Clone, Serialize)]
pub struct PositieView {
    pub balans: TableView,
    /// The verloop of the reserves, `None` when the programmes name none.
    pub reserves: Option<TableView>,
    /// The verloop of the voorzieningen, `None` when none is entered.
    pub voorzieningen: Option<TableView>,
    /// The investeringen by kind of nut, `None` when none is entered.
    pub investeringen: Option<TableView>,
}

/// The financial position with everything computed from the book's chapters: the balans with
/// its eigen vermogen, each year's exploitatie, the verloop of the reserves.
pub struct Berekend {
    /// As entered, with the woonlasten of the paragraaf lokale heffingen.
    pub positie: FinancielePositie,
    pub balans: BTreeMap<i32, Balansstand>,
    pub exploitatie: BTreeMap<i32, Exploitatie>,
    pub verloop: Vec<crate::domain::reserves::Verloop>,
}

impl super::Boek {
    /// The financial position computed from the chapters; `None` when the book enters none. A
    /// reserve stand the programmes do not name is an error.
    pub(super) fn berekend(
        &self,
        inhoud: &super::hoofdstukken::Inhoud,
        context: &crate::kinds::RenderContext,
    ) -> Result<Option<Berekend>, crate::diagnostics::Problems> {
        let Some(entered) = &self.financiele_positie else { return Ok(None) };
        let mut positie = entered.clone();
        positie.woonlasten.clone_from(&inhoud.woonlasten);
        let list: Vec<crate::domain::begroting::Programma> = inhoud
            .programmas
            .iter()
            .filter_map(|(naam, f, _)| {
                f.as_ref().map(|invoer| crate::domain::begroting::Programma { naam: naam.clone(), invoer })
            })
            .collect();
        let jaar = context.file.jaar;
        let verloop = crate::domain::reserves::verloop(&positie, &list, &inhoud.reserves, jaar);
        let (balans, exploitatie) = crate::domain::kengetallen::berekend(&positie, &list, &self.algemeen(), jaar);
        Ok(Some(Berekend { positie, balans, exploitatie, verloop }))
    }
}

/// The balance items as the table lists them: (label, value, a heading above it).
/// The activa the kengetallen name come first (rows 0–6); the rest of the activa (row 7) is
/// what makes them add up to the balanstotaal.
fn posten(b: &Balansstand) -> [(&'static str, i64, Option<&'static str>); 14] {
    let genoemd = b.financiele_vaste_activa
        + b.verstrekte_leningen
        + b.niet_in_exploitatie_genomen_bouwgronden
        + b.bouwgronden_in_exploitatie
        + b.uitzettingen_korter_dan_een_jaar
        + b.liquide_middelen
        + b.overlopende_activa;
    [
        ("Financiële vaste activa (zonder verstrekte leningen)", b.financiele_vaste_activa, Some("Activa")),
        ("Verstrekte leningen", b.verstrekte_leningen, None),
        ("Niet in exploitatie genomen bouwgronden", b.niet_in_exploitatie_genomen_bouwgronden, None),
        ("Bouwgronden in exploitatie", b.bouwgronden_in_exploitatie, None),
        ("Uitzettingen korter dan één jaar", b.uitzettingen_korter_dan_een_jaar, None),
        ("Liquide middelen", b.liquide_middelen, None),
        ("Overlopende activa", b.overlopende_activa, None),
        ("Overige activa (materiële vaste activa, voorraden, vorderingen)", b.balanstotaal() - genoemd, None),
        ("Eigen vermogen", b.eigen_vermogen.unwrap_or(0), Some("Passiva")),
        ("Voorzieningen", b.voorzieningen, None),
        ("Vaste schulden", b.vaste_schulden, None),
        ("Netto vlottende schuld", b.netto_vlottende_schuld, None),
        ("Overlopende passiva", b.overlopende_passiva, None),
        ("Balanstotaal", b.balanstotaal(), Some("")),
    ]
}

/// The view of the financial position: the balans is the entered one with its eigen vermogen
/// computed (see [`crate::domain::kengetallen::balans`]). The kengetallen and the Wet fido's
/// norms are in their paragrafen (see [`super::Boek::voor_paragraaf`]).
pub fn positie(berekend: &Berekend, t: i32, gemeente: &Gemeente) -> PositieView {
    let balans = &berekend.balans;
    let instellingen = &gemeente.financien;
    let jaren: Vec<i32> = balans.keys().copied().collect();
    let mut kolommen = vec![crate::kinds::programma::eenheid_label(gemeente)];
    kolommen.extend(jaren.iter().map(|j| format!("31-12-{j}")));
    let mut rijen = Vec::new();
    let mut kop = Vec::new();
    let mut euro = Vec::new();
    let standen: Vec<[(&str, i64, Option<&str>); 14]> = balans.values().map(posten).collect();
    // What is printed: each item rounded once; the balanstotaal the sum of the printed passiva,
    // and the overige activa what makes the printed activa add up to it.
    let e = instellingen.eenheid;
    let afgedrukt: Vec<[i64; 14]> = standen
        .iter()
        .map(|s| {
            let mut p = s.map(|(_, v, _)| financien::rounded(v, e));
            p[13] = p[8..13].iter().sum();
            p[7] = p[13] - p[..7].iter().sum::<i64>();
            p
        })
        .collect();
    for (i, (label, _, heading)) in standen.first().map(|s| s.to_vec()).unwrap_or_default().into_iter().enumerate() {
        if let Some(h) = heading.filter(|h| !h.is_empty()) {
            rijen.push(std::iter::once(h.to_string()).chain(jaren.iter().map(|_| String::new())).collect());
            kop.push(true);
            euro.push(vec![None; jaren.len() + 1]);
        }
        let values: Vec<i64> = standen.iter().map(|s| s[i].1).collect();
        rijen.push(std::iter::once(label.to_string()).chain(afgedrukt.iter().map(|p| format::integer(p[i]))).collect());
        kop.push(false);
        euro.push(std::iter::once(None).chain(values.iter().map(|v| Some(*v))).collect());
    }
    let balans_tabel = TableView {
        titel: Some("Geprognosticeerde balans".into()),
        kolommen,
        rijen,
        rijkop: true,
        kop,
        euro,
        noten: vec![
            "De posten van de balans die de financiële kengetallen noemen, per 31 december; de stand aan het eind van een jaar is die aan het begin van het volgende. De overige activa zijn het verschil tussen het balanstotaal en de genoemde activa.".into(),
            format!(
                "Het eigen vermogen na {} is dat van het jaar ervoor plus het saldo van baten en lasten van het jaar (uit het overzicht van baten en lasten); het balanstotaal is de som van de passiva.",
                jaren.first().copied().unwrap_or(t)
            ),
        ],
        ..Default::default()
    };
    let voorzieningen = crate::domain::reserves::voorzieningen(&berekend.positie, t);
    PositieView {
        balans: balans_tabel,
        reserves: super::verloop::reserves(&berekend.verloop, t, gemeente),
        voorzieningen: super::verloop::voorzieningen(&voorzieningen, t, gemeente),
        investeringen: super::verloop::investeringen(&berekend.positie.investeringen, t, gemeente),
    }
}

/// The years of the balans: the end of t-1 (the begin of t) to the end of t+3; items, reserves,
/// the Wet fido's inputs, voorzieningen and investeringen as they can be.
pub fn check(file: &crate::source::yaml::YamlFile, boek: &super::Boek, t: i32) -> Vec<crate::diagnostics::Diagnostic> {
    let Some(positie) = &boek.financiele_positie else { return Vec::new() };
    let mut out = Vec::new();
    // The first year of the balans's own years: a year outside them is said once, below.
    let eerste = positie.balans.keys().copied().find(|j| (t - 1..=t + 3).contains(j));
    for (jaar, stand) in positie.balans.iter().filter(|(j, _)| (t - 1..=t + 3).contains(*j)) {
        let j = jaar.to_string();
        let at = file
            .locate(&["financiele_positie", "balans", &j, "eigen_vermogen"])
            .or_else(|| file.locate(&["financiele_positie", "balans", &j]));
        match (Some(*jaar) == eerste, stand.eigen_vermogen) {
            (true, None) => out.push(file.diagnostic(at, format!("het eigen vermogen per 31-12-{jaar} ontbreekt")).with_hint(
                "de balans van het eerste jaar geeft het eigen vermogen; dat van de jaren daarna wordt berekend",
            )),
            (false, Some(_)) => out.push(
                file.diagnostic(at, format!("het eigen vermogen per 31-12-{jaar} wordt berekend, niet ingevuld"))
                    .with_hint("het is dat van het jaar ervoor plus het saldo van baten en lasten van het jaar: laat `eigen_vermogen` hier weg"),
            ),
            _ => {}
        }
    }
    // Every year from t-1 to t+3: a year left out would silently leave its saldo out of the
    // eigen vermogen after it, and its kengetallen out of the book and the Iv3 delivery.
    let ontbreekt: Vec<String> =
        (t - 1..=t + 3).filter(|j| !positie.balans.contains_key(j)).map(|j| format!("31-12-{j}")).collect();
    if !ontbreekt.is_empty() {
        out.push(
            file.diagnostic(
                file.locate(&["financiele_positie", "balans"]),
                format!("de balans per {} ontbreekt", ontbreekt.join(", ")),
            )
            .with_hint(format!(
                "de geprognosticeerde balans staat per 31 december van elk jaar van {} tot en met {}",
                t - 1,
                t + 3
            )),
        );
    }
    // Balance items are amounts on their side of the balans: none is negative but the eigen
    // vermogen; nor are the woonlasten.
    for (jaar, stand) in &positie.balans {
        let j = jaar.to_string();
        for (post, waarde) in stand.posten_met_naam() {
            if waarde < 0 {
                out.push(
                    file.diagnostic(
                        file.locate(&["financiele_positie", "balans", &j, post]),
                        format!("`{post}` per 31-12-{jaar} is negatief: {waarde}"),
                    )
                    .with_hint("een post van de balans staat als positief bedrag aan zijn kant van de balans"),
                );
            }
        }
    }
    if let Some(f) = &positie.financiering {
        // Every year and every quarter, or a column of the norms would silently be missing.
        let ontbreekt: Vec<String> =
            (t..=t + 3).filter(|j| !f.renterisico.0.contains_key(j)).map(|j| j.to_string()).collect();
        if !f.renterisico.0.is_empty() && !ontbreekt.is_empty() {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "financiering", "renterisico"]),
                    format!("het renterisico van {} ontbreekt", ontbreekt.join(", ")),
                )
                .with_hint(format!("het renterisico staat per jaar van {t} tot en met {} (0 als er geen is)", t + 3)),
            );
        }
        let kwartalen: Vec<u8> = f.kasgeld.iter().map(|k| k.kwartaal).collect();
        let mist: Vec<String> = (1..=4).filter(|q| !kwartalen.contains(q)).map(|q| q.to_string()).collect();
        if !f.kasgeld.is_empty() && !mist.is_empty() {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "financiering", "kasgeld"]),
                    format!("de netto vlottende schuld van kwartaal {} ontbreekt", mist.join(", ")),
                )
                .with_hint("de kasgeldlimiet wordt per kwartaal getoetst: geef alle vier"),
            );
        }
        for jaar in f.renterisico.0.keys().filter(|j| !(t..=t + 3).contains(*j)) {
            let j = jaar.to_string();
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "financiering", "renterisico", &j]),
                    format!("het renterisico van {jaar} hoort niet in de begroting {t}"),
                )
                .with_hint(format!("het renterisico staat per jaar van {t} tot en met {}", t + 3)),
            );
        }
        let mut gezien = Vec::new();
        for (i, k) in f.kasgeld.iter().enumerate() {
            let i = i.to_string();
            let at = file.locate(&["financiele_positie", "financiering", "kasgeld", &i, "kwartaal"]);
            if !(1..=4).contains(&k.kwartaal) || gezien.contains(&k.kwartaal) {
                out.push(
                    file.diagnostic(at, format!("kwartaal {} kan hier niet", k.kwartaal))
                        .with_hint("elk kwartaal van het begrotingsjaar één keer: 1, 2, 3 en 4"),
                );
            }
            gezien.push(k.kwartaal);
        }
        let negatief =
            f.renterisico.0.values().any(|b| *b < 0) || f.kasgeld.iter().any(|k| k.netto_vlottende_schuld < 0);
        if negatief {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "financiering"]),
                    "een renterisico of netto vlottende schuld is negatief",
                )
                .with_hint("beide zijn bedragen in hele euro's, niet negatief"),
            );
        }
    }
    let mut namen: Vec<String> = Vec::new();
    for (i, r) in positie.reserves.iter().enumerate() {
        let naam = r.naam.trim().to_lowercase();
        if namen.contains(&naam) {
            let i = i.to_string();
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "reserves", &i, "naam"]),
                    format!("de reserve `{}` staat hier twee keer", r.naam),
                )
                .with_hint("geef elke reserve één beginstand"),
            );
        }
        namen.push(naam);
    }
    for jaar in positie.balans.keys().filter(|j| !(t - 1..=t + 3).contains(*j)) {
        let j = jaar.to_string();
        out.push(
            file.diagnostic(
                file.locate(&["financiele_positie", "balans", &j]),
                format!("de balans per 31-12-{jaar} hoort niet in de begroting {t}"),
            )
            .with_hint(format!(
                "de geprognosticeerde balans staat per 31 december van {} (het begin van {t}) tot en met {}",
                t - 1,
                t + 3
            )),
        );
    }
    if let Some(w) = &positie.woonlasten {
        for (veld, waarde) in [
            ("ozb", w.ozb),
            ("rioolheffing", w.rioolheffing),
            ("afvalstoffenheffing", w.afvalstoffenheffing),
            ("heffingskorting", w.heffingskorting),
        ] {
            if waarde < 0.0 || !waarde.is_finite() {
                out.push(
                    file.diagnostic(
                        file.locate(&["financiele_positie", "woonlasten", veld]),
                        format!("`{veld}` is {waarde}: geen bedrag"),
                    )
                    .with_hint("de woonlasten in euro's, niet negatief"),
                );
            }
        }
        if w.bron_landelijk_gemiddelde.trim().is_empty() {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "woonlasten", "bron_landelijk_gemiddelde"]),
                    "de bron van het landelijk gemiddelde is leeg",
                )
                .with_hint("noem waar het gemiddelde van het jaar ervoor vandaan komt, bijvoorbeeld de Atlas van de lokale lasten van COELO"),
            );
        }
        if w.landelijk_gemiddelde <= 0.0 {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "woonlasten", "landelijk_gemiddelde"]),
                    "het landelijk gemiddelde van de woonlasten moet groter zijn dan 0",
                )
                .with_hint("fk.6 deelt de woonlasten van de gemeente erdoor"),
            );
        }
    }
    out.extend(super::verloop::check(file, positie, t));
    out
}

/// What the financial position leaves out that the book can do without, said as warnings (a
/// file's own problems, above, stop it): no woonlasten, so no fk.6.
pub fn waarschuwingen(
    file: &crate::source::yaml::YamlFile,
    boek: &super::Boek,
    chapters: &[super::hoofdstukken::Chapter],
    library: &dyn crate::kinds::Library,
) -> Vec<crate::diagnostics::Diagnostic> {
    if boek.financiele_positie.is_none() {
        return Vec::new();
    }
    let hoofdstukken: Vec<crate::kinds::Hoofdstuk> =
        chapters.iter().filter_map(|c| library.load(&c.doc).ok()).filter_map(|l| l.document.hoofdstuk()).collect();
    let mut out = Vec::new();
    // The woonlasten come from a chapter (the paragraaf lokale heffingen, its lastendruk).
    if !hoofdstukken.iter().any(|h| h.woonlasten.is_some()) {
        out.push(
            file.diagnostic(file.locate(&["financiele_positie"]), "zonder de lastendruk van de paragraaf lokale heffingen is er geen belastingcapaciteit (fk.6)")
                .with_hint("geef in die paragraaf `lastendruk:` met de woonlasten van een meerpersoonshuishouden en het landelijk gemiddelde van het jaar ervoor, met de bron")
                .waarschuwing(),
        );
    }
    // A stand no chapter names (a typo, often): in the verloop without mutations, and said.
    let mut genoemd: Vec<String> = Vec::new();
    let mut paragrafen: Vec<String> = Vec::new();
    for h in &hoofdstukken {
        genoemd.extend(h.financien.iter().flat_map(|f| f.reserves.iter().map(|r| r.naam.clone())));
        genoemd.extend(h.reserves.iter().cloned());
        paragrafen.extend(h.reserves.iter().cloned());
    }
    let positie = boek.financiele_positie.as_ref().expect("checked above");
    // The grondexploitaties' boekwaarden are the balans's bouwgronden in exploitatie.
    let t = crate::source::project::document_file(&file.name).map(|d| d.jaar);
    let boekwaarde = hoofdstukken.iter().find_map(|h| h.boekwaarde_grondexploitaties);
    if let (Some(t), Some(boekwaarde)) = (t, boekwaarde)
        && let Some(stand) = positie.balans.get(&(t - 1)).filter(|s| s.bouwgronden_in_exploitatie != boekwaarde)
    {
        let jaar = (t - 1).to_string();
        out.push(
            file.diagnostic(
                file.locate(&["financiele_positie", "balans", &jaar, "bouwgronden_in_exploitatie"])
                    .or_else(|| file.locate(&["financiele_positie", "balans", &jaar])),
                format!(
                    "de bouwgronden in exploitatie per 31-12-{jaar} ({}) zijn niet de boekwaarden van de grondexploitaties in de paragraaf grondbeleid ({})",
                    format::money(stand.bouwgronden_in_exploitatie),
                    format::money(boekwaarde)
                ),
            )
            .with_hint("de balanspost is de som van de boekwaarden op 1 januari: pas een van beide aan")
            .waarschuwing(),
        );
    }
    // A reserve that the programmes' onttrekkingen take below zero.
    if let Some(t) = crate::source::project::document_file(&file.name).map(|d| d.jaar) {
        let list: Vec<crate::domain::begroting::Programma> = hoofdstukken
            .iter()
            .filter_map(|h| {
                h.financien
                    .as_ref()
                    .map(|invoer| crate::domain::begroting::Programma { naam: h.programma.clone(), invoer })
            })
            .collect();
        for v in crate::domain::reserves::verloop(positie, &list, &paragrafen, t) {
            let Some(j) = v.jaren.iter().find(|j| j.eind.is_some_and(|e| e < 0)) else { continue };
            let i = positie.reserves.iter().position(|r| r.naam.trim().eq_ignore_ascii_case(v.naam.trim()));
            let at = i.and_then(|i| file.locate(&["financiele_positie", "reserves", &i.to_string(), "stand"]));
            out.push(
                file.diagnostic(
                    at.or_else(|| file.locate(&["financiele_positie", "reserves"])),
                    format!(
                        "de reserve `{}` komt eind {} onder nul: de programma's onttrekken meer dan er in zit",
                        v.naam, j.jaar
                    ),
                )
                .with_hint(
                    "een reserve kan niet negatief worden; pas de onttrekkingen in de programma's of de stand aan",
                )
                .waarschuwing(),
            );
        }
    }
    for (i, r) in positie.reserves.iter().enumerate() {
        if genoemd.iter().any(|n| n.trim().eq_ignore_ascii_case(r.naam.trim())) {
            continue;
        }
        let mut bekend: Vec<&str> = Vec::new();
        for n in &genoemd {
            if !bekend.iter().any(|b| b.eq_ignore_ascii_case(n)) {
                bekend.push(n);
            }
        }
        out.push(
            file.diagnostic(
                file.locate(&["financiele_positie", "reserves", &i.to_string(), "naam"]),
                format!("de reserve `{}` komt in geen programma of paragraaf van dit jaar voor: zij staat in het verloop zonder mutaties", r.naam),
            )
            .with_hint(match bekend.is_empty() {
                true => "geen programma van dit jaar heeft reserves".to_string(),
                false => format!("de programma's en paragrafen noemen: {}", bekend.join(", ")),
            })
            .waarschuwing(),
        );
    }
    out
}
