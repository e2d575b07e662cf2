//! What every handler can reach: the database, the settings, the catalogue index and
//! the mail sender's wake-up.

use lotse_store::Db;
use std::time::Duration;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Longest time a request may take before it is answered with 503.
    pub request_timeout: Duration,
    /// Idle and absolute timeouts of sign-in sessions.
    pub session_limits: lotse_store::accounts::SessionLimits,
    /// The address people reach lotse at, for links in e-mails (no trailing slash).
    pub public_url: String,
    /// Always mark cookies `Secure` (set when lotse is served over TLS).
    pub secure_cookies: bool,
    /// A bearer token that opens `/metrics` to other machines; without one, only
    /// clients on a loopback address read it.
    pub metrics_token: Option<String>,
    /// How long personal data is kept (sent mails, unconfirmed accounts, drafts, audit).
    pub retention: lotse_store::retention::Retention,
    /// How long before a session's start its tickets are checked in.
    pub checkin_opens_before: jiff::SignedDuration,
    /// How long before an online session starts its participants get the mail with
    /// the join link.
    pub join_mail_before: Duration,
    /// The Digitalisierungs-Check questionnaire in use (built in unless configured).
    pub questionnaire: std::sync::Arc<lotse_core::assessment::Questionnaire>,
    /// How webhooks are delivered.
    pub webhooks: WebhookSettings,
    /// Where materials' files are kept, and how large one may be.
    pub materials: crate::materials::service::MaterialSettings,
    /// The operator's name, look and legal pages (built-in examples unless configured).
    pub site: std::sync::Arc<crate::site_content::Site>,
    /// Reverse proxies whose `X-Forwarded-For` and `-Proto` are believed.
    pub trusted_proxies: crate::http::proxy::TrustedProxies,
}

/// How webhooks are delivered.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Whether receivers on loopback, private, link-local or other internal addresses
    /// are allowed (off: a subscription must not reach into the center's own network).
    pub allow_private_targets: bool,
    /// Pauses before the second, third, … attempt; after the last, a delivery is
    /// given up.
    pub retry_delays: Vec<Duration>,
    /// Failed attempts in a row after which a subscription is switched off and its
    /// owner told by mail.
    pub switch_off_after: i64,
    /// How long one attempt may take, connecting included.
    pub timeout: Duration,
    /// How long a round of deliveries waits at most while the process is busy
    /// answering requests (see `webhooks::delivery::run`).
    pub max_give_way: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        // The Standard Webhooks specification's example schedule: about a day and a
        // half from the first attempt to the last.
        let minutes = |m: u64| Duration::from_secs(m * 60);
        Self {
            allow_private_targets: false,
            retry_delays: vec![
                Duration::from_secs(5),
                minutes(5),
                minutes(30),
                minutes(120),
                minutes(300),
                minutes(600),
                minutes(600),
            ],
            switch_off_after: 20,
            timeout: Duration::from_secs(10),
            max_give_way: Duration::from_secs(10),
        }
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            body_limit: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            session_limits: lotse_store::accounts::SessionLimits {
                idle_seconds: 2 * 60 * 60,
                absolute_seconds: 7 * 24 * 60 * 60,
            },
            public_url: "http://127.0.0.1:8080".into(),
            secure_cookies: false,
            checkin_opens_before: jiff::SignedDuration::from_hours(2),
            join_mail_before: Duration::from_secs(30 * 60),
            metrics_token: None,
            retention: lotse_store::retention::Retention::default(),
            // The built-in questionnaire is checked by a unit test; the empty fallback
            // only avoids a panic path.
            questionnaire: std::sync::Arc::new(
                lotse_core::assessment::Questionnaire::builtin().unwrap_or_else(|_| {
                    lotse_core::assessment::Questionnaire {
                        version: String::new(),
                        dimensions: Vec::new(),
                    }
                }),
            ),
            webhooks: WebhookSettings::default(),
            materials: crate::materials::service::MaterialSettings::default(),
            site: std::sync::Arc::default(),
            trusted_proxies: crate::http::proxy::TrustedProxies::default(),
        }
    }
}

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Web settings.
    pub config: WebConfig,
    /// Wakes the mail sender when a mail was queued.
    pub mail_wake: std::sync::Arc<tokio::sync::Notify>,
    /// The live catalogue in memory, for filtering and counting lists.
    pub catalogue: lotse_store::catalogue_index::CatalogueIndex,
    /// Last uses of sessions and tokens, written in batches by a background job.
    pub touches: std::sync::Arc<lotse_store::acting::Touches>,
    /// Requests this process is answering right now; background work gives way when
    /// there are many.
    pub in_flight: InFlight,
    /// Set once the process is stopping (see [`crate::app::serve`]).
    pub draining: Draining,
}

/// Whether the process is stopping: `/readyz` says so and every answer closes its
/// connection, so that a proxy moves to another process before this one is gone.
#[derive(Debug, Clone, Default)]
pub struct Draining(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Draining {
    /// Whether stopping has begun.
    pub fn get(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Begins stopping.
    pub fn begin(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// A count of the requests a process is answering, kept by [`crate::ops::record_request`].
#[derive(Debug, Clone, Default)]
pub struct InFlight(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl InFlight {
    /// How many requests are being answered.
    pub fn get(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Counts one request until the returned guard is dropped (also when the request
    /// is abandoned half-way).
    pub fn enter(&self) -> InFlightGuard {
        self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        InFlightGuard(self.0.clone())
    }
}

/// One request being answered; see [`InFlight::enter`].
#[derive(Debug)]
pub struct InFlightGuard(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

impl AppState {
    /// State over `db` with `config` and a fresh mail wake-up.
    pub fn new(db: Db, config: WebConfig) -> Self {
        Self {
            db,
            config,
            mail_wake: std::sync::Arc::new(tokio::sync::Notify::new()),
            catalogue: lotse_store::catalogue_index::CatalogueIndex::new(),
            touches: std::sync::Arc::new(lotse_store::acting::Touches::default()),
            in_flight: InFlight::default(),
            draining: Draining::default(),
        }
    }
}
