//! `lotse-bench`: starts a release `lotse serve` on 127.0.0.1 against a synthetic
//! database (see `lotse-seed`) and measures, with `wrk`, in one run: the HTTP stack
//! alone (`/healthz`), the catalogue page unfiltered and with two facets, an offering
//! page, the API list with a filter, confirmed bookings per second, the funder
//! aggregate over all registrations, the dashboard and its XLSX export for a year, a bulk import of 1,000 offerings with three
//! sessions each, resident memory after the load and time to ready. Prints a table
//! and writes the same as JSON. Every load is bounded in time.

use anyhow::{Context, bail};
use clap::Parser;
use lotse_store::{Db, DbOptions, on_reader, on_writer};
use serde::Serialize;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;
use uuid::Uuid;

/// Measures a release `lotse serve` on loopback.
#[derive(Debug, Parser)]
#[command(name = "lotse-bench", version)]
struct Args {
    /// The synthetic database (made by `lotse-seed`).
    #[arg(long, default_value = "sqlite://bench/lotse.db")]
    database_url: String,
    /// The `lotse` binary (default: the release build beside this one).
    #[arg(long)]
    lotse: Option<PathBuf>,
    /// Seconds per load.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Seconds of unrecorded load before each measured one, with the same addresses:
    /// the figures show a warmed-up server (cache and catalogue index filled).
    #[arg(long, default_value_t = 2)]
    warmup: u64,
    /// Connections per load.
    #[arg(long, default_value_t = 64)]
    connections: u32,
    /// wrk threads.
    #[arg(long, default_value_t = 2)]
    threads: u32,
    /// People with benchmark tokens in the database (`lotse-seed --tokens`).
    #[arg(long, default_value_t = 20_000)]
    tokens: usize,
    /// Where to write the figures as JSON.
    #[arg(long, default_value = "bench/results.json")]
    json: PathBuf,
    /// Only the loads whose names start with one of these, comma-separated (e.g.
    /// `bookings`); `/healthz` always runs, as the base of the ratios. Default: all.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// An empty database to move the benchmark's data into (`move` figures), for
    /// example a fresh PostgreSQL database; without it the move is not measured.
    #[arg(long, value_name = "URL")]
    move_to: Option<String>,
}

impl Args {
    /// Whether the load `name` is to be measured.
    fn measures(&self, name: &str) -> bool {
        name.starts_with("healthz")
            || self.only.is_empty()
            || self.only.iter().any(|o| name.starts_with(o.as_str()))
    }
}

/// One measured load.
#[derive(Debug, Serialize)]
struct Load {
    name: String,
    path: String,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// Share of `/healthz`'s throughput.
    ratio_to_healthz: f64,
    /// Answers other than 2xx/3xx (for bookings: other than 201).
    errors: u64,
}

/// Everything one run measured.
#[derive(Debug, Serialize)]
struct Results {
    machine: String,
    database: String,
    rows: Counts,
    connections: u32,
    seconds_per_load: u64,
    loads: Vec<Load>,
    confirmed_bookings_per_second: f64,
    /// The booking load again with ten webhook subscriptions.
    bookings_with_webhooks: WebhookLoad,
    /// The booking load through nginx to two processes (PostgreSQL only).
    bookings_through_nginx: NginxFigures,
    /// A bulk import of 1,000 offerings with three sessions each.
    import: ImportFigures,
    /// A backup while serving, its restore, and a move.
    backups: BackupFigures,
    /// 200 participants of a module session marked present at once.
    attendance: AttendanceFigures,
    /// The dashboard and the export for a year.
    reports: ReportFigures,
    aggregate_ms: f64,
    aggregate_groups: usize,
    /// Reading the live catalogue and building its search index, as at start.
    index_build_ms: f64,
    resident_memory_mb: f64,
    /// Of it, memory the process allocated (heap, stacks).
    resident_anonymous_mb: f64,
    /// Of it, pages of mapped files: SQLite maps up to 256 MB of the database file per
    /// connection, and the kernel may drop these pages at any time.
    resident_file_mb: f64,
    ready_ms: f64,
}

/// The site nginx runs in the load through the proxy: the deployment's own.
const NGINX_SITE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../contrib/nginx/lotse.conf"
));

/// The booking load through nginx (TLS) to two `lotse serve` processes.
#[derive(Debug, Default, Serialize)]
struct NginxFigures {
    processes: u32,
    confirmed_per_second: f64,
    requests_per_second: f64,
    p99_ms: f64,
    /// Requests not answered with 201 (any would be a failure: every person books a
    /// session with room once).
    not_confirmed: u64,
}

/// The booking load with ten webhook subscriptions to every registration.
#[derive(Debug, Default, Serialize)]
struct WebhookLoad {
    confirmed_per_second: f64,
    /// The booking load once more after it, without subscriptions: with the first
    /// load, the baseline (the machine drifts between loads).
    confirmed_per_second_after_without: f64,
    /// `confirmed_per_second` over the mean of the loads without subscriptions.
    ratio_to_without: f64,
    p99_ms: f64,
    /// Deliveries the receiver got while the load ran.
    deliveries_during_load: u64,
    /// Ten per confirmed booking.
    deliveries_expected: u64,
    /// Deliveries received in all, after waiting up to a minute.
    deliveries_received: u64,
    /// How long after the load the last delivery came in.
    catch_up_seconds: f64,
}

/// The bulk import over the API: a file of 1,000 offerings with three sessions each
/// (3,000 rows), first as a dry run, then written.
#[derive(Debug, Default, Serialize)]
struct ImportFigures {
    rows: usize,
    file_bytes: usize,
    dry_run_ms: f64,
    import_ms: f64,
    offerings_created: u64,
    sessions_created: u64,
}

/// Marking 200 participants of one module session present in one request, with the
/// completions and every credential it issues (signed before the answer).
#[derive(Debug, Default, Serialize)]
struct AttendanceFigures {
    participants: usize,
    ms: f64,
    modules_completed: u64,
    qualifications_completed: u64,
    credentials_signed: i64,
}

/// A module session that started an hour ago with `participants` fresh people
/// registered (confirmed), for the attendance measure; its id and the registrations.
async fn attendance_session(db: &Db, participants: usize) -> anyhow::Result<(Uuid, Vec<Uuid>)> {
    let offering: Uuid = on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT o.id FROM offerings o WHERE o.kind = 'module' AND o.withdrawn_at IS NULL
             ORDER BY EXISTS (SELECT 1 FROM qualification_modules m WHERE m.offering_id = o.id) DESC, o.sort_key
             LIMIT 1",
        )
        .fetch_one(pool)
        .await?
    });
    let starts = jiff::Timestamp::now().as_second() - 3600;
    let session = Uuid::now_v7();
    let run = Uuid::now_v7().simple().to_string();
    let mut registrations = Vec::with_capacity(participants);
    on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO sessions (id, offering_id, starts_at, ends_at, registration_deadline,
                online_link, capacity, status, created_at, confirmed_count)
             VALUES ($1, $2, $3, $4, $5, 'https://konferenz.example.org/bench', 1000, 'planned', $3, $6)",
        )
        .bind(session)
        .bind(offering)
        .bind(starts)
        .bind(starts + 8 * 3600)
        .bind(starts - 86_400)
        .bind(i64::try_from(participants)?)
        .execute(&mut *tx)
        .await?;
        for n in 0..participants {
            let person = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO people (id, email, name, email_confirmed_at, created_at) VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(person)
            .bind(format!("anwesend-{run}-{n}@bench.lotse.de"))
            .bind(format!("Teilnehmende {n}"))
            .bind(starts)
            .execute(&mut *tx)
            .await?;
            let registration = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO registrations (id, session_id, person_id, booked_by, status, ticket_code, created_at, updated_at)
                 VALUES ($1, $2, $3, $3, 'confirmed', $4, $5, $5)",
            )
            .bind(registration)
            .bind(session)
            .bind(person)
            .bind(format!("BENCH{}", registration.simple()).to_uppercase())
            .bind(starts)
            .execute(&mut *tx)
            .await?;
            registrations.push(registration);
        }
        tx.commit().await?;
    });
    Ok((session, registrations))
}

/// `lotse backup` while the catalogue is read, its restore into a fresh SQLite
/// database, and `move-data` into `--move-to`.
#[derive(Debug, Default, Serialize)]
struct BackupFigures {
    rows: u64,
    file_mb: f64,
    backup_seconds: f64,
    catalogue_requests_per_second_during: f64,
    restore_seconds: f64,
    move_seconds: f64,
    move_rows_per_second: f64,
}

/// The funder's figures for the twelve months up to today, read over HTTP as a
/// visitor would: the whole dashboard (every breakdown, the map, the charts) as staff
/// and as the funder (small cells suppressed), and the XLSX export of every breakdown.
#[derive(Debug, Default, Serialize)]
struct ReportFigures {
    from: String,
    to: String,
    /// Evaluation invitations and answers added for the year for this measure (and
    /// taken out after it).
    evaluations_added: u64,
    answers_added: u64,
    dashboard_staff: Timing,
    dashboard_funder: Timing,
    xlsx_all_breakdowns: Timing,
    xlsx_bytes: usize,
}

/// The first answer (nothing cached) and the median of five after it, in milliseconds.
#[derive(Debug, Default, Serialize)]
struct Timing {
    first_ms: f64,
    median_ms: f64,
}

/// Marks what [`add_year_of_evaluations`] wrote, so that it can be taken out again.
const ADDED_INVITATION: &str = "aufgefuellt-";
const ADDED_ANSWER: &str = "Aufgefüllte Antwort (lotse-bench)";

/// Evaluations for every attended registration of a session that started since `since`
/// and has none yet (the seed writes only the last fortnight's), two in five
/// answered with ratings from 2 to 5: the dashboard then reads a year of them, as a
/// center that ran for a year would have. Returns invitations and answers written.
async fn add_year_of_evaluations(db: &Db, since: i64) -> anyhow::Result<(u64, u64)> {
    let (invitations, answers) = match db {
        Db::Sqlite { .. } => (
            "INSERT INTO evaluation_invitations (registration_id, session_id, secret_hash, sent_at, answered)
             SELECT r.id, r.session_id, $1 || hex(r.id), s.ends_at + 3600, abs(random()) % 5 < 2
             FROM registrations r JOIN sessions s ON s.id = r.session_id
             WHERE r.status = 'attended' AND s.starts_at >= $2
               AND NOT EXISTS (SELECT 1 FROM evaluation_invitations i WHERE i.registration_id = r.id)",
            "INSERT INTO evaluation_answers (id, session_id, relevance, quality, applicability, will_apply, comment)
             SELECT randomblob(16), session_id, 2 + abs(random()) % 4, 2 + abs(random()) % 4,
                    2 + abs(random()) % 4, $2, ''
             FROM evaluation_invitations WHERE answered AND secret_hash LIKE $1 || '%'",
        ),
        Db::Postgres { .. } => (
            "INSERT INTO evaluation_invitations (registration_id, session_id, secret_hash, sent_at, answered)
             SELECT r.id, r.session_id, $1 || r.id::text, s.ends_at + 3600, random() < 0.4
             FROM registrations r JOIN sessions s ON s.id = r.session_id
             WHERE r.status = 'attended' AND s.starts_at >= $2
               AND NOT EXISTS (SELECT 1 FROM evaluation_invitations i WHERE i.registration_id = r.id)",
            "INSERT INTO evaluation_answers (id, session_id, relevance, quality, applicability, will_apply, comment)
             SELECT gen_random_uuid(), session_id, (2 + floor(random() * 4))::smallint,
                    (2 + floor(random() * 4))::smallint, (2 + floor(random() * 4))::smallint, $2, ''
             FROM evaluation_invitations WHERE answered AND secret_hash LIKE $1 || '%'",
        ),
    };
    Ok(on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        let invited = sqlx::query(invitations)
            .bind(ADDED_INVITATION)
            .bind(since)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let answered = sqlx::query(answers)
            .bind(ADDED_INVITATION)
            .bind(ADDED_ANSWER)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        (invited, answered)
    }))
}

/// Takes out what [`add_year_of_evaluations`] wrote (also after an interrupted run).
async fn remove_added_evaluations(db: &Db) -> anyhow::Result<()> {
    on_writer!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM evaluation_answers WHERE will_apply = $1")
            .bind(ADDED_ANSWER)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM evaluation_invitations WHERE secret_hash LIKE $1 || '%'")
            .bind(ADDED_INVITATION)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(())
}

/// Times GET `url` with `token`: the first answer and the median of five more. Fails
/// on any answer but 200; returns the timing and the size of the last body.
async fn timed_get(
    client: &reqwest::Client,
    url: &str,
    token: &str,
) -> anyhow::Result<(Timing, usize)> {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..6 {
        let started = Instant::now();
        let answer = client
            .get(url)
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()
            .with_context(|| format!("GET {url}"))?;
        size = answer.bytes().await?.len();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let first_ms = times.remove(0);
    times.sort_by(f64::total_cmp);
    Ok((
        Timing {
            first_ms,
            median_ms: times[times.len() / 2],
        },
        size,
    ))
}

#[derive(Debug, Serialize)]
struct Counts {
    offerings: i64,
    people: i64,
    companies: i64,
    registrations: i64,
}

/// What wrk reported.
struct WrkFigures {
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
    created: Option<u64>,
}

fn milliseconds(text: &str) -> Option<f64> {
    let text = text.trim();
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (text, 1.0)
    };
    number.parse::<f64>().ok().map(|v| v * factor)
}

fn parse_wrk(output: &str) -> anyhow::Result<WrkFigures> {
    let mut figures = WrkFigures {
        requests_per_second: 0.0,
        p50_ms: 0.0,
        p99_ms: 0.0,
        errors: 0,
        created: None,
    };
    for line in output.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", v] => figures.requests_per_second = v.parse().unwrap_or(0.0),
            ["50%", v] => figures.p50_ms = milliseconds(v).unwrap_or(0.0),
            ["99%", v] => figures.p99_ms = milliseconds(v).unwrap_or(0.0),
            ["Non-2xx", "or", "3xx", "responses:", v] => figures.errors += v.parse().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                figures.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            ["created:", v] => figures.created = v.parse().ok(),
            _ => {}
        }
    }
    if figures.requests_per_second <= 0.0 {
        bail!("wrk reported no requests:\n{output}");
    }
    Ok(figures)
}

/// One measured load without warm-up (for bookings: a warm-up would book the pairs the
/// measured run then tries again).
fn wrk(args: &Args, url: &str, script: Option<&PathBuf>) -> anyhow::Result<WrkFigures> {
    let cold = Args {
        warmup: 0,
        database_url: String::new(),
        lotse: None,
        json: PathBuf::new(),
        only: Vec::new(),
        move_to: None,
        ..*args
    };
    wrk_with(&cold, args.threads, args.connections, url, script)
}

fn wrk_with(
    args: &Args,
    threads: u32,
    connections: u32,
    url: &str,
    script: Option<&PathBuf>,
) -> anyhow::Result<WrkFigures> {
    if args.warmup > 0 {
        let _ = Command::new("wrk")
            .arg(format!("-t{threads}"))
            .arg(format!("-c{connections}"))
            .arg(format!("-d{}s", args.warmup))
            .args(
                script
                    .map(|s| vec!["-s".into(), s.clone()])
                    .unwrap_or_default(),
            )
            .arg(url)
            .output();
    }
    let mut command = Command::new("wrk");
    command
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{}s", args.duration))
        .arg("--timeout")
        .arg("5s")
        .arg("--latency");
    if let Some(s) = script {
        command.arg("-s").arg(s);
    }
    let output = command
        .arg(url)
        .output()
        .context("wrk did not run; install it with `apt-get install wrk`")?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    parse_wrk(&text).with_context(|| format!("wrk on {url}"))
}

/// The running server: its address, pid, and how long it took to be ready.
struct Server {
    child: Child,
    address: String,
    ready_ms: f64,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn start_server(lotse: &PathBuf, database_url: &str) -> anyhow::Result<Server> {
    let started = Instant::now();
    let mut child = Command::new(lotse)
        .args(["serve", "--bind", "127.0.0.1:0", "--log-format", "json"])
        .env("LOTSE_DATABASE_URL", database_url)
        .env("LOTSE_LOG", "warn,lotse=info")
        // The webhook load's receiver listens on loopback.
        .env("LOTSE_WEBHOOK_ALLOW_PRIVATE_TARGETS", "1")
        .env(
            "LOTSE_MAIL_DIR",
            std::env::temp_dir().join("lotse-bench-mail"),
        )
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", lotse.display()))?;
    let stderr = child.stderr.take().context("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    while let Some(Ok(line)) = lines.next() {
        let Ok(entry) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if entry["message"] == "lotse is ready" {
            let address = entry["address"].as_str().unwrap_or_default().to_owned();
            let ready_ms = entry["ready_ms"]
                .as_f64()
                .unwrap_or_else(|| started.elapsed().as_secs_f64() * 1000.0);
            // Keep reading the log so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines.by_ref() {});
            return Ok(Server {
                child,
                address,
                ready_ms,
            });
        }
    }
    let _ = child.kill();
    bail!("lotse did not become ready")
}

/// A figure of `/proc/{pid}/status` in MB (`VmRSS`, `RssAnon`, `RssFile`, …).
fn status_mb(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(&format!("{field}:")))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Adds 100 sessions with room for everyone, 60 days ahead, for the booking load.
async fn booking_sessions(db: &Db) -> anyhow::Result<Vec<Uuid>> {
    let offerings: Vec<Uuid> = on_reader!(db, pool => {
        sqlx::query_scalar("SELECT id FROM offerings ORDER BY sort_key LIMIT 100")
            .fetch_all(pool)
            .await?
    });
    let starts = jiff::Timestamp::now().as_second() + 60 * 86_400;
    let mut sessions = Vec::new();
    for offering in offerings {
        let id = Uuid::now_v7();
        on_writer!(db, pool => {
            sqlx::query(
                "INSERT INTO sessions (id, offering_id, starts_at, ends_at, registration_deadline,
                    online_link, capacity, status, created_at)
                 VALUES ($1, $2, $3, $4, $5, 'https://konferenz.example.org/bench', 1000000, 'planned', $3)",
            )
            .bind(id)
            .bind(offering)
            .bind(starts)
            .bind(starts + 3 * 3600)
            .bind(starts - 86_400)
            .execute(pool)
            .await?;
        });
        sessions.push(id);
    }
    Ok(sessions)
}

/// A webhook receiver on loopback that answers every delivery `204` and counts them;
/// returns its address and the count.
async fn webhook_receiver() -> anyhow::Result<(String, std::sync::Arc<std::sync::atomic::AtomicU64>)>
{
    use std::sync::atomic::Ordering;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}/hooks", listener.local_addr()?);
    let count = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let counted = counted.clone();
            tokio::spawn(async move {
                // Requests one after another on a kept connection, as a real
                // receiver behind a web server would take them.
                let mut read: Vec<u8> = Vec::new();
                let mut buf = [0u8; 8192];
                loop {
                    let Ok(n) = socket.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    read.extend_from_slice(&buf[..n]);
                    while let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&read[..end]).to_ascii_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if read.len() < end + 4 + length {
                            break;
                        }
                        read.drain(..end + 4 + length);
                        counted.fetch_add(1, Ordering::Relaxed);
                        if socket
                            .write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            });
        }
    });
    Ok((address, count))
}

/// Subscribes `receiver` ten times to `registration.created`, as a staff member made
/// for it.
/// External ids of the import load start with this; a run removes the last run's.
const IMPORT_PREFIX: &str = "BENCH-IMPORT-";

/// Removes what an earlier import load wrote, so every run creates anew.
async fn remove_imported(db: &Db) -> anyhow::Result<()> {
    let like = format!("{IMPORT_PREFIX}%");
    for delete in [
        "DELETE FROM sessions WHERE offering_id IN (SELECT id FROM offerings WHERE external_id LIKE $1)",
        "DELETE FROM offering_topics WHERE offering_id IN (SELECT id FROM offerings WHERE external_id LIKE $1)",
        "DELETE FROM offering_audiences WHERE offering_id IN (SELECT id FROM offerings WHERE external_id LIKE $1)",
        "DELETE FROM offerings WHERE external_id LIKE $1",
    ] {
        on_writer!(db, pool => {
            sqlx::query(delete).bind(&like).execute(pool).await?;
        });
    }
    Ok(())
}

/// A new staff member for a load, named `purpose`: their id.
async fn bench_staff(db: &Db, purpose: &str) -> anyhow::Result<Uuid> {
    bench_person(db, purpose, lotse_core::accounts::Role::Staff).await
}

/// A new person with the center-wide `role`, named `purpose`: their id.
async fn bench_person(
    db: &Db,
    purpose: &str,
    role: lotse_core::accounts::Role,
) -> anyhow::Result<Uuid> {
    let staff = lotse_store::accounts::create_person(
        db,
        &lotse_store::accounts::NewPerson {
            email: format!("bench-{purpose}-{}@lotse.invalid", Uuid::now_v7().simple()),
            name: format!("Bench {purpose}"),
            password_hash: None,
            confirmed: true,
            language: "de".into(),
        },
        &lotse_store::accounts::Affiliation::Memberships(vec![lotse_core::accounts::Membership {
            role,
            scope: lotse_core::accounts::Scope::Center,
        }]),
        None,
        0,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(staff.person_id)
}

/// A staff member's API token, for the import load.
async fn staff_token(db: &Db) -> anyhow::Result<String> {
    token_of(db, lotse_core::accounts::Role::Staff).await
}

/// An API token of a new person with the center-wide `role`.
async fn token_of(db: &Db, role: lotse_core::accounts::Role) -> anyhow::Result<String> {
    let staff = bench_person(db, role.key(), role).await?;
    let token = format!("lotse_bench_import_{}", Uuid::now_v7().simple());
    lotse_store::accounts::create_token(
        db,
        staff,
        "bench import",
        &lotse_web::http::auth::hash_secret(&token),
        0,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(token)
}

/// The import file: `offerings` offerings of the first partner, three sessions each
/// at the first place, as German spreadsheet programs write CSV (semicolons, dates
/// as `04.03.2030 09:00`).
async fn import_file(db: &Db, offerings: usize) -> anyhow::Result<(Vec<u8>, usize)> {
    let (partner, place): (String, String) = on_reader!(db, pool => {
        let partner = sqlx::query_scalar("SELECT name FROM partners ORDER BY name LIMIT 1")
            .fetch_one(pool)
            .await?;
        let place = sqlx::query_scalar("SELECT name FROM places ORDER BY name LIMIT 1")
            .fetch_one(pool)
            .await?;
        (partner, place)
    });
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record([
        "external_id",
        "partner",
        "kind",
        "title",
        "summary",
        "description",
        "learning_outcomes",
        "topics",
        "audiences",
        "duration_hours",
        "format",
        "price_eur",
        "level",
        "starts_at",
        "ends_at",
        "place",
        "capacity",
    ])?;
    let mut rows = 0;
    for n in 0..offerings {
        for s in 0..3 {
            let day = 1 + (n * 3 + s) % 28;
            let month = 1 + (n * 3 + s) / 28 % 12;
            let first = s == 0;
            let text = |t: String| if first { t } else { String::new() };
            writer.write_record([
                format!("{IMPORT_PREFIX}{n}"),
                partner.clone(),
                text("workshop".into()),
                text(format!("Importierter Workshop {n}: Prozesse digital")),
                text("Ein Tag mit Beispielen aus Betrieben der Region.".into()),
                text(
                    "Wie ein Betrieb seine Abläufe erfasst, bewertet und digital unterstützt."
                        .into(),
                ),
                text("Abläufe erfassen | Werkzeuge auswählen".into()),
                text("strategie, arbeit-4-0".into()),
                text("geschaeftsfuehrung, beschaeftigte".into()),
                text("6".into()),
                text("presence".into()),
                text("49,50".into()),
                text("basic".into()),
                format!("{day:02}.{month:02}.{} 09:00", 2030 + n / 336),
                format!("{day:02}.{month:02}.{} 15:00", 2030 + n / 336),
                place.clone(),
                "16".into(),
            ])?;
            rows += 1;
        }
    }
    Ok((
        writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?,
        rows,
    ))
}

/// Posts the import file, as a dry run or for real; the time and the report.
async fn post_import(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    file: &[u8],
    dry_run: bool,
) -> anyhow::Result<(f64, serde_json::Value)> {
    let started = Instant::now();
    let response = client
        .post(format!("{base}/api/v1/offerings/import?dry_run={dry_run}"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(file.to_vec())
        .send()
        .await?;
    let status = response.status();
    let report: serde_json::Value = response.json().await?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if !status.is_success() {
        bail!("the import answered {status}: {report}");
    }
    Ok((ms, report))
}

async fn ten_webhooks(db: &Db, receiver: &str) -> anyhow::Result<()> {
    let staff = bench_staff(db, "webhooks").await?;
    for n in 0..10 {
        lotse_store::webhooks::create(
            db,
            &lotse_store::webhooks::Webhook {
                id: Uuid::now_v7(),
                owner_id: staff,
                partner_id: None,
                url: format!("{receiver}?n={n}"),
                secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
                events: "registration.created".into(),
                active: true,
                failures_in_a_row: 0,
                disabled_at: None,
                created_at: jiff::Timestamp::now().as_second(),
            },
        )
        .await?;
    }
    Ok(())
}

/// The booking load on `sessions`, without warm-up.
fn booking_load(args: &Args, base: &str, sessions: &[Uuid]) -> anyhow::Result<WrkFigures> {
    let script = std::env::temp_dir().join(format!("lotse-bench-{}.lua", std::process::id()));
    std::fs::write(&script, booking_script(sessions, args.tokens, args.threads))?;
    let f = wrk(
        args,
        &format!("{base}/api/v1/sessions/x/registrations"),
        Some(&script),
    );
    let _ = std::fs::remove_file(&script);
    f
}

/// The wrk script for the booking load: request n books person n / 100 onto session
/// n % 100 with that person's token, so no pair repeats; counts the 201 answers.
fn booking_script(sessions: &[Uuid], tokens: usize, threads: u32) -> String {
    let list: Vec<String> = sessions.iter().map(|s| format!("\"{s}\"")).collect();
    format!(
        r#"local sessions = {{{}}}
local tokens = {tokens}
local threads = {{}}
local counter = 0
-- `id` is a global set per thread by setup(); a local here would hide it.
id = 0
created = 0
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  created = 0
end
function request()
  local n = counter * {threads} + id
  counter = counter + 1
  local session = sessions[(n % #sessions) + 1]
  local person = math.floor(n / #sessions) % tokens
  return wrk.format("POST", "/api/v1/sessions/" .. session .. "/registrations",
    {{["Authorization"] = string.format("Bearer lotse_bench_%08d", person)}})
end
function response(status, headers, body)
  if status == 201 then created = created + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("created") end
  io.write(string.format("created: %d\n", total))
end
"#,
        list.join(", ")
    )
}

/// The wrk script for a load over many addresses: each request takes one of `paths`
/// at random, so a cache only helps as far as real visitors would repeat each other.
/// With `signed_in`, every request carries another benchmark person's token, which
/// makes lotse answer it afresh (signed-in answers are never cached).
fn paths_script(paths: &[String], signed_in: Option<usize>) -> String {
    let list: Vec<String> = paths.iter().map(|p| format!("\"{p}\"")).collect();
    let headers = match signed_in {
        Some(tokens) => format!(
            r#"{{["Authorization"] = string.format("Bearer lotse_bench_%08d", math.random(0, {}))}}"#,
            tokens.saturating_sub(1)
        ),
        None => "{}".to_owned(),
    };
    format!(
        r#"local paths = {{{}}}
local threads = {{}}
id = 0
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(id * 7919 + 17)
end
function request()
  return wrk.format("GET", paths[math.random(1, #paths)], {headers})
end
"#,
        list.join(", ")
    )
}

/// Quarters (label, first second, first second of the next) in Berlin around now.
fn quarters() -> Vec<(String, i64, i64)> {
    let berlin = lotse_core::catalogue::berlin();
    let today = jiff::Zoned::now().with_time_zone(berlin.clone()).date();
    let mut out = Vec::new();
    let first_month = (today.month() - 1) / 3 * 3 + 1;
    let mut start = jiff::civil::date(today.year(), first_month, 1);
    start = start
        .checked_sub(jiff::Span::new().months(12))
        .unwrap_or(start);
    for _ in 0..7 {
        let next = start
            .checked_add(jiff::Span::new().months(3))
            .unwrap_or(start);
        let at = |d: jiff::civil::Date| {
            d.to_zoned(berlin.clone())
                .map(|z| z.timestamp().as_second())
                .unwrap_or(0)
        };
        out.push((
            format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
            at(start),
            at(next),
        ));
        start = next;
    }
    out
}

/// Confirmed (or attended) seats per topic, county of the company the participation
/// counts for, and quarter: the stand-in for the funder's report. Returns (milliseconds, groups).
async fn aggregate(db: &Db) -> anyhow::Result<(f64, usize)> {
    let values: Vec<String> = quarters()
        .iter()
        .map(|(label, from, to)| format!("('{label}', {from}, {to})"))
        .collect();
    let sql = format!(
        "WITH q (label, from_ts, to_ts) AS (VALUES {})
         SELECT t.topic, c.county, q.label, COUNT(*) AS seats
         FROM registrations r
         JOIN sessions s ON s.id = r.session_id
         JOIN q ON s.starts_at >= q.from_ts AND s.starts_at < q.to_ts
         JOIN offering_topics t ON t.offering_id = s.offering_id
         JOIN companies c ON c.id = r.company_id
         WHERE r.status IN ('confirmed', 'attended')
         GROUP BY t.topic, c.county, q.label",
        values.join(", ")
    );
    let mut best = f64::MAX;
    let mut groups = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let rows: Vec<(String, String, String, i64)> = on_reader!(db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).fetch_all(pool).await?
        });
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
        groups = rows.len();
    }
    Ok((best, groups))
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0 / 1024.0)
        .unwrap_or(0.0);
    format!("{cpus} cores, {memory:.0} GiB")
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let lotse = match &args.lotse {
        Some(p) => p.clone(),
        None => std::env::current_exe()?
            .parent()
            .context("no folder")?
            .join("lotse"),
    };
    anyhow::ensure!(
        lotse.exists(),
        "{} is missing: build it with `cargo build --release -p lotse`",
        lotse.display()
    );
    let db = Db::connect(&args.database_url, &DbOptions::default())
        .await
        .with_context(|| format!("cannot open {}", args.database_url))?;
    // The server would migrate on start; the aggregate below runs before it.
    db.migrate().await.context("migrations")?;
    let count = |table: &'static str| {
        let db = db.clone();
        async move {
            let n: i64 = on_reader!(&db, pool => {
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(pool)
                    .await?
            });
            anyhow::Ok(n)
        }
    };
    let rows = Counts {
        offerings: count("offerings").await?,
        people: count("people").await?,
        companies: count("companies").await?,
        registrations: count("registrations").await?,
    };
    anyhow::ensure!(
        rows.offerings > 0,
        "the database is empty: fill it with `lotse-seed` first"
    );
    let (aggregate_ms, aggregate_groups) = if args.measures("aggregate") {
        aggregate(&db).await?
    } else {
        (0.0, 0)
    };
    let index_build_ms = if args.measures("search") {
        let started = std::time::Instant::now();
        lotse_store::catalogue_index::CatalogueIndex::new()
            .list(
                &db,
                &lotse_store::catalogue::OfferingFilter::default(),
                None,
                1,
                jiff::Timestamp::now(),
            )
            .await?;
        started.elapsed().as_secs_f64() * 1000.0
    } else {
        0.0
    };
    // Subscriptions of an earlier run would slow the first booking load.
    for delete in [
        "DELETE FROM webhook_deliveries",
        "DELETE FROM webhook_events",
        "DELETE FROM webhooks",
    ] {
        on_writer!(&db, pool => {
            sqlx::query(delete).execute(pool).await?;
        });
    }
    remove_imported(&db).await?;
    let import_token = staff_token(&db).await?;
    let (import_csv, import_rows) = import_file(&db, 1_000).await?;
    let sessions = booking_sessions(&db).await?;
    let webhook_sessions = booking_sessions(&db).await?;
    let after_sessions = booking_sessions(&db).await?;
    let nginx_sessions = booking_sessions(&db).await?;
    remove_added_evaluations(&db).await?;
    let report_tokens = if args.measures("reports") {
        let since = jiff::Timestamp::now().as_second() - 366 * 86_400;
        let (invited, answered) = add_year_of_evaluations(&db, since).await?;
        eprintln!("added a year of evaluations: {invited} invitations, {answered} answers");
        Some((
            staff_token(&db).await?,
            token_of(&db, lotse_core::accounts::Role::Funder).await?,
            invited,
            answered,
        ))
    } else {
        None
    };
    let attendance_setup = if args.measures("attendance") || args.measures("verification") {
        if lotse_store::credentials::current_key(&db).await?.is_none() {
            lotse_web::credentials::service::add_signing_key(&db, false)
                .await
                .map_err(|e| anyhow::anyhow!(e))?;
        }
        Some((attendance_session(&db, 200).await?, staff_token(&db).await?))
    } else {
        None
    };
    // Every tenth offering in title order: 1,000 offering pages at 10,000 offerings.
    let offerings: Vec<Uuid> = on_reader!(&db, pool => {
        sqlx::query_scalar(
            "SELECT id FROM offerings WHERE withdrawn_at IS NULL ORDER BY sort_key, id",
        )
        .fetch_all(pool)
        .await?
    });
    db.close().await;
    let offering_paths: Vec<String> = offerings
        .iter()
        .step_by(10)
        .map(|id| format!("/angebote/{id}"))
        .collect();
    let topics = lotse_core::catalogue::Topic::ALL;
    let facet_paths: Vec<String> = topics
        .iter()
        .flat_map(|t| {
            lotse_core::catalogue::OfferingKind::ALL
                .iter()
                .map(move |k| format!("/angebote?topic={}&kind={}", t.key(), k.key()))
        })
        .collect();
    // The open feed's first page, whole and per topic.
    let feed_paths: Vec<String> = std::iter::once("/api/v1/feed/offerings".to_owned())
        .chain(
            topics
                .iter()
                .map(|t| format!("/api/v1/feed/offerings?topic={}", t.key())),
        )
        .collect();
    let filter_paths: Vec<String> = topics
        .iter()
        .flat_map(|t| {
            lotse_core::catalogue::Audience::ALL.iter().map(move |a| {
                format!(
                    "/api/v1/offerings?topic={}&audience={}&limit=20",
                    t.key(),
                    a.key()
                )
            })
        })
        .chain(
            [
                "Cobots",
                "Datenschutz",
                "Dashboards",
                "Lernen",
                "Transportsysteme",
            ]
            .iter()
            .map(|q| format!("/api/v1/offerings?q={q}&limit=20")),
        )
        .collect();

    // Searches as visitors type them: inflections, spellings without umlauts, typos,
    // several words. Each with two facets for the server-time measurement.
    let queries = [
        "Robotern",
        "Cobot",
        "Lagerverwaltung",
        "Foerderung",
        "Kuenstliche%20Intelligenz",
        "Tourenplanug",
        "Datenschutz%20Betrieb",
        "Zwillinge",
        "Dashboard%20Geschaeftsfuehrung",
        "E-Rechnung",
        "Phishing%20Mitarbeiter",
        "Energiedaten",
        "Predictive",
        "Kommissionierung",
        "Notfallplan%20IT",
        "Fuehren%20auf%20Distanz",
        "Cloud%20sicher",
        "CO2",
        "Sendungsverfolgung",
        "Prozesse%20verbessern",
    ];
    let search_pages: Vec<String> = queries.iter().map(|q| format!("/angebote?q={q}")).collect();
    let search_with_facets: Vec<String> = queries
        .iter()
        .zip(topics.iter().cycle())
        .zip(lotse_core::catalogue::OfferingKind::ALL.iter().cycle())
        .map(|((q, t), k)| {
            format!(
                "/api/v1/offerings?q={q}&topic={}&kind={}&limit=20",
                t.key(),
                k.key()
            )
        })
        .collect();

    let server = start_server(&lotse, &args.database_url)?;
    let base = server.address.clone();
    let mut attendance = AttendanceFigures::default();
    let mut credential_paths: Vec<String> = Vec::new();
    if let Some(((session, registrations), token)) = &attendance_setup {
        eprintln!("measuring 200 participants marked present at once …");
        let started = Instant::now();
        let answer: serde_json::Value = reqwest::Client::new()
            .patch(format!("{base}/api/v1/sessions/{session}/attendance"))
            .bearer_auth(token)
            .json(&serde_json::json!({ "registrations": registrations, "attended": true }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let db = Db::connect(&args.database_url, &DbOptions::default()).await?;
        let ids: Vec<Uuid> = on_reader!(&db, pool => {
            sqlx::query_scalar(
                "SELECT c.id FROM credentials c JOIN registrations r ON r.person_id = c.person_id
                 WHERE r.session_id = $1 AND c.document IS NOT NULL",
            )
            .bind(session)
            .fetch_all(pool)
            .await?
        });
        db.close().await;
        credential_paths = ids.iter().map(|id| format!("/nachweise/{id}")).collect();
        attendance = AttendanceFigures {
            participants: registrations.len(),
            ms,
            modules_completed: answer["modules_completed"].as_u64().unwrap_or(0),
            qualifications_completed: answer["qualifications_completed"].as_u64().unwrap_or(0),
            credentials_signed: i64::try_from(ids.len())?,
        };
    }
    let mut reports = ReportFigures::default();
    if let Some((staff, funder, invited, answered)) = &report_tokens {
        eprintln!("measuring the dashboard and the export for a year …");
        let today = jiff::Zoned::now()
            .with_time_zone(lotse_core::catalogue::berlin())
            .date();
        let from = today
            .checked_sub(jiff::Span::new().years(1))?
            .checked_add(jiff::Span::new().days(1))?;
        let period = format!("from={from}&to={today}");
        let client = reqwest::Client::new();
        let dashboard = format!("{base}/auswertung?{period}");
        let (dashboard_staff, _) = timed_get(&client, &dashboard, staff).await?;
        let (dashboard_funder, _) = timed_get(&client, &dashboard, funder).await?;
        let (xlsx_all_breakdowns, xlsx_bytes) = timed_get(
            &client,
            &format!("{base}/api/v1/reports/kpis?{period}&format=xlsx"),
            staff,
        )
        .await?;
        let db = Db::connect(&args.database_url, &DbOptions::default()).await?;
        remove_added_evaluations(&db).await?;
        db.close().await;
        reports = ReportFigures {
            from: from.to_string(),
            to: today.to_string(),
            evaluations_added: *invited,
            answers_added: *answered,
            dashboard_staff,
            dashboard_funder,
            xlsx_all_breakdowns,
            xlsx_bytes,
        };
    }
    // (name, what the table shows as the path, the paths, signed in, connections)
    let one = |p: &str| vec![p.to_owned()];
    let mut plan: Vec<(&str, String, Vec<String>, bool, u32)> = vec![
        (
            "healthz (HTTP stack alone)",
            "/healthz".into(),
            one("/healthz"),
            false,
            args.connections,
        ),
        (
            "catalogue page",
            "/angebote".into(),
            one("/angebote"),
            false,
            args.connections,
        ),
        (
            "catalogue page, two facets",
            format!(
                "/angebote?topic=…&kind=… ({} combinations)",
                facet_paths.len()
            ),
            facet_paths,
            false,
            args.connections,
        ),
        (
            "offering page",
            format!("/angebote/{{id}} ({} offerings)", offering_paths.len()),
            offering_paths,
            false,
            args.connections,
        ),
        (
            "open feed",
            format!(
                "/api/v1/feed/offerings, 100 offerings a page ({} first pages)",
                feed_paths.len()
            ),
            feed_paths,
            false,
            args.connections,
        ),
        (
            "API list with filter",
            format!(
                "/api/v1/offerings?topic=…&audience=… or q=… ({} filters)",
                filter_paths.len()
            ),
            filter_paths.clone(),
            false,
            args.connections,
        ),
        (
            "API filter, signed in (uncached)",
            "the same filters with a bearer token".into(),
            filter_paths.clone(),
            true,
            args.connections,
        ),
        (
            "API filter, signed in, 1 connection",
            "server time: the same, one request at a time".into(),
            filter_paths,
            true,
            1,
        ),
        (
            "search page",
            format!("/angebote?q=… ({} queries)", search_pages.len()),
            search_pages,
            false,
            args.connections,
        ),
        (
            "search, two facets, 1 connection",
            "server time: /api/v1/offerings?q=…&topic=…&kind=…, signed in (uncached)".into(),
            search_with_facets,
            true,
            1,
        ),
    ];
    if !credential_paths.is_empty() {
        plan.push((
            "verification page",
            format!("/nachweise/{{id}} ({} credentials)", credential_paths.len()),
            credential_paths,
            false,
            args.connections,
        ));
    }
    let mut loads: Vec<Load> = Vec::new();
    let mut healthz = 0.0;
    for (name, shown, paths, signed_in, connections) in &plan {
        if !args.measures(name) {
            continue;
        }
        eprintln!("measuring {name} ({shown}) for {} s …", args.duration);
        let script = std::env::temp_dir().join(format!("lotse-bench-{}.lua", std::process::id()));
        let f = if paths.len() == 1 && !signed_in {
            wrk_with(
                &args,
                args.threads,
                *connections,
                &format!("{base}{}", paths[0]),
                None,
            )?
        } else {
            std::fs::write(
                &script,
                paths_script(paths, signed_in.then_some(args.tokens)),
            )?;
            let f = wrk_with(
                &args,
                args.threads.min(*connections),
                *connections,
                &format!("{base}/"),
                Some(&script),
            );
            let _ = std::fs::remove_file(&script);
            f?
        };
        if healthz == 0.0 {
            healthz = f.requests_per_second;
        }
        loads.push(Load {
            name: (*name).to_owned(),
            path: shown.clone(),
            requests_per_second: f.requests_per_second,
            p50_ms: f.p50_ms,
            p99_ms: f.p99_ms,
            ratio_to_healthz: f.requests_per_second / healthz,
            errors: f.errors,
        });
    }
    let mut confirmed_per_second = 0.0;
    if args.measures("bookings") {
        eprintln!("measuring bookings for {} s …", args.duration);
        let f = booking_load(&args, &base, &sessions)?;
        let created = f.created.unwrap_or(0);
        confirmed_per_second = created as f64 / args.duration as f64;
        loads.push(Load {
            name: "bookings (POST registrations)".into(),
            path: "/api/v1/sessions/{id}/registrations".into(),
            requests_per_second: f.requests_per_second,
            p50_ms: f.p50_ms,
            p99_ms: f.p99_ms,
            ratio_to_healthz: f.requests_per_second / healthz,
            errors: (f.requests_per_second * args.duration as f64) as u64
                - created.min((f.requests_per_second * args.duration as f64) as u64),
        });
    }
    let mut with_webhooks = WebhookLoad::default();
    if args.measures("bookings") {
        // The same load again, on fresh sessions, with ten subscriptions to every
        // registration: the deliveries run beside it and must not slow it down.
        let (receiver, received) = webhook_receiver().await?;
        let db = Db::connect(&args.database_url, &DbOptions::default()).await?;
        ten_webhooks(&db, &receiver).await?;
        db.close().await;
        eprintln!(
            "measuring bookings with 10 webhooks for {} s …",
            args.duration
        );
        let f = booking_load(&args, &base, &webhook_sessions)?;
        let created = f.created.unwrap_or(0);
        let during = received.load(std::sync::atomic::Ordering::Relaxed);
        // Then wait until every delivery is in (or a minute has passed).
        let waited = Instant::now();
        while received.load(std::sync::atomic::Ordering::Relaxed) < created * 10
            && waited.elapsed().as_secs() < 60
        {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        // The load once more without subscriptions: the baseline is the mean of the
        // loads before and after, so that a drift of the machine does not count.
        let db = Db::connect(&args.database_url, &DbOptions::default()).await?;
        on_writer!(&db, pool => {
            sqlx::query("DELETE FROM webhooks").execute(pool).await?;
        });
        db.close().await;
        let caught_up = waited.elapsed().as_secs_f64();
        eprintln!(
            "measuring bookings without webhooks again for {} s …",
            args.duration
        );
        let again = booking_load(&args, &base, &after_sessions)?;
        let after = again.created.unwrap_or(0) as f64 / args.duration as f64;
        let with = created as f64 / args.duration as f64;
        with_webhooks = WebhookLoad {
            confirmed_per_second_after_without: after,
            ratio_to_without: with / ((confirmed_per_second + after) / 2.0),
            confirmed_per_second: with,
            p99_ms: f.p99_ms,
            deliveries_during_load: during,
            deliveries_expected: created * 10,
            deliveries_received: received.load(std::sync::atomic::Ordering::Relaxed),
            catch_up_seconds: caught_up,
        };
    }
    let mut through_nginx = NginxFigures::default();
    if args.measures("nginx") {
        if args.database_url.starts_with("postgres") {
            // A second process on the same database, and the deployment's own nginx
            // site in front of both; the same booking load, on fresh sessions.
            let second = start_server(&lotse, &args.database_url)?;
            let upstreams = [&server.address, &second.address]
                .map(|a| a.trim_start_matches("http://").to_owned());
            let nginx = lotse_bench::nginx::Nginx::start(NGINX_SITE, &upstreams)?;
            eprintln!(
                "measuring bookings through nginx to two processes for {} s …",
                args.duration
            );
            let f = booking_load(&args, &nginx.https, &nginx_sessions)?;
            let created = f.created.unwrap_or(0);
            let requests = (f.requests_per_second * args.duration as f64) as u64;
            through_nginx = NginxFigures {
                processes: 2,
                confirmed_per_second: created as f64 / args.duration as f64,
                requests_per_second: f.requests_per_second,
                p99_ms: f.p99_ms,
                not_confirmed: requests.saturating_sub(created),
            };
        } else {
            eprintln!(
                "skipped: bookings through nginx need PostgreSQL (--database-url postgres://…)"
            );
        }
    }
    let mut import = ImportFigures::default();
    if args.measures("import") {
        eprintln!("measuring an import of {import_rows} rows …");
        let client = reqwest::Client::new();
        let (dry_run_ms, _) = post_import(&client, &base, &import_token, &import_csv, true).await?;
        let (import_ms, report) =
            post_import(&client, &base, &import_token, &import_csv, false).await?;
        import = ImportFigures {
            rows: import_rows,
            file_bytes: import_csv.len(),
            dry_run_ms,
            import_ms,
            offerings_created: report["offerings_created"].as_u64().unwrap_or(0),
            sessions_created: report["sessions_created"].as_u64().unwrap_or(0),
        };
    }
    let mut backups = BackupFigures::default();
    if args.measures("backup") {
        eprintln!("measuring a backup while the catalogue is read …");
        let quiet = lotse_store::backup::Quiet;
        let work = std::env::temp_dir().join(format!("lotse-bench-backup-{}", std::process::id()));
        std::fs::create_dir_all(&work)?;
        let file = work.join("bench.lotse-backup");
        let load_args = Args {
            warmup: 0,
            database_url: String::new(),
            lotse: None,
            json: PathBuf::new(),
            only: Vec::new(),
            move_to: None,
            ..args
        };
        let url = format!("{base}/api/v1/offerings?limit=20");
        let load = tokio::task::spawn_blocking(move || {
            wrk_with(
                &load_args,
                load_args.threads,
                load_args.connections,
                &url,
                None,
            )
        });
        let db = Db::connect(&args.database_url, &DbOptions::default()).await?;
        let started = Instant::now();
        let summary =
            lotse_store::backup::backup(&db, &work.join("materials"), &file, &quiet).await?;
        backups.backup_seconds = started.elapsed().as_secs_f64();
        backups.rows = summary.rows();
        backups.file_mb = std::fs::metadata(&file)?.len() as f64 / 1e6;
        backups.catalogue_requests_per_second_during = load.await??.requests_per_second;
        let target = Db::connect(
            &format!("sqlite://{}/restored.db", work.display()),
            &DbOptions::default(),
        )
        .await?;
        target.migrate().await?;
        let started = Instant::now();
        lotse_store::backup::restore(&target, &work.join("restored-materials"), &file, &quiet)
            .await?;
        backups.restore_seconds = started.elapsed().as_secs_f64();
        target.close().await;
        if let Some(url) = &args.move_to {
            let target = Db::connect(url, &DbOptions::default()).await?;
            target.migrate().await?;
            let started = Instant::now();
            lotse_store::backup::move_data(&db, &target, &work.join("move"), &quiet).await?;
            backups.move_seconds = started.elapsed().as_secs_f64();
            backups.move_rows_per_second = backups.rows as f64 / backups.move_seconds;
            target.close().await;
        }
        db.close().await;
        let _ = std::fs::remove_dir_all(&work);
    }
    let pid = server.child.id();
    let (resident, anonymous, file) = (
        status_mb(pid, "VmRSS"),
        status_mb(pid, "RssAnon"),
        status_mb(pid, "RssFile"),
    );
    let results = Results {
        machine: machine(),
        database: args
            .database_url
            .split(':')
            .next()
            .unwrap_or_default()
            .to_owned(),
        rows,
        connections: args.connections,
        seconds_per_load: args.duration,
        loads,
        confirmed_bookings_per_second: confirmed_per_second,
        bookings_with_webhooks: with_webhooks,
        bookings_through_nginx: through_nginx,
        import,
        backups,
        attendance,
        reports,
        aggregate_ms,
        aggregate_groups,
        index_build_ms,
        resident_memory_mb: resident,
        resident_anonymous_mb: anonymous,
        resident_file_mb: file,
        ready_ms: server.ready_ms,
    };
    drop(server);

    println!(
        "lotse-bench · {} · {} · {} offerings, {} people, {} companies, {} registrations · {} connections, {} s per load",
        results.machine,
        results.database,
        results.rows.offerings,
        results.rows.people,
        results.rows.companies,
        results.rows.registrations,
        results.connections,
        results.seconds_per_load
    );
    println!(
        "{:<38} {:>10} {:>9} {:>9} {:>8} {:>7}",
        "load", "req/s", "p50 ms", "p99 ms", "× healthz", "errors"
    );
    for l in &results.loads {
        println!(
            "{:<38} {:>10.0} {:>9.2} {:>9.2} {:>8.2} {:>7}",
            l.name, l.requests_per_second, l.p50_ms, l.p99_ms, l.ratio_to_healthz, l.errors
        );
    }
    println!(
        "confirmed bookings per second: {:.0}",
        results.confirmed_bookings_per_second
    );
    let w = &results.bookings_with_webhooks;
    if args.measures("bookings") {
        println!(
            "with 10 webhooks: {:.0} confirmed bookings per second (p99 {:.1} ms), {:.2} × the mean of {:.0} before and {:.0} after without; deliveries {} during the load, {} of {} within {:.1} s after it",
            w.confirmed_per_second,
            w.p99_ms,
            w.ratio_to_without,
            results.confirmed_bookings_per_second,
            w.confirmed_per_second_after_without,
            w.deliveries_during_load,
            w.deliveries_received,
            w.deliveries_expected,
            w.catch_up_seconds
        );
    }
    if args.measures("import") {
        let i = &results.import;
        println!(
            "import of {} rows ({} KB; {} offerings, {} sessions): dry run {:.0} ms, written in {:.0} ms",
            i.rows,
            i.file_bytes / 1024,
            i.offerings_created,
            i.sessions_created,
            i.dry_run_ms,
            i.import_ms
        );
    }
    if args.measures("backup") {
        let b = &results.backups;
        println!(
            "backup of {} rows ({:.0} MB) while the catalogue was read at {:.0} req/s: {:.1} s; restored into a fresh SQLite database in {:.1} s{}",
            b.rows,
            b.file_mb,
            b.catalogue_requests_per_second_during,
            b.backup_seconds,
            b.restore_seconds,
            if b.move_seconds > 0.0 {
                format!(
                    "; moved to --move-to in {:.1} s ({:.0} rows/s)",
                    b.move_seconds, b.move_rows_per_second
                )
            } else {
                String::new()
            }
        );
    }
    if args.measures("attendance") {
        let a = &results.attendance;
        println!(
            "{} participants of a module session marked present in one request: {:.0} ms ({} modules and {} qualifications completed, {} credentials signed)",
            a.participants,
            a.ms,
            a.modules_completed,
            a.qualifications_completed,
            a.credentials_signed
        );
    }
    if report_tokens.is_some() {
        let r = &results.reports;
        println!(
            "dashboard {} to {}, every breakdown: staff {:.0} ms first, {:.0} ms median; funder (suppressed) {:.0} ms first, {:.0} ms median; XLSX of every breakdown ({} KB) {:.0} ms first, {:.0} ms median",
            r.from,
            r.to,
            r.dashboard_staff.first_ms,
            r.dashboard_staff.median_ms,
            r.dashboard_funder.first_ms,
            r.dashboard_funder.median_ms,
            r.xlsx_bytes / 1024,
            r.xlsx_all_breakdowns.first_ms,
            r.xlsx_all_breakdowns.median_ms
        );
    }
    println!(
        "aggregate (seats per topic, county, quarter; {} groups): {:.0} ms",
        results.aggregate_groups, results.aggregate_ms
    );
    println!(
        "catalogue index with search, built as at start: {:.0} ms",
        results.index_build_ms
    );
    println!(
        "resident memory after the load: {:.0} MB ({:.0} MB allocated, {:.0} MB mapped database pages); ready in {:.0} ms",
        results.resident_memory_mb,
        results.resident_anonymous_mb,
        results.resident_file_mb,
        results.ready_ms
    );
    if let Some(dir) = args.json.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.json, serde_json::to_string_pretty(&results)?)?;
    println!("written to {}", args.json.display());
    Ok(())
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn wrk_output_is_read_with_units_and_errors() {
        let output = "Running 10s test @ http://127.0.0.1:1/healthz
  2 threads and 64 connections
  Latency Distribution
     50%    1.45ms
     75%    2.01ms
     90%  850.00us
     99%    1.72s
  412680 requests in 10.00s, 50.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:  41268.12
created: 12000
";
        let f = match parse_wrk(output) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(f.requests_per_second, 41268.12);
        assert_eq!(f.p50_ms, 1.45);
        assert_eq!(f.p99_ms, 1720.0);
        assert_eq!(f.errors, 12);
        assert_eq!(f.created, Some(12000));
        assert!(parse_wrk("nothing").is_err());
    }
}
