//! Significant words and two-word phrases: what sets a query's hits apart
//! from the whole index (Elasticsearch's `significant_text`).
//!
//! The foreground is a sample of the best-ranked hits (as Elasticsearch's
//! sampler: 1,000 by default): their stored bodies are tokenised again
//! with the index's own analyzer, and each word (stem) and each pair of
//! adjacent words is counted once per article. The background is the
//! whole index: a word's document frequency comes from the inverted index,
//! a phrase's from a phrase query. Both are scored with JLH, the default
//! heuristic of Elasticsearch's `significant_terms`:
//!
//! ```text
//! fg = foreground articles with the term / sampled articles
//! bg = background articles with the term / articles in the index
//! JLH = (fg - bg) * (fg / bg)          (0 where fg <= bg)
//! ```
//!
//! The first factor rewards an absolute rise, the second a relative one, so
//! neither very common words ("said") nor one-off rarities win. Stop words
//! (`data/stopwords.txt`), words with digits and one-letter words are left
//! out; a term must be in at least [`MIN_DOC_COUNT`] sampled articles.

use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::PhraseQuery;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::{AppliedFilter, SearchRequest};
use crate::error::Result;
use crate::index::NewsIndex;

/// Best-ranked hits scored by default.
pub const DEFAULT_SAMPLE: usize = 1_000;
/// Most hits one request may sample.
pub const MAX_SAMPLE: usize = 10_000;
/// Sampled articles a term must appear in (Elasticsearch's
/// `min_doc_count` default), or all of them when fewer are sampled.
pub const MIN_DOC_COUNT: u64 = 3;
/// Phrases whose background is looked up (one phrase query each), the
/// ones in most sampled articles first.
const PHRASE_CANDIDATES: usize = 150;

/// Words and phrases, or only one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Word,
    Phrase,
}

/// One significant word or phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignificantTerm {
    /// As written most often in the sample, lower-cased.
    pub term: String,
    pub kind: TermKind,
    /// Sampled articles that contain it.
    pub foreground: u64,
    /// Articles in the index that contain it.
    pub background: u64,
    /// JLH score (see the module doc).
    pub score: f64,
}

/// The significant terms of a query's hits.
#[derive(Debug, Clone, Serialize)]
pub struct SignificantTerms {
    pub query: String,
    pub filters: Vec<AppliedFilter>,
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// Hits of the query and filters.
    pub total: usize,
    /// Best-ranked hits tokenised: the foreground.
    pub sampled: usize,
    /// Articles in the index: the background.
    pub background_documents: u64,
    /// The scoring heuristic (`jlh`).
    pub heuristic: &'static str,
    /// Sampled articles a term had to appear in.
    pub min_doc_count: u64,
    pub terms: Vec<SignificantTerm>,
    pub took_ms: f64,
}

/// The stop words of `data/stopwords.txt`.
fn stop_words() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../../data/stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// The stop words as owned strings (for tantivy's more-like-this).
pub(crate) fn stop_word_list() -> Vec<String> {
    stop_words().iter().map(|w| w.to_string()).collect()
}

/// Whether a word (lower-cased, as written) can be a significant term.
fn eligible(surface: &str) -> bool {
    surface.chars().count() > 1
        && !surface.chars().any(|c| c.is_ascii_digit())
        && !stop_words().contains(surface)
}

/// Counts of one term in the sample.
#[derive(Default)]
struct Tally {
    docs: u64,
    /// The last sampled article counted, so each counts once.
    last: usize,
    /// Spellings and how often each was seen.
    spellings: Vec<(String, u32)>,
}

impl Tally {
    fn add(&mut self, doc: usize, spelling: &str) {
        if self.docs == 0 || self.last != doc {
            self.docs += 1;
            self.last = doc;
        }
        match self.spellings.iter_mut().find(|(s, _)| s == spelling) {
            Some((_, n)) => *n += 1,
            None => self.spellings.push((spelling.to_string(), 1)),
        }
    }

    fn spelling(&self) -> String {
        self.spellings
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    }
}

/// Count `key` once for sampled article `doc`, allocating only for a new
/// key.
fn tally(map: &mut FxHashMap<String, Tally>, key: &str, doc: usize, spelling: &str) {
    match map.get_mut(key) {
        Some(t) => t.add(doc, spelling),
        None => {
            let mut t = Tally::default();
            t.add(doc, spelling);
            map.insert(key.to_string(), t);
        }
    }
}

/// Word or phrase counts of a sample, by stem key.
type Counts = FxHashMap<String, Tally>;

/// The words and adjacent word pairs of `chunk`'s bodies (sampled articles
/// `first..`), tokenised with the field's `analyzer`.
fn count_sample(
    searcher: &Searcher,
    body: Field,
    mut analyzer: TextAnalyzer,
    first: usize,
    chunk: &[(f32, DocAddress)],
) -> Result<(Counts, Counts)> {
    // Sized for what a news sample holds (Reuters' `oil`: 6,522 words and
    // 28,961 pairs in 1,000 articles), so the maps are not grown step by step.
    let mut words = Counts::with_capacity_and_hasher(chunk.len() * 8, Default::default());
    let mut phrases = Counts::with_capacity_and_hasher(chunk.len() * 32, Default::default());
    let mut text = String::new();
    for (n, (_, addr)) in chunk.iter().enumerate() {
        let i = first + n;
        let doc: TantivyDocument = searcher.doc(*addr)?;
        text.clear();
        for v in doc.get_all(body) {
            if let Some(s) = v.as_str() {
                text.push_str(s);
                text.push('\n');
            }
        }
        let mut stream = analyzer.token_stream(&text);
        // The previous eligible word: its stem, spelling and position.
        let mut prev: Option<(String, String, usize)> = None;
        let mut spelling = String::new();
        let mut key = String::new();
        let mut pair = String::new();
        while let Some(tok) = stream.next() {
            spelling.clear();
            let written = text.get(tok.offset_from..tok.offset_to).unwrap_or_default();
            if written.is_ascii() {
                spelling.push_str(written);
                spelling.make_ascii_lowercase();
            } else {
                spelling.push_str(&written.to_lowercase());
            }
            if !eligible(&spelling) {
                prev = None;
                continue;
            }
            tally(&mut words, &tok.text, i, &spelling);
            if let Some((p_stem, p_spelling, p_pos)) = &mut prev {
                if *p_pos + 1 == tok.position {
                    key.clear();
                    key.push_str(p_stem);
                    key.push(' ');
                    key.push_str(&tok.text);
                    pair.clear();
                    pair.push_str(p_spelling);
                    pair.push(' ');
                    pair.push_str(&spelling);
                    tally(&mut phrases, &key, i, &pair);
                }
                p_stem.clear();
                p_stem.push_str(&tok.text);
                p_spelling.clear();
                p_spelling.push_str(&spelling);
                *p_pos = tok.position;
            } else {
                prev = Some((tok.text.clone(), spelling.clone(), tok.position));
            }
        }
    }

    Ok((words, phrases))
}

/// Add the counts of another part of the sample (other articles) to `all`.
fn merge(all: &mut Counts, part: Counts) {
    for (key, t) in part {
        match all.get_mut(&key) {
            Some(a) => {
                a.docs += t.docs;
                for (s, n) in t.spellings {
                    match a.spellings.iter_mut().find(|(x, _)| *x == s) {
                        Some((_, m)) => *m += n,
                        None => a.spellings.push((s, n)),
                    }
                }
            }
            None => {
                all.insert(key, t);
            }
        }
    }
}

/// JLH of a term in `fg` of `fg_n` sampled and `bg` of `bg_n` articles.
pub fn jlh(fg: u64, fg_n: u64, bg: u64, bg_n: u64) -> f64 {
    if fg_n == 0 || bg_n == 0 || bg == 0 {
        return 0.0;
    }
    let f = fg as f64 / fg_n as f64;
    let b = bg as f64 / bg_n as f64;
    if f <= b {
        0.0
    } else {
        (f - b) * (f / b)
    }
}

/// The `top` most significant words and phrases of the hits of `req` (its
/// facets, limit and sort are ignored), scoring the best-ranked `sample`
/// hits against the whole index.
pub fn significant_terms(
    news: &NewsIndex,
    searcher: &Searcher,
    req: &SearchRequest,
    top: usize,
    sample: usize,
) -> Result<SignificantTerms> {
    let start = std::time::Instant::now();
    let (query, filters) = super::full_query(news, searcher, req)?;
    let sample = sample.clamp(1, MAX_SAMPLE);
    let (total, best) = searcher.search(
        &*query,
        &(Count, TopDocs::with_limit(sample).order_by_score()),
    )?;
    // The words of the best hit's language, in its body field and analyzer
    // (hits in other languages have no text there and add no words).
    let body = match best.first() {
        Some((_, addr)) => news.fields.text_of(&searcher.doc(*addr)?).body,
        None => news.fields.body,
    };
    let analyzer = news.index.tokenizer_for_field(body)?;
    // The sample is counted in parallel, a contiguous run of hits per task
    // (so an article's tokens stay in one task), and the counts are added.
    let per_task = best
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let counted: Vec<(Counts, Counts)> = best
        .par_chunks(per_task)
        .enumerate()
        .map(|(task, chunk)| count_sample(searcher, body, analyzer.clone(), task * per_task, chunk))
        .collect::<Result<_>>()?;
    let mut words = Counts::default();
    let mut phrases = Counts::default();
    for (w, p) in counted {
        merge(&mut words, w);
        merge(&mut phrases, p);
    }

    let fg_n = best.len() as u64;
    let bg_n = searcher.num_docs();
    let min = MIN_DOC_COUNT.min(fg_n.max(1));
    let mut out = Vec::new();
    let mut over: FxHashSet<&str> = FxHashSet::default();
    for (stem, t) in words.iter().filter(|(_, t)| t.docs >= min) {
        // The foreground is part of the background: never below it.
        let bg = searcher
            .doc_freq(&Term::from_field_text(body, stem))?
            .max(t.docs);
        let score = jlh(t.docs, fg_n, bg, bg_n);
        if score > 0.0 {
            over.insert(stem.as_str());
            out.push(SignificantTerm {
                term: t.spelling(),
                kind: TermKind::Word,
                foreground: t.docs,
                background: bg,
                score,
            });
        }
    }
    // A phrase can only be over-represented if both its words are, so
    // only those phrases are looked up, the most frequent first.
    let mut candidates: Vec<(&String, &Tally)> = phrases
        .iter()
        .filter(|(k, t)| {
            t.docs >= min
                && k.split_once(' ')
                    .is_some_and(|(a, b)| over.contains(a) && over.contains(b))
        })
        .collect();
    candidates.sort_by(|a, b| b.1.docs.cmp(&a.1.docs).then_with(|| a.0.cmp(b.0)));
    for (key, t) in candidates.into_iter().take(PHRASE_CANDIDATES) {
        let terms: Vec<Term> = key
            .split(' ')
            .map(|w| Term::from_field_text(body, w))
            .collect();
        let bg = (searcher.search(&PhraseQuery::new(terms), &Count)? as u64).max(t.docs);
        let score = jlh(t.docs, fg_n, bg, bg_n);
        if score > 0.0 {
            out.push(SignificantTerm {
                term: t.spelling(),
                kind: TermKind::Phrase,
                foreground: t.docs,
                background: bg,
                score,
            });
        }
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.term.cmp(&b.term))
    });
    out.truncate(top);
    Ok(SignificantTerms {
        query: req.query.clone(),
        filters,
        since: req.since,
        until: req.until,
        total,
        sampled: best.len(),
        background_documents: bg_n,
        heuristic: "jlh",
        min_doc_count: min,
        terms: out,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jlh_rewards_over_representation_only() {
        // As frequent in the hits as in the index: nothing.
        assert_eq!(jlh(50, 100, 5_000, 10_000), 0.0);
        assert_eq!(jlh(10, 100, 5_000, 10_000), 0.0);
        // Elasticsearch's worked example shape: (0.5 - 0.01) * 50.
        assert!((jlh(50, 100, 100, 10_000) - 24.5).abs() < 1e-9);
        // A rise from rare beats the same rise from common.
        assert!(jlh(30, 100, 10, 10_000) > jlh(60, 100, 3_000, 10_000));
        assert_eq!(jlh(1, 0, 1, 1), 0.0);
    }

    #[test]
    fn stop_words_numbers_and_letters_are_not_terms() {
        for w in ["the", "would", "1987", "g7", "s", "x"] {
            assert!(!eligible(w), "{w}");
        }
        for w in ["cocoa", "icco", "buffer", "said"] {
            assert!(eligible(w), "{w}");
        }
    }
}
