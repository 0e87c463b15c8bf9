//! Waiting for the editor's next save of any file a build uses.
//!
//! The folders of the files are watched, not the files: many editors save
//! by writing a new file and renaming it over the old one, which a watch on
//! the old file would lose. A save counts once its writer is done — the
//! file closed after writing, or renamed into place — and nothing else
//! happened to the watched files for a moment (on systems that do not
//! report closing, a longer moment). It calls for a rebuild only if a
//! file's content differs from what the build used: the tool's own reads,
//! other files in the same folders, an editor's swap files and a save of
//! unchanged text build nothing. The files are also looked at every second
//! (every 0.3 s while a folder is missing or cannot be watched), for what
//! the system did not report.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use crate::t;
use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet after the last event before a save counts as done, when every
/// changed file was closed or renamed into place.
const QUIET: Duration = Duration::from_millis(10);
/// The same where nothing tells that the writer is done: on systems that do
/// not report a file closed after writing, while a watched file is gone
/// (an editor replacing it), and for changes no event reported.
const QUIET_LONGER: Duration = Duration::from_millis(100);
/// The longest a save may take: a file still open for writing, or gone,
/// after this long is built as it is (and reported if missing).
const PATIENCE: Duration = Duration::from_millis(1000);
/// How far file times may lag the clock (coarse file system times).
const TIME_MARGIN: Duration = Duration::from_secs(2);
/// How often the files are looked at without any event.
const CHECK: Duration = Duration::from_millis(1000);
/// The same while a folder is missing or cannot be watched.
const CHECK_UNWATCHED: Duration = Duration::from_millis(300);

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("{}", t!("watch-events-failed", error = .0.to_string()))]
    Events(notify::Error),
    #[error("{}", t!("watch-cannot-start", error = .0.to_string()))]
    Start(notify::Error),
}

/// What a file was like: a file with the same stamp is taken to be
/// unchanged unless an event says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    File {
        modified: Option<SystemTime>,
        len: u64,
        /// Another file put in its place (a save by renaming) may keep the
        /// time and size.
        #[cfg(unix)]
        inode: u64,
    },
    /// A folder, a device, a pipe…: the build refuses it, and only whether
    /// it is there matters (it is never read).
    NotAFile,
}

impl Stamp {
    /// `None` for a file that is not there.
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return Some(Self::NotAFile);
        }
        Some(Self::File {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }
}

/// A watched file as a build used it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    /// Its stamp (when last seen unchanged).
    stamp: Option<Stamp>,
    /// A digest of its content (`None`: not a file, or unreadable).
    digest: Option<u64>,
}

/// Files as they were before a build read them, and when that was.
#[derive(Debug, Clone)]
pub struct Snapshot {
    files: BTreeMap<PathBuf, Seen>,
    taken: SystemTime,
}

/// Where a folder is: the same path may later name another folder (one
/// deleted and made again), which needs watching anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId {
    #[cfg(unix)]
    device_and_inode: (u64, u64),
    #[cfg(not(unix))]
    created: Option<SystemTime>,
}

impl FolderId {
    fn of(folder: &Path) -> Option<Self> {
        let meta = std::fs::metadata(folder)
            .ok()
            .filter(|meta| meta.is_dir())?;
        Some(Self {
            #[cfg(unix)]
            device_and_inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
            #[cfg(not(unix))]
            created: meta.created().ok(),
        })
    }
}

/// Watches the folders of the files the last build used.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// The files, as the build used them.
    files: BTreeMap<PathBuf, Seen>,
    /// Each name an event may give a watched file, and the files it is
    /// (the same file may be watched under two paths).
    names: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// Folders being watched, and which folder each was.
    folders: BTreeMap<PathBuf, FolderId>,
    /// Folders of watched files that are not watched: missing (yet), or
    /// refused (their files are looked at more often instead).
    unwatched: BTreeSet<PathBuf>,
    /// Folders already reported as refused, not to repeat the warning.
    refused: BTreeSet<PathBuf>,
    /// Content digests by file and stamp: an unchanged picture is read
    /// once, not before every build.
    digests: HashMap<PathBuf, (Stamp, u64)>,
    /// Files the build found (a layout's import, say) that changed about
    /// the time it read them: built again, to be sure.
    doubtful: BTreeSet<PathBuf>,
    /// How often the files are looked at without any event (tests turn
    /// it off to see that events alone suffice).
    check_every: Option<Duration>,
}

impl Watcher {
    pub fn new() -> Result<Self, WatchError> {
        let (sender, events) = std::sync::mpsc::channel();
        // The interval only matters where `notify` falls back to polling.
        let config = notify::Config::default().with_poll_interval(CHECK_UNWATCHED);
        let watcher = RecommendedWatcher::new(sender, config).map_err(WatchError::Start)?;
        Ok(Self {
            watcher,
            events,
            files: BTreeMap::new(),
            names: HashMap::new(),
            folders: BTreeMap::new(),
            unwatched: BTreeSet::new(),
            refused: BTreeSet::new(),
            digests: HashMap::new(),
            doubtful: BTreeSet::new(),
            check_every: Some(CHECK),
        })
    }

    /// The files as they are now, before a build reads them: what the
    /// build then uses (unless saved meanwhile, which [`Watcher::wait`]
    /// sees).
    pub fn snapshot(&mut self, files: &[PathBuf]) -> Snapshot {
        Snapshot {
            taken: SystemTime::now(),
            files: files
                .iter()
                .map(|file| (file.clone(), self.seen(file)))
                .collect(),
        }
    }

    fn seen(&mut self, file: &Path) -> Seen {
        let stamp = Stamp::of(file);
        let digest = stamp.and_then(|stamp| self.digest(file, stamp));
        Seen { stamp, digest }
    }

    /// From now on watches exactly `files`: those in `before` against what
    /// they were then, the others (found by the build, e.g. a picture the
    /// layout printed) as they are now. Returns warnings for folders that
    /// cannot be watched (their files are looked at every 0.3 s instead).
    pub fn watch(&mut self, before: Snapshot, files: &[PathBuf]) -> Vec<String> {
        let Snapshot {
            files: mut known,
            taken,
        } = before;
        self.doubtful.clear();
        self.files = files
            .iter()
            .map(|file| {
                let seen = known.remove(file).unwrap_or_else(|| {
                    // Found by the build: what it read is not known. Changed
                    // since the snapshot, it may have changed after the
                    // build read it.
                    // (A file that is missing, or not a file, was not
                    // read: its coming is a change like any other.)
                    let seen = self.seen(file);
                    // Times of some file systems are coarse (FAT: 2 s),
                    // and the kernel's clock lags a little: a margin.
                    let since = taken.checked_sub(TIME_MARGIN).unwrap_or(taken);
                    if let Some(Stamp::File {
                        modified: Some(modified),
                        ..
                    }) = seen.stamp
                        && modified >= since
                    {
                        self.doubtful.insert(file.clone());
                    }
                    seen
                });
                (file.clone(), seen)
            })
            .collect();
        self.digests.retain(|file, _| self.files.contains_key(file));
        self.refresh()
    }

    /// Watches the folders the files are in now, under the names events
    /// will give them; a folder made again since it was watched is
    /// watched anew.
    fn refresh(&mut self) -> Vec<String> {
        self.names.clear();
        let mut wanted = BTreeSet::new();
        for file in self.files.keys() {
            for name in names(file) {
                if let Some(folder) = name.parent() {
                    wanted.insert(folder.to_path_buf());
                }
                self.names.entry(name).or_default().insert(file.clone());
            }
        }
        let outdated: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|(folder, id)| !wanted.contains(*folder) || FolderId::of(folder) != Some(**id))
            .map(|(folder, _)| folder.clone())
            .collect();
        for folder in outdated {
            self.forget(&folder);
        }
        self.unwatched.clear();
        let mut warnings = Vec::new();
        for folder in wanted {
            if !self.folders.contains_key(&folder) {
                warnings.extend(self.add(folder));
            }
        }
        warnings
    }

    /// Stops watching `folder` (it may be gone, and its watch with it).
    fn forget(&mut self, folder: &Path) {
        let _ = self.watcher.unwatch(folder);
        self.folders.remove(folder);
    }

    /// Watches `folder`; one that is not there, or cannot be watched, is
    /// looked at from time to time instead (the latter with a warning,
    /// once).
    fn add(&mut self, folder: PathBuf) -> Option<String> {
        let Some(id) = FolderId::of(&folder) else {
            self.unwatched.insert(folder);
            return None;
        };
        match self.watcher.watch(&folder, RecursiveMode::NonRecursive) {
            Ok(()) => {
                self.refused.remove(&folder);
                self.folders.insert(folder, id);
                None
            }
            Err(error) => {
                let warning = (folder.is_dir() && self.refused.insert(folder.clone())).then(|| {
                    t!(
                        "watch-folder-polled",
                        folder = folder.display(),
                        error = error.to_string(),
                        seconds = format!("{:.1}", CHECK_UNWATCHED.as_secs_f64()),
                        hint = hint(&error)
                    )
                });
                self.unwatched.insert(folder);
                warning
            }
        }
    }

    /// Returns once a watched file differs from what the build used and
    /// whoever wrote it is done. Warnings (folders that cannot be watched)
    /// go to `warn`.
    pub fn wait(&mut self, warn: &mut dyn FnMut(String)) -> Result<(), WatchError> {
        // Saved while the build read it: the save's events may still come.
        if !self.doubtful.is_empty() || self.changed(&BTreeSet::new()) {
            self.settle(Batch::default(), warn)?;
            return Ok(());
        }
        let mut looked = Instant::now();
        loop {
            // Asked each time: a folder may have gone meanwhile.
            let event = match self.look_every() {
                Some(every) => self
                    .events
                    .recv_timeout((looked + every).saturating_duration_since(Instant::now())),
                None => self
                    .events
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
            };
            match event {
                Ok(event) => {
                    let event = event.map_err(WatchError::Events)?;
                    self.note_folders(&event, warn);
                    if self.concerns(&event) {
                        let mut batch = Batch::default();
                        self.follow(&event, &mut batch);
                        let batch = self.settle(batch, warn)?;
                        if self.changed(&batch.touched) {
                            return Ok(());
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    // What the system may not have said.
                    self.refresh().into_iter().for_each(&mut *warn);
                    if self.changed(&BTreeSet::new()) {
                        let unreported = Batch {
                            unreported: true,
                            ..Batch::default()
                        };
                        self.settle(unreported, warn)?;
                        return Ok(());
                    }
                    looked = Instant::now();
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(WatchError::Events(notify::Error::generic(
                        "the watcher stopped",
                    )));
                }
            }
        }
    }

    /// How often to look at the files without an event (never: only
    /// with checks off and every folder watched).
    fn look_every(&self) -> Option<Duration> {
        if self.unwatched.is_empty() {
            self.check_every
        } else {
            Some(CHECK_UNWATCHED)
        }
    }

    /// Takes the events that follow, until the watched files have been
    /// quiet for a moment, and returns what they did. A file open for
    /// writing (where the system reports its closing) or gone is waited
    /// for, up to [`PATIENCE`]; a change no event reported, until the files
    /// keep still.
    fn settle(
        &mut self,
        mut batch: Batch,
        warn: &mut dyn FnMut(String),
    ) -> Result<Batch, WatchError> {
        let started = Instant::now();
        let mut stamps = self.stamps();
        loop {
            let gone = self.gone();
            // Files in a folder that is not watched tell nothing.
            let unreported = batch.unreported || !self.unwatched.is_empty();
            let quiet = if closes_reported() && !batch.writing.is_empty() {
                PATIENCE
            } else if !closes_reported() || gone || unreported {
                QUIET_LONGER
            } else {
                QUIET
            };
            let left = PATIENCE.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Ok(batch);
            }
            match self.events.recv_timeout(quiet.min(left)) {
                Ok(event) => {
                    let event = event.map_err(WatchError::Events)?;
                    self.note_folders(&event, warn);
                    if self.concerns(&event) {
                        self.follow(&event, &mut batch);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    // Looked at again: a file may have gone meanwhile.
                    let now = self.stamps();
                    let still = !unreported || now == stamps;
                    if (still && !self.gone()) || left <= quiet {
                        return Ok(batch);
                    }
                    stamps = now;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(batch),
            }
        }
    }

    /// The watched files' stamps now.
    fn stamps(&self) -> Vec<Option<Stamp>> {
        self.files.keys().map(|file| Stamp::of(file)).collect()
    }

    /// Notes what `event` did to the watched files.
    fn follow(&self, event: &notify::Event, batch: &mut Batch) {
        let files: Vec<&PathBuf> = event
            .paths
            .iter()
            .filter_map(|path| self.names.get(path))
            .flatten()
            .collect();
        batch
            .touched
            .extend(files.iter().map(|file| (*file).clone()));
        match event.kind {
            EventKind::Create(CreateKind::File | CreateKind::Any)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
                batch.writing.extend(files.into_iter().cloned());
            }
            // Closed, gone, or renamed into place (whole).
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_)) => {
                for file in files {
                    batch.writing.remove(file);
                }
            }
            _ => {}
        }
        if event.need_rescan() {
            batch.touched.extend(self.files.keys().cloned());
            batch.unreported = true;
        }
    }

    /// The event may have changed a watched file.
    fn concerns(&self, event: &notify::Event) -> bool {
        let kind = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        event.need_rescan() || kind && event.paths.iter().any(|path| self.names.contains_key(path))
    }

    /// A watched folder (or one above a watched folder) removed or renamed
    /// loses its watch, even if a folder of the same name comes back (with
    /// the same inode, as file systems may give it): watched anew.
    fn note_folders(&mut self, event: &notify::Event, warn: &mut dyn FnMut(String)) {
        let moved = matches!(
            event.kind,
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        if !moved && !event.need_rescan() {
            return;
        }
        // Events were lost (the queue overflowed): every watch is suspect.
        let lost: Vec<PathBuf> = self
            .folders
            .keys()
            .filter(|folder| {
                event.need_rescan() || event.paths.iter().any(|path| folder.starts_with(path))
            })
            .cloned()
            .collect();
        if lost.is_empty() {
            return;
        }
        for folder in &lost {
            self.forget(folder);
        }
        self.refresh().into_iter().for_each(warn);
    }

    /// Some file that the build used is gone.
    fn gone(&self) -> bool {
        self.files
            .iter()
            .any(|(file, seen)| seen.stamp.is_some() && !file.exists())
    }

    /// Some file differs from what the build used. Files whose stamp is
    /// unchanged are only read when an event `touched` them (a file system
    /// that keeps times to the second or two may hide a quick save).
    fn changed(&mut self, touched: &BTreeSet<PathBuf>) -> bool {
        let files: Vec<PathBuf> = self.files.keys().cloned().collect();
        for file in files {
            let seen = self.files[&file];
            let now = Stamp::of(&file);
            if now == seen.stamp && !touched.contains(&file) {
                continue;
            }
            let digest = match now {
                None | Some(Stamp::NotAFile) => {
                    // Only being there, and what it is, count.
                    if now != seen.stamp {
                        return true;
                    }
                    continue;
                }
                // Read again when an event named it: the stamp may hide a
                // save.
                Some(stamp) if touched.contains(&file) => self.read_digest(&file, stamp),
                Some(stamp) => self.digest(&file, stamp),
            };
            if digest.is_none() || digest != seen.digest {
                return true;
            }
            // Saved with the same content: nothing to build.
            if let Some(entry) = self.files.get_mut(&file) {
                entry.stamp = now;
            }
        }
        false
    }

    /// A digest of the file's content, reused while its stamp stays.
    fn digest(&mut self, file: &Path, stamp: Stamp) -> Option<u64> {
        if let Some((known, digest)) = self.digests.get(file)
            && *known == stamp
        {
            return Some(*digest);
        }
        self.read_digest(file, stamp)
    }

    /// A digest of the content of the file (a regular file only: a pipe
    /// or a device named as a picture is never read), as it is now.
    fn read_digest(&mut self, file: &Path, stamp: Stamp) -> Option<u64> {
        let Stamp::File { .. } = stamp else {
            return None;
        };
        let mut reader = std::fs::File::open(file).ok()?;
        if !reader.metadata().ok()?.is_file() {
            return None;
        }
        let mut hasher = std::hash::DefaultHasher::new();
        let mut chunk = vec![0; 64 * 1024];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => hasher.write(&chunk[..n]),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        let digest = hasher.finish();
        // Only when the file did not change while it was read.
        if Stamp::of(file) == Some(stamp) {
            self.digests.insert(file.to_path_buf(), (stamp, digest));
        }
        Some(digest)
    }
}

fn hint(error: &notify::Error) -> String {
    match error.kind {
        notify::ErrorKind::MaxFilesWatch => t!("watch-limit-hint"),
        _ => String::new(),
    }
}

/// What the events of one save did.
#[derive(Debug, Default)]
struct Batch {
    /// The watched files the events named.
    touched: BTreeSet<PathBuf>,
    /// Those written to and not yet closed.
    writing: BTreeSet<PathBuf>,
    /// Changes no event (or an overflowing queue of them) reported: the
    /// files must keep still.
    unreported: bool,
}

/// Whether the system says when a file written to is closed (only Linux's
/// inotify does, of the systems `notify` serves).
fn closes_reported() -> bool {
    cfg!(any(target_os = "linux", target_os = "android"))
}

/// One name for a file, whichever path led to it: in its folder's real
/// path (the file itself may be a link, which stays one). Two paths to one
/// file watched as two would each look new to a build.
pub fn one_name(file: &Path) -> PathBuf {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    match (file.parent(), file.file_name()) {
        (Some(folder), Some(name)) => folder
            .canonicalize()
            .map(|real| real.join(name))
            .unwrap_or(file),
        _ => file,
    }
}

/// The paths under which events name `file`: in its folder's real path
/// (where a folder is watched once, whatever path led to it), and, for a
/// link, its target's.
fn names(file: &Path) -> Vec<PathBuf> {
    let mut names = vec![one_name(file)];
    if let Ok(target) = file.canonicalize()
        && !names.contains(&target)
    {
        names.push(target);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `wait` on another thread: Ok if it returned within `limit`.
    fn wait_within(mut watcher: Watcher, limit: Duration) -> Result<Watcher, String> {
        let (done, returned) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = watcher.wait(&mut |warning| panic!("warning: {warning}"));
            let _ = done.send((result, watcher));
        });
        match returned.recv_timeout(limit) {
            Ok((Ok(()), watcher)) => Ok(watcher),
            Ok((Err(error), _)) => Err(format!("wait failed: {error}")),
            Err(_) => Err(format!("wait did not return within {limit:?}")),
        }
    }

    /// A watcher of `files` as they are, told only by events: no look at
    /// the files every second, which would hide a lost watch.
    fn watching(files: &[PathBuf]) -> Watcher {
        let mut watcher = Watcher::new().unwrap();
        watcher.check_every = None;
        let now = watcher.snapshot(files);
        let warnings = watcher.watch(now, files);
        assert!(warnings.is_empty(), "{warnings:?}");
        watcher
    }

    /// Does `change` on another thread after a moment (so that `wait` is
    /// waiting), and returns when it began.
    fn after_a_moment(change: impl FnOnce() + Send + 'static) -> std::thread::JoinHandle<Instant> {
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            let began = Instant::now();
            change();
            began
        })
    }

    #[test]
    fn wait_returns_at_once_for_a_save_made_during_the_build() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "a").unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher.check_every = None;
        let before = watcher.snapshot(std::slice::from_ref(&issue));
        // The build reads the file; the editor saves meanwhile.
        std::fs::write(&issue, "ab").unwrap();
        watcher.watch(before, std::slice::from_ref(&issue));
        wait_within(watcher, Duration::from_secs(10)).unwrap();
    }

    #[test]
    fn a_file_the_build_found_and_that_changed_meanwhile_is_built_again() {
        let folder = tempfile::tempdir().unwrap();
        let layout = folder.path().join("custom.typ");
        let part = folder.path().join("parts.typ");
        std::fs::write(&layout, "#import \"parts.typ\"").unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher.check_every = None;
        let before = watcher.snapshot(std::slice::from_ref(&layout));
        // The build reads parts.typ, which the designer saves meanwhile.
        std::fs::write(&part, "#let x = 1").unwrap();
        watcher.watch(before, &[layout.clone(), part.clone()]);
        wait_within(watcher, Duration::from_secs(10)).unwrap();

        // Found by a build long after it last changed: nothing to do.
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&part)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher.check_every = None;
        let before = watcher.snapshot(std::slice::from_ref(&layout));
        watcher.watch(before, &[layout, part]);
        assert!(watcher.doubtful.is_empty());
        assert!(wait_within(watcher, Duration::from_millis(500)).is_err());
    }

    #[test]
    fn wait_returns_for_a_save_and_not_for_a_file_beside_it() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "a").unwrap();
        let watcher = watching(std::slice::from_ref(&issue));
        std::fs::write(folder.path().join("75.toml"), "other").unwrap();
        match wait_within(watcher, Duration::from_millis(1500)) {
            Ok(_) => panic!("wait returned for another file"),
            Err(message) => assert!(message.contains("did not return"), "{message}"),
        }

        let watcher = watching(std::slice::from_ref(&issue));
        let saving = after_a_moment(move || std::fs::write(&issue, "ab").unwrap());
        wait_within(watcher, Duration::from_secs(10)).unwrap();
        saving.join().unwrap();
    }

    #[test]
    fn a_save_that_changes_nothing_is_not_a_change() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "same").unwrap();
        let mut watcher = watching(std::slice::from_ref(&issue));
        std::fs::write(folder.path().join("74.toml.new"), "same").unwrap();
        std::fs::rename(folder.path().join("74.toml.new"), &issue).unwrap();
        let touched = BTreeSet::from([issue.clone()]);
        assert!(!watcher.changed(&touched), "the same text again");
        std::fs::write(&issue, "new!").unwrap();
        assert!(watcher.changed(&touched), "new text of the same size");
    }

    #[test]
    fn a_quick_save_that_keeps_time_and_size_is_seen_through_its_event() {
        // As on a file system that keeps times to the second.
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "一").unwrap();
        let modified = std::fs::metadata(&issue).unwrap().modified().unwrap();
        let mut watcher = watching(std::slice::from_ref(&issue));
        let mut file = std::fs::File::options().write(true).open(&issue).unwrap();
        std::io::Write::write_all(&mut file, "二".as_bytes()).unwrap();
        file.set_modified(modified).unwrap();
        drop(file);
        assert!(watcher.changed(&BTreeSet::from([issue])), "the event tells");
    }

    #[test]
    fn files_appearing_changing_and_going_are_changes() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        let picture = folder.path().join("images/photo.png");
        std::fs::write(&issue, "a").unwrap();
        let mut watcher = watching(&[issue.clone(), picture.clone()]);
        assert!(!watcher.changed(&BTreeSet::new()));
        assert_eq!(watcher.unwatched.len(), 1, "images/ is looked for");

        std::fs::create_dir(folder.path().join("images")).unwrap();
        std::fs::write(&picture, "png").unwrap();
        assert!(
            watcher.changed(&BTreeSet::new()),
            "a missing picture is there"
        );

        let mut watcher = watching(&[issue.clone(), picture.clone()]);
        assert!(watcher.unwatched.is_empty());
        std::fs::remove_file(&issue).unwrap();
        assert!(watcher.gone());
        assert!(watcher.changed(&BTreeSet::new()), "the issue is gone");
    }

    #[test]
    fn what_is_not_a_file_is_never_read() {
        let folder = tempfile::tempdir().unwrap();
        let named = folder.path().join("images");
        std::fs::create_dir(&named).unwrap();
        let mut watcher = watching(std::slice::from_ref(&named));
        // Files come and go in the folder named as a picture.
        std::fs::write(named.join("a.swp"), "swap").unwrap();
        assert!(!watcher.changed(&BTreeSet::from([named.clone()])));
        std::fs::remove_dir_all(&named).unwrap();
        assert!(watcher.changed(&BTreeSet::new()), "gone");

        #[cfg(unix)]
        {
            // A pipe would block a read for ever.
            let pipe = folder.path().join("pipe.png");
            let made = std::process::Command::new("mkfifo").arg(&pipe).status();
            if made.is_ok_and(|status| status.success()) {
                let mut watcher = watching(std::slice::from_ref(&pipe));
                assert!(!watcher.changed(&BTreeSet::from([pipe])));
            }
        }
    }

    #[test]
    fn a_folder_made_again_is_watched_again() {
        let folder = tempfile::tempdir().unwrap();
        let images = folder.path().join("images");
        std::fs::create_dir(&images).unwrap();
        let picture = images.join("photo.png");
        std::fs::write(&picture, "png").unwrap();

        // Three times, as file systems may give the new folder the old
        // one's inode.
        for round in 0..3 {
            let watcher = watching(std::slice::from_ref(&picture));
            let (folder, picture) = (images.clone(), picture.clone());
            let was = std::fs::read(&picture).unwrap();
            // Deleted and restored as it was: nothing to build; then the
            // picture changes in the new folder. Only events tell.
            let saving = after_a_moment(move || {
                std::fs::remove_dir_all(&folder).unwrap();
                std::fs::create_dir(&folder).unwrap();
                std::fs::write(&picture, was).unwrap();
                std::thread::sleep(Duration::from_millis(300));
                std::fs::write(&picture, format!("new png {round}")).unwrap();
            });
            let watcher = wait_within(watcher, Duration::from_secs(10))
                .unwrap_or_else(|message| panic!("round {round}: {message}"));
            saving.join().unwrap();
            let real = images.canonicalize().unwrap();
            assert!(
                watcher.folders.contains_key(&real),
                "round {round}: watched"
            );
        }
    }

    #[test]
    fn one_folder_is_watched_once_whatever_the_path_to_it() {
        let folder = tempfile::tempdir().unwrap();
        let real = folder.path().join("publication");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("bulletin.toml"), "").unwrap();
        std::fs::write(real.join("logo.png"), "png").unwrap();
        // The same folder by three paths: with `..`, through a link, as is.
        let by_dots = folder.path().join("other/../publication/bulletin.toml");
        std::fs::create_dir(folder.path().join("other")).unwrap();
        let mut files = vec![by_dots, real.join("logo.png")];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, folder.path().join("link")).unwrap();
            files.push(folder.path().join("link/bulletin.toml"));
        }
        let watcher = watching(&files);
        assert_eq!(watcher.folders.len(), 1, "{:?}", watcher.folders);
        // Events under the real name reach every file.
        let config = real.join("bulletin.toml");
        let saving = after_a_moment(move || std::fs::write(&config, "[layout]").unwrap());
        wait_within(watcher, Duration::from_secs(10)).unwrap();
        saving.join().unwrap();
    }

    #[test]
    fn a_link_is_known_by_its_folder_and_its_target() {
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
        let in_folder = folder.path().canonicalize().unwrap().join("74.toml");
        assert!(names.contains(&in_folder), "{names:?}");
        #[cfg(unix)]
        assert!(
            names.contains(&real.join("74.toml").canonicalize().unwrap()),
            "{names:?}"
        );
    }
}
