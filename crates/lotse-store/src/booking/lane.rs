//! Group commit for bookings. Every booking joins one queue per database; whoever
//! then gets a leader's permit takes the queue and carries it out in one transaction
//! of five statements, however many bookings it holds. A rush of bookings so shares one
//! commit and one round of statements, and on SQLite one write of each changed page,
//! instead of paying for each booking alone. A booking is answered only after its
//! transaction committed.
//!
//! The transaction runs on a task of its own, so a caller that goes away (a closed
//! connection) cannot roll back the bookings of others it happened to lead.

use super::{Booked, SessionLock};
use crate::outbox::OutgoingMail;
use crate::{Db, StoreError, on_writer};
use jiff::Timestamp;
use lotse_core::booking::{Placement, Refusal, RegistrationStatus, Seats};
use sqlx::{FromRow, QueryBuilder};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use uuid::Uuid;

/// Writes the mail that tells a participant what they got (`None`: no mail). It is
/// called on the writer, inside the booking's transaction.
pub type MailFor = Box<dyn Fn(&Booked) -> Option<OutgoingMail> + Send + Sync>;

/// One booking as it waits in the queue: owned, so that any leader can carry it out.
pub(crate) struct Booking {
    pub(crate) session: Uuid,
    pub(crate) participants: Vec<Uuid>,
    pub(crate) booked_by: Uuid,
    pub(crate) now: Timestamp,
    /// One new ticket code per participant, drawn before the queue.
    pub(crate) tickets: Vec<String>,
    pub(crate) mail: MailFor,
}

/// Why a queued booking was not carried out.
#[derive(Debug)]
pub(crate) enum Failure {
    NoSuchSession,
    Refused(Refusal),
    /// A participant holds a registration for the session already; nothing of this
    /// booking was written, and the caller names whom.
    Duplicate,
    Store(StoreError),
}

type Outcome = Result<Vec<Booked>, Failure>;

struct Waiting {
    booking: Booking,
    reply: oneshot::Sender<Outcome>,
}

/// Most participants the bookings of one transaction name together; a single booking
/// may name more.
const MOST_PARTICIPANTS: usize = 1_000;

/// Most rows one statement writes or looks up, which keeps its bound values (at most
/// eight per row) well below SQLite's limit of 32,766.
const ROWS_PER_STATEMENT: usize = 1_000;

/// The queue of bookings of one database and the permits to lead it.
pub struct BookingLane {
    queue: Mutex<Vec<Waiting>>,
    leaders: Arc<Semaphore>,
}

impl std::fmt::Debug for BookingLane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BookingLane")
            .field("leaders", &self.leaders.available_permits())
            .finish_non_exhaustive()
    }
}

impl BookingLane {
    /// A lane where up to `leaders` transactions of bookings run at once: one on
    /// SQLite's single writer; on PostgreSQL several, which lock their sessions in the
    /// primary key's order (a deadlock all the same fails the batch, whose bookings are
    /// then carried out one by one).
    pub(crate) fn new(leaders: usize) -> Arc<Self> {
        Arc::new(Self {
            queue: Mutex::new(Vec::new()),
            leaders: Arc::new(Semaphore::new(leaders.max(1))),
        })
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        // The queue holds plain data; a panic elsewhere cannot leave it half-changed.
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes the oldest bookings, up to [`MOST_PARTICIPANTS`] participants but at
    /// least one booking; the rest wait for the next leader.
    fn take_batch(&self) -> Vec<Waiting> {
        let mut queue = self.queue();
        let mut participants = 0;
        let count = queue
            .iter()
            .take_while(|w| {
                participants += w.booking.participants.len();
                participants <= MOST_PARTICIPANTS
            })
            .count()
            .max(1)
            .min(queue.len());
        queue.drain(..count).collect()
    }
}

/// Queues `booking` and waits until a transaction carrying it committed or failed,
/// leading that transaction if no one else does.
pub(crate) async fn submit(db: &Db, booking: Booking) -> Outcome {
    let lane = db.booking_lane();
    let (reply, mut answer) = oneshot::channel();
    lane.queue().push(Waiting { booking, reply });
    tokio::select! {
        outcome = &mut answer => return outcome.unwrap_or_else(|_| Err(lost())),
        permit = lane.leaders.clone().acquire_owned() => {
            let db = db.clone();
            match permit {
                Ok(permit) => {
                    tokio::spawn(lead(db, permit));
                }
                // The permits are never closed; should they be, run without one.
                Err(_) => {
                    let waiting = lane.take_batch();
                    tokio::spawn(async move { carry_out(&db, waiting).await });
                }
            }
        }
    }
    // This booking was queued before the permit came, and leaders empty the queue
    // before they let go of theirs: the leader started here, or an earlier one,
    // carries it out.
    answer.await.unwrap_or_else(|_| Err(lost()))
}

/// Carries out batches until the queue is empty, then gives the permit back. It
/// looks once more after that: a booking queued meanwhile whose caller went away
/// before getting the permit would otherwise wait for the next booking.
async fn lead(db: Db, mut permit: OwnedSemaphorePermit) {
    let lane = db.booking_lane().clone();
    loop {
        loop {
            let waiting = lane.take_batch();
            if waiting.is_empty() {
                break;
            }
            carry_out(&db, waiting).await;
        }
        drop(permit);
        if lane.queue().is_empty() {
            return;
        }
        permit = match lane.leaders.clone().try_acquire_owned() {
            Ok(permit) => permit,
            // Another leader holds it and empties the queue before it lets go.
            Err(_) => return,
        };
    }
}

/// A copy of `e` for each booking of a batch when `e` is about the connection rather
/// than one booking's data.
fn connection_failed(e: &sqlx::Error) -> Option<sqlx::Error> {
    match e {
        sqlx::Error::PoolTimedOut => Some(sqlx::Error::PoolTimedOut),
        sqlx::Error::PoolClosed => Some(sqlx::Error::PoolClosed),
        sqlx::Error::WorkerCrashed => Some(sqlx::Error::WorkerCrashed),
        sqlx::Error::Io(io) => Some(sqlx::Error::Io(std::io::Error::new(
            io.kind(),
            io.to_string(),
        ))),
        sqlx::Error::Protocol(why) => Some(sqlx::Error::Protocol(why.clone())),
        _ => None,
    }
}

/// The answer of a booking whose leader vanished (a panic): nothing is known to
/// have been written.
fn lost() -> Failure {
    Failure::Store(StoreError::Query(sqlx::Error::WorkerCrashed))
}

/// Carries out `waiting` in one transaction; when that fails on a database error,
/// carries out each booking alone, so one booking's error reaches only that booking.
async fn carry_out(db: &Db, mut waiting: Vec<Waiting>) {
    // Sorted by session, so each session is named once; the sort is stable, so the
    // bookings of one session keep their order of arrival.
    waiting.sort_by_key(|w| w.booking.session);
    let bookings: Vec<&Booking> = waiting.iter().map(|w| &w.booking).collect();
    match transact(db, &bookings).await {
        Ok(outcomes) => {
            for (w, outcome) in waiting.into_iter().zip(outcomes) {
                let _ = w.reply.send(outcome);
            }
        }
        Err(e) if waiting.len() == 1 => {
            if let Some(w) = waiting.pop() {
                let _ = w.reply.send(Err(Failure::Store(e.into())));
            }
        }
        Err(e) => {
            // A connection that cannot be reached or broke fails everyone's booking:
            // trying each alone would only fail again, one after another.
            if connection_failed(&e).is_some() {
                for w in waiting {
                    let again = connection_failed(&e).unwrap_or(sqlx::Error::WorkerCrashed);
                    let _ = w.reply.send(Err(Failure::Store(again.into())));
                }
                return;
            }
            for w in waiting {
                let outcome = match transact(db, &[&w.booking]).await {
                    Ok(mut one) => one.pop().unwrap_or_else(|| Err(lost())),
                    Err(e) => Err(Failure::Store(e.into())),
                };
                let _ = w.reply.send(outcome);
            }
        }
    }
}

/// The sessions of a batch, locked for the rest of the transaction with a no-op
/// update (on PostgreSQL in the order of the primary key, which the index scan keeps).
#[derive(FromRow)]
struct LockedSession {
    id: Uuid,
    #[sqlx(flatten)]
    lock: SessionLock,
}

/// A registration a batch writes.
struct NewRegistration {
    id: Uuid,
    session: Uuid,
    person: Uuid,
    booked_by: Uuid,
    status: RegistrationStatus,
    ticket: Option<String>,
    waitlist_seq: Option<i64>,
    now: i64,
}

/// What a batch adds to one session's counters.
#[derive(Default)]
struct Added {
    confirmed: i64,
    waitlisted: i64,
}

/// A session's counters as the batch's bookings so far leave them.
struct Running {
    seats: Seats,
    waitlist_count: i64,
    waitlist_next: i64,
    added: Added,
}

/// What a batch writes, decided before anything is written.
#[derive(Default)]
struct Plan {
    outcomes: Vec<Outcome>,
    registrations: Vec<NewRegistration>,
    /// Per session whose counters move, ordered by id.
    added: Vec<(Uuid, Added)>,
}

/// Decides every booking of a batch in arrival order per session: refused, a
/// duplicate (held already, or twice in the batch), or seats then waitlist places
/// from the session's running counters.
fn plan(bookings: &[&Booking], locked: Vec<LockedSession>, held: &HashSet<(Uuid, Uuid)>) -> Plan {
    let mut sessions: HashMap<Uuid, Result<Running, String>> = locked
        .into_iter()
        .map(|s| {
            let running = s
                .lock
                .seats()
                .map_err(|e| e.to_string())
                .map(|seats| Running {
                    seats,
                    waitlist_count: s.lock.waitlist_count,
                    waitlist_next: s.lock.waitlist_next,
                    added: Added::default(),
                });
            (s.id, running)
        })
        .collect();
    let mut taken: HashSet<(Uuid, Uuid)> = HashSet::new();
    let mut plan = Plan::default();
    for booking in bookings {
        let running = match sessions.get_mut(&booking.session) {
            None => {
                plan.outcomes.push(Err(Failure::NoSuchSession));
                continue;
            }
            Some(Err(why)) => {
                plan.outcomes
                    .push(Err(Failure::Store(StoreError::Corrupt(why.clone()))));
                continue;
            }
            Some(Ok(running)) => running,
        };
        if let Err(refusal) = running.seats.takes_registrations(booking.now) {
            plan.outcomes.push(Err(Failure::Refused(refusal)));
            continue;
        }
        let pairs = booking.participants.iter().map(|p| (booking.session, *p));
        if pairs
            .clone()
            .any(|pair| held.contains(&pair) || taken.contains(&pair))
        {
            plan.outcomes.push(Err(Failure::Duplicate));
            continue;
        }
        taken.extend(pairs);
        let places = running.seats.allocate(booking.participants.len());
        let mut booked = Vec::with_capacity(places.len());
        for ((person, placement), ticket) in booking
            .participants
            .iter()
            .zip(places)
            .zip(&booking.tickets)
        {
            let id = Uuid::now_v7();
            let (status, ticket, waitlist_seq, waitlist_position) = match placement {
                Placement::Seat => {
                    running.seats.confirmed += 1;
                    running.added.confirmed += 1;
                    (
                        RegistrationStatus::Confirmed,
                        Some(ticket.clone()),
                        None,
                        None,
                    )
                }
                // Numbers and places follow the locked counters: every waiting
                // registration has a number below `waitlist_next`, and
                // `waitlist_count` of them are waiting.
                Placement::Waitlist => {
                    let seq = running.waitlist_next;
                    running.waitlist_next += 1;
                    running.waitlist_count += 1;
                    running.added.waitlisted += 1;
                    (
                        RegistrationStatus::Waitlisted,
                        None,
                        Some(seq),
                        Some(running.waitlist_count),
                    )
                }
            };
            booked.push(Booked {
                id,
                person_id: *person,
                status,
                waitlist_position,
            });
            plan.registrations.push(NewRegistration {
                id,
                session: booking.session,
                person: *person,
                booked_by: booking.booked_by,
                status,
                ticket,
                waitlist_seq,
                now: booking.now.as_second(),
            });
        }
        plan.outcomes.push(Ok(booked));
    }
    let mut added: Vec<(Uuid, Added)> = sessions
        .into_iter()
        .filter_map(|(id, running)| running.ok().map(|r| (id, r.added)))
        .filter(|(_, a)| a.confirmed + a.waitlisted > 0)
        .collect();
    added.sort_by_key(|(id, _)| *id);
    plan.added = added;
    plan
}

/// The company a participation counts for (participant `v.person_id`, booked by
/// `v.booked_by`): the company of the company admin who booked, else the
/// participant's earliest company. The same rule filled the column for earlier
/// bookings (migration 0009).
const COMPANY_OF_PARTICIPATION: &str = "(SELECT m.company_id FROM memberships m
      LEFT JOIN memberships b
        ON b.person_id = v.booked_by AND b.role = 'company_admin' AND b.company_id = m.company_id
      WHERE m.person_id = v.person_id AND m.company_id IS NOT NULL
      ORDER BY CASE WHEN b.company_id IS NULL THEN 1 ELSE 0 END, m.created_at, m.company_id
      LIMIT 1)";

/// Carries out `bookings`, sorted by session, in one transaction of five statements
/// whatever their number: lock the sessions, read which participants hold a
/// registration already, then write the registrations, the counters and the mails.
/// Answers one outcome per booking; an error means nothing was written.
async fn transact(db: &Db, bookings: &[&Booking]) -> Result<Vec<Outcome>, sqlx::Error> {
    let mut sessions: Vec<Uuid> = bookings.iter().map(|b| b.session).collect();
    sessions.dedup();
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let mut lock = QueryBuilder::new("UPDATE sessions SET capacity = capacity WHERE id IN (");
        let mut ids = lock.separated(", ");
        for id in &sessions {
            ids.push_bind(*id);
        }
        lock.push(
            ") RETURNING id, status, capacity, confirmed_count, starts_at, registration_deadline,
                         waitlist_count, waitlist_next",
        );
        let locked: Vec<LockedSession> = lock
            .build_query_as()
            .persistent(false)
            .fetch_all(&mut *tx)
            .await?;
        let pairs: Vec<(Uuid, Uuid)> = bookings
            .iter()
            .flat_map(|b| b.participants.iter().map(|p| (b.session, *p)))
            .collect();
        let mut held: HashSet<(Uuid, Uuid)> = HashSet::new();
        for rows in pairs.chunks(ROWS_PER_STATEMENT) {
            let mut query = QueryBuilder::new(
                "SELECT session_id, person_id FROM registrations
                 WHERE status <> 'cancelled' AND (session_id, person_id) IN (",
            );
            query.push_values(rows, |mut row, (session, person)| {
                row.push_bind(*session).push_bind(*person);
            });
            query.push(")");
            held.extend(
                query
                    .build_query_as::<(Uuid, Uuid)>()
                    .persistent(false)
                    .fetch_all(&mut *tx)
                    .await?,
            );
        }
        let plan = plan(bookings, locked, &held);
        for rows in plan.registrations.chunks(ROWS_PER_STATEMENT) {
            // Rows as `VALUES` in a common table expression: SQLite allows at most
            // 500 terms in a compound `SELECT`, but any number of `VALUES` rows.
            let mut insert = QueryBuilder::new(
                "WITH v (id, session_id, person_id, booked_by, status, ticket_code, waitlist_seq,
                         created_at) AS (",
            );
            insert.push_values(rows, |mut row, r| {
                row.push_bind(r.id)
                    .push_bind(r.session)
                    .push_bind(r.person)
                    .push_bind(r.booked_by)
                    .push_bind(r.status.key())
                    .push_bind(r.ticket.as_deref())
                    .push_bind(r.waitlist_seq)
                    .push_bind(r.now);
            });
            insert.push(
                ") INSERT INTO registrations (id, session_id, person_id, booked_by, status, ticket_code,
                                              waitlist_seq, created_at, updated_at, company_id)
                   SELECT v.id, v.session_id, v.person_id, v.booked_by, v.status, v.ticket_code,
                          v.waitlist_seq, v.created_at, v.created_at, ",
            );
            insert.push(COMPANY_OF_PARTICIPATION).push(" FROM v");
            insert.build().persistent(false).execute(&mut *tx).await?;
        }
        if !plan.added.is_empty() {
            let mut counters = QueryBuilder::new("WITH v (id, confirmed, waitlisted) AS (");
            counters.push_values(&plan.added, |mut row, (id, added)| {
                row.push_bind(*id)
                    .push_bind(added.confirmed)
                    .push_bind(added.waitlisted);
            });
            counters.push(
                ") UPDATE sessions SET confirmed_count = confirmed_count + v.confirmed,
                          waitlist_count = waitlist_count + v.waitlisted,
                          waitlist_next = waitlist_next + v.waitlisted
                   FROM v WHERE sessions.id = v.id",
            );
            counters.build().persistent(false).execute(&mut *tx).await?;
        }
        let mails: Vec<(OutgoingMail, i64)> = bookings
            .iter()
            .zip(&plan.outcomes)
            .flat_map(|(booking, outcome)| {
                let booked = outcome.as_ref().map(Vec::as_slice).unwrap_or_default();
                booked
                    .iter()
                    .filter_map(|b| (booking.mail)(b))
                    .map(|m| (m, booking.now.as_second()))
            })
            .collect();
        for rows in mails.chunks(ROWS_PER_STATEMENT) {
            let mut outbox = QueryBuilder::new(
                "INSERT INTO outbox (id, recipient, subject, text_body, html_body, ics, created_at, next_attempt_at) ",
            );
            outbox.push_values(rows, |mut row, (m, now)| {
                row.push_bind(Uuid::now_v7())
                    .push_bind(m.recipient.as_str())
                    .push_bind(m.subject.as_str())
                    .push_bind(m.text_body.as_str())
                    .push_bind(m.html_body.as_str())
                    .push_bind(m.ics.as_deref())
                    .push_bind(*now)
                    .push_bind(*now);
            });
            outbox.build().persistent(false).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(plan.outcomes)
    })
}
