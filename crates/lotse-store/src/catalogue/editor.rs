//! Changing the catalogue: offerings created, replaced and withdrawn, sessions
//! scheduled and called off.

use super::*;

/// Why a catalogue change was refused by the database.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// A referenced partner or place does not exist.
    #[error("a referenced partner or place does not exist")]
    MissingReference,
    /// The offering would stop counting toward qualifications while it is a module of
    /// the qualification with this title.
    #[error("the offering is a module of the qualification {0}")]
    StillInQualification(String),
    /// Anything else.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for EditError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => EditError::MissingReference,
            _ => EditError::Store(StoreError::Query(e)),
        }
    }
}

/// Creates an offering.
pub async fn create_offering(
    db: &Db,
    id: Uuid,
    offering: &NewOffering,
    now: Timestamp,
) -> Result<(), EditError> {
    let now = now.as_second();
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        insert_offering!(tx, &id, offering, now);
        tx.commit().await?;
    });
    Ok(())
}

/// Replaces every field of an offering; `false` if there is no such offering.
pub async fn replace_offering(
    db: &Db,
    id: Uuid,
    o: &NewOffering,
    now: Timestamp,
) -> Result<bool, EditError> {
    let now = now.as_second();
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        if !o.counts_for_qualifications {
            // Checked in the writing transaction so no qualification can take the
            // module in between.
            let naming: Option<String> = sqlx::query_scalar(
                "SELECT q.title FROM qualification_modules m JOIN qualifications q ON q.id = m.qualification_id
                 WHERE m.offering_id = $1 ORDER BY q.title LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(title) = naming {
                return Err(EditError::StillInQualification(title));
            }
        }
        let updated = update_offering!(tx, id, o, now);
        tx.commit().await?;
        updated
    }))
}

/// The partner an offering belongs to, if the offering exists and was not withdrawn.
pub async fn offering_partner(db: &Db, id: Uuid) -> StoreResult<Option<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT partner_id FROM offerings WHERE id = $1 AND withdrawn_at IS NULL")
            .bind(id)
            .fetch_optional(pool)
            .await?
    }))
}

/// Withdraws an offering: it leaves the catalogue and its planned sessions are
/// cancelled, in one transaction. Returns how many sessions were cancelled, or `None`
/// if there was no such offering in the catalogue.
pub async fn withdraw_offering(db: &Db, id: Uuid, now: Timestamp) -> StoreResult<Option<u64>> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let withdrawn = sqlx::query("UPDATE offerings SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL")
            .bind(id)
            .bind(now.as_second())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if withdrawn == 1 {
            let cancelled = sqlx::query("UPDATE sessions SET status = 'cancelled' WHERE offering_id = $1 AND status = 'planned'")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Some(cancelled)
        } else {
            None
        }
    }))
}

/// Schedules a session.
pub async fn create_session(
    db: &Db,
    id: Uuid,
    session: &NewSession,
    now: Timestamp,
) -> Result<(), EditError> {
    let now = now.as_second();
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        insert_session!(tx, &id, session, now);
        tx.commit().await?;
    });
    Ok(())
}

/// The offering and partner a session belongs to, if the session exists.
pub async fn session_owner(db: &Db, id: Uuid) -> StoreResult<Option<(Uuid, Uuid)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT s.offering_id, o.partner_id FROM sessions s JOIN offerings o ON o.id = s.offering_id WHERE s.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    }))
}

/// A session's offering title, start and end (epoch seconds), for headings.
pub async fn session_heading(db: &Db, id: Uuid) -> StoreResult<Option<(String, i64, i64)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT o.title, s.starts_at, s.ends_at FROM sessions s
             JOIN offerings o ON o.id = s.offering_id WHERE s.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    }))
}

/// Calls a session off; `false` if it was cancelled already.
///
/// The catalogue version is moved first, before the session row is locked: withdrawing
/// an offering takes the version (through its trigger) and then the sessions, and the
/// opposite order here could deadlock the two on PostgreSQL.
pub async fn cancel_session(db: &Db, id: Uuid) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        sqlx::query("UPDATE catalogue_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let cancelled = sqlx::query(
            "UPDATE sessions SET status = 'cancelled' WHERE id = $1 AND status = 'planned'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        tx.commit().await?;
        cancelled
    }))
}

/// A planned session's place, join link and dial-in; `None` if there is no planned
/// session with this id.
pub async fn session_access(
    db: &Db,
    id: Uuid,
) -> StoreResult<Option<(Option<Uuid>, Option<String>, Option<String>)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT place_id, online_link, dial_in FROM sessions WHERE id = $1 AND status = 'planned'",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    }))
}

/// Sets a planned session's join link and dial-in; `false` if it is no longer planned.
pub async fn set_online_access(
    db: &Db,
    id: Uuid,
    venue: &lotse_core::catalogue::Venue,
    dial_in: Option<&lotse_core::text::Prose<500>>,
) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query(
            "UPDATE sessions SET online_link = $2, dial_in = $3 WHERE id = $1 AND status = 'planned'",
        )
        .bind(id)
        .bind(venue.online_link.as_ref().map(|l| l.as_str().to_owned()))
        .bind(dial_in.map(|d| d.as_str().to_owned()))
        .execute(pool)
        .await?
        .rows_affected()
            == 1
    }))
}
