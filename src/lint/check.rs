//! Every problem of the issues, found without writing a PDF: what `bulletin
//! check` prints and what the desk shows at each field. Punctuation (with
//! its fixes, made in place when asked), everything a build rejects or warns
//! about, and the numbering of the series across `issues/`.
//!
//! Each finding keeps the text the command prints, and where it is: byte
//! span, line, column and the field of the issue it belongs to.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Located;
use crate::fonts::FontError;
use crate::input::config::CONFIG_FILE;
use crate::input::edit::{self, Field};
use crate::input::series::{self, Heading};
use crate::input::toml_input::InputFile;
use crate::lint;
use crate::output::{self, Kind};
use crate::publication::{IssueFile, Publication, PublicationError};
use crate::t;
use crate::typeset::build::{self, BuildError, BuildOptions, Built};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, as the command prints it (after `error: ` or `warning: `)
/// and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// The file it is in, as shown.
    pub file: PathBuf,
    pub text: String,
    /// Where it is: usually one place; a character no font has, once per
    /// field it is in; none for a problem of a file or the publication as
    /// a whole.
    pub spots: Vec<Spot>,
}

/// A place in a file a finding points at.
#[derive(Debug, Clone, Serialize)]
pub struct Spot {
    /// Bytes of the file's text (without a byte order mark); empty when only
    /// the start is known.
    pub span: Range<usize>,
    /// 1-based, as printed.
    pub line: usize,
    /// 1-based, in characters, as printed.
    pub column: usize,
    /// The issue's field there (only in the issue's own file).
    pub field: Option<Field>,
    /// What is wrong there, without the place.
    pub message: String,
    /// The correction of a punctuation mark.
    pub fix: Option<Fix>,
}

/// Replace `span`, which reads `expected`, with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub span: Range<usize>,
    pub expected: String,
    pub replacement: String,
}

impl Fix {
    /// The fix as an edit of the file.
    pub fn edit(&self) -> edit::Edit {
        edit::Edit::Replace {
            start: self.span.start,
            end: self.span.end,
            expected: self.expected.clone(),
            replacement: self.replacement.clone(),
        }
    }
}

impl Finding {
    fn error(file: &Path, text: String, spots: Vec<Spot>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_path_buf(),
            text,
            spots,
        }
    }
}

/// The texts of the files a finding may point into: an issue and
/// bulletin.toml, each with its name as shown.
pub struct Sources {
    files: Vec<InputFile>,
    /// Which of them is the issue (fields are found only there).
    issue: Option<PathBuf>,
}

impl Sources {
    /// The issue's file and the publication's bulletin.toml, as they are on
    /// disk now (a file that cannot be read has no places).
    pub fn read(issue: &IssueFile, publication: &Publication) -> Self {
        let config = publication.config.root.join(CONFIG_FILE);
        let shown_config = publication.shown(Path::new(CONFIG_FILE));
        let files = [(&issue.path, &issue.shown), (&config, &shown_config)]
            .into_iter()
            .filter_map(|(path, shown)| InputFile::read(path, shown).ok())
            .collect();
        Self {
            files,
            issue: Some(issue.shown.clone()),
        }
    }

    /// The place a located problem points at.
    pub fn spot(&self, located: &Located, fix: Option<Fix>) -> Option<Spot> {
        let file = self.files.iter().find(|f| f.path == located.path)?;
        let start = offset_of(&file.text, located.line, located.column)?;
        let span = fix.as_ref().map_or(start..start, |fix| fix.span.clone());
        let field = (self.issue.as_ref() == Some(&located.path))
            .then(|| edit::field_at(&file.text, start))
            .flatten();
        Some(Spot {
            span,
            line: located.line,
            column: located.column,
            field,
            message: located.message.clone(),
            fix,
        })
    }
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 || column == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column - 1)
        .map_or(rest.len(), |(at, _)| at);
    Some(line_start + within)
}

/// The punctuation of a file, found or fixed.
pub enum Punctuation {
    Fixed(usize),
    Warnings(Vec<Finding>),
    /// The fixes could not be applied; the message says why.
    NotFixed(String),
}

/// The punctuation warnings of a file, or, with `fix`, the number of marks
/// corrected in it. A file that does not read or parse has none: its
/// errors are reported by the build check.
pub fn punctuation(file: &IssueFile, fix: bool) -> Punctuation {
    let none = Punctuation::Warnings(Vec::new());
    let Ok(input) = InputFile::read(&file.path, &file.shown) else {
        return none;
    };
    let Ok(findings) = lint::lint_toml(&input.text) else {
        return none;
    };
    if !fix {
        let sources = Sources {
            files: vec![input.clone()],
            issue: Some(file.shown.clone()),
        };
        let warnings = findings
            .iter()
            .map(|f| {
                let located =
                    Located::new(&file.shown, &input.text, f.span.clone(), f.message.clone());
                let fix = Fix {
                    span: f.span.clone(),
                    expected: input.text[f.span.clone()].to_string(),
                    replacement: f.replacement.clone(),
                };
                Finding {
                    severity: Severity::Warning,
                    file: file.shown.clone(),
                    text: located.to_string(),
                    spots: sources.spot(&located, Some(fix)).into_iter().collect(),
                }
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

/// What a build of an issue found: its errors, or the warnings of a build
/// that laid it out (a font not found, a photo that prints blurred).
pub fn of_build(
    result: &Result<&Built, &BuildError>,
    sources: &Sources,
    file: &Path,
) -> Vec<Finding> {
    match result {
        Ok(built) => built
            .warnings
            .iter()
            .map(|warning| Finding {
                severity: Severity::Warning,
                file: file.to_path_buf(),
                text: warning.to_string(),
                spots: warning
                    .located()
                    .and_then(|located| {
                        // The place, and what is wrong there in one line.
                        let mut first_line = located.clone();
                        first_line.message = located.message.lines().next().unwrap_or("").into();
                        sources.spot(&first_line, None)
                    })
                    .into_iter()
                    .collect(),
            })
            .collect(),
        Err(BuildError::Input(problems)) => problems
            .0
            .iter()
            .map(|p| {
                Finding::error(
                    file,
                    p.to_string(),
                    sources.spot(p, None).into_iter().collect(),
                )
            })
            .collect(),
        Err(error) => {
            // Typst's own diagnostics start with "error: " already.
            let text = error.to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text).to_string();
            let spots = match error {
                BuildError::MissingGlyphs(missing) => missing
                    .iter()
                    .filter_map(|m| {
                        let mut located = m.location.clone()?;
                        located.message = m.message("");
                        sources.spot(&located, None)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            vec![Finding::error(file, text, spots)]
        }
    }
}

/// The numbering problems of the series (totals, numbers, dates, years
/// across `all` issue files) that lie in `targets`, each with the target
/// it belongs to.
pub fn series(all: &[IssueFile], targets: &[IssueFile]) -> Vec<(PathBuf, Finding)> {
    let mut headings: Vec<Heading> = Vec::new();
    let mut unreadable = Vec::new();
    for file in all {
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
    let mut found = Vec::new();
    for problem in series::check(&headings, &unreadable) {
        let Some(heading) = headings.iter().find(|h| h.file.path == problem.path) else {
            continue;
        };
        if let Some(target) = targets.iter().find(|t| same_file(&t.path, &heading.path)) {
            let sources = Sources {
                files: vec![heading.file.clone()],
                issue: Some(target.shown.clone()),
            };
            let spots = sources.spot(&problem, None).into_iter().collect();
            found.push((
                target.path.clone(),
                Finding::error(&target.shown, problem.to_string(), spots),
            ));
        }
    }
    found
}

/// What `bulletin check` is asked to do.
pub struct Request<'a> {
    /// The issues to check; all of them when none are named.
    pub targets: Vec<IssueFile>,
    /// Whether bulletin.toml is linted (and fixed) too: when no issue was
    /// named, as `--fix` changes only the files asked for.
    pub with_config: bool,
    pub fix: bool,
    pub font_paths: &'a [PathBuf],
}

/// What was found, file by file.
pub struct Report {
    /// Files whose punctuation was corrected, as shown, and how many marks.
    pub fixed: Vec<(PathBuf, usize)>,
    /// Each file (as read) and its findings, in the order checked.
    pub files: Vec<(PathBuf, Vec<Finding>)>,
}

impl Report {
    fn of(&mut self, path: &Path) -> &mut Vec<Finding> {
        let at = match self.files.iter().position(|(p, _)| p == path) {
            Some(at) => at,
            None => {
                self.files.push((path.to_path_buf(), Vec::new()));
                self.files.len() - 1
            }
        };
        &mut self.files[at].1
    }

    /// How many findings of `severity` there are.
    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|(_, findings)| findings)
            .filter(|f| f.severity == severity)
            .count()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Publication(#[from] PublicationError),
    #[error(transparent)]
    Fonts(#[from] FontError),
}

/// Checks the issues asked for: punctuation first (fixed, if asked, so
/// that fixed files are then checked as they now are), then everything a
/// build rejects, in parallel, then the series.
pub fn run(publication: &mut Publication, request: &Request) -> Result<Report, CheckError> {
    let all_files = publication.issue_files();
    let config_file = IssueFile {
        total: 0,
        path: publication.config.root.join(CONFIG_FILE),
        shown: publication.shown(Path::new(CONFIG_FILE)),
    };
    let mut report = Report {
        fixed: Vec::new(),
        files: Vec::new(),
    };
    let mut fixed_config = false;
    let linted = request
        .with_config
        .then_some(&config_file)
        .into_iter()
        .chain(&request.targets);
    for file in linted {
        let findings = report.of(&file.path);
        match punctuation(file, request.fix) {
            Punctuation::Fixed(count) => {
                report.fixed.push((file.shown.clone(), count));
                fixed_config |= file.path == config_file.path;
            }
            Punctuation::Warnings(warnings) => findings.extend(warnings),
            Punctuation::NotFixed(error) => {
                findings.push(Finding::error(&file.shown, error, Vec::new()))
            }
        }
    }
    if fixed_config {
        *publication = Publication::open(Some(&publication.config.root.clone()), None)?;
    }
    let publication: &Publication = publication;

    let config = &publication.config;
    let fonts = Arc::new(build::load_fonts(config, request.font_paths)?);
    let options = BuildOptions::default();
    let built: Vec<Vec<Finding>> = request
        .targets
        .par_iter()
        .map(|file| {
            let result = build::lay_out(config, &file.path, &file.shown, fonts.clone(), &options);
            let sources = Sources::read(file, publication);
            of_build(&result.as_ref(), &sources, &file.shown)
        })
        .collect();
    // The publication's fonts are told of once, for bulletin.toml, not
    // once an issue.
    let (_, font_warnings) = fonts.role_families(&config.fonts);
    for (file, findings) in request.targets.iter().zip(built) {
        report.of(&file.path).extend(
            findings
                .into_iter()
                .filter(|finding| !font_warnings.contains(&finding.text)),
        );
    }
    if !request.targets.is_empty() {
        report
            .of(&config_file.path)
            .extend(font_warnings.into_iter().map(|text| Finding {
                severity: Severity::Warning,
                file: config_file.shown.clone(),
                text,
                spots: Vec::new(),
            }));
    }

    for (target, finding) in series(&all_files, &request.targets) {
        report.of(&target).push(finding);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the repository's publication with issue 74 as `text`.
    fn publication_with(text: &str) -> (tempfile::TempDir, Publication, IssueFile) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join(CONFIG_FILE), dir.path().join(CONFIG_FILE)).unwrap();
        std::fs::create_dir(dir.path().join("issues")).unwrap();
        let path = dir.path().join("issues/74.toml");
        std::fs::write(&path, text).unwrap();
        let publication = Publication::open(Some(dir.path()), None).unwrap();
        let file = IssueFile {
            total: 74,
            path,
            shown: PathBuf::from("issues/74.toml"),
        };
        (dir, publication, file)
    }

    #[test]
    fn findings_point_at_their_fields_and_punctuation_brings_its_fix() {
        let text = include_str!("../../issues/74.toml")
            .replace("title = \"市科协召开", "tittle = \"市科协召开")
            .replace("editor = \"张红波\"", "editor = \"张红波,\"")
            .replace("今年是第二十届全国科普日,", "今年是第二十届全国科普日,中国");
        let (_dir, mut publication, file) = publication_with(&text);
        let request = Request {
            targets: vec![file.clone()],
            with_config: false,
            fix: false,
            font_paths: &[],
        };
        let report = crate::i18n::with_lang(crate::i18n::Lang::En, || {
            run(&mut publication, &request).unwrap()
        });
        let findings = &report.files[0].1;
        let error = findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .unwrap();
        assert!(
            error.text.contains("unknown key `tittle`"),
            "{}",
            error.text
        );
        let spot = &error.spots[0];
        assert_eq!(
            spot.field,
            Some(Field {
                article: Some(1),
                image: None,
                key: Some("tittle".into())
            })
        );
        assert_eq!(&text[spot.span.start..spot.span.start + 6], "tittle");
        assert_eq!(spot.line, text[..spot.span.start].matches('\n').count() + 1);

        let comma = findings
            .iter()
            .flat_map(|f| &f.spots)
            .find(|s| s.field.as_ref().and_then(|f| f.key.as_deref()) == Some("editor"))
            .expect("the editor's comma");
        let fix = comma.fix.as_ref().unwrap();
        assert_eq!(fix.expected, ",");
        let fixed = edit::apply(&text, &[fix.edit()]).unwrap();
        assert!(fixed.contains("editor = \"张红波，\""), "{fixed}");
    }
}
