//! The funder's figures: KPIs by period and breakdown, suppressed for viewers outside
//! the center, as JSON, CSV and XLSX. What counts is `lotse_core::reporting`.

pub mod api;
pub mod export;
pub mod service;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `GET /api/v1/reports/kpis` and `GET /api/v1/reports/evaluations`.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::kpis))
        .routes(routes!(api::evaluations))
}
