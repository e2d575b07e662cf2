//! Document templates staff changed in the browser: one row per template name,
//! replacing the operator's file and the built-in template until it is reset.

use crate::{Db, StoreResult, on_reader, on_writer};
use sqlx::FromRow;
use uuid::Uuid;

/// A template as staff last saved it.
#[derive(Debug, Clone, FromRow)]
pub struct StoredTemplate {
    /// The typst source.
    pub source: String,
    /// When it was saved, in seconds.
    pub changed_at: i64,
    /// Who saved it, while that person's account exists.
    pub changed_by: Option<String>,
}

/// The template `name` (`zertifikat` or `check-bericht`) as staff saved it, if they did.
pub async fn template(db: &Db, name: &str) -> StoreResult<Option<StoredTemplate>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT t.source, t.changed_at, p.name AS changed_by
             FROM document_templates t LEFT JOIN people p ON p.id = t.changed_by
             WHERE t.name = $1",
        )
        .bind(name)
        .fetch_optional(pool)
        .await?
    }))
}

/// Saves `source` as template `name`, changed by `by` at `now` (seconds).
pub async fn save_template(
    db: &Db,
    name: &str,
    source: &str,
    by: Uuid,
    now: i64,
) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO document_templates (name, source, changed_at, changed_by)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO UPDATE SET source = $2, changed_at = $3, changed_by = $4",
        )
        .bind(name)
        .bind(source)
        .bind(now)
        .bind(by)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Deletes staff's version of template `name`; returns whether there was one.
pub async fn reset_template(db: &Db, name: &str) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        sqlx::query("DELETE FROM document_templates WHERE name = $1")
            .bind(name)
            .execute(pool)
            .await?
            .rows_affected()
            == 1
    }))
}
