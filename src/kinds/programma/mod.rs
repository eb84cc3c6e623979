//! What the programme chapters of the begroting and the jaarverslag share: their model parts
//! (themes, activities, partners, BBV indicators), the rules on them, and their view.

mod model;
mod partners;

pub use model::*;
pub use partners::*;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::domain::model::Gemeente;
use crate::domain::{begroting, financien, format};
use crate::kinds::view::TableView;
use crate::source::yaml::YamlFile;

/// The partials both kinds of programme chapter share (themes, partners); each registers them
/// with its own templates.
pub const TEMPLATES: [(&str, &str); 2] = [
    ("programma-themas", include_str!("../../../templates/programma-themas.typ.hbs")),
    ("programma-partners", include_str!("../../../templates/programma-partners.typ.hbs")),
];

/// A doel's heading: "Beleidsdoel A: titel", "A. titel" (no label), "Doel: titel" (no code),
/// or the title alone.
pub fn doel_kop(label: &str, code: Option<&str>, titel: &str) -> String {
    match (code, label.trim()) {
        (Some(code), "") => format!("{code}. {titel}"),
        (Some(code), label) => format!("{label} {code}: {titel}"),
        (None, "") => titel.to_string(),
        (None, label) => format!("{label}: {titel}"),
    }
}

/// Checks a code where one is given: it may be left out, but not empty.
pub fn check_code(file: &YamlFile, path: &[&str], code: Option<&str>, problems: &mut Vec<Diagnostic>) {
    if code.is_some_and(|c| c.trim().is_empty()) {
        problems.push(
            file.diagnostic(file.locate(path), "de code is leeg")
                .with_hint("geef een code (bijvoorbeeld \"A\" of \"01\"), of laat het veld `code` weg"),
        );
    }
}

/// Checks themes to their depth: at most [`MAX_THEMA_DIEPTE`] levels, no empty codes.
/// `path` leads to the list of themes.
pub fn check_themas(file: &YamlFile, path: &[String], themas: &[Thema], diepte: usize, problems: &mut Vec<Diagnostic>) {
    for (i, thema) in themas.iter().enumerate() {
        let mut here = path.to_vec();
        here.push(i.to_string());
        if diepte > MAX_THEMA_DIEPTE {
            let steps: Vec<&str> = here.iter().map(String::as_str).collect();
            problems.push(
                file.diagnostic(file.locate(&steps), format!("een vijfde niveau van thema's: `{}`", thema.titel))
                    .with_hint(format!(
                        "thema's gaan ten hoogste {MAX_THEMA_DIEPTE} niveaus diep (groep, thema, subthema, \
                         sub-subthema), elk met een eigen kop; neem dit op in de tekst of de activiteiten van het \
                         niveau erboven"
                    )),
            );
            continue;
        }
        check_activiteiten(
            file,
            &here.iter().map(String::as_str).chain(["activiteiten"]).collect::<Vec<_>>(),
            &thema.activiteiten,
            problems,
        );
        here.push("subthemas".into());
        check_themas(file, &here, &thema.subthemas, diepte + 1, problems);
    }
}

/// Checks the codes of a list of activities.
pub fn check_activiteiten(file: &YamlFile, path: &[&str], activiteiten: &[Activiteit], problems: &mut Vec<Diagnostic>) {
    for (i, a) in activiteiten.iter().enumerate() {
        let index = i.to_string();
        let mut here: Vec<&str> = path.to_vec();
        here.extend([index.as_str(), "code"]);
        check_code(file, &here, a.code.as_deref(), problems);
        let has_code = a.code.as_deref().is_some_and(|c| !c.trim().is_empty());
        let code_and_description = has_code && !a.toelichting.trim().is_empty();
        if a.titel.trim().is_empty() && !code_and_description {
            here.pop();
            problems.push(
                file.diagnostic(file.locate(&here), "deze activiteit heeft geen titel")
                    .with_hint("geef een `titel`; een activiteit zonder titel heeft een `code` en een `toelichting`"),
            );
        }
    }
}

/// A theme as placed in the document: flattened in reading order, each with its heading level
/// (counted from the heading it stands under), so no template needs to recurse.
#[derive(Debug, Clone, Serialize)]
pub struct ThemaView {
    /// Its heading's depth in the document.
    pub niveau: usize,
    pub titel: String,
    pub tekst: String,
    pub activiteiten: Option<TableView>,
}

/// The themes below a section whose heading is at depth `boven`, flattened, with their
/// activities as tables.
pub fn themas(themas: &[Thema], kolommen: &Kolommen, boven: usize) -> Vec<ThemaView> {
    fn walk(themas: &[Thema], niveau: usize, kolommen: &Kolommen, out: &mut Vec<ThemaView>) {
        for t in themas {
            out.push(ThemaView {
                niveau,
                titel: t.titel.clone(),
                tekst: t.tekst.clone(),
                activiteiten: activiteiten(&t.activiteiten, kolommen),
            });
            walk(&t.subthemas, niveau + 1, kolommen, out);
        }
    }
    let mut out = Vec::new();
    walk(themas, boven + 1, kolommen, &mut out);
    out
}

/// Activities as a table: the code column when any has a code, then the title in bold with
/// the remark under it (labelled as this gemeente labels it) and the description (paragraphs
/// and lists inside the row). The remark stays with the title: in a column of its own it
/// would be narrow and could be split from its row at a page break.
pub fn activiteiten(activiteiten: &[Activiteit], kolommen: &Kolommen) -> Option<TableView> {
    if activiteiten.is_empty() {
        return None;
    }
    let codes = activiteiten.iter().any(|a| a.code.is_some());
    let mut header = Vec::new();
    if codes {
        header.push(kolommen.code.clone());
    }
    header.push(kolommen.activiteit.clone());
    let lang = activiteiten.iter().map(|a| a.toelichting.len() > LANGE_RIJ).collect();
    let rijen = activiteiten
        .iter()
        .map(|a| {
            let mut row = Vec::new();
            if codes {
                row.push(escape_markdown(a.code.as_deref().unwrap_or("")));
            }
            // Title, remark, description: each a paragraph of the cell; an activity of code and
            // description only has no title line.
            let mut parts = Vec::new();
            if !a.titel.trim().is_empty() {
                parts.push(format!("**{}**", escape_markdown(&a.titel)));
            }
            if let Some(o) = &a.opmerking {
                parts.push(format!("*{}: {}*", escape_markdown(&kolommen.opmerking), escape_markdown(o)));
            }
            if !a.toelichting.trim().is_empty() {
                parts.push(a.toelichting.clone());
            }
            row.push(parts.join("\n\n"));
            row
        })
        .collect();
    Some(TableView {
        kolommen: header,
        rijen,
        markdown: true,
        rijkop: false,
        // A long description may continue on the next page; a shorter row stays whole.
        breekbaar: true,
        lang,
        ..Default::default()
    })
}

/// A description longer than this (about fifteen lines in a table row) may continue on the
/// next page; a shorter row moves to the next page whole.
const LANGE_RIJ: usize = 1_500;

/// Plain text as Markdown that reads as exactly that text.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The BBV beleidsindicatoren as a table: with the taakveld column when any has one.
pub fn bbv_tabel(indicatoren: &[BbvIndicator]) -> Option<TableView> {
    if indicatoren.is_empty() {
        return None;
    }
    let taakveld = indicatoren.iter().any(|i| i.taakveld.is_some());
    let mut kolommen: Vec<String> = Vec::new();
    if taakveld {
        kolommen.push("Taakveld".into());
    }
    kolommen.extend(["Indicator", "Eenheid", "Peildatum", "Bron", "Waarde", "Vergelijking"].map(String::from));
    Some(TableView {
        kolommen,
        rijen: indicatoren
            .iter()
            .map(|i| {
                let mut row = Vec::new();
                if taakveld {
                    row.push(i.taakveld.clone().unwrap_or_else(|| "–".into()));
                }
                row.extend([
                    i.naam.clone(),
                    i.eenheid.clone(),
                    i.periode.clone(),
                    i.bron.clone(),
                    i.waarde.to_string(),
                    i.vergelijking.as_ref().map_or_else(|| "–".into(), |v| format!("{}: {}", v.naam, v.waarde)),
                ]);
                row
            })
            .collect(),
        rijkop: !taakveld,
        ..Default::default()
    })
}

/// How a gemeente's amounts are labelled: "bedragen x € 1.000".
pub fn eenheid_label(gemeente: &Gemeente) -> String {
    // No line break inside "x € 1.000" (no-break spaces).
    match gemeente.financien.eenheid {
        1 => "bedragen in\u{a0}€".to_string(),
        e => format!("bedragen x\u{a0}€\u{a0}{}", format::integer(e)),
    }
}

/// A computed begroting table (a programme's or the book's overview): the BBV columns. It
/// prints `regels`, computed from amounts each rounded once to the gemeente's unit, so that
/// every printed total is the sum of the printed amounts above it; its open data (CSV, JSON)
/// carries `exact`, the same rows in whole euros.
pub fn begroting_tabel(
    regels: &[begroting::Regel],
    exact: &[begroting::Regel],
    t: i32,
    gemeente: &Gemeente,
) -> TableView {
    geld_tabel(regels, exact, begroting::jaren(t).into_iter().map(|j| begroting::kolom_label(t, j)).collect(), gemeente)
}

/// A table of money with these column labels (after the row labels), printed and exact as
/// [`begroting_tabel`] says.
pub fn geld_tabel(
    regels: &[begroting::Regel],
    exact: &[begroting::Regel],
    labels: Vec<String>,
    gemeente: &Gemeente,
) -> TableView {
    let instellingen = &gemeente.financien;
    let mut kolommen = vec![eenheid_label(gemeente)];
    kolommen.extend(labels);
    let breed = kolommen.len();
    TableView {
        kolommen,
        // A row without amounts is a heading over the rows under it (a taakveld): its cells
        // stay empty.
        rijen: regels
            .iter()
            .map(|r| {
                let mut row = vec![r.label.clone()];
                row.extend(
                    r.bedragen.iter().map(|b| financien::bedrag(*b, instellingen.eenheid, instellingen.notatie)),
                );
                row.resize(breed, String::new());
                row
            })
            .collect(),
        rijkop: true,
        kop: if regels.iter().any(|r| r.bedragen.is_empty()) {
            regels.iter().map(|r| r.bedragen.is_empty()).collect()
        } else {
            Vec::new()
        },
        euro: exact
            .iter()
            .map(|r| {
                let mut cells: Vec<Option<i64>> =
                    std::iter::once(None).chain(r.bedragen.iter().map(|b| Some(*b))).collect();
                cells.resize(breed, None);
                cells
            })
            .collect(),
        noten: std::iter::once(match instellingen.notatie {
            financien::Notatie::Minteken => "Lasten en toevoegingen staan als negatief bedrag.".to_string(),
            financien::Notatie::NV => "Bedragen zonder teken: lasten en toevoegingen zijn uitgaven.".to_string(),
        })
        .chain(
            (instellingen.eenheid > 1).then(|| {
                "Elk bedrag is één keer afgerond; de totalen zijn de som van de afgeronde bedragen.".to_string()
            }),
        )
        .collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doel_headings_follow_the_label() {
        assert_eq!(doel_kop("Beleidsdoel", Some("A"), "Veilig"), "Beleidsdoel A: Veilig");
        assert_eq!(doel_kop("", Some("1.1"), "Veilig"), "1.1. Veilig");
        assert_eq!(doel_kop("Doel", None, "Veilig"), "Doel: Veilig");
        assert_eq!(doel_kop("", None, "Veilig"), "Veilig");
    }

    #[test]
    fn activity_titles_stay_plain_text() {
        let t = activiteiten(
            &[Activiteit {
                code: Some("01".into()),
                titel: "*niet* schuin".into(),
                toelichting: "- a\n- b".into(),
                opmerking: None,
            }],
            &Kolommen::default(),
        )
        .unwrap();
        assert_eq!(t.kolommen, ["Nr.", "Activiteit"]);
        assert_eq!(t.rijen[0][1], "**\\*niet\\* schuin**\n\n- a\n- b");
    }
}
