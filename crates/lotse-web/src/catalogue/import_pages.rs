//! The import pages under `/redaktion/import`: the form with the template and the
//! columns explained, the dry run's report, and the confirmation that writes it.

use super::editor_pages::gate;
use super::import::{self, Counts, ImportReport, MAX_FILE_BYTES};
use crate::error::AppError;
use crate::http::auth::{MaybeSignedIn, SignedIn};
use crate::http::error::FieldError;
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::import::{Column, Plan};
use lotse_store::catalogue as store;
use std::collections::HashMap;
use uuid::Uuid;

/// A column as the page explains it.
struct ColumnRow {
    key: &'static str,
    german: &'static str,
    required: String,
    meaning: String,
}

#[derive(Template)]
#[template(path = "catalogue/import.html")]
struct ImportPage {
    ctx: Ctx,
    notice: Option<String>,
    errors: Vec<(String, String)>,
    columns: Vec<ColumnRow>,
    file_hint: String,
}

/// A row of the report as the page shows it.
struct ReportRow {
    row: u32,
    external_id: String,
    offering: String,
    session: String,
    errors: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "catalogue/import_report.html")]
struct ReportPage {
    ctx: Ctx,
    /// Which file this is about.
    lead: String,
    /// What would be created, updated or found, in words.
    counts: Vec<String>,
    /// How many rows have problems, in words.
    refused: String,
    /// The heading of the list of all rows.
    all_rows: String,
    rows: Vec<ReportRow>,
    /// Where to confirm the import; `None` while a row has a problem.
    confirm: Option<String>,
    /// Whether the full list starts open (short files).
    open: bool,
}

fn form_page(lang: Lang, notice: Option<String>, errors: Vec<(String, String)>) -> ImportPage {
    ImportPage {
        ctx: Ctx::new(lang, "/redaktion/import"),
        notice,
        errors,
        columns: Column::ALL
            .iter()
            .map(|c| ColumnRow {
                key: c.key(),
                german: c.german(),
                required: import::required_label(*c, lang),
                meaning: import::column_meaning(*c, lang),
            })
            .collect(),
        file_hint: lang.t_args(
            "import-file-hint",
            &[
                ("megabytes", (MAX_FILE_BYTES / (1024 * 1024)).into()),
                ("rows", lotse_core::import::MAX_ROWS.into()),
            ],
        ),
    }
}

/// The page for an error the import answered with: the form with the file's problems,
/// or the error page.
fn refused(lang: Lang, error: AppError) -> Result<Response, AppError> {
    match error {
        AppError::Invalid(fields) => {
            let errors = fields
                .iter()
                .map(|f| {
                    let said = FieldError::said(f, lang);
                    (said.field, said.message)
                })
                .collect();
            let mut page = render(form_page(lang, None, errors));
            *page.status_mut() = StatusCode::BAD_REQUEST;
            Ok(page)
        }
        AppError::Forbidden(_) => Ok(error_page(lang, StatusCode::FORBIDDEN, Vec::new())),
        e => Err(e),
    }
}

fn report_page(lang: Lang, file_name: &str, plan: &Plan, confirm: Option<String>) -> ReportPage {
    let report = ImportReport::new(plan, true, false, lang);
    let rows: Vec<ReportRow> = report
        .rows
        .into_iter()
        .map(|r| ReportRow {
            row: r.row,
            external_id: r.external_id,
            offering: match (r.offering, r.as_in_row) {
                (Some("as_in_row"), Some(row)) => lang.t_args(
                    "import-offering-as-in-row",
                    &[("row", i64::from(row).into())],
                ),
                (Some(outcome), _) => lang.t(&format!("import-offering-{outcome}")),
                (None, _) => String::new(),
            },
            session: r
                .session
                .map(|s| lang.t(&format!("import-session-{s}")))
                .unwrap_or_default(),
            errors: r
                .errors
                .into_iter()
                .map(|e| (e.column.unwrap_or_default().to_owned(), e.message))
                .collect(),
        })
        .collect();
    let count = |key: &str, n: usize| lang.t_args(key, &[("count", n.into())]);
    let c = report.counts;
    ReportPage {
        ctx: Ctx::new(lang, "/redaktion/import"),
        lead: lang.t_args(
            "import-report-file",
            &[("file", file_name.to_owned().into())],
        ),
        counts: vec![
            count("import-count-created", c.offerings_created),
            count("import-count-updated", c.offerings_updated),
            count("import-count-sessions", c.sessions_created),
            count("import-count-existing", c.sessions_existing),
        ],
        refused: count("import-rows-refused", c.rows_with_errors),
        all_rows: count("import-all-rows", rows.len()),
        open: rows.len() <= 50,
        rows,
        confirm,
    }
}

/// `GET /redaktion/import`: the form, and after an import what it did.
pub async fn form(
    lang: Lang,
    me: MaybeSignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    match gate(lang, me, "/redaktion/import") {
        Ok(me) if import::may_import(&me).is_ok() => {}
        Ok(_) => return error_page(lang, StatusCode::FORBIDDEN, Vec::new()),
        Err(page) => return *page,
    }
    let number = |name: &str| {
        query
            .get(name)
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|n| *n >= 0)
    };
    let notice = match (
        number("angelegt"),
        number("aktualisiert"),
        number("termine"),
    ) {
        (Some(created), Some(updated), Some(sessions)) => Some(lang.t_args(
            "import-done",
            &[
                ("created", created.into()),
                ("updated", updated.into()),
                ("sessions", sessions.into()),
            ],
        )),
        _ => None,
    };
    render(form_page(lang, notice, Vec::new()))
}

/// The uploaded file's name and content, or the problem to show.
async fn uploaded_file(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(String, Vec<u8>), AppError> {
    let too_large = |e: &dyn std::fmt::Display| {
        if e.to_string().contains("length limit") {
            AppError::TooLarge(MAX_FILE_BYTES)
        } else {
            AppError::field("file", "invalid-import-no-file")
        }
    };
    let mut multipart = multipart.map_err(|e| too_large(&e))?;
    while let Some(field) = multipart.next_field().await.map_err(|e| too_large(&e))? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|e| too_large(&e))?;
        if bytes.is_empty() {
            break;
        }
        let name: String = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect();
        return Ok((name, bytes.to_vec()));
    }
    Err(AppError::field("file", "invalid-import-no-file"))
}

/// `POST /redaktion/import`: the dry run of the uploaded file, and the button that
/// writes it when every row is fine.
pub async fn dry_run(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let me = match gate(lang, me, "/redaktion/import") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    if let Err(e) = import::may_import(&me) {
        return refused(lang, e);
    }
    let (file_name, content) = match uploaded_file(multipart).await {
        Ok(file) => file,
        Err(e) => return refused(lang, e),
    };
    let plan = match import::run(&state, &me, &content, true).await {
        Ok((plan, _)) => plan,
        Err(e) => return refused(lang, e),
    };
    let confirm = if plan.has_errors() {
        None
    } else {
        let id = Uuid::now_v7();
        store::keep_upload(
            &state.db,
            id,
            me.person.id,
            &file_name,
            &content,
            jiff::Timestamp::now(),
        )
        .await?;
        Some(format!("/redaktion/import/{id}"))
    };
    let mut page = render(report_page(lang, &file_name, &plan, confirm));
    if plan.has_errors() {
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(page)
}

/// `POST /redaktion/import/{id}`: writes a file that passed its dry run, checking it
/// again against the catalogue as it is now.
pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    Path(raw): Path<String>,
) -> Result<Response, AppError> {
    let me: SignedIn = match gate(lang, me, "/redaktion/import") {
        Ok(me) => me,
        Err(page) => return Ok(*page),
    };
    let not_found = || error_page(lang, StatusCode::NOT_FOUND, Vec::new());
    let Ok(id) = Uuid::try_parse(&raw) else {
        return Ok(not_found());
    };
    let Some((file_name, content)) =
        store::upload(&state.db, id, me.person.id, jiff::Timestamp::now()).await?
    else {
        return Ok(not_found());
    };
    let plan = match import::run(&state, &me, &content, false).await {
        Ok((plan, true)) => plan,
        // Something changed since the dry run: show the rows as they are now.
        Ok((plan, false)) => {
            let mut page = render(report_page(lang, &file_name, &plan, None));
            *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(page);
        }
        Err(e) => return refused(lang, e),
    };
    store::forget_upload(&state.db, id).await?;
    let counts = Counts::of(&plan);
    Ok(Redirect::to(&format!(
        "/redaktion/import?angelegt={}&aktualisiert={}&termine={}",
        counts.offerings_created, counts.offerings_updated, counts.sessions_created
    ))
    .into_response())
}

/// `GET /redaktion/import/vorlage.csv`.
pub async fn template_csv(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
) -> Result<Response, AppError> {
    match gate(lang, me, "/redaktion/import") {
        Ok(me) => import::template_csv(&state, &me)
            .await
            .or_else(|e| refused(lang, e)),
        Err(page) => Ok(*page),
    }
}

/// `GET /redaktion/import/vorlage.xlsx`.
pub async fn template_xlsx(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
) -> Result<Response, AppError> {
    match gate(lang, me, "/redaktion/import") {
        Ok(me) => import::template_xlsx(&state, &me, lang)
            .await
            .or_else(|e| refused(lang, e)),
        Err(page) => Ok(*page),
    }
}
