//! The command line in the user's language: every command's and option's
//! help comes from the catalogue (`cli-<command>-about`,
//! `cli-<command>-<option>`), and in Chinese clap's own words (headings,
//! defaults, its error messages) are replaced by the catalogue's.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use bulletin::i18n::{self, Lang};
use bulletin::t;

/// The catalogue key of a command's description; the program itself is
/// `bulletin`.
pub fn about_key(command: &str) -> String {
    format!("cli-{command}-about")
}

/// The catalogue key of an option's or argument's help.
pub fn arg_key(command: &str, id: &str) -> String {
    format!("cli-{command}-{}", id.replace('_', "-"))
}

/// The catalogue key of the help for one of an option's values (`1.7`:
/// `cli-build-pdf-standards-1-7`).
pub fn value_key(command: &str, id: &str, value: &str) -> String {
    format!("{}-{}", arg_key(command, id), value.replace('.', "-"))
}

/// The ids clap gives its own flags, which get the catalogue's words here.
const HELP: &str = "help";
const VERSION: &str = "version";

/// `command` (from the derive, without texts) with every text from the
/// catalogue in the current language.
pub fn localize(command: Command) -> Command {
    let command = command.disable_version_flag(true).arg(
        Arg::new(VERSION)
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(t!("cli-version-flag")),
    );
    let mut command = localize_command(command, "bulletin");
    // clap makes `bulletin help [COMMAND]` when it builds the command.
    command.build();
    command.mut_subcommand("help", |help| help.about(t!("cli-help-about")))
}

fn localize_command(mut command: Command, name: &str) -> Command {
    let zh = i18n::lang() == Lang::Zh;
    command = command.about(i18n::text(&about_key(name), &[])).arg(
        Arg::new(HELP)
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t!("cli-help-flag")),
    );
    command = command.disable_help_flag(true);
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .filter(|id| id != HELP && id != VERSION)
        .collect();
    for id in ids {
        let help = i18n::text(&arg_key(name, &id), &[]);
        command = command.mut_arg(&id, |arg| {
            if zh && arg.get_action().takes_values() {
                // clap would add "[default: …] [possible values: …]".
                let help = format!("{help}{}", chinese_values(&arg));
                arg.help(help)
                    .hide_default_value(true)
                    .hide_possible_values(true)
            } else {
                arg.help(help)
            }
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for sub in &subcommands {
        command = command.mut_subcommand(sub, |c| localize_command(c, sub));
    }
    if zh {
        let template = chinese_template(&command);
        command = command.help_template(template);
    }
    command
}

/// "（默认：pdf；可选：pdf、png、svg）" for an option with such values.
fn chinese_values(arg: &Arg) -> String {
    let mut parts = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    // A flag's "false" is no default worth telling.
    if !defaults.is_empty() {
        parts.push(t!("cli-default", value = defaults.join("、")));
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    // Values with a help each are listed one a line, as clap does.
    let explained = !values.is_empty() && values.iter().all(|v| v.get_help().is_some());
    if !values.is_empty() && !explained {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        parts.push(t!("cli-possible", values = names.join("、")));
    }
    let mut text = if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("；"))
    };
    if explained {
        text.push_str(&format!("\n{}", t!("cli-possible", values = "")));
        for value in &values {
            let help = value
                .get_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            text.push_str(&format!("\n- {}：{help}", value.get_name()));
        }
    }
    text
}

/// clap's help layout with the catalogue's headings, and only the parts
/// this command has.
fn chinese_template(command: &Command) -> String {
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}",
        t!("cli-usage-heading")
    );
    if command.has_subcommands() {
        let _ = write!(
            template,
            "\n\n{}\n{{subcommands}}",
            t!("cli-commands-heading")
        );
    }
    if command.get_positionals().next().is_some() {
        let _ = write!(
            template,
            "\n\n{}\n{{positionals}}",
            t!("cli-arguments-heading")
        );
    }
    let _ = write!(template, "\n\n{}\n{{options}}", t!("cli-options-heading"));
    template.push_str("{after-help}");
    template
}

/// A mistake on the command line in Chinese: what is wrong, the usage and
/// where to read more; clap's own text for anything it does not name.
pub fn chinese_error(error: &clap::Error) -> String {
    let context = |kind: ContextKind| -> String {
        match error.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(StyledStr::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let mut message = match error.kind() {
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            if value.is_empty() {
                t!("cli-error-value-missing", arg = arg)
            } else if valid.is_empty() {
                t!("cli-error-invalid-value", arg = arg, value = value)
            } else {
                t!(
                    "cli-error-invalid-value-choose",
                    arg = arg,
                    value = value,
                    valid = valid
                )
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(|source| source.to_string())
                .unwrap_or_default();
            t!(
                "cli-error-value-validation",
                arg = arg,
                value = value,
                why = why
            )
        }
        ErrorKind::UnknownArgument => t!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "cli-error-unknown-command",
            command = context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::NoEquals => t!("cli-error-no-equals", arg = arg),
        ErrorKind::ArgumentConflict => t!(
            "cli-error-conflict",
            arg = arg,
            other = context(ContextKind::PriorArg)
        ),
        ErrorKind::MissingRequiredArgument => t!("cli-error-missing-argument", args = arg),
        ErrorKind::MissingSubcommand => t!("cli-error-missing-command"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            t!("cli-error-value-count", arg = arg)
        }
        ErrorKind::InvalidUtf8 => t!("cli-error-not-utf8"),
        _ => t!("cli-error-other", details = clap_words(error)),
    };
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let suggested = context(kind);
        if !suggested.is_empty() {
            let _ = write!(
                message,
                "\n\n  {}",
                t!("cli-did-you-mean", suggestion = suggested)
            );
        }
    }
    let usage = context(ContextKind::Usage);
    if let Some(usage) = usage.trim().strip_prefix("Usage:") {
        let _ = write!(message, "\n\n{}{}", t!("cli-usage-heading"), usage.trim());
    }
    let _ = write!(message, "\n\n{}", t!("cli-more-help"));
    message
}

/// clap's own message, without its "error: " and trailing hints.
fn clap_words(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}
