//! The PDF report of a Digitalisierungs-Check result, for the company's files: scores,
//! radar chart, peers, progress, recommendations, date and questionnaire version.
//!
//! Made with typst (`lotse_documents::check_report`): tagged PDF/UA-1 with embedded
//! fonts; lotse writes every text in the reader's language, the template lays it out,
//! and the radar chart is drawn here as SVG with the page's own geometry.

use crate::assessment::api::{AssessmentDto, peers_sentence, score_text};
use crate::assessment::pages::{point, polygon};
use crate::assessment::service::{build_dto, may_read};
use crate::error::AppError;
use crate::http::auth::MaybeSignedIn;
use crate::http::extract::{NoSuchResult, PathId};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use lotse_core::assessment::Band;
use lotse_documents::Inputs;

/// The radar chart: the page's geometry (320 × 320, six axes), the grid at 25, 50, 75
/// and 100, the peers' medians dashed, the scores filled. No text: the scores are
/// listed beside it and named in its alternative text.
fn radar_svg(scores: &[f64], medians: Option<&[f64]>) -> String {
    let count = scores.len();
    let grid: String = [25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|level| {
            format!(
                "<polygon points=\"{}\" fill=\"none\" stroke=\"#c8cdd2\" stroke-width=\"1\"/>",
                polygon(&vec![*level; count])
            )
        })
        .collect();
    let axes: String = (0..count)
        .map(|i| {
            let (x, y) = point(i, count, 100.0);
            format!("<line x1=\"160\" y1=\"160\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#c8cdd2\" stroke-width=\"1\"/>")
        })
        .collect();
    let peers = medians
        .map(|m| {
            format!(
                "<polygon points=\"{}\" fill=\"none\" stroke=\"#4d5560\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                polygon(m)
            )
        })
        .unwrap_or_default();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 320\" width=\"320\" height=\"320\">\
         {grid}{axes}{peers}<polygon points=\"{}\" fill=\"#0b5cab\" fill-opacity=\"0.35\" stroke=\"#0b5cab\" stroke-width=\"2\"/></svg>",
        polygon(scores)
    )
}

/// The report's texts in `lang` and its radar chart.
pub fn report(lang: Lang, dto: &AssessmentDto, company: Option<&str>) -> (Inputs, String) {
    let shown = |v: Option<f64>| v.map(|v| score_text(lang, v)).unwrap_or_else(|| "–".into());
    let date = dto
        .completed_at
        .parse::<jiff::Timestamp>()
        .map(|t| crate::format::date(lang, t))
        .unwrap_or_default();
    let band = dto.band.as_deref().and_then(Band::parse);
    let overall = format!(
        "{}: {} {}{}",
        lang.t("check-overall"),
        shown(dto.overall),
        lang.t("check-of-100"),
        band.map(|b| format!(" – {}", lang.t(&format!("check-band-{}", b.key()))))
            .unwrap_or_default()
    );
    let scores: Vec<f64> = dto
        .dimensions
        .iter()
        .map(|d| d.score.unwrap_or(0.0))
        .collect();
    let medians: Option<Vec<f64>> = dto.peers.as_ref().and_then(|p| {
        dto.dimensions
            .iter()
            .map(|d| p.dimensions.get(&d.key).map(|f| f.median))
            .collect()
    });
    let dimensions: Vec<Vec<(&str, String)>> = dto
        .dimensions
        .iter()
        .map(|d| {
            let peer = dto
                .peers
                .as_ref()
                .and_then(|p| p.dimensions.get(&d.key))
                .map(|f| {
                    format!(
                        " · {} {}",
                        lang.t("report-peer-median"),
                        score_text(lang, f.median)
                    )
                })
                .unwrap_or_default();
            vec![("line", format!("{}: {}{peer}", d.title, shown(d.score)))]
        })
        .collect();
    let chart_alt = format!(
        "{}: {}{}",
        lang.t("report-chart"),
        dto.dimensions
            .iter()
            .map(|d| format!("{} {}", d.title, shown(d.score)))
            .collect::<Vec<_>>()
            .join(", "),
        if medians.is_some() {
            format!(". {}", lang.t("report-chart-peers"))
        } else {
            String::new()
        }
    );
    let history: Vec<Vec<(&str, String)>> = if dto.history.len() > 1 {
        dto.history
            .iter()
            .map(|h| {
                let when = h
                    .completed_at
                    .parse::<jiff::Timestamp>()
                    .map(|t| crate::format::date(lang, t))
                    .unwrap_or_default();
                vec![(
                    "line",
                    format!(
                        "{} · {when} · {}: {}",
                        h.label,
                        lang.t("check-overall"),
                        shown(h.overall)
                    ),
                )]
            })
            .collect()
    } else {
        Vec::new()
    };
    let inputs = Inputs::default()
        .text("lang", lang.code())
        .text("title", lang.t("report-title"))
        .text(
            "company",
            company.map_or_else(|| lang.t("report-anonymous"), str::to_owned),
        )
        .text(
            "subtitle",
            format!("{date} · {} {}", lang.t("check-version"), dto.version),
        )
        .text("overall", overall)
        .text(
            "band",
            band.map(|b| lang.t(&format!("check-band-{}-text", b.key())))
                .unwrap_or_else(|| lang.t("check-band-none")),
        )
        .text("chart_alt", chart_alt)
        .text("dimensions_heading", lang.t("check-dimensions"))
        .records("dimensions", dimensions)
        .text("peers_heading", lang.t("check-peers"))
        .text("peers", peers_sentence(lang, dto.peers.as_ref()))
        .text("history_heading", lang.t("check-history"))
        .records("history", history)
        .text("recommendations_heading", lang.t("check-recommendations"))
        .text("no_recommendations", lang.t("check-no-recommendations"))
        .records(
            "recommendations",
            dto.recommendations
                .iter()
                .map(|r| vec![("title", r.title.clone()), ("reason", r.reason.clone())])
                .collect(),
        )
        .text(
            "footer",
            lang.t_args("report-footer", &[("date", date.into())]),
        );
    (inputs, radar_svg(&scores, medians.as_deref()))
}

/// The result as a PDF report (same visibility as the result).
#[utoipa::path(get, path = "/api/v1/assessments/{id}/report.pdf", tag = "assessment",
    params(("id" = uuid::Uuid, Path, description = "The result's id")),
    responses((status = 200, description = "The report", content_type = "application/pdf"),
        (status = 404, description = "No such result, or not yours", body = crate::http::error::Problem, content_type = "application/problem+json")))]
pub async fn report_pdf(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
    PathId(id, _): PathId<NoSuchResult>,
) -> Result<Response, AppError> {
    let not_found = AppError::NotFound("refusal-not-found-result".into());
    let Some(stored) = lotse_store::assessment::find(&state.db, id).await? else {
        return Err(not_found);
    };
    if stored.status != "completed" || !may_read(me.as_ref(), &stored) {
        return Err(not_found);
    }
    let company = match stored.company_id {
        Some(c) => lotse_store::accounts::company(&state.db, c)
            .await?
            .map(|c| c.name),
        None => None,
    };
    let dto = build_dto(&state, lang, stored).await?;
    let (inputs, chart) = report(lang, &dto, company.as_deref());
    let ident = id.to_string();
    let (template, _) =
        crate::documents::template(&state, crate::documents::DocumentKind::CheckReport).await?;
    let pdf = crate::documents::render(move || {
        lotse_documents::render(
            &template,
            inputs,
            vec![("radar.svg", chart.into_bytes())],
            &ident,
        )
    })
    .await?;
    Ok(crate::http::page::pdf(
        pdf,
        "attachment",
        &format!("digitalisierungs-check-{id}.pdf"),
    ))
}
