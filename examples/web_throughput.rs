//! Extraction throughput on the article-extraction dev pages, on one thread:
//! every page decoded, its story cut and its metadata read, `ROUNDS` times;
//! prints the median MB/s. `bench/web_vs_trafilatura.sh` runs it beside
//! Python's trafilatura on the same pages.
//!
//! ```text
//! cargo run --release --example web_throughput [ROUNDS]
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
        .max(1);
    let Some(corpus) = newsdex::eval::default_corpus_dir() else {
        eprintln!("corpus not found: set NEWSDEX_CORPUS");
        return ExitCode::from(2);
    };
    let pages = match newsdex::eval_web::load_pages(&corpus.join("article-extraction-dev")) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut rates = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = std::time::Instant::now();
        let mut chars = 0;
        for p in &pages {
            chars += newsdex::parse::web::extract_page(&p.html, None, Some(&p.url))
                .body
                .len();
        }
        let secs = start.elapsed().as_secs_f64();
        std::hint::black_box(chars);
        rates.push(bytes as f64 / 1e6 / secs);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "newsdex {:.2} MB/s (median of {rounds} rounds over {} pages, {:.1} MB)",
        rates[rates.len() / 2],
        pages.len(),
        bytes as f64 / 1e6
    );
    ExitCode::SUCCESS
}
