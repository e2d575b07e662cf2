//! The live catalogue in memory, for filtering, counting and showing lists.
//!
//! Counting the offerings that match a filter made the database read every live
//! offering for every list request (3–8 ms at 10,000 offerings), and a text search read
//! every offering's text twice. The index holds, per live offering, what the filters
//! look at (title order, kind, partner, topics, audiences, search text, the planned
//! sessions' places and starts) and its card. A filter and its page are then answered
//! in memory in microseconds; the next session on a card is worked out from the
//! planned sessions at the moment of asking.
//!
//! The index is rebuilt when the `catalogue_version` counter has moved; triggers move
//! it with every change to offerings, their topics and audiences, sessions' dates,
//! places and status (migration 0008) and partners (0010), whichever process made the
//! change, so a list is never older than the last committed change. Bookings do not
//! move it. Reading the counter is one single-row query per list.
//!
//! [`crate::catalogue::list_offerings`] answers the same questions in SQL; a test holds
//! the two to the same answers.

use crate::catalogue::{
    Cursor, OfferingCard, OfferingCardRow, OfferingFilter, OfferingPage, cut_page,
};
use crate::{Db, StoreResult, on_reader};
use jiff::Timestamp;
use lotse_core::catalogue::{Audience, OfferingKind, Topic};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use uuid::Uuid;

/// What the filters look at for one live offering.
#[derive(Debug)]
struct Entry {
    id: Uuid,
    sort_key: String,
    /// One bit per topic, in [`Topic::ALL`] order.
    topics: u32,
    /// One bit per audience, in [`Audience::ALL`] order.
    audiences: u32,
    search_text: String,
    /// Planned sessions: place (none when online) and start in epoch seconds.
    sessions: Vec<(Option<Uuid>, i64)>,
    /// The card, without its next session.
    card: OfferingCard,
}

impl Entry {
    /// The start of the next planned session at or after `from`, if any.
    fn next_session(&self, from: i64) -> Option<i64> {
        self.sessions
            .iter()
            .map(|(_, starts)| *starts)
            .filter(|starts| *starts >= from)
            .min()
    }

    /// The card as shown at `now`.
    fn card(&self, now: Timestamp) -> OfferingCard {
        OfferingCard {
            topics: Topic::ALL
                .iter()
                .filter(|t| self.topics & bit(Topic::ALL, t) != 0)
                .copied()
                .collect(),
            next_session: self
                .next_session(now.as_second())
                .and_then(|s| Timestamp::from_second(s).ok()),
            ..self.card.clone()
        }
    }

    fn matches(&self, f: &Wanted<'_>) -> bool {
        if f.topic != 0 && self.topics & f.topic == 0 {
            return false;
        }
        if f.audience != 0 && self.audiences & f.audience == 0 {
            return false;
        }
        if f.kind.is_some_and(|k| k != self.card.kind) {
            return false;
        }
        if f.partner.is_some_and(|p| p != self.card.partner.id) {
            return false;
        }
        if f.by_session
            && !self.sessions.iter().any(|(place, starts)| {
                f.place.is_none_or(|p| *place == Some(p))
                    && *starts >= f.from
                    && f.to.is_none_or(|to| *starts < to)
            })
        {
            return false;
        }
        f.needle.is_none_or(|n| self.search_text.contains(n))
    }
}

/// A filter in the index's terms.
struct Wanted<'a> {
    topic: u32,
    audience: u32,
    kind: Option<OfferingKind>,
    partner: Option<Uuid>,
    place: Option<Uuid>,
    /// Whether a session must match (place or date range given).
    by_session: bool,
    from: i64,
    to: Option<i64>,
    needle: Option<&'a str>,
}

fn bit<T: PartialEq>(all: &[T], value: &T) -> u32 {
    all.iter().position(|v| v == value).map_or(0, |i| 1u32 << i)
}

/// One build of the index.
#[derive(Debug)]
struct Snapshot {
    version: i64,
    /// Live offerings in title order (sort key, then id), as the list shows them.
    entries: Vec<Entry>,
}

/// The in-memory catalogue index of one process; share it (it is cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct CatalogueIndex {
    snapshot: Arc<RwLock<Option<Arc<Snapshot>>>>,
    /// Held while rebuilding, so concurrent lists wait for one build.
    building: Arc<tokio::sync::Mutex<()>>,
}

impl CatalogueIndex {
    /// An empty index; the first list builds it.
    pub fn new() -> Self {
        Self::default()
    }

    fn current(&self) -> Option<Arc<Snapshot>> {
        self.snapshot.read().ok().and_then(|s| s.clone())
    }

    /// The snapshot for the database's current catalogue version.
    async fn fresh(&self, db: &Db) -> StoreResult<Arc<Snapshot>> {
        let version = catalogue_version(db).await?;
        if let Some(s) = self.current().filter(|s| s.version == version) {
            return Ok(s);
        }
        let _building = self.building.lock().await;
        // Another list may have built it while this one waited. Equal, not newer: a
        // database restored from a backup may count from a lower version.
        if let Some(s) = self.current().filter(|s| s.version == version) {
            return Ok(s);
        }
        let snapshot = Arc::new(build(db).await?);
        if let Ok(mut slot) = self.snapshot.write() {
            *slot = Some(snapshot.clone());
        }
        Ok(snapshot)
    }

    /// Lists offerings matching `filter`, in title order, `limit` at a time after
    /// `after`: the same answer as [`crate::catalogue::list_offerings`], with the
    /// filtering and counting done in memory.
    pub async fn list(
        &self,
        db: &Db,
        filter: &OfferingFilter,
        after: Option<&Cursor>,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<OfferingPage> {
        let snapshot = self.fresh(db).await?;
        let needle = filter
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_lowercase);
        let wanted = Wanted {
            topic: filter.topic.map_or(0, |t| bit(Topic::ALL, &t)),
            audience: filter.audience.map_or(0, |a| bit(Audience::ALL, &a)),
            kind: filter.kind,
            partner: filter.partner,
            place: filter.place,
            by_session: filter.place.is_some() || filter.from.is_some() || filter.to.is_some(),
            from: filter.from.unwrap_or(now).as_second(),
            to: filter.to.map(|t| t.as_second()),
            needle: needle.as_deref(),
        };
        let start = match after {
            Some(c) => snapshot
                .entries
                .partition_point(|e| (e.sort_key.as_str(), e.id) <= (c.sort_key.as_str(), c.id)),
            None => 0,
        };
        let wanted_rows = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut total: i64 = 0;
        let mut page: Vec<&Entry> = Vec::with_capacity(wanted_rows.min(100) + 1);
        for (i, entry) in snapshot.entries.iter().enumerate() {
            if !entry.matches(&wanted) {
                continue;
            }
            total += 1;
            if i >= start && page.len() <= wanted_rows {
                page.push(entry);
            }
        }
        let next = cut_page(&mut page, limit, |e| (&e.sort_key, e.id));
        let items = page.iter().map(|e| e.card(now)).collect();
        Ok(OfferingPage { items, next, total })
    }

    /// The `n` live offerings whose next planned session starts soonest (at or after
    /// `now`), soonest first; ties in title order.
    pub async fn soonest(
        &self,
        db: &Db,
        n: usize,
        now: Timestamp,
    ) -> StoreResult<Vec<OfferingCard>> {
        let snapshot = self.fresh(db).await?;
        let from = now.as_second();
        let mut next: Vec<(i64, usize)> = snapshot
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.next_session(from).map(|starts| (starts, i)))
            .collect();
        next.sort_unstable();
        Ok(next
            .iter()
            .take(n)
            .map(|(_, i)| snapshot.entries[*i].card(now))
            .collect())
    }
}

async fn catalogue_version(db: &Db) -> StoreResult<i64> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT version FROM catalogue_version WHERE id = 1")
            .fetch_optional(pool)
            .await?
            .unwrap_or(0)
    }))
}

/// A live offering's card columns and its search text.
#[derive(sqlx::FromRow)]
struct IndexRow {
    #[sqlx(flatten)]
    card: OfferingCardRow,
    search_text: String,
}

/// Reads the live catalogue. The version is read first: a change committed during the
/// build moves the counter again, so the next list rebuilds.
async fn build(db: &Db) -> StoreResult<Snapshot> {
    let version = catalogue_version(db).await?;
    let (offerings, topics, audiences, sessions) = on_reader!(db, pool => {
        let offerings: Vec<IndexRow> = sqlx::query_as(
            "SELECT o.id, o.kind, o.title, o.sort_key, o.summary, o.duration_hours, o.format,
                    o.price_cents, o.language, o.level, o.partner_id, p.name AS partner_name,
                    NULL AS next_starts_at, o.search_text
             FROM offerings o JOIN partners p ON p.id = o.partner_id
             WHERE o.withdrawn_at IS NULL ORDER BY o.sort_key, o.id",
        )
        .fetch_all(pool)
        .await?;
        let topics: Vec<(Uuid, String)> =
            sqlx::query_as("SELECT offering_id, topic FROM offering_topics")
                .fetch_all(pool)
                .await?;
        let audiences: Vec<(Uuid, String)> =
            sqlx::query_as("SELECT offering_id, audience FROM offering_audiences")
                .fetch_all(pool)
                .await?;
        let sessions: Vec<(Uuid, Option<Uuid>, i64)> = sqlx::query_as(
            "SELECT offering_id, place_id, starts_at FROM sessions WHERE status = 'planned'",
        )
        .fetch_all(pool)
        .await?;
        (offerings, topics, audiences, sessions)
    });
    let mut entries: Vec<Entry> = offerings
        .into_iter()
        .map(|row| {
            let (id, sort_key) = (row.card.id, row.card.sort_key.clone());
            let card = row.card.into_card(Vec::new())?;
            Ok(Entry {
                id,
                sort_key,
                topics: 0,
                audiences: 0,
                search_text: row.search_text,
                sessions: Vec::new(),
                card,
            })
        })
        .collect::<StoreResult<_>>()?;
    // The list's order: sort key, then id, bytewise, as both databases order them.
    entries.sort_by(|a, b| (a.sort_key.as_str(), a.id).cmp(&(b.sort_key.as_str(), b.id)));
    let position: HashMap<Uuid, usize> =
        entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    for (offering, topic) in topics {
        if let (Some(&i), Ok(t)) = (position.get(&offering), Topic::parse(&topic)) {
            entries[i].topics |= bit(Topic::ALL, &t);
        }
    }
    for (offering, audience) in audiences {
        if let (Some(&i), Ok(a)) = (position.get(&offering), Audience::parse(&audience)) {
            entries[i].audiences |= bit(Audience::ALL, &a);
        }
    }
    for (offering, place, starts) in sessions {
        if let Some(&i) = position.get(&offering) {
            entries[i].sessions.push((place, starts));
        }
    }
    Ok(Snapshot { version, entries })
}
