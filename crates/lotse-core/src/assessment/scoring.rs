//! Scores per dimension and overall, and the DMA band they fall in.

use super::*;

/// A DMA maturity band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// 0–25.
    Basic,
    /// 26–50.
    Average,
    /// 51–75.
    ModeratelyAdvanced,
    /// 76–100.
    Advanced,
}

impl Band {
    /// The band of a score, using the DMA's integer limits on the score rounded to a
    /// whole number: 25.4 is basic, 25.5 average.
    pub fn of(score: f64) -> Band {
        let whole = score.round();
        if whole <= 25.0 {
            Band::Basic
        } else if whole <= 50.0 {
            Band::Average
        } else if whole <= 75.0 {
            Band::ModeratelyAdvanced
        } else {
            Band::Advanced
        }
    }

    /// Its stable key.
    pub fn key(self) -> &'static str {
        match self {
            Band::Basic => "basic",
            Band::Average => "average",
            Band::ModeratelyAdvanced => "moderately_advanced",
            Band::Advanced => "advanced",
        }
    }

    /// The band with this key.
    pub fn parse(key: &str) -> Option<Band> {
        [
            Band::Basic,
            Band::Average,
            Band::ModeratelyAdvanced,
            Band::Advanced,
        ]
        .into_iter()
        .find(|b| b.key() == key)
    }
}

/// An item's score from 0 to 1, `None` when it is not relevant.
pub fn item_score(item: &Item, answer: &Answer) -> Option<f64> {
    match answer {
        Answer::NotRelevant => None,
        Answer::Tri(Tri::No) => Some(0.0),
        Answer::Tri(Tri::Partial) => Some(0.5),
        Answer::Tri(Tri::Yes) => Some(1.0),
        Answer::Scale(v) => Some(f64::from(*v) / 5.0),
        Answer::Multi(ticked) => {
            // Counting only known options keeps the share within 0..=1 even for
            // answers stored under an older questionnaire.
            let known = item
                .options
                .iter()
                .filter(|o| ticked.contains(&o.key))
                .count();
            let total = item.options.len();
            (total > 0).then(|| known as f64 / total as f64)
        }
    }
}

/// Rounds to one decimal, as scores are stored and shown.
pub(super) fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A dimension's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// The dimension key.
    pub key: String,
    /// 0–100 with one decimal; `None` when every item was "not relevant".
    pub score: Option<f64>,
}

/// The scores of a complete set of answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Per dimension, in the DMA's order.
    pub dimensions: Vec<DimensionScore>,
    /// The mean of the scored dimensions; `None` if none was scored.
    pub overall: Option<f64>,
    /// The band of the overall score.
    pub band: Option<Band>,
}

impl Scores {
    /// The score of dimension `key`, if scored.
    pub fn of(&self, key: &str) -> Option<f64> {
        self.dimensions
            .iter()
            .find(|d| d.key == key)
            .and_then(|d| d.score)
    }
}

/// Scores answers: an item scores 0–1 (tri: 0, ½, 1; scale: value ÷ 5; multi: share
/// ticked); a dimension is 100 × the mean of its relevant items; the overall score
/// is the mean of the (rounded) dimension scores. Unanswered items count as not
/// relevant, so a draft can be scored too.
pub fn score(questionnaire: &Questionnaire, answers: &Answers) -> Scores {
    let dimensions: Vec<DimensionScore> = questionnaire
        .dimensions
        .iter()
        .map(|d| {
            let relevant: Vec<f64> = d
                .items
                .iter()
                .filter_map(|item| answers.get(&item.key).and_then(|a| item_score(item, a)))
                .collect();
            let score = (!relevant.is_empty())
                .then(|| one_decimal(100.0 * relevant.iter().sum::<f64>() / relevant.len() as f64));
            DimensionScore {
                key: d.key.clone(),
                score,
            }
        })
        .collect();
    let scored: Vec<f64> = dimensions.iter().filter_map(|d| d.score).collect();
    let overall =
        (!scored.is_empty()).then(|| one_decimal(scored.iter().sum::<f64>() / scored.len() as f64));
    Scores {
        band: overall.map(Band::of),
        dimensions,
        overall,
    }
}
