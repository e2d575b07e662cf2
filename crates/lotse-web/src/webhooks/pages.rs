//! The webhook pages under `/redaktion/webhooks`: one's subscriptions with a form for
//! a new one (the secret shown once), a test event, switching on again, deleting, and
//! each subscription's delivery log.

use super::service::{self, Subscription};
use crate::error::AppError;
use crate::format;
use crate::http::auth::{SignedIn, SignedInPage};
use crate::http::extract::{NoSuchWebhook, PathId};
use crate::http::form::{FormData, field, form_or_empty};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use lotse_store::webhooks::{EVENT_TYPES, Webhook};
use std::collections::HashMap;
use uuid::Uuid;

/// A subscription as the list shows it.
struct HookRow {
    id: Uuid,
    url: String,
    /// The chosen event types in words.
    events: String,
    /// "Alle Partner" or the partner's name.
    partner: String,
    /// "aktiv", or since when it is switched off.
    state: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "webhooks/list.html")]
struct ListPage {
    ctx: Ctx,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    hooks: Vec<HookRow>,
    /// (type, label, checked) for the form.
    events: Vec<(String, String, bool)>,
    /// (value, label) of the partners one may subscribe for; empty when there is no
    /// choice to make.
    partners: Vec<(String, String)>,
    url: String,
    partner: String,
    /// A subscription just made: its id and secret, shown this once.
    created: Option<(Uuid, String)>,
}

fn forbidden(lang: Lang, e: AppError) -> Result<Response, AppError> {
    match e {
        AppError::Forbidden(_) => Ok(error_page(lang, StatusCode::FORBIDDEN, Vec::new())),
        AppError::NotFound(_) => Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        e => Err(e),
    }
}

/// The partners `me` may subscribe for: staff choose any (or all), an editor of
/// several partners one of them.
fn partner_choices(
    partners: &[lotse_store::catalogue::Partner],
    lang: Lang,
    me: &SignedIn,
) -> Vec<(String, String)> {
    let named = |p: &lotse_store::catalogue::Partner| (p.id.to_string(), p.name.clone());
    if me.actor.has_role(lotse_core::accounts::Role::Staff) {
        let mut choices = vec![(String::new(), lang.t("webhooks-all-partners"))];
        choices.extend(partners.iter().map(named));
        return choices;
    }
    let own = service::own_partners(me);
    if own.len() < 2 {
        return Vec::new();
    }
    partners
        .iter()
        .filter(|p| own.contains(&p.id))
        .map(named)
        .collect()
}

async fn list_page(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    notice: Option<&str>,
) -> Result<ListPage, AppError> {
    let hooks = service::list(state, me).await?;
    let partners = lotse_store::catalogue::partners(&state.db).await?;
    let names: HashMap<Uuid, &str> = partners.iter().map(|p| (p.id, p.name.as_str())).collect();
    const NOTICES: [&str; 4] = ["geloescht", "test", "eingeschaltet", "ausgeschaltet"];
    Ok(ListPage {
        ctx: Ctx::new(lang, "/redaktion/webhooks"),
        notice: notice
            .filter(|n| NOTICES.contains(n))
            .map(|n| lang.t(&format!("webhooks-notice-{n}"))),
        errors: Vec::new(),
        hooks: hooks
            .iter()
            .map(|h| HookRow {
                id: h.id,
                url: h.url.clone(),
                events: h.event_types().join(", "),
                partner: h
                    .partner_id
                    .and_then(|p| names.get(&p).map(|n| (*n).to_owned()))
                    .unwrap_or_else(|| lang.t("webhooks-all-partners")),
                state: match h.disabled_at {
                    _ if h.active => lang.t("webhooks-active"),
                    Some(at) => lang.t_args(
                        "webhooks-switched-off",
                        &[(
                            "date",
                            jiff::Timestamp::from_second(at)
                                .map(|t| format::date(lang, t))
                                .unwrap_or_default()
                                .into(),
                        )],
                    ),
                    None => lang.t("webhooks-inactive"),
                },
                active: h.active,
            })
            .collect(),
        events: EVENT_TYPES
            .iter()
            .map(|t| ((*t).to_owned(), event_label(lang, t), false))
            .collect(),
        partners: partner_choices(&partners, lang, me),
        url: String::new(),
        partner: String::new(),
        created: None,
    })
}

fn event_label(lang: Lang, kind: &str) -> String {
    format!(
        "{} ({kind})",
        lang.t(&format!("webhook-event-{}", kind.replace('.', "-")))
    )
}

/// `GET /redaktion/webhooks`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    match list_page(&state, lang, &me, query.get("hinweis").map(String::as_str)).await {
        Ok(page) => Ok(render(page)),
        Err(e) => forbidden(lang, e),
    }
}

/// `POST /redaktion/webhooks`: subscribes, and shows the secret this once.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    form: Result<Form<FormData>, FormRejection>,
) -> Result<Response, AppError> {
    let form = form_or_empty(form);
    let chosen: Vec<String> = EVENT_TYPES
        .iter()
        .filter(|t| form.contains_key(&format!("event-{t}")))
        .map(|t| (*t).to_owned())
        .collect();
    let partner = field(&form, "partner_id");
    let partner_id = match partner.trim() {
        "" => None,
        raw => match Uuid::try_parse(raw) {
            Ok(id) => Some(id),
            Err(_) => return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        },
    };
    let asked = Subscription {
        url: field(&form, "url"),
        events: chosen.clone(),
        partner_id,
    };
    match service::create(&state, &me, asked.clone()).await {
        Ok(hook) => {
            let mut page = list_page(&state, lang, &me, None).await?;
            page.created = Some((hook.id, hook.secret));
            let mut response = render(page);
            // The secret must not stay in any cache.
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            *response.status_mut() = StatusCode::CREATED;
            Ok(response)
        }
        Err(AppError::Invalid(fields)) => {
            let mut page = list_page(&state, lang, &me, None).await?;
            page.errors = fields
                .iter()
                .map(|f| (f.field.clone(), f.message.text(lang)))
                .collect();
            page.url = asked.url;
            page.partner = partner;
            for (kind, _, checked) in &mut page.events {
                *checked = chosen.contains(kind);
            }
            let mut response = render(page);
            *response.status_mut() = StatusCode::BAD_REQUEST;
            Ok(response)
        }
        Err(e) => forbidden(lang, e),
    }
}

/// What the buttons of a subscription do.
#[derive(Debug, Clone, Copy)]
enum Act {
    Test,
    SwitchOn,
    SwitchOff,
    Delete,
}

/// Does `act` to one of `me`'s subscriptions and goes back with a notice: to its log
/// after a test event, to the list otherwise.
async fn act(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    act: Act,
) -> Result<Response, AppError> {
    let done = match act {
        Act::Test => service::send_test(state, me, id).await.map(|_| ()),
        Act::SwitchOn => service::set_active(state, me, id, true).await,
        Act::SwitchOff => service::set_active(state, me, id, false).await,
        Act::Delete => service::delete(state, me, id).await,
    };
    if let Err(e) = done {
        return forbidden(lang, e);
    }
    let to = match act {
        Act::Test => format!("/redaktion/webhooks/{id}?hinweis=test"),
        Act::SwitchOn => "/redaktion/webhooks?hinweis=eingeschaltet".into(),
        Act::SwitchOff => "/redaktion/webhooks?hinweis=ausgeschaltet".into(),
        Act::Delete => "/redaktion/webhooks?hinweis=geloescht".into(),
    };
    Ok(Redirect::to(&to).into_response())
}

/// `POST /redaktion/webhooks/{id}/test`.
pub async fn test(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<Response, AppError> {
    act(&state, lang, &me, id, Act::Test).await
}

/// `POST /redaktion/webhooks/{id}/einschalten`.
pub async fn switch_on(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<Response, AppError> {
    act(&state, lang, &me, id, Act::SwitchOn).await
}

/// `POST /redaktion/webhooks/{id}/ausschalten`.
pub async fn switch_off(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<Response, AppError> {
    act(&state, lang, &me, id, Act::SwitchOff).await
}

/// `POST /redaktion/webhooks/{id}/loeschen`.
pub async fn delete(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchWebhook>,
) -> Result<Response, AppError> {
    act(&state, lang, &me, id, Act::Delete).await
}

/// A delivery as the log shows it.
struct DeliveryRow {
    kind: String,
    created: String,
    /// "zugestellt", "ausstehend (nächster Versuch …)" or "aufgegeben".
    outcome: String,
    /// CSS modifier: `ok`, `warn` or `error`.
    state: &'static str,
    attempts: i64,
    /// The receiver's answer or why it failed.
    detail: String,
}

#[derive(Template)]
#[template(path = "webhooks/log.html")]
struct LogPage {
    ctx: Ctx,
    notice: Option<String>,
    url: String,
    active: bool,
    test_action: String,
    rows: Vec<DeliveryRow>,
}

fn when(lang: Lang, seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| format!("{} {}", format::date(lang, t), format::time(t)))
        .unwrap_or_default()
}

/// `GET /redaktion/webhooks/{id}`: the delivery log.
pub async fn log(
    State(state): State<AppState>,
    lang: Lang,
    SignedInPage(me): SignedInPage,
    PathId(id, _): PathId<NoSuchWebhook>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (hook, entries): (Webhook, _) = match service::log(&state, &me, id).await {
        Ok(found) => found,
        Err(e) => return forbidden(lang, e),
    };
    let rows = entries
        .iter()
        .map(|d| {
            let (outcome, state) = if d.delivered_at.is_some() {
                (lang.t("webhooks-delivered"), "ok")
            } else if d.given_up_at.is_some() {
                (lang.t("webhooks-given-up"), "error")
            } else {
                (
                    lang.t_args(
                        "webhooks-pending",
                        &[("when", when(lang, d.next_attempt_at).into())],
                    ),
                    "warn",
                )
            };
            let detail = match (&d.last_error, d.last_status) {
                (Some(code), status) => {
                    let reason = lang.t(&format!("webhook-error-{code}"));
                    match status {
                        Some(s) => format!("HTTP {s}: {reason}"),
                        None => reason,
                    }
                }
                (None, Some(status)) => format!("HTTP {status}"),
                (None, None) => String::new(),
            };
            DeliveryRow {
                kind: d.kind.clone(),
                created: when(lang, d.created_at),
                outcome,
                state,
                attempts: d.attempts,
                detail,
            }
        })
        .collect();
    Ok(render(LogPage {
        ctx: Ctx::new(lang, &format!("/redaktion/webhooks/{id}")),
        notice: query
            .get("hinweis")
            .filter(|h| *h == "test")
            .map(|_| lang.t("webhooks-notice-test")),
        url: hook.url,
        active: hook.active,
        test_action: format!("/redaktion/webhooks/{id}/test"),
        rows,
    }))
}
