//! A copy of the repository's publication in a temporary folder, to change,
//! build and run the binary on.

use std::path::{Path, PathBuf};

use bulletin::typeset::build::{self, Built};

use super::{Finished, build_issue, bulletin_c, bulletin_process, repo};

pub const ISSUE_74: &str = "issues/74.toml";
pub const CONFIG: &str = "bulletin.toml";

/// A copy of the repository's publication (bulletin.toml, issues/74.toml)
/// in a temporary folder, to change and build; deleted when dropped.
pub struct TempPublication {
    pub dir: tempfile::TempDir,
}

impl TempPublication {
    pub fn new() -> Self {
        Self::copied(Self::empty())
    }

    /// [`TempPublication::new`], made inside the folder `parent`.
    pub fn new_in(parent: &Path) -> Self {
        Self::copied(Self {
            dir: tempfile::tempdir_in(parent).unwrap(),
        })
    }

    fn copied(publication: Self) -> Self {
        std::fs::create_dir(publication.path("issues")).unwrap();
        for file in [CONFIG, ISSUE_74] {
            std::fs::copy(repo().join(file), publication.path(file)).unwrap();
        }
        publication
    }

    /// A folder with nothing in it.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Replaces `from`, which must occur exactly once, in `file`.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.path(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} occurs once in {file}"
        );
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Appends TOML to `file`.
    pub fn append(&self, file: &str, text: &str) {
        let path = self.path(file);
        let old = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, old + text).unwrap();
    }

    /// A file of the publication, as text.
    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    /// `bulletin -C <this folder>`, run from elsewhere.
    pub fn bulletin(&self) -> std::process::Command {
        bulletin_c(self.root())
    }

    /// `bulletin`, run inside this folder (without -C), so that messages
    /// name its files as an editor sees them: `issues/74.toml`.
    pub fn bulletin_inside(&self) -> std::process::Command {
        let mut command = bulletin_process();
        command.current_dir(self.root());
        command
    }

    /// The rows of `bulletin list` after its header, split into total, issue,
    /// date, articles and the PDF's state.
    pub fn list_rows(&self) -> Vec<[String; 5]> {
        let run = self.run(&["list"]).succeeded();
        let mut lines = run.stdout.lines();
        let header = lines.next().unwrap_or_default();
        for word in ["total", "issue", "date", "articles", "PDF"] {
            assert!(header.contains(word), "a header: {header:?}");
        }
        lines
            .map(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                assert!(words.len() >= 5, "five columns: {line:?}");
                [
                    words[0].to_string(),
                    words[1].to_string(),
                    words[2].to_string(),
                    words[3].to_string(),
                    words[4..].join(" "),
                ]
            })
            .collect()
    }

    /// `bulletin <args>`, run inside this folder, to its end.
    pub fn run(&self, args: &[&str]) -> Finished {
        Finished::of(self.bulletin_inside().args(args))
    }

    /// Builds issue 74 of this publication in-process.
    pub fn build(&self) -> Result<Built, build::BuildError> {
        build_issue(self.root(), 74)
    }
}

/// Issue 74 of the repository as read and checked, before any layout.
pub fn issue_74_as_read() -> bulletin::input::issue::Issue {
    let root = repo();
    let config = bulletin::input::config::Config::load(&root, Path::new("")).unwrap();
    bulletin::input::issue::Issue::load(&config, &root.join(ISSUE_74), Path::new(ISSUE_74)).unwrap()
}

/// The articles of an issue file read as TOML.
pub fn articles(issue: &toml::Table) -> Vec<toml::Table> {
    issue["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a.as_table().expect("an article table").clone())
        .collect()
}
