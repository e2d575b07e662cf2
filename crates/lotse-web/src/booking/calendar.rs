//! Calendar files: one per booked session (attached to mails), a public feed per
//! topic (`/ical/topics/{topic}.ics`) and a private feed per person
//! (`/ical/me/{secret}.ics`, the secret revocable). Times are written in UTC, which
//! every calendar shows in its own zone, so Europe/Berlin's daylight-saving changes
//! cannot shift them.

use crate::error::AppError;
use crate::http::auth::{self, Authenticated};
use crate::http::error::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use lotse_core::catalogue::Topic;
use lotse_store::calendar::{self as store, CalendarEntry};
use serde::Serialize;
use utoipa::ToSchema;

fn utc(seconds: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(seconds, 0)
}

/// A calendar with one event per entry.
pub fn ics(name: &str, entries: &[CalendarEntry], public_url: &str) -> String {
    // The library's default PRODID names the library; RFC 5545 (3.7.3) wants the
    // product that made the file.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//lotse//lotse//DE"))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar.name(name);
    // Mails label their calendar part `method=PUBLISH`; RFC 5545 wants the file to say
    // the same. Published sessions, not invitations to reply to.
    calendar.append_property(("METHOD", "PUBLISH"));
    for e in entries {
        let (Some(starts), Some(ends)) = (utc(e.starts_at), utc(e.ends_at)) else {
            continue;
        };
        let mut event = Event::new();
        // For someone with a seat, the join link is the event's address (calendar apps
        // offer it as the button to join) and the description says how to dial in.
        let description = match (&e.join_link, &e.dial_in) {
            (Some(link), Some(dial_in)) => format!("{}\n\n{link}\n{dial_in}", e.summary),
            (Some(link), None) => format!("{}\n\n{link}", e.summary),
            _ => e.summary.clone(),
        };
        let url = match &e.join_link {
            Some(link) => link.clone(),
            None => format!("{public_url}/angebote/{}", e.offering_id),
        };
        event
            .uid(&format!("{}@lotse", e.session_id))
            .summary(&e.title)
            .description(&description)
            .starts(starts)
            .ends(ends)
            .url(&url);
        if let Some(stamp) = utc(lotse_store::now_seconds()) {
            event.timestamp(stamp);
        }
        match (&e.place_name, &e.place_address) {
            (Some(name), Some(address)) => {
                event.location(&format!("{name}, {address}"));
            }
            _ => {
                event.location(e.join_link.as_deref().unwrap_or("Online"));
            }
        }
        if e.status == "cancelled" {
            event.status(EventStatus::Cancelled);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

fn calendar_response(body: String) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    response
}

/// `GET /ical/topics/{topic}.ics`: upcoming sessions of a topic.
pub async fn topic_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let key = file.strip_suffix(".ics").unwrap_or("");
    let topic =
        Topic::parse(key).map_err(|_| AppError::NotFound("refusal-not-found-topic".into()))?;
    let from = lotse_store::now_seconds() - 24 * 3600;
    let entries = store::topic_entries(&state.db, topic.key(), from).await?;
    let name = format!(
        "lotse – {}",
        crate::i18n::Lang::De.t(&format!("topic-{}", topic.key()))
    );
    Ok(calendar_response(ics(
        &name,
        &entries,
        &state.config.public_url,
    )))
}

/// `GET /ical/sessions/{session}.ics`: one session of a live offering, for the
/// "in den Kalender" link beside it.
pub async fn session_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound("refusal-not-found-calendar".into());
    let session = file
        .strip_suffix(".ics")
        .and_then(|id| uuid::Uuid::try_parse(id).ok())
        .ok_or_else(not_found)?;
    let entry = store::public_session_entry(&state.db, session)
        .await?
        .ok_or_else(not_found)?;
    let name = format!("lotse – {}", entry.title);
    let mut response = calendar_response(ics(&name, &[entry], &state.config.public_url));
    if let Ok(disposition) =
        HeaderValue::from_str(&format!("attachment; filename=\"termin-{session}.ics\""))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

/// `GET /ical/me/{secret}.ics`: the sessions a person is registered for.
pub async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file.strip_suffix(".ics").unwrap_or("");
    let person = store::feed_person(&state.db, &auth::hash_secret(secret))
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-calendar".into()))?;
    let entries = store::person_entries(&state.db, person).await?;
    Ok(calendar_response(ics(
        "lotse – Meine Termine",
        &entries,
        &state.config.public_url,
    )))
}

/// A personal calendar feed's address.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedDto {
    /// The secret address; anybody who has it sees one's sessions. Shown this once.
    pub url: String,
}

/// Makes a new secret feed address for `person`, replacing (and so revoking) the old
/// one; the address is known only to the caller from now on.
pub async fn new_feed(state: &AppState, person: uuid::Uuid) -> Result<String, AppError> {
    let secret = auth::new_secret()?;
    store::set_feed(
        &state.db,
        person,
        &auth::hash_secret(&secret),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(format!("{}/ical/me/{secret}.ics", state.config.public_url))
}

/// Create (or replace) one's personal calendar feed; the old address stops working.
#[utoipa::path(post, path = "/api/v1/me/calendar-feed", tag = "booking",
    responses((status = 201, description = "The feed's secret address", body = FeedDto), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn create_feed(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    let url = new_feed(&state, me.person.id).await?;
    Ok((StatusCode::CREATED, Json(FeedDto { url })).into_response())
}

/// Revoke one's personal calendar feed.
#[utoipa::path(delete, path = "/api/v1/me/calendar-feed", tag = "booking",
    responses((status = 204, description = "Revoked"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn revoke_feed(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<StatusCode, AppError> {
    store::revoke_feed(&state.db, me.person.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn entry(starts: &str, ends: &str) -> CalendarEntry {
        let at = |s: &str| {
            s.parse::<jiff::Timestamp>()
                .map(|t| t.as_second())
                .unwrap_or_default()
        };
        CalendarEntry {
            session_id: Uuid::nil(),
            offering_id: Uuid::nil(),
            title: "Lager digital".into(),
            summary: "Kurz.".into(),
            starts_at: at(starts),
            ends_at: at(ends),
            place_name: Some("BTU".into()),
            place_address: Some("Cottbus".into()),
            status: "planned".into(),
            join_link: None,
            dial_in: None,
        }
    }

    #[test]
    fn sessions_on_the_days_clocks_change_keep_their_wall_clock_times() {
        // 09:00–12:00 in Berlin on the last Sunday of March (summer time starts at 02:00)
        // and of October 2027 (winter time starts at 03:00).
        let berlin = lotse_core::catalogue::berlin();
        let at = |y, m, d, h| {
            jiff::civil::date(y, m, d)
                .at(h, 0, 0, 0)
                .to_zoned(berlin.clone())
                .map(|z| z.timestamp().to_string())
                .unwrap_or_default()
        };
        let march = entry(&at(2027, 3, 28, 9), &at(2027, 3, 28, 12));
        let october = entry(&at(2027, 10, 31, 9), &at(2027, 10, 31, 12));
        let text = ics("Test", &[march, october], "https://lotse.example");
        // 09:00 CEST is 07:00 UTC; 09:00 CET is 08:00 UTC.
        assert!(text.contains("DTSTART:20270328T070000Z"), "{text}");
        assert!(text.contains("DTEND:20270328T100000Z"), "{text}");
        assert!(text.contains("DTSTART:20271031T080000Z"), "{text}");
        assert!(text.contains("LOCATION:BTU\\, Cottbus"), "{text}");
        assert!(text.starts_with("BEGIN:VCALENDAR"));
    }

    #[test]
    fn a_seat_holders_file_carries_the_join_link_and_dial_in() {
        let mut online = entry("2027-05-06T08:00:00Z", "2027-05-06T10:00:00Z");
        (online.place_name, online.place_address) = (None, None);
        let public = ics(
            "Test",
            std::slice::from_ref(&online),
            "https://lotse.example",
        );
        assert!(public.contains("LOCATION:Online"), "{public}");
        assert!(!public.contains("meet.example"), "{public}");
        online.join_link = Some("https://meet.example/raum-7".into());
        online.dial_in = Some("+49 355 1234".into());
        let seat = ics("Test", &[online], "https://lotse.example");
        let unfolded = seat.replace("\r\n ", "");
        assert!(
            unfolded.contains("URL:https://meet.example/raum-7"),
            "{seat}"
        );
        assert!(
            unfolded.contains("LOCATION:https://meet.example/raum-7"),
            "{seat}"
        );
        assert!(unfolded.contains("+49 355 1234"), "{seat}");
    }
}
