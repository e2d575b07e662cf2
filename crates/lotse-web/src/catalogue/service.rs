//! The catalogue editor's use cases: creating and changing offerings, scheduling and
//! calling off sessions, withdrawing offerings; each asks the policy first.

use super::editor::{OfferingRequest, SessionRequest};
use crate::error::AppError;
use crate::error::{InvalidField, Message};
use crate::http::auth::SignedIn;
use crate::state::AppState;
use jiff::civil::DateTime;
use lotse_core::accounts::{Action, authorize};
use lotse_core::catalogue::{OfferingDraft, SessionDraft};
use lotse_store::catalogue::{self as store, EditError};
use uuid::Uuid;

pub(crate) fn allowed(me: &SignedIn, partner: Uuid, what: &'static str) -> Result<(), AppError> {
    match AppError::from_decision(
        authorize(Some(&me.actor), Action::EditPartnerCatalogue(partner)),
        what,
    ) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

pub(crate) fn edit_error(e: EditError) -> AppError {
    match e {
        EditError::MissingReference => AppError::field("partner_id", "invalid-partner-or-place"),
        EditError::StillInQualification(title) => AppError::field(
            "counts_for_qualifications",
            Message::new("invalid-still-in-qualification").with("title", title),
        ),
        EditError::Store(e) => e.into(),
    }
}

pub(crate) fn parse_offering(
    body: OfferingRequest,
) -> Result<lotse_core::catalogue::NewOffering, AppError> {
    OfferingDraft {
        kind: body.kind,
        title: body.title,
        summary: body.summary,
        description: body.description,
        learning_outcomes: body.learning_outcomes,
        topics: body.topics,
        audiences: body.audiences,
        duration_hours: body.duration_hours,
        format: body.format,
        partner_id: body.partner_id,
        price_cents: body.price_cents,
        language: body.language,
        level: body.level,
        counts_for_qualifications: body.counts_for_qualifications,
    }
    .parse()
    .map_err(|errors| AppError::Invalid(errors.into_iter().map(InvalidField::from).collect()))
}

/// Creates an offering on behalf of `me`; returns its id.
pub async fn offering_create(
    state: &AppState,
    me: &SignedIn,
    body: OfferingRequest,
) -> Result<Uuid, AppError> {
    allowed(me, body.partner_id, "Der Partner")?;
    let offering = parse_offering(body)?;
    let id = Uuid::now_v7();
    store::create_offering(&state.db, id, &offering, jiff::Timestamp::now())
        .await
        .map_err(edit_error)?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "offering.created",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "partner": offering.partner_id }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(id)
}

/// Replaces offering `id` on behalf of `me`.
pub async fn offering_replace(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    body: OfferingRequest,
) -> Result<(), AppError> {
    let partner = store::offering_partner(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    allowed(me, partner, "Das Angebot")?;
    allowed(me, body.partner_id, "Der Partner")?;
    let offering = parse_offering(body)?;
    if !store::replace_offering(&state.db, id, &offering, jiff::Timestamp::now())
        .await
        .map_err(edit_error)?
    {
        return Err(AppError::NotFound("refusal-not-found-offering".into()));
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "offering.changed",
        &id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

pub(crate) fn local(field: &'static str, raw: &str) -> Result<DateTime, InvalidField> {
    raw.trim().parse::<DateTime>().map_err(|_| InvalidField {
        field: field.into(),
        message: "invalid-local-date-time".into(),
    })
}

/// Schedules a session of offering `id` on behalf of `me`; returns its id.
pub async fn session_create(
    state: &AppState,
    me: &SignedIn,
    offering: Uuid,
    body: SessionRequest,
) -> Result<Uuid, AppError> {
    let partner = store::offering_partner(&state.db, offering)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    allowed(me, partner, "Das Angebot")?;
    let mut errors = Vec::new();
    let mut read =
        |field: &'static str, raw: &str| local(field, raw).map_err(|e| errors.push(e)).ok();
    let starts = read("starts_at", &body.starts_at);
    let ends = read("ends_at", &body.ends_at);
    let deadline = match body
        .registration_deadline
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        Some(raw) => read("registration_deadline", raw).map(Some),
        None => Some(None),
    };
    let (Some(starts_at), Some(ends_at), Some(registration_deadline)) = (starts, ends, deadline)
    else {
        return Err(AppError::Invalid(errors));
    };
    let session = SessionDraft {
        starts_at,
        ends_at,
        registration_deadline,
        place_id: body.place_id,
        online_link: body.online_link,
        capacity: body.capacity,
        cancellation_cutoff_hours: body.cancellation_cutoff_hours,
        dial_in: body.dial_in,
    }
    .parse(offering)
    .map_err(|errors| AppError::Invalid(errors.into_iter().map(InvalidField::from).collect()))?;
    let id = Uuid::now_v7();
    store::create_session(&state.db, id, &session, jiff::Timestamp::now())
        .await
        .map_err(|e| match e {
            EditError::MissingReference => AppError::field("place_id", "invalid-place-unknown"),
            other => edit_error(other),
        })?;
    // Those waiting for a date hear of it.
    super::date_requests::tell_waiting(state, offering).await?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "session.created",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "offering": offering }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(id)
}

/// Cancels session `id` on behalf of `me`.
pub async fn session_cancel(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), AppError> {
    let (_, partner) = store::session_owner(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-session".into()))?;
    allowed(me, partner, "Der Termin")?;
    if !store::cancel_session(&state.db, id).await? {
        return Err(AppError::Conflict(
            "refusal-session-already-cancelled".into(),
        ));
    }
    // Everybody on the session hears of it.
    for r in lotse_store::booking::registrations_on(&state.db, id).await? {
        if r.status.is_active() {
            crate::booking::service::notify(state, r.id, crate::mail::MailKind::SessionCancelled)
                .await?;
        }
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "session.cancelled",
        &id.to_string(),
        &me.ip,
        serde_json::json!({}),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(())
}

/// Withdraws offering `id` on behalf of `me`; returns how many sessions were cancelled.
pub async fn offering_withdraw(state: &AppState, me: &SignedIn, id: Uuid) -> Result<u64, AppError> {
    let partner = store::offering_partner(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    allowed(me, partner, "Das Angebot")?;
    let cancelled = store::withdraw_offering(&state.db, id, jiff::Timestamp::now())
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "offering.withdrawn",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "sessions_cancelled": cancelled }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(cancelled)
}
