//! The programme chapter of a programmabegroting: its model, its rules, its view, and how
//! `raadsstuk new` scaffolds it. Any number of programmes per year; together with the year's
//! `begrotingsboek` they form the begroting book (see `kinds::boek`).

mod model;
mod new;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::begroting;
use crate::domain::iv3::Kant;
use crate::domain::model::Status;
use crate::kinds::beleid::lezen;
use crate::kinds::programma::{check_activiteiten, check_code, check_themas};
use crate::kinds::rules::{check_date, unknown_indicator};
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, ViewModel, read_with};
use crate::source::yaml::YamlFile;

pub const SOORT: &str = "programmabegroting";

pub struct ProgrammabegrotingKind;

pub static KIND: ProgrammabegrotingKind = ProgrammabegrotingKind;

impl Kind for ProgrammabegrotingKind {
    fn soort(&self) -> &'static str {
        SOORT
    }

    fn web_templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("web-programmabegroting", include_str!("../../../templates/web/web-programmabegroting.html.hbs"))]
    }

    fn woo_categorie(&self) -> crate::domain::model::WooCategorie {
        crate::domain::model::WooCategorie::JaarplannenEnJaarverslagen
    }

    fn publiceert(&self) -> Option<crate::kinds::feiten::Feit> {
        Some(crate::kinds::feiten::Feit::Plan)
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("programmabegroting-inhoud", include_str!("../../../templates/programmabegroting-inhoud.typ.hbs")),
            ("programmabegroting-bereiken", include_str!("../../../templates/programmabegroting-bereiken.typ.hbs")),
            ("programmabegroting-doen", include_str!("../../../templates/programmabegroting-doen.typ.hbs")),
            ("programmabegroting", include_str!("../../../templates/programmabegroting.typ.hbs")),
        ]
        .into_iter()
        .chain(crate::kinds::programma::TEMPLATES)
        .collect()
    }

    /// A chapter is a part of the year's book.
    fn hoofdstuk_van(&self) -> &'static [&'static str] {
        &["begrotingsboek"]
    }

    fn may_be_bijlage(&self) -> bool {
        true
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Programmabegroting>(file, |p| validate(p, file, sources))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        new::scaffold(new)
    }
}

impl Document for Programmabegroting {
    fn feiten(&self) -> crate::kinds::Feiten {
        use crate::kinds::feiten::{Plan, PlanDoel};
        crate::kinds::Feiten {
            plan: Some(Plan {
                programma: self.programma.clone(),
                nummer: self.nummer,
                voorbeeldgegevens: self.voorbeeldgegevens,
                doelen: self
                    .beleidsdoelen
                    .iter()
                    .map(|d| PlanDoel {
                        code: d.code.clone(),
                        titel: d.titel.clone(),
                        activiteiten: d.activiteiten.iter().map(|a| (a.code.clone(), a.titel.clone())).collect(),
                        indicatoren: d.indicatoren.iter().map(|s| (s.id.clone(), s.streefwaarden.clone())).collect(),
                    })
                    .collect(),
                financien: self.financien.clone(),
            }),
            ..Default::default()
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn soort(&self) -> &'static str {
        SOORT
    }

    fn programma_nummer(&self) -> Option<u32> {
        self.nummer
    }

    fn hoofdstuk(&self) -> Option<crate::kinds::Hoofdstuk> {
        Some(crate::kinds::Hoofdstuk {
            boek: "begrotingsboek",
            nummer: self.nummer,
            programma: self.programma.clone(),
            voorbeeldgegevens: self.voorbeeldgegevens,
            financien: self.financien.clone(),
            datum: Some(self.datum),
            ..Default::default()
        })
    }

    fn status(&self) -> Status {
        self.status
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        let t = context.file.jaar;
        // What was known before the year: the Kadernota's, and the newest jaarverslagen that
        // give its indicators a value.
        let ids: Vec<&str> = self.beleidsdoelen.iter().flat_map(|d| &d.indicatoren).map(|s| s.id.as_str()).collect();
        let beleid = lezen::voor_begroting(context.library, context.sources.indicatoren, &ids, t, context.reads)?;
        // The columns t-2 and t-1 come from the jaarverslag and the begroting of those years.
        let financien = match &self.financien {
            Some(invoer) => Some(crate::kinds::beleid::kolommen::begroting(
                invoer,
                &self.programma,
                context.file,
                self.datum,
                context.library,
                context.reads,
            )?),
            None => None,
        };
        let partijen = partijen(self, context);
        let view = programmabegroting(
            self,
            financien.as_ref(),
            &beleid,
            context.sources.gemeente,
            context.sources.iv3.definities(t),
            partijen,
            t,
        );
        Ok(vec![Rendering::document("programmabegroting", ViewModel::new(view), context.file, self.datum)])
    }
}

/// The project's verbonden partijen, read (and recorded) only when the chapter names one.
fn partijen<'a>(
    p: &Programmabegroting,
    context: &RenderContext<'a>,
) -> Option<&'a crate::domain::verbonden_partijen::VerbondenPartijen> {
    let genoemd = std::iter::once(p.partners.as_ref()).chain(p.beleidsdoelen.iter().map(|d| d.partners.as_ref()));
    crate::kinds::programma::lees_partijen(crate::kinds::programma::noemt_partijen(genoemd), context)
}

/// The rules serde cannot express: the date, codes, the depth of themes, indicators that
/// exist, targets for the begroting's years, and the years of the finance block.
fn validate(p: &Programmabegroting, file: &YamlFile, sources: &Sources) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "datum", p.datum, &mut problems);
    let Some(t) = crate::source::project::document_file(&file.name).map(|d| d.jaar) else {
        return Err(Diagnostic::new(&file.name, "een programmabegroting staat in `data/<jaar>/`").into());
    };
    for (i, d) in p.beleidsdoelen.iter().enumerate() {
        let i = i.to_string();
        check_code(file, &["beleidsdoelen", &i, "code"], d.code.as_deref(), &mut problems);
        check_activiteiten(file, &["beleidsdoelen", &i, "activiteiten"], &d.activiteiten, &mut problems);
        check_themas(file, &["beleidsdoelen".into(), i.clone(), "themas".into()], &d.themas, 1, &mut problems);
        for (k, s) in d.indicatoren.iter().enumerate() {
            if !sources.indicatoren.contains_key(&s.id) {
                problems.push(unknown_indicator(sources.indicatoren, file, &s.id));
            }
            for jaar in s.streefwaarden.keys().filter(|j| !(t..=t + 3).contains(*j)) {
                let k = k.to_string();
                let j = jaar.to_string();
                problems.push(
                    file.diagnostic(
                        file.locate(&["beleidsdoelen", &i, "indicatoren", &k, "streefwaarden", &j]),
                        format!("een streefwaarde voor {jaar} hoort niet in de programmabegroting {t}"),
                    )
                    .with_hint(format!("de begroting toont de streefwaarden van {t} tot en met {}", t + 3)),
                );
            }
        }
    }
    check_themas(file, &["themas".into()], &p.themas, 1, &mut problems);
    let lijst = sources.verbonden_partijen;
    crate::kinds::programma::check_partners(p.partners.as_ref(), &["partners"], file, lijst, t, &mut problems);
    for (i, d) in p.beleidsdoelen.iter().enumerate() {
        let i = i.to_string();
        let pad = ["beleidsdoelen", &i, "partners"];
        crate::kinds::programma::check_partners(d.partners.as_ref(), &pad, file, lijst, t, &mut problems);
    }
    if let Some(invoer) = &p.financien {
        for (path, message) in begroting::check(invoer, t) {
            let mut steps = vec!["financien"];
            steps.extend(path.iter().map(String::as_str));
            problems.push(
                file.diagnostic(file.locate(&steps), message)
                    .with_hint(format!("de kolommen van de programmabegroting {t}: {}", begroting::kolom_labels(t))),
            );
        }
        // Lines per taakveld and categorie use the codes of the begroting's own year.
        if let Some(definities) = sources.iv3.definities(t) {
            for (veld, kant, bedragen) in
                [("lasten", Kant::Lasten, &invoer.lasten), ("baten", Kant::Baten, &invoer.baten)]
            {
                for (path, message, hint) in bedragen.check_codes(kant, definities) {
                    let mut steps = vec!["financien", veld];
                    steps.extend(path.iter().map(String::as_str));
                    problems.push(file.diagnostic(file.locate(&steps), message).with_hint(hint));
                }
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}
