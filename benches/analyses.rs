//! The coverage analyses in process, on an index of Reuters-21578 (or the
//! samples when the corpus is absent) built once in a temporary folder:
//! compare of 4 queries by month, significant terms on a 1,000-hit sample,
//! similar (top 10 with snippets), cooccur of 10 x 10 values.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use newsdex::index::NewsIndex;
use newsdex::ingest::{run_index, IndexOptions};
use newsdex::search::{self, FacetField, Interval, SearchRequest};

fn source() -> PathBuf {
    let c = newsdex::eval::default_corpus_dir().unwrap_or_default();
    let r = c.join("reuters21578");
    if r.is_dir() {
        r
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
    }
}

/// Articles compared in the `similar` bench (Reuters-21578 ids; ids the
/// index does not hold are left out).
const SIMILAR_IDS: &[&str] = &["10584", "5", "1000", "12345", "20000", "15000"];

fn bench_analyses(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = IndexOptions::new(dir.path().join("idx"), vec![source()]);
    run_index(&opts, |_| {}).expect("index builds");
    let news = NewsIndex::open(&opts.index_dir).expect("opens");
    let searcher = news.reader().expect("reader").searcher();
    let topic = FacetField::named("topic").expect("declared facet");
    let person = FacetField::named("person").expect("declared facet");
    let country = FacetField::named("country").expect("declared facet");
    let mut g = c.benchmark_group("analyses");

    let queries: Vec<String> = ["oil", "coffee", "interest rates", "trade"]
        .map(String::from)
        .to_vec();
    let base = SearchRequest::default();
    g.bench_function("compare_4_queries_monthly", |b| {
        b.iter(|| {
            search::compare(&news, &searcher, &queries, &base, Interval::Month)
                .expect("compare")
                .all
                .total
        })
    });

    // "oil" has more than 1,000 hits, so the sample is full.
    let oil = SearchRequest::new("oil");
    g.bench_function("terms_sample_1000", |b| {
        b.iter(|| {
            search::significant_terms(&news, &searcher, &oil, 20, 1000)
                .expect("terms")
                .terms
                .len()
        })
    });
    let cocoa = SearchRequest::default().filter(topic, "cocoa");
    if search::search(&news, &searcher, &cocoa).is_ok() {
        g.bench_function("terms_topic_cocoa", |b| {
            b.iter(|| {
                search::significant_terms(&news, &searcher, &cocoa, 20, 1000)
                    .expect("terms")
                    .terms
                    .len()
            })
        });
    }

    let ids: Vec<&str> = SIMILAR_IDS
        .iter()
        .copied()
        .filter(|id| search::show(&news, &searcher, id).is_ok())
        .collect();
    if !ids.is_empty() {
        g.bench_function("similar_top10", |b| {
            let mut i = 0;
            b.iter(|| {
                let id = ids[i % ids.len()];
                i += 1;
                search::similar(&news, &searcher, id, &base, 10)
                    .expect("similar")
                    .total
            })
        });
    }

    g.bench_function("cooccur_person_country_10x10_all", |b| {
        b.iter(|| {
            search::cooccur(&news, &searcher, &base, person, country, 10)
                .expect("cooccur")
                .total
        })
    });
    g.finish();
}

criterion_group!(benches, bench_analyses);
criterion_main!(benches);
