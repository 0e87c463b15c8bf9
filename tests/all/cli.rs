//! The `bulletin` binary as an editor meets it: real runs on temporary copies
//! of the publication (bulletin.toml and issues/74.toml), checking the exit
//! status, what is printed, and that a failed build leaves an existing PDF
//! exactly as it was.

use crate::support;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use support::{PdfOnDisk, Spot};

const ISSUE: &str = "issues/74.toml";

// ---------------------------------------------------------------------------
// A temporary publication, runs of the binary and what they leave behind.

/// A copy of the publication in a temporary folder (support::TempPublication),
/// with what these tests do to it and with it.
struct Publication(support::TempPublication);

impl std::ops::Deref for Publication {
    type Target = support::TempPublication;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Publication {
    /// bulletin.toml and issues/74.toml, as in the repository.
    fn new() -> Self {
        Self(support::TempPublication::new())
    }

    /// A folder with nothing in it.
    fn empty() -> Self {
        Self(support::TempPublication::empty())
    }

    fn issue_text(&self) -> String {
        self.read(ISSUE)
    }

    fn write_issue(&self, bytes: impl AsRef<[u8]>) {
        fs::write(self.path(ISSUE), bytes).unwrap();
    }

    /// Replaces `from`, which must occur exactly once, in the issue file.
    fn edit(&self, from: &str, to: &str) {
        self.0.edit(ISSUE, from, to);
    }

    /// Appends `text` to bulletin.toml.
    fn append_to_config(&self, text: &str) {
        self.0.append("bulletin.toml", text);
    }

    /// Where `mark` starts inside `context`, which must occur exactly once in
    /// the issue file as it is now.
    fn spot(&self, context: &str, mark: &str) -> Spot {
        Spot::of(&self.issue_text(), context, mark)
    }

    /// `bulletin -C <this folder> build 74 <args>`.
    fn build(&self, args: &[&str]) -> Run {
        Run::of(self.bulletin().arg("build").arg("74").args(args))
    }

    /// Builds issue 74, which must succeed, and returns its PDF as written.
    fn build_pdf(&self) -> PdfOnDisk {
        self.build(&[]).succeeded();
        PdfOnDisk::now(&self.path("out/74.pdf"))
    }
}

/// One finished run of the binary.
type Run = support::Finished;

impl Run {
    /// Every `issues/74.toml:LINE:COL:` in stderr.
    fn issue_locations(&self) -> Vec<(usize, usize)> {
        support::locations(&self.stderr, ISSUE)
    }

    /// The message names `spot` of the issue file (and no other spot), shows
    /// its line, and has each of `words`.
    fn located(&self, spot: &Spot, words: &[&str]) {
        let locations = self.issue_locations();
        assert!(
            !locations.is_empty(),
            "stderr names {ISSUE}:LINE:COL:\n{}",
            self.stderr
        );
        for location in locations {
            assert_eq!(
                location,
                (spot.line, spot.column),
                "located at {spot:?}:\n{}",
                self.stderr
            );
        }
        // The line is shown, or for a long one the part around the spot,
        // with "…" where it is cut.
        let prefix = format!("{} | ", spot.line);
        let quoted = self
            .stderr
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("the line {} is shown:\n{}", spot.line, self.stderr));
        let window = quoted.trim_start_matches('…').trim_end_matches('…');
        assert!(
            !window.is_empty() && spot.source_line.contains(window),
            "{quoted:?} is a part of line {}: {:?}",
            spot.line,
            spot.source_line
        );
        self.mentions(words);
    }

    /// The messages, without the quoted source lines and the markers under
    /// them (`12 | tittle = …`, `   | ^^^^^^`, Typst's `1 │ …`).
    fn messages(&self) -> String {
        let quoted = |line: &str| {
            let rest = line
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            let rest = rest.trim_start();
            rest.starts_with('|') || rest.starts_with('│')
        };
        self.stderr
            .lines()
            .filter(|line| !quoted(line))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Each of `words` is in the messages (not merely in a quoted line).
    fn mentions(&self, words: &[&str]) {
        let messages = self.messages();
        for word in words {
            assert!(
                messages.contains(word),
                "the message mentions {word:?}:\n{}",
                self.stderr
            );
        }
    }
}

/// Builds the untouched issue, then lets `edit` change the publication and
/// return where the mistake is; the second build must fail with a message
/// at that spot that has each of `words`, and leave the first PDF as it was.
fn rejected(edit: impl FnOnce(&Publication) -> Spot, words: &[&str]) -> Run {
    let publication = Publication::new();
    let pdf = publication.build_pdf();
    let spot = edit(&publication);
    let run = publication.build(&[]).failed().wrote_nothing();
    run.located(&spot, words);
    pdf.assert_untouched("the refused build");
    run
}

/// `edit(from, to)`, then the spot of `mark` inside `to`.
fn replaced(from: &str, to: &str, mark: &str) -> impl FnOnce(&Publication) -> Spot {
    move |p: &Publication| {
        p.edit(from, to);
        p.spot(to, mark)
    }
}

// ---------------------------------------------------------------------------
// Mistakes in the issue file: each is located and stops the build.

#[test]
fn a_toml_syntax_error_is_located() {
    // The closing quote is missing: the message points where it belongs.
    rejected(
        replaced("editor = \"张红波\"\n", "editor = \"张红波\n", "\n"),
        &["string"],
    );
}

#[test]
fn an_unknown_key_is_located_and_named() {
    rejected(
        replaced("title = \"市科协召开", "tittle = \"市科协召开", "tittle"),
        &["unknown key", "tittle"],
    );
}

#[test]
fn a_wrong_type_is_located() {
    rejected(
        replaced("number = 21", "number = \"21\"", "\"21\""),
        &["wrong type", "\"21\""],
    );
}

#[test]
fn a_wrong_type_is_explained_in_plain_words() {
    let run = rejected(
        replaced("number = 21", "number = \"21\"", "\"21\""),
        &["number"],
    );
    assert!(
        !run.messages().contains("i64"),
        "no Rust type names:\n{}",
        run.stderr
    );
}

#[test]
fn a_missing_required_key_is_located() {
    // A key missing at the top: the file as a whole, from its start.
    rejected(
        |p| {
            p.edit("date = 2023-08-11\n", "");
            p.spot("# 科协每周动态", "#")
        },
        &["missing key", "date"],
    );

    // A key missing in an article: that article's [[articles]].
    rejected(
        |p| {
            let text = p.issue_text();
            let start = text.find("body = \"\"\"\n近日，市科协召开").unwrap();
            let end = start + text[start..].find("\"\"\"\n\n").unwrap() + 4;
            p.write_issue(format!("{}{}", &text[..start], &text[end..]));
            p.spot("[[articles]]\nsection = \"主题教育\"", "[[articles]]")
        },
        &["missing key", "body"],
    );
}

#[test]
fn an_empty_title_or_body_is_located() {
    rejected(
        replaced(
            "title = \"市科协召开主题教育学习研讨专题会\"",
            "title = \"\"",
            "\"\"",
        ),
        &["article 2", "title", "empty"],
    );

    // A body of nothing but spaces, tabs and line breaks.
    rejected(
        |p| {
            let text = p.issue_text();
            let start = text.find("近日，市科协召开").unwrap();
            let end = start + text[start..].find("\"\"\"").unwrap();
            p.write_issue(format!("{}  \n\t\n \n{}", &text[..start], &text[end..]));
            p.spot("body = \"\"\"\n  \n\t\n", "\"\"\"")
        },
        &["article 2", "body", "empty"],
    );
}

#[test]
fn total_must_match_the_file_name() {
    rejected(
        replaced("total = 74", "total = 75", "75"),
        &["total", "75", "74.toml", "must"],
    );
}

#[test]
fn number_must_be_at_least_one() {
    rejected(replaced("number = 21", "number = 0", "0"), &["number"]);
}

#[test]
fn a_date_must_be_a_real_day_without_a_time() {
    rejected(
        replaced("date = 2023-08-11", "date = 2023-02-30", "2023"),
        &["date"],
    );
    rejected(
        replaced("date = 2023-08-11", "date = 2023-08-11T10:00:00", "2023"),
        &["date", "time"],
    );
}

#[test]
fn year_must_agree_with_the_date() {
    rejected(
        replaced(
            "date = 2023-08-11\n",
            "date = 2023-08-11\nyear = 2020\n",
            "2020",
        ),
        &["year", "2020", "2023"],
    );

    let publication = Publication::new();
    publication.edit("date = 2023-08-11\n", "date = 2023-08-11\nyear = 2023\n");
    publication.build(&[]).succeeded();
}

#[test]
fn a_section_in_two_separate_runs_is_located_at_the_second() {
    // The last article (of 基层动态) put under 主题教育, which ended long before.
    let moved = "section = \"主题教育\"\ntitle = \"科技成果转化服务团";
    rejected(
        replaced(
            "section = \"基层动态\"\ntitle = \"科技成果转化服务团",
            moved,
            "\"主题教育\"",
        ),
        &["article 8", "主题教育"],
    );
}

#[test]
fn contents_must_be_a_text_or_false() {
    let entry = "contents = \"北京市全民科学素质工作第二次会议召开\"";
    rejected(
        replaced(entry, "contents = \"\"", "\"\""),
        &["article 1", "contents", "empty"],
    );
    rejected(
        replaced(entry, "contents = true", "true"),
        &["article 1", "contents", "false"],
    );
}

#[test]
fn an_empty_note_and_a_missing_image_are_located() {
    rejected(
        replaced(
            "source = \"创新服务中心\"\n",
            "source = \"创新服务中心\"\nnote = \"\"\"\n\n\"\"\"\n",
            "\"\"\"\n\n",
        ),
        &["the note is empty"],
    );

    let last_body_end = "为科技成果转化贡献力量。\n\"\"\"\n";
    let with_image =
        "为科技成果转化贡献力量。\n\"\"\"\n\n[[articles.images]]\npath = \"images/74/a.jpg\"\n";
    rejected(
        replaced(last_body_end, with_image, "\"images/74/a.jpg\""),
        &["image 1", "`images/74/a.jpg` does not exist"],
    );
}

#[test]
fn an_issue_file_that_is_not_utf8_is_located() {
    // 科协 in GB18030 (as a Windows editor might save it), and Café in Latin-1.
    for (valid, invalid) in [("", &b"\xbf\xc6\xd0\xad"[..]), ("Caf", &b"\xe9"[..])] {
        rejected(
            |p| {
                let text = p.issue_text();
                let title = text.find("市科协召开主题教育学习研讨专题会").unwrap();
                let before = format!("{}{valid}", &text[..title]);
                let after = &text[text.find("\"\nbody = \"\"\"\n近日，市科协召开").unwrap()..];
                let bytes = [before.as_bytes(), invalid, after.as_bytes()].concat();
                p.write_issue(&bytes);
                // The line is shown with the bad bytes as �.
                Spot::at(&String::from_utf8_lossy(&bytes), before.len())
            },
            &["UTF-8"],
        );
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read_as_usual() {
    let plain = Publication::new();
    let pages = plain.build(&[]).succeeded().pages();

    let windows = Publication::new();
    let text = windows.issue_text();
    windows.write_issue(format!("\u{feff}{}", text.replace('\n', "\r\n")));
    assert_eq!(windows.build(&[]).succeeded().pages(), pages);

    // A mistake in such a file is located as in any other, its line shown
    // without the carriage return.
    rejected(
        |p| {
            let text = p
                .issue_text()
                .replacen("title = \"市科协召开", "tittle = \"市科协召开", 1);
            p.write_issue(format!("\u{feff}{}", text.replace('\n', "\r\n")));
            Spot::at(&text, text.find("tittle").unwrap())
        },
        &["unknown key", "tittle"],
    );
}

// ---------------------------------------------------------------------------
// Characters no font has.

#[test]
fn a_character_no_font_has_stops_the_build_unless_allowed() {
    for (c, code) in [('\u{E000}', "U+E000"), ('\u{10FFFD}', "U+10FFFD")] {
        let typed = format!("专家们先后{c}次深入企业");
        rejected(
            replaced("专家们先后7次深入企业", &typed, &c.to_string()),
            &[code, "article 8", "body", "--allow-missing-glyphs"],
        );

        let publication = Publication::new();
        publication.edit("专家们先后7次深入企业", &typed);
        let spot = publication.spot(&typed, &c.to_string());
        let run = publication.build(&["--allow-missing-glyphs"]).succeeded();
        assert!(
            run.stderr.contains("warning: "),
            "a warning:\n{}",
            run.stderr
        );
        run.located(&spot, &[code, "article 8", "body"]);
        assert!(publication.path("out/74.pdf").is_file());
    }
}

#[test]
fn a_character_no_font_has_is_located_where_it_is_typed_in_that_field() {
    // The same character in article 2's title and article 8's body: the
    // body's message points into the body.
    let publication = Publication::new();
    publication.edit("title = \"市科协召开", "title = \"\u{E000}市科协召开");
    publication.edit("专家们先后7次深入企业", "专家们先后\u{E000}次深入企业");
    let body_spot = publication.spot("专家们先后\u{E000}次", "\u{E000}");
    let run = publication.build(&[]).failed().wrote_nothing();
    let body_message = run
        .stderr
        .lines()
        .find(|line| line.contains("U+E000") && line.contains("article 8"))
        .unwrap_or_else(|| panic!("a message about article 8:\n{}", run.stderr));
    let header = format!("{ISSUE}:{}:{}:", body_spot.line, body_spot.column);
    assert!(
        body_message.contains(&header),
        "located at {header}:\n{body_message}"
    );

    // Typed as an escape, it is located at the escape.
    let publication = Publication::new();
    publication.edit("专家们先后7次深入企业", "专家们先后\\uE000次深入企业");
    let spot = publication.spot("专家们先后\\uE000次", "\\uE000");
    publication
        .build(&[])
        .failed()
        .wrote_nothing()
        .located(&spot, &["U+E000", "article 8", "body"]);
}

#[test]
fn a_control_character_is_located_and_a_blank_section_reported_once() {
    rejected(
        replaced("专家们先后7次", "专家们先后\\u0007次", "\\u0007"),
        &["U+0007", "article 8"],
    )
    .mentions(&["control character"]);

    let publication = Publication::new();
    publication.edit("section = \"科普工作\"", "section = \" \"");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert_eq!(
        run.issue_locations().len(),
        1,
        "one message:\n{}",
        run.stderr
    );
    run.mentions(&["section is empty"]);
}

#[test]
fn several_problems_are_each_reported_as_an_error() {
    let publication = Publication::new();
    publication.edit("number = 21", "number = 0");
    publication.edit("title = \"市科协召开", "tittle = \"市科协召开");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert_eq!(
        run.issue_locations().len(),
        1,
        "TOML stops at the first:\n{}",
        run.stderr
    );

    let publication = Publication::new();
    publication.edit("number = 21", "number = 0");
    publication.edit("date = 2023-08-11", "date = 2023-08-11\nyear = 1999");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert_eq!(
        run.issue_locations().len(),
        2,
        "both reported:\n{}",
        run.stderr
    );
    let errors = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(errors, 2, "each introduced as an error:\n{}", run.stderr);
}

#[test]
fn a_missing_character_is_reported_once_per_field_in_the_file_that_has_it() {
    // In three paragraphs of one body: one message, at the first.
    let publication = Publication::new();
    publication.edit("专家们先后7次深入企业", "专家们先后\u{E000}次深入企业");
    publication.edit(
        "为贯彻落实党的二十大精神",
        "为贯彻\u{E000}落实党的二十大精神",
    );
    let spot = publication.spot("为贯彻\u{E000}落实", "\u{E000}");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert_eq!(run.stderr.matches("U+E000").count(), 1, "{}", run.stderr);
    run.located(&spot, &["U+E000", "article 8", "body"]);

    // In bulletin.toml's footer, with the same character in a comment of the
    // issue file: the message points into bulletin.toml.
    let publication = Publication::new();
    publication.edit("total = 74", "# \u{E000}\ntotal = 74");
    publication
        .0
        .edit("bulletin.toml", "信息报送邮箱：", "信息报送\u{E000}邮箱：");
    let run = publication.build(&[]).failed().wrote_nothing();
    let config = fs::read_to_string(publication.path("bulletin.toml")).unwrap();
    let line = config.lines().position(|l| l.contains('\u{E000}')).unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("bulletin.toml:{line}:")),
        "located in bulletin.toml:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("[footer] lines"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// The publication, the issue asked for, the layout.

#[test]
fn a_folder_without_bulletin_toml_is_refused() {
    let empty = Publication::empty();
    let run = Run::of(empty.bulletin().args(["build", "74"]))
        .failed()
        .wrote_nothing();
    run.mentions(&["bulletin.toml"]);
    assert!(!empty.path("out").exists(), "nothing is created");
}

#[test]
fn an_issue_that_does_not_exist_is_refused_with_the_existing_ones() {
    let publication = Publication::new();
    let pdf = publication.build_pdf();
    let run = Run::of(publication.bulletin().args(["build", "99"]))
        .failed()
        .wrote_nothing();
    run.mentions(&["no issue 99", "issues/99.toml", "74"]);
    pdf.assert_untouched("the refused build");
}

#[test]
fn a_custom_layout_with_a_typst_error_is_located_in_it() {
    let publication = Publication::new();
    let pdf = publication.build_pdf();
    fs::create_dir(publication.path("layouts")).unwrap();
    fs::write(publication.path("layouts/custom.typ"), "#let x = (\n").unwrap();
    publication.append_to_config("\n[layout]\nfile = \"layouts/custom.typ\"\n");
    let run = publication.build(&[]).failed().wrote_nothing();
    run.mentions(&["layouts/custom.typ:1:"]);
    pdf.assert_untouched("the refused build");
}

#[test]
fn a_custom_layout_that_does_not_exist_is_refused() {
    let publication = Publication::new();
    let pdf = publication.build_pdf();
    publication.append_to_config("\n[layout]\nfile = \"layouts/missing.typ\"\n");
    let run = publication.build(&[]).failed().wrote_nothing();
    run.mentions(&["layouts/missing.typ", "does not exist"]);
    pdf.assert_untouched("the refused build");
}

#[test]
fn a_custom_layout_that_does_not_exist_is_located_in_bulletin_toml() {
    let publication = Publication::new();
    publication.append_to_config("\n[layout]\nfile = \"layouts/missing.typ\"\n");
    let config = fs::read_to_string(publication.path("bulletin.toml")).unwrap();
    let spot = Spot::at(&config, config.find("\"layouts/missing.typ\"").unwrap());
    let run = publication.build(&[]).failed().wrote_nothing();
    let header = format!("bulletin.toml:{}:{}:", spot.line, spot.column);
    run.mentions(&[&header, "layouts/missing.typ", "does not exist"]);
}

// ---------------------------------------------------------------------------
// Output.

#[test]
fn an_issue_named_by_path_in_the_current_folder_builds_and_o_chooses_the_file() {
    let publication = Publication::new();
    let run = Run::of(publication.bulletin_inside().args(["build", ISSUE])).succeeded();
    assert!(
        run.stdout.starts_with("wrote out/74.pdf ("),
        "{}",
        run.stdout
    );
    assert!(publication.path("out/74.pdf").is_file());
    let pages = run.pages();

    let run = Run::of(
        publication
            .bulletin_inside()
            .args(["build", "74", "-o", "other/x.pdf"]),
    )
    .succeeded();
    let pdf = fs::read(publication.path("other/x.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "other/x.pdf is a PDF");
    // wrote other/x.pdf (9 pages, 0.4 MB) in 0.13 s
    let line = run.stdout.trim_end();
    assert!(line.starts_with("wrote other/x.pdf ("), "{line}");
    assert_eq!(run.pages(), pages);
    assert!(line.contains(&format!("({pages} pages, ")), "{line}");
    let seconds = line
        .rsplit_once(" in ")
        .map(|(_, time)| time)
        .unwrap_or_default();
    let seconds = seconds
        .strip_suffix(" s")
        .unwrap_or_else(|| panic!("a time in seconds: {line}"));
    assert!(seconds.parse::<f64>().is_ok(), "a time in seconds: {line}");
}

#[test]
fn messages_name_the_issue_as_seen_from_the_current_folder() {
    let publication = Publication::new();
    publication.edit("title = \"市科协召开", "tittle = \"市科协召开");
    let spot = publication.spot("tittle = \"市科协召开", "tittle");
    let run = Run::of(publication.bulletin_inside().args(["build", "74"]))
        .failed()
        .wrote_nothing();
    let header = format!("error: {ISSUE}:{}:{}: ", spot.line, spot.column);
    assert!(
        run.stderr.starts_with(&header),
        "starts with {header:?}:\n{}",
        run.stderr
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let publication = Publication::new();
    let first = publication.build_pdf().bytes;
    let second = publication.build_pdf().bytes;
    assert!(
        first == second,
        "two builds of the same issue are byte-identical"
    );

    // The folder the publication is in does not matter either.
    let elsewhere = Publication::new().build_pdf().bytes;
    assert!(
        first == elsewhere,
        "builds in two folders are byte-identical"
    );
}

#[test]
fn an_output_that_cannot_be_written_is_a_clean_error() {
    let publication = Publication::new();
    let pdf = publication.build_pdf();
    let target = publication.path("bulletin.toml/x.pdf");
    let run = publication
        .build(&["-o", target.to_str().unwrap()])
        .failed()
        .wrote_nothing();
    run.mentions(&["x.pdf", "not a folder"]);
    pdf.assert_untouched("the refused build");
}

#[test]
fn an_issue_path_is_found_in_the_folder_named_with_c() {
    let publication = Publication::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let run = Run::of(
        Command::cargo_bin("bulletin")
            .unwrap()
            .current_dir(elsewhere.path())
            .arg("-C")
            .arg(publication.root())
            .args(["build", ISSUE]),
    )
    .succeeded();
    assert!(publication.path("out/74.pdf").is_file(), "{}", run.stdout);
}

#[test]
fn an_output_that_would_overwrite_an_input_is_refused() {
    let publication = Publication::new();
    let pdf = publication.build_pdf();
    for input in [ISSUE, "bulletin.toml"] {
        let before = fs::read(publication.path(input)).unwrap();
        let run = Run::of(
            publication
                .bulletin_inside()
                .args(["build", "74", "-o", input]),
        )
        .failed()
        .wrote_nothing();
        run.mentions(&[input, "not a PDF"]);
        assert_eq!(
            fs::read(publication.path(input)).unwrap(),
            before,
            "{input} unchanged"
        );
    }
    pdf.assert_untouched("the refused build");
}

#[test]
fn each_message_is_printed_once() {
    // A mistake in the issue.
    let publication = Publication::new();
    publication.edit("title = \"市科协召开", "tittle = \"市科协召开");
    let spot = publication.spot("tittle = \"市科协召开", "tittle");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert_eq!(
        run.issue_locations().len(),
        1,
        "one message:\n{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("unknown key").count(),
        1,
        "one message:\n{}",
        run.stderr
    );
    run.located(&spot, &["tittle"]);

    // A character no font has.
    let publication = Publication::new();
    publication.edit("专家们先后7次", "专家们先后\u{E000}次");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert!(
        !run.stderr.contains("error: error:"),
        "one `error:`:\n{}",
        run.stderr
    );

    // A layout that does not exist.
    let publication = Publication::new();
    publication.append_to_config("\n[layout]\nfile = \"layouts/missing.typ\"\n");
    let run = publication.build(&[]).failed().wrote_nothing();
    assert_eq!(
        run.stderr.matches("does not exist").count(),
        1,
        "one message:\n{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// What editors type is printed as typed.

/// Typst markup, math, labels, references, a backslash and a comment, in a
/// TOML literal string: all plain text to be printed.
const MARKUP: &str = r"#set page(width: 1cm) $x$ *bold* <a> @a C:\docs\74 // not a comment";

#[test]
fn editor_text_is_data_not_markup() {
    let plain = Publication::new();
    let plain_run = plain.build(&[]).succeeded();

    let publication = Publication::new();
    let first_sentence =
        "body = \"\"\"\n8月9日，2023年北京市全民科学素质工作第二次会议在北京科学中心召开。";
    publication.edit(first_sentence, &format!("body = '''\n{MARKUP}"));
    publication.edit(
        "等重点人群的相关工作。\n\"\"\"\n",
        "等重点人群的相关工作。\n'''\n",
    );
    let run = publication.build(&[]).succeeded();
    assert_eq!(
        run.pages(),
        plain_run.pages(),
        "the page count is unchanged"
    );

    // Every page keeps its size.
    if let Some(plain_sizes) = page_sizes(&plain.path("out/74.pdf")) {
        assert_eq!(
            page_sizes(&publication.path("out/74.pdf")),
            Some(plain_sizes)
        );
    }
    let before = support::build_issue(plain.root(), 74).unwrap_or_else(|e| panic!("{e}"));
    let after = support::build_issue(publication.root(), 74).unwrap_or_else(|e| panic!("{e}"));
    let sizes = |built| {
        support::pages(built)
            .iter()
            .map(|page| (page.width, page.height))
            .collect::<Vec<_>>()
    };
    assert_eq!(sizes(&after), sizes(&before), "page sizes are unchanged");

    // The text is printed as typed (line breaks may fall anywhere).
    let printed: String = support::pages(&after)
        .iter()
        .flat_map(|page| support::lines(&page.runs))
        .map(|line| support::line_text(&line))
        .collect::<String>()
        .split_whitespace()
        .collect();
    for token in MARKUP.split(' ') {
        assert!(printed.contains(token), "{token:?} is printed");
    }
    let whole: String = MARKUP.split_whitespace().collect();
    assert!(printed.contains(&whole), "{MARKUP:?} is printed as typed");
}

/// Every page's size as `pdfinfo` reports it, or `None` without `pdfinfo`.
fn page_sizes(pdf: &Path) -> Option<Vec<String>> {
    let output = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "1000"])
        .arg(pdf)
        .output()
        .ok()?;
    assert!(output.status.success(), "pdfinfo reads {}", pdf.display());
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let sizes: Vec<String> = text
        .lines()
        .filter(|line| line.starts_with("Page") && line.contains(" size:"))
        .map(str::to_string)
        .collect();
    assert!(!sizes.is_empty(), "pdfinfo lists page sizes:\n{text}");
    Some(sizes)
}

#[test]
fn a_date_in_an_impossible_year_is_located() {
    rejected(
        replaced("date = 2023-08-11", "date = 2203-08-11", "2203"),
        &["2203", "date"],
    );
}

#[test]
fn characters_without_glyphs_cannot_go_into_a_pdf_a_archive() {
    let publication = Publication::new();
    publication.edit("专家们先后7次", "专家们先后\u{E000}次");
    let run = publication
        .build(&["--allow-missing-glyphs", "--pdf-standard", "a-2b"])
        .failed()
        .wrote_nothing();
    run.mentions(&["PDF/A", "1 character"]);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_control_character_in_a_footer_or_publication_value_is_located() {
    let publication = Publication::new();
    publication.edit("editor = \"张红波\"", "editor = \"张红\\u0007波\"");
    let spot = publication.spot("张红\\u0007波", "\\u0007");
    publication
        .build(&[])
        .failed()
        .wrote_nothing()
        .located(&spot, &["U+0007", "footer"]);

    let publication = Publication::new();
    publication.0.edit(
        "bulletin.toml",
        "publisher = \"北京市科协办公室\"",
        "publisher = \"北京市科协\\u0007办公室\"",
    );
    let run = publication.build(&[]).failed().wrote_nothing();
    run.mentions(&["bulletin.toml:", "U+0007", "publisher"]);
}

/// `--timings` says how long each stage took, and their sum, after the
/// usual line; without it, nothing more is printed.
#[test]
fn timings_name_each_stage_and_their_sum() {
    let publication = Publication::new();
    let run = publication.build(&["--timings"]).succeeded();
    assert!(run.stdout.starts_with("wrote "), "{}", run.stdout);
    let line = run
        .stderr
        .lines()
        .find(|line| line.starts_with("time: "))
        .unwrap_or_else(|| panic!("no timings in:\n{}", run.stderr));
    let (stages, total) = line["time: ".len()..].split_once("; total ").expect(line);
    let mut names = Vec::new();
    let mut sum = 0.0;
    for stage in stages.split(", ") {
        let (name, time) = stage
            .rsplit_once(' ')
            .map(|(rest, unit)| {
                assert_eq!(unit, "ms", "{line}");
                rest.rsplit_once(' ').expect(line)
            })
            .expect(line);
        names.push(name);
        sum += time.parse::<f64>().expect(line);
    }
    assert_eq!(
        names,
        ["fonts", "read and check", "layout", "PDF", "write"],
        "{line}"
    );
    let total: f64 = total.strip_suffix(" ms").expect(line).parse().expect(line);
    // Each stage is rounded to 0.1 ms.
    assert!((total - sum).abs() < 0.5, "{line}");
    assert!(total > 0.0, "{line}");

    let run = publication.build(&[]).succeeded();
    assert!(!run.stderr.contains("time:"), "{}", run.stderr);
    let run = Run::of(publication.bulletin().args(["build", "--all", "--timings"]));
    assert!(!run.status.success());
    assert!(run.stderr.contains("--timings"), "{}", run.stderr);
}

/// `build --all` tells of the publication's fonts once, and of an issue's
/// own problem once, at its place (not behind its file name a second time).
#[test]
fn build_all_tells_each_warning_once_at_its_place() {
    let publication = Publication::new();
    let text = fs::read_to_string(publication.path("issues/74.toml")).unwrap();
    fs::write(
        publication.path("issues/75.toml"),
        text.replacen("total = 74", "total = 75", 1),
    )
    .unwrap();
    publication
        .0
        .append("bulletin.toml", "\n[fonts]\nbody = [\"NoSuchFont\"]\n");
    // A photo too small for its width in issue 75: a located warning.
    fs::create_dir_all(publication.path("images/75")).unwrap();
    image::RgbImage::from_pixel(600, 400, image::Rgb([200, 30, 30]))
        .save(publication.path("images/75/photo.png"))
        .unwrap();
    publication.0.append(
        "issues/75.toml",
        "\n[[articles.images]]\npath = \"images/75/photo.png\"\n",
    );
    let run = Run::of(publication.bulletin().args(["build", "--all"])).succeeded();
    assert_eq!(
        run.stderr.matches("NoSuchFont").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("issues/74.toml: font"),
        "{}",
        run.stderr
    );
    let blurred: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("prints at"))
        .collect();
    assert_eq!(blurred.len(), 1, "{}", run.stderr);
    assert!(blurred[0].contains("issues/75.toml:"), "{}", blurred[0]);
    assert_eq!(
        blurred[0].matches("issues/75.toml").count(),
        1,
        "{}",
        blurred[0]
    );
}

/// `check --all` counts a missing font of bulletin.toml once, not once an
/// issue.
#[test]
fn check_all_tells_of_the_publications_fonts_once() {
    let publication = Publication::new();
    let text = fs::read_to_string(publication.path("issues/74.toml")).unwrap();
    fs::write(
        publication.path("issues/75.toml"),
        text.replacen("total = 74", "total = 75", 1)
            .replacen("number = 21", "number = 22", 1)
            .replacen("date = 2023-08-11", "date = 2023-08-18", 1),
    )
    .unwrap();
    publication
        .0
        .append("bulletin.toml", "\n[fonts]\nbody = [\"NoSuchFont\"]\n");
    let run = Run::of(publication.bulletin().args(["check", "--all"]));
    let all = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(all.matches("NoSuchFont").count(), 1, "{all}");
    assert!(all.contains("0 errors, 1 warning"), "{all}");
}
