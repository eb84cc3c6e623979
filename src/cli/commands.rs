//! What each command does with the library, and how it reports — in Dutch.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use raadsstuk::batch::state;
use raadsstuk::diagnostics::{Diagnostic, Problems, visible_name as name};
use raadsstuk::session::{self, BatchReport, BuildOptions, DocReport, Outcome, Session};
use raadsstuk::source::project::Project;
use raadsstuk::watch;

/// "1 document", "2 documenten".
fn documenten(n: usize) -> String {
    if n == 1 { "1 document".into() } else { format!("{n} documenten") }
}

/// Seconds with a decimal comma: "0,33 s".
fn seconden(s: f64) -> String {
    format!("{s:.2} s").replace('.', ",")
}

/// A short time in milliseconds ("3,2 ms"), so that a small part does not read as 0,00 s.
fn seconden_fijn(s: f64) -> String {
    if s >= 1.0 { seconden(s) } else { format!("{:.1} ms", s * 1000.0).replace('.', ",") }
}

fn select(session: &Session, paths: &[PathBuf]) -> Result<Vec<raadsstuk::source::project::DocumentFile>, ExitCode> {
    session.project.select(paths).map_err(|d| {
        eprint!("{}", d.render());
        ExitCode::from(2)
    })
}

pub fn build_command(session: &Session, paths: &[PathBuf], options: BuildOptions, timings: bool) -> ExitCode {
    let docs = match select(session, paths) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // One build at a time per output folder; the second waits, and says so.
    let out = session::shown(&options.out_dir);
    let _lock = match state::Lock::take(&options.out_dir, || {
        eprintln!("wacht: een andere build schrijft nu in {out}; deze begint zodra die klaar is")
    }) {
        Ok(lock) => lock,
        Err(e) => {
            eprintln!("fout: de uitvoermap {out} is niet te gebruiken: {}", raadsstuk::diagnostics::io_fout(&e));
            return ExitCode::from(1);
        }
    };
    for left in state::remove_leftovers(&options.out_dir) {
        println!("  opgeruimd   {} (een half bestand van een afgebroken build)", name(&session::shown(&left)));
    }
    // A progress bar on a terminal; one plain line per document in logs and CI.
    let bar = std::io::stdout().is_terminal().then(|| {
        let bar = ProgressBar::new(docs.len() as u64);
        bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}").expect("valid template"));
        bar
    });
    let on_done = |r: &DocReport| {
        let line = line(r, timings);
        match &bar {
            Some(bar) => {
                bar.println(line);
                bar.set_message(name(&r.file.relative));
                bar.inc(1);
            }
            None => println!("{line}"),
        }
    };
    let batch = session.build_all(&docs, &options, &on_done);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    summary(&batch, &options, timings);
    // The chain from plan to account, for what was made now (as `check` reports it).
    let made: Vec<_> =
        batch.documents.iter().filter(|d| matches!(d.outcome, Outcome::Built { .. })).map(|d| d.file.clone()).collect();
    for w in session.samenhang(&session.load_all(&made)) {
        eprintln!("{}", w.render());
    }
    if batch.ok() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// One line per document: what happened, why, and the files.
fn line(r: &DocReport, timings: bool) -> String {
    let time = if timings { format!(" ({})", seconden(r.seconds)) } else { String::new() };
    match &r.outcome {
        Outcome::Built { built, redenen } => {
            let mut out = format!("  gemaakt      {}{time} — {}", name(&r.file.relative), name(&redenen.join(", ")));
            for rec in &built.records {
                let pages = if rec.paginas == 1 { "pagina" } else { "pagina's" };
                out += &format!(
                    "\n                → {} ({} {pages}, {} kB)",
                    name(&rec.pad),
                    rec.paginas,
                    rec.bytes.div_ceil(1024)
                );
            }
            if let Some(h) = &built.herziening {
                out += &format!(
                    "\n                herziene versie van {}; de vorige sha256 staat in het manifest",
                    raadsstuk::domain::format::date(h.datum)
                );
            }
            if timings {
                out += &format!("\n                Typst: {}", seconden(built.typst_seconds));
            }
            for w in &built.waarschuwingen {
                out += &format!("\n  waarschuwing  {}", name(w));
            }
            out
        }
        Outcome::Unchanged { .. } => format!("  ongewijzigd  {}{time}", name(&r.file.relative)),
        Outcome::Failed(p) => {
            format!(
                "  FOUT         {}{time} ({} {})",
                name(&r.file.relative),
                p.0.len(),
                if p.0.len() == 1 { "fout" } else { "fouten" }
            )
        }
    }
}

fn summary(batch: &BatchReport, options: &BuildOptions, timings: bool) {
    let failures: Vec<&Problems> = batch
        .documents
        .iter()
        .filter_map(|d| match &d.outcome {
            Outcome::Failed(p) => Some(p),
            _ => None,
        })
        .collect();
    report(&failures);
    for d in &batch.problemen {
        eprintln!("{}", d.render());
    }
    for pad in &batch.verwijderd {
        println!("  verwijderd   {} (geen document maakt dit bestand nog)", name(pad));
    }
    for pad in &batch.ingetrokken {
        println!("  ingetrokken  {} (verstuurd; de sha256 staat in het manifest onder `ingetrokken`)", name(pad));
    }
    let built = batch.documents.iter().filter(|d| matches!(d.outcome, Outcome::Built { .. })).count();
    let unchanged = batch.documents.iter().filter(|d| matches!(d.outcome, Outcome::Unchanged { .. })).count();
    println!(
        "{}: {built} gemaakt, {unchanged} ongewijzigd, {} mislukt, in {} ({} tegelijk); overzicht in {}",
        documenten(batch.documents.len()),
        failures.len(),
        seconden(batch.seconds),
        options.jobs,
        session::shown(&options.out_dir.join(raadsstuk::batch::manifest::JSON_FILE)),
    );
    if timings {
        let typst: f64 = batch
            .documents
            .iter()
            .map(|d| match &d.outcome {
                Outcome::Built { built, .. } => built.typst_seconds,
                _ => 0.0,
            })
            .sum();
        let work: f64 = batch.documents.iter().map(|d| d.seconds).sum();
        println!("tijden: documenten samen {}, waarvan Typst (compileren en PDF) {}", seconden(work), seconden(typst));
        // What each output's part per document took, summed over the documents built.
        let mut per_uitvoer: Vec<(&str, f64)> = Vec::new();
        for d in &batch.documents {
            if let Outcome::Built { built, .. } = &d.outcome {
                for (naam, s) in &built.seconden_per_uitvoer {
                    match per_uitvoer.iter_mut().find(|(n, _)| n == naam) {
                        Some((_, total)) => *total += s,
                        None => per_uitvoer.push((naam, *s)),
                    }
                }
            }
        }
        if !per_uitvoer.is_empty() {
            let parts: Vec<String> =
                per_uitvoer.iter().map(|(naam, s)| format!("{naam} {}", seconden_fijn(*s))).collect();
            println!("per uitvoer: {}", parts.join(", "));
        }
        println!("toestand: {} bytes geschreven", batch.toestand_bytes);
    }
}

pub fn watch_command(project: Project, file: &Path, out: Option<PathBuf>, emit_typst: bool) -> ExitCode {
    println!("volgt {} — stop met Ctrl-C (de bundel maakt `raadsstuk build`)", file.display());
    let on_event = |event: watch::Event| match event {
        watch::Event::Built { seconds, files, warnings } => {
            println!("  gemaakt in {:.0} ms → {}", seconds * 1000.0, name(&files.join(", ")));
            for w in warnings {
                println!("  waarschuwing  {}", name(&w));
            }
        }
        watch::Event::Failed(problems) => {
            println!("  FOUT — de vorige PDF blijft staan");
            report(&[&problems]);
        }
    };
    match watch::watch(project, file, out, emit_typst, &on_event) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            report(&[&problems]);
            ExitCode::from(2)
        }
    }
}

pub fn check_command(session: &Session, paths: &[PathBuf], out_dir: &Path) -> ExitCode {
    let started = Instant::now();
    let docs = match select(session, paths) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // What was sent (from the output folder's state): what `build` would refuse is said now.
    let state = state::State::read(out_dir);
    let mut results = session.load_all_owned(&docs, &state);
    // What only shows once values are placed in the templates (no typesetting).
    for result in results.iter_mut() {
        if let Ok(loaded) = result
            && let Err(p) = session.check_rendered(loaded)
        {
            *result = Err(p);
        }
    }
    let sent = session.sent_report(&results, &state, out_dir);
    let refused: Vec<Problems> = docs
        .iter()
        .map(|d| Problems(sent.iter().filter(|s| !s.waarschuwing && s.file == d.relative).cloned().collect()))
        .collect();
    let mut failures = Vec::new();
    for ((doc, result), refused) in docs.iter().zip(&results).zip(&refused) {
        match result {
            Ok(_) if refused.0.is_empty() => println!("  in orde  {}", name(&doc.relative)),
            Ok(_) => {
                println!("  WEIGERT  {} (build zou weigeren)", name(&doc.relative));
                failures.push(refused);
            }
            Err(p) => {
                println!("  FOUT     {}", name(&doc.relative));
                failures.push(p);
            }
        }
    }
    report(&failures);
    // Sent files of documents that no longer exist: named by their last source.
    let orphans: Vec<&Diagnostic> =
        sent.iter().filter(|s| !s.waarschuwing && !docs.iter().any(|d| d.relative == s.file)).collect();
    for d in &orphans {
        println!("  WEIGERT  {} (bestaat niet meer; build zou weigeren)", name(&d.file));
        eprintln!("{}", d.render());
    }
    let mut warnings = session.samenhang(&results);
    warnings.extend(sent.iter().filter(|s| s.waarschuwing).cloned());
    for w in &warnings {
        eprintln!("{}", w.render());
    }
    println!(
        "{} gecontroleerd, {} met fouten{}, in {}",
        documenten(docs.len()),
        failures.len() + orphans.len(),
        match warnings.len() {
            0 => String::new(),
            1 => ", 1 waarschuwing".into(),
            n => format!(", {n} waarschuwingen"),
        },
        seconden(started.elapsed().as_secs_f64())
    );
    if failures.is_empty() && orphans.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

pub fn report(failures: &[&Problems]) {
    for problems in failures {
        for d in &problems.0 {
            eprintln!("{}", d.render());
        }
    }
}
