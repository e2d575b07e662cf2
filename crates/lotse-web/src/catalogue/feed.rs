//! The open feed of offerings for portals and partners' sites: every live offering
//! with its upcoming sessions as schema.org data (the same `Course` and
//! `EducationEvent` objects the offering pages embed), one page at a time, in a
//! schema.org `DataFeed`. The filters are the catalogue's, so a partner can pull just
//! its own offerings or a portal one topic.

use super::pages::CatalogueQuery;
use super::structured;
use crate::error::AppError;
use crate::http::error::Problem;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use lotse_store::catalogue as store;
use serde_json::{Value, json};

/// Offerings per page when the request names no `limit`.
const PAGE: &str = "100";

/// The feed's media type: JSON-LD.
const JSON_LD: &str = "application/ld+json";

/// A schema.org object without its own `@context`: the feed has one for all.
fn without_context(mut v: Value) -> Value {
    if let Some(object) = v.as_object_mut() {
        object.remove("@context");
    }
    v
}

/// Live offerings with their upcoming sessions as a schema.org `DataFeed`, a page at
/// a time: the next page's address is in the `Link` header (`rel="next"`).
#[utoipa::path(
    get,
    path = "/api/v1/feed/offerings",
    tag = "catalogue",
    params(CatalogueQuery),
    responses(
        (status = 200, description = "A page of the feed: a schema.org DataFeed whose elements are `Course` objects (modules and workshops, with a `CourseInstance` per session) and `EducationEvent` objects (one per session of other offerings); each carries the offering's id as `identifier`. Join links of online sessions are never part of it.", body = Object, content_type = "application/ld+json",
         headers(("Link" = String, description = "`<…>; rel=\"next\"` while more pages follow"))),
        (status = 400, description = "Invalid filter, limit or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn offerings(
    State(state): State<AppState>,
    query: Result<Query<CatalogueQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(mut query) = query.map_err(|e| AppError::query(&e))?;
    if query.limit.is_none() {
        query.limit = Some(PAGE.into());
    }
    let (filter, cursor, limit) = query.parse().map_err(AppError::Invalid)?;
    let now = jiff::Timestamp::now();
    let page = state
        .catalogue
        .list(&state.db, &filter, cursor.as_ref(), limit, now)
        .await?;
    let base = &state.config.public_url;
    let mut elements = Vec::with_capacity(page.items.len());
    for card in &page.items {
        // Withdrawn between the list and this read: left out, as the next read would.
        let Some(detail) = store::offering(&state.db, card.id, now).await? else {
            continue;
        };
        let url = format!("{base}/angebote/{}", card.id);
        let described = structured::offering(&detail, &url);
        let identified = |v: Value| {
            let mut v = without_context(v);
            if let Some(object) = v.as_object_mut() {
                object.insert("identifier".into(), json!(card.id));
            }
            v
        };
        match described {
            Value::Array(events) => elements.extend(events.into_iter().map(identified)),
            course => elements.push(identified(course)),
        }
    }
    let feed = json!({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": format!("{} – {}", structured::CENTER_NAME, crate::i18n::Lang::De.t("nav-catalogue")),
        "url": format!("{base}/angebote"),
        "provider": without_context(structured::center(base)),
        "dataFeedElement": elements,
    });
    let mut response = (
        [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_LD))],
        feed.to_string(),
    )
        .into_response();
    if let Some(next) = page.next {
        let mut params = form_urlencoded::Serializer::new(String::new());
        for (name, value) in query.without_cursor() {
            params.append_pair(name, &value);
        }
        params.append_pair("cursor", &next.encode());
        let link = format!(
            "<{base}/api/v1/feed/offerings?{}>; rel=\"next\"",
            params.finish()
        );
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(response)
}
