//! Materials of offerings and sessions: the rows describing them (files themselves
//! live in the materials folder, kept by the web layer), and who may see them.

use super::*;

/// A material as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Material {
    /// Its id; a file is kept under this name.
    pub id: Uuid,
    /// The offering it belongs to.
    pub offering_id: Uuid,
    /// The session it belongs to, or `None` for the whole offering.
    pub session_id: Option<Uuid>,
    /// What people see in the list.
    pub title: String,
    /// `everyone` or `participants`.
    pub audience: String,
    /// A link material's address.
    pub url: Option<String>,
    /// A file material's name for downloads.
    pub file_name: Option<String>,
    /// A file material's content type.
    pub content_type: Option<String>,
    /// A file material's size.
    pub size_bytes: Option<i64>,
    /// A file material's SHA-256, hex.
    pub sha256: Option<String>,
    /// When it was added (Unix seconds).
    pub created_at: i64,
}

impl Material {
    /// Whether anybody may see it.
    pub fn for_everyone(&self) -> bool {
        self.audience == "everyone"
    }
}

/// The columns of [`Material`], from the table aliased `m`.
macro_rules! material_columns {
    () => {
        "m.id, m.offering_id, m.session_id, m.title, m.audience, m.url, m.file_name,
         m.content_type, m.size_bytes, m.sha256, m.created_at"
    };
}

/// Stores a material described by `m`, added by `by`.
pub async fn add_material(db: &Db, m: &Material, by: Uuid) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO materials (id, offering_id, session_id, title, audience, url, file_name,
                 content_type, size_bytes, sha256, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(m.id)
        .bind(m.offering_id)
        .bind(m.session_id)
        .bind(&m.title)
        .bind(&m.audience)
        .bind(&m.url)
        .bind(&m.file_name)
        .bind(&m.content_type)
        .bind(m.size_bytes)
        .bind(&m.sha256)
        .bind(by)
        .bind(m.created_at)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Every material of `offering`, its sessions' included: the offering's own first,
/// then by session start, each group in the order added.
pub async fn materials_of_offering(db: &Db, offering: Uuid) -> StoreResult<Vec<Material>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(concat!(
            "SELECT ", material_columns!(), " FROM materials m LEFT JOIN sessions s ON s.id = m.session_id
             WHERE m.offering_id = $1
             ORDER BY m.session_id IS NOT NULL, s.starts_at, m.created_at, m.id"
        ))
        .bind(offering)
        .fetch_all(pool)
        .await?
    }))
}

/// One material with the partner of its offering, for deciding who may see or remove
/// it.
pub async fn material(db: &Db, id: Uuid) -> StoreResult<Option<(Material, Uuid)>> {
    Ok(on_reader!(db, pool => {
        let row: Option<(Uuid,)> = sqlx::query_as(
            "SELECT o.partner_id FROM materials m JOIN offerings o ON o.id = m.offering_id
             WHERE m.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?;
        match row {
            None => None,
            Some((partner,)) => {
                let m: Material = sqlx::query_as(concat!("SELECT ", material_columns!(), " FROM materials m WHERE m.id = $1"))
                    .bind(id)
                    .fetch_one(pool)
                    .await?;
                Some((m, partner))
            }
        }
    }))
}

/// Whether `person` has or had a seat (confirmed or attended) in `session`, or, for
/// `None`, in any session of `offering`.
pub async fn holds_seat_for(
    db: &Db,
    person: Uuid,
    offering: Uuid,
    session: Option<Uuid>,
) -> StoreResult<bool> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM registrations r JOIN sessions s ON s.id = r.session_id
             WHERE r.person_id = $1 AND r.status IN ('confirmed', 'attended')
               AND s.offering_id = $2 AND ($3 IS NULL OR s.id = $3)",
        )
        .bind(person)
        .bind(offering)
        .bind(session)
        .fetch_one(pool)
        .await?
            > 0
    }))
}

/// The materials `person` may open as a participant, by the session of their seat:
/// the session's own and those of its whole offering, for every session in which
/// they have or had a seat.
pub async fn materials_of_seats(db: &Db, person: Uuid) -> StoreResult<Vec<(Uuid, Material)>> {
    #[derive(FromRow)]
    struct Row {
        seat_session: Uuid,
        #[sqlx(flatten)]
        material: Material,
    }
    let rows: Vec<Row> = on_reader!(db, pool => {
        sqlx::query_as(concat!(
            "SELECT r.session_id AS seat_session, ", material_columns!(), "
             FROM registrations r
             JOIN sessions s ON s.id = r.session_id
             JOIN materials m ON m.offering_id = s.offering_id
                             AND (m.session_id IS NULL OR m.session_id = r.session_id)
             WHERE r.person_id = $1 AND r.status IN ('confirmed', 'attended')
             ORDER BY r.session_id, m.session_id IS NOT NULL, m.created_at, m.id"
        ))
        .bind(person)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| (r.seat_session, r.material))
        .collect())
}

/// Removes a material's row; returns it (so that its file can go too), or `None`.
pub async fn remove_material(db: &Db, id: Uuid) -> StoreResult<Option<Material>> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let found: Option<Material> =
            sqlx::query_as(concat!("SELECT ", material_columns!(), " FROM materials m WHERE m.id = $1"))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM materials WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        found
    }))
}

/// The ids of every file material, for backups and for finding stray files.
pub async fn material_files(db: &Db) -> StoreResult<Vec<(Uuid, String)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT id, sha256 FROM materials WHERE file_name IS NOT NULL ORDER BY id",
        )
        .fetch_all(pool)
        .await?
    }))
}
