//! Every text a user reads comes from one catalogue, in Simplified Chinese
//! and in English: Project Fluent files under `locales/<language>/`,
//! compiled into the binary, one file per area of the tool.
//!
//! A message is asked for by its key with named arguments, through [`t!`]:
//! `t!("input-unknown-key", key = "tittle")`. The language is the process's
//! (set once by the command line from `--lang`, `BULLETIN_LANG`,
//! `bulletin.toml` and the locale), or one chosen for a stretch of work on
//! one thread with [`with_lang`] (the browser desk speaks Chinese whatever
//! the terminal does).

use std::cell::Cell;
use std::fmt;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en`, as `--lang` and `bulletin.toml` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language of a tag or locale name: `zh`, `zh-CN`, `zh_CN.UTF-8`,
    /// `en`, `en_US`, `C`… Only Chinese and English are known; `None` for
    /// any other.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a POSIX locale asks for: Chinese for `zh…`, English
    /// for anything else (`C`, `POSIX`, `de_DE`…).
    pub fn of_locale(locale: &str) -> Lang {
        match Lang::from_tag(locale) {
            Some(Lang::Zh) => Lang::Zh,
            _ => Lang::En,
        }
    }

    fn index(self) -> u8 {
        match self {
            Lang::Zh => 0,
            Lang::En => 1,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What chose the process's language, weakest first: a stronger choice is
/// never undone by a weaker one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LangSource {
    /// Nothing chose: English.
    Default,
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` (or Windows' display language).
    Locale,
    /// `[publication] lang` in bulletin.toml.
    Publication,
    /// `BULLETIN_LANG`.
    Environment,
    /// `--lang`.
    CommandLine,
}

/// The process's language: English until the command line says otherwise,
/// so that the library speaks English to a program that never chose.
static PROCESS_LANG: AtomicU8 = AtomicU8::new(1);
static PROCESS_SOURCE: AtomicU8 = AtomicU8::new(LangSource::Default as u8);

thread_local! {
    static THREAD_LANG: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language messages are written in on this thread now.
pub fn lang() -> Lang {
    THREAD_LANG.with(Cell::get).unwrap_or_else(|| {
        if PROCESS_LANG.load(Ordering::Relaxed) == Lang::Zh.index() {
            Lang::Zh
        } else {
            Lang::En
        }
    })
}

/// Sets the process's language (the command line does, once, at start).
pub fn set_lang(lang: Lang, source: LangSource) {
    PROCESS_LANG.store(lang.index(), Ordering::Relaxed);
    PROCESS_SOURCE.store(source as u8, Ordering::Relaxed);
}

/// Sets the process's language unless something stronger than `source`
/// chose it: a publication's `lang`, found once the command has opened the
/// folder, wins over the locale but not over `--lang`.
pub fn offer_lang(lang: Lang, source: LangSource) {
    if source as u8 > PROCESS_SOURCE.load(Ordering::Relaxed) {
        set_lang(lang, source);
    }
}

/// Runs `work` with messages in `lang` on this thread, whatever the
/// process's language; the thread's earlier choice comes back afterwards,
/// also when `work` panics.
pub fn with_lang<R>(lang: Lang, work: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_LANG.with(|cell| cell.set(self.0));
        }
    }
    let _restore = Restore(THREAD_LANG.with(|cell| cell.replace(Some(lang))));
    work()
}

/// The catalogue's files: one per area, the same names in every language.
/// (A test checks that every file under `locales/` is listed here.)
macro_rules! catalogue_files {
    ($language:literal: $($area:literal),+ $(,)?) => {
        &[$(($area, include_str!(concat!("../locales/", $language, "/", $area, ".ftl")))),+]
    };
}

pub const AREAS: &[&str] = &[
    "common",
    "cli",
    "input",
    "build",
    "images",
    "lint",
    "import",
    "commands",
    "desk",
    "lifecycle",
];

const ZH_FILES: &[(&str, &str)] = catalogue_files!(
    "zh-CN": "common", "cli", "input", "build", "images", "lint", "import", "commands", "desk", "lifecycle"
);
const EN_FILES: &[(&str, &str)] = catalogue_files!(
    "en": "common", "cli", "input", "build", "images", "lint", "import", "commands", "desk", "lifecycle"
);

/// The catalogue's source text of `lang`, file by file: `(area, text)`.
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => ZH_FILES,
        Lang::En => EN_FILES,
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let tag = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    };
    let locale: unic_langid::LanguageIdentifier = tag.parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Paths and keys are shown as typed: no invisible direction marks
    // around them (they would break copying and a terminal's columns).
    bundle.set_use_isolating(false);
    for (area, text) in sources(lang) {
        let resource = FluentResource::try_new((*text).to_string())
            .unwrap_or_else(|(_, errors)| panic!("locales/{tag}/{area}.ftl: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{tag}/{area}.ftl: {errors:?}"));
    }
    bundle
}

static ZH: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::Zh));
static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::En));

/// A value given to a message: a text or a number (numbers choose English
/// plurals: "1 issue", "2 issues").
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}

impl From<std::path::Display<'_>> for Arg {
    fn from(path: std::path::Display<'_>) -> Self {
        Arg::Text(path.to_string())
    }
}

macro_rules! number_args {
    ($($t:ty),+) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        })+
    };
}
number_args!(usize, u8, u16, u32, u64, i32, i64);

/// The message `key` in the current language, its `{ $name }` placeables
/// filled from `args`. Use [`t!`].
pub fn text(key: &str, args: &[(&str, Arg)]) -> String {
    text_in(lang(), key, args)
}

/// The message `key` in `lang`.
pub fn text_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle: &FluentBundle<FluentResource> = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        // A test keeps both catalogues complete; should one still lack a
        // key, the user sees the key and values rather than nothing.
        debug_assert!(false, "the catalogue has no message {key}");
        let values: Vec<String> = args.iter().map(|(n, v)| format!("{n}={v:?}")).collect();
        return format!("{key} {}", values.join(" "));
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message {key}: {errors:?}");
    text.into_owned()
}

/// A message of the catalogue in the current language:
/// `t!("key")`, `t!("key", name = value, …)`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// "error: " or "错误：", before a message that stopped the work.
pub fn error_label() -> String {
    t!("label-error")
}

/// "warning: " or "警告：".
pub fn warning_label() -> String {
    t!("label-warning")
}

/// An operating system's answer about a file, in the current language:
/// in English as the system words it, in Chinese by its kind.
pub fn io_error(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if lang() == Lang::En {
        return error.to_string();
    }
    match error.kind() {
        ErrorKind::NotFound => t!("io-not-found"),
        ErrorKind::PermissionDenied => t!("io-permission-denied"),
        ErrorKind::AlreadyExists => t!("io-already-exists"),
        ErrorKind::IsADirectory => t!("io-is-a-directory"),
        ErrorKind::NotADirectory => t!("io-not-a-directory"),
        ErrorKind::ReadOnlyFilesystem => t!("io-read-only"),
        ErrorKind::StorageFull => t!("io-storage-full"),
        _ => t!("io-other", details = error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    /// Each message of a catalogue with the variables it shows (a variable
    /// that only chooses a variant, such as the count of an English plural,
    /// is not shown: Chinese needs no such choice).
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let mut found = BTreeMap::new();
        for (area, text) in sources(lang) {
            let resource = fluent_syntax::parser::parse(*text)
                .unwrap_or_else(|(_, errors)| panic!("{lang} {area}: {errors:?}"));
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &message.value {
                        pattern_variables(value, &mut variables);
                    }
                    let name = message.id.name.to_string();
                    assert!(
                        found.insert(name.clone(), variables).is_none(),
                        "{lang}: {name} is defined twice"
                    );
                }
            }
        }
        found
    }

    fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { variants, .. } => {
                for variant in variants {
                    pattern_variables(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out)
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_variables(argument, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn both_languages_have_every_message_showing_the_same_arguments() {
        let zh = messages(Lang::Zh);
        let en = messages(Lang::En);
        let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        assert!(only_zh.is_empty(), "only in zh-CN: {only_zh:?}");
        assert!(only_en.is_empty(), "only in en: {only_en:?}");
        for (key, variables) in &zh {
            assert_eq!(
                variables, &en[key],
                "{key}: zh-CN and en use other arguments"
            );
        }
    }

    #[test]
    fn every_file_under_locales_is_compiled_in() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for lang in ["en", "zh-CN"] {
            let mut on_disk: Vec<String> = std::fs::read_dir(root.join(lang))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            let mut listed: Vec<String> = AREAS.iter().map(|a| format!("{a}.ftl")).collect();
            listed.sort();
            assert_eq!(on_disk, listed, "locales/{lang}/ and i18n::AREAS differ");
        }
        let zh: Vec<_> = ZH_FILES.iter().map(|(a, _)| *a).collect();
        let en: Vec<_> = EN_FILES.iter().map(|(a, _)| *a).collect();
        assert_eq!(zh, AREAS);
        assert_eq!(en, AREAS);
    }

    #[test]
    fn chinese_messages_use_full_width_punctuation() {
        // A half-width , ; ( ) or ! next to a Chinese character reads as a
        // slip; paths, keys and commands in backticks or quotes are left
        // out of the check.
        for (area, text) in sources(Lang::Zh) {
            for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
                let chars: Vec<char> = line.chars().collect();
                for (i, &c) in chars.iter().enumerate() {
                    if !matches!(c, ',' | ';' | '(' | ')' | '!' | '?') {
                        continue;
                    }
                    let near_han = [i.checked_sub(1), Some(i + 1)]
                        .into_iter()
                        .flatten()
                        .filter_map(|j| chars.get(j))
                        .any(|&n| crate::text::is_wide(n) && n.is_alphabetic());
                    assert!(!near_han, "zh-CN/{area}.ftl: half-width {c:?} in: {line}");
                }
            }
        }
    }

    #[test]
    fn the_thread_language_wins_and_comes_back() {
        with_lang(Lang::Zh, || {
            assert_eq!(lang(), Lang::Zh);
            with_lang(Lang::En, || assert_eq!(lang(), Lang::En));
            assert_eq!(lang(), Lang::Zh);
            assert_eq!(t!("label-error"), "错误：");
        });
        with_lang(Lang::En, || assert_eq!(t!("label-error"), "error: "));
    }

    #[test]
    fn tags_and_locales_name_a_language() {
        assert_eq!(Lang::from_tag("zh"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::of_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("zh_TW.UTF-8"), Lang::Zh);
        assert_eq!(Lang::of_locale(""), Lang::En);
    }
}
