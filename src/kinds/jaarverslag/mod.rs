//! The jaarverslag programme chapter: its model, its rules, its view, and the policy across
//! years it reads.

pub mod chain;
mod model;
mod new;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::sync::Arc;

use crate::domain::model::Status;
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, ViewModel, read_with};

/// The programme chapter of a jaarverslag: any number per year, one per programme.
pub struct JaarverslagKind;

pub static KIND: JaarverslagKind = JaarverslagKind;

impl Kind for JaarverslagKind {
    fn soort(&self) -> &'static str {
        "jaarverslag"
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("web-jaarverslag", include_str!("../../../templates/web/web-jaarverslag.html.hbs"))]
    }

    fn woo_categorie(&self) -> crate::domain::model::WooCategorie {
        crate::domain::model::WooCategorie::JaarplannenEnJaarverslagen
    }

    fn publiceert(&self) -> Option<crate::kinds::feiten::Feit> {
        Some(crate::kinds::feiten::Feit::Verantwoording)
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("jaarverslag-inhoud", include_str!("../../../templates/jaarverslag-inhoud.typ.hbs")),
            ("jaarverslag", include_str!("../../../templates/jaarverslag.typ.hbs")),
        ]
        .into_iter()
        .chain(crate::kinds::programma::TEMPLATES)
        .collect()
    }

    fn hoofdstuk_van(&self) -> &'static [&'static str] {
        &["jaarverslagboek"]
    }

    fn may_be_bijlage(&self) -> bool {
        true
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Jaarverslag>(file, |j| validate(j, file, sources))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        new::scaffold(new)
    }

    /// The programmabegroting of the year and programme: what it planned and this jaarverslag
    /// does not account for, and what this reports that was never planned.
    fn samenhang(&self, loaded: &crate::kinds::Loaded, library: &dyn crate::kinds::Library) -> Vec<Diagnostic> {
        let Some(j) = loaded.document.as_any().downcast_ref::<Jaarverslag>() else { return Vec::new() };
        let begroting = library.documents().into_iter().filter(|d| d.jaar == loaded.file.jaar).find_map(|d| {
            let l = library.load(&d).ok()?;
            let b = l.document.feiten().plan?;
            b.programma.eq_ignore_ascii_case(&j.programma).then_some((d, b))
        });
        let Some((doc, b)) = begroting else { return Vec::new() };
        match (library.yaml(&loaded.file.relative), library.yaml(&doc.relative)) {
            (Some(jv), Some(bg)) => chain::warnings(j, &jv, &b, &bg),
            _ => Vec::new(),
        }
    }
}

impl Document for Jaarverslag {
    fn feiten(&self) -> crate::kinds::Feiten {
        crate::kinds::Feiten {
            verantwoording: Some(crate::kinds::feiten::Verantwoording {
                programma: self.programma.clone(),
                voorbeeldgegevens: self.voorbeeldgegevens,
                indicatoren: self.beleidsdoelen.iter().flat_map(|b| b.indicatoren.iter().cloned()).collect(),
                financien: self.financien.clone(),
            }),
            ..Default::default()
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        KIND.soort()
    }

    fn programma_nummer(&self) -> Option<u32> {
        self.nummer
    }

    fn hoofdstuk(&self) -> Option<crate::kinds::Hoofdstuk> {
        Some(crate::kinds::Hoofdstuk {
            boek: "jaarverslagboek",
            nummer: self.nummer,
            programma: self.programma.clone(),
            voorbeeldgegevens: self.voorbeeldgegevens,
            financien: None,
            verantwoording: self.financien.clone(),
            datum: Some(self.datum),
            ..Default::default()
        })
    }

    fn status(&self) -> Status {
        self.status
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let jaar = context.file.jaar;
        let beleid = crate::kinds::beleid::lezen::beleid(
            context.library,
            context.sources.indicatoren,
            jaar,
            Some(&context.file.relative),
            Some((jaar, &self.programma)),
            context.reads,
        )?;
        let gelezen = chain::gelezen(self, context)?;
        let genoemd =
            std::iter::once(self.partners.as_ref()).chain(self.beleidsdoelen.iter().map(|b| b.partners.as_ref()));
        let partijen =
            crate::kinds::programma::lees_partijen(crate::kinds::programma::noemt_partijen(genoemd), context);
        let bronnen = Bronnen { definities: context.sources.iv3.definities(jaar), gelezen, partijen };
        let (view, charts) = jaarverslag(self, &beleid, context.sources.gemeente, jaar, context.charts, &bronnen);
        let mut rendering = Rendering::document("jaarverslag", ViewModel::new(view), context.file, self.datum);
        rendering.files = charts.into_iter().map(|c| (c.pad, c.svg.into_bytes())).collect();
        Ok(vec![rendering])
    }
}

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::financien;
use crate::domain::format;
use crate::domain::iv3::Kant;
use crate::kinds::rules::{check_date, unknown_indicator};
use crate::source::yaml::YamlFile;

/// The rules of a jaarverslag that serde cannot express: dates in range, possible amounts,
/// indicators that exist, a toelichting for every verschil above the threshold.
pub fn validate(j: &Jaarverslag, file: &YamlFile, sources: &Sources) -> Result<(), Problems> {
    let (indicatoren, gemeente) = (sources.indicatoren, sources.gemeente);
    let mut problems = Vec::new();
    check_date(file, "datum", j.datum, &mut problems);
    if let Some(invoer) = &j.financien {
        for (pad, kolom, bedrag) in financien::bedragen(invoer) {
            if bedrag.unsigned_abs() > financien::MAX_BEDRAG as u64 {
                let mut steps: Vec<&str> = std::iter::once("financien").chain(pad.iter().map(String::as_str)).collect();
                steps.push(kolom);
                problems.push(
                    file.diagnostic(
                        file.locate(&steps),
                        format!("bedrag bij {}.{kolom} is onmogelijk groot: {bedrag}", pad.join(".")),
                    )
                    .with_hint("bedragen staan in hele euro's, ten hoogste 10 biljoen"),
                );
            }
        }
        for (veld, posten) in [("lasten", &invoer.lasten), ("baten", &invoer.baten)] {
            for (i, eerder) in crate::domain::bedragen::dubbele_regels(posten.regels()) {
                let (bericht, hint) = crate::domain::bedragen::dubbele_regel_bericht(eerder);
                problems
                    .push(file.diagnostic(file.locate(&["financien", veld, &i.to_string()]), bericht).with_hint(hint));
            }
            if matches!(posten, financien::Posten::Regels(r) if r.is_empty()) {
                problems.push(file.diagnostic(file.locate(&["financien", veld]), format!("geen regels onder `{veld}`"))
                    .with_hint("geef regels per taakveld en categorie, of de bedragen van de rij (`{ begroting_na_wijziging: …, realisatie: … }`)"));
            }
        }
        // Lines per taakveld and categorie use the codes of the jaarverslag's own year.
        let jaar = crate::source::project::document_file(&file.name).map(|d| d.jaar);
        if let Some(definities) = jaar.and_then(|jaar| sources.iv3.definities(jaar)) {
            for (veld, kant, posten) in
                [("lasten", Kant::Lasten, &invoer.lasten), ("baten", Kant::Baten, &invoer.baten)]
            {
                for (path, message, hint) in crate::domain::bedragen::check_regelcodes(
                    posten.regels().iter().map(|r| (r.taakveld.as_str(), r.categorie.as_str())),
                    kant,
                    definities,
                ) {
                    let mut steps = vec!["financien", veld];
                    steps.extend(path.iter().map(String::as_str));
                    problems.push(file.diagnostic(file.locate(&steps), message).with_hint(hint));
                }
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
    }
    for (i, b) in j.beleidsdoelen.iter().enumerate() {
        let i = i.to_string();
        crate::kinds::programma::check_code(file, &["beleidsdoelen", &i, "code"], b.code.as_deref(), &mut problems);
        crate::kinds::programma::check_activiteiten(
            file,
            &["beleidsdoelen", &i, "activiteiten"],
            &b.activiteiten,
            &mut problems,
        );
        crate::kinds::programma::check_themas(
            file,
            &["beleidsdoelen".into(), i.clone(), "themas".into()],
            &b.themas,
            1,
            &mut problems,
        );
    }
    crate::kinds::programma::check_themas(file, &["themas".into()], &j.themas, 1, &mut problems);
    let lijst = sources.verbonden_partijen;
    let jaar = crate::source::project::document_file(&file.name).map_or(chrono::Datelike::year(&j.datum), |d| d.jaar);
    crate::kinds::programma::check_partners(j.partners.as_ref(), &["partners"], file, lijst, jaar, &mut problems);
    for (i, b) in j.beleidsdoelen.iter().enumerate() {
        let i = i.to_string();
        let pad = ["beleidsdoelen", &i, "partners"];
        crate::kinds::programma::check_partners(b.partners.as_ref(), &pad, file, lijst, jaar, &mut problems);
    }
    for r in j.beleidsdoelen.iter().flat_map(|b| &b.indicatoren) {
        if !indicatoren.contains_key(&r.id) {
            problems.push(unknown_indicator(indicatoren, file, &r.id));
        }
    }
    // With the begroting na wijziging typed, the verschillen are known now; read, they are
    // checked when it is read (`chain::gelezen`).
    if let Some(invoer) = j
        .financien
        .as_ref()
        .filter(|i| financien::ontbreekt(i, financien::Gelezenkolom::BegrotingNaWijziging).is_empty())
    {
        let drempel = gemeente.financien.drempel_toelichting;
        let regels = financien::regels(invoer, financien::Gelezen::default());
        for r in financien::ontbrekende_toelichtingen(invoer, &regels, drempel) {
            let pos = file.locate(&["financien", r.sleutel]).or_else(|| file.find_key("financien", None));
            problems.push(
                file.diagnostic(pos, verschil_zonder_toelichting(r, drempel))
                    .with_hint(format!("voeg onder `financien:` toe: `toelichting:` met `{}: …`", r.sleutel)),
            );
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// "het verschil bij lasten (€ …) is groter dan de drempel van € … en heeft geen toelichting".
pub(crate) fn verschil_zonder_toelichting(r: &financien::Regel, drempel: i64) -> String {
    format!(
        "het verschil bij {} ({}) is groter dan de drempel van {} en heeft geen toelichting",
        r.label.to_lowercase(),
        format::money(r.verschil),
        format::money(drempel)
    )
}
