//! A request the desk refuses, and the one map from the library's errors to
//! HTTP statuses: a route returns the library's error with `?`, and its
//! status is decided here, never at the route.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::i18n;
use crate::publication::PublicationError;
use crate::publication::next_issue::StartError;
use crate::typeset::build::BuildError;
use crate::typeset::export::ExportError;

/// A refused request: its status and the words the desk shows
/// (`{"error": …}`).
pub struct Refusal(pub StatusCode, pub String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, axum::Json(json!({ "error": self.1 }))).into_response()
    }
}

/// The editor's input, or the publication's, cannot be used: 422, with
/// what to correct.
pub fn unprocessable(message: String) -> Refusal {
    Refusal(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// bulletin.toml cannot be read, an issue is not there: the editor's
/// files, so 422.
impl From<PublicationError> for Refusal {
    fn from(error: PublicationError) -> Self {
        unprocessable(error.to_string())
    }
}

/// The next issue cannot be started (the series, a file in the way).
impl From<StartError> for Refusal {
    fn from(error: StartError) -> Self {
        unprocessable(error.to_string())
    }
}

/// An issue that does not build: its errors are the editor's to correct.
impl From<BuildError> for Refusal {
    fn from(error: BuildError) -> Self {
        unprocessable(error.to_string())
    }
}

/// A PDF or page that cannot be made or written where it goes.
impl From<ExportError> for Refusal {
    fn from(error: ExportError) -> Self {
        unprocessable(error.to_string())
    }
}

/// The disk failed the desk: 500.
impl From<std::io::Error> for Refusal {
    fn from(error: std::io::Error) -> Self {
        Refusal(StatusCode::INTERNAL_SERVER_ERROR, i18n::io_error(&error))
    }
}
