//! Punctuation checks for the Chinese text in the editors' TOML files, after
//! GB/T 15834 (标点符号用法): what `bulletin check` reports and
//! `bulletin check --fix` corrects.
//!
//! Only string values are read. Each is decoded here character by character,
//! keeping the source bytes that typed each character, so that a fix replaces
//! exactly what the editor typed (an escaped `\"` included) and comments,
//! keys and layout stay as they are.

pub mod check;

use std::ops::Range;

use toml_edit::{Document, Formatted, Item, Table, TomlError, Value};

use crate::t;

/// One punctuation problem in a TOML file's text, with its fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// Byte range in the TOML source that the fix replaces (the raw text as
    /// typed, e.g. `\"` for an escaped quote).
    pub span: Range<usize>,
    /// What replaces `span` (may be empty: delete).
    pub replacement: String,
    /// One sentence: what is wrong and the fix, e.g.
    /// `half-width comma "," next to Chinese text: use "，"`.
    pub message: String,
}

/// The kinds of punctuation problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `,` `:` `;` `(` `)` `?` `!` in Chinese text, and `.` ending a
    /// Chinese sentence.
    HalfWidthPunctuation,
    /// `"` and `'` in Chinese text.
    StraightQuote,
    /// `。。` `，，` `、、` `；；` `：：`.
    DoubledPunctuation,
    /// Spaces or tabs between Chinese characters.
    SpaceBetweenChinese,
    /// `...`, `。。。` or a single `…` where Chinese uses `……`.
    Ellipsis,
}

impl Rule {
    /// A stable name for the rule, e.g. `half-width-punctuation`, for tests
    /// and for configuration that may one day turn rules on or off.
    pub fn name(self) -> &'static str {
        match self {
            Rule::HalfWidthPunctuation => "half-width-punctuation",
            Rule::StraightQuote => "straight-quote",
            Rule::DoubledPunctuation => "doubled-punctuation",
            Rule::SpaceBetweenChinese => "space-between-chinese",
            Rule::Ellipsis => "ellipsis",
        }
    }
}

/// Keys whose values are file names or colours, not text.
const NOT_TEXT: [&str; 4] = ["path", "paths", "file", "red"];

/// Keys whose values list recipients (the 报尾 lines of bulletin.toml's or
/// an issue's `[footer]`), where a space separates two of them.
const RECIPIENTS: [&str; 2] = ["distribution", "lines"];

/// Keys whose values are names, where a space separates two of them.
const NAMES: [&str; 2] = ["editor", "reviewer"];

/// Lints every string value of a TOML document (top level, tables, arrays,
/// arrays of tables, inline tables), except values whose key is `path`,
/// `paths`, `file` or `red` (file names and colours are not text).
///
/// Returns findings sorted by span start, non-overlapping. A document that
/// does not parse returns `Err` (the caller reports parse errors elsewhere).
pub fn lint_toml(source: &str) -> Result<Vec<Finding>, TomlError> {
    let document = Document::parse(source)?;
    let mut findings = Vec::new();
    for_each_string(document.as_table(), true, &mut |key, string| {
        if let Some(span) = string.span() {
            let list = if RECIPIENTS.contains(&key) {
                Some("recipients")
            } else if NAMES.contains(&key) {
                Some("names")
            } else {
                None
            };
            findings.extend(lint_string(source, span, list));
        }
    });
    findings.sort_by_key(|finding| finding.span.start);
    Ok(findings)
}

/// Applies fixes to the source text, changing nothing else (comments, key
/// order, whitespace, other characters all survive).
pub fn apply_fixes(source: &str, findings: &[Finding]) -> String {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|finding| (finding.span.start, finding.span.end));
    let mut fixed = String::with_capacity(source.len());
    let mut copied = 0;
    for finding in sorted {
        // A finding that overlaps one already applied, or does not fit the
        // text, is left out rather than allowed to garble it.
        if finding.span.start < copied || source.get(finding.span.clone()).is_none() {
            continue;
        }
        fixed.push_str(&source[copied..finding.span.start]);
        fixed.push_str(&finding.replacement);
        copied = finding.span.end;
    }
    fixed.push_str(&source[copied..]);
    fixed
}

/// What [`for_each_string`] calls for each string: the innermost key whose
/// value holds it (for an array element, the array's key), and the string.
type Visit<'v> = dyn FnMut(&str, &Formatted<String>) + 'v;

/// Calls `visit` for every string value under `table`, in document order
/// within each table; with `text_only`, the values of [`NOT_TEXT`] keys and
/// everything under them are left out.
fn for_each_string(table: &Table, text_only: bool, visit: &mut Visit) {
    for (key, item) in table.iter() {
        if text_only && NOT_TEXT.contains(&key) {
            continue;
        }
        match item {
            Item::Value(value) => value_strings(key, value, text_only, visit),
            Item::Table(table) => for_each_string(table, text_only, visit),
            Item::ArrayOfTables(tables) => {
                for table in tables.iter() {
                    for_each_string(table, text_only, visit);
                }
            }
            Item::None => {}
        }
    }
}

fn value_strings(key: &str, value: &Value, text_only: bool, visit: &mut Visit) {
    match value {
        Value::String(string) => visit(key, string),
        Value::Array(array) => {
            for value in array.iter() {
                value_strings(key, value, text_only, visit);
            }
        }
        Value::InlineTable(table) => {
            for (key, value) in table.iter() {
                if !(text_only && NOT_TEXT.contains(&key)) {
                    value_strings(key, value, text_only, visit);
                }
            }
        }
        _ => {}
    }
}

/// One character of a string's value and the source bytes that typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Typed {
    c: char,
    span: Range<usize>,
}

/// Decodes a string exactly as written in the source (`raw`, quotes
/// included, starting at byte `offset`) into its characters.
fn decode(raw: &str, offset: usize) -> Vec<Typed> {
    let (delimiter, escapes, multi_line) = if raw.starts_with("\"\"\"") {
        ("\"\"\"", true, true)
    } else if raw.starts_with("'''") {
        ("'''", false, true)
    } else if raw.starts_with('"') {
        ("\"", true, false)
    } else {
        ("'", false, false)
    };
    let Some(mut rest) = raw
        .strip_prefix(delimiter)
        .and_then(|inner| inner.strip_suffix(delimiter))
    else {
        return Vec::new();
    };
    let mut at = offset + delimiter.len();
    // A line break right after the opening quotes is not part of the value.
    if multi_line && let Some(first) = ["\r\n", "\n"].iter().find(|nl| rest.starts_with(**nl)) {
        at += first.len();
        rest = &rest[first.len()..];
    }
    let mut chars = Vec::new();
    while let Some(c) = rest.chars().next() {
        let (decoded, len) = if escapes && c == '\\' {
            escape(rest)
        } else {
            (Some(c), c.len_utf8())
        };
        if let Some(decoded) = decoded {
            chars.push(Typed {
                c: decoded,
                span: at..at + len,
            });
        }
        at += len;
        rest = &rest[len..];
    }
    chars
}

/// The character an escape at the start of `rest` stands for (none for a
/// line-ending backslash) and how many bytes it takes.
fn escape(rest: &str) -> (Option<char>, usize) {
    let after = &rest[1..];
    let simple = match after.chars().next() {
        Some('b') => Some('\u{8}'),
        Some('t') => Some('\t'),
        Some('n') => Some('\n'),
        Some('f') => Some('\u{c}'),
        Some('r') => Some('\r'),
        Some('e') => Some('\u{1b}'),
        Some('"') => Some('"'),
        Some('\\') => Some('\\'),
        Some(' ' | '\t' | '\r' | '\n') => {
            // A line-ending backslash swallows the line break and all white
            // space after it.
            let kept = after.trim_start_matches([' ', '\t', '\r', '\n']);
            return (None, rest.len() - kept.len());
        }
        _ => None,
    };
    if let Some(c) = simple {
        return (Some(c), 2);
    }
    let digits = match after.chars().next() {
        Some('x') => 2,
        Some('u') => 4,
        Some('U') => 8,
        _ => 0,
    };
    after
        .get(1..1 + digits)
        .filter(|_| digits > 0)
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .and_then(char::from_u32)
        .map_or((Some('\\'), 1), |c| (Some(c), 2 + digits))
}

/// A Han ideograph: the unified blocks and their extensions, the
/// compatibility blocks, and 〇 and 々, which are written as characters.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
        || matches!(c, '〇' | '々')
}

/// Full-width punctuation, which only Chinese (or Japanese) text uses. The
/// ideographic space U+3000 is left out: editors put it where they mean it.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0xFE10..=0xFE19 | 0xFE30..=0xFE4F
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Punctuation that Chinese text uses but English typography uses too.
fn is_shared_punctuation(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '―' | '·')
}

/// Closing quotes and brackets, which end what they enclose.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '》' | '〉' | '）' | '」' | '』' | '】' | '〕' | '〗'
    )
}

/// Opening quotes and brackets, which start what they enclose.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '〈' | '（' | '「' | '『' | '【' | '〔' | '〖'
    )
}

/// A letter of an alphabetic script (Latin, also Greek or Cyrillic) or a
/// digit: text that is not Chinese.
fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_digit() || (is_letter(c) && (c as u32) < 0x2E80)
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t')
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A letter of an alphabet (Han characters count as letters to Rust).
fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !is_han(c)
}

/// The full-width form of a half-width mark that rule 1 checks.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// What editors call a mark, by its full-width form.
fn mark_name(full: char) -> String {
    match full {
        '，' => t!("lint-mark-comma"),
        '：' => t!("lint-mark-colon"),
        '；' => t!("lint-mark-semicolon"),
        '？' => t!("lint-mark-question"),
        '！' => t!("lint-mark-exclamation"),
        '（' => t!("lint-mark-opening-parenthesis"),
        _ => t!("lint-mark-closing-parenthesis"),
    }
}

/// Why a half-width mark or straight quote is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// Chinese text is next to it (or, for a quote, between it and its partner).
    Chinese,
    /// Its partner is fixed or is already full-width.
    Partner,
}

/// A straight quote and how it pairs.
#[derive(Debug)]
struct Quote {
    at: usize,
    partner: Option<usize>,
    /// Opening or closing, if paired.
    opening: Option<bool>,
    /// The curly quotes for this kind: opening and closing.
    curly: (char, char),
}

/// A fix in terms of character indices, before it is placed in the source.
struct Fix {
    rule: Rule,
    chars: Range<usize>,
    replacement: String,
    message: String,
}

/// One string value being linted.
struct Text<'a> {
    source: &'a str,
    chars: &'a [Typed],
    /// The characters as they will read once the fixes found so far are
    /// made, so that each rule sees the text as the others leave it.
    view: Vec<char>,
    /// Characters that a fix already covers.
    claimed: Vec<bool>,
    /// Characters of web addresses, where ASCII punctuation is meant.
    in_url: Vec<bool>,
    /// Whether the value has Han characters, which makes punctuation shared
    /// with English (“ ” … —) count as Chinese.
    has_han: bool,
    /// What the value lists, `recipients` or `names`, if a space in it
    /// separates two of them.
    list: Option<&'static str>,
    fixes: Vec<Fix>,
}

/// Lints the string typed at `span`; `list` says what it lists, if it is a
/// list of recipients or names separated by spaces.
fn lint_string(source: &str, span: Range<usize>, list: Option<&'static str>) -> Vec<Finding> {
    let Some(raw) = source.get(span.clone()) else {
        return Vec::new();
    };
    let chars = decode(raw, span.start);
    let mut text = Text::new(source, &chars);
    text.list = list;
    text.doubled_marks();
    text.in_chinese_text();
    text.full_stops();
    text.spaces();
    text.fixes
        .into_iter()
        .map(|fix| Finding {
            rule: fix.rule,
            span: chars[fix.chars.start].span.start..chars[fix.chars.end - 1].span.end,
            replacement: fix.replacement,
            message: fix.message,
        })
        .collect()
}

impl<'a> Text<'a> {
    fn new(source: &'a str, chars: &'a [Typed]) -> Self {
        let view: Vec<char> = chars.iter().map(|typed| typed.c).collect();
        Self {
            source,
            chars,
            in_url: url_mask(&view),
            has_han: view.iter().any(|&c| is_han(c)),
            list: None,
            claimed: vec![false; view.len()],
            view,
            fixes: Vec::new(),
        }
    }

    fn is_chinese(&self, c: char) -> bool {
        is_han(c) || is_cjk_punctuation(c) || (self.has_han && is_shared_punctuation(c))
    }

    /// The nearest character before index `i` on the same line, past spaces
    /// and tabs.
    fn index_before(&self, i: usize) -> Option<usize> {
        let k = (0..i).rev().find(|&k| !is_blank(self.view[k]))?;
        (!is_line_break(self.view[k])).then_some(k)
    }

    /// The nearest character from index `i` on, on the same line, past
    /// spaces and tabs.
    fn index_after(&self, i: usize) -> Option<usize> {
        let k = (i..self.view.len()).find(|&k| !is_blank(self.view[k]))?;
        (!is_line_break(self.view[k])).then_some(k)
    }

    /// Whether Chinese text is next to the characters `chars`, past spaces.
    ///
    /// A closing quote or bracket after them, or an opening one before
    /// them, is not Chinese text by itself when the text on their other side
    /// is Latin letters or digits: they end or start an English quotation
    /// or title, as in `“What is science?”`, and the mark is its.
    fn next_to_chinese(&self, chars: Range<usize>) -> bool {
        let before = self.index_before(chars.start);
        let after = self.index_after(chars.end);
        // A parenthesis right inside a full-width one is nested in it, and
        // matches it.
        let parenthesis = matches!(self.chars[chars.start].c, '(' | ')');
        let chinese = |side: Option<usize>, encloses: fn(char) -> bool, latin: bool| {
            side.is_some_and(|k| {
                let c = self.view[k];
                let nested = parenthesis && matches!(c, '（' | '）');
                self.is_chinese(c) && (nested || !(encloses(c) && latin))
            })
        };
        chinese(before, is_opening, self.latin_from(after, true))
            || chinese(after, is_closing, self.latin_from(before, false))
    }

    /// Whether Latin letters or digits are at index `k`, or past spaces and
    /// half-width marks (as typed and not fixed) from `k` on (`forward`) or
    /// back, on the same line.
    fn latin_from(&self, mut k: Option<usize>, forward: bool) -> bool {
        while let Some(i) = k {
            let c = self.view[i];
            if is_latin_or_digit(c) {
                return true;
            }
            if c != self.chars[i].c || !(c.is_ascii_punctuation() || c == '…') {
                return false;
            }
            k = if forward {
                self.index_after(i + 1)
            } else {
                self.index_before(i)
            };
        }
        false
    }

    /// Whether Chinese text is right next to the character at `i`, or only
    /// spaces that a fixed mark takes with it stand between them.
    fn touches_chinese(&self, i: usize) -> bool {
        (i > 0 && self.is_chinese(self.view[i - 1]))
            || self.view.get(i + 1).is_some_and(|&c| self.is_chinese(c))
            || [self.index_before(i), self.index_after(i + 1)]
                .into_iter()
                .flatten()
                .any(|k| full_width(self.chars[k].c).is_some() && self.view[k] != self.chars[k].c)
    }

    /// The source text that typed the characters `chars`.
    fn typed(&self, chars: Range<usize>) -> &'a str {
        &self.source[self.chars[chars.start].span.start..self.chars[chars.end - 1].span.end]
    }

    /// Whether characters `a` and `b = a + 1` are typed next to each other
    /// (no line-ending backslash between them).
    fn adjoin(&self, a: usize, b: usize) -> bool {
        self.chars[a].span.end == self.chars[b].span.start
    }

    fn fix(&mut self, rule: Rule, chars: Range<usize>, replacement: String, message: String) {
        self.claimed[chars.clone()].fill(true);
        self.fixes.push(Fix {
            rule,
            chars,
            replacement,
            message,
        });
    }

    /// Rule 3, and rule 5 for `。。。`: the same full-width mark more than
    /// once, also with spaces between (deleting those would leave the marks
    /// doubled).
    fn doubled_marks(&mut self) {
        let mut start = 0;
        while start < self.view.len() {
            let c = self.view[start];
            if !matches!(c, '。' | '，' | '、' | '；' | '：') {
                start += 1;
                continue;
            }
            let mut end = start + 1;
            let mut count = 1;
            while let Some(k) = self.index_after(end)
                && self.view[k] == c
            {
                end = k + 1;
                count += 1;
            }
            if count >= 2 && !self.half_width_beside(start..end, c) {
                let typed = self.typed(start..end);
                if c == '。' && count >= 3 {
                    let message = t!("lint-ellipsis", typed = typed);
                    self.view[start..end].fill('…');
                    self.fix(Rule::Ellipsis, start..end, "……".into(), message);
                } else {
                    let message = t!("lint-doubled", typed = typed, mark = c);
                    self.fix(Rule::DoubledPunctuation, start..end, c.into(), message);
                }
            }
            start = end;
        }
    }

    /// Whether the half-width form of `full` is typed next to the characters
    /// `chars`: rule 1 then fixes the whole run at once.
    fn half_width_beside(&self, chars: Range<usize>, full: char) -> bool {
        [self.index_before(chars.start), self.index_after(chars.end)]
            .into_iter()
            .flatten()
            .any(|k| !self.in_url[k] && full_width(self.view[k]) == Some(full))
    }

    /// Rules 1, 2 and 5, which fire in Chinese text. Each fix can put
    /// another mark in Chinese text (`研究...,`), so they are found together
    /// until nothing more changes.
    fn in_chinese_text(&mut self) {
        let n = self.view.len();
        let marks: Vec<usize> = (0..n)
            .filter(|&i| !self.claimed[i] && !self.in_url[i] && full_width(self.view[i]).is_some())
            .collect();
        let partners = self.parenthesis_partners();
        let quotes = self.quotes();
        let ellipses = self.ellipses();
        let mut reasons: Vec<Option<Reason>> = vec![None; n];
        let mut fired_ellipses = vec![false; ellipses.len()];
        loop {
            let mut changed = false;
            for (run, fired) in ellipses.iter().zip(&mut fired_ellipses) {
                if !*fired && self.next_to_chinese(run.clone()) {
                    *fired = true;
                    self.view[run.clone()].fill('…');
                    changed = true;
                }
            }
            for &i in &marks {
                if reasons[i].is_some() {
                    continue;
                }
                // A parenthesis whose partner is full-width (typed so, or
                // fixed) is fixed with it, so the pair matches.
                let reason = if self.next_to_chinese(i..i + 1) {
                    Some(Reason::Chinese)
                } else if let Some(p) = partners[i]
                    && is_cjk_punctuation(self.view[p])
                {
                    Some(Reason::Partner)
                } else {
                    None
                };
                if let Some(reason) = reason {
                    reasons[i] = Some(reason);
                    self.view[i] = full_width(self.view[i]).unwrap_or(self.view[i]);
                    changed = true;
                }
            }
            for quote in &quotes {
                if reasons[quote.at].is_some() {
                    continue;
                }
                let paired_in_chinese = quote.partner.is_some_and(|p| {
                    self.touches_chinese(p)
                        || self.chinese_between(quote.at, p)
                        || self.is_chinese(self.view[p])
                });
                if self.touches_chinese(quote.at) || paired_in_chinese {
                    reasons[quote.at] = Some(Reason::Chinese);
                    let opening = quote.opening.unwrap_or_else(|| self.opens(quote.at));
                    self.view[quote.at] = if opening {
                        quote.curly.0
                    } else {
                        quote.curly.1
                    };
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }

        for (run, _) in ellipses
            .iter()
            .zip(fired_ellipses)
            .filter(|(_, fired)| *fired)
        {
            let typed = self.typed(run.clone());
            let message = if run.len() == 1 {
                t!("lint-single-ellipsis")
            } else {
                t!("lint-ellipsis", typed = typed)
            };
            self.fix(Rule::Ellipsis, run.clone(), "……".into(), message);
        }
        for &i in &marks {
            if let Some(reason) = reasons[i]
                && !self.claimed[i]
            {
                self.fix_mark(i, reason);
            }
        }
        for quote in quotes.iter().filter(|quote| reasons[quote.at].is_some()) {
            let at = quote.at;
            let typed = self.typed(at..at + 1);
            let curly = self.view[at];
            let which = if curly == quote.curly.0 {
                "opening"
            } else {
                "closing"
            };
            let message = if quote.opening.is_some() {
                t!(
                    "lint-straight-quote",
                    typed = typed,
                    which = which,
                    curly = curly
                )
            } else {
                t!(
                    "lint-unpaired-quote",
                    typed = typed,
                    which = which,
                    curly = curly
                )
            };
            self.fix(Rule::StraightQuote, at..at + 1, curly.into(), message);
        }
    }

    /// The candidates for rule 5 that need Chinese text next to them: three
    /// or more `.` and a lone `…`.
    fn ellipses(&self) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let mut start = 0;
        while start < self.chars.len() {
            let c = self.chars[start].c;
            let len = self.chars[start..]
                .iter()
                .take_while(|typed| typed.c == c)
                .count();
            let run = start..start + len;
            let free = run.clone().all(|k| !self.claimed[k] && !self.in_url[k]);
            if free && ((c == '.' && len >= 3) || (c == '…' && len == 1)) {
                runs.push(run);
            }
            start += len;
        }
        runs
    }

    /// Records the fix of the fixed half-width mark at `i`: one full-width
    /// mark for a run of the same comma, colon or semicolon, and without the
    /// spaces around it, as full-width marks carry their own space.
    fn fix_mark(&mut self, i: usize, reason: Reason) {
        let full = self.view[i];
        let mut marks = i..i + 1;
        if matches!(full, '，' | '：' | '；') {
            let free =
                |text: &Self, range: Range<usize>| range.into_iter().all(|j| !text.claimed[j]);
            while let Some(k) = self.index_before(marks.start)
                && self.view[k] == full
                && free(self, k..marks.start)
            {
                marks.start = k;
            }
            while let Some(k) = self.index_after(marks.end)
                && self.view[k] == full
                && free(self, marks.end..k + 1)
            {
                marks.end = k + 1;
            }
        }
        let start = self.blanks_before(marks.start);
        let end = self.blanks_after(marks.end);
        // The marks as typed, without the spaces between doubled ones.
        let typed = self.typed(marks.clone()).replace([' ', '\t'], "");
        let name = mark_name(full);
        let spaces = match (start < marks.start, end > marks.end) {
            (false, false) => String::new(),
            (true, false) => t!("lint-no-space-before"),
            (false, true) => t!("lint-no-space-after"),
            (true, true) => t!("lint-no-space-around"),
        };
        let count = self.view[marks.clone()]
            .iter()
            .filter(|&&c| c == full)
            .count();
        let message = if count > 1 {
            t!(
                "lint-doubled-mark",
                name = name,
                typed = typed,
                full = full,
                spaces = spaces
            )
        } else if reason == Reason::Partner {
            t!(
                "lint-half-width-partner",
                name = name,
                typed = typed,
                full = full,
                spaces = spaces
            )
        } else {
            t!(
                "lint-half-width",
                name = name,
                typed = typed,
                full = full,
                spaces = spaces
            )
        };
        self.fix(Rule::HalfWidthPunctuation, start..end, full.into(), message);
    }

    /// Rule 1 for the full stop: a lone `.` right after a Chinese character
    /// or a Chinese closing mark ends a Chinese sentence (`参加.`, `休息.明天`).
    /// A `.` followed at once by a letter or digit is part of a file name, a
    /// domain or an address (`通知.pdf`, `张三.li@x.cn`), one after a letter
    /// or digit is a number's or an abbreviation's (`3.5`, `e.g.`), and `...`
    /// is an ellipsis: none of these is touched.
    fn full_stops(&mut self) {
        for i in 0..self.view.len() {
            if self.view[i] != '.' || self.claimed[i] || self.in_url[i] {
                continue;
            }
            let before = i.checked_sub(1).map(|k| self.view[k]);
            let after = self.view.get(i + 1).copied();
            let after_chinese = before.is_some_and(|c| {
                self.adjoin(i - 1, i) && (is_han(c) || (is_closing(c) && self.is_chinese(c)))
            });
            let part_of_a_name = after.is_some_and(|c| c == '.' || is_latin_or_digit(c));
            if !after_chinese || part_of_a_name {
                continue;
            }
            // Spaces after it go with it when Chinese text follows them:
            // the full-width mark carries its own space.
            let end = match self.index_after(i + 1) {
                Some(k) if self.is_chinese(self.view[k]) => self.blanks_after(i + 1),
                _ => i + 1,
            };
            self.view[i] = '。';
            let spaces = if end > i + 1 {
                t!("lint-no-space-after")
            } else {
                String::new()
            };
            let message = t!(
                "lint-half-width",
                name = t!("lint-mark-full-stop"),
                typed = ".",
                full = '。',
                spaces = spaces
            );
            self.fix(Rule::HalfWidthPunctuation, i..end, "。".into(), message);
        }
    }

    /// Where the spaces and tabs just before character `i` start, if they
    /// sit between it and more text on the same line; `i` if there are none
    /// to take.
    fn blanks_before(&self, i: usize) -> usize {
        let mut start = i;
        while start > 0
            && is_blank(self.view[start - 1])
            && !self.claimed[start - 1]
            && self.adjoin(start - 1, start)
        {
            start -= 1;
        }
        if start == 0 || is_line_break(self.view[start - 1]) {
            i
        } else {
            start
        }
    }

    /// Where the spaces and tabs from character `i` on end, if they sit
    /// between the text before `i` and more text on the same line.
    fn blanks_after(&self, i: usize) -> usize {
        let mut end = i;
        while end < self.view.len()
            && is_blank(self.view[end])
            && !self.claimed[end]
            && self.adjoin(end - 1, end)
        {
            end += 1;
        }
        if end == self.view.len() || is_line_break(self.view[end]) {
            i
        } else {
            end
        }
    }

    /// Rule 4: spaces and tabs between Chinese characters or marks on one
    /// line; in a list of recipients or names, those between two of them
    /// become one ideographic space.
    fn spaces(&mut self) {
        let mut i = 0;
        while i < self.view.len() {
            if !is_blank(self.view[i]) || self.claimed[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < self.view.len() && is_blank(self.view[i]) && !self.claimed[i] {
                i += 1;
            }
            if start > 0
                && i < self.view.len()
                && self.is_chinese(self.view[start - 1])
                && self.is_chinese(self.view[i])
            {
                let blanks = &self.view[start..i];
                let kind = if blanks.iter().all(|&c| c == '\t') {
                    "tab"
                } else if blanks.contains(&'\t') {
                    "mixed"
                } else {
                    "space"
                };
                let what = t!("lint-blanks", count = blanks.len(), kind = kind);
                let (before, after) = (self.view[start - 1], self.view[i]);
                // In a list, a space between two names (not one next to a
                // mark such as `、` or `：`) separates them.
                let separates =
                    (is_han(before) || is_closing(before)) && (is_han(after) || is_opening(after));
                if let Some(list) = self.list
                    && separates
                {
                    let message = t!(
                        "lint-space-in-list",
                        what = what,
                        before = before,
                        after = after,
                        list = list
                    );
                    self.fix(
                        Rule::SpaceBetweenChinese,
                        start..i,
                        "\u{3000}".into(),
                        message,
                    );
                } else {
                    let message = t!(
                        "lint-space-between",
                        what = what,
                        before = before,
                        after = after,
                        count = blanks.len()
                    );
                    self.fix(Rule::SpaceBetweenChinese, start..i, String::new(), message);
                }
            }
        }
    }

    /// For each parenthesis, half- or full-width, the one that matches it.
    fn parenthesis_partners(&self) -> Vec<Option<usize>> {
        let mut partners = vec![None; self.view.len()];
        let mut open = Vec::new();
        for (i, &c) in self.view.iter().enumerate() {
            if self.in_url[i] || self.claimed[i] {
                continue;
            }
            match c {
                '(' | '（' => open.push(i),
                ')' | '）' => {
                    if let Some(o) = open.pop() {
                        partners[o] = Some(i);
                        partners[i] = Some(o);
                    }
                }
                _ => {}
            }
        }
        partners
    }

    /// The straight quotes, paired in order with each other and with curly
    /// quotes of their kind: a straight quote closes the quote that is open,
    /// or else opens one. Right after a digit, one that does not close a
    /// quote is an inch mark (`27"`), or for `'` a foot or minute mark, and
    /// is left out.
    fn quotes(&self) -> Vec<Quote> {
        let mut quotes: Vec<Quote> = Vec::new();
        for (straight, curly) in [('"', ('“', '”')), ('\'', ('‘', '’'))] {
            // The open quote: where it is, and its entry if it is straight.
            let mut open: Option<(usize, Option<usize>)> = None;
            for (i, &c) in self.view.iter().enumerate() {
                if self.in_url[i] || self.is_apostrophe(i) {
                    continue;
                }
                if c == curly.0 {
                    open = Some((i, None));
                } else if c == curly.1 {
                    if let Some((_, Some(entry))) = open.take() {
                        quotes[entry].partner = Some(i);
                        quotes[entry].opening = Some(true);
                    }
                } else if c == straight {
                    if open.is_none() && self.after_digit(i) {
                        continue;
                    }
                    let entry = quotes.len();
                    quotes.push(Quote {
                        at: i,
                        partner: None,
                        opening: None,
                        curly,
                    });
                    if let Some((o, opener)) = open.take() {
                        quotes[entry].partner = Some(o);
                        quotes[entry].opening = Some(false);
                        if let Some(opener) = opener {
                            quotes[opener].partner = Some(i);
                            quotes[opener].opening = Some(true);
                        }
                    } else {
                        open = Some((i, Some(entry)));
                    }
                }
            }
        }
        quotes
    }

    /// Whether the character at `i` is typed right after a digit.
    fn after_digit(&self, i: usize) -> bool {
        i > 0 && self.view[i - 1].is_ascii_digit() && self.adjoin(i - 1, i)
    }

    /// A `'` or `’` between two letters, as in `don't`.
    fn is_apostrophe(&self, i: usize) -> bool {
        matches!(self.view[i], '\'' | '’')
            && i > 0
            && self.view.get(i + 1).is_some_and(|&c| is_letter(c))
            && is_letter(self.view[i - 1])
    }

    /// Whether an unpaired quote at `i` opens a quotation: it does when a
    /// word or an opening bracket follows it.
    fn opens(&self, i: usize) -> bool {
        self.view.get(i + 1).is_some_and(|&c| {
            c.is_alphanumeric() || matches!(c, '（' | '《' | '【' | '〔' | '「' | '『')
        })
    }

    fn chinese_between(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        self.view[a + 1..b].iter().any(|&c| self.is_chinese(c))
    }
}

/// Marks web addresses (`https://…`, `www.…`), which run to the first
/// character that is not printable ASCII; punctuation that ends a sentence
/// right after one is not part of it.
fn url_mask(view: &[char]) -> Vec<bool> {
    let mut mask = vec![false; view.len()];
    let mut i = 0;
    while i < view.len() {
        let starts = ["http://", "https://", "ftp://", "www."]
            .iter()
            .any(|scheme| {
                scheme
                    .chars()
                    .enumerate()
                    .all(|(k, s)| view.get(i + k).is_some_and(|c| c.to_ascii_lowercase() == s))
            });
        if !starts || (i > 0 && view[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut end = i + view[i..]
            .iter()
            .take_while(|c| c.is_ascii_graphic())
            .count();
        let has_open = view[i..end].contains(&'(');
        while end > i
            && (matches!(
                view[end - 1],
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '('
            ) || (view[end - 1] == ')' && !has_open))
        {
            end -= 1;
        }
        mask[i..end].fill(true);
        i = end.max(i + 1);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string value of a document in visiting order, decoded by
    /// toml_edit.
    fn values(source: &str) -> Vec<String> {
        let document = Document::parse(source).expect("the document parses");
        let mut values = Vec::new();
        for_each_string(document.as_table(), false, &mut |_, string| {
            values.push(string.value().clone());
        });
        values
    }

    /// Lints and fixes `source`, checking what every fix must keep: findings
    /// sorted and apart, the fixed source parsing, every value changed only
    /// where a finding says. Returns the fixed source.
    fn checked_fix(source: &str) -> String {
        let findings = lint_toml(source).expect("the document parses");
        for pair in findings.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "{findings:#?}");
        }
        let fixed = apply_fixes(source, &findings);

        // What each value should read: the characters outside the findings
        // as they were, each finding's replacement in place of its own.
        let document = Document::parse(source).unwrap();
        let mut expected = Vec::new();
        for_each_string(document.as_table(), false, &mut |_, string| {
            let span = string.span().unwrap();
            let chars = decode(&source[span.clone()], span.start);
            assert_eq!(
                chars.iter().map(|typed| typed.c).collect::<String>(),
                *string.value(),
                "decoding {:?}",
                &source[span]
            );
            let mut value = String::new();
            let mut done = 0;
            for typed in &chars {
                match findings.iter().find(|f| f.span.contains(&typed.span.start)) {
                    Some(finding) if finding.span.start >= done => {
                        value.push_str(&finding.replacement);
                        done = finding.span.end;
                    }
                    Some(_) => {}
                    None => value.push(typed.c),
                }
            }
            expected.push(value);
        });
        assert_eq!(values(&fixed), expected, "fixed source:\n{fixed}");
        fixed
    }

    /// [`checked_fix`], and nothing left to find in the fixed source.
    fn fix(source: &str) -> String {
        let fixed = checked_fix(source);
        assert_eq!(lint_toml(&fixed).unwrap(), vec![], "fixed source:\n{fixed}");
        fixed
    }

    /// The fixed value of `t = <value>`, a string as typed in TOML.
    fn fixed(value: &str) -> String {
        values(&fix(&format!("t = {value}\n"))).remove(0)
    }

    /// Rule, source text replaced and replacement of each finding in
    /// `t = <value>`.
    fn found(value: &str) -> Vec<(Rule, String, String)> {
        let source = format!("t = {value}\n");
        lint_toml(&source)
            .unwrap()
            .into_iter()
            .map(|f| (f.rule, source[f.span].to_string(), f.replacement))
            .collect()
    }

    fn none(value: &str) {
        assert_eq!(found(value), vec![], "{value}");
    }

    fn finding(rule: Rule, typed: &str, replacement: &str) -> (Rule, String, String) {
        (rule, typed.into(), replacement.into())
    }

    #[test]
    fn a_full_stop_ending_chinese_text_is_fixed() {
        use Rule::HalfWidthPunctuation as H;
        assert_eq!(fixed(r#""今天开会.明天休息.""#), "今天开会。明天休息。");
        assert_eq!(fixed(r#""共有300余名学生参加.""#), "共有300余名学生参加。");
        assert_eq!(fixed(r#""他说“好”.然后""#), "他说“好”。然后");
        assert_eq!(
            fixed(r#""会议结束（上午）.下午""#),
            "会议结束（上午）。下午"
        );
        assert_eq!(fixed(r#""会议结束. 下午继续""#), "会议结束。下午继续");
        assert_eq!(
            found(r#""参加.""#),
            vec![finding(H, ".", "。")],
            "one finding, the mark alone"
        );
        let messages: Vec<String> = lint_toml("t = \"参加.\"\n")
            .unwrap()
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            ["half-width full stop \".\" next to Chinese text: use \"。\""]
        );
    }

    #[test]
    fn a_full_stop_in_numbers_names_and_addresses_is_left_alone() {
        for value in [
            r#""增长3.5个百分点""#,
            r#""版本v1.2发布""#,
            r#""邮箱a.b@c.cn或张三.li@x.cn""#,
            r#""详见www.bast.net.cn网站""#,
            r#""附件：通知.pdf和报告.docx""#,
            r#""e.g. 例如""#,
            r#""Dr. 王""#,
            r#""等等...""#,
            r#""一、二.3""#,
            r#""Mr.Smith来访""#,
        ] {
            let findings = found(value);
            assert!(
                findings
                    .iter()
                    .all(|(rule, typed, _)| *rule != Rule::HalfWidthPunctuation
                        || !typed.contains('.')),
                "{value}: {findings:?}"
            );
        }
        // `...` stays the ellipsis rule's.
        assert_eq!(
            found(r#""研究...""#),
            vec![finding(Rule::Ellipsis, "...", "……")]
        );
    }

    #[test]
    fn rules_have_names() {
        assert_eq!(Rule::HalfWidthPunctuation.name(), "half-width-punctuation");
        assert_eq!(Rule::StraightQuote.name(), "straight-quote");
        assert_eq!(Rule::DoubledPunctuation.name(), "doubled-punctuation");
        assert_eq!(Rule::SpaceBetweenChinese.name(), "space-between-chinese");
        assert_eq!(Rule::Ellipsis.name(), "ellipsis");
    }

    #[test]
    fn half_width_marks_next_to_chinese_become_full_width() {
        use Rule::HalfWidthPunctuation as H;
        for (typed, full) in [
            (",", "，"),
            (":", "："),
            (";", "；"),
            ("?", "？"),
            ("!", "！"),
        ] {
            assert_eq!(
                found(&format!("\"会议{typed}研究\"")),
                vec![finding(H, typed, full)]
            );
            assert_eq!(fixed(&format!("\"会议{typed}\"")), format!("会议{full}"));
            assert_eq!(
                fixed(&format!("\"AI{typed}研究\"")),
                format!("AI{full}研究")
            );
        }
        assert_eq!(fixed(r#""什么?!""#), "什么？！");
        assert_eq!(
            fixed(r#""信息报送邮箱:skxxxbs@bast.net.cn""#),
            "信息报送邮箱：skxxxbs@bast.net.cn"
        );
        assert_eq!(
            fixed(r#""网址:https://www.bast.net.cn/a?b=1""#),
            "网址：https://www.bast.net.cn/a?b=1"
        );
        // A full-width mark counts as Chinese text.
        assert_eq!(fixed(r#""《纲要》,AI""#), "《纲要》，AI");
    }

    #[test]
    fn messages_say_what_is_wrong_and_what_to_type() {
        let messages = |source: &str| -> Vec<String> {
            lint_toml(source)
                .unwrap()
                .into_iter()
                .map(|f| f.message)
                .collect()
        };
        assert_eq!(
            messages("t = \"会议,研究\""),
            [r#"half-width comma "," next to Chinese text: use "，""#]
        );
        assert_eq!(
            messages("t = \"会议, AI\""),
            [r#"half-width comma "," next to Chinese text: use "，" with no space after it"#]
        );
        assert_eq!(
            messages("t = \"会议(AI)\""),
            [
                r#"half-width opening parenthesis "(" next to Chinese text: use "（""#,
                r#"half-width closing parenthesis ")" pairs with a Chinese parenthesis: use "）""#,
            ]
        );
        assert_eq!(
            messages(r#"t = "他说\"好\"""#),
            [
                r#"straight quote \" in Chinese text: use the Chinese opening quote “"#,
                r#"straight quote \" in Chinese text: use the Chinese closing quote ”"#,
            ]
        );
        assert_eq!(
            messages("t = \"会议。。市科协 召开...\""),
            [
                r#"doubled punctuation "。。": type it once, "。""#,
                r#"space between "协" and "召" in Chinese text: delete it"#,
                r#""..." as an ellipsis in Chinese text: use "……" (two "…")"#,
            ]
        );
        assert_eq!(
            messages("t = \"会议,,研究…\""),
            [
                r#"doubled comma ",," in Chinese text: use one "，""#,
                r#"a single "…" in Chinese text: use "……" (the Chinese ellipsis is two of them)"#,
            ]
        );
    }

    #[test]
    fn parentheses_are_fixed_as_a_pair() {
        use Rule::HalfWidthPunctuation as H;
        assert_eq!(
            found(r#""会议(AI)""#),
            vec![finding(H, "(", "（"), finding(H, ")", "）")]
        );
        assert_eq!(fixed(r#""(AI)会议""#), "（AI）会议");
        assert_eq!(fixed(r#""(一)组织""#), "（一）组织");
        // One half typed full-width already: the other follows it.
        assert_eq!(fixed(r#""会议（AI)""#), "会议（AI）");
        assert_eq!(fixed(r#""(AI）""#), "（AI）");
        // Nested: the inner pair is next to the outer one once that is fixed.
        assert_eq!(fixed(r#""会议(AI (v2))""#), "会议（AI（v2））");
        // A fixed parenthesis is Chinese text for the comma after it.
        assert_eq!(fixed(r#""会议(AI), then""#), "会议（AI），then");
        none(r#""Python (3.5) and (AI)""#);
    }

    #[test]
    fn spaces_around_a_fixed_mark_go_with_it() {
        use Rule::HalfWidthPunctuation as H;
        assert_eq!(found(r#""会议, 研究""#), vec![finding(H, ", ", "，")]);
        assert_eq!(found(r#""会议 ,  研究""#), vec![finding(H, " ,  ", "，")]);
        assert_eq!(fixed(r#""时间: 10:30""#), "时间：10:30");
        assert_eq!(fixed(r#""见 附件(1) 和(2)""#), "见附件（1）和（2）");
        assert_eq!(fixed(r#""研究, (AI)""#), "研究，（AI）");
        // Spaces at the end of a line are not the mark's to take; a
        // line-ending backslash stays where it is.
        assert_eq!(fixed("'''\n会议, \n研究'''"), "会议， \n研究");
        assert_eq!(fixed("\"\"\"\n会议, \\\n  研究\"\"\""), "会议，研究");
    }

    #[test]
    fn half_width_marks_in_latin_text_numbers_and_addresses_stay() {
        none(r#""Hello, world: yes; (ok)? no!""#);
        none(r#""信息报送邮箱skxxxbs@bast.net.cn""#);
        none(r#""详见https://www.bast.net.cn/a?b=1，欢迎访问""#);
        none(r#""增长3.5倍，共1,000人，10:30开始""#);
        // The parenthesis after an address is not part of it.
        assert_eq!(
            fixed(r#""详见 https://www.bast.net.cn/a?b=1(旧址)""#),
            "详见 https://www.bast.net.cn/a?b=1（旧址）"
        );
        none(r#""2023年 AI, ML and (deep) learning""#);
        none(r#""会议于 10:30, 11:00 举行""#);
    }

    #[test]
    fn straight_quotes_in_chinese_text_become_curly() {
        use Rule::StraightQuote as Q;
        // Escaped in a basic string: the whole escape is replaced.
        assert_eq!(
            found(r#""他说\"你好\"""#),
            vec![finding(Q, r#"\""#, "“"), finding(Q, r#"\""#, "”")]
        );
        assert_eq!(fixed(r#"'他说"你好"'"#), "他说“你好”");
        assert_eq!(fixed(r#""'十四五'规划""#), "‘十四五’规划");
        // Chinese next to one quote of a pair, or between them, fixes both.
        assert_eq!(fixed(r#"'"AI"大会'"#), "“AI”大会");
        assert_eq!(fixed(r#"'he said "你好" to me'"#), "he said “你好” to me");
        assert_eq!(fixed(r#"'他说"Hello"。'"#), "他说“Hello”。");
        // Paired with a curly quote typed right.
        assert_eq!(fixed(r#"'“你好"'"#), "“你好”");
        assert_eq!(fixed(r#"'"你好”'"#), "“你好”");
        // Both kinds, nested.
        assert_eq!(fixed(r#"'''他说"我读了'书'"'''"#), "他说“我读了‘书’”");
    }

    #[test]
    fn unpaired_quotes_are_guessed_from_what_follows() {
        assert_eq!(fixed(r#"'你好"。'"#), "你好”。");
        assert_eq!(fixed(r#"'他说"你好'"#), "他说“你好");
        assert_eq!(fixed(r#"'"AI"研究"'"#), "“AI”研究”");
    }

    #[test]
    fn quotes_in_latin_text_and_apostrophes_stay() {
        none(r#"'"AI" model'"#);
        none(r#"'He said "hi", then left.'"#);
        none(r#""他说 don't 做""#);
        none(r#""它的名字是 Xi'an 和 it's""#);
        none(r#"'会议 "AI" model'"#);
    }

    #[test]
    fn marks_that_end_english_quotations_and_titles_stay() {
        assert_eq!(
            fixed(r#""“What is science?”全场…""#),
            "“What is science?”全场……"
        );
        none(r#""主题为“Science for All!”的活动""#);
        none(r#""《Where Are We Going?》""#);
        none(r#""“Let's go!”他说""#);
        none(r#""他说“Science…”""#);
        none(r#""他说“Loading...”""#);
        none(r#""他说“Top 10!”""#);
        // Past other half-width marks of the English text.
        none(r#""他说“What?!”""#);
        none(r#""他说“(AI)”""#);
        // Straight quotes become curly; the mark inside stays English.
        assert_eq!(
            fixed(r#"'主题为"Science for All!"的活动'"#),
            "主题为“Science for All!”的活动"
        );
        // The mark is Chinese text's when Chinese is on its other side.
        assert_eq!(fixed(r#""“AI”,然后""#), "“AI”，然后");
        assert_eq!(fixed(r#""他说“AI”, then""#), "他说“AI”，then");
        assert_eq!(fixed(r#""他说:“你好”""#), "他说：“你好”");
        assert_eq!(fixed(r#""（见附件)""#), "（见附件）");
        assert_eq!(fixed(r#""他说“你好!”""#), "他说“你好！”");
        assert_eq!(fixed(r#""他说“你好…”""#), "他说“你好……”");
        assert_eq!(fixed(r#""他说“…”""#), "他说“……”");
    }

    #[test]
    fn inch_and_foot_marks_are_not_quotes() {
        none(r#"'27"的显示器'"#);
        none(r#""长3'的木板""#);
        none(r#"'''27"的显示器，5'30"'''"#);
        none(r#""1990's 的音乐""#);
        // An inch mark takes no part in pairing the quotes after it.
        assert_eq!(
            fixed(r#"'27"的显示器和"高清"屏幕'"#),
            "27\"的显示器和“高清”屏幕"
        );
        // After a digit, a quote that closes one is still a quote.
        assert_eq!(fixed(r#"'"2023"年'"#), "“2023”年");
        assert_eq!(fixed(r#""“2023\"年""#), "“2023”年");
    }

    #[test]
    fn doubled_marks_become_one() {
        use Rule::DoubledPunctuation as D;
        for mark in ["。", "，", "、", "；", "："] {
            let doubled = format!("{mark}{mark}");
            assert_eq!(
                found(&format!("\"会议{doubled}研究\"")),
                vec![finding(D, &doubled, mark)]
            );
        }
        assert_eq!(fixed(r#""会议，，，研究""#), "会议，研究");
        // Half- and full-width together: one finding for the lot.
        assert_eq!(
            found(r#""会议，，,研究""#),
            vec![finding(Rule::HalfWidthPunctuation, "，，,", "，")]
        );
        assert_eq!(fixed(r#""会议,，研究""#), "会议，研究");
        // Typed as escapes, the escapes go.
        assert_eq!(
            found(r#""会议\uFF0C\uFF0C研究""#),
            vec![finding(D, r"\uFF0C\uFF0C", "，")]
        );
        // Three or more 。 are an ellipsis.
        assert_eq!(
            found(r#""研究。。。""#),
            vec![finding(Rule::Ellipsis, "。。。", "……")]
        );
        none(r#""真的？？好！！""#);
    }

    #[test]
    fn spaces_between_chinese_are_deleted() {
        use Rule::SpaceBetweenChinese as S;
        assert_eq!(found(r#""市科协 召开""#), vec![finding(S, " ", "")]);
        assert_eq!(fixed(r#""会议。 第二""#), "会议。第二");
        assert_eq!(found("\"市科协 \t 召开\""), vec![finding(S, " \t ", "")]);
        assert_eq!(found(r#""市科协\t召开""#), vec![finding(S, r"\t", "")]);
        assert_eq!(fixed(r#""他说 “你好” 。""#), "他说“你好”。");
        // A quote that is being fixed is Chinese text too.
        assert_eq!(fixed(r#"'他说 "你好"'"#), "他说“你好”");
    }

    #[test]
    fn spaces_between_names_become_full_width() {
        let source = concat!(
            "editor = \"张红波 李金涛\"\n",
            "reviewer = \"李金涛\"\n",
            "title = \"市科协 召开\"\n",
            "[footer]\n",
            "lines = [\"报：市委 市政府\"]\n",
            "distribution = [\n",
            "  \"市科协主席 市科协副主席\",\n",
            "  \"分送： 市科协、 区科协  \\t 基层组织\",\n",
            "  \"市科协（党组） 《科协动态》编辑部\",\n",
            "]\n",
            "note = { text = \"编者 按\", lines = [\"甲 乙\"] }\n",
            "[[articles]]\n",
            "distribution = [{ name = \"丙 丁\" }]\n",
        );
        let expected = concat!(
            "editor = \"张红波　李金涛\"\n",
            "reviewer = \"李金涛\"\n",
            "title = \"市科协召开\"\n",
            "[footer]\n",
            "lines = [\"报：市委　市政府\"]\n",
            "distribution = [\n",
            "  \"市科协主席　市科协副主席\",\n",
            "  \"分送：市科协、区科协　基层组织\",\n",
            "  \"市科协（党组）　《科协动态》编辑部\",\n",
            "]\n",
            "note = { text = \"编者按\", lines = [\"甲　乙\"] }\n",
            "[[articles]]\n",
            "distribution = [{ name = \"丙丁\" }]\n",
        );
        assert_eq!(fix(source), expected);
        let messages: Vec<String> =
            lint_toml("distribution = [\"主席 副主席\"]\neditor = \"张三 \\t李四\"\n")
                .unwrap()
                .into_iter()
                .map(|f| f.message)
                .collect();
        assert_eq!(
            messages,
            [
                r#"space between "席" and "副": recipients are separated by a full-width space, use one "　""#,
                r#"2 spaces and tabs between "三" and "李": names are separated by a full-width space, use one "　""#,
            ]
        );
    }

    #[test]
    fn spaces_that_are_meant_stay() {
        none("\"市科协\u{3000}召开\"");
        none("\"委员\u{3000} 市科协\"");
        none(r#""2023年 AI 技术""#);
        none(r#""第 3 期""#);
        none("'''\n市科协 \n召开\n  会议\n'''");
        none("\"\"\"\n市科协\\\n    召开\"\"\"");
    }

    #[test]
    fn ellipses_in_chinese_text_become_two_marks() {
        use Rule::Ellipsis as E;
        assert_eq!(found(r#""研究...""#), vec![finding(E, "...", "……")]);
        assert_eq!(fixed(r#""研究......""#), "研究……");
        assert_eq!(fixed(r#""...研究""#), "……研究");
        assert_eq!(fixed(r#""研究。。。。。。""#), "研究……");
        assert_eq!(fixed(r#""研究…""#), "研究……");
        assert_eq!(fixed(r#""研究 ...""#), "研究……");
        none(r#""研究……""#);
        none(r#""研究…………""#);
        none(r#""研究………""#);
    }

    #[test]
    fn dots_in_latin_text_stay() {
        none(r#""Loading...""#);
        none(r#""Loading…""#);
        none(r#""e.g. 研究""#);
        none(r#""a.b.c""#);
        none(r#""增长3.5倍""#);
    }

    #[test]
    fn every_kind_of_string_is_read() {
        use Rule::HalfWidthPunctuation as H;
        let comma = vec![finding(H, ",", "，")];
        assert_eq!(found(r#""会议,研究""#), comma);
        assert_eq!(found("'会议,研究'"), comma);
        assert_eq!(found("\"\"\"\n会议,研究\n\"\"\""), comma);
        assert_eq!(found("'''\n会议,研究\n'''"), comma);
        assert_eq!(found("'''会议,\r\n研究'''"), comma);
        // An escaped comma is replaced, escape and all.
        assert_eq!(
            found(r#""会议\u002C研究""#),
            vec![finding(H, r"\u002C", "，")]
        );
        assert_eq!(
            found(r#""会议\U0000002C研究""#),
            vec![finding(H, r"\U0000002C", "，")]
        );
        // A line-ending backslash joins the lines: the comma is next to 研.
        assert_eq!(found("\"\"\"\n会议,\\\n    研究\"\"\""), comma);
        assert_eq!(fixed("\"\"\"\n会议,\\\n    研究\"\"\""), "会议，研究");
        // Quotes right before the closing quotes of a multi-line string.
        assert_eq!(
            fix("t = \"\"\"他说\"你好\"\"\"\"\n"),
            "t = \"\"\"他说“你好”\"\"\"\n"
        );
        assert_eq!(fix("t = '''他说'你好''''\n"), "t = '''他说‘你好’'''\n");
    }

    #[test]
    fn decoding_agrees_with_toml_edit() {
        let source = concat!(
            "a = \"q\\\" b\\\\ n\\n t\\t r\\r b\\b f\\f e\\e u\\u4E2D U\\U0001F600 x\\x41 中\"\n",
            "b = \"\"\"\r\n一\r\n二\\\r\n   \r\n  三 \\  \n\t四\"\"\"\"\"\n",
            "c = '''\n\n五\\n'''\n",
            "d = 'C:\\科协\\'\n",
            "e = \"\"\n",
            "f = \"\"\"\n\"\"\"\n",
        );
        // `fix` decodes every value and compares it with toml_edit's.
        fix(source);
    }

    #[test]
    fn keys_for_files_and_colours_are_skipped() {
        let source = r##"
path = "会议,研究"
file = "图片,一.png"
red = "红色,一"
paths = ["字体,一", { a = "二,三" }]
[layout]
file = "版式,一.typ"
red = "#E60012"
[[articles]]
title = "标题,一"
images = [{ path = "图,一.png", caption = "说明,一" }]
[other.paths]
x = "四,五"
"##;
        let findings = lint_toml(source).unwrap();
        // What comes before each finding on its line.
        let before: Vec<&str> = findings
            .iter()
            .map(|f| source[..f.span.start].rsplit('\n').next().unwrap())
            .collect();
        assert_eq!(
            before,
            [
                "title = \"标题",
                "images = [{ path = \"图,一.png\", caption = \"说明"
            ]
        );
    }

    #[test]
    fn comments_and_keys_are_not_text() {
        let source = "# 会议,研究\n\"会议,研究\" = \"会议，研究\" # 又,一\n[\"表,一\"]\nt = 1\n";
        assert_eq!(lint_toml(source).unwrap(), vec![]);
    }

    #[test]
    fn strings_everywhere_in_the_document_are_read() {
        let source = r#"
top = "一,二"
a.b = "三,四"
number = 3
[t]
list = ["五,六", ["七,八"], 1]
inline = { x = "九,十", y = { z = "甲,乙" } }
[[aot]]
s = "丙,丁"
[[aot]]
s = "戊,己"
"#;
        let fixed = fix(source);
        let expected = r#"
top = "一，二"
a.b = "三，四"
number = 3
[t]
list = ["五，六", ["七，八"], 1]
inline = { x = "九，十", y = { z = "甲，乙" } }
[[aot]]
s = "丙，丁"
[[aot]]
s = "戊，己"
"#;
        assert_eq!(fixed, expected);
        assert_eq!(lint_toml(source).unwrap().len(), 8);
    }

    #[test]
    fn fixing_changes_only_the_fixed_characters() {
        let source = concat!(
            "# 科协每周动态, 注释 \"引号\"\r\n",
            "total   =   74 # 期数,注释\r\n",
            "title\t=\t\"会议(AI)召开 ,第二\"   # 标题 ...\r\n",
            "body = '''\r\n会议。。第一 段...\r\n  第二段, \r\n'''\r\n",
            "\r\n",
            "[[articles]]  # 文章\r\n",
            "  source=\"科协\\\"通讯\\\"\"\r\n",
            "  lines = [ \"甲 乙\" ,\t'丙!' ]\r\n",
            "  caption = \"甲 乙\"\r\n",
        );
        let expected = concat!(
            "# 科协每周动态, 注释 \"引号\"\r\n",
            "total   =   74 # 期数,注释\r\n",
            "title\t=\t\"会议（AI）召开，第二\"   # 标题 ...\r\n",
            "body = '''\r\n会议。第一段……\r\n  第二段， \r\n'''\r\n",
            "\r\n",
            "[[articles]]  # 文章\r\n",
            "  source=\"科协“通讯”\"\r\n",
            "  lines = [ \"甲\u{3000}乙\" ,\t'丙！' ]\r\n",
            "  caption = \"甲乙\"\r\n",
        );
        assert_eq!(fix(source), expected);
        assert_eq!(
            values(expected),
            [
                "会议（AI）召开，第二",
                "会议。第一段……\r\n  第二段， \r\n",
                "科协“通讯”",
                "甲\u{3000}乙",
                "丙！",
                "甲乙"
            ]
        );
    }

    #[test]
    fn apply_fixes_skips_overlapping_findings() {
        let finding = |span: Range<usize>, replacement: &str| Finding {
            rule: Rule::HalfWidthPunctuation,
            span,
            replacement: replacement.into(),
            message: String::new(),
        };
        let fixes = [
            finding(3..4, "x"),
            finding(0..2, "ab"),
            finding(1..3, "no"),
            finding(9..20, "no"),
        ];
        assert_eq!(apply_fixes("0123", &fixes), "ab2x");
    }

    #[test]
    fn fixes_that_make_other_fixes_are_found_at_once() {
        // The ellipsis makes the comma Chinese text's.
        assert_eq!(fixed(r#""研究...,AI""#), "研究……，AI");
        // The colon takes the space, which puts the quote next to it.
        assert_eq!(fixed(r#"'他说: "AI"'"#), "他说：“AI”");
        // Deleting the space would leave the comma doubled.
        assert_eq!(
            found(r#""会议， ，研究""#),
            vec![finding(Rule::DoubledPunctuation, "， ，", "，")]
        );
    }

    #[test]
    fn a_pasted_body_is_fixed_in_one_go() {
        let source = concat!(
            "body = '''\n",
            "8月9日,2023年北京市全民科学素质工作会议在北京科学中心召开. 会议由市科协党组书记 沈洁主持...\n",
            "会议通报了\"十四五\"中期评估情况(详见www.bast.net.cn/a?b=1),并强调:一要提高政治站位;二要坚持问题导向。。\n",
            "Contact: skxxxbs@bast.net.cn, 10:30 a.m.\n",
            "'''\n",
        );
        let expected = concat!(
            "body = '''\n",
            "8月9日，2023年北京市全民科学素质工作会议在北京科学中心召开。会议由市科协党组书记沈洁主持……\n",
            "会议通报了“十四五”中期评估情况（详见www.bast.net.cn/a?b=1），并强调：一要提高政治站位；二要坚持问题导向。\n",
            "Contact: skxxxbs@bast.net.cn, 10:30 a.m.\n",
            "'''\n",
        );
        assert_eq!(fix(source), expected);
    }

    #[test]
    fn a_document_that_does_not_parse_is_an_error() {
        assert!(lint_toml("t = \"会议,研究\n").is_err());
        assert!(lint_toml("t = 1\nt = 2\n").is_err());
    }

    #[test]
    fn fixes_keep_every_document_valid_whatever_the_text() {
        const PIECES: [&str; 30] = [
            "会", "议", "A", "b", "1", ",", "，", ":", "：", ";", "?", "!", "(", ")", "（", "）",
            "\"", "'", "“", "”", ".", "。", "…", "、", " ", "\t", "\n", "\u{3000}", "/", "\\",
        ];
        // A fixed pseudo-random sequence, so that a failure can be rerun.
        let mut seed: u64 = 74;
        let mut next = move |below: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % below
        };
        let mut checked = 0;
        while checked < 5000 {
            let text: String = (0..next(16)).map(|_| PIECES[next(PIECES.len())]).collect();
            let escaped = text.replace('\\', "\\\\");
            let value = match next(4) {
                0 => format!("\"{}\"", escaped.replace('"', "\\\"").replace('\n', "\\n")),
                1 => format!("'{text}'"),
                2 => format!("\"\"\"{escaped}\"\"\""),
                _ => format!("'''{text}'''"),
            };
            let source = format!("t = {value} # 注释,一\n");
            if Document::parse(source.as_str()).is_ok() {
                checked_fix(&source);
                checked += 1;
            }
        }
    }
}
