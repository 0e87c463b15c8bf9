//! The fonts a build may use: the embedded ones, which make every machine
//! print the same PDF, and the office's own, found in the folders it names.

pub mod face_metadata;
pub mod glyphs;
pub mod pages;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStretch, FontStyle, FontVariant, FontWeight};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontSource, FontStore};

use crate::input::config::{FontSettings, Role};
use crate::t;

/// A font compiled into the binary.
pub struct EmbeddedFont {
    pub file: &'static str,
    /// The family name the font gives itself (a unit test checks), so that
    /// the Typst CLI finds it by the same name in an ejected layout.
    pub family: &'static str,
    data: &'static [u8],
}

macro_rules! embed {
    ($file:literal, $family:literal) => {
        EmbeddedFont {
            file: $file,
            family: $family,
            data: include_bytes!(concat!("../../fonts/", $file)),
        }
    };
}

impl EmbeddedFont {
    /// The font file.
    pub fn data(&self) -> &'static [u8] {
        self.data
    }
}

/// Fandol: GPL v3 with the font exception (fonts/Fandol-COPYING.txt);
/// Noto Serif SC: SIL Open Font License 1.1 (fonts/NotoSerifSC-OFL.txt).
pub static EMBEDDED: &[EmbeddedFont] = &[
    embed!("FandolFang-Regular.otf", "FandolFang R"),
    embed!("NotoSerifSC-Bold.ttf", "Noto Serif SC"),
    embed!("FandolHei-Regular.otf", "FandolHei"),
    embed!("FandolKai-Regular.otf", "FandolKai"),
    embed!("FandolSong-Regular.otf", "FandolSong"),
    embed!("NotoSerifSC-Regular.ttf", "Noto Serif SC"),
];

/// The licences that go with the embedded fonts wherever they are copied
/// (`bulletin eject`): file name and text.
pub static LICENCES: &[(&str, &str)] = &[
    (
        "Fandol-COPYING.txt",
        include_str!("../../fonts/Fandol-COPYING.txt"),
    ),
    (
        "Fandol-README.txt",
        include_str!("../../fonts/Fandol-README.txt"),
    ),
    (
        "NotoSerifSC-OFL.txt",
        include_str!("../../fonts/NotoSerifSC-OFL.txt"),
    ),
];

/// The wide-coverage face every role falls back to for rare characters.
pub const FALLBACK_FAMILY: &str = "Noto Serif SC";

/// The embedded face that serves a role when the publication names none.
pub fn default_family(role: Role) -> &'static str {
    match role {
        Role::Body => "FandolFang R",
        Role::Title => "Noto Serif SC",
        Role::Heading => "FandolHei",
        Role::Kai => "FandolKai",
        Role::Number => "FandolSong",
    }
}

/// The weight the embedded layout prints a role in (its `title-weight`).
fn printed_weight(role: Role) -> FontWeight {
    match role {
        Role::Title => FontWeight::BOLD,
        _ => FontWeight::REGULAR,
    }
}

/// The roles in the order the embedded layout first prints with them: the
/// masthead (title), its lines (body), 目录提要 (heading, kai), page numbers.
const FIRST_USED: [Role; 5] = [
    Role::Title,
    Role::Body,
    Role::Heading,
    Role::Kai,
    Role::Number,
];

/// The faces a background thread hashes, in its order, and how far it got:
/// the layout asking for a face that is still queued takes it over and
/// hashes it itself; asking for one being hashed, it hashes the next queued
/// one meanwhile, then waits. No face is hashed twice, and every face hashed
/// here has its pages given back.
struct Hashing {
    faces: Mutex<Vec<(usize, HashState)>>,
    done: Condvar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HashState {
    Queued,
    Hashing,
    Done,
}

impl Hashing {
    fn lock(&self) -> MutexGuard<'_, Vec<(usize, HashState)>> {
        self.faces.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The first face still queued, marked as being hashed until the
    /// returned guard is dropped.
    fn take_next(&self) -> Option<HashingGuard<'_>> {
        let mut faces = self.lock();
        let position = faces
            .iter()
            .position(|&(_, state)| state == HashState::Queued)?;
        faces[position].1 = HashState::Hashing;
        Some(HashingGuard {
            hashing: self,
            position,
            index: faces[position].0,
        })
    }

    /// For the layout, before it uses face `index`: a face still queued is
    /// taken over (the layout hashes it, as Typst would at once anyway).
    fn claim(&self, index: usize) -> Claim<'_> {
        let mut faces = self.lock();
        let Some(position) = faces.iter().position(|&(i, _)| i == index) else {
            return Claim::Ready;
        };
        match faces[position].1 {
            HashState::Queued => {
                faces[position].1 = HashState::Hashing;
                Claim::Mine(HashingGuard {
                    hashing: self,
                    position,
                    index,
                })
            }
            HashState::Hashing => Claim::BeingHashed,
            HashState::Done => Claim::Ready,
        }
    }

    /// Waits until face `index` is no longer being hashed.
    fn wait_for(&self, index: usize) {
        let mut faces = self.lock();
        while faces
            .iter()
            .any(|&(i, state)| i == index && state == HashState::Hashing)
        {
            faces = self
                .done
                .wait(faces)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// What the layout must do before it uses a face.
enum Claim<'a> {
    /// Nothing: hashed, or not one of the faces hashed in the background.
    Ready,
    /// Hash it: it was still queued.
    Mine(HashingGuard<'a>),
    /// Another thread is hashing it.
    BeingHashed,
}

/// Marks a face hashed when dropped, also if hashing panicked, so that no
/// layout waits for it forever.
struct HashingGuard<'a> {
    hashing: &'a Hashing,
    position: usize,
    /// The face's index in the book.
    index: usize,
}

impl Drop for HashingGuard<'_> {
    fn drop(&mut self) {
        self.hashing.lock()[self.position].1 = HashState::Done;
        self.hashing.done.notify_all();
    }
}

/// Font files are recognised by their extension.
const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

/// Larger files are not fonts (the largest CJK collections are ~60 MB).
const MAX_FONT_FILE: u64 = 256 * 1024 * 1024;

/// All fonts of a build, indexed as in its font book.
pub struct Fonts {
    store: FontStore,
    /// Every family name a font declares, in any language (仿宋_GB2312 as
    /// well as FangSong_GB2312), lower-cased → the name Typst knows it by.
    aliases: HashMap<String, String>,
    /// Where each font came from, in book order.
    pub origins: Vec<FontOrigin>,
    /// Every character some face can draw, as sorted, disjoint ranges of
    /// code points: made on first use, then each check is a binary search
    /// (a face's own coverage is searched run by run, too slow for every
    /// character of an issue).
    drawable: OnceLock<Vec<(u32, u32)>>,
    /// The faces being hashed on another thread, once started.
    hashing: OnceLock<Arc<Hashing>>,
}

/// Family names for each role (body, title, heading, kai, number), tried in
/// order, the embedded defaults last.
#[derive(Debug, serde::Serialize, Default, Clone)]
pub struct FontData(pub std::collections::BTreeMap<&'static str, Vec<String>>);

#[derive(Debug, Clone)]
pub enum FontOrigin {
    Embedded(&'static str),
    File(PathBuf),
}

impl Fonts {
    /// The embedded fonts, then every font found in `dirs` (searched
    /// recursively). A folder that does not exist is an error.
    pub fn load(dirs: &[PathBuf]) -> Result<Self, FontError> {
        let mut fonts = Self {
            store: FontStore::new(),
            aliases: HashMap::new(),
            origins: Vec::new(),
            drawable: OnceLock::new(),
            hashing: OnceLock::new(),
        };
        for embedded in EMBEDDED {
            // Kept metadata, so that no face is parsed before it is used.
            let read;
            let metadata = match face_metadata::kept(embedded) {
                Some(kept) => kept,
                None => {
                    read =
                        face_metadata::read(embedded).ok_or(FontError::Embedded(embedded.file))?;
                    &read
                }
            };
            fonts.add_aliases(&metadata.names, &metadata.info.family);
            fonts
                .store
                .push((EmbeddedFace(embedded.data), metadata.info.clone()));
            fonts.origins.push(FontOrigin::Embedded(embedded.file));
        }
        if let Some(missing) = dirs.iter().find(|dir| !dir.is_dir()) {
            return Err(FontError::NoFolder(missing.clone()));
        }
        // Every folder and file once, however often it is reached (listed
        // twice, or through links, even links in a loop), sorted so that the
        // book (and so the PDF) never depends on the order the file system
        // lists a folder in.
        for path in font_files(dirs) {
            fonts.add_file(&path);
        }
        Ok(fonts)
    }

    fn add_file(&mut self, path: &Path) {
        // A file that cannot be read or parsed is skipped, as font managers do.
        let Ok(data) = std::fs::read(path) else {
            return;
        };
        let Some(count) = faces_in(&data) else { return };
        // Read once and kept: the office names these fonts to use them.
        let data = Bytes::new(data);
        for index in 0..count {
            let (Some(font), Ok(face)) = (
                Font::new(data.clone(), index),
                ttf_parser::Face::parse(&data, index),
            ) else {
                break;
            };
            let info = font.info().clone();
            self.add_aliases(&face_names(&face), &info.family);
            self.store.push((font, info));
            self.origins.push(FontOrigin::File(path.to_path_buf()));
        }
    }

    /// Remembers every name the face gives itself, in any language, as a
    /// way to ask for `family`.
    fn add_aliases(&mut self, names: &[String], family: &str) {
        for name in names {
            self.aliases
                .entry(name.to_lowercase())
                .or_insert_with(|| family.to_string());
        }
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        if let Some(hashing) = self.hashing.get() {
            loop {
                match hashing.claim(index) {
                    Claim::Ready => break,
                    Claim::Mine(face) => {
                        self.hash_face(&face);
                        break;
                    }
                    // While another thread hashes this face, hash the next
                    // queued one here rather than wait idle.
                    Claim::BeingHashed => match hashing.take_next() {
                        Some(other) => self.hash_face(&other),
                        None => hashing.wait_for(index),
                    },
                }
            }
        }
        self.store.font(index)
    }

    /// Parses (if embedded) and hashes a face for [`Self::hash_in_background`],
    /// then gives back the pages of its data if it is embedded.
    fn hash_face(&self, face: &HashingGuard) {
        if let Some(font) = self.store.font(face.index) {
            typst::utils::hash128(&font);
            if let Some(data) = self.embedded_data(face.index) {
                crate::fonts::pages::release(data);
            }
        }
    }

    /// The Typst family name for a name the publication typed, if any font
    /// has it.
    fn find_family(&self, name: &str) -> Option<String> {
        let lower = name.trim().to_lowercase();
        if self.book().contains_family(&lower) {
            return Some(name.trim().to_string());
        }
        self.aliases.get(&lower).cloned()
    }

    /// The family list of every role: the publication's families that exist,
    /// then the embedded default, then the wide-coverage fallback. Families
    /// that are not found are left out, with one warning each.
    pub fn role_families(&self, settings: &FontSettings) -> (FontData, Vec<String>) {
        let mut warnings = Vec::new();
        let mut data = FontData::default();
        for role in Role::ALL {
            let mut families: Vec<String> = Vec::new();
            for name in settings.families(role) {
                match self.find_family(name) {
                    Some(family) => families.push(family),
                    None => warnings.push(t!(
                        "fonts-family-not-found",
                        name = name,
                        role = role.key(),
                        embedded = default_family(role)
                    )),
                }
            }
            families.push(default_family(role).to_string());
            families.push(FALLBACK_FAMILY.to_string());
            families.dedup();
            data.0.insert(role.key(), families);
        }
        (data, warnings)
    }

    /// Starts hashing, on another thread, the face each role will print
    /// with: once per set of fonts (all issues of `build --all`, every
    /// rebuild of `watch`).
    ///
    /// Typst knows a font by a hash of its whole file, computed when the
    /// font is first used: some 40 MB for the embedded faces, a sixth of a
    /// build's work. Started before the issue is read and checked, most of
    /// it is done on the second core by the time the layout needs the
    /// fonts. The hash is kept with the font, where Typst finds it. Each
    /// face is hashed once, by whichever thread comes to it first (see
    /// [`Hashing`]); a face guessed wrong is hashed when used, as before.
    /// The pages of an embedded face the thread hashed are given back
    /// afterwards ([`crate::fonts::pages`]), as the build needs few of them.
    pub fn hash_in_background(self: &Arc<Self>, settings: &FontSettings) {
        if self.hashing.get().is_some() {
            return;
        }
        let (families, _) = self.role_families(settings);
        let book = self.book();
        let mut faces: Vec<usize> = Vec::new();
        for role in FIRST_USED {
            let variant =
                FontVariant::new(FontStyle::Normal, printed_weight(role), FontStretch::NORMAL);
            let first = families.0.get(role.key()).and_then(|list| list.first());
            if let Some(index) =
                first.and_then(|family| book.select(&family.to_lowercase(), variant))
                && !faces.contains(&index)
            {
                faces.push(index);
            }
        }
        let hashing = Arc::new(Hashing {
            faces: Mutex::new(faces.iter().map(|&i| (i, HashState::Queued)).collect()),
            done: Condvar::new(),
        });
        if self.hashing.set(hashing.clone()).is_err() {
            return; // Another build of this process started it meanwhile.
        }
        // Without the thread, Typst parses and hashes each face itself when
        // it needs it.
        let fonts = Arc::clone(self);
        let _ = std::thread::Builder::new()
            .name("font hashes".into())
            .spawn(move || {
                while let Some(face) = hashing.take_next() {
                    fonts.hash_face(&face);
                }
            });
    }

    /// The data of face `index` if it is embedded.
    fn embedded_data(&self, index: usize) -> Option<&'static [u8]> {
        let FontOrigin::Embedded(file) = self.origins.get(index)? else {
            return None;
        };
        EMBEDDED.iter().find(|e| e.file == *file).map(|e| e.data)
    }

    /// Every face, in book order, with where it came from.
    pub fn faces(&self) -> impl Iterator<Item = (&typst::text::FontInfo, &FontOrigin)> {
        let book = self.book();
        self.origins
            .iter()
            .enumerate()
            .filter_map(move |(i, origin)| Some((book.info(i)?, origin)))
    }

    /// Whether a face of one of `families` can draw `c`.
    pub fn families_draw(&self, families: &[String], c: char) -> bool {
        let book = self.book();
        families.iter().any(|family| {
            book.select_family(&family.to_lowercase())
                .filter_map(|i| book.info(i))
                .any(|info| info.coverage.contains(c as u32))
        })
    }

    /// Whether any font of the book can draw `c`.
    pub fn can_draw(&self, c: char) -> bool {
        let ranges = self.drawable.get_or_init(|| {
            let book = self.book();
            let of = |i| book.info(i).map(coverage_ranges);
            // The embedded faces come first in the book; what they draw
            // together is kept with their metadata.
            let embedded = self
                .origins
                .iter()
                .take_while(|origin| matches!(origin, FontOrigin::Embedded(_)))
                .count();
            match face_metadata::kept_drawable().filter(|_| embedded == EMBEDDED.len()) {
                Some(kept) => drawable_ranges(
                    std::iter::once(kept.to_vec())
                        .chain((embedded..self.origins.len()).filter_map(of)),
                ),
                None => drawable_ranges((0..self.origins.len()).filter_map(of)),
            }
        });
        let c = c as u32;
        let i = ranges.partition_point(|&(_, last)| last < c);
        ranges.get(i).is_some_and(|&(first, _)| first <= c)
    }
}

/// The code points the faces cover, as sorted, disjoint ranges (first and
/// last, inclusive).
pub fn drawable_ranges(faces: impl Iterator<Item = Vec<(u32, u32)>>) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = faces.flatten().collect();
    runs.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(runs.len());
    for (first, last) in runs {
        match merged.last_mut() {
            Some((_, end)) if first <= end.saturating_add(1) => *end = (*end).max(last),
            _ => merged.push((first, last)),
        }
    }
    merged
}

/// The code points a face covers, as sorted, disjoint ranges (first and
/// last, inclusive).
///
/// Read from the runs Typst keeps (serialized as they are: the lengths of
/// alternate gaps and covered stretches), not from every code point: a CJK
/// face covers tens of thousands. A unit test compares the result with the
/// coverage for every code point.
pub fn coverage_ranges(info: &typst::text::FontInfo) -> Vec<(u32, u32)> {
    let Ok(runs) =
        serde_json::to_value(&info.coverage).and_then(serde_json::from_value::<Vec<u32>>)
    else {
        // Not as expected (another Typst): code point by code point.
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in info.coverage.iter() {
            match ranges.last_mut() {
                Some((_, last)) if *last + 1 == c => *last = c,
                _ => ranges.push((c, c)),
            }
        }
        return ranges;
    };
    let mut ranges = Vec::with_capacity(runs.len() / 2);
    let mut cursor: u32 = 0;
    for pair in runs.chunks(2) {
        cursor = cursor.saturating_add(pair[0]);
        if let Some(&length) = pair.get(1)
            && length > 0
        {
            ranges.push((cursor, cursor.saturating_add(length - 1)));
            cursor = cursor.saturating_add(length);
        }
    }
    ranges
}

/// Every name a face gives itself that a publication may ask for it by:
/// family, typographic family, full and PostScript names, in any language.
pub fn face_names(face: &ttf_parser::Face) -> Vec<String> {
    let mut names = Vec::new();
    for name in face.names() {
        let family_like = matches!(
            name.name_id,
            ttf_parser::name_id::FAMILY
                | ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                | ttf_parser::name_id::FULL_NAME
                | ttf_parser::name_id::POST_SCRIPT_NAME
        );
        if family_like
            && let Some(text) = name_text(&name)
            && !names.contains(&text)
        {
            names.push(text);
        }
    }
    names
}

/// An embedded face, parsed when first used.
struct EmbeddedFace(&'static [u8]);

impl FontSource for EmbeddedFace {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.0), 0)
    }
}

/// How many faces a font file holds: one, or the count of a collection's
/// header, if the header's table of faces fits in the file (a damaged header
/// could claim four billion faces).
fn faces_in(data: &[u8]) -> Option<u32> {
    if !data.starts_with(b"ttcf") {
        return Some(1);
    }
    let count = u32::from_be_bytes(data.get(8..12)?.try_into().ok()?);
    let table_end = 12 + 4 * u64::from(count);
    (table_end <= data.len() as u64).then_some(count)
}

/// A name record as text: Unicode records, and Macintosh records in plain
/// ASCII (which ttf-parser leaves undecoded).
fn name_text(name: &ttf_parser::name::Name) -> Option<String> {
    name.to_string().or_else(|| {
        let ascii = name.platform_id == ttf_parser::PlatformId::Macintosh && name.name.is_ascii();
        ascii.then(|| String::from_utf8_lossy(name.name).into_owned())
    })
}

/// Every font file under `dirs` (searched recursively, each reached once),
/// sorted: what [`Fonts::load`] reads from them. Folders that do not exist
/// are passed over.
pub fn font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    for dir in dirs {
        collect_font_files(dir, &mut files, &mut seen);
    }
    files.sort();
    files
}

/// The font files under `dir`, searched recursively: regular files with a
/// font's extension, each reached once (`seen` holds canonical paths).
fn collect_font_files(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) {
    let Ok(canonical) = dir.canonicalize() else {
        return;
    };
    if !seen.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Follows links; a pipe or device is neither a folder nor a file.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            collect_font_files(&path, files, seen);
        } else if meta.is_file()
            && meta.len() <= MAX_FONT_FILE
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            && path.canonicalize().is_ok_and(|real| seen.insert(real))
        {
            files.push(path);
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("{}", t!("fonts-embedded-damaged", file = *.0))]
    Embedded(&'static str),
    #[error("{}", t!("fonts-no-folder", path = .0.display()))]
    NoFolder(PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_are_known_by_their_own_family_names() {
        for embedded in EMBEDDED {
            let font = Font::new(Bytes::new(embedded.data), 0).expect(embedded.file);
            assert_eq!(font.info().family, embedded.family, "{}", embedded.file);
        }
    }

    /// The ranges answer as each face's own coverage does, for every code
    /// point.
    #[test]
    fn a_character_is_drawable_when_some_face_covers_it() {
        let fonts = Fonts::load(&[]).expect("embedded fonts");
        let book = fonts.book();
        let covered: HashSet<u32> = (0..fonts.origins.len())
            .filter_map(|i| book.info(i))
            .flat_map(|info| info.coverage.iter())
            .collect();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = covered.contains(&(c as u32));
            assert_eq!(fonts.can_draw(c), expected, "U+{:04X}", c as u32);
        }
        // Noto Serif SC alone draws some 30,000 characters.
        assert!(covered.len() > 30_000, "{}", covered.len());
        assert!(fonts.can_draw('科') && !fonts.can_draw('\u{E000}'));
    }

    /// The faces each role prints with are hashed once, by the thread or by
    /// the layout asking for them first, and asking never blocks for good.
    #[test]
    fn the_faces_printed_with_are_hashed_in_the_background() {
        let fonts = Arc::new(Fonts::load(&[]).expect("embedded fonts"));
        fonts.hash_in_background(&FontSettings::default());
        let hashing = fonts.hashing.get().expect("started").clone();
        let listed: Vec<usize> = hashing.lock().iter().map(|&(i, _)| i).collect();
        // Noto Serif SC Bold (title) first, as the masthead needs it first;
        // the five defaults, not the fallback Noto Serif SC Regular.
        let files: Vec<&str> = listed
            .iter()
            .map(|&i| match &fonts.origins[i] {
                FontOrigin::Embedded(file) => *file,
                FontOrigin::File(_) => "a file",
            })
            .collect();
        assert_eq!(
            files,
            [
                "NotoSerifSC-Bold.ttf",
                "FandolFang-Regular.otf",
                "FandolHei-Regular.otf",
                "FandolKai-Regular.otf",
                "FandolSong-Regular.otf"
            ]
        );
        // Asked for in the opposite order: some are taken over, some hashed
        // while waiting, some waited for.
        for &index in listed.iter().rev() {
            assert!(fonts.font(index).is_some());
        }
        assert!(
            hashing
                .lock()
                .iter()
                .all(|&(_, state)| state == HashState::Done)
        );
        // Starting again does nothing.
        fonts.hash_in_background(&FontSettings::default());
        assert!(Arc::ptr_eq(fonts.hashing.get().unwrap(), &hashing));
    }

    #[test]
    fn a_face_whose_hashing_failed_is_not_waited_for() {
        let hashing = Hashing {
            faces: Mutex::new(vec![(7, HashState::Queued)]),
            done: Condvar::new(),
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = hashing.take_next().expect("queued");
            panic!("hashing failed");
        }));
        assert!(result.is_err());
        assert!(
            matches!(hashing.claim(7), Claim::Ready),
            "nothing to wait for"
        );
        hashing.wait_for(7);
        assert_eq!(hashing.lock()[0].1, HashState::Done);
    }

    #[test]
    fn overlapping_and_adjacent_runs_merge() {
        let faces = [
            typst::text::Coverage::from_vec(vec![1, 2, 3, 10, 11]),
            typst::text::Coverage::from_vec(vec![3, 4, 5, 12, 20]),
        ];
        let ranges = faces.into_iter().map(|coverage| {
            let mut info = Font::new(Bytes::new(EMBEDDED[3].data), 0)
                .unwrap()
                .info()
                .clone();
            info.coverage = coverage;
            coverage_ranges(&info)
        });
        assert_eq!(drawable_ranges(ranges), [(1, 5), (10, 12), (20, 20)]);
    }
}
