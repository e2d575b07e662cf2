//! The webhooks API: subscriptions of the signed-in person, a test event, the
//! delivery log.

use super::service::{self, Subscription};
use crate::error::AppError;
use crate::format::rfc3339;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchWebhook, PathId};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotse_store::webhooks::{DeliveryLogEntry, Webhook};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A new subscription.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WebhookRequest {
    /// The receiver (`https://…`; internal addresses only where the operator allows).
    pub url: String,
    /// Event types: `registration.created`, `registration.cancelled`,
    /// `registration.promoted`, `checkin.created`, `session.cancelled`,
    /// `session.changed`, `credential.issued`.
    pub events: Vec<String>,
    /// The partner whose offerings it hears about. Staff may leave it out for every
    /// partner; an editor of one partner may leave it out for that one.
    #[serde(default)]
    pub partner_id: Option<Uuid>,
}

/// A change to a subscription.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WebhookChange {
    /// `true` switches it on again (waiting deliveries go out), `false` off.
    pub active: bool,
}

/// A subscription.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDto {
    /// Its id.
    pub id: Uuid,
    /// The receiver.
    pub url: String,
    /// Event types.
    pub events: Vec<String>,
    /// The partner it covers; `null`: every partner.
    pub partner_id: Option<Uuid>,
    /// Whether deliveries go out.
    pub active: bool,
    /// When it was switched off after failures in a row (RFC 3339), if it was.
    pub disabled_at: Option<String>,
    /// Failed attempts since the last delivered one.
    pub failures_in_a_row: i64,
    /// When it was made (RFC 3339).
    pub created_at: String,
}

fn at(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(rfc3339)
        .unwrap_or_default()
}

impl From<&Webhook> for WebhookDto {
    fn from(w: &Webhook) -> Self {
        Self {
            id: w.id,
            url: w.url.clone(),
            events: w.event_types().iter().map(|e| (*e).to_owned()).collect(),
            partner_id: w.partner_id,
            active: w.active,
            disabled_at: w.disabled_at.map(at),
            failures_in_a_row: w.failures_in_a_row,
            created_at: at(w.created_at),
        }
    }
}

/// A new subscription with its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedWebhookDto {
    /// The subscription.
    #[serde(flatten)]
    pub webhook: WebhookDto,
    /// The signing secret (`whsec_…`), shown this once: verify deliveries with it.
    pub secret: String,
}

/// A delivery in the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryDto {
    /// Its id; the `webhook-id` header is `msg_` and this id without dashes.
    pub id: Uuid,
    /// The event type (`webhook.test` for a test event).
    #[serde(rename = "type")]
    pub kind: String,
    /// `pending`, `delivered` or `failed` (every attempt failed).
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// When it was queued (RFC 3339).
    pub created_at: String,
    /// When the receiver took it.
    pub delivered_at: Option<String>,
    /// The next attempt, while pending.
    pub next_attempt_at: Option<String>,
    /// The receiver's last HTTP status.
    pub last_status: Option<i64>,
    /// Why the last attempt failed: `status`, `internal-address`, `unresolved`,
    /// `timeout`, `connect`, `network`.
    pub last_error: Option<String>,
}

impl From<&DeliveryLogEntry> for DeliveryDto {
    fn from(d: &DeliveryLogEntry) -> Self {
        let status = if d.delivered_at.is_some() {
            "delivered"
        } else if d.given_up_at.is_some() {
            "failed"
        } else {
            "pending"
        };
        Self {
            id: d.id,
            kind: d.kind.clone(),
            status: status.into(),
            attempts: d.attempts,
            created_at: at(d.created_at),
            delivered_at: d.delivered_at.map(at),
            next_attempt_at: (status == "pending").then(|| at(d.next_attempt_at)),
            last_status: d.last_status,
            last_error: d.last_error.clone(),
        }
    }
}

/// A queued test event.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedDto {
    /// The delivery; see the log.
    pub delivery_id: Uuid,
}

/// A list.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookItems<T: ToSchema> {
    /// The entries, newest first.
    pub items: Vec<T>,
}

/// One's webhook subscriptions.
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "webhooks",
    responses(
        (status = 200, description = "One's subscriptions, newest first", body = WebhookItems<WebhookDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff nor a partner's editor", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
) -> Result<Json<WebhookItems<WebhookDto>>, AppError> {
    let hooks = service::list(&state, &me).await?;
    Ok(Json(WebhookItems {
        items: hooks.iter().map(WebhookDto::from).collect(),
    }))
}

/// Subscribe a URL to events (staff: every partner's or one's; a partner's editors:
/// their partner's). The answer carries the signing secret, this once.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "webhooks", request_body = WebhookRequest,
    responses(
        (status = 201, description = "Subscribed", body = CreatedWebhookDto),
        (status = 400, description = "Invalid URL or event types, or an internal address", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff nor a partner's editor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Another partner", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    ApiJson(body): ApiJson<WebhookRequest>,
) -> Result<Response, AppError> {
    let hook = service::create(
        &state,
        &me,
        Subscription {
            url: body.url,
            events: body.events,
            partner_id: body.partner_id,
        },
    )
    .await?;
    let created = CreatedWebhookDto {
        webhook: WebhookDto::from(&hook),
        secret: hook.secret,
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Switch one's subscription on again or off.
#[utoipa::path(patch, path = "/api/v1/webhooks/{id}", tag = "webhooks", request_body = WebhookChange,
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "Invalid input", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription of one's own", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchWebhook>,
    ApiJson(body): ApiJson<WebhookChange>,
) -> Result<StatusCode, AppError> {
    service::set_active(&state, &me, id, body.active).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one's subscription with its delivery log.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription of one's own", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<StatusCode, AppError> {
    service::delete(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send a test event (`webhook.test`) to one's subscription.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/test", tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses(
        (status = 202, description = "Queued; see the delivery log", body = QueuedDto),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription of one's own", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn test(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<Response, AppError> {
    let delivery_id = service::send_test(&state, &me, id).await?;
    Ok((StatusCode::ACCEPTED, Json(QueuedDto { delivery_id })).into_response())
}

/// The newest 100 deliveries of one's subscription.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "webhooks",
    params(("id" = Uuid, Path, description = "The subscription's id")),
    responses(
        (status = 200, description = "Deliveries, newest first", body = WebhookItems<DeliveryDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription of one's own", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn deliveries(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<Json<WebhookItems<DeliveryDto>>, AppError> {
    let (_, entries) = service::log(&state, &me, id).await?;
    Ok(Json(WebhookItems {
        items: entries.iter().map(DeliveryDto::from).collect(),
    }))
}
