//! Progress through qualifications: completed modules and qualifications, kept in the
//! same transaction as the attendance they rest on, and read back for "Mein Lernweg".
//!
//! The rules (what completes what) are [`lotse_core::qualifications`]; this module
//! loads the frozen rules of a qualification's versions, asks them, and persists the
//! answer.

use crate::{Db, StoreResult, on_reader};
use lotse_core::catalogue::NewQualification;
use lotse_core::qualifications::{RuleModule, Rules};
use sqlx::FromRow;
use uuid::Uuid;

/// A change to what a person completed, caused by an attendance change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionChange {
    /// A module became completed.
    ModuleCompleted {
        /// Who.
        person: Uuid,
        /// The module (offering).
        offering: Uuid,
    },
    /// A module is no longer completed: the attendance it rested on was withdrawn.
    ModuleWithdrawn {
        /// Who.
        person: Uuid,
        /// The module (offering).
        offering: Uuid,
    },
    /// A qualification became completed, under the version given.
    QualificationCompleted {
        /// Who.
        person: Uuid,
        /// The qualification.
        qualification: Uuid,
        /// The version of its rules it was reached under.
        version: i64,
    },
    /// A qualification is no longer completed.
    QualificationWithdrawn {
        /// Who.
        person: Uuid,
        /// The qualification.
        qualification: Uuid,
    },
}

/// Freezes qualification `$qualification`'s current rules (module hours included) as
/// its current version, within the transaction `$tx` that created or changed it.
macro_rules! freeze_version {
    ($tx:expr, $qualification:expr, $now:expr) => {{
        sqlx::query(
            "INSERT INTO qualification_versions (qualification_id, version, title, description, minimum_hours, created_at)
             SELECT id, version, title, description, minimum_hours, $2 FROM qualifications WHERE id = $1",
        )
        .bind($qualification)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO qualification_version_modules (qualification_id, version, offering_id, required, hours, position)
             SELECT m.qualification_id, q.version, m.offering_id, m.required, o.duration_hours, m.position
             FROM qualification_modules m
             JOIN qualifications q ON q.id = m.qualification_id
             JOIN offerings o ON o.id = m.offering_id
             WHERE m.qualification_id = $1",
        )
        .bind($qualification)
        .execute(&mut *$tx)
        .await?;
    }};
}

pub(crate) use freeze_version;

/// Loads version `$version` of qualification `$qualification`'s rules within `$tx`.
macro_rules! load_rules {
    ($tx:expr, $qualification:expr, $version:expr) => {{
        let minimum: i64 = sqlx::query_scalar(
            "SELECT minimum_hours FROM qualification_versions WHERE qualification_id = $1 AND version = $2",
        )
        .bind($qualification)
        .bind($version)
        .fetch_one(&mut *$tx)
        .await?;
        let modules: Vec<(Uuid, bool, i64)> = sqlx::query_as(
            "SELECT offering_id, required, hours FROM qualification_version_modules
             WHERE qualification_id = $1 AND version = $2 ORDER BY required DESC, position",
        )
        .bind($qualification)
        .bind($version)
        .fetch_all(&mut *$tx)
        .await?;
        $crate::qualifications::rules(minimum, modules)
    }};
}

pub(crate) use load_rules;

/// Rules from their stored rows.
pub(crate) fn rules(minimum_hours: i64, modules: Vec<(Uuid, bool, i64)>) -> Rules {
    Rules {
        modules: modules
            .into_iter()
            .map(|(offering_id, required, hours)| RuleModule {
                offering_id,
                required,
                hours: u32::try_from(hours).unwrap_or_default(),
            })
            .collect(),
        minimum_hours: u32::try_from(minimum_hours).unwrap_or(u32::MAX),
    }
}

/// Brings person `$person`'s completion of module `$offering`, and of every
/// qualification the module belongs to, in line with their attended registrations,
/// within `$tx`; pushes what changed onto `$changes` (a `Vec<CompletionChange>`).
/// Issues a credential for every completion made and revokes those of every completion
/// withdrawn, at `$now`. Idempotent: running it again changes nothing.
macro_rules! reconsider_completions {
    ($tx:expr, $person:expr, $offering:expr, $changes:expr, $now:expr) => {{
        use $crate::qualifications::CompletionChange;
        let person: Uuid = $person;
        let offering: Uuid = $offering;
        // The earliest attended session of the module carries the completion.
        let attended: Option<(Uuid, i64, i64)> = sqlx::query_as(
            "SELECT r.id, o.duration_hours, s.starts_at FROM registrations r
             JOIN sessions s ON s.id = r.session_id JOIN offerings o ON o.id = s.offering_id
             WHERE r.person_id = $1 AND s.offering_id = $2 AND r.status = 'attended' AND o.counts_for_qualifications
             ORDER BY s.starts_at, r.id LIMIT 1",
        )
        .bind(person)
        .bind(offering)
        .fetch_optional(&mut *$tx)
        .await?;
        let held: Option<Uuid> = sqlx::query_scalar(
            "SELECT registration_id FROM module_completions WHERE person_id = $1 AND offering_id = $2",
        )
        .bind(person)
        .bind(offering)
        .fetch_optional(&mut *$tx)
        .await?;
        let touched = match (held, attended) {
            (None, None) => false,
            (Some(held), Some((registration, _, _))) if held == registration => false,
            (None, Some((registration, hours, at))) => {
                sqlx::query(
                    "INSERT INTO module_completions (person_id, offering_id, registration_id, hours, completed_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(person)
                .bind(offering)
                .bind(registration)
                .bind(hours)
                .bind(at)
                .execute(&mut *$tx)
                .await?;
                $changes.push(CompletionChange::ModuleCompleted { person, offering });
                $crate::credentials::issue_credential!($tx, person, $crate::credentials::Achieved::Module(offering), $now);
                true
            }
            (Some(_), Some((registration, _, at))) => {
                // Another attended session of the same module carries it now.
                sqlx::query(
                    "UPDATE module_completions SET registration_id = $3, completed_at = $4
                     WHERE person_id = $1 AND offering_id = $2",
                )
                .bind(person)
                .bind(offering)
                .bind(registration)
                .bind(at)
                .execute(&mut *$tx)
                .await?;
                false
            }
            (Some(_), None) => {
                sqlx::query("DELETE FROM module_completions WHERE person_id = $1 AND offering_id = $2")
                    .bind(person)
                    .bind(offering)
                    .execute(&mut *$tx)
                    .await?;
                $changes.push(CompletionChange::ModuleWithdrawn { person, offering });
                $crate::credentials::revoke_credentials!(
                    $tx,
                    person,
                    $crate::credentials::Achieved::Module(offering),
                    "attendance-withdrawn",
                    $now
                );
                true
            }
        };
        if touched {
            let done: Vec<(Uuid, i64)> = sqlx::query_as(
                "SELECT offering_id, completed_at FROM module_completions WHERE person_id = $1",
            )
            .bind(person)
            .fetch_all(&mut *$tx)
            .await?;
            let completed = lotse_core::qualifications::completed_set(done.iter().map(|d| d.0).collect::<Vec<Uuid>>());
            let qualifications: Vec<(Uuid, i64)> = sqlx::query_as(
                "SELECT q.id, q.version FROM qualifications q
                 WHERE EXISTS (SELECT 1 FROM qualification_version_modules m
                               WHERE m.qualification_id = q.id AND m.offering_id = $1)
                 ORDER BY q.id",
            )
            .bind(offering)
            .fetch_all(&mut *$tx)
            .await?;
            for (qualification, current) in qualifications {
                let held: Option<i64> = sqlx::query_scalar(
                    "SELECT version FROM qualification_completions WHERE person_id = $1 AND qualification_id = $2",
                )
                .bind(person)
                .bind(qualification)
                .fetch_optional(&mut *$tx)
                .await?;
                let current_rules = $crate::qualifications::load_rules!($tx, qualification, current);
                let held_rules = match held {
                    Some(version) if version != current => {
                        Some((version, $crate::qualifications::load_rules!($tx, qualification, version)))
                    }
                    Some(version) => Some((version, current_rules.clone())),
                    None => None,
                };
                match lotse_core::qualifications::reconsider(
                    held_rules.as_ref().map(|(v, r)| (*v, r)),
                    (current, &current_rules),
                    &completed,
                ) {
                    lotse_core::qualifications::Outcome::Complete(version) => {
                        // Dated by the last module that counts towards it.
                        let at = done
                            .iter()
                            .filter(|(m, _)| current_rules.modules.iter().any(|r| r.offering_id == *m))
                            .map(|d| d.1)
                            .max()
                            .unwrap_or_default();
                        sqlx::query(
                            "INSERT INTO qualification_completions (person_id, qualification_id, version, completed_at)
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(person)
                        .bind(qualification)
                        .bind(version)
                        .bind(at)
                        .execute(&mut *$tx)
                        .await?;
                        $changes.push(CompletionChange::QualificationCompleted { person, qualification, version });
                        $crate::credentials::issue_credential!(
                            $tx,
                            person,
                            $crate::credentials::Achieved::Qualification(qualification, version),
                            $now
                        );
                    }
                    lotse_core::qualifications::Outcome::Withdraw => {
                        sqlx::query("DELETE FROM qualification_completions WHERE person_id = $1 AND qualification_id = $2")
                            .bind(person)
                            .bind(qualification)
                            .execute(&mut *$tx)
                            .await?;
                        $changes.push(CompletionChange::QualificationWithdrawn { person, qualification });
                        $crate::credentials::revoke_credentials!(
                            $tx,
                            person,
                            $crate::credentials::Achieved::Qualification(qualification, 0),
                            "attendance-withdrawn",
                            $now
                        );
                    }
                    lotse_core::qualifications::Outcome::Keep
                    | lotse_core::qualifications::Outcome::Open => {}
                }
            }
        }
    }};
}

pub(crate) use reconsider_completions;

/// A module of a qualification as a learner sees it.
#[derive(Debug, Clone, FromRow)]
pub struct ModuleProgress {
    /// The module (offering).
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// Required or elective.
    pub required: bool,
    /// The hours it counts with.
    pub hours: i64,
    /// When the person completed it (the session's start), if they did.
    pub completed_at: Option<i64>,
    /// The next planned session that still takes registrations, if any.
    pub next_session: Option<Uuid>,
    /// That session's start.
    pub next_starts_at: Option<i64>,
    /// Whether the person holds a seat or a waitlist place in a coming session.
    pub booked: bool,
}

/// A qualification as a learner walks it.
#[derive(Debug, Clone)]
pub struct QualificationProgress {
    /// The qualification.
    pub id: Uuid,
    /// Its title (of the version judged against).
    pub title: String,
    /// The version judged against: the one completed under, or the current one.
    pub version: i64,
    /// When it was completed, if it was.
    pub completed_at: Option<i64>,
    /// Its modules in the rules' order, with the person's state.
    pub modules: Vec<ModuleProgress>,
    /// Where the person stands.
    pub progress: lotse_core::qualifications::Progress,
}

/// A started qualification as read: id, title, version, minimum hours, completed at.
type StartedRow = (Uuid, String, i64, i64, Option<i64>);

/// A module of a qualification version with the person's state, as read.
type ModuleRow = (
    Uuid,
    i64,
    Uuid,
    String,
    bool,
    i64,
    Option<i64>,
    Option<Uuid>,
    Option<i64>,
    bool,
);

/// The qualifications `person` has started (a completed module, or a registration for
/// one of its modules) or completed, completed ones last, then by title.
pub async fn progress_of(
    db: &Db,
    person: Uuid,
    now: jiff::Timestamp,
) -> StoreResult<Vec<QualificationProgress>> {
    let now = now.as_second();
    let (started, modules): (Vec<StartedRow>, Vec<(Uuid, i64, ModuleProgress)>) = on_reader!(db, pool => {
        // Judged against the version completed under, else the current one.
        let started = sqlx::query_as(
            "SELECT q.id, v.title, v.version, v.minimum_hours, c.completed_at
             FROM qualifications q
             LEFT JOIN qualification_completions c ON c.qualification_id = q.id AND c.person_id = $1
             JOIN qualification_versions v ON v.qualification_id = q.id AND v.version = COALESCE(c.version, q.version)
             WHERE c.person_id IS NOT NULL
                OR EXISTS (SELECT 1 FROM qualification_modules m
                           JOIN module_completions mc ON mc.offering_id = m.offering_id AND mc.person_id = $1
                           WHERE m.qualification_id = q.id)
                OR EXISTS (SELECT 1 FROM qualification_modules m
                           JOIN sessions s ON s.offering_id = m.offering_id
                           JOIN registrations r ON r.session_id = s.id AND r.person_id = $1
                           WHERE m.qualification_id = q.id AND r.status IN ('confirmed', 'waitlisted'))
             ORDER BY c.completed_at IS NOT NULL, v.title",
        )
        .bind(person)
        .fetch_all(pool)
        .await?;
        let rows: Vec<ModuleRow> = sqlx::query_as(
            "SELECT vm.qualification_id, vm.version, vm.offering_id, o.title, vm.required, vm.hours,
                    mc.completed_at,
                    (SELECT s.id FROM sessions s
                     WHERE s.offering_id = o.id AND s.status = 'planned' AND s.registration_deadline > $2
                     ORDER BY s.starts_at, s.id LIMIT 1) AS next_session,
                    (SELECT MIN(s.starts_at) FROM sessions s
                     WHERE s.offering_id = o.id AND s.status = 'planned' AND s.registration_deadline > $2) AS next_starts_at,
                    EXISTS (SELECT 1 FROM registrations r JOIN sessions s ON s.id = r.session_id
                            WHERE r.person_id = $1 AND s.offering_id = o.id AND s.starts_at > $2
                              AND r.status IN ('confirmed', 'waitlisted')) AS booked
             FROM qualification_version_modules vm
             JOIN offerings o ON o.id = vm.offering_id
             LEFT JOIN module_completions mc ON mc.offering_id = vm.offering_id AND mc.person_id = $1
             ORDER BY vm.required DESC, vm.position",
        )
        .bind(person)
        .bind(now)
        .fetch_all(pool)
        .await?;
        let modules = rows
            .into_iter()
            .map(|(q, v, offering_id, title, required, hours, completed_at, next_session, next_starts_at, booked)| {
                (q, v, ModuleProgress { offering_id, title, required, hours, completed_at, next_session, next_starts_at, booked })
            })
            .collect();
        (started, modules)
    });
    Ok(started
        .into_iter()
        .map(|(id, title, version, minimum_hours, completed_at)| {
            let modules: Vec<ModuleProgress> = modules
                .iter()
                .filter(|(q, v, _)| *q == id && *v == version)
                .map(|(_, _, m)| m.clone())
                .collect();
            let rules = rules(
                minimum_hours,
                modules
                    .iter()
                    .map(|m| (m.offering_id, m.required, m.hours))
                    .collect(),
            );
            let completed: Vec<Uuid> = modules
                .iter()
                .filter(|m| m.completed_at.is_some())
                .map(|m| m.offering_id)
                .collect();
            let done = lotse_core::qualifications::completed_set(completed);
            let progress = lotse_core::qualifications::progress(&rules, &done);
            QualificationProgress {
                id,
                title,
                version,
                completed_at,
                progress,
                modules,
            }
        })
        .collect())
}

/// Writes a qualification's modules and partners and freezes the version, within `$tx`.
macro_rules! write_rules {
    ($tx:expr, $id:expr, $qualification:expr, $partners:expr, $now:expr) => {{
        let modules = $qualification
            .required
            .iter()
            .map(|m| (m, true))
            .chain($qualification.elective.iter().map(|m| (m, false)));
        for (position, (offering_id, required)) in modules.enumerate() {
            sqlx::query(
                "INSERT INTO qualification_modules (qualification_id, offering_id, required, position)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind($id)
            .bind(offering_id)
            .bind(required)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .execute(&mut *$tx)
            .await?;
        }
        for partner in $partners {
            sqlx::query(
                "INSERT INTO qualification_partners (qualification_id, partner_id) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind($id)
            .bind(partner)
            .execute(&mut *$tx)
            .await?;
        }
        freeze_version!($tx, $id, $now);
    }};
}

/// Creates a qualification with its first version; `false` when the title is taken.
pub async fn create(
    db: &Db,
    id: Uuid,
    qualification: &NewQualification,
    partners: &[Uuid],
    now: jiff::Timestamp,
) -> StoreResult<bool> {
    let now = now.as_second();
    Ok(crate::on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let inserted = sqlx::query(
            "INSERT INTO qualifications (id, title, summary, description, minimum_hours, created_at, updated_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $6, 1) ON CONFLICT (title) DO NOTHING",
        )
        .bind(id)
        .bind(qualification.title.as_str())
        .bind(qualification.summary.as_str())
        .bind(qualification.description.as_str())
        .bind(i64::from(qualification.minimum_hours.get()))
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            write_rules!(tx, id, qualification, partners, now);
            tx.commit().await?;
        }
        inserted == 1
    }))
}

/// How changing a qualification went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Saved as this new version.
    Version(i64),
    /// No such qualification.
    NotFound,
    /// Another qualification has this title.
    TitleTaken,
}

/// Changes a qualification: its texts and rules become a new version; completions
/// already reached keep the version they were reached under.
pub async fn update(
    db: &Db,
    id: Uuid,
    qualification: &NewQualification,
    partners: &[Uuid],
    now: jiff::Timestamp,
) -> StoreResult<Changed> {
    let now = now.as_second();
    Ok(crate::on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let taken: Option<Uuid> = sqlx::query_scalar("SELECT id FROM qualifications WHERE title = $1 AND id <> $2")
            .bind(qualification.title.as_str())
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE qualifications SET title = $2, summary = $3, description = $4, minimum_hours = $5,
                    updated_at = $6, version = version + 1
             WHERE id = $1 RETURNING version",
        )
        .bind(id)
        .bind(qualification.title.as_str())
        .bind(qualification.summary.as_str())
        .bind(qualification.description.as_str())
        .bind(i64::from(qualification.minimum_hours.get()))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        match (taken, version) {
            (Some(_), _) => Changed::TitleTaken,
            (None, None) => Changed::NotFound,
            (None, Some(version)) => {
                sqlx::query("DELETE FROM qualification_modules WHERE qualification_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM qualification_partners WHERE qualification_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                write_rules!(tx, id, qualification, partners, now);
                tx.commit().await?;
                Changed::Version(version)
            }
        }
    }))
}

/// The offerings among `ids` as a qualification sees them (whether they count, and hours), in the
/// order asked; unknown ids are left out.
pub async fn modules_among(
    db: &Db,
    ids: &[Uuid],
) -> StoreResult<Vec<lotse_core::catalogue::ModuleHours>> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Option<(bool, i64)> = on_reader!(db, pool => {
            sqlx::query_as("SELECT counts_for_qualifications, duration_hours FROM offerings WHERE id = $1 AND withdrawn_at IS NULL")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        if let Some((counts, hours)) = row {
            found.push(lotse_core::catalogue::ModuleHours {
                offering_id: *id,
                counts,
                hours: lotse_core::catalogue::Hours::parse("duration_hours", hours)
                    .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?,
            });
        }
    }
    Ok(found)
}

/// The partners among `ids` that exist.
pub async fn partners_among(db: &Db, ids: &[Uuid]) -> StoreResult<Vec<Uuid>> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        let exists: Option<Uuid> = on_reader!(db, pool => {
            sqlx::query_scalar("SELECT id FROM partners WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        found.extend(exists);
    }
    Ok(found)
}

/// The partners responsible for a qualification.
pub async fn partners_of(db: &Db, qualification: Uuid) -> StoreResult<Vec<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT partner_id FROM qualification_partners WHERE qualification_id = $1 ORDER BY partner_id")
            .bind(qualification)
            .fetch_all(pool)
            .await?
    }))
}

/// A module a qualification may name, as the editor offers it.
#[derive(Debug, Clone, FromRow)]
pub struct ModuleChoice {
    /// The offering.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its hours.
    pub duration_hours: i64,
    /// Its partner's name.
    pub partner_name: String,
}

/// Every offering of the catalogue that counts toward qualifications and is not
/// withdrawn, by title.
pub async fn module_choices(db: &Db) -> StoreResult<Vec<ModuleChoice>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT o.id, o.title, o.duration_hours, p.name AS partner_name
             FROM offerings o JOIN partners p ON p.id = o.partner_id
             WHERE o.counts_for_qualifications AND o.withdrawn_at IS NULL ORDER BY o.title, o.id",
        )
        .fetch_all(pool)
        .await?
    }))
}

/// A qualification's version number now.
pub async fn version_of(db: &Db, qualification: Uuid) -> StoreResult<Option<i64>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT version FROM qualifications WHERE id = $1")
            .bind(qualification)
            .fetch_optional(pool)
            .await?
    }))
}
