//! `bulletin check`: every problem of the issues, without writing a PDF;
//! punctuation warnings, fixed in place with `--fix` (the engine is
//! `bulletin::lint::check`).

use std::path::Path;

use anyhow::bail;

use bulletin::i18n;
use bulletin::lint::check::{self, Request, Severity};
use bulletin::publication::{IssueFile, total_in_name};
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {
    #[arg(conflicts_with = "all")]
    issues: Vec<String>,

    #[arg(long)]
    all: bool,

    #[arg(long)]
    fix: bool,

    #[arg(long)]
    deny_warnings: bool,

    #[command(flatten)]
    fonts: super::args::FontArgs,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let near = args.issues.first().map(Path::new).filter(|p| p.is_file());
    let mut publication = super::open_publication(dir, near)?;
    let targets: Vec<IssueFile> = if args.issues.is_empty() {
        publication.issue_files()
    } else {
        let mut targets = Vec::new();
        for asked in &args.issues {
            let (path, shown) = publication.issue_file(asked)?;
            let total = total_in_name(&path).unwrap_or(0);
            targets.push(IssueFile { total, path, shown });
        }
        targets
    };
    let request = Request {
        targets,
        with_config: args.issues.is_empty(),
        fix: args.fix,
        font_paths: &args.fonts.font_paths,
    };
    let report = check::run(&mut publication, &request)?;

    for (file, count) in &report.fixed {
        println!(
            "{}",
            t!("cmd-check-fixed", count = *count, file = file.display())
        );
    }
    for (_, findings) in &report.files {
        for severity in [Severity::Error, Severity::Warning] {
            let label = match severity {
                Severity::Error => i18n::error_label(),
                Severity::Warning => i18n::warning_label(),
            };
            for finding in findings.iter().filter(|f| f.severity == severity) {
                eprintln!("{label}{}\n", finding.text);
            }
        }
    }
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    let summary = t!(
        "cmd-check-summary",
        issues = request.targets.len(),
        errors = errors,
        warnings = warnings
    );
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        let hint = if errors == 0 {
            t!("cmd-check-warnings-denied")
        } else {
            String::new()
        };
        bail!("{summary}{hint}");
    }
    println!("{summary}");
    if warnings > 0 {
        println!("{}", t!("cmd-check-fix-hint"));
    }
    Ok(())
}
