use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    // Whatever goes wrong inside, the user sees a sentence, not a backtrace.
    // Files are only ever replaced whole, so none was left damaged.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: bulletin stopped on an internal error (a bug, not a mistake in your files): {info}\n\
             No file was left half-written. Please report this together with the issue file."
        );
    }));
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", cli::error_text(&err));
            ExitCode::FAILURE
        }
    }
}
