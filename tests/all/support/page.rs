//! An issue built in process, and its pages as Typst laid them out, read
//! as a reader of the printed page sees them: runs of text, rules,
//! pictures and glyphs where they stand, grouped into printed lines.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use bulletin::input::config::Config;
use bulletin::typeset::build::{self, BuildOptions, Built};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::visualize::{Geometry, Paint};

use super::repo;

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

/// Issue 74 of the repository, built once for all tests.
pub fn issue_74() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT
        .get_or_init(|| build_issue(&repo(), 74).unwrap_or_else(|e| panic!("issue 74 builds: {e}")))
}

pub fn pt(abs: Abs) -> f64 {
    abs.to_pt()
}

/// `a` and `b` differ by at most `tolerance`.
pub fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

/// The faces of the embedded fonts, by their PostScript names.
pub const BODY_FACE: &str = "FandolFang-Regular";
pub const TITLE_FACE: &str = "NotoSerifSC-Bold";
pub const HEADING_FACE: &str = "FandolHei-Regular";
pub const KAI_FACE: &str = "FandolKai-Regular";
pub const NUMBER_FACE: &str = "FandolSong-Regular";

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
    document_pages(&built.document)
}

/// Every page's text runs and rules of a document laid out by any world
/// ([`pages`] of a build of bulletin's own).
pub fn document_pages(document: &typst_layout::PagedDocument) -> Vec<Page> {
    let mut pages: Vec<Page> = document
        .pages()
        .iter()
        .map(|page| Page {
            width: pt(page.frame.width()),
            height: pt(page.frame.height()),
            runs: Vec::new(),
            rules: Vec::new(),
        })
        .collect();
    each_item(document, &mut |item, page, pos, ts| {
        let out = &mut pages[page - 1];
        let at = pos.transform(ts);
        match item {
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
                        let end = (pos + *to).transform(ts);
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
                        let end = (pos + Point::new(size.x, Abs::zero())).transform(ts);
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
    });
    pages
}

fn rgba(paint: &Paint) -> [u8; 4] {
    match paint {
        Paint::Solid(color) => color.to_vec4_u8(),
        _ => [0, 0, 0, 0],
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
