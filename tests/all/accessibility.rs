//! What a screen reader finds in the PDF of issue 74: its structure tree
//! (the tagged PDF every build writes), read back with lopdf, and the
//! PDF/UA-1 option.

use crate::support;

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use support::text_string;

/// One element of the structure tree: its role (`/S`, as written), what it
/// says of itself (`/Alt`, `/T`) and the text it holds, its own and its
/// children's, in reading order.
#[derive(Debug, Clone)]
struct Element {
    role: String,
    alt: Option<String>,
    title: Option<String>,
    kids: Vec<Kid>,
}

#[derive(Debug, Clone)]
enum Kid {
    Element(Element),
    /// Marked content of a page: the text drawn in it.
    Text(String),
}

impl Element {
    /// All the text under this element, in order.
    fn text(&self) -> String {
        self.kids
            .iter()
            .map(|kid| match kid {
                Kid::Element(e) => e.text(),
                Kid::Text(t) => t.clone(),
            })
            .collect()
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.kids.iter().filter_map(|kid| match kid {
            Kid::Element(e) => Some(e),
            Kid::Text(_) => None,
        })
    }

    /// This element and every element under it, depth first.
    fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for kid in self.elements() {
            out.extend(kid.descendants());
        }
        out
    }

    /// An indented outline of roles and texts, for a failed assertion.
    fn show(&self, depth: usize, out: &mut String) {
        let text: String = self.text().chars().take(40).collect();
        out.push_str(&format!(
            "{}{}{}{} {text:?}\n",
            "  ".repeat(depth),
            self.role,
            self.alt
                .as_ref()
                .map(|a| format!(" Alt={a:?}"))
                .unwrap_or_default(),
            self.title
                .as_ref()
                .map(|t| format!(" T={t:?}"))
                .unwrap_or_default(),
        ));
        for kid in self.elements() {
            kid.show(depth + 1, out);
        }
    }
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).expect("a live reference"),
        other => other,
    }
}

/// A font's ToUnicode map (two-byte codes, as Typst writes its fonts).
type ToUnicode = BTreeMap<u16, String>;

fn to_unicode(doc: &Document, font: &Dictionary) -> ToUnicode {
    let stream = deref(
        doc,
        font.get(b"ToUnicode").expect("every font maps to Unicode"),
    )
    .as_stream()
    .unwrap();
    let text = String::from_utf8_lossy(&stream.decompressed_content().unwrap()).into_owned();
    let hex = |h: &str| -> Vec<u16> {
        let h = h.trim_matches(|c| c == '<' || c == '>');
        (0..h.len() / 4)
            .map(|i| u16::from_str_radix(&h[4 * i..4 * i + 4], 16).unwrap())
            .collect()
    };
    let mut map = ToUnicode::new();
    let mut section = "";
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [_, "beginbfchar"] => section = "char",
            [_, "beginbfrange"] => section = "range",
            ["endbfchar"] | ["endbfrange"] => section = "",
            [code, unicode] if section == "char" => {
                map.insert(hex(code)[0], String::from_utf16(&hex(unicode)).unwrap());
            }
            [low, high, unicode] if section == "range" => {
                let (low, high, first) = (hex(low)[0], hex(high)[0], hex(unicode));
                for (i, code) in (low..=high).enumerate() {
                    let mut units = first.clone();
                    *units.last_mut().unwrap() += i as u16;
                    map.insert(code, String::from_utf16(&units).unwrap());
                }
            }
            _ => {}
        }
    }
    map
}

/// The text drawn in each marked-content sequence of each page, by page and
/// MCID; text outside any (or in an artifact) is gathered under `None`.
fn marked_text(doc: &Document) -> BTreeMap<(ObjectId, Option<i64>), String> {
    let mut out: BTreeMap<(ObjectId, Option<i64>), String> = BTreeMap::new();
    for page in doc.get_pages().into_values() {
        let fonts: BTreeMap<Vec<u8>, ToUnicode> = doc
            .get_page_fonts(page)
            .expect("page fonts")
            .into_iter()
            .map(|(name, font)| (name, to_unicode(doc, font)))
            .collect();
        let content = Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        let mut font = None;
        // The MCID of each open marked-content sequence (None: none, or an
        // artifact).
        let mut open: Vec<Option<i64>> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let mcid = match op.operands.get(1) {
                        Some(Object::Dictionary(d)) => d.get(b"MCID").ok(),
                        _ => None,
                    }
                    .and_then(|o| o.as_i64().ok());
                    let artifact = op.operands[0].as_name().ok() == Some(b"Artifact");
                    open.push(if artifact { None } else { mcid });
                }
                "BMC" => open.push(None),
                "EMC" => {
                    open.pop();
                }
                "Tf" => font = fonts.get(op.operands[0].as_name().unwrap()),
                "Tj" | "TJ" => {
                    let map = font.expect("a font is set");
                    let mut text = String::new();
                    let pieces: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for piece in pieces {
                        if let Object::String(bytes, _) = piece {
                            for code in bytes.chunks(2) {
                                let code = u16::from_be_bytes([code[0], code[1]]);
                                text.push_str(map.get(&code).map_or("\u{FFFD}", String::as_str));
                            }
                        }
                    }
                    // An artifact inside content stays an artifact.
                    let mcid = if open.contains(&None) {
                        None
                    } else {
                        open.last().copied().flatten()
                    };
                    out.entry((page, mcid)).or_default().push_str(&text);
                }
                _ => {}
            }
        }
    }
    out
}

/// The structure tree's root element(s) under `/StructTreeRoot`.
fn structure(doc: &Document) -> Element {
    let texts = marked_text(doc);
    fn element(
        doc: &Document,
        texts: &BTreeMap<(ObjectId, Option<i64>), String>,
        dict: &Dictionary,
        page: Option<ObjectId>,
    ) -> Element {
        let page = dict
            .get(b"Pg")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .or(page);
        let role = dict
            .get(b"S")
            .map(|s| String::from_utf8_lossy(s.as_name().unwrap()).into_owned())
            .unwrap_or_else(|_| "StructTreeRoot".into());
        let kids_object = dict.get(b"K").map(|k| deref(doc, k));
        let kids_list: Vec<&Object> = match kids_object {
            Ok(Object::Array(items)) => items.iter().collect(),
            Ok(other) => vec![other],
            Err(_) => vec![],
        };
        let mut kids = Vec::new();
        for kid in kids_list {
            match kid {
                Object::Integer(mcid) => {
                    let page = page.expect("a page for marked content");
                    kids.push(Kid::Text(
                        texts.get(&(page, Some(*mcid))).cloned().unwrap_or_default(),
                    ));
                }
                Object::Reference(_) | Object::Dictionary(_) => {
                    let d = deref(doc, kid).as_dict().unwrap();
                    match d.get(b"Type").and_then(Object::as_name) {
                        Ok(b"MCR") => {
                            let page = d
                                .get(b"Pg")
                                .ok()
                                .and_then(|p| p.as_reference().ok())
                                .or(page)
                                .expect("a page for marked content");
                            let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                            kids.push(Kid::Text(
                                texts.get(&(page, Some(mcid))).cloned().unwrap_or_default(),
                            ));
                        }
                        // A link's annotation: no text of its own.
                        Ok(b"OBJR") => {}
                        _ => kids.push(Kid::Element(element(doc, texts, d, page))),
                    }
                }
                _ => {}
            }
        }
        Element {
            role,
            alt: dict.get(b"Alt").ok().map(text_string),
            title: dict.get(b"T").ok().map(text_string),
            kids,
        }
    }
    let catalog = doc.catalog().unwrap();
    let root = deref(
        doc,
        catalog.get(b"StructTreeRoot").expect("a structure tree"),
    )
    .as_dict()
    .unwrap();
    element(doc, &texts, root, None)
}

/// Where drawing happens in the page content: how many paths are painted
/// and pictures placed inside marked content a reader is given (with an
/// MCID), and outside it (artifacts, or unmarked).
#[derive(Debug, Default)]
struct Drawings {
    paths_read: usize,
    paths_artifact: usize,
    pictures_read: usize,
}

fn drawings(doc: &Document) -> Drawings {
    let mut out = Drawings::default();
    for page in doc.get_pages().into_values() {
        let content = Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        let mut open: Vec<bool> = Vec::new();
        for op in &content.operations {
            let read = !open.is_empty() && open.iter().all(|&read| read);
            match op.operator.as_str() {
                "BDC" => open.push(
                    op.operands[0].as_name().ok() != Some(b"Artifact")
                        && matches!(op.operands.get(1), Some(Object::Dictionary(d)) if d.has(b"MCID")),
                ),
                "BMC" => open.push(false),
                "EMC" => {
                    open.pop();
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if read {
                        out.paths_read += 1;
                    } else {
                        out.paths_artifact += 1;
                    }
                }
                "Do" if read => out.pictures_read += 1,
                _ => {}
            }
        }
    }
    out
}

fn tree_of(bytes: &[u8]) -> (Document, Element) {
    let doc = Document::load_mem(bytes).expect("the PDF parses");
    let tree = structure(&doc);
    (doc, tree)
}

fn shown(tree: &Element) -> String {
    let mut out = String::new();
    tree.show(0, &mut out);
    out
}

/// The document element, under the structure tree's root.
fn document(tree: &Element) -> &Element {
    let documents: Vec<&Element> = tree.elements().collect();
    assert!(
        documents.len() == 1 && documents[0].role == "Document",
        "one Document element:\n{}",
        shown(tree)
    );
    documents[0]
}

/// Every PDF is tagged: the masthead's name and issue line are the title
/// block, the 目录提要 a heading and a list of its entries, sections and
/// titles a heading hierarchy without gaps, every paragraph a paragraph.
#[test]
fn a_screen_reader_finds_title_contents_headings_and_paragraphs() {
    let (_, tree) = tree_of(&support::issue_74().pdf(&[]).unwrap());
    let show = shown(&tree);
    let doc = document(&tree);
    let top: Vec<&Element> = doc.elements().collect();

    // The title block, first and once.
    assert_eq!(top[0].role, "Title", "{show}");
    assert_eq!(top[0].text(), "科协每周动态2023年第21期（总第74期）");
    let titles = tree
        .descendants()
        .iter()
        .filter(|e| e.role == "Title")
        .count();
    assert_eq!(titles, 1, "one title block");
    assert_eq!(top[1].role, "P");
    assert_eq!(top[1].text(), "北京市科协办公室2023年8月11日");

    // 目录提要: a heading, then a list of the six entries, each a bullet
    // label and the entry.
    assert_eq!(
        (top[2].role.as_str(), top[2].text().as_str()),
        ("H1", "目录提要")
    );
    assert_eq!(top[3].role, "L", "{show}");
    let entries: Vec<(String, String)> = top[3]
        .elements()
        .map(|item| {
            assert_eq!(item.role, "LI");
            let parts: Vec<&Element> = item.elements().collect();
            assert_eq!(
                parts.iter().map(|p| p.role.as_str()).collect::<Vec<_>>(),
                ["Lbl", "LBody"]
            );
            (parts[0].text(), parts[1].text())
        })
        .collect();
    let issue = support::issue_74_as_read();
    let expected: Vec<(String, String)> = issue
        .articles
        .iter()
        .filter_map(|a| a.contents.clone())
        .map(|entry| ("●".to_string(), entry))
        .collect();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries, expected);

    // Headings: the contents, then sections (level 1) with their articles
    // (level 2), an article outside a section at level 1; each titled as
    // printed, brackets aside; no level skipped.
    let headings: Vec<(usize, String)> = tree
        .descendants()
        .iter()
        .filter_map(|e| {
            let level = e.role.strip_prefix('H')?.parse::<usize>().ok()?;
            assert_eq!(
                e.title.as_deref(),
                Some(e.text().trim_matches(['【', '】']))
            );
            Some((level, e.title.clone().unwrap()))
        })
        .collect();
    let mut expected = vec![(1, "目录提要".to_string())];
    let mut section: Option<&str> = None;
    for article in &issue.articles {
        if article.section.as_deref() != section {
            section = article.section.as_deref();
            if let Some(name) = section {
                expected.push((1, name.to_string()));
            }
        }
        expected.push((
            if section.is_some() { 2 } else { 1 },
            article.title.concat(),
        ));
    }
    assert_eq!(headings, expected, "{show}");
    assert_eq!(headings[0].0, 1);
    assert!(headings.windows(2).all(|w| w[1].0 <= w[0].0 + 1));

    // Every paragraph of every article is a paragraph, in order; the last
    // one's attribution follows its text.
    let paragraphs: Vec<String> = tree
        .descendants()
        .iter()
        .filter(|e| e.role == "P")
        .map(|e| e.text())
        .collect();
    let mut at = 0;
    for article in &issue.articles {
        for (i, text) in article.paragraphs.iter().enumerate() {
            let found = paragraphs[at..]
                .iter()
                .position(
                    |p| match (&article.source, i + 1 == article.paragraphs.len()) {
                        (Some(source), true) => *p == format!("{text}（{source}）"),
                        _ => p == text,
                    },
                )
                .unwrap_or_else(|| panic!("a paragraph of its own: {text}\n{show}"));
            at += found + 1;
        }
    }
}

/// Page numbers and rules are artifacts: a screen reader skips them; every
/// other text is in the structure tree.
#[test]
fn page_numbers_and_rules_are_artifacts() {
    let bytes = support::issue_74().pdf(&[]).unwrap();
    let (doc, tree) = tree_of(&bytes);
    let texts = marked_text(&doc);
    let artifacts: Vec<&String> = texts
        .iter()
        .filter(|((_, mcid), _)| mcid.is_none())
        .map(|(_, text)| text)
        .collect();
    let pages = doc.get_pages().len();
    let numbers: Vec<String> = (1..=pages).map(|n| format!("— {n} —")).collect();
    assert_eq!(
        artifacts.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        numbers.iter().map(String::as_str).collect::<Vec<_>>(),
        "the page numbers, and nothing else, are artifacts"
    );
    let read = tree.text();
    assert!(!read.contains("— 1 —"));
    let all: usize = texts.values().map(|t| t.chars().count()).sum();
    assert_eq!(
        read.chars().count() + numbers.iter().map(|n| n.chars().count()).sum::<usize>(),
        all,
        "every other text is read"
    );
    let drawn = drawings(&doc);
    assert_eq!(drawn.paths_read, 0, "no rule is read out: {drawn:?}");
    // The masthead's red rule, the one closing 目录提要, the 报尾's four.
    assert_eq!(drawn.paths_artifact, 6, "the rules are drawn: {drawn:?}");
}

/// The 报尾 is read as labelled lines (label, then value), not as the cells
/// of a data table.
#[test]
fn the_closing_block_is_labelled_lines_not_a_table() {
    let (_, tree) = tree_of(&support::issue_74().pdf(&[]).unwrap());
    let show = shown(&tree);
    let all = tree.descendants();
    assert!(
        !all.iter()
            .any(|e| ["Table", "TR", "TH", "TD"].contains(&e.role.as_str())),
        "no table:\n{show}"
    );
    let labelled: Vec<(String, String)> = all
        .iter()
        .filter(|e| e.role == "LI")
        .filter_map(|item| {
            let parts: Vec<&Element> = item.elements().collect();
            (parts.len() == 2 && parts[0].role == "Lbl" && parts[1].role == "LBody")
                .then(|| (parts[0].text(), parts[1].text()))
        })
        .filter(|(label, _)| label != "●")
        .collect();
    assert_eq!(
        labelled,
        [
            ("信息报送邮箱：", "skxxxbs@bast.net.cn"),
            ("编辑：", "张红波"),
            ("审核：", "李金涛"),
            (
                "分送：",
                "市科协第十届委员会主席、副主席、常委、委员\u{3000}市科协驻会领导\
                 市学会、基金会，区科协，基层组织机关各部门及事业单位"
            ),
        ]
        .map(|(l, b)| (l.to_string(), b.to_string())),
        "{show}"
    );
}

/// A copy of the example publication with photos (examples/photos), to
/// change and build.
fn photos() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    support::copy_folder(&support::repo().join("examples/photos"), dir.path());
    dir
}

/// A picture is a figure with its alternative text (its caption, or what
/// it illustrates when it has none), beside its caption.
#[test]
fn pictures_are_figures_with_alternative_text_and_captions() {
    let dir = photos();
    let issue = dir.path().join("issues/75.toml");
    let text = std::fs::read_to_string(&issue).unwrap();
    std::fs::write(&issue, text.replacen("caption = \"推进会现场\"\n", "", 1)).unwrap();
    let built = support::build_issue(dir.path(), 75).unwrap();
    let bytes = built.pdf(&[]).unwrap();
    let (doc, tree) = tree_of(&bytes);
    let show = shown(&tree);
    let figures: Vec<&Element> = tree
        .descendants()
        .into_iter()
        .filter(|e| e.role == "Figure")
        .collect();
    let alts: Vec<Option<&str>> = figures.iter().map(|f| f.alt.as_deref()).collect();
    assert_eq!(
        alts,
        [
            Some("配图：市科协召开2023年科普工作推进会"),
            Some("2020—2023年全市科普活动参与人次（示意）"),
        ],
        "{show}"
    );
    // The caption stands beside its picture, as a caption.
    let captioned = tree
        .descendants()
        .into_iter()
        .find(|e| {
            e.elements()
                .any(|k| k.role == "Figure" && k.alt.as_deref() == alts[1])
        })
        .expect("the figure's parent");
    let caption = captioned
        .elements()
        .find(|k| k.role == "Caption")
        .expect("a caption beside the figure");
    assert_eq!(caption.text(), "2020—2023年全市科普活动参与人次（示意）");
    assert_eq!(
        tree.descendants()
            .iter()
            .filter(|e| e.role == "Caption")
            .count(),
        1,
        "no caption where none was given"
    );
    // What is drawn of each picture (a photo placed, a drawing's paths) is
    // marked as its figure's content.
    for figure in &figures {
        assert!(
            figure.kids.iter().any(|k| matches!(k, Kid::Text(_))),
            "the picture is the figure's content: {figure:?}"
        );
    }
    let drawn = drawings(&doc);
    assert_eq!(
        drawn.pictures_read, 1,
        "the photo is placed in its figure: {drawn:?}"
    );
    // So described, it passes PDF/UA-1, which wants every picture described.
    built
        .pdf(&[typst_pdf::PdfStandard::Ua_1])
        .expect("PDF/UA-1 with a picture without caption");
}

/// `<name>value</name>` in the XMP metadata.
fn xmp_element(pdf: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(pdf);
    let open = format!("<{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find('<')?;
    Some(text[start..start + end].to_string())
}

/// `bulletin build 74 --pdf-standard …` in a copy of the publication: the
/// PDF it wrote.
fn build_74(standards: &[&str]) -> Vec<u8> {
    let publication = support::TempPublication::new();
    let mut args = vec!["build", "74"];
    for standard in standards {
        args.extend(["--pdf-standard", standard]);
    }
    let run = publication.run(&args);
    assert!(run.status.success(), "{}", run.show());
    assert!(
        run.stdout.contains("wrote out/74.pdf (9 pages"),
        "{}",
        run.show()
    );
    std::fs::read(publication.path("out/74.pdf")).unwrap()
}

/// PDF/UA-1, alone or with PDF/A-2u for an accessible archive copy: Typst
/// checks the tagged PDF against the standard, and the PDF declares it.
#[test]
fn pdf_ua_1_alone_and_with_pdf_a_2u_is_checked_and_declared() {
    let plain = tree_of(&support::issue_74().pdf(&[]).unwrap()).1;
    for standards in [&["ua-1"][..], &["ua-1", "a-2u"]] {
        let pdf = build_74(standards);
        assert_eq!(xmp_element(&pdf, "pdfuaid:part").as_deref(), Some("1"));
        let archive = standards.contains(&"a-2u");
        assert_eq!(
            xmp_element(&pdf, "pdfaid:part").as_deref(),
            archive.then_some("2"),
            "{standards:?}"
        );
        let (doc, tree) = tree_of(&pdf);
        // The same structure as every PDF's, and what PDF/UA asks beyond it.
        assert_eq!(shown(&tree), shown(&plain));
        let catalog = doc.catalog().unwrap();
        let preferences = deref(&doc, catalog.get(b"ViewerPreferences").unwrap())
            .as_dict()
            .unwrap();
        assert!(
            preferences
                .get(b"DisplayDocTitle")
                .unwrap()
                .as_bool()
                .unwrap(),
            "a reader shows the title, not the file name"
        );
        assert_eq!(text_string(catalog.get(b"Lang").unwrap()), "zh-CN");
    }
}

/// Standards that exclude each other are refused before anything is
/// written, with what may be combined.
#[test]
fn pdf_standards_that_exclude_each_other_are_refused() {
    let publication = support::TempPublication::new();
    for (pair, names) in [
        (["ua-1", "2.0"], "PDF/UA-1 + PDF 2.0"),
        (["a-2b", "a-3b"], "PDF/A-2b + PDF/A-3b"),
    ] {
        let run = publication.run(&[
            "build",
            "74",
            "--pdf-standard",
            pair[0],
            "--pdf-standard",
            pair[1],
        ]);
        assert_eq!(run.status.code(), Some(1), "{}", run.show());
        assert!(
            run.stderr.contains(&format!(
                "error: a PDF cannot conform to {names} at once: choose at most one PDF/A and one PDF/UA standard"
            )),
            "{}",
            run.show()
        );
        assert!(!publication.path("out").exists(), "nothing written");
    }
}
