//! Reading a Word document (.docx): its paragraphs in order, with what
//! tells a title (style, centring, bold), and its pictures where they stand.

use std::collections::HashMap;
use std::io::{Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Block, ImportError};
use crate::t;

/// The parts of the document body, in order.
pub fn read(bytes: &[u8]) -> Result<(Vec<Block>, Vec<String>), ImportError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE compound file: an old .doc, or a .docx with a password.
        return Err(ImportError::Encrypted);
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| ImportError::NotDocx(t!("import-docx-not-zip")))?;
    let document = read_entry(&mut archive, "word/document.xml")
        .ok_or_else(|| ImportError::NotDocx(t!("import-docx-no-document")))?;
    let document = String::from_utf8(document)
        .map_err(|_| ImportError::NotDocx(t!("import-docx-not-utf8")))?;
    let relations = read_entry(&mut archive, "word/_rels/document.xml.rels")
        .and_then(|r| String::from_utf8(r).ok())
        .map(|r| relations(&r))
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let styles = read_entry(&mut archive, "word/styles.xml")
        .and_then(|r| String::from_utf8(r).ok())
        .map(|xml| styles(&xml))
        .unwrap_or_default();
    let blocks = body(&document, &styles, &mut warnings).map_err(ImportError::NotDocx)?;
    // Pictures: from their relation id to the bytes in word/media/.
    let blocks = blocks
        .into_iter()
        .filter_map(|block| match block {
            Block::PictureRef(id) => {
                let target = relations.get(&id)?;
                let name = target.trim_start_matches('/');
                let path = if name.starts_with("word/") {
                    name.to_string()
                } else {
                    format!("word/{name}")
                };
                match read_entry(&mut archive, &path) {
                    Some(data) => Some(Block::Picture {
                        name: name.rsplit('/').next().unwrap_or(name).to_string(),
                        data,
                    }),
                    None => {
                        warnings.push(t!("import-docx-picture-missing", target = target.as_str()));
                        None
                    }
                }
            }
            other => Some(other),
        })
        .collect();
    Ok((blocks, warnings))
}

/// The most a part of a document may unpack to: a zip bomb attached to an
/// e-mail must not fill the memory.
const MAX_PART: u64 = 256 * 1024 * 1024;

fn read_entry<R: Read + Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Option<Vec<u8>> {
    let file = archive.by_name(name).ok()?;
    let mut data = Vec::new();
    file.take(MAX_PART).read_to_end(&mut data).ok()?;
    Some(data)
}

/// Relation id → target, from document.xml.rels.
fn relations(xml: &str) -> HashMap<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut map = HashMap::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    map.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    map
}

fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// One paragraph being read.
#[derive(Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
    centred: bool,
    /// Characters in bold runs and in all runs, to tell a bold paragraph.
    bold_chars: usize,
    chars: usize,
}

/// The body's paragraphs and pictures in order; tables flattened into
/// paragraphs (with a warning).
fn body(
    xml: &str,
    styles: &HashMap<String, Style>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Block>, String> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut paragraph: Option<Paragraph> = None;
    let mut run_bold = false;
    let mut in_run_properties = false;
    let mut in_text = false;
    let mut in_deleted = false;
    let mut tables = 0usize;
    let mut table_depth = 0usize;
    // A text box's paragraphs stand inside a paragraph: the outer one waits
    // here, and the inner ones follow it.
    let mut outer: Vec<Paragraph> = Vec::new();
    let mut inner: Vec<Block> = Vec::new();
    // Word writes a text box twice (mc:Choice and mc:Fallback): the
    // fallback is skipped.
    let mut fallback_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| t!("import-docx-unreadable", error = err.to_string()))?;
        if fallback_depth > 0 {
            match &event {
                Event::Start(e) if e.local_name().into_inner() == "Fallback" => fallback_depth += 1,
                Event::End(e) if e.local_name().into_inner() == "Fallback" => fallback_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => match e.local_name().into_inner() {
                "Fallback" => fallback_depth = 1,
                "p" => {
                    if let Some(open) = paragraph.take() {
                        outer.push(open);
                    }
                    paragraph = Some(Paragraph::default());
                }
                "r" => run_bold = false,
                "rPr" => in_run_properties = true,
                "t" => in_text = !in_deleted,
                "del" | "moveFrom" => in_deleted = true,
                "tbl" => {
                    table_depth += 1;
                    tables += 1;
                }
                "pStyle" | "jc" | "b" | "blip" | "imagedata" => on_property(
                    &e,
                    &mut paragraph,
                    &mut run_bold,
                    in_run_properties,
                    &mut blocks,
                ),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" if !in_run_properties => push(&mut paragraph, "\t", run_bold),
                "br" | "cr" => push(&mut paragraph, "\n", run_bold),
                "pStyle" | "jc" | "b" | "blip" | "imagedata" => on_property(
                    &e,
                    &mut paragraph,
                    &mut run_bold,
                    in_run_properties,
                    &mut blocks,
                ),
                _ => {}
            },
            Event::Text(t) if in_text => push(&mut paragraph, &t.xml10_content(), run_bold),
            Event::GeneralRef(r) if in_text => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        _ => String::new(),
                    },
                };
                push(&mut paragraph, &text, run_bold);
            }
            Event::End(e) => match e.local_name().into_inner() {
                "p" => {
                    if let Some(p) = paragraph.take() {
                        // What the paragraph's style says, where the paragraph
                        // itself says nothing (Chinese Word's title style is
                        // an id like "a3", centred and bold in styles.xml).
                        let style = p.style.as_ref().and_then(|id| styles.get(id));
                        let named_heading = style.is_some_and(|s| is_heading_style(&s.name));
                        let block = Block::Paragraph {
                            text: p.text,
                            heading: named_heading
                                || p.style.as_deref().is_some_and(is_heading_style),
                            centred: p.centred || style.is_some_and(|s| s.centred),
                            bold: (p.chars > 0 && p.bold_chars * 10 >= p.chars * 9)
                                || style.is_some_and(|s| s.bold),
                            in_table: table_depth > 0,
                        };
                        match outer.pop() {
                            Some(open) => {
                                inner.push(block);
                                paragraph = Some(open);
                            }
                            None => {
                                blocks.push(block);
                                blocks.append(&mut inner);
                            }
                        }
                    }
                }
                "rPr" => in_run_properties = false,
                "t" => in_text = false,
                "del" | "moveFrom" => in_deleted = false,
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if tables > 0 {
        warnings.push(t!("import-docx-tables", count = tables));
    }
    Ok(blocks)
}

/// What a property element says about the paragraph, run or picture.
fn on_property(
    e: &BytesStart,
    paragraph: &mut Option<Paragraph>,
    run_bold: &mut bool,
    in_run_properties: bool,
    blocks: &mut Vec<Block>,
) {
    match e.local_name().into_inner() {
        "pStyle" => {
            if let Some(p) = paragraph {
                p.style = attribute(e, "val");
            }
        }
        "jc" if !in_run_properties => {
            if let Some(p) = paragraph {
                p.centred = attribute(e, "val").is_some_and(|v| v == "center");
            }
        }
        "b" if in_run_properties => {
            *run_bold = attribute(e, "val").is_none_or(|v| v != "0" && v != "false");
        }
        // DrawingML pictures name theirs with r:embed, old VML ones (from
        // documents converted from .doc) with r:id.
        "blip" | "imagedata" => {
            let id = attribute(e, "embed").or_else(|| attribute(e, "id"));
            if let Some(id) = id {
                // The picture stands after the text before it in the paragraph.
                if let Some(p) = paragraph
                    && !p.text.trim().is_empty()
                {
                    blocks.push(Block::Paragraph {
                        text: std::mem::take(&mut p.text),
                        heading: false,
                        centred: p.centred,
                        bold: false,
                        in_table: false,
                    });
                }
                blocks.push(Block::PictureRef(id));
            }
        }
        _ => {}
    }
}

fn push(paragraph: &mut Option<Paragraph>, text: &str, bold: bool) {
    if let Some(p) = paragraph {
        p.text.push_str(text);
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        p.chars += visible;
        if bold {
            p.bold_chars += visible;
        }
    }
}

/// A paragraph style of styles.xml: its name and what it sets.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    centred: bool,
    bold: bool,
}

/// Paragraph styles by id.
fn styles(xml: &str) -> HashMap<String, Style> {
    let mut reader = Reader::from_str(xml);
    let mut map = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    let mut in_run_properties = false;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "style" => {
                    current = attribute(&e, "styleId").map(|id| (id, Style::default()));
                }
                "name" => {
                    if let (Some((_, style)), Some(name)) = (&mut current, attribute(&e, "val")) {
                        style.name = name;
                    }
                }
                "rPr" => in_run_properties = true,
                "jc" if !in_run_properties => {
                    if let Some((_, style)) = &mut current {
                        style.centred = attribute(&e, "val").is_some_and(|v| v == "center");
                    }
                }
                "b" if in_run_properties => {
                    if let Some((_, style)) = &mut current {
                        style.bold = attribute(&e, "val").is_none_or(|v| v != "0" && v != "false");
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "style" => {
                    if let Some((id, style)) = current.take() {
                        map.insert(id, style);
                    }
                }
                "rPr" => in_run_properties = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    map
}

/// Word's title and first-level heading styles, in English and Chinese Word
/// (whose style ids are numbers); lower headings are subheadings.
fn is_heading_style(style: &str) -> bool {
    let s: String = style.to_lowercase().split_whitespace().collect();
    matches!(s.as_str(), "title" | "heading1" | "1" | "标题" | "标题1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_style_of_chinese_word_is_known_by_its_name_and_settings() {
        let styles = styles(
            r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="a3">
            <w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr>
            <w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="a4"><w:name w:val="Body Text"/></w:style>
            </w:styles>"#,
        );
        let a3 = &styles["a3"];
        assert!(is_heading_style(&a3.name) && a3.centred && a3.bold);
        let a4 = &styles["a4"];
        assert!(!is_heading_style(&a4.name) && !a4.centred && !a4.bold);
        let mut warnings = Vec::new();
        let blocks = body(
            r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>
            <w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>"#,
            &styles,
            &mut warnings,
        )
        .unwrap();
        assert!(matches!(
            &blocks[0],
            Block::Paragraph {
                heading: true,
                centred: true,
                ..
            }
        ));
        assert!(matches!(
            &blocks[1],
            Block::Paragraph { heading: false, .. }
        ));
    }

    #[test]
    fn an_old_vml_picture_is_found_too() {
        let mut warnings = Vec::new();
        let blocks = body(
            r#"<w:document xmlns:w="w" xmlns:v="v" xmlns:r="r"><w:body>
            <w:p><w:r><w:t>正文。</w:t></w:r><w:r><w:pict><v:shape>
            <v:imagedata r:id="rId7" o:title=""/></v:shape></w:pict></w:r></w:p>
            </w:body></w:document>"#,
            &HashMap::new(),
            &mut warnings,
        )
        .unwrap();
        assert!(
            blocks
                .iter()
                .any(|b| matches!(b, Block::PictureRef(id) if id == "rId7"))
        );
    }
}
