//! The catalogue: offerings, sessions, qualifications and partners as the public reads
//! them (pages and API), and the editor in which partners and staff keep them.

pub mod api;
pub mod date_requests;
pub mod editor;
pub mod editor_pages;
pub mod feed;
pub mod import;
pub mod import_pages;
pub mod pages;
pub mod search;
pub mod service;
pub mod structured;

use crate::app::PageRoute;
use crate::state::AppState;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The catalogue's pages, the editor's included.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET", "/", get(pages::home)),
        ("GET", "/angebote", get(pages::catalogue_page)),
        ("GET", "/angebote/vorschlaege", get(search::suggest_page)),
        ("GET", "/angebote/{id}", get(pages::offering_page)),
        (
            "POST",
            "/angebote/{id}/benachrichtigen",
            post(date_requests::ask),
        ),
        (
            "GET",
            "/benachrichtigung/{secret}",
            get(date_requests::link_page),
        ),
        (
            "POST",
            "/benachrichtigung/{secret}/bestaetigen",
            post(date_requests::confirm),
        ),
        (
            "POST",
            "/benachrichtigung/{secret}/abmelden",
            post(date_requests::unsubscribe),
        ),
        ("GET", "/herausforderung", get(search::challenge_page)),
        ("GET", "/robots.txt", get(structured::robots)),
        ("GET", "/sitemap.xml", get(structured::sitemap)),
        ("GET", "/qualifizierungen", get(pages::qualifications_page)),
        (
            "GET",
            "/qualifizierungen/{id}",
            get(pages::qualification_page),
        ),
        ("GET", "/partner", get(pages::partners_page)),
        ("GET", "/partner/{id}", get(pages::partner_page)),
        ("GET", "/redaktion", get(editor_pages::editor)),
        (
            "GET POST",
            "/redaktion/angebote/neu",
            get(editor_pages::new_offering).post(editor_pages::create_offering),
        ),
        (
            "GET POST",
            "/redaktion/angebote/{id}",
            get(editor_pages::edit_offering).post(editor_pages::save_offering),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/termine",
            post(editor_pages::add_session),
        ),
        (
            "GET POST",
            "/redaktion/import",
            get(import_pages::form).post(import_pages::dry_run),
        ),
        (
            "GET",
            "/redaktion/import/vorlage.csv",
            get(import_pages::template_csv),
        ),
        (
            "GET",
            "/redaktion/import/vorlage.xlsx",
            get(import_pages::template_xlsx),
        ),
        (
            "POST",
            "/redaktion/import/{id}",
            post(import_pages::confirm),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/materialien",
            post(editor_pages::add_material),
        ),
        (
            "POST",
            "/redaktion/materialien/{id}/entfernen",
            post(editor_pages::remove_material),
        ),
        (
            "POST",
            "/redaktion/termine/{id}/zugang",
            post(editor_pages::save_access),
        ),
        (
            "POST",
            "/redaktion/termine/{id}/absagen",
            post(editor_pages::cancel_session),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/zurueckziehen",
            post(editor_pages::withdraw_offering),
        ),
    ]
}

/// The catalogue's API: reading it, and editing it.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list_offerings, editor::create_offering))
        .routes(routes!(search::suggest_api))
        .routes(routes!(feed::offerings))
        .routes(routes!(search::challenge_api))
        .routes(routes!(
            api::get_offering,
            editor::replace_offering,
            editor::withdraw_offering
        ))
        .routes(routes!(editor::create_session))
        .routes(routes!(date_requests::interest_api))
        .routes(routes!(import::import_api))
        .routes(routes!(editor::cancel_session))
        .routes(routes!(api::list_topics))
        .routes(routes!(api::list_audiences))
        .routes(routes!(api::list_partners))
        .routes(routes!(api::list_places))
        .routes(routes!(api::list_counties))
        .routes(routes!(api::list_qualifications))
        .routes(routes!(api::get_qualification))
}
