//! The next issue, started from the latest: numbered, dated, with the
//! editor and reviewer carried over and one empty article per section.

use std::path::{Path, PathBuf};

use crate::diagnostic::Located;
use crate::input::issue::Date;
use crate::input::series::{Heading, iso};
use crate::input::toml_write;
use crate::output::{self, OutputError};
use crate::publication::{ISSUES_DIR, Publication};
use crate::t;

/// A new issue's numbers and its file's text.
#[derive(Debug, Clone)]
pub struct NextIssue {
    pub total: u32,
    pub number: u32,
    pub year: i32,
    pub date: Date,
    /// The TOML text of `issues/<total>.toml`.
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum NextIssueError {
    #[error("{}", t!("next-not-after", new = .new, latest = .latest, file = .file))]
    NotAfter {
        new: String,
        latest: String,
        file: String,
    },
    #[error("{}", t!("next-bad-date", date = .0))]
    BadDate(String),
    #[error("{}", t!("next-out-of-range", date = .0, days = *.1))]
    OutOfRange(String, u32),
}

/// Why the next issue could not be started.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{}", t!("cmd-new-no-issue", folder = .0.display()))]
    NoIssue(PathBuf),
    #[error("{located}\n\n{}", t!("cmd-new-latest-broken"))]
    LatestBroken { located: Located },
    #[error(
        "{}",
        t!("cmd-new-total-not-name", file = .file.display(), total = *.total, name = *.name)
    )]
    TotalNotName {
        file: PathBuf,
        total: i64,
        name: u32,
    },
    #[error(transparent)]
    Next(#[from] NextIssueError),
    #[error(transparent)]
    Write(#[from] OutputError),
}

/// A started issue: its numbers and text, and its new file.
#[derive(Debug, Clone)]
pub struct Started {
    pub next: NextIssue,
    pub path: PathBuf,
    pub shown: PathBuf,
}

/// Starts the issue after the publication's latest (`bulletin new`): writes
/// `issues/<total>.toml`, never over a file that exists.
pub fn start(publication: &Publication, date: Option<Date>) -> Result<Started, StartError> {
    let files = publication.issue_files();
    let latest = files
        .last()
        .ok_or_else(|| StartError::NoIssue(publication.shown(Path::new(ISSUES_DIR))))?;
    let heading = Heading::read(&latest.path, &latest.shown)
        .map_err(|located| StartError::LatestBroken { located })?;
    if heading.total != i64::from(latest.total) {
        return Err(StartError::TotalNotName {
            file: latest.shown.clone(),
            total: heading.total,
            name: latest.total,
        });
    }
    let next = next_issue(&heading, date, publication.config.publication.cadence_days)?;
    let relative = PathBuf::from(ISSUES_DIR).join(format!("{}.toml", next.total));
    let shown = publication.shown(&relative);
    let path = publication.config.root.join(&relative);
    output::create(&path, &shown, next.text.as_bytes())?;
    Ok(Started { next, path, shown })
}

/// Parses a date typed on the command line: `2023-08-18`.
pub fn parse_date(text: &str) -> Result<Date, NextIssueError> {
    let bad = || NextIssueError::BadDate(text.to_string());
    let mut parts = text.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let (year, month, day) = (
        y.parse::<i32>().map_err(|_| bad())?,
        m.parse::<u8>().map_err(|_| bad())?,
        d.parse::<u8>().map_err(|_| bad())?,
    );
    let month_ok = time::Month::try_from(month).map_err(|_| bad())?;
    time::Date::from_calendar_date(year, month_ok, day).map_err(|_| bad())?;
    if !(1900..=2100).contains(&year) {
        return Err(bad());
    }
    Ok(Date { year, month, day })
}

/// The issue after `latest`: total + 1; number + 1, or 1 in a new year; dated
/// `date`, or `cadence_days` after the latest.
pub fn next_issue(
    latest: &Heading,
    date: Option<Date>,
    cadence_days: u32,
) -> Result<NextIssue, NextIssueError> {
    let date = match date {
        Some(date) => date,
        None => add_days(latest.date, cadence_days)?,
    };
    if date <= latest.date {
        return Err(NextIssueError::NotAfter {
            new: iso(date),
            latest: iso(latest.date),
            file: latest.file.path.display().to_string(),
        });
    }
    let total = u32::try_from(latest.total.max(0)).unwrap_or(0) + 1;
    let year = date.year;
    let number = if year > latest.year {
        1
    } else {
        u32::try_from(latest.number.max(0)).unwrap_or(0) + 1
    };
    let text = issue_text(total, number, date, latest);
    Ok(NextIssue {
        total,
        number,
        year,
        date,
        text,
    })
}

fn add_days(date: Date, days: u32) -> Result<Date, NextIssueError> {
    let out_of_range = || NextIssueError::OutOfRange(iso(date), days);
    let month = time::Month::try_from(date.month).map_err(|_| out_of_range())?;
    let next = time::Date::from_calendar_date(date.year, month, date.day)
        .ok()
        .and_then(|d| d.checked_add(time::Duration::days(i64::from(days))))
        .ok_or_else(out_of_range)?;
    Ok(Date {
        year: next.year(),
        month: u8::from(next.month()),
        day: next.day(),
    })
}

/// The new file: numbers and people first, then one article to fill per
/// section of the latest issue, in its order. Text values are written as
/// TOML strings, so any name is quoted correctly.
fn issue_text(total: u32, number: u32, date: Date, latest: &Heading) -> String {
    let comment = format!(
        "总第{total}期: fill in each article's title and body, then run `bulletin check {total}`."
    );
    let mut text = issue_header(
        &comment,
        total,
        number,
        date,
        latest.editor.as_deref(),
        latest.reviewer.as_deref(),
    );
    let mut sections: Vec<Option<&str>> = Vec::new();
    for section in &latest.sections {
        let section = section.as_deref();
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    if sections.is_empty() {
        sections.push(None);
    }
    for section in sections {
        text.push('\n');
        text.push_str(&toml_write::empty_article(section));
    }
    text
}

/// The top of an issue file: a comment line, then its numbers, date and
/// people (those given).
pub fn issue_header(
    comment: &str,
    total: u32,
    number: u32,
    date: Date,
    editor: Option<&str>,
    reviewer: Option<&str>,
) -> String {
    let mut text = format!(
        "# {comment}\n\
         total = {total}\n\
         number = {number}\n\
         date = {}\n",
        iso(date)
    );
    for (key, value) in [("editor", editor), ("reviewer", reviewer)] {
        if let Some(value) = value {
            text.push_str(&format!("{key} = {}\n", toml_write::basic(value)));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn latest(text: &str) -> Heading {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("74.toml");
        std::fs::write(&path, text).unwrap();
        Heading::read(&path, Path::new("issues/74.toml")).unwrap()
    }

    #[test]
    fn follows_on_with_people_and_sections_carried_over() {
        let latest = latest(
            "total = 74\nnumber = 21\ndate = 2023-08-11\neditor = \"张红波\"\nreviewer = \"李\\\"金涛\"\n\
             [[articles]]\ntitle = \"a\"\nbody = \"b\"\n\
             [[articles]]\nsection = \"主题教育\"\ntitle = \"a\"\nbody = \"b\"\n\
             [[articles]]\nsection = \"主题教育\"\ntitle = \"a\"\nbody = \"b\"\n\
             [[articles]]\nsection = \"科创工作\"\ntitle = \"a\"\nbody = \"b\"\n",
        );
        let next = next_issue(&latest, None, 7).unwrap();
        assert_eq!((next.total, next.number, next.year), (75, 22, 2023));
        assert_eq!(iso(next.date), "2023-08-18");
        let value: toml::Table = toml::from_str(&next.text).unwrap();
        assert_eq!(value["total"].as_integer(), Some(75));
        assert_eq!(value["number"].as_integer(), Some(22));
        assert_eq!(value["date"].to_string(), "2023-08-18");
        assert_eq!(value["editor"].as_str(), Some("张红波"));
        assert_eq!(value["reviewer"].as_str(), Some("李\"金涛"));
        let sections: Vec<Option<&str>> = value["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.get("section").and_then(|s| s.as_str()))
            .collect();
        assert_eq!(sections, [None, Some("主题教育"), Some("科创工作")]);
    }

    #[test]
    fn a_new_year_starts_at_number_one() {
        let latest = latest("total = 100\nnumber = 52\ndate = 2023-12-29\n");
        let next = next_issue(&latest, None, 7).unwrap();
        assert_eq!((next.total, next.number, next.year), (101, 1, 2024));
        assert_eq!(iso(next.date), "2024-01-05");
        let next = next_issue(&latest, Some(parse_date("2023-12-31").unwrap()), 7).unwrap();
        assert_eq!((next.number, next.year), (53, 2023));
    }

    #[test]
    fn a_date_that_is_not_later_or_not_real_is_refused() {
        let latest = latest("total = 74\nnumber = 21\ndate = 2023-08-11\n");
        let err = next_issue(&latest, Some(parse_date("2023-08-11").unwrap()), 7).unwrap_err();
        assert!(
            err.to_string()
                .contains("must be after the latest issue's (2023-08-11"),
            "{err}"
        );
        for bad in ["2023-02-30", "2023-8", "tomorrow", "0023-01-01"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
    }
}
