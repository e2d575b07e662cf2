//! Upgrades: a database at the previous release's schema, holding that release's demo
//! center, migrates forward on both backends with nothing lost, and lotse serves it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends, demo_password_hash, fresh_url};
use lotse_store::{Db, DbOptions};

/// The newest migration of the release before this one (stop 25 ended at 0017,
/// `date_requests`); raise it when a release adds migrations.
const PREVIOUS_RELEASE: i64 = 17;

async fn counts(db: &Db) -> Vec<i64> {
    let mut found = Vec::new();
    for table in [
        "people",
        "offerings",
        "sessions",
        "registrations",
        "companies",
        "memberships",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = lotse_store::on_reader!(db, pool => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap()
        });
        found.push(n);
    }
    found
}

#[tokio::test]
async fn a_database_of_the_previous_release_migrates_forward_and_serves() {
    for backend in backends() {
        let (url, _dir) = fresh_url(backend).await;
        let db = Db::connect(&url, &DbOptions::default()).await.unwrap();
        match &db {
            Db::Sqlite { write, .. } => sqlx::migrate!("../lotse-store/migrations/sqlite")
                .run_to(PREVIOUS_RELEASE, write)
                .await
                .unwrap(),
            Db::Postgres { pool, .. } => sqlx::migrate!("../lotse-store/migrations/postgres")
                .run_to(PREVIOUS_RELEASE, pool)
                .await
                .unwrap(),
        }
        assert_eq!(
            lotse_store::backup::schema_version(&db).await.unwrap(),
            PREVIOUS_RELEASE
        );
        // That release's demo center (the demo writes no table added since).
        lotse_store::demo::load(&db, jiff::Timestamp::now(), &demo_password_hash().await)
            .await
            .unwrap();
        let before = counts(&db).await;
        // People, offerings and sessions at least (the demo books nobody).
        assert!(
            before[..3].iter().all(|n| *n > 0),
            "{backend:?}: {before:?}"
        );

        db.migrate().await.unwrap();
        assert_eq!(
            lotse_store::backup::schema_version(&db).await.unwrap(),
            lotse_store::backup::known_schema_version(&db)
        );
        assert!(lotse_store::backup::known_schema_version(&db) > PREVIOUS_RELEASE);
        assert_eq!(counts(&db).await, before, "{backend:?}: rows changed");

        // lotse serves it, the newer parts included.
        let app = TestApp::spawn_on(db, backend).await;
        let (status, _, offerings) = app.json("/api/v1/offerings?limit=1").await;
        assert_eq!(status, 200);
        let offering = offerings["items"][0]["id"].as_str().unwrap();
        let (status, _, materials) = app
            .json(&format!("/api/v1/offerings/{offering}/materials"))
            .await;
        assert_eq!(status, 200, "{materials}");
        let cookie = common::demo_cookie(&app.client, &app.base, "learner@demo.lotse.de").await;
        let (status, _) = app.text_as("/konto/anmeldungen", &cookie).await;
        assert_eq!(status, 200, "{backend:?}");
    }
}
