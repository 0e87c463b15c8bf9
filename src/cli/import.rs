//! `bulletin import FILE… --into ISSUE`: contributions (Word documents,
//! text files) appended to an issue as articles (the work is
//! `bulletin::import::into_issue`).

use std::path::{Path, PathBuf};

use anyhow::anyhow;

use bulletin::diagnostic::Located;
use bulletin::i18n;
use bulletin::import::{self, Source, Warning};
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    #[arg(long, value_name = "ISSUE")]
    into: String,

    #[arg(long, value_name = "NAME", value_parser = section_name)]
    section: Option<String>,

    #[arg(long)]
    fix: bool,
}

fn section_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        Err(t!("cmd-import-section-empty"))
    } else {
        Ok(name.to_string())
    }
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let named = Path::new(&args.into);
    let publication = super::open_publication(dir, named.is_file().then_some(named))?;
    let (issue_path, shown_issue) = publication.issue_file(&args.into)?;
    let sources = args.files.iter().cloned().map(Source::Path).collect();
    let imported = import::into_issue(
        &publication,
        &issue_path,
        &shown_issue,
        sources,
        args.section.as_deref(),
        args.fix,
        &mut |warning| match warning {
            Warning::SectionFurtherUp(section) => eprintln!(
                "{}{}",
                i18n::warning_label(),
                t!("cmd-import-section-further-up", section = section)
            ),
            Warning::File { file, warning } => eprintln!(
                "{}{}{}{warning}",
                i18n::warning_label(),
                file.display(),
                t!("location-separator")
            ),
        },
    )
    .map_err(|refused| anyhow!(refused.0))?;

    for (file, c) in &imported.added {
        let mut parts = vec![t!("cmd-import-paragraphs", count = c.paragraphs.len())];
        if let Some(source) = &c.source {
            parts.push(t!("cmd-import-source", source = source));
        }
        if c.note.is_some() {
            parts.push(t!("cmd-import-note"));
        }
        if !c.pictures.is_empty() {
            parts.push(t!("cmd-import-pictures", count = c.pictures.len()));
        }
        println!(
            "{}",
            t!(
                "cmd-import-added",
                title = c.title.as_str(),
                file = file.display(),
                issue = shown_issue.display(),
                parts = parts.join(&t!("cmd-list-separator"))
            )
        );
    }
    let findings = &imported.findings;
    if args.fix {
        if !findings.is_empty() {
            println!("{}", t!("cmd-import-fixed", count = findings.len()));
        }
    } else {
        for finding in findings {
            let located = Located::new(
                &shown_issue,
                &imported.text,
                finding.span.clone(),
                finding.message.clone(),
            );
            eprintln!("{}{located}\n", i18n::warning_label());
        }
        if !findings.is_empty() {
            println!(
                "{}",
                t!(
                    "cmd-import-warnings",
                    count = findings.len(),
                    total = imported.total.as_str()
                )
            );
        }
    }
    Ok(())
}
