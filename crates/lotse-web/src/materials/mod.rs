//! Materials around an offering or a session: files and links for everyone or for its
//! participants. The editor's forms live with the catalogue editor; this area keeps
//! the rules, the API and the downloads.

pub mod api;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The download of a material.
pub fn page_routes() -> Vec<PageRoute> {
    vec![("GET", "/materialien/{id}", get(pages::download))]
}

/// The materials' API.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_for_offering, api::add_to_offering))
        .routes(routes!(api::list_for_session, api::add_to_session))
        .routes(routes!(api::remove))
}

/// Whether a request to `path` may carry a material's file (and so gets the file
/// limit rather than the general one).
pub fn takes_files(path: &str) -> bool {
    let under = |prefix: &str, suffix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
    };
    under("/api/v1/offerings/", "/materials")
        || under("/api/v1/sessions/", "/materials")
        || under("/redaktion/angebote/", "/materialien")
}
