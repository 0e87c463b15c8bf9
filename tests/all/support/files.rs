//! Folders and files on disk, before and after a run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Copies the folder `from`, with everything in it, to `to`.
pub fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A PDF as it was on disk at one moment, and the folder it is in.
pub struct PdfOnDisk {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    modified: SystemTime,
    #[cfg(unix)]
    inode: u64,
    /// The names in its folder.
    pub folder: Vec<String>,
}

impl PdfOnDisk {
    pub fn now(path: &Path) -> Self {
        let metadata = fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Self {
            path: path.to_path_buf(),
            bytes: fs::read(path).unwrap(),
            modified: metadata.modified().unwrap(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&metadata),
            folder: names(path.parent().unwrap()),
        }
    }

    /// After `what`, the file is byte-identical and was not written again
    /// (same modification time, same file), and nothing (no temporary
    /// file) was left beside it.
    pub fn assert_untouched(&self, what: &str) {
        let now = Self::now(&self.path);
        let path = self.path.display();
        assert!(now.bytes == self.bytes, "{what}: {path} keeps its bytes");
        assert_eq!(
            now.modified, self.modified,
            "{what}: {path} is not rewritten"
        );
        #[cfg(unix)]
        assert_eq!(now.inode, self.inode, "{what}: {path} is not replaced");
        assert_eq!(
            now.folder, self.folder,
            "{what}: nothing is left beside {path}"
        );
    }
}

/// Sets the time `path` was last modified.
pub fn set_modified(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// When `path` was last modified.
pub fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}
