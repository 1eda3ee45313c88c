//! Throughput of the pipeline stages on fixed inputs (MB/s): Reuters SGML
//! parsing, plain-text parsing, and extraction. Inputs come from the shared
//! corpus when present, else from the repository's samples.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::extract::{self, ExtractMode};
use newsdex::parse::{self, Format};

fn corpus() -> Option<PathBuf> {
    let c = std::env::var_os("NEWSDEX_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    c.is_dir().then_some(c)
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

fn bench_extraction(c: &mut Criterion) {
    let (path, txt) = input("bbc/business/001.txt", "samples/wire/caracas-russia.txt");
    let parsed = parse::parse_bytes(Format::PlainText, &path, &txt);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(txt.len() as u64));
    g.bench_function("enrich_one_article", |b| {
        b.iter(|| {
            let mut a = parsed.articles[0].clone();
            a.tagged = false;
            extract::enrich(&mut a, ExtractMode::Auto);
            a.countries.len() + a.people.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench_parsers, bench_extraction);
criterion_main!(benches);
