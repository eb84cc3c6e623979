//! The codes a begrotingsboek enters itself, against the Iv3 definitions of its year: the
//! algemene dekkingsmiddelen's taakveld and categorie, the lines of overhead and onvoorzien.

use super::Boek;
use crate::diagnostics::Diagnostic;
use crate::domain::begroting;
use crate::source::yaml::YamlFile;

/// What is wrong with the codes the book itself enters: a dekkingsmiddel's taakveld and
/// categorie (baten), the lines of overhead (on 0.4) and onvoorzien (on 0.8).
pub(super) fn check_codes(file: &YamlFile, b: &Boek, definities: &crate::domain::iv3::Definities) -> Vec<Diagnostic> {
    use crate::domain::iv3::Kant;
    let mut found = Vec::new();
    for (i, post) in b.algemene_dekkingsmiddelen.iter().enumerate() {
        let Some(taakveld) = &post.taakveld else {
            if post.categorie.is_some() {
                found.push(
                    file.diagnostic(
                        file.locate(&["algemene_dekkingsmiddelen", &i.to_string(), "categorie"]),
                        "een categorie zonder taakveld",
                    )
                    .with_hint("geef ook het Iv3-taakveld (0.5 treasury, 0.61 OZB woningen, 0.7 gemeentefonds …)"),
                );
            }
            continue;
        };
        if taakveld == "0.10" || taakveld == "0.11" {
            found.push(
                file.diagnostic(
                    file.locate(&["algemene_dekkingsmiddelen", &i.to_string(), "taakveld"]),
                    format!("taakveld {taakveld} wordt berekend, niet ingevuld"),
                )
                .with_hint("de mutaties van reserves (0.10) komen uit de `reserves:` van de programma's, het resultaat (0.11) is het saldo van alles"),
            );
            continue;
        }
        // Without a categorie only the taakveld is known (the Iv3 delivery then names it).
        let categorie = post.categorie.as_deref().unwrap_or("3.8");
        let i = i.to_string();
        for fout in definities.check(Kant::Baten, taakveld, categorie) {
            if post.categorie.is_some() || fout.veld == "taakveld" {
                found.push(
                    file.diagnostic(file.locate(&["algemene_dekkingsmiddelen", &i, fout.veld]), fout.bericht)
                        .with_hint(fout.hint),
                );
            }
        }
    }
    let mut lines: Vec<(Vec<String>, Kant, &begroting::Bedragen, &str)> = Vec::new();
    if let Some(o) = &b.overhead {
        lines.push((vec!["overhead".into(), "lasten".into()], Kant::Lasten, &o.lasten, "0.4"));
        lines.push((vec!["overhead".into(), "baten".into()], Kant::Baten, &o.baten, "0.4"));
    }
    if let Some(o) = &b.onvoorzien {
        lines.push((vec!["onvoorzien".into()], Kant::Lasten, o, "0.8"));
    }
    for (pad, kant, bedragen, taakveld) in lines {
        let at = |rest: &[String]| {
            let steps: Vec<&str> = pad.iter().chain(rest).map(String::as_str).collect();
            file.locate(&steps)
        };
        for (rest, message, hint) in bedragen.check_codes(kant, definities) {
            found.push(file.diagnostic(at(&rest), message).with_hint(hint));
        }
        for (i, r) in bedragen.regels().iter().enumerate().filter(|(_, r)| r.taakveld != taakveld) {
            found.push(
                file.diagnostic(
                    at(&[i.to_string(), "taakveld".into()]),
                    format!("dit hoort op taakveld {taakveld}, niet op {}", r.taakveld),
                )
                .with_hint(format!("`{}` is per definitie taakveld {taakveld}", pad[0])),
            );
        }
    }
    found
}
