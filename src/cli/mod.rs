//! The command line: one file per subcommand, each thin.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

mod build;
mod check;
mod eject;
mod fonts;
mod import;
mod list;
mod new;
mod watch;

#[derive(Parser)]
#[command(
    name = "bulletin",
    version,
    about = "Typesets a weekly briefing (简报) from TOML into a print-ready PDF"
)]
pub struct Cli {
    /// The publication folder (default: the nearest folder upward that holds bulletin.toml)
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an issue into a PDF: `bulletin build 74` writes out/74.pdf
    Build(build::Args),
    /// Check issues for mistakes without building: errors, numbering, punctuation
    Check(check::Args),
    /// Start the next issue from the latest: numbered, dated, sections ready to fill
    New(new::Args),
    /// Add Word documents or text files to an issue as articles
    Import(import::Args),
    /// Build an issue, then rebuild it on every save
    Watch(watch::Args),
    /// List the issues, and whether each PDF is up to date
    List(list::Args),
    /// List the fonts, which role uses which, and what an issue needs
    Fonts(fonts::Args),
    /// Write the layout and an issue's data as a Typst project to restyle
    Eject(eject::Args),
}

/// The `--timings` line: each stage with its time, and their sum.
pub fn timings_line(stages: &[(&str, Duration)]) -> String {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let each: Vec<String> = stages
        .iter()
        .map(|(stage, time)| format!("{stage} {}", ms(*time)))
        .collect();
    let total: Duration = stages.iter().map(|(_, time)| *time).sum();
    format!("time: {}; total {}", each.join(", "), ms(total))
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
