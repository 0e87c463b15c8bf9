//! `bulletin serve [ISSUE]`: the editors' desk in the browser (the desk
//! itself is `bulletin::desk`), until Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;

use bulletin::desk::{self, Desk, Options};
use bulletin::i18n;
use bulletin::publication::total_in_name;
use bulletin::t;

#[derive(clap::Args)]
pub struct Args {
    issue: Option<String>,

    #[arg(long, default_value_t = 8040, value_name = "N")]
    port: u16,

    #[arg(long)]
    open: bool,

    #[arg(long, value_name = "ADDR", conflicts_with = "port")]
    listen: Option<SocketAddr>,

    #[command(flatten)]
    fonts: super::args::FontArgs,
}

pub fn run(dir: Option<&Path>, args: Args) -> anyhow::Result<()> {
    let named = args.issue.as_deref().map(Path::new);
    let publication = super::open_publication(dir, named.filter(|p| p.is_file()))?;
    let page = match &args.issue {
        Some(issue) => {
            let (path, _) = publication.issue_file(issue)?;
            let total = total_in_name(&path).unwrap_or(0);
            format!("/issues/{total}")
        }
        None => "/".to_string(),
    };
    let desk = Desk::start(Options {
        root: publication.config.root.clone(),
        listen: args.listen,
        port: args.port,
        font_paths: args.fonts.font_paths,
    })?;

    // Ctrl-C ends it; a file being written is finished first.
    let (interrupted, interrupt) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = interrupted.send(());
    })
    .context(t!("desk-no-ctrl-c"))?;

    let here = desk.url(&page, None);
    println!("{}", t!("desk-serving", url = here.as_str()));
    if let Some(listen) = args.listen {
        let host = match desk::lan_address() {
            Some(ip) if listen.ip().is_unspecified() => ip.to_string(),
            _ if listen.ip().is_unspecified() => "127.0.0.1".to_string(),
            _ => listen.ip().to_string(),
        };
        let there = desk.url(&page, Some(&host));
        println!("{}", t!("desk-serving-network", url = there.as_str()));
    }
    eprintln!("{}", t!("desk-ctrl-c"));
    if args.open
        && let Err(error) = open_browser(&here)
    {
        eprintln!(
            "{}{}",
            i18n::warning_label(),
            t!(
                "desk-cannot-open-browser",
                error = i18n::io_error(&error),
                url = here.as_str()
            )
        );
    }
    let _ = interrupt.recv();
    desk.stop();
    eprintln!("{}", t!("desk-stopped"));
    Ok(())
}

/// Opens `url` in the system's default browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
