//! The `lotse` binary: `serve` runs the web server, `migrate` applies migrations.
//!
//! Configuration comes from flags, then `LOTSE_*` environment variables, then an
//! optional TOML file (`--config`), then defaults. Any setting that is wrong stops
//! start-up with one line naming it and a non-zero exit code.

mod config;

use clap::Parser;
use config::{Cli, Command, LogFormat, Settings};
use lotse_store::demo::DemoOutcome;
use lotse_store::{Db, DbOptions};
use std::process::ExitCode;
use std::time::Instant;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
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

async fn open(settings: &Settings) -> Result<Db, String> {
    let options = DbOptions {
        max_connections: settings.max_connections,
        ..DbOptions::default()
    };
    let db = Db::connect(&settings.database_url, &options)
        .await
        .map_err(|e| format!("--database-url / LOTSE_DATABASE_URL: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| format!("--database-url / LOTSE_DATABASE_URL: {e}"))?;
    Ok(db)
}

async fn migrate(settings: Settings) -> Result<(), String> {
    let db = open(&settings).await?;
    tracing::info!(database = %lotse_store::redact_url(&settings.database_url), "migrations applied");
    db.close().await;
    Ok(())
}

async fn serve(settings: Settings) -> Result<(), String> {
    let started = Instant::now();
    let db = open(&settings).await?;
    if settings.demo {
        match lotse_store::demo::load(&db, jiff::Timestamp::now()).await {
            Ok(DemoOutcome::Loaded {
                offerings,
                sessions,
                qualifications,
            }) => {
                tracing::info!(offerings, sessions, qualifications, "demo data loaded")
            }
            Ok(DemoOutcome::AlreadyLoaded) => {
                tracing::info!("demo data was loaded before; left as it is")
            }
            Ok(DemoOutcome::NotEmpty) => {
                tracing::warn!("the database already holds a catalogue; demo data not loaded")
            }
            Err(e) => return Err(format!("--demo / LOTSE_DEMO: {e}")),
        }
    }
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|e| {
            format!(
                "--bind / LOTSE_BIND: cannot listen on {}: {e}",
                settings.bind
            )
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("--bind / LOTSE_BIND: {e}"))?;
    let state = lotse_web::AppState {
        db: db.clone(),
        config: settings.web.clone(),
    };
    let router = lotse_web::router(state);
    tracing::info!(
        address = %format!("http://{address}"),
        database = %lotse_store::redact_url(&settings.database_url),
        ready_ms = started.elapsed().as_millis() as u64,
        "lotse is ready"
    );
    lotse_web::serve(listener, router, shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    db.close().await;
    tracing::info!("lotse stopped");
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
