//! The `raadsstuk` command line: parses arguments, runs the library, reports — in Dutch. The
//! arguments are in `cli/args.rs`, what each command does in `cli/commands.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use raadsstuk::scaffold;
use raadsstuk::session::{self, BuildOptions, Session};
use raadsstuk::source::project::Project;

mod cli;

use cli::args::{Command, parse};
use cli::commands::{build_command, check_command, report, watch_command};

fn main() -> ExitCode {
    // A defect of ours is said in Dutch, where it happened; the document it hit reports it too
    // (see `build_all`), and the other documents are built.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        eprintln!("interne fout in raadsstuk{place}: {}", raadsstuk::diagnostics::visible(&what));
    }));
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let start = cli.project.clone().unwrap_or_else(|| PathBuf::from("."));
    let project = match Project::discover(&start) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::from(2);
        }
    };
    // Paths given after -C are read from the project folder, as the user wrote them there.
    let base = if cli.project.is_some() { project.root().to_path_buf() } else { PathBuf::from(".") };
    let from_base = |p: PathBuf| if p.is_relative() { base.join(p) } else { p };
    if let Command::Watch { file, out, emit_typst } = cli.command {
        return watch_command(project, &from_base(file), out.map(from_base), emit_typst);
    }
    let session = match Session::open(project) {
        Ok(s) => s,
        Err(problems) => {
            report(&[&problems]);
            return ExitCode::from(1);
        }
    };
    match cli.command {
        Command::Build { paths, out, emit_typst, force, jobs, timings, herzie, trek_in, tijdslimiet, zonder_web } => {
            let out_dir = out.map(from_base).unwrap_or_else(|| session::default_out_dir(&session.project));
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let tijdslimiet = match tijdslimiet {
                Some(0) => None,
                Some(s) => Some(std::time::Duration::from_secs(s)),
                None => Some(session::TIJDSLIMIET),
            };
            let options = BuildOptions {
                out_dir,
                emit_typst,
                force,
                jobs,
                bundel: true,
                herzie,
                trek_in,
                vandaag: scaffold::today(),
                tijdslimiet,
                web: !zonder_web,
            };
            let paths: Vec<PathBuf> = paths.into_iter().map(from_base).collect();
            build_command(&session, &paths, options, timings)
        }
        Command::Check { paths, out } => {
            let paths: Vec<PathBuf> = paths.into_iter().map(from_base).collect();
            let out_dir = out.map(from_base).unwrap_or_else(|| session::default_out_dir(&session.project));
            check_command(&session, &paths, &out_dir)
        }
        Command::Watch { .. } => unreachable!("handled above"),
        Command::New { soort, jaar, onderwerp } => {
            match scaffold::new_document(&session, &soort, jaar, onderwerp.as_deref(), scaffold::today()) {
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
