//! Editing the catalogue over the API: partner editors and social partners create and
//! change their own partner's offerings and schedule or cancel their sessions; center
//! staff edit the whole catalogue. Every decision goes through
//! [`lotse_core::accounts::authorize`].

use crate::http::auth::{Authenticated, SignedIn};
use crate::http::error::{ApiError, FieldError, Problem};
use crate::http::extract::ApiJson;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::DateTime;
use lotse_core::accounts::{Action, authorize};
use lotse_core::catalogue::{Capacity, NewSession, OfferingDraft, SessionTimes, Venue};
use lotse_core::text::WebAddress;
use lotse_store::catalogue::{self as store, EditError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// An offering as created or replaced.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OfferingRequest {
    /// `module`, `workshop`, `info_event`, `webinar`, `consultation` or `demonstrator`.
    pub kind: String,
    /// Title, up to 120 characters.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// Paragraphs separated by blank lines.
    pub description: String,
    /// What participants can do afterwards (1 to 12).
    pub learning_outcomes: Vec<String>,
    /// Topic keys.
    pub topics: Vec<String>,
    /// Audience keys.
    pub audiences: Vec<String>,
    /// Learning time in hours.
    pub duration_hours: i64,
    /// `presence`, `online` or `blended`.
    pub format: String,
    /// The partner that runs it; editors may only name their own.
    pub partner_id: Uuid,
    /// Price in cents, 0 for free.
    pub price_cents: i64,
    /// `de` or `en`.
    pub language: String,
    /// `basic`, `intermediate` or `advanced`.
    pub level: String,
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedDto {
    /// Id.
    pub id: Uuid,
}

fn allowed(me: &SignedIn, partner: Uuid, what: &'static str) -> Result<(), ApiError> {
    match ApiError::from_decision(
        authorize(Some(&me.actor), Action::EditPartnerCatalogue(partner)),
        what,
    ) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn edit_error(e: EditError) -> ApiError {
    match e {
        EditError::MissingReference => {
            ApiError::field("partner_id", "Partner oder Ort gibt es nicht")
        }
        EditError::Store(e) => e.into(),
    }
}

fn parse_offering(body: OfferingRequest) -> Result<lotse_core::catalogue::NewOffering, ApiError> {
    OfferingDraft {
        kind: body.kind,
        title: body.title,
        summary: body.summary,
        description: body.description,
        learning_outcomes: body.learning_outcomes,
        topics: body.topics,
        audiences: body.audiences,
        duration_hours: body.duration_hours,
        format: body.format,
        partner_id: body.partner_id,
        price_cents: body.price_cents,
        language: body.language,
        level: body.level,
    }
    .parse()
    .map_err(|errors| ApiError::Invalid(errors.into_iter().map(FieldError::from).collect()))
}

/// Creates an offering on behalf of `me`; returns its id.
pub async fn offering_create(
    state: &AppState,
    me: &SignedIn,
    body: OfferingRequest,
) -> Result<Uuid, ApiError> {
    allowed(me, body.partner_id, "Der Partner")?;
    let offering = parse_offering(body)?;
    let id = Uuid::now_v7();
    store::create_offering(&state.db, id, &offering, jiff::Timestamp::now())
        .await
        .map_err(edit_error)?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "offering.created",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "partner": offering.partner_id }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(id)
}

/// Create an offering for a partner (its editors and social partners, and staff).
#[utoipa::path(post, path = "/api/v1/offerings", tag = "catalogue", request_body = OfferingRequest,
    responses(
        (status = 201, description = "Created", body = CreatedDto),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Another partner", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_offering(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<OfferingRequest>,
) -> Result<Response, ApiError> {
    let id = offering_create(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })).into_response())
}

/// Replaces offering `id` on behalf of `me`.
pub async fn offering_replace(
    state: &AppState,
    me: &SignedIn,
    id: &str,
    body: OfferingRequest,
) -> Result<(), ApiError> {
    let id = Uuid::try_parse(id).map_err(|_| ApiError::NotFound("Das Angebot"))?;
    let partner = store::offering_partner(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("Das Angebot"))?;
    allowed(me, partner, "Das Angebot")?;
    allowed(me, body.partner_id, "Der Partner")?;
    let offering = parse_offering(body)?;
    if !store::replace_offering(&state.db, id, &offering, jiff::Timestamp::now())
        .await
        .map_err(edit_error)?
    {
        return Err(ApiError::NotFound("Das Angebot"));
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "offering.changed",
        &id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// Replace an offering (the editors of its partner, and staff).
#[utoipa::path(put, path = "/api/v1/offerings/{id}", tag = "catalogue", request_body = OfferingRequest,
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offering, or another partner's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn replace_offering(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<OfferingRequest>,
) -> Result<StatusCode, ApiError> {
    offering_replace(&state, &me, &id, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A session to schedule. Times are Europe/Berlin wall-clock times.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SessionRequest {
    /// Start, `YYYY-MM-DDTHH:MM` in Europe/Berlin.
    pub starts_at: String,
    /// End, `YYYY-MM-DDTHH:MM` in Europe/Berlin.
    pub ends_at: String,
    /// Registration closes then (default: one day before the start).
    pub registration_deadline: Option<String>,
    /// A place (see `/api/v1/places`), for sessions in person.
    pub place_id: Option<Uuid>,
    /// A link, for sessions online.
    pub online_link: Option<String>,
    /// Seats.
    pub capacity: i64,
    /// Participants may cancel until this many hours before the start (default 24).
    pub cancellation_cutoff_hours: Option<i64>,
}

fn local(field: &'static str, raw: &str) -> Result<DateTime, FieldError> {
    raw.trim().parse::<DateTime>().map_err(|_| FieldError {
        field: field.into(),
        message: "muss Datum und Uhrzeit im Format JJJJ-MM-TTTHH:MM sein".into(),
    })
}

/// Schedules a session of offering `id` on behalf of `me`; returns its id.
pub async fn session_create(
    state: &AppState,
    me: &SignedIn,
    id: &str,
    body: SessionRequest,
) -> Result<Uuid, ApiError> {
    let offering = Uuid::try_parse(id).map_err(|_| ApiError::NotFound("Das Angebot"))?;
    let partner = store::offering_partner(&state.db, offering)
        .await?
        .ok_or(ApiError::NotFound("Das Angebot"))?;
    allowed(me, partner, "Das Angebot")?;
    let mut errors = Vec::new();
    let starts = local("starts_at", &body.starts_at)
        .map_err(|e| errors.push(e))
        .ok();
    let ends = local("ends_at", &body.ends_at)
        .map_err(|e| errors.push(e))
        .ok();
    let deadline = match body
        .registration_deadline
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        Some(raw) => local("registration_deadline", raw)
            .map_err(|e| errors.push(e))
            .ok()
            .map(Some),
        None => Some(None),
    };
    let capacity = Capacity::parse(body.capacity)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let link = match body.online_link.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(raw) => WebAddress::parse("online_link", raw)
            .map_err(|e| errors.push(e.into()))
            .ok()
            .map(Some),
        None => Some(None),
    };
    let (Some(starts), Some(ends), Some(deadline), Some(capacity), Some(link)) =
        (starts, ends, deadline, capacity, link)
    else {
        return Err(ApiError::Invalid(errors));
    };
    let times = SessionTimes::from_berlin(starts, ends, deadline.unwrap_or(starts))?;
    let times = match deadline {
        Some(_) => times,
        None => SessionTimes::new(
            times.starts_at,
            times.ends_at,
            SessionTimes::default_deadline(times.starts_at),
        )?,
    };
    let venue = Venue::new(body.place_id, link)?;
    let cancellation_cutoff_hours = match body.cancellation_cutoff_hours {
        Some(h) => lotse_core::catalogue::CutoffHours::parse(h)?,
        None => lotse_core::catalogue::CutoffHours::DEFAULT,
    };
    let session = NewSession {
        offering_id: offering,
        times,
        venue,
        capacity,
        cancellation_cutoff_hours,
    };
    let id = Uuid::now_v7();
    store::create_session(&state.db, id, &session, jiff::Timestamp::now())
        .await
        .map_err(|e| match e {
            EditError::MissingReference => ApiError::field("place_id", "diesen Ort gibt es nicht"),
            EditError::Store(e) => e.into(),
        })?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "session.created",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "offering": offering }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(id)
}

/// Schedule a session of an offering (the editors of its partner, and staff).
#[utoipa::path(post, path = "/api/v1/offerings/{id}/sessions", tag = "catalogue", request_body = SessionRequest,
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 201, description = "Scheduled", body = CreatedDto),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offering, or another partner's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_session(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SessionRequest>,
) -> Result<Response, ApiError> {
    let id = session_create(&state, &me, &id, body).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })).into_response())
}

/// Cancels session `id` on behalf of `me`.
pub async fn session_cancel(state: &AppState, me: &SignedIn, id: &str) -> Result<(), ApiError> {
    let id = Uuid::try_parse(id).map_err(|_| ApiError::NotFound("Der Termin"))?;
    let (_, partner) = store::session_owner(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("Der Termin"))?;
    allowed(me, partner, "Der Termin")?;
    if !store::cancel_session(&state.db, id).await? {
        return Err(ApiError::Conflict(
            "Der Termin ist bereits abgesagt.".into(),
        ));
    }
    // Everybody on the session hears of it.
    for r in lotse_store::booking::registrations_on(&state.db, id).await? {
        if r.status.is_active() {
            crate::booking::api::notify(state, r.id, crate::mail::MailKind::SessionCancelled)
                .await?;
        }
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "session.cancelled",
        &id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// Cancel a session (the editors of its offering's partner, and staff).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/cancel", tag = "catalogue",
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit sessions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already cancelled", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel_session(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    session_cancel(&state, &me, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Withdraws offering `id` on behalf of `me`; returns how many sessions were cancelled.
pub async fn offering_withdraw(state: &AppState, me: &SignedIn, id: &str) -> Result<u64, ApiError> {
    let id = Uuid::try_parse(id).map_err(|_| ApiError::NotFound("Das Angebot"))?;
    let partner = store::offering_partner(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound("Das Angebot"))?;
    allowed(me, partner, "Das Angebot")?;
    let cancelled = store::withdraw_offering(&state.db, id, jiff::Timestamp::now())
        .await?
        .ok_or(ApiError::NotFound("Das Angebot"))?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "offering.withdrawn",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "sessions_cancelled": cancelled }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(cancelled)
}

/// Withdraw an offering: it leaves the catalogue and its planned sessions are
/// cancelled (the editors of its partner, and staff).
#[utoipa::path(delete, path = "/api/v1/offerings/{id}", tag = "catalogue",
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offering, or another partner's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn withdraw_offering(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    offering_withdraw(&state, &me, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
