//! The distribution set's manifest: every PDF with the metadata an RIS upload or Open
//! Raadsinformatie wants, and its sha256 as proof of what was built.

use std::path::Path;

use crate::batch::state::{Ingetrokken, OutputRecord, WebRecord, write_if_changed};
use crate::output::write::excel_csv;

pub use crate::batch::state::{CSV_FILE, JSON_FILE};

/// The columns, in order: the same names as the JSON fields.
pub const COLUMNS: [&str; 22] = [
    "pad",
    "soort",
    "rol",
    "voorstel",
    "volgorde",
    "onderwerp",
    "documentsoort",
    "jaar",
    "nummer",
    "status",
    "datum",
    "paginas",
    "bytes",
    "sha256",
    "vorige_sha256",
    "standaard",
    "bron",
    "raadsvergadering",
    "commissie",
    "agendapunt",
    "vastgesteld",
    "vastgesteld_door",
];

/// Writes `manifest.json` and `manifest.csv` in the output folder (sorted by path; unchanged files
/// are not rewritten). The JSON lists the web edition's files too (`web`) and the sent files
/// that were withdrawn (`ingetrokken`); the CSV is the distribution set of PDFs.
pub fn write(
    out_dir: &Path,
    records: &[OutputRecord],
    web: &[WebRecord],
    ingetrokken: &[Ingetrokken],
) -> std::io::Result<()> {
    let mut records = records.to_vec();
    records.sort_by(|a, b| a.pad.cmp(&b.pad));
    let mut json = serde_json::json!({ "bestanden": records });
    if !web.is_empty() {
        json["web"] = serde_json::json!(web);
    }
    if !ingetrokken.is_empty() {
        json["ingetrokken"] = serde_json::json!(ingetrokken);
    }
    let json = serde_json::to_vec_pretty(&json).expect("serializes");
    write_if_changed(&out_dir.join(JSON_FILE), &json)?;
    write_if_changed(&out_dir.join(CSV_FILE), csv(&records).as_bytes())
}

/// The manifest as CSV for Dutch Excel (see [`excel_csv`]).
pub fn csv(records: &[OutputRecord]) -> String {
    let rows = records.iter().map(|r| {
        vec![
            r.pad.clone(),
            r.soort.clone(),
            r.rol.clone(),
            r.voorstel.clone(),
            r.volgorde.to_string(),
            r.onderwerp.clone(),
            r.documentsoort.clone(),
            r.jaar.to_string(),
            r.nummer.clone(),
            r.status.clone(),
            r.datum.clone(),
            r.paginas.to_string(),
            r.bytes.to_string(),
            r.sha256.clone(),
            r.vorige_sha256.clone(),
            r.standaard.clone(),
            r.bron.clone(),
            r.raadsvergadering.clone(),
            r.commissie.clone(),
            r.agendapunt.clone(),
            r.vastgesteld.clone(),
            r.vastgesteld_door.clone(),
        ]
    });
    excel_csv(std::iter::once(COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()).chain(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let field = |s: &str| excel_csv([[s]]).trim_start_matches('\u{feff}').trim_end_matches("\r\n").to_string();
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("a,b"), "a,b");
        assert_eq!(field("zeg \"ja\""), "\"zeg \"\"ja\"\"\"");
        assert_eq!(field("gewoon"), "gewoon");
    }
}
