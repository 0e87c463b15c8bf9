//! Reading a TOML file into typed values, with every problem located.

use std::ops::Range;
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
    /// problem.
    pub fn read(path: &Path, shown: &Path) -> Result<Self, Located> {
        let bytes = std::fs::read(path)
            .map_err(|err| Located::whole_file(shown, format!("cannot read this file: {err}")))?;
        // A UTF-8 byte order mark, as Windows editors write, is not text.
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        let text = String::from_utf8(bytes).map_err(|err| {
            let at = err.utf8_error().valid_up_to();
            // Shown with the bad bytes as �; the text before them is exact,
            // so the column is right.
            let shown_text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            Located::new(
                shown,
                &shown_text,
                at..at,
                "this file is not UTF-8 text: save it as UTF-8 (in most editors: Save As, encoding UTF-8)",
            )
        })?;
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
            let message = if quote_ended_text_early(&self.text, span.start) {
                // TOML's own words ("expected newline") would puzzle an editor.
                "the straight quote \" just before this ends the text early: inside a text, \
                 type Chinese quotes “ ” (or \\\" for a straight quote)"
                    .to_string()
            } else {
                tidy_message(err.message())
            };
            self.error(span, message)
        })
    }

    /// A problem at a byte range of this file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Located {
        Located::new(&self.path, &self.text, span, message)
    }

    /// A problem if the text at `span` holds a control character that
    /// cannot be printed (TOML lets one in as an escape such as `\u0007`);
    /// `what` names the field.
    pub fn unprintable(&self, value: &str, span: Range<usize>, what: &str) -> Option<Located> {
        let c = crate::text::control_character(value)?;
        Some(self.error(
            self.locate_char(span, c),
            format!(
                "{what}: the control character U+{:04X} cannot be printed: delete it \
                 (it usually comes from pasting)",
                c as u32
            ),
        ))
    }

    /// Where a character is typed inside the value at `span`: as itself or
    /// as a TOML escape (`\uE000`, `\U0000E000`); else the whole value.
    pub fn locate_char(&self, span: Range<usize>, c: char) -> Range<usize> {
        let value = self.text.get(span.clone()).unwrap_or_default();
        let upper = value.to_ascii_uppercase();
        let code = c as u32;
        value
            .find(c)
            .map(|at| at..at + c.len_utf8())
            .or_else(|| {
                [format!("\\U{code:04X}"), format!("\\U{code:08X}")]
                    .iter()
                    .find_map(|escape| upper.find(escape.as_str()).map(|at| at..at + escape.len()))
            })
            .map_or(span.clone(), |found| {
                span.start + found.start..span.start + found.end
            })
    }
}

/// Whether a syntax error at `at` follows a quoted text that a straight
/// quote typed inside it closed too early: the error's line holds
/// `key = "…"` and the error comes right after a `"` with more text behind.
fn quote_ended_text_early(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let Some(before) = text.get(..at) else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let after = text[at..].lines().next().unwrap_or_default();
    line.contains("= \"")
        && line.trim_end().ends_with('"')
        && line.matches('"').count() >= 2
        && !after.trim().is_empty()
        && !after.trim_start().starts_with('#')
}

/// serde's messages name Rust types; say what an editor understands. Only
/// the words serde puts around a value are changed, never the value itself.
fn tidy_message(message: &str) -> String {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "wrong type: {}, expected {}",
            name_found(found),
            name_expected(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return format!(
            "unknown key {rest} (check the spelling; see docs/input-format.md for every key)"
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("missing key {rest}");
    }
    message.to_string()
}

/// "string \"21\"" → "a text \"21\"": the kind of value found, in words.
fn name_found(found: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("string", "a text"),
        ("integer", "a whole number"),
        ("floating point", "a decimal number"),
        ("boolean", "true or false"),
        ("sequence", "a list [...]"),
        ("map", "a table"),
    ];
    for (serde, words) in KINDS {
        if let Some(value) = found.strip_prefix(serde) {
            return format!("{words}{value}");
        }
    }
    found.to_string()
}

/// What was expected, in words.
fn name_expected(expected: &str) -> String {
    match expected {
        "i64" | "u32" | "u64" | "i32" | "u8" => "a whole number".to_string(),
        "a string" => "a text in quotes".to_string(),
        "a boolean" => "true or false".to_string(),
        "a sequence" => "a list [...]".to_string(),
        _ if expected.starts_with("struct ") || expected == "a map" => "a table".to_string(),
        _ if expected.contains("datetime") => "a date like 2023-08-11, without quotes".to_string(),
        _ => expected.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_quote_that_ends_a_text_early_is_explained() {
        let file = InputFile {
            path: "issues/74.toml".into(),
            text: "total = 74\ntitle = \"会议研究\"问题\"召开\"\n".to_string(),
        };
        let problem = file.parse::<toml::Table>().unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 15), "{problem}");
        assert!(
            problem.message.contains("type Chinese quotes “ ”"),
            "{problem}"
        );

        let file = InputFile {
            path: "a.toml".into(),
            text: "total = 74 x\n".to_string(),
        };
        let problem = file.parse::<toml::Table>().unwrap_err();
        assert!(!problem.message.contains("Chinese quotes"), "{problem}");
    }

    #[test]
    fn messages_name_types_in_words_and_keep_values_as_typed() {
        assert_eq!(
            tidy_message("invalid type: string \"a sequence of struct\", expected i64"),
            "wrong type: a text \"a sequence of struct\", expected a whole number"
        );
        assert_eq!(
            tidy_message("invalid type: integer `21`, expected a string\n"),
            "wrong type: a whole number `21`, expected a text in quotes"
        );
        assert!(
            tidy_message("unknown field `tittle`, expected one of `title`")
                .starts_with("unknown key `tittle`, expected one of `title` (check the spelling")
        );
    }
}
