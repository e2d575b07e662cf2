//! Operations: health, readiness, Prometheus metrics, request metrics and the static
//! files embedded in the binary.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// `GET /healthz`: 200 while the process runs.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: 200 when the database answers and the process is not stopping,
/// else 503.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if state.draining.get() {
        (StatusCode::SERVICE_UNAVAILABLE, "stopping").into_response()
    } else if state.db.ping().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// The process-wide Prometheus recorder, installed on first use.
pub fn prometheus() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(&[
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                ])
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            describe_metrics();
            Some(handle)
        })
        .clone()
}

/// The HELP text and unit of every metric lotse records (`promtool check metrics`
/// wants one per metric).
fn describe_metrics() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "lotse_http_requests_total",
        "HTTP requests answered, by method, route and status"
    );
    describe_histogram!(
        "lotse_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request, by method, route and status"
    );
    describe_gauge!(
        "lotse_db_pool_connections",
        "Open database connections, by pool"
    );
    describe_gauge!(
        "lotse_db_pool_idle_connections",
        "Idle database connections, by pool"
    );
    describe_counter!(
        "lotse_public_cache_total",
        "Anonymous catalogue answers by how the public cache served them (hit, stale, miss)"
    );
    describe_counter!(
        "lotse_retention_purged_total",
        "Rows purged because they were kept long enough, by what they were"
    );
    describe_counter!(
        "lotse_webhook_attempts_total",
        "Webhook delivery attempts, by outcome (delivered, failed)"
    );
    describe_counter!(
        "lotse_mail_sent_total",
        "Mails handed to the relay (or written to the mail folder)"
    );
    describe_counter!(
        "lotse_mail_failed_attempts_total",
        "Attempts to send a mail that failed (each is retried later)"
    );
    describe_counter!(
        "lotse_untrusted_proxy_headers_total",
        "Requests whose forwarding headers were removed: their peer is not in trusted_proxies"
    );
}

/// Whether a request may read the metrics: with a configured token only when it
/// carries it as a bearer token; without one only from the machine itself (a client
/// on a loopback address).
fn may_read_metrics(
    token: Option<&str>,
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::IpAddr>,
) -> bool {
    match token {
        Some(expected) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            // Hashes of equal length compared, so the time taken says nothing of the token.
            .is_some_and(|given| {
                crate::http::auth::hash_secret(given.trim())
                    == crate::http::auth::hash_secret(expected)
            }),
        None => peer.is_some_and(|ip| ip.is_loopback()),
    }
}

/// `GET /metrics`: requests and latency by route and status, and the database pools;
/// for the machine itself or holders of the configured metrics token (403 otherwise).
pub async fn metrics(State(state): State<AppState>, request: Request) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if !may_read_metrics(
        state.config.metrics_token.as_deref(),
        request.headers(),
        peer,
    ) {
        return crate::error::AppError::Forbidden("refusal-metrics".into()).into_response();
    }
    for pool in state.db.pool_stats() {
        metrics::gauge!("lotse_db_pool_connections", "pool" => pool.name).set(f64::from(pool.size));
        metrics::gauge!("lotse_db_pool_idle_connections", "pool" => pool.name)
            .set(f64::from(pool.idle));
    }
    let body = prometheus().map(|h| h.render()).unwrap_or_default();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

/// Middleware: counts each request and records its latency by route and status, and
/// keeps the count of requests in flight.
pub async fn record_request(
    State(in_flight): State<crate::state::InFlight>,
    request: Request,
    next: Next,
) -> Response {
    let _answering = in_flight.enter();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("lotse_http_requests_total", &labels).increment(1);
    metrics::histogram!("lotse_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

const CSS: &str = include_str!("../static/lotse.css");
const HTMX: &str = include_str!("../static/htmx.min.js");
const FAVICON: &str = include_str!("../static/favicon.svg");
const CHECKIN_JS: &str = include_str!("../static/checkin.js");
const SUGGEST_JS: &str = include_str!("../static/suggest.js");
const COPY_JS: &str = include_str!("../static/copy.js");

/// A short fingerprint of the static files. Links to them carry it (`?v=`), so that
/// browsers and a proxy may keep them for a year and still fetch new ones after an
/// upgrade.
pub fn asset_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for file in [CSS, HTMX, FAVICON, CHECKIN_JS, SUGGEST_JS, COPY_JS] {
            hash.update(file.as_bytes());
            hash.update([0]);
        }
        hash.finalize()
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

/// The version a static file was asked for.
#[derive(Debug, serde::Deserialize)]
pub struct AssetQuery {
    v: Option<String>,
}

/// `GET /static/{file}`: the stylesheet, scripts and the icon, from the binary; kept a
/// year when asked for by the current fingerprint, an hour otherwise.
pub async fn static_file(
    Path(file): Path<String>,
    query: Result<axum::extract::Query<AssetQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (body, content_type) = match file.as_str() {
        "lotse.css" => (CSS, "text/css; charset=utf-8"),
        "htmx.min.js" => (HTMX, "text/javascript; charset=utf-8"),
        "checkin.js" => (CHECKIN_JS, "text/javascript; charset=utf-8"),
        "suggest.js" => (SUGGEST_JS, "text/javascript; charset=utf-8"),
        "copy.js" => (COPY_JS, "text/javascript; charset=utf-8"),
        "favicon.svg" => (FAVICON, "image/svg+xml"),
        _ => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    let current = query
        .ok()
        .and_then(|q| q.0.v)
        .is_some_and(|v| v == asset_version());
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if current {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=3600"
        }),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_for_the_machine_itself_or_the_token_holder() {
        let none = axum::http::HeaderMap::new();
        let mut bearer = axum::http::HeaderMap::new();
        bearer.insert(
            header::AUTHORIZATION,
            "Bearer geheim-123"
                .parse()
                .unwrap_or_else(|_| unreachable!()),
        );
        let loopback = "127.0.0.1".parse().ok();
        let elsewhere = "192.0.2.7".parse().ok();
        assert!(may_read_metrics(None, &none, loopback));
        assert!(may_read_metrics(None, &none, "::1".parse().ok()));
        assert!(!may_read_metrics(None, &none, elsewhere));
        assert!(!may_read_metrics(None, &none, None));
        assert!(may_read_metrics(Some("geheim-123"), &bearer, elsewhere));
        assert!(!may_read_metrics(Some("geheim-123"), &none, loopback));
        assert!(!may_read_metrics(Some("anders"), &bearer, loopback));
    }
}
