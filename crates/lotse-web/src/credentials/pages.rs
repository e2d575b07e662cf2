//! The public verification page of a credential (`/nachweise/{id}`), its signed JSON
//! (`/nachweise/{id}.json`), the status lists, and the staff's revoke and reissue forms
//! on the page.

use super::service;
use crate::error::AppError;
use crate::format;
use crate::http::auth::{MaybeSignedIn, require};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::accounts::{Action, Decision, authorize};
use std::collections::HashMap;
use uuid::Uuid;

/// A check as the page lists it.
struct CheckLine {
    passed: bool,
    name: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "credentials/credential.html")]
struct CredentialPage {
    ctx: Ctx,
    /// `valid`, `revoked`, `invalid` or `pending`.
    status: &'static str,
    status_text: String,
    title: String,
    kind: String,
    holder: String,
    issued: String,
    issuer: String,
    issuer_did: String,
    revoked: Option<String>,
    checks: Vec<CheckLine>,
    json_href: Option<String>,
    /// The certificate, while the credential holds.
    pdf_href: Option<String>,
    replaced_href: Option<String>,
    /// Staff: where the revoke and reissue forms post.
    revoke_action: Option<String>,
    reissue_action: Option<String>,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "credentials/unknown.html")]
struct UnknownPage {
    ctx: Ctx,
}

/// `GET /nachweise/{id}` (the page) and `GET /nachweise/{id}.json` (the credential).
pub async fn credential(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (raw, json, pdf) = match (file.strip_suffix(".json"), file.strip_suffix(".pdf")) {
        (Some(raw), _) => (raw, true, false),
        (_, Some(raw)) => (raw, false, true),
        _ => (file.as_str(), false, false),
    };
    let found = match Uuid::try_parse(raw) {
        Ok(id) => lotse_store::credentials::credential(&state.db, id).await?,
        Err(_) => None,
    };
    let Some(found) = found else {
        let mut page = render(UnknownPage {
            ctx: Ctx::new(lang, "/nachweise"),
        });
        *page.status_mut() = StatusCode::NOT_FOUND;
        return Ok(page);
    };
    if pdf {
        // A certificate only while the credential holds.
        let certificate = match (&found.document, found.revoked_at) {
            (Some(_), None) => service::certificate(&state, &found).await?,
            _ => None,
        };
        return Ok(match certificate {
            Some(bytes) => crate::http::page::pdf(
                bytes,
                "inline",
                &format!("{}-{}.pdf", lang.t("credential-pdf-file"), found.id),
            ),
            None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
        });
    }
    if json {
        return Ok(match found.document {
            Some(document) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/ld+json"),
                )],
                document,
            )
                .into_response(),
            None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
        });
    }
    let notice = match query.get("hinweis").map(String::as_str) {
        Some("widerrufen") => Some(lang.t("credential-revoked-notice")),
        Some("neu") => Some(lang.t("credential-reissued-notice")),
        _ => None,
    };
    Ok(render(page(&state, lang, &me, found, notice, None).await?))
}

async fn page(
    state: &AppState,
    lang: Lang,
    me: &MaybeSignedIn,
    found: lotse_store::credentials::CredentialRow,
    notice: Option<String>,
    error: Option<String>,
) -> Result<CredentialPage, AppError> {
    let staff = me
        .0
        .as_ref()
        .is_some_and(|me| authorize(Some(&me.actor), Action::RevokeCredential) == Decision::Allow);
    let document: Option<serde_json::Value> = found
        .document
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok());
    let verification = match &document {
        Some(document) => Some(service::verify(state, lang, document).await?),
        None => None,
    };
    let status = verification.as_ref().map_or("pending", |v| v.status);
    let day = |at: i64| {
        jiff::Timestamp::from_second(at)
            .map(|t| format::date(lang, t))
            .unwrap_or_default()
    };
    let id = found.id;
    let held = found.status();
    Ok(CredentialPage {
        ctx: Ctx::new(lang, "/nachweise"),
        status,
        status_text: lang.t(&format!("credential-status-{status}")),
        title: found.title,
        kind: lang.t(if found.offering_id.is_some() {
            "credential-kind-module"
        } else {
            "credential-kind-qualification"
        }),
        holder: found.person_name,
        issued: day(found.issued_at),
        issuer: state.config.site.name().to_owned(),
        issuer_did: document
            .as_ref()
            .and_then(|d| d.pointer("/issuer/id"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        revoked: found.revoked_at.map(|at| {
            lang.t_args(
                "credential-revoked-on",
                &[
                    ("date", day(at).into()),
                    (
                        "reason",
                        service::reason_text(lang, found.revocation_reason.as_deref()).into(),
                    ),
                ],
            )
        }),
        checks: verification
            .map(|v| {
                v.checks
                    .into_iter()
                    .map(|c| CheckLine {
                        passed: c.passed,
                        name: lang.t(&format!("verify-check-{}", c.check.replace('_', "-"))),
                        detail: c.detail,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        json_href: found
            .document
            .as_ref()
            .map(|_| format!("/nachweise/{id}.json")),
        pdf_href: (held == "valid").then(|| format!("/nachweise/{id}.pdf")),
        replaced_href: found.replaced_by.map(|new| format!("/nachweise/{new}")),
        revoke_action: (staff && found.revoked_at.is_none())
            .then(|| format!("/nachweise/{id}/widerrufen")),
        reissue_action: (staff && found.revoked_at.is_some() && found.replaced_by.is_none())
            .then(|| format!("/nachweise/{id}/neu-ausstellen")),
        notice,
        error,
    })
}

/// `GET /nachweise/status/{number}`: a signed `BitstringStatusListCredential`.
pub async fn status_list(
    State(state): State<AppState>,
    lang: Lang,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let list = match number.parse::<i64>() {
        Ok(number) if number >= 0 => service::status_list(&state, number).await?,
        _ => None,
    };
    Ok(match list {
        Some(document) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/ld+json"),
                ),
                // Verifiers may keep it a minute; a revocation shows within that.
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=60"),
                ),
            ],
            document,
        )
            .into_response(),
        None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
    })
}

/// The credential behind `id` for a staff form, or the response to give instead.
async fn for_staff(
    state: &AppState,
    lang: Lang,
    me: MaybeSignedIn,
    id: &str,
) -> Result<
    Result<
        (
            crate::http::auth::SignedIn,
            lotse_store::credentials::CredentialRow,
        ),
        Response,
    >,
    AppError,
> {
    let me = match require(me, &format!("/nachweise/{id}")) {
        Ok(me) => me,
        Err(redirect) => return Ok(Err(redirect.into_response())),
    };
    let found = match Uuid::try_parse(id) {
        Ok(id) => lotse_store::credentials::credential(&state.db, id).await?,
        Err(_) => None,
    };
    match (found, authorize(Some(&me.actor), Action::RevokeCredential)) {
        (_, Decision::Forbidden) => Ok(Err(error_page(lang, StatusCode::FORBIDDEN, Vec::new()))),
        (Some(found), Decision::Allow) => Ok(Ok((me, found))),
        _ => Ok(Err(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))),
    }
}

/// `POST /nachweise/{id}/widerrufen`: staff revoke with a reason.
pub async fn revoke(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, AppError> {
    let (me, found) = match for_staff(&state, lang, me, &id).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    let reason = form
        .ok()
        .and_then(|Form(f)| f.get("reason").cloned())
        .unwrap_or_default();
    match service::revoke(&state, &me, found.id, &reason).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/nachweise/{}?hinweis=widerrufen", found.id)).into_response(),
        ),
        Err(AppError::Invalid(fields)) => {
            let text = fields
                .first()
                .map(|f| f.message.text(lang))
                .unwrap_or_default();
            let signed_in = MaybeSignedIn(Some(me));
            let mut page = render(page(&state, lang, &signed_in, found, None, Some(text)).await?);
            *page.status_mut() = StatusCode::BAD_REQUEST;
            Ok(page)
        }
        Err(AppError::Conflict(message)) => {
            let signed_in = MaybeSignedIn(Some(me));
            let mut page = render(
                page(
                    &state,
                    lang,
                    &signed_in,
                    found,
                    None,
                    Some(message.text(lang)),
                )
                .await?,
            );
            *page.status_mut() = StatusCode::CONFLICT;
            Ok(page)
        }
        Err(other) => Err(other),
    }
}

/// `POST /nachweise/{id}/neu-ausstellen`: staff issue a new credential in place of a
/// revoked one.
pub async fn reissue(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (me, found) = match for_staff(&state, lang, me, &id).await? {
        Ok(found) => found,
        Err(response) => return Ok(response),
    };
    match service::reissue(&state, &me, found.id).await {
        Ok(new) => Ok(Redirect::to(&format!("/nachweise/{new}?hinweis=neu")).into_response()),
        Err(AppError::Conflict(message)) => {
            let signed_in = MaybeSignedIn(Some(me));
            let mut page = render(
                page(
                    &state,
                    lang,
                    &signed_in,
                    found,
                    None,
                    Some(message.text(lang)),
                )
                .await?,
            );
            *page.status_mut() = StatusCode::CONFLICT;
            Ok(page)
        }
        Err(other) => Err(other),
    }
}
