//! Accounts: registration, sign-in, the account page, tokens, DSGVO export and
//! erasure, and the administration of people by staff and admins.

pub mod admin;
pub mod api;
pub(crate) mod audit;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The account pages and the administration.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        (
            "GET POST",
            "/anmelden",
            get(pages::login_page).post(pages::login_submit),
        ),
        (
            "GET POST",
            "/registrieren",
            get(pages::register_page).post(pages::register_submit),
        ),
        ("POST", "/abmelden", post(pages::sign_out)),
        ("GET", "/konto", get(pages::account)),
        ("POST", "/konto/sprache", post(pages::account_language)),
        ("POST", "/konto/passwort", post(pages::account_password)),
        ("POST", "/konto/tokens", post(pages::account_token_create)),
        (
            "POST",
            "/konto/tokens/{id}/widerrufen",
            post(pages::account_token_revoke),
        ),
        (
            "POST",
            "/konto/ueberall-abmelden",
            post(pages::account_sign_out_everywhere),
        ),
        ("POST", "/konto/loeschen", post(pages::account_delete)),
        (
            "POST",
            "/konto/bestaetigung-senden",
            post(pages::account_resend_confirmation),
        ),
        ("GET", "/konto/bestaetigen", get(pages::confirm_page)),
        ("GET", "/verwaltung", get(admin::admin)),
        ("POST", "/verwaltung/personen", post(admin::create_person)),
        (
            "GET POST",
            "/passwort-vergessen",
            get(pages::forgot_page).post(pages::forgot_submit),
        ),
        (
            "GET POST",
            "/passwort-neu",
            get(pages::new_password_page).post(pages::new_password_submit),
        ),
    ]
}

/// The accounts API.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::register))
        .routes(routes!(api::login))
        .routes(routes!(api::logout))
        .routes(routes!(api::confirm))
        .routes(routes!(api::password_reset))
        .routes(routes!(api::password_reset_complete))
        .routes(routes!(api::me, api::erase))
        .routes(routes!(api::password))
        .routes(routes!(api::export))
        .routes(routes!(api::tokens_create, api::tokens_list))
        .routes(routes!(api::tokens_revoke))
        .routes(routes!(api::sessions_end_all))
        .routes(routes!(api::admin_create_person))
        .routes(routes!(api::audit_log))
}
