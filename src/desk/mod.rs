//! The editors' desk in the browser (`bulletin serve`): a small web server
//! on the publication folder. The issue files on disk stay the one true
//! copy; the desk reads them, changes them field by field ([`crate::input::edit`])
//! and writes them whole, and shows the pages as they will print, built as
//! `watch` builds them, with the problems `check` finds.
//!
//! [`Desk::start`] serves in the background (tests start it on a free
//! port); `routes` has every address the browser uses, `security` who may
//! use them, `issue` one open issue, `assets` the pages and scripts.

mod assets;
mod issue;
mod refusal;
mod routes;
mod security;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use crate::live::FontCache;
use crate::publication::{IssueFile, Publication, PublicationError};
use crate::t;

pub use issue::version_of;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The publication folder.
    pub root: PathBuf,
    /// `--listen`: serve on this address (all the office network may
    /// reach), with an access token. Without it, 127.0.0.1 only.
    pub listen: Option<SocketAddr>,
    /// The port on 127.0.0.1 (0: any free one).
    pub port: u16,
    /// Font folders besides the publication's (`--font-path`).
    pub font_paths: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Publication(#[from] PublicationError),
    #[error("{}", t!("desk-cannot-listen", address = .address.to_string(), error = crate::i18n::io_error(.error)))]
    Listen {
        address: SocketAddr,
        error: std::io::Error,
    },
    #[error("{}", t!("desk-no-runtime", error = crate::i18n::io_error(.0)))]
    Runtime(std::io::Error),
    #[error("{}", t!("desk-no-token", error = .0))]
    Token(String),
}

/// What every open issue shares: the publication, its fonts, and the
/// lock that a file being written holds.
pub struct Shared {
    root: PathBuf,
    /// The fonts, shared by the open issues.
    fonts: FontCache,
    writing: Mutex<()>,
    closing: AtomicBool,
}

impl Shared {
    /// Held while a file is written: stopping waits for it.
    fn writing(&self) -> MutexGuard<'_, ()> {
        self.writing.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn closing(&self) -> bool {
        self.closing.load(Ordering::SeqCst)
    }

    /// The publication, its files named from its folder (issues/74.toml),
    /// wherever the server was started.
    fn publication(&self) -> Result<Publication, PublicationError> {
        let mut publication = Publication::open(Some(&self.root), None)?;
        publication.shown_root = PathBuf::new();
        Ok(publication)
    }
}

/// The server's state: the shared parts, who may come in, the open issues.
pub struct State {
    shared: Arc<Shared>,
    /// The addresses a request may name in `Host` (none: any, with
    /// `--listen`, where the token keeps strangers out).
    hosts: Option<Vec<String>>,
    token: Option<String>,
    /// The open issues, each with when a request last asked for it.
    issues: Mutex<HashMap<u32, (Arc<issue::IssueDesk>, Instant)>>,
}

/// How many issues stay open at once besides those a desk is showing:
/// each keeps its Typst world and its pages, tens of MiB.
const KEPT_OPEN: usize = 3;

impl State {
    /// Issue `total`, opened on first use. Opening one closes the least
    /// recently used issues that no desk shows (no event stream), beyond
    /// [`KEPT_OPEN`]: browsing a year's issues does not keep a year of
    /// worlds in memory.
    fn issue(&self, total: u32) -> Option<Arc<issue::IssueDesk>> {
        let mut issues = self.issues.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((open, used)) = issues.get_mut(&total) {
            *used = Instant::now();
            return Some(open.clone());
        }
        let publication = self.shared.publication().ok()?;
        let (path, shown) = publication.issue_file(&total.to_string()).ok()?;
        let mut idle: Vec<(u32, Instant)> = issues
            .iter()
            .filter(|(_, (desk, _))| !desk.shown())
            .map(|(&total, &(_, used))| (total, used))
            .collect();
        idle.sort_by_key(|&(_, used)| used);
        let excess = idle.len().saturating_sub(KEPT_OPEN - 1);
        for (closed, _) in idle.into_iter().take(excess) {
            if let Some((desk, _)) = issues.remove(&closed) {
                desk.stop();
            }
        }
        let desk = issue::IssueDesk::open(self.shared.clone(), IssueFile { total, path, shown });
        issues.insert(total, (desk.clone(), Instant::now()));
        Some(desk)
    }
}

/// A desk being served.
pub struct Desk {
    address: SocketAddr,
    token: Option<String>,
    state: Arc<State>,
    shutdown: Option<tokio::sync::watch::Sender<bool>>,
    server: Option<std::thread::JoinHandle<()>>,
}

impl Desk {
    /// Opens the publication and serves its desk in the background.
    pub fn start(options: Options) -> Result<Self, DeskError> {
        let publication = Publication::open(Some(&options.root), None)?;
        let root = publication.config.root.clone();
        let (bind, token) = match options.listen {
            Some(address) => (address, Some(new_token()?)),
            None => (
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), options.port),
                None,
            ),
        };
        let listener = std::net::TcpListener::bind(bind)
            .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
            .map_err(|error| DeskError::Listen {
                address: bind,
                error,
            })?;
        let address = listener.local_addr().map_err(|error| DeskError::Listen {
            address: bind,
            error,
        })?;
        let hosts = options.listen.is_none().then(|| {
            let port = address.port();
            vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ]
        });
        let state = Arc::new(State {
            shared: Arc::new(Shared {
                root,
                fonts: FontCache::new(options.font_paths),
                writing: Mutex::new(()),
                closing: AtomicBool::new(false),
            }),
            hosts,
            token: token.clone(),
            issues: Mutex::new(HashMap::new()),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("desk")
            .enable_all()
            .build()
            .map_err(DeskError::Runtime)?;
        let (shutdown, stopping) = tokio::sync::watch::channel(false);
        let app = routes::router(state.clone(), stopping.clone());
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(|error| DeskError::Listen {
                address: bind,
                error,
            })?
        };
        let server = std::thread::Builder::new()
            .name("desk server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let mut stopping = stopping;
                    let stopped = async move {
                        let _ = stopping.wait_for(|stop| *stop).await;
                    };
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(stopped)
                        .await;
                });
                runtime.shutdown_timeout(std::time::Duration::from_secs(2));
            })
            .map_err(DeskError::Runtime)?;
        Ok(Self {
            address,
            token,
            state,
            shutdown: Some(shutdown),
            server: Some(server),
        })
    }

    /// The address served on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The access token (only with `--listen`).
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The address of `path` (starting with `/`) on this desk, with the
    /// token if there is one; `host` names the machine (127.0.0.1 if none).
    pub fn url(&self, path: &str, host: Option<&str>) -> String {
        let host = host.map_or_else(
            || match self.address.ip() {
                ip if ip.is_unspecified() => "127.0.0.1".to_string(),
                IpAddr::V6(ip) => format!("[{ip}]"),
                IpAddr::V4(ip) => ip.to_string(),
            },
            str::to_string,
        );
        let token = self
            .token
            .as_deref()
            .map(|token| format!("?token={token}"))
            .unwrap_or_default();
        format!("http://{host}:{}{path}{token}", self.address.port())
    }

    /// Stops serving: a file being written is finished first; nothing is
    /// written after.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        {
            let _whole = self.state.shared.writing();
            self.state.shared.closing.store(true, Ordering::SeqCst);
        }
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(true);
        }
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
        let issues = self.state.issues.lock().unwrap_or_else(|e| e.into_inner());
        for (desk, _) in issues.values() {
            desk.stop();
        }
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        self.halt();
    }
}

/// A new access token: 32 random bytes, as hex.
fn new_token() -> Result<String, DeskError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| DeskError::Token(error.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The address other machines reach this one at, if the system knows a
/// route out (nothing is sent).
pub fn lan_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

/// Whether `path`, relative to the publication folder, is a file inside it.
fn inside(root: &Path, path: &Path) -> bool {
    crate::files::stays_inside(root, path) && root.join(path).is_file()
}
