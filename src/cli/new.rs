//! `bulletin new`: the next issue, numbered and dated, ready to fill.

use std::path::{Path, PathBuf};

use anyhow::anyhow;

use bulletin::issue::Date;
use bulletin::next_issue::{self, next_issue};
use bulletin::output;
use bulletin::publication::{ISSUES_DIR, Publication};
use bulletin::series::{Heading, iso};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    next_issue::parse_date(text).map_err(|err| err.to_string())
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let publication = Publication::open(dir, None)?;
    let files = publication.issue_files();
    let latest = files.last().ok_or_else(|| {
        anyhow!(
            "{} holds no issue yet: write the first one by hand (see docs/input-format.md); \
             from then on, bulletin new starts each next issue",
            publication.shown(Path::new(ISSUES_DIR)).display()
        )
    })?;
    let heading = Heading::read(&latest.path, &latest.shown).map_err(|err| {
        anyhow!("{err}\n\nbulletin new continues from the latest issue: correct it first")
    })?;
    if heading.total != i64::from(latest.total) {
        return Err(anyhow!(
            "{}: the latest issue file says total = {}, but its name says {}: correct one of \
             them (bulletin check {} tells more), then run bulletin new again",
            latest.shown.display(),
            heading.total,
            latest.total,
            latest.total
        ));
    }
    let next = next_issue(
        &heading,
        args.date,
        publication.config.publication.cadence_days,
    )?;

    let relative = PathBuf::from(ISSUES_DIR).join(format!("{}.toml", next.total));
    let shown = publication.shown(&relative);
    output::create(
        &publication.config.root.join(&relative),
        &shown,
        next.text.as_bytes(),
    )?;
    eprintln!(
        "started {}年第{}期（总第{}期）, dated {}: fill in the articles, then run bulletin check {}",
        next.year,
        next.number,
        next.total,
        iso(next.date),
        next.total
    );
    println!("{}", shown.display());
    Ok(())
}
