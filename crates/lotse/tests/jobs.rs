//! The background jobs with three `lotse serve` processes on one PostgreSQL database,
//! all started at the same moment so that every job runs in all three at once: each
//! mail reaches the relay once, each reminder and join mail is written once, each
//! webhook event is delivered once, what the retention job purges is purged once, each
//! credential is signed once and its `credential.issued` sent once, and the status
//! list each of them signs verifies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ServerProcess, SmtpServer, fresh_url, people, staff_cookie, staff_session};
use lotse_store::{Backend, Db, DbOptions};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

/// A webhook receiver on loopback that keeps every `webhook-id` it gets.
async fn receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let got: Arc<Mutex<Vec<String>>> = Arc::default();
    let keep = got.clone();
    let app = axum::Router::new().route(
        "/hooks",
        axum::routing::post(move |headers: axum::http::HeaderMap| {
            let keep = keep.clone();
            async move {
                let id = headers["webhook-id"].to_str().unwrap().to_owned();
                keep.lock().unwrap().push(id);
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

async fn book(client: &reqwest::Client, base: &str, session: Uuid, token: &str) {
    let r = client
        .post(format!("{base}/api/v1/sessions/{session}/registrations"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap());
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    lotse_store::on_reader!(db, pool => {
        sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap()
    })
}

/// Status list 0 as each of the processes at `bases` answers it, asked at once.
async fn status_lists_from(client: &reqwest::Client, bases: &[&str]) -> Vec<String> {
    let asked: Vec<_> = bases
        .iter()
        .map(|base| {
            let (client, url) = (client.clone(), format!("{base}/nachweise/status/0"));
            tokio::spawn(async move {
                let r = client.get(url).send().await.unwrap();
                assert_eq!(r.status().as_u16(), 200);
                r.text().await.unwrap()
            })
        })
        .collect();
    let mut lists = Vec::new();
    for answer in asked {
        lists.push(answer.await.unwrap());
    }
    lists
}

/// Polls until `done` holds, for at most a minute.
async fn until<F: AsyncFn() -> bool>(what: &str, done: F) {
    for _ in 0..600 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("gave up waiting: {what}");
}

/// The sum of a counter over the processes' `/metrics` (read from loopback).
async fn counter_sum(client: &reqwest::Client, bases: &[&str], line_start: &str) -> f64 {
    let mut sum = 0.0;
    for base in bases {
        let text = client
            .get(format!("{base}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        sum += text
            .lines()
            .filter(|l| l.starts_with(line_start))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum::<f64>();
    }
    sum
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_processes_run_every_background_job_exactly_once() {
    if common::postgres_for("running jobs in several processes").is_none() {
        return;
    }
    let (url, _) = fresh_url(Backend::Postgres).await;
    let smtp = SmtpServer::start();
    let (hook_url, hooks) = receiver().await;
    let (credential_hook_url, credential_hooks) = receiver().await;
    let work = std::env::temp_dir().join(format!("lotse-jobs-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&work).unwrap();
    let env = [
        ("LOTSE_DATABASE_URL", url.as_str()),
        ("LOTSE_SMTP_URL", smtp.url.as_str()),
        ("LOTSE_WEBHOOK_ALLOW_PRIVATE_TARGETS", "1"),
        // Join mails four hours ahead, so that the session below is due at start.
        ("LOTSE_JOIN_MAIL_MINUTES_BEFORE", "240"),
    ];
    let client = reqwest::Client::new();

    // Set-up by one process: the demo, a webhook on new registrations, an online
    // session a month ahead with 40 people confirmed.
    let with_demo: Vec<_> = env.iter().copied().chain([("LOTSE_DEMO", "1")]).collect();
    let setup = ServerProcess::start(&work, &with_demo);
    let cookie = staff_cookie(&client, &setup.address).await;
    let r = client
        .post(format!("{}/api/v1/webhooks", setup.address))
        .header("cookie", &cookie)
        .header("origin", &setup.address)
        .json(&json!({ "url": hook_url, "events": ["registration.created"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap());
    let r = client
        .post(format!("{}/api/v1/webhooks", setup.address))
        .header("cookie", &cookie)
        .header("origin", &setup.address)
        .json(&json!({ "url": credential_hook_url, "events": ["credential.issued"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201, "{}", r.text().await.unwrap());
    let soon = staff_session(&client, &setup.address, 100).await;
    let db = Db::connect(&url, &DbOptions::default()).await.unwrap();
    for (_, token) in people(&db, 40, None).await {
        book(&client, &setup.address, soon, &token).await;
    }
    until("the set-up's mails are sent", async || {
        count(&db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL").await == 0
    })
    .await;
    assert!(setup.terminate());

    // The session now starts in three hours (reminder and join mail due), and every
    // mail sent so far is old enough to be purged.
    let now = lotse_store::now_seconds();
    lotse_store::on_writer!(&db, pool => {
        sqlx::query(
            "UPDATE sessions SET starts_at = $2, ends_at = $3, registration_deadline = $2 WHERE id = $1",
        )
        .bind(soon)
        .bind(now + 3 * 3600)
            .bind(now + 6 * 3600)
            .execute(pool)
            .await
            .unwrap();
        sqlx::query("UPDATE outbox SET sent_at = $1")
            .bind(now - 400 * 24 * 3600)
            .execute(pool)
            .await
            .unwrap();
    });
    // The demo's credentials (issued at load, signed by the set-up's signer) wait to be
    // signed again, by all three at once; what the set-up sent for them is forgotten.
    lotse_store::on_writer!(&db, pool => {
        for sql in [
            "UPDATE credentials SET document = NULL, verification_method = NULL",
            "DELETE FROM webhook_deliveries WHERE type = 'credential.issued'",
            "DELETE FROM webhook_events WHERE type = 'credential.issued'",
            "DELETE FROM status_lists",
        ] {
            sqlx::query(sql).execute(pool).await.unwrap();
        }
    });
    credential_hooks.lock().unwrap().clear();
    let credentials = count(&db, "SELECT count(*) FROM credentials").await;
    assert!(credentials >= 4, "{credentials} demo credentials");
    let old_mails = count(&db, "SELECT count(*) FROM outbox").await;
    assert!(old_mails >= 40);
    let relayed_before = smtp.all().len();

    // Three processes at once.
    let starting: Vec<_> = (0..3)
        .map(|_| {
            let (work, env) = (work.clone(), env.map(|(k, v)| (k.to_owned(), v.to_owned())));
            std::thread::spawn(move || {
                let env: Vec<(&str, &str)> =
                    env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                ServerProcess::start(&work, &env)
            })
        })
        .collect();
    let servers: Vec<ServerProcess> = starting.into_iter().map(|t| t.join().unwrap()).collect();
    let bases: Vec<&str> = servers.iter().map(|s| s.address.as_str()).collect();

    // Sixty bookings spread over the three, each queueing a mail and a webhook event.
    let later = staff_session(&client, bases[0], 100).await;
    let crowd = people(&db, 60, None).await;
    let mut tasks = Vec::new();
    for (n, (_, token)) in crowd.into_iter().enumerate() {
        let (client, base) = (client.clone(), bases[n % 3].to_owned());
        tasks.push(tokio::spawn(async move {
            book(&client, &base, later, &token).await
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }

    until(
        "reminders, join mails, mails and webhooks are done",
        async || {
            count(&db, "SELECT count(*) FROM reminders_sent").await == 40
                && count(&db, "SELECT count(*) FROM join_mails_sent").await == 40
                && count(&db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL").await == 0
                && hooks.lock().unwrap().len() >= 100
                && count(
                    &db,
                    "SELECT count(*) FROM credentials WHERE document IS NULL",
                )
                .await
                    == 0
                && credential_hooks.lock().unwrap().len() as i64 >= credentials
        },
    )
    .await;
    // Time for a late duplicate to show up, if any process were to send one.
    tokio::time::sleep(Duration::from_secs(3)).await;

    // One reminder and one join mail per person, written once.
    let subjects: Vec<(String, String)> = lotse_store::on_reader!(&db, pool => {
        sqlx::query_as("SELECT recipient, subject FROM outbox")
            .fetch_all(pool)
            .await
            .unwrap()
    });
    for prefix in ["Erinnerung: ", "Gleich geht es los: "] {
        let mut per_person: BTreeMap<&str, usize> = BTreeMap::new();
        for (to, subject) in &subjects {
            if subject.starts_with(prefix) {
                *per_person.entry(to).or_default() += 1;
            }
        }
        assert_eq!(per_person.len(), 40, "{prefix}");
        assert!(
            per_person.values().all(|n| *n == 1),
            "{prefix}: {per_person:?}"
        );
    }
    // Each mail in the outbox reached the relay once: per recipient, as many mails
    // as rows (the old ones purged).
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for (to, _) in &subjects {
        *rows.entry(to.to_lowercase()).or_default() += 1;
    }
    let mut relayed: BTreeMap<String, usize> = BTreeMap::new();
    for mail in &smtp.all()[relayed_before..] {
        for to in &mail.to {
            *relayed.entry(to.to_lowercase()).or_default() += 1;
        }
    }
    assert_eq!(relayed, rows);
    assert_eq!(subjects.len(), 40 + 40 + 60, "{subjects:?}");

    // Each webhook event delivered once: 40 from the set-up, 60 now.
    let ids = hooks.lock().unwrap().clone();
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!((ids.len(), distinct.len()), (100, 100));

    // Each credential signed once (a second signature would have sent a second event),
    // and the status list, signed by whichever process was asked, verifies.
    let ids = credential_hooks.lock().unwrap().clone();
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        (ids.len() as i64, distinct.len() as i64),
        (credentials, credentials)
    );
    let lists: Vec<String> = status_lists_from(&client, &bases).await;
    for list in &lists {
        let list: serde_json::Value = serde_json::from_str(list).unwrap();
        assert!(
            lotse_credentials::proof::verify(&list).await.is_ok(),
            "{list}"
        );
    }

    // The old mails were purged once between the three.
    let purged = counter_sum(
        &client,
        &bases,
        "lotse_retention_purged_total{what=\"sent_mails\"}",
    )
    .await;
    assert_eq!(purged, old_mails as f64);
    // And the relay's mails are counted where they were sent.
    let sent = counter_sum(&client, &bases, "lotse_mail_sent_total ").await;
    assert_eq!(sent, 140.0);

    for server in servers {
        assert!(server.terminate());
    }
    let _ = std::fs::remove_dir_all(work);
}
