//! Errors as clients see them: `application/problem+json` (RFC 9457) in the API, a
//! friendly page in HTML. Internal details are logged, never sent.

use crate::i18n::Lang;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lotse_core::Invalid;
use serde::Serialize;
use utoipa::ToSchema;

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as the API spells it.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl From<Invalid> for FieldError {
    fn from(e: Invalid) -> Self {
        Self {
            field: e.field.to_owned(),
            message: e.message,
        }
    }
}

/// A problem detail (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type; `about:blank` when the status says it all.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong in this case.
    pub detail: String,
    /// The invalid fields, for invalid input.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// An error of an API handler.
#[derive(Debug)]
pub enum ApiError {
    /// The request's input is invalid (400).
    Invalid(Vec<FieldError>),
    /// Not signed in (401).
    Unauthenticated,
    /// Signed in but not allowed (403), with the reason in German.
    Forbidden(&'static str),
    /// No such object, or not one the caller may see (404).
    NotFound(&'static str),
    /// The request conflicts with what exists (409), with the reason in German.
    Conflict(String),
    /// Something failed inside lotse (500); logged, not shown.
    Internal(String),
}

impl ApiError {
    /// An invalid single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError::Invalid(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

impl ApiError {
    /// The error for a policy decision other than `Allow`; `what` names the object
    /// for a 404.
    pub fn from_decision(
        decision: lotse_core::accounts::Decision,
        what: &'static str,
    ) -> Option<Self> {
        use lotse_core::accounts::Decision;
        match decision {
            Decision::Allow => None,
            Decision::Unauthenticated => Some(ApiError::Unauthenticated),
            Decision::Forbidden => Some(ApiError::Forbidden(
                "Ihre Rolle erlaubt diese Aktion nicht.",
            )),
            Decision::Hidden => Some(ApiError::NotFound(what)),
        }
    }
}

impl From<lotse_core::Invalid> for ApiError {
    fn from(e: lotse_core::Invalid) -> Self {
        ApiError::Invalid(vec![e.into()])
    }
}

impl From<lotse_store::StoreError> for ApiError {
    fn from(e: lotse_store::StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

/// Answers with a problem document.
pub fn problem_response(problem: Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, axum::Json(problem)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = match self {
            ApiError::Invalid(errors) => Problem {
                problem_type: "about:blank".into(),
                title: "Ungültige Anfrage".into(),
                status: 400,
                detail: errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                errors,
            },
            ApiError::Unauthenticated => Problem {
                problem_type: "about:blank".into(),
                title: "Anmeldung erforderlich".into(),
                status: 401,
                detail: "Bitte melden Sie sich an.".into(),
                errors: Vec::new(),
            },
            ApiError::Forbidden(reason) => Problem {
                problem_type: "about:blank".into(),
                title: "Keine Berechtigung".into(),
                status: 403,
                detail: reason.into(),
                errors: Vec::new(),
            },
            ApiError::Conflict(detail) => Problem {
                problem_type: "about:blank".into(),
                title: "Konflikt".into(),
                status: 409,
                detail,
                errors: Vec::new(),
            },
            ApiError::NotFound(what) => Problem {
                problem_type: "about:blank".into(),
                title: "Nicht gefunden".into(),
                status: 404,
                detail: format!("{what} wurde nicht gefunden."),
                errors: Vec::new(),
            },
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "internal error in API handler");
                Problem {
                    problem_type: "about:blank".into(),
                    title: "Interner Fehler".into(),
                    status: 500,
                    detail:
                        "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut."
                            .into(),
                    errors: Vec::new(),
                }
            }
        };
        problem_response(problem)
    }
}

/// An error of a page handler, shown as a page in the visitor's language.
#[derive(Debug)]
pub enum PageError {
    /// The page or object does not exist (404).
    NotFound(Lang),
    /// The request's parameters are invalid (400), with what is wrong.
    BadRequest(Lang, Vec<FieldError>),
    /// Something failed inside lotse (500); logged, not shown.
    Internal(Lang, String),
}

impl PageError {
    /// Wraps a store error for a page in `lang`.
    pub fn store(lang: Lang) -> impl FnOnce(lotse_store::StoreError) -> PageError {
        move |e| PageError::Internal(lang, e.to_string())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, lang, errors) = match self {
            PageError::NotFound(lang) => (StatusCode::NOT_FOUND, lang, Vec::new()),
            PageError::BadRequest(lang, errors) => (StatusCode::BAD_REQUEST, lang, errors),
            PageError::Internal(lang, detail) => {
                tracing::error!(error = %detail, "internal error in page handler");
                (StatusCode::INTERNAL_SERVER_ERROR, lang, Vec::new())
            }
        };
        crate::http::page::error_page(lang, status, errors)
    }
}
