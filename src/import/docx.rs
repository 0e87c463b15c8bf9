//! Reading a Word document (.docx): its paragraphs in order, with what
//! tells a title (style, centring, bold), and its pictures where they stand.

use std::collections::HashMap;
use std::io::{Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Block, ImportError, MAX_FILE_BYTES, MAX_TEXT_BYTES, MB};
use crate::pictures;
use crate::t;

/// The parts of the document body, in order.
pub fn read(bytes: &[u8]) -> Result<(Vec<Block>, Vec<String>), ImportError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE compound file: an old .doc, or a .docx with a password.
        return Err(ImportError::Encrypted);
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| ImportError::NotDocx(t!("import-docx-not-zip")))?;
    // A few hundred KB of zip can unpack to gigabytes: every part is read
    // within its limit, and all of them within one budget.
    let mut left = MAX_FILE_BYTES;
    let document = xml_part(&mut archive, "word/document.xml", &mut left)?
        .ok_or_else(|| ImportError::NotDocx(t!("import-docx-no-document")))?;
    let document = String::from_utf8(document)
        .map_err(|_| ImportError::NotDocx(t!("import-docx-not-utf8")))?;
    let relations = xml_part(&mut archive, "word/_rels/document.xml.rels", &mut left)?
        .and_then(|r| String::from_utf8(r).ok())
        .map(|r| relations(&r))
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let styles = xml_part(&mut archive, "word/styles.xml", &mut left)?
        .and_then(|r| String::from_utf8(r).ok())
        .map(|xml| styles(&xml))
        .unwrap_or_default();
    let blocks = body(&document, &styles, &mut warnings).map_err(ImportError::NotDocx)?;
    drop(document);
    // Pictures: from their relation id to the bytes in word/media/. Each
    // reference reads its part again (a picture may stand twice), so the
    // budget counts every reading.
    let mut over_budget: Vec<String> = Vec::new();
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
                match read_entry(&mut archive, &path, pictures::MAX_FILE_BYTES, &mut left) {
                    Part::Bytes(data) => Some(Block::Picture {
                        name: name.rsplit('/').next().unwrap_or(name).to_string(),
                        data,
                    }),
                    Part::Missing => {
                        warnings.push(t!("import-docx-picture-missing", target = target.as_str()));
                        None
                    }
                    Part::TooLarge(max) if max < pictures::MAX_FILE_BYTES => {
                        over_budget.push(target.clone());
                        None
                    }
                    Part::TooLarge(max) => {
                        warnings.push(t!(
                            "import-docx-picture-too-large",
                            target = target.as_str(),
                            max = max / MB
                        ));
                        None
                    }
                }
            }
            other => Some(other),
        })
        .collect();
    if let Some(first) = over_budget.first() {
        warnings.push(t!(
            "import-docx-pictures-too-large",
            max = MAX_FILE_BYTES / MB,
            count = over_budget.len(),
            first = first.as_str()
        ));
    }
    Ok((blocks, warnings))
}

/// A part of the document, read within limits.
enum Part {
    Bytes(Vec<u8>),
    Missing,
    /// Larger than the limit it was read with (in bytes): its own, or
    /// what was left of the document's budget.
    TooLarge(u64),
}

/// The XML part `name` (the text, its styles, its relations), if the
/// document has it: at most [`MAX_TEXT_BYTES`].
fn xml_part<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    left: &mut u64,
) -> Result<Option<Vec<u8>>, ImportError> {
    match read_entry(archive, name, MAX_TEXT_BYTES, left) {
        Part::Bytes(data) => Ok(Some(data)),
        Part::Missing => Ok(None),
        Part::TooLarge(max) => Err(ImportError::PartTooLarge {
            part: name.to_string(),
            max: max / MB,
        }),
    }
}

/// Reads the part `name`, at most `limit` bytes and at most what is `left`
/// of the document's budget, which it takes from.
fn read_entry<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
    left: &mut u64,
) -> Part {
    let Ok(file) = archive.by_name(name) else {
        return Part::Missing;
    };
    let limit = limit.min(*left);
    let mut data = Vec::new();
    // One byte more than allowed tells a part that is too large.
    let read = file.take(limit + 1).read_to_end(&mut data);
    // What was unpacked counts, kept or not: a thousand references to one
    // bomb unpack it once within the budget, not a thousand times.
    *left = left.saturating_sub(data.len() as u64);
    if read.is_err() {
        return Part::Missing;
    }
    if data.len() as u64 > limit {
        return Part::TooLarge(limit);
    }
    Part::Bytes(data)
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
    fn parts_are_read_within_their_limit_and_the_budget_counts_every_reading() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &[7u8; 1000]).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        let mut left = 2500;
        assert!(
            matches!(read_entry(&mut archive, "a", 1000, &mut left), Part::Bytes(d) if d.len() == 1000)
        );
        assert_eq!(left, 1500);
        // Over its own limit: refused, and what was unpacked still counts.
        assert!(matches!(
            read_entry(&mut archive, "a", 999, &mut left),
            Part::TooLarge(999)
        ));
        assert_eq!(left, 500);
        // Over what is left of the budget.
        assert!(matches!(
            read_entry(&mut archive, "a", 1000, &mut left),
            Part::TooLarge(500)
        ));
        assert_eq!(left, 0);
        assert!(matches!(
            read_entry(&mut archive, "b", 1000, &mut left),
            Part::Missing
        ));
    }

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
