//! Turning what editors type into paragraphs and lines.

/// Splits a body into paragraphs: blank lines separate them; the lines of a
/// paragraph are trimmed and joined (see [`join_lines`]).
pub fn paragraphs(body: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    // A paragraph separator (U+2029) ends a paragraph like a blank line.
    let all = split_lines(&body.replace('\u{2029}', "\n\n"));
    for line in &all {
        let line = line.trim();
        if line.is_empty() {
            if !lines.is_empty() {
                paragraphs.push(join_lines(&lines));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        paragraphs.push(join_lines(&lines));
    }
    paragraphs
}

/// Joins trimmed lines: nothing goes between lines that meet at a CJK
/// character (Chinese text has no spaces); one space goes between lines that
/// meet at Latin text, so "Hello," + "world" does not become one word.
pub fn join_lines(lines: &[&str]) -> String {
    let mut joined = String::new();
    for line in lines {
        if let (Some(last), Some(first)) = (joined.chars().last(), line.chars().next())
            && !is_wide(last)
            && !is_wide(first)
        {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

/// The lines of a title (`\n` is a forced break), trimmed, empty ones dropped.
pub fn title_lines(title: &str) -> Vec<String> {
    split_lines(title)
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A short text on one line: its lines trimmed and joined (contents
/// entries, sources, a title in the contents and the bookmarks).
pub fn one_line(text: &str) -> String {
    let all = split_lines(text);
    let lines: Vec<&str> = all
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    join_lines(&lines)
}

/// Lines, broken at every kind of line end an editor's text may carry:
/// `\n`, `\r\n`, a lone `\r` (old Mac files), and the vertical tab, form
/// feed, next-line, line and paragraph separators that Word pastes (in a
/// body, [`paragraphs`] has already made a paragraph separator a blank line).
fn split_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split([
            '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}',
        ])
        .map(str::to_string)
        .collect()
}

/// The first control character that cannot be printed (anything but tab and
/// the line ends above), e.g. one typed as the escape `\u0007`.
pub fn control_character(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}')
    })
}

/// Characters set on the CJK grid: ideographs, kana, hangul, and the
/// full-width punctuation and forms that go with them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul Jamo
        | 0x2E80..=0x2FDF     // CJK radicals
        | 0x2FF0..=0x303F     // description characters, CJK symbols and punctuation
        | 0x3040..=0x31FF     // kana, bopomofo, strokes
        | 0x3200..=0x4DBF     // enclosed CJK, compatibility, Ext A
        | 0x4E00..=0x9FFF     // unified ideographs
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF     // Hangul syllables
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0xFE10..=0xFE1F     // vertical forms
        | 0xFE30..=0xFE4F     // CJK compatibility forms
        | 0xFF00..=0xFF60     // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF   // supplementary ideographic planes
    ) || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_lines_join() {
        let body = "\n  8月9日，会议\n  召开。\n\n\n第二段 \r\n second\nline\n";
        assert_eq!(
            paragraphs(body),
            vec!["8月9日，会议召开。", "第二段second line"]
        );
    }

    #[test]
    fn latin_lines_join_with_one_space_cjk_without() {
        assert_eq!(join_lines(&["2023", "年"]), "2023年");
        assert_eq!(join_lines(&["Hello,", "world"]), "Hello, world");
        assert_eq!(join_lines(&["共征集", "12项"]), "共征集12项");
        assert_eq!(join_lines(&["第一", "“千人”"]), "第一“千人”");
    }

    #[test]
    fn every_kind_of_line_end_separates_lines() {
        assert_eq!(
            paragraphs("甲\r乙\u{2028}丙\r\n\r\n丁\u{2029}戊\r\n己"),
            vec!["甲乙丙", "丁", "戊己"]
        );
        assert_eq!(one_line(" 门头沟区\n科协 "), "门头沟区科协");
        assert_eq!(control_character("a\tb\u{2028}c"), None);
        assert_eq!(control_character("a\u{7}b"), Some('\u{7}'));
    }

    #[test]
    fn title_lines_split_at_newlines() {
        assert_eq!(title_lines("甲\n 乙 \n\n"), vec!["甲", "乙"]);
    }
}
