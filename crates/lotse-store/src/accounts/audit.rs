//! The audit log: who did what to which object, from where.

use super::*;

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

/// Which audit entries to read; every part optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Entries by this person or about them (their id as the subject).
    pub person: Option<Uuid>,
    /// Actions starting with this, e.g. `participants` or `login.failed`.
    pub action: Option<String>,
    /// From this moment on (epoch seconds).
    pub from: Option<i64>,
    /// Before this moment (epoch seconds).
    pub to: Option<i64>,
}

/// The newest `limit` audit entries matching `filter`.
pub async fn audit_entries_where(
    db: &Db,
    filter: &AuditFilter,
    limit: i64,
) -> StoreResult<Vec<AuditEntry>> {
    let action = filter.action.as_ref().map(|a| {
        let escaped = a
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("{escaped}%")
    });
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT at, actor_id, action, subject, ip, details FROM audit_log
             WHERE ($1 IS NULL OR actor_id = $1 OR subject = $2)
               AND ($3 IS NULL OR action LIKE $3 ESCAPE '\\')
               AND ($4 IS NULL OR at >= $4) AND ($5 IS NULL OR at < $5)
             ORDER BY at DESC, id DESC LIMIT $6",
        )
        .bind(filter.person)
        .bind(filter.person.map(|p| p.to_string()))
        .bind(action)
        .bind(filter.from)
        .bind(filter.to)
        .bind(limit)
        .fetch_all(pool)
        .await?
    }))
}
