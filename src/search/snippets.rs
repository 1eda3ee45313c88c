//! Snippets of the printed hits, with tantivy's fragment selection but a
//! cheaper analyzer.
//!
//! tantivy's `SnippetGenerator` runs the field's whole analyzer over the
//! text, and in the `news` analyzer the English stemmer is most of the cost
//! of a search (it stems every word of every printed body). A word can only
//! be highlighted when its stem is one of the query's terms, and the stemmer
//! keeps a word's first letter and never makes it longer (checked over the
//! sample corpus by the tests below). So this analyzer stems only the words
//! whose first byte starts some query term and that are at least as long as
//! the shortest such term; every other word reaches the stemmer empty, which
//! matches no term. Token offsets are unchanged, so fragments and highlights
//! are exactly those of the full analyzer.
//!
//! ASCII text (nearly all of a news archive) skips the token pipeline: its
//! words are the runs of ASCII letters and digits, and [`FieldSnippets`]
//! scans them itself, applying tantivy's fragment search and selection, and
//! stems only words whose first two letters start a query term. Tests
//! compare its output with `SnippetGenerator`'s. Non-ASCII text goes through
//! `SnippetGenerator` with the gated analyzer.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Score, Searcher, Term};

use super::Highlighted;
use crate::error::Result;

/// Which words may stem to a query term: for each first byte, the length of
/// the shortest term starting with it (0: none does).
#[derive(Clone, Copy)]
pub struct StemGate {
    min_len: [u8; 256],
}

impl StemGate {
    /// The gate for a set of (already analysed) terms.
    pub fn for_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> StemGate {
        let mut min_len = [0u8; 256];
        for t in terms {
            if let Some(&b) = t.as_bytes().first() {
                let len = t.len().clamp(1, 255) as u8;
                let slot = &mut min_len[usize::from(b)];
                if *slot == 0 || len < *slot {
                    *slot = len;
                }
            }
        }
        StemGate { min_len }
    }

    fn admits(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) => {
                let need = self.min_len[usize::from(b)];
                need != 0 && word.len() >= usize::from(need)
            }
            None => false,
        }
    }
}

impl TokenFilter for StemGate {
    type Tokenizer<T: Tokenizer> = GatedTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> GatedTokenizer<T> {
        GatedTokenizer { gate: self, inner }
    }
}

/// [`StemGate`] applied to a tokenizer.
#[derive(Clone)]
pub struct GatedTokenizer<T> {
    gate: StemGate,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for GatedTokenizer<T> {
    type TokenStream<'a> = GatedStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        GatedStream {
            gate: self.gate,
            tail: self.inner.token_stream(text),
        }
    }
}

/// Empties the words that cannot stem to a query term.
pub struct GatedStream<T> {
    gate: StemGate,
    tail: T,
}

impl<T: TokenStream> TokenStream for GatedStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if !self.gate.admits(&token.text) {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The `news` analyzer (see `index::schema::register_tokenizers`) with the
/// gate before the stemmer.
pub fn gated_analyzer(gate: StemGate) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(gate)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The query's terms in `field` with tantivy's snippet weights (as
/// `SnippetGenerator::create` computes them).
fn weighted_terms(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
) -> Result<BTreeMap<String, Score>> {
    let mut terms: BTreeSet<Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weighted = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            weighted.insert(text, 1.0 / (1.0 + doc_freq as Score));
        }
    }
    Ok(weighted)
}

/// Whether the English stemmer may change a word's second letter: only in
/// a consonant + `ying` (dying → die, vying → vie), so any word whose second
/// letter is `y` is treated so. Every other stem keeps the word's first two
/// letters (tested below).
fn second_letter_may_change(word: &[u8]) -> bool {
    word.get(1) == Some(&b'y')
}

/// ASCII letters and digits: the bytes of words in ASCII text.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Makes the snippets of one field for one query.
pub struct FieldSnippets {
    generator: SnippetGenerator,
    terms: BTreeMap<String, Score>,
    gate: StemGate,
    /// First two bytes of the terms; a term of one byte admits every word
    /// starting with it (`whole_letter`).
    prefixes: Vec<[u8; 2]>,
    whole_letter: [bool; 256],
    max_chars: usize,
    /// Stems of the words met so far, and a one-word stemming analyzer.
    stems: rustc_hash::FxHashMap<String, String>,
    stemmer: TextAnalyzer,
    lower: String,
}

impl FieldSnippets {
    /// A snippet maker for `field`, fragments of at most `max_chars` bytes.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        max_chars: usize,
    ) -> Result<FieldSnippets> {
        Ok(FieldSnippets::for_terms(
            weighted_terms(searcher, query, field)?,
            field,
            max_chars,
        ))
    }

    /// A snippet maker for already weighted (analysed) terms.
    pub fn for_terms(
        terms: BTreeMap<String, Score>,
        field: Field,
        max_chars: usize,
    ) -> FieldSnippets {
        let gate = StemGate::for_terms(terms.keys().map(String::as_str));
        let mut prefixes = Vec::new();
        let mut whole_letter = [false; 256];
        for t in terms.keys().map(String::as_bytes) {
            match t {
                [a, b, ..] => prefixes.push([*a, *b]),
                [a] => whole_letter[usize::from(*a)] = true,
                [] => {}
            }
        }
        let generator =
            SnippetGenerator::new(terms.clone(), gated_analyzer(gate), field, max_chars);
        FieldSnippets {
            generator,
            terms,
            gate,
            prefixes,
            whole_letter,
            max_chars,
            stems: Default::default(),
            stemmer: TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            lower: String::new(),
        }
    }

    /// The best fragment of `text` with its highlights (empty when no query
    /// term occurs in it), as tantivy's `SnippetGenerator` chooses it.
    pub fn snippet(&mut self, text: &str) -> Highlighted {
        if self.terms.is_empty() {
            return Highlighted::default();
        }
        if !text.is_ascii() {
            return Highlighted::from_snippet(&self.generator.snippet(text));
        }
        self.ascii_snippet(text)
    }

    /// Whether an ASCII word (any case) may stem to a query term: the first
    /// byte and the length (see `StemGate`), then the second byte.
    fn may_match(&self, word: &[u8]) -> bool {
        let Some(first) = word.first().map(u8::to_ascii_lowercase) else {
            return false;
        };
        let need = self.gate.min_len[usize::from(first)];
        if need == 0 || word.len() < usize::from(need) {
            return false;
        }
        match word {
            [_, b, ..] => {
                let second = b.to_ascii_lowercase();
                self.whole_letter[usize::from(first)]
                    || self.prefixes.contains(&[first, second])
                    || second_letter_may_change(&[first, second])
            }
            _ => true,
        }
    }

    /// The weight of a lower-cased word when its stem is a query term (the
    /// caller has checked `may_match`).
    fn weight(&mut self, word: &str) -> Option<Score> {
        if !self.stems.contains_key(word) {
            let mut stream = self.stemmer.token_stream(word);
            let stem = if stream.advance() {
                stream.token().text.clone()
            } else {
                String::new()
            };
            self.stems.insert(word.to_string(), stem);
        }
        let stem = self.stems.get(word)?;
        self.terms.get(stem.as_str()).copied()
    }

    /// tantivy's `search_fragments` and `select_best_fragment_combination`
    /// over ASCII text, where the `news` analyzer's words are the runs of
    /// ASCII letters and digits shorter than 40 bytes, lower-cased.
    fn ascii_snippet(&mut self, text: &str) -> Highlighted {
        struct Fragment {
            score: Score,
            start: usize,
            stop: usize,
            highlights: Vec<[usize; 2]>,
        }
        let fresh = |start: usize| Fragment {
            score: 0.0,
            start,
            stop: start,
            highlights: Vec::new(),
        };
        // Among fragments of the highest score, the first wins.
        let better = |f: &Fragment, best: &Option<Fragment>| {
            f.score > 0.0 && best.as_ref().is_none_or(|b| f.score > b.score)
        };
        let bytes = text.as_bytes();
        let mut best: Option<Fragment> = None;
        let mut cur = fresh(0);
        let mut lower = std::mem::take(&mut self.lower);
        let mut i = 0;
        while let Some(skip) = bytes[i..].iter().position(|&b| WORD_BYTE[usize::from(b)]) {
            let from = i + skip;
            let to = bytes[from..]
                .iter()
                .position(|&b| !WORD_BYTE[usize::from(b)])
                .map_or(bytes.len(), |len| from + len);
            i = to;
            if to - from >= 40 {
                continue;
            }
            if to - cur.start > self.max_chars {
                let done = std::mem::replace(&mut cur, fresh(from));
                if better(&done, &best) {
                    best = Some(done);
                }
            }
            cur.stop = to;
            if !self.may_match(&bytes[from..to]) {
                continue;
            }
            lower.clear();
            lower.push_str(&text[from..to]);
            lower.make_ascii_lowercase();
            if let Some(w) = self.weight(&lower) {
                cur.score += w;
                cur.highlights.push([from, to]);
            }
        }
        self.lower = lower;
        if better(&cur, &best) {
            best = Some(cur);
        }
        match best {
            Some(f) => Highlighted {
                text: text[f.start..f.stop].to_string(),
                highlights: f
                    .highlights
                    .iter()
                    .map(|[a, b]| [a - f.start, b - f.start])
                    .collect(),
            },
            None => Highlighted::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TextAnalyzer;

    fn full_analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn unstemmed_analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while let Some(t) = s.next() {
            out.push((t.offset_from, t.offset_to, t.text.clone()));
        }
        out
    }

    /// Text of the samples folder plus words the English stemmer treats
    /// specially.
    fn sample_text() -> String {
        let mut text = String::from(
            "dying lying tying vying skies skis idly gently ugly early only singly news \
             howe atlas cosmos bias andes generously generalizations communism arsenal \
             yelling yes year Ying cried cries ties agreed feed proceeding exceedingly \
             succeed herring inning outing canning ÉCONOMIE Über naïve café",
        );
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // One file of Reuters-21578 too, when the corpus is at hand.
        let reuters = root.join("../shared/corpus/reuters21578/reut2-000.sgm");
        for entry in walkdir::WalkDir::new(root.join("samples"))
            .into_iter()
            .chain(walkdir::WalkDir::new(reuters))
            .flatten()
        {
            if entry.file_type().is_file() {
                if let Ok(bytes) = std::fs::read(entry.path()) {
                    text.push(' ');
                    text.push_str(&String::from_utf8_lossy(&bytes));
                }
            }
        }
        text
    }

    #[test]
    fn stems_keep_the_first_byte_and_never_grow() {
        check_stem_prefixes(&sample_text());
    }

    /// The same over all of Reuters-21578 (slow in the dev profile):
    /// `cargo test --release --lib stems_of_the_whole_corpus -- --ignored`.
    #[test]
    #[ignore]
    fn stems_of_the_whole_corpus_keep_their_first_two_letters() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/reuters21578");
        let mut n = 0;
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "sgm") {
                let bytes = std::fs::read(entry.path()).unwrap();
                check_stem_prefixes(&String::from_utf8_lossy(&bytes));
                n += 1;
            }
        }
        assert!(n > 0, "corpus not found");
    }

    fn check_stem_prefixes(text: &str) {
        let stemmed = tokens(&mut full_analyzer(), text);
        let plain = tokens(&mut unstemmed_analyzer(), text);
        assert!(stemmed.len() > 1000, "the samples give enough words");
        assert_eq!(stemmed.len(), plain.len());
        for (s, p) in stemmed.iter().zip(&plain) {
            assert_eq!((s.0, s.1), (p.0, p.1));
            assert_eq!(
                s.2.as_bytes().first(),
                p.2.as_bytes().first(),
                "{p:?} → {s:?}"
            );
            assert!(s.2.len() <= p.2.len(), "{p:?} → {s:?}");
            // The first two letters too, but for the stemmer's exceptions.
            if s.2.len() >= 2 && !second_letter_may_change(p.2.as_bytes()) {
                assert_eq!(s.2.as_bytes()[..2], p.2.as_bytes()[..2], "{p:?} → {s:?}");
            }
        }
    }

    #[test]
    fn gated_analyzer_finds_every_query_term_where_the_full_one_does() {
        let text = sample_text();
        let stemmed = tokens(&mut full_analyzer(), &text);
        // About 40 groups of three distinct stems, spread over the alphabet,
        // as "queries".
        let mut distinct: Vec<&str> = stemmed.iter().map(|t| t.2.as_str()).collect();
        distinct.sort();
        distinct.dedup();
        let step = (distinct.len() / 120).max(1);
        for group in distinct.iter().step_by(step).collect::<Vec<_>>().chunks(3) {
            let terms: Vec<&str> = group.iter().map(|t| **t).collect();
            let gate = StemGate::for_terms(terms.iter().copied());
            let gated = tokens(&mut gated_analyzer(gate), &text);
            assert_eq!(gated.len(), stemmed.len());
            for (g, s) in gated.iter().zip(&stemmed) {
                assert_eq!((g.0, g.1), (s.0, s.1));
                let hit = terms.contains(&s.2.as_str());
                assert_eq!(terms.contains(&g.2.as_str()), hit, "{s:?} vs {g:?}");
                if hit {
                    assert_eq!(g.2, s.2);
                }
            }
        }
    }

    #[test]
    fn snippets_equal_tantivys_own() {
        let text = sample_text();
        let terms: BTreeMap<String, Score> = [
            ("oil", 0.3),
            ("price", 0.1),
            ("compani", 0.05),
            ("die", 0.2),
            ("vie", 0.2),
            ("a", 0.01),
            ("s", 0.01),
            ("1987", 0.02),
        ]
        .into_iter()
        .map(|(t, s)| (t.to_string(), s))
        .collect();
        let field = Field::from_field_id(0);
        for max in [60, 220, 1000] {
            let mut mine = FieldSnippets::for_terms(terms.clone(), field, max);
            let theirs = SnippetGenerator::new(terms.clone(), full_analyzer(), field, max);
            let mut seen_ascii = 0;
            let mut seen_other = 0;
            for chunk in text.as_bytes().chunks(1500) {
                let part = String::from_utf8_lossy(chunk);
                if part.is_ascii() {
                    seen_ascii += 1;
                } else {
                    seen_other += 1;
                }
                let (a, b) = (mine.snippet(&part), theirs.snippet(&part));
                let b = Highlighted::from_snippet(&b);
                assert_eq!(a.text, b.text);
                assert_eq!(a.highlights, b.highlights);
            }
            assert!(
                seen_ascii > 10 && seen_other > 0,
                "{seen_ascii} {seen_other}"
            );
        }
    }
}
