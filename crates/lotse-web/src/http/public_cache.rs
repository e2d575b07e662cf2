//! The public cache: anonymous readers of the catalogue share rendered answers for a
//! second, so a rush on a popular workshop, a newsletter link or a crawler does not
//! reach the database with every request (decision record 0006).
//!
//! - Only `GET` requests for the public catalogue routes ([`PUBLIC_ROUTES`], pages and
//!   API) are cached, and only without a session cookie or an `Authorization` header;
//!   only `200` answers without `Set-Cookie` are kept.
//! - The key is the path with its query, the language, the htmx headers and
//!   `Accept-Encoding` (the answer is stored compressed).
//! - Every successful request with another method and with credentials (a session
//!   cookie or `Authorization`) starts a new generation of the cache, so this process's
//!   writes show at once. Anonymous posts cannot empty the cache.
//! - An answer is fresh for [`FRESH`]; until [`USABLE`] it is still served while one
//!   request renews it in the background. Writes by another process on the same
//!   database therefore show within [`USABLE`].
//! - Concurrent misses of one key are rendered once; the others wait for that answer.
//!
//! - Every kept answer carries a strong `ETag` (a digest of its bytes); a request whose
//!   `If-None-Match` names it gets `304 Not Modified` without the body.
//! - It also carries `Last-Modified`: when this process first rendered these very
//!   bytes for the request (remembered for a day, beyond the answer itself). A
//!   request with `If-Modified-Since` at or after it, and no `If-None-Match`, gets
//!   `304`. The date may be later than the real change (another process, a
//!   restart), never earlier, so a `304` is never wrong.
//!
//! Booking never reads the cache: seats are decided in the booking transaction.

use crate::http::auth::SESSION_COOKIE;
use crate::i18n::Lang;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, Method, StatusCode, Uri, Version, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::Digest;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a cached answer is served as it is.
pub const FRESH: Duration = Duration::from_secs(1);
/// How long a cached answer may be served at all, while it is being renewed.
pub const USABLE: Duration = Duration::from_secs(3);
/// The response header that says how an answer was served: `HIT`, `STALE` or `MISS`.
pub const CACHE_HEADER: &str = "x-cache";
/// The routes whose anonymous answers are cached.
pub const PUBLIC_ROUTES: &[&str] = &[
    "/",
    "/angebote",
    "/angebote/{id}",
    "/angebote/vorschlaege",
    "/herausforderung",
    "/sitemap.xml",
    "/robots.txt",
    "/qualifizierungen",
    "/qualifizierungen/{id}",
    "/partner",
    "/partner/{id}",
    "/api/v1/offerings",
    "/api/v1/offerings/{id}",
    "/api/v1/offerings/suggestions",
    "/api/v1/challenge",
    "/api/v1/feed/offerings",
    "/api/v1/topics",
    "/api/v1/partners",
    "/api/v1/places",
    "/api/v1/qualifications",
    "/api/v1/qualifications/{id}",
    "/nachweise/{file}",
    "/nachweise/status/{number}",
    "/api/v1/credentials/{id}/verify",
];

/// Memory the cached answers may take, keys included.
const CAPACITY_BYTES: u64 = 32 * 1024 * 1024;
/// Larger answers are passed on without being kept.
const LARGEST_ANSWER: usize = 2 * 1024 * 1024;
/// Longer request targets or `Accept-Encoding` values are not cached.
const LONGEST_KEY_PART: usize = 2048;
/// How long the first rendering of an answer's bytes is remembered.
const REMEMBER_SINCE: Duration = Duration::from_secs(24 * 3600);
/// How many answers' first renderings are remembered.
const REMEMBERED: u64 = 100_000;

#[derive(Debug, Clone, Hash, PartialEq, Eq)]
struct Key {
    /// The generation the answer was read in; a write in this process moves on.
    generation: u64,
    /// Path and query.
    target: String,
    /// Language, htmx headers and accepted encodings.
    variant: String,
}

/// A kept answer.
struct Stored {
    /// Its headers, `ETag` included.
    headers: HeaderMap,
    body: Bytes,
    fetched: Instant,
    /// Set by the request that renews a stale answer, so only one does.
    renewing: AtomicBool,
}

/// The validators a request sent: `If-None-Match` and `If-Modified-Since`.
#[derive(Default)]
struct Conditions {
    if_none_match: Option<HeaderValue>,
    if_modified_since: Option<std::time::SystemTime>,
}

impl Conditions {
    fn of(headers: &HeaderMap) -> Self {
        Self {
            if_none_match: headers.get(header::IF_NONE_MATCH).cloned(),
            if_modified_since: headers
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| httpdate::parse_http_date(v).ok()),
        }
    }

    /// Whether the client's copy of `stored` is current (RFC 9110, 13.2.2: a present
    /// `If-None-Match` decides alone).
    fn met_by(&self, stored: &HeaderMap) -> bool {
        if let Some(wanted) = &self.if_none_match {
            let etag = stored.get(header::ETAG);
            return wanted.as_bytes() == b"*"
                || wanted
                    .to_str()
                    .ok()
                    .zip(etag.and_then(|e| e.to_str().ok()))
                    .is_some_and(|(list, etag)| list.split(',').any(|t| t.trim() == etag));
        }
        let modified = stored
            .get(header::LAST_MODIFIED)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        matches!((self.if_modified_since, modified), (Some(since), Some(modified)) if modified <= since)
    }
}

impl Stored {
    fn response(&self, how: &'static str, conditions: &Conditions) -> Response {
        metrics::counter!("lotse_public_cache_total", "outcome" => how).increment(1);
        if conditions.met_by(&self.headers) {
            // 304: the client's copy is current; same validators, no body.
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            for name in [
                header::ETAG,
                header::LAST_MODIFIED,
                header::CACHE_CONTROL,
                header::VARY,
            ] {
                if let Some(value) = self.headers.get(&name) {
                    response.headers_mut().insert(name, value.clone());
                }
            }
            response
                .headers_mut()
                .insert(CACHE_HEADER, HeaderValue::from_static(how));
            return response;
        }
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.headers_mut() = self.headers.clone();
        response
            .headers_mut()
            .insert(CACHE_HEADER, HeaderValue::from_static(how));
        response
    }
}

/// An answer that may not be kept (not `200`, sets a cookie, or too large); the
/// request that rendered it takes it out and serves it.
struct Uncacheable(Mutex<Option<Response>>);

/// What is needed to run a `GET` request again: for renewing in the background and for
/// requests that waited on an uncacheable answer.
struct Replay {
    uri: Uri,
    version: Version,
    headers: HeaderMap,
    extensions: Extensions,
}

impl Replay {
    fn of(request: &Request) -> Self {
        Self {
            uri: request.uri().clone(),
            version: request.version(),
            headers: request.headers().clone(),
            extensions: request.extensions().clone(),
        }
    }

    fn request(&self) -> Request {
        let mut request = Request::new(Body::empty());
        *request.method_mut() = Method::GET;
        *request.uri_mut() = self.uri.clone();
        *request.version_mut() = self.version;
        *request.headers_mut() = self.headers.clone();
        *request.extensions_mut() = self.extensions.clone();
        request
    }
}

/// The cache of anonymous catalogue answers, shared by all requests of one process.
#[derive(Clone)]
pub struct PublicCache {
    generation: Arc<AtomicU64>,
    answers: moka::future::Cache<Key, Arc<Stored>>,
    /// Per request target and variant: the `ETag` last rendered, and since when.
    first_rendered: moka::sync::Cache<(String, String), (HeaderValue, std::time::SystemTime)>,
}

impl Default for PublicCache {
    fn default() -> Self {
        Self::new()
    }
}

impl PublicCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self {
            generation: Arc::new(AtomicU64::new(0)),
            answers: moka::future::Cache::builder()
                .max_capacity(CAPACITY_BYTES)
                .weigher(|key: &Key, stored: &Arc<Stored>| {
                    let bytes = key.target.len() + key.variant.len() + stored.body.len() + 512;
                    u32::try_from(bytes).unwrap_or(u32::MAX)
                })
                .time_to_live(USABLE)
                .build(),
            first_rendered: moka::sync::Cache::builder()
                .max_capacity(REMEMBERED)
                .time_to_live(REMEMBER_SINCE)
                .build(),
        }
    }

    /// When the answer with `etag` was first rendered for `key`'s target and variant:
    /// now, unless the last rendering had the same `ETag`.
    fn since(&self, key: &Key, etag: &HeaderValue) -> std::time::SystemTime {
        let remembered = (key.target.clone(), key.variant.clone());
        match self.first_rendered.get(&remembered) {
            Some((last, since)) if last == etag => since,
            _ => {
                let now = std::time::SystemTime::now();
                self.first_rendered.insert(remembered, (etag.clone(), now));
                now
            }
        }
    }

    /// Forgets every kept answer: the next request of each kind is read anew.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The key of a cacheable request, `None` for everything that must be answered
    /// afresh.
    fn key(&self, request: &Request) -> Option<Key> {
        let route = request.extensions().get::<MatchedPath>()?;
        if !PUBLIC_ROUTES.contains(&route.as_str()) {
            return None;
        }
        let headers = request.headers();
        if credentials(headers) {
            return None;
        }
        let target = request.uri().to_string();
        let encoding = headers
            .get(header::ACCEPT_ENCODING)
            .map(|v| String::from_utf8_lossy(v.as_bytes()))
            .unwrap_or_default();
        if target.len() > LONGEST_KEY_PART || encoding.len() > LONGEST_KEY_PART {
            return None;
        }
        let variant = format!(
            "{}|{}|{}|{encoding}",
            Lang::from_headers(headers).code(),
            headers.contains_key("hx-request"),
            headers.contains_key("hx-boosted"),
        );
        Some(Key {
            generation: self.generation.load(Ordering::Acquire),
            target,
            variant,
        })
    }

    /// Renders a request and keeps the answer if it may be kept.
    async fn fetch(
        &self,
        key: &Key,
        request: Request,
        next: Next,
    ) -> Result<Arc<Stored>, Uncacheable> {
        let response = next.run(request).await;
        let (parts, body) = response.into_parts();
        if parts.status != StatusCode::OK || parts.headers.contains_key(header::SET_COOKIE) {
            return Err(Uncacheable(Mutex::new(Some(Response::from_parts(
                parts, body,
            )))));
        }
        let bytes = match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => bytes,
            Err(e) => {
                tracing::error!(error = %e, "reading an answer for the public cache failed");
                let failed = Response::builder()
                    .status(StatusCode::INTERNAL_SERVER_ERROR)
                    .body(Body::from("Interner Fehler"))
                    .unwrap_or_default();
                return Err(Uncacheable(Mutex::new(Some(failed))));
            }
        };
        if bytes.len() > LARGEST_ANSWER {
            return Err(Uncacheable(Mutex::new(Some(Response::from_parts(
                parts,
                Body::from(bytes),
            )))));
        }
        let mut headers = parts.headers;
        // A strong validator of this representation (encoding included, as the key).
        let digest = sha2::Sha256::digest(&bytes);
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        if let Ok(etag) = HeaderValue::from_str(&format!("\"{hex}\"")) {
            let since = httpdate::fmt_http_date(self.since(key, &etag));
            if let Ok(modified) = HeaderValue::from_str(&since) {
                headers.insert(header::LAST_MODIFIED, modified);
            }
            headers.insert(header::ETAG, etag);
        }
        Ok(Arc::new(Stored {
            headers,
            body: bytes,
            fetched: Instant::now(),
            renewing: AtomicBool::new(false),
        }))
    }

    /// Renders a stale answer anew in the background.
    async fn renew(self, key: Key, replay: Replay, next: Next) {
        match self.fetch(&key, replay.request(), next).await {
            Ok(stored) => self.answers.insert(key, stored).await,
            Err(_) => self.answers.invalidate(&key).await,
        }
    }
}

/// Whether a request carries a session cookie or an `Authorization` header.
fn credentials(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || crate::http::auth::cookie_value(headers, SESSION_COOKIE).is_some()
}

/// The middleware: serves cacheable requests from the cache and starts a new
/// generation after every request that may have written.
pub async fn serve(State(cache): State<PublicCache>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if method != Method::GET {
        // Only signed-in people and API clients change what the catalogue shows
        // (offerings, sessions, seats); anonymous posts (sign-in, sign-up, the check)
        // and refused requests do not, and must not be able to empty the cache.
        let credentials = credentials(request.headers());
        let response = next.run(request).await;
        let succeeded = response.status().is_success() || response.status().is_redirection();
        if credentials && succeeded && !matches!(method, Method::HEAD | Method::OPTIONS) {
            cache.invalidate();
        }
        return response;
    }
    let Some(key) = cache.key(&request) else {
        return next.run(request).await;
    };
    let conditions = Conditions::of(request.headers());
    if let Some(stored) = cache.answers.get(&key).await {
        if stored.fetched.elapsed() < FRESH {
            return stored.response("HIT", &conditions);
        }
        if !stored.renewing.swap(true, Ordering::AcqRel) {
            let renewal = cache.clone().renew(key, Replay::of(&request), next.clone());
            // The renewal runs as a task of its own: it takes the operator's site along.
            let site = crate::site_content::Site::current();
            tokio::spawn(crate::site_content::Site::scope(site, renewal));
        }
        return stored.response("STALE", &conditions);
    }
    let replay = Replay::of(&request);
    let rendered_here = AtomicBool::new(false);
    let outcome = cache
        .answers
        .try_get_with(key.clone(), async {
            rendered_here.store(true, Ordering::Release);
            cache.fetch(&key, request, next.clone()).await
        })
        .await;
    match outcome {
        Ok(stored) if rendered_here.load(Ordering::Acquire) => stored.response("MISS", &conditions),
        Ok(stored) => stored.response("HIT", &conditions),
        // Only the request that rendered an uncacheable answer may serve it; requests
        // that waited for it render their own (it may set a cookie or differ).
        Err(uncacheable) if rendered_here.load(Ordering::Acquire) => {
            match uncacheable.0.lock().ok().and_then(|mut slot| slot.take()) {
                Some(response) => response,
                None => next.run(replay.request()).await,
            }
        }
        Err(_) => next.run(replay.request()).await,
    }
}
