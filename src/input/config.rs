//! `bulletin.toml`: the publication, its layout settings, fonts and footer.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::diagnostic::Located;
use crate::files::stays_inside;
use crate::i18n::Lang;
use crate::input::toml_input::InputFile;
use crate::t;

/// The file that marks a publication folder.
pub const CONFIG_FILE: &str = "bulletin.toml";

/// The publication, as `bulletin.toml` describes it, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The publication folder (the one holding `bulletin.toml`).
    pub root: PathBuf,
    pub file: InputFile,
    pub publication: PublicationSettings,
    pub layout: LayoutSettings,
    pub fonts: FontSettings,
    pub footer: FooterSettings,
}

#[derive(Debug, Clone)]
pub struct PublicationSettings {
    pub name: Placed,
    pub publisher: Placed,
    /// Template with `{year}`, `{number}` and `{total}`.
    pub issue_line: Placed,
    pub contents_heading: Placed,
    pub cadence_days: u32,
    /// The language of messages for everyone who builds it (`lang`);
    /// `--lang` and `BULLETIN_LANG` win over it, it wins over the locale.
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone)]
pub struct LayoutSettings {
    pub page_numbers: bool,
    /// `#RRGGBB`.
    pub red: String,
    pub cjk_latin_spacing: bool,
    /// A layout of the publication's own, relative to its folder.
    pub file: Option<PathBuf>,
}

/// The roles a typeface plays in the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Body,
    Title,
    Heading,
    Kai,
    Number,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Body,
        Role::Title,
        Role::Heading,
        Role::Kai,
        Role::Number,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Title => "title",
            Role::Heading => "heading",
            Role::Kai => "kai",
            Role::Number => "number",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FontSettings {
    body: Vec<String>,
    title: Vec<String>,
    heading: Vec<String>,
    kai: Vec<String>,
    number: Vec<String>,
    /// Extra font folders, resolved against the publication folder.
    pub paths: Vec<PathBuf>,
}

impl FontSettings {
    /// The families the publication asks for in a role, in order.
    pub fn families(&self, role: Role) -> &[String] {
        match role {
            Role::Body => &self.body,
            Role::Title => &self.title,
            Role::Heading => &self.heading,
            Role::Kai => &self.kai,
            Role::Number => &self.number,
        }
    }
}

/// The closing block's settings as written in one file; an issue may
/// override each key of bulletin.toml's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterSettings {
    pub lines: Option<Vec<Spanned<String>>>,
    pub distribution: Option<Vec<Spanned<String>>>,
    pub editor: Option<Spanned<String>>,
    pub reviewer: Option<Spanned<String>>,
}

/// Which file a value was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// bulletin.toml.
    Publication,
    /// The issue's own file.
    Issue,
}

/// A text as typed, with the file and byte range it was typed at (none for
/// a default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub text: String,
    pub origin: Origin,
    pub span: Option<std::ops::Range<usize>>,
}

impl Placed {
    pub fn new(value: &Spanned<String>, origin: Origin) -> Self {
        Self {
            text: value.get_ref().clone(),
            origin,
            span: Some(value.span()),
        }
    }

    /// A default of bulletin.toml, typed nowhere.
    fn default(text: &str) -> Self {
        Self {
            text: text.to_string(),
            origin: Origin::Publication,
            span: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    publication: RawPublication,
    #[serde(default)]
    layout: RawLayout,
    #[serde(default)]
    fonts: RawFonts,
    #[serde(default)]
    footer: FooterSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublication {
    name: Spanned<String>,
    publisher: Spanned<String>,
    issue_line: Option<Spanned<String>>,
    contents_heading: Option<Spanned<String>>,
    cadence_days: Option<Spanned<i64>>,
    lang: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    page_numbers: Option<bool>,
    red: Option<Spanned<String>>,
    cjk_latin_spacing: Option<bool>,
    file: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFonts {
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    title: Vec<String>,
    #[serde(default)]
    heading: Vec<String>,
    #[serde(default)]
    kai: Vec<String>,
    #[serde(default)]
    number: Vec<String>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
}

pub const DEFAULT_ISSUE_LINE: &str = "{year}年第{number}期（总第{total}期）";
pub const DEFAULT_RED: &str = "#E60012";
/// The longest publication name a masthead takes.
pub const MAX_NAME_CHARS: usize = 40;

impl Config {
    /// Reads `bulletin.toml` from the publication folder `root`; `shown` is
    /// how that folder is named in messages.
    pub fn load(root: &Path, shown: &Path) -> Result<Self, Located> {
        let path = root.join(CONFIG_FILE);
        let shown_path = shown.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Located::whole_file(&shown_path, t!("config-missing")));
        }
        let file = InputFile::read(&path, &shown_path)?;
        let raw: RawConfig = file.parse()?;
        Self::check(root, file, raw)
    }

    /// Checks the text of a `bulletin.toml` about to be written in the
    /// folder `root` (`shown`: how the file is named in messages).
    pub fn from_text(root: &Path, text: String, shown: &Path) -> Result<Self, Located> {
        let file = InputFile {
            path: shown.to_path_buf(),
            text,
        };
        let raw: RawConfig = file.parse()?;
        Self::check(root, file, raw)
    }

    fn check(root: &Path, file: InputFile, raw: RawConfig) -> Result<Self, Located> {
        let p = raw.publication;
        let name = non_empty(&file, p.name, "name")?;
        // A masthead is a few characters; a pasted paragraph here would take
        // the layout minutes to fit.
        if name.text.chars().count() > MAX_NAME_CHARS {
            return Err(file.error(
                name.span.clone().unwrap_or(0..0),
                t!(
                    "config-name-too-long",
                    count = name.text.chars().count(),
                    max = MAX_NAME_CHARS
                ),
            ));
        }
        let publisher = non_empty(&file, p.publisher, "publisher")?;
        let issue_line = match p.issue_line {
            Some(line) => {
                check_template(&file, &line)?;
                non_empty(&file, line, "issue_line")?
            }
            None => Placed::default(DEFAULT_ISSUE_LINE),
        };
        let contents_heading = match p.contents_heading {
            Some(h) => non_empty(&file, h, "contents_heading")?,
            None => Placed::default("目录提要"),
        };
        let cadence_days = match p.cadence_days {
            Some(days) => {
                let span = days.span();
                u32::try_from(*days.get_ref())
                    .ok()
                    .filter(|d| (1..=366).contains(d))
                    .ok_or_else(|| file.error(span, t!("config-cadence-days")))?
            }
            None => 7,
        };
        let lang = match p.lang {
            Some(lang) => Some(
                Lang::from_tag(lang.get_ref())
                    .ok_or_else(|| file.error(lang.span(), t!("config-lang")))?,
            ),
            None => None,
        };

        let red = match raw.layout.red {
            Some(red) => parse_color(red.get_ref())
                .ok_or_else(|| file.error(red.span(), t!("config-red")))?,
            None => DEFAULT_RED.to_string(),
        };
        let layout_file = match raw.layout.file {
            Some(f) => {
                let path = relative_inside(
                    &file,
                    &f,
                    &t!("config-what-layout-file"),
                    "layouts/custom.typ",
                )?;
                if root.join(&path).exists() && !stays_inside(root, &path) {
                    return Err(
                        file.error(f.span(), t!("config-layout-outside", path = f.get_ref()))
                    );
                }
                if !root.join(&path).is_file() {
                    return Err(
                        file.error(f.span(), t!("config-layout-missing", path = f.get_ref()))
                    );
                }
                Some(path)
            }
            None => None,
        };

        let mut paths = Vec::new();
        for dir in &raw.fonts.paths {
            // Relative to the publication folder; an absolute path stays as is.
            let full = root.join(dir.get_ref());
            if !full.is_dir() {
                return Err(file.error(
                    dir.span(),
                    t!("config-font-folder-missing", path = dir.get_ref()),
                ));
            }
            paths.push(full);
        }
        let footer = &raw.footer;
        let footer_values = footer
            .lines
            .iter()
            .flatten()
            .chain(footer.distribution.iter().flatten());
        for value in footer_values.chain(&footer.editor).chain(&footer.reviewer) {
            if let Some(problem) = file.unprintable(value.get_ref(), value.span(), "[footer]") {
                return Err(problem);
            }
        }
        let f = raw.fonts;

        Ok(Self {
            root: root.to_path_buf(),
            publication: PublicationSettings {
                name,
                publisher,
                issue_line,
                contents_heading,
                cadence_days,
                lang,
            },
            layout: LayoutSettings {
                page_numbers: raw.layout.page_numbers.unwrap_or(true),
                red,
                cjk_latin_spacing: raw.layout.cjk_latin_spacing.unwrap_or(false),
                file: layout_file,
            },
            fonts: FontSettings {
                body: f.body,
                title: f.title,
                heading: f.heading,
                kai: f.kai,
                number: f.number,
                paths,
            },
            footer: raw.footer,
            file,
        })
    }
}

fn non_empty(file: &InputFile, value: Spanned<String>, key: &str) -> Result<Placed, Located> {
    if value.get_ref().trim().is_empty() {
        return Err(file.error(value.span(), t!("config-empty", key = key)));
    }
    match file.unprintable(value.get_ref(), value.span(), key) {
        Some(problem) => Err(problem),
        None => Ok(Placed::new(&value, Origin::Publication)),
    }
}

/// Placeholders a template may use; anything else in braces is a typo.
fn check_template(file: &InputFile, line: &Spanned<String>) -> Result<(), Located> {
    let text = line.get_ref();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some("year" | "number" | "total") => rest = &after[close.unwrap() + 1..],
            _ => {
                return Err(file.error(line.span(), t!("config-issue-line-placeholders")));
            }
        }
    }
    Ok(())
}

/// Fills in an issue line template.
pub fn fill_issue_line(template: &str, year: i32, number: u32, total: u32) -> String {
    template
        .replace("{year}", &year.to_string())
        .replace("{number}", &number.to_string())
        .replace("{total}", &total.to_string())
}

fn parse_color(s: &str) -> Option<String> {
    let hex = s.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{}", hex.to_ascii_uppercase())),
        3 => Some(format!(
            "#{}",
            hex.chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_uppercase()
        )),
        _ => None,
    }
}

/// A path relative to the publication folder that stays inside it.
/// `what` and `example` are for the message ("the layout file",
/// "layouts/custom.typ").
pub fn relative_inside(
    file: &InputFile,
    value: &Spanned<String>,
    what: &str,
    example: &str,
) -> Result<PathBuf, Located> {
    let path = Path::new(value.get_ref());
    let escapes = path.is_absolute()
        || path.components().any(|c| {
            matches!(
                c,
                std::path::Component::ParentDir | std::path::Component::Prefix(_)
            )
        });
    if escapes || value.get_ref().trim().is_empty() {
        return Err(file.error(
            value.span(),
            t!("config-path-inside", what = what, example = example),
        ));
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Located> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        Config::load(dir.path(), Path::new("."))
    }

    #[test]
    fn defaults_fill_what_is_left_out() {
        let c = load("[publication]\nname = \"科协每周动态\"\npublisher = \"北京市科协办公室\"\n")
            .unwrap();
        assert_eq!(c.publication.issue_line.text, DEFAULT_ISSUE_LINE);
        assert_eq!(c.publication.contents_heading.text, "目录提要");
        assert_eq!(c.publication.cadence_days, 7);
        assert!(c.layout.page_numbers);
        assert_eq!(c.layout.red, "#E60012");
        assert!(!c.layout.cjk_latin_spacing);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located() {
        let e = load("[publication]\nname = \"x\"\npublisher = \"y\"\ntittle = 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 1), "{e}");
        assert!(e.message.contains("unknown key `tittle`"), "{e}");

        let e = load("[publication]\nname = \"x\"\npublisher = \"y\"\n[layout]\nred = \"rot\"\n")
            .unwrap_err();
        assert_eq!(e.line, 5, "{e}");

        let e = load("[publication]\nname = \"x\"\npublisher = \"y\"\nissue_line = \"{yaer}\"\n")
            .unwrap_err();
        assert!(e.message.contains("placeholders"), "{e}");

        let e =
            load("[publication]\nname = \"x\"\npublisher = \"y\"\n[fonts]\npaths = [\"nope\"]\n")
                .unwrap_err();
        assert!(e.message.contains("does not exist"), "{e}");
    }

    #[test]
    fn issue_line_is_filled() {
        assert_eq!(
            fill_issue_line(DEFAULT_ISSUE_LINE, 2023, 21, 74),
            "2023年第21期（总第74期）"
        );
    }
}
