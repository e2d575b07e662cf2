//! Listing offerings with filters and keyset pagination, in SQL: the reference the
//! in-memory index is held to.

use super::*;

/// Lists offerings matching `filter`, in title order, `limit` at a time after
/// `after`, all in SQL. The pages use [`crate::catalogue_index::CatalogueIndex::list`],
/// which answers the same in memory; this is the reference a test holds it to.
pub async fn list_offerings(
    db: &Db,
    filter: &OfferingFilter,
    after: Option<&Cursor>,
    limit: u32,
    now: Timestamp,
) -> StoreResult<OfferingPage> {
    let now = now.as_second();
    let pattern = filter
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(contains_pattern);
    let fetch = i64::from(limit) + 1;
    let (mut rows, total): (Vec<OfferingCardRow>, i64) = on_reader!(db, pool => {
        let rows = bind_filter!(sqlx::query_as::<_, OfferingCardRow>(concat!(
            "SELECT o.id, o.kind, o.title, o.sort_key, o.summary, o.duration_hours, o.format,
                    o.price_cents, o.language, o.level, o.partner_id,
                    (SELECT p.name FROM partners p WHERE p.id = o.partner_id) AS partner_name,
                    (SELECT MIN(s.starts_at) FROM sessions s
                     WHERE s.offering_id = o.id AND s.status = 'planned'
                       AND s.starts_at >= $1) AS next_starts_at",
            offering_filter!(),
            " AND ($10 IS NULL OR o.sort_key > $10 OR (o.sort_key = $10 AND o.id > $11))
              ORDER BY o.sort_key, o.id LIMIT $12"
        )), now, filter, pattern)
        .bind(after.map(|c| c.sort_key.clone()))
        .bind(after.map(|c| c.id))
        .bind(fetch)
        .fetch_all(pool)
        .await?;
        let total: i64 = bind_filter!(
            sqlx::query_scalar(concat!("SELECT COUNT(*)", offering_filter!())),
            now, filter, pattern
        )
        .fetch_one(pool)
        .await?;
        (rows, total)
    });
    let next = cut_page(&mut rows, limit, |r| (&r.sort_key, r.id));
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut topics = topics_of(db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let t = topics.remove(&row.id).unwrap_or_default();
            row.into_card(t)
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(OfferingPage {
        items,
        next,
        total,
        by_relevance: false,
        facets: FacetCounts::default(),
    })
}

/// Cuts `rows`, read with one row more than `limit`, to the page, and returns where
/// the next page starts if there is one.
pub(crate) fn cut_page<T>(
    rows: &mut Vec<T>,
    limit: u32,
    key: impl Fn(&T) -> (&String, Uuid),
) -> Option<Cursor> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() <= limit {
        return None;
    }
    rows.truncate(limit);
    rows.last().map(|r| {
        let (sort_key, id) = key(r);
        Cursor {
            sort_key: sort_key.clone(),
            id,
            score: None,
        }
    })
}

/// The topics of each of `ids`, in vocabulary order.
async fn topics_of(
    db: &Db,
    ids: &[Uuid],
) -> StoreResult<std::collections::HashMap<Uuid, Vec<Topic>>> {
    let mut map: std::collections::HashMap<Uuid, Vec<Topic>> = Default::default();
    if ids.is_empty() {
        return Ok(map);
    }
    let rows: Vec<(Uuid, String)> = on_reader!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT offering_id, topic FROM offering_topics WHERE offering_id IN (",
        );
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        query.push(")");
        query.build_query_as().fetch_all(pool).await?
    });
    for (id, topic) in rows {
        map.entry(id)
            .or_default()
            .push(stored(Topic::parse, &topic)?);
    }
    for topics in map.values_mut() {
        topics.sort();
    }
    Ok(map)
}
