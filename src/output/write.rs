//! Writing results: predictable names, atomic replacement.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target. A failed build never leaves a partial file, and the previous
/// good file stays until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    staged(path, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a set of files that belong together (a document's PDFs and copies): every file is
/// written in full to a temporary file first, and only when all are on disk are they renamed
/// over their targets. A failure while writing (a full disk) leaves the whole previous set;
/// only a failing rename, after everything was written, can leave part of the set new.
/// Returns the path of a file that failed, with why.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<(), (std::path::PathBuf, std::io::Error)> {
    let mut ready = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        // Dropped on failure: tempfile removes the files staged so far.
        ready.push((path, staged(path, bytes).map_err(|e| (path.to_path_buf(), e))?));
    }
    for (path, tmp) in ready {
        tmp.persist(path).map_err(|e| (path.to_path_buf(), e.error))?;
    }
    Ok(())
}

/// `bytes` in a temporary file beside `path`, flushed to disk.
fn staged(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".raadsstuk-").suffix(".tmp");
    // Published files are readable by others, like any file the user saves (tempfile's own
    // default is owner-only).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// A file-name-safe form of a registratienummer or name: letters, digits, `.`, `_` and `-` stay,
/// anything else becomes `-` ("HenS 18/014" → "HenS-18-014").
/// CSV as Dutch Excel opens it by double-click: UTF-8 with a byte order mark, fields separated
/// by semicolons (the comma is the Dutch decimal sign), CRLF line ends, quoted where a field
/// holds a semicolon, a quote or a line break. Standard CSV readers parse it with `;` as
/// delimiter. Used for the manifest and for the web edition's tables.
pub fn excel_csv<R: AsRef<str>>(rows: impl IntoIterator<Item = impl IntoIterator<Item = R>>) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let fields: Vec<String> = row.into_iter().map(|f| csv_field(f.as_ref())).collect();
        out += &fields.join(";");
        out += "\r\n";
    }
    out
}

fn csv_field(s: &str) -> String {
    let s = formula_safe(s);
    if s.contains([';', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.into_owned() }
}

/// A cell a spreadsheet would run as a formula (one that begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets an apostrophe in front, so Excel shows it as text; a number
/// (`-15`, `+3`, `-1.234,5`) stays a number.
pub fn formula_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let digits = s.trim_start_matches(['-', '+']);
    let number = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && digits.starts_with(|c: char| c.is_ascii_digit());
    if risky && !number { std::borrow::Cow::Owned(format!("'{s}")) } else { std::borrow::Cow::Borrowed(s) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_text_and_numbers_stay_numbers() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "-", "=1"] {
            assert_eq!(formula_safe(formula), format!("'{formula}"), "{formula}");
        }
        for number in ["-15", "+3", "-1.234,5", "15899", "−15.899", "gewoon", ""] {
            assert_eq!(formula_safe(number), number);
        }
        let csv = excel_csv([["=1+1", "-15"]]);
        assert_eq!(csv, "\u{feff}'=1+1;-15\r\n");
    }

    #[test]
    fn a_set_that_cannot_be_written_whole_leaves_the_old_set() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        let b = dir.path().join("b.pdf");
        write_set(&[(&a, b"oud a"), (&b, b"oud b")]).unwrap();
        // The second file's folder cannot be made (a file is in the way): nothing changes.
        std::fs::write(dir.path().join("blok"), b"").unwrap();
        let c = dir.path().join("blok/c.pdf");
        let (failed, _) = write_set(&[(&a, b"nieuw a"), (&c, b"nieuw c")]).unwrap_err();
        assert_eq!(failed, c);
        assert_eq!(std::fs::read(&a).unwrap(), b"oud a");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 3, "no temporary files remain: {names:?}");
        write_set(&[(&a, b"nieuw a"), (&b, b"nieuw b")]).unwrap();
        assert_eq!(std::fs::read(&b).unwrap(), b"nieuw b");
    }

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.pdf");
        write_atomic(&p, b"een").unwrap();
        write_atomic(&p, b"twee").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"twee");
        let left: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary files remain");
    }
}
