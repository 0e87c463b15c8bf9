//! The command line: one file per subcommand, each thin.

use std::path::PathBuf;
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use bulletin::i18n::{self, Lang};

mod args;
mod build;
mod check;
mod completions;
mod eject;
mod fonts;
pub mod help;
mod import;
mod init;
pub mod lang;
mod list;
mod man;
mod new;
#[cfg(feature = "desk")]
mod serve;
mod volume;
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
    #[cfg(feature = "desk")]
    Serve(serve::Args),
    List(list::Args),
    Fonts(fonts::Args),
    Eject(eject::Args),
    Init(init::Args),
    Volume(volume::Args),
    Completions(completions::Args),
    Man(man::Args),
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
/// Opens the publication a command works on, and lets its
/// `[publication] lang` choose the language of what the command says
/// (unless `--lang` or `BULLETIN_LANG` chose): the command line's choice,
/// made here, not a side effect of opening a folder.
fn open_publication(
    dir: Option<&std::path::Path>,
    near: Option<&std::path::Path>,
) -> Result<bulletin::publication::Publication, bulletin::publication::PublicationError> {
    let publication = bulletin::publication::Publication::open(dir, near)?;
    if let Some(lang) = publication.config.publication.lang {
        i18n::offer_lang(lang, i18n::LangSource::Publication);
    }
    Ok(publication)
}

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
            #[cfg(feature = "desk")]
            Command::Serve(args) => serve::run(dir, args),
            Command::List(args) => list::run(dir, args),
            Command::Fonts(args) => fonts::run(dir, args),
            Command::Eject(args) => eject::run(dir, args),
            Command::Init(args) => init::run(dir, args),
            Command::Volume(args) => volume::run(dir, args),
            Command::Completions(args) => completions::run(args),
            Command::Man(args) => man::run(args),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use clap::CommandFactory;

    use bulletin::i18n::{self, Lang};

    use super::{Cli, help};

    /// Every key of the catalogue.
    fn catalogue_keys() -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for (_, text) in i18n::sources(Lang::En) {
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" = ")
                    && !key.starts_with([' ', '#'])
                {
                    keys.insert(key.trim().to_string());
                }
            }
        }
        keys
    }

    /// The keys the command line's help asks for: each command's
    /// description and each option's help.
    fn help_keys() -> BTreeSet<String> {
        fn walk(command: &clap::Command, name: &str, keys: &mut BTreeSet<String>) {
            keys.insert(help::about_key(name));
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                keys.insert(help::arg_key(name, id));
                // Values explained one by one (`--pdf-standard ua-1`).
                for value in arg.get_possible_values() {
                    if value.get_help().is_some() {
                        keys.insert(help::value_key(name, id, value.get_name()));
                    }
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, sub.get_name(), keys);
            }
        }
        let mut keys = BTreeSet::new();
        walk(&Cli::command(), "bulletin", &mut keys);
        keys
    }

    /// Every string literal in the sources under `dir` that looks like a
    /// key (`word-word…`).
    fn literal_keys(dir: &Path, keys: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                literal_keys(&path, keys);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            // Between any two quotes, whatever stands around them.
            let pieces: Vec<&str> = text.split('"').collect();
            for literal in pieces.iter().skip(1) {
                let key_like = literal.contains('-')
                    && !literal.ends_with('-')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if key_like {
                    keys.insert(literal.to_string());
                }
            }
        }
    }

    #[test]
    fn every_key_is_asked_for_and_every_key_asked_for_is_there() {
        let catalogue = catalogue_keys();
        let help = help_keys();
        let mut used = help.clone();
        literal_keys(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut used,
        );

        let unused: Vec<&String> = catalogue.difference(&used).collect();
        assert!(
            unused.is_empty(),
            "catalogue keys nothing asks for: {unused:?}"
        );
        let missing: Vec<&String> = help.difference(&catalogue).collect();
        assert!(missing.is_empty(), "help texts missing: {missing:?}");
        // Keys written in the code (t!("…"), tables of keys).
        let asked: Vec<&String> = used
            .iter()
            .filter(|key| {
                [
                    "cli-", "cmd-", "input-", "toml-", "image-", "lint-", "import-", "edit-",
                    "init-", "volume-", "desk-",
                ]
                .iter()
                .any(|area| key.starts_with(area))
            })
            .filter(|key| !catalogue.contains(*key))
            .collect();
        assert!(
            asked.is_empty(),
            "asked for but not in the catalogue: {asked:?}"
        );
    }

    #[test]
    fn every_help_text_is_in_both_languages() {
        for lang in Lang::ALL {
            i18n::with_lang(lang, || {
                let command = help::localize(Cli::command());
                let mut stack = vec![command];
                while let Some(command) = stack.pop() {
                    assert!(command.get_about().is_some(), "{}", command.get_name());
                    for arg in command.get_arguments() {
                        assert!(
                            arg.get_help().is_some_and(|h| !h.to_string().is_empty()),
                            "{lang}: {} {}",
                            command.get_name(),
                            arg.get_id()
                        );
                    }
                    stack.extend(command.get_subcommands().cloned());
                }
            });
        }
    }
}
