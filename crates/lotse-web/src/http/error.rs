//! Errors as readers see them: `application/problem+json` (RFC 9457) under `/api/`, a
//! friendly page elsewhere, both from the same [`AppError`] and in the reader's
//! language. Internal details are logged, never sent.

use crate::error::{AppError, InvalidField};
use crate::i18n::Lang;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
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

impl FieldError {
    /// The invalid field in `lang`.
    pub fn said(e: &InvalidField, lang: Lang) -> Self {
        Self {
            field: e.field.clone(),
            message: e.message.text(lang),
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

/// The problem document for `error` in `lang`.
pub fn problem(error: &AppError, lang: Lang) -> Problem {
    let status = error.status().as_u16();
    let (detail, errors) = match error {
        AppError::Invalid(fields) => {
            let errors: Vec<FieldError> =
                fields.iter().map(|f| FieldError::said(f, lang)).collect();
            let detail = errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ");
            (detail, errors)
        }
        AppError::Forbidden(m) | AppError::NotFound(m) | AppError::Conflict(m) => {
            (m.text(lang), Vec::new())
        }
        AppError::TooLarge(limit) => (too_large(*limit, lang), Vec::new()),
        AppError::Unauthenticated
        | AppError::SignInRefused
        | AppError::TooManyAttempts
        | AppError::Unavailable(_)
        | AppError::Internal(_) => (
            lang.t(&format!("problem-detail-{}", kind(error))),
            Vec::new(),
        ),
    };
    Problem {
        problem_type: "about:blank".into(),
        title: lang.t(&format!("problem-title-{}", kind(error))),
        status,
        detail,
        errors,
    }
}

/// The part of a message key that names the kind of error.
fn kind(error: &AppError) -> &'static str {
    match error {
        AppError::Invalid(_) => "invalid",
        AppError::Unauthenticated => "unauthenticated",
        AppError::SignInRefused => "sign-in-refused",
        AppError::Forbidden(_) => "forbidden",
        AppError::NotFound(_) => "not-found",
        AppError::Conflict(_) => "conflict",
        AppError::TooManyAttempts => "too-many-attempts",
        AppError::TooLarge(_) => "too-large",
        AppError::Unavailable(_) => "unavailable",
        AppError::Internal(_) => "internal",
    }
}

/// Every kind of error, for the test that each has its title and detail.
#[cfg(test)]
pub(crate) const KINDS: &[&str] = &[
    "invalid",
    "unauthenticated",
    "sign-in-refused",
    "forbidden",
    "not-found",
    "conflict",
    "too-many-attempts",
    "too-large",
    "unavailable",
    "internal",
];

/// The detail of [`AppError::TooLarge`]: the limit in megabytes (or kilobytes).
fn too_large(limit: usize, lang: Lang) -> String {
    crate::error::Message::new("problem-detail-too-large")
        .with(
            "size",
            match limit {
                l if l >= 1024 * 1024 => format!("{} MB", l / (1024 * 1024)),
                l => format!("{} KB", l.div_ceil(1024)),
            },
        )
        .text(lang)
}

/// Writes an [`AppError`] that a handler, an extractor or a middleware answered with:
/// problem+json under `/api/`, the error page elsewhere, in the reader's language
/// (chosen language, then for the API `Accept-Language`, then German).
pub async fn render_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let lang = if api {
        Lang::for_api(request.headers())
    } else {
        Lang::from_headers(request.headers())
    };
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<AppError>() else {
        return response;
    };
    match &error {
        AppError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
        AppError::Unavailable(detail) => {
            tracing::warn!(error = %detail, "database unavailable; answered 503")
        }
        _ => {}
    }
    let mut rendered = if api {
        problem_response(problem(&error, lang))
    } else {
        let (text, errors) = match &error {
            AppError::Invalid(fields) => (
                None,
                fields.iter().map(|f| FieldError::said(f, lang)).collect(),
            ),
            // A page that is not there says so in general words, whatever was missing.
            AppError::Forbidden(m) | AppError::Conflict(m) => (Some(m.text(lang)), Vec::new()),
            AppError::TooLarge(limit) => (Some(too_large(*limit, lang)), Vec::new()),
            _ => (None, Vec::new()),
        };
        crate::http::page::error_page_with(lang, error.status(), text, errors)
    };
    if matches!(error, AppError::TooManyAttempts) {
        rendered.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_static(crate::http::auth::RETRY_AFTER_SECONDS),
        );
    }
    if matches!(error, AppError::Unavailable(_)) {
        // Long enough for a restart or a failover to finish.
        rendered
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    rendered
}
