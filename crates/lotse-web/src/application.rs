//! The application as one piece: what `lotse serve`, the tests and the benchmarks all
//! start. [`Application::build`] opens the database, loads the demo if asked, binds the
//! listener and wires state, router and mail; [`Application::run_until_stopped`]
//! serves with the background jobs (mail sender, reminders, last uses of sessions
//! and tokens, purging what is kept no longer) until shutdown.

use crate::state::{AppState, WebConfig};
use lotse_store::demo::DemoOutcome;
use lotse_store::{Db, DbOptions};
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Notify;

/// The password of every demo account (documented in the README; demo only).
pub const DEMO_PASSWORD: &str = "demo-lotse-2026";

/// Everything the application starts with, resolved from flags, environment, file and
/// defaults by the binary (or set by a test).
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Settings {
    /// Listen address; port 0 picks a free one.
    pub bind: SocketAddr,
    pub database_url: String,
    /// Load the demo center into an empty database.
    pub demo: bool,
    /// Pool size (PostgreSQL), readers (SQLite).
    pub max_connections: u32,
    /// Web settings; an empty `public_url` becomes `http://` + the bound address.
    pub web: WebConfig,
    /// The mail relay, if any; without it mails are written to `mail_dir`.
    pub relay: crate::mail::RelaySettings,
    /// Folder for `.eml` files.
    pub mail_dir: PathBuf,
    /// Sender address of mails.
    pub mail_from: String,
}

/// A built application, bound and ready to serve.
pub struct Application {
    state: AppState,
    listener: TcpListener,
    address: SocketAddr,
    transport: Arc<crate::mail::Transport>,
    from: lettre::message::Mailbox,
}

/// Opens the database named in `settings` and applies migrations. The error names
/// the setting.
pub async fn open_database(settings: &Settings) -> Result<Db, String> {
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

impl Application {
    /// Opens and migrates the database, then builds on it.
    pub async fn build(settings: Settings) -> Result<Self, String> {
        let db = open_database(&settings).await?;
        Self::build_on(db, settings).await
    }

    /// Builds on an open, migrated database (a test's, or another process's pool):
    /// loads the demo if asked, binds the listener, sets up mail, state and router.
    /// An error names the setting that caused it.
    pub async fn build_on(db: Db, settings: Settings) -> Result<Self, String> {
        if settings.demo {
            load_demo(&db).await?;
        }
        let listener = TcpListener::bind(settings.bind).await.map_err(|e| {
            format!(
                "--bind / LOTSE_BIND: cannot listen on {}: {e}",
                settings.bind
            )
        })?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("--bind / LOTSE_BIND: {e}"))?;
        let transport = crate::mail::Transport::new(&settings.relay, settings.mail_dir.clone())?;
        tracing::info!(mail = %transport.describe(), "mail");
        let from = settings
            .mail_from
            .parse()
            .map_err(|e| format!("mail_from: {e}"))?;
        let mut web = settings.web;
        web.materials.prepare()?;
        if web.public_url.is_empty() {
            web.public_url = format!("http://{address}");
        }
        Ok(Self {
            state: AppState::new(db, web),
            listener,
            address,
            transport: Arc::new(transport),
            from,
        })
    }

    /// The address the listener is bound to.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The state every handler reaches (database, settings, catalogue index).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, with the mail sender, webhook deliveries and the reminders
    /// running beside; then finishes the requests in flight and stops both jobs.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let state = self.state;
        // The catalogue and its search index are built now, not by the first visitor.
        let warming = state.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            match warming.catalogue.prepare(&warming.db).await {
                Ok(offerings) => tracing::info!(
                    offerings,
                    ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                    "catalogue index built"
                ),
                Err(e) => tracing::warn!(error = %e, "catalogue index not built at start"),
            }
        });
        let stop_mail = Arc::new(Notify::new());
        let sender = tokio::spawn(crate::mail::run_sender(
            state.db.clone(),
            self.transport,
            self.from,
            state.mail_wake.clone(),
            stop_mail.clone(),
        ));
        let stop_reminders = Arc::new(Notify::new());
        // Jobs that write mails sign them with the operator's center name.
        let site = state.config.site.clone();
        let reminders = tokio::spawn(crate::site_content::Site::scope(
            site.clone(),
            crate::booking::service::run_reminders(state.clone(), stop_reminders.clone()),
        ));
        let stop_webhooks = Arc::new(Notify::new());
        let webhooks = tokio::spawn(crate::site_content::Site::scope(
            site.clone(),
            crate::webhooks::delivery::run(state.clone(), stop_webhooks.clone()),
        ));
        let stop_signer = Arc::new(Notify::new());
        let signer = tokio::spawn(crate::site_content::Site::scope(
            site.clone(),
            crate::credentials::service::run_signer(state.clone(), stop_signer.clone()),
        ));
        let stop_touches = Arc::new(Notify::new());
        let touches = tokio::spawn(write_touches(state.clone(), stop_touches.clone()));
        let stop_purging = Arc::new(Notify::new());
        let purging = tokio::spawn(crate::site_content::Site::scope(
            site,
            purge_hourly(state.clone(), stop_purging.clone()),
        ));
        let draining = state.draining.clone();
        let served =
            crate::app::serve(self.listener, crate::app::router(state), shutdown, draining).await;
        // `notify_one` keeps a permit for a loop that is busy right now.
        stop_mail.notify_one();
        stop_reminders.notify_one();
        stop_webhooks.notify_one();
        stop_touches.notify_one();
        stop_purging.notify_one();
        stop_signer.notify_one();
        let _ = sender.await;
        let _ = reminders.await;
        let _ = webhooks.await;
        let _ = touches.await;
        let _ = purging.await;
        let _ = signer.await;
        served
    }
}

/// Loads the demo center into an empty database; leaves any other database alone.
async fn load_demo(db: &Db) -> Result<(), String> {
    let hash = crate::http::auth::hash_password(DEMO_PASSWORD.into())
        .await
        .map_err(|e| format!("--demo: {e:?}"))?;
    match lotse_store::demo::load(db, jiff::Timestamp::now(), &hash).await {
        Ok(DemoOutcome::Loaded {
            offerings,
            sessions,
            qualifications,
        }) => {
            tracing::info!(offerings, sessions, qualifications, "demo data loaded");
            // The demo learner's credentials need a key to be signed with.
            if lotse_store::credentials::current_key(db)
                .await
                .map_err(|e| e.to_string())?
                .is_none()
            {
                let made = crate::credentials::service::add_signing_key(db, false).await?;
                tracing::info!(did = %made.did, "demo signing key created");
            }
        }
        Ok(DemoOutcome::AlreadyLoaded) => {
            tracing::info!("demo data was loaded before; left as it is")
        }
        Ok(DemoOutcome::NotEmpty) => {
            tracing::warn!("the database already holds a catalogue; demo data not loaded")
        }
        Err(e) => return Err(format!("--demo / LOTSE_DEMO: {e}")),
    }
    Ok(())
}

/// Writes the last uses of sessions and tokens every two seconds, and once more when
/// stopped, so the request path never waits for the writer to note them.
async fn write_touches(state: AppState, stop: Arc<Notify>) {
    loop {
        let stopping = tokio::select! {
            () = tokio::time::sleep(std::time::Duration::from_secs(2)) => false,
            () = stop.notified() => true,
        };
        if let Err(e) = state.touches.flush(&state.db).await {
            tracing::warn!(error = %e, "last uses of sessions and tokens not written");
        }
        if stopping {
            return;
        }
    }
}

/// Purges what is kept no longer (`lotse_store::retention`) at start and then every
/// hour, counting each kind in `lotse_retention_purged_total`.
async fn purge_hourly(state: AppState, stop: Arc<Notify>) {
    loop {
        match lotse_store::retention::purge(
            &state.db,
            state.config.retention,
            lotse_store::now_seconds(),
            &crate::booking::service::new_ticket_code,
        )
        .await
        {
            Ok(purged) => {
                if let Err(e) =
                    crate::booking::service::notify_promoted(&state, &purged.promoted).await
                {
                    tracing::warn!(error = ?e, "telling people who moved up failed");
                }
                for (what, n) in [
                    ("sent_mails", purged.sent_mails),
                    ("webhook_deliveries", purged.webhook_deliveries),
                    ("unconfirmed_accounts", purged.unconfirmed_accounts),
                    ("expired_links", purged.expired_links),
                    ("check_drafts", purged.check_drafts),
                    ("audit_entries", purged.audit_entries),
                    ("expired_sign_ins", purged.expired_sign_ins),
                ] {
                    metrics::counter!("lotse_retention_purged_total", "what" => what).increment(n);
                }
            }
            Err(e) => tracing::warn!(error = %e, "purging what is kept no longer failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {},
            () = stop.notified() => return,
        }
    }
}
