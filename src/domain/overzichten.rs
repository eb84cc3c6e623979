//! The BBV's overviews of a whole begroting below the programme totals, computed from the
//! programmes' lines and the book's own entries, never typed: the overzicht van baten en lasten
//! per taakveld, the incidentele baten en lasten per programme, and the structureel
//! begrotingssaldo.

use std::collections::BTreeMap;

use crate::domain::begroting::{Algemeen, Bedragen, Jaren, Programma, Regel, jaren, overzicht};
use crate::domain::iv3::Definities;
use crate::domain::taakvelden::{CodeOrder, volgorde as taakveld_volgorde};

/// The overzicht van baten en lasten per taakveld: per taakveld the lasten (negative) of every
/// programme's lines on it with the book's overhead (0.4) and onvoorzien (0.8), the total; the
/// same for the baten with the algemene dekkingsmiddelen that name their taakveld; then saldo,
/// the mutations of reserves (0.10) and the geraamde resultaat — the same totals as the
/// overview per programme ([`crate::domain::begroting::overzicht`]). An amount without a
/// taakveld (a programme entered as one figure per year, a dekkingsmiddel without `taakveld`)
/// is a row of its own, "niet per taakveld", so that nothing is left out of the totals.
pub fn per_taakveld(
    programmas: &[Programma],
    algemeen: &Algemeen,
    t: i32,
    definities: Option<&Definities>,
) -> Vec<Regel> {
    let n = jaren(t).len();
    let amounts =
        |j: &Jaren, teken: i64| -> Vec<i64> { jaren(t).into_iter().map(|y| j.get(y).saturating_mul(teken)).collect() };
    let add = |to: &mut Vec<i64>, from: &[i64]| {
        for (a, b) in to.iter_mut().zip(from) {
            *a = a.saturating_add(*b);
        }
    };
    let taakveld_label = |code: &str| crate::domain::taakvelden::label(code, definities);
    let mut out = Vec::new();
    let mut totalen = Vec::new();
    for (kant, teken) in [("lasten", -1i64), ("baten", 1)] {
        let mut per_taakveld: BTreeMap<CodeOrder, (String, Vec<i64>)> = BTreeMap::new();
        let mut los: Vec<Regel> = Vec::new();
        let mut put = |code: &str, bedragen: Vec<i64>| {
            let entry = per_taakveld
                .entry(taakveld_volgorde(code, definities))
                .or_insert_with(|| (code.to_string(), vec![0; n]));
            add(&mut entry.1, &bedragen);
        };
        for p in programmas {
            let bedragen = if kant == "lasten" { &p.invoer.lasten } else { &p.invoer.baten };
            match bedragen {
                Bedragen::Regels(regels) => {
                    for r in regels {
                        put(&r.taakveld, amounts(&r.bedragen, teken));
                    }
                }
                Bedragen::Totaal(j) => los.push(Regel {
                    label: format!("Programma {} (niet per taakveld)", p.naam),
                    bedragen: amounts(j, teken),
                    totaal: false,
                }),
            }
        }
        // The book's own amounts: on their lines' taakveld, or a figure on its own (0.4, 0.8).
        let mut eigen = |bedragen: &Bedragen, taakveld: &str| match bedragen {
            Bedragen::Totaal(j) => {
                if !j.0.is_empty() {
                    put(taakveld, amounts(j, teken));
                }
            }
            Bedragen::Regels(regels) => {
                for r in regels {
                    put(&r.taakveld, amounts(&r.bedragen, teken));
                }
            }
        };
        if let Some(o) = &algemeen.overhead {
            eigen(if kant == "lasten" { &o.lasten } else { &o.baten }, "0.4");
        }
        if kant == "lasten"
            && let Some(o) = &algemeen.onvoorzien
        {
            eigen(o, "0.8");
        }
        if kant == "baten" {
            for post in &algemeen.algemene_dekkingsmiddelen {
                match &post.taakveld {
                    Some(code) => put(code, amounts(&post.bedragen, teken)),
                    None => los.push(Regel {
                        label: format!("Algemene dekkingsmiddelen: {} (niet per taakveld)", post.naam),
                        bedragen: amounts(&post.bedragen, teken),
                        totaal: false,
                    }),
                }
            }
        }
        let mut totaal = vec![0; n];
        for (code, bedragen) in per_taakveld.into_values() {
            add(&mut totaal, &bedragen);
            out.push(Regel { label: taakveld_label(&code), bedragen, totaal: false });
        }
        for r in los {
            add(&mut totaal, &r.bedragen);
            out.push(r);
        }
        out.push(Regel { label: format!("Totaal {kant}"), bedragen: totaal.clone(), totaal: true });
        totalen.push(totaal);
    }
    let mut saldo = totalen[0].clone();
    add(&mut saldo, &totalen[1]);
    out.push(Regel { label: "Saldo van baten en lasten".into(), bedragen: saldo.clone(), totaal: true });
    let reserves = |f: &dyn Fn(&crate::domain::begroting::Reserve) -> &Jaren, teken: i64| -> Vec<i64> {
        let mut sum = vec![0; n];
        for r in programmas.iter().flat_map(|p| &p.invoer.reserves) {
            add(&mut sum, &amounts(f(r), teken));
        }
        sum
    };
    let toe = reserves(&|r| &r.toevoegingen, -1);
    let ont = reserves(&|r| &r.onttrekkingen, 1);
    let reserves_label = taakveld_label("0.10");
    out.push(Regel { label: format!("{reserves_label}: toevoegingen"), bedragen: toe.clone(), totaal: false });
    out.push(Regel { label: format!("{reserves_label}: onttrekkingen"), bedragen: ont.clone(), totaal: false });
    let mut resultaat = saldo;
    add(&mut resultaat, &toe);
    add(&mut resultaat, &ont);
    out.push(Regel { label: "Geraamd resultaat".into(), bedragen: resultaat, totaal: true });
    out
}

/// The incidentele baten en lasten: per programme each line marked `incidenteel`, lasten
/// (negative) then baten, with their totals and saldo. The second value names the programmes
/// entered as one figure per year, of which it is not known what is incidental (said under the
/// table).
pub fn incidentele(
    programmas: &[Programma],
    algemeen: &Algemeen,
    t: i32,
    definities: Option<&Definities>,
) -> (Vec<Regel>, Vec<String>) {
    let n = jaren(t).len();
    let mut out = Vec::new();
    let mut onbekend = Vec::new();
    let mut totalen = Vec::new();
    for (kant, teken) in [(crate::domain::iv3::Kant::Lasten, -1i64), (crate::domain::iv3::Kant::Baten, 1)] {
        let mut totaal = vec![0i64; n];
        // The programmes' lines, then the book's own (overhead, onvoorzien).
        let mut bronnen: Vec<(String, &Bedragen)> = Vec::new();
        for p in programmas {
            let bedragen = if kant == crate::domain::iv3::Kant::Lasten { &p.invoer.lasten } else { &p.invoer.baten };
            if matches!(bedragen, Bedragen::Totaal(_)) {
                if !onbekend.contains(&p.naam) {
                    onbekend.push(p.naam.clone());
                }
                continue;
            }
            bronnen.push((format!("Programma {}", p.naam), bedragen));
        }
        if let Some(o) = &algemeen.overhead {
            bronnen
                .push(("Overhead".into(), if kant == crate::domain::iv3::Kant::Lasten { &o.lasten } else { &o.baten }));
        }
        if let (crate::domain::iv3::Kant::Lasten, Some(o)) = (kant, &algemeen.onvoorzien) {
            bronnen.push(("Onvoorzien".into(), o));
        }
        for (bron, bedragen) in bronnen {
            for r in bedragen.regels().iter().filter(|r| r.incidenteel) {
                let wat = r
                    .naam
                    .clone()
                    .or_else(|| definities.and_then(|d| d.taakveld(&r.taakveld)).map(str::to_string))
                    .unwrap_or_else(|| r.taakveld.clone());
                let bedragen: Vec<i64> =
                    jaren(t).into_iter().map(|y| r.bedragen.get(y).saturating_mul(teken)).collect();
                for (a, b) in totaal.iter_mut().zip(&bedragen) {
                    *a = a.saturating_add(*b);
                }
                out.push(Regel { label: format!("{bron}: {wat}"), bedragen, totaal: false });
            }
        }
        out.push(Regel {
            label: format!("Totaal incidentele {}", kant.naam()),
            bedragen: totaal.clone(),
            totaal: true,
        });
        totalen.push(totaal);
    }
    let saldo: Vec<i64> = totalen[0].iter().zip(&totalen[1]).map(|(a, b)| a.saturating_add(*b)).collect();
    out.push(Regel { label: "Saldo incidentele baten en lasten".into(), bedragen: saldo, totaal: true });
    (out, onbekend)
}

/// The structureel begrotingssaldo: the geraamde resultaat of the overview per programme
/// without the incidentele baten en lasten and without the mutations of reserves, which count as
/// incidental (a reserve has no `incidenteel` of its own yet).
pub fn structureel_saldo(programmas: &[Programma], algemeen: &Algemeen, t: i32) -> Vec<Regel> {
    let rows = overzicht(programmas, algemeen, t);
    let find = |label: &str| rows.iter().find(|r| r.label == label).map(|r| r.bedragen.clone()).unwrap_or_default();
    let saldo = find("Saldo van baten en lasten");
    let toe = find("Toevoegingen reserves");
    let ont = find("Onttrekkingen reserves");
    let resultaat = find("Geraamd resultaat");
    let (incidenteel, _) = incidentele(programmas, algemeen, t, None);
    let incidenteel_saldo = incidenteel.last().map(|r| r.bedragen.clone()).unwrap_or_default();
    let mutaties: Vec<i64> = toe.iter().zip(&ont).map(|(a, b)| a.saturating_add(*b)).collect();
    let structureel: Vec<i64> = resultaat
        .iter()
        .zip(&incidenteel_saldo)
        .zip(&mutaties)
        .map(|((r, i), m)| r.saturating_sub(*i).saturating_sub(*m))
        .collect();
    let neg = |v: &[i64]| v.iter().map(|x| x.saturating_neg()).collect::<Vec<i64>>();
    vec![
        Regel { label: "Saldo van baten en lasten".into(), bedragen: saldo, totaal: false },
        Regel { label: "Mutaties reserves".into(), bedragen: mutaties.clone(), totaal: false },
        Regel { label: "Geraamd resultaat".into(), bedragen: resultaat, totaal: true },
        Regel {
            // Corrections, added to the result: the incidental saldo and the reserves taken out.
            label: "Correctie incidentele baten en lasten".into(),
            bedragen: neg(&incidenteel_saldo),
            totaal: false,
        },
        Regel { label: "Correctie mutaties reserves".into(), bedragen: neg(&mutaties), totaal: false },
        Regel { label: "Structureel begrotingssaldo".into(), bedragen: structureel, totaal: true },
    ]
}

/// The algemene dekkingsmiddelen as BBV art. 8 groups them, from the book's dekkingsmiddelen by
/// their taakveld: lokale heffingen (0.61–0.64), algemene uitkeringen (0.7), dividend (0.5 with
/// categorie 5.2), the saldo van de financieringsfunctie (0.5 otherwise), overige (0.8, and a
/// dekkingsmiddel without or on another taakveld), Vpb (0.9); each group a heading with its
/// dekkingsmiddelen under it, then the total, onvoorzien as its own line, and the saldo.
pub fn algemene_dekkingsmiddelen(algemeen: &Algemeen, t: i32) -> Vec<Regel> {
    let n = jaren(t).len();
    let amounts = |j: &Jaren| -> Vec<i64> { jaren(t).into_iter().map(|y| j.get(y)).collect() };
    let groep = |p: &crate::domain::begroting::Post| -> usize {
        match (p.taakveld.as_deref(), p.categorie.as_deref()) {
            (Some("0.61" | "0.62" | "0.63" | "0.64"), _) => 0,
            (Some("0.7"), _) => 1,
            (Some("0.5"), Some("5.2")) => 2,
            (Some("0.5"), _) => 3,
            (Some("0.9"), _) => 5,
            _ => 4,
        }
    };
    let namen = [
        "Lokale heffingen",
        "Algemene uitkeringen",
        "Dividend",
        "Saldo van de financieringsfunctie",
        "Overige algemene dekkingsmiddelen",
        "Vennootschapsbelasting (Vpb)",
    ];
    let mut out = Vec::new();
    let mut totaal = vec![0i64; n];
    for (g, naam) in namen.iter().enumerate() {
        let posts: Vec<_> = algemeen.algemene_dekkingsmiddelen.iter().filter(|p| groep(p) == g).collect();
        if posts.is_empty() {
            continue;
        }
        out.push(Regel { label: naam.to_string(), bedragen: Vec::new(), totaal: false });
        for p in posts {
            let bedragen = amounts(&p.bedragen);
            for (a, b) in totaal.iter_mut().zip(&bedragen) {
                *a = a.saturating_add(*b);
            }
            out.push(Regel { label: p.naam.clone(), bedragen, totaal: false });
        }
    }
    out.push(Regel { label: "Totaal algemene dekkingsmiddelen".into(), bedragen: totaal.clone(), totaal: true });
    if let Some(o) = &algemeen.onvoorzien {
        let onvoorzien: Vec<i64> = jaren(t).into_iter().map(|y| o.get(y).saturating_neg()).collect();
        for (a, b) in totaal.iter_mut().zip(&onvoorzien) {
            *a = a.saturating_add(*b);
        }
        out.push(Regel { label: "Onvoorzien".into(), bedragen: onvoorzien, totaal: false });
        out.push(Regel {
            label: "Saldo algemene dekkingsmiddelen en onvoorzien".into(),
            bedragen: totaal,
            totaal: true,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::begroting::{Begrotingsregel, Invoer, LastenBaten, Post, Reserve, overzicht};

    fn j(v: i64) -> Jaren {
        Jaren(jaren(2024).into_iter().map(|y| (y, v + i64::from(y - 2022))).collect())
    }

    fn regel(taakveld: &str, categorie: &str, v: i64) -> Begrotingsregel {
        Begrotingsregel {
            taakveld: taakveld.into(),
            categorie: categorie.into(),
            naam: None,
            incidenteel: false,
            bedragen: j(v),
        }
    }

    #[test]
    fn the_overview_per_taakveld_has_the_overview_per_programmes_totals() {
        let veiligheid = Invoer {
            lasten: Bedragen::Regels(vec![
                regel("1.1", "4.3.3", 1000),
                regel("1.2", "3.8", 300),
                regel("1.2", "1.1", 200),
            ]),
            baten: Bedragen::Regels(vec![regel("1.2", "3.7", 50)]),
            reserves: vec![Reserve { naam: "r".into(), toevoegingen: j(5), onttrekkingen: j(20) }],
            toelichting: String::new(),
        };
        let bestuur = Invoer {
            lasten: Bedragen::Totaal(j(700)),
            baten: Bedragen::Totaal(j(30)),
            reserves: Vec::new(),
            toelichting: String::new(),
        };
        let algemeen = Algemeen {
            algemene_dekkingsmiddelen: vec![
                Post { naam: "Gemeentefonds".into(), taakveld: Some("0.7".into()), categorie: None, bedragen: j(1500) },
                Post { naam: "Precario".into(), taakveld: None, categorie: None, bedragen: j(10) },
            ],
            overhead: Some(LastenBaten { lasten: Bedragen::Totaal(j(400)), baten: Bedragen::default() }),
            onvoorzien: Some(Bedragen::Totaal(j(7))),
        };
        let programmas = [
            Programma { naam: "1 Veiligheid".into(), invoer: &veiligheid },
            Programma { naam: "2 Bestuur".into(), invoer: &bestuur },
        ];
        let d = Definities::ingebouwd(2024).unwrap();
        let rows = per_taakveld(&programmas, &algemeen, 2024, Some(&d));
        let per_programma = overzicht(&programmas, &algemeen, 2024);
        let find = |rows: &[Regel], l: &str| {
            rows.iter().find(|r| r.label == l).unwrap_or_else(|| panic!("{l}")).bedragen.clone()
        };
        for total in ["Totaal lasten", "Totaal baten", "Saldo van baten en lasten", "Geraamd resultaat"] {
            assert_eq!(find(&rows, total), find(&per_programma, total), "{total}");
        }
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "0.4 Overhead",
                "0.8 Overige baten en lasten",
                "1.1 Crisisbeheersing en brandweer",
                "1.2 Openbare orde en veiligheid",
                "Programma 2 Bestuur (niet per taakveld)",
                "Totaal lasten",
                "0.7 Algemene uitkeringen en overige uitkeringen gemeentefonds",
                "1.2 Openbare orde en veiligheid",
                "Programma 2 Bestuur (niet per taakveld)",
                "Algemene dekkingsmiddelen: Precario (niet per taakveld)",
                "Totaal baten",
                "Saldo van baten en lasten",
                "0.10 Mutaties reserves: toevoegingen",
                "0.10 Mutaties reserves: onttrekkingen",
                "Geraamd resultaat",
            ]
        );
        // Two lines on 1.2 are one row: 300 + 200 in 2022.
        assert_eq!(rows[3].bedragen[0], -500);
    }

    #[test]
    fn the_algemene_dekkingsmiddelen_in_the_bbvs_groups() {
        let post = |naam: &str, taakveld: Option<&str>, categorie: Option<&str>, v: i64| Post {
            naam: naam.into(),
            taakveld: taakveld.map(str::to_string),
            categorie: categorie.map(str::to_string),
            bedragen: j(v),
        };
        let algemeen = Algemeen {
            algemene_dekkingsmiddelen: vec![
                post("Gemeentefonds", Some("0.7"), Some("4.3.1"), 1500),
                post("OZB woningen", Some("0.61"), Some("2.2.1"), 300),
                post("Dividend BNG", Some("0.5"), Some("5.2"), 20),
                post("Precario", None, None, 10),
            ],
            overhead: None,
            onvoorzien: Some(Bedragen::Totaal(j(7))),
        };
        let rows = algemene_dekkingsmiddelen(&algemeen, 2024);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Lokale heffingen",
                "OZB woningen",
                "Algemene uitkeringen",
                "Gemeentefonds",
                "Dividend",
                "Dividend BNG",
                "Overige algemene dekkingsmiddelen",
                "Precario",
                "Totaal algemene dekkingsmiddelen",
                "Onvoorzien",
                "Saldo algemene dekkingsmiddelen en onvoorzien",
            ]
        );
        // 2022 is the first column: 1500 + 300 + 20 + 10, then minus 7.
        assert_eq!(rows[8].bedragen[0], 1830);
        assert_eq!(rows[10].bedragen[0], 1823);
        assert!(rows[0].bedragen.is_empty(), "a group is a heading");
    }

    #[test]
    fn incidental_lines_and_the_structural_saldo() {
        let mut eenmalig = regel("1.2", "3.8", 300);
        eenmalig.incidenteel = true;
        eenmalig.naam = Some("Uitvoeringsplan".into());
        let mut subsidie = regel("1.2", "4.3.1", 40);
        subsidie.incidenteel = true;
        let veiligheid = Invoer {
            lasten: Bedragen::Regels(vec![regel("1.1", "4.3.3", 1000), eenmalig]),
            baten: Bedragen::Regels(vec![regel("1.2", "3.7", 50), subsidie]),
            reserves: vec![Reserve { naam: "r".into(), toevoegingen: j(5), onttrekkingen: j(20) }],
            toelichting: String::new(),
        };
        let bestuur = Invoer {
            lasten: Bedragen::Totaal(j(700)),
            baten: Bedragen::Totaal(j(30)),
            reserves: Vec::new(),
            toelichting: String::new(),
        };
        let programmas = [
            Programma { naam: "1 Veiligheid".into(), invoer: &veiligheid },
            Programma { naam: "2 Bestuur".into(), invoer: &bestuur },
        ];
        let d = Definities::ingebouwd(2024).unwrap();
        let (rows, onbekend) = incidentele(&programmas, &Algemeen::default(), 2024, Some(&d));
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Programma 1 Veiligheid: Uitvoeringsplan",
                "Totaal incidentele lasten",
                "Programma 1 Veiligheid: Openbare orde en veiligheid",
                "Totaal incidentele baten",
                "Saldo incidentele baten en lasten",
            ]
        );
        // 2024 is the third column: the amounts there are v + 2.
        assert_eq!(rows[4].bedragen[2], -302 + 42);
        assert_eq!(onbekend, ["2 Bestuur"]);
        let algemeen = Algemeen::default();
        // The book's own lines count too: an incidental overhead line.
        let mut project = regel("0.4", "3.8", 9);
        project.incidenteel = true;
        let met_overhead = Algemeen {
            overhead: Some(LastenBaten { lasten: Bedragen::Regels(vec![project]), baten: Bedragen::default() }),
            ..Algemeen::default()
        };
        let (rows, _) = incidentele(&programmas, &met_overhead, 2024, Some(&d));
        assert!(rows.iter().any(|r| r.label == "Overhead: Overhead" && r.bedragen[2] == -11), "{rows:?}");
        let s = structureel_saldo(&programmas, &algemeen, 2024);
        let resultaat = overzicht(&programmas, &algemeen, 2024).last().unwrap().bedragen[2];
        assert_eq!(s[2].bedragen[2], resultaat);
        // The structural saldo: the result without the incidental saldo and the reserves.
        assert_eq!(s[5].bedragen[2], resultaat - (-302 + 42) - (-7 + 22));
        assert_eq!(s[5].label, "Structureel begrotingssaldo");
    }
}
