//! `issues/<total>.toml`: one issue, read and checked into plain values.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_spanned::Spanned;
use toml::value::Datetime as TomlDatetime;

use crate::diagnostic::{Located, Problems};
use crate::input::config::{Config, FooterSettings, Origin, Placed, fill_issue_line};
use crate::input::images::{self, Image, RawImage};
use crate::input::toml_input::InputFile;
use crate::t;
use crate::text;

/// One issue, ready to lay out.
#[derive(Debug, Clone)]
pub struct Issue {
    pub file: InputFile,
    /// Cumulative number (总第74期).
    pub total: u32,
    /// Number within the year (第21期).
    pub number: u32,
    pub year: i32,
    pub date: Date,
    pub footer: Footer,
    pub articles: Vec<Article>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// As Typst's date, for the layout's `today` and the PDF's dates.
    pub fn to_datetime(self) -> Option<typst::foundations::Datetime> {
        typst::foundations::Datetime::from_ymd(self.year, self.month, self.day)
    }

    /// As printed: 2023年8月11日.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// The closing block of this issue, bulletin.toml's values overridden by the
/// issue's.
#[derive(Debug, Clone, Default)]
pub struct Footer {
    pub lines: Vec<Placed>,
    pub editor: Option<Placed>,
    pub reviewer: Option<Placed>,
    pub distribution: Vec<Placed>,
}

impl Footer {
    /// Every value of the block, in printed order.
    pub fn values(&self) -> impl Iterator<Item = &Placed> {
        self.lines
            .iter()
            .chain(&self.editor)
            .chain(&self.reviewer)
            .chain(&self.distribution)
    }

    /// Each key from the issue where it sets it (the top-level editor and
    /// reviewer first, then its [footer]), else from bulletin.toml.
    fn resolve(publication: &FooterSettings, issue: &RawIssue) -> Self {
        let list = |of_issue: &Option<Vec<Spanned<String>>>,
                    of_publication: &Option<Vec<Spanned<String>>>| {
            match (of_issue, of_publication) {
                (Some(values), _) => values
                    .iter()
                    .map(|v| Placed::new(v, Origin::Issue))
                    .collect(),
                (None, Some(values)) => values
                    .iter()
                    .map(|v| Placed::new(v, Origin::Publication))
                    .collect(),
                (None, None) => Vec::new(),
            }
        };
        let one = |top: &Option<Spanned<String>>,
                   of_issue: &Option<Spanned<String>>,
                   of_publication: &Option<Spanned<String>>| {
            top.as_ref()
                .or(of_issue.as_ref())
                .map(|v| Placed::new(v, Origin::Issue))
                .or_else(|| {
                    of_publication
                        .as_ref()
                        .map(|v| Placed::new(v, Origin::Publication))
                })
                .filter(|v| !v.text.trim().is_empty())
        };
        let f = &issue.footer;
        Self {
            lines: list(&f.lines, &publication.lines),
            editor: one(&issue.editor, &f.editor, &publication.editor),
            reviewer: one(&issue.reviewer, &f.reviewer, &publication.reviewer),
            distribution: list(&f.distribution, &publication.distribution),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    pub section: Option<String>,
    /// Whether this article starts a run of its section (its heading is
    /// printed here).
    pub opens_section: bool,
    /// The printed title's lines (a `\n` in the title breaks it).
    pub title: Vec<String>,
    /// The entry in the contents summary; `None` when not listed.
    pub contents: Option<String>,
    pub paragraphs: Vec<String>,
    pub source: Option<String>,
    /// The editor's note (编者按) before the body, in paragraphs; empty for
    /// none.
    pub note: Vec<String>,
    /// Pictures, in the order written.
    pub images: Vec<Image>,
    /// Where each field is written in the issue file.
    pub spans: ArticleSpans,
}

/// Byte ranges of an article's values in its file; `None` for a key that
/// is not written.
#[derive(Debug, Clone, Default)]
pub struct ArticleSpans {
    pub section: Option<Range<usize>>,
    pub title: Range<usize>,
    pub contents: Option<Range<usize>>,
    pub body: Range<usize>,
    pub source: Option<Range<usize>>,
    pub note: Option<Range<usize>>,
}

impl Article {
    /// The fields written in the file, each with its texts (a title's lines,
    /// a body's paragraphs) and where it is written. A contents entry that
    /// is not written (the title) is not among them.
    pub fn written_fields(&self) -> Vec<(&'static str, Vec<&str>, Range<usize>)> {
        fn one(text: &Option<String>) -> Vec<&str> {
            text.iter().map(String::as_str).collect()
        }
        fn all(texts: &[String]) -> Vec<&str> {
            texts.iter().map(String::as_str).collect()
        }
        let spans = &self.spans;
        [
            ("section", one(&self.section), spans.section.clone()),
            ("title", all(&self.title), Some(spans.title.clone())),
            ("contents", one(&self.contents), spans.contents.clone()),
            ("body", all(&self.paragraphs), Some(spans.body.clone())),
            ("source", one(&self.source), spans.source.clone()),
            ("note", all(&self.note), spans.note.clone()),
        ]
        .into_iter()
        .chain(self.images.iter().map(|image| {
            let caption = image.caption.iter().map(String::as_str).collect();
            ("caption", caption, image.caption_span.clone())
        }))
        .filter_map(|(field, texts, span)| Some((field, texts, span?)))
        .collect()
    }

    /// The title on one line, as in the contents summary and bookmarks.
    pub fn title_text(&self) -> String {
        text::one_line(&self.title.join("\n"))
    }
}

/// Why `file` does not read as an issue's tables, if it does not (before
/// any check of the values): for the schema's test.
#[cfg(test)]
pub(crate) fn raw_issue_error(file: &InputFile) -> Option<String> {
    file.parse::<RawIssue>().err().map(|e| e.message)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    total: Spanned<i64>,
    number: Spanned<i64>,
    date: Spanned<TomlDatetime>,
    year: Option<Spanned<i64>>,
    editor: Option<Spanned<String>>,
    reviewer: Option<Spanned<String>>,
    #[serde(default)]
    footer: FooterSettings,
    articles: Spanned<Vec<RawArticle>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    section: Option<Spanned<String>>,
    title: Spanned<String>,
    contents: Option<Spanned<toml::Value>>,
    source: Option<Spanned<String>>,
    body: Spanned<String>,
    note: Option<Spanned<String>>,
    #[serde(default)]
    images: Vec<RawImage>,
}

/// The pictures the issue file at `path` names (`[[articles.images]]`
/// `path`), relative to the publication folder, whatever else is wrong
/// with it: `watch` looks for them while the issue cannot be built. None
/// when the file is not TOML; a path that could not name a picture of the
/// publication (absolute, with `..`, empty) is left out, as the build
/// refuses it anyway.
pub fn named_images(path: &Path) -> Vec<PathBuf> {
    let Some(table) = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
    else {
        return Vec::new();
    };
    let array = |value: Option<&toml::Value>| -> Vec<toml::Value> {
        value
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    array(table.get("articles"))
        .iter()
        .flat_map(|article| array(article.get("images")))
        .filter_map(|image| image.get("path")?.as_str().map(PathBuf::from))
        .filter(|path| {
            path.components().next().is_some()
                && path
                    .components()
                    .all(|part| matches!(part, Component::Normal(_) | Component::CurDir))
        })
        .collect()
}

impl Issue {
    /// Reads and checks the issue file at `path` (`shown` in messages).
    /// Every problem found after parsing is reported, not just the first.
    pub fn load(config: &Config, path: &Path, shown: &Path) -> Result<Self, Problems> {
        let file = InputFile::read(path, shown)?;
        Self::from_file(config, file, path)
    }

    /// Checks an issue given as text, as if read from `shown` (whose file
    /// name gives the expected total): for tests and fuzzing, without a file.
    pub fn from_text(config: &Config, text: String, shown: &Path) -> Result<Self, Problems> {
        let file = InputFile {
            path: shown.to_path_buf(),
            text,
        };
        Self::from_file(config, file, shown)
    }

    /// Parses and checks a file's text; `named` is the file whose name
    /// must be the issue's total.
    fn from_file(config: &Config, file: InputFile, named: &Path) -> Result<Self, Problems> {
        let raw: RawIssue = file.parse().map_err(|e| name_the_article(&file.text, e))?;
        let expected_total = named
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<i64>().ok());
        Self::check(config, file, raw, expected_total)
    }

    fn check(
        config: &Config,
        file: InputFile,
        raw: RawIssue,
        expected_total: Option<i64>,
    ) -> Result<Self, Problems> {
        let mut problems = Vec::new();

        let total = *raw.total.get_ref();
        if expected_total != Some(total) {
            let message = match expected_total {
                Some(name) => t!("issue-total-not-file-name", total = total, name = name),
                None => t!("issue-file-name-not-total", total = total),
            };
            problems.push(file.error(raw.total.span(), message));
        }
        let total = positive(&file, &raw.total, "total", &mut problems);
        let number = positive(&file, &raw.number, "number", &mut problems);

        let date = match to_date(raw.date.get_ref()) {
            // A typo such as 0023 or 2203 would otherwise print as is.
            Some(date) if !(1900..=2100).contains(&date.year) => {
                problems.push(file.error(
                    raw.date.span(),
                    t!("issue-year-impossible", year = format!("{:04}", date.year)),
                ));
                None
            }
            Some(date) => Some(date),
            None => {
                problems.push(file.error(raw.date.span(), t!("issue-date-not-a-day")));
                None
            }
        };
        let year = match (&raw.year, date) {
            (Some(year), Some(date)) => {
                let y = *year.get_ref();
                // An issue of last year's series may appear early in the new year.
                if y == date.year as i64 || y == date.year as i64 - 1 {
                    y as i32
                } else {
                    problems.push(file.error(
                        year.span(),
                        t!(
                            "issue-year-not-the-dates",
                            year = y,
                            date = raw.date.get_ref().to_string(),
                            right = date.year
                        ),
                    ));
                    date.year
                }
            }
            (_, Some(date)) => date.year,
            (_, None) => 0,
        };

        let footer = Footer::resolve(&config.footer, &raw);
        for value in footer.values().filter(|v| v.origin == Origin::Issue) {
            if let Some(span) = &value.span {
                problems.extend(file.unprintable(&value.text, span.clone(), "footer"));
            }
        }
        let articles_span = raw.articles.span();
        let raw_articles = raw.articles.into_inner();
        if raw_articles.is_empty() {
            problems.push(file.error(articles_span, t!("issue-no-articles")));
        }
        let mut articles = Vec::with_capacity(raw_articles.len());
        // The section of every article so far, in order.
        let mut sections_done: Vec<Option<String>> = Vec::new();
        for (i, raw) in raw_articles.into_iter().enumerate() {
            let n = i + 1;
            if let Some(article) = check_article(
                &file,
                &config.root,
                raw,
                n,
                &mut sections_done,
                &mut problems,
            ) {
                articles.push(article);
            }
        }

        images::check_total(
            &file,
            articles.iter().enumerate().flat_map(|(i, article)| {
                (article.images.iter().enumerate()).map(move |(k, image)| (i + 1, k + 1, image))
            }),
            &mut problems,
        );

        if !problems.is_empty() {
            return Err(Problems(problems));
        }

        Ok(Self {
            file,
            total,
            number,
            year,
            date: date.expect("checked above"),
            footer,
            articles,
        })
    }

    /// The issue line under the masthead, e.g. 2023年第21期（总第74期）.
    pub fn issue_line(&self, config: &Config) -> String {
        fill_issue_line(
            &config.publication.issue_line.text,
            self.year,
            self.number,
            self.total,
        )
    }
}

/// A parse error inside an article says which (and which image), as the
/// other errors of an article do: `article 3, image 2: unknown key …`.
fn name_the_article(text: &str, mut problem: Located) -> Located {
    let (mut article, mut image) = (0, 0);
    for line in text.lines().take(problem.line) {
        let header: String = line
            .split('#')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        if header == "[[articles]]" {
            article += 1;
            image = 0;
        } else if header == "[[articles.images]]" {
            image += 1;
        } else if header.starts_with('[') && !header.starts_with("[[articles") {
            // Another table ([footer]) ends the articles' part.
            article = 0;
        }
    }
    if article > 0 {
        let place = if image > 0 {
            t!("place-article-image", n = article, k = image)
        } else {
            t!("place-article", n = article)
        };
        problem.message = t!("with-place", place = place, message = problem.message);
    }
    problem
}

fn positive(file: &InputFile, value: &Spanned<i64>, key: &str, problems: &mut Vec<Located>) -> u32 {
    match u32::try_from(*value.get_ref()) {
        Ok(n) if n >= 1 => n,
        _ => {
            problems.push(file.error(value.span(), t!("issue-not-positive", key = key)));
            1
        }
    }
}

fn to_date(value: &TomlDatetime) -> Option<Date> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let d = value.date?;
    let date = Date {
        year: d.year as i32,
        month: d.month,
        day: d.day,
    };
    date.to_datetime()?;
    Some(date)
}

fn check_article(
    file: &InputFile,
    root: &Path,
    raw: RawArticle,
    n: usize,
    sections_done: &mut Vec<Option<String>>,
    problems: &mut Vec<Located>,
) -> Option<Article> {
    let spans = ArticleSpans {
        section: raw.section.as_ref().map(|v| v.span()),
        title: raw.title.span(),
        contents: raw.contents.as_ref().map(|v| v.span()),
        body: raw.body.span(),
        source: raw.source.as_ref().map(|v| v.span()),
        note: raw.note.as_ref().map(|v| v.span()),
    };
    let before = problems.len();
    let place = t!("place-article", n = n);
    let at_place = |message: String| t!("with-place", place = place.as_str(), message = message);

    let title = text::title_lines(raw.title.get_ref());
    if title.is_empty() {
        problems.push(file.error(raw.title.span(), at_place(t!("issue-title-empty"))));
    }

    let paragraphs = text::paragraphs(raw.body.get_ref());
    if paragraphs.is_empty() {
        problems.push(file.error(raw.body.span(), at_place(t!("issue-body-empty"))));
    }

    let section = raw.section.as_ref().map(|s| text::one_line(s.get_ref()));
    // A section continues while consecutive articles name it (an article
    // without one ends the run); the same name after another section means
    // a misplaced article.
    let opens_section = section.is_some() && sections_done.last() != Some(&section);
    if let (Some(name), Some(written)) = (&section, &raw.section) {
        if name.is_empty() {
            problems.push(file.error(written.span(), at_place(t!("issue-section-empty"))));
        } else if opens_section && sections_done.contains(&section) {
            problems.push(file.error(
                written.span(),
                at_place(t!("issue-section-split", name = name)),
            ));
        }
    }
    sections_done.push(section.clone());

    let contents = match raw.contents {
        None => Some(text::one_line(raw.title.get_ref())),
        Some(value) => match value.get_ref() {
            toml::Value::Boolean(false) => None,
            toml::Value::String(s) => {
                let entry = text::one_line(s);
                if entry.is_empty() {
                    problems.push(file.error(value.span(), at_place(t!("issue-contents-empty"))));
                }
                Some(entry)
            }
            _ => {
                problems.push(file.error(value.span(), at_place(t!("issue-contents-type"))));
                None
            }
        },
    };

    let source = match raw.source {
        Some(source) => {
            let s = text::one_line(source.get_ref());
            if s.is_empty() {
                problems.push(file.error(source.span(), at_place(t!("issue-source-empty"))));
            }
            Some(s)
        }
        None => None,
    };

    let note = match &raw.note {
        Some(note) => {
            let note_paragraphs = text::paragraphs(note.get_ref());
            if note_paragraphs.is_empty() {
                problems.push(file.error(note.span(), at_place(t!("issue-note-empty"))));
            }
            note_paragraphs
        }
        None => Vec::new(),
    };

    let images = raw
        .images
        .into_iter()
        .enumerate()
        .filter_map(|(k, image)| {
            images::check(file, root, image, (n, k + 1), paragraphs.len(), problems)
        })
        .collect();

    let article = Article {
        section,
        opens_section,
        title,
        contents,
        paragraphs,
        source,
        note,
        images,
        spans,
    };
    for (field, texts, span) in article.written_fields() {
        for text in texts {
            let what = t!("place-article-field", n = n, field = field);
            problems.extend(file.unprintable(text, span.clone(), &what));
        }
    }
    (problems.len() == before).then_some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_images_are_read_from_an_issue_with_errors() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("76.toml");
        // No `total`, a title of the wrong type: not an issue, but TOML.
        std::fs::write(
            &issue,
            "number = 1\n\
             [[articles]]\ntitle = 3\n\
             [[articles.images]]\npath = \"images/76/new.png\"\n\
             [[articles.images]]\npath = \"/dev/zero\"\n\
             [[articles.images]]\npath = \"../outside.png\"\n\
             [[articles.images]]\npath = \"\"\n\
             [[articles]]\n\
             [[articles.images]]\npath = \"./logo.png\"\ncaption = 1\n",
        )
        .unwrap();
        assert_eq!(
            named_images(&issue),
            [
                PathBuf::from("images/76/new.png"),
                PathBuf::from("./logo.png")
            ]
        );
        std::fs::write(&issue, "[[articles]\n").unwrap();
        assert!(named_images(&issue).is_empty(), "not TOML");
    }
}
