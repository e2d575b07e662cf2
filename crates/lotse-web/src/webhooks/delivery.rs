//! Delivering webhooks: a background job per process turns recorded events into
//! deliveries and sends them, signed as the Standard Webhooks specification says
//! (`webhook-id`, `webhook-timestamp`, `webhook-signature` over the exact body), with
//! growing pauses between attempts. Bookings never wait for it: events are rows
//! written in the booking's transaction, and receivers are called from here.

use super::service::is_internal;
use crate::i18n::Lang;
use crate::mail::{MailKind, compose_with, send_later};
use crate::state::{AppState, WebhookSettings};
use lotse_store::webhooks::{self as store, DueDelivery};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Events turned into deliveries per round.
const EVENTS_PER_ROUND: i64 = 500;
/// Deliveries claimed per round.
const DELIVERIES_PER_ROUND: i64 = 256;
/// Deliveries in flight at once.
const AT_ONCE: usize = 32;
/// More requests than this in flight and the process counts as busy: a round of
/// deliveries waits (at most [`WebhookSettings::max_give_way`], so that deliveries
/// never starve), and visitors keep the cores and the database writer.
pub const BUSY_REQUESTS: usize = 8;

/// Why an attempt failed, as the log shows it (`webhook-error-…` in the reader's
/// language), with the receiver's HTTP status where it answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    /// The receiver's status, if it answered with one other than 2xx.
    pub status: Option<u16>,
    /// `status`, `internal-address`, `unresolved`, `timeout`, `connect`, `network`
    /// or `secret`.
    pub code: &'static str,
}

/// A name that resolves to an internal address, while those are not allowed.
#[derive(Debug)]
struct InternalAddress;

impl std::fmt::Display for InternalAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the receiver's name resolves to an internal address")
    }
}

impl std::error::Error for InternalAddress {}

/// A name that does not resolve.
#[derive(Debug)]
struct Unresolved;

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the receiver's name does not resolve")
    }
}

impl std::error::Error for Unresolved {}

/// Resolves receivers' names for the client and refuses names with an internal
/// address: the connection then goes to an address checked here, so a second lookup
/// cannot lead inside.
struct CheckedResolver {
    allow_internal: bool,
}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_internal = self.allow_internal;
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0))
                .await
                .map_err(|_| Box::new(Unresolved) as Box<dyn std::error::Error + Send + Sync>)?
                .collect();
            if found.is_empty() {
                return Err(Box::new(Unresolved) as Box<dyn std::error::Error + Send + Sync>);
            }
            // Every address must be outside: the client may try any of them.
            if !allow_internal && found.iter().any(|a| is_internal(a.ip())) {
                return Err(Box::new(InternalAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The client every delivery of a process goes through: names resolved and checked
/// by [`CheckedResolver`], no redirects, the attempt's time limit, connections kept
/// for the next delivery to the same receiver.
pub fn client(settings: &WebhookSettings) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(settings.timeout)
        .timeout(settings.timeout)
        .user_agent(concat!("lotse/", env!("CARGO_PKG_VERSION"), " (webhooks)"))
        .dns_resolver(Arc::new(CheckedResolver {
            allow_internal: settings.allow_private_targets,
        }))
        .build()
}

/// What went wrong with a request, from the errors it carries.
fn reason(error: &reqwest::Error) -> &'static str {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<InternalAddress>() {
            return "internal-address";
        }
        if e.is::<Unresolved>() {
            return "unresolved";
        }
        source = e.source();
    }
    if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else {
        "network"
    }
}

/// Sends one delivery through `client`: an address given as an IP must be outside
/// unless internal targets are allowed (names are checked by the client's resolver);
/// the signed body is posted, and only a 2xx answer counts as delivered.
pub async fn attempt(
    client: &reqwest::Client,
    settings: &WebhookSettings,
    delivery: &DueDelivery,
) -> Result<u16, Failure> {
    let fail = |code| Failure { status: None, code };
    let url = reqwest::Url::parse(&delivery.url).map_err(|_| fail("unresolved"))?;
    let literal = match url.host() {
        Some(url::Host::Ipv4(v4)) => Some(std::net::IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(std::net::IpAddr::V6(v6)),
        Some(url::Host::Domain(_)) => None,
        None => return Err(fail("unresolved")),
    };
    if !settings.allow_private_targets && literal.is_some_and(is_internal) {
        return Err(fail("internal-address"));
    }
    let message_id = format!("msg_{}", delivery.id.simple());
    let timestamp = lotse_store::now_seconds();
    let signature = standardwebhooks::Webhook::new(&delivery.secret)
        .and_then(|w| w.sign(&message_id, timestamp, delivery.payload.as_bytes()))
        .map_err(|_| fail("secret"))?;
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header(standardwebhooks::HEADER_WEBHOOK_ID, &message_id)
        .header(
            standardwebhooks::HEADER_WEBHOOK_TIMESTAMP,
            timestamp.to_string(),
        )
        .header(standardwebhooks::HEADER_WEBHOOK_SIGNATURE, signature)
        .body(delivery.payload.clone())
        .send()
        .await
        .map_err(|e| fail(reason(&e)))?;
    let status = response.status();
    if status.is_success() {
        Ok(status.as_u16())
    } else {
        Err(Failure {
            status: Some(status.as_u16()),
            code: "status",
        })
    }
}

/// One round: up to [`EVENTS_PER_ROUND`] events into deliveries, then up to
/// [`DELIVERIES_PER_ROUND`] due deliveries, [`AT_ONCE`] at a time; returns whether
/// there may be more to do at once (a full batch of either).
pub async fn run_once(
    state: &AppState,
    client: &reqwest::Client,
) -> lotse_store::StoreResult<bool> {
    let now = lotse_store::now_seconds();
    // One batch of events a round: a backlog becomes deliveries round by round
    // rather than in one long write that would hold up bookings.
    let dispatched = store::dispatch(&state.db, now, EVENTS_PER_ROUND).await?;
    let settings = Arc::new(state.config.webhooks.clone());
    let lease = i64::try_from(settings.timeout.as_secs()).unwrap_or(60) * 2 + 5;
    let due = store::claim_due(&state.db, now, DELIVERIES_PER_ROUND, lease).await?;
    let attempted = due.len();
    let mut waiting = due.into_iter();
    let mut running = tokio::task::JoinSet::new();
    let mut delivered = Vec::new();
    loop {
        while running.len() < AT_ONCE {
            let Some(delivery) = waiting.next() else {
                break;
            };
            let (client, settings) = (client.clone(), settings.clone());
            running.spawn(async move {
                let outcome = attempt(&client, &settings, &delivery).await;
                (delivery, outcome)
            });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        let Ok((delivery, outcome)) = done else {
            continue;
        };
        match outcome {
            Ok(status) => delivered.push((delivery.id, i64::from(status))),
            Err(failure) => record_failure(state, &settings, &delivery, failure).await?,
        }
    }
    metrics::counter!("lotse_webhook_attempts_total", "outcome" => "delivered")
        .increment(delivered.len() as u64);
    store::mark_delivered(&state.db, &delivered, lotse_store::now_seconds()).await?;
    Ok(dispatched == EVENTS_PER_ROUND as usize || attempted == DELIVERIES_PER_ROUND as usize)
}

/// Writes a failed attempt, schedules the next one or gives up, and tells the owner
/// when their subscription was switched off.
async fn record_failure(
    state: &AppState,
    settings: &WebhookSettings,
    delivery: &DueDelivery,
    failure: Failure,
) -> lotse_store::StoreResult<()> {
    let now = lotse_store::now_seconds();
    metrics::counter!("lotse_webhook_attempts_total", "outcome" => "failed").increment(1);
    let next = usize::try_from(delivery.attempts)
        .ok()
        .and_then(|done| settings.retry_delays.get(done))
        .map(|pause| now + i64::try_from(pause.as_secs()).unwrap_or(i64::MAX / 2));
    tracing::info!(delivery = %delivery.id, webhook = %delivery.webhook_id, code = failure.code,
        status = failure.status, retry = next.is_some(), "webhook not delivered");
    let outcome = store::mark_failed(
        &state.db,
        delivery.id,
        failure.status.map(i64::from),
        failure.code,
        next,
        now,
        settings.switch_off_after,
    )
    .await?;
    if let Some(off) = outcome.switched_off {
        let lang = Lang::from_code(&off.language).unwrap_or(Lang::De);
        let mail = compose_with(
            lang,
            MailKind::WebhookSwitchedOff,
            &off.name,
            Some(&format!("{}/redaktion/webhooks", state.config.public_url)),
            &[
                ("url", off.url.clone()),
                ("failures", settings.switch_off_after.to_string()),
            ],
        );
        send_later(&state.db, &state.mail_wake, &off.email, &mail).await?;
    }
    Ok(())
}

/// Delivers webhooks until `stop` is notified: rounds back to back while a round
/// finds a full batch, otherwise one a second; while more than [`BUSY_REQUESTS`]
/// requests are being answered, a round waits up to
/// [`WebhookSettings::max_give_way`] first.
pub async fn run(state: AppState, stop: Arc<Notify>) {
    let client = match client(&state.config.webhooks) {
        Ok(client) => client,
        Err(e) => {
            tracing::error!(error = %e, "no HTTP client for webhooks; none will be delivered");
            return;
        }
    };
    loop {
        // Give way to requests (bookings above all) while the process is busy; the
        // events wait in their table meanwhile, and are delivered right after.
        let since = tokio::time::Instant::now();
        while state.in_flight.get() > BUSY_REQUESTS
            && since.elapsed() < state.config.webhooks.max_give_way
        {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(100)) => {},
                () = stop.notified() => return,
            }
        }
        let busy = match run_once(&state, &client).await {
            Ok(more) => more,
            Err(e) => {
                tracing::warn!(error = %e, "webhook deliveries could not be read");
                false
            }
        };
        let pause = if busy {
            Duration::ZERO
        } else {
            Duration::from_secs(1)
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {},
            () = stop.notified() => return,
        }
    }
}
