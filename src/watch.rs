//! `raadsstuk watch <FILE>`: rebuild one document each time one of its inputs is saved.
//!
//! The session (fonts, templates, the Typst library) stays loaded between rebuilds and Typst's
//! memo cache stays warm (old entries are evicted, not all), so a one-field edit is rebuilt in
//! a fraction of a cold build. Errors are printed and watching goes on; the last good PDF stays.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::diagnostics::{Diagnostic, Problems};
use crate::session::{BuildOptions, Session, default_out_dir};
use crate::source::project::Reads;
use crate::source::project::{DocumentFile, GEMEENTE_FILE, Project};

/// What the watcher reports after each build, for the caller to print.
pub enum Event {
    Built { seconds: f64, files: Vec<String>, warnings: Vec<String> },
    Failed(Problems),
}

/// Watches until the process is stopped (Ctrl-C). Returns only when watching cannot start.
pub fn watch(
    project: Project,
    file: &Path,
    out: Option<PathBuf>,
    emit_typst: bool,
    report: &dyn Fn(Event),
) -> Result<(), Problems> {
    let doc = document(&project, file)?;
    let out_dir = out.unwrap_or_else(|| default_out_dir(&project));
    // The preview leaves out the bundle: it holds every bijlage, which an edit of the voorstel
    // does not change, and `build` makes it.
    let options = BuildOptions {
        out_dir,
        emit_typst,
        force: true,
        jobs: 1,
        bundel: false,
        herzie: false,
        trek_in: false,
        vandaag: crate::scaffold::today(),
        tijdslimiet: None,
        web: false,
    };
    let root = project.root().to_path_buf();

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        use notify::EventKind::{Create, Modify, Remove};
        use notify::event::ModifyKind;
        // Only saves count: reading a file (as every build does) must not start another build.
        if let Ok(event) = event
            && matches!(
                event.kind,
                Create(_) | Remove(_) | Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
            )
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Diagnostic::new(file.display().to_string(), format!("kan niet volgen: {}", notify_fout(&e))))?;
    // The gemeente's own templates too, when it has them (read once: a new folder in
    // gemeente.yaml takes a new `watch`).
    let sjablonen = Session::open(project.clone()).ok().and_then(|s| s.gemeente.sjablonen.clone());
    for dir in ["data", "fonts"].into_iter().chain(sjablonen.as_deref()) {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Diagnostic::new(dir, format!("kan niet volgen: {}", notify_fout(&e))))?;
        }
    }

    let mut session = None;
    let mut inputs = BTreeSet::new();
    // The lists of documents the document looked through, as they were: another document
    // file that changes rebuilds it only when one of them changes (as in `build`).
    let mut lists = BTreeMap::new();
    let mut reopen = true;
    loop {
        let started = Instant::now();
        if reopen || session.is_none() {
            session = Session::open(project.clone()).map_err(|p| report(Event::Failed(p))).ok();
            reopen = false;
        }
        if let Some(s) = &session {
            s.forget_loaded();
            // Watch what this build reads; after a failure, also what the last one read.
            let reads = Reads::default();
            s.read_always(&doc.relative, &reads);
            // A `build` of the same folder finishes first (see `Lock`).
            let lock = crate::batch::state::Lock::take(&options.out_dir, || {});
            // What was sent, as `build` knows it (read under the lock): the same rule holds.
            let state = crate::batch::state::State::read(&options.out_dir);
            s.remember_revisions(&state);
            // A defect of ours is this build's error; watching goes on.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                // One output path, one document; a sent file is never replaced here.
                let loaded = s.load_all_owned(std::slice::from_ref(&doc), &state).remove(0);
                loaded.and_then(|loaded| s.preview(&loaded, &options, &reads, &state))
            }))
            .unwrap_or_else(|_| {
                Err(Diagnostic::new(&doc.relative, "interne fout in raadsstuk bij dit document (zie hierboven)").into())
            });
            drop(lock);
            let read = reads.into_set();
            match &result {
                Ok(_) => inputs = read,
                Err(_) => inputs.extend(read),
            }
            lists = list_contents(&project, &inputs);
            match result {
                Ok(built) => report(Event::Built {
                    seconds: started.elapsed().as_secs_f64(),
                    files: built.records.iter().map(|r| r.pad.clone()).collect(),
                    warnings: built.waarschuwingen,
                }),
                Err(p) => report(Event::Failed(p)),
            }
        }
        // Wait for a change to one of the document's inputs, or to what the session holds.
        loop {
            let Ok(paths) = rx.recv() else { return Ok(()) };
            let mut paths = paths;
            // Editors save in bursts (temporary file, rename): take them as one change.
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(40)) {
                paths.extend(more);
            }
            let changed = relevant(&root, &paths, &inputs);
            let lists_changed = !lists.is_empty()
                && paths.iter().any(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                && list_contents(&project, &inputs) != lists;
            if changed.is_empty() && !lists_changed {
                continue;
            }
            reopen |= changed.iter().any(|c| {
                c == GEMEENTE_FILE
                    || c.starts_with("fonts/")
                    || c.ends_with(".typ.hbs")
                    || c == crate::session::INDICATOREN_FILE
                    || c == crate::domain::verbonden_partijen::VERBONDEN_PARTIJEN_FILE
            });
            break;
        }
    }
}

/// The changed files (project-relative) that matter for this document.
fn relevant(root: &Path, paths: &[PathBuf], inputs: &BTreeSet<String>) -> Vec<String> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    paths
        .iter()
        .filter_map(|p| {
            let p = p.canonicalize().unwrap_or_else(|_| p.clone());
            let rel = p.strip_prefix(&root).ok()?;
            Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        })
        .filter(|rel| {
            inputs.contains(rel) || rel == GEMEENTE_FILE || rel.starts_with("fonts/") || rel.ends_with(".typ.hbs")
        })
        .collect()
}

/// The content of each list of documents among `inputs` (see `documenten_key`).
fn list_contents(project: &Project, inputs: &BTreeSet<String>) -> BTreeMap<String, String> {
    let keys: Vec<&String> = inputs.iter().filter(|i| crate::source::project::is_documenten_key(i)).collect();
    if keys.is_empty() {
        return BTreeMap::new();
    }
    let sniffed = project.sniff_all();
    keys.into_iter()
        .map(|k| (k.clone(), crate::source::project::documenten_list(k, &sniffed).unwrap_or_default()))
        .collect()
}

fn document(project: &Project, file: &Path) -> Result<DocumentFile, Problems> {
    let docs = project.select(&[file.to_path_buf()]).map_err(Problems::one)?;
    match docs.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(Diagnostic::new(file.display().to_string(), "watch volgt één document; noem het bestand").into()),
    }
}

/// notify's error in Dutch (its own text is English).
fn notify_fout(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::Io(io) => crate::diagnostics::io_fout(io),
        notify::ErrorKind::PathNotFound => "de map bestaat niet".into(),
        notify::ErrorKind::MaxFilesWatch => {
            "het systeem volgt al te veel bestanden (verhoog de limiet van inotify)".into()
        }
        _ => "het volgen van bestanden werkt hier niet".into(),
    }
}
