//! Editing the catalogue over the API: partner editors and social partners create and
//! change their own partner's offerings and schedule or cancel their sessions; center
//! staff edit the whole catalogue. Every decision goes through
//! [`lotse_core::accounts::authorize`].

use super::service::{
    offering_create, offering_replace, offering_withdraw, session_cancel, session_create,
};
use crate::error::AppError;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchOffering, NoSuchSession, PathId};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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
    /// Whether attending it counts toward qualifications, so that a qualification may
    /// name it; modules always count.
    #[serde(default)]
    pub counts_for_qualifications: bool,
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CreatedDto {
    pub id: Uuid,
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
) -> Result<Response, AppError> {
    let id = offering_create(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })).into_response())
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
    PathId(id, _): PathId<NoSuchOffering>,
    ApiJson(body): ApiJson<OfferingRequest>,
) -> Result<StatusCode, AppError> {
    offering_replace(&state, &me, id, body).await?;
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
    /// How to dial in by phone (up to 500 characters), with an online link only. Shown,
    /// like the link, only to participants with a seat.
    #[serde(default)]
    pub dial_in: Option<String>,
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
    PathId(offering, _): PathId<NoSuchOffering>,
    ApiJson(body): ApiJson<SessionRequest>,
) -> Result<Response, AppError> {
    let id = session_create(&state, &me, offering, body).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })).into_response())
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
    PathId(id, _): PathId<NoSuchSession>,
) -> Result<StatusCode, AppError> {
    session_cancel(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
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
    PathId(id, _): PathId<NoSuchOffering>,
) -> Result<StatusCode, AppError> {
    offering_withdraw(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
