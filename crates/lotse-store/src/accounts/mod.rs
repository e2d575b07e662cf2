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

mod audit;
mod companies;
mod links;
mod login_failures;
mod privacy;
mod sessions;

pub use audit::*;
pub use companies::*;
pub use links::*;
pub use login_failures::*;
pub use privacy::*;
pub use sessions::*;

/// Whether a database error is a unique-constraint violation.
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// A person as stored.
#[derive(Debug, Clone, FromRow)]
#[allow(missing_docs)]
pub struct Person {
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
#[allow(missing_docs)]
pub struct NewCompany {
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

pub(super) fn scope_columns(scope: Scope) -> (Option<Uuid>, Option<Uuid>) {
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
        let mut tx = crate::begin(pool).await?;
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

pub(super) const PERSON_COLUMNS: &str = "SELECT id, email, name, password_hash, email_confirmed_at, language, created_at, erased_at FROM people";

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
pub(super) struct MembershipRow {
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
        let mut tx = crate::begin(pool).await?;
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
