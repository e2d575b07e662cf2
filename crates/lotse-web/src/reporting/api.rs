//! `GET /api/v1/reports/kpis`: the funder's figures as JSON, CSV or XLSX.

use super::export;
use super::service::{self, KpiReport};
use crate::error::AppError;
use crate::http::auth::Authenticated;
use crate::http::error::Problem;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use lotse_core::evaluation::EvaluationBreakdown;
use lotse_core::reporting::{Breakdown, Cell, Kpi};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What the figures cover and how they are grouped.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KpiParams {
    /// First day, `YYYY-MM-DD` (default: 1 January of this year).
    pub from: Option<String>,
    /// Last day, included (default: 31 December of this year).
    pub to: Option<String>,
    /// `month` (default), `quarter`, `year`, `county`, `sector`, `size_class`, `topic`,
    /// `kind` or `partner`. For `xlsx` without it: every breakdown, a sheet each.
    pub group_by: Option<String>,
    /// `json` (default), `csv` or `xlsx`.
    pub format: Option<String>,
    /// Only this partner's offerings. A partner's editors and social partners read
    /// their own partner's reach without it, and no other's.
    pub partner: Option<uuid::Uuid>,
    /// `offerings` (default): participations in the partner's offerings; `members`:
    /// participations of the companies that declared themselves members of the partner
    /// (a chamber or association), in any offering. `members` needs a partner.
    pub reach: Option<String>,
}

/// The five figures of a row; `null` where a figure does not apply or is suppressed
/// (then its key is in `suppressed`).
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct KpiFiguresDto {
    pub smes_reached: Option<u64>,
    pub participants: Option<u64>,
    pub participant_hours: Option<u64>,
    pub sessions_held: Option<u64>,
    pub offerings_run: Option<u64>,
    /// Figures shown as "< 5": below 5, or withheld so that a small one cannot be worked
    /// out (only for viewers outside the center).
    pub suppressed: Vec<String>,
}

impl From<[Cell; 5]> for KpiFiguresDto {
    fn from(cells: [Cell; 5]) -> Self {
        let value = |kpi: Kpi| match cells[kpi as usize] {
            Cell::Shown(v) => Some(v),
            _ => None,
        };
        Self {
            smes_reached: value(Kpi::SmesReached),
            participants: value(Kpi::Participants),
            participant_hours: value(Kpi::ParticipantHours),
            sessions_held: value(Kpi::SessionsHeld),
            offerings_run: value(Kpi::OfferingsRun),
            suppressed: Kpi::ALL
                .iter()
                .filter(|k| cells[**k as usize] == Cell::Suppressed)
                .map(|k| k.key().to_owned())
                .collect(),
        }
    }
}

/// One row of the figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct KpiRowDto {
    /// A month `2026-03`, quarter `2026-Q1`, year, county key, section letter, size
    /// class, topic, kind or partner id; `none` for participations without company.
    pub key: String,
    /// What the key means, in the reader's language.
    pub label: String,
    /// Its figures.
    pub figures: KpiFiguresDto,
}

/// The figures of a period by one breakdown.
#[derive(Debug, Serialize, ToSchema)]
pub struct KpiReportDto {
    /// First day.
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// The breakdown.
    pub group_by: String,
    /// Whether small cells are suppressed (for every viewer outside the center).
    pub suppressed: bool,
    /// The partner whose offerings the figures cover; absent for the whole center.
    pub partner: Option<uuid::Uuid>,
    /// `offerings`, or `members`: the partner's member companies.
    pub reach: String,
    /// The rows.
    pub rows: Vec<KpiRowDto>,
    /// The period's total: each company, person and offering counted once.
    pub total: KpiFiguresDto,
}

/// The figures of a period: SMEs reached, participants, participant-hours, sessions
/// held and offerings run, by month, quarter, year, county, sector, size class, topic,
/// kind or partner (definitions in docs/reporting.md). The center reads every figure;
/// the funder's readers, partners' editors and social partners (their partner's reach)
/// read small cells as "< 5".
#[utoipa::path(get, path = "/api/v1/reports/kpis", tag = "reporting", params(KpiParams),
    responses(
        (status = 200, description = "The figures", content(
            (KpiReportDto = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "Unknown breakdown or format, a bad or reversed period", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to read the figures", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Another partner's reach", body = Problem, content_type = "application/problem+json")))]
pub async fn kpis(
    State(state): State<AppState>,
    lang: Lang,
    Authenticated(me): Authenticated,
    query: Result<Query<KpiParams>, QueryRejection>,
) -> Result<Response, AppError> {
    let Query(params) = query.map_err(|e| AppError::query(&e))?;
    let period = service::period(params.from.as_deref(), params.to.as_deref())?;
    let format = params.format.as_deref().unwrap_or("json");
    if !["json", "csv", "xlsx"].contains(&format) {
        return Err(AppError::field("format", "invalid-report-format"));
    }
    let breakdowns = match (params.group_by.as_deref(), format) {
        (None, "xlsx") => Breakdown::ALL.to_vec(),
        (None, _) => vec![Breakdown::Month],
        (Some(raw), _) => {
            vec![Breakdown::parse(raw).map_err(|e| AppError::Invalid(vec![e.into()]))?]
        }
    };
    let members = match params.reach.as_deref().map(str::trim) {
        None | Some("offerings") => false,
        Some("members") => true,
        Some(_) => return Err(AppError::field("reach", "invalid-reach")),
    };
    let report = service::kpis(
        &state,
        &me,
        lang,
        period,
        breakdowns,
        params.partner,
        members,
    )
    .await?;
    let file = |extension: &str| format!("kennzahlen-{}-{}.{extension}", period.from, period.to);
    Ok(match format {
        "csv" => crate::http::page::file(
            export::csv(lang, &report)?,
            "text/csv; charset=utf-8",
            "attachment",
            &file("csv"),
        ),
        "xlsx" => crate::http::page::file(
            export::xlsx(lang, &report)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "attachment",
            &file("xlsx"),
        ),
        _ => Json(dto(&report)).into_response(),
    })
}

fn dto(report: &KpiReport) -> KpiReportDto {
    let table = report.tables.first();
    KpiReportDto {
        from: report.period.from.to_string(),
        to: report.period.to.to_string(),
        group_by: table.map_or("month", |t| t.breakdown.key()).to_owned(),
        suppressed: report.suppressed,
        partner: report.partner,
        reach: if report.members {
            "members"
        } else {
            "offerings"
        }
        .to_owned(),
        rows: table
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| KpiRowDto {
                        key: r.key.clone(),
                        label: r.label.clone(),
                        figures: r.cells.into(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        total: table.map_or([Cell::NotApplicable; 5], |t| t.total).into(),
    }
}

/// What the evaluation results cover and how they are grouped.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EvaluationParams {
    /// First day, `YYYY-MM-DD` (default: 1 January of this year).
    pub from: Option<String>,
    /// Last day, included (default: 31 December of this year).
    pub to: Option<String>,
    /// `offering` (default), `session`, `partner`, `topic`, `kind`, `month`, `quarter`
    /// or `year`.
    pub group_by: Option<String>,
    /// Only this partner's offerings, as in the figures.
    pub partner: Option<uuid::Uuid>,
}

/// One row of evaluation results.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationRowDto {
    /// As in the figures, or a session's or offering's id; `total` for the total.
    pub key: String,
    /// What the key means, in the reader's language.
    pub label: String,
    /// Attendees invited to evaluate; `null` where suppressed.
    pub invited: Option<u64>,
    /// Answers received; `null` where suppressed.
    pub answered: Option<u64>,
    /// Answers per invitation (0 to 1), where both counts are shown.
    pub response_rate: Option<f64>,
    /// Average rating 1–5 of "relevant for my work", from five answers on.
    pub relevance: Option<f64>,
    /// Average rating of "well done", from five answers on.
    pub quality: Option<f64>,
    /// Average rating of "I can apply it", from five answers on.
    pub applicability: Option<f64>,
    /// `invited` or `answered` where shown as "< 5".
    pub suppressed: Vec<String>,
}

/// Evaluation results of a period by one breakdown.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationReportDto {
    /// First day.
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// The breakdown.
    pub group_by: String,
    /// Whether small counts are suppressed (for every viewer outside the center).
    pub suppressed: bool,
    /// The partner whose offerings are covered; absent for the whole center.
    pub partner: Option<uuid::Uuid>,
    /// The rows (only those with invitations).
    pub rows: Vec<EvaluationRowDto>,
    /// The period's total.
    pub total: EvaluationRowDto,
}

impl From<&service::EvaluationLine> for EvaluationRowDto {
    fn from(line: &service::EvaluationLine) -> Self {
        let count = |c: Cell| match c {
            Cell::Shown(v) => Some(v),
            _ => None,
        };
        let round = |v: f64| (v * 100.0).round() / 100.0;
        let average = |i: usize| line.averages.map(|a| round(a[i]));
        Self {
            key: line.key.clone(),
            label: line.label.clone(),
            invited: count(line.invited),
            answered: count(line.answered),
            response_rate: line.response_rate.map(|r| (r * 1000.0).round() / 1000.0),
            relevance: average(0),
            quality: average(1),
            applicability: average(2),
            suppressed: [("invited", line.invited), ("answered", line.answered)]
                .into_iter()
                .filter(|(_, c)| *c == Cell::Suppressed)
                .map(|(k, _)| k.to_owned())
                .collect(),
        }
    }
}

/// Evaluation results of the sessions that started in a period: invitations, answers,
/// response rate and the three average ratings, by offering, session, partner, topic,
/// kind or time. Answers are anonymous; averages are given from five answers on, to
/// everybody. Who may read them, and which partner's, as for the figures.
#[utoipa::path(get, path = "/api/v1/reports/evaluations", tag = "reporting", params(EvaluationParams),
    responses(
        (status = 200, description = "The results", body = EvaluationReportDto),
        (status = 400, description = "Unknown breakdown, a bad or reversed period", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to read the figures", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Another partner's results", body = Problem, content_type = "application/problem+json")))]
pub async fn evaluations(
    State(state): State<AppState>,
    lang: Lang,
    Authenticated(me): Authenticated,
    query: Result<Query<EvaluationParams>, QueryRejection>,
) -> Result<Json<EvaluationReportDto>, AppError> {
    let Query(params) = query.map_err(|e| AppError::query(&e))?;
    let period = service::period(params.from.as_deref(), params.to.as_deref())?;
    let breakdown = params
        .group_by
        .as_deref()
        .map_or(
            Ok(EvaluationBreakdown::Offering),
            EvaluationBreakdown::parse,
        )
        .map_err(|e| AppError::Invalid(vec![e.into()]))?;
    let table = service::evaluations(&state, &me, lang, period, breakdown, params.partner).await?;
    Ok(Json(EvaluationReportDto {
        from: table.period.from.to_string(),
        to: table.period.to.to_string(),
        group_by: table.breakdown.key().to_owned(),
        suppressed: table.suppressed,
        partner: table.partner,
        rows: table.rows.iter().map(Into::into).collect(),
        total: (&table.total).into(),
    }))
}
