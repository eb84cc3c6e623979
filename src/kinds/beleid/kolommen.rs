//! The columns of a begroting that other documents own, read rather than typed: the realisatie
//! t-2 from the jaarverslag of t-2, the begroting t-1 from the programmabegroting of t-1, both
//! of the same programme. A correction there reaches every begroting and book that shows it.

use chrono::NaiveDate;

use super::{lezen, wijzigingen};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting::{self, Invoer, Jaren, Kolom, Reserve};
use crate::domain::financien;
use crate::kinds::Library;
use crate::kinds::feiten::Feit;
use crate::source::project::{DocumentFile, Reads};

/// Where the columns t-2 and t-1 of the begroting of `t` of a programme come from, when their
/// documents exist with finance: (file, what it is, the column read). The begroting t-1 is
/// that year's begroting na wijziging: with every begrotingswijziging the raad adopted on or
/// before `datum`, the begroting's own date (all of them without one).
#[allow(clippy::type_complexity)]
pub fn bronnen(
    library: &dyn Library,
    t: i32,
    programma: &str,
    datum: Option<NaiveDate>,
    reads: &Reads,
) -> Result<[Option<(String, String, Kolom)>; 2], Problems> {
    let realisatie = lezen::bron(library, Feit::Verantwoording, t - 2, programma, reads)?.and_then(|(bron, f)| {
        let jv = f.verantwoording?.financien?;
        let [_, _, toevoegingen, onttrekkingen] = financien::realisatie(&jv);
        let een = |b: i64| Jaren([(t - 2, b)].into_iter().collect());
        let kolom = Kolom {
            jaar: t - 2,
            lasten: jv.lasten.als_jaar(t - 2, |r| r.realisatie),
            baten: jv.baten.als_jaar(t - 2, |r| r.realisatie),
            // A jaarverslag accounts for its reserves together: a reserve without a name.
            reserves: vec![Reserve {
                naam: String::new(),
                toevoegingen: een(toevoegingen),
                onttrekkingen: een(onttrekkingen),
            }],
        };
        Some((bron, format!("het jaarverslag {}", t - 2), kolom))
    });
    let vorige = match lezen::bron(library, Feit::Plan, t - 1, programma, reads)?
        .and_then(|(bron, f)| Some((bron, f.plan?.financien?)))
    {
        Some((bron, b)) => {
            let wijzigingen = crate::domain::wijziging::van_programma(
                &wijzigingen::vastgesteld(library, t - 1, datum, reads)?,
                programma,
            );
            let kolom = crate::domain::wijziging::kolom_na_wijziging(&b.kolom(t - 1), programma, &wijzigingen);
            let wat = match wijzigingen.is_empty() {
                true => format!("de programmabegroting {}", t - 1),
                false => format!(
                    "de programmabegroting {} {}",
                    t - 1,
                    crate::domain::wijziging::met_wijzigingen(&wijzigingen)
                ),
            };
            Some((bron, wat, kolom))
        }
        None => None,
    };
    Ok([realisatie, vorige])
}

/// A begroting's finance with the columns t-2 and t-1 read where their document exists, and a
/// sentence per column read for under the table ("Realisatie 2022: uit het jaarverslag 2022").
/// Typing a year whose document exists, or leaving out one whose document does not, is an
/// error at the line in `file` that names the source.
pub fn begroting(
    invoer: &Invoer,
    programma: &str,
    file: &DocumentFile,
    datum: NaiveDate,
    library: &dyn Library,
    reads: &Reads,
) -> Result<(Invoer, Vec<String>), Problems> {
    let t = file.jaar;
    let [realisatie, vorige] = bronnen(library, t, programma, Some(datum), reads)?;
    let yaml = library.yaml(&file.relative);
    let diagnostic = |pad: &[String], message: String| {
        let steps: Vec<&str> = std::iter::once("financien").chain(pad.iter().map(String::as_str)).collect();
        match &yaml {
            Some(y) => y.diagnostic(y.locate(&steps).or_else(|| y.locate(&steps[..steps.len() - 1])), message),
            None => Diagnostic::new(&file.relative, message),
        }
    };
    let mut problems = Vec::new();
    let mut out = invoer.clone();
    let mut noten = Vec::new();
    for (jaar, bron) in [(t - 2, realisatie), (t - 1, vorige)] {
        let label = begroting::kolom_label(t, jaar);
        match bron {
            Some((bron, wat, kolom)) => {
                for pad in invoer.getypt(jaar) {
                    problems.push(
                        diagnostic(&pad, format!("{label} staat al in {wat} ({bron}): het bedrag wordt daaruit gelezen"))
                            .with_hint(format!(
                                "laat het jaar {jaar} hier weg; een correctie maakt u in {bron}, dan volgt elk document dat het toont"
                            )),
                    );
                }
                out = out.met_kolom(&kolom);
                noten.push(match jaar == t - 1 {
                    true => format!("{label}: de begroting na wijziging, uit {wat}."),
                    false => format!("{label}: uit {wat}."),
                });
            }
            None => {
                let soort = if jaar == t - 2 { "jaarverslag" } else { "programmabegroting" };
                for (pad, _) in invoer.rijen_met_pad().into_iter().filter(|(_, jaren)| !jaren.0.contains_key(&jaar)) {
                    problems.push(
                        diagnostic(
                            &[pad.clone(), vec![jaar.to_string()]].concat(),
                            format!("het bedrag voor {jaar} ({label}) ontbreekt bij `financien.{}`", pad.join(".")),
                        )
                        .with_hint(format!(
                            "er is geen {soort} {jaar} van {programma} met financiën om het uit te lezen: vul `{jaar}:` in"
                        )),
                    );
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    Ok((out, noten))
}
