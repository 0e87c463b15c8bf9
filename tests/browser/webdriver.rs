//! A real browser for the desk's tests: Debian's headless Chromium, driven
//! through chromedriver's W3C WebDriver protocol (JSON over plain HTTP to
//! 127.0.0.1; the few commands the tests need).
//!
//! A browser that cannot start is a failure, not a skip: the tests panic
//! with what to install.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::desk::agent;

/// The W3C name of a found element in an answer.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    /// Driven through geckodriver, which drops the keys that follow a
    /// released modifier in the same sequence.
    firefox: bool,
    /// The browser's profile, made fresh for each browser.
    _profile: tempfile::TempDir,
}

/// An element on the page, by its WebDriver id.
#[derive(Clone)]
pub struct Element(String);

impl Element {
    /// The element as a script's argument.
    pub fn as_json(&self) -> Value {
        json!({ ELEMENT: self.0 })
    }
}

fn find_program(names: &[&str]) -> String {
    for name in names {
        for folder in ["/usr/bin", "/usr/lib/chromium", "/usr/local/bin"] {
            let path = format!("{folder}/{name}");
            if std::path::Path::new(&path).is_file() {
                return path;
            }
        }
    }
    panic!(
        "{} not found: the desk's browser tests need Debian's chromium and chromium-driver \
         (apt-get install -y chromium chromium-driver; .ci/run installs them)",
        names[0]
    );
}

impl Browser {
    /// A headless Chromium on a fresh profile, its window `width` × `height`;
    /// with `BULLETIN_BROWSER=firefox`, a headless Firefox through
    /// geckodriver instead (found on the PATH's usual folders, or named by
    /// `GECKODRIVER`), to run the same tests by hand in the other browser
    /// the desk supports.
    pub fn start(width: u32, height: u32) -> Self {
        if std::env::var("BULLETIN_BROWSER").is_ok_and(|b| b == "firefox") {
            return Self::firefox(width, height);
        }
        let driver_path = find_program(&["chromedriver"]);
        let chromium = find_program(&["chromium", "chromium-browser"]);
        let mut driver = Command::new(&driver_path)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{driver_path} does not start: {e}"));
        // "ChromeDriver was started successfully on port 45677."
        let stdout = driver.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("{driver_path} ended without saying its port"))
                .unwrap();
            if let Some(rest) = line.split("successfully on port ").nth(1) {
                break rest.trim_end_matches('.').trim().parse::<u16>().unwrap();
            }
        };
        // The rest of its output is read, so that it never blocks on a
        // full pipe.
        std::thread::spawn(move || for _ in lines {});
        let profile = tempfile::tempdir().unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let agent = agent();
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--lang=zh-CN",
                        format!("--user-data-dir={}", profile.path().display()),
                        format!("--window-size={width},{height}"),
                    ],
                },
            }},
        });
        Self::session(driver, base, agent, profile, &capabilities, "Chromium")
    }

    fn firefox(width: u32, height: u32) -> Self {
        let driver_path =
            std::env::var("GECKODRIVER").unwrap_or_else(|_| find_program(&["geckodriver"]));
        let firefox = find_program(&["firefox", "firefox-esr"]);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let driver = Command::new(&driver_path)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{driver_path} does not start: {e}"));
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": firefox,
                    "args": ["-headless"],
                    "prefs": { "intl.accept_languages": "zh-CN" },
                },
            }},
        });
        let agent = agent();
        let profile = tempfile::tempdir().unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let browser = Self::session(driver, base, agent, profile, &capabilities, "Firefox");
        browser.command(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
        browser
    }

    /// Opens a session on the driver at `base`, waiting for it to listen.
    fn session(
        driver: Child,
        base: String,
        agent: ureq::Agent,
        profile: tempfile::TempDir,
        capabilities: &Value,
        name: &str,
    ) -> Self {
        let started = Instant::now();
        let answer = loop {
            match agent
                .post(format!("{base}/session"))
                .send(capabilities.to_string().as_bytes())
            {
                Ok(mut response) => break response.body_mut().read_to_string().unwrap(),
                Err(_) if started.elapsed() < Duration::from_secs(20) => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(error) => panic!("the WebDriver of {name} does not answer: {error}"),
            }
        };
        let answer: Value = serde_json::from_str(&answer).unwrap();
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} does not start: {answer}"))
            .to_string();
        Self {
            driver,
            base,
            session,
            agent,
            firefox: name == "Firefox",
            _profile: profile,
        }
    }

    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_command(method, path, body)
            .unwrap_or_else(|(error, message)| {
                panic!("WebDriver {method} {path}: {error}: {message}")
            })
    }

    /// A WebDriver command: its value, or the error it answered with.
    fn try_command(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, (String, String)> {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .send(body.unwrap_or(json!({})).to_string().as_bytes()),
        }
        .unwrap();
        let text = response
            .body_mut()
            .with_config()
            .limit(100 * 1024 * 1024)
            .read_to_string()
            .unwrap();
        let answer: Value = serde_json::from_str(&text).unwrap();
        match answer["value"]["error"].as_str() {
            Some(error) => Err((error.to_string(), answer["value"]["message"].to_string())),
            None => Ok(answer["value"].clone()),
        }
    }

    pub fn go(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and
    /// returns what it returns.
    pub fn run(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// The first element matching a CSS selector, waiting up to 30 s.
    pub fn find(&self, selector: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Some(found) = self.try_find(selector) {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no element {selector} on the page"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn try_find(&self, selector: &str) -> Option<Element> {
        let url = format!("{}/session/{}/element", self.base, self.session);
        let body = json!({ "using": "css selector", "value": selector });
        let mut response = self
            .agent
            .post(&url)
            .send(body.to_string().as_bytes())
            .unwrap();
        let answer: Value =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        answer["value"][ELEMENT]
            .as_str()
            .map(|id| Element(id.to_string()))
    }

    /// Clicks the element matching `selector`, found again if the desk
    /// drew it anew between finding and clicking (as a person would click
    /// the button where it now is).
    pub fn click_on(&self, selector: &str) {
        for _ in 0..20 {
            let element = self.find(selector);
            match self.try_command("POST", &format!("/element/{}/click", element.0), None) {
                Ok(_) => return,
                Err((error, _)) if error == "stale element reference" => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err((error, message)) => {
                    panic!("WebDriver click on {selector}: {error}: {message}")
                }
            }
        }
        panic!("{selector} was drawn anew at every click");
    }

    pub fn click(&self, element: &Element) {
        self.command("POST", &format!("/element/{}/click", element.0), None);
    }

    /// Types `text` into an element (as keys: input events fire).
    pub fn type_into(&self, element: &Element, text: &str) {
        let path = format!("/element/{}/value", element.0);
        // geckodriver types nothing after a modifier's release (U+E000)
        // in one sequence: the rest goes as a sequence of its own.
        if let Some(at) = text.find('\u{E000}').filter(|_| self.firefox) {
            let (keys, rest) = text.split_at(at + '\u{E000}'.len_utf8());
            self.command("POST", &path, Some(json!({ "text": keys })));
            if !rest.is_empty() {
                self.command("POST", &path, Some(json!({ "text": rest })));
            }
            return;
        }
        self.command("POST", &path, Some(json!({ "text": text })));
    }

    #[allow(dead_code)] // no flow clears a field yet
    pub fn clear(&self, element: &Element) {
        self.command("POST", &format!("/element/{}/clear", element.0), None);
    }

    pub fn text(&self, element: &Element) -> String {
        self.command("GET", &format!("/element/{}/text", element.0), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until `script` returns true (up to `limit`).
    pub fn wait_until(&self, what: &str, limit: Duration, script: &str, args: Value) {
        let started = Instant::now();
        loop {
            if self.run(script, args.clone()) == json!(true) {
                return;
            }
            assert!(started.elapsed() < limit, "waited in vain for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The page as the browser shows it, as PNG.
    pub fn screenshot(&self) -> Vec<u8> {
        let data = self.command("GET", "/screenshot", None);
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap()
    }

    /// Sets a file input's files (the file must exist on this machine).
    pub fn choose_file(&self, element: &Element, path: &std::path::Path) {
        self.type_into(element, &path.display().to_string());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = self.agent.delete(&url).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
