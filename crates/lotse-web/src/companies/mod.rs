//! Companies: the profile, members, invitations by e-mail, removing and leaving.

pub mod api;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The company actions of the account page, and accepting an invitation.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET", "/einladung", get(pages::invitation_page)),
        (
            "POST",
            "/konto/unternehmen/{id}/einladen",
            post(pages::company_invite),
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/mitglieder/{person}/entfernen",
            post(pages::company_remove),
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/mitgliedschaften",
            post(pages::company_member_of),
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/verlassen",
            post(pages::company_leave),
        ),
    ]
}

/// The companies API.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::get_company, api::put_company))
        .routes(routes!(api::members))
        .routes(routes!(api::get_member_of, api::put_member_of))
        .routes(routes!(api::invite))
        .routes(routes!(api::accept))
        .routes(routes!(api::remove_member))
        .routes(routes!(api::leave))
}
