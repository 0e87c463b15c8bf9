//! What the binary tells: where a message points, and English words
//! where a Chinese reader should find none.

/// A place in a file as a message shows it: 1-based line and column (in
/// characters), and that line's text.
#[derive(Debug, Clone)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    /// The line, without its line end.
    pub source_line: String,
}

impl Spot {
    /// The spot of byte `at` of `text`.
    pub fn at(text: &str, at: usize) -> Self {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        Self {
            line: text[..at].matches('\n').count() + 1,
            column: text[line_start..at].chars().count() + 1,
            source_line: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }

    /// Where `mark` starts inside `context`, which must occur exactly once
    /// in `text`.
    pub fn of(text: &str, context: &str, mark: &str) -> Self {
        assert_eq!(
            text.matches(context).count(),
            1,
            "{context:?} occurs once in the file"
        );
        let inside = context
            .find(mark)
            .unwrap_or_else(|| panic!("{mark:?} is in {context:?}"));
        Self::at(text, text.find(context).unwrap() + inside)
    }

    /// The part of its line before the spot.
    pub fn before(&self) -> &str {
        let end = self
            .source_line
            .char_indices()
            .nth(self.column - 1)
            .map_or(self.source_line.len(), |(i, _)| i);
        &self.source_line[..end]
    }
}

/// Every `FILE:LINE:COL` of `file` in `text` (a message), as (line, column).
pub fn locations(text: &str, file: &str) -> Vec<(usize, usize)> {
    let prefix = format!("{file}:");
    text.match_indices(&prefix)
        .filter_map(|(at, _)| {
            let mut numbers = text[at + prefix.len()..].splitn(3, ':');
            let line = numbers.next()?.parse().ok()?;
            let column = numbers.next()?.trim_end().parse().ok()?;
            Some((line, column))
        })
        .collect()
}

/// An English sentence in a message meant for a Chinese reader: three or
/// more English words in a row, outside what is shown as typed (the
/// offending line and its caret, anything in quotes or backticks, paths,
/// keys, code points and options). `None` when there is none.
pub fn english_in(message: &str) -> Option<String> {
    for line in message.lines() {
        // The located frame's gutter lines show the editor's own text.
        let trimmed = line.trim_start();
        let gutter = trimmed
            .split_once('|')
            .is_some_and(|(number, _)| number.trim().chars().all(|c| c.is_ascii_digit()));
        if gutter {
            continue;
        }
        let mut plain = String::new();
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match quote {
                Some(close) if c == close => quote = None,
                Some(_) => {}
                None => match c {
                    '`' => quote = Some('`'),
                    '"' => quote = Some('"'),
                    '“' => quote = Some('”'),
                    '‘' => quote = Some('’'),
                    _ => plain.push(c),
                },
            }
        }
        let mut run: Vec<&str> = Vec::new();
        // A word touching Chinese text (a key in a list, 键“x”) is not an
        // English word.
        let words = plain.split(char::is_whitespace);
        for word in words.chain(std::iter::once("")) {
            let english = !word.is_empty()
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && (word.len() == 1 || !word.chars().all(|c| c.is_ascii_uppercase()));
            if english {
                run.push(word);
            } else {
                if run.len() >= 3 {
                    return Some(run.join(" "));
                }
                run.clear();
            }
        }
    }
    None
}
