//! The rules of a paragraaf that serde cannot express: each structured part in its own
//! paragraaf, years of the stuk, amounts that cannot be negative, names once per list, the
//! taakvelden a heffing is read from, and the project's verbonden partijen.

use chrono::Datelike;

use super::model::{Paragraaf, Soort, Stuk};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::format;
use crate::domain::model::Status;
use crate::kinds::Sources;
use crate::kinds::rules::check_date;
use crate::source::yaml::YamlFile;

/// The rules serde cannot express: the date; each structured part only in its own paragraaf;
/// a probability between 0 and 100 %; amounts per year in the begroting's years; the
/// lastendruk of the begroting's year; for the verbonden partijen, the project's list.
pub(super) fn validate(p: &Paragraaf, file: &YamlFile, sources: &Sources) -> Result<(), Problems> {
    let mut problems = Vec::new();
    check_date(file, "datum", p.datum, &mut problems);
    let t = crate::source::project::document_file(&file.name).map_or(p.datum.year(), |d| d.jaar);
    let delen: [(&str, bool, Soort); 8] = [
        ("weerstandscapaciteit", !p.weerstandscapaciteit.is_empty(), Soort::Weerstandsvermogen),
        ("risicos", !p.risicos.is_empty(), Soort::Weerstandsvermogen),
        ("heffingen", !p.heffingen.is_empty(), Soort::LokaleHeffingen),
        ("kostendekkendheid", !p.kostendekkendheid.is_empty(), Soort::LokaleHeffingen),
        ("lastendruk", p.lastendruk.is_some(), Soort::LokaleHeffingen),
        ("kwijtschelding", p.kwijtschelding.is_some(), Soort::LokaleHeffingen),
        ("kapitaalgoederen", !p.kapitaalgoederen.is_empty(), Soort::OnderhoudKapitaalgoederen),
        ("grondexploitaties", !p.grondexploitaties.is_empty(), Soort::Grondbeleid),
    ];
    for (key, _, soort) in delen.iter().filter(|(_, given, soort)| *given && *soort != p.paragraaf) {
        problems.push(
            file.diagnostic(file.top_level_position(key), format!("`{key}` hoort bij de {}", soort.wat()))
                .with_hint(format!("deze paragraaf is `{}`", p.paragraaf.sleutel())),
        );
    }
    for (i, c) in p.weerstandscapaciteit.iter().enumerate() {
        if c.reserve.is_some() && p.stuk == Stuk::Jaarverslag {
            problems.push(
                file.diagnostic(
                    file.locate(&["weerstandscapaciteit", &i.to_string(), "reserve"]),
                    "in de paragraaf van het jaarverslag staat een reserve als bedrag",
                )
                .with_hint("geef `{ naam: …, bedrag: … }` met de stand uit de jaarrekening; het lezen van de balans van de jaarrekening komt met de jaarstukken"),
            );
        }
        let goed = matches!((&c.naam, c.bedrag, &c.reserve), (Some(_), Some(_), None) | (_, None, Some(_)));
        if !goed {
            problems.push(
                file.diagnostic(
                    file.locate(&["weerstandscapaciteit", &i.to_string()]),
                    "een post van de weerstandscapaciteit is een bedrag met een naam, of een reserve",
                )
                .with_hint("`{ naam: Onbenutte belastingcapaciteit, bedrag: 1200000 }` of `{ reserve: algemene reserve }`: de stand van de reserve komt uit het begrotingsboek"),
            );
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
    // Amounts per year: last year's (for comparison) and the begroting's four years, or the
    // jaarverslag's own.
    let (jaren, van) = (p.stuk.jaren(t), p.stuk.van(t));
    let reeksen = p
        .heffingen
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            Some((["heffingen".to_string(), i.to_string(), "opbrengst".into()], h.opbrengst.as_ref()?))
        })
        .chain(
            p.kapitaalgoederen
                .iter()
                .enumerate()
                .map(|(i, k)| (["kapitaalgoederen".to_string(), i.to_string(), "lasten".into()], &k.lasten)),
        );
    for (pad, reeks) in reeksen {
        for jaar in reeks.0.keys().filter(|j| !jaren.contains(*j)) {
            let j = jaar.to_string();
            problems.push(
                file.diagnostic(
                    file.locate(&[&pad[0], &pad[1], &pad[2], &j]),
                    format!("{jaar} is geen jaar van {van}"),
                )
                .with_hint(format!(
                    "bedragen per jaar van {} (vorig jaar) tot en met {}",
                    jaren.start(),
                    jaren.end()
                )),
            );
        }
    }
    for (i, k) in p.kostendekkendheid.iter().enumerate() {
        if k.kosten <= 0 || k.opbrengst.is_some_and(|o| o < 0) {
            problems.push(
                file.diagnostic(
                    file.locate(&["kostendekkendheid", &i.to_string()]),
                    format!("de kosten van de {} moeten groter zijn dan 0 en de opbrengst niet negatief", k.heffing),
                )
                .with_hint("de dekking is opbrengst / kosten"),
            );
        }
    }
    if let Some(l) = &p.lastendruk {
        for (wie, reeks) in [("eigenaar", &l.eigenaar), ("huurder", &l.huurder)] {
            if wie == "eigenaar" && !reeks.contains_key(&t) {
                problems.push(
                    file.diagnostic(
                        file.locate(&["lastendruk", wie]),
                        format!("de lastendruk van de eigenaar in {t} ontbreekt"),
                    )
                    .with_hint(format!(
                        "geef {t} (en {} om te vergelijken); hij geeft ook de belastingcapaciteit (fk.6)",
                        t - 1
                    )),
                );
            }
            for jaar in reeks.keys().filter(|j| **j != t && **j != t - 1) {
                problems.push(
                    file.diagnostic(
                        file.locate(&["lastendruk", wie, &jaar.to_string()]),
                        format!("de lastendruk van {jaar} hoort niet in {van}"),
                    )
                    .with_hint(format!("de paragraaf vergelijkt {t} met {}", t - 1)),
                );
            }
        }
        if !(l.landelijk_gemiddelde > 0.0 && l.landelijk_gemiddelde.is_finite()) {
            problems.push(
                file.diagnostic(
                    file.locate(&["lastendruk", "landelijk_gemiddelde"]),
                    "het landelijk gemiddelde moet groter zijn dan 0",
                )
                .with_hint(
                    "de woonlasten van een meerpersoonshuishouden, landelijk gemiddeld, van het jaar ervoor (COELO)",
                ),
            );
        }
    }
    for (i, g) in p.grondexploitaties.iter().enumerate() {
        let at = |key: &str| file.locate(&["grondexploitaties", &i.to_string(), key]);
        if g.nog_te_maken_kosten < 0 || g.nog_te_realiseren_opbrengsten < 0 {
            problems.push(
                file.diagnostic(at("naam"), format!("{}: kosten en opbrengsten zijn niet negatief", g.naam))
                    .with_hint("een negatieve boekwaarde mag wel: er is meer opbrengst dan kosten geboekt"),
            );
        }
        if g.einde > t + 50 {
            problems.push(
                file.diagnostic(at("einde"), format!("{} eindigt in {}?", g.naam, g.einde))
                    .with_hint("het jaar waarin de grondexploitatie wordt afgesloten"),
            );
        }
        if g.einde < t {
            problems.push(
                file.diagnostic(at("einde"), format!("{} eindigt in {}, vóór {van}", g.naam, g.einde))
                    .with_hint("een afgesloten grondexploitatie hoort niet meer in de paragraaf"),
            );
        }
    }
    check_bedragen(p, file, t, &mut problems);
    check_heffingen(p, file, sources, t, &mut problems);
    if p.paragraaf == Soort::VerbondenPartijen {
        check_partijen(p, file, sources, t, &mut problems);
    }
    if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
}

/// Amounts that cannot be negative are not; a name is used once per list; a plan was adopted
/// before its year.
fn check_bedragen(p: &Paragraaf, file: &YamlFile, t: i32, problems: &mut Vec<Diagnostic>) {
    let mut negatief = |pad: Vec<String>, waarde: String| {
        let steps: Vec<&str> = pad.iter().map(String::as_str).collect();
        problems.push(
            file.diagnostic(file.locate(&steps), format!("`{}` is negatief: {waarde}", pad.last().map_or("", |s| s)))
                .with_hint("opbrengsten, lasten, bedragen, effecten en lastendruk zijn niet negatief"),
        );
    };
    let s = |x: &str| x.to_string();
    for (i, h) in p.heffingen.iter().enumerate() {
        for (j, b) in h.opbrengst.iter().flat_map(|o| &o.0).filter(|(_, b)| **b < 0) {
            negatief(vec![s("heffingen"), i.to_string(), s("opbrengst"), j.to_string()], b.to_string());
        }
    }
    for (i, k) in p.kapitaalgoederen.iter().enumerate() {
        for (j, b) in k.lasten.0.iter().filter(|(_, b)| **b < 0) {
            negatief(vec![s("kapitaalgoederen"), i.to_string(), s("lasten"), j.to_string()], b.to_string());
        }
        if let Some(a) = k.achterstallig.filter(|a| *a < 0) {
            negatief(vec![s("kapitaalgoederen"), i.to_string(), s("achterstallig")], a.to_string());
        }
    }
    for (i, c) in p.weerstandscapaciteit.iter().enumerate() {
        if let Some(b) = c.bedrag.filter(|b| *b < 0) {
            negatief(vec![s("weerstandscapaciteit"), i.to_string(), s("bedrag")], b.to_string());
        }
    }
    for (i, r) in p.risicos.iter().enumerate().filter(|(_, r)| r.effect < 0) {
        negatief(vec![s("risicos"), i.to_string(), s("effect")], r.effect.to_string());
    }
    if let Some(k) = p.kwijtschelding.as_ref().and_then(|k| k.raming).filter(|r| *r < 0) {
        negatief(vec![s("kwijtschelding"), s("raming")], k.to_string());
    }
    if let Some(l) = &p.lastendruk {
        for (wie, reeks) in [("eigenaar", &l.eigenaar), ("huurder", &l.huurder)] {
            for (jaar, lasten) in reeks {
                let posten = [
                    ("ozb", lasten.ozb),
                    ("rioolheffing", lasten.rioolheffing),
                    ("afvalstoffenheffing", lasten.afvalstoffenheffing),
                    ("heffingskorting", lasten.heffingskorting),
                ];
                for (key, x) in posten.into_iter().filter(|(_, x)| *x < 0.0 || !x.is_finite()) {
                    negatief(vec![s("lastendruk"), s(wie), jaar.to_string(), s(key)], format::number_auto(x, 2));
                }
            }
        }
    }
    for (i, k) in p.kapitaalgoederen.iter().enumerate().filter(|(_, k)| !(1900..=t).contains(&k.vastgesteld)) {
        problems.push(
            file.diagnostic(
                file.locate(&["kapitaalgoederen", &i.to_string(), "vastgesteld"]),
                format!("het beheerplan van {} is vastgesteld in {}?", k.naam, k.vastgesteld),
            )
            .with_hint(format!("het jaar waarin de raad het plan vaststelde, uiterlijk {t}")),
        );
    }
    // Each name once in its list: a heffing, a kapitaalgoed, a complex, a risk twice would be
    // counted twice.
    let capaciteit: Vec<&str> =
        p.weerstandscapaciteit.iter().map(|c| c.naam.as_deref().or(c.reserve.as_deref()).unwrap_or("")).collect();
    let lijsten: [(&str, &str, Vec<&str>); 6] = [
        ("weerstandscapaciteit", "naam", capaciteit),
        ("heffingen", "naam", p.heffingen.iter().map(|h| h.naam.as_str()).collect()),
        ("kostendekkendheid", "heffing", p.kostendekkendheid.iter().map(|k| k.heffing.as_str()).collect()),
        ("kapitaalgoederen", "naam", p.kapitaalgoederen.iter().map(|k| k.naam.as_str()).collect()),
        ("grondexploitaties", "naam", p.grondexploitaties.iter().map(|g| g.naam.as_str()).collect()),
        ("risicos", "naam", p.risicos.iter().map(|r| r.naam.as_str()).collect()),
    ];
    for (lijst, key, namen) in lijsten {
        problems.extend(crate::kinds::rules::dubbele_namen(file, &[lijst], key, &namen));
    }
}

/// The taakvelden of the algemene belastingen (ozb, parkeer-, overige belastingen): no cap on
/// what they bring in.
const ALGEMENE_BELASTINGEN: [&str; 4] = ["0.61", "0.62", "0.63", "0.64"];

/// A heffing has its opbrengst typed, or the taakvelden it is read from (of the Iv3 list of
/// the year, each in one heffing only; in the begroting only: the jaarverslag's lines are not
/// read yet). The kostendekkendheid reads the opbrengst of a heffing listed there, and is not
/// for an algemene belasting.
fn check_heffingen(p: &Paragraaf, file: &YamlFile, sources: &Sources, t: i32, problems: &mut Vec<Diagnostic>) {
    let zelfde = crate::domain::verbonden_partijen::zelfde_naam;
    for (i, k) in p.kostendekkendheid.iter().enumerate() {
        let i = i.to_string();
        let heffing = p.heffingen.iter().find(|h| zelfde(&h.naam, &k.heffing));
        let at = |key: &str| {
            file.locate(&["kostendekkendheid", &i, key]).or_else(|| file.locate(&["kostendekkendheid", &i]))
        };
        match (heffing, k.opbrengst) {
            (Some(_), Some(_)) => problems.push(
                file.diagnostic(
                    at("opbrengst"),
                    format!("de opbrengst van `{}` staat al onder `heffingen:`", k.heffing),
                )
                .with_hint("laat `opbrengst` hier weg: de dekking rekent met die van de heffing in het begrotingsjaar"),
            ),
            (None, None) => problems.push(
                file.diagnostic(
                    at("heffing"),
                    format!("`{}` staat niet onder `heffingen:` en heeft hier geen opbrengst", k.heffing),
                )
                .with_hint("geef de heffing onder `heffingen:`, of hier `opbrengst:`"),
            ),
            _ => {}
        }
        if heffing.is_some_and(|h| {
            !h.taakvelden.is_empty() && h.taakvelden.iter().all(|c| ALGEMENE_BELASTINGEN.contains(&c.trim()))
        }) {
            problems.push(
                file.diagnostic(
                    at("heffing"),
                    format!("`{}` is een algemene belasting: zij hoeft niet kostendekkend te zijn", k.heffing),
                )
                .with_hint(
                    "de kostendekkendheid geldt voor heffingen als de rioolheffing, de afvalstoffenheffing en leges",
                ),
            );
        }
    }
    // A taakveld in two heffingen would count its baten twice.
    let mut gezien: Vec<&str> = Vec::new();
    for (i, h) in p.heffingen.iter().enumerate() {
        for (k, code) in h.taakvelden.iter().enumerate() {
            let eerder = gezien.contains(&code.trim());
            gezien.push(code.trim());
            if eerder {
                problems.push(
                    file.diagnostic(
                        file.locate(&["heffingen", &i.to_string(), "taakvelden", &k.to_string()]),
                        format!("taakveld {code} staat al bij een heffing: zijn baten zouden twee keer tellen"),
                    )
                    .with_hint("elk taakveld bij één heffing"),
                );
            }
        }
    }
    for (i, h) in p.heffingen.iter().enumerate() {
        let i = i.to_string();
        let at = |key: &str| file.locate(&["heffingen", &i, key]).or_else(|| file.locate(&["heffingen", &i]));
        match (&h.opbrengst, h.taakvelden.is_empty()) {
            (Some(_), false) | (None, true) => problems.push(
                file.diagnostic(at("naam"), format!("geef van `{}` de `opbrengst:` per jaar, of de `taakvelden:` waar zij uit volgt", h.naam))
                    .with_hint("één van beide: `taakvelden: [\"0.61\", \"0.62\"]` leest de baten van de begroting op die taakvelden"),
            ),
            (None, false) if p.stuk == Stuk::Jaarverslag => problems.push(
                file.diagnostic(at("taakvelden"), "in de paragraaf van het jaarverslag staat de opbrengst als bedragen")
                    .with_hint("geef `opbrengst:` met de realisatie per jaar; het lezen uit de regels van het jaarverslag komt met de jaarstukken"),
            ),
            _ => {}
        }
        if let Some(definities) = sources.iv3.definities(t) {
            for (k, code) in h.taakvelden.iter().enumerate() {
                if definities.taakveld(code.trim()).is_none() {
                    problems.push(
                        file.diagnostic(
                            file.locate(&["heffingen", &i, "taakvelden", &k.to_string()]),
                            format!("`{code}` is geen taakveld van de Iv3-indeling van {t}"),
                        )
                        .with_hint("de taakvelden van het CBS, bijvoorbeeld 0.61 (OZB woningen), 0.62 (OZB niet-woningen), 7.2 (riolering), 7.3 (afval)"),
                    );
                }
            }
        }
    }
}

/// The paragraaf verbonden partijen lists the project's parties: without the list it has none;
/// a definitief one needs every party's figures of its year.
fn check_partijen(p: &Paragraaf, file: &YamlFile, sources: &Sources, t: i32, problems: &mut Vec<Diagnostic>) {
    use crate::domain::verbonden_partijen::VERBONDEN_PARTIJEN_FILE;
    let lijst = match sources.verbonden_partijen {
        Ok(lijst) => lijst,
        Err(fouten) => {
            problems.push(
                file.diagnostic(
                    file.top_level_position("paragraaf"),
                    format!("de lijst van verbonden partijen ({VERBONDEN_PARTIJEN_FILE}) bevat fouten"),
                )
                .with_hint("de paragraaf wordt gemaakt zodra de lijst in orde is"),
            );
            problems.extend(fouten.0.iter().cloned());
            return;
        }
    };
    let Some(lijst) = lijst else {
        problems.push(
            file.diagnostic(file.top_level_position("paragraaf"), format!("{VERBONDEN_PARTIJEN_FILE} ontbreekt"))
                .with_hint(format!("de paragraaf verbonden partijen toont de partijen uit {VERBONDEN_PARTIJEN_FILE}: elke partij eenmaal, met haar cijfers per jaar")),
        );
        return;
    };
    let fouten: Vec<Diagnostic> = lijst.fouten.values().flatten().cloned().collect();
    if !fouten.is_empty() {
        problems.push(
            file.diagnostic(
                file.top_level_position("paragraaf"),
                format!("de lijst van verbonden partijen ({VERBONDEN_PARTIJEN_FILE}) bevat fouten"),
            )
            .with_hint("de paragraaf toont alle partijen en wordt gemaakt zodra de lijst in orde is"),
        );
        problems.extend(fouten);
    }
    if p.status != Status::Definitief {
        return;
    }
    let realisatie = p.stuk == Stuk::Jaarverslag;
    for partij in lijst.in_jaar(t).into_iter().filter(|partij| partij.cijfers(t, realisatie).is_none()) {
        problems.push(
            Diagnostic::new(VERBONDEN_PARTIJEN_FILE, format!("verbonden partij `{}` heeft geen {} over {t}", partij.naam, if realisatie { "gerealiseerde cijfers" } else { "verwachte cijfers" }))
                .with_hint(format!(
                    "de definitieve paragraaf van {t} ({}) toont van elke partij de cijfers van {t}: geef ze onder `{}:`, of `tot:` als zij geen verbonden partij meer is",
                    file.name,
                    if realisatie { "realisatie" } else { "verwacht" }
                )),
        );
    }
}
