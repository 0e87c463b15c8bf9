//! `bulletin man [COMMAND]`: the manual page (roff) of bulletin or of one
//! of its commands, with the help texts of the catalogue.

use anyhow::anyhow;
use clap::CommandFactory;

use super::{Cli, help};

#[derive(clap::Args)]
pub struct Args {
    command: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let top = help::localize(Cli::command());
    let page = match &args.command {
        None => top,
        Some(name) => top
            .get_subcommands()
            .find(|sub| sub.get_name() == name && name != "help")
            .cloned()
            .ok_or_else(|| {
                let names: Vec<&str> = top
                    .get_subcommands()
                    .map(|sub| sub.get_name())
                    .filter(|&sub| sub != "help")
                    .collect();
                anyhow!(bulletin::t!(
                    "cmd-man-unknown",
                    command = name.as_str(),
                    commands = names.join(", ")
                ))
            })?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(|error| super::io_failed(bulletin::t!("cmd-man-write"), &error))?;
    use std::io::Write;
    std::io::stdout()
        .write_all(&roff)
        .map_err(|error| super::io_failed(bulletin::t!("cmd-man-write"), &error))?;
    Ok(())
}
