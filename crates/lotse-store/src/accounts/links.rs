//! One-time e-mail links (confirmation, password reset, invitation), stored as hashes.

use super::*;

/// What a one-time e-mail link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Confirm an e-mail address.
    Confirm,
    /// Set a new password.
    Reset,
    /// Join a company.
    Invite,
}

impl LinkPurpose {
    fn key(self) -> &'static str {
        match self {
            LinkPurpose::Confirm => "confirm",
            LinkPurpose::Reset => "reset",
            LinkPurpose::Invite => "invite",
        }
    }
}

/// What a used link carried.
#[derive(Debug, Clone, FromRow)]
pub struct UsedLink {
    /// The person, for confirm and reset.
    pub person_id: Option<Uuid>,
    /// The address it was sent to.
    pub email: String,
    /// The company, for invitations.
    pub company_id: Option<Uuid>,
}

/// Stores a one-time link.
#[allow(clippy::too_many_arguments)]
pub async fn create_link(
    db: &Db,
    token_hash: &str,
    purpose: LinkPurpose,
    person_id: Option<Uuid>,
    email: &str,
    company_id: Option<Uuid>,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO email_links (token_hash, purpose, person_id, email, company_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(token_hash)
        .bind(purpose.key())
        .bind(person_id)
        .bind(email)
        .bind(company_id)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Uses a link once: returns what it carried if it exists, has this purpose, is
/// unused and unexpired; marks it used in the same statement, so a link works once
/// even when two requests race.
pub async fn use_link(
    db: &Db,
    token_hash: &str,
    purpose: LinkPurpose,
    now: i64,
) -> StoreResult<Option<UsedLink>> {
    Ok(on_writer!(db, pool => {
        sqlx::query_as(
            "UPDATE email_links SET used_at = $3
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING person_id, email, company_id",
        )
        .bind(token_hash)
        .bind(purpose.key())
        .bind(now)
        .fetch_optional(pool)
        .await?
    }))
}

/// What a live link carries, without using it up.
pub async fn peek_link(
    db: &Db,
    token_hash: &str,
    purpose: LinkPurpose,
    now: i64,
) -> StoreResult<Option<UsedLink>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT person_id, email, company_id FROM email_links
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(purpose.key())
        .bind(now)
        .fetch_optional(pool)
        .await?
    }))
}
