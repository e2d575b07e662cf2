//! Administration pages: staff create accounts for people who signed up by phone or
//! on paper; admins also read the audit log.

use super::service::create_person_by_staff;
use crate::accounts::api::AdminPersonRequest;
use crate::error::AppError;
use crate::format;
use crate::http::auth::require;
use crate::http::auth::{MaybeSignedIn, SignedIn};
use crate::http::form::{FormField, place_errors, with_status};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::accounts::{Action, Decision, Membership, Role, Scope, authorize};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "accounts/admin.html")]
struct AdminPage {
    ctx: Ctx,
    notice: Option<String>,
    error: Option<String>,
    fields: Vec<FormField>,
    /// Whether the reader may read the audit log (admins).
    audit_allowed: bool,
    /// When, the entry as a sentence, the raw action, the IP address.
    audit: Vec<(String, String, String, String)>,
    /// The filter as entered.
    filter_person: String,
    filter_action: String,
    filter_from: String,
    filter_to: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    values: &HashMap<String, String>,
    audit_query: &HashMap<String, String>,
) -> Result<AdminPage, AppError> {
    let audit_allowed = authorize(Some(&me.actor), Action::ViewAuditLog) == Decision::Allow;
    let get = |k: &str| {
        audit_query
            .get(k)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let audit_filter = (get("person"), get("action"), get("from"), get("to"));
    let audit = if audit_allowed {
        let day = |raw: &str| {
            raw.parse::<jiff::civil::Date>()
                .ok()
                .and_then(|d| d.to_zoned(lotse_core::catalogue::berlin()).ok())
                .map(|z| z.timestamp().as_second())
        };
        let filter = lotse_store::accounts::AuditFilter {
            person: uuid::Uuid::try_parse(&audit_filter.0).ok(),
            action: Some(audit_filter.1.clone()).filter(|a| !a.is_empty()),
            from: day(&audit_filter.2),
            to: day(&audit_filter.3).map(|t| t + 24 * 60 * 60),
        };
        let entries = lotse_store::accounts::audit_entries_where(&state.db, &filter, 200).await?;
        let mut names = super::audit::Names::default();
        let mut rows = Vec::with_capacity(entries.len());
        for e in entries {
            let when = jiff::Timestamp::from_second(e.at)
                .map(|t| format!("{}, {}", format::date(lang, t), format::time(t)))
                .unwrap_or_default();
            let sentence = names.sentence(state, lang, &e).await?;
            rows.push((when, sentence, e.action, e.ip));
        }
        rows
    } else {
        Vec::new()
    };
    let mut fields = vec![
        FormField::new(lang, "name", "text", "off").value(values.get("name")),
        FormField::new(lang, "email", "email", "off").value(values.get("email")),
        FormField::new(lang, "company_id", "text", "off")
            .optional()
            .hint(lang.t("admin-company-hint"))
            .value(values.get("company_id")),
    ];
    // The center-wide roles this reader may grant (admins: staff, admin, funder).
    let grantable: Vec<(String, String)> = [Role::Staff, Role::Admin, Role::Funder]
        .into_iter()
        .filter(|role| {
            authorize(
                Some(&me.actor),
                Action::GrantRole(Membership {
                    role: *role,
                    scope: Scope::Center,
                }),
            ) == Decision::Allow
        })
        .map(|role| {
            (
                role.key().to_owned(),
                lang.t(&format!("role-{}", role.key())),
            )
        })
        .collect();
    if !grantable.is_empty() {
        let mut role = FormField::new(lang, "role", "text", "off")
            .optional()
            .hint(lang.t("admin-role-hint"))
            .value(values.get("role"));
        role.options = std::iter::once((String::new(), lang.t("admin-role-none")))
            .chain(grantable)
            .collect();
        fields.push(role);
    }
    Ok(AdminPage {
        ctx: Ctx::new(lang, "/verwaltung"),
        notice: None,
        error: None,
        fields,
        audit_allowed,
        audit,
        filter_person: audit_filter.0,
        filter_action: audit_filter.1,
        filter_from: audit_filter.2,
        filter_to: audit_filter.3,
    })
}

fn gate(lang: Lang, me: MaybeSignedIn) -> Result<SignedIn, Box<Response>> {
    let me = require(me, "/verwaltung").map_err(|r| Box::new(r.into_response()))?;
    match authorize(Some(&me.actor), Action::CreatePeople) {
        Decision::Allow => Ok(me),
        _ => Err(Box::new(error_page(
            lang,
            StatusCode::FORBIDDEN,
            Vec::new(),
        ))),
    }
}

/// `GET /verwaltung`.
pub async fn admin(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me) {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let mut page = page(&state, lang, &me, &HashMap::new(), &query).await?;
    if query.get("hinweis").is_some_and(|h| h == "angelegt") {
        page.notice = Some(lang.t("admin-notice-created"));
    }
    Ok(render(page))
}

/// `POST /verwaltung/personen`: a confirmed account without password; the person sets
/// one through "Passwort vergessen".
pub async fn create_person(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me) {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let values = form.map(|Form(f)| f).unwrap_or_default();
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let company = get("company_id");
    let company_id = match company.trim() {
        "" => None,
        raw => match uuid::Uuid::try_parse(raw) {
            Ok(id) => Some(id),
            Err(_) => {
                let mut page = page(&state, lang, &me, &values, &HashMap::new()).await?;
                place_errors(
                    lang,
                    &mut page.fields,
                    vec![crate::error::InvalidField {
                        field: "company_id".into(),
                        message: "admin-company-invalid".into(),
                    }],
                );
                page.error = Some(lang.t("form-has-errors"));
                return Ok(with_status(render(page), StatusCode::BAD_REQUEST));
            }
        },
    };
    let request = AdminPersonRequest {
        email: get("email"),
        name: get("name"),
        password: None,
        company_id,
        // A center-wide role replaces the default (learner of the company, if any).
        roles: Some(get("role"))
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty())
            .map(|r| vec![r]),
    };
    match create_person_by_staff(&state, &me, request).await {
        Ok(_) => Ok(Redirect::to("/verwaltung?hinweis=angelegt").into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = page(&state, lang, &me, &values, &HashMap::new()).await?;
            let rest = place_errors(lang, &mut page.fields, errors);
            page.error = Some(if rest.is_empty() {
                lang.t("form-has-errors")
            } else {
                rest.join(" ")
            });
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(AppError::Conflict(message)) => {
            let mut page = page(&state, lang, &me, &values, &HashMap::new()).await?;
            page.error = Some(message.text(lang));
            Ok(with_status(render(page), StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}
