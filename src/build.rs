//! From an issue file to a laid-out document and its PDF.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst_layout::PagedDocument;

use crate::config::Config;
use crate::data::IssueData;
use crate::diagnostic::Problems;
use crate::fonts::{FontError, Fonts};
use crate::glyphs::{self, MissingGlyph};
use crate::issue::Issue;
use crate::render;
use crate::world::{BulletinWorld, Layout};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Input(#[from] Problems),
    #[error(transparent)]
    Fonts(#[from] FontError),
    #[error(
        "{}\n\n{} character(s) cannot be printed with the available fonts: replace them, add a \
         font that has them ([fonts] paths or --font-path), or build with --allow-missing-glyphs \
         to print empty boxes instead",
        list(.0),
        distinct(.0)
    )]
    MissingGlyphs(Vec<MissingGlyph>),
    #[error("{0}")]
    Typst(String),
    #[error(
        "{0} character(s) have no glyph in any font, and a PDF/A archive may not print empty \
         boxes: replace them or add a font that has them"
    )]
    ArchiveWithMissingGlyphs(usize),
    #[error("{}: {error}", .path.display())]
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
        .join("\n\nerror: ")
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
    pub warnings: Vec<String>,
    /// Characters printed as empty boxes (allowed by the options).
    pub missing_glyphs: usize,
}

impl Built {
    /// The issue as PDF, conforming to `standards` (e.g. PDF/A-2b).
    pub fn pdf(&self, standards: &[typst_pdf::PdfStandard]) -> Result<Vec<u8>, BuildError> {
        use typst_pdf::PdfStandard::*;
        let archival = standards.iter().any(|s| {
            matches!(
                s,
                A_1b | A_1a | A_2b | A_2u | A_2a | A_3b | A_3u | A_3a | A_4 | A_4f | A_4e
            )
        });
        if archival && self.missing_glyphs > 0 {
            return Err(BuildError::ArchiveWithMissingGlyphs(self.missing_glyphs));
        }
        render::pdf(&self.world, &self.document, self.issue.date, standards)
            .map_err(BuildError::Typst)
    }
}

/// The fonts a publication can use: the embedded ones, then its [fonts]
/// paths, then `extra` folders (from the command line).
pub fn load_fonts(config: &Config, extra: &[PathBuf]) -> Result<Fonts, FontError> {
    let dirs: Vec<PathBuf> = config.fonts.paths.iter().chain(extra).cloned().collect();
    Fonts::load(&dirs)
}

/// Reads, checks and lays out one issue.
pub fn lay_out(
    config: &Config,
    issue_path: &Path,
    shown_path: &Path,
    fonts: Arc<Fonts>,
    options: &BuildOptions,
) -> Result<Built, BuildError> {
    let issue = Issue::load(config, issue_path, shown_path)?;
    let (families, mut warnings) = fonts.role_families(&config.fonts);

    let missing = glyphs::find_missing(&fonts, config, &issue);
    if !missing.is_empty() {
        if !options.allow_missing_glyphs {
            return Err(BuildError::MissingGlyphs(missing));
        }
        warnings.extend(
            missing
                .iter()
                .map(|m| m.describe(": printed as an empty box")),
        );
    }

    let data = IssueData::new(config, &issue, families).to_json();
    let layout = match &config.layout.file {
        Some(file) => Layout::File(file.clone()),
        None => Layout::Embedded,
    };

    let world =
        BulletinWorld::new(&config.root, &layout, fonts, data, issue.date).map_err(|error| {
            BuildError::Io {
                path: config.root.clone(),
                error,
            }
        })?;
    let (document, typst_warnings) = render::layout(&world).map_err(BuildError::Typst)?;
    warnings.extend(typst_warnings);
    Ok(Built {
        issue,
        world,
        document,
        warnings,
        missing_glyphs: distinct(&missing),
    })
}
