//! Bad input, as an editor meets it: the `bulletin` binary run inside a
//! temporary copy of the publication, for the cases of docs/errors.md that
//! the `cli` and `images` tests do not already cover. Each mistake must
//! give one message located at the exact line and column, with its line and
//! a caret under the spot, exit with status 1, and leave the folder as it
//! was: an existing out/74.pdf byte-identical, no file created. Two kinds of
//! input that only look odd must build as usual (a byte order mark, CRLF
//! line ends), and so must an issue of 1,000 articles. Last, the archival
//! PDF/A variants: what the PDF declares and embeds.

use crate::support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use lopdf::{Dictionary, Document, Object};
use support::{Finished, ISSUE_74, Spot, TempPublication, dict};
use unicode_width::UnicodeWidthStr;

const CONFIG: &str = "bulletin.toml";

// ---------------------------------------------------------------------------
// Runs of the binary.

/// One finished run of `bulletin`.
type Outcome = Finished;

/// `bulletin ARGS`, run inside the publication folder as an editor runs it,
/// so that messages name `issues/74.toml` and `bulletin.toml` as they see them.
fn bulletin(publication: &TempPublication, args: &[&str]) -> Outcome {
    let outcome = publication.run(args);
    outcome.no_panic();
    outcome
}

impl Outcome {
    /// Succeeded, writing out/74.pdf.
    fn built(self) -> Self {
        let outcome = self.succeeded();
        assert!(
            outcome.stdout.starts_with("wrote out/74.pdf ("),
            "{}",
            outcome.stdout
        );
        outcome
    }

    /// Exit status 1, one `error:` and nothing written.
    fn refused(self) -> Self {
        assert_eq!(
            self.status.code(),
            Some(1),
            "the build fails with status 1:\n{}",
            self.show()
        );
        assert!(
            self.stderr.starts_with("error: "),
            "an error is printed:\n{}",
            self.stderr
        );
        assert_eq!(
            self.stderr.matches("error: ").count(),
            1,
            "one message:\n{}",
            self.stderr
        );
        self.wrote_nothing()
    }
}

// ---------------------------------------------------------------------------
// Where a mistake is, and the message that must point at it.

/// A spot in `file` of a publication, as the message must show it (its
/// line read as UTF-8, bad bytes as U+FFFD), and the display width of the
/// part marked there.
#[derive(Debug)]
struct Marked {
    file: &'static str,
    spot: Spot,
    width: usize,
}

/// The spot of `marked`, which is inside `context`, which occurs once in
/// `file` as it is now.
fn spot(publication: &TempPublication, file: &'static str, context: &str, marked: &str) -> Marked {
    let text = String::from_utf8_lossy(&fs::read(publication.path(file)).unwrap()).into_owned();
    Marked {
        file,
        spot: Spot::of(&text, context, marked),
        width: marked.trim_end_matches(['\r', '\n']).width().max(1),
    }
}

impl Outcome {
    /// The message is at `marked`, exactly, shows its line with a caret
    /// under the marked part, and its first line has each of `words`:
    ///
    /// ```text
    /// error: issues/74.toml:5:10: wrong type: a text "21", expected a whole number
    ///   |
    /// 5 | number = "21"
    ///   |          ^^^^
    /// ```
    fn located_exactly(&self, marked: &Marked, words: &[&str]) {
        let spot = &marked.spot;
        let lines: Vec<&str> = self.stderr.lines().collect();
        let header = format!("error: {}:{}:{}: ", marked.file, spot.line, spot.column);
        assert!(
            lines[0].starts_with(&header),
            "starts with {header:?}:\n{}",
            self.stderr
        );
        let number = spot.line.to_string();
        let gutter = " ".repeat(number.len());
        let expected = [
            format!("{gutter} |"),
            format!("{number} | {}", spot.source_line),
            format!(
                "{gutter} | {}{}",
                " ".repeat(spot.before().width()),
                "^".repeat(marked.width)
            ),
        ];
        assert_eq!(
            lines[1..],
            expected,
            "the line and a caret under the spot:\n{}",
            self.stderr
        );
        for word in words {
            assert!(
                lines[0].contains(word),
                "the message has {word:?}:\n{}",
                self.stderr
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The publication folder, before and after.

/// Every file under a folder: its bytes, modification time and inode.
#[derive(Debug, PartialEq)]
struct Snapshot(BTreeMap<PathBuf, (Vec<u8>, SystemTime, u64)>);

impl Snapshot {
    fn of(root: &Path) -> Self {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, SystemTime, u64)>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let meta = fs::symlink_metadata(&path).unwrap();
                if meta.is_dir() {
                    walk(root, &path, out);
                    continue;
                }
                #[cfg(unix)]
                let inode = std::os::unix::fs::MetadataExt::ino(&meta);
                #[cfg(not(unix))]
                let inode = 0;
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(
                    relative,
                    (fs::read(&path).unwrap(), meta.modified().unwrap(), inode),
                );
            }
        }
        let mut files = BTreeMap::new();
        walk(root, root, &mut files);
        Self(files)
    }

    fn names(&self) -> Vec<&Path> {
        self.0.keys().map(PathBuf::as_path).collect()
    }
}

/// A copy of the publication with out/74.pdf built from it, then changed by
/// `change`, which returns where the mistake is; `bulletin build 74` must
/// then fail with one message at that spot that has each of `words`, and
/// leave every file as it was (out/74.pdf byte-identical and not rewritten;
/// nothing created).
fn rejected(change: impl FnOnce(&TempPublication) -> Marked, words: &[&str]) -> Outcome {
    let publication = TempPublication::new();
    bulletin(&publication, &["build", "74"]).built();
    let spot = change(&publication);
    let before = Snapshot::of(publication.root());
    assert!(before.0.contains_key(Path::new("out/74.pdf")));

    let outcome = bulletin(&publication, &["build", "74"]).refused();
    outcome.located_exactly(&spot, words);

    let after = Snapshot::of(publication.root());
    assert_eq!(after.names(), before.names(), "no file is created");
    assert!(
        after == before,
        "every file keeps its bytes, time and inode"
    );
    outcome
}

/// Replaces `from`, which occurs once in `file`, by `to`; the mistake is
/// `marked` inside `to`.
fn replaced(
    file: &'static str,
    from: &'static str,
    to: &'static str,
    marked: &'static str,
) -> impl FnOnce(&TempPublication) -> Marked {
    move |p| {
        p.edit(file, from, to);
        spot(p, file, to, marked)
    }
}

// ---------------------------------------------------------------------------
// Mistakes in bulletin.toml (those of an issue file are in cli.rs).

#[test]
fn a_toml_syntax_error_in_bulletin_toml_is_located() {
    rejected(
        replaced(CONFIG, "[footer]", "[footer\n", "\n"),
        &["unclosed table", "`]`"],
    );
}

#[test]
fn an_unknown_key_in_bulletin_toml_is_located_and_named() {
    rejected(
        replaced(
            CONFIG,
            "publisher = \"北京市科协办公室\"",
            "publisherr = \"北京市科协办公室\"",
            "publisherr",
        ),
        &["unknown key `publisherr`", "`publisher`"],
    );
}

#[test]
fn a_wrong_type_in_bulletin_toml_is_located() {
    rejected(
        replaced(
            CONFIG,
            "publisher = \"北京市科协办公室\"\n",
            "publisher = \"北京市科协办公室\"\ncadence_days = \"7\"\n",
            "\"7\"",
        ),
        &["wrong type", "\"7\"", "whole number"],
    );
}

#[test]
fn a_missing_required_key_in_bulletin_toml_is_located_at_its_table() {
    rejected(
        |p| {
            p.edit(CONFIG, "publisher = \"北京市科协办公室\"\n", "");
            spot(p, CONFIG, "[publication]", "[publication]")
        },
        &["missing key `publisher`"],
    );
}

#[test]
fn an_empty_publication_name_is_located() {
    rejected(
        replaced(CONFIG, "name = \"科协每周动态\"", "name = \"\"", "\"\""),
        &["name must not be empty"],
    );
}

#[test]
fn a_bulletin_toml_that_is_not_utf8_is_located_at_the_first_bad_byte() {
    // The publisher in GB18030, as a Windows editor might save the file.
    rejected(
        |p| {
            let text = fs::read_to_string(p.path(CONFIG)).unwrap();
            let (gb, _, _) = encoding_rs::GB18030.encode("北京市科协办公室");
            let bytes = text.replacen("北京市科协办公室", "\u{0}", 1).into_bytes();
            let at = bytes.iter().position(|&b| b == 0).unwrap();
            let bytes = [&bytes[..at], &gb[..], &bytes[at + 1..]].concat();
            fs::write(p.path(CONFIG), &bytes).unwrap();
            let shown = String::from_utf8_lossy(&gb).into_owned();
            let context = format!("publisher = \"{shown}\"");
            spot(p, CONFIG, &context, "\u{FFFD}")
        },
        &["not UTF-8", "save it as UTF-8"],
    );
}

// ---------------------------------------------------------------------------
// What looks odd but must build as usual.

/// A fresh copy of the publication, and what `bulletin build 74` wrote.
fn built_as_is() -> (TempPublication, Outcome, Vec<u8>) {
    let publication = TempPublication::new();
    let outcome = bulletin(&publication, &["build", "74"]).built();
    let pdf = fs::read(publication.path("out/74.pdf")).unwrap();
    (publication, outcome, pdf)
}

/// Every printed line of the laid-out issue, page by page.
fn printed_lines(publication: &TempPublication) -> Vec<(usize, String)> {
    let built = publication
        .build()
        .unwrap_or_else(|e| panic!("the issue builds: {e}"));
    support::pages(&built)
        .iter()
        .flat_map(|page| support::lines(&page.runs))
        .map(|line| (line[0].page, support::line_text(&line)))
        .collect()
}

/// Rewrites `file` as `rewrite` makes it, and checks that the issue then
/// builds to the same pages, the same printed text and the same PDF bytes.
fn builds_as_usual(file: &str, rewrite: impl Fn(&str) -> String) {
    let (plain, plain_run, plain_pdf) = built_as_is();

    let changed = TempPublication::new();
    let text = fs::read_to_string(changed.path(file)).unwrap();
    fs::write(changed.path(file), rewrite(&text)).unwrap();
    let run = bulletin(&changed, &["build", "74"]).built();
    assert_eq!(run.pages(), plain_run.pages(), "the same page count");
    assert_eq!(
        printed_lines(&changed),
        printed_lines(&plain),
        "the same text on the same pages"
    );
    assert!(
        fs::read(changed.path("out/74.pdf")).unwrap() == plain_pdf,
        "the same PDF, byte for byte"
    );
}

#[test]
fn an_issue_file_with_a_byte_order_mark_builds_as_usual() {
    builds_as_usual(ISSUE_74, |text| format!("\u{FEFF}{text}"));
}

#[test]
fn an_issue_file_with_crlf_line_ends_builds_as_with_lf() {
    builds_as_usual(ISSUE_74, |text| {
        assert!(!text.contains('\r'));
        text.replace('\n', "\r\n")
    });
}

#[test]
fn a_bulletin_toml_with_a_byte_order_mark_and_crlf_line_ends_builds_as_usual() {
    builds_as_usual(CONFIG, |text| {
        format!("\u{FEFF}{}", text.replace('\n', "\r\n"))
    });
}

/// Issue 74's header (total, number, date, editor, reviewer) and `count`
/// articles in three sections, each of three paragraphs.
fn issue_of(count: usize) -> String {
    let text = fs::read_to_string(support::repo().join(ISSUE_74)).unwrap();
    let mut issue = text[..text.find("[[articles]]").unwrap()].to_string();
    let sections = ["主题教育", "科普工作", "基层动态"];
    let paragraph = "会议强调，要提高政治站位，统筹推进全民科学素质建设均衡发展，\
                     推动优质资源和服务向城乡接合部地区、农村地区延伸。";
    for i in 0..count {
        let section = sections[i * sections.len() / count];
        let n = i + 1;
        issue += &format!(
            "[[articles]]\nsection = \"{section}\"\ntitle = \"第{n}篇：北京市科协召开第{n}次工作会议\"\n\
             source = \"第{n}区科协\"\nbody = \"\"\"\n第{n}篇第一段。{paragraph}\n\n\
             第{n}篇第二段。{paragraph}\n\n第{n}篇第三段。{paragraph}\n\"\"\"\n\n"
        );
    }
    issue
}

#[test]
fn an_issue_of_a_thousand_articles_builds() {
    let publication = TempPublication::new();
    fs::write(publication.path(ISSUE_74), issue_of(1000)).unwrap();
    let run = bulletin(&publication, &["build", "74"]).built();
    let bytes = fs::read(publication.path("out/74.pdf")).unwrap();
    let pdf = Document::load_mem(&bytes).expect("the PDF parses");
    assert_eq!(pdf.get_pages().len(), run.pages());
    assert!(run.pages() > 100, "{} pages", run.pages());

    // Every article has its bookmark, under its section.
    let catalog = pdf.catalog().unwrap();
    let outlines = dict(&pdf, catalog.get(b"Outlines").expect("bookmarks"));
    let mut sections = 0;
    let mut articles = 0;
    let mut section = outlines.get(b"First").ok().cloned();
    while let Some(object) = section {
        let item = dict(&pdf, &object);
        sections += 1;
        let mut article = item.get(b"First").ok().cloned();
        while let Some(object) = article {
            articles += 1;
            article = dict(&pdf, &object).get(b"Next").ok().cloned();
        }
        section = item.get(b"Next").ok().cloned();
    }
    assert_eq!((sections, articles), (3, 1000));
}

// ---------------------------------------------------------------------------
// An output folder that cannot be written.

/// Gives a folder its permissions back when dropped, so that it can be
/// deleted whatever happened.
#[cfg(unix)]
struct Permissions(PathBuf, fs::Permissions);

#[cfg(unix)]
impl Drop for Permissions {
    fn drop(&mut self) {
        fs::set_permissions(&self.0, self.1.clone()).ok();
    }
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_cannot_be_written_is_a_clean_error() {
    use std::os::unix::fs::PermissionsExt;

    let publication = TempPublication::new();
    bulletin(&publication, &["build", "74"]).built();
    let out = publication.path("out");
    let _restore = Permissions(out.clone(), fs::metadata(&out).unwrap().permissions());
    fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();

    // Root (and a user with CAP_DAC_OVERRIDE) writes anyway.
    let probe = out.join("probe");
    if fs::write(&probe, b"x").is_ok() {
        fs::remove_file(&probe).ok();
        eprintln!("skipped: this user can write into a read-only folder (root?)");
        return;
    }

    let before = Snapshot::of(publication.root());
    let run = bulletin(&publication, &["build", "74"]).refused();
    // error: cannot write out/74.pdf: Permission denied (os error 13) …
    assert!(
        run.stderr
            .starts_with("error: cannot write out/74.pdf: Permission denied"),
        "{}",
        run.stderr
    );
    let after = Snapshot::of(publication.root());
    assert_eq!(after.names(), before.names(), "no file is created");
    assert!(
        after == before,
        "out/74.pdf keeps its bytes, time and inode"
    );
}

/// The message is about out/74.pdf and what to do, not about the hidden
/// temporary file bulletin writes first (a name the editor never sees).
#[cfg(unix)]
#[test]
fn an_output_folder_that_cannot_be_written_is_named_without_the_temporary_file() {
    use std::os::unix::fs::PermissionsExt;

    let publication = TempPublication::new();
    bulletin(&publication, &["build", "74"]).built();
    let out = publication.path("out");
    let _restore = Permissions(out.clone(), fs::metadata(&out).unwrap().permissions());
    fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = out.join("probe");
    if fs::write(&probe, b"x").is_ok() {
        fs::remove_file(&probe).ok();
        eprintln!("skipped: this user can write into a read-only folder (root?)");
        return;
    }

    let run = bulletin(&publication, &["build", "74"]).refused();
    assert!(
        !run.stderr.contains(".bulletin-") && !run.stderr.contains(".tmp"),
        "no temporary file is named:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the folder out does not allow it") && run.stderr.contains("-o"),
        "the folder is named, with what to do:\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// PDF/A for the archive.

fn name(dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key)
        .and_then(Object::as_name)
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The value of an XMP property, written as an element
/// (`<pdfaid:part>2</pdfaid:part>`) or as an attribute (`pdfaid:part="2"`).
fn xmp_property(xmp: &str, property: &str) -> Option<String> {
    let open = format!("<{property}>");
    if let Some(start) = xmp.find(&open) {
        let rest = &xmp[start + open.len()..];
        let end = rest.find(&format!("</{property}>"))?;
        return Some(rest[..end].trim().to_string());
    }
    for quote in ['"', '\''] {
        let attribute = format!("{property}={quote}");
        if let Some(start) = xmp.find(&attribute) {
            let rest = &xmp[start + attribute.len()..];
            return Some(rest[..rest.find(quote)?].to_string());
        }
    }
    None
}

/// `bulletin build 74 --pdf-standard STANDARD`, then checks what the PDF
/// declares and embeds: the standard's part and conformance level in the
/// catalog's XMP metadata, the issue's date there and in the document
/// information, an output intent, every font embedded (and, for level U,
/// every font mapped to Unicode), and the 9 pages of issue 74.
fn archival(standard: &str, part: &str, conformance: &str) {
    let publication = TempPublication::new();
    let run = bulletin(&publication, &["build", "74", "--pdf-standard", standard]).built();
    assert_eq!(run.pages(), 9);
    let bytes = fs::read(publication.path("out/74.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).expect("the PDF parses");
    assert_eq!(doc.get_pages().len(), 9, "9 pages");

    // The XMP metadata of the catalog.
    let catalog = doc.catalog().unwrap();
    let metadata = catalog.get(b"Metadata").expect("the catalog has /Metadata");
    let Object::Reference(id) = metadata else {
        panic!("/Metadata is a reference to a stream: {metadata:?}")
    };
    let stream = doc.get_object(*id).unwrap().as_stream().expect("a stream");
    assert_eq!(name(&stream.dict, b"Type").as_deref(), Some("Metadata"));
    assert_eq!(name(&stream.dict, b"Subtype").as_deref(), Some("XML"));
    // PDF/A wants it readable without decoding; decode it if it is not.
    let content = if stream.dict.has(b"Filter") {
        stream.decompressed_content().expect("the metadata decodes")
    } else {
        stream.content.clone()
    };
    let xmp = String::from_utf8(content).expect("XMP is UTF-8");
    assert_eq!(
        xmp_property(&xmp, "pdfaid:part").as_deref(),
        Some(part),
        "pdfaid:part in:\n{xmp}"
    );
    assert_eq!(
        xmp_property(&xmp, "pdfaid:conformance").as_deref(),
        Some(conformance),
        "pdfaid:conformance in:\n{xmp}"
    );
    for property in ["xmp:CreateDate", "xmp:ModifyDate"] {
        let date = xmp_property(&xmp, property).unwrap_or_else(|| panic!("{property} in:\n{xmp}"));
        assert!(date.starts_with("2023-08-11"), "{property} is {date}");
    }
    let info = dict(
        &doc,
        doc.trailer.get(b"Info").expect("document information"),
    );
    for key in ["CreationDate", "ModDate"] {
        let date = info
            .get(key.as_bytes())
            .and_then(Object::as_str)
            .unwrap_or_else(|_| panic!("/{key} in the document information"));
        assert!(
            date.starts_with(b"D:20230811"),
            "/{key} is {}",
            String::from_utf8_lossy(date)
        );
    }

    // An output intent for PDF/A.
    let intents = catalog
        .get(b"OutputIntents")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_array())
        .expect("the catalog has /OutputIntents");
    assert!(
        intents
            .iter()
            .any(|i| name(dict(&doc, i), b"S").as_deref() == Some("GTS_PDFA1")),
        "a GTS_PDFA1 output intent"
    );

    // Every font embedded.
    let mut descriptors = 0;
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        match name(d, b"Type").as_deref() {
            Some("FontDescriptor") => {
                descriptors += 1;
                let font = name(d, b"FontName").unwrap_or_default();
                assert!(
                    ["FontFile", "FontFile2", "FontFile3"]
                        .iter()
                        .any(|k| d.has(k.as_bytes())),
                    "{font} is embedded"
                );
            }
            Some("Font") => {
                let subtype = name(d, b"Subtype").unwrap_or_default();
                let font = name(d, b"BaseFont").unwrap_or_default();
                if !matches!(subtype.as_str(), "Type0" | "Type3") {
                    assert!(
                        d.has(b"FontDescriptor"),
                        "{subtype} font {font} is described"
                    );
                }
                if subtype != "CIDFontType0" && subtype != "CIDFontType2" && conformance == "U" {
                    assert!(d.has(b"ToUnicode"), "{subtype} font {font} maps to Unicode");
                }
            }
            _ => {}
        }
    }
    assert!(
        descriptors >= 5,
        "body, title, heading, kai and number faces: {descriptors}"
    );
}

#[test]
fn pdf_a_2b_declares_itself_is_dated_and_embeds_every_font() {
    archival("a-2b", "2", "B");
}

#[test]
fn pdf_a_2u_declares_itself_is_dated_and_embeds_every_font() {
    archival("a-2u", "2", "U");
}

#[test]
fn pdf_a_3b_declares_itself_is_dated_and_embeds_every_font() {
    archival("a-3b", "3", "B");
}

#[test]
fn the_embedded_fonts_permit_embedding_and_subsetting() {
    // The licences (fonts/README.md) allow it; the fonts' own OS/2 flags,
    // which PDF/A validators read, must agree.
    let dir = support::repo().join("fonts");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !matches!(ext, "otf" | "ttf") {
            continue;
        }
        let data = fs::read(&path).unwrap();
        let face =
            ttf_parser::Face::parse(&data, 0).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let permissions = face.permissions();
        assert!(
            !matches!(permissions, Some(ttf_parser::Permissions::Restricted)),
            "{} forbids embedding",
            path.display()
        );
        assert!(
            face.is_subsetting_allowed(),
            "{} forbids subsetting",
            path.display()
        );
        checked += 1;
    }
    assert_eq!(checked, 6, "the six faces of fonts/README.md");
}
