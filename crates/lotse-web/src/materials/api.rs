//! The materials' API: lists for an offering or a session (what the caller may see),
//! adding a file or a link (multipart), removing one.

use super::service::{self, SentMaterial};
use crate::error::AppError;
use crate::format::rfc3339;
use crate::http::auth::{Authenticated, MaybeSignedIn};
use crate::http::error::Problem;
use crate::http::extract::{NoSuchMaterial, NoSuchOffering, NoSuchSession, PathId};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotse_store::catalogue::Material;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A material as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialDto {
    /// Its id.
    pub id: Uuid,
    /// The offering it belongs to.
    pub offering_id: Uuid,
    /// The session it belongs to; none for the whole offering.
    pub session_id: Option<Uuid>,
    /// What it is called.
    pub title: String,
    /// `everyone` or `participants`.
    pub audience: String,
    /// `file` or `link`.
    pub kind: &'static str,
    /// Where it is: the link, or the file's download address (which answers only
    /// those who may see it, signed in by cookie or token).
    pub url: String,
    /// A file's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// A file's content type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// A file's size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
    /// A file's SHA-256, hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// When it was added (RFC 3339).
    pub created_at: String,
}

impl MaterialDto {
    /// The API's view of `m`; file addresses start with `public_url`.
    pub fn new(m: Material, public_url: &str) -> Self {
        let (kind, url) = match &m.url {
            Some(url) => ("link", url.clone()),
            None => ("file", format!("{public_url}/materialien/{}", m.id)),
        };
        Self {
            id: m.id,
            offering_id: m.offering_id,
            session_id: m.session_id,
            title: m.title,
            audience: m.audience,
            kind,
            url,
            file_name: m.file_name,
            content_type: m.content_type,
            size_bytes: m.size_bytes,
            sha256: m.sha256,
            created_at: rfc3339(jiff::Timestamp::from_second(m.created_at).unwrap_or_default()),
        }
    }
}

/// The multipart form that adds a material: either `file` or `url`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct MaterialForm {
    /// The file (PDF, Office and OpenDocument files, PNG, JPEG, CSV, text, Markdown;
    /// 20 MB unless the center set another limit). Its name's extension, its declared
    /// type and its bytes must agree.
    #[schema(value_type = Option<String>, format = Binary)]
    file: Option<Vec<u8>>,
    /// A link (http or https) instead of a file.
    url: Option<String>,
    /// `everyone` or `participants`.
    audience: String,
    /// What it is called (default: the file's name or the link).
    title: Option<String>,
}

fn listed(items: Vec<Material>, public_url: &str) -> Response {
    let items: Vec<MaterialDto> = items
        .into_iter()
        .map(|m| MaterialDto::new(m, public_url))
        .collect();
    Json(serde_json::json!({ "items": items, "next": null })).into_response()
}

fn created(m: Material, public_url: &str) -> Response {
    (StatusCode::CREATED, Json(MaterialDto::new(m, public_url))).into_response()
}

/// The materials of an offering and of its sessions that the caller may see:
/// anybody those for everyone; participants (a seat, confirmed or attended) also
/// those for participants of their sessions and of the whole offering; the offering's
/// editors all.
#[utoipa::path(get, path = "/api/v1/offerings/{id}/materials", tag = "materials",
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 200, description = "Materials", body = [MaterialDto]),
        (status = 404, description = "No such offering", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_for_offering(
    State(state): State<AppState>,
    me: MaybeSignedIn,
    PathId(offering, _): PathId<NoSuchOffering>,
) -> Result<Response, AppError> {
    let items = service::visible(&state, me.0.as_ref(), offering, None)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    Ok(listed(items, &state.config.public_url))
}

/// Add a file or a link to an offering (its partner's editors, and staff).
#[utoipa::path(post, path = "/api/v1/offerings/{id}/materials", tag = "materials",
    request_body(content = MaterialForm, content_type = "multipart/form-data"),
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 201, description = "Added", body = MaterialDto),
        (status = 400, description = "No file or link, both, a file of a type lotse does not keep, a name with folders, a declared type or bytes that do not match the extension, a file over the limit, a link that is not http(s)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offering, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request is larger than the file limit", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_to_offering(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(offering, _): PathId<NoSuchOffering>,
    request: Request,
) -> Result<Response, AppError> {
    // Who may add is decided before the body is read.
    service::editable_offering(&state, &me, offering).await?;
    let sent: SentMaterial = service::read_request(request).await?;
    let material = service::add(&state, &me, offering, None, sent).await?;
    Ok(created(material, &state.config.public_url))
}

/// The materials of a session and of its whole offering that the caller may see (as
/// for the offering).
#[utoipa::path(get, path = "/api/v1/sessions/{id}/materials", tag = "materials",
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 200, description = "Materials", body = [MaterialDto]),
        (status = 404, description = "No such session", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_for_session(
    State(state): State<AppState>,
    me: MaybeSignedIn,
    PathId(session, _): PathId<NoSuchSession>,
) -> Result<Response, AppError> {
    let offering = service::offering_of_session(&state, session).await?;
    let items = service::visible(&state, me.0.as_ref(), offering, Some(session))
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-session".into()))?;
    Ok(listed(items, &state.config.public_url))
}

/// Add a file or a link to a session (its offering partner's editors, and staff).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/materials", tag = "materials",
    request_body(content = MaterialForm, content_type = "multipart/form-data"),
    params(("id" = Uuid, Path, description = "The session's id")),
    responses(
        (status = 201, description = "Added", body = MaterialDto),
        (status = 400, description = "As for an offering", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session, or another partner's", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request is larger than the file limit", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_to_session(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(session, _): PathId<NoSuchSession>,
    request: Request,
) -> Result<Response, AppError> {
    let offering = service::offering_of_session(&state, session).await?;
    let session_not_found = |e| match e {
        AppError::NotFound(_) => AppError::NotFound("refusal-not-found-session".into()),
        other => other,
    };
    service::editable_offering(&state, &me, offering)
        .await
        .map_err(session_not_found)?;
    let sent = service::read_request(request).await?;
    let material = service::add(&state, &me, offering, Some(session), sent)
        .await
        .map_err(session_not_found)?;
    Ok(created(material, &state.config.public_url))
}

/// Remove a material; a file is deleted from the disk (the offering partner's editors,
/// and staff).
#[utoipa::path(delete, path = "/api/v1/materials/{id}", tag = "materials",
    params(("id" = Uuid, Path, description = "The material's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such material, or another partner's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchMaterial>,
) -> Result<StatusCode, AppError> {
    service::remove(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
