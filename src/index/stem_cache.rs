//! An English stemming token filter that remembers the stems it computed.
//!
//! Word frequencies in news follow Zipf's law: a few thousand words make up
//! most tokens, so stemming the same word again and again was a fifth of the
//! CPU time of indexing Reuters-21578 (perf). This filter gives the same
//! stems as tantivy's `Stemmer` (it calls the same `frostem` algorithm) and
//! keeps them in a map owned by the tokenizer instance; tantivy clones the
//! analyzer per indexing thread, so the map needs no locking.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Entries kept before the map is emptied; bounds memory on corpora with
/// huge vocabularies (each entry is two short strings).
const MAX_ENTRIES: usize = 200_000;

/// Token filter: English snowball stems, cached per tokenizer instance.
#[derive(Clone, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: FxHashMap::default(),
        }
    }
}

/// The tokenizer [`CachedEnglishStemmer`] wraps around another.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    /// Word → its stem, or `None` when the stem is the word itself.
    cache: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > MAX_ENTRIES {
            self.cache.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// Token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut FxHashMap<Box<str>, Option<Box<str>>>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.cache.get(token.text.as_str()) {
            Some(Some(stem)) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            Some(None) => {}
            None => {
                let word: Box<str> = token.text.as_str().into();
                let stem = match self.stemmer.stem(&word) {
                    Cow::Borrowed(s) if s.len() == word.len() => None,
                    other => Some(other.into_owned().into_boxed_str()),
                };
                if let Some(stem) = &stem {
                    token.text.clear();
                    token.text.push_str(stem);
                }
                self.cache.insert(word, stem);
            }
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

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn same_stems_as_tantivys_stemmer_twice_over() {
        let text = "Running runners ran; the economies of economic economists \
                    were generously generalized, running again and again. Sky skies";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let expected = tokens(&mut plain, text);
        assert!(expected.contains(&"econom".to_string()));
        // The second pass is answered from the cache.
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached, text), expected);
    }
}
