//! The pipeline for one run: load → validate → view → render → typeset → write.
//!
//! A [`Session`] loads what every document shares (gemeente.yaml, templates, fonts, the Typst
//! library) once; each document then flows through the stages on its own, so one broken
//! document never stops the others.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Problems};
use crate::load::YamlFile;
use crate::model::{Gemeente, Raadsvoorstel, Soort};
use crate::output;
use crate::project::{DocumentFile, GEMEENTE_FILE, Project};
use crate::render::Templates;
use crate::typeset::{EvictGuard, Job, Typesetter};
use crate::view;

/// What every document of a run shares.
pub struct Session {
    pub project: Project,
    pub gemeente: Gemeente,
    templates: Templates,
    typesetter: Typesetter,
}

/// A document file, parsed and validated.
#[derive(Debug, Clone)]
pub enum Document {
    Raadsvoorstel(Box<Raadsvoorstel>),
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: DocumentFile,
    pub document: Document,
}

/// One PDF the build wrote.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// Options of `raadsstuk build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out_dir: PathBuf,
    /// Also write the generated Typst source next to each PDF.
    pub emit_typst: bool,
}

/// One output of a document: which template, with which view, under which file name.
struct Part {
    template: &'static str,
    view: serde_json::Value,
    stem: String,
    date: NaiveDate,
}

impl Session {
    /// Loads gemeente.yaml, the templates and the fonts.
    pub fn open(project: Project) -> Result<Self, Problems> {
        let bytes = project
            .read(GEMEENTE_FILE)
            .map_err(|why| Diagnostic::new(GEMEENTE_FILE, why))?;
        let file = YamlFile::decode(GEMEENTE_FILE, &bytes)?;
        let gemeente: Gemeente = file.parse()?;
        let templates = Templates::builtin()
            .map_err(|e| Diagnostic::new(e.template, format!("sjabloonfout: {}", e.message)))?;
        let typesetter = Typesetter::new(&project.root().join("fonts"))?;
        check_huisstijl(&gemeente, &file, typesetter.families())?;
        Ok(Session {
            project,
            gemeente,
            templates,
            typesetter,
        })
    }

    /// Parses and validates one document file.
    pub fn load(&self, doc: &DocumentFile) -> Result<Loaded, Problems> {
        let bytes = self
            .project
            .read(&doc.relative)
            .map_err(|why| Diagnostic::new(&doc.relative, why))?;
        let file = YamlFile::decode(&doc.relative, &bytes)?;
        let soort = file.top_level_str("soort")?;
        let document = match soort.as_deref() {
            Some("raadsvoorstel") => {
                let rv: Raadsvoorstel = file.parse()?;
                validate_raadsvoorstel(&rv, &file, &self.project)?;
                Document::Raadsvoorstel(Box::new(rv))
            }
            Some(other) => {
                let pos = file.find_key("soort", Some(other));
                return Err(file
                    .diagnostic(pos, format!("onbekende soort document `{other}`"))
                    .with_hint("mogelijk is: raadsvoorstel")
                    .into());
            }
            None => {
                return Err(file
                    .diagnostic(
                        Some(crate::diagnostics::Position { line: 1, column: 1 }),
                        "het veld `soort` ontbreekt",
                    )
                    .with_hint("begin het bestand met `soort: raadsvoorstel`")
                    .into());
            }
        };
        Ok(Loaded {
            file: doc.clone(),
            document,
        })
    }

    /// Loads every given document, and checks the rules that span documents (a `nummer` used
    /// twice). Returns the loaded ones and the problems per file.
    pub fn load_all(&self, docs: &[DocumentFile]) -> Vec<Result<Loaded, Problems>> {
        let mut results: Vec<Result<Loaded, Problems>> =
            docs.iter().map(|d| self.load(d)).collect();
        let mut seen: HashMap<String, String> = HashMap::new();
        for result in results.iter_mut() {
            let Ok(loaded) = result else { continue };
            let Some(nummer) = loaded.document.nummer() else {
                continue;
            };
            let relative = loaded.file.relative.clone();
            if let Some(first) = seen.get(&nummer) {
                let text = self.project.read(&relative).unwrap_or_default();
                let diag = match YamlFile::decode(&relative, &text) {
                    Ok(f) => f.diagnostic(
                        f.find_key("nummer", Some(&nummer)),
                        format!("nummer `{nummer}` is al gebruikt"),
                    ),
                    Err(_) => {
                        Diagnostic::new(&relative, format!("nummer `{nummer}` is al gebruikt"))
                    }
                };
                *result = Err(diag.with_hint(format!("{first} heeft hetzelfde nummer; elk document heeft een eigen registratienummer")).into());
            } else {
                seen.insert(nummer, relative);
            }
        }
        results
    }

    /// Builds the PDFs of one loaded document.
    pub fn build(&self, loaded: &Loaded, options: &BuildOptions) -> Result<Vec<Written>, Problems> {
        let parts = self.parts(loaded);
        let folder = options.out_dir.join(loaded.file.jaar.to_string());
        let mut written = Vec::new();
        // Typeset every part before writing any, so a failure leaves all previous files alone.
        let mut typeset = Vec::new();
        for part in &parts {
            let source = self
                .templates
                .render(part.template, &part.view)
                .map_err(|e| {
                    let place = e.line.map(|l| format!(":{l}")).unwrap_or_default();
                    Diagnostic::new(
                        format!("{}{place}", e.template),
                        format!("sjabloonfout: {}", e.message),
                    )
                })?;
            let _evict = EvictGuard;
            let job = Job {
                source,
                template: format!("templates/{}.typ.hbs", part.template),
                virtual_files: HashMap::new(),
                project: &self.project,
                date: part.date,
                ident: format!("{}/{}", loaded.file.relative, part.stem),
            };
            let result = self.typesetter.typeset(&job)?;
            typeset.push((part, job.source, result));
        }
        for (part, source, result) in typeset {
            let path = folder.join(format!("{}.pdf", part.stem));
            output::write_atomic(&path, &result.pdf).map_err(|e| {
                Diagnostic::new(
                    path.display().to_string(),
                    format!("PDF niet te schrijven: {e}"),
                )
            })?;
            if options.emit_typst {
                let typ = folder.join(format!("{}.typ", part.stem));
                output::write_atomic(&typ, source.as_bytes()).map_err(|e| {
                    Diagnostic::new(
                        typ.display().to_string(),
                        format!("Typst-bron niet te schrijven: {e}"),
                    )
                })?;
            }
            written.push(Written {
                path,
                pages: result.pages,
                bytes: result.pdf.len(),
            });
        }
        Ok(written)
    }

    /// The generated Typst source of each output of a document (for tests and `--emit-typst`).
    pub fn sources(&self, loaded: &Loaded) -> Result<Vec<(String, String)>, Problems> {
        self.parts(loaded)
            .iter()
            .map(|p| {
                self.templates
                    .render(p.template, &p.view)
                    .map(|s| (p.stem.clone(), s))
                    .map_err(|e| Diagnostic::new(e.template, e.message).into())
            })
            .collect()
    }

    fn parts(&self, loaded: &Loaded) -> Vec<Part> {
        let jaar = loaded.file.jaar;
        match &loaded.document {
            Document::Raadsvoorstel(rv) => {
                let stem = output::file_stem(&rv.nummer);
                vec![
                    Part {
                        template: "raadsvoorstel",
                        view: json(&view::raadsvoorstel(rv, &self.gemeente, jaar)),
                        stem: format!("{stem}-raadsvoorstel"),
                        date: rv.collegevergadering,
                    },
                    Part {
                        template: "raadsbesluit",
                        view: json(&view::raadsbesluit(rv, &self.gemeente, jaar)),
                        stem: format!("{stem}-raadsbesluit"),
                        date: rv.collegevergadering,
                    },
                ]
            }
        }
    }
}

impl Document {
    pub fn soort(&self) -> Soort {
        match self {
            Document::Raadsvoorstel(_) => Soort::Raadsvoorstel,
        }
    }

    /// The registratienummer, for documents that have one.
    pub fn nummer(&self) -> Option<String> {
        match self {
            Document::Raadsvoorstel(rv) => Some(rv.nummer.trim().to_string()),
        }
    }
}

fn json<T: Serialize>(view: &T) -> serde_json::Value {
    serde_json::to_value(view).expect("view models serialize")
}

/// Rules that serde cannot express. All problems of the file are reported together.
fn validate_raadsvoorstel(
    rv: &Raadsvoorstel,
    file: &YamlFile,
    project: &Project,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let mut require = |key: &str, value: &str| {
        if value.trim().is_empty() {
            problems.push(
                file.diagnostic(
                    file.find_key(key, None),
                    format!("het veld `{key}` is leeg"),
                )
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
            file.diagnostic(
                file.find_key("besluitpunten", None),
                "het voorstel heeft geen besluitpunten",
            )
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
            && let Err(why) = project.resolve(bestand)
        {
            problems.push(
                file.diagnostic(
                    file.find_key("bestand", Some(bestand)),
                    format!("bijlage niet gevonden: {why}"),
                )
                .with_hint(
                    "geef het pad vanaf de projectmap, bijvoorbeeld `data/2018/bijlage.pdf`",
                ),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// The huisstijl must name colours Typst understands and a font that is in `fonts/`.
fn check_huisstijl(
    gemeente: &Gemeente,
    file: &YamlFile,
    families: &[String],
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let h = &gemeente.huisstijl;
    for (key, value) in [
        ("kleur_primair", &h.kleur_primair),
        ("kleur_secundair", &h.kleur_secundair),
    ] {
        let ok = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !ok {
            problems.push(
                file.diagnostic(file.find_key(key, None), format!("`{value}` is geen kleur"))
                    .with_hint("schrijf een kleur als \"#RRGGBB\", bijvoorbeeld \"#1F4E79\""),
            );
        }
    }
    if !families
        .iter()
        .any(|f| f.eq_ignore_ascii_case(&h.lettertype))
    {
        problems.push(
            file.diagnostic(
                file.find_key("lettertype", None),
                format!("lettertype `{}` staat niet in `fonts/`", h.lettertype),
            )
            .with_hint(format!("beschikbaar: {}", families.join(", "))),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
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
