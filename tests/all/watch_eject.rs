//! `bulletin watch` and `bulletin eject` as an editor and a designer meet
//! them: the real binary on temporary copies of the publication.
//!
//! `watch` runs in the background while the tests save files and read what
//! it prints; it is always killed at the end, even when an assertion fails.
//! No test asserts how long anything takes: the waits are only limits.
//!
//! `eject` claims that the Typst command-line tool makes the same pages from
//! the ejected folder. There is no Typst CLI here, so the claim is checked
//! with the Typst crates and a world that does what the CLI does with the
//! printed command: the folder of `main.typ` is the project root, files are
//! read from it, and fonts come only from the `--font-path` folders, each
//! known by the names it gives itself.

use crate::support;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use support::{ISSUE_74, Page, TempPublication, names};

/// The longest any wait lasts before the test gives up.
const PATIENCE: Duration = Duration::from_secs(30);

/// Time for the watcher to watch again after a build before the next save
/// (it starts watching only after printing the build's line).
const SETTLE: Duration = Duration::from_millis(400);

const TITLE: &str = "title = \"市科协召开主题教育学习研讨专题会\"";
/// The second article's title, changed by one character.
const RETITLED: &str = "title = \"市科协召开主题教育学习研讨专题会议\"";
const DATE: &str = "date = 2023-08-11";
const BROKEN_DATE: &str = "date = 2023-08-1x";

// ---------------------------------------------------------------------------
// Runs of the binary.

/// One finished run of the binary.
type Run = support::Finished;

/// The PDF that `bulletin build 74` makes of the publication as it is now,
/// written outside it (so that nothing in the publication changes).
fn fresh_build(publication: &TempPublication) -> Vec<u8> {
    let elsewhere = tempfile::tempdir().unwrap();
    let pdf = elsewhere.path().join("74.pdf");
    Run::of(publication.bulletin().args(["build", "74", "-o"]).arg(&pdf)).succeeded();
    fs::read(&pdf).unwrap()
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// No temporary file of a PDF being written is left in `out/`.
fn no_temporary_files(publication: &TempPublication) {
    let left: Vec<String> = names(&publication.path("out"))
        .into_iter()
        .filter(|name| name.starts_with(".bulletin-") || name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left in out/: {left:?}");
}

fn is_whole_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF")
}

// ---------------------------------------------------------------------------
// `bulletin watch 74` in the background.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

/// A running `bulletin -C <publication> watch 74` and every line it has
/// printed so far. Dropping it kills the process.
struct Watch {
    child: Child,
    lines: Receiver<(Stream, String)>,
    seen: Vec<(Stream, String)>,
}

impl Watch {
    fn start(publication: &TempPublication) -> Self {
        Self::start_with(publication, &[])
    }

    /// `bulletin watch 74 <more>`.
    fn start_with(publication: &TempPublication, more: &[&str]) -> Self {
        Self::start_in(publication.root(), more)
    }

    /// `bulletin -C <folder> watch 74 <more>`.
    fn start_in(folder: &Path, more: &[&str]) -> Self {
        let mut child = support::bulletin_c(folder)
            .args(["watch", "74"])
            .args(more)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bulletin watch starts");
        let (sender, lines) = mpsc::channel();
        let streams: [(Stream, Box<dyn Read + Send>); 2] = [
            (Stream::Stdout, Box::new(child.stdout.take().unwrap())),
            (Stream::Stderr, Box::new(child.stderr.take().unwrap())),
        ];
        for (stream, reader) in streams {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(reader).lines() {
                    let Ok(line) = line else { break };
                    if sender.send((stream, line)).is_err() {
                        break;
                    }
                }
            });
        }
        Self {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// `watch 74` on `publication` once its first build is written: the
    /// watch, the PDF's path and the PDF.
    fn first_build(publication: &TempPublication) -> (Self, PathBuf, Vec<u8>) {
        let pdf = publication.path("out/74.pdf");
        let mut watch = Self::start(publication);
        watch.wrote(0, "`wrote` line for the first build");
        let first = read(&pdf);
        (watch, pdf, first)
    }

    /// Gives the watcher time to watch again after its last build (it
    /// starts only after printing the build's line), then marks what was
    /// printed so far.
    fn settled(&self) -> usize {
        std::thread::sleep(SETTLE);
        self.mark()
    }

    /// A mark in what was printed: later waits look only at lines after it.
    fn mark(&self) -> usize {
        self.seen.len()
    }

    /// Everything printed so far, for messages.
    fn transcript(&self) -> String {
        self.seen
            .iter()
            .map(|(stream, line)| format!("  {stream:?}: {line}\n"))
            .collect()
    }

    /// Waits for a line after `since` that `wanted` accepts (one already
    /// received, or the next ones) and returns its place.
    fn wait_for(
        &mut self,
        since: usize,
        what: &str,
        wanted: impl Fn(Stream, &str) -> bool,
    ) -> usize {
        if let Some(at) = (since..self.seen.len()).find(|&i| {
            let (stream, line) = &self.seen[i];
            wanted(*stream, line)
        }) {
            return at;
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok((stream, line)) => {
                    let hit = wanted(stream, &line);
                    self.seen.push((stream, line));
                    if hit {
                        return self.seen.len() - 1;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "bulletin watch printed no {what} within {PATIENCE:?}; it printed:\n{}",
                    self.transcript()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "bulletin watch ended ({:?}) without printing {what}; it printed:\n{}",
                    self.child.try_wait(),
                    self.transcript()
                ),
            }
        }
    }

    /// Waits for the next `[hh:mm:ss] wrote out/74.pdf (9 pages) in 0.12 s`
    /// after `since`, and returns the line.
    fn wrote(&mut self, since: usize, what: &str) -> String {
        let at = self.wait_for(since, what, |stream, line| {
            stream == Stream::Stdout && line.contains("wrote")
        });
        let line = self.seen[at].1.clone();
        assert!(
            line.contains("74.pdf") && line.contains("pages"),
            "the line names the PDF and its pages: {line:?}"
        );
        line
    }

    /// Takes in what is printed during `how_long` (to check that nothing
    /// more comes).
    fn listen(&mut self, how_long: Duration) {
        let deadline = Instant::now() + how_long;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => break,
            }
        }
    }

    /// The lines after `since`.
    fn since(&self, since: usize) -> impl Iterator<Item = &(Stream, String)> {
        self.seen[since..].iter()
    }

    /// The process is still running.
    fn running(&mut self) {
        let status = self.child.try_wait().unwrap();
        assert!(
            status.is_none(),
            "bulletin watch goes on, but ended with {status:?}; it printed:\n{}",
            self.transcript()
        );
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the process to end.
    fn interrupt(&mut self) -> ExitStatus {
        let sent = Command::new("kill")
            .arg("-INT")
            .arg(self.child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -INT succeeds: {sent}");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "bulletin watch ends on Ctrl-C within {PATIENCE:?}; it printed:\n{}",
                self.transcript()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Nothing printed looks like a panic.
    fn no_panic(&self) {
        assert!(
            !self
                .seen
                .iter()
                .any(|(_, line)| line.contains("panicked") || line.contains("RUST_BACKTRACE")),
            "no panic:\n{}",
            self.transcript()
        );
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        // Also when an assertion failed: never leave the process behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------
// Tests of `watch`.

#[test]
fn watch_rebuilds_on_every_save_and_survives_a_broken_one() {
    let publication = TempPublication::new();
    let (mut watch, pdf, first) = Watch::first_build(&publication);
    assert!(is_whole_pdf(&first), "out/74.pdf is a PDF");
    assert_eq!(
        first,
        fresh_build(&publication),
        "the first build is `build`'s PDF"
    );

    // An edit: a new PDF, the same as a fresh build of the edited issue
    // (recompiling in the same world changes nothing but what was edited).
    retitle_and_wait(&mut watch, &publication);
    let edited = read(&pdf);
    assert_ne!(edited, first, "the PDF changes with the title");
    assert_eq!(
        edited,
        fresh_build(&publication),
        "the rebuild is `build`'s PDF"
    );

    // A broken edit: located, the PDF stays, watching goes on.
    let mark = watch.settled();
    publication.edit(ISSUE_74, DATE, BROKEN_DATE);
    let error = watch.wait_for(
        mark,
        "error naming issues/74.toml:LINE:COL",
        |stream, line| {
            stream == Stream::Stderr
                && line.starts_with("error: ")
                && line.contains("issues/74.toml:")
        },
    );
    let error = watch.seen[error].1.clone();
    let location = error
        .split_once("issues/74.toml:")
        .map(|(_, rest)| rest.splitn(3, ':').take(2).collect::<Vec<_>>())
        .unwrap();
    assert_eq!(location[0], "6", "the date is on line 6: {error:?}");
    assert!(
        location[1]
            .parse::<usize>()
            .is_ok_and(|column| (1..=BROKEN_DATE.len()).contains(&column)),
        "a column on the date's line: {error:?}"
    );
    // The line that says the build is over (and the PDF unchanged).
    watch.wait_for(mark, "line saying the PDF is not built", |stream, line| {
        stream == Stream::Stdout && line.contains("not built")
    });
    assert!(
        !watch.since(mark).any(|(_, line)| line.contains("wrote")),
        "nothing is written for a broken issue:\n{}",
        watch.transcript()
    );
    watch.running();
    assert!(read(&pdf) == edited, "out/74.pdf keeps the last good PDF");
    no_temporary_files(&publication);

    // Fixed: built again, the same PDF as before the broken edit.
    let mark = watch.settled();
    publication.edit(ISSUE_74, BROKEN_DATE, DATE);
    watch.wrote(mark, "`wrote` line after the date was fixed");
    assert!(
        read(&pdf) == edited,
        "the same issue gives the same PDF again"
    );
    watch.running();
    watch.no_panic();
}

#[test]
fn watch_rebuilds_when_bulletin_toml_changes() {
    let publication = TempPublication::new();
    let (mut watch, pdf, first) = Watch::first_build(&publication);

    let edited = rebuilt_after(
        &mut watch,
        &publication,
        "`wrote` line after bulletin.toml was edited",
        || {
            publication.edit(
                "bulletin.toml",
                "publisher = \"北京市科协办公室\"",
                "publisher = \"北京市科学技术协会办公室\"",
            );
        },
    );
    assert_ne!(edited, first, "the PDF changes with the publisher");

    // A broken bulletin.toml is reported like a broken issue.
    let mark = watch.settled();
    publication.edit("bulletin.toml", "[footer]", "[footer");
    watch.wait_for(mark, "error naming bulletin.toml", |stream, line| {
        stream == Stream::Stderr && line.starts_with("error: ") && line.contains("bulletin.toml:")
    });
    watch.wait_for(mark, "line saying the PDF is not built", |stream, line| {
        stream == Stream::Stdout && line.contains("not built")
    });
    watch.running();
    assert!(read(&pdf) == edited, "out/74.pdf keeps the last good PDF");

    let mark = watch.settled();
    publication.edit("bulletin.toml", "[footer", "[footer]");
    watch.wrote(mark, "`wrote` line after bulletin.toml was fixed");
    assert!(
        read(&pdf) == edited,
        "the same input gives the same PDF again"
    );
    watch.no_panic();
}

#[test]
fn watch_rebuilds_when_the_publications_own_layout_changes() {
    let publication = TempPublication::new();
    use_own_layout(&publication);
    let (mut watch, _, first) = Watch::first_build(&publication);

    let edited = rebuilt_after(
        &mut watch,
        &publication,
        "`wrote` line after the layout was edited",
        || {
            publication.edit(CUSTOM_LAYOUT, "[【#it.body】]", "[〖#it.body〗]");
        },
    );
    assert_ne!(edited, first, "the PDF changes with the layout");
    watch.no_panic();
}

/// Once the last build has settled, makes `change` and waits for the
/// rebuild (`what`: its line, for messages); returns the new PDF, checked to
/// be what `build` makes of the changed files.
fn rebuilt_after(
    watch: &mut Watch,
    publication: &TempPublication,
    what: &str,
    change: impl FnOnce(),
) -> Vec<u8> {
    let mark = watch.settled();
    change();
    watch.wrote(mark, what);
    let pdf = read(&publication.path("out/74.pdf"));
    assert_eq!(
        pdf,
        fresh_build(publication),
        "the rebuild is `build`'s PDF"
    );
    pdf
}

/// Once the last build has settled, changes the second article's title and
/// waits for the rebuild; returns the mark from before the edit.
fn retitle_and_wait(watch: &mut Watch, publication: &TempPublication) -> usize {
    let mark = watch.settled();
    publication.edit(ISSUE_74, TITLE, RETITLED);
    watch.wrote(mark, "`wrote` line after the title was edited");
    mark
}

/// With `--timings`, every build says how long each of its stages took.
#[test]
fn watch_with_timings_times_every_build() {
    let publication = TempPublication::new();
    let mut watch = Watch::start_with(&publication, &["--timings"]);
    // Printed on stderr before `wrote` on stdout; the two arrive in either
    // order.
    let timings = |watch: &mut Watch, since: usize| {
        let at = watch.wait_for(since, "`time:` line", |stream, line| {
            stream == Stream::Stderr && line.starts_with("time: ")
        });
        watch.seen[at].1.clone()
    };
    watch.wrote(0, "`wrote` line for the first build");
    let first = timings(&mut watch, 0);
    let mark = retitle_and_wait(&mut watch, &publication);
    let rebuild = timings(&mut watch, mark);
    for line in [first, rebuild] {
        for stage in ["read and check ", "layout ", "PDF ", "write ", "; total "] {
            assert!(line.contains(stage), "{line}");
        }
    }
    watch.interrupt();
}

/// Saves `file` of the publication as many editors do: the new text goes to
/// a new file, which then replaces the old one (a new inode).
fn save_by_replacing(publication: &TempPublication, file: &str, from: &str, to: &str) {
    let path = publication.path(file);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} occurs once in {file}"
    );
    let new = path.with_extension("toml.new");
    fs::write(&new, text.replacen(from, to, 1)).unwrap();
    fs::rename(&new, &path).unwrap();
}

#[test]
fn watch_follows_saves_that_replace_the_file() {
    let publication = TempPublication::new();
    let (mut watch, pdf, first) = Watch::first_build(&publication);

    // Twice: the second save replaces a file that the first one replaced.
    let second_title = RETITLED;
    let mark = watch.settled();
    save_by_replacing(&publication, ISSUE_74, TITLE, second_title);
    watch.wrote(mark, "`wrote` line after the issue was replaced");
    let edited = read(&pdf);
    assert_ne!(edited, first, "the PDF changes with the title");

    let mark = watch.settled();
    save_by_replacing(&publication, ISSUE_74, second_title, TITLE);
    watch.wrote(mark, "`wrote` line after the issue was replaced again");
    assert!(
        read(&pdf) == first,
        "the first title gives the first PDF again"
    );
    watch.no_panic();
}

/// After a save and its rebuild, nothing more is built or reported for a
/// while: one save, one build.
fn only_one_build(watch: &mut Watch, mark: usize, what: &str) {
    watch.listen(SETTLE);
    let built: Vec<&String> = watch
        .since(mark)
        .filter(|(_, line)| line.contains("wrote") || line.contains("not built"))
        .map(|(_, line)| line)
        .collect();
    assert_eq!(
        built.len(),
        1,
        "one build for {what}; it printed:\n{}",
        watch.transcript()
    );
    assert!(
        !watch.since(mark).any(|(_, line)| line.starts_with("error")),
        "no error for {what}; it printed:\n{}",
        watch.transcript()
    );
}

#[test]
fn watch_ignores_other_files_in_the_watched_folders() {
    let publication = TempPublication::new();
    let (mut watch, ..) = Watch::first_build(&publication);
    // Another issue, an editor's swap file, a note beside bulletin.toml.
    let mark = watch.settled();
    fs::write(publication.path("issues/75.toml"), "# next week\n").unwrap();
    fs::write(publication.path("issues/.74.toml.swp"), "swap").unwrap();
    fs::write(publication.path("notes.txt"), "to do").unwrap();
    fs::remove_file(publication.path("issues/.74.toml.swp")).unwrap();
    watch.listen(SETTLE);
    assert!(
        watch.since(mark).next().is_none(),
        "nothing is built for files the issue does not use; it printed:\n{}",
        watch.transcript()
    );

    // The issue itself still is.
    let mark = watch.mark();
    publication.edit(ISSUE_74, TITLE, RETITLED);
    watch.wrote(mark, "`wrote` line after the issue was edited");
    only_one_build(&mut watch, mark, "one save");
    watch.no_panic();
}

#[test]
fn watch_waits_for_a_save_written_in_pieces() {
    // A slow writer: half the file, a pause with the file open, the rest.
    // The build reads the whole file, once.
    let publication = TempPublication::new();
    let (mut watch, pdf, first) = Watch::first_build(&publication);
    let mark = watch.settled();
    let path = publication.path(ISSUE_74);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen(TITLE, RETITLED, 1);
    let bytes = text.as_bytes();
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(&bytes[..bytes.len() / 2]).unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(40));
    file.write_all(&bytes[bytes.len() / 2..]).unwrap();
    drop(file);
    watch.wrote(mark, "`wrote` line after the slow save");
    only_one_build(&mut watch, mark, "a save written in two pieces");
    let edited = read(&pdf);
    assert_ne!(edited, first, "the PDF changes with the title");
    assert_eq!(edited, fresh_build(&publication), "the whole file was read");
    watch.no_panic();
}

#[test]
fn watch_waits_for_a_file_removed_and_written_again() {
    // Some editors remove the file, then write the new one: no "cannot
    // read" error in between.
    let publication = TempPublication::new();
    let (mut watch, ..) = Watch::first_build(&publication);
    let mark = watch.settled();
    let path = publication.path(ISSUE_74);
    let text = fs::read_to_string(&path).unwrap();
    fs::remove_file(&path).unwrap();
    std::thread::sleep(Duration::from_millis(150));
    fs::write(&path, text.replacen(TITLE, RETITLED, 1)).unwrap();
    watch.wrote(mark, "`wrote` line after the issue was written again");
    only_one_build(&mut watch, mark, "a removed and rewritten issue");

    // Removed for good: reported, and built again once it is back.
    let mark = watch.settled();
    fs::remove_file(&path).unwrap();
    watch.wait_for(mark, "error naming the missing issue", |stream, line| {
        stream == Stream::Stderr && line.starts_with("error: ") && line.contains("74.toml")
    });
    watch.wait_for(mark, "line saying the PDF is not built", |stream, line| {
        stream == Stream::Stdout && line.contains("not built")
    });
    let mark = watch.settled();
    fs::write(&path, text).unwrap();
    watch.wrote(mark, "`wrote` line once the issue is back");
    watch.no_panic();
}

/// A plain picture of one colour at `relative` in the publication.
fn picture(publication: &TempPublication, relative: &str, shade: u8) {
    let path = publication.path(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_pixel(300, 200, image::Rgb([shade, 90, 90]))
        .save(&path)
        .unwrap();
}

#[test]
fn watch_rebuilds_when_a_picture_changes_appears_or_comes_back() {
    let publication = TempPublication::new();
    picture(&publication, "logo.png", 20);
    publication.append(ISSUE_74, "\n[[articles.images]]\npath = \"logo.png\"\n");
    let pdf = publication.path("out/74.pdf");
    // Started through a link to the publication, and with `..`: each
    // folder is still watched once, under its real name.
    let elsewhere = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    let folder = {
        std::os::unix::fs::symlink(publication.root(), elsewhere.path().join("link")).unwrap();
        fs::create_dir(elsewhere.path().join("other")).unwrap();
        elsewhere.path().join("other/../link")
    };
    #[cfg(not(unix))]
    let folder = publication.root().to_path_buf();
    let mut watch = Watch::start_in(&folder, &[]);
    watch.wrote(0, "`wrote` line for the first build");
    let first = read(&pdf);

    // The picture changes.
    let changed = rebuilt_after(
        &mut watch,
        &publication,
        "`wrote` line after the picture changed",
        || {
            picture(&publication, "logo.png", 200);
        },
    );
    assert_ne!(changed, first, "the PDF shows the new picture");

    // A picture in a folder that does not exist yet: the error asks for
    // it, and putting it there builds.
    let mark = watch.settled();
    publication.edit(
        ISSUE_74,
        "path = \"logo.png\"",
        "path = \"images/76/new.png\"",
    );
    watch.wait_for(mark, "error naming the missing picture", |stream, line| {
        stream == Stream::Stderr && line.contains("images/76/new.png")
    });
    watch.wait_for(mark, "line saying the PDF is not built", |stream, line| {
        stream == Stream::Stdout && line.contains("not built")
    });
    let mark = watch.settled();
    picture(&publication, "images/76/new.png", 120);
    watch.wrote(mark, "`wrote` line once the picture is there");

    // Its folder deleted and made again with another picture.
    std::thread::sleep(SETTLE);
    let before = read(&pdf);
    fs::remove_dir_all(publication.path("images")).unwrap();
    std::thread::sleep(SETTLE);
    picture(&publication, "images/76/new.png", 240);
    let mut rebuilt = read(&pdf);
    let deadline = Instant::now() + PATIENCE;
    while rebuilt == before || !is_whole_pdf(&rebuilt) {
        assert!(
            Instant::now() < deadline,
            "the PDF shows the picture in the folder made again; it printed:\n{}",
            watch.transcript()
        );
        std::thread::sleep(Duration::from_millis(100));
        rebuilt = read(&pdf);
    }
    std::thread::sleep(SETTLE);
    assert_eq!(
        read(&pdf),
        fresh_build(&publication),
        "the rebuild is `build`'s PDF"
    );
    watch.running();
    watch.no_panic();
}

#[test]
fn watch_ends_cleanly_on_ctrl_c() {
    let publication = TempPublication::new();
    let (mut watch, ..) = Watch::first_build(&publication);
    let built = read(&publication.path("out/74.pdf"));
    let mark = watch.settled();
    let status = watch.interrupt();
    assert_eq!(
        status.code(),
        Some(0),
        "Ctrl-C ends watching with status 0: {status}; it printed:\n{}",
        watch.transcript()
    );
    watch.wait_for(mark, "`stopped watching`", |stream, line| {
        stream == Stream::Stderr && line.contains("stopped watching")
    });
    assert!(
        read(&publication.path("out/74.pdf")) == built,
        "the PDF stays"
    );
    no_temporary_files(&publication);
    watch.no_panic();
}

#[test]
fn ctrl_c_during_a_rebuild_leaves_a_whole_pdf() {
    // Wherever the interrupt falls (before, during or after the rebuild the
    // save starts), out/74.pdf is a whole PDF and nothing is left beside it.
    let publication = TempPublication::new();
    let (mut watch, ..) = Watch::first_build(&publication);
    let mark = watch.settled();
    publication.edit(ISSUE_74, TITLE, RETITLED);
    std::thread::sleep(Duration::from_millis(150));
    let status = watch.interrupt();
    assert_eq!(
        status.code(),
        Some(0),
        "Ctrl-C ends watching with status 0: {status}; it printed:\n{}",
        watch.transcript()
    );
    watch.wait_for(mark, "`stopped watching`", |stream, line| {
        stream == Stream::Stderr && line.contains("stopped watching")
    });
    assert!(
        is_whole_pdf(&read(&publication.path("out/74.pdf"))),
        "out/74.pdf is a whole PDF"
    );
    no_temporary_files(&publication);
    watch.no_panic();
}

// ---------------------------------------------------------------------------
// `bulletin eject 74 DIR`.

const CUSTOM_LAYOUT: &str = "layouts/custom.typ";

fn eject(publication: &TempPublication, folder: &Path, more: &[&str]) -> Run {
    Run::of(
        publication
            .bulletin()
            .args(["eject", "74"])
            .arg(folder)
            .args(more),
    )
}

/// The command `eject` prints for `folder`.
fn expected_command(folder: &Path) -> String {
    format!(
        "typst compile --font-path {} --ignore-system-fonts --ignore-embedded-fonts {}",
        folder.join("fonts").display(),
        folder.join("main.typ").display()
    )
}

/// Sets `[layout] file` in the publication's bulletin.toml: in its
/// `[layout]` table if it has one, else in a new one.
fn set_layout_file(publication: &TempPublication, file: &str) {
    let path = publication.path("bulletin.toml");
    let text = fs::read_to_string(&path).unwrap();
    let setting = format!("file = \"{file}\"\n");
    let text = match text.find("\n[layout]\n") {
        Some(at) => {
            let after = at + "\n[layout]\n".len();
            format!("{}{setting}{}", &text[..after], &text[after..])
        }
        None => format!("{text}\n[layout]\n{setting}"),
    };
    fs::write(&path, text).unwrap();
}

/// Ejects issue 74 and makes its main.typ the publication's own layout,
/// layouts/custom.typ.
fn use_own_layout(publication: &TempPublication) {
    let ejected = tempfile::tempdir().unwrap();
    let folder = ejected.path().join("ejected");
    eject(publication, &folder, &[]).succeeded();
    fs::create_dir_all(publication.path("layouts")).unwrap();
    fs::copy(folder.join("main.typ"), publication.path(CUSTOM_LAYOUT)).unwrap();
    set_layout_file(publication, CUSTOM_LAYOUT);
}

/// The two documents have the same pages: the same size, the same runs of
/// text in the same order, each in the same face and size at the same place,
/// and the same rules.
fn assert_same_pages(expected: &[Page], actual: &[Page], what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: the page count");
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    for (n, (e, a)) in expected.iter().zip(actual).enumerate() {
        let page = n + 1;
        assert!(
            near(e.width, a.width) && near(e.height, a.height),
            "{what}: page {page} is {}×{} pt, not {}×{} pt",
            a.width,
            a.height,
            e.width,
            e.height
        );
        let runs = |p: &Page| {
            p.runs
                .iter()
                .map(|r| (r.face.clone(), r.text.clone()))
                .collect::<Vec<_>>()
        };
        let (want, got) = (runs(e), runs(a));
        if want != got {
            let at = want
                .iter()
                .zip(&got)
                .position(|(w, g)| w != g)
                .unwrap_or(want.len().min(got.len()));
            panic!(
                "{what}: page {page} differs from run {at} on (it has {} runs, expected {}):\n  expected {:?}\n  got      {:?}",
                got.len(),
                want.len(),
                &want[at..want.len().min(at + 3)],
                &got[at..got.len().min(at + 3)]
            );
        }
        for (re, ra) in e.runs.iter().zip(&a.runs) {
            assert!(
                near(re.x, ra.x) && near(re.y, ra.y) && near(re.size, ra.size),
                "{what}: on page {page}, {:?} stands at ({:.2}, {:.2}) in {:.2} pt, not at ({:.2}, {:.2}) in {:.2} pt",
                ra.text,
                ra.x,
                ra.y,
                ra.size,
                re.x,
                re.y,
                re.size
            );
        }
        assert_eq!(
            a.rules.len(),
            e.rules.len(),
            "{what}: the rules on page {page}"
        );
    }
}

#[test]
fn ejected_folder_compiles_with_the_typst_cli_command_to_the_same_pages() {
    let publication = TempPublication::new();
    let ejected = tempfile::tempdir().unwrap();
    let folder = ejected.path().join("ejected");
    let run = eject(&publication, &folder, &[]).succeeded();

    // The files.
    assert_eq!(
        read(&folder.join("main.typ")),
        read(&support::repo().join("layouts/bulletin.typ")),
        "main.typ is the embedded layout"
    );
    let data: serde_json::Value =
        serde_json::from_slice(&read(&folder.join("issue.json"))).expect("issue.json is JSON");
    assert!(data.is_object(), "issue.json holds the issue's data");
    let fonts: Vec<String> = names(&folder.join("fonts"))
        .into_iter()
        .filter(|name| name.ends_with(".otf") || name.ends_with(".ttf"))
        .collect();
    assert!(
        !fonts.is_empty(),
        "fonts/ holds the fonts: {:?}",
        names(&folder.join("fonts"))
    );

    // The command, printed alone on stdout.
    let printed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        printed,
        [expected_command(&folder)],
        "stdout is the typst command"
    );

    // What the Typst CLI would make of it.
    let cli = TypstCli::from_command(printed[0]);
    let document = cli.compile();
    assert_same_pages(
        &support::pages(support::issue_74()),
        &support::document_pages(&document),
        "the ejected folder compiled as the Typst CLI does",
    );
}

#[test]
fn eject_leaves_a_folder_that_is_not_empty_alone_without_force() {
    let publication = TempPublication::new();
    let folder = tempfile::tempdir().unwrap();
    let folder = folder.path();
    fs::write(folder.join("main.typ"), "// the designer's own\n").unwrap();
    fs::write(folder.join("notes.txt"), "keep me\n").unwrap();

    let run = eject(&publication, folder, &[]).failed();
    assert!(
        run.stderr.contains("--force"),
        "the message says how to go on anyway:\n{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("typst compile"),
        "no command is printed:\n{}",
        run.stdout
    );
    assert_eq!(names(folder), ["main.typ", "notes.txt"], "nothing is added");
    assert_eq!(read(&folder.join("main.typ")), b"// the designer's own\n");
    assert_eq!(read(&folder.join("notes.txt")), b"keep me\n");

    // With --force: written, and other files stay.
    let run = eject(&publication, folder, &["--force"]).succeeded();
    assert!(
        run.stdout.contains(&expected_command(folder)),
        "{}",
        run.stdout
    );
    assert_eq!(
        read(&folder.join("main.typ")),
        read(&support::repo().join("layouts/bulletin.typ")),
        "main.typ is replaced"
    );
    assert!(folder.join("issue.json").is_file(), "issue.json is written");
    assert!(folder.join("fonts").is_dir(), "fonts/ is written");
    assert_eq!(
        read(&folder.join("notes.txt")),
        b"keep me\n",
        "other files stay"
    );

    // Ejecting again with --force into what it wrote is fine too.
    eject(&publication, folder, &["--force"]).succeeded();
}

#[test]
fn eject_into_an_empty_folder_needs_no_force() {
    let publication = TempPublication::new();
    let folder = tempfile::tempdir().unwrap();
    eject(&publication, folder.path(), &[]).succeeded();
    assert!(folder.path().join("main.typ").is_file());
}

#[test]
fn eject_into_a_file_fails_and_leaves_it() {
    let publication = TempPublication::new();
    let file = publication.path("notes.txt");
    fs::write(&file, "keep me\n").unwrap();
    eject(&publication, &file, &[]).failed();
    eject(&publication, &file, &["--force"]).failed();
    assert_eq!(read(&file), b"keep me\n");
}

#[test]
fn ejected_layout_as_the_publications_own_builds_the_same_pages() {
    let publication = TempPublication::new();
    use_own_layout(&publication);
    let config = fs::read_to_string(publication.path("bulletin.toml")).unwrap();
    assert_eq!(
        config.matches("[layout]").count(),
        1,
        "one [layout] table:\n{config}"
    );

    let mut built = publication
        .build()
        .unwrap_or_else(|e| panic!("the issue builds with its own layout: {e}"));
    assert!(
        built
            .world
            .files_read()
            .iter()
            .any(|path| path.ends_with(CUSTOM_LAYOUT)),
        "the build read {CUSTOM_LAYOUT}: {:?}",
        built.world.files_read()
    );
    assert_same_pages(
        &support::pages(support::issue_74()),
        &support::pages(&built),
        "the ejected layout as layouts/custom.typ",
    );
    // And the binary takes it too.
    let elsewhere = tempfile::tempdir().unwrap();
    Run::of(
        publication
            .bulletin()
            .args(["build", "74", "-o"])
            .arg(elsewhere.path().join("74.pdf")),
    )
    .succeeded();
}

#[test]
fn eject_writes_the_publications_own_layout_and_what_it_reads() {
    // A layout of the publication's own in two files, with a logo of its
    // own: the part imported by a path relative to the layout, the logo by
    // a path from the publication's root.
    let publication = TempPublication::new();
    use_own_layout(&publication);
    picture(&publication, "layouts/logo.png", 30);
    fs::write(
        publication.path("layouts/parts.typ"),
        "#let logo = image(\"/layouts/logo.png\", width: 20mm)\n",
    )
    .unwrap();
    let own = fs::read_to_string(publication.path(CUSTOM_LAYOUT))
        .unwrap()
        .replacen(
            "#masthead\n",
            "#import \"parts.typ\": logo\n#align(center, logo)\n#masthead\n",
            1,
        );
    assert!(own.contains("#import"), "the layout ends with #masthead");
    let own = format!("// 本刊自己的版式\n{own}");
    fs::write(publication.path(CUSTOM_LAYOUT), &own).unwrap();
    let mut built = publication
        .build()
        .unwrap_or_else(|e| panic!("the issue builds with the two-file layout: {e}"));
    assert!(
        built
            .world
            .files_read()
            .iter()
            .any(|path| path.ends_with("layouts/logo.png")),
        "the layout prints its logo"
    );

    let ejected = tempfile::tempdir().unwrap();
    let folder = ejected.path().join("again");
    let run = eject(&publication, &folder, &[]).succeeded();
    assert_eq!(
        fs::read_to_string(folder.join(CUSTOM_LAYOUT)).unwrap(),
        own,
        "the layout is where it is in the publication"
    );
    for file in ["layouts/parts.typ", "layouts/logo.png"] {
        assert_eq!(
            read(&folder.join(file)),
            read(&publication.path(file)),
            "{file} is copied"
        );
    }
    let main = fs::read_to_string(folder.join("main.typ")).unwrap();
    assert!(
        main.contains("#include \"/layouts/custom.typ\""),
        "main.typ includes the layout:\n{main}"
    );
    assert!(
        run.stderr
            .contains(&folder.join(CUSTOM_LAYOUT).display().to_string()),
        "the message names the file to restyle:\n{}",
        run.stderr
    );

    // And the Typst CLI makes the same pages of it.
    let printed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        printed,
        [expected_command(&folder)],
        "stdout is the typst command"
    );
    let document = TypstCli::from_command(printed[0]).compile();
    assert_same_pages(
        &support::pages(&built),
        &support::document_pages(&document),
        "the ejected two-file layout compiled as the Typst CLI does",
    );
}

// ---------------------------------------------------------------------------
// A Typst world that does what `typst compile` does with the printed command.

mod typst_cli {
    use std::path::{Path, PathBuf};

    use ecow::eco_format;
    use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
    use typst::foundations::{Bytes, Datetime, Duration};
    use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
    use typst::text::{Font, FontBook};
    use typst::utils::LazyHash;
    use typst::{Library, LibraryExt, World};
    use typst_kit::files::{FileLoader, FileStore, FsRoot};
    use typst_layout::PagedDocument;

    /// `typst compile [--root DIR] [--font-path DIR]… --ignore-system-fonts
    /// INPUT [OUTPUT]`, read as the Typst CLI reads it.
    #[derive(Debug)]
    struct Arguments {
        root: Option<PathBuf>,
        font_paths: Vec<PathBuf>,
        ignore_system_fonts: bool,
        ignore_embedded_fonts: bool,
        input: PathBuf,
    }

    /// The words of a POSIX shell command line (plain words and
    /// single-quoted parts, which is what `eject` prints).
    fn shell_words(line: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word: Option<String> = None;
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '\'' => {
                    quoted = !quoted;
                    word.get_or_insert_with(String::new);
                }
                c if c.is_whitespace() && !quoted => words.extend(word.take()),
                c => word.get_or_insert_with(String::new).push(c),
            }
        }
        assert!(!quoted, "a quote is closed in {line:?}");
        words.extend(word);
        words
    }

    impl Arguments {
        fn parse(line: &str) -> Self {
            let words = shell_words(line);
            assert_eq!(
                words.get(..2),
                Some(&["typst".to_string(), "compile".to_string()][..]),
                "a `typst compile` command: {line:?}"
            );
            let mut root = None;
            let mut font_paths = Vec::new();
            let mut ignore_system_fonts = false;
            let mut ignore_embedded_fonts = false;
            let mut positional = Vec::new();
            let mut words = words.into_iter().skip(2);
            while let Some(word) = words.next() {
                let mut value = |name: &str| {
                    words
                        .next()
                        .unwrap_or_else(|| panic!("{name} has a value in {line:?}"))
                };
                match word.as_str() {
                    "--root" => root = Some(PathBuf::from(value("--root"))),
                    "--font-path" => font_paths.push(PathBuf::from(value("--font-path"))),
                    "--ignore-system-fonts" => ignore_system_fonts = true,
                    "--ignore-embedded-fonts" => ignore_embedded_fonts = true,
                    option if option.starts_with('-') => {
                        panic!("this test does not know the option {option} of {line:?}")
                    }
                    _ => positional.push(PathBuf::from(word)),
                }
            }
            assert!(
                (1..=2).contains(&positional.len()),
                "an input file (and an output file) in {line:?}"
            );
            Self {
                root,
                font_paths,
                ignore_system_fonts,
                ignore_embedded_fonts,
                input: positional.swap_remove(0),
            }
        }
    }

    /// Project files from the root folder, as the CLI reads them; no
    /// packages (the layout must not need any).
    struct ProjectFiles(FsRoot);

    impl FileLoader for ProjectFiles {
        fn load(&self, id: FileId) -> FileResult<Bytes> {
            match id.root() {
                VirtualRoot::Project => self.0.load(id.vpath()),
                VirtualRoot::Package(spec) => Err(FileError::Other(Some(eco_format!(
                    "the ejected layout asks for the package {spec}"
                )))),
            }
        }
    }

    pub struct TypstCli {
        /// Typst's standard library, without inputs or features, as the CLI
        /// has it with no `--input` or `--features`.
        library: LazyHash<Library>,
        book: LazyHash<FontBook>,
        fonts: Vec<Font>,
        files: FileStore<ProjectFiles>,
        main: FileId,
    }

    /// Font files, found as the CLI's font search finds them: recursively,
    /// by extension.
    fn font_files(dir: &Path, found: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("--font-path {}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                font_files(&path, found);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str())
            }) {
                found.push(path);
            }
        }
    }

    impl TypstCli {
        /// The world of the printed command line.
        pub fn from_command(line: &str) -> Self {
            let arguments = Arguments::parse(line);
            // A test must not depend on the fonts of the machine it runs on,
            // and the command promises it needs none.
            assert!(
                arguments.ignore_system_fonts,
                "the command ignores system fonts: {line:?}"
            );
            // With --ignore-embedded-fonts the CLI does not add the families
            // built into it (Libertinus Serif, New Computer Modern, DejaVu
            // Sans Mono), so the fonts below are all it has, as here.
            assert!(
                arguments.ignore_embedded_fonts,
                "the command ignores the Typst CLI's own fonts: {line:?}"
            );

            let input = arguments
                .input
                .canonicalize()
                .unwrap_or_else(|e| panic!("{}: {e}", arguments.input.display()));
            // Without --root, the input file's folder is the project root.
            let root = arguments
                .root
                .clone()
                .unwrap_or_else(|| input.parent().unwrap().to_path_buf())
                .canonicalize()
                .unwrap();
            let main = RootedPath::new(
                VirtualRoot::Project,
                VirtualPath::virtualize(&root, &input).expect("the input is inside the root"),
            )
            .intern();

            let mut files = Vec::new();
            for dir in &arguments.font_paths {
                font_files(dir, &mut files);
            }
            let fonts: Vec<Font> = files
                .iter()
                .flat_map(|path| Font::iter(Bytes::new(std::fs::read(path).unwrap())))
                .collect();
            assert!(
                !fonts.is_empty(),
                "the --font-path folders hold fonts: {line:?}"
            );

            Self {
                library: LazyHash::new(Library::builder().build()),
                book: LazyHash::new(FontBook::from_fonts(&fonts)),
                fonts,
                files: FileStore::new(ProjectFiles(FsRoot::new(root))),
                main,
            }
        }

        /// Compiles as `typst compile` does; errors and warnings (which the
        /// CLI would print, e.g. an unknown font family) fail the test.
        pub fn compile(&self) -> PagedDocument {
            let Warned { output, warnings } = typst::compile::<PagedDocument>(self);
            let document = output.unwrap_or_else(|errors| {
                panic!("the Typst CLI fails:\n{}", self.describe(&errors))
            });
            assert!(
                warnings.is_empty(),
                "the Typst CLI warns:\n{}",
                self.describe(&warnings)
            );
            document
        }

        fn describe(&self, diagnostics: &[SourceDiagnostic]) -> String {
            diagnostics
                .iter()
                .map(|d| {
                    let place = d
                        .span
                        .id()
                        .map(|id| format!("{}: ", id.vpath().get_without_slash()))
                        .unwrap_or_default();
                    let hints: String = d
                        .hints
                        .iter()
                        .map(|h| format!("\n    hint: {}", h.v))
                        .collect();
                    format!("  {place}{:?}: {}{hints}\n", d.severity, d.message)
                })
                .collect()
        }
    }

    impl World for TypstCli {
        fn library(&self) -> &LazyHash<Library> {
            &self.library
        }

        fn book(&self) -> &LazyHash<FontBook> {
            &self.book
        }

        fn main(&self) -> FileId {
            self.main
        }

        fn source(&self, id: FileId) -> FileResult<Source> {
            self.files.source(id)
        }

        fn file(&self, id: FileId) -> FileResult<Bytes> {
            self.files.file(id)
        }

        fn font(&self, index: usize) -> Option<Font> {
            self.fonts.get(index).cloned()
        }

        /// The CLI's date is the system's (the layout prints the issue's
        /// date, so it must not matter).
        fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
            let now = time::OffsetDateTime::now_utc();
            Datetime::from_ymd(now.year(), now.month() as u8, now.day())
        }
    }
}

use typst_cli::TypstCli;
