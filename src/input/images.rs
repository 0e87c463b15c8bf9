//! Pictures in articles (`[[articles.images]]`): each file checked before
//! layout — inside the publication folder, there, and a JPEG, PNG or SVG —
//! so that a mistake is reported at its line in the issue, not by Typst.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::diagnostic::Located;
use crate::files::{self, stays_inside};
use crate::input::config::relative_inside;
use crate::input::toml_input::InputFile;
pub use crate::pictures::ImageFormat;
use crate::pictures::{self, Place};
use crate::t;
use crate::text;

/// The tallest picture the layout allows, in points: the text block (225 mm).
pub const MAX_HEIGHT_PT: f64 = 225.0 / 25.4 * 72.0;

/// Below this, a photo prints visibly blurred.
pub const MIN_DPI: f64 = 150.0;

/// A checked picture of an article.
#[derive(Debug, Clone)]
pub struct Image {
    /// Relative to the publication folder.
    pub path: PathBuf,
    pub caption: Option<String>,
    /// The paragraph (from 1) it follows; `None`: after the body.
    pub after: Option<usize>,
    /// The printed height the editor asked for, in points.
    pub height: Option<f64>,
    pub format: ImageFormat,
    /// Width and height in pixels, for a raster image.
    pub pixels: Option<(u32, u32)>,
    /// Where `path` is written.
    pub span: Range<usize>,
    pub caption_span: Option<Range<usize>>,
}

impl Image {
    /// The path as the layout asks for it: from the publication folder's
    /// root, with `/`.
    pub fn virtual_path(&self) -> String {
        let parts: Vec<String> = self
            .path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        format!("/{}", parts.join("/"))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    path: Spanned<String>,
    caption: Option<Spanned<String>>,
    after: Option<Spanned<i64>>,
    height: Option<Spanned<toml::Value>>,
}

/// Checks image `k` of article `n`, which has `paragraphs` paragraphs;
/// problems go to `problems`.
pub fn check(
    file: &InputFile,
    root: &Path,
    raw: RawImage,
    (n, k): (usize, usize),
    paragraphs: usize,
    problems: &mut Vec<Located>,
) -> Option<Image> {
    let before = problems.len();
    let place = t!("place-article-image", n = n, k = k);
    let at_place = |message: String| t!("with-place", place = place.as_str(), message = message);
    let mut found = None;
    match relative_inside(
        file,
        &raw.path,
        &at_place(t!("image-what-path")),
        "images/74/photo.jpg",
    ) {
        Err(problem) => problems.push(problem),
        Ok(path) => match read(root, &path) {
            Ok(kind) => found = Some((path, kind)),
            Err(why) => problems.push(file.error(
                raw.path.span(),
                at_place(t!("image-problem", path = raw.path.get_ref(), why = why)),
            )),
        },
    }

    let after = raw.after.as_ref().and_then(|after| {
        let value = *after.get_ref();
        match usize::try_from(value) {
            Ok(a) if (1..=paragraphs).contains(&a) => Some(a),
            _ => {
                problems.push(file.error(
                    after.span(),
                    at_place(t!("image-after", value = value, paragraphs = paragraphs)),
                ));
                None
            }
        }
    });

    let height = raw
        .height
        .as_ref()
        .and_then(|height| match parse_height(height.get_ref()) {
            Ok(pt) => Some(pt),
            Err(why) => {
                problems.push(file.error(height.span(), at_place(t!("image-height", why = why))));
                None
            }
        });

    let caption = raw.caption.as_ref().map(|c| text::one_line(c.get_ref()));
    // Control characters in it are found with the article's other texts.
    if let (Some(caption), Some(written)) = (&caption, &raw.caption)
        && caption.is_empty()
    {
        problems.push(file.error(written.span(), at_place(t!("image-caption-empty"))));
    }

    let (path, (format, pixels)) = found?;
    (problems.len() == before).then(|| Image {
        path,
        caption,
        after,
        height,
        format,
        pixels,
        span: raw.path.span(),
        caption_span: raw.caption.as_ref().map(Spanned::span),
    })
}

/// Refuses the picture that brings the issue's pictures over
/// [`pictures::MAX_ISSUE_PIXELS`] together: each is within its own budget,
/// but Typst holds them all decoded at once. `images` are the issue's
/// pictures in order, with their article and place in it.
pub fn check_total<'a>(
    file: &InputFile,
    images: impl IntoIterator<Item = (usize, usize, &'a Image)>,
    problems: &mut Vec<Located>,
) {
    let mut total = 0u64;
    for (n, k, image) in images {
        let Some((width, height)) = image.pixels else {
            continue;
        };
        total += u64::from(width) * u64::from(height);
        if total > pictures::MAX_ISSUE_PIXELS {
            let place = t!("place-article-image", n = n, k = k);
            let message = t!(
                "image-issue-too-many-pixels",
                total = pictures::millions(total),
                max = pictures::millions(pictures::MAX_ISSUE_PIXELS)
            );
            problems.push(file.error(
                image.span.clone(),
                t!("with-place", place = place.as_str(), message = message),
            ));
            return;
        }
    }
}

/// The format and pixel size of the image at `path` (relative to `root`),
/// or why it cannot be printed.
fn read(root: &Path, path: &Path) -> Result<(ImageFormat, Option<(u32, u32)>), String> {
    let full = root.join(path);
    if full.canonicalize().is_err() {
        return Err(t!("image-does-not-exist"));
    }
    if !stays_inside(root, path) {
        return Err(t!("image-outside"));
    }
    if full.is_dir() {
        return Err(t!("image-not-a-file"));
    }
    let bytes =
        files::read_regular(&full, pictures::MAX_FILE_BYTES).map_err(pictures::read_error)?;
    let place = Place {
        root,
        folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    pictures::inspect(&bytes, &place)
}

/// A printed height: `"60mm"`, `"6cm"`, `"170pt"`, or a number of
/// millimetres; more than nothing and at most the text block's height.
fn parse_height(value: &toml::Value) -> Result<f64, String> {
    let pt = match value {
        toml::Value::Integer(mm) => *mm as f64 * 72.0 / 25.4,
        toml::Value::Float(mm) => mm * 72.0 / 25.4,
        toml::Value::String(s) => {
            let s = s.trim();
            let (number, factor) = if let Some(n) = s.strip_suffix("mm") {
                (n, 72.0 / 25.4)
            } else if let Some(n) = s.strip_suffix("cm") {
                (n, 72.0 / 2.54)
            } else if let Some(n) = s.strip_suffix("pt") {
                (n, 1.0)
            } else {
                return Err(t!("image-height-unit", value = s));
            };
            let number: f64 = number
                .trim()
                .parse()
                .map_err(|_| t!("image-height-not-a-length", value = s))?;
            number * factor
        }
        _ => return Err(t!("image-height-type")),
    };
    if !(pt > 0.0 && pt <= MAX_HEIGHT_PT + 0.01) {
        return Err(t!(
            "image-height-range",
            mm = format!("{:.0}", pt * 25.4 / 72.0)
        ));
    }
    Ok(pt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_take_a_unit_or_millimetres() {
        let mm = |v: f64| v * 72.0 / 25.4;
        let s = |t: &str| toml::Value::String(t.to_string());
        assert!((parse_height(&s("60mm")).unwrap() - mm(60.0)).abs() < 1e-9);
        assert!((parse_height(&s("6 cm")).unwrap() - mm(60.0)).abs() < 1e-9);
        assert_eq!(parse_height(&s("170pt")).unwrap(), 170.0);
        assert!((parse_height(&toml::Value::Integer(60)).unwrap() - mm(60.0)).abs() < 1e-9);
        assert!(parse_height(&s("60")).unwrap_err().contains("needs a unit"));
        assert!(parse_height(&s("0mm")).is_err());
        assert!(parse_height(&s("300mm")).unwrap_err().contains("225mm"));
        assert!(parse_height(&toml::Value::Boolean(true)).is_err());
    }

    #[test]
    fn an_svg_that_cannot_be_drawn_is_refused_before_layout() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join(name), text).unwrap();
            Path::new(name).to_path_buf()
        };
        let good = write(
            "good.svg",
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>"#,
        );
        assert!(matches!(
            read(dir.path(), &good),
            Ok((ImageFormat::Svg, None))
        ));
        let flat = write(
            "flat.svg",
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="0"/>"#,
        );
        let why = read(dir.path(), &flat).unwrap_err();
        assert!(why.contains("cannot be drawn"), "{why}");
    }

    #[test]
    fn svg_is_recognised_by_its_first_element() {
        use crate::pictures::looks_like_svg;
        assert!(looks_like_svg(b"<svg xmlns='http://www.w3.org/2000/svg'/>"));
        assert!(looks_like_svg(b"\xEF\xBB\xBF<?xml version='1.0'?>\n<svg/>"));
        assert!(!looks_like_svg(b"<html><body>not a picture</body></html>"));
        assert!(!looks_like_svg(b"GIF89a"));
    }
}
