//! Webhooks: subscriptions, the events triggers record (migration 0013), and their
//! deliveries with retries, exactly once per event and subscription even with
//! several `lotse serve` processes.

use crate::{Db, StoreResult, on_reader, on_writer};
use sqlx::FromRow;
use uuid::Uuid;

/// The event types a subscription may choose.
pub const EVENT_TYPES: [&str; 7] = [
    "registration.created",
    "registration.cancelled",
    "registration.promoted",
    "checkin.created",
    "session.cancelled",
    "session.changed",
    "credential.issued",
];

/// Rows per multi-row statement (six parameters each, well under SQLite's limit).
const ROWS_PER_STATEMENT: usize = 500;

/// The type of the event the "send a test event" button sends.
pub const TEST_EVENT: &str = "webhook.test";

/// A subscription.
#[derive(Debug, Clone, FromRow)]
pub struct Webhook {
    /// Its id.
    pub id: Uuid,
    /// The person who made it; only they see and change it.
    pub owner_id: Uuid,
    /// The partner whose offerings it hears about; `None`: every partner's.
    pub partner_id: Option<Uuid>,
    /// Where deliveries go.
    pub url: String,
    /// `whsec_…`, the signing secret.
    pub secret: String,
    /// Event types, separated by spaces.
    pub events: String,
    /// Whether deliveries go out; switched off after too many failures in a row.
    pub active: bool,
    /// Failed attempts since the last delivered one.
    pub failures_in_a_row: i64,
    /// When it was switched off for failures (epoch seconds).
    pub disabled_at: Option<i64>,
    /// Epoch seconds.
    pub created_at: i64,
}

impl Webhook {
    /// The chosen event types.
    pub fn event_types(&self) -> Vec<&str> {
        self.events.split_whitespace().collect()
    }
}

/// Adds a subscription.
pub async fn create(db: &Db, hook: &Webhook) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO webhooks (id, owner_id, partner_id, url, secret, events, active, failures_in_a_row, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
        )
        .bind(hook.id)
        .bind(hook.owner_id)
        .bind(hook.partner_id)
        .bind(&hook.url)
        .bind(&hook.secret)
        .bind(&hook.events)
        .bind(hook.active)
        .bind(hook.created_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

macro_rules! webhook_select {
    () => {
        "SELECT id, owner_id, partner_id, url, secret, events, active, failures_in_a_row, disabled_at, created_at FROM webhooks"
    };
}

/// A person's subscriptions, newest first.
pub async fn of_owner(db: &Db, owner: Uuid) -> StoreResult<Vec<Webhook>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(webhook_select!(), " WHERE owner_id = $1 ORDER BY created_at DESC, id")).bind(owner).fetch_all(pool).await?
    }))
}

/// One of a person's subscriptions; another person's is not found.
pub async fn owned(db: &Db, owner: Uuid, id: Uuid) -> StoreResult<Option<Webhook>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(webhook_select!(), " WHERE id = $1 AND owner_id = $2")).bind(id).bind(owner).fetch_optional(pool).await?
    }))
}

/// Removes one of a person's subscriptions, its delivery log with it (the foreign
/// key cascades); `false` if there is no such subscription of theirs.
pub async fn delete(db: &Db, owner: Uuid, id: Uuid) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query("DELETE FROM webhooks WHERE id = $1 AND owner_id = $2")
            .bind(id).bind(owner).execute(pool).await?.rows_affected() == 1
    }))
}

/// Switches one of a person's subscriptions on again (deliveries still waiting go
/// out) or off; `false` if there is no such subscription of theirs.
pub async fn set_active(db: &Db, owner: Uuid, id: Uuid, active: bool) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query(
            "UPDATE webhooks SET active = $3, failures_in_a_row = 0, disabled_at = NULL
             WHERE id = $1 AND owner_id = $2",
        )
        .bind(id).bind(owner).bind(active)
        .execute(pool).await?.rows_affected() == 1
    }))
}

/// An event as a trigger recorded it.
#[derive(Debug, Clone, FromRow)]
struct EventRow {
    id: i64,
    #[sqlx(rename = "type")]
    kind: String,
    partner_id: Option<Uuid>,
    offering_id: Option<Uuid>,
    session_id: Option<Uuid>,
    registration_id: Option<Uuid>,
    credential_id: Option<Uuid>,
    status: Option<String>,
    occurred_at: i64,
}

impl EventRow {
    /// The delivery's body: `{type, timestamp, data}` with ids and the status, never
    /// who registered.
    fn payload(&self) -> String {
        let mut data = serde_json::Map::new();
        for (name, id) in [
            ("registration_id", self.registration_id),
            ("credential_id", self.credential_id),
            ("session_id", self.session_id),
            ("offering_id", self.offering_id),
            ("partner_id", self.partner_id),
        ] {
            if let Some(id) = id {
                data.insert(name.into(), serde_json::json!(id));
            }
        }
        if let Some(status) = &self.status {
            data.insert("status".into(), serde_json::json!(status));
        }
        body(
            &self.kind,
            self.occurred_at,
            serde_json::Value::Object(data),
        )
    }
}

/// A Standard Webhooks body.
fn body(kind: &str, at: i64, data: serde_json::Value) -> String {
    let timestamp = jiff::Timestamp::from_second(at)
        .map(|t| t.to_string())
        .unwrap_or_default();
    serde_json::json!({ "type": kind, "timestamp": timestamp, "data": data }).to_string()
}

/// An active subscription whose owner still holds the role it needs.
#[derive(Debug, Clone, FromRow)]
struct Listener {
    id: Uuid,
    partner_id: Option<Uuid>,
    events: String,
}

/// Turns up to `limit` recorded events into deliveries for the subscriptions that may
/// see them, in one transaction; returns how many events it took.
///
/// A subscription hears an event when it chose its type, covers the event's partner
/// (or every partner), and its owner still holds the role: staff, or an editor of
/// that partner. Claiming with `UPDATE … RETURNING` makes concurrent processes take
/// disjoint events.
pub async fn dispatch(db: &Db, now: i64, limit: i64) -> StoreResult<usize> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let mut events: Vec<EventRow> = sqlx::query_as(
            "UPDATE webhook_events SET dispatched_at = $1
             WHERE id IN (SELECT id FROM webhook_events WHERE dispatched_at IS NULL ORDER BY id LIMIT $2)
               AND dispatched_at IS NULL
             RETURNING id, type, partner_id, offering_id, session_id, registration_id, credential_id, status, occurred_at",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        if !events.is_empty() {
            let listeners: Vec<Listener> = sqlx::query_as(
                "SELECT w.id, w.partner_id, w.events FROM webhooks w
                 WHERE w.active AND (
                     EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = w.owner_id AND m.role = 'staff')
                     OR (w.partner_id IS NOT NULL AND EXISTS (
                         SELECT 1 FROM memberships m WHERE m.person_id = w.owner_id
                             AND m.role = 'partner_editor' AND m.partner_id = w.partner_id)))",
            )
            .fetch_all(&mut *tx)
            .await?;
            events.sort_by_key(|e| e.id);
            let mut rows: Vec<(Uuid, Uuid, &str, String)> = Vec::new();
            for event in &events {
                for listener in &listeners {
                    let chosen = listener.events.split_whitespace().any(|t| t == event.kind);
                    let covered = listener.partner_id.is_none() || listener.partner_id == event.partner_id;
                    if chosen && covered {
                        rows.push((Uuid::now_v7(), listener.id, &event.kind, event.payload()));
                    }
                }
            }
            // Many rows per statement: the writer is shared with bookings.
            for chunk in rows.chunks(ROWS_PER_STATEMENT) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO webhook_deliveries (id, webhook_id, type, payload, created_at, next_attempt_at) ",
                );
                insert.push_values(chunk, |mut row, (id, webhook, kind, payload)| {
                    row.push_bind(*id)
                        .push_bind(*webhook)
                        .push_bind(*kind)
                        .push_bind(payload.as_str())
                        .push_bind(now)
                        .push_bind(now);
                });
                insert.build().execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        events.len()
    }))
}

/// Queues a test event for one of a person's subscriptions; `None` if there is no
/// such subscription of theirs.
pub async fn queue_test(db: &Db, owner: Uuid, id: Uuid, now: i64) -> StoreResult<Option<Uuid>> {
    let delivery = Uuid::now_v7();
    let payload = body(TEST_EVENT, now, serde_json::json!({ "webhook_id": id }));
    Ok(on_writer!(db, pool => {
        let queued = sqlx::query(
            "INSERT INTO webhook_deliveries (id, webhook_id, type, payload, created_at, next_attempt_at)
             SELECT $1, id, $3, $4, $5, $5 FROM webhooks WHERE id = $2 AND owner_id = $6",
        )
        .bind(delivery)
        .bind(id)
        .bind(TEST_EVENT)
        .bind(&payload)
        .bind(now)
        .bind(owner)
        .execute(pool)
        .await?
        .rows_affected() == 1;
        queued.then_some(delivery)
    }))
}

/// A delivery to attempt now.
#[derive(Debug, Clone, FromRow)]
pub struct DueDelivery {
    /// The delivery: also the `webhook-id` header, the same on every attempt.
    pub id: Uuid,
    /// Its subscription.
    pub webhook_id: Uuid,
    /// Where to send it.
    pub url: String,
    /// The subscription's signing secret.
    pub secret: String,
    /// The JSON body.
    pub payload: String,
    /// Attempts so far.
    pub attempts: i64,
}

/// Claims up to `limit` due deliveries of active subscriptions for `lease` seconds,
/// as the mail outbox does.
pub async fn claim_due(db: &Db, now: i64, limit: i64, lease: i64) -> StoreResult<Vec<DueDelivery>> {
    #[derive(FromRow)]
    struct Claimed {
        id: Uuid,
        webhook_id: Uuid,
        payload: String,
        attempts: i64,
    }
    #[derive(FromRow)]
    struct Target {
        id: Uuid,
        url: String,
        secret: String,
    }
    let (claimed, targets): (Vec<Claimed>, Vec<Target>) = on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let claimed: Vec<Claimed> = sqlx::query_as(
            "UPDATE webhook_deliveries SET claimed_until = $3
             WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                          WHERE d.delivered_at IS NULL AND d.given_up_at IS NULL AND w.active
                            AND d.next_attempt_at <= $1
                            AND (d.claimed_until IS NULL OR d.claimed_until < $1)
                          ORDER BY d.next_attempt_at LIMIT $2)
               AND delivered_at IS NULL AND given_up_at IS NULL
               AND (claimed_until IS NULL OR claimed_until < $1)
             RETURNING id, webhook_id, payload, attempts",
        )
        .bind(now)
        .bind(limit)
        .bind(now + lease)
        .fetch_all(&mut *tx)
        .await?;
        let targets: Vec<Target> = if claimed.is_empty() {
            Vec::new()
        } else {
            let mut select = sqlx::QueryBuilder::new("SELECT id, url, secret FROM webhooks WHERE id IN (");
            let mut list = select.separated(", ");
            let mut seen = std::collections::BTreeSet::new();
            for c in &claimed {
                if seen.insert(c.webhook_id) {
                    list.push_bind(c.webhook_id);
                }
            }
            select.push(")");
            select.build_query_as().fetch_all(&mut *tx).await?
        };
        tx.commit().await?;
        (claimed, targets)
    });
    Ok(claimed
        .into_iter()
        .filter_map(|c| {
            let target = targets.iter().find(|t| t.id == c.webhook_id)?;
            Some(DueDelivery {
                id: c.id,
                webhook_id: c.webhook_id,
                url: target.url.clone(),
                secret: target.secret.clone(),
                payload: c.payload,
                attempts: c.attempts,
            })
        })
        .collect())
}

/// Records delivered attempts, `(delivery, HTTP status)`, in one transaction; their
/// subscriptions' failures in a row start again.
pub async fn mark_delivered(db: &Db, delivered: &[(Uuid, i64)], now: i64) -> StoreResult<()> {
    if delivered.is_empty() {
        return Ok(());
    }
    let mut by_status: std::collections::BTreeMap<i64, Vec<Uuid>> = Default::default();
    for (id, status) in delivered {
        by_status.entry(*status).or_default().push(*id);
    }
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        for (status, ids) in &by_status {
            for chunk in ids.chunks(ROWS_PER_STATEMENT) {
                let mut update = sqlx::QueryBuilder::new("UPDATE webhook_deliveries SET delivered_at = ");
                update.push_bind(now);
                update.push(", last_status = ");
                update.push_bind(*status);
                update.push(", last_error = NULL, attempts = attempts + 1, claimed_until = NULL WHERE id IN (");
                let mut list = update.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                update.push(")");
                update.build().execute(&mut *tx).await?;
                let mut reset = sqlx::QueryBuilder::new(
                    "UPDATE webhooks SET failures_in_a_row = 0 WHERE failures_in_a_row > 0 AND id IN (SELECT webhook_id FROM webhook_deliveries WHERE id IN (",
                );
                let mut list = reset.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                reset.push("))");
                reset.build().execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
    });
    Ok(())
}

/// What a failed attempt leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureOutcome {
    /// Set when this failure switched the subscription off: its owner's address,
    /// name and language, and its URL, for the mail that says so.
    pub switched_off: Option<SwitchedOff>,
}

/// A subscription switched off for failures, and whom to tell.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SwitchedOff {
    /// The owner's address.
    pub email: String,
    /// The owner's name.
    pub name: String,
    /// `de` or `en`.
    pub language: String,
    /// The subscription's URL.
    pub url: String,
}

/// Records a failed attempt: tried again at `next_attempt_at`, or given up when that
/// is `None`. The subscription is switched off once `switch_off_after` attempts in a
/// row have failed.
pub async fn mark_failed(
    db: &Db,
    id: Uuid,
    status: Option<i64>,
    error: &str,
    next_attempt_at: Option<i64>,
    now: i64,
    switch_off_after: i64,
) -> StoreResult<FailureOutcome> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        sqlx::query(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $2, last_error = $3,
                 next_attempt_at = COALESCE($4, next_attempt_at),
                 given_up_at = CASE WHEN $4 IS NULL THEN $5 ELSE NULL END,
                 claimed_until = NULL
             WHERE id = $1",
        )
        .bind(id).bind(status).bind(error).bind(next_attempt_at).bind(now)
        .execute(&mut *tx).await?;
        let switched_off: Option<SwitchedOff> = sqlx::query_as(
            "UPDATE webhooks SET failures_in_a_row = failures_in_a_row + 1,
                 active = CASE WHEN failures_in_a_row + 1 >= $2 THEN FALSE ELSE active END,
                 disabled_at = CASE WHEN failures_in_a_row + 1 >= $2 AND active THEN $3 ELSE disabled_at END
             WHERE id = (SELECT webhook_id FROM webhook_deliveries WHERE id = $1)
             RETURNING (SELECT email FROM people WHERE id = owner_id) AS email,
                       (SELECT name FROM people WHERE id = owner_id) AS name,
                       (SELECT language FROM people WHERE id = owner_id) AS language,
                       url, COALESCE(disabled_at = $3, FALSE) AS just_now",
        )
        .bind(id).bind(switch_off_after).bind(now)
        .fetch_optional(&mut *tx).await?
        .and_then(|row: SwitchedOffRow| row.just_now.then_some(row.who));
        tx.commit().await?;
        FailureOutcome { switched_off }
    }))
}

#[derive(FromRow)]
struct SwitchedOffRow {
    #[sqlx(flatten)]
    who: SwitchedOff,
    just_now: bool,
}

/// A delivery in the log.
#[derive(Debug, Clone, FromRow)]
pub struct DeliveryLogEntry {
    /// The delivery (the `webhook-id` header).
    pub id: Uuid,
    /// The event type.
    #[sqlx(rename = "type")]
    pub kind: String,
    /// When it was queued (epoch seconds).
    pub created_at: i64,
    /// Attempts so far.
    pub attempts: i64,
    /// When the receiver took it.
    pub delivered_at: Option<i64>,
    /// When the last attempt failed for good.
    pub given_up_at: Option<i64>,
    /// The next attempt, while it is waiting.
    pub next_attempt_at: i64,
    /// The receiver's last HTTP status.
    pub last_status: Option<i64>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

/// The newest `limit` deliveries of one of a person's subscriptions.
pub async fn log(db: &Db, owner: Uuid, id: Uuid, limit: i64) -> StoreResult<Vec<DeliveryLogEntry>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT d.id, d.type, d.created_at, d.attempts, d.delivered_at, d.given_up_at,
                    d.next_attempt_at, d.last_status, d.last_error
             FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
             WHERE d.webhook_id = $1 AND w.owner_id = $2
             ORDER BY d.created_at DESC, d.id DESC LIMIT $3",
        )
        .bind(id).bind(owner).bind(limit)
        .fetch_all(pool).await?
    }))
}
