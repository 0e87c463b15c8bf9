//! Shared by the desk's tests (`serve` over HTTP, tests/browser in a real
//! browser): a desk on a copy of the publication, and plain HTTP.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bulletin::desk::{Desk, Options};
use serde_json::Value;

use super::docx::{Docx, Para};
use super::{ISSUE_74, TempPublication, png, repo};

/// A copy of the repository's publication, and its desk.
pub struct Served {
    pub publication: TempPublication,
    desk: Option<Desk>,
    pub agent: ureq::Agent,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

impl Served {
    /// The desk on 127.0.0.1, any free port.
    pub fn new() -> Self {
        Self::with(None)
    }

    /// The desk on `listen` (with a token), as `--listen` serves.
    pub fn listening(listen: &str) -> Self {
        Self::with(Some(listen.parse().unwrap()))
    }

    fn with(listen: Option<std::net::SocketAddr>) -> Self {
        let publication = TempPublication::new();
        // The desk runs in this process and opens the publication.
        let desk = Desk::start(Options {
            root: publication.root().to_path_buf(),
            listen,
            port: 0,
            font_paths: Vec::new(),
        })
        .unwrap();
        let base = format!("http://127.0.0.1:{}", desk.address().port());
        Self {
            publication,
            desk: Some(desk),
            agent: agent(),
            base,
        }
    }

    pub fn desk(&self) -> &Desk {
        self.desk.as_ref().expect("the desk runs")
    }

    /// Stops the desk, as Ctrl-C does.
    pub fn stop(&mut self) {
        if let Some(desk) = self.desk.take() {
            desk.stop();
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.publication.path(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        self.publication.read(relative)
    }

    /// The desk's own origin, as its pages send it.
    pub fn origin(&self) -> String {
        self.base.clone()
    }

    pub fn get(&self, path: &str) -> Reply {
        Reply::of(self.agent.get(format!("{}{path}", self.base)).call())
    }

    /// A POST of JSON from the desk's own page.
    pub fn post_json(&self, path: &str, body: &Value) -> Reply {
        Reply::of(
            self.agent
                .post(format!("{}{path}", self.base))
                .header("Origin", self.origin())
                .header("Content-Type", "application/json")
                .send(body.to_string().as_bytes()),
        )
    }

    /// A POST of bytes (an upload) from the desk's own page.
    pub fn post_bytes(&self, path: &str, bytes: &[u8]) -> Reply {
        Reply::of(
            self.agent
                .post(format!("{}{path}", self.base))
                .header("Origin", self.origin())
                .send(bytes),
        )
    }

    /// The issue's state (`GET /api/issues/74`).
    pub fn state(&self) -> Value {
        let reply = self.get("/api/issues/74");
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json()
    }

    pub fn version(&self) -> String {
        self.state()["file"]["version"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Edits issue 74 from `version`.
    pub fn edit(&self, version: &str, edits: Value) -> Reply {
        self.post_json(
            "/api/issues/74/edit",
            &serde_json::json!({ "version": version, "edits": edits }),
        )
    }

    /// The last build once it shows `version` (waits for it).
    pub fn built(&self, version: &str) -> Value {
        let started = Instant::now();
        loop {
            let view = self.state()["view"].clone();
            if view["version"].as_str() == Some(version)
                && !view["pages"].as_array().unwrap().is_empty()
            {
                return view;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no build of {version}: {view}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The last build once it reports problems for `version`, failed or not.
    pub fn checked(&self, version: &str) -> Value {
        let started = Instant::now();
        loop {
            let state = self.state();
            let view = &state["view"];
            let builds = view["timings"]["builds"].as_u64().unwrap_or(0);
            let current = state["file"]["version"].as_str() == Some(version);
            let shows = view["version"].as_str() == Some(version) || view["out_of_date"] == true;
            if current && shows && builds > 0 {
                return view.clone();
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no check of {version}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server-sent events of issue 74, as they come.
    pub fn events(&self) -> Events {
        let url = format!("{}/api/issues/74/events", self.base);
        let (sender, receiver) = mpsc::channel();
        let agent = self.agent.clone();
        std::thread::spawn(move || {
            let Ok(response) = agent.get(&url).call() else {
                return;
            };
            let reader = BufReader::new(response.into_body().into_reader());
            let (mut name, mut data) = (String::new(), String::new());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(value) = line.strip_prefix("event:") {
                    name = value.trim().to_string();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push_str(value.strip_prefix(' ').unwrap_or(value));
                } else if line.is_empty() && !name.is_empty() {
                    let value = serde_json::from_str(&data).unwrap_or(Value::Null);
                    if sender.send((std::mem::take(&mut name), value)).is_err() {
                        return;
                    }
                    data.clear();
                }
            }
        });
        Events { receiver }
    }
}

/// The repository's issue 74, as written.
pub fn original() -> String {
    std::fs::read_to_string(repo().join(ISSUE_74)).unwrap()
}

/// An agent that reports every status (4xx and 5xx are answers here).
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

pub struct Events {
    receiver: mpsc::Receiver<(String, Value)>,
}

impl Events {
    /// The next event named `name` whose data satisfies `wanted`, within
    /// `limit`.
    pub fn wait_for(
        &self,
        name: &str,
        limit: Duration,
        wanted: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        let until = Instant::now() + limit;
        loop {
            let left = until.checked_duration_since(Instant::now())?;
            match self.receiver.recv_timeout(left) {
                Ok((event, data)) if event == name && wanted(&data) => return Some(data),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

/// An answer: status, headers, body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub bytes: Vec<u8>,
    pub text: String,
}

impl Reply {
    fn of(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Self {
        let mut response = result.unwrap();
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(200 * 1024 * 1024)
            .read_to_vec()
            .unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Self {
            status,
            headers,
            bytes,
            text,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A raw HTTP/1.1 request (to send headers a client library would not).
pub fn raw_request(address: std::net::SocketAddr, request: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = std::io::Read::read_to_end(&mut stream, &mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// The Word document the desk's tests drop (`serve` over HTTP, tests/browser
/// with the import button): a bold centred title, two paragraphs (the last
/// ending with its source) and a 900 × 600 photo after the first.
pub fn contribution() -> Vec<u8> {
    Docx::new()
        .p(Para::new().centred().bold("门头沟区科协开展科普进社区活动"))
        .text("8月10日，门头沟区科协在大峪街道开展科普进社区活动。")
        .picture("image1.png", &png(900, 600))
        .text("活动吸引了200余名居民参加。（门头沟区科协）")
        .bytes()
}
