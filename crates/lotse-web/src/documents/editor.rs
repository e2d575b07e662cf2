//! The staff's template editor: the certificate's and the check report's typst
//! templates, changed in the browser. A template is rendered with sample data before
//! it is saved, so a mistake is shown with its line and column and never reaches a
//! learner's download; a preview shows the sample as PDF; a reset returns to the
//! operator's file or lotse's own.

use super::{DocumentKind, TemplateOrigin, attempt, template};
use crate::error::AppError;
use crate::format;
use crate::http::auth::{MaybeSignedIn, SignedIn, require};
use crate::http::form::with_status;
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

/// Largest template saved, in bytes (as the site folder's).
const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// `me` if they may change templates; a page otherwise.
fn gate(lang: Lang, me: MaybeSignedIn, back: &str) -> Result<SignedIn, Box<Response>> {
    let me = require(me, back).map_err(|r| Box::new(r.into_response()))?;
    match authorize(Some(&me.actor), Action::EditDocumentTemplates) {
        Decision::Allow => Ok(me),
        _ => Err(Box::new(error_page(
            lang,
            StatusCode::FORBIDDEN,
            Vec::new(),
        ))),
    }
}

/// `me` and the template `name` if they may change it and it exists; a page otherwise.
fn open(
    lang: Lang,
    me: MaybeSignedIn,
    name: &str,
) -> Result<(SignedIn, DocumentKind), Box<Response>> {
    let me = gate(lang, me, &format!("/redaktion/vorlagen/{name}"))?;
    match DocumentKind::parse(name) {
        Some(kind) => Ok((me, kind)),
        None => Err(Box::new(error_page(
            lang,
            StatusCode::NOT_FOUND,
            Vec::new(),
        ))),
    }
}

/// Where a template comes from, in words.
fn origin_text(lang: Lang, origin: &TemplateOrigin) -> String {
    match origin {
        TemplateOrigin::BuiltIn => lang.t("template-origin-built-in"),
        TemplateOrigin::Operator => lang.t("template-origin-operator"),
        TemplateOrigin::Staff(at, by) => lang.t_args(
            "template-origin-staff",
            &[
                ("date", format::date(lang, *at).into()),
                (
                    "person",
                    by.clone()
                        .unwrap_or_else(|| lang.t("audit-erased-person"))
                        .into(),
                ),
            ],
        ),
    }
}

/// One template as the list shows it.
struct TemplateRow {
    href: String,
    name: String,
    origin: String,
}

#[derive(Template)]
#[template(path = "documents/editor_list.html")]
struct EditorList {
    ctx: Ctx,
    templates: Vec<TemplateRow>,
}

/// `GET /redaktion/vorlagen`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
) -> Result<Response, AppError> {
    if let Err(page) = gate(lang, me, "/redaktion/vorlagen") {
        return Ok(*page);
    }
    let mut templates = Vec::new();
    for kind in DocumentKind::ALL {
        let (_, origin) = template(&state, kind).await?;
        templates.push(TemplateRow {
            href: format!("/redaktion/vorlagen/{}", kind.key()),
            name: lang.t(&format!("template-{}", kind.key())),
            origin: origin_text(lang, &origin),
        });
    }
    Ok(render(EditorList {
        ctx: Ctx::new(lang, "/redaktion"),
        templates,
    }))
}

#[derive(Template)]
#[template(path = "documents/editor_form.html")]
struct EditorForm {
    ctx: Ctx,
    name: String,
    key: &'static str,
    notice: Option<String>,
    origin: String,
    /// Whether staff's version is in use, so that a reset means something.
    resettable: bool,
    source: String,
    /// What is wrong with the source sent: typst's diagnostics, or its size.
    problem: Option<String>,
    /// The inputs the template reads, each with what it holds.
    inputs: Vec<(&'static str, String)>,
}

async fn form(
    state: &AppState,
    lang: Lang,
    kind: DocumentKind,
    sent: Option<String>,
    problem: Option<String>,
    notice: Option<String>,
) -> Result<EditorForm, AppError> {
    let (current, origin) = template(state, kind).await?;
    Ok(EditorForm {
        ctx: Ctx::new(lang, "/redaktion"),
        name: lang.t(&format!("template-{}", kind.key())),
        key: kind.key(),
        notice,
        origin: origin_text(lang, &origin),
        resettable: matches!(origin, TemplateOrigin::Staff(..)),
        source: sent.unwrap_or(current),
        problem,
        inputs: kind
            .inputs()
            .iter()
            .map(|name| (*name, lang.t(&format!("template-input-{name}"))))
            .collect(),
    })
}

/// `GET /redaktion/vorlagen/{name}`.
pub async fn edit(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(name): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let kind = match open(lang, me, &name) {
        Ok((_, kind)) => kind,
        Err(page) => return Ok(*page),
    };
    let notice = match query.get("hinweis").map(String::as_str) {
        Some("gespeichert") => Some(lang.t("template-saved")),
        Some("zurueckgesetzt") => Some(lang.t("template-reset-done")),
        _ => None,
    };
    Ok(render(form(&state, lang, kind, None, None, notice).await?))
}

/// `POST /redaktion/vorlagen/{name}`: `action=preview` answers the sample as PDF,
/// `action=save` saves the template if the sample renders.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (me, kind) = match open(lang, me, &name) {
        Ok(found) => found,
        Err(page) => return Ok(*page),
    };
    let sent: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    let source = sent
        .get("source")
        .map(|s| s.replace("\r\n", "\n"))
        .unwrap_or_default();
    let preview = sent.get("action").map(String::as_str) == Some("preview");
    let refuse = |problem: String| async {
        Ok::<_, AppError>(with_status(
            render(
                form(
                    &state,
                    lang,
                    kind,
                    Some(source.clone()),
                    Some(problem),
                    None,
                )
                .await?,
            ),
            StatusCode::BAD_REQUEST,
        ))
    };
    if source.trim().is_empty() {
        return refuse(lang.t("template-empty")).await;
    }
    if source.len() > MAX_TEMPLATE_BYTES {
        return refuse(lang.t_args(
            "template-too-large",
            &[(
                "size",
                format::file_size(lang, MAX_TEMPLATE_BYTES as i64).into(),
            )],
        ))
        .await;
    }
    let checked = source.clone();
    let pdf = match attempt(move || kind.sample_pdf(&checked)).await? {
        Ok(pdf) => pdf,
        Err(mistake) => return refuse(mistake.to_string()).await,
    };
    if preview {
        return Ok(crate::http::page::pdf(
            pdf,
            "inline",
            &format!("{}-{}.pdf", lang.t("template-preview-file"), kind.key()),
        ));
    }
    let now = lotse_store::now_seconds();
    lotse_store::documents::save_template(&state.db, kind.key(), &source, me.person.id, now)
        .await?;
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "document_template.saved",
        kind.key(),
        &me.ip,
        serde_json::json!({ "bytes": source.len() }),
        now,
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/redaktion/vorlagen/{}?hinweis=gespeichert",
        kind.key()
    ))
    .into_response())
}

/// `POST /redaktion/vorlagen/{name}/zuruecksetzen`: back to the operator's file or
/// lotse's own template.
pub async fn reset(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(name): Path<String>,
) -> Result<Response, AppError> {
    let (me, kind) = match open(lang, me, &name) {
        Ok(found) => found,
        Err(page) => return Ok(*page),
    };
    if lotse_store::documents::reset_template(&state.db, kind.key()).await? {
        lotse_store::accounts::audit(
            &state.db,
            Some(me.person.id),
            "document_template.reset",
            kind.key(),
            &me.ip,
            serde_json::json!({}),
            lotse_store::now_seconds(),
        )
        .await?;
    }
    Ok(Redirect::to(&format!(
        "/redaktion/vorlagen/{}?hinweis=zurueckgesetzt",
        kind.key()
    ))
    .into_response())
}
