//! `bulletin init [DIR]`: a new publication, from flags or, on a terminal,
//! from questions about what the flags did not say.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use dialoguer::Input;
use dialoguer::theme::SimpleTheme;

use bulletin::init::{self, Answers, GITIGNORE};
use bulletin::input::config::CONFIG_FILE;
use bulletin::input::issue::Date;
use bulletin::input::series::iso;
use bulletin::publication::ISSUES_DIR;
use bulletin::publication::next_issue;
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_name = "DIR")]
    folder: Option<PathBuf>,

    #[arg(long)]
    name: Option<String>,

    #[arg(long)]
    publisher: Option<String>,

    #[arg(long, value_name = "TOTAL", value_parser = clap::value_parser!(u32).range(1..))]
    first: Option<u32>,

    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    number: Option<u32>,

    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,

    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=366))]
    cadence: Option<u32>,

    #[arg(long, value_name = "NAMES")]
    sections: Option<String>,

    #[arg(long)]
    editor: Option<String>,

    #[arg(long)]
    reviewer: Option<String>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    next_issue::parse_date(text).map_err(|err| err.to_string())
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let root = args
        .folder
        .clone()
        .or_else(|| dir.map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let shown = if root == Path::new(".") {
        PathBuf::new()
    } else {
        root.clone()
    };
    // Refused before any question is asked.
    init::check_folder(&root, &shown, Vec::new())?;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let answers = if interactive {
        ask(args)?
    } else {
        from_flags(args)?
    };
    let files = init::plan(&answers, &root, &shown)?;
    let planned: Vec<PathBuf> = files.iter().map(|f| f.relative.clone()).collect();
    let files = init::check_folder(&root, &shown, files)?;
    init::write(&root, &shown, &files)?;

    let issue = Path::new(ISSUES_DIR).join(format!("{}.toml", answers.first));
    let kept_gitignore = planned
        .iter()
        .any(|p| p == Path::new(GITIGNORE) && !files.iter().any(|f| f.relative == *p));
    let mut message = t!(
        "cmd-init-made",
        folder = shown_folder(&shown),
        config = shown.join(CONFIG_FILE).display(),
        issue = shown.join(&issue).display(),
        total = answers.first,
        date = iso(answers.date)
    );
    if kept_gitignore {
        message += &format!("\n{}", t!("cmd-init-gitignore-kept"));
    }
    message += &format!("\n\n{}", t!("cmd-init-next"));
    if !shown.as_os_str().is_empty() {
        let folder = shell_word(&shown);
        message += &format!("\n  {}", t!("cmd-init-step-cd", folder = folder));
    }
    let total = answers.first;
    for line in [
        t!("cmd-init-step-build", total = total),
        t!("cmd-init-step-write", total = total),
        t!("cmd-init-step-new"),
    ] {
        message += &format!("\n  {line}");
    }
    eprintln!("{message}");
    Ok(())
}

fn shown_folder(shown: &Path) -> String {
    if shown.as_os_str().is_empty() {
        ".".to_string()
    } else {
        shown.display().to_string()
    }
}

/// A path as typed in a shell: quoted when it holds anything but plain
/// characters.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | '~'));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Without a terminal nothing can be asked: the name and the publisher
/// must be given, the rest has defaults.
fn from_flags(args: Args) -> anyhow::Result<Answers> {
    let missing: Vec<&str> = [
        ("--name", args.name.is_none()),
        ("--publisher", args.publisher.is_none()),
    ]
    .into_iter()
    .filter_map(|(flag, missing)| missing.then_some(flag))
    .collect();
    if !missing.is_empty() {
        return Err(anyhow!(t!(
            "cmd-init-flags-missing",
            flags = missing.join(", ")
        )));
    }
    Ok(Answers {
        name: args.name.unwrap_or_default(),
        publisher: args.publisher.unwrap_or_default(),
        first: args.first.unwrap_or(1),
        number: args.number.unwrap_or(1),
        date: args.date.unwrap_or_else(today),
        cadence_days: args.cadence.unwrap_or(7),
        sections: args
            .sections
            .as_deref()
            .map(init::split_sections)
            .unwrap_or_default(),
        editor: args.editor.filter(|e| !e.trim().is_empty()),
        reviewer: args.reviewer.filter(|r| !r.trim().is_empty()),
    })
}

/// Asks for every value the flags did not give, each with its default.
fn ask(args: Args) -> anyhow::Result<Answers> {
    let theme = SimpleTheme;
    let text =
        |prompt: String, default: Option<String>, required: bool| -> anyhow::Result<String> {
            let mut input = Input::<String>::with_theme(&theme)
                .with_prompt(prompt)
                .allow_empty(!required);
            if let Some(default) = default {
                input = input.default(default);
            }
            if required {
                input = input.validate_with(|value: &String| {
                    if value.trim().is_empty() {
                        Err(t!("cmd-init-required"))
                    } else {
                        Ok(())
                    }
                });
            }
            Ok(input.interact_text()?.trim().to_string())
        };
    let positive = |prompt: String, default: u32, max: u32| -> anyhow::Result<u32> {
        let value = Input::<String>::with_theme(&theme)
            .with_prompt(prompt)
            .default(default.to_string())
            .validate_with(|value: &String| match value.trim().parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(()),
                _ => Err(t!("cmd-init-whole-number", max = max)),
            })
            .interact_text()?;
        Ok(value.trim().parse().unwrap_or(default))
    };

    let name = match args.name {
        Some(name) => name,
        None => text(t!("cmd-init-ask-name"), None, true)?,
    };
    let publisher = match args.publisher {
        Some(publisher) => publisher,
        None => text(t!("cmd-init-ask-publisher"), None, true)?,
    };
    let first = match args.first {
        Some(first) => first,
        None => positive(t!("cmd-init-ask-first"), 1, u32::MAX)?,
    };
    let number = match args.number {
        Some(number) => number,
        None => positive(t!("cmd-init-ask-number"), 1, u32::MAX)?,
    };
    let date = match args.date {
        Some(date) => date,
        None => {
            let typed = Input::<String>::with_theme(&theme)
                .with_prompt(t!("cmd-init-ask-date"))
                .default(iso(today()))
                .validate_with(|value: &String| {
                    next_issue::parse_date(value)
                        .map(|_| ())
                        .map_err(|err| err.to_string())
                })
                .interact_text()?;
            next_issue::parse_date(&typed)?
        }
    };
    let cadence_days = match args.cadence {
        Some(days) => days,
        None => positive(t!("cmd-init-ask-cadence"), 7, 366)?,
    };
    let sections = match args.sections {
        Some(sections) => init::split_sections(&sections),
        None => init::split_sections(&text(t!("cmd-init-ask-sections"), None, false)?),
    };
    let editor = match args.editor {
        Some(editor) => editor,
        None => text(t!("cmd-init-ask-editor"), None, false)?,
    };
    let reviewer = match args.reviewer {
        Some(reviewer) => reviewer,
        None => text(t!("cmd-init-ask-reviewer"), None, false)?,
    };
    Ok(Answers {
        name,
        publisher,
        first,
        number,
        date,
        cadence_days,
        sections,
        editor: Some(editor).filter(|e| !e.trim().is_empty()),
        reviewer: Some(reviewer).filter(|r| !r.trim().is_empty()),
    })
}

/// Today, on this machine's clock and in its time zone (UTC when the zone
/// cannot be told).
fn today() -> Date {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    Date {
        year: now.year(),
        month: u8::from(now.month()),
        day: now.day(),
    }
}
