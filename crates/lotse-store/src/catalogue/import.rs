//! Loading a whole catalogue at once (the demo center, imports).

use super::*;

/// Everything the demo or an import writes in one go.
#[derive(Debug, Default)]
#[allow(missing_docs)]
pub struct CatalogueImport {
    /// Partners with the ids to store them under.
    pub partners: Vec<(Uuid, NewPartner)>,
    pub places: Vec<(Uuid, NewPlace)>,
    pub offerings: Vec<(Uuid, NewOffering)>,
    pub sessions: Vec<(Uuid, NewSession)>,
    pub qualifications: Vec<(Uuid, NewQualification)>,
}

/// Writes a whole catalogue in one transaction, and marks the import in `meta` under
/// `marker` so that it is never written twice. Returns `false`, writing nothing, when
/// the marker is already set.
pub async fn import(
    db: &Db,
    data: &CatalogueImport,
    marker: &str,
    now: Timestamp,
) -> StoreResult<bool> {
    let now = now.as_second();
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let inserted = sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(marker)
            .bind(now.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if inserted == 0 {
            return Ok(false);
        }
        for (id, p) in &data.partners {
            sqlx::query("INSERT INTO partners (id, kind, name, description, web_address, created_at)
                         VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(id)
                .bind(p.kind.key())
                .bind(p.name.as_str())
                .bind(p.description.as_str())
                .bind(p.web_address.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        for (id, p) in &data.places {
            sqlx::query("INSERT INTO places (id, name, address, county) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(p.name.as_str())
                .bind(p.address.as_str())
                .bind(p.county)
                .execute(&mut *tx)
                .await?;
        }
        for (id, o) in &data.offerings {
            insert_offering!(tx, id, o, now);
        }
        for (id, s) in &data.sessions {
            insert_session!(tx, id, s, now);
        }
        for (id, q) in &data.qualifications {
            sqlx::query(
                "INSERT INTO qualifications (id, title, summary, description, minimum_hours, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(id)
            .bind(q.title.as_str())
            .bind(q.summary.as_str())
            .bind(q.description.as_str())
            .bind(i64::from(q.minimum_hours.get()))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let modules = q.required.iter().map(|m| (m, true)).chain(q.elective.iter().map(|m| (m, false)));
            for (position, (offering_id, required)) in modules.enumerate() {
                sqlx::query(
                    "INSERT INTO qualification_modules (qualification_id, offering_id, required, position)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(offering_id)
                .bind(required)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .execute(&mut *tx)
                .await?;
            }
            crate::qualifications::freeze_version!(tx, id, now);
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// An offering with an external id as stored: id, partner, external id, withdrawn at.
type ExternalRow = (Uuid, Uuid, String, Option<i64>);

/// Offerings that carry an external id, with the starts of their sessions that were not
/// called off: what an import matches its rows against.
pub async fn offerings_by_external_id(
    db: &Db,
) -> StoreResult<std::collections::HashMap<(Uuid, String), lotse_core::import::Existing>> {
    let (offerings, starts): (Vec<ExternalRow>, Vec<(Uuid, i64)>) = on_reader!(db, pool => {
        let offerings = sqlx::query_as(
            "SELECT id, partner_id, external_id, withdrawn_at FROM offerings WHERE external_id IS NOT NULL",
        )
        .fetch_all(pool)
        .await?;
        let starts = sqlx::query_as(
            "SELECT s.offering_id, s.starts_at FROM sessions s
             JOIN offerings o ON o.id = s.offering_id
             WHERE o.external_id IS NOT NULL AND s.status = 'planned'",
        )
        .fetch_all(pool)
        .await?;
        (offerings, starts)
    });
    let mut by_id = std::collections::HashMap::new();
    for (offering, start) in starts {
        by_id
            .entry(offering)
            .or_insert_with(Vec::new)
            .push(instant(start)?);
    }
    Ok(offerings
        .into_iter()
        .map(|(id, partner, external_id, withdrawn_at)| {
            let existing = lotse_core::import::Existing {
                id,
                withdrawn: withdrawn_at.is_some(),
                session_starts: by_id.remove(&id).unwrap_or_default(),
            };
            ((partner, external_id), existing)
        })
        .collect())
}

/// Why an import was not written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Someone changed the same offerings meanwhile (an external id taken, an offering
    /// withdrawn or a partner or place removed); nothing was written.
    #[error("the catalogue changed while importing")]
    ChangedMeanwhile,
    /// Anything else.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() || d.is_unique_violation() => {
                ImportError::ChangedMeanwhile
            }
            _ => ImportError::Store(StoreError::Query(e)),
        }
    }
}

/// Writes an import plan without errors in one transaction: offerings created or
/// replaced, each with its external id, and the new sessions.
pub async fn apply_import(
    db: &Db,
    plan: &lotse_core::import::Plan,
    now: Timestamp,
) -> Result<(), ImportError> {
    let now = now.as_second();
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        for planned in &plan.offerings {
            let (id, o) = (&planned.id, &planned.offering);
            if planned.exists {
                // Only a live offering is updated; one withdrawn since the dry run is
                // reported, not revived.
                let live: Option<Uuid> = sqlx::query_scalar(
                    "SELECT id FROM offerings WHERE id = $1 AND withdrawn_at IS NULL",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                if live.is_none() || !update_offering!(tx, id, o, now) {
                    return Err(ImportError::ChangedMeanwhile);
                }
            } else {
                insert_offering!(tx, id, o, now);
                sqlx::query("UPDATE offerings SET external_id = $2 WHERE id = $1")
                    .bind(id)
                    .bind(planned.external_id.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for (id, s) in &plan.sessions {
            insert_session!(tx, id, s, now);
        }
        tx.commit().await?;
    });
    Ok(())
}

/// Keeps an uploaded file for its uploader until the import is confirmed.
pub async fn keep_upload(
    db: &Db,
    id: Uuid,
    person: Uuid,
    file_name: &str,
    content: &[u8],
    now: Timestamp,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO catalogue_uploads (id, person_id, file_name, content, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(person)
        .bind(file_name)
        .bind(content)
        .bind(now.as_second())
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// An upload of `person` no older than a day: its file name and content.
pub async fn upload(
    db: &Db,
    id: Uuid,
    person: Uuid,
    now: Timestamp,
) -> StoreResult<Option<(String, Vec<u8>)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT file_name, content FROM catalogue_uploads
             WHERE id = $1 AND person_id = $2 AND created_at > $3",
        )
        .bind(id)
        .bind(person)
        .bind(now.as_second() - 24 * 3600)
        .fetch_optional(pool)
        .await?
    }))
}

/// Forgets an upload once it is imported.
pub async fn forget_upload(db: &Db, id: Uuid) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query("DELETE FROM catalogue_uploads WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await?;
    });
    Ok(())
}
