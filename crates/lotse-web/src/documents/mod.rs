//! PDF documents (certificates, the check's report) made with typst, off the async
//! threads and two at a time: each takes a core for a few milliseconds, and a template
//! cannot be interrupted. Which template a document is made with: staff's version
//! (changed in the browser, [`editor`]), else the operator's file in the site folder,
//! else lotse's own.

pub mod editor;

use crate::app::PageRoute;
use crate::error::AppError;
use crate::state::AppState;
use axum::routing::{get, post};
use lotse_documents::DocumentError;

static RENDERING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Runs `job` (a `lotse_documents` rendering) on a blocking thread; a template that
/// does not compile is an internal error here (templates are checked before use).
pub async fn render(
    job: impl FnOnce() -> Result<Vec<u8>, DocumentError> + Send + 'static,
) -> Result<Vec<u8>, AppError> {
    attempt(job)
        .await?
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Runs `job` on a blocking thread like [`render`], handing back the template's
/// mistakes for the caller to show.
async fn attempt(
    job: impl FnOnce() -> Result<Vec<u8>, DocumentError> + Send + 'static,
) -> Result<Result<Vec<u8>, DocumentError>, AppError> {
    let _permit = RENDERING
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// A document lotse makes from a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// The certificate of a credential.
    Certificate,
    /// The Digitalisierungs-Check's report.
    CheckReport,
}

/// Where the template in use comes from.
#[derive(Debug, Clone)]
pub enum TemplateOrigin {
    /// lotse's own.
    BuiltIn,
    /// The operator's file in the site folder.
    Operator,
    /// Staff changed it in the browser: when, and who (while their account exists).
    Staff(jiff::Timestamp, Option<String>),
}

impl DocumentKind {
    /// Every kind, in the order the editor lists them.
    pub const ALL: [DocumentKind; 2] = [DocumentKind::Certificate, DocumentKind::CheckReport];

    /// The name in addresses, in the database and in the site folder (`vorlagen/{key}.typ`).
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Certificate => "zertifikat",
            DocumentKind::CheckReport => "check-bericht",
        }
    }

    /// The kind named `key`.
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// lotse's own template.
    pub fn built_in(self) -> &'static str {
        match self {
            DocumentKind::Certificate => lotse_documents::certificate::TEMPLATE,
            DocumentKind::CheckReport => lotse_documents::check_report::TEMPLATE,
        }
    }

    /// The names the template reads from `sys.inputs`.
    pub fn inputs(self) -> &'static [&'static str] {
        match self {
            DocumentKind::Certificate => lotse_documents::certificate::INPUTS,
            DocumentKind::CheckReport => lotse_documents::check_report::INPUTS,
        }
    }

    /// `template` rendered with sample data: the check before a template is saved,
    /// and the preview.
    pub fn sample_pdf(self, template: &str) -> Result<Vec<u8>, DocumentError> {
        match self {
            DocumentKind::Certificate => lotse_documents::certificate::sample_pdf(template),
            DocumentKind::CheckReport => lotse_documents::check_report::sample_pdf(template),
        }
    }
}

/// The template documents of `kind` are made with now, and where it comes from.
pub async fn template(
    state: &AppState,
    kind: DocumentKind,
) -> Result<(String, TemplateOrigin), AppError> {
    if let Some(stored) = lotse_store::documents::template(&state.db, kind.key()).await? {
        let at = jiff::Timestamp::from_second(stored.changed_at)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        return Ok((stored.source, TemplateOrigin::Staff(at, stored.changed_by)));
    }
    Ok(match state.config.site.operator_template(kind) {
        Some(own) => (own.to_owned(), TemplateOrigin::Operator),
        None => (kind.built_in().to_owned(), TemplateOrigin::BuiltIn),
    })
}

/// The template editor's pages (staff).
pub fn page_routes() -> Vec<PageRoute> {
    vec![
        ("GET", "/redaktion/vorlagen", get(editor::list)),
        (
            "GET POST",
            "/redaktion/vorlagen/{name}",
            get(editor::edit).post(editor::save),
        ),
        (
            "POST",
            "/redaktion/vorlagen/{name}/zuruecksetzen",
            post(editor::reset),
        ),
    ]
}
