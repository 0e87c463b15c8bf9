//! A year's issues bound into one volume (合订本): a cover, the cumulative
//! contents and the section index with the volume's page numbers, then
//! every issue as `bulletin build` lays it out, each on a right-hand page.
//!
//! The volume is one Typst document: the embedded `layouts/volume.typ`
//! includes each issue's layout as a package of its own that reads that
//! issue's data, so page numbers, bookmarks and the contents' page numbers
//! come from one layout, and Typst lays out the issues' pages in parallel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use typst::foundations::{Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::diagnostic::Warning;
use crate::fonts::FontData;
use crate::fonts::Fonts;
use crate::input::config::Config;
use crate::input::issue::{Date, Issue};
use crate::input::series::Heading;
use crate::publication::IssueFile;
use crate::t;
use crate::typeset::build::{self, BuildError, BuildOptions};
use crate::typeset::render;
use crate::typeset::world::{self, BulletinWorld, Layout};

/// Which issues go into a volume and how.
#[derive(Debug, Clone, Default)]
pub struct VolumeOptions {
    /// The year of the volume: its issues are those counted in it.
    pub year: i32,
    /// Totals from .. to (inclusive) instead of the year's issues.
    pub totals: Option<(u32, u32)>,
    /// Leave an issue that cannot be laid out out, with a warning.
    pub skip_broken: bool,
    pub build: BuildOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    #[error("{}", t!("volume-no-issues", year = *.0))]
    NoIssues(i32),
    #[error("{}", t!("volume-no-issues-between", from = *.0, to = *.1))]
    NoIssuesBetween(u32, u32),
    /// An issue cannot be laid out: its own located message.
    #[error("{}\n\n{}", .error, t!("volume-issue-broken", file = .file.display()))]
    Issue { file: PathBuf, error: String },
    #[error("{}", t!("volume-layout-titles", file = .0.display()))]
    TitlesNotFound(PathBuf),
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// A laid-out volume.
pub struct Volume {
    pub world: BulletinWorld,
    pub document: PagedDocument,
    /// The issues bound, in order.
    pub issues: Vec<Issue>,
    /// For each issue, the page (from 1) each article's title is on.
    pub title_pages: Vec<Vec<usize>>,
    /// The date of the PDF: the last issue's.
    pub date: Date,
    pub warnings: Vec<String>,
    /// Characters printed as empty boxes.
    pub missing_glyphs: usize,
}

impl Volume {
    /// The volume as PDF, conforming to `standards`.
    pub fn pdf(&self, standards: &[typst_pdf::PdfStandard]) -> Result<Vec<u8>, BuildError> {
        if build::archival(standards) && self.missing_glyphs > 0 {
            return Err(BuildError::ArchiveWithMissingGlyphs(self.missing_glyphs));
        }
        render::pdf(&self.world, &self.document, self.date, standards).map_err(BuildError::Typst)
    }
}

/// The issue files of the volume: those whose numbering says they count in
/// `options.year` (or whose totals are in `options.totals`), in order of
/// their totals. A file whose numbers cannot be read is taken (and so
/// reported as broken) when its name's total lies among the chosen ones.
pub fn select(files: &[IssueFile], options: &VolumeOptions) -> Result<Vec<IssueFile>, VolumeError> {
    let headings: Vec<(IssueFile, Option<Heading>)> = files
        .par_iter()
        .map(|file| (file.clone(), Heading::read(&file.path, &file.shown).ok()))
        .collect();
    let chosen = |file: &IssueFile, heading: &Option<Heading>| match (options.totals, heading) {
        (Some((from, to)), _) => (from..=to).contains(&file.total),
        (None, Some(heading)) => heading.year == options.year,
        (None, None) => false,
    };
    let totals: Vec<u32> = headings
        .iter()
        .filter(|(file, heading)| chosen(file, heading))
        .map(|(file, _)| file.total)
        .collect();
    let (Some(&first), Some(&last)) = (totals.iter().min(), totals.iter().max()) else {
        return Err(none_chosen(options));
    };
    Ok(headings
        .into_iter()
        .filter(|(file, heading)| {
            chosen(file, heading) || (heading.is_none() && (first..=last).contains(&file.total))
        })
        .map(|(file, _)| file)
        .collect())
}

/// Why no issue is bound: none of the year, or none between the totals.
fn none_chosen(options: &VolumeOptions) -> VolumeError {
    match options.totals {
        Some((from, to)) => VolumeError::NoIssuesBetween(from, to),
        None => VolumeError::NoIssues(options.year),
    }
}

/// The volume's data for its layout.
#[derive(Serialize)]
struct VolumeData {
    cover: Cover,
    contents_title: &'static str,
    index_title: &'static str,
    skipped: Vec<u32>,
    skipped_note: String,
    issues: Vec<IssueEntry>,
    sections: Vec<SectionEntry>,
    layout: LayoutData,
    fonts: FontData,
}

#[derive(Serialize)]
struct Cover {
    name: String,
    title: String,
    range: String,
    publisher: String,
}

#[derive(Serialize)]
struct LayoutData {
    red: String,
}

#[derive(Serialize)]
struct IssueEntry {
    /// The package holding the issue's layout and data.
    module: String,
    /// 2024年第1期（总第101期）.
    line: String,
    date: String,
    /// The issue's bookmark.
    bookmark: String,
    articles: Vec<ArticleEntry>,
}

#[derive(Serialize)]
struct ArticleEntry {
    title: String,
    /// Which of the issue's bookmarked headings is this article's title.
    heading: usize,
}

#[derive(Serialize)]
struct SectionEntry {
    name: String,
    articles: Vec<IndexEntry>,
}

#[derive(Serialize)]
struct IndexEntry {
    title: String,
    /// The issue's place in the volume, from 0.
    issue: usize,
    /// 第1期.
    issue_name: String,
    heading: usize,
}

/// Reads, checks and lays out the volume of `files` (see [`select`]).
pub fn lay_out(
    config: &Config,
    files: &[IssueFile],
    fonts: Arc<Fonts>,
    options: &VolumeOptions,
) -> Result<Volume, VolumeError> {
    fonts.hash_in_background(&config.fonts);
    let prepared: Vec<_> = files
        .par_iter()
        .map(|file| {
            (
                file,
                build::prepare(config, &file.path, &file.shown, &fonts, &options.build),
            )
        })
        .collect();
    // The publication's fonts are told of once, not once an issue.
    let (families, font_warnings) = fonts.role_families(&config.fonts);
    let mut warnings = font_warnings.clone();
    // The issues bound, and each one's total and data for its layout.
    let mut issues = Vec::new();
    let mut issue_data = Vec::new();
    let mut skipped = Vec::new();
    let mut missing_glyphs = 0;
    for (file, result) in prepared {
        match result {
            Ok((issue, json, issue_warnings, missing)) => {
                warnings.extend(
                    issue_warnings
                        .into_iter()
                        .filter(|w| !matches!(w, Warning::Plain(t) if font_warnings.contains(t)))
                        .map(|w| w.in_file(&file.shown)),
                );
                missing_glyphs += missing;
                issue_data.push((issue.total, json));
                issues.push(issue);
            }
            Err(error) if options.skip_broken => {
                warnings.push(format!(
                    "{error}\n\n{}",
                    t!("volume-issue-skipped", file = file.shown.display())
                ));
                skipped.push(file.total);
            }
            Err(error) => {
                return Err(VolumeError::Issue {
                    file: file.shown.clone(),
                    error: error.to_string(),
                });
            }
        }
    }
    if issues.is_empty() {
        return Err(none_chosen(options));
    }
    for pair in issues.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if after.total != before.total + 1 {
            let gap: Vec<String> = (before.total + 1..after.total)
                .filter(|total| !skipped.contains(total))
                .map(|total| total.to_string())
                .collect();
            if !gap.is_empty() {
                warnings.push(t!("volume-gap", totals = gap.join(", ")));
            }
        }
    }

    let layout = match &config.layout.file {
        Some(file) => Layout::File(file.clone()),
        None => Layout::Embedded,
    };
    let date = issues[issues.len() - 1].date;
    let data = volume_data(config, options.year, &issues, &skipped, families);
    let world = BulletinWorld::volume(
        &config.root,
        &layout,
        fonts,
        serde_json::to_vec(&data).expect("plain data always serialises"),
        issue_data,
        date,
    )
    .map_err(|error| BuildError::Io {
        path: config.root.clone(),
        error,
    })?;
    let (mut document, typst_warnings) = render::layout(&world).map_err(BuildError::Typst)?;
    warnings.extend(typst_warnings);

    let title_pages = title_pages(&document);
    for (i, issue) in issues.iter().enumerate() {
        let found = title_pages.get(i).map_or(0, Vec::len);
        // One bookmarked heading for each title and each section opened.
        let expected = heading_indices(issue).last().map_or(0, |last| last + 1);
        if found != expected {
            return Err(VolumeError::TitlesNotFound(issue.file.path.clone()));
        }
    }
    // Each issue's pages: from its first title's page to the page before
    // the next issue's first title (a blank page holds no picture).
    let starts: Vec<usize> = title_pages
        .iter()
        .map(|pages| pages.iter().copied().min().unwrap_or(1))
        .collect();
    for (i, issue) in issues.iter().enumerate() {
        let end = starts
            .get(i + 1)
            .map_or(document.pages().len(), |next| next - 1);
        if let Some(pages) = document.pages().get(starts[i] - 1..end) {
            warnings.extend(
                build::low_resolution(issue, pages)
                    .iter()
                    .map(Warning::to_string),
            );
        }
    }
    let title_pages = issues
        .iter()
        .zip(title_pages)
        .map(|(issue, pages)| {
            heading_indices(issue)
                .into_iter()
                .map(|k| pages[k])
                .collect()
        })
        .collect();

    let info = document.info_mut();
    let name = &config.publication.name.text;
    info.title = Some(format!("{name} {}", volume_title(options.year)).into());
    info.author = vec![config.publication.publisher.text.clone().into()];
    info.keywords = vec![
        volume_title(options.year).into(),
        options.year.to_string().into(),
    ];
    info.date = typst::foundations::Smart::Custom(date.to_datetime());

    Ok(Volume {
        world,
        document,
        issues,
        title_pages,
        date,
        warnings,
        missing_glyphs,
    })
}

/// 2024年合订本.
fn volume_title(year: i32) -> String {
    format!("{year}年合订本")
}

/// Which of an issue's bookmarked headings (a section's, then an
/// article's title) is each article's title.
fn heading_indices(issue: &Issue) -> Vec<usize> {
    let mut next = 0;
    issue
        .articles
        .iter()
        .map(|article| {
            if article.opens_section && article.section.is_some() {
                next += 1;
            }
            next += 1;
            next - 1
        })
        .collect()
}

fn volume_data(
    config: &Config,
    year: i32,
    issues: &[Issue],
    skipped: &[u32],
    fonts: FontData,
) -> VolumeData {
    let first = issues.first().map_or(0, |issue| issue.total);
    let last = issues.last().map_or(0, |issue| issue.total);
    let mut sections: Vec<SectionEntry> = Vec::new();
    let mut entries = Vec::new();
    for (i, issue) in issues.iter().enumerate() {
        let headings = heading_indices(issue);
        let articles = issue
            .articles
            .iter()
            .zip(&headings)
            .map(|(article, &heading)| {
                let name = article
                    .section
                    .clone()
                    .unwrap_or_else(|| "要闻".to_string());
                let index = IndexEntry {
                    title: article.title_text(),
                    issue: i,
                    issue_name: format!("第{}期", issue.number),
                    heading,
                };
                match sections.iter_mut().find(|s| s.name == name) {
                    Some(section) => section.articles.push(index),
                    None => sections.push(SectionEntry {
                        name,
                        articles: vec![index],
                    }),
                }
                ArticleEntry {
                    title: article.title_text(),
                    heading,
                }
            })
            .collect();
        let line = issue.issue_line(config);
        entries.push(IssueEntry {
            module: world::issue_package(issue.total).to_string(),
            bookmark: format!("{line} {}", issue.date.chinese()),
            line,
            date: issue.date.chinese(),
            articles,
        });
    }
    let skipped_note = if skipped.is_empty() {
        String::new()
    } else {
        let named: Vec<String> = skipped.iter().map(|t| format!("总第{t}期")).collect();
        format!("{}因有错误未能排版，未收入本合订本。", named.join("、"))
    };
    VolumeData {
        cover: Cover {
            name: config.publication.name.text.clone(),
            title: volume_title(year),
            range: format!("总第{first}期—总第{last}期"),
            publisher: config.publication.publisher.text.clone(),
        },
        contents_title: "目录",
        index_title: "栏目索引",
        skipped: skipped.to_vec(),
        skipped_note,
        issues: entries,
        sections,
        layout: LayoutData {
            red: config.layout.red.clone(),
        },
        fonts,
    }
}

/// The pages of each issue's bookmarked headings, as the layout found them
/// (its metadata `<bulletin-volume-pages>`).
fn title_pages(document: &PagedDocument) -> Vec<Vec<usize>> {
    let Some(label) = typst::foundations::Label::new(PicoStr::intern("bulletin-volume-pages"))
    else {
        return Vec::new();
    };
    let found = document.introspector().query(&Selector::Label(label));
    let Some(value) = found
        .first()
        .and_then(|content| content.to_packed::<MetadataElem>())
        .map(|meta| meta.value.clone())
    else {
        return Vec::new();
    };
    let as_array = |value: &Value| match value {
        Value::Array(array) => array.iter().cloned().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    as_array(&value)
        .iter()
        .map(|group| {
            as_array(group)
                .iter()
                .filter_map(|page| match page {
                    Value::Int(n) => usize::try_from(*n).ok(),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Where the volume of `year` goes by default: `out/volume-YEAR.pdf`.
pub fn default_output(year: i32) -> PathBuf {
    Path::new(crate::publication::OUT_DIR).join(format!("volume-{year}.pdf"))
}
