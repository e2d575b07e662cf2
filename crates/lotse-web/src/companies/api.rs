//! Companies over the API: profile, members, invitations by e-mail, removing and
//! leaving. Company admins manage their own company; other companies are invisible.

use super::service::{accept_invitation, check, remove, send_invitation};
use crate::accounts::api::CompanyRequest;
use crate::error::AppError;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchCompany, NoSuchPerson, PathId, PathIds};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotse_core::accounts::{Action, SizeClass};
use lotse_store::accounts::{self as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A company's profile.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CompanyDto {
    pub id: Uuid,
    pub name: String,
    /// WZ 2008 section letter.
    pub sector: String,
    /// Staff headcount.
    pub staff_count: i64,
    /// `micro`, `small`, `medium` or `large` (EU recommendation 2003/361).
    pub size_class: String,
    /// County key.
    pub county: String,
    pub address: Option<String>,
}

impl From<store::Company> for CompanyDto {
    fn from(c: store::Company) -> Self {
        let size = SizeClass::from_staff_count(u32::try_from(c.staff_count).unwrap_or(u32::MAX));
        Self {
            id: c.id,
            name: c.name,
            sector: c.sector,
            staff_count: c.staff_count,
            size_class: size.key().into(),
            county: c.county,
            address: c.address,
        }
    }
}

/// A company's profile (its members and center staff).
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "accounts",
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 200, description = "The company", body = CompanyDto), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn get_company(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
) -> Result<Json<CompanyDto>, AppError> {
    check(&me, Action::ViewCompany(id))?;
    let company = store::company(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-company".into()))?;
    Ok(Json(company.into()))
}

/// Change a company's profile (its company admins and center staff).
#[utoipa::path(put, path = "/api/v1/companies/{id}", tag = "accounts", request_body = CompanyRequest,
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 200, description = "Changed", body = CompanyDto), (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"), (status = 403, description = "Not its admin", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn put_company(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
    ApiJson(body): ApiJson<CompanyRequest>,
) -> Result<Json<CompanyDto>, AppError> {
    check(&me, Action::ManageCompany(id))?;
    let mut errors = Vec::new();
    let Some(company) = crate::accounts::service::parse_company_request(&body, &mut errors) else {
        return Err(AppError::Invalid(errors));
    };
    if !store::update_company(&state.db, id, &company).await? {
        return Err(AppError::NotFound("refusal-not-found-company".into()));
    }
    let now = lotse_store::now_seconds();
    store::audit(
        &state.db,
        Some(me.person.id),
        "company.changed",
        &id.to_string(),
        &me.ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    let company = store::company(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-company".into()))?;
    Ok(Json(company.into()))
}

/// The people of a company with their roles (its company admins and center staff).
#[utoipa::path(get, path = "/api/v1/companies/{id}/members", tag = "accounts",
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 200, description = "Members"), (status = 403, description = "Not its admin", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn members(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
) -> Result<Response, AppError> {
    check(&me, Action::ManageCompany(id))?;
    let members = store::company_members(&state.db, id).await?;
    Ok(Json(serde_json::json!({ "items": members, "next": null })).into_response())
}

/// An invitation to join a company.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InvitationRequest {
    /// The employee's e-mail address.
    pub email: String,
}

/// Invite an employee by e-mail; the link is valid for 14 days.
#[utoipa::path(post, path = "/api/v1/companies/{id}/invitations", tag = "accounts", request_body = InvitationRequest,
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 202, description = "Invitation sent"), (status = 400, description = "Invalid address", body = Problem, content_type = "application/problem+json"), (status = 403, description = "Not its admin", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn invite(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
    ApiJson(body): ApiJson<InvitationRequest>,
) -> Result<StatusCode, AppError> {
    send_invitation(&state, &me, id, &body.email).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Accept an invitation with the token from the mailed link.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "accounts", request_body = crate::accounts::api::TokenRequest,
    responses((status = 200, description = "Joined; the company", body = CompanyDto), (status = 400, description = "Invalid, expired or used token", body = Problem, content_type = "application/problem+json"), (status = 403, description = "The invitation is for another address", body = Problem, content_type = "application/problem+json")))]
pub async fn accept(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<crate::accounts::api::TokenRequest>,
) -> Result<Json<CompanyDto>, AppError> {
    let company = accept_invitation(&state, &me, &body.token).await?;
    let company = store::company(&state.db, company)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-company".into()))?;
    Ok(Json(company.into()))
}

/// Remove an employee from the company (its company admins).
#[utoipa::path(delete, path = "/api/v1/companies/{id}/members/{person_id}", tag = "accounts",
    params(("id" = Uuid, Path, description = "The company's id"), ("person_id" = Uuid, Path, description = "The employee")),
    responses((status = 204, description = "Removed"), (status = 403, description = "Not its admin", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company or member", body = Problem, content_type = "application/problem+json"), (status = 409, description = "The last admin cannot be removed", body = Problem, content_type = "application/problem+json")))]
pub async fn remove_member(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathIds(id, person, _): PathIds<NoSuchCompany, NoSuchPerson>,
) -> Result<StatusCode, AppError> {
    check(&me, Action::ManageCompany(id))?;
    remove(&state, &me, id, person).await
}

/// Leave a company.
#[utoipa::path(delete, path = "/api/v1/me/companies/{id}", tag = "accounts",
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 204, description = "Left"), (status = 404, description = "Not a member", body = Problem, content_type = "application/problem+json"), (status = 409, description = "The last admin cannot leave", body = Problem, content_type = "application/problem+json")))]
pub async fn leave(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
) -> Result<StatusCode, AppError> {
    let person = me.person.id;
    remove(&state, &me, id, person).await
}

/// The chambers and associations a company declares itself a member of.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MemberOfDto {
    /// Partner ids (of kind `chamber` or `association`); empty for none.
    pub partners: Vec<Uuid>,
}

/// Which chambers and associations the company declared itself a member of (its
/// company admins and center staff). Optional; those partners' reach reports count the
/// company's participations, aggregated.
#[utoipa::path(get, path = "/api/v1/companies/{id}/member-of", tag = "accounts",
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 200, description = "The partners", body = MemberOfDto), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"), (status = 403, description = "Not its admin", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn get_member_of(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
) -> Result<Json<MemberOfDto>, AppError> {
    check(&me, Action::ManageCompany(id))?;
    Ok(Json(MemberOfDto {
        partners: store::member_of(&state.db, id).await?,
    }))
}

/// Declare the chambers and associations the company is a member of, replacing what
/// was declared; only partners of kind `chamber` or `association`.
#[utoipa::path(put, path = "/api/v1/companies/{id}/member-of", tag = "accounts", request_body = MemberOfDto,
    params(("id" = Uuid, Path, description = "The company's id")),
    responses((status = 200, description = "Declared", body = MemberOfDto), (status = 400, description = "A partner that is no chamber or association", body = Problem, content_type = "application/problem+json"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"), (status = 403, description = "Not its admin", body = Problem, content_type = "application/problem+json"), (status = 404, description = "No such company, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn put_member_of(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchCompany>,
    ApiJson(body): ApiJson<MemberOfDto>,
) -> Result<Json<MemberOfDto>, AppError> {
    super::service::declare_member_of(&state, &me, id, &body.partners).await?;
    Ok(Json(MemberOfDto {
        partners: store::member_of(&state.db, id).await?,
    }))
}
