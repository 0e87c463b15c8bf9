//! Every address of the desk, in one place.
//!
//! Pages: `/` (the publication: every issue, starting the next) and
//! `/issues/<total>` (one issue's desk), with their scripts under
//! `/static/`. The scripts speak JSON under `/api/`: the issue's fields,
//! edits, server-sent events when the file changes or a build finishes,
//! the pages as SVG by digest, imports, pictures, printing. Anything else
//! is 404; no folder is ever listed, and no file is served that the issue
//! does not use or print.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::stream::{self, Stream, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::{broadcast, watch};

use crate::files::{self, stays_inside};
use crate::i18n::{self, Lang};
use crate::import::{self, Source, Warning};
use crate::input::edit::Edit;
use crate::input::series::Heading;
use crate::live::issue_list;
use crate::live::{self, RebuildError};
use crate::output::{self, OutputError};
use crate::pictures::ImageFormat;
use crate::pictures::{self, Place};
use crate::publication::next_issue;
use crate::t;
use crate::typeset::build::BuildOptions;
use crate::typeset::export::{self, Export, PageFormat};

use super::issue::{EditFailure, Event, IssueDesk};
use super::refusal::{Refusal, unprocessable};
use super::{State, assets, security};

/// The largest upload (a contribution or a picture).
pub const UPLOAD_LIMIT: usize = pictures::MAX_FILE_BYTES as usize;
/// The largest other request (edits as JSON).
const JSON_LIMIT: usize = 4 * 1024 * 1024;
/// Printed pages as PNG: as `bulletin build --format png`.
const PNG_PPI: f32 = 144.0;

#[derive(Clone)]
struct App {
    state: Arc<State>,
    /// Turns true when the desk stops: event streams end.
    stopping: watch::Receiver<bool>,
}

pub fn router(state: Arc<State>, stopping: watch::Receiver<bool>) -> Router {
    let uploads = DefaultBodyLimit::max(UPLOAD_LIMIT);
    Router::new()
        .route("/", get(assets::home))
        .route("/issues/{total}", get(assets::desk))
        .route("/static/{name}", get(assets::asset))
        .route("/api/strings", get(assets::strings))
        .route("/api/schema", get(schema))
        .route("/api/publication", get(publication))
        .route("/api/issues", post(new_issue))
        .route("/api/issues/{total}", get(issue_state))
        .route("/api/issues/{total}/edit", post(edit))
        .route("/api/issues/{total}/events", get(events))
        .route("/api/issues/{total}/pages/{n}", get(page))
        .route("/api/issues/{total}/import", post(import).layer(uploads))
        .route(
            "/api/issues/{total}/images",
            post(upload_picture).layer(uploads),
        )
        .route("/api/issues/{total}/picture", get(picture))
        .route("/api/issues/{total}/print", post(print))
        .route("/api/issues/{total}/download/{name}", get(download))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(App { state, stopping })
}

/// A refusal the desk shows: a status and a sentence, as JSON.

fn zh<R>(work: impl FnOnce() -> R) -> R {
    i18n::with_lang(Lang::Zh, work)
}

fn no_issue(total: &str) -> Refusal {
    Refusal(
        StatusCode::NOT_FOUND,
        zh(|| t!("desk-no-issue", total = total)),
    )
}

/// Runs blocking work (files, builds) off the server's threads.
async fn blocking<R: Send + 'static>(work: impl FnOnce() -> R + Send + 'static) -> R {
    tokio::task::spawn_blocking(move || zh(work))
        .await
        .expect("the desk's work does not panic")
}

impl App {
    fn issue(&self, total: &str) -> Result<Arc<IssueDesk>, Refusal> {
        let total: u32 = total.parse().map_err(|_| no_issue(total))?;
        self.state
            .issue(total)
            .ok_or_else(|| no_issue(&total.to_string()))
    }
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        zh(|| t!("desk-not-found")),
    )
        .into_response()
}

/// The keys of bulletin.toml and of an issue, with their labels in the
/// desk's language: what its forms are made from (`input::schema`).
async fn schema() -> Response {
    axum::Json(crate::input::schema::json(Lang::Zh)).into_response()
}

/// The publication: its name and every issue, as `bulletin list` shows them.
async fn publication(Extract(app): Extract<App>) -> Result<Response, Refusal> {
    let shared = app.state.shared.clone();
    blocking(move || {
        let publication = shared.publication()?;
        Ok(axum::Json(json!({
            "name": publication.config.publication.name.text,
            "issues": issue_list::rows(&publication),
        }))
        .into_response())
    })
    .await
}

/// Starts the next issue as `bulletin new` does.
async fn new_issue(Extract(app): Extract<App>) -> Result<Response, Refusal> {
    let shared = app.state.shared.clone();
    blocking(move || {
        let _whole = shared.writing();
        if shared.closing() {
            return Err(closing());
        }
        let publication = shared.publication()?;
        let started = next_issue::start(&publication, None)?;
        Ok((
            StatusCode::CREATED,
            axum::Json(json!({
                "total": started.next.total,
                "shown": started.shown,
            })),
        )
            .into_response())
    })
    .await
}

fn closing() -> Refusal {
    Refusal(StatusCode::SERVICE_UNAVAILABLE, zh(|| t!("desk-closing")))
}

/// One issue: its file as a form, the sections the publication uses, and
/// the last build.
async fn issue_state(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let shared = app.state.shared.clone();
    blocking(move || {
        let current = desk.current()?;
        let publication = shared.publication()?;
        let mut sections: Vec<String> = Vec::new();
        for file in publication.issue_files() {
            if let Ok(heading) = Heading::read(&file.path, &file.shown) {
                for section in heading.sections.into_iter().flatten() {
                    if !sections.contains(&section) {
                        sections.push(section);
                    }
                }
            }
        }
        Ok(axum::Json(json!({
            "total": desk.file.total,
            "shown": desk.file.shown,
            "name": publication.config.publication.name.text,
            "file": current.snapshot(),
            "sections": sections,
            "view": *desk.view(),
        }))
        .into_response())
    })
    .await
}

#[derive(Deserialize)]
struct EditRequest {
    /// The version of the file the edits were made to.
    version: String,
    edits: Vec<Edit>,
    /// Which desk (browser tab) asks: its own changes come back marked.
    client: Option<String>,
}

/// Changes the issue file: 200 with its new version, 409 if it changed
/// meanwhile (with what it is now), 422 if the edit cannot be made.
async fn edit(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
    axum::Json(request): axum::Json<EditRequest>,
) -> Result<Response, Refusal> {
    let since = Instant::now();
    let desk = app.issue(&total)?;
    Ok(blocking(move || {
        match desk.edit(
            &request.version,
            &request.edits,
            request.client.as_deref(),
            since,
        ) {
            Ok(saved) => axum::Json(saved).into_response(),
            Err(failure) => failure_response(failure),
        }
    })
    .await)
}

fn failure_response(failure: EditFailure) -> Response {
    match failure {
        EditFailure::Stale(snapshot) => {
            let mut body = serde_json::to_value(&*snapshot).unwrap_or_default();
            body["error"] = json!(zh(|| t!("desk-conflict")));
            (StatusCode::CONFLICT, axum::Json(body)).into_response()
        }
        EditFailure::Refused(message) => unprocessable(message).into_response(),
        EditFailure::Io(message) => {
            Refusal(StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
        EditFailure::Closing => closing().into_response(),
    }
}

/// Server-sent events: the file as it is and the last build first, then
/// every change and every build, until the desk stops.
async fn events(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, Refusal> {
    let desk = app.issue(&total)?;
    let receiver = desk.subscribe();
    let greeting = {
        let desk = desk.clone();
        blocking(move || desk.greeting()).await
    };
    let first = stream::iter(greeting.into_iter().map(|e| Ok(sse(e))));
    let rest = stream::unfold(
        (desk, receiver, app.stopping.clone()),
        |(desk, mut receiver, mut stopping)| async move {
            let event = tokio::select! {
                event = receiver.recv() => Some(event),
                _ = stopping.wait_for(|stop| *stop) => None,
            };
            match event? {
                Ok(event) => Some((Ok(sse(event)), (desk, receiver, stopping))),
                // Missed some: what is now is all that matters.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let now = built_now(&desk);
                    Some((Ok(sse(now)), (desk, receiver, stopping)))
                }
                Err(broadcast::error::RecvError::Closed) => None,
            }
        },
    );
    Ok(Sse::new(first.chain(rest)).keep_alive(KeepAlive::default()))
}

fn built_now(desk: &IssueDesk) -> Event {
    Event {
        name: "built",
        data: serde_json::to_string(&*desk.view()).unwrap_or_default(),
    }
}

fn sse(event: Event) -> SseEvent {
    SseEvent::default().event(event.name).data(event.data)
}

#[derive(Deserialize)]
struct PageQuery {
    h: String,
}

/// Page `n` as SVG, if its digest is still `h`; a digest names one page
/// for ever, so the browser may keep it.
async fn page(
    Extract(app): Extract<App>,
    UrlPath((total, n)): UrlPath<(String, usize)>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let page = desk
        .page_svg(n, &query.h)
        .ok_or_else(|| Refusal(StatusCode::NOT_FOUND, zh(|| t!("desk-page-gone"))))?;
    let gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
    let kept = [
        (header::CONTENT_TYPE, "image/svg+xml"),
        (
            header::CACHE_CONTROL,
            "private, max-age=31536000, immutable",
        ),
        (header::VARY, "accept-encoding"),
    ];
    Ok(if gzip {
        let bytes = blocking(move || page.gzip().to_vec()).await;
        (kept, [(header::CONTENT_ENCODING, "gzip")], bytes).into_response()
    } else {
        (kept, page.svg.clone()).into_response()
    })
}

#[derive(Deserialize)]
struct UploadQuery {
    /// The file's name on the editor's machine (only its last part counts).
    name: String,
    section: Option<String>,
    article: Option<usize>,
    version: Option<String>,
    client: Option<String>,
}

/// The last part of an uploaded file's name: never a path.
fn file_name(name: &str) -> Option<PathBuf> {
    let last = name.rsplit(['/', '\\']).next()?.trim();
    (!last.is_empty() && last != "." && last != "..").then(|| PathBuf::from(last))
}

fn upload(body: Result<Bytes, BytesRejection>) -> Result<Vec<u8>, Refusal> {
    body.map(|bytes| bytes.to_vec()).map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                zh(|| t!("desk-upload-too-large", max = UPLOAD_LIMIT / (1024 * 1024))),
            )
        } else {
            Refusal(rejection.status(), rejection.body_text())
        }
    })
}

/// A contribution dropped on the desk, imported as `bulletin import` does.
async fn import(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
    Query(query): Query<UploadQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let bytes = upload(body)?;
    let name =
        file_name(&query.name).ok_or_else(|| unprocessable(zh(|| t!("desk-upload-no-name"))))?;
    let shared = app.state.shared.clone();
    blocking(move || {
        let publication = shared.publication()?;
        let section = query
            .section
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let mut warnings = Vec::new();
        let result = desk.changed_by(query.client.as_deref(), || {
            if shared.closing() {
                return Err(closing());
            }
            import::into_issue(
                &publication,
                &desk.file.path,
                &desk.file.shown,
                vec![Source::Given {
                    name: name.clone(),
                    bytes,
                }],
                section,
                false,
                &mut |warning| {
                    warnings.push(match warning {
                        Warning::SectionFurtherUp(section) => {
                            t!("cmd-import-section-further-up", section = section)
                        }
                        Warning::File { file, warning } => {
                            format!("{}{}{warning}", file.display(), t!("location-separator"))
                        }
                    })
                },
            )
            .map_err(|refused| unprocessable(refused.0))
        });
        let imported = result?;
        let current = desk.current()?;
        let added: Vec<_> = imported
            .added
            .iter()
            .map(|(_, c)| {
                json!({
                    "title": c.title,
                    "paragraphs": c.paragraphs.len(),
                    "source": c.source,
                    "note": c.note.is_some(),
                    "pictures": c.pictures.len(),
                })
            })
            .collect();
        Ok(axum::Json(json!({
            "file": current.snapshot(),
            "added": added,
            "warnings": warnings,
            "punctuation": imported.findings.len(),
        }))
        .into_response())
    })
    .await
}

/// A picture uploaded for an article: checked by its content, saved under
/// `images/<total>/` (never over a file), and added to the article.
async fn upload_picture(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
    Query(query): Query<UploadQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let bytes = upload(body)?;
    let name =
        file_name(&query.name).ok_or_else(|| unprocessable(zh(|| t!("desk-upload-no-name"))))?;
    let (Some(article), Some(version)) = (query.article, query.version.clone()) else {
        return Err(unprocessable(zh(|| t!("desk-upload-which-article"))));
    };
    let shared = app.state.shared.clone();
    let since = Instant::now();
    blocking(move || {
        let root = shared.root.clone();
        // images/<total>/: the total is the issue's number, never words
        // from the request.
        let folder = PathBuf::from("images").join(desk.file.total.to_string());
        let place = Place {
            root: &root,
            folder: folder.clone(),
        };
        let (format, _) = pictures::inspect(&bytes, &place)
            .map_err(|why| unprocessable(t!("desk-picture-refused", why = why)))?;
        let extension = match format {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        };
        let stem = name
            .file_stem()
            .map(|s| import::safe_stem(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "picture".to_string());
        let stem: String = stem.chars().take(60).collect();
        let written = {
            let _whole = shared.writing();
            if shared.closing() {
                return Err(closing());
            }
            // Checked before anything is made: an `images` that is a link
            // out of the folder (dangling or not) must not get a folder
            // made at its far end.
            let leads_outside = |path: &Path| {
                root.join(path).symlink_metadata().is_ok() && !stays_inside(&root, path)
            };
            if leads_outside(Path::new("images")) || leads_outside(&folder) {
                return Err(Refusal(StatusCode::FORBIDDEN, t!("desk-images-outside")));
            }
            std::fs::create_dir_all(root.join(&folder))?;
            if !stays_inside(&root, &folder) {
                return Err(Refusal(StatusCode::FORBIDDEN, t!("desk-images-outside")));
            }
            let mut n = 1;
            loop {
                let candidate = if n == 1 {
                    folder.join(format!("{stem}.{extension}"))
                } else {
                    folder.join(format!("{stem}-{n}.{extension}"))
                };
                match output::create(&root.join(&candidate), &candidate, &bytes) {
                    Ok(()) => break candidate,
                    Err(OutputError::Exists(_)) if n < 1000 => n += 1,
                    Err(error) => {
                        return Err(Refusal(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            error.to_string(),
                        ));
                    }
                }
            }
        };
        let path = written
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let edit = Edit::AddImage {
            article,
            path: path.clone(),
            caption: None,
            after: None,
        };
        match desk.edit(&version, &[edit], query.client.as_deref(), since) {
            Ok(saved) => {
                Ok(axum::Json(json!({ "file": saved.snapshot, "path": path })).into_response())
            }
            Err(failure) => {
                // The issue does not name it: it goes again.
                std::fs::remove_file(root.join(&written)).ok();
                Ok(failure_response(failure))
            }
        }
    })
    .await
}

#[derive(Deserialize)]
struct PictureQuery {
    path: String,
}

/// A picture the issue names (for the form's thumbnails); nothing else.
async fn picture(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
    Query(query): Query<PictureQuery>,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let root = app.state.shared.root.clone();
    blocking(move || {
        let gone = || Refusal(StatusCode::NOT_FOUND, t!("desk-not-found"));
        let named = crate::input::issue::named_images(&desk.file.path);
        let path = PathBuf::from(&query.path);
        if !named.contains(&path) || !super::inside(&root, &path) {
            return Err(gone());
        }
        let bytes =
            files::read_regular(&root.join(&path), pictures::MAX_FILE_BYTES).map_err(|_| gone())?;
        let place = Place {
            root: &root,
            folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let kind = match pictures::inspect(&bytes, &place) {
            Ok((ImageFormat::Jpeg, _)) => "image/jpeg",
            Ok((ImageFormat::Png, _)) => "image/png",
            // A drawing is shown as a picture (an <img>, where its scripts
            // never run), and its links are checked like the build's.
            Ok((ImageFormat::Svg, _)) => "image/svg+xml",
            Err(_) => return Err(gone()),
        };
        Ok((
            [
                (header::CONTENT_TYPE, kind),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'",
                ),
            ],
            bytes,
        )
            .into_response())
    })
    .await
}

#[derive(Deserialize)]
struct PrintQuery {
    format: String,
}

/// Writes `out/<total>.pdf` (or the pages as PNG) as `bulletin build`
/// does, and says where to fetch them.
async fn print(
    Extract(app): Extract<App>,
    UrlPath(total): UrlPath<String>,
    Query(query): Query<PrintQuery>,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let shared = app.state.shared.clone();
    let png = match query.format.as_str() {
        "pdf" => false,
        "png" => true,
        _ => return Err(unprocessable(zh(|| t!("desk-print-format")))),
    };
    blocking(move || {
        let publication = shared.publication()?;
        // Built from the file as it is now, as `bulletin build` builds it.
        let mut session = live::Session::new(
            &publication,
            desk.file.clone(),
            shared.fonts.clone(),
            BuildOptions::default(),
        );
        let built = match session.rebuild() {
            Ok(built) => built,
            Err(RebuildError::Publication(error)) => return Err(error.into()),
            Err(RebuildError::Issue(error)) => {
                return Err(unprocessable(t!(
                    "desk-print-failed",
                    error = error.to_string()
                )));
            }
        };
        let (pdf, shown_pdf) = publication.default_output(built.issue.total);
        if shared.closing() {
            return Err(closing());
        }
        let (target, output, shown) = if png {
            let target = Export::Pages {
                format: PageFormat::Png,
                ppi: PNG_PPI,
            };
            (
                target,
                pdf.with_extension("png"),
                shown_pdf.with_extension("png"),
            )
        } else {
            let target = Export::Pdf {
                standards: Vec::new(),
                rebuilt: false,
            };
            (target, pdf, shown_pdf)
        };
        let files = export::write(built, &target, &output, &shown, &shared.writing)?.files;
        let downloads: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_name())
            .map(|name| {
                format!(
                    "/api/issues/{}/download/{}",
                    desk.file.total,
                    name.to_string_lossy()
                )
            })
            .collect();
        Ok(axum::Json(json!({ "files": files, "downloads": downloads })).into_response())
    })
    .await
}

/// A printed file of the issue from `out/`: `<total>.pdf` or
/// `<total>-<n>.png`, nothing else.
async fn download(
    Extract(app): Extract<App>,
    UrlPath((total, name)): UrlPath<(String, String)>,
) -> Result<Response, Refusal> {
    let desk = app.issue(&total)?;
    let total = desk.file.total;
    let kind = if name == format!("{total}.pdf") {
        Some("application/pdf")
    } else {
        name.strip_prefix(&format!("{total}-"))
            .and_then(|rest| rest.strip_suffix(".png"))
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map(|_| "image/png")
    };
    let gone = || Refusal(StatusCode::NOT_FOUND, zh(|| t!("desk-not-found")));
    let kind = kind.ok_or_else(gone)?;
    let root = app.state.shared.root.clone();
    let path = PathBuf::from(crate::publication::OUT_DIR).join(&name);
    let bytes = blocking(move || {
        if !super::inside(&root, &path) {
            return None;
        }
        files::read_regular(&root.join(&path), 1 << 30).ok()
    })
    .await
    .ok_or_else(gone)?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
