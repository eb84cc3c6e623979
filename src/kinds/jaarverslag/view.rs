//! The programme chapter of a jaarverslag: beleidsdoelen with what was achieved and done, the
//! indicator tables with computed statuses and trend charts, the BBV indicators, and
//! "Wat heeft het gekost?" with computed totals.

use serde::Serialize;

use super::model::{Beoordeling, Jaarverslag};
use crate::domain::financien;
use crate::domain::format;
use crate::domain::model::{Gemeente, Status};
use crate::domain::waarde::{self, Waarde};
use crate::kinds::beleid::Beleid;
use crate::kinds::charts::{self, Bars, Palette, Trend};
use crate::kinds::programma::{self, PartnersView, ThemaView};
use crate::kinds::view::{ChartFile, ChartView, Meta, Style, TableView, style};

#[derive(Debug, Clone, Serialize)]
pub struct JaarverslagView {
    pub meta: Meta,
    pub huisstijl: Style,
    pub titel: String,
    pub programma: String,
    pub inleiding: String,
    pub vraag_bereikt: String,
    pub vraag_indicatoren: String,
    pub vraag_bbv: String,
    pub vraag_gekost: String,
    pub beleidsdoelen: Vec<BeleidsdoelView>,
    /// Themes and partners of the programme as a whole.
    pub themas: Vec<ThemaView>,
    pub partners: Option<PartnersView>,
    pub bbv: Option<TableView>,
    pub financien: Option<FinanceView>,
}

crate::view!(JaarverslagView);

#[derive(Debug, Clone, Serialize)]
pub struct BeleidsdoelView {
    pub kop: String,
    pub tekst: String,
    pub activiteiten: Option<TableView>,
    /// Activities with a toelichting, in order.
    pub toelichtingen: Vec<KopTekst>,
    pub themas: Vec<ThemaView>,
    pub speerpunten: Vec<String>,
    pub partners: Option<PartnersView>,
    pub indicatoren: Vec<IndicatorRow>,
    /// The indicator table's headers and cells as text: what its columns are measured by.
    pub indicatortabel: TableView,
    pub grafieken: Vec<ChartView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KopTekst {
    pub kop: String,
    pub tekst: String,
}

/// One indicator of the year, with its computed status.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub naam: String,
    pub eenheid: String,
    pub meting: String,
    pub streefwaarde: String,
    pub realisatie: String,
    pub status: String,
    pub symbool: String,
    /// Fill colour of the status cell (always with the word: never colour alone).
    pub kleur: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinanceView {
    pub eenheid_label: String,
    pub tabel: TableView,
    /// The lines per taakveld and categorie, for a chapter that enters them.
    pub per_taakveld: Option<TableView>,
    pub grafiek: ChartView,
    pub toelichtingen: Vec<KopTekst>,
}

/// What the chapter's finance reads besides its own file.
pub struct Bronnen<'a> {
    /// The Iv3 definitions of its year (the taakvelden's names).
    pub definities: Option<&'a crate::domain::iv3::Definities>,
    /// The columns other documents own (in euros, as printed), and a sentence per column for
    /// under the table.
    pub gelezen: super::chain::Gelezen,
    /// The project's verbonden partijen, when the jaarverslag names one.
    pub partijen: Option<&'a crate::domain::verbonden_partijen::VerbondenPartijen>,
}

pub fn jaarverslag(
    j: &Jaarverslag,
    beleid: &Beleid,
    gemeente: &Gemeente,
    jaar: i32,
    charts_dir: &str,
    bronnen: &Bronnen,
) -> (JaarverslagView, Vec<ChartFile>) {
    let h = &gemeente.huisstijl;
    let palette = Palette { primair: charts::rgb(&h.kleur_primair), secundair: charts::rgb(&h.kleur_secundair) };
    let mut files = Vec::new();
    let meta = Meta {
        titel: format!("Jaarverslag {jaar} – programma {}", j.programma),
        soort: "Jaarverslag".into(),
        kop: format!("Jaarverslag {jaar} · {}", j.programma),
        nummer: None,
        jaar,
        gemeente: gemeente.naam.clone(),
        auteurs: vec![format!("Gemeente {}", gemeente.naam)],
        omschrijving: format!("Jaarverslag {jaar}, programma {}, gemeente {}", j.programma, gemeente.naam),
        trefwoorden: vec![jaar.to_string(), "jaarverslag".into(), j.programma.to_lowercase()],
        datum: format::date(j.datum),
        datum_iso: j.datum.into(),
        concept: j.status == Status::Concept,
        // Trend charts and tables show earlier years: illustrative figures there mark this
        // document too.
        voorbeeldgegevens: j.voorbeeldgegevens
            || beleid.jaarverslagen.range(..=jaar).flat_map(|(_, l)| l).any(|(_, earlier)| earlier.voorbeeldgegevens)
            || beleid.begrotingen.range(..=jaar).flat_map(|(_, l)| l).any(|(_, b)| b.voorbeeldgegevens),
        herzien: None,
        bundel: false,
        voorblad: false,
        boek: false,
    };

    let beleidsdoelen = j
        .beleidsdoelen
        .iter()
        .map(|b| {
            let activiteiten = (!b.activiteiten.is_empty()).then(|| TableView {
                titel: Some("Activiteiten".into()),
                kolommen: vec![j.kolommen.code.clone(), j.kolommen.activiteit.clone()],
                rijen: b
                    .activiteiten
                    .iter()
                    .map(|a| vec![a.code.clone().unwrap_or_else(|| "–".into()), a.titel.clone()])
                    .collect(),
                rijkop: true,
                ..Default::default()
            });
            let toelichtingen = b
                .activiteiten
                .iter()
                .filter(|a| !a.toelichting.trim().is_empty())
                .map(|a| KopTekst {
                    kop: match &a.code {
                        Some(code) => format!("{code}. {}", a.titel),
                        None => a.titel.clone(),
                    },
                    tekst: match &a.opmerking {
                        Some(o) => format!(
                            "{}\n\n*{}:* {}",
                            a.toelichting,
                            programma::escape_markdown(&j.kolommen.opmerking),
                            programma::escape_markdown(o)
                        ),
                        None => a.toelichting.clone(),
                    },
                })
                .collect();
            let mut indicatoren = Vec::new();
            let mut grafieken = Vec::new();
            for r in &b.indicatoren {
                let Some(def) = beleid.indicatoren.get(&r.id) else { continue };
                let meting = beleid.meting(&r.id, jaar);
                let streef = beleid.streefwaarde(&r.id, jaar);
                let real = r.realisatie.clone();
                let mut status = waarde::status(streef.as_ref(), real.as_ref(), def.richting);
                if status == waarde::Doelstatus::NietTeBepalen {
                    status = match r.beoordeling {
                        Some(Beoordeling::Behaald) => waarde::Doelstatus::Behaald,
                        Some(Beoordeling::NietBehaald) => waarde::Doelstatus::NietBehaald,
                        None => status,
                    };
                }
                indicatoren.push(IndicatorRow {
                    naam: def.naam.clone(),
                    eenheid: def.eenheid.clone(),
                    meting: meting.map_or_else(|| "–".into(), |m| format!("{} ({})", m.waarde, m.jaar)),
                    streefwaarde: streef.as_ref().map_or_else(|| "–".into(), Waarde::to_string),
                    realisatie: real.as_ref().map_or_else(|| "–".into(), Waarde::to_string),
                    status: status.label().into(),
                    symbool: status.symbol().into(),
                    kleur: status_colour(status).into(),
                });
                if let Some(chart) = trend_chart(
                    &r.id,
                    def,
                    beleid,
                    jaar,
                    &format!("{charts_dir}/{}.svg", files.len() + 1),
                    &h.lettertype,
                    palette,
                ) {
                    files.push(chart.1);
                    grafieken.push(chart.0);
                }
            }
            BeleidsdoelView {
                kop: programma::doel_kop(&j.doel_label, b.code.as_deref(), &b.titel),
                tekst: b.tekst.clone(),
                activiteiten,
                toelichtingen,
                themas: programma::themas(&b.themas, &j.kolommen, 2),
                speerpunten: b.speerpunten.clone(),
                partners: programma::partners(b.partners.as_ref(), bronnen.partijen, jaar, true, gemeente),
                indicatortabel: TableView {
                    kolommen: vec![
                        "Indicator".into(),
                        "Eenheid".into(),
                        "Meting".into(),
                        format!("Streefwaarde {jaar}"),
                        format!("Realisatie {jaar}"),
                        "Status".into(),
                    ],
                    rijen: indicatoren
                        .iter()
                        .map(|r| {
                            let status = format!("{} {}", r.symbool, r.status);
                            vec![
                                r.naam.clone(),
                                r.eenheid.clone(),
                                r.meting.clone(),
                                r.streefwaarde.clone(),
                                r.realisatie.clone(),
                                status,
                            ]
                        })
                        .collect(),
                    rijkop: true,
                    ..Default::default()
                },
                indicatoren,
                grafieken,
            }
        })
        .collect();

    let bbv = programma::bbv_tabel(&j.bbv_indicatoren);
    let super::chain::Gelezen { exact: gelezen, gedrukt: gelezen_gedrukt, noten: gelezen_noten, na_wijziging_regels } =
        &bronnen.gelezen;
    let financien = j.financien.as_ref().map(|invoer| {
        let instellingen = &gemeente.financien;
        let eenheid_label = if instellingen.eenheid == 1 {
            "bedragen in €".to_string()
        } else {
            format!("bedragen x € {}", format::integer(instellingen.eenheid))
        };
        // Printed from amounts rounded once (totals and verschillen follow from what is
        // printed); the open data keeps the euros.
        let regels = financien::regels(invoer, *gelezen);
        let gedrukt = financien::regels(&invoer.afgerond(instellingen.eenheid), *gelezen_gedrukt);
        let b = |x: i64| financien::bedrag(x, instellingen.eenheid, instellingen.notatie);
        let tabel = TableView {
            kolommen: vec![
                eenheid_label.clone(),
                format!("Realisatie {}", jaar - 1),
                format!("Begroting {jaar} primitief"),
                format!("Begroting {jaar} na wijziging"),
                format!("Realisatie {jaar}"),
                "Verschil".into(),
            ],
            rijen: gedrukt
                .iter()
                .map(|r| {
                    vec![
                        r.label.to_string(),
                        b(r.bedragen.realisatie_vorig_jaar),
                        b(r.bedragen.begroting_primitief),
                        b(r.bedragen.begroting_na_wijziging),
                        b(r.bedragen.realisatie),
                        financien::verschil(r.verschil, instellingen.eenheid, instellingen.notatie),
                    ]
                })
                .collect(),
            rijkop: true,
            euro: regels
                .iter()
                .map(|r| {
                    let k = &r.bedragen;
                    vec![
                        None,
                        Some(k.realisatie_vorig_jaar),
                        Some(k.begroting_primitief),
                        Some(k.begroting_na_wijziging),
                        Some(k.realisatie),
                        Some(r.verschil),
                    ]
                })
                .collect(),
            noten: std::iter::once(match instellingen.notatie {
                financien::Notatie::Minteken => {
                    "Lasten en toevoegingen staan als negatief bedrag; een positief verschil is voordelig.".to_string()
                }
                financien::Notatie::NV => {
                    "V = voordelig, N = nadelig ten opzichte van de begroting na wijziging.".to_string()
                }
            })
            .chain((instellingen.eenheid > 1).then(|| {
                "Elk bedrag is één keer afgerond; totalen en verschillen volgen uit de afgeronde bedragen.".to_string()
            }))
            .chain(gelezen_noten.iter().cloned())
            .collect(),
            ..Default::default()
        };
        let per_taakveld = per_taakveld(invoer, na_wijziging_regels.as_ref(), jaar, bronnen.definities, gemeente);
        // As in the table: lasten are shown negative there, as amounts here.
        let (lasten, baten) = (&regels[0].bedragen, &regels[1].bedragen);
        let bars = Bars {
            titel: j.programma.clone(),
            groepen: vec![
                ("Lasten".into(), -lasten.begroting_na_wijziging, -lasten.realisatie),
                ("Baten".into(), baten.begroting_na_wijziging, baten.realisatie),
            ],
            reeksen: ["begroting na wijziging".into(), "realisatie".into()],
            eenheid: instellingen.eenheid,
            eenheid_label: eenheid_label.replace("bedragen ", ""),
        };
        let pad = format!("{charts_dir}/{}.svg", files.len() + 1);
        files.push(ChartFile { pad: pad.clone(), svg: charts::bars_svg(&bars, &h.lettertype, palette) });
        let grafiek = ChartView {
            pad,
            breedte: charts::BARS_WIDTH,
            titel: charts::caption(&format!("Begroting na wijziging en realisatie {jaar}"), &bars.eenheid_label),
            alt: charts::bars_alt(&bars),
            tabel: TableView {
                kolommen: vec![eenheid_label.clone(), "Begroting na wijziging".into(), "Realisatie".into()],
                rijen: bars.groepen.iter().map(|(l, x, y)| vec![l.clone(), b(*x), b(*y)]).collect(),
                rijkop: true,
                euro: bars.groepen.iter().map(|(_, x, y)| vec![None, Some(*x), Some(*y)]).collect(),
                ..Default::default()
            },
        };
        let toelichtingen = regels
            .iter()
            .filter_map(|r| {
                invoer.toelichting.get(r.sleutel).map(|t| KopTekst { kop: r.label.to_string(), tekst: t.clone() })
            })
            .collect();
        FinanceView { eenheid_label, tabel, per_taakveld, grafiek, toelichtingen }
    });

    let view = JaarverslagView {
        meta,
        huisstijl: style(gemeente),
        titel: format!("Jaarverslag {jaar}"),
        programma: j.programma.clone(),
        inleiding: j.inleiding.clone(),
        vraag_bereikt: j.vragen.bereikt.clone(),
        vraag_indicatoren: j.vragen.indicatoren.clone(),
        vraag_bbv: j.vragen.bbv.clone(),
        vraag_gekost: j.vragen.gekost.clone(),
        beleidsdoelen,
        themas: programma::themas(&j.themas, &j.kolommen, 1),
        partners: programma::partners(j.partners.as_ref(), bronnen.partijen, jaar, true, gemeente),
        bbv,
        financien,
    };
    (view, files)
}

/// The lines per taakveld and categorie of a chapter that enters them: begroting na wijziging,
/// realisatie and verschil (the begroting primitief and the realisatie of the year before are
/// in the table above, as the documents that own them have them). `None` without lines.
fn per_taakveld(
    invoer: &financien::Invoer,
    na_wijziging: Option<&[crate::domain::begroting::Bedragen; 2]>,
    jaar: i32,
    definities: Option<&crate::domain::iv3::Definities>,
    gemeente: &Gemeente,
) -> Option<TableView> {
    use crate::domain::begroting::{Bedragen, Jaren, Regel};
    let e = gemeente.financien.eenheid;
    // The begroting na wijziging per line: typed on the jaarverslag's lines, or read (the
    // begroting's lines with the adopted wijzigingen, keyed by year), with the realisatie of
    // each jaarverslag line on the line of the same taakveld, categorie and name.
    let kolommen = |posten: &financien::Posten, gelezen: Option<&Bedragen>, afronden: bool| -> Bedragen {
        let Some(gelezen) = gelezen else { return posten.als_kolommen() };
        let gelezen = if afronden { gelezen.afgerond(e) } else { gelezen.clone() };
        let op_nul = match gelezen {
            Bedragen::Totaal(j) => Bedragen::Totaal(Jaren([(0, j.get(jaar))].into_iter().collect())),
            Bedragen::Regels(r) => Bedragen::Regels(
                r.iter().map(|r| r.met(Jaren([(0, r.bedragen.get(jaar))].into_iter().collect()))).collect(),
            ),
        };
        op_nul.met_jaar(1, &posten.als_jaar(1, |r| r.realisatie))
    };
    let rows = |invoer: &financien::Invoer, afronden: bool| -> Vec<Regel> {
        let zijden = [
            &kolommen(&invoer.lasten, na_wijziging.map(|n| &n[0]), afronden),
            &kolommen(&invoer.baten, na_wijziging.map(|n| &n[1]), afronden),
        ];
        crate::domain::taakvelden::regels(zijden, &[0, 1], definities)
            .into_iter()
            .map(|mut r| {
                // The effect on the result: with lasten negative, realisatie minus begroting.
                if let [na, real] = r.bedragen[..] {
                    r.bedragen.push(real.saturating_sub(na));
                }
                r
            })
            .collect()
    };
    // Per taakveld only where the jaarverslag gives its realisatie per taakveld.
    if invoer.lasten.regels().is_empty() && invoer.baten.regels().is_empty() {
        return None;
    }
    let exact = rows(invoer, false);
    if exact.is_empty() {
        return None;
    }
    let gedrukt = rows(&invoer.afgerond(e), true);
    let labels = vec![format!("Begroting {jaar} na wijziging"), format!("Realisatie {jaar}"), "Verschil".into()];
    let mut tabel = programma::geld_tabel(&gedrukt, &exact, labels, gemeente);
    // The verschil in the gemeente's notation (V/N or a sign), as in the table above.
    for (cells, r) in tabel.rijen.iter_mut().zip(&gedrukt) {
        if let (Some(cell), Some(v)) = (cells.get_mut(3), r.bedragen.get(2)) {
            *cell = financien::verschil(*v, e, gemeente.financien.notatie);
        }
    }
    tabel.titel = Some("Lasten en baten per taakveld".into());
    // A taakveld's heading is never parted from its lines: a table that fits a page stays whole.
    tabel.heel = tabel.rijen.len() <= 30;
    Some(tabel)
}

/// Light fills that keep black text readable; the status word carries the meaning.
fn status_colour(s: waarde::Doelstatus) -> &'static str {
    match s {
        waarde::Doelstatus::Behaald => "#D5EDD9",
        waarde::Doelstatus::NietBehaald => "#F6D5D1",
        _ => "#EDEDED",
    }
}

/// A trend chart for an indicator with at least one numeric realisatie.
/// The space between a chart and the table beside it, in points (as in the template).
const CHART_GUTTER: f64 = 10.0;

fn trend_chart(
    id: &str,
    def: &crate::domain::model::Indicator,
    beleid: &Beleid,
    jaar: i32,
    pad: &str,
    font: &str,
    palette: Palette,
) -> Option<(ChartView, ChartFile)> {
    // From the baseline of the Kadernota in force on: earlier years belong to earlier policy.
    let sinds = beleid.meting(id, jaar).map_or(i32::MIN, |m| m.jaar);
    let realisaties: Vec<(i32, waarde::Getal)> = beleid
        .realisaties_tot(id, jaar)
        .into_iter()
        .filter(|(y, _)| *y >= sinds)
        .filter_map(|(y, w)| w.getal().map(|g| (y, g)))
        .collect();
    // Values beyond what a chart can scale to are shown in the table only.
    let drawable = |g: &waarde::Getal| g.waarde.is_finite() && g.waarde.abs() < 1e12;
    if realisaties.iter().any(|(_, g)| !drawable(g)) {
        return None;
    }
    // A trend needs at least two points in time.
    if realisaties.is_empty() || realisaties.len() + usize::from(beleid.meting(id, jaar).is_some()) < 2 {
        return None;
    }
    let meting = beleid.meting(id, jaar).and_then(|m| m.waarde.getal().filter(drawable).map(|g| (m.jaar, g)));
    let streef: Vec<(i32, waarde::Getal)> = beleid
        .streefwaarden_tot(id, jaar)
        .into_iter()
        .filter_map(|(y, w)| w.grens().filter(drawable).map(|g| (y, g)))
        .collect();
    let procent = realisaties[0].1.procent;
    let trend = Trend {
        titel: def.naam.clone(),
        eenheid: def.eenheid.clone(),
        meting: meting.map(|(y, g)| (y, g.waarde)),
        realisaties: realisaties.iter().map(|(y, g)| (*y, g.waarde)).collect(),
        streefwaarden: streef.iter().map(|(y, g)| (*y, g.waarde)).collect(),
        procent,
    };
    let pad = pad.to_string();
    let svg = charts::trend_svg(&trend, font, palette);
    // The chart's numbers as a table: every year from the baseline on.
    let first = meting.map_or(realisaties[0].0, |(y, _)| y);
    let rijen = (first..=jaar)
        .map(|y| {
            let s = beleid.streefwaarde(id, y).map_or_else(|| "–".into(), |w| w.to_string());
            let r = match (meting.filter(|(my, _)| *my == y), beleid.realisatie(id, y)) {
                (_, Some(w)) => w.to_string(),
                (Some((_, g)), None) => format!("{g} (meting)"),
                (None, None) => "–".into(),
            };
            vec![y.to_string(), s, r]
        })
        .collect();
    Some((
        ChartView {
            pad: pad.clone(),
            breedte: charts::TREND_WIDTH,
            titel: charts::caption(&def.naam, &def.eenheid),
            alt: charts::trend_alt(&trend),
            tabel: TableView {
                kolommen: vec!["Jaar".into(), "Streefwaarde".into(), "Realisatie".into()],
                rijen,
                rijkop: true,
                // Beside the chart: what the text width leaves (see the template's grid).
                beschikbaar: Some(crate::kinds::view::TEXT_WIDTH - charts::TREND_WIDTH - CHART_GUTTER),
                ..Default::default()
            },
        },
        ChartFile { pad, svg },
    ))
}
