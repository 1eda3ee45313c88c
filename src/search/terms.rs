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

mod sample;

use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::PhraseQuery;
use tantivy::{DocAddress, Searcher, Term};

use super::{AppliedFilter, SearchRequest};
use crate::error::Result;
use crate::index::NewsIndex;
use sample::Sample;

/// Best-ranked hits scored by default.
pub const DEFAULT_SAMPLE: usize = 1_000;
/// Most hits one request may sample.
pub const MAX_SAMPLE: usize = 10_000;
/// Sampled articles a term must appear in (Elasticsearch's
/// `min_doc_count` default), or all of them when fewer are sampled.
pub const MIN_DOC_COUNT: u64 = 3;
/// Phrases whose background is looked up (one phrase query each), the
/// ones in most sampled articles first.
pub const PHRASE_CANDIDATES: usize = 150;

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
    let addrs: Vec<DocAddress> = best.iter().map(|&(_, addr)| addr).collect();
    let sample = Sample::count(searcher, body, &analyzer, &addrs)?;

    let fg_n = best.len() as u64;
    let bg_n = searcher.num_docs();
    let min = MIN_DOC_COUNT.min(fg_n.max(1));
    // The background of every word in enough sampled articles, looked up in
    // each segment's term dictionary (in parallel: a few thousand lookups).
    let inverted: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.inverted_index(body))
        .collect::<tantivy::Result<_>>()?;
    let counted: Vec<(u32, u64, u64)> = sample
        .words()
        .filter(|&(_, _, docs)| docs >= min)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(stem, text, docs)| {
            let mut bg = 0;
            for inv in &inverted {
                bg += inv.terms().get(text)?.map_or(0, |t| u64::from(t.doc_freq));
            }
            // The foreground is part of the background: never below it.
            Ok((stem, docs, bg.max(docs)))
        })
        .collect::<std::io::Result<_>>()
        .map_err(tantivy::TantivyError::from)?;
    let mut over = vec![false; sample.num_stems()];
    let mut words = Vec::new();
    for (stem, docs, bg) in counted {
        let score = jlh(docs, fg_n, bg, bg_n);
        if score > 0.0 {
            over[stem as usize] = true;
            words.push((stem, docs, bg, score));
        }
    }
    let spellings = sample.word_spellings(&words.iter().map(|w| w.0).collect::<Vec<_>>());
    let mut out: Vec<SignificantTerm> = words
        .into_iter()
        .map(|(stem, docs, bg, score)| SignificantTerm {
            term: spellings.get(&stem).cloned().unwrap_or_default(),
            kind: TermKind::Word,
            foreground: docs,
            background: bg,
            score,
        })
        .collect();
    // A phrase can only be over-represented if both its words are, so only
    // those pairs are counted; the ones in most sampled articles are looked
    // up (one phrase query each, in parallel).
    let pairs = sample.pairs(&over);
    let mut candidates: Vec<((u32, u32), u64, String)> = pairs
        .docs
        .iter()
        .filter(|&(_, &docs)| docs >= min)
        .map(|(&(a, b), &docs)| {
            (
                (a, b),
                docs,
                format!("{} {}", sample.stem(a), sample.stem(b)),
            )
        })
        .collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
    candidates.truncate(PHRASE_CANDIDATES);
    let spellings =
        sample.pair_spellings(&pairs, &candidates.iter().map(|c| c.0).collect::<Vec<_>>());
    // Only the best `top` terms are shown, and a phrase scores at most what
    // it would if no article outside the sample held it (JLH falls as the
    // background grows). The candidates come most frequent first, so their
    // best possible scores fall too: phrases are looked up a batch at a
    // time until the next one's best possible score is below the `top`-th
    // best score known, when neither it nor any after it could be shown.
    let mut best_scores: Vec<f64> = out.iter().map(|t| t.score).collect();
    let batch = rayon::current_num_threads().max(1) * 4;
    let mut rest = candidates.as_slice();
    while !rest.is_empty() {
        best_scores.sort_by(|a, b| b.total_cmp(a));
        best_scores.truncate(top);
        let bar = match top {
            0 => f64::INFINITY,
            _ if best_scores.len() >= top => best_scores[top - 1],
            _ => f64::NEG_INFINITY,
        };
        let n = rest
            .iter()
            .take(batch)
            .take_while(|(_, docs, _)| jlh(*docs, fg_n, *docs, bg_n) >= bar)
            .count();
        if n == 0 {
            break;
        }
        let (now, later) = rest.split_at(n);
        rest = later;
        let looked_up: Vec<Option<SignificantTerm>> = now
            .par_iter()
            .map(|&((a, b), docs, _)| {
                let terms = vec![
                    Term::from_field_text(body, sample.stem(a)),
                    Term::from_field_text(body, sample.stem(b)),
                ];
                let bg = (searcher.search(&PhraseQuery::new(terms), &Count)? as u64).max(docs);
                let score = jlh(docs, fg_n, bg, bg_n);
                Ok((score > 0.0).then(|| SignificantTerm {
                    term: spellings.get(&(a, b)).cloned().unwrap_or_default(),
                    kind: TermKind::Phrase,
                    foreground: docs,
                    background: bg,
                    score,
                }))
            })
            .collect::<Result<_>>()?;
        for t in looked_up.into_iter().flatten() {
            best_scores.push(t.score);
            out.push(t);
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
