//! The rules of the jaarrekening's own entries, said when the jaarverslagboek is read: the
//! balans against the year's Iv3 balance codes and in balance (PF007, PF008), a post twice, the
//! Vpb's categorie, onvoorzien, and what a definitief jaarrekening must have.

use crate::diagnostics::Diagnostic;
use crate::domain::jaarrekening::Jaarrekening;
use crate::source::yaml::YamlFile;

/// The jaarrekening's own entries, as they are read: the balans (below), a post twice, the Vpb's
/// categorie, a negative onvoorzien, a definitief jaarrekening without balans, a balans without
/// its saldo van rekening.
pub(super) fn check(
    file: &YamlFile,
    jr: &Jaarrekening,
    status: crate::domain::model::Status,
    definities: Option<&crate::domain::iv3::Definities>,
    jaar: i32,
) -> Vec<Diagnostic> {
    let mut out = check_balans(file, jr, definities, jaar);
    // A post twice would count once: its second amount would vanish.
    for veld in ["algemene_dekkingsmiddelen", "overhead"] {
        let posten = if veld == "overhead" { &jr.overhead } else { &jr.algemene_dekkingsmiddelen };
        let namen: Vec<&str> = posten.iter().map(|p| p.naam.as_str()).collect();
        out.extend(crate::kinds::rules::dubbele_namen(file, &["jaarrekening", veld], "naam", &namen));
    }
    if let (Some(v), Some(definities)) = (&jr.vennootschapsbelasting, definities) {
        for (_, message, hint) in crate::domain::bedragen::check_regelcodes(
            std::iter::once(("0.9", v.categorie.as_str())),
            crate::domain::iv3::Kant::Lasten,
            definities,
        ) {
            out.push(
                file.diagnostic(file.locate(&["jaarrekening", "vennootschapsbelasting", "categorie"]), message)
                    .with_hint(hint),
            );
        }
    }
    if jr.onvoorzien.is_some_and(|o| o < 0) {
        out.push(
            file.diagnostic(
                file.locate(&["jaarrekening", "onvoorzien"]),
                "wat van onvoorzien is gebruikt, is niet negatief",
            )
            .with_hint("schrijf het gebruikte bedrag, of `onvoorzien: 0` als er niets is gebruikt"),
        );
    }
    if status == crate::domain::model::Status::Definitief && jr.balans.is_empty() {
        out.push(
            file.diagnostic(file.locate(&["jaarrekening"]), "een definitieve jaarrekening heeft een balans")
                .with_hint("geef onder `jaarrekening:` de `balans:` per balanscode van het CBS, met `begin:` en `eind:` (BBV art. 52)"),
        );
    }
    if !jr.balans.is_empty() && !jr.balans.contains_key("P114") {
        out.push(
            file.diagnostic(file.locate(&["jaarrekening", "balans"]), "de balans heeft geen saldo van rekening (P114)")
                .with_hint("het gerealiseerd resultaat staat op de balans als P114, met `begin:` (het resultaat van vorig jaar) en `eind:`"),
        );
    }
    out
}

/// The jaarrekening's balans as entered: codes of the year's Iv3 list, and activa equal to
/// passiva at the start and the end of the year (the CBS's controls PF007 and PF008).
fn check_balans(
    file: &YamlFile,
    jr: &Jaarrekening,
    definities: Option<&crate::domain::iv3::Definities>,
    jaar: i32,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(definities) = definities else { return out };
    for code in jr.balans.keys() {
        if definities.balanscode(code).is_none() {
            out.push(
                file.diagnostic(file.locate(&["jaarrekening", "balans", code]), format!("`{code}` is geen balanscode van het CBS in {jaar}"))
                    .with_hint("gebruik de codes van de Iv3-balans: A121 (gronden en terreinen), A23 (liquide middelen), P111 (algemene reserve) …"),
            );
        }
    }
    if !out.is_empty() || jr.balans.is_empty() {
        return out;
    }
    let (activa, passiva) = crate::domain::jaarrekening::totalen(
        jr.balans.iter().filter_map(|(code, s)| definities.balanscode(code).map(|b| (b.activa, s))),
    );
    for (i, wanneer) in [(0, format!("1 januari {jaar}")), (1, format!("31 december {jaar}"))] {
        if activa[i] != passiva[i] {
            out.push(
                file.diagnostic(
                    file.locate(&["jaarrekening", "balans"]),
                    format!(
                        "de balans is op {wanneer} niet in evenwicht: activa {}, passiva {}",
                        crate::domain::format::money(activa[i]),
                        crate::domain::format::money(passiva[i])
                    ),
                )
                .with_hint("het totaal van de activa is dat van de passiva (controle PF007 en PF008 van het CBS)"),
            );
        }
    }
    out
}
