//! Whether an issue's PDF is up to date counts every file it is built from:
//! `bulletin list` and the desk's front page answer from the same inputs
//! that `watch` and the desk rebuild on (`bulletin::live`).

mod common;
mod desk_support;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{ISSUE_74, TempPublication};

/// A photo of one colour, as PNG, at `path`.
fn photo(path: &Path, colour: [u8; 3]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_pixel(600, 400, image::Rgb(colour))
        .save_with_format(path, image::ImageFormat::Png)
        .unwrap();
}

/// Issue 74 with a photo after the first paragraph of its first article.
fn with_photo(root: &Path) {
    photo(&root.join("images/74/photo.png"), [20, 150, 90]);
    let issue = root.join(ISSUE_74);
    let text = fs::read_to_string(&issue).unwrap();
    let first_body_end = "不断提升基层科普公共服务能力。发挥示范引领作用";
    assert!(text.contains(first_body_end));
    let at = text.find("\n[[articles]]\nsection = \"主题教育\"").unwrap();
    let table = "\n[[articles.images]]\npath = \"images/74/photo.png\"\ncaption = \"会议现场\"\n";
    fs::write(&issue, format!("{}{table}{}", &text[..at], &text[at..])).unwrap();
}

fn set_modified(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Replaces the photo with another, saved a minute after the PDF was made
/// (a file system's clock may be coarse).
fn replace_photo(root: &Path) {
    let pdf = modified(&root.join("out/74.pdf"));
    let path = root.join("images/74/photo.png");
    photo(&path, [200, 40, 40]);
    set_modified(&path, pdf + Duration::from_secs(60));
}

/// The PDF column of `bulletin list`'s row of issue 74.
fn listed_pdf(root: &Path) -> String {
    let run = common::bulletin()
        .current_dir(root)
        .arg("list")
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let stdout = String::from_utf8(run.stdout).unwrap();
    let row = stdout
        .lines()
        .find(|line| line.trim_start().starts_with("74 "))
        .unwrap_or_else(|| panic!("a row for 74: {stdout}"));
    row.split_whitespace().skip(4).collect::<Vec<_>>().join(" ")
}

fn build_74(root: &Path) {
    let run = common::bulletin()
        .current_dir(root)
        .args(["build", "74"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
}

#[test]
fn list_calls_a_pdf_stale_once_a_picture_it_prints_is_replaced() {
    let publication = TempPublication::new();
    let root = publication.root();
    with_photo(root);
    build_74(root);
    assert_eq!(listed_pdf(root), "up to date");

    replace_photo(root);
    assert!(
        listed_pdf(root).starts_with("out of date"),
        "{}",
        listed_pdf(root)
    );

    // Built again (the photo's time put back from the future first).
    set_modified(
        &root.join("images/74/photo.png"),
        SystemTime::now() - Duration::from_secs(60),
    );
    build_74(root);
    assert_eq!(listed_pdf(root), "up to date");
}

#[test]
fn list_calls_a_pdf_stale_once_a_font_folder_changes() {
    let publication = TempPublication::new();
    let root = publication.root();
    fs::create_dir(root.join("office-fonts")).unwrap();
    publication.append("bulletin.toml", "\n[fonts]\npaths = [\"office-fonts\"]\n");
    build_74(root);
    assert_eq!(listed_pdf(root), "up to date");

    // A font added to the folder: the book the layout picks from changed.
    let pdf = modified(&root.join("out/74.pdf"));
    let added = root.join("office-fonts/FandolFang-Regular.otf");
    fs::copy(common::repo().join("fonts/FandolFang-Regular.otf"), &added).unwrap();
    set_modified(&added, pdf + Duration::from_secs(60));
    assert!(listed_pdf(root).starts_with("out of date"));
}

#[test]
fn a_pdf_whose_picture_was_deleted_is_stale_and_list_still_works() {
    let publication = TempPublication::new();
    let root = publication.root();
    with_photo(root);
    build_74(root);
    fs::remove_file(root.join("images/74/photo.png")).unwrap();
    // Building again would not make this PDF (it would fail at the path).
    assert!(listed_pdf(root).starts_with("out of date"));
}

#[test]
fn the_desks_front_page_calls_a_pdf_stale_once_a_picture_it_prints_is_replaced() {
    let served = desk_support::Served::new();
    let root = served.dir.path();
    with_photo(root);
    build_74(root);
    let state = |served: &desk_support::Served| -> String {
        let reply = served.get("/api/publication");
        assert_eq!(reply.status, 200, "{}", reply.text);
        let json = reply.json();
        let issues = json["issues"].as_array().unwrap();
        let row = issues.iter().find(|row| row["file_total"] == 74).unwrap();
        row["pdf"].as_str().unwrap().to_string()
    };
    assert_eq!(state(&served), "fresh");
    replace_photo(root);
    assert_eq!(state(&served), "stale");
}
