//! The synthetic generator on SQLite (and PostgreSQL when `LOTSE_TEST_POSTGRES_URL` is
//! set): the same seed gives the same data, the scale is what was asked for, and the
//! booking counters agree with the registrations, so benchmarks measure a consistent
//! database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use indicatif::ProgressBar;
use lotse_bench::synthetic::{Scale, generate, token};
use lotse_store::{Db, DbOptions, on_reader};

async fn fresh(url_base: Option<&str>) -> Db {
    let url = match url_base {
        None => {
            let dir =
                std::env::temp_dir().join(format!("lotse-seed-{}", uuid::Uuid::now_v7().simple()));
            format!("sqlite://{}/lotse.db", dir.display())
        }
        Some(base) => {
            let schema = format!("s_{}", uuid::Uuid::now_v7().simple());
            let admin = Db::connect(base, &DbOptions::default()).await.unwrap();
            lotse_store::on_writer!(&admin, pool => {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(pool).await.unwrap();
            });
            admin.close().await;
            let join = if base.contains('?') { '&' } else { '?' };
            format!("{base}{join}options[search_path]={schema}")
        }
    };
    let db = Db::connect(&url, &DbOptions::default()).await.unwrap();
    db.migrate().await.unwrap();
    db
}

async fn fingerprint(db: &Db) -> (i64, i64, i64, i64, i64, String) {
    on_reader!(db, pool => {
        let count = |table: &str| format!("SELECT COUNT(*) FROM {table}");
        let offerings: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count("offerings"))).fetch_one(pool).await.unwrap();
        let people: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count("people"))).fetch_one(pool).await.unwrap();
        let companies: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count("companies"))).fetch_one(pool).await.unwrap();
        let registrations: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count("registrations"))).fetch_one(pool).await.unwrap();
        let tokens: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count("api_tokens"))).fetch_one(pool).await.unwrap();
        let first: String = sqlx::query_scalar("SELECT title FROM offerings ORDER BY sort_key LIMIT 1").fetch_one(pool).await.unwrap();
        (offerings, people, companies, registrations, tokens, first)
    })
}

#[tokio::test]
async fn the_same_seed_gives_the_same_consistent_data() {
    let mut bases = vec![None];
    match std::env::var("LOTSE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => bases.push(Some(url)),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but LOTSE_TEST_POSTGRES_URL is not set")
        }
        _ => eprintln!("note: LOTSE_TEST_POSTGRES_URL not set; testing SQLite only"),
    }
    let scale = Scale {
        offerings: 50,
        people: 2_000,
        companies: 300,
        registrations: 10_000,
        tokens: 100,
        seed: 7,
    };
    for base in bases {
        let a = fresh(base.as_deref()).await;
        let b = fresh(base.as_deref()).await;
        let rows_a = generate(&a, &scale, &ProgressBar::hidden()).await.unwrap();
        let rows_b = generate(&b, &scale, &ProgressBar::hidden()).await.unwrap();
        assert_eq!(rows_a, rows_b);
        let (offerings, people, companies, registrations, tokens, first) = fingerprint(&a).await;
        assert_eq!(
            (offerings, people, companies, registrations, tokens),
            (50, 2_000, 300, 10_000, 100)
        );
        assert_eq!(fingerprint(&b).await.5, first, "same seed, same titles");
        // Counters agree with rows; nobody is on a session twice; every future
        // session is filled before anyone waits.
        let (bad_counts, doubles, waiting_with_room): (i64, i64, i64) = on_reader!(&a, pool => {
            let bad: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sessions s WHERE s.confirmed_count <> (SELECT COUNT(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'confirmed')
                    OR s.waitlist_count <> (SELECT COUNT(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'waitlisted')",
            ).fetch_one(pool).await.unwrap();
            let doubles: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM (SELECT session_id, person_id FROM registrations GROUP BY session_id, person_id HAVING COUNT(*) > 1) d",
            ).fetch_one(pool).await.unwrap();
            let room: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sessions WHERE waitlist_count > 0 AND confirmed_count < capacity",
            ).fetch_one(pool).await.unwrap();
            (bad, doubles, room)
        });
        assert_eq!((bad_counts, doubles, waiting_with_room), (0, 0, 0));
        // A running center would have invited last fortnight's attendees already: a
        // server started on the data has none to invite.
        let invited: i64 = on_reader!(&a, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM evaluation_invitations").fetch_one(pool).await.unwrap()
        });
        assert!(invited > 0);
        let due = lotse_store::evaluations::due_invitations(&a, lotse_store::now_seconds())
            .await
            .unwrap();
        assert_eq!(due.len(), 0);
        // The benchmark tokens are what lotse expects.
        let hash = lotse_web::http::auth::hash_secret(&token(0));
        let found: i64 = on_reader!(&a, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1").bind(hash).fetch_one(pool).await.unwrap()
        });
        assert_eq!(found, 1);
        a.close().await;
        b.close().await;
    }
}
