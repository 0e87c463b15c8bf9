//! A new publication: `bulletin.toml` with every key present and explained,
//! the first issue with an example article per section, and a `.gitignore`
//! that keeps the built files out of version control. What is written is
//! read back by the same readers a build uses before anything is written,
//! and no file that exists is ever replaced.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Located, Problems};
use crate::import::{self, Contribution};
use crate::input::config::{CONFIG_FILE, Config, DEFAULT_ISSUE_LINE, DEFAULT_RED, fill_issue_line};
use crate::input::issue::{Date, Issue};
use crate::input::toml_write::basic as quoted;
use crate::output::{self, OutputError};
use crate::publication::next_issue::issue_header;
use crate::publication::{ISSUES_DIR, OUT_DIR};
use crate::t;

/// What a new publication is made from (the flags of `bulletin init`, or
/// the answers to its questions).
#[derive(Debug, Clone)]
pub struct Answers {
    /// The masthead's name (科协每周动态).
    pub name: String,
    pub publisher: String,
    /// The first issue's total (总第N期).
    pub first: u32,
    /// The first issue's number within its year (第N期).
    pub number: u32,
    pub date: Date,
    pub cadence_days: u32,
    /// The sections (栏目), in printed order; may be empty.
    pub sections: Vec<String>,
    pub editor: Option<String>,
    pub reviewer: Option<String>,
}

/// A file of the new publication: where it goes, relative to its folder,
/// and its text.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub relative: PathBuf,
    pub text: String,
}

/// The file that keeps `out/` out of version control.
pub const GITIGNORE: &str = ".gitignore";

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{}", t!("init-already", file = .0.display()))]
    AlreadyAPublication(PathBuf),
    #[error("{}", t!("init-not-a-folder", path = .0.display()))]
    NotAFolder(PathBuf),
    #[error("{}", t!("init-file-exists", file = .0.display()))]
    FileExists(PathBuf),
    /// What was asked for does not make a valid publication (a name too
    /// long, a bad character): located in the text that would be written.
    #[error("{}\n\n{}", .0, t!("init-invalid"))]
    Invalid(Problems),
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl From<Located> for InitError {
    fn from(located: Located) -> Self {
        InitError::Invalid(located.into())
    }
}

/// The texts of the new publication's files, each checked as a build
/// reads it: the folder `root` (`shown` in messages) is where they will go.
pub fn plan(answers: &Answers, root: &Path, shown: &Path) -> Result<Vec<NewFile>, InitError> {
    let config_text = config_text(answers);
    let config = Config::from_text(root, config_text.clone(), &shown.join(CONFIG_FILE))?;
    let issue_relative = Path::new(ISSUES_DIR).join(format!("{}.toml", answers.first));
    let issue_text = issue_text(answers, &config);
    Issue::from_text(&config, issue_text.clone(), &shown.join(&issue_relative))
        .map_err(InitError::Invalid)?;
    Ok(vec![
        NewFile {
            relative: issue_relative,
            text: issue_text,
        },
        NewFile {
            relative: PathBuf::from(GITIGNORE),
            text: format!("# {}\n{OUT_DIR}/\n", t!("init-gitignore-comment")),
        },
        // Last: a folder holding bulletin.toml is a publication, so it
        // only appears once everything else is there.
        NewFile {
            relative: PathBuf::from(CONFIG_FILE),
            text: config_text,
        },
    ])
}

/// What writing `files` into `root` would do: an error when `root` is
/// already a publication or not a folder, or when a file other than
/// `.gitignore` exists (nothing is replaced); else the files to write, an
/// existing `.gitignore` left out.
pub fn check_folder(
    root: &Path,
    shown: &Path,
    files: Vec<NewFile>,
) -> Result<Vec<NewFile>, InitError> {
    if root.join(CONFIG_FILE).symlink_metadata().is_ok() {
        return Err(InitError::AlreadyAPublication(shown.join(CONFIG_FILE)));
    }
    if root.exists() && !root.is_dir() {
        return Err(InitError::NotAFolder(shown.to_path_buf()));
    }
    let mut writing = Vec::new();
    for file in files {
        let exists = root.join(&file.relative).symlink_metadata().is_ok();
        match (exists, file.relative == Path::new(GITIGNORE)) {
            (true, true) => {}
            (true, false) => return Err(InitError::FileExists(shown.join(&file.relative))),
            (false, _) => writing.push(file),
        }
    }
    Ok(writing)
}

/// Writes each file, in order, whole and without replacing any.
pub fn write(root: &Path, shown: &Path, files: &[NewFile]) -> Result<(), InitError> {
    for file in files {
        output::create(
            &root.join(&file.relative),
            &shown.join(&file.relative),
            file.text.as_bytes(),
        )?;
    }
    Ok(())
}

/// `bulletin.toml`: every key of the input format, those with a value
/// asked for or a default set, the others commented out, each explained.
fn config_text(a: &Answers) -> String {
    let key = |key: &str, value: String, comment: String| format!("{key} = {value}  # {comment}\n");
    let commented =
        |key: &str, value: &str, comment: String| format!("# {key} = {value}  # {comment}\n");
    let mut text = format!(
        "# {}\n# {}\n\n[publication]\n",
        t!("init-config-intro", name = a.name.as_str()),
        t!("init-config-docs")
    );
    text += &key("name", quoted(&a.name), t!("init-key-name"));
    text += &key("publisher", quoted(&a.publisher), t!("init-key-publisher"));
    text += &key(
        "issue_line",
        quoted(DEFAULT_ISSUE_LINE),
        t!("init-key-issue-line"),
    );
    text += &key(
        "contents_heading",
        quoted("目录提要"),
        t!("init-key-contents-heading"),
    );
    text += &key(
        "cadence_days",
        a.cadence_days.to_string(),
        t!("init-key-cadence-days"),
    );
    text += &commented("lang", "\"zh\"", t!("init-key-lang"));

    text += &format!("\n[layout]  # {}\n", t!("init-section-layout"));
    text += &key("page_numbers", "true".into(), t!("init-key-page-numbers"));
    text += &key("red", quoted(DEFAULT_RED), t!("init-key-red"));
    text += &key(
        "cjk_latin_spacing",
        "false".into(),
        t!("init-key-cjk-latin-spacing"),
    );
    text += &commented("file", "\"layouts/custom.typ\"", t!("init-key-layout-file"));

    text += &format!("\n[fonts]  # {}\n", t!("init-section-fonts"));
    text += &commented("body", "[\"仿宋_GB2312\"]", t!("init-key-font-body"));
    text += &commented("title", "[\"方正小标宋简体\"]", t!("init-key-font-title"));
    text += &commented("heading", "[\"黑体\"]", t!("init-key-font-heading"));
    text += &commented("kai", "[\"楷体_GB2312\"]", t!("init-key-font-kai"));
    text += &commented("number", "[\"宋体\"]", t!("init-key-font-number"));
    text += &commented("paths", "[\"fonts-local\"]", t!("init-key-font-paths"));

    text += &format!("\n[footer]  # {}\n", t!("init-section-footer"));
    text += &key("lines", "[]".into(), t!("init-key-footer-lines"));
    text += &format!("# lines = [{}]\n", quoted(&t!("init-example-footer-line")));
    text += &key("distribution", "[]".into(), t!("init-key-distribution"));
    text += &format!(
        "# distribution = [{}]\n",
        quoted(&t!("init-example-distribution"))
    );
    let person = |value: &Option<String>| quoted(value.as_deref().unwrap_or("…"));
    text += &commented("editor", &person(&a.editor), t!("init-key-footer-editor"));
    text += &commented(
        "reviewer",
        &person(&a.reviewer),
        t!("init-key-footer-reviewer"),
    );
    text
}

/// The first issue: its numbers, date and people, then an example article
/// for each section (one without a section when none was given).
fn issue_text(a: &Answers, config: &Config) -> String {
    let line = fill_issue_line(
        &config.publication.issue_line.text,
        a.date.year,
        a.number,
        a.first,
    );
    let comment = t!("init-issue-comment", issue = line, total = a.first);
    let mut text = issue_header(
        &comment,
        a.first,
        a.number,
        a.date,
        a.editor.as_deref(),
        a.reviewer.as_deref(),
    );
    let sections: Vec<Option<&str>> = if a.sections.is_empty() {
        vec![None]
    } else {
        a.sections.iter().map(|s| Some(s.as_str())).collect()
    };
    for section in sections {
        let example = Contribution {
            title: match section {
                Some(section) => t!("init-example-title-section", section = section),
                None => t!("init-example-title"),
            },
            note: None,
            paragraphs: vec![
                t!("init-example-paragraph-1"),
                t!("init-example-paragraph-2", total = a.first),
            ],
            source: Some(t!("init-example-source")),
            pictures: Vec::new(),
            warnings: Vec::new(),
        };
        text += &import::article_toml(&example, section, &[]);
    }
    text
}

/// The sections typed in one line: split at commas (half- or full-width)
/// and 、, each trimmed, empty ones dropped.
pub fn split_sections(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};
    use crate::input::schema;

    fn answers() -> Answers {
        Answers {
            name: "科协每周动态".into(),
            publisher: "北京市科协办公室".into(),
            first: 1,
            number: 1,
            date: Date {
                year: 2024,
                month: 1,
                day: 5,
            },
            cadence_days: 7,
            sections: vec!["工作动态".into(), "基层动态".into()],
            editor: Some("张红波".into()),
            reviewer: Some("李\"金涛".into()),
        }
    }

    #[test]
    fn every_key_of_the_input_format_is_there_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        for lang in Lang::ALL {
            let files = with_lang(lang, || plan(&answers(), dir.path(), Path::new(""))).unwrap();
            let config = &files
                .iter()
                .find(|f| f.relative == Path::new(CONFIG_FILE))
                .unwrap()
                .text;
            // Each table of the schema, with every one of its keys, set or
            // commented out, under its own header.
            let mut written: Vec<(String, Vec<String>)> = Vec::new();
            for line in config.lines() {
                if let Some(header) = line.strip_prefix('[') {
                    let name = header.split(']').next().unwrap_or_default();
                    written.push((name.to_string(), Vec::new()));
                } else if let Some((key, _)) = line.trim_start_matches("# ").split_once(" = ")
                    && let Some((_, keys)) = written.last_mut()
                    && !keys.iter().any(|k| k == key)
                {
                    keys.push(key.to_string());
                }
            }
            let declared: Vec<(String, Vec<String>)> = schema::TABLES
                .iter()
                .filter(|table| table.file == schema::File::Publication)
                .map(|table| {
                    let keys = table.keys.iter().map(|k| k.name.to_string()).collect();
                    (table.path.to_string(), keys)
                })
                .collect();
            // The order of the keys within a table is init's own.
            let sorted = |tables: Vec<(String, Vec<String>)>| -> Vec<(String, Vec<String>)> {
                tables
                    .into_iter()
                    .map(|(name, mut keys)| {
                        keys.sort();
                        (name, keys)
                    })
                    .collect()
            };
            assert_eq!(sorted(written), sorted(declared), "{lang}:\n{config}");
            // Every line that sets a key says what it is for.
            for line in config.lines().filter(|l| {
                l.contains(" = ") && !l.starts_with("# lines") && !l.starts_with("# distribution")
            }) {
                assert!(line.contains("  # "), "{lang}: no comment: {line}");
            }
        }
    }

    #[test]
    fn sections_are_split_at_any_comma() {
        assert_eq!(
            split_sections("工作动态，基层动态、 科普 ,,"),
            ["工作动态", "基层动态", "科普"]
        );
        assert!(split_sections(" ， ").is_empty());
    }

    #[test]
    fn what_a_build_would_refuse_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut bad = answers();
        bad.name = "名".repeat(60);
        let err = plan(&bad, dir.path(), Path::new("")).unwrap_err();
        assert!(matches!(err, InitError::Invalid(_)), "{err}");
        assert!(err.to_string().contains("bulletin.toml:"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
