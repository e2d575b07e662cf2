//! Upgrades: the databases the previous release made (kept in `tests/fixtures`, made by
//! that release's binary with its demo center, bookings and materials) migrate forward
//! on both backends with nothing lost, and lotse serves them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};
use lotse_store::{Backend, Db, DbOptions};
use std::io::Read;
use std::path::PathBuf;

/// The schema version of the previous release's fixtures (stop 26, 0018 `materials`).
const PREVIOUS_RELEASE: i64 = 18;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The previous release's database on `backend`, as a fresh copy, and what to
/// remove afterwards.
async fn previous_release(backend: Backend) -> (Db, Option<PathBuf>) {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir()
                .join(format!("lotse-upgrade-{}", uuid::Uuid::now_v7().simple()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/previous-release.sqlite.gz");
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                .read_to_end(&mut bytes)
                .unwrap();
            std::fs::write(dir.join("lotse.db"), bytes).unwrap();
            let url = format!("sqlite://{}/lotse.db", dir.display());
            (
                Db::connect(&url, &DbOptions::default()).await.unwrap(),
                Some(dir),
            )
        }
        Backend::Postgres => {
            let base = std::env::var("LOTSE_TEST_POSTGRES_URL").unwrap();
            let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
            // pg_dump's script without psql's own commands, into a schema of its own.
            let script: String = fixture("previous-release.postgres.sql.gz")
                .lines()
                .filter(|line| !line.starts_with('\\'))
                .map(|line| format!("{}\n", line.replace("fixture_prev", &schema)))
                .collect();
            // On a connection of its own: the script empties its search path.
            let mut connection = <sqlx::PgConnection as sqlx::Connection>::connect(&base)
                .await
                .unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(script))
                .execute(&mut connection)
                .await
                .unwrap();
            sqlx::Connection::close(connection).await.unwrap();
            let join = if base.contains('?') { '&' } else { '?' };
            let url = format!("{base}{join}options[search_path]={schema}");
            (
                Db::connect(&url, &DbOptions::default()).await.unwrap(),
                None,
            )
        }
    }
}

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
        let (db, dir) = previous_release(backend).await;
        assert_eq!(
            lotse_store::backup::schema_version(&db).await.unwrap(),
            PREVIOUS_RELEASE
        );
        let before = counts(&db).await;
        // The demo's people, offerings and sessions, and the two bookings.
        assert!(
            before[..3].iter().all(|n| *n > 0),
            "{backend:?}: {before:?}"
        );
        assert_eq!(before[3], 2, "{backend:?}: {before:?}");

        // The module booking was attended (as a check-in then would have recorded it):
        // the release that tracks progress counts it as a completed module.
        let attended = lotse_store::on_writer!(&db, pool => {
            sqlx::query(
                "UPDATE registrations SET status = 'attended' WHERE session_id IN
                 (SELECT s.id FROM sessions s JOIN offerings o ON o.id = s.offering_id WHERE o.kind = 'module')",
            )
            .execute(pool)
            .await
            .unwrap()
            .rows_affected()
        });
        assert_eq!(attended, 1, "{backend:?}");

        // Migrations already applied must be the ones that release applied, unchanged.
        db.migrate().await.unwrap();
        let completions: i64 = lotse_store::on_reader!(&db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM module_completions").fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            completions, 1,
            "{backend:?}: the attended module is completed"
        );
        assert_eq!(
            lotse_store::backup::schema_version(&db).await.unwrap(),
            lotse_store::backup::known_schema_version(&db)
        );
        assert!(lotse_store::backup::known_schema_version(&db) >= PREVIOUS_RELEASE);
        assert_eq!(counts(&db).await, before, "{backend:?}: rows changed");

        // lotse serves it: the learner finds the bookings and the material made then.
        let app = TestApp::spawn_on(db, backend).await;
        let cookie = common::demo_cookie(&app.client, &app.base, "learner@demo.lotse.de").await;
        let (status, registrations) = app.text_as("/api/v1/me/registrations", &cookie).await;
        assert_eq!(status, 200, "{backend:?}");
        let registrations: serde_json::Value = serde_json::from_str(&registrations).unwrap();
        let items = registrations["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{backend:?}: {registrations}");
        let offering = items[0]["offering_id"].as_str().unwrap();
        let (status, materials) = app
            .text_as(&format!("/api/v1/offerings/{offering}/materials"), &cookie)
            .await;
        assert_eq!(status, 200, "{backend:?}");
        assert!(materials.contains("Folien"), "{backend:?}: {materials}");
        let (status, _) = app.text_as("/konto/anmeldungen", &cookie).await;
        assert_eq!(status, 200, "{backend:?}");
        // Its credential is issued by the catch-up (here or by the background signer),
        // once.
        lotse_store::credentials::issue_missing(&app.db, 100, lotse_store::now_seconds())
            .await
            .unwrap();
        assert_eq!(
            lotse_store::credentials::issue_missing(&app.db, 100, lotse_store::now_seconds())
                .await
                .unwrap(),
            0
        );
        let issued: i64 = lotse_store::on_reader!(&app.db, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM credentials").fetch_one(pool).await.unwrap()
        });
        assert_eq!(
            issued, 1,
            "{backend:?}: one completed module, one credential"
        );
        let (status, progress) = app.text_as("/api/v1/me/qualifications", &cookie).await;
        assert_eq!(status, 200, "{backend:?}");
        let progress: serde_json::Value = serde_json::from_str(&progress).unwrap();
        assert!(
            progress
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["hours"].as_u64() > Some(0)),
            "{backend:?}: {progress}"
        );
        if let Some(dir) = dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
