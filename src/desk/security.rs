//! Who may use the desk. A local server that writes files is a target for
//! every web page the editor visits, so every request must name the
//! desk's own address in `Host` (a page of another site that made its
//! name point here — DNS rebinding — names its own); a request that
//! changes something must come from the desk's own pages (`Origin`); and
//! on the office network (`--listen`), every request needs the token
//! printed at start.

use std::sync::Arc;

use axum::extract::{Request, State as Extract};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::i18n::{self, Lang};
use crate::t;

use super::State;

/// The cookie that carries the token after the first visit.
pub const TOKEN_COOKIE: &str = "bulletin_token";

/// Refuses what must not come in; lets the rest through.
pub async fn guard(Extract(state): Extract<Arc<State>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = header_text(headers, header::HOST).unwrap_or_default();
    if let Some(hosts) = &state.hosts
        && !hosts.iter().any(|h| h.eq_ignore_ascii_case(&host))
    {
        return refuse(
            &request,
            StatusCode::FORBIDDEN,
            i18n::with_lang(Lang::Zh, || t!("desk-foreign-host", host = host.as_str())),
        );
    }
    if let Some(token) = &state.token {
        let from_query = query_token(request.uri().query());
        let given = bearer(headers)
            .or_else(|| cookie(headers, TOKEN_COOKIE))
            .or(from_query.clone());
        if !given.is_some_and(|given| same_secret(given.as_bytes(), token.as_bytes())) {
            return refuse(
                &request,
                StatusCode::UNAUTHORIZED,
                i18n::with_lang(Lang::Zh, || t!("desk-token-needed")),
            );
        }
        // Once shown, the token goes into a cookie and out of the address
        // bar (and out of the browser's history).
        if from_query.is_some() && request.method() == Method::GET {
            let path = request.uri().path().to_string();
            return (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, path),
                    (
                        header::SET_COOKIE,
                        format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"),
                    ),
                ],
            )
                .into_response();
        }
    }
    // A page of another site may link to the desk, but not make the
    // browser fetch from it (an <img> or <script> pointed at /api/ would
    // open issues and build them on every visit to that page).
    if from_another_site(headers) && !navigation_to_a_page(&request) {
        return refuse(
            &request,
            StatusCode::FORBIDDEN,
            i18n::with_lang(Lang::Zh, || t!("desk-foreign-origin")),
        );
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) && !same_origin(headers, &host) {
        return refuse(
            &request,
            StatusCode::FORBIDDEN,
            i18n::with_lang(Lang::Zh, || t!("desk-foreign-origin")),
        );
    }
    next.run(request).await
}

/// Whether a request that changes something comes from the desk's own
/// pages: its `Origin` is the desk's; without one (not a browser, or an
/// old one), its `Sec-Fetch-Site` says so or is not given.
fn same_origin(headers: &HeaderMap, host: &str) -> bool {
    match header_text(headers, header::ORIGIN) {
        Some(origin) => origin.eq_ignore_ascii_case(&format!("http://{host}")),
        None => match header_text(headers, "sec-fetch-site") {
            Some(site) => matches!(site.as_str(), "same-origin" | "none"),
            None => true,
        },
    }
}

/// Whether the browser says the request comes from a page of another
/// site (`Sec-Fetch-Site`; another port of this machine counts as
/// another site).
fn from_another_site(headers: &HeaderMap) -> bool {
    header_text(headers, "sec-fetch-site")
        .is_some_and(|site| matches!(site.as_str(), "cross-site" | "same-site"))
}

/// Whether the request opens one of the desk's pages in the browser's
/// window (a link followed), which any page may do.
fn navigation_to_a_page(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && header_text(request.headers(), "sec-fetch-mode").as_deref() == Some("navigate")
        && (path == "/" || path.starts_with("/issues/"))
}

/// A refusal: JSON for the desk's scripts, text for anything else.
fn refuse(request: &Request, status: StatusCode, message: String) -> Response {
    if request.uri().path().starts_with("/api/") {
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response()
    }
}

fn header_text(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    header_text(headers, header::AUTHORIZATION)?
        .strip_prefix("Bearer ")
        .map(str::to_string)
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

fn query_token(query: Option<&str>) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "token")
        .map(|(_, value)| value.to_string())
}

/// Whether two secrets are equal, in a time that does not depend on where
/// they differ (so that timing answers cannot guess a token bit by bit).
pub fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    let difference = given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_equal_only_when_equal() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn a_change_from_another_site_is_told_apart() {
        let mut headers = HeaderMap::new();
        assert!(same_origin(&headers, "127.0.0.1:8040"), "no browser");
        headers.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&headers, "127.0.0.1:8040"));
        headers.insert(header::ORIGIN, "http://127.0.0.1:8040".parse().unwrap());
        assert!(same_origin(&headers, "127.0.0.1:8040"));
        headers.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&headers, "127.0.0.1:8040"));
        headers.insert(header::ORIGIN, "null".parse().unwrap());
        assert!(!same_origin(&headers, "127.0.0.1:8040"));
    }
}
