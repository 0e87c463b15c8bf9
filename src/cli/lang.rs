//! Which language bulletin speaks, decided before the command line is
//! parsed (its help is in that language too): `--lang`, then
//! `BULLETIN_LANG`, then the publication's `[publication] lang`, then the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`; on Windows the user's display
//! language); English when none says Chinese.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use bulletin::i18n::{Lang, LangSource};
use bulletin::input::config::CONFIG_FILE;
use bulletin::publication::find_root;

/// The language and what chose it, and a warning when `BULLETIN_LANG`
/// names a language bulletin does not speak.
pub struct Choice {
    pub lang: Lang,
    pub source: LangSource,
    pub warning: Option<(String, String)>,
}

/// Decides from the arguments (program name first), the environment and
/// the publication folder the arguments point at.
pub fn choose(args: &[OsString]) -> Choice {
    let scanned = scan(args);
    let environment = std::env::var("BULLETIN_LANG").ok();
    let mut warning = None;
    if let Some(lang) = scanned.lang.as_deref().and_then(Lang::from_tag) {
        return Choice {
            lang,
            source: LangSource::CommandLine,
            warning,
        };
    }
    if let Some(value) = environment.filter(|v| !v.trim().is_empty()) {
        match Lang::from_tag(&value) {
            Some(lang) => {
                return Choice {
                    lang,
                    source: LangSource::Environment,
                    warning,
                };
            }
            None => warning = Some(("BULLETIN_LANG".to_string(), value)),
        }
    }
    if let Some(lang) = publication_lang(scanned.dir.as_deref()) {
        return Choice {
            lang,
            source: LangSource::Publication,
            warning,
        };
    }
    Choice {
        lang: locale_lang(),
        source: LangSource::Locale,
        warning,
    }
}

/// What the arguments say before clap reads them.
#[derive(Debug, Default, PartialEq)]
struct Scanned {
    lang: Option<String>,
    dir: Option<PathBuf>,
}

/// `--lang X`, `--lang=X`, `-C DIR`, `-CDIR`, `--dir DIR`, `--dir=DIR`,
/// wherever they stand before a `--`.
fn scan(args: &[OsString]) -> Scanned {
    let mut scanned = Scanned::default();
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        match word.as_ref() {
            "--" => break,
            "--lang" => scanned.lang = words.next().map(|w| w.into_owned()),
            "-C" | "--dir" => scanned.dir = words.next().map(|w| PathBuf::from(w.as_ref())),
            other => {
                if let Some(value) = other.strip_prefix("--lang=") {
                    scanned.lang = Some(value.to_string());
                } else if let Some(value) = other.strip_prefix("--dir=") {
                    scanned.dir = Some(PathBuf::from(value));
                } else if let Some(value) = other.strip_prefix("-C").filter(|v| !v.is_empty()) {
                    scanned.dir = Some(PathBuf::from(value));
                }
            }
        }
    }
    scanned
}

/// `[publication] lang` of the publication in `dir`, or of the nearest
/// one upward from the current folder. A file that cannot be read says
/// nothing here: its own error comes when the command opens it.
fn publication_lang(dir: Option<&Path>) -> Option<Lang> {
    let root = match dir {
        Some(dir) => dir.to_path_buf(),
        None => find_root(&std::env::current_dir().ok()?)?,
    };
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    let lang = table.get("publication")?.get("lang")?.as_str()?;
    Lang::from_tag(lang)
}

/// The language of the user's locale.
#[cfg(not(windows))]
fn locale_lang() -> Lang {
    // POSIX: the first of these that is set and not empty decides.
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .map_or(Lang::En, |locale| Lang::of_locale(&locale))
}

/// The language of the user's locale: the variables when a POSIX shell
/// (Git Bash, MSYS) sets them, else Windows' display language.
#[cfg(windows)]
fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .or_else(sys_locale::get_locale)
        .map_or(Lang::En, |locale| Lang::of_locale(&locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("bulletin")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_language_and_folder_are_found_before_parsing() {
        assert_eq!(
            scan(&args(&["build", "74", "--lang", "zh", "-C", "pub"])),
            Scanned {
                lang: Some("zh".into()),
                dir: Some("pub".into())
            }
        );
        assert_eq!(
            scan(&args(&["--lang=en", "-Cpub", "check"])),
            Scanned {
                lang: Some("en".into()),
                dir: Some("pub".into())
            }
        );
        assert_eq!(
            scan(&args(&["--dir=x", "import", "--", "--lang", "zh"])),
            Scanned {
                lang: None,
                dir: Some("x".into())
            }
        );
    }
}
