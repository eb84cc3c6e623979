//! The pipeline for one run: load → validate → view → render → typeset → write.
//!
//! A [`Session`] loads what every document shares (gemeente.yaml, templates, fonts, the Typst
//! library) once; each document then flows through the stages on its own, so one broken
//! document never stops the others. A raadsvoorstel's bundle is the exception that proves the
//! rule: it takes the laid-out pages of its parts (see [`crate::assemble`]), sharing a
//! Kadernota's layout with that Kadernota's own build when both are in one run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use crate::assemble::{self, Collision};
use crate::beleid::{self, Beleid};
use crate::diagnostics::{Diagnostic, Position, Problems};
use crate::financien;
use crate::format;
use crate::incremental::{self, BijlageVan, DocState, Herziening, OutputRecord, State};
use crate::load::YamlFile;
use crate::manifest;
use crate::model::{Gemeente, Indicator, Indicatoren, Jaarverslag, Kadernota, Raadsvoorstel, Soort};
use crate::output;
use crate::project::{DocumentFile, GEMEENTE_FILE, Project};
use crate::render::Templates;
use crate::typeset::{EvictGuard, Job, Typeset, Typesetter};
use crate::view;

/// Where indicators are defined, once for the whole project.
pub const INDICATOREN_FILE: &str = "data/indicatoren.yaml";

/// What every document of a run shares.
pub struct Session {
    pub project: Project,
    pub gemeente: Gemeente,
    /// Run-wide inputs of every document: tool version, templates, fonts (name → hash).
    omgeving: BTreeMap<String, String>,
    /// From `data/indicatoren.yaml` (empty when the project has none).
    pub indicatoren: BTreeMap<String, Indicator>,
    templates: Templates,
    typesetter: Typesetter,
    /// Documents loaded in this run, by path: a jaarverslag reads every earlier year, and
    /// parsing each file once keeps a run (and a no-op rebuild) fast. `watch` clears it before
    /// each rebuild.
    loaded: Mutex<HashMap<String, Result<Loaded, Problems>>>,
    /// Outputs that a bundle of this run will need too, by document path: laid out once and
    /// kept until every user is done (see `build_all`).
    gedeeld: Mutex<HashMap<String, Gedeeld>>,
    /// The revision date of each revised definitief document, by path: every PDF that shows
    /// the document (its own, a bundle) carries it.
    herzien: Mutex<HashMap<String, NaiveDate>>,
}

/// One shared output: its result once made, and how many documents of the run still need it.
struct Gedeeld {
    users: usize,
    cell: Arc<OnceLock<Result<Arc<Typeset>, Problems>>>,
}

/// A document file, parsed and validated.
#[derive(Debug, Clone)]
pub enum Document {
    Raadsvoorstel(Box<Raadsvoorstel>),
    Kadernota(Box<Kadernota>),
    Jaarverslag(Box<Jaarverslag>),
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: DocumentFile,
    pub document: Document,
}

/// What building one document wrote.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every file written (PDFs and copied PDF bijlagen), as the manifest lists them.
    pub records: Vec<OutputRecord>,
    /// Typst's warnings and any fallback from the standards, to show the user.
    pub waarschuwingen: Vec<String>,
    /// Time spent in Typst (compile and PDF export).
    pub typst_seconds: f64,
    /// The revision these PDFs carry (a definitief document changed on purpose), if any.
    pub herziening: Option<Herziening>,
    /// For a raadsvoorstel: its bijlagen that are documents of the project.
    pub bijlagen: Vec<BijlageVan>,
}

/// Options of `raadsstuk build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out_dir: PathBuf,
    /// Also write the generated Typst source next to each PDF.
    pub emit_typst: bool,
    /// Rebuild every document, changed or not.
    pub force: bool,
    /// Documents built at the same time (at least 1).
    pub jobs: usize,
    /// Also write the bundle of each raadsvoorstel (`watch` previews without it).
    pub bundel: bool,
    /// Revise definitief documents whose PDFs would change (`--herzie`), instead of stopping.
    pub herzie: bool,
    /// The day a revision made in this run carries (the clock's: a revision is made on a day).
    pub vandaag: NaiveDate,
}

/// How one document of a batch ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Rebuilt, and why.
    Built {
        built: Built,
        redenen: Vec<String>,
    },
    /// Nothing it reads changed: its files were left alone.
    Unchanged {
        records: Vec<OutputRecord>,
    },
    Failed(Problems),
}

#[derive(Debug, Clone)]
pub struct DocReport {
    pub file: DocumentFile,
    pub outcome: Outcome,
    /// Wall time for this document.
    pub seconds: f64,
}

/// The result of `build` over many documents.
#[derive(Debug, Clone)]
pub struct BatchReport {
    /// In the order of the documents given.
    pub documents: Vec<DocReport>,
    /// Files of earlier builds that no document makes any more, now removed (paths in the
    /// output folder).
    pub verwijderd: Vec<String>,
    /// Problems of the run itself (the state or the manifest could not be written).
    pub problemen: Vec<Diagnostic>,
    pub seconds: f64,
}

impl BatchReport {
    pub fn failed(&self) -> usize {
        self.documents.iter().filter(|d| matches!(d.outcome, Outcome::Failed(_))).count()
    }

    /// Whether everything was built and recorded.
    pub fn ok(&self) -> bool {
        self.failed() == 0 && self.problemen.is_empty()
    }
}

/// One output of a document: which template, with which view, under which file name.
#[derive(Clone)]
struct Part {
    template: &'static str,
    view: serde_json::Value,
    stem: String,
    date: NaiveDate,
    /// Charts, served to Typst from memory.
    files: HashMap<String, Bytes>,
    /// Project files copied beside the PDF (external PDF bijlagen of a bundle).
    copies: Vec<Copy>,
    /// Its part in a raadsvoorstel's set, for the manifest (see `OutputRecord::rol`).
    rol: &'static str,
    volgorde: usize,
    /// For a bundle, the parts behind its cover; the view is then the cover's.
    bundel: Option<Vec<Deel>>,
}

/// A PDF bijlage copied beside a bundle.
#[derive(Clone)]
struct Copy {
    from: String,
    name: String,
    titel: String,
    volgorde: usize,
}

/// A file a build makes, in memory until every file of the document is made.
struct Output {
    pad: String,
    path: PathBuf,
    bytes: Vec<u8>,
    record: OutputRecord,
}

/// A part of a bundle: its title on the cover, and where its pages come from.
#[derive(Clone)]
struct Deel {
    titel: String,
    bron: Bron,
}

#[derive(Clone)]
enum Bron {
    /// Another output of the same document (an index into its parts).
    Eigen(usize),
    /// The output of another document of the project (a Kadernota or jaarverslag).
    Document(DocumentFile),
}

impl Session {
    /// Loads gemeente.yaml, the templates and the fonts.
    pub fn open(project: Project) -> Result<Self, Problems> {
        let bytes = project.read(GEMEENTE_FILE).map_err(|why| Diagnostic::new(GEMEENTE_FILE, why))?;
        let file = YamlFile::decode(GEMEENTE_FILE, &bytes)?;
        let gemeente: Gemeente = file.parse()?;
        let templates = Templates::load(&project, gemeente.sjablonen.as_deref()).map_err(|e| {
            let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message))
        })?;
        let typesetter = Typesetter::new(&project.root().join("fonts"))?;
        check_huisstijl(&gemeente, &file, typesetter.families(), &project)?;
        let indicatoren = load_indicatoren(&project)?;
        let omgeving = BTreeMap::from([
            ("raadsstuk-versie".to_string(), env!("CARGO_PKG_VERSION").to_string()),
            ("sjablonen".to_string(), templates.fingerprint()),
            ("lettertypen".to_string(), typesetter.fingerprint().to_string()),
        ]);
        Ok(Session {
            project,
            gemeente,
            omgeving,
            indicatoren,
            templates,
            typesetter,
            loaded: Mutex::default(),
            gedeeld: Mutex::default(),
            herzien: Mutex::default(),
        })
    }

    /// Parses and validates one document file.
    pub fn load(&self, doc: &DocumentFile) -> Result<Loaded, Problems> {
        if let Some(result) = self.loaded.lock().expect("not poisoned").get(&doc.relative) {
            return result.clone();
        }
        let result = self.load_uncached(doc);
        self.loaded.lock().expect("not poisoned").insert(doc.relative.clone(), result.clone());
        result
    }

    /// Forgets what was loaded, so files are read again (after a change, in `watch`).
    pub fn forget_loaded(&self) {
        self.loaded.lock().expect("not poisoned").clear();
    }

    fn load_uncached(&self, doc: &DocumentFile) -> Result<Loaded, Problems> {
        let bytes = self.project.read(&doc.relative).map_err(|why| Diagnostic::new(&doc.relative, why))?;
        let file = YamlFile::decode(&doc.relative, &bytes)?;
        // Every problem of the file at once: sizes, placeholders, reading, and the rules.
        let mut problems = Vec::new();
        for check in [file.check_limits(), file.check_placeholders()] {
            if let Err(p) = check {
                problems.extend(p.0);
            }
        }
        let soort = file.top_level_str("soort")?;
        let (document, found) = match soort.as_deref() {
            Some("raadsvoorstel") => {
                let (rv, found) = file.parse_all::<Raadsvoorstel>();
                let rules = rv.as_ref().map(|rv| validate_raadsvoorstel(rv, &file, &self.project));
                (rv.map(|rv| Document::Raadsvoorstel(Box::new(rv))), merge(found, rules))
            }
            Some("kadernota") => {
                let (k, found) = file.parse_all::<Kadernota>();
                let rules = k.as_ref().map(|k| self.validate_kadernota(k, &file));
                (k.map(|k| Document::Kadernota(Box::new(k))), merge(found, rules))
            }
            Some("jaarverslag") => {
                let (j, found) = file.parse_all::<Jaarverslag>();
                let rules = j.as_ref().map(|j| self.validate_jaarverslag(j, &file));
                (j.map(|j| Document::Jaarverslag(Box::new(j))), merge(found, rules))
            }
            Some(other) => {
                let pos = file.top_level_position("soort");
                return Err(file
                    .diagnostic(pos, format!("onbekende soort document `{other}`"))
                    .with_hint("mogelijk zijn: raadsvoorstel, kadernota, jaarverslag")
                    .into());
            }
            None => {
                return Err(file
                    .diagnostic(Some(Position { line: 1, column: 1 }), "het veld `soort` ontbreekt")
                    .with_hint("begin het bestand met `soort: raadsvoorstel` (of kadernota, jaarverslag)")
                    .into());
            }
        };
        problems.extend(found);
        match document {
            Some(document) if problems.is_empty() => Ok(Loaded { file: doc.clone(), document }),
            _ => {
                problems.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
                Err(Problems(problems))
            }
        }
    }

    /// Loads every given document, and checks the rules that span documents (a `nummer` used
    /// twice). Returns the loaded ones and the problems per file.
    pub fn load_all(&self, docs: &[DocumentFile]) -> Vec<Result<Loaded, Problems>> {
        let mut results: Vec<Result<Loaded, Problems>> = docs.iter().map(|d| self.load(d)).collect();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut jaarverslagen: HashMap<i32, String> = HashMap::new();
        for result in results.iter_mut() {
            let Ok(loaded) = result else { continue };
            if matches!(loaded.document, Document::Jaarverslag(_)) {
                let relative = loaded.file.relative.clone();
                if let Some(first) = jaarverslagen.get(&loaded.file.jaar) {
                    *result =
                        Err(Diagnostic::new(&relative, format!("er is al een jaarverslag voor {}", loaded.file.jaar))
                            .with_hint(format!("{first} is het jaarverslag van dat jaar; één jaarverslag per jaar"))
                            .into());
                    continue;
                }
                jaarverslagen.insert(loaded.file.jaar, relative);
            }
            let Some(nummer) = loaded.document.nummer() else {
                continue;
            };
            let relative = loaded.file.relative.clone();
            if let Some(first) = seen.get(&nummer) {
                let text = self.project.read(&relative).unwrap_or_default();
                let diag = match YamlFile::decode(&relative, &text) {
                    Ok(f) => {
                        f.diagnostic(f.find_key("nummer", Some(&nummer)), format!("nummer `{nummer}` is al gebruikt"))
                    }
                    Err(_) => Diagnostic::new(&relative, format!("nummer `{nummer}` is al gebruikt")),
                };
                *result = Err(diag
                    .with_hint(format!(
                        "{first} heeft hetzelfde nummer; elk document heeft een eigen registratienummer"
                    ))
                    .into());
            } else {
                seen.insert(nummer, relative);
            }
        }
        results
    }

    /// Remembers the revisions an earlier build made (from its state), so rebuilt PDFs keep
    /// their revision mark.
    pub fn remember_revisions(&self, state: &State) {
        let mut herzien = self.herzien.lock().expect("not poisoned");
        for (path, doc) in &state.documenten {
            if let Some(h) = &doc.herziening {
                herzien.insert(path.clone(), h.datum);
            }
        }
    }

    /// Builds the PDFs of one loaded document. `redenen` says why (for the message when a
    /// definitief document would change).
    ///
    /// Every file is made in memory first and written only when all are made, so a failure
    /// leaves the whole previous set. A definitief document has been sent: when one of its files
    /// would change, the build stops for it, unless `--herzie` asks for a revised version.
    pub fn build(&self, loaded: &Loaded, options: &BuildOptions, redenen: &[String]) -> Result<Built, Problems> {
        let relative = &loaded.file.relative;
        let mut made = self.make(loaded, options)?;
        let mut herziening = None;
        if loaded.document.definitief() {
            let changed: BTreeMap<String, String> = made
                .0
                .iter()
                .filter_map(|o| {
                    let old = std::fs::read(&o.path).ok()?;
                    (old != o.bytes).then(|| (o.pad.clone(), incremental::sha256(&old)))
                })
                .collect();
            if !changed.is_empty() {
                if !options.herzie {
                    return Err(self.frozen(loaded, &changed, redenen));
                }
                let new = Herziening { datum: options.vandaag, vorige: changed };
                self.herzien.lock().expect("not poisoned").insert(relative.clone(), new.datum);
                // A bundle of this run must not use the layout made before the revision.
                self.gedeeld.lock().expect("not poisoned").remove(relative);
                made = self.make(loaded, options)?;
                herziening = Some(new);
            }
        }
        let (outputs, parts, waarschuwingen, typst_seconds) = made;
        let folder = options.out_dir.join(loaded.file.jaar.to_string());
        let mut records = Vec::new();
        for mut output in outputs {
            output::write_atomic(&output.path, &output.bytes).map_err(|e| {
                Diagnostic::new(output.path.display().to_string(), format!("bestand niet te schrijven: {e}"))
            })?;
            if let Some(h) = &herziening {
                output.record.vorige_sha256 = h.vorige.get(&output.pad).cloned().unwrap_or_default();
            }
            records.push(output.record);
        }
        if options.emit_typst {
            for part in &parts {
                self.emit_typst(&folder, part, &parts)?;
            }
        }
        records.sort_by(|a, b| a.pad.cmp(&b.pad));
        let bijlagen = match &loaded.document {
            Document::Raadsvoorstel(rv) => rv
                .bijlagen
                .iter()
                .enumerate()
                .filter_map(|(i, b)| b.bestand.as_ref().filter(|f| document_file(f).is_some()).map(|f| (i, f)))
                .map(|(i, bron)| BijlageVan {
                    bron: bron.clone(),
                    voorstel: rv.nummer.trim().to_string(),
                    volgorde: i + 3,
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(Built { records, waarschuwingen, typst_seconds, herziening, bijlagen })
    }

    /// Why a definitief document is not rebuilt, said where its status is.
    fn frozen(&self, loaded: &Loaded, changed: &BTreeMap<String, String>, redenen: &[String]) -> Problems {
        let relative = &loaded.file.relative;
        let files: Vec<&str> = changed.keys().map(String::as_str).collect();
        let message = format!(
            "dit document is definitief en al verstuurd, maar {}",
            match files.as_slice() {
                [one] => format!("de PDF {one} zou veranderen"),
                more => format!("de PDF's {} zouden veranderen", more.join(", ")),
            }
        );
        let oorzaak = if redenen.is_empty() {
            "het bestand of iets wat het leest is gewijzigd".to_string()
        } else {
            redenen.join(", ")
        };
        let hint = format!(
            "oorzaak: {oorzaak}. De vorige PDF blijft staan. Is de wijziging bedoeld, maak dan een herziene \
             versie met `raadsstuk build --herzie`: elke pagina krijgt \"Herziene versie van <datum>\" en het \
             manifest bewaart de sha256 van wat eerder is verstuurd. Anders: maak de wijziging ongedaan."
        );
        let diagnostic = match self.project.read(relative).ok().and_then(|b| YamlFile::decode(relative, &b).ok()) {
            Some(file) => file.diagnostic(file.top_level_position("status"), message),
            None => Diagnostic::new(relative, message),
        };
        diagnostic.with_hint(hint).into()
    }

    /// Makes every file of a document in memory: its PDFs and the copies beside them. Returns
    /// them with the parts they came from, Typst's warnings and the time spent in Typst.
    #[allow(clippy::type_complexity)]
    fn make(
        &self,
        loaded: &Loaded,
        options: &BuildOptions,
    ) -> Result<(Vec<Output>, Vec<Part>, Vec<String>, f64), Problems> {
        let mut parts = self.parts(loaded)?;
        if !options.bundel {
            parts.retain(|p| p.bundel.is_none());
        }
        let folder = options.out_dir.join(loaded.file.jaar.to_string());
        // Bundles come last: they are put together from the other parts' pages.
        let mut typeset: Vec<Option<Arc<Typeset>>> = vec![None; parts.len()];
        let mut views: Vec<serde_json::Value> = parts.iter().map(|p| p.view.clone()).collect();
        let mut typst_seconds = 0.0;
        // Only a document with one output (a Kadernota, a jaarverslag) can be a bundle's part,
        // so only such an output is shared; the cache is keyed by document.
        let single = parts.len() == 1;
        for (i, part) in parts.iter().enumerate() {
            if part.bundel.is_none() {
                let result = if single {
                    self.typeset_shared(&loaded.file, part, options)?
                } else {
                    Arc::new(self.typeset_part(&loaded.file, part, "", options)?)
                };
                typst_seconds += result.seconds;
                typeset[i] = Some(result);
            }
        }
        for (i, part) in parts.iter().enumerate() {
            if let Some(delen) = &part.bundel {
                let (result, view) = self.assemble_bundle(&loaded.file, part, delen, &parts, &typeset, options)?;
                typst_seconds += result.seconds;
                typeset[i] = Some(Arc::new(result));
                views[i] = view;
            }
        }
        let mut outputs = Vec::new();
        let mut waarschuwingen = Vec::new();
        let jaar = loaded.file.jaar;
        let documentsoort = loaded.document.soort().key();
        for ((part, result), view) in parts.iter().zip(typeset).zip(&views) {
            let result = result.expect("every part is typeset");
            let name = format!("{}.pdf", part.stem);
            waarschuwingen.extend(result.warnings.iter().map(|w| format!("{name}: {w}")));
            let pad = format!("{jaar}/{name}");
            let mut record = record(view, pad.clone(), jaar, &result.pdf, result.pages, result.standaard);
            record.rol = part.rol.into();
            record.volgorde = part.volgorde;
            record.bron = loaded.file.relative.clone();
            record.documentsoort = documentsoort.into();
            if part.rol != "document" {
                record.voorstel = record.nummer.clone();
            }
            for copy in &part.copies {
                let bytes = self.project.read(&copy.from).map_err(|why| Diagnostic::new(copy.from.clone(), why))?;
                let pages = lopdf::Document::load_mem(&bytes).map(|d| d.get_pages().len()).unwrap_or(0);
                let pad = format!("{jaar}/{}", copy.name);
                outputs.push(Output {
                    path: folder.join(&copy.name),
                    record: OutputRecord {
                        pad: pad.clone(),
                        soort: "Bijlage (PDF)".into(),
                        onderwerp: copy.titel.clone(),
                        paginas: pages,
                        bytes: bytes.len() as u64,
                        sha256: incremental::sha256(&bytes),
                        standaard: "onbekend (extern bestand)".into(),
                        rol: "bijlage".into(),
                        volgorde: copy.volgorde,
                        bron: copy.from.clone(),
                        documentsoort: "pdf".into(),
                        ..record.clone()
                    },
                    pad,
                    bytes,
                });
            }
            outputs.push(Output { path: folder.join(&name), pad, bytes: result.pdf.clone(), record });
        }
        Ok((outputs, parts, waarschuwingen, typst_seconds))
    }

    /// Renders and typesets one output. `variant` renames its source (see `assemble_bundle`).
    fn typeset_part(
        &self,
        file: &DocumentFile,
        part: &Part,
        variant: &str,
        options: &BuildOptions,
    ) -> Result<Typeset, Problems> {
        self.with_job(file, part, &part.view, variant, options, |job| self.typesetter.typeset(job))
    }

    /// Renders `part`'s template with `view` and hands Typst's job for it to `run`, evicting
    /// Typst's memo cache afterwards.
    fn with_job<R>(
        &self,
        file: &DocumentFile,
        part: &Part,
        view: &serde_json::Value,
        variant: &str,
        options: &BuildOptions,
        run: impl FnOnce(&Job) -> Result<R, Problems>,
    ) -> Result<R, Problems> {
        let source = self.templates.render(part.template, view).map_err(template_problem)?;
        let locate = |generated: &str| self.templates.locate(generated);
        let _evict = EvictGuard::new(options.jobs);
        let job = Job {
            source,
            template: self.templates.origin(part.template),
            virtual_files: part.files.clone(),
            project: &self.project,
            date: part.date,
            ident: format!("{}/{}{variant}", file.relative, part.stem),
            locate: Some(&locate),
        };
        run(&job)
    }

    /// Typesets the only output of a document, once per run when a bundle of this run needs it
    /// too.
    fn typeset_shared(
        &self,
        file: &DocumentFile,
        part: &Part,
        options: &BuildOptions,
    ) -> Result<Arc<Typeset>, Problems> {
        let cell = self.gedeeld.lock().expect("not poisoned").get(&file.relative).map(|g| g.cell.clone());
        match cell {
            Some(cell) => cell.get_or_init(|| self.typeset_part(file, part, "", options).map(Arc::new)).clone(),
            None => self.typeset_part(file, part, "", options).map(Arc::new),
        }
    }

    /// Puts a bundle together: its cover, then the laid-out pages of each part. Returns it with
    /// the cover's final view (for the manifest).
    fn assemble_bundle(
        &self,
        file: &DocumentFile,
        part: &Part,
        delen: &[Deel],
        parts: &[Part],
        typeset: &[Option<Arc<Typeset>>],
        options: &BuildOptions,
    ) -> Result<(Typeset, serde_json::Value), Problems> {
        let started = Instant::now();
        let mut members: Vec<(DocumentFile, Part, Arc<Typeset>)> = Vec::new();
        for deel in delen {
            members.push(match &deel.bron {
                Bron::Eigen(i) => {
                    (file.clone(), parts[*i].clone(), typeset[*i].clone().expect("typeset before the bundle"))
                }
                Bron::Document(doc) => {
                    let part = self.parts(&self.load(doc)?)?.remove(0);
                    let result = self.typeset_shared(doc, &part, options)?;
                    (doc.clone(), part, result)
                }
            });
        }
        let mut view = part.view.clone();
        // A part with illustrative figures marks the bundle's cover too.
        let voorbeeld = members.iter().any(|(_, p, _)| p.view["meta"]["voorbeeldgegevens"].as_bool() == Some(true));
        if voorbeeld {
            view["meta"]["voorbeeldgegevens"] = true.into();
        }
        // The cover lists where each part starts, so its own length must be known: a cover
        // longer than assumed is made again (at most a few times; it converges at once).
        let mut cover_pages = 1;
        let (cover, warnings) = loop {
            let mut start = cover_pages + 1;
            let mut listed = Vec::new();
            for (deel, (_, _, result)) in delen.iter().zip(&members) {
                let end = start + result.pages - 1;
                let bereik = if end > start { format!("{start}–{end}") } else { start.to_string() };
                listed.push(serde_json::json!({"titel": deel.titel, "pagina": start, "bereik": bereik}));
                start += result.pages;
            }
            view["delen"] = listed.into();
            view["paginas"] = (start - 1).into();
            let (cover, warnings) =
                self.with_job(file, part, &view, "", options, |job| self.typesetter.compile(job))?;
            let pages = cover.pages().len();
            if pages == cover_pages || cover_pages > 3 {
                break (cover, warnings);
            }
            cover_pages = pages;
        };
        // Two parts can only be in one document when their element locations differ. They
        // derive from each source's name, so this holds unless two names hash alike; then the
        // later part is typeset once more under another name.
        for attempt in 0..=members.len() {
            let documents: Vec<&PagedDocument> = members.iter().map(|(_, _, r)| &r.document).collect();
            match assemble::assemble(&cover, &documents) {
                Ok(bundle) => {
                    let ident = format!("{}/{}", file.relative, part.stem);
                    let mut result = self.typesetter.export(bundle, &ident, part.date)?;
                    result.warnings.splice(0..0, warnings);
                    result.seconds = started.elapsed().as_secs_f64();
                    return Ok((result, view));
                }
                Err(Collision { part: k }) => {
                    let (doc, deel, _) = &members[k];
                    let again = self.typeset_part(doc, deel, &format!("#bundel-{attempt}"), options)?;
                    members[k].2 = Arc::new(again);
                }
            }
        }
        Err(Diagnostic::new(&file.relative, "de bundel kon niet worden samengesteld (interne fout)").into())
    }

    /// Writes an output's Typst source beside its PDF, with its charts, so the typst CLI can
    /// compile it: `typst compile --root <out>/<jaar> --font-path fonts <source>`.
    fn emit_typst(&self, folder: &Path, part: &Part, parts: &[Part]) -> Result<(), Problems> {
        let (source, files) = match &part.bundel {
            Some(delen) => self.bundle_source(parts, delen, part)?,
            None => (self.templates.render(part.template, &part.view).map_err(template_problem)?, part.files.clone()),
        };
        let mut writes = vec![(folder.join(format!("{}.typ", part.stem)), source.into_bytes())];
        for (path, bytes) in files {
            writes.push((folder.join(path.trim_start_matches('/')), bytes.to_vec()));
        }
        for (path, bytes) in writes {
            output::write_atomic(&path, &bytes).map_err(|e| {
                Diagnostic::new(path.display().to_string(), format!("Typst-bron niet te schrijven: {e}"))
            })?;
        }
        Ok(())
    }

    /// Builds many documents: in parallel, each only when something it reads changed, every
    /// failure isolated to its own document. Writes the state and the manifest at the end.
    /// `on_done` is called (from any thread) as each document finishes.
    pub fn build_all(
        &self,
        docs: &[DocumentFile],
        options: &BuildOptions,
        on_done: &(dyn Fn(&DocReport) + Sync),
    ) -> BatchReport {
        let started = Instant::now();
        let old = State::read(&options.out_dir);
        self.remember_revisions(&old);
        let hashes = FileHashes::default();
        let listing = self.project.documents().unwrap_or_default();
        let lijst =
            incremental::sha256(listing.iter().map(|d| d.relative.as_str()).collect::<Vec<_>>().join("\n").as_bytes());
        // The quick check: when the project has the same document files, and everything a
        // document read last time is unchanged, nothing needs parsing to know it is up to date.
        let quick: Vec<Option<DocState>> = docs
            .iter()
            .map(|d| {
                let prev = old.documenten.get(&d.relative)?;
                let same = !options.force
                    && old.lijst == lijst
                    && prev.omgeving == self.omgeving
                    && prev.invoer.iter().all(|(f, h)| hashes.get(&self.project, f) == *h)
                    && incremental::reasons(Some(prev), prev, &options.out_dir, false).is_none();
                same.then(|| prev.clone())
            })
            .collect();
        let all_quick = quick.iter().all(Option::is_some);
        // Loading (and the checks across documents) only when something may have changed.
        let loaded: Vec<Result<Loaded, Problems>> = if all_quick { Vec::new() } else { self.load_all(docs) };
        // Outputs that bundles share with their own document: laid out once, kept until every
        // document that needs them is done. A raadsvoorstel waits for the documents its bundle
        // holds, so a shared layout is ready when it is needed and is dropped soon after.
        let uses: Vec<Vec<String>> = (0..docs.len())
            .map(|i| match (&quick[i], loaded.get(i)) {
                (None, Some(Ok(l))) => self.shared_outputs(l, options),
                _ => Vec::new(),
            })
            .collect();
        self.register_shared(&uses);
        let position: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.relative.as_str(), i)).collect();
        let waits_for: Vec<Vec<usize>> = uses
            .iter()
            .enumerate()
            .map(|(i, used)| {
                used.iter().filter_map(|u| position.get(u.as_str()).copied()).filter(|&j| j != i).collect()
            })
            .collect();
        let work = |i: usize| {
            let file = &docs[i];
            let begin = Instant::now();
            let (outcome, state) = match (&quick[i], loaded.get(i)) {
                (Some(prev), _) => (Outcome::Unchanged { records: prev.uitvoer.clone() }, Some(prev.clone())),
                (None, Some(Err(p))) => (Outcome::Failed(p.clone()), None),
                (None, Some(Ok(l))) => self.build_if_changed(l, options, old.documenten.get(&file.relative), &hashes),
                (None, None) => unreachable!("loaded when not all are quick"),
            };
            self.release_shared(&uses[i]);
            let report = DocReport { file: file.clone(), outcome, seconds: begin.elapsed().as_secs_f64() };
            on_done(&report);
            (report, state)
        };
        // Documents run on plain threads, `jobs` at a time. Not in a rayon pool: Typst lays out
        // in parallel with rayon itself, and inside a pool a thread waiting on Typst's work
        // would steal the next document, putting many large documents in flight at once
        // (measured: over a gigabyte of memory, and slower). From plain threads, Typst uses
        // rayon's global pool for its own parallelism. Each thread takes the first document
        // whose bundle parts are done.
        let progress: Mutex<Vec<Stage>> = Mutex::new(vec![Stage::Waiting; docs.len()]);
        let changed = std::sync::Condvar::new();
        let results: Mutex<Vec<(usize, Finished)>> = Mutex::default();
        std::thread::scope(|scope| {
            for _ in 0..options.jobs.clamp(1, docs.len().max(1)) {
                scope.spawn(|| {
                    loop {
                        let mut stages = progress.lock().expect("not poisoned");
                        let i = loop {
                            if stages.iter().all(|s| *s != Stage::Waiting) {
                                return;
                            }
                            let ready = (0..docs.len()).find(|&i| {
                                stages[i] == Stage::Waiting && waits_for[i].iter().all(|&j| stages[j] == Stage::Done)
                            });
                            match ready {
                                Some(i) => break i,
                                None => stages = changed.wait(stages).expect("not poisoned"),
                            }
                        };
                        stages[i] = Stage::Running;
                        drop(stages);
                        let result = work(i);
                        results.lock().expect("not poisoned").push((i, result));
                        progress.lock().expect("not poisoned")[i] = Stage::Done;
                        changed.notify_all();
                    }
                });
            }
        });
        self.gedeeld.lock().expect("not poisoned").clear();
        let mut results = results.into_inner().expect("not poisoned");
        results.sort_by_key(|(i, _)| *i);
        let documents: Vec<Finished> = results.into_iter().map(|(_, r)| r).collect();

        // The new state: this run's documents, failed ones keeping their last good build, and
        // documents outside this run as they were (dropped only when they no longer exist).
        let mut state = old.clone();
        state.lijst = lijst;
        let existing: BTreeSet<String> = listing.into_iter().map(|d| d.relative).collect();
        state.documenten.retain(|k, _| existing.contains(k));
        for (report, new) in &documents {
            if let Some(new) = new {
                state.documenten.insert(report.file.relative.clone(), new.clone());
            }
        }
        let verwijderd = remove_stale(&old, &state, &options.out_dir);
        let mut problemen = Vec::new();
        if let Err(e) = state.write(&options.out_dir) {
            let path = options.out_dir.join(incremental::STATE_FILE);
            problemen
                .push(Diagnostic::new(shown(&path), format!("de toestand van de build is niet te schrijven: {e}")));
        }
        let records = manifest_records(&state);
        if let Err(e) = manifest::write(&options.out_dir, &records) {
            let path = options.out_dir.join(manifest::JSON_FILE);
            problemen.push(Diagnostic::new(shown(&path), format!("het manifest is niet te schrijven: {e}")));
        }
        BatchReport {
            documents: documents.into_iter().map(|(report, _)| report).collect(),
            verwijderd,
            problemen,
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    /// The outputs (by document path) that building this document lays out and a bundle may
    /// share: a Kadernota's or jaarverslag's own, and those a raadsvoorstel's bundle holds.
    fn shared_outputs(&self, loaded: &Loaded, options: &BuildOptions) -> Vec<String> {
        match &loaded.document {
            // Only a Kadernota or jaarverslag can be a part (another raadsvoorstel is refused
            // when the bundle is made): waiting for anything else could wait in a circle.
            Document::Raadsvoorstel(rv) if options.bundel => rv
                .bijlagen
                .iter()
                .filter_map(|b| b.bestand.as_deref())
                .filter(|b| {
                    document_file(b)
                        .and_then(|d| self.load(&d).ok())
                        .is_some_and(|l| matches!(l.document, Document::Kadernota(_) | Document::Jaarverslag(_)))
                })
                .map(str::to_string)
                .collect(),
            Document::Raadsvoorstel(_) => Vec::new(),
            Document::Kadernota(_) | Document::Jaarverslag(_) => vec![loaded.file.relative.clone()],
        }
    }

    /// Shares every output that more than one document of the run lays out.
    fn register_shared(&self, uses: &[Vec<String>]) {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for used in uses.iter().flatten() {
            *count.entry(used).or_default() += 1;
        }
        let mut gedeeld = self.gedeeld.lock().expect("not poisoned");
        for (path, users) in count {
            if users > 1 {
                gedeeld.insert(path.to_string(), Gedeeld { users, cell: Arc::default() });
            }
        }
    }

    /// A document that used these shared outputs is done with them; the last one frees each.
    fn release_shared(&self, used: &[String]) {
        let mut gedeeld = self.gedeeld.lock().expect("not poisoned");
        for path in used {
            if let Some(entry) = gedeeld.get_mut(path) {
                entry.users -= 1;
                if entry.users == 0 {
                    gedeeld.remove(path);
                }
            }
        }
    }

    fn build_if_changed(
        &self,
        loaded: &Loaded,
        options: &BuildOptions,
        old: Option<&DocState>,
        hashes: &FileHashes,
    ) -> (Outcome, Option<DocState>) {
        let invoer = match self.inputs(loaded) {
            Ok(files) => files
                .into_iter()
                .map(|f| {
                    let h = hashes.get(&self.project, &f);
                    (f, h)
                })
                .collect::<BTreeMap<_, _>>(),
            Err(p) => return (Outcome::Failed(p), None),
        };
        let mut new = DocState {
            sleutel: incremental::key(&self.omgeving, &invoer),
            omgeving: self.omgeving.clone(),
            invoer,
            uitvoer: Vec::new(),
            herziening: old.and_then(|o| o.herziening.clone()),
            bijlagen: old.map(|o| o.bijlagen.clone()).unwrap_or_default(),
        };
        match incremental::reasons(old, &new, &options.out_dir, options.force) {
            None => {
                new.uitvoer = old.map(|o| o.uitvoer.clone()).unwrap_or_default();
                (Outcome::Unchanged { records: new.uitvoer.clone() }, Some(new))
            }
            Some(redenen) => match self.build(loaded, options, &redenen) {
                Ok(built) => {
                    new.uitvoer = built.records.clone();
                    new.bijlagen = built.bijlagen.clone();
                    if built.herziening.is_some() {
                        new.herziening = built.herziening.clone();
                    }
                    (Outcome::Built { built, redenen }, Some(new))
                }
                Err(p) => (Outcome::Failed(p), None),
            },
        }
    }

    /// Every project file a document reads, besides the run-wide inputs (templates, fonts).
    pub fn inputs(&self, loaded: &Loaded) -> Result<BTreeSet<String>, Problems> {
        let mut files = BTreeSet::from([loaded.file.relative.clone(), GEMEENTE_FILE.to_string()]);
        if let Some(logo) = &self.gemeente.huisstijl.logo {
            files.insert(logo.clone());
        }
        if self.project.resolve(INDICATOREN_FILE).is_ok() {
            files.insert(INDICATOREN_FILE.to_string());
        }
        match &loaded.document {
            Document::Raadsvoorstel(rv) => {
                for bestand in rv.bijlagen.iter().filter_map(|b| b.bestand.as_ref()) {
                    files.insert(bestand.clone());
                    // A raadsvoorstel as bijlage is refused when the bundle is made; following
                    // it here could go round in a circle.
                    if let Some(doc) = document_file(bestand)
                        && let bijlage = self.load(&doc)?
                        && !matches!(bijlage.document, Document::Raadsvoorstel(_))
                    {
                        files.extend(self.inputs(&bijlage)?);
                    }
                }
            }
            Document::Kadernota(_) => {}
            Document::Jaarverslag(_) => files.extend(self.beleid_files(loaded.file.jaar)?),
        }
        Ok(files)
    }

    /// The generated Typst source of each output of a document (for tests and `--emit-typst`).
    pub fn sources(&self, loaded: &Loaded) -> Result<Vec<(String, String)>, Problems> {
        self.parts(loaded)?
            .iter()
            .map(|p| {
                self.templates
                    .render(p.template, &p.view)
                    .map(|s| (p.stem.clone(), s))
                    .map_err(|e| Diagnostic::new(e.template, e.message).into())
            })
            .collect()
    }

    fn parts(&self, loaded: &Loaded) -> Result<Vec<Part>, Problems> {
        self.parts_with_charts(loaded, &format!("/{}-grafieken", document_stem(&loaded.file)))
    }

    /// The outputs of a document; a jaarverslag's charts get virtual paths under `charts`. A
    /// revised document's outputs carry its revision date.
    fn parts_with_charts(&self, loaded: &Loaded, charts: &str) -> Result<Vec<Part>, Problems> {
        let mut parts = self.parts_of(loaded, charts)?;
        if let Some(datum) = self.herzien.lock().expect("not poisoned").get(&loaded.file.relative) {
            for part in &mut parts {
                part.view["meta"]["herzien"] = format::date(*datum).into();
            }
        }
        Ok(parts)
    }

    fn parts_of(&self, loaded: &Loaded, charts: &str) -> Result<Vec<Part>, Problems> {
        let jaar = loaded.file.jaar;
        Ok(match &loaded.document {
            Document::Raadsvoorstel(rv) => {
                let stem = output::file_stem(&rv.nummer);
                let mut raadsvoorstel = view::raadsvoorstel(rv, &self.gemeente, jaar);
                let raadsbesluit = view::raadsbesluit(rv, &self.gemeente, jaar);
                let bundle = self.bundle(rv, &mut raadsvoorstel, &stem)?;
                vec![
                    Part {
                        template: "raadsvoorstel",
                        view: json(&raadsvoorstel, false),
                        stem: format!("{stem}-raadsvoorstel"),
                        date: rv.collegevergadering,
                        files: HashMap::new(),
                        copies: Vec::new(),
                        bundel: None,
                        rol: "voorstel",
                        volgorde: 1,
                    },
                    Part {
                        template: "raadsbesluit",
                        view: json(&raadsbesluit, false),
                        stem: format!("{stem}-raadsbesluit"),
                        date: rv.collegevergadering,
                        files: HashMap::new(),
                        copies: Vec::new(),
                        bundel: None,
                        rol: "besluit",
                        volgorde: 2,
                    },
                    bundle,
                ]
            }
            Document::Kadernota(k) => vec![Part {
                template: "kadernota",
                view: json(&view::kadernota(k, &self.indicatoren, &self.gemeente, jaar), false),
                stem: document_stem(&loaded.file),
                date: k.datum,
                files: HashMap::new(),
                copies: Vec::new(),
                bundel: None,
                rol: "document",
                volgorde: 0,
            }],
            Document::Jaarverslag(j) => {
                let beleid = self.beleid(jaar)?;
                let (view, charts) = view::jaarverslag(j, &beleid, &self.gemeente, jaar, charts);
                vec![Part {
                    template: "jaarverslag",
                    view: json(&view, false),
                    stem: document_stem(&loaded.file),
                    date: j.datum,
                    files: charts.into_iter().map(|c| (c.pad, Bytes::new(c.svg.into_bytes()))).collect(),
                    copies: Vec::new(),
                    bundel: None,
                    rol: "document",
                    volgorde: 0,
                }]
            }
        })
    }

    /// The distribution PDF of a raadsvoorstel: a cover, then the raadsvoorstel, the
    /// raadsbesluit and every bijlage that is a document of this project, each exactly as in its
    /// own PDF (put together in `build`, see [`crate::assemble`]). Bijlagen that are PDF files
    /// cannot be placed in a PDF/A + PDF/UA document (TYPST.md): they are copied beside the
    /// bundle, the bundle names them, and so does the raadsvoorstel.
    fn bundle(
        &self,
        rv: &Raadsvoorstel,
        raadsvoorstel: &mut view::RaadsvoorstelView,
        stem: &str,
    ) -> Result<Part, Problems> {
        let mut delen = vec![
            Deel { titel: format!("Raadsvoorstel {}", rv.nummer), bron: Bron::Eigen(0) },
            Deel { titel: "Ontwerp-raadsbesluit".into(), bron: Bron::Eigen(1) },
        ];
        let mut externe = Vec::new();
        let mut copies = Vec::new();
        for (i, b) in rv.bijlagen.iter().enumerate() {
            let Some(bestand) = &b.bestand else { continue };
            if bestand.to_ascii_lowercase().ends_with(".pdf") {
                let name = format!("{stem}-bijlage-{}-{}", i + 1, output::file_stem(file_name(bestand)));
                let name = format!("{}.pdf", name.trim_end_matches(".pdf"));
                raadsvoorstel.bijlagen[i].opmerking = Some(format!("apart bijgevoegd als {name}"));
                externe.push(serde_json::json!({"titel": b.titel, "bestand": name}));
                copies.push(Copy { from: bestand.clone(), name, titel: b.titel.clone(), volgorde: i + 3 });
                continue;
            }
            let doc = document_file(bestand)
                .ok_or_else(|| Diagnostic::new(bestand.clone(), "geen document in `data/<jaar>/`"))?;
            if let Document::Raadsvoorstel(_) = self.load(&doc)?.document {
                return Err(Diagnostic::new(
                    bestand.clone(),
                    "een raadsvoorstel kan geen bijlage van een ander raadsvoorstel zijn",
                )
                .into());
            }
            delen.push(Deel { titel: format!("Bijlage {}: {}", i + 1, b.titel), bron: Bron::Document(doc) });
        }
        let mut meta = raadsvoorstel.meta.clone();
        meta.titel = format!("{} – raadsvoorstel {} met bijlagen", rv.onderwerp, rv.nummer);
        meta.soort = "Raadsvoorstel met bijlagen".into();
        meta.kop = format!("Bundel bij raadsvoorstel {}", rv.nummer);
        meta.omschrijving = format!("Raadsvoorstel {} met raadsbesluit en bijlagen", rv.nummer);
        // `delen`, `paginas` and `meta.voorbeeldgegevens` are filled in once the parts are laid out.
        let view = serde_json::json!({
            "meta": meta,
            "huisstijl": raadsvoorstel.huisstijl,
            "bundel": false,
            "voorblad": true,
            "kopregels": raadsvoorstel.kopregels,
            "externe_bijlagen": externe,
            "delen": [],
            "paginas": 0,
        });
        Ok(Part {
            template: "bundel",
            view,
            stem: format!("{stem}-bundel"),
            date: rv.collegevergadering,
            files: HashMap::new(),
            copies,
            bundel: Some(delen),
            rol: "bundel",
            volgorde: 0,
        })
    }

    /// A bundle as one Typst source (`bundel-geheel.typ.hbs`), for `--emit-typst`: what the
    /// typst CLI needs to make the bundle on its own.
    fn bundle_source(
        &self,
        parts: &[Part],
        delen: &[Deel],
        cover: &Part,
    ) -> Result<(String, HashMap<String, Bytes>), Problems> {
        let mut files = HashMap::new();
        let mut views = Vec::new();
        for (n, deel) in delen.iter().enumerate() {
            let part = match &deel.bron {
                Bron::Eigen(i) => parts[*i].clone(),
                Bron::Document(doc) => {
                    let loaded = self.load(doc)?;
                    self.parts_with_charts(&loaded, &format!("/{}-grafieken/deel-{}", cover.stem, n + 1))?.remove(0)
                }
            };
            files.extend(part.files.clone());
            let mut view = part.view.clone();
            view["bundel"] = true.into();
            let mut deel = serde_json::json!({"kop": view["meta"]["kop"].clone(), "raadsvoorstel": null, "raadsbesluit": null, "kadernota": null, "jaarverslag": null});
            deel[part.template] = view;
            views.push(deel);
        }
        let mut view = cover.view.clone();
        view["bundel"] = true.into();
        view["voorblad"] = false.into();
        view["delen"] = views.into();
        let source = self.templates.render("bundel-geheel", &view).map_err(template_problem)?;
        Ok((source, files))
    }

    /// The Kadernota's and jaarverslagen a jaarverslag of `tot_jaar` reads: every Kadernota up
    /// to that year (they decide which is in force), and the jaarverslagen of the years its
    /// trends show (see [`Beleid::trend_van`]).
    fn beleid_files(&self, tot_jaar: i32) -> Result<Vec<String>, Problems> {
        let mut kadernotas = Vec::new();
        let mut jaarverslagen = Vec::new();
        for doc in self.project.documents().map_err(Problems::one)? {
            if doc.jaar > tot_jaar {
                continue;
            }
            // A broken file counts when it says it is one of these: its errors stop the build.
            let soort = match self.load(&doc) {
                Ok(l) => Some(l.document.soort()),
                Err(_) => {
                    let bytes = self.project.read(&doc.relative).unwrap_or_default();
                    let text = String::from_utf8_lossy(&bytes);
                    text.lines().find_map(|l| l.strip_prefix("soort:")).map(str::trim).and_then(|s| match s {
                        "kadernota" => Some(Soort::Kadernota),
                        "jaarverslag" => Some(Soort::Jaarverslag),
                        _ => None,
                    })
                }
            };
            match soort {
                Some(Soort::Kadernota) => kadernotas.push(doc),
                Some(Soort::Jaarverslag) => jaarverslagen.push(doc),
                _ => {}
            }
        }
        let van = self.trend_van(&kadernotas, &jaarverslagen, tot_jaar);
        jaarverslagen.retain(|d| van.is_none_or(|van| d.jaar >= van));
        Ok(kadernotas.into_iter().chain(jaarverslagen).map(|d| d.relative).collect())
    }

    /// The first year a jaarverslag of `jaar` shows; `None` (every year) when that cannot be
    /// known, for instance while a Kadernota is broken: the build then reports it.
    fn trend_van(&self, kadernotas: &[DocumentFile], jaarverslagen: &[DocumentFile], jaar: i32) -> Option<i32> {
        let mut beleid = Beleid { indicatoren: self.indicatoren.clone(), ..Beleid::default() };
        for doc in kadernotas {
            match self.load(doc) {
                Ok(Loaded { document: Document::Kadernota(k), .. }) => {
                    beleid.kadernotas.push((doc.relative.clone(), *k))
                }
                _ => return None,
            }
        }
        let eigen = jaarverslagen.iter().find(|d| d.jaar == jaar)?;
        match self.load(eigen) {
            Ok(Loaded { document: Document::Jaarverslag(j), .. }) => beleid.trend_van(&j, jaar),
            _ => None,
        }
    }

    /// Reads the policy data up to `tot_jaar`: the Kadernota's and the jaarverslagen. A
    /// jaarverslag cannot be built while a file it reads is broken.
    pub fn beleid(&self, tot_jaar: i32) -> Result<Beleid, Problems> {
        let mut beleid = Beleid { indicatoren: self.indicatoren.clone(), ..Beleid::default() };
        let mut problems = Vec::new();
        for relative in self.beleid_files(tot_jaar)? {
            let Some(doc) = document_file(&relative) else { continue };
            match self.load(&doc) {
                Ok(Loaded { document: Document::Kadernota(k), .. }) => beleid.kadernotas.push((relative, *k)),
                Ok(Loaded { document: Document::Jaarverslag(j), .. }) => {
                    beleid.jaarverslagen.entry(doc.jaar).or_insert((relative, *j));
                }
                Ok(_) => {}
                Err(p) => problems.push(Diagnostic::new(
                    &relative,
                    format!(
                        "dit bestand bevat fouten en wordt gelezen voor de trendgrafieken: {}",
                        p.0.first().map(|d| d.to_string()).unwrap_or_default()
                    ),
                )),
            }
        }
        if problems.is_empty() { Ok(beleid) } else { Err(Problems(problems)) }
    }

    fn validate_kadernota(&self, k: &Kadernota, file: &YamlFile) -> Result<(), Problems> {
        let mut problems = Vec::new();
        check_date(file, "datum", k.datum, &mut problems);
        for (key, jaar) in [("van", k.periode.van), ("tot", k.periode.tot)] {
            if !(MIN_JAAR..=MAX_JAAR).contains(&jaar) {
                problems.push(
                    file.diagnostic(file.find_key(key, None), format!("jaar {jaar} ligt buiten {MIN_JAAR}-{MAX_JAAR}")),
                );
            }
        }
        if k.periode.tot < k.periode.van {
            problems.push(file.diagnostic(file.find_key("periode", None), "de periode eindigt vóór ze begint"));
        }
        for d in beleid::indicator_doelen(k) {
            if !self.indicatoren.contains_key(&d.id) {
                problems.push(self.unknown_indicator(file, &d.id));
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

    fn validate_jaarverslag(&self, j: &Jaarverslag, file: &YamlFile) -> Result<(), Problems> {
        let mut problems = Vec::new();
        check_date(file, "datum", j.datum, &mut problems);
        if let Some(invoer) = &j.financien {
            for (rij, kolom, bedrag) in financien::bedragen(invoer) {
                if bedrag.unsigned_abs() > financien::MAX_BEDRAG as u64 {
                    problems.push(
                        file.diagnostic(
                            file.find_key(rij, None),
                            format!("bedrag bij {rij}.{kolom} is onmogelijk groot: {bedrag}"),
                        )
                        .with_hint("bedragen staan in hele euro's, ten hoogste 10 biljoen"),
                    );
                }
            }
            if !problems.is_empty() {
                return Err(Problems(problems));
            }
        }
        for r in j.beleidsdoelen.iter().flat_map(|b| &b.indicatoren) {
            if !self.indicatoren.contains_key(&r.id) {
                problems.push(self.unknown_indicator(file, &r.id));
            }
        }
        if let Some(invoer) = &j.financien {
            let drempel = self.gemeente.financien.drempel_toelichting;
            let regels = financien::regels(invoer);
            for r in financien::ontbrekende_toelichtingen(invoer, &regels, drempel) {
                let pos = file.find_key(r.sleutel, None).or_else(|| file.find_key("financien", None));
                problems.push(
                    file.diagnostic(
                        pos,
                        format!(
                            "het verschil bij {} ({}) is groter dan de drempel van {} en heeft geen toelichting",
                            r.label.to_lowercase(),
                            format::money(r.verschil),
                            format::money(drempel)
                        ),
                    )
                    .with_hint(format!("voeg onder `financien:` toe: `toelichting:` met `{}: …`", r.sleutel)),
                );
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

    fn unknown_indicator(&self, file: &YamlFile, id: &str) -> Diagnostic {
        let known: Vec<&str> = self.indicatoren.keys().map(String::as_str).collect();
        let hint = match known.iter().max_by(|a, b| strsim::jaro_winkler(id, a).total_cmp(&strsim::jaro_winkler(id, b)))
        {
            Some(best) if strsim::jaro_winkler(id, best) > 0.8 => format!("bedoelde u `{best}`?"),
            _ => format!("indicatoren worden eenmaal gedefinieerd in `{INDICATOREN_FILE}`"),
        };
        file.diagnostic(file.find_key("id", Some(id)), format!("indicator `{id}` is niet gedefinieerd")).with_hint(hint)
    }
}

/// Every file of the state as the manifest lists it: a document that a raadsvoorstel of the
/// project has as bijlage is listed as that bijlage.
fn manifest_records(state: &State) -> Vec<OutputRecord> {
    let bijlagen: Vec<&BijlageVan> = state.documenten.values().flat_map(|d| &d.bijlagen).collect();
    let mut records: Vec<OutputRecord> = state.documenten.values().flat_map(|d| d.uitvoer.clone()).collect();
    for record in records.iter_mut().filter(|r| r.rol == "document") {
        if let Some(b) = bijlagen.iter().filter(|b| b.bron == record.bron).min_by(|a, b| a.voorstel.cmp(&b.voorstel)) {
            record.rol = "bijlage".into();
            record.voorstel = b.voorstel.clone();
            record.volgorde = b.volgorde;
        }
    }
    records
}

impl Document {
    /// Whether the document has been sent (`status: definitief`): its PDFs may not change
    /// silently.
    pub fn definitief(&self) -> bool {
        use crate::model::Status;
        let status = match self {
            Document::Raadsvoorstel(d) => d.status,
            Document::Kadernota(d) => d.status,
            Document::Jaarverslag(d) => d.status,
        };
        status == Status::Definitief
    }

    pub fn soort(&self) -> Soort {
        match self {
            Document::Raadsvoorstel(_) => Soort::Raadsvoorstel,
            Document::Kadernota(_) => Soort::Kadernota,
            Document::Jaarverslag(_) => Soort::Jaarverslag,
        }
    }

    /// The registratienummer, for documents that have one.
    pub fn nummer(&self) -> Option<String> {
        match self {
            Document::Raadsvoorstel(rv) => Some(rv.nummer.trim().to_string()),
            Document::Kadernota(_) | Document::Jaarverslag(_) => None,
        }
    }
}

/// The problems found reading a file, with those its rules found in what could be read. A rule
/// that trips over a stand-in for a value already reported (see `load::de::HOLE_TEXT`), or
/// over a line already reported, says nothing new and is left out.
fn merge(mut found: Vec<Diagnostic>, rules: Option<Result<(), Problems>>) -> Vec<Diagnostic> {
    let Some(Err(rules)) = rules else { return found };
    let hole = format!("`{}`", crate::load::de::HOLE_TEXT);
    let lines: BTreeSet<usize> = found.iter().filter_map(|d| d.position.map(|p| p.line)).collect();
    found.extend(
        rules
            .0
            .into_iter()
            .filter(|d| !d.message.contains(&hole))
            .filter(|d| d.position.is_none_or(|p| !lines.contains(&p.line))),
    );
    found
}

/// The years a document date may have: no council document is older or this far ahead.
const MIN_JAAR: i32 = 1800;
const MAX_JAAR: i32 = 2200;

fn check_date(file: &YamlFile, key: &str, date: NaiveDate, problems: &mut Vec<Diagnostic>) {
    use chrono::Datelike;
    if !(MIN_JAAR..=MAX_JAAR).contains(&date.year()) {
        problems.push(
            file.diagnostic(file.find_key(key, None), format!("onmogelijke datum: jaar {}", date.year()))
                .with_hint(format!("een datum ligt tussen {MIN_JAAR} en {MAX_JAAR}; schrijf jjjj-mm-dd")),
        );
    }
}

/// Documents without a registratienummer are named after their file: `kadernota-2018-2022.yaml`
/// → `kadernota-2018-2022.pdf`.
fn document_stem(file: &DocumentFile) -> String {
    let name = file.relative.rsplit('/').next().unwrap_or(&file.relative);
    output::file_stem(name.trim_end_matches(".yaml").trim_end_matches(".yml"))
}

fn load_indicatoren(project: &Project) -> Result<BTreeMap<String, Indicator>, Problems> {
    if project.resolve(INDICATOREN_FILE).is_err() {
        return Ok(BTreeMap::new());
    }
    let bytes = project.read(INDICATOREN_FILE).map_err(|why| Diagnostic::new(INDICATOREN_FILE, why))?;
    let file = YamlFile::decode(INDICATOREN_FILE, &bytes)?;
    let list: Indicatoren = file.parse()?;
    let mut map = BTreeMap::new();
    let mut problems = Vec::new();
    for i in list.indicatoren {
        if map.contains_key(&i.id) {
            problems.push(
                file.diagnostic(file.find_key("id", Some(&i.id)), format!("indicator `{}` staat er twee keer", i.id)),
            );
        } else {
            map.insert(i.id.clone(), i);
        }
    }
    if problems.is_empty() { Ok(map) } else { Err(Problems(problems)) }
}

/// The manifest record of a written PDF, from its view's metadata.
fn record(view: &serde_json::Value, pad: String, jaar: i32, pdf: &[u8], pages: usize, standaard: &str) -> OutputRecord {
    let meta = &view["meta"];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let d = &meta["datum_iso"];
    OutputRecord {
        pad,
        soort: text(&meta["soort"]),
        jaar,
        nummer: text(&meta["nummer"]),
        onderwerp: text(&meta["titel"]),
        status: if meta["concept"].as_bool().unwrap_or(false) { "concept" } else { "definitief" }.into(),
        datum: format!(
            "{:04}-{:02}-{:02}",
            d["jaar"].as_i64().unwrap_or(0),
            d["maand"].as_i64().unwrap_or(0),
            d["dag"].as_i64().unwrap_or(0)
        ),
        paginas: pages,
        bytes: pdf.len() as u64,
        sha256: incremental::sha256(pdf),
        standaard: standaard.to_string(),
        rol: String::new(),
        voorstel: String::new(),
        volgorde: 0,
        bron: String::new(),
        documentsoort: String::new(),
        vorige_sha256: String::new(),
    }
}

/// Removes the files an earlier build wrote that no document makes any more: a deleted
/// document's PDFs, or the old names after a nummer changed. Left in place they would look
/// current to whoever distributes the folder. Only files recorded in the state, inside `out`.
fn remove_stale(old: &State, new: &State, out: &Path) -> Vec<String> {
    let current: BTreeSet<&str> = new.documenten.values().flat_map(|d| &d.uitvoer).map(|r| r.pad.as_str()).collect();
    let mut removed: Vec<String> = old
        .documenten
        .values()
        .flat_map(|d| &d.uitvoer)
        .map(|r| r.pad.as_str())
        .filter(|pad| !current.contains(pad))
        .filter(|pad| Path::new(pad).components().all(|c| matches!(c, std::path::Component::Normal(_))))
        .filter(|pad| std::fs::remove_file(out.join(pad)).is_ok())
        .map(str::to_string)
        .collect();
    removed.sort();
    removed.dedup();
    removed
}

/// Where a document of a batch is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Waiting,
    Running,
    Done,
}

/// A document's report and, unless it failed, its new state.
type Finished = (DocReport, Option<DocState>);

/// Content hashes of project files, computed once per run even when many documents read them.
#[derive(Default)]
struct FileHashes(Mutex<HashMap<String, String>>);

impl FileHashes {
    fn get(&self, project: &Project, file: &str) -> String {
        if let Some(h) = self.0.lock().expect("not poisoned").get(file) {
            return h.clone();
        }
        // A file that cannot be read hashes as missing; the build itself reports why.
        let h = project.read(file).map(|b| incremental::sha256(&b)).unwrap_or_else(|_| "ontbreekt".into());
        self.0.lock().expect("not poisoned").insert(file.to_string(), h.clone());
        h
    }
}

/// A view as templates see it; `bundel` says whether it is placed inside a one-source bundle.
fn json<T: Serialize>(view: &T, bundel: bool) -> serde_json::Value {
    let mut value = serde_json::to_value(view).expect("view models serialize");
    value["bundel"] = bundel.into();
    value["voorblad"] = false.into();
    value
}

/// A template that cannot be rendered, as the user reads it.
fn template_problem(e: crate::render::TemplateError) -> Problems {
    let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
    Diagnostic::new(format!("{}{place}", e.template), format!("sjabloonfout: {}", e.message)).into()
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The document file a bijlage path names, if it is one: `data/<jaar>/<naam>.yaml`.
fn document_file(path: &str) -> Option<DocumentFile> {
    let mut parts = path.split('/');
    let (data, jaar, name) = (parts.next()?, parts.next()?, parts.next()?);
    if data != "data" || parts.next().is_some() || !(name.ends_with(".yaml") || name.ends_with(".yml")) {
        return None;
    }
    let jaar = (jaar.len() == 4).then(|| jaar.parse().ok()).flatten()?;
    Some(DocumentFile { relative: path.to_string(), jaar })
}

/// Rules that serde cannot express. All problems of the file are reported together.
fn validate_raadsvoorstel(rv: &Raadsvoorstel, file: &YamlFile, project: &Project) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "collegevergadering", rv.collegevergadering, &mut problems);
    if let Some(d) = rv.raadsvergadering {
        check_date(file, "raadsvergadering", d, &mut problems);
    }
    for (key, value, max) in
        [("onderwerp", &rv.onderwerp, 300), ("nummer", &rv.nummer, 50), ("steller", &rv.steller, 200)]
    {
        if value.chars().count() > max {
            problems.push(
                file.diagnostic(
                    file.find_key(key, None),
                    format!("`{key}` is te lang ({} tekens)", value.chars().count()),
                )
                .with_hint(format!("ten hoogste {max} tekens")),
            );
        }
    }
    let mut require = |key: &str, value: &str| {
        if value.trim().is_empty() {
            problems.push(
                file.diagnostic(file.find_key(key, None), format!("het veld `{key}` is leeg"))
                    .with_hint(format!("vul `{key}` in")),
            );
        }
    };
    require("nummer", &rv.nummer);
    require("onderwerp", &rv.onderwerp);
    require("steller", &rv.steller);
    for q in &rv.samenvatting {
        require("vraag", &q.vraag);
    }
    for s in &rv.uitwerking {
        require("titel", &s.titel);
    }
    for b in &rv.voorstel.besluitpunten {
        require("tekst", &b.tekst);
    }
    if rv.voorstel.besluitpunten.is_empty() {
        problems.push(
            file.diagnostic(file.find_key("besluitpunten", None), "het voorstel heeft geen besluitpunten")
                .with_hint("een raadsvoorstel stelt de raad ten minste één besluit voor"),
        );
    }
    if let Some(raad) = rv.raadsvergadering
        && raad < rv.collegevergadering
    {
        problems.push(
            file.diagnostic(
                file.find_key("raadsvergadering", None),
                "de raadsvergadering ligt vóór de collegevergadering",
            )
            .with_hint("controleer beide datums"),
        );
    }
    for b in &rv.bijlagen {
        if let Some(bestand) = &b.bestand
            && !bestand.to_ascii_lowercase().ends_with(".pdf")
            && document_file(bestand).is_none()
        {
            problems.push(
                file.diagnostic(
                    file.find_key("bestand", Some(bestand)),
                    format!("bijlage `{bestand}` is geen PDF en geen document"),
                )
                .with_hint(
                    "een bijlage is een PDF-bestand, of een document van dit project: `data/<jaar>/<naam>.yaml`",
                ),
            );
            continue;
        }
        let Some(bestand) = &b.bestand else { continue };
        match project.read(bestand) {
            Err(why) => problems.push(
                file.diagnostic(file.find_key("bestand", Some(bestand)), format!("bijlage niet gevonden: {why}"))
                    .with_hint("geef het pad vanaf de projectmap, bijvoorbeeld `data/2018/bijlage.pdf`"),
            ),
            // Read here only for its `soort`: the bijlage's own errors are reported for that file.
            Ok(bytes)
                if document_file(bestand).is_some()
                    && YamlFile::decode(bestand, &bytes)
                        .ok()
                        .and_then(|f| f.top_level_str("soort").ok().flatten())
                        .as_deref()
                        == Some("raadsvoorstel") =>
            {
                problems.push(
                    file.diagnostic(
                        file.find_key("bestand", Some(bestand)),
                        format!("bijlage `{bestand}` is een raadsvoorstel"),
                    )
                    .with_hint(
                        "een raadsvoorstel kan geen bijlage van een ander raadsvoorstel zijn; noem het in de tekst",
                    ),
                );
            }
            Ok(_) => {}
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// The huisstijl must name colours Typst understands and a font that is in `fonts/`.
fn check_huisstijl(
    gemeente: &Gemeente,
    file: &YamlFile,
    families: &[String],
    project: &Project,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let h = &gemeente.huisstijl;
    for (key, value) in [("kleur_primair", &h.kleur_primair), ("kleur_secundair", &h.kleur_secundair)] {
        let ok = value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            problems.push(
                file.diagnostic(file.find_key(key, None), format!("`{value}` is geen kleur"))
                    .with_hint("schrijf een kleur als \"#RRGGBB\", bijvoorbeeld \"#1F4E79\""),
            );
        }
    }
    if let Some(logo) = &h.logo {
        let lower = logo.to_ascii_lowercase();
        let why = if !(lower.ends_with(".svg") || lower.ends_with(".png")) {
            Some("het logo moet een SVG- of PNG-bestand zijn".to_string())
        } else {
            project.resolve(logo).err()
        };
        if let Some(why) = why {
            problems.push(
                file.diagnostic(file.find_key("logo", Some(logo)), format!("logo niet te gebruiken: {why}"))
                    .with_hint("geef het pad vanaf de projectmap, bijvoorbeeld `data/logo.svg`"),
            );
        }
    }
    if !families.iter().any(|f| f.eq_ignore_ascii_case(&h.lettertype)) {
        problems.push(
            file.diagnostic(
                file.find_key("lettertype", None),
                format!("lettertype `{}` staat niet in `fonts/`", h.lettertype),
            )
            .with_hint(format!("beschikbaar: {}", families.join(", "))),
        );
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// Where `build` writes by default.
pub fn default_out_dir(project: &Project) -> PathBuf {
    project.root().join("out")
}

/// Shown paths: relative to the current directory when possible.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}
