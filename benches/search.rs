//! Query latency with facet counts, in process: query, top 10 with snippets,
//! and counts for country and person, without and with a country filter
//! (multi-select: the filtered facet is counted again without its filter).
//! The index is built once from Reuters-21578 (or the samples when the
//! corpus is absent) in a temporary folder.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use newsdex::index::NewsIndex;
use newsdex::ingest::{run_index, IndexOptions};
use newsdex::search::{self, FacetField, SearchRequest};

fn source() -> PathBuf {
    let c = newsdex::eval::default_corpus_dir().unwrap_or_default();
    let r = c.join("reuters21578");
    if r.is_dir() {
        r
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
    }
}

const QUERIES: &[&str] = &[
    "oil",
    "coffee",
    "interest rates",
    "\"trade deficit\"",
    "opec production",
    "bank",
    "econom*",
    "wheat exports",
    "yen dollar",
    "acquisition",
];

fn bench_queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = IndexOptions::new(dir.path().join("idx"), vec![source()]);
    run_index(&opts, |_| {}).expect("index builds");
    let news = NewsIndex::open(&opts.index_dir).expect("opens");
    let searcher = news.reader().expect("reader").searcher();
    let country = FacetField::named("country").expect("declared facet");
    let person = FacetField::named("person").expect("declared facet");
    let mut g = c.benchmark_group("search");
    g.bench_function("query_top10_snippets_two_facets", |b| {
        let mut i = 0;
        b.iter(|| {
            let req = SearchRequest::new(QUERIES[i % QUERIES.len()])
                .facet(country)
                .facet(person);
            i += 1;
            search::search(&news, &searcher, &req)
                .expect("search")
                .total
        })
    });
    // One hit per story: the matching copies are found and left out first,
    // and every hit's copy count is read (counted for a cluster's first).
    g.bench_function("query_top10_snippets_two_facets_collapsed", |b| {
        let mut i = 0;
        b.iter(|| {
            let req = SearchRequest::new(QUERIES[i % QUERIES.len()])
                .facet(country)
                .facet(person)
                .collapse(search::Collapse::Earliest);
            i += 1;
            search::search(&news, &searcher, &req)
                .expect("search")
                .total
        })
    });
    // A filtered facet is counted again without its own filter (multi-select).
    // Filters the index does not hold (the samples) are left out.
    let filtered: Vec<SearchRequest> = FILTERED
        .iter()
        .map(|(query, value)| {
            SearchRequest::new(*query)
                .filter(country, *value)
                .facet(country)
                .facet(person)
        })
        .filter(|req| search::search(&news, &searcher, req).is_ok())
        .collect();
    if !filtered.is_empty() {
        g.bench_function("query_top10_snippets_two_facets_country_filter", |b| {
            let mut i = 0;
            b.iter(|| {
                let req = &filtered[i % filtered.len()];
                i += 1;
                search::search(&news, &searcher, req).expect("search").total
            })
        });
    }
    g.finish();
}

const FILTERED: &[(&str, &str)] = &[
    ("oil", "venezuela"),
    ("coffee", "brazil"),
    ("trade", "japan"),
    ("grain", "ussr"),
    ("banks", "uk"),
];

criterion_group!(benches, bench_queries);
criterion_main!(benches);
