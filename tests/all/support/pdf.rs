//! A written PDF, read back with lopdf.

use lopdf::{Dictionary, Document, Object};

/// The dictionary `object` is or refers to.
pub fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// A PDF text string (PDFDocEncoding, or UTF-16 with its byte order mark).
pub fn text_string(object: &Object) -> String {
    lopdf::decode_text_string(object).expect("a text string")
}

/// A PDF's bookmarks as (depth from 0, title), in order.
pub fn outline(pdf: &[u8]) -> Vec<(usize, String)> {
    fn walk(doc: &Document, first: Option<&Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.cloned();
        while let Some(object) = next {
            let item = dict(doc, &object);
            let title = text_string(item.get(b"Title").expect("a title"));
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
