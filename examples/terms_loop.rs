//! Runs `terms` on an index in a loop (for `perf record`) and prints the
//! median time of its `ROUNDS` calls; TOPIC adds a topic filter.
//!
//! usage: cargo run --release --example terms_loop -- INDEX_DIR QUERY [ROUNDS] [TOPIC]

use std::path::PathBuf;
use std::time::Instant;

use newsdex::index::NewsIndex;
use newsdex::search::{self, FacetField, SearchRequest};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let index = PathBuf::from(args.next().unwrap_or_else(|| "newsdex-index".into()));
    let query = args.next().unwrap_or_else(|| "oil".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let news = NewsIndex::open(&index)?;
    let searcher = news.reader()?.searcher();
    let mut req = SearchRequest::new(query);
    if let Some(t) = args.next() {
        req = req.filter(FacetField::named("topic").expect("declared"), t);
    }
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let r = search::significant_terms(&news, &searcher, &req, 20, 1000)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        n = r.terms.len();
    }
    times.sort_by(f64::total_cmp);
    println!("{n} terms, median {:.2} ms of {rounds}", times[rounds / 2]);
    Ok(())
}
