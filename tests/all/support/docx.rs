//! Word documents made for the tests, as Word writes them (made with the
//! `zip` crate): `word/document.xml`, its relations and `word/media/`.

use std::io::{Cursor, Write};

/// One paragraph of a Word document (`<w:p>`).
#[derive(Clone, Default)]
pub struct Para {
    style: Option<String>,
    centred: bool,
    /// The runs (`<w:r>…</w:r>`), as XML.
    runs: String,
}

impl Para {
    pub fn new() -> Self {
        Self::default()
    }

    /// In the paragraph style with this id (`<w:pStyle w:val="…"/>`).
    pub fn style(mut self, id: &str) -> Self {
        self.style = Some(id.to_string());
        self
    }

    /// Centred (`<w:jc w:val="center"/>`).
    pub fn centred(mut self) -> Self {
        self.centred = true;
        self
    }

    /// A run of text; `\n` is a soft line break (`<w:br/>`), `\t` a tab
    /// (`<w:tab/>`); `&`, `<`, `>` are written as entities.
    pub fn text(mut self, text: &str) -> Self {
        self.runs.push_str(&run(text, false));
        self
    }

    /// A bold run (`<w:b/>`), as [`Para::text`].
    pub fn bold(mut self, text: &str) -> Self {
        self.runs.push_str(&run(text, true));
        self
    }

    /// Run XML as given (entities, tracked changes, …).
    pub fn raw(mut self, xml: &str) -> Self {
        self.runs.push_str(xml);
        self
    }

    pub fn xml(&self) -> String {
        let mut properties = String::new();
        if let Some(style) = &self.style {
            properties.push_str(&format!(r#"<w:pStyle w:val="{style}"/>"#));
        }
        if self.centred {
            properties.push_str(r#"<w:jc w:val="center"/>"#);
        }
        let properties = if properties.is_empty() {
            String::new()
        } else {
            format!("<w:pPr>{properties}</w:pPr>")
        };
        format!("<w:p>{properties}{}</w:p>", self.runs)
    }
}

/// A plain paragraph.
pub fn p(text: &str) -> Para {
    Para::new().text(text)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `<w:r>` for a text with soft breaks and tabs.
fn run(text: &str, bold: bool) -> String {
    let mut xml = String::from("<w:r>");
    if bold {
        xml.push_str("<w:rPr><w:rFonts w:hint=\"eastAsia\"/><w:b/><w:bCs/></w:rPr>");
    } else {
        xml.push_str("<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>");
    }
    let mut piece = String::new();
    let flush = |piece: &mut String, xml: &mut String| {
        if !piece.is_empty() {
            xml.push_str(&format!(
                r#"<w:t xml:space="preserve">{}</w:t>"#,
                escape(piece)
            ));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\n' => {
                flush(&mut piece, &mut xml);
                xml.push_str("<w:br/>");
            }
            '\t' => {
                flush(&mut piece, &mut xml);
                xml.push_str("<w:tab/>");
            }
            c => piece.push(c),
        }
    }
    flush(&mut piece, &mut xml);
    xml.push_str("</w:r>");
    xml
}

/// An inline picture (`<w:drawing>` … `<a:blip r:embed="…"/>`).
fn drawing(id: &str, number: usize) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="1905000" cy="1270000"/><wp:docPr id="{number}" name="图片 {number}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="图片 {number}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1905000" cy="1270000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

/// A Word document, built paragraph by paragraph.
#[derive(Default)]
pub struct Docx {
    body: String,
    /// Relation id → target (`media/image1.png`).
    relations: Vec<(String, String)>,
    /// Files in `word/media/`.
    media: Vec<(String, Vec<u8>)>,
}

impl Docx {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn p(mut self, para: Para) -> Self {
        self.body.push_str(&para.xml());
        self
    }

    /// A plain paragraph.
    pub fn text(self, text: &str) -> Self {
        self.p(p(text))
    }

    /// An empty paragraph, as Word leaves between paragraphs.
    pub fn empty(self) -> Self {
        self.p(Para::new())
    }

    /// A table (`<w:tbl>`), a paragraph per cell.
    pub fn table(mut self, rows: &[&[&str]]) -> Self {
        self.body.push_str(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="a3"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>"#,
        );
        for row in rows {
            self.body.push_str("<w:tr>");
            for cell in *row {
                self.body.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
                    p(cell).xml()
                ));
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
        self
    }

    /// Adds a file to `word/media/` and returns its relation id.
    fn media(&mut self, name: &str, data: &[u8]) -> String {
        let id = format!("rId{}", 10 + self.relations.len());
        self.relations.push((id.clone(), format!("media/{name}")));
        self.media.push((name.to_string(), data.to_vec()));
        id
    }

    /// A picture in a centred paragraph of its own, as Word inserts one.
    pub fn picture(mut self, name: &str, data: &[u8]) -> Self {
        let id = self.media(name, data);
        let number = self.media.len();
        self.p(Para::new().centred().raw(&drawing(&id, number)))
    }

    /// `times` paragraphs showing one picture, stored once in the document
    /// (as Word stores a logo repeated, or a zip bomb referenced again).
    pub fn same_picture(mut self, name: &str, data: &[u8], times: usize) -> Self {
        let id = self.media(name, data);
        for number in 0..times {
            self.body
                .push_str(&Para::new().centred().raw(&drawing(&id, number + 1)).xml());
        }
        self
    }

    /// A paragraph with a picture after its text.
    pub fn picture_after_text(mut self, text: &str, name: &str, data: &[u8]) -> Self {
        let id = self.media(name, data);
        let number = self.media.len();
        self.p(p(text).raw(&drawing(&id, number)))
    }

    pub fn bytes(&self) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
            self.body
        );
        let mut relations = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        );
        for (id, target) in &self.relations {
            relations.push_str(&format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"/>"#
            ));
        }
        relations.push_str("</Relationships>");
        let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="emf" ContentType="image/x-emf"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        let package_relations = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
        let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;

        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), content_types.into()),
            ("_rels/.rels".into(), package_relations.into()),
            ("word/document.xml".into(), document.into_bytes()),
            (
                "word/_rels/document.xml.rels".into(),
                relations.into_bytes(),
            ),
            ("word/styles.xml".into(), styles.into()),
        ];
        for (name, data) in &self.media {
            files.push((format!("word/media/{name}"), data.clone()));
        }
        zip_of(&files)
    }
}

/// A zip archive of these files.
pub fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
