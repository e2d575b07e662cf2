//! Answers to the questionnaire, checked against its items.

use super::*;

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
