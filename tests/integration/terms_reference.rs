//! `terms` against a straightforward count: the library's significant words
//! and phrases (counted by word ids, pairs only of over-represented words,
//! in parallel, phrases looked up only while they could be shown) must be
//! exactly those of a plain count of strings, one article after another,
//! every candidate phrase looked up, on real samples of Reuters-21578.

use std::collections::{BTreeMap, BTreeSet};

use newsdex::index::NewsIndex;
use newsdex::schema::FacetField;
use newsdex::search::terms::{jlh, MAX_SAMPLE, MIN_DOC_COUNT, PHRASE_CANDIDATES};
use newsdex::search::{self, SearchRequest, SignificantTerm, TermKind};
use tantivy::collector::Count;
use tantivy::query::PhraseQuery;
use tantivy::{Searcher, Term};

use crate::util::{idx, reuters_index};

/// A term's sampled articles and how often each spelling was written.
#[derive(Default)]
struct Tally {
    docs: BTreeSet<usize>,
    spellings: BTreeMap<String, u64>,
}

impl Tally {
    fn add(&mut self, doc: usize, spelling: String) {
        self.docs.insert(doc);
        *self.spellings.entry(spelling).or_default() += 1;
    }

    /// The most written spelling, the first in alphabetical order on a tie.
    fn spelling(&self) -> String {
        let most = self.spellings.values().max().copied().unwrap_or(0);
        self.spellings
            .iter()
            .find(|(_, &n)| n == most)
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    }
}

/// Every significant term of the hits of `req` (all of them sampled), as
/// `terms` defines them, counted plainly.
fn reference(news: &NewsIndex, searcher: &Searcher, req: &SearchRequest) -> Vec<SignificantTerm> {
    let stop: BTreeSet<&str> = include_str!("../../data/stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut bodies = Vec::new();
    let total = search::for_each_match(news, searcher, req, MAX_SAMPLE, |a| {
        bodies.push(a.body);
        Ok(true)
    })
    .expect("matches");
    assert_eq!(total, bodies.len(), "the whole hit list is the sample");
    let body = news.fields.body;
    let mut analyzer = news.index.tokenizer_for_field(body).expect("analyzer");
    let mut words: BTreeMap<String, Tally> = BTreeMap::new();
    let mut pairs: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for (doc, text) in bodies.iter().enumerate() {
        let text = format!("{text}\n");
        let mut stream = analyzer.token_stream(&text);
        let mut prev: Option<(String, String, usize)> = None;
        while let Some(tok) = stream.next() {
            let spelling = text[tok.offset_from..tok.offset_to].to_lowercase();
            if spelling.chars().count() < 2
                || spelling.chars().any(|c| c.is_ascii_digit())
                || stop.contains(spelling.as_str())
            {
                prev = None;
                continue;
            }
            words
                .entry(tok.text.clone())
                .or_default()
                .add(doc, spelling.clone());
            if let Some((p_stem, p_spelling, p_pos)) = prev.take() {
                if p_pos + 1 == tok.position {
                    pairs
                        .entry((p_stem, tok.text.clone()))
                        .or_default()
                        .add(doc, format!("{p_spelling} {spelling}"));
                }
            }
            prev = Some((tok.text.clone(), spelling, tok.position));
        }
    }
    let fg_n = bodies.len() as u64;
    let bg_n = searcher.num_docs();
    let min = MIN_DOC_COUNT.min(fg_n.max(1));
    let mut out = Vec::new();
    let mut over = BTreeSet::new();
    for (stem, t) in &words {
        let fg = t.docs.len() as u64;
        if fg < min {
            continue;
        }
        let bg = searcher
            .doc_freq(&Term::from_field_text(body, stem))
            .expect("doc freq")
            .max(fg);
        let score = jlh(fg, fg_n, bg, bg_n);
        if score > 0.0 {
            over.insert(stem.clone());
            out.push(SignificantTerm {
                term: t.spelling(),
                kind: TermKind::Word,
                foreground: fg,
                background: bg,
                score,
            });
        }
    }
    let mut candidates: Vec<(&(String, String), &Tally)> = pairs
        .iter()
        .filter(|((a, b), t)| t.docs.len() as u64 >= min && over.contains(a) && over.contains(b))
        .collect();
    // Most articles first, then by the two stems as one string.
    candidates.sort_by(|x, y| {
        y.1.docs
            .len()
            .cmp(&x.1.docs.len())
            .then_with(|| format!("{} {}", x.0 .0, x.0 .1).cmp(&format!("{} {}", y.0 .0, y.0 .1)))
    });
    for ((a, b), t) in candidates.into_iter().take(PHRASE_CANDIDATES) {
        let fg = t.docs.len() as u64;
        let q = PhraseQuery::new(vec![
            Term::from_field_text(body, a),
            Term::from_field_text(body, b),
        ]);
        let bg = (searcher.search(&q, &Count).expect("phrase") as u64).max(fg);
        let score = jlh(fg, fg_n, bg, bg_n);
        if score > 0.0 {
            out.push(SignificantTerm {
                term: t.spelling(),
                kind: TermKind::Phrase,
                foreground: fg,
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
    out
}

#[test]
fn terms_are_those_of_a_plain_count() {
    let Some((dir, _)) = reuters_index() else {
        return;
    };
    let news = NewsIndex::open(&idx(dir)).expect("opens");
    let searcher = news.reader().expect("reader").searcher();
    let topic = FacetField::named("topic").expect("declared facet");
    for req in [
        SearchRequest::new("oil"),
        SearchRequest::new("coffee OR cocoa"),
        SearchRequest::default().filter(topic, "grain"),
    ] {
        let want = reference(&news, &searcher, &req);
        let got = search::significant_terms(&news, &searcher, &req, usize::MAX, MAX_SAMPLE)
            .expect("terms");
        assert!(got.sampled >= 100, "{:?}: a real sample", req.query);
        assert!(want.len() >= 50, "{:?}: {} terms", req.query, want.len());
        assert!(want.iter().any(|t| t.kind == TermKind::Phrase));
        assert_eq!(got.terms.len(), want.len(), "{:?}", req.query);
        for (g, w) in got.terms.iter().zip(&want) {
            assert_eq!(g, w, "{:?}", req.query);
        }
        // Fewer shown: phrases that could not be among them are not looked
        // up, and the list is still the reference's head.
        for top in [1, 5, 20, 60] {
            let got =
                search::significant_terms(&news, &searcher, &req, top, MAX_SAMPLE).expect("terms");
            assert_eq!(
                got.terms,
                want[..top.min(want.len())],
                "{:?} top {top}",
                req.query
            );
        }
    }
}
