//! The funder's figures: KPIs by period and breakdown, suppressed for viewers outside
//! the center, as JSON, CSV and XLSX. What counts is `lotse_core::reporting`.

pub mod api;
pub mod charts;
pub mod export;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `GET /api/v1/reports/kpis` and `GET /api/v1/reports/evaluations`.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::kpis))
        .routes(routes!(api::evaluations))
}

/// `/auswertung`, the dashboard.
pub fn page_routes() -> Vec<PageRoute> {
    vec![("GET", "/auswertung", get(pages::dashboard))]
}
