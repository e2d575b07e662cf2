//! Companies: the profile, members, memberships added and removed.

use super::*;

/// A company as stored.
#[derive(Debug, Clone, FromRow, Serialize)]
#[allow(missing_docs)]
pub struct Company {
    pub id: Uuid,
    pub name: String,
    /// WZ 2008 section.
    pub sector: String,
    /// Staff headcount.
    pub staff_count: i64,
    /// County key.
    pub county: String,
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

/// A member of a company as its administrators see them.
#[derive(Debug, Clone, Serialize)]
#[allow(missing_docs)]
pub struct CompanyMember {
    /// The person.
    pub person_id: Uuid,
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

/// Changes a company's profile; `false` if there is no such company. When its county,
/// sector or staff change, what they were is kept with the moment it ended (for
/// reports of the time before).
pub async fn update_company(db: &Db, id: Uuid, c: &NewCompany) -> StoreResult<bool> {
    let now = crate::now_seconds();
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        sqlx::query(
            "INSERT INTO company_history (company_id, valid_until, county, sector, staff_count)
             SELECT id, $5, county, sector, staff_count FROM companies
             WHERE id = $1 AND (county <> $2 OR sector <> $3 OR staff_count <> $4)
             ON CONFLICT (company_id, valid_until) DO NOTHING",
        )
        .bind(id)
        .bind(&c.county)
        .bind(c.sector.to_string())
        .bind(i64::from(c.staff_count))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let updated = sqlx::query("UPDATE companies SET name = $2, sector = $3, staff_count = $4, county = $5, address = $6 WHERE id = $1")
            .bind(id)
            .bind(&c.name)
            .bind(c.sector.to_string())
            .bind(i64::from(c.staff_count))
            .bind(&c.county)
            .bind(&c.address)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        tx.commit().await?;
        updated
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
        let mut tx = crate::begin(pool).await?;
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

/// The chambers and associations a company may declare itself a member of: id and name,
/// by name.
pub async fn social_partners(db: &Db) -> StoreResult<Vec<(Uuid, String)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as("SELECT id, name FROM partners WHERE kind IN ('chamber', 'association') ORDER BY name")
            .fetch_all(pool)
            .await?
    }))
}

/// The partners `company` declared itself a member of.
pub async fn member_of(db: &Db, company: Uuid) -> StoreResult<Vec<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT partner_id FROM company_member_of WHERE company_id = $1 ORDER BY partner_id")
            .bind(company)
            .fetch_all(pool)
            .await?
    }))
}

/// Makes `partners` the partners `company` is a member of, keeping the date of those it
/// had declared before; `false` when nothing changed.
pub async fn declare_member_of(
    db: &Db,
    company: Uuid,
    partners: &[Uuid],
    now: i64,
) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let before: Vec<Uuid> = sqlx::query_scalar("SELECT partner_id FROM company_member_of WHERE company_id = $1")
            .bind(company)
            .fetch_all(&mut *tx)
            .await?;
        let mut changed = false;
        for gone in before.iter().filter(|p| !partners.contains(p)) {
            sqlx::query("DELETE FROM company_member_of WHERE company_id = $1 AND partner_id = $2")
                .bind(company)
                .bind(gone)
                .execute(&mut *tx)
                .await?;
            changed = true;
        }
        for new in partners.iter().filter(|p| !before.contains(p)) {
            sqlx::query("INSERT INTO company_member_of (company_id, partner_id, declared_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(company)
                .bind(new)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            changed = true;
        }
        tx.commit().await?;
        changed
    }))
}
