//! Sign-in sessions and personal API tokens, stored as hashes of their secrets.

use super::*;

/// Timeouts of sign-in sessions.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Seconds without a request after which a session ends.
    pub idle_seconds: i64,
    /// Seconds after sign-in after which a session ends regardless.
    pub absolute_seconds: i64,
}

/// Starts a sign-in session.
pub async fn create_session(
    db: &Db,
    id_hash: &str,
    person_id: Uuid,
    limits: SessionLimits,
    ip: &str,
    user_agent: &str,
    now: i64,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO auth_sessions (id_hash, person_id, created_at, last_seen_at, expires_at, ip, user_agent)
             VALUES ($1, $2, $3, $3, $4, $5, $6)",
        )
        .bind(id_hash)
        .bind(person_id)
        .bind(now)
        .bind(now + limits.absolute_seconds)
        .bind(ip)
        .bind(user_agent)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Ends one session.
pub async fn delete_session(db: &Db, id_hash: &str) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("DELETE FROM auth_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Ends every session of a person except `keep`; returns how many ended.
pub async fn delete_sessions_of(db: &Db, person_id: Uuid, keep: Option<&str>) -> StoreResult<u64> {
    Ok(on_writer!(db, pool => {
        sqlx::query("DELETE FROM auth_sessions WHERE person_id = $1 AND ($2 IS NULL OR id_hash <> $2)")
            .bind(person_id)
            .bind(keep)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}

/// A sign-in session as the account page lists it (without its id).
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct SessionInfo {
    /// Started.
    pub created_at: i64,
    /// Last request.
    pub last_seen_at: i64,
    /// Address it started from.
    pub ip: String,
    /// Browser.
    pub user_agent: String,
    /// Its hash, to mark the current one; never sent to clients.
    #[serde(skip)]
    pub id_hash: String,
}

/// The live sessions of a person, newest first.
pub async fn sessions_of(db: &Db, person_id: Uuid) -> StoreResult<Vec<SessionInfo>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT created_at, last_seen_at, ip, user_agent, id_hash FROM auth_sessions
             WHERE person_id = $1 ORDER BY created_at DESC",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?
    }))
}

/// A personal API token as listed (without the token).
#[derive(Debug, Clone, FromRow, Serialize)]
#[allow(missing_docs)]
pub struct TokenInfo {
    pub id: Uuid,
    /// Name the person gave it.
    pub name: String,
    /// Created.
    pub created_at: i64,
    /// Last used.
    pub last_used_at: Option<i64>,
}

/// Stores a new token.
pub async fn create_token(
    db: &Db,
    person_id: Uuid,
    name: &str,
    token_hash: &str,
    now: i64,
) -> StoreResult<Uuid> {
    let id = Uuid::now_v7();
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO api_tokens (id, person_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(person_id)
        .bind(name)
        .bind(token_hash)
        .bind(now)
        .execute(pool)
        .await?;
    });
    Ok(id)
}

/// Revokes a token of the person; `false` if the person has no such live token.
pub async fn revoke_token(db: &Db, person_id: Uuid, id: Uuid, now: i64) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query("UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL")
            .bind(id)
            .bind(person_id)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected()
            == 1
    }))
}

/// The live tokens of a person.
pub async fn tokens_of(db: &Db, person_id: Uuid) -> StoreResult<Vec<TokenInfo>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT id, name, created_at, last_used_at FROM api_tokens
             WHERE person_id = $1 AND revoked_at IS NULL ORDER BY created_at",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?
    }))
}
