//! `raadsstuk new kadernota`: a Kadernota to fill in, for the four years from `--jaar`.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::diagnostics::Problems;
use crate::kinds::{IN_TE_VULLEN, New, slug, yaml_string};

/// The file name and text of a new Kadernota.
pub fn scaffold(new: &New) -> Result<(String, String), Problems> {
    let jaar = new.jaar;
    let stem = new.onderwerp.map(slug).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("{}-{}", jaar, jaar + 3));
    Ok((format!("kadernota-{stem}.yaml"), text(jaar, new.onderwerp, new.today)))
}

fn text(jaar: i32, onderwerp: Option<&str>, today: NaiveDate) -> String {
    let titel = onderwerp.map(str::to_string).unwrap_or_else(|| format!("Kadernota {}-{}", jaar, jaar + 3));
    let mut t = String::new();
    let _ = writeln!(t, "# Kadernota, gemaakt met `raadsstuk new` op {today}. Tekstvelden zijn Markdown.");
    t += "soort: kadernota\nstatus: concept\n";
    let _ = writeln!(t, "titel: {}", yaml_string(&titel));
    t += "ondertitel:\n";
    t += "# De versiedatum staat op de voorkant en is de datum van de PDF.\n";
    let _ = writeln!(t, "datum: {today}");
    let _ = writeln!(t, "periode:\n  van: {jaar}\n  tot: {}\n", jaar + 3);
    let _ = writeln!(t, "voorwoord:\n  tekst: |\n    {IN_TE_VULLEN}\n  ondertekening: []\n");
    t += "# Hoofdstukken worden automatisch genummerd; `paragrafen:` zijn subsecties.\n";
    t += "hoofdstukken:\n";
    let _ = writeln!(t, "  - titel: \"Inleiding\"\n    tekst: |\n      {IN_TE_VULLEN}");
    let _ = writeln!(t, "  - titel: \"Prioriteiten\"\n    tekst: |\n      {IN_TE_VULLEN}");
    t += "    # Per prioriteit: inleiding, problematiek, focuspunten, uitgangspunten, doelstellingen,\n";
    t += "    # indicatoren (ids uit data/indicatoren.yaml), aanpak, samenwerking, financien.\n";
    t += "    prioriteiten:\n";
    let _ = writeln!(t, "      - titel: \"In te vullen prioriteit\"\n        inleiding: |\n          {IN_TE_VULLEN}");
    t += "        indicatoren: []\n";
    t += "\nbijlagen: []\n";
    t
}
