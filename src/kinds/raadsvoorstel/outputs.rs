//! The outputs of a raadsvoorstel: the raadsvoorstel, its raadsbesluit, and the bundle for the
//! griffie (a cover, then the parts' laid-out pages; put together by the session).

use std::collections::HashMap;

use super::Raadsvoorstel;
use super::view::{
    BegrotingswijzigingView, BundelView, ExterneBijlage, RaadsvoorstelView, raadsbesluit, raadsvoorstel,
};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::format::file_stem;
use crate::domain::model::Rol;
use crate::kinds::{Bron, CopiedPdf, Deel, RenderContext, Rendering, ViewModel};
use crate::source::project::document_file;

pub fn renderings(rv: &Raadsvoorstel, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
    let (gemeente, jaar) = (context.sources.gemeente, context.file.jaar);
    let stem = file_stem(&rv.nummer);
    let wijziging = match &rv.begrotingswijziging {
        Some(w) => Some(crate::kinds::wijziging::view(w, &["begrotingswijziging"], rv.collegevergadering, context)?),
        None => None,
    };
    let mut voorstel = raadsvoorstel(rv, gemeente, jaar, wijziging.as_ref());
    let besluit = raadsbesluit(rv, gemeente, jaar, wijziging.as_ref());
    let bundle = bundle(rv, &mut voorstel, &stem, context)?;
    let voorstel_stijl = voorstel.huisstijl.clone();
    // Named for what they are, with the number: a reader knows them so.
    let own = |template, view, stem: String, rol, volgorde, naam: String, kop: &str| Rendering {
        template,
        view,
        stem,
        date: rv.collegevergadering,
        files: HashMap::new(),
        copies: Vec::new(),
        rol,
        naam: Some(naam),
        paginatitel: Some(format!("{kop} {}: {}", rv.nummer, rv.onderwerp)),
        nummering: None,
        volgorde,
        bundel: None,
        intern: false,
    };
    let mut out = vec![
        own(
            "raadsvoorstel",
            ViewModel::new(voorstel),
            format!("{stem}-raadsvoorstel"),
            Rol::Voorstel,
            1,
            format!("Raadsvoorstel {}", rv.nummer),
            "Raadsvoorstel",
        ),
        own(
            "raadsbesluit",
            ViewModel::new(besluit),
            format!("{stem}-raadsbesluit"),
            Rol::Besluit,
            2,
            "Ontwerp-raadsbesluit".into(),
            "Ontwerp-raadsbesluit",
        ),
    ];
    if let Some(w) = wijziging {
        let mut meta = super::view::meta(rv, gemeente, jaar, "Begrotingswijziging");
        meta.titel = format!("{} – {}", w.titel, rv.onderwerp);
        meta.kop = format!("{} bij raadsvoorstel {}", w.titel, rv.nummer);
        let view = BegrotingswijzigingView {
            meta,
            huisstijl: voorstel_stijl,
            bij: format!("Bijlage bij raadsvoorstel {}", rv.nummer),
            wijziging: w,
        };
        out.push(own(
            "begrotingswijziging",
            ViewModel::new(view),
            format!("{stem}-begrotingswijziging"),
            Rol::Bijlage,
            3,
            format!("Begrotingswijziging bij raadsvoorstel {}", rv.nummer),
            "Begrotingswijziging bij raadsvoorstel",
        ));
    }
    out.push(bundle);
    Ok(out)
}

/// The distribution PDF of a raadsvoorstel: a cover, then the raadsvoorstel, the raadsbesluit
/// and every bijlage that is a document of this project, each exactly as in its own PDF (put
/// together by the session, see `output::assemble`). Bijlagen that are PDF files cannot be
/// placed in a PDF/A + PDF/UA document (typst-pdf refuses PDF pages under any PDF standard):
/// they are copied beside the bundle, the bundle names them, and so does the raadsvoorstel.
fn bundle(
    rv: &Raadsvoorstel,
    voorstel: &mut RaadsvoorstelView,
    stem: &str,
    context: &RenderContext,
) -> Result<Rendering, Problems> {
    let mut delen = vec![
        Deel { titel: format!("Raadsvoorstel {}", rv.nummer), bron: Bron::Eigen(0) },
        Deel { titel: "Ontwerp-raadsbesluit".into(), bron: Bron::Eigen(1) },
    ];
    if rv.begrotingswijziging.is_some() {
        let jaar = rv.begrotingswijziging.as_ref().map_or(0, |w| w.begroting);
        delen.push(Deel { titel: format!("Bijlage: Begrotingswijziging {jaar}"), bron: Bron::Eigen(2) });
    }
    let eerste = rv.eerste_bijlage();
    let mut externe = Vec::new();
    let mut copies = Vec::new();
    for (i, b) in rv.bijlagen.iter().enumerate() {
        let Some(bestand) = &b.bestand else { continue };
        if bestand.to_ascii_lowercase().ends_with(".pdf") {
            let file_name = bestand.rsplit('/').next().unwrap_or(bestand);
            let name = format!("{stem}-bijlage-{}-{}", i + 1, file_stem(file_name));
            let name = format!("{}.pdf", name.trim_end_matches(".pdf"));
            voorstel.bijlagen[i + eerste - 3].opmerking = Some(format!("apart bijgevoegd als {name}"));
            externe.push(ExterneBijlage { titel: b.titel.clone(), bestand: name.clone() });
            copies.push(CopiedPdf { from: bestand.clone(), name, titel: b.titel.clone(), volgorde: i + eerste });
            continue;
        }
        let doc = document_file(bestand)
            .ok_or_else(|| Diagnostic::new(bestand.clone(), "geen document in `data/<jaar>/`"))?;
        let soort = context.library.load_read(&doc, context.reads)?.document.soort();
        if !context.library.kind(soort).is_some_and(|k| k.may_be_bijlage()) {
            return Err(Diagnostic::new(
                bestand.clone(),
                format!("een {soort} kan geen bijlage van een raadsvoorstel zijn"),
            )
            .into());
        }
        delen.push(Deel { titel: format!("Bijlage {}: {}", i + 1, b.titel), bron: Bron::Document(doc) });
    }
    let mut meta = voorstel.meta.clone();
    meta.titel = format!("{} – raadsvoorstel {} met bijlagen", rv.onderwerp, rv.nummer);
    meta.soort = "Raadsvoorstel met bijlagen".into();
    meta.kop = format!("Bundel bij raadsvoorstel {}", rv.nummer);
    meta.omschrijving = format!("Raadsvoorstel {} met raadsbesluit en bijlagen", rv.nummer);
    meta.voorblad = true;
    // `delen`, `paginas` and `meta.voorbeeldgegevens` are filled in once the parts are laid out.
    let view = ViewModel::new(BundelView {
        meta,
        huisstijl: voorstel.huisstijl.clone(),
        kopregels: voorstel.kopregels.clone(),
        externe_bijlagen: externe,
        delen: Vec::new(),
        paginas: 0,
    });
    Ok(Rendering {
        template: "bundel",
        view,
        stem: format!("{stem}-bundel"),
        date: rv.collegevergadering,
        files: HashMap::new(),
        copies,
        rol: Rol::Bundel,
        naam: Some("Bundel met bijlagen".into()),
        paginatitel: None,
        nummering: None,
        volgorde: 0,
        bundel: Some(delen),
        intern: false,
    })
}
