//! Writing a built PDF without ever losing or damaging what was there.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::t;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{}", t!("output-wrong-kind", path = .path.display(), kind = .kind.name()))]
    WrongKind { path: PathBuf, kind: Kind },
    #[error("{}", t!("output-exists", path = .0.display()))]
    Exists(PathBuf),
    #[error("{}", t!("output-not-a-file", path = .0.display()))]
    NotAFile(PathBuf),
    #[error("{}", t!("output-not-a-folder", path = .path.display(), file = .file.display()))]
    NotAFolder { path: PathBuf, file: PathBuf },
    #[error(
        "{}",
        t!("output-folder-not-writable", path = .path.display(), folder = .folder.display())
    )]
    FolderNotWritable { path: PathBuf, folder: PathBuf },
    #[error(
        "{}",
        t!("output-cannot-write", path = .path.display(), error = crate::i18n::io_error(.error))
    )]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// What kind of file is written, so that only a file of the same kind is
/// ever replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Svg,
    /// An editor's own file (an issue fixed by `check --fix`): replaced
    /// whatever it holds.
    Text,
}

impl Kind {
    /// Whether an existing file may be replaced by one of this kind: it is
    /// empty or starts as files of this kind do.
    fn may_replace(self, head: &[u8]) -> bool {
        let head = head.trim_ascii_start();
        head.is_empty()
            || match self {
                Kind::Pdf => head.starts_with(b"%PDF-"),
                Kind::Png => head.starts_with(b"\x89PNG"),
                Kind::Svg => head.starts_with(b"<svg") || head.starts_with(b"<?xml"),
                Kind::Text => true,
            }
    }

    /// "a PDF", in words of the catalogue.
    fn name(self) -> String {
        match self {
            Kind::Pdf => t!("output-kind-pdf"),
            Kind::Png => t!("output-kind-png"),
            Kind::Svg => t!("output-kind-svg"),
            Kind::Text => t!("output-kind-text"),
        }
    }
}

/// Whether `path` may be written as `kind`: it does not exist, or is a
/// file of that kind (see [`write`]).
pub fn may_write(path: &Path, shown: &Path, kind: Kind) -> Result<(), OutputError> {
    let io = |error| OutputError::Io {
        path: shown.to_path_buf(),
        error,
    };
    match std::fs::metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_file() => Err(OutputError::NotAFile(shown.to_path_buf())),
        Ok(_) if kind.may_replace(&file_head(path).map_err(io)?) => Ok(()),
        Ok(_) => Err(OutputError::WrongKind {
            path: shown.to_path_buf(),
            kind,
        }),
    }
}

/// Writes a PDF that `watch` rebuilds on every save; as [`write`], but not
/// flushed to the disk before it replaces the old one: waiting for the disk
/// (1.3 ms here, far more on a slow one) would be a tenth of a rebuild, and
/// the next save writes it again. While the system runs, readers see the
/// old PDF or the whole new one all the same; after a power cut it may be
/// empty, and `bulletin build` makes it again.
pub fn write_rebuilt_pdf(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_file(path, shown, bytes, Kind::Pdf, false)
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// flushed to the disk, and a rename, so that `path` holds either the old
/// file or the whole new one, even after a power cut. An existing file must
/// be of the same kind (so `-o issues/74.toml` cannot destroy an issue); a
/// link is followed and its target replaced; an existing file keeps its
/// permissions. Messages name the file as `shown`.
pub fn write(path: &Path, shown: &Path, bytes: &[u8], kind: Kind) -> Result<(), OutputError> {
    write_file(path, shown, bytes, kind, true)
}

fn write_file(
    path: &Path,
    shown: &Path,
    bytes: &[u8],
    kind: Kind,
    flush: bool,
) -> Result<(), OutputError> {
    let io = |error| OutputError::Io {
        path: shown.to_path_buf(),
        error,
    };
    let target = match std::fs::metadata(path) {
        Ok(meta) => {
            let real = path.canonicalize().map_err(io)?;
            if !meta.is_file() {
                return Err(OutputError::NotAFile(shown.to_path_buf()));
            }
            if !kind.may_replace(&file_head(&real).map_err(io)?) {
                return Err(OutputError::WrongKind {
                    path: shown.to_path_buf(),
                    kind,
                });
            }
            real
        }
        Err(_) => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if let Some(file) = dir.ancestors().find(|a| a.is_file()) {
        return Err(OutputError::NotAFolder {
            path: shown.to_path_buf(),
            file: file.to_path_buf(),
        });
    }
    std::fs::create_dir_all(dir).map_err(io)?;

    let mut temp = tempfile::Builder::new()
        .prefix(".bulletin-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|error| folder_error(error, shown))?;
    temp.write_all(bytes).map_err(io)?;
    let permissions = match std::fs::metadata(&target) {
        Ok(old) => old.permissions(),
        Err(_) => new_file_permissions(),
    };
    temp.as_file().set_permissions(permissions).map_err(io)?;
    if flush {
        temp.as_file().sync_all().map_err(io)?;
    }
    temp.persist(&target).map_err(|err| io(err.error))?;
    Ok(())
}

/// Writes a new file at `path`, whole or not at all; never replaces one
/// that exists (not even one made meanwhile by someone else).
pub fn create(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let io = |error| OutputError::Io {
        path: shown.to_path_buf(),
        error,
    };
    if path.symlink_metadata().is_ok() {
        return Err(OutputError::Exists(shown.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".bulletin-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|error| folder_error(error, shown))?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file()
        .set_permissions(new_file_permissions())
        .map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist_noclobber(path).map_err(|err| {
        if err.error.kind() == std::io::ErrorKind::AlreadyExists {
            OutputError::Exists(shown.to_path_buf())
        } else {
            io(err.error)
        }
    })?;
    Ok(())
}

/// A file cannot be made in the folder of `shown`: said of that folder,
/// without the name of the temporary file the user never asked for.
fn folder_error(error: std::io::Error, shown: &Path) -> OutputError {
    let folder = match shown.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match error.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            OutputError::FolderNotWritable {
                path: shown.to_path_buf(),
                folder,
            }
        }
        kind => OutputError::Io {
            path: shown.to_path_buf(),
            // The system's own words, without the temporary file's name.
            error: error.raw_os_error().map_or_else(
                || std::io::Error::from(kind),
                std::io::Error::from_raw_os_error,
            ),
        },
    }
}

/// The first bytes of a file, enough to tell its kind.
fn file_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(64);
    std::fs::File::open(path)?.take(64).read_to_end(&mut head)?;
    Ok(head)
}

/// A temporary file is private to its owner; a new PDF is for everyone to
/// read, as a file saved by any other program would be.
#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn new_file_permissions() -> std::fs::Permissions {
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("a temporary file")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_pdf(path: &Path, shown: &Path, bytes: &[u8]) -> Result<(), OutputError> {
        write(path, shown, bytes, Kind::Pdf)
    }

    /// watch's PDF, written without waiting for the disk, obeys the same
    /// rules: replaced whole, never a non-PDF.
    #[test]
    fn a_rebuilt_pdf_is_replaced_whole_and_nothing_else_is() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("out/74.pdf");
        write_rebuilt_pdf(&pdf, Path::new("x"), b"%PDF-1.7 one").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_rebuilt_pdf(&pdf, Path::new("x"), b"%PDF-1.7 two").unwrap();
        assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7 two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&pdf).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640, "the PDF keeps its permissions");
        }
        let issue = dir.path().join("74.toml");
        std::fs::write(&issue, "total = 74").unwrap();
        assert!(write_rebuilt_pdf(&issue, Path::new("x"), b"%PDF-").is_err());
        assert_eq!(std::fs::read(&issue).unwrap(), b"total = 74");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["74.pdf"], "no temporary file left");
    }

    #[test]
    fn replaces_a_pdf_whole_and_refuses_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("out/74.pdf");
        write_pdf(&pdf, Path::new("x"), b"%PDF-1.7 one").unwrap();
        write_pdf(&pdf, Path::new("x"), b"%PDF-1.7 two").unwrap();
        assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7 two");

        let issue = dir.path().join("74.toml");
        std::fs::write(&issue, "total = 74").unwrap();
        assert!(matches!(
            write_pdf(&issue, Path::new("x"), b"%PDF-"),
            Err(OutputError::WrongKind { .. })
        ));
        assert_eq!(std::fs::read_to_string(&issue).unwrap(), "total = 74");

        assert!(matches!(
            write_pdf(&issue.join("x.pdf"), Path::new("x"), b"%PDF-"),
            Err(OutputError::NotAFolder { .. })
        ));
        assert!(matches!(
            write_pdf(dir.path(), Path::new("x"), b"%PDF-"),
            Err(OutputError::NotAFile(_))
        ));
        // Nothing but the PDF was left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_folder_that_refuses_files_is_named_without_the_temporary_file() {
        let denied = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "at path \"/x/out/.bulletin-ABC.tmp\"",
        );
        let message = folder_error(denied, Path::new("out/74.pdf")).to_string();
        assert!(message.starts_with("cannot write out/74.pdf: the folder out does not allow it"));
        assert!(!message.contains(".tmp"), "{message}");
        let full = std::io::Error::new(std::io::ErrorKind::StorageFull, "at path \"x.tmp\"");
        let message = folder_error(full, Path::new("74.pdf")).to_string();
        assert!(!message.contains(".tmp"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn follows_a_link_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.pdf");
        std::fs::write(&real, b"%PDF-old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_pdf(&link, Path::new("x"), b"%PDF-new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"%PDF-new");
        assert_eq!(
            std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
