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

use crate::config::stays_inside;
use crate::files::{self, ReadError};
use crate::images::ImageFormat;
use crate::t;

/// The largest picture file: a print photo is a few MB; this leaves room
/// for a camera's largest JPEG and a detailed drawing.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most pixels a raster picture may have: a 50-megapixel camera's
/// photo. An A4 page at 600 dpi is 35 megapixels; decoded, 50 megapixels
/// take 200 MB.
pub const MAX_PIXELS: u64 = 50_000_000;
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
/// Drawings inside drawings (an SVG that embeds or links an SVG).
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
            check_svg(bytes, place, 0)?;
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
    let (width, height) = reader
        .into_dimensions()
        .map_err(|_| t!("image-damaged", format = name))?;
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
    Ok((format, Some((width, height))))
}

/// Refuses a raster picture of more pixels than print needs.
pub fn within_budget(width: u32, height: u32) -> Result<(), String> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        // Large counts as each language says them: "50 million", "5000 万".
        let max_pixels = match crate::i18n::lang() {
            crate::i18n::Lang::Zh => format!("{} 万", MAX_PIXELS / 10_000),
            crate::i18n::Lang::En => format!("{} million", MAX_PIXELS / 1_000_000),
        };
        return Err(t!(
            "image-too-many-pixels",
            width = width,
            height = height,
            max_pixels = max_pixels,
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
/// around it.
fn check_svg(bytes: &[u8], place: &Place, depth: usize) -> Result<usvg::Tree, String> {
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
    entity_budget(text)?;

    let xml = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: u32::try_from(MAX_SVG_ELEMENTS * 4).unwrap_or(u32::MAX),
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, xml)
        .map_err(|err| t!("image-svg-cannot-draw", error = err.to_string()))?;

    // What a link or an embedded picture was refused for; usvg only hears
    // "no picture here".
    let refused: Arc<Mutex<Option<String>>> = Arc::default();
    let refuse = |why: String| {
        let mut first = refused.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert(why);
        None
    };
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_mime, data, _| match embedded(&data, place, depth) {
                Ok(kind) => Some(kind),
                Err(why) => refuse(why),
            }),
            resolve_string: Box::new(|href, _| match linked(href, place, depth) {
                Ok(kind) => Some(kind),
                Err(why) => refuse(t!("image-svg-link", link = href, why = why)),
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
    Ok(tree)
}

/// A picture embedded in a drawing (a `data:` link), checked as a picture
/// of its own.
fn embedded(data: &[u8], place: &Place, depth: usize) -> Result<usvg::ImageKind, String> {
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(read_error(ReadError::TooLarge(data.len() as u64)));
    }
    picture_in_drawing(Arc::new(data.to_vec()), place, depth)
}

/// A picture a drawing links to, by a path from the drawing's folder: as
/// Typst follows it, never outside the publication folder, and read only
/// if it is a regular file within the size limit.
fn linked(href: &str, place: &Place, depth: usize) -> Result<usvg::ImageKind, String> {
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
    picture_in_drawing(Arc::new(bytes), &inner, depth)
}

/// A raster picture within budget, or a drawing checked as its own.
fn picture_in_drawing(
    data: Arc<Vec<u8>>,
    place: &Place,
    depth: usize,
) -> Result<usvg::ImageKind, String> {
    let reader = image::ImageReader::new(std::io::Cursor::new(data.as_slice()))
        .with_guessed_format()
        .map_err(|err| t!("image-cannot-read", error = crate::i18n::io_error(&err)))?;
    let kind = match reader.format() {
        Some(image::ImageFormat::Jpeg) => usvg::ImageKind::JPEG,
        Some(image::ImageFormat::Png) => usvg::ImageKind::PNG,
        Some(image::ImageFormat::Gif) => usvg::ImageKind::GIF,
        Some(image::ImageFormat::WebP) => usvg::ImageKind::WEBP,
        _ if looks_like_svg(&data) => {
            return check_svg(&data, place, depth + 1).map(usvg::ImageKind::SVG);
        }
        _ => return Err(t!("image-link-not-picture")),
    };
    let (width, height) = reader
        .into_dimensions()
        .map_err(|_| t!("image-link-not-picture"))?;
    within_budget(width, height)?;
    Ok(kind(data))
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

/// Refuses a drawing whose entities expand to more than
/// [`MAX_ENTITY_TEXT`] characters, or that declares entities the XML
/// reader does not take as plain text (parameter entities).
fn entity_budget(text: &str) -> Result<(), String> {
    let Some(doctype) = text.find("<!DOCTYPE") else {
        return Ok(());
    };
    let after = &text[doctype..];
    let Some(open) = after.find('[') else {
        return Ok(());
    };
    // The internal subset ends at "]>" (values may hold ">").
    let Some(close) = after.find("]>").filter(|&close| close > open) else {
        return Ok(());
    };
    let subset = &after[open + 1..close];
    let body = &after[close..];
    let mut values: HashMap<&str, &str> = HashMap::new();
    let mut rest = subset;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = rest[at + "<!ENTITY".len()..].trim_start();
        if rest.starts_with('%') {
            return Err(t!("image-svg-entity-unsupported"));
        }
        let name_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            // SYSTEM or PUBLIC: an external entity, which is never read.
            continue;
        };
        let Some(end) = rest[1..].find(quote) else {
            return Err(t!("image-svg-entity-unsupported"));
        };
        values.insert(name, &rest[1..1 + end]);
        rest = &rest[1 + end + 1..];
    }
    if values.is_empty() {
        return Ok(());
    }
    let mut expanded: HashMap<&str, u64> = HashMap::new();
    let mut total = 0u64;
    for (name, value) in &values {
        let size = expansion(name, value, &values, &mut expanded, 0)?;
        let uses = body.matches(&format!("&{name};")).count() as u64;
        total = total.saturating_add(size.saturating_mul(uses));
        if total > MAX_ENTITY_TEXT {
            return Err(t!("image-svg-entities", max = MAX_ENTITY_TEXT));
        }
    }
    Ok(())
}

/// How many characters entity `name` expands to, its own references
/// expanded; stops early past the budget.
fn expansion<'a>(
    name: &'a str,
    value: &'a str,
    values: &HashMap<&'a str, &'a str>,
    expanded: &mut HashMap<&'a str, u64>,
    depth: usize,
) -> Result<u64, String> {
    if let Some(&size) = expanded.get(name) {
        return Ok(size);
    }
    if depth > 16 {
        return Err(t!("image-svg-entity-unsupported"));
    }
    let mut size = value.len() as u64;
    for (other, other_value) in values {
        let uses = value.matches(&format!("&{other};")).count() as u64;
        if uses > 0 {
            let inner = expansion(other, other_value, values, expanded, depth + 1)?;
            size = size.saturating_add(uses.saturating_mul(inner));
            if size > MAX_ENTITY_TEXT {
                return Err(t!("image-svg-entities", max = MAX_ENTITY_TEXT));
            }
        }
    }
    expanded.insert(name, size);
    Ok(size)
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
    fn nested_entities_are_refused_and_flat_ones_kept() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n\
            <!ENTITY a \"hahahahahaha\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n\
            <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n\
            <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n\
            ]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&f;&f;</text></svg>";
        assert!(entity_budget(laughs).is_err());
        // What Illustrator writes.
        let flat = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\" [\n\
            <!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n<svg xmlns=\"&ns_svg;\"/>";
        assert!(entity_budget(flat).is_ok());
        let parameter = "<!DOCTYPE svg [<!ENTITY % p \"x\">]><svg/>";
        assert!(entity_budget(parameter).is_err());
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
        assert!(linked("/etc/hostname", &here, 0).is_err());
        assert!(linked("../../outside.png", &here, 0).is_err());
        assert!(linked("http://example.com/a.png", &here, 0).is_err());
        assert!(linked("C:\\a.png", &here, 0).is_err());
        assert!(linked("missing.png", &here, 0).is_err());
    }

    #[test]
    fn rasters_over_budget_are_refused_by_their_header() {
        assert!(within_budget(8000, 6000).is_ok());
        assert!(within_budget(10_000, 10_000).is_err());
        assert!(within_budget(31_000, 10).is_err());
    }
}
