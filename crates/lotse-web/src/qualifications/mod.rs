//! Qualifications as learners walk them ("Mein Lernweg" and its API) and as staff
//! shape them (versioned rules). Completion itself happens where attendance is
//! recorded (booking), in the same transaction.

pub mod api;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// "Mein Lernweg".
pub fn page_routes() -> Vec<PageRoute> {
    vec![("GET", "/konto/lernweg", get(pages::learning_path))]
}

/// The learner's progress as JSON; creating and changing qualifications.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::mine))
        .routes(routes!(api::create))
        .routes(routes!(api::change))
}
