//! The Digitalisierungs-Check: the questionnaire step by step, the result with peers,
//! progress and recommendations, and its PDF report.

pub mod api;
pub mod pages;
pub mod report;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The check's pages.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET POST", "/check", get(pages::start).post(pages::begin)),
        (
            "GET POST",
            "/check/{id}/schritt/{step}",
            get(pages::show_step).post(pages::save_step),
        ),
        ("GET", "/check/{id}/ergebnis", get(pages::result)),
    ]
}

/// The check's API.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::get_questionnaire))
        .routes(routes!(api::post_assessment))
        .routes(routes!(api::get_assessment))
        .routes(routes!(report::report_pdf))
}
