//! Digitalisierungs-Check results: stored whole in one transaction (the assessment,
//! its six dimension scores and its recommendations), read back by id, by company
//! over time, and as peer figures for a size class and sector.

use crate::{Db, StoreResult, on_reader, on_writer};
use lotse_core::assessment::{Band, Candidate, Importance, Recommendation};
use lotse_core::catalogue::{Audience, Level, Topic};
use sqlx::FromRow;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A completed check, ready to be stored.
#[derive(Debug, Clone)]
pub struct NewResult {
    /// Random id (UUID v4): the link to the result.
    pub id: Uuid,
    /// The questionnaire version it was answered under.
    pub version: String,
    /// The company it belongs to, if a company member took it.
    pub company_id: Option<Uuid>,
    /// Who took it, if signed in.
    pub person_id: Option<Uuid>,
    /// The answers as JSON (`{item: answer}`).
    pub answers_json: String,
    /// The importance per dimension as JSON.
    pub importance_json: String,
    /// The peer group: size class key and WZ section, if known.
    pub peer_group: Option<(String, String)>,
    /// Overall score.
    pub overall: Option<f64>,
    /// Its band.
    pub band: Option<Band>,
    /// Score per dimension key.
    pub scores: Vec<(String, Option<f64>)>,
    /// Recommendations, best first.
    pub recommendations: Vec<Recommendation>,
    /// When it was completed (epoch seconds).
    pub completed_at: i64,
}

/// Stores a completed check in one transaction; a draft with the same id becomes the
/// result.
pub async fn store_result(db: &Db, result: &NewResult) -> StoreResult<()> {
    let (size_class, sector) = match &result.peer_group {
        Some((s, w)) => (Some(s.clone()), Some(w.clone())),
        None => (None, None),
    };
    on_writer!(db, pool => {
        let mut tx = crate::begin(pool).await?;
        sqlx::query("DELETE FROM assessments WHERE id = $1 AND status = 'draft'")
            .bind(result.id)
            .execute(&mut *tx)
            .await?;
        // Numbering a company's results needs them in one order: lock the company's
        // row first (as booking locks a session), then count.
        let ordinal: Option<i64> = match result.company_id {
            Some(company) => {
                sqlx::query("UPDATE companies SET name = name WHERE id = $1")
                    .bind(company)
                    .execute(&mut *tx)
                    .await?;
                let done: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM assessments WHERE company_id = $1 AND status = 'completed'",
                )
                .bind(company)
                .fetch_one(&mut *tx)
                .await?;
                Some(done + 1)
            }
            None => None,
        };
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, company_id, person_id, status,
                answers, importance, size_class, sector, overall, band, created_at, updated_at,
                completed_at, ordinal)
             VALUES ($1, $2, $3, $4, 'completed', $5, $6, $7, $8, $9, $10, $11, $11, $11, $12)",
        )
        .bind(result.id)
        .bind(&result.version)
        .bind(result.company_id)
        .bind(result.person_id)
        .bind(&result.answers_json)
        .bind(&result.importance_json)
        .bind(&size_class)
        .bind(&sector)
        .bind(result.overall)
        .bind(result.band.map(Band::key))
        .bind(result.completed_at)
        .bind(ordinal)
        .execute(&mut *tx)
        .await?;
        for (dimension, score) in &result.scores {
            sqlx::query(
                "INSERT INTO assessment_scores (assessment_id, dimension, score) VALUES ($1, $2, $3)",
            )
            .bind(result.id)
            .bind(dimension)
            .bind(*score)
            .execute(&mut *tx)
            .await?;
        }
        for (rank, r) in (1i64..).zip(&result.recommendations) {
            sqlx::query(
                "INSERT INTO assessment_recommendations
                    (assessment_id, rank, offering_id, dimension, topic, score, target, importance)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(result.id)
            .bind(rank)
            .bind(r.offering_id)
            .bind(&r.dimension)
            .bind(r.topic.key())
            .bind(r.score)
            .bind(i64::from(r.target))
            .bind(r.importance.key())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// A draft: answers so far, kept so a person can come back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its id (UUID v4), also the resume link.
    pub id: Uuid,
    /// The questionnaire version.
    pub version: String,
    /// The company, if a member is taking it.
    pub company_id: Option<Uuid>,
    /// Who is taking it, if signed in.
    pub person_id: Option<Uuid>,
    /// Answers so far (JSON).
    pub answers_json: String,
    /// Importance so far (JSON).
    pub importance_json: String,
}

/// Creates or updates a draft. A completed check is never turned back into a draft.
pub async fn save_draft(db: &Db, draft: &Draft, now: i64) -> StoreResult<()> {
    on_writer!(db, pool => {
        sqlx::query(
            "INSERT INTO assessments (id, questionnaire_version, company_id, person_id, status,
                answers, importance, created_at, updated_at)
             VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $7)
             ON CONFLICT (id) DO UPDATE SET answers = excluded.answers,
                importance = excluded.importance, updated_at = excluded.updated_at
             WHERE assessments.status = 'draft'",
        )
        .bind(draft.id)
        .bind(&draft.version)
        .bind(draft.company_id)
        .bind(draft.person_id)
        .bind(&draft.answers_json)
        .bind(&draft.importance_json)
        .bind(now)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// The newest open draft of `person`, if any.
pub async fn open_draft_of(db: &Db, person: Uuid) -> StoreResult<Option<Uuid>> {
    Ok(on_reader!(db, pool => {
        sqlx::query_scalar(
            "SELECT id FROM assessments WHERE person_id = $1 AND status = 'draft'
             ORDER BY updated_at DESC LIMIT 1",
        )
        .bind(person)
        .fetch_optional(pool)
        .await?
    }))
}

/// A stored check, draft or result.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub struct Stored {
    /// Its id.
    pub id: Uuid,
    /// The questionnaire version.
    pub version: String,
    /// The company, if any.
    pub company_id: Option<Uuid>,
    /// Who took it, if known.
    pub person_id: Option<Uuid>,
    /// `draft` or `completed`.
    pub status: String,
    /// Answers (JSON).
    pub answers_json: String,
    /// Importance (JSON).
    pub importance_json: String,
    /// The peer group, if known.
    pub peer_group: Option<(String, String)>,
    /// Overall score.
    pub overall: Option<f64>,
    pub band: Option<Band>,
    /// When completed.
    pub completed_at: Option<i64>,
    /// Scores per dimension key.
    pub scores: BTreeMap<String, Option<f64>>,
    /// Recommendations, best first.
    pub recommendations: Vec<Recommendation>,
    /// The recommended offerings' titles.
    pub titles: BTreeMap<Uuid, String>,
}

#[derive(FromRow)]
struct AssessmentRow {
    id: Uuid,
    questionnaire_version: String,
    company_id: Option<Uuid>,
    person_id: Option<Uuid>,
    status: String,
    answers: String,
    importance: String,
    size_class: Option<String>,
    sector: Option<String>,
    overall: Option<f64>,
    band: Option<String>,
    completed_at: Option<i64>,
}

#[derive(FromRow)]
struct RecommendationRow {
    offering_id: Uuid,
    dimension: String,
    topic: String,
    score: f64,
    target: i64,
    importance: String,
    title: String,
}

/// The check with `id`, with its scores and recommendations.
pub async fn find(db: &Db, id: Uuid) -> StoreResult<Option<Stored>> {
    let (row, scores, recommendations) = on_reader!(db, pool => {
        let row: Option<AssessmentRow> = sqlx::query_as(
            "SELECT id, questionnaire_version, company_id, person_id, status, answers, importance,
                    size_class, sector, overall, band, completed_at
             FROM assessments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?;
        let scores: Vec<(String, Option<f64>)> = sqlx::query_as(
            "SELECT dimension, score FROM assessment_scores WHERE assessment_id = $1",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let recommendations: Vec<RecommendationRow> = sqlx::query_as(
            "SELECT r.offering_id, r.dimension, r.topic, r.score, r.target, r.importance, o.title
             FROM assessment_recommendations r JOIN offerings o ON o.id = r.offering_id
             WHERE r.assessment_id = $1 ORDER BY r.rank",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        (row, scores, recommendations)
    });
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Stored {
        id: row.id,
        version: row.questionnaire_version,
        company_id: row.company_id,
        person_id: row.person_id,
        status: row.status,
        answers_json: row.answers,
        importance_json: row.importance,
        peer_group: row.size_class.zip(row.sector),
        overall: row.overall,
        band: row.band.as_deref().and_then(Band::parse),
        completed_at: row.completed_at,
        scores: scores.into_iter().collect(),
        titles: recommendations
            .iter()
            .map(|r| (r.offering_id, r.title.clone()))
            .collect(),
        recommendations: recommendations
            .into_iter()
            .filter_map(|r| {
                Some(Recommendation {
                    offering_id: r.offering_id,
                    dimension: r.dimension,
                    topic: Topic::parse(&r.topic).ok()?,
                    score: r.score,
                    target: u8::try_from(r.target).ok()?,
                    importance: Importance::parse(&r.importance)?,
                })
            })
            .collect(),
    }))
}

/// A completed result in a company's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// Its id.
    pub id: Uuid,
    /// When completed.
    pub completed_at: i64,
    /// Overall score.
    pub overall: Option<f64>,
    /// Scores per dimension.
    pub scores: BTreeMap<String, Option<f64>>,
}

/// One dimension score of one result, as the history and peer queries return them.
#[derive(FromRow)]
struct ScoreRow {
    id: Uuid,
    completed_at: i64,
    overall: Option<f64>,
    dimension: String,
    score: Option<f64>,
}

/// Folds score rows (ordered by result) into one entry per result.
fn entries(rows: Vec<ScoreRow>) -> Vec<HistoryEntry> {
    let mut out: Vec<HistoryEntry> = Vec::new();
    for row in rows {
        match out.last_mut() {
            Some(last) if last.id == row.id => {
                last.scores.insert(row.dimension, row.score);
            }
            _ => out.push(HistoryEntry {
                id: row.id,
                completed_at: row.completed_at,
                overall: row.overall,
                scores: BTreeMap::from([(row.dimension, row.score)]),
            }),
        }
    }
    out
}

/// A company's completed results, oldest first (T0, T1, …).
pub async fn company_history(db: &Db, company: Uuid) -> StoreResult<Vec<HistoryEntry>> {
    let rows: Vec<ScoreRow> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT a.id, a.completed_at, a.overall, s.dimension, s.score
             FROM assessments a JOIN assessment_scores s ON s.assessment_id = a.id
             WHERE a.company_id = $1 AND a.status = 'completed'
             ORDER BY a.ordinal",
        )
        .bind(company)
        .fetch_all(pool)
        .await?
    });
    Ok(entries(rows))
}

/// The latest result of every company in a peer group except `exclude`: overall and
/// dimension scores, one entry per company.
pub async fn peer_results(
    db: &Db,
    size_class: &str,
    sector: &str,
    exclude: Option<Uuid>,
) -> StoreResult<Vec<HistoryEntry>> {
    let rows: Vec<ScoreRow> = on_reader!(db, pool => {
        sqlx::query_as(
            "SELECT a.id, a.completed_at, a.overall, s.dimension, s.score
             FROM assessments a JOIN assessment_scores s ON s.assessment_id = a.id
             WHERE a.status = 'completed' AND a.size_class = $1 AND a.sector = $2
               AND a.company_id IS NOT NULL AND ($3 IS NULL OR a.company_id <> $3)
               AND NOT EXISTS (
                   SELECT 1 FROM assessments later
                   WHERE later.company_id = a.company_id AND later.ordinal > a.ordinal)
             ORDER BY a.id",
        )
        .bind(size_class)
        .bind(sector)
        .bind(exclude)
        .fetch_all(pool)
        .await?
    });
    Ok(entries(rows))
}

#[derive(FromRow)]
struct CandidateRow {
    id: Uuid,
    title: String,
    level: String,
    bookable: i64,
}

/// Every offering in the catalogue as a recommendation candidate: its topics, audiences, level,
/// and whether an upcoming planned session still takes registrations at `now`.
pub async fn candidates(db: &Db, now: i64) -> StoreResult<Vec<Candidate>> {
    let (rows, topics, audiences) = on_reader!(db, pool => {
        let rows: Vec<CandidateRow> = sqlx::query_as(
            "SELECT o.id, o.title, o.level,
                    (SELECT COUNT(*) FROM sessions s
                      WHERE s.offering_id = o.id AND s.status = 'planned'
                        AND s.starts_at > $1 AND s.registration_deadline > $1) AS bookable
             FROM offerings o WHERE o.withdrawn_at IS NULL",
        )
        .bind(now)
        .fetch_all(pool)
        .await?;
        let topics: Vec<(Uuid, String)> =
            sqlx::query_as("SELECT offering_id, topic FROM offering_topics")
                .fetch_all(pool)
                .await?;
        let audiences: Vec<(Uuid, String)> =
            sqlx::query_as("SELECT offering_id, audience FROM offering_audiences")
                .fetch_all(pool)
                .await?;
        (rows, topics, audiences)
    });
    let mut audiences_of: BTreeMap<Uuid, Vec<Audience>> = BTreeMap::new();
    for (offering, audience) in audiences {
        if let Ok(a) = Audience::parse(&audience) {
            audiences_of.entry(offering).or_default().push(a);
        }
    }
    let mut by_offering: BTreeMap<Uuid, Vec<Topic>> = BTreeMap::new();
    for (offering, topic) in topics {
        if let Ok(t) = Topic::parse(&topic) {
            by_offering.entry(offering).or_default().push(t);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            offering_id: r.id,
            title: r.title,
            level: Level::parse(&r.level).unwrap_or(Level::Basic),
            topics: by_offering.remove(&r.id).unwrap_or_default(),
            audiences: audiences_of.remove(&r.id).unwrap_or_default(),
            bookable: r.bookable > 0,
        })
        .collect())
}
