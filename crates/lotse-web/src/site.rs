//! The site's small pages: imprint, privacy notice (the operator's texts from the site
//! folder, see [`crate::site_content`]), the operator's logo and colours, and the
//! language switch.

use crate::app::PageRoute;
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::site_content::{LegalPage, Site};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

/// What a legal page shows.
enum LegalBody {
    /// The operator's text.
    Operator {
        html: String,
        german_for_english: bool,
    },
    /// The built-in example paragraphs, marked as such.
    Example(Vec<String>),
}

#[derive(Template)]
#[template(path = "legal_page.html")]
struct LegalTemplate {
    ctx: Ctx,
    heading: String,
    body: LegalBody,
}

fn legal_page(lang: Lang, page: LegalPage) -> Response {
    let (path, prefix, examples) = match page {
        LegalPage::Imprint => ("/impressum", "imprint", 3),
        LegalPage::Privacy => ("/datenschutz", "privacy", 4),
    };
    let site = Site::current();
    let body = match site.legal(page, lang) {
        Some(text) => LegalBody::Operator {
            html: text.html.to_owned(),
            german_for_english: text.german_for_english,
        },
        None => LegalBody::Example(
            (1..=examples)
                .map(|n| lang.t(&format!("{prefix}-p{n}")))
                .collect(),
        ),
    };
    render(LegalTemplate {
        ctx: Ctx::new(lang, path),
        heading: lang.t(&format!("{prefix}-heading")),
        body,
    })
}

/// `GET /impressum`: the imprint as the operator wrote it (an example until then).
pub async fn imprint(lang: Lang) -> Response {
    legal_page(lang, LegalPage::Imprint)
}

/// `GET /datenschutz`: the privacy notice as the operator wrote it (an example until
/// then).
pub async fn privacy(lang: Lang) -> Response {
    legal_page(lang, LegalPage::Privacy)
}

/// `GET /site/logo`: the operator's logo (404 without one).
pub async fn logo(lang: Lang) -> Response {
    let site = Site::current();
    let Some(logo) = site.logo() else {
        return error_page(lang, StatusCode::NOT_FOUND, Vec::new());
    };
    (
        [
            (header::CONTENT_TYPE, logo.content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            // An SVG opened on its own runs nothing and loads nothing.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
        ],
        logo.bytes.clone(),
    )
        .into_response()
}

/// `GET /site/farben.css`: the operator's brand colours (404 without them).
pub async fn colours(lang: Lang) -> Response {
    match Site::current().colours_css() {
        Some(css) => (
            [
                (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            css,
        )
            .into_response(),
        None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
    }
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
        ("GET", "/site/logo", get(logo)),
        ("GET", "/site/farben.css", get(colours)),
        ("GET", "/sprache/{lang}", get(switch_language)),
        ("GET", "/api/docs", get(crate::openapi::docs_page)),
    ]
}
