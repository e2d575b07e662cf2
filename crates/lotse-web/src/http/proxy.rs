//! Requests through a reverse proxy: `X-Forwarded-For` and `X-Forwarded-Proto` are
//! believed only from the proxies the operator named (`trusted_proxies`). From anyone
//! else they are removed before any handler sees them, so that a client cannot pick
//! its own address for the sign-in throttle or the metrics check, nor claim TLS.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
const FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
const FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");
const FORWARDED: HeaderName = HeaderName::from_static("forwarded");

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<Vec<IpNet>>);

impl TrustedProxies {
    /// Parses addresses and networks such as `127.0.0.1`, `::1` or `10.0.0.0/8`; an
    /// error names the entry.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, String> {
        let nets = entries
            .iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("'{entry}' is not an address or network like 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self(Arc::new(nets)))
    }

    /// Whether none is configured.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind a trusted peer: the right-most address in `X-Forwarded-For`
    /// that is not itself a trusted proxy (the ones left of it were written by the
    /// client and prove nothing).
    fn client_of(&self, forwarded_for: &str) -> Option<IpAddr> {
        forwarded_for
            .split(',')
            .rev()
            .map(str::trim)
            .filter_map(|entry| entry.parse::<IpAddr>().ok())
            .find(|ip| !self.trusts(*ip))
    }
}

static WARNED: AtomicBool = AtomicBool::new(false);

/// Middleware: behind a trusted proxy, the client's address becomes the connection's
/// address for everything after; from any other peer the forwarding headers are
/// dropped (counted in `lotse_untrusted_proxy_headers_total`, the first one logged).
pub async fn from_trusted_proxies(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let headers = request.headers();
    let forwarding = [
        &FORWARDED_FOR,
        &FORWARDED_PROTO,
        &FORWARDED_HOST,
        &FORWARDED,
    ]
    .iter()
    .any(|name| headers.contains_key(*name));
    match peer {
        Some(peer) if trusted.trusts(peer.ip()) => {
            let client = headers
                .get_all(&FORWARDED_FOR)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect::<Vec<_>>()
                .join(",");
            if let Some(ip) = trusted.client_of(&client) {
                request
                    .extensions_mut()
                    .insert(ConnectInfo(SocketAddr::new(ip, 0)));
            }
        }
        _ if forwarding => {
            for name in [
                &FORWARDED_FOR,
                &FORWARDED_PROTO,
                &FORWARDED_HOST,
                &FORWARDED,
            ] {
                request.headers_mut().remove(name);
            }
            metrics::counter!("lotse_untrusted_proxy_headers_total").increment(1);
            if !WARNED.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    peer = %peer.map_or_else(|| "-".to_owned(), |p| p.ip().to_string()),
                    "forwarding headers from an address not in trusted_proxies were ignored \
                     (set trusted_proxies / LOTSE_TRUSTED_PROXIES to the proxy's address)"
                );
            }
        }
        _ => {}
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_rightmost_untrusted_address() {
        let trusted = TrustedProxies::parse(&["127.0.0.1", "10.0.0.0/8"])
            .unwrap_or_else(|e| unreachable!("{e}"));
        // The client claimed 1.2.3.4; the outer proxy saw 203.0.113.9; the inner
        // proxy (10.1.1.1) is ours.
        assert_eq!(
            trusted.client_of("1.2.3.4, 203.0.113.9, 10.1.1.1"),
            "203.0.113.9".parse().ok()
        );
        assert_eq!(trusted.client_of("10.1.1.1"), None);
        assert_eq!(
            trusted.client_of("kein, 198.51.100.7"),
            "198.51.100.7".parse().ok()
        );
        assert!(trusted.trusts("::ffff:127.0.0.1".parse().unwrap_or(IpAddr::from([0; 4]))));
        let err = TrustedProxies::parse(&["nginx"]).err().unwrap_or_default();
        assert!(err.contains("'nginx'"), "{err}");
    }
}
