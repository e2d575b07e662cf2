//! The credentials' API: verify a stored or a given credential, list one's own, revoke
//! and reissue (staff).

use super::service::{self, Verification};
use crate::error::AppError;
use crate::format::rfc3339;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchCredential, PathId};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

/// Verify a credential lotse issued, as stored: its proof, its issuer key, the status
/// list and its bit, its date. Anyone may ask.
#[utoipa::path(get, path = "/api/v1/credentials/{id}/verify", tag = "credentials",
    params(("id" = Uuid, Path, description = "The credential's id")),
    responses(
        (status = 200, description = "The outcome with every check; `unknown` for an id lotse never issued", body = Verification),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn verify_stored(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathId(id, _): PathId<crate::http::extract::InvalidId>,
) -> Result<Json<Verification>, AppError> {
    let lang = Lang::for_api(&headers);
    let stored = lotse_store::credentials::credential(&state.db, id).await?;
    let document: Value = match stored.and_then(|c| c.document) {
        Some(text) => serde_json::from_str(&text).map_err(|e| AppError::Internal(e.to_string()))?,
        // Unknown, or issued but not signed yet: verify what there is (the id), which
        // says "unknown" or fails the proof.
        None => serde_json::json!({ "id": service::credential_url(&state, id) }),
    };
    Ok(Json(service::verify(&state, lang, &document).await?))
}

/// Verify a credential given in full (as a learner or an employer holds it): the same
/// checks, so an altered, truncated or re-signed copy fails with the check it breaks.
#[utoipa::path(post, path = "/api/v1/credentials/verify", tag = "credentials", request_body = Object,
    responses(
        (status = 200, description = "The outcome with every check", body = Verification),
        (status = 400, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn verify_given(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(document): ApiJson<Value>,
) -> Result<Json<Verification>, AppError> {
    let lang = Lang::for_api(&headers);
    Ok(Json(service::verify(&state, lang, &document).await?))
}

/// A credential of the signed-in person, with its links.
#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialDto {
    /// The credential.
    pub id: Uuid,
    /// `module` or `qualification`.
    pub kind: String,
    /// What was achieved.
    pub title: String,
    /// When it was issued.
    pub issued_at: String,
    /// `valid`, `revoked` or `pending` (issued, not signed yet).
    pub status: String,
    /// When it was revoked.
    pub revoked_at: Option<String>,
    /// The public verification page.
    pub verification_url: String,
    /// The signed credential (Open Badges 3.0).
    pub json_url: String,
    /// The PDF certificate, while the credential holds.
    pub pdf_url: Option<String>,
}

/// The signed-in person's credentials, newest first.
#[utoipa::path(get, path = "/api/v1/me/credentials", operation_id = "my_credentials", tag = "credentials",
    responses(
        (status = 200, description = "Credentials", body = Vec<CredentialDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn mine(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Json<Vec<CredentialDto>>, AppError> {
    let stamp = |at: i64| {
        jiff::Timestamp::from_second(at)
            .map(rfc3339)
            .unwrap_or_default()
    };
    let list = lotse_store::credentials::of_person(&state.db, me.person.id).await?;
    Ok(Json(
        list.into_iter()
            .map(|c| {
                let url = service::credential_url(&state, c.id);
                let status = c.status();
                CredentialDto {
                    id: c.id,
                    kind: if c.offering_id.is_some() {
                        "module"
                    } else {
                        "qualification"
                    }
                    .into(),
                    title: c.title,
                    issued_at: stamp(c.issued_at),
                    status: status.into(),
                    revoked_at: c.revoked_at.map(stamp),
                    json_url: format!("{url}.json"),
                    pdf_url: (status == "valid").then(|| format!("{url}.pdf")),
                    verification_url: url,
                }
            })
            .collect(),
    ))
}

/// Why a credential is revoked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RevocationRequest {
    /// Shown on the verification page (1 to 500 characters).
    pub reason: String,
}

/// Revoke a credential (the center's staff): its status bit is set; the verification
/// page and every verifier reading the status list say revoked.
#[utoipa::path(post, path = "/api/v1/credentials/{id}/revocation", tag = "credentials", request_body = RevocationRequest,
    params(("id" = Uuid, Path, description = "The credential's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 400, description = "No reason, or too long", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the center's staff revoke", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such credential", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Revoked already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCredential>,
    ApiJson(body): ApiJson<RevocationRequest>,
) -> Result<StatusCode, AppError> {
    service::revoke(&state, &me, id, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The credential issued in place of a revoked one.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReissuedDto {
    /// The new credential.
    pub id: Uuid,
}

/// Issue a new credential in place of a revoked one, after a correction (the center's
/// staff); the achievement must still be completed.
#[utoipa::path(post, path = "/api/v1/credentials/{id}/reissue", tag = "credentials",
    params(("id" = Uuid, Path, description = "The revoked credential's id")),
    responses(
        (status = 201, description = "Issued", body = ReissuedDto),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the center's staff reissue", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such credential", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not revoked, replaced already, or no longer completed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reissue(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCredential>,
) -> Result<(StatusCode, Json<ReissuedDto>), AppError> {
    let new = service::reissue(&state, &me, id).await?;
    Ok((StatusCode::CREATED, Json(ReissuedDto { id: new })))
}
