//! The PDF report of a Digitalisierungs-Check result, for the company's files: scores,
//! radar chart, peers, progress, recommendations, date and questionnaire version.
//!
//! Written with pdf-writer using the PDF standard font Helvetica in WinAnsi encoding,
//! which every PDF reader has and which covers German text; nothing is embedded or
//! loaded from elsewhere.

use crate::assessment::api::{AssessmentDto, peers_sentence, score_text};
use crate::assessment::service::{build_dto, may_read};
use crate::error::AppError;
use crate::http::auth::MaybeSignedIn;
use crate::http::extract::{NoSuchResult, PathId};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use lotse_core::assessment::Band;
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Text as WinAnsi bytes; characters outside it (rare in German text) become close
/// equivalents or `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    let text = text.replace(['₂'], "2").replace('−', "-");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    bytes.into_owned()
}

/// Splits `text` into lines of about `width` points at `size` (Helvetica's mean glyph
/// width is a little over half the font size).
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let per_line = ((width / (size * 0.52)) as usize).max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays text out top to bottom over as many pages as needed.
struct Writer {
    pages: Vec<Content>,
    y: f32,
}

impl Writer {
    fn new() -> Self {
        Writer {
            pages: vec![Content::new()],
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Room for `height` more points, or a new page.
    fn need(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.pages.push(Content::new());
            self.y = PAGE_HEIGHT - MARGIN;
        }
    }

    fn line(&mut self, font: Name<'static>, size: f32, x: f32, text: &str) {
        self.need(size * 1.4);
        self.y -= size * 1.4;
        let y = self.y;
        let bytes = win_ansi(text);
        self.page()
            .begin_text()
            .set_font(font, size)
            .next_line(x, y)
            .show(Str(&bytes))
            .end_text();
    }

    fn paragraph(&mut self, font: Name<'static>, size: f32, indent: f32, text: &str) {
        for line in wrap(text, size, PAGE_WIDTH - 2.0 * MARGIN - indent) {
            self.line(font, size, MARGIN + indent, &line);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// The radar chart: six axes, grid at 25/50/75/100, the scores filled, the peers'
    /// medians as a dashed line.
    fn radar(&mut self, scores: &[f64], peers: Option<&[f64]>, labels: &[String]) {
        let radius = 95.0_f32;
        self.need(2.0 * radius + 50.0);
        let cx = PAGE_WIDTH / 2.0;
        let cy = self.y - radius - 20.0;
        let n = scores.len().max(1);
        let at = |i: usize, value: f64| {
            let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * i as f32 / n as f32;
            let r = radius * (value.clamp(0.0, 100.0) as f32) / 100.0;
            // PDF's y axis points up: mirror the angle so the first axis is on top.
            (cx + r * angle.cos(), cy - r * angle.sin())
        };
        let polygon = |content: &mut Content, values: &[f64]| {
            for (i, v) in values.iter().enumerate() {
                let (x, y) = at(i, *v);
                if i == 0 {
                    content.move_to(x, y);
                } else {
                    content.line_to(x, y);
                }
            }
            content.close_path();
        };
        let content = self.page();
        content.save_state();
        content.set_line_width(0.5).set_stroke_rgb(0.75, 0.75, 0.75);
        for level in [25.0, 50.0, 75.0, 100.0] {
            polygon(content, &vec![level; n]);
            content.stroke();
        }
        for i in 0..n {
            let (x, y) = at(i, 100.0);
            content.move_to(cx, cy).line_to(x, y).stroke();
        }
        content
            .set_fill_rgb(0.80, 0.87, 0.94)
            .set_stroke_rgb(0.04, 0.36, 0.67)
            .set_line_width(1.8);
        polygon(content, scores);
        content.fill_nonzero_and_stroke();
        if let Some(peers) = peers {
            content
                .set_stroke_rgb(0.42, 0.25, 0.63)
                .set_line_width(1.2)
                .set_dash_pattern([4.0, 3.0], 0.0);
            polygon(content, peers);
            content.stroke();
        }
        content.restore_state();
        for (i, label) in labels.iter().enumerate() {
            let (x, y) = at(i, 112.0);
            let width = label.chars().count() as f32 * 8.0 * 0.52;
            let x = if (x - cx).abs() < 5.0 {
                x - width / 2.0
            } else if x > cx {
                x
            } else {
                x - width
            };
            let bytes = win_ansi(label);
            self.page()
                .begin_text()
                .set_font(REGULAR, 8.0)
                .next_line(x, y - 3.0)
                .show(Str(&bytes))
                .end_text();
        }
        self.y = cy - radius - 30.0;
    }

    fn finish(self, footer: &str) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let count = self.pages.len();
        let page_ids: Vec<Ref> = (0..count)
            .map(|i| Ref::new(5 + 2 * i32::try_from(i).unwrap_or(0)))
            .collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(i32::try_from(count).unwrap_or(1));
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        for (n, (mut content, id)) in self.pages.into_iter().zip(&page_ids).enumerate() {
            let stream_id = Ref::new(id.get() + 1);
            let text = win_ansi(&format!("{footer} · {}/{count}", n + 1));
            content
                .begin_text()
                .set_font(REGULAR, 8.0)
                .next_line(MARGIN, MARGIN / 2.0)
                .show(Str(&text))
                .end_text();
            let mut page = pdf.page(*id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .parent(tree)
                .contents(stream_id);
            page.resources()
                .fonts()
                .pair(REGULAR, regular)
                .pair(BOLD, bold);
            drop(page);
            let bytes = content.finish();
            pdf.stream(stream_id, bytes.as_slice());
        }
        pdf.finish()
    }
}

/// The report of `dto` as PDF bytes.
pub fn report(lang: Lang, dto: &AssessmentDto, company: Option<&str>) -> Vec<u8> {
    let mut w = Writer::new();
    let shown = |v: Option<f64>| v.map(|v| score_text(lang, v)).unwrap_or_else(|| "–".into());
    let date = dto
        .completed_at
        .parse::<jiff::Timestamp>()
        .map(|t| crate::format::date(lang, t))
        .unwrap_or_default();
    w.line(BOLD, 18.0, MARGIN, &lang.t("report-title"));
    w.gap(4.0);
    w.line(
        REGULAR,
        11.0,
        MARGIN,
        &company.map_or_else(|| lang.t("report-anonymous"), str::to_owned),
    );
    w.line(
        REGULAR,
        10.0,
        MARGIN,
        &format!("{date} · {} {}", lang.t("check-version"), dto.version),
    );
    w.gap(12.0);
    let band = dto.band.as_deref().and_then(Band::parse);
    w.line(
        BOLD,
        14.0,
        MARGIN,
        &format!(
            "{}: {} {}{}",
            lang.t("check-overall"),
            shown(dto.overall),
            lang.t("check-of-100"),
            band.map(|b| format!(" – {}", lang.t(&format!("check-band-{}", b.key()))))
                .unwrap_or_default()
        ),
    );
    w.paragraph(
        REGULAR,
        10.0,
        0.0,
        &band
            .map(|b| lang.t(&format!("check-band-{}-text", b.key())))
            .unwrap_or_else(|| lang.t("check-band-none")),
    );
    w.gap(6.0);
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
    let labels: Vec<String> = dto
        .dimensions
        .iter()
        .map(|d| format!("{} ({})", d.title, shown(d.score)))
        .collect();
    w.radar(&scores, medians.as_deref(), &labels);
    w.line(BOLD, 12.0, MARGIN, &lang.t("check-dimensions"));
    for d in &dto.dimensions {
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
        w.line(
            REGULAR,
            10.0,
            MARGIN,
            &format!("{}: {}{peer}", d.title, shown(d.score)),
        );
    }
    w.gap(8.0);
    w.line(BOLD, 12.0, MARGIN, &lang.t("check-peers"));
    let peers_text = peers_sentence(lang, dto.peers.as_ref());
    w.paragraph(REGULAR, 10.0, 0.0, &peers_text);
    if dto.history.len() > 1 {
        w.gap(8.0);
        w.line(BOLD, 12.0, MARGIN, &lang.t("check-history"));
        for h in &dto.history {
            let when = h
                .completed_at
                .parse::<jiff::Timestamp>()
                .map(|t| crate::format::date(lang, t))
                .unwrap_or_default();
            w.line(
                REGULAR,
                10.0,
                MARGIN,
                &format!(
                    "{} · {when} · {}: {}",
                    h.label,
                    lang.t("check-overall"),
                    shown(h.overall)
                ),
            );
        }
    }
    w.gap(8.0);
    w.line(BOLD, 12.0, MARGIN, &lang.t("check-recommendations"));
    if dto.recommendations.is_empty() {
        w.paragraph(REGULAR, 10.0, 0.0, &lang.t("check-no-recommendations"));
    }
    for (n, r) in dto.recommendations.iter().enumerate() {
        w.gap(4.0);
        w.paragraph(BOLD, 10.0, 0.0, &format!("{}. {}", n + 1, r.title));
        w.paragraph(REGULAR, 10.0, 14.0, &r.reason);
    }
    w.finish(&lang.t_args("report-footer", &[("date", date.into())]))
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
    let mut response = report(lang, &dto, company.as_deref()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"digitalisierungs-check-{id}.pdf\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_text_is_written_in_win_ansi() {
        assert_eq!(
            win_ansi("Größe „ä“ – CO₂"),
            b"Gr\xf6\xdfe \x84\xe4\x93 \x96 CO2"
        );
    }

    #[test]
    fn long_text_wraps_within_the_page() {
        let text =
            "Ihr Wert in Automatisierung und KI liegt bei 22 von 100, das Ziel ist 75. ".repeat(4);
        let lines = wrap(&text, 10.0, 400.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 77), "{lines:?}");
        assert_eq!(lines.join(" "), text.trim());
    }
}
