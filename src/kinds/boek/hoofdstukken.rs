//! A book's chapters: which documents they are and in which order (the programmes by number,
//! then the paragrafen in the BBV's order), what the book reads of each, and what it says of
//! them beforehand.

use super::{BEGROTING, Boek, BoekKind};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting;
use crate::kinds::{Library, RenderContext};
use crate::source::project::{DocumentFile, documenten_met_nummer_key};
use chrono::NaiveDate;

/// What the book will show of its chapters, said beforehand at the chapter: a begroting
/// chapter without finance (the overview names it instead of counting it), a chapter
/// without `nummer` (it goes last) and two chapters with the same `nummer` (the book orders
/// them by file name).
pub(super) fn samenhang(kind: &BoekKind, loaded: &crate::kinds::Loaded, library: &dyn Library) -> Vec<Diagnostic> {
    let chapters = hoofdstukken(kind, loaded.file.jaar, library);
    let mut out = Vec::new();
    for (i, Chapter { doc, nummer, naam, paragraaf }) in chapters.iter().enumerate() {
        // A paragraaf has its place by its kind, and no finance of its own.
        if paragraaf.is_some() {
            continue;
        }
        let Some(yaml) = library.yaml(&doc.relative) else { continue };
        match nummer {
            None => out.push(
                yaml.diagnostic(
                    yaml.top_level_position("programma"),
                    format!("programma {naam} heeft geen `nummer`: het staat achteraan in {}", loaded.file.relative),
                )
                .with_hint("geef het programma zijn nummer in de begroting (`nummer: 3`)")
                .waarschuwing(),
            ),
            Some(n) => {
                if let Some(eerder) = chapters[..i].iter().find(|c| c.nummer == Some(*n)).map(|c| &c.doc) {
                    out.push(
                        yaml.diagnostic(
                            yaml.top_level_position("nummer"),
                            format!("programma {n} {naam} heeft hetzelfde nummer als {}", eerder.relative),
                        )
                        .with_hint(format!(
                            "in {} staan ze op volgorde van bestandsnaam; geef elk programma een eigen nummer",
                            loaded.file.relative
                        ))
                        .waarschuwing(),
                    );
                }
            }
        }
        if kind.soort != BEGROTING.soort {
            continue;
        }
        let Some(chapter) = library.load(doc).ok() else { continue };
        let Some(hoofdstuk) = chapter.document.hoofdstuk() else { continue };
        if hoofdstuk.financien.is_none() {
            out.push(
                Diagnostic::new(
                    &doc.relative,
                    format!(
                        "programma {} heeft geen financiële gegevens: het overzicht van baten en lasten in {} noemt het zonder bedragen",
                        programma_naam(*nummer, naam),
                        loaded.file.relative
                    ),
                )
                .with_hint("vul `financien:` in (lasten en baten per jaar), of laat het zo als dit programma geen geld kent")
                .waarschuwing(),
            );
        }
    }
    out
}

/// The soorten whose documents may be chapters of the book `boek`.
fn chapter_soorten(library: &dyn Library, boek: &str) -> Vec<&'static str> {
    library
        .soorten()
        .into_iter()
        .filter(|s| library.kind(s).is_some_and(|k| k.hoofdstuk_van().contains(&boek)))
        .collect()
}

/// The chapters of a book of `jaar`, in number order (then by name): the year's documents of
/// the kinds that may be its chapters (those its recorded list holds). A broken one is still a
/// chapter: reading it fails the book with its errors, so a book is never made without it.
pub(super) fn hoofdstukken(kind: &BoekKind, jaar: i32, library: &dyn Library) -> Vec<Chapter> {
    let soorten = chapter_soorten(library, kind.soort);
    let kind_soort = kind.soort;
    let mut out: Vec<Chapter> = library
        .documents()
        .into_iter()
        .filter(|d| d.jaar == jaar)
        .filter_map(|d| {
            let soort = crate::kinds::soort_line(library, &d)?;
            if !soorten.contains(&soort.as_str()) {
                return None;
            }
            match library.load(&d) {
                Ok(loaded) => {
                    let h = loaded.document.hoofdstuk().filter(|h| h.boek == kind.soort)?;
                    Some(Chapter { doc: d, nummer: h.nummer, naam: h.programma, paragraaf: h.paragraaf })
                }
                // Broken, it is a chapter of the books its file says it belongs in.
                Err(_) => {
                    let bytes = crate::source::project::read_regular(&library.root().join(&d.relative))?;
                    let kind = library.kind(&soort)?;
                    kind.hoofdstuk_van_bestand(&bytes).contains(&kind_soort).then(|| Chapter {
                        doc: d,
                        nummer: None,
                        naam: String::new(),
                        paragraaf: None,
                    })
                }
            }
        })
        .collect();
    // The programmes by number, then the paragrafen in the BBV's order.
    let key = |c: &Chapter| {
        (c.paragraaf.is_some(), c.paragraaf.map(|p| p.0).or(c.nummer).unwrap_or(u32::MAX), c.doc.relative.clone())
    };
    out.sort_by_key(key);
    out
}

/// A chapter of a book: a programme (with its number) or a paragraaf (with its place).
#[derive(Debug, Clone)]
pub(super) struct Chapter {
    pub(super) doc: DocumentFile,
    pub(super) nummer: Option<u32>,
    /// The programme's name, or the paragraaf's title.
    pub(super) naam: String,
    /// A paragraaf's place and key.
    pub(super) paragraaf: Option<(u32, &'static str)>,
}

impl Chapter {
    /// Its title in the book's contents: "Programma 1 Veiligheid", "Paragraaf Financiering".
    pub(super) fn titel(&self) -> String {
        match self.paragraaf {
            Some(_) => self.naam.clone(),
            None => format!("Programma {}", programma_naam(self.nummer, &self.naam)),
        }
    }
}

fn programma_naam(nummer: Option<u32>, programma: &str) -> String {
    match nummer {
        Some(n) => format!("{n} {programma}"),
        None => programma.to_string(),
    }
}

impl Boek {
    /// The book's chapters, each with its name and finance (with the columns read from other
    /// documents, and a sentence per column read), and whether any is illustrative.
    /// Which chapters there are is itself read: adding a programme changes the book. A chapter
    /// may be of any kind that says it may be one: the soort, programme and nummer of the year's
    /// documents of those kinds are in the list.
    pub(super) fn chapters(&self, context: &RenderContext) -> Result<Inhoud, Problems> {
        let kind = self.kind.unwrap_or(&BEGROTING);
        let jaar = context.file.jaar;
        context.reads.read(documenten_met_nummer_key(&chapter_soorten(context.library, kind.soort), jaar));
        let chapters = hoofdstukken(kind, jaar, context.library);
        if chapters.is_empty() {
            return Err(Diagnostic::new(
                &context.file.relative,
                format!("het {} {jaar} heeft nog geen programma's", kind.soort),
            )
            .with_hint(format!("maak er een met `raadsstuk new {} --programma …`", kind.hoofdstukken))
            .into());
        }
        let mut programmas = Vec::new();
        let mut rekening = Vec::new();
        let mut voorbeeld = self.voorbeeldgegevens;
        let mut woonlasten = None;
        let mut reserves: Vec<String> = Vec::new();
        for Chapter { doc, nummer, naam, .. } in &chapters {
            let loaded = context.library.load_read(doc, context.reads).map_err(|p| {
                let book = Diagnostic::new(
                    &context.file.relative,
                    format!("het hoofdstuk {} bevat fouten; het boek wordt gemaakt zodra het in orde is", doc.relative),
                );
                Problems(std::iter::once(book).chain(p.0).collect())
            })?;
            if let Some(h) = loaded.document.hoofdstuk() {
                voorbeeld |= h.voorbeeldgegevens;
                if h.paragraaf.is_some() {
                    woonlasten = woonlasten.or(h.woonlasten);
                    reserves.extend(h.reserves);
                    continue;
                }
                // With the columns other documents own (realisatie t-2, begroting t-1), read
                // as the chapter reads them.
                let naam = programma_naam(*nummer, naam);
                rekening.push((naam.clone(), h.programma.clone(), h.verantwoording.clone(), h.datum));
                let (financien, gelezen) = match &h.financien {
                    Some(invoer) => {
                        let (invoer, gelezen) = crate::kinds::beleid::kolommen::begroting(
                            invoer,
                            &h.programma,
                            doc,
                            h.datum.unwrap_or(NaiveDate::MAX),
                            context.library,
                            context.reads,
                        )?;
                        (Some(invoer), gelezen.into_iter().map(|g| format!("Programma {naam}, {g}")).collect())
                    }
                    None => (None, Vec::new()),
                };
                programmas.push((naam, financien, gelezen));
            }
        }
        Ok(Inhoud { chapters, programmas, rekening, voorbeeld, woonlasten, reserves })
    }
}

/// What a book reads of its chapters.
pub(super) struct Inhoud {
    pub(super) chapters: Vec<Chapter>,
    /// Each programme's name, its finance (with the columns read from other documents) and a
    /// sentence per column read.
    pub(super) programmas: Vec<(String, Option<begroting::Invoer>, Vec<String>)>,
    /// For a jaarverslagboek: each programme's name in the book, its `programma:`, and its
    /// jaarverslag's finance.
    pub(super) rekening: Vec<(String, String, Option<crate::domain::financien::Invoer>, Option<NaiveDate>)>,
    /// Whether any chapter is illustrative.
    pub(super) voorbeeld: bool,
    /// The woonlasten for fk.6, from the paragraaf lokale heffingen.
    pub(super) woonlasten: Option<crate::domain::kengetallen::Woonlasten>,
    /// The reserves a paragraaf takes a stand of (the weerstandscapaciteit).
    pub(super) reserves: Vec<String>,
}
