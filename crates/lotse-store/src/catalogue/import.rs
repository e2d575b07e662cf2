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
                "INSERT INTO qualifications (id, title, summary, description, minimum_hours, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
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
        }
        tx.commit().await?;
        Ok(true)
    })
}
