//! The command line: one file per subcommand, each thin.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod build;

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
}

impl Cli {
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Build(args) => build::run(self.dir.as_deref(), args),
        }
    }
}
