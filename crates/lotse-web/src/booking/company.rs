//! Company bookings on pages: a company admin registers several employees for a
//! session at once and sees the company's registrations ("Unsere Anmeldungen").

use super::service;
use crate::error::AppError;
use crate::format;
use crate::http::auth::SignedIn;
use crate::http::auth::SignedInPage;
use crate::http::extract::{NoSuchCompany, PathId};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use lotse_core::accounts::{Action, Decision, Scope, authorize};
use lotse_core::booking::{Canceller, may_cancel};
use std::collections::HashMap;
use uuid::Uuid;

/// The first company `me` may book for.
pub(crate) fn administered(me: &SignedIn) -> Option<Uuid> {
    me.actor.memberships.iter().find_map(|m| match m.scope {
        Scope::Company(c) if authorize(Some(&me.actor), Action::BookFor(c)) == Decision::Allow => {
            Some(c)
        }
        _ => None,
    })
}

#[derive(Template)]
#[template(path = "booking/company_booking.html")]
struct CompanyBooking {
    ctx: Ctx,
    offering: String,
    offering_href: String,
    when: String,
    action: String,
    members: Vec<(Uuid, String)>,
    results: Vec<(String, String)>,
    error: Option<String>,
    company_registrations_href: String,
}

async fn booking_page(
    state: &AppState,
    lang: Lang,
    company: Uuid,
    session: Uuid,
) -> Result<Option<CompanyBooking>, AppError> {
    let Some(entry) = lotse_store::calendar::seat_entry(&state.db, session).await? else {
        return Ok(None);
    };
    let when = match (
        jiff::Timestamp::from_second(entry.starts_at),
        jiff::Timestamp::from_second(entry.ends_at),
    ) {
        (Ok(s), Ok(e)) => format::span(lang, s, e),
        _ => String::new(),
    };
    let members = lotse_store::accounts::company_members(&state.db, company)
        .await?
        .into_iter()
        .map(|m| (m.person_id, m.name))
        .collect();
    Ok(Some(CompanyBooking {
        ctx: Ctx::new(lang, "/konto"),
        offering: entry.title,
        offering_href: format!("/angebote/{}", entry.offering_id),
        when,
        action: format!("/konto/unternehmen/buchen?termin={session}"),
        members,
        results: Vec::new(),
        error: None,
        company_registrations_href: format!("/konto/unternehmen/{company}/anmeldungen"),
    }))
}

fn session_of(query: &HashMap<String, String>) -> Option<Uuid> {
    query.get("termin").and_then(|t| Uuid::try_parse(t).ok())
}

/// `GET /konto/unternehmen/buchen?termin=…`: choose employees for a session.
pub async fn choose(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let Some(company) = administered(&me) else {
        return Ok(error_page(lang, StatusCode::FORBIDDEN, Vec::new()));
    };
    let Some(page) = (match session_of(&query) {
        Some(session) => booking_page(&state, lang, company, session).await?,
        None => None,
    }) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    Ok(render(page))
}

/// `POST /konto/unternehmen/buchen?termin=…`: books the chosen employees.
pub async fn book(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(company) = administered(&me) else {
        return Ok(error_page(lang, StatusCode::FORBIDDEN, Vec::new()));
    };
    let Some(session) = session_of(&query) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let Some(mut page) = booking_page(&state, lang, company, session).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let participants: Vec<Uuid> = form_urlencoded::parse(&body)
        .filter(|(k, _)| k == "participants")
        .filter_map(|(_, v)| Uuid::try_parse(&v).ok())
        .collect();
    if participants.is_empty() {
        page.error = Some(lang.t("company-book-nobody"));
        let mut response = render(page);
        *response.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(response);
    }
    match service::book(&state, &me, session, &participants).await {
        Ok(booked) => {
            let names: HashMap<Uuid, String> = page.members.iter().cloned().collect();
            page.results = booked
                .iter()
                .map(|b| {
                    let outcome = super::status_text(lang, b.status, b.waitlist_position);
                    (
                        names.get(&b.person_id).cloned().unwrap_or_default(),
                        outcome,
                    )
                })
                .collect();
            Ok(render(page))
        }
        Err(AppError::Conflict(text)) => {
            page.error = Some(text.text(lang));
            let mut response = render(page);
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Err(AppError::Invalid(errors)) => {
            page.error = Some(
                errors
                    .into_iter()
                    .map(|e| e.message.text(lang))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let mut response = render(page);
            *response.status_mut() = StatusCode::BAD_REQUEST;
            Ok(response)
        }
        Err(AppError::Forbidden(text)) => {
            page.error = Some(text.text(lang));
            let mut response = render(page);
            *response.status_mut() = StatusCode::FORBIDDEN;
            Ok(response)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "booking/company_registrations.html")]
struct CompanyRegistrations {
    ctx: Ctx,
    company: String,
    rows: Vec<(String, String, String, String, Option<String>)>,
}

/// `GET /konto/unternehmen/{id}/anmeldungen`: the company's registrations.
pub async fn registrations(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(company, _): PathId<NoSuchCompany>,
) -> Result<Response, AppError> {
    match lotse_core::accounts::authorize(
        Some(&me.actor),
        lotse_core::accounts::Action::ManageCompany(company),
    ) {
        lotse_core::accounts::Decision::Allow => {}
        lotse_core::accounts::Decision::Forbidden => {
            return Ok(error_page(lang, StatusCode::FORBIDDEN, Vec::new()));
        }
        _ => return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
    }
    let Some(profile) = lotse_store::accounts::company(&state.db, company).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let now = jiff::Timestamp::now();
    let rows = lotse_store::booking::registrations_of_company(&state.db, company)
        .await?
        .into_iter()
        .map(|r| {
            let when = format::span(lang, r.starts_at, r.ends_at);
            let status = super::status_text(lang, r.status, r.waitlist_position);
            let cancel = may_cancel(
                Canceller::CompanyAdmin,
                r.status,
                r.starts_at,
                r.cancellation_cutoff_hours,
                now,
            )
            .is_ok()
            .then(|| format!("/konto/anmeldungen/{}/stornieren", r.id));
            (r.person_name, r.offering_title, when, status, cancel)
        })
        .collect();
    Ok(render(CompanyRegistrations {
        ctx: Ctx::new(lang, "/konto"),
        company: profile.name,
        rows,
    }))
}
