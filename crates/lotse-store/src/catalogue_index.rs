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
//! A search (`q`) is answered by the snapshot's full-text index ([`crate::search`]),
//! built with it; its hits are then filtered and counted like the rest.
//!
//! [`crate::catalogue::list_offerings`] answers the same questions in SQL; a test holds
//! the two to the same answers for every filter but the search, which SQL answers as
//! plain text.

use crate::catalogue::{
    Cursor, FacetCounts, OfferingCard, OfferingCardRow, OfferingFilter, OfferingPage, PartnerRef,
    cut_page,
};
use crate::search::{self, Found, Matching, SearchIndex, Words};
use crate::{Db, StoreError, StoreResult, on_reader};
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
    /// The description, for snippets (the card shows the summary itself).
    text: String,
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

    /// Which of the filters the entry passes.
    fn checks(&self, f: &Wanted) -> Checks {
        Checks {
            topic: f.topic == 0 || self.topics & f.topic != 0,
            audience: f.audience == 0 || self.audiences & f.audience != 0,
            kind: f.kind.is_none_or(|k| k == self.card.kind),
            partner: f.partner.is_none_or(|p| p == self.card.partner.id),
            sessions: !f.by_session
                || self.sessions.iter().any(|(place, starts)| {
                    f.place.is_none_or(|p| *place == Some(p))
                        && *starts >= f.from
                        && f.to.is_none_or(|to| *starts < to)
                }),
        }
    }
}

/// Which filters an entry passes: the four facets, and the sessions' place and dates.
struct Checks {
    topic: bool,
    audience: bool,
    kind: bool,
    partner: bool,
    sessions: bool,
}

impl Checks {
    fn all(&self) -> bool {
        self.topic && self.audience && self.kind && self.partner && self.sessions
    }
}

/// Counts facet values while a list is read.
#[derive(Default)]
struct FacetTally {
    topics: [i64; 32],
    audiences: [i64; 32],
    kinds: HashMap<OfferingKind, i64>,
    partners: HashMap<Uuid, (PartnerRef, i64)>,
}

impl FacetTally {
    /// Counts `entry` for each facet whose other filters it passes.
    fn add(&mut self, entry: &Entry, c: &Checks) {
        if !c.sessions {
            return;
        }
        if c.audience && c.kind && c.partner {
            for (i, slot) in self.topics.iter_mut().enumerate() {
                *slot += i64::from(entry.topics >> i & 1);
            }
        }
        if c.topic && c.kind && c.partner {
            for (i, slot) in self.audiences.iter_mut().enumerate() {
                *slot += i64::from(entry.audiences >> i & 1);
            }
        }
        if c.topic && c.audience && c.partner {
            *self.kinds.entry(entry.card.kind).or_insert(0) += 1;
        }
        if c.topic && c.audience && c.kind {
            self.partners
                .entry(entry.card.partner.id)
                .or_insert_with(|| (entry.card.partner.clone(), 0))
                .1 += 1;
        }
    }

    fn counts(self) -> FacetCounts {
        let mut partners: Vec<(PartnerRef, i64)> = self.partners.into_values().collect();
        partners.sort_by(|(a, _), (b, _)| (&a.name, a.id).cmp(&(&b.name, b.id)));
        FacetCounts {
            topics: Topic::ALL
                .iter()
                .zip(self.topics)
                .filter(|(_, n)| *n > 0)
                .map(|(t, n)| (*t, n))
                .collect(),
            audiences: Audience::ALL
                .iter()
                .zip(self.audiences)
                .filter(|(_, n)| *n > 0)
                .map(|(a, n)| (*a, n))
                .collect(),
            kinds: OfferingKind::ALL
                .iter()
                .filter_map(|k| self.kinds.get(k).map(|n| (*k, *n)))
                .collect(),
            partners,
        }
    }
}

/// A filter in the index's terms.
struct Wanted {
    topic: u32,
    audience: u32,
    kind: Option<OfferingKind>,
    partner: Option<Uuid>,
    place: Option<Uuid>,
    /// Whether a session must match (place or date range given).
    by_session: bool,
    from: i64,
    to: Option<i64>,
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
    /// Their full text; hits name positions in `entries`.
    search: SearchIndex,
    /// Qualifications and partners, for searches to list beside the offerings.
    beside: Vec<SearchHit>,
    /// Their full text; hits name positions in `beside`.
    beside_search: SearchIndex,
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

    /// Builds the index for the current catalogue now (at start, so the first visitor
    /// does not wait for it); returns the number of live offerings.
    pub async fn prepare(&self, db: &Db) -> StoreResult<usize> {
        Ok(self.fresh(db).await?.entries.len())
    }

    /// Lists offerings matching `filter`, `limit` at a time after `after`: in title
    /// order the same answer as [`crate::catalogue::list_offerings`], with the
    /// filtering and counting done in memory; with a search, the best matches first.
    pub async fn list(
        &self,
        db: &Db,
        filter: &OfferingFilter,
        after: Option<&Cursor>,
        limit: u32,
        now: Timestamp,
    ) -> StoreResult<OfferingPage> {
        let snapshot = self.fresh(db).await?;
        let found = match filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => Some(snapshot.search.search(q, Matching::AllWordsFirst)?),
            None => None,
        }
        // A query of stop words and punctuation alone asks for nothing in particular.
        .filter(|f| !f.is_empty_query());
        let wanted = Wanted {
            topic: filter.topic.map_or(0, |t| bit(Topic::ALL, &t)),
            audience: filter.audience.map_or(0, |a| bit(Audience::ALL, &a)),
            kind: filter.kind,
            partner: filter.partner,
            place: filter.place,
            by_session: filter.place.is_some() || filter.from.is_some() || filter.to.is_some(),
            from: filter.from.unwrap_or(now).as_second(),
            to: filter.to.map(|t| t.as_second()),
        };
        // Candidates in the order the list shows them, with their relevance.
        let candidates: Vec<(usize, f32)> = match &found {
            Some(found) => ranked(snapshot.entries.len(), found),
            None => (0..snapshot.entries.len()).map(|i| (i, 0.0)).collect(),
        };
        let is_after = |entry: &Entry, score: f32| match after {
            None => true,
            Some(c) => match (found.is_some(), c.score) {
                (true, Some(cursor_score)) => match score.total_cmp(&cursor_score) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Greater => false,
                    std::cmp::Ordering::Equal => {
                        (entry.sort_key.as_str(), entry.id) > (c.sort_key.as_str(), c.id)
                    }
                },
                // A cursor of the other order starts the list anew.
                (true, None) => true,
                (false, _) => (entry.sort_key.as_str(), entry.id) > (c.sort_key.as_str(), c.id),
            },
        };
        let wanted_rows = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut total: i64 = 0;
        let mut tally = FacetTally::default();
        let mut page: Vec<(&Entry, f32)> = Vec::with_capacity(wanted_rows.min(100) + 1);
        for (i, score) in candidates {
            let entry = &snapshot.entries[i];
            let checks = entry.checks(&wanted);
            tally.add(entry, &checks);
            if !checks.all() {
                continue;
            }
            total += 1;
            if page.len() <= wanted_rows && is_after(entry, score) {
                page.push((entry, score));
            }
        }
        let mut next = cut_page(&mut page, limit, |(e, _)| (&e.sort_key, e.id));
        if let (Some(cursor), Some((_, score)), true) = (&mut next, page.last(), found.is_some()) {
            cursor.score = Some(*score);
        }
        let items = page
            .iter()
            .map(|(e, _)| {
                let mut card = e.card(now);
                if let Some(found) = &found {
                    card.snippet = found.snippet(&e.text, SNIPPET_CHARS);
                }
                card
            })
            .collect();
        Ok(OfferingPage {
            items,
            next,
            total,
            by_relevance: found.is_some(),
            facets: tally.counts(),
        })
    }

    /// Up to `n` offerings for a query being typed, best first: for suggestions.
    pub async fn suggest(&self, db: &Db, typed: &str, n: usize) -> StoreResult<Vec<Suggestion>> {
        let snapshot = self.fresh(db).await?;
        let found = snapshot.search.search(typed, Matching::Typing)?;
        Ok(ranked(snapshot.entries.len(), &found)
            .into_iter()
            .take(n)
            .map(|(i, _)| {
                let e = &snapshot.entries[i];
                Suggestion {
                    id: e.id,
                    title: e.card.title.clone(),
                    kind: e.card.kind,
                }
            })
            .collect())
    }

    /// Qualifications and partners that match every known word of `q`, best first, at
    /// most `n`: listed beside the offerings a search finds.
    pub async fn found_beside(&self, db: &Db, q: &str, n: usize) -> StoreResult<Vec<SearchHit>> {
        let snapshot = self.fresh(db).await?;
        let found = snapshot.beside_search.search(q, Matching::EveryWord)?;
        Ok(ranked(snapshot.beside.len(), &found)
            .into_iter()
            .take(n)
            .map(|(i, _)| snapshot.beside[i].clone())
            .collect())
    }

    /// Offerings for a challenge described in the visitor's words, best first, at most
    /// `n`, and the Digitalisierungs-Check dimension the text is most about.
    pub async fn challenge(
        &self,
        db: &Db,
        described: &str,
        n: usize,
        now: Timestamp,
    ) -> StoreResult<Challenge> {
        let snapshot = self.fresh(db).await?;
        let found = snapshot.search.search(described, Matching::AnyWord)?;
        let offerings = ranked(snapshot.entries.len(), &found)
            .into_iter()
            .take(n)
            .map(|(i, _)| {
                let e = &snapshot.entries[i];
                let mut card = e.card(now);
                card.snippet = found.snippet(&e.text, SNIPPET_CHARS);
                card
            })
            .collect();
        Ok(Challenge {
            offerings,
            dimension: snapshot.search.dimension_of(described),
        })
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

/// How long a snippet may be, in characters.
const SNIPPET_CHARS: usize = 220;

/// The hits of a search as positions below `count`, best first, ties in list order.
fn ranked(count: usize, found: &Found) -> Vec<(usize, f32)> {
    let mut hits: Vec<(usize, f32)> = found
        .hits
        .iter()
        .filter_map(|(entry, score)| {
            let i = usize::try_from(*entry).ok()?;
            (i < count).then_some((i, *score))
        })
        .collect();
    hits.sort_by(|(a, sa), (b, sb)| sb.total_cmp(sa).then(a.cmp(b)));
    hits
}

/// A qualification or a partner that a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: Uuid,
    /// The qualification's title or the partner's name.
    pub title: String,
    /// The qualification's summary or the partner's description.
    pub summary: String,
}

/// What a [`SearchHit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum HitKind {
    Qualification,
    Partner,
}

/// An offering suggested while typing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Suggestion {
    pub id: Uuid,
    pub title: String,
    pub kind: OfferingKind,
}

/// What the catalogue offers for a described challenge.
#[derive(Debug, Clone)]
pub struct Challenge {
    /// The best matching offerings, best first.
    pub offerings: Vec<OfferingCard>,
    /// The key of the Digitalisierungs-Check dimension the description is most about.
    pub dimension: Option<&'static str>,
}

async fn catalogue_version(db: &Db) -> StoreResult<i64> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar("SELECT version FROM catalogue_version WHERE id = 1")
            .fetch_optional(pool)
            .await?
            .unwrap_or(0)
    }))
}

/// A live offering's card columns and the texts search reads.
#[derive(sqlx::FromRow)]
struct IndexRow {
    #[sqlx(flatten)]
    card: OfferingCardRow,
    description: String,
    /// A JSON array of strings.
    learning_outcomes: String,
}

/// Reads the live catalogue and indexes its text. The version is read first: a
/// change committed during the build moves the counter again, so the next list
/// rebuilds.
async fn build(db: &Db) -> StoreResult<Snapshot> {
    let version = catalogue_version(db).await?;
    let (offerings, topics, audiences, sessions, qualifications, beside_rows) = on_reader!(db, pool => {
        let offerings: Vec<IndexRow> = sqlx::query_as(
            "SELECT o.id, o.kind, o.title, o.sort_key, o.summary, o.duration_hours, o.format,
                    o.price_cents, o.language, o.level, o.partner_id, p.name AS partner_name,
                    NULL AS next_starts_at, o.description, o.learning_outcomes
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
        let qualifications: Vec<(Uuid, String)> = sqlx::query_as(
            "SELECT m.offering_id, q.title FROM qualification_modules m
             JOIN qualifications q ON q.id = m.qualification_id",
        )
        .fetch_all(pool)
        .await?;
        // (kind, id, title, summary, description, partner kind)
        let beside_rows: Vec<(String, Uuid, String, String, String, String)> = sqlx::query_as(
            "SELECT 'qualification', id, title, summary, description, '' FROM qualifications
             UNION ALL
             SELECT 'partner', id, name, description, '', kind FROM partners",
        )
        .fetch_all(pool)
        .await?;
        (offerings, topics, audiences, sessions, qualifications, beside_rows)
    });
    let mut entries = Vec::with_capacity(offerings.len());
    let mut texts = Vec::with_capacity(offerings.len());
    for row in offerings {
        let (id, sort_key) = (row.card.id, row.card.sort_key.clone());
        let outcomes: Vec<String> = serde_json::from_str(&row.learning_outcomes)
            .map_err(|e| StoreError::Corrupt(format!("learning outcomes of {id}: {e}")))?;
        let card = row.card.into_card(Vec::new())?;
        let document = search::Document {
            entry: 0,
            title: card.title.clone(),
            keywords: String::new(),
            summary: card.summary.clone(),
            body: format!(
                "{}\n{}\n{}",
                row.description,
                outcomes.join("\n"),
                card.partner.name
            ),
        };
        entries.push(Entry {
            id,
            sort_key,
            topics: 0,
            audiences: 0,
            text: row.description,
            sessions: Vec::new(),
            card,
        });
        texts.push(document);
    }
    // The list's order: sort key, then id, bytewise, as both databases order them.
    let mut pairs: Vec<(Entry, search::Document)> = entries.into_iter().zip(texts).collect();
    pairs.sort_by(|(a, _), (b, _)| (a.sort_key.as_str(), a.id).cmp(&(b.sort_key.as_str(), b.id)));
    let (mut entries, mut documents): (Vec<Entry>, Vec<search::Document>) =
        pairs.into_iter().unzip();
    let position: HashMap<Uuid, usize> =
        entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let words = Words::get()?;
    let mut keywords: Vec<Vec<&str>> = entries
        .iter()
        .map(|e| vec![words.kind_words(e.card.kind)])
        .collect();
    for (offering, topic) in &topics {
        if let (Some(&i), Ok(t)) = (position.get(offering), Topic::parse(topic)) {
            entries[i].topics |= bit(Topic::ALL, &t);
            keywords[i].push(topic);
        }
    }
    for (offering, audience) in &audiences {
        if let (Some(&i), Ok(a)) = (position.get(offering), Audience::parse(audience)) {
            entries[i].audiences |= bit(Audience::ALL, &a);
            keywords[i].push(audience);
        }
    }
    for (offering, title) in &qualifications {
        if let Some(&i) = position.get(offering) {
            keywords[i].push(title);
        }
    }
    for (offering, place, starts) in sessions {
        if let Some(&i) = position.get(&offering) {
            entries[i].sessions.push((place, starts));
        }
    }
    for (i, (document, words)) in documents.iter_mut().zip(keywords).enumerate() {
        document.entry = u32::try_from(i).unwrap_or(u32::MAX);
        document.keywords = words.join("\n");
    }
    let mut beside = Vec::with_capacity(beside_rows.len());
    let mut beside_documents = Vec::with_capacity(beside_rows.len());
    for (i, (kind, id, title, summary, description, partner_kind)) in
        beside_rows.into_iter().enumerate()
    {
        let (kind, keywords) = if kind == "partner" {
            (
                HitKind::Partner,
                format!("Partner {}", partner_words(&partner_kind)),
            )
        } else {
            (
                HitKind::Qualification,
                "Qualifizierung Qualifikation Zertifikat".to_owned(),
            )
        };
        beside_documents.push(search::Document {
            entry: u32::try_from(i).unwrap_or(u32::MAX),
            title: title.clone(),
            keywords,
            summary: summary.clone(),
            body: description,
        });
        beside.push(SearchHit {
            kind,
            id,
            title,
            summary,
        });
    }
    // Indexing is CPU work of up to a second or two: kept off the request threads.
    let (search, beside_search) = tokio::task::spawn_blocking(move || {
        Ok::<_, StoreError>((
            SearchIndex::build(&documents)?,
            SearchIndex::build(&beside_documents)?,
        ))
    })
    .await
    .map_err(|e| StoreError::Search(e.to_string()))??;
    Ok(Snapshot {
        version,
        entries,
        search,
        beside,
        beside_search,
    })
}

/// Words that say what kind of partner someone is, for search.
fn partner_words(kind: &str) -> &'static str {
    match kind {
        "consortium_member" => "Konsortium Hochschule Forschung",
        "chamber" => "Kammer",
        "association" => "Verband Gewerkschaft",
        _ => "assoziierter Partner",
    }
}
