//! Indexing throughput: the full-text analyzer alone (tantivy's stemmer
//! against newsdex's cached one) and a whole `run_index` over a fixed slice
//! of Reuters-21578 (parse, extract, index, commit), in bytes per second;
//! and the near-duplicate sketch of the same slice's texts.
//! Falls back to the repository's samples when the corpus is absent.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::index::schema::news_words;
use newsdex::index::stem_cache::CachedEnglishStemmer;
use newsdex::ingest::{run_index, IndexOptions};
use newsdex::parse;
use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, TokenStream};

/// The first three Reuters-21578 files (about 3,000 stories, 3.5 MB), or
/// the samples.
fn slice() -> Vec<PathBuf> {
    let corpus = newsdex::eval::default_corpus_dir().unwrap_or_default();
    let reuters = corpus.join("reuters21578");
    let files: Vec<PathBuf> = (0..3)
        .map(|i| reuters.join(format!("reut2-{i:03}.sgm")))
        .filter(|p| p.is_file())
        .collect();
    if files.is_empty() {
        vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")]
    } else {
        files
    }
}

/// Titles and bodies of the slice, as the analyzer sees them.
fn texts(paths: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for input in parse::walk::walk(paths, None).files {
        if let Ok(parsed) = parse::parse_input(&input) {
            for a in parsed.articles {
                out.push(a.title);
                out.push(a.body);
            }
        }
    }
    out
}

fn analyzer(cached: bool) -> TextAnalyzer {
    if cached {
        news_words().filter(CachedEnglishStemmer).build()
    } else {
        news_words().filter(Stemmer::new(Language::English)).build()
    }
}

fn tokens(a: &mut TextAnalyzer, texts: &[String]) -> usize {
    let mut n = 0;
    for t in texts {
        let mut s = a.token_stream(t);
        while s.advance() {
            n += s.token().text.len();
        }
    }
    n
}

fn bench_analyzer(c: &mut Criterion) {
    let texts = texts(&slice());
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("analyzer");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    for (name, cached) in [("tantivy_stemmer", false), ("cached_stemmer", true)] {
        let mut a = analyzer(cached);
        g.bench_function(name, |b| b.iter(|| tokens(&mut a, &texts)));
    }
    g.finish();
}

/// Band keys of every body of the slice, one core: in one pass
/// (`text_keys`, what indexing does) and through the sorted shingle set
/// (`band_keys(&shingles(..))`, the reference it must equal); the
/// fingerprint the clustering pass compares candidates by; and the sort
/// that groups the pass's (key, document) entries, three ways.
fn bench_sketch(c: &mut Criterion) {
    use newsdex::index::dupes::signature::{band_keys, fingerprint, shingles, text_keys};
    let texts = texts(&slice());
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("dupes");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("text_keys_one_pass", |b| {
        b.iter(|| texts.iter().map(|t| text_keys(t).len()).sum::<usize>())
    });
    g.bench_function("fingerprint", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| fingerprint(t).shingles.len())
                .sum::<usize>()
        })
    });
    // The pass's entries: each 32-bit band key in the high half, the
    // document's number in the low half (`index::dupes::cluster`).
    let entries: Vec<u64> = texts
        .iter()
        .enumerate()
        .flat_map(|(n, t)| {
            text_keys(t).into_iter().flat_map(move |v| {
                newsdex::index::dupes::signature::unpack(v).map(|k| (u64::from(k) << 32) | n as u64)
            })
        })
        .collect();
    g.throughput(Throughput::Elements(entries.len() as u64));
    g.bench_function("sort_entries_radsort", |b| {
        b.iter_batched_ref(
            || entries.clone(),
            |e| radsort::sort_by_key(e, |x| (*x >> 32) as u32),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("sort_entries_std_unstable", |b| {
        b.iter_batched_ref(
            || entries.clone(),
            |e| e.sort_unstable(),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("sort_entries_rayon_par_unstable", |b| {
        use rayon::slice::ParallelSliceMut;
        b.iter_batched_ref(
            || entries.clone(),
            |e| e.par_sort_unstable(),
            criterion::BatchSize::LargeInput,
        )
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("shingle_set_then_band_keys", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| band_keys(&shingles(t)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench_build(c: &mut Criterion) {
    let paths = slice();
    let bytes: u64 = parse::walk::walk(&paths, None)
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("reuters_slice_rebuild", |b| {
        b.iter(|| {
            let opts = IndexOptions::new(dir.path().join("idx"), paths.clone());
            run_index(&opts, |_| {}).expect("index builds").indexed
        })
    });
    // The cost of near-duplicate detection: the same build without it.
    g.bench_function("reuters_slice_rebuild_no_dupes", |b| {
        b.iter(|| {
            let mut opts = IndexOptions::new(dir.path().join("idx"), paths.clone());
            opts.near_duplicates = false;
            run_index(&opts, |_| {}).expect("index builds").indexed
        })
    });
    g.finish();
}

criterion_group!(benches, bench_analyzer, bench_sketch, bench_build);
criterion_main!(benches);
