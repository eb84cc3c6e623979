//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where the sample `data/`, `fonts/` and `templates/` live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch project: a copy of the sample data and fonts in a fresh temporary folder.
pub struct Scratch {
    // Kept for its Drop: the folder is removed when the test ends.
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Scratch {
    pub fn with_samples() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        copy_dir(&repo().join("data"), &root.join("data"));
        copy_dir(&repo().join("fonts"), &root.join("fonts"));
        Scratch { _dir: dir, root }
    }

    /// A project from `tests/fixtures/<name>` (its `data/`), with the repository's fonts.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        copy_dir(&repo().join("tests/fixtures").join(name).join("data"), &root.join("data"));
        copy_dir(&repo().join("fonts"), &root.join("fonts"));
        Scratch { _dir: dir, root }
    }

    /// Every document's status set to concept, so that a changed figure may rebuild it (a
    /// definitief one is frozen).
    pub fn concept(&self) {
        for file in walk(&self.path("data")) {
            if file.extension().is_some_and(|e| e == "yaml") {
                let text = als_concept(&std::fs::read_to_string(&file).unwrap());
                std::fs::write(&file, text).unwrap();
            }
        }
    }

    /// The folder around the project (outside it), for files that must never be read.
    pub fn outside(&self) -> PathBuf {
        self.root.parent().unwrap().to_path_buf()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        let p = self.path(relative);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// Runs the `raadsstuk` binary in the project.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
            .args(args)
            .current_dir(&self.root)
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The text of a PDF, normalised so assertions can match phrases: hyphenation breaks joined,
/// soft hyphens, word joiners and no-break spaces handled, whitespace collapsed.
/// Every PDF of an output folder, by path: what a correction changed, compared byte for byte.
/// A document as a concept: its status, and no adoption (a concept cannot have been adopted;
/// its begrotingswijziging then counts nowhere).
pub fn als_concept(text: &str) -> String {
    let text = text.replace("status: definitief", "status: concept");
    text.lines().filter(|l| !l.starts_with("vastgesteld: {")).map(|l| format!("{l}\n")).collect()
}

pub fn pdfs(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walk(out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .map(|f| (f.strip_prefix(out).unwrap().to_string_lossy().into_owned(), std::fs::read(&f).unwrap()))
        .collect()
}

pub fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let raw = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    normalise(&raw)
}

/// The text of each page of a PDF, normalised as [`pdf_text`] does.
pub fn pdf_pages_text(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap().iter().map(|p| normalise(p)).collect()
}

pub fn normalise(raw: &str) -> String {
    let cleaned: String = raw.replace("-\n", "-").replace(['\u{ad}', '\u{2060}'], "").replace('\u{a0}', " ");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without spaces and hyphens. Typst hyphenates Dutch words at line ends
/// ("Veilig- heidsanalyse"), which extraction cannot tell from a real hyphen: long phrases are
/// compared in this form.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

/// Asserts that `needle` occurs in `haystack`, ignoring spaces and hyphens (line breaks).
#[track_caller]
pub fn assert_contains_phrase(haystack: &str, needle: &str) {
    assert!(
        squash(haystack).contains(&squash(needle)),
        "expected to find {needle:?} in:\n{}",
        excerpt(haystack, needle)
    );
}

#[track_caller]
pub fn assert_contains(haystack: &str, needle: &str) {
    assert!(haystack.contains(needle), "expected to find {needle:?} in:\n{}", excerpt(haystack, needle));
}

/// A short part of a long text around where `needle` (or its first word) would be.
fn excerpt(haystack: &str, needle: &str) -> String {
    let word = needle.split_whitespace().next().unwrap_or(needle);
    let at = haystack.find(word).unwrap_or(0);
    let start = haystack.floor_char_boundary(at.saturating_sub(200));
    let end = haystack.ceil_char_boundary((at + 600).min(haystack.len()));
    format!("…{}… ({} characters in all)", &haystack[start..end], haystack.len())
}

/// The PDF's objects, for checks of its structure.
pub fn pdf_document(path: &Path) -> lopdf::Document {
    lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (Latin-1 here).
pub fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Every structure element of the tagged PDF: (type, alt text).
pub fn struct_elements(doc: &lopdf::Document) -> Vec<(String, Option<String>)> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").is_ok() && d.get(b"P").is_ok())
        .map(|d| {
            let s = d
                .get(b"S")
                .ok()
                .and_then(|s| s.as_name().ok())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let alt = d.get(b"Alt").ok().and_then(|a| a.as_str().ok()).map(pdf_string);
            (s, alt)
        })
        .collect()
}

/// Whether the PDF holds any raster image (charts must be vector).
pub fn has_raster_images(doc: &lopdf::Document) -> bool {
    doc.objects.values().any(|o| match o {
        lopdf::Object::Stream(s) => {
            s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Image".as_slice())
        }
        _ => false,
    })
}

/// The catalog of a PDF.
pub fn catalog(doc: &lopdf::Document) -> &lopdf::Dictionary {
    doc.catalog().expect("catalog")
}

/// The XMP metadata stream of a PDF, as text.
pub fn xmp(doc: &lopdf::Document) -> String {
    let id = catalog(doc).get(b"Metadata").and_then(|m| m.as_reference()).expect("Metadata");
    let stream = doc.get_object(id).and_then(|o| o.as_stream()).expect("metadata stream");
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The titles of the top-level bookmarks, in order.
pub fn bookmarks(doc: &lopdf::Document) -> Vec<String> {
    bookmark_tree(doc).into_iter().map(|(title, _)| title).collect()
}

/// The top-level bookmarks with the titles of their children, in order.
pub fn bookmark_tree(doc: &lopdf::Document) -> Vec<(String, Vec<String>)> {
    let Ok(outlines) = catalog(doc).get(b"Outlines").and_then(|o| o.as_reference()) else { return Vec::new() };
    let children = |parent: &lopdf::Dictionary| {
        let mut items = Vec::new();
        let mut next = parent.get(b"First").and_then(|f| f.as_reference()).ok();
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            items.push(item);
            next = item.get(b"Next").and_then(|n| n.as_reference()).ok();
        }
        items
    };
    let title =
        |item: &lopdf::Dictionary| item.get(b"Title").and_then(|t| t.as_str()).map(pdf_string).unwrap_or_default();
    children(doc.get_dictionary(outlines).unwrap())
        .into_iter()
        .map(|item| (title(item), children(item).into_iter().map(title).collect()))
        .collect()
}

/// For each link on page `page` (1-based), the page number (1-based) it leads to.
pub fn link_targets(doc: &lopdf::Document, page: u32) -> Vec<u32> {
    let pages = doc.get_pages();
    let number: std::collections::HashMap<lopdf::ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let resolve = |o: &lopdf::Object| match o {
        lopdf::Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
        other => other.clone(),
    };
    let page = doc.get_dictionary(pages[&page]).unwrap();
    let Ok(annots) = page.get(b"Annots").map(&resolve) else { return Vec::new() };
    let mut targets = Vec::new();
    for annot in annots.as_array().unwrap() {
        let annot = resolve(annot);
        let annot = annot.as_dict().unwrap();
        if annot.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Link".as_slice()) {
            continue;
        }
        let dest = match annot.get(b"Dest") {
            Ok(d) => resolve(d),
            Err(_) => resolve(annot.get(b"A").and_then(|a| a.as_dict()).unwrap().get(b"D").unwrap()),
        };
        let dest = match dest {
            lopdf::Object::Name(ref n) => {
                let names = doc.catalog().unwrap().get(b"Dests").map(&resolve);
                resolve(names.unwrap().as_dict().unwrap().get(n).unwrap())
            }
            other => other,
        };
        let target = dest.as_array().unwrap()[0].as_reference().unwrap();
        targets.push(number[&target]);
    }
    targets
}

/// Every font descriptor has its font file embedded.
pub fn all_fonts_embedded(doc: &lopdf::Document) -> bool {
    let descriptors: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice()))
        .collect();
    !descriptors.is_empty()
        && descriptors.iter().all(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"))
}

/// The decompressed content streams of every page, concatenated.
pub fn page_content(doc: &lopdf::Document) -> String {
    doc.get_pages()
        .values()
        .map(|id| String::from_utf8_lossy(&doc.get_page_content(*id).unwrap_or_default()).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file below `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// Options for laying out every document of a project in memory (for checks on the layout).
pub fn layout_options(p: &Scratch) -> raadsstuk::session::BuildOptions {
    raadsstuk::session::BuildOptions {
        out_dir: p.path("out"),
        emit_typst: false,
        force: true,
        jobs: 1,
        bundel: true,
        herzie: false,
        trek_in: false,
        vandaag: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        tijdslimiet: None,
        web: false,
    }
}

/// Every PDF of a project, laid out in memory: (output path, layout).
pub fn layouts(p: &Scratch) -> Vec<(String, std::sync::Arc<raadsstuk::output::typeset::Typeset>)> {
    let session =
        raadsstuk::session::Session::open(raadsstuk::source::project::Project::open(&p.root).unwrap()).unwrap();
    let options = layout_options(p);
    let mut all = Vec::new();
    for doc in session.project.documents().unwrap() {
        let loaded = session.load(&doc).unwrap();
        all.extend(session.layouts(&loaded, &options).unwrap());
    }
    all
}

/// Kills a `raadsstuk watch` child when the test ends, however it ends.
pub struct Watcher(pub std::process::Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `raadsstuk watch <file>` running in a project, with its output read line by line.
pub struct Watching {
    _child: Watcher,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Watching {
    pub fn start(p: &Scratch, file: &str) -> Self {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_raadsstuk"))
            .args(["watch", file])
            .current_dir(&p.root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { _child: Watcher(child), lines }
    }

    /// The next line that contains `what`; fails after a minute without one.
    pub fn wait_for(&self, what: &str) -> String {
        loop {
            match self.lines.recv_timeout(std::time::Duration::from_secs(60)) {
                Ok(line) if line.contains(what) => return line,
                Ok(_) => {}
                Err(_) => panic!("watch printed no {what:?} within 60 s"),
            }
        }
    }

    /// Fails when a line with `what` comes within `seconds`.
    pub fn none_for(&self, what: &str, seconds: u64) {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(what) => panic!("watch printed {line:?}"),
                Ok(_) => {}
                Err(_) => return,
            }
        }
    }
}

/// The sum of an Iv3 delivery's cells of one side (`lasten`, `baten`) on one taakveld.
pub fn iv3_taakveld(json: &serde_json::Value, kant: &str, taakveld: &str) -> i64 {
    json["data"][kant]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["taakveld"] == taakveld)
        .map(|r| r["bedrag"].as_i64().unwrap())
        .sum()
}
