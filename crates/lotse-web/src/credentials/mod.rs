//! Credentials: the verification page and its JSON, the status lists, the learner's
//! list, verification and revocation. Issuing happens where completion happens (in the
//! attendance transaction); signing right after and in a background job.

pub mod api;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The public verification page (and the credential's JSON), the status lists, and the
/// staff's revocation form.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET", "/nachweise/{file}", get(pages::credential)),
        ("GET", "/nachweise/status/{number}", get(pages::status_list)),
        ("POST", "/nachweise/{id}/widerrufen", post(pages::revoke)),
        (
            "POST",
            "/nachweise/{id}/neu-ausstellen",
            post(pages::reissue),
        ),
    ]
}

/// Verification, the learner's credentials, revocation and reissue.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::verify_stored))
        .routes(routes!(api::verify_given))
        .routes(routes!(api::mine))
        .routes(routes!(api::revoke))
        .routes(routes!(api::reissue))
}
