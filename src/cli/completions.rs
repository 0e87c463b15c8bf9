//! `bulletin completions SHELL`: the shell's completion script, made from
//! the command line as the user's language describes it.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, help};

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut command = help::localize(Cli::command());
    clap_complete::generate(args.shell, &mut command, "bulletin", &mut std::io::stdout());
    Ok(())
}
