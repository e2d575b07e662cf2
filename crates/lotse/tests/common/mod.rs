//! The test harness: the real app on 127.0.0.1:0 against a fresh database per test,
//! SQLite always and PostgreSQL when `LOTSE_TEST_POSTGRES_URL` is set (always in CI,
//! where its absence fails the run).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lotse_store::{Backend, Db, DbOptions};
use std::path::PathBuf;

/// The backends every test runs on.
pub fn backends() -> Vec<Backend> {
    let mut list = vec![Backend::Sqlite];
    match std::env::var("LOTSE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => list.push(Backend::Postgres),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!(
                "CI=true but LOTSE_TEST_POSTGRES_URL is not set: PostgreSQL tests must run in CI"
            )
        }
        _ => eprintln!("note: LOTSE_TEST_POSTGRES_URL not set; testing SQLite only"),
    }
    list
}

/// The URL of a fresh, empty database of `backend` for a separate `lotse` process,
/// and the folder to remove afterwards (SQLite). On PostgreSQL it is a schema of its
/// own, named in the URL's `options[search_path]`.
pub async fn fresh_url(backend: Backend) -> (String, Option<PathBuf>) {
    match backend {
        Backend::Sqlite => {
            let dir =
                std::env::temp_dir().join(format!("lotse-test-{}", uuid::Uuid::now_v7().simple()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            (format!("sqlite://{}/lotse.db", dir.display()), Some(dir))
        }
        Backend::Postgres => {
            let url = std::env::var("LOTSE_TEST_POSTGRES_URL").expect("postgres url");
            let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
            let admin = Db::connect(&url, &DbOptions::default())
                .await
                .expect("reach postgres");
            if let Db::Postgres { pool, .. } = &admin {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .execute(pool)
                    .await
                    .expect("create schema");
            }
            admin.close().await;
            let join = if url.contains('?') { '&' } else { '?' };
            (format!("{url}{join}options[search_path]={schema}"), None)
        }
    }
}

/// A fresh, migrated database of `backend`, and what to remove afterwards.
pub async fn fresh_db(backend: Backend) -> (Db, Option<PathBuf>) {
    match backend {
        Backend::Sqlite => {
            let dir =
                std::env::temp_dir().join(format!("lotse-test-{}", uuid::Uuid::now_v7().simple()));
            let url = format!("sqlite://{}/lotse.db", dir.display());
            let db = Db::connect(&url, &DbOptions::default())
                .await
                .expect("open sqlite");
            db.migrate().await.expect("migrate sqlite");
            (db, Some(dir))
        }
        Backend::Postgres => {
            let (url, _) = fresh_url(backend).await;
            let db = Db::connect(&url, &DbOptions::default())
                .await
                .expect("open postgres");
            db.migrate().await.expect("migrate postgres");
            (db, None)
        }
    }
}

/// Creates `n` confirmed people with API tokens, straight in the store (fast).
pub async fn people(db: &Db, n: usize, company: Option<uuid::Uuid>) -> Vec<(uuid::Uuid, String)> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let person = lotse_store::accounts::NewPerson {
            email: format!("p{i}-{}@beispiel.de", uuid::Uuid::now_v7().simple()),
            name: format!("Person {i}"),
            password_hash: None,
            confirmed: true,
            language: "de".into(),
        };
        let affiliation = match company {
            Some(c) => lotse_store::accounts::Affiliation::Memberships(vec![
                lotse_core::accounts::Membership {
                    role: lotse_core::accounts::Role::Learner,
                    scope: lotse_core::accounts::Scope::Company(c),
                },
            ]),
            None => lotse_store::accounts::Affiliation::None,
        };
        let created = lotse_store::accounts::create_person(db, &person, &affiliation, None, 0)
            .await
            .unwrap();
        let token = format!("lotse_test_{}", uuid::Uuid::new_v4().simple());
        lotse_store::accounts::create_token(
            db,
            created.person_id,
            "test",
            &lotse_web::http::auth::hash_secret(&token),
            0,
        )
        .await
        .unwrap();
        out.push((created.person_id, token));
    }
    out
}

/// A mail as the test SMTP server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// Envelope recipients.
    pub to: Vec<String>,
    /// The raw message (headers and body).
    pub raw: String,
}

impl ReceivedMail {
    /// The first link in the mail that starts with `prefix`, with quoted-printable
    /// soft line breaks undone.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let text = self
            .raw
            .replace("=\r\n", "")
            .replace("=\n", "")
            .replace("=3D", "=");
        let start = text.find(prefix)?;
        let link: String = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '<')
            .collect();
        Some(link)
    }
}

#[derive(Clone, Default)]
struct Inbox {
    mails: std::sync::Arc<std::sync::Mutex<Vec<ReceivedMail>>>,
    to: Vec<String>,
    data: Vec<u8>,
    /// The user and password a TLS server accepts (AUTH PLAIN).
    account: Option<(String, String)>,
}

impl mailin_embedded::Handler for Inbox {
    fn auth_plain(
        &mut self,
        _authorization_id: &str,
        user: &str,
        password: &str,
    ) -> mailin_embedded::Response {
        match &self.account {
            Some((u, p)) if u == user && p == password => mailin_embedded::response::AUTH_OK,
            _ => mailin_embedded::response::INVALID_CREDENTIALS,
        }
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let mail = ReceivedMail {
            to: self.to.clone(),
            raw: String::from_utf8_lossy(&self.data).into_owned(),
        };
        self.mails.lock().unwrap().push(mail);
        mailin_embedded::response::OK
    }
}

/// A real SMTP server on loopback that keeps what it receives.
pub struct SmtpServer {
    /// `smtp://127.0.0.1:PORT`.
    pub url: String,
    mails: std::sync::Arc<std::sync::Mutex<Vec<ReceivedMail>>>,
}

impl SmtpServer {
    /// Starts the server on a free port in a background thread.
    pub fn start() -> SmtpServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind smtp");
        let port = listener.local_addr().unwrap().port();
        let inbox = Inbox::default();
        let mails = inbox.mails.clone();
        let mut server = mailin_embedded::Server::new(inbox);
        server
            .with_name("lotse-test")
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        SmtpServer {
            url: format!("smtp://127.0.0.1:{port}"),
            mails,
        }
    }

    /// Starts a server that offers STARTTLS with the certificate and key in the PEM
    /// files named, and takes mail only from `account` (AUTH PLAIN, after STARTTLS).
    pub fn start_tls(
        cert: &std::path::Path,
        key: &std::path::Path,
        account: (&str, &str),
    ) -> SmtpServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind smtp");
        let port = listener.local_addr().unwrap().port();
        let inbox = Inbox {
            account: Some((account.0.to_owned(), account.1.to_owned())),
            ..Inbox::default()
        };
        let mails = inbox.mails.clone();
        let mut server = mailin_embedded::Server::new(inbox);
        server
            .with_name("lotse-test-tls")
            .with_num_threads(2)
            .with_auth(mailin_embedded::AuthMechanism::Plain)
            .with_ssl(mailin_embedded::SslConfig::SelfSigned {
                cert_path: cert.display().to_string(),
                key_path: key.display().to_string(),
            })
            .expect("tls set up")
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        SmtpServer {
            url: format!("smtp://localhost:{port}"),
            mails,
        }
    }

    /// Waits up to 10 seconds for a mail to `to` whose raw text contains `needle`.
    pub async fn wait_for(&self, to: &str, needle: &str) -> ReceivedMail {
        for _ in 0..100 {
            if let Some(m) = self
                .mails
                .lock()
                .unwrap()
                .iter()
                .find(|m| m.to.iter().any(|t| t.contains(to)) && m.raw.contains(needle))
            {
                return m.clone();
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "no mail to {to} containing {needle:?}; got {:#?}",
            self.mails.lock().unwrap()
        );
    }

    /// Every mail received so far.
    pub fn all(&self) -> Vec<ReceivedMail> {
        self.mails.lock().unwrap().clone()
    }
}

/// A fresh database of `backend` with the demo center, and the moment it was loaded.
pub async fn demo_center(backend: Backend) -> (Db, Option<PathBuf>, jiff::Timestamp) {
    let (db, dir) = fresh_db(backend).await;
    let now = jiff::Timestamp::now();
    lotse_store::demo::load(&db, now, &demo_password_hash().await)
        .await
        .expect("demo loads");
    (db, dir, now)
}

/// The argon2id hash of the demo password, computed once per test binary.
pub async fn demo_password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        lotse_web::http::auth::hash_password("demo-lotse-2026".into())
            .await
            .unwrap()
    })
    .await
    .clone()
}

/// A materials folder of its own for one app (removed with the app).
fn fresh_materials_dir() -> PathBuf {
    std::env::temp_dir().join(format!(
        "lotse-test-materials-{}",
        uuid::Uuid::now_v7().simple()
    ))
}

/// The page's link to the stylesheet, fingerprint included.
pub fn stylesheet_link(html: &str) -> String {
    html.split("href=\"")
        .find_map(|rest| {
            rest.split('"')
                .next()
                .filter(|l| l.starts_with("/static/lotse.css?v="))
        })
        .unwrap_or_else(|| panic!("no fingerprinted stylesheet: {html}"))
        .to_owned()
}

/// A running app.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Its database.
    pub db: Db,
    /// Which backend.
    pub backend: Backend,
    /// A client that does not follow redirects.
    pub client: reqwest::Client,
    /// The SMTP server the app sends its mail to.
    pub smtp: SmtpServer,
    /// The state its handlers and jobs share.
    pub state: lotse_web::AppState,
    dir: Option<PathBuf>,
    /// The materials folder this app made (another process's shares it, and does not
    /// remove it).
    own_materials: Option<PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        for dir in [&self.dir, &self.own_materials].into_iter().flatten() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl TestApp {
    /// Starts the app on `backend`, with the demo center loaded when `demo`. Check-in
    /// is open for every session, however far ahead, since the tests' sessions lie in
    /// the future; `spawn_with` keeps lotse's own window.
    pub async fn spawn(backend: Backend, demo: bool) -> TestApp {
        let web = lotse_web::WebConfig {
            checkin_opens_before: jiff::SignedDuration::from_hours(24 * 365 * 20),
            ..lotse_web::WebConfig::default()
        };
        Self::spawn_with(backend, demo, web).await
    }

    /// Starts the app on `db` as it is (migrated by the caller).
    pub async fn spawn_on(db: Db, backend: Backend) -> TestApp {
        let mut web = lotse_web::WebConfig::default();
        let materials = fresh_materials_dir();
        web.materials.dir = materials.clone();
        let mut app = Self::serve(db, backend, None, web).await;
        app.own_materials = Some(materials);
        app
    }

    /// Starts the app with the demo center, sending its mail through `relay` to `smtp`.
    pub async fn spawn_with_relay(
        backend: Backend,
        smtp: SmtpServer,
        relay: lotse_web::mail::RelaySettings,
    ) -> TestApp {
        let (db, dir) = fresh_db(backend).await;
        lotse_store::demo::load(&db, jiff::Timestamp::now(), &demo_password_hash().await)
            .await
            .expect("demo loads");
        let mut web = lotse_web::WebConfig::default();
        let materials = fresh_materials_dir();
        web.materials.dir = materials.clone();
        let mut app = Self::serve_through(db, backend, dir, web, smtp, relay).await;
        app.own_materials = Some(materials);
        app
    }

    /// Starts the app with the web settings `web` (its public address is set here).
    pub async fn spawn_with(
        backend: Backend,
        demo: bool,
        mut web: lotse_web::WebConfig,
    ) -> TestApp {
        let (db, dir) = fresh_db(backend).await;
        if demo {
            lotse_store::demo::load(&db, jiff::Timestamp::now(), &demo_password_hash().await)
                .await
                .expect("demo loads");
        }
        let materials = fresh_materials_dir();
        web.materials.dir = materials.clone();
        let mut app = Self::serve(db, backend, dir, web).await;
        app.own_materials = Some(materials);
        app
    }

    /// A second app over the database of `self`, with its own connection pool, as
    /// another `lotse serve` process would have.
    pub async fn another(&self) -> TestApp {
        let db = match &self.db {
            Db::Postgres { pool, .. } => Db::postgres(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(8)
                    .connect_with(pool.connect_options().as_ref().clone())
                    .await
                    .expect("second pool"),
            ),
            other => other.clone(),
        };
        let web = lotse_web::WebConfig {
            checkin_opens_before: jiff::SignedDuration::from_hours(24 * 365 * 20),
            materials: self.state.config.materials.clone(),
            ..lotse_web::WebConfig::default()
        };
        Self::serve(db, self.backend, None, web).await
    }

    async fn serve(
        db: Db,
        backend: Backend,
        dir: Option<PathBuf>,
        web: lotse_web::WebConfig,
    ) -> TestApp {
        let smtp = SmtpServer::start();
        let relay = lotse_web::mail::RelaySettings {
            url: Some(smtp.url.clone()),
            ..Default::default()
        };
        Self::serve_through(db, backend, dir, web, smtp, relay).await
    }

    async fn serve_through(
        db: Db,
        backend: Backend,
        dir: Option<PathBuf>,
        web: lotse_web::WebConfig,
        smtp: SmtpServer,
        relay: lotse_web::mail::RelaySettings,
    ) -> TestApp {
        // The same wiring as `lotse serve`, jobs included; only the places differ.
        let application = lotse_web::Application::build_on(
            db.clone(),
            lotse_web::Settings {
                bind: "127.0.0.1:0".parse().unwrap(),
                database_url: String::new(),
                demo: false,
                max_connections: 8,
                web: lotse_web::WebConfig {
                    public_url: String::new(),
                    ..web
                },
                relay,
                mail_dir: std::env::temp_dir(),
                mail_from: "lotse <noreply@lotse.invalid>".into(),
            },
        )
        .await
        .expect("application builds");
        let address = application.address();
        let state = application.state().clone();
        tokio::spawn(application.run_until_stopped(std::future::pending()));
        TestApp {
            base: format!("http://{address}"),
            db,
            backend,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            smtp,
            state,
            dir,
            own_materials: None,
        }
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request")
    }

    /// GET `path` with the `Cookie` header `cookie` and return status and body text.
    pub async fn text_as(&self, path: &str, cookie: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", cookie)
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// POST the form `form` to `path`, with the `Cookie` header `cookie` (and this
    /// origin) if given; status, `Location` and body text.
    pub async fn post_form(
        &self,
        path: &str,
        form: &str,
        cookie: Option<&str>,
    ) -> (u16, Option<String>, String) {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_owned());
        if let Some(cookie) = cookie {
            request = request
                .header("cookie", cookie)
                .header("origin", self.base.clone());
        }
        let r = request.send().await.expect("request");
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap_or_default().to_owned());
        (status, location, r.text().await.expect("body"))
    }

    /// GET `path` and return status and body text.
    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// GET `path` and return status, content type and JSON.
    pub async fn json(&self, path: &str) -> (u16, String, serde_json::Value) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        let content_type = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, content_type, r.json().await.expect("json body"))
    }
}

/// The `Cookie` header of a fresh session of the demo staff member at `base`.
pub async fn staff_cookie(client: &reqwest::Client, base: &str) -> String {
    demo_cookie(client, base, "staff@demo.lotse.de").await
}

/// The `Cookie` header of a fresh session of the demo account `email` at `base`.
pub async fn demo_cookie(client: &reqwest::Client, base: &str, email: &str) -> String {
    let r = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": "demo-lotse-2026" }))
        .send()
        .await
        .unwrap();
    r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The first offering of the catalogue at `base`, as the API lists it.
pub async fn first_offering(client: &reqwest::Client, base: &str) -> serde_json::Value {
    let list: serde_json::Value = client
        .get(format!("{base}/api/v1/offerings?limit=1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list["items"][0].clone()
}

/// Signs in as the demo staff member and schedules a session of `capacity` seats in
/// 30 days on the first offering; returns its id.
pub async fn staff_session(client: &reqwest::Client, base: &str, capacity: i64) -> uuid::Uuid {
    let cookie = staff_cookie(client, base).await;
    let first = first_offering(client, base).await;
    let offering = first["id"].as_str().unwrap();
    let day = jiff::Zoned::now()
        .with_time_zone(lotse_core::catalogue::berlin())
        .date()
        .checked_add(jiff::Span::new().days(30))
        .unwrap();
    let body: serde_json::Value = client
        .post(format!("{base}/api/v1/offerings/{offering}/sessions"))
        .header("cookie", cookie)
        .header("origin", base)
        .json(&serde_json::json!({ "starts_at": format!("{day}T09:00"), "ends_at": format!("{day}T12:00"), "capacity": capacity, "online_link": "https://konferenz.example.org/k" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .parse()
        .unwrap()
}

/// A `lotse serve` process of the real binary, on 127.0.0.1 with a port of its own.
pub struct ServerProcess {
    /// `http://127.0.0.1:PORT`, as the server reported it.
    pub address: String,
    /// The log lines read up to "lotse is ready" (JSON).
    pub log: Vec<serde_json::Value>,
    /// Every later log line, as written.
    pub later: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    child: std::process::Child,
}

/// A test that fails must not leave a server behind (it would hold cargo's output open).
impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl ServerProcess {
    /// Starts `lotse serve --bind 127.0.0.1:0 --log-format json` in `dir` with `env`,
    /// and waits until it reports that it is ready.
    pub fn start(dir: &std::path::Path, env: &[(&str, &str)]) -> ServerProcess {
        Self::start_on(dir, env, "127.0.0.1:0")
    }

    /// Like [`ServerProcess::start`], listening on `bind` (a process that comes back
    /// on the port a proxy knows).
    pub fn start_on(dir: &std::path::Path, env: &[(&str, &str)], bind: &str) -> ServerProcess {
        use std::io::{BufRead, BufReader};
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_lotse"));
        for (key, _) in std::env::vars() {
            if key.starts_with("LOTSE_") {
                command.env_remove(key);
            }
        }
        let mut child = command
            .current_dir(dir)
            .args(["serve", "--bind", bind, "--log-format", "json"])
            .envs(env.iter().copied())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("lotse starts");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let mut log = Vec::new();
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(30) {
            let Some(Ok(line)) = lines.next() else { break };
            let entry: serde_json::Value =
                serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
            let ready = entry["message"] == "lotse is ready";
            log.push(entry);
            if ready {
                let address = log
                    .last()
                    .and_then(|e| e["address"].as_str())
                    .expect("address")
                    .to_owned();
                // Keep draining stderr so the server never blocks on a full pipe.
                let later = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
                let sink = later.clone();
                std::thread::spawn(move || {
                    for line in lines.map_while(Result::ok) {
                        sink.lock().unwrap().push(line);
                    }
                });
                return ServerProcess {
                    address,
                    log,
                    later,
                    child,
                };
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("lotse did not become ready: {log:?}");
    }

    /// Kills the process with SIGKILL, as a crash or a power cut would, and reaps it.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and returns whether the process then exited successfully.
    pub fn terminate(mut self) -> bool {
        self.ask_to_stop() && self.child.wait().map(|s| s.success()).unwrap_or(false)
    }

    /// Sends SIGTERM and returns at once, whether it was sent.
    pub fn ask_to_stop(&self) -> bool {
        std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Waits for the process to end; whether it ended successfully.
    pub fn wait(mut self) -> bool {
        self.child.wait().map(|s| s.success()).unwrap_or(false)
    }
}

/// Runs `command` with `input` on its standard input and returns what it did.
pub fn run_with_input(command: &mut std::process::Command, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("command starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    child.wait_with_output().expect("command ends")
}

/// The PostgreSQL URL for tests that need PostgreSQL itself (several processes, a
/// staged outage): `None`, with "skipped" said, where none is configured; under CI a
/// missing one fails the test.
pub fn postgres_for(what: &str) -> Option<String> {
    let url = std::env::var("LOTSE_TEST_POSTGRES_URL").ok();
    if url.is_none() {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but LOTSE_TEST_POSTGRES_URL is not set"
        );
        eprintln!("skipped: {what} needs PostgreSQL (LOTSE_TEST_POSTGRES_URL)");
    }
    url
}

/// Whether an independent checker is installed (`program` with `args` exits 0).
/// Under CI a missing checker fails the test; elsewhere the check says "skipped".
pub fn checker_ready(program: &str, args: &[&str], install: &str) -> bool {
    let ready = std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but {program} {args:?} fails ({install})"
        );
        eprintln!("skipped: {program} {args:?} fails ({install})");
    }
    ready
}

/// Runs an independent checker on `input` (its standard input) and returns what it
/// printed; fails the test with its output when it refuses the input.
pub fn check_with(program: &str, args: &[&str], input: &str) -> String {
    let out = run_with_input(std::process::Command::new(program).args(args), input);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{program} {args:?} refused it: {printed}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    printed
}

/// Reads a calendar file, or the calendar part of a raw mail (`mail`), with `ical`
/// (PyPI, pinned in `.ci/requirements.txt`), a strict RFC 5545 parser written by
/// others. Returns the events' titles; `None` where the parser is not installed
/// (outside CI only). A mail must carry one calendar part whose `method` parameter
/// names the file's METHOD (RFC 5545, 3.7.2).
pub fn calendar_events(text: &str, mail: bool) -> Option<Vec<String>> {
    const READ: &str = "import sys, email
from ical.calendar_stream import IcsCalendarStream
data = sys.stdin.read()
method = None
if sys.argv[1] == 'mail':
    parts = [p for p in email.message_from_string(data).walk()
             if p.get_content_type() == 'text/calendar']
    assert len(parts) == 1, f'{len(parts)} calendar parts'
    method = parts[0].get_param('method')
    data = parts[0].get_payload(decode=True).decode('utf-8')
calendar = IcsCalendarStream.calendar_from_ics(data)
assert method in (None, calendar.method), f'part says {method}, file says {calendar.method}'
for event in calendar.events:
    print(event.summary)
";
    if !checker_ready(
        "python3",
        &["-c", "import ical.calendar_stream"],
        "pip install -r .ci/requirements.txt",
    ) {
        return None;
    }
    let kind = if mail { "mail" } else { "file" };
    let printed = check_with("python3", &["-c", READ, kind], text);
    Some(printed.lines().map(str::to_owned).collect())
}

/// A confirmed person with `roles` and an API token: id, token and e-mail address.
pub async fn person_with_token(
    app: &TestApp,
    roles: Vec<lotse_core::accounts::Membership>,
) -> (uuid::Uuid, String, String) {
    let email = format!("t-{}@beispiel.de", uuid::Uuid::now_v7().simple());
    let created = lotse_store::accounts::create_person(
        &app.db,
        &lotse_store::accounts::NewPerson {
            email: email.clone(),
            name: "Test Person".into(),
            password_hash: None,
            confirmed: true,
            language: "de".into(),
        },
        &lotse_store::accounts::Affiliation::Memberships(roles),
        None,
        0,
    )
    .await
    .unwrap();
    let token = format!("lotse_test_{}", uuid::Uuid::new_v4().simple());
    lotse_store::accounts::create_token(
        &app.db,
        created.person_id,
        "test",
        &lotse_web::http::auth::hash_secret(&token),
        0,
    )
    .await
    .unwrap();
    (created.person_id, token, email)
}

/// The text of a PDF, through poppler's `pdftotext` (installed by `.ci/run`).
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("lotse-pdf-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = match std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(_) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!(
                "note: pdftotext missing (apt-get install poppler-utils); PDF text not checked"
            );
            return None;
        }
        Err(e) => panic!("CI=true but pdftotext cannot run: {e}"),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
    Some(String::from_utf8(out.stdout).unwrap())
}

/// What poppler's `pdfinfo` says of a PDF (title, `Tagged: yes`, pages), and
/// `pdffonts`' table of its fonts; `None` outside CI without poppler-utils.
pub fn pdf_info(bytes: &[u8]) -> Option<(String, String)> {
    let dir = std::env::temp_dir().join(format!("lotse-pdf-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("document.pdf");
    std::fs::write(&file, bytes).unwrap();
    let run = |program: &str| std::process::Command::new(program).arg(&file).output();
    let (info, fonts) = match (run("pdfinfo"), run("pdffonts")) {
        (Ok(info), Ok(fonts)) => (info, fonts),
        _ if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("note: pdfinfo missing (apt-get install poppler-utils); PDF not checked");
            return None;
        }
        (Err(e), _) | (_, Err(e)) => panic!("CI=true but pdfinfo cannot run: {e}"),
    };
    let _ = std::fs::remove_dir_all(dir);
    Some((
        String::from_utf8_lossy(&info.stdout).into_owned(),
        String::from_utf8_lossy(&fonts.stdout).into_owned(),
    ))
}
