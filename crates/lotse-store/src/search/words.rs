//! The team's word lists (`search/words.toml`), read once.

use super::analysis::{self, Lexicon};
use crate::{StoreError, StoreResult};
use lotse_core::catalogue::OfferingKind;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const WORDS_TOML: &str = include_str!("../../search/words.toml");

/// Catalogue words of at least this many letters may be compound parts; shorter ones
/// split too much by chance ("chaotisch" is no compound of "Tisch").
const SHORTEST_CATALOGUE_PART: usize = 6;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    stop_words: Vec<String>,
    parts: Vec<String>,
    synonyms: Vec<Vec<String>>,
    kinds: HashMap<String, String>,
    /// By dimension key; read in the questionnaire's order.
    dimensions: HashMap<String, String>,
}

/// The word lists, analysed.
#[derive(Debug)]
pub struct Words {
    stop_words: HashSet<String>,
    parts: HashSet<String>,
    /// Synonym groups, each phrase as a sequence of stems.
    synonyms: Vec<Vec<Vec<String>>>,
    kinds: HashMap<OfferingKind, String>,
    /// Per dimension key, the stems that point to it.
    dimensions: Vec<(&'static str, HashSet<String>)>,
}

static WORDS: OnceLock<Result<Words, String>> = OnceLock::new();

impl Words {
    /// The word lists shipped with lotse.
    pub fn get() -> StoreResult<&'static Words> {
        WORDS
            .get_or_init(|| Words::parse(WORDS_TOML))
            .as_ref()
            .map_err(|e| StoreError::Search(format!("search/words.toml: {e}")))
    }

    fn parse(raw: &str) -> Result<Words, String> {
        let file: WordsFile = toml::from_str(raw).map_err(|e| e.to_string())?;
        let stop_words: HashSet<String> =
            file.stop_words.iter().map(|w| analysis::fold(w)).collect();
        let bare = Lexicon {
            stop_words: stop_words.clone(),
            parts: HashSet::new(),
        };
        let phrase = |text: &str| -> Vec<String> {
            analysis::words(text)
                .into_iter()
                .filter(|w| !bare.is_stop_word(&w.folded))
                .map(|w| analysis::stem(&w.folded))
                .collect()
        };
        let mut synonyms = Vec::new();
        for group in &file.synonyms {
            let phrases: Vec<Vec<String>> = group
                .iter()
                .map(|p| phrase(p))
                .filter(|p| !p.is_empty())
                .collect();
            if phrases.len() < 2 {
                return Err(format!("synonym group {group:?} needs two phrases"));
            }
            synonyms.push(phrases);
        }
        let mut kinds = HashMap::new();
        for (key, text) in file.kinds {
            let kind = OfferingKind::parse(&key).map_err(|_| format!("unknown kind {key}"))?;
            kinds.insert(kind, text);
        }
        if let Some(missing) = OfferingKind::ALL.iter().find(|k| !kinds.contains_key(k)) {
            return Err(format!("no words for kind {}", missing.key()));
        }
        let mut dimensions = Vec::new();
        for key in lotse_core::assessment::DIMENSIONS {
            let text = file
                .dimensions
                .get(key)
                .ok_or_else(|| format!("no words for dimension {key}"))?;
            dimensions.push((key, phrase(text).into_iter().collect()));
        }
        if let Some(unknown) = file
            .dimensions
            .keys()
            .find(|k| !lotse_core::assessment::DIMENSIONS.contains(&k.as_str()))
        {
            return Err(format!("unknown dimension {unknown}"));
        }
        Ok(Words {
            stop_words,
            parts: file.parts.iter().map(|w| analysis::fold(w)).collect(),
            synonyms,
            kinds,
            dimensions,
        })
    }

    /// The lexicon for a catalogue whose texts are `texts`: the stop words, and as
    /// compound parts the listed ones and the catalogue's own longer words.
    pub fn lexicon_for<'a>(&self, texts: impl Iterator<Item = &'a str>) -> Lexicon {
        let mut parts = self.parts.clone();
        for text in texts {
            for w in analysis::words(text) {
                if w.folded.chars().count() >= SHORTEST_CATALOGUE_PART
                    && !self.stop_words.contains(&w.folded)
                    && w.folded.chars().all(char::is_alphabetic)
                {
                    parts.insert(w.folded);
                }
            }
        }
        Lexicon {
            stop_words: self.stop_words.clone(),
            parts,
        }
    }

    /// The synonym group whose phrase begins `stems`, with the phrase's length
    /// (the longest phrase wins).
    pub fn synonyms_at(&self, stems: &[String]) -> Option<(usize, &[Vec<String>])> {
        self.synonyms
            .iter()
            .flat_map(|group| group.iter().map(move |phrase| (phrase, group)))
            .filter(|(phrase, _)| stems.starts_with(phrase))
            .max_by_key(|(phrase, _)| phrase.len())
            .map(|(phrase, group)| (phrase.len(), group.as_slice()))
    }

    /// Words that name `kind`, for the index.
    pub fn kind_words(&self, kind: OfferingKind) -> &str {
        self.kinds.get(&kind).map_or("", String::as_str)
    }

    /// The dimension whose words `text` uses most, if it uses any; ties go to the
    /// dimension listed first.
    pub fn dimension_of(&self, lexicon: &Lexicon, text: &str) -> Option<&'static str> {
        let mut stems: Vec<String> = Vec::new();
        for token in analysis::terms(lexicon, text) {
            stems.push(token.text);
        }
        let mut best: Option<(&'static str, usize)> = None;
        for (key, words) in &self.dimensions {
            let hits = stems.iter().filter(|s| words.contains(*s)).count();
            if hits > 0 && best.is_none_or(|(_, most)| hits > most) {
                best = Some((key, hits));
            }
        }
        best.map(|(key, _)| key)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_word_lists_are_valid() {
        let words = Words::get().unwrap();
        assert!(words.stop_words.contains("unser"));
        assert!(words.stop_words.contains(&analysis::fold("für")));
        assert!(words.parts.contains("verwaltung"));
        assert_eq!(words.dimensions.len(), 6);
        let ki = [analysis::stem("ki")];
        let (len, group) = words.synonyms_at(&[ki[0].clone(), "x".into()]).unwrap();
        assert_eq!(len, 1);
        assert!(group.contains(&vec![
            analysis::stem("kunstlich"),
            analysis::stem("intelligenz")
        ]));
    }

    #[test]
    fn a_broken_list_is_refused_with_its_reason() {
        let err = Words::parse(
            "stop_words = []\nparts = []\nsynonyms = [[\"KI\"]]\n[kinds]\n[dimensions]\n",
        )
        .unwrap_err();
        assert!(err.contains("two phrases"), "{err}");
    }

    #[test]
    fn a_described_challenge_names_its_dimension() {
        let words = Words::get().unwrap();
        let lexicon = words.lexicon_for(std::iter::empty());
        assert_eq!(
            words.dimension_of(&lexicon, "Unser Lager ist chaotisch, alles auf Papier"),
            Some("readiness")
        );
        assert_eq!(
            words.dimension_of(&lexicon, "Wir hatten einen Hackerangriff und kein Backup"),
            Some("data")
        );
        assert_eq!(
            words.dimension_of(&lexicon, "Die Stromkosten fressen uns auf"),
            Some("green")
        );
        assert_eq!(words.dimension_of(&lexicon, "Hallo"), None);
    }
}
