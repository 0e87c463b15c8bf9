//! The desk's pages, styles and scripts, compiled into the binary (no
//! build step, nothing fetched at run time), and the words they show, from
//! the catalogue's `desk-ui-` messages in Chinese.

use std::collections::BTreeMap;

use axum::extract::Path as UrlPath;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::i18n::{self, Arg, Lang};

/// Every file the browser may ask for: name, type, content.
const FILES: &[(&str, &str, &str)] = &[
    (
        "desk.css",
        "text/css; charset=utf-8",
        include_str!("static/desk.css"),
    ),
    // The publication's page.
    ("home.js", JS, include_str!("static/home.js")),
    // An issue's desk: desk.js starts it; the modules it imports.
    ("desk.js", JS, include_str!("static/desk.js")),
    ("state.js", JS, include_str!("static/state.js")),
    ("save.js", JS, include_str!("static/save.js")),
    ("form.js", JS, include_str!("static/form.js")),
    ("preview.js", JS, include_str!("static/preview.js")),
    ("problems.js", JS, include_str!("static/problems.js")),
    ("conflict.js", JS, include_str!("static/conflict.js")),
    ("actions.js", JS, include_str!("static/actions.js")),
    ("notices.js", JS, include_str!("static/notices.js")),
    // Both: the server's replies, the words.
    ("api.js", JS, include_str!("static/api.js")),
    ("strings.js", JS, include_str!("static/strings.js")),
];

const JS: &str = "text/javascript; charset=utf-8";

/// The pages' own rules: their scripts and styles only, pictures from the
/// desk and as data (the SVG pages embed their photos), nothing framed.
const POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; \
                      frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

fn html(text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, POLICY),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        text,
    )
        .into_response()
}

/// `/`: the publication.
pub async fn home() -> Response {
    html(include_str!("static/home.html"))
}

/// `/issues/<total>`: one issue's desk (the script asks for the issue).
pub async fn desk(UrlPath(total): UrlPath<String>) -> Response {
    if total.parse::<u32>().is_err() {
        return (StatusCode::NOT_FOUND, "").into_response();
    }
    html(include_str!("static/desk.html"))
}

/// `/static/<name>`: one of [`FILES`].
pub async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    match FILES.iter().find(|(file, _, _)| *file == name) {
        Some((_, kind, text)) => (
            [
                (header::CONTENT_TYPE, *kind),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *text,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "").into_response(),
    }
}

/// The desk's words: every `desk-ui-` message in Chinese; a `{ $name }`
/// placeable is given as `{name}`, for the script to fill.
pub async fn strings() -> Response {
    axum::Json(desk_strings(Lang::Zh)).into_response()
}

/// The `desk-ui-` messages of `lang`, their placeables as `{name}`.
pub fn desk_strings(lang: Lang) -> BTreeMap<String, String> {
    let mut strings = BTreeMap::new();
    for (area, source) in i18n::sources(lang) {
        if *area != "desk" {
            continue;
        }
        let mut key: Option<(String, Vec<String>)> = None;
        let mut finish = |key: Option<(String, Vec<String>)>| {
            if let Some((key, names)) = key {
                let args: Vec<(&str, Arg)> = names
                    .iter()
                    .map(|n| (n.as_str(), Arg::Text(format!("{{{n}}}"))))
                    .collect();
                let text = i18n::text_in(lang, &key, &args);
                strings.insert(key, text);
            }
        };
        for line in source.lines() {
            if let Some((name, _)) = line.split_once(" = ")
                && !line.starts_with([' ', '#'])
            {
                finish(key.take());
                key = name
                    .trim()
                    .starts_with("desk-ui-")
                    .then(|| (name.trim().to_string(), Vec::new()));
            }
            if let Some((_, names)) = &mut key {
                for piece in line.split("{ $").skip(1) {
                    let name: String = piece
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
        }
        finish(key.take());
    }
    strings
}
