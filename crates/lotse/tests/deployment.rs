//! The deployment in `contrib/` as an operator installs it: the systemd unit as
//! systemd itself reads it, and Debian's nginx with `contrib/nginx/lotse.conf` (only
//! addresses, ports and certificate paths replaced) in front of two `lotse serve`
//! processes on one PostgreSQL database: TLS with HTTP/2, the redirect to https, static
//! files cached, a booking race through the proxy with exact seats and no 5xx, and a
//! graceful restart of one process under load that loses no answered booking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ServerProcess, checker_ready, fresh_url, people, staff_session};
use lotse_store::{Backend, Db, DbOptions};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use uuid::Uuid;

fn contrib(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../contrib")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn scratch(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lotse-{what}-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    lotse_bench::nginx::free_port().unwrap()
}

#[test]
fn systemd_reads_the_units_without_a_complaint() {
    if !checker_ready("systemd-analyze", &["--version"], "apt-get install systemd") {
        return;
    }
    let dir = scratch("systemd");
    let mut paths = Vec::new();
    for (file, installed_as) in [
        ("lotse@.service", "lotse@8081.service"),
        ("lotse-backup.service", "lotse-backup.service"),
        ("lotse-backup.timer", "lotse-backup.timer"),
    ] {
        let unit = contrib(&format!("systemd/{file}"))
            .replace("/usr/local/bin/lotse", env!("CARGO_BIN_EXE_lotse"));
        if file.ends_with(".service") {
            assert!(unit.contains("DynamicUser=yes") && unit.contains("ProtectSystem=strict"));
            // The instances and the backup are one user, so they share the state.
            assert!(unit.contains("User=lotse\nGroup=lotse\n"), "{file}");
        }
        let path = dir.join(installed_as);
        std::fs::write(&path, unit).unwrap();
        paths.push(path);
    }
    let out = std::process::Command::new("systemd-analyze")
        .arg("verify")
        .args(&paths)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // systemd names every key it does not know or cannot parse, and ignores it.
    assert!(out.status.success() && said.trim().is_empty(), "{said}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Sends `GET path` on an open HTTP/1.1 connection and reads the answer's head and
/// body (lotse sends a length with every small answer).
fn get_on(stream: &mut std::net::TcpStream, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut read = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "closed without an answer: {}",
            String::from_utf8_lossy(&read)
        );
        read.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&read).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(str::to_owned)
                })
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if body.len() >= length {
                return (head.to_ascii_lowercase(), body.to_owned());
            }
        }
    }
}

#[test]
fn a_stopping_process_closes_its_port_and_still_answers_open_connections() {
    let work = scratch("drain");
    let db = work.join("lotse.db").display().to_string();
    let server = ServerProcess::start(&work, &[("LOTSE_DATABASE_URL", &format!("sqlite://{db}"))]);
    let address = server.address.trim_start_matches("http://").to_owned();
    let mut kept = std::net::TcpStream::connect(&address).unwrap();
    let (head, _) = get_on(&mut kept, "/readyz");
    assert!(
        head.starts_with("http/1.1 200") && !head.contains("connection: close"),
        "{head}"
    );

    assert!(server.ask_to_stop());
    // The port closes at once: a proxy's next connection is refused, so it goes on to
    // another process.
    let refused = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::net::TcpStream::connect(&address).is_err()
    });
    assert!(refused, "the port stayed open");
    // The open connection is still answered, says the process is stopping, and is
    // closed by the answer.
    let (head, body) = get_on(&mut kept, "/readyz");
    assert!(head.starts_with("http/1.1 503"), "{head}");
    assert!(head.contains("connection: close"), "{head}");
    assert_eq!(body, "stopping");
    assert!(server.wait(), "lotse did not stop cleanly");
    let _ = std::fs::remove_dir_all(work);
}

/// Books `session` for every person in `crowd`, `at_once` at a time, through `base`;
/// returns each person's status code (`None`: no answer), and calls `after` once
/// `after_answers` answers have come.
async fn book_all(
    client: &reqwest::Client,
    base: &str,
    session: Uuid,
    crowd: Vec<(Uuid, String)>,
    at_once: usize,
) -> (Vec<(Uuid, Option<u16>, Value)>, Arc<AtomicUsize>) {
    let gate = Arc::new(tokio::sync::Semaphore::new(at_once));
    let answered = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for (person, token) in crowd {
        let (client, base, gate, answered) = (
            client.clone(),
            base.to_owned(),
            gate.clone(),
            answered.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            let r = client
                .post(format!("{base}/api/v1/sessions/{session}/registrations"))
                .bearer_auth(token)
                .send()
                .await;
            let outcome = match r {
                Ok(r) => {
                    let status = r.status().as_u16();
                    (Some(status), r.json::<Value>().await.unwrap_or(Value::Null))
                }
                Err(_) => (None, Value::Null),
            };
            answered.fetch_add(1, Ordering::SeqCst);
            (person, outcome.0, outcome.1)
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    (results, answered)
}

async fn confirmed_in(db: &Db, session: Uuid) -> (BTreeSet<Uuid>, i64) {
    lotse_store::on_reader!(db, pool => {
        let rows: Vec<(Uuid,)> = sqlx::query_as(
            "SELECT person_id FROM registrations WHERE session_id = $1 AND status = 'confirmed'",
        )
        .bind(session)
        .fetch_all(pool)
        .await
        .unwrap();
        let (count,): (i64,) = sqlx::query_as("SELECT confirmed_count FROM sessions WHERE id = $1")
            .bind(session)
            .fetch_one(pool)
            .await
            .unwrap();
        (rows.into_iter().map(|(p,)| p).collect(), count)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_behind_nginx_book_exactly_and_survive_a_restart() {
    if !checker_ready("nginx", &["-v"], "apt-get install nginx") {
        return;
    }
    if common::postgres_for("the race behind nginx").is_none() {
        return;
    }
    let (url, _) = fresh_url(Backend::Postgres).await;
    let work = scratch("behind-nginx");
    let materials = work.join("materials").display().to_string();
    let env = [
        ("LOTSE_DATABASE_URL", url.as_str()),
        ("LOTSE_TRUSTED_PROXIES", "127.0.0.1"),
        ("LOTSE_MATERIALS_DIR", materials.as_str()),
    ];
    let (port_a, port_b) = (free_port(), free_port());
    let bind_a = format!("127.0.0.1:{port_a}");
    let with_demo: Vec<_> = env.iter().copied().chain([("LOTSE_DEMO", "1")]).collect();
    let a = ServerProcess::start_on(&work, &with_demo, &bind_a);
    let b = ServerProcess::start_on(&work, &env, &format!("127.0.0.1:{port_b}"));
    let nginx = lotse_bench::nginx::Nginx::start(
        &contrib("nginx/lotse.conf"),
        &[bind_a.clone(), format!("127.0.0.1:{port_b}")],
    )
    .unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(nginx.certificate.as_bytes()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let base = nginx.https.clone();

    // TLS with HTTP/2, HSTS; plain HTTP is sent to https.
    let r = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.version(), reqwest::Version::HTTP_2);
    assert!(r.headers().contains_key("strict-transport-security"));
    let r = client
        .get(format!("{}/angebote", nginx.http))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 301);
    assert_eq!(r.headers()["location"], "https://127.0.0.1/angebote");
    // The fingerprinted stylesheet is kept by nginx after the first visit.
    let page = client
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let css = common::stylesheet_link(&page);
    let mut cache = Vec::new();
    for _ in 0..2 {
        let r = client.get(format!("{base}{css}")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert!(
            r.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        cache.push(r.headers()["x-cache-status"].to_str().unwrap().to_owned());
    }
    assert_eq!(cache, ["MISS", "HIT"]);

    // The race: 300 people at once for 100 seats, through nginx to both processes.
    let db = Db::connect(&url, &DbOptions::default()).await.unwrap();
    let session = staff_session(&client, &base, 100).await;
    let crowd = people(&db, 300, None).await;
    let started = std::time::Instant::now();
    let (results, _) = book_all(&client, &base, session, crowd, 300).await;
    let seconds = started.elapsed().as_secs_f64();
    let mut told_confirmed = BTreeSet::new();
    for (person, status, body) in &results {
        assert_eq!(*status, Some(201), "{person}: {body}");
        if body["items"][0]["status"] == "confirmed" {
            told_confirmed.insert(*person);
        }
    }
    let (stored, count) = confirmed_in(&db, session).await;
    assert_eq!(told_confirmed.len(), 100);
    assert_eq!(stored, told_confirmed);
    assert_eq!(count, 100);
    eprintln!("race through nginx: 300 bookings in {seconds:.2} s");

    // A graceful restart of one process while 600 people book, 16 at a time: every
    // booking that was answered is stored as answered, and none gets a 5xx.
    let session = staff_session(&client, &base, 1000).await;
    let crowd = people(&db, 600, None).await;
    let restart = {
        let (client, base) = (client.clone(), base.clone());
        tokio::spawn(async move { book_all(&client, &base, session, crowd, 16).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let env_owned: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let work_again = work.clone();
    let again = tokio::task::spawn_blocking(move || {
        assert!(a.terminate(), "the process did not stop cleanly on SIGTERM");
        let env: Vec<(&str, &str)> = env_owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        ServerProcess::start_on(&work_again, &env, &bind_a)
    })
    .await
    .unwrap();
    assert!(
        !restart.is_finished(),
        "the bookings ended before the restart did"
    );
    let (results, _) = restart.await.unwrap();
    let mut answered = BTreeSet::new();
    let mut failures = Vec::new();
    for (person, status, body) in &results {
        match status {
            Some(201) => {
                assert_eq!(body["items"][0]["status"], "confirmed", "{body}");
                answered.insert(*person);
            }
            other => failures.push(format!("{other:?} {body}")),
        }
    }
    assert!(failures.is_empty(), "during the restart: {failures:?}");
    let (stored, count) = confirmed_in(&db, session).await;
    assert_eq!(stored, answered);
    assert_eq!(count, 600);
    // The restarted process serves again.
    let r = reqwest::get(format!("{}/readyz", again.address))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    drop((b, again, nginx));
    let _ = std::fs::remove_dir_all(&work);
}
