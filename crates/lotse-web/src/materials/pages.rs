//! Downloading a material: the file with its own name, as an attachment, never run by
//! the browser; a link material sends the reader on.

use super::service;
use crate::error::AppError;
use crate::http::auth::MaybeSignedIn;
use crate::http::page::error_page;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use uuid::Uuid;

/// What RFC 8187 lets stand unencoded in `filename*` (its `attr-char`).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `Content-Disposition` for a download named `name`: an ASCII fallback for old
/// clients and the exact name in UTF-8 (RFC 6266, RFC 8187).
pub fn attachment(name: &str) -> Option<HeaderValue> {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        utf8_percent_encode(name, ATTR_CHAR)
    ))
    .ok()
}

/// A material as a list on a page shows it.
#[derive(Debug, Clone)]
pub struct MaterialRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it opens: the download, or the link.
    pub href: String,
    /// "PDF · 1,3 MB", "Link · example.org".
    pub detail: String,
    /// "Für alle" or "Für Teilnehmende".
    pub audience: String,
    /// The session it belongs to, if one ("Di., 4. März 2031, 9:00–12:00 Uhr").
    pub session: Option<String>,
    /// Whether it opens elsewhere.
    pub external: bool,
}

impl MaterialRow {
    /// The row of `m`; `session_when` names a session of the offering.
    pub fn new(
        lang: Lang,
        m: &lotse_store::catalogue::Material,
        session_when: impl Fn(Uuid) -> Option<String>,
    ) -> Self {
        let (href, detail, external) = match &m.url {
            Some(url) => {
                let host = url::Url::parse(url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_default();
                (
                    url.clone(),
                    format!("{} · {host}", lang.t("materials-link")),
                    true,
                )
            }
            None => {
                let kind = m
                    .file_name
                    .as_deref()
                    .and_then(|n| n.rsplit_once('.'))
                    .map(|(_, e)| e.to_uppercase())
                    .unwrap_or_default();
                let size = crate::format::file_size(lang, m.size_bytes.unwrap_or_default());
                (
                    format!("/materialien/{}", m.id),
                    format!("{kind} · {size}"),
                    false,
                )
            }
        };
        Self {
            id: m.id.to_string(),
            title: m.title.clone(),
            href,
            detail,
            audience: lang.t(&format!("materials-audience-{}", m.audience)),
            session: m.session_id.and_then(session_when),
            external,
        }
    }
}

/// `GET /materialien/{id}`: the file (or the link) for those who may see it. Visitors
/// who are not signed in are asked to sign in first for a participants' material;
/// everybody else who may not see it finds nothing.
pub async fn download(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let not_found = || Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    let Ok(id) = Uuid::try_parse(&id) else {
        return not_found();
    };
    let Some((material, partner)) = lotse_store::catalogue::material(&state.db, id).await? else {
        return not_found();
    };
    if !service::may_open(&state, me.0.as_ref(), &material, partner).await? {
        if me.0.is_none() {
            return Ok(
                crate::http::auth::require(me, &format!("/materialien/{id}"))
                    .err()
                    .map(IntoResponse::into_response)
                    .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response()),
            );
        }
        return not_found();
    }
    if let Some(url) = &material.url {
        return Ok(Redirect::to(url).into_response());
    }
    let path = state.config.materials.path(id);
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(e) => {
            // The row outlived its file (removed by hand, a restore without files).
            tracing::warn!(material = %id, error = %e, "material file missing");
            return not_found();
        }
    };
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    let content_type = material
        .content_type
        .as_deref()
        .and_then(|t| HeaderValue::from_str(t).ok())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    if let Some(size) = material.size_bytes {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    }
    if let Some(disposition) = attachment(material.file_name.as_deref().unwrap_or("material")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    // Even opened in place, nothing in it runs, and a participants' file stays off
    // shared caches.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if material.for_everyone() {
            "public, max-age=300"
        } else {
            "private, no-store"
        }),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::attachment;

    #[test]
    fn a_download_keeps_its_name_and_old_clients_get_a_safe_one() {
        let value = attachment("Folien Teil 1 (März) \"neu\".pdf")
            .and_then(|v| v.to_str().ok().map(str::to_owned))
            .unwrap_or_default();
        assert_eq!(
            value,
            "attachment; filename=\"Folien Teil 1 (M_rz) _neu_.pdf\"; \
             filename*=UTF-8''Folien%20Teil%201%20%28M%C3%A4rz%29%20%22neu%22.pdf"
        );
    }
}
