//! Booking: seats are allocated atomically. Every transaction that changes seats
//! begins by locking its sessions' rows with a no-op `UPDATE … RETURNING` (row locks
//! on PostgreSQL, the write lock on SQLite), reads the counters from them, and changes
//! the counters and the registrations before it commits. Two bookings of one session
//! therefore never interleave, on one process or many. Bookings that arrive together
//! share one such transaction ([`BookingLane`]).

use crate::qualifications::CompletionChange;
use crate::{Db, StoreError, StoreResult, instant, on_reader, on_writer, stored};
use jiff::Timestamp;
use lotse_core::booking::{CheckInClosed, Refusal, RegistrationStatus, Seats, check_in_open};
use lotse_core::catalogue::SessionStatus;
use sqlx::FromRow;
use uuid::Uuid;

/// Why a booking was refused; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    /// No such session.
    #[error("no such session")]
    NoSuchSession,
    /// Refused by a booking rule.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for BookingError {
    fn from(e: sqlx::Error) -> Self {
        BookingError::Store(StoreError::Query(e))
    }
}

/// What a booking did for one participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booked {
    /// The registration.
    pub id: Uuid,
    /// The participant.
    pub person_id: Uuid,
    /// Confirmed or waitlisted.
    pub status: RegistrationStatus,
    /// 1-based place on the waitlist, if waitlisted.
    pub waitlist_position: Option<i64>,
}

/// The session's row as the lock returns it.
#[derive(FromRow)]
pub(crate) struct SessionLock {
    status: String,
    capacity: i64,
    confirmed_count: i64,
    starts_at: i64,
    registration_deadline: i64,
    waitlist_count: i64,
    waitlist_next: i64,
}

impl SessionLock {
    pub(crate) fn waiting(&self) -> usize {
        usize::try_from(self.waitlist_count).unwrap_or(0)
    }

    pub(crate) fn seats(&self) -> StoreResult<Seats> {
        Ok(Seats {
            status: stored(SessionStatus::parse, &self.status)?,
            capacity: self.capacity,
            confirmed: self.confirmed_count,
            starts_at: instant(self.starts_at)?,
            registration_deadline: instant(self.registration_deadline)?,
        })
    }
}

/// Locks a session's row for the rest of `tx` with a no-op update and returns it.
pub(crate) const LOCK_SESSION: &str = "UPDATE sessions SET capacity = capacity WHERE id = $1
     RETURNING status, capacity, confirmed_count, starts_at, registration_deadline, waitlist_count,
               waitlist_next";

mod lane;
pub use lane::{BookingLane, MailFor};

/// Registers `participants` on `session` in one transaction: each gets a seat while
/// there are free seats, in the given order, then a place on the waitlist. Refused as a
/// whole, changing nothing, when the session is not open or a participant is on it
/// already. `ticket` makes a new ticket code; `mail` writes the mail that tells a
/// participant what they got, queued in the same transaction. Bookings arriving
/// together share one transaction (see [`BookingLane`]); each is answered only after
/// it committed.
pub async fn register(
    db: &Db,
    session: Uuid,
    participants: &[Uuid],
    booked_by: Uuid,
    now: Timestamp,
    ticket: &(dyn Fn() -> String + Sync),
    mail: MailFor,
) -> Result<Vec<Booked>, BookingError> {
    if participants.is_empty() {
        return Ok(Vec::new());
    }
    // Named twice in one booking: refused like a person on the session already.
    if let Some(twice) = participants
        .iter()
        .enumerate()
        .find_map(|(i, p)| participants[..i].contains(p).then_some(*p))
    {
        return Err(Refusal::AlreadyRegistered(twice).into());
    }
    let booking = lane::Booking {
        session,
        participants: participants.to_vec(),
        booked_by,
        now,
        tickets: participants.iter().map(|_| ticket()).collect(),
        mail,
    };
    match lane::submit(db, booking).await {
        Ok(booked) => Ok(booked),
        Err(lane::Failure::NoSuchSession) => Err(BookingError::NoSuchSession),
        Err(lane::Failure::Refused(refusal)) => Err(refusal.into()),
        Err(lane::Failure::Store(e)) => Err(e.into()),
        Err(lane::Failure::Duplicate) => Err(already_registered(db, session, participants).await),
    }
}

/// The refusal for a booking that met a registration of one of its participants: the
/// first participant who holds a registration for `session`.
async fn already_registered(db: &Db, session: Uuid, participants: &[Uuid]) -> BookingError {
    for person in participants {
        let existing: Result<i64, sqlx::Error> = on_reader!(db, pool => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM registrations WHERE session_id = $1 AND person_id = $2 AND status <> 'cancelled'",
            )
            .bind(session)
            .bind(person)
            .fetch_one(pool)
            .await
        });
        match existing {
            Ok(0) => {}
            Ok(_) => return Refusal::AlreadyRegistered(*person).into(),
            Err(e) => return e.into(),
        }
    }
    // Only a ticket code drawn twice (about one in 2^100) leaves nobody to name.
    StoreError::Corrupt("a registration collided with another without a duplicate".into()).into()
}

/// A registration as its owner, their company admin or staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Registration {
    pub id: Uuid,
    /// The session.
    pub session_id: Uuid,
    /// The participant.
    pub person_id: Uuid,
    /// The participant's name.
    pub person_name: String,
    /// The participant's e-mail address.
    pub person_email: String,
    /// The participant's language, `de` or `en`.
    pub person_language: String,
    /// Whether the participant has erased their account (nobody to write to).
    pub person_erased: bool,
    /// The company the participation counts for, if any.
    pub company_name: Option<String>,
    /// When the registration was made.
    pub booked_at: Timestamp,
    /// Where it stands.
    pub status: RegistrationStatus,
    /// The offering.
    pub offering_id: Uuid,
    /// Its title.
    pub offering_title: String,
    /// Its partner.
    pub partner_id: Uuid,
    /// Start of the session.
    pub starts_at: Timestamp,
    /// End of the session.
    pub ends_at: Timestamp,
    /// Ticket code, for confirmed registrations.
    pub ticket_code: Option<String>,
    /// Place on the waitlist, 1-based, if waitlisted.
    pub waitlist_position: Option<i64>,
    /// Participants may cancel until this many hours before the start.
    pub cancellation_cutoff_hours: i64,
    /// The session's join link and dial-in, if it is held online; for the
    /// participant only while the registration holds a seat (see [`Registration::join`]).
    join: Option<JoinAccess>,
}

/// How to join an online session: its link, and how to dial in by phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinAccess {
    /// The meeting's address (BigBlueButton, Jitsi, Teams, Zoom, …).
    pub link: String,
    /// Dial-in numbers and codes, as the editor wrote them.
    pub dial_in: Option<String>,
}

impl Registration {
    /// How to join, for a registration that holds a seat (confirmed or attended); never
    /// for the waitlist or a cancelled registration.
    pub fn join(&self) -> Option<&JoinAccess> {
        self.join.as_ref().filter(|_| self.status.holds_seat())
    }
}

/// A registration as stored, before its status and times are checked.
#[derive(FromRow)]
struct RegistrationRow {
    id: Uuid,
    session_id: Uuid,
    person_id: Uuid,
    person_name: String,
    person_email: String,
    person_language: String,
    person_erased: bool,
    company_name: Option<String>,
    booked_at: i64,
    status: String,
    offering_id: Uuid,
    offering_title: String,
    partner_id: Uuid,
    starts_at: i64,
    ends_at: i64,
    ticket_code: Option<String>,
    waitlist_position: Option<i64>,
    cancellation_cutoff_hours: i64,
    online_link: Option<String>,
    dial_in: Option<String>,
}

impl TryFrom<RegistrationRow> for Registration {
    type Error = StoreError;

    fn try_from(r: RegistrationRow) -> StoreResult<Self> {
        Ok(Registration {
            id: r.id,
            session_id: r.session_id,
            person_id: r.person_id,
            person_name: r.person_name,
            person_email: r.person_email,
            person_language: r.person_language,
            person_erased: r.person_erased,
            company_name: r.company_name,
            booked_at: instant(r.booked_at)?,
            status: stored(RegistrationStatus::parse, &r.status)?,
            offering_id: r.offering_id,
            offering_title: r.offering_title,
            partner_id: r.partner_id,
            starts_at: instant(r.starts_at)?,
            ends_at: instant(r.ends_at)?,
            ticket_code: r.ticket_code,
            waitlist_position: r.waitlist_position,
            cancellation_cutoff_hours: r.cancellation_cutoff_hours,
            join: r.online_link.map(|link| JoinAccess {
                link,
                dial_in: r.dial_in,
            }),
        })
    }
}

/// Checks each stored row.
fn typed(rows: Vec<RegistrationRow>) -> StoreResult<Vec<Registration>> {
    rows.into_iter().map(Registration::try_from).collect()
}

macro_rules! registration_select {
    () => {
        "SELECT r.id, r.session_id, r.person_id, p.name AS person_name, p.email AS person_email,
                p.language AS person_language, p.erased_at IS NOT NULL AS person_erased,
                (SELECT c.name FROM companies c WHERE c.id = r.company_id) AS company_name,
                r.created_at AS booked_at, r.status, o.id AS offering_id,
                o.title AS offering_title, o.partner_id, s.starts_at, s.ends_at, r.ticket_code,
                CASE WHEN r.status = 'waitlisted' THEN
                    (SELECT COUNT(*) FROM registrations w WHERE w.session_id = r.session_id
                       AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq)
                END AS waitlist_position,
                s.cancellation_cutoff_hours, s.online_link, s.dial_in
         FROM registrations r
         JOIN sessions s ON s.id = r.session_id
         JOIN offerings o ON o.id = s.offering_id
         JOIN people p ON p.id = r.person_id"
    };
}

/// One registration.
pub async fn registration(db: &Db, id: Uuid) -> StoreResult<Option<Registration>> {
    let row: Option<RegistrationRow> = on_reader!(db, pool => {
        sqlx::query_as(concat!(registration_select!(), " WHERE r.id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await?
    });
    row.map(Registration::try_from).transpose()
}

/// A person's registrations, newest session first.
pub async fn registrations_of(db: &Db, person: Uuid) -> StoreResult<Vec<Registration>> {
    let rows: Vec<RegistrationRow> = on_reader!(db, pool => {
        sqlx::query_as(concat!(registration_select!(), " WHERE r.person_id = $1 ORDER BY s.starts_at DESC, r.id"))
            .bind(person)
            .fetch_all(pool)
            .await?
    });
    typed(rows)
}

/// A session's registrations: confirmed and attended first, then the waitlist in
/// order, then the rest.
pub async fn registrations_on(db: &Db, session: Uuid) -> StoreResult<Vec<Registration>> {
    let rows: Vec<RegistrationRow> = on_reader!(db, pool => {
        sqlx::query_as(concat!(
            registration_select!(),
            " WHERE r.session_id = $1
              ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'attended' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
                       r.waitlist_seq, r.created_at, r.id"
        ))
        .bind(session)
        .fetch_all(pool)
        .await?
    });
    typed(rows)
}

/// What a cancellation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancelled {
    /// The registrations promoted from the waitlist into the freed seat, in order.
    pub promoted: Vec<Uuid>,
}

/// Gives the first `count` on a session's waitlist a seat and a ticket, inside the
/// caller's transaction, and returns them in order. A macro because the SQLite and
/// PostgreSQL transactions are different types.
macro_rules! promote {
    ($tx:expr, $session:expr, $count:expr, $ticket:expr, $now:expr) => {{
        let promoted: Vec<Uuid> = sqlx::query_scalar(
            "SELECT id FROM registrations WHERE session_id = $1 AND status = 'waitlisted'
             ORDER BY waitlist_seq LIMIT $2",
        )
        .bind($session)
        .bind(i64::try_from($count).unwrap_or(0))
        .fetch_all(&mut *$tx)
        .await?;
        for id in &promoted {
            sqlx::query(
                "UPDATE registrations SET status = 'confirmed', waitlist_seq = NULL, ticket_code = $2, updated_at = $3 WHERE id = $1",
            )
            .bind(id)
            .bind($ticket())
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
        sqlx::query(
            "UPDATE sessions SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count - $2 WHERE id = $1",
        )
        .bind($session)
        .bind(i64::try_from(promoted.len()).unwrap_or(0))
        .execute(&mut *$tx)
        .await?;
        promoted
    }};
}

pub(crate) use promote;

/// Cancels registration `$id` of session `$session` within `$tx` if it is confirmed or
/// waitlisted: locks the session, frees the seat or the waitlist place, and moves the
/// first waiting people into a freed seat. Evaluates to `Some(promoted)`, or `None`
/// when the registration was not active. Shared by cancelling and by erasure.
macro_rules! cancel_within {
    ($tx:expr, $session:expr, $id:expr, $ticket:expr, $now:expr) => {{
        let lock: $crate::booking::SessionLock =
            sqlx::query_as($crate::booking::LOCK_SESSION)
                .bind($session)
                .fetch_one(&mut *$tx)
                .await?;
        let mut seats = lock.seats()?;
        let status: Option<String> = sqlx::query_scalar(
            "SELECT status FROM registrations WHERE id = $1 AND status IN ('confirmed', 'waitlisted')",
        )
        .bind($id)
        .fetch_optional(&mut *$tx)
        .await?;
        match status
            .map(|s| $crate::stored(lotse_core::booking::RegistrationStatus::parse, &s))
            .transpose()?
        {
            None => None,
            Some(was) => {
                sqlx::query("UPDATE registrations SET status = 'cancelled', waitlist_seq = NULL, updated_at = $2 WHERE id = $1")
                    .bind($id)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
                if was == lotse_core::booking::RegistrationStatus::Waitlisted {
                    sqlx::query("UPDATE sessions SET waitlist_count = waitlist_count - 1 WHERE id = $1")
                        .bind($session)
                        .execute(&mut *$tx)
                        .await?;
                    Some(Vec::new())
                } else {
                    sqlx::query("UPDATE sessions SET confirmed_count = confirmed_count - 1 WHERE id = $1")
                        .bind($session)
                        .execute(&mut *$tx)
                        .await?;
                    seats.confirmed -= 1;
                    Some($crate::booking::promote!(
                        $tx,
                        $session,
                        seats.promotions(lock.waiting()),
                        $ticket,
                        $now
                    ))
                }
            }
        }
    }};
}
pub(crate) use cancel_within;

/// Cancels a confirmed or waitlisted registration; a freed seat goes to the first on
/// the waitlist in the same transaction. `None` when the registration is not active.
pub async fn cancel(
    db: &Db,
    id: Uuid,
    now: Timestamp,
    ticket: &(dyn Fn() -> String + Sync),
) -> StoreResult<Option<Cancelled>> {
    let now = now.as_second();
    let Some(session) = on_reader!(db, pool => {
        sqlx::query_scalar::<_, Uuid>("SELECT session_id FROM registrations WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?
    }) else {
        return Ok(None);
    };
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let promoted = cancel_within!(tx, session, id, ticket, now);
        tx.commit().await?;
        promoted.map(|promoted| Cancelled { promoted })
    }))
}

/// What a capacity change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapacityChange {
    /// Changed; these waiting registrations got the new seats, in order.
    Changed(Vec<Uuid>),
    /// Refused: more people are confirmed than the new capacity allows.
    BelowConfirmed(i64),
    /// No such session.
    NoSuchSession,
}

/// Sets a session's capacity. Lowering it below the confirmed count is refused;
/// raising it promotes the first on the waitlist into the new seats, in the same
/// transaction.
pub async fn set_capacity(
    db: &Db,
    session: Uuid,
    capacity: i64,
    now: Timestamp,
    ticket: &(dyn Fn() -> String + Sync),
) -> StoreResult<CapacityChange> {
    let now = now.as_second();
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let lock: Option<SessionLock> = sqlx::query_as(LOCK_SESSION)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
        match lock {
            None => CapacityChange::NoSuchSession,
            Some(lock) if capacity < lock.confirmed_count => CapacityChange::BelowConfirmed(lock.confirmed_count),
            Some(lock) => {
                sqlx::query("UPDATE sessions SET capacity = $2 WHERE id = $1")
                    .bind(session)
                    .bind(capacity)
                    .execute(&mut *tx)
                    .await?;
                let seats = Seats { capacity, ..lock.seats()? };
                let promoted = promote!(tx, session, seats.promotions(lock.waiting()), ticket, now);
                tx.commit().await?;
                CapacityChange::Changed(promoted)
            }
        }
    }))
}

/// How a check-in went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckIn {
    /// Marked attended now, with what that completed.
    Attended(Registration, Vec<CompletionChange>),
    /// Was attended already; nothing changed.
    AlreadyAttended(Registration),
    /// The ticket belongs to another session.
    OtherSession,
    /// Outside the session's check-in window; nothing changed.
    Closed(CheckInClosed),
    /// No confirmed registration has this ticket.
    Unknown,
}

/// Marks the holder of `ticket` as attended at `session`, while check-in is open
/// (from `opens_before` the start until the end), and completes what the attendance
/// completes in the same transaction. Checking in twice is harmless; a ticket of
/// another session is refused.
pub async fn check_in(
    db: &Db,
    session: Uuid,
    ticket: &str,
    opens_before: jiff::SignedDuration,
    now: Timestamp,
) -> StoreResult<CheckIn> {
    let at = now;
    let now = now.as_second();
    let found: Option<RegistrationRow> = on_reader!(db, pool => {
        sqlx::query_as(concat!(registration_select!(), " WHERE r.ticket_code = $1"))
            .bind(ticket)
            .fetch_optional(pool)
            .await?
    });
    let Some(registration) = found.map(Registration::try_from).transpose()? else {
        return Ok(CheckIn::Unknown);
    };
    if registration.session_id != session {
        return Ok(CheckIn::OtherSession);
    }
    if let Err(closed) = check_in_open(
        registration.starts_at,
        registration.ends_at,
        opens_before,
        at,
    ) {
        return Ok(CheckIn::Closed(closed));
    }
    match registration.status {
        RegistrationStatus::Attended => Ok(CheckIn::AlreadyAttended(registration)),
        RegistrationStatus::Confirmed => {
            match mark_attendance(db, session, &[registration.id], true, now).await? {
                AttendanceMarked::Marked {
                    changed,
                    completions,
                } if changed.len() == 1 => Ok(CheckIn::Attended(
                    Registration {
                        status: RegistrationStatus::Attended,
                        ..registration
                    },
                    completions,
                )),
                // Cancelled meanwhile: a check-in racing a cancellation never revives it.
                _ => Ok(CheckIn::Unknown),
            }
        }
        _ => Ok(CheckIn::Unknown),
    }
}

/// What marking attendance did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceMarked {
    /// Done: the registrations whose attendance changed (the others were already as
    /// asked), and what that completed or withdrew.
    Marked {
        /// Registrations changed.
        changed: Vec<Uuid>,
        /// Completions made or withdrawn.
        completions: Vec<CompletionChange>,
    },
    /// Nothing changed: these registrations hold no seat on the session.
    NotOnSession(Vec<Uuid>),
}

/// Marks registrations of `session` as attended (`attended`) or takes their attendance
/// back, all or nothing, and brings module and qualification completions in line in
/// the same transaction. Every registration must hold or have held a seat on the
/// session (confirmed, attended, or a no-show from the finalized list); attendance taken
/// back makes a no-show once the session has ended, a confirmed seat before. The
/// caller checks who may do this and when.
pub async fn mark_attendance(
    db: &Db,
    session: Uuid,
    registrations: &[Uuid],
    attended: bool,
    now: i64,
) -> StoreResult<AttendanceMarked> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let found: Option<(Uuid, i64)> = sqlx::query_as("SELECT offering_id, ends_at FROM sessions WHERE id = $1")
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
        let mut rows: Vec<(Uuid, Uuid, String)> = Vec::with_capacity(registrations.len());
        for id in registrations {
            let row: Option<(Uuid, Uuid, String)> = sqlx::query_as(
                "SELECT id, person_id, status FROM registrations
                 WHERE id = $1 AND session_id = $2 AND status IN ('confirmed', 'attended', 'no_show')",
            )
            .bind(id)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(row) = row {
                rows.push(row);
            }
        }
        let missing: Vec<Uuid> = registrations
            .iter()
            .filter(|id| !rows.iter().any(|r| r.0 == **id))
            .copied()
            .collect();
        match found {
            _ if !missing.is_empty() => AttendanceMarked::NotOnSession(missing),
            None => AttendanceMarked::NotOnSession(registrations.to_vec()),
            Some((offering, ends_at)) => {
                let to = match (attended, ends_at <= now) {
                    (true, _) => "attended",
                    (false, true) => "no_show",
                    (false, false) => "confirmed",
                };
                let mut changed = Vec::new();
                let mut completions = Vec::new();
                for (id, person, status) in rows {
                    if (status == "attended") == attended {
                        continue;
                    }
                    // Conditional, so marking racing a cancellation never revives it.
                    let marked = sqlx::query("UPDATE registrations SET status = $2, updated_at = $3 WHERE id = $1 AND status = $4")
                        .bind(id)
                        .bind(to)
                        .bind(now)
                        .bind(&status)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if marked == 0 {
                        continue;
                    }
                    crate::qualifications::reconsider_completions!(tx, person, offering, completions, now);
                    changed.push(id);
                }
                tx.commit().await?;
                AttendanceMarked::Marked { changed, completions }
            }
        }
    }))
}

/// Confirmed registrations of planned sessions that start within `horizon` seconds
/// after `now` and were not reminded yet, with their session's start.
pub async fn due_reminders(db: &Db, now: i64, horizon: i64) -> StoreResult<Vec<(Uuid, i64)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT r.id, s.starts_at FROM registrations r JOIN sessions s ON s.id = r.session_id
             WHERE r.status = 'confirmed' AND s.status = 'planned'
               AND s.starts_at > $1 AND s.starts_at <= $2
               AND NOT EXISTS (SELECT 1 FROM reminders_sent m WHERE m.registration_id = r.id)
             ORDER BY s.starts_at LIMIT 500",
        )
        .bind(now)
        .bind(now + horizon)
        .fetch_all(pool)
        .await?
    }))
}

/// Claims the reminder of a registration; `true` for exactly one caller, however
/// many processes try at once.
pub async fn claim_reminder(db: &Db, registration: Uuid, now: i64) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query("INSERT INTO reminders_sent (registration_id, sent_at) VALUES ($1, $2) ON CONFLICT (registration_id) DO NOTHING")
            .bind(registration)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
            == 1
    }))
}

/// Confirmed registrations of planned online sessions that start within `lead`
/// seconds after `now` and have not had their join mail yet.
pub async fn due_join_mails(db: &Db, now: i64, lead: i64) -> StoreResult<Vec<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT r.id FROM registrations r JOIN sessions s ON s.id = r.session_id
             WHERE r.status = 'confirmed' AND s.status = 'planned' AND s.online_link IS NOT NULL
               AND s.starts_at > $1 AND s.starts_at <= $2
               AND NOT EXISTS (SELECT 1 FROM join_mails_sent m WHERE m.registration_id = r.id)
             ORDER BY s.starts_at LIMIT 500",
        )
        .bind(now)
        .bind(now + lead)
        .fetch_all(pool)
        .await?
    }))
}

/// Claims the join mail of a registration; `true` for exactly one caller, however
/// many processes try at once.
pub async fn claim_join_mail(db: &Db, registration: Uuid, now: i64) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query("INSERT INTO join_mails_sent (registration_id, sent_at) VALUES ($1, $2) ON CONFLICT (registration_id) DO NOTHING")
            .bind(registration)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
            == 1
    }))
}

/// The registrations of a company's people, newest session first.
pub async fn registrations_of_company(db: &Db, company: Uuid) -> StoreResult<Vec<Registration>> {
    let rows: Vec<RegistrationRow> = on_reader!(db, pool => {
        sqlx::query_as(concat!(
            registration_select!(),
            " WHERE r.person_id IN (SELECT m.person_id FROM memberships m WHERE m.company_id = $1)
              ORDER BY s.starts_at DESC, p.name, r.id"
        ))
        .bind(company)
        .fetch_all(pool)
        .await?
    });
    typed(rows)
}

/// After a session has ended, marks every confirmed registration that was not checked
/// in as a no-show. Returns how many, or `None` while the session has not ended.
pub async fn finalize_attendance(
    db: &Db,
    session: Uuid,
    now: Timestamp,
) -> StoreResult<Option<u64>> {
    let now = now.as_second();
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let ends: Option<i64> = sqlx::query_scalar("UPDATE sessions SET capacity = capacity WHERE id = $1 RETURNING ends_at")
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
        match ends {
            Some(ends) if ends <= now => {
                let n = sqlx::query("UPDATE registrations SET status = 'no_show', updated_at = $2 WHERE session_id = $1 AND status = 'confirmed'")
                    .bind(session)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                tx.commit().await?;
                Some(n)
            }
            _ => None,
        }
    }))
}
