//! One document: its outputs (parts), made in memory, checked against what was sent, written.

use crate::kinds::{RenderContext, ViewModel};
use std::path::Path;

use std::sync::Arc;

use typst::foundations::Bytes;

use crate::batch::state::{self as incremental, BijlageVan, Herziening, OutputRecord, State};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::format;
use crate::domain::model::Rol;
use crate::output::typeset::{EvictGuard, Job, Typeset};
use crate::output::write as output;
use crate::source::project::{DocumentFile, read_regular};

use super::outputs::Bestand;

use super::*;

impl Session {
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

    /// Builds one loaded document: what each of `outputs` makes of it, written together.
    /// `redenen` says why (for the message when a sent file would change); `state` says what
    /// was sent; `before_write` is told the new files' records just before any file is
    /// replaced (the batch records them as being written).
    ///
    /// Every file is made in memory first and written only when all are made, so a failure
    /// leaves the whole previous set.
    // The run-wide options and the document's read record travel with each step of its build.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        &self,
        loaded: &Loaded,
        options: &BuildOptions,
        redenen: &[String],
        reads: &Reads,
        state: &State,
        before_write: &dyn Fn(&[OutputRecord]) -> Result<(), Problems>,
        outputs: &[&dyn super::outputs::Output],
    ) -> Result<Built, Problems> {
        let doc = super::outputs::DocumentRun { session: self, loaded, options, reads, redenen, verstuurd: state };
        let mut records = Vec::new();
        let mut overige = Vec::new();
        let mut files: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
        let mut made_by: std::collections::HashMap<String, &'static str> = std::collections::HashMap::new();
        let (mut waarschuwingen, mut typst_seconds, mut herziening) = (Vec::new(), 0.0, None);
        let mut seconden_per_uitvoer = Vec::new();
        for output in outputs {
            let started = std::time::Instant::now();
            let made = output.document(&doc)?;
            seconden_per_uitvoer.push((output.naam(), started.elapsed().as_secs_f64()));
            waarschuwingen.extend(made.waarschuwingen);
            typst_seconds += made.typst_seconds;
            herziening = herziening.or(made.herziening);
            for bestand in made.bestanden {
                if !incremental::inside(&bestand.pad) {
                    let message =
                        format!("de uitvoer {} wil {} schrijven, buiten de uitvoermap", output.naam(), bestand.pad);
                    return Err(Diagnostic::new(&loaded.file.relative, message).into());
                }
                // One file, one maker: otherwise the last write would win and the record lie.
                if let Some(first) = made_by.insert(bestand.pad.clone(), output.naam()) {
                    let message =
                        format!("de uitvoer {first} en de uitvoer {} maken allebei {}", output.naam(), bestand.pad);
                    return Err(Diagnostic::new(&loaded.file.relative, message).into());
                }
                match bestand.record {
                    Some(record) => records.push(record),
                    None => overige.push(OutputRecord {
                        pad: bestand.pad.clone(),
                        jaar: loaded.file.jaar,
                        bytes: bestand.bytes.len() as u64,
                        sha256: incremental::sha256(&bestand.bytes),
                        bron: loaded.file.relative.clone(),
                        documentsoort: loaded.document.soort().into(),
                        uitvoer: output.naam().into(),
                        ..OutputRecord::default()
                    }),
                }
                files.push((options.out_dir.join(&bestand.pad), bestand.bytes));
            }
        }
        records.sort_by(|a, b| a.pad.cmp(&b.pad));
        overige.sort_by(|a, b| a.pad.cmp(&b.pad));
        // All files of the document change together or not at all; a file that comes out the
        // same is left alone, mtime and all.
        let changed: Vec<(&Path, &[u8])> = files
            .iter()
            .filter(|(path, bytes)| read_regular(path).is_none_or(|old| old != *bytes))
            .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
            .collect();
        if !changed.is_empty() {
            let being_written: Vec<OutputRecord> = records.iter().chain(&overige).cloned().collect();
            before_write(&being_written)?;
        }
        output::write_set(&changed).map_err(|(path, e)| {
            Diagnostic::new(shown(&path), format!("bestand niet te schrijven: {}", crate::diagnostics::io_fout(&e)))
                .with_hint("de vorige bestanden van dit document blijven staan, alle of geen")
        })?;
        let bijlagen = match loaded.document.nummer() {
            Some(voorstel) => loaded
                .document
                .bijlage_documents()
                .into_iter()
                .map(|(bron, volgorde)| BijlageVan { bron, voorstel: voorstel.clone(), volgorde })
                .collect(),
            None => Vec::new(),
        };
        Ok(Built {
            records,
            overige,
            uitvoeren: outputs.iter().filter(|o| o.per_document()).map(|o| o.naam().to_string()).collect(),
            waarschuwingen,
            typst_seconds,
            seconden_per_uitvoer,
            herziening,
            bijlagen,
            reads: reads.snapshot(),
        })
    }

    /// The PDF output's part of one document: its PDFs and copied PDF bijlagen, with their
    /// records. A file made as definitief has been sent: when one would change, the build
    /// stops for the document, unless `--herzie` asks for a revised version.
    pub(super) fn pdfs(&self, doc: &super::outputs::DocumentRun) -> Result<super::outputs::Made, Problems> {
        let (loaded, options, reads) = (doc.loaded, doc.options, doc.reads);
        let relative = &loaded.file.relative;
        let mut made = self.make(loaded, options, reads)?;
        let mut herziening = None;
        let changed = self.sent_changes(
            loaded,
            made.0.iter().map(|o| (o.pad.as_str(), o.bytes.as_slice())),
            doc.verstuurd,
            &options.out_dir,
        );
        if !changed.is_empty() {
            if !options.herzie {
                return Err(self.frozen(loaded, &changed, doc.redenen));
            }
            let vorige = changed.into_iter().map(|(pad, c)| (pad, c.vorige)).collect();
            let new = Herziening { datum: options.vandaag, vorige };
            self.herzien.lock().expect("not poisoned").insert(relative.clone(), new.datum);
            // A bundle of this run must not use the layout made before the revision.
            self.gedeeld.lock().expect("not poisoned").remove(relative);
            made = self.make(loaded, options, reads)?;
            herziening = Some(new);
        }
        let (pdfs, _, waarschuwingen, typst_seconds) = made;
        let mut bestanden = Vec::new();
        for pdf in pdfs {
            let mut record = pdf.record;
            if let Some(h) = &herziening {
                record.vorige_sha256 = h.vorige.get(&pdf.pad).cloned().unwrap_or_default();
            }
            bestanden.push(super::outputs::Bestand { pad: pdf.pad, bytes: pdf.bytes, record: Some(record) });
        }
        Ok(super::outputs::Made { bestanden, waarschuwingen, typst_seconds, herziening })
    }

    /// Makes every file of a document in memory: its PDFs and the copies beside them. Returns
    /// them with the parts they came from, Typst's warnings and the time spent in Typst.
    #[allow(clippy::type_complexity)]
    pub(super) fn make(
        &self,
        loaded: &Loaded,
        options: &BuildOptions,
        reads: &Reads,
    ) -> Result<(Vec<PdfFile>, Vec<Rendering>, Vec<String>, f64), Problems> {
        let mut parts = self.renderings(loaded, reads)?;
        if !options.bundel {
            // Without the raadsvoorstel's bundle (`watch`); a book is the document itself.
            parts.retain(|p| p.bundel.is_none() || p.is_boek());
        }
        // Bundles come last: they are put together from the other parts' pages.
        let mut typeset: Vec<Option<Arc<Typeset>>> = vec![None; parts.len()];
        let mut views: Vec<ViewModel> = parts.iter().map(|p| p.view.clone()).collect();
        let mut typst_seconds = 0.0;
        // Only a document with one output (a Kadernota, a jaarverslag) can be a bundle's part,
        // so only such an output is shared; the cache is keyed by document.
        let single = parts.len() == 1;
        for (i, part) in parts.iter().enumerate() {
            if part.bundel.is_none() {
                let result = if single {
                    self.typeset_shared(&loaded.file, part, options, reads)?
                } else {
                    Arc::new(self.typeset_part(&loaded.file, part, "", options, reads)?)
                };
                typst_seconds += result.seconds;
                typeset[i] = Some(result);
            }
        }
        for (i, part) in parts.iter().enumerate() {
            if let Some(delen) = &part.bundel {
                let (result, view) =
                    self.assemble_bundle(&loaded.file, part, delen, &parts, &typeset, options, reads)?;
                typst_seconds += result.seconds;
                typeset[i] = Some(Arc::new(result));
                views[i] = view;
            }
        }
        let mut outputs = Vec::new();
        let mut waarschuwingen = Vec::new();
        let jaar = loaded.file.jaar;
        let documentsoort = loaded.document.soort();
        for ((part, result), view) in parts.iter().zip(typeset).zip(&views) {
            let result = result.expect("every part is typeset");
            if part.intern {
                continue;
            }
            let name = format!("{}.pdf", part.stem);
            waarschuwingen.extend(result.warnings.iter().map(|w| format!("{name}: {w}")));
            let pad = format!("{jaar}/{name}");
            let mut record = record(view.meta(), pad.clone(), jaar, &result.pdf, result.pages, result.standaard);
            record.rol = part.rol.as_str().into();
            record.volgorde = part.volgorde;
            record.bron = loaded.file.relative.clone();
            [record.raadsvergadering, record.commissie, record.agendapunt] = loaded.document.vergadering();
            if let Some(v) = loaded.document.vastgesteld() {
                record.vastgesteld = v.datum.to_string();
                record.vastgesteld_door = v.door.as_str().into();
            }
            record.documentsoort = documentsoort.into();
            if part.rol != Rol::Document {
                record.voorstel = record.nummer.clone();
            }
            for copy in &part.copies {
                reads.read(copy.from.clone());
                let bytes = self.project.read(&copy.from).map_err(|why| Diagnostic::new(copy.from.clone(), why))?;
                let pages = lopdf::Document::load_mem(&bytes).map(|d| d.get_pages().len()).unwrap_or(0);
                let pad = format!("{jaar}/{}", copy.name);
                outputs.push(PdfFile {
                    record: OutputRecord {
                        pad: pad.clone(),
                        soort: "Bijlage (PDF)".into(),
                        onderwerp: copy.titel.clone(),
                        paginas: pages,
                        bytes: bytes.len() as u64,
                        sha256: incremental::sha256(&bytes),
                        standaard: "onbekend (extern bestand)".into(),
                        rol: Rol::Bijlage.as_str().into(),
                        volgorde: copy.volgorde,
                        bron: copy.from.clone(),
                        documentsoort: "pdf".into(),
                        ..record.clone()
                    },
                    pad,
                    bytes,
                    layout: None,
                });
            }
            let bytes = result.pdf.clone();
            outputs.push(PdfFile { pad, bytes, record, layout: Some(result) });
        }
        Ok((outputs, parts, waarschuwingen, typst_seconds))
    }

    /// The laid-out pages of every PDF the document makes, by output path (`2024/x.pdf`), made
    /// in memory and written nowhere: for checks on the layout itself (type sizes, tables).
    pub fn layouts(&self, loaded: &Loaded, options: &BuildOptions) -> Result<Vec<(String, Arc<Typeset>)>, Problems> {
        let (outputs, ..) = self.make(loaded, options, &Reads::default())?;
        Ok(outputs.into_iter().filter_map(|o| o.layout.map(|l| (o.pad, l))).collect())
    }

    /// Renders and typesets one output. `variant` renames its source (see `assemble_bundle`).
    pub(super) fn typeset_part(
        &self,
        file: &DocumentFile,
        part: &Rendering,
        variant: &str,
        options: &BuildOptions,
        reads: &Reads,
    ) -> Result<Typeset, Problems> {
        self.with_job(file, part, &part.view, variant, options, reads, |job| self.typesetter.typeset(job))
    }

    /// Renders `part`'s template with `view` and hands Typst's job for it to `run`, evicting
    /// Typst's memo cache afterwards.
    // The run-wide options and the document's read record travel with each step of its build.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn with_job<R>(
        &self,
        file: &DocumentFile,
        part: &Rendering,
        view: &ViewModel,
        variant: &str,
        options: &BuildOptions,
        reads: &Reads,
        run: impl FnOnce(&Job) -> Result<R, Problems>,
    ) -> Result<R, Problems> {
        crate::output::alinea::take_overlong();
        let source = self.templates.render(part.template, view).map_err(template_problem)?;
        // A plain text set as one paragraph too long for Typst to lay out in time.
        let overlong = crate::output::alinea::take_overlong();
        if !overlong.is_empty() {
            return Err(self.overlong_plain(&file.relative, &overlong));
        }
        let locate = |generated: &str| self.templates.locate(generated);
        let _evict = EvictGuard::new(options.jobs);
        let job = Job {
            source,
            template: self.templates.origin(part.template),
            virtual_files: part.files.iter().map(|(k, v)| (k.clone(), Bytes::new(v.clone()))).collect(),
            project: &self.project,
            date: part.date,
            ident: format!("{}/{}{variant}", file.relative, part.stem),
            locate: Some(&locate),
            reads: Some(reads),
        };
        run(&job)
    }

    /// Typesets the only output of a document, once per run when a bundle of this run needs it
    /// too. Whoever uses the layout records what making it read.
    pub(super) fn typeset_shared(
        &self,
        file: &DocumentFile,
        part: &Rendering,
        options: &BuildOptions,
        reads: &Reads,
    ) -> Result<Arc<Typeset>, Problems> {
        let make = || {
            let own = Reads::default();
            self.typeset_part(file, part, "", options, &own).map(|t| (Arc::new(t), own.into_set()))
        };
        let cell = self.gedeeld.lock().expect("not poisoned").get(&file.relative).map(|g| g.cell.clone());
        let made = match cell {
            Some(cell) => cell.get_or_init(make).clone(),
            None => make(),
        };
        made.map(|(typeset, read)| {
            reads.extend(read);
            typeset
        })
    }

    /// Writes an output's Typst source beside its PDF, with its charts, so the typst CLI can
    /// compile it: `typst compile --root <out>/<jaar> --font-path fonts <source>`.
    /// The Typst output's part of one document (`--emit-typst`): the source of each of its
    /// PDFs, with the charts it reads, beside the PDF; a bundle as one source with all its
    /// parts. A book's chapters have their own sources; of the book itself its overview, as its
    /// cover and contents are put together when its pages are laid out.
    pub(super) fn typst_sources(&self, doc: &super::outputs::DocumentRun) -> Result<super::outputs::Made, Problems> {
        let mut parts = self.renderings(doc.loaded, doc.reads)?;
        if !doc.options.bundel {
            parts.retain(|p| p.bundel.is_none() || p.is_boek());
        }
        let jaar = doc.loaded.file.jaar;
        let mut bestanden = Vec::new();
        for part in parts.iter().filter(|p| !p.is_boek()) {
            let (source, files) = match &part.bundel {
                Some(delen) => self.bundle_source(&parts, delen, part)?,
                None => {
                    (self.templates.render(part.template, &part.view).map_err(template_problem)?, part.files.clone())
                }
            };
            bestanden.push(Bestand::new(format!("{jaar}/{}.typ", part.stem), source.into_bytes()));
            for (path, bytes) in files {
                bestanden.push(Bestand::new(format!("{jaar}/{}", path.trim_start_matches('/')), bytes.to_vec()));
            }
        }
        // Two parts may read the same chart: written once.
        bestanden.sort_by(|a, b| a.pad.cmp(&b.pad));
        bestanden.dedup_by(|a, b| a.pad == b.pad);
        Ok(super::outputs::Made::bestanden(bestanden))
    }

    /// The Iv3 delivery a document makes, if any (see `kinds::Document::iv3`).
    pub(super) fn iv3_levering(
        &self,
        loaded: &Loaded,
        reads: &Reads,
    ) -> Option<Result<crate::domain::levering::Levering, Problems>> {
        let context =
            RenderContext { file: &loaded.file, sources: self.kind_sources(), charts: "", library: self, reads };
        loaded.document.iv3(&context)
    }

    /// The generated Typst source of each output of a document (for tests and `--emit-typst`).
    pub fn sources(&self, loaded: &Loaded) -> Result<Vec<(String, String)>, Problems> {
        self.renderings(loaded, &Reads::default())?
            .iter()
            .map(|p| {
                self.templates
                    .render(p.template, &p.view)
                    .map(|s| (p.stem.clone(), s))
                    .map_err(|e| Diagnostic::new(e.template, e.message).into())
            })
            .collect()
    }

    /// The view model of each output of a document, as its template sees it (for tests and
    /// for whoever writes templates): output name → view.
    pub fn views(&self, loaded: &Loaded) -> Result<Vec<(String, ViewModel)>, Problems> {
        Ok(self.renderings(loaded, &Reads::default())?.into_iter().map(|r| (r.stem, r.view)).collect())
    }

    pub(super) fn renderings(&self, loaded: &Loaded, reads: &Reads) -> Result<Vec<Rendering>, Problems> {
        self.renderings_with_charts(loaded, &format!("/{}-grafieken", document_stem(&loaded.file)), reads)
    }

    /// The outputs of a document; a jaarverslag's charts get virtual paths under `charts`. A
    /// revised document's outputs carry its revision date.
    pub(super) fn renderings_with_charts(
        &self,
        loaded: &Loaded,
        charts: &str,
        reads: &Reads,
    ) -> Result<Vec<Rendering>, Problems> {
        let mut parts = self.renderings_of(loaded, charts, reads)?;
        if let Some(datum) = self.herzien.lock().expect("not poisoned").get(&loaded.file.relative) {
            for part in &mut parts {
                part.view.meta_mut().herzien = Some(format::date(*datum));
            }
        }
        Ok(parts)
    }

    pub(super) fn renderings_of(
        &self,
        loaded: &Loaded,
        charts: &str,
        reads: &Reads,
    ) -> Result<Vec<Rendering>, Problems> {
        let context = RenderContext { file: &loaded.file, sources: self.kind_sources(), charts, library: self, reads };
        loaded.document.renderings(&context)
    }
}
