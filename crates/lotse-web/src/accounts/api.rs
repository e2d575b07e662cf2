//! Accounts over the API: registration, e-mail confirmation, sign-in and sign-out,
//! password reset and change, the signed-in person (`/me`), personal API tokens,
//! sign-in sessions, DSGVO export and erasure, and what staff and admins do with
//! people.

use crate::http::auth::{self, Authenticated, Credential, SignedIn};
use crate::http::error::{ApiError, FieldError, Problem};
use crate::http::extract::ApiJson;
use crate::i18n::Lang;
use crate::mail::{self, MailKind};
use crate::state::AppState;
use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lotse_core::accounts::{
    Action, Email, Membership, Role, Scope, Sector, authorize, check_new_password,
};
use lotse_core::text::Line;
use lotse_store::accounts::{
    self as store, Affiliation, Consent, CreatePersonError, LinkPurpose, NewCompany, NewPerson,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// The version of the privacy notice people accept when they register.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11";

/// How long a confirmation link lives.
const CONFIRM_LINK_SECONDS: i64 = 7 * 24 * 60 * 60;
/// How long a password-reset link lives.
const RESET_LINK_SECONDS: i64 = 60 * 60;

fn collect(errors: &mut Vec<FieldError>, result: Result<(), lotse_core::Invalid>) {
    if let Err(e) = result {
        errors.push(e.into());
    }
}

/// A company as given at registration.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CompanyRequest {
    /// Name.
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
pub struct RegisterRequest {
    /// E-mail address; a confirmation link is sent there.
    pub email: String,
    /// At least 12 characters, not easy to guess.
    pub password: String,
    /// Name.
    pub name: String,
    /// With a company, the person becomes its company admin.
    pub company: Option<CompanyRequest>,
    /// `de` (default) or `en`, the language of mails.
    pub language: Option<String>,
}

/// A person as the API shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    /// Id.
    pub id: Uuid,
    /// E-mail address.
    pub email: String,
    /// Name.
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

fn parse_language(raw: Option<&str>) -> Result<Lang, FieldError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Lang::De),
        Some(code) => Lang::from_code(code).ok_or(FieldError {
            field: "language".into(),
            message: "muss „de“ oder „en“ sein".into(),
        }),
    }
}

/// Checks a company as given in a request; problems go to `errors`.
pub fn parse_company_request(
    c: &CompanyRequest,
    errors: &mut Vec<FieldError>,
) -> Option<NewCompany> {
    let name = Line::<160>::parse("company.name", &c.name)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let sector = Sector::parse(&c.sector)
        .map_err(|e| {
            errors.push(FieldError {
                field: "company.sector".into(),
                message: e.message,
            })
        })
        .ok();
    let staff_count = u32::try_from(c.staff_count)
        .ok()
        .filter(|n| *n <= 1_000_000);
    if staff_count.is_none() {
        errors.push(FieldError {
            field: "company.staff_count".into(),
            message: "muss eine Zahl von 0 bis 1000000 sein".into(),
        });
    }
    let county = lotse_core::reference::county(c.county.trim());
    if county.is_none() {
        errors.push(FieldError {
            field: "company.county".into(),
            message: "ist kein bekannter Kreisschlüssel (siehe /api/v1/counties)".into(),
        });
    }
    let address = match c
        .address
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        None => None,
        Some(a) => Line::<300>::parse("company.address", a)
            .map_err(|e| errors.push(e.into()))
            .ok()
            .map(|l| l.as_str().to_owned()),
    };
    Some(NewCompany {
        name: name?.as_str().to_owned(),
        sector: sector?.letter(),
        staff_count: staff_count?,
        county: county?.key.to_owned(),
        address,
    })
}

/// Sends a confirmation link to a person.
pub async fn send_confirmation(
    state: &AppState,
    person_id: Uuid,
    email: &str,
    name: &str,
    lang: Lang,
) -> Result<(), ApiError> {
    let token = auth::new_secret()?;
    let now = lotse_store::now_seconds();
    store::create_link(
        &state.db,
        &auth::hash_secret(&token),
        LinkPurpose::Confirm,
        Some(person_id),
        email,
        None,
        now,
        now + CONFIRM_LINK_SECONDS,
    )
    .await?;
    let link = format!(
        "{}/konto/bestaetigen?token={token}",
        state.config.public_url
    );
    let composed = mail::compose(lang, MailKind::Confirm, name, Some(&link), "");
    mail::send_later(&state.db, &state.mail_wake, email, &composed).await?;
    Ok(())
}

/// Registers an account, and with it a company if one is given.
pub async fn register_person(
    state: &AppState,
    request: &RegisterRequest,
    ip: &str,
) -> Result<(store::Person, Option<Uuid>), ApiError> {
    let mut errors = Vec::new();
    let email = Email::parse(&request.email)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let name = Line::<120>::parse("name", &request.name)
        .map_err(|e| errors.push(e.into()))
        .ok();
    collect(
        &mut errors,
        check_new_password(&request.password, &[&request.name, &request.email]),
    );
    let lang = parse_language(request.language.as_deref())
        .map_err(|e| errors.push(e))
        .ok();
    let company = request
        .company
        .as_ref()
        .and_then(|c| parse_company_request(c, &mut errors));
    let (Some(email), Some(name), Some(lang), true) = (email, name, lang, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let hash = auth::hash_password(request.password.clone()).await?;
    let now = lotse_store::now_seconds();
    let affiliation = match company {
        Some(c) => Affiliation::NewCompany(c),
        None => Affiliation::None,
    };
    let consent = Consent {
        notice: "privacy".into(),
        version: PRIVACY_NOTICE_VERSION.into(),
    };
    let person = NewPerson {
        email: email.as_str().to_owned(),
        name: name.as_str().to_owned(),
        password_hash: Some(hash),
        confirmed: false,
        language: lang.code().to_owned(),
    };
    let created = store::create_person(&state.db, &person, &affiliation, Some(&consent), now)
        .await
        .map_err(|e| match e {
            CreatePersonError::EmailTaken => ApiError::Conflict(
                "Unter dieser E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich an oder setzen Sie Ihr Passwort zurück.".into(),
            ),
            CreatePersonError::NoSuchCompany => ApiError::field("company_id", "gibt es nicht"),
            CreatePersonError::Store(e) => e.into(),
        })?;
    store::audit(
        &state.db,
        Some(created.person_id),
        "account.registered",
        &created.person_id.to_string(),
        ip,
        serde_json::json!({ "company": created.company_id }),
        now,
    )
    .await?;
    send_confirmation(
        state,
        created.person_id,
        email.as_str(),
        name.as_str(),
        lang,
    )
    .await?;
    let stored = store::person(&state.db, created.person_id)
        .await?
        .ok_or(ApiError::Internal("person vanished".into()))?;
    Ok((stored, created.company_id))
}

/// Register an account; with `company`, the person becomes its company admin. A
/// confirmation link is mailed; booking needs a confirmed address.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegisterRequest,
    responses(
        (status = 201, description = "Registered", body = PersonDto),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "E-mail address taken", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiError> {
    let ip = auth::client_ip(request.extensions());
    let ApiJson(body) = ApiJson::<RegisterRequest>::from_request(request, &state).await?;
    let (person, _) = register_person(&state, &body, &ip).await?;
    Ok((StatusCode::CREATED, Json(PersonDto::from(&person))).into_response())
}

/// Sign-in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// E-mail address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// What a sign-in decided.
pub enum LoginOutcome {
    /// Signed in: the new session's secret and the person.
    SignedIn(String, store::Person),
    /// Wrong address or password (the same answer for both).
    Refused,
    /// Too many failures recently.
    Throttled,
}

/// Checks credentials with throttling per account and per address, and starts a
/// session. Unknown addresses take as long and answer the same as wrong passwords.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    ip: &str,
    user_agent: &str,
) -> Result<LoginOutcome, ApiError> {
    let now = lotse_store::now_seconds();
    let email = email.trim().to_lowercase();
    let (by_account, by_address) =
        store::recent_login_failures(&state.db, &email, ip, now - auth::LOGIN_WINDOW_SECONDS)
            .await?;
    if by_account >= auth::LOGIN_FAILURES_PER_ACCOUNT
        || by_address >= auth::LOGIN_FAILURES_PER_ADDRESS
    {
        store::audit(
            &state.db,
            None,
            "login.throttled",
            &email,
            ip,
            serde_json::json!({}),
            now,
        )
        .await?;
        return Ok(LoginOutcome::Throttled);
    }
    let person = store::person_by_email(&state.db, &email).await?;
    let hash = person.as_ref().and_then(|p| p.password_hash.clone());
    if !auth::verify_password(password.to_owned(), hash).await {
        store::record_login_failure(&state.db, &email, ip, now).await?;
        store::audit(
            &state.db,
            person.as_ref().map(|p| p.id),
            "login.failed",
            &email,
            ip,
            serde_json::json!({}),
            now,
        )
        .await?;
        return Ok(LoginOutcome::Refused);
    }
    let Some(person) = person else {
        return Ok(LoginOutcome::Refused);
    };
    let secret = auth::new_secret()?;
    store::create_session(
        &state.db,
        &auth::hash_secret(&secret),
        person.id,
        state.config.session_limits,
        ip,
        user_agent,
        now,
    )
    .await?;
    store::clear_login_failures(&state.db, &email, now - auth::LOGIN_WINDOW_SECONDS).await?;
    store::audit(
        &state.db,
        Some(person.id),
        "login.succeeded",
        &person.id.to_string(),
        ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    Ok(LoginOutcome::SignedIn(secret, person))
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
pub async fn login(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
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
        LoginOutcome::Throttled => Ok(auth::too_many_attempts()),
        LoginOutcome::Refused => Ok(crate::http::error::problem_response(Problem {
            problem_type: "about:blank".into(),
            title: "Anmeldung fehlgeschlagen".into(),
            status: 401,
            detail: "E-Mail-Adresse oder Passwort sind nicht richtig.".into(),
            errors: Vec::new(),
        })),
        LoginOutcome::SignedIn(secret, person) => {
            let mut response = Json(PersonDto::from(&person)).into_response();
            let secure = auth::is_secure(&headers, state.config.secure_cookies);
            if let Some(cookie) = auth::session_cookie(
                &secret,
                secure,
                state.config.session_limits.absolute_seconds,
            ) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
    }
}

/// Ends the session `me` signed in with (tokens have none) and notes it.
pub async fn end_session(state: &AppState, me: &SignedIn) -> Result<(), ApiError> {
    if let Credential::Session(hash) = &me.credential {
        store::delete_session(&state.db, hash).await?;
    }
    store::audit(
        &state.db,
        Some(me.person.id),
        "logout",
        &me.person.id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// Ends every session of `me` ("sign out everywhere") and notes it.
pub async fn end_all_sessions(state: &AppState, me: &SignedIn) -> Result<(), ApiError> {
    let ended = store::delete_sessions_of(&state.db, me.person.id, None).await?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "sessions.ended",
        &me.person.id.to_string(),
        &me.ip,
        serde_json::json!({ "count": ended }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// Erases `me` (DSGVO Art. 17) and notes it.
pub async fn erase_account(state: &AppState, me: &SignedIn) -> Result<(), ApiError> {
    let now = lotse_store::now_seconds();
    store::erase_person(&state.db, me.person.id, now).await?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "account.erased",
        &me.person.id.to_string(),
        &me.ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    Ok(())
}

/// Puts the header that removes the session cookie on `response`.
pub fn clear_cookie(state: &AppState, headers: &HeaderMap, response: &mut Response) {
    response.headers_mut().insert(
        header::SET_COOKIE,
        auth::clear_session_cookie(auth::is_secure(headers, state.config.secure_cookies)),
    );
}

/// Sign out: ends this session on the server and removes the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts",
    responses((status = 204, description = "Signed out"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authenticated(me): Authenticated,
) -> Result<Response, ApiError> {
    end_session(&state, &me).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookie(&state, &headers, &mut response);
    Ok(response)
}

/// A one-time token from an e-mail link.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// The token from the link.
    pub token: String,
}

/// Uses a confirmation link; `true` when the address is now confirmed.
pub async fn confirm_with(state: &AppState, token: &str, ip: &str) -> Result<bool, ApiError> {
    let now = lotse_store::now_seconds();
    let Some(link) = store::use_link(
        &state.db,
        &auth::hash_secret(token.trim()),
        LinkPurpose::Confirm,
        now,
    )
    .await?
    else {
        return Ok(false);
    };
    let Some(person_id) = link.person_id else {
        return Ok(false);
    };
    store::confirm_email(&state.db, person_id, now).await?;
    store::audit(
        &state.db,
        Some(person_id),
        "email.confirmed",
        &person_id.to_string(),
        ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    Ok(true)
}

fn invalid_link() -> ApiError {
    ApiError::field(
        "token",
        "Der Link ist ungültig, abgelaufen oder wurde schon benutzt.",
    )
}

/// Confirm the e-mail address with the token from the mailed link.
#[utoipa::path(post, path = "/api/v1/auth/confirm", tag = "accounts", request_body = TokenRequest,
    responses((status = 204, description = "Confirmed"), (status = 400, description = "Invalid, expired or used token", body = Problem, content_type = "application/problem+json")))]
pub async fn confirm(
    State(state): State<AppState>,
    request: Request,
) -> Result<StatusCode, ApiError> {
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

/// Mails a reset link if the address has an account, and a note that there is none
/// otherwise; the caller learns nothing either way.
pub async fn request_reset(state: &AppState, raw_email: &str, ip: &str) -> Result<(), ApiError> {
    let Ok(email) = Email::parse(raw_email) else {
        return Ok(());
    };
    let now = lotse_store::now_seconds();
    match store::person_by_email(&state.db, email.as_str()).await? {
        Some(person) => {
            let token = auth::new_secret()?;
            store::create_link(
                &state.db,
                &auth::hash_secret(&token),
                LinkPurpose::Reset,
                Some(person.id),
                email.as_str(),
                None,
                now,
                now + RESET_LINK_SECONDS,
            )
            .await?;
            let link = format!("{}/passwort-neu?token={token}", state.config.public_url);
            let lang = Lang::from_code(&person.language).unwrap_or_default();
            let composed = mail::compose(lang, MailKind::Reset, &person.name, Some(&link), "");
            mail::send_later(&state.db, &state.mail_wake, email.as_str(), &composed).await?;
            store::audit(
                &state.db,
                None,
                "password.reset_requested",
                &person.id.to_string(),
                ip,
                serde_json::json!({}),
                now,
            )
            .await?;
        }
        None => {
            let composed = mail::compose(Lang::De, MailKind::ResetUnknown, "", None, "");
            mail::send_later(&state.db, &state.mail_wake, email.as_str(), &composed).await?;
        }
    }
    Ok(())
}

/// Ask for a password-reset link. Always 202, whether or not the address has an
/// account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way")))]
pub async fn password_reset(
    State(state): State<AppState>,
    request: Request,
) -> Result<StatusCode, ApiError> {
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

/// Sets a new password through a reset link: the link works once, every session of
/// the person ends, and the address counts as confirmed (the mail arrived).
pub async fn complete_reset(
    state: &AppState,
    token: &str,
    password: &str,
    ip: &str,
) -> Result<(), ApiError> {
    // Check the password before spending the link.
    if password.chars().count() < lotse_core::accounts::MIN_PASSWORD_CHARS {
        check_new_password(password, &[])?;
    }
    let now = lotse_store::now_seconds();
    let link = store::use_link(
        &state.db,
        &auth::hash_secret(token.trim()),
        LinkPurpose::Reset,
        now,
    )
    .await?
    .ok_or_else(invalid_link)?;
    let person_id = link.person_id.ok_or_else(invalid_link)?;
    let person = store::person(&state.db, person_id)
        .await?
        .ok_or_else(invalid_link)?;
    check_new_password(password, &[&person.name, &person.email])?;
    let hash = auth::hash_password(password.to_owned()).await?;
    store::set_password(&state.db, person_id, &hash, None).await?;
    store::confirm_email(&state.db, person_id, now).await?;
    store::audit(
        &state.db,
        Some(person_id),
        "password.reset",
        &person_id.to_string(),
        ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    Ok(())
}

/// Set a new password with the token from the mailed link; ends every session.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/complete", tag = "accounts", request_body = ResetCompleteRequest,
    responses((status = 204, description = "Password set"), (status = 400, description = "Invalid token or password", body = Problem, content_type = "application/problem+json")))]
pub async fn password_reset_complete(
    State(state): State<AppState>,
    request: Request,
) -> Result<StatusCode, ApiError> {
    let ip = auth::client_ip(request.extensions());
    let ApiJson(body) = ApiJson::<ResetCompleteRequest>::from_request(request, &state).await?;
    complete_reset(&state, &body.token, &body.password, &ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An organization a role belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDto {
    /// `company`, `partner` or `center`.
    pub kind: String,
    /// Id (absent for the center).
    pub id: Option<Uuid>,
    /// Name.
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

/// Changes the password after checking the current one; ends every other session.
pub async fn change_password(
    state: &AppState,
    me: &SignedIn,
    current: &str,
    new: &str,
) -> Result<(), ApiError> {
    if !auth::verify_password(current.to_owned(), me.person.password_hash.clone()).await {
        return Err(ApiError::field("current_password", "ist nicht richtig"));
    }
    check_new_password(new, &[&me.person.name, &me.person.email])?;
    let hash = auth::hash_password(new.to_owned()).await?;
    let keep = match &me.credential {
        Credential::Session(h) => Some(h.as_str()),
        Credential::Token => None,
    };
    store::set_password(&state.db, me.person.id, &hash, keep).await?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "password.changed",
        &me.person.id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// Change the password; every other session ends.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChangeRequest,
    responses((status = 204, description = "Changed"), (status = 400, description = "Wrong current or weak new password", body = Problem, content_type = "application/problem+json"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn password(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<PasswordChangeRequest>,
) -> Result<StatusCode, ApiError> {
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
) -> Result<Response, ApiError> {
    let data = store::export_person(&state.db, me.person.id)
        .await?
        .ok_or(ApiError::NotFound("Das Konto"))?;
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
) -> Result<Response, ApiError> {
    erase_account(&state, &me).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookie(&state, &headers, &mut response);
    Ok(response)
}

/// A new personal API token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenCreateRequest {
    /// A name to recognize it by.
    pub name: String,
}

/// A token as created: the only time the token itself is shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenCreatedDto {
    /// Id, to revoke it.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// The token, for `Authorization: Bearer …`. Shown this once.
    pub token: String,
}

/// Creates a token for the person.
pub async fn create_token(
    state: &AppState,
    me: &SignedIn,
    name: &str,
) -> Result<TokenCreatedDto, ApiError> {
    let name = Line::<80>::parse("name", name)?;
    let token = format!("lotse_{}", auth::new_secret()?);
    let now = lotse_store::now_seconds();
    let id = store::create_token(
        &state.db,
        me.person.id,
        name.as_str(),
        &auth::hash_secret(&token),
        now,
    )
    .await?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "token.created",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "name": name.as_str() }),
        now,
    )
    .await?;
    Ok(TokenCreatedDto {
        id,
        name: name.as_str().to_owned(),
        token,
    })
}

/// Create a personal API token; the response shows it once.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = TokenCreateRequest,
    responses((status = 201, description = "Created", body = TokenCreatedDto), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn tokens_create(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<TokenCreateRequest>,
) -> Result<Response, ApiError> {
    let created = create_token(&state, &me, &body.name).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// The person's live tokens (without the tokens themselves).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts",
    responses((status = 200, description = "Tokens"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn tokens_list(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Response, ApiError> {
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
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = Uuid::try_parse(&id).map_err(|_| ApiError::NotFound("Der Token"))?;
    let now = lotse_store::now_seconds();
    if !store::revoke_token(&state.db, me.person.id, id, now).await? {
        return Err(ApiError::NotFound("Der Token"));
    }
    store::audit(
        &state.db,
        Some(me.person.id),
        "token.revoked",
        &id.to_string(),
        &me.ip,
        serde_json::json!({}),
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sign out everywhere: ends every session of the person, this one included.
#[utoipa::path(delete, path = "/api/v1/me/sessions", tag = "accounts",
    responses((status = 204, description = "All sessions ended"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json")))]
pub async fn sessions_end_all(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authenticated(me): Authenticated,
) -> Result<Response, ApiError> {
    end_all_sessions(&state, &me).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    clear_cookie(&state, &headers, &mut response);
    Ok(response)
}

/// An account created by staff for someone who signed up by phone or on paper.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AdminPersonRequest {
    /// E-mail address.
    pub email: String,
    /// Name.
    pub name: String,
    /// Optional; without one, the person sets it with a reset link.
    pub password: Option<String>,
    /// The company the person works for.
    pub company_id: Option<Uuid>,
    /// Roles in that company (`learner`, `company_admin`); default `learner` with a
    /// company. Admins may also give center roles (`staff`, `admin`).
    pub roles: Option<Vec<String>>,
}

/// Creates an account on behalf of staff member `me`; returns the new person.
pub async fn create_person_by_staff(
    state: &AppState,
    me: &SignedIn,
    body: AdminPersonRequest,
) -> Result<store::Person, ApiError> {
    if let Some(e) = ApiError::from_decision(authorize(Some(&me.actor), Action::CreatePeople), "") {
        return Err(e);
    }
    let mut errors: Vec<FieldError> = Vec::new();
    let email = Email::parse(&body.email)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let name = Line::<120>::parse("name", &body.name)
        .map_err(|e| errors.push(e.into()))
        .ok();
    if let Some(p) = &body.password {
        collect(
            &mut errors,
            check_new_password(p, &[&body.name, &body.email]),
        );
    }
    let mut memberships = Vec::new();
    let roles = body.roles.clone().unwrap_or_else(|| {
        if body.company_id.is_some() {
            vec!["learner".into()]
        } else {
            Vec::new()
        }
    });
    for raw in &roles {
        match Role::parse(raw) {
            Err(e) => errors.push(FieldError {
                field: "roles".into(),
                message: e.message,
            }),
            Ok(role @ (Role::Learner | Role::CompanyAdmin)) => match body.company_id {
                Some(c) => memberships.push(Membership {
                    role,
                    scope: Scope::Company(c),
                }),
                None => errors.push(FieldError {
                    field: "company_id".into(),
                    message: format!("ist für die Rolle {raw} nötig"),
                }),
            },
            Ok(role @ (Role::Staff | Role::Admin)) if me.actor.has_role(Role::Admin) => memberships
                .push(Membership {
                    role,
                    scope: Scope::Center,
                }),
            Ok(_) => errors.push(FieldError {
                field: "roles".into(),
                message: format!("die Rolle {raw} kann hier nicht vergeben werden"),
            }),
        }
    }
    let (Some(email), Some(name), true) = (email, name, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let hash = match &body.password {
        Some(p) => Some(auth::hash_password(p.clone()).await?),
        None => None,
    };
    let now = lotse_store::now_seconds();
    let person = NewPerson {
        email: email.as_str().to_owned(),
        name: name.as_str().to_owned(),
        password_hash: hash,
        confirmed: true,
        language: "de".into(),
    };
    let created = store::create_person(
        &state.db,
        &person,
        &Affiliation::Memberships(memberships),
        None,
        now,
    )
    .await
    .map_err(|e| match e {
        CreatePersonError::EmailTaken => {
            ApiError::Conflict("Unter dieser E-Mail-Adresse gibt es bereits ein Konto.".into())
        }
        CreatePersonError::NoSuchCompany => ApiError::field("company_id", "gibt es nicht"),
        CreatePersonError::Store(e) => e.into(),
    })?;
    store::audit(
        &state.db,
        Some(me.person.id),
        "person.created",
        &created.person_id.to_string(),
        &me.ip,
        serde_json::json!({ "roles": roles, "company_id": body.company_id }),
        now,
    )
    .await?;
    let stored = store::person(&state.db, created.person_id)
        .await?
        .ok_or(ApiError::Internal("person vanished".into()))?;
    Ok(stored)
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
) -> Result<Response, ApiError> {
    let stored = create_person_by_staff(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(PersonDto::from(&stored))).into_response())
}

/// The newest 200 entries of the audit log (admins).
#[utoipa::path(get, path = "/api/v1/admin/audit-log", tag = "accounts",
    responses((status = 200, description = "Audit entries, newest first"), (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"), (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json")))]
pub async fn audit_log(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Response, ApiError> {
    if let Some(e) = ApiError::from_decision(authorize(Some(&me.actor), Action::ViewAuditLog), "") {
        return Err(e);
    }
    let entries = store::audit_entries(&state.db, 200).await?;
    Ok(Json(serde_json::json!({ "items": entries, "next": null })).into_response())
}
