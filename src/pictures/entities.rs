//! How many characters an SVG drawing's entities add when the XML reader
//! expands them, counted before it does: a "billion laughs" drawing
//! declares a few nested entities that expand to gigabytes.
//!
//! The document type is read token by token as XML 1.0 defines it
//! (comments, processing instructions and quoted values skipped whole), so
//! that a `]>` or `<!DOCTYPE` inside a comment cannot hide a declaration;
//! anything else in the internal subset is refused rather than guessed.
//! Every step is linear in the drawing's size.

use std::collections::HashMap;

/// Why a drawing's entities are refused.
#[derive(Debug, PartialEq, Eq)]
pub enum EntityError {
    /// They would add more than the limit.
    TooMuch,
    /// Parameter entities, a loop, or a document type not read here.
    Unsupported,
}

/// How deep entities may refer to entities (the XML reader stops at 10).
const MAX_CHAIN: usize = 16;

/// The characters the drawing's entity references add, at most a little
/// over `limit`.
pub fn expanded_characters(text: &str, limit: u64) -> Result<u64, EntityError> {
    let Some((declared, body_start)) = document_type(text)? else {
        // No document type: only the five predefined entities exist. A
        // declaration anywhere else is not where a reader takes it from.
        if text.contains("<!ENTITY") {
            return Err(EntityError::Unsupported);
        }
        return Ok(0);
    };
    if declared.is_empty() {
        return Ok(0);
    }
    let mut sizes: HashMap<&str, u64> = HashMap::new();
    let mut total = 0u64;
    for name in references(&text[body_start..]) {
        if declared.contains_key(name) {
            total = total.saturating_add(size_of(name, &declared, &mut sizes, 0, limit)?);
            if total > limit {
                return Err(EntityError::TooMuch);
            }
        }
    }
    Ok(total)
}

/// The characters entity `name` stands for, its own references expanded.
fn size_of<'a>(
    name: &'a str,
    declared: &HashMap<&'a str, Vec<&'a str>>,
    sizes: &mut HashMap<&'a str, u64>,
    chain: usize,
    limit: u64,
) -> Result<u64, EntityError> {
    if let Some(&size) = sizes.get(name) {
        return Ok(size);
    }
    if chain > MAX_CHAIN {
        return Err(EntityError::Unsupported);
    }
    let mut largest = 0u64;
    // Declared twice: whichever the reader keeps, the larger one counts.
    for value in declared.get(name).into_iter().flatten() {
        let mut size = value.len() as u64;
        for inner in references(value) {
            if declared.contains_key(inner) {
                size = size.saturating_add(size_of(inner, declared, sizes, chain + 1, limit)?);
                if size > limit {
                    return Err(EntityError::TooMuch);
                }
            }
        }
        largest = largest.max(size);
    }
    sizes.insert(name, largest);
    Ok(largest)
}

/// The names of the entity references (`&name;`) in `text`; character
/// references (`&#38;`) are not entities.
fn references(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('&').filter_map(move |(at, _)| {
        let rest = &text[at + 1..];
        let end = rest.find(|c: char| c == ';' || c == '&' || c == '<' || c.is_whitespace())?;
        (rest[end..].starts_with(';') && end > 0 && !rest.starts_with('#')).then(|| &rest[..end])
    })
}

/// The general entities the document type declares (each name with its
/// values) and where the document after it begins; `None` without a
/// document type.
#[allow(clippy::type_complexity)]
fn document_type(text: &str) -> Result<Option<(HashMap<&str, Vec<&str>>, usize)>, EntityError> {
    let mut at = Cursor { text, pos: 0 };
    // The prolog: the XML declaration, comments, processing instructions.
    loop {
        at.skip_space();
        if at.eat("<?") {
            at.skip_past("?>")?;
        } else if at.eat("<!--") {
            at.skip_past("-->")?;
        } else if at.eat("<!DOCTYPE") {
            break;
        } else {
            return Ok(None);
        }
    }
    // The name and external identifier, up to the internal subset or the end.
    loop {
        match at.next().ok_or(EntityError::Unsupported)? {
            '"' | '\'' => {
                at.pos -= 1;
                at.quoted()?;
            }
            '>' => return Ok(Some((HashMap::new(), at.pos))),
            '[' => break,
            _ => {}
        }
    }
    let mut declared: HashMap<&str, Vec<&str>> = HashMap::new();
    loop {
        at.skip_space();
        if at.eat("]") {
            at.skip_space();
            if !at.eat(">") {
                return Err(EntityError::Unsupported);
            }
            return Ok(Some((declared, at.pos)));
        } else if at.eat("<!--") {
            at.skip_past("-->")?;
        } else if at.eat("<?") {
            at.skip_past("?>")?;
        } else if at.eat("<!ENTITY") {
            at.skip_space();
            if at.rest().starts_with('%') {
                return Err(EntityError::Unsupported);
            }
            let name = at.name()?;
            at.skip_space();
            if at.rest().starts_with(['"', '\'']) {
                let value = at.quoted()?;
                declared.entry(name).or_default().push(value);
            }
            // An external entity (SYSTEM, PUBLIC) is never read.
            at.skip_declaration()?;
        } else if at.eat("<!ELEMENT") || at.eat("<!ATTLIST") || at.eat("<!NOTATION") {
            at.skip_declaration()?;
        } else {
            // A parameter entity reference, or what no DTD holds.
            return Err(EntityError::Unsupported);
        }
    }
}

/// A reading position in the drawing's text.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn next(&mut self) -> Option<char> {
        let c = self.rest().chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.rest().starts_with(token);
        if found {
            self.pos += token.len();
        }
        found
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }

    fn skip_past(&mut self, end: &str) -> Result<(), EntityError> {
        let found = self.rest().find(end).ok_or(EntityError::Unsupported)?;
        self.pos += found + end.len();
        Ok(())
    }

    /// A quoted literal, without its quotes.
    fn quoted(&mut self) -> Result<&'a str, EntityError> {
        let quote = self.next().ok_or(EntityError::Unsupported)?;
        let rest = self.rest();
        let end = rest.find(quote).ok_or(EntityError::Unsupported)?;
        self.pos += end + 1;
        Ok(&rest[..end])
    }

    fn name(&mut self) -> Result<&'a str, EntityError> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"'>".contains(c))
            .unwrap_or(rest.len());
        if end == 0 {
            return Err(EntityError::Unsupported);
        }
        self.pos += end;
        Ok(&rest[..end])
    }

    /// The rest of a declaration, quoted literals skipped whole, past its `>`.
    fn skip_declaration(&mut self) -> Result<(), EntityError> {
        loop {
            match self.next().ok_or(EntityError::Unsupported)? {
                '"' | '\'' => {
                    self.pos -= 1;
                    self.quoted()?;
                }
                '>' => return Ok(()),
                '<' => return Err(EntityError::Unsupported),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: u64 = 1_000_000;

    fn laughs(before_subset: &str, inside_subset: &str) -> String {
        let mut text =
            format!("<?xml version=\"1.0\"?>\n{before_subset}<!DOCTYPE svg [\n{inside_subset}");
        text.push_str("<!ENTITY a \"hahahahahaha\">\n");
        for (name, inner) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e")] {
            text.push_str(&format!(
                "<!ENTITY {name} \"{}\">\n",
                format!("&{inner};").repeat(10)
            ));
        }
        text.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&f;&f;</text></svg>");
        text
    }

    #[test]
    fn nested_entities_are_counted_as_they_expand() {
        assert_eq!(
            expanded_characters(&laughs("", ""), LIMIT),
            Err(EntityError::TooMuch)
        );
        // a: 12; each level: its 30 characters and ten of the level below.
        assert_eq!(
            expanded_characters(&laughs("", ""), 10_000_000),
            Ok(2 * 1_533_330)
        );
    }

    #[test]
    fn a_comment_cannot_hide_the_declarations() {
        for (before, inside) in [
            ("<!-- <!DOCTYPE svg []> -->\n", ""),
            ("", "<!-- ]> -->\n"),
            ("", "<!-- <!ENTITY a \" -->\n"),
            ("<?pi ]> ?>\n", "<?pi ]> ?>\n"),
        ] {
            assert_eq!(
                expanded_characters(&laughs(before, inside), LIMIT),
                Err(EntityError::TooMuch),
                "{before:?} {inside:?}"
            );
        }
    }

    #[test]
    fn what_drawing_programs_write_is_read() {
        // Illustrator's flat namespace entities, an external DTD, attribute
        // lists with a quoted `>`.
        let flat = "<?xml version=\"1.0\"?>\n<!-- Generator: Adobe Illustrator -->\n\
            <!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n\
            <!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n<!ENTITY ns_xlink \"http://www.w3.org/1999/xlink\">\n\
            <!ATTLIST svg note CDATA \"a > b\">\n<!ENTITY logo SYSTEM \"logo.svg\">\n]>\n\
            <svg xmlns=\"&ns_svg;\" xmlns:xlink=\"&ns_xlink;\">&amp;&#38;</svg>";
        assert_eq!(expanded_characters(flat, LIMIT), Ok(26 + 28));
        let external = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\"><svg/>";
        assert_eq!(expanded_characters(external, LIMIT), Ok(0));
        assert_eq!(expanded_characters("<svg>&amp;</svg>", LIMIT), Ok(0));
    }

    #[test]
    fn what_is_not_read_here_is_refused() {
        for text in [
            "<!DOCTYPE svg [<!ENTITY % p \"x\">]><svg/>",
            "<!DOCTYPE svg [%p;]><svg/>",
            "<!DOCTYPE svg [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><svg>&a;</svg>",
            "<!DOCTYPE svg [<!ENTITY a \"x\"><svg/>",
            "<svg/><!ENTITY a \"x\">",
        ] {
            assert_eq!(
                expanded_characters(text, LIMIT),
                Err(EntityError::Unsupported),
                "{text}"
            );
        }
    }

    #[test]
    fn many_entities_and_references_take_linear_time() {
        let mut text = String::from("<!DOCTYPE svg [");
        for i in 0..20_000 {
            text.push_str(&format!("<!ENTITY e{i} \"x\">"));
        }
        text.push_str("]><svg>");
        for i in 0..200_000 {
            text.push_str(&format!("&e{};", i % 20_000));
        }
        text.push_str("</svg>");
        assert_eq!(expanded_characters(&text, LIMIT), Ok(200_000));
    }
}
