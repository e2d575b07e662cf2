//! Synthetic data at realistic scale, deterministic from a seed: partners, places,
//! offerings with topics and audiences, sessions over the past year and the next half
//! year, companies, people with memberships, registrations with consistent session
//! counters, and API tokens for load tests. Rows are written in large multi-row
//! inserts inside transactions, the fastest path both backends offer through sqlx.

use anyhow::Context;
use indicatif::ProgressBar;
use lotse_store::{Db, on_writer};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write;
use uuid::Uuid;

/// How much to generate.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Scale {
    /// Offerings (sessions: about four per offering).
    pub offerings: usize,
    pub people: usize,
    pub companies: usize,
    pub registrations: usize,
    /// People (the first ones) who get an API token `lotse_bench_{n}`.
    pub tokens: usize,
    /// The seed: the same seed gives the same data.
    pub seed: u64,
}

/// The API token of synthetic person `n` (the first [`Scale::tokens`] people).
pub fn token(n: usize) -> String {
    format!("lotse_bench_{n:08}")
}

/// A value to bind; NULLs carry their type, which PostgreSQL needs.
enum V {
    Id(Uuid),
    NoId,
    Int(i64),
    NoInt,
    Text(String),
    NoText,
    Bool(bool),
}

/// Rows for one table, written in multi-row inserts whenever enough have gathered.
struct Bulk<'a> {
    db: &'a Db,
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<V>>,
    written: u64,
    progress: &'a ProgressBar,
}

/// Rows per flush (one transaction) and rows per statement (bounded by the number of
/// bind parameters a statement may have).
const FLUSH_ROWS: usize = 20_000;
const MAX_PARAMETERS: usize = 30_000;

impl<'a> Bulk<'a> {
    fn new(
        db: &'a Db,
        table: &'static str,
        columns: &'static [&'static str],
        progress: &'a ProgressBar,
    ) -> Self {
        Bulk {
            db,
            table,
            columns,
            rows: Vec::with_capacity(FLUSH_ROWS),
            written: 0,
            progress,
        }
    }

    async fn push(&mut self, row: Vec<V>) -> anyhow::Result<()> {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
        if self.rows.len() >= FLUSH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    /// The insert of `rows` rows. SQLite gets anonymous `?` placeholders: with
    /// numbered ones sqlx looks every parameter's name up, which dominated a profile
    /// of this loader.
    fn statement(&self, rows: usize) -> String {
        let anonymous = matches!(self.db, Db::Sqlite { .. });
        let mut sql = format!(
            "INSERT INTO {} ({}) VALUES ",
            self.table,
            self.columns.join(", ")
        );
        let mut n = 0;
        for r in 0..rows {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..self.columns.len() {
                n += 1;
                let separator = if c == 0 { "" } else { ", " };
                if anonymous {
                    let _ = write!(sql, "{separator}?");
                } else {
                    let _ = write!(sql, "{separator}${n}");
                }
            }
            sql.push(')');
        }
        sql
    }

    /// Pushes a row that refers to rows of `parent`: the parent's rows are written
    /// first, so foreign keys hold whenever this table is written.
    async fn push_after(&mut self, parent: &mut Bulk<'_>, row: Vec<V>) -> anyhow::Result<()> {
        if self.rows.len() + 1 >= FLUSH_ROWS {
            parent.flush().await?;
        }
        self.push(row).await
    }

    async fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let per_statement = (MAX_PARAMETERS / self.columns.len()).max(1);
        let rows = std::mem::take(&mut self.rows);
        let full = self.statement(per_statement.min(rows.len()));
        on_writer!(self.db, pool => {
            let mut tx = pool.begin().await?;
            for chunk in rows.chunks(per_statement) {
                let sql = if chunk.len() == per_statement.min(rows.len()) {
                    full.clone()
                } else {
                    self.statement(chunk.len())
                };
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for row in chunk {
                    for value in row {
                        query = match value {
                            V::Id(id) => query.bind(*id),
                            V::NoId => query.bind(None::<Uuid>),
                            V::Int(i) => query.bind(*i),
                            V::NoInt => query.bind(None::<i64>),
                            V::Text(t) => query.bind(t.as_str()),
                            V::NoText => query.bind(None::<String>),
                            V::Bool(b) => query.bind(*b),
                        };
                    }
                }
                query
                    .execute(&mut *tx)
                    .await
                    .with_context(|| format!("insert into {}", self.table))?;
            }
            tx.commit().await?;
        });
        let n = rows.len() as u64;
        self.written += n;
        self.progress.inc(n);
        Ok(())
    }

    async fn finish(mut self) -> anyhow::Result<u64> {
        self.flush().await?;
        Ok(self.written)
    }
}

/// Picks from `items` by weight.
fn weighted<'x, T>(rng: &mut ChaCha8Rng, items: &'x [(T, u32)]) -> &'x T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for (item, weight) in items {
        if pick < *weight {
            return item;
        }
        pick -= weight;
    }
    &items[0].0
}

const COUNTIES: [(&str, u32); 19] = [
    ("12051", 4),
    ("12052", 12),
    ("12053", 5),
    ("12054", 9),
    ("12060", 5),
    ("12061", 7),
    ("12062", 4),
    ("12063", 5),
    ("12064", 5),
    ("12065", 5),
    ("12066", 7),
    ("12067", 5),
    ("12068", 3),
    ("12069", 5),
    ("12070", 2),
    ("12071", 8),
    ("12072", 4),
    ("12073", 3),
    ("outside", 3),
];

const TOPICS: [(&str, u32); 7] = [
    ("arbeit-4-0", 22),
    ("logistik-4-0", 22),
    ("strategie", 14),
    ("it-sicherheit", 12),
    ("daten-ki", 14),
    ("produktion-automatisierung", 10),
    ("nachhaltigkeit", 6),
];

const KINDS: [(&str, u32); 6] = [
    ("workshop", 30),
    ("module", 25),
    ("info_event", 15),
    ("webinar", 15),
    ("consultation", 10),
    ("demonstrator", 5),
];

const AUDIENCES: [&str; 6] = [
    "geschaeftsfuehrung",
    "fach-fuehrungskraefte",
    "beschaeftigte",
    "betriebsraete",
    "auszubildende",
    "multiplikatoren",
];

const SECTORS: [(&str, u32); 10] = [
    ("C", 24),
    ("F", 14),
    ("G", 16),
    ("H", 10),
    ("I", 6),
    ("J", 6),
    ("M", 10),
    ("N", 5),
    ("Q", 7),
    ("A", 2),
];

const SUBJECTS: [&str; 24] = [
    "RFID im Lager",
    "Fahrerlose Transportsysteme",
    "Mobile Arbeit gestalten",
    "Künstliche Intelligenz im Büro",
    "Datenschutz im Betrieb",
    "Phishing erkennen",
    "Digitale Geschäftsmodelle",
    "Energiedaten nutzen",
    "Cobots in der Fertigung",
    "E-Rechnung einführen",
    "Betriebsvereinbarungen zu KI",
    "Sendungsverfolgung in Echtzeit",
    "Dashboards für die Geschäftsführung",
    "Cloud sicher nutzen",
    "Digitale Zwillinge",
    "Lernen im Prozess der Arbeit",
    "Predictive Maintenance",
    "CO₂-Bilanz erstellen",
    "Förderprogramme für Digitalisierung",
    "Tourenplanung mit Daten",
    "Notfallplan für IT-Ausfälle",
    "Führen auf Distanz",
    "Kommissionierung mit Pick-by-Light",
    "Prozesse aufnehmen und verbessern",
];

const FORMS: [&str; 5] = [
    "Einführung",
    "Praxis",
    "Vertiefung",
    "Grundlagen",
    "Werkstatt",
];

/// Fills an empty, migrated database; returns the number of rows written.
pub async fn generate(db: &Db, scale: &Scale, progress: &ProgressBar) -> anyhow::Result<u64> {
    let mut rng = ChaCha8Rng::seed_from_u64(scale.seed);
    let now = jiff::Timestamp::now().as_second();
    let day = 86_400_i64;
    let mut written = 0;
    // Time-ordered ids (UUID v7, as lotse makes them): each new row lands at the end of
    // its primary-key index instead of at a random place.
    let mut clock = u64::try_from(now).unwrap_or(0) * 1000;
    let mut id = |rng: &mut ChaCha8Rng| {
        clock += 1;
        uuid::Builder::from_unix_timestamp_millis(clock, &rng.random::<[u8; 10]>()).into_uuid()
    };

    // Partners and places.
    let partners: Vec<Uuid> = (0..40).map(|_| id(&mut rng)).collect();
    let mut bulk = Bulk::new(
        db,
        "partners",
        &[
            "id",
            "kind",
            "name",
            "description",
            "web_address",
            "created_at",
        ],
        progress,
    );
    let kinds = [
        "consortium_member",
        "associated_partner",
        "chamber",
        "association",
    ];
    for (n, p) in partners.iter().enumerate() {
        bulk.push(vec![
            V::Id(*p),
            V::Text(kinds[n % kinds.len()].into()),
            V::Text(format!("Synthetischer Partner {n:03}")),
            V::Text("Ein Partner des Kompetenzzentrums.".into()),
            V::Text(format!("https://partner{n}.example.org")),
            V::Int(now),
        ])
        .await?;
    }
    written += bulk.finish().await?;
    let places: Vec<Uuid> = (0..300).map(|_| id(&mut rng)).collect();
    let mut bulk = Bulk::new(db, "places", &["id", "name", "address", "county"], progress);
    for (n, p) in places.iter().enumerate() {
        let county = *weighted(&mut rng, &COUNTIES);
        bulk.push(vec![
            V::Id(*p),
            V::Text(format!("Seminarraum {n:03}")),
            V::Text(format!("Weg {n}, Ort {county}")),
            V::Text(county.into()),
        ])
        .await?;
    }
    written += bulk.finish().await?;

    // Offerings with topics and audiences.
    let mut offerings = Vec::with_capacity(scale.offerings);
    let mut bulk = Bulk::new(
        db,
        "offerings",
        &[
            "id",
            "kind",
            "title",
            "sort_key",
            "search_text",
            "summary",
            "description",
            "learning_outcomes",
            "duration_hours",
            "format",
            "partner_id",
            "price_cents",
            "language",
            "level",
            "created_at",
            "updated_at",
            "counts_for_qualifications",
        ],
        progress,
    );
    let mut topics = Bulk::new(db, "offering_topics", &["offering_id", "topic"], progress);
    let mut audiences = Bulk::new(
        db,
        "offering_audiences",
        &["offering_id", "audience"],
        progress,
    );
    for n in 0..scale.offerings {
        let offering = id(&mut rng);
        offerings.push(offering);
        let subject = SUBJECTS[rng.random_range(0..SUBJECTS.len())];
        let form = FORMS[rng.random_range(0..FORMS.len())];
        let title = format!("{form}: {subject} ({n})");
        let summary =
            format!("{subject} für kleine und mittlere Unternehmen, praxisnah und kompakt.");
        let description = format!(
            "Im {form} lernen Sie {subject} an Beispielen aus Brandenburger Betrieben kennen."
        );
        let search = format!("{title} {summary} {description}").to_lowercase();
        let first_topic = *weighted(&mut rng, &TOPICS);
        let kind = *weighted(&mut rng, &KINDS);
        bulk.push(vec![
            V::Id(offering),
            V::Text(kind.into()),
            V::Text(title.clone()),
            V::Text(lotse_store::catalogue::sort_key(&title)),
            V::Text(search),
            V::Text(summary),
            V::Text(description),
            V::Text("[\"Sie kennen die Grundlagen.\"]".into()),
            V::Int(rng.random_range(2..40)),
            V::Text(["presence", "online", "blended"][rng.random_range(0..3)].into()),
            V::Id(partners[rng.random_range(0..partners.len())]),
            V::Int(if rng.random_bool(0.8) { 0 } else { 4900 }),
            V::Text(if rng.random_bool(0.95) { "de" } else { "en" }.into()),
            V::Text(["basic", "intermediate", "advanced"][rng.random_range(0..3)].into()),
            V::Int(now),
            V::Int(now),
            V::Bool(kind == "module"),
        ])
        .await?;
        topics
            .push_after(
                &mut bulk,
                vec![V::Id(offering), V::Text(first_topic.into())],
            )
            .await?;
        let second = *weighted(&mut rng, &TOPICS);
        if second != first_topic && rng.random_bool(0.3) {
            topics
                .push_after(&mut bulk, vec![V::Id(offering), V::Text(second.into())])
                .await?;
        }
        let start = rng.random_range(0..AUDIENCES.len());
        for k in 0..rng.random_range(1..=3) {
            audiences
                .push_after(
                    &mut bulk,
                    vec![
                        V::Id(offering),
                        V::Text(AUDIENCES[(start + k) % AUDIENCES.len()].into()),
                    ],
                )
                .await?;
        }
    }
    written += bulk.finish().await?;
    written += topics.finish().await?;
    written += audiences.finish().await?;

    // Companies, people (most of them employees), memberships, tokens.
    let mut companies = Vec::with_capacity(scale.companies);
    let mut bulk = Bulk::new(
        db,
        "companies",
        &[
            "id",
            "name",
            "sector",
            "staff_count",
            "county",
            "address",
            "created_at",
        ],
        progress,
    );
    for n in 0..scale.companies {
        let company = id(&mut rng);
        companies.push(company);
        // Most SMEs are small: a rough log-uniform headcount from 1 to 500.
        let staff = (500f64.powf(rng.random::<f64>())).round() as i64;
        bulk.push(vec![
            V::Id(company),
            V::Text(format!("Synthetische Firma {n:05} GmbH")),
            V::Text((*weighted(&mut rng, &SECTORS)).into()),
            V::Int(staff),
            V::Text((*weighted(&mut rng, &COUNTIES)).into()),
            V::NoText,
            V::Int(now),
        ])
        .await?;
    }
    written += bulk.finish().await?;
    let mut people = Vec::with_capacity(scale.people);
    let mut bulk = Bulk::new(
        db,
        "people",
        &[
            "id",
            "email",
            "name",
            "password_hash",
            "email_confirmed_at",
            "language",
            "created_at",
        ],
        progress,
    );
    let mut memberships = Bulk::new(
        db,
        "memberships",
        &[
            "id",
            "person_id",
            "role",
            "company_id",
            "partner_id",
            "created_at",
        ],
        progress,
    );
    let mut tokens = Bulk::new(
        db,
        "api_tokens",
        &["id", "person_id", "name", "token_hash", "created_at"],
        progress,
    );
    // The company each person books for (their only one here), by index in `people`.
    let mut company_of: Vec<Option<Uuid>> = Vec::with_capacity(scale.people);
    for n in 0..scale.people {
        let person = id(&mut rng);
        people.push(person);
        company_of.push(None);
        bulk.push(vec![
            V::Id(person),
            V::Text(format!("person{n:07}@synthetisch.example")),
            V::Text(format!("Person {n}")),
            V::NoText,
            V::Int(now),
            V::Text("de".into()),
            V::Int(now),
        ])
        .await?;
        if !companies.is_empty() && (n < companies.len() || rng.random_bool(0.85)) {
            // The first person of each company is its admin.
            let (company, role) = if n < companies.len() {
                (companies[n], "company_admin")
            } else {
                (companies[rng.random_range(0..companies.len())], "learner")
            };
            company_of[n] = Some(company);
            memberships
                .push_after(
                    &mut bulk,
                    vec![
                        V::Id(id(&mut rng)),
                        V::Id(person),
                        V::Text(role.into()),
                        V::Id(company),
                        V::NoId,
                        V::Int(now),
                    ],
                )
                .await?;
        }
        if n < scale.tokens {
            tokens
                .push_after(
                    &mut bulk,
                    vec![
                        V::Id(id(&mut rng)),
                        V::Id(person),
                        V::Text("benchmark".into()),
                        V::Text(lotse_web::http::auth::hash_secret(&token(n))),
                        V::Int(now),
                    ],
                )
                .await?;
        }
    }
    written += bulk.finish().await?;
    written += memberships.finish().await?;
    written += tokens.finish().await?;

    // Sessions from a year ago to half a year ahead, each with its registrations: the
    // first `capacity` confirmed (attended or no-show once past), the rest waiting (or
    // cancelled once past). Demand varies a lot between sessions.
    let sessions_count = (scale.registrations / 25).max(scale.offerings).max(1);
    let mut sessions = Bulk::new(
        db,
        "sessions",
        &[
            "id",
            "offering_id",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "place_id",
            "online_link",
            "capacity",
            "confirmed_count",
            "waitlist_count",
            "status",
            "created_at",
            "waitlist_next",
        ],
        progress,
    );
    let mut registrations = Bulk::new(
        db,
        "registrations",
        &[
            "id",
            "session_id",
            "person_id",
            "booked_by",
            "status",
            "waitlist_seq",
            "ticket_code",
            "created_at",
            "updated_at",
            "company_id",
        ],
        progress,
    );
    // The evaluations a running center would have sent for the last fortnight's
    // sessions (so that `lotse serve` finds none due at start), two in five answered.
    let mut invitations = Bulk::new(
        db,
        "evaluation_invitations",
        &[
            "registration_id",
            "session_id",
            "secret_hash",
            "sent_at",
            "answered",
        ],
        progress,
    );
    let mut answers = Bulk::new(
        db,
        "evaluation_answers",
        &[
            "id",
            "session_id",
            "relevance",
            "quality",
            "applicability",
            "will_apply",
            "comment",
        ],
        progress,
    );
    let invited_since = now - lotse_core::evaluation::INVITE_WITHIN_DAYS * day;
    let mut left = scale.registrations;
    let mut ticket = 0u64;
    // A step coprime with the number of people walks through distinct people.
    let step = [7919usize, 104_729, 15_485_863]
        .into_iter()
        .find(|p| !scale.people.is_multiple_of(*p))
        .unwrap_or(1);
    for s in 0..sessions_count {
        if offerings.is_empty() {
            break;
        }
        let session = id(&mut rng);
        let starts = now + rng.random_range(-365..183) * day + 9 * 3600;
        let ends = starts + 3 * 3600;
        let capacity: i64 = rng.random_range(12..=40);
        let remaining_sessions = (sessions_count - s) as f64;
        let mean = left as f64 / remaining_sessions;
        // Popular sessions draw far more than the mean, most a little less.
        let demand = ((mean * (0.2 + 1.6 * rng.random::<f64>().powi(2))).round() as usize)
            .min(left)
            .min(scale.people);
        let demand = if s + 1 == sessions_count {
            left.min(scale.people)
        } else {
            demand
        };
        left -= demand;
        let past = starts < now;
        let confirmed = demand.min(usize::try_from(capacity).unwrap_or(0));
        let waiting = if past { 0 } else { demand - confirmed };
        let online = rng.random_bool(0.3);
        sessions
            .push(vec![
                V::Id(session),
                V::Id(offerings[rng.random_range(0..offerings.len())]),
                V::Int(starts),
                V::Int(ends),
                V::Int(starts - day),
                if online {
                    V::NoId
                } else {
                    V::Id(places[rng.random_range(0..places.len())])
                },
                if online {
                    V::Text("https://konferenz.example.org/raum".into())
                } else {
                    V::NoText
                },
                V::Int(capacity),
                V::Int(if past { 0 } else { confirmed as i64 }),
                V::Int(waiting as i64),
                V::Text("planned".into()),
                V::Int(now),
                V::Int(waiting as i64 + 1),
            ])
            .await?;
        let first = rng.random_range(0..scale.people.max(1));
        for k in 0..demand {
            let who = (first + k * step) % people.len();
            let person = people[who];
            let (status, seq) = match (past, k < confirmed) {
                (true, true) => (
                    if rng.random_bool(0.85) {
                        "attended"
                    } else {
                        "no_show"
                    },
                    None,
                ),
                (true, false) => ("cancelled", None),
                (false, true) => ("confirmed", None),
                (false, false) => ("waitlisted", Some((k - confirmed + 1) as i64)),
            };
            let code = if k < confirmed {
                ticket += 1;
                V::Text(format!("S{ticket:011}"))
            } else {
                V::NoText
            };
            let registration = id(&mut rng);
            registrations
                .push_after(
                    &mut sessions,
                    vec![
                        V::Id(registration),
                        V::Id(session),
                        V::Id(person),
                        V::Id(person),
                        V::Text(status.into()),
                        seq.map_or(V::NoInt, V::Int),
                        code,
                        V::Int(starts - rng.random_range(2..60) * day),
                        V::Int(now),
                        company_of[who].map_or(V::NoId, V::Id),
                    ],
                )
                .await?;
            if status == "attended" && ends > invited_since && ends <= now {
                let answered = rng.random_bool(0.4);
                if invitations.rows.len() + 1 >= FLUSH_ROWS {
                    sessions.flush().await?;
                    registrations.flush().await?;
                }
                invitations
                    .push(vec![
                        V::Id(registration),
                        V::Id(session),
                        V::Text(format!("synthetisch-{}", registration.simple())),
                        V::Int(ends + 3600),
                        V::Bool(answered),
                    ])
                    .await?;
                if answered {
                    let mut rating = || V::Int(rng.random_range(2..=5));
                    let (relevance, quality, applicability) = (rating(), rating(), rating());
                    answers
                        .push_after(
                            &mut sessions,
                            vec![
                                V::Id(uuid::Builder::from_random_bytes(rng.random()).into_uuid()),
                                V::Id(session),
                                relevance,
                                quality,
                                applicability,
                                V::Text("Synthetische Antwort".into()),
                                V::Text(String::new()),
                            ],
                        )
                        .await?;
                }
            }
        }
    }
    written += sessions.finish().await?;
    written += registrations.finish().await?;
    written += invitations.finish().await?;
    written += answers.finish().await?;
    Ok(written)
}
