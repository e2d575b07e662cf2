//! "Benachrichtigen": requests to hear of new dates of an offering.

use super::*;

/// What asking for dates did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRequestOutcome {
    /// The request counts (confirmed now or earlier).
    Confirmed,
    /// The request waits for its address to be confirmed with the new secret.
    AwaitsConfirmation,
    /// The request waits for confirmation, and a mail went out less than ten minutes
    /// ago: no new secret, no new mail (nobody can flood an address this way).
    MailedRecently,
}

/// Seconds between two confirmation mails for the same request.
const RESEND_AFTER: i64 = 600;

/// Records that `email` wants to hear of new dates of `offering`, confirmed at once or
/// waiting for confirmation with the secret hashed as `secret_hash` (a pending
/// request gets the new secret, so only the latest mail's link works).
pub async fn request_dates(
    db: &Db,
    offering: Uuid,
    email: &str,
    language: &str,
    secret_hash: &str,
    confirmed: bool,
    now: i64,
) -> StoreResult<DateRequestOutcome> {
    let email = email.trim().to_lowercase();
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let existing: Option<(Uuid, Option<i64>)> = sqlx::query_as(
            "SELECT id, confirmed_at FROM date_requests WHERE offering_id = $1 AND email = $2",
        )
        .bind(offering)
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match existing {
            Some((_, Some(_))) => DateRequestOutcome::Confirmed,
            Some((id, None)) => {
                let updated = sqlx::query(
                    "UPDATE date_requests SET secret_hash = $2, confirmed_at = $3, mailed_at = $4
                     WHERE id = $1 AND ($5 OR mailed_at <= $4 - $6)",
                )
                .bind(id)
                .bind(secret_hash)
                .bind(confirmed.then_some(now))
                .bind(now)
                .bind(confirmed)
                .bind(RESEND_AFTER)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                match (confirmed, updated) {
                    (true, _) => DateRequestOutcome::Confirmed,
                    (false, 0) => DateRequestOutcome::MailedRecently,
                    (false, _) => DateRequestOutcome::AwaitsConfirmation,
                }
            }
            None => {
                sqlx::query(
                    "INSERT INTO date_requests (id, offering_id, email, language, secret_hash, confirmed_at, created_at, mailed_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(Uuid::now_v7())
                .bind(offering)
                .bind(&email)
                .bind(language)
                .bind(secret_hash)
                .bind(confirmed.then_some(now))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if confirmed { DateRequestOutcome::Confirmed } else { DateRequestOutcome::AwaitsConfirmation }
            }
        };
        tx.commit().await?;
        outcome
    }))
}

/// The request a link's secret belongs to: its offering and whether it is confirmed.
pub async fn date_request(db: &Db, secret_hash: &str) -> StoreResult<Option<(Uuid, bool)>> {
    let row: Option<(Uuid, Option<i64>)> = on_reader!(db, pool => {
        sqlx::query_as("SELECT offering_id, confirmed_at FROM date_requests WHERE secret_hash = $1")
            .bind(secret_hash)
            .fetch_optional(pool)
            .await?
    });
    Ok(row.map(|(offering, confirmed)| (offering, confirmed.is_some())))
}

/// Confirms the request of a link; its offering, or `None` for an unknown secret.
pub async fn confirm_date_request(
    db: &Db,
    secret_hash: &str,
    now: i64,
) -> StoreResult<Option<Uuid>> {
    Ok(on_writer!(db, pool => {
        sqlx::query_scalar(
            "UPDATE date_requests SET confirmed_at = COALESCE(confirmed_at, $2)
             WHERE secret_hash = $1 RETURNING offering_id",
        )
        .bind(secret_hash)
        .bind(now)
        .fetch_optional(pool)
        .await?
    }))
}

/// Removes the request of a link (unsubscribing); its offering, or `None` for an
/// unknown or used secret.
pub async fn remove_date_request(db: &Db, secret_hash: &str) -> StoreResult<Option<Uuid>> {
    Ok(on_writer!(db, pool => {
        sqlx::query_scalar("DELETE FROM date_requests WHERE secret_hash = $1 RETURNING offering_id")
            .bind(secret_hash)
            .fetch_optional(pool)
            .await?
    }))
}

/// How many confirmed requests wait for a date of `offering`.
pub async fn waiting_for_dates(db: &Db, offering: Uuid) -> StoreResult<i64> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM date_requests WHERE offering_id = $1 AND confirmed_at IS NOT NULL",
        )
        .bind(offering)
        .fetch_one(pool)
        .await?
    }))
}

/// The confirmed requests of `offering`: id, address and language.
pub async fn confirmed_date_requests(
    db: &Db,
    offering: Uuid,
) -> StoreResult<Vec<(Uuid, String, String)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT id, email, language FROM date_requests
             WHERE offering_id = $1 AND confirmed_at IS NOT NULL ORDER BY created_at",
        )
        .bind(offering)
        .fetch_all(pool)
        .await?
    }))
}

/// Gives a request a new link secret (each mail carries its own unsubscribe link).
pub async fn renew_date_request_secret(db: &Db, id: Uuid, secret_hash: &str) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("UPDATE date_requests SET secret_hash = $2 WHERE id = $1")
            .bind(id)
            .bind(secret_hash)
            .execute(pool)
            .await?;
    });
    Ok(())
}
