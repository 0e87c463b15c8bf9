//! How the tool writes values into the editors' TOML files (`new`, `import`,
//! the desk's edits): as the editors write them themselves, so that a file
//! the tool touched reads like one they typed.

/// A one-line TOML string (`"…"`, escaped as needed; a line break in a
/// title becomes `\n`).
pub fn basic(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}

/// Paragraphs as a multi-line TOML string, a blank line between them, so
/// the editor reads and edits them as in the other articles. A line break
/// inside a paragraph stays a line break (the build joins its lines).
pub fn multiline(paragraphs: &[String]) -> String {
    let mut out = String::from("\"\"\"\n");
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        for c in paragraph.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push('\n'),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
    }
    out.push_str("\n\"\"\"");
    out
}

/// The paragraphs of a text as typed in a form: blank lines (or lines of
/// spaces) separate them; the lines of a paragraph are kept as typed, with
/// `\r` line ends made `\n`.
pub fn typed_paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                paragraphs.push(lines.join("\n"));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
    paragraphs
}

/// An article to fill in: its section, an empty title and an empty body
/// (what `bulletin new` writes for each section).
pub fn empty_article(section: Option<&str>) -> String {
    let mut text = String::from("[[articles]]\n");
    if let Some(section) = section {
        text.push_str(&format!("section = {}\n", basic(section)));
    }
    text.push_str("title = \"\"\nbody = \"\"\"\n\"\"\"\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiline_strings_read_back_as_their_paragraphs() {
        let paragraphs = vec![
            "第一段，含\"引号\"和\\反斜杠。".to_string(),
            "第二段\n第二行".to_string(),
            "制表\t符".to_string(),
        ];
        let toml = format!("body = {}\n", multiline(&paragraphs));
        let table: toml::Table = toml::from_str(&toml).unwrap();
        let body = table["body"].as_str().unwrap();
        assert_eq!(typed_paragraphs(body), paragraphs);
        assert!(
            toml.contains("第二段\n第二行"),
            "a line break stays one: {toml}"
        );
    }

    #[test]
    fn typed_paragraphs_are_split_at_blank_lines() {
        assert_eq!(
            typed_paragraphs("\n甲\r\n乙\n \n\n丙\n"),
            ["甲\n乙".to_string(), "丙".to_string()]
        );
        assert!(typed_paragraphs(" \n\n").is_empty());
    }
}
