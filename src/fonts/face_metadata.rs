//! What each embedded face says about itself (family, style, the characters
//! it covers, its names), computed once and kept in `fonts/faces.json`
//! instead of being read from 55 MB of font tables on every start. A face is
//! parsed only when a build prints with it.
//!
//! The file is checked against the fonts by a unit test, which also writes
//! it anew when asked: `BULLETIN_WRITE_FACE_METADATA=1 cargo test --lib
//! face_metadata`. A face whose entry does not match its size is read from
//! the font itself, as before.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

use crate::fonts::{EMBEDDED, EmbeddedFont};

/// The metadata file, compiled into the binary.
const FILE: &str = include_str!("../../fonts/faces.json");

/// The file: every embedded face, and what they draw together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub faces: Vec<FaceMetadata>,
    /// Every code point some embedded face covers, as sorted, disjoint
    /// ranges (first, last): what the check for characters no font has
    /// searches, made from the faces' coverage in some 10 M instructions.
    pub drawable: Vec<(u32, u32)>,
}

/// One embedded face.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaceMetadata {
    /// The font file, as in [`crate::fonts::EMBEDDED`].
    pub file: String,
    /// Its size in bytes and its whole-file checksum (the `head` table's
    /// checkSumAdjustment): an entry for another version of the file is
    /// not used.
    pub bytes: usize,
    pub checksum: u32,
    /// What Typst's font book needs.
    pub info: FontInfo,
    /// The names the face gives itself, in any language.
    pub names: Vec<String>,
}

static METADATA: LazyLock<Metadata> =
    LazyLock::new(|| serde_json::from_str(FILE).unwrap_or_default());

/// The kept metadata of `font`, if it is for this version of the file.
pub fn kept(font: &EmbeddedFont) -> Option<&'static FaceMetadata> {
    let checksum = checksum(font.data())?;
    METADATA
        .faces
        .iter()
        .find(|m| m.file == font.file && m.bytes == font.data().len() && m.checksum == checksum)
}

/// The font's whole-file checksum, read from its `head` table (a few bytes,
/// not the file).
fn checksum(data: &[u8]) -> Option<u32> {
    let head = ttf_parser::RawFace::parse(data, 0)
        .ok()?
        .table(ttf_parser::Tag::from_bytes(b"head"))?;
    Some(u32::from_be_bytes(head.get(8..12)?.try_into().ok()?))
}

/// What the embedded faces draw together, if the kept metadata is for every
/// one of them as it is.
pub fn kept_drawable() -> Option<&'static [(u32, u32)]> {
    let current =
        EMBEDDED.iter().all(|font| kept(font).is_some()) && METADATA.faces.len() == EMBEDDED.len();
    current.then_some(METADATA.drawable.as_slice())
}

/// The metadata of every embedded face, read from the fonts themselves.
pub fn read_all() -> Option<Metadata> {
    let faces: Vec<FaceMetadata> = EMBEDDED.iter().map(read).collect::<Option<_>>()?;
    let drawable =
        crate::fonts::drawable_ranges(faces.iter().map(|f| crate::fonts::coverage_ranges(&f.info)));
    Some(Metadata { faces, drawable })
}

/// The metadata of `font`, read from the font itself.
pub fn read(font: &EmbeddedFont) -> Option<FaceMetadata> {
    let face = ttf_parser::Face::parse(font.data(), 0).ok()?;
    let info = Font::new(Bytes::new(font.data()), 0)?.info().clone();
    Some(FaceMetadata {
        file: font.file.to_string(),
        bytes: font.data().len(),
        checksum: checksum(font.data())?,
        info,
        names: crate::fonts::face_names(&face),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_metadata_is_what_the_embedded_fonts_say() {
        let read = read_all().expect("the embedded fonts parse");
        if std::env::var_os("BULLETIN_WRITE_FACE_METADATA").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/faces.json");
            let text = serde_json::to_string(&read).expect("JSON");
            std::fs::write(path, text + "\n").expect("fonts/faces.json");
            return;
        }
        let rewrite = "run BULLETIN_WRITE_FACE_METADATA=1 cargo test --lib face_metadata";
        for (font, read) in EMBEDDED.iter().zip(&read.faces) {
            assert_eq!(
                kept(font),
                Some(read),
                "fonts/faces.json is out of date for {}: {rewrite}",
                font.file
            );
        }
        assert_eq!(
            kept_drawable(),
            Some(read.drawable.as_slice()),
            "fonts/faces.json is out of date: {rewrite}"
        );
    }
}
