//! The jaarrekening in the jaarverslagboek (which so becomes the jaarstukken): the overzicht
//! van baten en lasten in de jaarrekening (per programme and for the book's own posts:
//! primitief, na wijziging, realisatie, verschil), the realisatie per taakveld, the incidentele
//! baten en lasten and the balans; and from the same figures the Iv3 delivery of the
//! realisatie. Each programme's primitief is read from its programmabegroting, its begroting na
//! wijziging computed with the adopted begrotingswijzigingen, its realisatie read from its
//! jaarverslag; the book's own posts' begroting from the year's begrotingsboek. Only their
//! realisatie and the balans are entered here.

use serde::Serialize;

use super::hoofdstukken::Inhoud;
use super::{BEGROTING, Boek};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting::{self, Algemeen, Bedragen, Begrotingsregel, Invoer, Jaren, LastenBaten, Regel};
use crate::domain::financien;
use crate::domain::iv3::Kant;
use crate::domain::jaarrekening::{Jaarrekening, Kolommen, Overzicht};
use crate::domain::levering::Levering;
use crate::domain::model::Gemeente;
use crate::kinds::RenderContext;
use crate::kinds::beleid::{lezen, wijzigingen};
use crate::kinds::feiten::Feit;
use crate::kinds::programma::geld_tabel;
use crate::kinds::view::TableView;

/// What the jaarverslagboek shows of its jaarrekening.
#[derive(Debug, Clone, Serialize)]
pub struct JaarrekeningView {
    pub overzicht: TableView,
    pub toelichtingen: Vec<(String, String)>,
    pub per_taakveld: Option<TableView>,
    pub incidenteel: TableView,
    pub balans: Vec<TableView>,
}

/// The jaarrekening's view and its Iv3 delivery.
pub(super) struct Rekening {
    pub(super) view: JaarrekeningView,
    pub(super) levering: Levering,
}

impl Boek {
    /// The jaarrekening of a jaarverslagboek that has one (`None` otherwise).
    pub(super) fn rekening(&self, inhoud: &Inhoud, context: &RenderContext) -> Result<Option<Rekening>, Problems> {
        let Some(jr) = &self.jaarrekening else { return Ok(None) };
        let (library, reads, gemeente) = (context.library, context.reads, context.sources.gemeente);
        let t = context.file.jaar;
        let e = gemeente.financien.eenheid;
        let yaml = library.yaml(&context.file.relative);
        let diagnostic = |steps: &[&str], message: String| match &yaml {
            Some(y) => y.diagnostic(y.locate(steps).or_else(|| y.locate(&["jaarrekening"])), message),
            None => Diagnostic::new(&context.file.relative, message),
        };
        let mut problems = Vec::new();
        // The begroting of the book's own posts: the year's begrotingsboek.
        let algemeen = begrotingsboek(context)?.ok_or_else(|| {
            Problems::from(
                diagnostic(&["jaarrekening"], format!("de jaarrekening {t} leest de begroting van de algemene dekkingsmiddelen, de overhead en onvoorzien uit het begrotingsboek {t}, en dat is er niet"))
                    .with_hint(format!("maak data/{t}/begrotingsboek.yaml, of haal `jaarrekening:` weg")),
            )
        })?;
        // Each programme with the wijzigingen its own chapter counts (adopted by its date), so the
        // jaarrekening shows the figures its chapter shows.
        let alle = wijzigingen::vastgesteld(library, t, None, reads)?;
        // Per programme: primitief, na wijziging, realisatie, exact and as printed.
        let mut programmas = [Vec::new(), Vec::new()];
        let mut realisaties = Vec::new();
        for (naam, programma, invoer, datum) in &inhoud.rekening {
            let Some(invoer) = invoer else {
                problems.push(Diagnostic::new(
                    &context.file.relative,
                    format!("het jaarverslag van programma {naam} heeft geen financiën: de jaarrekening telt het niet op"),
                ).with_hint("vul `financien:` in dat jaarverslag in"));
                continue;
            };
            if matches!(invoer.lasten, financien::Posten::Totaal(_))
                || matches!(invoer.baten, financien::Posten::Totaal(_))
            {
                problems.push(Diagnostic::new(
                    &context.file.relative,
                    format!("het jaarverslag van programma {naam} geeft zijn lasten en baten niet per taakveld en categorie"),
                ).with_hint("de jaarrekening heeft de realisatie per taakveld (BBV art. 28) en de Iv3-levering nodig: geef in dat jaarverslag regels met `taakveld:`, `categorie:` en `bedragen: { realisatie: … }`"));
                continue;
            }
            let wijzigingen: Vec<_> = alle.iter().filter(|w| datum.is_none_or(|d| w.datum <= d)).cloned().collect();
            let plan = lezen::bron(library, Feit::Plan, t, programma, reads)?.and_then(|(_, f)| f.plan?.financien);
            for (i, eenheid) in [1, e].into_iter().enumerate() {
                let rijen = invoer.afgerond(eenheid).rijen().map(|(_, r)| r);
                let (primitief, na) = match &plan {
                    Some(p) => (
                        begroting::primitief(&p.afgerond(eenheid), t),
                        crate::domain::wijziging::na_wijziging(p, programma, t, &wijzigingen, eenheid),
                    ),
                    // Without a programmabegroting the jaarverslag types both.
                    None => (
                        rijen.map(|r| r.begroting_primitief.unwrap_or(0)),
                        rijen.map(|r| r.begroting_na_wijziging.unwrap_or(0)),
                    ),
                };
                let real = rijen.map(|r| r.realisatie);
                let k: [Kolommen; 4] = std::array::from_fn(|j| Kolommen {
                    primitief: primitief[j],
                    na_wijziging: na[j],
                    realisatie: real[j],
                });
                programmas[i].push((naam.clone(), k));
            }
            realisaties.push((naam.clone(), invoer.clone()));
        }
        // Every programme of the year's begroting is accounted for, or the result is not the
        // year's.
        for programma in lezen::plannen(library, t, reads)?.into_iter().map(|p| p.programma) {
            if !inhoud.rekening.iter().any(|(_, p, _, _)| p.eq_ignore_ascii_case(&programma)) {
                problems.push(
                    diagnostic(&["jaarrekening"], format!("de begroting {t} heeft het programma {programma}, maar dit boek heeft er geen jaarverslag van"))
                        .with_hint(format!("maak het met `raadsstuk new jaarverslag --jaar {t} --programma \"{programma}\"`: de jaarrekening telt elk programma van de begroting op")),
                );
            }
        }
        // The book's own posts: their begroting from the begrotingsboek, their realisatie here.
        let mut posten: [Vec<(String, &str, bool, Kolommen)>; 2] = [Vec::new(), Vec::new()];
        let mut echt = algemeen.clone();
        let naam_van = |p: &str, q: &str| crate::domain::verbonden_partijen::zelfde_naam(p, q);
        for (i, p) in algemeen.algemene_dekkingsmiddelen.iter().enumerate() {
            let Some(r) = jr.algemene_dekkingsmiddelen.iter().find(|r| naam_van(&r.naam, &p.naam)) else {
                problems.push(
                    diagnostic(
                        &["jaarrekening", "algemene_dekkingsmiddelen"],
                        format!("de realisatie van het algemene dekkingsmiddel {} ontbreekt", p.naam),
                    )
                    .with_hint(format!("voeg toe: `- {{ naam: {}, realisatie: … }}`", p.naam)),
                );
                continue;
            };
            echt.algemene_dekkingsmiddelen[i].bedragen = Jaren([(t, r.realisatie)].into_iter().collect());
            for (k, eenheid) in [1, e].into_iter().enumerate() {
                let a = |x: i64| financien::afgerond(x, eenheid);
                let b = a(p.bedragen.get(t));
                posten[k].push((
                    p.naam.clone(),
                    "algemene_dekkingsmiddelen",
                    false,
                    Kolommen { primitief: b, na_wijziging: b, realisatie: a(r.realisatie) },
                ));
            }
        }
        for (i, r) in jr.algemene_dekkingsmiddelen.iter().enumerate() {
            if !algemeen.algemene_dekkingsmiddelen.iter().any(|p| naam_van(&p.naam, &r.naam)) {
                let namen: Vec<String> = algemeen.algemene_dekkingsmiddelen.iter().map(|p| p.naam.clone()).collect();
                problems.push(
                    diagnostic(
                        &["jaarrekening", "algemene_dekkingsmiddelen", &i.to_string(), "naam"],
                        format!("het begrotingsboek {t} heeft geen algemeen dekkingsmiddel {}", r.naam),
                    )
                    .with_hint(format!(
                        "de algemene dekkingsmiddelen van de begroting zijn {}",
                        crate::domain::format::opsomming(&namen)
                    )),
                );
            }
        }
        // The overhead: by line name; one figure is the post "Overhead".
        if let Some(o) = &algemeen.overhead {
            let regels: Vec<(String, i64)> = match &o.lasten {
                Bedragen::Regels(r) => r
                    .iter()
                    .map(|r| {
                        (r.naam.clone().unwrap_or_else(|| format!("categorie {}", r.categorie)), r.bedragen.get(t))
                    })
                    .collect(),
                Bedragen::Totaal(j) => vec![("Overhead".to_string(), j.get(t))],
            };
            let mut gevonden = Vec::new();
            for (naam, _) in &regels {
                match jr.overhead.iter().find(|r| naam_van(&r.naam, naam)) {
                    Some(r) => gevonden.push(r.realisatie),
                    None => {
                        problems.push(
                            diagnostic(
                                &["jaarrekening", "overhead"],
                                format!("de realisatie van de overhead `{naam}` ontbreekt"),
                            )
                            .with_hint(format!("voeg onder `overhead:` toe: `- {{ naam: {naam}, realisatie: … }}`")),
                        );
                        gevonden.push(0);
                    }
                }
            }
            for (i, r) in jr.overhead.iter().enumerate() {
                if !regels.iter().any(|(naam, _)| naam_van(naam, &r.naam)) {
                    let namen: Vec<String> = regels.iter().map(|(n, _)| n.clone()).collect();
                    problems.push(
                        diagnostic(
                            &["jaarrekening", "overhead", &i.to_string(), "naam"],
                            format!("de overhead in het begrotingsboek {t} heeft geen regel {}", r.naam),
                        )
                        .with_hint(format!(
                            "de regels van de overhead zijn {}",
                            crate::domain::format::opsomming(&namen)
                        )),
                    );
                }
            }
            echt.overhead = Some(LastenBaten {
                lasten: match &o.lasten {
                    Bedragen::Regels(r) => Bedragen::Regels(
                        r.iter().zip(&gevonden).map(|(r, g)| r.met(Jaren([(t, *g)].into_iter().collect()))).collect(),
                    ),
                    Bedragen::Totaal(_) => Bedragen::Totaal(Jaren([(t, gevonden[0])].into_iter().collect())),
                },
                baten: Bedragen::default(),
            });
            // Each line of the overhead as a row of its own: its name is what the reader knows.
            for ((naam, begroot), real) in regels.iter().zip(&gevonden) {
                let label = if naam == "Overhead" { naam.clone() } else { format!("Overhead: {naam}") };
                for (k, eenheid) in [1, e].into_iter().enumerate() {
                    let a = |x: i64| financien::afgerond(x, eenheid);
                    let kolommen = Kolommen { primitief: a(*begroot), na_wijziging: a(*begroot), realisatie: a(*real) };
                    posten[k].push((label.clone(), "overhead", true, kolommen));
                }
            }
        }
        let vpb = jr.vennootschapsbelasting.as_ref().map_or(0, |v| v.realisatie);
        let onvoorzien = algemeen.onvoorzien.as_ref().map_or(0, |o| o.get(t));
        if onvoorzien != 0 && jr.onvoorzien.is_none() {
            problems.push(
                diagnostic(&["jaarrekening"], "de realisatie van onvoorzien ontbreekt".into())
                    .with_hint("schrijf `onvoorzien: 0` als er niets van is gebruikt"),
            );
        }
        let onvoorzien_real = jr.onvoorzien.unwrap_or(0);
        echt.onvoorzien = algemeen.onvoorzien.as_ref().map(|o| match o {
            // What was spent of onvoorzien, on its first line's codes.
            Bedragen::Regels(r) => Bedragen::Regels(
                r.iter()
                    .enumerate()
                    .map(|(i, r)| r.met(Jaren([(t, if i == 0 { onvoorzien_real } else { 0 })].into_iter().collect())))
                    .collect(),
            ),
            Bedragen::Totaal(_) => Bedragen::Totaal(Jaren([(t, onvoorzien_real)].into_iter().collect())),
        });
        for (k, eenheid) in [1, e].into_iter().enumerate() {
            let a = |x: i64| financien::afgerond(x, eenheid);
            posten[k].push((
                "Vennootschapsbelasting".into(),
                "vennootschapsbelasting",
                true,
                Kolommen { primitief: 0, na_wijziging: 0, realisatie: a(vpb) },
            ));
            posten[k].push((
                "Onvoorzien".into(),
                "onvoorzien",
                true,
                Kolommen { primitief: a(onvoorzien), na_wijziging: a(onvoorzien), realisatie: a(onvoorzien_real) },
            ));
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let [exact_p, gedrukt_p] = programmas;
        let [exact_o, gedrukt_o] = posten;
        let exact = Overzicht { programmas: exact_p, posten: exact_o };
        let gedrukt = Overzicht { programmas: gedrukt_p, posten: gedrukt_o };
        // A verschil of the book's own posts above the threshold needs its toelichting; the
        // programmes' verschillen are explained in their chapters.
        let drempel = gemeente.financien.drempel_toelichting;
        for sleutel in ["algemene_dekkingsmiddelen", "overhead", "vennootschapsbelasting", "onvoorzien"] {
            let verschil: i64 =
                exact.regels().iter().filter(|(_, s)| *s == Some(sleutel)).map(|(r, _)| r.bedragen[3]).sum();
            if verschil.abs() > drempel && jr.toelichting.get(sleutel).is_none_or(|t| t.trim().is_empty()) {
                problems.push(
                    diagnostic(
                        &["jaarrekening", "toelichting"],
                        format!(
                            "het verschil bij {} ({}) is groter dan de drempel van {} en heeft geen toelichting",
                            sleutel.replace('_', " "),
                            crate::domain::format::money(verschil),
                            crate::domain::format::money(drempel)
                        ),
                    )
                    .with_hint(format!("voeg onder `jaarrekening:` toe: `toelichting:` met `{sleutel}: …`")),
                );
            }
        }
        // The balans's saldo van rekening is the gerealiseerd resultaat: computed once.
        if let Some(s) = jr.balans.get("P114")
            && s.eind != exact.resultaat()
        {
            problems.push(diagnostic(&["jaarrekening", "balans", "P114", "eind"], format!(
                "het saldo van rekening op 31 december ({}) is niet het gerealiseerd resultaat van het overzicht ({})",
                crate::domain::format::money(s.eind), crate::domain::format::money(exact.resultaat())
            )).with_hint("het resultaat volgt uit de programma's en de posten van het boek: corrigeer daar, of hier de stand"));
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        let overzicht = overzicht_tabel(&gedrukt, &exact, t, gemeente);
        let toelichtingen = ["algemene_dekkingsmiddelen", "overhead", "vennootschapsbelasting", "onvoorzien"]
            .iter()
            .filter_map(|s| {
                jr.toelichting.get(s).map(|t| (crate::domain::format::hoofdletter(&s.replace('_', " ")), t.clone()))
            })
            .collect();
        // The realisatie as a begroting of one year: the delivery adds it up as it does a
        // begroting's (reserves on 0.10, the result on 0.11, so lasten equal baten).
        let mut invoeren: Vec<(String, Invoer)> = realisaties
            .iter()
            .map(|(naam, i)| {
                let reserves = vec![begroting::Reserve {
                    naam: String::new(),
                    toevoegingen: Jaren([(t, i.toevoegingen_reserves.realisatie)].into_iter().collect()),
                    onttrekkingen: Jaren([(t, i.onttrekkingen_reserves.realisatie)].into_iter().collect()),
                }];
                (
                    naam.clone(),
                    Invoer {
                        lasten: i.lasten.als_jaar(t, |r| r.realisatie),
                        baten: i.baten.als_jaar(t, |r| r.realisatie),
                        reserves,
                        toelichting: String::new(),
                    },
                )
            })
            .collect();
        if let Some(v) = jr.vennootschapsbelasting.as_ref().filter(|v| v.realisatie != 0) {
            invoeren.push((
                "Vennootschapsbelasting".into(),
                Invoer {
                    lasten: Bedragen::Regels(vec![Begrotingsregel {
                        taakveld: "0.9".into(),
                        categorie: v.categorie.clone(),
                        naam: None,
                        incidenteel: false,
                        bedragen: Jaren([(t, v.realisatie)].into_iter().collect()),
                    }]),
                    baten: Bedragen::default(),
                    reserves: Vec::new(),
                    toelichting: String::new(),
                },
            ));
        }
        let list: Vec<begroting::Programma> =
            invoeren.iter().map(|(naam, invoer)| begroting::Programma { naam: naam.clone(), invoer }).collect();
        let definities = context.sources.iv3.definities(t);
        let mut levering = crate::domain::levering::begroting(&list, &echt, t, definities);
        levering.datum = Some(self.datum);
        levering.standen = jr
            .balans
            .iter()
            .flat_map(|(code, s)| {
                [(code.clone(), format!("1-1-{t}"), s.begin), (code.clone(), format!("31-12-{t}"), s.eind)]
            })
            .collect();
        let per_taakveld = per_taakveld(&levering, definities, gemeente);
        let incidenteel = incidenteel(&realisaties, t, gemeente);
        let balans = balans(jr, definities, t, gemeente);
        Ok(Some(Rekening {
            view: JaarrekeningView { overzicht, toelichtingen, per_taakveld, incidenteel, balans },
            levering,
        }))
    }
}

/// The year's begrotingsboek's own posts (algemene dekkingsmiddelen, overhead, onvoorzien),
/// read and recorded; `None` when there is no begrotingsboek of the year.
fn begrotingsboek(context: &RenderContext) -> Result<Option<Algemeen>, Problems> {
    let t = context.file.jaar;
    context.reads.read(crate::source::project::documenten_met_nummer_key(&[BEGROTING.soort], t));
    let Some(doc) = context
        .library
        .documents()
        .into_iter()
        .find(|d| d.jaar == t && crate::kinds::soort_line(context.library, d).as_deref() == Some(BEGROTING.soort))
    else {
        return Ok(None);
    };
    let loaded = context.library.load_read(&doc, context.reads).map_err(|p| {
        let d = Diagnostic::new(
            &doc.relative,
            format!("dit bestand bevat fouten en wordt gelezen voor de jaarrekening {t}"),
        );
        Problems(std::iter::once(d).chain(p.0).collect())
    })?;
    Ok(loaded.document.as_any().downcast_ref::<Boek>().map(Boek::algemeen))
}

fn overzicht_tabel(gedrukt: &Overzicht, exact: &Overzicht, t: i32, gemeente: &Gemeente) -> TableView {
    let rows = |o: &Overzicht| -> Vec<Regel> { o.regels().into_iter().map(|(r, _)| r).collect() };
    let gedrukt = rows(gedrukt);
    let labels = vec![
        format!("Begroting {t} primitief"),
        format!("Begroting {t} na wijziging"),
        format!("Realisatie {t}"),
        "Verschil".into(),
    ];
    let mut tabel = geld_tabel(&gedrukt, &rows(exact), labels, gemeente);
    let (e, notatie) = (gemeente.financien.eenheid, gemeente.financien.notatie);
    for (cells, r) in tabel.rijen.iter_mut().zip(&gedrukt) {
        if let (Some(cell), Some(v)) = (cells.get_mut(4), r.bedragen.get(3)) {
            *cell = financien::verschil(*v, e, notatie);
        }
    }
    tabel.noten.push(
        "Een positief verschil is voordelig. De verschillen per programma zijn toegelicht in hun hoofdstuk.".into(),
    );
    tabel
}

/// The realisatie per taakveld: the delivery's cells, lasten and baten per taakveld.
fn per_taakveld(
    levering: &Levering,
    definities: Option<&crate::domain::iv3::Definities>,
    gemeente: &Gemeente,
) -> Option<TableView> {
    let mut taakvelden: Vec<&str> = levering.cellen.iter().map(|c| c.taakveld.as_str()).collect();
    taakvelden.sort_by_key(|c| crate::domain::taakvelden::volgorde(c, definities));
    taakvelden.dedup();
    if taakvelden.is_empty() {
        return None;
    }
    // Printed from cells each rounded once, so every total is the sum of what it prints; the
    // open data keeps the euros.
    let rows = |eenheid: i64| -> Vec<Regel> {
        let som = |taakveld: &str, kant: Kant| -> i64 {
            levering
                .cellen
                .iter()
                .filter(|c| c.taakveld == taakveld && c.kant == kant)
                .map(|c| financien::afgerond(c.bedrag, eenheid))
                .sum()
        };
        let mut seen = Vec::new();
        let mut rows: Vec<Regel> = Vec::new();
        let (mut tl, mut tb) = (0i64, 0i64);
        for tv in &taakvelden {
            if seen.contains(tv) {
                continue;
            }
            seen.push(*tv);
            let naam = definities.and_then(|d| d.taakveld(tv)).map_or_else(|| tv.to_string(), |n| format!("{tv} {n}"));
            let (l, b) = (som(tv, Kant::Lasten), som(tv, Kant::Baten));
            (tl, tb) = (tl + l, tb + b);
            rows.push(Regel { label: naam, bedragen: vec![-l, b, b - l], totaal: false });
        }
        rows.push(Regel { label: "Totaal".into(), bedragen: vec![-tl, tb, tb - tl], totaal: true });
        rows
    };
    let mut tabel = geld_tabel(
        &rows(gemeente.financien.eenheid),
        &rows(1),
        vec!["Lasten".into(), "Baten".into(), "Saldo".into()],
        gemeente,
    );
    tabel.noten.push("Dezelfde bedragen als de Iv3-levering aan het CBS; 0.10 zijn de mutaties van reserves, 0.11 het resultaat, zodat lasten en baten gelijk zijn.".into());
    Some(tabel)
}

/// The incidentele baten en lasten: the jaarverslagen's lines marked incidenteel.
fn incidenteel(realisaties: &[(String, financien::Invoer)], t: i32, gemeente: &Gemeente) -> TableView {
    let mut rows = Vec::new();
    let (mut l, mut b) = (0i64, 0i64);
    for (naam, i) in realisaties {
        for (kant, posten) in [("lasten", &i.lasten), ("baten", &i.baten)] {
            for r in posten.regels().iter().filter(|r| r.incidenteel) {
                let bedrag = r.bedragen.realisatie;
                let wat = r.naam.clone().unwrap_or_else(|| format!("taakveld {}", r.taakveld));
                let (x, y) = if kant == "lasten" { (-bedrag, 0) } else { (0, bedrag) };
                l += x;
                b += y;
                rows.push(Regel { label: format!("Programma {naam}: {wat}"), bedragen: vec![x, y], totaal: false });
            }
        }
    }
    rows.push(Regel { label: "Totaal incidenteel".into(), bedragen: vec![l, b], totaal: true });
    let mut tabel = geld_tabel(&rows, &rows, vec![format!("Lasten {t}"), format!("Baten {t}")], gemeente);
    if rows.len() == 1 {
        tabel.noten.push("Geen regel van de jaarverslagen is als incidenteel gemarkeerd.".into());
    }
    tabel
}

/// The balans per Iv3 balance code, as the CBS groups them: the activa and the passiva, each
/// a table kept on one page, with their totals at the start and the end of the year.
fn balans(
    jr: &Jaarrekening,
    definities: Option<&crate::domain::iv3::Definities>,
    t: i32,
    gemeente: &Gemeente,
) -> Vec<TableView> {
    if jr.balans.is_empty() {
        return Vec::new();
    }
    let codes = definities.map(|d| d.balanscodes().to_vec()).unwrap_or_default();
    let mut out = Vec::new();
    for activa in [true, false] {
        let mut rows = Vec::new();
        let mut groep = String::new();
        let mut totaal = [0i64; 2];
        for c in codes.iter().filter(|c| c.activa == activa) {
            let Some(s) = jr.balans.get(&c.code) else { continue };
            if c.groep != groep {
                groep = c.groep.clone();
                rows.push(Regel { label: groep.clone(), bedragen: Vec::new(), totaal: false });
            }
            rows.push(Regel {
                label: format!("{} {}", c.code, c.omschrijving),
                bedragen: vec![s.begin, s.eind],
                totaal: false,
            });
            totaal = [totaal[0] + s.begin, totaal[1] + s.eind];
        }
        let zijde = if activa { "activa" } else { "passiva" };
        rows.push(Regel { label: format!("Totaal {zijde}"), bedragen: totaal.to_vec(), totaal: true });
        let mut tabel = geld_tabel(&rows, &rows, vec![format!("1-1-{t}"), format!("31-12-{t}")], gemeente);
        tabel.titel = Some(crate::domain::format::hoofdletter(zijde));
        tabel.heel = true;
        tabel.noten.retain(|n| n.starts_with("Elk bedrag"));
        out.push(tabel);
    }
    if let Some(p) = out.last_mut() {
        p.noten.push("Per balanscode van het CBS (Iv3). Het saldo van rekening op 31 december is het gerealiseerd resultaat van het overzicht hierboven, in hele euro's; afgerond kan het een eenheid verschillen van de som van de afgeronde bedragen daar.".into());
    }
    out
}
