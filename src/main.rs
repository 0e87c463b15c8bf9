use std::process::ExitCode;

use bulletin::i18n;

mod cli;

fn main() -> ExitCode {
    // Whatever goes wrong inside, the user sees a sentence, not a backtrace.
    // Files are only ever replaced whole, so none was left damaged.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "{}{}",
            i18n::error_label(),
            bulletin::t!("internal-error", details = info.to_string())
        );
    }));
    let cli = cli::parse(std::env::args_os().collect());
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}{}", i18n::error_label(), cli::error_text(&err));
            ExitCode::FAILURE
        }
    }
}
