//! Contributions appended to an issue file as articles (`bulletin import`,
//! and files dropped on the desk): each read and recognised, its pictures
//! saved in `images/<total>/`, its text checked; if any cannot be imported,
//! nothing is.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::files::{self, ReadError};
use crate::i18n::{self, Lang};
use crate::import::{self, Contribution};
use crate::lint;
use crate::output::{self, Kind};
use crate::pictures::{self, Place};
use crate::publication::Publication;
use crate::t;

/// A file to import: read from disk, or given (an upload) with its name.
pub enum Source {
    Path(PathBuf),
    Given { name: PathBuf, bytes: Vec<u8> },
}

impl Source {
    /// The name it goes by: its kind and its pictures' names come from it.
    pub fn name(&self) -> &Path {
        match self {
            Source::Path(path) => path,
            Source::Given { name, .. } => name,
        }
    }
}

/// Something worth telling, said while importing.
pub enum Warning {
    /// The section asked for already has its run further up.
    SectionFurtherUp(String),
    /// A warning about one file (`file` as named).
    File { file: PathBuf, warning: String },
}

/// An import that could not be made; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// What was imported.
pub struct Imported {
    /// Each file as named, and the article found in it.
    pub added: Vec<(PathBuf, Contribution)>,
    /// The issue's new text.
    pub text: String,
    /// Punctuation problems in the imported text (corrected, with `fix`).
    pub findings: Vec<lint::Finding>,
    /// The issue's total, as in `images/<total>/`.
    pub total: String,
}

/// Picture formats the layout prints.
const PRINTABLE: &[&str] = &["png", "jpg", "jpeg", "svg"];

/// Appends an article per file to the issue at `issue_path` (`shown` in
/// messages), in `section` if given, its punctuation corrected with `fix`.
/// Warnings go to `warn` as they are found.
pub fn into_issue(
    publication: &Publication,
    issue_path: &Path,
    shown_issue: &Path,
    sources: Vec<Source>,
    section: Option<&str>,
    fix: bool,
    warn: &mut dyn FnMut(Warning),
) -> Result<Imported, Refused> {
    let refused = |message: String| Refused(message);
    let raw = std::fs::read(issue_path).map_err(|error| {
        refused(io_failed(
            t!("cmd-cannot-read", path = shown_issue.display()),
            &error,
        ))
    })?;
    let had_bom = raw.starts_with(b"\xEF\xBB\xBF");
    let original =
        String::from_utf8(raw[if had_bom { 3 } else { 0 }..].to_vec()).map_err(|_| {
            refused(t!(
                "cmd-import-issue-not-utf8",
                file = shown_issue.display()
            ))
        })?;
    let table: toml::Table = toml::from_str(&original).map_err(|_| {
        refused(t!(
            "cmd-import-issue-not-toml",
            file = shown_issue.display()
        ))
    })?;
    // Pictures go to images/<total>/: a total that is a number, never words
    // typed by the user.
    let total = table
        .get("total")
        .and_then(|t| t.as_integer())
        .filter(|t| *t >= 1)
        .map(|t| t.to_string())
        .ok_or_else(|| {
            refused(t!(
                "cmd-import-issue-no-total",
                file = shown_issue.display()
            ))
        })?;
    if let Some(section) = section
        && section_further_up(&table, section)
    {
        warn(Warning::SectionFurtherUp(section.to_string()));
    }

    // Everything is read and composed first: a file that cannot be
    // imported leaves the issue as it was.
    let image_dir = PathBuf::from("images").join(&total);
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut appended = String::new();
    let mut pictures: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut added = Vec::new();
    for source in sources {
        let file = source.name().to_path_buf();
        let bytes = match source {
            // A pipe or a device named by mistake would never finish reading.
            Source::Path(path) => {
                files::read_regular(&path, import::MAX_FILE_BYTES).map_err(|error| match error {
                    ReadError::Io(error) => refused(io_failed(
                        t!("cmd-cannot-read", path = path.display()),
                        &error,
                    )),
                    ReadError::NotRegular => {
                        refused(t!("cmd-import-not-a-file", path = path.display()))
                    }
                    ReadError::TooLarge(size) => refused(t!(
                        "cmd-import-too-large",
                        path = path.display(),
                        mb = size / (1024 * 1024),
                        max = import::MAX_FILE_BYTES / (1024 * 1024)
                    )),
                })?
            }
            Source::Given { bytes, .. } => bytes,
        };
        let mut contribution = import::read(&file, &bytes).map_err(|err| {
            refused(format!(
                "{}{}{err}",
                file.display(),
                t!("location-separator")
            ))
        })?;
        let paths = place_pictures(
            publication,
            &image_dir,
            &file,
            &mut contribution,
            &mut taken,
        );
        for warning in &contribution.warnings {
            warn(Warning::File {
                file: file.clone(),
                warning: warning.clone(),
            });
        }
        let relative: Vec<String> = paths
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        appended.push_str(&import::article_toml(&contribution, section, &relative));
        pictures.extend(
            paths
                .into_iter()
                // The bytes move to be written: a document's pictures are
                // held once.
                .zip(
                    contribution
                        .pictures
                        .iter_mut()
                        .map(|p| std::mem::take(&mut p.data)),
                ),
        );
        added.push((file, contribution));
    }

    let mut text = original.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(if original.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        });
    }
    let start = text.len();
    // Lines end as the file's own do (Windows editors write \r\n).
    if original.contains("\r\n") {
        text.push_str(&appended.replace('\n', "\r\n"));
    } else {
        text.push_str(&appended);
    }

    // The punctuation of the imported text only.
    let findings: Vec<_> = lint::lint_toml(&text)
        .map_err(|err| refused(t!("cmd-import-would-break", error = err.to_string())))?
        .into_iter()
        .filter(|f| f.span.start >= start)
        .collect();
    if fix && !findings.is_empty() {
        text = lint::apply_fixes(&text, &findings);
    }
    toml::from_str::<toml::Table>(&text)
        .map_err(|err| refused(t!("cmd-import-would-break", error = err.to_string())))?;
    // Pictures first, so the issue never names a file that is not there;
    // if anything fails, the pictures written are removed again.
    let mut written: Vec<PathBuf> = Vec::new();
    let result = (|| -> Result<(), Refused> {
        for (relative, data) in &pictures {
            let path = publication.config.root.join(relative);
            output::create(&path, &publication.shown(relative), data)
                .map_err(|error| refused(error.to_string()))?;
            written.push(path);
        }
        // The added articles must pass the issue's checks (the issue's other
        // problems, e.g. empty articles of `bulletin new`, are its own).
        let first_added_line = text[..start].matches('\n').count() + 1;
        let check = |lang| {
            i18n::with_lang(lang, || {
                crate::input::issue::Issue::from_text(
                    &publication.config,
                    text.clone(),
                    shown_issue,
                )
            })
        };
        if let (Err(problems), Err(in_english)) = (check(i18n::lang()), check(Lang::En)) {
            let added: Vec<String> = problems
                .0
                .iter()
                .zip(&in_english.0)
                .filter(|(p, _)| p.line >= first_added_line)
                // A section that ran further up is the editor's to move
                // (warned about above), not a reason to import nothing.
                .filter(|(_, english)| !english.message.contains("already had its run"))
                .map(|(p, _)| p.to_string())
                .collect();
            if !added.is_empty() {
                return Err(refused(t!(
                    "cmd-import-would-not-build",
                    problems = added.join("\n\n")
                )));
            }
        }
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if had_bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        output::write(issue_path, shown_issue, &bytes, Kind::Text)
            .map_err(|error| refused(error.to_string()))
    })();
    if let Err(error) = result {
        for path in &written {
            std::fs::remove_file(path).ok();
        }
        return Err(error);
    }
    Ok(Imported {
        added,
        text,
        findings,
        total,
    })
}

/// What could not be done with a file, and the system's reason, in the
/// user's language: "cannot read x: No such file or directory".
fn io_failed(what: String, error: &std::io::Error) -> String {
    format!(
        "{what}{}{}",
        t!("location-separator"),
        i18n::io_error(error)
    )
}

/// Where each picture of a contribution goes (`images/<total>/<name>-<n>.<ext>`,
/// never a file that exists); pictures the layout cannot print are left
/// out with a warning.
fn place_pictures(
    publication: &Publication,
    image_dir: &Path,
    file: &Path,
    contribution: &mut Contribution,
    taken: &mut HashSet<PathBuf>,
) -> Vec<PathBuf> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "picture".to_string());
    let stem = safe_stem(&stem);
    let mut paths = Vec::new();
    let mut kept = Vec::new();
    for mut picture in std::mem::take(&mut contribution.pictures) {
        let mut ext = Path::new(&picture.name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        // A GIF or WebP picture is saved as PNG, which the layout prints,
        // if its header shows a size within budget: a bomb is never decoded.
        if matches!(ext.as_str(), "gif" | "webp") {
            if let Some(Err(why)) =
                raster_size(&picture.data).map(|(w, h)| pictures::within_budget(w, h))
            {
                contribution.warnings.push(t!(
                    "cmd-import-picture-refused",
                    name = picture.name.as_str(),
                    why = why
                ));
                continue;
            }
            if let Some(png) = as_png(&picture.data) {
                picture.data = png;
                ext = "png".to_string();
            }
        }
        if !PRINTABLE.contains(&ext.as_str()) {
            contribution.warnings.push(t!(
                "cmd-import-picture-format",
                name = picture.name.as_str(),
                format = ext.to_uppercase()
            ));
            continue;
        }
        // A contributor's picture is held to what print needs, as any
        // picture of an issue is: a bomb is left out, not written.
        let place = Place {
            root: &publication.config.root,
            folder: image_dir.to_path_buf(),
        };
        if let Err(why) = pictures::inspect(&picture.data, &place) {
            contribution.warnings.push(t!(
                "cmd-import-picture-refused",
                name = picture.name.as_str(),
                why = why
            ));
            continue;
        }
        let mut n = paths.len() + 1;
        let path = loop {
            let candidate = image_dir.join(format!("{stem}-{n}.{ext}"));
            if !taken.contains(&candidate) && !publication.config.root.join(&candidate).exists() {
                break candidate;
            }
            n += 1;
        };
        taken.insert(path.clone());
        paths.push(path);
        kept.push(picture);
    }
    contribution.pictures = kept;
    paths
}

/// A file name's stem as a picture's name: letters, digits, `-` and `_`
/// kept, anything else (dots, slashes, spaces) made `-`.
pub fn safe_stem(stem: &str) -> String {
    stem.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A raster picture's pixel size, from its header.
fn raster_size(data: &[u8]) -> Option<(u32, u32)> {
    image::ImageReader::new(std::io::Cursor::new(data))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// A picture re-encoded as PNG, if it can be decoded.
fn as_png(data: &[u8]) -> Option<Vec<u8>> {
    let picture = image::load_from_memory(data).ok()?;
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).ok()?;
    Some(png.into_inner())
}

/// Whether an article appended in `section` would be misplaced: the
/// section already has its run further up.
fn section_further_up(table: &toml::Table, section: &str) -> bool {
    let sections: Vec<Option<&str>> = table
        .get("articles")
        .and_then(|a| a.as_array())
        .map(|articles| {
            articles
                .iter()
                .map(|a| a.get("section").and_then(|s| s.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let last = sections.last().copied().flatten();
    last != Some(section) && sections.contains(&Some(section))
}
