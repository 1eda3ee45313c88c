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

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::{
    Language, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Score, Searcher, Term};

use crate::error::Result;
use crate::index::schema::{news_words, NEWS_TOKENIZER};

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
    news_words()
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

/// Makes the snippets of one field for one query.
pub struct FieldSnippets {
    generator: SnippetGenerator,
    /// The query has no term in this field: every snippet is empty.
    no_terms: bool,
}

impl FieldSnippets {
    /// A snippet maker for `field`, fragments of at most `max_chars`.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        max_chars: usize,
    ) -> Result<FieldSnippets> {
        let terms = weighted_terms(searcher, query, field)?;
        let no_terms = terms.is_empty();
        let tokenizer = searcher.schema().get_field_entry(field).field_type();
        let english = match tokenizer {
            tantivy::schema::FieldType::Str(o) => o
                .get_indexing_options()
                .is_some_and(|i| i.tokenizer() == NEWS_TOKENIZER),
            _ => false,
        };
        // The gate's shortcut holds for the English stemmer (see above);
        // another language's field is analysed by its own whole analyzer.
        let analyzer = if english {
            gated_analyzer(StemGate::for_terms(terms.keys().map(String::as_str)))
        } else {
            searcher.index().tokenizer_for_field(field)?
        };
        let generator = SnippetGenerator::new(terms, analyzer, field, max_chars);
        Ok(FieldSnippets {
            generator,
            no_terms,
        })
    }

    /// The best fragment of `text` (empty when no query term occurs in it).
    pub fn snippet(&self, text: &str) -> Snippet {
        if self.no_terms {
            return Snippet::empty();
        }
        self.generator.snippet(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TextAnalyzer;

    fn full_analyzer() -> TextAnalyzer {
        news_words().filter(Stemmer::new(Language::English)).build()
    }

    fn unstemmed_analyzer() -> TextAnalyzer {
        news_words().build()
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
        crate::parse::samples_and_reuters_text(
            "dying lying tying skies skis idly gently ugly early only singly news \
             howe atlas cosmos bias andes generously generalizations communism arsenal \
             yelling yes year Ying cried cries ties agreed feed proceeding exceedingly \
             succeed herring inning outing canning ÉCONOMIE Über naïve café",
        )
    }

    #[test]
    fn stems_keep_the_first_byte_and_never_grow() {
        let text = sample_text();
        let stemmed = tokens(&mut full_analyzer(), &text);
        let plain = tokens(&mut unstemmed_analyzer(), &text);
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
        let terms: BTreeMap<String, Score> = [("oil", 0.3), ("price", 0.1), ("compani", 0.05)]
            .into_iter()
            .map(|(t, s)| (t.to_string(), s))
            .collect();
        let field = Field::from_field_id(0);
        let gate = StemGate::for_terms(terms.keys().map(String::as_str));
        let mine = SnippetGenerator::new(terms.clone(), gated_analyzer(gate), field, 220);
        let theirs = SnippetGenerator::new(terms, full_analyzer(), field, 220);
        for chunk in text.as_bytes().chunks(3000) {
            let part = String::from_utf8_lossy(chunk);
            let (a, b) = (mine.snippet(&part), theirs.snippet(&part));
            assert_eq!(a.fragment(), b.fragment());
            assert_eq!(a.highlighted(), b.highlighted());
        }
    }
}
