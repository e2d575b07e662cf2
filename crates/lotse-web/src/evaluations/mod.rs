//! Evaluations after sessions: the mail that invites each attendee once the session
//! ended, and the form its link opens (no sign-in; the link is the key). What is
//! counted is `lotse_core::evaluation`; results are read in [`crate::reporting`].

use crate::app::PageRoute;
use crate::error::AppError;
use crate::http::auth::{hash_secret, new_secret};
use crate::http::error::FieldError;
use crate::http::page::{Ctx, render, text_page};
use crate::i18n::Lang;
use crate::mail::{MailKind, compose_with};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lotse_core::evaluation::{Answer, LONGEST_TEXT, Question};
use lotse_store::evaluations::{self as store, Answered};
use lotse_store::outbox::OutgoingMail;

/// `/bewertung/{secret}`: the form and its answer.
pub fn page_routes() -> Vec<PageRoute> {
    vec![("GET POST", "/bewertung/{secret}", get(form).post(submit))]
}

/// Invites every attendee whose session ended lately and who was not invited yet:
/// one mail each, with a link only they have. Returns how many this process invited.
pub async fn invite_due(state: &AppState, now: i64) -> Result<usize, AppError> {
    let mut invited = 0;
    for registration in store::due_invitations(&state.db, now).await? {
        let Some(r) = lotse_store::booking::registration(&state.db, registration).await? else {
            continue;
        };
        let Some(entry) = lotse_store::calendar::seat_entry(&state.db, r.session_id).await? else {
            continue;
        };
        let lang = Lang::from_code(&r.person_language).unwrap_or_default();
        let secret = new_secret()?;
        let instant = |s| jiff::Timestamp::from_second(s).unwrap_or_default();
        let mail = compose_with(
            lang,
            MailKind::EvaluationInvite,
            &r.person_name,
            Some(&format!("{}/bewertung/{secret}", state.config.public_url)),
            &[
                ("offering", entry.title.clone()),
                (
                    "when",
                    crate::format::span(lang, instant(entry.starts_at), instant(entry.ends_at)),
                ),
            ],
        );
        let outgoing = OutgoingMail {
            recipient: r.person_email.clone(),
            subject: mail.subject,
            text_body: mail.text,
            html_body: mail.html,
            ics: None,
        };
        if store::invite(
            &state.db,
            registration,
            &hash_secret(&secret),
            &outgoing,
            now,
        )
        .await?
        {
            invited += 1;
        }
    }
    if invited > 0 {
        state.mail_wake.notify_one();
    }
    Ok(invited)
}

/// A rated question on the form.
struct RatedQuestion {
    key: &'static str,
    legend: String,
    checked: Option<u8>,
    error: Option<String>,
}

/// A free text on the form.
struct FreeText {
    key: &'static str,
    label: String,
    value: String,
    error: Option<String>,
}

#[derive(askama::Template)]
#[template(path = "evaluations/form.html")]
struct FormPage {
    ctx: Ctx,
    action: String,
    title: String,
    when: String,
    scale: Vec<(u8, String)>,
    questions: Vec<RatedQuestion>,
    texts: Vec<FreeText>,
    has_errors: bool,
    hint: String,
}

/// The page of a link that does not lead to an invitation.
fn unknown(lang: Lang) -> Response {
    let mut page = text_page(lang, "/", "evaluation-unknown", 1);
    *page.status_mut() = StatusCode::NOT_FOUND;
    page
}

/// The form as first shown, or again with what was sent and what is wrong with it.
fn form_page(
    lang: Lang,
    secret: &str,
    invitation: &store::Invitation,
    sent: &[(String, String)],
    errors: &[FieldError],
) -> Response {
    let value = |key: &str| {
        sent.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let error = |key: &str| {
        errors
            .iter()
            .find(|e| e.field == key)
            .map(|e| e.message.clone())
    };
    let instant = |s| jiff::Timestamp::from_second(s).unwrap_or_default();
    let page = FormPage {
        ctx: Ctx::new(lang, "/"),
        action: format!("/bewertung/{secret}"),
        title: invitation.title.clone(),
        when: crate::format::span(
            lang,
            instant(invitation.starts_at),
            instant(invitation.ends_at),
        ),
        scale: (1..=5)
            .map(|v| (v, lang.t(&format!("evaluation-scale-{v}"))))
            .collect(),
        questions: Question::ALL
            .iter()
            .map(|q| RatedQuestion {
                key: q.key(),
                legend: lang.t(&format!("evaluation-{}", q.key())),
                checked: value(q.key()).parse().ok(),
                error: error(q.key()),
            })
            .collect(),
        texts: ["will_apply", "comment"]
            .into_iter()
            .map(|key| FreeText {
                key,
                label: lang.t(&format!("evaluation-{}", key.replace('_', "-"))),
                value: value(key),
                error: error(key),
            })
            .collect(),
        has_errors: !errors.is_empty(),
        hint: lang.t_args(
            "evaluation-text-hint",
            &[("max", LONGEST_TEXT.to_string().into())],
        ),
    };
    let mut response = render(page);
    if !errors.is_empty() {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    response
}

/// The invitation of `secret` while it can still be answered, else the page saying why
/// not.
async fn open_invitation(
    state: &AppState,
    lang: Lang,
    secret: &str,
) -> Result<Result<store::Invitation, Response>, AppError> {
    let Some(invitation) = store::invitation(&state.db, &hash_secret(secret)).await? else {
        return Ok(Err(unknown(lang)));
    };
    if invitation.answered {
        return Ok(Err(text_page(lang, "/", "evaluation-answered", 1)));
    }
    if !invitation.open_at(lotse_store::now_seconds()) {
        let mut page = text_page(lang, "/", "evaluation-closed", 1);
        *page.status_mut() = StatusCode::GONE;
        return Ok(Err(page));
    }
    Ok(Ok(invitation))
}

/// `GET /bewertung/{secret}`: the form.
pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    Ok(match open_invitation(&state, lang, &secret).await? {
        Ok(invitation) => form_page(lang, &secret, &invitation, &[], &[]),
        Err(page) => page,
    })
}

/// `POST /bewertung/{secret}`: saves the answer once; a mistake shows the form again
/// with what was sent.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    Path(secret): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let invitation = match open_invitation(&state, lang, &secret).await? {
        Ok(invitation) => invitation,
        Err(page) => return Ok(page),
    };
    let sent: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let one = |key: &str| sent.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let answer = match Answer::parse(
        one("relevance"),
        one("quality"),
        one("applicability"),
        one("will_apply").unwrap_or_default(),
        one("comment").unwrap_or_default(),
    ) {
        Ok(answer) => answer,
        Err(invalid) => {
            let errors: Vec<FieldError> = invalid
                .into_iter()
                .map(|i| FieldError::said(&i.into(), lang))
                .collect();
            return Ok(form_page(lang, &secret, &invitation, &sent, &errors));
        }
    };
    Ok(match store::answer(
        &state.db,
        &hash_secret(&secret),
        &answer,
        lotse_store::now_seconds(),
    )
    .await?
    {
        Answered::Saved => text_page(lang, "/", "evaluation-thanks", 2),
        Answered::Before => text_page(lang, "/", "evaluation-answered", 1),
        Answered::Closed => {
            let mut page = text_page(lang, "/", "evaluation-closed", 1);
            *page.status_mut() = StatusCode::GONE;
            page
        }
        Answered::Unknown => unknown(lang),
    }
    .into_response())
}
