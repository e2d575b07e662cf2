//! schema.org data for search engines and portals: each offering page carries its
//! offering as JSON-LD (a `Course` with its `CourseInstance`s for modules and
//! workshops, one `EducationEvent` per session for everything else), the start page
//! the center as an `Organization`; `sitemap.xml` lists every public page and
//! `robots.txt` names it.
//!
//! Join links of online sessions are never part of it: an online session's
//! `VirtualLocation` is the offering's public page.

use crate::format::rfc3339;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use lotse_core::catalogue::{Format, OfferingKind, SessionStatus};
use lotse_store::catalogue::{self as store, OfferingDetail, SessionView};
use serde_json::{Value, json};

/// The center's name as search engines show it.
pub const CENTER_NAME: &str = "Mittelstand-Digital Zentrum – lotse";

/// JSON-LD ready to sit in a `<script type="application/ld+json">` element: `<` is
/// escaped, so no text of an offering can close the element.
pub fn embeddable(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The offering at `url` (its public page) as schema.org data.
pub fn offering(detail: &OfferingDetail, url: &str) -> Value {
    let c = &detail.card;
    let provider = json!({
        "@type": "Organization",
        "name": c.partner.name,
    });
    let language = c.language.key();
    let offer = |availability: &str| {
        json!({
            "@type": "Offer",
            "price": format!("{}.{:02}", c.price_cents / 100, c.price_cents % 100),
            "priceCurrency": "EUR",
            "availability": availability,
            "url": url,
        })
    };
    let location = |s: &SessionView| match &s.place {
        Some(p) => json!({
            "@type": "Place",
            "name": p.name,
            "address": p.address,
        }),
        None => json!({ "@type": "VirtualLocation", "url": url }),
    };
    let attendance = |s: &SessionView| match (&s.place, c.format) {
        (None, _) => "https://schema.org/OnlineEventAttendanceMode",
        (Some(_), Format::Blended) => "https://schema.org/MixedEventAttendanceMode",
        (Some(_), _) => "https://schema.org/OfflineEventAttendanceMode",
    };
    let status = |s: &SessionView| match s.status {
        SessionStatus::Cancelled => "https://schema.org/EventCancelled",
        SessionStatus::Planned => "https://schema.org/EventScheduled",
    };
    let availability = |s: &SessionView| {
        if s.seats_free > 0 {
            "https://schema.org/InStock"
        } else {
            "https://schema.org/SoldOut"
        }
    };
    match c.kind {
        OfferingKind::Module | OfferingKind::Workshop => {
            let instances: Vec<Value> = detail
                .sessions
                .iter()
                .filter(|s| s.status == SessionStatus::Planned)
                .map(|s| {
                    json!({
                        "@type": "CourseInstance",
                        "courseMode": match (&s.place, c.format) {
                            (None, _) => "online",
                            (Some(_), Format::Blended) => "blended",
                            (Some(_), _) => "onsite",
                        },
                        "startDate": rfc3339(s.starts_at),
                        "endDate": rfc3339(s.ends_at),
                        "location": location(s),
                        "offers": offer(availability(s)),
                    })
                })
                .collect();
            json!({
                "@context": "https://schema.org",
                "@type": "Course",
                "name": c.title,
                "description": c.summary,
                "url": url,
                "provider": provider,
                "inLanguage": language,
                "timeRequired": format!("PT{}H", c.duration_hours),
                "teaches": detail.learning_outcomes,
                "offers": offer("https://schema.org/InStock"),
                "hasCourseInstance": instances,
            })
        }
        _ => {
            let events: Vec<Value> = detail
                .sessions
                .iter()
                .map(|s| {
                    json!({
                        "@context": "https://schema.org",
                        "@type": "EducationEvent",
                        "name": c.title,
                        "description": c.summary,
                        "url": url,
                        "startDate": rfc3339(s.starts_at),
                        "endDate": rfc3339(s.ends_at),
                        "eventStatus": status(s),
                        "eventAttendanceMode": attendance(s),
                        "location": location(s),
                        "organizer": provider,
                        "inLanguage": language,
                        "offers": offer(availability(s)),
                    })
                })
                .collect();
            Value::Array(events)
        }
    }
}

/// The center itself, for the start page.
pub fn center(public_url: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": CENTER_NAME,
        "url": public_url,
        "logo": format!("{public_url}/static/favicon.svg"),
    })
}

/// `GET /robots.txt`: everything public may be read; accounts, editing and the API's
/// writes are no place for crawlers.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /konto\nDisallow: /redaktion\nDisallow: /verwaltung\n\
         Disallow: /anmelden\nDisallow: /registrieren\nDisallow: /herausforderung\n\
         Disallow: /angebote/vorschlaege\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        state.config.public_url
    );
    text(body, "text/plain; charset=utf-8")
}

/// `GET /sitemap.xml`: the start page, the lists, and every live offering,
/// qualification and partner.
pub async fn sitemap(State(state): State<AppState>) -> Result<Response, crate::error::AppError> {
    let base = &state.config.public_url;
    let mut paths: Vec<String> = ["/", "/angebote", "/qualifizierungen", "/partner", "/check"]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
    let now = jiff::Timestamp::now();
    let mut cursor = None;
    loop {
        let page = state
            .catalogue
            .list(
                &state.db,
                &store::OfferingFilter::default(),
                cursor.as_ref(),
                100,
                now,
            )
            .await?;
        paths.extend(page.items.iter().map(|c| format!("/angebote/{}", c.id)));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    paths.extend(
        store::qualifications(&state.db)
            .await?
            .iter()
            .map(|q| format!("/qualifizierungen/{}", q.id)),
    );
    paths.extend(
        store::partners(&state.db)
            .await?
            .iter()
            .map(|p| format!("/partner/{}", p.id)),
    );
    let urls: Vec<String> = paths.iter().map(|p| format!("{base}{p}")).collect();
    let body = SitemapTemplate { urls }
        .render()
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    Ok(text(body, "application/xml; charset=utf-8"))
}

/// The sitemap; askama escapes the addresses for XML.
#[derive(Template)]
#[template(path = "sitemap.xml")]
struct SitemapTemplate {
    urls: Vec<String>,
}

fn text(body: String, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
