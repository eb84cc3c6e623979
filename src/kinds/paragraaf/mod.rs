//! A paragraaf of the begroting (BBV art. 9–16): one file per paragraaf per year, its own PDF
//! for review, and a chapter of the year's book after the programmes, in the BBV's order.
//! Markdown text; for the paragraaf weerstandsvermogen en risicobeheersing also its capacity
//! and its risks, with the benodigde capaciteit, the ratio and its class computed.

mod model;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::fmt::Write;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Status;
use crate::kinds::rules::check_date;
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, ViewModel, read_with};
use crate::source::yaml::YamlFile;

pub struct ParagraafKind;

pub static KIND: ParagraafKind = ParagraafKind;

const SOORT: &str = "paragraaf";

impl Kind for ParagraafKind {
    fn soort(&self) -> &'static str {
        SOORT
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("paragraaf", include_str!("../../../templates/paragraaf.typ.hbs")),
            ("paragraaf-inhoud", include_str!("../../../templates/paragraaf-inhoud.typ.hbs")),
        ]
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("web-paragraaf", include_str!("../../../templates/web/web-paragraaf.html.hbs"))]
    }

    fn woo_categorie(&self) -> crate::domain::model::WooCategorie {
        crate::domain::model::WooCategorie::JaarplannenEnJaarverslagen
    }

    fn hoofdstuk_van(&self) -> Option<&'static str> {
        Some("begrotingsboek")
    }

    fn may_be_bijlage(&self) -> bool {
        true
    }

    fn read(&self, file: &YamlFile, _sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Paragraaf>(file, |p| validate(p, file))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        scaffold(new)
    }

    /// Every paragraaf of BBV art. 9, in a begrotingsboek.
    fn vereist_in(&self, boek: &str) -> Vec<crate::kinds::Vereist> {
        if boek != "begrotingsboek" {
            return Vec::new();
        }
        Soort::ALLE
            .iter()
            .map(|s| crate::kinds::Vereist { sleutel: s.sleutel(), wat: s.wat(), artikel: s.artikel() })
            .collect()
    }
}

impl Document for Paragraaf {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        SOORT
    }

    fn status(&self) -> Status {
        self.status
    }

    fn hoofdstuk(&self) -> Option<crate::kinds::Hoofdstuk> {
        Some(crate::kinds::Hoofdstuk {
            boek: "begrotingsboek",
            nummer: None,
            programma: titel(self),
            voorbeeldgegevens: self.voorbeeldgegevens,
            financien: None,
            paragraaf: Some((self.paragraaf.volgorde(), self.paragraaf.sleutel())),
        })
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let view = paragraaf(self, context.sources.gemeente, context.file.jaar);
        Ok(vec![Rendering::document("paragraaf", ViewModel::new(view), context.file, self.datum)])
    }
}

/// The rules serde cannot express: the date, risks and capacity only in the paragraaf
/// weerstandsvermogen, a probability between 0 and 100 %.
fn validate(p: &Paragraaf, file: &YamlFile) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "datum", p.datum, &mut problems);
    if p.paragraaf != Soort::Weerstandsvermogen {
        for (key, given) in
            [("weerstandscapaciteit", !p.weerstandscapaciteit.is_empty()), ("risicos", !p.risicos.is_empty())]
        {
            if given {
                problems.push(
                    file.diagnostic(
                        file.top_level_position(key),
                        format!("`{key}` hoort bij de paragraaf weerstandsvermogen"),
                    )
                    .with_hint(format!("deze paragraaf is `{}`", p.paragraaf.sleutel())),
                );
            }
        }
    }
    for (i, r) in p.risicos.iter().enumerate() {
        if !(0.0..=100.0).contains(&r.kans) || !r.kans.is_finite() {
            let i = i.to_string();
            problems.push(
                file.diagnostic(
                    file.locate(&["risicos", &i, "kans"]),
                    format!("de kans van een risico is {}: geen percentage", r.kans),
                )
                .with_hint("de kans in procenten, van 0 tot en met 100: `kans: 50` is één op twee"),
            );
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// `raadsstuk new paragraaf --jaar 2025 --onderwerp weerstandsvermogen`: a paragraaf to fill in.
fn scaffold(new: &New) -> Result<(String, String), Problems> {
    let sleutels: Vec<&str> = Soort::ALLE.iter().map(|s| s.sleutel()).collect();
    // As `paragraaf:` writes it; "Lokale heffingen" and "lokale-heffingen" mean the same.
    let gegeven = new.onderwerp.map(|o| o.trim().to_lowercase().replace([' ', '-'], "_"));
    let Some(soort) = gegeven.as_deref().and_then(|o| Soort::ALLE.into_iter().find(|s| s.sleutel() == o)) else {
        let wat = match new.onderwerp {
            Some(o) => format!("`{o}` is geen paragraaf van het BBV"),
            None => "welke paragraaf?".to_string(),
        };
        return Err(Diagnostic::new("raadsstuk new", wat)
            .with_hint(format!("geef hem met --onderwerp, een van: {}", sleutels.join(", ")))
            .into());
    };
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Paragraaf {} van de begroting {} ({}), gemaakt met `raadsstuk new` op {}.",
        soort.titel(),
        new.jaar,
        soort.artikel(),
        new.today
    );
    t += "# In het begrotingsboek komt hij na de programma's, in de volgorde van het BBV.\n";
    let _ = writeln!(
        t,
        "soort: paragraaf\nstatus: concept\nparagraaf: {}\ndatum: {}\nvoorbeeldgegevens: false\n",
        soort.sleutel(),
        new.today
    );
    t += "# De tekst, met `#` en `##` voor eigen tussenkoppen.\n";
    let _ = writeln!(t, "tekst: |\n  {}", crate::kinds::IN_TE_VULLEN);
    if soort == Soort::Weerstandsvermogen {
        t += "\n# Wat beschikbaar is om risico's op te vangen, in hele euro's.\nweerstandscapaciteit:\n  - { naam: Algemene reserve, bedrag: 0 }\n";
        t += "# De risico's: kans in procenten, effect in hele euro's; benodigd = kans × effect.\nrisicos:\n  - { naam: In te vullen risico, kans: 0, effect: 0 }\n";
    }
    Ok((format!("paragraaf-{}.yaml", soort.sleutel().replace('_', "-")), t))
}
