//! The `raadsstuk` command line: parses arguments, runs the library, reports.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use raadsstuk::build::{self, BatchReport, BuildOptions, DocReport, Outcome, Session};
use raadsstuk::diagnostics::Problems;
use raadsstuk::draft;
use raadsstuk::model::Soort;
use raadsstuk::project::Project;
use raadsstuk::watch;

/// Raadsvoorstellen, raadsbesluiten, Kadernota's en jaarverslagen als PDF, uit YAML.
#[derive(Parser)]
#[command(name = "raadsstuk", version, about)]
struct Cli {
    /// Projectmap (waar `data/gemeente.yaml` staat); standaard de huidige map of een map erboven.
    #[arg(long, short = 'C', global = true, value_name = "MAP")]
    project: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Maakt de PDF's van alle documenten onder `data/` (of van de genoemde bestanden of mappen).
    ///
    /// Alleen documenten waarvan iets is veranderd worden opnieuw gemaakt; `out/manifest.json`
    /// en `out/manifest.csv` beschrijven alle PDF's.
    Build {
        /// Documenten of mappen; standaard alles onder `data/`.
        paths: Vec<PathBuf>,
        /// Map voor de PDF's; standaard `out/` in de projectmap.
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
        /// Schrijf ook de gegenereerde Typst-bron (.typ) naast elke PDF.
        #[arg(long)]
        emit_typst: bool,
        /// Maak alles opnieuw, ook wat niet is veranderd.
        #[arg(long)]
        force: bool,
        /// Aantal documenten tegelijk; standaard het aantal processorkernen.
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Toon per document de tijd, en hoeveel daarvan in Typst zat.
        #[arg(long)]
        timings: bool,
    },
    /// Maakt een nieuw document om in te vullen, in `data/<jaar>/` (overschrijft nooit iets).
    New {
        /// raadsvoorstel, kadernota of jaarverslag.
        soort: SoortArg,
        /// Het jaar (de map `data/<jaar>/`).
        #[arg(long, allow_negative_numbers = true)]
        jaar: i32,
        /// Het onderwerp (ook de naam van het bestand).
        #[arg(long)]
        onderwerp: Option<String>,
    },
    /// Volgt één document: maakt de PDF opnieuw zodra u het (of iets wat het leest) opslaat.
    Watch {
        /// Het document (een YAML-bestand onder `data/`).
        file: PathBuf,
        /// Map voor de PDF's; standaard `out/` in de projectmap.
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
        /// Schrijf ook de gegenereerde Typst-bron (.typ) naast de PDF.
        #[arg(long)]
        emit_typst: bool,
    },
    /// Controleert documenten zonder iets te schrijven.
    Check {
        /// Documenten of mappen; standaard alles onder `data/`.
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SoortArg {
    Raadsvoorstel,
    Kadernota,
    Jaarverslag,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = cli.project.clone().unwrap_or_else(|| PathBuf::from("."));
    let project = match Project::discover(&start) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::from(2);
        }
    };
    if let Command::Watch { file, out, emit_typst } = &cli.command {
        return watch_command(project, file, out.clone(), *emit_typst);
    }
    let session = match Session::open(project) {
        Ok(s) => s,
        Err(problems) => {
            report(&[&problems]);
            return ExitCode::from(1);
        }
    };
    match cli.command {
        Command::Build { paths, out, emit_typst, force, jobs, timings } => {
            let out_dir = out.unwrap_or_else(|| build::default_out_dir(&session.project));
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            build_command(&session, &paths, BuildOptions { out_dir, emit_typst, force, jobs, bundel: true }, timings)
        }
        Command::Check { paths } => check_command(&session, &paths),
        Command::Watch { .. } => unreachable!("handled above"),
        Command::New { soort, jaar, onderwerp } => {
            let soort = match soort {
                SoortArg::Raadsvoorstel => Soort::Raadsvoorstel,
                SoortArg::Kadernota => Soort::Kadernota,
                SoortArg::Jaarverslag => Soort::Jaarverslag,
            };
            match draft::new_document(&session, soort, jaar, onderwerp.as_deref(), draft::today()) {
                Ok(file) => {
                    println!("nieuw bestand: {file}");
                    println!("vul het in, en bekijk het terwijl u schrijft met: raadsstuk watch {file}");
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    report(&[&problems]);
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn select(session: &Session, paths: &[PathBuf]) -> Result<Vec<raadsstuk::project::DocumentFile>, ExitCode> {
    session.project.select(paths).map_err(|d| {
        eprint!("{}", d.render());
        ExitCode::from(2)
    })
}

fn build_command(session: &Session, paths: &[PathBuf], options: BuildOptions, timings: bool) -> ExitCode {
    let docs = match select(session, paths) {
        Ok(d) => d,
        Err(code) => return code,
    };
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
                bar.set_message(r.file.relative.clone());
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
    if batch.failed() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// One line per document: what happened, why, and the files.
fn line(r: &DocReport, timings: bool) -> String {
    let time = if timings { format!(" ({:.2} s)", r.seconds) } else { String::new() };
    match &r.outcome {
        Outcome::Built { built, redenen } => {
            let mut out = format!("  gemaakt      {}{time} — {}", r.file.relative, redenen.join(", "));
            for rec in &built.records {
                let pages = if rec.paginas == 1 { "pagina" } else { "pagina's" };
                out += &format!(
                    "\n                → {} ({} {pages}, {} kB)",
                    rec.pad,
                    rec.paginas,
                    rec.bytes.div_ceil(1024)
                );
            }
            if timings {
                out += &format!("\n                Typst: {:.2} s", built.typst_seconds);
            }
            for w in &built.waarschuwingen {
                out += &format!("\n  waarschuwing  {w}");
            }
            out
        }
        Outcome::Unchanged { .. } => format!("  ongewijzigd  {}{time}", r.file.relative),
        Outcome::Failed(p) => {
            format!(
                "  FOUT         {}{time} ({} {})",
                r.file.relative,
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
    for pad in &batch.verwijderd {
        println!("  verwijderd   {pad} (geen document maakt dit bestand nog)");
    }
    let built = batch.documents.iter().filter(|d| matches!(d.outcome, Outcome::Built { .. })).count();
    let unchanged = batch.documents.iter().filter(|d| matches!(d.outcome, Outcome::Unchanged { .. })).count();
    println!(
        "{} documenten: {built} gemaakt, {unchanged} ongewijzigd, {} mislukt, in {:.2} s ({} tegelijk); overzicht in {}",
        batch.documents.len(),
        failures.len(),
        batch.seconds,
        options.jobs,
        build::shown(&options.out_dir.join(raadsstuk::manifest::JSON_FILE)),
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
        println!("tijden: documenten samen {work:.2} s, waarvan Typst (compileren en PDF) {typst:.2} s");
    }
}

fn watch_command(project: Project, file: &std::path::Path, out: Option<PathBuf>, emit_typst: bool) -> ExitCode {
    println!("volgt {} — stop met Ctrl-C (de bundel maakt `raadsstuk build`)", file.display());
    let on_event = |event: watch::Event| match event {
        watch::Event::Built { seconds, files, warnings } => {
            println!("  gemaakt in {:.0} ms → {}", seconds * 1000.0, files.join(", "));
            for w in warnings {
                println!("  waarschuwing  {w}");
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

fn check_command(session: &Session, paths: &[PathBuf]) -> ExitCode {
    let started = Instant::now();
    let docs = match select(session, paths) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let results = session.load_all(&docs);
    let mut failures = Vec::new();
    for (doc, result) in docs.iter().zip(&results) {
        match result {
            Ok(_) => println!("  in orde  {}", doc.relative),
            Err(p) => {
                println!("  FOUT     {}", doc.relative);
                failures.push(p);
            }
        }
    }
    report(&failures);
    println!(
        "{} documenten gecontroleerd, {} met fouten, in {:.2} s",
        docs.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn report(failures: &[&Problems]) {
    for problems in failures {
        for d in &problems.0 {
            eprintln!("{}", d.render());
        }
    }
}
