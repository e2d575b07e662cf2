//! Partners, places, counties and qualifications.

use super::*;

/// A partner organization.
#[derive(Debug, Clone, FromRow)]
pub struct Partner {
    /// Its id.
    pub id: Uuid,
    /// Its kind's key.
    #[sqlx(try_from = "String")]
    pub kind: PartnerKindColumn,
    /// Its name.
    pub name: String,
    /// What it does for the center.
    pub description: String,
    /// Its web site.
    pub web_address: String,
}

/// A partner kind read from the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartnerKindColumn(pub PartnerKind);

impl TryFrom<String> for PartnerKindColumn {
    type Error = lotse_core::Invalid;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        PartnerKind::parse(&raw).map(Self)
    }
}

/// Every partner, consortium members first, then by name.
pub async fn partners(db: &Db) -> StoreResult<Vec<Partner>> {
    let mut partners: Vec<Partner> = on_reader!(db, pool => {
        sqlx::query_as("SELECT id, kind, name, description, web_address FROM partners ORDER BY name")
            .fetch_all(pool)
            .await?
    });
    partners.sort_by_key(|p| p.kind.0);
    Ok(partners)
}

/// One partner, or `None`.
pub async fn partner(db: &Db, id: Uuid) -> StoreResult<Option<Partner>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as("SELECT id, kind, name, description, web_address FROM partners WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?
    }))
}

/// Every place with its county, by name.
pub async fn places(db: &Db) -> StoreResult<Vec<PlaceView>> {
    let rows: Vec<(Uuid, String, String, String, String)> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT pl.id, pl.name, pl.address, pl.county, c.name FROM places pl
             JOIN counties c ON c.key = pl.county ORDER BY pl.name",
        )
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name, address, county, county_name)| PlaceView {
            id,
            name,
            address,
            county,
            county_name,
        })
        .collect())
}

/// The counties of the reference data, Brandenburg's first by key, then "outside".
pub async fn counties(db: &Db) -> StoreResult<Vec<(String, String)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as("SELECT key, name FROM counties ORDER BY key")
            .fetch_all(pool)
            .await?
    }))
}

/// A qualification as lists show it.
#[derive(Debug, Clone, FromRow)]
#[allow(missing_docs)]
pub struct QualificationSummary {
    /// Its id.
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    /// Hours needed in all.
    pub minimum_hours: i64,
    /// Number of required modules.
    pub required_modules: i64,
    /// Number of elective modules.
    pub elective_modules: i64,
}

/// Every qualification, by title.
pub async fn qualifications(db: &Db) -> StoreResult<Vec<QualificationSummary>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT q.id, q.title, q.summary, q.minimum_hours,
                    (SELECT COUNT(*) FROM qualification_modules m
                     WHERE m.qualification_id = q.id AND m.required) AS required_modules,
                    (SELECT COUNT(*) FROM qualification_modules m
                     WHERE m.qualification_id = q.id AND NOT m.required) AS elective_modules
             FROM qualifications q ORDER BY q.title",
        )
        .fetch_all(pool)
        .await?
    }))
}

/// A module of a qualification.
#[derive(Debug, Clone, FromRow)]
pub struct QualificationModule {
    /// The offering.
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// Its learning time.
    pub duration_hours: i64,
    /// Required or elective.
    pub required: bool,
    /// Start of its next planned session (epoch seconds).
    pub next_starts_at: Option<i64>,
}

/// A qualification with its modules.
#[derive(Debug, Clone)]
pub struct QualificationDetail {
    /// What the list shows.
    pub summary: QualificationSummary,
    /// Full description.
    pub description: String,
    /// Modules, required first, in their order.
    pub modules: Vec<QualificationModule>,
}

/// One qualification, or `None`.
pub async fn qualification(
    db: &Db,
    id: Uuid,
    now: Timestamp,
) -> StoreResult<Option<QualificationDetail>> {
    let found: Option<(QualificationSummary, String, Vec<QualificationModule>)> = on_reader!(db, pool => {
        let summary: Option<QualificationSummary> = sqlx::query_as(
            "SELECT q.id, q.title, q.summary, q.minimum_hours,
                        (SELECT COUNT(*) FROM qualification_modules m
                         WHERE m.qualification_id = q.id AND m.required) AS required_modules,
                        (SELECT COUNT(*) FROM qualification_modules m
                         WHERE m.qualification_id = q.id AND NOT m.required) AS elective_modules
                 FROM qualifications q WHERE q.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?;
        match summary {
            None => None,
            Some(summary) => {
                let description: String =
                    sqlx::query_scalar("SELECT description FROM qualifications WHERE id = $1")
                        .bind(id)
                        .fetch_one(pool)
                        .await?;
                let modules = sqlx::query_as(
                    "SELECT o.id AS offering_id, o.title, o.duration_hours, m.required,
                                (SELECT MIN(s.starts_at) FROM sessions s
                                 WHERE s.offering_id = o.id AND s.status = 'planned'
                                   AND s.starts_at >= $2) AS next_starts_at
                         FROM qualification_modules m JOIN offerings o ON o.id = m.offering_id
                         WHERE m.qualification_id = $1
                         ORDER BY m.required DESC, m.position",
                )
                .bind(id)
                .bind(now.as_second())
                .fetch_all(pool)
                .await?;
                Some((summary, description, modules))
            }
        }
    });
    Ok(
        found.map(|(summary, description, modules)| QualificationDetail {
            summary,
            description,
            modules,
        }),
    )
}

/// Whether the catalogue holds any offering at all.
pub async fn has_offerings(db: &Db) -> StoreResult<bool> {
    let count: i64 = on_reader!(db, pool => {
        sqlx::query_scalar("SELECT COUNT(*) FROM offerings").fetch_one(pool).await?
    });
    Ok(count > 0)
}
