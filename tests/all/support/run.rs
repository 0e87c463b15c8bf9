//! The `bulletin` binary, run to its end (or measured while it runs), and
//! what it printed.

use std::path::Path;
use std::process::{Command, ExitStatus, Output};

/// A command that can be run to its end: the standard library's, or
/// assert_cmd's.
pub trait Runs {
    fn run(&mut self) -> Output;
}

impl Runs for Command {
    fn run(&mut self) -> Output {
        self.output().expect("bulletin runs")
    }
}

impl Runs for assert_cmd::Command {
    fn run(&mut self) -> Output {
        self.output().expect("bulletin runs")
    }
}

/// One finished run of the `bulletin` binary.
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Finished {
    fn from(output: Output) -> Self {
        Self {
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Finished {
    pub fn of(command: &mut impl Runs) -> Self {
        command.run().into()
    }

    /// The status and both streams, for a failed assertion's message.
    pub fn show(&self) -> String {
        format!(
            "status: {}\n--- stdout:\n{}--- stderr:\n{}",
            self.status, self.stdout, self.stderr
        )
    }

    /// It ended on its own, and not by a panic: no exit status 101, none of
    /// a panic's words on stderr.
    pub fn no_panic(&self) {
        assert!(
            self.status.code().is_some(),
            "exits, not killed:\n{}",
            self.show()
        );
        assert_ne!(self.status.code(), Some(101), "a panic:\n{}", self.show());
        for sign in ["panicked", "RUST_BACKTRACE", "internal error"] {
            assert!(
                !self.stderr.contains(sign),
                "a panic ({sign:?}):\n{}",
                self.show()
            );
        }
    }

    /// [`Finished::no_panic`], passing the run on.
    pub fn not_panicked(self) -> Self {
        self.no_panic();
        self
    }

    /// It succeeded, and not by a panic's luck.
    pub fn succeeded(self) -> Self {
        assert!(self.status.success(), "succeeds:\n{}", self.show());
        self.no_panic();
        self
    }

    /// A failure the program reports (not a panic), with an error message.
    pub fn failed(self) -> Self {
        assert!(!self.status.success(), "fails:\n{}", self.show());
        self.no_panic();
        assert!(
            self.stderr.lines().any(|l| l.starts_with("error: ")),
            "an error is printed:\n{}",
            self.show()
        );
        self
    }

    /// Nothing was written: no `wrote …` line.
    pub fn wrote_nothing(self) -> Self {
        assert!(
            !self.stdout.contains("wrote"),
            "nothing is written:\n{}",
            self.stdout
        );
        self
    }

    /// The page count of `wrote out/74.pdf (9 pages, 0.4 MB) in 0.13 s`.
    pub fn pages(&self) -> usize {
        self.stdout
            .split_once(" (")
            .and_then(|(_, rest)| rest.split(' ').next())
            .and_then(|count| count.parse().ok())
            .unwrap_or_else(|| panic!("a page count in {:?}", self.stdout))
    }
}

/// The `bulletin` binary, speaking English whatever the machine's locale
/// (the tests read its English messages; the `lang` tests read the Chinese).
pub fn bulletin() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("bulletin").unwrap();
    command.env("BULLETIN_LANG", "en");
    command
}

/// [`bulletin`] as a plain process, for tests that read its output as it
/// comes or end it themselves.
pub fn bulletin_process() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"));
    command.env("BULLETIN_LANG", "en");
    command
}

/// `bulletin -C <root>`, as a plain process.
pub fn bulletin_c(root: &Path) -> Command {
    let mut command = bulletin_process();
    command.arg("-C").arg(root);
    command
}

/// `bulletin` with the language given by nothing but `vars` (the locale's
/// variables, BULLETIN_LANG): every variable that could choose is cleared
/// first.
pub fn bulletin_with_env(vars: &[(&str, &str)]) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("bulletin").unwrap();
    for name in ["BULLETIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    for (name, value) in vars {
        command.env(name, value);
    }
    command
}

/// Runs `command` to its end, at most `limit` long (then it is killed and
/// the test fails: something hangs), and returns what it printed with its
/// cost: wall time in seconds and peak memory in MiB.
///
/// The peak is the child's own high-water mark (`VmHWM` of
/// /proc/<pid>/status), read every few milliseconds while it runs: its
/// `ru_maxrss` would count the test process too, whose memory a spawned
/// child starts from before it becomes `bulletin`.
#[cfg(target_os = "linux")]
pub fn run_measured(command: &mut Command, limit: std::time::Duration) -> (Finished, f64, f64) {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Both streams are drained as they come: a full pipe would stall the child.
    let drain = |mut stream: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            stream.read_to_end(&mut bytes).ok();
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        // Read before asking whether it ended: the last reading is then at
        // most a few milliseconds before its end.
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| {
                    rest.trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<u64>()
                        .ok()
                })
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("still running after {limit:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let seconds = started.elapsed().as_secs_f64();
    let finished = Finished {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (finished, seconds, peak_kib as f64 / 1024.0)
}
