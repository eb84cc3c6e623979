//! `raadsstuk new`: a new document file to fill in, made by its kind (see `Kind::scaffold`),
//! with every field present and Dutch guidance comments. It validates as it is and builds into
//! a readable draft; it never overwrites a file.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Problems};
use crate::kinds::New;
use crate::session::Session;

/// Writes a new document of `soort` for `jaar`; returns its path (relative to the project root).
pub fn new_document(
    session: &Session,
    soort: &str,
    jaar: i32,
    onderwerp: Option<&str>,
    today: NaiveDate,
) -> Result<String, Problems> {
    if !(1800..=2200).contains(&jaar) {
        return Err(Diagnostic::new("--jaar", format!("jaar {jaar} ligt buiten 1800-2200")).into());
    }
    let Some(kind) = session.kind(soort) else {
        return Err(Diagnostic::new("soort", format!("onbekende soort document `{soort}`"))
            .with_hint(format!("mogelijk zijn: {}", session.soorten().join(", ")))
            .into());
    };
    let new = New { jaar, onderwerp, today, sources: session.kind_sources(), library: session };
    let (name, text) = kind.scaffold(&new)?;
    let relative = format!("data/{jaar}/{name}");
    let path: PathBuf = session.project.root().join(&relative);
    if path.exists() {
        return Err(Diagnostic::new(&relative, "bestaat al: raadsstuk new overschrijft nooit een bestand")
            .with_hint("kies een ander --onderwerp, of verplaats het bestaande bestand")
            .into());
    }
    std::fs::create_dir_all(path.parent().expect("has a folder"))
        .map_err(|e| Diagnostic::new(&relative, format!("map niet te maken: {}", crate::diagnostics::io_fout(&e))))?;
    // create_new: even a file that appeared a moment ago is never overwritten.
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
            Diagnostic::new(&relative, format!("niet te schrijven: {}", crate::diagnostics::io_fout(&e)))
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| Diagnostic::new(&relative, format!("niet te schrijven: {}", crate::diagnostics::io_fout(&e))))?;
    Ok(relative)
}

/// Today's date from the system clock: `new` is the one place where the clock may decide a value.
pub fn today() -> NaiveDate {
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid") + chrono::Days::new(days)
}
