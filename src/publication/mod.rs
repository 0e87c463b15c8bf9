//! A publication folder: the one holding `bulletin.toml`, with its issues in
//! `issues/` and built files in `out/`, and how to name its files to the user.

pub mod next_issue;

use std::path::{Path, PathBuf};

use crate::diagnostic::Located;
use crate::input::config::{CONFIG_FILE, Config};
use crate::t;

/// Where the issues of a publication live.
pub const ISSUES_DIR: &str = "issues";
/// Where built files go by default.
pub const OUT_DIR: &str = "out";

#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    #[error("{}", t!("publication-not-a-publication", folder = .0.display()))]
    NotAPublication(PathBuf),
    #[error("{}", t!("publication-none-found", folder = .0.display()))]
    NoneFound(PathBuf),
    #[error("{}", t!("publication-current-folder", error = crate::i18n::io_error(.0)))]
    CurrentFolder(std::io::Error),
    #[error(transparent)]
    Config(#[from] Located),
    #[error(
        "{}",
        t!("publication-no-such-issue", asked = .asked, path = .path, issues = list_issues(.available))
    )]
    IssueNotFound {
        asked: String,
        path: String,
        available: Vec<u32>,
    },
}

fn list_issues(available: &[u32]) -> String {
    if available.is_empty() {
        t!("publication-no-issues-yet")
    } else {
        let names: Vec<String> = available.iter().map(u32::to_string).collect();
        t!("publication-issues-are", issues = names.join(", "))
    }
}

/// An issue's file in `issues/`.
#[derive(Debug, Clone)]
pub struct IssueFile {
    /// The number in the file's name.
    pub total: u32,
    /// The path to read.
    pub path: PathBuf,
    /// The path to show.
    pub shown: PathBuf,
}

/// An opened publication: its checked `bulletin.toml` and how to show its
/// paths.
pub struct Publication {
    pub config: Config,
    /// The folder as shown in messages: empty for the current folder,
    /// `..` for its parent, else as found.
    pub shown_root: PathBuf,
}

impl Publication {
    /// Opens the folder named with `-C`, or else the nearest one holding
    /// `bulletin.toml` upward from `near` (a file the user named), or else
    /// from the current folder.
    pub fn open(dir: Option<&Path>, near: Option<&Path>) -> Result<Self, PublicationError> {
        let cwd = std::env::current_dir().map_err(PublicationError::CurrentFolder)?;
        let root = match dir {
            Some(dir) if dir.join(CONFIG_FILE).is_file() => dir.to_path_buf(),
            Some(dir) => return Err(PublicationError::NotAPublication(dir.to_path_buf())),
            None => {
                let start = near.and_then(|file| cwd.join(file).parent().map(Path::to_path_buf));
                start
                    .and_then(|start| find_root(&start))
                    .or_else(|| find_root(&cwd))
                    .ok_or_else(|| PublicationError::NoneFound(cwd.clone()))?
            }
        };
        let shown_root = shown_relative_to(&cwd, &root);
        let config = Config::load(&root, &shown_root)?;
        Ok(Self { config, shown_root })
    }

    /// A path inside the publication as the user should see it.
    pub fn shown(&self, relative: &Path) -> PathBuf {
        self.shown_root.join(relative)
    }

    /// The issue numbers that have a file in `issues/`, in order.
    pub fn existing_issues(&self) -> Vec<u32> {
        self.issue_files().into_iter().map(|f| f.total).collect()
    }

    /// Every issue file (`issues/<total>.toml`), in order of the number in
    /// its name.
    pub fn issue_files(&self) -> Vec<IssueFile> {
        let mut files: Vec<IssueFile> = std::fs::read_dir(self.config.root.join(ISSUES_DIR))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                (path.extension()? == "toml" && path.is_file()).then_some(())?;
                let total = total_in_name(&path)?;
                let name = path.file_name()?.to_owned();
                Some(IssueFile {
                    total,
                    shown: self.shown(&Path::new(ISSUES_DIR).join(name)),
                    path,
                })
            })
            .collect();
        files.sort_by(|a, b| (a.total, &a.path).cmp(&(b.total, &b.path)));
        files
    }

    /// The file of the issue a user named: a number (`74`) is looked up in
    /// `issues/`; anything else is a path, from the current folder or else
    /// from the publication's. Returns the path to read and the path to show.
    pub fn issue_file(&self, asked: &str) -> Result<(PathBuf, PathBuf), PublicationError> {
        let not_found = |path: &Path| PublicationError::IssueNotFound {
            asked: asked.to_string(),
            path: path.display().to_string(),
            available: self.existing_issues(),
        };
        if let Ok(total) = asked.parse::<u32>() {
            let relative = Path::new(ISSUES_DIR).join(format!("{total}.toml"));
            let path = self.config.root.join(&relative);
            return if path.is_file() {
                Ok((path, self.shown(&relative)))
            } else {
                Err(not_found(&self.shown(&relative)))
            };
        }
        let asked_path = PathBuf::from(asked);
        if asked_path.is_file() {
            return Ok((asked_path.clone(), asked_path));
        }
        let in_publication = self.config.root.join(&asked_path);
        if asked_path.is_relative() && in_publication.is_file() {
            return Ok((in_publication, self.shown(&asked_path)));
        }
        Err(not_found(&asked_path))
    }

    /// Where the PDF of issue `total` goes unless the user says otherwise:
    /// the path to write and the path to show.
    pub fn default_output(&self, total: u32) -> (PathBuf, PathBuf) {
        let relative = Path::new(OUT_DIR).join(format!("{total}.pdf"));
        (self.config.root.join(&relative), self.shown(&relative))
    }
}

/// The number an issue file's name gives (`issues/74.toml` → 74).
pub fn total_in_name(path: &Path) -> Option<u32> {
    path.file_stem()?.to_str()?.parse().ok()
}

/// The nearest folder, from `start` upward, that holds `bulletin.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// `path` relative to `cwd` when one holds the other, else as it is.
fn shown_relative_to(cwd: &Path, path: &Path) -> PathBuf {
    let (Ok(abs), Ok(cwd)) = (cwd.join(path).canonicalize(), cwd.canonicalize()) else {
        return path.to_path_buf();
    };
    if let Ok(below) = abs.strip_prefix(&cwd) {
        return below.to_path_buf();
    }
    if let Ok(above) = cwd.strip_prefix(&abs) {
        return above.components().map(|_| "..").collect();
    }
    abs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Lang};

    /// A publication's `lang` is for the command line to offer; opening it
    /// (as the desk does, for every request) changes no language.
    #[test]
    fn opening_a_publication_leaves_the_language_alone() {
        std::thread::spawn(|| {
            let before = i18n::lang();
            let other = match before {
                Lang::Zh => "en",
                Lang::En => "zh",
            };
            let dir = tempfile::tempdir().unwrap();
            let config = format!(
                "[publication]\nname = \"科协每周动态\"\npublisher = \"北京市科协办公室\"\nlang = \"{other}\"\n"
            );
            std::fs::write(dir.path().join(CONFIG_FILE), config).unwrap();
            let publication = Publication::open(Some(dir.path()), None).unwrap();
            assert!(publication.config.publication.lang.is_some());
            assert_eq!(i18n::lang(), before);
        })
        .join()
        .unwrap();
    }
}
