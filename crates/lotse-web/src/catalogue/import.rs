//! Bulk import of offerings and sessions: reading CSV and spreadsheet files into a
//! [`Table`], running an import for someone (as a dry run or for real), the template,
//! and the API. The rows' rules live in [`lotse_core::import`].

use crate::error::{AppError, InvalidField, Message};
use crate::http::auth::{Authenticated, SignedIn};
use crate::http::error::{Problem, problem};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::DateTime;
use lotse_core::Invalid;
use lotse_core::accounts::{Action, Decision, authorize};
use lotse_core::catalogue::{Audience, Format, Language, Level, OfferingKind, Topic};
use lotse_core::import::{
    Cell, Column, OfferingOutcome, Plan, References, SessionOutcome, Table, file_problem,
};
use lotse_store::catalogue::{self as store, ImportError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Import files may be this large; a file of 10,000 rows is about 3 MB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The paths that take import files, and so the larger body limit.
pub const UPLOAD_PATHS: [&str; 2] = ["/redaktion/import", "/api/v1/offerings/import"];

/// Reads an import file: a spreadsheet (XLSX, XLS, ODS: its first sheet) or CSV text
/// in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252, separated by
/// semicolons, commas or tabs.
pub fn read_table(bytes: &[u8]) -> Result<Table, Vec<Invalid>> {
    let unreadable =
        |detail: String| vec![file_problem("invalid-import-unreadable").with("detail", detail)];
    let table = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        read_spreadsheet(bytes).map_err(unreadable)?
    } else {
        read_csv(bytes).map_err(unreadable)?
    };
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![file_problem("invalid-import-empty")]);
    }
    Ok(table)
}

fn read_spreadsheet(bytes: &[u8]) -> Result<Table, String> {
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    let range = match workbook.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| e.to_string())?,
        None => return Ok(Table::default()),
    };
    let first_row = range.start().map(|(row, _)| row).unwrap_or(0);
    let cell = |data: &Data| match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
            DateTime::new(
                year as i16,
                month as i8,
                day as i8,
                hour as i8,
                minute as i8,
                second as i8,
                0,
            )
            .map(Cell::DateTime)
            .unwrap_or(Cell::Number(d.as_f64()))
        }
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    };
    let rows = range.rows().enumerate().map(|(i, cells)| {
        let number = first_row + u32::try_from(i).unwrap_or(u32::MAX - first_row) + 1;
        (number, cells.iter().map(cell).collect::<Vec<_>>())
    });
    Ok(into_table(rows))
}

/// Splits rows into the header and the rows below it. The header is the first row that
/// names the column `external_id` (so a title above it is skipped), or else the first
/// row with something in it.
fn into_table(rows: impl Iterator<Item = (u32, Vec<Cell>)>) -> Table {
    let names_external_id = |cells: &[Cell]| {
        cells.iter().any(|c| match c {
            Cell::Text(t) => Column::named(t) == Some(Column::ExternalId),
            _ => false,
        })
    };
    let mut above = Vec::new();
    let mut rows = rows.peekable();
    while let Some((_, cells)) = rows.peek() {
        if names_external_id(cells) {
            break;
        }
        above.extend(rows.next());
        // No header within the first rows: the first row with text is meant.
        if above.len() > 20 {
            break;
        }
    }
    let header_cells = match rows.peek() {
        Some((_, cells)) if names_external_id(cells) => rows.next().map(|(_, c)| c),
        _ => {
            let mut all = above.into_iter().chain(rows);
            let header = all
                .by_ref()
                .find(|(_, c)| c.iter().any(|c| *c != Cell::Empty));
            let rows: Vec<_> = all.take(lotse_core::import::MAX_ROWS + 1).collect();
            return Table {
                header: header.map(|(_, c)| header_names(c)).unwrap_or_default(),
                rows,
            };
        }
    };
    Table {
        header: header_cells.map(header_names).unwrap_or_default(),
        rows: rows.take(lotse_core::import::MAX_ROWS + 1).collect(),
    }
}

fn header_names(cells: Vec<Cell>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| match c {
            Cell::Text(t) => t,
            Cell::Empty => String::new(),
            Cell::Number(n) => n.to_string(),
            Cell::DateTime(d) => d.to_string(),
        })
        .collect()
}

/// Decodes text the way spreadsheet programs write CSV: a byte order mark decides,
/// else UTF-8 if it is valid, else Windows-1252 (what Excel writes in Germany).
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = decode(bytes);
    let first_line = text.lines().next().unwrap_or_default();
    // The separator is the one the header uses most; a tie goes to the semicolon,
    // which German spreadsheet programs write.
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| {
            let count = first_line.bytes().filter(|b| b == d).count();
            (count, *d == b';')
        })
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line numbers are counted here: the reader's own count depends on the line ends.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u32);
    for record in reader.records().take(lotse_core::import::MAX_ROWS + 30) {
        let record = record.map_err(|e| e.to_string())?;
        let mut start = record.position().map(|p| p.byte()).unwrap_or(0) as usize;
        // The record starts after any line ends (blank lines are no records).
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        let start = start.max(counted_to).min(bytes.len());
        for (i, b) in bytes[counted_to..start].iter().enumerate() {
            let at = counted_to + i;
            if *b == b'\n' || (*b == b'\r' && bytes.get(at + 1) != Some(&b'\n')) {
                line = line.saturating_add(1);
            }
        }
        counted_to = start;
        let cells = record
            .iter()
            .map(|c| match c {
                "" => Cell::Empty,
                c => Cell::Text(c.to_owned()),
            })
            .collect();
        rows.push((line, cells));
    }
    Ok(into_table(rows.into_iter()))
}

/// Refuses (403) someone who edits no partner's offerings: the import is not for them.
pub fn may_import(me: &SignedIn) -> Result<(), AppError> {
    let may = authorize(Some(&me.actor), Action::EditWholeCatalogue) == Decision::Allow
        || me.actor.editable_partners().into_iter().any(|p| {
            authorize(Some(&me.actor), Action::EditPartnerCatalogue(p)) == Decision::Allow
        });
    if may {
        Ok(())
    } else {
        Err(AppError::Forbidden("refusal-import-forbidden".into()))
    }
}

/// What `me` may import for and what rows may name.
async fn references(state: &AppState, me: &SignedIn) -> Result<References, AppError> {
    may_import(me)?;
    let partners = store::partners(&state.db).await?;
    let editable: Vec<Uuid> = partners
        .iter()
        .filter(|p| {
            authorize(Some(&me.actor), Action::EditPartnerCatalogue(p.id)) == Decision::Allow
        })
        .map(|p| p.id)
        .collect();
    if editable.is_empty() {
        // There is no partner yet to import for.
        return Err(AppError::Forbidden("refusal-import-forbidden".into()));
    }
    let places = store::places(&state.db).await?;
    Ok(References {
        partners: partners.into_iter().map(|p| (p.id, p.name)).collect(),
        editable,
        places: places.into_iter().map(|p| (p.id, p.name)).collect(),
        existing: store::offerings_by_external_id(&state.db).await?,
    })
}

fn invalid(problems: Vec<Invalid>) -> AppError {
    AppError::Invalid(problems.into_iter().map(InvalidField::from).collect())
}

/// Reads `file` and plans its import for `me`; writes it unless `dry_run` or a row has
/// a problem. A file that cannot be read at all is an [`AppError::Invalid`].
pub async fn run(
    state: &AppState,
    me: &SignedIn,
    file: &[u8],
    dry_run: bool,
) -> Result<(Plan, bool), AppError> {
    let references = references(state, me).await?;
    let table = read_table(file).map_err(invalid)?;
    let plan = lotse_core::import::plan(&table, &references, Uuid::now_v7).map_err(invalid)?;
    if dry_run || plan.has_errors() {
        return Ok((plan, false));
    }
    store::apply_import(&state.db, &plan, jiff::Timestamp::now())
        .await
        .map_err(|e| match e {
            ImportError::ChangedMeanwhile => AppError::Conflict("refusal-import-changed".into()),
            ImportError::Store(e) => e.into(),
        })?;
    // Those waiting for a date of an offering hear of its new ones, once per offering.
    let mut with_new_dates: Vec<Uuid> = plan.sessions.iter().map(|(_, s)| s.offering_id).collect();
    with_new_dates.sort();
    with_new_dates.dedup();
    for offering in with_new_dates {
        super::date_requests::tell_waiting(state, offering).await?;
    }
    let counts = Counts::of(&plan);
    lotse_store::accounts::audit(
        &state.db,
        Some(me.person.id),
        "catalogue.imported",
        "",
        &me.ip,
        serde_json::json!({
            "offerings_created": counts.offerings_created,
            "offerings_updated": counts.offerings_updated,
            "sessions_created": counts.sessions_created,
        }),
        lotse_store::now_seconds(),
    )
    .await?;
    Ok((plan, true))
}

/// How many offerings and sessions an import creates, updates or finds.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct Counts {
    /// New offerings.
    pub offerings_created: usize,
    /// Offerings replaced by their external id.
    pub offerings_updated: usize,
    /// New sessions.
    pub sessions_created: usize,
    /// Sessions the offering had already (left as they are).
    pub sessions_existing: usize,
    /// Rows with a problem.
    pub rows_with_errors: usize,
}

impl Counts {
    /// Counts a plan's rows.
    pub fn of(plan: &Plan) -> Self {
        let mut counts = Counts::default();
        for row in &plan.rows {
            if !row.errors.is_empty() {
                counts.rows_with_errors += 1;
                continue;
            }
            match row.offering {
                Some(OfferingOutcome::Created) => counts.offerings_created += 1,
                Some(OfferingOutcome::Updated) => counts.offerings_updated += 1,
                _ => {}
            }
            match row.session {
                Some(SessionOutcome::Created) => counts.sessions_created += 1,
                Some(SessionOutcome::Exists) => counts.sessions_existing += 1,
                None => {}
            }
        }
        counts
    }
}

/// One row's result.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RowDto {
    /// The row number as a spreadsheet program shows it (the header is row 1).
    pub row: u32,
    /// The external id as written.
    pub external_id: String,
    /// `created`, `updated` or `as_in_row` (an earlier row's offering); absent when the
    /// row has problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offering: Option<&'static str>,
    /// The earlier row whose offering this row adds a session to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_in_row: Option<u32>,
    /// The offering's id (new or existing), when the row has no problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offering_id: Option<Uuid>,
    /// `created` or `exists` (the offering has a session with this start already).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<&'static str>,
    /// The row's problems, each with its column.
    pub errors: Vec<CellErrorDto>,
}

/// A problem in one cell; without a column, in the row as a whole.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CellErrorDto {
    /// The column's name in the template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<&'static str>,
    /// What is wrong, in the reader's language.
    pub message: String,
}

/// The result of an import or a dry run.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportReport {
    /// Whether this was only a dry run.
    pub dry_run: bool,
    /// Whether the import was written (never for a dry run or a file with problems).
    pub applied: bool,
    /// What was (or would be) created, updated or found.
    #[serde(flatten)]
    pub counts: Counts,
    /// Every row that is not empty, in the file's order.
    pub rows: Vec<RowDto>,
}

impl ImportReport {
    /// The report of `plan` in `lang`.
    pub fn new(plan: &Plan, dry_run: bool, applied: bool, lang: Lang) -> Self {
        Self {
            dry_run,
            applied,
            counts: Counts::of(plan),
            rows: plan
                .rows
                .iter()
                .map(|r| RowDto {
                    row: r.row,
                    external_id: r.external_id.clone(),
                    offering: r.offering.filter(|_| r.errors.is_empty()).map(|o| match o {
                        OfferingOutcome::Created => "created",
                        OfferingOutcome::Updated => "updated",
                        OfferingOutcome::AsInRow(_) => "as_in_row",
                    }),
                    as_in_row: match r.offering {
                        Some(OfferingOutcome::AsInRow(row)) => Some(row),
                        _ => None,
                    },
                    offering_id: r.offering_id,
                    session: r.session.filter(|_| r.errors.is_empty()).map(|s| match s {
                        SessionOutcome::Created => "created",
                        SessionOutcome::Exists => "exists",
                    }),
                    errors: r
                        .errors
                        .iter()
                        .map(|e| CellErrorDto {
                            column: e.column.map(Column::key),
                            message: Message {
                                key: e.problem.key,
                                args: e.problem.args.clone(),
                            }
                            .text(lang),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The query of the import endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: check every row and report, write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// A report with problems, as a problem document (RFC 9457) with the rows as an
/// extension member.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProblem {
    #[serde(flatten)]
    problem: Problem,
    /// The report, every row's problems included.
    report: ImportReport,
}

/// Import offerings and sessions from a CSV or XLSX file (the editors of a partner for
/// it, and staff). One row per session; rows of one offering share its `external_id`,
/// and a known external id updates its offering. With `dry_run=true` nothing is
/// written; otherwise the whole file is written in one transaction, or nothing when
/// any row has a problem.
#[utoipa::path(post, path = "/api/v1/offerings/import", tag = "catalogue", params(ImportQuery),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ), description = "The file; the template is at /redaktion/import/vorlage.csv"),
    responses(
        (status = 200, description = "Every row is fine: imported, or would be", body = ImportReport),
        (status = 400, description = "The file cannot be read or lacks columns", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role may not edit offerings", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The catalogue changed meanwhile; nothing written", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Rows with problems; nothing written", body = ImportProblem, content_type = "application/problem+json"),
    ))]
pub async fn import_api(
    State(state): State<AppState>,
    Authenticated(me): Authenticated,
    headers: HeaderMap,
    query: Result<Query<ImportQuery>, axum::extract::rejection::QueryRejection>,
    body: Bytes,
) -> Result<Response, AppError> {
    let Query(query) = query.map_err(|e| AppError::query(&e))?;
    let lang = Lang::for_api(&headers);
    let (plan, applied) = run(&state, &me, &body, query.dry_run).await?;
    let report = ImportReport::new(&plan, query.dry_run, applied, lang);
    if !plan.has_errors() {
        return Ok(axum::Json(report).into_response());
    }
    let mut problem = problem(
        &AppError::field("file", Message::new("invalid-import-rows")),
        lang,
    );
    problem.status = StatusCode::UNPROCESSABLE_ENTITY.as_u16();
    problem.detail = Message::new("invalid-import-rows")
        .with("rows", report.counts.rows_with_errors)
        .text(lang);
    problem.errors.clear();
    let mut response = (
        StatusCode::UNPROCESSABLE_ENTITY,
        axum::Json(ImportProblem { problem, report }),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    Ok(response)
}

/// The template's example rows: an offering with two sessions, for the importer's
/// first partner and the first place.
fn example_rows(partner: &str, place: &str) -> Vec<Vec<String>> {
    let offering = |external_id: &str, date: &str| {
        Column::ALL
            .iter()
            .map(|c| {
                match c {
                    Column::ExternalId => external_id,
                    Column::Partner => partner,
                    Column::Kind => OfferingKind::Workshop.key(),
                    Column::Title => "Prozesse digital abbilden",
                    Column::Summary => {
                        "Wie ein Betrieb seine Abläufe erfasst und digital unterstützt."
                    }
                    Column::Description => "Ein Tag mit Beispielen aus Handwerk und Industrie.",
                    Column::LearningOutcomes => "Abläufe erfassen | Werkzeuge auswählen",
                    Column::Topics => "strategie, arbeit-4-0",
                    Column::Audiences => "geschaeftsfuehrung, fach-fuehrungskraefte",
                    Column::DurationHours => "6",
                    Column::Format => Format::Presence.key(),
                    Column::PriceEur => "0",
                    Column::Language => Language::German.key(),
                    Column::Level => Level::Basic.key(),
                    Column::StartsAt => date,
                    Column::EndsAt => "",
                    Column::RegistrationDeadline => "",
                    Column::Place => place,
                    Column::OnlineLink => "",
                    Column::DialIn => "",
                    Column::Capacity => "16",
                    Column::CancellationCutoffHours => "24",
                }
                .to_owned()
            })
            .collect::<Vec<_>>()
    };
    let mut first = offering("WS-2027-01", "04.03.2027 09:00");
    let mut second = offering("WS-2027-01", "15.04.2027 09:00");
    let ends = Column::ALL
        .iter()
        .position(|c| *c == Column::EndsAt)
        .unwrap_or(0);
    first[ends] = "04.03.2027 15:00".into();
    second[ends] = "15.04.2027 15:00".into();
    // The second row adds a session only: the offering's columns may stay empty.
    for (i, column) in Column::ALL.iter().enumerate() {
        if !matches!(
            column,
            Column::ExternalId
                | Column::Partner
                | Column::StartsAt
                | Column::EndsAt
                | Column::Place
                | Column::Capacity
                | Column::CancellationCutoffHours
        ) {
            second[i].clear();
        }
    }
    vec![first, second]
}

/// The values a vocabulary column takes.
pub fn allowed_values(column: Column) -> Option<Vec<&'static str>> {
    let keys = |all: &[&'static str]| Some(all.to_vec());
    match column {
        Column::Kind => keys(
            &OfferingKind::ALL
                .iter()
                .map(|k| k.key())
                .collect::<Vec<_>>(),
        ),
        Column::Topics => keys(&Topic::ALL.iter().map(|k| k.key()).collect::<Vec<_>>()),
        Column::Audiences => keys(&Audience::ALL.iter().map(|k| k.key()).collect::<Vec<_>>()),
        Column::Format => keys(&Format::ALL.iter().map(|k| k.key()).collect::<Vec<_>>()),
        Column::Language => keys(&Language::ALL.iter().map(|k| k.key()).collect::<Vec<_>>()),
        Column::Level => keys(&Level::ALL.iter().map(|k| k.key()).collect::<Vec<_>>()),
        _ => None,
    }
}

/// The names the examples use: the first partner `me` edits, and the first place.
async fn example_names(state: &AppState, me: &SignedIn) -> Result<(String, String), AppError> {
    let references = references(state, me).await?;
    let partner = references
        .partners
        .iter()
        .find(|(id, _)| references.editable.contains(id))
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    let place = references
        .places
        .first()
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    Ok((partner, place))
}

/// The template as CSV: UTF-8 with a byte order mark and semicolons, so that
/// spreadsheet programs set to German open it as columns with umlauts intact.
pub async fn template_csv(state: &AppState, me: &SignedIn) -> Result<Response, AppError> {
    let (partner, place) = example_names(state, me).await?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let write = |writer: &mut csv::Writer<Vec<u8>>, row: Vec<String>| {
        writer
            .write_record(row)
            .map_err(|e| AppError::Internal(format!("template: {e}")))
    };
    write(
        &mut writer,
        Column::ALL.iter().map(|c| c.key().to_owned()).collect(),
    )?;
    for row in example_rows(&partner, &place) {
        write(&mut writer, row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        "lotse-import-vorlage.csv",
    ))
}

/// The template as XLSX: the columns with the examples, lists to choose keys from,
/// and a second sheet that explains every column in `lang`.
pub async fn template_xlsx(
    state: &AppState,
    me: &SignedIn,
    lang: Lang,
) -> Result<Response, AppError> {
    use rust_xlsxwriter::{DataValidation, Format as CellFormat, Workbook};
    let (partner, place) = example_names(state, me).await?;
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("template: {e}"));
    let mut workbook = Workbook::new();
    let bold = CellFormat::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.t("import-sheet-rows")).map_err(fail)?;
    for (col, column) in Column::ALL.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet
            .write_string_with_format(0, col, column.key(), &bold)
            .map_err(fail)?;
        sheet.set_column_width(col, 22).map_err(fail)?;
        // A list to choose from where exactly one key belongs in the cell.
        if matches!(
            column,
            Column::Kind | Column::Format | Column::Language | Column::Level
        ) && let Some(values) = allowed_values(*column)
        {
            let validation = DataValidation::new()
                .allow_list_strings(&values)
                .map_err(fail)?;
            sheet
                .add_data_validation(1, col, 10_000, col, &validation)
                .map_err(fail)?;
        }
    }
    for (row, values) in example_rows(&partner, &place).iter().enumerate() {
        let row = u32::try_from(row + 1).unwrap_or(u32::MAX);
        for (col, value) in values.iter().enumerate() {
            if !value.is_empty() {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                sheet.write_string(row, col, value).map_err(fail)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let help = workbook.add_worksheet();
    help.set_name(lang.t("import-sheet-help")).map_err(fail)?;
    for (col, heading) in [
        "import-col-column",
        "import-col-required",
        "import-col-meaning",
    ]
    .iter()
    .enumerate()
    {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        help.write_string_with_format(0, col, lang.t(heading), &bold)
            .map_err(fail)?;
    }
    for (row, column) in Column::ALL.iter().enumerate() {
        let row = u32::try_from(row + 1).unwrap_or(u32::MAX);
        help.write_string(row, 0, column.key()).map_err(fail)?;
        help.write_string(row, 1, required_label(*column, lang))
            .map_err(fail)?;
        help.write_string(row, 2, column_meaning(*column, lang))
            .map_err(fail)?;
    }
    help.set_column_width(0, 26).map_err(fail)?;
    help.set_column_width(1, 14).map_err(fail)?;
    help.set_column_width(2, 100).map_err(fail)?;
    let bytes = workbook.save_to_buffer().map_err(fail)?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "lotse-import-vorlage.xlsx",
    ))
}

/// "Pflicht" or "optional" for a column, in `lang`.
pub fn required_label(column: Column, lang: Lang) -> String {
    lang.t(if column.required() {
        "import-required"
    } else {
        "import-optional"
    })
}

/// What a column holds, in `lang`, with the keys it takes.
pub fn column_meaning(column: Column, lang: Lang) -> String {
    let meaning = lang.t(&format!("import-column-{}", column.key().replace('_', "-")));
    match allowed_values(column) {
        Some(values) => format!(
            "{meaning} {}: {}",
            lang.t("import-allowed"),
            values.join(", ")
        ),
        None => meaning,
    }
}

fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_with_semicolons_reads_with_umlauts_and_line_numbers() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("external_id;title\r\nA;\"Grün,\nzweizeilig\"\r\nB;Größe\r\n");
        let table = read_table(&bytes).expect("readable");
        assert_eq!(table.header, vec!["external_id", "title"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].1[1], Cell::Text("Grün,\nzweizeilig".into()));
        // The second record starts on line 4, after the quoted line break.
        assert_eq!((table.rows[0].0, table.rows[1].0), (2, 4));
        assert_eq!(table.rows[1].1[1], Cell::Text("Größe".into()));
    }

    #[test]
    fn rows_are_numbered_as_spreadsheets_number_them_whatever_the_line_ends() {
        for text in [
            "Liste\nexternal_id;title\nA;x\n\nB;y\n",
            "Liste\r\nexternal_id;title\r\nA;x\r\n\r\nB;y\r\n",
            "Liste\rexternal_id;title\rA;x\r\rB;y\r",
        ] {
            let table = read_table(text.as_bytes()).expect("readable");
            assert_eq!(table.header, vec!["external_id", "title"], "{text:?}");
            let numbers: Vec<u32> = table.rows.iter().map(|(n, _)| *n).collect();
            assert_eq!(numbers, vec![3, 5], "{text:?}");
        }
    }

    #[test]
    fn a_utf8_bom_and_commas_are_recognized() {
        let table = read_table("\u{feff}external_id,title\nA,Ä".as_bytes()).expect("readable");
        assert_eq!(table.header[0], "external_id");
        assert_eq!(table.rows[0].1[1], Cell::Text("Ä".into()));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "external_id\ttitle\nA\tÖ"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let table = read_table(&utf16).expect("readable");
        assert_eq!(table.rows[0].1[1], Cell::Text("Ö".into()));
    }

    #[test]
    fn an_empty_or_broken_file_says_so() {
        let keys = |r: Result<Table, Vec<Invalid>>| {
            r.map(|_| ())
                .map_err(|e| e.into_iter().map(|i| i.key).collect::<Vec<_>>())
        };
        assert_eq!(keys(read_table(b"")), Err(vec!["invalid-import-empty"]));
        assert_eq!(
            keys(read_table(b"PK\x03\x04 not really a zip")),
            Err(vec!["invalid-import-unreadable"])
        );
    }
}
