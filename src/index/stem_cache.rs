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
            cache: StemCache::default(),
        }
    }
}

/// Words this long or shorter are cached inline, as one `u128` key and
/// value: a hit is then one probe with no pointer to chase (boxed keys made
/// the cache's own memory misses show in perf).
const INLINE: usize = 16;

/// A word or stem of at most [`INLINE`] bytes, zero-padded (tokens never
/// contain NUL, so the padding is unambiguous).
fn pack(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > INLINE {
        return None;
    }
    let mut buf = [0u8; INLINE];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// The cached stems of one tokenizer instance.
#[derive(Clone, Default)]
struct StemCache {
    /// Packed word → packed stem, or 0 when the stem is the word itself.
    short: FxHashMap<u128, u128>,
    /// Longer words → their stem, or `None` when it is the word itself.
    long: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl StemCache {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Replaces `text` by its stem, computing it on a miss.
    fn stem_in_place(&mut self, stemmer: &frostem::Stemmer, text: &mut String) {
        let stem_of = |word: &str| match stemmer.stem(word) {
            Cow::Borrowed(s) if s.len() == word.len() => None,
            other => Some(other.into_owned()),
        };
        if let Some(key) = pack(text) {
            let packed = *self.short.entry(key).or_insert_with(|| {
                // A stem is never longer than its word, so it packs too.
                stem_of(text).map_or(0, |stem| pack(&stem).unwrap_or(0))
            });
            if packed != 0 {
                let bytes = packed.to_le_bytes();
                let len = bytes.iter().position(|&b| b == 0).unwrap_or(INLINE);
                // The stem of a word is ASCII-folded lower-case letters cut
                // from the word, so these bytes are valid UTF-8.
                if let Ok(stem) = std::str::from_utf8(&bytes[..len]) {
                    text.clear();
                    text.push_str(stem);
                }
            }
            return;
        }
        if !self.long.contains_key(text.as_str()) {
            let stem = stem_of(text).map(String::into_boxed_str);
            self.long.insert(text.as_str().into(), stem);
        }
        if let Some(Some(stem)) = self.long.get(text.as_str()) {
            text.clear();
            text.push_str(stem);
        }
    }
}

/// The tokenizer [`CachedEnglishStemmer`] wraps around another.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > MAX_ENTRIES {
            self.cache = StemCache::default();
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
    cache: &'a mut StemCache,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        self.cache.stem_in_place(&self.stemmer, &mut token.text);
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
                    were generously generalized, running again and again. Sky skies \
                    internationalization counterrevolutionaries institutionalizations \
                    Économies déjà naïve";
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
