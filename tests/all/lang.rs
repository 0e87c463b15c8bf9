//! Both languages (issue 15): which one bulletin speaks (`--lang`, then
//! `BULLETIN_LANG`, then `[publication] lang`, then the locale); every
//! message of docs/errors.md produced by the binary in English and in
//! Chinese, with the same location, line and caret, and exactly as the two
//! guides (docs/errors.md, docs/zh/errors.md) print it; no English sentence
//! reaching a Chinese reader, in messages or in help.
//!
//! `BULLETIN_BLESS=1 cargo test --test all lang::` writes the binary's
//! output into the guides' blocks instead of comparing, after a message was
//! changed on purpose.

use crate::support;

use std::fs;
use std::path::PathBuf;

use bulletin::i18n::{self, Lang};
use support::{Finished, TempPublication, bulletin_with_env, english_in, png_declaring, repo};

// ---------------------------------------------------------------------------
// Which language.

/// `bulletin build 999` in a copy of the publication, with the environment
/// `vars` and the extra arguments `args`: says whether it answered in
/// Chinese or in English (there is no issue 999 either way).
fn answer(publication: &TempPublication, vars: &[(&str, &str)], args: &[&str]) -> Lang {
    let run = Finished::of(
        bulletin_with_env(vars)
            .current_dir(publication.root())
            .args(["build", "999"])
            .args(args),
    );
    run.no_panic();
    assert_eq!(run.status.code(), Some(1), "{}", run.show());
    if run.stderr.starts_with("错误：没有第 999 期") {
        Lang::Zh
    } else if run.stderr.starts_with("error: there is no issue 999") {
        Lang::En
    } else {
        panic!("neither language:\n{}", run.show())
    }
}

#[test]
fn the_locale_decides_when_nothing_else_does() {
    let publication = TempPublication::new();
    let zh = "zh_CN.UTF-8";
    assert_eq!(answer(&publication, &[("LANG", zh)], &[]), Lang::Zh);
    assert_eq!(answer(&publication, &[("LANG", "C")], &[]), Lang::En);
    assert_eq!(
        answer(&publication, &[("LANG", "en_US.UTF-8")], &[]),
        Lang::En
    );
    assert_eq!(answer(&publication, &[], &[]), Lang::En, "no locale at all");
    // POSIX order: LC_ALL over LC_MESSAGES over LANG.
    assert_eq!(
        answer(&publication, &[("LC_ALL", "C"), ("LANG", zh)], &[]),
        Lang::En
    );
    assert_eq!(
        answer(&publication, &[("LC_MESSAGES", zh), ("LANG", "C")], &[]),
        Lang::Zh
    );
    assert_eq!(
        answer(&publication, &[("LC_ALL", zh), ("LC_MESSAGES", "C")], &[]),
        Lang::Zh
    );
}

#[test]
fn the_command_line_wins_over_the_environment_which_wins_over_the_locale() {
    let publication = TempPublication::new();
    let zh = ("LANG", "zh_CN.UTF-8");
    let c = ("LANG", "C");
    assert_eq!(answer(&publication, &[zh], &["--lang", "en"]), Lang::En);
    assert_eq!(answer(&publication, &[c], &["--lang", "zh"]), Lang::Zh);
    assert_eq!(answer(&publication, &[c], &["--lang=zh"]), Lang::Zh);
    assert_eq!(
        answer(&publication, &[zh, ("BULLETIN_LANG", "en")], &[]),
        Lang::En
    );
    assert_eq!(
        answer(&publication, &[c, ("BULLETIN_LANG", "zh")], &[]),
        Lang::Zh
    );
    assert_eq!(
        answer(
            &publication,
            &[c, ("BULLETIN_LANG", "zh")],
            &["--lang", "en"]
        ),
        Lang::En
    );
}

#[test]
fn the_publication_wins_over_the_locale_but_not_over_the_command_line() {
    let publication = TempPublication::new();
    publication.edit(
        "bulletin.toml",
        "publisher = \"北京市科协办公室\"\n",
        "publisher = \"北京市科协办公室\"\nlang = \"zh\"\n",
    );
    let c = ("LANG", "C");
    assert_eq!(answer(&publication, &[c], &[]), Lang::Zh);
    assert_eq!(
        answer(&publication, &[c, ("BULLETIN_LANG", "en")], &[]),
        Lang::En
    );
    assert_eq!(answer(&publication, &[c], &["--lang", "en"]), Lang::En);

    // Found the same way from elsewhere, with -C.
    let run = Finished::of(
        bulletin_with_env(&[c])
            .arg("-C")
            .arg(publication.root())
            .args(["build", "999"]),
    );
    assert!(
        run.stderr.starts_with("错误：没有第 999 期"),
        "{}",
        run.show()
    );

    // And it speaks English when the office says so on a Chinese machine.
    publication.edit("bulletin.toml", "lang = \"zh\"", "lang = \"en\"");
    assert_eq!(
        answer(&publication, &[("LANG", "zh_CN.UTF-8")], &[]),
        Lang::En
    );
}

#[test]
fn a_language_bulletin_does_not_speak_is_told_and_passed_over() {
    let publication = TempPublication::new();
    let run = Finished::of(
        bulletin_with_env(&[("BULLETIN_LANG", "fr"), ("LANG", "zh_CN.UTF-8")])
            .current_dir(publication.root())
            .args(["build", "999"]),
    );
    assert!(
        run.stderr
            .starts_with("警告：BULLETIN_LANG=fr 不是 bulletin 支持的语言（zh 或 en）：已忽略\n"),
        "{}",
        run.show()
    );
    assert!(run.stderr.contains("错误：没有第 999 期"), "{}", run.show());

    // clap refuses a wrong --lang, in the language the rest chose.
    let run = Finished::of(
        bulletin_with_env(&[("LANG", "zh_CN.UTF-8")])
            .current_dir(publication.root())
            .args(["build", "74", "--lang", "fr"]),
    );
    assert_eq!(run.status.code(), Some(2), "{}", run.show());
    assert!(
        run.stderr
            .starts_with("错误：“--lang <LANG>”的值“fr”无效（可选：zh、en）"),
        "{}",
        run.show()
    );

    // A wrong `lang` in bulletin.toml is located, like any other value.
    publication.edit(
        "bulletin.toml",
        "publisher = \"北京市科协办公室\"\n",
        "publisher = \"北京市科协办公室\"\nlang = \"fr\"\n",
    );
    let run = Finished::of(
        bulletin_with_env(&[("LANG", "C")])
            .current_dir(publication.root())
            .args(["build", "74"]),
    );
    assert!(
        run.stderr.starts_with(
            "error: bulletin.toml:6:8: lang must be \"zh\" (Chinese messages) or \"en\" \
             (English messages)\n"
        ),
        "{}",
        run.show()
    );
}

#[test]
fn help_speaks_chinese_throughout() {
    let commands: Vec<Vec<&str>> = vec![
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["new", "--help"],
        vec!["import", "--help"],
        vec!["watch", "--help"],
        vec!["list", "--help"],
        vec!["fonts", "--help"],
        vec!["eject", "--help"],
        vec!["help", "build"],
    ];
    for args in commands {
        let run = Finished::of(bulletin_with_env(&[("LANG", "zh_CN.UTF-8")]).args(&args));
        assert_eq!(run.status.code(), Some(0), "{args:?}: {}", run.show());
        assert!(
            run.stdout.contains("用法：bulletin"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(run.stdout.contains("选项："), "{args:?}: {}", run.stdout);
        assert!(
            run.stdout.contains("-h, --help         显示帮助") || run.stdout.contains("显示帮助"),
            "{args:?}: {}",
            run.stdout
        );
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print help",
            "default:",
        ] {
            assert!(
                !run.stdout.contains(english),
                "{args:?} says {english:?}:\n{}",
                run.stdout
            );
        }
        if let Some(sentence) = english_in(&run.stdout) {
            panic!("{args:?} has English: {sentence:?}\n{}", run.stdout);
        }
        // The same help in English is English.
        let run = Finished::of(bulletin_with_env(&[("LANG", "C")]).args(&args));
        assert!(
            run.stdout.contains("Usage: bulletin"),
            "{args:?}: {}",
            run.stdout
        );
    }
    let build =
        Finished::of(bulletin_with_env(&[("LANG", "zh_CN.UTF-8")]).args(["build", "--help"]));
    assert!(
        build
            .stdout
            .contains("写出什么：PDF，或每页一张图片（默认：pdf；可选：pdf、png、svg）"),
        "{}",
        build.stdout
    );
}

#[test]
fn no_command_at_all_shows_the_help_with_status_2() {
    let run = Finished::of(&mut bulletin_with_env(&[("LANG", "zh_CN.UTF-8")]));
    assert_eq!(run.status.code(), Some(2), "{}", run.show());
    assert!(
        run.stderr.contains("用法：bulletin [OPTIONS] <COMMAND>"),
        "{}",
        run.show()
    );
    // Aligned to the longest command's name, whichever that is.
    assert!(
        run.stderr.lines().any(|line| line.starts_with("  build ")
            && line
                .trim_start_matches("  build ")
                .trim_start()
                .starts_with("把一期排成 PDF")),
        "{}",
        run.show()
    );
}

#[test]
fn mistakes_on_the_command_line_are_told_in_chinese_with_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["buidl"], "错误：不认识的命令“buidl”"),
        (&["build", "74", "--colour"], "错误：不认识的参数“--colour”"),
        (&["build"], "错误：缺少必需的参数：<ISSUE>"),
        (
            &["build", "74", "--ppi", "0"],
            "错误：“--ppi <N>”的值“0”无效：请给出 1 到 1200 之间的每英寸像素数，如 144",
        ),
        (
            &["build", "74", "--all"],
            "错误：参数“[ISSUE]”不能与“--all”同时使用",
        ),
    ];
    for (args, start) in cases {
        let run = Finished::of(bulletin_with_env(&[("LANG", "zh_CN.UTF-8")]).args(*args));
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", run.show());
        assert!(run.stderr.starts_with(start), "{args:?}: {}", run.show());
        assert!(
            run.stderr
                .trim_end()
                .ends_with("详细说明请运行 --help 查看。"),
            "{args:?}: {}",
            run.show()
        );
        if let Some(sentence) = english_in(&run.stderr) {
            panic!("{args:?}: English {sentence:?} in {}", run.stderr);
        }
        let english = Finished::of(bulletin_with_env(&[("LANG", "C")]).args(*args));
        assert_eq!(
            english.status.code(),
            Some(2),
            "{args:?}: {}",
            english.show()
        );
    }
}

// ---------------------------------------------------------------------------
// docs/errors.md, row by row, in both languages.

/// A row of docs/errors.md: how to make the mistake in a copy of the
/// publication, and the arguments of the run that meets it.
struct Row {
    number: u32,
    args: &'static [&'static str],
    make: fn(&TempPublication),
}

/// Replaces line `n` (1-based) of `file` by `line`.
fn set_line(publication: &TempPublication, file: &str, n: usize, line: &[u8]) {
    let path = publication.path(file);
    let bytes = fs::read(&path).unwrap();
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    lines[n - 1] = line;
    fs::write(&path, lines.join(&b'\n')).unwrap();
}

/// Deletes lines `from..=to` (1-based) of `file`.
fn delete_lines(publication: &TempPublication, file: &str, from: usize, to: usize) {
    let path = publication.path(file);
    let text = fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .split('\n')
        .enumerate()
        .filter(|(i, _)| !(from - 1..to).contains(i))
        .map(|(_, line)| line)
        .collect();
    fs::write(&path, kept.join("\n")).unwrap();
}

const ISSUE: &str = "issues/74.toml";
const CONFIG: &str = "bulletin.toml";

/// Article 1 with one picture at `path` (the picture's `path` is on line 22).
fn picture_at(publication: &TempPublication, path: &str) {
    publication.edit(
        ISSUE,
        "\"\"\"\n\n[[articles]]\nsection = \"主题教育\"",
        &format!(
            "\"\"\"\n\n[[articles.images]]\npath = \"{path}\"\n\n[[articles]]\nsection = \"主题教育\""
        ),
    );
}

/// Article 1 with one picture at `path`, holding `bytes`.
fn picture_of(publication: &TempPublication, path: &str, bytes: &[u8]) {
    picture_at(publication, path);
    let file = publication.path(path);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(file, bytes).unwrap();
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            number: 1,
            args: &["build", "74"],
            make: |p| p.edit(ISSUE, "editor = \"张红波\"", "editor = \"张红波"),
        },
        Row {
            number: 2,
            args: &["build", "74"],
            make: |p| {
                set_line(
                    p,
                    ISSUE,
                    23,
                    "tittle = \"市科协召开主题教育学习研讨专题会\"".as_bytes(),
                )
            },
        },
        Row {
            number: 3,
            args: &["build", "74"],
            make: |p| p.edit(ISSUE, "number = 21", "number = \"21\""),
        },
        Row {
            number: 4,
            args: &["build", "74"],
            make: |p| p.edit(ISSUE, "date = 2023-08-11\n", ""),
        },
        Row {
            number: 5,
            args: &["build", "74"],
            make: |p| delete_lines(p, ISSUE, 24, 28),
        },
        Row {
            number: 6,
            args: &["build", "74"],
            make: |p| set_line(p, ISSUE, 23, b"title = \"\""),
        },
        Row {
            number: 7,
            args: &["build", "74"],
            make: |p| {
                delete_lines(p, ISSUE, 25, 27);
                set_line(p, ISSUE, 24, b"body = \"\"\"\n   \t");
            },
        },
        Row {
            number: 8,
            args: &["build", "74"],
            make: |p| p.edit(ISSUE, "total = 74", "total = 75"),
        },
        Row {
            number: 9,
            args: &["build", "74"],
            make: |p| p.edit(ISSUE, "number = 21", "number = 0"),
        },
        Row {
            number: 10,
            args: &["build", "74"],
            make: |p| p.edit(ISSUE, "date = 2023-08-11", "date = 2023-02-30"),
        },
        Row {
            number: 11,
            args: &["build", "74"],
            make: |p| {
                p.edit(
                    ISSUE,
                    "date = 2023-08-11\n",
                    "date = 2023-08-11\nyear = 2020\n",
                )
            },
        },
        Row {
            number: 12,
            args: &["build", "74"],
            make: |p| set_line(p, ISSUE, 87, "section = \"主题教育\"".as_bytes()),
        },
        Row {
            number: 13,
            args: &["build", "74"],
            make: |p| {
                p.edit(
                    ISSUE,
                    "contents = \"北京市全民科学素质工作第二次会议召开\"",
                    "contents = \"\"",
                )
            },
        },
        Row {
            number: 14,
            // 科协 saved as GBK: bytes that are not UTF-8.
            args: &["build", "74"],
            make: |p| set_line(p, ISSUE, 23, b"title = \"\xBF\xC6\xD0\xAD\""),
        },
        Row {
            number: 15,
            args: &["build", "74"],
            make: |p| p.edit(CONFIG, "[footer]", "[footer"),
        },
        Row {
            number: 16,
            args: &["build", "74"],
            make: |p| p.edit(CONFIG, "publisher =", "publisherr ="),
        },
        Row {
            number: 17,
            args: &["build", "74"],
            make: |p| {
                p.edit(
                    CONFIG,
                    "publisher = \"北京市科协办公室\"\n",
                    "publisher = \"北京市科协办公室\"\ncadence_days = \"7\"\n",
                )
            },
        },
        Row {
            number: 18,
            args: &["build", "74"],
            make: |p| p.edit(CONFIG, "publisher = \"北京市科协办公室\"\n", ""),
        },
        Row {
            number: 19,
            args: &["build", "74"],
            make: |p| p.edit(CONFIG, "name = \"科协每周动态\"", "name = \"\""),
        },
        Row {
            number: 20,
            args: &["build", "74"],
            make: |p| {
                let (gbk, _, _) = encoding_rs::GBK.encode("北京市科协办公室");
                let mut line = b"publisher = \"".to_vec();
                line.extend_from_slice(&gbk);
                line.push(b'"');
                set_line(p, CONFIG, 5, &line);
            },
        },
        Row {
            number: 21,
            args: &["build", "74"],
            make: |p| picture_at(p, "images/74/photo.jpg"),
        },
        Row {
            number: 22,
            args: &["build", "74"],
            make: |p| picture_of(p, "images/74/photo.jpg", "不是图片".as_bytes()),
        },
        Row {
            number: 23,
            args: &["build", "74"],
            make: |p| picture_at(p, "../photo.jpg"),
        },
        Row {
            number: 24,
            args: &["build", "74"],
            make: |p| picture_at(p, "/home/editor/简报/images/74/photo.jpg"),
        },
        Row {
            number: 25,
            args: &["build", "74"],
            make: |p| {
                picture_at(p, "images/74/link.png");
                fs::create_dir_all(p.path("images/74")).unwrap();
                let outside = p.path("../outside.png");
                fs::copy(repo().join("docs/images/74-1.png"), &outside).unwrap();
                #[cfg(unix)]
                std::os::unix::fs::symlink(&outside, p.path("images/74/link.png")).unwrap();
            },
        },
        Row {
            number: 29,
            args: &["build", "74"],
            make: |p| picture_of(p, "images/74/scan.png", &png_declaring(60_000, 60_000)),
        },
        Row {
            number: 30,
            args: &["build", "74"],
            make: |p| {
                let drawing = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\">\
                               <image href=\"../../../photo.png\" width=\"20\" height=\"10\"/></svg>";
                picture_of(p, "images/74/map.svg", drawing.as_bytes());
            },
        },
        Row {
            number: 31,
            args: &["build", "74"],
            make: |p| {
                let mut drawing = String::from("<!DOCTYPE svg [\n<!ENTITY l0 \"ha\">\n");
                for level in 1..=9 {
                    let refs = format!("&l{};", level - 1).repeat(10);
                    drawing.push_str(&format!("<!ENTITY l{level} \"{refs}\">\n"));
                }
                drawing.push_str(
                    "]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\">\
                     <text>&l9;</text></svg>",
                );
                picture_of(p, "images/74/chart.svg", drawing.as_bytes());
            },
        },
        #[cfg(unix)]
        Row {
            number: 32,
            args: &["build", "74"],
            make: |p| {
                picture_at(p, "images/74/photo.jpg");
                fs::create_dir_all(p.path("images/74")).unwrap();
                let made = std::process::Command::new("mkfifo")
                    .arg(p.path("images/74/photo.jpg"))
                    .status()
                    .unwrap();
                assert!(made.success());
            },
        },
        Row {
            number: 33,
            args: &["build", "74"],
            make: |p| {
                picture_at(p, "images/74/chart.svg");
                fs::create_dir_all(p.path("images/74")).unwrap();
                fs::write(p.path("images/74/scan.png"), png_declaring(6000, 5000)).unwrap();
                let image = "<image href=\"scan.png\" width=\"20\" height=\"10\"/>";
                let drawing = format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\">{image}{image}</svg>"
                );
                fs::write(p.path("images/74/chart.svg"), drawing).unwrap();
            },
        },
        Row {
            number: 34,
            args: &["build", "74"],
            make: |p| {
                picture_at(p, "images/74/chart.svg");
                fs::create_dir_all(p.path("images/74")).unwrap();
                let inner =
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"/>";
                fs::write(p.path("images/74/map.svg"), inner).unwrap();
                let drawing = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\">\
                               <image href=\"map.svg\" width=\"20\" height=\"10\"/></svg>";
                fs::write(p.path("images/74/chart.svg"), drawing).unwrap();
            },
        },
        Row {
            number: 35,
            args: &["import", "长文.txt", "--into", "74"],
            make: |p| {
                let text = format!(
                    "标题\n\n{}",
                    "近日，门头沟区科协组织科技志愿者深入受灾村镇。\n\n".repeat(240_000)
                );
                fs::write(p.path("长文.txt"), text).unwrap();
            },
        },
        Row {
            number: 36,
            args: &[
                "build",
                "74",
                "--pdf-standard",
                "ua-1",
                "--pdf-standard",
                "2.0",
            ],
            make: |_| {},
        },
        Row {
            number: 28,
            args: &[
                "build",
                "74",
                "--allow-missing-glyphs",
                "--pdf-standard",
                "a-2b",
            ],
            make: |p| {
                p.edit(
                    ISSUE,
                    "title = \"2023年北京市全民科学素质工作第二次会议召开\"",
                    "title = \"2023年北京市全民科学素质工作第二次会议\\uE000召开\"",
                )
            },
        },
    ]
}

/// What `bulletin` prints on stderr for one row, in `lang`, run inside the
/// publication folder as the guides show it.
fn run_row(row: &Row, lang: Lang) -> Finished {
    // The picture link of row 25 points beside the copy: one folder each.
    let holder = tempfile::tempdir().unwrap();
    let publication = TempPublication::new_in(holder.path());
    (row.make)(&publication);
    let run = Finished::of(
        bulletin_with_env(&[("BULLETIN_LANG", lang.code())])
            .current_dir(publication.root())
            .args(row.args),
    );
    run.no_panic();
    run
}

/// The located frame of a message: `file:line:col`, the shown line and
/// the caret line, without the words.
fn frame(message: &str) -> (Option<String>, Vec<String>) {
    let first = message.lines().next().unwrap_or_default();
    let location = first
        .split(['：', ' '])
        .find(|part| part.matches(':').count() >= 2)
        .map(|part| part.trim_end_matches(':').to_string());
    let gutter = message
        .lines()
        .filter(|line| line.trim_start().split_once('|').is_some())
        .map(str::to_string)
        .collect();
    (location, gutter)
}

#[test]
fn every_row_of_the_error_table_is_told_in_both_languages_as_the_guides_print_it() {
    let bless = std::env::var_os("BULLETIN_BLESS").is_some();
    let guides = [
        (Lang::En, repo().join("docs/errors.md")),
        (Lang::Zh, repo().join("docs/zh/errors.md")),
    ];
    let mut texts: Vec<String> = guides
        .iter()
        .map(|(_, path)| fs::read_to_string(path).unwrap())
        .collect();
    let mut outputs: Vec<(u32, Lang, String)> = Vec::new();
    for row in rows() {
        let en = run_row(&row, Lang::En);
        let zh = run_row(&row, Lang::Zh);
        assert_eq!(
            en.status.code(),
            Some(1),
            "row {}: {}",
            row.number,
            en.show()
        );
        assert_eq!(
            zh.status.code(),
            Some(1),
            "row {}: {}",
            row.number,
            zh.show()
        );
        // The same facts: where, the line, the caret.
        assert_eq!(
            frame(&en.stderr),
            frame(&zh.stderr),
            "row {}: the frame differs:\n{}\n{}",
            row.number,
            en.stderr,
            zh.stderr
        );
        assert!(en.stderr.starts_with("error: ") || en.stderr.starts_with("warning: "));
        assert!(
            zh.stderr.starts_with("错误：") || zh.stderr.starts_with("警告："),
            "row {}: {}",
            row.number,
            zh.stderr
        );
        if let Some(sentence) = english_in(&zh.stderr) {
            panic!("row {}: English {sentence:?} in\n{}", row.number, zh.stderr);
        }
        outputs.push((row.number, Lang::En, en.stderr));
        outputs.push((row.number, Lang::Zh, zh.stderr));
    }
    // Row 26 (a folder that cannot be written) can only be met by a user the
    // system holds to permissions; its words are the library's.
    for (lang, _) in &guides {
        let message = i18n::with_lang(*lang, || {
            let error = bulletin::output::OutputError::FolderNotWritable {
                path: PathBuf::from("out/74.pdf"),
                folder: PathBuf::from("out"),
            };
            format!("{}{error}\n", i18n::error_label())
        });
        outputs.push((26, *lang, message));
    }
    // Row 27: no bulletin.toml, in a folder shown as the guides show it.
    let empty = tempfile::tempdir().unwrap();
    for (lang, _) in &guides {
        let run = Finished::of(
            bulletin_with_env(&[("BULLETIN_LANG", lang.code())])
                .current_dir(empty.path())
                .args(["build", "74"]),
        );
        assert_eq!(run.status.code(), Some(1), "{}", run.show());
        let real = empty.path().canonicalize().unwrap();
        let shown = run
            .stderr
            .replace(&real.display().to_string(), "/home/editor/简报");
        outputs.push((27, *lang, shown));
    }

    let mut stale = Vec::new();
    for (number, lang, stderr) in &outputs {
        let i = guides.iter().position(|(l, _)| l == lang).unwrap();
        let (block, command) = block_of(&texts[i], *number)
            .unwrap_or_else(|| panic!("{}: no block for row {number}", guides[i].1.display()));
        let expected = &texts[i][block.clone()];
        let actual = format!("{command}\n{}", stderr.trim_end());
        if expected.trim_end() != actual {
            if bless {
                texts[i].replace_range(block, &actual);
            } else {
                stale.push(format!(
                    "{} row {number}:\n--- guide:\n{expected}\n--- bulletin:\n{actual}\n",
                    guides[i].1.display()
                ));
            }
        }
    }
    if bless {
        for ((_, path), text) in guides.iter().zip(&texts) {
            fs::write(path, text).unwrap();
        }
    }
    assert!(
        stale.is_empty(),
        "the guides differ from what bulletin prints (BULLETIN_BLESS=1 rewrites them):\n{}",
        stale.join("\n")
    );
}

/// The byte range of row `number`'s example in a guide (from its `$ `
/// line to the end of the block) and that `$ ` line.
fn block_of(text: &str, number: u32) -> Option<(std::ops::Range<usize>, String)> {
    let heading = text.find(&format!("\n**{number}. "))?;
    let open = heading + text[heading..].find("```text\n")? + "```text\n".len();
    let close = open + text[open..].find("\n```")?;
    let command = text[open..close].lines().next()?.to_string();
    command.starts_with("$ ").then_some((open..close, command))
}

// ---------------------------------------------------------------------------
// The Chinese guide.

/// The keys a table of the files takes, as bulletin's own message lists
/// them when a key it does not know is written there.
fn keys_taken(file: &str, from: &str, to: &str) -> Vec<String> {
    let publication = TempPublication::new();
    publication.edit(file, from, to);
    let run = Finished::of(
        bulletin_with_env(&[("BULLETIN_LANG", "en")])
            .current_dir(publication.root())
            .args(["build", "74"]),
    );
    let allowed = run
        .stderr
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("no list of keys:\n{}", run.show()))
        .1;
    let allowed = allowed.split(" (").next().unwrap();
    allowed
        .split(", ")
        .map(|key| key.trim_matches('`').to_string())
        .collect()
}

#[test]
fn the_chinese_guide_shows_every_key_the_files_take() {
    let guide = fs::read_to_string(repo().join("docs/zh/README.md")).unwrap();
    let tables = [
        (ISSUE, "total = 74\n", "total = 74\nzzz = 1\n"),
        (
            ISSUE,
            "title = \"2023年北京",
            "zzz = 1\ntitle = \"2023年北京",
        ),
        (
            ISSUE,
            "\"\"\"\n\n[[articles]]\nsection = \"主题教育\"",
            "\"\"\"\n\n[[articles.images]]\nzzz = 1\npath = \"a.png\"\n\n[[articles]]\nsection = \"主题教育\"",
        ),
        (ISSUE, "total = 74\n", "total = 74\n[footer]\nzzz = 1\n"),
        (CONFIG, "name = ", "zzz = 1\nname = "),
        (CONFIG, "[footer]", "[layout]\nzzz = 1\n\n[footer]"),
        (CONFIG, "[footer]", "[fonts]\nzzz = 1\n\n[footer]"),
        (CONFIG, "[footer]", "[footer]\nzzz = 1"),
    ];
    let mut undocumented = Vec::new();
    for (file, from, to) in tables {
        for key in keys_taken(file, from, to) {
            let shown = [
                format!("\n{key} = "),
                format!("# {key} = "),
                format!("[{key}]"),
                format!(".{key}]]"),
                format!("[[{key}]]"),
            ]
            .iter()
            .any(|form| guide.contains(form.as_str()));
            if !shown {
                undocumented.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "docs/zh/README.md shows no example of: {undocumented:?}"
    );
}
