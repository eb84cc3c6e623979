//! The pieces of view model every kind shares: what the templates see.
//!
//! Everything is computed here (labels, formatted dates, numbering, statuses, totals), so
//! templates only place values. Text stays raw here; escaping happens when a template outputs it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::model::Gemeente;

/// The text width of an A4 page with 25 mm margins, in points: what a view gives a table or a
/// chart (`huisstijl.typ.hbs` sets the page).
pub const TEXT_WIDTH: f64 = 453.5;

/// Facts about the document every template needs: metadata, running header, marking.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The document title, shown as title and stored as PDF title.
    pub titel: String,
    /// "Raadsvoorstel", "Raadsbesluit" …
    pub soort: String,
    /// Running header: "Raadsvoorstel 2018.0042544".
    pub kop: String,
    pub nummer: Option<String>,
    pub jaar: i32,
    pub gemeente: String,
    pub auteurs: Vec<String>,
    /// PDF subject.
    pub omschrijving: String,
    pub trefwoorden: Vec<String>,
    /// The document's own date, written out ("16 juli 2018").
    pub datum: String,
    pub datum_iso: DateParts,
    pub concept: bool,
    /// The document holds illustrative figures: every page says "Voorbeeldgegevens".
    pub voorbeeldgegevens: bool,
    /// The date of a revision of a definitief document ("29 november 2026"): every page says
    /// "Herziene versie van …".
    pub herzien: Option<String>,
    /// The document is placed inside a one-source bundle (`--emit-typst`): its title becomes a
    /// heading, its table of contents is the bundle's.
    pub bundel: bool,
    /// This is the cover of a bundle: its footer counts the bundle's pages.
    pub voorblad: bool,
    /// These pages are part of a book: no table of contents of their own (the book's lists
    /// their headings), and no page number in the footer (the book numbers its pages
    /// throughout, after they are laid out).
    pub boek: bool,
}

/// The view model of one output, as its template receives it: a kind's own typed struct until
/// it is handed to Handlebars (which serializes the struct inside, as is). Open: any kind,
/// built in or not, brings its own (see [`View`]).
#[derive(Debug, Clone)]
pub struct ViewModel(Box<dyn View>);

/// A kind's view: any typed struct with a `meta`. [`view!`](crate::view) writes the usual
/// implementation.
pub trait View: erased_serde::Serialize + std::fmt::Debug + Send + Sync {
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn clone_view(&self) -> Box<dyn View>;
    /// For the cover of a bundle or a book: where each part starts, once they are laid out,
    /// and how many pages there are in all. Other views have no parts.
    fn set_delen(&mut self, _delen: Vec<DeelView>, _paginas: usize) {}
}

/// `impl View` for a view struct with a `meta: Meta` field; `view!(omslag: T)` for a cover with
/// `delen: Vec<DeelView>` and `paginas: usize` too (a bundle's, a book's).
#[macro_export]
macro_rules! view {
    (omslag: $($t:ty),+ $(,)?) => {$(
        impl $crate::kinds::View for $t {
            fn meta(&self) -> &$crate::kinds::Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::kinds::Meta {
                &mut self.meta
            }
            fn clone_view(&self) -> Box<dyn $crate::kinds::View> {
                Box::new(self.clone())
            }
            fn set_delen(&mut self, delen: Vec<$crate::kinds::DeelView>, paginas: usize) {
                self.delen = delen;
                self.paginas = paginas;
            }
        }
    )+};
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::kinds::View for $t {
            fn meta(&self) -> &$crate::kinds::Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::kinds::Meta {
                &mut self.meta
            }
            fn clone_view(&self) -> Box<dyn $crate::kinds::View> {
                Box::new(self.clone())
            }
        }
    )+};
}

erased_serde::serialize_trait_object!(View);

impl Clone for Box<dyn View> {
    fn clone(&self) -> Self {
        self.clone_view()
    }
}

impl ViewModel {
    pub fn new(view: impl View + 'static) -> Self {
        ViewModel(Box::new(view))
    }

    pub fn meta(&self) -> &Meta {
        self.0.meta()
    }

    pub fn meta_mut(&mut self) -> &mut Meta {
        self.0.meta_mut()
    }

    /// See [`View::set_delen`].
    pub fn set_delen(&mut self, delen: Vec<DeelView>, paginas: usize) {
        self.0.set_delen(delen, paginas);
    }
}

impl Serialize for ViewModel {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        erased_serde::serialize(&*self.0, serializer)
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct DateParts {
    pub jaar: i32,
    pub maand: u32,
    pub dag: u32,
}

impl From<NaiveDate> for DateParts {
    fn from(d: NaiveDate) -> Self {
        DateParts { jaar: d.year(), maand: d.month(), dag: d.day() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Style {
    pub kleur_primair: String,
    pub kleur_secundair: String,
    pub lettertype: String,
    /// The logo as Typst sees it: a path from the project root, with a leading `/`.
    pub logo: Option<String>,
    pub logo_alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub label: String,
    pub waarde: String,
}

/// A table as templates draw it: a header row, rows of cells, column widths in fr units.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableView {
    pub titel: Option<String>,
    pub kolommen: Vec<String>,
    pub rijen: Vec<Vec<String>>,
    /// Relative column widths (whole numbers, used as `fr`).
    pub breedtes: Vec<u32>,
    /// Cells are Markdown (otherwise plain text).
    pub markdown: bool,
    /// The first cell of each row labels the row (a row header for screen readers).
    pub rijkop: bool,
    /// Notes printed under the table.
    pub noten: Vec<String>,
    /// Some rows may continue on the next page (long descriptions): those marked in `lang`;
    /// the others stay whole, so a title never stands alone at a page foot.
    pub breekbaar: bool,
    /// With `breekbaar`: per row, whether it may continue on the next page.
    pub lang: Vec<bool>,
    /// Per row, whether it is a heading over the rows below it (a taakveld over its lines):
    /// set in bold, with no amounts. Empty when no row is.
    pub kop: Vec<bool>,
    /// Kept on one page, however many rows (it fits one): a heading row is never parted from
    /// the rows under it.
    pub heel: bool,
    /// The width it is printed in, in points, when not the full text width (a table beside a
    /// chart): its columns are sized from their content to fit (see `output::tables`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beschikbaar: Option<f64>,
    /// A header of more than one row (a label over a group of columns), when not simply
    /// `kolommen`: its rows of cells. `kolommen` then holds each column's lowest label.
    pub kopregels: Vec<Vec<KopCel>>,
    /// For a table of money: each cell's amount in whole euros, exactly as entered and
    /// computed (`None` for a label). The open data (CSV, JSON) carries these, not the printed
    /// figures, which are rounded to the gemeente's unit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub euro: Vec<Vec<Option<i64>>>,
}

/// A cell of a header row that may span columns or rows.
#[derive(Debug, Clone, Serialize)]
pub struct KopCel {
    pub tekst: String,
    pub kolommen: usize,
    pub rijen: usize,
}

/// A chart: the SVG lives in memory at `pad`; `alt` is its text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub pad: String,
    /// The width it is drawn for, in points (see `kinds::charts`).
    pub breedte: f64,
    pub titel: String,
    pub alt: String,
    /// The chart's numbers as a table.
    pub tabel: TableView,
}

/// A chart's SVG, to be served at its virtual path.
#[derive(Debug, Clone)]
pub struct ChartFile {
    pub pad: String,
    pub svg: String,
}

pub fn style(gemeente: &Gemeente) -> Style {
    let h = &gemeente.huisstijl;
    Style {
        kleur_primair: h.kleur_primair.clone(),
        kleur_secundair: h.kleur_secundair.clone(),
        lettertype: h.lettertype.clone(),
        logo: h.logo.as_ref().map(|l| format!("/{}", l.trim_start_matches('/'))),
        logo_alt: h.logo_alt.clone().unwrap_or_else(|| format!("Logo gemeente {}", gemeente.naam)),
    }
}

/// A part on the cover: its title, its first page and its page range in the bundle.
#[derive(Debug, Clone, Serialize)]
pub struct DeelView {
    pub titel: String,
    pub pagina: usize,
    pub bereik: String,
    /// In a book: the part's own headings two levels deep, each with its page in the book.
    pub koppen: Vec<KopView>,
}

/// A heading in a book's contents.
#[derive(Debug, Clone, Serialize)]
pub struct KopView {
    pub titel: String,
    /// 1 or 2: how far it is indented under its part.
    pub niveau: usize,
    /// Its page in the book, and where on it (points from the top), for the link.
    pub pagina: usize,
    pub y: f64,
}
