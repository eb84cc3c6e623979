//! A kind of document defined here, outside raadsstuk: a one-page memo with one template. It is
//! registered with the session and built end to end, so a kind needs nothing but its own module
//! (model, rules, view, outputs, scaffold) and its templates.

use std::any::Any;
use std::sync::Arc;

use chrono::NaiveDate;
use raadsstuk::diagnostics::{Diagnostic, Problems};
use raadsstuk::domain::format;
use raadsstuk::domain::model::Status;
use raadsstuk::kinds::{
    self, DateParts, Document, Kind, Meta, New, RenderContext, Rendering, Sources, Style, View, ViewModel, read_with,
};
use raadsstuk::session::{BuildOptions, Session};
use raadsstuk::source::project::Project;
use raadsstuk::source::yaml::YamlFile;
use serde::{Deserialize, Serialize};

use crate::common::*;

/// The memo as its YAML file says it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Memo {
    #[allow(dead_code)]
    soort: String,
    status: Status,
    titel: String,
    datum: NaiveDate,
    /// Markdown.
    tekst: String,
    /// Its place in the year's begrotingsboek, when it is a chapter of it.
    #[serde(default)]
    nummer: Option<u32>,
}

/// What its template sees.
#[derive(Debug, Clone, Serialize)]
struct MemoView {
    meta: Meta,
    huisstijl: Style,
    titel: String,
    tekst: String,
}

impl View for MemoView {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
    fn clone_view(&self) -> Box<dyn View> {
        Box::new(self.clone())
    }
}

struct MemoKind;

static MEMO: MemoKind = MemoKind;

impl Kind for MemoKind {
    fn soort(&self) -> &'static str {
        "memo"
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("memo", "{{> huisstijl}}\n{{> memo-inhoud}}\n"),
            // Its body, which a one-source bundle places too (it may be a bijlage).
            ("memo-inhoud", "#doc-titel[{{titel}}]\n\n{{md tekst}}\n"),
        ]
    }

    fn may_be_bijlage(&self) -> bool {
        true
    }

    fn hoofdstuk_van(&self) -> &'static [&'static str] {
        &["begrotingsboek"]
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![(
            "web-memo",
            "{{#> web-pagina}}\n<h1>{{v.titel}}</h1>\n{{> web-pdfs}}\n{{{md v.tekst}}}\n{{/web-pagina}}\n",
        )]
    }

    // Not the default, so that the test sees the kind's own choice.
    fn woo_categorie(&self) -> raadsstuk::domain::model::WooCategorie {
        raadsstuk::domain::model::WooCategorie::JaarplannenEnJaarverslagen
    }

    fn read(&self, file: &YamlFile, _sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Memo>(file, |memo| {
            if memo.titel.trim().is_empty() {
                return Err(Diagnostic::new(&file.name, "een memo heeft een titel").into());
            }
            Ok(())
        })
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        let text =
            format!("soort: memo\nstatus: concept\ntitel: Memo\ndatum: {}\ntekst: |\n  *In te vullen.*\n", new.today);
        Ok(("memo.yaml".into(), text))
    }
}

impl Document for Memo {
    fn as_any(&self) -> &dyn Any {
        self
    }

    // A memo with a `nummer` is a chapter of the year's begrotingsboek (a notitie reserves, say).
    fn hoofdstuk(&self) -> Option<kinds::Hoofdstuk> {
        self.nummer.map(|n| kinds::Hoofdstuk {
            boek: "begrotingsboek",
            nummer: Some(n),
            programma: self.titel.clone(),
            voorbeeldgegevens: false,
            ..Default::default()
        })
    }

    fn soort(&self) -> &'static str {
        MEMO.soort()
    }

    fn status(&self) -> Status {
        self.status
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        // A defect, on purpose: see `a_defect_in_one_document_is_that_documents_error`.
        assert!(self.titel != "Paniek", "de memo-soort heeft een fout");
        let gemeente = context.sources.gemeente;
        let meta = Meta {
            titel: self.titel.clone(),
            soort: "Memo".into(),
            kop: format!("Memo · {}", self.titel),
            nummer: None,
            jaar: context.file.jaar,
            gemeente: gemeente.naam.clone(),
            auteurs: vec![format!("Gemeente {}", gemeente.naam)],
            omschrijving: format!("Memo van de gemeente {}", gemeente.naam),
            trefwoorden: vec!["memo".into()],
            datum: format::date(self.datum),
            datum_iso: DateParts::from(self.datum),
            concept: self.status == Status::Concept,
            voorbeeldgegevens: false,
            herzien: None,
            bundel: false,
            voorblad: false,
            boek: false,
        };
        let view =
            MemoView { meta, huisstijl: kinds::style(gemeente), titel: self.titel.clone(), tekst: self.tekst.clone() };
        Ok(vec![Rendering::document("memo", ViewModel::new(view), context.file, self.datum)])
    }
}

/// How these tests build: two at a time, only what changed.
fn options(p: &Scratch, today: NaiveDate) -> BuildOptions {
    BuildOptions {
        out_dir: p.path("out"),
        emit_typst: false,
        force: false,
        jobs: 2,
        bundel: true,
        herzie: false,
        trek_in: false,
        vandaag: today,
        tijdslimiet: None,
        web: false,
    }
}

#[test]
fn a_kind_defined_outside_raadsstuk_is_registered_and_built_end_to_end() {
    let p = Scratch::with_samples();
    p.write(
        "data/2025/memo-cameratoezicht.yaml",
        "soort: memo\nstatus: concept\ntitel: Cameratoezicht Hoofddorp-Centrum\ndatum: 2025-03-01\ntekst: |\n  De **driehoek** adviseert positief.\n\n  - evaluatie na een jaar\n",
    );
    let mut all = kinds::builtin();
    all.push(&MEMO);
    let session = Session::open_with(Project::open(&p.root).unwrap(), all).unwrap();

    // `raadsstuk new memo` asks the kind.
    let today = NaiveDate::from_ymd_opt(2025, 3, 2).unwrap();
    let new = raadsstuk::scaffold::new_document(&session, "memo", 2026, None, today).unwrap();
    assert_eq!(new, "data/2026/memo.yaml");

    let docs = session.project.select(&[p.path("data/2025"), p.path("data/2026")]).unwrap();
    let options = options(&p, today);
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(batch.ok(), "{:?}", batch.documents.iter().map(|d| &d.outcome).collect::<Vec<_>>());
    let text = pdf_text(&p.path("out/2025/memo-cameratoezicht.pdf"));
    for phrase in
        ["Cameratoezicht Hoofddorp-Centrum", "De driehoek adviseert positief.", "evaluatie na een jaar", "CONCEPT"]
    {
        assert_contains_phrase(&text, phrase);
    }
    assert_contains(&pdf_text(&p.path("out/2026/memo.pdf")), "In te vullen.");
    // Its PDF is archivable and accessible like every other, and the manifest knows its kind.
    let doc = pdf_document(&p.path("out/2025/memo-cameratoezicht.pdf"));
    assert!(xmp(&doc).contains("pdfuaid:part"), "PDF/UA claimed");
    let manifest = p.read("out/manifest.json");
    assert_contains(&manifest, "\"documentsoort\": \"memo\"");

    // A session that does not know the kind says so, at the file's `soort:` line.
    let plain = Session::open(Project::open(&p.root).unwrap()).unwrap();
    let err = plain.load(&docs[0]).unwrap_err();
    assert_eq!(err.0[0].message, "onbekende soort document `memo`");
    assert_eq!(
        err.0[0].hint.as_deref(),
        Some(
            "mogelijk zijn: raadsvoorstel, kadernota, programmabegroting, jaarverslag, paragraaf, bestuursrapportage, begrotingsboek, jaarverslagboek"
        )
    );
}

#[test]
fn a_defect_in_one_document_is_that_documents_error_and_the_others_are_built() {
    let p = Scratch::with_samples();
    let memo =
        |titel: &str| format!("soort: memo\nstatus: concept\ntitel: {titel}\ndatum: 2025-03-01\ntekst: Tekst.\n");
    p.write("data/2025/memo-a.yaml", &memo("Paniek"));
    p.write("data/2025/memo-b.yaml", &memo("Gewoon"));
    let mut all = kinds::builtin();
    all.push(&MEMO);
    let session = Session::open_with(Project::open(&p.root).unwrap(), all).unwrap();
    let docs = session.project.select(&[p.path("data/2025")]).unwrap();
    let options = options(&p, NaiveDate::from_ymd_opt(2025, 3, 2).unwrap());
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(!batch.ok());
    let outcome = |name: &str| &batch.documents.iter().find(|d| d.file.relative.ends_with(name)).unwrap().outcome;
    match outcome("memo-a.yaml") {
        raadsstuk::session::Outcome::Failed(p) => {
            assert_contains(
                &p.0[0].message,
                "interne fout in raadsstuk bij dit document: de memo-soort heeft een fout",
            );
            assert_eq!(p.0[0].file, "data/2025/memo-a.yaml");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(outcome("memo-b.yaml"), raadsstuk::session::Outcome::Built { .. }));
    assert_contains(&pdf_text(&p.path("out/2025/memo-b.pdf")), "Gewoon");
    assert_contains(&p.read("out/manifest.json"), "2025/memo-b.pdf");
}

/// A kind brings its own page of the web edition and its Woo category: nothing outside its
/// module names it.
#[test]
fn a_kind_defined_outside_raadsstuk_has_its_own_web_page_and_woo_category() {
    let p = Scratch::with_samples();
    p.write(
        "data/2025/memo-cameratoezicht.yaml",
        "soort: memo\nstatus: definitief\ntitel: Cameratoezicht Hoofddorp-Centrum\ndatum: 2025-03-01\ntekst: |\n  De **driehoek** adviseert positief.\n",
    );
    let mut all = kinds::builtin();
    all.push(&MEMO);
    let session = Session::open_with(Project::open(&p.root).unwrap(), all).unwrap();
    let docs = session.project.documents().unwrap();
    let options = BuildOptions { web: true, ..options(&p, NaiveDate::from_ymd_opt(2025, 3, 2).unwrap()) };
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(batch.ok(), "{:?}", batch.documents.iter().map(|d| &d.outcome).collect::<Vec<_>>());
    let page = p.read("out/web/2025/memo-cameratoezicht.html");
    assert_contains(&page, "<h1>Cameratoezicht Hoofddorp-Centrum</h1>");
    assert_contains(&page, "<strong>driehoek</strong>");
    assert_contains(&page, "memo-cameratoezicht.pdf");
    let sitemap = p.read("out/web/sitemap.xml");
    let entry =
        sitemap.split("<url>").find(|u| u.contains("memo-cameratoezicht.html")).expect("the memo in the sitemap");
    assert_contains(entry, "jaarplannen en jaarverslagen");
    // The year's index lists it.
    assert_contains(&p.read("out/web/2025/index.html"), "Cameratoezicht Hoofddorp-Centrum");
}

/// The memo is a chapter of a book and a bijlage of a raadsvoorstel too, as a built-in kind can
/// be: all from its own module, with the web edition and `--emit-typst` on.
#[test]
fn a_kind_defined_outside_raadsstuk_is_a_chapter_of_a_book_and_a_bijlage() {
    let p = Scratch::with_samples();
    p.write(
        "data/2024/memo-reserves.yaml",
        "soort: memo\nstatus: definitief\ntitel: Notitie reserves en voorzieningen\ndatum: 2023-10-10\nnummer: 3\ntekst: |\n  De **reserves** blijven op peil.\n",
    );
    let voorstel = "data/2018/raadsvoorstel-kadernota-integrale-veiligheid.yaml";
    p.write(
        voorstel,
        &p.read(voorstel).replacen(
            "bijlagen:\n",
            "bijlagen:\n  - titel: Notitie reserves en voorzieningen\n    bestand: data/2024/memo-reserves.yaml\n",
            1,
        ),
    );
    let mut all = kinds::builtin();
    all.push(&MEMO);
    let session = Session::open_with(Project::open(&p.root).unwrap(), all).unwrap();
    let docs = session.project.documents().unwrap();
    let options =
        BuildOptions { web: true, emit_typst: true, ..options(&p, NaiveDate::from_ymd_opt(2025, 3, 2).unwrap()) };
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(batch.ok(), "{:?}", batch.documents.iter().map(|d| &d.outcome).collect::<Vec<_>>());
    // Its own PDF.
    assert_contains_phrase(&pdf_text(&p.path("out/2024/memo-reserves.pdf")), "De reserves blijven op peil.");
    // Its place in the book: after programmes 1 and 2, in the contents, numbered through.
    let boek = pdf_pages_text(&p.path("out/2024/begrotingsboek.pdf"));
    assert_contains(&boek[1], "Notitie reserves en voorzieningen");
    let at = boek.iter().position(|t| t.contains("De reserves blijven op peil.")).expect("the memo in the book");
    let bestuur =
        boek.iter().position(|t| t.contains("Programma 2 Bestuur en dienstverlening") && t.contains("Doel:")).unwrap();
    assert!(at > bestuur, "after programme 2");
    assert_contains(&boek[at], &format!("pagina {} van {}", at + 1, boek.len()));
    // In the raadsvoorstel's bundle, and in its one source.
    assert_contains_phrase(&pdf_text(&p.path("out/2018/2018.0042544-bundel.pdf")), "De reserves blijven op peil.");
    let source = p.read("out/2018/2018.0042544-bundel.typ");
    assert_contains(&source, "Notitie reserves en voorzieningen");
    assert_contains(&source, "blijven op peil");
    // Its page on the site, and the book's page names it as a chapter.
    assert_contains(&p.read("out/web/2024/memo-reserves.html"), "<h1>Notitie reserves en voorzieningen</h1>");
    assert_contains(&p.read("out/web/2024/begrotingsboek.html"), "memo-reserves.html");
    // A chapter added later is in the book at the next build: the book's list of documents
    // holds every soort, programme and nummer.
    p.write(
        "data/2024/memo-grondbeleid.yaml",
        "soort: memo\nstatus: concept\ntitel: Notitie grondbeleid\ndatum: 2023-10-10\nnummer: 4\ntekst: |\n  Het **grondbeleid** blijft actief.\n",
    );
    let docs = session.project.documents().unwrap();
    session.forget_loaded();
    // The book was sent (definitief): a new chapter makes a revised version.
    let batch = session.build_all(&docs, &BuildOptions { herzie: true, ..options }, &|_| {});
    assert!(batch.ok(), "{:?}", batch.documents.iter().map(|d| &d.outcome).collect::<Vec<_>>());
    let boek = batch.documents.iter().find(|d| d.file.relative.ends_with("begrotingsboek.yaml")).unwrap();
    assert!(matches!(boek.outcome, raadsstuk::session::Outcome::Built { .. }), "{:?}", boek.outcome);
    assert_contains_phrase(&pdf_text(&p.path("out/2024/begrotingsboek.pdf")), "Het grondbeleid blijft actief.");
}

/// A kaderbrief: a kind defined here that publishes a frame (`Kaders`) as a Kadernota does — a
/// period and targets per indicator — for the jaarverslagen of its years to account against.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kaderbrief {
    #[allow(dead_code)]
    soort: String,
    status: Status,
    titel: String,
    datum: NaiveDate,
    periode: kinds::feiten::Periode,
    indicatoren: Vec<kinds::feiten::IndicatorDoel>,
}

struct KaderbriefKind;

static KADERBRIEF: KaderbriefKind = KaderbriefKind;

impl Kind for KaderbriefKind {
    fn soort(&self) -> &'static str {
        "kaderbrief"
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("kaderbrief", "{{> huisstijl}}\n#doc-titel[{{titel}}]\n\n{{md tekst}}\n")]
    }

    fn publiceert(&self) -> Option<kinds::feiten::Feit> {
        Some(kinds::feiten::Feit::Kaders)
    }

    fn read(&self, file: &YamlFile, _sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Kaderbrief>(file, |_| Ok(()))
    }

    fn scaffold(&self, _new: &New) -> Result<(String, String), Problems> {
        Err(Diagnostic::new("kaderbrief", "niet in deze test").into())
    }
}

impl Document for Kaderbrief {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        KADERBRIEF.soort()
    }

    fn status(&self) -> Status {
        self.status
    }

    fn feiten(&self) -> kinds::Feiten {
        kinds::Feiten {
            kaders: Some(kinds::feiten::Kaders {
                periode: self.periode,
                prioriteiten: Vec::new(),
                doelen: self.indicatoren.clone(),
            }),
            ..Default::default()
        }
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let gemeente = context.sources.gemeente;
        let meta = Meta {
            titel: self.titel.clone(),
            soort: "Kaderbrief".into(),
            kop: self.titel.clone(),
            nummer: None,
            jaar: context.file.jaar,
            gemeente: gemeente.naam.clone(),
            auteurs: vec![format!("Gemeente {}", gemeente.naam)],
            omschrijving: self.titel.clone(),
            trefwoorden: Vec::new(),
            datum: format::date(self.datum),
            datum_iso: DateParts::from(self.datum),
            concept: self.status == Status::Concept,
            voorbeeldgegevens: true,
            herzien: None,
            bundel: false,
            voorblad: false,
            boek: false,
        };
        // Every target it sets, so that nothing it accepts is left out of its own PDF.
        let tekst = self
            .indicatoren
            .iter()
            .flat_map(|d| d.streefwaarden.iter().map(move |(jaar, w)| format!("- {} in {jaar}: {w}\n", d.id)))
            .collect();
        let view = MemoView { meta, huisstijl: kinds::style(gemeente), titel: self.titel.clone(), tekst };
        Ok(vec![Rendering::document("kaderbrief", ViewModel::new(view), context.file, self.datum)])
    }
}

/// A kind's facts reach the documents that read them as a built-in kind's do: the jaarverslag of
/// a year the kaderbrief frames accounts against its targets, and a corrected target rebuilds it.
#[test]
fn a_kind_defined_outside_raadsstuk_publishes_a_frame_the_jaarverslag_accounts_against() {
    let p = Scratch::with_samples();
    let brief = "data/2019/kaderbrief-woninginbraak.yaml";
    let text = |streef: &str| {
        format!(
            "soort: kaderbrief\nstatus: concept\ntitel: Kaderbrief woninginbraak\ndatum: 2019-01-15\n\
             periode: {{ van: 2019, tot: 2019 }}\nindicatoren:\n  - id: woninginbraken\n    \
             meting: {{ jaar: 2018, waarde: \"530\" }}\n    streefwaarden:\n      2019: \"{streef}\"\n"
        )
    };
    p.write(brief, &text("470"));
    // A concept, so that a corrected target may change it (a sent one is frozen).
    let jv = "data/2019/jaarverslag-veiligheid.yaml";
    p.write(jv, &p.read(jv).replace("status: definitief", "status: concept"));
    let mut all = kinds::builtin();
    all.push(&KADERBRIEF);
    let open = || Session::open_with(Project::open(&p.root).unwrap(), all.clone()).unwrap();
    let session = open();
    let docs = session.project.select(&[p.path("data/2019")]).unwrap();
    let options = options(&p, NaiveDate::from_ymd_opt(2025, 3, 2).unwrap());
    let batch = session.build_all(&docs, &options, &|_| {});
    assert!(batch.ok(), "{:?}", batch.documents.iter().map(|d| &d.outcome).collect::<Vec<_>>());
    // The indicator table's row, up to the next indicator's.
    let row = |pdf: &str| {
        let text = pdf_text(&p.path(pdf));
        let from = text.find("Woninginbraken (absoluut").expect("the row");
        let to = from + text[from..].find("Straatroof").expect("the next row");
        text[from..to].to_string()
    };
    // The Kadernota 2018–2022 said 565 and 500; the kaderbrief, newer, frames 2019.
    let jaarverslag = "out/2019/jaarverslag-veiligheid.pdf";
    let line = row(jaarverslag);
    for (shown, what) in [("530", "its baseline"), ("470", "its target"), ("480", "the realisatie")] {
        assert!(line.contains(shown), "{what} {shown} in {line:?}");
    }
    assert!(!line.contains("565") && line.contains("niet behaald"), "{line:?}");
    assert_contains(&pdf_text(&p.path("out/2019/kaderbrief-woninginbraak.pdf")), "woninginbraken in 2019: 470");
    // A corrected target rebuilds the jaarverslag.
    p.write(brief, &text("490"));
    let batch = open().build_all(&docs, &options, &|_| {});
    let built = |name: &str| {
        batch
            .documents
            .iter()
            .any(|d| d.file.relative.ends_with(name) && matches!(d.outcome, raadsstuk::session::Outcome::Built { .. }))
    };
    assert!(built("jaarverslag-veiligheid.yaml"), "the jaarverslag reads the kaderbrief");
    let line = row(jaarverslag);
    assert!(line.contains("490") && line.contains("behaald") && !line.contains("niet behaald"), "{line:?}");
}
