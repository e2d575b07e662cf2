//! The demo center: partners, places, offerings, sessions and qualifications written
//! for lotse, loaded by `lotse serve --demo` into an empty database, never twice.
//!
//! The data lives in `demo/demo.toml`, compiled into the binary. Session dates are
//! given as days after the day of loading, so the demo always looks current.

use crate::catalogue::{CatalogueImport, has_offerings, import};
use crate::{Db, StoreError, StoreResult};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use lotse_core::catalogue::{
    Capacity, Hours, ModuleHours, NewPartner, NewPlace, NewQualification, NewSession,
    OfferingDraft, PartnerKind, SessionTimes, Venue,
};
use lotse_core::text::{Line, Prose, WebAddress};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// The demo data as shipped.
const DEMO_TOML: &str = include_str!("../demo/demo.toml");

/// The `meta` key that records when the demo was loaded.
const MARKER: &str = "demo_loaded_at";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    partners: Vec<DemoPartner>,
    places: Vec<DemoPlace>,
    offerings: Vec<DemoOffering>,
    qualifications: Vec<DemoQualification>,
    /// Demo companies; stored once accounts and organizations exist.
    #[serde(default)]
    #[allow(dead_code)]
    companies: Vec<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPartner {
    key: String,
    kind: PartnerKind,
    name: String,
    description: String,
    web_address: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPlace {
    key: String,
    name: String,
    address: String,
    county: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoOffering {
    key: String,
    kind: String,
    title: String,
    summary: String,
    description: String,
    learning_outcomes: Vec<String>,
    topics: Vec<String>,
    audiences: Vec<String>,
    duration_hours: i64,
    format: String,
    partner: String,
    price_cents: i64,
    language: String,
    level: String,
    #[serde(default)]
    sessions: Vec<DemoSession>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSession {
    day_offset: i64,
    start: String,
    end: String,
    #[serde(default = "one")]
    days: i64,
    place: Option<String>,
    #[serde(default)]
    online: bool,
    capacity: i64,
}

fn one() -> i64 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoQualification {
    key: String,
    title: String,
    summary: String,
    description: String,
    minimum_hours: i64,
    required: Vec<String>,
    elective: Vec<String>,
}

/// What loading the demo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The demo was loaded.
    Loaded {
        /// Offerings written.
        offerings: usize,
        /// Sessions written.
        sessions: usize,
        /// Qualifications written.
        qualifications: usize,
    },
    /// The demo had been loaded before; nothing was written.
    AlreadyLoaded,
    /// The database holds other data; the demo is only loaded into an empty one.
    NotEmpty,
}

fn demo_error(what: impl std::fmt::Display) -> StoreError {
    StoreError::Demo(what.to_string())
}

fn parse_time(raw: &str) -> StoreResult<Time> {
    raw.parse::<Time>()
        .map_err(|e| demo_error(format!("time {raw}: {e}")))
}

/// The day itself, or the next Monday if a session of `days` days starting then would
/// touch a weekend: the center holds sessions from Monday to Friday.
fn within_working_week(day: Date, days: i64) -> StoreResult<Date> {
    let monday_offset = i64::from(day.weekday().to_monday_zero_offset());
    let last_offset = monday_offset + days.clamp(1, 5) - 1;
    if last_offset <= 4 {
        return Ok(day);
    }
    day.checked_add((7 - monday_offset).days())
        .map_err(demo_error)
}

/// Turns the demo file into a catalogue with sessions counted from `today`.
fn build(today: Date) -> StoreResult<CatalogueImport> {
    let file: DemoFile = toml::from_str(DEMO_TOML).map_err(demo_error)?;
    let mut data = CatalogueImport::default();
    let mut partner_ids = HashMap::new();
    for p in file.partners {
        let id = Uuid::now_v7();
        let partner = NewPartner {
            kind: p.kind,
            name: Line::parse("name", &p.name).map_err(demo_error)?,
            description: Prose::parse("description", &p.description).map_err(demo_error)?,
            web_address: WebAddress::parse("web_address", &p.web_address).map_err(demo_error)?,
        };
        partner_ids.insert(p.key, id);
        data.partners.push((id, partner));
    }
    let mut place_ids = HashMap::new();
    for p in file.places {
        let id = Uuid::now_v7();
        let place = NewPlace::parse(&p.name, &p.address, &p.county)
            .map_err(|e| demo_error(format!("place {}: {e:?}", p.key)))?;
        place_ids.insert(p.key, id);
        data.places.push((id, place));
    }
    let mut modules = HashMap::new();
    for o in file.offerings {
        let id = Uuid::now_v7();
        let partner_id = *partner_ids.get(&o.partner).ok_or_else(|| {
            demo_error(format!("offering {}: unknown partner {}", o.key, o.partner))
        })?;
        let offering = OfferingDraft {
            kind: o.kind,
            title: o.title,
            summary: o.summary,
            description: o.description,
            learning_outcomes: o.learning_outcomes,
            topics: o.topics,
            audiences: o.audiences,
            duration_hours: o.duration_hours,
            format: o.format,
            partner_id,
            price_cents: o.price_cents,
            language: o.language,
            level: o.level,
        }
        .parse()
        .map_err(|e| demo_error(format!("offering {}: {e:?}", o.key)))?;
        for (n, s) in o.sessions.iter().enumerate() {
            let first_day = within_working_week(
                today.checked_add(s.day_offset.days()).map_err(demo_error)?,
                s.days,
            )?;
            let last_day = first_day
                .checked_add((s.days.max(1) - 1).days())
                .map_err(demo_error)?;
            let starts = first_day.to_datetime(parse_time(&s.start)?);
            let ends = last_day.to_datetime(parse_time(&s.end)?);
            let times = SessionTimes::from_berlin(starts, ends, starts)
                .map_err(|e| demo_error(format!("session of {}: {e}", o.key)))?;
            let times = SessionTimes::new(
                times.starts_at,
                times.ends_at,
                SessionTimes::default_deadline(times.starts_at),
            )
            .map_err(demo_error)?;
            let place_id = match &s.place {
                Some(key) => Some(*place_ids.get(key).ok_or_else(|| {
                    demo_error(format!("session of {}: unknown place {key}", o.key))
                })?),
                None => None,
            };
            let online_link = if s.online {
                Some(
                    WebAddress::parse(
                        "online_link",
                        &format!("https://konferenz.example.org/lotse/{}-{}", o.key, n + 1),
                    )
                    .map_err(demo_error)?,
                )
            } else {
                None
            };
            data.sessions.push((
                Uuid::now_v7(),
                NewSession {
                    offering_id: id,
                    times,
                    venue: Venue::new(place_id, online_link)
                        .map_err(|e| demo_error(format!("session of {}: {e}", o.key)))?,
                    capacity: Capacity::parse(s.capacity).map_err(demo_error)?,
                },
            ));
        }
        modules.insert(
            o.key,
            ModuleHours {
                offering_id: id,
                kind: offering.kind,
                hours: offering.duration_hours,
            },
        );
        data.offerings.push((id, offering));
    }
    for q in file.qualifications {
        let lookup = |keys: &[String]| {
            keys.iter()
                .map(|k| {
                    modules.get(k).copied().ok_or_else(|| {
                        demo_error(format!("qualification {}: unknown module {k}", q.key))
                    })
                })
                .collect::<StoreResult<Vec<_>>>()
        };
        let required = lookup(&q.required)?;
        let elective = lookup(&q.elective)?;
        let qualification = NewQualification::new(
            Line::parse("title", &q.title).map_err(demo_error)?,
            Prose::parse("summary", &q.summary).map_err(demo_error)?,
            Prose::parse("description", &q.description).map_err(demo_error)?,
            &required,
            &elective,
            Hours::parse("minimum_hours", q.minimum_hours).map_err(demo_error)?,
        )
        .map_err(|e| demo_error(format!("qualification {}: {e}", q.key)))?;
        data.qualifications.push((Uuid::now_v7(), qualification));
    }
    Ok(data)
}

/// Loads the demo center with sessions counted from `now`'s date in Berlin, unless it
/// was loaded before or the database already holds a catalogue.
pub async fn load(db: &Db, now: Timestamp) -> StoreResult<DemoOutcome> {
    let today = now.to_zoned(lotse_core::catalogue::berlin()).date();
    let data = build(today)?;
    if has_offerings(db).await? {
        let loaded: Option<String> = crate::on_reader!(db, pool => {
            sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
                .bind(MARKER)
                .fetch_optional(pool)
                .await?
        });
        return Ok(if loaded.is_some() {
            DemoOutcome::AlreadyLoaded
        } else {
            DemoOutcome::NotEmpty
        });
    }
    if !import(db, &data, MARKER, now).await? {
        return Ok(DemoOutcome::AlreadyLoaded);
    }
    Ok(DemoOutcome::Loaded {
        offerings: data.offerings.len(),
        sessions: data.sessions.len(),
        qualifications: data.qualifications.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::catalogue::Topic;

    #[test]
    fn the_demo_file_is_valid_and_as_large_as_promised() {
        let today = jiff::civil::date(2026, 11, 25);
        let data = build(today).unwrap_or_else(|e| unreachable!("{e}"));
        assert!(
            data.offerings.len() >= 30,
            "{} offerings",
            data.offerings.len()
        );
        assert!(
            data.sessions.len() >= 60,
            "{} sessions",
            data.sessions.len()
        );
        assert!(data.qualifications.len() >= 3);
        let count = |t: Topic| {
            data.offerings
                .iter()
                .filter(|(_, o)| o.topics.contains(&t))
                .count()
        };
        for topic in Topic::ALL {
            assert!(count(*topic) > 0, "no offering for {topic}");
        }
        let strongest = [Topic::Work40, Topic::Logistics40].map(count);
        for topic in Topic::ALL
            .iter()
            .filter(|t| !matches!(t, Topic::Work40 | Topic::Logistics40))
        {
            assert!(
                count(*topic) < strongest[0].min(strongest[1]),
                "{topic} outweighs Arbeit/Logistik 4.0"
            );
        }
        // Sessions lie within the next six months.
        let berlin = lotse_core::catalogue::berlin();
        let start = today
            .to_zoned(berlin.clone())
            .map(|z| z.timestamp())
            .unwrap_or_default();
        let end = today
            .checked_add(6.months())
            .and_then(|d| d.to_zoned(berlin))
            .map(|z| z.timestamp())
            .unwrap_or_default();
        for (_, s) in &data.sessions {
            assert!(s.times.starts_at > start && s.times.starts_at < end);
            for instant in [s.times.starts_at, s.times.ends_at] {
                let weekday = instant.to_zoned(lotse_core::catalogue::berlin()).weekday();
                assert!(
                    weekday.to_monday_zero_offset() < 5,
                    "a session on a weekend"
                );
            }
        }
    }
}
