//! Qualifications as learners walk them ("Mein Lernweg" and its API) and as staff
//! shape them (versioned rules). Completion itself happens where attendance is
//! recorded (booking), in the same transaction.

pub mod api;
pub mod editor;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// "Mein Lernweg" and the staff's qualification editor.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET", "/konto/lernweg", get(pages::learning_path)),
        (
            "GET",
            "/konto/unternehmen/{id}/lernfortschritt",
            get(pages::company_progress),
        ),
        ("GET", "/redaktion/qualifizierungen", get(editor::list)),
        (
            "GET POST",
            "/redaktion/qualifizierungen/neu",
            get(editor::new).post(editor::create),
        ),
        (
            "GET POST",
            "/redaktion/qualifizierungen/{id}",
            get(editor::edit).post(editor::save),
        ),
    ]
}

/// The learner's progress as JSON; creating and changing qualifications.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::mine))
        .routes(routes!(api::create))
        .routes(routes!(api::change))
}
