//! `bulletin init`: a new publication from flags or from answers typed at
//! a terminal, refused where it would replace anything, and built at once.

use crate::support;

use std::path::Path;

use support::{Finished, bulletin, bulletin_process, line_text, lines};

const FLAGS: &[&str] = &[
    "--name",
    "科协每周动态",
    "--publisher",
    "北京市科协办公室",
    "--first",
    "101",
    "--number",
    "1",
    "--date",
    "2024-01-05",
    "--cadence",
    "7",
    "--sections",
    "工作动态，基层动态",
    "--editor",
    "张红波",
    "--reviewer",
    "李金涛",
];

fn init(dir: &Path, extra: &[&str]) -> Finished {
    Finished::of(bulletin().arg("init").arg(dir).args(extra))
}

/// Every file and folder under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            found.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn flags_make_a_publication_that_builds_and_checks_clean() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("新刊");
    let run = init(&dir, FLAGS);
    assert!(run.status.success(), "{}", run.show());
    assert_eq!(
        tree(&dir),
        [".gitignore", "bulletin.toml", "issues", "issues/101.toml"]
    );
    assert!(run.stderr.contains("bulletin build 101"), "{}", run.show());
    assert!(run.stderr.contains("cd "), "next steps: {}", run.show());
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "out/"), "{gitignore}");

    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("bulletin.toml")).unwrap()).unwrap();
    assert_eq!(config["publication"]["name"].as_str(), Some("科协每周动态"));
    assert_eq!(
        config["publication"]["publisher"].as_str(),
        Some("北京市科协办公室")
    );
    assert_eq!(config["publication"]["cadence_days"].as_integer(), Some(7));
    let issue: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("issues/101.toml")).unwrap()).unwrap();
    assert_eq!(issue["total"].as_integer(), Some(101));
    assert_eq!(issue["number"].as_integer(), Some(1));
    assert_eq!(issue["date"].to_string(), "2024-01-05");
    assert_eq!(issue["editor"].as_str(), Some("张红波"));
    let sections: Vec<&str> = issue["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["工作动态", "基层动态"]);

    // Built with no other step: the masthead, the issue line, each
    // section's heading and the closing block's people, on the pages.
    let built = support::build_issue(&dir, 101).unwrap_or_else(|e| panic!("{e}"));
    let printed: Vec<String> = lines(
        &support::pages(&built)
            .into_iter()
            .flat_map(|p| p.runs)
            .collect::<Vec<_>>(),
    )
    .iter()
    .map(|l| line_text(l))
    .collect();
    let all = printed.join("\n");
    for expected in [
        "2024年第1期（总第101期）",
        "北京市科协办公室",
        "2024年1月5日",
        "【工作动态】",
        "【基层动态】",
        "编辑：张红波",
        "审核：李金涛",
    ] {
        assert!(
            all.replace(' ', "").contains(expected),
            "{expected} not printed:\n{all}"
        );
    }
    let build = Finished::of(bulletin().current_dir(&dir).args(["build", "101"]));
    assert!(build.status.success(), "{}", build.show());
    let pdf = lopdf::Document::load(dir.join("out/101.pdf")).unwrap();
    assert!(!pdf.get_pages().is_empty());

    // What init wrote is clean as written, in either language's words.
    for lang in ["en", "zh"] {
        let other = parent.path().join(format!("in-{lang}"));
        let run = Finished::of(
            bulletin()
                .env("BULLETIN_LANG", lang)
                .arg("init")
                .arg(&other)
                .args(FLAGS),
        );
        assert!(run.status.success(), "{}", run.show());
        let check = Finished::of(
            bulletin()
                .current_dir(&other)
                .args(["check", "--deny-warnings"]),
        );
        assert!(check.status.success(), "{lang}: {}", check.show());
    }
}

#[test]
fn without_a_terminal_the_name_and_publisher_must_be_given_and_the_rest_has_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let run = init(dir.path(), &["--name", "科协每周动态"]);
    assert!(!run.status.success());
    assert!(run.stderr.contains("--publisher"), "{}", run.show());
    assert!(tree(dir.path()).is_empty(), "nothing written");

    let run = init(
        dir.path(),
        &["--name", "科协每周动态", "--publisher", "北京市科协办公室"],
    );
    assert!(run.status.success(), "{}", run.show());
    let issue: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.path().join("issues/1.toml")).unwrap())
            .unwrap();
    assert_eq!(issue["number"].as_integer(), Some(1));
    // No section given: one example article without one.
    let articles = issue["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    assert!(articles[0].get("section").is_none());
}

#[test]
fn nothing_is_ever_replaced() {
    // A publication already.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bulletin.toml"), "# mine\n").unwrap();
    let run = init(dir.path(), FLAGS);
    assert!(!run.status.success());
    assert!(run.stderr.contains("bulletin.toml"), "{}", run.show());
    assert!(run.stderr.contains("nothing was written"), "{}", run.show());
    assert_eq!(tree(dir.path()), ["bulletin.toml"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bulletin.toml")).unwrap(),
        "# mine\n"
    );

    // The first issue's file is there: nothing at all is written, not even
    // bulletin.toml.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("issues")).unwrap();
    std::fs::write(dir.path().join("issues/101.toml"), "keep").unwrap();
    let run = init(dir.path(), FLAGS);
    assert!(!run.status.success());
    assert!(run.stderr.contains("issues/101.toml"), "{}", run.show());
    assert_eq!(tree(dir.path()), ["issues", "issues/101.toml"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("issues/101.toml")).unwrap(),
        "keep"
    );

    // A .gitignore of the office's own is left as it is, and said so.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "*.docx\n").unwrap();
    let run = init(dir.path(), FLAGS);
    assert!(run.status.success(), "{}", run.show());
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "*.docx\n"
    );
    assert!(run.stderr.contains("out/"), "{}", run.show());

    // A file where the folder should be.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let run = init(&file, FLAGS);
    assert!(!run.status.success());
    assert!(run.stderr.contains("not a folder"), "{}", run.show());
    run.no_panic();

    // A value a build would refuse, located in the text init would write.
    let dir = tempfile::tempdir().unwrap();
    let long = "名".repeat(50);
    let run = init(dir.path(), &["--name", &long, "--publisher", "x"]);
    assert!(!run.status.success());
    assert!(run.stderr.contains("bulletin.toml:"), "{}", run.show());
    assert!(tree(dir.path()).is_empty());
}

/// On a terminal, what the flags do not give is asked for, each with its
/// default; a required answer left empty, or a number that is none, is
/// asked again.
#[cfg(unix)]
#[test]
fn a_terminal_is_asked_for_what_the_flags_leave_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = bulletin_process();
    command
        .env("TERM", "dumb")
        .arg("init")
        .arg(dir.path())
        .args(["--date", "2024-01-05"]);
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    session.exp_string("The publication's name").unwrap();
    // Empty: asked again.
    session.send_line("").unwrap();
    session.exp_string("The publication's name").unwrap();
    session.send_line("科协每周动态").unwrap();
    session.exp_string("The publisher").unwrap();
    session.send_line("北京市科协办公室").unwrap();
    session.exp_string("The first issue's total").unwrap();
    session.send_line("75").unwrap();
    session.exp_string("Its number within the year").unwrap();
    session.send_line("x").unwrap();
    session.exp_string("a whole number").unwrap();
    session.send_line("22").unwrap();
    session.exp_string("Days between issues").unwrap();
    // The default.
    session.send_line("").unwrap();
    session.exp_string("The sections").unwrap();
    session.send_line("主题教育、科创工作").unwrap();
    session.exp_string("The editor").unwrap();
    session.send_line("张红波").unwrap();
    session.exp_string("The reviewer").unwrap();
    session.send_line("").unwrap();
    session.exp_string("bulletin build 75").unwrap();
    session.exp_eof().unwrap();

    let issue: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.path().join("issues/75.toml")).unwrap())
            .unwrap();
    assert_eq!(issue["total"].as_integer(), Some(75));
    assert_eq!(issue["number"].as_integer(), Some(22));
    assert_eq!(issue["date"].to_string(), "2024-01-05");
    assert_eq!(issue["editor"].as_str(), Some("张红波"));
    assert!(issue.get("reviewer").is_none());
    let sections: Vec<&str> = issue["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["section"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["主题教育", "科创工作"]);
    let config: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.path().join("bulletin.toml")).unwrap())
            .unwrap();
    assert_eq!(config["publication"]["name"].as_str(), Some("科协每周动态"));
    assert_eq!(config["publication"]["cadence_days"].as_integer(), Some(7));
    support::build_issue(dir.path(), 75).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn completions_parse_and_the_manual_page_names_every_command() {
    let bash = Finished::of(bulletin().args(["completions", "bash"]));
    assert!(bash.status.success(), "{}", bash.show());
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &bash.stdout).unwrap();
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    for command in ["build", "init", "new"] {
        assert!(bash.stdout.contains(command), "{command} completed");
    }
    for shell in ["zsh", "fish", "powershell"] {
        let run = Finished::of(bulletin().args(["completions", shell]));
        assert!(
            run.status.success() && run.stdout.contains("bulletin"),
            "{}",
            run.show()
        );
    }

    let man = Finished::of(bulletin().arg("man"));
    assert!(man.status.success(), "{}", man.show());
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH bulletin"),
        "{}",
        man.show()
    );
    for command in ["build", "init", "completions"] {
        assert!(man.stdout.contains(command), "{command} in the manual");
    }
    // A command's own page, in the catalogue's words, in Chinese too.
    let zh = Finished::of(bulletin().args(["--lang", "zh", "man", "init"]));
    assert!(zh.status.success(), "{}", zh.show());
    assert!(zh.stdout.contains(".TH bulletin-init"), "{}", zh.show());
    assert!(zh.stdout.contains("新建一种刊物"), "{}", zh.show());
    let unknown = Finished::of(bulletin().args(["man", "bild"]));
    assert!(!unknown.status.success());
    assert!(unknown.stderr.contains("build"), "{}", unknown.show());
}
