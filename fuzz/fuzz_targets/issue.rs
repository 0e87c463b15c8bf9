//! Any bytes as issues/74.toml of the repository's publication: read,
//! checked, and when they pass, laid out. Whatever the input, no panic, no
//! hang: a located message or a document.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use bulletin::input::config::Config;
use bulletin::typeset::data::IssueData;
use bulletin::fonts::Fonts;
use bulletin::fonts::glyphs;
use bulletin::input::issue::Issue;
use bulletin::typeset::render;
use bulletin::typeset::world::{BulletinWorld, Layout};
use libfuzzer_sys::fuzz_target;

static PUBLICATION: LazyLock<(Config, Arc<Fonts>)> = LazyLock::new(|| {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = Config::load(&root, Path::new("")).expect("the repository's bulletin.toml");
    let fonts = Arc::new(Fonts::load(&[]).expect("the embedded fonts"));
    (config, fonts)
});

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let (config, fonts) = &*PUBLICATION;
    let Ok(issue) = Issue::from_text(config, text.to_string(), Path::new("issues/74.toml")) else {
        return;
    };
    // As build does: characters no font has stop it before layout.
    if !glyphs::find_missing(fonts, config, &issue).is_empty() {
        return;
    }
    let (families, _) = fonts.role_families(&config.fonts);
    let data = IssueData::new(config, &issue, families).to_json();
    let world = BulletinWorld::new(&config.root, &Layout::Embedded, fonts.clone(), data, issue.date)
        .expect("the publication folder");
    let _ = render::layout(&world);
});
