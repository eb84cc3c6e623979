//! The structured parts of each paragraaf as sections with tables, everything computed that
//! can be: the weerstandsratio and its class, the totals of the heffingen, the
//! kostendekkendheid, the change in lastendruk, the results of the grondexploitaties.

use super::model::{Lasten, Paragraaf, PerJaar, Stuk};
use super::view::Sectie;
use crate::domain::financien;
use crate::domain::format;
use crate::domain::kengetallen;
use crate::domain::model::Gemeente;
use crate::domain::verbonden_partijen::{VerbondenPartij, VerbondenPartijen};
use crate::kinds::programma::eenheid_label;
use crate::kinds::view::TableView;

/// Amounts in the gemeente's unit, with a minus sign.
fn bedrag(gemeente: &Gemeente) -> impl Fn(i64) -> String + '_ {
    |x| financien::bedrag(x, gemeente.financien.eenheid, financien::Notatie::Minteken)
}

/// A table of money: a label column, then one column per year (or per heading), with a total
/// row when `totaal` names it. Every printed total is the sum of the printed amounts.
fn geldtabel(
    titel: &str,
    kolommen: Vec<String>,
    rijen: &[(String, Vec<Option<i64>>)],
    totaal: Option<&str>,
    gemeente: &Gemeente,
) -> TableView {
    let e = gemeente.financien.eenheid;
    let b = bedrag(gemeente);
    let mut tekst: Vec<Vec<String>> = Vec::new();
    let mut euro: Vec<Vec<Option<i64>>> = Vec::new();
    for (label, bedragen) in rijen {
        tekst.push(std::iter::once(label.clone()).chain(bedragen.iter().map(|x| x.map_or("–".into(), &b))).collect());
        euro.push(std::iter::once(None).chain(bedragen.iter().copied()).collect());
    }
    if let Some(totaal) = totaal {
        let n = kolommen.len() - 1;
        // The sum of the rounded amounts, so the column adds up as printed.
        let som: Vec<i64> = (0..n)
            .map(|i| {
                rijen.iter().filter_map(|(_, v)| v.get(i).copied().flatten()).map(|x| financien::rounded(x, e)).sum()
            })
            .collect();
        let exact: Vec<Option<i64>> =
            (0..n).map(|i| Some(rijen.iter().filter_map(|(_, v)| v.get(i).copied().flatten()).sum())).collect();
        tekst.push(std::iter::once(totaal.to_string()).chain(som.iter().map(|x| format::integer(*x))).collect());
        euro.push(std::iter::once(None).chain(exact).collect());
    }
    let mut kop = vec![eenheid_label(gemeente)];
    kop.extend(kolommen.into_iter().skip(1));
    TableView { titel: Some(titel.into()), kolommen: kop, rijen: tekst, rijkop: true, euro, ..Default::default() }
}

/// The years of amounts per year, ascending, as the columns of a table.
fn jaren<'a>(reeksen: impl Iterator<Item = &'a PerJaar>) -> Vec<i32> {
    let mut jaren: Vec<i32> = reeksen.flat_map(|r| r.0.keys().copied()).collect();
    jaren.sort_unstable();
    jaren.dedup();
    jaren
}

/// The weerstandscapaciteit, the risks with their expected draw, and the ratio with its class.
/// A reserve's stand comes from the book (`reserves`, `None` while there is no book).
pub fn weerstand(p: &Paragraaf, gemeente: &Gemeente, reserves: Option<&[(String, i64)]>, t: i32) -> Vec<Sectie> {
    if p.weerstandscapaciteit.is_empty() && p.risicos.is_empty() {
        return Vec::new();
    }
    let b = bedrag(gemeente);
    let label = eenheid_label(gemeente);
    let stand = |naam: &str| {
        reserves?.iter().find(|(r, _)| r.trim().eq_ignore_ascii_case(naam.trim())).map(|(_, stand)| *stand)
    };
    let bedragen: Vec<Option<i64>> =
        p.weerstandscapaciteit.iter().map(|c| c.bedrag.or_else(|| c.reserve.as_deref().and_then(stand))).collect();
    let beschikbaar: i64 = bedragen.iter().flatten().sum();
    let rijen: Vec<(String, Vec<Option<i64>>)> =
        p.weerstandscapaciteit.iter().zip(&bedragen).map(|(c, x)| (c.label(t), vec![*x])).collect();
    let mut capaciteit = geldtabel(
        "Beschikbare weerstandscapaciteit",
        vec![String::new(), "Bedrag".into()],
        &rijen,
        Some("Beschikbare weerstandscapaciteit"),
        gemeente,
    );
    if p.weerstandscapaciteit.iter().any(|c| c.reserve.is_some()) {
        capaciteit.noten.push(match reserves {
            Some(_) => format!(
                "De stand van een reserve is die op 1 januari {t} uit de financiële positie van het begrotingsboek."
            ),
            None => format!("De stand van een reserve (–) komt uit het begrotingsboek {t}; dat is er nog niet."),
        });
    }
    let nodig: Vec<i64> = p.risicos.iter().map(|r| kengetallen::benodigd(&[(r.effect, r.kans / 100.0)])).collect();
    let benodigd: i64 = nodig.iter().sum();
    // The printed total is the sum of the printed rows.
    let benodigd_afgedrukt: i64 = nodig.iter().map(|n| financien::rounded(*n, gemeente.financien.eenheid)).sum();
    let mut rijen: Vec<Vec<String>> = p
        .risicos
        .iter()
        .zip(&nodig)
        .map(|(r, n)| vec![r.naam.clone(), format!("{} %", format::number_auto(r.kans, 1)), b(r.effect), b(*n)])
        .collect();
    rijen.push(vec![
        "Benodigde weerstandscapaciteit".into(),
        String::new(),
        String::new(),
        format::integer(benodigd_afgedrukt),
    ]);
    let mut euro: Vec<Vec<Option<i64>>> =
        p.risicos.iter().zip(&nodig).map(|(r, n)| vec![None, None, Some(r.effect), Some(*n)]).collect();
    euro.push(vec![None, None, None, Some(benodigd)]);
    let risicos = TableView {
        titel: Some("Risico's en benodigde weerstandscapaciteit".into()),
        kolommen: vec![label, "Kans".into(), "Effect".into(), "Benodigd (kans × effect)".into()],
        rijen,
        rijkop: true,
        euro,
        ..Default::default()
    };
    let (ratio, klasse, oordeel) = kengetallen::weerstandsratio(beschikbaar, benodigd);
    let onbekend: Vec<&str> = p
        .weerstandscapaciteit
        .iter()
        .zip(&bedragen)
        .filter(|(_, b)| b.is_none())
        .filter_map(|(c, _)| c.reserve.as_deref())
        .collect();
    let zin = if !onbekend.is_empty() {
        format!("De weerstandsratio volgt zodra de stand van {} bekend is.", onbekend.join(" en "))
    } else if benodigd == 0 {
        "Er zijn geen risico's met een bedrag: de weerstandsratio is niet te berekenen.".to_string()
    } else {
        format!(
            "De weerstandsratio is {} (beschikbaar {} / benodigd {}): klasse {klasse}, {oordeel}. De klassen: A ≥ 2,0 uitstekend, B 1,4–2,0 ruim voldoende, C 1,0–1,4 voldoende, D 0,8–1,0 matig, E 0,6–0,8 onvoldoende, F < 0,6 ruim onvoldoende.",
            format::number(ratio, 1),
            format::money(beschikbaar),
            format::money(benodigd)
        )
    };
    let mut out = vec![Sectie {
        kop: "Weerstandscapaciteit en risico’s".into(),
        tabellen: vec![capaciteit, risicos],
        zinnen: vec![zin],
        ..Default::default()
    }];
    out.extend(p.risicos.iter().filter(|r| !r.toelichting.trim().is_empty()).map(|r| Sectie {
        kop: r.naam.clone(),
        sub: true,
        md: r.toelichting.clone(),
        ..Default::default()
    }));
    out
}

/// Each heffing's opbrengst per year: typed, or the baten on its taakvelden in the book's lines,
/// per year t-1 … t+3 (`None` while there is no book).
pub fn opbrengsten(p: &Paragraaf, t: i32, baten: Option<&[(String, String, PerJaar)]>) -> Vec<Option<PerJaar>> {
    let gelezen = |h: &super::model::Heffing| -> Option<PerJaar> {
        if h.taakvelden.is_empty() {
            return None;
        }
        let mut out = PerJaar::default();
        for jaar in t - 1..=t + 3 {
            let regels = baten?.iter().filter(|(tv, _, _)| h.taakvelden.iter().any(|c| c.trim() == tv));
            out.0.insert(jaar, regels.map(|(_, _, b)| b.get(jaar)).sum());
        }
        Some(out)
    };
    p.heffingen.iter().map(|h| h.opbrengst.clone().or_else(|| gelezen(h))).collect()
}

/// The opbrengst per heffing (typed, or read from the book's baten: `None` while there is no
/// book), the kostendekkendheid, the lastendruk against last year, and the kwijtschelding.
pub fn heffingen(
    p: &Paragraaf,
    gemeente: &Gemeente,
    t: i32,
    baten: Option<&[(String, String, PerJaar)]>,
) -> Vec<Sectie> {
    let mut out = Vec::new();
    let reeksen = opbrengsten(p, t, baten);
    if !p.heffingen.is_empty() {
        let jaren = match p.heffingen.iter().any(|h| !h.taakvelden.is_empty()) {
            true => (t - 1..=t + 3).collect(),
            false => jaren(reeksen.iter().flatten()),
        };
        let rijen: Vec<(String, Vec<Option<i64>>)> = p
            .heffingen
            .iter()
            .zip(&reeksen)
            .map(|(h, r)| {
                (h.naam.clone(), jaren.iter().map(|j| r.as_ref().and_then(|r| r.0.get(j).copied())).collect())
            })
            .collect();
        let kolommen = std::iter::once(String::new()).chain(jaren.iter().map(|j| kolom(*j, t, p.stuk))).collect();
        let mut tabel =
            geldtabel("Opbrengst van de heffingen", kolommen, &rijen, Some("Totaal lokale heffingen"), gemeente);
        for h in p.heffingen.iter().filter(|h| !h.taakvelden.is_empty()) {
            let velden = h.taakvelden.iter().map(|c| c.trim()).collect::<Vec<_>>().join(" en ");
            tabel.noten.push(match baten {
                Some(_) => format!(
                    "{}: de baten op taakveld {velden} in de begroting (programma's en algemene dekkingsmiddelen).",
                    h.naam
                ),
                None => format!(
                    "{}: de baten op taakveld {velden} in het begrotingsboek {t}; dat is er nog niet (–).",
                    h.naam
                ),
            });
        }
        out.push(Sectie { kop: "Opbrengst van de heffingen".into(), tabellen: vec![tabel], ..Default::default() });
    }
    if !p.kostendekkendheid.is_empty() {
        let b = |x: Option<i64>| x.map_or_else(|| "–".to_string(), bedrag(gemeente));
        // The opbrengst of the begroting's year: the heffing's own under `heffingen:`, typed once.
        let opbrengst = |k: &super::model::Kostendekking| {
            k.opbrengst.or_else(|| {
                let i = p
                    .heffingen
                    .iter()
                    .position(|h| crate::domain::verbonden_partijen::zelfde_naam(&h.naam, &k.heffing))?;
                reeksen[i].as_ref()?.0.get(&t).copied()
            })
        };
        // As printed: 100,0 % covers the costs, whatever the euros after the decimal.
        let dekking = |k: &super::model::Kostendekking| {
            opbrengst(k).map(|o| (o as f64 / k.kosten as f64 * 1000.0).round() / 10.0)
        };
        let rijen: Vec<Vec<String>> = p
            .kostendekkendheid
            .iter()
            .map(|k| {
                vec![
                    k.heffing.clone(),
                    b(Some(k.kosten)),
                    b(opbrengst(k)),
                    dekking(k).map_or_else(|| "–".to_string(), |d| format!("{}\u{a0}%", format::number(d, 1))),
                ]
            })
            .collect();
        let euro = p.kostendekkendheid.iter().map(|k| vec![None, Some(k.kosten), opbrengst(k), None]).collect();
        let mut zinnen = Vec::new();
        for k in p.kostendekkendheid.iter().filter(|k| dekking(k).is_some_and(|d| d > 100.0)) {
            zinnen.push(format!(
                "Bij {} is de opbrengst hoger dan de kosten: zo'n heffing mag ten hoogste kostendekkend zijn.",
                k.heffing.to_lowercase()
            ));
        }
        out.push(Sectie {
            kop: format!("Kostendekkendheid {t}"),
            tabellen: vec![TableView {
                titel: Some(format!("Kostendekkendheid {t}")),
                kolommen: vec![
                    eenheid_label(gemeente),
                    "Kosten (met overhead en btw)".into(),
                    "Opbrengst".into(),
                    "Dekking".into(),
                ],
                rijen,
                rijkop: true,
                euro,
                ..Default::default()
            }],
            zinnen,
            ..Default::default()
        });
    }
    if let Some(l) = &p.lastendruk {
        let mut tabellen = vec![lastendruk("Eigenaar-bewoner", &l.eigenaar, t)];
        if !l.huurder.is_empty() {
            tabellen.push(lastendruk("Huurder", &l.huurder, t));
        }
        let mut zinnen = vec![
            "Voor een meerpersoonshuishouden, de eigenaar met een woning van de gemiddelde WOZ-waarde, in euro's."
                .to_string(),
        ];
        zinnen.push(match p.stuk {
            Stuk::Begroting => format!(
                "De woonlasten van de eigenaar in {t}, gedeeld door het landelijk gemiddelde van € {}, geven de belastingcapaciteit (fk.6) bij de financiële kengetallen. Bron van het landelijk gemiddelde: {}.",
                format::number(l.landelijk_gemiddelde, 2),
                l.bron_landelijk_gemiddelde
            ),
            Stuk::Jaarverslag => format!(
                "Het landelijk gemiddelde was € {} (bron: {}).",
                format::number(l.landelijk_gemiddelde, 2),
                l.bron_landelijk_gemiddelde
            ),
        });
        out.push(Sectie { kop: "Lokale lastendruk".into(), tabellen, zinnen, ..Default::default() });
    }
    if let Some(k) = &p.kwijtschelding {
        out.push(Sectie {
            kop: "Kwijtschelding".into(),
            zinnen: k
                .raming
                .map(|r| match p.stuk {
                    Stuk::Begroting => format!("De kwijtschelding kost naar verwachting {} in {t}.", format::money(r)),
                    Stuk::Jaarverslag => format!("De kwijtschelding kostte {} in {t}.", format::money(r)),
                })
                .into_iter()
                .collect(),
            md: k.tekst.clone(),
            ..Default::default()
        });
    }
    out
}

/// "2024", or "2023 (vorig jaar)" for a year before the paragraaf's; in a jaarverslag its
/// own year is "Realisatie 2024".
fn kolom(jaar: i32, t: i32, stuk: Stuk) -> String {
    match (jaar < t, stuk) {
        (true, _) => format!("{jaar} (vorig jaar)"),
        (false, Stuk::Jaarverslag) => format!("Realisatie {jaar}"),
        (false, Stuk::Begroting) => jaar.to_string(),
    }
}

/// One household's lasten: per heffing last year, this year and the change in percent.
fn lastendruk(wie: &str, per_jaar: &std::collections::BTreeMap<i32, Lasten>, t: i32) -> TableView {
    let (vorig, nu) = (per_jaar.get(&(t - 1)), per_jaar.get(&t));
    let euro = |x: Option<f64>| x.map_or("–".to_string(), |x| format::number(x, 2));
    let verschil = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if a != 0.0 => format!("{}\u{a0}%", format::number((b - a) / a * 100.0, 1)),
        _ => "–".to_string(),
    };
    type Post = (&'static str, fn(&Lasten) -> f64);
    let posten: [Post; 5] = [
        ("Onroerendezaakbelasting", |l| l.ozb),
        ("Rioolheffing", |l| l.rioolheffing),
        ("Afvalstoffenheffing", |l| l.afvalstoffenheffing),
        ("Heffingskorting", |l| -l.heffingskorting),
        ("Totaal woonlasten", Lasten::totaal),
    ];
    let rijen = posten
        .iter()
        // A heffing the household pays in neither year (a tenant's ozb) is left out.
        .filter(|(label, f)| label.starts_with("Totaal") || vorig.map(f) != Some(0.0) || nu.map(f) != Some(0.0))
        .map(|(label, f)| {
            let (a, b) = (vorig.map(f), nu.map(f));
            vec![label.to_string(), euro(a), euro(b), verschil(a, b)]
        })
        .collect();
    TableView {
        titel: Some(format!("Lastendruk {}", wie.to_lowercase())),
        kolommen: vec![format!("{wie} (€)"), (t - 1).to_string(), t.to_string(), "Verschil".into()],
        rijen,
        rijkop: true,
        ..Default::default()
    }
}

/// Each kapitaalgoed with its plan and the level chosen, and its lasten per year.
pub fn kapitaalgoederen(p: &Paragraaf, gemeente: &Gemeente, t: i32) -> Vec<Sectie> {
    if p.kapitaalgoederen.is_empty() {
        return Vec::new();
    }
    let plannen = TableView {
        titel: Some("Beleidsplannen en onderhoudsniveau".into()),
        kolommen: vec!["Kapitaalgoed".into(), "Beleidsplan".into(), "Vastgesteld".into(), "Onderhoudsniveau".into()],
        rijen: p
            .kapitaalgoederen
            .iter()
            .map(|k| vec![k.naam.clone(), k.beleidsplan.clone(), k.vastgesteld.to_string(), k.onderhoudsniveau.clone()])
            .collect(),
        rijkop: true,
        breedtes: vec![2, 4, 2, 3],
        ..Default::default()
    };
    let jaren = jaren(p.kapitaalgoederen.iter().map(|k| &k.lasten));
    let rijen: Vec<(String, Vec<Option<i64>>)> = p
        .kapitaalgoederen
        .iter()
        .map(|k| (k.naam.clone(), jaren.iter().map(|j| k.lasten.0.get(j).copied()).collect()))
        .collect();
    let kolommen = std::iter::once(String::new()).chain(jaren.iter().map(|j| kolom(*j, t, p.stuk))).collect();
    let lasten = geldtabel("Lasten van het onderhoud", kolommen, &rijen, Some("Totaal onderhoud"), gemeente);
    let zinnen = p
        .kapitaalgoederen
        .iter()
        .filter_map(|k| {
            k.achterstallig
                .filter(|a| *a > 0)
                .map(|a| format!("Bij {} is {} aan onderhoud achterstallig.", k.naam.to_lowercase(), format::money(a)))
        })
        .collect();
    vec![Sectie { kop: "Kapitaalgoederen".into(), tabellen: vec![plannen, lasten], zinnen, ..Default::default() }]
}

/// The grondexploitaties with their expected result, and what a loss asks of the begroting.
pub fn grondexploitaties(p: &Paragraaf, gemeente: &Gemeente, t: i32) -> Vec<Sectie> {
    if p.grondexploitaties.is_empty() {
        return Vec::new();
    }
    let b = bedrag(gemeente);
    let e = gemeente.financien.eenheid;
    let mut rijen: Vec<Vec<String>> = Vec::new();
    let mut euro: Vec<Vec<Option<i64>>> = Vec::new();
    for g in &p.grondexploitaties {
        rijen.push(vec![
            g.naam.clone(),
            b(g.boekwaarde),
            b(g.nog_te_maken_kosten),
            b(g.nog_te_realiseren_opbrengsten),
            b(g.resultaat()),
            g.einde.to_string(),
        ]);
        euro.push(vec![
            None,
            Some(g.boekwaarde),
            Some(g.nog_te_maken_kosten),
            Some(g.nog_te_realiseren_opbrengsten),
            Some(g.resultaat()),
            None,
        ]);
    }
    let som = |f: fn(&super::model::Grondexploitatie) -> i64| -> (i64, i64) {
        (p.grondexploitaties.iter().map(|g| financien::rounded(f(g), e)).sum(), p.grondexploitaties.iter().map(f).sum())
    };
    let kolommen = [som(|g| g.boekwaarde), som(|g| g.nog_te_maken_kosten), som(|g| g.nog_te_realiseren_opbrengsten)];
    // The result column adds up as printed too: the sum of the printed results.
    let resultaat = som(|g| g.resultaat());
    rijen.push(
        std::iter::once("Totaal".to_string())
            .chain(kolommen.iter().chain([&resultaat]).map(|(r, _)| format::integer(*r)))
            .chain([String::new()])
            .collect(),
    );
    euro.push(
        std::iter::once(None).chain(kolommen.iter().chain([&resultaat]).map(|(_, x)| Some(*x))).chain([None]).collect(),
    );
    let tabel = TableView {
        titel: Some(match p.stuk {
            Stuk::Begroting => format!("Grondexploitaties per 1 januari {t}"),
            Stuk::Jaarverslag => format!("Grondexploitaties per 31 december {t}"),
        }),
        kolommen: vec![
            eenheid_label(gemeente),
            "Boekwaarde".into(),
            "Nog te maken kosten".into(),
            "Nog te realiseren opbrengsten".into(),
            "Verwacht resultaat".into(),
            "Einde".into(),
        ],
        rijen,
        rijkop: true,
        euro,
        noten: vec!["Verwacht resultaat = nog te realiseren opbrengsten − boekwaarde − nog te maken kosten, nominaal; negatief is een verlies.".into()],
        ..Default::default()
    };
    let verlies: i64 = p.grondexploitaties.iter().map(|g| g.resultaat()).filter(|r| *r < 0).sum();
    let zinnen = if verlies < 0 {
        vec![format!(
            "Voor de verwachte verliezen, samen {}, treft de gemeente nu een voorziening: een verlies wordt genomen zodra het te voorzien is (BBV art. 44).",
            format::money(-verlies)
        )]
    } else {
        Vec::new()
    };
    vec![Sectie { kop: "Grondexploitaties".into(), tabellen: vec![tabel], zinnen, ..Default::default() }]
}

/// The verbonden partijen of the year, in the BBV's groups: per party what the BBV names, its
/// figures at the begin and end of the year, and its risks.
pub fn verbonden(lijst: &VerbondenPartijen, gemeente: &Gemeente, t: i32, stuk: Stuk) -> Vec<Sectie> {
    let mut out = Vec::new();
    let mut vorm = None;
    for partij in lijst.in_jaar(t) {
        if vorm != Some(partij.vorm) {
            vorm = Some(partij.vorm);
            out.push(Sectie { kop: partij.vorm.naam().into(), ..Default::default() });
        }
        out.push(partij_sectie(partij, lijst.voorbeeldgegevens, gemeente, t, stuk));
    }
    out
}

fn partij_sectie(partij: &VerbondenPartij, voorbeeld: bool, gemeente: &Gemeente, t: i32, stuk: Stuk) -> Sectie {
    let gegevens = TableView {
        kolommen: vec!["Gegeven".into(), "Omschrijving".into()],
        rijen: vec![
            vec!["Vestigingsplaats".into(), partij.vestigingsplaats.clone()],
            vec!["Openbaar belang".into(), partij.openbaar_belang.clone()],
            vec!["Bestuurlijk belang".into(), partij.bestuurlijk_belang.clone()],
        ],
        rijkop: true,
        breedtes: vec![1, 3],
        ..Default::default()
    };
    let mut tabellen = vec![gegevens];
    let mut zinnen = Vec::new();
    match partij.cijfers(t, stuk == Stuk::Jaarverslag) {
        Some(c) => {
            let rijen = vec![
                (
                    "Financieel belang van de gemeente".to_string(),
                    vec![Some(c.financieel_belang.begin), Some(c.financieel_belang.eind)],
                ),
                ("Eigen vermogen".to_string(), vec![Some(c.eigen_vermogen.begin), Some(c.eigen_vermogen.eind)]),
                ("Vreemd vermogen".to_string(), vec![Some(c.vreemd_vermogen.begin), Some(c.vreemd_vermogen.eind)]),
                (format!("Resultaat {t}"), vec![None, Some(c.resultaat)]),
            ];
            let mut rijen = rijen;
            if let Some(b) = c.bijdrage {
                rijen.push((format!("Bijdrage van de gemeente {t}"), vec![None, Some(b)]));
            }
            let mut tabel = geldtabel(
                &format!("{}: cijfers {t}", partij.naam),
                vec![String::new(), format!("1 januari {t}"), format!("31 december {t}")],
                &rijen,
                None,
                gemeente,
            );
            if voorbeeld {
                tabel.noten.push("Voorbeeldgegevens: deze cijfers zijn illustratief.".into());
            }
            tabellen.push(tabel);
        }
        None => zinnen.push(format!("Over {t} zijn er van {} geen cijfers.", partij.naam)),
    }
    let md = if partij.risicos.trim().is_empty() {
        String::new()
    } else {
        format!("**Risico’s**\n\n{}", partij.risicos.trim())
    };
    Sectie { kop: partij.naam.clone(), sub: true, tabellen, zinnen, md }
}
