//! Search beyond the list: offerings suggested while typing, and a challenge
//! described in the visitor's own words answered with offerings and the
//! Digitalisierungs-Check dimension it is about (pages and API).

use crate::catalogue::api::OfferingSummaryDto;
use crate::catalogue::pages::{CardView, card};
use crate::error::{AppError, InvalidField, Message};
use crate::http::error::{FieldError, Problem};
use crate::http::page::{Ctx, render};
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use lotse_core::catalogue::OfferingKind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// How many offerings are suggested while typing.
const SUGGESTIONS: usize = 6;
/// How many offerings answer a described challenge.
const CHALLENGE_OFFERINGS: usize = 6;
/// The longest description of a challenge, in characters.
const LONGEST_CHALLENGE: usize = 500;
/// The longest text suggestions are made for; the catalogue's own search field
/// allows as much.
const LONGEST_TYPED: usize = 200;

/// What has been typed so far.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Typed {
    /// The text in the search field; fewer than two letters suggest nothing.
    pub q: Option<String>,
}

/// An offering suggested while typing.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionDto {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its kind (see `GET /api/v1/offerings`).
    pub kind: String,
}

/// Suggestions, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionsDto {
    /// At most six offerings.
    pub items: Vec<SuggestionDto>,
}

fn typed_text(typed: Result<Query<Typed>, QueryRejection>) -> String {
    typed
        .ok()
        .and_then(|Query(t)| t.q)
        .map(|q| q.trim().chars().take(LONGEST_TYPED).collect())
        .unwrap_or_default()
}

async fn suggestions(state: &AppState, typed: &str) -> Result<Vec<Suggestion>, AppError> {
    if typed.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Ok(Vec::new());
    }
    Ok(state
        .catalogue
        .suggest(&state.db, typed, SUGGESTIONS)
        .await?
        .into_iter()
        .map(|s| Suggestion {
            id: s.id,
            title: s.title,
            kind: s.kind,
        })
        .collect())
}

struct Suggestion {
    id: Uuid,
    title: String,
    kind: OfferingKind,
}

/// Offerings for what has been typed into a search field, best first; the last word
/// may be unfinished.
#[utoipa::path(
    get,
    path = "/api/v1/offerings/suggestions",
    tag = "catalogue",
    params(Typed),
    responses((status = 200, description = "Suggestions, best first", body = SuggestionsDto))
)]
pub async fn suggest_api(
    State(state): State<AppState>,
    typed: Result<Query<Typed>, QueryRejection>,
) -> Result<Json<SuggestionsDto>, AppError> {
    let items = suggestions(&state, &typed_text(typed))
        .await?
        .into_iter()
        .map(|s| SuggestionDto {
            id: s.id,
            title: s.title,
            kind: s.kind.key().to_owned(),
        })
        .collect();
    Ok(Json(SuggestionsDto { items }))
}

#[derive(Template)]
#[template(path = "catalogue/suggestions.html")]
struct SuggestionsTemplate {
    ctx: Ctx,
    /// Link, title and kind name of each suggestion.
    items: Vec<(String, String, String)>,
}

/// `GET /angebote/vorschlaege?q=…`: the suggestion list under the catalogue's search
/// field, fetched by htmx as the visitor types.
pub async fn suggest_page(
    State(state): State<AppState>,
    lang: Lang,
    typed: Result<Query<Typed>, QueryRejection>,
) -> Result<Response, AppError> {
    let items = suggestions(&state, &typed_text(typed))
        .await?
        .into_iter()
        .map(|s| {
            (
                format!("/angebote/{}", s.id),
                s.title,
                lang.t(&format!("kind-{}", s.kind.key())),
            )
        })
        .collect();
    Ok(render(SuggestionsTemplate {
        ctx: Ctx::new(lang, "/angebote"),
        items,
    }))
}

/// A challenge in the visitor's words.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Described {
    /// What the company struggles with, in plain words, at most 500 characters.
    pub text: Option<String>,
}

impl Described {
    fn parse(&self) -> Result<Option<String>, InvalidField> {
        let text = self.text.as_deref().map(str::trim).unwrap_or_default();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > LONGEST_CHALLENGE {
            return Err(InvalidField {
                field: "text".into(),
                message: Message::new("invalid-too-long").with("max", LONGEST_CHALLENGE),
            });
        }
        Ok(Some(text.to_owned()))
    }
}

/// The Digitalisierungs-Check dimension a challenge is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct DimensionDto {
    /// Its key in the questionnaire (`strategy`, `readiness`, `human`, `data`,
    /// `automation`, `green`).
    pub key: String,
    /// Its name in the reader's language.
    pub title: String,
    /// What it measures, in the reader's language.
    pub meaning: String,
}

/// What the center offers for a described challenge.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeDto {
    /// The dimension of the Digitalisierungs-Check the text is most about, if its
    /// words point to one.
    pub dimension: Option<DimensionDto>,
    /// The best matching offerings, best first, at most six.
    pub items: Vec<OfferingSummaryDto>,
}

fn dimension(state: &AppState, lang: Lang, key: Option<&str>) -> Option<DimensionDto> {
    let d = state
        .config
        .questionnaire
        .dimensions
        .iter()
        .find(|d| Some(d.key.as_str()) == key)?;
    Some(DimensionDto {
        key: d.key.clone(),
        title: d.title.get(lang.code()).to_owned(),
        meaning: d.meaning.get(lang.code()).to_owned(),
    })
}

/// Offerings for a challenge described in plain words ("unser Lager ist chaotisch"),
/// and the Digitalisierungs-Check dimension it is about.
#[utoipa::path(
    get,
    path = "/api/v1/challenge",
    tag = "catalogue",
    params(Described),
    responses(
        (status = 200, description = "Offerings and dimension", body = ChallengeDto),
        (status = 400, description = "No text, or longer than 500 characters", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn challenge_api(
    State(state): State<AppState>,
    lang: Lang,
    described: Result<Query<Described>, QueryRejection>,
) -> Result<Json<ChallengeDto>, AppError> {
    let Query(described) = described.map_err(|e| AppError::query(&e))?;
    let text = described
        .parse()
        .map_err(|e| AppError::Invalid(vec![e]))?
        .ok_or_else(|| AppError::field("text", "invalid-empty"))?;
    let found = state
        .catalogue
        .challenge(
            &state.db,
            &text,
            CHALLENGE_OFFERINGS,
            jiff::Timestamp::now(),
        )
        .await?;
    Ok(Json(ChallengeDto {
        dimension: dimension(&state, lang, found.dimension),
        items: found.offerings.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Template)]
#[template(path = "catalogue/challenge.html")]
struct ChallengeTemplate {
    ctx: Ctx,
    text: String,
    errors: Vec<FieldError>,
    /// Whether a text was given and searched for.
    answered: bool,
    dimension: Option<DimensionDto>,
    cards: Vec<CardView>,
}

/// `GET /herausforderung?text=…`: offerings for a challenge described in plain words,
/// and the part of the Digitalisierungs-Check it concerns. Without text, the form.
pub async fn challenge_page(
    State(state): State<AppState>,
    lang: Lang,
    described: Result<Query<Described>, QueryRejection>,
) -> Result<Response, AppError> {
    let ctx = Ctx::new(lang, "/herausforderung");
    let described = described
        .map(|Query(d)| d)
        .unwrap_or(Described { text: None });
    let raw = described.text.clone().unwrap_or_default();
    let (text, errors) = match described.parse() {
        Ok(text) => (text, Vec::new()),
        Err(e) => (None, vec![FieldError::said(&e, lang)]),
    };
    let (dimension, cards) = match &text {
        Some(text) => {
            let found = state
                .catalogue
                .challenge(&state.db, text, CHALLENGE_OFFERINGS, jiff::Timestamp::now())
                .await?;
            (
                dimension(&state, lang, found.dimension),
                found.offerings.iter().map(|c| card(lang, c)).collect(),
            )
        }
        None => (None, Vec::new()),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = render(ChallengeTemplate {
        ctx,
        text: raw,
        errors,
        answered: text.is_some(),
        dimension,
        cards,
    });
    *response.status_mut() = status;
    Ok(response)
}
