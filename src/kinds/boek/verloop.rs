//! The verloop tables of the uiteenzetting van de financiële positie (BBV art. 20): the
//! reserves (their mutations the programmes' own lines), the voorzieningen (as entered), and
//! the investeringen by the BBV's kinds of nut.

use crate::domain::financien;
use crate::domain::format;
use crate::domain::model::Gemeente;
use crate::domain::reserves::{Investering, Nut, Verloop};
use crate::kinds::view::TableView;

/// Per reserve or voorziening its stand on 1 januari, the toevoegingen and onttrekkingen and
/// the stand on 31 december of each year of the begroting. A stand not known shows "–".
fn verloop_tabel(verloop: &[Verloop], titel: &str, noten: Vec<String>, t: i32, gemeente: &Gemeente) -> TableView {
    let e = gemeente.financien.eenheid;
    let b =
        |x: Option<i64>| x.map_or_else(|| "–".to_string(), |x| financien::bedrag(x, e, financien::Notatie::Minteken));
    let mut kolommen = vec![crate::kinds::programma::eenheid_label(gemeente)];
    kolommen.extend((t..=t + 3).map(|j| j.to_string()));
    let (mut rijen, mut kop, mut euro) = (Vec::new(), Vec::new(), Vec::new());
    for v in verloop {
        rijen.push(std::iter::once(v.naam.clone()).chain(v.jaren.iter().map(|_| String::new())).collect());
        kop.push(true);
        euro.push(vec![None; v.jaren.len() + 1]);
        let rows: [(&str, Vec<Option<i64>>); 4] = [
            ("Stand 1 januari", v.jaren.iter().map(|j| j.begin).collect()),
            ("Toevoegingen", v.jaren.iter().map(|j| Some(j.toevoegingen)).collect()),
            ("Onttrekkingen", v.jaren.iter().map(|j| Some(j.onttrekkingen)).collect()),
            ("Stand 31 december", v.jaren.iter().map(|j| j.eind).collect()),
        ];
        for (label, values) in rows {
            rijen.push(std::iter::once(label.to_string()).chain(values.iter().map(|x| b(*x))).collect());
            kop.push(false);
            euro.push(std::iter::once(None).chain(values).collect());
        }
    }
    // Five rows a reserve: on one page while it fits, so no reserve is parted from its figures.
    let heel = rijen.len() <= 30;
    TableView { titel: Some(titel.into()), kolommen, rijen, rijkop: true, kop, euro, noten, heel, ..Default::default() }
}

/// The verloop of the reserves the programmes name. A reserve whose begin is not entered shows
/// "–" for its stands.
pub fn reserves(verloop: &[Verloop], t: i32, gemeente: &Gemeente) -> Option<TableView> {
    if verloop.is_empty() {
        return None;
    }
    let mut noten = vec![
        "De toevoegingen en onttrekkingen zijn die van de programma's; de stand op 1 januari van het begrotingsjaar staat bij de financiële positie, de standen daarna volgen eruit.".to_string(),
    ];
    let zonder: Vec<&str> = verloop
        .iter()
        .filter(|v| v.jaren.first().is_some_and(|j| j.begin.is_none()))
        .map(|v| v.naam.as_str())
        .collect();
    if !zonder.is_empty() {
        noten.push(format!("Zonder beginstand (–): {}.", zonder.join(", ")));
    }
    Some(verloop_tabel(verloop, "Verloop van de reserves", noten, t, gemeente))
}

/// The verloop of the voorzieningen as entered.
pub fn voorzieningen(verloop: &[Verloop], t: i32, gemeente: &Gemeente) -> Option<TableView> {
    (!verloop.is_empty()).then(|| {
        let noten = vec![
            "De standen aan het eind van elk jaar, opgeteld, zijn de voorzieningen op de geprognosticeerde balans."
                .into(),
        ];
        verloop_tabel(verloop, "Verloop van de voorzieningen", noten, t, gemeente)
    })
}

/// The investeringen per year, grouped by kind of nut with a subtotal each, and the total.
/// Every printed total is the sum of the printed amounts above it.
pub fn investeringen(investeringen: &[Investering], t: i32, gemeente: &Gemeente) -> Option<TableView> {
    if investeringen.is_empty() {
        return None;
    }
    let e = gemeente.financien.eenheid;
    let jaren: Vec<i32> = (t..=t + 3).collect();
    let (mut rijen, mut kop, mut euro) = (Vec::new(), Vec::new(), Vec::new());
    // A row of amounts; a heading row (a kind of nut) has none.
    let mut push = |label: String, bedragen: Option<(Vec<i64>, Vec<i64>)>| {
        let heading = bedragen.is_none();
        let (exact, printed) = bedragen.unwrap_or_default();
        let cellen: Vec<String> = match heading {
            true => jaren.iter().map(|_| String::new()).collect(),
            false => printed.iter().map(|x| format::integer(*x)).collect(),
        };
        rijen.push(std::iter::once(label).chain(cellen).collect::<Vec<_>>());
        kop.push(heading);
        euro.push(match heading {
            true => vec![None; jaren.len() + 1],
            false => std::iter::once(None).chain(exact.into_iter().map(Some)).collect(),
        });
    };
    let (mut totaal, mut totaal_r) = (vec![0; jaren.len()], vec![0; jaren.len()]);
    for nut in Nut::ALLE {
        let groep: Vec<&Investering> = investeringen.iter().filter(|i| i.nut == nut).collect();
        if groep.is_empty() {
            continue;
        }
        push(nut.naam().to_string(), None);
        let (mut som, mut som_r) = (vec![0; jaren.len()], vec![0; jaren.len()]);
        for i in groep {
            let exact: Vec<i64> = jaren.iter().map(|j| i.bedragen.get(*j)).collect();
            let printed: Vec<i64> = exact.iter().map(|x| financien::rounded(*x, e)).collect();
            for k in 0..jaren.len() {
                (som[k], som_r[k]) = (som[k] + exact[k], som_r[k] + printed[k]);
            }
            push(i.naam.clone(), Some((exact, printed)));
        }
        for k in 0..jaren.len() {
            (totaal[k], totaal_r[k]) = (totaal[k] + som[k], totaal_r[k] + som_r[k]);
        }
        push("Subtotaal".into(), Some((som, som_r)));
    }
    push("Totaal investeringen".into(), Some((totaal, totaal_r)));
    let mut kolommen = vec![crate::kinds::programma::eenheid_label(gemeente)];
    kolommen.extend(jaren.iter().map(i32::to_string));
    Some(TableView {
        titel: Some("Investeringen".into()),
        kolommen,
        rijen,
        rijkop: true,
        kop,
        euro,
        noten: vec!["Het BBV (art. 20) splitst de investeringen naar economisch nut, economisch nut waarvoor een heffing kan worden geheven, en maatschappelijk nut; die bepalen hoe ze worden afgeschreven.".into()],
        ..Default::default()
    })
}

/// The voorzieningen and investeringen as entered: amounts in the begroting's years, stands
/// not negative, and the balans's voorzieningen not typed when their verloop gives them.
pub fn check(
    file: &crate::source::yaml::YamlFile,
    positie: &crate::domain::kengetallen::FinancielePositie,
    t: i32,
) -> Vec<crate::diagnostics::Diagnostic> {
    let mut out = Vec::new();
    let reeksen = positie
        .voorzieningen
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            [
                ("voorzieningen", i, "toevoegingen", &v.toevoegingen),
                ("voorzieningen", i, "onttrekkingen", &v.onttrekkingen),
            ]
        })
        .chain(
            positie.investeringen.iter().enumerate().map(|(i, inv)| ("investeringen", i, "bedragen", &inv.bedragen)),
        );
    for (lijst, i, key, reeks) in reeksen {
        for (jaar, bedrag) in &reeks.0 {
            let (i, j) = (i.to_string(), jaar.to_string());
            let at = file.locate(&["financiele_positie", lijst, &i, key, &j]);
            if !(t..=t + 3).contains(jaar) {
                out.push(
                    file.diagnostic(at, format!("{jaar} is geen jaar van de begroting {t}"))
                        .with_hint(format!("bedragen per jaar van {t} tot en met {}", t + 3)),
                );
            } else if *bedrag < 0 {
                out.push(file.diagnostic(at, format!("een negatief bedrag bij `{key}`: {bedrag}")).with_hint(
                    "toevoegingen, onttrekkingen en investeringen zijn bedragen in hele euro's, niet negatief",
                ));
            }
        }
    }
    for (i, v) in crate::domain::reserves::voorzieningen(positie, t).iter().enumerate() {
        if let Some(j) = v.jaren.iter().find(|j| j.eind.is_some_and(|e| e < 0)) {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "voorzieningen", &i.to_string(), "onttrekkingen"]),
                    format!("`{}` staat eind {} onder nul: er wordt meer onttrokken dan er in zit", v.naam, j.jaar),
                )
                .with_hint("een voorziening kan niet negatief worden; pas de onttrekkingen of de stand aan"),
            );
        }
    }
    for (lijst, namen) in [
        ("voorzieningen", positie.voorzieningen.iter().map(|v| v.naam.as_str()).collect::<Vec<_>>()),
        ("investeringen", positie.investeringen.iter().map(|v| v.naam.as_str()).collect()),
    ] {
        out.extend(crate::kinds::rules::dubbele_namen(file, &["financiele_positie", lijst], "naam", &namen));
    }
    for (i, v) in positie.voorzieningen.iter().enumerate() {
        if v.stand < 0 {
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "voorzieningen", &i.to_string(), "stand"]),
                    format!("de stand van `{}` is negatief", v.naam),
                )
                .with_hint("een voorziening staat aan de passiefzijde: haar stand is niet negatief"),
            );
        }
    }
    if !positie.voorzieningen.is_empty() {
        for (jaar, stand) in positie.balans.iter().filter(|(_, s)| s.voorzieningen != 0) {
            let j = jaar.to_string();
            out.push(
                file.diagnostic(
                    file.locate(&["financiele_positie", "balans", &j, "voorzieningen"]),
                    format!(
                        "de voorzieningen per 31-12-{jaar} ({}) volgen uit hun verloop",
                        format::money(stand.voorzieningen)
                    ),
                )
                .with_hint("haal `voorzieningen` uit de balans weg: de balans telt de standen van `voorzieningen:` op"),
            );
        }
    }
    out
}
