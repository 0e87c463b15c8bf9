//! `bulletin import FILE… --into ISSUE [--section NAME] [--fix]` as an editor
//! meets it: Word documents (.docx, made here with the `zip` crate as Word
//! writes them: `word/document.xml`, its relations and `word/media/`) and
//! text files become articles appended to a temporary copy of issue 74.
//!
//! What an editor checks after each run: the exit status, what was printed,
//! the issue file read back as TOML, and that everything that was in it
//! before is still there byte for byte (comments, key order, formatting).

use crate::support;

use std::fs;
use std::io::Cursor;

use support::docx::{Docx, Para, p, zip_of};
use support::png;
use support::{Spot, TempPublication, articles};

const ISSUE: &str = "issues/74.toml";

// ---------------------------------------------------------------------------
// Made in the tests (Word documents: support::docx).

/// The start of an EMF file (what Word keeps for a pasted chart or a
/// drawing from Visio): an EMR_HEADER record.
fn emf() -> Vec<u8> {
    let mut bytes = vec![1, 0, 0, 0, 108, 0, 0, 0];
    bytes.resize(108, 0);
    bytes[40..44].copy_from_slice(b" EMF");
    bytes
}

// ---------------------------------------------------------------------------
// The publication, runs of the binary and what they leave behind.

/// A copy of the publication (bulletin.toml, issues/74.toml) with the
/// contributions an editor saved from the e-mails in `inbox/`.
struct Publication(TempPublication);

impl std::ops::Deref for Publication {
    type Target = TempPublication;
    fn deref(&self) -> &TempPublication {
        &self.0
    }
}

impl Publication {
    fn new() -> Self {
        let publication = Self(TempPublication::new());
        fs::create_dir(publication.path("inbox")).unwrap();
        publication
    }

    /// Saves a contribution as `inbox/<name>` and returns that relative path.
    fn save(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        fs::write(self.path("inbox").join(name), bytes).unwrap();
        format!("inbox/{name}")
    }

    fn issue_bytes(&self) -> Vec<u8> {
        fs::read(self.path(ISSUE)).unwrap()
    }

    fn issue_text(&self) -> String {
        self.read(ISSUE)
    }

    /// `bulletin import <files> --into 74 <more>`.
    fn import(&self, files: &[&str], more: &[&str]) -> Run {
        let mut args = vec!["import"];
        args.extend(files);
        args.extend(["--into", "74"]);
        args.extend(more);
        self.run(&args)
    }

    /// Imports, which must succeed, and returns what was appended to the
    /// issue file, after checking that what was there stays as it was.
    fn import_ok(&self, files: &[&str], more: &[&str]) -> (Run, String) {
        let before = self.issue_bytes();
        let run = self.import(files, more).succeeded_cleanly();
        let appended = appended(&before, &self.issue_bytes());
        (run, appended)
    }

    /// The issue file read as TOML.
    fn issue(&self) -> toml::Table {
        toml::from_str(&self.issue_text()).unwrap_or_else(|e| panic!("{ISSUE} is TOML: {e}"))
    }

    fn articles(&self) -> Vec<toml::Table> {
        articles(&self.issue())
    }

    /// The last article of the issue.
    fn last(&self) -> Article {
        Article(self.articles().pop().expect("an article"))
    }

    /// The files under `images/`, relative, sorted.
    fn images(&self) -> Vec<String> {
        let mut found = Vec::new();
        let root = self.path("images");
        if root.exists() {
            for dir in fs::read_dir(&root).unwrap() {
                let dir = dir.unwrap().path();
                for file in fs::read_dir(&dir).unwrap() {
                    let file = file.unwrap().path();
                    found.push(
                        file.strip_prefix(self.root())
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
        found.sort();
        found
    }
}

/// What was appended to the issue file: `before` must be a byte-for-byte
/// prefix of `after`, and what follows it is whole articles.
fn appended(before: &[u8], after: &[u8]) -> String {
    assert!(
        after.len() > before.len() && after.starts_with(before),
        "the issue file as it was is the start of the issue file as it is; now:\n{}",
        String::from_utf8_lossy(after)
    );
    let appended = String::from_utf8(after[before.len()..].to_vec()).expect("UTF-8");
    assert!(
        appended.trim_start().starts_with("[[articles]]\n")
            || appended.trim_start().starts_with("[[articles]]\r\n"),
        "an article is appended:\n{appended}"
    );
    appended
}

/// An imported article, as TOML read it.
struct Article(toml::Table);

impl Article {
    fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.as_str().expect("a string"))
    }

    fn title(&self) -> &str {
        self.str("title").expect("a title")
    }

    /// The body's paragraphs (separated by blank lines).
    fn body(&self) -> Vec<String> {
        paragraphs(self.str("body").expect("a body"))
    }

    fn note(&self) -> Option<Vec<String>> {
        self.str("note").map(paragraphs)
    }

    fn source(&self) -> Option<&str> {
        self.str("source")
    }

    fn section(&self) -> Option<&str> {
        self.str("section")
    }

    /// `path` and `after` of each `[[articles.images]]`.
    fn images(&self) -> Vec<(String, i64)> {
        self.0
            .get("images")
            .map(|images| {
                images
                    .as_array()
                    .expect("an array of tables")
                    .iter()
                    .map(|image| {
                        (
                            image["path"].as_str().expect("a path").to_string(),
                            image["after"].as_integer().expect("after"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// One finished run of the binary.
type Run = support::Finished;

impl Run {
    /// Succeeded, and said nothing of an error.
    fn succeeded_cleanly(self) -> Self {
        let run = self.succeeded();
        assert!(!run.stderr.contains("error"), "no error:\n{}", run.stderr);
        run
    }

    /// Failed with one `error:` line holding every fragment; nothing added.
    fn failed_saying(self, fragments: &[&str]) -> Self {
        let run = self.failed();
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert_eq!(errors.len(), 1, "one error:\n{}", run.stderr);
        for fragment in fragments {
            assert!(
                errors[0].contains(fragment),
                "the error says {fragment:?}:\n{}",
                run.stderr
            );
        }
        assert!(
            !run.stdout.contains("added"),
            "nothing is added:\n{}",
            run.stdout
        );
        run
    }

    /// The `warning:` lines of stderr.
    fn warning_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("warning: "))
            .collect()
    }

    /// The `added 「…」 from …` lines of stdout.
    fn added(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("added "))
            .collect()
    }

    fn has_warning(&self, fragments: &[&str]) -> bool {
        self.warning_lines()
            .iter()
            .any(|w| fragments.iter().all(|f| w.contains(f)))
    }

    fn assert_warning(&self, fragments: &[&str]) {
        assert!(
            self.has_warning(fragments),
            "a warning with {fragments:?}:\n{}",
            self.stderr
        );
    }
}

/// A typical contribution from a district association.
const TITLE: &str = "门头沟区科协积极参与防汛抢险救灾";
const FIRST: &str = "近日，门头沟区科协组织科技志愿者深入受灾村镇，开展防汛抢险救灾科普宣传。";
const SECOND: &str = "下一步，门头沟区科协将持续做好灾后科普服务工作。";

// ---------------------------------------------------------------------------
// Recognising the parts of a Word document.

#[test]
fn an_editors_note_above_the_title_is_the_note_and_the_title_is_still_found() {
    const NOTE: &str = "现将门头沟区科协有关情况刊发，供各区科协参考。";
    let documents = [
        // The note in one paragraph, the title in Heading 1 under it.
        Docx::new()
            .text(&format!("编者按：{NOTE}"))
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .text(SECOND),
        // The label on a line of its own, the note, then a bold centred title.
        Docx::new()
            .p(Para::new().bold("【编者按】"))
            .text(NOTE)
            .p(Para::new().centred().bold(TITLE))
            .text(FIRST)
            .text(SECOND),
    ];
    for (i, docx) in documents.into_iter().enumerate() {
        let publication = Publication::new();
        let file = publication.save(&format!("稿件{i}.docx"), docx.bytes());
        let (run, _) = publication.import_ok(&[&file], &[]);
        assert!(
            run.warning_lines().is_empty(),
            "no warnings:\n{}",
            run.stderr
        );
        let article = publication.last();
        assert_eq!(article.title(), TITLE, "document {i}");
        assert_eq!(article.note(), Some(vec![NOTE.to_string()]), "document {i}");
        assert_eq!(article.body(), [FIRST, SECOND], "document {i}");
    }
}

#[test]
fn a_date_line_under_the_title_is_left_out_with_a_note() {
    let documents = [
        // A centred date in brackets under a bold centred title.
        Docx::new()
            .p(Para::new().centred().bold(TITLE))
            .p(Para::new().centred().text("（2023年8月15日）"))
            .text(FIRST)
            .text(SECOND),
        // Under a heading, not centred, without brackets.
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text("2023年8月15日")
            .text(FIRST)
            .text(SECOND),
        // Under a title set on two lines.
        Docx::new()
            .p(Para::new().centred().text(TITLE))
            .p(Para::new().centred().text("——记防汛救灾中的科技志愿者"))
            .p(Para::new().centred().text("(2023-08-15)"))
            .text(FIRST)
            .text(SECOND),
    ];
    let titles = [
        TITLE.to_string(),
        TITLE.to_string(),
        format!("{TITLE}\n——记防汛救灾中的科技志愿者"),
    ];
    let dates = ["（2023年8月15日）", "2023年8月15日", "(2023-08-15)"];
    for (i, docx) in documents.into_iter().enumerate() {
        let publication = Publication::new();
        let file = publication.save(&format!("稿件{i}.docx"), docx.bytes());
        let (run, _) = publication.import_ok(&[&file], &[]);
        assert_eq!(
            run.warning_lines(),
            [format!(
                "warning: inbox/稿件{i}.docx: left out the date line under the title: \"{}\" \
                 (the issue has its own date)",
                dates[i]
            )],
            "{}",
            run.stderr
        );
        let article = publication.last();
        assert_eq!(article.title(), titles[i], "document {i}");
        assert_eq!(article.body(), [FIRST, SECOND], "document {i}");
    }

    // A text file: the date on the second line.
    let publication = Publication::new();
    let file = publication.save(
        "稿件.txt",
        format!("{TITLE}\n二〇二三年八月十五日\n\n{FIRST}\n\n{SECOND}\n"),
    );
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert_eq!(run.warning_lines().len(), 1, "{}", run.stderr);
    assert_eq!(publication.last().title(), TITLE);
    assert_eq!(publication.last().body(), [FIRST, SECOND]);
}

#[test]
fn a_word_document_becomes_an_article_with_its_title_note_body_and_source() {
    let publication = Publication::new();
    let articles_before = publication.articles();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .empty()
        .text("编者按：现将门头沟区科协有关情况刊发，供各区科协参考。")
        .empty()
        .text(&format!("　　{FIRST}"))
        .empty()
        .empty()
        .text(&format!("　　{SECOND}"))
        .text("（门头沟区科协）")
        .empty();
    let file = publication.save("门头沟.docx", docx.bytes());

    let (run, appended) = publication.import_ok(&[&file], &[]);

    assert_eq!(
        run.added(),
        [format!(
            "added 「{TITLE}」 from inbox/门头沟.docx to issues/74.toml: 2 paragraph(s), \
             source （门头沟区科协）, an editor's note"
        )],
        "{}",
        run.stdout
    );
    assert!(
        run.warning_lines().is_empty(),
        "no warnings:\n{}",
        run.stderr
    );
    assert_eq!(appended.matches("[[articles]]").count(), 1, "{appended}");

    let articles = publication.articles();
    assert_eq!(articles.len(), articles_before.len() + 1);
    assert_eq!(articles[..articles_before.len()], articles_before[..]);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(
        article.note(),
        Some(vec![
            "现将门头沟区科协有关情况刊发，供各区科协参考。".to_string()
        ])
    );
    assert_eq!(article.body(), [FIRST, SECOND]);
    assert_eq!(article.source(), Some("门头沟区科协"));
    assert_eq!(article.section(), None);
    assert!(article.images().is_empty());
    assert_eq!(
        article.keys(),
        ["body", "note", "source", "title"],
        "only what the document holds"
    );
    let written: Vec<&str> = appended
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(key, _)| key))
        .collect();
    assert_eq!(
        written,
        ["title", "source", "note", "body"],
        "in the order of the other articles:\n{appended}"
    );
    // The issue's own keys are still there.
    let issue = publication.issue();
    assert_eq!(issue["total"].as_integer(), Some(74));
    assert_eq!(issue["number"].as_integer(), Some(21));
    // The body reads as the other articles': a multi-line string, a blank
    // line between paragraphs, so the editor can correct it by hand.
    assert!(
        appended.contains(&format!("body = \"\"\"\n{FIRST}\n\n{SECOND}\n\"\"\"")),
        "{appended}"
    );
    // And the issue is still valid for check.
    let check = publication.run(&["check", "74"]).succeeded_cleanly();
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
}

#[test]
fn the_title_of_chinese_word_is_style_1() {
    // Chinese Word saves 标题 1 with the style id "1".
    let publication = Publication::new();
    let docx = Docx::new()
        .p(Para::new().style("1").text(TITLE))
        .text(FIRST)
        .text(SECOND);
    let file = publication.save("稿件.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert!(run.warning_lines().is_empty(), "{}", run.stderr);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.body(), [FIRST, SECOND]);
    assert_eq!(article.source(), None);
    assert_eq!(article.note(), None);
}

#[test]
fn a_short_centred_paragraph_is_the_title() {
    let publication = Publication::new();
    let docx = Docx::new()
        .empty()
        .p(Para::new().centred().text(TITLE))
        .text(FIRST)
        .text(SECOND);
    let file = publication.save("centred.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert!(run.warning_lines().is_empty(), "{}", run.stderr);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.body(), [FIRST, SECOND]);
}

#[test]
fn a_short_all_bold_paragraph_is_the_title_in_several_runs() {
    let publication = Publication::new();
    // Word splits a paragraph into runs wherever the editing history says.
    let docx = Docx::new()
        .p(Para::new()
            .bold("门头沟区科协")
            .bold("积极参与")
            .bold("防汛抢险救灾"))
        .p(p("近日，")
            .bold("门头沟区科协")
            .text("组织科技志愿者深入受灾村镇，开展防汛抢险救灾科普宣传。"))
        .text(SECOND);
    let file = publication.save("bold.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert!(run.warning_lines().is_empty(), "{}", run.stderr);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.body(), [FIRST, SECOND], "a bold word is no title");
}

#[test]
fn paragraphs_before_the_title_are_left_out_with_a_warning() {
    let publication = Publication::new();
    let docx = Docx::new()
        .text("京科协办〔2023〕12号")
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .text(SECOND);
    let file = publication.save("with-number.docx", docx.bytes());
    let (run, appended) = publication.import_ok(&[&file], &[]);
    run.assert_warning(&[
        "inbox/with-number.docx",
        "left out what stood before the title: \"京科协办〔2023〕12号\"",
    ]);
    assert!(!appended.contains("12号"), "{appended}");
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.body(), [FIRST, SECOND]);
}

#[test]
fn without_a_marked_title_the_file_name_is_used_with_a_warning() {
    let publication = Publication::new();
    // Every paragraph a sentence: nothing to take for a title.
    let docx = Docx::new().text(FIRST).text(SECOND);
    let file = publication.save("防汛简讯.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    run.assert_warning(&["no title was recognised", "防汛简讯"]);
    let article = publication.last();
    assert_eq!(article.title(), "防汛简讯");
    assert_eq!(article.body(), [FIRST, SECOND], "no paragraph is lost");
}

#[test]
fn an_attribution_at_the_end_of_the_last_paragraph_is_the_source() {
    let publication = Publication::new();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .text("下一步，门头沟区科协将持续做好灾后科普服务工作。（门头沟区科协）");
    let file = publication.save("a.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert!(
        run.added()[0].contains("source （门头沟区科协）"),
        "{}",
        run.stdout
    );
    let article = publication.last();
    assert_eq!(article.body(), [FIRST, SECOND]);
    assert_eq!(article.source(), Some("门头沟区科协"));
}

#[test]
fn a_parenthesis_inside_a_sentence_is_not_a_source() {
    let publication = Publication::new();
    for (name, last) in [
        ("draft.docx", "会议审议了工作报告（草案）"),
        ("draft-ended.docx", "会议审议了工作报告（草案）。"),
        ("list.docx", "会议审议了三个文件。（详见附件：文件目录。）"),
    ] {
        let docx = Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .text(last);
        let file = publication.save(name, docx.bytes());
        let (run, _) = publication.import_ok(&[&file], &[]);
        assert!(!run.added()[0].contains("source"), "{}", run.stdout);
        let article = publication.last();
        assert_eq!(article.source(), None, "{last}");
        assert_eq!(article.body(), [FIRST, last], "{last} is kept whole");
    }
}

#[test]
fn soft_breaks_tabs_indents_and_entities_are_read_as_printed() {
    let publication = Publication::new();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text("门头沟区科协\n积极参与防汛抢险救灾"))
        // Word's manual line breaks inside a paragraph, Chinese and Latin.
        .text("　　近日，门头沟区科协组织科技志愿者\n深入受灾村镇，\n开展防汛抢险救灾科普宣传。")
        .text("The Beijing Association\nfor Science and Technology joined.")
        // A tab between two words; one at the start is an indent.
        .text("\tItem\tvalue")
        // Entities and character references.
        .p(Para::new().raw(
            "<w:r><w:t>R&amp;D&#160;&lt;科普&gt; &quot;A&apos;s&quot; &#x4E2D;&#22269;。</w:t></w:r>",
        ))
        // A full-width indent and trailing spaces.
        .text("　　　　最后一段。　 ");
    let file = publication.save("breaks.docx", docx.bytes());
    let (_, _) = publication.import_ok(&[&file], &[]);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(
        article.body(),
        [
            FIRST,
            "The Beijing Association for Science and Technology joined.",
            "Item value",
            "R&D\u{a0}<科普> \"A's\" 中国。",
            "最后一段。",
        ]
    );
}

#[test]
fn tracked_changes_keep_the_inserted_text_and_drop_the_deleted() {
    let publication = Publication::new();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .p(p("近日，门头沟区科协组织")
            .raw(r#"<w:del w:id="1" w:author="张红波" w:date="2023-08-10T09:00:00Z"><w:r><w:delText>全体</w:delText></w:r></w:del>"#)
            .raw(r#"<w:ins w:id="2" w:author="张红波" w:date="2023-08-10T09:00:00Z"><w:r><w:t>科技志愿者</w:t></w:r></w:ins>"#)
            .text("深入受灾村镇，开展防汛抢险救灾科普宣传。"))
        .text(SECOND);
    let file = publication.save("changes.docx", docx.bytes());
    publication.import_ok(&[&file], &[]);
    assert_eq!(publication.last().body(), [FIRST, SECOND]);
}

#[test]
fn a_table_is_flattened_into_paragraphs_with_a_warning() {
    let publication = Publication::new();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .table(&[&["时间", "活动"], &["8月9日", "科普宣传进村"]])
        .text(SECOND);
    let file = publication.save("table.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    run.assert_warning(&["inbox/table.docx", "1 table(s)", "paragraph"]);
    assert_eq!(
        publication.last().body(),
        [FIRST, "时间", "活动", "8月9日", "科普宣传进村", SECOND]
    );
}

// ---------------------------------------------------------------------------
// Pictures.

#[test]
fn a_picture_is_saved_in_the_issues_folder_and_placed_after_its_paragraph() {
    let publication = Publication::new();
    let photo = png(40, 30);
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .text("志愿者们向村民发放防汛科普资料。")
        .picture("image1.png", &photo)
        .p(Para::new().centred().text("图为志愿者发放资料现场"))
        .text(SECOND);
    let file = publication.save("门头沟科协.docx", docx.bytes());
    let (run, appended) = publication.import_ok(&[&file], &[]);
    assert!(run.added()[0].ends_with("1 picture(s)"), "{}", run.stdout);
    assert_eq!(publication.images(), ["images/74/门头沟科协-1.png"]);
    assert_eq!(
        fs::read(publication.path("images/74/门头沟科协-1.png")).unwrap(),
        photo,
        "the picture as it was in the document"
    );
    let article = publication.last();
    assert_eq!(
        article.images(),
        [("images/74/门头沟科协-1.png".to_string(), 2)]
    );
    // The short centred line under the picture is its caption.
    assert_eq!(article.body().len(), 3);
    assert!(
        appended.contains(
            "\n[[articles.images]]\npath = \"images/74/门头沟科协-1.png\"\n\
             caption = \"图为志愿者发放资料现场\"\nafter = 2\n"
        ),
        "{appended}"
    );
    // The issue as a whole is still one `check` accepts.
    let check = publication.run(&["check", "74"]);
    assert!(check.status.success(), "{}", check.stderr);
}

#[test]
fn a_picture_bomb_in_a_document_is_left_out_with_a_warning() {
    let publication = Publication::new();
    let bomb = support::png_declaring(60_000, 60_000);
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .picture("image1.png", &bomb)
        .text(SECOND);
    let file = publication.save("炸弹.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert!(
        run.warning_lines()
            .iter()
            .any(|w| w.contains("image1.png is 60000 × 60000 pixels")),
        "{}",
        run.stderr
    );
    assert!(publication.images().is_empty(), "nothing written");
    assert!(publication.last().images().is_empty());
}

#[test]
fn pictures_inside_a_paragraph_and_several_pictures() {
    let publication = Publication::new();
    let first = png(40, 30);
    let second = png(30, 40);
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .picture_after_text(FIRST, "image1.png", &first)
        .text(SECOND)
        .picture("image2.png", &second);
    let file = publication.save("two.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &[]);
    assert!(run.added()[0].contains("2 picture(s)"), "{}", run.stdout);
    let article = publication.last();
    assert_eq!(article.body(), [FIRST, SECOND]);
    assert_eq!(
        article.images(),
        [
            ("images/74/two-1.png".to_string(), 1),
            ("images/74/two-2.png".to_string(), 2)
        ]
    );
    assert_eq!(
        fs::read(publication.path("images/74/two-1.png")).unwrap(),
        first
    );
    assert_eq!(
        fs::read(publication.path("images/74/two-2.png")).unwrap(),
        second
    );
}

#[test]
fn an_existing_picture_is_never_overwritten() {
    let publication = Publication::new();
    fs::create_dir_all(publication.path("images/74")).unwrap();
    let editors = png(10, 10);
    fs::write(publication.path("images/74/photo-1.png"), &editors).unwrap();
    let photo = png(40, 30);
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .picture("image1.png", &photo)
        .text(SECOND);
    let file = publication.save("photo.docx", docx.bytes());

    publication.import_ok(&[&file], &[]);
    assert_eq!(
        fs::read(publication.path("images/74/photo-1.png")).unwrap(),
        editors,
        "the editor's picture stays"
    );
    assert_eq!(
        fs::read(publication.path("images/74/photo-2.png")).unwrap(),
        photo
    );
    assert_eq!(
        publication.last().images(),
        [("images/74/photo-2.png".to_string(), 1)]
    );

    // The same contribution imported again (twice in one run, too) gets
    // pictures of its own.
    publication.import_ok(&[&file, &file], &[]);
    assert_eq!(
        publication.images(),
        [
            "images/74/photo-1.png",
            "images/74/photo-2.png",
            "images/74/photo-3.png",
            "images/74/photo-4.png"
        ]
    );
    let articles = publication.articles();
    let paths: Vec<String> = articles[articles.len() - 3..]
        .iter()
        .map(|a| Article(a.clone()).images()[0].0.clone())
        .collect();
    assert_eq!(
        paths,
        [
            "images/74/photo-2.png",
            "images/74/photo-3.png",
            "images/74/photo-4.png"
        ]
    );
    assert_eq!(
        fs::read(publication.path("images/74/photo-2.png")).unwrap(),
        photo
    );
}

#[test]
fn an_emf_picture_is_left_out_with_a_warning() {
    let publication = Publication::new();
    let photo = png(40, 30);
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .picture("image1.emf", &emf())
        .text(SECOND)
        .picture("image2.png", &photo);
    let file = publication.save("chart.docx", docx.bytes());
    let (run, appended) = publication.import_ok(&[&file], &[]);
    run.assert_warning(&["inbox/chart.docx", "image1.emf", "EMF"]);
    assert!(run.added()[0].ends_with("1 picture(s)"), "{}", run.stdout);
    assert!(!appended.contains("emf"), "{appended}");
    assert_eq!(publication.images(), ["images/74/chart-1.png"]);
    assert_eq!(
        publication.last().images(),
        [("images/74/chart-1.png".to_string(), 2)]
    );
}

#[test]
fn a_gif_picture_is_saved_as_png() {
    let publication = Publication::new();
    let picture =
        image::RgbaImage::from_fn(40, 30, |x, _| image::Rgba([200, (x * 6) as u8, 0, 255]));
    let mut gif = Cursor::new(Vec::new());
    picture.write_to(&mut gif, image::ImageFormat::Gif).unwrap();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .picture("image1.gif", gif.get_ref())
        .text(SECOND);
    let file = publication.save("动图.docx", docx.bytes());
    publication.import_ok(&[&file], &[]);
    assert_eq!(publication.images(), ["images/74/动图-1.png"]);
    let saved = fs::read(publication.path("images/74/动图-1.png")).unwrap();
    assert!(saved.starts_with(b"\x89PNG"), "saved as PNG");
    let check = publication.run(&["check", "74"]);
    assert!(check.status.success(), "{}", check.stderr);
}

// ---------------------------------------------------------------------------
// Several files, sections, text files.

#[test]
fn several_files_become_articles_in_order_in_the_section_given() {
    let publication = Publication::new();
    let count = publication.articles().len();
    let a = publication.save(
        "a.docx",
        Docx::new()
            .p(Para::new().style("Heading1").text("甲区科协开展科普活动"))
            .text("甲区科协开展了科普活动。")
            .bytes(),
    );
    let b = publication.save("b.txt", "乙区科协举办讲座\n\n乙区科协举办了讲座。\n");
    let c = publication.save(
        "c.docx",
        Docx::new()
            .p(Para::new().centred().text("丙区科协召开座谈会"))
            .text("丙区科协召开了座谈会。")
            .bytes(),
    );
    let (run, appended) = publication.import_ok(&[&a, &b, &c], &["--section", "基层动态"]);
    assert_eq!(appended.matches("[[articles]]").count(), 3, "{appended}");
    let added = run.added();
    assert_eq!(added.len(), 3, "{}", run.stdout);
    for (line, (title, file)) in added.iter().zip([
        ("甲区科协开展科普活动", "inbox/a.docx"),
        ("乙区科协举办讲座", "inbox/b.txt"),
        ("丙区科协召开座谈会", "inbox/c.docx"),
    ]) {
        assert!(
            line.starts_with(&format!(
                "added 「{title}」 from {file} to issues/74.toml: 1 paragraph(s)"
            )),
            "{line}"
        );
    }
    // 基层动态 is the section of the issue's last articles: no warning.
    assert!(run.warning_lines().is_empty(), "{}", run.stderr);
    let articles = publication.articles();
    assert_eq!(articles.len(), count + 3);
    let imported: Vec<(String, String, Vec<String>)> = articles[count..]
        .iter()
        .map(|a| {
            let a = Article(a.clone());
            (
                a.section().expect("a section").to_string(),
                a.title().to_string(),
                a.body(),
            )
        })
        .collect();
    assert_eq!(
        imported,
        [
            (
                "基层动态".into(),
                "甲区科协开展科普活动".into(),
                vec!["甲区科协开展了科普活动。".to_string()]
            ),
            (
                "基层动态".into(),
                "乙区科协举办讲座".into(),
                vec!["乙区科协举办了讲座。".to_string()]
            ),
            (
                "基层动态".into(),
                "丙区科协召开座谈会".into(),
                vec!["丙区科协召开了座谈会。".to_string()]
            ),
        ]
    );
    assert!(
        appended
            .contains("[[articles]]\nsection = \"基层动态\"\ntitle = \"甲区科协开展科普活动\"\n"),
        "the section first, as in the other articles:\n{appended}"
    );
}

#[test]
fn a_section_that_already_ran_further_up_is_warned_about() {
    let publication = Publication::new();
    let file = publication.save(
        "a.docx",
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .bytes(),
    );
    let (run, _) = publication.import_ok(&[&file], &["--section", "科普工作"]);
    run.assert_warning(&["【科普工作】", "further up"]);
    assert_eq!(publication.last().section(), Some("科普工作"));
}

#[test]
fn text_files_in_utf8_with_and_without_bom_and_in_gb18030() {
    let text = "门头沟区科协积极参与防汛抢险救灾\r\n\r\n\
                近日，门头沟区科协组织科技志愿者深入受灾村镇，\r\n开展防汛抢险救灾科普宣传。\r\n\r\n\r\n\
                下一步，门头沟区科协将持续做好灾后科普服务工作。（门头沟区科协）\r\n";
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb18030).is_err(), "really not UTF-8");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for (name, bytes) in [
        ("utf8.txt", text.as_bytes().to_vec()),
        ("bom.txt", bom),
        ("gb18030.txt", gb18030.into_owned()),
        ("lf.TXT", text.replace("\r\n", "\n").into_bytes()),
    ] {
        let publication = Publication::new();
        let file = publication.save(name, &bytes);
        let (run, appended) = publication.import_ok(&[&file], &[]);
        if name == "gb18030.txt" {
            // Said, so the editor can check the text reads right.
            run.assert_warning(&["read as GB18030"]);
        } else {
            assert!(run.warning_lines().is_empty(), "{name}: {}", run.stderr);
        }
        assert!(!appended.contains('\r'), "{name}: {appended:?}");
        assert!(!appended.contains('\u{feff}'), "{name}: {appended:?}");
        let article = publication.last();
        assert_eq!(article.title(), TITLE, "{name}");
        assert_eq!(article.body(), [FIRST, SECOND], "{name}");
        assert_eq!(article.source(), Some("门头沟区科协"), "{name}");
    }
}

#[test]
fn a_text_file_with_a_note_and_blank_lines_first() {
    let publication = Publication::new();
    let file = publication.save(
        "note.txt",
        format!("\n\n{TITLE}\n\n编者按：现将有关情况刊发。\n\n　　{FIRST}\n\n　　{SECOND}\n"),
    );
    publication.import_ok(&[&file], &[]);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.note(), Some(vec!["现将有关情况刊发。".to_string()]));
    assert_eq!(article.body(), [FIRST, SECOND]);
}

#[test]
fn files_and_the_issue_named_from_another_folder() {
    // -C names the publication; the contributions are where the editor is.
    let publication = Publication::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let photo = png(40, 30);
    fs::write(
        elsewhere.path().join("稿件.docx"),
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .picture("image1.png", &photo)
            .bytes(),
    )
    .unwrap();
    let before = publication.issue_bytes();
    let mut command = support::bulletin();
    command
        .current_dir(elsewhere.path())
        .arg("-C")
        .arg(publication.root())
        .args(["import", "稿件.docx", "--into", "issues/74.toml"]);
    let run = Run::of(&mut command).succeeded_cleanly();
    assert_eq!(run.added().len(), 1, "{}", run.stdout);
    appended(&before, &publication.issue_bytes());
    assert_eq!(publication.images(), ["images/74/稿件-1.png"]);
    assert_eq!(
        fs::read(publication.path("images/74/稿件-1.png")).unwrap(),
        photo
    );
    assert_eq!(
        publication.last().images(),
        [("images/74/稿件-1.png".to_string(), 1)],
        "the path is the publication's, not the folder the editor is in"
    );
    assert!(!elsewhere.path().join("images").exists());
}

// ---------------------------------------------------------------------------
// Punctuation.

#[test]
fn the_punctuation_of_the_imported_text_is_reported_where_it_stands() {
    let publication = Publication::new();
    // A half-width comma already in the issue is not import's business.
    publication.edit(
        ISSUE,
        "8月9日，2023年北京市全民科学素质工作第二次会议",
        "8月9日,2023年北京市全民科学素质工作第二次会议",
    );
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .text("会议强调,要持续做好灾后科普服务工作。");
    let file = publication.save("comma.docx", docx.bytes());
    let (run, appended) = publication.import_ok(&[&file], &[]);

    let text = publication.issue_text();
    let at = text.find("会议强调,").unwrap() + "会议强调".len();
    let Spot { line, column, .. } = Spot::at(&text, at);
    let lint: Vec<&str> = run
        .warning_lines()
        .into_iter()
        .filter(|w| w.contains("issues/74.toml:"))
        .collect();
    assert_eq!(lint.len(), 1, "only the imported text:\n{}", run.stderr);
    assert!(
        lint[0].starts_with(&format!(
            "warning: issues/74.toml:{line}:{column}: half-width comma"
        )),
        "{}\n(expected line {line}, column {column})",
        run.stderr
    );
    assert!(
        run.stdout.contains("1 punctuation warning(s)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--fix"), "{}", run.stdout);
    assert!(
        appended.contains("会议强调,要"),
        "kept as it was: {appended}"
    );
    assert!(text.contains("8月9日,2023年"));
}

#[test]
fn fix_corrects_the_imported_text_only() {
    let publication = Publication::new();
    publication.edit(
        ISSUE,
        "8月9日，2023年北京市全民科学素质工作第二次会议",
        "8月9日,2023年北京市全民科学素质工作第二次会议",
    );
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .text("会议强调,要持续做好灾后科普服务工作。");
    let file = publication.save("comma.docx", docx.bytes());
    let (run, appended) = publication.import_ok(&[&file], &["--fix"]);
    assert!(
        run.stdout.contains("fixed 1 punctuation mark(s)"),
        "{}",
        run.stdout
    );
    assert!(
        !run.warning_lines()
            .iter()
            .any(|w| w.contains("issues/74.toml:")),
        "{}",
        run.stderr
    );
    assert!(appended.contains("会议强调，要"), "{appended}");
    assert_eq!(
        publication.last().body(),
        [FIRST, "会议强调，要持续做好灾后科普服务工作。"]
    );
    // The editor's own comma is left to check --fix.
    let check = publication.run(&["check", "74"]);
    let warnings = check.warning_lines();
    assert_eq!(warnings.len(), 1, "{}", check.stderr);
    assert!(warnings[0].contains("half-width comma"), "{}", check.stderr);
    let line = Spot::at(
        &publication.issue_text(),
        publication.issue_text().find("8月9日,").unwrap(),
    )
    .line;
    assert!(
        warnings[0].starts_with(&format!("warning: issues/74.toml:{line}:")),
        "{}",
        check.stderr
    );
}

#[test]
fn after_fix_check_has_nothing_to_say() {
    let publication = Publication::new();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text("会议强调,要持续做好灾后科普服务工作;各单位要加强协作(特别是基层)。");
    let file = publication.save("comma.docx", docx.bytes());
    let (run, _) = publication.import_ok(&[&file], &["--fix"]);
    assert!(run.stdout.contains("fixed"), "{}", run.stdout);
    assert_eq!(
        publication.last().body(),
        ["会议强调，要持续做好灾后科普服务工作；各单位要加强协作（特别是基层）。"]
    );
    let check = publication.run(&["check", "74"]).succeeded_cleanly();
    assert!(check.warning_lines().is_empty(), "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
}

// ---------------------------------------------------------------------------
// Round trip.

#[test]
fn an_imported_article_is_printed() {
    let publication = Publication::new();
    let pictures_before = support::pictures(&publication.build().expect("issue 74 builds")).len();
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text("编者按：现将有关情况刊发。")
        .text(FIRST)
        .picture("image1.png", &png(400, 300))
        .text("下一步，门头沟区科协将持续做好灾后科普服务工作。（门头沟区科协）");
    let file = publication.save("round-trip.docx", docx.bytes());
    publication.import_ok(&[&file], &["--section", "基层动态"]);

    let build = publication.run(&["build", "74"]);
    assert!(
        build.status.success(),
        "bulletin build 74 succeeds:\n{}",
        build.stderr
    );
    assert!(!build.stderr.contains("error"), "{}", build.stderr);
    assert!(publication.path("out/74.pdf").is_file());

    let built = publication.build().expect("issue 74 builds");
    let mut text = String::new();
    for page in support::pages(&built) {
        for line in support::lines(&page.runs) {
            text.push_str(&support::line_text(&line));
        }
    }
    for printed in [TITLE, FIRST, SECOND, "现将有关情况刊发。", "门头沟区科协）"] {
        assert!(text.contains(printed), "{printed} is printed");
    }
    assert_eq!(
        support::pictures(&built).len(),
        pictures_before + 1,
        "the picture is printed"
    );
}

// ---------------------------------------------------------------------------
// Errors: a clear message naming the file, and nothing changed.

/// Runs an import that must fail with an error holding `fragments`, and
/// checks that the issue file is as it was and no picture was written.
fn fails_cleanly(publication: &Publication, args: &[&str], fragments: &[&str]) -> Run {
    let before = publication.issue_bytes();
    let mut all = vec!["import"];
    all.extend(args);
    let run = publication.run(&all).failed_saying(fragments);
    assert_eq!(
        publication.issue_bytes(),
        before,
        "the issue file is unchanged"
    );
    assert!(publication.images().is_empty(), "no picture is written");
    assert!(!publication.path("images").exists(), "no images folder");
    run
}

#[test]
fn a_file_that_is_not_a_word_document() {
    let publication = Publication::new();
    let file = publication.save("x.docx", "门头沟区科协积极参与防汛抢险救灾\n");
    let run = fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["inbox/x.docx", "not a Word document", ".docx"],
    );
    assert_eq!(
        run.stderr.matches("inbox/x.docx").count(),
        1,
        "the file is named once:\n{}",
        run.stderr
    );
}

#[test]
fn a_zip_archive_that_is_not_a_word_document() {
    // An Excel workbook saved as .docx by mistake.
    let publication = Publication::new();
    let bytes = zip_of(&[("xl/workbook.xml".into(), b"<workbook/>".to_vec())]);
    let file = publication.save("book.docx", bytes);
    fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["inbox/book.docx", "not a Word document", "document.xml"],
    );
}

#[test]
fn an_encrypted_or_old_word_document() {
    let publication = Publication::new();
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    let file = publication.save("protected.docx", bytes);
    fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["inbox/protected.docx", "password", ".docx"],
    );
}

#[test]
fn a_word_document_without_text() {
    let publication = Publication::new();
    let file = publication.save(
        "empty.docx",
        Docx::new().empty().text("　　").text("\t").empty().bytes(),
    );
    fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["inbox/empty.docx", "no text"],
    );
    // Only a picture: no text either, and the picture is not written.
    let file = publication.save(
        "picture-only.docx",
        Docx::new().picture("image1.png", &png(40, 30)).bytes(),
    );
    fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["inbox/picture-only.docx", "no text"],
    );
}

#[test]
fn an_empty_text_file() {
    let publication = Publication::new();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"\xEF\xBB\xBF\r\n \r\n\r\n"[..]),
    ] {
        let file = publication.save(name, bytes);
        fails_cleanly(
            &publication,
            &[&file, "--into", "74"],
            &[&format!("inbox/{name}"), "no text"],
        );
    }
}

#[test]
fn a_pdf_is_not_imported() {
    let publication = Publication::new();
    let file = publication.save("稿件.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["inbox/稿件.pdf", ".docx", ".txt"],
    );
}

#[test]
fn a_missing_file() {
    let publication = Publication::new();
    fails_cleanly(
        &publication,
        &["inbox/nowhere.docx", "--into", "74"],
        &["inbox/nowhere.docx"],
    );
}

#[test]
fn an_issue_that_does_not_exist() {
    let publication = Publication::new();
    let file = publication.save(
        "a.docx",
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .picture("image1.png", &png(40, 30))
            .bytes(),
    );
    fails_cleanly(&publication, &[&file, "--into", "99"], &["99"]);
    assert!(!publication.path("issues/99.toml").exists(), "not created");
}

#[test]
fn an_issue_file_that_is_not_valid_toml() {
    let publication = Publication::new();
    publication.append(ISSUE, "\n[[articles]\ntitle = \"半截\n");
    let file = publication.save(
        "a.docx",
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .picture("image1.png", &png(40, 30))
            .bytes(),
    );
    fails_cleanly(
        &publication,
        &[&file, "--into", "74"],
        &["issues/74.toml", "TOML", "nothing was imported"],
    );
}

#[test]
fn when_one_file_fails_none_is_imported() {
    let publication = Publication::new();
    let good = publication.save(
        "good.docx",
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .picture("image1.png", &png(40, 30))
            .bytes(),
    );
    let text = publication.save("good.txt", format!("{TITLE}\n\n{FIRST}\n"));
    let bad = publication.save("bad.docx", "not a zip");
    for files in [
        vec![good.as_str(), bad.as_str()],
        vec![text.as_str(), good.as_str(), bad.as_str()],
        vec![bad.as_str(), good.as_str()],
        vec![good.as_str(), "inbox/missing.txt"],
    ] {
        let mut args = files.clone();
        args.extend(["--into", "74"]);
        let failing = files.last().unwrap();
        let failing = if failing.contains("missing") {
            failing
        } else {
            "inbox/bad.docx"
        };
        fails_cleanly(&publication, &args, &[failing]);
    }
}

#[test]
fn a_successful_import_after_a_failed_one_is_whole() {
    // A failed import leaves nothing behind that a second one would trip on.
    let publication = Publication::new();
    let good = publication.save(
        "good.docx",
        Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .picture("image1.png", &png(40, 30))
            .bytes(),
    );
    let bad = publication.save("bad.docx", "not a zip");
    fails_cleanly(
        &publication,
        &[&good, &bad, "--into", "74"],
        &["inbox/bad.docx"],
    );
    publication.import_ok(&[&good], &[]);
    assert_eq!(publication.images(), ["images/74/good-1.png"]);
}

// ---------------------------------------------------------------------------
// The issue file as editors keep it.

#[test]
fn an_issue_file_with_a_bom_and_windows_line_breaks_keeps_them() {
    let publication = Publication::new();
    let crlf = publication.issue_text().replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    fs::write(publication.path(ISSUE), &bytes).unwrap();
    let file = publication.save("a.txt", format!("{TITLE}\n\n{FIRST}\n"));
    publication.import_ok(&[&file], &[]);
    assert!(publication.issue_bytes().starts_with(b"\xEF\xBB\xBF# "));
    // The added lines end as the file's own do: no bare line feed.
    let text = String::from_utf8(publication.issue_bytes()).unwrap();
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert_eq!(publication.last().body(), [FIRST]);
    let check = publication.run(&["check", "74"]);
    assert!(check.status.success(), "{}", check.stderr);
}

#[test]
fn an_issue_file_without_a_final_line_break() {
    let publication = Publication::new();
    let text = publication.issue_text();
    fs::write(publication.path(ISSUE), text.trim_end()).unwrap();
    let file = publication.save("a.txt", format!("{TITLE}\n\n{FIRST}\n"));
    publication.import_ok(&[&file], &[]);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.body(), [FIRST]);
    assert_eq!(
        publication.articles().len(),
        articles(&toml::from_str(&text).unwrap()).len() + 1
    );
}

// ---------------------------------------------------------------------------
// Known bugs, reported: un-ignore when fixed.

#[test]
fn a_text_box_neither_swallows_its_paragraph_nor_doubles() {
    let publication = Publication::new();
    // Word writes a text box twice: as DrawingML (mc:Choice) and as VML
    // (mc:Fallback), each with its own paragraphs inside the paragraph
    // that anchors it.
    let text_box = r#"<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#;
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .p(p("近日，门头沟区科协组织科技志愿者")
            .raw(text_box)
            .text("深入受灾村镇，开展防汛抢险救灾科普宣传。"))
        .text(SECOND);
    let file = publication.save("textbox.docx", docx.bytes());
    publication.import_ok(&[&file], &[]);
    let body = publication.last().body();
    assert!(body.contains(&FIRST.to_string()), "{body:?}");
    assert!(body.contains(&SECOND.to_string()), "{body:?}");
    assert!(
        body.iter()
            .map(|p| p.matches("文本框内容").count())
            .sum::<usize>()
            <= 1,
        "{body:?}"
    );
}

#[test]
fn a_subheading_is_not_taken_for_the_title() {
    let publication = Publication::new();
    let docx = Docx::new()
        .text(TITLE)
        .text(FIRST)
        .p(Para::new().style("Heading2").text("一、主要做法"))
        .text(SECOND);
    let file = publication.save("subheading.docx", docx.bytes());
    publication.import_ok(&[&file], &[]);
    let article = publication.last();
    assert_eq!(article.title(), TITLE);
    assert_eq!(article.body(), [FIRST, "一、主要做法", SECOND]);
}

#[test]
fn an_empty_section_is_refused() {
    let publication = Publication::new();
    let file = publication.save("a.txt", format!("{TITLE}\n\n{FIRST}\n"));
    let before = publication.issue_bytes();
    publication
        .import(&[&file], &["--section", ""])
        .failed_saying(&["section"]);
    assert_eq!(publication.issue_bytes(), before);
}

// ---------------------------------------------------------------------------
// Hostile contributions (issue 18): a few hundred KB of e-mail attachment
// must not take the machine down. Each run is measured: it ends within 10 s
// (a second on a quiet machine; the margin is for a busy CI) and under
// 300 MiB.

/// `bulletin import <file> --into 74`, measured, within bounds.
#[cfg(target_os = "linux")]
fn import_bounded(publication: &Publication, file: &str) -> Run {
    let mut command = support::bulletin_process();
    command
        .current_dir(publication.root())
        .args(["import", file, "--into", "74"]);
    let (run, seconds, mib) =
        support::run_measured(&mut command, std::time::Duration::from_secs(30));
    // Shown with --nocapture: the figures of the report.
    eprintln!("import {file}: {seconds:.3} s, {mib:.0} MiB");
    assert!(seconds < 10.0, "ran {seconds:.1} s:\n{}", run.show());
    assert!(mib < 300.0, "took {mib:.0} MiB:\n{}", run.show());
    run
}

#[cfg(target_os = "linux")]
#[test]
fn a_zip_bomb_in_a_document_is_unpacked_within_a_budget() {
    let publication = Publication::new();
    // 51 MB of zeros pack to about 50 KB; shown eight times, it would
    // unpack to 400 MB.
    let bomb = vec![0u8; 51 * 1024 * 1024];
    let docx = Docx::new()
        .p(Para::new().style("Heading1").text(TITLE))
        .text(FIRST)
        .same_picture("image1.png", &bomb, 8)
        .text(SECOND);
    let bytes = docx.bytes();
    assert!(bytes.len() < 1024 * 1024, "a small attachment");
    let file = publication.save("炸弹.docx", bytes);
    let before = publication.issue_bytes();
    let run = import_bounded(&publication, &file).succeeded_cleanly();
    appended(&before, &publication.issue_bytes());
    let one_by_one = run
        .warning_lines()
        .iter()
        .filter(|w| {
            w.contains("a picture (media/image1.png) unpacks to more than 50 MB and was left out")
        })
        .count();
    // 256 MB hold five readings of 50 MB; the three after them are left out
    // together.
    assert_eq!(one_by_one, 5, "{}", run.stderr);
    run.assert_warning(&[
        "unpack to more than 256 MB together",
        "3 picture(s) from media/image1.png on were left out",
    ]);
    assert_eq!(publication.last().body(), [FIRST, SECOND]);
    assert!(publication.images().is_empty(), "nothing written");
}

/// A GIF whose header declares `width` × `height` pixels, and nothing
/// more: a bomb as far as its header tells.
fn gif_declaring(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = b"GIF89a".to_vec();
    bytes.extend(width.to_le_bytes());
    bytes.extend(height.to_le_bytes());
    // A global colour table of two colours, black and white.
    bytes.extend([0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
    // The image descriptor: the whole screen.
    bytes.extend([0x2C, 0, 0, 0, 0]);
    bytes.extend(width.to_le_bytes());
    bytes.extend(height.to_le_bytes());
    bytes.push(0);
    // Image data cut short, then the trailer.
    bytes.extend([2, 2, 0x4C, 0x01, 0, 0x3B]);
    bytes
}

/// A lossless WebP whose header declares `width` × `height` pixels.
fn webp_declaring(width: u32, height: u32) -> Vec<u8> {
    let bits = (width - 1) | ((height - 1) << 14);
    let mut chunk = vec![0x2F];
    chunk.extend(bits.to_le_bytes());
    chunk.extend([0; 8]);
    let mut bytes = b"RIFF".to_vec();
    bytes.extend((4 + 8 + chunk.len() as u32).to_le_bytes());
    bytes.extend(b"WEBPVP8L");
    bytes.extend((chunk.len() as u32).to_le_bytes());
    bytes.extend(chunk);
    bytes
}

#[cfg(target_os = "linux")]
#[test]
fn a_gif_or_webp_bomb_is_left_out_by_its_header_before_it_is_decoded() {
    for (name, bomb, size) in [
        (
            "image1.gif",
            gif_declaring(11_000, 11_000),
            "11000 × 11000 pixels",
        ),
        (
            "image1.webp",
            webp_declaring(16_000, 16_000),
            "16000 × 16000 pixels",
        ),
    ] {
        let publication = Publication::new();
        let docx = Docx::new()
            .p(Para::new().style("Heading1").text(TITLE))
            .text(FIRST)
            .picture(name, &bomb)
            .text(SECOND);
        let file = publication.save("动图.docx", docx.bytes());
        let run = import_bounded(&publication, &file).succeeded_cleanly();
        run.assert_warning(&[&format!("the picture {name} is {size}"), "it was left out"]);
        assert!(publication.images().is_empty(), "nothing written");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_document_or_text_too_large_for_a_contribution_is_refused() {
    let publication = Publication::new();
    // 17 MB of paragraphs pack to well under 1 MB.
    let mut docx = Docx::new().p(Para::new().style("Heading1").text(TITLE));
    for _ in 0..60_000 {
        docx = docx.text(&FIRST.repeat(2));
    }
    let bytes = docx.bytes();
    assert!(bytes.len() < 1024 * 1024, "a small attachment");
    let file = publication.save("长文.docx", bytes);
    let before = publication.issue_bytes();
    import_bounded(&publication, &file)
        .failed_saying(&["长文.docx", "word/document.xml unpacks to more than 16 MB"]);
    assert_eq!(publication.issue_bytes(), before, "the issue is as it was");

    let text = format!("{TITLE}\n\n{}", format!("{FIRST}\n\n").repeat(160_000));
    let file = publication.save("长文.txt", text);
    import_bounded(&publication, &file).failed_saying(&["长文.txt", "more than 16 MB of text"]);
    assert_eq!(publication.issue_bytes(), before, "the issue is as it was");
}

#[cfg(target_os = "linux")]
#[test]
fn a_pipe_or_a_device_named_as_a_contribution_is_refused() {
    let publication = Publication::new();
    let pipe = publication.path("inbox").join("稿件.docx");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let before = publication.issue_bytes();
    for file in ["inbox/稿件.docx", "/dev/zero"] {
        import_bounded(&publication, file).failed_saying(&[file, "is not a regular file"]);
    }
    assert_eq!(publication.issue_bytes(), before, "the issue is as it was");
}
