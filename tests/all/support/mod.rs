//! Shared by the integration tests: building issues in-process and reading
//! back what Typst laid out, as a reader of the printed page would see it.

// The browser's binary (tests/browser) uses a part of it.
#![allow(dead_code)]

pub mod desk;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::{Arc, OnceLock};

use bulletin::build::{self, BuildOptions, Built};
use bulletin::config::Config;
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::visualize::{Geometry, Paint};

/// The repository: a complete publication (bulletin.toml, issues/74.toml).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds an issue of the publication in `root` in-process.
pub fn build_issue(root: &Path, total: u32) -> Result<Built, build::BuildError> {
    let config =
        Config::load(root, Path::new("")).map_err(|e| build::BuildError::Input(e.into()))?;
    let fonts = Arc::new(build::load_fonts(&config, &[])?);
    let relative = PathBuf::from(format!("issues/{total}.toml"));
    build::lay_out(
        &config,
        &root.join(&relative),
        &relative,
        fonts,
        &BuildOptions::default(),
    )
}

/// Issue 74 of the repository, built once for all tests of a binary.
pub fn issue_74() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT
        .get_or_init(|| build_issue(&repo(), 74).unwrap_or_else(|e| panic!("issue 74 builds: {e}")))
}

pub fn pt(abs: Abs) -> f64 {
    abs.to_pt()
}

/// One run of text as laid out: where it stands on its page (points from
/// the top left; `y` is the baseline), its face, size and colour.
#[derive(Debug, Clone)]
pub struct Run {
    /// 1-based page number.
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    /// PostScript name of the face, e.g. "FandolFang-Regular".
    pub face: String,
    /// RGBA.
    pub fill: [u8; 4],
    pub text: String,
}

/// A straight rule (a line, or a thin filled rectangle).
#[derive(Debug, Clone)]
pub struct Rule {
    pub page: usize,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub thickness: f64,
    pub color: [u8; 4],
}

pub struct Page {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
}

/// Every page's text runs and rules, in reading order as Typst placed them.
pub fn pages(built: &Built) -> Vec<Page> {
    built
        .document
        .pages()
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut out = Page {
                width: pt(page.frame.width()),
                height: pt(page.frame.height()),
                runs: Vec::new(),
                rules: Vec::new(),
            };
            walk(&page.frame, Transform::identity(), i + 1, &mut out);
            out
        })
        .collect()
}

fn rgba(paint: &Paint) -> [u8; 4] {
    match paint {
        Paint::Solid(color) => color.to_vec4_u8(),
        _ => [0, 0, 0, 0],
    }
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Page) {
    for (pos, item) in frame.items() {
        let at = pos.transform(ts);
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                walk(&group.frame, inner, page, out);
            }
            FrameItem::Text(text) => out.runs.push(Run {
                page,
                x: pt(at.x),
                y: pt(at.y),
                width: pt(text.width()),
                size: pt(text.size),
                face: text.font.font().post_script_name().unwrap_or_default(),
                fill: rgba(&text.fill),
                text: text.text.to_string(),
            }),
            FrameItem::Shape(shape, _) => {
                let color = shape
                    .stroke
                    .as_ref()
                    .map(|s| rgba(&s.paint))
                    .or(shape.fill.as_ref().map(rgba))
                    .unwrap_or_default();
                match &shape.geometry {
                    Geometry::Line(to) => {
                        let end = (*pos + *to).transform(ts);
                        out.rules.push(Rule {
                            page,
                            x0: pt(at.x),
                            y0: pt(at.y),
                            x1: pt(end.x),
                            y1: pt(end.y),
                            thickness: shape.stroke.as_ref().map_or(0.0, |s| pt(s.thickness)),
                            color,
                        });
                    }
                    Geometry::Rect(size) if shape.fill.is_some() && pt(size.y) < 3.0 => {
                        let end = (*pos + Point::new(size.x, Abs::zero())).transform(ts);
                        let mid = pt(size.y) / 2.0;
                        out.rules.push(Rule {
                            page,
                            x0: pt(at.x),
                            y0: pt(at.y) + mid,
                            x1: pt(end.x),
                            y1: pt(end.y) + mid,
                            thickness: pt(size.y),
                            color,
                        });
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Where a piece of a page stands: page, baseline, left edge.
pub trait Placed: Clone {
    fn place(&self) -> (usize, f64, f64);
}

impl Placed for Run {
    fn place(&self) -> (usize, f64, f64) {
        (self.page, self.y, self.x)
    }
}

impl Placed for PlacedGlyph {
    fn place(&self) -> (usize, f64, f64) {
        (self.page, self.y, self.x)
    }
}

/// Runs or glyphs grouped into printed lines (same page, baselines within
/// 4 pt, so a raised bullet stays on its line), left to right, in reading
/// order.
pub fn lines<T: Placed>(pieces: &[T]) -> Vec<Vec<T>> {
    let mut lines: Vec<Vec<T>> = Vec::new();
    for piece in pieces {
        let (page, y, _) = piece.place();
        match lines.iter_mut().find(|l| {
            let (first_page, first_y, _) = l[0].place();
            first_page == page && (first_y - y).abs() < 4.0
        }) {
            Some(line) => line.push(piece.clone()),
            None => lines.push(vec![piece.clone()]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.place().2.total_cmp(&b.place().2));
    }
    lines.sort_by(|a, b| {
        let (a_page, a_y, _) = a[0].place();
        let (b_page, b_y, _) = b[0].place();
        (a_page, a_y).partial_cmp(&(b_page, b_y)).unwrap()
    });
    lines
}

pub fn line_text(line: &[Run]) -> String {
    line.iter().map(|r| r.text.as_str()).collect()
}

pub const MM: f64 = 72.0 / 25.4;

/// The type area of layout.md, in points from the page's top left.
pub const TOP: f64 = 37.0 * MM;
pub const BOTTOM: f64 = (297.0 - 35.0) * MM;
pub const WIDTH: f64 = 156.0 * MM;
/// The body grid: 22 lines on 225 mm.
pub const PITCH: f64 = 225.0 * MM / 22.0;

/// The left edge of the type area: the binding side is on the left of odd
/// (right-hand) pages and on the right of even ones.
pub fn left(page: usize) -> f64 {
    if page % 2 == 1 { 28.0 * MM } else { 26.0 * MM }
}

pub fn right(page: usize) -> f64 {
    left(page) + WIDTH
}

/// Where a line's ink starts and ends horizontally.
pub fn extent(line: &[Run]) -> (f64, f64) {
    let start = line.iter().map(|r| r.x).fold(f64::MAX, f64::min);
    let end = line.iter().map(|r| r.x + r.width).fold(f64::MIN, f64::max);
    (start, end)
}

/// A copy of the repository's publication (bulletin.toml, issues/74.toml)
/// in a temporary folder, to change and build; deleted when dropped.
pub struct TempPublication {
    pub dir: tempfile::TempDir,
}

pub const ISSUE_74: &str = "issues/74.toml";

impl TempPublication {
    pub fn new() -> Self {
        Self::copied(Self::empty())
    }

    /// [`TempPublication::new`], made inside the folder `parent`.
    pub fn new_in(parent: &Path) -> Self {
        Self::copied(Self {
            dir: tempfile::tempdir_in(parent).unwrap(),
        })
    }

    fn copied(publication: Self) -> Self {
        std::fs::create_dir(publication.path("issues")).unwrap();
        for file in ["bulletin.toml", ISSUE_74] {
            std::fs::copy(repo().join(file), publication.path(file)).unwrap();
        }
        publication
    }

    /// A folder with nothing in it.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Replaces `from`, which must occur exactly once, in `file`.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.path(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} occurs once in {file}"
        );
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Appends TOML to `file`.
    pub fn append(&self, file: &str, text: &str) {
        let path = self.path(file);
        let old = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, old + text).unwrap();
    }

    /// Builds issue 74 of this publication in-process.
    pub fn build(&self) -> Result<Built, build::BuildError> {
        build_issue(self.root(), 74)
    }
}

/// Every page's text runs and rules of a document laid out by any world
/// (as [`pages`] does for a build of bulletin's own).
pub fn document_pages(document: &typst_layout::PagedDocument) -> Vec<Page> {
    document
        .pages()
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut out = Page {
                width: pt(page.frame.width()),
                height: pt(page.frame.height()),
                runs: Vec::new(),
                rules: Vec::new(),
            };
            walk(&page.frame, Transform::identity(), i + 1, &mut out);
            out
        })
        .collect()
}

/// A picture as laid out: where its top left corner stands on its page
/// (points from the page's top left) and its printed size.
#[derive(Debug, Clone)]
pub struct Picture {
    /// 1-based page number.
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// An SVG drawing rather than a photo.
    pub svg: bool,
    /// Its alternative text (the caption).
    pub alt: Option<String>,
}

/// Calls `visit` with every item of every page that is not a group (the
/// groups are entered), its page (from 1), its position and the transform
/// of the groups around it.
pub fn each_item(
    document: &typst_layout::PagedDocument,
    visit: &mut dyn FnMut(&FrameItem, usize, Point, Transform),
) {
    fn walk(
        frame: &Frame,
        ts: Transform,
        page: usize,
        visit: &mut dyn FnMut(&FrameItem, usize, Point, Transform),
    ) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(group) => {
                    let inner = ts
                        .pre_concat(Transform::translate(pos.x, pos.y))
                        .pre_concat(group.transform);
                    walk(&group.frame, inner, page, visit);
                }
                other => visit(other, page, *pos, ts),
            }
        }
    }
    for (i, page) in document.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, visit);
    }
}

/// Every picture of a build, page by page in the order Typst placed them.
pub fn pictures(built: &Built) -> Vec<Picture> {
    let mut out = Vec::new();
    each_item(&built.document, &mut |item, page, pos, ts| {
        if let FrameItem::Image(image, size, _) = item {
            let a = pos.transform(ts);
            let b = (pos + Point::new(size.x, size.y)).transform(ts);
            out.push(Picture {
                page,
                x: pt(a.x.min(b.x)),
                y: pt(a.y.min(b.y)),
                width: pt((b.x - a.x).abs()),
                height: pt((b.y - a.y).abs()),
                svg: matches!(image.kind(), typst::visualize::ImageKind::Svg(_)),
                alt: image.alt().map(str::to_string),
            });
        }
    });
    out
}

/// A command that can be run to its end: the standard library's, or
/// assert_cmd's.
pub trait Runs {
    fn run(&mut self) -> std::process::Output;
}

impl Runs for Command {
    fn run(&mut self) -> std::process::Output {
        self.output().expect("bulletin runs")
    }
}

impl Runs for assert_cmd::Command {
    fn run(&mut self) -> std::process::Output {
        self.output().expect("bulletin runs")
    }
}

/// One finished run of the `bulletin` binary.
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Finished {
    pub fn of(command: &mut impl Runs) -> Self {
        let output = command.run();
        Self {
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// The status and both streams, for a failed assertion's message.
    pub fn show(&self) -> String {
        format!(
            "status: {}\n--- stdout:\n{}--- stderr:\n{}",
            self.status, self.stdout, self.stderr
        )
    }

    /// It ended on its own, and not by a panic: no exit status 101, none of
    /// a panic's words on stderr.
    pub fn no_panic(&self) {
        assert!(
            self.status.code().is_some(),
            "exits, not killed:\n{}",
            self.show()
        );
        assert_ne!(self.status.code(), Some(101), "a panic:\n{}", self.show());
        for sign in ["panicked", "RUST_BACKTRACE", "internal error"] {
            assert!(
                !self.stderr.contains(sign),
                "a panic ({sign:?}):\n{}",
                self.show()
            );
        }
    }

    /// It succeeded, and not by a panic's luck.
    pub fn succeeded(self) -> Self {
        assert!(self.status.success(), "succeeds:\n{}", self.show());
        self.no_panic();
        self
    }

    /// A failure the program reports (not a panic), with an error message.
    pub fn failed(self) -> Self {
        assert!(!self.status.success(), "fails:\n{}", self.show());
        self.no_panic();
        assert!(
            self.stderr.lines().any(|l| l.starts_with("error: ")),
            "an error is printed:\n{}",
            self.show()
        );
        self
    }

    /// Nothing was written: no `wrote …` line.
    pub fn wrote_nothing(self) -> Self {
        assert!(
            !self.stdout.contains("wrote"),
            "nothing is written:\n{}",
            self.stdout
        );
        self
    }

    /// The page count of `wrote out/74.pdf (9 pages, 0.4 MB) in 0.13 s`.
    pub fn pages(&self) -> usize {
        self.stdout
            .split_once(" (")
            .and_then(|(_, rest)| rest.split(' ').next())
            .and_then(|count| count.parse().ok())
            .unwrap_or_else(|| panic!("a page count in {:?}", self.stdout))
    }
}

/// The `bulletin` binary, speaking English whatever the machine's locale
/// (the tests read its English messages; tests/lang.rs reads the Chinese).
pub fn bulletin() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("bulletin").unwrap();
    command.env("BULLETIN_LANG", "en");
    command
}

/// [`bulletin`] as a plain process, for tests that read its output as it
/// comes or end it themselves.
pub fn bulletin_process() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"));
    command.env("BULLETIN_LANG", "en");
    command
}

/// `bulletin` with the language given by nothing but `vars` (the locale's
/// variables, BULLETIN_LANG): every variable that could choose is cleared
/// first.
pub fn bulletin_with_env(vars: &[(&str, &str)]) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("bulletin").unwrap();
    for name in ["BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    for (name, value) in vars {
        command.env(name, value);
    }
    command
}

/// An English sentence in a message meant for a Chinese reader: three or
/// more English words in a row, outside what is shown as typed (the
/// offending line and its caret, anything in quotes or backticks, paths,
/// keys, code points and options). `None` when there is none.
pub fn english_in(message: &str) -> Option<String> {
    for line in message.lines() {
        // The located frame's gutter lines show the editor's own text.
        let trimmed = line.trim_start();
        let gutter = trimmed
            .split_once('|')
            .is_some_and(|(number, _)| number.trim().chars().all(|c| c.is_ascii_digit()));
        if gutter {
            continue;
        }
        let mut plain = String::new();
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match quote {
                Some(close) if c == close => quote = None,
                Some(_) => {}
                None => match c {
                    '`' => quote = Some('`'),
                    '"' => quote = Some('"'),
                    '“' => quote = Some('”'),
                    '‘' => quote = Some('’'),
                    _ => plain.push(c),
                },
            }
        }
        let mut run: Vec<&str> = Vec::new();
        // A word touching Chinese text (a key in a list, 键“x”) is not an
        // English word.
        let words = plain.split(char::is_whitespace);
        for word in words.chain(std::iter::once("")) {
            let english = !word.is_empty()
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && (word.len() == 1 || !word.chars().all(|c| c.is_ascii_uppercase()));
            if english {
                run.push(word);
            } else {
                if run.len() >= 3 {
                    return Some(run.join(" "));
                }
                run.clear();
            }
        }
    }
    None
}

/// A real, small PNG whose header declares `w` × `h` pixels: a
/// decompression bomb as far as anything reading its header can tell.
pub fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(4, 4, image::Rgb([20, 150, 90]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    declaring(bytes, w, h)
}

/// A PNG of 16 bits a channel with transparency (8 bytes a pixel once
/// decoded) whose header declares `w` × `h` pixels.
pub fn png_16_bit_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(
        4,
        4,
        image::Rgba([5000, 40000, 20000, 65535]),
    )
    .write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .unwrap();
    declaring(bytes, w, h)
}

/// `png` with the width and height of its header changed.
fn declaring(mut bytes: Vec<u8>, w: u32, h: u32) -> Vec<u8> {
    // Signature (8), IHDR length (4), "IHDR" (4), width, height, five more
    // bytes, then the chunk's CRC-32 (ISO 3309) over type and data.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let mut crc = !0u32;
    for &byte in &bytes[12..29] {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    bytes[29..33].copy_from_slice(&(!crc).to_be_bytes());
    bytes
}

/// One glyph as laid out: the character it draws, where its cell starts
/// (the pen position, points from the page's top left), its advance and
/// the text size.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub advance: f64,
    pub size: f64,
    pub face: String,
    pub c: char,
}

/// Every glyph of every page, in the order Typst placed them.
pub fn glyphs(document: &typst_layout::PagedDocument) -> Vec<PlacedGlyph> {
    let mut out = Vec::new();
    each_item(document, &mut |item, page, pos, ts| {
        let FrameItem::Text(text) = item else { return };
        let face = text.font.font().post_script_name().unwrap_or_default();
        let mut pen = Abs::zero();
        for glyph in &text.glyphs {
            let at = Point::new(pos.x + pen, pos.y).transform(ts);
            let advance = glyph.x_advance.at(text.size);
            out.push(PlacedGlyph {
                page,
                x: pt(at.x),
                y: pt(at.y),
                advance: pt(advance),
                size: pt(text.size),
                face: face.clone(),
                c: text.text[glyph.range()].chars().next().unwrap_or(' '),
            });
            pen += advance;
        }
    });
    out
}

/// Runs `command` to its end, at most `limit` long (then it is killed and
/// the test fails: something hangs), and returns what it printed with its
/// cost: wall time in seconds and peak memory in MiB.
///
/// The peak is the child's own high-water mark (`VmHWM` of
/// /proc/<pid>/status), read every few milliseconds while it runs: its
/// `ru_maxrss` would count the test process too, whose memory a spawned
/// child starts from before it becomes `bulletin`.
#[cfg(target_os = "linux")]
pub fn run_measured(command: &mut Command, limit: std::time::Duration) -> (Finished, f64, f64) {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Both streams are drained as they come: a full pipe would stall the child.
    let drain = |mut stream: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            stream.read_to_end(&mut bytes).ok();
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        // Read before asking whether it ended: the last reading is then at
        // most a few milliseconds before its end.
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("still running after {limit:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let seconds = started.elapsed().as_secs_f64();
    let finished = Finished {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (finished, seconds, peak_kib as f64 / 1024.0)
}

/// A PDF's bookmarks as (depth from 0, title), in order.
pub fn outline(pdf: &[u8]) -> Vec<(usize, String)> {
    use lopdf::{Dictionary, Document, Object};
    fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
        match object {
            Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary"),
            Object::Dictionary(d) => d,
            other => panic!("not a dictionary: {other:?}"),
        }
    }
    fn walk(doc: &Document, first: Option<&Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.cloned();
        while let Some(object) = next {
            let item = dict(doc, &object);
            let title = lopdf::decode_text_string(item.get(b"Title").expect("a title"))
                .expect("a text string");
            out.push((depth, title));
            walk(doc, item.get(b"First").ok(), depth + 1, out);
            next = item.get(b"Next").ok().cloned();
        }
    }
    let doc = Document::load_mem(pdf).expect("the PDF parses");
    let catalog = doc.catalog().expect("a catalog");
    let outlines = dict(&doc, catalog.get(b"Outlines").expect("bookmarks"));
    let mut out = Vec::new();
    walk(&doc, outlines.get(b"First").ok(), 0, &mut out);
    out
}
