//! Changes to an issue file, field by field and article by article, as the
//! desk's form asks for them. Each edit rewrites only the text of what it
//! changes — a value, a key's line, an article's block — so comments, key
//! order, blank lines and every untouched article stay as the editors wrote
//! them, byte for byte. Where each key, value and article is written comes
//! from toml_edit's parser; new values are written as `new` and `import`
//! write them ([`crate::input::toml_write`]).

use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml_edit::{Document, Item, Table, Value};

use crate::input::toml_write;
use crate::t;

/// The top-level keys of an issue, in the order they are written.
pub const TOP_KEYS: [&str; 6] = ["total", "number", "date", "year", "editor", "reviewer"];
/// An article's keys, in the order they are written.
pub const ARTICLE_KEYS: [&str; 6] = ["section", "title", "contents", "source", "note", "body"];
/// A picture's keys, in the order they are written.
pub const IMAGE_KEYS: [&str; 4] = ["path", "caption", "after", "height"];

/// Which value of an issue: a top-level key, an article's key, or a key of
/// one of its pictures (articles and pictures counted from 0). No key: the
/// article (or picture) as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Field {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// A value as the form gives it: text, a whole number, or `false` (an
/// article left out of the contents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Flag(bool),
    Number(i64),
    Text(String),
}

/// One change to an issue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Sets a value (`None`: removes the key).
    Set {
        #[serde(flatten)]
        field: Field,
        value: Option<FieldValue>,
    },
    /// A new, empty article at position `at` (0: first).
    AddArticle {
        at: usize,
        section: Option<String>,
    },
    /// An article's block as written (a deleted one, brought back) at `at`.
    InsertArticle {
        at: usize,
        text: String,
    },
    DeleteArticle {
        article: usize,
    },
    /// Moves an article to position `to` (counted after it is taken out).
    MoveArticle {
        from: usize,
        to: usize,
    },
    /// A picture after the article's other pictures.
    AddImage {
        article: usize,
        path: String,
        caption: Option<String>,
        after: Option<usize>,
    },
    RemoveImage {
        article: usize,
        image: usize,
    },
    /// Replaces the text at `start..end` (bytes), which must read
    /// `expected`: a punctuation fix.
    Replace {
        start: usize,
        end: usize,
        expected: String,
        replacement: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{}", t!("edit-not-toml", error = .0))]
    NotToml(String),
    #[error("{}", t!("edit-articles-not-tables"))]
    ArticlesNotTables,
    #[error("{}", t!("edit-images-not-tables", n = .0.saturating_add(1)))]
    ImagesNotTables(usize),
    #[error("{}", t!("edit-no-article", n = .0.saturating_add(1)))]
    NoArticle(usize),
    #[error("{}", t!("edit-no-image", n = .0.saturating_add(1), k = .1.saturating_add(1)))]
    NoImage(usize, usize),
    #[error("{}", t!("edit-unknown-key", key = .0))]
    UnknownKey(String),
    #[error("{}", t!("edit-wrong-value", key = .0))]
    WrongValue(String),
    #[error("{}", t!("edit-required", key = .0))]
    Required(String),
    #[error("{}", t!("edit-not-one-article"))]
    NotOneArticle,
    #[error("{}", t!("edit-text-changed"))]
    TextChanged,
}

/// Applies `edits` in order to an issue file's text (without a byte order
/// mark). Nothing but what they change is changed; the result is TOML.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut text = text.to_string();
    for edit in edits {
        text = apply_one(&text, edit)?;
    }
    Ok(text)
}

fn apply_one(text: &str, edit: &Edit) -> Result<String, EditError> {
    let map = Map::read(text)?;
    let changed = match edit {
        Edit::Set { field, value } => map.set(text, field, value.as_ref())?,
        Edit::AddArticle { at, section } => {
            map.insert_article(text, *at, &toml_write::empty_article(section.as_deref()))?
        }
        Edit::InsertArticle { at, text: block } => {
            let block = one_article(block)?;
            map.insert_article(text, *at, &block)?
        }
        Edit::DeleteArticle { article } => {
            let at = map.article(*article)?;
            let last = *article + 1 == map.articles.len();
            remove_block(text, at.table.block.clone(), last)
        }
        Edit::MoveArticle { from, to } => map.move_article(text, *from, *to)?,
        Edit::AddImage {
            article,
            path,
            caption,
            after,
        } => {
            let at = map.article(*article)?;
            if at.images_inline {
                return Err(EditError::ImagesNotTables(*article));
            }
            let mut block = format!(
                "\n[[articles.images]]\npath = {}\n",
                toml_write::basic(path)
            );
            if let Some(caption) = caption {
                block.push_str(&format!("caption = {}\n", toml_write::basic(caption)));
            }
            if let Some(after) = after {
                block.push_str(&format!("after = {after}\n"));
            }
            insert(text, at.table.block.end, &block, map.newline)
        }
        Edit::RemoveImage { article, image } => {
            let at = map.article(*article)?;
            let picture = at
                .images
                .get(*image)
                .ok_or(EditError::NoImage(*article, *image))?;
            remove_block(text, picture.block.clone(), *image + 1 == at.images.len())
        }
        Edit::Replace {
            start,
            end,
            expected,
            replacement,
        } => {
            if text.get(*start..*end) != Some(expected.as_str()) {
                return Err(EditError::TextChanged);
            }
            format!("{}{replacement}{}", &text[..*start], &text[*end..])
        }
    };
    // Whatever was asked, the file stays TOML.
    Document::parse(changed.as_str()).map_err(|err| EditError::NotToml(err.to_string()))?;
    Ok(changed)
}

/// The text of article `article`'s block (its header, keys and pictures,
/// with the comments right above it), to bring it back after a delete.
pub fn article_text(text: &str, article: usize) -> Result<String, EditError> {
    let map = Map::read(text)?;
    let at = map.article(article)?;
    let mut block = text[at.table.block.clone()].to_string();
    if !block.ends_with('\n') {
        block.push('\n');
    }
    Ok(block)
}

/// The field written at byte `offset` of an issue file's text, if any: an
/// article's key, a picture's key, an article or picture as a whole, or a
/// top-level key.
pub fn field_at(text: &str, offset: usize) -> Option<Field> {
    let map = Map::read(text).ok()?;
    for (n, article) in map.articles.iter().enumerate() {
        if !article.table.block.contains(&offset) {
            continue;
        }
        for (k, image) in article.images.iter().enumerate() {
            if image.block.contains(&offset) {
                return Some(Field {
                    article: Some(n),
                    image: Some(k),
                    key: key_at(&image.keys, offset),
                });
            }
        }
        return Some(Field {
            article: Some(n),
            image: None,
            key: key_at(&article.table.keys, offset),
        });
    }
    key_at(&map.top, offset).map(|key| Field {
        key: Some(key),
        ..Field::default()
    })
}

fn key_at(keys: &[KeyAt], offset: usize) -> Option<String> {
    keys.iter()
        .find(|k| k.line.contains(&offset))
        .map(|k| k.key.clone())
}

/// An issue as the desk's form shows it: the values decoded, each article
/// with its pictures. Values of the wrong kind are shown as written (their
/// error is reported by the check).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Form {
    pub total: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub year: Option<String>,
    pub editor: Option<String>,
    pub reviewer: Option<String>,
    pub articles: Vec<ArticleForm>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleForm {
    pub section: Option<String>,
    pub title: Option<String>,
    /// `None`: the title is listed; `Some(Flag(false))`: not listed;
    /// `Some(Text)`: a shorter entry.
    pub contents: Option<FieldValue>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub body: Option<String>,
    pub images: Vec<ImageForm>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImageForm {
    pub path: Option<String>,
    pub caption: Option<String>,
    pub after: Option<String>,
    pub height: Option<String>,
}

/// The form of an issue file's text.
pub fn form(text: &str) -> Result<Form, EditError> {
    let document = Document::parse(text).map_err(|err| EditError::NotToml(err.to_string()))?;
    let root = document.as_table();
    let shown = |table: &Table, key: &str| table.get(key).and_then(Item::as_value).map(value_text);
    let articles = match root.get("articles") {
        Some(Item::ArrayOfTables(articles)) => articles
            .iter()
            .map(|article| ArticleForm {
                section: shown(article, "section"),
                title: shown(article, "title"),
                contents: article.get("contents").and_then(Item::as_value).map(|v| {
                    match v.as_bool() {
                        Some(flag) => FieldValue::Flag(flag),
                        None => FieldValue::Text(value_text(v)),
                    }
                }),
                source: shown(article, "source"),
                note: shown(article, "note"),
                body: shown(article, "body"),
                images: match article.get("images") {
                    Some(Item::ArrayOfTables(images)) => images
                        .iter()
                        .map(|image| ImageForm {
                            path: shown(image, "path"),
                            caption: shown(image, "caption"),
                            after: shown(image, "after"),
                            height: shown(image, "height"),
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect(),
        Some(_) => return Err(EditError::ArticlesNotTables),
        None => Vec::new(),
    };
    Ok(Form {
        total: shown(root, "total"),
        number: shown(root, "number"),
        date: shown(root, "date"),
        year: shown(root, "year"),
        editor: shown(root, "editor"),
        reviewer: shown(root, "reviewer"),
        articles,
    })
}

/// A value as the form shows it: a string's text, anything else as
/// written.
fn value_text(value: &Value) -> String {
    match value.as_str() {
        Some(text) => text.to_string(),
        None => value.to_string().trim().to_string(),
    }
}

/// A key and where it is written: its whole line (from the line's start to
/// after the line break ending its value) and its value.
#[derive(Debug, Clone)]
struct KeyAt {
    key: String,
    line: Range<usize>,
    value: Range<usize>,
    /// The value as read.
    read: Value,
}

/// A table (`[[articles]]`, `[[articles.images]]`) and where it is
/// written: its block runs from the comments right above its header to the
/// end of the line of its last value.
#[derive(Debug, Clone)]
struct TableAt {
    block: Range<usize>,
    /// The end of its header's line.
    header_end: usize,
    keys: Vec<KeyAt>,
}

#[derive(Debug, Clone)]
struct ArticleAt {
    table: TableAt,
    images: Vec<TableAt>,
    /// The pictures are written as an array of inline tables.
    images_inline: bool,
}

/// Where everything of an issue file is written.
struct Map {
    top: Vec<KeyAt>,
    /// Where the first table's block starts (top-level keys go before).
    first_table: Option<usize>,
    articles: Vec<ArticleAt>,
    /// How the file ends its lines.
    newline: &'static str,
}

impl Map {
    fn read(text: &str) -> Result<Self, EditError> {
        let document = Document::parse(text).map_err(|err| EditError::NotToml(err.to_string()))?;
        let root = document.as_table();
        let mut tables = Tables::default();
        tables.read(root);
        tables.headers.sort_unstable();
        let mut map = Map {
            top: keys_of(text, root),
            first_table: tables.headers.first().map(|&h| tables.block_start(text, h)),
            articles: Vec::new(),
            newline: if text.contains("\r\n") { "\r\n" } else { "\n" },
        };
        let Some(item) = root.get("articles") else {
            return Ok(map);
        };
        let Item::ArrayOfTables(articles) = item else {
            return Err(EditError::ArticlesNotTables);
        };
        for article in articles.iter() {
            let mut at = ArticleAt {
                table: table_at(text, article, &tables)?,
                images: Vec::new(),
                images_inline: false,
            };
            match article.get("images") {
                Some(Item::ArrayOfTables(images)) => {
                    for image in images.iter() {
                        let image = table_at(text, image, &tables)?;
                        at.table.block.end = at.table.block.end.max(image.block.end);
                        at.images.push(image);
                    }
                }
                Some(_) => at.images_inline = true,
                None => {}
            }
            map.articles.push(at);
        }
        Ok(map)
    }

    fn article(&self, n: usize) -> Result<&ArticleAt, EditError> {
        self.articles.get(n).ok_or(EditError::NoArticle(n))
    }

    fn set(
        &self,
        text: &str,
        field: &Field,
        value: Option<&FieldValue>,
    ) -> Result<String, EditError> {
        let key = field.key.as_deref().unwrap_or_default();
        let (keys, order, after_header): (&[KeyAt], &[&str], Option<usize>) =
            match (field.article, field.image) {
                (None, None) => (&self.top, &TOP_KEYS, None),
                (Some(n), None) => {
                    let at = self.article(n)?;
                    (&at.table.keys, &ARTICLE_KEYS, Some(at.table.header_end))
                }
                (Some(n), Some(k)) => {
                    let at = self.article(n)?;
                    let image = at.images.get(k).ok_or(EditError::NoImage(n, k))?;
                    (&image.keys, &IMAGE_KEYS, Some(image.header_end))
                }
                (None, Some(_)) => return Err(EditError::UnknownKey(key.to_string())),
            };
        if !order.contains(&key) {
            return Err(EditError::UnknownKey(key.to_string()));
        }
        let place = field.article.map_or("top", |_| {
            if field.image.is_some() {
                "image"
            } else {
                "article"
            }
        });
        let written = keys.iter().find(|k| k.key == key);
        let Some(value) = value else {
            if REQUIRED.contains(&(place, key)) {
                return Err(EditError::Required(key.to_string()));
            }
            return Ok(match written {
                Some(at) => format!("{}{}", &text[..at.line.start], &text[at.line.end..]),
                None => text.to_string(),
            });
        };
        let repr = value_repr(place, key, value)?;
        match written {
            Some(at) => {
                if same_value(place, key, &at.read, value) {
                    return Ok(text.to_string());
                }
                let repr = repr.replace('\n', self.newline);
                Ok(format!(
                    "{}{repr}{}",
                    &text[..at.value.start],
                    &text[at.value.end..]
                ))
            }
            None => {
                // After the keys that come before it, else first.
                let position = order.iter().position(|k| *k == key).unwrap_or(0);
                let before = keys
                    .iter()
                    .filter(|k| {
                        order
                            .iter()
                            .position(|o| *o == k.key)
                            .is_some_and(|p| p < position)
                    })
                    .map(|k| k.line.end)
                    .max();
                let at = match (before, after_header) {
                    (Some(end), _) => end,
                    (None, Some(header_end)) => header_end,
                    (None, None) => keys
                        .iter()
                        .map(|k| k.line.start)
                        .min()
                        .or(self.first_table)
                        .unwrap_or(text.len()),
                };
                Ok(insert(text, at, &format!("{key} = {repr}\n"), self.newline))
            }
        }
    }

    /// `block` (an article, ending with a line break) put at position `at`
    /// among the articles, a blank line between it and its neighbours.
    fn insert_article(&self, text: &str, at: usize, block: &str) -> Result<String, EditError> {
        if at > self.articles.len() {
            return Err(EditError::NoArticle(at));
        }
        Ok(match self.articles.get(at) {
            Some(next) => insert(
                text,
                next.table.block.start,
                &format!("{block}\n"),
                self.newline,
            ),
            None => {
                let end = self
                    .articles
                    .last()
                    .map_or(text.len(), |last| last.table.block.end);
                insert(text, end, &format!("\n{block}"), self.newline)
            }
        })
    }

    /// The articles' blocks in a new order; what stands between them
    /// (blank lines, comments, other tables) stays where it is.
    fn move_article(&self, text: &str, from: usize, to: usize) -> Result<String, EditError> {
        let n = self.articles.len();
        if from >= n {
            return Err(EditError::NoArticle(from));
        }
        if to >= n {
            return Err(EditError::NoArticle(to));
        }
        if from == to {
            return Ok(text.to_string());
        }
        let blocks: Vec<Range<usize>> = self
            .articles
            .iter()
            .map(|a| a.table.block.clone())
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        let moved = order.remove(from);
        order.insert(to, moved);
        let mut out = String::with_capacity(text.len() + 2);
        out.push_str(&text[..blocks[0].start]);
        for (slot, &which) in order.iter().enumerate() {
            let block = &text[blocks[which].clone()];
            out.push_str(block);
            if !block.ends_with('\n') {
                out.push_str(self.newline);
            }
            let between = match blocks.get(slot + 1) {
                Some(next) => blocks[slot].end..next.start,
                None => blocks[slot].end..text.len(),
            };
            out.push_str(&text[between]);
        }
        Ok(out)
    }
}

/// Keys that cannot be removed, by where they are.
const REQUIRED: [(&str, &str); 6] = [
    ("top", "total"),
    ("top", "number"),
    ("top", "date"),
    ("article", "title"),
    ("article", "body"),
    ("image", "path"),
];

/// How `value` is written for `key`, or why it cannot be.
fn value_repr(place: &str, key: &str, value: &FieldValue) -> Result<String, EditError> {
    let wrong = || EditError::WrongValue(key.to_string());
    Ok(match (place, key, value) {
        ("top", "total" | "number" | "year", FieldValue::Number(n))
        | ("image", "after" | "height", FieldValue::Number(n)) => n.to_string(),
        ("top", "date", FieldValue::Text(date)) => {
            let parsed: toml::value::Datetime = date.trim().parse().map_err(|_| wrong())?;
            if parsed.date.is_none() || parsed.time.is_some() || parsed.offset.is_some() {
                return Err(wrong());
            }
            parsed.to_string()
        }
        ("article", "body" | "note", FieldValue::Text(text)) => {
            toml_write::multiline(&toml_write::typed_paragraphs(text))
        }
        ("article", "contents", FieldValue::Flag(false)) => "false".to_string(),
        ("top", "editor" | "reviewer", FieldValue::Text(text))
        | ("article", "section" | "title" | "contents" | "source", FieldValue::Text(text))
        | ("image", "path" | "caption" | "height", FieldValue::Text(text)) => {
            toml_write::basic(text)
        }
        _ => return Err(wrong()),
    })
}

/// Whether a written value already says what the form gives (a body with
/// the same paragraphs is not written anew).
fn same_value(place: &str, key: &str, read: &Value, value: &FieldValue) -> bool {
    match value {
        FieldValue::Text(text) if place == "article" && matches!(key, "body" | "note") => {
            read.as_str().is_some_and(|read| {
                toml_write::typed_paragraphs(read) == toml_write::typed_paragraphs(text)
            })
        }
        FieldValue::Text(text) if key == "date" => read
            .as_datetime()
            .is_some_and(|read| read.to_string() == text.trim()),
        FieldValue::Text(text) => read.as_str() == Some(text.as_str()),
        FieldValue::Number(n) => read.as_integer() == Some(*n),
        FieldValue::Flag(flag) => read.as_bool() == Some(*flag),
    }
}

/// The block of an article given as text: exactly one `[[articles]]`
/// table, ending with a line break.
fn one_article(block: &str) -> Result<String, EditError> {
    let document = Document::parse(block).map_err(|_| EditError::NotOneArticle)?;
    let root = document.as_table();
    let one = root.len() == 1
        && matches!(root.get("articles"), Some(Item::ArrayOfTables(a)) if a.len() == 1);
    if !one {
        return Err(EditError::NotOneArticle);
    }
    let mut block = block.replace("\r\n", "\n");
    if !block.ends_with('\n') {
        block.push('\n');
    }
    Ok(block)
}

/// The plain key-values of a table, where they are written.
fn keys_of(text: &str, table: &Table) -> Vec<KeyAt> {
    table
        .iter()
        .filter_map(|(key, item)| {
            let Item::Value(value) = item else {
                return None;
            };
            let key_span = table.key(key)?.span()?;
            let value_span = value.span()?;
            Some(KeyAt {
                key: key.to_string(),
                line: line_start(text, key_span.start)..line_end(text, value_span.end),
                value: value_span,
                read: value.clone(),
            })
        })
        .collect()
}

/// Where the document's tables start and its values end.
#[derive(Default)]
struct Tables {
    /// Every table header's start, nested ones too.
    headers: Vec<usize>,
    /// Where every value ends (a `#` inside a string is not a comment).
    value_ends: Vec<usize>,
}

impl Tables {
    fn read(&mut self, table: &Table) {
        for (_, item) in table.iter() {
            match item {
                Item::Value(value) => self.value_ends.extend(value.span().map(|s| s.end)),
                Item::Table(table) => {
                    self.headers.extend(table.span().map(|s| s.start));
                    self.read(table);
                }
                Item::ArrayOfTables(tables) => {
                    for table in tables.iter() {
                        self.headers.extend(table.span().map(|s| s.start));
                        self.read(table);
                    }
                }
                Item::None => {}
            }
        }
    }

    /// A table's block starts at its header's line, or at the comments
    /// right above it (they speak of it), never inside a value.
    fn block_start(&self, text: &str, header: usize) -> usize {
        let floor = self
            .value_ends
            .iter()
            .filter(|&&end| end <= header)
            .max()
            .copied()
            .unwrap_or(0);
        let mut start = line_start(text, header);
        while start > 0 {
            let above = line_start(text, start - 1);
            if above >= floor && text[above..start].trim_start().starts_with('#') {
                start = above;
            } else {
                break;
            }
        }
        start
    }
}

/// A table's keys and block: from the comments right above its header to
/// the next table's header, without the blank lines and comments that end
/// that stretch (they stand between the two).
fn table_at(text: &str, table: &Table, tables: &Tables) -> Result<TableAt, EditError> {
    let header = table.span().ok_or(EditError::ArticlesNotTables)?;
    let keys = keys_of(text, table);
    let header_end = line_end(text, header.end);
    let next = tables
        .headers
        .iter()
        .find(|&&h| h > header.start)
        .map_or(text.len(), |&h| line_start(text, h));
    let mut end = next.max(header_end);
    while end > header_end {
        let above = line_start(text, end - 1);
        let line = text[above..end].trim();
        if line.is_empty() || line.starts_with('#') {
            end = above;
        } else {
            break;
        }
    }
    // A value's last lines may look like comments, or lack a line break
    // at the end of the file.
    let end = keys.iter().map(|k| k.line.end).fold(end, usize::max);
    Ok(TableAt {
        block: tables.block_start(text, header.start)..end,
        header_end,
        keys,
    })
}

/// The start of the line holding `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// After the line break ending the line that holds `at` (or the end).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// `text` with `new` (lines ending in `\n`) put at `at`, its lines ended
/// as the file ends them; a last line without a line break gets one first.
fn insert(text: &str, at: usize, new: &str, newline: &str) -> String {
    let mut out = String::with_capacity(text.len() + new.len() + 2);
    out.push_str(&text[..at]);
    if at > 0 && !text[..at].ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&new.replace('\n', newline));
    out.push_str(&text[at..]);
    out
}

/// `text` without `block`, and without the blank lines after it — or,
/// for the last of its kind, the blank lines before it.
fn remove_block(text: &str, block: Range<usize>, last: bool) -> String {
    let blank = |line: &str| line.trim().is_empty();
    let (mut start, mut end) = (block.start, block.end);
    if last {
        while start > 0 {
            let above = line_start(text, start - 1);
            if blank(&text[above..start]) {
                start = above;
            } else {
                break;
            }
        }
    } else {
        while end < text.len() {
            let next = line_end(text, end);
            if blank(&text[end..next]) {
                end = next;
            } else {
                break;
            }
        }
    }
    format!("{}{}", &text[..start], &text[end..])
}

#[cfg(test)]
mod tests;
