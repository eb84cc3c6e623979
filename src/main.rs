//! The `raadsstuk` command line: parses arguments, runs the library, reports.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use raadsstuk::build::{self, BuildOptions, Session};
use raadsstuk::diagnostics::Problems;
use raadsstuk::project::Project;

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
    Build {
        /// Documenten of mappen; standaard alles onder `data/`.
        paths: Vec<PathBuf>,
        /// Map voor de PDF's; standaard `out/` in de projectmap.
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
        /// Schrijf ook de gegenereerde Typst-bron (.typ) naast elke PDF.
        #[arg(long)]
        emit_typst: bool,
    },
    /// Controleert documenten zonder iets te schrijven.
    Check {
        /// Documenten of mappen; standaard alles onder `data/`.
        paths: Vec<PathBuf>,
    },
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
    let session = match Session::open(project) {
        Ok(s) => s,
        Err(problems) => {
            report(&[problems]);
            return ExitCode::from(1);
        }
    };
    match cli.command {
        Command::Build { paths, out, emit_typst } => {
            let out_dir = out.unwrap_or_else(|| build::default_out_dir(&session.project));
            run(&session, &paths, Some(BuildOptions { out_dir, emit_typst }))
        }
        Command::Check { paths } => run(&session, &paths, None),
    }
}

/// Loads (and with `options`, builds) the selected documents; every failure is collected and
/// reported at the end.
fn run(session: &Session, paths: &[PathBuf], options: Option<BuildOptions>) -> ExitCode {
    let started = Instant::now();
    let docs = match session.project.select(paths) {
        Ok(d) => d,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::from(2);
        }
    };
    let mut failures = Vec::new();
    let mut outputs = 0;
    for (doc, loaded) in docs.iter().zip(session.load_all(&docs)) {
        let result = loaded.and_then(|l| match &options {
            Some(o) => session.build(&l, o).map(Some),
            None => Ok(None),
        });
        match result {
            Ok(Some(written)) => {
                for w in written {
                    outputs += 1;
                    println!(
                        "  gemaakt  {} → {} ({} {}, {} kB)",
                        doc.relative,
                        build::shown(&w.path),
                        w.pages,
                        if w.pages == 1 { "pagina" } else { "pagina's" },
                        w.bytes.div_ceil(1024)
                    );
                    for warning in &w.waarschuwingen {
                        println!("  waarschuwing  {}: {warning}", build::shown(&w.path));
                    }
                }
            }
            Ok(None) => println!("  in orde  {}", doc.relative),
            Err(problems) => {
                println!("  FOUT     {}", doc.relative);
                failures.push(problems);
            }
        }
    }
    report(&failures);
    let seconds = started.elapsed().as_secs_f64();
    let verb = if options.is_some() { format!("{outputs} PDF's gemaakt") } else { "gecontroleerd".into() };
    println!("{} document(en), {verb}, {} met fouten, in {seconds:.2} s", docs.len(), failures.len());
    if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn report(failures: &[Problems]) {
    for problems in failures {
        for d in &problems.0 {
            eprintln!("{}", d.render());
        }
    }
}
