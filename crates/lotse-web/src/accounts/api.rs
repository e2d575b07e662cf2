//! Accounts over the API: registration, e-mail confirmation, sign-in and sign-out,
//! password reset and change, the signed-in person (`/me`), personal API tokens,
//! sign-in sessions, DSGVO export and erasure, and what staff and admins do with
//! people.

use super::service::{
    LoginOutcome, change_password, complete_reset, confirm_with, create_person_by_staff,
    create_token, end_all_sessions, end_session, erase_account, invalid_link, register_person,
    request_reset, revoke_token, sign_in,
};
use crate::error::AppError;
use crate::http::auth::{self, Authenticated};
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchToken, PathId};
use crate::state::AppState;
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use lotse_core::accounts::{Action, Scope, authorize};
use lotse_store::accounts::{self as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The version of the privacy notice people accept when they register.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11";

/// A company as given at registration.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(missing_docs)]
pub struct CompanyRequest {
    pub name: String,
    /// WZ 2008 section letter, `A` to `U`.
    pub sector: String,
    /// Staff headcount; the size class follows from it.
    pub staff_count: i64,
    /// County key (see `/api/v1/counties`).
    pub county: String,
    /// Address, optional.
    pub address: Option<String>,
}

/// Registration.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(missing_docs)]
pub struct RegisterRequest {
    /// E-mail address; a confirmation link is sent there.
    pub email: String,
    /// At least 12 characters, not easy to guess.
    pub password: String,
    pub name: String,
    /// With a company, the person becomes its company admin.
    pub company: Option<CompanyRequest>,
    /// `de` (default) or `en`, the language of mails.
    pub language: Option<String>,
}

/// A person as the API shows them.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct PersonDto {
    pub id: Uuid,
    /// E-mail address.
    pub email: String,
    pub name: String,
    /// `de` or `en`.
    pub language: String,
    /// Whether the address is confirmed (booking needs it).
    pub email_confirmed: bool,
}

impl From<&store::Person> for PersonDto {
    fn from(p: &store::Person) -> Self {
        Self {
            id: p.id,
            email: p.email.clone(),
            name: p.name.clone(),
            language: p.language.clone(),
            email_confirmed: p.email_confirmed_at.is_some(),
        }
    }
}

/// Register an account; with `company`, the person becomes its company admin. A
/// confirmation link is mailed; booking needs a confirmed address.
#[utoipa::path(post, path = "/api/v1/auth/register", operation_id = "register_account", tag = "accounts", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered", body = PersonDto),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "E-mail address taken", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, AppError> {
    let ip = auth::client_ip(request.extensions());
    let ApiJson(body) = ApiJson::<RegisterRequest>::from_request(request, &state).await?;
    let (person, _) = register_person(&state, &body, &ip).await?;
    Ok((StatusCode::CREATED, Json(PersonDto::from(&person))).into_response())
}

/// Sign-in.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(missing_docs)]
pub struct LoginRequest {
    /// E-mail address.
    pub email: String,
    pub password: String,
}

fn user_agent(headers: &HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .chars()
        .take(200)
        .collect()
}

/// Sign in; sets the session cookie. Unknown addresses and wrong passwords get the
/// same answer; after 5 failures per account or 20 per address in 15 minutes, 429.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = PersonDto),
        (status = 401, description = "Wrong e-mail address or password", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(State(state): State<AppState>, request: Request) -> Result<Response, AppError> {
    let ip = auth::client_ip(request.extensions());
    let headers = request.headers().clone();
    let ApiJson(body) = ApiJson::<LoginRequest>::from_request(request, &state).await?;
    match sign_in(
        &state,
        &body.email,
        &body.password,
        &ip,
        &user_agent(&headers),
    )
    .await?
    {
        LoginOutcome::Throttled => Err(AppError::TooManyAttempts),
        LoginOutcome::Refused => Err(AppError::SignInRefused),
        LoginOutcome::SignedIn(secret, person) => {
            let secure = auth::is_secure(&headers, state.config.secure_cookies);
            let cookie = auth::session_cookie(
                &secret,
                secure,
                state.config.session_limits.absolute_seconds,
            );
            Ok((CookieJar::new().add(cookie), Json(PersonDto::from(&person))).into_response())
        }
    }
}

/// The cookies to answer with to remove the session cookie.
pub fn clear_cookie(state: &AppState, headers: &HeaderMap) -> CookieJar {
    CookieJar::new().add(auth::clear_session_cookie(auth::is_secure(
        headers,
        state.config.secure_cookies,
    )))
}

/// Sign out: ends this session on the server and removes the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts",
    responses((status = 204, description = "Signed out"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    end_session(&state, &me).await?;
    Ok((clear_cookie(&state, &headers), StatusCode::NO_CONTENT).into_response())
}

/// A one-time token from an e-mail link.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// The token from the link.
    pub token: String,
}

/// Confirm the e-mail address with the token from the mailed link.
#[utoipa::path(post, path = "/api/v1/auth/confirm", tag = "accounts", request_body = TokenRequest,
    responses((status = 204, description = "Confirmed"), (status = 400, description = "Invalid, expired or used token", body = Problem, content_type = "application/problem+json")))]
pub async fn confirm(
    State(state): State<AppState>,
    request: Request,
) -> Result<StatusCode, AppError> {
    let ip = auth::client_ip(request.extensions());
    let ApiJson(body) = ApiJson::<TokenRequest>::from_request(request, &state).await?;
    if confirm_with(&state, &body.token, &ip).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(invalid_link())
    }
}

/// A request to reset a password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetRequest {
    /// The account's e-mail address.
    pub email: String,
}

/// Ask for a password-reset link. Always 202, whether or not the address has an
/// account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way")))]
pub async fn password_reset(
    State(state): State<AppState>,
    request: Request,
) -> Result<StatusCode, AppError> {
    let ip = auth::client_ip(request.extensions());
    let ApiJson(body) = ApiJson::<ResetRequest>::from_request(request, &state).await?;
    request_reset(&state, &body.email, &ip).await?;
    Ok(StatusCode::ACCEPTED)
}

/// A new password set through a reset link.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetCompleteRequest {
    /// The token from the link.
    pub token: String,
    /// The new password.
    pub password: String,
}

/// Set a new password with the token from the mailed link; ends every session.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/complete", tag = "accounts", request_body = ResetCompleteRequest,
    responses((status = 204, description = "Password set"), (status = 400, description = "Invalid token or password", body = Problem, content_type = "application/problem+json")))]
pub async fn password_reset_complete(
    State(state): State<AppState>,
    request: Request,
) -> Result<StatusCode, AppError> {
    let ip = auth::client_ip(request.extensions());
    let ApiJson(body) = ApiJson::<ResetCompleteRequest>::from_request(request, &state).await?;
    complete_reset(&state, &body.token, &body.password, &ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An organization a role belongs to.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct OrganizationDto {
    /// `company`, `partner` or `center`.
    pub kind: String,
    /// Id (absent for the center).
    pub id: Option<Uuid>,
    pub name: String,
}

/// One role of the person.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleDto {
    /// `learner`, `company_admin`, `partner_editor`, `social_partner`, `staff` or `admin`.
    pub role: String,
    /// Where the role applies.
    pub organization: OrganizationDto,
}

/// The signed-in person.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    /// The person.
    #[serde(flatten)]
    pub person: PersonDto,
    /// Roles with their organizations.
    pub roles: Vec<RoleDto>,
    /// The organizations the person belongs to, each once.
    pub organizations: Vec<OrganizationDto>,
}

fn organization(m: &store::MembershipView) -> OrganizationDto {
    let (kind, id) = match m.membership.scope {
        Scope::Company(id) => ("company", Some(id)),
        Scope::Partner(id) => ("partner", Some(id)),
        Scope::Center => ("center", None),
    };
    OrganizationDto {
        kind: kind.into(),
        id,
        name: m
            .organization
            .clone()
            .unwrap_or_else(|| "Kompetenzzentrum".into()),
    }
}

/// The signed-in person with roles and organizations.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, description = "The signed-in person", body = MeDto), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn me(Authenticated(me): Authenticated) -> Json<MeDto> {
    let mut organizations: Vec<OrganizationDto> = Vec::new();
    for m in &me.memberships {
        let o = organization(m);
        if !organizations
            .iter()
            .any(|x| x.kind == o.kind && x.id == o.id)
        {
            organizations.push(o);
        }
    }
    Json(MeDto {
        person: PersonDto::from(&me.person),
        roles: me
            .memberships
            .iter()
            .map(|m| RoleDto {
                role: m.membership.role.key().into(),
                organization: organization(m),
            })
            .collect(),
        organizations,
    })
}

/// A password change.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChangeRequest {
    /// The current password.
    pub current_password: String,
    /// The new password.
    pub new_password: String,
}

/// Change the password; every other session ends.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChangeRequest,
    responses((status = 204, description = "Changed"), (status = 400, description = "Wrong current or weak new password", body = Problem, content_type = "application/problem+json"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn password(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<PasswordChangeRequest>,
) -> Result<StatusCode, AppError> {
    change_password(&state, &me, &body.current_password, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything stored about the signed-in person (DSGVO Art. 15 and 20), as a JSON
/// download.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts",
    responses((status = 200, description = "All personal data as JSON"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn export(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    let data = store::export_person(&state.db, me.person.id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-account".into()))?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "account.exported",
        &me.person.id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    let mut response = Json(data).into_response();
    if let Ok(v) =
        axum::http::HeaderValue::from_str("attachment; filename=\"lotse-meine-daten.json\"")
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// Erase the signed-in person (DSGVO Art. 17): personal data removed or
/// pseudonymized, sessions and tokens revoked; statistics keep their counts.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts",
    responses((status = 204, description = "Erased"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn erase(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    erase_account(&state, &me).await?;
    Ok((clear_cookie(&state, &headers), StatusCode::NO_CONTENT).into_response())
}

/// A new personal API token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenCreateRequest {
    /// A name to recognize it by.
    pub name: String,
}

/// A token as created: the only time the token itself is shown.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct TokenCreatedDto {
    /// Id, to revoke it.
    pub id: Uuid,
    pub name: String,
    /// The token, for `Authorization: Bearer …`. Shown this once.
    pub token: String,
}

/// Create a personal API token; the response shows it once.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = TokenCreateRequest,
    responses((status = 201, description = "Created", body = TokenCreatedDto), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn tokens_create(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<TokenCreateRequest>,
) -> Result<Response, AppError> {
    let created = create_token(&state, &me, &body.name).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The person's live tokens (without the tokens themselves).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts",
    responses((status = 200, description = "Tokens"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn tokens_list(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    let tokens = store::tokens_of(&state.db, me.person.id).await?;
    Ok(Json(serde_json::json!({ "items": tokens, "next": null })).into_response())
}

/// Revoke a token.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts",
    params(("id" = Uuid, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), (status = 404, description = "No such token of yours", body = Problem, content_type = "application/problem+json")))]
pub async fn tokens_revoke(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchToken>,
) -> Result<StatusCode, AppError> {
    revoke_token(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign out everywhere: ends every session of the person, this one included.
#[utoipa::path(delete, path = "/api/v1/me/sessions", tag = "accounts",
    responses((status = 204, description = "All sessions ended"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn sessions_end_all(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authenticated(me): Authenticated,
) -> Result<Response, AppError> {
    end_all_sessions(&state, &me).await?;
    Ok((clear_cookie(&state, &headers), StatusCode::NO_CONTENT).into_response())
}

/// An account created by staff for someone who signed up by phone or on paper.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(missing_docs)]
pub struct AdminPersonRequest {
    /// E-mail address.
    pub email: String,
    pub name: String,
    /// Optional; without one, the person sets it with a reset link.
    pub password: Option<String>,
    /// The company the person works for.
    pub company_id: Option<Uuid>,
    /// Roles in that company (`learner`, `company_admin`); default `learner` with a
    /// company. Admins may also give center roles (`staff`, `admin`).
    pub roles: Option<Vec<String>>,
}

/// Create an account for someone else (staff and admins). Such accounts count as
/// confirmed.
#[utoipa::path(post, path = "/api/v1/admin/people", tag = "accounts", request_body = AdminPersonRequest,
    responses(
        (status = 201, description = "Created", body = PersonDto),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "E-mail address taken", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn admin_create_person(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<AdminPersonRequest>,
) -> Result<Response, AppError> {
    let stored = create_person_by_staff(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(PersonDto::from(&stored))).into_response())
}

/// Filters of the audit log; every one optional.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Entries by this person or about them (their id).
    pub person: Option<Uuid>,
    /// Actions starting with this, e.g. `participants` or `login.failed`.
    pub action: Option<String>,
    /// From this moment on (epoch seconds).
    pub from: Option<i64>,
    /// Before this moment (epoch seconds).
    pub to: Option<i64>,
}

/// The newest 200 entries of the audit log (admins), optionally filtered, each with
/// the sentence the admin page shows, in the reader's language.
#[utoipa::path(get, path = "/api/v1/admin/audit-log", tag = "accounts", params(AuditQuery),
    responses((status = 200, description = "Audit entries, newest first"), (status = 400, description = "A malformed filter", body = Problem, content_type = "application/problem+json"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"), (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json")))]
pub async fn audit_log(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    headers: HeaderMap,
    query: Result<axum::extract::Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    if let Some(e) = AppError::from_decision(authorize(Some(&me.actor), Action::ViewAuditLog), "") {
        return Err(e);
    }
    let axum::extract::Query(query) = query.map_err(|e| AppError::query(&e))?;
    let filter = store::AuditFilter {
        person: query.person,
        action: query.action.filter(|a| !a.trim().is_empty()),
        from: query.from,
        to: query.to,
    };
    let lang = crate::i18n::Lang::for_api(&headers);
    let mut names = super::audit::Names::default();
    let mut items = Vec::new();
    for entry in store::audit_entries_where(&state.db, &filter, 200).await? {
        let sentence = names.sentence(&state, lang, &entry).await?;
        let mut item = serde_json::to_value(&entry)
            .map_err(|e| AppError::Internal(format!("audit entry as JSON: {e}")))?;
        item["sentence"] = serde_json::Value::String(sentence);
        items.push(item);
    }
    Ok(Json(serde_json::json!({ "items": items, "next": null })).into_response())
}
