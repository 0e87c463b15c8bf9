//! `bulletin new`: the next issue, numbered and dated, ready to fill.

use std::path::{Path, PathBuf};

use anyhow::anyhow;

use bulletin::issue::Date;
use bulletin::next_issue::{self, next_issue};
use bulletin::output;
use bulletin::publication::{ISSUES_DIR, Publication};
use bulletin::series::{Heading, iso};
use bulletin::t;

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
        anyhow!(t!(
            "cmd-new-no-issue",
            folder = publication.shown(Path::new(ISSUES_DIR)).display()
        ))
    })?;
    let heading = Heading::read(&latest.path, &latest.shown)
        .map_err(|err| anyhow!("{err}\n\n{}", t!("cmd-new-latest-broken")))?;
    if heading.total != i64::from(latest.total) {
        return Err(anyhow!(t!(
            "cmd-new-total-not-name",
            file = latest.shown.display(),
            total = heading.total,
            name = latest.total
        )));
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
        "{}",
        t!(
            "cmd-new-started",
            year = next.year,
            number = next.number,
            total = next.total,
            date = iso(next.date)
        )
    );
    println!("{}", shown.display());
    Ok(())
}
