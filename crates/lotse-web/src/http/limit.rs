//! How large a request's body may be: one limit for every route, a larger one for the
//! routes that take files.

use crate::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The limits, in bytes.
#[derive(Debug, Clone)]
pub struct BodyLimits {
    /// For every route but the uploads.
    pub default: usize,
    /// For the paths in `upload_paths`.
    pub upload: usize,
    /// The paths that take files.
    pub upload_paths: &'static [&'static str],
    /// For the paths that take materials' files.
    pub material: usize,
    /// Which paths take materials' files.
    pub material_paths: fn(&str) -> bool,
}

/// Refuses a body announced larger than the route's limit before reading it, and cuts
/// off one that turns out larger while being read (extractors then refuse it).
pub async fn limit_bodies(
    State(limits): State<BodyLimits>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let limit = if limits.upload_paths.contains(&path) {
        limits.upload.max(limits.default)
    } else if (limits.material_paths)(path) {
        limits.material.max(limits.default)
    } else {
        limits.default
    };
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return AppError::TooLarge(limit).into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}
