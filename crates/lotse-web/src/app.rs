//! The router with its middleware, and serving it on a bound listener.

use crate::state::AppState;
use crate::{
    accounts, assessment, booking, catalogue, companies, credentials, documents, evaluations,
    materials, openapi, ops, qualifications, reporting, site, webhooks,
};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::routing::{MethodRouter, get};
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The content security policy: everything from the binary itself, no inline scripts,
/// never framed.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
                   form-action 'self'; frame-ancestors 'none'";

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// One page route: the methods it answers (for the role-matrix test), its path and
/// its handlers.
pub type PageRoute = (&'static str, &'static str, MethodRouter<AppState>);

/// Every page route, area by area. The router is built from this table, and the
/// role-matrix test reads it, so that a page added without an entry in the matrix
/// fails the tests.
pub fn page_routes() -> Vec<PageRoute> {
    [
        catalogue::page_routes(),
        booking::page_routes(),
        accounts::page_routes(),
        companies::page_routes(),
        assessment::page_routes(),
        webhooks::page_routes(),
        materials::page_routes(),
        qualifications::page_routes(),
        credentials::page_routes(),
        documents::page_routes(),
        evaluations::page_routes(),
        reporting::page_routes(),
        site::page_routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The whole application: pages, API, operations, with their middleware.
pub fn router(state: AppState) -> Router {
    // Initialize the recorder before the first request is counted.
    let _ = ops::prometheus();
    let config = state.config.clone();
    let (api_router, openapi) = openapi::router();
    // Portals and partners' sites read the public API from their own pages: any origin
    // may read, none may write or send credentials (no cookies go with `*`).
    let api_router = api_router.layer(
        tower_http::cors::CorsLayer::new()
            .allow_origin(tower_http::cors::Any)
            .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD])
            .expose_headers([axum::http::header::ETAG, axum::http::header::LINK]),
    );
    let openapi = std::sync::Arc::new(openapi);
    let pages = page_routes()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        });
    let operations = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/static/{file}", get(ops::static_file))
        .merge(booking::feed_routes());
    let openapi_json = {
        let doc = openapi.clone();
        get(move || {
            let doc = doc.clone();
            async move { axum::Json(doc.as_ref().clone()) }
        })
    };
    Router::new()
        .merge(pages)
        .merge(operations)
        .merge(api_router)
        .route("/api/openapi.json", openapi_json)
        .fallback(crate::http::page::not_found)
        .layer(axum::Extension(openapi))
        .layer(axum::middleware::from_fn(
            crate::http::auth::same_origin_check,
        ))
        // Inside the error writer, so that a body too large is refused in words; the
        // limits are this layer's, not the extractors' own default.
        .layer(axum::middleware::from_fn_with_state(
            crate::http::limit::BodyLimits {
                default: config.body_limit,
                upload: crate::catalogue::import::MAX_FILE_BYTES,
                upload_paths: &crate::catalogue::import::UPLOAD_PATHS,
                // A file at the limit, with room for the form's other fields.
                material: config.materials.max_bytes + 64 * 1024,
                material_paths: crate::materials::takes_files,
            },
            crate::http::limit::limit_bodies,
        ))
        .layer(axum::extract::DefaultBodyLimit::disable())
        // Errors of handlers, extractors and the origin check, written in the
        // reader's language; inside the cache and compression, so they see the text.
        .layer(axum::middleware::from_fn(crate::http::error::render_errors))
        // Compressed inside the public cache, so cached answers are stored compressed.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            crate::http::public_cache::PublicCache::new(),
            crate::http::public_cache::serve,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.in_flight.clone(),
            ops::record_request,
        ))
        // Outside the cache and the error writer, so that every page they render
        // carries the operator's name, look and footer.
        .layer(axum::middleware::from_fn_with_state(
            config.site.clone(),
            crate::site_content::provide,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request| {
                        let request_id = request
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("-");
                        tracing::info_span!(
                            "request",
                            method = %request.method(),
                            path = %request.uri().path(),
                            request_id = %request_id,
                        )
                    }),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CSP),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    HeaderName::from_static("permissions-policy"),
                    HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"),
                ))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    config.request_timeout,
                )),
        )
        // Outermost: the client's address is settled before anything logs or uses it.
        .layer(axum::middleware::from_fn_with_state(
            config.trusted_proxies.clone(),
            crate::http::proxy::from_trusted_proxies,
        ))
        .with_state(state)
}

/// How long a stopping process goes on answering on connections already open.
pub const DRAIN: std::time::Duration = std::time::Duration::from_secs(2);

/// Serves `router` on `listener` until `shutdown` completes, then stops without
/// dropping a request a proxy sends it: the port closes at once (a proxy's next
/// connection is refused, so it asks another process, even for a booking); requests
/// on connections already open are answered for up to [`DRAIN`], each answer closing
/// its connection; then the rest close and the requests in flight are finished.
/// Closing idle kept-alive connections at once instead races a proxy that is just
/// sending on one, and that request would fail.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    draining: crate::state::Draining,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let open = Arc::new(AtomicUsize::new(0));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let listener = Closing {
        listener: Some(listener),
        stopped,
        open: open.clone(),
    }
    // `tap_io` gives the wrapped listener the connection's address as ConnectInfo.
    .tap_io(|_| {});
    let router = router.layer(axum::middleware::from_fn_with_state(
        draining.clone(),
        close_when_draining,
    ));
    let drained = async move {
        shutdown.await;
        draining.begin();
        let _ = stop.send(true);
        let until = tokio::time::Instant::now() + DRAIN;
        while open.load(Ordering::Relaxed) > 0 && tokio::time::Instant::now() < until {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    };
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(drained)
    .await
}

/// Once draining, HTTP/1 answers carry `Connection: close`.
async fn close_when_draining(
    axum::extract::State(draining): axum::extract::State<crate::state::Draining>,
    request: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let http1 = request.version() < axum::http::Version::HTTP_2;
    let mut response = next.run(request).await;
    if http1 && draining.get() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// A listener that lets go of its port when told to stop and counts the connections
/// it accepted that are still open.
struct Closing {
    listener: Option<TcpListener>,
    stopped: tokio::sync::watch::Receiver<bool>,
    open: Arc<AtomicUsize>,
}

impl axum::serve::Listener for Closing {
    type Io = Counted;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Some(listener) = self.listener.as_mut() else {
                return std::future::pending().await;
            };
            tokio::select! {
                _ = self.stopped.wait_for(|stopped| *stopped) => {}
                (io, address) = axum::serve::Listener::accept(listener) => {
                    self.open.fetch_add(1, Ordering::Relaxed);
                    return (Counted { io, open: self.open.clone() }, address);
                }
            }
            // Stopping: dropping the listener closes the port.
            self.listener = None;
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.listener.as_ref().map_or_else(
            || Err(std::io::ErrorKind::NotConnected.into()),
            |l| l.local_addr(),
        )
    }
}

/// An accepted connection, counted until it closes.
struct Counted {
    io: tokio::net::TcpStream,
    open: Arc<AtomicUsize>,
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::Relaxed);
    }
}

impl tokio::io::AsyncRead for Counted {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Counted {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    /// The areas' modules may use each other only one way: the graph of `crate::<area>`
    /// references between area folders has no cycle, and `http/` uses no area.
    #[test]
    fn areas_depend_on_each_other_one_way_and_http_on_none() {
        const AREAS: [&str; 7] = [
            "catalogue",
            "booking",
            "accounts",
            "companies",
            "assessment",
            "webhooks",
            "materials",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut edges = std::collections::BTreeSet::new();
        for from in AREAS.iter().chain(["http"].iter()) {
            let dir = root.join(from);
            let files = std::fs::read_dir(&dir).into_iter().flatten().flatten();
            let mut read = 0;
            for file in files {
                let text = std::fs::read_to_string(file.path()).unwrap_or_default();
                read += 1;
                for to in AREAS {
                    if to != *from && text.contains(&format!("crate::{to}::")) {
                        edges.insert((*from, to));
                    }
                }
            }
            assert!(read > 0, "no files in {}", dir.display());
        }
        assert!(
            edges.iter().all(|(from, _)| *from != "http"),
            "http uses an area: {edges:?}"
        );
        // Depth-first search for a cycle.
        fn reaches(
            edges: &std::collections::BTreeSet<(&str, &str)>,
            from: &str,
            to: &str,
            seen: &mut Vec<String>,
        ) -> bool {
            if seen.iter().any(|s| s == from) {
                return false;
            }
            seen.push(from.to_owned());
            edges
                .iter()
                .filter(|(f, _)| *f == from)
                .any(|(_, next)| *next == to || reaches(edges, next, to, seen))
        }
        for (from, to) in &edges {
            assert!(
                !reaches(&edges, to, from, &mut Vec::new()),
                "areas {from} and {to} depend on each other: {edges:?}"
            );
        }
    }
}
