//! The rule for what was sent: no file made as definitief is overwritten, moved or removed
//! without `--herzie` (a revised version) or `--trek-in` (a withdrawal). `build` and `watch`
//! refuse; `check` says beforehand what `build` would refuse, from the state alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::batch::sent::{self, DEFINITIEF, Verstuurd, on_disk};
use crate::batch::state::{OutputRecord, State, sha256};
use crate::diagnostics::{Diagnostic, Problems};
use crate::domain::model::Status;
use crate::source::project::DocumentFile;
use crate::source::yaml::YamlFile;

use super::{Loaded, Session};

/// How a sent file would change: the route, for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Its data, or something it reads, changed.
    Gewijzigd,
    /// The document was set back to concept.
    Concept,
    /// The sent file is gone from the output folder and would come out differently.
    Ontbreekt,
    /// It was sent as part of another document's file, which no longer exists (renamed).
    AndereBron(String),
    /// It was withdrawn, and this would put something else in its place.
    Ingetrokken,
}

/// A sent file that a build would replace: the sha256 of what was sent, and why it changes.
#[derive(Debug, Clone)]
pub struct Change {
    pub vorige: String,
    pub route: Route,
}

impl Session {
    /// The sent files that these newly made files would replace with other content, by path.
    pub(super) fn sent_changes<'a>(
        &self,
        loaded: &Loaded,
        made: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        state: &State,
        out_dir: &Path,
    ) -> BTreeMap<String, Change> {
        let relative = &loaded.file.relative;
        let definitief = loaded.document.status() == Status::Definitief;
        let mut changes = BTreeMap::new();
        for (pad, bytes) in made {
            let disk = on_disk(out_dir, pad);
            let sent = sent::verstuurd(state, pad, out_dir).or_else(|| {
                // Without a record (a state removed, a folder copied): a definitief document's
                // file on disk is taken as sent.
                (definitief && !recorded(state, pad)).then(|| disk.clone()).flatten().map(|sha256| Verstuurd {
                    sha256,
                    bron: relative.clone(),
                    ingetrokken: false,
                })
            });
            let Some(sent) = sent else { continue };
            if sha256(bytes) == sent.sha256 {
                continue;
            }
            let route = if sent.ingetrokken {
                Route::Ingetrokken
            } else if !sent.bron.is_empty() && &sent.bron != relative {
                Route::AndereBron(sent.bron)
            } else if disk.is_none() {
                Route::Ontbreekt
            } else if !definitief {
                Route::Concept
            } else {
                Route::Gewijzigd
            };
            changes.insert(pad.to_string(), Change { vorige: sent.sha256, route });
        }
        changes
    }

    /// Why a document that was sent is not rebuilt: one message per route, each said where
    /// the route shows (its status, its nummer).
    pub(super) fn frozen(&self, loaded: &Loaded, changed: &BTreeMap<String, Change>, redenen: &[String]) -> Problems {
        let mut routes: Vec<&Route> = changed.values().map(|c| &c.route).collect();
        routes.dedup();
        routes.sort_by_key(|r| format!("{r:?}"));
        routes.dedup();
        let mut problems = Vec::new();
        for route in routes {
            let group: BTreeMap<String, Change> =
                changed.iter().filter(|(_, c)| &c.route == route).map(|(p, c)| (p.clone(), c.clone())).collect();
            problems.extend(self.frozen_route(loaded, &group, redenen).0);
        }
        Problems(problems)
    }

    fn frozen_route(&self, loaded: &Loaded, changed: &BTreeMap<String, Change>, redenen: &[String]) -> Problems {
        let relative = &loaded.file.relative;
        let files: Vec<&str> = changed.keys().map(String::as_str).collect();
        let de_pdf = match files.as_slice() {
            [one] => format!("de PDF {one}"),
            more => format!("de PDF's {}", more.join(", ")),
        };
        let zou = if files.len() == 1 { "zou" } else { "zouden" };
        let route = &changed.values().next().expect("something changed").route;
        let herzie = "Is de wijziging bedoeld, maak dan een herziene versie met `raadsstuk build --herzie`: elke \
                      pagina krijgt \"Herziene versie van <datum>\" en het manifest bewaart de sha256 van wat eerder \
                      is verstuurd.";
        let (message, hint, key) = match route {
            Route::Gewijzigd => {
                let oorzaak = if redenen.is_empty() {
                    "het bestand of iets wat het leest is gewijzigd".to_string()
                } else if redenen.iter().any(|r| r == "nieuw document") {
                    "de toestand in de uitvoermap (`.raadsstuk/`) kent dit document niet, dus geldt de PDF die er \
                     staat als verstuurd"
                        .to_string()
                } else {
                    redenen.join(", ")
                };
                (
                    format!("dit document is definitief en al verstuurd, maar {de_pdf} {zou} veranderen"),
                    format!(
                        "oorzaak: {oorzaak}. De vorige PDF blijft staan. {herzie} Anders: maak de wijziging ongedaan."
                    ),
                    "status",
                )
            }
            Route::Concept => (
                format!("dit document is als definitief verstuurd; met `status: concept` {zou} {de_pdf} veranderen"),
                format!(
                    "een verstuurd document wordt niet weer concept: zet de status terug op `definitief`. De \
                     verstuurde PDF blijft staan. {herzie}"
                ),
                "status",
            ),
            Route::Ontbreekt => (
                format!(
                    "{de_pdf} {} als definitief verstuurd en {} niet meer in de uitvoermap; opnieuw gemaakt {zou} {} \
                     anders zijn dan wat is verstuurd",
                    if files.len() == 1 { "is" } else { "zijn" },
                    if files.len() == 1 { "staat" } else { "staan" },
                    if files.len() == 1 { "hij" } else { "ze" },
                ),
                format!(
                    "zet het verstuurde bestand terug (de sha256 staat in het manifest: {}), of maak een herziene \
                     versie: {herzie}",
                    short(&changed.values().next().expect("one").vorige)
                ),
                "status",
            ),
            Route::AndereBron(bron) => (
                format!(
                    "{de_pdf} {} verstuurd als deel van {bron}, dat niet meer bestaat; dit document zou {} veranderen",
                    if files.len() == 1 { "is" } else { "zijn" },
                    if files.len() == 1 { "hem" } else { "ze" }
                ),
                format!(
                    "is het bestand hernoemd of verplaatst, geef het dan zijn oude naam terug; de verstuurde PDF blijft \
                     staan. {herzie}"
                ),
                "soort",
            ),
            Route::Ingetrokken => (
                format!(
                    "{de_pdf} {} verstuurd en later ingetrokken; dit document zou er iets anders neerzetten",
                    if files.len() == 1 { "is" } else { "zijn" }
                ),
                format!("een ingetrokken bestand krijgt geen andere inhoud onder dezelfde naam. {herzie}"),
                "nummer",
            ),
        };
        self.at_key(relative, key, message).with_hint(hint).into()
    }

    /// The sent files of this document that it would no longer make (a new `nummer`, a bundle
    /// without bijlagen): refused unless they are withdrawn.
    pub(super) fn sent_removals(&self, loaded: &Loaded, state: &State) -> Vec<OutputRecord> {
        let mine = outputs(loaded);
        sent::sent_files(state, &loaded.file.relative)
            .into_iter()
            .filter(|r| !mine.contains(&r.pad))
            .map(|r| (r.pad.clone(), r.clone()))
            .collect::<BTreeMap<String, OutputRecord>>()
            .into_values()
            .collect()
    }

    /// Why a document may not drop files that were sent.
    pub(super) fn removal_refused(&self, loaded: &Loaded, removed: &[OutputRecord]) -> Diagnostic {
        let relative = &loaded.file.relative;
        let files: Vec<&str> = removed.iter().map(|r| r.pad.as_str()).collect();
        let (de, zou) = match files.as_slice() {
            [one] => (format!("de verstuurde PDF {one}"), "zou"),
            more => (format!("de verstuurde PDF's {}", more.join(", ")), "zouden"),
        };
        let was = removed.iter().map(|r| r.nummer.as_str()).find(|n| !n.is_empty());
        let now = loaded.document.nummer();
        let (waarom, key) = match (was, now.as_deref()) {
            (Some(was), Some(now)) if was != now => {
                (format!("het nummer is gewijzigd van `{was}` in `{now}`, dus {de} {zou} verdwijnen"), "nummer")
            }
            _ => (
                format!(
                    "dit document maakt {de} niet meer, dus {zou} {} verdwijnen",
                    if files.len() == 1 { "die" } else { "ze" }
                ),
                "status",
            ),
        };
        self.at_key(relative, key, format!("dit document is al verstuurd: {waarom}")).with_hint(
            "wat is verstuurd, blijft staan. Zet het nummer terug; of trek de verstuurde PDF's bewust in met \
             `raadsstuk build --trek-in` (ze gaan uit de uitvoermap en het manifest bewaart ze onder \
             `ingetrokken`, met hun sha256 en de datum)",
        )
    }

    /// Why a deleted (or renamed, or moved) document's sent files stay.
    pub(super) fn orphan_refused(bron: &str, sent: &[&OutputRecord]) -> Diagnostic {
        let files: Vec<&str> = sent.iter().map(|r| r.pad.as_str()).collect();
        Diagnostic::new(
            bron,
            format!(
                "dit document bestaat niet meer, maar {} {} al verstuurd en {} staan",
                match files.as_slice() {
                    [one] => format!("de PDF {one}"),
                    more => format!("de PDF's {}", more.join(", ")),
                },
                if files.len() == 1 { "is" } else { "zijn" },
                if files.len() == 1 { "blijft" } else { "blijven" },
            ),
        )
        .with_hint(
            "is het bestand hernoemd of naar een andere map verplaatst, zet het dan terug. Wilt u wat is \
             verstuurd bewust terugnemen, trek het dan in met `raadsstuk build --trek-in`: de PDF's gaan uit de \
             uitvoermap en het manifest bewaart ze onder `ingetrokken`, met hun sha256 en de datum",
        )
    }

    /// What `build` would refuse for these documents, judged from the state without
    /// typesetting: certain refusals as errors, possible ones as warnings ("zou kunnen").
    pub fn sent_report(&self, loaded: &[Result<Loaded, Problems>], state: &State, out_dir: &Path) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for l in loaded.iter().flatten() {
            let relative = &l.file.relative;
            let removed = self.sent_removals(l, state);
            if !removed.is_empty() {
                found.push(self.removal_refused(l, &removed));
            }
            let mine: BTreeSet<String> = outputs(l).into_iter().collect();
            let own = sent::sent_files(state, relative);
            let kept: Vec<&&OutputRecord> = own.iter().filter(|r| mine.contains(&r.pad)).collect();
            if !kept.is_empty() && l.document.status() != Status::Definitief {
                let changed: BTreeMap<String, Change> = kept
                    .iter()
                    .map(|r| (r.pad.clone(), Change { vorige: r.sha256.clone(), route: Route::Concept }))
                    .collect();
                found.extend(self.frozen(l, &changed, &[]).0);
                continue;
            }
            let missing: Vec<&str> =
                kept.iter().filter(|r| on_disk(out_dir, &r.pad).is_none()).map(|r| r.pad.as_str()).collect();
            if !missing.is_empty() {
                found.push(
                    self.at_key(
                        relative,
                        "status",
                        match missing.as_slice() {
                            [one] => format!("de verstuurde PDF {one} staat niet meer in de uitvoermap"),
                            more => format!("de verstuurde PDF's {} staan niet meer in de uitvoermap", more.join(", ")),
                        },
                    )
                    .with_hint(
                        "`build` maakt hem opnieuw als hij precies zo uitkomt als wat is verstuurd; zou hij anders \
                         zijn, dan weigert `build`. Zet het verstuurde bestand terug.",
                    )
                    .waarschuwing(),
                );
            }
            // A file another, vanished document sent at one of this document's paths.
            for pad in &mine {
                if let Some(v) = sent::verstuurd(state, pad, out_dir).filter(|v| &v.bron != relative) {
                    let what = if v.ingetrokken { "verstuurd en ingetrokken" } else { "verstuurd" };
                    found.push(
                        self.at_key(relative, "soort", format!("{pad} is {what} als deel van {}", v.bron))
                            .with_hint(
                                "`build` schrijft hier alleen precies hetzelfde bestand; zou het anders zijn, dan \
                                 weigert `build` (of maak een herziene versie met `--herzie`)",
                            )
                            .waarschuwing(),
                    );
                }
            }
            if kept.is_empty() {
                // Unknown to the state, yet its files are there (a state removed): taken as sent.
                let on_disk: Vec<&String> =
                    mine.iter().filter(|pad| !recorded(state, pad) && on_disk(out_dir, pad).is_some()).collect();
                if l.document.status() == Status::Definitief && !on_disk.is_empty() {
                    found.push(
                        self.at_key(
                            relative,
                            "status",
                            format!(
                                "de toestand in de uitvoermap kent dit document niet, maar {} staat er al: die \
                                 geldt als verstuurd en zou kunnen veranderen",
                                on_disk.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
                            ),
                        )
                        .with_hint(
                            "`build` weigert als de PDF anders uitkomt (met `--herzie` wordt het een herziene versie)",
                        )
                        .waarschuwing(),
                    );
                }
                continue;
            }
            let inputs = state.documenten.get(relative).map(|d| &d.invoer);
            let changed: Vec<String> = inputs
                .into_iter()
                .flatten()
                .filter(|(f, h)| {
                    let now = if crate::source::project::is_documenten_key(f) {
                        // A list of documents: judged by the build itself.
                        return false;
                    } else {
                        self.project.read(f).map(|b| sha256(&b)).unwrap_or_else(|_| "ontbreekt".into())
                    };
                    &now != *h
                })
                .map(|(f, _)| f.clone())
                .collect();
            if !changed.is_empty() {
                found.push(
                    self.at_key(
                        relative,
                        "status",
                        format!(
                            "dit document is definitief en al verstuurd, maar zijn PDF zou kunnen veranderen: {} gewijzigd",
                            changed.join(", ")
                        ),
                    )
                    .with_hint(
                        "`build` weigert als de PDF echt anders uitkomt. Is de wijziging bedoeld, maak dan een \
                         herziene versie met `raadsstuk build --herzie`.",
                    )
                    .waarschuwing(),
                );
            }
        }
        let existing: BTreeSet<String> =
            self.project.documents().unwrap_or_default().into_iter().map(|d| d.relative).collect();
        let claimed: BTreeSet<String> = sent::claims(state, &existing).into_keys().collect();
        for (bron, doc) in state.documenten.iter().filter(|(b, _)| !existing.contains(*b)) {
            let sent: Vec<&OutputRecord> =
                doc.uitvoer.iter().filter(|r| r.status == DEFINITIEF && !claimed.contains(&r.pad)).collect();
            if !sent.is_empty() {
                found.push(Session::orphan_refused(bron, &sent));
            }
        }
        found
    }

    /// A diagnostic at a top-level key of a document (or at the file when it cannot be read).
    fn at_key(&self, relative: &str, key: &str, message: String) -> Diagnostic {
        match self.project.read(relative).ok().and_then(|b| YamlFile::decode(relative, &b).ok()) {
            Some(file) => {
                let position = file.top_level_position(key).or_else(|| file.top_level_position("status"));
                file.diagnostic(position, message)
            }
            None => Diagnostic::new(relative, message),
        }
    }
}

/// Whether any record (finished or cut off) lists the path.
fn recorded(state: &State, pad: &str) -> bool {
    state.documenten.values().any(|d| d.uitvoer.iter().chain(&d.onderweg).any(|r| r.pad == pad))
}

/// The paths a document writes (`2024/x.pdf`).
pub(super) fn outputs(loaded: &Loaded) -> Vec<String> {
    paths_of(&loaded.file, loaded.document.outputs(&loaded.file))
}

fn paths_of(file: &DocumentFile, names: Vec<String>) -> Vec<String> {
    names.into_iter().map(|o| format!("{}/{o}", file.jaar)).collect()
}

/// The first characters of a sha256, enough to compare by eye.
fn short(sha: &str) -> &str {
    &sha[..sha.len().min(16)]
}
