//! The Digitalisierungs-Check: a questionnaire kept as data, answers, and the scoring
//! that turns them into six dimension scores, an overall score and a band.
//!
//! Scoring is compatible with the EU's Digital Maturity Assessment (DMA): six
//! dimensions scored 0–100, the overall score the mean of the dimensions, and the DMA's
//! four bands. Unlike the DMA, every item can be answered "not relevant for us", which
//! takes it out of the denominator instead of counting as a gap. See
//! `docs/assessment-scoring.md` for the formula and a worked example.

use crate::catalogue::{Audience, Level, Topic};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// The questionnaire compiled into the binary.
pub const BUILTIN_QUESTIONNAIRE: &str = include_str!("../questionnaire/2026-1.toml");

/// The six dimensions, in the DMA's order. A questionnaire has each exactly once.
pub const DIMENSIONS: [&str; 6] = [
    "strategy",
    "readiness",
    "human",
    "data",
    "automation",
    "green",
];

/// A text in German and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    /// German (the default).
    pub de: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `language` (`de` or `en`); German for anything else.
    pub fn get(&self, language: &str) -> &str {
        if language == "en" { &self.en } else { &self.de }
    }
}

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// No, partial or yes.
    Tri,
    /// Adoption of a technology, 0 (not used) to 5 (operational).
    Scale,
    /// Tick the options that apply.
    Multi,
}

/// An option of a `multi` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// Stable key, used in answers.
    pub key: String,
    /// What the person reads.
    pub label: Text,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable key, unique in the questionnaire.
    pub key: String,
    /// How it is answered.
    #[serde(rename = "type")]
    pub kind: ItemKind,
    /// The question (for `scale`: the technology).
    pub text: Text,
    /// The options of a `multi` item; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
}

/// One of the six dimensions with its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dimension {
    /// One of [`DIMENSIONS`].
    pub key: String,
    /// Its name.
    pub title: Text,
    /// What its score says, in a sentence.
    pub meaning: Text,
    /// The catalogue topics that close gaps here.
    pub topics: Vec<Topic>,
    /// From this score (0–100) on the center sees no pressing need.
    pub target: u8,
    /// Its questions.
    pub items: Vec<Item>,
}

/// A versioned questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Questionnaire {
    /// Stored with every result, so old results stay readable.
    pub version: String,
    /// The six dimensions in the DMA's order.
    pub dimensions: Vec<Dimension>,
}

/// What is wrong with a questionnaire file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct QuestionnaireError {
    /// Where: `dimensions[2].items[4] (data_backup)`, or the file position.
    pub at: String,
    /// What.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    version: Option<String>,
    #[serde(default)]
    dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    key: Option<String>,
    title: Option<RawText>,
    meaning: Option<RawText>,
    #[serde(default)]
    topics: Vec<String>,
    target: Option<i64>,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    key: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    text: Option<RawText>,
    #[serde(default)]
    options: Vec<RawChoice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    key: Option<String>,
    label: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    de: Option<String>,
    en: Option<String>,
}

/// Collects every problem of a file instead of stopping at the first.
struct Problems(Vec<QuestionnaireError>);

impl Problems {
    fn add(&mut self, at: &str, message: impl Into<String>) {
        self.0.push(QuestionnaireError {
            at: at.to_owned(),
            message: message.into(),
        });
    }

    fn key(&mut self, at: &str, key: Option<String>) -> String {
        match key.map(|k| k.trim().to_owned()) {
            Some(k) if !k.is_empty() => k,
            _ => {
                self.add(at, "key fehlt");
                String::new()
            }
        }
    }

    fn text(&mut self, at: &str, field: &str, text: Option<RawText>) -> Text {
        let Some(text) = text else {
            self.add(at, format!("{field} fehlt"));
            return Text {
                de: String::new(),
                en: String::new(),
            };
        };
        let mut one = |language: &str, value: Option<String>| match value {
            Some(v) if !v.trim().is_empty() => v.trim().to_owned(),
            _ => {
                let name = if language == "de" {
                    "deutsche"
                } else {
                    "englische"
                };
                self.add(
                    at,
                    format!("{field}: {name} Übersetzung ({language}) fehlt"),
                );
                String::new()
            }
        };
        Text {
            de: one("de", text.de),
            en: one("en", text.en),
        }
    }
}

impl Questionnaire {
    /// The questionnaire compiled into the binary.
    pub fn builtin() -> Result<Questionnaire, Vec<QuestionnaireError>> {
        Questionnaire::parse(BUILTIN_QUESTIONNAIRE)
    }

    /// Reads and validates a questionnaire in TOML. Every problem is reported with the
    /// place it occurs: unknown or missing dimensions, duplicate keys, missing
    /// translations, options without a key, unknown topics.
    pub fn parse(source: &str) -> Result<Questionnaire, Vec<QuestionnaireError>> {
        let raw: RawQuestionnaire = toml::from_str(source).map_err(|e| {
            let at = e
                .span()
                .map(|span| {
                    let before = source.get(..span.start).unwrap_or(source);
                    let line = before.matches('\n').count() + 1;
                    format!("Zeile {line}")
                })
                .unwrap_or_else(|| "Datei".into());
            vec![QuestionnaireError {
                at,
                message: e.message().to_owned(),
            }]
        })?;
        let mut problems = Problems(Vec::new());
        let version = problems.key("version", raw.version);
        let mut item_keys = BTreeSet::new();
        let mut dimension_keys = BTreeSet::new();
        let mut dimensions = Vec::new();
        for (d, raw_dimension) in raw.dimensions.into_iter().enumerate() {
            let at = format!("dimensions[{d}]");
            let key = problems.key(&at, raw_dimension.key);
            let at = format!("{at} ({key})");
            if !key.is_empty() && !DIMENSIONS.contains(&key.as_str()) {
                problems.add(
                    &at,
                    format!("unbekannte Dimension; erlaubt: {}", DIMENSIONS.join(", ")),
                );
            }
            if !key.is_empty() && !dimension_keys.insert(key.clone()) {
                problems.add(&at, "Dimension kommt doppelt vor");
            }
            let title = problems.text(&at, "title", raw_dimension.title);
            let meaning = problems.text(&at, "meaning", raw_dimension.meaning);
            let mut topics = Vec::new();
            for topic in &raw_dimension.topics {
                match Topic::parse(topic) {
                    Ok(t) => topics.push(t),
                    Err(_) => problems.add(
                        &at,
                        format!(
                            "topics: unbekannter Wert „{topic}“; erlaubt: {}",
                            Topic::ALL
                                .iter()
                                .map(|t| t.key())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                }
            }
            if topics.is_empty() {
                problems.add(&at, "topics: mindestens ein Themenfeld ist nötig");
            }
            let target = match raw_dimension.target {
                None => 75,
                Some(t) => u8::try_from(t)
                    .ok()
                    .filter(|t| *t <= 100)
                    .unwrap_or_else(|| {
                        problems.add(&at, "target: muss zwischen 0 und 100 liegen");
                        75
                    }),
            };
            let mut items = Vec::new();
            for (i, raw_item) in raw_dimension.items.into_iter().enumerate() {
                let at_item = format!("dimensions[{d}].items[{i}]");
                let item_key = problems.key(&at_item, raw_item.key);
                let at_item = format!("{at_item} ({item_key})");
                if !item_key.is_empty() && !item_keys.insert(item_key.clone()) {
                    problems.add(&at_item, "Schlüssel kommt doppelt vor");
                }
                if item_key == NOT_RELEVANT {
                    problems.add(&at_item, "„not_relevant“ ist als Schlüssel reserviert");
                }
                let kind = match raw_item.kind.as_deref() {
                    Some("tri") => ItemKind::Tri,
                    Some("scale") => ItemKind::Scale,
                    Some("multi") => ItemKind::Multi,
                    other => {
                        problems.add(
                            &at_item,
                            format!(
                                "type: „{}“ ist unbekannt; erlaubt: tri, scale, multi",
                                other.unwrap_or("")
                            ),
                        );
                        ItemKind::Tri
                    }
                };
                let text = problems.text(&at_item, "text", raw_item.text);
                let mut options = Vec::new();
                let mut option_keys = BTreeSet::new();
                for (o, raw_choice) in raw_item.options.into_iter().enumerate() {
                    let at_option = format!("{at_item}.options[{o}]");
                    let option_key = problems.key(&at_option, raw_choice.key);
                    if !option_key.is_empty() && !option_keys.insert(option_key.clone()) {
                        problems.add(&at_option, "Option kommt doppelt vor");
                    }
                    let label = problems.text(&at_option, "label", raw_choice.label);
                    options.push(Choice {
                        key: option_key,
                        label,
                    });
                }
                match (kind, options.len()) {
                    (ItemKind::Multi, n) if n < 2 => {
                        problems.add(&at_item, "multi braucht mindestens zwei Optionen")
                    }
                    (ItemKind::Tri | ItemKind::Scale, n) if n > 0 => {
                        problems.add(&at_item, "nur multi-Fragen haben Optionen")
                    }
                    _ => {}
                }
                items.push(Item {
                    key: item_key,
                    kind,
                    text,
                    options,
                });
            }
            if items.is_empty() {
                problems.add(&at, "eine Dimension braucht mindestens eine Frage");
            }
            dimensions.push(Dimension {
                key,
                title,
                meaning,
                topics,
                target,
                items,
            });
        }
        for key in DIMENSIONS {
            if !dimension_keys.contains(key) {
                problems.add("dimensions", format!("Dimension „{key}“ fehlt"));
            }
        }
        // Keep the DMA's order whatever the file's order is.
        dimensions.sort_by_key(|d| DIMENSIONS.iter().position(|k| *k == d.key));
        if problems.0.is_empty() {
            Ok(Questionnaire {
                version,
                dimensions,
            })
        } else {
            Err(problems.0)
        }
    }

    /// The item with `key` and its dimension.
    pub fn item(&self, key: &str) -> Option<(&Dimension, &Item)> {
        self.dimensions
            .iter()
            .find_map(|d| d.items.iter().find(|i| i.key == key).map(|i| (d, i)))
    }

    /// The dimension with `key`.
    pub fn dimension(&self, key: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.key == key)
    }

    /// How many items there are.
    pub fn item_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.items.len()).sum()
    }
}

/// The answer that removes an item from scoring.
pub const NOT_RELEVANT: &str = "not_relevant";

/// No, partly, yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    /// No.
    No,
    /// Partly.
    Partial,
    /// Yes.
    Yes,
}

/// One valid answer to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// "Not relevant for us": not scored at all.
    NotRelevant,
    /// A `tri` answer.
    Tri(Tri),
    /// A `scale` answer, 0–5.
    Scale(u8),
    /// The ticked options of a `multi` item (possibly none).
    Multi(BTreeSet<String>),
}

/// An answer as it arrives in JSON or a form, before it is checked against its item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawAnswer {
    /// `"no"`, `"partial"`, `"yes"` or `"not_relevant"`.
    Word(String),
    /// A scale value.
    Number(i64),
    /// Ticked options.
    List(Vec<String>),
}

impl Answer {
    /// The answer in its stored (and API) form.
    pub fn raw(&self) -> RawAnswer {
        match self {
            Answer::NotRelevant => RawAnswer::Word(NOT_RELEVANT.into()),
            Answer::Tri(Tri::No) => RawAnswer::Word("no".into()),
            Answer::Tri(Tri::Partial) => RawAnswer::Word("partial".into()),
            Answer::Tri(Tri::Yes) => RawAnswer::Word("yes".into()),
            Answer::Scale(v) => RawAnswer::Number(i64::from(*v)),
            Answer::Multi(ticked) => RawAnswer::List(ticked.iter().cloned().collect()),
        }
    }
}

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{item}: {key}")]
pub struct AnswerError {
    /// The item key (or `version`).
    pub item: String,
    /// What is wrong, as a message key starting with `invalid-answer-`.
    pub key: &'static str,
    /// The message's arguments.
    pub args: Vec<(&'static str, String)>,
}

/// Valid answers, keyed by item.
pub type Answers = BTreeMap<String, Answer>;

impl Questionnaire {
    /// Checks raw answers against the items. With `complete`, every item must be
    /// answered ("not_relevant" counts as an answer); a draft may leave items open.
    /// All problems are reported at once.
    pub fn check_answers(
        &self,
        raw: &BTreeMap<String, RawAnswer>,
        complete: bool,
    ) -> Result<Answers, Vec<AnswerError>> {
        let mut errors = Vec::new();
        let mut answers = Answers::new();
        let mut fail = |item: &str, (key, args): (&'static str, Vec<(&'static str, String)>)| {
            errors.push(AnswerError {
                item: item.to_owned(),
                key,
                args,
            })
        };
        let said = |key: &'static str| (key, Vec::new());
        for (key, value) in raw {
            let Some((_, item)) = self.item(key) else {
                fail(key, said("invalid-answer-unknown-item"));
                continue;
            };
            if matches!(value, RawAnswer::Word(w) if w == NOT_RELEVANT) {
                answers.insert(key.clone(), Answer::NotRelevant);
                continue;
            }
            let checked = match (item.kind, value) {
                (ItemKind::Tri, RawAnswer::Word(w)) => match w.as_str() {
                    "no" => Ok(Answer::Tri(Tri::No)),
                    "partial" => Ok(Answer::Tri(Tri::Partial)),
                    "yes" => Ok(Answer::Tri(Tri::Yes)),
                    _ => Err(said("invalid-answer-tri")),
                },
                (ItemKind::Scale, RawAnswer::Number(n)) => u8::try_from(*n)
                    .ok()
                    .filter(|v| *v <= 5)
                    .map(Answer::Scale)
                    .ok_or_else(|| ("invalid-answer-scale-range", vec![("value", n.to_string())])),
                (ItemKind::Multi, RawAnswer::List(ticked)) => {
                    let mut set = BTreeSet::new();
                    let mut problem = None;
                    for option in ticked {
                        if !item.options.iter().any(|o| &o.key == option) {
                            problem = Some((
                                "invalid-answer-unknown-option",
                                vec![("option", option.clone())],
                            ));
                        } else if !set.insert(option.clone()) {
                            problem = Some((
                                "invalid-answer-duplicate-option",
                                vec![("option", option.clone())],
                            ));
                        }
                    }
                    match problem {
                        Some(p) => Err(p),
                        None => Ok(Answer::Multi(set)),
                    }
                }
                (ItemKind::Tri, _) => Err(said("invalid-answer-tri")),
                (ItemKind::Scale, _) => Err(said("invalid-answer-scale")),
                (ItemKind::Multi, _) => Err(said("invalid-answer-multi")),
            };
            match checked {
                Ok(answer) => {
                    answers.insert(key.clone(), answer);
                }
                Err(problem) => fail(key, problem),
            }
        }
        if complete {
            for dimension in &self.dimensions {
                for item in &dimension.items {
                    if !raw.contains_key(&item.key) {
                        fail(&item.key, said("invalid-answer-missing"));
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }
}

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
fn one_decimal(value: f64) -> f64 {
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

/// Median and quartiles of a peer group's scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quartiles {
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
}

/// Peers are compared only from this many companies on, so no single company's result
/// can be read off the figures.
pub const MIN_PEERS: usize = 5;

/// Quartiles of `values` (linear interpolation between the closest ranks, as most
/// spreadsheet programs compute them), or `None` below [`MIN_PEERS`] values.
pub fn peer_quartiles(values: &[f64]) -> Option<Quartiles> {
    if values.len() < MIN_PEERS {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let position = p * (sorted.len() - 1) as f64;
        let low = position.floor() as usize;
        let high = position.ceil() as usize;
        let low_value = sorted.get(low).copied().unwrap_or(0.0);
        let high_value = sorted.get(high).copied().unwrap_or(low_value);
        one_decimal(low_value + (high_value - low_value) * (position - low as f64))
    };
    Some(Quartiles {
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
    })
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn builtin() -> Questionnaire {
        match Questionnaire::builtin() {
            Ok(q) => q,
            Err(e) => panic!("the built-in questionnaire is broken: {e:?}"),
        }
    }

    fn raw(pairs: &[(&str, RawAnswer)]) -> BTreeMap<String, RawAnswer> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    fn word(w: &str) -> RawAnswer {
        RawAnswer::Word(w.into())
    }

    /// Every item answered with `fill`.
    fn all(q: &Questionnaire, fill: impl Fn(&Item) -> RawAnswer) -> BTreeMap<String, RawAnswer> {
        q.dimensions
            .iter()
            .flat_map(|d| d.items.iter())
            .map(|i| (i.key.clone(), fill(i)))
            .collect()
    }

    #[test]
    fn the_builtin_questionnaire_has_six_dimensions_and_30_to_40_items() {
        let q = builtin();
        assert_eq!(
            q.dimensions
                .iter()
                .map(|d| d.key.as_str())
                .collect::<Vec<_>>(),
            DIMENSIONS
        );
        assert!((30..=40).contains(&q.item_count()), "{}", q.item_count());
        assert_eq!(q.version, "2026-1");
        for d in &q.dimensions {
            assert!(d.items.iter().any(|i| i.kind != ItemKind::Multi));
        }
    }

    #[test]
    fn a_hand_computed_example_with_not_relevant_items() {
        let q = builtin();
        // Everything "no" except:
        let mut answers = all(&q, |i| match i.kind {
            ItemKind::Tri => word("no"),
            ItemKind::Scale => RawAnswer::Number(0),
            ItemKind::Multi => RawAnswer::List(vec![]),
        });
        // strategy: yes, partial, 3 of 6 areas, not relevant, yes, 0 of 5 sources
        //   → (1 + 0.5 + 0.5 + 1 + 0) / 5 = 0.6 → 60.0
        answers.insert("strategy_roadmap".into(), word("yes"));
        answers.insert("strategy_budget".into(), word("partial"));
        answers.insert(
            "strategy_areas".into(),
            RawAnswer::List(vec!["sales".into(), "logistics".into(), "service".into()]),
        );
        answers.insert("strategy_digital_offer".into(), word(NOT_RELEVANT));
        answers.insert("strategy_owner".into(), word("yes"));
        // readiness: scales 5, 4, 3, 2, 1, not relevant → (1 + .8 + .6 + .4 + .2) / 5 = 0.6
        for (key, value) in [
            ("readiness_cloud", 5),
            ("readiness_erp", 4),
            ("readiness_crm", 3),
            ("readiness_ecommerce", 2),
            ("readiness_iot", 1),
        ] {
            answers.insert(key.into(), RawAnswer::Number(value));
        }
        answers.insert("readiness_twins".into(), word(NOT_RELEVANT));
        // green: every item not relevant → no score, and left out of the overall mean.
        for item in &q
            .dimension("green")
            .map(|d| d.items.clone())
            .unwrap_or_default()
        {
            answers.insert(item.key.clone(), word(NOT_RELEVANT));
        }
        // human: one yes among six → 1/6 → 16.7
        answers.insert("human_training".into(), word("yes"));
        let checked = q.check_answers(&answers, true);
        let Ok(checked) = checked else {
            panic!("{checked:?}")
        };
        let scores = score(&q, &checked);
        assert_eq!(scores.of("strategy"), Some(60.0));
        assert_eq!(scores.of("readiness"), Some(60.0));
        assert_eq!(scores.of("human"), Some(16.7));
        assert_eq!(scores.of("data"), Some(0.0));
        assert_eq!(scores.of("automation"), Some(0.0));
        assert_eq!(scores.of("green"), None);
        // (60 + 60 + 16.7 + 0 + 0) / 5 = 27.34 → 27.3, band "average" (26–50).
        assert_eq!(scores.overall, Some(27.3));
        assert_eq!(scores.band, Some(Band::Average));
    }

    #[test]
    fn all_yes_is_100_and_advanced_all_no_is_0_and_basic() {
        let q = builtin();
        let top = all(&q, |i| match i.kind {
            ItemKind::Tri => word("yes"),
            ItemKind::Scale => RawAnswer::Number(5),
            ItemKind::Multi => RawAnswer::List(i.options.iter().map(|o| o.key.clone()).collect()),
        });
        let Ok(top) = q.check_answers(&top, true) else {
            panic!()
        };
        let s = score(&q, &top);
        assert_eq!((s.overall, s.band), (Some(100.0), Some(Band::Advanced)));
        let none = all(&q, |_| word(NOT_RELEVANT));
        let Ok(none) = q.check_answers(&none, true) else {
            panic!()
        };
        let s = score(&q, &none);
        assert_eq!((s.overall, s.band), (None, None));
        assert!(s.dimensions.iter().all(|d| d.score.is_none()));
    }

    #[test]
    fn bands_follow_the_dma_limits_on_whole_numbers() {
        for (score, band) in [
            (0.0, Band::Basic),
            (25.0, Band::Basic),
            (25.4, Band::Basic),
            (25.5, Band::Average),
            (50.0, Band::Average),
            (50.6, Band::ModeratelyAdvanced),
            (75.0, Band::ModeratelyAdvanced),
            (76.0, Band::Advanced),
            (100.0, Band::Advanced),
        ] {
            assert_eq!(Band::of(score), band, "{score}");
        }
    }

    #[test]
    fn bad_answers_are_named_by_item_and_nothing_passes() {
        let q = builtin();
        let answers = raw(&[
            ("strategy_roadmap", word("vielleicht")),
            ("readiness_cloud", RawAnswer::Number(6)),
            ("readiness_erp", RawAnswer::Number(-1)),
            (
                "strategy_areas",
                RawAnswer::List(vec!["sales".into(), "mond".into()]),
            ),
            (
                "strategy_sources",
                RawAnswer::List(vec!["events".into(), "events".into()]),
            ),
            ("gibt_es_nicht", word("yes")),
            ("human_training", RawAnswer::Number(1)),
        ]);
        let Err(errors) = q.check_answers(&answers, false) else {
            panic!("accepted")
        };
        let items: BTreeSet<&str> = errors.iter().map(|e| e.item.as_str()).collect();
        assert_eq!(
            items,
            BTreeSet::from([
                "strategy_roadmap",
                "readiness_cloud",
                "readiness_erp",
                "strategy_areas",
                "strategy_sources",
                "gibt_es_nicht",
                "human_training",
            ])
        );
        // A complete check also names every missing item.
        let Err(errors) = q.check_answers(&raw(&[("strategy_roadmap", word("yes"))]), true) else {
            panic!("accepted")
        };
        assert_eq!(errors.len(), q.item_count() - 1);
        assert!(errors.iter().all(|e| e.key == "invalid-answer-missing"));
        // A draft may leave items open.
        assert!(
            q.check_answers(&raw(&[("strategy_roadmap", word("yes"))]), false)
                .is_ok()
        );
    }

    #[test]
    fn broken_questionnaires_are_refused_with_the_place_of_each_problem() {
        let broken = r#"
version = "x"

[[dimensions]]
key = "strategy"
title = { de = "Strategie" }
meaning = { de = "a", en = "b" }
topics = ["strategie", "kochen"]

[[dimensions.items]]
key = "a"
type = "tri"
text = { de = "Frage", en = "Question" }

[[dimensions.items]]
key = "a"
type = "multi"
text = { de = "Frage", en = "Question" }
options = [ { label = { de = "x", en = "x" } }, { key = "y", label = { de = "y", en = "y" } } ]

[[dimensions]]
key = "weltraum"
title = { de = "a", en = "b" }
meaning = { de = "a", en = "b" }
topics = ["strategie"]

[[dimensions.items]]
key = "b"
type = "slider"
text = { de = "Frage", en = "Question" }
"#;
        let Err(errors) = Questionnaire::parse(broken) else {
            panic!("accepted")
        };
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let has = |needle: &str| text.iter().any(|t| t.contains(needle));
        assert!(
            has("dimensions[0] (strategy): title: englische Übersetzung (en) fehlt"),
            "{text:#?}"
        );
        assert!(
            has("dimensions[0] (strategy): topics: unbekannter Wert „kochen“"),
            "{text:#?}"
        );
        assert!(
            has("dimensions[0].items[1] (a): Schlüssel kommt doppelt vor"),
            "{text:#?}"
        );
        assert!(
            has("dimensions[0].items[1] (a).options[0]: key fehlt"),
            "{text:#?}"
        );
        assert!(
            has("dimensions[1] (weltraum): unbekannte Dimension"),
            "{text:#?}"
        );
        assert!(
            has("dimensions[1].items[0] (b): type: „slider“ ist unbekannt"),
            "{text:#?}"
        );
        assert!(has("dimensions: Dimension „green“ fehlt"), "{text:#?}");
        // Syntax errors and unknown fields name the line.
        let Err(errors) = Questionnaire::parse(
            "version = \"1\"\n[[dimensions]]\nkey = \"strategy\"\nfarbe = 3\n",
        ) else {
            panic!("accepted")
        };
        assert!(errors[0].at.starts_with("Zeile 4"), "{errors:?}");
    }

    fn candidate(n: u8, topics: &[Topic], level: Level, bookable: bool) -> Candidate {
        Candidate {
            offering_id: Uuid::from_bytes([n; 16]),
            title: format!("Angebot {n:02}"),
            topics: topics.to_vec(),
            level,
            audiences: vec![Audience::Employees],
            bookable,
        }
    }

    #[test]
    fn offerings_for_people_in_companies_come_before_those_for_multipliers() {
        let q = builtin();
        let scores = scores_of(&[("automation", Some(10.0))]);
        let mut multipliers = candidate(1, &[Topic::Logistics40], Level::Basic, true);
        multipliers.audiences = vec![Audience::Multipliers];
        let employees = candidate(2, &[Topic::Logistics40], Level::Advanced, true);
        let chosen = recommend(&q, &scores, &BTreeMap::new(), &[multipliers, employees]);
        let ids: Vec<u8> = chosen.iter().map(|r| r.offering_id.as_bytes()[0]).collect();
        assert_eq!(ids, vec![2, 1]);
    }

    fn scores_of(pairs: &[(&str, Option<f64>)]) -> Scores {
        Scores {
            dimensions: pairs
                .iter()
                .map(|(k, s)| DimensionScore {
                    key: (*k).into(),
                    score: *s,
                })
                .collect(),
            overall: None,
            band: None,
        }
    }

    #[test]
    fn recommendations_follow_weighted_gaps_and_prefer_bookable_fitting_offers() {
        let q = builtin();
        let scores = scores_of(&[
            ("strategy", Some(80.0)),
            ("readiness", Some(70.0)),
            ("human", Some(60.0)),
            ("data", Some(50.0)),
            ("automation", Some(22.0)),
            ("green", None),
        ]);
        let candidates = vec![
            candidate(1, &[Topic::Logistics40], Level::Advanced, true),
            candidate(2, &[Topic::Logistics40], Level::Basic, false),
            candidate(3, &[Topic::Logistics40], Level::Basic, true),
            candidate(4, &[Topic::ItSecurity], Level::Intermediate, true),
            candidate(5, &[Topic::Work40], Level::Intermediate, true),
            candidate(6, &[Topic::Strategy], Level::Basic, true),
            candidate(7, &[Topic::Sustainability], Level::Basic, true),
            candidate(8, &[Topic::ProductionAutomation], Level::Basic, true),
        ];
        // Gaps: automation 53, data 25, human 15, readiness 5, strategy 0. Human is a
        // priority for the company: 15 × 1.5 = 22.5, still below data's 25.
        let importance = BTreeMap::from([("human".to_owned(), Importance::High)]);
        let chosen = recommend(&q, &scores, &importance, &candidates);
        let ids: Vec<u8> = chosen.iter().map(|r| r.offering_id.as_bytes()[0]).collect();
        // Round 1: automation's best (bookable, basic: 3 before 8 by title), data's (4),
        // human's (5), readiness's (6, strategy topic). Round 2: automation's next (8),
        // then 1 (bookable, level far) before 2 (not bookable).
        assert_eq!(ids, vec![3, 4, 5, 6, 8, 1, 2]);
        assert_eq!(chosen[0].dimension, "automation");
        assert_eq!(chosen[0].score, 22.0);
        assert_eq!(chosen[2].importance, Importance::High);
        assert!(!ids.contains(&7), "green was not scored");

        // No gaps at all: still three, from the lowest scores up.
        let high = scores_of(&[
            ("strategy", Some(90.0)),
            ("readiness", Some(95.0)),
            ("human", Some(80.0)),
            ("data", Some(100.0)),
            ("automation", Some(85.0)),
            ("green", Some(99.0)),
        ]);
        let chosen = recommend(&q, &high, &BTreeMap::new(), &candidates);
        assert_eq!(chosen.len(), MIN_RECOMMENDATIONS);
        assert_eq!(chosen[0].dimension, "human");
        // An empty catalogue gives nothing rather than failing.
        assert!(recommend(&q, &scores, &BTreeMap::new(), &[]).is_empty());
    }

    #[test]
    fn peers_show_from_five_on() {
        assert_eq!(peer_quartiles(&[10.0, 20.0, 30.0, 40.0]), None);
        assert_eq!(
            peer_quartiles(&[50.0, 10.0, 30.0, 20.0, 40.0]),
            Some(Quartiles {
                q1: 20.0,
                median: 30.0,
                q3: 40.0
            })
        );
        assert_eq!(
            peer_quartiles(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            Some(Quartiles {
                q1: 2.3,
                median: 3.5,
                q3: 4.8
            })
        );
    }

    fn any_answer(item: &Item) -> BoxedStrategy<RawAnswer> {
        let not_relevant = Just(RawAnswer::Word(NOT_RELEVANT.into()));
        match item.kind {
            ItemKind::Tri => prop_oneof![
                not_relevant,
                Just(word("no")),
                Just(word("partial")),
                Just(word("yes"))
            ]
            .boxed(),
            ItemKind::Scale => {
                prop_oneof![not_relevant, (0i64..=5).prop_map(RawAnswer::Number)].boxed()
            }
            ItemKind::Multi => {
                let keys: Vec<String> = item.options.iter().map(|o| o.key.clone()).collect();
                let n = keys.len();
                prop_oneof![
                    not_relevant,
                    proptest::sample::subsequence(keys, 0..=n).prop_map(RawAnswer::List)
                ]
                .boxed()
            }
        }
    }

    fn any_answers() -> impl Strategy<Value = BTreeMap<String, RawAnswer>> {
        let q = builtin();
        let items: Vec<Item> = q.dimensions.iter().flat_map(|d| d.items.clone()).collect();
        items
            .iter()
            .map(|i| {
                any_answer(i).prop_map({
                    let key = i.key.clone();
                    move |a| (key.clone(), a)
                })
            })
            .collect::<Vec<_>>()
            .prop_map(|pairs| pairs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn scores_stay_within_0_and_100_and_the_overall_is_the_mean(answers in any_answers()) {
            let q = builtin();
            let checked = q.check_answers(&answers, true);
            prop_assert!(checked.is_ok(), "{:?}", checked);
            let s = score(&q, &checked.unwrap_or_default());
            let scored: Vec<f64> = s.dimensions.iter().filter_map(|d| d.score).collect();
            for v in &scored {
                prop_assert!((0.0..=100.0).contains(v));
            }
            match s.overall {
                None => prop_assert!(scored.is_empty()),
                Some(o) => {
                    let mean = scored.iter().sum::<f64>() / scored.len() as f64;
                    prop_assert!((o - mean).abs() <= 0.05 + 1e-9);
                    prop_assert_eq!(s.band, Some(Band::of(o)));
                }
            }
        }

        #[test]
        fn not_relevant_is_the_same_as_leaving_the_item_out(answers in any_answers(), pick in 0usize..36) {
            let q = builtin();
            let keys: Vec<String> = answers.keys().cloned().collect();
            let key = keys[pick % keys.len()].clone();
            let mut marked = answers.clone();
            marked.insert(key.clone(), RawAnswer::Word(NOT_RELEVANT.into()));
            let mut removed = answers;
            removed.remove(&key);
            let a = q.check_answers(&marked, false).unwrap_or_default();
            let b = q.check_answers(&removed, false).unwrap_or_default();
            prop_assert_eq!(score(&q, &a), score(&q, &b));
        }

        #[test]
        fn a_better_answer_never_lowers_a_score(answers in any_answers(), pick in 0usize..36) {
            let q = builtin();
            let keys: Vec<String> = answers.keys().cloned().collect();
            let key = keys[pick % keys.len()].clone();
            let Some((dimension, item)) = q.item(&key) else { return Ok(()) };
            let best = match item.kind {
                ItemKind::Tri => word("yes"),
                ItemKind::Scale => RawAnswer::Number(5),
                ItemKind::Multi => RawAnswer::List(item.options.iter().map(|o| o.key.clone()).collect()),
            };
            let before_answers = q.check_answers(&answers, true).unwrap_or_default();
            // Only compare when the item was scored before.
            if matches!(before_answers.get(&key), Some(Answer::NotRelevant)) { return Ok(()) }
            let mut improved = answers;
            improved.insert(key, best);
            let after_answers = q.check_answers(&improved, true).unwrap_or_default();
            let before = score(&q, &before_answers).of(&dimension.key).unwrap_or(0.0);
            let after = score(&q, &after_answers).of(&dimension.key).unwrap_or(0.0);
            prop_assert!(after >= before, "{} → {}", before, after);
        }
    }
}
