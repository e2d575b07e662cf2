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
use lotse_core::reporting::{Breakdown, Cell, Kpi, NO_COMPANY, Period, Report, report, shown};
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

/// The figures of `period` by each of `breakdowns`, of the whole center or of
/// `partner`'s offerings, as `me` may see them.
pub async fn kpis(
    state: &AppState,
    me: &SignedIn,
    lang: Lang,
    period: Period,
    breakdowns: Vec<Breakdown>,
    partner: Option<Uuid>,
) -> Result<KpiReport, AppError> {
    let (partner, suppressed) = viewer(me, partner)?;
    let until = period
        .to
        .tomorrow()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let facts = lotse_store::reporting::facts(
        &state.db,
        start_of(period.from)?,
        start_of(until)?,
        lotse_store::now_seconds(),
        partner,
    )
    .await?;
    let partners: HashMap<Uuid, String> = lotse_store::catalogue::partners(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
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
