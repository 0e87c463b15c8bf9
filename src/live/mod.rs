//! An issue's build kept alive between changes: the one rebuild engine
//! under `watch`, the desk, `build` and `list`.
//!
//! A [`Session`] owns what an issue is built from — `bulletin.toml`, the
//! issue file, its pictures, the font folders, a layout of the
//! publication's own — and knows when any of them changed (its
//! [`Session::fingerprint`]). It keeps the Typst world between builds, so
//! that a rebuild lays out only what changed, and the last good build, so
//! that a failed one takes nothing away. [`pdf_state`] asks the same inputs
//! whether a PDF on disk is still what they make.

pub mod issue_list;
pub mod watcher;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::fonts::{self, FontError, Fonts};
use crate::input::config::{CONFIG_FILE, Config};
use crate::input::issue;
use crate::publication::{IssueFile, Publication};
use crate::typeset::build::{self, BuildError, BuildOptions, Built, Failed};

/// The fonts of a publication, loaded once and shared by every session
/// that uses it (the issues of `build --all`, of the desk); loaded again
/// when the publication names other folders or a font in them changes.
#[derive(Clone, Default)]
pub struct FontCache {
    /// Folders given on the command line (`--font-path`), after the
    /// publication's own.
    extra: Vec<PathBuf>,
    loaded: Arc<Mutex<Option<(u128, Arc<Fonts>)>>>,
}

impl FontCache {
    pub fn new(extra: Vec<PathBuf>) -> Self {
        Self {
            extra,
            loaded: Arc::default(),
        }
    }

    /// A cache that starts with `fonts`, loaded for `config` already.
    pub fn with(config: &Config, extra: Vec<PathBuf>, fonts: Arc<Fonts>) -> Self {
        let cache = Self::new(extra);
        let key = fingerprint(&cache.font_inputs(config));
        *cache.lock() = Some((key, fonts));
        cache
    }

    /// The font folders of `config`: the publication's, then the extra ones.
    pub fn dirs(&self, config: &Config) -> Vec<PathBuf> {
        build::font_dirs(config, &self.extra)
    }

    /// The fonts `config` builds with.
    pub fn fonts(&self, config: &Config) -> Result<Arc<Fonts>, FontError> {
        let key = fingerprint(&self.font_inputs(config));
        let mut loaded = self.lock();
        if let Some((loaded_key, fonts)) = &*loaded
            && *loaded_key == key
        {
            return Ok(fonts.clone());
        }
        let fonts = Arc::new(Fonts::load(&self.dirs(config))?);
        *loaded = Some((key, fonts.clone()));
        Ok(fonts)
    }

    /// The font folders and every font file in them: a font added, removed
    /// or replaced changes what a build prints.
    fn font_inputs(&self, config: &Config) -> Vec<PathBuf> {
        let dirs = self.dirs(config);
        let mut inputs = fonts::font_files(&dirs);
        inputs.extend(dirs);
        inputs
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(u128, Arc<Fonts>)>> {
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Why a session could not build.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    /// `bulletin.toml` or the publication's fonts cannot be used: no issue
    /// of the publication can be built.
    #[error(transparent)]
    Publication(BuildError),
    /// The issue itself cannot be built.
    #[error(transparent)]
    Issue(BuildError),
}

impl RebuildError {
    pub fn into_build_error(self) -> BuildError {
        match self {
            RebuildError::Publication(error) | RebuildError::Issue(error) => error,
        }
    }
}

/// One issue, built and rebuilt.
pub struct Session {
    /// The publication folder, and how messages name it.
    root: PathBuf,
    shown_root: PathBuf,
    pub file: IssueFile,
    fonts: FontCache,
    options: BuildOptions,
    /// `bulletin.toml` as the last build read it.
    config: Option<Config>,
    /// The last good build: its world serves the next one.
    last_good: Option<Built>,
    /// A world given back by a failed build when there is no good one.
    world: Option<crate::typeset::world::BulletinWorld>,
    /// Files the last layout read besides the issue (pictures, a layout).
    read_by_layout: Vec<PathBuf>,
    /// The fingerprint of the inputs the last build started from.
    built_from: Option<u128>,
    builds: u64,
}

impl Session {
    /// A session for `file` of `publication` (nothing is built yet).
    pub fn new(
        publication: &Publication,
        file: IssueFile,
        fonts: FontCache,
        options: BuildOptions,
    ) -> Self {
        Self::open(
            &publication.config.root,
            &publication.shown_root,
            Some(publication.config.clone()),
            file,
            fonts,
            options,
        )
    }

    /// A session for `file` of the publication in `root` (named
    /// `shown_root` in messages), whose `bulletin.toml` reads as `config`
    /// (`None`: it does not read now; the first build tells why).
    pub fn open(
        root: &Path,
        shown_root: &Path,
        config: Option<Config>,
        file: IssueFile,
        fonts: FontCache,
        options: BuildOptions,
    ) -> Self {
        Self {
            root: root.to_path_buf(),
            shown_root: shown_root.to_path_buf(),
            file,
            fonts,
            options,
            config,
            last_good: None,
            world: None,
            read_by_layout: Vec::new(),
            built_from: None,
            builds: 0,
        }
    }

    /// `bulletin.toml` as the last build read it (as the session was opened
    /// with, before any).
    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// The last good build, kept when later ones fail.
    pub fn last_good(&self) -> Option<&Built> {
        self.last_good.as_ref()
    }

    /// How many builds the session made, good or not.
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// Every file whose change calls for a rebuild: the issue,
    /// `bulletin.toml`, a layout of the publication's own, the pictures the
    /// issue names (also while they are missing, so that the one an error
    /// asked for is noticed), the font folders and their fonts, and
    /// whatever else the last layout read.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut files = match &self.config {
            Some(config) => inputs(config, &self.file.path, &self.fonts),
            None => vec![self.file.path.clone(), self.root.join(CONFIG_FILE)],
        };
        files.extend(self.read_by_layout.iter().cloned());
        files.sort();
        files.dedup();
        files
    }

    /// A digest of every input as it is now: the same digest, the same
    /// build.
    pub fn fingerprint(&self) -> u128 {
        fingerprint(&self.inputs())
    }

    /// Whether an input changed since the last build started (true before
    /// the first).
    pub fn changed(&self) -> bool {
        self.built_from != Some(self.fingerprint())
    }

    /// Reads every input again and lays the issue out, in the world of the
    /// last build where it can serve. A failure keeps the last good build.
    pub fn rebuild(&mut self) -> Result<&Built, RebuildError> {
        // Taken before anything is read, so that a change made during the
        // build calls for another.
        self.built_from = Some(self.fingerprint());
        self.builds += 1;
        // The first build uses bulletin.toml as the session was opened
        // with (just read); every later one reads it again.
        let opened_with = if self.builds == 1 {
            self.config.clone()
        } else {
            None
        };
        let config = match opened_with {
            Some(config) => config,
            None => Config::load(&self.root, &self.shown_root)
                .map_err(|error| RebuildError::Publication(BuildError::Input(error.into())))?,
        };
        let fonts = self.fonts.fonts(&config);
        self.config = Some(config);
        let config = self.config.as_ref().expect("just read");
        let fonts = fonts.map_err(|error| RebuildError::Publication(error.into()))?;
        let previous = self.last_good.take();
        let (world, previous) = match previous {
            Some(built) => {
                let Built {
                    issue,
                    world,
                    document,
                    warnings,
                    missing_glyphs,
                    timings,
                } = built;
                (
                    Some(world),
                    Some(move |world| Built {
                        issue,
                        world,
                        document,
                        warnings,
                        missing_glyphs,
                        timings,
                    }),
                )
            }
            None => (self.world.take(), None),
        };
        let result = build::lay_out_in(
            world,
            config,
            &self.file.path,
            &self.file.shown,
            fonts,
            &self.options,
        );
        match result {
            Ok(mut built) => {
                self.read_by_layout = built.world.files_read();
                Ok(self.last_good.insert(built))
            }
            Err(Failed { error, world }) => {
                match (previous, world) {
                    // The old pages stay good: they were laid out before.
                    (Some(previous), Some(world)) => self.last_good = Some(previous(*world)),
                    (_, world) => self.world = world.map(|world| *world),
                }
                Err(RebuildError::Issue(error))
            }
        }
    }
}

/// The files an issue's build reads before its layout runs: the issue,
/// `bulletin.toml`, a layout of the publication's own, the pictures the
/// issue names, the font folders and the fonts in them.
pub fn inputs(config: &Config, issue_path: &Path, fonts: &FontCache) -> Vec<PathBuf> {
    let root = &config.root;
    let mut files = vec![issue_path.to_path_buf(), root.join(CONFIG_FILE)];
    if let Some(layout) = &config.layout.file {
        files.push(root.join(layout));
    }
    files.extend(
        issue::named_images(issue_path)
            .into_iter()
            .map(|image| root.join(image)),
    );
    files.extend(fonts.font_inputs(config));
    files.sort();
    files.dedup();
    files
}

/// A digest of `files` as they are now: the content of the small text
/// files (the issue and `bulletin.toml` may be saved twice within a clock
/// tick), and of the others their size, times and identity.
pub fn fingerprint(files: &[PathBuf]) -> u128 {
    let parts: Vec<(&Path, Option<Vec<u8>>, Option<Stamp>)> = files
        .iter()
        .map(|path| {
            let stamp = Stamp::of(path);
            let text = path
                .extension()
                .is_some_and(|e| e == "toml")
                .then(|| std::fs::read(path).ok())
                .flatten();
            (path.as_path(), text, stamp)
        })
        .collect();
    typst::utils::hash128(&parts)
}

/// What a file is like on disk: a file with the same stamp is taken to be
/// unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// When the file itself last changed (a rename into place, a copy that
    /// kept an old modification time): never set back by a program.
    changed: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed: changed_at(&meta),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }
}

#[cfg(unix)]
fn changed_at(meta: &std::fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let seconds = u64::try_from(meta.ctime()).ok()?;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(std::time::Duration::new(seconds, nanos))
}

#[cfg(not(unix))]
fn changed_at(_meta: &std::fs::Metadata) -> Option<SystemTime> {
    None
}

/// Whether `out/` holds an issue's PDF, made after every file it is built
/// from last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PdfState {
    None,
    Stale,
    Fresh,
}

/// Whether the issue's PDF in `out/` was made before any of its inputs was
/// last modified (see [`inputs`]; a layout of the publication's own counts
/// with everything in its folder, which is where its own pictures live).
/// Modification times, as `make` reads them: a file put in place with an
/// older time than the PDF's is not noticed.
pub fn pdf_state(publication: &Publication, file: &IssueFile) -> PdfState {
    let (pdf, _) = publication.default_output(file.total);
    let Some(built) = Stamp::of(&pdf).and_then(|stamp| stamp.modified) else {
        return PdfState::None;
    };
    let config = &publication.config;
    let mut files = inputs(config, &file.path, &FontCache::default());
    if let Some(layout) = &config.layout.file
        && let Some(folder) = config.root.join(layout).parent()
    {
        // Not what the builds write, nor the issues (only this one counts).
        let out = config.root.join(crate::publication::OUT_DIR);
        let issues = file.path.parent().unwrap_or(&config.root).to_path_buf();
        files.extend(
            files_under(folder)
                .into_iter()
                .filter(|path| !path.starts_with(&out) && path.parent() != Some(&issues)),
        );
    }
    // A file gone (a picture deleted) is a change too: building again
    // would not make this PDF.
    let mut newest = None;
    for path in &files {
        match Stamp::of(path) {
            None => return PdfState::Stale,
            Some(stamp) => newest = newest.max(stamp.modified),
        }
    }
    match newest {
        Some(changed) if changed > built => PdfState::Stale,
        _ => PdfState::Fresh,
    }
}

/// The files under `folder`, searched recursively, each folder once.
fn files_under(folder: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) {
        let Ok(canonical) = dir.canonicalize() else {
            return;
        };
        if !seen.insert(canonical) || seen.len() > MAX_FOLDERS {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => walk(&path, files, seen),
                Ok(meta) if meta.is_file() => files.push(path),
                _ => {}
            }
        }
    }
    /// A layout's folder is small; the publication folder itself (a layout
    /// at its top) is searched no deeper than this many folders.
    const MAX_FOLDERS: usize = 64;
    let mut files = Vec::new();
    walk(folder, &mut files, &mut HashSet::new());
    files
}
