//! The acting person of a request: who a session cookie or an API token belongs to,
//! with their memberships, read in one query. When a session or token was last used
//! is written later in batches ([`Touches`]), so that reading who acts never waits
//! for the writer.

use crate::accounts::{MembershipView, Person, SessionLimits, delete_session};
use crate::{Db, StoreError, StoreResult, on_reader, on_writer};
use lotse_core::accounts::{Membership, Role, Scope};
use sqlx::FromRow;
use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

/// A signed-in person as a request sees them.
#[derive(Debug, Clone)]
pub struct Acting {
    /// The person.
    pub person: Person,
    /// Their memberships with organization names, oldest first.
    pub memberships: Vec<MembershipView>,
}

/// One row per membership (or one without), the person repeated.
#[derive(FromRow)]
struct ActingRow {
    id: Uuid,
    email: String,
    name: String,
    password_hash: Option<String>,
    email_confirmed_at: Option<i64>,
    language: String,
    created_at: i64,
    erased_at: Option<i64>,
    last_touched: Option<i64>,
    expires_at: Option<i64>,
    role: Option<String>,
    company_id: Option<Uuid>,
    partner_id: Option<Uuid>,
    organization: Option<String>,
}

/// The person's columns, the credential's times and the memberships; `{credential}`
/// is the join that finds the person, filtered by `$1`.
macro_rules! acting_select {
    ($credential:literal) => {
        concat!(
            "SELECT p.id, p.email, p.name, p.password_hash, p.email_confirmed_at, p.language,
                    p.created_at, p.erased_at, ",
            $credential,
            " LEFT JOIN memberships m ON m.person_id = p.id
              LEFT JOIN companies c ON c.id = m.company_id
              LEFT JOIN partners pa ON pa.id = m.partner_id
              ORDER BY m.created_at, m.role"
        )
    };
}

const BY_TOKEN: &str = acting_select!(
    "t.last_used_at AS last_touched, NULL AS expires_at,
     m.role, m.company_id, m.partner_id, COALESCE(c.name, pa.name) AS organization
     FROM (SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL) t
     JOIN people p ON p.id = t.person_id AND p.erased_at IS NULL"
);

const BY_SESSION: &str = acting_select!(
    "s.last_seen_at AS last_touched, s.expires_at AS expires_at,
     m.role, m.company_id, m.partner_id, COALESCE(c.name, pa.name) AS organization
     FROM (SELECT * FROM auth_sessions WHERE id_hash = $1) s
     JOIN people p ON p.id = s.person_id AND p.erased_at IS NULL"
);

/// The acting person with when their credential was last touched and when it expires.
type Found = (Acting, Option<i64>, Option<i64>);

/// Folds the rows of one person into the person and their memberships, with when
/// the credential was last touched and when it expires.
fn fold(rows: Vec<ActingRow>) -> StoreResult<Option<Found>> {
    let mut rows = rows.into_iter().peekable();
    let Some(first) = rows.peek() else {
        return Ok(None);
    };
    let person = Person {
        id: first.id,
        email: first.email.clone(),
        name: first.name.clone(),
        password_hash: first.password_hash.clone(),
        email_confirmed_at: first.email_confirmed_at,
        language: first.language.clone(),
        created_at: first.created_at,
        erased_at: first.erased_at,
    };
    let (touched, expires) = (first.last_touched, first.expires_at);
    let mut memberships = Vec::new();
    for row in rows {
        let Some(role) = row.role else { continue };
        let role = Role::parse(&role).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let scope = match (row.company_id, row.partner_id) {
            (Some(c), _) => Scope::Company(c),
            (None, Some(p)) => Scope::Partner(p),
            (None, None) => Scope::Center,
        };
        memberships.push(MembershipView {
            membership: Membership { role, scope },
            organization: row.organization,
        });
    }
    Ok(Some((
        Acting {
            person,
            memberships,
        },
        touched,
        expires,
    )))
}

/// How often a credential's last use is written at most.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The person whose live token has this hash, with memberships; the use is noted
/// in `touches`.
pub async fn by_token(
    db: &Db,
    token_hash: &str,
    now: i64,
    touches: &Touches,
) -> StoreResult<Option<Acting>> {
    let rows: Vec<ActingRow> = on_reader!(db, pool => {
        sqlx::query_as(BY_TOKEN).bind(token_hash).fetch_all(pool).await?
    });
    let Some((acting, last_used, _)) = fold(rows)? else {
        return Ok(None);
    };
    if last_used.is_none_or(|t| now - t >= TOUCH_EVERY_SECONDS) {
        touches.note(Touch::Token(token_hash.to_owned()), now);
    }
    Ok(Some(acting))
}

/// The person of a live sign-in session with this id hash, with memberships. A
/// session past its idle or absolute limit is ended and counts as none.
pub async fn by_session(
    db: &Db,
    id_hash: &str,
    limits: SessionLimits,
    now: i64,
    touches: &Touches,
) -> StoreResult<Option<Acting>> {
    let rows: Vec<ActingRow> = on_reader!(db, pool => {
        sqlx::query_as(BY_SESSION).bind(id_hash).fetch_all(pool).await?
    });
    let Some((acting, last_seen, expires)) = fold(rows)? else {
        return Ok(None);
    };
    let last_seen = last_seen.unwrap_or(0);
    if expires.is_some_and(|e| now >= e) || now - last_seen >= limits.idle_seconds {
        delete_session(db, id_hash).await?;
        return Ok(None);
    }
    if now - last_seen >= TOUCH_EVERY_SECONDS {
        touches.note(Touch::Session(id_hash.to_owned()), now);
    }
    Ok(Some(acting))
}

/// A credential whose last use is to be written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Touch {
    /// An API token, by its hash.
    Token(String),
    /// A sign-in session, by its id hash.
    Session(String),
}

/// Last uses noted by requests and not yet written, latest time per credential.
#[derive(Debug, Default)]
pub struct Touches {
    pending: Mutex<HashMap<Touch, i64>>,
}

impl Touches {
    /// Notes that `credential` was used at `now`.
    pub fn note(&self, credential: Touch, now: i64) {
        if let Ok(mut pending) = self.pending.lock() {
            let at = pending.entry(credential).or_insert(now);
            *at = (*at).max(now);
        }
    }

    /// Writes every noted use in one transaction; returns how many. Times only move
    /// forward, so a late write never undoes a newer one from another process.
    pub async fn flush(&self, db: &Db) -> StoreResult<usize> {
        let batch: Vec<(Touch, i64)> = match self.pending.lock() {
            Ok(mut pending) => pending.drain().collect(),
            Err(_) => return Ok(0),
        };
        if batch.is_empty() {
            return Ok(0);
        }
        on_writer!(db, pool => {
            let mut tx = crate::begin(pool).await?;
            for (touch, at) in &batch {
                let (sql, key) = match touch {
                    Touch::Token(hash) => (
                        "UPDATE api_tokens SET last_used_at = $2
                         WHERE token_hash = $1 AND (last_used_at IS NULL OR last_used_at < $2)",
                        hash,
                    ),
                    Touch::Session(hash) => (
                        "UPDATE auth_sessions SET last_seen_at = $2
                         WHERE id_hash = $1 AND last_seen_at < $2",
                        hash,
                    ),
                };
                sqlx::query(sql).bind(key).bind(at).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(batch.len())
    }
}
