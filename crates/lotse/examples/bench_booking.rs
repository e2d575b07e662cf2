//! Booking benchmark: confirmed bookings per second through the store's allocation
//! (the same transaction the API runs), with 100 sessions and 10,000 people.
//!
//! Run: `cargo run --release --example bench_booking` (SQLite in a temporary folder),
//! or with `LOTSE_BENCH_POSTGRES_URL=postgres://…` to measure PostgreSQL as well.
//! Prints a table of figures; it asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use lotse_store::accounts::{Affiliation, NewPerson, create_person};
use lotse_store::{Db, DbOptions};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

const SESSIONS: usize = 100;
const PEOPLE: usize = 10_000;
const SEATS: i64 = 100;
const WORKERS: usize = 32;

async fn prepare(db: &Db) -> (Vec<Uuid>, Vec<Uuid>) {
    db.migrate().await.unwrap();
    lotse_store::demo::load(db, jiff::Timestamp::now(), "x")
        .await
        .unwrap();
    let offering: Uuid = lotse_store::on_reader!(db, pool => {
        sqlx::query_scalar("SELECT id FROM offerings LIMIT 1").fetch_one(pool).await.unwrap()
    });
    let start = jiff::Timestamp::now().as_second() + 30 * 24 * 3600;
    let mut sessions = Vec::with_capacity(SESSIONS);
    for n in 0..SESSIONS {
        let id = Uuid::now_v7();
        let starts = start + i64::try_from(n).unwrap() * 3600;
        lotse_store::on_writer!(db, pool => {
            sqlx::query(
                "INSERT INTO sessions (id, offering_id, starts_at, ends_at, registration_deadline, online_link, capacity, status, created_at)
                 VALUES ($1, $2, $3, $4, $3, 'https://konferenz.example.org/b', $5, 'planned', 0)",
            )
            .bind(id).bind(offering).bind(starts).bind(starts + 3600).bind(SEATS)
            .execute(pool).await.unwrap();
        });
        sessions.push(id);
    }
    let mut people = Vec::with_capacity(PEOPLE);
    for n in 0..PEOPLE {
        let person = NewPerson {
            email: format!("bench{n}@beispiel.de"),
            name: format!("Person {n}"),
            password_hash: None,
            confirmed: true,
            language: "de".into(),
        };
        people.push(
            create_person(db, &person, &Affiliation::None, None, 0)
                .await
                .unwrap()
                .person_id,
        );
    }
    (sessions, people)
}

/// Books every person onto one session (person n onto session n % 100) with
/// `WORKERS` concurrent tasks; returns (bookings, confirmed, seconds).
async fn run(db: &Db, sessions: &[Uuid], people: &[Uuid]) -> (usize, usize, f64) {
    let jobs: Arc<Vec<(Uuid, Uuid)>> = Arc::new(
        people
            .iter()
            .enumerate()
            .map(|(n, p)| (sessions[n % sessions.len()], *p))
            .collect(),
    );
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..WORKERS {
        let (db, jobs, next) = (db.clone(), jobs.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut confirmed = 0;
            let ticket = || Uuid::new_v4().simple().to_string();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((session, person)) = jobs.get(i).copied() else {
                    break;
                };
                let booked = lotse_store::booking::register(
                    &db,
                    session,
                    &[person],
                    person,
                    jiff::Timestamp::UNIX_EPOCH,
                    &ticket,
                    Box::new(|_| None),
                )
                .await
                .unwrap();
                if booked[0].status == lotse_core::booking::RegistrationStatus::Confirmed {
                    confirmed += 1;
                }
            }
            confirmed
        }));
    }
    let mut confirmed = 0;
    for t in tasks {
        confirmed += t.await.unwrap();
    }
    (jobs.len(), confirmed, started.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() {
    println!("| backend | bookings | confirmed | seconds | bookings/s | confirmed/s |");
    println!("|---|---|---|---|---|---|");
    let dir = std::env::temp_dir().join(format!("lotse-bench-{}", Uuid::now_v7().simple()));
    let sqlite = Db::connect(
        &format!("sqlite://{}/bench.db", dir.display()),
        &DbOptions::default(),
    )
    .await
    .unwrap();
    let mut targets = vec![("SQLite", sqlite)];
    if let Ok(url) = std::env::var("LOTSE_BENCH_POSTGRES_URL") {
        let options = DbOptions {
            max_connections: 16,
            ..DbOptions::default()
        };
        targets.push(("PostgreSQL", Db::connect(&url, &options).await.unwrap()));
    }
    for (name, db) in targets {
        let (sessions, people) = prepare(&db).await;
        let (bookings, confirmed, seconds) = run(&db, &sessions, &people).await;
        println!(
            "| {name} | {bookings} | {confirmed} | {seconds:.2} | {:.0} | {:.0} |",
            bookings as f64 / seconds,
            confirmed as f64 / seconds
        );
        db.close().await;
    }
    let _ = std::fs::remove_dir_all(dir);
}
