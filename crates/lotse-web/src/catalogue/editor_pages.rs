//! The catalogue editor ("Redaktion"): partner editors and social partners keep their
//! partner's offerings and sessions up to date, center staff the whole catalogue.
//! The pages call the same functions as the API, so rules and checks are the same.

use super::service::{
    offering_create, offering_replace, offering_withdraw, session_cancel, session_create,
};
use crate::catalogue::editor::{OfferingRequest, SessionRequest};
use crate::error::AppError;
use crate::error::InvalidField;
use crate::format;
use crate::http::auth::require;
use crate::http::auth::{MaybeSignedIn, SignedIn};
use crate::http::form::{FormField, place_errors, with_status};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::materials::pages::MaterialRow;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_core::catalogue::{
    Audience, Format, Language, Level, OfferingKind, SessionStatus, Topic,
};
use lotse_store::catalogue::{self as store, OfferingFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// Form fields as sent, keeping repeated names (check boxes).
struct Sent(Vec<(String, String)>);

impl Sent {
    fn parse(body: &Bytes) -> Self {
        Sent(form_urlencoded::parse(body).into_owned().collect())
    }
    fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
    fn map(&self) -> HashMap<String, String> {
        self.0.iter().cloned().collect()
    }
}

/// Refuses people who may not use the editor with a page, not an API error.
pub(super) fn gate(lang: Lang, me: MaybeSignedIn, back: &str) -> Result<SignedIn, Box<Response>> {
    let me = require(me, back).map_err(|r| Box::new(r.into_response()))?;
    match authorize(Some(&me.actor), Action::UseCatalogueEditor) {
        Decision::Allow => Ok(me),
        _ => Err(Box::new(error_page(
            lang,
            StatusCode::FORBIDDEN,
            Vec::new(),
        ))),
    }
}

/// The partners `me` may edit for, with names.
async fn partner_choices(
    state: &AppState,
    me: &SignedIn,
) -> Result<Vec<(String, String)>, AppError> {
    let partners = store::partners(&state.db).await?;
    Ok(partners
        .into_iter()
        .filter(|p| {
            authorize(Some(&me.actor), Action::EditPartnerCatalogue(p.id)) == Decision::Allow
        })
        .map(|p| (p.id.to_string(), p.name))
        .collect())
}

#[derive(Template)]
#[template(path = "catalogue/editor.html")]
struct EditorList {
    ctx: Ctx,
    notice: Option<String>,
    offerings: Vec<(String, String, String, String)>,
    /// Whether to link the webhooks (staff and partner editors).
    webhooks: bool,
    /// Whether to link the qualification editor (staff).
    qualifications: bool,
    /// Whether to link the document templates (staff).
    templates: bool,
}

/// `GET /redaktion`: the offerings `me` may edit.
pub async fn editor(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let filters: Vec<OfferingFilter> =
        if authorize(Some(&me.actor), Action::EditWholeCatalogue) == Decision::Allow {
            vec![OfferingFilter::default()]
        } else {
            me.actor
                .editable_partners()
                .into_iter()
                .map(|p| OfferingFilter {
                    partner: Some(p),
                    ..OfferingFilter::default()
                })
                .collect()
        };
    let mut offerings = Vec::new();
    for filter in filters {
        let page = state
            .catalogue
            .list(&state.db, &filter, None, 100, jiff::Timestamp::now())
            .await?;
        for c in page.items {
            let next = c
                .next_session
                .map(|t| format::date(lang, t))
                .unwrap_or_else(|| lang.t("no-upcoming-session"));
            offerings.push((
                format!("/redaktion/angebote/{}", c.id),
                c.title,
                c.partner.name,
                next,
            ));
        }
    }
    Ok(render(EditorList {
        notice: query
            .get("hinweis")
            .filter(|h| h.as_str() == "zurueckgezogen")
            .map(|_| lang.t("editor-notice-zurueckgezogen")),
        ctx: Ctx::new(lang, "/redaktion"),
        offerings,
        webhooks: crate::webhooks::service::may_use(&me).is_ok(),
        qualifications: authorize(Some(&me.actor), Action::ManageQualifications) == Decision::Allow,
        templates: authorize(Some(&me.actor), Action::EditDocumentTemplates) == Decision::Allow,
    }))
}

/// A session as the editor lists it.
struct EditorSession {
    id: String,
    when: String,
    place: String,
    cancelled: bool,
    /// For a planned online session: its join link and dial-in, to change them.
    access: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "catalogue/editor_offering.html")]
struct EditorOffering {
    ctx: Ctx,
    heading: String,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    action: String,
    fields: Vec<FormField>,
    summary: String,
    description: String,
    outcomes: String,
    /// Whether the box "counts toward qualifications" is ticked.
    counts: bool,
    topics: Vec<(String, String, bool)>,
    audiences: Vec<(String, String, bool)>,
    sessions_action: Option<String>,
    sessions: Vec<EditorSession>,
    /// How many people wait to hear of a new date (a number, never who).
    waiting_for_dates: Option<String>,
    /// Whether the sessions link to their participant lists (never for social partners).
    participants: bool,
    session_fields: Vec<FormField>,
    /// The offering's materials, its sessions' included.
    materials: Vec<MaterialRow>,
    /// What was wrong with the material just sent.
    material_errors: Vec<String>,
    /// The file types the upload takes, for its `accept` and its hint.
    material_accept: String,
    /// Which files, how large.
    material_file_hint: String,
}

fn options<T: Copy>(
    lang: Lang,
    all: &[T],
    key: fn(T) -> &'static str,
    prefix: &str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (key(*v).to_owned(), lang.t(&format!("{prefix}-{}", key(*v)))))
        .collect()
}

/// Check boxes: value, label, checked.
type Checks = Vec<(String, String, bool)>;

/// The offering form, filled from `values`.
fn offering_form(
    lang: Lang,
    values: &HashMap<String, String>,
    topics: &[String],
    audiences: &[String],
    partners: Vec<(String, String)>,
) -> (Vec<FormField>, Checks, Checks) {
    let select = |name, opts| FormField {
        options: opts,
        ..FormField::new(lang, name, "text", "off").value(values.get(name))
    };
    let fields = vec![
        FormField::new(lang, "title", "text", "off").value(values.get("title")),
        select(
            "kind",
            options(lang, OfferingKind::ALL, OfferingKind::key, "kind"),
        ),
        select("partner_id", partners),
        FormField::new(lang, "duration_hours", "number", "off").value(values.get("duration_hours")),
        select("format", options(lang, Format::ALL, Format::key, "format")),
        select("level", options(lang, Level::ALL, Level::key, "level")),
        select(
            "language",
            options(lang, Language::ALL, Language::key, "language"),
        ),
        FormField::new(lang, "price", "text", "off")
            .hint(lang.t("field-price-hint"))
            .value(values.get("price")),
    ];
    let topics = Topic::ALL
        .iter()
        .map(|t| {
            (
                t.key().to_owned(),
                lang.t(&format!("topic-{}", t.key())),
                topics.iter().any(|x| x == t.key()),
            )
        })
        .collect();
    let audiences = Audience::ALL
        .iter()
        .map(|a| {
            (
                a.key().to_owned(),
                lang.t(&format!("audience-{}", a.key())),
                audiences.iter().any(|x| x == a.key()),
            )
        })
        .collect();
    (fields, topics, audiences)
}

fn session_fields(
    lang: Lang,
    places: Vec<(String, String)>,
    values: &HashMap<String, String>,
) -> Vec<FormField> {
    let mut place_options = vec![(String::new(), lang.t("editor-online-only"))];
    place_options.extend(places);
    vec![
        FormField::new(lang, "starts_at", "datetime-local", "off").value(values.get("starts_at")),
        FormField::new(lang, "ends_at", "datetime-local", "off").value(values.get("ends_at")),
        FormField::new(lang, "registration_deadline", "datetime-local", "off")
            .optional()
            .hint(lang.t("field-registration_deadline-hint"))
            .value(values.get("registration_deadline")),
        FormField {
            options: place_options,
            ..FormField::new(lang, "place_id", "text", "off")
                .optional()
                .value(values.get("place_id"))
        },
        FormField::new(lang, "online_link", "url", "off")
            .optional()
            .hint(lang.t("field-online_link-hint"))
            .value(values.get("online_link")),
        FormField::new(lang, "dial_in", "text", "off")
            .optional()
            .hint(lang.t("field-dial_in-hint"))
            .value(values.get("dial_in")),
        FormField::new(lang, "capacity", "number", "off").value(values.get("capacity")),
        FormField::new(lang, "cancellation_cutoff_hours", "number", "off")
            .optional()
            .hint(lang.t("field-cancellation_cutoff_hours-hint"))
            .value(values.get("cancellation_cutoff_hours")),
    ]
}

/// Euro amount as typed ("49", "49,00", "49.5") in cents; -1 for anything else, which
/// the domain refuses with a clear message.
fn cents(raw: &str) -> i64 {
    let raw = raw.trim().replace(['€', ' '], "");
    if raw.is_empty() {
        return 0;
    }
    let (euros, rest) = raw.split_once([',', '.']).unwrap_or((&raw, "0"));
    let rest = format!("{rest:0<2}");
    match (euros.parse::<i64>(), rest.len(), rest.parse::<i64>()) {
        (Ok(e), 2, Ok(c)) if e >= 0 => e * 100 + c,
        _ => -1,
    }
}

fn request_from(sent: &Sent) -> OfferingRequest {
    OfferingRequest {
        kind: sent.one("kind"),
        title: sent.one("title"),
        summary: sent.one("summary"),
        description: sent.one("description").replace("\r\n", "\n"),
        learning_outcomes: sent
            .one("learning_outcomes")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        topics: sent.all("topics"),
        audiences: sent.all("audiences"),
        duration_hours: sent.one("duration_hours").trim().parse().unwrap_or(0),
        format: sent.one("format"),
        partner_id: Uuid::try_parse(sent.one("partner_id").trim()).unwrap_or_default(),
        price_cents: cents(&sent.one("price")),
        language: sent.one("language"),
        level: sent.one("level"),
        counts_for_qualifications: sent.one("counts_for_qualifications") == "true",
    }
}

async fn offering_page(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Option<Uuid>,
    sent: Option<&Sent>,
    errors: Vec<InvalidField>,
    notice: Option<String>,
) -> Result<EditorOffering, AppError> {
    let partners = partner_choices(state, me).await?;
    let detail = match id {
        Some(id) => store::offering(&state.db, id, jiff::Timestamp::now()).await?,
        None => None,
    };
    let counts = match (sent, &detail) {
        (Some(sent), _) => sent.one("counts_for_qualifications") == "true",
        (None, Some(d)) => d.counts_for_qualifications,
        (None, None) => false,
    };
    let (values, summary, description, outcomes, topics, audiences) = match (sent, &detail) {
        (Some(sent), _) => (
            sent.map(),
            sent.one("summary"),
            sent.one("description"),
            sent.one("learning_outcomes"),
            sent.all("topics"),
            sent.all("audiences"),
        ),
        (None, Some(d)) => {
            let c = &d.card;
            let values: HashMap<String, String> = [
                ("title", c.title.clone()),
                ("kind", c.kind.key().to_owned()),
                ("partner_id", c.partner.id.to_string()),
                ("duration_hours", c.duration_hours.to_string()),
                ("format", c.format.key().to_owned()),
                ("level", c.level.key().to_owned()),
                ("language", c.language.key().to_owned()),
                (
                    "price",
                    format!("{},{:02}", c.price_cents / 100, c.price_cents % 100),
                ),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
            (
                values,
                c.summary.clone(),
                d.description.clone(),
                d.learning_outcomes.join("\n"),
                c.topics.iter().map(|t| t.key().to_owned()).collect(),
                d.audiences.iter().map(|a| a.key().to_owned()).collect(),
            )
        }
        (None, None) => (
            HashMap::from([("price".to_owned(), "0".to_owned())]),
            String::new(),
            String::new(),
            String::new(),
            Vec::new(),
            Vec::new(),
        ),
    };
    let (mut fields, topics, audiences) =
        offering_form(lang, &values, &topics, &audiences, partners);
    let rest = place_errors(
        lang,
        &mut fields,
        errors
            .iter()
            .map(|e| InvalidField {
                field: if e.field == "price_cents" {
                    "price".into()
                } else {
                    e.field.clone()
                },
                message: e.message.clone(),
            })
            .collect(),
    );
    let _ = rest;
    let errors = errors
        .into_iter()
        .map(|e| (e.field, e.message.text(lang)))
        .collect();
    let places = store::places(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.name))
        .collect();
    let mut sessions = Vec::new();
    for s in detail
        .as_ref()
        .map(|d| d.sessions.as_slice())
        .unwrap_or_default()
    {
        let place = s
            .place
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| lang.t("online"));
        let cancelled = s.status == SessionStatus::Cancelled;
        // The editors may see and change how to join; nobody else is shown it here.
        let access = match (&s.online_link, cancelled) {
            (Some(_), false) => store::session_access(&state.db, s.id)
                .await?
                .map(|(_, link, dial_in)| (link.unwrap_or_default(), dial_in.unwrap_or_default())),
            _ => None,
        };
        sessions.push(EditorSession {
            id: s.id.to_string(),
            when: format::span(lang, s.starts_at, s.ends_at),
            place,
            cancelled,
            access,
        });
    }
    Ok(EditorOffering {
        ctx: Ctx::new(lang, "/redaktion"),
        heading: detail
            .as_ref()
            .map(|d| d.card.title.clone())
            .unwrap_or_else(|| lang.t("editor-new")),
        notice,
        errors,
        action: match id {
            Some(id) => format!("/redaktion/angebote/{id}"),
            None => "/redaktion/angebote/neu".into(),
        },
        fields,
        summary,
        description,
        outcomes,
        counts,
        topics,
        audiences,
        sessions_action: id.map(|id| format!("/redaktion/angebote/{id}/termine")),
        waiting_for_dates: match id {
            Some(id) => Some(lang.t_args(
                "editor-waiting-for-dates",
                &[(
                    "count",
                    store::waiting_for_dates(&state.db, id).await?.into(),
                )],
            )),
            None => None,
        },
        participants: detail.as_ref().is_some_and(|d| {
            authorize(Some(&me.actor), Action::ViewParticipants(d.card.partner.id))
                == Decision::Allow
        }),
        session_fields: session_fields(lang, places, &HashMap::new()),
        materials: match id {
            Some(id) => {
                let when: HashMap<Uuid, String> = sessions
                    .iter()
                    .filter_map(|s| Some((s.id.parse().ok()?, s.when.clone())))
                    .collect();
                store::materials_of_offering(&state.db, id)
                    .await?
                    .iter()
                    .map(|m| MaterialRow::new(lang, m, |s| when.get(&s).cloned()))
                    .collect()
            }
            None => Vec::new(),
        },
        material_errors: Vec::new(),
        material_accept: lotse_core::materials::extensions().replace(' ', ""),
        material_file_hint: lang.t_args(
            "materials-file-hint",
            &[
                ("types", lotse_core::materials::extensions().into()),
                (
                    "max_mb",
                    (state.config.materials.max_bytes / (1024 * 1024)).into(),
                ),
            ],
        ),
        sessions,
    })
}

/// `GET /redaktion/angebote/neu`.
pub async fn new_offering(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion/angebote/neu") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    Ok(render(
        offering_page(&state, lang, &me, None, None, Vec::new(), None).await?,
    ))
}

/// `POST /redaktion/angebote/neu`.
pub async fn create_offering(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion/angebote/neu") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let sent = Sent::parse(&body);
    match offering_create(&state, &me, request_from(&sent)).await {
        Ok(id) => {
            Ok(Redirect::to(&format!("/redaktion/angebote/{id}?hinweis=angelegt")).into_response())
        }
        Err(AppError::Invalid(errors)) => Ok(with_status(
            render(offering_page(&state, lang, &me, None, Some(&sent), errors, None).await?),
            StatusCode::BAD_REQUEST,
        )),
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

fn offering_id(lang: Lang, raw: &str) -> Result<Uuid, Box<Response>> {
    Uuid::try_parse(raw).map_err(|_| Box::new(error_page(lang, StatusCode::NOT_FOUND, Vec::new())))
}

/// Whether `me` may edit offering `id`; a page answers otherwise.
async fn may_edit(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
) -> Result<Option<Response>, AppError> {
    let partner = store::offering_partner(&state.db, id).await?;
    Ok(
        match partner.map(|p| authorize(Some(&me.actor), Action::EditPartnerCatalogue(p))) {
            Some(Decision::Allow) => None,
            _ => Some(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        },
    )
}

/// `GET /redaktion/angebote/{id}`.
pub async fn edit_offering(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let id = match offering_id(lang, &id) {
        Ok(id) => id,
        Err(page) => return Ok(*page),
    };
    if let Some(page) = may_edit(&state, lang, &me, id).await? {
        return Ok(page);
    }
    const NOTICES: [&str; 7] = [
        "angelegt",
        "gespeichert",
        "termin",
        "abgesagt",
        "zugang",
        "material",
        "material-entfernt",
    ];
    let notice = query
        .get("hinweis")
        .filter(|h| NOTICES.contains(&h.as_str()))
        .map(|h| lang.t(&format!("editor-notice-{h}")));
    Ok(render(
        offering_page(&state, lang, &me, Some(id), None, Vec::new(), notice).await?,
    ))
}

/// `POST /redaktion/angebote/{id}`.
pub async fn save_offering(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let id = match offering_id(lang, &id) {
        Ok(id) => id,
        Err(page) => return Ok(*page),
    };
    let sent = Sent::parse(&body);
    match offering_replace(&state, &me, id, request_from(&sent)).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/redaktion/angebote/{id}?hinweis=gespeichert")).into_response(),
        ),
        Err(AppError::Invalid(errors)) => Ok(with_status(
            render(offering_page(&state, lang, &me, Some(id), Some(&sent), errors, None).await?),
            StatusCode::BAD_REQUEST,
        )),
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

/// `POST /redaktion/angebote/{id}/termine`.
pub async fn add_session(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let id = match offering_id(lang, &id) {
        Ok(id) => id,
        Err(page) => return Ok(*page),
    };
    let sent = Sent::parse(&body);
    let place = sent.one("place_id");
    let request = SessionRequest {
        starts_at: sent.one("starts_at"),
        ends_at: sent.one("ends_at"),
        registration_deadline: Some(sent.one("registration_deadline")),
        place_id: Uuid::try_parse(place.trim()).ok(),
        online_link: Some(sent.one("online_link")),
        dial_in: Some(sent.one("dial_in")),
        capacity: sent.one("capacity").trim().parse().unwrap_or(0),
        cancellation_cutoff_hours: match sent.one("cancellation_cutoff_hours").trim() {
            "" => None,
            raw => Some(raw.parse().unwrap_or(-1)),
        },
    };
    match session_create(&state, &me, id, request).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/redaktion/angebote/{id}?hinweis=termin")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let mut page =
                offering_page(&state, lang, &me, Some(id), None, Vec::new(), None).await?;
            let places = store::places(&state.db)
                .await?
                .into_iter()
                .map(|p| (p.id.to_string(), p.name))
                .collect();
            page.session_fields = session_fields(lang, places, &sent.map());
            let errors: Vec<InvalidField> = errors
                .into_iter()
                .map(|e| InvalidField {
                    field: if e.field == "place" {
                        "place_id".into()
                    } else {
                        e.field
                    },
                    message: e.message,
                })
                .collect();
            page.errors = errors
                .iter()
                .map(|e| (e.field.clone(), e.message.text(lang)))
                .collect();
            place_errors(lang, &mut page.session_fields, errors);
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

/// `POST /redaktion/termine/{id}/absagen`.
pub async fn cancel_session(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let Ok(session) = Uuid::try_parse(&id) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let Some((offering, _)) = store::session_owner(&state.db, session).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    match session_cancel(&state, &me, session).await {
        Ok(()) | Err(AppError::Conflict(_)) => Ok(Redirect::to(&format!(
            "/redaktion/angebote/{offering}?hinweis=abgesagt"
        ))
        .into_response()),
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

/// `POST /redaktion/termine/{id}/zugang`: changes how to join an online session; its
/// confirmed participants are mailed the new access.
pub async fn save_access(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let Ok(session) = Uuid::try_parse(&id) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let Some((offering, _)) = store::session_owner(&state.db, session).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let sent = Sent::parse(&body);
    let changed = crate::booking::service::change_online_access(
        &state,
        &me,
        session,
        Some(sent.one("online_link")),
        Some(sent.one("dial_in")),
    )
    .await;
    match changed {
        Ok(_) => Ok(
            Redirect::to(&format!("/redaktion/angebote/{offering}?hinweis=zugang")).into_response(),
        ),
        Err(AppError::Invalid(errors)) => {
            let mut page =
                offering_page(&state, lang, &me, Some(offering), None, Vec::new(), None).await?;
            page.errors = errors
                .iter()
                .map(|e| (e.field.clone(), e.message.text(lang)))
                .collect();
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

/// `POST /redaktion/angebote/{id}/materialien`: a file or a link for the offering or
/// one of its sessions (multipart, as the editor's form sends it).
pub async fn add_material(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    request: axum::extract::Request,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let offering = match offering_id(lang, &id) {
        Ok(id) => id,
        Err(page) => return Ok(*page),
    };
    if let Some(page) = may_edit(&state, lang, &me, offering).await? {
        return Ok(page);
    }
    let added = match crate::materials::service::read_request(request).await {
        Ok(sent) => match sent.session_id.trim() {
            "" => crate::materials::service::add(&state, &me, offering, None, sent).await,
            raw => match Uuid::try_parse(raw) {
                Ok(session) => {
                    crate::materials::service::add(&state, &me, offering, Some(session), sent).await
                }
                Err(_) => Err(AppError::field("session_id", "invalid-session-of-offering")),
            },
        },
        Err(e) => Err(e),
    };
    match added {
        Ok(_) => Ok(Redirect::to(&format!(
            "/redaktion/angebote/{offering}?hinweis=material#materialien"
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page =
                offering_page(&state, lang, &me, Some(offering), None, Vec::new(), None).await?;
            page.material_errors = errors
                .iter()
                .map(|e| {
                    let label = match e.field.as_str() {
                        "file" => "materials-file",
                        "url" => "materials-url",
                        "title" => "materials-title",
                        "audience" => "materials-audience",
                        "session_id" => "materials-belongs-to",
                        _ => "materials-form",
                    };
                    format!("{}: {}", lang.t(label), e.message.text(lang))
                })
                .collect();
            Ok(with_status(render(page), StatusCode::BAD_REQUEST))
        }
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

/// `POST /redaktion/materialien/{id}/entfernen`: removes a material (and its file).
pub async fn remove_material(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let Ok(id) = Uuid::try_parse(&id) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    match crate::materials::service::remove(&state, &me, id).await {
        Ok(removed) => Ok(Redirect::to(&format!(
            "/redaktion/angebote/{}?hinweis=material-entfernt#materialien",
            removed.offering_id
        ))
        .into_response()),
        Err(AppError::NotFound(_)) => Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        Err(AppError::Forbidden(_)) => Ok(error_page(lang, StatusCode::FORBIDDEN, Vec::new())),
        Err(e) => Err(e),
    }
}

/// `POST /redaktion/angebote/{id}/zurueckziehen`.
pub async fn withdraw_offering(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let id = match offering_id(lang, &id) {
        Ok(id) => id,
        Err(page) => return Ok(*page),
    };
    match offering_withdraw(&state, &me, id).await {
        Ok(_) => Ok(Redirect::to("/redaktion?hinweis=zurueckgezogen").into_response()),
        Err(AppError::NotFound(_)) | Err(AppError::Forbidden(_)) => {
            Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_amounts_become_cents() {
        assert_eq!(cents(""), 0);
        assert_eq!(cents("49"), 4900);
        assert_eq!(cents("49,5"), 4950);
        assert_eq!(cents("49.05 €"), 4905);
        assert_eq!(cents("vierzig"), -1);
        assert_eq!(cents("1,234"), -1);
    }
}
