//! A begrotingswijziging as a document shows it (a raadsvoorstel, a bestuursrapportage): the
//! table of its lines per year, its effect on the begroting of its year as it stands, whether
//! the raad adopted it, and the besluitpunt that amends the begroting. Its rules: lines on
//! codes of the year, years of the begroting and its ramingen, and programmes and taakvelden
//! the begroting of that year has.

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting::{self, Bedragen, Regel};
use crate::domain::iv3::{Definities, Kant};
use crate::domain::model::Gemeente;
use crate::domain::wijziging::{Begrotingswijziging, Vastgesteld, Wijzigingsregel};
use crate::kinds::RenderContext;
use crate::kinds::beleid::{lezen, wijzigingen};
use crate::kinds::feiten::Feit;
use crate::kinds::view::TableView;
use crate::source::yaml::YamlFile;

pub const TEMPLATES: [(&str, &str); 3] = [
    ("wijziging", include_str!("../../templates/wijziging.typ.hbs")),
    ("begrotingswijziging", include_str!("../../templates/begrotingswijziging.typ.hbs")),
    ("begrotingswijziging-inhoud", include_str!("../../templates/begrotingswijziging-inhoud.typ.hbs")),
];

/// What a page shows of a begrotingswijziging.
#[derive(Debug, Clone, Serialize)]
pub struct WijzigingView {
    /// "Begrotingswijziging 2024".
    pub titel: String,
    /// Adopted, or a proposal: whether it counts in the begroting na wijziging.
    pub status: String,
    /// Its lines per year, with the saldo.
    pub tabel: TableView,
    /// Per programme: the begroting of its year as it stands, this change, and after it.
    pub effect: TableView,
    /// Markdown.
    pub toelichting: String,
    /// The besluitpunt that amends the begroting.
    pub besluitpunt: String,
}

/// The read-time rules: years of the begroting and its ramingen, the codes of the year, names
/// filled in. Paths are below `pad` (the field that holds the wijziging).
pub fn check(
    w: &Begrotingswijziging,
    pad: &[&str],
    file: &YamlFile,
    definities: Option<&Definities>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |steps: &[&str]| file.locate(&[pad, steps].concat()).or_else(|| file.locate(pad));
    let jaren = w.begroting..=w.begroting + 3;
    if w.lasten.is_empty() && w.baten.is_empty() && w.reserves.is_empty() {
        out.push(
            file.diagnostic(at(&[]), "de begrotingswijziging heeft geen regels").with_hint(
                "geef `lasten:`, `baten:` of `reserves:` met per regel het programma en de bedragen per jaar",
            ),
        );
    }
    for (veld, kant, regels) in [("lasten", Kant::Lasten, &w.lasten), ("baten", Kant::Baten, &w.baten)] {
        for (i, r) in regels.iter().enumerate() {
            let i = i.to_string();
            if r.programma.trim().is_empty() {
                out.push(
                    file.diagnostic(at(&[veld, &i, "programma"]), "het programma is leeg").with_hint(
                        "noem het programma zoals de programmabegroting het noemt (`programma: Veiligheid`)",
                    ),
                );
            }
            for jaar in r.bedragen.0.keys().filter(|j| !jaren.contains(j)) {
                out.push(
                    file.diagnostic(
                        at(&[veld, &i, "bedragen", &jaar.to_string()]),
                        format!("{jaar} is geen jaar van de begroting {} of haar ramingen", w.begroting),
                    )
                    .with_hint(format!(
                        "de jaren zijn {} tot en met {}",
                        w.begroting,
                        w.begroting + 3
                    )),
                );
            }
        }
        if let Some(definities) = definities {
            let codes = regels.iter().map(|r| (r.taakveld.as_str(), r.categorie.as_str()));
            for (path, message, hint) in crate::domain::bedragen::check_regelcodes(codes, kant, definities) {
                let steps: Vec<&str> = std::iter::once(veld).chain(path.iter().map(String::as_str)).collect();
                out.push(file.diagnostic(at(&steps), message).with_hint(hint));
            }
        }
    }
    for (i, r) in w.reserves.iter().enumerate() {
        let i = i.to_string();
        for (veld, jaren_van) in [("toevoegingen", &r.toevoegingen), ("onttrekkingen", &r.onttrekkingen)] {
            for jaar in jaren_van.0.keys().filter(|j| !jaren.contains(j)) {
                out.push(
                    file.diagnostic(
                        at(&["reserves", &i, veld, &jaar.to_string()]),
                        format!("{jaar} is geen jaar van de begroting {} of haar ramingen", w.begroting),
                    )
                    .with_hint(format!(
                        "de jaren zijn {} tot en met {}",
                        w.begroting,
                        w.begroting + 3
                    )),
                );
            }
        }
    }
    out
}

/// A begroting can only be changed by the raad and within its own year: a wijziging adopted
/// after 31 December counts in no begroting na wijziging (the jaarrekening shows it as a
/// verschil instead).
pub fn check_vaststelling(
    w: &Begrotingswijziging,
    vastgesteld: Option<&crate::domain::model::Vaststelling>,
    file: &YamlFile,
) -> Vec<Diagnostic> {
    use chrono::Datelike;
    let Some(v) = vastgesteld.filter(|v| v.datum.year() > w.begroting) else { return Vec::new() };
    vec![
        file.diagnostic(
            file.find_key("vastgesteld", None),
            format!(
                "de begroting {} kan na afloop van {} niet meer worden gewijzigd: de raad stelde deze wijziging vast op {}",
                w.begroting,
                w.begroting,
                crate::domain::format::date(v.datum)
            ),
        )
        .with_hint("een wijziging van de begroting stelt de raad vast vóór 1 januari van het jaar erna; een overschrijding daarna licht de jaarrekening toe"),
    ]
}

/// Whether a besluitpunt's text amends the begroting (of `jaar`, when given): "de begroting
/// 2024 te wijzigen", "de begroting dienovereenkomstig te wijzigen".
pub fn wijzigt_begroting(tekst: &str, jaar: Option<i32>) -> bool {
    let t = tekst.to_lowercase();
    let begroting = match jaar {
        Some(j) => {
            t.contains(&format!("begroting {j}")) || (t.contains("begroting") && !t.chars().any(|c| c.is_ascii_digit()))
        }
        None => t.contains("begroting"),
    };
    let wijzigen = t.contains("wijzig") || t.contains("aan te passen") || t.contains("aanpassen");
    begroting && wijzigen && !t.contains("op te dragen")
}

/// The view of `w`, held by the document of date `datum`. Reads the begroting of its year (its
/// programmes) and the wijzigingen adopted before `datum`; a programme or taakveld that
/// begroting does not have is an error at its line. Its page says what it is, a proposal to the
/// raad, whether or not the raad has adopted it since: the adoption is recorded beside what was
/// sent (the manifest, the web edition), it never changes a PDF.
pub fn view(
    w: &Begrotingswijziging,
    pad: &[&str],
    datum: NaiveDate,
    context: &RenderContext,
) -> Result<WijzigingView, Problems> {
    let (library, reads, gemeente) = (context.library, context.reads, context.sources.gemeente);
    let jaar = w.begroting;
    let yaml = library.yaml(&context.file.relative);
    let diagnostic = |steps: &[&str], message: String| match &yaml {
        Some(y) => y.diagnostic(y.locate(&[pad, steps].concat()).or_else(|| y.locate(pad)), message),
        None => Diagnostic::new(&context.file.relative, message),
    };
    let mut problems = Vec::new();
    // The begroting of its year as it stands: primitief, with what the raad adopted before.
    let programmas = w.programmas();
    let eerder: Vec<Vastgesteld> = wijzigingen::vastgesteld(library, jaar, Some(datum), reads)?
        .into_iter()
        .filter(|v| v.bestand != context.file.relative)
        // Only those that change a programme this one changes: the others are not in its table.
        .filter(|v| v.wijziging.programmas().iter().any(|p| programmas.iter().any(|q| p.eq_ignore_ascii_case(q))))
        .collect();
    let eenheid = gemeente.financien.eenheid;
    let mut effect = Vec::new();
    for programma in w.programmas() {
        let Some((_, feiten)) = lezen::bron(library, Feit::Plan, jaar, programma, reads)? else {
            let (veld, i) = plek(w, programma);
            let bestaande: Vec<String> =
                lezen::plannen(library, jaar, reads)?.into_iter().map(|p| p.programma).collect();
            if bestaande.is_empty() {
                problems.push(
                    diagnostic(&["begroting"], format!("er is geen programmabegroting {jaar} om te wijzigen"))
                        .with_hint(format!("een begrotingswijziging wijzigt een begroting van dit project: maak eerst de programmabegroting {jaar}, of kies het jaar van een bestaande")),
                );
                continue;
            }
            problems.push(
                diagnostic(
                    &[veld, &i, "programma"],
                    format!("de programmabegroting {jaar} heeft geen programma {programma}"),
                )
                .with_hint(format!(
                    "de programma's van de begroting {jaar} zijn {}",
                    crate::domain::format::opsomming(&bestaande)
                )),
            );
            continue;
        };
        let Some(invoer) = feiten.plan.and_then(|p| p.financien) else {
            let (veld, i) = plek(w, programma);
            problems.push(
                diagnostic(
                    &[veld, &i, "programma"],
                    format!("de programmabegroting {jaar} van {programma} heeft geen financiën"),
                )
                .with_hint("vul eerst de financiën van dat programma in: de wijziging telt daarbij op"),
            );
            continue;
        };
        for (veld, bedragen, regels) in [("lasten", &invoer.lasten, &w.lasten), ("baten", &invoer.baten, &w.baten)] {
            let Bedragen::Regels(lijnen) = bedragen else { continue };
            for (i, r) in regels.iter().enumerate().filter(|(_, r)| r.programma.eq_ignore_ascii_case(programma)) {
                if !lijnen.iter().any(|l| l.taakveld == r.taakveld.trim()) {
                    let heeft: Vec<String> = lijnen
                        .iter()
                        .map(|l| l.taakveld.clone())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    problems.push(
                        diagnostic(&[veld, &i.to_string(), "taakveld"], format!(
                            "de begroting {jaar} van {programma} heeft geen {veld} op taakveld {}",
                            r.taakveld
                        ))
                        .with_hint(format!(
                            "de {veld} van {programma} staan op taakveld {}; een nieuw taakveld komt eerst in de programmabegroting",
                            crate::domain::format::opsomming(&heeft)
                        )),
                    );
                }
            }
        }
        let stand = crate::domain::wijziging::na_wijziging(&invoer, programma, jaar, &eerder, eenheid);
        let wijz = w.afgerond(eenheid).rijen(programma, jaar);
        for (label, voor, delta, teken) in [
            ("lasten", stand[0], wijz[0], -1),
            ("baten", stand[1], wijz[1], 1),
            ("toevoegingen reserves", stand[2], wijz[2], -1),
            ("onttrekkingen reserves", stand[3], wijz[3], 1),
        ] {
            if delta == 0 && label != "lasten" && voor == 0 {
                continue;
            }
            effect.push(Regel {
                label: format!("{programma}: {label}"),
                bedragen: vec![teken * voor, teken * delta, teken * (voor + delta)],
                totaal: false,
            });
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let voor = match eerder.is_empty() {
        true => format!("Begroting {jaar} primitief"),
        false => format!("Begroting {jaar} tot nu"),
    };
    let mut effect = crate::kinds::programma::geld_tabel(
        &effect,
        &effect,
        vec![voor, "Deze wijziging".into(), "Na deze wijziging".into()],
        gemeente,
    );
    effect.titel = Some(format!("Effect op de begroting {jaar}"));
    if !eerder.is_empty() {
        effect.noten.push(format!(
            "Begroting {jaar} tot nu: de primitieve begroting {}.",
            crate::domain::wijziging::met_wijzigingen(&eerder)
        ));
    }
    let status = format!(
        "Voorstel aan de raad: deze begrotingswijziging telt mee in de begroting {jaar} na wijziging zodra de raad haar vaststelt."
    );
    Ok(WijzigingView {
        titel: format!("Begrotingswijziging {jaar}"),
        status,
        tabel: tabel(w, gemeente, context.sources.iv3.definities(jaar)),
        effect,
        toelichting: w.toelichting.clone(),
        besluitpunt: besluitpunt(w),
    })
}

/// The besluitpunt that amends the begroting: added to the document's own.
pub fn besluitpunt(w: &Begrotingswijziging) -> String {
    format!("de begroting {} te wijzigen volgens de begrotingswijziging in de bijlage.", w.begroting)
}

/// Where a programme is first named: the field and the index, for its error.
fn plek(w: &Begrotingswijziging, programma: &str) -> (&'static str, String) {
    let eerste = |r: &[Wijzigingsregel]| r.iter().position(|r| r.programma.eq_ignore_ascii_case(programma));
    match (eerste(&w.lasten), eerste(&w.baten)) {
        (Some(i), _) => ("lasten", i.to_string()),
        (None, Some(i)) => ("baten", i.to_string()),
        (None, None) => (
            "reserves",
            w.reserves.iter().position(|r| r.programma.eq_ignore_ascii_case(programma)).unwrap_or(0).to_string(),
        ),
    }
}

/// The table of the lines per year: lasten (negative), baten, the reserves' mutations, and the
/// saldo, the effect on the begrotingssaldo.
fn tabel(w: &Begrotingswijziging, gemeente: &Gemeente, definities: Option<&Definities>) -> TableView {
    let jaren: Vec<i32> =
        (w.begroting..=w.begroting + 3).filter(|j| w.jaren().contains(j) || *j == w.begroting).collect();
    let rijen = |w: &Begrotingswijziging| -> Vec<Regel> {
        let mut out = Vec::new();
        let kop = |label: &str| Regel { label: label.into(), bedragen: Vec::new(), totaal: false };
        for (label, regels, teken) in [("Lasten", &w.lasten, -1), ("Baten", &w.baten, 1)] {
            if regels.is_empty() {
                continue;
            }
            out.push(kop(label));
            for r in regels {
                let wat = r.naam.clone().or_else(|| {
                    definities.and_then(|d| d.taakveld(&r.taakveld)).map(|t| format!("{} {t}", r.taakveld))
                });
                out.push(Regel {
                    label: format!(
                        "{}: {} ({} {}, {})",
                        r.programma,
                        wat.unwrap_or_else(|| r.taakveld.clone()),
                        r.taakveld,
                        r.categorie,
                        if r.incidenteel { "incidenteel" } else { "structureel" }
                    ),
                    bedragen: jaren.iter().map(|j| teken * r.bedragen.get(*j)).collect(),
                    totaal: false,
                });
            }
        }
        if !w.reserves.is_empty() {
            out.push(kop("Reserves"));
            for r in &w.reserves {
                for (wat, jaren_van, teken) in
                    [("toevoeging aan", &r.toevoegingen, -1), ("onttrekking aan", &r.onttrekkingen, 1)]
                {
                    if jaren_van.0.is_empty() {
                        continue;
                    }
                    out.push(Regel {
                        label: format!("{}: {wat} {}", r.programma, r.naam),
                        bedragen: jaren.iter().map(|j| teken * jaren_van.get(*j)).collect(),
                        totaal: false,
                    });
                }
            }
        }
        out.push(Regel {
            label: "Saldo van de begrotingswijziging".into(),
            bedragen: jaren.iter().map(|j| w.saldo(*j)).collect(),
            totaal: true,
        });
        out
    };
    let labels = jaren.iter().map(|j| begroting::kolom_label(w.begroting, *j)).collect();
    let mut t = crate::kinds::programma::geld_tabel(
        &rijen(&w.afgerond(gemeente.financien.eenheid)),
        &rijen(w),
        labels,
        gemeente,
    );
    t.noten.push("Een negatief saldo is nadelig: het begrotingssaldo daalt.".into());
    t
}
