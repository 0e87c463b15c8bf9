//! `bulletin list`: every issue, a line each, and whether its PDF is up to
//! date (the rows come from `bulletin::live::issue_list`).

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use bulletin::live::issue_list::{self, PdfState};
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(dir: Option<&Path>, _args: Args) -> anyhow::Result<()> {
    let publication = super::open_publication(dir, None)?;
    let issues = issue_list::rows(&publication);
    if issues.is_empty() {
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
    for issue in &issues {
        rows.push(match &issue.heading {
            Some(heading) => [
                heading.total.to_string(),
                t!(
                    "cmd-list-year-number",
                    year = heading.year,
                    number = heading.number
                ),
                heading.date.clone(),
                heading.articles.to_string(),
                match issue.pdf {
                    PdfState::None => t!("cmd-list-pdf-none"),
                    PdfState::Stale => t!("cmd-list-pdf-stale"),
                    PdfState::Fresh => t!("cmd-list-pdf-fresh"),
                },
            ],
            None => [
                issue.file_total.to_string(),
                "?".to_string(),
                "?".to_string(),
                "?".to_string(),
                t!("cmd-list-unreadable", total = issue.file_total),
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
