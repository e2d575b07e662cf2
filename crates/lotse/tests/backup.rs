//! `lotse backup` and `lotse restore`: a backup taken while lotse serves (and books)
//! restores into an empty database of either backend with every table equal, row for
//! row, and the materials' files with it; bad files and non-empty targets are refused
//! with one line and nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use base64::Engine;
use common::{TestApp, backends, fresh_db, person_with_token};
use lotse_core::accounts::{Membership, Role, Scope};
use lotse_store::Backend;
use lotse_store::backup::{self, BackupError, Kind, Manifest};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lotse-backup-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every table of a backup file as sorted rows of comparable values: ids as text
/// whichever backend wrote them, true and false as 1 and 0.
fn contents(file: &Path) -> (Manifest, BTreeMap<String, Vec<Vec<Value>>>) {
    let manifest = backup::read_manifest(file).unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(file).unwrap(),
    ));
    let mut tables = BTreeMap::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let Some(table) = name
            .strip_prefix("lotse-backup/tables/")
            .and_then(|n| n.strip_suffix(".jsonl"))
        else {
            continue;
        };
        let info = manifest.tables.iter().find(|t| t.name == table).unwrap();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        let mut rows: Vec<Vec<Value>> = text
            .lines()
            .map(|line| {
                let values: Vec<Value> = serde_json::from_str(line).unwrap();
                values
                    .into_iter()
                    .zip(&info.columns)
                    .map(|(v, c)| comparable(v, c.kind))
                    .collect()
            })
            .collect();
        rows.sort_by_key(|r| serde_json::to_string(r).unwrap());
        tables.insert(table.to_owned(), rows);
    }
    (manifest, tables)
}

fn comparable(value: Value, kind: Kind) -> Value {
    match (value, kind) {
        (Value::String(s), Kind::Blob) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&s)
                .unwrap();
            match Uuid::from_slice(&bytes) {
                Ok(id) if bytes.len() == 16 => json!(id.to_string()),
                _ => json!(s),
            }
        }
        (Value::Bool(b), _) => json!(i64::from(b)),
        (v, _) => v,
    }
}

/// A center with something in every corner: the demo, a material with a file,
/// registrations, a webhook event, an audit entry.
async fn busy_center(backend: Backend) -> (TestApp, String) {
    let app = TestApp::spawn(backend, true).await;
    let (_, staff, _) = person_with_token(
        &app,
        vec![Membership {
            role: Role::Staff,
            scope: Scope::Center,
        }],
    )
    .await;
    let (_, _, offerings) = app.json("/api/v1/offerings?limit=1").await;
    let offering = offerings["items"][0]["id"].as_str().unwrap().to_owned();
    let r = app
        .client
        .post(format!(
            "{}/api/v1/offerings/{offering}/materials",
            app.base
        ))
        .bearer_auth(&staff)
        .multipart(
            reqwest::multipart::Form::new()
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(b"%PDF-1.7\n%%EOF\n".to_vec())
                        .file_name("folien.pdf")
                        .mime_str("application/pdf")
                        .unwrap(),
                )
                .text("audience", "everyone"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    (app, staff)
}

/// The triggers of `db` that fire.
async fn enabled_triggers(db: &lotse_store::Db) -> i64 {
    match db {
        lotse_store::Db::Sqlite { read, .. } => {
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'")
                .fetch_one(read)
                .await
                .unwrap()
        }
        lotse_store::Db::Postgres { pool, .. } => sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE NOT t.tgisinternal AND t.tgenabled = 'O'
               AND c.relnamespace = current_schema()::regnamespace",
        )
        .fetch_one(pool)
        .await
        .unwrap(),
    }
}

#[tokio::test]
async fn a_backup_restores_into_either_backend_with_every_table_equal() {
    for source in backends() {
        let (app, staff) = busy_center(source).await;
        let dir = scratch();
        let file = dir.join("lotse.backup");
        // Bookings go on while the backup is read.
        let offering = app.json("/api/v1/offerings?limit=3").await.2["items"][2]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let session =
            app.json(&format!("/api/v1/offerings/{offering}")).await.2["sessions"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned();
        let mut bookers = Vec::new();
        for _ in 0..12 {
            bookers.push(person_with_token(&app, Vec::new()).await.1);
        }
        let load = {
            let (client, base, session) = (app.client.clone(), app.base.clone(), session.clone());
            tokio::spawn(async move {
                for token in bookers {
                    let r = client
                        .post(format!("{base}/api/v1/sessions/{session}/registrations"))
                        .bearer_auth(token)
                        .json(&json!({}))
                        .send()
                        .await
                        .unwrap();
                    assert!(r.status().is_success(), "{}", r.status());
                }
            })
        };
        let summary = backup::backup(
            &app.db,
            &app.state.config.materials.dir,
            &file,
            &backup::Quiet,
        )
        .await
        .unwrap();
        load.await.unwrap();
        assert_eq!(summary.files, 1, "{source:?}");
        assert!(summary.rows() > 500, "{}", summary.rows());
        assert!(summary.tables.iter().any(|(t, _)| t == "materials"));
        let (manifest, original) = contents(&file);
        assert_eq!(manifest.source, format!("{source:?}").to_lowercase());
        assert_eq!(
            manifest.tables.len(),
            summary.tables.len(),
            "every table is in the backup"
        );
        let _ = staff;

        for target in backends() {
            let (db, _db_dir) = fresh_db(target).await;
            let materials = dir.join(format!("materials-{target:?}"));
            let restored = backup::restore(&db, &materials, &file, &backup::Quiet)
                .await
                .unwrap_or_else(|e| panic!("{source:?} → {target:?}: {e}"));
            assert_eq!(restored.rows(), summary.rows());
            assert_eq!(restored.files, 1);
            // The file is back, byte for byte.
            let id = manifest.materials[0].id;
            let kept = std::fs::read(app.state.config.materials.dir.join(id.simple().to_string()))
                .unwrap();
            assert_eq!(
                std::fs::read(materials.join(id.simple().to_string())).unwrap(),
                kept
            );
            // Every table equal: backed up again from the target and compared.
            let again = dir.join(format!("again-{target:?}.backup"));
            backup::backup(&db, &materials, &again, &backup::Quiet)
                .await
                .unwrap();
            let (_, copy) = contents(&again);
            assert_eq!(
                copy.keys().collect::<Vec<_>>(),
                original.keys().collect::<Vec<_>>()
            );
            for (table, rows) in &original {
                assert_eq!(
                    &copy[table], rows,
                    "{source:?} → {target:?}: table {table} differs"
                );
            }
            // The restored center works: its webhook events count on after the
            // restored ones, and a booking goes through.
            if let lotse_store::Db::Postgres { pool, .. } = &db {
                let next: i64 = sqlx::query_scalar(
                    "SELECT nextval(pg_get_serial_sequence('webhook_events', 'id'))",
                )
                .fetch_one(pool)
                .await
                .unwrap();
                let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM webhook_events")
                    .fetch_one(pool)
                    .await
                    .unwrap();
                assert!(next > max.unwrap_or_default());
            }
            // Triggers were off while the rows went in, and are all on again.
            let (fresh, _fresh_dir) = fresh_db(target).await;
            assert_eq!(enabled_triggers(&db).await, enabled_triggers(&fresh).await);
            assert!(enabled_triggers(&db).await > 3);
            fresh.close().await;
            // Restoring twice is refused: the target is no longer empty.
            let err = backup::restore(&db, &materials, &file, &backup::Quiet)
                .await
                .unwrap_err();
            assert!(matches!(err, BackupError::NotEmpty(_)), "{err}");
            db.close().await;
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test]
async fn truncated_foreign_and_mismatched_files_are_refused_and_nothing_is_written() {
    let source = backends()[0];
    let (app, _) = busy_center(source).await;
    let dir = scratch();
    let file = dir.join("lotse.backup");
    backup::backup(
        &app.db,
        &app.state.config.materials.dir,
        &file,
        &backup::Quiet,
    )
    .await
    .unwrap();
    let bytes = std::fs::read(&file).unwrap();

    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated",
            bytes[..bytes.len() * 2 / 3].to_vec(),
            "truncated or damaged",
        ),
        (
            "not a backup",
            b"Dies ist keine Sicherung.".repeat(100),
            "not a lotse backup",
        ),
    ];
    // A manifest of another format version, and of another schema.
    for (what, change, says) in [
        ("format", json!({ "format_version": 99 }), "reads version 1"),
        ("schema", json!({ "schema_version": 1 }), "schema version 1"),
    ] {
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
        let mut out = tar::Builder::new(flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        ));
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if name.ends_with("manifest.json") {
                let mut manifest: Value = serde_json::from_slice(&data).unwrap();
                for (k, v) in change.as_object().unwrap() {
                    manifest[k] = v.clone();
                }
                data = serde_json::to_vec(&manifest).unwrap();
            }
            let mut header = tar::Header::new_gnu();
            header.set_size(data.len() as u64);
            header.set_mode(0o640);
            header.set_cksum();
            out.append_data(&mut header, &name, &data[..]).unwrap();
        }
        let changed = out.into_inner().unwrap().finish().unwrap();
        cases.push((what, changed, says));
    }
    // A table whose rows were changed after the backup was written.
    {
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
        let mut out = tar::Builder::new(flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        ));
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if name.ends_with("/counties.jsonl") {
                data = String::from_utf8(data)
                    .unwrap()
                    .replace("Cottbus", "Kottbus")
                    .into_bytes();
            }
            let mut header = tar::Header::new_gnu();
            header.set_size(data.len() as u64);
            header.set_mode(0o640);
            header.set_cksum();
            out.append_data(&mut header, &name, &data[..]).unwrap();
        }
        cases.push((
            "tampered",
            out.into_inner().unwrap().finish().unwrap(),
            "does not match its checksum",
        ));
    }

    for target in backends() {
        for (what, data, says) in &cases {
            let bad = dir.join(format!("{what}.backup"));
            std::fs::write(&bad, data).unwrap();
            let (db, _db_dir) = fresh_db(target).await;
            let materials = dir.join(format!("m-{what}-{target:?}"));
            let err = backup::restore(&db, &materials, &bad, &backup::Quiet)
                .await
                .unwrap_err()
                .to_string();
            assert!(err.contains(says), "{target:?} {what}: {err}");
            assert!(!err.contains('\n'), "one line: {err}");
            assert!(
                backup::is_empty(&db).await.unwrap(),
                "{target:?} {what}: rows were left"
            );
            let counties: i64 = match &db {
                lotse_store::Db::Sqlite { read, .. } => {
                    sqlx::query_scalar("SELECT COUNT(*) FROM counties")
                        .fetch_one(read)
                        .await
                        .unwrap()
                }
                lotse_store::Db::Postgres { pool, .. } => {
                    sqlx::query_scalar("SELECT COUNT(*) FROM counties")
                        .fetch_one(pool)
                        .await
                        .unwrap()
                }
            };
            assert_eq!(counties, 19, "{target:?} {what}: the seeded rows went");
            assert_eq!(
                std::fs::read_dir(&materials)
                    .map(|d| d.count())
                    .unwrap_or(0),
                0,
                "{target:?} {what}: files were left"
            );
            db.close().await;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_commands_say_what_is_wrong_in_one_line() {
    let dir = scratch();
    let lotse = || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_lotse"));
        for (key, _) in std::env::vars() {
            if key.starts_with("LOTSE_") {
                command.env_remove(key);
            }
        }
        command.current_dir(&dir);
        command
    };
    let out = lotse()
        .args([
            "backup",
            "--database-url",
            "sqlite://fehlt.db",
            "--to",
            "b.backup",
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no database at fehlt.db"), "{err}");
    assert!(!dir.join("fehlt.db").exists() && !dir.join("b.backup").exists());
    // A real backup of a migrated database, then its restore into the same: refused.
    let out = lotse()
        .args(["migrate", "--database-url", "sqlite://quelle.db"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = lotse()
        .args([
            "backup",
            "--database-url",
            "sqlite://quelle.db",
            "--to",
            "b.backup",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("backed up"));
    let out = lotse()
        .args([
            "restore",
            "--database-url",
            "sqlite://ziel.db",
            "--from",
            "fehlt.backup",
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("lotse: restore: fehlt.backup:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = lotse()
        .args([
            "restore",
            "--database-url",
            "sqlite://ziel.db",
            "--from",
            "b.backup",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PostgreSQL schema's indexes and constraints, with the schema's name left out.
async fn shape(db: &lotse_store::Db) -> Vec<String> {
    lotse_store::on_reader!(db, pool => {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT replace(pg_get_indexdef(i.indexrelid), current_schema() || '.', '')
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE c.relnamespace = current_schema()::regnamespace
             UNION ALL
             SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
             FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
             ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        rows.into_iter().map(|(r,)| r).collect()
    })
}

#[tokio::test]
async fn move_data_fills_the_other_backend_and_compares_before_it_commits() {
    let all = backends();
    for source in all.iter().copied() {
        // Into the other backend where both run; SQLite into SQLite otherwise.
        let target = all.iter().copied().find(|b| *b != source).unwrap_or(source);
        let (app, _) = busy_center(source).await;
        // The last uses of tokens are written every two seconds: written now, so
        // that the source does not change between the move and its backup below.
        app.state.touches.flush(&app.db).await.unwrap();
        let dir = scratch();
        let (db, _db_dir) = fresh_db(target).await;
        let moved = backup::move_data(&app.db, &db, &dir.join("work"), &backup::Quiet)
            .await
            .unwrap_or_else(|e| panic!("{source:?} → {target:?}: {e}"));
        let rows: u64 = moved.tables.iter().map(|(_, f)| f.rows).sum();
        assert!(rows > 500, "{rows}");
        // Every table equal, compared independently through backups of both.
        let (a, b) = (dir.join("a.backup"), dir.join("b.backup"));
        backup::backup(&app.db, &app.state.config.materials.dir, &a, &backup::Quiet)
            .await
            .unwrap();
        backup::backup(&db, &app.state.config.materials.dir, &b, &backup::Quiet)
            .await
            .unwrap();
        let (_, before) = contents(&a);
        let (_, after) = contents(&b);
        for (table, rows) in &before {
            assert_eq!(&after[table], rows, "{source:?} → {target:?}: {table}");
        }
        // The indexes and foreign keys set aside for the load are all back.
        if target == Backend::Postgres {
            let (fresh, _) = fresh_db(target).await;
            let moved = shape(&db).await;
            assert!(moved.iter().any(|l| l.contains("FOREIGN KEY")));
            assert!(moved.iter().any(|l| l.starts_with("CREATE INDEX")));
            assert_eq!(moved, shape(&fresh).await);
            fresh.close().await;
        }
        // A second move into the now filled target is refused, and changes nothing.
        let err = backup::move_data(&app.db, &db, &dir.join("work2"), &backup::Quiet)
            .await
            .unwrap_err();
        assert!(matches!(err, BackupError::NotEmpty(_)), "{err}");
        db.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn move_data_on_the_command_line_reports_both_sides_equal() {
    let dir = scratch();
    let lotse = |args: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_lotse"));
        for (key, _) in std::env::vars() {
            if key.starts_with("LOTSE_") {
                command.env_remove(key);
            }
        }
        command.current_dir(&dir).args(args).output().unwrap()
    };
    assert!(
        lotse(&["migrate", "--database-url", "sqlite://quelle.db"])
            .status
            .success()
    );
    let out = lotse(&[
        "move-data",
        "--from",
        "sqlite://quelle.db",
        "--to",
        "sqlite://ziel.db",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("both sides compared equal"), "{said}");
    assert!(
        said.contains("counties") && said.contains("19 rows"),
        "{said}"
    );
    for (args, says) in [
        (
            [
                "move-data",
                "--from",
                "sqlite://fehlt.db",
                "--to",
                "sqlite://ziel2.db",
            ],
            "there is no database at fehlt.db",
        ),
        (
            [
                "move-data",
                "--from",
                "sqlite://quelle.db",
                "--to",
                "sqlite://quelle.db",
            ],
            "the same database",
        ),
    ] {
        let out = lotse(&args);
        assert_ne!(out.status.code(), Some(0));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says) && err.lines().count() == 1, "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
