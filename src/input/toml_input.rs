//! Reading a TOML file into typed values, with every problem located.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::Located;
use crate::i18n::{self, Lang};
use crate::t;

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
        let bytes = std::fs::read(path).map_err(|err| {
            Located::whole_file(
                shown,
                t!("input-cannot-read", error = crate::i18n::io_error(&err)),
            )
        })?;
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
            Located::new(shown, &shown_text, at..at, t!("input-not-utf8"))
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
                t!("input-straight-quote")
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
            t!(
                "input-control-character",
                what = what,
                code = format!("U+{:04X}", c as u32)
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

/// serde's and TOML's messages name Rust types and speak English; say
/// what an editor understands, in the editor's language. Only the words
/// around a value are changed, never the value itself.
fn tidy_message(message: &str) -> String {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return t!(
            "input-wrong-type",
            found = name_found(found),
            expected = name_expected(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        // "`tittle`, expected one of `title`, `body`" or "…, expected `a` or `b`".
        let mut names = backticked(rest).into_iter();
        let key = names.next().unwrap_or_default();
        let allowed: Vec<String> = names.collect();
        return if allowed.is_empty() {
            t!("input-unknown-key-none", key = key)
        } else {
            t!("input-unknown-key", key = key, allowed = key_list(&allowed))
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = backticked(rest).into_iter().next().unwrap_or_default();
        return t!("input-missing-key", key = key);
    }
    if message == "duplicate key" {
        return t!("input-duplicate-key");
    }
    syntax_message(message)
}

/// The names in backticks in a serde message, in order.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Keys as a message lists them: "`a`, `b`, `c`" or "a、b、c".
fn key_list(keys: &[String]) -> String {
    match i18n::lang() {
        Lang::En => keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", "),
        Lang::Zh => keys.join("、"),
    }
}

/// A TOML syntax error ("invalid basic string, expected `\"`") in words of
/// the catalogue; in English as TOML words it.
fn syntax_message(message: &str) -> String {
    if i18n::lang() == Lang::En {
        return message.to_string();
    }
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let Some(what) = syntax_words(what) else {
        return t!("toml-other", details = message);
    };
    match expected {
        None => what,
        Some(expected) => {
            let items: Vec<String> = expected
                .split(", ")
                .map(|item| {
                    syntax_words(item)
                        .or_else(|| between(item))
                        .unwrap_or_else(|| item.to_string())
                })
                .collect();
            // "day between 01 and 28" reads as a clause of its own.
            if expected.split(", ").any(|item| between(item).is_some()) {
                t!(
                    "toml-expected-clause",
                    what = what,
                    expected = items.join("；")
                )
            } else {
                t!("toml-expected", what = what, expected = items.join("、"))
            }
        }
    }
}

/// "day between 01 and 28", as a date's parser expects it, in words of the
/// catalogue.
fn between(item: &str) -> Option<String> {
    let (unit, range) = item.split_once(" between ")?;
    let (from, to) = range.split_once(" and ")?;
    let unit = syntax_words(unit)?;
    Some(t!("toml-between", unit = unit, from = from, to = to))
}

/// The catalogue's words for a description TOML's parser uses.
fn syntax_words(description: &str) -> Option<String> {
    const WORDS: &[(&str, &str)] = &[
        ("`_` may only go between digits", "toml-underscore"),
        (
            "cannot recurse further; max recursion depth met",
            "toml-too-deep",
        ),
        (
            "carriage return must be followed by newline",
            "toml-carriage-return",
        ),
        ("extra `=`", "toml-extra-equals"),
        (
            "extra assignment between key-value pairs",
            "toml-extra-assignment",
        ),
        ("extra comma in array", "toml-extra-comma-array"),
        ("extra comma in inline table", "toml-extra-comma-table"),
        (
            "integers with a radix cannot be signed",
            "toml-signed-radix",
        ),
        (
            "invalid comment character",
            "toml-invalid-comment-character",
        ),
        (
            "invalid inline table element",
            "toml-invalid-inline-table-element",
        ),
        ("invalid key-value pair", "toml-invalid-key-value"),
        ("invalid unquoted key", "toml-invalid-unquoted-key"),
        ("invalid value", "toml-invalid-value"),
        ("key with no value", "toml-key-without-value"),
        (
            "keys cannot be multi-line basic strings",
            "toml-multiline-key",
        ),
        (
            "keys cannot be multi-line literal strings",
            "toml-multiline-key",
        ),
        ("missing array opening", "toml-missing-array-open"),
        (
            "missing assignment between key-value pairs",
            "toml-missing-assignment",
        ),
        (
            "missing comma between array elements",
            "toml-missing-comma-array",
        ),
        (
            "missing comma between key-value pairs",
            "toml-missing-comma-table",
        ),
        ("missing comment start", "toml-missing-comment-start"),
        ("missing escaped value", "toml-missing-escape"),
        (
            "missing inline table opening",
            "toml-missing-inline-table-open",
        ),
        (
            "missing key for inline table element",
            "toml-missing-inline-key",
        ),
        ("missing opening quote", "toml-missing-opening-quote"),
        ("missing table open", "toml-missing-table-open"),
        ("missing value for key", "toml-missing-value"),
        ("missing value", "toml-missing-value"),
        ("radix must be lowercase", "toml-radix-lowercase"),
        ("redundant integer number prefix", "toml-redundant-prefix"),
        ("redundant numeric sign", "toml-redundant-sign"),
        ("string values must be quoted", "toml-unquoted-string"),
        ("too few unicode value digits", "toml-short-unicode"),
        ("unclosed array table", "toml-unclosed-array-table"),
        ("unclosed array", "toml-unclosed-array"),
        ("unclosed inline table", "toml-unclosed-inline-table"),
        ("unclosed table", "toml-unclosed-table"),
        ("unexpected `=` in array", "toml-equals-in-array"),
        (
            "unexpected content between comment and newline",
            "toml-after-comment",
        ),
        ("unexpected content", "toml-unexpected-content"),
        ("unexpected key or value", "toml-unexpected-key-or-value"),
        ("unexpected leading zero", "toml-leading-zero"),
        ("unexpected sign", "toml-unexpected-sign"),
        ("unquoted keys cannot be empty", "toml-empty-key"),
        ("invalid basic string", "toml-invalid-basic-string"),
        (
            "invalid multi-line basic string",
            "toml-invalid-multiline-basic-string",
        ),
        ("invalid literal string", "toml-invalid-literal-string"),
        (
            "invalid multi-line literal string",
            "toml-invalid-multiline-literal-string",
        ),
        ("invalid string", "toml-invalid-string"),
        ("invalid key", "toml-invalid-key"),
        ("invalid table", "toml-invalid-table"),
        ("invalid date-time", "toml-invalid-date-time"),
        ("invalid float", "toml-invalid-number"),
        ("invalid integer number", "toml-invalid-number"),
        ("invalid binary number", "toml-invalid-number"),
        ("invalid octal number", "toml-invalid-number"),
        ("invalid hexadecimal number", "toml-invalid-number"),
        ("invalid exponent", "toml-invalid-number"),
        ("invalid fraction", "toml-invalid-number"),
        ("invalid mantissa", "toml-invalid-number"),
        ("invalid boolean", "toml-invalid-boolean"),
        ("integer number overflowed", "toml-number-too-large"),
        ("invalid date", "toml-invalid-date"),
        ("invalid time", "toml-invalid-time"),
        ("invalid datetime", "toml-invalid-date-time"),
        // What was expected instead.
        ("year or hour", "toml-year-or-hour"),
        ("year", "toml-unit-year"),
        ("month", "toml-unit-month"),
        ("day", "toml-unit-day"),
        ("hour", "toml-unit-hour"),
        ("hours", "toml-unit-hour"),
        ("minute", "toml-unit-minute"),
        ("minutes", "toml-unit-minute"),
        ("second", "toml-unit-second"),
        ("nanosecond", "toml-unit-nanosecond"),
        ("a four-digit year (YYYY)", "toml-four-digit-year"),
        ("a two-digit month (MM)", "toml-two-digit-month"),
        ("a two-digit day (DD)", "toml-two-digit-day"),
        ("a two-digit hour (HH)", "toml-two-digit-hour"),
        ("a two-digit minute (MM)", "toml-two-digit-minute"),
        ("a two-digit second (SS)", "toml-two-digit-second"),
        ("`T` between date and time", "toml-t-between-date-and-time"),
        ("`-` (YYYY-MM) or `:` (HH:MM)", "toml-dash-or-colon"),
        ("newline", "toml-a-newline"),
        ("nothing", "toml-nothing"),
        ("key", "toml-a-key"),
        ("value", "toml-a-value"),
        ("numbers", "toml-digits"),
        ("digits", "toml-digits"),
        ("letters", "toml-letters"),
        ("characters", "toml-characters"),
        ("printable characters", "toml-characters"),
        ("non-single-quote visible characters", "toml-characters"),
        ("non-single-quote characters", "toml-characters"),
        ("non-double-quote visible characters", "toml-characters"),
        ("basic string", "toml-a-string"),
        ("literal string", "toml-a-string"),
        ("multi-line basic string", "toml-a-string"),
        ("unicode hexadecimal value", "toml-a-unicode-value"),
    ];
    WORDS
        .iter()
        .find(|(words, _)| *words == description)
        .map(|(_, key)| i18n::text(key, &[]))
}

/// "string \"21\"" → "a text \"21\"": the kind of value found, in words.
fn name_found(found: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("string", "kind-found-text"),
        ("integer", "kind-found-whole-number"),
        ("floating point", "kind-found-decimal"),
        ("boolean", "kind-found-boolean"),
        ("sequence", "kind-found-list"),
        ("map", "kind-found-table"),
    ];
    for (serde, key) in KINDS {
        if let Some(value) = found.strip_prefix(serde) {
            return format!("{}{value}", i18n::text(key, &[]));
        }
    }
    found.to_string()
}

/// What was expected, in words.
fn name_expected(expected: &str) -> String {
    let key = match expected {
        "i64" | "u32" | "u64" | "i32" | "u8" => "kind-expected-whole-number",
        "a string" => "kind-expected-text",
        "a boolean" => "kind-expected-boolean",
        "a sequence" => "kind-expected-list",
        _ if expected.starts_with("struct ") || expected == "a map" => "kind-expected-table",
        _ if expected.contains("datetime") => "kind-expected-date",
        _ => return expected.to_string(),
    };
    i18n::text(key, &[])
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
