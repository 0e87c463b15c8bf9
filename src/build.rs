//! From a publication folder and an issue to a laid-out document.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst_layout::PagedDocument;

use crate::config::{CONFIG_FILE, Config};
use crate::data::IssueData;
use crate::diagnostic::Problems;
use crate::fonts::{FontError, Fonts};
use crate::glyphs::{self, MissingGlyph};
use crate::issue::Issue;
use crate::render;
use crate::world::{BulletinWorld, Layout};

/// Where the issues of a publication live.
pub const ISSUES_DIR: &str = "issues";
/// Where built files go by default.
pub const OUT_DIR: &str = "out";

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
        .0.len()
    )]
    MissingGlyphs(Vec<MissingGlyph>),
    #[error("{0}")]
    Typst(String),
    #[error("there is no issue {asked} ({path} does not exist); {}", available_issues(.available))]
    IssueNotFound {
        asked: String,
        path: String,
        available: Vec<u32>,
    },
    #[error("{}: {error}", .path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

fn list(missing: &[MissingGlyph]) -> String {
    missing
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join("\n\nerror: ")
}

fn available_issues(available: &[u32]) -> String {
    if available.is_empty() {
        "the issues folder holds no issue yet".to_string()
    } else {
        let names: Vec<String> = available.iter().map(u32::to_string).collect();
        format!("the issues are: {}", names.join(", "))
    }
}

/// The nearest folder, from `start` upward, that holds `bulletin.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// The issue numbers that have a file in `issues/`, in order.
pub fn existing_issues(root: &Path) -> Vec<u32> {
    let mut totals: Vec<u32> = std::fs::read_dir(root.join(ISSUES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            (path.extension()? == "toml").then_some(())?;
            path.file_stem()?.to_str()?.parse().ok()
        })
        .collect();
    totals.sort_unstable();
    totals
}

/// The file of the issue a user named: a number (`74`) is looked up in
/// `issues/`; anything else is a path. Returns the path to read and the path
/// to show in messages.
pub fn issue_file(
    root: &Path,
    shown_root: &Path,
    asked: &str,
) -> Result<(PathBuf, PathBuf), BuildError> {
    if let Ok(total) = asked.parse::<u32>() {
        let name = format!("{total}.toml");
        let relative = Path::new(ISSUES_DIR).join(name);
        let path = root.join(&relative);
        if !path.is_file() {
            return Err(BuildError::IssueNotFound {
                asked: asked.to_string(),
                path: shown_root.join(&relative).display().to_string(),
                available: existing_issues(root),
            });
        }
        return Ok((path, shown_root.join(relative)));
    }
    let path = PathBuf::from(asked);
    if !path.is_file() {
        return Err(BuildError::IssueNotFound {
            asked: asked.to_string(),
            path: asked.to_string(),
            available: existing_issues(root),
        });
    }
    Ok((path.clone(), path))
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
}

/// The fonts a publication can use: the embedded ones, then its [fonts]
/// paths, then `extra` folders (from the command line).
pub fn load_fonts(config: &Config, extra: &[PathBuf]) -> Result<Fonts, FontError> {
    let dirs: Vec<PathBuf> = config.fonts.paths.iter().chain(extra).cloned().collect();
    Fonts::load(&dirs)
}

/// Reads, checks and lays out one issue.
pub fn build(
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
                .map(|m| format!("{m} (printed as an empty box)")),
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
    })
}
