//! Arguments several commands share, declared once and flattened into
//! each (their help stays each command's own: `cli-<command>-font-paths`).

use std::path::PathBuf;

/// Font folders to use besides the embedded fonts and the publication's
/// own `[fonts] paths`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FontArgs {
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
}
