//! Booking: registering oneself or a company's employees, the waitlist, cancelling,
//! tickets and check-in, participant lists, reminders and calendar files.

pub mod api;
pub mod calendar;
pub mod checkin;
pub mod company;
pub mod pages;
pub mod service;

use crate::app::PageRoute;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use lotse_core::booking::RegistrationStatus;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Booking's pages: the booking button, "Meine Anmeldungen", company bookings and
/// check-in with the participant list's downloads.
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        (
            "POST",
            "/angebote/{id}/termine/{session}/anmelden",
            post(pages::book),
        ),
        ("GET", "/konto/anmeldungen", get(pages::mine)),
        (
            "POST",
            "/konto/anmeldungen/kalender",
            post(pages::feed_create),
        ),
        (
            "POST",
            "/konto/anmeldungen/kalender/beenden",
            post(pages::feed_revoke),
        ),
        (
            "POST",
            "/konto/anmeldungen/{id}/stornieren",
            post(pages::cancel),
        ),
        (
            "GET POST",
            "/konto/unternehmen/buchen",
            get(company::choose).post(company::book),
        ),
        (
            "GET",
            "/konto/unternehmen/{id}/anmeldungen",
            get(company::registrations),
        ),
        (
            "GET POST",
            "/redaktion/termine/{id}",
            get(checkin::show).post(checkin::check_in),
        ),
        (
            "POST",
            "/redaktion/termine/{id}/anwesenheit",
            post(checkin::attendance),
        ),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.csv",
            get(checkin::csv),
        ),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.xlsx",
            get(checkin::xlsx),
        ),
    ]
}

/// The calendar feeds, public per topic and private per person, and one file per
/// session.
pub fn feed_routes() -> Router<AppState> {
    Router::new()
        .route("/ical/topics/{file}", get(calendar::topic_feed))
        .route("/ical/me/{file}", get(calendar::personal_feed))
        .route("/ical/sessions/{file}", get(calendar::session_file))
}

/// Booking's API.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::register, api::participants))
        .routes(routes!(api::mine))
        .routes(routes!(api::cancel))
        .routes(routes!(api::change_session))
        .routes(routes!(api::check_in))
        .routes(routes!(api::finalize, api::mark_attendance))
        .routes(routes!(calendar::create_feed, calendar::revoke_feed))
}

/// A registration's status in the reader's words, with the place on the waitlist.
pub fn status_text(
    lang: Lang,
    status: RegistrationStatus,
    waitlist_position: Option<i64>,
) -> String {
    match status {
        RegistrationStatus::Confirmed => lang.t("registration-confirmed"),
        RegistrationStatus::Attended => lang.t("registration-attended"),
        RegistrationStatus::Waitlisted => lang.t_args(
            "registration-waitlisted",
            &[("position", waitlist_position.unwrap_or(0).into())],
        ),
        RegistrationStatus::NoShow => lang.t("registration-no-show"),
        RegistrationStatus::Cancelled => lang.t("registration-cancelled"),
    }
}

/// Why a ticket is not checked in now, for the reader: from when it is, or that the
/// session is over.
pub fn check_in_closed(closed: lotse_core::booking::CheckInClosed) -> crate::error::Message {
    use crate::error::Message;
    match closed {
        lotse_core::booking::CheckInClosed::NotYet(opens) => {
            Message::new("refusal-checkin-not-yet")
                .with("date", crate::format::iso_date(opens))
                .with("time", crate::format::time(opens))
        }
        lotse_core::booking::CheckInClosed::Over => Message::new("refusal-checkin-over"),
    }
}
