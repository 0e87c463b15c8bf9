//! Waiting for the editor's next save of any file a build read.
//!
//! The folders of the files are watched, not the files: many editors save
//! by writing a new file and renaming it over the old one, which a watch on
//! the old file would lose. A save counts once its writer is done — the
//! file closed after writing, or renamed into place — and nothing else
//! happened to the watched files for a moment; a file still open for
//! writing (or a system that does not report closing) gets longer. Whether
//! a save changed anything is told by the files' stamps (time, size, file),
//! so the tool's own reads, other files in the same folders and an editor's
//! swap files never cause a rebuild.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet after the last event before a save counts as done, when every
/// changed file was closed or renamed into place.
const QUIET: Duration = Duration::from_millis(10);
/// The same while a changed file may still be open for writing.
const QUIET_WRITING: Duration = Duration::from_millis(100);
/// How long a watched file may be gone (an editor replacing it) before the
/// rebuild goes ahead and reports it missing; also the longest a stream of
/// events can put off a rebuild.
const PATIENCE: Duration = Duration::from_millis(1000);
/// How often folders that do not exist yet are looked for.
const POLL: Duration = Duration::from_millis(300);

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {}: {error}{}", .folder.display(), hint(.error))]
    Folder {
        folder: PathBuf,
        error: notify::Error,
    },
    #[error("watching files failed: {0}")]
    Events(notify::Error),
    #[error("cannot watch files: {0}")]
    Start(notify::Error),
}

fn hint(error: &notify::Error) -> &'static str {
    match error.kind {
        notify::ErrorKind::MaxFilesWatch => {
            " (the system's limit of watched folders is reached: close other programs that \
             watch files, or raise fs.inotify.max_user_watches)"
        }
        _ => "",
    }
}

/// What a file was like: a change shows as a different stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    /// Another file put in its place (a save by renaming) may keep the
    /// time and size.
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    /// `None` for a file that is not there.
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }
}

/// Files and what they were like when a build read them.
#[derive(Debug, Clone, Default)]
pub struct Stamps(BTreeMap<PathBuf, Option<Stamp>>);

impl Stamps {
    /// The files as they are now.
    pub fn of(files: &[PathBuf]) -> Self {
        Self(
            files
                .iter()
                .map(|file| (file.clone(), Stamp::of(file)))
                .collect(),
        )
    }

    /// Exactly `files`: those stamped here keep their stamp (taken before
    /// a build read them, so that a save during the build counts), the
    /// others are stamped now.
    pub fn with(mut self, files: &[PathBuf]) -> Self {
        Self(
            files
                .iter()
                .map(|file| {
                    let stamp = self.0.remove(file).unwrap_or_else(|| Stamp::of(file));
                    (file.clone(), stamp)
                })
                .collect(),
        )
    }

    /// Some file differs from its stamp.
    pub fn changed(&self) -> bool {
        self.0.iter().any(|(file, stamp)| Stamp::of(file) != *stamp)
    }

    /// Some file that was there is gone.
    fn gone(&self) -> bool {
        self.0
            .iter()
            .any(|(file, stamp)| stamp.is_some() && !file.exists())
    }

    fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.0.keys()
    }
}

/// Watches the folders of the files the last build read.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// Folders being watched.
    folders: BTreeSet<PathBuf>,
    /// Folders of watched files that do not exist (yet).
    missing: BTreeSet<PathBuf>,
    /// The watched files under every name an event may give them.
    names: HashSet<PathBuf>,
    /// The watched files as built.
    built: Stamps,
}

impl Watcher {
    pub fn new() -> Result<Self, WatchError> {
        let (sender, events) = std::sync::mpsc::channel();
        let watcher = RecommendedWatcher::new(sender, notify::Config::default())
            .map_err(WatchError::Start)?;
        Ok(Self {
            watcher,
            events,
            folders: BTreeSet::new(),
            missing: BTreeSet::new(),
            names: HashSet::new(),
            built: Stamps::default(),
        })
    }

    /// From now on watches the files of `built` (and no others), each
    /// against its stamp.
    pub fn watch(&mut self, built: Stamps) -> Result<(), WatchError> {
        let mut folders = BTreeSet::new();
        self.names.clear();
        for file in built.files() {
            for name in names(file) {
                if let Some(folder) = name.parent() {
                    folders.insert(folder.to_path_buf());
                }
                self.names.insert(name);
            }
        }
        for gone in self.folders.difference(&folders) {
            // It may have been deleted, and the watch with it.
            let _ = self.watcher.unwatch(gone);
        }
        self.folders.retain(|folder| folders.contains(folder));
        self.missing.clear();
        for folder in folders {
            self.add(folder)?;
        }
        self.built = built;
        Ok(())
    }

    /// Watches `folder`, or looks for it from time to time when it is not
    /// there.
    fn add(&mut self, folder: PathBuf) -> Result<(), WatchError> {
        if self.folders.contains(&folder) {
            return Ok(());
        }
        if !folder.is_dir() {
            self.missing.insert(folder);
            return Ok(());
        }
        match self.watcher.watch(&folder, RecursiveMode::NonRecursive) {
            Ok(()) => {
                self.folders.insert(folder);
                Ok(())
            }
            // Gone between the look and the watch.
            Err(error) if matches!(error.kind, notify::ErrorKind::PathNotFound) => {
                self.missing.insert(folder);
                Ok(())
            }
            Err(error) => Err(WatchError::Folder { folder, error }),
        }
    }

    /// Returns once a watched file differs from what was built and whoever
    /// wrote it is done.
    pub fn wait(&mut self) -> Result<(), WatchError> {
        loop {
            // A save during the build: its events are waiting already.
            let mut writing = BTreeSet::new();
            if !self.built.changed()
                && let Some(event) = self.next_event()?
            {
                self.follow(&event, &mut writing);
            }
            self.settle(writing)?;
            if self.built.changed() {
                return Ok(());
            }
        }
    }

    /// Waits for an event that concerns a watched file, or for a missing
    /// folder to appear (`None`).
    fn next_event(&mut self) -> Result<Option<notify::Event>, WatchError> {
        loop {
            let event = if self.missing.is_empty() {
                self.events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                self.events.recv_timeout(POLL)
            };
            match event {
                Ok(event) => {
                    let event = event.map_err(WatchError::Events)?;
                    if self.concerns(&event) {
                        return Ok(Some(event));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if self.look_for_missing()? {
                        return Ok(None);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(WatchError::Events(notify::Error::generic(
                        "the watcher stopped",
                    )));
                }
            }
        }
    }

    /// Watches the missing folders that are there now; true if any was.
    fn look_for_missing(&mut self) -> Result<bool, WatchError> {
        let appeared: Vec<PathBuf> = self
            .missing
            .iter()
            .filter(|folder| folder.is_dir())
            .cloned()
            .collect();
        for folder in &appeared {
            self.missing.remove(folder);
            self.add(folder.clone())?;
        }
        Ok(!appeared.is_empty())
    }

    /// Takes the events that follow, until the watched files have been
    /// quiet for a moment (longer while one may be half written or is
    /// gone), or for [`PATIENCE`] at most. `writing`: the watched files
    /// being written, as far as the events so far tell.
    fn settle(&mut self, mut writing: BTreeSet<PathBuf>) -> Result<(), WatchError> {
        let started = Instant::now();
        loop {
            let quiet = if !writing.is_empty() || !closes_reported() || self.built.gone() {
                QUIET_WRITING
            } else {
                QUIET
            };
            let left = PATIENCE.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Ok(());
            }
            match self.events.recv_timeout(quiet.min(left)) {
                Ok(event) => {
                    let event = event.map_err(WatchError::Events)?;
                    if self.concerns(&event) {
                        self.follow(&event, &mut writing);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    // A file an editor removed to put another in its place
                    // gets time to come back.
                    if !self.built.gone() {
                        return Ok(());
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
    }

    /// Keeps `writing` (the watched files being written) up to date.
    fn follow(&self, event: &notify::Event, writing: &mut BTreeSet<PathBuf>) {
        let watched = event.paths.iter().filter(|path| self.names.contains(*path));
        match event.kind {
            EventKind::Create(CreateKind::File | CreateKind::Any)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
                writing.extend(watched.cloned());
            }
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_)) => {
                // Closed, gone, or renamed into place (whole).
                for path in watched {
                    writing.remove(path);
                }
            }
            _ => {}
        }
    }

    /// The event may have changed a watched file.
    fn concerns(&self, event: &notify::Event) -> bool {
        let kind = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        event.need_rescan() || kind && event.paths.iter().any(|path| self.names.contains(path))
    }
}

/// Whether the system says when a file written to is closed (only Linux's
/// inotify does, of the systems `notify` serves).
fn closes_reported() -> bool {
    cfg!(any(target_os = "linux", target_os = "android"))
}

/// The paths under which events may name `file`: as given (made absolute),
/// through its folder's real path, and, for a link, its target.
fn names(file: &Path) -> Vec<PathBuf> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let mut names = vec![file.clone()];
    if let (Some(folder), Some(name)) = (file.parent(), file.file_name())
        && let Ok(real) = folder.canonicalize()
    {
        names.push(real.join(name));
    }
    if let Ok(target) = file.canonicalize() {
        names.push(target);
    }
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_see_a_file_changed_replaced_created_or_removed() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("74.toml");
        let later = folder.path().join("75.toml");
        std::fs::write(&file, "a").unwrap();
        let stamps = Stamps::of(&[file.clone(), later.clone()]);
        assert!(!stamps.changed(), "nothing changed yet");

        std::fs::write(&later, "new").unwrap();
        assert!(stamps.changed(), "a file that was missing is there");
        let stamps = Stamps::of(&[file.clone(), later.clone()]);

        // Replaced by a file of the same size and time: another inode.
        let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
        let new = folder.path().join("74.toml.new");
        std::fs::write(&new, "b").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&new)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        std::fs::rename(&new, &file).unwrap();
        assert!(stamps.changed(), "a file replaced");
        let stamps = Stamps::of(&[file.clone(), later.clone()]);

        std::fs::remove_file(&later).unwrap();
        assert!(stamps.changed(), "a file removed");
        assert!(stamps.gone());
    }

    #[test]
    fn stamps_with_keep_the_earlier_stamps() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        let image = folder.path().join("photo.png");
        std::fs::write(&issue, "a").unwrap();
        let before = Stamps::of(std::slice::from_ref(&issue));
        // Saved during the build, which then read a picture too.
        std::fs::write(&issue, "ab").unwrap();
        std::fs::write(&image, "png").unwrap();
        let built = before.with(&[issue.clone(), image.clone()]);
        assert!(built.changed(), "the save during the build counts");
        assert_eq!(built.files().count(), 2);
        let again = Stamps::of(&[issue, image]);
        assert!(!again.changed());
    }

    #[test]
    fn wait_returns_for_a_save_made_during_the_build() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "a").unwrap();
        let before = Stamps::of(std::slice::from_ref(&issue));
        std::fs::write(&issue, "ab").unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher
            .watch(before.with(std::slice::from_ref(&issue)))
            .unwrap();
        // Returns at once: no event needed.
        watcher.wait().unwrap();
    }

    #[test]
    fn wait_returns_for_a_save_and_not_for_a_file_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "a").unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher
            .watch(Stamps::of(std::slice::from_ref(&issue)))
            .unwrap();
        let beside = folder.path().join("75.toml");
        let saving = std::thread::spawn(move || {
            std::fs::write(beside, "other").unwrap();
            std::thread::sleep(Duration::from_millis(300));
            std::fs::write(&issue, "ab").unwrap();
            Instant::now()
        });
        watcher.wait().unwrap();
        let returned = Instant::now();
        let saved = saving.join().unwrap();
        assert!(
            returned >= saved,
            "wait returned before the issue was saved"
        );
    }

    #[test]
    fn a_link_is_known_by_its_own_name_and_its_target() {
        let folder = tempfile::tempdir().unwrap();
        let real = folder.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("74.toml"), "").unwrap();
        let file = folder.path().join("74.toml");
        #[cfg(unix)]
        std::os::unix::fs::symlink(real.join("74.toml"), &file).unwrap();
        #[cfg(not(unix))]
        std::fs::write(&file, "").unwrap();
        let names = names(&file);
        assert!(names.contains(&std::path::absolute(&file).unwrap()));
        #[cfg(unix)]
        assert!(names.contains(&real.join("74.toml").canonicalize().unwrap()));
    }
}
