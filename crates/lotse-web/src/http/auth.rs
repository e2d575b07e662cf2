//! Who is asking: sign-in sessions (cookie), personal API tokens (Bearer), password
//! hashing, secrets, the same-origin check against CSRF, and login throttling.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lotse_core::accounts::{Actor, Membership};
use lotse_store::accounts::{self as store, Person};
use lotse_store::acting;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "lotse_session";

/// A new random secret: 32 bytes from the operating system, URL-safe base64.
pub fn new_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The SHA-256 hex digest under which a secret is stored.
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a password with argon2id (on a blocking thread: it is slow on purpose).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let salt = SaltString::generate(&mut OsRng);
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// A hash of a random password, verified against when the e-mail address is unknown,
/// so that a sign-in takes as long for unknown addresses as for known ones.
static DUMMY_HASH: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Checks a password against a stored hash; `None` hash still spends the same time.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{
            PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
        };
        let dummy = DUMMY_HASH.get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            argon2::Argon2::default()
                .hash_password(b"no such account, no such password", &salt)
                .map(|h| h.to_string())
                .ok()
        });
        let (hash, real) = match &hash {
            Some(h) => (h.as_str(), true),
            None => (dummy.as_deref().unwrap_or_default(), false),
        };
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let ok = argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && real
    })
    .await
    .unwrap_or(false)
}

/// The client's address as the server saw it.
pub fn client_ip(parts_extensions: &axum::http::Extensions) -> String {
    parts_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "-".to_owned())
}

/// The value of the cookie `name` in a request's headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|cookie| cookie.value().to_owned())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
}

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A sign-in session; carries the hash of its id.
    Session(String),
    /// A personal API token.
    Token,
}

/// A signed-in person with their roles.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The person.
    pub person: Person,
    /// Their roles, for policy decisions.
    pub actor: Actor,
    /// Their memberships with organization names.
    pub memberships: Vec<store::MembershipView>,
    /// How they signed in.
    pub credential: Credential,
    /// The client's address.
    pub ip: String,
}

/// The caller, if signed in; `None` for anonymous callers. A cookie or token that is
/// unknown, expired or revoked counts as anonymous.
#[derive(Debug, Clone)]
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(found) = parts.extensions.get::<MaybeSignedIn>() {
            return Ok(found.clone());
        }
        let now = lotse_store::now_seconds();
        let ip = client_ip(&parts.extensions);
        // One query finds the person, their roles and the credential.
        let (acting, credential) = if let Some(token) = bearer(&parts.headers) {
            (
                acting::by_token(&state.db, &hash_secret(&token), now, &state.touches).await?,
                Credential::Token,
            )
        } else if let Some(session) = cookie_value(&parts.headers, SESSION_COOKIE) {
            let hash = hash_secret(&session);
            (
                acting::by_session(
                    &state.db,
                    &hash,
                    state.config.session_limits,
                    now,
                    &state.touches,
                )
                .await?,
                Credential::Session(hash),
            )
        } else {
            (None, Credential::Token)
        };
        let signed_in = acting.map(|acting| {
            let actor = Actor {
                person_id: acting.person.id,
                email_confirmed: acting.person.email_confirmed_at.is_some(),
                memberships: acting
                    .memberships
                    .iter()
                    .map(|m| m.membership)
                    .collect::<Vec<Membership>>(),
            };
            SignedIn {
                person: acting.person,
                actor,
                memberships: acting.memberships,
                credential,
                ip,
            }
        });
        let found = MaybeSignedIn(signed_in);
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// The caller, who must be signed in (401 otherwise).
#[derive(Debug, Clone)]
pub struct Authenticated(pub SignedIn);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match MaybeSignedIn::from_request_parts(parts, state).await?.0 {
            Some(s) => Ok(Authenticated(s)),
            None => Err(AppError::Unauthenticated),
        }
    }
}

/// The cookie that starts a session: only for this site's requests over HTTP (no
/// scripts), sent along with top-level navigations from elsewhere, for `max_age` seconds.
pub fn session_cookie(secret: &str, secure: bool, max_age: i64) -> Cookie<'static> {
    session_cookie_with(secret.to_owned(), secure, max_age)
}

/// The cookie that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> Cookie<'static> {
    session_cookie_with(String::new(), secure, 0)
}

fn session_cookie_with(value: String, secure: bool, max_age: i64) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::seconds(max_age))
        .secure(secure)
        .build()
}

/// Whether the request came over TLS (directly by configuration, or as a proxy says).
pub fn is_secure(headers: &HeaderMap, configured: bool) -> bool {
    configured
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Middleware against cross-site request forgery: a state-changing request that
/// carries the session cookie must come from the site itself, as its `Origin` header
/// (or, where a client sends none, `Sec-Fetch-Site`) shows. Bearer-token calls carry no
/// ambient authority and pass.
pub async fn same_origin_check(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let headers = request.headers();
    if safe || bearer(headers).is_some() || cookie_value(headers, SESSION_COOKIE).is_none() {
        return next.run(request).await;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let same_origin = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => {
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            origin_host.is_some() && origin_host == host
        }
        None => headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "same-origin"),
    };
    if same_origin {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request with the session cookie");
        AppError::Forbidden("refusal-cross-site".into()).into_response()
    }
}

/// Limits of sign-in attempts in a window.
pub const LOGIN_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed attempts per account in the window before sign-in pauses.
pub const LOGIN_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed attempts per address in the window before sign-in pauses.
pub const LOGIN_FAILURES_PER_ADDRESS: i64 = 20;

/// How long to wait after too many failed sign-ins, for `Retry-After`.
pub const RETRY_AFTER_SECONDS: &str = "900";

/// A signed-in visitor of a page; anybody else is sent to the sign-in page, and back
/// here afterwards when the page was opened with GET.
pub struct SignedInPage(pub SignedIn);

impl axum::extract::FromRequestParts<AppState> for SignedInPage {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let me = MaybeSignedIn::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let back = if parts.method == axum::http::Method::GET {
            parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/konto".into())
        } else {
            "/konto".into()
        };
        require(me, &back)
            .map(SignedInPage)
            .map_err(IntoResponse::into_response)
    }
}

/// The signed-in person, or a redirect to the sign-in page.
pub(crate) fn require(me: MaybeSignedIn, back: &str) -> Result<SignedIn, Redirect> {
    me.0.ok_or_else(|| {
        Redirect::to(&format!(
            "/anmelden?weiter={}",
            crate::http::form::encode(back)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_stored_hashed() {
        let (a, b) = (
            new_secret().unwrap_or_default(),
            new_secret().unwrap_or_default(),
        );
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), a);
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn session_cookies_keep_their_attributes() {
        assert_eq!(
            session_cookie("abc", false, 3600).to_string(),
            "lotse_session=abc; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600"
        );
        assert_eq!(
            session_cookie("abc", true, 60).to_string(),
            "lotse_session=abc; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=60"
        );
        assert_eq!(
            clear_session_cookie(false).to_string(),
            "lotse_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"
        );
        assert_eq!(
            clear_session_cookie(true).to_string(),
            "lotse_session=; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=0"
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            axum::http::HeaderValue::from_static("lotse_lang=en; lotse_session=xyz"),
        );
        assert_eq!(
            cookie_value(&headers, SESSION_COOKIE).as_deref(),
            Some("xyz")
        );
        assert_eq!(cookie_value(&headers, "other"), None);
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("Lagerhalle mit Blick".into())
            .await
            .unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Lagerhalle mit Blick".into(), Some(hash.clone())).await);
        assert!(!verify_password("lagerhalle mit blick".into(), Some(hash)).await);
        assert!(!verify_password("irgendwas".into(), None).await);
    }
}
