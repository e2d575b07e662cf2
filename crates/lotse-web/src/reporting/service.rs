//! The funder's figures for one viewer: whether they may see them, which partner's
//! reach, small cells suppressed for everybody outside the center, and every row
//! labelled in the reader's language.

use crate::error::{AppError, InvalidField};
use crate::format;
use crate::http::auth::SignedIn;
use crate::i18n::Lang;
use crate::state::AppState;
use lotse_core::accounts::{Action, Decision, Role, authorize};
use lotse_core::catalogue::berlin;
use lotse_core::evaluation::{EvaluationBreakdown, Tally, evaluation_report};
use lotse_core::reporting::{
    Breakdown, Cell, Kpi, NO_COMPANY, Period, Reach, Report, report, shown, suppress_column,
};
use std::collections::HashMap;
use uuid::Uuid;

/// One row as a viewer sees it.
#[derive(Debug, Clone)]
pub struct LabelledRow {
    /// The row's key (see `lotse_core::reporting::Row`).
    pub key: String,
    /// What the key means, in the reader's language.
    pub label: String,
    /// Its cells, in [`Kpi::ALL`] order.
    pub cells: [Cell; 5],
}

/// A report by one breakdown as a viewer sees it.
#[derive(Debug, Clone)]
pub struct KpiTable {
    /// The breakdown.
    pub breakdown: Breakdown,
    /// The rows.
    pub rows: Vec<LabelledRow>,
    /// The period's total.
    pub total: [Cell; 5],
}

/// The figures of a period, every breakdown asked for, as one viewer sees them.
#[derive(Debug, Clone)]
pub struct KpiReport {
    /// The days covered.
    pub period: Period,
    /// Whether small cells are suppressed (everybody outside the center).
    pub suppressed: bool,
    /// The partner whose offerings the figures cover; `None`: the whole center.
    pub partner: Option<Uuid>,
    /// Whether they cover the partner's member companies rather than its offerings.
    pub members: bool,
    /// One table per breakdown.
    pub tables: Vec<KpiTable>,
}

/// Whose reach `me` reads (`None`: the whole center) and whether small cells are
/// suppressed (for everybody outside the center). Without `partner`, a partner's own
/// people read their partner's; another partner's reach is hidden (404).
fn viewer(me: &SignedIn, partner: Option<Uuid>) -> Result<(Option<Uuid>, bool), AppError> {
    let wide = me.actor.is_center() || me.actor.has_role(Role::Funder);
    let scope = match partner {
        Some(p) => Some(p),
        None if wide => None,
        None => me.actor.editable_partners().first().copied(),
    };
    match authorize(Some(&me.actor), Action::ViewReach(scope)) {
        Decision::Allow => Ok((scope, !me.actor.is_center())),
        other => Err(AppError::from_decision(other, "refusal-not-found-partner")
            .unwrap_or(AppError::Forbidden("refusal-role".into()))),
    }
}

/// Whether `me` may read any figures (the dashboard's link on the account page).
pub fn may_view_figures(me: &SignedIn) -> bool {
    viewer(me, None).is_ok()
}

/// The period from the query's `from` and `to`; the current calendar year when both
/// are left out.
pub fn period(from: Option<&str>, to: Option<&str>) -> Result<Period, AppError> {
    let year = jiff::Zoned::now().with_time_zone(berlin()).year();
    let from = from.map_or_else(|| format!("{year}-01-01"), str::to_owned);
    let to = to.map_or_else(|| format!("{year}-12-31"), str::to_owned);
    Period::parse(&from, &to)
        .map_err(|e| AppError::Invalid(e.into_iter().map(InvalidField::from).collect()))
}

/// Seconds at the start of `day` in Berlin.
fn start_of(day: jiff::civil::Date) -> Result<i64, AppError> {
    day.to_zoned(berlin())
        .map(|z| z.timestamp().as_second())
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The first and the day after the last second of `period`, in Berlin.
pub fn bounds(period: Period) -> Result<(i64, i64), AppError> {
    let after = period
        .to
        .tomorrow()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((start_of(period.from)?, start_of(after)?))
}

/// Every partner's name by id, for labelling rows.
async fn partner_names(state: &AppState) -> Result<HashMap<Uuid, String>, AppError> {
    Ok(lotse_store::catalogue::partners(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

/// The figures of `period` by each of `breakdowns`, of the whole center or of
/// `partner`'s offerings (or, with `members`, of the companies that declared themselves
/// its members), as `me` may see them.
pub async fn kpis(
    state: &AppState,
    me: &SignedIn,
    lang: Lang,
    period: Period,
    breakdowns: Vec<Breakdown>,
    partner: Option<Uuid>,
    members: bool,
) -> Result<KpiReport, AppError> {
    let (partner, suppressed) = viewer(me, partner)?;
    let reach = match (partner, members) {
        (None, false) => Reach::Center,
        (Some(p), false) => Reach::Offerings(p),
        (Some(p), true) => Reach::Members(p),
        (None, true) => return Err(AppError::field("reach", "invalid-reach-members")),
    };
    let (from, until) = bounds(period)?;
    let facts =
        lotse_store::reporting::facts(&state.db, from, until, lotse_store::now_seconds(), reach)
            .await?;
    let partners = partner_names(state).await?;
    // Counting hundreds of thousands of rows is work for a blocking thread.
    let reports: Vec<Report> = tokio::task::spawn_blocking(move || {
        breakdowns
            .into_iter()
            .map(|b| report(period, b, &facts.participations, &facts.sessions))
            .collect()
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(KpiReport {
        period,
        suppressed,
        partner,
        members,
        tables: reports
            .iter()
            .map(|r| {
                let seen = shown(r, suppressed);
                KpiTable {
                    breakdown: r.breakdown,
                    rows: seen
                        .rows
                        .into_iter()
                        .map(|(key, cells)| LabelledRow {
                            label: label(lang, r.breakdown, &key, &partners),
                            key,
                            cells,
                        })
                        .collect(),
                    total: seen.total,
                }
            })
            .collect(),
    })
}

/// What a row's key means, in `lang`.
pub fn label(
    lang: Lang,
    breakdown: Breakdown,
    key: &str,
    partners: &HashMap<Uuid, String>,
) -> String {
    if key == NO_COMPANY {
        return lang.t("report-no-company");
    }
    match breakdown {
        Breakdown::Month => {
            let (year, month) = key.split_once('-').unwrap_or((key, "1"));
            format::month(lang, year.parse().unwrap_or(0), month.parse().unwrap_or(1))
        }
        Breakdown::Quarter => {
            let (year, quarter) = key.split_once("-Q").unwrap_or((key, "1"));
            lang.t_args(
                "report-quarter",
                &[
                    ("quarter", quarter.to_owned().into()),
                    ("year", year.to_owned().into()),
                ],
            )
        }
        Breakdown::Year => key.to_owned(),
        Breakdown::County => {
            lotse_core::reference::county(key).map_or_else(|| key.to_owned(), |c| c.name.to_owned())
        }
        Breakdown::Sector => format!("{key} – {}", lang.t(&format!("sector-{key}"))),
        Breakdown::SizeClass => lang.t(&format!("size-{key}")),
        Breakdown::Topic => lang.t(&format!("topic-{key}")),
        Breakdown::Kind => lang.t(&format!("kind-{key}")),
        Breakdown::Partner => Uuid::try_parse(key)
            .ok()
            .and_then(|id| partners.get(&id).cloned())
            .unwrap_or_else(|| key.to_owned()),
    }
}

/// A cell as text: the figure, "< 5", or nothing where it does not apply.
pub fn cell_text(cell: Cell) -> String {
    match cell {
        Cell::Shown(v) => v.to_string(),
        Cell::Suppressed => format!("< {}", lotse_core::reporting::SMALLEST_SHOWN),
        Cell::NotApplicable => String::new(),
    }
}

/// The heading of a figure's column.
pub fn kpi_name(lang: Lang, kpi: Kpi) -> String {
    lang.t(&format!("kpi-{}", kpi.key().replace('_', "-")))
}

/// The name of a breakdown.
pub fn breakdown_name(lang: Lang, breakdown: Breakdown) -> String {
    lang.t(&format!("report-by-{}", breakdown.key().replace('_', "-")))
}

/// One row of evaluation results as a viewer sees it.
#[derive(Debug, Clone)]
pub struct EvaluationLine {
    /// The row's key: as in the figures, or a session's or offering's id.
    pub key: String,
    /// What the key means, in the reader's language.
    pub label: String,
    /// Attendees invited.
    pub invited: Cell,
    /// Answers received.
    pub answered: Cell,
    /// Answers per invitation, where both counts are shown.
    pub response_rate: Option<f64>,
    /// Average relevance, quality and applicability, from five answers on.
    pub averages: Option<[f64; 3]>,
}

/// Evaluation results of a period by one breakdown, as one viewer sees them.
#[derive(Debug, Clone)]
pub struct EvaluationTable {
    /// The days covered.
    pub period: Period,
    /// The breakdown.
    pub breakdown: EvaluationBreakdown,
    /// Whether small counts are suppressed (everybody outside the center).
    pub suppressed: bool,
    /// The partner whose offerings are covered; `None`: the whole center.
    pub partner: Option<Uuid>,
    /// The rows.
    pub rows: Vec<EvaluationLine>,
    /// The period's total.
    pub total: EvaluationLine,
}

/// The evaluation results of `period` by `breakdown`, of the whole center or of
/// `partner`'s offerings, as `me` may see them. Averages need five answers for every
/// viewer; counts below 5 are suppressed outside the center as in the figures.
pub async fn evaluations(
    state: &AppState,
    me: &SignedIn,
    lang: Lang,
    period: Period,
    breakdown: EvaluationBreakdown,
    partner: Option<Uuid>,
) -> Result<EvaluationTable, AppError> {
    let (partner, suppressed) = viewer(me, partner)?;
    let (from, until) = bounds(period)?;
    let evaluated =
        lotse_store::evaluations::evaluated_sessions(&state.db, from, until, partner).await?;
    let partners = partner_names(state).await?;
    let report = evaluation_report(period, breakdown, &evaluated.sessions);
    let column = |of: fn(&Tally) -> u64| {
        let cells: Vec<Option<u64>> = report.rows.iter().map(|(_, t)| Some(of(t))).collect();
        if suppressed {
            suppress_column(Some(of(&report.total)), &cells)
        } else {
            (
                Cell::Shown(of(&report.total)),
                cells.into_iter().flatten().map(Cell::Shown).collect(),
            )
        }
    };
    let (invited_total, invited) = column(|t| t.invited);
    let (answered_total, answered) = column(|t| t.answered);
    let line =
        |key: String, label: String, tally: &Tally, invited: Cell, answered: Cell| EvaluationLine {
            response_rate: match (invited, answered) {
                (Cell::Shown(_), Cell::Shown(_)) => tally.response_rate(),
                _ => None,
            },
            averages: tally.averages(),
            key,
            label,
            invited,
            answered,
        };
    let when = |seconds: i64| {
        jiff::Timestamp::from_second(seconds)
            .map(|t| format::date(lang, t))
            .unwrap_or_default()
    };
    let row_label = |key: &str| match breakdown {
        EvaluationBreakdown::Like(b) => label(lang, b, key, &partners),
        EvaluationBreakdown::Offering => Uuid::try_parse(key)
            .ok()
            .and_then(|id| evaluated.titles.get(&id).cloned())
            .unwrap_or_else(|| key.to_owned()),
        EvaluationBreakdown::Session => Uuid::try_parse(key)
            .ok()
            .and_then(|id| evaluated.starts.get(&id))
            .map(|(offering, starts)| {
                format!(
                    "{} ({})",
                    evaluated.titles.get(offering).cloned().unwrap_or_default(),
                    when(*starts)
                )
            })
            .unwrap_or_else(|| key.to_owned()),
    };
    let rows = report
        .rows
        .iter()
        .zip(invited.into_iter().zip(answered))
        .map(|((key, tally), (i, a))| line(key.clone(), row_label(key), tally, i, a))
        .collect();
    Ok(EvaluationTable {
        period,
        breakdown,
        suppressed,
        partner,
        rows,
        total: line(
            "total".into(),
            lang.t("report-total"),
            &report.total,
            invited_total,
            answered_total,
        ),
    })
}
