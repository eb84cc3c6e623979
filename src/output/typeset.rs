//! Typst source → PDF, in-process.
//!
//! [`Typesetter`] holds what every document of a run shares: the Typst standard library and the
//! fonts from `fonts/` (nothing else: no system fonts). Each compilation gets a `DocumentWorld`
//! that serves the generated source from memory, virtual files (charts) from memory, and project
//! files only through [`Project::resolve`]. Packages are never resolved: there is no network.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use sha2::Digest as _;
use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::{Diagnostic, Position, Problems};
use crate::source::project::Project;

/// The PDF standards every document claims: archivable and accessible at once.
pub const STANDARDS: &[PdfStandard] = &[PdfStandard::A_2a, PdfStandard::Ua_1];

/// The name of the standards a PDF claims.
pub const STANDARDS_NAME: &str = "PDF/A-2a + PDF/UA-1";

/// Fonts and the standard library, loaded once per run and shared by every document.
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    families: Vec<String>,
    /// A hash of the font files, to know when fonts changed (incremental builds).
    fingerprint: String,
}

/// Finds the template line a generated line came from: (file, its source, 1-based line).
pub type Locate<'a> = &'a (dyn Fn(&str) -> Option<(String, std::sync::Arc<str>, usize)> + Sync);

/// One document to typeset.
pub struct Job<'a> {
    /// The generated Typst source.
    pub source: String,
    /// The template it came from, for messages (`templates/raadsvoorstel.typ.hbs`).
    pub template: String,
    /// Files that exist only in memory (charts), by virtual path (`/charts/1.svg`).
    pub virtual_files: HashMap<String, Bytes>,
    pub project: &'a Project,
    /// The document's own date: `today()` and the PDF creation date, so output never depends on
    /// the clock.
    pub date: NaiveDate,
    /// A stable identifier for the PDF's document id.
    pub ident: String,
    /// Finds the template line a generated line came from (see `Templates::locate`).
    pub locate: Option<Locate<'a>>,
    /// Records every project file Typst reads (a logo, an image), for incremental builds.
    pub reads: Option<&'a crate::source::project::Reads>,
}

/// A typeset document.
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The standards the PDF claims ([`STANDARDS_NAME`]: a PDF that cannot is an error).
    pub standaard: &'static str,
    pub warnings: Vec<String>,
    /// Time spent in Typst (compile and PDF export).
    pub seconds: f64,
    /// The laid-out pages, for a bundle that includes this document.
    pub document: PagedDocument,
}

impl Typesetter {
    /// Loads every font file in `fonts_dir` (sorted by name, so font indices are stable).
    pub fn new(fonts_dir: &Path) -> Result<Self, Diagnostic> {
        let shown = "fonts";
        let mut paths: Vec<_> = std::fs::read_dir(fonts_dir)
            .map_err(|e| {
                Diagnostic::new(shown, format!("map `fonts` niet te lezen: {}", crate::diagnostics::io_fout(&e)))
            })?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref(),
                    Some("ttf" | "otf" | "ttc" | "otc")
                )
            })
            .collect();
        paths.sort();
        let mut fonts = Vec::new();
        let mut hasher = sha2::Sha256::new();
        let inside = fonts_dir.canonicalize().unwrap_or_else(|_| fonts_dir.to_path_buf());
        for path in &paths {
            // Fonts come only from `fonts/`: a link to a file elsewhere is not opened.
            if !path.canonicalize().is_ok_and(|real| real.starts_with(&inside)) {
                return Err(Diagnostic::new(
                    format!("fonts/{}", file_name(path)),
                    "dit lettertype verwijst naar een bestand buiten de map `fonts/`; zet het lettertype zelf in `fonts/`",
                ));
            }
            // Only regular files: a pipe named like a font would be waited for forever.
            if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                return Err(Diagnostic::new(
                    format!("fonts/{}", file_name(path)),
                    "dit is geen gewoon bestand (een map, een pipe of een apparaat)",
                ));
            }
            let data = std::fs::read(path).map_err(|e| {
                Diagnostic::new(
                    format!("fonts/{}", file_name(path)),
                    format!("lettertype niet te lezen: {}", crate::diagnostics::io_fout(&e)),
                )
            })?;
            sha2::Digest::update(&mut hasher, file_name(path).as_bytes());
            sha2::Digest::update(&mut hasher, &data);
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        if fonts.is_empty() {
            return Err(Diagnostic::new(shown, "geen lettertypen gevonden (.ttf of .otf)")
                .with_hint("de map `fonts/` hoort bij het project; haal hem opnieuw uit versiebeheer"));
        }
        let mut families: Vec<String> = fonts.iter().map(|f| f.info().family.clone()).collect();
        families.sort();
        families.dedup();
        let library = Library::builder().with_features([Feature::A11yExtras].into_iter().collect()).build();
        Ok(Typesetter {
            library: LazyHash::new(library),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            families,
            fingerprint: format!("{:x}", sha2::Digest::finalize(hasher)),
        })
    }

    /// A hash of the font files.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Every font in `fonts/`.
    pub fn fonts(&self) -> &[Font] {
        &self.fonts
    }

    /// The font families available to documents.
    pub fn families(&self) -> &[String] {
        &self.families
    }

    /// Whether some font in `fonts/` has a glyph for `c` (Typst falls back through them all).
    pub fn covers(&self, c: char) -> bool {
        self.fonts.iter().any(|f| f.info().coverage.contains(c as u32))
    }

    /// Compiles and exports one document as PDF/A-2a + PDF/UA-1.
    pub fn typeset(&self, job: &Job) -> Result<Typeset, Problems> {
        let started = std::time::Instant::now();
        let world = DocumentWorld::new(self, job);
        let (document, mut warnings) = world.compile()?;
        let (pdf, standaard) =
            export(&document, &job.ident, world.today, &mut warnings, &|errors| world.problems(errors))?;
        let seconds = started.elapsed().as_secs_f64();
        Ok(Typeset { pdf, pages: document.pages().len(), standaard, warnings, seconds, document })
    }

    /// Lays out one document without exporting it (a bundle's cover), with Typst's warnings.
    pub fn compile(&self, job: &Job) -> Result<(PagedDocument, Vec<String>), Problems> {
        DocumentWorld::new(self, job).compile()
    }

    /// Exports a document put together from laid-out parts (see [`crate::output::assemble`]).
    pub fn export(&self, document: PagedDocument, ident: &str, date: NaiveDate) -> Result<Typeset, Problems> {
        let started = std::time::Instant::now();
        let mut warnings = Vec::new();
        let (pdf, standaard) = export(&document, ident, datetime(date), &mut warnings, &|errors| {
            Problems(errors.iter().map(|e| Diagnostic::new(ident, format!("PDF-export: {}", e.message))).collect())
        })?;
        let seconds = started.elapsed().as_secs_f64();
        Ok(Typeset { pdf, pages: document.pages().len(), standaard, warnings, seconds, document })
    }
}

/// Exports as [`STANDARDS`]. A document that cannot meet them is an error, never a PDF that
/// quietly claims less: archivable and accessible is a promise to the griffie. (Only a template
/// can cause it, such as a gemeente's own with an image without alt text: user text is escaped,
/// and a character no font has is refused when the file is read.)
fn export(
    document: &PagedDocument,
    ident: &str,
    today: Datetime,
    _warnings: &mut Vec<String>,
    problems: &dyn Fn(&[SourceDiagnostic]) -> Problems,
) -> Result<(Vec<u8>, &'static str), Problems> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(concat!("raadsstuk ", env!("CARGO_PKG_VERSION")).into())),
        // Used only when the template sets no `document(date:)`: PDF/A needs a date, and a
        // fixed one keeps output byte-identical.
        timestamp: Some(Timestamp::new_utc(today)),
        standards: PdfStandards::new(STANDARDS).expect("these standards combine"),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map(|pdf| (pdf, STANDARDS_NAME)).map_err(|errors| {
        let mut problems = problems(&errors);
        for d in &mut problems.0 {
            d.message = format!("de PDF kan niet {STANDARDS_NAME} zijn: {}", d.message);
        }
        problems
    })
}

/// A date as Typst's `today()`. Dates are validated (1800-2200) before they get here; the
/// fallback only guards.
fn datetime(d: NaiveDate) -> Datetime {
    Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
        .unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("a valid date"))
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

/// The virtual path of a generated source: one per document output, so the element locations
/// of different outputs differ and their pages can share one bundle (see [`crate::output::assemble`]).
/// File ids are interned for the whole process and capped, so a path is reused for every build
/// of the same output, never minted per build. The path sits at the project root so relative
/// paths in templates resolve from there.
fn main_id(ident: &str) -> FileId {
    let hash = sha2::Sha256::digest(ident.as_bytes());
    let name = format!("/raadsstuk-{:x}.typ", u64::from_be_bytes(hash[..8].try_into().expect("8 bytes")));
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(&name).expect("valid path")).intern()
}

/// What Typst sees while compiling one document.
struct DocumentWorld<'a> {
    typesetter: &'a Typesetter,
    job: &'a Job<'a>,
    main: Source,
    today: Datetime,
}

impl<'a> DocumentWorld<'a> {
    fn new(typesetter: &'a Typesetter, job: &'a Job<'a>) -> Self {
        // A fresh Source every time. Keeping one per document and updating it with
        // `Source::replace` (as typst-cli's watch does) made Typst return stale output for some
        // sequences of edits in our property tests, so that optimisation is not used.
        let main = Source::new(main_id(&job.ident), job.source.clone());
        DocumentWorld { typesetter, job, main, today: datetime(job.date) }
    }

    fn compile(&self) -> Result<(PagedDocument, Vec<String>), Problems> {
        let Warned { output, warnings } = typst::compile::<PagedDocument>(self);
        let mut texts: Vec<String> =
            warnings.iter().filter(|w| w.severity == Severity::Warning).map(|w| self.describe(w).to_string()).collect();
        texts.dedup();
        let document = output.map_err(|errors| self.problems(&errors))?;
        Ok((document, texts))
    }

    /// Reads a project file for Typst: virtual files first, then the project, sandboxed.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if let VirtualRoot::Package(spec) = rooted.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("pakket {spec} is niet beschikbaar: raadsstuk gebruikt geen pakketten en geen netwerk").into(),
            ))));
        }
        let path = rooted.vpath().get_with_slash();
        if let Some(bytes) = self.job.virtual_files.get(path) {
            return Ok(bytes.clone());
        }
        let relative = rooted.vpath().get_without_slash();
        if let Some(reads) = self.job.reads {
            reads.read(relative.to_string());
        }
        let bytes = self.job.project.read(relative).map_err(|why| FileError::Other(Some(why.into())))?;
        Ok(Bytes::new(bytes))
    }

    /// A Typst diagnostic as the user should read it: it comes from a template, never from
    /// their data (all data is escaped), so it points at the generated line and says so.
    fn describe(&self, d: &SourceDiagnostic) -> Diagnostic {
        let mut message = d.message.to_string();
        let mut position = None;
        if d.span.id() == Some(self.main.id())
            && let Some(range) = self.range(d.span)
            && let Some((line, column)) = self.main.lines().byte_to_line_column(range.start)
        {
            position = Some(Position { line: line + 1, column: column + 1 });
        }
        let generated = position.map(|pos| self.main.text().lines().nth(pos.line - 1).unwrap_or("").trim().to_string());
        let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        let hint = (!hints.is_empty()).then(|| hints.join("; "));
        let place = generated.as_deref().and_then(|g| self.job.locate.and_then(|locate| locate(g)));
        let mut diag = match place {
            Some((file, source, line)) => {
                Diagnostic::new(file, format!("Typst-fout in een sjabloon (niet in uw gegevens): {message}"))
                    .at(source, Some(Position { line, column: 1 }))
            }
            None => {
                if let (Some(pos), Some(g)) = (position, &generated) {
                    let g: String = g.chars().take(120).collect();
                    message = format!("{message}\n  in de gegenereerde Typst-code, regel {}: {g}", pos.line);
                }
                Diagnostic::new(
                    self.job.template.clone(),
                    format!("Typst-fout in een sjabloon (niet in uw gegevens): {message}"),
                )
            }
        };
        diag.hint = hint;
        diag
    }

    fn problems(&self, errors: &[SourceDiagnostic]) -> Problems {
        let mut list: Vec<Diagnostic> = errors.iter().map(|e| self.describe(e)).collect();
        list.dedup_by(|a, b| a.message == b.message);
        Problems(list)
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.read(id)?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Keeps Typst's process-wide memo cache bounded; dropped after every output, also on errors.
///
/// Results unused for a number of evictions go. Other documents' layouts rarely help the next
/// document of a batch, and keeping the last ten (typst watch's choice) let a batch of large
/// documents grow past a gigabyte; three per document thread keeps memory flat and still serves
/// `watch`. Per thread, because every thread evicts: with two threads at age three, a long
/// document lost its own results to the other thread's evictions between Typst's layout
/// passes and redid them (measured: 15 % more CPU time for a batch).
pub struct EvictGuard {
    max_age: usize,
}

const MEMO_MAX_AGE: usize = 3;

impl EvictGuard {
    /// For a run that compiles `threads` documents at a time.
    pub fn new(threads: usize) -> Self {
        EvictGuard { max_age: MEMO_MAX_AGE * threads.max(1) }
    }
}

impl Drop for EvictGuard {
    fn drop(&mut self) {
        typst::comemo::evict(self.max_age);
    }
}
