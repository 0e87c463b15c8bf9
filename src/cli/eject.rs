//! `bulletin eject ISSUE DIR`: the layout and one issue's data as a plain
//! Typst project, for designers and for the Typst CLI.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;

use bulletin::fonts::{EMBEDDED, Fonts, LICENCES};
use bulletin::i18n;
use bulletin::input::config::Config;
use bulletin::t;
use bulletin::typeset::build::{self, BuildOptions, Failed};
use bulletin::typeset::world::{DATA_PATH, EMBEDDED_LAYOUT};

#[derive(clap::Args)]
pub struct Args {
    issue: String,

    #[arg(value_name = "DIR")]
    folder: PathBuf,

    #[arg(long)]
    force: bool,

    #[command(flatten)]
    fonts: super::args::FontArgs,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let named = Path::new(&args.issue);
    let publication = super::open_publication(dir, named.is_file().then_some(named))?;
    let config = &publication.config;
    let (issue_path, shown_issue) = publication.issue_file(&args.issue)?;
    let fonts = build::load_fonts(config, &args.fonts.font_paths)?;
    let options = BuildOptions {
        allow_missing_glyphs: true,
    };
    let (issue, data, warnings, _) =
        build::prepare(config, &issue_path, &shown_issue, &fonts, &options)?;
    for warning in &warnings {
        eprintln!("{}{warning}", i18n::warning_label());
    }
    // A layout of the publication's own goes where it is in the
    // publication, with the files it reads, and main.typ includes it: its
    // paths then lead where they do in the publication.
    let (main, own_files) = match &config.layout.file {
        Some(file) => {
            std::fs::read(config.root.join(file)).map_err(|error| {
                let what = t!(
                    "cmd-eject-cannot-read-layout",
                    path = publication.shown(file).display()
                );
                super::io_failed(what, &error)
            })?;
            let path = slashed(file);
            let main = format!(
                "// The publication's own layout, {path}, as bulletin lays it out: restyle\n\
                 // {path} and copy it back into the publication.\n\
                 #include \"/{path}\"\n"
            );
            let mut files = files_the_layout_reads(config, &issue_path, &shown_issue, fonts);
            files.insert(file.clone());
            (main, files)
        }
        None => (EMBEDDED_LAYOUT.to_string(), BTreeSet::new()),
    };

    let target = &args.folder;
    if target.is_file() {
        bail!(t!("cmd-eject-is-a-file", path = target.display()));
    }
    let occupied = std::fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_some());
    if occupied && !args.force {
        bail!(t!("cmd-eject-not-empty", path = target.display()));
    }
    let write = |relative: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let path = target.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| {
                super::io_failed(t!("cmd-cannot-create", path = parent.display()), &error)
            })?;
        }
        std::fs::write(&path, bytes).map_err(|error| {
            super::io_failed(t!("cmd-cannot-write", path = path.display()), &error)
        })
    };
    write("main.typ", main.as_bytes())?;
    // The layout reads its data at the project root, as in the binary.
    write(DATA_PATH.trim_start_matches('/'), &data)?;
    for font in EMBEDDED {
        write(&format!("fonts/{}", font.file), font.data())?;
    }
    for (file, text) in LICENCES {
        write(&format!("fonts/{file}"), text.as_bytes())?;
    }
    // The issue's pictures and the files of an own layout, at the same
    // paths from the project's root.
    let pictures = issue.articles.iter().flat_map(|a| &a.images);
    let files: BTreeSet<&PathBuf> = pictures
        .map(|image| &image.path)
        .chain(&own_files)
        .collect();
    for file in files {
        let from = config.root.join(file);
        let bytes = std::fs::read(&from).map_err(|error| {
            super::io_failed(t!("cmd-cannot-read", path = from.display()), &error)
        })?;
        write(&file.to_string_lossy(), &bytes)?;
    }

    let mut command = vec!["typst".to_string(), "compile".to_string()];
    let font_dirs = std::iter::once(target.join("fonts"))
        .chain(config.fonts.paths.iter().cloned())
        .chain(args.fonts.font_paths.iter().cloned());
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
        "{}",
        t!(
            "cmd-eject-wrote",
            issue = shown_issue.display(),
            folder = target.display()
        )
    );
    println!("{}", command.join(" "));
    match &config.layout.file {
        Some(file) => eprintln!(
            "{}",
            t!(
                "cmd-eject-own-layout",
                ejected = target.join(file).display(),
                original = publication.shown(file).display()
            )
        ),
        None => eprintln!("{}", t!("cmd-eject-how-to-use")),
    }
    Ok(())
}

/// The files a layout of the publication's own reads when it lays out the
/// issue (imports, pictures of its own…), relative to the publication
/// folder. A layout that fails says so: what it would have read after the
/// error is missing from the folder.
fn files_the_layout_reads(
    config: &Config,
    issue_path: &Path,
    shown_issue: &Path,
    fonts: Fonts,
) -> BTreeSet<PathBuf> {
    let options = BuildOptions {
        allow_missing_glyphs: true,
    };
    let world = match build::lay_out_in(
        None,
        config,
        issue_path,
        shown_issue,
        Arc::new(fonts),
        &options,
    ) {
        Ok(built) => Some(built.world),
        Err(Failed { error, world }) => {
            eprintln!(
                "{}{}\n{error}",
                i18n::warning_label(),
                t!("cmd-eject-layout-fails")
            );
            world.map(|world| *world)
        }
    };
    let Some(mut world) = world else {
        return BTreeSet::new();
    };
    let root = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    world
        .files_read()
        .into_iter()
        .filter_map(|path| path.strip_prefix(&root).ok().map(Path::to_path_buf))
        .collect()
}

/// A relative path with `/` between its parts, as Typst writes paths.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
