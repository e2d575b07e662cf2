//! Check-in on a tablet: staff and the offering partner's editors type a ticket code
//! (or pick a name from the list), see who is there, and download the list as CSV.

use crate::app::AppState;
use crate::auth::{MaybeSignedIn, SignedIn};
use crate::error::ApiError;
use crate::format;
use crate::i18n::Lang;
use crate::pages::{Ctx, error_page, render};
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_store::booking::{self as store, CheckIn};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckInPage {
    ctx: Ctx,
    offering: String,
    offering_href: String,
    when: String,
    action: String,
    csv_href: String,
    result: Option<String>,
    result_ok: bool,
    attended: usize,
    confirmed: usize,
    waiting: usize,
    q: String,
    rows: Vec<(String, String, Option<String>)>,
}

/// The session, if `me` may check people in there; a page otherwise.
async fn allowed(
    state: &AppState,
    lang: Lang,
    me: MaybeSignedIn,
    id: &str,
) -> Result<Result<(SignedIn, Uuid, Uuid), Response>, ApiError> {
    let back = format!("/redaktion/termine/{id}");
    let me = match crate::account_pages::require(me, &back) {
        Ok(me) => me,
        Err(redirect) => return Ok(Err(redirect.into_response())),
    };
    let Ok(session) = Uuid::try_parse(id) else {
        return Ok(Err(error_page(lang, StatusCode::NOT_FOUND, Vec::new())));
    };
    let Some((offering, partner)) =
        lotse_store::catalogue::session_owner(&state.db, session).await?
    else {
        return Ok(Err(error_page(lang, StatusCode::NOT_FOUND, Vec::new())));
    };
    Ok(
        match authorize(Some(&me.actor), Action::EditPartnerCatalogue(partner)) {
            Decision::Allow => Ok((me, session, offering)),
            Decision::Forbidden => Err(error_page(lang, StatusCode::FORBIDDEN, Vec::new())),
            _ => Err(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        },
    )
}

async fn page(
    state: &AppState,
    lang: Lang,
    session: Uuid,
    q: &str,
    result: Option<(bool, String)>,
) -> Result<CheckInPage, ApiError> {
    let list = store::registrations_on(&state.db, session).await?;
    let first = list.first();
    let (offering, offering_id, when) = match first {
        Some(r) => (
            r.offering_title.clone(),
            r.offering_id,
            match (
                jiff::Timestamp::from_second(r.starts_at),
                jiff::Timestamp::from_second(r.ends_at),
            ) {
                (Ok(s), Ok(e)) => format::span(lang, s, e),
                _ => String::new(),
            },
        ),
        None => (
            lang.t("checkin-no-registrations"),
            Uuid::nil(),
            String::new(),
        ),
    };
    let needle = q.trim().to_lowercase();
    let rows = list
        .iter()
        .filter(|r| needle.is_empty() || r.person_name.to_lowercase().contains(&needle))
        .map(|r| {
            let status = match r.status.as_str() {
                "confirmed" => lang.t("registration-confirmed"),
                "attended" => lang.t("registration-attended"),
                "waitlisted" => lang.t_args(
                    "registration-waitlisted",
                    &[("position", r.waitlist_position.unwrap_or(0).into())],
                ),
                "no_show" => lang.t("registration-no-show"),
                _ => lang.t("registration-cancelled"),
            };
            (
                r.person_name.clone(),
                status,
                (r.status == "confirmed")
                    .then(|| r.ticket_code.clone())
                    .flatten(),
            )
        })
        .collect();
    let (result_ok, result) = match result {
        Some((ok, text)) => (ok, Some(text)),
        None => (true, None),
    };
    Ok(CheckInPage {
        ctx: Ctx::new(lang, "/redaktion"),
        offering,
        offering_href: format!("/redaktion/angebote/{offering_id}"),
        when,
        action: format!("/redaktion/termine/{session}"),
        csv_href: format!("/redaktion/termine/{session}/teilnehmende.csv"),
        result,
        result_ok,
        attended: list.iter().filter(|r| r.status == "attended").count(),
        confirmed: list
            .iter()
            .filter(|r| matches!(r.status.as_str(), "confirmed" | "attended"))
            .count(),
        waiting: list.iter().filter(|r| r.status == "waitlisted").count(),
        q: q.to_owned(),
        rows,
    })
}

/// `GET /redaktion/termine/{id}`: the check-in page with the participant list.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (_, session, _) = match allowed(&state, lang, me, &id).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let q = query.get("q").cloned().unwrap_or_default();
    Ok(render(page(&state, lang, session, &q, None).await?))
}

/// `POST /redaktion/termine/{id}`: checks a ticket in and shows the result.
pub async fn check_in(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, ApiError> {
    let (me, session, _) = match allowed(&state, lang, me, &id).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let ticket = form
        .ok()
        .and_then(|Form(f)| f.get("ticket").cloned())
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    let now = lotse_store::now_seconds();
    let (status, result) = match store::check_in(&state.db, session, &ticket, now).await? {
        CheckIn::Attended(r) => {
            lotse_store::accounts::audit(
                &state.db,
                Some(me.person.id),
                "registration.checked_in",
                &r.id.to_string(),
                &me.ip,
                serde_json::json!({}),
                now,
            )
            .await?;
            (
                StatusCode::OK,
                (
                    true,
                    lang.t_args("checkin-ok", &[("name", r.person_name.into())]),
                ),
            )
        }
        CheckIn::AlreadyAttended(r) => (
            StatusCode::OK,
            (
                true,
                lang.t_args("checkin-again", &[("name", r.person_name.into())]),
            ),
        ),
        CheckIn::OtherSession => (
            StatusCode::CONFLICT,
            (false, lang.t("checkin-other-session")),
        ),
        CheckIn::Unknown => (StatusCode::BAD_REQUEST, (false, lang.t("checkin-unknown"))),
    };
    let mut response = render(page(&state, lang, session, "", Some(result)).await?);
    *response.status_mut() = status;
    Ok(response)
}

/// Quotes a CSV field and defuses spreadsheet formulas.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// `GET /redaktion/termine/{id}/teilnehmende.csv`: the participant list as CSV.
pub async fn csv(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (_, session, _) = match allowed(&state, lang, me, &id).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let mut out = String::from("\u{feff}Name;Status;Wartelistenplatz\r\n");
    for r in store::registrations_on(&state.db, session).await? {
        let position = r
            .waitlist_position
            .map(|p| p.to_string())
            .unwrap_or_default();
        out.push_str(&format!(
            "{};{};{}\r\n",
            csv_field(&r.person_name),
            csv_field(&r.status),
            position
        ));
    }
    let mut response = out.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"teilnehmende-{session}.csv\""
    )) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(
            csv_field("Anna \"Ann\" Schulz"),
            "\"Anna \"\"Ann\"\" Schulz\""
        );
        assert_eq!(csv_field("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
    }
}
