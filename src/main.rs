//! The `raadsstuk` command line: parses arguments, runs the library, reports — in Dutch.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use raadsstuk::batch::state;
use raadsstuk::diagnostics::{Diagnostic, Problems, visible_name as name};
use raadsstuk::scaffold;
use raadsstuk::session::{self, BatchReport, BuildOptions, DocReport, Outcome, Session};
use raadsstuk::source::project::Project;
use raadsstuk::watch;

/// clap's help, in Dutch: our own headings around the lists clap draws.
const HELP: &str =
    "{about-with-newline}\nGebruik: {usage}\n\nOpdrachten:\n{subcommands}\n\nOpties:\n{options}\n\n{after-help}";
const HELP_COMMAND: &str =
    "{about-with-newline}\nGebruik: {usage}\n\nArgumenten:\n{positionals}\n\nOpties:\n{options}\n";

/// The arguments of `raadsstuk`.
#[derive(Parser)]
#[command(
    name = "raadsstuk",
    version,
    about = "Raadsvoorstellen, raadsbesluiten, Kadernota's en jaarverslagen als PDF, uit YAML.",
    help_template = HELP,
    override_usage = "raadsstuk [OPTIES] <OPDRACHT>",
    after_help = "Meer over een opdracht: raadsstuk <OPDRACHT> --help",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_value_name = "OPDRACHT"
)]
struct Cli {
    /// Projectmap (waar `data/gemeente.yaml` staat); standaard de huidige map of een map erboven.
    /// Paden na -C gelden vanaf de projectmap.
    #[arg(long, short = 'C', global = true, value_name = "MAP")]
    project: Option<PathBuf>,
    /// Toont deze hulp.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Toont de versie.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Maakt de PDF's van alle documenten onder `data/` (of van de genoemde bestanden of mappen).
    ///
    /// Alleen documenten waarvan iets is veranderd worden opnieuw gemaakt; `out/manifest.json`
    /// en `out/manifest.csv` beschrijven alle PDF's.
    #[command(
        help_template = HELP_COMMAND,
        override_usage = "raadsstuk build [OPTIES] [PAD]..."
    )]
    Build {
        /// Documenten of mappen; standaard alles onder `data/`.
        #[arg(value_name = "PAD")]
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
        /// Aantal documenten tegelijk (1 of meer); standaard het aantal processorkernen.
        #[arg(long, short = 'j', value_name = "N", value_parser = jobs)]
        jobs: Option<usize>,
        /// Toon per document de tijd, en hoeveel daarvan in Typst zat.
        #[arg(long)]
        timings: bool,
        /// Maak een herziene versie van definitieve documenten waarvan de PDF zou veranderen
        /// (zonder deze optie stopt de build voor zo'n document en blijft de oude PDF staan).
        #[arg(long)]
        herzie: bool,
        /// Trek verstuurde PDF's in die geen document meer maakt (een verwijderd of hernoemd
        /// document, een nieuw nummer): ze gaan uit de uitvoermap en het manifest bewaart ze
        /// onder `ingetrokken` (zonder deze optie stopt de build en blijven ze staan).
        #[arg(long)]
        trek_in: bool,
        /// Hoe lang één document mag duren, in seconden (0: geen limiet; standaard 300). Wie
        /// langer duurt, stopt de build; wat al klaar was, blijft bewaard.
        #[arg(long, value_name = "SECONDEN", value_parser = tijdslimiet)]
        tijdslimiet: Option<u64>,
        /// Schrijf geen webversie (standaard komt die in `out/web/`).
        #[arg(long)]
        zonder_web: bool,
    },
    /// Maakt een nieuw document om in te vullen, in `data/<jaar>/` (overschrijft nooit iets).
    #[command(
        help_template = HELP_COMMAND,
        override_usage = "raadsstuk new <SOORT> --jaar <JAAR> [--onderwerp <TEKST> | --programma <NAAM>]"
    )]
    New {
        /// raadsvoorstel, kadernota, programmabegroting, jaarverslag, begrotingsboek of jaarverslagboek.
        #[arg(value_name = "SOORT", value_parser = soort)]
        soort: String,
        /// Het jaar (de map `data/<jaar>/`).
        #[arg(long, value_name = "JAAR", allow_negative_numbers = true)]
        jaar: i32,
        /// Het onderwerp, of voor een programmabegroting of jaarverslag het programma (ook de
        /// naam van het bestand).
        #[arg(long, value_name = "TEKST", visible_alias = "programma")]
        onderwerp: Option<String>,
    },
    /// Volgt één document: maakt de PDF opnieuw zodra u het (of iets wat het leest) opslaat.
    #[command(
        help_template = HELP_COMMAND,
        override_usage = "raadsstuk watch [OPTIES] <BESTAND>"
    )]
    Watch {
        /// Het document (een YAML-bestand onder `data/`).
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        /// Map voor de PDF's; standaard `out/` in de projectmap.
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
        /// Schrijf ook de gegenereerde Typst-bron (.typ) naast de PDF.
        #[arg(long)]
        emit_typst: bool,
    },
    /// Controleert documenten zonder iets te schrijven.
    #[command(
        help_template = HELP_COMMAND,
        override_usage = "raadsstuk check [PAD]..."
    )]
    Check {
        /// Documenten of mappen; standaard alles onder `data/`.
        #[arg(value_name = "PAD")]
        paths: Vec<PathBuf>,
        /// De uitvoermap waarvan wordt nagegaan wat al is verstuurd; standaard `out/`.
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
    },
}

/// `raadsstuk new <SOORT>`: a kind of document raadsstuk knows.
fn soort(text: &str) -> Result<String, String> {
    let soorten: Vec<&str> = raadsstuk::kinds::builtin().iter().map(|k| k.soort()).collect();
    if soorten.contains(&text) { Ok(text.to_string()) } else { Err(format!("mogelijk zijn: {}", soorten.join(", "))) }
}

/// `--jobs`: at least one document at a time.
fn jobs(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("het aantal documenten tegelijk is een geheel getal van 1 of meer".into()),
    }
}

fn tijdslimiet(s: &str) -> Result<u64, String> {
    s.parse().map_err(|_| "de tijdslimiet is een geheel aantal seconden (0: geen limiet)".into())
}

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

/// Parses the arguments; help, version and usage errors are printed here, in Dutch.
fn parse() -> Result<Cli, ExitCode> {
    let mut command = Cli::command();
    let result = command.try_get_matches_from_mut(std::env::args_os()).and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => Ok(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                Err(ExitCode::SUCCESS)
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                eprint!("{}", command.render_help());
                Err(ExitCode::from(2))
            }
            _ => {
                eprintln!("{}", usage_error(&e));
                Err(ExitCode::from(2))
            }
        },
    }
}

/// A usage error in Dutch, with a hint and the way to more help.
fn usage_error(e: &clap::Error) -> String {
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let suggestion = |kind: ContextKind| {
        let s = text(kind);
        (!s.is_empty()).then(|| format!("bedoelde u `{s}`?"))
    };
    let (message, hint) = match e.kind() {
        ErrorKind::InvalidSubcommand => (
            format!("onbekende opdracht `{}`", text(ContextKind::InvalidSubcommand)),
            suggestion(ContextKind::SuggestedSubcommand)
                .or(Some("de opdrachten zijn: build, check, new, watch".into())),
        ),
        ErrorKind::UnknownArgument => (
            format!("onbekende optie `{}`", text(ContextKind::InvalidArg)),
            suggestion(ContextKind::SuggestedArg).or(Some("`raadsstuk --help` toont de opties".into())),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = text(ContextKind::ValidValue);
            let why = e.source().map(|s| s.to_string()).filter(|s| is_dutch(s));
            (
                format!("ongeldige waarde `{}` bij {}", text(ContextKind::InvalidValue), text(ContextKind::InvalidArg)),
                why.or((!valid.is_empty()).then(|| format!("mogelijk zijn: {valid}"))),
            )
        }
        ErrorKind::MissingRequiredArgument => {
            (format!("er ontbreekt: {}", text(ContextKind::InvalidArg)), Some("zie `--help` bij de opdracht".into()))
        }
        ErrorKind::ArgumentConflict => {
            (format!("{} kan niet samen met {}", text(ContextKind::InvalidArg), text(ContextKind::PriorArg)), None)
        }
        ErrorKind::TooManyValues => (format!("{} mag maar één keer", text(ContextKind::InvalidArg)), None),
        _ => ("deze opdracht klopt niet".to_string(), Some("`raadsstuk --help` toont hoe het moet".into())),
    };
    let mut out = format!("fout: {message}");
    if let Some(hint) = hint {
        out += &format!("\nhint: {hint}");
    }
    out + "\n\nMeer hulp: raadsstuk --help"
}

/// Our own value parsers explain in Dutch; clap's own explanations are English and left out.
fn is_dutch(s: &str) -> bool {
    s.contains(" van ") || s.contains(" een ") || s.starts_with("mogelijk zijn: ")
}

use std::error::Error as _;

/// "1 document", "2 documenten".
fn documenten(n: usize) -> String {
    if n == 1 { "1 document".into() } else { format!("{n} documenten") }
}

/// Seconds with a decimal comma: "0,33 s".
fn seconden(s: f64) -> String {
    format!("{s:.2} s").replace('.', ",")
}

fn select(session: &Session, paths: &[PathBuf]) -> Result<Vec<raadsstuk::source::project::DocumentFile>, ExitCode> {
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
        println!("toestand: {} bytes geschreven", batch.toestand_bytes);
    }
}

fn watch_command(project: Project, file: &Path, out: Option<PathBuf>, emit_typst: bool) -> ExitCode {
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

fn check_command(session: &Session, paths: &[PathBuf], out_dir: &Path) -> ExitCode {
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

fn report(failures: &[&Problems]) {
    for problems in failures {
        for d in &problems.0 {
            eprintln!("{}", d.render());
        }
    }
}
