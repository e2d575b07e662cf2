//! One offering with its sessions, free seats and qualifications.

use super::*;

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
#[allow(missing_docs)]
pub struct OfferingDetail {
    /// What the list shows.
    pub card: OfferingCard,
    /// Full description.
    pub description: String,
    pub learning_outcomes: Vec<String>,
    pub audiences: Vec<Audience>,
    /// Whether attending it counts toward qualifications.
    pub counts_for_qualifications: bool,
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
    counts_for_qualifications: bool,
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
                    o.description, o.learning_outcomes, o.counts_for_qualifications
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
        counts_for_qualifications,
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
        counts_for_qualifications,
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
