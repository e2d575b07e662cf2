//! Webhooks: staff and partner editors subscribe URLs to events (registrations,
//! check-ins, sessions called off or changed); deliveries are signed as the Standard
//! Webhooks specification says, retried with growing pauses, logged, and a receiver
//! that keeps failing is switched off and its owner told.

pub mod api;
pub mod delivery;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The webhook pages, in the editor's area.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        (
            "GET POST",
            "/redaktion/webhooks",
            get(pages::list).post(pages::create),
        ),
        ("GET", "/redaktion/webhooks/{id}", get(pages::log)),
        ("POST", "/redaktion/webhooks/{id}/test", post(pages::test)),
        (
            "POST",
            "/redaktion/webhooks/{id}/einschalten",
            post(pages::switch_on),
        ),
        (
            "POST",
            "/redaktion/webhooks/{id}/ausschalten",
            post(pages::switch_off),
        ),
        (
            "POST",
            "/redaktion/webhooks/{id}/loeschen",
            post(pages::delete),
        ),
    ]
}

/// The webhooks API.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list, api::create))
        .routes(routes!(api::change, api::delete))
        .routes(routes!(api::test))
        .routes(routes!(api::deliveries))
}
