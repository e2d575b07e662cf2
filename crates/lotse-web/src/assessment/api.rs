//! The Digitalisierungs-Check in the API: the questionnaire, taking the check, and
//! reading a result with its peers, progress and recommendations. The check pages in
//! `assessment_pages` use the same functions.

use super::service::{build_dto, company_for, complete, may_read, result_dto};
use crate::error::AppError;
use crate::error::{InvalidField, Message};
use crate::http::auth::MaybeSignedIn;
use crate::http::error::Problem;
use crate::http::extract::{ApiJson, NoSuchResult, PathId};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use lotse_core::assessment::{self as core, Importance, Questionnaire, RawAnswer, Recommendation};
use lotse_store::assessment as store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// The questionnaire as the API shows it, in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionnaireDto {
    /// Version; answers must name it.
    pub version: String,
    /// The answer options of `scale` items, 0 to 5.
    pub scale: Vec<String>,
    /// The six dimensions.
    pub dimensions: Vec<DimensionDto>,
}

/// A dimension with its items.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct DimensionDto {
    /// Key (one of the DMA's six).
    pub key: String,
    pub title: String,
    /// What its score says.
    pub meaning: String,
    /// Catalogue topics that address it.
    pub topics: Vec<String>,
    /// Its items.
    pub items: Vec<ItemDto>,
}

/// One question.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemDto {
    /// Key, used in answers.
    pub key: String,
    /// `tri`, `scale` or `multi`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The question.
    pub text: String,
    /// For `multi`: the options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionDto>>,
}

/// An option of a `multi` item.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct OptionDto {
    pub key: String,
    pub label: String,
}

/// The adoption scale's labels, 0 to 5.
pub fn scale_labels(lang: Lang) -> Vec<String> {
    (0..=5)
        .map(|n| lang.t(&format!("check-scale-{n}")))
        .collect()
}

fn questionnaire_dto(q: &Questionnaire, lang: Lang) -> QuestionnaireDto {
    let code = lang.code();
    QuestionnaireDto {
        version: q.version.clone(),
        scale: scale_labels(lang),
        dimensions: q
            .dimensions
            .iter()
            .map(|d| DimensionDto {
                key: d.key.clone(),
                title: d.title.get(code).to_owned(),
                meaning: d.meaning.get(code).to_owned(),
                topics: d.topics.iter().map(|t| t.key().to_owned()).collect(),
                items: d
                    .items
                    .iter()
                    .map(|i| ItemDto {
                        key: i.key.clone(),
                        kind: match i.kind {
                            core::ItemKind::Tri => "tri",
                            core::ItemKind::Scale => "scale",
                            core::ItemKind::Multi => "multi",
                        }
                        .into(),
                        text: i.text.get(code).to_owned(),
                        options: (i.kind == core::ItemKind::Multi).then(|| {
                            i.options
                                .iter()
                                .map(|o| OptionDto {
                                    key: o.key.clone(),
                                    label: o.label.get(code).to_owned(),
                                })
                                .collect()
                        }),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The current questionnaire.
#[utoipa::path(get, path = "/api/v1/assessment/questionnaire", tag = "assessment",
    responses((status = 200, description = "The questionnaire in the chosen language", body = QuestionnaireDto)))]
pub async fn get_questionnaire(State(state): State<AppState>, lang: Lang) -> impl IntoResponse {
    Json(questionnaire_dto(&state.config.questionnaire, lang))
}

/// A completed check to score and store.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AssessmentRequest {
    /// The questionnaire version answered.
    pub version: String,
    /// Every item's answer: `"no"`/`"partial"`/`"yes"`, 0–5, a list of option keys,
    /// or `"not_relevant"`.
    #[schema(value_type = Object)]
    pub answers: BTreeMap<String, RawAnswer>,
    /// Attach the result to this company (a member must be signed in).
    pub company_id: Option<Uuid>,
    /// How important each dimension is: `low`, `normal` (default) or `high`.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub importance: BTreeMap<String, String>,
}

/// A dimension's score.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreDto {
    /// Dimension key.
    pub key: String,
    /// Its title.
    pub title: String,
    /// 0–100, or null when every item was "not relevant".
    pub score: Option<f64>,
}

/// A recommended offering.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationDto {
    /// The offering.
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// The dimension it addresses.
    pub dimension: String,
    /// Why, in plain words.
    pub reason: String,
}

/// Quartiles of a peer group.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct PeerFiguresDto {
    /// First quartile.
    pub q1: f64,
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
}

/// The comparison with companies of the same size class and sector.
#[derive(Debug, Serialize, ToSchema)]
pub struct PeersDto {
    /// Size class (`micro`, `small`, `medium`, `large`).
    pub size_class: String,
    /// WZ 2008 section letter.
    pub sector: String,
    /// How many other companies have a latest result in the group.
    pub companies: usize,
    /// Overall figures, shown only from 5 companies on.
    pub overall: Option<PeerFiguresDto>,
    /// Figures per dimension, from 5 companies on.
    #[schema(value_type = Object)]
    pub dimensions: BTreeMap<String, PeerFiguresDto>,
}

/// One result of a company's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryDto {
    /// T0, T1, …
    pub label: String,
    /// The result.
    pub id: Uuid,
    /// When completed (RFC 3339).
    pub completed_at: String,
    /// Overall score.
    pub overall: Option<f64>,
    /// Scores per dimension.
    #[schema(value_type = Object)]
    pub dimensions: BTreeMap<String, Option<f64>>,
}

/// A stored result.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDto {
    /// Id; whoever holds it may read an anonymous result.
    pub id: Uuid,
    /// The questionnaire version it was answered under.
    pub version: String,
    /// The company, if attached.
    pub company_id: Option<Uuid>,
    /// When completed (RFC 3339).
    pub completed_at: String,
    /// Overall score 0–100 (mean of the scored dimensions).
    pub overall: Option<f64>,
    /// `basic`, `average`, `moderately_advanced` or `advanced`.
    pub band: Option<String>,
    /// The six dimensions.
    pub dimensions: Vec<ScoreDto>,
    /// 3 to 7 offerings, best first.
    pub recommendations: Vec<RecommendationDto>,
    /// Peer comparison, when the result has a peer group.
    pub peers: Option<PeersDto>,
    /// The company's results over time (T0, T1, …), when attached to a company.
    pub history: Vec<HistoryDto>,
}

/// A score as people read it: "22", "22,5" / "22.5".
pub fn score_text(lang: Lang, score: f64) -> String {
    let text = if score.fract() == 0.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.1}")
    };
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

/// What the peer comparison says in a sentence: why there is none, or who is compared.
pub fn peers_sentence(lang: Lang, peers: Option<&PeersDto>) -> String {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match peers {
        None => lang.t("check-peers-company-only"),
        Some(p) if p.overall.is_none() => lang.t_args(
            "check-peers-too-few",
            &[("count", count(p.companies).into())],
        ),
        Some(p) => lang.t_args(
            "check-peers-shown",
            &[
                ("count", count(p.companies).into()),
                ("size", lang.t(&format!("size-{}", p.size_class)).into()),
                ("sector", p.sector.clone().into()),
            ],
        ),
    }
}

/// Why an offering is recommended, in plain words.
pub fn reason(lang: Lang, q: &Questionnaire, r: &Recommendation) -> String {
    let dimension = q
        .dimension(&r.dimension)
        .map(|d| d.title.get(lang.code()).to_owned())
        .unwrap_or_else(|| r.dimension.clone());
    let mut text = lang.t_args(
        "check-reason",
        &[
            ("dimension", dimension.into()),
            ("score", score_text(lang, r.score).into()),
            ("target", i64::from(r.target).into()),
            ("topic", lang.t(&format!("topic-{}", r.topic.key())).into()),
        ],
    );
    match r.importance {
        Importance::High => {
            text.push(' ');
            text.push_str(&lang.t("check-reason-important"));
        }
        Importance::Low | Importance::Normal => {}
    }
    text
}

/// Reads importance keys; unknown dimensions or values are errors.
pub fn parse_importance(
    q: &Questionnaire,
    raw: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Importance>, Vec<InvalidField>> {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (dimension, value) in raw {
        if q.dimension(dimension).is_none() {
            errors.push(InvalidField {
                field: format!("importance.{dimension}"),
                message: "invalid-dimension".into(),
            });
        } else if let Some(i) = Importance::parse(value) {
            out.insert(dimension.clone(), i);
        } else {
            errors.push(InvalidField {
                field: format!("importance.{dimension}"),
                message: "invalid-importance".into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Take the check: score complete answers and store the result.
#[utoipa::path(post, path = "/api/v1/assessments", tag = "assessment", request_body = AssessmentRequest,
    responses((status = 201, description = "Scored and stored", body = AssessmentDto),
        (status = 400, description = "Missing, unknown or invalid answers, or another questionnaire version; each error names the item", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "A company was named but nobody is signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a company of the signed-in person", body = Problem, content_type = "application/problem+json")))]
pub async fn post_assessment(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
    ApiJson(body): ApiJson<AssessmentRequest>,
) -> Result<impl IntoResponse, AppError> {
    let q = state.config.questionnaire.clone();
    if body.version != q.version {
        return Err(AppError::field(
            "version",
            Message::new("invalid-questionnaire-version")
                .with("given", body.version.chars().take(40).collect::<String>())
                .with("current", &q.version),
        ));
    }
    let mut errors = Vec::new();
    let answers = match q.check_answers(&body.answers, true) {
        Ok(a) => Some(a),
        Err(e) => {
            errors.extend(e.into_iter().map(|e| InvalidField {
                field: format!("answers.{}", e.item),
                message: Message {
                    key: e.key,
                    args: e.args,
                },
            }));
            None
        }
    };
    let importance = match parse_importance(&q, &body.importance) {
        Ok(i) => Some(i),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let (Some(answers), Some(importance)) = (answers, importance) else {
        return Err(AppError::Invalid(errors));
    };
    let company = company_for(me.as_ref(), body.company_id)?;
    let id = Uuid::new_v4();
    complete(
        &state,
        id,
        me.as_ref().map(|m| m.person.id),
        company,
        &answers,
        &importance,
    )
    .await?;
    let dto = result_dto(&state, lang, id)
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-result".into()))?;
    Ok((StatusCode::CREATED, Json(dto)))
}

/// A stored result: a company's to its members and center staff (404 for anyone
/// else), an anonymous one to whoever holds its id.
#[utoipa::path(get, path = "/api/v1/assessments/{id}", tag = "assessment",
    params(("id" = Uuid, Path, description = "The result's id")),
    responses((status = 200, description = "The result", body = AssessmentDto),
        (status = 404, description = "No such result, or not yours", body = Problem, content_type = "application/problem+json")))]
pub async fn get_assessment(
    State(state): State<AppState>,
    lang: Lang,
    MaybeSignedIn(me): MaybeSignedIn,
    PathId(id, _): PathId<NoSuchResult>,
) -> Result<Json<AssessmentDto>, AppError> {
    let not_found = AppError::NotFound("refusal-not-found-result".into());
    let Some(stored) = store::find(&state.db, id).await? else {
        return Err(not_found);
    };
    if stored.status != "completed" || !may_read(me.as_ref(), &stored) {
        return Err(not_found);
    }
    Ok(Json(build_dto(&state, lang, stored).await?))
}
