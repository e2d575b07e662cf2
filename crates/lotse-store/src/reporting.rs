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

type ParticipationRow = (
    Uuid,
    Option<Uuid>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Uuid,
    i64,
);

/// Everything read in one go: offerings (id, kind, partner, hours), their topics,
/// participations, sessions held (offering, start).
type Read = (
    Vec<(Uuid, String, Uuid, i64)>,
    Vec<(Uuid, String)>,
    Vec<ParticipationRow>,
    Vec<(Uuid, i64)>,
);

/// Participations and sessions held whose session started in `[from, until)` (seconds);
/// sessions count as held once they ended before `now`. For a partner's offerings,
/// only those; for a partner's member companies, only their participations and the
/// sessions one of them attended.
pub async fn facts(db: &Db, from: i64, until: i64, now: i64, reach: Reach) -> StoreResult<Facts> {
    let (partner, members_of) = match reach {
        Reach::Center => (None, None),
        Reach::Offerings(p) => (Some(p), None),
        Reach::Members(p) => (None, Some(p)),
    };
    let (offerings, topics, participations, sessions): Read = on_reader!(db, pool => {
        let mut conn = pool.acquire().await?;
        let offerings = sqlx::query_as(
            "SELECT id, kind, partner_id, duration_hours FROM offerings
             WHERE partner_id = $1 OR $1 IS NULL",
        )
        .bind(partner)
        .fetch_all(&mut *conn)
        .await?;
        let topics = sqlx::query_as("SELECT offering_id, topic FROM offering_topics")
            .fetch_all(&mut *conn)
            .await?;
        // The company as it was: the earliest state that ended after the session
        // started, else today's.
        let participations = sqlx::query_as(
            "SELECT r.person_id, r.company_id,
                    COALESCE(h.county, c.county), COALESCE(h.sector, c.sector),
                    COALESCE(h.staff_count, c.staff_count), s.offering_id, s.starts_at
             FROM registrations r
             JOIN sessions s ON s.id = r.session_id
             JOIN offerings o ON o.id = s.offering_id
             LEFT JOIN companies c ON c.id = r.company_id
             LEFT JOIN company_history h ON h.company_id = r.company_id
                 AND h.valid_until = (SELECT MIN(valid_until) FROM company_history
                                      WHERE company_id = r.company_id AND valid_until > s.starts_at)
             WHERE r.status = 'attended' AND s.status <> 'cancelled'
               AND s.starts_at >= $1 AND s.starts_at < $2
               AND (o.partner_id = $3 OR $3 IS NULL)
               AND ($4 IS NULL OR r.company_id IN (SELECT company_id FROM company_member_of WHERE partner_id = $4))",
        )
        .bind(from)
        .bind(until)
        .bind(partner)
        .bind(members_of)
        .fetch_all(&mut *conn)
        .await?;
        let sessions = sqlx::query_as(
            "SELECT s.offering_id, s.starts_at FROM sessions s JOIN offerings o ON o.id = s.offering_id
             WHERE s.status <> 'cancelled' AND s.starts_at >= $1 AND s.starts_at < $2
               AND s.ends_at <= $3 AND (o.partner_id = $4 OR $4 IS NULL)
               AND ($5 IS NULL OR EXISTS (
                   SELECT 1 FROM registrations r JOIN company_member_of m ON m.company_id = r.company_id
                   WHERE r.session_id = s.id AND r.status = 'attended' AND m.partner_id = $5))",
        )
        .bind(from)
        .bind(until)
        .bind(now)
        .bind(partner)
        .bind(members_of)
        .fetch_all(&mut *conn)
        .await?;
        (offerings, topics, participations, sessions)
    });
    let mut topics_of: HashMap<Uuid, Vec<Topic>> = HashMap::new();
    for (offering, topic) in topics {
        topics_of
            .entry(offering)
            .or_default()
            .push(stored(Topic::parse, &topic)?);
    }
    let mut facts_of: HashMap<Uuid, OfferingFacts> = HashMap::with_capacity(offerings.len());
    for (id, kind, partner, hours) in offerings {
        let mut topics = topics_of.remove(&id).unwrap_or_default();
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
    let zone = berlin();
    let day = |seconds: i64| -> StoreResult<jiff::civil::Date> {
        Ok(crate::instant(seconds)?.to_zoned(zone.clone()).date())
    };
    let offering = |id: &Uuid| {
        facts_of
            .get(id)
            .ok_or_else(|| StoreError::Corrupt(format!("offering {id} of a session is missing")))
    };
    let mut facts = Facts {
        participations: Vec::with_capacity(participations.len()),
        sessions: Vec::with_capacity(sessions.len()),
    };
    for (person, company, county, sector, staff, offering_id, starts_at) in participations {
        let o = offering(&offering_id)?;
        let company = match (company, county, sector, staff) {
            (Some(id), Some(county), Some(sector), Some(staff)) => Some(CompanyThen {
                id,
                county,
                sector: sector.chars().next().unwrap_or('?'),
                size: SizeClass::from_staff_count(u32::try_from(staff).unwrap_or(u32::MAX)),
            }),
            _ => None,
        };
        facts.participations.push(Participation {
            person,
            company,
            offering: offering_id,
            kind: o.kind,
            partner: o.partner,
            topics: o.topics.clone(),
            hours: o.hours,
            day: day(starts_at)?,
        });
    }
    for (offering_id, starts_at) in sessions {
        let o = offering(&offering_id)?;
        facts.sessions.push(HeldSession {
            offering: offering_id,
            kind: o.kind,
            partner: o.partner,
            topics: o.topics.clone(),
            day: day(starts_at)?,
        });
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
