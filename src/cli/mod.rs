//! The command line: one file per subcommand, each thin.

use std::path::PathBuf;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use bulletin::i18n::{self, Lang};

mod build;
mod check;
mod eject;
mod fonts;
pub mod help;
mod import;
pub mod lang;
mod list;
mod new;
mod watch;

// Help texts come from the catalogue (help.rs), in the user's language.
#[derive(Parser)]
#[command(name = "bulletin", version)]
pub struct Cli {
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    dir: Option<PathBuf>,

    // Read before parsing (lang.rs); declared so that clap checks it and
    // lists it.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(build::Args),
    Check(check::Args),
    New(new::Args),
    Import(import::Args),
    Watch(watch::Args),
    List(list::Args),
    Fonts(fonts::Args),
    Eject(eject::Args),
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

/// The command line, parsed with its help in the language chosen from
/// `args`; a mistake in it is reported (in that language) and ends the
/// process with status 2, as clap does.
pub fn parse(args: Vec<std::ffi::OsString>) -> Cli {
    let choice = lang::choose(&args);
    i18n::set_lang(choice.lang, choice.source);
    if let Some((variable, value)) = choice.warning {
        eprintln!(
            "{}{}",
            i18n::warning_label(),
            bulletin::t!("cli-unknown-language", variable = variable, value = value)
        );
    }
    let matches = match help::localize(Cli::command()).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => exit_on(error),
    };
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| exit_on(error))
}

fn exit_on(error: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let shown = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if shown || i18n::lang() == Lang::En {
        error.exit();
    }
    eprintln!("{}{}", i18n::error_label(), help::chinese_error(&error));
    std::process::exit(error.exit_code());
}

/// The `--timings` line: each stage with its time, and their sum.
pub fn timings_line(stages: &[(String, Duration)]) -> String {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let each: Vec<String> = stages
        .iter()
        .map(|(stage, time)| format!("{stage} {}", ms(*time)))
        .collect();
    let total: Duration = stages.iter().map(|(_, time)| *time).sum();
    bulletin::t!("cmd-timings", stages = each.join(", "), total = ms(total))
}

/// What could not be done with a file, and the system's reason, in the
/// user's language: "cannot read x: No such file or directory".
pub fn io_failed(what: String, error: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{what}{}{}",
        bulletin::t!("location-separator"),
        i18n::io_error(error)
    )
}

/// An error as printed after `error: ` (Typst's own diagnostics already
/// start with it).
pub fn error_text(err: &anyhow::Error) -> String {
    let message = format!("{err:#}");
    message
        .strip_prefix("error: ")
        .map_or_else(|| message.clone(), str::to_string)
}

impl Cli {
    pub fn run(self) -> anyhow::Result<()> {
        let dir = self.dir.as_deref();
        match self.command {
            Command::Build(args) => build::run(dir, args),
            Command::Check(args) => check::run(dir, args),
            Command::New(args) => new::run(dir, args),
            Command::Import(args) => import::run(dir, args),
            Command::Watch(args) => watch::run(dir, args),
            Command::List(args) => list::run(dir, args),
            Command::Fonts(args) => fonts::run(dir, args),
            Command::Eject(args) => eject::run(dir, args),
        }
    }
}
