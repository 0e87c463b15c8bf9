//! `bulletin build ISSUE`: one issue to a PDF.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::ValueEnum;

use bulletin::build::{self, BuildOptions};
use bulletin::output;
use bulletin::publication::Publication;

#[derive(clap::Args)]
pub struct Args {
    /// The issue: its number (74, read from issues/74.toml) or a file path
    issue: String,

    /// Where to write the PDF (default: out/<number>.pdf in the publication folder)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// A folder with more fonts (repeatable); they are tried before the embedded ones
    /// for the families named in [fonts]
    #[arg(long = "font-path", value_name = "DIR")]
    font_paths: Vec<PathBuf>,

    /// Print characters that no font has as empty boxes, with a warning, instead of failing
    #[arg(long)]
    allow_missing_glyphs: bool,

    /// Make the PDF conform to a standard, e.g. a-2b for archiving (repeatable)
    #[arg(long = "pdf-standard", value_name = "STANDARD")]
    pdf_standards: Vec<PdfStandardArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfStandardArg {
    #[value(name = "1.7")]
    V1_7,
    #[value(name = "2.0")]
    V2_0,
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "a-2u")]
    A2u,
    #[value(name = "a-3b")]
    A3b,
    #[value(name = "a-3u")]
    A3u,
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
        }
    }
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let named = Path::new(&args.issue);
    let publication = Publication::open(dir, named.is_file().then_some(named))?;
    let config = &publication.config;
    let (issue_path, shown_issue) = publication.issue_file(&args.issue)?;

    let fonts = Arc::new(build::load_fonts(config, &args.font_paths)?);
    let options = BuildOptions {
        allow_missing_glyphs: args.allow_missing_glyphs,
    };
    let built = build::lay_out(config, &issue_path, &shown_issue, fonts, &options)?;
    for warning in &built.warnings {
        eprintln!("warning: {warning}");
    }
    let standards: Vec<_> = args.pdf_standards.iter().map(|&s| s.into()).collect();
    let bytes = built.pdf(&standards)?;

    let (output, shown_output) = match args.output {
        Some(path) => (path.clone(), path),
        None => publication.default_output(built.issue.total),
    };
    output::write_pdf(&output, &shown_output, &bytes)?;

    let pages = built.document.pages().len();
    println!(
        "wrote {} ({} page{}, {:.1} MB) in {:.2} s",
        shown_output.display(),
        pages,
        if pages == 1 { "" } else { "s" },
        bytes.len() as f64 / 1_000_000.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
