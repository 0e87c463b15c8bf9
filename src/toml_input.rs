//! Reading a TOML file into typed values, with every problem located.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::Located;

/// The text of one input file, kept to locate problems found after parsing.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The path as it is shown to the user.
    pub path: PathBuf,
    pub text: String,
}

impl InputFile {
    /// Reads a file; a missing file or one that is not UTF-8 is a located
    /// problem. A UTF-8 byte order mark (as Windows editors write) is dropped.
    pub fn read(path: &Path, shown: &Path) -> Result<Self, Located> {
        let bytes = std::fs::read(path)
            .map_err(|err| Located::whole_file(shown, format!("cannot read this file: {err}")))?;
        let text = String::from_utf8(bytes).map_err(|err| {
            let at = err.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&err.as_bytes()[..at]).into_owned();
            Located::new(
                shown,
                &valid,
                at..at,
                "this file is not UTF-8 text: save it as UTF-8 (in most editors: Save As, encoding UTF-8)",
            )
        })?;
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text);
        Ok(Self {
            path: shown.to_path_buf(),
            text,
        })
    }

    /// Parses the whole file as `T`; syntax errors, unknown keys and wrong
    /// types come back located.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Located> {
        toml::from_str(&self.text).map_err(|err| {
            let span = err.span().unwrap_or(0..0);
            self.error(span, tidy_message(err.message()))
        })
    }

    /// A problem at a byte range of this file.
    pub fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Located {
        Located::new(&self.path, &self.text, span, message)
    }

    /// Where a character first occurs in the file, if it is typed literally.
    pub fn find_char(&self, c: char) -> Option<std::ops::Range<usize>> {
        self.text.find(c).map(|at| at..at + c.len_utf8())
    }
}

/// serde's messages name Rust-ish types; say what an editor understands.
fn tidy_message(message: &str) -> String {
    let message = message.trim_end();
    let message = message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("invalid type: ", "wrong type: ")
        .replace("a sequence", "a list [...]")
        .replace("sequence", "list")
        .replace("a boolean", "true or false")
        .replace("a map", "a table")
        .replace("struct ", "")
        .replace("expected i64", "expected a whole number")
        .replace("expected u32", "expected a whole number")
        .replace("expected a string", "expected a text in quotes");
    let hint = if message.starts_with("unknown key") {
        " (check the spelling; see docs/input-format.md for every key)"
    } else {
        ""
    };
    format!("{message}{hint}")
}
