//! Booking against real `lotse serve` processes. Durability: a server is killed with
//! SIGKILL in the middle of a booking run and started again on the same database;
//! every seat a client was told is confirmed must still be there, and the session's
//! counters must match its rows. Several processes: two servers on one PostgreSQL
//! database share a session's seats exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ServerProcess, backends, fresh_url, people, staff_session};
use lotse_store::Backend;
use lotse_store::{Db, DbOptions};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use uuid::Uuid;

/// What the store holds for `session`.
struct Stored {
    confirmed_count: i64,
    waitlist_count: i64,
    confirmed: BTreeSet<Uuid>,
    waitlisted: BTreeSet<Uuid>,
}

async fn stored(db: &Db, session: Uuid) -> Stored {
    lotse_store::on_reader!(db, pool => {
        let (confirmed_count, waitlist_count): (i64, i64) = sqlx::query_as(
            "SELECT confirmed_count, waitlist_count FROM sessions WHERE id = $1",
        )
        .bind(session)
        .fetch_one(pool)
        .await
        .unwrap();
        let rows: Vec<(Uuid, String)> = sqlx::query_as(
            "SELECT person_id, status FROM registrations WHERE session_id = $1",
        )
        .bind(session)
        .fetch_all(pool)
        .await
        .unwrap();
        let with = |status: &str| -> BTreeSet<Uuid> {
            rows.iter().filter(|(_, s)| s == status).map(|(p, _)| *p).collect()
        };
        Stored {
            confirmed_count,
            waitlist_count,
            confirmed: with("confirmed"),
            waitlisted: with("waitlisted"),
        }
    })
}

#[tokio::test]
async fn a_killed_server_keeps_every_seat_it_confirmed() {
    for backend in backends() {
        let (url, dir) = fresh_url(backend).await;
        let work = std::env::temp_dir().join(format!("lotse-kill-{}", Uuid::now_v7().simple()));
        std::fs::create_dir_all(&work).unwrap();
        let env = [("LOTSE_DEMO", "1"), ("LOTSE_DATABASE_URL", url.as_str())];
        let server = ServerProcess::start(&work, &env);
        let db = Db::connect(&url, &DbOptions::default()).await.unwrap();
        let client = reqwest::Client::new();
        let session = staff_session(&client, &server.address, 250).await;
        let crowd = people(&db, 400, None).await;

        // Fire all 400 bookings for 250 seats; once 40 answers have come back, kill the
        // server while the rest are in flight. (Which answers arrive first is up to the
        // scheduler: under load they may well be waitlist places.)
        let answered = Arc::new(AtomicUsize::new(0));
        let (killed_tx, killed_rx) = tokio::sync::oneshot::channel::<()>();
        let mut tasks = Vec::new();
        for (person, token) in crowd.iter().cloned() {
            let client = client.clone();
            let base = server.address.clone();
            let answered = answered.clone();
            tasks.push(tokio::spawn(async move {
                let r = client
                    .post(format!("{base}/api/v1/sessions/{session}/registrations"))
                    .bearer_auth(token)
                    .send()
                    .await;
                let outcome = match r {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        match r.json::<Value>().await {
                            Ok(body) => Some((status, body)),
                            Err(_) => None,
                        }
                    }
                    Err(_) => None,
                };
                if outcome.is_some() {
                    answered.fetch_add(1, Ordering::SeqCst);
                }
                (person, outcome)
            }));
        }
        let killer = tokio::spawn({
            let answered = answered.clone();
            async move {
                while answered.load(Ordering::SeqCst) < 40 {
                    tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                }
                server.kill();
                let _ = killed_tx.send(());
            }
        });
        let mut seen_confirmed = BTreeSet::new();
        let mut seen_waitlisted = BTreeSet::new();
        let mut lost = 0;
        let mut other = Vec::new();
        for t in tasks {
            match t.await.unwrap() {
                (person, Some((201, body))) => {
                    if body["items"][0]["status"] == "confirmed" {
                        seen_confirmed.insert(person);
                    } else {
                        seen_waitlisted.insert(person);
                    }
                }
                (_, Some((status, body))) => {
                    // A 5xx is never acceptable, even while the process dies.
                    assert!(status < 500, "{backend:?}: {status} {body}");
                    other.push(format!("{status} {}", body["detail"]));
                }
                (_, None) => lost += 1,
            }
        }
        killer.await.unwrap();
        killed_rx.await.unwrap();
        assert!(other.is_empty(), "{backend:?}: refused bookings {other:?}");
        assert!(
            seen_confirmed.len() + seen_waitlisted.len() >= 40 && lost > 0,
            "{backend:?}: the kill did not land mid-run ({} confirmed, {} waitlisted, {lost} \
             without answer)",
            seen_confirmed.len(),
            seen_waitlisted.len()
        );

        // Start again on the same database; nothing a client saw confirmed is gone.
        let again = ServerProcess::start(&work, &env);
        let before = stored(&db, session).await;
        let missing: Vec<_> = seen_confirmed.difference(&before.confirmed).collect();
        assert!(missing.is_empty(), "{backend:?}: lost seats {missing:?}");
        let missing: Vec<_> = seen_waitlisted.difference(&before.waitlisted).collect();
        assert!(
            missing.is_empty(),
            "{backend:?}: lost waitlist places {missing:?}"
        );
        assert_eq!(
            before.confirmed_count,
            before.confirmed.len() as i64,
            "{backend:?}"
        );
        assert_eq!(
            before.waitlist_count,
            before.waitlisted.len() as i64,
            "{backend:?}"
        );
        assert!(before.confirmed_count <= 250, "{backend:?}");

        // And booking goes on where it stopped.
        let (late, token) = people(&db, 1, None).await.remove(0);
        let r = client
            .post(format!(
                "{}/api/v1/sessions/{session}/registrations",
                again.address
            ))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201, "{backend:?}");
        let body: Value = r.json().await.unwrap();
        let after = stored(&db, session).await;
        if before.confirmed_count < 250 {
            assert_eq!(body["items"][0]["status"], "confirmed", "{backend:?}");
            assert!(after.confirmed.contains(&late));
            assert_eq!(after.confirmed_count, before.confirmed_count + 1);
        } else {
            assert_eq!(body["items"][0]["status"], "waitlisted", "{backend:?}");
            assert!(after.waitlisted.contains(&late));
        }
        assert!(
            again.terminate(),
            "{backend:?}: restarted server stops cleanly"
        );
        db.close().await;
        if let Some(dir) = dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        let _ = std::fs::remove_dir_all(work);
    }
}

#[tokio::test]
async fn two_server_processes_on_one_postgresql_share_twenty_seats_exactly() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let (url, _) = fresh_url(Backend::Postgres).await;
    let work = std::env::temp_dir().join(format!("lotse-two-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&work).unwrap();
    let env = [("LOTSE_DEMO", "1"), ("LOTSE_DATABASE_URL", url.as_str())];
    let first = ServerProcess::start(&work, &env);
    let second = ServerProcess::start(&work, &env);
    let db = Db::connect(&url, &DbOptions::default()).await.unwrap();
    let client = reqwest::Client::new();
    let session = staff_session(&client, &first.address, 20).await;
    let crowd = people(&db, 500, None).await;
    let mut tasks = Vec::new();
    for (n, (person, token)) in crowd.iter().cloned().enumerate() {
        let client = client.clone();
        let base = if n % 2 == 0 {
            first.address.clone()
        } else {
            second.address.clone()
        };
        tasks.push(tokio::spawn(async move {
            let r = client
                .post(format!("{base}/api/v1/sessions/{session}/registrations"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (
                person,
                status,
                r.json::<Value>().await.unwrap_or(Value::Null),
            )
        }));
    }
    let mut confirmed = BTreeSet::new();
    let mut positions = Vec::new();
    for t in tasks {
        let (person, status, body) = t.await.unwrap();
        assert_eq!(status, 201, "{body}");
        let item = &body["items"][0];
        match item["status"].as_str() {
            Some("confirmed") => {
                confirmed.insert(person);
            }
            Some("waitlisted") => positions.push(item["waitlist_position"].as_i64().unwrap()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(confirmed.len(), 20, "seats given out across two processes");
    positions.sort_unstable();
    assert_eq!(positions, (1..=480).collect::<Vec<i64>>());
    let after = stored(&db, session).await;
    assert_eq!((after.confirmed_count, after.waitlist_count), (20, 480));
    assert_eq!(after.waitlisted.len(), 480);
    assert_eq!(after.confirmed, confirmed);
    assert!(first.terminate() && second.terminate());
    db.close().await;
    let _ = std::fs::remove_dir_all(work);
}
