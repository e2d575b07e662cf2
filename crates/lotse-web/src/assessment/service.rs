//! The check's use cases: completing a check for oneself or one's company, who may
//! read a result, and the result with peers, progress and recommendations.

use super::api::{
    AssessmentDto, HistoryDto, PeerFiguresDto, PeersDto, RecommendationDto, ScoreDto, reason,
};
use crate::error::AppError;
use crate::http::auth::SignedIn;
use crate::i18n::Lang;
use crate::state::AppState;
use lotse_core::accounts::{Action, Decision, SizeClass, authorize};
use lotse_core::assessment::{self as core, Answers, Band, Importance, Scores};
use lotse_store::assessment as store;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The company a signed-in person may attach a check to: `wanted` if they are a member
/// (or center staff), else `None` with an error; without `wanted`, their first company.
pub fn company_for(me: Option<&SignedIn>, wanted: Option<Uuid>) -> Result<Option<Uuid>, AppError> {
    match (me, wanted) {
        (_, None) => Ok(None),
        (None, Some(_)) => Err(AppError::Unauthenticated),
        (Some(me), Some(company)) => {
            match authorize(Some(&me.actor), Action::ViewCompany(company)) {
                Decision::Allow => Ok(Some(company)),
                _ => Err(AppError::NotFound("refusal-not-found-company".into())),
            }
        }
    }
}

/// Scores complete answers, chooses recommendations and stores the result under `id`
/// (a draft with that id becomes the result).
pub async fn complete(
    state: &AppState,
    id: Uuid,
    person: Option<Uuid>,
    company: Option<Uuid>,
    answers: &Answers,
    importance: &BTreeMap<String, Importance>,
) -> Result<(), AppError> {
    let q = &state.config.questionnaire;
    let scores: Scores = core::score(q, answers);
    let now = lotse_store::now_seconds();
    let candidates = store::candidates(&state.db, now).await?;
    let recommendations = core::recommend(q, &scores, importance, &candidates);
    let peer_group = match company {
        Some(c) => lotse_store::accounts::company(&state.db, c)
            .await?
            .map(|c| {
                let size = SizeClass::from_staff_count(u32::try_from(c.staff_count).unwrap_or(0));
                (size.key().to_owned(), c.sector)
            }),
        None => None,
    };
    let answers_json = serde_json::to_string(
        &answers
            .iter()
            .map(|(k, a)| (k.clone(), a.raw()))
            .collect::<BTreeMap<_, _>>(),
    )
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let importance_json =
        serde_json::to_string(importance).map_err(|e| AppError::Internal(e.to_string()))?;
    store::store_result(
        &state.db,
        &store::NewResult {
            id,
            version: q.version.clone(),
            company_id: company,
            person_id: person,
            answers_json,
            importance_json,
            peer_group,
            overall: scores.overall,
            band: scores.band,
            scores: scores
                .dimensions
                .iter()
                .map(|d| (d.key.clone(), d.score))
                .collect(),
            recommendations,
            completed_at: now,
        },
    )
    .await?;
    Ok(())
}

/// Whether `me` may read `stored`: a company's result its members and center staff,
/// any other result whoever holds its id.
pub fn may_read(me: Option<&SignedIn>, stored: &store::Stored) -> bool {
    match stored.company_id {
        None => true,
        Some(company) => me.is_some_and(|me| {
            authorize(Some(&me.actor), Action::ViewCompany(company)) == Decision::Allow
        }),
    }
}

/// A result with everything the API and the result page show.
pub async fn result_dto(
    state: &AppState,
    lang: Lang,
    id: Uuid,
) -> Result<Option<AssessmentDto>, AppError> {
    let Some(stored) = store::find(&state.db, id).await? else {
        return Ok(None);
    };
    if stored.status != "completed" {
        return Ok(None);
    }
    Ok(Some(build_dto(state, lang, stored).await?))
}

/// Everything the API, the result page and the report show about a stored result.
pub async fn build_dto(
    state: &AppState,
    lang: Lang,
    stored: store::Stored,
) -> Result<AssessmentDto, AppError> {
    let q = &state.config.questionnaire;
    let code = lang.code();
    let title_of = |key: &str| {
        q.dimension(key)
            .map(|d| d.title.get(code).to_owned())
            .unwrap_or_else(|| key.to_owned())
    };
    let at = |t: i64| {
        jiff::Timestamp::from_second(t)
            .map(crate::format::rfc3339)
            .unwrap_or_default()
    };
    let peers = match &stored.peer_group {
        Some((size_class, sector)) => {
            let others =
                store::peer_results(&state.db, size_class, sector, stored.company_id).await?;
            let figures = |values: Vec<f64>| {
                core::peer_quartiles(&values).map(|q| PeerFiguresDto {
                    q1: q.q1,
                    median: q.median,
                    q3: q.q3,
                })
            };
            let mut dimensions = BTreeMap::new();
            for key in core::DIMENSIONS {
                let values: Vec<f64> = others
                    .iter()
                    .filter_map(|o| o.scores.get(key).copied().flatten())
                    .collect();
                if let Some(f) = figures(values) {
                    dimensions.insert(key.to_owned(), f);
                }
            }
            Some(PeersDto {
                size_class: size_class.clone(),
                sector: sector.clone(),
                companies: others.len(),
                overall: figures(others.iter().filter_map(|o| o.overall).collect()),
                dimensions,
            })
        }
        None => None,
    };
    let history = match stored.company_id {
        Some(company) => store::company_history(&state.db, company)
            .await?
            .into_iter()
            .enumerate()
            .map(|(n, h)| HistoryDto {
                label: format!("T{n}"),
                id: h.id,
                completed_at: at(h.completed_at),
                overall: h.overall,
                dimensions: h.scores,
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(AssessmentDto {
        id: stored.id,
        version: stored.version.clone(),
        company_id: stored.company_id,
        completed_at: at(stored.completed_at.unwrap_or_default()),
        overall: stored.overall,
        band: stored.band.map(|b: Band| b.key().to_owned()),
        dimensions: core::DIMENSIONS
            .iter()
            .map(|key| ScoreDto {
                key: (*key).to_owned(),
                title: title_of(key),
                score: stored.scores.get(*key).copied().flatten(),
            })
            .collect(),
        recommendations: stored
            .recommendations
            .iter()
            .map(|r| RecommendationDto {
                offering_id: r.offering_id,
                title: stored
                    .titles
                    .get(&r.offering_id)
                    .cloned()
                    .unwrap_or_default(),
                dimension: r.dimension.clone(),
                reason: reason(lang, q, r),
            })
            .collect(),
        peers,
        history,
    })
}
