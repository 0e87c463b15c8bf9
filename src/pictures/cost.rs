//! What an SVG drawing costs Typst beyond its XML, counted before Typst
//! sees it: the pictures it links or embeds (Typst copies and decodes one
//! for every link and every `<use>` copy), the characters of its text
//! (each laid out as outlines) and its filter effects (blur, shadow: each
//! rendered as a picture of up to 5000 pixels a side for the PDF).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Pictures taken into one drawing so far, drawings inside it included.
#[derive(Default)]
pub struct Spent {
    bytes: AtomicU64,
    pixels: AtomicU64,
}

/// Which budget a drawing's pictures went over.
#[derive(Debug, PartialEq, Eq)]
pub enum Over {
    Bytes,
    Pixels,
}

impl Spent {
    /// Takes one more picture of `bytes` and `pixels`, if the drawing's
    /// pictures stay within `max_bytes` and `max_pixels` together.
    pub fn take(
        &self,
        bytes: u64,
        pixels: u64,
        max_bytes: u64,
        max_pixels: u64,
    ) -> Result<(), Over> {
        let bytes = self
            .bytes
            .fetch_add(bytes, Ordering::Relaxed)
            .saturating_add(bytes);
        let pixels = self
            .pixels
            .fetch_add(pixels, Ordering::Relaxed)
            .saturating_add(pixels);
        if bytes > max_bytes {
            return Err(Over::Bytes);
        }
        if pixels > max_pixels {
            return Err(Over::Pixels);
        }
        Ok(())
    }
}

/// The characters of the drawing's text as Typst lays it out: inside
/// `<text>` elements, every `<use>` copy counted; at most a little over
/// `limit`.
pub fn text_characters(document: &roxmltree::Document, limit: u64) -> u64 {
    let ids: HashMap<&str, roxmltree::Node> = document
        .descendants()
        .filter_map(|node| Some((node.attribute("id")?, node)))
        .collect();
    let mut known = HashMap::new();
    let mut counting = Counting {
        ids: &ids,
        known: &mut known,
        limit,
    };
    counting.characters(document.root(), false, 0)
}

struct Counting<'a, 'input> {
    ids: &'a HashMap<&'input str, roxmltree::Node<'a, 'input>>,
    known: &'a mut HashMap<(roxmltree::NodeId, bool), u64>,
    limit: u64,
}

impl<'a, 'input> Counting<'a, 'input> {
    /// The text characters `node` stands for; `in_text` when it lies in a
    /// `<text>` element; `chain` counts the nodes and uses above it.
    fn characters(
        &mut self,
        node: roxmltree::Node<'a, 'input>,
        in_text: bool,
        chain: usize,
    ) -> u64 {
        if node.is_text() {
            return if in_text {
                node.text().map_or(0, |t| t.chars().count() as u64)
            } else {
                0
            };
        }
        let in_text = in_text || node.tag_name().name() == "text";
        if let Some(&known) = self.known.get(&(node.id(), in_text)) {
            return known;
        }
        // Deeper than nesting and chains of uses can honestly go: a loop,
        // which usvg refuses anyway.
        if chain > 1024 {
            return self.limit + 1;
        }
        let mut total = 0u64;
        for child in node.children() {
            total = total.saturating_add(self.characters(child, in_text, chain + 1));
            if total > self.limit {
                break;
            }
        }
        if node.tag_name().name() == "use" && total <= self.limit {
            let href = node
                .attribute(("http://www.w3.org/1999/xlink", "href"))
                .or_else(|| node.attribute("href"));
            if let Some(target) = href
                .and_then(|h| h.strip_prefix('#'))
                .and_then(|id| self.ids.get(id))
            {
                total = total.saturating_add(self.characters(*target, false, chain + 1));
            }
        }
        let total = total.min(self.limit + 1);
        self.known.insert((node.id(), in_text), total);
        total
    }
}

/// krilla (Typst's PDF writer) renders a filter effect at four times the
/// resolution of the page, at most this many pixels a side.
const FILTER_SCALE: f32 = 4.0;
const FILTER_SIDE: f32 = 5000.0;
/// The largest a picture prints: the text block, 156 × 225 mm, in points.
const PRINT_WIDTH: f32 = 442.2;
const PRINT_HEIGHT: f32 = 637.8;

/// The pixels the drawing's filter effects are rendered to for the PDF,
/// each effect as often as it is drawn (in masks, patterns and drawings
/// inside the drawing too), at most a little over `limit`.
pub fn filter_pixels(tree: &usvg::Tree, limit: u64) -> u64 {
    let size = tree.size();
    // Points per unit of the drawing when it prints as large as it can.
    let scale = (PRINT_WIDTH / size.width()).max(PRINT_HEIGHT / size.height());
    let mut total = 0u64;
    group_filter_pixels(tree.root(), scale, limit, &mut total);
    total
}

fn group_filter_pixels(group: &usvg::Group, scale: f32, limit: u64, total: &mut u64) {
    if *total > limit {
        return;
    }
    if !group.filters().is_empty() {
        let bbox = group.abs_layer_bounding_box();
        let (w, h) = (bbox.width(), bbox.height());
        let raster = (scale * FILTER_SCALE)
            .min(FILTER_SIDE / w)
            .min(FILTER_SIDE / h);
        let pixels = (w * raster).round() as u64 * (h * raster).round() as u64;
        *total = total.saturating_add(pixels);
    }
    for node in group.children() {
        if let usvg::Node::Group(inner) = node {
            group_filter_pixels(inner, scale, limit, total);
        }
        node.subroots(|inner| group_filter_pixels(inner, scale, limit, total));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn characters(svg: &str) -> u64 {
        let document = roxmltree::Document::parse(svg).unwrap();
        text_characters(&document, 1_000_000)
    }

    #[test]
    fn text_is_counted_with_its_copies() {
        let ns =
            "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
        assert_eq!(
            characters(&format!(
                "<svg {ns}><text>北京<tspan>科协</tspan></text><desc>not drawn</desc></svg>"
            )),
            4
        );
        let used = format!(
            "<svg {ns}><defs><text id=\"t\">北京科协</text><g id=\"g\"><use xlink:href=\"#t\"/><use href=\"#t\"/></g></defs>\
             <use xlink:href=\"#g\"/><use xlink:href=\"#g\"/><use xlink:href=\"#g\"/></svg>"
        );
        // The defs themselves are not drawn, but counting them costs nothing.
        assert_eq!(characters(&used), 4 + 8 + 3 * 8);
        let looped =
            format!("<svg {ns}><g id=\"a\"><text>x</text><use xlink:href=\"#a\"/></g></svg>");
        assert!(characters(&looped) > 1_000_000);
    }

    #[test]
    fn filters_are_counted_at_the_size_krilla_renders_them() {
        let tree = |svg: &str| usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
        let blur = "<filter id=\"f\"><feGaussianBlur stdDeviation=\"1\"/></filter>";
        let none = tree(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><rect width=\"10\" height=\"10\"/></svg>",
        );
        assert_eq!(filter_pixels(&none, u64::MAX), 0);
        // A small shadow: its region (10% around the box, 12 units) at
        // 4 × 6.4 pixels a unit.
        let small = tree(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">{blur}<rect width=\"10\" height=\"10\" filter=\"url(#f)\"/></svg>"
        ));
        let pixels = filter_pixels(&small, u64::MAX);
        assert!((80_000..110_000).contains(&pixels), "{pixels}");
        // A region far beyond the drawing: 5000 pixels a side, each time.
        let huge = "<filter id=\"h\" filterUnits=\"userSpaceOnUse\" x=\"-1e6\" y=\"-1e6\" width=\"2e6\" height=\"2e6\">\
                    <feGaussianBlur stdDeviation=\"1\"/></filter>";
        let five = tree(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">{huge}{}</svg>",
            "<rect width=\"10\" height=\"10\" filter=\"url(#h)\"/>".repeat(5)
        ));
        assert_eq!(filter_pixels(&five, u64::MAX), 5 * 25_000_000);
    }
}
