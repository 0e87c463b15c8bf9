//! One issue open on the desk: its file, read and changed one edit at a
//! time and written whole; its pages, built in a kept Typst world by one
//! builder (at most one build in flight; requests made meanwhile collapse
//! into one more build of the latest state); the watcher that notices
//! changes made elsewhere; and the events that tell the open desks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::broadcast;
use typst::comemo;
use typst::foundations::{NativeElement, Selector};
use typst::introspection::Introspector;
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

use crate::i18n::{self, Lang};
use crate::input::config::CONFIG_FILE;
use crate::input::edit::{self, Edit, EditError, Field, Form};
use crate::input::issue::Issue;
use crate::lint::check::{self, Finding, Severity, Sources};
use crate::live::watcher::{self, Watcher};
use crate::live::{self, RebuildError};
use crate::output::{self, Kind};
use crate::publication::{IssueFile, Publication};
use crate::t;
use crate::typeset::build::BuildOptions;
use crate::typeset::render;

use super::Shared;

/// A version of an issue file: a digest of its bytes.
pub fn version_of(bytes: &[u8]) -> String {
    format!("{:032x}", typst::utils::hash128(bytes))
}

/// The issue file as it is on disk now.
pub struct Current {
    pub version: String,
    pub had_bom: bool,
    /// Its text; `None` if it is not UTF-8.
    pub text: Option<String>,
}

impl Current {
    fn read(path: &std::path::Path) -> std::io::Result<Self> {
        let raw = std::fs::read(path)?;
        let had_bom = raw.starts_with(b"\xEF\xBB\xBF");
        let text = String::from_utf8(raw[if had_bom { 3 } else { 0 }..].to_vec()).ok();
        Ok(Self {
            version: version_of(&raw),
            had_bom,
            text,
        })
    }

    /// What a desk shows of it: the form, or why there is none.
    pub fn snapshot(&self) -> Snapshot {
        let (form, error) = match &self.text {
            Some(text) => match edit::form(text) {
                Ok(form) => (Some(form), None),
                Err(error) => (None, Some(error.to_string())),
            },
            None => (None, Some(t!("desk-not-utf8"))),
        };
        Snapshot {
            version: self.version.clone(),
            form,
            error,
            text: self.text.clone(),
        }
    }
}

/// The issue file as the desk shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub version: String,
    pub form: Option<Form>,
    /// Why the form cannot be shown (not UTF-8, not TOML…).
    pub error: Option<String>,
    /// The file's text, to show what changed in a conflict.
    pub text: Option<String>,
}

/// A problem as the desk shows it: at a field, if it has one.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// As `bulletin check` prints it.
    pub text: String,
    pub message: String,
    pub field: Option<Field>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// A punctuation fix, as an edit.
    pub fix: Option<Edit>,
}

fn problems(findings: Vec<Finding>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for finding in findings {
        if finding.spots.is_empty() {
            problems.push(Problem {
                severity: finding.severity,
                message: finding.text.clone(),
                text: finding.text,
                field: None,
                line: None,
                column: None,
                fix: None,
            });
            continue;
        }
        for spot in finding.spots {
            problems.push(Problem {
                severity: finding.severity,
                text: finding.text.clone(),
                message: spot.message,
                field: spot.field,
                line: Some(spot.line),
                column: Some(spot.column),
                fix: spot.fix.map(|fix| fix.edit()),
            });
        }
    }
    problems
}

/// A page drawn as SVG, and compressed when first asked for so.
pub struct PageSvg {
    pub svg: String,
    gzip: std::sync::OnceLock<Vec<u8>>,
}

impl PageSvg {
    fn new(svg: String) -> Self {
        Self {
            svg,
            gzip: std::sync::OnceLock::new(),
        }
    }

    /// The SVG, gzip-compressed (a third of its size, or less: the pages
    /// are mostly glyph outlines).
    pub fn gzip(&self) -> &[u8] {
        self.gzip.get_or_init(|| {
            use std::io::Write;
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = encoder.write_all(self.svg.as_bytes());
            encoder.finish().unwrap_or_default()
        })
    }
}

/// A laid-out page as the desk shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// A digest of the laid-out page: the same page, the same digest.
    pub hash: String,
    /// In points.
    pub width: f64,
    pub height: f64,
}

/// Where an article's title stands in the pages.
#[derive(Debug, Clone, Serialize)]
pub struct Anchor {
    pub article: usize,
    /// From 1.
    pub page: usize,
    /// From the page's top, in points.
    pub y: f64,
}

/// How long the last build took, in milliseconds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timings {
    /// From the request that asked for it (a save) to the pages' SVG ready.
    pub since_request: Option<f64>,
    pub check: f64,
    pub layout: f64,
    pub svg: f64,
    pub pages_drawn: usize,
    /// Builds made since the issue was opened.
    pub builds: u64,
}

/// What the desks show of the last build.
#[derive(Debug, Clone, Default, Serialize)]
pub struct View {
    /// The version of the issue file the pages show.
    pub version: Option<String>,
    pub pages: Vec<PageView>,
    pub anchors: Vec<Anchor>,
    pub problems: Vec<Problem>,
    /// The last build failed: the pages are of an earlier version.
    pub out_of_date: bool,
    pub timings: Timings,
}

/// What the open desks are told: the file changed (`file`), or a build
/// finished (`built`), as JSON.
#[derive(Debug, Clone)]
pub struct Event {
    pub name: &'static str,
    pub data: String,
}

/// The file changed: its new version and form, and which desk changed it
/// (none: someone else, on disk).
#[derive(Serialize)]
struct FileChanged<'a> {
    #[serde(flatten)]
    snapshot: &'a Snapshot,
    origin: Option<&'a str>,
}

/// Builds asked for and made: asking while a build runs makes one more
/// build after it, however often it is asked.
#[derive(Default)]
struct Queue {
    asked: u64,
    done: u64,
    /// When the oldest request not yet served was made.
    since: Option<Instant>,
    stop: bool,
}

/// Why an edit was not made.
pub enum EditFailure {
    /// The file changed since the desk read it: what it is now.
    Stale(Box<Snapshot>),
    /// The edit cannot be made (a message for the editor).
    Refused(String),
    /// The file could not be read or written.
    Io(String),
    /// The desk is stopping.
    Closing,
}

/// An edit made.
#[derive(Serialize)]
pub struct Saved {
    #[serde(flatten)]
    pub snapshot: Snapshot,
    /// Articles deleted, as written, to bring back: where and the text.
    pub removed: Vec<(usize, String)>,
}

pub struct IssueDesk {
    pub file: IssueFile,
    shared: Arc<Shared>,
    /// Held while the file is read, changed and written.
    file_lock: Mutex<()>,
    /// The version the desk last read or wrote.
    known: Mutex<String>,
    queue: Mutex<Queue>,
    wake: Condvar,
    view: Mutex<Arc<View>>,
    /// The current pages' SVG, by page digest.
    svgs: Mutex<HashMap<String, Arc<PageSvg>>>,
    /// Every file the issue's build reads, as of the last build (see
    /// [`live::Session::inputs`]): the watcher's list.
    inputs: Mutex<Vec<PathBuf>>,
    events: broadcast::Sender<Event>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl IssueDesk {
    /// Opens the issue: its builder and watcher start, and the first build
    /// is asked for.
    pub fn open(shared: Arc<Shared>, file: IssueFile) -> Arc<Self> {
        let known = Current::read(&file.path)
            .map(|c| c.version)
            .unwrap_or_default();
        let config = shared.publication().ok().map(|p| p.config);
        let session = live::Session::open(
            &shared.root,
            Path::new(""),
            config,
            file.clone(),
            shared.fonts.clone(),
            BuildOptions::default(),
        );
        let (events, _) = broadcast::channel(64);
        let desk = Arc::new(Self {
            file,
            shared,
            file_lock: Mutex::new(()),
            known: Mutex::new(known),
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            view: Mutex::new(Arc::new(View::default())),
            svgs: Mutex::new(HashMap::new()),
            inputs: Mutex::new(session.inputs()),
            events,
        });
        let builder = desk.clone();
        std::thread::Builder::new()
            .name(format!("desk-build-{}", desk.file.total))
            .spawn(move || builder.build_loop(session))
            .expect("a thread for the builds");
        let watching = desk.clone();
        std::thread::Builder::new()
            .name(format!("desk-watch-{}", desk.file.total))
            .spawn(move || watching.watch_loop())
            .expect("a thread for the watcher");
        desk.ask_build(None);
        desk
    }

    /// Stops the builder, and lets go of the pages (the watcher ends at
    /// the next change of its files, or with the process).
    pub fn stop(&self) {
        lock(&self.queue).stop = true;
        self.wake.notify_all();
        lock(&self.svgs).clear();
    }

    /// Whether a desk in a browser shows this issue (its event stream is
    /// open).
    pub fn shown(&self) -> bool {
        self.events.receiver_count() > 0
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    pub fn current(&self) -> std::io::Result<Current> {
        Current::read(&self.file.path)
    }

    pub fn view(&self) -> Arc<View> {
        lock(&self.view).clone()
    }

    /// The SVG of page `n` (from 1) if its digest is `hash`.
    pub fn page_svg(&self, n: usize, hash: &str) -> Option<Arc<PageSvg>> {
        let view = self.view();
        let page = view.pages.get(n.checked_sub(1)?)?;
        if page.hash != hash {
            return None;
        }
        lock(&self.svgs).get(hash).cloned()
    }

    /// The events a desk gets on connecting: the file and the last build.
    pub fn greeting(&self) -> Vec<Event> {
        let mut events = Vec::new();
        if let Ok(current) = self.current() {
            events.push(file_event(&current.snapshot(), None));
        }
        events.push(built_event(&self.view()));
        events
    }

    /// Applies `edits` to the file if it is still at `version` (a request
    /// of fixes only is checked by the text each fix expects instead), and
    /// writes it; `client` names the desk that asked. `since` is when the
    /// request came.
    pub fn edit(
        &self,
        version: &str,
        edits: &[Edit],
        client: Option<&str>,
        since: Instant,
    ) -> Result<Saved, EditFailure> {
        let _one_at_a_time = lock(&self.file_lock);
        let current = self
            .current()
            .map_err(|error| EditFailure::Io(i18n::io_error(&error)))?;
        let fixes_only =
            !edits.is_empty() && edits.iter().all(|e| matches!(e, Edit::Replace { .. }));
        if current.version != version && !fixes_only {
            return Err(EditFailure::Stale(Box::new(current.snapshot())));
        }
        let Some(text) = &current.text else {
            return Err(EditFailure::Refused(t!("desk-not-utf8")));
        };
        let mut changed = text.clone();
        let mut removed = Vec::new();
        for edit in edits {
            if let Edit::DeleteArticle { article } = edit {
                let block = edit::article_text(&changed, *article).map_err(refused)?;
                removed.push((*article, block));
            }
            changed = edit::apply(&changed, std::slice::from_ref(edit)).map_err(refused)?;
        }
        if changed == *text {
            return Ok(Saved {
                snapshot: current.snapshot(),
                removed,
            });
        }
        let mut bytes = Vec::with_capacity(changed.len() + 3);
        if current.had_bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(changed.as_bytes());
        self.write(&bytes)?;
        let snapshot = Current {
            version: version_of(&bytes),
            had_bom: current.had_bom,
            text: Some(changed),
        }
        .snapshot();
        *lock(&self.known) = snapshot.version.clone();
        self.send(file_event(&snapshot, client));
        self.ask_build(Some(since));
        Ok(Saved { snapshot, removed })
    }

    /// Writes the issue file whole (never while the desk stops).
    fn write(&self, bytes: &[u8]) -> Result<(), EditFailure> {
        let _whole = self.shared.writing();
        if self.shared.closing() {
            return Err(EditFailure::Closing);
        }
        output::write(&self.file.path, &self.file.shown, bytes, Kind::Text)
            .map_err(|error| EditFailure::Io(error.to_string()))
    }

    /// Runs `change` (an import, a picture added) with the file held, then
    /// tells the desks and builds.
    pub fn changed_by<R>(&self, client: Option<&str>, change: impl FnOnce() -> R) -> R {
        let result = {
            let _one_at_a_time = lock(&self.file_lock);
            let _whole = self.shared.writing();
            change()
        };
        if let Ok(current) = self.current() {
            let mut known = lock(&self.known);
            if *known != current.version {
                known.clone_from(&current.version);
                self.send(file_event(&current.snapshot(), client));
            }
        }
        self.ask_build(Some(Instant::now()));
        result
    }

    fn send(&self, event: Event) {
        // No desk listening is no error.
        let _ = self.events.send(event);
    }

    /// Asks for a build of the latest state.
    pub fn ask_build(&self, since: Option<Instant>) {
        let mut queue = lock(&self.queue);
        queue.asked += 1;
        if queue.since.is_none() {
            queue.since = since;
        }
        self.wake.notify_all();
    }

    /// Builds whenever asked, one build at a time, in the issue's live
    /// session (one kept world), when an input changed.
    fn build_loop(self: Arc<Self>, mut session: live::Session) {
        loop {
            let (ticket, since) = {
                let mut queue = lock(&self.queue);
                while queue.asked == queue.done && !queue.stop {
                    queue = self.wake.wait(queue).unwrap_or_else(|e| e.into_inner());
                }
                if queue.stop {
                    return;
                }
                (queue.asked, queue.since.take())
            };
            if session.changed() {
                i18n::with_lang(Lang::Zh, || self.build(&mut session, since));
                *lock(&self.inputs) = session.inputs();
                // Keep memory flat over a day of edits, as watch does.
                comemo::evict(10);
            }
            lock(&self.queue).done = ticket;
        }
    }

    /// One build: lay out, draw the pages that changed, check, and tell
    /// the desks. A failed build keeps the last pages, marked out of date.
    fn build(&self, session: &mut live::Session, since: Option<Instant>) {
        let version = self.current().ok().map(|c| c.version);
        // bulletin.toml or its fonts cannot be read: the one problem shown.
        let unreadable = |text: String, builds: u64| {
            let finding = Finding {
                severity: Severity::Error,
                file: PathBuf::from(CONFIG_FILE),
                text,
                spots: Vec::new(),
            };
            self.failed(problems(vec![finding]), builds)
        };
        // The session reads bulletin.toml (and the fonts) once; a failure
        // there is the publication's, not this issue's.
        let builds = session.builds() + 1;
        let error = match session.rebuild() {
            Ok(_) => None,
            Err(RebuildError::Publication(error)) => {
                return unreadable(error.to_string(), builds);
            }
            Err(RebuildError::Issue(error)) => Some(error),
        };
        let checked = Instant::now();
        let publication = Publication {
            config: session.config().expect("read by the build").clone(),
            shown_root: PathBuf::new(),
        };
        let built = match error {
            None => session.last_good(),
            Some(_) => None,
        };
        let mut findings = match check::punctuation(&self.file, false) {
            check::Punctuation::Warnings(warnings) => warnings,
            _ => Vec::new(),
        };
        let sources = Sources::read(&self.file, &publication);
        let outcome = match (built, &error) {
            (Some(built), _) => Ok(built),
            (None, Some(error)) => Err(error),
            (None, None) => unreachable!("a build either lays out or fails"),
        };
        findings.extend(check::of_build(&outcome, &sources, &self.file.shown));
        let all = publication.issue_files();
        findings.extend(
            check::series(&all, std::slice::from_ref(&self.file))
                .into_iter()
                .map(|(_, finding)| finding),
        );
        let check_time = checked.elapsed();
        let Some(built) = built else {
            return self.failed(problems(findings), builds);
        };

        let drawn = Instant::now();
        let mut svgs = lock(&self.svgs).clone();
        let mut pages = Vec::new();
        let mut pages_drawn = 0;
        for page in built.document.pages() {
            let hash = format!("{:032x}", typst::utils::hash128(page));
            if !svgs.contains_key(&hash) {
                svgs.insert(hash.clone(), Arc::new(PageSvg::new(render::svg(page))));
                pages_drawn += 1;
            }
            pages.push(PageView {
                hash,
                width: page.frame.width().to_pt(),
                height: page.frame.height().to_pt(),
            });
        }
        svgs.retain(|hash, _| pages.iter().any(|p| &p.hash == hash));
        let svg_time = drawn.elapsed();
        let anchors = anchors(&built.document, &built.issue);
        let view = View {
            version,
            pages,
            anchors,
            problems: problems(findings),
            out_of_date: false,
            timings: Timings {
                since_request: since.map(|s| s.elapsed().as_secs_f64() * 1000.0),
                check: (built.timings.check + check_time).as_secs_f64() * 1000.0,
                layout: built.timings.layout.as_secs_f64() * 1000.0,
                svg: svg_time.as_secs_f64() * 1000.0,
                pages_drawn,
                builds,
            },
        };
        *lock(&self.svgs) = svgs;
        let view = Arc::new(view);
        *lock(&self.view) = view.clone();
        self.send(built_event(&view));
    }

    /// A build that failed: the last pages stay, marked out of date.
    fn failed(&self, problems: Vec<Problem>, builds: u64) {
        let previous = self.view();
        let view = Arc::new(View {
            version: previous.version.clone(),
            pages: previous.pages.clone(),
            anchors: previous.anchors.clone(),
            problems,
            out_of_date: true,
            timings: Timings {
                builds,
                ..Timings::default()
            },
        });
        *lock(&self.view) = view.clone();
        self.send(built_event(&view));
    }

    fn watched_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = lock(&self.inputs)
            .iter()
            .map(|f| watcher::one_name(f))
            .collect();
        files.sort();
        files.dedup();
        files
    }

    /// Waits for changes made elsewhere (a text editor, `git`, `bulletin
    /// import`): a new version of the file goes to the desks; any change
    /// asks for a build.
    fn watch_loop(self: Arc<Self>) {
        let Ok(mut watcher) = Watcher::new() else {
            return;
        };
        let files = self.watched_files();
        let before = watcher.snapshot(&files);
        watcher.watch(before, &files);
        loop {
            if watcher.wait(&mut |_| {}).is_err() {
                std::thread::sleep(Duration::from_millis(300));
            }
            if lock(&self.queue).stop {
                return;
            }
            // Taken before the files are read, so that a change meanwhile
            // is seen next time.
            let files = self.watched_files();
            let before = watcher.snapshot(&files);
            self.disk_changed();
            watcher.watch(before, &files);
        }
    }

    fn disk_changed(&self) {
        if let Ok(current) = self.current() {
            let mut known = lock(&self.known);
            if *known != current.version {
                known.clone_from(&current.version);
                drop(known);
                self.send(file_event(&current.snapshot(), None));
            }
        }
        self.ask_build(None);
    }
}

fn refused(error: EditError) -> EditFailure {
    EditFailure::Refused(error.to_string())
}

fn file_event(snapshot: &Snapshot, origin: Option<&str>) -> Event {
    Event {
        name: "file",
        data: serde_json::to_string(&FileChanged { snapshot, origin }).unwrap_or_default(),
    }
}

fn built_event(view: &View) -> Event {
    Event {
        name: "built",
        data: serde_json::to_string(view).unwrap_or_default(),
    }
}

/// Where each article's title stands: the first heading after the last
/// one found whose text ends with the title (the layout prints section
/// headings, the contents' heading and titles as headings; a layout of the
/// publication's own may print others).
fn anchors(document: &PagedDocument, issue: &Issue) -> Vec<Anchor> {
    let squash = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    let introspector = document.introspector();
    let headings = introspector.query(&Selector::Elem(HeadingElem::ELEM, None));
    let headings: Vec<(String, Option<Anchor>)> = headings
        .iter()
        .map(|heading| {
            let position = heading
                .location()
                .and_then(|location| introspector.position(location));
            let anchor = position.map(|p| Anchor {
                article: 0,
                page: p.page.get(),
                y: p.point.y.to_pt(),
            });
            (squash(&heading.plain_text()), anchor)
        })
        .collect();
    let mut from = 0;
    let mut anchors = Vec::new();
    for (n, article) in issue.articles.iter().enumerate() {
        let title = squash(&article.title.concat());
        // A heading's text starts with its supplement (小节, 栏目).
        let found = headings[from..]
            .iter()
            .position(|(text, _)| !title.is_empty() && text.ends_with(&title));
        if let Some(at) = found {
            from += at + 1;
            if let Some(anchor) = &headings[from - 1].1 {
                anchors.push(Anchor {
                    article: n,
                    ..anchor.clone()
                });
            }
        }
    }
    anchors
}
