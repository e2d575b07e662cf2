//! What calendar feeds and calendar files need: sessions with their offering and
//! place, and the secret addresses of personal feeds.

use crate::{Db, StoreResult, on_reader, on_writer};
use sqlx::FromRow;
use uuid::Uuid;

/// A session as a calendar entry.
#[derive(Debug, Clone, FromRow)]
pub struct CalendarEntry {
    /// The session.
    pub session_id: Uuid,
    /// The offering.
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: String,
    /// Start (epoch seconds).
    pub starts_at: i64,
    /// End (epoch seconds).
    pub ends_at: i64,
    /// Place name, if in person.
    pub place_name: Option<String>,
    /// Place address, if in person.
    pub place_address: Option<String>,
    /// `planned` or `cancelled`.
    pub status: String,
    /// The join link of an online session: only in entries for someone with a seat.
    pub join_link: Option<String>,
    /// How to dial in: only with the join link.
    pub dial_in: Option<String>,
}

/// The columns of an entry; `$join` decides when the join link and dial-in are part
/// of it (an SQL condition, `FALSE` for anybody's entries).
macro_rules! entry_select {
    ($join:literal) => {
        concat!(
            "SELECT s.id AS session_id, o.id AS offering_id, o.title, o.summary, s.starts_at, s.ends_at,
                pl.name AS place_name, pl.address AS place_address, s.status,
                CASE WHEN ", $join, " THEN s.online_link END AS join_link,
                CASE WHEN ", $join, " THEN s.dial_in END AS dial_in
         FROM sessions s JOIN offerings o ON o.id = s.offering_id
         LEFT JOIN places pl ON pl.id = s.place_id"
        )
    };
}

/// Sessions of offerings with `topic` that end after `from`, by start.
pub async fn topic_entries(db: &Db, topic: &str, from: i64) -> StoreResult<Vec<CalendarEntry>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(entry_select!("FALSE"),
            " WHERE s.ends_at > $2 AND o.withdrawn_at IS NULL
                AND EXISTS (SELECT 1 FROM offering_topics t WHERE t.offering_id = o.id AND t.topic = $1)
              ORDER BY s.starts_at LIMIT 1000"))
            .bind(topic)
            .bind(from)
            .fetch_all(pool)
            .await?
    }))
}

/// The sessions a person is registered for (confirmed, attended or waiting), with the
/// join link where they hold a seat.
pub async fn person_entries(db: &Db, person: Uuid) -> StoreResult<Vec<CalendarEntry>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(entry_select!(
                "EXISTS (SELECT 1 FROM registrations h WHERE h.session_id = s.id AND h.person_id = $1
                         AND h.status IN ('confirmed', 'attended'))"),
            " WHERE EXISTS (SELECT 1 FROM registrations r WHERE r.session_id = s.id AND r.person_id = $1
                            AND r.status IN ('confirmed', 'waitlisted', 'attended'))
              ORDER BY s.starts_at LIMIT 1000"))
            .bind(person)
            .fetch_all(pool)
            .await?
    }))
}

/// One session as a calendar entry for someone who holds a seat: with its join link.
pub async fn seat_entry(db: &Db, session: Uuid) -> StoreResult<Option<CalendarEntry>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(entry_select!("TRUE"), " WHERE s.id = $1"))
            .bind(session)
            .fetch_optional(pool)
            .await?
    }))
}

/// A session of a live offering as a calendar entry: what anybody may add to their
/// calendar from the offering's page.
pub async fn public_session_entry(db: &Db, session: Uuid) -> StoreResult<Option<CalendarEntry>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(entry_select!("FALSE"), " WHERE s.id = $1 AND o.withdrawn_at IS NULL"))
            .bind(session)
            .fetch_optional(pool)
            .await?
    }))
}

/// When a person's feed address was made, if they have one.
pub async fn feed_created(db: &Db, person: Uuid) -> StoreResult<Option<i64>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE person_id = $1")
            .bind(person)
            .fetch_optional(pool)
            .await?
    }))
}

/// Sets (or replaces, revoking the old one) a person's feed secret hash.
pub async fn set_feed(db: &Db, person: Uuid, secret_hash: &str, now: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO calendar_feeds (person_id, secret_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (person_id) DO UPDATE SET secret_hash = $2, created_at = $3",
        )
        .bind(person)
        .bind(secret_hash)
        .bind(now)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Revokes a person's feed.
pub async fn revoke_feed(db: &Db, person: Uuid) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("DELETE FROM calendar_feeds WHERE person_id = $1").bind(person).execute(pool).await?;
    });
    Ok(())
}

/// The person whose feed has this secret hash.
pub async fn feed_person(db: &Db, secret_hash: &str) -> StoreResult<Option<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT person_id FROM calendar_feeds WHERE secret_hash = $1")
            .bind(secret_hash)
            .fetch_optional(pool)
            .await?
    }))
}
