//! What the begrotingsboek computes for its paragrafen, which read it through the library: the
//! financial kengetallen (weerstandsvermogen), the Wet fido's norms (financiering), its lines of
//! baten (a heffing's opbrengst) and the reserves' stands (the weerstandscapaciteit).

use std::collections::BTreeMap;

use crate::domain::financien;
use crate::domain::format;
use crate::domain::kengetallen::{Exploitatie, FinancielePositie, Kengetal};
use crate::domain::model::Gemeente;
use crate::kinds::view::TableView;

impl super::Boek {
    /// Every line of baten the book counts, per taakveld and categorie: the programmes' lines
    /// (with the columns they read) and its own (algemene dekkingsmiddelen, overhead).
    fn baten(&self, inhoud: &super::hoofdstukken::Inhoud) -> Vec<(String, String, crate::domain::bedragen::Jaren)> {
        use crate::domain::bedragen::Bedragen;
        let regels = |b: &Bedragen| match b {
            Bedragen::Regels(r) => r
                .iter()
                .map(|r| (r.taakveld.trim().to_string(), r.categorie.trim().to_string(), r.bedragen.clone()))
                .collect(),
            Bedragen::Totaal(_) => Vec::new(),
        };
        let mut out: Vec<(String, String, crate::domain::bedragen::Jaren)> =
            inhoud.programmas.iter().filter_map(|(_, f, _)| f.as_ref()).flat_map(|f| regels(&f.baten)).collect();
        let algemeen = self.algemeen();
        out.extend(algemeen.algemene_dekkingsmiddelen.iter().filter_map(|p| {
            Some((
                p.taakveld.as_deref()?.trim().to_string(),
                p.categorie.clone().unwrap_or_default(),
                p.bedragen.clone(),
            ))
        }));
        if let Some(o) = &algemeen.overhead {
            out.extend(regels(&o.baten));
        }
        out
    }

    /// What the book computes for its paragrafen: the kengetallen (weerstandsvermogen), the
    /// Wet fido's norms (financiering); and the reserves' stands as entered. No tables without
    /// a financial position or any programme's finance.
    pub(super) fn tabellen_voor(
        &self,
        sleutel: &str,
        context: &crate::kinds::RenderContext,
    ) -> Result<crate::kinds::VoorParagraaf, crate::diagnostics::Problems> {
        let reserves =
            self.financiele_positie.iter().flat_map(|p| &p.reserves).map(|r| (r.naam.clone(), r.stand)).collect();
        let inhoud = self.chapters(context)?;
        let mut uit = crate::kinds::VoorParagraaf { tabellen: Vec::new(), reserves, baten: self.baten(&inhoud) };
        // Without any programme's finance there is nothing to compute from (as in the book).
        if inhoud.programmas.iter().all(|(_, f, _)| f.is_none()) {
            return Ok(uit);
        }
        let Some(b) = self.berekend(&inhoud, context)? else { return Ok(uit) };
        let (t, gemeente) = (context.file.jaar, context.sources.gemeente);
        uit.tabellen = match sleutel {
            "weerstandsvermogen" => {
                let per_jaar = crate::domain::kengetallen::per_jaar(&b.positie, &b.balans, &b.exploitatie, t);
                let mut tabel = (!per_jaar.is_empty()).then(|| kengetallen_tabel(&per_jaar, &b.positie));
                if let Some(tabel) = &mut tabel
                    && b.positie.woonlasten.is_none()
                {
                    tabel.noten.push("fk.6 (belastingcapaciteit) volgt uit de lastendruk van de paragraaf lokale heffingen; die geeft hem nog niet.".into());
                }
                tabel.into_iter().collect()
            }
            "financiering" => match &b.positie.financiering {
                Some(f) => fido_tabellen(f, &b.exploitatie, t, gemeente),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        Ok(uit)
    }
}

/// The signaleringswaarden of each kengetal, for the table: A / B / C.
fn signalering(code: &str) -> &'static str {
    match code {
        // No-break spaces inside each category: a line breaks only between them.
        "fk.1" | "fk.2" => "<\u{a0}90 / 90–130 / >\u{a0}130\u{a0}%",
        "fk.3" => ">\u{a0}50 / 20–50 / <\u{a0}20\u{a0}%",
        "fk.4" => ">\u{a0}0 / 0 / <\u{a0}0\u{a0}%",
        "fk.5" => "<\u{a0}20 / 20–35 / >\u{a0}35\u{a0}%",
        "fk.6" => "<\u{a0}95 / 95–105 / >\u{a0}105\u{a0}%",
        _ => "",
    }
}

/// The kengetallen per year, each "23,7 % (B)", with the signaleringswaarden and the formulas.
fn kengetallen_tabel(per_jaar: &[(i32, Vec<Kengetal>)], positie: &FinancielePositie) -> TableView {
    let mut codes: Vec<(&'static str, &'static str)> = Vec::new();
    for k in per_jaar.iter().flat_map(|(_, k)| k) {
        if !codes.iter().any(|(c, _)| *c == k.code) {
            codes.push((k.code, k.naam));
        }
    }
    let mut kolommen = vec!["Kengetal".to_string()];
    kolommen.extend(per_jaar.iter().map(|(j, _)| j.to_string()));
    kolommen.push("Signaleringswaarde A / B / C".into());
    let rijen = codes
        .iter()
        .map(|(code, naam)| {
            std::iter::once(format!("{code} {naam}"))
                .chain(per_jaar.iter().map(|(_, k)| {
                    k.iter().find(|k| k.code == *code).map_or_else(
                        || "–".to_string(),
                        |k| {
                            // One cell, never broken: "112,7 % (B)".
                            format!("{}\u{a0}%\u{a0}({})", format::number(k.procent, 1), k.categorie.letter())
                        },
                    )
                }))
                .chain([signalering(code).to_string()])
                .collect()
        })
        .collect();
    let mut noten = vec![
        "fk.1 = (vaste schulden + netto vlottende schuld + overlopende passiva − financiële vaste activa − uitzettingen korter dan één jaar − liquide middelen − overlopende activa) / totale baten; fk.2 telt ook de verstrekte leningen bij de financiële activa.".to_string(),
        "fk.3 = eigen vermogen / balanstotaal. fk.4 = (structurele baten − structurele lasten + structurele onttrekkingen − structurele toevoegingen aan reserves) / totale baten. fk.5 = (niet in exploitatie genomen bouwgronden + bouwgronden in exploitatie) / totale baten.".to_string(),
        "De totale baten zijn die zonder onttrekkingen aan reserves, uit het overzicht van baten en lasten; structureel is alles wat daar niet incidenteel is. De signaleringswaarden zijn die van het Gemeenschappelijk financieel toezichtkader 2020.".to_string(),
    ];
    if let Some(w) = &positie.woonlasten {
        noten.push(format!(
            "fk.6 = woonlasten van een meerpersoonshuishouden bij de gemiddelde WOZ-waarde (ozb € {}, rioolheffing € {}, afvalstoffenheffing € {}{}) / landelijk gemiddelde van het jaar ervoor (€ {}; bron: {}).",
            format::number(w.ozb, 2),
            format::number(w.rioolheffing, 2),
            format::number(w.afvalstoffenheffing, 2),
            if w.heffingskorting != 0.0 { format!(", min heffingskorting € {}", format::number(w.heffingskorting, 2)) } else { String::new() },
            format::number(w.landelijk_gemiddelde, 2),
            w.bron_landelijk_gemiddelde
        ));
    }
    TableView {
        titel: Some("Financiële kengetallen".into()),
        kolommen,
        rijen,
        rijkop: true,
        noten,
        ..Default::default()
    }
}

/// The Wet fido's norms: per year of the renterisico the begrotingstotaal (the totale lasten of
/// the overview), the renterisiconorm and the room under it; per quarter of the begroting's
/// year the kasgeldlimiet, the netto vlottende schuld and the room under it. `None` without
/// their inputs.
fn fido_tabellen(
    financiering: &crate::domain::financiering::Financiering,
    exploitatie: &BTreeMap<i32, Exploitatie>,
    t: i32,
    gemeente: &Gemeente,
) -> Vec<TableView> {
    use crate::domain::financiering::{kasgeld_te_lang_overschreden, kasgeldlimiet, renterisiconorm};
    let e = gemeente.financien.eenheid;
    let b = |x: i64| financien::bedrag(x, e, financien::Notatie::Minteken);
    let label = crate::kinds::programma::eenheid_label(gemeente);
    let mut out = Vec::new();
    let jaren: Vec<i32> = financiering.renterisico.0.keys().copied().filter(|j| exploitatie.contains_key(j)).collect();
    if !jaren.is_empty() {
        let totaal = |j: &i32| exploitatie[j].lasten;
        let rows: [(&str, Vec<i64>); 4] = [
            ("Begrotingstotaal (lasten)", jaren.iter().map(totaal).collect()),
            (
                "Renterisiconorm (20 %, ten minste € 2,5 miljoen)",
                jaren.iter().map(|j| renterisiconorm(totaal(j))).collect(),
            ),
            (
                "Renterisico (aflossingen en renteherzieningen)",
                jaren.iter().map(|j| financiering.renterisico.get(*j)).collect(),
            ),
            (
                "Ruimte onder de norm (negatief: overschreden)",
                jaren.iter().map(|j| renterisiconorm(totaal(j)) - financiering.renterisico.get(*j)).collect(),
            ),
        ];
        out.push(TableView {
            titel: Some("Renterisiconorm".into()),
            kolommen: std::iter::once(label.clone()).chain(jaren.iter().map(|j| j.to_string())).collect(),
            rijen: rows.iter().map(|(l, v)| std::iter::once(l.to_string()).chain(v.iter().map(|x| b(*x))).collect()).collect(),
            euro: rows.iter().map(|(_, v)| std::iter::once(None).chain(v.iter().map(|x| Some(*x))).collect()).collect(),
            rijkop: true,
            noten: std::iter::once("Wet financiering decentrale overheden: het renterisico op de vaste schuld blijft binnen 20 % van het begrotingstotaal.".to_string())
                .chain({
                    let boven: Vec<String> = jaren
                        .iter()
                        .filter(|j| financiering.renterisico.get(**j) > renterisiconorm(totaal(j)))
                        .map(i32::to_string)
                        .collect();
                    (!boven.is_empty()).then(|| format!("In {} gaat het renterisico boven de norm: de gemeente moet dat de toezichthouder melden en het risico spreiden.", boven.join(" en ")))
                })
                .collect(),
            ..Default::default()
        });
    }
    if let (false, Some(begroting)) = (financiering.kasgeld.is_empty(), exploitatie.get(&t)) {
        let limiet = kasgeldlimiet(begroting.lasten);
        let mut kwartalen: Vec<&crate::domain::financiering::Kwartaal> = financiering.kasgeld.iter().collect();
        kwartalen.sort_by_key(|k| k.kwartaal);
        let rows: [(&str, Vec<i64>); 3] = [
            ("Kasgeldlimiet (8,5 % van het begrotingstotaal)", kwartalen.iter().map(|_| limiet).collect()),
            ("Netto vlottende schuld (gemiddeld)", kwartalen.iter().map(|k| k.netto_vlottende_schuld).collect()),
            (
                "Ruimte onder de limiet (negatief: overschreden)",
                kwartalen.iter().map(|k| limiet - k.netto_vlottende_schuld).collect(),
            ),
        ];
        let mut noten = vec![format!(
            "Het begrotingstotaal {t} is {}; de kasgeldlimiet is 8,5 % daarvan, ten minste € 300.000.",
            format::money(begroting.lasten)
        )];
        if kasgeld_te_lang_overschreden(&financiering.kasgeld, limiet) {
            noten.push("De kasgeldlimiet wordt meer dan twee kwartalen achter elkaar overschreden: de toezichthouder moet dat weten, en de schuld moet lang worden gefinancierd.".into());
        }
        out.push(TableView {
            titel: Some(format!("Kasgeldlimiet {t}")),
            kolommen: std::iter::once(label)
                .chain(kwartalen.iter().map(|k| format!("Kwartaal {}", k.kwartaal)))
                .collect(),
            rijen: rows
                .iter()
                .map(|(l, v)| std::iter::once(l.to_string()).chain(v.iter().map(|x| b(*x))).collect())
                .collect(),
            euro: rows.iter().map(|(_, v)| std::iter::once(None).chain(v.iter().map(|x| Some(*x))).collect()).collect(),
            rijkop: true,
            noten,
            ..Default::default()
        });
    }
    out
}
