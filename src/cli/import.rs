//! `bulletin import FILE… --into ISSUE`: contributions (Word documents,
//! text files) appended to an issue as articles.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::anyhow;

use bulletin::diagnostic::Located;
use bulletin::files::{self, ReadError};
use bulletin::i18n::{self, Lang};
use bulletin::import::{self, Contribution};
use bulletin::lint;
use bulletin::output::{self, Kind};
use bulletin::picture::{self, Place};
use bulletin::publication::Publication;
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    #[arg(long, value_name = "ISSUE")]
    into: String,

    #[arg(long, value_name = "NAME", value_parser = section_name)]
    section: Option<String>,

    #[arg(long)]
    fix: bool,
}

fn section_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        Err(t!("cmd-import-section-empty"))
    } else {
        Ok(name.to_string())
    }
}

/// Picture formats the layout prints.
const PRINTABLE: &[&str] = &["png", "jpg", "jpeg", "svg"];

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let named = Path::new(&args.into);
    let publication = Publication::open(dir, named.is_file().then_some(named))?;
    let (issue_path, shown_issue) = publication.issue_file(&args.into)?;
    let raw = std::fs::read(&issue_path).map_err(|error| {
        super::io_failed(t!("cmd-cannot-read", path = shown_issue.display()), &error)
    })?;
    let had_bom = raw.starts_with(b"\xEF\xBB\xBF");
    let original =
        String::from_utf8(raw[if had_bom { 3 } else { 0 }..].to_vec()).map_err(|_| {
            anyhow!(t!(
                "cmd-import-issue-not-utf8",
                file = shown_issue.display()
            ))
        })?;
    let table: toml::Table = toml::from_str(&original).map_err(|_| {
        anyhow!(t!(
            "cmd-import-issue-not-toml",
            file = shown_issue.display()
        ))
    })?;
    // Pictures go to images/<total>/: a total that is a number, never the
    // words typed after --into.
    let total = table
        .get("total")
        .and_then(|t| t.as_integer())
        .filter(|t| *t >= 1)
        .map(|t| t.to_string())
        .ok_or_else(|| {
            anyhow!(t!(
                "cmd-import-issue-no-total",
                file = shown_issue.display()
            ))
        })?;
    warn_about_section(&table, args.section.as_deref());

    // Everything is read and composed first: a file that cannot be
    // imported leaves the issue as it was.
    let image_dir = PathBuf::from("images").join(&total);
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut appended = String::new();
    let mut pictures: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut added = Vec::new();
    for file in &args.files {
        // A pipe or a device named by mistake would never finish reading.
        let bytes =
            files::read_regular(file, import::MAX_FILE_BYTES).map_err(|error| match error {
                ReadError::Io(error) => {
                    super::io_failed(t!("cmd-cannot-read", path = file.display()), &error)
                }
                ReadError::NotRegular => {
                    anyhow!(t!("cmd-import-not-a-file", path = file.display()))
                }
                ReadError::TooLarge(size) => anyhow!(t!(
                    "cmd-import-too-large",
                    path = file.display(),
                    mb = size / (1024 * 1024),
                    max = import::MAX_FILE_BYTES / (1024 * 1024)
                )),
            })?;
        let mut contribution = import::read(file, &bytes)
            .map_err(|err| anyhow!("{}{}{err}", file.display(), t!("location-separator")))?;
        let paths = place_pictures(
            &publication,
            &image_dir,
            file,
            &mut contribution,
            &mut taken,
        );
        for warning in &contribution.warnings {
            eprintln!(
                "{}{}{}{warning}",
                i18n::warning_label(),
                file.display(),
                t!("location-separator")
            );
        }
        let relative: Vec<String> = paths
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        appended.push_str(&import::article_toml(
            &contribution,
            args.section.as_deref(),
            &relative,
        ));
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
        added.push((file.clone(), contribution));
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
        .map_err(|err| anyhow!(t!("cmd-import-would-break", error = err.to_string())))?
        .into_iter()
        .filter(|f| f.span.start >= start)
        .collect();
    if args.fix && !findings.is_empty() {
        text = lint::apply_fixes(&text, &findings);
    }
    toml::from_str::<toml::Table>(&text)
        .map_err(|err| anyhow!(t!("cmd-import-would-break", error = err.to_string())))?;
    // Pictures first, so the issue never names a file that is not there;
    // if anything fails, the pictures written are removed again.
    let mut written: Vec<PathBuf> = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for (relative, data) in &pictures {
            let path = publication.config.root.join(relative);
            output::create(&path, &publication.shown(relative), data)?;
            written.push(path);
        }
        // The added articles must pass the issue's checks (the issue's other
        // problems, e.g. empty articles of `bulletin new`, are its own).
        let first_added_line = text[..start].matches('\n').count() + 1;
        let check = |lang| {
            i18n::with_lang(lang, || {
                bulletin::issue::Issue::from_text(&publication.config, text.clone(), &shown_issue)
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
                return Err(anyhow!(t!(
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
        output::write(&issue_path, &shown_issue, &bytes, Kind::Text)?;
        Ok(())
    })();
    if let Err(error) = result {
        for path in &written {
            std::fs::remove_file(path).ok();
        }
        return Err(error);
    }

    for (file, c) in &added {
        let mut parts = vec![t!("cmd-import-paragraphs", count = c.paragraphs.len())];
        if let Some(source) = &c.source {
            parts.push(t!("cmd-import-source", source = source));
        }
        if c.note.is_some() {
            parts.push(t!("cmd-import-note"));
        }
        if !c.pictures.is_empty() {
            parts.push(t!("cmd-import-pictures", count = c.pictures.len()));
        }
        println!(
            "{}",
            t!(
                "cmd-import-added",
                title = c.title.as_str(),
                file = file.display(),
                issue = shown_issue.display(),
                parts = parts.join(&t!("cmd-list-separator"))
            )
        );
    }
    if args.fix {
        if !findings.is_empty() {
            println!("{}", t!("cmd-import-fixed", count = findings.len()));
        }
    } else {
        for finding in &findings {
            let located = Located::new(
                &shown_issue,
                &text,
                finding.span.clone(),
                finding.message.clone(),
            );
            eprintln!("{}{located}\n", i18n::warning_label());
        }
        if !findings.is_empty() {
            println!(
                "{}",
                t!(
                    "cmd-import-warnings",
                    count = findings.len(),
                    total = total.as_str()
                )
            );
        }
    }
    Ok(())
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
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
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
                raster_size(&picture.data).map(|(w, h)| picture::within_budget(w, h))
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
        if let Err(why) = picture::inspect(&picture.data, &place) {
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

/// Appended at the end, an article of a section that already has its run
/// further up would be misplaced: say so.
fn warn_about_section(table: &toml::Table, section: Option<&str>) {
    let Some(section) = section else { return };
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
    if last != Some(section) && sections.contains(&Some(section)) {
        eprintln!(
            "{}{}",
            i18n::warning_label(),
            t!("cmd-import-section-further-up", section = section)
        );
    }
}
