//! The issues of a publication, a row each: what `bulletin list` prints and
//! the desk's front page shows.

use std::path::Path;
use std::time::SystemTime;

use serde::Serialize;

use crate::config::CONFIG_FILE;
use crate::publication::{IssueFile, Publication};
use crate::series::{Heading, iso};

/// One issue file and what it says about itself.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The number in the file's name.
    pub file_total: u32,
    /// What numbers the issue; `None` when the file cannot be read that far.
    pub heading: Option<Numbers>,
    pub pdf: PdfState,
}

#[derive(Debug, Clone, Serialize)]
pub struct Numbers {
    pub total: i64,
    pub year: i32,
    pub number: i64,
    /// As written: 2023-08-11.
    pub date: String,
    pub articles: usize,
}

/// Whether `out/` holds the issue's PDF, made after every file it is built
/// from last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PdfState {
    None,
    Stale,
    Fresh,
}

/// Every issue of the publication, in order.
pub fn rows(publication: &Publication) -> Vec<Row> {
    publication
        .issue_files()
        .iter()
        .map(|file| Row {
            file_total: file.total,
            heading: Heading::read(&file.path, &file.shown)
                .ok()
                .map(|heading| Numbers {
                    total: heading.total,
                    year: heading.year,
                    number: heading.number,
                    date: iso(heading.date),
                    articles: heading.sections.len(),
                }),
            pdf: pdf_state(publication, file),
        })
        .collect()
}

fn pdf_state(publication: &Publication, file: &IssueFile) -> PdfState {
    let (pdf, _) = publication.default_output(file.total);
    let Some(built) = modified(&pdf) else {
        return PdfState::None;
    };
    let config = &publication.config;
    let mut sources = vec![file.path.clone(), config.root.join(CONFIG_FILE)];
    if let Some(layout) = &config.layout.file {
        sources.push(config.root.join(layout));
    }
    let newest = sources.iter().filter_map(|path| modified(path)).max();
    match newest {
        Some(changed) if changed > built => PdfState::Stale,
        _ => PdfState::Fresh,
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
