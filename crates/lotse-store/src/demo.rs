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
    Capacity, CutoffHours, Hours, ModuleHours, NewPartner, NewPlace, NewQualification, NewSession,
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
    /// Demo companies.
    #[serde(default)]
    companies: Vec<DemoCompany>,
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

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct DemoCompany {
    #[allow(dead_code)]
    key: String,
    name: String,
    sector: String,
    staff_count: u32,
    county: String,
    address: String,
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
fn build(today: Date) -> StoreResult<(CatalogueImport, Vec<DemoCompany>)> {
    let file: DemoFile = toml::from_str(DEMO_TOML).map_err(demo_error)?;
    let mut data = CatalogueImport::default();
    let companies = file.companies.clone();
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
            counts_for_qualifications: false,
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
                    cancellation_cutoff_hours: CutoffHours::DEFAULT,
                    dial_in: if s.online {
                        Some(
                            Prose::parse("dial_in", "+49 355 69 4000, Konferenz-ID 2031 4711")
                                .map_err(demo_error)?,
                        )
                    } else {
                        None
                    },
                },
            ));
        }
        modules.insert(
            o.key,
            ModuleHours {
                offering_id: id,
                counts: offering.counts_for_qualifications,
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
    Ok((data, companies))
}

/// The demo accounts, all with the password `demo-lotse-2026` (hashed by the caller).
pub const DEMO_ACCOUNTS: [&str; 7] = [
    "admin@demo.lotse.de",
    "staff@demo.lotse.de",
    "funder@demo.lotse.de",
    "partner@demo.lotse.de",
    "social@demo.lotse.de",
    "company@demo.lotse.de",
    "learner@demo.lotse.de",
];

/// Writes the demo companies and one account per role.
async fn load_people(
    db: &Db,
    data: &CatalogueImport,
    companies: &[DemoCompany],
    password_hash: &str,
    now: i64,
) -> StoreResult<Vec<(Uuid, Uuid)>> {
    use crate::accounts::{Affiliation, NewCompany, NewPerson, create_person};
    use lotse_core::accounts::{Membership, Role, Scope};
    let mut company_ids = Vec::new();
    let mut admins = Vec::new();
    for (n, c) in companies.iter().enumerate() {
        let sector = c.sector.chars().next().unwrap_or('C');
        let company = NewCompany {
            name: c.name.clone(),
            sector,
            staff_count: c.staff_count,
            county: c.county.clone(),
            address: Some(c.address.clone()),
        };
        // Each demo company gets an administrator; the first one is the documented
        // company@demo.lotse.de.
        let email = if n == 0 {
            "company@demo.lotse.de".to_owned()
        } else {
            format!("firma{}@demo.lotse.de", n + 1)
        };
        let person = NewPerson {
            email,
            name: format!("Geschäftsführung {}", c.name),
            password_hash: Some(password_hash.to_owned()),
            confirmed: true,
            language: "de".into(),
        };
        let created = create_person(db, &person, &Affiliation::NewCompany(company), None, now)
            .await
            .map_err(|e| demo_error(format!("demo company {}: {e}", c.name)))?;
        if let Some(id) = created.company_id {
            company_ids.push(id);
            admins.push((id, created.person_id));
        }
    }
    let first_partner = |kind: PartnerKind| {
        data.partners
            .iter()
            .find(|(_, p)| p.kind == kind)
            .map(|(id, _)| *id)
    };
    let consortium = first_partner(PartnerKind::ConsortiumMember);
    let associated = first_partner(PartnerKind::AssociatedPartner);
    let mut people: Vec<(&str, &str, Vec<Membership>)> = vec![
        (
            "admin@demo.lotse.de",
            "Ada Admin",
            vec![Membership {
                role: Role::Admin,
                scope: Scope::Center,
            }],
        ),
        (
            "staff@demo.lotse.de",
            "Sven Koordinator",
            vec![Membership {
                role: Role::Staff,
                scope: Scope::Center,
            }],
        ),
        (
            "funder@demo.lotse.de",
            "Frieda Förderung",
            vec![Membership {
                role: Role::Funder,
                scope: Scope::Center,
            }],
        ),
    ];
    if let Some(p) = consortium {
        people.push((
            "partner@demo.lotse.de",
            "Paula Partner",
            vec![Membership {
                role: Role::PartnerEditor,
                scope: Scope::Partner(p),
            }],
        ));
    }
    if let Some(p) = associated {
        people.push((
            "social@demo.lotse.de",
            "Sozialpartner Demo",
            vec![Membership {
                role: Role::SocialPartner,
                scope: Scope::Partner(p),
            }],
        ));
    }
    if let Some(c) = company_ids.first() {
        people.push((
            "learner@demo.lotse.de",
            "Lena Lernende",
            vec![Membership {
                role: Role::Learner,
                scope: Scope::Company(*c),
            }],
        ));
    }
    for (email, name, memberships) in people {
        let person = NewPerson {
            email: email.into(),
            name: name.into(),
            password_hash: Some(password_hash.to_owned()),
            confirmed: true,
            language: "de".into(),
        };
        create_person(
            db,
            &person,
            &Affiliation::Memberships(memberships),
            None,
            now,
        )
        .await
        .map_err(|e| demo_error(format!("demo account {email}: {e}")))?;
    }
    Ok(admins)
}

/// A reproducible number in `0.0..1.0` for `seed` (splitmix64), so the demo's check
/// answers are the same on every start.
fn demo_chance(seed: u64) -> f64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Gives every demo company one to three Digitalisierungs-Check results over the past
/// year and a half (T0, T1, T2), improving over time, so peer comparison and progress
/// show on first start. Larger companies start further along; answers vary by company
/// and dimension.
async fn load_assessments(db: &Db, admins: &[(Uuid, Uuid)], now: i64) -> StoreResult<usize> {
    use lotse_core::assessment::{self as check, ItemKind, NOT_RELEVANT, RawAnswer};
    use std::collections::BTreeMap;
    let questionnaire = check::Questionnaire::builtin().map_err(|e| {
        demo_error(format!(
            "questionnaire: {}",
            e.first().map(|e| e.to_string()).unwrap_or_default()
        ))
    })?;
    let candidates = crate::assessment::candidates(db, now).await?;
    let mut stored = 0;
    for (n, (company_id, admin)) in admins.iter().enumerate() {
        let Some(company) = crate::accounts::company(db, *company_id).await? else {
            continue;
        };
        let staff = u32::try_from(company.staff_count).unwrap_or(0);
        let size = lotse_core::accounts::SizeClass::from_staff_count(staff);
        let seed = n as u64 * 1_000_003;
        // The first company (the documented company@ and learner@) shows progress.
        let rounds = if n == 0 {
            2
        } else {
            1 + (demo_chance(seed) * 3.0) as usize
        };
        let base = 0.15
            + 0.1 * f64::from(u8::from(staff >= 10) + u8::from(staff >= 50))
            + 0.25 * demo_chance(seed + 1);
        for round in 0..rounds.min(3) {
            let months_ago = [17, 9, 2][3 - rounds.min(3) + round];
            let completed_at = now - months_ago * 30 * 24 * 3600 - (n as i64 % 20) * 86_400;
            let mut raw = BTreeMap::new();
            for (d, dimension) in questionnaire.dimensions.iter().enumerate() {
                let level =
                    (base + 0.3 * (demo_chance(seed + 10 + d as u64) - 0.5) + 0.12 * round as f64)
                        .clamp(0.0, 1.0);
                for (i, item) in dimension.items.iter().enumerate() {
                    let roll = seed + 100 * (d as u64 + 1) + i as u64 + 7919 * round as u64;
                    let x = (level + 0.5 * (demo_chance(roll) - 0.5)).clamp(0.0, 1.0);
                    let works_council = item.key == "human_works_council" && staff < 20;
                    let answer = if works_council || demo_chance(roll + 3) < 0.05 {
                        RawAnswer::Word(NOT_RELEVANT.into())
                    } else {
                        match item.kind {
                            ItemKind::Tri => RawAnswer::Word(
                                if x < 0.33 {
                                    "no"
                                } else if x < 0.66 {
                                    "partial"
                                } else {
                                    "yes"
                                }
                                .into(),
                            ),
                            ItemKind::Scale => RawAnswer::Number((x * 5.0).round() as i64),
                            ItemKind::Multi => RawAnswer::List(
                                item.options
                                    .iter()
                                    .enumerate()
                                    .filter(|(o, _)| demo_chance(roll + 31 * (*o as u64 + 1)) < x)
                                    .map(|(_, o)| o.key.clone())
                                    .collect(),
                            ),
                        }
                    };
                    raw.insert(item.key.clone(), answer);
                }
            }
            let answers = questionnaire
                .check_answers(&raw, true)
                .map_err(|e| demo_error(format!("demo check answers: {e:?}")))?;
            let scores = check::score(&questionnaire, &answers);
            let importance = BTreeMap::new();
            let recommendations =
                check::recommend(&questionnaire, &scores, &importance, &candidates);
            crate::assessment::store_result(
                db,
                &crate::assessment::NewResult {
                    id: Uuid::new_v4(),
                    version: questionnaire.version.clone(),
                    company_id: Some(*company_id),
                    person_id: Some(*admin),
                    answers_json: serde_json::to_string(&raw).map_err(demo_error)?,
                    importance_json: "{}".into(),
                    peer_group: Some((size.key().to_owned(), company.sector.clone())),
                    overall: scores.overall,
                    band: scores.band,
                    scores: scores
                        .dimensions
                        .iter()
                        .map(|d| (d.key.clone(), d.score))
                        .collect(),
                    recommendations,
                    completed_at,
                },
            )
            .await?;
            stored += 1;
        }
    }
    Ok(stored)
}

/// The demo's learning history: the learner attended the modules of the Logistik 4.0
/// qualification over the past months and completed it (its credentials are issued;
/// they are signed once a signing key exists), and the company admin attended the first
/// half. The sessions lie in the past, three weeks apart, on Tuesdays, the last one last
/// week (its attendee is invited to evaluate it once lotse runs). Returns how many
/// sessions it wrote.
async fn load_learning_history(
    db: &Db,
    data: &CatalogueImport,
    today: jiff::civil::Date,
    now: i64,
) -> StoreResult<usize> {
    let Some((_, qualification)) = data
        .qualifications
        .iter()
        .find(|(_, q)| q.title.as_str().starts_with("Fachkraft Logistik 4.0"))
    else {
        return Ok(0);
    };
    let hours = |id: Uuid| {
        data.offerings
            .iter()
            .find(|(o, _)| *o == id)
            .map_or(0, |(_, o)| o.duration_hours.get())
    };
    // The required modules, then electives until the hours are reached.
    let mut path: Vec<Uuid> = qualification.required.clone();
    let mut total: u32 = path.iter().map(|m| hours(*m)).sum();
    for elective in &qualification.elective {
        if total >= qualification.minimum_hours.get() {
            break;
        }
        path.push(*elective);
        total += hours(*elective);
    }
    let people: Vec<(Uuid, String)> = crate::on_reader!(db, pool => {
        sqlx::query_as("SELECT id, email FROM people WHERE email IN ('learner@demo.lotse.de', 'company@demo.lotse.de')")
            .fetch_all(pool)
            .await?
    });
    let find = |email: &str| people.iter().find(|(_, e)| e == email).map(|(id, _)| *id);
    let (Some(learner), Some(admin)) =
        (find("learner@demo.lotse.de"), find("company@demo.lotse.de"))
    else {
        return Ok(0);
    };
    let berlin = lotse_core::catalogue::berlin();
    let last_tuesday = (1..=7)
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
        .find(|d| d.weekday() == jiff::civil::Weekday::Tuesday)
        .unwrap_or(today);
    crate::on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        let mut changes = Vec::new();
        for (n, offering) in path.iter().enumerate() {
            // The last one was last Tuesday, so its evaluation is open in the demo.
            let weeks_back = i64::try_from(3 * (path.len() - 1 - n)).unwrap_or(3);
            let day = last_tuesday
                .checked_sub(jiff::Span::new().weeks(weeks_back))
                .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
            let starts = day
                .at(9, 0, 0, 0)
                .to_zoned(berlin.clone())
                .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?
                .timestamp()
                .as_second();
            let ends = starts + 3600 * i64::from(hours(*offering).clamp(1, 8));
            let session = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO sessions (id, offering_id, starts_at, ends_at, registration_deadline, online_link,
                        capacity, status, created_at, cancellation_cutoff_hours)
                 VALUES ($1, $2, $3, $4, $5, $6, 12, 'planned', $7, 24)",
            )
            .bind(session)
            .bind(offering)
            .bind(starts)
            .bind(ends)
            .bind(starts - 86_400)
            .bind(format!("https://konferenz.example.org/lotse/verlauf-{}", n + 1))
            .bind(starts - 30 * 86_400)
            .execute(&mut *tx)
            .await?;
            let attendees = if n < path.len() / 2 { vec![learner, admin] } else { vec![learner] };
            for person in attendees {
                sqlx::query(
                    "INSERT INTO registrations (id, session_id, person_id, booked_by, status, ticket_code, created_at, updated_at, company_id)
                     VALUES ($1, $2, $3, $3, 'attended', $4, $5, $6,
                             (SELECT m.company_id FROM memberships m WHERE m.person_id = $3 AND m.company_id IS NOT NULL
                              ORDER BY m.created_at, m.company_id LIMIT 1))",
                )
                .bind(Uuid::now_v7())
                .bind(session)
                .bind(person)
                .bind(format!("VERLAUF{}", Uuid::new_v4().simple()).to_uppercase())
                .bind(starts - 20 * 86_400)
                .bind(ends)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE sessions SET confirmed_count = confirmed_count + 1 WHERE id = $1")
                    .bind(session)
                    .execute(&mut *tx)
                    .await?;
                crate::qualifications::reconsider_completions!(tx, person, *offering, changes, now);
            }
        }
        tx.commit().await?;
    });
    Ok(path.len())
}

/// Loads the demo center with sessions counted from `now`'s date in Berlin, unless it
/// was loaded before or the database already holds a catalogue.
pub async fn load(db: &Db, now: Timestamp, password_hash: &str) -> StoreResult<DemoOutcome> {
    let today = now.to_zoned(lotse_core::catalogue::berlin()).date();
    let (data, companies) = build(today)?;
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
    let admins = load_people(db, &data, &companies, password_hash, now.as_second()).await?;
    load_assessments(db, &admins, now.as_second()).await?;
    let past = load_learning_history(db, &data, today, now.as_second()).await?;
    Ok(DemoOutcome::Loaded {
        offerings: data.offerings.len(),
        sessions: data.sessions.len() + past,
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
        let (data, companies) = build(today).unwrap_or_else(|e| unreachable!("{e}"));
        assert!(companies.len() >= 5);
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
