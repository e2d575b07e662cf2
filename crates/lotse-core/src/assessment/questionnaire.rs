//! The questionnaire kept as data: its dimensions, items and choices in German and
//! English, read from TOML and checked item by item.

use super::*;

/// The questionnaire compiled into the binary.
pub const BUILTIN_QUESTIONNAIRE: &str = include_str!("../../questionnaire/2026-1.toml");

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
