//! The partners of a programme or doel: the verbonden partijen it names, and the other
//! partners. With the project's list of verbonden partijen (`data/verbonden-partijen.yaml`) a
//! name must be in it, and the programme shows that party's openbaar belang and its figures of
//! the programme's year from there: typed once, for the paragraaf and every programme alike.

use serde::Serialize;

use super::{Partners, VerbondenPartij, eenheid_label};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::financien;
use crate::domain::model::Gemeente;
use crate::domain::verbonden_partijen::{VERBONDEN_PARTIJEN_FILE, VerbondenPartijen};
use crate::kinds::RenderContext;
use crate::kinds::view::TableView;
use crate::source::yaml::YamlFile;

/// The partners of a programme or doel, as the template places them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PartnersView {
    /// With their openbaar belang, when any has one: a table.
    pub verbonden_tabel: Option<TableView>,
    /// Names only: a list.
    pub verbonden_partijen: Vec<String>,
    pub overige: Vec<String>,
}

/// The partners as shown in a document of `jaar`; `lijst` is the project's list of verbonden
/// partijen, when it has one; a jaarverslag (`realisatie`) shows their realised figures.
pub fn partners(
    p: Option<&Partners>,
    lijst: Option<&VerbondenPartijen>,
    jaar: i32,
    realisatie: bool,
    gemeente: &Gemeente,
) -> Option<PartnersView> {
    let p = p?;
    if p.verbonden_partijen.is_empty() && p.overige.is_empty() {
        return None;
    }
    if let Some(lijst) = lijst.filter(|_| !p.verbonden_partijen.is_empty()) {
        return Some(PartnersView {
            verbonden_tabel: Some(uit_lijst(&p.verbonden_partijen, lijst, jaar, realisatie, gemeente)),
            verbonden_partijen: Vec::new(),
            overige: p.overige.clone(),
        });
    }
    let belang = p.verbonden_partijen.iter().any(|v| v.openbaar_belang().is_some());
    Some(PartnersView {
        verbonden_tabel: belang.then(|| TableView {
            kolommen: vec!["Verbonden partij".into(), "Openbaar belang".into()],
            rijen: p
                .verbonden_partijen
                .iter()
                .map(|v| vec![v.naam().to_string(), v.openbaar_belang().unwrap_or("–").to_string()])
                .collect(),
            rijkop: true,
            ..Default::default()
        }),
        verbonden_partijen: if belang {
            Vec::new()
        } else {
            p.verbonden_partijen.iter().map(|v| v.naam().to_string()).collect()
        },
        overige: p.overige.clone(),
    })
}

/// The named parties as the list has them: openbaar belang, and the bijdrage and resultaat of
/// the document's year.
fn uit_lijst(
    genoemd: &[VerbondenPartij],
    lijst: &VerbondenPartijen,
    jaar: i32,
    realisatie: bool,
    gemeente: &Gemeente,
) -> TableView {
    let e = gemeente.financien.eenheid;
    let b =
        |x: Option<i64>| x.map_or_else(|| "–".to_string(), |x| financien::bedrag(x, e, financien::Notatie::Minteken));
    let mut rijen = Vec::new();
    let mut euro = Vec::new();
    for naam in genoemd.iter().map(|v| v.naam()) {
        // `check` refuses an unknown name; the row stays, should one get here.
        let partij = lijst.partij(naam);
        let cijfers = partij.and_then(|p| p.cijfers(jaar, realisatie));
        let bijdrage = cijfers.and_then(|c| c.bijdrage);
        let resultaat = cijfers.map(|c| c.resultaat);
        rijen.push(vec![
            partij.map_or(naam, |p| p.naam.as_str()).to_string(),
            partij.map_or("–", |p| p.openbaar_belang.as_str()).to_string(),
            b(bijdrage),
            b(resultaat),
        ]);
        euro.push(vec![None, None, bijdrage, resultaat]);
    }
    let mut noten = vec![format!(
        "Bijdrage: wat de gemeente in {jaar} aan de partij betaalt; resultaat: dat van de partij zelf in {jaar} ({}). Meer over elke partij in de paragraaf Verbonden partijen.",
        eenheid_label(gemeente)
    )];
    if lijst.voorbeeldgegevens {
        noten.push("Voorbeeldgegevens: de cijfers van de verbonden partijen zijn illustratief.".into());
    }
    TableView {
        kolommen: vec![
            "Verbonden partij".into(),
            "Openbaar belang".into(),
            format!("Bijdrage {jaar}"),
            format!("Resultaat {jaar}"),
        ],
        rijen,
        rijkop: true,
        breedtes: vec![3, 5, 2, 2],
        noten,
        euro,
        ..Default::default()
    }
}

/// With the project's list, every verbonden partij named must be in it, and its openbaar belang
/// is not typed again; `pad` is where the partners are (`["partners"]`,
/// `["beleidsdoelen", "0", "partners"]`).
pub fn check_partners(
    partners: Option<&Partners>,
    pad: &[&str],
    file: &YamlFile,
    lijst: Result<Option<&VerbondenPartijen>, &Problems>,
    jaar: i32,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(partners) = partners.filter(|p| !p.verbonden_partijen.is_empty()) else { return };
    let lijst = match lijst {
        Ok(Some(lijst)) => lijst,
        Ok(None) => return,
        // The list's own problems are this document's too: it cannot be made without it.
        Err(fouten) => {
            let mut at: Vec<&str> = pad.to_vec();
            at.push("verbonden_partijen");
            problems.push(
                file.diagnostic(
                    file.locate(&at),
                    format!("de lijst van verbonden partijen ({VERBONDEN_PARTIJEN_FILE}) bevat fouten"),
                )
                .with_hint("dit document noemt verbonden partijen en wordt gemaakt zodra de lijst in orde is"),
            );
            problems.extend(fouten.0.iter().cloned());
            return;
        }
    };
    for (i, v) in partners.verbonden_partijen.iter().enumerate() {
        let mut at: Vec<String> = pad.iter().map(|s| s.to_string()).collect();
        at.extend(["verbonden_partijen".to_string(), i.to_string()]);
        let at: Vec<&str> = at.iter().map(String::as_str).collect();
        let mut at = at;
        if partners.verbonden_partijen[..i]
            .iter()
            .any(|w| crate::domain::verbonden_partijen::zelfde_naam(w.naam(), v.naam()))
        {
            problems.push(
                file.diagnostic(file.locate(&at), format!("`{}` staat hier twee keer", v.naam()))
                    .with_hint("noem elke partij één keer"),
            );
            continue;
        }
        if let Some(tot) = lijst.partij(v.naam()).and_then(|p| p.tot).filter(|tot| *tot < jaar) {
            problems.push(
                file.diagnostic(
                    file.locate(&at),
                    format!("`{}` is tot en met {tot} een verbonden partij, niet meer in {jaar}", v.naam()),
                )
                .with_hint(format!("haal haar hier weg, of schuif `tot:` op in {VERBONDEN_PARTIJEN_FILE}")),
            );
        }
        let fouten = lijst.fouten_van(v.naam());
        if !fouten.is_empty() {
            problems.push(
                file.diagnostic(
                    file.locate(&at),
                    format!(
                        "`{}` staat met fouten in de lijst van verbonden partijen ({VERBONDEN_PARTIJEN_FILE})",
                        v.naam()
                    ),
                )
                .with_hint("dit document toont haar gegevens en wordt gemaakt zodra zij in orde zijn"),
            );
            problems.extend(fouten.iter().cloned());
        }
        if lijst.partij(v.naam()).is_none() {
            let namen: Vec<&str> = lijst.verbonden_partijen.iter().map(|p| p.naam.as_str()).collect();
            let best = namen
                .iter()
                .copied()
                .max_by(|a, b| strsim::jaro_winkler(v.naam(), a).total_cmp(&strsim::jaro_winkler(v.naam(), b)))
                .filter(|best| strsim::jaro_winkler(v.naam(), best) > 0.8);
            problems.push(
                file.diagnostic(
                    file.locate(&at),
                    format!("`{}` staat niet in de lijst van verbonden partijen ({VERBONDEN_PARTIJEN_FILE})", v.naam()),
                )
                .with_hint(match best {
                    Some(best) => format!("bedoelde u `{best}`?"),
                    None => format!(
                        "een verbonden partij wordt eenmaal beschreven in {VERBONDEN_PARTIJEN_FILE}; de partijen daar: {}",
                        namen.join(", ")
                    ),
                }),
            );
        } else if v.openbaar_belang().is_some() {
            at.push("openbaar_belang");
            problems.push(
                file.diagnostic(
                    file.locate(&at),
                    format!("het openbaar belang van `{}` staat al in {VERBONDEN_PARTIJEN_FILE}", v.naam()),
                )
                .with_hint(format!("noem hier alleen de naam: `- {}`", v.naam())),
            );
        }
    }
}

/// Whether the document names a verbonden partij anywhere: only then does it read the list
/// (and is it built again when the list changes).
pub fn noemt_partijen<'a>(mut partners: impl Iterator<Item = Option<&'a Partners>>) -> bool {
    partners.any(|p| p.is_some_and(|p| !p.verbonden_partijen.is_empty()))
}

/// The project's list of verbonden partijen for a document that names a party (`genoemd`):
/// the read is recorded, so a change to the list builds exactly these documents again.
pub fn lees_partijen<'a>(genoemd: bool, context: &RenderContext<'a>) -> Option<&'a VerbondenPartijen> {
    // A broken list is a problem of the document already (see `check_partners`).
    let lijst = context.sources.verbonden_partijen.ok().flatten().filter(|_| genoemd)?;
    context.reads.read(VERBONDEN_PARTIJEN_FILE);
    Some(lijst)
}
