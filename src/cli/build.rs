//! `bulletin build ISSUE` / `bulletin build --all`: issues to PDF (or
//! their pages to PNG or SVG).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::bail;
use clap::ValueEnum;
use clap::builder::PossibleValue;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use bulletin::diagnostic::Warning;
use bulletin::i18n;
use bulletin::live::{FontCache, Session};
use bulletin::publication::{IssueFile, Publication, total_in_name};
use bulletin::typeset::build::BuildOptions;
use bulletin::typeset::export::{self, Export, PageFormat};

#[derive(clap::Args)]
pub struct Args {
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    issue: Option<String>,

    #[arg(long)]
    all: bool,

    #[arg(short, long, value_name = "FILE", conflicts_with = "all")]
    output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    format: Format,

    #[arg(long, value_name = "N", default_value_t = 144.0, value_parser = parse_ppi)]
    ppi: f32,

    #[command(flatten)]
    fonts: super::args::FontArgs,

    #[arg(long)]
    allow_missing_glyphs: bool,

    #[arg(long = "pdf-standard", value_name = "STANDARD")]
    pdf_standards: Vec<PdfStandardArg>,

    #[arg(long, conflicts_with = "all")]
    timings: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Pdf,
    Png,
    Svg,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

fn parse_ppi(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(ppi) if (1.0..=1200.0).contains(&ppi) => Ok(ppi),
        _ => Err(bulletin::t!("cmd-build-ppi")),
    }
}

/// A `--pdf-standard` value; each one's help comes from the catalogue
/// (`cli-build-pdf-standards-<value>`).
#[derive(Clone, Copy)]
pub(super) enum PdfStandardArg {
    V1_7,
    V2_0,
    A2b,
    A2u,
    A3b,
    A3u,
    Ua1,
}

impl PdfStandardArg {
    fn name(self) -> &'static str {
        match self {
            Self::V1_7 => "1.7",
            Self::V2_0 => "2.0",
            Self::A2b => "a-2b",
            Self::A2u => "a-2u",
            Self::A3b => "a-3b",
            Self::A3u => "a-3u",
            Self::Ua1 => "ua-1",
        }
    }
}

impl ValueEnum for PdfStandardArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Self::V1_7,
            Self::V2_0,
            Self::A2b,
            Self::A2u,
            Self::A3b,
            Self::A3u,
            Self::Ua1,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let key = super::help::value_key("build", "pdf_standards", self.name());
        Some(PossibleValue::new(self.name()).help(i18n::text(&key, &[])))
    }
}

impl From<PdfStandardArg> for typst_pdf::PdfStandard {
    fn from(arg: PdfStandardArg) -> Self {
        match arg {
            PdfStandardArg::V1_7 => Self::V_1_7,
            PdfStandardArg::V2_0 => Self::V_2_0,
            PdfStandardArg::A2b => Self::A_2b,
            PdfStandardArg::A2u => Self::A_2u,
            PdfStandardArg::A3b => Self::A_3b,
            PdfStandardArg::A3u => Self::A_3u,
            PdfStandardArg::Ua1 => Self::Ua_1,
        }
    }
}

/// What one build wrote.
struct Written {
    /// The files, as shown.
    files: Vec<PathBuf>,
    pages: usize,
    bytes: usize,
    warnings: Vec<Warning>,
    /// Each stage of the build (named in the user's language) and how long
    /// it took.
    stages: Vec<(String, Duration)>,
}

impl Written {
    /// `out/74.pdf (9 pages, 0.4 MB)` or `out/74-1.png … out/74-9.png (9 pages, 2.1 MB)`.
    fn describe(&self) -> String {
        let names = match self.files.as_slice() {
            [one] => one.display().to_string(),
            [first, .., last] => format!("{} … {}", first.display(), last.display()),
            [] => bulletin::t!("cmd-build-nothing"),
        };
        bulletin::t!(
            "cmd-build-written",
            files = names,
            pages = self.pages,
            mb = format!("{:.1}", self.bytes as f64 / 1_000_000.0)
        )
    }
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let named = args.issue.as_deref().map(Path::new);
    let publication = super::open_publication(dir, named.filter(|p| p.is_file()))?;
    let fonts_started = Instant::now();
    let fonts = FontCache::new(args.fonts.font_paths.clone());
    let loaded = fonts.fonts(&publication.config)?;
    let fonts_loaded = fonts_started.elapsed();
    match &args.issue {
        Some(issue) => {
            let (path, shown) = publication.issue_file(issue)?;
            let total = total_in_name(&path).unwrap_or(0);
            let file = IssueFile { total, path, shown };
            let written = build_one(&publication, &fonts, file, &args)?;
            for warning in &written.warnings {
                eprintln!("{}{warning}", i18n::warning_label());
            }
            println!(
                "{}",
                bulletin::t!(
                    "cmd-build-wrote-in",
                    written = written.describe(),
                    seconds = format!("{:.2}", started.elapsed().as_secs_f64())
                )
            );
            if args.timings {
                let mut stages = vec![(bulletin::t!("cmd-stage-fonts"), fonts_loaded)];
                stages.extend(written.stages.iter().cloned());
                eprintln!("{}", super::timings_line(&stages));
            }
            Ok(())
        }
        None => build_all(&publication, &fonts, &loaded, &args, started),
    }
}

/// Builds every issue of the publication in parallel, sharing the fonts
/// and the parsed layout; a failing issue does not stop the others.
fn build_all(
    publication: &Publication,
    fonts: &FontCache,
    loaded: &Arc<bulletin::fonts::Fonts>,
    args: &Args,
    started: Instant,
) -> anyhow::Result<()> {
    let files = publication.issue_files();
    if files.is_empty() {
        bail!(bulletin::t!("cmd-build-no-issues"));
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(&bulletin::t!("cmd-build-progress"))
                .expect("a valid template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    // One line per issue as it finishes: above the bar on a terminal.
    let report = |line: String| {
        if bar.is_hidden() {
            println!("{line}");
        } else {
            bar.println(line);
        }
    };
    // Two files of one issue (75.toml, 075.toml) would write one PDF.
    let twin = |file: &IssueFile| {
        files
            .iter()
            .find(|other| other.total == file.total && other.path != file.path)
    };
    let results: Vec<(&IssueFile, anyhow::Result<Written>)> = files
        .par_iter()
        .map(|file| {
            let result = match twin(file) {
                Some(other) => Err(anyhow::anyhow!(bulletin::t!(
                    "cmd-build-twin",
                    file = file.shown.display(),
                    other = other.shown.display(),
                    total = file.total
                ))),
                // A bug in one issue's build does not stop the others.
                None => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    build_one(publication, fonts, file.clone(), args)
                }))
                .unwrap_or_else(|_| {
                    Err(anyhow::anyhow!(bulletin::t!(
                        "cmd-build-internal-error",
                        file = file.shown.display()
                    )))
                }),
            };
            match &result {
                Ok(written) => report(bulletin::t!(
                    "cmd-build-wrote",
                    written = written.describe()
                )),
                Err(_) => report(bulletin::t!(
                    "cmd-build-failed",
                    file = file.shown.display()
                )),
            }
            bar.inc(1);
            (file, result)
        })
        .collect();
    bar.finish_and_clear();

    // The publication's fonts are told of once, not once an issue.
    let (_, font_warnings) = loaded.role_families(&publication.config.fonts);
    for warning in &font_warnings {
        eprintln!("{}{warning}", i18n::warning_label());
    }
    let mut failed = Vec::new();
    for (file, result) in &results {
        match result {
            Ok(written) => {
                for warning in written
                    .warnings
                    .iter()
                    .filter(|w| !matches!(w, Warning::Plain(t) if font_warnings.contains(t)))
                {
                    eprintln!("{}{}", i18n::warning_label(), warning.in_file(&file.shown));
                }
            }
            Err(err) => {
                eprintln!("{}{}\n", i18n::error_label(), super::error_text(err));
                failed.push(file.shown.display().to_string());
            }
        }
    }
    let built = results.len() - failed.len();
    let summary = bulletin::t!(
        "cmd-build-summary",
        built = built,
        count = results.len(),
        seconds = format!("{:.2}", started.elapsed().as_secs_f64())
    );
    if failed.is_empty() {
        println!("{summary}");
        Ok(())
    } else {
        bail!(bulletin::t!(
            "cmd-build-summary-failed",
            summary = summary,
            count = failed.len(),
            files = failed.join(", ")
        ))
    }
}

/// Builds one issue and writes it in the asked format.
fn build_one(
    publication: &Publication,
    fonts: &FontCache,
    file: IssueFile,
    args: &Args,
) -> anyhow::Result<Written> {
    let options = BuildOptions {
        allow_missing_glyphs: args.allow_missing_glyphs,
    };
    let mut session = Session::new(publication, file, fonts.clone(), options);
    let built = session.rebuild().map_err(|e| e.into_build_error())?;
    let (output, shown_output) = match &args.output {
        Some(path) => (path.clone(), path.clone()),
        None => {
            let (pdf, shown_pdf) = publication.default_output(built.issue.total);
            let ext = args.format.extension();
            (pdf.with_extension(ext), shown_pdf.with_extension(ext))
        }
    };
    let target = match args.format {
        Format::Pdf => Export::Pdf {
            standards: args.pdf_standards.iter().map(|&s| s.into()).collect(),
            rebuilt: false,
        },
        Format::Png => Export::Pages {
            format: PageFormat::Png,
            ppi: args.ppi,
        },
        Format::Svg => Export::Pages {
            format: PageFormat::Svg,
            ppi: args.ppi,
        },
    };
    let exported = match export::write(built, &target, &output, &shown_output, &Mutex::new(())) {
        Ok(exported) => exported,
        Err(error @ export::ExportError::Pdf(_)) => {
            // What was allowed into the layout (characters printed as
            // boxes) is what a refused PDF/A needs to find.
            for warning in &built.warnings {
                eprintln!("{}{warning}", i18n::warning_label());
            }
            return Err(error.into());
        }
        Err(error) => return Err(error.into()),
    };
    let export_name = match args.format {
        Format::Pdf => bulletin::t!("cmd-stage-pdf"),
        Format::Png => bulletin::t!("cmd-stage-png"),
        Format::Svg => bulletin::t!("cmd-stage-svg"),
    };
    let mut stages = vec![
        (bulletin::t!("cmd-stage-check"), built.timings.check),
        (bulletin::t!("cmd-stage-layout"), built.timings.layout),
        (export_name, exported.render),
    ];
    if args.format == Format::Pdf {
        stages.push((bulletin::t!("cmd-stage-write"), exported.write));
    }
    Ok(Written {
        files: exported.files,
        pages: exported.pages,
        bytes: exported.bytes,
        warnings: built.warnings.clone(),
        stages,
    })
}
