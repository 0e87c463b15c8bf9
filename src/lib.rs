//! `bulletin` typesets an office's weekly Chinese briefing (简报) from TOML
//! into a print-ready PDF.
//!
//! The pipeline runs one way: [`config`] and [`issue`] read and check the
//! editors' TOML into plain values; [`data`] turns them into the JSON the
//! layout reads; [`world`] is the Typst world (embedded layout, fonts, files);
//! [`render`] lays out and exports; [`output`] writes files safely;
//! [`publication`] finds the folder and its files; [`build`] strings the
//! stages together for the commands.

pub mod build;
pub mod check;
pub mod config;
pub mod data;
#[cfg(feature = "desk")]
pub mod desk;
pub mod diagnostic;
pub mod edit;
pub mod export;
pub mod face_metadata;
pub mod files;
pub mod fonts;
pub mod glyphs;
pub mod i18n;
pub mod images;
pub mod import;
pub mod init;
pub mod issue;
pub mod issue_list;
pub mod lint;
pub mod live;
pub mod next_issue;
pub mod output;
pub mod pages;
pub mod picture;
pub mod publication;
pub mod render;
pub mod series;
pub mod text;
pub mod toml_input;
pub mod toml_write;
pub mod volume;
pub mod watcher;
pub mod world;
