//! From an issue file to a laid-out document and its PDF.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use typst::layout::{Frame, FrameItem};
use typst::visualize::ImageKind;
use typst_layout::PagedDocument;

use crate::diagnostic::{Problems, Warning};
use crate::fonts::glyphs::{self, MissingGlyph};
use crate::fonts::{FontError, Fonts};
use crate::input::config::Config;
use crate::input::images::{Image, MIN_DPI};
use crate::input::issue::Issue;
use crate::t;
use crate::typeset::data::IssueData;
use crate::typeset::render;
use crate::typeset::world::{BulletinWorld, Layout};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Input(#[from] Problems),
    #[error(transparent)]
    Fonts(#[from] FontError),
    #[error(
        "{}\n\n{}",
        list(.0),
        t!("build-missing-glyphs", count = distinct(.0))
    )]
    MissingGlyphs(Vec<MissingGlyph>),
    #[error("{0}")]
    Typst(String),
    #[error("{}", t!("build-archive-missing-glyphs", count = *.0))]
    ArchiveWithMissingGlyphs(usize),
    #[error(
        "{}{}{}",
        .path.display(),
        t!("location-separator"),
        crate::i18n::io_error(.error)
    )]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// How many different characters are missing (one may be in several fields).
fn distinct(missing: &[MissingGlyph]) -> usize {
    missing
        .iter()
        .map(|m| m.character)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

fn list(missing: &[MissingGlyph]) -> String {
    missing
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(&format!("\n\n{}", crate::i18n::error_label()))
}

/// What may change how an issue is built.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Print an empty box for characters no font has, instead of failing.
    pub allow_missing_glyphs: bool,
}

/// A laid-out issue, with what it was made from.
pub struct Built {
    pub issue: Issue,
    pub world: BulletinWorld,
    pub document: PagedDocument,
    /// Things worth telling the user that did not stop the build.
    pub warnings: Vec<Warning>,
    /// Characters printed as empty boxes (allowed by the options).
    pub missing_glyphs: usize,
    /// How long reading and checking, and laying out, took.
    pub timings: Timings,
}

/// How long the stages of a build took (`--timings`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and checking the issue, and making the layout's data.
    pub check: Duration,
    /// Laying out the pages (the world made or updated, Typst's compile).
    pub layout: Duration,
}

impl Built {
    /// The issue as PDF, conforming to `standards` (e.g. PDF/A-2b).
    pub fn pdf(&self, standards: &[typst_pdf::PdfStandard]) -> Result<Vec<u8>, BuildError> {
        let archival = archival(standards);
        if archival && self.missing_glyphs > 0 {
            return Err(BuildError::ArchiveWithMissingGlyphs(self.missing_glyphs));
        }
        render::pdf(&self.world, &self.document, self.issue.date, standards)
            .map_err(BuildError::Typst)
    }
}

/// Whether `standards` include a PDF/A one (every character must then be
/// drawn).
pub fn archival(standards: &[typst_pdf::PdfStandard]) -> bool {
    use typst_pdf::PdfStandard::*;
    standards.iter().any(|s| {
        matches!(
            s,
            A_1b | A_1a | A_2b | A_2u | A_2a | A_3b | A_3u | A_3a | A_4 | A_4f | A_4e
        )
    })
}

/// The fonts a publication can use: the embedded ones, then its [fonts]
/// paths, then `extra` folders (from the command line).
pub fn load_fonts(config: &Config, extra: &[PathBuf]) -> Result<Fonts, FontError> {
    Fonts::load(&font_dirs(config, extra))
}

/// The font folders of a build: the publication's, then `extra`.
pub fn font_dirs(config: &Config, extra: &[PathBuf]) -> Vec<PathBuf> {
    config.fonts.paths.iter().chain(extra).cloned().collect()
}

/// Reads, checks and lays out one issue.
pub fn lay_out(
    config: &Config,
    issue_path: &Path,
    shown_path: &Path,
    fonts: Arc<Fonts>,
    options: &BuildOptions,
) -> Result<Built, BuildError> {
    lay_out_in(None, config, issue_path, shown_path, fonts, options).map_err(|failed| failed.error)
}

/// A build that failed, and the world it used, which can serve the next try.
pub struct Failed {
    pub error: BuildError,
    /// Boxed: a world is large, and a failure is passed back up.
    pub world: Option<Box<BulletinWorld>>,
}

/// Reads, checks and lays out one issue in the world of an earlier build
/// when it can serve (same publication, layout and fonts), so that Typst
/// only redoes what changed; else in a new one.
pub fn lay_out_in(
    world: Option<BulletinWorld>,
    config: &Config,
    issue_path: &Path,
    shown_path: &Path,
    fonts: Arc<Fonts>,
    options: &BuildOptions,
) -> Result<Built, Failed> {
    let layout = match &config.layout.file {
        Some(file) => Layout::File(file.clone()),
        None => Layout::Embedded,
    };
    let world = world.filter(|world| world.serves(&config.root, &layout, &fonts));
    fonts.hash_in_background(&config.fonts);
    let started = Instant::now();
    let (issue, data, warnings, missing) =
        match prepare(config, issue_path, shown_path, &fonts, options) {
            Ok(prepared) => prepared,
            Err(error) => {
                return Err(Failed {
                    error,
                    world: world.map(Box::new),
                });
            }
        };
    let date = issue.date;
    let checked = Instant::now();
    let world = match world {
        Some(mut world) => {
            world.update(data, date);
            world
        }
        None => BulletinWorld::new(&config.root, &layout, fonts, data, date).map_err(|error| {
            Failed {
                error: BuildError::Io {
                    path: config.root.clone(),
                    error,
                },
                world: None,
            }
        })?,
    };
    let mut warnings = warnings;
    match render::layout(&world) {
        Ok((document, typst_warnings)) => {
            warnings.extend(typst_warnings.into_iter().map(Warning::Plain));
            warnings.extend(low_resolution(&issue, document.pages()));
            Ok(Built {
                issue,
                world,
                document,
                warnings,
                missing_glyphs: missing,
                timings: Timings {
                    check: checked - started,
                    layout: checked.elapsed(),
                },
            })
        }
        Err(message) => Err(Failed {
            error: BuildError::Typst(message),
            world: Some(Box::new(world)),
        }),
    }
}

/// The checked issue, its data for the layout (the JSON file it reads),
/// warnings so far and how many characters will print as empty boxes.
pub fn prepare(
    config: &Config,
    issue_path: &Path,
    shown_path: &Path,
    fonts: &Fonts,
    options: &BuildOptions,
) -> Result<(Issue, Vec<u8>, Vec<Warning>, usize), BuildError> {
    let issue = Issue::load(config, issue_path, shown_path)?;
    let (families, font_warnings) = fonts.role_families(&config.fonts);
    let mut warnings: Vec<Warning> = font_warnings.into_iter().map(Warning::Plain).collect();

    let missing = glyphs::find_missing(fonts, config, &issue);
    if !missing.is_empty() {
        if !options.allow_missing_glyphs {
            return Err(BuildError::MissingGlyphs(missing));
        }
        warnings.extend(
            missing
                .iter()
                .map(|m| m.warning(&t!("glyphs-printed-as-box"))),
        );
    }

    let data = IssueData::new(config, &issue, families).to_json();
    Ok((issue, data, warnings, distinct(&missing)))
}

/// A warning for each photo that prints below [`MIN_DPI`]: its pixels spread
/// over its printed width. The laid-out images are taken in the layout's
/// order (by article, after their paragraph, those after the body last),
/// each matched to the next picture of the issue with its pixel size (a
/// layout of the publication's own may print pictures of its own, e.g. a
/// logo); the size Typst decoded counts, so a photo turned by its EXIF data
/// is measured as printed. `pages` are the issue's (in a volume, a part
/// of the book's).
pub(crate) fn low_resolution(issue: &Issue, pages: &[typst_layout::Page]) -> Vec<Warning> {
    let mut printed = Vec::new();
    for page in pages {
        raster_images(&page.frame, 1.0, &mut printed);
    }
    let ordered = issue.articles.iter().enumerate().flat_map(|(n, article)| {
        let mut images: Vec<(usize, usize, &Image)> = article
            .images
            .iter()
            .enumerate()
            .map(|(k, image)| (n + 1, k + 1, image))
            .collect();
        images.sort_by_key(|(_, _, image)| image.after.unwrap_or(usize::MAX));
        images
    });
    let mut printed = printed.into_iter();
    let mut warnings = Vec::new();
    for (n, k, image) in ordered {
        let Some((w, h)) = image.pixels else { continue };
        // The same picture, possibly turned a quarter by its EXIF data.
        let Some((pixels_wide, pixels_high, width_pt)) = printed
            .by_ref()
            .find(|&(pw, ph, _)| (pw, ph) == (w, h) || (pw, ph) == (h, w))
        else {
            break;
        };
        let dpi = f64::from(pixels_wide) / (width_pt / 72.0);
        if dpi >= MIN_DPI {
            continue;
        }
        let needed = (MIN_DPI * width_pt / 72.0).ceil();
        let message = t!(
            "with-place",
            place = t!("place-article-image", n = n, k = k),
            message = t!(
                "build-low-resolution",
                path = image.path.display(),
                dpi = format!("{dpi:.0}"),
                width = pixels_wide,
                height = pixels_high,
                mm = format!("{:.0}", width_pt * 25.4 / 72.0),
                min_dpi = format!("{MIN_DPI:.0}"),
                needed = format!("{needed:.0}")
            )
        );
        warnings.push(Warning::At(issue.file.error(image.span.clone(), message)));
    }
    warnings
}

/// Every raster image in `frame`, in order: its pixel width and height as
/// decoded, and its printed width in points.
fn raster_images(frame: &Frame, scale: f64, found: &mut Vec<(u32, u32, f64)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let sx = group.transform.sx.get().abs();
                raster_images(&group.frame, scale * sx, found);
            }
            FrameItem::Image(image, size, _) => {
                if let ImageKind::Raster(raster) = image.kind() {
                    found.push((raster.width(), raster.height(), size.x.to_pt() * scale));
                }
            }
            _ => {}
        }
    }
}
