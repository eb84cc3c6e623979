//! A paragraaf of the begroting (BBV art. 9–16): one file per paragraaf per year, its own PDF
//! for review, and a chapter of the year's book after the programmes, in the BBV's order.
//! Markdown text; for the paragraaf weerstandsvermogen en risicobeheersing also its capacity
//! and its risks, with the benodigde capaciteit, the ratio and its class computed.

mod model;
mod rules;
mod tabellen;
mod view;

pub use model::*;
pub use view::*;

use std::any::Any;
use std::fmt::Write;

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Status;
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
        read_with::<Paragraaf>(file, |p| rules::validate(p, file, sources))
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
            boekwaarde_grondexploitaties: (self.stuk == Stuk::Begroting && !self.grondexploitaties.is_empty())
                .then(|| self.grondexploitaties.iter().map(|g| g.boekwaarde).sum()),
            datum: None,
            verantwoording: None,
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
        match &uit_boek {
            Some(uit) => {
                self.check_reserves(&uit.reserves, context)?;
                self.check_baten(&uit.baten, context)?;
            }
            // A definitief paragraaf shows no figure it could not read.
            None if self.status == Status::Definitief && self.stuk == Stuk::Begroting && leest => {
                return Err(Diagnostic::new(
                    &context.file.relative,
                    format!(
                        "het begrotingsboek {} ontbreekt, en deze paragraaf leest er cijfers uit",
                        context.file.jaar
                    ),
                )
                .with_hint("maak het begrotingsboek van het jaar, of zet de paragraaf in concept")
                .into());
            }
            None => {}
        }
        let gelezen = Gelezen { uit_boek: uit_boek.as_ref(), partijen };
        let view = paragraaf(self, context.sources.gemeente, context.file.jaar, gelezen);
        Ok(vec![Rendering::document("paragraaf", ViewModel::new(view), context.file, self.datum)])
    }
}

impl Paragraaf {
    /// A heffing read from taakvelden on which the book has no baten would print zeros.
    fn check_baten(&self, baten: &[(String, String, PerJaar)], context: &RenderContext) -> Result<(), Problems> {
        let file = context.library.yaml(&context.file.relative);
        let mut problems = Vec::new();
        for (i, h) in self.heffingen.iter().enumerate().filter(|(_, h)| !h.taakvelden.is_empty()) {
            if baten.iter().any(|(tv, _, _)| h.taakvelden.iter().any(|c| c.trim() == tv)) {
                continue;
            }
            let bericht = format!(
                "op taakveld {} staan in het begrotingsboek {} geen baten: de opbrengst van `{}` zou 0 zijn",
                h.taakvelden.join(" en "),
                context.file.jaar,
                h.naam
            );
            let d = match &file {
                Some(f) => f.diagnostic(f.locate(&["heffingen", &i.to_string(), "taakvelden"]), bericht),
                None => Diagnostic::new(&context.file.relative, bericht),
            };
            problems.push(
                d.with_hint("noem de taakvelden waarop de begroting de opbrengst raamt, of geef `opbrengst:` per jaar"),
            );
        }
        if problems.is_empty() { Ok(()) } else { Err(Problems(problems)) }
    }

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
