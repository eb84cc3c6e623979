//! A paragraaf of the begroting (BBV art. 9–16): one file per paragraaf per year, its own PDF
//! for review, and a chapter of the year's book after the programmes, in the BBV's order.
//! Markdown text; for the paragraaf weerstandsvermogen en risicobeheersing also its capacity
//! and its risks, with the benodigde capaciteit, the ratio and its class computed.

mod model;
mod tabellen;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::fmt::Write;

use chrono::Datelike;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::format;
use crate::domain::model::Status;
use crate::kinds::rules::check_date;
use crate::kinds::{Document, Kind, New, RenderContext, Rendering, Sources, ViewModel, VoorParagraaf, read_with};
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

    fn hoofdstuk_van(&self) -> &'static [&'static str] {
        &["begrotingsboek", "jaarverslagboek"]
    }

    /// Its `stuk:` line says which book; without it, the begroting's.
    fn hoofdstuk_van_bestand(&self, bytes: &[u8]) -> &'static [&'static str] {
        match crate::source::project::sniff_stuk(bytes).as_deref() {
            Some("jaarverslag") => &["jaarverslagboek"],
            Some("begroting") | None => &["begrotingsboek"],
            // A value that is none of these is an error of the file: both books wait for it.
            Some(_) => self.hoofdstuk_van(),
        }
    }

    fn may_be_bijlage(&self) -> bool {
        true
    }

    fn read(&self, file: &YamlFile, sources: &Sources) -> (Option<Arc<dyn Document>>, Vec<Diagnostic>) {
        read_with::<Paragraaf>(file, |p| validate(p, file, sources))
    }

    fn scaffold(&self, new: &New) -> Result<(String, String), Problems> {
        scaffold(new)
    }

    /// Every paragraaf of BBV art. 9, in a begrotingsboek; in a jaarverslagboek again (art. 26).
    fn vereist_in(&self, boek: &str) -> Vec<crate::kinds::Vereist> {
        let jaarverslag = boek == Stuk::Jaarverslag.boek();
        if boek != Stuk::Begroting.boek() && !jaarverslag {
            return Vec::new();
        }
        Soort::ALLE
            .iter()
            .map(|s| crate::kinds::Vereist {
                sleutel: s.sleutel(),
                wat: s.wat(),
                artikel: if jaarverslag { "BBV art. 26" } else { s.artikel() },
            })
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
            boek: self.stuk.boek(),
            nummer: None,
            programma: titel(self),
            voorbeeldgegevens: self.voorbeeldgegevens,
            financien: None,
            paragraaf: Some((self.paragraaf.volgorde(), self.paragraaf.sleutel())),
            woonlasten: self.woonlasten(),
            reserves: self.weerstandscapaciteit.iter().filter_map(|c| c.reserve.clone()).collect(),
        })
    }

    fn renderings(&self, context: &RenderContext) -> Result<Vec<Rendering>, Problems> {
        // The jaarverslag's kengetallen and norms need the jaarrekening's balans: not yet read.
        let leest = view::uit_boek_kop(self.paragraaf).is_some()
            || self.heffingen.iter().any(|h| !h.taakvelden.is_empty())
            || self.weerstandscapaciteit.iter().any(|c| c.reserve.is_some());
        let uit_boek = match (leest, self.stuk) {
            (true, Stuk::Begroting) => uit_boek(self.paragraaf, context)?,
            _ => None,
        };
        let partijen = match self.paragraaf {
            Soort::VerbondenPartijen => crate::kinds::programma::lees_partijen(true, context),
            _ => None,
        };
        if let Some(uit) = &uit_boek {
            self.check_reserves(&uit.reserves, context)?;
        }
        let gelezen = Gelezen { uit_boek: uit_boek.as_ref(), partijen };
        let view = paragraaf(self, context.sources.gemeente, context.file.jaar, gelezen);
        Ok(vec![Rendering::document("paragraaf", ViewModel::new(view), context.file, self.datum)])
    }
}

impl Paragraaf {
    /// A reserve the weerstandscapaciteit counts must have its stand in the book's financial
    /// position: said at the line that names it.
    fn check_reserves(&self, reserves: &[(String, i64)], context: &RenderContext) -> Result<(), Problems> {
        let file = context.library.yaml(&context.file.relative);
        let mut problems = Vec::new();
        for (i, c) in self.weerstandscapaciteit.iter().enumerate() {
            let Some(naam) = &c.reserve else { continue };
            if reserves.iter().any(|(r, _)| r.trim().eq_ignore_ascii_case(naam.trim())) {
                continue;
            }
            let at = file.as_ref().and_then(|f| f.locate(&["weerstandscapaciteit", &i.to_string(), "reserve"]));
            let bericht = format!(
                "de reserve `{naam}` heeft geen stand in de financiële positie van het begrotingsboek {}",
                context.file.jaar
            );
            let d = match &file {
                Some(f) => f.diagnostic(at, bericht),
                None => Diagnostic::new(&context.file.relative, bericht),
            };
            let namen: Vec<&str> = reserves.iter().map(|(r, _)| r.as_str()).collect();
            problems.push(
                d.with_hint(match namen.is_empty() {
                    true => "geef haar stand op 1 januari onder `financiele_positie: reserves:` in het begrotingsboek"
                        .to_string(),
                    false => format!("het boek kent: {}", namen.join(", ")),
                }),
            );
        }
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

    /// The owner's woonlasten of the begroting's year (the last the lastendruk gives; `check`
    /// holds it to that year), with the national average: the book's fk.6.
    fn woonlasten(&self) -> Option<crate::domain::kengetallen::Woonlasten> {
        let l = self.lastendruk.as_ref()?;
        let (_, nu) = l.eigenaar.last_key_value()?;
        Some(crate::domain::kengetallen::Woonlasten {
            ozb: nu.ozb,
            rioolheffing: nu.rioolheffing,
            afvalstoffenheffing: nu.afvalstoffenheffing,
            heffingskorting: nu.heffingskorting,
            landelijk_gemiddelde: l.landelijk_gemiddelde,
            bron_landelijk_gemiddelde: l.bron_landelijk_gemiddelde.clone(),
        })
    }
}

/// The book this paragraaf is a chapter of computes what it shows of the year's finance (the
/// kengetallen, the Wet fido norms): read through the library, so a correction in any programme
/// builds the paragraaf again. `None` while the year has no book.
fn uit_boek(paragraaf: Soort, context: &RenderContext) -> Result<Option<VoorParagraaf>, Problems> {
    let jaar = context.file.jaar;
    let soort = Stuk::Begroting.boek();
    context.reads.read(crate::source::project::documenten_met_nummer_key(&[soort], jaar));
    let boeken = context.library.documents().into_iter().filter(|d| d.jaar == jaar);
    let Some(boek) =
        boeken.into_iter().find(|d| crate::kinds::soort_line(context.library, d).as_deref() == Some(soort))
    else {
        return Ok(None);
    };
    let loaded = context.library.load_read(&boek, context.reads).map_err(|p| {
        let d = Diagnostic::new(
            &boek.relative,
            format!("dit boek bevat fouten en wordt gelezen voor de {}", paragraaf.wat()),
        );
        Problems(std::iter::once(d).chain(p.0).collect())
    })?;
    let boek_context = RenderContext {
        file: &loaded.file,
        sources: context.sources,
        charts: context.charts,
        library: context.library,
        reads: context.reads,
    };
    loaded.document.voor_paragraaf(paragraaf.sleutel(), &boek_context).map(Some)
}

/// The rules serde cannot express: the date; each structured part only in its own paragraaf;
/// a probability between 0 and 100 %; amounts per year in the begroting's years; the
/// lastendruk of the begroting's year; for the verbonden partijen, the project's list.
fn validate(p: &Paragraaf, file: &YamlFile, sources: &Sources) -> Result<(), Problems> {
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
        if k.kosten <= 0 || k.opbrengst < 0 {
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
    let lijsten: [(&str, &str, Vec<&str>); 5] = [
        ("heffingen", "naam", p.heffingen.iter().map(|h| h.naam.as_str()).collect()),
        ("kostendekkendheid", "heffing", p.kostendekkendheid.iter().map(|k| k.heffing.as_str()).collect()),
        ("kapitaalgoederen", "naam", p.kapitaalgoederen.iter().map(|k| k.naam.as_str()).collect()),
        ("grondexploitaties", "naam", p.grondexploitaties.iter().map(|g| g.naam.as_str()).collect()),
        ("risicos", "naam", p.risicos.iter().map(|r| r.naam.as_str()).collect()),
    ];
    for (lijst, key, namen) in lijsten {
        for (i, naam) in namen.iter().enumerate() {
            if namen[..i].iter().any(|n| crate::domain::verbonden_partijen::zelfde_naam(n, naam)) {
                problems.push(
                    file.diagnostic(
                        file.locate(&[lijst, &i.to_string(), key]),
                        format!("`{naam}` staat twee keer onder `{lijst}`"),
                    )
                    .with_hint("elk één keer: twee keer zou dubbel tellen"),
                );
            }
        }
    }
}

/// A heffing has its opbrengst typed, or the taakvelden it is read from (of the Iv3 list of
/// the year; in the begroting only: the jaarverslag's lines are not read yet).
fn check_heffingen(p: &Paragraaf, file: &YamlFile, sources: &Sources, t: i32, problems: &mut Vec<Diagnostic>) {
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
        "soort: paragraaf\nstatus: concept\nparagraaf: {}\n# `begroting`, of `jaarverslag` voor de paragraaf van het jaarverslag (dan met een eigen\n# bestandsnaam, zoals paragraaf-jaarverslag-financiering.yaml).\nstuk: begroting\ndatum: {}\nvoorbeeldgegevens: false\n",
        soort.sleutel(),
        new.today
    );
    t += "# De tekst, met `#` en `##` voor eigen tussenkoppen.\n";
    let _ = writeln!(t, "tekst: |\n  {}", crate::kinds::IN_TE_VULLEN);
    let j = new.jaar;
    match soort {
        Soort::LokaleHeffingen => {
            t += "\n# De opbrengst per heffing: gelezen uit de baten van de begroting op haar taakvelden, of per\n# jaar ingevuld (hele euro's, vorig jaar tot en met het vierde jaar).\nheffingen:\n  - { naam: Onroerendezaakbelastingen, taakvelden: [\"0.61\", \"0.62\"] }\n";
            let _ = writeln!(
                t,
                "# Wat een meerpersoonshuishouden betaalt (euro's), als eigenaar en als huurder; het landelijk\n# gemiddelde met zijn bron geeft de belastingcapaciteit (fk.6). Haal de # weg en vul in:\n# lastendruk:\n#   eigenaar: {{ {}: {{ ozb: 0, rioolheffing: 0, afvalstoffenheffing: 0 }}, {j}: {{ … }} }}\n#   huurder: {{ {}: {{ afvalstoffenheffing: 0 }}, {j}: {{ … }} }}\n#   landelijk_gemiddelde: 0\n#   bron_landelijk_gemiddelde: \"COELO, Atlas van de lokale lasten {}\"",
                j - 1,
                j - 1,
                j - 1
            );
        }
        Soort::OnderhoudKapitaalgoederen => {
            let _ = writeln!(
                t,
                "\n# Per soort kapitaalgoed: het beheerplan, het jaar van vaststelling, het onderhoudsniveau en de\n# lasten per jaar (hele euro's).\nkapitaalgoederen:\n  - {{ naam: Wegen, beleidsplan: \"In te vullen\", vastgesteld: {j}, onderhoudsniveau: \"In te vullen\", lasten: {{ {j}: 0 }} }}"
            );
        }
        Soort::Grondbeleid => {
            t += "\n# De grondexploitaties (hele euro's); het verwachte resultaat wordt berekend. Haal de # weg:\n# grondexploitaties:\n#   - { naam: …, boekwaarde: 0, nog_te_maken_kosten: 0, nog_te_realiseren_opbrengsten: 0, einde: … }\n";
        }
        Soort::VerbondenPartijen => {
            t += "\n# De partijen en hun cijfers staan eenmaal in data/verbonden-partijen.yaml.\n";
        }
        _ => {}
    }
    if soort == Soort::Weerstandsvermogen {
        t += "\n# Wat beschikbaar is om risico's op te vangen: een bedrag met een naam, of een reserve met haar\n# stand uit het begrotingsboek (`{ reserve: Algemene reserve }`).\nweerstandscapaciteit:\n  - { naam: Onbenutte belastingcapaciteit, bedrag: 0 }\n";
        t += "# De risico's: kans in procenten, effect in hele euro's; benodigd = kans × effect.\nrisicos:\n  - { naam: In te vullen risico, kans: 0, effect: 0 }\n";
    }
    Ok((format!("paragraaf-{}.yaml", soort.sleutel().replace('_', "-")), t))
}
