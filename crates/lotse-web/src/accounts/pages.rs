//! The account pages: sign in, register, the account itself (`/konto`), e-mail
//! confirmation and password reset. Plain HTML forms that work without JavaScript;
//! every form error is shown next to its field, in the visitor's language.

use super::service::{
    LoginOutcome, change_password, complete_reset, confirm_with, create_token, end_all_sessions,
    end_session, erase_account, register_person, request_reset, revoke_token, send_confirmation,
    sign_in,
};
use crate::accounts::api::{self as accounts, CompanyRequest, RegisterRequest};
use crate::error::AppError;
use crate::error::InvalidField;
use crate::format;
use crate::http::auth::SignedInPage;
use crate::http::auth::{self, Credential, MaybeSignedIn, SignedIn};
use crate::http::extract::{NoSuchToken, PathId};
use crate::http::form::{FormData, FormField, field, form_or_empty, place_errors, with_status};
use crate::http::page::{Ctx, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use lotse_core::reference::COUNTIES;
use lotse_store::accounts as store;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "accounts/account_form.html")]
struct AccountForm {
    ctx: Ctx,
    heading: String,
    lead: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    action: String,
    fields: Vec<FormField>,
    hidden: Vec<(String, String)>,
    consent: Option<String>,
    submit: String,
    links: Vec<(String, String)>,
}

impl AccountForm {
    fn new(lang: Lang, path: &str, key: &str, fields: Vec<FormField>) -> Self {
        Self {
            ctx: Ctx::new(lang, path),
            heading: lang.t(&format!("{key}-heading")),
            lead: None,
            notice: None,
            error: None,
            action: path.to_owned(),
            fields,
            hidden: Vec::new(),
            consent: None,
            submit: lang.t(&format!("{key}-submit")),
            links: Vec::new(),
        }
    }
}

fn login_form(lang: Lang, form: &FormData, next: &str) -> AccountForm {
    let mut page = AccountForm::new(
        lang,
        "/anmelden",
        "login",
        vec![
            FormField::new(lang, "email", "email", "username").value(form.get("email")),
            FormField::new(lang, "password", "password", "current-password"),
        ],
    );
    page.hidden.push(("weiter".into(), next.to_owned()));
    page.links = vec![
        ("/registrieren".into(), lang.t("login-to-register")),
        ("/passwort-vergessen".into(), lang.t("login-forgot")),
    ];
    page
}

/// Only local paths are followed after signing in.
fn local_path(raw: Option<&String>) -> String {
    raw.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
        .cloned()
        .unwrap_or_else(|| "/konto".into())
}

/// `GET /anmelden`.
pub async fn login_page(lang: Lang, Query(query): Query<FormData>) -> Response {
    let next = local_path(query.get("weiter"));
    let mut page = login_form(lang, &FormData::new(), &next);
    if query.get("hinweis").is_some_and(|h| h == "passwort-neu") {
        page.notice = Some(lang.t("login-notice"));
    }
    render(page)
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

/// Signs in and redirects with the session cookie.
fn signed_in_redirect(state: &AppState, headers: &HeaderMap, secret: &str, to: &str) -> Response {
    let secure = auth::is_secure(headers, state.config.secure_cookies);
    let cookie = auth::session_cookie(secret, secure, state.config.session_limits.absolute_seconds);
    (CookieJar::new().add(cookie), Redirect::to(to)).into_response()
}

/// `POST /anmelden`.
pub async fn login_submit(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    let next = local_path(form.get("weiter"));
    let outcome = sign_in(
        &state,
        &field(&form, "email"),
        &field(&form, "password"),
        &addr.ip().to_string(),
        &user_agent(&headers),
    )
    .await?;
    let (status, message) = match outcome {
        LoginOutcome::SignedIn(secret, _) => {
            return Ok(signed_in_redirect(&state, &headers, &secret, &next));
        }
        LoginOutcome::Refused => (StatusCode::UNAUTHORIZED, lang.t("login-refused")),
        LoginOutcome::Throttled => (StatusCode::TOO_MANY_REQUESTS, lang.t("login-throttled")),
    };
    let mut page = login_form(lang, &form, &next);
    page.error = Some(message);
    Ok(with_status(render(page), status))
}

fn register_fields(lang: Lang, form: &FormData) -> Vec<FormField> {
    let mut sectors = vec![(String::new(), lang.t("field-choose"))];
    sectors.extend(('A'..='U').map(|c| {
        (
            c.to_string(),
            format!("{c} – {}", lang.t(&format!("sector-{c}"))),
        )
    }));
    let mut counties = vec![(String::new(), lang.t("field-choose"))];
    counties.extend(
        COUNTIES
            .iter()
            .map(|c| (c.key.to_owned(), c.name.to_owned())),
    );
    vec![
        FormField::new(lang, "name", "text", "name").value(form.get("name")),
        FormField::new(lang, "email", "email", "email").value(form.get("email")),
        FormField::new(lang, "password", "password", "new-password")
            .hint(lang.t("field-password-hint")),
        FormField::new(lang, "company.name", "text", "organization")
            .optional()
            .hint(lang.t("field-company-hint"))
            .value(form.get("company.name")),
        FormField {
            options: sectors,
            ..FormField::new(lang, "company.sector", "text", "off")
                .optional()
                .value(form.get("company.sector"))
        },
        FormField::new(lang, "company.staff_count", "number", "off")
            .optional()
            .value(form.get("company.staff_count")),
        FormField {
            options: counties,
            ..FormField::new(lang, "company.county", "text", "off")
                .optional()
                .value(form.get("company.county"))
        },
    ]
}

fn register_form(lang: Lang, form: &FormData) -> AccountForm {
    let mut page = AccountForm::new(
        lang,
        "/registrieren",
        "register",
        register_fields(lang, form),
    );
    page.lead = Some(lang.t("register-lead"));
    page.consent = Some(lang.t("register-consent"));
    page.links = vec![("/anmelden".into(), lang.t("register-to-login"))];
    page
}

/// `GET /registrieren`.
pub async fn register_page(lang: Lang) -> Response {
    render(register_form(lang, &FormData::new()))
}

/// `POST /registrieren`: registers, signs in and opens the account page.
pub async fn register_submit(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    let ip = addr.ip().to_string();
    let company_name = field(&form, "company.name");
    let company = (!company_name.trim().is_empty()).then(|| CompanyRequest {
        name: company_name,
        sector: field(&form, "company.sector"),
        staff_count: field(&form, "company.staff_count")
            .trim()
            .parse()
            .unwrap_or(-1),
        county: field(&form, "company.county"),
        address: None,
    });
    let request = RegisterRequest {
        email: field(&form, "email"),
        password: field(&form, "password"),
        name: field(&form, "name"),
        company,
        language: Some(lang.code().into()),
    };
    let consent_given = form.get("consent").is_some_and(|v| v == "yes");
    let result = if consent_given {
        register_person(&state, &request, &ip).await.map(|_| ())
    } else {
        Err(AppError::field("consent", "register-consent-missing"))
    };
    match result {
        Ok(()) => match sign_in(
            &state,
            &request.email,
            &request.password,
            &ip,
            &user_agent(&headers),
        )
        .await?
        {
            LoginOutcome::SignedIn(secret, _) => Ok(signed_in_redirect(
                &state,
                &headers,
                &secret,
                "/konto?hinweis=registriert",
            )),
            _ => Ok(Redirect::to("/anmelden").into_response()),
        },
        Err(AppError::Invalid(errors)) => {
            let mut page = register_form(lang, &form);
            let rest = place_errors(lang, &mut page.fields, errors);
            page.error = Some(if rest.is_empty() {
                lang.t("form-has-errors")
            } else {
                rest.join(" ")
            });
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(AppError::Conflict(message)) => {
            let mut page = register_form(lang, &form);
            page.error = Some(message.text(lang));
            Ok(with_status(render(page), StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}

/// A company on the account page.
#[allow(missing_docs)]
pub struct CompanySection {
    pub id: uuid::Uuid,
    pub name: String,
    /// Whether the person administers it.
    pub is_admin: bool,
    /// The person looking.
    pub me: uuid::Uuid,
    /// Members: id, name, e-mail, role names (only for admins).
    pub members: Vec<(uuid::Uuid, String, String, String)>,
    /// Chambers and associations: id, name, whether the company declared itself a
    /// member (only for admins).
    pub member_of: Vec<(uuid::Uuid, String, bool)>,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
pub(crate) struct AccountPage {
    companies: Vec<CompanySection>,
    editor: bool,
    admin: bool,
    /// Whether the dashboard of the figures is theirs to read.
    figures: bool,
    ctx: Ctx,
    notice: Option<String>,
    pub(crate) error: Option<String>,
    new_token: Option<String>,
    name: String,
    email: String,
    confirmed: bool,
    language: String,
    roles: Vec<(String, String)>,
    password_fields: Vec<FormField>,
    tokens: Vec<(String, String, String)>,
    sessions: Vec<(String, String, bool)>,
    delete_fields: Vec<FormField>,
}

pub(crate) async fn account_page(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
) -> Result<AccountPage, AppError> {
    let lang_of_person = Lang::from_code(&me.person.language).unwrap_or(lang);
    let when = |seconds: i64| {
        jiff::Timestamp::from_second(seconds)
            .map(|t| format!("{}, {}", format::date(lang, t), format::time(t)))
            .unwrap_or_default()
    };
    let tokens = store::tokens_of(&state.db, me.person.id).await?;
    let sessions = store::sessions_of(&state.db, me.person.id).await?;
    let current = match &me.credential {
        Credential::Session(h) => Some(h.clone()),
        Credential::Token => None,
    };
    let mut companies: Vec<CompanySection> = Vec::new();
    for m in &me.memberships {
        let lotse_core::accounts::Scope::Company(id) = m.membership.scope else {
            continue;
        };
        if companies.iter().any(|c| c.id == id) {
            continue;
        }
        let is_admin = lotse_core::accounts::authorize(
            Some(&me.actor),
            lotse_core::accounts::Action::ManageCompany(id),
        ) == lotse_core::accounts::Decision::Allow;
        let member_of = if is_admin {
            let declared = store::member_of(&state.db, id).await?;
            store::social_partners(&state.db)
                .await?
                .into_iter()
                .map(|(p, name)| (p, name, declared.contains(&p)))
                .collect()
        } else {
            Vec::new()
        };
        let members = if is_admin {
            store::company_members(&state.db, id)
                .await?
                .into_iter()
                .map(|p| {
                    let roles = p
                        .roles
                        .iter()
                        .map(|r| lang.t(&format!("role-{r}")))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (p.person_id, p.name, p.email, roles)
                })
                .collect()
        } else {
            Vec::new()
        };
        companies.push(CompanySection {
            id,
            name: m.organization.clone().unwrap_or_default(),
            is_admin,
            me: me.person.id,
            members,
            member_of,
        });
    }
    Ok(AccountPage {
        admin: lotse_core::accounts::authorize(
            Some(&me.actor),
            lotse_core::accounts::Action::CreatePeople,
        ) == lotse_core::accounts::Decision::Allow,
        editor: lotse_core::accounts::authorize(
            Some(&me.actor),
            lotse_core::accounts::Action::UseCatalogueEditor,
        ) == lotse_core::accounts::Decision::Allow,
        figures: crate::reporting::service::may_view_figures(me),
        companies,
        ctx: Ctx::new(lang, "/konto"),
        notice: None,
        error: None,
        new_token: None,
        name: me.person.name.clone(),
        email: me.person.email.clone(),
        confirmed: me.person.email_confirmed_at.is_some(),
        language: lang_of_person.code().into(),
        roles: me
            .memberships
            .iter()
            .map(|m| {
                (
                    lang.t(&format!("role-{}", m.membership.role.key())),
                    m.organization
                        .clone()
                        .unwrap_or_else(|| lang.t("center-name")),
                )
            })
            .collect(),
        password_fields: vec![
            FormField::new(lang, "current_password", "password", "current-password"),
            FormField::new(lang, "new_password", "password", "new-password")
                .hint(lang.t("field-password-hint")),
        ],
        tokens: tokens
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone(), when(t.created_at)))
            .collect(),
        sessions: sessions
            .iter()
            .map(|s| {
                (
                    when(s.created_at),
                    s.user_agent.chars().take(60).collect(),
                    Some(&s.id_hash) == current.as_ref(),
                )
            })
            .collect(),
        delete_fields: vec![
            FormField::new(lang, "delete_password", "password", "current-password")
                .hint(lang.t("account-delete-hint")),
        ],
    })
}

/// `GET /konto`.
pub async fn account(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    Query(query): Query<FormData>,
) -> Result<Response, AppError> {
    let mut page = account_page(&state, lang, &me).await?;
    const NOTICES: [&str; 10] = [
        "eingeladen-versandt",
        "mitgliedschaften",
        "entfernt",
        "verlassen",
        "registriert",
        "sprache",
        "passwort",
        "token-widerrufen",
        "bestaetigung-gesendet",
        "eingeladen",
    ];
    page.notice = query
        .get("hinweis")
        .filter(|k| NOTICES.contains(&k.as_str()))
        .map(|k| lang.t(&format!("account-notice-{k}")));
    Ok(render(page))
}

/// `POST /konto/sprache`.
pub async fn account_language(
    State(state): State<AppState>,
    SignedInPage(me): SignedInPage,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    let Some(lang) = Lang::from_code(&field(&form, "language")) else {
        return Ok(Redirect::to("/konto").into_response());
    };
    store::set_language(&state.db, me.person.id, lang.code()).await?;
    let cookies = CookieJar::new().add(lang.cookie());
    Ok((cookies, Redirect::to("/konto?hinweis=sprache")).into_response())
}

/// `POST /konto/passwort`.
pub async fn account_password(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    match change_password(
        &state,
        &me,
        &field(&form, "current_password"),
        &field(&form, "new_password"),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/konto?hinweis=passwort").into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = account_page(&state, lang, &me).await?;
            let errors = errors
                .into_iter()
                .map(|e| InvalidField {
                    field: if e.field == "password" {
                        "new_password".into()
                    } else {
                        e.field
                    },
                    message: e.message,
                })
                .collect();
            place_errors(lang, &mut page.password_fields, errors);
            page.error = Some(lang.t("form-has-errors"));
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(e) => Err(e),
    }
}

/// `POST /konto/tokens`: shows the new token once.
pub async fn account_token_create(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    match create_token(&state, &me, &field(&form, "name")).await {
        Ok(created) => {
            let mut page = account_page(&state, lang, &me).await?;
            page.new_token = Some(created.token);
            let mut response = render(page);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(with_status(response, StatusCode::CREATED))
        }
        Err(AppError::Invalid(_)) => {
            let mut page = account_page(&state, lang, &me).await?;
            page.error = Some(lang.t("account-token-name-missing"));
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(e) => Err(e),
    }
}

/// `POST /konto/tokens/{id}/widerrufen`.
pub async fn account_token_revoke(
    State(state): State<AppState>,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchToken>,
) -> Result<Response, AppError> {
    // Another person's token is not found, as in the API: the page must not claim it
    // was revoked.
    revoke_token(&state, &me, id).await?;
    Ok(Redirect::to("/konto?hinweis=token-widerrufen").into_response())
}

/// `POST /konto/ueberall-abmelden`.
pub async fn account_sign_out_everywhere(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedInPage(me): SignedInPage,
) -> Result<Response, AppError> {
    end_all_sessions(&state, &me).await?;
    Ok((accounts::clear_cookie(&state, &headers), Redirect::to("/")).into_response())
}

/// `POST /abmelden`.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    me: MaybeSignedIn,
) -> Result<Response, AppError> {
    if let Some(me) = me.0 {
        end_session(&state, &me).await?;
    }
    Ok((accounts::clear_cookie(&state, &headers), Redirect::to("/")).into_response())
}

/// `POST /konto/loeschen`: erases the account after the password is confirmed.
pub async fn account_delete(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    SignedInPage(me): SignedInPage,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    if !auth::verify_password(
        field(&form, "delete_password"),
        me.person.password_hash.clone(),
    )
    .await
    {
        let mut page = account_page(&state, lang, &me).await?;
        place_errors(
            lang,
            &mut page.delete_fields,
            vec![InvalidField {
                field: "delete_password".into(),
                message: "account-delete-wrong".into(),
            }],
        );
        page.error = Some(lang.t("form-has-errors"));
        return Ok(with_status(render(page), StatusCode::BAD_REQUEST));
    }
    erase_account(&state, &me).await?;
    let page = crate::http::page::text_page(lang, "/konto", "account-deleted", 1);
    Ok((accounts::clear_cookie(&state, &headers), page).into_response())
}

/// `POST /konto/bestaetigung-senden`: sends the confirmation link again.
pub async fn account_resend_confirmation(
    State(state): State<AppState>,
    SignedInPage(me): SignedInPage,
) -> Result<Response, AppError> {
    if me.person.email_confirmed_at.is_none() {
        let lang = Lang::from_code(&me.person.language).unwrap_or_default();
        send_confirmation(
            &state,
            me.person.id,
            &me.person.email,
            &me.person.name,
            lang,
        )
        .await?;
    }
    Ok(Redirect::to("/konto?hinweis=bestaetigung-gesendet").into_response())
}

/// The `token` of a link.
#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    pub(crate) token: Option<String>,
}

/// `GET /konto/bestaetigen?token=…`: confirms the address from the mailed link.
pub async fn confirm_page(
    State(state): State<AppState>,
    lang: Lang,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    query: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let token = query.ok().and_then(|Query(q)| q.token).unwrap_or_default();
    if confirm_with(&state, &token, &addr.ip().to_string()).await? {
        Ok(crate::http::page::text_page(
            lang,
            "/konto/bestaetigen",
            "confirm-ok",
            1,
        ))
    } else {
        Ok(with_status(
            crate::http::page::text_page(lang, "/konto/bestaetigen", "confirm-failed", 1),
            StatusCode::BAD_REQUEST,
        ))
    }
}

/// `GET /passwort-vergessen`.
pub async fn forgot_page(lang: Lang) -> Response {
    let mut page = AccountForm::new(
        lang,
        "/passwort-vergessen",
        "forgot",
        vec![FormField::new(lang, "email", "email", "email")],
    );
    page.lead = Some(lang.t("forgot-lead"));
    render(page)
}

/// `POST /passwort-vergessen`: the same answer whether or not the address exists.
pub async fn forgot_submit(
    State(state): State<AppState>,
    lang: Lang,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    request_reset(&state, &field(&form, "email"), &addr.ip().to_string()).await?;
    Ok(crate::http::page::text_page(
        lang,
        "/passwort-vergessen",
        "forgot-sent",
        1,
    ))
}

fn new_password_form(lang: Lang, token: &str) -> AccountForm {
    let mut page = AccountForm::new(
        lang,
        "/passwort-neu",
        "new-password",
        vec![
            FormField::new(lang, "password", "password", "new-password")
                .hint(lang.t("field-password-hint")),
        ],
    );
    page.hidden.push(("token".into(), token.to_owned()));
    page
}

/// `GET /passwort-neu?token=…`.
pub async fn new_password_page(
    lang: Lang,
    query: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let token = query.ok().and_then(|Query(q)| q.token).unwrap_or_default();
    render(new_password_form(lang, &token))
}

/// `POST /passwort-neu`.
pub async fn new_password_submit(
    State(state): State<AppState>,
    lang: Lang,
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    let token = field(&form, "token");
    match complete_reset(
        &state,
        &token,
        &field(&form, "password"),
        &addr.ip().to_string(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/anmelden?hinweis=passwort-neu").into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = new_password_form(lang, &token);
            let rest = place_errors(lang, &mut page.fields, errors);
            page.error = Some(if rest.is_empty() {
                lang.t("form-has-errors")
            } else {
                lang.t("link-invalid")
            });
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(e) => Err(e),
    }
}
