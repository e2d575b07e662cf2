//! `GET /api/v1/me/qualifications`, the same progress as "Mein Lernweg"; staff create
//! and change qualifications.

use super::service::{self, QualificationRequest};
use crate::error::AppError;
use crate::format::rfc3339;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchQualification, PathId};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A module of a qualification with the person's state.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleProgressDto {
    /// The module (an offering).
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// Required, or one of the electives.
    pub required: bool,
    /// The hours it counts with.
    pub hours: i64,
    /// When it was completed (the attended session's start), if it was.
    pub completed_at: Option<String>,
    /// The next session that still takes registrations, if the module is not completed.
    pub next_session_id: Option<Uuid>,
    /// That session's start.
    pub next_starts_at: Option<String>,
    /// Whether the person is registered (or waiting) for a coming session of it.
    pub booked: bool,
}

/// A qualification with the person's progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationProgressDto {
    /// The qualification.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The version of its rules judged against: the one completed under, or the
    /// current one.
    pub version: i64,
    /// `completed` or `in_progress`.
    pub status: String,
    /// When it was completed.
    pub completed_at: Option<String>,
    /// Hours of completed modules that count towards it.
    pub hours: u32,
    /// Hours needed in all.
    pub minimum_hours: u32,
    /// Progress in whole percent; 100 only when completed.
    pub percent: u32,
    /// Required modules not completed yet.
    pub missing_required: Vec<Uuid>,
    /// Its modules, required first.
    pub modules: Vec<ModuleProgressDto>,
}

/// The qualifications the signed-in person has started or completed, with progress.
#[utoipa::path(get, path = "/api/v1/me/qualifications", operation_id = "my_qualifications", tag = "qualifications",
    responses(
        (status = 200, description = "Started and completed qualifications, completed last", body = Vec<QualificationProgressDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn mine(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Json<Vec<QualificationProgressDto>>, AppError> {
    let stamp = |at: Option<i64>| {
        at.and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(rfc3339)
    };
    let found =
        lotse_store::qualifications::progress_of(&state.db, me.person.id, jiff::Timestamp::now())
            .await?;
    Ok(Json(
        found
            .into_iter()
            .map(|q| QualificationProgressDto {
                id: q.id,
                title: q.title,
                version: q.version,
                status: if q.completed_at.is_some() {
                    "completed"
                } else {
                    "in_progress"
                }
                .into(),
                completed_at: stamp(q.completed_at),
                hours: q.progress.hours,
                minimum_hours: q.progress.minimum_hours,
                percent: if q.completed_at.is_some() {
                    100
                } else {
                    q.progress.percent()
                },
                missing_required: q.progress.missing_required.clone(),
                modules: q
                    .modules
                    .into_iter()
                    .map(|m| ModuleProgressDto {
                        offering_id: m.offering_id,
                        title: m.title,
                        required: m.required,
                        hours: m.hours,
                        completed_at: stamp(m.completed_at),
                        next_session_id: m.next_session.filter(|_| m.completed_at.is_none()),
                        next_starts_at: stamp(
                            m.next_starts_at.filter(|_| m.completed_at.is_none()),
                        ),
                        booked: m.booked,
                    })
                    .collect(),
            })
            .collect(),
    ))
}

/// A qualification's id and the version just written.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationVersionDto {
    /// The qualification.
    pub id: Uuid,
    /// Its version now: 1 when created, one more with every change.
    pub version: i64,
}

/// Create a qualification (the center's staff).
#[utoipa::path(post, path = "/api/v1/qualifications", operation_id = "create_qualification", tag = "qualifications", request_body = QualificationRequest,
    responses(
        (status = 201, description = "Created", body = QualificationVersionDto),
        (status = 400, description = "Invalid input: unknown or non-module offerings, unreachable hours, a title taken", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the center's staff manage qualifications", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<QualificationRequest>,
) -> Result<Response, AppError> {
    let id = service::create(&state, &me, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(QualificationVersionDto { id, version: 1 }),
    )
        .into_response())
}

/// Change a qualification (the center's staff): its texts and rules become a new
/// version. Whoever completed it already keeps the version they completed.
#[utoipa::path(put, path = "/api/v1/qualifications/{id}", operation_id = "change_qualification", tag = "qualifications", request_body = QualificationRequest,
    params(("id" = Uuid, Path, description = "The qualification's id")),
    responses(
        (status = 200, description = "Changed", body = QualificationVersionDto),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the center's staff manage qualifications", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such qualification", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchQualification>,
    ApiJson(body): ApiJson<QualificationRequest>,
) -> Result<Json<QualificationVersionDto>, AppError> {
    let version = service::change(&state, &me, id, &body).await?;
    Ok(Json(QualificationVersionDto { id, version }))
}
