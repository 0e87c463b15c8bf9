//! Pictures in articles (`[[articles.images]]`): each file checked before
//! layout — inside the publication folder, there, and a JPEG, PNG or SVG —
//! so that a mistake is reported at its line in the issue, not by Typst.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::config::{relative_inside, stays_inside};
use crate::diagnostic::Located;
use crate::t;
use crate::text;
use crate::toml_input::InputFile;

/// The tallest picture the layout allows, in points: the text block (225 mm).
pub const MAX_HEIGHT_PT: f64 = 225.0 / 25.4 * 72.0;

/// Below this, a photo prints visibly blurred.
pub const MIN_DPI: f64 = 150.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Svg,
}

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

impl ImageFormat {
    /// As Typst's `image(format: …)` names it.
    pub fn typst_name(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
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

/// The format and pixel size of the image at `path` (relative to `root`),
/// or why it cannot be printed.
fn read(root: &Path, path: &Path) -> Result<(ImageFormat, Option<(u32, u32)>), String> {
    let full = root.join(path);
    let real = full
        .canonicalize()
        .map_err(|_| t!("image-does-not-exist"))?;
    if !stays_inside(root, path) {
        return Err(t!("image-outside"));
    }
    if !real.is_file() {
        return Err(t!("image-not-a-file"));
    }
    let bytes = std::fs::read(&real)
        .map_err(|err| t!("image-cannot-read", error = crate::i18n::io_error(&err)))?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|err| t!("image-cannot-read", error = crate::i18n::io_error(&err)))?;
    let format = match reader.format() {
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        _ if looks_like_svg(&bytes) => {
            if let Some(at) = broken_xml(&bytes) {
                return Err(t!("image-svg-damaged", at = at));
            }
            // As Typst will read it (usvg): a size of zero, say, is refused here.
            return match usvg::Tree::from_data(&bytes, &usvg::Options::default()) {
                Ok(_) => Ok((ImageFormat::Svg, None)),
                Err(err) => Err(t!("image-svg-cannot-draw", error = err.to_string())),
            };
        }
        Some(other) => {
            return Err(t!(
                "image-other-format",
                format = other
                    .extensions_str()
                    .first()
                    .unwrap_or(&"other")
                    .to_uppercase()
            ));
        }
        None => return Err(t!("image-not-a-picture")),
    };
    let name = if format == ImageFormat::Jpeg {
        "JPEG"
    } else {
        "PNG"
    };
    let damaged = || t!("image-damaged", format = name);
    let (width, height) = reader.into_dimensions().map_err(|_| damaged())?;
    // A copy cut short (the usual damage) lacks the end marker: found here
    // without decoding the whole picture.
    let whole = match format {
        ImageFormat::Png => {
            bytes.len() >= 12 && &bytes[bytes.len() - 8..bytes.len() - 4] == b"IEND"
        }
        // The end-of-image marker after the scan data (0xFF is escaped
        // inside it); phones may append more after it (motion photos).
        _ => {
            let scan = bytes.windows(2).position(|w| w == [0xFF, 0xDA]);
            scan.is_some_and(|at| bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]))
        }
    };
    if !whole {
        return Err(t!("image-cut-short", format = name));
    }
    if width == 0 || height == 0 {
        return Err(t!("image-no-pixels"));
    }
    Ok((format, Some((width, height))))
}

/// Where the XML of a drawing breaks, if it does.
fn broken_xml(bytes: &[u8]) -> Option<u64> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    let mut depth: i64 = 0;
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => {
                return (depth != 0).then(|| reader.buffer_position());
            }
            Ok(_) => {}
            Err(_) => return Some(reader.error_position()),
        }
        buffer.clear();
    }
}

/// An SVG file: XML whose first element is `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--"))
        && head.contains("<svg")
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
    fn broken_xml_is_found() {
        assert_eq!(broken_xml(b"<svg><rect/></svg>"), None);
        assert!(broken_xml(b"<svg><rect width=\"10\"</svg>").is_some());
        assert!(broken_xml(b"<svg><g></svg>").is_some());
        assert!(broken_xml(b"<svg><g>").is_some());
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
        assert!(looks_like_svg(b"<svg xmlns='http://www.w3.org/2000/svg'/>"));
        assert!(looks_like_svg(b"\xEF\xBB\xBF<?xml version='1.0'?>\n<svg/>"));
        assert!(!looks_like_svg(b"<html><body>not a picture</body></html>"));
        assert!(!looks_like_svg(b"GIF89a"));
    }
}
