//! Problems found in the user's input, located in a file, and how they are shown.
//!
//! Every stage reports problems as [`Diagnostic`]s; the binary prints them all at the end of a
//! run, in the style of rustc and typst-cli: file:line:column, the offending line with a marker,
//! and a hint.

use std::fmt;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

/// A place in a file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The file as the user knows it, relative to the project root (`data/2018/x.yaml`).
    pub file: String,
    /// The file's text, to show the offending line; `None` for files that are not text.
    pub source: Option<Arc<str>>,
    pub position: Option<Position>,
    pub message: String,
    pub hint: Option<String>,
    /// Something to look at that does not stop the build (the chain of plan and account).
    pub waarschuwing: bool,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            source: None,
            position: None,
            message: message.into(),
            hint: None,
            waarschuwing: false,
        }
    }

    /// This diagnostic as a warning.
    pub fn waarschuwing(mut self) -> Self {
        self.waarschuwing = true;
        self
    }

    pub fn at(mut self, source: Arc<str>, position: Option<Position>) -> Self {
        self.source = Some(source);
        self.position = position;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `data/2018/x.yaml:12:5`, or just the file when the place is unknown.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }

    /// The full report: header, location, source line with a marker, hint. Control characters
    /// (a terminal escape in a key, say) are shown as symbols, never sent to the terminal.
    pub fn render(&self) -> String {
        let shown = Diagnostic {
            file: visible_name(&self.file),
            source: self.source.as_ref().map(|s| Arc::from(visible(&shortened(s, self.position)).as_str())),
            position: self.position,
            message: visible(&self.message),
            hint: self.hint.as_deref().map(visible),
            waarschuwing: self.waarschuwing,
        };
        shown.render_visible()
    }

    fn render_visible(&self) -> String {
        let mut diagnostic =
            if self.waarschuwing { CsDiagnostic::warning() } else { CsDiagnostic::error() }.with_message(&self.message);
        if let Some(hint) = &self.hint {
            diagnostic = diagnostic.with_notes(vec![format!("hint: {hint}")]);
        }
        match (&self.source, self.position) {
            (Some(source), Some(pos)) => {
                let file = SimpleFile::new(self.file.as_str(), source.as_ref());
                let start = byte_offset(source, pos);
                let end = marker_end(source, start);
                diagnostic = diagnostic.with_labels(vec![Label::primary((), start..end)]);
                let config = Config::default();
                // codespan writes its severity in English; the user reads Dutch.
                term::emit_into_string(&config, &file, &diagnostic)
                    .map(|out| match (out.strip_prefix("error"), out.strip_prefix("warning")) {
                        (Some(rest), _) => format!("fout{rest}"),
                        (_, Some(rest)) => format!("waarschuwing{rest}"),
                        _ => out,
                    })
                    .unwrap_or_else(|_| self.plain())
            }
            _ => self.plain(),
        }
    }

    fn plain(&self) -> String {
        let soort = if self.waarschuwing { "waarschuwing" } else { "fout" };
        let mut out = format!("{soort}: {}\n  --> {}\n", self.message, self.location());
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = hint: {hint}\n"));
        }
        out
    }
}

/// The source as the report needs it: only the line at `position` (the others left empty, so
/// lines keep their numbers), cut off a little after the marker when it is long (a paragraph of
/// thousands of characters on one line): the terminal shows where, not all. Keeps a report of
/// a file of megabytes quick.
fn shortened(source: &str, position: Option<Position>) -> String {
    const AFTER: usize = 100;
    let Some(pos) = position else { return String::new() };
    let mut out = String::new();
    for (i, line) in source.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line {
            let keep = pos.column.saturating_sub(1) + AFTER;
            if line.chars().count() > keep + 20 {
                out.extend(line.chars().take(keep));
                out.push_str(" …\n");
            } else {
                out.push_str(line);
            }
        } else if i + 1 > pos.line {
            break;
        } else {
            out.push('\n');
        }
    }
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// Text with its control characters (but line breaks and tabs) replaced by their visible
/// symbols, one for one, so columns stay where they were: ESC becomes ␛.
pub fn visible_name(text: &str) -> String {
    // A name is one line: a line break or tab in a file name is shown as its symbol too, so
    // no name can start a line of its own (a fake `fout:`).
    text.chars()
        .map(|c| match c {
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Text as it may be shown on a terminal: control characters as their visible symbols.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Byte offset of a 1-based line and column (columns counted in characters).
fn byte_offset(source: &str, pos: Position) -> usize {
    let mut offset = 0;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        if i + 1 == pos.line {
            let col = line
                .char_indices()
                .nth(pos.column.saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(line.trim_end_matches(['\n', '\r']).len());
            return offset + col;
        }
        offset += line.len();
    }
    source.len()
}

/// Marks the word at `start` (at least one character, never past the line's end).
fn marker_end(source: &str, start: usize) -> usize {
    let rest = &source[start..];
    let word = rest.char_indices().find(|(_, c)| c.is_whitespace() || *c == ':').map(|(i, _)| i).unwrap_or(rest.len());
    let first = rest.chars().next().map(char::len_utf8).unwrap_or(0);
    start + word.max(first)
}

/// All problems of one document. A document either builds or has at least one of these.
#[derive(Debug, Clone)]
pub struct Problems(pub Vec<Diagnostic>);

impl Problems {
    pub fn one(d: Diagnostic) -> Self {
        Problems(vec![d])
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// An error of the file system, in Dutch: what happened, not the operating system's English.
/// The code of an error we do not name stays, so it can be looked up.
pub fn io_fout(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "bestaat niet",
        PermissionDenied => "geen toestemming",
        AlreadyExists => "er staat al iets met die naam in de weg",
        NotADirectory => "een deel van het pad is een bestand, geen map",
        IsADirectory => "dat is een map, geen bestand",
        DirectoryNotEmpty => "de map is niet leeg",
        ReadOnlyFilesystem => "de schijf is alleen te lezen",
        StorageFull => "de schijf is vol",
        QuotaExceeded => "de schijfruimte van deze gebruiker is op",
        FileTooLarge => "het bestand is te groot voor de schijf of de ingestelde limiet",
        InvalidFilename => "ongeldige bestandsnaam",
        TooManyLinks => "te veel verwijzingen",
        CrossesDevices => "de map ligt op een andere schijf",
        ResourceBusy => "het bestand is in gebruik",
        Interrupted => "onderbroken",
        UnexpectedEof => "het bestand houdt te vroeg op",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("fout van het besturingssysteem (code {code})"),
                None => "onbekende fout bij het lezen of schrijven".to_string(),
            };
        }
    };
    what.to_string()
}

impl From<Diagnostic> for Problems {
    fn from(d: Diagnostic) -> Self {
        Problems(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_and_marker() {
        let source: Arc<str> = Arc::from("soort: raadsvoorstel\nondewerp: x\n");
        let d = Diagnostic::new("data/2018/a.yaml", "onbekend veld `ondewerp`")
            .at(source, Some(Position { line: 2, column: 1 }))
            .with_hint("bedoelde u `onderwerp`?");
        let out = d.render();
        assert!(out.starts_with("fout: onbekend veld"), "{out}");
        assert!(out.contains("data/2018/a.yaml:2:1"), "{out}");
        assert!(out.contains("ondewerp: x"), "{out}");
        assert!(out.contains("^^^^^^^^"), "{out}");
        assert!(out.contains("bedoelde u `onderwerp`?"), "{out}");
    }
}
