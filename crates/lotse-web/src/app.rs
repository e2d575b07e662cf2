//! The router with its middleware, and serving it on a bound listener.

use crate::{
    account_pages, admin_pages, api, assessment_pages, booking_pages, catalogue, checkin_pages,
    editor_pages, ops, pages,
};
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::routing::{MethodRouter, get, post};
use lotse_store::Db;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

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
    /// The Digitalisierungs-Check questionnaire in use (built in unless configured).
    pub questionnaire: std::sync::Arc<lotse_core::assessment::Questionnaire>,
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
}

impl AppState {
    /// State over `db` with `config` and a fresh mail wake-up.
    pub fn new(db: Db, config: WebConfig) -> Self {
        Self {
            db,
            config,
            mail_wake: std::sync::Arc::new(tokio::sync::Notify::new()),
            catalogue: lotse_store::catalogue_index::CatalogueIndex::new(),
        }
    }
}

/// The content security policy: everything from the binary itself, no inline scripts,
/// never framed.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
                   form-action 'self'; frame-ancestors 'none'";

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Every page route: the methods it answers, its path and its handlers. The router is
/// built from this table, and the role-matrix test reads it, so that a page added here
/// without an entry in the matrix fails the tests.
pub fn page_routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("GET", "/", get(catalogue::home)),
        ("GET", "/angebote", get(catalogue::catalogue_page)),
        ("GET", "/angebote/{id}", get(catalogue::offering_page)),
        (
            "POST",
            "/angebote/{id}/termine/{session}/anmelden",
            post(booking_pages::book),
        ),
        ("GET", "/konto/anmeldungen", get(booking_pages::mine)),
        (
            "POST",
            "/konto/anmeldungen/{id}/stornieren",
            post(booking_pages::cancel),
        ),
        (
            "GET",
            "/qualifizierungen",
            get(catalogue::qualifications_page),
        ),
        (
            "GET",
            "/qualifizierungen/{id}",
            get(catalogue::qualification_page),
        ),
        ("GET", "/partner", get(catalogue::partners_page)),
        ("GET", "/partner/{id}", get(catalogue::partner_page)),
        (
            "GET POST",
            "/check",
            get(assessment_pages::start).post(assessment_pages::begin),
        ),
        (
            "GET POST",
            "/check/{id}/schritt/{step}",
            get(assessment_pages::show_step).post(assessment_pages::save_step),
        ),
        ("GET", "/check/{id}/ergebnis", get(assessment_pages::result)),
        ("GET", "/impressum", get(pages::imprint)),
        ("GET", "/datenschutz", get(pages::privacy)),
        ("GET", "/sprache/{lang}", get(pages::switch_language)),
        ("GET", "/api/docs", get(api::docs_page)),
        (
            "GET POST",
            "/anmelden",
            get(account_pages::login_page).post(account_pages::login_submit),
        ),
        (
            "GET POST",
            "/registrieren",
            get(account_pages::register_page).post(account_pages::register_submit),
        ),
        ("POST", "/abmelden", post(account_pages::sign_out)),
        ("GET", "/konto", get(account_pages::account)),
        (
            "POST",
            "/konto/sprache",
            post(account_pages::account_language),
        ),
        (
            "POST",
            "/konto/passwort",
            post(account_pages::account_password),
        ),
        (
            "POST",
            "/konto/tokens",
            post(account_pages::account_token_create),
        ),
        (
            "POST",
            "/konto/tokens/{id}/widerrufen",
            post(account_pages::account_token_revoke),
        ),
        (
            "POST",
            "/konto/ueberall-abmelden",
            post(account_pages::account_sign_out_everywhere),
        ),
        (
            "POST",
            "/konto/loeschen",
            post(account_pages::account_delete),
        ),
        (
            "POST",
            "/konto/bestaetigung-senden",
            post(account_pages::account_resend_confirmation),
        ),
        (
            "GET",
            "/konto/bestaetigen",
            get(account_pages::confirm_page),
        ),
        ("GET", "/einladung", get(account_pages::invitation_page)),
        (
            "POST",
            "/konto/unternehmen/{id}/einladen",
            post(account_pages::company_invite),
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/mitglieder/{person}/entfernen",
            post(account_pages::company_remove),
        ),
        (
            "GET POST",
            "/konto/unternehmen/buchen",
            get(crate::company_pages::choose).post(crate::company_pages::book),
        ),
        (
            "GET",
            "/konto/unternehmen/{id}/anmeldungen",
            get(crate::company_pages::registrations),
        ),
        (
            "POST",
            "/konto/unternehmen/{id}/verlassen",
            post(account_pages::company_leave),
        ),
        ("GET", "/verwaltung", get(admin_pages::admin)),
        (
            "POST",
            "/verwaltung/personen",
            post(admin_pages::create_person),
        ),
        ("GET", "/redaktion", get(editor_pages::editor)),
        (
            "GET POST",
            "/redaktion/angebote/neu",
            get(editor_pages::new_offering).post(editor_pages::create_offering),
        ),
        (
            "GET POST",
            "/redaktion/angebote/{id}",
            get(editor_pages::edit_offering).post(editor_pages::save_offering),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/termine",
            post(editor_pages::add_session),
        ),
        (
            "GET POST",
            "/redaktion/termine/{id}",
            get(checkin_pages::show).post(checkin_pages::check_in),
        ),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.csv",
            get(checkin_pages::csv),
        ),
        (
            "GET",
            "/redaktion/termine/{id}/teilnehmende.xlsx",
            get(checkin_pages::xlsx),
        ),
        (
            "POST",
            "/redaktion/termine/{id}/absagen",
            post(editor_pages::cancel_session),
        ),
        (
            "POST",
            "/redaktion/angebote/{id}/zurueckziehen",
            post(editor_pages::withdraw_offering),
        ),
        (
            "GET POST",
            "/passwort-vergessen",
            get(account_pages::forgot_page).post(account_pages::forgot_submit),
        ),
        (
            "GET POST",
            "/passwort-neu",
            get(account_pages::new_password_page).post(account_pages::new_password_submit),
        ),
    ]
}

/// The whole application: pages, API, operations, with their middleware.
pub fn router(state: AppState) -> Router {
    // Initialize the recorder before the first request is counted.
    let _ = ops::prometheus();
    let config = state.config.clone();
    let (api_router, openapi) = api::router();
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
        .route("/ical/topics/{file}", get(crate::calendar::topic_feed))
        .route("/ical/me/{file}", get(crate::calendar::personal_feed));
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
        .fallback(pages::not_found)
        .layer(axum::Extension(openapi))
        .layer(axum::middleware::from_fn(crate::auth::same_origin_check))
        // Compressed inside the public cache, so cached answers are stored compressed.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            crate::public_cache::PublicCache::new(),
            crate::public_cache::serve,
        ))
        .layer(axum::middleware::from_fn(ops::record_request))
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
                .layer(RequestBodyLimitLayer::new(config.body_limit))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    config.request_timeout,
                )),
        )
        .with_state(state)
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes the requests
/// in flight.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
