//! `bulletin list`: every issue, a line each, and whether its PDF is up to
//! date.

use std::path::Path;
use std::time::SystemTime;

use unicode_width::UnicodeWidthStr;

use bulletin::publication::{IssueFile, Publication};
use bulletin::series::{Heading, iso};
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(dir: Option<&Path>, _args: Args) -> anyhow::Result<()> {
    let publication = Publication::open(dir, None)?;
    let files = publication.issue_files();
    if files.is_empty() {
        println!("{}", t!("cmd-list-none"));
        return Ok(());
    }
    let mut rows = vec![[
        t!("cmd-list-total"),
        t!("cmd-list-issue"),
        t!("cmd-list-date"),
        t!("cmd-list-articles"),
        t!("cmd-list-pdf"),
    ]];
    for file in &files {
        rows.push(match Heading::read(&file.path, &file.shown) {
            Ok(heading) => [
                heading.total.to_string(),
                t!(
                    "cmd-list-year-number",
                    year = heading.year,
                    number = heading.number
                ),
                iso(heading.date),
                heading.sections.len().to_string(),
                pdf_state(&publication, file),
            ],
            Err(_) => [
                file.total.to_string(),
                "?".to_string(),
                "?".to_string(),
                "?".to_string(),
                t!("cmd-list-unreadable", total = file.total),
            ],
        });
    }
    // Numbers right-aligned, texts left-aligned, by display width (年 and 期
    // are two columns wide).
    let widths: Vec<usize> = (0..5)
        .map(|col| rows.iter().map(|row| row[col].width()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(col, cell)| {
                let pad = " ".repeat(widths[col] - cell.width());
                match col {
                    0 | 3 => format!("{pad}{cell}"),
                    4 => cell.clone(),
                    _ => format!("{cell}{pad}"),
                }
            })
            .collect();
        println!("{}", cells.join("  "));
    }
    Ok(())
}

/// Whether `out/` holds the issue's PDF, made after every file it is built
/// from last changed.
fn pdf_state(publication: &Publication, file: &IssueFile) -> String {
    let (pdf, _) = publication.default_output(file.total);
    let Some(built) = modified(&pdf) else {
        return t!("cmd-list-pdf-none");
    };
    let config = &publication.config;
    let mut sources = vec![
        file.path.clone(),
        config.root.join(bulletin::config::CONFIG_FILE),
    ];
    if let Some(layout) = &config.layout.file {
        sources.push(config.root.join(layout));
    }
    let newest = sources.iter().filter_map(|path| modified(path)).max();
    match newest {
        Some(changed) if changed > built => t!("cmd-list-pdf-stale"),
        _ => t!("cmd-list-pdf-fresh"),
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
