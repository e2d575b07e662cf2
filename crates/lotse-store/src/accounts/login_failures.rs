//! Failed sign-ins, counted per account and per address to pause sign-in. The
//! account's address is kept only as a hash.

use super::*;
use sha2::{Digest, Sha256};

/// The SHA-256 of an address, as the failures are counted by.
pub(super) fn address_hash(email: &str) -> String {
    Sha256::digest(email.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Records a failed sign-in.
pub async fn record_login_failure(db: &Db, email: &str, ip: &str, now: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("INSERT INTO login_failures (id, email_hash, ip, at) VALUES ($1, $2, $3, $4)")
            .bind(Uuid::now_v7())
            .bind(address_hash(email))
            .bind(ip)
            .bind(now)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Failed sign-ins since `since` for the address and from the IP address.
pub async fn recent_login_failures(
    db: &Db,
    email: &str,
    ip: &str,
    since: i64,
) -> StoreResult<(i64, i64)> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM login_failures WHERE email_hash = $1 AND at >= $3),
                    (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND at >= $3)",
        )
        .bind(address_hash(email))
        .bind(ip)
        .bind(since)
        .fetch_one(pool)
        .await?
    }))
}

/// Forgets failed sign-ins of an address after a successful one, and old entries.
pub async fn clear_login_failures(db: &Db, email: &str, older_than: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("DELETE FROM login_failures WHERE email_hash = $1 OR at < $2")
            .bind(address_hash(email))
            .bind(older_than)
            .execute(pool)
            .await?;
    });
    Ok(())
}
