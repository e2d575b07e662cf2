//! Booking over the API: registering oneself or, as a company admin, several
//! employees at once; one's registrations; cancelling with automatic promotion from
//! the waitlist; a session's participant list for staff and the offering's editors.

use super::service::{book, cancel_registration, new_ticket_code, session_allows};
use crate::error::AppError;
use crate::error::Message;
use crate::format::rfc3339;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchRegistration, NoSuchSession, PathId};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotse_core::accounts::Action;
use lotse_store::booking::{self as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Whom to register.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RegistrationRequest {
    /// People to register; default: oneself. Others only as their company admin.
    pub participants: Option<Vec<Uuid>>,
}

/// The result for one participant.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationResultDto {
    /// The registration.
    pub id: Uuid,
    /// The participant.
    pub person_id: Uuid,
    /// `confirmed` or `waitlisted`.
    pub status: String,
    /// Place on the waitlist, if waitlisted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waitlist_position: Option<i64>,
}

/// Results per participant.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationResultsDto {
    /// One per participant, in the order given.
    pub items: Vec<RegistrationResultDto>,
}

/// Register oneself, or as company admin several employees at once, for a session.
/// Each participant gets a seat while seats are free, then a place on the waitlist.
#[utoipa::path(post, path = "/api/v1/sessions/{id}/registrations", operation_id = "register_for_session", tag = "booking", request_body = RegistrationRequest,
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 201, description = "Registered", body = RegistrationResultsDto),
        (status = 400, description = "A participant outside one's company, or a malformed request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "E-mail address not confirmed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Session cancelled, past or closed, or a participant registered already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    if !me.actor.email_confirmed {
        return Err(AppError::Forbidden("refusal-email-unconfirmed".into()));
    }
    // An empty body registers oneself.
    let request: RegistrationRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RegistrationRequest::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::field("body", Message::new("invalid-body").with("detail", e)))?
    };
    let mut participants = request.participants.unwrap_or_else(|| vec![me.person.id]);
    let mut seen = std::collections::HashSet::new();
    participants.retain(|p| seen.insert(*p));
    if participants.is_empty() || participants.len() > 50 {
        return Err(AppError::field(
            "participants",
            "invalid-participants-count",
        ));
    }
    let booked = book(&state, &me, session, &participants).await?;
    Ok((
        StatusCode::CREATED,
        Json(RegistrationResultsDto {
            items: booked
                .into_iter()
                .map(|b| RegistrationResultDto {
                    id: b.id,
                    person_id: b.person_id,
                    status: b.status.key().into(),
                    waitlist_position: b.waitlist_position,
                })
                .collect(),
        }),
    )
        .into_response())
}

/// A registration as listed.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct RegistrationDto {
    pub id: Uuid,
    /// The session.
    pub session_id: Uuid,
    /// The participant.
    pub person_id: Uuid,
    /// The participant's name.
    pub person_name: String,
    /// `confirmed`, `waitlisted`, `cancelled`, `attended` or `no_show`.
    pub status: String,
    /// The offering.
    pub offering_id: Uuid,
    /// Its title.
    pub offering_title: String,
    /// Start (RFC 3339, Europe/Berlin offset).
    pub starts_at: String,
    /// End (RFC 3339, Europe/Berlin offset).
    pub ends_at: String,
    /// Place on the waitlist, if waitlisted.
    pub waitlist_position: Option<i64>,
    /// Ticket code, for confirmed registrations (only to the participant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// The online session's join link: only to the participant, while the
    /// registration holds a seat (confirmed or attended).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_url: Option<String>,
    /// How to dial in by phone, with the join link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub join_notes: Option<String>,
}

fn dto(r: store::Registration, with_ticket: bool) -> RegistrationDto {
    let join = r.join().filter(|_| with_ticket).cloned();
    RegistrationDto {
        join_url: join.as_ref().map(|j| j.link.clone()),
        join_notes: join.and_then(|j| j.dial_in),
        id: r.id,
        session_id: r.session_id,
        person_id: r.person_id,
        person_name: r.person_name,
        status: r.status.key().into(),
        offering_id: r.offering_id,
        offering_title: r.offering_title,
        starts_at: rfc3339(r.starts_at),
        ends_at: rfc3339(r.ends_at),
        waitlist_position: r.waitlist_position,
        ticket: if with_ticket { r.ticket_code } else { None },
    }
}

/// One's own registrations with tickets.
#[utoipa::path(get, path = "/api/v1/me/registrations", tag = "booking",
    responses((status = 200, description = "Registrations"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn mine(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    let list = store::registrations_of(&state.db, me.person.id).await?;
    let items: Vec<RegistrationDto> = list.into_iter().map(|r| dto(r, true)).collect();
    Ok(Json(serde_json::json!({ "items": items, "next": null })).into_response())
}

/// Cancel a registration: the participant until 24 hours before the start, their
/// company admin, and staff. A freed seat goes to the first on the waitlist.
#[utoipa::path(delete, path = "/api/v1/registrations/{id}", tag = "booking",
    params(("id" = Uuid, Path, description = "The registration's id")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such registration, or not one you may cancel", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already cancelled, or past the cancellation cut-off", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchRegistration>,
) -> Result<StatusCode, AppError> {
    cancel_registration(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// All registrations of a session with status and waitlist position (staff, and the
/// editors of the offering's partner).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/registrations", tag = "booking",
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "Registrations"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not see participants", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn participants(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
) -> Result<Response, AppError> {
    session_allows(&state, &me, session, Action::ViewParticipants).await?;
    let items: Vec<RegistrationDto> = store::registrations_on(&state.db, session)
        .await?
        .into_iter()
        .map(|r| dto(r, false))
        .collect();
    Ok(Json(serde_json::json!({ "items": items, "next": null })).into_response())
}

/// A change of a session: its seats, how to join it online, or both. A field left
/// out stays as it is.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SessionChangeRequest {
    /// New number of seats; not below the confirmed registrations.
    #[serde(default)]
    pub capacity: Option<i64>,
    /// The join link (http or https); empty removes it (only where the session has a
    /// place). Confirmed participants are mailed a changed link. Also taken as
    /// `online_link`, the name session creation uses.
    #[serde(default, alias = "online_link")]
    pub join_url: Option<String>,
    /// How to dial in by phone (up to 500 characters); empty removes it. Also taken as
    /// `dial_in`.
    #[serde(default, alias = "dial_in")]
    pub join_notes: Option<String>,
}

/// Names the fields of a refused change as this request spells them (the rules
/// share their names with session creation: `online_link`, `dial_in`).
fn named_as_in_patch(error: AppError) -> AppError {
    match error {
        AppError::Invalid(mut fields) => {
            for f in &mut fields {
                match f.field.as_str() {
                    "online_link" | "place" => f.field = "join_url".into(),
                    "dial_in" => f.field = "join_notes".into(),
                    _ => {}
                }
            }
            AppError::Invalid(fields)
        }
        other => other,
    }
}

/// Change a session's capacity or how to join it online (staff, and the editors of the
/// offering's partner). Lowering the capacity below the confirmed registrations is
/// refused; raising it moves the first on the waitlist into the new seats. A changed
/// join link or dial-in is mailed to the confirmed participants; nobody else sees it.
#[utoipa::path(patch, path = "/api/v1/sessions/{id}", tag = "booking", request_body = SessionChangeRequest,
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Invalid capacity, link or dial-in", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit sessions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Below the confirmed registrations, or the session is no longer planned", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_session(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
    ApiJson(body): ApiJson<SessionChangeRequest>,
) -> Result<StatusCode, AppError> {
    session_allows(&state, &me, session, Action::EditPartnerCatalogue).await?;
    if body.capacity.is_none() && body.join_url.is_none() && body.join_notes.is_none() {
        return Err(AppError::field("body", "invalid-nothing-to-change"));
    }
    if body.join_url.is_some() || body.join_notes.is_some() {
        super::service::change_online_access(&state, &me, session, body.join_url, body.join_notes)
            .await
            .map_err(named_as_in_patch)?;
    }
    let Some(capacity) = body.capacity else {
        return Ok(StatusCode::NO_CONTENT);
    };
    let capacity = lotse_core::catalogue::Capacity::parse(capacity)?;
    match store::set_capacity(
        &state.db,
        session,
        i64::from(capacity.get()),
        jiff::Timestamp::now(),
        &new_ticket_code,
    )
    .await?
    {
        store::CapacityChange::NoSuchSession => {
            Err(AppError::NotFound("refusal-not-found-session".into()))
        }
        store::CapacityChange::BelowConfirmed(confirmed) => Err(AppError::Conflict(
            Message::new("refusal-capacity-below-confirmed").with("confirmed", confirmed),
        )),
        store::CapacityChange::Changed(promoted) => {
            super::service::notify_promoted(&state, &promoted).await?;
            lotse_store::accounts::audit(
                &state.db,
                Some(me.person.id),
                "session.capacity_changed",
                &session.to_string(),
                &me.ip,
                serde_json::json!({ "capacity": capacity.get() }),
                lotse_store::now_seconds(),
            )
            .await?;
            Ok(StatusCode::NO_CONTENT)
        }
    }
}

/// A ticket to check in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckInRequest {
    /// The ticket code from the QR code or typed in.
    pub ticket: String,
}

/// The outcome of a check-in.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckInDto {
    /// The registration.
    pub registration_id: Uuid,
    /// The participant's name.
    pub person_name: String,
    /// `attended`.
    pub status: String,
    /// Whether the ticket had been checked in before (scanning twice is harmless).
    pub already_checked_in: bool,
}

/// Check a participant in by ticket code (staff, and the editors of the offering's
/// partner).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/checkins", tag = "booking", request_body = CheckInRequest,
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "Checked in", body = CheckInDto),
        (status = 400, description = "Unknown ticket", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not check in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The ticket belongs to another session, or check-in is not open (it opens a configurable time before the start and closes at the end)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn check_in(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
    ApiJson(body): ApiJson<CheckInRequest>,
) -> Result<Json<CheckInDto>, AppError> {
    session_allows(&state, &me, session, Action::CheckIn).await?;
    let ticket = body.ticket.trim().to_uppercase();
    let opens_before = state.config.checkin_opens_before;
    match store::check_in(
        &state.db,
        session,
        &ticket,
        opens_before,
        jiff::Timestamp::now(),
    )
    .await?
    {
        store::CheckIn::Attended(r, completions) => {
            crate::credentials::service::sign_issued(&state, &completions).await;
            Ok(Json(CheckInDto {
                registration_id: r.id,
                person_name: r.person_name,
                status: "attended".into(),
                already_checked_in: false,
            }))
        }
        store::CheckIn::AlreadyAttended(r) => Ok(Json(CheckInDto {
            registration_id: r.id,
            person_name: r.person_name,
            status: "attended".into(),
            already_checked_in: true,
        })),
        store::CheckIn::OtherSession => {
            Err(AppError::Conflict("refusal-ticket-other-session".into()))
        }
        store::CheckIn::Closed(closed) => Err(AppError::Conflict(super::check_in_closed(closed))),
        store::CheckIn::Unknown => Err(AppError::field("ticket", "invalid-ticket")),
    }
}

/// How attendance was finalized.
#[derive(Debug, Serialize, ToSchema)]
pub struct FinalizedDto {
    /// Confirmed registrations not checked in, now marked as no-shows.
    pub no_shows: u64,
}

/// After the session: mark everybody confirmed but not checked in as a no-show (staff,
/// and the editors of the offering's partner).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/attendance", tag = "booking",
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "Finalized", body = FinalizedDto),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit sessions", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The session has not ended yet", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn finalize(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
) -> Result<Json<FinalizedDto>, AppError> {
    session_allows(&state, &me, session, Action::CheckIn).await?;
    let now = jiff::Timestamp::now();
    let no_shows = store::finalize_attendance(&state.db, session, now)
        .await?
        .ok_or_else(|| AppError::Conflict("refusal-attendance-before-end".into()))?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "session.attendance_finalized",
        &session.to_string(),
        &me.ip,
        serde_json::json!({ "no_shows": no_shows }),
        now.as_second(),
    )
    .await?;
    Ok(Json(FinalizedDto { no_shows }))
}

/// Attendance from the list, for many participants at once.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceRequest {
    /// Registrations of the session (at most 1,000).
    pub registrations: Vec<Uuid>,
    /// `true` marks them present; `false` takes their attendance back (the center's
    /// staff only: it withdraws the completions resting on it).
    pub attended: bool,
}

/// What marking attendance changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceDto {
    /// Registrations whose attendance changed; the others were already as asked.
    pub changed: Vec<Uuid>,
    /// Module completions it made.
    pub modules_completed: usize,
    /// Qualification completions it made.
    pub qualifications_completed: usize,
    /// Module completions it withdrew.
    pub modules_withdrawn: usize,
    /// Qualification completions it withdrew.
    pub qualifications_withdrawn: usize,
}

/// Record attendance from the list during or after the session, or take it back: all
/// or nothing. Completing a module or a qualification happens in the same step.
#[utoipa::path(patch, path = "/api/v1/sessions/{id}/attendance", tag = "booking", request_body = AttendanceRequest,
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "Marked", body = AttendanceDto),
        (status = 400, description = "A registration does not hold a seat on this session, or too many", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not check in, or may not take attendance back", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Check-in has not opened yet", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn mark_attendance(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
    ApiJson(body): ApiJson<AttendanceRequest>,
) -> Result<Json<AttendanceDto>, AppError> {
    if body.registrations.len() > 1000 {
        return Err(AppError::field(
            "registrations",
            Message::new("invalid-too-many-registrations").with("max", 1000),
        ));
    }
    let change =
        super::service::mark_attendance(&state, &me, session, &body.registrations, body.attended)
            .await?;
    use lotse_store::qualifications::CompletionChange as C;
    let count = |f: fn(&C) -> bool| change.completions.iter().filter(|c| f(c)).count();
    Ok(Json(AttendanceDto {
        modules_completed: count(|c| matches!(c, C::ModuleCompleted { .. })),
        qualifications_completed: count(|c| matches!(c, C::QualificationCompleted { .. })),
        modules_withdrawn: count(|c| matches!(c, C::ModuleWithdrawn { .. })),
        qualifications_withdrawn: count(|c| matches!(c, C::QualificationWithdrawn { .. })),
        changed: change.changed,
    }))
}
