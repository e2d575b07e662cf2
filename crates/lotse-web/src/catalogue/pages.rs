//! The catalogue's pages: start page, catalogue with facet filters (plain forms,
//! updated in place by htmx), offerings, qualifications and partners.

use crate::error::AppError;
use crate::error::{InvalidField, Message};
use crate::format;
use crate::http::error::FieldError;
use crate::http::extract::{NoSuchPage, PathId, parse_id};
use crate::http::page::{Ctx, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use lotse_core::catalogue::{Audience, OfferingKind, SessionStatus, Topic, berlin};
use lotse_store::catalogue::{self as store, Cursor, OfferingFilter};
use serde::Deserialize;
use utoipa::IntoParams;

/// Default and largest page sizes of the catalogue.
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

/// The catalogue's filters as query parameters, shared by the page and the API.
/// Empty values count as absent, as HTML forms send them.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogueQuery {
    /// Topic key, for example `logistik-4-0` (see `/api/v1/topics`).
    pub topic: Option<String>,
    /// Kind: `module`, `workshop`, `info_event`, `webinar`, `consultation`, `demonstrator`.
    pub kind: Option<String>,
    /// Audience key (see `/api/v1/audiences`).
    pub audience: Option<String>,
    /// Partner id (see `/api/v1/partners`).
    pub partner: Option<String>,
    /// Place id (see `/api/v1/places`): offerings with an upcoming session there.
    pub place: Option<String>,
    /// First day (`YYYY-MM-DD`, Europe/Berlin) a session may start on.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`, Europe/Berlin) a session may start on.
    pub to: Option<String>,
    /// Text to find in title, summary or description.
    pub q: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<String>,
    /// The `next` value of the previous page.
    pub cursor: Option<String>,
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn day(field: &'static str, raw: &str) -> Result<Date, InvalidField> {
    raw.parse::<Date>().map_err(|_| InvalidField {
        field: field.into(),
        message: "invalid-date".into(),
    })
}

fn start_of(date: Date) -> Option<Timestamp> {
    date.to_zoned(berlin()).ok().map(|z| z.timestamp())
}

impl CatalogueQuery {
    /// Checks every parameter; returns the filter, the cursor and the page size, or
    /// every problem found.
    pub fn parse(&self) -> Result<(OfferingFilter, Option<Cursor>, u32), Vec<InvalidField>> {
        let mut errors: Vec<InvalidField> = Vec::new();
        let mut filter = OfferingFilter::default();
        let vocab = |field: &'static str, e: lotse_core::Invalid| InvalidField {
            field: field.into(),
            message: e.into(),
        };
        if let Some(raw) = present(&self.topic) {
            match Topic::parse(raw) {
                Ok(t) => filter.topic = Some(t),
                Err(e) => errors.push(vocab("topic", e)),
            }
        }
        if let Some(raw) = present(&self.kind) {
            match OfferingKind::parse(raw) {
                Ok(k) => filter.kind = Some(k),
                Err(e) => errors.push(vocab("kind", e)),
            }
        }
        if let Some(raw) = present(&self.audience) {
            match Audience::parse(raw) {
                Ok(a) => filter.audience = Some(a),
                Err(e) => errors.push(vocab("audience", e)),
            }
        }
        for (field, raw, slot) in [
            ("partner", present(&self.partner), &mut filter.partner),
            ("place", present(&self.place), &mut filter.place),
        ] {
            if let Some(raw) = raw {
                match parse_id(raw) {
                    Some(id) => *slot = Some(id),
                    None => errors.push(InvalidField {
                        field: field.into(),
                        message: "invalid-id".into(),
                    }),
                }
            }
        }
        let from = present(&self.from).map(|r| day("from", r));
        let to = present(&self.to).map(|r| day("to", r));
        match (from, to) {
            (Some(Err(e)), _) | (_, Some(Err(e))) => errors.push(e),
            (from, to) => {
                let from = from.and_then(Result::ok);
                let to = to.and_then(Result::ok);
                if let (Some(f), Some(t)) = (from, to)
                    && f > t
                {
                    errors.push(InvalidField {
                        field: "to".into(),
                        message: "invalid-range-order".into(),
                    });
                }
                filter.from = from.and_then(start_of);
                // `to` names the last day included: the range ends at the next midnight.
                filter.to = to
                    .and_then(|d| d.checked_add(1.day()).ok())
                    .and_then(start_of);
            }
        }
        if let Some(q) = present(&self.q) {
            if q.chars().count() > 200 {
                errors.push(InvalidField {
                    field: "q".into(),
                    message: "invalid-search-too-long".into(),
                });
            } else {
                filter.q = Some(q.to_owned());
            }
        }
        let limit = match present(&self.limit) {
            None => DEFAULT_LIMIT,
            Some(raw) => match raw.parse::<i64>() {
                Ok(n) if (1..=i64::from(MAX_LIMIT)).contains(&n) => {
                    u32::try_from(n).unwrap_or(DEFAULT_LIMIT)
                }
                _ => {
                    errors.push(InvalidField {
                        field: "limit".into(),
                        message: Message::new("invalid-limit").with("max", MAX_LIMIT),
                    });
                    DEFAULT_LIMIT
                }
            },
        };
        let cursor = match present(&self.cursor) {
            None => None,
            Some(raw) => match Cursor::decode(raw) {
                Some(c) => Some(c),
                None => {
                    errors.push(InvalidField {
                        field: "cursor".into(),
                        message: "invalid-cursor".into(),
                    });
                    None
                }
            },
        };
        if errors.is_empty() {
            Ok((filter, cursor, limit))
        } else {
            Err(errors)
        }
    }

    /// The query string of these filters without the cursor, for links.
    pub fn without_cursor(&self) -> Vec<(&'static str, String)> {
        [
            ("topic", &self.topic),
            ("kind", &self.kind),
            ("audience", &self.audience),
            ("partner", &self.partner),
            ("place", &self.place),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
            ("limit", &self.limit),
        ]
        .into_iter()
        .filter_map(|(k, v)| present(v).map(|v| (k, v.to_owned())))
        .collect()
    }
}

/// Encodes query pairs for a link.
fn query_string(pairs: &[(&str, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// An offering as a card in lists.
#[allow(missing_docs)]
pub struct CardView {
    /// Link target.
    pub href: String,
    pub title: String,
    pub summary: String,
    /// Kind name.
    pub kind: String,
    /// Topic names.
    pub topics: Vec<String>,
    /// Partner name.
    pub partner: String,
    /// "16 Stunden · Präsenz · kostenfrei".
    pub facts: String,
    /// Next date, or a note that none is planned.
    pub next: String,
    /// Whether a next date exists.
    pub has_next: bool,
    /// Where a search matched: pieces of text, marked where a word was found.
    pub snippet: Vec<(String, bool)>,
}

pub(crate) fn card(lang: Lang, c: &store::OfferingCard) -> CardView {
    CardView {
        href: format!("/angebote/{}", c.id),
        title: c.title.clone(),
        summary: c.summary.clone(),
        kind: lang.t(&format!("kind-{}", c.kind.key())),
        topics: c
            .topics
            .iter()
            .map(|t| lang.t(&format!("topic-{}", t.key())))
            .collect(),
        partner: c.partner.name.clone(),
        facts: format!(
            "{} · {} · {}",
            lang.t_args("hours", &[("n", c.duration_hours.into())]),
            lang.t(&format!("format-{}", c.format.key())),
            format::price(lang, c.price_cents)
        ),
        next: match c.next_session {
            Some(t) => lang.t_args("next-session", &[("date", format::date(lang, t).into())]),
            None => lang.t("no-upcoming-session"),
        },
        has_next: c.next_session.is_some(),
        snippet: c
            .snippet
            .iter()
            .map(|p| (p.text.clone(), p.marked))
            .collect(),
    }
}

/// How many qualifications and partners a search lists beside its offerings.
pub(crate) const BESIDE: usize = 6;

/// Qualifications or partners a search found, under their heading.
pub struct BesideGroup {
    /// "Partner zu Ihrer Suche".
    pub heading: String,
    /// Link, title and a sentence of each.
    pub items: Vec<(String, String, String)>,
}

/// Qualifications and partners found, grouped under their headings.
fn beside_view(lang: Lang, hits: &[lotse_store::catalogue_index::SearchHit]) -> Vec<BesideGroup> {
    use lotse_store::catalogue_index::HitKind;
    [
        (
            HitKind::Qualification,
            "beside-qualifications",
            "/qualifizierungen",
        ),
        (HitKind::Partner, "beside-partners", "/partner"),
    ]
    .into_iter()
    .filter_map(|(kind, heading, base)| {
        let items: Vec<(String, String, String)> = hits
            .iter()
            .filter(|h| h.kind == kind)
            .map(|h| {
                // A partner's description runs to a paragraph: its first sentence will do.
                let first = h.summary.split_inclusive(". ").next().unwrap_or_default();
                (
                    format!("{base}/{}", h.id),
                    h.title.clone(),
                    first.trim().to_owned(),
                )
            })
            .collect();
        (!items.is_empty()).then(|| BesideGroup {
            heading: lang.t(heading),
            items,
        })
    })
    .collect()
}

/// One facet's counts, as links that choose a value.
pub struct Refinement {
    /// "Themenfeld".
    pub label: String,
    /// Value label with its count, the link choosing it, and whether it is chosen.
    pub choices: Vec<(String, String, bool)>,
}

/// Counts of the facets shown as links, most offerings first. A facet is left out
/// when it would not narrow anything: one value, and not chosen.
fn refinements(lang: Lang, query: &CatalogueQuery, facets: &store::FacetCounts) -> Vec<Refinement> {
    let base = query.without_cursor();
    let mut out = Vec::new();
    let mut add =
        |name: &'static str, current: Option<&str>, mut values: Vec<(String, String, i64)>| {
            if values.len() < 2 && current.is_none() {
                return;
            }
            values.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
            let choices = values
                .into_iter()
                .map(|(value, label, n)| {
                    let mut pairs: Vec<(&str, String)> =
                        base.iter().filter(|(k, _)| *k != name).cloned().collect();
                    pairs.push((name, value.clone()));
                    (
                        format!("{label} ({n})"),
                        format!("/angebote?{}", query_string(&pairs)),
                        current == Some(value.as_str()),
                    )
                })
                .collect();
            out.push(Refinement {
                label: lang.t(&format!("filter-{name}")),
                choices,
            });
        };
    // A vocabulary value as (key, its name in `lang`, count).
    let named =
        |prefix: &str, key: &str, n: i64| (key.to_owned(), lang.t(&format!("{prefix}-{key}")), n);
    add(
        "topic",
        present(&query.topic),
        facets
            .topics
            .iter()
            .map(|(t, n)| named("topic", t.key(), *n))
            .collect(),
    );
    add(
        "kind",
        present(&query.kind),
        facets
            .kinds
            .iter()
            .map(|(k, n)| named("kind", k.key(), *n))
            .collect(),
    );
    add(
        "audience",
        present(&query.audience),
        facets
            .audiences
            .iter()
            .map(|(a, n)| named("audience", a.key(), *n))
            .collect(),
    );
    add(
        "partner",
        present(&query.partner),
        facets
            .partners
            .iter()
            .map(|(p, n)| (p.id.to_string(), p.name.clone(), *n))
            .collect(),
    );
    out
}

/// A choice in a facet's select.
pub struct FacetOption {
    /// The value sent.
    pub value: String,
    /// The label shown.
    pub label: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

/// A facet: a labelled select.
#[allow(missing_docs)]
pub struct Facet {
    /// Parameter name and element id.
    pub name: &'static str,
    pub label: String,
    /// "all" choice label.
    pub any: String,
    /// Choices.
    pub options: Vec<FacetOption>,
}

fn facet(
    name: &'static str,
    lang: Lang,
    current: Option<&str>,
    options: Vec<(String, String)>,
) -> Facet {
    Facet {
        name,
        label: lang.t(&format!("filter-{name}")),
        any: lang.t(&format!("filter-{name}-any")),
        options: options
            .into_iter()
            .map(|(value, label)| FacetOption {
                selected: current == Some(value.as_str()),
                value,
                label,
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "catalogue/home.html")]
struct HomeTemplate {
    ctx: Ctx,
    topics: Vec<(String, String)>,
    upcoming: Vec<CardView>,
    stats: String,
    /// The challenge form's text and errors: empty on the start page.
    text: String,
    errors: Vec<FieldError>,
    /// The center as schema.org JSON-LD.
    structured: String,
}

/// `GET /`: what the center offers and where to start.
pub async fn home(State(state): State<AppState>, lang: Lang) -> Result<Response, AppError> {
    let now = Timestamp::now();
    let soon = state
        .catalogue
        .soonest(&state.db, 6, now)
        .await
        .map_err(AppError::from)?;
    let all = state
        .catalogue
        .list(&state.db, &OfferingFilter::default(), None, 1, now)
        .await
        .map_err(AppError::from)?;
    let qualifications = store::qualifications(&state.db)
        .await
        .map_err(AppError::from)?;
    Ok(render(HomeTemplate {
        ctx: Ctx::new(lang, "/"),
        topics: Topic::ALL
            .iter()
            .map(|t| (t.key().to_owned(), lang.t(&format!("topic-{}", t.key()))))
            .collect(),
        upcoming: soon.iter().map(|c| card(lang, c)).collect(),
        stats: lang.t_args(
            "home-stats",
            &[
                ("offerings", all.total.into()),
                ("qualifications", qualifications.len().into()),
            ],
        ),
        text: String::new(),
        errors: Vec::new(),
        structured: super::structured::embeddable(&super::structured::center(
            &state.config.public_url,
        )),
    }))
}

#[derive(Template)]
#[template(path = "catalogue/catalogue.html")]
struct CatalogueTemplate {
    ctx: Ctx,
    facets: Vec<Facet>,
    q: String,
    from: String,
    to: String,
    results: ResultsTemplate,
}

#[derive(Template)]
#[template(path = "catalogue/catalogue_results.html")]
struct ResultsTemplate {
    ctx: Ctx,
    cards: Vec<CardView>,
    heading: String,
    /// How the list is ordered, said when it is by relevance.
    order_note: Option<String>,
    /// Counts per facet value as links that narrow the list.
    refine: Vec<Refinement>,
    /// Qualifications and partners the search found too.
    beside: Vec<BesideGroup>,
    /// With a topic chosen: the topic's calendar feed and the link's text.
    topic_feed: Option<(String, String)>,
    next_href: Option<String>,
    first_href: Option<String>,
    errors: Vec<FieldError>,
}

/// `GET /angebote`: the catalogue with facet filters. An htmx request gets only the
/// results, so the list updates in place; without JavaScript the form reloads the page.
pub async fn catalogue_page(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    query: Result<Query<CatalogueQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(query) = query.map_err(|e| AppError::query(&e))?;
    let ctx = Ctx::new(lang, "/angebote");
    let (cards, heading, order_note, refine, beside, next_href, first_href, errors) =
        match query.parse() {
            Ok((filter, cursor, limit)) => {
                let page = state
                    .catalogue
                    .list(&state.db, &filter, cursor.as_ref(), limit, Timestamp::now())
                    .await
                    .map_err(AppError::from)?;
                let base = query.without_cursor();
                let next_href = page.next.map(|c| {
                    let mut pairs = base.clone();
                    pairs.push(("cursor", c.encode()));
                    format!("/angebote?{}", query_string(&pairs))
                });
                let first_href = cursor
                    .as_ref()
                    .map(|_| format!("/angebote?{}", query_string(&base)));
                let heading = lang.t_args("results-count", &[("n", page.total.into())]);
                let order_note = page.by_relevance.then(|| lang.t("results-by-relevance"));
                let refine = refinements(lang, &query, &page.facets);
                let beside = match (&filter.q, &cursor) {
                    (Some(q), None) => beside_view(
                        lang,
                        &state
                            .catalogue
                            .found_beside(&state.db, q, BESIDE)
                            .await
                            .map_err(AppError::from)?,
                    ),
                    _ => Vec::new(),
                };
                (
                    page.items.iter().map(|c| card(lang, c)).collect(),
                    heading,
                    order_note,
                    refine,
                    beside,
                    next_href,
                    first_href,
                    Vec::new(),
                )
            }
            Err(errors) => (
                Vec::new(),
                lang.t("results-invalid"),
                None,
                Vec::new(),
                Vec::new(),
                None,
                None,
                errors.iter().map(|e| FieldError::said(e, lang)).collect(),
            ),
        };
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    let topic_feed = present(&query.topic)
        .and_then(|raw| Topic::parse(raw).ok())
        .map(|t| {
            (
                format!("/ical/topics/{}.ics", t.key()),
                lang.t_args(
                    "topic-feed-link",
                    &[("topic", lang.t(&format!("topic-{}", t.key())).into())],
                ),
            )
        });
    let results = ResultsTemplate {
        topic_feed,
        ctx: ctx.clone(),
        cards,
        heading,
        order_note,
        refine,
        beside,
        next_href,
        first_href,
        errors,
    };
    let mut response = if headers.contains_key("hx-request") && !headers.contains_key("hx-boosted")
    {
        render(results)
    } else {
        let partners = store::partners(&state.db).await.map_err(AppError::from)?;
        let places = store::places(&state.db).await.map_err(AppError::from)?;
        let facets = vec![
            facet(
                "topic",
                lang,
                present(&query.topic),
                Topic::ALL
                    .iter()
                    .map(|t| (t.key().to_owned(), lang.t(&format!("topic-{}", t.key()))))
                    .collect(),
            ),
            facet(
                "kind",
                lang,
                present(&query.kind),
                OfferingKind::ALL
                    .iter()
                    .map(|k| (k.key().to_owned(), lang.t(&format!("kind-{}", k.key()))))
                    .collect(),
            ),
            facet(
                "audience",
                lang,
                present(&query.audience),
                Audience::ALL
                    .iter()
                    .map(|a| (a.key().to_owned(), lang.t(&format!("audience-{}", a.key()))))
                    .collect(),
            ),
            facet(
                "partner",
                lang,
                present(&query.partner),
                partners
                    .iter()
                    .map(|p| (p.id.to_string(), p.name.clone()))
                    .collect(),
            ),
            facet(
                "place",
                lang,
                present(&query.place),
                places
                    .iter()
                    .map(|p| (p.id.to_string(), p.name.clone()))
                    .collect(),
            ),
        ];
        render(CatalogueTemplate {
            ctx,
            facets,
            q: present(&query.q).unwrap_or_default().to_owned(),
            from: present(&query.from).unwrap_or_default().to_owned(),
            to: present(&query.to).unwrap_or_default().to_owned(),
            results,
        })
    };
    *response.status_mut() = status;
    Ok(response)
}

/// A session as the offering page lists it.
pub struct SessionRow {
    /// "Di. 3. Dezember 2026, 09:00–16:00 Uhr".
    pub when: String,
    /// Place name and town, or "online".
    pub place: String,
    /// Address, if in person.
    pub address: String,
    /// "12 von 20 Plätzen frei", "ausgebucht – Warteliste: 3" or "abgesagt".
    pub seats: String,
    /// CSS modifier: `open`, `full` or `cancelled`.
    pub state: &'static str,
    /// "Anmeldung bis …".
    pub deadline: String,
    /// Until when participants may cancel, empty once that has passed.
    pub cancellation: String,
    /// Where to post a booking, while the session takes registrations.
    pub book_action: Option<String>,
    /// The button's label: register, or join the waitlist.
    pub book_label: String,
    /// For company admins: where to register employees.
    pub company_book_href: Option<String>,
    /// The session as a calendar file, while it is planned.
    pub calendar_href: Option<String>,
}

#[derive(Template)]
#[template(path = "catalogue/offering.html")]
struct OfferingTemplate {
    ctx: Ctx,
    /// The materials the reader may open (for everyone; a participant's too).
    materials: Vec<crate::materials::pages::MaterialRow>,
    title: String,
    kind: String,
    summary: String,
    topics: Vec<(String, String)>,
    paragraphs: Vec<String>,
    outcomes: Vec<String>,
    audiences: Vec<String>,
    facts: Vec<(String, String)>,
    partner_href: String,
    partner: String,
    sessions: Vec<SessionRow>,
    qualifications: Vec<(String, String, String)>,
    /// The offering as schema.org JSON-LD.
    structured: String,
    /// Where to ask for new dates, while no session has a free seat to book.
    ask_dates: Option<String>,
    /// Whether the visitor is signed in (then no address is asked for).
    signed_in: bool,
    /// What asking for dates did, in words.
    dates_notice: Option<String>,
}

/// Splits a description into paragraphs at blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().replace('\n', " "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// `GET /angebote/{id}`: an offering with its sessions and free seats.
pub async fn offering_page(
    State(state): State<AppState>,
    lang: Lang,
    me: crate::http::auth::MaybeSignedIn,
    PathId(id, _): PathId<NoSuchPage>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Result<Response, AppError> {
    // Whether to offer booking employees too: the page asks what the booking asks.
    let company_admin =
        me.0.as_ref()
            .is_some_and(|m| crate::booking::company::administered(m).is_some());
    let now = Timestamp::now();
    let detail = store::offering(&state.db, id, now)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound("refusal-not-found-path".into()))?;
    let c = &detail.card;
    let facts = vec![
        (
            lang.t("fact-kind"),
            lang.t(&format!("kind-{}", c.kind.key())),
        ),
        (
            lang.t("fact-duration"),
            lang.t_args("hours", &[("n", c.duration_hours.into())]),
        ),
        (
            lang.t("fact-format"),
            lang.t(&format!("format-{}", c.format.key())),
        ),
        (
            lang.t("fact-level"),
            lang.t(&format!("level-{}", c.level.key())),
        ),
        (
            lang.t("fact-language"),
            lang.t(&format!("language-{}", c.language.key())),
        ),
        (lang.t("fact-price"), format::price(lang, c.price_cents)),
    ];
    // Nobody can take a seat now: people may ask to hear of new dates instead.
    let bookable = detail.sessions.iter().any(|s| {
        s.status == SessionStatus::Planned
            && s.registration_deadline > now
            && s.starts_at > now
            && s.seats_free > 0
    });
    let dates_notice = query
        .get("hinweis")
        .filter(|h| ["benachrichtigung", "bestaetigen"].contains(&h.as_str()))
        .map(|h| lang.t(&format!("dates-notice-{h}")));
    // A signed-in person whose address is confirmed is asked for nothing more.
    let signed_in = me.0.as_ref().is_some_and(|m| m.actor.email_confirmed);
    let when: std::collections::HashMap<uuid::Uuid, String> = detail
        .sessions
        .iter()
        .map(|s| (s.id, format::span(lang, s.starts_at, s.ends_at)))
        .collect();
    let materials = crate::materials::service::visible(&state, me.0.as_ref(), id, None)
        .await?
        .unwrap_or_default()
        .iter()
        .map(|m| crate::materials::pages::MaterialRow::new(lang, m, |s| when.get(&s).cloned()))
        .collect();
    let sessions = detail
        .sessions
        .iter()
        .map(|s| {
            let (seats, state) = match s.status {
                SessionStatus::Cancelled => (lang.t("session-cancelled"), "cancelled"),
                SessionStatus::Planned if s.seats_free > 0 => (
                    lang.t_args(
                        "seats-free",
                        &[
                            ("free", s.seats_free.into()),
                            ("capacity", s.capacity.into()),
                        ],
                    ),
                    "open",
                ),
                SessionStatus::Planned => (
                    lang.t_args("seats-full", &[("waiting", s.waitlist_length.into())]),
                    "full",
                ),
            };
            let (place, address) = match (&s.place, &s.online_link) {
                (Some(p), Some(_)) => (
                    format!("{} {}", p.name, lang.t("and-online")),
                    p.address.clone(),
                ),
                (Some(p), None) => (p.name.clone(), p.address.clone()),
                (None, _) => (lang.t("online"), String::new()),
            };
            let deadline = if s.registration_deadline > now {
                lang.t_args(
                    "deadline",
                    &[
                        ("date", format::date(lang, s.registration_deadline).into()),
                        ("time", format::time(s.registration_deadline).into()),
                    ],
                )
            } else {
                lang.t("deadline-passed")
            };
            // Shown while booking is open, so people know how long they can change
            // their minds.
            let cancellation = s
                .starts_at
                .checked_sub(jiff::SignedDuration::from_hours(
                    s.cancellation_cutoff_hours,
                ))
                .ok()
                .filter(|until| *until > now)
                .map(|until| {
                    lang.t_args(
                        "cancellation-until",
                        &[
                            ("date", format::date(lang, until).into()),
                            ("time", format::time(until).into()),
                        ],
                    )
                })
                .unwrap_or_default();
            let open = s.status == SessionStatus::Planned
                && s.registration_deadline > now
                && s.starts_at > now;
            SessionRow {
                book_action: open.then(|| format!("/angebote/{id}/termine/{}/anmelden", s.id)),
                company_book_href: (open && company_admin)
                    .then(|| format!("/konto/unternehmen/buchen?termin={}", s.id)),
                calendar_href: (s.status == SessionStatus::Planned)
                    .then(|| format!("/ical/sessions/{}.ics", s.id)),
                book_label: if s.seats_free > 0 {
                    lang.t("book-session")
                } else {
                    lang.t("book-waitlist")
                },
                when: format::span(lang, s.starts_at, s.ends_at),
                place,
                address,
                seats,
                state,
                deadline,
                cancellation,
            }
        })
        .collect();
    let title = c.title.clone();
    let structured = super::structured::embeddable(&super::structured::offering(
        &detail,
        &format!("{}/angebote/{id}", state.config.public_url),
    ));
    Ok(render(OfferingTemplate {
        materials,
        ask_dates: (!bookable).then(|| format!("/angebote/{id}/benachrichtigen")),
        signed_in,
        dates_notice,
        structured,
        ctx: Ctx::new(lang, &format!("/angebote/{id}")),
        kind: lang.t(&format!("kind-{}", c.kind.key())),
        summary: c.summary.clone(),
        topics: c
            .topics
            .iter()
            .map(|t| (t.key().to_owned(), lang.t(&format!("topic-{}", t.key()))))
            .collect(),
        paragraphs: paragraphs(&detail.description),
        outcomes: detail.learning_outcomes.clone(),
        audiences: detail
            .audiences
            .iter()
            .map(|a| lang.t(&format!("audience-{}", a.key())))
            .collect(),
        facts,
        partner_href: format!("/partner/{}", c.partner.id),
        partner: c.partner.name.clone(),
        sessions,
        qualifications: detail
            .qualifications
            .iter()
            .map(|q| {
                let role = if q.required {
                    lang.t("module-required")
                } else {
                    lang.t("module-elective")
                };
                (format!("/qualifizierungen/{}", q.id), q.title.clone(), role)
            })
            .collect(),
        title,
    }))
}

#[derive(Template)]
#[template(path = "catalogue/qualifications.html")]
struct QualificationsTemplate {
    ctx: Ctx,
    items: Vec<(String, String, String, String)>,
}

/// `GET /qualifizierungen`: the qualifications.
pub async fn qualifications_page(
    State(state): State<AppState>,
    lang: Lang,
) -> Result<Response, AppError> {
    let list = store::qualifications(&state.db)
        .await
        .map_err(AppError::from)?;
    Ok(render(QualificationsTemplate {
        ctx: Ctx::new(lang, "/qualifizierungen"),
        items: list
            .into_iter()
            .map(|q| {
                let facts = lang.t_args(
                    "qualification-facts",
                    &[
                        ("hours", q.minimum_hours.into()),
                        ("required", q.required_modules.into()),
                        ("elective", q.elective_modules.into()),
                    ],
                );
                (
                    format!("/qualifizierungen/{}", q.id),
                    q.title,
                    q.summary,
                    facts,
                )
            })
            .collect(),
    }))
}

/// A module row on a qualification's page.
#[allow(missing_docs)]
pub struct ModuleRow {
    /// Link to the offering.
    pub href: String,
    pub title: String,
    /// "16 Stunden".
    pub hours: String,
    /// Next date or a note.
    pub next: String,
}

#[derive(Template)]
#[template(path = "catalogue/qualification.html")]
struct QualificationTemplate {
    ctx: Ctx,
    title: String,
    summary: String,
    paragraphs: Vec<String>,
    minimum_hours: String,
    required: Vec<ModuleRow>,
    elective: Vec<ModuleRow>,
    required_hours: String,
}

/// `GET /qualifizierungen/{id}`: a qualification with its modules and hours.
pub async fn qualification_page(
    State(state): State<AppState>,
    lang: Lang,
    PathId(id, _): PathId<NoSuchPage>,
) -> Result<Response, AppError> {
    let q = store::qualification(&state.db, id, Timestamp::now())
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound("refusal-not-found-path".into()))?;
    let row = |m: &store::QualificationModule| ModuleRow {
        href: format!("/angebote/{}", m.offering_id),
        title: m.title.clone(),
        hours: lang.t_args("hours", &[("n", m.duration_hours.into())]),
        next: match m
            .next_starts_at
            .and_then(|s| Timestamp::from_second(s).ok())
        {
            Some(t) => lang.t_args("next-session", &[("date", format::date(lang, t).into())]),
            None => lang.t("no-upcoming-session"),
        },
    };
    let required_hours: i64 = q
        .modules
        .iter()
        .filter(|m| m.required)
        .map(|m| m.duration_hours)
        .sum();
    Ok(render(QualificationTemplate {
        ctx: Ctx::new(lang, &format!("/qualifizierungen/{id}")),
        title: q.summary.title.clone(),
        summary: q.summary.summary.clone(),
        paragraphs: paragraphs(&q.description),
        minimum_hours: lang.t_args("hours", &[("n", q.summary.minimum_hours.into())]),
        required: q.modules.iter().filter(|m| m.required).map(row).collect(),
        elective: q.modules.iter().filter(|m| !m.required).map(row).collect(),
        required_hours: lang.t_args("hours", &[("n", required_hours.into())]),
    }))
}

/// Partners of one kind: the kind's name, then link, name and description of each.
type PartnerGroup = (String, Vec<(String, String, String)>);

#[derive(Template)]
#[template(path = "catalogue/partners.html")]
struct PartnersTemplate {
    ctx: Ctx,
    groups: Vec<PartnerGroup>,
}

/// `GET /partner`: the partner organizations, grouped by kind.
pub async fn partners_page(
    State(state): State<AppState>,
    lang: Lang,
) -> Result<Response, AppError> {
    let partners = store::partners(&state.db).await.map_err(AppError::from)?;
    let mut groups: Vec<PartnerGroup> = Vec::new();
    for p in partners {
        let kind = lang.t(&format!("partner-kind-{}", p.kind.0.key()));
        let entry = (format!("/partner/{}", p.id), p.name, p.description);
        match groups.last_mut() {
            Some((k, list)) if *k == kind => list.push(entry),
            _ => groups.push((kind, vec![entry])),
        }
    }
    Ok(render(PartnersTemplate {
        ctx: Ctx::new(lang, "/partner"),
        groups,
    }))
}

#[derive(Template)]
#[template(path = "catalogue/partner.html")]
struct PartnerTemplate {
    ctx: Ctx,
    name: String,
    kind: String,
    paragraphs: Vec<String>,
    web_address: String,
    offerings: Vec<CardView>,
}

/// `GET /partner/{id}`: a partner and its offerings.
pub async fn partner_page(
    State(state): State<AppState>,
    lang: Lang,
    PathId(id, _): PathId<NoSuchPage>,
) -> Result<Response, AppError> {
    let partner = store::partner(&state.db, id)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound("refusal-not-found-path".into()))?;
    let filter = OfferingFilter {
        partner: Some(id),
        ..OfferingFilter::default()
    };
    let offerings = state
        .catalogue
        .list(&state.db, &filter, None, MAX_LIMIT, Timestamp::now())
        .await
        .map_err(AppError::from)?;
    Ok(render(PartnerTemplate {
        ctx: Ctx::new(lang, &format!("/partner/{id}")),
        kind: lang.t(&format!("partner-kind-{}", partner.kind.0.key())),
        paragraphs: paragraphs(&partner.description),
        web_address: partner.web_address,
        offerings: offerings.items.iter().map(|c| card(lang, c)).collect(),
        name: partner.name,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_form_values_count_as_absent() {
        let q = CatalogueQuery {
            topic: Some(String::new()),
            q: Some("  ".into()),
            ..Default::default()
        };
        let (filter, cursor, limit) = q.parse().unwrap_or_else(|e| unreachable!("{e:?}"));
        assert!(filter.topic.is_none() && filter.q.is_none() && cursor.is_none());
        assert_eq!(limit, DEFAULT_LIMIT);
    }

    #[test]
    fn bad_parameters_are_each_named() {
        let q = CatalogueQuery {
            topic: Some("kochen".into()),
            partner: Some("42".into()),
            from: Some("2026-13-01".into()),
            limit: Some("-5".into()),
            cursor: Some("abc".into()),
            ..Default::default()
        };
        let fields: Vec<String> = q
            .parse()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["topic", "partner", "from", "limit", "cursor"]);
    }

    #[test]
    fn the_date_range_covers_whole_berlin_days() {
        let q = CatalogueQuery {
            from: Some("2026-07-01".into()),
            to: Some("2026-07-01".into()),
            ..Default::default()
        };
        let (filter, _, _) = q.parse().unwrap_or_else(|e| unreachable!("{e:?}"));
        // Midnight in Berlin summer time is 22:00 UTC the day before.
        assert_eq!(
            filter.from.map(|t| t.to_string()),
            Some("2026-06-30T22:00:00Z".into())
        );
        assert_eq!(
            filter.to.map(|t| t.to_string()),
            Some("2026-07-01T22:00:00Z".into())
        );
        let reversed = CatalogueQuery {
            from: Some("2026-07-02".into()),
            to: Some("2026-07-01".into()),
            ..Default::default()
        };
        assert!(reversed.parse().is_err());
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            crate::http::form::encode("Lager & Co/ä"),
            "Lager+%26+Co%2F%C3%A4"
        );
        assert_eq!(
            query_string(&[("q", "Lager & Co".into()), ("topic", "strategie".into())]),
            "q=Lager+%26+Co&topic=strategie"
        );
        assert_eq!(query_string(&[]), "");
    }
}
