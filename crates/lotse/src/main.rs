//! The `lotse` binary: `serve` runs the web server, `migrate` applies migrations.
//!
//! Configuration comes from flags, then `LOTSE_*` environment variables, then an
//! optional TOML file (`--config`), then defaults. Any setting that is wrong stops
//! start-up with one line naming it and a non-zero exit code.

mod config;
mod doctor;

use clap::Parser;
use config::{Cli, Command, LogFormat, Settings};
use lotse_web::Application;
use std::process::ExitCode;
use std::time::Instant;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The reference needs no valid settings: it is what one reads to write them.
    if let Command::Doctor(args) = &cli.command
        && args.reference
    {
        print!("{}", config::reference_markdown());
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::resolve(&cli) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("lotse: {message}");
            return ExitCode::from(2);
        }
    };
    init_logging(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("lotse: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(_) => serve(settings).await,
            Command::Migrate(_) => migrate(settings).await,
            Command::Admin(config::AdminCommand::Create(args)) => {
                admin_create(settings, args).await
            }
            Command::Backup(args) => backup(settings, args).await,
            Command::Restore(args) => restore(settings, args).await,
            Command::MoveData(args) => move_data(settings, args).await,
            Command::Keys(command) => keys(settings, command).await,
            Command::Doctor(_) => {
                if doctor::report(&doctor::examine(&settings).await) {
                    Ok(())
                } else {
                    Err("doctor: some checks failed (FAIL above)".into())
                }
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lotse: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("LOTSE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).init(),
        LogFormat::Text => builder.init(),
    }
}

async fn migrate(settings: Settings) -> Result<(), String> {
    let db = lotse_web::application::open_database(&settings.app).await?;
    tracing::info!(database = %lotse_store::redact_url(&settings.app.database_url), "migrations applied");
    db.close().await;
    Ok(())
}

/// `lotse keys create` and `lotse keys rotate`.
async fn keys(settings: Settings, command: config::KeysCommand) -> Result<(), String> {
    let db = lotse_web::application::open_database(&settings.app).await?;
    let rotate = matches!(command, config::KeysCommand::Rotate(_));
    let made = lotse_web::credentials::service::add_signing_key(&db, rotate).await;
    db.close().await;
    let made = made?;
    println!("{}", made.did);
    if let Some(retired) = made.retired {
        eprintln!("retired {retired}: it keeps verifying the credentials it signed");
    }
    Ok(())
}

async fn serve(settings: Settings) -> Result<(), String> {
    let started = Instant::now();
    let database = lotse_store::redact_url(&settings.app.database_url);
    let application = Application::build(settings.app).await?;
    let db = application.state().db.clone();
    tracing::info!(
        address = %format!("http://{}", application.address()),
        database = %database,
        ready_ms = started.elapsed().as_millis() as u64,
        "lotse is ready"
    );
    application
        .run_until_stopped(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    db.close().await;
    tracing::info!("lotse stopped");
    Ok(())
}

async fn admin_create(settings: Settings, args: config::AdminCreateArgs) -> Result<(), String> {
    use lotse_core::accounts::{Email, Membership, Role, Scope, check_new_password};
    use std::io::{BufRead, IsTerminal, Write};
    let said =
        |e: lotse_core::Invalid| lotse_web::error::Message::from(e).text(lotse_web::i18n::Lang::De);
    let email = Email::parse(&args.email).map_err(|e| format!("--email: {}", said(e)))?;
    let role = match Role::parse(&args.role) {
        Ok(r @ (Role::Admin | Role::Staff)) => r,
        _ => return Err("--role: must be admin or staff".into()),
    };
    let name = args.name.unwrap_or_else(|| {
        email
            .as_str()
            .split('@')
            .next()
            .unwrap_or("Admin")
            .to_owned()
    });
    if std::io::stdin().is_terminal() {
        eprint!("Passwort für {}: ", email.as_str());
        let _ = std::io::stderr().flush();
    }
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| format!("password: cannot read standard input: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    check_new_password(&password, &[&name, email.as_str()])
        .map_err(|e| format!("password: {}", said(e)))?;
    let db = lotse_web::application::open_database(&settings.app).await?;
    let hash = lotse_web::http::auth::hash_password(password)
        .await
        .map_err(|e| format!("password: {e:?}"))?;
    let person = lotse_store::accounts::NewPerson {
        email: email.as_str().to_owned(),
        name,
        password_hash: Some(hash),
        confirmed: true,
        language: "de".into(),
    };
    let now = lotse_store::now_seconds();
    let created = lotse_store::accounts::create_person(
        &db,
        &person,
        &lotse_store::accounts::Affiliation::Memberships(vec![Membership {
            role,
            scope: Scope::Center,
        }]),
        None,
        now,
    )
    .await
    .map_err(|e| format!("--email: {e}"))?;
    lotse_store::accounts::audit(
        &db,
        None,
        "person.created",
        &created.person_id.to_string(),
        "cli",
        serde_json::json!({ "role": role.key(), "via": "lotse admin create" }),
        now,
    )
    .await
    .map_err(|e| e.to_string())?;
    println!("{} ({}) created", email.as_str(), role.key());
    db.close().await;
    Ok(())
}

/// Shows how far a command has come: a bar on a terminal (with the total when known),
/// and one line per finished table in any case.
struct Shown {
    bar: indicatif::ProgressBar,
    verb: std::sync::Mutex<&'static str>,
    /// Rows of the tables finished before, when a total is known.
    before: std::sync::atomic::AtomicU64,
}

impl Shown {
    fn new(verb: &'static str, total: Option<u64>) -> Self {
        let bar = match total {
            Some(total) => indicatif::ProgressBar::new(total).with_style(
                indicatif::ProgressStyle::with_template(
                    "{msg:>28} [{bar:30}] {pos}/{len} rows, {per_sec}, {eta} left",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos} rows, {per_sec}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        Self {
            bar,
            verb: std::sync::Mutex::new(verb),
            before: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl Shown {
    fn verb(&self) -> &'static str {
        self.verb.lock().map(|v| *v).unwrap_or("")
    }
}

impl lotse_store::backup::Progress for Shown {
    fn step(&self, step: &'static str) {
        if let Ok(mut verb) = self.verb.lock() {
            *verb = step;
        }
        self.before.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    fn rows(&self, table: &str, rows: u64) {
        self.bar.set_message(format!("{} {table}", self.verb()));
        if self.bar.length().is_some() {
            self.bar
                .set_position(self.before.load(std::sync::atomic::Ordering::Relaxed) + rows);
        } else {
            self.bar.set_position(rows);
        }
    }

    fn table_done(&self, table: &str, rows: u64) {
        let before = self
            .before
            .fetch_add(rows, std::sync::atomic::Ordering::Relaxed);
        if self.bar.length().is_some() {
            self.bar.set_position(before + rows);
        }
        self.bar
            .suspend(|| eprintln!("lotse: {} {table}: {rows} rows", self.verb()));
    }
}

fn said_summary(verb: &str, summary: &lotse_store::backup::Summary, file: &std::path::Path) {
    println!(
        "{verb} {} rows in {} tables and {} files ({} bytes): {}",
        summary.rows(),
        summary.tables.len(),
        summary.files,
        summary.file_bytes,
        file.display()
    );
    if !summary.missing_files.is_empty() {
        eprintln!(
            "lotse: {} materials had no file at the source (removed meanwhile or lost): {}",
            summary.missing_files.len(),
            summary
                .missing_files
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

async fn backup(settings: Settings, args: config::BackupArgs) -> Result<(), String> {
    let started = Instant::now();
    // A backup reads the database as it is; it never migrates it.
    if let Some(path) = doctor::sqlite_file(&settings.app.database_url)
        && !std::path::Path::new(path).exists()
    {
        return Err(format!(
            "--database-url / LOTSE_DATABASE_URL: there is no database at {path}"
        ));
    }
    let db = lotse_store::Db::connect(
        &settings.app.database_url,
        &lotse_store::DbOptions::default(),
    )
    .await
    .map_err(|e| format!("--database-url / LOTSE_DATABASE_URL: {e}"))?;
    let summary = lotse_store::backup::backup(
        &db,
        &settings.app.web.materials.dir,
        &args.to,
        &Shown::new("read", None),
    )
    .await
    .map_err(|e| format!("backup: {e}"))?;
    db.close().await;
    said_summary("backed up", &summary, &args.to);
    eprintln!(
        "lotse: backup took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn move_data(settings: Settings, args: config::MoveDataArgs) -> Result<(), String> {
    let started = Instant::now();
    if let Some(path) = doctor::sqlite_file(&args.from)
        && !std::path::Path::new(path).exists()
    {
        return Err(format!("--from: there is no database at {path}"));
    }
    if lotse_store::redact_url(&args.from) == lotse_store::redact_url(&args.to) {
        return Err("--from and --to name the same database".into());
    }
    let source = lotse_store::Db::connect(&args.from, &lotse_store::DbOptions::default())
        .await
        .map_err(|e| format!("--from: {e}"))?;
    let target = lotse_web::application::open_database(&settings.app)
        .await
        .map_err(|e| e.replace("--database-url / LOTSE_DATABASE_URL", "--to"))?;
    let work = std::env::temp_dir().join(format!("lotse-move-{}", std::process::id()));
    let moved =
        lotse_store::backup::move_data(&source, &target, &work, &Shown::new("read", None)).await;
    let _ = std::fs::remove_dir_all(&work);
    let moved = moved.map_err(|e| format!("move-data: {e}"))?;
    source.close().await;
    target.close().await;
    let rows: u64 = moved.tables.iter().map(|(_, f)| f.rows).sum();
    for (table, print) in &moved.tables {
        println!(
            "{table:<28} {:>10} rows  fingerprint {:016x}  equal",
            print.rows, print.sum
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "moved {rows} rows in {} tables from {} to {} in {seconds:.1} s ({:.0} rows/s); both sides compared equal before the commit",
        moved.tables.len(),
        lotse_store::redact_url(&args.from),
        lotse_store::redact_url(&args.to),
        rows as f64 / seconds.max(0.001)
    );
    Ok(())
}

async fn restore(settings: Settings, args: config::RestoreArgs) -> Result<(), String> {
    let started = Instant::now();
    let db = lotse_web::application::open_database(&settings.app).await?;
    let summary = lotse_store::backup::restore(
        &db,
        &settings.app.web.materials.dir,
        &args.from,
        &Shown::new("restored", None),
    )
    .await
    .map_err(|e| format!("restore: {e}"))?;
    db.close().await;
    said_summary("restored", &summary, &args.from);
    eprintln!(
        "lotse: restore took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
