//! Accounts' use cases: registration and confirmation, sign-in and sign-out, password
//! reset and change, tokens, erasure, and accounts created by staff.

use super::api::{
    AdminPersonRequest, CompanyRequest, PRIVACY_NOTICE_VERSION, RegisterRequest, TokenCreatedDto,
};
use crate::error::AppError;
use crate::error::{InvalidField, Message};
use crate::http::auth::{self, Credential, SignedIn};
use crate::i18n::Lang;
use crate::mail::{self, MailKind};
use crate::state::AppState;
use lotse_core::accounts::{
    Action, Decision, Email, Membership, Role, Scope, Sector, authorize, check_new_password,
};
use lotse_core::text::Line;
use lotse_store::accounts::{
    self as store, Affiliation, Consent, CreatePersonError, LinkPurpose, NewCompany, NewPerson,
};
use uuid::Uuid;

/// How long a confirmation link lives.
pub(crate) const CONFIRM_LINK_SECONDS: i64 = 7 * 24 * 60 * 60;

/// How long a password-reset link lives.
pub(crate) const RESET_LINK_SECONDS: i64 = 60 * 60;

pub(crate) fn collect(errors: &mut Vec<InvalidField>, result: Result<(), lotse_core::Invalid>) {
    if let Err(e) = result {
        errors.push(e.into());
    }
}

pub(crate) fn parse_language(raw: Option<&str>) -> Result<Lang, InvalidField> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Lang::De),
        Some(code) => Lang::from_code(code).ok_or(InvalidField {
            field: "language".into(),
            message: "invalid-language".into(),
        }),
    }
}

/// Checks a company as given in a request; problems go to `errors`.
pub fn parse_company_request(
    c: &CompanyRequest,
    errors: &mut Vec<InvalidField>,
) -> Option<NewCompany> {
    let name = Line::<160>::parse("company.name", &c.name)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let sector = Sector::parse(&c.sector)
        .map_err(|e| {
            errors.push(InvalidField {
                field: "company.sector".into(),
                message: e.into(),
            })
        })
        .ok();
    let staff_count = u32::try_from(c.staff_count)
        .ok()
        .filter(|n| *n <= 1_000_000);
    if staff_count.is_none() {
        errors.push(InvalidField {
            field: "company.staff_count".into(),
            message: "invalid-staff-count".into(),
        });
    }
    let county = lotse_core::reference::county(c.county.trim());
    if county.is_none() {
        errors.push(InvalidField {
            field: "company.county".into(),
            message: "invalid-county".into(),
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
) -> Result<(), AppError> {
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
) -> Result<(store::Person, Option<Uuid>), AppError> {
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
        return Err(AppError::Invalid(errors));
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
            CreatePersonError::EmailTaken => AppError::Conflict("refusal-email-taken".into()),
            CreatePersonError::NoSuchCompany => {
                AppError::field("company_id", "invalid-not-existing")
            }
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
        .ok_or(AppError::Internal("person vanished".into()))?;
    Ok((stored, created.company_id))
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
) -> Result<LoginOutcome, AppError> {
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
            &address_in_log(&email),
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
            &person
                .as_ref()
                .map_or_else(|| address_in_log(&email), |p| p.id.to_string()),
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

/// Ends the session `me` signed in with (tokens have none) and notes it.
pub async fn end_session(state: &AppState, me: &SignedIn) -> Result<(), AppError> {
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
pub async fn end_all_sessions(state: &AppState, me: &SignedIn) -> Result<(), AppError> {
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

/// Erases `me` (DSGVO Art. 17) and notes it; whoever moves up from a waitlist into a
/// seat the person held is told.
pub async fn erase_account(state: &AppState, me: &SignedIn) -> Result<(), AppError> {
    let now = lotse_store::now_seconds();
    let erased = store::erase_person(
        &state.db,
        me.person.id,
        now,
        &crate::booking::service::new_ticket_code,
    )
    .await?
    .unwrap_or_default();
    store::audit(
        &state.db,
        Some(me.person.id),
        "account.erased",
        &me.person.id.to_string(),
        &me.ip,
        serde_json::json!({ "cancelled": erased.cancelled }),
        now,
    )
    .await?;
    crate::booking::service::notify_promoted(state, &erased.promoted).await
}

/// Uses a confirmation link; `true` when the address is now confirmed.
pub async fn confirm_with(state: &AppState, token: &str, ip: &str) -> Result<bool, AppError> {
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

pub(crate) fn invalid_link() -> AppError {
    AppError::field("token", "invalid-link")
}

/// Mails a reset link if the address has an account, and a note that there is none
/// otherwise; the caller learns nothing either way.
pub async fn request_reset(state: &AppState, raw_email: &str, ip: &str) -> Result<(), AppError> {
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

/// Sets a new password through a reset link: the link works once, every session of
/// the person ends, and the address counts as confirmed (the mail arrived).
pub async fn complete_reset(
    state: &AppState,
    token: &str,
    password: &str,
    ip: &str,
) -> Result<(), AppError> {
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

/// Changes the password after checking the current one; ends every other session.
pub async fn change_password(
    state: &AppState,
    me: &SignedIn,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    if !auth::verify_password(current.to_owned(), me.person.password_hash.clone()).await {
        return Err(AppError::field(
            "current_password",
            "invalid-wrong-password",
        ));
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

/// Creates a token for the person.
pub async fn create_token(
    state: &AppState,
    me: &SignedIn,
    name: &str,
) -> Result<TokenCreatedDto, AppError> {
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

/// Creates an account on behalf of staff member `me`; returns the new person.
pub async fn create_person_by_staff(
    state: &AppState,
    me: &SignedIn,
    body: AdminPersonRequest,
) -> Result<store::Person, AppError> {
    if let Some(e) = AppError::from_decision(authorize(Some(&me.actor), Action::CreatePeople), "") {
        return Err(e);
    }
    let mut errors: Vec<InvalidField> = Vec::new();
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
            Err(e) => errors.push(InvalidField {
                field: "roles".into(),
                message: e.into(),
            }),
            Ok(Role::Learner | Role::CompanyAdmin) if body.company_id.is_none() => {
                errors.push(InvalidField {
                    field: "company_id".into(),
                    message: Message::new("invalid-role-needs-company").with("role", raw),
                })
            }
            Ok(role) => {
                let scope = match (role, body.company_id) {
                    (Role::Learner | Role::CompanyAdmin, Some(c)) => Scope::Company(c),
                    _ => Scope::Center,
                };
                let membership = Membership { role, scope };
                if authorize(Some(&me.actor), Action::GrantRole(membership)) == Decision::Allow {
                    memberships.push(membership);
                } else {
                    errors.push(InvalidField {
                        field: "roles".into(),
                        message: Message::new("invalid-role-not-grantable").with("role", raw),
                    });
                }
            }
        }
    }
    let (Some(email), Some(name), true) = (email, name, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
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
            AppError::Conflict("refusal-email-taken-by-someone".into())
        }
        CreatePersonError::NoSuchCompany => AppError::field("company_id", "invalid-not-existing"),
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
        .ok_or(AppError::Internal("person vanished".into()))?;
    Ok(stored)
}

/// Revokes one of `me`'s tokens; another person's token, or none, is not found.
pub(crate) async fn revoke_token(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> Result<(), AppError> {
    let now = lotse_store::now_seconds();
    if !store::revoke_token(&state.db, me.person.id, id, now).await? {
        return Err(AppError::NotFound("refusal-not-found-token".into()));
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
    Ok(())
}

/// How the audit log names an address (one tried at sign-in, one invited): a hash, so
/// the log keeps no address (and none of an erased person) yet repeats stand out.
pub(crate) fn address_in_log(email: &str) -> String {
    let hash = auth::hash_secret(email);
    format!("address {}", hash.get(..16).unwrap_or(&hash))
}
