//! Booking pages: the booking button on an offering's sessions and "Meine
//! Anmeldungen" with tickets and cancellation.

use super::service;
use crate::error::AppError;
use crate::format;
use crate::http::auth::MaybeSignedIn;
use crate::http::auth::{SignedInPage, require};
use crate::http::extract::{NoSuchRegistration, PathId};
use crate::http::page::{Ctx, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::booking::{Canceller, RegistrationStatus, may_cancel};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Template)]
#[template(path = "booking/message.html")]
struct Message {
    ctx: Ctx,
    heading: String,
    text: String,
    error: bool,
    back_href: String,
    back_label: String,
}

fn refusal(lang: Lang, back: &str, status: StatusCode, text: String) -> Response {
    let mut response = render(Message {
        ctx: Ctx::new(lang, back),
        heading: lang.t("booking-refused-heading"),
        text,
        error: true,
        back_href: back.to_owned(),
        back_label: lang.t("booking-back"),
    });
    *response.status_mut() = status;
    response
}

/// `POST /angebote/{id}/termine/{session}/anmelden`: books the signed-in person.
pub async fn book(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path((offering, session)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let back = format!(
        "/angebote/{}",
        Uuid::try_parse(&offering)
            .map(|u| u.to_string())
            .unwrap_or_default()
    );
    let me = match require(me, &back) {
        Ok(me) => me,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let Ok(session) = Uuid::try_parse(&session) else {
        return Ok(crate::http::page::error_page(
            lang,
            StatusCode::NOT_FOUND,
            Vec::new(),
        ));
    };
    match service::book(&state, &me, session, &[me.person.id]).await {
        Ok(booked) => {
            let hint = if booked
                .first()
                .is_some_and(|b| b.status == RegistrationStatus::Confirmed)
            {
                "bestaetigt"
            } else {
                "warteliste"
            };
            Ok(Redirect::to(&format!("/konto/anmeldungen?hinweis={hint}")).into_response())
        }
        Err(AppError::NotFound(_)) => Ok(crate::http::page::error_page(
            lang,
            StatusCode::NOT_FOUND,
            Vec::new(),
        )),
        Err(AppError::Conflict(text)) => {
            Ok(refusal(lang, &back, StatusCode::CONFLICT, text.text(lang)))
        }
        Err(AppError::Forbidden(text)) => {
            Ok(refusal(lang, &back, StatusCode::FORBIDDEN, text.text(lang)))
        }
        Err(e) => Err(e),
    }
}

/// The ticket code as a QR code in SVG, for scanning at the door.
pub fn ticket_qr(code: &str) -> Option<String> {
    let qr = qrcode::QrCode::new(code.as_bytes()).ok()?;
    Some(
        qr.render::<qrcode::render::svg::Color>()
            .min_dimensions(160, 160)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
    )
}

/// A registration as the page lists it.
#[allow(missing_docs)]
pub struct RegistrationRow {
    /// Link to the offering.
    pub href: String,
    /// Offering title.
    pub title: String,
    pub when: String,
    /// Status in words.
    pub status: String,
    /// CSS modifier.
    pub state: &'static str,
    /// Ticket code, if confirmed.
    pub ticket: Option<String>,
    /// The ticket as a QR code (inline SVG), if confirmed.
    pub qr: Option<String>,
    /// Where to post a cancellation, while it is possible.
    pub cancel_action: Option<String>,
    /// The join link and dial-in of an online session, while the registration holds a
    /// seat.
    pub join: Option<lotse_store::booking::JoinAccess>,
    /// The materials of the session and its offering, while the registration holds or
    /// held a seat (also after the session).
    pub materials: Vec<crate::materials::pages::MaterialRow>,
}

#[derive(Template)]
#[template(path = "booking/registrations.html")]
struct Registrations {
    ctx: Ctx,
    notice: Option<String>,
    rows: Vec<RegistrationRow>,
    /// Since when the person's calendar feed exists, in a sentence, if they have one.
    feed_since: Option<String>,
    /// A feed address just made: shown this once.
    new_feed_url: Option<String>,
}

/// `GET /konto/anmeldungen`.
pub async fn mine(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let notice = query.get("hinweis").map(String::as_str);
    Ok(render(registrations_page(&state, lang, &me, notice).await?))
}

/// "Meine Anmeldungen" for `me`, with a notice named by its key if it is one of the
/// page's.
async fn registrations_page(
    state: &AppState,
    lang: Lang,
    me: &crate::http::auth::SignedIn,
    notice: Option<&str>,
) -> Result<Registrations, AppError> {
    let now = jiff::Timestamp::now();
    let mut materials: HashMap<uuid::Uuid, Vec<crate::materials::pages::MaterialRow>> =
        HashMap::new();
    for (session, m) in lotse_store::catalogue::materials_of_seats(&state.db, me.person.id).await? {
        materials
            .entry(session)
            .or_default()
            .push(crate::materials::pages::MaterialRow::new(lang, &m, |_| {
                None
            }));
    }
    let rows = lotse_store::booking::registrations_of(&state.db, me.person.id)
        .await?
        .into_iter()
        .map(|r| {
            let when = format::span(lang, r.starts_at, r.ends_at);
            let status = super::status_text(lang, r.status, r.waitlist_position);
            let state = match r.status {
                RegistrationStatus::Confirmed | RegistrationStatus::Attended => "open",
                RegistrationStatus::Waitlisted => "full",
                RegistrationStatus::NoShow | RegistrationStatus::Cancelled => "cancelled",
            };
            let confirmed = r.status == RegistrationStatus::Confirmed;
            let join = r.join().cloned();
            let seated = matches!(
                r.status,
                RegistrationStatus::Confirmed | RegistrationStatus::Attended
            );
            RegistrationRow {
                join,
                materials: if seated {
                    materials.remove(&r.session_id).unwrap_or_default()
                } else {
                    Vec::new()
                },
                href: format!("/angebote/{}", r.offering_id),
                title: r.offering_title,
                when,
                status,
                state,
                qr: if confirmed {
                    r.ticket_code.as_deref().and_then(ticket_qr)
                } else {
                    None
                },
                ticket: if confirmed { r.ticket_code } else { None },
                cancel_action: may_cancel(
                    Canceller::Participant,
                    r.status,
                    r.starts_at,
                    r.cancellation_cutoff_hours,
                    now,
                )
                .is_ok()
                .then(|| format!("/konto/anmeldungen/{}/stornieren", r.id)),
            }
        })
        .collect();
    const NOTICES: [&str; 4] = ["bestaetigt", "warteliste", "storniert", "kalender-beendet"];
    let feed_since = lotse_store::calendar::feed_created(&state.db, me.person.id)
        .await?
        .and_then(|at| jiff::Timestamp::from_second(at).ok())
        .map(|at| lang.t_args("feed-active", &[("date", format::date(lang, at).into())]));
    Ok(Registrations {
        ctx: Ctx::new(lang, "/konto/anmeldungen"),
        notice: notice
            .filter(|h| NOTICES.contains(h))
            .map(|h| lang.t(&format!("registrations-notice-{h}"))),
        rows,
        feed_since,
        new_feed_url: None,
    })
}

/// `POST /konto/anmeldungen/kalender`: makes a new address for one's calendar feed
/// (the old one stops working) and shows it this once.
pub async fn feed_create(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
) -> Result<Response, AppError> {
    let url = super::calendar::new_feed(&state, me.person.id).await?;
    let mut page = registrations_page(&state, lang, &me, None).await?;
    page.new_feed_url = Some(url);
    let mut response = render(page);
    // The address is a secret: no cache may keep the page that shows it.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}

/// `POST /konto/anmeldungen/kalender/beenden`: the feed's address stops working.
pub async fn feed_revoke(
    State(state): State<AppState>,
    SignedInPage(me): SignedInPage,
) -> Result<Response, AppError> {
    lotse_store::calendar::revoke_feed(&state.db, me.person.id).await?;
    Ok(Redirect::to("/konto/anmeldungen?hinweis=kalender-beendet").into_response())
}

/// `POST /konto/anmeldungen/{id}/stornieren`.
pub async fn cancel(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchRegistration>,
) -> Result<Response, AppError> {
    match service::cancel_registration(&state, &me, id).await {
        Ok(()) => Ok(Redirect::to("/konto/anmeldungen?hinweis=storniert").into_response()),
        Err(AppError::NotFound(_)) => Ok(crate::http::page::error_page(
            lang,
            StatusCode::NOT_FOUND,
            Vec::new(),
        )),
        Err(AppError::Conflict(text)) => Ok(refusal(
            lang,
            "/konto/anmeldungen",
            StatusCode::CONFLICT,
            text.text(lang),
        )),
        Err(e) => Err(e),
    }
}
