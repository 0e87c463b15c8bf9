//! Photos, drawings and editor's notes (`[[articles.images]]`, `note`), as a
//! reader of the printed page checks them: where each picture stands, how
//! large it prints, its caption and the 编者按; what the editor is told when
//! a picture is wrong or would print blurred; and the example publication
//! in examples/photos.
//!
//! The pictures are drawn here, with the `image` crate or as SVG text.

use crate::support;

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use bulletin::typeset::build::Built;
use support::{
    BODY_FACE, BOTTOM, Finished, HEADING_FACE, ISSUE_74, KAI_FACE, MM, PITCH, PdfOnDisk, Picture,
    Run, Spot, TITLE_FACE, TOP, TempPublication, WIDTH, close, extent, left, line_text, lines,
    pages, pictures, png_16_bit_declaring, png_declaring,
};

/// Half the text block: the tallest a picture prints without `height`.
const HALF_BLOCK: f64 = 225.0 / 2.0 * MM;

/// The end of article 1's body (3 paragraphs), of article 3's (2) and of
/// article 8's (2, the last article), in issues/74.toml.
const A1_END: &str = "等重点人群的相关工作。\n\"\"\"\n";
const A3_END: &str = "为首都科普事业发展作贡献。\n\"\"\"\n";
const A8_END: &str = "为科技成果转化贡献力量。\n\"\"\"\n";
const A1_CONTENTS: &str = "contents = \"北京市全民科学素质工作第二次会议召开\"\n";

const NOTE: &str = "全民科学素质是创新发展的基础。现将会议情况刊发，请各单位结合实际抓好落实。";

// ---------------------------------------------------------------------------
// Pictures drawn for the tests.

/// The colour at the middle of the test photos.
const GREEN: [u8; 3] = [20, 150, 90];
const BLUE: [u8; 3] = [40, 80, 200];

/// A photo `w` × `h` pixels of one colour with a faint pattern, as PNG or
/// JPEG, at `relative` in the publication.
fn photo(publication: &TempPublication, relative: &str, (w, h): (u32, u32), jpeg: bool) {
    let colour = if jpeg { BLUE } else { GREEN };
    let picture = image::RgbImage::from_fn(w, h, |x, y| {
        let shade = ((x / 8 + y / 8) % 2) as u8 * 6;
        image::Rgb([colour[0] + shade, colour[1] + shade, colour[2] + shade])
    });
    let path = publication.path(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let format = if jpeg {
        image::ImageFormat::Jpeg
    } else {
        image::ImageFormat::Png
    };
    picture.save_with_format(&path, format).unwrap();
}

fn png(publication: &TempPublication, relative: &str, size: (u32, u32)) {
    photo(publication, relative, size, false);
}

fn jpeg(publication: &TempPublication, relative: &str, size: (u32, u32)) {
    photo(publication, relative, size, true);
}

/// A drawing `w` × `h` (user units) as SVG.
fn svg(publication: &TempPublication, relative: &str, (w, h): (u32, u32)) {
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\">\n\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#2a7ab0\"/>\n\
         <circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"#f0c020\"/>\n\
         </svg>\n",
        cx = w / 2,
        cy = h / 2,
        r = h / 3
    );
    write(publication, relative, text.as_bytes());
}

fn write(publication: &TempPublication, relative: &str, bytes: &[u8]) {
    let path = publication.path(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// An `[[articles.images]]` table.
fn table(path: &str, more: &str) -> String {
    format!("\n[[articles.images]]\npath = \"{path}\"\n{more}")
}

/// Puts `tables` after the body ending with `end` (its article's last key).
fn add_images(publication: &TempPublication, end: &str, tables: &str) {
    publication.edit(ISSUE_74, end, &format!("{end}{tables}"));
}

fn add_note(publication: &TempPublication, note: &str) {
    publication.edit(
        ISSUE_74,
        A1_CONTENTS,
        &format!("{A1_CONTENTS}note = \"\"\"\n{note}\n\"\"\"\n"),
    );
}

// ---------------------------------------------------------------------------
// Reading the laid-out pages.

/// A spot on the printed pages, in reading order: page, then height.
type Place = (usize, f64);

fn before(a: Place, b: Place) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
}

fn all_lines(built: &Built) -> Vec<Vec<Run>> {
    let runs: Vec<Run> = pages(built).into_iter().flat_map(|p| p.runs).collect();
    lines(&runs)
}

/// The text of a line set in the body face at 16 pt.
fn body_text(line: &[Run]) -> String {
    line.iter()
        .filter(|r| r.face == BODY_FACE && close(r.size, 16.0, 0.01))
        .map(|r| r.text.as_str())
        .collect()
}

/// Lines of body text, in reading order (not the masthead's).
fn body_lines(built: &Built) -> Vec<Vec<Run>> {
    all_lines(built)
        .into_iter()
        .filter(|l| !body_text(l).is_empty())
        .filter(|l| !(l[0].page == 1 && l[0].y < TOP + 5.0 * PITCH))
        .collect()
}

/// Where each paragraph of each article is printed: the baseline of its
/// first line and of its last, found in the stream of body text.
fn paragraphs(built: &Built) -> Vec<Vec<(Place, Place)>> {
    let lines = body_lines(built);
    let mut stream = String::new();
    // The byte where each line starts in the stream.
    let mut starts = Vec::new();
    for line in &lines {
        starts.push(stream.len());
        stream.push_str(&body_text(line));
    }
    let line_at = |byte: usize| starts.partition_point(|&s| s <= byte) - 1;
    let place = |i: usize| (lines[i][0].page, lines[i][0].y);
    let mut from = 0;
    built
        .issue
        .articles
        .iter()
        .enumerate()
        .map(|(a, article)| {
            article
                .paragraphs
                .iter()
                .enumerate()
                .map(|(p, paragraph)| {
                    let at = from
                        + stream[from..].find(paragraph.as_str()).unwrap_or_else(|| {
                            panic!("article {} paragraph {} is printed", a + 1, p + 1)
                        });
                    from = at + paragraph.len();
                    (place(line_at(at)), place(line_at(from - 1)))
                })
                .collect()
        })
        .collect()
}

/// The printed line whose text is `text`.
fn line_of<'a>(lines: &'a [Vec<Run>], text: &str) -> &'a Vec<Run> {
    lines
        .iter()
        .find(|l| line_text(l) == text)
        .unwrap_or_else(|| panic!("a line {text:?} is printed"))
}

fn top(p: &Picture) -> Place {
    (p.page, p.y)
}

fn bottom(p: &Picture) -> Place {
    (p.page, p.y + p.height)
}

/// Centred in the text block, no wider than the text, inside the type area.
fn assert_centred_and_inside(p: &Picture) {
    let centre = left(p.page) + WIDTH / 2.0;
    assert!(
        close(p.x + p.width / 2.0, centre, 0.5),
        "centred in the text block: {p:?}"
    );
    assert!(p.width <= WIDTH + 0.01, "at most the text width: {p:?}");
    assert!(
        p.y >= TOP - 0.5 && p.y + p.height <= BOTTOM + 0.5,
        "inside the type area, not split: {p:?}"
    );
}

fn assert_aspect(p: &Picture, (w, h): (u32, u32)) {
    let printed = p.width / p.height;
    let drawn = f64::from(w) / f64::from(h);
    assert!(
        close(printed / drawn, 1.0, 0.01),
        "proportions kept: {drawn} drawn, {printed} printed: {p:?}"
    );
}

/// Every body line is on the 22-line grid: a whole number of pitches from
/// the first body line of its page, and that line on the same grid as
/// every other page's.
fn assert_on_the_grid(built: &Built) {
    let lines = body_lines(built);
    let mut firsts: Vec<f64> = Vec::new();
    for line in &lines {
        let page = line[0].page;
        let first = lines.iter().find(|l| l[0].page == page).unwrap()[0].y;
        if firsts.len() < page {
            firsts.resize(page, f64::NAN);
        }
        firsts[page - 1] = first;
        let steps = (line[0].y - first) / PITCH;
        assert!(
            close(line[0].y - first, steps.round() * PITCH, 0.5),
            "page {page}: the line at {} is off the grid (first line at {first}): {}",
            line[0].y,
            line_text(line)
        );
    }
    let firsts: Vec<f64> = firsts.into_iter().filter(|y| !y.is_nan()).collect();
    for y in &firsts {
        let steps = (y - firsts[0]) / PITCH;
        assert!(
            close(y - firsts[0], steps.round() * PITCH, 0.5),
            "every page on the same grid: {firsts:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Two photos, a caption and a note.

const MEETING: (u32, u32) = (1600, 800);
const SPEAKER: (u32, u32) = (900, 1200);
const CAPTION: &str = "会议现场";

/// Issue 74 with a PNG after article 1's first paragraph (with a caption),
/// a JPEG after its body, and a note.
fn two_photos() -> TempPublication {
    let publication = TempPublication::new();
    png(&publication, "images/74/meeting.png", MEETING);
    jpeg(&publication, "images/74/speaker.jpg", SPEAKER);
    add_images(
        &publication,
        A1_END,
        &(table(
            "images/74/meeting.png",
            &format!("caption = \"{CAPTION}\"\nafter = 1\n"),
        ) + &table("images/74/speaker.jpg", "")),
    );
    add_note(&publication, NOTE);
    publication
}

fn two_photos_built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let publication = two_photos();
        publication
            .build()
            .unwrap_or_else(|e| panic!("issue 74 with photos builds: {e}"))
    })
}

#[test]
fn two_photos_stand_after_their_paragraphs() {
    let built = two_photos_built();
    let pictures = pictures(built);
    assert_eq!(pictures.len(), 2, "two pictures laid out: {pictures:?}");
    let (meeting, speaker) = (&pictures[0], &pictures[1]);
    assert_aspect(meeting, MEETING);
    assert_aspect(speaker, SPEAKER);

    let article_1 = &paragraphs(built)[0];
    assert_eq!(article_1.len(), 3);
    // The first photo between paragraph 1's last line and paragraph 2's
    // first, clear of both.
    assert!(
        before(article_1[0].1, top(meeting)),
        "photo 1 after paragraph 1: {meeting:?}, paragraph 1 ends at {:?}",
        article_1[0].1
    );
    let (page, baseline) = article_1[1].0;
    assert!(
        before(bottom(meeting), (page, baseline - 16.0)),
        "photo 1 before paragraph 2: {meeting:?}, paragraph 2 starts at {:?}",
        article_1[1].0
    );
    // The second after the last paragraph, before article 2.
    assert!(
        before(article_1[2].1, top(speaker)),
        "photo 2 after the body: {speaker:?}, which ends at {:?}",
        article_1[2].1
    );
    let lines = all_lines(built);
    let next_title = line_of(&lines, "市科协召开主题教育学习研讨专题会");
    assert!(
        before(bottom(speaker), (next_title[0].page, next_title[0].y)),
        "photo 2 before article 2: {speaker:?}"
    );
    let article_2 = &paragraphs(built)[1];
    assert!(before(bottom(speaker), article_2[0].0));
}

#[test]
fn photos_are_centred_within_the_text_width_and_half_the_block_tall() {
    let pictures = pictures(two_photos_built());
    for p in &pictures {
        assert_centred_and_inside(p);
        assert!(p.height <= HALF_BLOCK + 0.5, "at most 112.5 mm tall: {p:?}");
        assert!(!p.svg);
    }
    // 2:1 prints as wide as the text; 3:4 as tall as half the block.
    let (meeting, speaker) = (&pictures[0], &pictures[1]);
    assert!(close(meeting.width, WIDTH, 0.5), "full width: {meeting:?}");
    assert!(
        close(meeting.height, WIDTH / 2.0, 0.5),
        "half as tall: {meeting:?}"
    );
    assert!(
        close(speaker.height, HALF_BLOCK, 0.5),
        "112.5 mm tall: {speaker:?}"
    );
    assert!(close(speaker.width, HALF_BLOCK * 0.75, 0.5), "{speaker:?}");
}

#[test]
fn the_caption_is_centred_under_its_photo_in_kai_14pt() {
    let built = two_photos_built();
    let pictures = pictures(built);
    let meeting = &pictures[0];
    assert_eq!(
        meeting.alt.as_deref(),
        Some(CAPTION),
        "the caption is its alt text"
    );
    let lines = all_lines(built);
    let caption = line_of(&lines, CAPTION);
    for run in caption {
        assert_eq!(run.face, KAI_FACE, "the caption in kai: {run:?}");
        assert!(close(run.size, 14.0, 0.01), "at 14 pt: {run:?}");
    }
    let (start, end) = extent(caption);
    let middle = (start + end) / 2.0;
    assert!(
        close(middle, meeting.x + meeting.width / 2.0, 1.0),
        "centred under the photo: {start}..{end}, {meeting:?}"
    );
    assert!(close(middle, left(meeting.page) + WIDTH / 2.0, 1.0));
    let baseline = caption[0].y;
    assert_eq!(caption[0].page, meeting.page, "on the photo's page");
    assert!(
        baseline > meeting.y + meeting.height
            && baseline < meeting.y + meeting.height + 2.0 * PITCH,
        "just below the photo: {baseline}, {meeting:?}"
    );
    // And before paragraph 2.
    let paragraph_2 = paragraphs(built)[0][1].0;
    assert!(before((caption[0].page, baseline), paragraph_2));
    // The photo without a caption has none.
    assert_eq!(pictures[1].alt, None);
    assert_eq!(
        lines
            .iter()
            .filter(|l| line_text(l).contains(CAPTION))
            .count(),
        1
    );
}

#[test]
fn the_note_stands_between_the_title_and_the_body_headed_in_hei_in_kai() {
    let built = two_photos_built();
    let lines = all_lines(built);
    let title = line_of(&lines, "2023年北京市全民科学素质工作第二次会议召开");
    assert!(title.iter().all(|r| r.face == TITLE_FACE));
    let title_at = (title[0].page, title[0].y);
    let body_at = paragraphs(built)[0][0].0;

    let first = lines
        .iter()
        .position(|l| line_text(l).starts_with("编者按："))
        .expect("a line starting with 编者按：");
    let note_lines: Vec<&Vec<Run>> = lines[first..]
        .iter()
        .take_while(|l| before((l[0].page, l[0].y), body_at))
        .collect();
    assert!(
        before(title_at, (lines[first][0].page, lines[first][0].y)),
        "the note after the title"
    );
    assert!(!note_lines.is_empty(), "the note before the body");

    // 编者按： in the heading face, then the note in kai.
    let mut label = String::new();
    let mut text = String::new();
    for run in note_lines.iter().flat_map(|l| l.iter()) {
        if label.chars().count() < 4 {
            assert_eq!(run.face, HEADING_FACE, "编者按： in hei: {run:?}");
            label.push_str(&run.text);
        } else {
            assert_eq!(run.face, KAI_FACE, "the note in kai: {run:?}");
            text.push_str(&run.text);
        }
        assert!(close(run.size, 16.0, 0.01), "at 16 pt: {run:?}");
    }
    assert_eq!(label, "编者按：");
    assert_eq!(text, NOTE);
}

#[test]
fn body_lines_after_the_photos_stay_on_the_grid() {
    let built = two_photos_built();
    assert_on_the_grid(built);
    // There is body text after each photo on some page.
    let lines = body_lines(built);
    for p in pictures(built) {
        assert!(
            lines
                .iter()
                .any(|l| before(bottom(&p), (l[0].page, l[0].y))),
            "text follows {p:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Drawings, heights and page breaks.

#[test]
fn an_svg_drawing_is_placed_and_height_sets_its_height() {
    let publication = TempPublication::new();
    svg(&publication, "images/74/chart.svg", (400, 200));
    svg(&publication, "images/74/wide.svg", (600, 200));
    add_images(
        &publication,
        A3_END,
        &(table(
            "images/74/chart.svg",
            "height = \"40mm\"\ncaption = \"示意图\"\n",
        ) + &table("images/74/wide.svg", "after = 1\n")),
    );
    let built = publication.build().unwrap_or_else(|e| panic!("{e}"));
    let pictures = pictures(&built);
    assert_eq!(pictures.len(), 2, "{pictures:?}");
    // In the layout's order: after paragraph 1, then after the body.
    let (wide, chart) = (&pictures[0], &pictures[1]);
    for p in &pictures {
        assert!(p.svg, "an SVG drawing: {p:?}");
        assert_centred_and_inside(p);
    }
    assert!(close(chart.height, 40.0 * MM, 0.5), "40 mm tall: {chart:?}");
    assert!(
        close(chart.width, 80.0 * MM, 0.5),
        "proportions kept: {chart:?}"
    );
    assert!(close(wide.width, WIDTH, 0.5), "full width: {wide:?}");
    assert_aspect(wide, (600, 200));

    let article_3 = &paragraphs(&built)[2];
    assert!(before(article_3[0].1, top(wide)));
    assert!(before(bottom(wide), article_3[1].0));
    assert!(before(article_3[1].1, top(chart)));
    assert_on_the_grid(&built);
}

#[test]
fn a_height_in_cm_pt_or_millimetres_sets_a_photo_height() {
    let publication = TempPublication::new();
    png(&publication, "images/74/a.png", (1200, 900));
    add_images(
        &publication,
        A3_END,
        &(table("images/74/a.png", "height = \"5cm\"\n")
            + &table("images/74/a.png", "height = \"100pt\"\n")
            + &table("images/74/a.png", "height = 30\n")),
    );
    let built = publication.build().unwrap_or_else(|e| panic!("{e}"));
    let pictures = pictures(&built);
    let heights: Vec<f64> = pictures.iter().map(|p| p.height).collect();
    assert_eq!(pictures.len(), 3);
    for (p, expected) in pictures.iter().zip([50.0 * MM, 100.0, 30.0 * MM]) {
        assert!(close(p.height, expected, 0.5), "{expected} pt: {heights:?}");
        assert_aspect(p, (1200, 900));
        assert_centred_and_inside(p);
    }
}

#[test]
fn a_tall_photo_moves_whole_to_the_next_page_and_titles_stay_with_their_text() {
    // Find, in issue 74 as it is, an article whose first paragraph ends low
    // on a page, where a 150 mm photo cannot follow it.
    let tall = 150.0 * MM;
    let plain = support::issue_74();
    let plain_paragraphs = paragraphs(plain);
    let (n, _) = plain_paragraphs
        .iter()
        .enumerate()
        .filter(|(_, a)| a.len() >= 2)
        .map(|(n, a)| (n, a[0].1))
        .filter(|(_, (_, y))| BOTTOM - y < tall && BOTTOM - y > 3.0 * PITCH)
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1))
        .expect("an article whose first paragraph ends low on a page");

    let publication = TempPublication::new();
    png(&publication, "images/74/tall.png", (1000, 1500));
    // The table goes after the article's body: find its closing quotes
    // after the end of its first paragraph.
    let first: &str = &plain.issue.articles[n].paragraphs[0];
    let tail: String = first.chars().skip(first.chars().count() - 10).collect();
    let text = fs::read_to_string(publication.path(ISSUE_74)).unwrap();
    assert_eq!(text.matches(&format!("{tail}\n")).count(), 1, "{tail}");
    let paragraph_end = text.find(&format!("{tail}\n")).unwrap();
    let body_end = paragraph_end + text[paragraph_end..].find("\"\"\"\n").unwrap() + 4;
    let mut changed = text.clone();
    changed.insert_str(
        body_end,
        &table("images/74/tall.png", "after = 1\nheight = \"150mm\"\n"),
    );
    fs::write(publication.path(ISSUE_74), changed).unwrap();

    let built = publication.build().unwrap_or_else(|e| panic!("{e}"));
    let pictures = pictures(&built);
    assert_eq!(pictures.len(), 1);
    let p = &pictures[0];
    assert!(close(p.height, tall, 0.5), "150 mm tall: {p:?}");
    assert_aspect(p, (1000, 1500));
    assert_centred_and_inside(p);

    let article = &paragraphs(&built)[n];
    let ends_at = article[0].1;
    assert_eq!(
        p.page,
        ends_at.0 + 1,
        "article {}: the photo moves whole to the page after paragraph 1 ({ends_at:?}): {p:?}",
        n + 1
    );
    assert!(
        p.y < TOP + 2.0 * PITCH,
        "at the top of the next page: {p:?}"
    );
    assert!(before(bottom(p), article[1].0), "before paragraph 2");

    // Every title is on the page of its first paragraph's first line, and
    // no page ends with a title or a section heading.
    let lines = all_lines(&built);
    let all = paragraphs(&built);
    for (a, article) in built.issue.articles.iter().enumerate() {
        let title_line = lines
            .iter()
            .find(|l| {
                l.iter().all(|r| r.face == TITLE_FACE)
                    && article.title.concat().starts_with(&line_text(l))
            })
            .unwrap_or_else(|| panic!("article {} title printed", a + 1));
        assert_eq!(
            title_line[0].page,
            all[a][0].0.0,
            "article {}: the title stays with its text",
            a + 1
        );
    }
    assert_on_the_grid(&built);
}

// ---------------------------------------------------------------------------
// What images leave as it was.

/// The contents summary on page 1: the entries after 目录提要.
fn contents(built: &Built) -> Vec<String> {
    let lines = all_lines(built);
    let heading = lines
        .iter()
        .position(|l| line_text(l) == "目录提要")
        .expect("the contents heading");
    lines[heading + 1..]
        .iter()
        .take_while(|l| l[0].face == KAI_FACE)
        .map(|l| line_text(l))
        .collect()
}

#[test]
fn contents_and_bookmarks_are_unchanged_by_photos_and_notes() {
    let plain = support::issue_74();
    let with = two_photos_built();
    let entries = contents(plain);
    assert_eq!(entries.len(), 6, "{entries:?}");
    assert_eq!(contents(with), entries);

    let plain_outline = support::outline(&plain.pdf(&[]).unwrap());
    assert_eq!(plain_outline.len(), 13, "{plain_outline:?}");
    assert_eq!(support::outline(&with.pdf(&[]).unwrap()), plain_outline);
    // No caption, note or 编者按 becomes a bookmark.
    for (_, title) in &plain_outline {
        assert!(!title.contains(CAPTION) && !title.contains("编者按"));
    }
}

// ---------------------------------------------------------------------------
// The binary.

/// The 1-based line and column (in characters) where `mark` starts inside
/// `context`, which occurs once in the issue file.
fn spot(publication: &TempPublication, context: &str, mark: &str) -> (usize, usize) {
    let spot = Spot::of(&publication.read(ISSUE_74), context, mark);
    (spot.line, spot.column)
}

/// Every `issues/74.toml:LINE:COL` in `text`.
fn locations(text: &str) -> Vec<(usize, usize)> {
    support::locations(text, ISSUE_74)
}

/// The bytes of out/74.pdf of issue 74 as the binary writes it.
fn a_real_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        let publication = TempPublication::new();
        Finished::of(publication.bulletin().args(["build", "74"])).succeeded();
        fs::read(publication.path("out/74.pdf")).unwrap()
    })
}

/// `change` puts a mistake into a fresh copy of the publication and says
/// where it is (context, mark); `build 74` must then fail with an error at
/// that spot that has each of `words`, and write no PDF, neither where
/// there was none nor over an existing one.
fn rejected(change: impl FnOnce(&TempPublication) -> (String, String), words: &[&str]) {
    let publication = TempPublication::new();
    let (context, mark) = change(&publication);
    let expected = spot(&publication, &context, &mark);

    let check = |output: &Finished| {
        let err = &output.stderr;
        assert!(
            !output.status.success(),
            "the build fails:\n{}",
            output.stdout
        );
        assert!(
            err.lines().any(|l| l.starts_with("error: ")),
            "an error is printed:\n{err}"
        );
        let found = locations(&err);
        assert!(!found.is_empty(), "located in {ISSUE_74}:\n{err}");
        for location in found {
            assert_eq!(
                location, expected,
                "located at {mark:?} in {context:?}:\n{err}"
            );
        }
        for word in words {
            assert!(err.contains(word), "the message has {word:?}:\n{err}");
        }
        assert!(!output.stdout.contains("wrote"), "nothing written");
    };

    let first = Finished::of(publication.bulletin().args(["build", "74"])).not_panicked();
    check(&first);
    assert!(
        !publication.path("out/74.pdf").exists(),
        "no PDF is written"
    );

    // An earlier PDF stays as it was.
    let out = publication.path("out");
    fs::create_dir_all(&out).unwrap();
    let pdf = out.join("74.pdf");
    fs::write(&pdf, a_real_pdf()).unwrap();
    let before = PdfOnDisk::now(&pdf);
    let second = Finished::of(publication.bulletin().args(["build", "74"])).not_panicked();
    check(&second);
    before.assert_untouched("the refused build");
}

/// Adds `tables` after article 1's body; the mistake is at `mark` in
/// `context`, which is in the tables.
fn in_article_1(
    tables: String,
    context: &'static str,
    mark: &'static str,
) -> impl FnOnce(&TempPublication) -> (String, String) {
    move |p| {
        add_images(p, A1_END, &tables);
        (context.to_string(), mark.to_string())
    }
}

#[test]
fn a_missing_picture_is_an_error_at_its_path() {
    rejected(
        in_article_1(
            table("images/74/missing.png", "after = 1\n"),
            "path = \"images/74/missing.png\"",
            "\"images",
        ),
        &[
            "article 1, image 1",
            "images/74/missing.png",
            "does not exist",
        ],
    );
}

#[test]
fn a_text_file_named_like_a_photo_is_an_error() {
    rejected(
        |p| {
            png(p, "images/74/ok.png", (1200, 600));
            write(p, "images/74/photo.png", "这不是图片\n".as_bytes());
            add_images(
                p,
                A3_END,
                &(table("images/74/ok.png", "") + &table("images/74/photo.png", "")),
            );
            ("path = \"images/74/photo.png\"".into(), "\"".into())
        },
        &[
            "article 3, image 2",
            "images/74/photo.png",
            "not a JPEG, PNG or SVG",
        ],
    );
}

#[test]
fn a_gif_is_an_error_that_says_to_save_it_as_jpeg_or_png() {
    // A 1 × 1 GIF89a.
    let gif: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    rejected(
        |p| {
            write(p, "images/74/anim.gif", gif);
            add_images(p, A8_END, &table("images/74/anim.gif", ""));
            ("path = \"images/74/anim.gif\"".into(), "\"".into())
        },
        &[
            "article 8, image 1",
            "images/74/anim.gif",
            "GIF",
            "save it as JPEG or PNG",
        ],
    );
}

#[test]
fn a_damaged_png_is_an_error() {
    rejected(
        |p| {
            png(p, "images/74/whole.png", (400, 200));
            let bytes = fs::read(p.path("images/74/whole.png")).unwrap();
            // The signature and the start of the header only.
            write(p, "images/74/broken.png", &bytes[..12]);
            add_images(
                p,
                A1_END,
                &table("images/74/broken.png", "caption = \"坏图\"\n"),
            );
            ("path = \"images/74/broken.png\"".into(), "\"".into())
        },
        &["article 1, image 1", "images/74/broken.png", "damaged"],
    );
}

#[test]
fn a_png_cut_off_in_its_pixels_is_an_error_at_its_path() {
    // As an interrupted copy leaves it: the header whole, the pixels not.
    rejected(
        |p| {
            png(p, "images/74/whole.png", (400, 200));
            let bytes = fs::read(p.path("images/74/whole.png")).unwrap();
            write(p, "images/74/broken.png", &bytes[..bytes.len() / 2]);
            add_images(p, A1_END, &table("images/74/broken.png", ""));
            ("path = \"images/74/broken.png\"".into(), "\"".into())
        },
        &["article 1, image 1", "images/74/broken.png", "damaged"],
    );
}

#[test]
fn a_damaged_svg_is_an_error_at_its_path() {
    rejected(
        |p| {
            write(
                p,
                "images/74/chart.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
                  <rect width=\"10\"</svg>",
            );
            add_images(p, A1_END, &table("images/74/chart.svg", ""));
            ("path = \"images/74/chart.svg\"".into(), "\"".into())
        },
        &["article 1, image 1", "images/74/chart.svg"],
    );
}

#[test]
fn a_photo_is_recognised_by_its_bytes_not_its_name() {
    // docs/input-format.md: "recognised by the file's bytes, not its name".
    let publication = TempPublication::new();
    jpeg(&publication, "images/74/saved.jpg", (1200, 600));
    png(&publication, "images/74/saved.png", (1200, 600));
    fs::rename(
        publication.path("images/74/saved.jpg"),
        publication.path("images/74/jpeg.png"),
    )
    .unwrap();
    fs::rename(
        publication.path("images/74/saved.png"),
        publication.path("images/74/png.jpg"),
    )
    .unwrap();
    add_images(
        &publication,
        A3_END,
        &(table("images/74/jpeg.png", "") + &table("images/74/png.jpg", "")),
    );
    let built = publication
        .build()
        .unwrap_or_else(|e| panic!("a JPEG named .png and a PNG named .jpg print: {e}"));
    assert_eq!(pictures(&built).len(), 2);
}

#[test]
fn a_path_out_of_the_folder_is_an_error() {
    rejected(
        in_article_1(
            table("../outside.png", ""),
            "path = \"../outside.png\"",
            "\"",
        ),
        &["article 1, image 1", "inside the publication folder"],
    );
}

#[test]
fn an_absolute_path_is_an_error_even_to_a_picture_in_the_folder() {
    rejected(
        |p| {
            png(p, "images/74/ok.png", (1200, 600));
            let absolute = p.path("images/74/ok.png");
            let absolute = absolute.to_str().unwrap();
            // A literal string: backslashes stay as they are.
            add_images(
                p,
                A1_END,
                &format!("\n[[articles.images]]\npath = '{absolute}'\n"),
            );
            (format!("path = '{absolute}'"), "'".into())
        },
        &["article 1, image 1", "inside the publication folder"],
    );
}

#[cfg(unix)]
#[test]
fn a_link_that_leads_out_of_the_folder_is_an_error() {
    let elsewhere = tempfile::tempdir().unwrap();
    let outside: PathBuf = elsewhere.path().join("outside.png");
    image::RgbImage::from_pixel(1200, 600, image::Rgb(GREEN))
        .save_with_format(&outside, image::ImageFormat::Png)
        .unwrap();
    rejected(
        |p| {
            fs::create_dir_all(p.path("images/74")).unwrap();
            std::os::unix::fs::symlink(&outside, p.path("images/74/link.png")).unwrap();
            add_images(p, A1_END, &table("images/74/link.png", ""));
            ("path = \"images/74/link.png\"".into(), "\"".into())
        },
        &[
            "article 1, image 1",
            "images/74/link.png",
            "outside the publication folder",
        ],
    );
}

#[test]
fn after_must_name_a_paragraph_of_the_article() {
    for (after, words) in [
        ("0", ["after = 0", "3 paragraphs"]),
        ("4", ["after = 4", "3 paragraphs"]),
    ] {
        rejected(
            move |p| {
                png(p, "images/74/ok.png", (1200, 600));
                add_images(
                    p,
                    A1_END,
                    &table("images/74/ok.png", &format!("after = {after}\n")),
                );
                (format!("after = {after}\n"), after.to_string())
            },
            &["article 1, image 1", words[0], words[1]],
        );
    }
}

#[test]
fn a_height_without_a_unit_or_taller_than_the_block_is_an_error() {
    for (height, word) in [("\"60\"", "needs a unit"), ("\"300mm\"", "225mm")] {
        rejected(
            move |p| {
                png(p, "images/74/ok.png", (1200, 600));
                add_images(
                    p,
                    A3_END,
                    &table("images/74/ok.png", &format!("height = {height}\n")),
                );
                (format!("height = {height}\n"), height.to_string())
            },
            &["article 3, image 1", "height", word],
        );
    }
}

#[test]
fn an_empty_note_is_an_error() {
    rejected(
        |p| {
            p.edit(
                ISSUE_74,
                A1_CONTENTS,
                &format!("{A1_CONTENTS}note = \"  \"\n"),
            );
            ("note = \"  \"".into(), "\"".into())
        },
        &["article 1", "note is empty"],
    );
}

#[test]
fn an_empty_caption_is_an_error() {
    rejected(
        |p| {
            png(p, "images/74/ok.png", (1200, 600));
            add_images(p, A1_END, &table("images/74/ok.png", "caption = \"\"\n"));
            ("caption = \"\"".into(), "\"".into())
        },
        &["article 1, image 1", "caption is empty"],
    );
}

#[test]
fn an_unknown_key_in_an_image_is_an_error() {
    rejected(
        |p| {
            png(p, "images/74/ok.png", (1200, 600));
            add_images(p, A1_END, &table("images/74/ok.png", "widht = \"100mm\"\n"));
            ("widht = \"100mm\"".into(), "widht".into())
        },
        &["widht"],
    );
}

#[test]
fn an_unknown_key_in_an_image_names_its_article_and_image() {
    let publication = TempPublication::new();
    png(&publication, "images/74/ok.png", (1200, 600));
    add_images(
        &publication,
        A3_END,
        &(table("images/74/ok.png", "") + &table("images/74/ok.png", "widht = \"100mm\"\n")),
    );
    let output = Finished::of(publication.bulletin().args(["build", "74"])).not_panicked();
    assert!(!output.status.success());
    let err = &output.stderr;
    assert!(
        err.contains("article 3, image 2"),
        "the message names the image as the other image errors do:\n{err}"
    );
}

// ---------------------------------------------------------------------------
// Print quality.

/// The publication with a photo of `size` pixels after article 3's body.
fn with_photo(size: (u32, u32)) -> TempPublication {
    let publication = TempPublication::new();
    png(&publication, "images/74/small.png", size);
    add_images(&publication, A3_END, &table("images/74/small.png", ""));
    publication
}

#[test]
fn a_low_resolution_photo_is_a_warning_from_build_and_check() {
    let publication = with_photo((200, 100));
    let at = spot(&publication, "path = \"images/74/small.png\"", "\"");

    // 200 pixels over the text width.
    let built = publication.build().unwrap();
    let printed = &pictures(&built)[0];
    assert!(close(printed.width, WIDTH, 0.5));
    let dpi = format!("{:.0} dpi", 200.0 / (printed.width / 72.0));
    assert_eq!(built.warnings.len(), 1, "{:?}", built.warnings);
    // A value with its place, not words to be read back.
    let located = built.warnings[0].located().expect("at its path");
    assert_eq!(
        (located.path.as_path(), located.line, located.column),
        (std::path::Path::new("issues/74.toml"), at.0, at.1)
    );

    let assert_warned = |err: &str| {
        let warning = err
            .split("\n\n")
            .find(|w| w.contains("warning:") && w.contains("small.png"))
            .unwrap_or_else(|| panic!("a warning names the photo:\n{err}"));
        assert!(warning.contains("images/74/small.png"), "{warning}");
        assert!(warning.contains(&dpi), "{dpi}: {warning}");
        assert_eq!(locations(warning), vec![at], "at its path:\n{warning}");
        assert!(
            !err.lines()
                .any(|l| l.starts_with("error:") && l.contains("small.png")),
            "a warning, not an error:\n{err}"
        );
    };

    let build = Finished::of(publication.bulletin().args(["build", "74"])).succeeded();
    assert_warned(&build.stderr);
    assert!(!build.stderr.contains("error:"), "{}", build.stderr);
    assert!(
        publication.path("out/74.pdf").exists(),
        "the PDF is written"
    );

    let check = Finished::of(publication.bulletin().args(["check", "74"])).succeeded();
    assert_warned(&check.stderr);
    assert!(!check.stderr.contains("error:"), "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 1 warning"),
        "{}",
        check.stdout
    );

    let denied = Finished::of(
        publication
            .bulletin()
            .args(["check", "74", "--deny-warnings"]),
    )
    .not_panicked();
    assert!(
        !denied.status.success(),
        "warnings denied: {}",
        denied.stdout
    );
    assert_warned(&denied.stderr);
}

#[test]
fn only_the_blurred_photo_is_named_among_drawings_and_sharp_photos() {
    let publication = with_photo((300, 150));
    svg(&publication, "images/74/chart.svg", (400, 200));
    png(&publication, "images/74/sharp.png", (2000, 1000));
    // Declared before the blurred photo (which becomes image 3) and printed
    // before it; a drawing has no pixels to count.
    add_images(
        &publication,
        A3_END,
        &(table("images/74/chart.svg", "after = 1\n")
            + &table("images/74/sharp.png", "after = 1\n")),
    );
    png(&publication, "images/74/also-sharp.png", (1600, 800));
    add_images(&publication, A1_END, &table("images/74/also-sharp.png", ""));
    let at = spot(&publication, "path = \"images/74/small.png\"", "\"");
    let output = Finished::of(publication.bulletin().args(["check", "74"])).succeeded();
    let err = &output.stderr;
    let warnings: Vec<&str> = err
        .split("\n\n")
        .filter(|w| w.contains("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "one warning:\n{err}");
    assert!(warnings[0].contains("article 3, image 3"), "{err}");
    assert!(warnings[0].contains("images/74/small.png"), "{err}");
    assert!(warnings[0].contains("49 dpi"), "300 px over 156 mm:\n{err}");
    assert_eq!(locations(warnings[0]), vec![at], "{err}");
}

#[test]
fn a_photo_sharp_enough_gives_no_warning() {
    let publication = with_photo((2000, 1000));
    let built = publication.build().unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let build = Finished::of(publication.bulletin().args(["build", "74"])).succeeded();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    let check = Finished::of(
        publication
            .bulletin()
            .args(["check", "74", "--deny-warnings"]),
    )
    .succeeded();
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
}

// ---------------------------------------------------------------------------
// Pages as PNG.

#[test]
fn png_pages_show_the_photos_where_they_stand() {
    let publication = two_photos();
    let built = two_photos_built();
    let ppi = 30.0;
    let output = Finished::of(
        publication
            .bulletin()
            .args(["build", "74", "--format", "png", "--ppi", "30"]),
    )
    .succeeded();
    let count = built.document.pages().len();
    for page in 1..=count {
        assert!(
            publication.path(&format!("out/74-{page}.png")).is_file(),
            "page {page} written:\n{}",
            output.stdout
        );
    }
    assert!(
        !publication
            .path(&format!("out/74-{}.png", count + 1))
            .exists()
    );
    for (p, colour) in pictures(built).iter().zip([GREEN, BLUE]) {
        let page = image::open(publication.path(&format!("out/74-{}.png", p.page)))
            .unwrap()
            .to_rgb8();
        let px = |pt: f64| (pt / 72.0 * ppi) as u32;
        let pixel = page.get_pixel(px(p.x + p.width / 2.0), px(p.y + p.height / 2.0));
        for c in 0..3 {
            assert!(
                (i32::from(pixel[c]) - i32::from(colour[c])).abs() <= 30,
                "the photo shows on page {}: {pixel:?} for {colour:?}",
                p.page
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The example publication.

fn example() -> PathBuf {
    support::repo().join("examples/photos")
}

#[test]
fn the_example_publication_has_two_pictures_and_a_note() {
    let built = support::build_issue(&example(), 75).unwrap_or_else(|e| panic!("{e}"));
    let pictures = pictures(&built);
    assert_eq!(pictures.len(), 2, "{pictures:?}");
    assert_eq!(
        pictures.iter().filter(|p| p.svg).count(),
        1,
        "a drawing and a photo"
    );
    for p in &pictures {
        assert_centred_and_inside(p);
        assert!(p.alt.is_some(), "captioned: {p:?}");
        let lines = all_lines(&built);
        let caption = line_of(&lines, p.alt.as_deref().unwrap());
        assert!(
            caption
                .iter()
                .all(|r| r.face == KAI_FACE && close(r.size, 14.0, 0.01))
        );
    }
    let lines = all_lines(&built);
    let note = lines
        .iter()
        .find(|l| line_text(l).starts_with("编者按："))
        .expect("an editor's note");
    assert_eq!(note[0].face, HEADING_FACE);
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    assert_on_the_grid(&built);
}

#[test]
fn the_example_publication_builds_and_checks_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("75.pdf");
    let mut build = support::bulletin();
    build
        .arg("-C")
        .arg(example())
        .args(["build", "75", "-o"])
        .arg(&pdf);
    let build = Finished::of(&mut build).succeeded();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let mut check = support::bulletin();
    check
        .arg("-C")
        .arg(example())
        .args(["check", "--deny-warnings"]);
    let check = Finished::of(&mut check).succeeded();
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
}

// ---------------------------------------------------------------------------
// Hostile pictures (issue 18): links out of the folder, pipes, devices and
// bombs are refused before anything is decoded, quickly and in little
// memory, located at the picture's `path`.

/// `bulletin build 74` in `publication`, ended after 30 s at the latest
/// (the test then fails: a picture hangs it): its exit status, stderr,
/// how long it ran and its own peak memory in MiB.
#[cfg(target_os = "linux")]
fn build_bounded(publication: &TempPublication) -> (Option<i32>, String, f64, f64) {
    let (finished, seconds, mib) = support::run_measured(
        support::bulletin_process()
            .arg("-C")
            .arg(publication.root())
            .args(["build", "74"]),
        std::time::Duration::from_secs(30),
    );
    (finished.status.code(), finished.stderr, seconds, mib)
}

/// A hostile picture at `path` of article 1 is refused: status 1, one
/// error located at its `path`, with `words`, within 10 s (a second on a
/// quiet machine; the margin is for a busy CI) and 200 MiB (the child alone).
#[cfg(target_os = "linux")]
fn refused_safely(path: &str, make: impl FnOnce(&TempPublication), words: &[&str]) {
    let publication = TempPublication::new();
    fs::create_dir_all(publication.path("images/74")).unwrap();
    make(&publication);
    add_images(&publication, A1_END, &table(path, ""));
    let context = format!("path = \"{path}\"");
    let expected = spot(&publication, &context, "\"");
    let (code, err, seconds, mib) = build_bounded(&publication);
    assert_eq!(code, Some(1), "refused with status 1:\n{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(
        locations(&err),
        vec![expected],
        "located at the path:\n{err}"
    );
    for word in words {
        assert!(err.contains(word), "the message has {word:?}:\n{err}");
    }
    // Shown with --nocapture: the figures of docs/errors.md.
    let first = err.lines().next().unwrap_or_default();
    eprintln!("refused in {seconds:.3} s, {mib:.0} MiB: {first}");
    assert!(seconds < 10.0, "refused in {seconds:.1} s:\n{err}");
    assert!(mib < 200.0, "refused in {mib:.0} MiB:\n{err}");
    assert!(!publication.path("out/74.pdf").exists());
}

/// An SVG drawing that shows the picture at `href`.
fn drawing_linking(href: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"200\" height=\"100\"><image xlink:href=\"{href}\" width=\"200\" height=\"100\"/></svg>"
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_drawing_linking_outside_the_folder_or_to_a_pipe_or_device_is_refused() {
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("outside.png");
    image::RgbImage::from_pixel(40, 20, image::Rgb(GREEN))
        .save_with_format(&outside, image::ImageFormat::Png)
        .unwrap();
    let outside_text = outside.display().to_string();
    type Case = (
        String,
        Box<dyn FnOnce(&TempPublication)>,
        &'static [&'static str],
    );
    let cases: Vec<Case> = vec![
        (
            "/etc/hostname".into(),
            Box::new(|_: &TempPublication| {}),
            &["links to \"/etc/hostname\"", "absolute path"],
        ),
        (
            "/dev/zero".into(),
            Box::new(|_: &TempPublication| {}),
            &["links to \"/dev/zero\"", "absolute path"],
        ),
        (
            outside_text.clone(),
            Box::new(|_: &TempPublication| {}),
            &["absolute path"],
        ),
        (
            "../../../outside.png".into(),
            Box::new(|_: &TempPublication| {}),
            &[
                "links to \"../../../outside.png\"",
                "outside the publication folder",
            ],
        ),
        (
            "pipe.png".into(),
            Box::new(|p: &TempPublication| {
                let made = std::process::Command::new("mkfifo")
                    .arg(p.path("images/74/pipe.png"))
                    .status()
                    .unwrap();
                assert!(made.success());
            }),
            &["links to \"pipe.png\"", "not a regular file"],
        ),
        (
            "zero.png".into(),
            Box::new(|p: &TempPublication| {
                std::os::unix::fs::symlink("/dev/zero", p.path("images/74/zero.png")).unwrap();
            }),
            &["links to \"zero.png\"", "outside the publication folder"],
        ),
        (
            "link.png".into(),
            Box::new(move |p: &TempPublication| {
                std::os::unix::fs::symlink(&outside, p.path("images/74/link.png")).unwrap();
            }),
            &["links to \"link.png\"", "outside the publication folder"],
        ),
    ];
    for (href, make, words) in cases {
        refused_safely(
            "images/74/drawing.svg",
            |p| {
                make(p);
                write(
                    p,
                    "images/74/drawing.svg",
                    drawing_linking(&href).as_bytes(),
                );
            },
            words,
        );
    }
}

#[test]
fn a_drawing_linking_a_picture_inside_the_folder_prints() {
    let publication = TempPublication::new();
    png(&publication, "images/74/photo.png", (400, 200));
    write(
        &publication,
        "images/74/drawing.svg",
        drawing_linking("photo.png").as_bytes(),
    );
    add_images(&publication, A1_END, &table("images/74/drawing.svg", ""));
    Finished::of(publication.bulletin().args(["build", "74"])).succeeded();
}

/// A real, small JPEG whose frame header declares `w` × `h` pixels.
fn jpeg_declaring(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(8, 8, image::Rgb(BLUE))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let sof = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    // Marker (2), length (2), precision (1), height (2), width (2).
    bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    bytes
}

#[cfg(target_os = "linux")]
#[test]
fn picture_bombs_are_refused_by_their_header() {
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        (
            "images/74/big.png",
            png_declaring(60_000, 60_000),
            &["60000 × 60000 pixels"],
        ),
        (
            "images/74/huge.png",
            png_declaring(100_000, 100_000),
            &["100000 × 100000 pixels"],
        ),
        (
            "images/74/wide.jpg",
            jpeg_declaring(65_000, 65_000),
            &["65000 × 65000 pixels"],
        ),
        (
            "images/74/long.png",
            png_declaring(31_000, 100),
            &["31000 × 100 pixels"],
        ),
        (
            // Within the pixel budget, but 16 bits a channel: 240 MB.
            "images/74/deep.png",
            png_16_bit_declaring(6000, 5000),
            &["6000 × 5000 pixels of 16 bits a channel", "240 MB"],
        ),
    ];
    for (path, bytes, words) in cases {
        refused_safely(path, |p| write(p, path, &bytes), words);
    }
}

/// Each picture within its budget, but nine of the largest in one issue:
/// Typst would hold 441 million pixels decoded at once.
#[cfg(target_os = "linux")]
#[test]
fn an_issue_whose_pictures_add_up_to_too_much_is_refused_at_the_one_too_many() {
    let publication = TempPublication::new();
    fs::create_dir_all(publication.path("images/74")).unwrap();
    let mut tables = String::new();
    for n in 1..=9 {
        let path = format!("images/74/photo{n}.png");
        write(&publication, &path, &png_declaring(7000, 7000));
        tables.push_str(&table(&path, ""));
    }
    add_images(&publication, A1_END, &tables);
    let expected = spot(&publication, "path = \"images/74/photo9.png\"", "\"");
    let (code, err, seconds, mib) = build_bounded(&publication);
    assert_eq!(code, Some(1), "refused:\n{err}");
    assert_eq!(locations(&err), vec![expected], "at the ninth:\n{err}");
    assert!(err.contains("image 9"), "{err}");
    assert!(err.contains("add up to 441 million pixels"), "{err}");
    assert!(err.contains("400 million"), "{err}");
    assert!(
        seconds < 10.0 && mib < 200.0,
        "{seconds:.1} s, {mib:.0} MiB"
    );
    assert!(!publication.path("out/74.pdf").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn drawing_bombs_are_refused_before_they_are_read() {
    let svg = |inside: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
             width=\"100\" height=\"100\">{inside}</svg>"
        )
    };
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY l0 \"ha\">\n");
    for level in 1..=9 {
        let refs = format!("&l{};", level - 1).repeat(10);
        laughs.push_str(&format!("<!ENTITY l{level} \"{refs}\">\n"));
    }
    laughs.push_str("]>\n");
    laughs.push_str(&svg("<text y=\"50\">&l9;</text>"));

    let many = svg(&"<rect width=\"1\" height=\"1\"/>".repeat(250_000));
    let deep = svg(&format!("{}{}", "<g>".repeat(300), "</g>".repeat(300)));
    let mut uses = String::from("<defs><rect id=\"u0\" width=\"1\" height=\"1\"/>");
    for level in 1..=8 {
        uses.push_str(&format!("<g id=\"u{level}\">"));
        uses.push_str(&format!("<use xlink:href=\"#u{}\"/>", level - 1).repeat(10));
        uses.push_str("</g>");
    }
    uses.push_str("</defs><use xlink:href=\"#u8\"/>");
    let uses = svg(&uses);
    let huge = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000000\" height=\"1000000\">\
                <rect width=\"10\" height=\"10\"/></svg>"
        .to_string();
    let embedded = svg(&format!(
        "<image width=\"100\" height=\"100\" xlink:href=\"data:image/png;base64,{}\"/>",
        base64(&png_declaring(60_000, 60_000))
    ));

    // Wide entities within the XML reader's own limit (255 references
    // each), hidden from a careless reader of the DTD by a comment: 10 GB.
    let wide = |before: &str, inside: &str| {
        format!(
            "<?xml version=\"1.0\"?>{before}<!DOCTYPE svg [{inside}<!ENTITY a \"{}\"><!ENTITY b \"{}\">]>{}",
            "x".repeat(100_000),
            "&a;".repeat(255),
            svg(&format!("<text y=\"50\">{}</text>", "&b;".repeat(400)))
        )
    };
    let cases: Vec<(String, &[&str])> = vec![
        (laughs, &["XML bomb"]),
        (wide("<!-- <svg <!DOCTYPE svg []> -->", ""), &["XML bomb"]),
        (wide("<!-- <svg -->", "<!-- ]> -->"), &["XML bomb"]),
        (many, &["more than 200000 elements"]),
        (deep, &["nest more than 256 deep"]),
        (uses, &["<use> copies"]),
        (huge, &["1000000 × 1000000 units"]),
        (embedded, &["60000 × 60000 pixels"]),
    ];
    for (text, words) in cases {
        refused_safely(
            "images/74/bomb.svg",
            |p| write(p, "images/74/bomb.svg", text.as_bytes()),
            words,
        );
    }
}

/// A drawing 100 units square holding `inside`.
fn drawing_of(inside: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"100\" height=\"100\">{inside}</svg>"
    )
}

#[cfg(target_os = "linux")]
#[test]
fn drawings_that_would_cost_typst_more_than_print_needs_are_refused() {
    let image = |href: &str| format!("<image xlink:href=\"{href}\" width=\"10\" height=\"10\"/>");
    // 2 MB a copy (a small picture padded after its end), linked 30 times.
    let mut padded = png_declaring(100, 100);
    padded.extend(std::iter::repeat_n(0u8, 2 << 20));
    // 30 megapixels by their header: two are over budget.
    let large = png_declaring(6000, 5000);
    let blur = "<filter id=\"f\" filterUnits=\"userSpaceOnUse\" x=\"-1e6\" y=\"-1e6\" \
                width=\"2e6\" height=\"2e6\"><feGaussianBlur stdDeviation=\"3\"/></filter>";
    let blurred = "<rect width=\"10\" height=\"10\" fill=\"blue\" filter=\"url(#f)\"/>";
    let text = |n: usize| {
        format!(
            "<text y=\"50\" font-size=\"1\">{}</text>",
            "北京科协".repeat(n)
        )
    };
    type Case = (
        String,
        Vec<(&'static str, Vec<u8>)>,
        &'static [&'static str],
    );
    let cases: Vec<Case> = vec![
        (
            drawing_of(&image("padded.png").repeat(30)),
            vec![("padded.png", padded)],
            &["pictures add up to more than 50 MB"],
        ),
        (
            drawing_of(&image("large.png").repeat(2)),
            vec![("large.png", large.clone())],
            &["pictures add up to more than 50 million pixels"],
        ),
        (
            drawing_of(&format!(
                "<defs><g id=\"p\">{}</g></defs><use xlink:href=\"#p\"/><use xlink:href=\"#p\"/>",
                image("large.png")
            )),
            vec![("large.png", large.clone())],
            &["pictures add up to more than 50 million pixels"],
        ),
        (
            drawing_of(&image(&format!("data:image/png;base64,{}", base64(&large))).repeat(2)),
            vec![],
            &["pictures add up to more than 50 million pixels"],
        ),
        (
            // 4 million characters laid out as outlines: 48 s and 4 GB before.
            drawing_of(&text(1000).repeat(1000)),
            vec![],
            &["more than 50000 characters of text"],
        ),
        (
            drawing_of(&format!(
                "<defs>{}</defs>{}",
                text(2500).replace("<text", "<text id=\"t\""),
                "<use xlink:href=\"#t\"/>".repeat(5)
            )),
            vec![],
            &["more than 50000 characters of text"],
        ),
        (
            // Each effect rendered at 5000 × 5000 pixels: 4 s a piece before.
            drawing_of(&format!("{blur}{}", blurred.repeat(500))),
            vec![],
            &["filter effects", "more than 25 million pixels"],
        ),
    ];
    for (drawing, pictures, words) in cases {
        refused_safely(
            "images/74/chart.svg",
            |p| {
                for (name, bytes) in &pictures {
                    write(p, &format!("images/74/{name}"), bytes);
                }
                write(p, "images/74/chart.svg", drawing.as_bytes());
            },
            words,
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_drawing_linking_a_drawing_or_a_misnamed_picture_is_refused() {
    let jpeg_bytes = jpeg_declaring(8, 8);
    type Case = (&'static str, &'static str, Vec<u8>, &'static [&'static str]);
    let cases: Vec<Case> = vec![
        (
            "inner.svg",
            "inner.svg",
            drawing_of("<rect width=\"10\" height=\"10\"/>").into_bytes(),
            &["links to \"inner.svg\"", "is a drawing itself"],
        ),
        (
            // A drawing under a picture's name: read by its bytes.
            "inner.png",
            "inner.png",
            drawing_of("<rect width=\"10\" height=\"10\"/>").into_bytes(),
            &["links to \"inner.png\"", "is a drawing itself"],
        ),
        (
            "photo.png",
            "photo.png",
            jpeg_bytes,
            &[
                "links to \"photo.png\"",
                "is a JPEG picture under a PNG name",
            ],
        ),
    ];
    for (href, file, bytes, words) in cases {
        refused_safely(
            "images/74/chart.svg",
            |p| {
                write(p, &format!("images/74/{file}"), &bytes);
                write(p, "images/74/chart.svg", drawing_linking(href).as_bytes());
            },
            words,
        );
    }
}

/// What drawing programs make still prints: text, a shadow, a picture
/// linked twice and one embedded.
#[test]
fn a_drawing_with_text_a_shadow_and_pictures_prints() {
    let publication = TempPublication::new();
    png(&publication, "images/74/photo.png", (400, 200));
    let mut embedded = Vec::new();
    image::RgbImage::from_pixel(40, 20, image::Rgb(BLUE))
        .write_to(
            &mut std::io::Cursor::new(&mut embedded),
            image::ImageFormat::Png,
        )
        .unwrap();
    let drawing = drawing_of(&format!(
        "<filter id=\"s\"><feDropShadow dx=\"1\" dy=\"1\" stdDeviation=\"1\"/></filter>\
         <rect x=\"5\" y=\"5\" width=\"90\" height=\"40\" fill=\"white\" filter=\"url(#s)\"/>\
         <text x=\"10\" y=\"30\" font-size=\"8\">{}</text>\
         <image xlink:href=\"photo.png\" y=\"50\" width=\"40\" height=\"20\"/>\
         <image xlink:href=\"photo.png\" x=\"50\" y=\"50\" width=\"40\" height=\"20\"/>\
         <image xlink:href=\"data:image/png;base64,{}\" y=\"75\" width=\"40\" height=\"20\"/>",
        "全市科普工作会议",
        base64(&embedded)
    ));
    write(&publication, "images/74/chart.svg", drawing.as_bytes());
    add_images(&publication, A1_END, &table("images/74/chart.svg", ""));
    let built = Finished::of(publication.bulletin().args(["build", "74"])).succeeded();
    assert!(built.stderr.is_empty(), "{}", built.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn a_pipe_or_a_device_named_as_a_picture_is_refused() {
    refused_safely(
        "images/74/pipe.jpg",
        |p| {
            let made = std::process::Command::new("mkfifo")
                .arg(p.path("images/74/pipe.jpg"))
                .status()
                .unwrap();
            assert!(made.success());
        },
        &["not a regular file"],
    );
}

/// Base64, for a picture embedded in a drawing.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
