//! The catalogue's read API: offerings with their sessions, qualifications, partners,
//! places and the vocabularies (topics, audiences, counties).

use crate::catalogue::pages::CatalogueQuery;
use crate::error::AppError;
use crate::format::rfc3339;
use crate::http::error::Problem;
use crate::http::extract::{InvalidId, PathId};
use crate::i18n::Lang;
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use lotse_core::catalogue::{Audience, Topic};
use lotse_core::reference::COUNTIES;
use lotse_store::catalogue as store;
use lotse_store::catalogue_index::HitKind;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A partner as other objects name it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerRefDto {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// An offering in a list.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct OfferingSummaryDto {
    /// Its id.
    pub id: Uuid,
    /// `module`, `workshop`, `info_event`, `webinar`, `consultation` or `demonstrator`.
    pub kind: String,
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// Topic keys.
    pub topics: Vec<String>,
    /// Learning time in hours.
    pub duration_hours: i64,
    /// `presence`, `online` or `blended`.
    pub format: String,
    /// Price in euro cents; 0 is free of charge.
    pub price_cents: i64,
    /// `de` or `en`.
    pub language: String,
    /// `basic`, `intermediate` or `advanced`.
    pub level: String,
    /// The partner that runs it.
    pub partner: PartnerRefDto,
    /// Start of the next planned session (RFC 3339, Europe/Berlin offset), if any.
    pub next_session_starts_at: Option<String>,
    /// With a search (`q`): the passage of summary or description where it matched,
    /// in pieces; `marked` pieces are the words found. Empty without a search or when
    /// only the title matched.
    pub snippet: Vec<SnippetPartDto>,
}

/// A piece of a snippet.
#[derive(Debug, Serialize, ToSchema)]
pub struct SnippetPartDto {
    /// The text.
    pub text: String,
    /// Whether it is a word the search found.
    pub marked: bool,
}

impl From<store::OfferingCard> for OfferingSummaryDto {
    fn from(c: store::OfferingCard) -> Self {
        Self {
            id: c.id,
            kind: c.kind.key().into(),
            title: c.title,
            summary: c.summary,
            topics: c.topics.iter().map(|t| t.key().to_owned()).collect(),
            duration_hours: c.duration_hours,
            format: c.format.key().into(),
            price_cents: c.price_cents,
            language: c.language.key().into(),
            level: c.level.key().into(),
            partner: PartnerRefDto {
                id: c.partner.id,
                name: c.partner.name,
            },
            next_session_starts_at: c.next_session.map(rfc3339),
            snippet: c
                .snippet
                .into_iter()
                .map(|p| SnippetPartDto {
                    text: p.text,
                    marked: p.marked,
                })
                .collect(),
        }
    }
}

/// A page of offerings.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferingListDto {
    /// The offerings.
    pub items: Vec<OfferingSummaryDto>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next: Option<String>,
    /// How many offerings match the filters in all.
    pub total: i64,
    /// `relevance` with a search (`q`), best match first; `title` otherwise.
    pub order: String,
    /// Per facet value, how many offerings choosing it would find with the search and
    /// the other filters kept; values that would find none are left out.
    pub facets: FacetCountsDto,
    /// With a search (`q`), on the first page: qualifications that match every word it
    /// knows, best first (at most six). Empty otherwise.
    pub qualifications: Vec<SearchHitDto>,
    /// The same for partners.
    pub partners: Vec<SearchHitDto>,
}

/// A qualification or partner found by a search.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitDto {
    /// Its id (see `/api/v1/qualifications/{id}`, `/api/v1/partners`).
    pub id: Uuid,
    /// The qualification's title or the partner's name.
    pub title: String,
    /// The qualification's summary or the partner's description.
    pub summary: String,
}

/// Counts per facet value.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCountsDto {
    /// By topic key.
    pub topic: Vec<FacetCountDto>,
    /// By kind.
    pub kind: Vec<FacetCountDto>,
    /// By audience key.
    pub audience: Vec<FacetCountDto>,
    /// By partner id.
    pub partner: Vec<FacetCountDto>,
}

/// How many offerings one facet value finds.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCountDto {
    /// The value, as the filter takes it.
    pub value: String,
    /// The number of offerings.
    pub count: i64,
}

impl From<store::FacetCounts> for FacetCountsDto {
    fn from(f: store::FacetCounts) -> Self {
        let counts = |pairs: Vec<(String, i64)>| {
            pairs
                .into_iter()
                .map(|(value, count)| FacetCountDto { value, count })
                .collect()
        };
        Self {
            topic: counts(
                f.topics
                    .iter()
                    .map(|(t, n)| (t.key().to_owned(), *n))
                    .collect(),
            ),
            kind: counts(
                f.kinds
                    .iter()
                    .map(|(k, n)| (k.key().to_owned(), *n))
                    .collect(),
            ),
            audience: counts(
                f.audiences
                    .iter()
                    .map(|(a, n)| (a.key().to_owned(), *n))
                    .collect(),
            ),
            partner: counts(
                f.partners
                    .iter()
                    .map(|(p, n)| (p.id.to_string(), *n))
                    .collect(),
            ),
        }
    }
}

/// A place.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceDto {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Street, postcode and town.
    pub address: String,
    /// The county's Kreisschlüssel (or `outside`).
    pub county: String,
    /// The county's name.
    pub county_name: String,
}

impl From<store::PlaceView> for PlaceDto {
    fn from(p: store::PlaceView) -> Self {
        Self {
            id: p.id,
            name: p.name,
            address: p.address,
            county: p.county,
            county_name: p.county_name,
        }
    }
}

/// A session of an offering.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDto {
    /// Its id.
    pub id: Uuid,
    /// Start (RFC 3339 with the Europe/Berlin offset).
    pub starts_at: String,
    /// End (RFC 3339 with the Europe/Berlin offset).
    pub ends_at: String,
    /// Registration closes then (RFC 3339).
    pub registration_deadline: String,
    /// The place, if in person.
    pub place: Option<PlaceDto>,
    /// Whether it (also) happens online. The link is given to registered participants.
    pub online: bool,
    /// Seats.
    pub capacity: i64,
    /// Seats still free.
    pub seats_free: i64,
    /// People on the waitlist.
    pub waitlist_length: i64,
    /// Participants and their company admins may cancel until this instant (RFC
    /// 3339); later only staff can.
    pub cancellation_deadline: String,
    /// `planned` or `cancelled`.
    pub status: String,
}

impl From<store::SessionView> for SessionDto {
    fn from(s: store::SessionView) -> Self {
        Self {
            id: s.id,
            starts_at: rfc3339(s.starts_at),
            ends_at: rfc3339(s.ends_at),
            registration_deadline: rfc3339(s.registration_deadline),
            place: s.place.map(PlaceDto::from),
            online: s.online_link.is_some(),
            capacity: s.capacity,
            seats_free: s.seats_free,
            waitlist_length: s.waitlist_length,
            cancellation_deadline: rfc3339(
                s.starts_at
                    .checked_sub(jiff::SignedDuration::from_hours(
                        s.cancellation_cutoff_hours,
                    ))
                    .unwrap_or(s.starts_at),
            ),
            status: s.status.key().into(),
        }
    }
}

/// A qualification an offering belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationRefDto {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Whether the offering is a required module of it.
    pub required: bool,
}

/// One offering with its upcoming sessions.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferingDto {
    /// What lists show.
    #[serde(flatten)]
    pub summary: OfferingSummaryDto,
    /// Full description; paragraphs separated by blank lines.
    pub description: String,
    /// What participants can do afterwards.
    pub learning_outcomes: Vec<String>,
    /// Audience keys.
    pub audiences: Vec<String>,
    /// Whether attending it counts toward qualifications (always for modules).
    pub counts_for_qualifications: bool,
    /// Sessions that have not ended yet, by start.
    pub sessions: Vec<SessionDto>,
    /// Qualifications this offering is a module of.
    pub qualifications: Vec<QualificationRefDto>,
}

/// An entry of a fixed vocabulary.
#[derive(Debug, Serialize, ToSchema)]
pub struct VocabularyDto {
    /// The key used in filters.
    pub key: String,
    /// German name.
    pub name: String,
    /// English name.
    pub name_en: String,
}

fn vocabulary<T: Copy>(all: &[T], key: fn(T) -> &'static str, prefix: &str) -> Vec<VocabularyDto> {
    all.iter()
        .map(|v| {
            let k = key(*v);
            VocabularyDto {
                key: k.into(),
                name: Lang::De.t(&format!("{prefix}-{k}")),
                name_en: Lang::En.t(&format!("{prefix}-{k}")),
            }
        })
        .collect()
}

/// A list response.
#[derive(Debug, Serialize, ToSchema)]
pub struct Items<T: ToSchema> {
    /// The entries.
    pub items: Vec<T>,
    /// Always `null`: the list is complete.
    pub next: Option<String>,
}

impl<T: ToSchema> Items<T> {
    fn all(items: Vec<T>) -> Json<Self> {
        Json(Self { items, next: None })
    }
}

/// List offerings, filtered and paginated.
#[utoipa::path(
    get,
    path = "/api/v1/offerings",
    tag = "catalogue",
    params(CatalogueQuery),
    responses(
        (status = 200, description = "A page of offerings", body = OfferingListDto),
        (status = 400, description = "Invalid filter, limit or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_offerings(
    State(state): State<AppState>,
    query: Result<Query<CatalogueQuery>, QueryRejection>,
) -> Result<Json<OfferingListDto>, AppError> {
    let Query(query) = query.map_err(|e| AppError::query(&e))?;
    let (filter, cursor, limit) = query.parse().map_err(AppError::Invalid)?;
    let beside = match (&filter.q, &cursor) {
        (Some(q), None) => {
            state
                .catalogue
                .found_beside(&state.db, q, crate::catalogue::pages::BESIDE)
                .await?
        }
        _ => Vec::new(),
    };
    let hits = |kind: HitKind| -> Vec<SearchHitDto> {
        beside
            .iter()
            .filter(|h| h.kind == kind)
            .map(|h| SearchHitDto {
                id: h.id,
                title: h.title.clone(),
                summary: h.summary.clone(),
            })
            .collect()
    };
    let page = state
        .catalogue
        .list(
            &state.db,
            &filter,
            cursor.as_ref(),
            limit,
            jiff::Timestamp::now(),
        )
        .await?;
    Ok(Json(OfferingListDto {
        items: page.items.into_iter().map(Into::into).collect(),
        next: page.next.map(|c| c.encode()),
        total: page.total,
        order: if page.by_relevance {
            "relevance"
        } else {
            "title"
        }
        .into(),
        facets: page.facets.into(),
        qualifications: hits(HitKind::Qualification),
        partners: hits(HitKind::Partner),
    }))
}

/// One offering with its upcoming sessions, topics, partner and qualifications.
#[utoipa::path(
    get,
    path = "/api/v1/offerings/{id}",
    tag = "catalogue",
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses(
        (status = 200, description = "The offering", body = OfferingDto),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offering", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_offering(
    State(state): State<AppState>,
    PathId(id, _): PathId<InvalidId>,
) -> Result<Json<OfferingDto>, AppError> {
    let detail = store::offering(&state.db, id, jiff::Timestamp::now())
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-offering".into()))?;
    Ok(Json(OfferingDto {
        description: detail.description,
        learning_outcomes: detail.learning_outcomes,
        audiences: detail
            .audiences
            .iter()
            .map(|a| a.key().to_owned())
            .collect(),
        counts_for_qualifications: detail.counts_for_qualifications,
        sessions: detail.sessions.into_iter().map(Into::into).collect(),
        qualifications: detail
            .qualifications
            .into_iter()
            .map(|q| QualificationRefDto {
                id: q.id,
                title: q.title,
                required: q.required,
            })
            .collect(),
        summary: detail.card.into(),
    }))
}

/// The seven topics.
#[utoipa::path(get, path = "/api/v1/topics", tag = "catalogue",
    responses((status = 200, description = "Topics", body = Items<VocabularyDto>)))]
pub async fn list_topics() -> Json<Items<VocabularyDto>> {
    Items::all(vocabulary(Topic::ALL, Topic::key, "topic"))
}

/// The audiences offerings are written for.
#[utoipa::path(get, path = "/api/v1/audiences", tag = "catalogue",
    responses((status = 200, description = "Audiences", body = Items<VocabularyDto>)))]
pub async fn list_audiences() -> Json<Items<VocabularyDto>> {
    Items::all(vocabulary(Audience::ALL, Audience::key, "audience"))
}

/// A partner organization.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct PartnerDto {
    /// Its id.
    pub id: Uuid,
    /// `consortium_member`, `associated_partner`, `chamber` or `association`.
    pub kind: String,
    pub name: String,
    /// What it does for the center.
    pub description: String,
    /// Web site.
    pub web_address: String,
}

/// The partner organizations.
#[utoipa::path(get, path = "/api/v1/partners", tag = "catalogue",
    responses((status = 200, description = "Partners", body = Items<PartnerDto>)))]
pub async fn list_partners(
    State(state): State<AppState>,
) -> Result<Json<Items<PartnerDto>>, AppError> {
    let partners = store::partners(&state.db).await?;
    Ok(Items::all(
        partners
            .into_iter()
            .map(|p| PartnerDto {
                id: p.id,
                kind: p.kind.0.key().into(),
                name: p.name,
                description: p.description,
                web_address: p.web_address,
            })
            .collect(),
    ))
}

/// The places sessions happen at.
#[utoipa::path(get, path = "/api/v1/places", tag = "catalogue",
    responses((status = 200, description = "Places", body = Items<PlaceDto>)))]
pub async fn list_places(State(state): State<AppState>) -> Result<Json<Items<PlaceDto>>, AppError> {
    let places = store::places(&state.db).await?;
    Ok(Items::all(places.into_iter().map(Into::into).collect()))
}

/// A county of the reference data.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CountyDto {
    /// The official Kreisschlüssel, or `outside`.
    pub key: String,
    pub name: String,
}

/// Brandenburg's 18 counties and `outside`.
#[utoipa::path(get, path = "/api/v1/counties", tag = "catalogue",
    responses((status = 200, description = "Counties", body = Items<CountyDto>)))]
pub async fn list_counties() -> Json<Items<CountyDto>> {
    Items::all(
        COUNTIES
            .iter()
            .map(|c| CountyDto {
                key: c.key.into(),
                name: c.name.into(),
            })
            .collect(),
    )
}

/// A qualification.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct QualificationDto {
    /// Its id.
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    /// Hours needed in all.
    pub minimum_hours: i64,
    /// Number of required modules.
    pub required_modules: i64,
    /// Number of elective modules.
    pub elective_modules: i64,
}

impl From<store::QualificationSummary> for QualificationDto {
    fn from(q: store::QualificationSummary) -> Self {
        Self {
            id: q.id,
            title: q.title,
            summary: q.summary,
            minimum_hours: q.minimum_hours,
            required_modules: q.required_modules,
            elective_modules: q.elective_modules,
        }
    }
}

/// A module of a qualification.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationModuleDto {
    /// The offering.
    pub offering_id: Uuid,
    /// Its title.
    pub title: String,
    /// Its hours.
    pub duration_hours: i64,
    /// Required or elective.
    pub required: bool,
}

/// A qualification with its modules.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationDetailDto {
    /// What lists show.
    #[serde(flatten)]
    pub summary: QualificationDto,
    /// Full description.
    pub description: String,
    /// Modules, required first.
    pub modules: Vec<QualificationModuleDto>,
}

/// The qualifications.
#[utoipa::path(get, path = "/api/v1/qualifications", tag = "catalogue",
    responses((status = 200, description = "Qualifications", body = Items<QualificationDto>)))]
pub async fn list_qualifications(
    State(state): State<AppState>,
) -> Result<Json<Items<QualificationDto>>, AppError> {
    let list = store::qualifications(&state.db).await?;
    Ok(Items::all(list.into_iter().map(Into::into).collect()))
}

/// One qualification with its modules.
#[utoipa::path(
    get,
    path = "/api/v1/qualifications/{id}",
    tag = "catalogue",
    params(("id" = Uuid, Path, description = "The qualification's id")),
    responses(
        (status = 200, description = "The qualification", body = QualificationDetailDto),
        (status = 400, description = "Malformed id", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such qualification", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_qualification(
    State(state): State<AppState>,
    PathId(id, _): PathId<InvalidId>,
) -> Result<Json<QualificationDetailDto>, AppError> {
    let q = store::qualification(&state.db, id, jiff::Timestamp::now())
        .await?
        .ok_or(AppError::NotFound("refusal-not-found-qualification".into()))?;
    Ok(Json(QualificationDetailDto {
        summary: q.summary.into(),
        description: q.description,
        modules: q
            .modules
            .into_iter()
            .map(|m| QualificationModuleDto {
                offering_id: m.offering_id,
                title: m.title,
                duration_hours: m.duration_hours,
                required: m.required,
            })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::catalogue::{OfferingKind, PartnerKind};

    #[test]
    fn every_vocabulary_entry_has_a_name_in_both_languages() {
        for lang in [Lang::De, Lang::En] {
            for k in OfferingKind::ALL {
                assert!(lang.has(&format!("kind-{}", k.key())), "kind {k}");
            }
            for k in PartnerKind::ALL {
                assert!(
                    lang.has(&format!("partner-kind-{}", k.key())),
                    "partner kind {k}"
                );
            }
            for t in Topic::ALL {
                assert!(lang.has(&format!("topic-{}", t.key())), "topic {t}");
            }
            for a in Audience::ALL {
                assert!(lang.has(&format!("audience-{}", a.key())), "audience {a}");
            }
        }
    }
}
