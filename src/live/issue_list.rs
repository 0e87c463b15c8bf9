//! The issues of a publication, a row each: what `bulletin list` prints and
//! the desk's front page shows.

use serde::Serialize;

use crate::input::series::{Heading, iso};
use crate::live;
use crate::publication::Publication;

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

pub use crate::live::PdfState;

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
            pdf: live::pdf_state(publication, file),
        })
        .collect()
}
