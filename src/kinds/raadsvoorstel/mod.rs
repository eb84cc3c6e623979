//! The raadsvoorstel (council proposal): its model, its rules, its raadsbesluit and bundle.

mod model;
mod new;
mod outputs;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::sync::Arc;

use crate::domain::model::Status;
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, read_with};

/// The raadsvoorstel, with its raadsbesluit and bundle.
pub struct RaadsvoorstelKind;

pub static KIND: RaadsvoorstelKind = RaadsvoorstelKind;

impl Kind for RaadsvoorstelKind {
    fn soort(&self) -> &'static str {
        "raadsvoorstel"
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("web-raadsvoorstel", include_str!("../../../templates/web/web-raadsvoorstel.html.hbs")),
            ("web-raadsbesluit", include_str!("../../../templates/web/web-raadsbesluit.html.hbs")),
        ]
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("raadsvoorstel-inhoud", include_str!("../../../templates/raadsvoorstel-inhoud.typ.hbs")),
            ("raadsbesluit-inhoud", include_str!("../../../templates/raadsbesluit-inhoud.typ.hbs")),
            ("raadsvoorstel", include_str!("../../../templates/raadsvoorstel.typ.hbs")),
            ("raadsbesluit", include_str!("../../../templates/raadsbesluit.typ.hbs")),
            ("bundel", include_str!("../../../templates/bundel.typ.hbs")),
            ("bundel-geheel", include_str!("../../../templates/bundel-geheel.typ.hbs")),
        ]
        .into_iter()
        .chain(crate::kinds::wijziging::TEMPLATES)
        .collect()
    }

    fn publiceert(&self) -> Option<crate::kinds::feiten::Feit> {
        Some(crate::kinds::feiten::Feit::Wijziging)
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Raadsvoorstel>(file, |rv| validate(rv, file, sources))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        new::scaffold(new)
    }

    /// A besluitpunt that amends the begroting in words only: the begroting na wijziging never
    /// counts it.
    fn samenhang(&self, loaded: &crate::kinds::Loaded, library: &dyn crate::kinds::Library) -> Vec<Diagnostic> {
        let Some(rv) = loaded.document.as_any().downcast_ref::<Raadsvoorstel>() else { return Vec::new() };
        if rv.begrotingswijziging.is_some() {
            return Vec::new();
        }
        let Some(file) = library.yaml(&loaded.file.relative) else { return Vec::new() };
        rv.voorstel
            .besluitpunten
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                std::iter::once(&b.tekst)
                    .chain(&b.onderdelen)
                    .any(|t| crate::kinds::wijziging::wijzigt_begroting(t, None))
            })
            .map(|(i, _)| {
                file.diagnostic(
                    file.locate(&["voorstel", "besluitpunten", &i.to_string(), "tekst"]),
                    "dit besluitpunt wijzigt de begroting, maar het raadsvoorstel heeft geen `begrotingswijziging:`",
                )
                .waarschuwing()
                .with_hint("geef de wijziging als `begrotingswijziging:` met haar regels: dan telt zij mee in de begroting na wijziging, en maakt raadsstuk dit besluitpunt zelf")
            })
            .collect()
    }
}

impl Document for Raadsvoorstel {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        KIND.soort()
    }

    fn status(&self) -> Status {
        self.status
    }

    fn nummer(&self) -> Option<String> {
        Some(self.nummer.trim().to_string())
    }

    fn vastgesteld(&self) -> Option<crate::domain::model::Vaststelling> {
        self.vastgesteld.clone()
    }

    fn feiten(&self) -> crate::kinds::Feiten {
        crate::kinds::Feiten {
            wijziging: self.begrotingswijziging.as_ref().map(|w| crate::kinds::feiten::Wijziging {
                naam: format!("Raadsvoorstel {}", self.nummer.trim()),
                vastgesteld: self.vastgesteld.clone(),
                wijziging: w.clone(),
            }),
            ..Default::default()
        }
    }

    fn vergadering(&self) -> [String; 3] {
        [
            self.raadsvergadering.map(|d| d.to_string()).unwrap_or_default(),
            self.commissie.clone().unwrap_or_default(),
            self.agendapunt.clone().unwrap_or_default(),
        ]
    }

    fn outputs(&self, _file: &DocumentFile) -> Vec<String> {
        let stem = crate::domain::format::file_stem(&self.nummer);
        let mut outputs: Vec<String> =
            ["raadsvoorstel", "raadsbesluit", "bundel"].iter().map(|p| format!("{stem}-{p}.pdf")).collect();
        if self.begrotingswijziging.is_some() {
            outputs.push(format!("{stem}-begrotingswijziging.pdf"));
        }
        for (i, b) in self.bijlagen.iter().enumerate() {
            if let Some(bestand) = b.bestand.as_ref().filter(|b| b.to_ascii_lowercase().ends_with(".pdf")) {
                let name = format!(
                    "{stem}-bijlage-{}-{}",
                    i + 1,
                    crate::domain::format::file_stem(bestand.rsplit('/').next().unwrap_or(bestand))
                );
                outputs.push(format!("{}.pdf", name.trim_end_matches(".pdf")));
            }
        }
        outputs
    }

    fn bijlage_documents(&self) -> Vec<(String, usize)> {
        self.bijlagen
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                b.bestand
                    .as_ref()
                    .filter(|f| document_file(f).is_some())
                    .map(|f| (f.clone(), i + self.eerste_bijlage()))
            })
            .collect()
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        outputs::renderings(self, context)
    }
}

impl Raadsvoorstel {
    /// The place in the set of its first bijlage: after voorstel, besluit and the
    /// begrotingswijziging when it has one.
    pub(crate) fn eerste_bijlage(&self) -> usize {
        if self.begrotingswijziging.is_some() { 4 } else { 3 }
    }
}

use crate::diagnostics::{Diagnostic, Problems};
use crate::kinds::rules::check_date;
use crate::source::project::{DocumentFile, document_file};
use crate::source::yaml::YamlFile;

/// Rules that serde cannot express. All problems of the file are reported together.
pub fn validate(rv: &Raadsvoorstel, file: &YamlFile, sources: &Sources) -> Result<(), Problems> {
    let project = sources.project;
    let mut problems = Vec::new();
    if let Some(w) = &rv.begrotingswijziging {
        let definities = sources.iv3.definities(w.begroting);
        problems.extend(crate::kinds::wijziging::check(w, &["begrotingswijziging"], file, definities));
        problems.extend(crate::kinds::wijziging::check_vaststelling(w, rv.vastgesteld.as_ref(), file));
        // The besluitpunt that amends the begroting is made from the wijziging: typed as well,
        // the raad would decide it twice.
        for (i, b) in rv.voorstel.besluitpunten.iter().enumerate() {
            if crate::kinds::wijziging::wijzigt_begroting(&b.tekst, Some(w.begroting)) {
                problems.push(
                    file.diagnostic(
                        file.locate(&["voorstel", "besluitpunten", &i.to_string(), "tekst"]),
                        "dit besluitpunt wijzigt de begroting, en dat besluitpunt maakt raadsstuk al uit `begrotingswijziging:`",
                    )
                    .with_hint(format!("laat het weg: het besluit krijgt als laatste punt „{}”", crate::kinds::wijziging::besluitpunt(w))),
                );
            }
        }
    }
    check_date(file, "collegevergadering", rv.collegevergadering, &mut problems);
    if let Some(d) = rv.raadsvergadering {
        check_date(file, "raadsvergadering", d, &mut problems);
    }
    for (key, value, max) in
        [("onderwerp", &rv.onderwerp, 300), ("nummer", &rv.nummer, 50), ("steller", &rv.steller, 200)]
    {
        if value.chars().count() > max {
            problems.push(
                file.diagnostic(
                    file.find_key(key, None),
                    format!("`{key}` is te lang ({} tekens)", value.chars().count()),
                )
                .with_hint(format!("ten hoogste {max} tekens")),
            );
        }
    }
    let mut require = |key: &str, value: &str| {
        if value.trim().is_empty() {
            problems.push(
                file.diagnostic(file.find_key(key, None), format!("het veld `{key}` is leeg"))
                    .with_hint(format!("vul `{key}` in")),
            );
        }
    };
    require("nummer", &rv.nummer);
    require("onderwerp", &rv.onderwerp);
    require("steller", &rv.steller);
    for q in &rv.samenvatting {
        require("vraag", &q.vraag);
    }
    for s in &rv.uitwerking {
        require("titel", &s.titel);
    }
    for b in &rv.voorstel.besluitpunten {
        require("tekst", &b.tekst);
    }
    if rv.voorstel.besluitpunten.is_empty() {
        problems.push(
            file.diagnostic(file.find_key("besluitpunten", None), "het voorstel heeft geen besluitpunten")
                .with_hint("een raadsvoorstel stelt de raad ten minste één besluit voor"),
        );
    }
    if let Some(v) = &rv.vastgesteld {
        let at = file.find_key("vastgesteld", None);
        check_date(file, "vastgesteld", v.datum, &mut problems);
        if rv.status != crate::domain::model::Status::Definitief {
            problems.push(
                file.diagnostic(at, "een concept kan niet zijn vastgesteld").with_hint(
                    "de raad stelt vast wat is verstuurd: zet `status: definitief`, of haal `vastgesteld` weg",
                ),
            );
        }
        if v.door != crate::domain::model::Orgaan::Raad {
            problems.push(
                file.diagnostic(at, "het besluit van een raadsvoorstel stelt de raad vast")
                    .with_hint("schrijf `door: raad`"),
            );
        }
        if let Some(raad) = rv.raadsvergadering
            && v.datum < raad
        {
            problems.push(
                file.diagnostic(at, "de raad kan niet vaststellen vóór de raadsvergadering")
                    .with_hint(format!("de raadsvergadering is op {raad}")),
            );
        }
        if v.datum < rv.collegevergadering {
            problems.push(
                file.diagnostic(at, "de raad kan niet vaststellen vóór de collegevergadering")
                    .with_hint(format!("de collegevergadering was op {}", rv.collegevergadering)),
            );
        }
    }
    if let Some(raad) = rv.raadsvergadering
        && raad < rv.collegevergadering
    {
        problems.push(
            file.diagnostic(
                file.find_key("raadsvergadering", None),
                "de raadsvergadering ligt vóór de collegevergadering",
            )
            .with_hint("controleer beide datums"),
        );
    }
    for b in &rv.bijlagen {
        if let Some(bestand) = &b.bestand
            && !bestand.to_ascii_lowercase().ends_with(".pdf")
            && document_file(bestand).is_none()
        {
            problems.push(
                file.diagnostic(
                    file.find_key("bestand", Some(bestand)),
                    format!("bijlage `{bestand}` is geen PDF en geen document"),
                )
                .with_hint(
                    "een bijlage is een PDF-bestand, of een document van dit project: `data/<jaar>/<naam>.yaml`",
                ),
            );
            continue;
        }
        let Some(bestand) = &b.bestand else { continue };
        match project.read(bestand) {
            Err(why) => problems.push(
                file.diagnostic(file.find_key("bestand", Some(bestand)), format!("bijlage niet gevonden: {why}"))
                    .with_hint("geef het pad vanaf de projectmap, bijvoorbeeld `data/2018/bijlage.pdf`"),
            ),
            // Read here only for its `soort`: the bijlage's own errors are reported for that file.
            Ok(bytes)
                if document_file(bestand).is_some()
                    && YamlFile::decode(bestand, &bytes)
                        .ok()
                        .and_then(|f| f.top_level_str("soort").ok().flatten())
                        .as_deref()
                        == Some("raadsvoorstel") =>
            {
                problems.push(
                    file.diagnostic(
                        file.find_key("bestand", Some(bestand)),
                        format!("bijlage `{bestand}` is een raadsvoorstel"),
                    )
                    .with_hint(
                        "een raadsvoorstel kan geen bijlage van een ander raadsvoorstel zijn; noem het in de tekst",
                    ),
                );
            }
            // A PDF bijlage is copied beside the bundle as it is: it must be a PDF.
            Ok(bytes)
                if bestand.to_ascii_lowercase().ends_with(".pdf") && lopdf::Document::load_mem(&bytes).is_err() =>
            {
                problems.push(
                    file.diagnostic(
                        file.find_key("bestand", Some(bestand)),
                        format!("bijlage `{bestand}` is geen leesbare PDF"),
                    )
                    .with_hint("sla het stuk opnieuw op als PDF, of kies het goede bestand"),
                );
            }
            Ok(_) => {}
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}
