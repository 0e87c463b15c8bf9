//! `bulletin check`: every problem of the issues, without writing a PDF;
//! punctuation warnings, fixed in place with `--fix`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;
use rayon::prelude::*;

use bulletin::build::{self, BuildError, BuildOptions};
use bulletin::config::CONFIG_FILE;
use bulletin::diagnostic::Located;
use bulletin::i18n;
use bulletin::lint;
use bulletin::output::{self, Kind};
use bulletin::publication::{IssueFile, Publication, total_in_name};
use bulletin::series::{self, Heading};
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

    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
}

/// What was found in one file.
#[derive(Default)]
struct Report {
    errors: Vec<String>,
    warnings: Vec<String>,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let near = args.issues.first().map(Path::new).filter(|p| p.is_file());
    let mut publication = Publication::open(dir, near)?;
    let all_files = publication.issue_files();
    let targets: Vec<IssueFile> = if args.issues.is_empty() {
        all_files.clone()
    } else {
        let mut targets = Vec::new();
        for asked in &args.issues {
            let (path, shown) = publication.issue_file(asked)?;
            let total = total_in_name(&path).unwrap_or(0);
            targets.push(IssueFile { total, path, shown });
        }
        targets
    };
    let config_file = IssueFile {
        total: 0,
        path: publication.config.root.join(CONFIG_FILE),
        shown: publication.shown(Path::new(CONFIG_FILE)),
    };

    // Punctuation first: fixed files are then checked as they now are.
    // bulletin.toml is linted (and fixed) with all issues, not when the
    // editor names issues: --fix changes only the files asked for.
    let mut reports: Vec<(PathBuf, Report)> = Vec::new();
    let mut fixed_config = false;
    let config_included = args.issues.is_empty();
    let linted = config_included
        .then_some(&config_file)
        .into_iter()
        .chain(&targets);
    for file in linted {
        let mut report = Report::default();
        match punctuation(file, args.fix) {
            Punctuation::Fixed(count) => {
                println!(
                    "{}",
                    t!(
                        "cmd-check-fixed",
                        count = count,
                        file = file.shown.display()
                    )
                );
                fixed_config |= file.path == config_file.path;
            }
            Punctuation::Warnings(warnings) => report.warnings = warnings,
            Punctuation::NotFixed(error) => report.errors.push(error),
        }
        reports.push((file.path.clone(), report));
    }
    if fixed_config {
        publication = Publication::open(Some(&publication.config.root.clone()), None)?;
    }

    // Everything build rejects, for each issue, in parallel.
    let config = &publication.config;
    let fonts = Arc::new(build::load_fonts(config, &args.font_paths)?);
    let options = BuildOptions::default();
    // Each issue's errors, or the warnings of its build (a font not found,
    // a photo that prints blurred).
    let built: Vec<Result<Vec<String>, Vec<String>>> = targets
        .par_iter()
        .map(|file| {
            match build::lay_out(config, &file.path, &file.shown, fonts.clone(), &options) {
                Ok(built) => Ok(built.warnings),
                Err(BuildError::Input(problems)) => {
                    Err(problems.0.iter().map(|p| p.to_string()).collect())
                }
                // Typst's own diagnostics start with "error: " already.
                Err(error) => {
                    let text = error.to_string();
                    Err(vec![
                        text.strip_prefix("error: ").unwrap_or(&text).to_string(),
                    ])
                }
            }
        })
        .collect();
    for (file, result) in targets.iter().zip(built) {
        let report = report_of(&mut reports, &file.path);
        match result {
            Ok(warnings) => report.warnings.extend(warnings),
            Err(errors) => report.errors.extend(errors),
        }
    }

    // The series: numbering, dates and years across issues/.
    let mut headings: Vec<Heading> = Vec::new();
    let mut unreadable = Vec::new();
    for file in &all_files {
        match Heading::read(&file.path, &file.shown) {
            Ok(heading) => headings.push(heading),
            // Its own error is reported with the issue's checks.
            Err(_) => unreadable.push(i64::from(file.total)),
        }
    }
    // A problem names its file as shown; the file is matched on disk, as
    // the user may have named it by another path (./issues/75.toml, 75.toml).
    let same_file = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    for problem in series::check(&headings, &unreadable) {
        let Some(file) = headings.iter().find(|h| h.file.path == problem.path) else {
            continue;
        };
        if let Some(target) = targets.iter().find(|t| same_file(&t.path, &file.path)) {
            report_of(&mut reports, &target.path.clone())
                .errors
                .push(problem.to_string());
        }
    }

    let (mut errors, mut warnings) = (0, 0);
    for (_, report) in &reports {
        for error in &report.errors {
            eprintln!("{}{error}\n", i18n::error_label());
        }
        for warning in &report.warnings {
            eprintln!("{}{warning}\n", i18n::warning_label());
        }
        errors += report.errors.len();
        warnings += report.warnings.len();
    }
    let summary = t!(
        "cmd-check-summary",
        issues = targets.len(),
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

fn report_of<'a>(reports: &'a mut Vec<(PathBuf, Report)>, path: &Path) -> &'a mut Report {
    let at = match reports.iter().position(|(p, _)| p == path) {
        Some(at) => at,
        None => {
            reports.push((path.to_path_buf(), Report::default()));
            reports.len() - 1
        }
    };
    &mut reports[at].1
}

enum Punctuation {
    Fixed(usize),
    Warnings(Vec<String>),
    /// The fixes could not be applied; the message says why.
    NotFixed(String),
}

/// The punctuation warnings of a file, or, with `fix`, the number of marks
/// corrected in it. A file that does not read or parse has none: its
/// errors are reported by the build check.
fn punctuation(file: &IssueFile, fix: bool) -> Punctuation {
    let none = Punctuation::Warnings(Vec::new());
    let Ok(input) = bulletin::toml_input::InputFile::read(&file.path, &file.shown) else {
        return none;
    };
    let Ok(findings) = lint::lint_toml(&input.text) else {
        return none;
    };
    if !fix {
        let warnings = findings
            .iter()
            .map(|f| {
                Located::new(&file.shown, &input.text, f.span.clone(), f.message.clone())
                    .to_string()
            })
            .collect();
        return Punctuation::Warnings(warnings);
    }
    if findings.is_empty() {
        return none;
    }
    let fixed = lint::apply_fixes(&input.text, &findings);
    // A safety net: the fixed file must still be TOML.
    if lint::lint_toml(&fixed).is_err() {
        return Punctuation::NotFixed(t!("cmd-check-fix-would-break", file = file.shown.display()));
    }
    // A byte order mark, if the file had one, stays.
    let had_bom = std::fs::read(&file.path).is_ok_and(|raw| raw.starts_with(b"\xEF\xBB\xBF"));
    let mut bytes = Vec::with_capacity(fixed.len() + 3);
    if had_bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(fixed.as_bytes());
    match output::write(&file.path, &file.shown, &bytes, Kind::Text) {
        Ok(()) => Punctuation::Fixed(findings.len()),
        Err(error) => Punctuation::NotFixed(error.to_string()),
    }
}
