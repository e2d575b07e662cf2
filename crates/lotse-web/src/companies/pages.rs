//! Company actions on the account page: accepting an invitation, inviting an
//! employee, removing a member and leaving a company.

use crate::accounts::pages::{TokenQuery, account_page};
use crate::error::AppError;
use crate::http::auth::{MaybeSignedIn, SignedInPage, require};
use crate::http::extract::{NoSuchCompany, NoSuchPerson, PathId, PathIds};
use crate::http::form::{FormData, field, form_or_empty, with_status};
use crate::http::page::render;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// `GET /einladung?token=…`: joins the company for the signed-in person, or asks the
/// visitor to sign in (or register) first and come back.
pub async fn invitation_page(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    query: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let token = query.ok().and_then(|Query(q)| q.token).unwrap_or_default();
    let back = format!("/einladung?token={}", crate::http::form::encode(&token));
    let me = match require(me, &back) {
        Ok(me) => me,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    match crate::companies::service::accept_invitation(&state, &me, &token).await {
        Ok(_) => Ok(Redirect::to("/konto?hinweis=eingeladen").into_response()),
        Err(AppError::Forbidden(_)) => Ok(with_status(
            crate::http::page::text_page(lang, "/einladung", "invitation-other", 1),
            StatusCode::FORBIDDEN,
        )),
        Err(AppError::Invalid(_)) => Ok(with_status(
            crate::http::page::text_page(lang, "/einladung", "invitation-invalid", 1),
            StatusCode::BAD_REQUEST,
        )),
        Err(e) => Err(e),
    }
}

/// `POST /konto/unternehmen/{id}/einladen`.
pub async fn company_invite(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchCompany>,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    match crate::companies::service::send_invitation(&state, &me, id, &field(&form, "email")).await
    {
        Ok(()) => Ok(Redirect::to("/konto?hinweis=eingeladen-versandt").into_response()),
        Err(AppError::Invalid(_)) => {
            let mut page = account_page(&state, lang, &me).await?;
            page.error = Some(lang.t("account-invite-invalid"));
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(e) => Err(e),
    }
}

/// `POST /konto/unternehmen/{id}/mitglieder/{person}/entfernen`.
pub async fn company_remove(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathIds(id, person, _): PathIds<NoSuchCompany, NoSuchPerson>,
) -> Result<Response, AppError> {
    match crate::companies::service::remove_member_of(&state, &me, id, person).await {
        Ok(()) => Ok(Redirect::to("/konto?hinweis=entfernt").into_response()),
        Err(AppError::Conflict(message)) => {
            let mut page = account_page(&state, lang, &me).await?;
            page.error = Some(message.text(lang));
            Ok(with_status(render(page), StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}

/// `POST /konto/unternehmen/{id}/mitgliedschaften`: the chambers and associations ticked.
pub async fn company_member_of(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchCompany>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let mut partners = Vec::new();
    for (key, value) in form_urlencoded::parse(&body) {
        if key == "partner" {
            // A value that is no id is no chamber either: refused below.
            partners.push(uuid::Uuid::try_parse(&value).unwrap_or_default());
        }
    }
    match crate::companies::service::declare_member_of(&state, &me, id, &partners).await {
        Ok(()) => Ok(Redirect::to("/konto?hinweis=mitgliedschaften").into_response()),
        Err(AppError::Invalid(_)) => {
            let mut page = account_page(&state, lang, &me).await?;
            page.error = Some(lang.t("account-member-of-invalid"));
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(e) => Err(e),
    }
}

/// `POST /konto/unternehmen/{id}/verlassen`.
pub async fn company_leave(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchCompany>,
) -> Result<Response, AppError> {
    match crate::companies::service::leave_company(&state, &me, id).await {
        Ok(()) => Ok(Redirect::to("/konto?hinweis=verlassen").into_response()),
        Err(AppError::Conflict(message)) => {
            let mut page = account_page(&state, lang, &me).await?;
            page.error = Some(message.text(lang));
            Ok(with_status(render(page), StatusCode::CONFLICT))
        }
        Err(e) => Err(e),
    }
}
