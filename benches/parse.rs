//! Throughput of the pipeline stages on fixed inputs (MB/s): Reuters SGML
//! parsing, plain-text parsing, extraction, and the story and metadata cut
//! from web pages (one core). Inputs come from the shared
//! corpus when present, else from the repository's samples.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::extract;
use newsdex::parse::{self, Format};

fn corpus() -> Option<PathBuf> {
    newsdex::eval::default_corpus_dir()
}

fn input(rel: &str, fallback: &str) -> (PathBuf, Vec<u8>) {
    let path = corpus()
        .map(|c| c.join(rel))
        .filter(|p| p.exists())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(fallback));
    let bytes = std::fs::read(&path).unwrap_or_default();
    (path, bytes)
}

fn bench_parsers(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    let (path, sgml) = input("reuters21578/reut2-000.sgm", "samples/reuters/sample.sgm");
    g.throughput(Throughput::Bytes(sgml.len() as u64));
    g.bench_function("reuters_sgml", |b| {
        b.iter(|| {
            parse::parse_bytes(Format::ReutersSgml, &path, &sgml)
                .articles
                .len()
        })
    });
    let (path, txt) = input("bbc/business/001.txt", "samples/wire/caracas-russia.txt");
    g.throughput(Throughput::Bytes(txt.len() as u64));
    g.bench_function("plain_text", |b| {
        b.iter(|| {
            parse::parse_bytes(Format::PlainText, &path, &txt)
                .articles
                .len()
        })
    });
    g.finish();
}

/// Every BBC article parsed once (or the samples without the corpus): the
/// extraction bench's fixed input.
fn bbc_articles() -> (Vec<newsdex::article::Article>, u64) {
    let dir = corpus()
        .map(|c| c.join("bbc"))
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/wire"));
    let mut articles = Vec::new();
    let mut bytes = 0u64;
    for input in parse::walk::walk(&[dir], Some(Format::PlainText)).files {
        if let Ok(parsed) = parse::parse_input(&input) {
            for mut a in parsed.articles {
                a.tagged = false;
                bytes += (a.title.len() + a.body.len()) as u64;
                articles.push(a);
            }
        }
    }
    (articles, bytes)
}

fn bench_extraction(c: &mut Criterion) {
    let (articles, bytes) = bbc_articles();
    // Build the automaton and tables outside the timing.
    extract::warm_up().expect("extraction tables build");
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("bbc_corpus_one_core", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| {
                    let e = extract::extract(a).expect("tables built above");
                    e.countries.len() + e.people.len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

/// The article-extraction dev pages (or the repository's sample pages
/// without the corpus): HTML bytes and fetched URL.
fn web_pages() -> Vec<(Vec<u8>, String)> {
    if let Some(pages) = corpus()
        .map(|c| c.join("article-extraction-dev"))
        .and_then(|d| newsdex::eval_web::load_pages(&d).ok())
    {
        return pages.into_iter().map(|p| (p.html, p.url)).collect();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/web");
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == "html") {
            pages.push((std::fs::read(&path).unwrap_or_default(), String::new()));
        }
    }
    pages
}

/// Every page read once on one thread: decoding, the story cut from the
/// page, the metadata and the language.
fn bench_web(c: &mut Criterion) {
    let pages = web_pages();
    let bytes: u64 = pages.iter().map(|p| p.0.len() as u64).sum();
    let mut g = c.benchmark_group("web");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("extract_page_dev_set", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|(html, url)| {
                    let url = (!url.is_empty()).then_some(url.as_str());
                    newsdex::parse::web::extract_page(html, None, url)
                        .body
                        .len()
                })
                .sum::<usize>()
        })
    });
    // The fast extractor (`--web-extractor fast`): own parse, block scoring.
    g.bench_function("extract_page_fast_dev_set", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|(html, url)| {
                    let url = (!url.is_empty()).then_some(url.as_str());
                    newsdex::parse::web::extract_page_with(
                        html,
                        None,
                        url,
                        newsdex::parse::web::WebExtractor::Fast,
                    )
                    .body
                    .len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_parsers, bench_extraction, bench_web);
criterion_main!(benches);
