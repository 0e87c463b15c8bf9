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
//! unchanged text build nothing. Every second the files and folders are
//! looked at anyway, for changes the system did not report (a folder
//! deleted and made again, some network drives).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet after the last event before a save counts as done, when every
/// changed file was closed or renamed into place.
const QUIET: Duration = Duration::from_millis(10);
/// The same on systems that do not report a file closed after writing,
/// and while a watched file is gone (an editor replacing it).
const QUIET_LONGER: Duration = Duration::from_millis(100);
/// The longest a save may take: a file still open for writing, or gone,
/// after this long is built as it is (and reported if missing).
const PATIENCE: Duration = Duration::from_millis(1000);
/// How often folders that do not exist yet are looked for.
const POLL: Duration = Duration::from_millis(300);
/// How often the files are looked at without any event.
const CHECK: Duration = Duration::from_millis(1000);

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

/// What a file was like: a file with the same stamp is taken to be
/// unchanged unless an event says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Files and what they were like before a build read them.
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
    /// the build read them, so that a save during the build counts), the
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
}

/// A watched file as the build used it.
#[derive(Debug, Clone, Copy)]
struct Built {
    /// Its stamp when last seen unchanged.
    stamp: Option<Stamp>,
    /// A digest of its content (`None`: missing or unreadable).
    digest: Option<u64>,
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
    /// The files, as built.
    files: BTreeMap<PathBuf, Built>,
    /// A file changed while the build read it.
    stale: bool,
    /// Each file under every name an event may give it.
    names: HashMap<PathBuf, PathBuf>,
    /// Folders being watched, and which folder each was.
    folders: BTreeMap<PathBuf, FolderId>,
    /// Folders of watched files that do not exist (yet).
    missing: BTreeSet<PathBuf>,
    /// Content digests by file and stamp: an unchanged picture is read
    /// once, not after every build.
    digests: HashMap<PathBuf, (Stamp, u64)>,
}

impl Watcher {
    pub fn new() -> Result<Self, WatchError> {
        let (sender, events) = std::sync::mpsc::channel();
        // The interval only matters where `notify` falls back to polling.
        let config = notify::Config::default().with_poll_interval(POLL);
        let watcher = RecommendedWatcher::new(sender, config).map_err(WatchError::Start)?;
        Ok(Self {
            watcher,
            events,
            files: BTreeMap::new(),
            stale: false,
            names: HashMap::new(),
            folders: BTreeMap::new(),
            missing: BTreeSet::new(),
            digests: HashMap::new(),
        })
    }

    /// From now on watches the files of `built` (and no others): a
    /// rebuild is due when one differs from what it was before the build.
    pub fn watch(&mut self, built: Stamps) -> Result<(), WatchError> {
        self.stale = false;
        self.files.clear();
        for (file, before) in built.0 {
            let now = Stamp::of(&file);
            if now != before {
                // Saved while the build read it: what it used is unknown.
                self.stale = true;
            }
            let digest = now.and_then(|stamp| self.digest(&file, stamp));
            self.files.insert(file, Built { stamp: now, digest });
        }
        self.digests.retain(|file, _| self.files.contains_key(file));
        self.refresh()
    }

    /// Watches the folders the files are in now, under the names events
    /// will give them; a folder made again since it was watched is
    /// watched anew.
    fn refresh(&mut self) -> Result<(), WatchError> {
        self.names.clear();
        let mut wanted = BTreeSet::new();
        for file in self.files.keys() {
            for name in names(file) {
                if let Some(folder) = name.parent() {
                    wanted.insert(folder.to_path_buf());
                }
                self.names.insert(name, file.clone());
            }
        }
        let outdated: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|(folder, id)| !wanted.contains(*folder) || FolderId::of(folder) != Some(**id))
            .map(|(folder, _)| folder.clone())
            .collect();
        for folder in outdated {
            // It may be gone, and its watch with it.
            let _ = self.watcher.unwatch(&folder);
            self.folders.remove(&folder);
        }
        self.missing.clear();
        for folder in wanted {
            if !self.folders.contains_key(&folder) {
                self.add(folder)?;
            }
        }
        Ok(())
    }

    /// Watches `folder`, or looks for it from time to time when it is not
    /// there.
    fn add(&mut self, folder: PathBuf) -> Result<(), WatchError> {
        let Some(id) = FolderId::of(&folder) else {
            self.missing.insert(folder);
            return Ok(());
        };
        match self.watcher.watch(&folder, RecursiveMode::NonRecursive) {
            Ok(()) => {
                self.folders.insert(folder, id);
                Ok(())
            }
            // Gone between the look and the watch.
            Err(_) if !folder.is_dir() => {
                self.missing.insert(folder);
                Ok(())
            }
            Err(error) => Err(WatchError::Folder { folder, error }),
        }
    }

    /// Returns once a watched file differs from what the build used and
    /// whoever wrote it is done.
    pub fn wait(&mut self) -> Result<(), WatchError> {
        if self.stale {
            // The save's events are waiting already.
            self.settle(Batch::default())?;
            return Ok(());
        }
        let mut next_look = Instant::now() + self.look_every();
        loop {
            let left = next_look.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    let event = event.map_err(WatchError::Events)?;
                    if self.moves_a_folder(&event) {
                        self.refresh()?;
                    }
                    if self.concerns(&event) {
                        let mut batch = Batch::default();
                        self.follow(&event, &mut batch);
                        let batch = self.settle(batch)?;
                        if self.changed(&batch.touched) {
                            return Ok(());
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    // What the system may not have said.
                    self.refresh()?;
                    if self.changed(&BTreeSet::new()) {
                        self.settle(Batch::default())?;
                        return Ok(());
                    }
                    next_look = Instant::now() + self.look_every();
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(WatchError::Events(notify::Error::generic(
                        "the watcher stopped",
                    )));
                }
            }
        }
    }

    fn look_every(&self) -> Duration {
        if self.missing.is_empty() { CHECK } else { POLL }
    }

    /// Takes the events that follow, until the watched files have been
    /// quiet for a moment, and returns what they did. A file open for
    /// writing (where the system reports its closing) or gone is waited
    /// for, up to [`PATIENCE`].
    fn settle(&mut self, mut batch: Batch) -> Result<Batch, WatchError> {
        let started = Instant::now();
        loop {
            let gone = self.gone();
            let quiet = if closes_reported() && !batch.writing.is_empty() {
                PATIENCE
            } else if !closes_reported() || gone {
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
                    if self.moves_a_folder(&event) {
                        self.refresh()?;
                    }
                    if self.concerns(&event) {
                        self.follow(&event, &mut batch);
                    }
                }
                Err(RecvTimeoutError::Timeout) if !gone || left <= quiet => return Ok(batch),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(batch),
            }
        }
    }

    /// Notes what `event` did to the watched files.
    fn follow(&self, event: &notify::Event, batch: &mut Batch) {
        let files: Vec<&PathBuf> = event
            .paths
            .iter()
            .filter_map(|path| self.names.get(path))
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

    /// The event removes or moves a watched folder itself.
    fn moves_a_folder(&self, event: &notify::Event) -> bool {
        matches!(
            event.kind,
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        ) && event
            .paths
            .iter()
            .any(|path| self.folders.contains_key(path))
    }

    /// Some file that the build used is gone.
    fn gone(&self) -> bool {
        self.files
            .iter()
            .any(|(file, built)| built.stamp.is_some() && !file.exists())
    }

    /// Some file differs from what the build used. Files whose stamp is
    /// unchanged are only read when an event `touched` them (a file system
    /// that keeps times to the second or two may hide a quick save).
    fn changed(&mut self, touched: &BTreeSet<PathBuf>) -> bool {
        let files: Vec<PathBuf> = self.files.keys().cloned().collect();
        for file in files {
            let built = self.files[&file];
            let now = Stamp::of(&file);
            if now == built.stamp && !touched.contains(&file) {
                continue;
            }
            let Some(stamp) = now else {
                if built.stamp.is_some() {
                    return true; // Gone.
                }
                continue;
            };
            // Read again when an event named it: the stamp may hide a save.
            let digest = if touched.contains(&file) {
                self.read_digest(&file, stamp)
            } else {
                self.digest(&file, stamp)
            };
            if digest != built.digest || built.digest.is_none() {
                return true;
            }
            // Saved with the same content: nothing to build.
            if let Some(entry) = self.files.get_mut(&file) {
                entry.stamp = Some(stamp);
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

    /// A digest of the file's content as it is now.
    fn read_digest(&mut self, file: &Path, stamp: Stamp) -> Option<u64> {
        let bytes = std::fs::read(file).ok()?;
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(&bytes);
        let digest = hasher.finish();
        // Only when the file did not change while it was read.
        if Stamp::of(file) == Some(stamp) {
            self.digests.insert(file.to_path_buf(), (stamp, digest));
        }
        Some(digest)
    }
}

/// What the events of one save did.
#[derive(Debug, Default)]
struct Batch {
    /// The watched files the events named.
    touched: BTreeSet<PathBuf>,
    /// Those written to and not yet closed.
    writing: BTreeSet<PathBuf>,
}

/// Whether the system says when a file written to is closed (only Linux's
/// inotify does, of the systems `notify` serves).
fn closes_reported() -> bool {
    cfg!(any(target_os = "linux", target_os = "android"))
}

/// The paths under which events name `file`: in its folder's real path
/// (where a folder is watched once, whatever path led to it), and, for a
/// link, its target's.
fn names(file: &Path) -> Vec<PathBuf> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let in_folder = match (file.parent(), file.file_name()) {
        (Some(folder), Some(name)) => folder
            .canonicalize()
            .map(|real| real.join(name))
            .unwrap_or_else(|_| file.clone()),
        _ => file.clone(),
    };
    let mut names = vec![in_folder];
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
            let result = watcher.wait();
            let _ = done.send((result, watcher));
        });
        match returned.recv_timeout(limit) {
            Ok((Ok(()), watcher)) => Ok(watcher),
            Ok((Err(error), _)) => Err(format!("wait failed: {error}")),
            Err(_) => Err(format!("wait did not return within {limit:?}")),
        }
    }

    fn watching(files: &[PathBuf]) -> Watcher {
        let mut watcher = Watcher::new().unwrap();
        watcher.watch(Stamps::of(files)).unwrap();
        watcher
    }

    #[test]
    fn wait_returns_at_once_for_a_save_made_during_the_build() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        std::fs::write(&issue, "a").unwrap();
        let before = Stamps::of(std::slice::from_ref(&issue));
        std::fs::write(&issue, "ab").unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher
            .watch(before.with(std::slice::from_ref(&issue)))
            .unwrap();
        wait_within(watcher, Duration::from_secs(10)).unwrap();
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
        let saving = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            std::fs::write(&issue, "ab").unwrap();
        });
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
        assert!(
            !watcher.changed(&BTreeSet::new()),
            "the stamp alone cannot tell"
        );
        assert!(watcher.changed(&BTreeSet::from([issue])), "the event can");
    }

    #[test]
    fn files_appearing_changing_and_going_are_changes() {
        let folder = tempfile::tempdir().unwrap();
        let issue = folder.path().join("74.toml");
        let picture = folder.path().join("images/photo.png");
        std::fs::write(&issue, "a").unwrap();
        let mut watcher = watching(&[issue.clone(), picture.clone()]);
        assert!(!watcher.changed(&BTreeSet::new()));
        assert_eq!(watcher.missing.len(), 1, "images/ is looked for");

        std::fs::create_dir(folder.path().join("images")).unwrap();
        std::fs::write(&picture, "png").unwrap();
        assert!(
            watcher.changed(&BTreeSet::new()),
            "a missing picture is there"
        );

        let mut watcher = watching(&[issue.clone(), picture.clone()]);
        assert!(watcher.missing.is_empty());
        std::fs::remove_file(&issue).unwrap();
        assert!(watcher.gone());
        assert!(watcher.changed(&BTreeSet::new()), "the issue is gone");
    }

    #[test]
    fn a_folder_made_again_is_watched_again() {
        let folder = tempfile::tempdir().unwrap();
        let images = folder.path().join("images");
        std::fs::create_dir(&images).unwrap();
        let picture = images.join("photo.png");
        std::fs::write(&picture, "png").unwrap();
        let watcher = watching(std::slice::from_ref(&picture));

        // Deleted and restored as it was: nothing to build; then the
        // picture changes in the new folder.
        let saving = std::thread::spawn(move || {
            std::fs::remove_dir_all(&images).unwrap();
            std::fs::create_dir(&images).unwrap();
            std::fs::write(&picture, "png").unwrap();
            std::thread::sleep(Duration::from_millis(300));
            std::fs::write(&picture, "new png").unwrap();
            Instant::now()
        });
        let watcher = wait_within(watcher, Duration::from_secs(10)).unwrap();
        let returned = Instant::now();
        assert!(
            returned >= saving.join().unwrap(),
            "returned before the change"
        );
        let images = folder.path().join("images").canonicalize().unwrap();
        assert_eq!(
            watcher.folders.get(&images),
            FolderId::of(&images).as_ref(),
            "the new folder is watched"
        );
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
        // And an event under the real name reaches each.
        let logo = real.join("logo.png");
        let saving = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            std::fs::write(&logo, "new png").unwrap();
        });
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
