//! Recommended offerings: the weighted gaps of the dimensions matched with the
//! catalogue's topics, audiences and levels.

use super::*;

/// How important a dimension is for the company, as it said in the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Importance {
    /// Not a priority now.
    Low,
    /// As important as the rest.
    #[default]
    Normal,
    /// A priority.
    High,
}

impl Importance {
    /// The weight of the gap: ½, 1 or 1½.
    pub fn weight(self) -> f64 {
        match self {
            Importance::Low => 0.5,
            Importance::Normal => 1.0,
            Importance::High => 1.5,
        }
    }

    /// Its stable key.
    pub fn key(self) -> &'static str {
        match self {
            Importance::Low => "low",
            Importance::Normal => "normal",
            Importance::High => "high",
        }
    }

    /// The value with this key.
    pub fn parse(key: &str) -> Option<Importance> {
        [Importance::Low, Importance::Normal, Importance::High]
            .into_iter()
            .find(|i| i.key() == key)
    }
}

/// An offering that could be recommended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The offering.
    pub offering_id: Uuid,
    /// Its title (the last tie-breaker, so the order is stable).
    pub title: String,
    /// Its topics.
    pub topics: Vec<Topic>,
    /// Its level.
    pub level: Level,
    /// Who it is written for.
    pub audiences: Vec<Audience>,
    /// Whether it has an upcoming session that still takes registrations.
    pub bookable: bool,
}

impl Candidate {
    /// Whether it is written for people in a company (management, specialists,
    /// employees, works councils) rather than only for apprentices or multipliers.
    pub fn for_companies(&self) -> bool {
        self.audiences.iter().any(|a| {
            matches!(
                a,
                Audience::Management
                    | Audience::Specialists
                    | Audience::Employees
                    | Audience::WorksCouncils
            )
        })
    }
}

/// A recommended offering and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    /// The offering.
    pub offering_id: Uuid,
    /// The dimension whose gap it addresses.
    pub dimension: String,
    /// That dimension's score.
    pub score: f64,
    /// Its target.
    pub target: u8,
    /// How important the company said the dimension is.
    pub importance: Importance,
    /// The topic it shares with the dimension.
    pub topic: Topic,
}

/// At most this many recommendations.
pub const MAX_RECOMMENDATIONS: usize = 7;
/// At least this many, where the catalogue has them.
pub const MIN_RECOMMENDATIONS: usize = 3;

/// The level an offering should have for a dimension scoring `score`.
pub fn level_for(score: f64) -> Level {
    if score < 40.0 {
        Level::Basic
    } else if score < 70.0 {
        Level::Intermediate
    } else {
        Level::Advanced
    }
}

fn level_distance(a: Level, b: Level) -> usize {
    let rank = |l: Level| Level::ALL.iter().position(|x| *x == l).unwrap_or(0);
    rank(a).abs_diff(rank(b))
}

/// Chooses 3 to 7 offerings by a rule a person can follow:
///
/// 1. Each scored dimension's priority is its gap to the target (never below 0)
///    times the weight of its importance (½, 1, 1½). Dimensions are taken by
///    priority, highest first (ties: lower score first).
/// 2. A dimension's candidates are the offerings sharing one of its topics, best
///    first: bookable (an upcoming session open for registration) before not,
///    then written for people in companies before those only for apprentices or
///    multipliers, then the level nearest to what its score suggests (below 40
///    basic, below 70 intermediate, else advanced), then title.
/// 3. Round by round, each dimension with a gap gets its next best candidate not
///    yet chosen, until 7 are chosen or candidates run out.
/// 4. If fewer than 3 were chosen, dimensions without a gap fill up, lowest score
///    first.
pub fn recommend(
    questionnaire: &Questionnaire,
    scores: &Scores,
    importance: &BTreeMap<String, Importance>,
    candidates: &[Candidate],
) -> Vec<Recommendation> {
    struct Ranked<'a> {
        dimension: &'a Dimension,
        score: f64,
        importance: Importance,
        priority: f64,
        offers: Vec<(&'a Candidate, Topic)>,
    }
    let mut ranked: Vec<Ranked> = questionnaire
        .dimensions
        .iter()
        .filter_map(|d| {
            let score = scores.of(&d.key)?;
            let importance = importance.get(&d.key).copied().unwrap_or_default();
            let gap = (f64::from(d.target) - score).max(0.0);
            let wanted = level_for(score);
            let mut offers: Vec<(&Candidate, Topic)> = candidates
                .iter()
                .filter_map(|c| {
                    d.topics
                        .iter()
                        .find(|t| c.topics.contains(t))
                        .map(|t| (c, *t))
                })
                .collect();
            offers.sort_by(|(a, _), (b, _)| {
                b.bookable
                    .cmp(&a.bookable)
                    .then(b.for_companies().cmp(&a.for_companies()))
                    .then(level_distance(a.level, wanted).cmp(&level_distance(b.level, wanted)))
                    .then(a.title.cmp(&b.title))
                    .then(a.offering_id.cmp(&b.offering_id))
            });
            Some(Ranked {
                dimension: d,
                score,
                importance,
                priority: gap * importance.weight(),
                offers,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(a.score.total_cmp(&b.score))
    });
    let mut chosen: Vec<Recommendation> = Vec::new();
    let mut taken: BTreeSet<Uuid> = BTreeSet::new();
    let mut pick = |group: &[&Ranked], limit: usize, chosen: &mut Vec<Recommendation>| {
        let mut cursor = vec![0usize; group.len()];
        loop {
            let mut progressed = false;
            for (n, r) in group.iter().enumerate() {
                if chosen.len() >= limit {
                    return;
                }
                while let Some((candidate, topic)) = r.offers.get(cursor[n]) {
                    cursor[n] += 1;
                    if taken.insert(candidate.offering_id) {
                        chosen.push(Recommendation {
                            offering_id: candidate.offering_id,
                            dimension: r.dimension.key.clone(),
                            score: r.score,
                            target: r.dimension.target,
                            importance: r.importance,
                            topic: *topic,
                        });
                        progressed = true;
                        break;
                    }
                }
            }
            if !progressed {
                return;
            }
        }
    };
    let with_gap: Vec<&Ranked> = ranked.iter().filter(|r| r.priority > 0.0).collect();
    pick(&with_gap, MAX_RECOMMENDATIONS, &mut chosen);
    if chosen.len() < MIN_RECOMMENDATIONS {
        let mut rest: Vec<&Ranked> = ranked.iter().filter(|r| r.priority <= 0.0).collect();
        rest.sort_by(|a, b| a.score.total_cmp(&b.score));
        pick(&rest, MIN_RECOMMENDATIONS, &mut chosen);
    }
    chosen
}
