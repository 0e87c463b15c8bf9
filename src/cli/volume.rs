//! `bulletin volume YEAR`: the year's issues bound into one PDF (合订本).

use std::path::{Path, PathBuf};
use std::time::Instant;

use bulletin::i18n;
use bulletin::live::FontCache;
use bulletin::output::{self, Kind};
use bulletin::t;
use bulletin::typeset::build::BuildOptions;
use bulletin::typeset::volume::{self, VolumeOptions};

use super::build::PdfStandardArg;

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_parser = clap::value_parser!(i32).range(1900..=2100))]
    year: i32,

    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    #[arg(long, value_name = "TOTAL", requires = "to")]
    from: Option<u32>,

    #[arg(long, value_name = "TOTAL", requires = "from")]
    to: Option<u32>,

    #[arg(long)]
    skip_broken: bool,

    #[command(flatten)]
    fonts: super::args::FontArgs,

    #[arg(long)]
    allow_missing_glyphs: bool,

    #[arg(long = "pdf-standard", value_name = "STANDARD")]
    pdf_standards: Vec<PdfStandardArg>,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let publication = super::open_publication(dir, None)?;
    let options = VolumeOptions {
        year: args.year,
        totals: args.from.zip(args.to),
        skip_broken: args.skip_broken,
        build: BuildOptions {
            allow_missing_glyphs: args.allow_missing_glyphs,
        },
    };
    let files = volume::select(&publication.issue_files(), &options)?;
    // Loaded as every other build loads them (live::FontCache).
    let fonts = FontCache::new(args.fonts.font_paths.clone()).fonts(&publication.config)?;
    let volume = volume::lay_out(&publication.config, &files, fonts, &options)?;
    for warning in &volume.warnings {
        eprintln!("{}{warning}", i18n::warning_label());
    }
    let standards: Vec<_> = args.pdf_standards.iter().map(|&s| s.into()).collect();
    let bytes = volume.pdf(&standards)?;
    let (path, shown) = match &args.output {
        Some(path) => (path.clone(), path.clone()),
        None => {
            let relative = volume::default_output(args.year);
            (
                publication.config.root.join(&relative),
                publication.shown(&relative),
            )
        }
    };
    output::write(&path, &shown, &bytes, Kind::Pdf)?;
    let first = volume.issues.first().map_or(0, |i| i.total);
    let last = volume.issues.last().map_or(0, |i| i.total);
    println!(
        "{}",
        t!(
            "cmd-volume-wrote",
            file = shown.display(),
            issues = volume.issues.len(),
            first = first,
            last = last,
            pages = volume.document.pages().len(),
            mb = format!("{:.1}", bytes.len() as f64 / 1_000_000.0),
            seconds = format!("{:.2}", started.elapsed().as_secs_f64())
        )
    );
    Ok(())
}
