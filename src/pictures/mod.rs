//! Whether a picture's bytes can be printed, and can be printed without
//! taking the machine down: its kind, read from its bytes; its pixel size,
//! read from its header before anything is decoded, within what print
//! needs; and for an SVG drawing, bounded XML (elements, nesting, entity
//! expansion, `<use>` copies, declared size) and links that stay inside
//! the publication folder, as Typst itself would follow them.
//!
//! A contributor's file, or an upload to the desk, is hostile input: every
//! refusal here takes milliseconds and a few megabytes, before Typst sees
//! the picture.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use self::cost::{Over, Spent};
use crate::files::{self, ReadError, stays_inside};
use crate::t;

/// What a picture file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Svg,
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

mod cost;
mod entities;

/// The largest picture file: a print photo is a few MB; this leaves room
/// for a camera's largest JPEG and a detailed drawing.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most pixels a raster picture may have: a 50-megapixel camera's
/// photo. An A4 page at 600 dpi is 35 megapixels; decoded, 50 megapixels
/// take 200 MB.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The memory a picture's pixels may take once decoded: the largest
/// picture, 50 million pixels, at 8 bits a channel with transparency.
pub const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 4;
/// The pixels of all the pictures of one issue together: eight pictures
/// at the largest a picture may be, far more than nine pages print (a
/// 16 × 10 cm photo at 300 dpi is 2.2 million).
pub const MAX_ISSUE_PIXELS: u64 = 8 * MAX_PIXELS;
/// The longest side, in pixels: 30,000 pixels print 1.27 m wide at 600 dpi.
pub const MAX_SIDE: u32 = 30_000;
/// Elements of an SVG drawing, after its `<use>` copies: a detailed map
/// has tens of thousands.
pub const MAX_SVG_ELEMENTS: u64 = 200_000;
/// How deep an SVG drawing's elements may nest.
pub const MAX_SVG_DEPTH: usize = 256;
/// Characters an SVG drawing's entities may add to it when expanded
/// (drawing programs declare a few short ones; a "billion laughs" bomb
/// declares nested ones that expand to gigabytes).
pub const MAX_ENTITY_TEXT: u64 = 1_000_000;
/// The largest declared width or height of a drawing, in its own units.
pub const MAX_SVG_SIZE: f32 = 100_000.0;
/// Characters of text in an SVG drawing, its `<use>` copies counted: Typst
/// lays out each as outlines (a chart has hundreds; a full A4 page of
/// Chinese text is about 1,500).
pub const MAX_SVG_TEXT: u64 = 50_000;
/// Pixels an SVG drawing's filter effects (blur, shadow) are rendered to
/// for the PDF, each as often as it is drawn: a shadow behind a whole
/// picture printed across the text block takes 4.5 million.
pub const MAX_FILTER_PIXELS: u64 = 25_000_000;
/// Drawings inside drawings (an SVG that embeds an SVG).
const MAX_NESTING: usize = 3;

/// Where a picture stands, for a drawing's links: the publication folder,
/// and the drawing's own folder inside it (relative).
#[derive(Debug, Clone)]
pub struct Place<'a> {
    pub root: &'a Path,
    pub folder: PathBuf,
}

/// The kind of a picture and, for a raster picture, its pixel size; or why
/// it cannot be printed (a sentence that follows the picture's name: "is
/// not a JPEG, PNG or SVG image").
pub fn inspect(bytes: &[u8], place: &Place) -> Result<(ImageFormat, Option<(u32, u32)>), String> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| t!("image-cannot-read", error = crate::i18n::io_error(&err)))?;
    let format = match reader.format() {
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        _ if looks_like_svg(bytes) => {
            check_svg(bytes, place, 0, &Spent::default())?;
            return Ok((ImageFormat::Svg, None));
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
    // The header only: nothing is decoded here.
    let decoder = reader
        .into_decoder()
        .map_err(|_| t!("image-damaged", format = name))?;
    let (width, height) = image::ImageDecoder::dimensions(&decoder);
    let bytes_per_pixel = u64::from(image::ImageDecoder::color_type(&decoder).bytes_per_pixel());
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
    within_budget(width, height)?;
    within_memory(width, height, bytes_per_pixel)?;
    Ok((format, Some((width, height))))
}

/// Refuses a picture whose pixels take more memory, once decoded, than
/// [`MAX_DECODED_BYTES`]: 16 bits a channel doubles what 8 bits take, and
/// print uses 8.
fn within_memory(width: u32, height: u32, bytes_per_pixel: u64) -> Result<(), String> {
    let decoded = u64::from(width) * u64::from(height) * bytes_per_pixel;
    if decoded > MAX_DECODED_BYTES {
        return Err(t!(
            "image-too-deep",
            width = width,
            height = height,
            mb = decoded / 1_000_000,
            max_mb = MAX_DECODED_BYTES / 1_000_000
        ));
    }
    Ok(())
}

/// Refuses a raster picture of more pixels than print needs.
pub fn within_budget(width: u32, height: u32) -> Result<(), String> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(t!(
            "image-too-many-pixels",
            width = width,
            height = height,
            max_pixels = millions(MAX_PIXELS),
            max_side = MAX_SIDE
        ));
    }
    Ok(())
}

/// Why a file could not be read as a picture, in words after its name.
pub fn read_error(error: ReadError) -> String {
    match error {
        ReadError::NotRegular => t!("image-not-regular"),
        ReadError::TooLarge(size) => t!(
            "image-file-too-large",
            mb = format!("{:.0}", size as f64 / 1_048_576.0),
            max = MAX_FILE_BYTES / 1_048_576
        ),
        ReadError::Io(err) => t!("image-cannot-read", error = crate::i18n::io_error(&err)),
    }
}

/// An SVG file: XML whose first element is `<svg`.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    ["<?xml", "<svg", "<!--", "<!DOCTYPE"]
        .iter()
        .any(|start| head.starts_with(start))
        && head.contains("<svg")
}

/// Reads an SVG drawing as Typst will (usvg), within bounds, following its
/// links only inside the publication folder; `depth` counts the drawings
/// around it, `spent` the pictures taken into the outermost one.
fn check_svg(
    bytes: &[u8],
    place: &Place,
    depth: usize,
    spent: &Spent,
) -> Result<usvg::Tree, String> {
    if depth > MAX_NESTING {
        return Err(t!("image-svg-nested", max = MAX_NESTING));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| t!("image-svg-not-text"))?;
    let text = text.trim_start_matches('\u{feff}');
    let shape = xml_shape(text.as_bytes())?;
    if shape.copies > MAX_SVG_ELEMENTS {
        return Err(if shape.elements > MAX_SVG_ELEMENTS {
            t!("image-svg-too-many-elements", max = MAX_SVG_ELEMENTS)
        } else {
            t!("image-svg-uses", max = MAX_SVG_ELEMENTS)
        });
    }
    match entities::expanded_characters(text, MAX_ENTITY_TEXT) {
        Ok(_) => {}
        Err(entities::EntityError::TooMuch) => {
            return Err(t!("image-svg-entities", max = MAX_ENTITY_TEXT));
        }
        Err(entities::EntityError::Unsupported) => {
            return Err(t!("image-svg-entity-unsupported"));
        }
    }

    let xml = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: u32::try_from(MAX_SVG_ELEMENTS * 4).unwrap_or(u32::MAX),
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, xml)
        .map_err(|err| t!("image-svg-cannot-draw", error = err.to_string()))?;
    if cost::text_characters(&document, MAX_SVG_TEXT) > MAX_SVG_TEXT {
        return Err(t!("image-svg-text", max = MAX_SVG_TEXT));
    }

    // What a link or an embedded picture was refused for; usvg only hears
    // "no picture here".
    let refused: Arc<Mutex<Option<String>>> = Arc::default();
    let refuse = |why: String| {
        let mut first = refused.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert(why);
        None
    };
    // After one refusal nothing more is read.
    let open = || refused.lock().is_ok_and(|first| first.is_none());
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_mime, data, _| {
                if !open() {
                    return None;
                }
                let taken = embedded(&data, place, depth, spent).and_then(|(kind, pixels)| {
                    take(spent, data.len() as u64, pixels).map(|()| kind)
                });
                match taken {
                    Ok(kind) => Some(kind),
                    Err(why) => refuse(why),
                }
            }),
            resolve_string: Box::new(|href, _| {
                if !open() {
                    return None;
                }
                match linked(href, place, depth, spent) {
                    Ok((kind, bytes, pixels)) => match take(spent, bytes, pixels) {
                        Ok(()) => Some(kind),
                        Err(why) => refuse(why),
                    },
                    Err(why) => refuse(t!("image-svg-link", link = href, why = why)),
                }
            }),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_xmltree(&document, &options);
    if let Some(why) = refused.lock().unwrap_or_else(|p| p.into_inner()).take() {
        return Err(why);
    }
    let tree = tree.map_err(|err| t!("image-svg-cannot-draw", error = err.to_string()))?;
    let size = tree.size();
    if size.width() > MAX_SVG_SIZE || size.height() > MAX_SVG_SIZE {
        return Err(t!(
            "image-svg-size",
            width = format!("{:.0}", size.width()),
            height = format!("{:.0}", size.height()),
            max = format!("{MAX_SVG_SIZE:.0}")
        ));
    }
    if cost::filter_pixels(&tree, MAX_FILTER_PIXELS) > MAX_FILTER_PIXELS {
        return Err(t!(
            "image-svg-filters",
            max_pixels = millions(MAX_FILTER_PIXELS)
        ));
    }
    Ok(tree)
}

/// A picture embedded in a drawing (a `data:` link), checked as a picture
/// of its own.
fn embedded(
    data: &[u8],
    place: &Place,
    depth: usize,
    spent: &Spent,
) -> Result<(usvg::ImageKind, u64), String> {
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(read_error(ReadError::TooLarge(data.len() as u64)));
    }
    picture_in_drawing(
        Arc::new(data.to_vec()),
        Source::Embedded,
        place,
        depth,
        spent,
    )
}

/// A picture a drawing links to, by a path from the drawing's folder: as
/// Typst follows it, never outside the publication folder, and read only
/// if it is a regular file within the size limit; with its bytes and
/// pixels.
fn linked(
    href: &str,
    place: &Place,
    depth: usize,
    spent: &Spent,
) -> Result<(usvg::ImageKind, u64, u64), String> {
    let path = Path::new(href);
    if path.is_absolute() || href.starts_with(['/', '\\']) {
        return Err(t!("image-link-absolute"));
    }
    // A web address (http:, file:, C:): not a file of the publication.
    let scheme = href.split_once(':').is_some_and(|(before, _)| {
        !before.is_empty()
            && before
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme {
        return Err(t!("image-link-not-a-file"));
    }
    let mut relative = PathBuf::new();
    for part in place.folder.components().chain(path.components()) {
        match part {
            Component::Normal(name) => relative.push(name),
            Component::CurDir => {}
            Component::ParentDir => {
                if !relative.pop() {
                    return Err(t!("image-link-outside"));
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(t!("image-link-absolute")),
        }
    }
    // Typst shows no drawing linked from a drawing, and takes a name's
    // ending for the kind of picture.
    let named = relative
        .extension()
        .and_then(|e| e.to_str())
        .and_then(named_kind);
    if matches!(named, Some(Named::Drawing)) {
        return Err(t!("image-link-drawing"));
    }
    let full = place.root.join(&relative);
    if !full.exists() {
        return Err(t!("image-link-missing"));
    }
    if !stays_inside(place.root, &relative) {
        return Err(t!("image-link-outside"));
    }
    let bytes = files::read_regular(&full, MAX_FILE_BYTES).map_err(read_error)?;
    let inner = Place {
        root: place.root,
        folder: relative.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let named = match named {
        Some(Named::Picture(kind)) => Some(kind),
        _ => None,
    };
    let size = bytes.len() as u64;
    let (kind, pixels) =
        picture_in_drawing(Arc::new(bytes), Source::Linked(named), &inner, depth, spent)?;
    Ok((kind, size, pixels))
}

/// Where a picture inside a drawing comes from.
#[derive(Clone, Copy)]
enum Source {
    /// A `data:` link.
    Embedded,
    /// A file, with the kind its name gives it, if any.
    Linked(Option<image::ImageFormat>),
}

/// What Typst takes a linked file for by the ending of its name.
enum Named {
    Picture(image::ImageFormat),
    Drawing,
}

/// The kind a linked file's ending names, as Typst reads it (in small
/// letters only; other endings are read from the bytes).
fn named_kind(extension: &str) -> Option<Named> {
    Some(match extension {
        "png" => Named::Picture(image::ImageFormat::Png),
        "jpg" | "jpeg" => Named::Picture(image::ImageFormat::Jpeg),
        "gif" => Named::Picture(image::ImageFormat::Gif),
        "webp" => Named::Picture(image::ImageFormat::WebP),
        "svg" | "svgz" | "pdf" => Named::Drawing,
        _ => return None,
    })
}

/// A count of pixels as each language says large counts: "25 million",
/// "2500 万".
pub fn millions(pixels: u64) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => format!("{} 万", pixels / 10_000),
        crate::i18n::Lang::En => format!("{} million", pixels / 1_000_000),
    }
}

/// A raster picture within budget, with its pixels, or an embedded
/// drawing checked as its own (no pixels of its own).
fn picture_in_drawing(
    data: Arc<Vec<u8>>,
    source: Source,
    place: &Place,
    depth: usize,
    spent: &Spent,
) -> Result<(usvg::ImageKind, u64), String> {
    let reader = image::ImageReader::new(std::io::Cursor::new(data.as_slice()))
        .with_guessed_format()
        .map_err(|err| t!("image-cannot-read", error = crate::i18n::io_error(&err)))?;
    let kind = match reader.format() {
        Some(image::ImageFormat::Jpeg) => usvg::ImageKind::JPEG,
        Some(image::ImageFormat::Png) => usvg::ImageKind::PNG,
        Some(image::ImageFormat::Gif) => usvg::ImageKind::GIF,
        Some(image::ImageFormat::WebP) => usvg::ImageKind::WEBP,
        _ if looks_like_svg(&data) => {
            if matches!(source, Source::Linked(_)) {
                return Err(t!("image-link-drawing"));
            }
            let tree = check_svg(&data, place, depth + 1, spent)?;
            return Ok((usvg::ImageKind::SVG(tree), 0));
        }
        _ => return Err(t!("image-link-not-picture")),
    };
    if let (Source::Linked(Some(named)), Some(format)) = (source, reader.format())
        && named != format
    {
        return Err(t!(
            "image-link-misnamed",
            format = format_name(format),
            named = format_name(named)
        ));
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|_| t!("image-link-not-picture"))?;
    within_budget(width, height)?;
    Ok((kind(data), u64::from(width) * u64::from(height)))
}

/// Counts a picture towards what the outermost drawing may take in all:
/// Typst keeps and decodes a copy for every link and every `<use>` copy.
fn take(spent: &Spent, bytes: u64, pixels: u64) -> Result<(), String> {
    spent
        .take(bytes, pixels, MAX_FILE_BYTES, MAX_PIXELS)
        .map_err(|over| match over {
            Over::Bytes => t!("image-svg-pictures-bytes", max = MAX_FILE_BYTES / 1_048_576),
            Over::Pixels => t!(
                "image-svg-pictures-pixels",
                max_pixels = millions(MAX_PIXELS)
            ),
        })
}

/// A picture format as people name it.
fn format_name(format: image::ImageFormat) -> &'static str {
    match format {
        image::ImageFormat::Png => "PNG",
        image::ImageFormat::Jpeg => "JPEG",
        image::ImageFormat::Gif => "GIF",
        image::ImageFormat::WebP => "WebP",
        _ => "other",
    }
}

/// What an SVG's XML holds: its elements, and how many there are once
/// every `<use>` is replaced by a copy of what it names.
struct Shape {
    elements: u64,
    copies: u64,
}

/// One element of a drawing, for counting copies.
#[derive(Default)]
struct Element {
    children: Vec<usize>,
    /// The element a `<use>` names (`#id`).
    uses: Option<String>,
}

/// Reads the XML once, without expanding entities, and counts; refuses
/// broken XML and nesting deeper than [`MAX_SVG_DEPTH`].
fn xml_shape(bytes: &[u8]) -> Result<Shape, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    let mut elements: Vec<Element> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots: Vec<usize> = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer);
        let (start, empty) = match &event {
            Ok(Event::Start(e)) => (Some(e.clone().into_owned()), false),
            Ok(Event::Empty(e)) => (Some(e.clone().into_owned()), true),
            Ok(Event::End(_)) => {
                open.pop();
                (None, false)
            }
            Ok(Event::Eof) => {
                if !open.is_empty() {
                    return Err(t!("image-svg-damaged", at = reader.buffer_position()));
                }
                break;
            }
            Ok(_) => (None, false),
            Err(_) => return Err(t!("image-svg-damaged", at = reader.error_position())),
        };
        if let Some(element) = start {
            if elements.len() as u64 >= MAX_SVG_ELEMENTS {
                return Err(t!("image-svg-too-many-elements", max = MAX_SVG_ELEMENTS));
            }
            let index = elements.len();
            let mut this = Element::default();
            for attribute in element.attributes().flatten() {
                let key = attribute.key.as_ref();
                let value = attribute.value.to_string();
                if key == "id" {
                    ids.insert(value, index);
                } else if (key == "href" || key == "xlink:href")
                    && element.local_name().as_ref() == "use"
                {
                    this.uses = value.strip_prefix('#').map(str::to_string);
                }
            }
            elements.push(this);
            match open.last() {
                Some(&parent) => elements[parent].children.push(index),
                None => roots.push(index),
            }
            if !empty {
                open.push(index);
                if open.len() > MAX_SVG_DEPTH {
                    return Err(t!("image-svg-too-deep", max = MAX_SVG_DEPTH));
                }
            }
        }
        buffer.clear();
    }
    let mut counted: Vec<Option<u64>> = vec![None; elements.len()];
    let mut copies = 0u64;
    for root in roots {
        copies = copies.saturating_add(count_copies(root, &elements, &ids, &mut counted, 0));
    }
    Ok(Shape {
        elements: elements.len() as u64,
        copies,
    })
}

/// The elements `index` stands for, its `<use>` copies included, at most
/// a little over [`MAX_SVG_ELEMENTS`] (a loop of uses counts as too many:
/// usvg refuses it anyway).
fn count_copies(
    index: usize,
    elements: &[Element],
    ids: &HashMap<String, usize>,
    counted: &mut Vec<Option<u64>>,
    chain: usize,
) -> u64 {
    const TOO_MANY: u64 = MAX_SVG_ELEMENTS + 1;
    if let Some(known) = counted[index] {
        return known;
    }
    // Deeper than nesting and use chains can honestly go: a loop.
    if chain > MAX_SVG_DEPTH * 4 {
        return TOO_MANY;
    }
    let element = &elements[index];
    let mut total = 1u64;
    for &child in &element.children {
        total = total.saturating_add(count_copies(child, elements, ids, counted, chain + 1));
        if total > MAX_SVG_ELEMENTS {
            break;
        }
    }
    if let Some(target) = element.uses.as_ref().and_then(|id| ids.get(id))
        && total <= MAX_SVG_ELEMENTS
    {
        total = total.saturating_add(count_copies(*target, elements, ids, counted, chain + 1));
    }
    let total = total.min(TOO_MANY);
    counted[index] = Some(total);
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(root: &Path) -> Place<'_> {
        Place {
            root,
            folder: PathBuf::from("images"),
        }
    }

    #[test]
    fn use_copies_are_counted_before_usvg_makes_them() {
        let mut svg = String::from(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><rect id=\"r0\" width=\"1\" height=\"1\"/>",
        );
        for level in 1..12 {
            svg.push_str(&format!("<g id=\"r{level}\">"));
            for _ in 0..10 {
                svg.push_str(&format!("<use xlink:href=\"#r{}\"/>", level - 1));
            }
            svg.push_str("</g>");
        }
        svg.push_str("</defs><use xlink:href=\"#r11\"/></svg>");
        let shape = xml_shape(svg.as_bytes()).unwrap();
        assert!(shape.elements < 200);
        assert!(shape.copies > MAX_SVG_ELEMENTS);
    }

    #[test]
    fn links_stay_inside_the_publication_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        let here = place(dir.path());
        let spent = Spent::default();
        assert!(linked("/etc/hostname", &here, 0, &spent).is_err());
        assert!(linked("../../outside.png", &here, 0, &spent).is_err());
        assert!(linked("http://example.com/a.png", &here, 0, &spent).is_err());
        assert!(linked("C:\\a.png", &here, 0, &spent).is_err());
        assert!(linked("missing.png", &here, 0, &spent).is_err());
    }

    #[test]
    fn rasters_over_budget_are_refused_by_their_header() {
        assert!(within_budget(8000, 6000).is_ok());
        assert!(within_budget(10_000, 10_000).is_err());
        assert!(within_budget(31_000, 10).is_err());
    }
}
