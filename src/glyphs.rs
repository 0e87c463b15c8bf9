//! Characters that no font can draw. Typst prints an empty box for them and
//! says nothing, so a build checks every text field before laying out.

use std::fmt;
use std::ops::Range;

use crate::config::Config;
use crate::diagnostic::Located;
use crate::fonts::Fonts;
use crate::issue::Issue;
use crate::toml_input::InputFile;

/// One character no font can draw, and the field it is in.
#[derive(Debug, Clone)]
pub struct MissingGlyph {
    pub character: char,
    /// Which field: "article 3 (举全市之力…), body".
    pub place: String,
    /// Where it is typed, when it is typed literally.
    pub location: Option<Located>,
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = format!(
            "no font can draw '{}' (U+{:04X}) in {}",
            self.character, self.character as u32, self.place
        );
        match &self.location {
            Some(location) => {
                let mut location = location.clone();
                location.message = what;
                write!(f, "{location}")
            }
            None => write!(f, "{what}"),
        }
    }
}

/// Every character of the issue's and the publication's printed text that
/// no font covers, once per field.
pub fn find_missing(fonts: &Fonts, config: &Config, issue: &Issue) -> Vec<MissingGlyph> {
    let mut missing = Vec::new();
    let mut check = |place: &dyn Fn() -> String, text: &str, at: Where| {
        let mut seen = Vec::new();
        for c in text.chars() {
            if is_invisible(c) || seen.contains(&c) || fonts.can_draw(c) {
                continue;
            }
            seen.push(c);
            let location = match &at {
                Where::In(file, span) => Some(locate_in(file, span.clone(), c)),
                Where::Search(files) => files
                    .iter()
                    .find_map(|file| file.find_char(c).map(|span| file.error(span, ""))),
            };
            missing.push(MissingGlyph {
                character: c,
                place: place(),
                location,
            });
        }
    };

    // Publication and footer values carry no spans: they are found by
    // searching the file they most likely come from first.
    let publication = || Where::Search(vec![&config.file, &issue.file]);
    let footer = || Where::Search(vec![&issue.file, &config.file]);
    let p = &config.publication;
    check(&|| "[publication] name".into(), &p.name, publication());
    check(
        &|| "[publication] publisher".into(),
        &p.publisher,
        publication(),
    );
    check(
        &|| "[publication] issue_line".into(),
        &p.issue_line,
        publication(),
    );
    check(
        &|| "[publication] contents_heading".into(),
        &p.contents_heading,
        publication(),
    );
    let f = &issue.footer;
    for line in &f.lines {
        check(&|| "[footer] lines".into(), line, footer());
    }
    for entry in &f.distribution {
        check(&|| "[footer] distribution".into(), entry, footer());
    }
    for (key, value) in [("editor", &f.editor), ("reviewer", &f.reviewer)] {
        if let Some(value) = value {
            check(&|| key.into(), value, footer());
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
        let place = |field: &str| format!("article {} ({short}{ellipsis}), {field}", i + 1);
        let spans = &article.spans;
        if let (Some(section), Some(span)) = (&article.section, &spans.section) {
            check(&|| place("section"), section, Where::In(file, span.clone()));
        }
        for line in &article.title {
            check(
                &|| place("title"),
                line,
                Where::In(file, spans.title.clone()),
            );
        }
        // A contents entry that is not written is the title, checked above.
        if let (Some(contents), Some(span)) = (&article.contents, &spans.contents) {
            check(
                &|| place("contents"),
                contents,
                Where::In(file, span.clone()),
            );
        }
        for paragraph in &article.paragraphs {
            check(
                &|| place("body"),
                paragraph,
                Where::In(file, spans.body.clone()),
            );
        }
        if let (Some(source), Some(span)) = (&article.source, &spans.source) {
            check(&|| place("source"), source, Where::In(file, span.clone()));
        }
    }
    missing
}

/// Where a field's text is written.
enum Where<'a> {
    /// At this byte range of the file.
    In(&'a InputFile, Range<usize>),
    /// Somewhere in these files.
    Search(Vec<&'a InputFile>),
}

/// The character inside the field's range, typed as itself or as a TOML
/// escape (`\uE000`, `\U0000E000`); else the field as a whole.
fn locate_in(file: &InputFile, span: Range<usize>, c: char) -> Located {
    let value = file.text.get(span.clone()).unwrap_or_default();
    let upper = value.to_ascii_uppercase();
    let code = c as u32;
    let found = value
        .find(c)
        .map(|at| at..at + c.len_utf8())
        .or_else(|| {
            [format!("\\U{code:04X}"), format!("\\U{code:08X}")]
                .iter()
                .find_map(|escape| upper.find(escape.as_str()).map(|at| at..at + escape.len()))
        })
        .map(|range| span.start + range.start..span.start + range.end);
    file.error(found.unwrap_or(span), "")
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
