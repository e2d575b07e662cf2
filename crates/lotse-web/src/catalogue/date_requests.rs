//! "Benachrichtigen": on an offering without an open seat, people ask to hear of new
//! dates: a signed-in person with a confirmed address at once, anybody else after
//! confirming the address with the link of a mail (double opt-in). A new session mails
//! each of them once, with a one-click unsubscribe (RFC 8058) that needs no sign-in.

use crate::error::AppError;
use crate::http::auth::{MaybeSignedIn, hash_secret, new_secret};
use crate::http::error::FieldError;
use crate::http::page::{error_page, text_page};
use crate::i18n::Lang;
use crate::mail::{MailKind, compose_with, compose_with_more, send_later};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_store::catalogue::{self as store, DateRequestOutcome};
use uuid::Uuid;

/// What became of a request to hear of new dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interest {
    /// On the list (a signed-in person with a confirmed address).
    Listed,
    /// A mail asks to confirm the address first; said also when the address had
    /// asked before, so that nobody learns who is on the list.
    AwaitsConfirmation,
}

/// Puts `email` (or the signed-in person's confirmed address) on the list of people
/// who want to hear of new dates of `offering`. `None` when there is no such offering.
pub async fn express_interest(
    state: &AppState,
    lang: Lang,
    me: Option<&crate::http::auth::SignedIn>,
    offering: Uuid,
    email: Option<&str>,
) -> Result<Option<Interest>, AppError> {
    if store::offering_partner(&state.db, offering)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let now = lotse_store::now_seconds();
    let secret = new_secret()?;
    // A signed-in person whose address is confirmed needs no second confirmation.
    if let Some(me) = me.filter(|m| m.actor.email_confirmed) {
        store::request_dates(
            &state.db,
            offering,
            &me.person.email,
            &me.person.language,
            &hash_secret(&secret),
            true,
            now,
        )
        .await?;
        return Ok(Some(Interest::Listed));
    }
    let raw = email
        .or(me.map(|m| m.person.email.as_str()))
        .unwrap_or_default();
    let email =
        lotse_core::accounts::Email::parse(raw).map_err(|e| AppError::Invalid(vec![e.into()]))?;
    let outcome = store::request_dates(
        &state.db,
        offering,
        email.as_str(),
        lang.code(),
        &hash_secret(&secret),
        false,
        now,
    )
    .await?;
    if outcome == DateRequestOutcome::AwaitsConfirmation {
        let title = offering_title(state, offering).await?;
        let mail = compose_with(
            lang,
            MailKind::DatesConfirm,
            "",
            Some(&format!(
                "{}/benachrichtigung/{secret}",
                state.config.public_url
            )),
            &[("offering", title)],
        );
        send_later(&state.db, &state.mail_wake, email.as_str(), &mail).await?;
    }
    Ok(Some(Interest::AwaitsConfirmation))
}

/// `POST /angebote/{id}/benachrichtigen`: asks to hear of new dates.
pub async fn ask(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let Ok(offering) = Uuid::try_parse(&id) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let email = form
        .iter()
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.as_str());
    let notice = match express_interest(&state, lang, me.0.as_ref(), offering, email).await {
        Ok(Some(Interest::Listed)) => "benachrichtigung",
        Ok(Some(Interest::AwaitsConfirmation)) => "bestaetigen",
        Ok(None) => return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        Err(AppError::Invalid(fields)) => {
            let errors = fields.iter().map(|f| FieldError::said(f, lang)).collect();
            return Ok(error_page(lang, StatusCode::BAD_REQUEST, errors));
        }
        Err(e) => return Err(e),
    };
    Ok(Redirect::to(&format!(
        "/angebote/{offering}?hinweis={notice}#termine-anfragen"
    ))
    .into_response())
}

/// An anonymous request to hear of new dates.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct InterestRequest {
    /// The address to tell; it is confirmed by mail first. Not needed when signed in.
    #[serde(default)]
    pub email: Option<String>,
}

/// Ask to be told of new dates of an offering. Signed in with a confirmed address: no
/// body, on the list at once (201). Anybody else sends `{email}` and confirms it with
/// the link of a mail (202, also when the address had asked before). Every mail about
/// new dates carries a one-click unsubscribe.
#[utoipa::path(post, path = "/api/v1/offerings/{id}/interest", tag = "catalogue",
    request_body(content = Option<InterestRequest>, description = "Only without sign-in"),
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 201, description = "On the list", body = InterestDto),
        (status = 202, description = "A mail asks to confirm the address", body = InterestDto),
        (status = 400, description = "No valid address", body = crate::http::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offering", body = crate::http::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn interest_api(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    crate::http::extract::PathId(offering, _): crate::http::extract::PathId<
        crate::http::extract::NoSuchOffering,
    >,
    body: Bytes,
) -> Result<Response, AppError> {
    let request: InterestRequest = if body.iter().all(u8::is_ascii_whitespace) {
        InterestRequest::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            AppError::field(
                "body",
                crate::error::Message::new("invalid-body").with("detail", e.to_string()),
            )
        })?
    };
    match express_interest(
        &state,
        lang,
        me.0.as_ref(),
        offering,
        request.email.as_deref(),
    )
    .await?
    {
        Some(Interest::Listed) => Ok((
            StatusCode::CREATED,
            axum::Json(InterestDto { status: "listed" }),
        )
            .into_response()),
        Some(Interest::AwaitsConfirmation) => Ok((
            StatusCode::ACCEPTED,
            axum::Json(InterestDto {
                status: "awaits_confirmation",
            }),
        )
            .into_response()),
        None => Err(AppError::NotFound("refusal-not-found-offering".into())),
    }
}

/// Where a request to hear of new dates stands.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct InterestDto {
    /// `listed` or `awaits_confirmation`.
    pub status: &'static str,
}

async fn offering_title(state: &AppState, offering: Uuid) -> Result<String, AppError> {
    Ok(store::offering(&state.db, offering, jiff::Timestamp::now())
        .await?
        .map(|o| o.card.title)
        .unwrap_or_default())
}

/// The page of a link that no longer works (used, replaced or made up).
fn unknown_link(lang: Lang) -> Response {
    let mut page = text_page(lang, "/", "dates-link-unknown", 1);
    *page.status_mut() = StatusCode::NOT_FOUND;
    page
}

/// `GET /benachrichtigung/{secret}`: what the link does, with its button (a mail
/// program that opens links to check them changes nothing).
pub async fn link_page(
    State(state): State<AppState>,
    lang: Lang,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let Some((offering, confirmed)) = store::date_request(&state.db, &hash_secret(&secret)).await?
    else {
        return Ok(unknown_link(lang));
    };
    let title = offering_title(&state, offering).await?;
    let (heading, text, action, button) = if confirmed {
        (
            lang.t("dates-unsubscribe-heading"),
            lang.t_args("dates-unsubscribe-text", &[("offering", title.into())]),
            format!("/benachrichtigung/{secret}/abmelden"),
            lang.t("dates-unsubscribe-button"),
        )
    } else {
        (
            lang.t("dates-confirm-heading"),
            lang.t_args("dates-confirm-text", &[("offering", title.into())]),
            format!("/benachrichtigung/{secret}/bestaetigen"),
            lang.t("dates-confirm-button"),
        )
    };
    Ok(crate::http::page::render(LinkPage {
        ctx: crate::http::page::Ctx::new(lang, "/"),
        heading,
        text,
        action,
        button,
    }))
}

#[derive(askama::Template)]
#[template(path = "catalogue/date_link.html")]
struct LinkPage {
    ctx: crate::http::page::Ctx,
    heading: String,
    text: String,
    action: String,
    button: String,
}

/// `POST /benachrichtigung/{secret}/bestaetigen`: the address is confirmed.
pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let confirmed =
        store::confirm_date_request(&state.db, &hash_secret(&secret), lotse_store::now_seconds())
            .await?;
    Ok(match confirmed {
        Some(_) => text_page(lang, "/", "dates-confirmed", 1),
        None => unknown_link(lang),
    })
}

/// `POST /benachrichtigung/{secret}/abmelden`: leaves the list. Also the one-click
/// unsubscribe of RFC 8058, which mail programs post without cookies; its body
/// (`List-Unsubscribe=One-Click`) says nothing more.
pub async fn unsubscribe(
    State(state): State<AppState>,
    lang: Lang,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    Ok(
        match store::remove_date_request(&state.db, &hash_secret(&secret)).await? {
            Some(_) => text_page(lang, "/", "dates-unsubscribed", 1),
            None => unknown_link(lang),
        },
    )
}

/// Mails everyone waiting for a date of `offering` that there are new ones: one mail
/// each, through the outbox, with its own one-click unsubscribe address. Returns how
/// many were told.
pub async fn tell_waiting(state: &AppState, offering: Uuid) -> Result<usize, AppError> {
    let waiting = store::confirmed_date_requests(&state.db, offering).await?;
    if waiting.is_empty() {
        return Ok(0);
    }
    let title = offering_title(state, offering).await?;
    let page = format!("{}/angebote/{offering}", state.config.public_url);
    for (id, email, language) in &waiting {
        let lang = Lang::from_code(language).unwrap_or_default();
        let secret = new_secret()?;
        store::renew_date_request_secret(&state.db, *id, &hash_secret(&secret)).await?;
        let unsubscribe = format!(
            "{}/benachrichtigung/{secret}/abmelden",
            state.config.public_url
        );
        let mail = compose_with_more(
            lang,
            MailKind::NewDates,
            "",
            Some(&page),
            &[("offering", title.clone())],
            &[lang.t_args(
                "mail-new-dates-unsubscribe",
                &[(
                    "link",
                    format!("{}/benachrichtigung/{secret}", state.config.public_url).into(),
                )],
            )],
        );
        lotse_store::outbox::enqueue_listed(
            &state.db,
            email,
            &mail.subject,
            &mail.text,
            &mail.html,
            &unsubscribe,
            lotse_store::now_seconds(),
        )
        .await?;
    }
    state.mail_wake.notify_one();
    Ok(waiting.len())
}
