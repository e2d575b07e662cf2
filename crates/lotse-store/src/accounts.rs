//! Accounts: people, companies, memberships, sign-in sessions, API tokens, one-time
//! e-mail links, login throttling, consent records, the audit log, and DSGVO export
//! and erasure.
//!
//! Secrets never reach this module in the clear except to be hashed by the caller:
//! session ids, tokens and link tokens are stored as SHA-256 hex digests.

use crate::{Db, StoreError, StoreResult, on_reader, on_writer};
use lotse_core::accounts::{Membership, Role, Scope};
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// Whether a database error is a unique-constraint violation.
fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// A person as stored.
#[derive(Debug, Clone, FromRow)]
pub struct Person {
    /// Id.
    pub id: Uuid,
    /// Lower-cased e-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// argon2id hash, if a password is set.
    pub password_hash: Option<String>,
    /// When the address was confirmed.
    pub email_confirmed_at: Option<i64>,
    /// `de` or `en`.
    pub language: String,
    /// When the account was created.
    pub created_at: i64,
    /// When the person was erased (DSGVO Art. 17).
    pub erased_at: Option<i64>,
}

/// A company as registered.
#[derive(Debug, Clone)]
pub struct NewCompany {
    /// Name.
    pub name: String,
    /// WZ 2008 section letter.
    pub sector: char,
    /// Staff headcount.
    pub staff_count: u32,
    /// County key.
    pub county: String,
    /// Address, optional.
    pub address: Option<String>,
}

/// A person to create.
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Lower-cased, validated e-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// argon2id hash, or none (the person sets one through a reset link).
    pub password_hash: Option<String>,
    /// Whether the address counts as confirmed (accounts made by staff).
    pub confirmed: bool,
    /// `de` or `en`.
    pub language: String,
}

/// Why a person could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreatePersonError {
    /// The e-mail address is taken.
    #[error("e-mail address already registered")]
    EmailTaken,
    /// The company named does not exist.
    #[error("no such company")]
    NoSuchCompany,
    /// Anything else.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CreatePersonError {
    fn from(e: sqlx::Error) -> Self {
        if is_unique_violation(&e) {
            CreatePersonError::EmailTaken
        } else {
            CreatePersonError::Store(StoreError::Query(e))
        }
    }
}

/// Where a new person belongs.
#[derive(Debug, Clone)]
pub enum Affiliation {
    /// Nowhere yet.
    None,
    /// Founds a new company and becomes its company admin.
    NewCompany(NewCompany),
    /// Joins existing organizations with these memberships.
    Memberships(Vec<Membership>),
}

/// A consent to record with the account.
#[derive(Debug, Clone)]
pub struct Consent {
    /// Which notice, e.g. `privacy`.
    pub notice: String,
    /// Its version.
    pub version: String,
}

/// The person and, if one was founded, the company.
#[derive(Debug, Clone, Copy)]
pub struct Created {
    /// The person.
    pub person_id: Uuid,
    /// The company they founded.
    pub company_id: Option<Uuid>,
}

fn scope_columns(scope: Scope) -> (Option<Uuid>, Option<Uuid>) {
    match scope {
        Scope::Company(c) => (Some(c), None),
        Scope::Partner(p) => (None, Some(p)),
        Scope::Center => (None, None),
    }
}

/// Creates a person with their affiliation and consent in one transaction.
pub async fn create_person(
    db: &Db,
    person: &NewPerson,
    affiliation: &Affiliation,
    consent: Option<&Consent>,
    now: i64,
) -> Result<Created, CreatePersonError> {
    let person_id = Uuid::now_v7();
    on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO people (id, email, name, password_hash, email_confirmed_at, language, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(person_id)
        .bind(&person.email)
        .bind(&person.name)
        .bind(&person.password_hash)
        .bind(person.confirmed.then_some(now))
        .bind(&person.language)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut company_id = None;
        let memberships: Vec<Membership> = match affiliation {
            Affiliation::None => Vec::new(),
            Affiliation::NewCompany(c) => {
                let id = Uuid::now_v7();
                sqlx::query(
                    "INSERT INTO companies (id, name, sector, staff_count, county, address, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(&c.name)
                .bind(c.sector.to_string())
                .bind(i64::from(c.staff_count))
                .bind(&c.county)
                .bind(&c.address)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                company_id = Some(id);
                vec![
                    Membership { role: Role::CompanyAdmin, scope: Scope::Company(id) },
                    Membership { role: Role::Learner, scope: Scope::Company(id) },
                ]
            }
            Affiliation::Memberships(list) => list.clone(),
        };
        for m in &memberships {
            let (company, partner) = scope_columns(m.scope);
            let inserted = sqlx::query(
                "INSERT INTO memberships (id, person_id, role, company_id, partner_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(Uuid::now_v7())
            .bind(person_id)
            .bind(m.role.key())
            .bind(company)
            .bind(partner)
            .bind(now)
            .execute(&mut *tx)
            .await;
            if let Err(sqlx::Error::Database(e)) = &inserted
                && e.is_foreign_key_violation()
            {
                return Err(CreatePersonError::NoSuchCompany);
            }
            inserted?;
        }
        if let Some(consent) = consent {
            sqlx::query(
                "INSERT INTO consents (id, person_id, notice, version, accepted_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Uuid::now_v7())
            .bind(person_id)
            .bind(&consent.notice)
            .bind(&consent.version)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Created { person_id, company_id })
    })
}

const PERSON_COLUMNS: &str = "SELECT id, email, name, password_hash, email_confirmed_at, language, created_at, erased_at FROM people";

/// The person with this e-mail address (not erased), if any.
pub async fn person_by_email(db: &Db, email: &str) -> StoreResult<Option<Person>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(format!("{PERSON_COLUMNS} WHERE email = $1 AND erased_at IS NULL")))
            .bind(email)
            .fetch_optional(pool)
            .await?
    }))
}

/// The person with this id (not erased), if any.
pub async fn person(db: &Db, id: Uuid) -> StoreResult<Option<Person>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(format!("{PERSON_COLUMNS} WHERE id = $1 AND erased_at IS NULL")))
            .bind(id)
            .fetch_optional(pool)
            .await?
    }))
}

/// A membership with the name of its organization.
#[derive(Debug, Clone)]
pub struct MembershipView {
    /// Role and scope.
    pub membership: Membership,
    /// Name of the company or partner; `None` for the center.
    pub organization: Option<String>,
}

#[derive(FromRow)]
struct MembershipRow {
    role: String,
    company_id: Option<Uuid>,
    partner_id: Option<Uuid>,
    organization: Option<String>,
}

/// A person's memberships.
pub async fn memberships(db: &Db, person_id: Uuid) -> StoreResult<Vec<MembershipView>> {
    let rows: Vec<MembershipRow> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT m.role, m.company_id, m.partner_id, COALESCE(c.name, p.name) AS organization
             FROM memberships m
             LEFT JOIN companies c ON c.id = m.company_id
             LEFT JOIN partners p ON p.id = m.partner_id
             WHERE m.person_id = $1 ORDER BY m.created_at, m.role",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|r| {
            let role = Role::parse(&r.role).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let scope = match (r.company_id, r.partner_id) {
                (Some(c), _) => Scope::Company(c),
                (None, Some(p)) => Scope::Partner(p),
                (None, None) => Scope::Center,
            };
            Ok(MembershipView {
                membership: Membership { role, scope },
                organization: r.organization,
            })
        })
        .collect()
}

/// Marks the person's address as confirmed.
pub async fn confirm_email(db: &Db, person_id: Uuid, now: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("UPDATE people SET email_confirmed_at = COALESCE(email_confirmed_at, $2) WHERE id = $1")
            .bind(person_id)
            .bind(now)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// Sets a new password hash and ends every sign-in session of the person except
/// `keep` (the session that changed it, if any).
pub async fn set_password(
    db: &Db,
    person_id: Uuid,
    hash: &str,
    keep: Option<&str>,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE people SET password_hash = $2 WHERE id = $1")
            .bind(person_id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM auth_sessions WHERE person_id = $1 AND ($2 IS NULL OR id_hash <> $2)")
            .bind(person_id)
            .bind(keep)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Sets the person's language.
pub async fn set_language(db: &Db, person_id: Uuid, language: &str) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("UPDATE people SET language = $2 WHERE id = $1")
            .bind(person_id)
            .bind(language)
            .execute(pool)
            .await?;
    });
    Ok(())
}

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
pub struct TokenInfo {
    /// Id.
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

/// Records a failed sign-in.
pub async fn record_login_failure(db: &Db, email: &str, ip: &str, now: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("INSERT INTO login_failures (id, email, ip, at) VALUES ($1, $2, $3, $4)")
            .bind(Uuid::now_v7())
            .bind(email)
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
            "SELECT (SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $3),
                    (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND at >= $3)",
        )
        .bind(email)
        .bind(ip)
        .bind(since)
        .fetch_one(pool)
        .await?
    }))
}

/// Forgets failed sign-ins of an address after a successful one, and old entries.
pub async fn clear_login_failures(db: &Db, email: &str, older_than: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("DELETE FROM login_failures WHERE email = $1 OR at < $2")
            .bind(email)
            .bind(older_than)
            .execute(pool)
            .await?;
    });
    Ok(())
}

/// One entry of the audit log.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct AuditEntry {
    /// When.
    pub at: i64,
    /// Who (absent for anonymous actions).
    pub actor_id: Option<Uuid>,
    /// What, e.g. `login.success`.
    pub action: String,
    /// On what, e.g. a person's id.
    pub subject: String,
    /// From which address.
    pub ip: String,
    /// Further facts as JSON; never secrets.
    pub details: String,
}

/// Appends to the audit log.
pub async fn audit(
    db: &Db,
    actor_id: Option<Uuid>,
    action: &str,
    subject: &str,
    ip: &str,
    details: serde_json::Value,
    now: i64,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, action, subject, ip, details) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(now)
        .bind(actor_id)
        .bind(action)
        .bind(subject)
        .bind(ip)
        .bind(details.to_string())
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// The newest audit entries.
pub async fn audit_entries(db: &Db, limit: i64) -> StoreResult<Vec<AuditEntry>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT at, actor_id, action, subject, ip, details FROM audit_log ORDER BY at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?
    }))
}

/// A company as stored.
#[derive(Debug, Clone, FromRow, Serialize)]
pub struct Company {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// WZ 2008 section.
    pub sector: String,
    /// Staff headcount.
    pub staff_count: i64,
    /// County key.
    pub county: String,
    /// Address.
    pub address: Option<String>,
}

/// One company.
pub async fn company(db: &Db, id: Uuid) -> StoreResult<Option<Company>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as("SELECT id, name, sector, staff_count, county, address FROM companies WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?
    }))
}

/// Everything stored about a person, for DSGVO Art. 15 and 20. Contains no password
/// hash, session id or token.
pub async fn export_person(db: &Db, person_id: Uuid) -> StoreResult<Option<serde_json::Value>> {
    let Some(person) = person(db, person_id).await? else {
        return Ok(None);
    };
    let memberships = memberships(db, person_id).await?;
    let sessions = sessions_of(db, person_id).await?;
    let tokens = tokens_of(db, person_id).await?;
    let (consents, audit): (Vec<(String, String, i64)>, Vec<AuditEntry>) = on_reader!(db, pool => {
        let consents = sqlx::query_as("SELECT notice, version, accepted_at FROM consents WHERE person_id = $1 ORDER BY accepted_at")
            .bind(person_id)
            .fetch_all(pool)
            .await?;
        let audit = sqlx::query_as(
            "SELECT at, actor_id, action, subject, ip, details FROM audit_log
             WHERE actor_id = $1 OR subject = $2 ORDER BY at",
        )
        .bind(person_id)
        .bind(person_id.to_string())
        .fetch_all(pool)
        .await?;
        (consents, audit)
    });
    let mut companies = Vec::new();
    for m in &memberships {
        if let Scope::Company(id) = m.membership.scope
            && let Some(c) = company(db, id).await?
            && !companies.iter().any(|x: &Company| x.id == c.id)
        {
            companies.push(c);
        }
    }
    Ok(Some(serde_json::json!({
        "person": {
            "id": person.id,
            "email": person.email,
            "name": person.name,
            "language": person.language,
            "email_confirmed_at": person.email_confirmed_at,
            "created_at": person.created_at,
            "has_password": person.password_hash.is_some(),
        },
        "memberships": memberships.iter().map(|m| serde_json::json!({
            "role": m.membership.role.key(),
            "organization": m.organization,
        })).collect::<Vec<_>>(),
        "companies": companies,
        "consents": consents.iter().map(|(notice, version, at)| serde_json::json!({
            "notice": notice, "version": version, "accepted_at": at,
        })).collect::<Vec<_>>(),
        "sign_in_sessions": sessions,
        "api_tokens": tokens,
        "audit_log": audit,
    })))
}

/// Erases a person (DSGVO Art. 17): name and address are replaced irreversibly, the
/// password, sessions, tokens, links and consents removed, privileged roles dropped.
/// The row itself stays, pseudonymous, so counts that feed statistics (a company's
/// learners, later registrations) survive without the person.
pub async fn erase_person(db: &Db, person_id: Uuid, now: i64) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        let erased = sqlx::query(
            "UPDATE people SET email = $2, name = 'Gelöschte Person', password_hash = NULL,
                    email_confirmed_at = NULL, erased_at = $3
             WHERE id = $1 AND erased_at IS NULL",
        )
        .bind(person_id)
        .bind(format!("erased-{}@invalid", person_id.simple()))
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if erased == 1 {
            for sql in [
                "DELETE FROM auth_sessions WHERE person_id = $1",
                "DELETE FROM api_tokens WHERE person_id = $1",
                "DELETE FROM email_links WHERE person_id = $1",
                "DELETE FROM consents WHERE person_id = $1",
                "DELETE FROM memberships WHERE person_id = $1 AND role <> 'learner'",
            ] {
                sqlx::query(sql).bind(person_id).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        erased == 1
    }))
}

/// A member of a company as its administrators see them.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyMember {
    /// The person.
    pub person_id: Uuid,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Roles in the company.
    pub roles: Vec<String>,
}

/// The people of a company with their roles there.
pub async fn company_members(db: &Db, company_id: Uuid) -> StoreResult<Vec<CompanyMember>> {
    let rows: Vec<(Uuid, String, String, String)> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT p.id, p.name, p.email, m.role FROM memberships m JOIN people p ON p.id = m.person_id
             WHERE m.company_id = $1 AND p.erased_at IS NULL ORDER BY p.name, p.id, m.role",
        )
        .bind(company_id)
        .fetch_all(pool)
        .await?
    });
    let mut members: Vec<CompanyMember> = Vec::new();
    for (person_id, name, email, role) in rows {
        match members.last_mut() {
            Some(m) if m.person_id == person_id => m.roles.push(role),
            _ => members.push(CompanyMember {
                person_id,
                name,
                email,
                roles: vec![role],
            }),
        }
    }
    Ok(members)
}

/// Changes a company's profile; `false` if there is no such company.
pub async fn update_company(db: &Db, id: Uuid, c: &NewCompany) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query("UPDATE companies SET name = $2, sector = $3, staff_count = $4, county = $5, address = $6 WHERE id = $1")
            .bind(id)
            .bind(&c.name)
            .bind(c.sector.to_string())
            .bind(i64::from(c.staff_count))
            .bind(&c.county)
            .bind(&c.address)
            .execute(pool)
            .await?
            .rows_affected()
            == 1
    }))
}

/// Gives a person a role unless they hold it already.
pub async fn add_membership(db: &Db, person_id: Uuid, m: Membership, now: i64) -> StoreResult<()> {
    let (company, partner) = scope_columns(m.scope);
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO memberships (id, person_id, role, company_id, partner_id, created_at)
             SELECT $1, $2, $3, $4, $5, $6
             WHERE NOT EXISTS (SELECT 1 FROM memberships WHERE person_id = $2 AND role = $3
                               AND company_id IS NOT DISTINCT FROM $4 AND partner_id IS NOT DISTINCT FROM $5)",
        )
        .bind(Uuid::now_v7())
        .bind(person_id)
        .bind(m.role.key())
        .bind(company)
        .bind(partner)
        .bind(now)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Removes a person from a company, unless that would leave it without an
/// administrator. Returns `None` when refused, else the number of roles removed.
pub async fn remove_from_company(
    db: &Db,
    company_id: Uuid,
    person_id: Uuid,
) -> StoreResult<Option<u64>> {
    Ok(on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        let other_admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE company_id = $1 AND role = 'company_admin' AND person_id <> $2",
        )
        .bind(company_id)
        .bind(person_id)
        .fetch_one(&mut *tx)
        .await?;
        let is_admin: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE company_id = $1 AND role = 'company_admin' AND person_id = $2",
        )
        .bind(company_id)
        .bind(person_id)
        .fetch_one(&mut *tx)
        .await?;
        if is_admin > 0 && other_admins == 0 {
            None
        } else {
            let removed = sqlx::query("DELETE FROM memberships WHERE company_id = $1 AND person_id = $2")
                .bind(company_id)
                .bind(person_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Some(removed)
        }
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
