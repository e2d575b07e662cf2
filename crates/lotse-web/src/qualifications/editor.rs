//! The staff's qualification editor: list, create and change qualifications (each
//! change a new version), choosing each module as required, elective or not part of it.

use super::service::{self, QualificationRequest};
use crate::error::{AppError, InvalidField};
use crate::http::auth::{MaybeSignedIn, SignedIn, require};
use crate::http::form::{FormField, place_errors, with_status};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::accounts::{Action, Decision, authorize};
use std::collections::HashMap;
use uuid::Uuid;

/// `me` if they may look after qualifications; a page otherwise.
fn gate(lang: Lang, me: MaybeSignedIn, back: &str) -> Result<SignedIn, Box<Response>> {
    let me = require(me, back).map_err(|r| Box::new(r.into_response()))?;
    match authorize(Some(&me.actor), Action::ManageQualifications) {
        Decision::Allow => Ok(me),
        _ => Err(Box::new(error_page(
            lang,
            StatusCode::FORBIDDEN,
            Vec::new(),
        ))),
    }
}

#[derive(Template)]
#[template(path = "qualifications/editor_list.html")]
struct EditorList {
    ctx: Ctx,
    notice: Option<String>,
    /// Link, title, version, minimum hours.
    qualifications: Vec<(String, String, i64, i64)>,
}

/// `GET /redaktion/qualifizierungen`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    if let Err(page) = gate(lang, me, "/redaktion/qualifizierungen") {
        return Ok(*page);
    }
    let mut qualifications = Vec::new();
    for q in lotse_store::catalogue::qualifications(&state.db).await? {
        let version = lotse_store::qualifications::version_of(&state.db, q.id)
            .await?
            .unwrap_or(1);
        qualifications.push((
            format!("/redaktion/qualifizierungen/{}", q.id),
            q.title,
            version,
            q.minimum_hours,
        ));
    }
    Ok(render(EditorList {
        ctx: Ctx::new(lang, "/redaktion"),
        notice: match query.get("hinweis").map(String::as_str) {
            Some("angelegt") => Some(lang.t("qualification-editor-created")),
            _ => None,
        },
        qualifications,
    }))
}

/// A module row of the form: which part it plays.
struct ModuleRow {
    id: String,
    title: String,
    hours: i64,
    partner: String,
    /// `none`, `required` or `elective`.
    role: &'static str,
}

#[derive(Template)]
#[template(path = "qualifications/editor_form.html")]
struct EditorForm {
    ctx: Ctx,
    heading: String,
    notice: Option<String>,
    errors: Vec<String>,
    action: String,
    fields: Vec<FormField>,
    summary: String,
    description: String,
    modules: Vec<ModuleRow>,
    modules_error: Option<String>,
    partners: Vec<(String, String, bool)>,
    version: Option<i64>,
}

/// The form as sent: its fields, each module's part, the partners ticked.
#[derive(Default)]
struct Sent {
    values: HashMap<String, String>,
    roles: HashMap<Uuid, &'static str>,
    partners: Vec<Uuid>,
}

impl Sent {
    fn parse(body: &Bytes) -> Self {
        let mut sent = Sent::default();
        for (name, value) in form_urlencoded::parse(body).into_owned() {
            if let Some(module) = name.strip_prefix("module-") {
                if let Ok(id) = Uuid::try_parse(module) {
                    let role = match value.as_str() {
                        "required" => "required",
                        "elective" => "elective",
                        _ => "none",
                    };
                    sent.roles.insert(id, role);
                }
            } else if name == "partners" {
                sent.partners.extend(Uuid::try_parse(&value).ok());
            } else {
                sent.values.insert(name, value);
            }
        }
        sent
    }

    /// The request the API would take. Modules keep the catalogue's order.
    fn request(&self, order: &[Uuid]) -> QualificationRequest {
        let with = |role: &str| {
            order
                .iter()
                .filter(|id| self.roles.get(id) == Some(&role))
                .copied()
                .collect()
        };
        let value = |name: &str| self.values.get(name).cloned().unwrap_or_default();
        QualificationRequest {
            title: value("title"),
            summary: value("summary"),
            description: value("description"),
            required: with("required"),
            elective: with("elective"),
            // An empty or non-numeric entry is refused as "not a number of hours".
            minimum_hours: value("minimum_hours").trim().parse().unwrap_or(0),
            partners: self.partners.clone(),
        }
    }
}

/// The form for qualification `id` (or a new one), filled from `sent` or else from the
/// stored qualification, with `errors` placed.
async fn form(
    state: &AppState,
    lang: Lang,
    id: Option<Uuid>,
    sent: Option<&Sent>,
    errors: Vec<InvalidField>,
    notice: Option<String>,
) -> Result<Option<EditorForm>, AppError> {
    let stored = match id {
        Some(id) => {
            match lotse_store::catalogue::qualification(&state.db, id, jiff::Timestamp::now())
                .await?
            {
                Some(found) => Some((
                    found,
                    lotse_store::qualifications::partners_of(&state.db, id).await?,
                    lotse_store::qualifications::version_of(&state.db, id).await?,
                )),
                None => return Ok(None),
            }
        }
        None => None,
    };
    let mut values: HashMap<String, String> = HashMap::new();
    let mut roles: HashMap<Uuid, &'static str> = HashMap::new();
    let mut partners_ticked: Vec<Uuid> = Vec::new();
    let mut version = None;
    match (sent, &stored) {
        (Some(sent), _) => {
            values = sent.values.clone();
            roles = sent.roles.clone();
            partners_ticked = sent.partners.clone();
            version = stored.as_ref().and_then(|s| s.2);
        }
        (None, Some((found, partners, v))) => {
            values.insert("title".into(), found.summary.title.clone());
            values.insert("summary".into(), found.summary.summary.clone());
            values.insert("description".into(), found.description.clone());
            values.insert(
                "minimum_hours".into(),
                found.summary.minimum_hours.to_string(),
            );
            for m in &found.modules {
                roles.insert(
                    m.offering_id,
                    if m.required { "required" } else { "elective" },
                );
            }
            partners_ticked = partners.clone();
            version = *v;
        }
        (None, None) => {}
    }
    let mut fields = vec![
        FormField::new(lang, "title", "text", "off").value(values.get("title")),
        FormField::new(lang, "minimum_hours", "number", "off")
            .hint(lang.t("qualification-editor-hours-hint"))
            .value(values.get("minimum_hours")),
    ];
    let rest = place_errors(lang, &mut fields, errors.clone());
    let modules_error = errors
        .iter()
        .find(|e| e.field == "required" || e.field == "elective")
        .map(|e| e.message.text(lang));
    let modules = lotse_store::qualifications::module_choices(&state.db)
        .await?
        .into_iter()
        .map(|m| ModuleRow {
            role: roles.get(&m.id).copied().unwrap_or("none"),
            id: m.id.to_string(),
            title: m.title,
            hours: m.duration_hours,
            partner: m.partner_name,
        })
        .collect();
    let partners = lotse_store::catalogue::partners(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.name, partners_ticked.contains(&p.id)))
        .collect();
    let (heading, action) = match id {
        Some(id) => (
            values
                .get("title")
                .filter(|t| !t.is_empty())
                .cloned()
                .unwrap_or_else(|| lang.t("qualification-editor-title")),
            format!("/redaktion/qualifizierungen/{id}"),
        ),
        None => (
            lang.t("qualification-editor-new"),
            "/redaktion/qualifizierungen/neu".into(),
        ),
    };
    Ok(Some(EditorForm {
        ctx: Ctx::new(lang, "/redaktion"),
        heading,
        notice,
        errors: rest
            .into_iter()
            .filter(|_| modules_error.is_none())
            .collect(),
        action,
        fields,
        summary: values.get("summary").cloned().unwrap_or_default(),
        description: values.get("description").cloned().unwrap_or_default(),
        modules,
        modules_error,
        partners,
        version,
    }))
}

/// The modules in the catalogue's order, as the form lists them.
async fn module_order(state: &AppState) -> Result<Vec<Uuid>, AppError> {
    Ok(lotse_store::qualifications::module_choices(&state.db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect())
}

/// `GET /redaktion/qualifizierungen/neu`.
pub async fn new(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
) -> Result<Response, AppError> {
    if let Err(page) = gate(lang, me, "/redaktion/qualifizierungen/neu") {
        return Ok(*page);
    }
    Ok(
        match form(&state, lang, None, None, Vec::new(), None).await? {
            Some(page) => render(page),
            None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
        },
    )
}

/// `POST /redaktion/qualifizierungen/neu`.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion/qualifizierungen/neu") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let sent = Sent::parse(&body);
    let request = sent.request(&module_order(&state).await?);
    match service::create(&state, &me, &request).await {
        Ok(id) => Ok(Redirect::to(&format!(
            "/redaktion/qualifizierungen/{id}?hinweis=angelegt"
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => Ok(with_status(
            match form(&state, lang, None, Some(&sent), errors, None).await? {
                Some(page) => render(page),
                None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
            },
            StatusCode::BAD_REQUEST,
        )),
        Err(e) => Err(e),
    }
}

/// `GET /redaktion/qualifizierungen/{id}`.
pub async fn edit(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    if let Err(page) = gate(lang, me, &format!("/redaktion/qualifizierungen/{id}")) {
        return Ok(*page);
    }
    let Ok(id) = Uuid::try_parse(&id) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let notice = match query.get("hinweis").map(String::as_str) {
        Some("angelegt") => Some(lang.t("qualification-editor-created")),
        Some("gespeichert") => Some(lang.t("qualification-editor-saved")),
        _ => None,
    };
    Ok(
        match form(&state, lang, Some(id), None, Vec::new(), notice).await? {
            Some(page) => render(page),
            None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
        },
    )
}

/// `POST /redaktion/qualifizierungen/{id}`: saves a new version.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, &format!("/redaktion/qualifizierungen/{id}")) {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let Ok(id) = Uuid::try_parse(&id) else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let sent = Sent::parse(&body);
    let request = sent.request(&module_order(&state).await?);
    match service::change(&state, &me, id, &request).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/redaktion/qualifizierungen/{id}?hinweis=gespeichert"
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => Ok(with_status(
            match form(&state, lang, Some(id), Some(&sent), errors, None).await? {
                Some(page) => render(page),
                None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
            },
            StatusCode::BAD_REQUEST,
        )),
        Err(AppError::NotFound(_)) => Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new())),
        Err(e) => Err(e),
    }
}
