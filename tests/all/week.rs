//! The editor's week through the binary: `bulletin new`, `check` (with its
//! punctuation warnings and `--fix`), `list`, `fonts`, `build --all` and
//! page images, each run on a temporary copy of the publication
//! (bulletin.toml and issues/74.toml), checking the exit status, the
//! messages with their `file:line:col`, and the files left behind.

use crate::support;

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use support::{Spot, TempPublication, modified, set_modified};

const ISSUE: &str = "issues/74.toml";
const CONFIG: &str = "bulletin.toml";

// ---------------------------------------------------------------------------
// Runs of the binary, files of the publication, places in them.

/// `bulletin -C <folder> <args>`, run from elsewhere.
fn bulletin_c(publication: &TempPublication, args: &[&str]) -> Run {
    Run::of(
        publication
            .bulletin()
            .current_dir(std::env::temp_dir())
            .args(args),
    )
}

/// The names in a folder of the publication, sorted (none where there is
/// no such folder).
fn names(publication: &TempPublication, dir: &str) -> Vec<String> {
    let dir = publication.path(dir);
    if dir.is_dir() {
        support::names(&dir)
    } else {
        Vec::new()
    }
}

/// Writes `issues/<name>.toml` as a copy of issue 74 with other numbers and
/// date (`date` may carry more lines, e.g. "2023-08-18\nyear = 2022").
fn copy_issue(publication: &TempPublication, name: &str, total: u32, number: u32, date: &str) {
    let mut replaced = 0;
    let text: String = publication
        .read(ISSUE)
        .split_inclusive('\n')
        .map(|line| {
            let new = if line.starts_with("total = ") {
                format!("total = {total}\n")
            } else if line.starts_with("number = ") {
                format!("number = {number}\n")
            } else if line.starts_with("date = ") {
                format!("date = {date}\n")
            } else {
                return line.to_string();
            };
            replaced += 1;
            new
        })
        .collect();
    assert_eq!(replaced, 3, "issue 74 has its total, number and date");
    fs::write(publication.path(&format!("issues/{name}.toml")), text).unwrap();
}

/// Where `mark` inside `context` is in `file` of the publication as it is now.
fn spot(publication: &TempPublication, file: &str, context: &str, mark: &str) -> Spot {
    Spot::of(&publication.read(file), context, mark)
}

/// One finished run of the binary.
type Run = support::Finished;

impl Run {
    /// The messages printed for problems: each block of stderr that
    /// starts with `error: ` or `warning: `, with the lines that follow it;
    /// not the summary (`error: checked 2 issues: …`, `error: built …`).
    fn blocks(&self, kind: &str) -> Vec<String> {
        let start = format!("{kind}: ");
        self.stderr
            .split("\n\n")
            .map(str::trim)
            .filter(|block| block.starts_with(&start))
            .filter(|block| {
                let rest = &block[start.len()..];
                !rest.starts_with("checked ") && !rest.starts_with("built ")
            })
            .map(str::to_string)
            .collect()
    }

    fn warnings(&self) -> Vec<String> {
        self.blocks("warning")
    }

    fn errors(&self) -> Vec<String> {
        self.blocks("error")
    }

    /// The first line of each message of `kind`, without `kind: `.
    fn headlines(&self, kind: &str) -> Vec<String> {
        let start = format!("{kind}: ");
        self.blocks(kind)
            .iter()
            .map(|b| b.lines().next().unwrap()[start.len()..].to_string())
            .collect()
    }

    /// The one message of `kind` at `file:LINE:COL` of `spot`; it must say
    /// `message` and show the line (or the part of it around the spot).
    fn message_at(&self, kind: &str, file: &str, spot: &Spot, message: &str) -> String {
        let head = format!("{kind}: {file}:{}:{}: ", spot.line, spot.column);
        let found: Vec<String> = self
            .blocks(kind)
            .into_iter()
            .filter(|b| {
                b.strip_prefix(&head)
                    .is_some_and(|rest| rest.lines().next().unwrap_or("").contains(message))
            })
            .collect();
        assert_eq!(
            found.len(),
            1,
            "one {kind} at {file}:{}:{} that says {message:?}:\n{}",
            spot.line,
            spot.column,
            self.show()
        );
        let block = found.into_iter().next().unwrap();
        let prefix = format!("{} | ", spot.line);
        let quoted = block
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("line {} is shown:\n{block}", spot.line));
        let window = quoted.trim_start_matches('…').trim_end_matches('…');
        assert!(
            !window.is_empty() && spot.source_line.replace('\t', " ").contains(window),
            "{quoted:?} is a part of line {}: {:?}",
            spot.line,
            spot.source_line
        );
        block
    }

    fn warning_at(&self, file: &str, spot: &Spot, message: &str) -> String {
        self.message_at("warning", file, spot, message)
    }

    fn error_at(&self, file: &str, spot: &Spot, message: &str) -> String {
        self.message_at("error", file, spot, message)
    }
}

/// A `check` that succeeds and warns exactly at `expected` (spot and the
/// message with its fix) in the issue file, and nowhere else.
fn warns_exactly(publication: &TempPublication, expected: &[(Spot, &str)]) -> Run {
    let run = publication.run(&["check"]).succeeded();
    for (spot, message) in expected {
        run.warning_at(ISSUE, spot, message);
    }
    assert_eq!(
        run.warnings().len(),
        expected.len(),
        "no other warning:\n{}",
        run.show()
    );
    assert!(run.errors().is_empty(), "no error:\n{}", run.show());
    assert!(
        run.stdout.contains(&format!(
            "0 errors, {} warning{}",
            expected.len(),
            if expected.len() == 1 { "" } else { "s" }
        )),
        "the summary counts the warnings:\n{}",
        run.show()
    );
    run
}

/// Text that none of the punctuation rules may touch, as a paragraph of
/// its own: Latin text with its own punctuation and quotes, an e-mail
/// address and a web address with `? : , ( )`, numbers such as 3.5, 1,000
/// and 10:30, spaces between Chinese and Latin, the ideographic space, the
/// Chinese ellipsis and doubled ？ and ！.
const NOT_TO_FIRE: &str = "\
报名邮箱skxxxbs@bast.net.cn，报名网址https://www.bast.net.cn/col/index.html?id=5&page=2,3:4(a)，欢迎访问。

全年增长3.5倍，参与者超过1,000人，活动于10:30开始，2023年 AI 技术专场同期举办。

The motto: \"Science, for everyone; really?\" Yes! (See the website.) It's open, e.g. to a.b.c...

委员\u{3000}常委，一是……二是……真的？？好！！

Loading... 100% done: ok; (fine)? yes!

附件见通知.pdf和报告.docx，版本v1.2，联系张三.li@bast.net.cn。";

/// Puts `paragraphs` as paragraphs of their own at the end of article 8's
/// body (the last of issue 74).
fn add_paragraphs(publication: &TempPublication, paragraphs: &str) {
    publication.edit(
        ISSUE,
        "为科技成果转化贡献力量。\n",
        &format!("为科技成果转化贡献力量。\n\n{paragraphs}\n"),
    );
}

/// Width and height of a PNG file, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "IHDR comes first");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

/// `out/74-1.png`, `out/74-2.png`, … as they are in `out/`.
fn page_files(publication: &TempPublication, total: u32, ext: &str) -> Vec<String> {
    let prefix = format!("{total}-");
    let suffix = format!(".{ext}");
    let mut files: Vec<(usize, String)> = names(publication, "out")
        .into_iter()
        .filter_map(|name| {
            let n = name
                .strip_prefix(&prefix)?
                .strip_suffix(&suffix)?
                .parse()
                .ok()?;
            Some((n, name))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, name)| name).collect()
}

fn expected_pages(total: u32, ext: &str, count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("{total}-{n}.{ext}")).collect()
}

// ---------------------------------------------------------------------------
// bulletin new

/// The new issue file, parsed.
fn parsed(publication: &TempPublication, file: &str) -> toml::Table {
    toml::from_str(&publication.read(file))
        .unwrap_or_else(|e| panic!("{file} is TOML: {e}\n{}", publication.read(file)))
}

fn date_of(table: &toml::Table) -> String {
    table["date"]
        .as_datetime()
        .expect("a TOML date")
        .to_string()
}

fn sections(table: &toml::Table) -> Vec<Option<String>> {
    table["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a.get("section").map(|s| s.as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn new_starts_the_next_issue_numbered_dated_and_ready_to_fill() {
    let publication = TempPublication::new();
    let run = publication.run(&["new"]).succeeded();
    assert_eq!(run.stdout, "issues/75.toml\n", "prints the new path");
    assert_eq!(names(&publication, "issues"), ["74.toml", "75.toml"]);

    let new = parsed(&publication, "issues/75.toml");
    assert_eq!(new["total"].as_integer(), Some(75));
    assert_eq!(new["number"].as_integer(), Some(22));
    assert_eq!(date_of(&new), "2023-08-18");
    assert_eq!(new["editor"].as_str(), Some("张红波"));
    assert_eq!(new["reviewer"].as_str(), Some("李金涛"));
    assert!(new.get("year").is_none(), "the year follows from the date");

    // One empty article per section of issue 74, in its order (基层动态
    // runs over three articles there: once here).
    let sections = sections(&new);
    let expected: Vec<Option<String>> = [
        None,
        Some("主题教育"),
        Some("科普工作"),
        Some("科创工作"),
        Some("国际科技交流"),
        Some("基层动态"),
    ]
    .iter()
    .map(|s| s.map(str::to_string))
    .collect();
    assert_eq!(sections, expected);
    for article in new["articles"].as_array().unwrap() {
        assert_eq!(article["title"].as_str(), Some(""), "{article:?}");
        assert_eq!(
            article["body"].as_str().map(str::trim),
            Some(""),
            "{article:?}"
        );
    }

    // Issue 74 is as it was.
    assert_eq!(
        publication.read(ISSUE),
        fs::read_to_string(support::repo().join(ISSUE)).unwrap()
    );
}

#[test]
fn new_with_c_prints_the_path_of_the_file_it_made() {
    let publication = TempPublication::new();
    let run = bulletin_c(&publication, &["new"]).succeeded();
    let printed = PathBuf::from(run.stdout.trim_end_matches('\n'));
    assert!(
        !run.stdout.trim().contains('\n'),
        "one line:\n{}",
        run.show()
    );
    let printed = if printed.is_absolute() {
        printed
    } else {
        std::env::temp_dir().join(printed)
    };
    assert_eq!(
        printed.canonicalize().unwrap(),
        publication.path("issues/75.toml").canonicalize().unwrap()
    );
}

#[test]
fn new_dates_the_issue_cadence_days_after_the_latest() {
    let publication = TempPublication::new();
    publication.edit(
        CONFIG,
        "publisher = \"北京市科协办公室\"\n",
        "publisher = \"北京市科协办公室\"\ncadence_days = 14\n",
    );
    publication.run(&["new"]).succeeded();
    let new = parsed(&publication, "issues/75.toml");
    assert_eq!(date_of(&new), "2023-08-25");
    assert_eq!(new["number"].as_integer(), Some(22));
}

#[test]
fn new_continues_from_the_newest_issue_each_week() {
    let publication = TempPublication::new();
    assert_eq!(
        publication.run(&["new"]).succeeded().stdout,
        "issues/75.toml\n"
    );
    assert_eq!(
        publication.run(&["new"]).succeeded().stdout,
        "issues/76.toml\n"
    );
    let new = parsed(&publication, "issues/76.toml");
    assert_eq!(new["total"].as_integer(), Some(76));
    assert_eq!(new["number"].as_integer(), Some(23));
    assert_eq!(date_of(&new), "2023-08-25");
}

#[test]
fn new_numbers_the_first_issue_of_a_new_year_1() {
    let publication = TempPublication::new();
    publication.edit(ISSUE, "number = 21\n", "number = 52\n");
    publication.edit(ISSUE, "date = 2023-08-11\n", "date = 2023-12-29\n");
    publication.run(&["new"]).succeeded();
    let new = parsed(&publication, "issues/75.toml");
    assert_eq!(new["total"].as_integer(), Some(75));
    assert_eq!(new["number"].as_integer(), Some(1));
    assert_eq!(date_of(&new), "2024-01-05");

    // Dated by hand still in the old year, it goes on counting.
    let publication = TempPublication::new();
    publication.edit(ISSUE, "number = 21\n", "number = 52\n");
    publication.edit(ISSUE, "date = 2023-08-11\n", "date = 2023-12-29\n");
    publication
        .run(&["new", "--date", "2023-12-31"])
        .succeeded();
    let new = parsed(&publication, "issues/75.toml");
    assert_eq!(new["number"].as_integer(), Some(53));
    assert_eq!(date_of(&new), "2023-12-31");
}

#[test]
fn a_late_issue_that_keeps_last_years_numbering_is_followed_by_number_1() {
    // 第53期 of 2023, dated 2 January 2024 with `year = 2023`: the series is
    // sound, and the next issue is 2024's first.
    let publication = TempPublication::new();
    publication.edit(ISSUE, "number = 21\n", "number = 52\n");
    publication.edit(ISSUE, "date = 2023-08-11\n", "date = 2023-12-29\n");
    copy_issue(&publication, "75", 75, 53, "2024-01-02\nyear = 2023");
    let run = publication.run(&["check"]).succeeded();
    assert!(run.stderr.is_empty(), "{}", run.show());

    assert_eq!(
        publication.run(&["new"]).succeeded().stdout,
        "issues/76.toml\n"
    );
    let new = parsed(&publication, "issues/76.toml");
    assert_eq!(new["number"].as_integer(), Some(1));
    assert_eq!(date_of(&new), "2024-01-09");
    assert!(new.get("year").is_none(), "{new:?}");
}

#[test]
fn new_takes_the_date_given_with_date() {
    let publication = TempPublication::new();
    publication
        .run(&["new", "--date", "2023-08-16"])
        .succeeded();
    let new = parsed(&publication, "issues/75.toml");
    assert_eq!(date_of(&new), "2023-08-16");
    assert_eq!(new["number"].as_integer(), Some(22));

    let publication = TempPublication::new();
    publication
        .run(&["new", "--date", "2024-01-12"])
        .succeeded();
    let new = parsed(&publication, "issues/75.toml");
    assert_eq!(
        new["number"].as_integer(),
        Some(1),
        "a new year starts at 第1期"
    );
}

#[test]
fn a_new_issue_once_filled_in_passes_check_with_its_numbering() {
    // Across a year boundary too: 第52期 of 2023, then 第1期 of 2024.
    let publication = TempPublication::new();
    publication.edit(ISSUE, "number = 21\n", "number = 52\n");
    publication.edit(ISSUE, "date = 2023-08-11\n", "date = 2023-12-29\n");
    publication.run(&["new"]).succeeded();

    // Straight out of `new`, the empty articles are errors, the numbering is not.
    let run = publication.run(&["check", "75"]).failed();
    assert!(
        run.headlines("error").iter().all(|e| e.contains("empty")),
        "only the empty titles and bodies:\n{}",
        run.show()
    );

    let path = publication.path("issues/75.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    let mut n = 0;
    while text.contains("title = \"\"\nbody = \"\"\"\n\"\"\"") {
        n += 1;
        text = text.replacen(
            "title = \"\"\nbody = \"\"\"\n\"\"\"",
            &format!("title = \"第{n}篇\"\nbody = \"\"\"\n第{n}篇的正文。\n\"\"\""),
            1,
        );
    }
    assert_eq!(n, 6, "six articles to fill:\n{text}");
    fs::write(&path, text).unwrap();
    let run = publication.run(&["check"]).succeeded();
    assert!(run.stderr.is_empty(), "no problem:\n{}", run.show());
    publication.run(&["build", "75"]).succeeded();
    assert!(publication.path("out/75.pdf").is_file());
}

#[test]
fn new_never_overwrites_an_issue_file() {
    // 76.toml copied by hand from 75 and not yet renumbered: `new` would
    // make 76 again.
    let publication = TempPublication::new();
    publication.run(&["new"]).succeeded();
    let by_hand = publication.read("issues/75.toml") + "# copied by hand\n";
    fs::write(publication.path("issues/76.toml"), &by_hand).unwrap();
    let before = modified(&publication.path("issues/76.toml"));

    let run = publication.run(&["new"]).failed();
    assert!(
        run.stderr.contains("issues/76.toml"),
        "names the file:\n{}",
        run.show()
    );
    assert!(run.stdout.is_empty(), "prints no path:\n{}", run.show());
    assert_eq!(publication.read("issues/76.toml"), by_hand, "unchanged");
    assert_eq!(modified(&publication.path("issues/76.toml")), before);
    assert_eq!(
        names(&publication, "issues"),
        ["74.toml", "75.toml", "76.toml"],
        "nothing left beside"
    );
}

#[test]
fn new_refuses_a_date_that_is_not_after_the_latest() {
    for date in ["2023-08-04", "2023-08-11"] {
        let publication = TempPublication::new();
        let run = publication.run(&["new", "--date", date]).failed();
        for word in [date, "2023-08-11", "issues/74.toml", "--date"] {
            assert!(
                run.stderr.contains(word),
                "mentions {word}:\n{}",
                run.show()
            );
        }
        assert_eq!(names(&publication, "issues"), ["74.toml"], "no file made");
    }
}

#[test]
fn new_date_must_be_a_real_day_for_the_argument_parser() {
    for date in ["2023-02-30", "2023-8", "next-friday"] {
        let publication = TempPublication::new();
        let run = publication.run(&["new", "--date", date]).failed();
        assert_eq!(run.status.code(), Some(2), "a usage error:\n{}", run.show());
        assert!(run.stderr.contains(date), "names it:\n{}", run.show());
        assert!(run.stderr.contains("--date"), "{}", run.show());
        assert_eq!(names(&publication, "issues"), ["74.toml"], "no file made");
    }
}

#[test]
fn new_without_any_issue_says_how_to_begin() {
    let publication = TempPublication::new();
    fs::remove_file(publication.path(ISSUE)).unwrap();
    let run = publication.run(&["new"]).failed();
    for word in ["issues", "no issue", "docs/input-format.md"] {
        assert!(
            run.stderr.contains(word),
            "mentions {word:?}:\n{}",
            run.show()
        );
    }
    assert!(names(&publication, "issues").is_empty(), "no file made");

    // No issues folder at all: the same.
    fs::remove_dir(publication.path("issues")).unwrap();
    let run = publication.run(&["new"]).failed();
    assert!(run.stderr.contains("no issue"), "{}", run.show());
}

// ---------------------------------------------------------------------------
// bulletin check: punctuation warnings

#[test]
fn check_passes_issue_74_as_it_is() {
    let publication = TempPublication::new();
    let run = publication.run(&["check"]).succeeded();
    assert!(run.stderr.is_empty(), "no warning:\n{}", run.show());
    assert!(
        run.stdout.contains("checked 1 issue: 0 errors, 0 warnings"),
        "{}",
        run.show()
    );
    let run = bulletin_c(&publication, &["check", "--deny-warnings", "74"]).succeeded();
    assert!(run.stderr.is_empty(), "{}", run.show());
    assert!(!publication.path("out").exists(), "check writes no PDF");
}

#[test]
fn half_width_punctuation_next_to_chinese_is_located_with_its_full_width_form() {
    let publication = TempPublication::new();
    let p = &publication;
    p.edit(
        ISSUE,
        "专家们先后7次深入企业，就",
        "专家们先后7次深入企业,就",
    );
    p.edit(ISSUE, "会议要求，一是", "会议要求:一是");
    p.edit(ISSUE, "党的二十大精神，深入实施", "党的二十大精神;深入实施");
    p.edit(
        ISSUE,
        "title = \"市科协召开主题教育学习研讨专题会\"",
        "title = \"市科协召开主题教育学习研讨专题会?\"",
    );
    p.edit(ISSUE, "受到一致好评。", "受到一致好评!");
    p.edit(ISSUE, "北创投（远京基金）合伙人", "北创投(远京基金)合伙人");
    // Spaces around a mark go with it.
    p.edit(ISSUE, "区委书记常卫，区委", "区委书记常卫 , 区委");
    add_paragraphs(p, NOT_TO_FIRE);
    warns_exactly(
        p,
        &[
            (
                spot(p, ISSUE, "深入企业,就", ","),
                r#"half-width comma "," next to Chinese text: use "，""#,
            ),
            (
                spot(p, ISSUE, "会议要求:一是", ":"),
                r#"half-width colon ":" next to Chinese text: use "：""#,
            ),
            (
                spot(p, ISSUE, "精神;深入", ";"),
                r#"half-width semicolon ";" next to Chinese text: use "；""#,
            ),
            (
                spot(p, ISSUE, "专题会?\"", "?"),
                r#"half-width question mark "?" next to Chinese text: use "？""#,
            ),
            (
                spot(p, ISSUE, "一致好评!", "!"),
                r#"half-width exclamation mark "!" next to Chinese text: use "！""#,
            ),
            (
                spot(p, ISSUE, "北创投(远京基金)", "("),
                r#"half-width opening parenthesis "(" next to Chinese text: use "（""#,
            ),
            (
                spot(p, ISSUE, "北创投(远京基金)", ")"),
                r#"half-width closing parenthesis ")" next to Chinese text: use "）""#,
            ),
            (
                spot(p, ISSUE, "常卫 , 区委", " , "),
                r#"half-width comma "," next to Chinese text: use "，" with no space around it"#,
            ),
        ],
    );
}

#[test]
fn straight_quotes_in_chinese_text_are_located_with_the_curly_quote_to_use() {
    let publication = TempPublication::new();
    let p = &publication;
    p.edit(
        ISSUE,
        "“红色科普铁军突击队”队员",
        "\"红色科普铁军突击队\"队员",
    );
    p.edit(ISSUE, "实施“十四五”中期", "实施'十四五'中期");
    // In a one-line string the quote is typed as an escape: located there.
    p.edit(
        ISSUE,
        "title = \"“千人进千企”服务团",
        "title = \"\\\"千人进千企\\\"服务团",
    );
    add_paragraphs(p, NOT_TO_FIRE);
    warns_exactly(
        p,
        &[
            (
                spot(p, ISSUE, "\"红色科普铁军突击队\"队员", "\"红"),
                "straight quote \" in Chinese text: use the Chinese opening quote “",
            ),
            (
                spot(p, ISSUE, "\"红色科普铁军突击队\"队员", "\"队员"),
                "straight quote \" in Chinese text: use the Chinese closing quote ”",
            ),
            (
                spot(p, ISSUE, "实施'十四五'中期", "'十"),
                "straight quote ' in Chinese text: use the Chinese opening quote ‘",
            ),
            (
                spot(p, ISSUE, "实施'十四五'中期", "'中"),
                "straight quote ' in Chinese text: use the Chinese closing quote ’",
            ),
            (
                spot(p, ISSUE, "\\\"千人进千企\\\"服务团", "\\\"千"),
                "straight quote \\\" in Chinese text: use the Chinese opening quote “",
            ),
            (
                spot(p, ISSUE, "\\\"千人进千企\\\"服务团", "\\\"服"),
                "straight quote \\\" in Chinese text: use the Chinese closing quote ”",
            ),
        ],
    );
}

#[test]
fn doubled_punctuation_is_located_with_the_single_mark_to_keep() {
    let publication = TempPublication::new();
    let p = &publication;
    p.edit(ISSUE, "实际成效。二是", "实际成效。。二是");
    p.edit(
        ISSUE,
        "近日，市科协召开学习贯彻",
        "近日，，市科协召开学习贯彻",
    );
    p.edit(ISSUE, "科协领导、石景山区", "科协领导、、石景山区");
    add_paragraphs(p, NOT_TO_FIRE);
    let run = warns_exactly(
        p,
        &[
            (
                spot(p, ISSUE, "实际成效。。二是", "。。"),
                r#"doubled punctuation "。。": type it once, "。""#,
            ),
            (
                spot(p, ISSUE, "近日，，市科协", "，，"),
                r#"doubled punctuation "，，": type it once, "，""#,
            ),
            (
                spot(p, ISSUE, "科协领导、、石景山区", "、、"),
                r#"doubled punctuation "、、": type it once, "、""#,
            ),
        ],
    );
    // Doubled ？ and ！ are meant (真的？？好！！ is in the text).
    assert!(!run.stderr.contains("？？"), "{}", run.show());
}

#[test]
fn spaces_between_chinese_characters_are_located_with_delete_as_the_fix() {
    let publication = TempPublication::new();
    let p = &publication;
    p.edit(
        ISSUE,
        "近日，市科协召开学习贯彻",
        "近日，市科协 召开学习贯彻",
    );
    p.edit(ISSUE, "专家结合每个企业", "专家结合\t每个企业");
    p.edit(ISSUE, "title = \"石景山区科协", "title = \"石景山区  科协");
    add_paragraphs(p, NOT_TO_FIRE);
    warns_exactly(
        p,
        &[
            (
                spot(p, ISSUE, "市科协 召开学习贯彻", " "),
                r#"space between "协" and "召" in Chinese text: delete it"#,
            ),
            (
                spot(p, ISSUE, "专家结合\t每个", "\t"),
                r#"tab between "合" and "每" in Chinese text: delete it"#,
            ),
            (
                spot(p, ISSUE, "石景山区  科协", "  "),
                r#"2 spaces between "区" and "科" in Chinese text: delete them"#,
            ),
        ],
    );
}

#[test]
fn a_half_width_full_stop_ending_chinese_text_is_located_and_fixed() {
    let publication = TempPublication::new();
    let p = &publication;
    p.edit(ISSUE, "文创及作品等内容。", "文创及作品等内容.");
    p.edit(ISSUE, "实际成效。二是", "实际成效.二是");
    add_paragraphs(p, NOT_TO_FIRE);
    warns_exactly(
        p,
        &[
            (
                spot(p, ISSUE, "作品等内容.", "."),
                r#"half-width full stop "." next to Chinese text: use "。""#,
            ),
            (
                spot(p, ISSUE, "实际成效.二是", "."),
                r#"half-width full stop "." next to Chinese text: use "。""#,
            ),
        ],
    );
    let run = p.run(&["check", "74", "--fix"]);
    assert!(
        run.stdout.contains("fixed 2 punctuation marks"),
        "{}",
        run.show()
    );
    let text = p.read(ISSUE);
    assert!(text.contains("作品等内容。") && text.contains("实际成效。二是"));
    assert!(text.contains("附件见通知.pdf和报告.docx，版本v1.2，联系张三.li@bast.net.cn。"));
}

#[test]
fn dots_as_an_ellipsis_in_chinese_text_are_located_with_the_chinese_ellipsis() {
    let publication = TempPublication::new();
    let p = &publication;
    p.edit(ISSUE, "文创及作品等内容。", "文创及作品...");
    p.edit(ISSUE, "实际成效。二是", "实际成效。。。二是");
    p.edit(ISSUE, "受到一致好评。", "受到一致好评…");
    add_paragraphs(p, NOT_TO_FIRE);
    warns_exactly(
        p,
        &[
            (
                spot(p, ISSUE, "文创及作品...", "..."),
                r#""..." as an ellipsis in Chinese text: use "……" (two "…")"#,
            ),
            (
                spot(p, ISSUE, "实际成效。。。二是", "。。。"),
                r#""。。。" as an ellipsis in Chinese text: use "……" (two "…")"#,
            ),
            (
                spot(p, ISSUE, "一致好评…", "…"),
                r#"a single "…" in Chinese text: use "……" (the Chinese ellipsis is two of them)"#,
            ),
        ],
    );
}

#[test]
fn text_that_is_not_chinese_punctuation_gets_no_warning() {
    // Latin text, addresses and numbers.
    let publication = TempPublication::new();
    add_paragraphs(&publication, NOT_TO_FIRE);
    let run = publication.run(&["check", "--deny-warnings"]).succeeded();
    assert!(run.stderr.is_empty(), "no warning:\n{}", run.show());
    assert!(run.stdout.contains("0 warnings"), "{}", run.show());
}

#[test]
fn punctuation_in_bulletin_toml_is_located_there() {
    let publication = TempPublication::new();
    publication.edit(CONFIG, "信息报送邮箱：skxxxbs", "信息报送邮箱:skxxxbs");
    let run = publication.run(&["check"]).succeeded();
    run.warning_at(
        CONFIG,
        &spot(&publication, CONFIG, "邮箱:skxxxbs", ":"),
        r#"half-width colon ":" next to Chinese text: use "：""#,
    );
    assert_eq!(run.warnings().len(), 1, "{}", run.show());
}

#[test]
fn warnings_alone_pass_unless_denied() {
    let publication = TempPublication::new();
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业，就",
        "专家们先后7次深入企业,就",
    );
    let comma = spot(&publication, ISSUE, "深入企业,就", ",");

    let run = publication.run(&["check"]).succeeded();
    assert_eq!(run.warnings().len(), 1, "{}", run.show());
    assert!(run.stdout.contains("0 errors, 1 warning"), "{}", run.show());
    assert!(
        run.stdout.contains("--fix"),
        "tells how to fix:\n{}",
        run.show()
    );

    let run = publication.run(&["check", "--deny-warnings"]).failed();
    run.warning_at(ISSUE, &comma, "use \"，\"");
    assert!(run.stderr.contains("1 warning"), "{}", run.show());
    assert!(
        !publication.path("out").exists(),
        "check writes no PDF, with warnings or not"
    );
}

// ---------------------------------------------------------------------------
// bulletin check --fix

/// Each: the text of issue 74 it changes, how the editor typed it, and
/// what it must read after `--fix`.
const FIXES: &[(&str, &str, &str)] = &[
    // Odd spacing and a comment with half-width marks on the same line.
    (
        "title = \"市科协召开主题教育学习研讨专题会\"",
        "title   =     \"市科协召开,主题教育学习研讨专题会\"    # 标题,不改: \"注释\"...",
        "title   =     \"市科协召开，主题教育学习研讨专题会\"    # 标题,不改: \"注释\"...",
    ),
    // A comment line of its own.
    (
        "reviewer = \"李金涛\"\n",
        "reviewer = \"李金涛\"\n#   编者注:这里 的注释,\"引号\"。。都不改...\n\n\n",
        "reviewer = \"李金涛\"\n#   编者注:这里 的注释,\"引号\"。。都不改...\n\n\n",
    ),
    (
        "专家们先后7次深入企业，就企业",
        "专家们先后7次深入企业, 就企业",
        "专家们先后7次深入企业，就企业",
    ),
    (
        "近日，市科协召开学习贯彻",
        "近日，市科协 召开学习贯彻",
        "近日，市科协召开学习贯彻",
    ),
    (
        "“红色科普铁军突击队”队员",
        "\"红色科普铁军突击队\"队员",
        "“红色科普铁军突击队”队员",
    ),
    ("实施“十四五”中期", "实施'十四五'中期", "实施‘十四五’中期"),
    (
        "title = \"“千人进千企”服务团",
        "title = \"\\\"千人进千企\\\"服务团",
        "title = \"“千人进千企”服务团",
    ),
    ("文创及作品等内容。", "文创及作品...", "文创及作品……"),
    ("实际成效。二是", "实际成效。。二是", "实际成效。二是"),
    (
        "北创投（远京基金）合伙人",
        "北创投(远京基金)合伙人",
        "北创投（远京基金）合伙人",
    ),
];

/// Issue 74 with `FIXES` applied as typed (`broken`) or as fixed, and the
/// text that no rule may touch at the end of article 8.
fn issue_with_fixes(original: &str, fixed: bool) -> String {
    let mut text = original.to_string();
    for (from, typed, right) in FIXES {
        assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
        text = text.replacen(from, if fixed { right } else { typed }, 1);
    }
    text.replacen(
        "为科技成果转化贡献力量。\n",
        &format!("为科技成果转化贡献力量。\n\n{NOT_TO_FIRE}\n"),
        1,
    )
}

#[test]
fn fix_changes_only_the_fixed_characters_and_keeps_comments_and_layout() {
    let publication = TempPublication::new();
    let original = publication.read(ISSUE);
    let typed = issue_with_fixes(&original, false);
    let expected = issue_with_fixes(&original, true);
    fs::write(publication.path(ISSUE), &typed).unwrap();

    let before = publication.run(&["check"]).succeeded();
    let count = before.warnings().len();
    assert_eq!(count, 13, "the marks typed wrong:\n{}", before.show());

    let run = publication.run(&["check", "--fix"]).succeeded();
    assert!(
        run.stdout.contains(&format!(
            "fixed {count} punctuation marks in issues/74.toml"
        )),
        "{}",
        run.show()
    );
    assert!(
        run.warnings().is_empty(),
        "nothing left to warn:\n{}",
        run.show()
    );
    let after = publication.read(ISSUE);
    assert!(after == expected, "{}", first_difference(&after, &expected));
    assert_eq!(
        publication.read(CONFIG),
        fs::read_to_string(support::repo().join(CONFIG)).unwrap()
    );

    let run = publication.run(&["check", "--deny-warnings"]).succeeded();
    assert!(run.stderr.is_empty(), "no warning left:\n{}", run.show());

    // Once more: nothing to do, nothing written.
    let modified_before = modified(&publication.path(ISSUE));
    let run = publication.run(&["check", "--fix"]).succeeded();
    assert!(!run.stdout.contains("fixed"), "{}", run.show());
    assert_eq!(publication.read(ISSUE), expected);
    assert_eq!(modified(&publication.path(ISSUE)), modified_before);
}

/// Where two texts first differ, for a readable failure.
fn first_difference(actual: &str, expected: &str) -> String {
    let at = actual
        .char_indices()
        .zip(expected.chars())
        .find(|((_, a), b)| a != b)
        .map_or(actual.len().min(expected.len()), |((i, _), _)| i);
    let line = actual[..at].matches('\n').count() + 1;
    format!(
        "the fixed file differs from the expected one at line {line}:\n  actual:   {:?}\n  expected: {:?}",
        actual.lines().nth(line - 1).unwrap_or(""),
        expected.lines().nth(line - 1).unwrap_or("")
    )
}

#[test]
fn fix_keeps_a_byte_order_mark_and_crlf_line_ends() {
    let publication = TempPublication::new();
    let original = publication.read(ISSUE);
    let crlf = |text: &str| format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let typed = original.replacen("专家们先后7次深入企业，就", "专家们先后7次深入企业,就", 1);
    fs::write(publication.path(ISSUE), crlf(&typed)).unwrap();

    let run = publication.run(&["check"]).succeeded();
    run.warning_at(ISSUE, &Spot::of(&typed, "深入企业,就", ","), "use \"，\"");
    publication.run(&["check", "--fix"]).succeeded();
    let after = fs::read(publication.path(ISSUE)).unwrap();
    assert!(
        after == crlf(&original).into_bytes(),
        "{}",
        first_difference(&String::from_utf8_lossy(&after), &crlf(&original))
    );
}

#[test]
fn fix_in_an_issue_with_errors_fixes_the_punctuation_and_still_fails() {
    let publication = TempPublication::new();
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业，就",
        "专家们先后7次深入企业,就",
    );
    publication.edit(ISSUE, "number = 21", "number = 0");
    let run = publication.run(&["check", "--fix"]).failed();
    assert!(
        run.stdout
            .contains("fixed 1 punctuation mark in issues/74.toml"),
        "{}",
        run.show()
    );
    run.error_at(
        ISSUE,
        &spot(&publication, ISSUE, "number = 0", "0"),
        "number",
    );
    assert!(
        publication
            .read(ISSUE)
            .contains("专家们先后7次深入企业，就")
    );
    assert!(
        publication.read(ISSUE).contains("number = 0\n"),
        "the error is the editor's to mend"
    );
}

// ---------------------------------------------------------------------------
// bulletin check: errors, and the series across issues/

#[test]
fn a_schema_error_is_located_and_other_problems_are_still_reported() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 21, "2023-08-18");
    publication.edit(ISSUE, "title = \"市科协召开", "tittle = \"市科协召开");
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业，就",
        "专家们先后7次深入企业,就",
    );
    let run = publication.run(&["check"]).failed();
    run.error_at(
        ISSUE,
        &spot(&publication, ISSUE, "tittle = \"市科协召开", "tittle"),
        "unknown key `tittle`",
    );
    run.error_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "number = 21", "21"),
        "should be 第22期",
    );
    // The punctuation of the broken file is still looked at.
    run.warning_at(
        ISSUE,
        &spot(&publication, ISSUE, "次深入企业,就", ","),
        "use \"，\"",
    );
    assert!(
        run.stderr.contains("checked 2 issues: 2 errors, 1 warning"),
        "a summary:\n{}",
        run.show()
    );
    assert!(!publication.path("out").exists(), "check writes no PDF");
}

#[test]
fn a_character_no_font_has_is_an_error_of_check() {
    let publication = TempPublication::new();
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业",
        "专家们先后\u{E000}次深入企业",
    );
    let run = publication.run(&["check"]).failed();
    run.error_at(
        ISSUE,
        &spot(&publication, ISSUE, "先后\u{E000}次", "\u{E000}"),
        "U+E000",
    );
}

#[test]
fn the_same_total_in_two_files_is_an_error() {
    // issues/75.toml and issues/075.toml are both 总第75期.
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18");
    copy_issue(&publication, "075", 75, 23, "2023-08-25");
    let run = publication.run(&["check"]).failed();
    let twice: Vec<String> = run
        .headlines("error")
        .into_iter()
        .filter(|e| e.contains("总第75期 is also"))
        .collect();
    assert_eq!(twice.len(), 1, "{}", run.show());
    assert!(
        twice[0].contains("issues/75.toml") && twice[0].contains("issues/075.toml"),
        "names both files: {twice:?}"
    );
    assert!(
        twice[0].contains("76"),
        "suggests the next free total: {twice:?}"
    );

    // 76.toml copied from 75 with its total left at 75.
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18");
    copy_issue(&publication, "76", 75, 23, "2023-08-25");
    let run = publication.run(&["check"]).failed();
    let total = spot(&publication, "issues/76.toml", "total = 75", "75");
    let at = format!("issues/76.toml:{}:{}: ", total.line, total.column);
    let located: Vec<String> = run
        .headlines("error")
        .into_iter()
        .filter_map(|e| e.strip_prefix(&at).map(str::to_string))
        .collect();
    assert!(
        located
            .iter()
            .any(|e| e.starts_with("总第75期 is also issues/75.toml")
                && e.contains("should probably be 76")),
        "the duplicate is named at the total:\n{}",
        run.show()
    );
    assert!(
        located.iter().any(|e| e.contains("76.toml")),
        "and that the total is not the file's:\n{}",
        run.show()
    );
    assert_eq!(run.errors().len(), 2, "{}", run.show());
}

#[test]
fn a_gap_in_the_totals_is_an_error_at_the_later_issue() {
    let publication = TempPublication::new();
    copy_issue(&publication, "76", 76, 23, "2023-08-25");
    let run = publication.run(&["check"]).failed();
    run.error_at(
        "issues/76.toml",
        &spot(&publication, "issues/76.toml", "total = 76", "76"),
        "总第75期 is missing",
    );
    assert_eq!(run.errors().len(), 1, "{}", run.show());
}

#[test]
fn a_number_that_does_not_follow_on_is_an_error_that_says_which_it_should_be() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 21, "2023-08-18");
    let run = publication.run(&["check"]).failed();
    let block = run.error_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "number = 21", "21"),
        "第21期 does not follow 总第74期",
    );
    assert!(block.contains("第22期"), "{block}");
    assert_eq!(run.errors().len(), 1, "{}", run.show());
}

#[test]
fn a_new_year_must_start_at_number_1() {
    let publication = TempPublication::new();
    publication.edit(ISSUE, "number = 21\n", "number = 52\n");
    publication.edit(ISSUE, "date = 2023-08-11\n", "date = 2023-12-29\n");
    copy_issue(&publication, "75", 75, 53, "2024-01-05");
    let run = publication.run(&["check"]).failed();
    run.error_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "number = 53", "53"),
        "the first issue of 2024 should be 第1期, not 第53期",
    );

    copy_issue(&publication, "75", 75, 1, "2024-01-05");
    let run = publication.run(&["check"]).succeeded();
    assert!(run.stderr.is_empty(), "{}", run.show());
}

#[test]
fn a_date_not_after_the_previous_issue_is_an_error() {
    for date in ["2023-08-11", "2023-08-04"] {
        let publication = TempPublication::new();
        copy_issue(&publication, "75", 75, 22, date);
        let run = publication.run(&["check"]).failed();
        let block = run.error_at(
            "issues/75.toml",
            &spot(
                &publication,
                "issues/75.toml",
                &format!("date = {date}"),
                date,
            ),
            &format!("the date {date} is not after"),
        );
        assert!(block.contains("2023-08-11"), "{block}");
    }
}

#[test]
fn a_year_that_does_not_match_the_date_is_an_error_at_the_year() {
    // 2022 for an issue of August 2023 (the issue alone allows last year,
    // for a late issue early in a new year; the series does not).
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18\nyear = 2022");
    let run = publication.run(&["check"]).failed();
    run.error_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "year = 2022", "2022"),
        "year 2022 does not match the date 2023-08-18",
    );
}

#[test]
fn a_year_that_does_not_match_the_date_is_reported_once() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18\nyear = 2021");
    let run = publication.run(&["check"]).failed();
    let year = spot(&publication, "issues/75.toml", "year = 2021", "2021");
    let said: Vec<String> = run
        .headlines("error")
        .into_iter()
        .filter(|e| e.contains("does not match the date"))
        .collect();
    assert_eq!(
        said.len(),
        1,
        "one message that the year is wrong:\n{}",
        run.show()
    );
    assert!(
        said[0].starts_with(&format!("issues/75.toml:{}:{}: ", year.line, year.column)),
        "{said:?}"
    );
}

#[test]
fn check_of_one_issue_names_only_its_problems() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 21, "2023-08-18");
    // Issue 74 has its own problems: not asked for.
    publication.edit(ISSUE, "title = \"市科协召开", "tittle = \"市科协召开");
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业，就",
        "专家们先后7次深入企业,就",
    );
    publication.edit("issues/75.toml", "受到一致好评。", "受到一致好评!");

    let run = publication.run(&["check", "75"]).failed();
    run.error_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "number = 21", "21"),
        "should be 第22期",
    );
    run.warning_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "一致好评!", "!"),
        "use \"！\"",
    );
    assert_eq!(run.errors().len(), 1, "{}", run.show());
    assert_eq!(run.warnings().len(), 1, "{}", run.show());
    assert!(
        run.stderr.contains("checked 1 issue: 1 error, 1 warning"),
        "{}",
        run.show()
    );
    for line in run.stderr.lines() {
        assert!(
            !line.starts_with("error: issues/74.toml")
                && !line.starts_with("warning: issues/74.toml"),
            "nothing located in issue 74:\n{}",
            run.show()
        );
    }

    // And 74 alone: its two problems, not 75's.
    let run = publication.run(&["check", "74"]).failed();
    assert!(
        run.stderr.contains("unknown key `tittle`"),
        "{}",
        run.show()
    );
    assert!(!run.stderr.contains("issues/75.toml"), "{}", run.show());
}

#[test]
fn check_all_and_check_without_issues_check_every_issue() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 21, "2023-08-18");
    copy_issue(&publication, "76", 76, 22, "2023-08-25");
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业，就",
        "专家们先后7次深入企业,就",
    );
    let all = publication.run(&["check", "--all"]).failed();
    let plain = publication.run(&["check"]).failed();
    assert_eq!(all.stderr, plain.stderr);
    assert!(
        all.stderr.contains("checked 3 issues: 1 error, 1 warning"),
        "{}",
        all.show()
    );
    all.error_at(
        "issues/75.toml",
        &spot(&publication, "issues/75.toml", "number = 21", "21"),
        "should be 第22期",
    );
    all.warning_at(
        ISSUE,
        &spot(&publication, ISSUE, "企业,就", ","),
        "use \"，\"",
    );

    let run = publication.run(&["check", "--all", "75"]);
    assert_eq!(
        run.status.code(),
        Some(2),
        "--all or issues, not both:\n{}",
        run.show()
    );
}

#[test]
fn an_issue_named_by_path_gets_its_numbering_problems_too() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 21, "2023-08-18");
    let absolute = publication.path("issues/75.toml");
    let mut missed = Vec::new();
    for asked in [
        "75",
        "issues/75.toml",
        "./issues/75.toml",
        absolute.to_str().unwrap(),
    ] {
        let run = publication.run(&["check", asked]);
        run.no_panic();
        if run.status.success() || !run.stderr.contains("should be 第22期") {
            missed.push(format!("bulletin check {asked}\n{}", run.show()));
        }
    }
    // From inside issues/, by its name there.
    let mut command = support::bulletin();
    command
        .current_dir(publication.path("issues"))
        .args(["check", "75.toml"]);
    let run = Run::of(&mut command);
    if run.status.success() || !run.stderr.contains("should be 第22期") {
        missed.push(format!(
            "(in issues/) bulletin check 75.toml\n{}",
            run.show()
        ));
    }
    assert!(
        missed.is_empty(),
        "第21期 after 第21期 is found however issue 75 is named; missed by:\n{}",
        missed.join("\n")
    );
}

// ---------------------------------------------------------------------------
// bulletin list

#[test]
fn list_shows_each_issue_and_whether_its_pdf_is_up_to_date() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18");
    let rows = publication.list_rows();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][..4], ["74", "2023年第21期", "2023-08-11", "8"]);
    assert_eq!(rows[1][..4], ["75", "2023年第22期", "2023-08-18", "8"]);
    assert_eq!(rows[0][4], "none");
    assert_eq!(rows[1][4], "none");

    publication.run(&["build", "74"]).succeeded();
    let rows = publication.list_rows();
    assert_eq!(rows[0][4], "up to date", "{rows:?}");
    assert_eq!(rows[1][4], "none", "{rows:?}");

    // The issue saved after the build.
    let pdf = modified(&publication.path("out/74.pdf"));
    set_modified(&publication.path(ISSUE), pdf + Duration::from_secs(60));
    let rows = publication.list_rows();
    assert!(rows[0][4].starts_with("out of date"), "{rows:?}");

    // Built again: up to date; then bulletin.toml saved after it.
    publication.run(&["build", "74"]).succeeded();
    set_modified(&publication.path(ISSUE), pdf - Duration::from_secs(60));
    set_modified(&publication.path(CONFIG), pdf - Duration::from_secs(60));
    assert_eq!(publication.list_rows()[0][4], "up to date");
    let pdf = modified(&publication.path("out/74.pdf"));
    set_modified(&publication.path(CONFIG), pdf + Duration::from_secs(60));
    assert!(publication.list_rows()[0][4].starts_with("out of date"));
}

#[test]
fn list_counts_articles_and_shows_years_and_unreadable_issues() {
    let publication = TempPublication::new();
    publication.edit(ISSUE, "number = 21\n", "number = 52\n");
    publication.edit(ISSUE, "date = 2023-08-11\n", "date = 2023-12-29\n");
    publication.run(&["new"]).succeeded();
    fs::write(
        publication.path("issues/76.toml"),
        "total = 76\nnumber = \n",
    )
    .unwrap();
    let rows = publication.list_rows();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0][..4], ["74", "2023年第52期", "2023-12-29", "8"]);
    assert_eq!(rows[1][..4], ["75", "2024年第1期", "2024-01-05", "6"]);
    assert_eq!(rows[2][0], "76");
    let unreadable = rows[2][1..].join(" ");
    assert!(unreadable.contains("bulletin check 76"), "{rows:?}");

    let empty = TempPublication::new();
    fs::remove_file(empty.path(ISSUE)).unwrap();
    let run = empty.run(&["list"]).succeeded();
    assert!(run.stdout.contains("no issues"), "{}", run.show());
}

// ---------------------------------------------------------------------------
// bulletin fonts

const EMBEDDED: [&str; 6] = [
    "FandolFang-Regular.otf",
    "FandolHei-Regular.otf",
    "FandolKai-Regular.otf",
    "FandolSong-Regular.otf",
    "NotoSerifSC-Bold.ttf",
    "NotoSerifSC-Regular.ttf",
];

const ROLES: [&str; 5] = ["body", "title", "heading", "kai", "number"];

/// The line of `stdout` for `role` after `heading`: `  body     …`.
fn role_line<'a>(stdout: &'a str, after: &str, role: &str) -> &'a str {
    let (_, rest) = stdout
        .split_once(after)
        .unwrap_or_else(|| panic!("{after:?} in:\n{stdout}"));
    rest.lines()
        .find(|l| l.trim_start().starts_with(&format!("{role} ")))
        .unwrap_or_else(|| panic!("a line for {role} after {after:?}:\n{stdout}"))
}

#[test]
fn fonts_lists_the_embedded_fonts_and_the_families_of_each_role() {
    let publication = TempPublication::new();
    let run = publication.run(&["fonts"]).succeeded();
    for file in EMBEDDED {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains("embedded") && l.contains(file)),
            "{file} is listed:\n{}",
            run.show()
        );
    }
    for role in ROLES {
        let line = role_line(&run.stdout, "roles", role);
        assert!(
            line.contains("Noto Serif SC"),
            "{role}: Noto Serif SC serves last: {line:?}"
        );
    }
    assert!(role_line(&run.stdout, "roles", "body").contains("FandolFang"));
    assert!(role_line(&run.stdout, "roles", "heading").contains("FandolHei"));
    assert!(role_line(&run.stdout, "roles", "kai").contains("FandolKai"));
    assert!(role_line(&run.stdout, "roles", "number").contains("FandolSong"));
    assert!(run.stderr.is_empty(), "{}", run.show());
}

#[test]
fn fonts_lists_fonts_found_through_font_path_and_the_families_of_fonts_settings() {
    let publication = TempPublication::new();
    fs::create_dir(publication.path("fonts-local")).unwrap();
    fs::copy(
        support::repo().join("fonts/FandolKai-Regular.otf"),
        publication.path("fonts-local/FandolKai-Regular.otf"),
    )
    .unwrap();
    let run = publication
        .run(&["fonts", "--font-path", "fonts-local"])
        .succeeded();
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("fonts-local") && l.contains("FandolKai-Regular.otf")),
        "the font from --font-path:\n{}",
        run.show()
    );

    // Named for a role in bulletin.toml: tried first; a family not found is
    // skipped with a warning.
    publication.append(
        CONFIG,
        "\n[fonts]\nbody = [\"没有这个字体\", \"FandolKai\"]\npaths = [\"fonts-local\"]\n",
    );
    let run = publication.run(&["fonts"]).succeeded();
    let body = role_line(&run.stdout, "roles", "body");
    let kai = body.find("FandolKai").expect("FandolKai for body");
    let fang = body
        .find("FandolFang")
        .expect("then the embedded FandolFang");
    assert!(kai < fang, "{body:?}");
    assert!(
        run.stderr.contains("warning: ") && run.stderr.contains("没有这个字体"),
        "{}",
        run.show()
    );
}

#[test]
fn fonts_of_an_issue_counts_per_role_what_it_cannot_draw() {
    let publication = TempPublication::new();
    let run = publication.run(&["fonts", "74"]).succeeded();
    for role in ROLES.iter().chain(&["any font"]) {
        let line = role_line(&run.stdout, "issues/74.toml", role);
        assert_eq!(
            line.trim_start()[role.len()..].trim(),
            "0",
            "issue 74: every role draws everything: {line:?}"
        );
    }

    // U+E000 is in no font, 䶮 (U+4DAE) only in Noto Serif SC: the issue
    // cannot be built, but it can be looked at.
    publication.edit(
        ISSUE,
        "专家们先后7次深入企业",
        "专家们先后\u{E000}次䶮深入企业",
    );
    let run = publication.run(&["fonts", "74"]).succeeded();
    let nowhere = role_line(&run.stdout, "issues/74.toml", "any font");
    assert!(
        nowhere.contains("1:") && nowhere.contains("U+E000") && !nowhere.contains("U+4DAE"),
        "{nowhere:?}"
    );
    let body = role_line(&run.stdout, "issues/74.toml", "body");
    assert!(
        body.contains("2:") && body.contains("U+4DAE") && body.contains("U+E000"),
        "FandolFang has neither: {body:?}"
    );
    publication.run(&["build", "74"]).failed();

    let run = publication.run(&["fonts", "99"]).failed();
    assert!(run.stderr.contains("99"), "{}", run.show());
}

// ---------------------------------------------------------------------------
// bulletin build --all

fn no_control_characters(run: &Run) {
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text.contains('\r') && !text.contains('\u{1b}'),
            "plain lines on {name}, no progress bar:\n{}",
            run.show()
        );
    }
}

#[test]
fn build_all_builds_the_good_issues_and_names_the_broken_one() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18");
    publication.edit(
        "issues/75.toml",
        "title = \"市科协召开",
        "tittle = \"市科协召开",
    );
    let run = publication.run(&["build", "--all"]).failed();
    no_control_characters(&run);

    let pdf = fs::read(publication.path("out/74.pdf")).expect("out/74.pdf is written");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(!publication.path("out/75.pdf").exists());
    assert_eq!(
        names(&publication, "out"),
        ["74.pdf"],
        "nothing else left in out/"
    );
    assert!(run.stdout.contains("wrote out/74.pdf"), "{}", run.show());

    run.error_at(
        "issues/75.toml",
        &spot(
            &publication,
            "issues/75.toml",
            "tittle = \"市科协召开",
            "tittle",
        ),
        "unknown key `tittle`",
    );
    let summary = run
        .stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("error: "))
        .unwrap();
    assert!(
        summary.contains("1 of 2")
            && summary.contains("failed")
            && summary.contains("issues/75.toml"),
        "the summary names the failed file: {summary:?}"
    );
}

#[test]
fn build_all_with_every_issue_good_writes_every_pdf() {
    let publication = TempPublication::new();
    copy_issue(&publication, "75", 75, 22, "2023-08-18");
    copy_issue(&publication, "76", 76, 23, "2023-08-25");
    let run = bulletin_c(&publication, &["build", "--all"]).succeeded();
    no_control_characters(&run);
    assert_eq!(names(&publication, "out"), ["74.pdf", "75.pdf", "76.pdf"]);
    for total in [74, 75, 76] {
        let pdf = fs::read(publication.path(&format!("out/{total}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "out/{total}.pdf");
        assert_eq!(
            run.stdout.matches(&format!("out/{total}.pdf")).count(),
            1,
            "one line for {total}:\n{}",
            run.show()
        );
    }
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap_or_default()
            .contains("3 of 3"),
        "a summary at the end:\n{}",
        run.show()
    );
    assert!(run.stderr.is_empty(), "{}", run.show());

    let empty = TempPublication::new();
    fs::remove_file(empty.path(ISSUE)).unwrap();
    empty.run(&["build", "--all"]).failed();
}

// ---------------------------------------------------------------------------
// bulletin build --format png|svg

#[test]
fn png_pages_match_the_pdf_and_are_a4_at_the_asked_resolution() {
    let publication = TempPublication::new();
    let pdf_pages = publication.run(&["build", "74"]).succeeded().pages();
    assert_eq!(pdf_pages, 9, "issue 74 has nine pages");

    let run = publication
        .run(&["build", "74", "--format", "png", "--ppi", "20"])
        .succeeded();
    assert_eq!(run.pages(), pdf_pages);
    assert!(
        run.stdout.contains("out/74-1.png") && run.stdout.contains("out/74-9.png"),
        "{}",
        run.show()
    );
    assert_eq!(
        page_files(&publication, 74, "png"),
        expected_pages(74, "png", pdf_pages)
    );
    // A4 at 20 pixels per inch: 210 mm × 297 mm is 165.4 × 233.9 px.
    for name in page_files(&publication, 74, "png") {
        let (width, height) =
            png_size(&fs::read(publication.path(&format!("out/{name}"))).unwrap());
        assert!(
            (width as f64 - 210.0 / 25.4 * 20.0).abs() <= 1.0
                && (height as f64 - 297.0 / 25.4 * 20.0).abs() <= 1.0,
            "{name}: {width}×{height}"
        );
    }
    let mut expected = expected_pages(74, "png", pdf_pages);
    expected.push("74.pdf".into());
    expected.sort();
    assert_eq!(
        names(&publication, "out"),
        expected,
        "the PDF stays, nothing else"
    );
}

#[test]
fn svg_pages_are_written_one_per_page() {
    let publication = TempPublication::new();
    let run = publication
        .run(&["build", "74", "--format", "svg"])
        .succeeded();
    let count = run.pages();
    assert_eq!(count, 9);
    assert_eq!(
        page_files(&publication, 74, "svg"),
        expected_pages(74, "svg", count)
    );
    for name in page_files(&publication, 74, "svg") {
        let text = publication.read(&format!("out/{name}"));
        assert!(
            text.starts_with("<svg"),
            "{name} starts {:?}",
            &text[..20.min(text.len())]
        );
        assert!(text.trim_end().ends_with("</svg>"), "{name} is whole");
    }
    assert!(!publication.path("out/74.pdf").exists(), "no PDF asked for");
}

#[test]
fn a_shorter_issue_leaves_no_stale_page_images() {
    let publication = TempPublication::new();
    publication
        .run(&["build", "74", "--format", "png", "--ppi", "10"])
        .succeeded();
    assert_eq!(page_files(&publication, 74, "png").len(), 9);
    // A file of the editor's own beside the pages stays.
    fs::write(publication.path("out/74-notes.txt"), "mine").unwrap();

    fs::write(
        publication.path(ISSUE),
        "total = 74\nnumber = 21\ndate = 2023-08-11\neditor = \"张红波\"\nreviewer = \"李金涛\"\n\n\
         [[articles]]\ntitle = \"短讯\"\nbody = \"市科协召开会议。\"\n",
    )
    .unwrap();
    let run = publication
        .run(&["build", "74", "--format", "png", "--ppi", "10"])
        .succeeded();
    assert_eq!(run.pages(), 1, "{}", run.show());
    assert_eq!(names(&publication, "out"), ["74-1.png", "74-notes.txt"]);
}

#[test]
fn a_resolution_out_of_range_is_refused_by_the_argument_parser() {
    let publication = TempPublication::new();
    for ppi in ["0", "3000", "many"] {
        let run = publication.run(&["build", "74", "--format", "png", "--ppi", ppi]);
        assert_eq!(run.status.code(), Some(2), "{}", run.show());
        assert!(run.stderr.contains("--ppi"), "{}", run.show());
    }
    assert!(!publication.path("out").exists());
}

#[test]
fn page_images_never_replace_or_remove_a_file_of_another_kind() {
    let publication = TempPublication::new();
    let pics = publication.path("pics");
    fs::create_dir(&pics).unwrap();
    // Old pages 1-4 and 10-11 are PNGs; page 5 is the editor's text.
    for n in [1, 2, 3, 4, 10, 11] {
        fs::write(pics.join(format!("photo-{n}.png")), b"\x89PNG old").unwrap();
    }
    fs::write(pics.join("photo-5.png"), "my notes").unwrap();
    let output = pics.join("photo.png");
    let run = publication
        .run(&[
            "build",
            "74",
            "--format",
            "png",
            "--ppi",
            "10",
            "-o",
            output.to_str().unwrap(),
        ])
        .failed();
    assert!(
        run.stderr
            .contains("photo-5.png exists and is not a PNG image"),
        "{}",
        run.show()
    );
    // Refused before anything was written: the old pages are as they were.
    for n in [1, 2, 3, 4] {
        assert_eq!(
            fs::read(pics.join(format!("photo-{n}.png"))).unwrap(),
            b"\x89PNG old"
        );
    }

    // Once the text file is gone, pages 1-9 are written; stale page 10 and
    // 11 are PNGs and go, a text file named like page 12 stays.
    fs::remove_file(pics.join("photo-5.png")).unwrap();
    fs::write(pics.join("photo-12.png"), "keep me").unwrap();
    publication
        .run(&[
            "build",
            "74",
            "--format",
            "png",
            "--ppi",
            "10",
            "-o",
            output.to_str().unwrap(),
        ])
        .succeeded();
    assert!(!pics.join("photo-10.png").exists());
    assert_eq!(
        fs::read_to_string(pics.join("photo-12.png")).unwrap(),
        "keep me"
    );
}

#[test]
fn build_all_refuses_two_files_of_one_issue() {
    let publication = TempPublication::new();
    fs::copy(publication.path(ISSUE), publication.path("issues/074.toml")).unwrap();
    let run = publication.run(&["build", "--all"]).failed();
    assert!(
        run.stderr.contains("are both issue 74: keep one of them"),
        "{}",
        run.show()
    );
    assert!(!publication.path("out/74.pdf").exists(), "{}", run.show());
}
