//! Booking's use cases: registering, cancelling with promotion from the waitlist, who
//! may act on a session's participants, mails to participants, and the reminder job.

use crate::error::AppError;
use crate::error::Message;
use crate::http::auth::SignedIn;
use crate::state::AppState;
use lotse_core::accounts::{Action, Decision, Scope, authorize};
use lotse_core::booking::{CancelRefusal, Canceller, Refusal, RegistrationStatus, may_cancel};
use lotse_store::booking::{self as store, BookingError};
use lotse_store::calendar::CalendarEntry;
use lotse_store::outbox::OutgoingMail;
use uuid::Uuid;

/// A ticket code: 20 characters from an unambiguous alphabet, 100 random bits.
pub fn new_ticket_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    if getrandom::fill(&mut bytes).is_err() {
        // Without randomness no ticket may be issued; a UUID v4 still comes from the OS.
        return Uuid::new_v4().simple().to_string().to_uppercase();
    }
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

/// Tells each of `promoted` (registrations moved up from a waitlist) that they have a
/// seat now.
pub(crate) async fn notify_promoted(state: &AppState, promoted: &[Uuid]) -> Result<(), AppError> {
    for id in promoted {
        notify(state, *id, crate::mail::MailKind::BookingPromoted).await?;
    }
    Ok(())
}

/// Who a registration mail goes to.
struct Recipient<'a> {
    name: &'a str,
    email: &'a str,
    language: &'a str,
}

impl<'a> Recipient<'a> {
    fn of(person: &'a lotse_store::accounts::Person) -> Self {
        Recipient {
            name: &person.name,
            email: &person.email,
            language: &person.language,
        }
    }
}

/// The mail of `kind` telling `to` about their registration for the session in
/// `entry` (place `position` on its waitlist, if waiting), with the session as a
/// calendar file where the mail confirms a seat.
fn registration_mail(
    public_url: &str,
    kind: crate::mail::MailKind,
    to: &Recipient<'_>,
    entry: &CalendarEntry,
    position: Option<i64>,
) -> OutgoingMail {
    use crate::mail::MailKind;
    let lang = crate::i18n::Lang::from_code(to.language).unwrap_or_default();
    let instant = |s| jiff::Timestamp::from_second(s).unwrap_or_default();
    let when = crate::format::span(lang, instant(entry.starts_at), instant(entry.ends_at));
    let link = format!("{public_url}/konto/anmeldungen");
    // Only mails to someone with a seat say how to join an online session.
    let seat = matches!(
        kind,
        MailKind::BookingConfirmed
            | MailKind::BookingPromoted
            | MailKind::Reminder
            | MailKind::JoinChanged
            | MailKind::StartsSoon
    );
    let join = if seat {
        join_paragraphs(lang, entry)
    } else {
        Vec::new()
    };
    let composed = crate::mail::compose_with_more(
        lang,
        kind,
        to.name,
        Some(&link),
        &[
            ("offering", entry.title.clone()),
            ("when", when),
            ("position", position.unwrap_or(0).to_string()),
        ],
        &join,
    );
    let ics = seat
        .then(|| crate::booking::calendar::ics("lotse", std::slice::from_ref(entry), public_url));
    OutgoingMail {
        recipient: to.email.to_owned(),
        subject: composed.subject,
        text_body: composed.text,
        html_body: composed.html,
        ics,
    }
}

/// How to join the online session of `entry`, as mail paragraphs; none without a link.
pub(crate) fn join_paragraphs(lang: crate::i18n::Lang, entry: &CalendarEntry) -> Vec<String> {
    let Some(link) = &entry.join_link else {
        return Vec::new();
    };
    let mut paragraphs = vec![lang.t_args("mail-join", &[("link", link.clone().into())])];
    if let Some(dial_in) = entry.dial_in.as_ref().filter(|d| !d.trim().is_empty()) {
        paragraphs.push(lang.t_args("mail-dial-in", &[("dial_in", dial_in.clone().into())]));
    }
    paragraphs
}

/// Mails the participant of registration `id` about it, in their language.
pub(crate) async fn notify(
    state: &AppState,
    id: Uuid,
    kind: crate::mail::MailKind,
) -> Result<(), AppError> {
    let Some(r) = store::registration(&state.db, id)
        .await?
        .filter(|r| !r.person_erased)
    else {
        return Ok(());
    };
    let Some(entry) = lotse_store::calendar::seat_entry(&state.db, r.session_id).await? else {
        return Ok(());
    };
    let mail = registration_mail(
        &state.config.public_url,
        kind,
        &Recipient {
            name: &r.person_name,
            email: &r.person_email,
            language: &r.person_language,
        },
        &entry,
        r.waitlist_position,
    );
    lotse_store::outbox::enqueue_with(
        &state.db,
        &mail.recipient,
        &mail.subject,
        &mail.text_body,
        &mail.html_body,
        mail.ics.as_deref(),
        lotse_store::now_seconds(),
    )
    .await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// Registers and mails every participant; the core of the API and the page. The
/// mails are queued in the booking's transaction, so a booking never lacks its mail.
pub async fn book(
    state: &AppState,
    me: &SignedIn,
    session: Uuid,
    participants: &[Uuid],
) -> Result<Vec<store::Booked>, AppError> {
    if !me.actor.email_confirmed {
        return Err(AppError::Forbidden("refusal-email-unconfirmed".into()));
    }
    check_participants(state, me, participants).await?;
    let entry = lotse_store::calendar::seat_entry(&state.db, session)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-session".into()))?;
    // The people to write to; one booking for oneself needs no read.
    let mut recipients = std::collections::HashMap::new();
    for person in participants {
        let found = if *person == me.person.id {
            Some(me.person.clone())
        } else {
            lotse_store::accounts::person(&state.db, *person).await?
        };
        if let Some(p) = found.filter(|p| p.erased_at.is_none()) {
            recipients.insert(p.id, p);
        }
    }
    // Most participants get a seat: their mails are written before the transaction,
    // which runs on the one writer and should hold it no longer than needed.
    let public_url = state.config.public_url.clone();
    let confirmations: std::collections::HashMap<Uuid, OutgoingMail> = recipients
        .values()
        .map(|p| {
            let mail = registration_mail(
                &public_url,
                crate::mail::MailKind::BookingConfirmed,
                &Recipient::of(p),
                &entry,
                None,
            );
            (p.id, mail)
        })
        .collect();
    let mail = move |b: &store::Booked| {
        if b.status == RegistrationStatus::Confirmed {
            confirmations.get(&b.person_id).cloned()
        } else {
            Some(registration_mail(
                &public_url,
                crate::mail::MailKind::BookingWaitlisted,
                &Recipient::of(recipients.get(&b.person_id)?),
                &entry,
                b.waitlist_position,
            ))
        }
    };
    let booked = store::register(
        &state.db,
        session,
        participants,
        me.person.id,
        jiff::Timestamp::now(),
        &new_ticket_code,
        Box::new(mail),
    )
    .await
    .map_err(refused)?;
    state.mail_wake.notify_one();
    Ok(booked)
}

pub(crate) fn refused(e: BookingError) -> AppError {
    match e {
        BookingError::NoSuchSession => AppError::NotFound("refusal-not-found-session".into()),
        BookingError::Refused(Refusal::Cancelled) => {
            AppError::Conflict("refusal-session-cancelled".into())
        }
        BookingError::Refused(Refusal::Past) => {
            AppError::Conflict("refusal-session-started".into())
        }
        BookingError::Refused(Refusal::Closed) => {
            AppError::Conflict("refusal-registration-closed".into())
        }
        BookingError::Refused(Refusal::AlreadyRegistered(_)) => {
            AppError::Conflict("refusal-already-registered".into())
        }
        BookingError::Store(e) => e.into(),
    }
}

/// The companies `person` belongs to, as employee or admin.
async fn companies_of(state: &AppState, person: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(lotse_store::accounts::memberships(&state.db, person)
        .await?
        .into_iter()
        .filter_map(|m| match m.membership.scope {
            Scope::Company(c) => Some(c),
            _ => None,
        })
        .collect())
}

/// Whether the policy lets `me` do `action` for a company `person` belongs to.
async fn for_a_company_of(
    state: &AppState,
    me: &SignedIn,
    person: Uuid,
    action: fn(Uuid) -> Action,
) -> Result<bool, AppError> {
    Ok(companies_of(state, person)
        .await?
        .into_iter()
        .any(|c| authorize(Some(&me.actor), action(c)) == Decision::Allow))
}

/// Checks that `me` may book for every participant: oneself always, others as the
/// policy allows for one of their companies (`Action::BookFor`).
pub(crate) async fn check_participants(
    state: &AppState,
    me: &SignedIn,
    participants: &[Uuid],
) -> Result<(), AppError> {
    for person in participants {
        if *person == me.person.id {
            continue;
        }
        if !for_a_company_of(state, me, *person, Action::BookFor).await? {
            return Err(AppError::field(
                "participants",
                Message::new("invalid-participant-outside-company").with("person", person),
            ));
        }
    }
    Ok(())
}

/// Cancels registration `id` on behalf of `me` and mails who is affected.
pub async fn cancel_registration(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> Result<(), AppError> {
    let registration = store::registration(&state.db, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-registration".into()))?;
    let by = if authorize(Some(&me.actor), Action::CancelAnyRegistration) == Decision::Allow {
        Canceller::Staff
    } else if registration.person_id == me.person.id {
        Canceller::Participant
    } else if for_a_company_of(state, me, registration.person_id, Action::CancelFor).await? {
        Canceller::CompanyAdmin
    } else {
        return Err(AppError::NotFound("refusal-not-found-registration".into()));
    };
    let now = jiff::Timestamp::now();
    let already = || AppError::Conflict("refusal-registration-not-active".into());
    match may_cancel(
        by,
        registration.status,
        registration.starts_at,
        registration.cancellation_cutoff_hours,
        now,
    ) {
        Ok(()) => {}
        Err(CancelRefusal::NotActive) => return Err(already()),
        Err(CancelRefusal::PastCutoff { hours }) => {
            return Err(AppError::Conflict(
                Message::new("refusal-cancellation-cutoff").with("hours", hours),
            ));
        }
    }
    let done = store::cancel(&state.db, id, now, &new_ticket_code)
        .await?
        .ok_or_else(already)?;
    notify(state, id, crate::mail::MailKind::BookingCancelled).await?;
    notify_promoted(state, &done.promoted).await?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "registration.cancelled",
        &id.to_string(),
        &me.ip,
        serde_json::json!({ "promoted": done.promoted.first() }),
        now.as_second(),
    )
    .await?;
    Ok(())
}

pub(crate) async fn session_allows(
    state: &AppState,
    me: &SignedIn,
    session: Uuid,
    action: fn(Uuid) -> Action,
) -> Result<(), AppError> {
    let (_, partner) = lotse_store::catalogue::session_owner(&state.db, session)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-session".into()))?;
    match authorize(Some(&me.actor), action(partner)) {
        Decision::Allow => Ok(()),
        other => Err(AppError::from_decision(other, "refusal-not-found-session")
            .unwrap_or(AppError::NotFound("refusal-not-found-session".into()))),
    }
}

/// Changes how to join online session `session` for `me` (who must be allowed to edit
/// it): `None` leaves the link or the dial-in as it is, empty text removes it. When
/// something changed, every confirmed participant is mailed the new access.
pub async fn change_online_access(
    state: &AppState,
    me: &SignedIn,
    session: Uuid,
    link: Option<String>,
    dial_in: Option<String>,
) -> Result<bool, AppError> {
    session_allows(state, me, session, Action::EditPartnerCatalogue).await?;
    let (place, old_link, old_dial_in) = lotse_store::catalogue::session_access(&state.db, session)
        .await?
        .ok_or(AppError::Conflict("refusal-session-not-planned".into()))?;
    let link = link.unwrap_or_else(|| old_link.clone().unwrap_or_default());
    let dial_in = dial_in.unwrap_or_else(|| old_dial_in.clone().unwrap_or_default());
    let (venue, dial_in) = lotse_core::catalogue::online_access(place, &link, &dial_in)
        .map_err(|e| AppError::Invalid(e.into_iter().map(Into::into).collect()))?;
    let new_link = venue.online_link.as_ref().map(|l| l.as_str().to_owned());
    let new_dial_in = dial_in.as_ref().map(|d| d.as_str().to_owned());
    if new_link == old_link && new_dial_in == old_dial_in {
        return Ok(false);
    }
    if !lotse_store::catalogue::set_online_access(&state.db, session, &venue, dial_in.as_ref())
        .await?
    {
        return Err(AppError::Conflict("refusal-session-not-planned".into()));
    }
    // Those with a seat hear of it; the waitlist learns the access once promoted.
    for r in store::registrations_on(&state.db, session).await? {
        if r.status == RegistrationStatus::Confirmed && new_link.is_some() {
            notify(state, r.id, crate::mail::MailKind::JoinChanged).await?;
        }
    }
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "session.access_changed",
        &session.to_string(),
        &me.ip,
        serde_json::json!({ "link": new_link.is_some(), "dial_in": new_dial_in.is_some() }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(true)
}

/// Sends every reminder that is due at `now` (see
/// [`lotse_core::catalogue::reminder_at`]); returns how many this process sent.
pub async fn send_due_reminders(state: &AppState, now: i64) -> Result<usize, AppError> {
    // Candidates up to 49 hours ahead cover the longest lead (autumn's clock change);
    // the wall-clock rule then decides.
    let horizon = lotse_core::catalogue::REMINDER_DAYS * 24 * 3600 + 3600;
    let mut sent = 0;
    for (id, starts_at) in store::due_reminders(&state.db, now, horizon).await? {
        if lotse_core::catalogue::reminder_at(starts_at) > now {
            continue;
        }
        if store::claim_reminder(&state.db, id, now).await? {
            notify(state, id, crate::mail::MailKind::Reminder).await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Sends the join mail of every confirmed registration whose online session starts
/// within the configured lead ([`crate::WebConfig::join_mail_before`]); returns how many
/// this process sent.
pub async fn send_due_join_mails(state: &AppState, now: i64) -> Result<usize, AppError> {
    let lead = i64::try_from(state.config.join_mail_before.as_secs()).unwrap_or(1800);
    let mut sent = 0;
    for id in store::due_join_mails(&state.db, now, lead).await? {
        if store::claim_join_mail(&state.db, id, now).await? {
            notify(state, id, crate::mail::MailKind::StartsSoon).await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Sends due reminders, join mails and evaluation invitations every minute until
/// `stop` is notified.
pub async fn run_reminders(state: AppState, stop: std::sync::Arc<tokio::sync::Notify>) {
    loop {
        let now = lotse_store::now_seconds();
        if let Err(e) = send_due_reminders(&state, now).await {
            tracing::warn!(error = ?e, "reminders could not be sent");
        }
        if let Err(e) = send_due_join_mails(&state, now).await {
            tracing::warn!(error = ?e, "join mails could not be sent");
        }
        if let Err(e) = crate::evaluations::invite_due(&state, now).await {
            tracing::warn!(error = ?e, "evaluation invitations could not be sent");
        }
        tokio::select! {
            () = tokio::time::sleep(std::time::Duration::from_secs(60)) => {},
            () = stop.notified() => return,
        }
    }
}

/// What marking attendance changed.
#[derive(Debug, Clone, Default)]
pub struct AttendanceChange {
    /// Registrations whose attendance changed; the others were already as asked.
    pub changed: Vec<Uuid>,
    /// Completions made or withdrawn by it.
    pub completions: Vec<lotse_store::qualifications::CompletionChange>,
}

/// Marks registrations of `session` as attended, or (`attended` false) takes their
/// attendance back, all or nothing: the attendance list filled in during or after the
/// session, or a correction. Marking needs the right to check people in and a session
/// whose check-in has opened; taking back is for the center's staff only, as it
/// withdraws completions.
pub async fn mark_attendance(
    state: &AppState,
    me: &SignedIn,
    session: Uuid,
    registrations: &[Uuid],
    attended: bool,
) -> Result<AttendanceChange, AppError> {
    let action = if attended {
        Action::CheckIn
    } else {
        Action::WithdrawAttendance
    };
    session_allows(state, me, session, action).await?;
    let now = jiff::Timestamp::now();
    if attended {
        let (_, starts_at, _) = lotse_store::catalogue::session_heading(&state.db, session)
            .await?
            .ok_or(AppError::NotFound("refusal-not-found-session".into()))?;
        let opens = starts_at - state.config.checkin_opens_before.as_secs();
        if now.as_second() < opens {
            return Err(AppError::Conflict("refusal-attendance-before-start".into()));
        }
    }
    match store::mark_attendance(&state.db, session, registrations, attended, now.as_second())
        .await?
    {
        store::AttendanceMarked::NotOnSession(ids) => Err(AppError::field(
            "registrations",
            Message::new("invalid-registration-not-on-session").with(
                "ids",
                ids.iter()
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        )),
        store::AttendanceMarked::Marked {
            changed,
            completions,
        } => {
            let kind = if attended {
                "registration.attendance_marked"
            } else {
                "registration.attendance_withdrawn"
            };
            for id in &changed {
                lotse_store::accounts::audit(
                    &state.db,
                    Some(me.person.id),
                    kind,
                    &id.to_string(),
                    &me.ip,
                    serde_json::json!({ "session": session }),
                    now.as_second(),
                )
                .await?;
            }
            crate::credentials::service::sign_issued(state, &completions).await;
            Ok(AttendanceChange {
                changed,
                completions,
            })
        }
    }
}
