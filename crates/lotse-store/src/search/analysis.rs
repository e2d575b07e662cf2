//! How search reads German text: words, folded spellings, stems and compound parts.
//!
//! Every text, indexed or asked for, goes through the same steps, so that a query and
//! an offering meet on equal terms:
//! 1. words are runs of letters and digits ("IT-Sicherheit" is two words);
//! 2. a word is lower-cased and folded: accents and umlauts lose their marks, `ß`
//!    becomes `ss`, and the spellings `ae`, `oe`, `ue` (as typed on keyboards without
//!    umlauts) become `a`, `o`, `u` — so "Förderung" and "Foerderung" are one word;
//! 3. stop words ("und", "ist", "unser") are dropped;
//! 4. the German Snowball stemmer (rust-stemmers) turns inflections into one stem
//!    ("Robotern" and "Roboter" both become "robot");
//! 5. a compound keeps its own stem and also yields the stems of the known words it
//!    ends or begins with, at the same position ("Lagerverwaltung" also yields
//!    "verwalt" and "lag"), so a search for a part finds the whole.

use std::collections::HashSet;
use std::sync::Arc;
use tantivy::tokenizer::{PreTokenizedStream, PreTokenizedString, Token, Tokenizer};

/// The shortest compound part that is split off: shorter ones ("ort", "bau") find too
/// much inside unrelated words.
const SHORTEST_PART: usize = 4;

/// Longer words are not split: no German word needs it, and splitting costs time
/// growing with the square of the length.
const LONGEST_COMPOUND: usize = 48;

/// A word of a text: where it stands and its folded spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
    /// Lower-case, folded spelling (see the module documentation).
    pub folded: String,
}

/// The words of `text`, folded, stop words included.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    start: s,
                    end: i,
                    folded: fold(&text[s..i]),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The folded spelling of one word.
pub fn fold(word: &str) -> String {
    let mut plain: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'à' | 'á' | 'â' | 'å' | 'ã' => plain.push('a'),
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' => plain.push('o'),
            'ü' | 'ù' | 'ú' | 'û' => plain.push('u'),
            'ß' => plain.extend(['s', 's']),
            'é' | 'è' | 'ê' | 'ë' => plain.push('e'),
            'í' | 'ì' | 'î' | 'ï' => plain.push('i'),
            'ç' => plain.push('c'),
            'ñ' => plain.push('n'),
            c => plain.push(c),
        }
    }
    // `ae`, `oe`, `ue` stand for umlauts, except `ue` after `q` ("Quelle"). Words
    // that merely contain these letters ("Steuer") fold too, on both sides alike.
    let mut folded = String::with_capacity(plain.len());
    let mut i = 0;
    while i < plain.len() {
        let c = plain[i];
        folded.push(c);
        let umlaut_spelling = matches!(c, 'a' | 'o' | 'u')
            && plain.get(i + 1) == Some(&'e')
            && !(c == 'u' && i > 0 && plain[i - 1] == 'q');
        i += if umlaut_spelling { 2 } else { 1 };
    }
    folded
}

/// The vocabulary analysis needs: stop words and the words compounds are split into.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Folded stop words.
    pub stop_words: HashSet<String>,
    /// Folded words a compound may end or begin with.
    pub parts: HashSet<String>,
}

impl Lexicon {
    /// Whether `folded` is a stop word.
    pub fn is_stop_word(&self, folded: &str) -> bool {
        self.stop_words.contains(folded)
    }

    /// The known words the compound `folded` is made of, longest first, not the
    /// word itself. A linking `s` ("Arbeitsplatz") is skipped; parts of parts count
    /// ("Lagerverwaltungssystem": system, verwaltung, lager).
    pub fn parts_of<'a>(&self, folded: &'a str) -> Vec<&'a str> {
        let mut found = Vec::new();
        if folded.len() <= LONGEST_COMPOUND {
            self.split(folded, &mut found, &mut Vec::new());
        }
        found.sort_by_key(|p| std::cmp::Reverse(p.len()));
        found.dedup();
        found
    }

    /// Adds the known words at the start or end of `word` to `found`, and splits
    /// what is left beside them and the known words themselves in turn.
    fn split<'a>(&self, word: &'a str, found: &mut Vec<&'a str>, explored: &mut Vec<&'a str>) {
        if explored.contains(&word) {
            return;
        }
        explored.push(word);
        for (cut, _) in word.char_indices() {
            let (head, tail) = word.split_at(cut);
            if head.len() < SHORTEST_PART || tail.len() < SHORTEST_PART {
                continue;
            }
            let head = match head.strip_suffix('s') {
                Some(h) if !self.parts.contains(head) && h.len() >= SHORTEST_PART => h,
                _ => head,
            };
            let head_known = self.parts.contains(head);
            let tail_known = self.parts.contains(tail);
            if !(head_known || tail_known) {
                continue;
            }
            for side in [head, tail] {
                if self.parts.contains(side) && !found.contains(&side) {
                    found.push(side);
                }
                self.split(side, found, explored);
            }
        }
    }
}

/// The stem of a folded word.
pub fn stem(folded: &str) -> String {
    rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German)
        .stem(folded)
        .into_owned()
}

/// A text's search terms: per word that is not a stop word, its stem and the stems of
/// its compound parts, all at the word's position.
pub fn terms(lexicon: &Lexicon, text: &str) -> Vec<Token> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German);
    let mut tokens = Vec::new();
    for (position, word) in words(text).into_iter().enumerate() {
        if lexicon.is_stop_word(&word.folded) {
            continue;
        }
        let whole = stemmer.stem(&word.folded).into_owned();
        let mut seen = vec![whole.clone()];
        tokens.push(token(&word, position, whole));
        for part in lexicon.parts_of(&word.folded) {
            let part = stemmer.stem(part).into_owned();
            if !seen.contains(&part) {
                seen.push(part.clone());
                tokens.push(token(&word, position, part));
            }
        }
    }
    tokens
}

fn token(word: &Word, position: usize, text: String) -> Token {
    Token {
        offset_from: word.start,
        offset_to: word.end,
        position,
        text,
        position_length: 1,
    }
}

/// The analysis as a tantivy tokenizer: stems and parts ([`terms`]) for the text
/// fields and for highlighting.
#[derive(Clone)]
pub struct GermanStems(pub Arc<Lexicon>);

impl Tokenizer for GermanStems {
    type TokenStream<'a> = PreTokenizedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreTokenizedStream {
        PreTokenizedString {
            text: String::new(),
            tokens: terms(&self.0, text),
        }
        .into()
    }
}

/// Folded words, unstemmed, without stop words: the vocabulary typo tolerance and
/// suggestions look up.
#[derive(Clone)]
pub struct FoldedWords(pub Arc<Lexicon>);

impl Tokenizer for FoldedWords {
    type TokenStream<'a> = PreTokenizedStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreTokenizedStream {
        let tokens = words(text)
            .into_iter()
            .enumerate()
            .filter(|(_, w)| !self.0.is_stop_word(&w.folded))
            .map(|(i, w)| {
                let folded = w.folded.clone();
                token(&w, i, folded)
            })
            .collect();
        PreTokenizedString {
            text: String::new(),
            tokens,
        }
        .into()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon {
            stop_words: ["und", "ist", "unser"].map(String::from).into(),
            parts: ["verwaltung", "lager", "arbeit", "platz", "system"]
                .map(String::from)
                .into(),
        }
    }

    #[test]
    fn umlauts_and_their_spellings_fold_alike() {
        assert_eq!(fold("Förderung"), "forderung");
        assert_eq!(fold("Foerderung"), "forderung");
        assert_eq!(fold("GESCHÄFTSFÜHRUNG"), "geschaftsfuhrung");
        assert_eq!(fold("Geschaeftsfuehrung"), "geschaftsfuhrung");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Quelle"), "quelle");
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("Größe"), fold("Groesse"));
    }

    #[test]
    fn words_split_at_anything_but_letters_and_digits() {
        let found: Vec<String> = words("IT-Sicherheit, Logistik 4.0!")
            .into_iter()
            .map(|w| w.folded)
            .collect();
        assert_eq!(found, ["it", "sicherheit", "logistik", "4", "0"]);
        let w = &words("  Öl")[0];
        assert_eq!((w.start, w.end), (2, 5));
    }

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(stem(&fold("Robotern")), stem(&fold("Roboter")));
        assert_eq!(stem(&fold("Lieferketten")), stem(&fold("Lieferkette")));
        assert_eq!(stem(&fold("digitalen")), stem(&fold("digital")));
    }

    #[test]
    fn compounds_yield_their_known_parts() {
        let lexicon = lexicon();
        assert_eq!(lexicon.parts_of("lagerverwaltung"), ["verwaltung", "lager"]);
        assert_eq!(lexicon.parts_of("arbeitsplatz"), ["arbeit", "platz"]);
        assert_eq!(
            lexicon.parts_of("lagerverwaltungssystem"),
            ["verwaltung", "system", "lager"]
        );
        assert!(lexicon.parts_of("verwaltung").is_empty());
        let stems: Vec<String> = terms(&lexicon, "Unser Lagerverwaltungssystem")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(stems.contains(&stem("verwaltung")), "{stems:?}");
        assert!(stems.contains(&stem("system")), "{stems:?}");
        assert!(!stems.iter().any(|s| s == "unser"));
    }
}
