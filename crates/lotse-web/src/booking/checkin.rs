//! Check-in on a tablet: staff and the offering partner's editors type a ticket code
//! (or pick a name from the list), see who is there, and download the list as CSV or XLSX.

use crate::error::AppError;
use crate::format;
use crate::http::auth::{MaybeSignedIn, SignedIn};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_core::booking::RegistrationStatus;
use lotse_store::booking::{self as store, CheckIn};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Template)]
#[template(path = "booking/checkin.html")]
struct CheckInPage {
    ctx: Ctx,
    offering: String,
    offering_href: String,
    when: String,
    action: String,
    csv_href: String,
    xlsx_href: String,
    result: Option<String>,
    result_ok: bool,
    attended: usize,
    confirmed: usize,
    waiting: usize,
    q: String,
    attendance_action: String,
    rows: Vec<Row>,
    /// Said in the list when it shows nobody: no registrations yet, or none found.
    empty: Option<String>,
}

/// One line of the participant list, with what may be done about it there.
struct Row {
    name: String,
    status: String,
    registration: Uuid,
    /// Check in by ticket: while check-in is open, for a confirmed seat.
    ticket: Option<String>,
    /// Record as present by name: after check-in closed, for a confirmed seat or a
    /// no-show (the paper list filled in afterwards).
    mark_late: bool,
    /// Take the attendance back (the center's staff).
    withdraw: bool,
}

/// The session, if `me` may check people in there; a page otherwise.
async fn allowed(
    state: &AppState,
    lang: Lang,
    me: MaybeSignedIn,
    id: &str,
    action: fn(Uuid) -> Action,
) -> Result<Result<(SignedIn, Uuid, Uuid), Response>, AppError> {
    let back = format!("/redaktion/termine/{id}");
    let me = match crate::http::auth::require(me, &back) {
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
    Ok(match authorize(Some(&me.actor), action(partner)) {
        Decision::Allow => Ok((me, session, offering)),
        Decision::Forbidden => Err(error_page(lang, StatusCode::FORBIDDEN, Vec::new())),
        _ => Err(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
    })
}

async fn page(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    session: Uuid,
    offering_id: Uuid,
    q: &str,
    result: Option<(bool, String)>,
) -> Result<CheckInPage, AppError> {
    let list = store::registrations_on(&state.db, session).await?;
    let now = jiff::Timestamp::now();
    let mut window = (false, false);
    // The heading comes from the session itself, so it is right before anyone registers.
    let (offering, when) = match lotse_store::catalogue::session_heading(&state.db, session).await?
    {
        Some((title, starts, ends)) => (
            title,
            match (
                jiff::Timestamp::from_second(starts),
                jiff::Timestamp::from_second(ends),
            ) {
                (Ok(s), Ok(e)) => {
                    let open = lotse_core::booking::check_in_open(
                        s,
                        e,
                        state.config.checkin_opens_before,
                        now,
                    );
                    window = (
                        open.is_ok(),
                        matches!(open, Err(lotse_core::booking::CheckInClosed::Over)),
                    );
                    format::span(lang, s, e)
                }
                _ => String::new(),
            },
        ),
        None => (String::new(), String::new()),
    };
    let (open, ended) = window;
    let may_withdraw = lotse_store::catalogue::session_owner(&state.db, session)
        .await?
        .is_some_and(|(_, partner)| {
            authorize(Some(&me.actor), Action::WithdrawAttendance(partner)) == Decision::Allow
        });
    let needle = q.trim().to_lowercase();
    let rows: Vec<Row> = list
        .iter()
        .filter(|r| needle.is_empty() || r.person_name.to_lowercase().contains(&needle))
        .map(|r| Row {
            name: r.person_name.clone(),
            status: status_label(lang, r),
            registration: r.id,
            ticket: (open && r.status == RegistrationStatus::Confirmed)
                .then(|| r.ticket_code.clone())
                .flatten(),
            mark_late: ended
                && matches!(
                    r.status,
                    RegistrationStatus::Confirmed | RegistrationStatus::NoShow
                ),
            withdraw: may_withdraw && r.status == RegistrationStatus::Attended,
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
        attendance_action: format!("/redaktion/termine/{session}/anwesenheit"),
        csv_href: format!("/redaktion/termine/{session}/teilnehmende.csv"),
        xlsx_href: format!("/redaktion/termine/{session}/teilnehmende.xlsx"),
        result,
        result_ok,
        attended: list
            .iter()
            .filter(|r| r.status == RegistrationStatus::Attended)
            .count(),
        confirmed: list.iter().filter(|r| r.status.holds_seat()).count(),
        waiting: list
            .iter()
            .filter(|r| r.status == RegistrationStatus::Waitlisted)
            .count(),
        q: q.to_owned(),
        empty: if list.is_empty() {
            Some(lang.t("checkin-no-registrations"))
        } else if rows.is_empty() {
            Some(lang.t("checkin-no-match"))
        } else {
            None
        },
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
) -> Result<Response, AppError> {
    let (me, session, offering) =
        match allowed(&state, lang, me, &id, Action::ViewParticipants).await? {
            Ok(found) => found,
            Err(page) => return Ok(page),
        };
    let q = query.get("q").cloned().unwrap_or_default();
    Ok(render(
        page(&state, lang, &me, session, offering, &q, None).await?,
    ))
}

/// `POST /redaktion/termine/{id}`: checks a ticket in and shows the result.
pub async fn check_in(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, AppError> {
    let (me, session, offering) = match allowed(&state, lang, me, &id, Action::CheckIn).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let ticket = form
        .ok()
        .and_then(|Form(f)| f.get("ticket").cloned())
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    let now = jiff::Timestamp::now();
    let opens_before = state.config.checkin_opens_before;
    let (status, result) =
        match store::check_in(&state.db, session, &ticket, opens_before, now).await? {
            CheckIn::Attended(r, completions) => {
                crate::credentials::service::sign_issued(&state, &completions).await;
                lotse_store::accounts::audit(
                    &state.db,
                    Some(me.person.id),
                    "registration.checked_in",
                    &r.id.to_string(),
                    &me.ip,
                    serde_json::json!({}),
                    now.as_second(),
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
            CheckIn::Closed(closed) => (
                StatusCode::CONFLICT,
                (false, super::check_in_closed(closed).text(lang)),
            ),
            CheckIn::Unknown => (StatusCode::BAD_REQUEST, (false, lang.t("checkin-unknown"))),
        };
    let mut response = render(page(&state, lang, &me, session, offering, "", Some(result)).await?);
    *response.status_mut() = status;
    Ok(response)
}

/// `POST /redaktion/termine/{id}/anwesenheit`: records one person as present after
/// check-in has closed (`attended=1`), or takes an attendance back (`attended=0`,
/// the center's staff), and shows the list again.
pub async fn attendance(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, AppError> {
    let (me, session, offering) =
        match allowed(&state, lang, me, &id, Action::ViewParticipants).await? {
            Ok(found) => found,
            Err(page) => return Ok(page),
        };
    let fields = form.map(|Form(f)| f).unwrap_or_default();
    let attended = fields.get("attended").map(String::as_str) != Some("0");
    let name = match fields
        .get("registration")
        .and_then(|r| Uuid::try_parse(r).ok())
    {
        Some(registration) => store::registrations_on(&state.db, session)
            .await?
            .into_iter()
            .find(|r| r.id == registration)
            .map(|r| (registration, r.person_name)),
        None => None,
    };
    let (status, result) = match name {
        None => (StatusCode::BAD_REQUEST, (false, lang.t("checkin-unknown"))),
        Some((registration, name)) => {
            match super::service::mark_attendance(&state, &me, session, &[registration], attended)
                .await
            {
                Ok(_) => {
                    let key = if attended {
                        "checkin-marked"
                    } else {
                        "checkin-withdrawn"
                    };
                    (
                        StatusCode::OK,
                        (true, lang.t_args(key, &[("name", name.into())])),
                    )
                }
                Err(e) => match &e {
                    AppError::Forbidden(m) | AppError::Conflict(m) | AppError::NotFound(m) => {
                        (e.status(), (false, m.text(lang)))
                    }
                    AppError::Invalid(_) => {
                        (StatusCode::BAD_REQUEST, (false, lang.t("checkin-unknown")))
                    }
                    _ => return Err(e),
                },
            }
        }
    };
    let mut response = render(page(&state, lang, &me, session, offering, "", Some(result)).await?);
    *response.status_mut() = status;
    Ok(response)
}

/// Notes in the audit log who downloaded which participant list, as what, with how
/// many rows: the list holds names and addresses.
async fn audit_download(
    state: &AppState,
    me: &SignedIn,
    session: Uuid,
    format: &str,
    rows: usize,
) -> Result<(), AppError> {
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "participants.downloaded",
        &session.to_string(),
        &me.ip,
        serde_json::json!({ "format": format, "rows": rows }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// A registration's status in words.
fn status_label(lang: Lang, r: &store::Registration) -> String {
    super::status_text(lang, r.status, r.waitlist_position)
}

/// The participant list as a table for export: column headings, then one row per
/// registration (confirmed and attended first, then the waitlist in order).
struct ParticipantTable {
    headings: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl ParticipantTable {
    fn new(lang: Lang, list: &[store::Registration]) -> ParticipantTable {
        let headings = [
            "export-name",
            "export-email",
            "export-company",
            "export-status",
            "export-waitlist",
            "export-booked-at",
            "export-ticket",
        ]
        .iter()
        .map(|key| lang.t(key))
        .collect();
        let rows = list
            .iter()
            .map(|r| {
                let booked_at = format!(
                    "{} {}",
                    format::iso_date(r.booked_at),
                    format::time(r.booked_at)
                );
                vec![
                    r.person_name.clone(),
                    r.person_email.clone(),
                    r.company_name.clone().unwrap_or_default(),
                    status_label(lang, r),
                    r.waitlist_position
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    booked_at,
                    if r.status.holds_seat() {
                        r.ticket_code.clone().unwrap_or_default()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        ParticipantTable { headings, rows }
    }
}

/// Defuses spreadsheet formulas: a value starting with `=`, `+`, `-` or `@` would be
/// run as a formula by Excel or LibreOffice when the list is opened.
fn defused(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// `table` as CSV for German spreadsheet programs: a byte-order mark, semicolons,
/// every field quoted, CRLF line ends, and spreadsheet formulas defused.
fn csv_bytes(table: &ParticipantTable) -> Result<Vec<u8>, AppError> {
    let failed =
        |e: &dyn std::fmt::Display| AppError::Internal(format!("participant list as CSV: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    for line in std::iter::once(&table.headings).chain(&table.rows) {
        writer
            .write_record(line.iter().map(|field| defused(field)))
            .map_err(|e| failed(&e))?;
    }
    writer.into_inner().map_err(|e| failed(&e))
}

/// A download response with its content type and file name.
fn download(body: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    crate::http::page::file(body, content_type, "attachment", file_name)
}

/// `GET /redaktion/termine/{id}/teilnehmende.csv`: the participant list as CSV
/// (semicolons and a byte-order mark, as German spreadsheet programs expect).
pub async fn csv(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (me, session, _) = match allowed(&state, lang, me, &id, Action::ExportParticipants).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let table = ParticipantTable::new(lang, &store::registrations_on(&state.db, session).await?);
    audit_download(&state, &me, session, "csv", table.rows.len()).await?;
    Ok(download(
        csv_bytes(&table)?,
        "text/csv; charset=utf-8",
        &format!("teilnehmende-{session}.csv"),
    ))
}

/// `GET /redaktion/termine/{id}/teilnehmende.xlsx`: the participant list as an Excel
/// workbook with a bold, frozen heading row and an autofilter.
pub async fn xlsx(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (me, session, _) = match allowed(&state, lang, me, &id, Action::ExportParticipants).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let table = ParticipantTable::new(lang, &store::registrations_on(&state.db, session).await?);
    audit_download(&state, &me, session, "xlsx", table.rows.len()).await?;
    let bytes = workbook(&table, &lang.t("checkin-list"))
        .map_err(|e| AppError::Internal(format!("participant list as XLSX: {e}")))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("teilnehmende-{session}.xlsx"),
    ))
}

/// Writes `table` into a one-sheet workbook. Every cell is written as text, so
/// nothing a participant typed is ever evaluated as a formula.
fn workbook(table: &ParticipantTable, sheet: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let page = book.add_worksheet();
    page.set_name(sheet)?;
    for (col, heading) in (0u16..).zip(&table.headings) {
        page.write_string_with_format(0, col, heading, &bold)?;
    }
    for (row, line) in (1u32..).zip(&table.rows) {
        for (col, value) in (0u16..).zip(line) {
            page.write_string(row, col, value)?;
        }
    }
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(table.headings.len().saturating_sub(1)).unwrap_or(0);
    page.set_freeze_panes(1, 0)?;
    page.autofilter(0, 0, last_row, last_col)?;
    page.autofit();
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let table = ParticipantTable {
            headings: vec!["Name".into(), "Status".into()],
            rows: vec![
                vec!["Anna \"Ann\" Schulz".into(), "=HYPERLINK(1)".into()],
                vec![String::new(), "Warteliste; Platz 1".into()],
            ],
        };
        let csv = String::from_utf8(csv_bytes(&table).unwrap_or_default()).unwrap_or_default();
        assert_eq!(
            csv,
            "\u{feff}\"Name\";\"Status\"\r\n\
             \"Anna \"\"Ann\"\" Schulz\";\"'=HYPERLINK(1)\"\r\n\
             \"\";\"Warteliste; Platz 1\"\r\n"
        );
    }
}
