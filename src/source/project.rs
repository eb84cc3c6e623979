//! The project on disk: its root, its data files, and the one way to open a file inside it.
//!
//! Every file the tool reads goes through [`Project::resolve`], which refuses absolute paths,
//! `..` and symlinks that lead out of the project root.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;

/// The file that marks a project root.
pub const GEMEENTE_FILE: &str = "data/gemeente.yaml";

#[derive(Debug, Clone)]
pub struct Project {
    /// Canonical absolute path of the root.
    root: PathBuf,
}

/// A document file found under `data/<jaar>/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocumentFile {
    /// Path relative to the root, with `/` separators: `data/2018/raadsvoorstel.yaml`.
    pub relative: String,
    pub jaar: i32,
}

impl Project {
    /// Opens the project at `root` (which must contain `data/gemeente.yaml`).
    pub fn open(root: &Path) -> Result<Self, Diagnostic> {
        let root = root.canonicalize().map_err(|e| {
            Diagnostic::new(
                root.display().to_string(),
                format!("projectmap niet te openen: {}", crate::diagnostics::io_fout(&e)),
            )
        })?;
        if !root.join(GEMEENTE_FILE).is_file() {
            return Err(Diagnostic::new(root.display().to_string(), format!("geen `{GEMEENTE_FILE}` gevonden"))
                .with_hint(
                    "start raadsstuk in de projectmap (waar `data/gemeente.yaml` staat), of een map daaronder",
                ));
        }
        Ok(Project { root })
    }

    /// Finds the project that `start` lies in, looking upward for `data/gemeente.yaml`.
    pub fn discover(start: &Path) -> Result<Self, Diagnostic> {
        let start = start.canonicalize().map_err(|e| {
            Diagnostic::new(
                start.display().to_string(),
                format!("map niet te openen: {}", crate::diagnostics::io_fout(&e)),
            )
        })?;
        let mut dir = Some(start.as_path());
        while let Some(d) = dir {
            if d.join(GEMEENTE_FILE).is_file() {
                return Project::open(d);
            }
            dir = d.parent();
        }
        Project::open(&start)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resolves a path given by the user (relative to the project root, `/` separated) to a real
    /// file inside the project. Refuses absolute paths, `..`, and anything whose real location
    /// (after following symlinks) is outside the root.
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, String> {
        let path = Path::new(relative);
        if relative.is_empty() {
            return Err("een leeg pad".into());
        }
        if path.is_absolute()
            || relative.starts_with('/')
            || relative.starts_with('\\')
            || relative.contains(':') && cfg!(windows)
        {
            return Err(format!(
                "`{relative}` is een absoluut pad; geef een pad vanaf de projectmap, zoals `data/2018/bijlage.pdf`"
            ));
        }
        for component in path.components() {
            match component {
                Component::Normal(_) | Component::CurDir => {}
                _ => {
                    return Err(format!("`{relative}` verwijst buiten de projectmap (`..` is niet toegestaan)"));
                }
            }
        }
        let joined = self.root.join(path);
        let real = joined.canonicalize().map_err(|_| format!("`{relative}` bestaat niet"))?;
        if !real.starts_with(&self.root) {
            return Err(format!("`{relative}` verwijst (via een snelkoppeling) naar een plek buiten de projectmap"));
        }
        Ok(real)
    }

    /// Where a project path really leads (after links), relative to the root, `/`-separated.
    pub fn real_relative(&self, relative: &str) -> Result<String, String> {
        let real = self.resolve(relative)?;
        let inside = real.strip_prefix(&self.root).map_err(|_| format!("`{relative}` ligt buiten de projectmap"))?;
        Ok(inside.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    /// Reads a file inside the project (see [`Project::resolve`]).
    pub fn read(&self, relative: &str) -> Result<Vec<u8>, String> {
        let path = self.resolve(relative)?;
        // Only regular files: reading a FIFO or a device would wait forever, or never end.
        if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            return Err(format!("`{relative}` is geen gewoon bestand (een map, een pipe of een apparaat)"));
        }
        std::fs::read(&path).map_err(|e| format!("`{relative}` is niet te lezen: {}", crate::diagnostics::io_fout(&e)))
    }

    /// The path of `abs` relative to the root, with `/` separators, for messages and manifests.
    pub fn relative(&self, abs: &Path) -> String {
        let abs = abs.canonicalize().unwrap_or_else(|_| abs.to_path_buf());
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    /// Every document file: `data/<jaar>/*.yaml`, sorted by year and name.
    pub fn documents(&self) -> Result<Vec<DocumentFile>, Diagnostic> {
        let data = self.root.join("data");
        let mut found = Vec::new();
        let years = std::fs::read_dir(&data).map_err(|e| {
            Diagnostic::new("data", format!("map `data` niet te lezen: {}", crate::diagnostics::io_fout(&e)))
        })?;
        for entry in years.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(jaar) = year_folder(&name) else {
                continue;
            };
            if !entry.path().is_dir() {
                continue;
            }
            let files = std::fs::read_dir(entry.path()).map_err(|e| {
                Diagnostic::new(
                    format!("data/{name}"),
                    format!("map niet te lezen: {}", crate::diagnostics::io_fout(&e)),
                )
            })?;
            for file in files.flatten() {
                let file_name = file.file_name().to_string_lossy().to_string();
                if is_yaml(&file_name) && file.path().is_file() {
                    found.push(DocumentFile { relative: format!("data/{name}/{file_name}"), jaar });
                }
            }
        }
        found.sort_by(|a, b| (a.jaar, &a.relative).cmp(&(b.jaar, &b.relative)));
        Ok(found)
    }

    /// The document files named by the user: files, or folders to search. Empty: all of them.
    pub fn select(&self, paths: &[PathBuf]) -> Result<Vec<DocumentFile>, Diagnostic> {
        let all = self.documents()?;
        if paths.is_empty() {
            return Ok(all);
        }
        let mut chosen = Vec::new();
        for p in paths {
            let abs = p
                .canonicalize()
                .map_err(|_| Diagnostic::new(p.display().to_string(), "bestand of map bestaat niet"))?;
            if !abs.starts_with(&self.root) {
                return Err(Diagnostic::new(p.display().to_string(), "ligt buiten de projectmap"));
            }
            let rel = self.relative(&abs);
            let matches: Vec<_> = all
                .iter()
                .filter(|d| d.relative == rel || d.relative.starts_with(&format!("{rel}/")) || rel.is_empty())
                .cloned()
                .collect();
            if matches.is_empty() {
                return Err(Diagnostic::new(
                    rel,
                    "geen document: documenten staan in `data/<jaar>/` en eindigen op .yaml",
                ));
            }
            chosen.extend(matches);
        }
        chosen.sort();
        chosen.dedup();
        chosen.sort_by(|a, b| (a.jaar, &a.relative).cmp(&(b.jaar, &b.relative)));
        Ok(chosen)
    }
}

fn year_folder(name: &str) -> Option<i32> {
    (name.len() == 4 && name.chars().all(|c| c.is_ascii_digit())).then(|| name.parse().ok()).flatten()
}

fn is_yaml(name: &str) -> bool {
    !name.starts_with('.') && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

/// The document file a path names, if it is one: `data/<jaar>/<naam>.yaml`.
pub fn document_file(path: &str) -> Option<DocumentFile> {
    let mut parts = path.split('/');
    let (data, jaar, name) = (parts.next()?, parts.next()?, parts.next()?);
    if data != "data" || parts.next().is_some() || !(name.ends_with(".yaml") || name.ends_with(".yml")) {
        return None;
    }
    let jaar = (jaar.len() == 4).then(|| jaar.parse().ok()).flatten()?;
    Some(DocumentFile { relative: path.to_string(), jaar })
}

/// What one document read while it was built, as it read it (typst-cli's World records the
/// files a compile read the same way): project files by path, and the lists of documents of
/// some kinds it looked through (see `session::documenten_key`). Incremental builds and `watch` use
/// this record; nothing predicts it.
#[derive(Debug, Default)]
pub struct Reads(Mutex<BTreeSet<String>>);

impl Reads {
    /// Records that a project file, or a list of documents, was read.
    pub fn read(&self, key: impl Into<String>) {
        self.0.lock().expect("not poisoned").insert(key.into());
    }

    pub fn extend(&self, keys: impl IntoIterator<Item = String>) {
        self.0.lock().expect("not poisoned").extend(keys);
    }

    pub fn into_set(self) -> BTreeSet<String> {
        self.0.into_inner().expect("not poisoned")
    }

    pub fn snapshot(&self) -> BTreeSet<String> {
        self.0.lock().expect("not poisoned").clone()
    }
}

/// The key under which a document records that it looked through the documents of `soorten`
/// up to `tot_jaar` (a jaarverslag, for the Kadernota in force, its trends and its own
/// programme's begroting): when such a document is added, removed, changes its soort or moves
/// to another programme, the reader is built again.
pub fn documenten_key(soorten: &[&str], tot_jaar: i32) -> String {
    format!("{DOCUMENTEN_PREFIX}{}) t/m {tot_jaar}", soorten.join(", "))
}

/// The same for the documents of `soorten` of one year, with each one's `nummer` too (a book's
/// chapters, in their order).
pub fn documenten_met_nummer_key(soorten: &[&str], jaar: i32) -> String {
    format!("{DOCUMENTEN_PREFIX}{}){MET_NUMMER_IN}{jaar}", soorten.join(", "))
}

const DOCUMENTEN_PREFIX: &str = "documenten (";
const MET_NUMMER_IN: &str = " met nummer in ";

/// Whether a recorded read is a list of documents (see [`documenten_key`]).
pub fn is_documenten_key(key: &str) -> bool {
    key.starts_with(DOCUMENTEN_PREFIX)
}

/// What a list of documents knows of one document file: its top-level `soort:` and
/// `programma:` lines, read without parsing (this is checked in a no-op build).
#[derive(Debug, Clone)]
pub struct Sniffed {
    pub file: DocumentFile,
    pub soort: Option<String>,
    pub programma: Option<String>,
    /// Its place in a book.
    pub nummer: Option<String>,
    /// Which book's chapter it is, for a kind whose documents may be either's (a paragraaf).
    pub stuk: Option<String>,
}

impl Sniffed {
    pub fn read(file: DocumentFile, bytes: &[u8]) -> Self {
        Sniffed {
            soort: sniff(bytes, "soort"),
            programma: sniff(bytes, "programma"),
            nummer: sniff(bytes, "nummer"),
            stuk: sniff(bytes, "stuk"),
            file,
        }
    }
}

impl Project {
    /// Every document file with its `soort:`, `programma:` and `nummer:` lines, for the lists
    /// of documents.
    pub fn sniff_all(&self) -> Vec<Sniffed> {
        let docs = self.documents().unwrap_or_default();
        docs.into_iter().map(|d| Sniffed::read(d.clone(), &self.read(&d.relative).unwrap_or_default())).collect()
    }
}

/// The content of a [`documenten_key`]: each matching document's path, soort and programme,
/// from a table of every document file (read once per run).
pub fn documenten_list(key: &str, soorten_van: &[Sniffed]) -> Option<String> {
    let rest = key.strip_prefix(DOCUMENTEN_PREFIX)?;
    let (soorten, jaar, met_nummer) = match rest.split_once(&format!("){MET_NUMMER_IN}")) {
        Some((soorten, jaar)) => (soorten, jaar, true),
        None => rest.split_once(") t/m ").map(|(s, j)| (s, j, false))?,
    };
    let jaar: i32 = jaar.parse().ok()?;
    let soorten: Vec<&str> = soorten.split(", ").collect();
    let mut list = String::new();
    for Sniffed { file, soort, programma, nummer, stuk } in soorten_van {
        let in_jaren = if met_nummer { file.jaar == jaar } else { file.jaar <= jaar };
        if in_jaren && let Some(soort) = soort.as_deref().filter(|s| soorten.contains(s)) {
            let programma = programma.as_deref().unwrap_or("");
            let nummer = if met_nummer { nummer.as_deref().unwrap_or("") } else { "" };
            let stuk = if met_nummer { stuk.as_deref().unwrap_or("") } else { "" };
            list += &format!("{}\t{soort}\t{programma}\t{nummer}\t{stuk}\n", file.relative);
        }
    }
    Some(list)
}

/// The value of the top-level `soort:` line, as written.
pub fn sniff_soort(bytes: &[u8]) -> Option<String> {
    sniff(bytes, "soort")
}

/// The value of the top-level `stuk:` line, as written: which book a paragraaf belongs in, read
/// also from a file that has errors.
pub fn sniff_stuk(bytes: &[u8]) -> Option<String> {
    sniff(bytes, "stuk")
}

/// The value of the top-level line `key:`, as written; for a value that line does not hold
/// (a folded or literal block, an anchor or alias, a flow collection) the whole file's hash,
/// so that any change to the file counts.
fn sniff(bytes: &[u8], key: &str) -> Option<String> {
    use sha2::Digest as _;
    let text = String::from_utf8_lossy(bytes);
    // As the YAML parser reads it: after a byte-order mark, the key bare or quoted, spaces
    // before the colon.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let quoted = [format!("\"{key}\""), format!("'{key}'")];
    let value = text
        .lines()
        .find_map(|l| {
            let rest = l.strip_prefix(key).or_else(|| quoted.iter().find_map(|q| l.strip_prefix(q.as_str())))?;
            rest.trim_start_matches([' ', '\t']).strip_prefix(':')
        })
        .map(|s| s.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']).to_string())?;
    if value.is_empty() || value.starts_with(['>', '|', '&', '*', '!', '[', '{']) {
        let hash = sha2::Sha256::digest(bytes);
        return Some(format!("#{}", hash.iter().map(|b| format!("{b:02x}")).collect::<String>()));
    }
    Some(value)
}

/// The bytes of the file at `path` when it is a regular file (never a pipe or a device, which
/// could be waited for forever); `None` otherwise or when it cannot be read.
pub fn read_regular(path: &Path) -> Option<Vec<u8>> {
    std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    std::fs::read(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_read_as_the_yaml_parser_reads_it() {
        for text in [
            "soort: programmabegroting\n",
            "\u{feff}soort: programmabegroting\n",
            "\"soort\": programmabegroting\n",
            "'soort' : programmabegroting # een hoofdstuk\n",
            "# kop\nsoort:   \"programmabegroting\"\n",
        ] {
            assert_eq!(sniff_soort(text.as_bytes()).as_deref(), Some("programmabegroting"), "{text:?}");
        }
        assert_eq!(sniff_soort(b"soorten: x\n"), None);
        assert_eq!(sniff_soort(b"  soort: genest\n"), None);
        // A value the line does not hold: the whole file counts.
        assert!(sniff_soort(b"soort: >\n  x\n").is_some_and(|v| v.starts_with('#')));
    }
}
