//! Catalogue queries: offerings with filters and keyset pagination, sessions with
//! free seats, qualifications, partners, places and counties.

use crate::{Db, StoreError, StoreResult, instant, on_reader, on_writer, stored};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::Timestamp;
use lotse_core::catalogue::{
    Audience, Format, Language, Level, NewOffering, NewPartner, NewPlace, NewQualification,
    NewSession, OfferingKind, PartnerKind, SessionStatus, Topic, seats_free,
};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use uuid::Uuid;

/// The catalogue's sort key: lower case, German umlauts folded, so that "Ärger" sorts
/// with "Aerger" the same way on every backend.
pub fn sort_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => key.push_str("ae"),
            'ö' => key.push_str("oe"),
            'ü' => key.push_str("ue"),
            'ß' => key.push_str("ss"),
            c => key.push(c),
        }
    }
    key
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern that finds `needle`.
fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::from("%");
    for c in needle.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Where a page of the catalogue continues: after this sort key and id.
///
/// Sent to clients as an opaque URL-safe string; anything that does not decode is
/// refused rather than guessed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "k")]
    pub(crate) sort_key: String,
    #[serde(rename = "i")]
    pub(crate) id: Uuid,
}

impl Cursor {
    /// The opaque text form.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Reads the opaque text form; `None` if it was not made by [`Cursor::encode`].
    pub fn decode(raw: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Filters of the catalogue; every one is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct OfferingFilter {
    /// Only offerings with this topic.
    pub topic: Option<Topic>,
    /// Only offerings of this kind.
    pub kind: Option<OfferingKind>,
    /// Only offerings for this audience.
    pub audience: Option<Audience>,
    /// Only offerings of this partner.
    pub partner: Option<Uuid>,
    /// Only offerings with an upcoming planned session at this place.
    pub place: Option<Uuid>,
    /// Only offerings with a planned session starting at or after this instant.
    pub from: Option<Timestamp>,
    /// Only offerings with a planned session starting before this instant.
    pub to: Option<Timestamp>,
    /// Only offerings whose title, summary or description contain this text.
    pub q: Option<String>,
}

/// A partner as other objects name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRef {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// An offering as the catalogue lists it.
#[derive(Debug, Clone)]
pub struct OfferingCard {
    /// Its id.
    pub id: Uuid,
    /// Kind.
    pub kind: OfferingKind,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Learning time in hours.
    pub duration_hours: i64,
    /// Format.
    pub format: Format,
    /// Price in cents.
    pub price_cents: i64,
    /// Language.
    pub language: Language,
    /// Level.
    pub level: Level,
    /// The partner that runs it.
    pub partner: PartnerRef,
    /// Its topics.
    pub topics: Vec<Topic>,
    /// The start of its next planned session, if any.
    pub next_session: Option<Timestamp>,
}

/// One page of offerings.
#[derive(Debug, Clone)]
pub struct OfferingPage {
    /// The offerings of this page.
    pub items: Vec<OfferingCard>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
    /// How many offerings match the filter in all.
    pub total: i64,
}

#[derive(FromRow)]
pub(crate) struct OfferingCardRow {
    pub(crate) id: Uuid,
    kind: String,
    title: String,
    pub(crate) sort_key: String,
    summary: String,
    duration_hours: i64,
    format: String,
    price_cents: i64,
    language: String,
    level: String,
    partner_id: Uuid,
    partner_name: String,
    next_starts_at: Option<i64>,
}

impl OfferingCardRow {
    pub(crate) fn into_card(self, topics: Vec<Topic>) -> StoreResult<OfferingCard> {
        Ok(OfferingCard {
            id: self.id,
            kind: stored(OfferingKind::parse, &self.kind)?,
            title: self.title,
            summary: self.summary,
            duration_hours: self.duration_hours,
            format: stored(Format::parse, &self.format)?,
            price_cents: self.price_cents,
            language: stored(Language::parse, &self.language)?,
            level: stored(Level::parse, &self.level)?,
            partner: PartnerRef {
                id: self.partner_id,
                name: self.partner_name,
            },
            topics,
            next_session: self.next_starts_at.map(instant).transpose()?,
        })
    }
}

/// The WHERE clause shared by the list and its count. Topic and audience are
/// `IN (…)` rather than `EXISTS`: the subquery is read once through its topic index
/// instead of once per offering (8 → 3 ms counting 10,000 offerings on SQLite).
/// Parameters: $1 now, $2 topic,
/// $3 kind, $4 audience, $5 partner, $6 place, $7 from, $8 to, $9 text pattern.
macro_rules! offering_filter {
    () => {
        " FROM offerings o
          WHERE o.withdrawn_at IS NULL
            AND ($2 IS NULL OR o.id IN (SELECT t.offering_id FROM offering_topics t
                                        WHERE t.topic = $2))
            AND ($3 IS NULL OR o.kind = $3)
            AND ($4 IS NULL OR o.id IN (SELECT a.offering_id FROM offering_audiences a
                                        WHERE a.audience = $4))
            AND ($5 IS NULL OR o.partner_id = $5)
            AND (($6 IS NULL AND $7 IS NULL AND $8 IS NULL) OR EXISTS (
                  SELECT 1 FROM sessions s
                  WHERE s.offering_id = o.id AND s.status = 'planned'
                    AND ($6 IS NULL OR s.place_id = $6)
                    AND s.starts_at >= COALESCE($7, $1)
                    AND ($8 IS NULL OR s.starts_at < $8)))
            AND ($9 IS NULL OR o.search_text LIKE $9 ESCAPE '\\') "
    };
}

/// Binds the shared filter parameters $1 to $9 in order.
macro_rules! bind_filter {
    ($query:expr, $now:expr, $f:expr, $pattern:expr) => {
        $query
            .bind($now)
            .bind($f.topic.map(Topic::key))
            .bind($f.kind.map(OfferingKind::key))
            .bind($f.audience.map(Audience::key))
            .bind($f.partner)
            .bind($f.place)
            .bind($f.from.map(|t| t.as_second()))
            .bind($f.to.map(|t| t.as_second()))
            .bind($pattern.clone())
    };
}

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
    Ok(OfferingPage { items, next, total })
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

/// A place as sessions show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceView {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its address.
    pub address: String,
    /// The county's key.
    pub county: String,
    /// The county's name.
    pub county_name: String,
}

/// A session with its free seats.
#[derive(Debug, Clone)]
pub struct SessionView {
    /// Its id.
    pub id: Uuid,
    /// Start.
    pub starts_at: Timestamp,
    /// End.
    pub ends_at: Timestamp,
    /// Registration closes then.
    pub registration_deadline: Timestamp,
    /// The place, if in person.
    pub place: Option<PlaceView>,
    /// The link, if online.
    pub online_link: Option<String>,
    /// Seats.
    pub capacity: i64,
    /// Seats not taken by a confirmed registration.
    pub seats_free: i64,
    /// People waiting for a seat.
    pub waitlist_length: i64,
    /// Participants may cancel themselves until this many hours before the start.
    pub cancellation_cutoff_hours: i64,
    /// Planned or cancelled.
    pub status: SessionStatus,
}

#[derive(FromRow)]
struct SessionRow {
    id: Uuid,
    starts_at: i64,
    ends_at: i64,
    registration_deadline: i64,
    place_id: Option<Uuid>,
    place_name: Option<String>,
    place_address: Option<String>,
    place_county: Option<String>,
    county_name: Option<String>,
    online_link: Option<String>,
    capacity: i64,
    confirmed_count: i64,
    waitlist_count: i64,
    cancellation_cutoff_hours: i64,
    status: String,
}

impl SessionRow {
    fn into_view(self) -> StoreResult<SessionView> {
        let place = match (
            self.place_id,
            self.place_name,
            self.place_address,
            self.place_county,
            self.county_name,
        ) {
            (Some(id), Some(name), Some(address), Some(county), Some(county_name)) => {
                Some(PlaceView {
                    id,
                    name,
                    address,
                    county,
                    county_name,
                })
            }
            _ => None,
        };
        Ok(SessionView {
            id: self.id,
            starts_at: instant(self.starts_at)?,
            ends_at: instant(self.ends_at)?,
            registration_deadline: instant(self.registration_deadline)?,
            place,
            online_link: self.online_link,
            capacity: self.capacity,
            seats_free: seats_free(self.capacity, self.confirmed_count),
            waitlist_length: self.waitlist_count,
            cancellation_cutoff_hours: self.cancellation_cutoff_hours,
            status: stored(SessionStatus::parse, &self.status)?,
        })
    }
}

/// An offering with everything its page shows.
#[derive(Debug, Clone)]
pub struct OfferingDetail {
    /// What the list shows.
    pub card: OfferingCard,
    /// Full description.
    pub description: String,
    /// Learning outcomes.
    pub learning_outcomes: Vec<String>,
    /// Audiences.
    pub audiences: Vec<Audience>,
    /// Sessions that have not ended yet, planned or cancelled, by start.
    pub sessions: Vec<SessionView>,
    /// Qualifications this offering is a module of.
    pub qualifications: Vec<QualificationRef>,
}

/// A qualification as other objects name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualificationRef {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Whether the module is required in it.
    pub required: bool,
}

/// An offering's card with its description and learning outcomes, as read.
#[derive(FromRow)]
struct OfferingDetailRow {
    #[sqlx(flatten)]
    card: OfferingCardRow,
    description: String,
    learning_outcomes: String,
}

/// Everything an offering's page shows, as read: the card with its text, topics and
/// audiences as (`topic` | `audience`, key), sessions, qualifications.
type OfferingRead = (
    OfferingDetailRow,
    Vec<(String, String)>,
    Vec<SessionRow>,
    Vec<(Uuid, String, bool)>,
);

/// One offering with its upcoming sessions, or `None` if there is no such offering.
///
/// Four queries on one connection: the page is read often (and renewed in the public
/// cache every second), and on SQLite every query is a round trip to the connection's
/// thread.
pub async fn offering(db: &Db, id: Uuid, now: Timestamp) -> StoreResult<Option<OfferingDetail>> {
    let now_s = now.as_second();
    let found: Option<OfferingRead> = on_reader!(db, pool => {
        let mut conn = pool.acquire().await?;
        let row = sqlx::query_as::<_, OfferingDetailRow>(
            "SELECT o.id, o.kind, o.title, o.sort_key, o.summary, o.duration_hours, o.format,
                    o.price_cents, o.language, o.level, o.partner_id,
                    p.name AS partner_name,
                    (SELECT MIN(s.starts_at) FROM sessions s
                     WHERE s.offering_id = o.id AND s.status = 'planned'
                       AND s.starts_at >= $2) AS next_starts_at,
                    o.description, o.learning_outcomes
             FROM offerings o JOIN partners p ON p.id = o.partner_id
             WHERE o.id = $1 AND o.withdrawn_at IS NULL",
        )
        .bind(id)
        .bind(now_s)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            Some(row) => {
                let keys: Vec<(String, String)> = sqlx::query_as(
                    "SELECT 'topic' AS what, topic AS key FROM offering_topics WHERE offering_id = $1
                     UNION ALL
                     SELECT 'audience' AS what, audience AS key FROM offering_audiences WHERE offering_id = $1",
                )
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
                let sessions = sqlx::query_as::<_, SessionRow>(concat!(
                    session_select!(),
                    " WHERE s.offering_id = $1 AND s.ends_at > $2 ORDER BY s.starts_at, s.id"
                ))
                .bind(id)
                .bind(now_s)
                .fetch_all(&mut *conn)
                .await?;
                let qualifications = sqlx::query_as(
                    "SELECT q.id, q.title, m.required FROM qualification_modules m
                         JOIN qualifications q ON q.id = m.qualification_id
                         WHERE m.offering_id = $1 ORDER BY q.title",
                )
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
                Some((row, keys, sessions, qualifications))
            }
            None => None,
        }
    });
    let Some((row, keys, sessions, qualifications)) = found else {
        return Ok(None);
    };
    let OfferingDetailRow {
        card,
        description,
        learning_outcomes,
    } = row;
    let mut topics = Vec::new();
    let mut audiences = Vec::new();
    for (what, key) in &keys {
        if what == "topic" {
            topics.push(stored(Topic::parse, key)?);
        } else {
            audiences.push(stored(Audience::parse, key)?);
        }
    }
    topics.sort();
    audiences.sort();
    let learning_outcomes: Vec<String> = serde_json::from_str(&learning_outcomes)
        .map_err(|e| StoreError::Corrupt(format!("learning_outcomes of {id}: {e}")))?;
    Ok(Some(OfferingDetail {
        card: card.into_card(topics)?,
        description,
        learning_outcomes,
        audiences,
        sessions: sessions
            .into_iter()
            .map(SessionRow::into_view)
            .collect::<StoreResult<_>>()?,
        qualifications: qualifications
            .into_iter()
            .map(|(id, title, required)| QualificationRef {
                id,
                title,
                required,
            })
            .collect(),
    }))
}

/// The columns of a session with its place, for [`SessionRow`].
macro_rules! session_select {
    () => {
        "SELECT s.id, s.starts_at, s.ends_at, s.registration_deadline, s.place_id,
                pl.name AS place_name, pl.address AS place_address, pl.county AS place_county,
                c.name AS county_name, s.online_link, s.capacity, s.confirmed_count,
                s.waitlist_count, s.cancellation_cutoff_hours, s.status
         FROM sessions s
         LEFT JOIN places pl ON pl.id = s.place_id
         LEFT JOIN counties c ON c.key = pl.county"
    };
}
use session_select;

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
pub struct QualificationSummary {
    /// Its id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Summary.
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

/// Inserts an offering with its topics and audiences, inside a transaction `$tx`.
macro_rules! insert_offering {
    ($tx:expr, $id:expr, $o:expr, $now:expr) => {{
        let (id, o, now) = ($id, $o, $now);
        let outcomes: Vec<&str> = o.learning_outcomes.iter().map(|l| l.as_str()).collect();
        let outcomes =
            serde_json::to_string(&outcomes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let search_text = format!(
            "{} {} {}",
            o.title.as_str(),
            o.summary.as_str(),
            o.description.as_str()
        )
        .to_lowercase();
        sqlx::query(
            "INSERT INTO offerings (id, kind, title, sort_key, search_text, summary, description,
                    learning_outcomes, duration_hours, format, partner_id, price_cents, language,
                    level, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
        )
        .bind(id)
        .bind(o.kind.key())
        .bind(o.title.as_str())
        .bind(sort_key(o.title.as_str()))
        .bind(search_text)
        .bind(o.summary.as_str())
        .bind(o.description.as_str())
        .bind(outcomes)
        .bind(i64::from(o.duration_hours.get()))
        .bind(o.format.key())
        .bind(o.partner_id)
        .bind(i64::from(o.price_cents.cents()))
        .bind(o.language.key())
        .bind(o.level.key())
        .bind(now)
        .execute(&mut *$tx)
        .await?;
        for topic in &o.topics {
            sqlx::query("INSERT INTO offering_topics (offering_id, topic) VALUES ($1, $2)")
                .bind(id)
                .bind(topic.key())
                .execute(&mut *$tx)
                .await?;
        }
        for audience in &o.audiences {
            sqlx::query("INSERT INTO offering_audiences (offering_id, audience) VALUES ($1, $2)")
                .bind(id)
                .bind(audience.key())
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// Inserts a planned session inside a transaction `$tx`.
macro_rules! insert_session {
    ($tx:expr, $id:expr, $s:expr, $now:expr) => {{
        let (id, s, now) = ($id, $s, $now);
        sqlx::query(
            "INSERT INTO sessions (id, offering_id, starts_at, ends_at, registration_deadline,
                    place_id, online_link, capacity, status, created_at, cancellation_cutoff_hours)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10)",
        )
        .bind(id)
        .bind(s.offering_id)
        .bind(s.times.starts_at.as_second())
        .bind(s.times.ends_at.as_second())
        .bind(s.times.registration_deadline.as_second())
        .bind(s.venue.place_id)
        .bind(s.venue.online_link.as_ref().map(|l| l.as_str().to_owned()))
        .bind(i64::from(s.capacity.get()))
        .bind(now)
        .bind(i64::from(s.cancellation_cutoff_hours.get()))
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Everything the demo or an import writes in one go.
#[derive(Debug, Default)]
pub struct CatalogueImport {
    /// Partners with the ids to store them under.
    pub partners: Vec<(Uuid, NewPartner)>,
    /// Places.
    pub places: Vec<(Uuid, NewPlace)>,
    /// Offerings.
    pub offerings: Vec<(Uuid, NewOffering)>,
    /// Sessions.
    pub sessions: Vec<(Uuid, NewSession)>,
    /// Qualifications.
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
        let mut tx = pool.begin().await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_key_folds_umlauts_and_case() {
        assert_eq!(sort_key("Ärger über Straßen"), "aerger ueber strassen");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(contains_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn a_cursor_survives_its_round_trip_and_garbage_is_refused() {
        let cursor = Cursor {
            sort_key: "lager".into(),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("not-a-cursor"), None);
        assert_eq!(Cursor::decode("eyJrIjoxfQ"), None);
    }
}

/// Why a catalogue change was refused by the database.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// A referenced partner or place does not exist.
    #[error("a referenced partner or place does not exist")]
    MissingReference,
    /// Anything else.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for EditError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => EditError::MissingReference,
            _ => EditError::Store(StoreError::Query(e)),
        }
    }
}

/// Creates an offering.
pub async fn create_offering(
    db: &Db,
    id: Uuid,
    offering: &NewOffering,
    now: Timestamp,
) -> Result<(), EditError> {
    let now = now.as_second();
    on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        insert_offering!(tx, &id, offering, now);
        tx.commit().await?;
    });
    Ok(())
}

/// Replaces every field of an offering; `false` if there is no such offering.
pub async fn replace_offering(
    db: &Db,
    id: Uuid,
    o: &NewOffering,
    now: Timestamp,
) -> Result<bool, EditError> {
    let now = now.as_second();
    let outcomes: Vec<&str> = o.learning_outcomes.iter().map(|l| l.as_str()).collect();
    let outcomes =
        serde_json::to_string(&outcomes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let search_text = format!(
        "{} {} {}",
        o.title.as_str(),
        o.summary.as_str(),
        o.description.as_str()
    )
    .to_lowercase();
    Ok(on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        let updated = sqlx::query(
            "UPDATE offerings SET kind = $2, title = $3, sort_key = $4, search_text = $5, summary = $6,
                    description = $7, learning_outcomes = $8, duration_hours = $9, format = $10,
                    partner_id = $11, price_cents = $12, language = $13, level = $14, updated_at = $15
             WHERE id = $1",
        )
        .bind(id)
        .bind(o.kind.key())
        .bind(o.title.as_str())
        .bind(sort_key(o.title.as_str()))
        .bind(search_text)
        .bind(o.summary.as_str())
        .bind(o.description.as_str())
        .bind(outcomes)
        .bind(i64::from(o.duration_hours.get()))
        .bind(o.format.key())
        .bind(o.partner_id)
        .bind(i64::from(o.price_cents.cents()))
        .bind(o.language.key())
        .bind(o.level.key())
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 1 {
            sqlx::query("DELETE FROM offering_topics WHERE offering_id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM offering_audiences WHERE offering_id = $1").bind(id).execute(&mut *tx).await?;
            for topic in &o.topics {
                sqlx::query("INSERT INTO offering_topics (offering_id, topic) VALUES ($1, $2)")
                    .bind(id).bind(topic.key()).execute(&mut *tx).await?;
            }
            for audience in &o.audiences {
                sqlx::query("INSERT INTO offering_audiences (offering_id, audience) VALUES ($1, $2)")
                    .bind(id).bind(audience.key()).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        updated == 1
    }))
}

/// The partner an offering belongs to, if the offering exists and was not withdrawn.
pub async fn offering_partner(db: &Db, id: Uuid) -> StoreResult<Option<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT partner_id FROM offerings WHERE id = $1 AND withdrawn_at IS NULL")
            .bind(id)
            .fetch_optional(pool)
            .await?
    }))
}

/// Withdraws an offering: it leaves the catalogue and its planned sessions are
/// cancelled, in one transaction. Returns how many sessions were cancelled, or `None`
/// if there was no such offering in the catalogue.
pub async fn withdraw_offering(db: &Db, id: Uuid, now: Timestamp) -> StoreResult<Option<u64>> {
    Ok(on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        let withdrawn = sqlx::query("UPDATE offerings SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL")
            .bind(id)
            .bind(now.as_second())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if withdrawn == 1 {
            let cancelled = sqlx::query("UPDATE sessions SET status = 'cancelled' WHERE offering_id = $1 AND status = 'planned'")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Some(cancelled)
        } else {
            None
        }
    }))
}

/// Schedules a session.
pub async fn create_session(
    db: &Db,
    id: Uuid,
    session: &NewSession,
    now: Timestamp,
) -> Result<(), EditError> {
    let now = now.as_second();
    on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        insert_session!(tx, &id, session, now);
        tx.commit().await?;
    });
    Ok(())
}

/// The offering and partner a session belongs to, if the session exists.
pub async fn session_owner(db: &Db, id: Uuid) -> StoreResult<Option<(Uuid, Uuid)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT s.offering_id, o.partner_id FROM sessions s JOIN offerings o ON o.id = s.offering_id WHERE s.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    }))
}

/// A session's offering title, start and end (epoch seconds), for headings.
pub async fn session_heading(db: &Db, id: Uuid) -> StoreResult<Option<(String, i64, i64)>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT o.title, s.starts_at, s.ends_at FROM sessions s
             JOIN offerings o ON o.id = s.offering_id WHERE s.id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
    }))
}

/// Calls a session off; `false` if it was cancelled already.
///
/// The catalogue version is moved first, before the session row is locked: withdrawing
/// an offering takes the version (through its trigger) and then the sessions, and the
/// opposite order here could deadlock the two on PostgreSQL.
pub async fn cancel_session(db: &Db, id: Uuid) -> StoreResult<bool> {
    Ok(on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE catalogue_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let cancelled = sqlx::query(
            "UPDATE sessions SET status = 'cancelled' WHERE id = $1 AND status = 'planned'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        tx.commit().await?;
        cancelled
    }))
}
