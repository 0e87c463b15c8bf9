//! Reading a file the editors named, safely: only a regular file, and no
//! more of it than a limit. A named pipe would block a read forever and
//! a device (`/dev/zero`) never ends; both are refused before any byte is
//! read. And whether a path the editors named stays inside their folder.

use std::io::Read;
use std::path::Path;

/// Whether `path` (relative to `root`) exists and, links followed, is
/// inside `root`.
pub fn stays_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), root.join(path).canonicalize()) {
        (Ok(root), Ok(real)) => real.starts_with(root),
        _ => false,
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A folder, a pipe, a device, a socket.
    NotRegular,
    /// Larger than the limit; its size in bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

/// The bytes of the regular file at `path`, if it holds at most `limit`
/// bytes. The file is opened without waiting (a pipe does not block the
/// open) and judged by what was opened, so a file swapped for a pipe
/// after a check cannot slip through.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_without_waiting(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // A file that grows while it is read is still cut at the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc_nonblock())
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// `O_NONBLOCK`: the same value on Linux and the BSDs is not guaranteed,
/// so it comes from the platform's headers where the project has them.
#[cfg(all(unix, target_os = "linux"))]
fn libc_nonblock() -> i32 {
    libc::O_NONBLOCK
}

#[cfg(all(unix, not(target_os = "linux")))]
fn libc_nonblock() -> i32 {
    // macOS and the BSDs.
    0x0004
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, b"12345").unwrap();
        assert_eq!(read_regular(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&file, 4),
            Err(ReadError::TooLarge(5))
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular)
        ));
        assert!(matches!(
            read_regular(&dir.path().join("none"), 100),
            Err(ReadError::Io(_))
        ));
        #[cfg(unix)]
        {
            let pipe = dir.path().join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&pipe).status();
            if made.is_ok_and(|s| s.success()) {
                assert!(matches!(
                    read_regular(&pipe, 100),
                    Err(ReadError::NotRegular)
                ));
            }
            assert!(matches!(
                read_regular(Path::new("/dev/zero"), 100),
                Err(ReadError::NotRegular)
            ));
        }
    }
}
