//! How topical are `newsdex similar`'s answers? For `N` Reuters-21578
//! articles with TOPICS tags (a fixed pseudo-random pick), the share of
//! their top 10 similar articles that share at least one topic with them,
//! against the same share for 10 articles picked at random (among the
//! tagged articles, and among all). The tags are never part of the
//! similarity query, which reads title and body only. Also prints the
//! median time of one `similar` call.
//!
//! usage: cargo run --release --example similar_topics -- INDEX_DIR [N]

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use newsdex::index::{document, NewsIndex};
use newsdex::schema::FacetField;
use newsdex::search::{self, SearchRequest};
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::{DocAddress, TantivyDocument};

/// A small deterministic generator (SplitMix64), so runs pick the same articles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let index = PathBuf::from(args.next().unwrap_or_else(|| "newsdex-index".into()));
    let n: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(300);
    let news = NewsIndex::open(&index)?;
    let searcher = news.reader()?.searcher();
    let topic = news
        .fields
        .facet(FacetField::named("topic").expect("declared facet"));
    let mut all: Vec<DocAddress> = searcher
        .search(&AllQuery, &DocSetCollector)?
        .into_iter()
        .collect();
    all.sort();
    let info = |addr: DocAddress| -> anyhow::Result<(String, HashSet<String>)> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = document::first_text(&doc, news.fields.id).unwrap_or_default();
        Ok((id, document::all_text(&doc, topic).into_iter().collect()))
    };
    let mut tagged = Vec::new();
    for &a in &all {
        let (id, topics) = info(a)?;
        if !topics.is_empty() {
            tagged.push((id, topics));
        }
    }
    let mut rng = Rng(21578);
    let base = SearchRequest::default();
    let (mut similar_shared, mut similar_seen) = (0usize, 0usize);
    let (mut random_tagged, mut random_all, mut random_seen) = (0usize, 0usize, 0usize);
    let mut times = Vec::new();
    for _ in 0..n {
        let (id, topics) = &tagged[rng.below(tagged.len())];
        let t = Instant::now();
        let r = search::similar(&news, &searcher, id, &base, 10)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        for h in &r.hits {
            let theirs = h
                .values
                .get(newsdex::article::field::TOPIC)
                .map(|v| v.values())
                .unwrap_or_default();
            similar_seen += 1;
            if theirs.iter().any(|t| topics.contains(*t)) {
                similar_shared += 1;
            }
        }
        for _ in 0..10 {
            random_seen += 1;
            let (other, theirs) = &tagged[rng.below(tagged.len())];
            if other != id && !theirs.is_disjoint(topics) {
                random_tagged += 1;
            }
            let (other, theirs) = info(all[rng.below(all.len())])?;
            if &other != id && !theirs.is_disjoint(topics) {
                random_all += 1;
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let share = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "{n} tagged articles of {} ({} tagged) in {}",
        all.len(),
        tagged.len(),
        index.display()
    );
    println!(
        "top 10 similar sharing a topic: {:.1}% ({similar_shared} of {similar_seen})",
        share(similar_shared, similar_seen)
    );
    println!(
        "10 random tagged articles sharing a topic: {:.1}% ({random_tagged} of {random_seen})",
        share(random_tagged, random_seen)
    );
    println!(
        "10 random articles sharing a topic: {:.1}% ({random_all} of {random_seen})",
        share(random_all, random_seen)
    );
    println!(
        "similar, top 10 with snippets: median {:.2} ms, p90 {:.2} ms",
        times[times.len() / 2],
        times[times.len() * 9 / 10]
    );
    Ok(())
}
