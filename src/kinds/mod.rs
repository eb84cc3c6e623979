//! Stage 3, the document kinds, as plug-ins. A kind is one module: its model, its rules, its
//! view model (everything computed, so templates only place values), its outputs, its templates
//! and how `raadsstuk new` scaffolds it. The run knows kinds only through [`Kind`] and
//! [`Document`], and finds them in a list ([`builtin`], or the list a session is opened with).

pub mod beleid;
pub mod bestuursrapportage;
pub mod boek;
pub mod charts;
pub mod feiten;
pub mod jaarverslag;
pub mod kadernota;
pub mod paragraaf;
pub mod programma;
pub mod programmabegroting;
pub mod raadsvoorstel;
pub mod rules;
pub mod view;
pub mod wijziging;

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::sync::Arc;

use chrono::NaiveDate;

pub use boek::BoekView;
pub use feiten::{Feiten, Hoofdstuk};
pub use jaarverslag::{JaarverslagView, jaarverslag};
pub use kadernota::{KadernotaView, kadernota};
pub use programmabegroting::ProgrammabegrotingView;
pub use raadsvoorstel::{
    BijlageView, BundelView, ExterneBijlage, RaadsbesluitView, RaadsvoorstelView, raadsbesluit, raadsvoorstel,
};
pub use view::*;

use crate::diagnostics::{Diagnostic, Problems};
pub use crate::domain::model::Rol;
use crate::domain::model::{Gemeente, Indicator, Status};
use crate::source::project::{DocumentFile, Project, Reads};
use crate::source::yaml::YamlFile;

/// What a scaffold writes where the steller has to fill something in; a definitief document
/// may not contain it.
pub const IN_TE_VULLEN: &str = "*In te vullen.*";

/// The kinds raadsstuk knows. Adding a kind: its module here, its templates in `templates/`,
/// and one line in this list.
pub fn builtin() -> Vec<&'static dyn Kind> {
    vec![
        &raadsvoorstel::KIND,
        &kadernota::KIND,
        &programmabegroting::KIND,
        &jaarverslag::KIND,
        &paragraaf::KIND,
        &bestuursrapportage::KIND,
        &boek::BEGROTING,
        &boek::JAARVERSLAG,
    ]
}

/// A kind of document.
pub trait Kind: Send + Sync {
    /// As written after `soort:`, and as `raadsstuk new` takes it.
    fn soort(&self) -> &'static str;
    /// Its templates, `(name, source)`, compiled into the binary; a gemeente's own file of the
    /// same name replaces one. The template named like [`Kind::soort`] is not required: each
    /// rendering names its own.
    fn templates(&self) -> Vec<(&'static str, &'static str)>;
    /// Its pages of the web edition, `(name, source)`: a rendering's page is the template
    /// `web-<its template>`; a rendering without one has no page. A gemeente's own file of the
    /// same name replaces one.
    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
    /// The Woo information category its pages are published under (the DiWoo sitemap).
    fn woo_categorie(&self) -> crate::domain::model::WooCategorie {
        crate::domain::model::WooCategorie::VergaderstukkenDecentraleOverheden
    }
    /// Which facts its documents publish for later documents (see [`feiten::Feit`]); what
    /// they publish is `Document::feiten`.
    fn publiceert(&self) -> Option<feiten::Feit> {
        None
    }
    /// The books (their `soort:`) whose chapters its documents may be (`Document::hoofdstuk`
    /// says which): a book looks through the documents of such kinds only.
    fn hoofdstuk_van(&self) -> &'static [&'static str] {
        &[]
    }
    /// The books a file of this kind may be a chapter of, read from its bytes without reading
    /// it whole: a file with errors is still a chapter of its own book (and stops it), never
    /// of another.
    fn hoofdstuk_van_bestand(&self, _bytes: &[u8]) -> &'static [&'static str] {
        self.hoofdstuk_van()
    }
    /// Whether a raadsvoorstel may hold it as a bijlage: its pages then go into the bundle.
    fn may_be_bijlage(&self) -> bool {
        false
    }
    /// At most one document of this kind per year.
    fn one_per_year(&self) -> bool {
        false
    }
    /// Reads and checks a file of this kind: the document (when it could be read at all) and
    /// every problem of the file.
    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>);
    /// Warnings that need other documents (a jaarverslag against the begroting it accounts
    /// for), shown by `check` and `build`.
    fn samenhang(&self, _loaded: &Loaded, _library: &dyn Library) -> Vec<Diagnostic> {
        Vec::new()
    }
    /// `raadsstuk new`: the file name (in `data/<jaar>/`) and the text of a new document, with
    /// every field present and guidance in Dutch.
    fn scaffold(&self, new: &New) -> Result<(String, String), Problems>;
    /// The parts of a book (its `soort:`) that documents of this kind supply and the law
    /// requires (the BBV's paragrafen in a begrotingsboek): the book says which are missing.
    fn vereist_in(&self, _boek: &str) -> Vec<Vereist> {
        Vec::new()
    }
}

/// A document of some kind, read and checked.
pub trait Document: Debug + Send + Sync + Any {
    /// A kind reading its own kind's documents (a new jaarverslag starts from last year's);
    /// another kind's it reads as facts ([`Document::feiten`], [`Document::hoofdstuk`]).
    fn as_any(&self) -> &dyn Any;
    fn soort(&self) -> &'static str;
    fn status(&self) -> Status;
    /// The registratienummer, for documents that have one (each is used once).
    fn nummer(&self) -> Option<String> {
        None
    }
    /// That it was adopted (date, by whom), if its data says so.
    fn vastgesteld(&self) -> Option<crate::domain::model::Vaststelling> {
        None
    }
    /// Its programme's number, for a document that is one programme's chapter: the order in
    /// which a year's documents are listed.
    fn programma_nummer(&self) -> Option<u32> {
        None
    }
    /// What a book reads of it when it is one of the book's chapters: the book finds its
    /// chapters by this, never by their type.
    fn hoofdstuk(&self) -> Option<Hoofdstuk> {
        None
    }
    /// What it publishes for later documents: a Kadernota's frame, a jaarverslag's
    /// realisaties, a begroting's plan (see `kinds::feiten`).
    fn feiten(&self) -> Feiten {
        Feiten::default()
    }
    /// Where the raad takes it up, for the manifest (by which a raadsinformatiesysteem files
    /// it): raadsvergadering (ISO date), commissie, agendapunt; empty when unknown.
    /// The Iv3 delivery this document makes for the CBS (a begroting's book), reading what it
    /// needs through the context's library; `None` for a document that makes none.
    fn iv3(&self, _context: &RenderContext) -> Option<Result<crate::domain::levering::Levering, Problems>> {
        None
    }
    /// What a book computes for one of its paragrafen (`sleutel`, as `Hoofdstuk::paragraaf`
    /// names it): the weerstandsvermogen's kengetallen, the financiering's Wet fido norms. The
    /// paragraaf places them, in its own PDF and so in the book. `context` is the book's, with
    /// the reader's record of reads.
    fn voor_paragraaf(&self, _sleutel: &str, _context: &RenderContext) -> Result<VoorParagraaf, Problems> {
        Ok(VoorParagraaf::default())
    }
    fn vergadering(&self) -> [String; 3] {
        Default::default()
    }
    /// The names of the files it writes in `out/<jaar>/`: each belongs to one document only.
    fn outputs(&self, file: &DocumentFile) -> Vec<String> {
        vec![format!("{}.pdf", document_stem(file))]
    }
    /// The project documents it holds whole (a raadsvoorstel's bijlagen, for its bundle), each
    /// with its place in the set (see `Rendering::volgorde`).
    fn bijlage_documents(&self) -> Vec<(String, usize)> {
        Vec::new()
    }
    /// The project documents whose laid-out pages it places (a book's chapters): they are
    /// built first, and their layout is shared.
    fn delen(&self, _file: &DocumentFile, _library: &dyn Library) -> Vec<String> {
        Vec::new()
    }
    /// Its outputs: each a template with a view, under a file name.
    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems>;
}

/// What a book computes and holds for one of its paragrafen.
#[derive(Debug, Clone, Default)]
pub struct VoorParagraaf {
    /// The tables it computes (the kengetallen, the Wet fido's norms); empty when it has
    /// nothing to compute them from.
    pub tabellen: Vec<TableView>,
    /// Each reserve's stand on 1 januari of its year, as its financial position enters it.
    pub reserves: Vec<(String, i64)>,
    /// Every line of baten the book adds up (the programmes', with the columns they read, and
    /// its own): taakveld, categorie and the amounts per year. A heffing's opbrengst is read
    /// from these, never typed again.
    pub baten: Vec<(String, String, crate::domain::bedragen::Jaren)>,
}

/// What every kind may read of the project while reading a file: the gemeente, its indicators,
/// the Iv3 definitions and its verbonden partijen.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub project: &'a Project,
    pub gemeente: &'a Gemeente,
    pub indicatoren: &'a BTreeMap<String, Indicator>,
    /// The CBS's Iv3 definitions (taakvelden, categorieën, grijze cellen) per year.
    pub iv3: &'a crate::domain::iv3::Iv3,
    /// The project's verbonden partijen (`data/verbonden-partijen.yaml`), when it lists them.
    /// Only a document that names one reads it (see `programma::noemt_partijen`).
    /// Its problems, when it has any, are those of each document that reads it.
    pub verbonden_partijen: Result<Option<&'a crate::domain::verbonden_partijen::VerbondenPartijen>, &'a Problems>,
}

/// The other documents of the project, as a kind may read them while making its outputs. What
/// it reads through [`Library::load_read`] is recorded (see [`Reads`]).
pub trait Library: Sync {
    /// Every document file of the project.
    fn documents(&self) -> Vec<DocumentFile>;
    /// A document, read and checked once per run; not recorded (for looking up kinds).
    fn load(&self, doc: &DocumentFile) -> Result<Loaded, Problems>;
    /// A document that the document being made reads.
    fn load_read(&self, doc: &DocumentFile, reads: &Reads) -> Result<Loaded, Problems>;
    /// The kind of a `soort:`.
    fn kind(&self, soort: &str) -> Option<&'static dyn Kind>;
    /// The `soort:` of every kind the library knows.
    fn soorten(&self) -> Vec<&'static str>;
    /// The project folder.
    fn root(&self) -> &std::path::Path;
    /// A document file as located YAML, to say at its line what only shows beyond its own
    /// rules (a column another document owns, a part the book lacks); `None` when it cannot be
    /// read. Not recorded: it is a document's own file, or one it already read.
    fn yaml(&self, relative: &str) -> Option<YamlFile> {
        crate::source::project::read_regular(&self.root().join(relative))
            .and_then(|bytes| YamlFile::decode(relative, &bytes).ok())
    }
}

/// A document file's `soort:` as its line says it, without parsing the file: what the recorded
/// lists of documents hold (see `source::project::documenten_key`), so that sorting files by it
/// needs no unrecorded read of their contents.
pub fn soort_line(library: &dyn Library, doc: &DocumentFile) -> Option<String> {
    let bytes = crate::source::project::read_regular(&library.root().join(&doc.relative))?;
    crate::source::project::sniff_soort(&bytes)
}

/// A document file with its document.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: DocumentFile,
    pub document: Arc<dyn Document>,
}

/// What a document needs to make its outputs.
pub struct RenderContext<'a> {
    pub file: &'a DocumentFile,
    pub sources: Sources<'a>,
    /// Where its charts go (virtual paths, served to Typst from memory).
    pub charts: &'a str,
    pub library: &'a dyn Library,
    /// Records what the document reads.
    pub reads: &'a Reads,
}

/// What `raadsstuk new` was asked for.
/// A part of a book the law requires, supplied by documents of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vereist {
    /// As the chapter names itself (`Hoofdstuk::paragraaf`) and `niet_van_toepassing:` names it.
    pub sleutel: &'static str,
    /// "paragraaf Lokale heffingen".
    pub wat: &'static str,
    /// "BBV art. 10".
    pub artikel: &'static str,
}

pub struct New<'a> {
    pub jaar: i32,
    pub onderwerp: Option<&'a str>,
    /// Today, from the clock: the one place where the clock decides a value.
    pub today: NaiveDate,
    pub sources: Sources<'a>,
    pub library: &'a dyn Library,
}

/// One output of a document: which template, with which view, under which file name.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub template: &'static str,
    pub view: ViewModel,
    /// The file name without `.pdf`.
    pub stem: String,
    /// The PDF's date: the document's own.
    pub date: NaiveDate,
    /// Charts, served to Typst from memory: virtual path → SVG.
    pub files: HashMap<String, Vec<u8>>,
    /// Project files copied beside the PDF (external PDF bijlagen of a bundle).
    pub copies: Vec<CopiedPdf>,
    /// Its part in the distribution set, for the manifest.
    pub rol: Rol,
    /// What a reader calls the file, in a link to it ("Raadsvoorstel 2018.0042544"); its
    /// onderwerp when none.
    pub naam: Option<String>,
    /// The title of its web page; the view's title when none.
    pub paginatitel: Option<String>,
    /// For a book: the template of its page numbers ("pagina k van N"), laid over its pages
    /// once all of them are known.
    pub nummering: Option<&'static str>,
    pub volgorde: usize,
    /// For a bundle, the parts behind its cover; the view is then the cover's.
    pub bundel: Option<Vec<Deel>>,
    /// Laid out only as a part of the document's own bundle (a book's overview), never
    /// written as a PDF of its own.
    pub intern: bool,
}

impl Rendering {
    /// Whether this is a book, put together from its chapters.
    pub fn is_boek(&self) -> bool {
        self.rol == Rol::Boek
    }

    /// The only output of a document that is no raadsvoorstel: its file named after its YAML.
    pub fn document(template: &'static str, view: ViewModel, file: &DocumentFile, date: NaiveDate) -> Self {
        Rendering {
            template,
            view,
            stem: document_stem(file),
            date,
            files: HashMap::new(),
            copies: Vec::new(),
            rol: Rol::Document,
            naam: None,
            paginatitel: None,
            nummering: None,
            volgorde: 0,
            bundel: None,
            intern: false,
        }
    }
}

/// A PDF bijlage copied beside a bundle.
#[derive(Debug, Clone)]
pub struct CopiedPdf {
    pub from: String,
    pub name: String,
    pub titel: String,
    pub volgorde: usize,
}

/// A part of a bundle: its title on the cover, and where its pages come from.
#[derive(Debug, Clone)]
pub struct Deel {
    pub titel: String,
    pub bron: Bron,
}

#[derive(Debug, Clone)]
pub enum Bron {
    /// Another output of the same document (an index into its renderings).
    Eigen(usize),
    /// The output of another document of the project (a kind that may be a bijlage).
    Document(DocumentFile),
}

/// Documents without a registratienummer are named after their file: `kadernota-2018-2022.yaml`
/// → `kadernota-2018-2022.pdf`.
pub fn document_stem(file: &DocumentFile) -> String {
    let name = file.relative.rsplit('/').next().unwrap_or(&file.relative);
    crate::domain::format::file_stem(name.trim_end_matches(".yaml").trim_end_matches(".yml"))
}

/// A YAML string for a scaffold: a JSON string literal, which is valid YAML and needs no
/// further escaping.
pub fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// "Kadernota Integrale Veiligheid" → "kadernota-integrale-veiligheid".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect::<String>().trim_end_matches('-').to_string()
}

/// Reads a file as a `T` and checks it with `rules`: the document and every problem (the
/// problems found reading and those the rules found in what could be read).
pub fn read_with<T: serde::de::DeserializeOwned + Document>(
    file: &YamlFile,
    rules: impl FnOnce(&T) -> Result<(), Problems>,
) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
    let (document, found) = file.parse_all::<T>();
    let checked = document.as_ref().map(rules);
    (document.map(|d| Arc::new(d) as Arc<dyn Document>), rules::merge(found, checked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Kadernota Integrale Veiligheid 2018-2022"), "kadernota-integrale-veiligheid-2018-2022");
        assert_eq!(slug("Geïnformeerd: één ‘test’!"), "geinformeerd-een-test");
        assert_eq!(slug("../../etc"), "etc");
    }
}
