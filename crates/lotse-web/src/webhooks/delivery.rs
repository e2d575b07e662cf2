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
const EVENTS_PER_ROUND: i64 = 200;
/// Deliveries attempted at once per round.
const DELIVERIES_PER_ROUND: i64 = 16;

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

/// Sends one delivery: resolves the receiver's name, refuses internal addresses unless
/// allowed, and posts the signed body to the checked address (no redirects).
pub async fn attempt(settings: &WebhookSettings, delivery: &DueDelivery) -> Result<u16, Failure> {
    let fail = |code| Failure { status: None, code };
    let url = reqwest::Url::parse(&delivery.url).map_err(|_| fail("unresolved"))?;
    let host = url.host_str().ok_or(fail("unresolved"))?.to_owned();
    let port = url.port_or_known_default().ok_or(fail("unresolved"))?;
    let bare = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let addresses: Vec<SocketAddr> = tokio::net::lookup_host((bare.as_str(), port))
        .await
        .map_err(|_| fail("unresolved"))?
        .collect();
    // Every address the name has must be outside, or a second lookup could reach in.
    if addresses.is_empty() {
        return Err(fail("unresolved"));
    }
    if !settings.allow_private_targets && addresses.iter().any(|a| is_internal(a.ip())) {
        return Err(fail("internal-address"));
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(settings.timeout)
        .timeout(settings.timeout)
        .user_agent(concat!("lotse/", env!("CARGO_PKG_VERSION"), " (webhooks)"))
        .resolve_to_addrs(&bare, &addresses)
        .build()
        .map_err(|_| fail("network"))?;
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
        .map_err(|e| {
            fail(if e.is_timeout() {
                "timeout"
            } else if e.is_connect() {
                "connect"
            } else {
                "network"
            })
        })?;
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

/// One round: events into deliveries, then the due deliveries, concurrently; returns
/// how many deliveries were attempted.
pub async fn run_once(state: &AppState) -> lotse_store::StoreResult<usize> {
    let now = lotse_store::now_seconds();
    while store::dispatch(&state.db, now, EVENTS_PER_ROUND).await? == EVENTS_PER_ROUND as usize {}
    let settings = Arc::new(state.config.webhooks.clone());
    let lease = i64::try_from(settings.timeout.as_secs()).unwrap_or(60) * 2 + 5;
    let due = store::claim_due(&state.db, now, DELIVERIES_PER_ROUND, lease).await?;
    let attempted = due.len();
    let mut running = tokio::task::JoinSet::new();
    for delivery in due {
        let settings = settings.clone();
        running.spawn(async move {
            let outcome = attempt(&settings, &delivery).await;
            (delivery, outcome)
        });
    }
    while let Some(done) = running.join_next().await {
        let Ok((delivery, outcome)) = done else {
            continue;
        };
        record(state, &settings, &delivery, outcome).await?;
    }
    Ok(attempted)
}

/// Writes an attempt's outcome, schedules the next attempt or gives up, and tells the
/// owner when their subscription was switched off.
async fn record(
    state: &AppState,
    settings: &WebhookSettings,
    delivery: &DueDelivery,
    outcome: Result<u16, Failure>,
) -> lotse_store::StoreResult<()> {
    let now = lotse_store::now_seconds();
    let failure = match outcome {
        Ok(status) => {
            metrics::counter!("lotse_webhook_attempts_total", "outcome" => "delivered")
                .increment(1);
            return store::mark_delivered(&state.db, delivery.id, i64::from(status), now).await;
        }
        Err(failure) => failure,
    };
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

/// Delivers webhooks until `stop` is notified: a round every second.
pub async fn run(state: AppState, stop: Arc<Notify>) {
    loop {
        if let Err(e) = run_once(&state).await {
            tracing::warn!(error = %e, "webhook deliveries could not be read");
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(1)) => {},
            () = stop.notified() => return,
        }
    }
}
