//! A database that cannot be reached (restarting, failing over, every connection
//! gone) answers 503 with `Retry-After`, as problem+json under `/api/` and as a page
//! elsewhere, in the reader's language; never 500.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{TestApp, backends};

#[tokio::test]
async fn without_its_database_lotse_says_try_again_shortly() {
    for backend in backends() {
        let app = TestApp::spawn(backend, true).await;
        // Every connection goes away, as in a restart.
        app.db.close().await;
        let r = app
            .client
            .get(format!("{}/api/v1/me", app.base))
            .bearer_auth("lotse_irgendein_token")
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503, "{backend:?}");
        assert_eq!(r.headers()["retry-after"], "5");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: serde_json::Value = r.json().await.unwrap();
        assert_eq!(problem["title"], "Temporarily unavailable", "{problem}");
        let r = app
            .client
            .get(format!("{}/konto", app.base))
            .header("cookie", "lotse_session=irgendwas")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503);
        assert_eq!(r.headers()["retry-after"], "5");
        let page = r.text().await.unwrap();
        assert!(page.contains("Gleich wieder da"), "{page}");
        let (status, _) = app.text("/readyz").await;
        assert_eq!(status, 503);
    }
}

/// A TCP relay between lotse and PostgreSQL that can cut every connection and refuse
/// new ones for a while, as a restart or failover of the database does.
struct Cutter {
    port: u16,
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
    links: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl Cutter {
    async fn start(target: String) -> Cutter {
        use std::sync::atomic::Ordering;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let cutter = Cutter {
            port: listener.local_addr().unwrap().port(),
            down: std::sync::Arc::default(),
            links: std::sync::Arc::default(),
        };
        let (down, links) = (cutter.down.clone(), cutter.links.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    continue;
                };
                if down.load(Ordering::SeqCst) {
                    // The database is away: the connection ends at once.
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                links.lock().unwrap().push(link.abort_handle());
            }
        });
        cutter
    }

    /// Cuts every connection and refuses new ones for `how_long`.
    async fn outage(&self, how_long: std::time::Duration) {
        use std::sync::atomic::Ordering;
        self.down.store(true, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
        tokio::time::sleep(how_long).await;
        self.down.store(false, Ordering::SeqCst);
    }
}

/// A `lotse serve` process booking under load while its PostgreSQL goes away for
/// 2.4 s (every connection cut, new ones refused): requests answer 503 with
/// `Retry-After` meanwhile, never 500; nothing confirmed is lost; the pool reconnects
/// by itself and bookings go on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_under_load_answers_503_and_heals_by_itself() {
    use common::{ServerProcess, fresh_url, people, staff_session};
    use std::collections::BTreeSet;
    let Some(direct) = common::postgres_for("the staged outage") else {
        return;
    };
    let (url, _) = fresh_url(lotse_store::Backend::Postgres).await;
    let host_port = direct
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@').map_or(Some(rest), |(_, r)| Some(r)))
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    let cutter = Cutter::start(host_port.clone()).await;
    let through = url.replacen(&host_port, &format!("127.0.0.1:{}", cutter.port), 1);
    let work = std::env::temp_dir().join(format!("lotse-outage-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&work).unwrap();
    let server = ServerProcess::start(
        &work,
        &[
            ("LOTSE_DATABASE_URL", through.as_str()),
            ("LOTSE_DEMO", "1"),
        ],
    );
    let client = reqwest::Client::new();
    let session = staff_session(&client, &server.address, 5000).await;
    let db = lotse_store::Db::connect(&url, &lotse_store::DbOptions::default())
        .await
        .unwrap();
    let mut crowd = people(&db, 1501, None).await;
    let (after, after_token) = crowd.pop().unwrap();

    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(8));
    let mut tasks = Vec::new();
    for (person, token) in crowd {
        let (client, base, gate) = (client.clone(), server.address.clone(), gate.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            let r = client
                .post(format!("{base}/api/v1/sessions/{session}/registrations"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let retry_after = r.headers().get("retry-after").cloned();
            let kind = r.headers().get("content-type").cloned();
            let body = r.text().await.unwrap();
            if status == 503 {
                // A client that is told to come back does not hammer on.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            (
                person,
                status,
                retry_after,
                kind,
                body,
                std::time::Instant::now(),
            )
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    cutter.outage(std::time::Duration::from_millis(2400)).await;
    let outage_over = std::time::Instant::now();
    let mut confirmed_after = 0;
    let mut told_confirmed = BTreeSet::new();
    let mut unavailable = 0;
    for t in tasks {
        let (person, status, retry_after, kind, body, when) = t.await.unwrap();
        match status {
            201 => {
                told_confirmed.insert(person);
                if when > outage_over {
                    confirmed_after += 1;
                }
            }
            503 => {
                unavailable += 1;
                assert_eq!(retry_after.unwrap(), "5", "{body}");
                assert_eq!(kind.unwrap(), "application/problem+json", "{body}");
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert!(unavailable > 0, "the outage did not land while booking");
    assert!(confirmed_after > 0, "the bookings ended with the outage");
    // After the outage bookings go through again: the pool healed by itself.
    let r = client
        .post(format!(
            "{}/api/v1/sessions/{session}/registrations",
            server.address
        ))
        .bearer_auth(after_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    told_confirmed.insert(after);
    let stored: BTreeSet<uuid::Uuid> = lotse_store::on_reader!(&db, pool => {
        sqlx::query_scalar("SELECT person_id FROM registrations WHERE session_id = $1 AND status = 'confirmed'")
            .bind(session)
            .fetch_all(pool)
            .await
            .unwrap()
            .into_iter()
            .collect()
    });
    let lost: Vec<_> = told_confirmed.difference(&stored).collect();
    assert!(lost.is_empty(), "confirmed but not stored: {lost:?}");
    let r = client
        .get(format!("{}/readyz", server.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    eprintln!(
        "outage of 2.4 s: {} confirmed ({confirmed_after} after it), {unavailable} answered 503",
        told_confirmed.len()
    );
    drop(server);
    let _ = std::fs::remove_dir_all(work);
}
