//! The web edition of a build (`out/web/`): a page per document output, made from the same
//! view models as its PDF, an index of the site and of each year, search without a server, the
//! figures of every table as CSV and JSON, and a sitemap with DiWoo metadata for the Woo.
//! Every file is made in memory and written only when it changed; files of an earlier site
//! that are no longer made are removed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::batch::state::{OutputRecord, State, WebRecord, sha256, write_if_changed};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Rol;
use crate::kinds::{Bron, document_stem};
use crate::output::web;
use crate::source::project::{DocumentFile, Reads, document_file};

use super::*;

/// The folder of the site inside the output folder.
pub const WEB_DIR: &str = "web";

/// One page of a document, for the indexes, the search index and the sitemap.
pub(super) struct PageEntry {
    pub(super) jaar: i32,
    /// From the site root: `2024/jaarverslag-veiligheid.html`.
    pub(super) pad: String,
    pub(super) titel: String,
    pub(super) soort: String,
    /// The raadsvoorstel's nummer, for grouping its pages; empty for others.
    pub(super) voorstel: String,
    pub(super) rol: Rol,
    pub(super) pdfs: Vec<Value>,
    pub(super) tekst: String,
    pub(super) datum: String,
    pub(super) omschrijving: String,
    /// Its programme's number (0 for a document of no programme): a year's programmes are
    /// listed in that order.
    pub(super) programma: u32,
    /// Not yet sent: published only when the gemeente publishes concepts, and then marked.
    pub(super) concept: bool,
    /// When it was adopted, from the adoption data only.
    pub(super) vastgesteld: Option<chrono::NaiveDate>,
    /// Its kind's Woo information category.
    pub(super) categorie: crate::domain::model::WooCategorie,
}

/// How a document is published: its place among the year's, whether it is a concept, and
/// whether (and when, by whom) it was adopted.
struct Publicatie {
    programma: u32,
    categorie: crate::domain::model::WooCategorie,
    concept: bool,
    vastgesteld: Option<crate::domain::model::Vaststelling>,
}

impl Session {
    /// What the site is made from: every document's inputs and outputs, and the web templates.
    pub(super) fn site_key(&self, state: &State) -> String {
        let mut all = String::from(env!("CARGO_PKG_VERSION"));
        all.push_str(&self.web_templates.fingerprint());
        for (relative, doc) in &state.documenten {
            all.push_str(relative);
            all.push_str(&doc.sleutel);
            for r in &doc.uitvoer {
                all.push_str(&r.sha256);
            }
        }
        sha256(all.as_bytes())
    }

    /// Makes the whole site from the documents in `state` and writes what changed. Returns the
    /// site's files for the manifest. A document that cannot be read now keeps the pages of its
    /// last good build.
    pub(super) fn write_site(
        &self,
        state: &State,
        out: &std::path::Path,
        problemen: &mut Vec<Diagnostic>,
    ) -> Result<Vec<WebRecord>, Problems> {
        let mut files: BTreeMap<String, (Vec<u8>, String)> = BTreeMap::new();
        let mut entries: Vec<PageEntry> = Vec::new();
        let mut kept: Vec<WebRecord> = Vec::new();
        let mut images: BTreeSet<String> = BTreeSet::new();
        // Adopted with its raadsbesluit: a bijlage of an adopted raadsvoorstel.
        // A bijlage held by several raadsvoorstellen belongs to the one with the lowest nummer,
        // as in the manifest: its adoption (or none) is the bijlage's.
        let mut adopted: BTreeMap<String, crate::domain::model::Vaststelling> = BTreeMap::new();
        let mut held_by: BTreeMap<String, (String, Option<crate::domain::model::Vaststelling>)> = BTreeMap::new();
        for relative in state.documenten.keys() {
            let Some(loaded) = document_file(relative).and_then(|d| self.load(&d).ok()) else { continue };
            let vastgesteld = loaded.document.vastgesteld();
            if let Some(nummer) = loaded.document.nummer() {
                for (bijlage, _) in loaded.document.bijlage_documents() {
                    let first = held_by.get(&bijlage).is_none_or(|(n, _)| nummer < *n);
                    if first {
                        held_by.insert(bijlage, (nummer.clone(), vastgesteld.clone()));
                    }
                }
            }
            if let Some(v) = vastgesteld {
                adopted.insert(relative.clone(), v);
            }
        }
        for (bijlage, (_, vastgesteld)) in held_by {
            if let Some(v) = vastgesteld {
                adopted.entry(bijlage).or_insert(v);
            }
        }
        let concepten = self.gemeente.webversie.concepten;
        for (relative, doc_state) in &state.documenten {
            let Some(doc) = document_file(relative) else { continue };
            // A document that cannot be read now failed its build and was reported there.
            let Ok(loaded) = self.load(&doc) else {
                kept.extend(state.web.iter().filter(|w| &w.bron == relative).cloned());
                continue;
            };
            // Only what was sent is published, unless the gemeente publishes its concepts too.
            let concept = loaded.document.status() != crate::domain::model::Status::Definitief;
            if concept && !concepten {
                continue;
            }
            let publicatie = Publicatie {
                programma: loaded.document.programma_nummer().unwrap_or(0),
                categorie: self.kind(loaded.document.soort()).map(|k| k.woo_categorie()).unwrap_or_default(),
                concept,
                vastgesteld: adopted.get(relative).cloned(),
            };
            let made = self.renderings(&loaded, &Reads::default()).and_then(|renderings| {
                self.document_pages(&doc, &renderings, &doc_state.uitvoer, &publicatie, &mut images)
            });
            match made {
                Ok((pages, page_entries)) => {
                    for (pad, bytes) in pages {
                        files.insert(pad, (bytes, relative.clone()));
                    }
                    entries.extend(page_entries);
                }
                Err(p) => {
                    problemen.extend(
                        p.0.into_iter().map(|d| Diagnostic { message: format!("webversie: {}", d.message), ..d }),
                    );
                    kept.extend(state.web.iter().filter(|w| &w.bron == relative).cloned());
                }
            }
        }
        // A year's documents by kind, then programmes in their number's order (not by file name).
        entries.sort_by(|a, b| (a.jaar, &a.soort, a.programma, &a.pad).cmp(&(b.jaar, &b.soort, b.programma, &b.pad)));
        for (pad, bytes) in self.site_pages(&entries, &images)? {
            files.insert(pad, (bytes, String::new()));
        }
        let mut records = kept;
        // Every page carries the policy, also one made with a gemeente's own template.
        for (_, (bytes, _)) in files.iter_mut().filter(|(pad, _)| pad.ends_with(".html")) {
            if let Some(with) = web::with_csp(bytes) {
                *bytes = with;
            }
        }
        for (pad, (bytes, bron)) in &files {
            let path = out.join(WEB_DIR).join(pad);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Diagnostic::new(shown(parent), e.to_string()))?;
            }
            write_if_changed(&path, bytes).map_err(|e| {
                Diagnostic::new(shown(&path), format!("bestand niet te schrijven: {}", crate::diagnostics::io_fout(&e)))
            })?;
            records.push(WebRecord {
                pad: format!("{WEB_DIR}/{pad}"),
                bytes: bytes.len() as u64,
                sha256: sha256(bytes),
                bron: bron.clone(),
            });
        }
        // What an earlier site had and this one does not make: removed (only files of ours).
        let now: BTreeSet<&str> = records.iter().map(|r| r.pad.as_str()).collect();
        for old in &state.web {
            if !now.contains(old.pad.as_str()) && crate::batch::state::removable(out, &old.pad) {
                let _ = std::fs::remove_file(out.join(&old.pad));
            }
        }
        records.sort_by(|a, b| a.pad.cmp(&b.pad));
        Ok(records)
    }

    /// The pages of one document (one per output that is no bundle, plus a book's page), with
    /// their tables as CSV and JSON.
    #[allow(clippy::type_complexity)]
    fn document_pages(
        &self,
        doc: &DocumentFile,
        renderings: &[Rendering],
        records: &[OutputRecord],
        publicatie: &Publicatie,
        images: &mut BTreeSet<String>,
    ) -> Result<(Vec<(String, Vec<u8>)>, Vec<PageEntry>), Problems> {
        let mut pages = Vec::new();
        let mut entries = Vec::new();
        let jaar = doc.jaar;
        // Charts of any output of the document (a book's chart is made with its overview).
        let files: std::collections::HashMap<String, Vec<u8>> =
            renderings.iter().flat_map(|r| r.files.iter().map(|(k, v)| (k.clone(), v.clone()))).collect();
        for rendering in renderings.iter().filter(|r| !r.intern) {
            let is_book = rendering.is_boek();
            if rendering.bundel.is_some() && !is_book {
                continue;
            }
            let template = format!("web-{}", rendering.template);
            if !self.web_templates.has(&template) {
                continue;
            }
            let stem = rendering.stem.clone();
            let mut view =
                serde_json::to_value(&rendering.view).map_err(|e| Diagnostic::new(&doc.relative, e.to_string()))?;
            let mut tables = Vec::new();
            let mut charts = 0;
            web::enrich(&mut view, &files, &stem, &mut tables, &mut charts);
            // Its PDFs: a raadsvoorstel's page has the whole set, every other page its own; the
            // set in its own order (voorstel, besluit, bijlagen, and the bundle with all last).
            let own = format!("{jaar}/{stem}.pdf");
            let mut set: Vec<&OutputRecord> =
                records.iter().filter(|r| r.pad == own || rendering.rol == Rol::Voorstel).collect();
            set.sort_by_key(|r| (if r.volgorde == 0 { usize::MAX } else { r.volgorde }, r.pad.clone()));
            let pdfs: Vec<Value> = set
                .into_iter()
                .map(|r| {
                    json!({
                        "naam": pdf_name(r, renderings, jaar),
                        "pad": format!("../../{}", r.pad),
                        "paginas": if r.paginas == 1 { "1 pagina".to_string() } else { format!("{} pagina's", r.paginas) },
                        "grootte": format!("{} kB", r.bytes.div_ceil(1024)),
                    })
                })
                .collect();
            let meta = rendering.view.meta();
            let titel = rendering.paginatitel.clone().unwrap_or_else(|| meta.titel.clone());
            let hoofdstukken: Vec<Value> = rendering
                .bundel
                .iter()
                .flatten()
                .filter_map(|deel| match &deel.bron {
                    Bron::Document(d) => Some(json!({
                        "titel": deel.titel,
                        "pad": format!("../{}/{}.html", d.jaar, document_stem(d)),
                    })),
                    Bron::Eigen(_) => None,
                })
                .collect();
            let context = json!({
                "site": self.site_context("../"),
                "pagina": {
                    "titel": titel,
                    "omschrijving": meta.omschrijving,
                    "kruimels": [
                        { "titel": "Documenten", "pad": "../index.html" },
                        { "titel": jaar.to_string(), "pad": "index.html" },
                        { "titel": titel, "pad": Value::Null },
                    ],
                    "pdfs": pdfs,
                    "gegevens": [],
                    "hoofdstukken": hoofdstukken,
                    "concept": publicatie.concept,
                    "vastgesteld": publicatie.vastgesteld.as_ref().map(|v| format!(
                        "Vastgesteld door {} op {}",
                        match v.door {
                            crate::domain::model::Orgaan::Raad => "de raad",
                            crate::domain::model::Orgaan::College => "het college",
                        },
                        crate::domain::format::date(v.datum)
                    )),
                },
                "v": view,
            });
            // Only the images the page's Markdown shows are copied into the site. The page is
            // rendered twice: the first time says which tables it shows, in which order and with
            // which captions; the second offers exactly those as data.
            let mut context = context;
            let (html, placed) = web::placed_images(|| -> Result<String, crate::output::render::TemplateError> {
                let first = self.web_templates.render(&template, &context)?;
                let (gegevens, files) = web::table_data(&first, &tables, &stem, &view["meta"]["titel"]);
                if gegevens.is_empty() {
                    return Ok(first);
                }
                pages.extend(files.into_iter().map(|(name, bytes)| (format!("{jaar}/{name}"), bytes)));
                context["pagina"]["gegevens"] = Value::Array(gegevens);
                self.web_templates.render(&template, &context)
            });
            let html = html.map_err(template_problem)?;
            images.extend(placed);
            // The page's own text: what `<main …>` holds, not its attributes.
            let main = html
                .split("<main")
                .nth(1)
                .and_then(|m| m.split_once('>').map(|(_, rest)| rest))
                .and_then(|m| m.split("</main>").next())
                .unwrap_or("");
            entries.push(PageEntry {
                jaar,
                pad: format!("{jaar}/{stem}.html"),
                titel,
                soort: meta.soort.clone(),
                voorstel: if rendering.rol == Rol::Document {
                    String::new()
                } else {
                    meta.nummer.clone().unwrap_or_default()
                },
                rol: rendering.rol,
                pdfs: context["pagina"]["pdfs"].as_array().cloned().unwrap_or_default(),
                tekst: web::plain_text(main),
                datum: format!("{:04}-{:02}-{:02}", meta.datum_iso.jaar, meta.datum_iso.maand, meta.datum_iso.dag),
                omschrijving: meta.omschrijving.clone(),
                programma: publicatie.programma,
                concept: publicatie.concept,
                vastgesteld: publicatie.vastgesteld.as_ref().map(|v| v.datum),
                categorie: publicatie.categorie,
            });
            pages.push((format!("{jaar}/{stem}.html"), html.into_bytes()));
        }
        Ok((pages, entries))
    }

    /// What every page knows of the site: the gemeente, the way back to the root, the logo.
    fn site_context(&self, root: &str) -> Value {
        let h = &self.gemeente.huisstijl;
        json!({
            "gemeente": self.gemeente.naam,
            "root": root,
            "logo": h.logo.as_ref().map(|l| format!("assets/logo.{}", extension(l))),
            "logo_alt": h.logo_alt.clone().unwrap_or_else(|| format!("Gemeente {}", self.gemeente.naam)),
        })
    }

    /// The pages of the site as a whole: the index, an index per year, search, the
    /// stylesheet, fonts, logo, images, the search index and the sitemap.
    fn site_pages(&self, entries: &[PageEntry], images: &BTreeSet<String>) -> Result<Vec<(String, Vec<u8>)>, Problems> {
        let mut out = Vec::new();
        let years: BTreeSet<i32> = entries.iter().map(|e| e.jaar).collect();
        let entry_json = |e: &PageEntry, prefix: &str| {
            let pdfs: Vec<Value> = e
                .pdfs
                .iter()
                .map(|p| {
                    let mut p = p.clone();
                    // The PDF paths were made for a page in the year folder.
                    if let Some(pad) = p["pad"].as_str().map(str::to_string) {
                        p["pad"] = Value::String(pad.replacen("../../", &format!("{prefix}../"), 1));
                    }
                    p
                })
                .collect();
            json!({ "titel": e.titel, "soort": e.soort, "jaar": e.jaar, "pad": format!("{prefix}{}", e.pad), "pdfs": pdfs })
        };
        // The site index: newest year first.
        let jaren: Vec<Value> = years
            .iter()
            .rev()
            .map(|j| {
                let documenten: Vec<Value> = entries
                    .iter()
                    .filter(|e| e.jaar == *j && e.rol != Rol::Besluit)
                    .map(|e| entry_json(e, ""))
                    .collect();
                json!({ "jaar": j, "pad": format!("{j}/index.html"), "documenten": documenten })
            })
            .collect();
        let index = json!({
            "site": self.site_context(""),
            "pagina": {
                "concept": false,
                "vastgesteld": Value::Null,
                "titel": format!("Documenten van de gemeente {}", self.gemeente.naam),
                "omschrijving": format!("Begroting, jaarverslag, Kadernota's en raadsvoorstellen van de gemeente {}", self.gemeente.naam),
                "kruimels": [{ "titel": "Documenten", "pad": Value::Null }],
                "jaren": jaren,
                "gegevens": [],
            },
        });
        out.push((
            "index.html".to_string(),
            self.web_templates.render("web-index", &index).map_err(template_problem)?.into_bytes(),
        ));
        for j in &years {
            let of_year: Vec<&PageEntry> = entries.iter().filter(|e| e.jaar == *j).collect();
            let cyclus: Vec<Value> =
                of_year.iter().filter(|e| e.voorstel.is_empty()).map(|e| entry_json(e, "../")).collect();
            let raadsvoorstellen: Vec<Value> = of_year
                .iter()
                .filter(|e| e.rol == Rol::Voorstel)
                .map(|e| {
                    let mut v = entry_json(e, "../");
                    v["delen"] = of_year
                        .iter()
                        .filter(|d| d.voorstel == e.voorstel && d.rol != Rol::Voorstel)
                        .map(|d| json!({ "titel": d.titel, "pad": format!("../{}", d.pad) }))
                        .collect();
                    v
                })
                .collect();
            let page = json!({
                "site": self.site_context("../"),
                "pagina": {
                "concept": false,
                "vastgesteld": Value::Null,
                    "titel": format!("Documenten {j}"),
                    "omschrijving": format!("De documenten van {j} van de gemeente {}", self.gemeente.naam),
                    "kruimels": [{ "titel": "Documenten", "pad": "../index.html" }, { "titel": j.to_string(), "pad": Value::Null }],
                    "jaar": j,
                    "cyclus": cyclus,
                    "raadsvoorstellen": raadsvoorstellen,
                    "gegevens": [],
                },
            });
            out.push((
                format!("{j}/index.html"),
                self.web_templates.render("web-jaar", &page).map_err(template_problem)?.into_bytes(),
            ));
        }
        // Search: the page lists every page (it works without JavaScript), the script filters.
        let alles: Vec<Value> = entries.iter().map(|e| entry_json(e, "")).collect();
        let zoeken = json!({
            "site": self.site_context(""),
            "pagina": {
                "concept": false,
                "vastgesteld": Value::Null,
                "titel": "Zoeken",
                "omschrijving": format!("Zoeken in de documenten van de gemeente {}", self.gemeente.naam),
                "kruimels": [{ "titel": "Documenten", "pad": "index.html" }, { "titel": "Zoeken", "pad": Value::Null }],
                "alles": alles,
                "gegevens": [],
            },
        });
        out.push((
            "zoeken.html".to_string(),
            self.web_templates.render("web-zoeken", &zoeken).map_err(template_problem)?.into_bytes(),
        ));
        let index: Vec<Value> = entries
            .iter()
            .map(|e| json!({ "titel": e.titel, "pad": e.pad, "soort": e.soort, "jaar": e.jaar, "tekst": e.tekst }))
            .collect();
        out.push((
            "assets/zoekindex.js".to_string(),
            web::script_assignment("RAADSSTUK_ZOEKINDEX", &Value::Array(index)).into_bytes(),
        ));
        out.push(("assets/zoeken.js".to_string(), web::ZOEK_JS.as_bytes().to_vec()));
        // The house style: colours, and the house font served from the site itself.
        let h = &self.gemeente.huisstijl;
        let css = self
            .web_templates
            .render(
                "web-stijl",
                &json!({ "kleur_primair": h.kleur_primair, "kleur_secundair": h.kleur_secundair, "lettertype": h.lettertype }),
            )
            .map_err(template_problem)?;
        out.push(("assets/stijl.css".to_string(), css.trim_start().as_bytes().to_vec()));
        for (style, file) in self.house_fonts() {
            let bytes = self.project.read(&file).map_err(|why| Diagnostic::new(file.clone(), why))?;
            out.push((format!("assets/fonts/{style}.ttf"), bytes));
        }
        if let Some(logo) = &h.logo {
            if let Some(why) = crate::source::image::project_path_problem(&self.project, logo) {
                return Err(Diagnostic::new(logo.clone(), why).into());
            }
            let bytes = self.project.read(logo).map_err(|why| Diagnostic::new(logo.clone(), why))?;
            let bytes = web::site_image(logo, bytes)
                .ok_or_else(|| Diagnostic::new(logo.clone(), "het logo is geen SVG dat de webversie kan tonen"))?;
            out.push((format!("assets/logo.{}", extension(logo)), bytes));
        }
        for image in images {
            // Published only when it is what an image of the site may be (checked again here:
            // a page's Markdown names a path, and the path alone proves nothing).
            if crate::source::image::project_path_problem(&self.project, image).is_none()
                && let Ok(bytes) = self.project.read(image)
                && web::publishable_image(image, &bytes)
                && let Some(bytes) = web::site_image(image, bytes)
            {
                out.push((web::site_file(image), bytes));
            }
        }
        out.push(("sitemap.xml".to_string(), self.sitemap(entries).into_bytes()));
        Ok(out)
    }

    /// The house font's regular, bold and italic files in `fonts/`, by their style name.
    fn house_fonts(&self) -> Vec<(&'static str, String)> {
        let family = self.gemeente.huisstijl.lettertype.replace(' ', "");
        let Ok(entries) = std::fs::read_dir(self.project.root().join("fonts")) else { return Vec::new() };
        let names: BTreeSet<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        [("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic")]
            .into_iter()
            .filter_map(|(style, suffix)| {
                let name = format!("{family}-{suffix}.ttf");
                names.contains(&name).then(|| (style, format!("fonts/{name}")))
            })
            .collect()
    }
}

fn extension(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or("png")
}

/// A PDF's name as a reader knows it: as its document's kind names it, else its onderwerp.
fn pdf_name(r: &OutputRecord, renderings: &[Rendering], jaar: i32) -> String {
    renderings
        .iter()
        .find(|p| format!("{jaar}/{}.pdf", p.stem) == r.pad)
        .and_then(|p| p.naam.clone())
        .unwrap_or_else(|| r.onderwerp.clone())
}
