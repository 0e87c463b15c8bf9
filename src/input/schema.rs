//! The keys of `bulletin.toml` and of an issue file, declared once: each
//! table, each key's name, what it holds, whether it is required or what
//! it defaults to, and the catalogue's words for it. The desk's forms read
//! it (`/api/schema`); tests hold the readers in `config` and `issue` and
//! the key tables of docs/input-format.md to it.

use serde::Serialize;

use crate::i18n::{self, Lang};

/// Which file a table is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum File {
    /// `bulletin.toml`.
    Publication,
    /// `issues/<total>.toml`.
    Issue,
}

/// What a key's value is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A text on one line.
    Text,
    /// A text of paragraphs, or of lines (a title).
    Paragraphs,
    /// A whole number.
    Integer,
    /// A TOML date: `2023-08-11`.
    Date,
    /// `true` or `false`.
    Boolean,
    /// A list of texts.
    TextList,
    /// A path inside the publication folder.
    Path,
    /// A list of such paths.
    PathList,
    /// `"#RRGGBB"`.
    Colour,
    /// A length: `"60mm"`, `"6cm"`, `"170pt"` or millimetres.
    Length,
    /// A text, or `false` for none.
    TextOrFalse,
    /// One of `choices`.
    Choice,
    /// A table of its own (its keys are in [`TABLES`]).
    Table,
    /// Tables, any number (`[[articles]]`).
    Tables,
}

/// One key of a table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// As written in TOML, where leaving the key out means a value.
    pub default: Option<&'static str>,
    /// The values a [`Kind::Choice`] takes.
    pub choices: &'static [&'static str],
    /// The catalogue key of its label (`desk-ui-field-title`: 标题).
    pub label: &'static str,
}

/// One table of a file.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Table {
    pub file: File,
    /// As TOML names it: `publication`, `articles.images`; empty for an
    /// issue's own keys at the top of its file.
    pub path: &'static str,
    pub keys: &'static [Key],
}

const fn key(name: &'static str, kind: Kind, label: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        default: None,
        choices: &[],
        label,
    }
}

const fn required(name: &'static str, kind: Kind, label: &'static str) -> Key {
    Key {
        required: true,
        ..key(name, kind, label)
    }
}

const fn with_default(
    name: &'static str,
    kind: Kind,
    default: &'static str,
    label: &'static str,
) -> Key {
    Key {
        default: Some(default),
        ..key(name, kind, label)
    }
}

/// The 报尾's keys: in `bulletin.toml`, and again in an issue to override.
const FOOTER: &[Key] = &[
    key("lines", Kind::TextList, "desk-ui-field-lines"),
    key("editor", Kind::Text, "desk-ui-field-editor"),
    key("reviewer", Kind::Text, "desk-ui-field-reviewer"),
    key("distribution", Kind::TextList, "desk-ui-field-distribution"),
];

/// Every table of both files, in the order the files are written.
pub const TABLES: &[Table] = &[
    Table {
        file: File::Publication,
        path: "publication",
        keys: &[
            required("name", Kind::Text, "desk-ui-field-name"),
            required("publisher", Kind::Text, "desk-ui-field-publisher"),
            with_default(
                "issue_line",
                Kind::Text,
                "\"{year}年第{number}期（总第{total}期）\"",
                "desk-ui-field-issue-line",
            ),
            with_default(
                "contents_heading",
                Kind::Text,
                "\"目录提要\"",
                "desk-ui-field-contents-heading",
            ),
            with_default(
                "cadence_days",
                Kind::Integer,
                "7",
                "desk-ui-field-cadence-days",
            ),
            Key {
                choices: &["zh", "en"],
                ..key("lang", Kind::Choice, "desk-ui-field-lang")
            },
        ],
    },
    Table {
        file: File::Publication,
        path: "layout",
        keys: &[
            with_default(
                "page_numbers",
                Kind::Boolean,
                "true",
                "desk-ui-field-page-numbers",
            ),
            with_default("red", Kind::Colour, "\"#E60012\"", "desk-ui-field-red"),
            with_default(
                "cjk_latin_spacing",
                Kind::Boolean,
                "false",
                "desk-ui-field-cjk-latin-spacing",
            ),
            key("file", Kind::Path, "desk-ui-field-layout-file"),
        ],
    },
    Table {
        file: File::Publication,
        path: "fonts",
        keys: &[
            key("body", Kind::TextList, "desk-ui-field-font-body"),
            key("title", Kind::TextList, "desk-ui-field-font-title"),
            key("heading", Kind::TextList, "desk-ui-field-font-heading"),
            key("kai", Kind::TextList, "desk-ui-field-font-kai"),
            key("number", Kind::TextList, "desk-ui-field-font-number"),
            key("paths", Kind::PathList, "desk-ui-field-font-paths"),
        ],
    },
    Table {
        file: File::Publication,
        path: "footer",
        keys: FOOTER,
    },
    Table {
        file: File::Issue,
        path: "",
        keys: &[
            required("total", Kind::Integer, "desk-ui-field-total"),
            required("number", Kind::Integer, "desk-ui-field-number"),
            required("date", Kind::Date, "desk-ui-field-date"),
            key("year", Kind::Integer, "desk-ui-field-year"),
            key("editor", Kind::Text, "desk-ui-field-editor"),
            key("reviewer", Kind::Text, "desk-ui-field-reviewer"),
            key("footer", Kind::Table, "desk-ui-field-footer"),
            required("articles", Kind::Tables, "desk-ui-field-articles"),
        ],
    },
    Table {
        file: File::Issue,
        path: "footer",
        keys: FOOTER,
    },
    Table {
        file: File::Issue,
        path: "articles",
        keys: &[
            key("section", Kind::Text, "desk-ui-field-section"),
            required("title", Kind::Paragraphs, "desk-ui-field-title"),
            key("contents", Kind::TextOrFalse, "desk-ui-field-contents"),
            key("source", Kind::Text, "desk-ui-field-source"),
            required("body", Kind::Paragraphs, "desk-ui-field-body"),
            key("note", Kind::Paragraphs, "desk-ui-field-note"),
            key("images", Kind::Tables, "desk-ui-field-pictures"),
        ],
    },
    Table {
        file: File::Issue,
        path: "articles.images",
        keys: &[
            required("path", Kind::Path, "desk-ui-field-path"),
            key("caption", Kind::Text, "desk-ui-field-caption"),
            key("after", Kind::Integer, "desk-ui-field-after"),
            key("height", Kind::Length, "desk-ui-field-height"),
        ],
    },
];

/// The table at `path` of `file`.
pub fn table(file: File, path: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.file == file && t.path == path)
}

/// The schema as the desk's forms read it: every table and key, with its
/// label in `lang`.
pub fn json(lang: Lang) -> serde_json::Value {
    let tables: Vec<serde_json::Value> = TABLES
        .iter()
        .map(|table| {
            let keys: Vec<serde_json::Value> = table
                .keys
                .iter()
                .map(|key| {
                    let mut value = serde_json::to_value(key).unwrap_or_default();
                    value["label"] = i18n::text_in(lang, key.label, &[]).into();
                    value
                })
                .collect();
            serde_json::json!({ "file": table.file, "path": table.path, "keys": keys })
        })
        .collect();
    serde_json::json!({ "tables": tables })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_in_both_languages() {
        for table in TABLES {
            for key in table.keys {
                for lang in Lang::ALL {
                    let label = i18n::text_in(lang, key.label, &[]);
                    assert!(
                        !label.is_empty() && label != key.label,
                        "{lang}: {} {}",
                        table.path,
                        key.name
                    );
                }
            }
        }
    }

    /// The keys `config` and `issue` accept are the schema's: a key they
    /// do not know is refused with the list of those they do, which must
    /// be the schema's, in any order.
    #[test]
    fn the_readers_accept_exactly_the_schemas_keys() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = std::fs::read_to_string(root.join("bulletin.toml")).unwrap();
        let issue = std::fs::read_to_string(root.join("issues/74.toml")).unwrap();
        for table in TABLES {
            let (text, header) = match (table.file, table.path) {
                (File::Publication, path) => (&config, format!("\n[{path}]\n")),
                (File::Issue, "") => (&issue, String::new()),
                (File::Issue, "articles") => (&issue, "\n[[articles]]\n".to_string()),
                (File::Issue, "articles.images") => (
                    &issue,
                    "\n[[articles.images]]\npath = \"x.png\"\n".to_string(),
                ),
                (File::Issue, path) => (&issue, format!("\n[{path}]\n")),
            };
            // An unknown key where the table's keys go.
            let probe = "zzz_unknown = 1\n";
            let changed = match table.path {
                "" => format!("{probe}{text}"),
                "articles" => text.replacen("\n[[articles]]\n", &format!("{header}{probe}"), 1),
                _ if text.contains(&header) => {
                    text.replacen(&header, &format!("{header}{probe}"), 1)
                }
                _ => format!("{text}{header}{probe}"),
            };
            let message = allowed_keys(table.file, &changed);
            let mut allowed: Vec<&str> = message.iter().map(String::as_str).collect();
            allowed.sort_unstable();
            let mut declared: Vec<&str> = table.keys.iter().map(|k| k.name).collect();
            declared.sort_unstable();
            assert_eq!(allowed, declared, "[{}] of {:?}", table.path, table.file);
        }
    }

    /// The keys the reader of `file` says it allows where `text` has an
    /// unknown one.
    fn allowed_keys(file: File, text: &str) -> Vec<String> {
        let error = i18n::with_lang(Lang::En, || match file {
            File::Publication => crate::input::config::Config::from_text(
                std::path::Path::new("."),
                text.to_string(),
                std::path::Path::new("bulletin.toml"),
            )
            .err()
            .map(|e| e.message),
            File::Issue => {
                let input = crate::input::toml_input::InputFile {
                    path: "issues/74.toml".into(),
                    text: text.to_string(),
                };
                crate::input::issue::raw_issue_error(&input)
            }
        });
        let message = error.expect("an unknown key is refused");
        let message = message.split(" (check").next().unwrap_or_default();
        let list = message
            .split_once("expected one of ")
            .or_else(|| message.split_once("expected "))
            .map(|(_, list)| list)
            .unwrap_or_else(|| panic!("a list of keys in: {message}"));
        list.split(['`', ','])
            .map(str::trim)
            .filter(|word| {
                !word.is_empty()
                    && word.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    && *word != "or"
            })
            .map(str::to_string)
            .collect()
    }

    /// docs/input-format.md lists each table's keys: the same keys, the
    /// same required ones, the same defaults where it gives one.
    #[test]
    fn the_guide_lists_exactly_the_schemas_keys() {
        let guide = include_str!("../../docs/input-format.md");
        let sections: [(&str, File, &str); 7] = [
            ("### `[publication]`", File::Publication, "publication"),
            ("### `[layout]`", File::Publication, "layout"),
            ("### `[fonts]`", File::Publication, "fonts"),
            ("### `[footer]`", File::Publication, "footer"),
            ("### The issue's own keys", File::Issue, ""),
            ("### `[[articles]]`", File::Issue, "articles"),
            ("#### `[[articles.images]]`", File::Issue, "articles.images"),
        ];
        for (heading, file, path) in sections {
            let at = guide
                .find(heading)
                .unwrap_or_else(|| panic!("the guide has {heading}"));
            let rows: Vec<Vec<String>> = guide[at..]
                .lines()
                .skip_while(|line| !line.starts_with('|'))
                .take_while(|line| line.starts_with('|'))
                .map(|line| {
                    line.trim_matches('|')
                        .split('|')
                        .map(|cell| cell.trim().to_string())
                        .collect()
                })
                .collect();
            let header = &rows[0];
            let column = |name: &str| header.iter().position(|cell| cell == name);
            let table = table(file, path).unwrap();
            let mut listed = Vec::new();
            for row in &rows[2..] {
                // `name`, or a table's `[footer]`, `[[articles.images]]`.
                let path = row[0].trim_matches(['`', '[', ']']);
                let name = path.rsplit('.').next().unwrap_or(path).to_string();
                let key = table
                    .keys
                    .iter()
                    .find(|key| key.name == name)
                    .unwrap_or_else(|| panic!("{heading}: `{name}` is not in the schema"));
                if let Some(required) = column("Required") {
                    assert_eq!(row[required] == "yes", key.required, "{heading}: {name}");
                }
                if let Some(default) = column("Default")
                    && let Some(written) = row[default]
                        .strip_prefix('`')
                        .and_then(|d| d.strip_suffix('`'))
                {
                    assert_eq!(Some(written), key.default, "{heading}: {name}");
                }
                listed.push(name);
            }
            let declared: Vec<&str> = table.keys.iter().map(|key| key.name).collect();
            assert_eq!(listed, declared, "{heading}: the keys, in order");
        }
    }
}
