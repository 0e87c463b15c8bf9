//! What the tests of tests/all share (tests/browser reads it too, through
//! `#[path]`), re-exported here but for the desk's and Word's:
//!
//! - `publication`: a copy of the repository's publication in a temporary
//!   folder, to change, build and run the binary on;
//! - `run`: the `bulletin` binary run to its end, and what it printed;
//! - `page`: an issue built in process, read from Typst's frames as a
//!   reader of the printed page sees it;
//! - `messages`: where a message points; English in Chinese messages;
//! - `files`: folders and a PDF on disk, before and after a run;
//! - `pdf`: a written PDF read back with lopdf;
//! - `pictures`: pictures made for the tests;
//! - [`docx`]: Word documents made for the tests;
//! - [`desk`]: the desk (`bulletin serve`) in process, spoken to over HTTP.

// tests/browser uses only a part of it.
#![allow(dead_code, unused_imports)]

#[cfg(feature = "desk")]
pub mod desk;
pub mod docx;
mod files;
mod messages;
mod page;
mod pdf;
mod pictures;
mod publication;
mod run;

use std::path::PathBuf;

pub use files::*;
pub use messages::*;
pub use page::*;
pub use pdf::*;
pub use pictures::*;
pub use publication::*;
pub use run::*;

/// The repository: a complete publication (bulletin.toml, issues/74.toml).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
