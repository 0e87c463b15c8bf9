//! The desk's speed, end to end: `cargo bench --bench desk`.
//!
//! Starts the real `bulletin serve 74` on a copy of the publication and
//! plays an editor typing into one paragraph of issue 74: each edit is a
//! save request (`POST /api/issues/74/edit`), then the wait for the
//! `built` event that shows the saved version, then the download of every
//! page whose digest changed, as the desk's script does. Reported:
//!
//! - the server's own time from the save request to the new pages' SVG
//!   ready (`timings.since_request`), and its layout, check and SVG parts;
//! - the client's time from sending the save to the last changed page
//!   received;
//! - the bytes each edit costs on the wire (the save's answer, the events,
//!   the pages), and how many pages were drawn and sent;
//! - a burst of 50 saves sent back to back: how many builds they made,
//!   and how long after the last save its pages were ready;
//! - the server's peak memory (`VmHWM`) at the end.
//!
//! Results and how to read them: docs/performance.md. Under `cargo test
//! --benches` it runs three edits and a short burst, as a smoke test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ISSUE: &str = "issues/74.toml";
/// The article and paragraph typed into: article 3's first paragraph
/// ("今年是第二十届全国科普日…"), in the middle of the issue, so that its
/// own page and the pages after it may move.
const ARTICLE: usize = 2;
const PARAGRAPH: usize = 0;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (edits, burst) = if full { (60, 50) } else { (3, 5) };

    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("issues")).expect("issues/");
    for file in ["bulletin.toml", ISSUE] {
        std::fs::copy(repo.join(file), dir.path().join(file)).expect("the publication");
    }
    let mut server = Server::start(dir.path());
    let desk = Desk {
        address: server.address,
    };

    // The first build, and the pages the desk holds.
    let state = desk.state();
    let mut version = state["file"]["version"].as_str().unwrap().to_string();
    let view = desk.built(&version);
    let mut held: Vec<String> = hashes(&view);
    let body = state["file"]["form"]["articles"][ARTICLE]["body"]
        .as_str()
        .unwrap()
        .to_string();
    let mut paragraphs: Vec<String> = body.split("\n\n").map(str::to_string).collect();

    let events = desk.events();
    // The greeting (the file and the last build) is not an edit's.
    events.drain(Duration::from_millis(300));

    let mut rows = Vec::new();
    for n in 0..edits {
        // One more character typed at the paragraph's end (before its
        // closing mark), as typing does: the text is new every time.
        let typed = ["科", "协", "动", "态"][n % 4];
        let paragraph = &mut paragraphs[PARAGRAPH];
        let at = paragraph.char_indices().last().map(|(i, _)| i).unwrap_or(0);
        paragraph.insert_str(at, typed);
        let edit = json!([{ "op": "set", "article": ARTICLE, "key": "body", "value": paragraphs.join("\n\n") }]);
        rows.push(desk.measure(&events, &mut version, &mut held, &edit));
    }
    // The first edits warm what the server keeps (Typst's memos, the
    // allocator): report the rest, and say so.
    let warm = if full { &rows[10..] } else { &rows[..] };
    println!(
        "a character typed into article {}: {} edits measured, after {} to warm up (the first took {:.1} ms)",
        ARTICLE + 1,
        warm.len(),
        rows.len() - warm.len(),
        rows[0].server
    );
    print_rows(warm);

    // The worst one-paragraph edit: a sentence more in the first
    // article's last paragraph moves every page after it.
    let first = state["file"]["form"]["articles"][0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    let mut first: Vec<String> = first.split("\n\n").map(str::to_string).collect();
    let mut rows = Vec::new();
    for n in 0..edits.div_ceil(3) {
        let last = first.len() - 1;
        first[last].push_str(&format!("第{n}次补充一句，让后面的每一页都移动一行。"));
        let edit =
            json!([{ "op": "set", "article": 0, "key": "body", "value": first.join("\n\n") }]);
        rows.push(desk.measure(&events, &mut version, &mut held, &edit));
    }
    println!(
        "a sentence added to article 1 (every later page moves): {} edits measured",
        rows.len()
    );
    print_rows(&rows);

    // A burst: saves sent back to back, as fast as the server answers.
    let builds_before = desk.state()["view"]["timings"]["builds"].as_u64().unwrap();
    events.drain(Duration::from_millis(0));
    let started = Instant::now();
    for n in 0..burst {
        paragraphs[PARAGRAPH].push_str(["一", "二"][n % 2]);
        let edit = json!([{ "op": "set", "article": ARTICLE, "key": "body", "value": paragraphs.join("\n\n") }]);
        version = desk.edit(&version, &edit).1["version"]
            .as_str()
            .unwrap()
            .to_string();
    }
    let saved = started.elapsed();
    let (built, _) = events.built(&version);
    let settled = started.elapsed();
    let builds = built["timings"]["builds"].as_u64().unwrap() - builds_before;
    println!(
        "burst of {burst} saves: sent in {:.0} ms, {builds} builds, the last save's pages ready {:.0} ms after it",
        saved.as_secs_f64() * 1000.0,
        (settled - saved).as_secs_f64() * 1000.0
    );
    // Five saves (the smoke run) are too few to say so on a busy machine;
    // tests/all/serve.rs checks it with fifty.
    if full {
        assert!(
            builds < burst as u64,
            "a build per save: requests should collapse"
        );
    }
    let text = std::fs::read_to_string(dir.path().join(ISSUE)).unwrap();
    assert!(
        text.contains(&paragraphs[PARAGRAPH]),
        "the last save is on disk"
    );

    println!(
        "server peak memory (VmHWM): {:.1} MiB",
        server.peak_kib() as f64 / 1024.0
    );
    server.stop();
}

fn print_rows(rows: &[Row]) {
    report("server: save request → SVG ready", rows, |r| r.server);
    report("  of which layout", rows, |r| r.layout);
    report("  of which check", rows, |r| r.check);
    report("  of which SVG", rows, |r| r.svg);
    report("client: save sent → changed pages received", rows, |r| {
        r.end_to_end
    });
    report("pages drawn per edit", rows, |r| r.drawn as f64);
    report("pages sent per edit", rows, |r| r.sent as f64);
    report("KiB on the wire per edit (all)", rows, |r| {
        r.bytes as f64 / 1024.0
    });
    report("KiB of pages per edit (gzip)", rows, |r| {
        r.page_bytes as f64 / 1024.0
    });
}

struct Row {
    server: f64,
    layout: f64,
    check: f64,
    svg: f64,
    drawn: usize,
    sent: usize,
    end_to_end: f64,
    bytes: usize,
    page_bytes: usize,
}

/// Prints the median, the 10th and the 90th percentile of `value`.
fn report(what: &str, rows: &[Row], value: impl Fn(&Row) -> f64) {
    let mut values: Vec<f64> = rows.iter().map(value).collect();
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {what:<46} median {:>8.1}   p10 {:>8.1}   p90 {:>8.1}",
        at(0.5),
        at(0.1),
        at(0.9)
    );
}

fn hashes(view: &Value) -> Vec<String> {
    view["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["hash"].as_str().unwrap().to_string())
        .collect()
}

/// `bulletin serve 74` in a folder.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Server {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["serve", "74", "--port", "0"])
            .current_dir(dir)
            .env("BULLETIN_LANG", "en")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("bulletin serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("the address");
        let url = &line[line.find("http://").expect("an address") + 7..];
        let address = url[..url.find('/').unwrap()].parse().expect("host:port");
        Self { child, address }
    }

    /// The server's peak resident memory so far, in KiB.
    fn peak_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The desk's HTTP, spoken over plain sockets so that every byte on the
/// wire is counted as it is.
struct Desk {
    address: SocketAddr,
}

impl Desk {
    /// One request; the answer's status, whole size on the wire, and body.
    fn request(&self, method: &str, path: &str, body: &[u8]) -> (u16, usize, Vec<u8>) {
        let mut stream = TcpStream::connect(self.address).expect("the desk");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\nAccept-Encoding: gzip\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.address,
            self.address,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).unwrap();
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP answer");
        let head = String::from_utf8_lossy(&answer[..split]);
        let status = head[9..12].parse().unwrap();
        let chunked = head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked");
        let mut body = answer[split + 4..].to_vec();
        if chunked {
            body = unchunk(&body);
        }
        (status, answer.len(), body)
    }

    fn state(&self) -> Value {
        let (status, _, body) = self.request("GET", "/api/issues/74", b"");
        assert_eq!(status, 200);
        serde_json::from_slice(&body).unwrap()
    }

    fn built(&self, version: &str) -> Value {
        let until = Instant::now() + Duration::from_secs(120);
        loop {
            let view = self.state()["view"].clone();
            if view["version"].as_str() == Some(version)
                && view["pages"].as_array().is_some_and(|p| !p.is_empty())
            {
                return view;
            }
            assert!(Instant::now() < until, "no build of {version}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Saves `edits` from `version`: the answer's size and its JSON.
    fn edit(&self, version: &str, edits: &Value) -> (usize, Value) {
        let body = json!({ "version": version, "edits": edits }).to_string();
        let (status, size, answer) = self.request("POST", "/api/issues/74/edit", body.as_bytes());
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
        (size, serde_json::from_slice(&answer).unwrap())
    }

    /// One edit as the desk's script makes it: the save, the wait for its
    /// build, the download of the pages not held yet.
    fn measure(
        &self,
        events: &Events,
        version: &mut String,
        held: &mut Vec<String>,
        edit: &Value,
    ) -> Row {
        let sent = Instant::now();
        let (answer, saved) = self.edit(version, edit);
        *version = saved["version"].as_str().unwrap().to_string();
        let (built, event_bytes) = events.built(version);
        let new: Vec<(usize, String)> = hashes(&built)
            .into_iter()
            .enumerate()
            .filter(|(_, hash)| !held.contains(hash))
            .collect();
        let mut page_bytes = 0;
        for (n, hash) in &new {
            page_bytes += self.page(n + 1, hash);
        }
        let end_to_end = sent.elapsed().as_secs_f64() * 1000.0;
        *held = hashes(&built);
        let timings = &built["timings"];
        Row {
            server: timings["since_request"].as_f64().unwrap_or(f64::NAN),
            layout: timings["layout"].as_f64().unwrap_or(f64::NAN),
            check: timings["check"].as_f64().unwrap_or(f64::NAN),
            svg: timings["svg"].as_f64().unwrap_or(f64::NAN),
            drawn: timings["pages_drawn"].as_u64().unwrap_or(0) as usize,
            sent: new.len(),
            end_to_end,
            bytes: answer + event_bytes + page_bytes,
            page_bytes,
        }
    }

    /// Page `n`'s SVG at `hash`: its size on the wire.
    fn page(&self, n: usize, hash: &str) -> usize {
        let (status, size, _) =
            self.request("GET", &format!("/api/issues/74/pages/{n}?h={hash}"), b"");
        assert_eq!(status, 200, "page {n}");
        size
    }

    /// The issue's events, as they come: name, data and size.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(self.address).expect("the desk");
        write!(
            stream,
            // HTTP/1.0: the stream comes as it is, without chunk framing.
            "GET /api/issues/74/events HTTP/1.0\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.address
        )
        .unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let (mut name, mut data, mut size) = (String::new(), String::new(), 0);
            for line in reader.lines() {
                let Ok(line) = line else { return };
                size += line.len() + 1;
                if let Some(value) = line.strip_prefix("event:") {
                    name = value.trim().to_string();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push_str(value.strip_prefix(' ').unwrap_or(value));
                } else if line.is_empty() && !name.is_empty() {
                    let value = serde_json::from_str(&data).unwrap_or(Value::Null);
                    if sender
                        .send((std::mem::take(&mut name), value, size))
                        .is_err()
                    {
                        return;
                    }
                    data.clear();
                    size = 0;
                }
            }
        });
        Events { receiver }
    }
}

struct Events {
    receiver: mpsc::Receiver<(String, Value, usize)>,
}

impl Events {
    /// Throws away what has come, and what comes within `quiet`.
    fn drain(&self, quiet: Duration) {
        while self.receiver.recv_timeout(quiet).is_ok() {}
    }

    /// Waits for the `built` event of `version`: it, and the bytes of all
    /// the events received until then (their whole lines).
    fn built(&self, version: &str) -> (Value, usize) {
        let mut bytes = 0;
        loop {
            let (name, data, size) = self
                .receiver
                .recv_timeout(Duration::from_secs(120))
                .expect("the build's event");
            bytes += size;
            if name == "built" && data["version"].as_str() == Some(version) {
                return (data, bytes);
            }
        }
    }
}

/// The body of a chunked HTTP answer.
fn unchunk(mut chunked: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let Some(end) = chunked.windows(2).position(|w| w == b"\r\n") else {
            return body;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&chunked[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&chunked[end + 2..end + 2 + size]);
        chunked = &chunked[end + 4 + size..];
    }
}
