//! Loading the documents of a run together, with the rules that span documents: one
//! document per `nummer`, one per kind and year where a kind says so, and every output path
//! owned by one document — in a partial build too, knowing what earlier builds recorded.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::batch::state as incremental;
use crate::diagnostics::{Diagnostic, Problems};
use crate::source::project::DocumentFile;
use crate::source::yaml::YamlFile;

use super::{Loaded, Session, sent};

impl Session {
    /// Loads every given document, and checks the rules that span documents (a `nummer` used
    /// twice, a file two documents would write). Returns the loaded ones and the problems per
    /// file.
    pub fn load_all(&self, docs: &[DocumentFile]) -> Vec<Result<Loaded, Problems>> {
        self.load_all_claimed(docs, &BTreeMap::new())
    }

    /// Like [`Session::load_all`], knowing which files other documents make: every output path
    /// belongs to one document, in a partial build too. `state` gives what earlier builds
    /// recorded; documents outside `docs` that were never built are read for their outputs.
    pub fn load_all_owned(&self, docs: &[DocumentFile], state: &incremental::State) -> Vec<Result<Loaded, Problems>> {
        let listing = self.project.documents().unwrap_or_default();
        let existing: BTreeSet<String> = listing.iter().map(|d| d.relative.clone()).collect();
        let mut claims = crate::batch::sent::claims(state, &existing);
        let in_run: BTreeSet<&str> = docs.iter().map(|d| d.relative.as_str()).collect();
        for doc in listing
            .iter()
            .filter(|d| !in_run.contains(d.relative.as_str()) && !state.documenten.contains_key(&d.relative))
        {
            if let Ok(loaded) = self.load(doc) {
                for pad in sent::outputs(&loaded) {
                    claims.entry(pad).or_insert_with(|| doc.relative.clone());
                }
            }
        }
        self.load_all_claimed(docs, &claims)
    }

    /// Loads and checks `docs`; `claims` maps output paths to the document that makes them.
    fn load_all_claimed(
        &self,
        docs: &[DocumentFile],
        claims: &BTreeMap<String, String>,
    ) -> Vec<Result<Loaded, Problems>> {
        let mut results: Vec<Result<Loaded, Problems>> = docs.iter().map(|d| self.load(d)).collect();
        // A claim of a document in this run counts only while it still makes that file.
        let current: HashMap<&str, Vec<String>> =
            results.iter().flatten().map(|l| (l.file.relative.as_str(), sent::outputs(l))).collect();
        let mut outputs: HashMap<String, String> = claims
            .iter()
            .filter(|(pad, owner)| current.get(owner.as_str()).is_none_or(|mine| mine.contains(pad)))
            .map(|(pad, owner)| (pad.clone(), owner.clone()))
            .collect();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut per_jaar: HashMap<(&str, i32), String> = HashMap::new();
        for result in results.iter_mut() {
            let Ok(loaded) = result else { continue };
            let soort = loaded.document.soort();
            if self.kind(soort).is_some_and(|k| k.one_per_year()) {
                let relative = loaded.file.relative.clone();
                if let Some(first) = per_jaar.get(&(soort, loaded.file.jaar)) {
                    *result =
                        Err(Diagnostic::new(&relative, format!("er is al een {soort} voor {}", loaded.file.jaar))
                            .with_hint(format!("{first} is het {soort} van dat jaar; één {soort} per jaar"))
                            .into());
                    continue;
                }
                per_jaar.insert((soort, loaded.file.jaar), relative);
            }
            if let Some(nummer) = loaded.document.nummer() {
                let relative = loaded.file.relative.clone();
                if let Some(first) = seen.get(&nummer) {
                    *result = Err(self
                        .at_nummer(&relative, &nummer, format!("nummer `{nummer}` is al gebruikt"))
                        .with_hint(format!(
                            "{first} heeft hetzelfde nummer; elk document heeft een eigen registratienummer"
                        ))
                        .into());
                    continue;
                }
                seen.insert(nummer, relative);
            }
            // What is sent holds nothing unsent: a definitief document's bijlage that is a
            // document of the project is definitief too.
            if loaded.document.status() == crate::domain::model::Status::Definitief {
                let concept = loaded.document.bijlage_documents().into_iter().map(|(b, _)| b).find(|b| {
                    crate::source::project::document_file(b)
                        .and_then(|d| self.load(&d).ok())
                        .is_some_and(|l| l.document.status() != crate::domain::model::Status::Definitief)
                });
                if let Some(bijlage) = concept {
                    let relative = loaded.file.relative.clone();
                    let text = self.project.read(&relative).unwrap_or_default();
                    let message = format!("de bijlage `{bijlage}` is nog een concept, maar dit document is definitief");
                    let diagnostic = match YamlFile::decode(&relative, &text) {
                        Ok(f) => f.diagnostic(f.find_key("bestand", Some(&bijlage)), message),
                        Err(_) => Diagnostic::new(&relative, message),
                    };
                    *result = Err(diagnostic
                        .with_hint(
                            "wat wordt verstuurd, bevat niets wat nog kan veranderen: maak de bijlage eerst definitief",
                        )
                        .into());
                    continue;
                }
            }
            // Every output belongs to one document: two that would write the same PDF (nummers
            // "2025/001" and "2025-001", or a.yml beside a.yaml) cannot both be built.
            let relative = loaded.file.relative.clone();
            let mine = sent::outputs(loaded);
            // A name Windows or the site reserves: refused before anything is written.
            if let Some(why) = mine.iter().find_map(|o| name_problem(o)) {
                let diagnostic = match loaded.document.nummer() {
                    Some(nummer) => self.at_nummer(&relative, &nummer, why),
                    None => Diagnostic::new(&relative, why),
                };
                *result =
                    Err(diagnostic.with_hint("geef het document een andere bestandsnaam (of een ander nummer)").into());
                continue;
            }
            let taken = mine.iter().find_map(|o| {
                outputs.get(o).filter(|first| **first != relative).map(|first| (o.clone(), first.clone())).or_else(
                    || {
                        // On Windows and macOS two names that differ only in case are one file.
                        let folded = o.to_lowercase();
                        outputs.iter().find(|(pad, owner)| pad.to_lowercase() == folded && **owner != relative).map(
                            |(pad, owner)| {
                                (o.clone(), format!("{owner} (als `{pad}`: alleen hoofdletters verschillen)"))
                            },
                        )
                    },
                )
            });
            if let Some((pad, first)) = taken {
                let message = format!("`{pad}` wordt ook gemaakt door {first}");
                let diagnostic = match loaded.document.nummer() {
                    Some(nummer) => self.at_nummer(&relative, &nummer, message),
                    None => Diagnostic::new(&relative, message),
                };
                *result = Err(diagnostic
                    .with_hint("elk document maakt zijn eigen PDF's: geef dit document een ander nummer of een andere bestandsnaam")
                    .into());
                continue;
            }
            for o in mine {
                outputs.entry(o).or_insert_with(|| relative.clone());
            }
        }
        results
    }

    /// A diagnostic at a document's `nummer`.
    fn at_nummer(&self, relative: &str, nummer: &str, message: String) -> Diagnostic {
        let text = self.project.read(relative).unwrap_or_default();
        match YamlFile::decode(relative, &text) {
            Ok(f) => f.diagnostic(f.find_key("nummer", Some(nummer)), message),
            Err(_) => Diagnostic::new(relative, message),
        }
    }
}

/// The site's own pages and folders in a year folder, which no document's page may replace.
const RESERVED: [&str; 7] = ["index", "zoeken", "sitemap", "gegevens", "assets", "bestanden", "zoekindex"];

/// Why an output path (`2024/x.pdf`) cannot be written where the griffie copies it, if so:
/// a Windows device name (`CON`, `aux`, `com1` …, with any extension), a name ending in a dot or
/// a space, or a name the web edition uses for its own pages.
pub(super) fn name_problem(pad: &str) -> Option<String> {
    let name = pad.rsplit('/').next().unwrap_or(pad);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let base = stem.split('.').next().unwrap_or(stem).to_ascii_lowercase();
    let device = matches!(base.as_str(), "con" | "prn" | "aux" | "nul")
        || ((base.starts_with("com") || base.starts_with("lpt"))
            && base.len() == 4
            && base[3..].chars().all(|c| c.is_ascii_digit() && c != '0'));
    if device {
        return Some(format!("`{name}` is op Windows een apparaatnaam, geen bestand"));
    }
    if stem.ends_with(['.', ' ']) {
        return Some(format!("`{name}`: een naam die eindigt op een punt of spatie, kan Windows niet bewaren"));
    }
    if RESERVED.contains(&stem.to_ascii_lowercase().as_str()) {
        return Some(format!("`{stem}` is de naam van een eigen pagina of map van de webversie"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::name_problem;

    #[test]
    fn names_windows_or_the_site_reserve_are_refused() {
        for bad in [
            "2025/CON.pdf",
            "2025/aux.pdf",
            "2025/com1.pdf",
            "2025/LPT9.x.pdf",
            "2025/index.pdf",
            "2025/Zoeken.pdf",
            "2025/x..pdf",
        ] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
        for good in [
            "2025/console.pdf",
            "2025/com10.pdf",
            "2025/com0.pdf",
            "2025/jaarverslag-veiligheid.pdf",
            "2025/2025.0001-raadsvoorstel.pdf",
            "2025/indexen.pdf",
        ] {
            assert!(name_problem(good).is_none(), "{good}");
        }
    }
}
