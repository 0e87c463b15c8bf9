//! Messages about the editors' files that point at a line and column.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use crate::t;

/// A problem at a place in a text file, shown as `path:line:col: message`
/// followed by the offending line and a caret under the spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// The whole offending line, without its line break.
    pub source_line: String,
    /// Display width of the marked part (at least 1).
    marker_width: usize,
    /// Display width of what precedes the marked part on its line.
    marker_offset: usize,
}

impl Located {
    /// Locates a byte range of `source` (the text of the file at `path`).
    pub fn new(path: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_end = line_start + source[line_start..line_end].trim_end_matches('\r').len();
        // Mark the span, but never past the end of its first line.
        let end = floor_char_boundary(source, span.end.clamp(start, line_end.max(start)));
        let before = &source[line_start..start];
        let marked = &source[start..end];
        let after = &source[end..line_end.max(end)];
        // A paragraph is one long line: show the part around the spot.
        let before_shown = keep_end(before, SHOWN_BEFORE);
        let marked_shown = keep_start(marked, SHOWN_MARKED);
        let after_shown = keep_start(after, SHOWN_AFTER);
        Self {
            path: path.to_path_buf(),
            line: source[..start].matches('\n').count() + 1,
            column: before.chars().count() + 1,
            message: message.into(),
            // A stray carriage return would move the terminal's cursor.
            source_line: format!("{before_shown}{marked_shown}{after_shown}").replace('\r', " "),
            marker_width: marked_shown.width().max(1),
            marker_offset: before_shown.width(),
        }
    }

    /// A problem with a whole file (no line to show), e.g. one that cannot
    /// be read.
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: String::new(),
            marker_width: 0,
            marker_offset: 0,
        }
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        // `file:line:col` stays as editors' tools read it; what follows is
        // in the user's language ("：" in Chinese).
        let separator = t!("location-separator");
        if self.line == 0 {
            return write!(f, "{path}{separator}{}", self.message);
        }
        writeln!(
            f,
            "{path}:{}:{}{separator}{}",
            self.line, self.column, self.message
        )?;
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{number} | {}", self.source_line.replace('\t', " "))?;
        write!(
            f,
            "{gutter} | {}{}",
            " ".repeat(self.marker_offset),
            "^".repeat(self.marker_width)
        )
    }
}

impl std::error::Error for Located {}

/// Several located problems, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Located>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The first is introduced by whoever prints the error ("error: ").
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "\n\n{}", crate::i18n::error_label())?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Located> for Problems {
    fn from(problem: Located) -> Self {
        Self(vec![problem])
    }
}

/// Something worth telling that did not stop a build: at its place in an
/// editor's file when it has one. Carried as a value to the surface that
/// shows it, so that the place is read from the location, never from the
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// At a line and column of a file (a photo printed blurred, a
    /// character printed as a box).
    At(Located),
    /// About the publication as a whole (a font not found), or Typst's own.
    Plain(String),
}

impl Warning {
    /// Where it is, if it is at a place in a file.
    pub fn located(&self) -> Option<&Located> {
        match self {
            Warning::At(located) => Some(located),
            Warning::Plain(_) => None,
        }
    }

    /// As a list of several issues' warnings prints it: with the file it
    /// belongs to (`shown`) in front, unless it is at its place in a file
    /// already (`issues/74.toml:22:8:`).
    pub fn in_file(&self, shown: &Path) -> String {
        match self {
            Warning::At(located) => located.to_string(),
            Warning::Plain(text) => {
                format!("{}{}{text}", shown.display(), t!("location-separator"))
            }
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::At(located) => located.fmt(f),
            Warning::Plain(text) => f.write_str(text),
        }
    }
}

/// How many characters of the offending line are shown before, in and
/// after the marked part.
const SHOWN_BEFORE: usize = 30;
const SHOWN_MARKED: usize = 40;
const SHOWN_AFTER: usize = 30;

/// The last `n` characters of `s`, with "…" for what is left out.
fn keep_end(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n).collect::<String>())
    }
}

/// The first `n` characters of `s`, with "…" for what is left out.
fn keep_start(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_the_spot() {
        let line = format!("{}X{}", "甲".repeat(500), "乙".repeat(500));
        let at = line.find('X').unwrap();
        let problem = Located::new(Path::new("a.toml"), &line, at..at + 1, "m");
        assert_eq!(problem.column, 501);
        let shown = format!("…{}X{}…", "甲".repeat(30), "乙".repeat(30));
        assert_eq!(problem.source_line, shown);
        // "1 | " then "…" (1 column) and 30 double-width characters.
        assert!(
            problem
                .to_string()
                .ends_with(&format!("  | {}^", " ".repeat(61)))
        );
    }

    #[test]
    fn points_at_line_and_character_column() {
        let src = "total = 74\n标题 = \"x\"\ntittle = 1\n";
        let at = src.find("tittle").unwrap();
        let problem = Located::new(Path::new("issues/74.toml"), src, at..at + 6, "unknown key");
        assert_eq!((problem.line, problem.column), (3, 1));
        let shown = problem.to_string();
        assert!(
            shown.starts_with("issues/74.toml:3:1: unknown key\n"),
            "{shown}"
        );
        assert!(shown.contains("3 | tittle = 1\n  | ^^^^^^"), "{shown}");

        let at = src.find('"').unwrap();
        let problem = Located::new(Path::new("a.toml"), src, at..at + 3, "m");
        // Column counts characters; the caret accounts for double-width CJK.
        assert_eq!((problem.line, problem.column), (2, 6));
        assert!(problem.to_string().ends_with("  |        ^^^"), "{problem}");
    }
}
