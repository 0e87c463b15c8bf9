//! The editors' files: `bulletin.toml` ([`config`]) and `issues/<total>.toml`
//! ([`issue`], its pictures' tables in [`images`], the numbering across
//! issues in [`series`]), read with their places ([`toml_input`]) into
//! checked plain values, and changed field by field without touching the
//! rest ([`edit`], [`toml_write`]).

pub mod config;
pub mod edit;
pub mod images;
pub mod issue;
pub mod schema;
pub mod series;
pub mod toml_input;
pub mod toml_write;
