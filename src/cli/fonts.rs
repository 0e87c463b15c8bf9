//! `bulletin fonts [ISSUE]`: which fonts there are, which role uses which,
//! and what of an issue each role cannot draw.

use std::path::Path;

use bulletin::fonts::glyphs;
use bulletin::fonts::{FALLBACK_FAMILY, FontOrigin};
use bulletin::i18n;
use bulletin::input::config::Role;
use bulletin::input::issue::Issue;
use bulletin::t;
use bulletin::typeset::build;

#[derive(clap::Args)]
pub struct Args {
    issue: Option<String>,

    #[command(flatten)]
    fonts: super::args::FontArgs,
}

/// How many missing characters are shown by name for each role.
const SHOWN_CHARACTERS: usize = 12;

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let named = args.issue.as_deref().map(Path::new);
    let publication = super::open_publication(dir, named.filter(|p| p.is_file()))?;
    let config = &publication.config;
    let fonts = build::load_fonts(config, &args.fonts.font_paths)?;

    println!("{}", t!("cmd-fonts-heading"));
    for (info, origin) in fonts.faces() {
        let from = match origin {
            FontOrigin::Embedded(file) => t!("cmd-fonts-embedded", file = *file),
            FontOrigin::File(path) => path.display().to_string(),
        };
        let variant = &info.variant;
        let face = t!(
            "cmd-fonts-face",
            family = info.family.as_str(),
            style = format!("{:?}", variant.style),
            weight = variant.weight.to_number()
        );
        println!("  {face} — {from}");
    }

    let (families, warnings) = fonts.role_families(&config.fonts);
    println!("\n{}", t!("cmd-fonts-roles"));
    for role in Role::ALL {
        println!("  {:<8} {}", role.key(), families.0[role.key()].join(" → "));
    }
    for warning in &warnings {
        eprintln!("{}{warning}", i18n::warning_label());
    }

    let Some(asked) = &args.issue else {
        return Ok(());
    };
    let (path, shown) = publication.issue_file(asked)?;
    let issue = Issue::load(config, &path, &shown)?;
    let characters = glyphs::printed_characters(config, &issue);
    println!(
        "\n{}",
        t!(
            "cmd-fonts-characters",
            file = shown.display(),
            count = characters.len(),
            fallback = FALLBACK_FAMILY
        )
    );
    for role in Role::ALL {
        let own: Vec<String> = families.0[role.key()]
            .iter()
            .filter(|f| f.as_str() != FALLBACK_FAMILY || role == Role::Title)
            .cloned()
            .collect();
        let lacking: Vec<char> = characters
            .iter()
            .copied()
            .filter(|&c| !fonts.families_draw(&own, c))
            .collect();
        println!("  {:<8} {}", role.key(), describe(&lacking));
    }
    let nowhere: Vec<char> = characters
        .iter()
        .copied()
        .filter(|&c| !fonts.can_draw(c))
        .collect();
    println!("  {:<8} {}", t!("cmd-fonts-any-font"), describe(&nowhere));
    Ok(())
}

/// `0`, or the count and the first characters with their code points.
fn describe(characters: &[char]) -> String {
    if characters.is_empty() {
        return "0".to_string();
    }
    let shown: Vec<String> = characters
        .iter()
        .take(SHOWN_CHARACTERS)
        .map(|c| format!("{c} U+{:04X}", *c as u32))
        .collect();
    let more = if characters.len() > SHOWN_CHARACTERS {
        ", …"
    } else {
        ""
    };
    format!("{}: {}{more}", characters.len(), shown.join(", "))
}
