//! The Digitalisierungs-Check in the browser: a start page, one step per dimension
//! with a progress bar (answers saved as a draft at every step, so going back keeps
//! them and the link resumes them later), and the result page with the radar chart,
//! peers, progress and recommendations.

use super::service::{build_dto, complete, may_read};
use crate::assessment::api::{self as api, AssessmentDto, score_text};
use crate::error::AppError;
use crate::http::auth::{MaybeSignedIn, SignedIn};
use crate::http::extract::{NoSuchResult, PathId};
use crate::http::page::{Ctx, error_page, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lotse_core::accounts::{Action, Decision, Scope, authorize};
use lotse_core::assessment::{
    Band, Dimension, Importance, ItemKind, NOT_RELEVANT, Questionnaire, RawAnswer,
};
use lotse_store::assessment as store;
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Template)]
#[template(path = "assessment/check_start.html")]
struct StartPage {
    ctx: Ctx,
    items_text: String,
    dimensions: Vec<String>,
    company: Option<String>,
    resume: Option<String>,
}

/// The first company the person belongs to (as learner or company admin), with its
/// name: a check they take is attached to it.
fn own_company(me: Option<&SignedIn>) -> Option<(Uuid, String)> {
    let me = me?;
    me.actor.memberships.iter().find_map(|m| match m.scope {
        Scope::Company(c)
            if authorize(Some(&me.actor), Action::ViewCompany(c)) == Decision::Allow =>
        {
            let name = me
                .memberships
                .iter()
                .find(|v| v.membership.scope == Scope::Company(c))
                .and_then(|v| v.organization.clone())
                .unwrap_or_default();
            Some((c, name))
        }
        _ => None,
    })
}

/// `GET /check`: what the check is, and where to start or resume.
pub async fn start(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
) -> Result<Response, AppError> {
    let q = &state.config.questionnaire;
    let resume = match &me {
        Some(me) => store::open_draft_of(&state.db, me.person.id)
            .await?
            .map(|id| format!("/check/{id}/schritt/1")),
        None => None,
    };
    Ok(render(StartPage {
        ctx: Ctx::new(lang, "/check"),
        items_text: lang.t_args(
            "check-fact-items",
            &[("count", i64::try_from(q.item_count()).unwrap_or(0).into())],
        ),
        dimensions: q
            .dimensions
            .iter()
            .map(|d| d.title.get(lang.code()).to_owned())
            .collect(),
        company: own_company(me.as_ref())
            .map(|(_, name)| lang.t_args("check-for-company", &[("company", name.into())])),
        resume,
    }))
}

/// `POST /check`: starts a draft and opens its first step.
pub async fn begin(
    State(state): State<AppState>,
    MaybeSignedIn(me): MaybeSignedIn,
) -> Result<Response, AppError> {
    let id = Uuid::new_v4();
    store::save_draft(
        &state.db,
        &store::Draft {
            id,
            version: state.config.questionnaire.version.clone(),
            company_id: own_company(me.as_ref()).map(|(c, _)| c),
            person_id: me.as_ref().map(|m| m.person.id),
            answers_json: "{}".into(),
            importance_json: "{}".into(),
        },
        lotse_store::now_seconds(),
    )
    .await?;
    Ok(Redirect::to(&format!("/check/{id}/schritt/1")).into_response())
}

/// One answer choice of a question.
struct ChoiceView {
    value: String,
    label: String,
    checked: bool,
}

/// One question of a step.
struct QuestionView {
    key: String,
    number: usize,
    text: String,
    hint: String,
    /// `radio` or `checkbox`.
    input: &'static str,
    choices: Vec<ChoiceView>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "assessment/check_step.html")]
struct StepPage {
    ctx: Ctx,
    id: Uuid,
    step: usize,
    steps: usize,
    titles: Vec<String>,
    title: String,
    meaning: String,
    progress_text: String,
    importance_legend: String,
    questions: Vec<QuestionView>,
    importance: Vec<ChoiceView>,
    has_errors: bool,
    last: bool,
    resume_link: String,
}

/// A draft the visitor may continue: anyone with the link for an anonymous draft,
/// only its person for a signed-in one.
async fn draft(
    state: &AppState,
    me: Option<&SignedIn>,
    id: &str,
) -> Result<Option<store::Stored>, AppError> {
    let Ok(id) = Uuid::try_parse(id) else {
        return Ok(None);
    };
    let Some(found) = store::find(&state.db, id).await? else {
        return Ok(None);
    };
    let allowed = match found.person_id {
        None => true,
        Some(owner) => me.is_some_and(|m| m.person.id == owner),
    };
    Ok(allowed.then_some(found))
}

fn parse_answers(json: &str) -> BTreeMap<String, RawAnswer> {
    serde_json::from_str(json).unwrap_or_default()
}

fn parse_importance(json: &str) -> BTreeMap<String, Importance> {
    serde_json::from_str(json).unwrap_or_default()
}

fn step_page(
    state: &AppState,
    lang: Lang,
    id: Uuid,
    step: usize,
    answers: &BTreeMap<String, RawAnswer>,
    importance: &BTreeMap<String, Importance>,
    errors: &BTreeMap<String, String>,
) -> Option<StepPage> {
    let q = &state.config.questionnaire;
    let dimension = q.dimensions.get(step.checked_sub(1)?)?;
    let code = lang.code();
    let before: usize = q.dimensions[..step - 1].iter().map(|d| d.items.len()).sum();
    let not_relevant = lang.t("check-not-relevant");
    let questions = dimension
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let given = answers.get(&item.key);
            let is = |value: &str| match given {
                Some(RawAnswer::Word(w)) => w == value,
                Some(RawAnswer::Number(v)) => v.to_string() == value,
                Some(RawAnswer::List(list)) => list.iter().any(|x| x == value),
                None => false,
            };
            let mut choices: Vec<ChoiceView> = match item.kind {
                ItemKind::Tri => ["no", "partial", "yes"]
                    .iter()
                    .map(|v| ChoiceView {
                        value: (*v).into(),
                        label: lang.t(&format!("check-tri-{v}")),
                        checked: is(v),
                    })
                    .collect(),
                ItemKind::Scale => api::scale_labels(lang)
                    .into_iter()
                    .enumerate()
                    .map(|(v, label)| ChoiceView {
                        value: v.to_string(),
                        label: format!("{v} – {label}"),
                        checked: is(&v.to_string()),
                    })
                    .collect(),
                ItemKind::Multi => item
                    .options
                    .iter()
                    .map(|o| ChoiceView {
                        value: o.key.clone(),
                        label: o.label.get(code).to_owned(),
                        checked: is(&o.key),
                    })
                    .collect(),
            };
            choices.push(ChoiceView {
                value: NOT_RELEVANT.into(),
                label: not_relevant.clone(),
                checked: is(NOT_RELEVANT),
            });
            QuestionView {
                key: item.key.clone(),
                number: before + n + 1,
                text: item.text.get(code).to_owned(),
                hint: match item.kind {
                    ItemKind::Tri => String::new(),
                    ItemKind::Scale => lang.t("check-hint-scale"),
                    ItemKind::Multi => lang.t("check-hint-multi"),
                },
                input: if item.kind == ItemKind::Multi {
                    "checkbox"
                } else {
                    "radio"
                },
                choices,
                error: errors.get(&item.key).cloned(),
            }
        })
        .collect();
    let chosen = importance.get(&dimension.key).copied().unwrap_or_default();
    Some(StepPage {
        ctx: Ctx::new(lang, "/check"),
        id,
        step,
        steps: q.dimensions.len(),
        titles: q
            .dimensions
            .iter()
            .map(|d| d.title.get(code).to_owned())
            .collect(),
        title: dimension.title.get(code).to_owned(),
        meaning: dimension.meaning.get(code).to_owned(),
        progress_text: lang.t_args(
            "check-progress",
            &[
                ("step", i64::try_from(step).unwrap_or(0).into()),
                (
                    "steps",
                    i64::try_from(q.dimensions.len()).unwrap_or(0).into(),
                ),
            ],
        ),
        importance_legend: lang.t_args(
            "check-importance",
            &[("dimension", dimension.title.get(code).to_owned().into())],
        ),
        questions,
        importance: [Importance::Low, Importance::Normal, Importance::High]
            .iter()
            .map(|i| ChoiceView {
                value: i.key().into(),
                label: lang.t(&format!("check-importance-{}", i.key())),
                checked: *i == chosen,
            })
            .collect(),
        has_errors: !errors.is_empty(),
        last: step == q.dimensions.len(),
        resume_link: format!("{}/check/{id}/schritt/{step}", state.config.public_url),
    })
}

/// `GET /check/{id}/schritt/{step}`: one dimension's questions with the answers so far.
pub async fn show_step(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
    Path((id, step)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some(found) = draft(&state, me.as_ref(), &id).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    if found.status == "completed" {
        return Ok(Redirect::to(&format!("/check/{}/ergebnis", found.id)).into_response());
    }
    let page = step.parse::<usize>().ok().and_then(|step| {
        step_page(
            &state,
            lang,
            found.id,
            step,
            &parse_answers(&found.answers_json),
            &parse_importance(&found.importance_json),
            &BTreeMap::new(),
        )
    });
    Ok(match page {
        Some(page) => render(page),
        None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
    })
}

/// Reads one step's form into `answers` and `importance`; returns the items left
/// unanswered (multi questions are always answered: ticking nothing is an answer).
fn read_step(
    lang: Lang,
    dimension: &Dimension,
    form: &[(String, String)],
    answers: &mut BTreeMap<String, RawAnswer>,
    importance: &mut BTreeMap<String, Importance>,
) -> BTreeMap<String, String> {
    let mut missing = BTreeMap::new();
    let values = |key: &str| -> Vec<&str> {
        form.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    for item in &dimension.items {
        let given = values(&item.key);
        let answer = if given.contains(&NOT_RELEVANT) {
            Some(RawAnswer::Word(NOT_RELEVANT.into()))
        } else {
            match item.kind {
                ItemKind::Multi => Some(RawAnswer::List(
                    given
                        .iter()
                        .filter(|v| item.options.iter().any(|o| o.key == **v))
                        .map(|v| (*v).to_owned())
                        .collect(),
                )),
                ItemKind::Tri => given
                    .first()
                    .filter(|v| ["no", "partial", "yes"].contains(*v))
                    .map(|v| RawAnswer::Word((*v).to_owned())),
                ItemKind::Scale => given
                    .first()
                    .and_then(|v| v.parse::<i64>().ok())
                    .filter(|v| (0..=5).contains(v))
                    .map(RawAnswer::Number),
            }
        };
        match answer {
            Some(a) => {
                answers.insert(item.key.clone(), a);
            }
            None => {
                answers.remove(&item.key);
                missing.insert(item.key.clone(), lang.t("check-missing"));
            }
        }
    }
    if let Some(i) = values("importance")
        .first()
        .and_then(|v| Importance::parse(v))
    {
        importance.insert(dimension.key.clone(), i);
    }
    missing
}

/// `POST /check/{id}/schritt/{step}`: saves the step; "back" goes back whatever was
/// answered, "next" needs every question answered, and the last step evaluates.
pub async fn save_step(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
    Path((id, step)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(found) = draft(&state, me.as_ref(), &id).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    if found.status == "completed" {
        return Ok(Redirect::to(&format!("/check/{}/ergebnis", found.id)).into_response());
    }
    let q: &Questionnaire = &state.config.questionnaire;
    let Some((step, dimension)) = step
        .parse::<usize>()
        .ok()
        .and_then(|s| Some((s, q.dimensions.get(s.checked_sub(1)?)?)))
    else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let back = form.iter().any(|(k, v)| k == "go" && v == "back");
    let mut answers = parse_answers(&found.answers_json);
    let mut importance = parse_importance(&found.importance_json);
    let missing = read_step(lang, dimension, &form, &mut answers, &mut importance);
    let draft = store::Draft {
        id: found.id,
        version: found.version.clone(),
        company_id: found.company_id,
        person_id: found.person_id,
        answers_json: to_json(&answers),
        importance_json: to_json(&importance),
    };
    store::save_draft(&state.db, &draft, lotse_store::now_seconds()).await?;
    if back {
        let previous = step.saturating_sub(1).max(1);
        return Ok(
            Redirect::to(&format!("/check/{}/schritt/{previous}", found.id)).into_response(),
        );
    }
    if !missing.is_empty() {
        let page = step_page(
            &state,
            lang,
            found.id,
            step,
            &answers,
            &importance,
            &missing,
        );
        let mut response = match page {
            Some(page) => render(page),
            None => error_page(lang, StatusCode::NOT_FOUND, Vec::new()),
        };
        *response.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(response);
    }
    if step < q.dimensions.len() {
        return Ok(
            Redirect::to(&format!("/check/{}/schritt/{}", found.id, step + 1)).into_response(),
        );
    }
    // The last step: every earlier step must be complete too (a resumed draft of an
    // older questionnaire may not be); send the person to the first gap.
    match q.check_answers(&answers, true) {
        Ok(checked) => {
            if found.version != q.version {
                return Ok(Redirect::to(&format!("/check/{}/schritt/1", found.id)).into_response());
            }
            complete(
                &state,
                found.id,
                found.person_id,
                found.company_id,
                &checked,
                &importance,
            )
            .await?;
            Ok(Redirect::to(&format!("/check/{}/ergebnis", found.id)).into_response())
        }
        Err(errors) => {
            let first_gap = errors
                .iter()
                .filter_map(|e| {
                    q.dimensions
                        .iter()
                        .position(|d| d.items.iter().any(|i| i.key == e.item))
                })
                .min()
                .unwrap_or(0);
            Ok(
                Redirect::to(&format!("/check/{}/schritt/{}", found.id, first_gap + 1))
                    .into_response(),
            )
        }
    }
}

/// A draft's map as stored JSON (these maps always serialize).
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{}".into())
}

/// A point of the radar chart.
struct Spoke {
    title: String,
    score: String,
    /// End of the axis.
    x: String,
    y: String,
    /// Where the label goes.
    label_x: String,
    label_y: String,
    anchor: &'static str,
}

/// One row of the result table.
struct DimensionRow {
    title: String,
    score: String,
    meaning: String,
    peer: Option<String>,
}

/// One row of the progress table.
struct HistoryRow {
    label: String,
    date: String,
    overall: String,
    cells: Vec<String>,
}

/// A recommendation as shown.
struct RecommendationView {
    title: String,
    href: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "assessment/check_result.html")]
struct ResultPage {
    ctx: Ctx,
    id: Uuid,
    date: String,
    version: String,
    overall: String,
    band: String,
    band_text: String,
    spokes: Vec<Spoke>,
    grid: Vec<String>,
    shape: String,
    peer_shape: Option<String>,
    rows: Vec<DimensionRow>,
    peers_text: String,
    peer_overall: Option<String>,
    history_titles: Vec<String>,
    history: Vec<HistoryRow>,
    recommendations: Vec<RecommendationView>,
}

/// The chart: 6 axes around (160, 160), radius 110.
const CENTER: f64 = 160.0;
const RADIUS: f64 = 110.0;

/// Where `value` (0 to 100) of axis `index` of `count` lies on the chart.
pub(crate) fn point(index: usize, count: usize, value: f64) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count.max(1) as f64;
    let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
    (CENTER + r * angle.cos(), CENTER + r * angle.sin())
}

/// The chart's polygon through `values`, as SVG `points`.
pub(crate) fn polygon(values: &[f64]) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = point(i, values.len(), *v);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn result_page(state: &AppState, lang: Lang, dto: AssessmentDto) -> ResultPage {
    let q = &state.config.questionnaire;
    let code = lang.code();
    let dash = "–".to_owned();
    let shown = |v: Option<f64>| {
        v.map(|v| score_text(lang, v))
            .unwrap_or_else(|| dash.clone())
    };
    // Peer figures as "median (q1–q3)".
    let quartiles = |f: &crate::assessment::api::PeerFiguresDto| {
        format!(
            "{} ({}–{})",
            score_text(lang, f.median),
            score_text(lang, f.q1),
            score_text(lang, f.q3)
        )
    };
    let count = dto.dimensions.len();
    let spokes = dto
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (x, y) = point(i, count, 100.0);
            let (lx, ly) = point(i, count, 118.0);
            let anchor = if (lx - CENTER).abs() < 5.0 {
                "middle"
            } else if lx > CENTER {
                "start"
            } else {
                "end"
            };
            Spoke {
                title: d.title.clone(),
                score: shown(d.score),
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                label_x: format!("{lx:.1}"),
                label_y: format!("{:.1}", ly + 4.0),
                anchor,
            }
        })
        .collect();
    let grid = [25.0, 50.0, 75.0, 100.0]
        .iter()
        .map(|level| polygon(&vec![*level; count]))
        .collect();
    let peer_medians: Option<Vec<f64>> = dto.peers.as_ref().and_then(|p| {
        dto.dimensions
            .iter()
            .map(|d| p.dimensions.get(&d.key).map(|f| f.median))
            .collect()
    });
    let rows = dto
        .dimensions
        .iter()
        .map(|d| DimensionRow {
            title: d.title.clone(),
            score: shown(d.score),
            meaning: q
                .dimension(&d.key)
                .map(|x| x.meaning.get(code).to_owned())
                .unwrap_or_default(),
            peer: dto
                .peers
                .as_ref()
                .and_then(|p| p.dimensions.get(&d.key))
                .map(quartiles),
        })
        .collect();
    let peers_text = api::peers_sentence(lang, dto.peers.as_ref());
    let peer_overall = dto
        .peers
        .as_ref()
        .and_then(|p| p.overall.as_ref())
        .map(quartiles);
    let date_of = |rfc: &str| {
        rfc.parse::<jiff::Timestamp>()
            .map(|t| crate::format::date(lang, t))
            .unwrap_or_default()
    };
    let mut history = Vec::new();
    let mut previous: Option<&crate::assessment::api::HistoryDto> = None;
    for h in &dto.history {
        let delta = |now: Option<f64>, before: Option<f64>| match (now, before) {
            (Some(n), Some(b)) if previous.is_some() => {
                let d = n - b;
                let sign = if d > 0.0 {
                    "+"
                } else if d < 0.0 {
                    "−"
                } else {
                    "±"
                };
                format!(
                    "{} ({sign}{})",
                    score_text(lang, n),
                    score_text(lang, d.abs())
                )
            }
            (Some(n), _) => score_text(lang, n),
            (None, _) => dash.clone(),
        };
        history.push(HistoryRow {
            label: h.label.clone(),
            date: date_of(&h.completed_at),
            overall: delta(h.overall, previous.and_then(|p| p.overall)),
            cells: dto
                .dimensions
                .iter()
                .map(|d| {
                    delta(
                        h.dimensions.get(&d.key).copied().flatten(),
                        previous.and_then(|p| p.dimensions.get(&d.key).copied().flatten()),
                    )
                })
                .collect(),
        });
        previous = Some(h);
    }
    let band = dto.band.as_deref().and_then(Band::parse);
    ResultPage {
        ctx: Ctx::new(lang, "/check"),
        id: dto.id,
        date: date_of(&dto.completed_at),
        version: dto.version.clone(),
        overall: shown(dto.overall),
        band: band
            .map(|b| lang.t(&format!("check-band-{}", b.key())))
            .unwrap_or_default(),
        band_text: band
            .map(|b| lang.t(&format!("check-band-{}-text", b.key())))
            .unwrap_or_else(|| lang.t("check-band-none")),
        spokes,
        grid,
        shape: polygon(
            &dto.dimensions
                .iter()
                .map(|d| d.score.unwrap_or(0.0))
                .collect::<Vec<_>>(),
        ),
        peer_shape: peer_medians.map(|m| polygon(&m)),
        rows,
        peers_text,
        peer_overall,
        history_titles: dto.dimensions.iter().map(|d| d.title.clone()).collect(),
        history,
        recommendations: dto
            .recommendations
            .iter()
            .map(|r| RecommendationView {
                title: r.title.clone(),
                href: format!("/angebote/{}", r.offering_id),
                reason: r.reason.clone(),
            })
            .collect(),
    }
}

/// `GET /check/{id}/ergebnis`: the result, for whoever may read it.
pub async fn result(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
    PathId(id, _): PathId<NoSuchResult>,
) -> Result<Response, AppError> {
    let Some(found) = store::find(&state.db, id).await? else {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    };
    if found.status != "completed" || !may_read(me.as_ref(), &found) {
        return Ok(error_page(lang, StatusCode::NOT_FOUND, Vec::new()));
    }
    let dto = build_dto(&state, lang, found).await?;
    Ok(render(result_page(&state, lang, dto)))
}
