//! The benchmark script keeps working: `bench/compare.sh --smoke` runs every
//! command it times (eject, build, the generated issues one by one and with
//! `build --all`, `watch` with its edits) once, with this build's binary.
//! The timings themselves are for `bench/compare.sh` and `cargo bench`, not
//! for tests.

use std::process::Command;

#[test]
fn the_comparison_script_runs_every_command_it_times() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let output = Command::new("bash")
        .arg(format!("{repo}/bench/compare.sh"))
        .arg("--smoke")
        .env("BULLETIN", env!("CARGO_BIN_EXE_bulletin"))
        // Compared with itself only, whether or not a Typst CLI is installed.
        .env("TYPST", "")
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("smoke: build 74 and eject 74 ran"),
        "{stdout}"
    );
    assert!(
        stdout.contains("smoke: 4 generated issues built one by one and with build --all"),
        "{stdout}"
    );
    assert!(
        stdout.contains("smoke: 5 cold builds and 5 watch rebuilds timed"),
        "{stdout}"
    );
    assert!(
        stderr.contains("cargo install typst-cli --version 0.15.1 --locked"),
        "{stderr}"
    );
}
