//! The webhook use cases: subscribing a URL, listing, switching on again, deleting,
//! a test event and the delivery log; each asks the policy first.

use crate::error::AppError;
use crate::http::auth::SignedIn;
use crate::state::AppState;
use base64::Engine;
use lotse_core::accounts::{Action, Role, authorize};
use lotse_store::webhooks::{self as store, EVENT_TYPES, Webhook};
use std::net::IpAddr;
use uuid::Uuid;

/// Longest subscription URL accepted.
const LONGEST_URL: usize = 2000;

/// What a subscription asks for.
#[derive(Debug, Clone, Default)]
pub struct Subscription {
    /// The receiver.
    pub url: String,
    /// Event types.
    pub events: Vec<String>,
    /// The partner whose offerings it hears about; `None`: every partner (staff), or
    /// the one partner an editor edits.
    pub partner_id: Option<Uuid>,
}

/// Whether `me` may use webhooks at all: staff, or an editor of some partner.
pub fn may_use(me: &SignedIn) -> Result<(), AppError> {
    if me.actor.has_role(Role::Staff) || me.actor.has_role(Role::PartnerEditor) {
        Ok(())
    } else {
        Err(AppError::Forbidden("refusal-role".into()))
    }
}

/// The partners whose events `me` may subscribe to alone (an editor's partners).
pub fn own_partners(me: &SignedIn) -> Vec<Uuid> {
    me.actor
        .memberships
        .iter()
        .filter_map(|m| match (m.role, m.scope) {
            (Role::PartnerEditor, lotse_core::accounts::Scope::Partner(p)) => Some(p),
            _ => None,
        })
        .collect()
}

/// Which partner a new subscription covers, after the policy.
fn scope(me: &SignedIn, asked: Option<Uuid>) -> Result<Option<Uuid>, AppError> {
    let scope = match asked {
        Some(partner) => Some(partner),
        None if me.actor.has_role(Role::Staff) => None,
        None => match own_partners(me).as_slice() {
            [only] => Some(*only),
            [] => None,
            _ => return Err(AppError::field("partner_id", "webhook-partner-required")),
        },
    };
    match AppError::from_decision(
        authorize(Some(&me.actor), Action::ManageWebhooks(scope)),
        "refusal-not-found-partner",
    ) {
        Some(e) => Err(e),
        None => Ok(scope),
    }
}

/// Whether an address belongs to this machine or an internal network: loopback,
/// private, link-local, shared (CGNAT), unique-local, documentation, reserved.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (b & 0xc0) == 64)
                || (a == 198 && (b & 0xfe) == 18)
                || a >= 240
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.to_ipv4_mapped()
                .is_some_and(|v4| is_internal(IpAddr::V4(v4)))
                || v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// Checks a receiver's address: `http` or `https` with a host, and, unless internal
/// targets are allowed, not a name or address of this machine or an internal network
/// (names are checked again, resolved, at every delivery).
pub fn check_target(raw: &str, allow_internal: bool) -> Result<reqwest::Url, AppError> {
    let invalid = || AppError::field("url", "webhook-url-invalid");
    let raw = raw.trim();
    if raw.len() > LONGEST_URL {
        return Err(invalid());
    }
    let url = reqwest::Url::parse(raw).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid());
    }
    let internal = match url.host() {
        None => return Err(invalid()),
        Some(url::Host::Ipv4(v4)) => is_internal(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => is_internal(IpAddr::V6(v6)),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost") || !name.contains('.')
        }
    };
    if internal && !allow_internal {
        return Err(AppError::field("url", "webhook-url-internal"));
    }
    Ok(url)
}

/// The chosen event types, each known, in the specification's order.
fn check_events(chosen: &[String]) -> Result<String, AppError> {
    let unknown = chosen.iter().any(|e| !EVENT_TYPES.contains(&e.trim()));
    if chosen.is_empty() || unknown {
        return Err(AppError::field("events", "webhook-events-invalid"));
    }
    Ok(EVENT_TYPES
        .iter()
        .filter(|t| chosen.iter().any(|c| c.trim() == **t))
        .copied()
        .collect::<Vec<_>>()
        .join(" "))
}

/// A new signing secret: `whsec_` and 32 random bytes in base64.
fn new_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// Subscribes a URL on behalf of `me`; the result carries the secret, shown once.
pub async fn create(
    state: &AppState,
    me: &SignedIn,
    asked: Subscription,
) -> Result<Webhook, AppError> {
    // The policy first: who may not subscribe learns nothing from the input's checks.
    may_use(me)?;
    let partner = scope(me, asked.partner_id)?;
    let mut problems = Vec::new();
    let url = check_target(&asked.url, state.config.webhooks.allow_private_targets)
        .map_err(|e| problems.push(e))
        .ok();
    let events = check_events(&asked.events)
        .map_err(|e| problems.push(e))
        .ok();
    let (Some(url), Some(events)) = (url, events) else {
        return Err(merge(problems));
    };
    let hook = Webhook {
        id: Uuid::now_v7(),
        owner_id: me.person.id,
        partner_id: partner,
        url: url.to_string(),
        secret: new_secret()?,
        events,
        active: true,
        failures_in_a_row: 0,
        disabled_at: None,
        created_at: lotse_store::now_seconds(),
    };
    store::create(&state.db, &hook).await?;
    Ok(hook)
}

/// Several field errors as one.
fn merge(problems: Vec<AppError>) -> AppError {
    let fields = problems
        .into_iter()
        .flat_map(|p| match p {
            AppError::Invalid(fields) => fields,
            _ => Vec::new(),
        })
        .collect();
    AppError::Invalid(fields)
}

/// `me`'s subscriptions.
pub async fn list(state: &AppState, me: &SignedIn) -> Result<Vec<Webhook>, AppError> {
    may_use(me)?;
    Ok(store::of_owner(&state.db, me.person.id).await?)
}

/// One of `me`'s subscriptions; another person's is not found.
pub async fn get(state: &AppState, me: &SignedIn, id: Uuid) -> Result<Webhook, AppError> {
    may_use(me)?;
    store::owned(&state.db, me.person.id, id)
        .await?
        .ok_or_else(not_found)
}

fn not_found() -> AppError {
    AppError::NotFound("refusal-not-found-webhook".into())
}

/// Deletes one of `me`'s subscriptions with its log.
pub async fn delete(state: &AppState, me: &SignedIn, id: Uuid) -> Result<(), AppError> {
    may_use(me)?;
    if store::delete(&state.db, me.person.id, id).await? {
        Ok(())
    } else {
        Err(not_found())
    }
}

/// Switches one of `me`'s subscriptions on (again) or off.
pub async fn set_active(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    may_use(me)?;
    if store::set_active(&state.db, me.person.id, id, active).await? {
        Ok(())
    } else {
        Err(not_found())
    }
}

/// Queues a test event for one of `me`'s subscriptions; returns the delivery's id.
pub async fn send_test(state: &AppState, me: &SignedIn, id: Uuid) -> Result<Uuid, AppError> {
    may_use(me)?;
    store::queue_test(&state.db, me.person.id, id, lotse_store::now_seconds())
        .await?
        .ok_or_else(not_found)
}

/// The newest deliveries of one of `me`'s subscriptions.
pub async fn log(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> Result<(Webhook, Vec<store::DeliveryLogEntry>), AppError> {
    let hook = get(state, me, id).await?;
    let entries = store::log(&state.db, me.person.id, id, 100).await?;
    Ok((hook, entries))
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn internal_targets_are_told_apart_from_public_ones() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            let ip: IpAddr = internal.parse().expect("an address");
            assert!(is_internal(ip), "{internal}");
        }
        for public in ["93.184.216.34", "141.43.1.1", "2a01:4f8::1"] {
            let ip: IpAddr = public.parse().expect("an address");
            assert!(!is_internal(ip), "{public}");
        }
    }

    #[test]
    fn targets_must_be_web_addresses_outside_unless_allowed() {
        assert!(check_target("https://hooks.kammer.example/lotse", false).is_ok());
        for refused in [
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://[::1]/hook",
            "http://intranet/hook",
        ] {
            assert!(check_target(refused, false).is_err(), "{refused}");
            assert!(check_target(refused, true).is_ok(), "{refused}");
        }
        for invalid in ["ftp://example.org/x", "kein link", "https://", ""] {
            assert!(check_target(invalid, true).is_err(), "{invalid}");
        }
    }

    #[test]
    fn events_are_known_types_in_a_fixed_order() {
        let chosen = vec![
            "session.cancelled".to_owned(),
            "registration.created".to_owned(),
        ];
        assert_eq!(
            check_events(&chosen).ok().as_deref(),
            Some("registration.created session.cancelled")
        );
        assert!(check_events(&[]).is_err());
        assert!(check_events(&["registration.deleted".to_owned()]).is_err());
    }
}
