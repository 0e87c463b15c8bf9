//! A finished build written to disk: the PDF, or its pages as PNG or SVG,
//! each file whole or not at all. The one way `build`, `watch` and the
//! desk's print button write what they made.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::output::{self, Kind, OutputError};
use crate::typeset::build::{BuildError, Built};
use crate::typeset::render;

/// What a build is written as.
#[derive(Debug, Clone)]
pub enum Export {
    /// One PDF, conforming to `standards` (e.g. PDF/A-2b).
    Pdf {
        standards: Vec<typst_pdf::PdfStandard>,
        /// Made again on every save (`watch`): replaced without waiting for
        /// the disk (see [`output::write_rebuilt_pdf`]).
        rebuilt: bool,
    },
    /// A file a page, at `ppi` for PNG.
    Pages { format: PageFormat, ppi: f32 },
}

/// The formats pages are written in one file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    Png,
    Svg,
}

impl PageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PageFormat::Png => "png",
            PageFormat::Svg => "svg",
        }
    }

    fn kind(self) -> Kind {
        match self {
            PageFormat::Png => Kind::Png,
            PageFormat::Svg => Kind::Svg,
        }
    }
}

/// Why nothing, or not everything, was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The PDF could not be made (e.g. PDF/A with characters no font has).
    #[error(transparent)]
    Pdf(#[from] BuildError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{0}")]
    Render(String),
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The files, as shown.
    pub files: Vec<PathBuf>,
    pub pages: usize,
    /// Their size in all.
    pub bytes: usize,
    /// Making the PDF, or drawing and writing the pages (one at a time).
    pub render: Duration,
    /// Writing the PDF.
    pub write: Duration,
}

/// Writes `built` as `export` to `output` (named `shown` in messages):
/// the PDF there, or pages beside it (`out/74.png` → `out/74-1.png`, …).
/// `writing` is held while a file is being written, so that whoever stops
/// the program can wait for it to be whole.
pub fn write(
    built: &Built,
    export: &Export,
    output: &Path,
    shown: &Path,
    writing: &Mutex<()>,
) -> Result<Exported, ExportError> {
    let started = Instant::now();
    let pages = built.document.pages().len();
    match export {
        Export::Pdf { standards, rebuilt } => {
            let bytes = built.pdf(standards)?;
            let render = started.elapsed();
            let written = Instant::now();
            {
                let _whole = writing.lock().unwrap_or_else(|e| e.into_inner());
                if *rebuilt {
                    output::write_rebuilt_pdf(output, shown, &bytes)?;
                } else {
                    output::write(output, shown, &bytes, Kind::Pdf)?;
                }
            }
            Ok(Exported {
                files: vec![shown.to_path_buf()],
                pages,
                bytes: bytes.len(),
                render,
                write: written.elapsed(),
            })
        }
        Export::Pages { format, ppi } => {
            let (files, bytes) = write_pages(built, *format, *ppi, output, shown, writing)?;
            Ok(Exported {
                files,
                pages,
                bytes,
                render: started.elapsed(),
                write: Duration::ZERO,
            })
        }
    }
}

/// The path of page `n` of pages written as `base` (`out/74.png` →
/// `out/74-3.png`).
pub fn page_path(base: &Path, n: usize, format: PageFormat) -> PathBuf {
    let stem = base
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    base.with_file_name(format!("{stem}-{n}.{}", format.extension()))
}

/// Writes each page as `NAME-1.png`, `NAME-2.png`, … beside `output`
/// (`NAME.png`), PNG at `ppi`. Every page file is checked before the first
/// is written, so a refusal never leaves old and new pages mixed; pages of
/// an earlier, longer build are removed, but only files of the same kind.
/// Returns the files written, as shown, and their bytes in all.
fn write_pages(
    built: &Built,
    format: PageFormat,
    ppi: f32,
    output: &Path,
    shown: &Path,
    writing: &Mutex<()>,
) -> Result<(Vec<PathBuf>, usize), ExportError> {
    let page_path = |base: &Path, n: usize| page_path(base, n, format);
    let pages = built.document.pages();
    for n in 1..=pages.len() {
        output::may_write(&page_path(output, n), &page_path(shown, n), format.kind())?;
    }
    // One page at a time: a page at a high resolution takes much memory.
    let mut files = Vec::new();
    let mut bytes = 0;
    for (i, page) in pages.iter().enumerate() {
        let image = match format {
            PageFormat::Png => render::png(page, ppi).map_err(ExportError::Render)?,
            PageFormat::Svg => render::svg(page).into_bytes(),
        };
        let n = i + 1;
        let _whole = writing.lock().unwrap_or_else(|e| e.into_inner());
        output::write(
            &page_path(output, n),
            &page_path(shown, n),
            &image,
            format.kind(),
        )?;
        files.push(page_path(shown, n));
        bytes += image.len();
    }
    for n in pages.len() + 1.. {
        let stale = page_path(output, n);
        if output::may_write(&stale, &stale, format.kind()).is_err() || !stale.is_file() {
            break;
        }
        std::fs::remove_file(&stale).ok();
    }
    Ok((files, bytes))
}
