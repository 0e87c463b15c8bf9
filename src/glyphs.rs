//! Characters that no font can draw. Typst prints an empty box for them and
//! says nothing, so a build checks every text field before laying out.

use std::fmt;

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
    // The first place the character is typed literally, in the issue or in
    // bulletin.toml (the footer may come from either).
    let locate = |c: char| {
        [&issue.file, &config.file]
            .into_iter()
            .find_map(|file: &InputFile| file.find_char(c).map(|span| file.error(span, "")))
    };
    let mut check = |place: &dyn Fn() -> String, text: &str| {
        let mut seen = Vec::new();
        for c in text.chars() {
            if is_invisible(c) || seen.contains(&c) || fonts.can_draw(c) {
                continue;
            }
            seen.push(c);
            missing.push(MissingGlyph {
                character: c,
                place: place(),
                location: locate(c),
            });
        }
    };

    let p = &config.publication;
    check(&|| "[publication] name".into(), &p.name);
    check(&|| "[publication] publisher".into(), &p.publisher);
    check(&|| "[publication] issue_line".into(), &p.issue_line);
    check(
        &|| "[publication] contents_heading".into(),
        &p.contents_heading,
    );

    let f = &issue.footer;
    for line in &f.lines {
        check(&|| "[footer] lines".into(), line);
    }
    for entry in &f.distribution {
        check(&|| "[footer] distribution".into(), entry);
    }
    if let Some(editor) = &f.editor {
        check(&|| "editor".into(), editor);
    }
    if let Some(reviewer) = &f.reviewer {
        check(&|| "reviewer".into(), reviewer);
    }

    for (i, article) in issue.articles.iter().enumerate() {
        let title = article.title_text();
        let short: String = title.chars().take(12).collect();
        let ellipsis = if title.chars().count() > 12 {
            "…"
        } else {
            ""
        };
        let place = |field: &str| format!("article {} ({short}{ellipsis}), {field}", i + 1);
        if let Some(section) = &article.section {
            check(&|| place("section"), section);
        }
        for line in &article.title {
            check(&|| place("title"), line);
        }
        if let Some(contents) = &article.contents {
            check(&|| place("contents"), contents);
        }
        for paragraph in &article.paragraphs {
            check(&|| place("body"), paragraph);
        }
        if let Some(source) = &article.source {
            check(&|| place("source"), source);
        }
    }
    missing
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
