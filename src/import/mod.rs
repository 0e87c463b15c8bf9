//! A contribution (a Word document or a text file) turned into an article:
//! title, note, body paragraphs, attribution and pictures recognised, and
//! written as TOML to append to an issue.

mod docx;
mod into;

pub use into::{Imported, Refused, Source, Warning, into_issue, safe_stem};

use std::path::Path;

use crate::input::toml_write::{basic, multiline};
use crate::t;
use crate::text;

/// A part of a document, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph {
        text: String,
        /// In a title or heading style.
        heading: bool,
        centred: bool,
        /// (Almost) all its characters are bold.
        bold: bool,
        in_table: bool,
    },
    /// A picture, by the document's relation id (resolved while reading).
    PictureRef(String),
    Picture {
        /// Its name inside the document, e.g. `image1.png`.
        name: String,
        data: Vec<u8>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", t!("import-not-docx", why = .0))]
    NotDocx(String),
    #[error("{}", t!("import-encrypted"))]
    Encrypted,
    #[error("{}", t!("import-empty"))]
    Empty,
    #[error("{}", t!("import-encoding"))]
    Encoding,
    #[error("{}", t!("import-kind"))]
    Kind,
    /// A part of a Word document that unpacks to more than a contribution
    /// can hold (`max` MB): a damaged file or a zip bomb.
    #[error("{}", t!("import-docx-part-too-large", part = .part.as_str(), max = *.max))]
    PartTooLarge { part: String, max: u64 },
    /// A text file of more than `.0` MB.
    #[error("{}", t!("import-text-too-large", max = *.0))]
    TextTooLarge(u64),
}

/// A picture of the article, with the paragraph (from 1) it follows.
#[derive(Debug, Clone)]
pub struct Picture {
    pub name: String,
    pub data: Vec<u8>,
    pub after: usize,
    /// A short centred line right under it in the document.
    pub caption: Option<String>,
}

/// An article as found in a contribution.
#[derive(Debug, Clone, Default)]
pub struct Contribution {
    pub title: String,
    pub note: Option<String>,
    pub paragraphs: Vec<String>,
    pub source: Option<String>,
    pub pictures: Vec<Picture>,
    /// What the reader should check.
    pub warnings: Vec<String>,
}

/// The longest paragraph taken for a title when nothing marks one.
const TITLE_MAX_CHARS: usize = 60;
/// The longest line taken for a picture's caption.
const CAPTION_MAX_CHARS: usize = 40;
/// The longest attribution （门头沟区科协） taken for a source.
const SOURCE_MAX_CHARS: usize = 30;

const MB: u64 = 1024 * 1024;
/// The most text a contribution may have: a text file, or a Word
/// document's text (its XML), styles or relations each. A contribution of
/// a few pages is well under 1 MB; 16 MB is hundreds of pages.
pub const MAX_TEXT_BYTES: u64 = 16 * MB;
/// The largest contribution file, and the most all the parts of a Word
/// document may unpack to together, its pictures included (each at most
/// [`crate::pictures::MAX_FILE_BYTES`]): a zip bomb attached to an e-mail
/// must not fill the memory.
pub const MAX_FILE_BYTES: u64 = 256 * MB;

/// Reads a .docx or .txt file into an article.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Contribution, ImportError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (blocks, warnings) = match extension.as_str() {
        "docx" => docx::read(bytes)?,
        "txt" | "text" => {
            if bytes.len() as u64 > MAX_TEXT_BYTES {
                return Err(ImportError::TextTooLarge(MAX_TEXT_BYTES / MB));
            }
            let (text, warning) = decode_text(bytes)?;
            (text_blocks(&text), warning.into_iter().collect())
        }
        _ => return Err(ImportError::Kind),
    };
    let mut contribution = recognise(blocks, fallback_title(path))?;
    contribution.warnings.splice(0..0, warnings);
    Ok(contribution)
}

/// UTF-8 (with or without a byte order mark), else GB18030, as Chinese
/// Windows editors save.
/// A warning says what was assumed.
fn decode_text(bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        // UTF-8 cut short in its last character: not another encoding.
        Err(err) if err.error_len().is_none() && err.valid_up_to() > 0 => Ok((
            String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned(),
            Some(t!("import-cut-character", at = err.valid_up_to())),
        )),
        Err(err) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(ImportError::Encoding);
            }
            Ok((
                text.into_owned(),
                Some(t!("import-read-as-gb18030", at = err.valid_up_to())),
            ))
        }
    }
}

/// A text file: the first non-empty line is the title; blank lines
/// separate paragraphs.
fn text_blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let mut blocks = Vec::new();
    if let Some(title) = lines.next() {
        blocks.push(Block::Paragraph {
            text: title.to_string(),
            heading: true,
            centred: false,
            bold: false,
            in_table: false,
        });
    }
    let rest: Vec<&str> = lines.collect();
    for paragraph in text::paragraphs(&rest.join("\n")) {
        blocks.push(Block::Paragraph {
            text: paragraph,
            heading: false,
            centred: false,
            bold: false,
            in_table: false,
        });
    }
    blocks
}

fn fallback_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A paragraph's text as printed: lines of a soft break joined as the
/// body's are, outer white space (also 　 indents) dropped, tabs as spaces.
fn clean(text: &str) -> String {
    let text = text.replace('\t', " ");
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    text::join_lines(&lines).trim().to_string()
}

/// Finds the title, the note, the body, the attribution and where the
/// pictures stand.
fn recognise(blocks: Vec<Block>, fallback: String) -> Result<Contribution, ImportError> {
    let mut contribution = Contribution::default();
    // Paragraphs (cleaned, empty ones dropped) and pictures in order.
    let mut items: Vec<Block> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph {
                text,
                heading,
                centred,
                bold,
                in_table,
            } => {
                let text = clean(&text);
                if !text.is_empty() {
                    items.push(Block::Paragraph {
                        text,
                        heading,
                        centred,
                        bold,
                        in_table,
                    });
                }
            }
            picture => items.push(picture),
        }
    }
    let texts = items
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    if texts == 0 {
        return Err(ImportError::Empty);
    }

    // An editor's note set above the title (编者按：…, or the label on a
    // line of its own and the note under it) is the note; the title is
    // then found below it as if it came first.
    contribution.note = leading_note(&mut items);

    // The title: a heading style, or the first short centred or bold
    // paragraph before the body starts; else the first short paragraph.
    let is_title = |b: &Block, strict: bool| match b {
        Block::Paragraph {
            text,
            heading,
            centred,
            bold,
            ..
        } => {
            let short = text.chars().count() <= TITLE_MAX_CHARS && !text.ends_with('。');
            *heading || (short && (*centred || *bold || !strict))
        }
        _ => false,
    };
    // A file number (京科协办〔2023〕12号) above the title is not one.
    let file_number = |b: &Block| {
        matches!(b, Block::Paragraph { text, .. }
            if text.ends_with('号') && text.contains(['〔', '[', '（', '(', '［', '【']))
    };
    let reads_as_body = |b: &Block| {
        matches!(b, Block::Paragraph { text, .. }
            if text.chars().count() > TITLE_MAX_CHARS || text.ends_with('。'))
    };
    // A marked title before the body starts; else the first short paragraph.
    let mut title_at = None;
    for (i, item) in items.iter().enumerate() {
        if file_number(item) || !matches!(item, Block::Paragraph { .. }) {
            continue;
        }
        if is_title(item, true) {
            title_at = Some(i);
            break;
        }
        if reads_as_body(item) {
            break;
        }
    }
    let title_at = title_at.or_else(|| {
        items
            .iter()
            .position(|b| matches!(b, Block::Paragraph { .. }) && !file_number(b))
            .filter(|&i| is_title(&items[i], false))
    });
    match title_at {
        Some(at) => {
            let mut marks = (false, false);
            if let Block::Paragraph {
                text,
                heading,
                centred,
                ..
            } = items.remove(at)
            {
                contribution.title = text;
                marks = (heading, centred);
            }
            contribution.warnings.extend(drop_dateline(&mut items, at));
            // A title set on two lines (or with a —— subtitle) continues in
            // the next paragraph when that is marked the same way (a bold
            // subheading under it is not part of it).
            if let Some(
                next @ Block::Paragraph {
                    text,
                    heading,
                    centred,
                    ..
                },
            ) = items.get(at)
                && ((marks.0 && *heading) || (marks.1 && *centred) || text.starts_with("——"))
                && !reads_as_body(next)
                && note_label(text).is_none()
                && contribution.title.chars().count() + text.chars().count() <= TITLE_MAX_CHARS * 2
            {
                let line = text.clone();
                items.remove(at);
                contribution.title = format!("{}\n{line}", contribution.title);
                contribution.warnings.extend(drop_dateline(&mut items, at));
            }
            // What stood before the title (a file number, a date) is left
            // out, and said.
            for before in &items[..at.min(items.len())] {
                contribution.warnings.push(match before {
                    Block::Paragraph { text, .. } => {
                        t!("import-left-out-before-title", text = text)
                    }
                    Block::Picture { name, .. } => {
                        t!("import-left-out-picture-before-title", name = name)
                    }
                    Block::PictureRef(_) => continue,
                });
            }
            items.drain(..at.min(items.len()));
        }
        None => {
            contribution
                .warnings
                .push(t!("import-no-title", name = fallback.as_str()));
            contribution.title = fallback;
        }
    }

    // 编者按 (【编者按】, 编者按语：…) among the first paragraphs after the title;
    // a label on its own takes the next paragraph.
    let note_at = items
        .iter()
        .take(3)
        .position(|b| matches!(b, Block::Paragraph { text, .. } if note_label(text).is_some()))
        .filter(|_| contribution.note.is_none());
    if let Some(at) = note_at
        && let Block::Paragraph { text, .. } = items.remove(at)
    {
        let rest = note_label(&text).unwrap_or_default();
        let note = if rest.is_empty() {
            match items.get(at) {
                Some(Block::Paragraph { .. }) => match items.remove(at) {
                    Block::Paragraph { text, .. } => text,
                    _ => unreachable!(),
                },
                _ => String::new(),
            }
        } else {
            rest
        };
        if !note.is_empty() {
            contribution.note = Some(note);
        }
    }

    let mut after_picture = false;
    for item in items {
        match item {
            // A short centred line under a picture is its caption.
            Block::Paragraph {
                text,
                centred: true,
                ..
            } if after_picture
                && text.chars().count() <= CAPTION_MAX_CHARS
                && !text.ends_with('。') =>
            {
                if let Some(picture) = contribution.pictures.last_mut() {
                    picture.caption = Some(text);
                }
                after_picture = false;
            }
            Block::Paragraph { text, .. } => {
                contribution.paragraphs.push(text);
                after_picture = false;
            }
            Block::Picture { name, data } => {
                contribution.pictures.push(Picture {
                    name,
                    data,
                    after: contribution.paragraphs.len().max(1),
                    caption: None,
                });
                after_picture = true;
            }
            Block::PictureRef(_) => {}
        }
    }

    // （门头沟区科协）: the last paragraph, or the end of it.
    if let Some(last) = contribution.paragraphs.last().cloned()
        && let Some(source) = attribution(&last)
    {
        let cut = last.rfind(['（', '(']).expect("an opening parenthesis");
        let before = last[..cut].trim_end().to_string();
        if before.is_empty() {
            contribution.paragraphs.pop();
        } else {
            *contribution.paragraphs.last_mut().expect("a paragraph") = before;
        }
        contribution.source = Some(source);
    }
    if contribution.paragraphs.is_empty() {
        return Err(ImportError::Empty);
    }
    let count = contribution.paragraphs.len();
    for picture in &mut contribution.pictures {
        picture.after = picture.after.min(count);
    }
    Ok(contribution)
}

/// The editor's note among the first paragraphs, above the title, taken
/// out of `items`: `编者按：…` in one paragraph, or the label alone and the
/// note in the next. A file number or a date line may stand above it.
fn leading_note(items: &mut Vec<Block>) -> Option<String> {
    let at = items
        .iter()
        .take(3)
        .position(|b| matches!(b, Block::Paragraph { text, .. } if note_label(text).is_some()))?;
    // Only above the title: a marked title before it means it follows it.
    let marked_title_before = items[..at].iter().any(|b| {
        matches!(b, Block::Paragraph { heading: true, .. })
            || matches!(b, Block::Paragraph { text, centred: true, .. } | Block::Paragraph { text, bold: true, .. }
                if !text.ends_with('号') && !is_dateline(text))
    });
    if marked_title_before {
        return None;
    }
    let Block::Paragraph { text, .. } = items.remove(at) else {
        return None;
    };
    let rest = note_label(&text).unwrap_or_default();
    if !rest.is_empty() {
        return Some(rest);
    }
    match items.get(at) {
        Some(Block::Paragraph { heading: false, .. }) => match items.remove(at) {
            Block::Paragraph { text, .. } => Some(text),
            _ => None,
        },
        _ => None,
    }
}

/// A date line right under the title (（2023年8月15日）, a centred
/// 2023-08-15) is neither title nor body: taken out of `items` at `at`,
/// with a note for the import's report.
fn drop_dateline(items: &mut Vec<Block>, at: usize) -> Option<String> {
    let Some(Block::Paragraph { text, .. }) = items.get(at) else {
        return None;
    };
    if !is_dateline(text) {
        return None;
    }
    let text = text.clone();
    items.remove(at);
    Some(t!("import-left-out-dateline", text = text))
}

/// Whether a paragraph is only a date, with or without brackets:
/// 2023年8月15日, （2023年8月15日）, 二〇二三年八月十五日, (2023-08-15),
/// 2023.8.15.
fn is_dateline(paragraph: &str) -> bool {
    let date = paragraph
        .trim()
        .trim_start_matches(['（', '(', '【', '[', '〔'])
        .trim_end_matches(['）', ')', '】', ']', '〕'])
        .trim();
    let numeral = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c);
    // 2023年8月15日 (the day may be left out: 2023年8月).
    if let Some((year, rest)) = date.split_once('年')
        && let Some((month, day)) = rest.split_once('月')
    {
        let day = day
            .strip_suffix('日')
            .or(day.strip_suffix('号'))
            .unwrap_or(day);
        return [year, month]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(numeral))
            && day.chars().all(numeral);
    }
    // 2023-08-15, 2023.8.15, 2023/8/15.
    let parts: Vec<&str> = date.split(['-', '.', '/']).collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

/// The note after an editor's-note label (`编者按：`, `【编者按】`, `编者按语:`),
/// or `None` when the paragraph has no such label.
fn note_label(paragraph: &str) -> Option<String> {
    let text = paragraph.trim_start_matches(['【', '［', '[', '（', '(']);
    let rest = ["编者按语", "编者按", "编者的话"]
        .iter()
        .find_map(|label| text.strip_prefix(label))?;
    let rest = rest.trim_start_matches(['】', '］', ']', '）', ')']);
    let rest = rest.trim_start_matches([':', '：', ' ', '　']);
    Some(rest.trim().to_string())
}

/// The attribution at the end of a paragraph: `（…）` or `(…)`, short, not a
/// sentence, after a sentence that has ended (or on its own).
fn attribution(paragraph: &str) -> Option<String> {
    let trimmed = paragraph.trim_end();
    let close = trimmed.chars().last().filter(|c| matches!(c, '）' | ')'))?;
    let open = trimmed.rfind(['（', '('])?;
    let open_len = trimmed[open..].chars().next()?.len_utf8();
    let inner = trimmed
        .get(open + open_len..trimmed.len() - close.len_utf8())?
        .trim();
    // （供稿：门头沟区科协） names its source after a label.
    let inner = ["供稿", "来源", "撰稿", "稿件来源"]
        .iter()
        .find_map(|label| inner.strip_prefix(label))
        .map(|rest| rest.trim_start_matches([':', '：', ' ']).trim())
        .unwrap_or(inner);
    // A closing date （2023年8月10日） is not a source.
    let is_date = inner.contains('年') && inner.contains('月')
        || inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/'));
    let before = trimmed[..open].trim_end();
    let looks_like_a_name = !inner.is_empty()
        && inner.chars().count() <= SOURCE_MAX_CHARS
        && !inner.contains(['。', '，', '；', '：', '（', '）', '(', ')']);
    let ended = before.is_empty() || before.ends_with(['。', '！', '？', '”', '…']);
    (looks_like_a_name && ended && !is_date).then(|| inner.to_string())
}

/// The article as TOML, to append to an issue file: `[[articles]]` with
/// its keys, then an `[[articles.images]]` table per picture (`images`:
/// their paths in the publication, in the order of `pictures`).
pub fn article_toml(c: &Contribution, section: Option<&str>, images: &[String]) -> String {
    let mut toml = String::from("\n[[articles]]\n");
    if let Some(section) = section {
        toml.push_str(&format!("section = {}\n", basic(section)));
    }
    toml.push_str(&format!("title = {}\n", basic(&c.title)));
    if let Some(source) = &c.source {
        toml.push_str(&format!("source = {}\n", basic(source)));
    }
    if let Some(note) = &c.note {
        toml.push_str(&format!(
            "note = {}\n",
            multiline(std::slice::from_ref(note))
        ));
    }
    toml.push_str(&format!("body = {}\n", multiline(&c.paragraphs)));
    for (picture, path) in c.pictures.iter().zip(images) {
        toml.push_str(&format!("\n[[articles.images]]\npath = {}\n", basic(path)));
        if let Some(caption) = &picture.caption {
            toml.push_str(&format!("caption = {}\n", basic(caption)));
        }
        toml.push_str(&format!("after = {}\n", picture.after));
    }
    toml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Block {
        Block::Paragraph {
            text: text.to_string(),
            heading: false,
            centred: false,
            bold: false,
            in_table: false,
        }
    }

    #[test]
    fn title_note_body_and_attribution_are_recognised() {
        let blocks = vec![
            paragraph(""),
            Block::Paragraph {
                text: "门头沟区科协积极参与防汛抢险救灾".to_string(),
                heading: false,
                centred: true,
                bold: true,
                in_table: false,
            },
            paragraph("编者按：现将有关情况刊发。"),
            paragraph("　　近日，门头沟区科协\n组织志愿者参与救灾。"),
            paragraph(""),
            paragraph("下一步，将持续做好灾后科普工作。（门头沟区科协）"),
        ];
        let c = recognise(blocks, "x".into()).unwrap();
        assert_eq!(c.title, "门头沟区科协积极参与防汛抢险救灾");
        assert_eq!(c.note.as_deref(), Some("现将有关情况刊发。"));
        assert_eq!(
            c.paragraphs,
            [
                "近日，门头沟区科协组织志愿者参与救灾。",
                "下一步，将持续做好灾后科普工作。"
            ]
        );
        assert_eq!(c.source.as_deref(), Some("门头沟区科协"));
    }

    #[test]
    fn notes_under_any_label_and_sources_after_a_label_but_not_dates() {
        let blocks = vec![
            paragraph("科普日活动启动"),
            paragraph("【编者按】"),
            paragraph("现将有关情况刊发。"),
            paragraph("活动于9月16日启动。"),
            paragraph("（2023年8月10日）"),
        ];
        let c = recognise(blocks, "x".into()).unwrap();
        assert_eq!(c.note.as_deref(), Some("现将有关情况刊发。"));
        assert_eq!(c.source, None);
        assert_eq!(c.paragraphs.last().unwrap(), "（2023年8月10日）");
        assert_eq!(
            attribution("（供稿：门头沟区科协）").as_deref(),
            Some("门头沟区科协")
        );
        assert_eq!(note_label("编者按语：请阅。").as_deref(), Some("请阅。"));
        assert_eq!(note_label("编者说明"), None);
    }

    #[test]
    fn a_title_on_two_lines_joins_but_a_subheading_does_not() {
        let centred = |text: &str| Block::Paragraph {
            text: text.to_string(),
            heading: false,
            centred: true,
            bold: true,
            in_table: false,
        };
        let bold = |text: &str| Block::Paragraph {
            text: text.to_string(),
            heading: false,
            centred: false,
            bold: true,
            in_table: false,
        };
        let two_lines = vec![
            centred("全国科普日北京主场活动"),
            centred("主场活动新闻发布会召开"),
            paragraph("8月10日，发布会召开。"),
        ];
        let c = recognise(two_lines, "x".into()).unwrap();
        assert_eq!(c.title, "全国科普日北京主场活动\n主场活动新闻发布会召开");
        let subheading = vec![
            centred("科普工作推进会召开"),
            bold("一、基本情况"),
            paragraph("会议总结了上半年工作。"),
        ];
        let c = recognise(subheading, "x".into()).unwrap();
        assert_eq!(c.title, "科普工作推进会召开");
        assert_eq!(c.paragraphs[0], "一、基本情况");
    }

    #[test]
    fn a_file_number_above_the_title_is_not_the_title() {
        let centred = |text: &str| Block::Paragraph {
            text: text.to_string(),
            heading: false,
            centred: true,
            bold: false,
            in_table: false,
        };
        let blocks = vec![
            centred("京科协办〔2023〕12号"),
            centred("关于开展全国科普日活动的通知"),
            paragraph("各区科协：现将有关事项通知如下。"),
        ];
        let c = recognise(blocks, "x".into()).unwrap();
        assert_eq!(c.title, "关于开展全国科普日活动的通知");
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    }

    #[test]
    fn an_attribution_on_its_own_line_and_remarks_that_are_not_one() {
        assert_eq!(
            attribution("（创新服务中心）").as_deref(),
            Some("创新服务中心")
        );
        assert_eq!(
            attribution("工作。(北京纺织工程学会)").as_deref(),
            Some("北京纺织工程学会")
        );
        // A parenthesis inside a sentence is not an attribution.
        assert_eq!(attribution("会议审议了工作报告（草案）"), None);
        assert_eq!(attribution("详见附件。（附件一：名单。）"), None);
    }

    #[test]
    fn text_files_in_gb18030_are_read() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("标题\r\n\r\n第一段。\r\n\r\n第二段。\r\n");
        let c = read(Path::new("稿件.txt"), &bytes).unwrap();
        assert_eq!(c.title, "标题");
        assert_eq!(c.paragraphs, ["第一段。", "第二段。"]);
        assert!(matches!(
            read(Path::new("a.txt"), b"\n \n"),
            Err(ImportError::Empty)
        ));
        assert!(matches!(
            read(Path::new("a.pdf"), b"%PDF"),
            Err(ImportError::Kind)
        ));
        assert!(matches!(
            read(Path::new("a.docx"), b"\xD0\xCF\x11\xE0rest"),
            Err(ImportError::Encrypted)
        ));
        assert!(matches!(
            read(Path::new("a.docx"), b"plain"),
            Err(ImportError::NotDocx(..))
        ));
    }
}
