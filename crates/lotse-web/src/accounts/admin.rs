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
use lotse_core::accounts::{Action, Decision, authorize};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "accounts/admin.html")]
struct AdminPage {
    ctx: Ctx,
    notice: Option<String>,
    error: Option<String>,
    fields: Vec<FormField>,
    audit: Vec<(String, String, String, String, String)>,
}

async fn page(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    values: &HashMap<String, String>,
) -> Result<AdminPage, AppError> {
    let audit = if authorize(Some(&me.actor), Action::ViewAuditLog) == Decision::Allow {
        lotse_store::accounts::audit_entries(&state.db, 200)
            .await?
            .into_iter()
            .map(|e| {
                let when = jiff::Timestamp::from_second(e.at)
                    .map(|t| format!("{}, {}", format::date(lang, t), format::time(t)))
                    .unwrap_or_default();
                (
                    when,
                    e.action,
                    e.actor_id
                        .map(|a| a.to_string())
                        .unwrap_or_else(|| "–".into()),
                    e.subject,
                    e.ip,
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(AdminPage {
        ctx: Ctx::new(lang, "/verwaltung"),
        notice: None,
        error: None,
        fields: vec![
            FormField::new(lang, "name", "text", "off").value(values.get("name")),
            FormField::new(lang, "email", "email", "off").value(values.get("email")),
            FormField::new(lang, "company_id", "text", "off")
                .optional()
                .hint(lang.t("admin-company-hint"))
                .value(values.get("company_id")),
        ],
        audit,
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
    let mut page = page(&state, lang, &me, &HashMap::new()).await?;
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
                let mut page = page(&state, lang, &me, &values).await?;
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
        roles: None,
    };
    match create_person_by_staff(&state, &me, request).await {
        Ok(_) => Ok(Redirect::to("/verwaltung?hinweis=angelegt").into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = page(&state, lang, &me, &values).await?;
            let rest = place_errors(lang, &mut page.fields, errors);
            page.error = Some(if rest.is_empty() {
                lang.t("form-has-errors")
            } else {
                rest.join(" ")
            });
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(AppError::Conflict(message)) => {
            let mut page = page(&state, lang, &me, &values).await?;
            page.error = Some(message.text(lang));
            Ok(with_status(render(page), StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}
