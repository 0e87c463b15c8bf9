//! `bulletin new`: the next issue, numbered and dated, ready to fill (the
//! work is `bulletin::publication::next_issue::start`).

use std::path::Path;

use bulletin::input::issue::Date;
use bulletin::input::series::iso;
use bulletin::publication::next_issue;
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
    let publication = super::open_publication(dir, None)?;
    let started = next_issue::start(&publication, args.date)?;
    let next = &started.next;
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
    println!("{}", started.shown.display());
    Ok(())
}
