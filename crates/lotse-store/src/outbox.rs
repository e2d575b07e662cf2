//! The mail outbox: mails are written in the same transaction as what caused them
//! and sent by a background sender, with retries and backoff, exactly once even with
//! several `lotse serve` processes.

use crate::{Db, StoreResult, on_writer};
use sqlx::FromRow;
use uuid::Uuid;

/// A mail to send.
#[derive(Debug, Clone, FromRow)]
#[allow(missing_docs)]
pub struct Mail {
    pub id: Uuid,
    /// Recipient address.
    pub recipient: String,
    pub subject: String,
    /// Plain-text body.
    pub text_body: String,
    pub html_body: String,
    /// A calendar file to attach, if any.
    pub ics: Option<String>,
    /// Where the recipient unsubscribes in one click (RFC 8058), if the mail is one of
    /// a list.
    pub list_unsubscribe: Option<String>,
    /// Attempts so far.
    pub attempts: i64,
}

/// A mail to queue within a transaction of its cause (see
/// [`crate::booking::register`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct OutgoingMail {
    /// Recipient address.
    pub recipient: String,
    pub subject: String,
    /// Plain-text body.
    pub text_body: String,
    pub html_body: String,
    /// A calendar file to attach, if any.
    pub ics: Option<String>,
}

/// Inserts a mail: id, recipient, subject, text, HTML, calendar file, now.
pub(crate) const ENQUEUE: &str = "INSERT INTO outbox (id, recipient, subject, text_body, html_body, ics, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)";

/// Queues a mail.
pub async fn enqueue(
    db: &Db,
    recipient: &str,
    subject: &str,
    text_body: &str,
    html_body: &str,
    now: i64,
) -> StoreResult<Uuid> {
    enqueue_with(db, recipient, subject, text_body, html_body, None, now).await
}

/// Queues a mail with an optional calendar file.
pub async fn enqueue_with(
    db: &Db,
    recipient: &str,
    subject: &str,
    text_body: &str,
    html_body: &str,
    ics: Option<&str>,
    now: i64,
) -> StoreResult<Uuid> {
    let id = Uuid::now_v7();
    on_writer!(db, pool => {
        sqlx::query(ENQUEUE)
        .bind(id)
        .bind(recipient)
        .bind(subject)
        .bind(text_body)
        .bind(html_body)
        .bind(ics)
        .bind(now)
        .execute(pool)
        .await?;
    });
    Ok(id)
}

/// Queues a mail of a list: with the address where its recipient unsubscribes in one
/// click.
pub async fn enqueue_listed(
    db: &Db,
    recipient: &str,
    subject: &str,
    text_body: &str,
    html_body: &str,
    list_unsubscribe: &str,
    now: i64,
) -> StoreResult<Uuid> {
    let id = Uuid::now_v7();
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO outbox (id, recipient, subject, text_body, html_body, list_unsubscribe, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(id)
        .bind(recipient)
        .bind(subject)
        .bind(text_body)
        .bind(html_body)
        .bind(list_unsubscribe)
        .bind(now)
        .execute(pool)
        .await?;
    });
    Ok(id)
}

/// Claims up to `limit` due mails for `lease` seconds. A claimed mail is invisible to
/// other senders until the lease runs out, so a sender that dies mid-way only delays
/// its mails.
pub async fn claim_due(db: &Db, now: i64, limit: i64, lease: i64) -> StoreResult<Vec<Mail>> {
    Ok(on_writer!(db, pool => {
        sqlx::query_as(
            "UPDATE outbox SET claimed_until = $3
             WHERE id IN (SELECT id FROM outbox
                          WHERE sent_at IS NULL AND next_attempt_at <= $1
                            AND (claimed_until IS NULL OR claimed_until < $1)
                          ORDER BY next_attempt_at LIMIT $2)
               AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $1)
             RETURNING id, recipient, subject, text_body, html_body, ics, list_unsubscribe, attempts",
        )
        .bind(now)
        .bind(limit)
        .bind(now + lease)
        .fetch_all(pool)
        .await?
    }))
}

/// Marks mails sent, all in one statement (one turn of the writer per batch rather
/// than per mail).
pub async fn mark_sent(db: &Db, ids: &[Uuid], now: i64) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    on_writer!(db, pool => {
        let mut query = sqlx::QueryBuilder::new("UPDATE outbox SET sent_at = ");
        query.push_bind(now);
        query.push(", claimed_until = NULL, attempts = attempts + 1 WHERE id IN (");
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        query.push(")");
        query.build().execute(pool).await?;
    });
    Ok(())
}

/// Notes a failed attempt and when to try again.
pub async fn mark_failed(db: &Db, id: Uuid, error: &str, next_attempt_at: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, claimed_until = NULL
             WHERE id = $1",
        )
        .bind(id)
        .bind(error)
        .bind(next_attempt_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Mails not sent yet.
pub async fn pending_count(db: &Db) -> StoreResult<i64> {
    Ok(crate::on_reader!(db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(pool).await?
    }))
}
