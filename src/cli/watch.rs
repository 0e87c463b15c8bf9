//! `bulletin watch ISSUE`: build, then rebuild on every save, in one Typst
//! world that recompiles only what changed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use typst::comemo;

use bulletin::build::{self, BuildOptions, Failed};
use bulletin::config::{CONFIG_FILE, Config};
use bulletin::fonts::Fonts;
use bulletin::i18n;
use bulletin::issue;
use bulletin::output;
use bulletin::publication::{Publication, total_in_name};
use bulletin::series::Heading;
use bulletin::t;
use bulletin::watcher::{self, Watcher};
use bulletin::world::BulletinWorld;

#[derive(clap::Args)]
pub struct Args {
    issue: String,

    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,

    #[arg(long)]
    allow_missing_glyphs: bool,

    #[arg(long)]
    timings: bool,
}

/// A rebuild that wrote its PDF.
struct Rebuilt {
    /// The PDF, as shown.
    shown: PathBuf,
    pages: usize,
    bytes: usize,
    warnings: Vec<String>,
    /// Each stage (named in the user's language) and how long it took.
    stages: Vec<(String, Duration)>,
}

/// What stays alive between builds.
struct Session {
    publication: Publication,
    issue_path: PathBuf,
    shown_issue: PathBuf,
    font_paths: Vec<PathBuf>,
    /// The fonts, and the folders they were read from.
    fonts: (Vec<PathBuf>, Arc<Fonts>),
    world: Option<BulletinWorld>,
    options: BuildOptions,
    output: Option<PathBuf>,
    timings: bool,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    std::sync::LazyLock::force(&LOCAL_OFFSET);
    let named = Path::new(&args.issue);
    let publication = Publication::open(dir, named.is_file().then_some(named))?;
    let (issue_path, shown_issue) = publication.issue_file(&args.issue)?;
    let fonts = load_fonts(&publication.config, &args.font_paths)?;
    let mut session = Session {
        publication,
        issue_path,
        shown_issue,
        font_paths: args.font_paths,
        fonts,
        world: None,
        options: BuildOptions {
            allow_missing_glyphs: args.allow_missing_glyphs,
        },
        output: args.output,
        timings: args.timings,
    };

    // Ctrl-C waits for a PDF being written to be whole (not for a layout),
    // then ends.
    let writing = Arc::new(Mutex::new(()));
    let on_interrupt = writing.clone();
    ctrlc::set_handler(move || {
        let _whole = on_interrupt.lock();
        eprintln!("{}", t!("cmd-watch-stopped"));
        std::process::exit(0);
    })
    .context(t!("cmd-watch-no-ctrl-c"))?;

    let mut watcher = Watcher::new()?;
    eprintln!(
        "{}",
        t!("cmd-watch-watching", file = session.shown_issue.display())
    );
    let warn = &mut |warning: String| eprintln!("{}{warning}", i18n::warning_label());
    loop {
        // Taken before the build reads them, so that a save during the
        // build counts.
        let before = watcher.snapshot(&session.watched_files());
        session.rebuild(&writing);
        watcher
            .watch(before, &session.watched_files())
            .into_iter()
            .for_each(&mut *warn);
        watcher.wait(warn)?;
        // Keep memory flat over a day of saves.
        comemo::evict(10);
    }
}

fn load_fonts(config: &Config, extra: &[PathBuf]) -> anyhow::Result<(Vec<PathBuf>, Arc<Fonts>)> {
    Ok((
        build::font_dirs(config, extra),
        Arc::new(build::load_fonts(config, extra)?),
    ))
}

impl Session {
    /// Where the PDF goes (the issue's total decides the default name).
    fn output_path(&self, total: u32) -> (PathBuf, PathBuf) {
        match &self.output {
            Some(path) => (path.clone(), path.clone()),
            None => {
                // Before a build succeeds: the total the file says, else
                // the number in its name.
                let total = if total > 0 {
                    total
                } else {
                    Heading::read(&self.issue_path, &self.shown_issue)
                        .ok()
                        .and_then(|h| u32::try_from(h.total).ok())
                        .or_else(|| total_in_name(&self.issue_path))
                        .unwrap_or(0)
                };
                self.publication.default_output(total)
            }
        }
    }

    /// One build: read the files again, lay out in the same world, write
    /// the PDF. A failure is printed; the last good PDF stays.
    fn rebuild(&mut self, writing: &Mutex<()>) {
        let started = Instant::now();
        match self.try_rebuild(writing) {
            Ok(rebuilt) => {
                for warning in rebuilt.warnings {
                    eprintln!("{}{warning}", i18n::warning_label());
                }
                if self.timings {
                    eprintln!("{}", super::timings_line(&rebuilt.stages));
                }
                let pages = rebuilt.pages;
                let written = t!(
                    "cmd-build-written",
                    files = rebuilt.shown.display(),
                    pages = pages,
                    mb = format!("{:.1}", rebuilt.bytes as f64 / 1_000_000.0)
                );
                let line = t!(
                    "cmd-build-wrote-in",
                    written = written,
                    seconds = format!("{:.2}", started.elapsed().as_secs_f64())
                );
                println!("[{}] {line}", clock());
            }
            Err(err) => {
                eprintln!("{}{}", i18n::error_label(), super::error_text(&err));
                let (path, shown) = self.output_path(0);
                let kept = if path.is_file() {
                    t!("cmd-watch-unchanged", file = shown.display())
                } else {
                    t!("cmd-watch-no-pdf-yet")
                };
                println!("[{}] {}", clock(), t!("cmd-watch-not-built", kept = kept));
            }
        }
    }

    fn try_rebuild(&mut self, writing: &Mutex<()>) -> anyhow::Result<Rebuilt> {
        // bulletin.toml may have changed too.
        let root = self.publication.config.root.clone();
        let shown_root = self.publication.shown_root.clone();
        self.publication.config = Config::load(&root, &shown_root)?;
        let config = &self.publication.config;
        if build::font_dirs(config, &self.font_paths) != self.fonts.0 {
            self.fonts = load_fonts(config, &self.font_paths)?;
        }
        let built = build::lay_out_in(
            self.world.take(),
            config,
            &self.issue_path,
            &self.shown_issue,
            self.fonts.1.clone(),
            &self.options,
        );
        let built = match built {
            Ok(built) => built,
            Err(Failed { error, world }) => {
                self.world = world.map(|world| *world);
                return Err(error.into());
            }
        };
        let exported = Instant::now();
        let mut stages = vec![
            (t!("cmd-stage-check"), built.timings.check),
            (t!("cmd-stage-layout"), built.timings.layout),
        ];
        let result = built
            .pdf(&[])
            .map_err(anyhow::Error::from)
            .and_then(|bytes| {
                stages.push((t!("cmd-stage-pdf"), exported.elapsed()));
                let (path, shown) = self.output_path(built.issue.total);
                let written = Instant::now();
                let _whole = writing.lock();
                output::write_rebuilt_pdf(&path, &shown, &bytes)?;
                stages.push((t!("cmd-stage-write"), written.elapsed()));
                Ok((shown, bytes.len()))
            });
        let pages = built.document.pages().len();
        let warnings = built.warnings;
        self.world = Some(built.world);
        let (shown, bytes) = result?;
        Ok(Rebuilt {
            shown,
            pages,
            bytes,
            warnings,
            stages,
        })
    }

    /// The files a change to which calls for a rebuild: the issue,
    /// bulletin.toml, the pictures the issue names (also while they are
    /// missing, so that the one an error asked for is noticed), and what
    /// the layout read (a layout of the publication's own, images).
    fn watched_files(&mut self) -> Vec<PathBuf> {
        let config = &self.publication.config;
        let mut files = vec![self.issue_path.clone(), config.root.join(CONFIG_FILE)];
        if let Some(layout) = &config.layout.file {
            files.push(config.root.join(layout));
        }
        files.extend(
            issue::named_images(&self.issue_path)
                .into_iter()
                .map(|image| config.root.join(image)),
        );
        if let Some(world) = &mut self.world {
            files.extend(world.files_read());
        }
        let mut files: Vec<PathBuf> = files.iter().map(|file| watcher::one_name(file)).collect();
        files.sort();
        files.dedup();
        files
    }
}

/// The time of day, for each rebuild's line: local when the system says
/// what local is, else UTC.
fn clock() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.to_offset(*LOCAL_OFFSET);
    format!("{:02}:{:02}:{:02}", now.hour(), now.minute(), now.second())
}

/// Read once, before other threads start (the only time it is safe).
static LOCAL_OFFSET: std::sync::LazyLock<time::UtcOffset> = std::sync::LazyLock::new(|| {
    time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC)
});
