//! The command line: one file per subcommand, each thin.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use bulletin::build::find_root;
use bulletin::config::{CONFIG_FILE, Config};

mod build;

#[derive(Parser)]
#[command(
    name = "bulletin",
    version,
    about = "Typesets a weekly briefing (简报) from TOML into a print-ready PDF"
)]
pub struct Cli {
    /// The publication folder (default: the nearest folder upward that holds bulletin.toml)
    #[arg(short = 'C', long = "dir", global = true, value_name = "DIR")]
    dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an issue into a PDF: `bulletin build 74` writes out/74.pdf
    Build(build::Args),
}

impl Cli {
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            Command::Build(args) => build::run(self.dir.as_deref(), args),
        }
    }
}

/// The publication a command works on: its folder and how to name it.
pub struct Publication {
    pub config: Config,
    /// The folder as shown in messages: empty for the current folder.
    pub shown_root: PathBuf,
}

impl Publication {
    /// Opens the publication named with `-C`, or else the one holding
    /// `near` (a file the user named), or else the current folder.
    pub fn open(dir: Option<&Path>, near: Option<&Path>) -> anyhow::Result<Self> {
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        let root = match dir {
            Some(dir) => {
                if !dir.join(CONFIG_FILE).is_file() {
                    bail!(
                        "{} holds no {CONFIG_FILE}: -C must name a publication folder",
                        dir.display()
                    );
                }
                dir.to_path_buf()
            }
            None => {
                let start = near
                    .and_then(|file| cwd.join(file).parent().map(Path::to_path_buf))
                    .unwrap_or_else(|| cwd.clone());
                match find_root(&start).or_else(|| find_root(&cwd)) {
                    Some(root) => root,
                    None => bail!(
                        "no {CONFIG_FILE} in {} or any folder above it: run bulletin in a \
                         publication folder, or name one with -C DIR",
                        cwd.display()
                    ),
                }
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
}

/// `path` relative to `cwd` when one holds the other, else as it is.
fn shown_relative_to(cwd: &Path, path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let (Ok(abs), Ok(cwd)) = (abs.canonicalize(), cwd.canonicalize()) else {
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
