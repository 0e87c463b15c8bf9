//! Whether an issue's PDF is up to date counts every file it is built from:
//! `bulletin list` and the desk's front page answer from the same inputs
//! that `watch` and the desk rebuild on (`bulletin::live`).

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::{self, ISSUE_74, TempPublication, modified, set_modified};

/// A photo of one colour, as PNG, at `path`.
fn photo(path: &Path, colour: [u8; 3]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_pixel(600, 400, image::Rgb(colour))
        .save_with_format(path, image::ImageFormat::Png)
        .unwrap();
}

/// Issue 74 with a photo at the end of its first article.
fn with_photo(root: &Path) {
    photo(&root.join("images/74/photo.png"), [20, 150, 90]);
    let issue = root.join(ISSUE_74);
    let text = fs::read_to_string(&issue).unwrap();
    let at = text.find("\n[[articles]]\nsection = \"主题教育\"").unwrap();
    let table = "\n[[articles.images]]\npath = \"images/74/photo.png\"\ncaption = \"会议现场\"\n";
    fs::write(&issue, format!("{}{table}{}", &text[..at], &text[at..])).unwrap();
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
fn listed_pdf(publication: &TempPublication) -> String {
    let rows = publication.list_rows();
    let row = rows
        .iter()
        .find(|row| row[0] == "74")
        .expect("a row for 74");
    row[4].clone()
}

#[test]
fn list_calls_a_pdf_stale_once_a_picture_it_prints_is_replaced() {
    let publication = TempPublication::new();
    let root = publication.root();
    with_photo(root);
    publication.run(&["build", "74"]).succeeded();
    assert_eq!(listed_pdf(&publication), "up to date");

    replace_photo(root);
    assert!(listed_pdf(&publication).starts_with("out of date"));

    // Built again (the photo's time put back from the future first).
    set_modified(
        &root.join("images/74/photo.png"),
        SystemTime::now() - Duration::from_secs(60),
    );
    publication.run(&["build", "74"]).succeeded();
    assert_eq!(listed_pdf(&publication), "up to date");
}

#[test]
fn list_calls_a_pdf_stale_once_a_font_folder_changes() {
    let publication = TempPublication::new();
    let root = publication.root();
    fs::create_dir(root.join("office-fonts")).unwrap();
    publication.append("bulletin.toml", "\n[fonts]\npaths = [\"office-fonts\"]\n");
    publication.run(&["build", "74"]).succeeded();
    assert_eq!(listed_pdf(&publication), "up to date");

    // A font added to the folder: the faces the layout picks from changed.
    let pdf = modified(&root.join("out/74.pdf"));
    let added = root.join("office-fonts/FandolFang-Regular.otf");
    fs::copy(support::repo().join("fonts/FandolFang-Regular.otf"), &added).unwrap();
    set_modified(&added, pdf + Duration::from_secs(60));
    assert!(listed_pdf(&publication).starts_with("out of date"));
}

#[test]
fn a_pdf_whose_picture_was_deleted_is_stale_and_list_still_works() {
    let publication = TempPublication::new();
    let root = publication.root();
    with_photo(root);
    publication.run(&["build", "74"]).succeeded();
    fs::remove_file(root.join("images/74/photo.png")).unwrap();
    // Building again would not make this PDF (it would fail at the path).
    assert!(listed_pdf(&publication).starts_with("out of date"));
}

#[cfg(feature = "desk")]
#[test]
fn the_desks_front_page_calls_a_pdf_stale_once_a_picture_it_prints_is_replaced() {
    let served = support::desk::Served::new();
    let root = served.publication.root();
    with_photo(root);
    let built = support::bulletin_c(root)
        .args(["build", "74"])
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let state = || -> String {
        let reply = served.get("/api/publication");
        assert_eq!(reply.status, 200, "{}", reply.text);
        let json = reply.json();
        let issues = json["issues"].as_array().unwrap();
        let row = issues.iter().find(|row| row["file_total"] == 74).unwrap();
        row["pdf"].as_str().unwrap().to_string()
    };
    assert_eq!(state(), "fresh");
    replace_photo(root);
    assert_eq!(state(), "stale");
}
