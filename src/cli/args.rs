//! The arguments of `raadsstuk`, with clap: help, version and usage errors in Dutch.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::error::Error as _;

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
pub struct Cli {
    /// Projectmap (waar `data/gemeente.yaml` staat); standaard de huidige map of een map erboven.
    /// Paden na -C gelden vanaf de projectmap.
    #[arg(long, short = 'C', global = true, value_name = "MAP")]
    pub project: Option<PathBuf>,
    /// Toont deze hulp.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Toont de versie.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
        /// raadsvoorstel, kadernota, programmabegroting, paragraaf, bestuursrapportage, jaarverslag,
        /// begrotingsboek of jaarverslagboek.
        #[arg(value_name = "SOORT", value_parser = soort)]
        soort: String,
        /// Het jaar (de map `data/<jaar>/`).
        #[arg(long, value_name = "JAAR", allow_negative_numbers = true)]
        jaar: i32,
        /// Het onderwerp, voor een programmabegroting of jaarverslag het programma (ook de naam
        /// van het bestand), voor een paragraaf welke (lokale_heffingen, weerstandsvermogen, …).
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

/// Parses the arguments; help, version and usage errors are printed here, in Dutch.
pub fn parse() -> Result<Cli, ExitCode> {
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
