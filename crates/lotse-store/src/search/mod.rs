//! Full-text search of the live catalogue, German first.
//!
//! One in-memory tantivy index per catalogue snapshot (see
//! [`crate::catalogue_index`]): built with it, replaced with it, never written to
//! afterwards, so readers need no locks and several processes agree by the catalogue
//! version alone. Text goes through [`analysis`]: folded umlauts, German stems,
//! compound parts. A query is read word by word, never parsed as a query language, so
//! quotes, stars, brackets and `AND` are just characters:
//! - every word matches its stem, the stems of its compound parts, and, where the
//!   catalogue does not know the word, the words within one typing error (five to
//!   eight letters) or two (nine and more);
//! - words of a synonym group ([`words.toml`](../../search/words.toml)) match each
//!   other, a little weaker than the word itself;
//! - fields weigh differently: title 5, topics and kinds 3, summary 2, the rest 1;
//! - offerings that match every word come first; only when none does, offerings that
//!   match some words are shown.

pub mod analysis;
mod words;

use crate::{StoreError, StoreResult};
use analysis::{FoldedWords, GermanStems, Lexicon};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, LazyLock};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, Index, IndexWriter, Score, Searcher, SegmentReader, TantivyDocument, Term};
use tantivy_fst::Automaton;
pub use words::Words;

/// The longest query read, in characters; the rest is ignored.
pub const LONGEST_QUERY: usize = 500;

/// At most this many known words stand in for one mistyped or unfinished word.
const MOST_EXPANSIONS: usize = 12;

/// What one offering offers to search.
#[derive(Debug, Default)]
#[allow(missing_docs)]
pub struct Document {
    /// Its position in the snapshot's list, returned with every hit.
    pub entry: u32,
    pub title: String,
    /// Topics, audiences, kind and the titles of qualifications it counts towards.
    pub keywords: String,
    pub summary: String,
    /// Description, learning outcomes and partner name.
    pub body: String,
}

/// How the words of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// Offerings with every word; if there are none, those with some.
    AllWordsFirst,
    /// Offerings with any word, best first: for a described challenge.
    AnyWord,
    /// As [`Matching::AllWordsFirst`], the last word possibly unfinished: for
    /// suggestions while typing.
    Typing,
    /// Only documents with every word the catalogue knows: for what is listed beside
    /// the offerings, where a weak match would only distract.
    EveryWord,
}

/// The offerings a query found.
#[derive(Debug, Default)]
pub struct Found {
    /// Entries and their relevance, in no particular order.
    pub hits: Vec<(u32, Score)>,
    /// Stems the query looked for, weighted, for highlighting.
    terms: BTreeMap<String, Score>,
    lexicon: Arc<Lexicon>,
}

/// A piece of a snippet: text, and whether it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct SnippetPart {
    pub text: String,
    pub marked: bool,
}

impl Found {
    /// Whether the query had no word to look for (only stop words or punctuation).
    pub fn is_empty_query(&self) -> bool {
        self.terms.is_empty()
    }

    /// Up to `max_chars` of `text` around the words the query matched, or nothing if
    /// none is in it.
    pub fn snippet(&self, text: &str, max_chars: usize) -> Vec<SnippetPart> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let generator = SnippetGenerator::new(
            self.terms.clone(),
            TextAnalyzer::from(GermanStems(self.lexicon.clone())),
            Field::from_field_id(0),
            max_chars,
        );
        let snippet = generator.snippet(text);
        let fragment = snippet.fragment();
        let mut parts = Vec::new();
        let mut at = 0;
        for range in snippet.highlighted() {
            let (Some(before), Some(marked)) =
                (fragment.get(at..range.start), fragment.get(range.clone()))
            else {
                continue;
            };
            if !before.is_empty() {
                parts.push(SnippetPart {
                    text: before.to_owned(),
                    marked: false,
                });
            }
            parts.push(SnippetPart {
                text: marked.to_owned(),
                marked: true,
            });
            at = range.end;
        }
        if parts.is_empty() {
            return parts;
        }
        if let Some(rest) = fragment.get(at..).filter(|r| !r.is_empty()) {
            parts.push(SnippetPart {
                text: rest.to_owned(),
                marked: false,
            });
        }
        parts
    }
}

#[derive(Clone, Copy)]
struct Fields {
    entry: Field,
    title: Field,
    keywords: Field,
    summary: Field,
    body: Field,
    /// Folded words, for typo tolerance and suggestions.
    words: Field,
}

impl Fields {
    /// The text fields with their weights.
    fn weighted(&self) -> [(Field, Score); 4] {
        [
            (self.title, 5.0),
            (self.keywords, 3.0),
            (self.summary, 2.0),
            (self.body, 1.0),
        ]
    }
}

/// The search index of one catalogue snapshot.
pub struct SearchIndex {
    searcher: Searcher,
    fields: Fields,
    lexicon: Arc<Lexicon>,
    words: &'static Words,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("documents", &self.searcher.num_docs())
            .finish_non_exhaustive()
    }
}

fn search_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::Search(e.to_string())
}

impl SearchIndex {
    /// Indexes `documents`.
    pub fn build(documents: &[Document]) -> StoreResult<Self> {
        let words = Words::get()?;
        let lexicon = Arc::new(words.lexicon_for(documents.iter().flat_map(|d| {
            [
                d.title.as_str(),
                d.keywords.as_str(),
                d.summary.as_str(),
                d.body.as_str(),
            ]
        })));
        let mut schema = Schema::builder();
        let stems = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("lotse_stems")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let folded = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("lotse_words")
                .set_index_option(IndexRecordOption::Basic),
        );
        let fields = Fields {
            entry: schema.add_u64_field("entry", FAST),
            title: schema.add_text_field("title", stems.clone()),
            keywords: schema.add_text_field("keywords", stems.clone()),
            summary: schema.add_text_field("summary", stems.clone()),
            body: schema.add_text_field("body", stems),
            words: schema.add_text_field("words", folded),
        };
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register("lotse_stems", GermanStems(lexicon.clone()));
        index
            .tokenizers()
            .register("lotse_words", FoldedWords(lexicon.clone()));
        // One thread: the documents stay in one segment, in order, and building never
        // competes with serving for more than one core.
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 64_000_000)
            .map_err(search_error)?;
        for d in documents {
            let mut doc = TantivyDocument::default();
            doc.add_u64(fields.entry, u64::from(d.entry));
            doc.add_text(fields.title, &d.title);
            doc.add_text(fields.keywords, &d.keywords);
            doc.add_text(fields.summary, &d.summary);
            doc.add_text(fields.body, &d.body);
            for text in [&d.title, &d.keywords, &d.summary, &d.body] {
                doc.add_text(fields.words, text);
            }
            writer.add_document(doc).map_err(search_error)?;
        }
        writer.commit().map_err(search_error)?;
        let reader = index.reader().map_err(search_error)?;
        Ok(Self {
            searcher: reader.searcher(),
            fields,
            lexicon,
            words,
        })
    }

    /// The offerings that match `query`.
    pub fn search(&self, query: &str, matching: Matching) -> StoreResult<Found> {
        let query: String = query.chars().take(LONGEST_QUERY).collect();
        let units = self.units(&query, matching);
        let mut terms = BTreeMap::new();
        for unit in &units {
            for (phrase, weight) in &unit.variants {
                for stem in phrase {
                    let slot = terms.entry(stem.clone()).or_insert(0.0);
                    *slot = f32::max(*slot, *weight);
                }
            }
        }
        let clauses: Vec<Box<dyn Query>> = units.iter().map(|u| self.unit_query(u)).collect();
        let mut hits = Vec::new();
        if clauses.is_empty() {
            return Ok(Found::default());
        }
        if matching != Matching::AnyWord {
            let all: Box<dyn Query> = Box::new(BooleanQuery::new(
                clauses
                    .iter()
                    .map(|c| (Occur::Must, c.box_clone()))
                    .collect(),
            ));
            hits = self.searcher.search(&all, &AllHits).map_err(search_error)?;
        }
        let fall_back = hits.is_empty() && matching != Matching::EveryWord;
        if fall_back || matching == Matching::AnyWord {
            let any: Box<dyn Query> = Box::new(BooleanQuery::new(
                clauses.into_iter().map(|c| (Occur::Should, c)).collect(),
            ));
            hits = self.searcher.search(&any, &AllHits).map_err(search_error)?;
        }
        Ok(Found {
            hits,
            terms,
            lexicon: self.lexicon.clone(),
        })
    }

    /// The query as units (a word, or a phrase of a synonym group), each with the
    /// stem sequences that may stand for it and their weights.
    fn units(&self, query: &str, matching: Matching) -> Vec<Unit> {
        let words: Vec<analysis::Word> = analysis::words(query)
            .into_iter()
            .filter(|w| !self.lexicon.is_stop_word(&w.folded))
            .collect();
        let stems: Vec<String> = words.iter().map(|w| analysis::stem(&w.folded)).collect();
        let mut units = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let last = i + 1 == words.len();
            if let Some((len, group)) = self.words.synonyms_at(&stems[i..]) {
                let mut unit = Unit::default();
                unit.add(stems[i..i + len].to_vec(), 1.0);
                for phrase in group {
                    unit.add(phrase.clone(), 0.7);
                }
                if len == 1 {
                    self.add_parts(&mut unit, &words[i].folded);
                    unit.known = self.has_any(&unit);
                    self.add_lookalikes(&mut unit, &words[i].folded, last, matching);
                } else {
                    unit.known = self.has_any(&unit);
                }
                units.push(unit);
                i += len;
                continue;
            }
            let mut unit = Unit::default();
            unit.add(vec![stems[i].clone()], 1.0);
            self.add_parts(&mut unit, &words[i].folded);
            unit.known = self.has_any(&unit);
            self.add_lookalikes(&mut unit, &words[i].folded, last, matching);
            units.push(unit);
            i += 1;
        }
        units
    }

    /// The compound parts of one folded word.
    fn add_parts(&self, unit: &mut Unit, folded: &str) {
        for part in self.lexicon.parts_of(folded) {
            unit.add(vec![analysis::stem(part)], 0.5);
        }
    }

    /// Whether any variant of `unit` so far occurs in the catalogue.
    fn has_any(&self, unit: &Unit) -> bool {
        unit.variants
            .iter()
            .any(|(phrase, _)| phrase.iter().all(|stem| self.has_stem(stem)))
    }

    /// Typo corrections of one folded word and, while typing, completions.
    fn add_lookalikes(&self, unit: &mut Unit, folded: &str, last: bool, matching: Matching) {
        if matching == Matching::Typing && last && folded.chars().count() >= 2 {
            for word in self.words_beginning(folded, MOST_EXPANSIONS) {
                unit.add(vec![analysis::stem(&word)], 0.8);
            }
        }
        let letters = folded.chars().count();
        let distance: usize = match letters {
            0..=4 => return,
            5..=8 => 1,
            _ => 2,
        };
        if self.is_known(folded) {
            return;
        }
        let Some(builder) = LEVENSHTEIN.get(distance - 1) else {
            return;
        };
        let dfa = builder.build_dfa(folded);
        let mut near: Vec<(u8, String)> = self
            .known_words(Dfa(&dfa), usize::MAX)
            .into_iter()
            .filter_map(|w| match dfa.eval(&w) {
                Distance::Exact(d) => Some((d, w)),
                Distance::AtLeast(_) => None,
            })
            .collect();
        near.sort();
        for (d, word) in near.into_iter().take(MOST_EXPANSIONS) {
            unit.add(vec![analysis::stem(&word)], if d <= 1 { 0.6 } else { 0.4 });
        }
    }

    /// Whether the catalogue has `folded`, or a word with its stem.
    fn is_known(&self, folded: &str) -> bool {
        let stem = analysis::stem(folded);
        let word_known = self
            .searcher
            .doc_freq(&Term::from_field_text(self.fields.words, folded))
            .unwrap_or(0)
            > 0;
        word_known || self.has_stem(&stem)
    }

    /// Whether any text field holds `stem`.
    fn has_stem(&self, stem: &str) -> bool {
        self.fields.weighted().iter().any(|(field, _)| {
            self.searcher
                .doc_freq(&Term::from_field_text(*field, stem))
                .unwrap_or(0)
                > 0
        })
    }

    /// Folded words of the catalogue that begin with `prefix`, at most `most`, in
    /// alphabetical order.
    fn words_beginning(&self, prefix: &str, most: usize) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix).into_stream() else {
                continue;
            };
            while found.len() < most && stream.advance() {
                match std::str::from_utf8(stream.key()) {
                    Ok(word) if word.starts_with(prefix) => found.push(word.to_owned()),
                    _ => break,
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }

    /// Folded words of the catalogue that `automaton` accepts, at most `most`.
    fn known_words<A>(&self, automaton: A, most: usize) -> Vec<String>
    where
        A: Automaton + Clone,
        A::State: Clone,
    {
        let mut found: HashSet<String> = HashSet::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(automaton.clone()).into_stream() else {
                continue;
            };
            while stream.advance() && found.len() < most {
                if let Ok(word) = std::str::from_utf8(stream.key()) {
                    found.insert(word.to_owned());
                }
            }
        }
        let mut found: Vec<String> = found.into_iter().collect();
        found.sort();
        found
    }

    /// One unit as a query: the best of its variants in any field.
    fn unit_query(&self, unit: &Unit) -> Box<dyn Query> {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for (phrase, weight) in &unit.variants {
            for (field, field_weight) in self.fields.weighted() {
                let query: Box<dyn Query> = match phrase.as_slice() {
                    [] => continue,
                    [stem] => Box::new(TermQuery::new(
                        Term::from_field_text(field, stem),
                        IndexRecordOption::WithFreqs,
                    )),
                    stems => Box::new(PhraseQuery::new(
                        stems
                            .iter()
                            .map(|s| Term::from_field_text(field, s))
                            .collect(),
                    )),
                };
                alternatives.push(Box::new(BoostQuery::new(query, weight * field_weight)));
            }
        }
        if alternatives.is_empty() {
            return Box::new(EmptyQuery);
        }
        Box::new(DisjunctionMaxQuery::with_tie_breaker(alternatives, 0.3))
    }

    /// The dimension of the Digitalisierungs-Check that `text` is most about, if any
    /// of its words point to one.
    pub fn dimension_of(&self, text: &str) -> Option<&'static str> {
        self.words.dimension_of(&self.lexicon, text)
    }
}

/// One word or synonym phrase of a query and what may stand for it.
#[derive(Debug, Default)]
struct Unit {
    /// Stem sequences and their weights (1 for the query's own words).
    variants: Vec<(Vec<String>, Score)>,
    /// Whether the catalogue has the unit itself, a synonym or a compound part, not
    /// only words that look like it. Only such units are required of a match: a
    /// word the catalogue lacks ("chaotisch") must not pull in whatever is spelled
    /// like it ("haptisch") at the cost of what the other words found.
    known: bool,
}

impl Unit {
    fn add(&mut self, phrase: Vec<String>, weight: Score) {
        match self.variants.iter_mut().find(|(p, _)| *p == phrase) {
            Some((_, w)) => *w = w.max(weight),
            None => self.variants.push((phrase, weight)),
        }
    }
}

/// Levenshtein automata builders for one and two edits, transpositions counting one.
static LEVENSHTEIN: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

/// A Levenshtein automaton as the term dictionary walks it.
#[derive(Clone, Copy)]
struct Dfa<'a>(&'a levenshtein_automata::DFA);

impl Automaton for Dfa<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// Collects every matching document's entry and score.
struct AllHits;

struct SegmentHits {
    entries: Column<u64>,
    hits: Vec<(u32, Score)>,
}

impl Collector for AllHits {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentHits;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits {
            entries: segment.fast_fields().u64("entry")?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(entry) = self.entries.first(doc).and_then(|e| u32::try_from(e).ok()) {
            self.hits.push((entry, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
