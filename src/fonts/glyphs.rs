//! Characters that no font can draw. Typst prints an empty box for them and
//! says nothing, so a build checks every text field before laying out.

use std::fmt;
use std::ops::Range;

use crate::diagnostic::{Located, Warning};
use crate::fonts::Fonts;
use crate::input::config::{Config, Origin, Placed};
use crate::input::issue::Issue;
use crate::input::toml_input::InputFile;
use crate::t;

/// One character no font can draw, and the field it is in.
#[derive(Debug, Clone)]
pub struct MissingGlyph {
    pub character: char,
    /// Which field: "article 3 (举全市之力…), body".
    pub place: String,
    /// Where it is typed, when it is typed literally.
    pub location: Option<Located>,
}

impl MissingGlyph {
    /// What is missing where, and `consequence`, without the location.
    pub fn message(&self, consequence: &str) -> String {
        t!(
            "glyphs-missing",
            character = self.character,
            code = format!("U+{:04X}", self.character as u32),
            place = self.place.as_str(),
            consequence = consequence
        )
    }

    /// The message, with `consequence` said before the line is shown.
    pub fn describe(&self, consequence: &str) -> String {
        self.warning(consequence).to_string()
    }
}

impl MissingGlyph {
    /// The warning for a character printed as `consequence` says (an empty
    /// box), at its place when it has one.
    pub fn warning(&self, consequence: &str) -> Warning {
        let what = self.message(consequence);
        match &self.location {
            Some(location) => {
                let mut location = location.clone();
                location.message = what;
                Warning::At(location)
            }
            None => Warning::Plain(what),
        }
    }
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(""))
    }
}

/// Every character of the printed text that no font covers: each once per
/// field, located where it is typed in that field.
pub fn find_missing(fonts: &Fonts, config: &Config, issue: &Issue) -> Vec<MissingGlyph> {
    let file_of = |origin: Origin| match origin {
        Origin::Publication => &config.file,
        Origin::Issue => &issue.file,
    };
    let mut missing = Vec::new();
    let mut check = |place: &dyn Fn() -> String, texts: &[&str], at: Where| {
        let mut seen = Vec::new();
        for c in texts.iter().flat_map(|t| t.chars()) {
            if is_invisible(c) || seen.contains(&c) || fonts.can_draw(c) {
                continue;
            }
            seen.push(c);
            let location = match &at {
                Where::In(file, span) => Some(file.error(file.locate_char(span.clone(), c), "")),
                Where::Nowhere => None,
            };
            missing.push(MissingGlyph {
                character: c,
                place: place(),
                location,
            });
        }
    };
    let placed = |value: &Placed| match &value.span {
        Some(span) => Where::In(file_of(value.origin), span.clone()),
        None => Where::Nowhere,
    };

    let p = &config.publication;
    for (key, value) in [
        ("name", &p.name),
        ("publisher", &p.publisher),
        ("issue_line", &p.issue_line),
        ("contents_heading", &p.contents_heading),
    ] {
        check(
            &|| format!("[publication] {key}"),
            &[&value.text],
            placed(value),
        );
    }
    let f = &issue.footer;
    let singles = [("editor", &f.editor), ("reviewer", &f.reviewer)];
    for (key, value) in singles.iter().filter_map(|(k, v)| Some((k, v.as_ref()?))) {
        check(&|| (*key).to_string(), &[&value.text], placed(value));
    }
    for (key, values) in [("lines", &f.lines), ("distribution", &f.distribution)] {
        for value in values {
            check(&|| format!("[footer] {key}"), &[&value.text], placed(value));
        }
    }

    let file = &issue.file;
    for (i, article) in issue.articles.iter().enumerate() {
        let title = article.title_text();
        let short: String = title.chars().take(12).collect();
        let ellipsis = if title.chars().count() > 12 {
            "…"
        } else {
            ""
        };
        let place = |field: &str| {
            t!(
                "glyphs-place-article",
                n = i + 1,
                title = format!("{short}{ellipsis}"),
                field = field
            )
        };
        for (field, texts, span) in article.written_fields() {
            check(&|| place(field), &texts, Where::In(file, span));
        }
    }
    missing
}

/// Every visible character the issue prints (its own fields and the
/// publication's), once each, in order.
pub fn printed_characters(config: &Config, issue: &Issue) -> std::collections::BTreeSet<char> {
    let p = &config.publication;
    let publication = [&p.name, &p.publisher, &p.issue_line, &p.contents_heading]
        .into_iter()
        .chain(issue.footer.values())
        .map(|value| value.text.as_str());
    let articles = issue.articles.iter().flat_map(|a| {
        a.written_fields()
            .into_iter()
            .flat_map(|(_, texts, _)| texts)
    });
    publication
        .chain(articles)
        .flat_map(str::chars)
        .filter(|&c| !is_invisible(c))
        .collect()
}

/// Where a field's text is written.
enum Where<'a> {
    /// At this byte range of the file.
    In(&'a InputFile, Range<usize>),
    /// Nowhere: a default value.
    Nowhere,
}

/// Characters that print nothing, so need no glyph: spaces, controls,
/// joiners and variation selectors.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
            | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE0FFF)
}
