//! The distribution set's manifest: every PDF with the metadata an RIS upload or Open
//! Raadsinformatie wants, and its sha256 as proof of what was built.

use std::path::Path;

use crate::incremental::{OutputRecord, write_if_changed};

pub const JSON_FILE: &str = "manifest.json";
pub const CSV_FILE: &str = "manifest.csv";

const COLUMNS: [&str; 11] =
    ["pad", "soort", "jaar", "nummer", "onderwerp", "status", "datum", "paginas", "bytes", "sha256", "standaard"];

/// Writes `manifest.json` and `manifest.csv` in the output folder (sorted by path; unchanged files
/// are not rewritten).
pub fn write(out_dir: &Path, records: &[OutputRecord]) -> std::io::Result<()> {
    let mut records = records.to_vec();
    records.sort_by(|a, b| a.pad.cmp(&b.pad));
    let json = serde_json::to_vec_pretty(&serde_json::json!({ "bestanden": records })).expect("serializes");
    write_if_changed(&out_dir.join(JSON_FILE), &json)?;
    write_if_changed(&out_dir.join(CSV_FILE), csv(&records).as_bytes())
}

/// RFC 4180 CSV with a header row.
pub fn csv(records: &[OutputRecord]) -> String {
    let mut out = COLUMNS.join(",") + "\r\n";
    for r in records {
        let row = [
            r.pad.clone(),
            r.soort.clone(),
            r.jaar.to_string(),
            r.nummer.clone(),
            r.onderwerp.clone(),
            r.status.clone(),
            r.datum.clone(),
            r.paginas.to_string(),
            r.bytes.to_string(),
            r.sha256.clone(),
            r.standaard.clone(),
        ];
        out += &row.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("zeg \"ja\""), "\"zeg \"\"ja\"\"\"");
        assert_eq!(field("gewoon"), "gewoon");
    }
}
