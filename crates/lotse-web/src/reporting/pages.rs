//! `/auswertung`: the dashboard of the figures for the center's staff, the funder's
//! readers, partners' editors and social partners. Each picture (a line over time, bars
//! per breakdown, the county map) has its figures in a table beside it; small cells
//! are suppressed exactly as in the API, whose exports the page links.

use super::charts::{self, BarChart, LineChart, MapCounty, Shade};
use super::service::{self, EvaluationTable, KpiTable, cell_text, kpi_name};
use crate::error::AppError;
use crate::format;
use crate::http::auth::{MaybeSignedIn, require};
use crate::http::error::FieldError;
use crate::http::page::{Ctx, render};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lotse_core::accounts::Role;
use lotse_core::evaluation::EvaluationBreakdown;
use lotse_core::reporting::{Breakdown, Cell, Kpi, Period, SMALLEST_SHOWN, checks_summary};
use serde::Deserialize;
use uuid::Uuid;

/// The dashboard's query: the period and, for the center and the funder, a partner.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    from: Option<String>,
    to: Option<String>,
    partner: Option<String>,
    reach: Option<String>,
}

/// A headline figure.
struct Tile {
    name: String,
    value: String,
}

/// A table of figures: column headings, rows of label and cells, the total.
struct FigureTable {
    columns: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
    total: Vec<String>,
}

/// A breakdown's section: its bars (or the map) and its table.
struct Section {
    id: &'static str,
    heading: String,
    /// What the picture shows, e.g. "Erreichte KMU nach Landkreis".
    caption: String,
    bars: Option<BarChart>,
    table: FigureTable,
    csv: String,
}

#[derive(askama::Template)]
#[template(path = "reporting/dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    from: String,
    to: String,
    errors: Vec<FieldError>,
    /// Partners to choose from (center and funder), with the chosen one.
    partners: Vec<(String, String)>,
    partner: String,
    /// Whether the reach of the partner's member companies is shown.
    members: bool,
    scope: String,
    suppressed: bool,
    figures: Option<Figures>,
    width: f64,
}

/// Everything shown once the period is valid.
struct Figures {
    tiles: Vec<Tile>,
    over_time: LineChart,
    over_time_caption: String,
    over_time_table: FigureTable,
    map_height: f64,
    counties: Vec<MapCounty>,
    legend: Vec<Shade>,
    county: Section,
    sections: Vec<Section>,
    /// By offering; not for member companies (answers belong to no company).
    evaluations: Option<FigureTable>,
    definitions: Vec<(String, String)>,
    xlsx: String,
}

/// The breakdown over time for `period`: months up to two years, quarters up to five,
/// years beyond.
fn time_breakdown(period: Period) -> Breakdown {
    let months = (i32::from(period.to.year()) - i32::from(period.from.year())) * 12
        + i32::from(period.to.month())
        - i32::from(period.from.month());
    match months {
        ..24 => Breakdown::Month,
        24..60 => Breakdown::Quarter,
        _ => Breakdown::Year,
    }
}

/// The figure a breakdown's bars show: SMEs for the company's properties, people else.
fn charted(breakdown: Breakdown) -> Kpi {
    match breakdown {
        Breakdown::County | Breakdown::Sector | Breakdown::SizeClass => Kpi::SmesReached,
        _ => Kpi::Participants,
    }
}

fn figure_table(lang: Lang, table: &KpiTable) -> FigureTable {
    // Columns that apply to none of the rows (sessions by county) are left out.
    let kpis: Vec<Kpi> = Kpi::ALL
        .into_iter()
        .filter(|k| table.total[*k as usize] != Cell::NotApplicable)
        .collect();
    FigureTable {
        columns: kpis.iter().map(|k| kpi_name(lang, *k)).collect(),
        rows: table
            .rows
            .iter()
            .map(|r| {
                (
                    r.label.clone(),
                    kpis.iter()
                        .map(|k| cell_text(r.cells[*k as usize]))
                        .collect(),
                )
            })
            .collect(),
        total: kpis
            .iter()
            .map(|k| cell_text(table.total[*k as usize]))
            .collect(),
    }
}

fn evaluation_table(lang: Lang, table: &EvaluationTable) -> FigureTable {
    let number = |v: f64| format::decimal(lang, v, 1);
    let line = |l: &service::EvaluationLine| {
        let mut cells = vec![
            cell_text(l.invited),
            cell_text(l.answered),
            l.response_rate
                .map(|r| format!("{} %", format::decimal(lang, r * 100.0, 0)))
                .unwrap_or_default(),
        ];
        cells.extend((0..3).map(|i| {
            l.averages
                .map(|a| number(a[i]))
                .unwrap_or_else(|| "–".into())
        }));
        cells
    };
    FigureTable {
        columns: [
            "evaluation-invited",
            "evaluation-answers",
            "evaluation-response-rate",
            "evaluation-average-relevance",
            "evaluation-average-quality",
            "evaluation-average-applicability",
        ]
        .iter()
        .map(|k| lang.t(k))
        .collect(),
        rows: table
            .rows
            .iter()
            .map(|r| (r.label.clone(), line(r)))
            .collect(),
        total: line(&table.total),
    }
}

/// `GET /auswertung`: the dashboard.
pub async fn dashboard(
    State(state): State<AppState>,
    lang: Lang,
    me: MaybeSignedIn,
    query: Result<Query<DashboardQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let me = match require(me, "/auswertung") {
        Ok(me) => me,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let Query(query) = query.map_err(|e| AppError::query(&e))?;
    let wide = me.actor.is_center() || me.actor.has_role(Role::Funder);
    let partner = match query.partner.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            Uuid::try_parse(raw)
                .map_err(|_| AppError::NotFound("refusal-not-found-partner".into()))?,
        ),
    };
    let all_partners = lotse_store::catalogue::partners(&state.db).await?;
    let partners = if wide {
        std::iter::once((String::new(), lang.t("dashboard-all-partners")))
            .chain(
                all_partners
                    .iter()
                    .map(|p| (p.id.to_string(), p.name.clone())),
            )
            .collect()
    } else {
        Vec::new()
    };
    let mut page = DashboardPage {
        ctx: Ctx::new(lang, "/auswertung"),
        from: query.from.clone().unwrap_or_default(),
        to: query.to.clone().unwrap_or_default(),
        errors: Vec::new(),
        partners,
        partner: partner.map(|p| p.to_string()).unwrap_or_default(),
        members: query.reach.as_deref() == Some("members"),
        scope: String::new(),
        suppressed: !me.actor.is_center(),
        figures: None,
        width: charts::WIDTH,
    };
    let refused = |mut page: DashboardPage, fields: Vec<crate::error::InvalidField>| {
        page.errors = fields.iter().map(|f| FieldError::said(f, lang)).collect();
        let mut response = render(page);
        *response.status_mut() = StatusCode::BAD_REQUEST;
        response
    };
    if !matches!(query.reach.as_deref(), None | Some("offerings" | "members")) {
        let invalid = AppError::field("reach", "invalid-reach");
        if let AppError::Invalid(fields) = invalid {
            return Ok(refused(page, fields));
        }
    }
    let period = match service::period(
        query.from.as_deref().filter(|s| !s.is_empty()),
        query.to.as_deref().filter(|s| !s.is_empty()),
    ) {
        Ok(period) => period,
        Err(AppError::Invalid(fields)) => return Ok(refused(page, fields)),
        Err(e) => return Err(e),
    };
    page.from = period.from.to_string();
    page.to = period.to.to_string();
    let over_time = time_breakdown(period);
    let breakdowns: Vec<Breakdown> = std::iter::once(over_time)
        .chain(
            Breakdown::ALL
                .into_iter()
                .filter(|b| !matches!(b, Breakdown::Month | Breakdown::Quarter | Breakdown::Year)),
        )
        .collect();
    let members = page.members;
    let report = match service::kpis(&state, &me, lang, period, breakdowns, partner, members).await
    {
        Ok(report) => report,
        Err(AppError::Invalid(fields)) => return Ok(refused(page, fields)),
        Err(e) => return Err(e),
    };
    // Answers belong to no company: a member companies' reach has no evaluations.
    let evaluations = if members {
        None
    } else {
        Some(
            service::evaluations(
                &state,
                &me,
                lang,
                period,
                EvaluationBreakdown::Offering,
                partner,
            )
            .await?,
        )
    };
    page.suppressed = report.suppressed;
    page.scope = match report.partner {
        Some(p) => {
            let name = all_partners
                .iter()
                .find(|x| x.id == p)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            if members {
                lang.t_args("dashboard-members-of", &[("partner", name.into())])
            } else {
                name
            }
        }
        None => lang.t("dashboard-whole-center"),
    };
    // Checks belong to companies, not to a partner's offerings.
    let checks = if report.partner.is_none() {
        let (from, until) = service::bounds(period)?;
        Some(checks_summary(
            period,
            &lotse_store::reporting::checks(&state.db, from, until).await?,
        ))
    } else {
        None
    };
    let query_of = |extra: &str| {
        let mut q = format!("from={}&to={}", period.from, period.to);
        if let Some(p) = report.partner {
            q.push_str(&format!("&partner={p}"));
        }
        if members {
            q.push_str("&reach=members");
        }
        format!("/api/v1/reports/kpis?{q}{extra}")
    };
    let Some((time_table, rest)) = report.tables.split_first() else {
        return Err(AppError::Internal("no figures over time".into()));
    };
    let mut tiles: Vec<Tile> = Kpi::ALL
        .into_iter()
        .map(|k| Tile {
            name: kpi_name(lang, k),
            value: cell_text(time_table.total[k as usize]),
        })
        .collect();
    if let Some(evaluations) = &evaluations {
        tiles.push(Tile {
            name: lang.t("evaluation-response-rate"),
            value: evaluations
                .total
                .response_rate
                .map(|r| format!("{} %", format::decimal(lang, r * 100.0, 0)))
                .unwrap_or_else(|| "–".into()),
        });
        tiles.push(Tile {
            name: lang.t("evaluation-average-quality"),
            value: evaluations
                .total
                .averages
                .map(|a| format::decimal(lang, a[1], 1))
                .unwrap_or_else(|| "–".into()),
        });
    }
    if let Some(c) = checks {
        let hide = report.suppressed && c.rechecked < SMALLEST_SHOWN;
        tiles.push(Tile {
            name: lang.t("kpi-checks-done"),
            value: cell_text(if report.suppressed && c.done < SMALLEST_SHOWN {
                Cell::Suppressed
            } else {
                Cell::Shown(c.done)
            }),
        });
        let (value, companies) = match c.average_change {
            Some(_) if hide => (cell_text(Cell::Suppressed), cell_text(Cell::Suppressed)),
            Some(v) => (
                format!(
                    "{}{}",
                    if v > 0.0 { "+" } else { "" },
                    format::decimal(lang, v, 1)
                ),
                c.rechecked.to_string(),
            ),
            None => ("–".into(), "0".into()),
        };
        tiles.push(Tile {
            name: lang.t_args("kpi-check-change-companies", &[("count", companies.into())]),
            value,
        });
    }
    // The axis names periods briefly: 03/2026, Q1/2026, 2026.
    let periods: Vec<(String, String)> = time_table
        .rows
        .iter()
        .map(|r| {
            let short = match r.key.split_once('-') {
                Some((year, part)) => format!("{part}/{year}"),
                None => r.key.clone(),
            };
            (r.label.clone(), short)
        })
        .collect();
    let series: Vec<(String, Vec<Cell>)> = [Kpi::Participants, Kpi::SmesReached]
        .into_iter()
        .map(|k| {
            (
                kpi_name(lang, k),
                time_table
                    .rows
                    .iter()
                    .map(|r| r.cells[k as usize])
                    .collect(),
            )
        })
        .collect();
    let section = |table: &KpiTable| {
        let kpi = charted(table.breakdown);
        let key = table.breakdown.key();
        Section {
            id: key,
            heading: service::breakdown_name(lang, table.breakdown),
            caption: format!(
                "{} {}",
                kpi_name(lang, kpi),
                service::breakdown_name(lang, table.breakdown)
            ),
            bars: (table.breakdown != Breakdown::County).then(|| {
                charts::bar_chart(
                    &table
                        .rows
                        .iter()
                        .map(|r| (r.label.clone(), r.cells[kpi as usize]))
                        .collect::<Vec<_>>(),
                    cell_text,
                )
            }),
            table: figure_table(lang, table),
            csv: query_of(&format!("&group_by={key}&format=csv")),
        }
    };
    let mut sections: Vec<Section> = rest.iter().map(section).collect();
    let county_at = sections
        .iter()
        .position(|s| s.id == Breakdown::County.key())
        .ok_or_else(|| AppError::Internal("no county figures".into()))?;
    let county = sections.remove(county_at);
    let county_table = rest
        .iter()
        .find(|t| t.breakdown == Breakdown::County)
        .ok_or_else(|| AppError::Internal("no county figures".into()))?;
    let (counties, legend) = charts::county_map(
        |key| {
            county_table
                .rows
                .iter()
                .find(|r| r.key == key)
                .map_or(Cell::Shown(0), |r| r.cells[Kpi::SmesReached as usize])
        },
        cell_text,
        report.suppressed.then(|| lang.t("dashboard-hidden")),
    );
    let mut definitions: Vec<(String, String)> = Kpi::ALL
        .into_iter()
        .map(|k| {
            (
                kpi_name(lang, k),
                lang.t(&format!("kpi-{}-definition", k.key().replace('_', "-"))),
            )
        })
        .collect();
    let small_cells = if report.suppressed {
        "report-small-cells-suppressed"
    } else {
        "report-small-cells-shown"
    };
    for (term, text) in [
        ("report-counting", "report-counting-rule"),
        ("dashboard-evaluations", "evaluation-definition"),
        ("kpi-checks-done", "kpi-checks-done-definition"),
        ("kpi-check-change", "kpi-check-change-definition"),
        ("report-small-cells", small_cells),
    ] {
        definitions.push((lang.t(term), lang.t(text)));
    }
    page.figures = Some(Figures {
        tiles,
        over_time: charts::line_chart(&periods, &series),
        over_time_caption: service::breakdown_name(lang, over_time),
        over_time_table: figure_table(lang, time_table),
        map_height: charts::map_height(),
        counties,
        legend,
        county,
        sections,
        evaluations: evaluations.as_ref().map(|e| evaluation_table(lang, e)),
        definitions,
        xlsx: query_of("&format=xlsx"),
    });
    Ok(render(page))
}
