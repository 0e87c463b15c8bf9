//! `bulletin volume YEAR`: a year's issues bound into one PDF (合订本),
//! checked as a reader checks a bound volume: the contents and the section
//! index send each article to the page where its title is; each issue
//! starts on a right-hand page and prints as `bulletin build` prints it;
//! the bookmarks go issue → section → article; a broken issue stops the
//! volume where it is wrong, or is left out and said so.

use crate::support;

use std::path::Path;
use std::sync::Arc;

use bulletin::i18n::{self, Lang};
use bulletin::input::config::Config;
use bulletin::publication::Publication;
use bulletin::typeset::build;
use bulletin::typeset::volume::{self, VolumeOptions};
use support::{
    Finished, Page, TempPublication, build_issue, bulletin, document_pages, line_text, lines,
};

/// Issue totals of the generated year (2024, weekly from 5 January).
const TOTALS: [u32; 3] = [101, 102, 103];

/// The title of article `k` (from 1) of the issue of total `total`:
/// short, so that no contents line wraps, and unique in the year.
fn title(total: u32, k: usize) -> String {
    format!("第{total}期第{k}篇稿件的标题")
}

/// A publication with the repository's bulletin.toml and three issues of
/// 2024 made from issue 74: all its articles in the first and the last
/// (nine pages: an odd count, so a blank page follows), its first five in
/// the second (an even count: none follows).
fn year() -> TempPublication {
    let publication = TempPublication::new();
    let text = std::fs::read_to_string(publication.path("issues/74.toml")).unwrap();
    let original: toml::Table = toml::from_str(&text).unwrap();
    for (i, total) in TOTALS.into_iter().enumerate() {
        let mut issue = original.clone();
        issue.insert("total".into(), (total as i64).into());
        issue.insert("number".into(), (i as i64 + 1).into());
        let date = format!("2024-01-{:02}", 5 + 7 * i);
        issue.insert(
            "date".into(),
            date.parse::<toml::value::Datetime>().unwrap().into(),
        );
        let articles = issue["articles"].as_array_mut().unwrap();
        if i == 1 {
            articles.truncate(5);
        }
        for (k, article) in articles.iter_mut().enumerate() {
            let article = article.as_table_mut().unwrap();
            article.insert("title".into(), title(total, k + 1).into());
            article.remove("contents");
        }
        let path = publication.path(&format!("issues/{total}.toml"));
        std::fs::write(path, toml::to_string(&issue).unwrap()).unwrap();
    }
    std::fs::remove_file(publication.path("issues/74.toml")).unwrap();
    publication
}

/// The volume of 2024 of `publication`, laid out in process.
fn lay_out(publication: &TempPublication) -> volume::Volume {
    let options = VolumeOptions {
        year: 2024,
        ..VolumeOptions::default()
    };
    lay_out_with(publication, &options).1
}

/// How many issue files `options` choose in `publication`, and their
/// volume laid out in process, its messages in English.
fn lay_out_with(publication: &TempPublication, options: &VolumeOptions) -> (usize, volume::Volume) {
    let config = Config::load(publication.root(), Path::new("")).unwrap();
    let fonts = Arc::new(build::load_fonts(&config, &[]).unwrap());
    let files = Publication::open(Some(publication.root()), None)
        .unwrap()
        .issue_files();
    let files = volume::select(&files, options).unwrap();
    let volume = i18n::with_lang(Lang::En, || {
        volume::lay_out(&config, &files, fonts, options)
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (files.len(), volume)
}

/// `bulletin -C <publication> <args>`.
fn run(publication: &TempPublication, args: &[&str]) -> Finished {
    Finished::of(bulletin().arg("-C").arg(publication.root()).args(args))
}

/// Every page's printed lines, as text.
fn printed(volume: &volume::Volume) -> Vec<Vec<String>> {
    document_pages(&volume.document)
        .iter()
        .map(page_lines)
        .collect()
}

/// Each page's printed lines, as text.
fn page_lines(page: &Page) -> Vec<String> {
    lines(&page.runs)
        .iter()
        .map(|line| line_text(line))
        .collect()
}

/// A page number as the footer prints it: "— 7 —".
fn is_page_number(line: &str) -> bool {
    let inner = line
        .trim()
        .trim_start_matches('—')
        .trim_end_matches('—')
        .trim();
    !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) && line.contains('—')
}

/// The page (from 1) each title is printed on, searched from `from`.
fn title_page(pages: &[Vec<String>], from: usize, title: &str) -> Option<usize> {
    (from..=pages.len()).find(|&n| pages[n - 1].iter().any(|line| line == title))
}

/// The number a contents or index line ends with, after its leaders.
fn printed_number(line: &str) -> Option<usize> {
    let digits: String = line
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    line.trim_end_matches(|c: char| c.is_ascii_digit())
        .ends_with('·')
        .then(|| digits.parse().ok())
        .flatten()
}

#[test]
fn contents_and_index_send_each_article_to_the_page_its_title_is_on() {
    let publication = year();
    let volume = lay_out(&publication);
    let pages: Vec<Vec<String>> = printed(&volume);
    // The front matter: the cover, then 目录 and 栏目索引 each from a
    // right-hand page.
    assert!(
        pages[0].iter().any(|l| l.contains("2024年合订本")),
        "{:?}",
        pages[0]
    );
    assert!(pages[0].iter().any(|l| l.contains("总第101期—总第103期")));
    assert!(
        pages[1].is_empty(),
        "the cover's back is blank: {:?}",
        pages[1]
    );
    let contents = pages
        .iter()
        .position(|p| p.iter().any(|l| l == "目 录" || l == "目录"))
        .unwrap()
        + 1;
    let index = pages
        .iter()
        .position(|p| p.iter().any(|l| l.replace(' ', "") == "栏目索引"))
        .unwrap()
        + 1;
    assert_eq!(contents % 2, 1, "目录 on a right-hand page");
    assert_eq!(index % 2, 1, "栏目索引 on a right-hand page");
    let first_issue = pages
        .iter()
        .position(|p| {
            p.iter().any(|l| l.contains("2024年第1期（总第101期）"))
                && p.iter().any(|l| l.contains("目录提要"))
        })
        .unwrap()
        + 1;

    let contents_lines: Vec<&String> = pages[contents - 1..index - 1].iter().flatten().collect();
    let index_lines: Vec<&String> = pages[index - 1..first_issue - 1].iter().flatten().collect();
    let mut articles = 0;
    for total in TOTALS {
        let count = if total == 102 { 5 } else { 8 };
        for k in 1..=count {
            let title = title(total, k);
            let page = title_page(&pages, first_issue, &title)
                .unwrap_or_else(|| panic!("{title} printed in the volume"));
            let in_contents: Vec<&&String> = contents_lines
                .iter()
                .filter(|l| l.starts_with(&title))
                .collect();
            assert_eq!(in_contents.len(), 1, "{title} once in the contents");
            assert_eq!(
                printed_number(in_contents[0]),
                Some(page),
                "{}",
                in_contents[0]
            );
            let in_index: Vec<&&String> = index_lines
                .iter()
                .filter(|l| l.starts_with(&title))
                .collect();
            assert_eq!(in_index.len(), 1, "{title} once in the index");
            assert_eq!(printed_number(in_index[0]), Some(page), "{}", in_index[0]);
            articles += 1;
        }
    }
    assert_eq!(articles, 21);
    // The index names every section the year used, each once, in the
    // order they first appear.
    for section in [
        "【主题教育】",
        "【科普工作】",
        "【科创工作】",
        "【国际科技交流】",
        "【基层动态】",
    ] {
        assert_eq!(
            index_lines.iter().filter(|l| l.as_str() == section).count(),
            1,
            "{section}"
        );
    }
}

#[test]
fn each_issue_starts_on_a_right_hand_page_and_prints_as_build_prints_it() {
    let publication = year();
    let volume = lay_out(&publication);
    let texts = printed(&volume);
    let mut at = texts
        .iter()
        .position(|p| {
            p.iter().any(|l| l.contains("（总第101期）"))
                && p.iter().any(|l| l.contains("目录提要"))
        })
        .unwrap()
        + 1;
    for total in TOTALS {
        let built = build_issue(publication.root(), total).unwrap();
        let alone: Vec<Vec<String>> = support::pages(&built).iter().map(page_lines).collect();
        assert_eq!(
            at % 2,
            1,
            "issue {total} starts on page {at}, a left-hand page"
        );
        for (k, page) in alone.iter().enumerate() {
            let bound = &texts[at - 1 + k];
            let without_number = |lines: &Vec<String>| -> Vec<String> {
                lines
                    .iter()
                    .filter(|l| !is_page_number(l))
                    .cloned()
                    .collect()
            };
            assert_eq!(
                without_number(bound),
                without_number(page),
                "issue {total}, its page {}",
                k + 1
            );
            // The volume's own page numbers run on through the book.
            let number = bound
                .iter()
                .find(|l| is_page_number(l))
                .unwrap_or_else(|| panic!("page {} numbered", at + k));
            assert_eq!(number.replace(['—', ' '], ""), (at + k).to_string());
        }
        at += alone.len();
        if alone.len() % 2 == 1 && total != *TOTALS.last().unwrap() {
            assert!(
                texts[at - 1].is_empty(),
                "page {at}, before an issue on the right, is blank and unnumbered: {:?}",
                texts[at - 1]
            );
            at += 1;
        }
    }
    // 9 + blank, 6 (five articles) with no blank, 9.
    assert_eq!(at - 1, texts.len(), "nothing after the last issue");
}

#[test]
fn the_command_writes_the_volume_with_bookmarks_issue_section_article() {
    let publication = year();
    let done = run(&publication, &["volume", "2024"]);
    assert!(done.status.success(), "{}", done.show());
    assert!(
        done.stdout.contains("out/volume-2024.pdf"),
        "{}",
        done.stdout
    );
    assert!(done.stderr.is_empty(), "{}", done.stderr);
    let pdf = std::fs::read(publication.path("out/volume-2024.pdf")).unwrap();
    let entries = support::outline(&pdf);
    let depth = entries.iter().map(|(d, _)| d + 1).max().unwrap();
    assert_eq!(depth, 3, "{entries:#?}");
    let issue = entries
        .iter()
        .position(|(d, t)| *d == 0 && t.contains("2024年第2期（总第102期）"))
        .unwrap();
    assert_eq!(
        entries[issue + 1],
        (1, title(102, 1)),
        "the first article, which has no section"
    );
    assert_eq!(entries[issue + 2], (1, "主题教育".to_string()));
    assert_eq!(entries[issue + 3], (2, title(102, 2)));
    assert!(
        entries.iter().any(|(d, t)| *d == 0 && t == "目录"),
        "{entries:#?}"
    );
    assert!(
        entries.iter().any(|(d, t)| *d == 0 && t == "栏目索引"),
        "{entries:#?}"
    );

    // For the archive.
    let archive = publication.root().join("archive.pdf");
    let done = run(
        &publication,
        &[
            "volume",
            "2024",
            "--pdf-standard",
            "a-2b",
            "-o",
            archive.to_str().unwrap(),
        ],
    );
    assert!(done.status.success(), "{}", done.show());
    let archived = std::fs::read(&archive).unwrap();
    let text = String::from_utf8_lossy(&archived);
    assert!(text.contains("pdfaid:part"), "PDF/A metadata");
}

#[test]
fn a_broken_issue_stops_the_volume_where_it_is_wrong_or_is_left_out_and_said_so() {
    let publication = year();
    publication.edit(
        "issues/102.toml",
        "number = 2\n",
        "number = 2\ntittle = 1\n",
    );
    let line = std::fs::read_to_string(publication.path("issues/102.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("tittle"))
        .unwrap()
        + 1;
    let done = run(&publication, &["volume", "2024"]);
    assert_eq!(done.status.code(), Some(1), "{}", done.show());
    assert!(
        done.stderr.contains(&format!("issues/102.toml:{line}:1")),
        "{}",
        done.stderr
    );
    assert!(done.stderr.contains("--skip-broken"), "{}", done.stderr);
    assert!(!publication.path("out/volume-2024.pdf").exists());

    let done = run(&publication, &["volume", "2024", "--skip-broken"]);
    assert!(done.status.success(), "{}", done.show());
    assert!(
        done.stderr.contains("issues/102.toml is left out"),
        "{}",
        done.stderr
    );
    assert!(publication.path("out/volume-2024.pdf").exists());
    let volume = {
        // The contents page says so, in print.
        std::fs::remove_file(publication.path("issues/102.toml")).unwrap();
        lay_out(&publication)
    };
    let pages: Vec<Vec<String>> = printed(&volume);
    assert!(!pages.iter().flatten().any(|l| l.contains(&title(102, 1))));
    assert!(
        volume
            .warnings
            .iter()
            .any(|w| w.contains("no issue of total 102")),
        "{:?}",
        volume.warnings
    );
}

#[test]
fn a_skipped_issue_is_named_on_the_contents_page() {
    let publication = year();
    publication.edit(
        "issues/103.toml",
        "number = 3\n",
        "number = 3\ntittle = 1\n",
    );
    let options = VolumeOptions {
        year: 2024,
        skip_broken: true,
        ..VolumeOptions::default()
    };
    let (chosen, volume) = lay_out_with(&publication, &options);
    assert_eq!(chosen, 3, "the broken issue is chosen by its file's total");
    let pages: Vec<Vec<String>> = printed(&volume);
    let contents = pages
        .iter()
        .position(|p| p.iter().any(|l| l.replace(' ', "") == "目录"))
        .unwrap();
    assert!(
        pages[contents]
            .iter()
            .any(|l| l.contains("总第103期") && l.contains("未收入")),
        "{:?}",
        pages[contents]
    );
    assert_eq!(volume.issues.len(), 2);
}

/// A publication's own layout ([layout] file) lays out its issues in the
/// volume too, as it does in `build`.
#[test]
fn a_publication_with_its_own_layout_binds_its_issues_in_it() {
    let publication = year();
    std::fs::create_dir(publication.path("layouts")).unwrap();
    let layout = std::fs::read_to_string(support::repo().join("layouts/bulletin.typ")).unwrap();
    assert!(
        layout.contains("[— #n —]"),
        "the embedded layout's page number"
    );
    std::fs::write(
        publication.path("layouts/custom.typ"),
        layout.replace("[— #n —]", "[～ #n ～]"),
    )
    .unwrap();
    publication.append(
        "bulletin.toml",
        "\n[layout]\nfile = \"layouts/custom.typ\"\n",
    );
    let volume = lay_out(&publication);
    let pages: Vec<Vec<String>> = printed(&volume);
    let first_issue = pages
        .iter()
        .position(|p| p.iter().any(|l| l.contains("目录提要")))
        .unwrap();
    let numbered = |p: &Vec<String>| p.iter().any(|l| l.contains('～'));
    assert!(numbered(&pages[first_issue]), "{:?}", pages[first_issue]);
    assert!(
        pages[first_issue..]
            .iter()
            .filter(|p| !p.is_empty())
            .all(numbered),
        "every issue page in the publication's layout"
    );
}

/// A picture that prints blurred is reported in the volume as in `build`,
/// located in its issue's file.
#[test]
fn a_blurred_picture_is_reported_as_build_reports_it() {
    let publication = year();
    std::fs::create_dir_all(publication.path("images/102")).unwrap();
    image::RgbImage::from_pixel(600, 400, image::Rgb([200, 30, 30]))
        .save(publication.path("images/102/photo.png"))
        .unwrap();
    let file = "issues/102.toml";
    let text = std::fs::read_to_string(publication.path(file)).unwrap();
    let mut issue: toml::Table = toml::from_str(&text).unwrap();
    let first = issue["articles"].as_array_mut().unwrap()[0]
        .as_table_mut()
        .unwrap();
    let picture: toml::Table = toml::from_str("path = \"images/102/photo.png\"").unwrap();
    first.insert("images".into(), vec![toml::Value::Table(picture)].into());
    std::fs::write(publication.path(file), toml::to_string(&issue).unwrap()).unwrap();

    let built = run(&publication, &["build", "102"]);
    assert!(
        built.stderr.contains("prints at 98 dpi"),
        "{}",
        built.show()
    );
    let bound = run(&publication, &["volume", "2024"]);
    assert!(bound.status.success(), "{}", bound.show());
    let warning = |stderr: &str| -> String {
        stderr
            .lines()
            .find(|l| l.contains("prints at"))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        warning(&bound.stderr),
        warning(&built.stderr),
        "{}",
        bound.stderr
    );
    assert!(
        warning(&bound.stderr).contains("issues/102.toml:"),
        "{}",
        bound.stderr
    );
    assert_eq!(
        bound.stderr.matches("prints at").count(),
        1,
        "{}",
        bound.stderr
    );
}

/// What is wrong with the publication's fonts is said once for the
/// volume, not once for each issue.
#[test]
fn a_font_the_publication_names_but_lacks_is_told_of_once() {
    let publication = year();
    publication.append("bulletin.toml", "\n[fonts]\nbody = [\"NoSuchFont\"]\n");
    let bound = run(&publication, &["volume", "2024"]);
    assert!(bound.status.success(), "{}", bound.show());
    assert_eq!(
        bound.stderr.matches("NoSuchFont").count(),
        1,
        "{}",
        bound.stderr
    );
    assert!(
        !bound.stderr.contains("issues/101.toml"),
        "{}",
        bound.stderr
    );
}
