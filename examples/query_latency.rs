//! Prints newsdex's in-process query latency over `bench/queries.tsv`:
//! query + top 10 with snippets + counts for country and person, each query
//! run `ROUNDS` times; prints the median and p90 in milliseconds.
//!
//! usage: cargo run --release --example query_latency -- INDEX_DIR [ROUNDS]

use std::path::PathBuf;
use std::time::Instant;

use newsdex::index::NewsIndex;
use newsdex::search::{self, FacetField, SearchRequest};

fn main() -> anyhow::Result<()> {
    let country = FacetField::named("country").expect("declared facet");
    let person = FacetField::named("person").expect("declared facet");
    let mut args = std::env::args().skip(1);
    let index = PathBuf::from(args.next().unwrap_or_else(|| "newsdex-index".into()));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let queries =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/queries.tsv"))?;
    let news = NewsIndex::open(&index)?;
    let searcher = news.reader()?.searcher();
    let mut times = Vec::new();
    let mut per_query: Vec<(f64, String)> = Vec::new();
    let mut n_queries = 0;
    for line in queries
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let query = cols.next().unwrap_or("").to_string();
        let mut req = SearchRequest::new(query).facet(country).facet(person);
        if let Some(c) = cols.next().filter(|c| !c.is_empty()) {
            req = req.filter(country, c);
        }
        if let Some(p) = cols.next().filter(|p| !p.is_empty()) {
            req = req.filter(person, p);
        }
        n_queries += 1;
        let mut mine = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            let r = search::search(&news, &searcher, &req)?;
            mine.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(r);
        }
        mine.sort_by(f64::total_cmp);
        per_query.push((mine[mine.len() / 2], line.replace('\t', " | ")));
        times.extend(mine);
    }
    per_query.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, q) in per_query.iter().take(5) {
        println!("slowest: {ms:.3} ms  {q}");
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "queries={n_queries} rounds={rounds} median_ms={:.3} p90_ms={:.3}",
        pct(0.5),
        pct(0.9)
    );
    Ok(())
}
