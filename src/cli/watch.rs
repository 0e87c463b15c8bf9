//! `bulletin watch ISSUE`: build, then rebuild on every save, in one Typst
//! world that recompiles only what changed (a [`live::Session`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use typst::comemo;

use bulletin::diagnostic::Warning;
use bulletin::i18n;
use bulletin::input::series::Heading;
use bulletin::live::watcher::{self, Watcher};
use bulletin::live::{self, FontCache};
use bulletin::publication::{IssueFile, Publication, total_in_name};
use bulletin::t;
use bulletin::typeset::build::BuildOptions;
use bulletin::typeset::export::{self, Export};

#[derive(clap::Args)]
pub struct Args {
    issue: String,

    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    fonts: super::args::FontArgs,

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
    warnings: Vec<Warning>,
    /// Each stage (named in the user's language) and how long it took.
    stages: Vec<(String, Duration)>,
}

/// The issue's live session, and where its PDF goes.
struct Watched {
    publication: Publication,
    session: live::Session,
    output: Option<PathBuf>,
    timings: bool,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    std::sync::LazyLock::force(&LOCAL_OFFSET);
    let named = Path::new(&args.issue);
    let publication = super::open_publication(dir, named.is_file().then_some(named))?;
    let (path, shown) = publication.issue_file(&args.issue)?;
    let fonts = FontCache::new(args.fonts.font_paths);
    // The fonts' folders are checked now, not at the first save.
    fonts.fonts(&publication.config)?;
    let file = IssueFile {
        total: total_in_name(&path).unwrap_or(0),
        path,
        shown,
    };
    let options = BuildOptions {
        allow_missing_glyphs: args.allow_missing_glyphs,
    };
    let session = live::Session::new(&publication, file, fonts, options);
    let mut watched = Watched {
        publication,
        session,
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
        t!(
            "cmd-watch-watching",
            file = watched.session.file.shown.display()
        )
    );
    let warn = &mut |warning: String| eprintln!("{}{warning}", i18n::warning_label());
    loop {
        // Taken before the build reads them, so that a save during the
        // build counts.
        let before = watcher.snapshot(&watched.watched_files());
        watched.rebuild(&writing);
        watcher
            .watch(before, &watched.watched_files())
            .into_iter()
            .for_each(&mut *warn);
        watcher.wait(warn)?;
        // Keep memory flat over a day of saves.
        comemo::evict(10);
    }
}

impl Watched {
    /// Where the PDF goes (the issue's total decides the default name).
    fn output_path(&self, total: u32) -> (PathBuf, PathBuf) {
        match &self.output {
            Some(path) => (path.clone(), path.clone()),
            None => {
                // Before a build succeeds: the total the file says, else
                // the number in its name.
                let file = &self.session.file;
                let total = if total > 0 {
                    total
                } else {
                    Heading::read(&file.path, &file.shown)
                        .ok()
                        .and_then(|h| u32::try_from(h.total).ok())
                        .or_else(|| total_in_name(&file.path))
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
        let total = self.session.rebuild()?.issue.total;
        let (path, shown) = self.output_path(total);
        let built = self.session.last_good().expect("just built");
        let target = Export::Pdf {
            standards: Vec::new(),
            rebuilt: true,
        };
        let exported = export::write(built, &target, &path, &shown, writing)?;
        let stages = vec![
            (t!("cmd-stage-check"), built.timings.check),
            (t!("cmd-stage-layout"), built.timings.layout),
            (t!("cmd-stage-pdf"), exported.render),
            (t!("cmd-stage-write"), exported.write),
        ];
        Ok(Rebuilt {
            shown,
            pages: exported.pages,
            bytes: exported.bytes,
            warnings: built.warnings.clone(),
            stages,
        })
    }

    /// The files a change to which calls for a rebuild (see
    /// [`live::Session::inputs`]), each by one name.
    fn watched_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .session
            .inputs()
            .iter()
            .map(|file| watcher::one_name(file))
            .collect();
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
