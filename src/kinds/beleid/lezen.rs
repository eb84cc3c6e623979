//! How the policy data is gathered from the documents of a project, as their facts: every
//! Kadernota up to a year (they decide which is in force), the jaarverslagen of the years a
//! jaarverslag's trends show, and a programme's begrotingen. Every read goes through the
//! library, which records it.

use std::collections::BTreeMap;

use super::Beleid;
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Indicator;
use crate::kinds::feiten::{Feit, Feiten};
use crate::kinds::{Library, Loaded};
use crate::source::project::{DocumentFile, Reads, Sniffed, document_file, documenten_key};

/// Which facts a document publishes, as the policy sorts documents.
#[derive(Debug, Clone, PartialEq)]
enum Publiceert {
    Kaders,
    Verantwoording,
    /// A plan, of this programme (`None` for a broken file whose programme is not known: it
    /// counts for every programme, so that its errors stop the build of what would read it).
    Plan(Option<String>),
}

/// The Kadernota's and jaarverslagen a jaarverslag of `tot_jaar` reads: every Kadernota up to
/// that year, and the jaarverslagen of the years its trends show (see [`Beleid::trend_van`]).
fn beleid_files(
    library: &dyn Library,
    indicatoren: &BTreeMap<String, Indicator>,
    tot_jaar: i32,
    eigen: Option<&str>,
    begrotingen: Option<(i32, &str)>,
    reads: &Reads,
) -> Vec<String> {
    let begrotingen_tot = begrotingen.map(|(t, _)| t);
    // Which documents publish which facts is itself read: adding one, or changing a file's
    // soort or programme, changes what a jaarverslag shows. The facts may come from any kind
    // that declares them; documents of other kinds, or of facts it does not read, do not count.
    let feiten: &[Feit] = if begrotingen.is_some() {
        &[Feit::Kaders, Feit::Verantwoording, Feit::Plan]
    } else {
        &[Feit::Kaders, Feit::Verantwoording]
    };
    reads.read(documenten_key(&publishing(library, feiten), tot_jaar.max(begrotingen_tot.unwrap_or(tot_jaar))));
    let mut kadernotas = Vec::new();
    let mut jaarverslagen = Vec::new();
    let mut eigen_begrotingen = Vec::new();
    for doc in library.documents() {
        if doc.jaar > tot_jaar.max(begrotingen_tot.unwrap_or(tot_jaar)) {
            continue;
        }
        match publiceert(library, &doc) {
            Some(Publiceert::Kaders) if doc.jaar <= tot_jaar => kadernotas.push(doc),
            Some(Publiceert::Verantwoording) if doc.jaar <= tot_jaar => jaarverslagen.push(doc),
            // Only the begrotingen of its own programme: another programme's plan is not its own.
            Some(Publiceert::Plan(p))
                if begrotingen.is_some_and(|(t, programma)| {
                    doc.jaar <= t && p.as_ref().is_none_or(|p| p.eq_ignore_ascii_case(programma))
                }) =>
            {
                eigen_begrotingen.push(doc)
            }
            _ => {}
        }
    }
    let van = trend_van(library, indicatoren, &kadernotas, &jaarverslagen, tot_jaar, eigen, reads);
    jaarverslagen.retain(|d| van.is_none_or(|van| d.jaar >= van));
    kadernotas.into_iter().chain(jaarverslagen).chain(eigen_begrotingen).map(|d| d.relative).collect()
}

/// The soorten whose kinds publish one of `feiten`.
pub(crate) fn publishing(library: &dyn Library, feiten: &[Feit]) -> Vec<&'static str> {
    library
        .soorten()
        .into_iter()
        .filter(|s| library.kind(s).and_then(|k| k.publiceert()).is_some_and(|f| feiten.contains(&f)))
        .collect()
}

/// Which facts a document file publishes: what its kind declares, by its `soort:` line (which
/// the recorded list of documents holds), so a broken file counts too and its errors stop the
/// build of the document that reads it. A plan's programme is its document's (also in that
/// list).
fn publiceert(library: &dyn Library, doc: &DocumentFile) -> Option<Publiceert> {
    match library.kind(&crate::kinds::soort_line(library, doc)?)?.publiceert()? {
        Feit::Kaders => Some(Publiceert::Kaders),
        Feit::Verantwoording => Some(Publiceert::Verantwoording),
        Feit::Wijziging => None,
        Feit::Plan => Some(Publiceert::Plan(match library.load(doc) {
            Ok(l) => l.document.feiten().plan.map(|p| p.programma),
            // Broken: its `programma:` line, when it has a plain one.
            Err(_) => crate::source::project::read_regular(&library.root().join(&doc.relative))
                .and_then(|bytes| Sniffed::read(doc.clone(), &bytes).programma)
                .filter(|p| !p.starts_with('#')),
        })),
    }
}

/// The first year a jaarverslag of `jaar` shows; `None` (every year) when that cannot be
/// known, for instance while a Kadernota is broken: the build then reports it.
fn trend_van(
    library: &dyn Library,
    indicatoren: &BTreeMap<String, Indicator>,
    kadernotas: &[DocumentFile],
    jaarverslagen: &[DocumentFile],
    jaar: i32,
    eigen: Option<&str>,
    reads: &Reads,
) -> Option<i32> {
    let mut beleid = Beleid { indicatoren: indicatoren.clone(), ..Beleid::default() };
    for doc in kadernotas {
        let loaded = library.load_read(doc, reads).ok()?;
        beleid.kadernotas.push((doc.relative.clone(), feiten(&loaded).kaders?));
    }
    let eigen = jaarverslagen.iter().find(|d| Some(d.relative.as_str()) == eigen)?;
    let loaded = library.load_read(eigen, reads).ok()?;
    beleid.trend_van(&feiten(&loaded).verantwoording?, jaar)
}

/// What a loaded document publishes.
fn feiten(loaded: &Loaded) -> Feiten {
    loaded.document.feiten()
}

/// Reads the policy data up to `tot_jaar`: the Kadernota's and the jaarverslagen; for the
/// jaarverslag `eigen` (its trends start where its own indicators' baselines do) and with the
/// programmabegrotingen of a programme up to a year. A document cannot be built while a file it
/// reads is broken.
pub fn beleid(
    library: &dyn Library,
    indicatoren: &BTreeMap<String, Indicator>,
    tot_jaar: i32,
    eigen: Option<&str>,
    begrotingen: Option<(i32, &str)>,
    reads: &Reads,
) -> Result<Beleid, Problems> {
    let mut beleid = Beleid { indicatoren: indicatoren.clone(), ..Beleid::default() };
    let mut problems = Vec::new();
    for relative in beleid_files(library, indicatoren, tot_jaar, eigen, begrotingen, reads) {
        let Some(doc) = document_file(&relative) else { continue };
        match library.load_read(&doc, reads) {
            Ok(loaded) => {
                let Feiten { kaders, verantwoording, plan, .. } = feiten(&loaded);
                if let Some(k) = kaders {
                    beleid.kadernotas.push((relative, k));
                } else if let Some(j) = verantwoording {
                    beleid.jaarverslagen.entry(doc.jaar).or_default().push((relative, j));
                } else if let Some(b) = plan {
                    beleid.begrotingen.entry(doc.jaar).or_default().push((relative, b));
                }
            }
            Err(p) => problems.push(Diagnostic::new(
                &relative,
                format!(
                    "dit bestand bevat fouten en wordt gelezen voor de streefwaarden, de trends of de begroting: {}",
                    p.0.first().map(|d| d.to_string()).unwrap_or_default()
                ),
            )),
        }
    }
    if problems.is_empty() { Ok(beleid) } else { Err(Problems(problems)) }
}

/// What a programmabegroting of `t` reads: every Kadernota up to `t` (targets and baselines),
/// and of the jaarverslagen before `t` only the newest that give each of its indicators a
/// realisatie (its "laatst bekend"), newest year first. A correction in an older jaarverslag
/// does not touch a begroting that does not show it.
pub fn voor_begroting(
    library: &dyn Library,
    indicatoren: &BTreeMap<String, Indicator>,
    ids: &[&str],
    t: i32,
    reads: &Reads,
) -> Result<Beleid, Problems> {
    reads.read(documenten_key(&publishing(library, &[Feit::Kaders, Feit::Verantwoording]), t));
    let mut beleid = Beleid { indicatoren: indicatoren.clone(), ..Beleid::default() };
    let mut jaarverslagen: Vec<DocumentFile> = Vec::new();
    for doc in library.documents().into_iter().filter(|d| d.jaar <= t) {
        match publiceert(library, &doc) {
            Some(Publiceert::Kaders) => {
                let loaded = library.load_read(&doc, reads)?;
                if let Some(k) = feiten(&loaded).kaders {
                    beleid.kadernotas.push((doc.relative.clone(), k));
                }
            }
            Some(Publiceert::Verantwoording) if doc.jaar < t => jaarverslagen.push(doc),
            _ => {}
        }
    }
    jaarverslagen.sort_by(|a, b| b.jaar.cmp(&a.jaar).then(a.relative.cmp(&b.relative)));
    let mut open: Vec<&str> = ids.to_vec();
    for doc in jaarverslagen {
        if open.is_empty() {
            break;
        }
        let loaded = library.load_read(&doc, reads)?;
        if let Some(j) = feiten(&loaded).verantwoording {
            open.retain(|id| !j.indicatoren.iter().any(|r| r.id == *id && r.realisatie.is_some()));
            beleid.jaarverslagen.entry(doc.jaar).or_default().push((doc.relative.clone(), j));
        }
    }
    Ok(beleid)
}

/// The document of `jaar` that publishes `feit` for `programma`, with its facts: where a column
/// another document owns is read from (the realisatie of a year in its jaarverslag, the
/// begroting of a year in its programmabegroting). The list of that year's documents is read
/// too, so adding or renaming the source later builds the reader again. A broken source stops
/// the reader, with its error, and so do two sources for one programme and year.
pub fn bron(
    library: &dyn Library,
    feit: Feit,
    jaar: i32,
    programma: &str,
    reads: &Reads,
) -> Result<Option<(String, Feiten)>, Problems> {
    let soorten = publishing(library, &[feit]);
    reads.read(crate::source::project::documenten_met_nummer_key(&soorten, jaar));
    let mut found = Vec::new();
    for doc in library.documents().into_iter().filter(|d| d.jaar == jaar) {
        let Some(bytes) = crate::source::project::read_regular(&library.root().join(&doc.relative)) else { continue };
        let sniffed = Sniffed::read(doc.clone(), &bytes);
        if !sniffed.soort.as_deref().is_some_and(|s| soorten.contains(&s)) {
            continue;
        }
        // Its `programma:` line decides, when it is a plain one; else the document itself.
        if sniffed.programma.as_deref().is_some_and(|p| !p.starts_with('#') && !p.eq_ignore_ascii_case(programma)) {
            continue;
        }
        let loaded = library.load_read(&doc, reads).map_err(|p| {
            let d = Diagnostic::new(
                &doc.relative,
                format!("dit bestand bevat fouten en wordt gelezen voor de financiën van {programma}"),
            );
            Problems(std::iter::once(d).chain(p.0).collect())
        })?;
        let feiten = feiten(&loaded);
        let eigen = match feit {
            Feit::Verantwoording => feiten.verantwoording.as_ref().map(|v| &v.programma),
            Feit::Plan => feiten.plan.as_ref().map(|p| &p.programma),
            Feit::Kaders | Feit::Wijziging => None,
        };
        if eigen.is_some_and(|p| p.eq_ignore_ascii_case(programma)) {
            found.push((doc.relative, feiten));
        }
    }
    // Two documents of the same kind for one programme and year: which one counts cannot be
    // guessed (the figures would silently come from the first by name).
    if found.len() > 1 {
        let files: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        return Err(Diagnostic::new(
            files[1],
            format!(
                "er zijn {} documenten van {jaar} voor het programma {programma}: {}",
                found.len(),
                files.join(" en ")
            ),
        )
        .with_hint(
            "de financiën van een ander jaar worden uit één document gelezen: houd er één per programma per jaar",
        )
        .into());
    }
    Ok(found.pop())
}

/// The plans of the year's begroting: each document of `jaar` whose kind publishes a plan, read
/// and recorded, in file order (a book or a report that must cover every programme).
pub fn plannen(library: &dyn Library, jaar: i32, reads: &Reads) -> Result<Vec<crate::kinds::feiten::Plan>, Problems> {
    let soorten = publishing(library, &[Feit::Plan]);
    reads.read(crate::source::project::documenten_met_nummer_key(&soorten, jaar));
    let mut out = Vec::new();
    for doc in library.documents().into_iter().filter(|d| d.jaar == jaar) {
        let Some(soort) = crate::kinds::soort_line(library, &doc) else { continue };
        if !soorten.contains(&soort.as_str()) {
            continue;
        }
        if let Some(plan) = library.load_read(&doc, reads)?.document.feiten().plan {
            out.push(plan);
        }
    }
    Ok(out)
}
