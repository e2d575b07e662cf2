//! Credentials as stored: the center's signing keys, one credential per completed module
//! or qualification (issued in the transaction that completes it, signed right after),
//! revocations, and the status lists that publish them.
//!
//! Signing happens outside the store (`lotse-credentials`); the store hands out what
//! is waiting to be signed and keeps the signed document.

use crate::{Db, StoreResult, on_reader, on_writer};
use sqlx::FromRow;
use uuid::Uuid;

/// Entries per status list (as `lotse_credentials::status::ENTRIES`).
pub const STATUS_LIST_ENTRIES: i64 = 131_072;

/// A list is filled to half at most, so that a random free bit is found at once and an
/// index tells little about how many credentials exist.
const FILL_PER_LIST: i64 = STATUS_LIST_ENTRIES / 2;

/// What a credential attests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Achieved {
    /// A completed module (an offering).
    Module(Uuid),
    /// A completed qualification, under this version of its rules.
    Qualification(Uuid, i64),
}

/// Issues a credential for `$person` and `$achieved` (an [`Achieved`]) within `$tx`,
/// unsigned, with a random free bit in the status list being filled. Evaluates to its id.
macro_rules! issue_credential {
    ($tx:expr, $person:expr, $achieved:expr, $now:expr) => {{
        let (offering, qualification, version): (Option<Uuid>, Option<Uuid>, Option<i64>) =
            match $achieved {
                $crate::credentials::Achieved::Module(o) => (Some(o), None, None),
                $crate::credentials::Achieved::Qualification(q, v) => (None, Some(q), Some(v)),
            };
        let issued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM credentials")
            .fetch_one(&mut *$tx)
            .await?;
        let list = $crate::credentials::list_to_fill(issued);
        let id = Uuid::now_v7();
        let mut placed = false;
        for _ in 0..64 {
            let index = list * $crate::credentials::STATUS_LIST_ENTRIES
                + $crate::credentials::random_below($crate::credentials::STATUS_LIST_ENTRIES);
            placed = sqlx::query(
                "INSERT INTO credentials (id, person_id, offering_id, qualification_id, qualification_version, status_index, issued_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (status_index) DO NOTHING",
            )
            .bind(id)
            .bind($person)
            .bind(offering)
            .bind(qualification)
            .bind(version)
            .bind(index)
            .bind($now)
            .execute(&mut *$tx)
            .await?
            .rows_affected()
                == 1;
            if placed {
                break;
            }
        }
        if !placed {
            Err($crate::StoreError::Corrupt("no free bit in the status list".into()))?;
        }
        id
    }};
}

pub(crate) use issue_credential;

/// Revokes `$person`'s valid credentials for `$achieved` within `$tx`, giving
/// `$reason`; marks their status lists as changed.
macro_rules! revoke_credentials {
    ($tx:expr, $person:expr, $achieved:expr, $reason:expr, $now:expr) => {{
        let indices: Vec<i64> = match $achieved {
            $crate::credentials::Achieved::Module(offering) => sqlx::query_scalar(
                "UPDATE credentials SET revoked_at = $3, revocation_reason = $4
                 WHERE person_id = $1 AND offering_id = $2 AND revoked_at IS NULL RETURNING status_index",
            )
            .bind($person)
            .bind(offering)
            .bind($now)
            .bind($reason)
            .fetch_all(&mut *$tx)
            .await?,
            $crate::credentials::Achieved::Qualification(qualification, _) => sqlx::query_scalar(
                "UPDATE credentials SET revoked_at = $3, revocation_reason = $4
                 WHERE person_id = $1 AND qualification_id = $2 AND revoked_at IS NULL RETURNING status_index",
            )
            .bind($person)
            .bind(qualification)
            .bind($now)
            .bind($reason)
            .fetch_all(&mut *$tx)
            .await?,
        };
        for index in indices {
            $crate::credentials::mark_list_changed!($tx, index, $now);
        }
    }};
}

pub(crate) use revoke_credentials;

/// Notes within `$tx` that the status list holding bit `$index` changed at `$now`.
macro_rules! mark_list_changed {
    ($tx:expr, $index:expr, $now:expr) => {{
        sqlx::query(
            "INSERT INTO status_lists (number, changed_at) VALUES ($1, $2)
             ON CONFLICT (number) DO UPDATE SET changed_at = excluded.changed_at",
        )
        .bind($index / $crate::credentials::STATUS_LIST_ENTRIES)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
    }};
}

pub(crate) use mark_list_changed;

/// The list new credentials go to when `issued` exist.
pub(crate) fn list_to_fill(issued: i64) -> i64 {
    issued / FILL_PER_LIST
}

/// A random number below `bound`, from the operating system's randomness (a UUID v4's).
pub(crate) fn random_below(bound: i64) -> i64 {
    let random = u64::from_le_bytes(
        Uuid::new_v4().as_bytes()[..8]
            .try_into()
            .unwrap_or_default(),
    );
    i64::try_from(random % u64::try_from(bound).unwrap_or(1)).unwrap_or_default()
}

/// A signing key as stored.
#[derive(Debug, Clone, FromRow)]
pub struct SigningKeyRow {
    /// Its id.
    pub id: Uuid,
    /// `did:key:…#…`.
    pub verification_method: String,
    /// The seed while the key is current.
    pub secret: Option<String>,
    /// When it was made.
    pub created_at: i64,
    /// When it retired, if it did.
    pub retired_at: Option<i64>,
}

/// Every key, newest first.
pub async fn keys(db: &Db) -> StoreResult<Vec<SigningKeyRow>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT id, verification_method, secret, created_at, retired_at FROM signing_keys
             ORDER BY created_at DESC, id DESC",
        )
        .fetch_all(pool)
        .await?
    }))
}

/// The current key, the one that signs.
pub async fn current_key(db: &Db) -> StoreResult<Option<SigningKeyRow>> {
    Ok(keys(db)
        .await?
        .into_iter()
        .find(|k| k.retired_at.is_none() && k.secret.is_some()))
}

/// Makes `verification_method` (with its `secret`) the current key; a current key
/// before it retires (its secret is dropped, its public side stays), in one transaction.
/// Returns the verification method of the key retired, if there was one.
pub async fn add_key(
    db: &Db,
    verification_method: &str,
    secret: &str,
    now: i64,
) -> StoreResult<Option<String>> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let retired: Option<String> = sqlx::query_scalar(
            "UPDATE signing_keys SET retired_at = $1, secret = NULL WHERE retired_at IS NULL
             RETURNING verification_method",
        )
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO signing_keys (id, verification_method, secret, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(Uuid::now_v7())
        .bind(verification_method)
        .bind(secret)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        retired
    }))
}

/// A credential as stored, with what it attests in words.
#[derive(Debug, Clone, FromRow)]
pub struct CredentialRow {
    /// Its id (also in its URL).
    pub id: Uuid,
    /// The learner.
    pub person_id: Uuid,
    /// The learner's name.
    pub person_name: String,
    /// The learner's language, `de` or `en`.
    pub person_language: String,
    /// The module, for a module credential.
    pub offering_id: Option<Uuid>,
    /// The qualification, for a qualification credential.
    pub qualification_id: Option<Uuid>,
    /// Its version.
    pub qualification_version: Option<i64>,
    /// The module's or qualification's title.
    pub title: String,
    /// Its revocation bit.
    pub status_index: i64,
    /// When it was issued.
    pub issued_at: i64,
    /// The signed credential, once signed.
    pub document: Option<String>,
    /// The key that signed it.
    pub verification_method: Option<String>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
    /// Why.
    pub revocation_reason: Option<String>,
    /// The credential issued in its place.
    pub replaced_by: Option<Uuid>,
}

impl CredentialRow {
    /// `revoked`, `pending` (issued, not signed yet) or `valid` (as far as lotse's own
    /// records go; the verification checks the document itself).
    pub fn status(&self) -> &'static str {
        match (self.revoked_at, &self.document) {
            (Some(_), _) => "revoked",
            (None, None) => "pending",
            (None, Some(_)) => "valid",
        }
    }
}

const CREDENTIAL_SELECT: &str =
    "SELECT c.id, c.person_id, p.name AS person_name, p.language AS person_language, c.offering_id,
        c.qualification_id, c.qualification_version,
        COALESCE(o.title, v.title) AS title, c.status_index, c.issued_at, c.document,
        c.verification_method, c.revoked_at, c.revocation_reason, c.replaced_by
    FROM credentials c
    JOIN people p ON p.id = c.person_id
    LEFT JOIN offerings o ON o.id = c.offering_id
    LEFT JOIN qualification_versions v ON v.qualification_id = c.qualification_id
                                      AND v.version = c.qualification_version";

/// One credential.
pub async fn credential(db: &Db, id: Uuid) -> StoreResult<Option<CredentialRow>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{CREDENTIAL_SELECT} WHERE c.id = $1")))
            .bind(id)
            .fetch_optional(pool)
            .await?
    }))
}

/// A person's credentials, newest first.
pub async fn of_person(db: &Db, person: Uuid) -> StoreResult<Vec<CredentialRow>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{CREDENTIAL_SELECT} WHERE c.person_id = $1 ORDER BY c.issued_at DESC, c.id DESC"
        )))
        .bind(person)
        .fetch_all(pool)
        .await?
    }))
}

/// A module as a credential describes it: title, hours, the session's start, partner.
#[derive(Debug, Clone, FromRow)]
pub struct AttendedModule {
    /// The module (offering).
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// Hours it counted with.
    pub hours: i64,
    /// The attended session's start.
    pub completed_at: i64,
    /// The partner that ran it.
    pub partner_name: String,
}

/// A version of a qualification as a credential describes it.
#[derive(Debug, Clone)]
pub struct QualificationVersion {
    /// The qualification.
    pub id: Uuid,
    /// The version completed.
    pub version: i64,
    /// Its title in that version.
    pub title: String,
    /// The hours it asks for in all.
    pub minimum_hours: i64,
}

/// A credential waiting to be signed, with everything its document says.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The credential.
    pub id: Uuid,
    /// Its revocation bit.
    pub status_index: i64,
    /// When it was issued.
    pub issued_at: i64,
    /// The learner's e-mail address (hashed into the credential).
    pub email: String,
    /// The learner's language, `de` or `en`: the credential's texts are written in it.
    pub language: String,
    /// For a qualification credential: the version of the qualification it attests;
    /// `None` for a module credential.
    pub qualification: Option<QualificationVersion>,
    /// The module (for a module credential) or the qualification's completed modules.
    pub modules: Vec<AttendedModule>,
    /// Topic keys of those modules.
    pub topics: Vec<String>,
}

/// What a credential of `person` attests, as it stands: the module's completion (for
/// `offering`), or the version of the qualification with its completed modules in the
/// rules' order. Empty once the completion is withdrawn.
pub async fn attested(
    db: &Db,
    person: Uuid,
    offering: Option<Uuid>,
    qualification: Option<(Uuid, i64)>,
) -> StoreResult<(Option<QualificationVersion>, Vec<AttendedModule>)> {
    Ok(on_reader!(db, pool => {
        match (offering, qualification) {
            (Some(offering), _) => (
                None,
                sqlx::query_as(
                    "SELECT o.id AS offering_id, o.title, m.hours, m.completed_at, pa.name AS partner_name
                     FROM module_completions m JOIN offerings o ON o.id = m.offering_id
                     JOIN partners pa ON pa.id = o.partner_id
                     WHERE m.person_id = $1 AND m.offering_id = $2",
                )
                .bind(person)
                .bind(offering)
                .fetch_all(pool)
                .await?,
            ),
            (None, Some((q, v))) => {
                let head: Option<(String, i64)> = sqlx::query_as(
                    "SELECT title, minimum_hours FROM qualification_versions WHERE qualification_id = $1 AND version = $2",
                )
                .bind(q)
                .bind(v)
                .fetch_optional(pool)
                .await?;
                let modules = sqlx::query_as(
                    "SELECT o.id AS offering_id, o.title, vm.hours, m.completed_at, pa.name AS partner_name
                     FROM qualification_version_modules vm
                     JOIN module_completions m ON m.offering_id = vm.offering_id AND m.person_id = $1
                     JOIN offerings o ON o.id = vm.offering_id
                     JOIN partners pa ON pa.id = o.partner_id
                     WHERE vm.qualification_id = $2 AND vm.version = $3
                     ORDER BY vm.required DESC, vm.position",
                )
                .bind(person)
                .bind(q)
                .bind(v)
                .fetch_all(pool)
                .await?;
                let head = head.map(|(title, minimum_hours)| QualificationVersion {
                    id: q,
                    version: v,
                    title,
                    minimum_hours,
                });
                (head, modules)
            }
            _ => (None, Vec::new()),
        }
    }))
}

/// Up to `limit` credentials not signed yet, oldest first.
pub async fn pending(db: &Db, limit: i64) -> StoreResult<Vec<Pending>> {
    type Row = (
        Uuid,
        Uuid,
        i64,
        i64,
        String,
        String,
        Option<Uuid>,
        Option<Uuid>,
        Option<i64>,
    );
    let rows: Vec<Row> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT c.id, c.person_id, c.status_index, c.issued_at, p.email, p.language,
                    c.offering_id, c.qualification_id, c.qualification_version
             FROM credentials c JOIN people p ON p.id = c.person_id
             WHERE c.document IS NULL ORDER BY c.issued_at, c.id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?
    });
    let mut found = Vec::with_capacity(rows.len());
    for (id, person, status_index, issued_at, email, language, offering, qualification, version) in
        rows
    {
        let (qualification, modules) =
            attested(db, person, offering, qualification.zip(version)).await?;
        let mut topics: Vec<String> = Vec::new();
        for module in &modules {
            let keys: Vec<String> = on_reader!(db, pool => {
                sqlx::query_scalar("SELECT topic FROM offering_topics WHERE offering_id = $1 ORDER BY topic")
                    .bind(module.offering_id)
                    .fetch_all(pool)
                    .await?
            });
            for key in keys {
                if !topics.contains(&key) {
                    topics.push(key);
                }
            }
        }
        found.push(Pending {
            id,
            status_index,
            issued_at,
            email,
            language,
            qualification,
            modules,
            topics,
        });
    }
    Ok(found)
}

/// Keeps the signed `document` of credential `id` unless another process was first;
/// `true` when this one was kept.
pub async fn store_signed(
    db: &Db,
    id: Uuid,
    document: &str,
    verification_method: &str,
) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query(
            "UPDATE credentials SET document = $2, verification_method = $3 WHERE id = $1 AND document IS NULL",
        )
        .bind(id)
        .bind(document)
        .bind(verification_method)
        .execute(pool)
        .await?
        .rows_affected()
            == 1
    }))
}

/// Revokes credential `id` with `reason`; `Some(false)` when it was revoked already,
/// `None` when there is no such credential.
pub async fn revoke(db: &Db, id: Uuid, reason: &str, now: i64) -> StoreResult<Option<bool>> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let index: Option<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT status_index, revoked_at FROM credentials WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        match index {
            None => None,
            Some((_, Some(_))) => Some(false),
            Some((index, None)) => {
                sqlx::query("UPDATE credentials SET revoked_at = $2, revocation_reason = $3 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .bind(reason)
                    .execute(&mut *tx)
                    .await?;
                mark_list_changed!(tx, index, now);
                tx.commit().await?;
                Some(true)
            }
        }
    }))
}

/// Issues a new credential in place of revoked credential `id` (after a correction):
/// the same learner and achievement, a new bit. `None` when `id` is unknown, not
/// revoked, or its achievement is no longer completed.
pub async fn reissue(db: &Db, id: Uuid, now: i64) -> StoreResult<Option<Uuid>> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        // Person, module or qualification and version.
        type Attests = (Uuid, Option<Uuid>, Option<Uuid>, Option<i64>);
        let old: Option<Attests> = sqlx::query_as(
            "SELECT person_id, offering_id, qualification_id, qualification_version FROM credentials
             WHERE id = $1 AND revoked_at IS NOT NULL AND replaced_by IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let achieved = match old {
            Some((person, Some(offering), _, _)) => {
                let done: Option<i64> = sqlx::query_scalar(
                    "SELECT completed_at FROM module_completions WHERE person_id = $1 AND offering_id = $2",
                )
                .bind(person)
                .bind(offering)
                .fetch_optional(&mut *tx)
                .await?;
                done.map(|_| (person, Achieved::Module(offering)))
            }
            Some((person, None, Some(qualification), Some(_))) => {
                let done: Option<i64> = sqlx::query_scalar(
                    "SELECT version FROM qualification_completions WHERE person_id = $1 AND qualification_id = $2",
                )
                .bind(person)
                .bind(qualification)
                .fetch_optional(&mut *tx)
                .await?;
                // The version completed now, which may be newer than the revoked one's.
                done.map(|v| (person, Achieved::Qualification(qualification, v)))
            }
            _ => None,
        };
        match achieved {
            None => None,
            Some((person, achieved)) => {
                let valid: Option<Uuid> = match achieved {
                    Achieved::Module(o) => sqlx::query_scalar("SELECT id FROM credentials WHERE person_id = $1 AND offering_id = $2 AND revoked_at IS NULL")
                        .bind(person).bind(o).fetch_optional(&mut *tx).await?,
                    Achieved::Qualification(q, _) => sqlx::query_scalar("SELECT id FROM credentials WHERE person_id = $1 AND qualification_id = $2 AND revoked_at IS NULL")
                        .bind(person).bind(q).fetch_optional(&mut *tx).await?,
                };
                // A valid credential exists already (issued after the revocation).
                let new = match valid {
                    Some(existing) => existing,
                    None => issue_credential!(tx, person, achieved, now),
                };
                sqlx::query("UPDATE credentials SET replaced_by = $2 WHERE id = $1")
                    .bind(id)
                    .bind(new)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Some(new)
            }
        }
    }))
}

/// The revoked bits of status list `number`, as positions within it.
pub async fn revoked_in_list(db: &Db, number: i64) -> StoreResult<Vec<i64>> {
    let first = number * STATUS_LIST_ENTRIES;
    let indices: Vec<i64> = on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT status_index FROM credentials
             WHERE status_index >= $1 AND status_index < $2 AND revoked_at IS NOT NULL",
        )
        .bind(first)
        .bind(first + STATUS_LIST_ENTRIES)
        .fetch_all(pool)
        .await?
    });
    Ok(indices.into_iter().map(|i| i - first).collect())
}

/// Whether status list `number` holds any credential.
pub async fn list_exists(db: &Db, number: i64) -> StoreResult<bool> {
    let first = number * STATUS_LIST_ENTRIES;
    let any: Option<i64> = on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT status_index FROM credentials WHERE status_index >= $1 AND status_index < $2 LIMIT 1",
        )
        .bind(first)
        .bind(first + STATUS_LIST_ENTRIES)
        .fetch_optional(pool)
        .await?
    });
    Ok(any.is_some())
}

/// The signed list credential of list `number` if it is current: signed after its
/// last change.
pub async fn signed_list(db: &Db, number: i64) -> StoreResult<Option<String>> {
    let found: Option<(i64, Option<String>, Option<i64>)> = on_reader!(db, pool => {
        sqlx::query_as("SELECT changed_at, document, signed_at FROM status_lists WHERE number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await?
    });
    Ok(match found {
        Some((changed, Some(document), Some(signed))) if signed >= changed => Some(document),
        _ => None,
    })
}

/// Keeps a freshly signed list credential, signed as of `signed_at` from the bits as
/// they were then.
pub async fn store_signed_list(
    db: &Db,
    number: i64,
    document: &str,
    signed_at: i64,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO status_lists (number, changed_at, document, signed_at) VALUES ($1, 0, $2, $3)
             ON CONFLICT (number) DO UPDATE SET document = excluded.document, signed_at = excluded.signed_at",
        )
        .bind(number)
        .bind(document)
        .bind(signed_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Issues credentials for up to `limit` completions that never had one: those derived
/// from attendances recorded before credentials existed (the migration that added
/// them). A completion whose credential was revoked is left alone: reissuing is the
/// staff's decision. Returns how many were issued.
pub async fn issue_missing(db: &Db, limit: i64, now: i64) -> StoreResult<usize> {
    // (person, module) and (person, qualification, version).
    type Modules = Vec<(Uuid, Uuid)>;
    type Qualifications = Vec<(Uuid, Uuid, i64)>;
    let (modules, qualifications): (Modules, Qualifications) = on_reader!(db, pool => {
        let modules = sqlx::query_as(
            "SELECT m.person_id, m.offering_id FROM module_completions m
             WHERE NOT EXISTS (SELECT 1 FROM credentials c
                               WHERE c.person_id = m.person_id AND c.offering_id = m.offering_id)
             ORDER BY m.completed_at LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?;
        let qualifications = sqlx::query_as(
            "SELECT q.person_id, q.qualification_id, q.version FROM qualification_completions q
             WHERE NOT EXISTS (SELECT 1 FROM credentials c
                               WHERE c.person_id = q.person_id AND c.qualification_id = q.qualification_id)
             ORDER BY q.completed_at LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?;
        (modules, qualifications)
    });
    let achieved: Vec<(Uuid, Achieved)> = modules
        .into_iter()
        .map(|(person, offering)| (person, Achieved::Module(offering)))
        .chain(
            qualifications
                .into_iter()
                .map(|(person, q, v)| (person, Achieved::Qualification(q, v))),
        )
        .collect();
    let mut issued = 0;
    for (person, achieved) in achieved {
        on_writer!(db, pool => {
            let mut tx = crate::begin(pool).await?;
            // Another process may have issued it meanwhile.
            let exists: Option<Uuid> = match achieved {
                Achieved::Module(o) => sqlx::query_scalar("SELECT id FROM credentials WHERE person_id = $1 AND offering_id = $2 LIMIT 1")
                    .bind(person).bind(o).fetch_optional(&mut *tx).await?,
                Achieved::Qualification(q, _) => sqlx::query_scalar("SELECT id FROM credentials WHERE person_id = $1 AND qualification_id = $2 LIMIT 1")
                    .bind(person).bind(q).fetch_optional(&mut *tx).await?,
            };
            if exists.is_none() {
                issue_credential!(tx, person, achieved, now);
                issued += 1;
            }
            tx.commit().await?;
        });
    }
    Ok(issued)
}
