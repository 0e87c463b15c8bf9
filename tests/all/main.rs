//! Every integration test but the real browser's, in one binary (Typst is
//! linked once): a module per part of bulletin, and `support`, what they
//! share. `cargo test --test all cli::` runs one part; tests/README.md says
//! what is where.

mod support;

mod accessibility;
mod bench;
mod cli;
mod errors;
mod hostile;
mod images;
mod import;
mod init;
mod lang;
mod layout;
mod live;
mod pdf;
#[cfg(feature = "desk")]
mod serve;
mod variants;
mod volume;
mod watch_eject;
mod week;
