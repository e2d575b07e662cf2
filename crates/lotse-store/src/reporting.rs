//! What the funder's figures are made of: every participation (attended registration
//! of a session not cancelled) and every session held in a stretch of time, with the
//! company as it was on the day. The counting itself is `lotse_core::reporting`.

use crate::{Db, StoreError, StoreResult, on_reader, stored};
use lotse_core::accounts::SizeClass;
use lotse_core::catalogue::{OfferingKind, Topic, berlin};
use lotse_core::reporting::{CheckDone, CompanyThen, HeldSession, Participation, Reach};
use std::collections::HashMap;
use uuid::Uuid;

/// What a participation or session needs of its offering.
struct OfferingFacts {
    kind: OfferingKind,
    partner: Uuid,
    hours: u32,
    topics: Vec<Topic>,
}

/// The raw facts of a period: participations and sessions held.
#[derive(Debug, Default)]
pub struct Facts {
    /// Every participation.
    pub participations: Vec<Participation>,
    /// Every session held.
    pub sessions: Vec<HeldSession>,
}

/// A company's county, sector and staff count at some time.
struct CompanyState {
    county: String,
    sector: String,
    staff: i64,
}

/// Offerings (id, kind, partner, hours, topics separated by spaces).
type OfferingRow = (Uuid, String, Uuid, i64, Option<String>);
/// Companies today (id, county, sector, staff).
type CompanyRow = (Uuid, Option<String>, Option<String>, Option<i64>);
/// Earlier states (company, valid until, county, sector, staff).
type HistoryRow = (Uuid, i64, String, String, i64);
/// Sessions (offering, start, end, participants as `person:company` separated by
/// spaces, the company left empty when there is none).
type SessionRow = (Uuid, i64, i64, Option<String>);

/// Participations and sessions held whose session started in `[from, until)` (seconds);
/// sessions count as held once they ended before `now`. For a partner's offerings,
/// only those; for a partner's member companies, only their participations and the
/// sessions one of them attended.
///
/// Read as one row per session with its participants packed in one text: SQLite
/// hands each row from its thread to the async side on its own (about 5 µs a row,
/// docs/performance.md), so a year's 400,000 participations as rows took seconds.
/// The company as it was on the day is looked up here from the companies and their
/// history, both small.
pub async fn facts(db: &Db, from: i64, until: i64, now: i64, reach: Reach) -> StoreResult<Facts> {
    let (partner, members_of) = match reach {
        Reach::Center => (None, None),
        Reach::Offerings(p) => (Some(p), None),
        Reach::Members(p) => (None, Some(p)),
    };
    let participants = match db {
        // hex(NULL) is '' in SQLite: a session without attendees must stay NULL.
        Db::Sqlite { .. } => {
            "group_concat(CASE WHEN r.id IS NOT NULL THEN hex(r.person_id) || ':' || hex(r.company_id) END, ' ')"
        }
        Db::Postgres { .. } => {
            "string_agg(r.person_id::text || ':' || coalesce(r.company_id::text, ''), ' ')"
        }
    };
    let topics = match db {
        Db::Sqlite { .. } => {
            "(SELECT group_concat(topic, ' ') FROM offering_topics t WHERE t.offering_id = o.id)"
        }
        Db::Postgres { .. } => {
            "(SELECT string_agg(topic, ' ') FROM offering_topics t WHERE t.offering_id = o.id)"
        }
    };
    let offerings_sql = format!(
        "SELECT o.id, o.kind, o.partner_id, o.duration_hours, {topics} FROM offerings o
         WHERE o.partner_id = $1 OR $1 IS NULL"
    );
    let sessions_sql = format!(
        "SELECT s.offering_id, s.starts_at, s.ends_at, {participants}
         FROM sessions s
         JOIN offerings o ON o.id = s.offering_id
         LEFT JOIN registrations r ON r.session_id = s.id AND r.status = 'attended'
             AND ($4 IS NULL OR r.company_id IN (SELECT company_id FROM company_member_of WHERE partner_id = $4))
         WHERE s.status <> 'cancelled' AND s.starts_at >= $1 AND s.starts_at < $2
           AND (o.partner_id = $3 OR $3 IS NULL)
         GROUP BY s.id, s.offering_id, s.starts_at, s.ends_at"
    );
    let (offerings, companies, history, sessions): (
        Vec<OfferingRow>,
        Vec<CompanyRow>,
        Vec<HistoryRow>,
        Vec<SessionRow>,
    ) = on_reader!(db, pool => {
        let mut conn = pool.acquire().await?;
        let offerings = sqlx::query_as(sqlx::AssertSqlSafe(offerings_sql))
            .bind(partner)
            .fetch_all(&mut *conn)
            .await?;
        let companies = sqlx::query_as("SELECT id, county, sector, staff_count FROM companies")
            .fetch_all(&mut *conn)
            .await?;
        let history = sqlx::query_as(
            "SELECT company_id, valid_until, county, sector, staff_count FROM company_history
             ORDER BY company_id, valid_until",
        )
        .fetch_all(&mut *conn)
        .await?;
        let sessions = sqlx::query_as(sqlx::AssertSqlSafe(sessions_sql))
            .bind(from)
            .bind(until)
            .bind(partner)
            .bind(members_of)
            .fetch_all(&mut *conn)
            .await?;
        (offerings, companies, history, sessions)
    });
    let mut facts_of: HashMap<Uuid, OfferingFacts> = HashMap::with_capacity(offerings.len());
    for (id, kind, partner, hours, topics) in offerings {
        let mut topics = topics
            .unwrap_or_default()
            .split_whitespace()
            .map(|t| stored(Topic::parse, t))
            .collect::<StoreResult<Vec<_>>>()?;
        topics.sort();
        facts_of.insert(
            id,
            OfferingFacts {
                kind: stored(OfferingKind::parse, &kind)?,
                partner,
                hours: u32::try_from(hours).unwrap_or(0),
                topics,
            },
        );
    }
    let today: HashMap<Uuid, CompanyState> = companies
        .into_iter()
        .filter_map(|(id, county, sector, staff)| {
            Some((
                id,
                CompanyState {
                    county: county?,
                    sector: sector?,
                    staff: staff?,
                },
            ))
        })
        .collect();
    // Per company its earlier states, by the moment each ended.
    let mut before: HashMap<Uuid, Vec<(i64, CompanyState)>> = HashMap::new();
    for (company, valid_until, county, sector, staff) in history {
        before.entry(company).or_default().push((
            valid_until,
            CompanyState {
                county,
                sector,
                staff,
            },
        ));
    }
    // The earliest state that ended after `at`, else today's.
    let company_then = |id: Uuid, at: i64| -> Option<CompanyThen> {
        let state = before
            .get(&id)
            .and_then(|states| states.iter().find(|(until, _)| *until > at))
            .map(|(_, state)| state)
            .or_else(|| today.get(&id))?;
        Some(CompanyThen {
            id,
            county: state.county.clone(),
            sector: state.sector.chars().next().unwrap_or('?'),
            size: SizeClass::from_staff_count(u32::try_from(state.staff).unwrap_or(u32::MAX)),
        })
    };
    let zone = berlin();
    let mut facts = Facts::default();
    for (offering_id, starts_at, ends_at, participants) in sessions {
        let o = facts_of.get(&offering_id).ok_or_else(|| {
            StoreError::Corrupt(format!("offering {offering_id} of a session is missing"))
        })?;
        let day = crate::instant(starts_at)?.to_zoned(zone.clone()).date();
        let participants = participants.unwrap_or_default();
        for participant in participants.split_whitespace() {
            let (person, company) = participant.split_once(':').unwrap_or((participant, ""));
            let person = Uuid::try_parse(person)
                .map_err(|e| StoreError::Corrupt(format!("participant {person}: {e}")))?;
            let company = match company {
                "" => None,
                id => Uuid::try_parse(id)
                    .map_err(|e| StoreError::Corrupt(format!("company {id}: {e}")))?
                    .into(),
            };
            facts.participations.push(Participation {
                person,
                company: company.and_then(|id| company_then(id, starts_at)),
                offering: offering_id,
                kind: o.kind,
                partner: o.partner,
                topics: o.topics.clone(),
                hours: o.hours,
                day,
            });
        }
        // For members' reach a session counts only when one of them attended.
        let counts = members_of.is_none() || !participants.is_empty();
        if ends_at <= now && counts {
            facts.sessions.push(HeldSession {
                offering: offering_id,
                kind: o.kind,
                partner: o.partner,
                topics: o.topics.clone(),
                day,
            });
        }
    }
    Ok(facts)
}

/// Every check completed in `[from, until)` (seconds), with the overall score of its
/// company's first result.
pub async fn checks(db: &Db, from: i64, until: i64) -> StoreResult<Vec<CheckDone>> {
    /// Company, ordinal, overall, the first result's overall, completed at.
    type CheckRow = (Option<Uuid>, Option<i64>, f64, Option<f64>, i64);
    let rows: Vec<CheckRow> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT a.company_id, a.ordinal, a.overall, f.overall, a.completed_at
             FROM assessments a
             LEFT JOIN assessments f ON f.company_id = a.company_id AND f.ordinal = 1
             WHERE a.status = 'completed' AND a.completed_at >= $1 AND a.completed_at < $2
               AND a.overall IS NOT NULL",
        )
        .bind(from)
        .bind(until)
        .fetch_all(pool)
        .await?
    });
    let zone = berlin();
    rows.into_iter()
        .map(|(company, ordinal, overall, first, completed_at)| {
            Ok(CheckDone {
                company,
                ordinal: ordinal.and_then(|o| u32::try_from(o).ok()),
                overall,
                first,
                day: crate::instant(completed_at)?.to_zoned(zone.clone()).date(),
            })
        })
        .collect()
}
