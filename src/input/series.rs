//! The issues of a publication as a series: totals without gaps or
//! repeats, numbers that count up within a year, dates that move forward.
//! Each issue's own file is checked by [`crate::input::issue`]; this module reads
//! only what numbers an issue, so that a numbering mistake is found even in
//! an issue that has other problems.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_spanned::Spanned;
use toml::value::Datetime as TomlDatetime;

use crate::diagnostic::Located;
use crate::input::issue::Date;
use crate::input::toml_input::InputFile;
use crate::t;

/// What numbers an issue: its totals, number, year and date, where they are
/// written, and a little of what it holds.
#[derive(Debug, Clone)]
pub struct Heading {
    pub file: InputFile,
    /// The file on disk.
    pub path: PathBuf,
    pub total: i64,
    pub total_span: Range<usize>,
    pub number: i64,
    pub number_span: Range<usize>,
    pub date: Date,
    pub date_span: Range<usize>,
    /// The year the issue counts in: `year` if written, else the date's.
    pub year: i32,
    pub year_span: Option<Range<usize>>,
    pub editor: Option<String>,
    pub reviewer: Option<String>,
    /// The section of each article, in order.
    pub sections: Vec<Option<String>>,
}

#[derive(Deserialize)]
struct RawHeading {
    total: Spanned<i64>,
    number: Spanned<i64>,
    date: Spanned<TomlDatetime>,
    year: Option<Spanned<i64>>,
    editor: Option<String>,
    reviewer: Option<String>,
    #[serde(default)]
    articles: Vec<RawArticle>,
}

/// Only the section; a mistyped one is reported by the issue's own check.
#[derive(Deserialize)]
struct RawArticle {
    section: Option<toml::Value>,
}

impl Heading {
    /// Reads what numbers the issue at `path`; a file that cannot be read
    /// that far is a located problem.
    pub fn read(path: &Path, shown: &Path) -> Result<Self, Located> {
        let file = InputFile::read(path, shown)?;
        let raw: RawHeading = file.parse()?;
        let date = match raw.date.get_ref() {
            TomlDatetime {
                date: Some(d),
                time: None,
                offset: None,
            } => Date {
                year: i32::from(d.year),
                month: d.month,
                day: d.day,
            },
            _ => {
                return Err(file.error(raw.date.span(), t!("series-date-not-a-day")));
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            total: *raw.total.get_ref(),
            total_span: raw.total.span(),
            number: *raw.number.get_ref(),
            number_span: raw.number.span(),
            date,
            date_span: raw.date.span(),
            year: raw
                .year
                .as_ref()
                .and_then(|y| i32::try_from(*y.get_ref()).ok())
                .unwrap_or(date.year),
            year_span: raw.year.as_ref().map(Spanned::span),
            editor: raw.editor,
            reviewer: raw.reviewer,
            sections: raw
                .articles
                .into_iter()
                .map(|a| a.section.and_then(|s| s.as_str().map(str::to_string)))
                .collect(),
            file,
        })
    }

    fn error(&self, span: &Range<usize>, message: String) -> Located {
        self.file.error(span.clone(), message)
    }

    /// 总第74期 (as in messages).
    fn named(&self) -> String {
        t!(
            "series-named",
            total = self.total,
            path = self.file.path.display()
        )
    }
}

/// Problems of the series: a total used twice or skipped, a number that
/// does not follow on within its year (or a new year that does not start at
/// 第1期), a date that is not after the one before, a year that is not the
/// date's. Each is reported at the later issue's value.
///
/// `unreadable` holds the totals (from their file names) of issue files that
/// could not be read: their own errors are reported; next to them nothing
/// is compared, as what they say is unknown.
pub fn check(headings: &[Heading], unreadable: &[i64]) -> Vec<Located> {
    let mut sorted: Vec<&Heading> = headings.iter().collect();
    sorted.sort_by_key(|h| (h.total, h.path.clone()));
    let mut problems = Vec::new();
    // A year that is neither the date's nor the one before is the issue's
    // own error; numbering by it would only repeat that.
    let year_known = |h: &Heading| h.year == h.date.year || h.year == h.date.year - 1;
    for (i, current) in sorted.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| sorted[p]);
        if let Some(problem) = year_problem(current, previous) {
            problems.push(problem);
        }
        let Some(previous) = previous else { continue };
        if unreadable
            .iter()
            .any(|&t| previous.total <= t && t <= current.total)
        {
            continue;
        }
        if current.total == previous.total {
            problems.push(current.error(
                &current.total_span,
                t!(
                    "series-total-twice",
                    total = current.total,
                    other = previous.file.path.display(),
                    next = sorted.last().map_or(current.total, |last| last.total) + 1
                ),
            ));
            continue;
        }
        // Totals are whatever was typed: no arithmetic may overflow.
        let step = current.total.saturating_sub(previous.total);
        if step > 1 {
            let missing = if step == 2 {
                t!("series-one-missing", total = previous.total + 1)
            } else {
                t!(
                    "series-several-missing",
                    first = previous.total + 1,
                    last = current.total - 1
                )
            };
            problems.push(current.error(
                &current.total_span,
                t!(
                    "series-gap",
                    missing = missing,
                    total = current.total,
                    previous = previous.named()
                ),
            ));
        }
        if !year_known(current) || !year_known(previous) {
            // Numbers are compared within known years only.
        } else if current.year == previous.year {
            let expected = previous.number.saturating_add(step);
            if current.number != expected {
                problems.push(current.error(
                    &current.number_span,
                    t!(
                        "series-number-does-not-follow",
                        number = current.number,
                        previous = previous.named(),
                        year = previous.year,
                        previous_number = previous.number,
                        expected = expected
                    ),
                ));
            }
        } else if current.year > previous.year && !(1..=step).contains(&current.number) {
            // After a gap, the missing issues may have opened the new year.
            let late = if current.number == previous.number.saturating_add(step) {
                t!("series-or-late-issue", year = previous.year)
            } else {
                String::new()
            };
            let message = if step == 1 {
                t!(
                    "series-new-year",
                    year = current.year,
                    number = current.number,
                    previous = previous.named(),
                    previous_year = previous.year
                )
            } else {
                t!(
                    "series-new-year-after-gap",
                    missing = step - 1,
                    year = current.year,
                    last = step,
                    number = current.number,
                    previous = previous.named(),
                    previous_year = previous.year
                )
            };
            problems.push(current.error(&current.number_span, format!("{message}{late}")));
        } else if current.year < previous.year {
            let span = current.year_span.as_ref().unwrap_or(&current.date_span);
            problems.push(current.error(
                span,
                t!(
                    "series-year-back",
                    year = current.year,
                    previous = previous.named(),
                    previous_year = previous.year
                ),
            ));
        }
        if current.date <= previous.date {
            problems.push(current.error(
                &current.date_span,
                t!(
                    "series-date-not-after",
                    date = iso(current.date),
                    previous = previous.named(),
                    previous_date = iso(previous.date)
                ),
            ));
        }
    }
    problems
}

/// A year that is not the date's, unless the issue is a late one of the
/// year before that continues that year's numbering.
fn year_problem(current: &Heading, previous: Option<&Heading>) -> Option<Located> {
    let span = current.year_span.as_ref()?;
    // Any other year than these two is the issue's own error (see
    // `crate::input::issue`), reported once, there.
    if current.year != current.date.year - 1 {
        return None;
    }
    // The first issue on file cannot be compared: it is given the benefit
    // of the doubt, as `build` gives it.
    let continues = previous.is_none_or(|p| {
        p.year == current.year
            && current.number
                == p.number
                    .saturating_add(current.total.saturating_sub(p.total))
    });
    (!continues).then(|| {
        current.error(
            span,
            t!(
                "series-year-not-the-dates",
                year = current.year,
                date = iso(current.date),
                right = current.date.year
            ),
        )
    })
}

/// A date as typed in the files: 2023-08-11.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(total: i64, number: i64, date: &str, year: Option<i64>) -> Heading {
        let year_line = year.map(|y| format!("year = {y}\n")).unwrap_or_default();
        let text = format!(
            "total = {total}\nnumber = {number}\ndate = {date}\n{year_line}[[articles]]\nsection = \"x\"\n"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{total}.toml"));
        std::fs::write(&path, text).unwrap();
        Heading::read(&path, Path::new(&format!("issues/{total}.toml"))).unwrap()
    }

    fn messages(headings: &[Heading]) -> Vec<String> {
        check(headings, &[])
            .iter()
            .map(|p| format!("{}:{}: {}", p.path.display(), p.line, p.message))
            .collect()
    }

    #[test]
    fn a_sound_series_across_a_new_year_has_no_problem() {
        let series = [
            heading(100, 51, "2023-12-22", None),
            heading(101, 52, "2023-12-29", None),
            heading(102, 1, "2024-01-05", None),
            heading(103, 2, "2024-01-12", None),
        ];
        assert!(messages(&series).is_empty(), "{:?}", messages(&series));
        // A late issue of last year, continuing its numbering.
        let late = [
            heading(101, 52, "2023-12-29", None),
            heading(102, 53, "2024-01-02", Some(2023)),
            heading(103, 1, "2024-01-09", None),
        ];
        assert!(messages(&late).is_empty(), "{:?}", messages(&late));
    }

    #[test]
    fn each_numbering_mistake_is_found_at_the_later_issue() {
        let series = [
            heading(74, 21, "2023-08-11", None),
            heading(75, 21, "2023-08-18", None),
            heading(77, 24, "2023-08-18", None),
            heading(78, 3, "2024-01-05", None),
            heading(79, 4, "2025-01-12", Some(2023)),
            heading(80, 1, "2026-01-09", Some(2025)),
        ];
        let found = messages(&series);
        assert!(
            found[0].starts_with("issues/75.toml:2: 第21期 does not follow 总第74期"),
            "{found:?}"
        );
        assert!(found[0].contains("should be 第22期"), "{found:?}");
        assert!(
            found[1].starts_with("issues/77.toml:1: 总第76期 is missing"),
            "{found:?}"
        );
        assert!(
            found[2].starts_with("issues/77.toml:2: 第24期"),
            "{found:?}"
        );
        assert!(found[2].contains("should be 第23期"), "{found:?}");
        assert!(
            found[3].starts_with("issues/77.toml:3: the date 2023-08-18 is not after"),
            "{found:?}"
        );
        assert!(
            found[4].starts_with(
                "issues/78.toml:2: the first issue of 2024 should be 第1期, not 第3期"
            ),
            "{found:?}"
        );
        // 79's year 2023 on 2025-01-12 is its own file's error, not repeated
        // here; 80 is a late issue of 2025 that does not continue its numbering.
        assert!(
            found[5].starts_with("issues/80.toml:4: year 2025 does not match the date 2026-01-09"),
            "{found:?}"
        );
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn gaps_late_issues_and_unreadable_files_give_no_false_alarm() {
        // The missing 101 was 2024's 第1期: 102 may be 第2期.
        let across_a_gap = [
            heading(100, 51, "2023-12-22", None),
            heading(102, 2, "2024-01-12", None),
        ];
        let found = messages(&across_a_gap);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("总第101期 is missing"), "{found:?}");

        // A late issue of 2023 first on file, and one after a gap.
        let late_first = [
            heading(101, 53, "2024-01-02", Some(2023)),
            heading(102, 1, "2024-01-09", None),
        ];
        assert!(
            messages(&late_first).is_empty(),
            "{:?}",
            messages(&late_first)
        );
        let late_after_gap = [
            heading(100, 51, "2023-12-22", None),
            heading(102, 53, "2024-01-02", Some(2023)),
        ];
        let found = messages(&late_after_gap);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("is missing"), "{found:?}");

        // Typed without `year`, a late issue gets the hint.
        let found = messages(&[
            heading(100, 52, "2023-12-29", None),
            heading(101, 53, "2024-01-02", None),
        ]);
        assert!(found[0].contains("add `year = 2023`"), "{found:?}");

        // 75 cannot be read: 74 and 76 are not compared across it.
        let series = [
            heading(74, 21, "2023-08-11", None),
            heading(76, 23, "2023-08-25", None),
        ];
        assert!(check(&series, &[75]).is_empty());
    }

    #[test]
    fn totals_at_the_ends_of_the_number_range_do_not_overflow() {
        let series = [
            heading(-1, 1, "2023-01-06", None),
            heading(i64::MAX, 2, "2023-01-13", None),
        ];
        assert!(!messages(&series).is_empty());
    }

    #[test]
    fn a_total_used_twice_is_named_with_both_files() {
        let mut twin = heading(75, 22, "2023-08-25", None);
        twin.path = PathBuf::from("075.toml");
        twin.file.path = PathBuf::from("issues/075.toml");
        let series = [
            heading(74, 21, "2023-08-11", None),
            heading(75, 22, "2023-08-18", None),
            twin,
        ];
        let found = messages(&series);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("总第75期 is also issues/"), "{found:?}");
        assert!(found[0].contains("should probably be 76"), "{found:?}");
    }
}
