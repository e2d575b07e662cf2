//! The site's small pages: imprint, privacy notice and the language switch.

use crate::app::PageRoute;
use crate::http::page::{error_page, text_page};
use crate::i18n::Lang;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

/// `GET /impressum`: the imprint (a placeholder the operator fills in).
pub async fn imprint(lang: Lang) -> Response {
    text_page(lang, "/impressum", "imprint", 3)
}

/// `GET /datenschutz`: the privacy notice (a placeholder the operator completes).
pub async fn privacy(lang: Lang) -> Response {
    text_page(lang, "/datenschutz", "privacy", 4)
}

/// Where to return after switching the language.
#[derive(Debug, Deserialize)]
pub struct SwitchQuery {
    zurueck: Option<String>,
}

/// `GET /sprache/{lang}`: remembers the language in a cookie and returns to the page.
/// Only local paths are followed, so the switch cannot redirect elsewhere.
pub async fn switch_language(
    Path(code): Path<String>,
    query: Result<Query<SwitchQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return error_page(Lang::De, StatusCode::NOT_FOUND, Vec::new());
    };
    let back = query
        .ok()
        .and_then(|Query(q)| q.zurueck)
        .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
        .unwrap_or_else(|| "/".to_owned());
    (CookieJar::new().add(lang.cookie()), Redirect::to(&back)).into_response()
}

/// The site's pages, and the API described for people.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET", "/impressum", get(imprint)),
        ("GET", "/datenschutz", get(privacy)),
        ("GET", "/sprache/{lang}", get(switch_language)),
        ("GET", "/api/docs", get(crate::openapi::docs_page)),
    ]
}
