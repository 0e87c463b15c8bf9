//! `bulletin eject ISSUE DIR`: the layout and one issue's data as a plain
//! Typst project, for designers and for the Typst CLI.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use bulletin::build::{self, BuildOptions};
use bulletin::fonts::{EMBEDDED, LICENCES};
use bulletin::publication::Publication;
use bulletin::world::{DATA_PATH, EMBEDDED_LAYOUT};

#[derive(clap::Args)]
pub struct Args {
    /// The issue whose data goes with the layout (number or file)
    issue: String,

    /// The folder to write: main.typ, issue.json, fonts/ and the issue's
    /// images
    #[arg(value_name = "DIR")]
    folder: PathBuf,

    /// Write into a folder that is not empty, replacing main.typ, issue.json
    /// and the fonts there
    #[arg(long)]
    force: bool,

    /// A folder with more fonts (repeatable), as for build
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let named = Path::new(&args.issue);
    let publication = Publication::open(dir, named.is_file().then_some(named))?;
    let config = &publication.config;
    let (issue_path, shown_issue) = publication.issue_file(&args.issue)?;
    let fonts = build::load_fonts(config, &args.font_paths)?;
    let options = BuildOptions {
        allow_missing_glyphs: true,
    };
    let (issue, data, warnings, _) =
        build::prepare(config, &issue_path, &shown_issue, &fonts, &options)?;
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let layout = match &config.layout.file {
        Some(file) => {
            let path = config.root.join(file);
            std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "cannot read the layout {}",
                    publication.shown(file).display()
                )
            })?
        }
        None => EMBEDDED_LAYOUT.to_string(),
    };

    let target = &args.folder;
    if target.is_file() {
        bail!(
            "{} is a file: name a folder to eject into",
            target.display()
        );
    }
    let occupied = std::fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_some());
    if occupied && !args.force {
        bail!(
            "{} is not empty: name a new or empty folder, or add --force to replace main.typ, \
             issue.json and fonts/ in it",
            target.display()
        );
    }
    let write = |relative: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let path = target.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    };
    write("main.typ", layout.as_bytes())?;
    // The layout reads its data at the project root, as in the binary.
    write(DATA_PATH.trim_start_matches('/'), &data)?;
    for font in EMBEDDED {
        write(&format!("fonts/{}", font.file), font.data())?;
    }
    for (file, text) in LICENCES {
        write(&format!("fonts/{file}"), text.as_bytes())?;
    }
    // The issue's pictures, at the same paths from the project's root.
    for image in issue.articles.iter().flat_map(|a| &a.images) {
        let from = config.root.join(&image.path);
        let bytes =
            std::fs::read(&from).with_context(|| format!("cannot read {}", from.display()))?;
        write(&image.path.to_string_lossy(), &bytes)?;
    }

    let mut command = vec!["typst".to_string(), "compile".to_string()];
    let font_dirs = std::iter::once(target.join("fonts"))
        .chain(config.fonts.paths.iter().cloned())
        .chain(args.font_paths.iter().cloned());
    for font_dir in font_dirs {
        command.push("--font-path".to_string());
        command.push(shell_word(&font_dir));
    }
    // Only these fonts, as in the binary: neither the computer's nor the
    // Typst CLI's own.
    command.push("--ignore-system-fonts".to_string());
    command.push("--ignore-embedded-fonts".to_string());
    command.push(shell_word(&target.join("main.typ")));
    eprintln!(
        "wrote the layout and the data of {} to {}; the Typst CLI makes the same pages with:",
        shown_issue.display(),
        target.display()
    );
    println!("{}", command.join(" "));
    eprintln!(
        "to build every issue with a changed layout, copy main.typ into the publication (e.g. \
         layouts/custom.typ) and set [layout] file = \"layouts/custom.typ\" in bulletin.toml"
    );
    Ok(())
}

/// A path as one word of a POSIX shell command line.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./+:=@%,".contains(c));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
