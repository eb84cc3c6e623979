//! The bundle of a raadsvoorstel: a cover, then its parts' laid-out pages (see `output::assemble`).

use std::collections::HashMap;

use std::sync::Arc;
use std::time::Instant;

use typst_layout::PagedDocument;

use crate::diagnostics::{Diagnostic, Problems};
use crate::kinds::{DeelView, KopView, ViewModel};
use crate::output::assemble::{self, Collision};
use crate::output::typeset::Typeset;
use crate::source::project::DocumentFile;

use super::*;

impl Session {
    /// Puts a bundle together: its cover, then the laid-out pages of each part. Returns it with
    /// the cover's final view (for the manifest).
    // The run-wide options and the document's read record travel with each step of its build.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn assemble_bundle(
        &self,
        file: &DocumentFile,
        part: &Rendering,
        delen: &[Deel],
        parts: &[Rendering],
        typeset: &[Option<Arc<Typeset>>],
        options: &BuildOptions,
        reads: &Reads,
    ) -> Result<(Typeset, ViewModel), Problems> {
        let started = Instant::now();
        // A book numbers its pages through and lists its chapters' headings; a raadsvoorstel's
        // bundle holds its parts exactly as they were sent, each with its own numbers.
        let book = part.is_boek();
        let mut members: Vec<(DocumentFile, Rendering, Arc<Typeset>)> = Vec::new();
        for deel in delen {
            members.push(match &deel.bron {
                Bron::Eigen(i) => {
                    (file.clone(), parts[*i].clone(), typeset[*i].clone().expect("typeset before the bundle"))
                }
                Bron::Document(doc) if book => {
                    // A chapter in the book: without its own contents and page numbers.
                    let mut part = self.renderings(&self.load_read(doc, reads)?, reads)?.remove(0);
                    part.view.meta_mut().boek = true;
                    let result = self.typeset_part(doc, &part, "#boek", options, reads)?;
                    (doc.clone(), part, Arc::new(result))
                }
                Bron::Document(doc) => {
                    let part = self.renderings(&self.load_read(doc, reads)?, reads)?.remove(0);
                    let result = self.typeset_shared(doc, &part, options, reads)?;
                    (doc.clone(), part, result)
                }
            });
        }
        // In a book, a chapter is listed by the title it shows.
        let titels: Vec<String> = delen
            .iter()
            .zip(&members)
            .map(|(deel, (_, _, result))| {
                book.then(|| assemble::title(&result.document)).flatten().unwrap_or_else(|| deel.titel.clone())
            })
            .collect();
        let koppen: Vec<Vec<assemble::Heading>> = members
            .iter()
            .map(|(_, _, result)| if book { assemble::headings(&result.document, 2) } else { Vec::new() })
            .collect();
        let mut view = part.view.clone();
        // A part with illustrative figures marks the bundle's cover too.
        view.meta_mut().voorbeeldgegevens |= members.iter().any(|(_, p, _)| p.view.meta().voorbeeldgegevens);
        // The cover lists where each part starts, so its own length must be known: a cover
        // longer than assumed is made again (at most a few times; it converges at once).
        let mut cover_pages = 1;
        // The parts as the cover that was laid out last lists them.
        let mut laatste: Vec<DeelView>;
        let (cover, warnings) = loop {
            let mut start = cover_pages + 1;
            let mut lijst = Vec::new();
            for ((titel, (_, _, result)), koppen) in titels.iter().zip(&members).zip(&koppen) {
                let end = start + result.pages - 1;
                let bereik = if end > start { format!("{start}–{end}") } else { start.to_string() };
                let koppen = koppen
                    .iter()
                    .map(|h| KopView { titel: h.text.clone(), niveau: h.level, pagina: start + h.page - 1, y: h.y })
                    .collect();
                lijst.push(DeelView { titel: titel.clone(), pagina: start, bereik, koppen });
                start += result.pages;
            }
            laatste = lijst.clone();
            view.set_delen(lijst, start - 1);
            let cover_view = view.clone();
            let (cover, warnings) =
                self.with_job(file, part, &cover_view, "", options, reads, |job| self.typesetter.compile(job))?;
            let pages = cover.pages().len();
            if pages == cover_pages || cover_pages > 6 {
                break (cover, warnings);
            }
            cover_pages = pages;
        };
        // Two parts can only be in one document when their element locations differ. They
        // derive from each source's name, so this holds unless two names hash alike; then the
        // later part is typeset once more under another name.
        let numbers = if let Some(nummering) = part.nummering {
            // The pages are known now: the book's page numbers, laid over them.
            let total = cover.pages().len() + members.iter().map(|(_, _, r)| r.pages).sum::<usize>();
            let mut numbered = part.clone();
            numbered.template = nummering;
            let mut view = view.clone();
            view.set_delen(laatste.clone(), total);
            // Only the number: the rest of the footer is on the pages already.
            let meta = view.meta_mut();
            meta.boek = false;
            meta.concept = false;
            meta.voorbeeldgegevens = false;
            meta.herzien = None;
            let (numbers, _) =
                self.with_job(file, &numbered, &view, "#paginas", options, reads, |job| self.typesetter.compile(job))?;
            Some(numbers)
        } else {
            None
        };
        for attempt in 0..=members.len() {
            let documents: Vec<&PagedDocument> = members.iter().map(|(_, _, r)| &r.document).collect();
            match assemble::assemble(&cover, &documents, numbers.as_ref()) {
                Ok(bundle) => {
                    let ident = format!("{}/{}", file.relative, part.stem);
                    let mut result = self.typesetter.export(bundle, &ident, part.date)?;
                    result.warnings.splice(0..0, warnings);
                    result.seconds = started.elapsed().as_secs_f64();
                    return Ok((result, view));
                }
                Err(Collision { part: k }) => {
                    let (doc, deel, _) = &members[k];
                    let again = self.typeset_part(doc, deel, &format!("#bundel-{attempt}"), options, reads)?;
                    members[k].2 = Arc::new(again);
                }
            }
        }
        Err(Diagnostic::new(&file.relative, "de bundel kon niet worden samengesteld (interne fout)").into())
    }

    /// A bundle as one Typst source (its cover's template with `-geheel`: `bundel-geheel.typ.hbs`),
    /// for `--emit-typst`: what the typst CLI needs to make the bundle on its own.
    pub(super) fn bundle_source(
        &self,
        parts: &[Rendering],
        delen: &[Deel],
        cover: &Rendering,
    ) -> Result<(String, HashMap<String, Vec<u8>>), Problems> {
        let mut files = HashMap::new();
        let mut views = Vec::new();
        for (n, deel) in delen.iter().enumerate() {
            let part = match &deel.bron {
                Bron::Eigen(i) => parts[*i].clone(),
                Bron::Document(doc) => {
                    let loaded = self.load(doc)?;
                    self.renderings_with_charts(
                        &loaded,
                        &format!("/{}-grafieken/deel-{}", cover.stem, n + 1),
                        &Reads::default(),
                    )?
                    .remove(0)
                }
            };
            files.extend(part.files.clone());
            let mut view = part.view.clone();
            view.meta_mut().bundel = true;
            // Each part is placed by its own body template, `<template>-inhoud`, inside the
            // bundle's source.
            let inhoud =
                self.templates.render(&format!("{}-inhoud", part.template), &view).map_err(template_problem)?;
            // (The template puts its own line end after it.)
            let inhoud = inhoud.strip_suffix('\n').unwrap_or(&inhoud);
            views.push(serde_json::json!({ "kop": view.meta().kop, "inhoud": inhoud }));
        }
        // The cover's view, as the one source's: the bundle's metadata and every part.
        let mut view = serde_json::to_value(&cover.view).map_err(|e| Diagnostic::new(&cover.stem, e.to_string()))?;
        view["meta"]["bundel"] = true.into();
        view["meta"]["voorblad"] = false.into();
        view["delen"] = serde_json::Value::Array(views);
        let source = self.templates.render(&format!("{}-geheel", cover.template), &view).map_err(template_problem)?;
        Ok((source, files))
    }
}
