//! Scores the story cut from web pages on the article-extraction dev set
//! (`$NEWSDEX_CORPUS/article-extraction-dev`, else `../shared/corpus/...`)
//! by the benchmark's metric, for each candidate extractor:
//!
//! ```text
//! cargo run --example score_web_extraction [--release] [CANDIDATE...]
//! ```
//!
//! Candidates: `newsdex-fast` (newsdex's own extractor, what `newsdex
//! index` uses; `newsdex` is the same), `newsdex-trafilatura`
//! (rs-trafilatura and newsdex's rules, `--web-extractor trafilatura`),
//! `trafilatura`
//! (rs-trafilatura, default options), `trafilatura-precision`,
//! `trafilatura-recall`, `readability` (dom_smoothie), `whole-page`.
//!
//! `--worst N [CANDIDATE]` prints, for `newsdex-fast` (or `newsdex-trafilatura`), the
//! N pages of lowest precision or recall with the extracted lines the
//! hand-marked body does not hold and its lines missed (to study misses).

use std::process::ExitCode;

use newsdex::eval_web::{load_pages, score_pages, Page};
use newsdex::parse::web::WebExtractor::{self, Fast, Trafilatura};

fn trafilatura(page: &Page, opts: &rs_trafilatura::Options) -> String {
    let mut opts = opts.clone();
    opts.url = Some(page.url.clone());
    rs_trafilatura::extract_bytes_with_options(&page.html, &opts)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn readability(page: &Page) -> String {
    let html = String::from_utf8_lossy(&page.html).into_owned();
    dom_smoothie::Readability::new(html, Some(&page.url), None)
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn whole_page(page: &Page) -> String {
    let html = String::from_utf8_lossy(&page.html).into_owned();
    dom_query::Document::from(html.as_str())
        .select("body")
        .text()
        .to_string()
}

fn main() -> ExitCode {
    let Some(corpus) = newsdex::eval::default_corpus_dir() else {
        eprintln!("corpus not found: set NEWSDEX_CORPUS");
        return ExitCode::from(2);
    };
    let dir = corpus.join("article-extraction-dev");
    let pages = match load_pages(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut wanted: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = wanted.iter().position(|a| a == "--worst") {
        let n: usize = wanted.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(10);
        let extractor = if wanted
            .get(i + 2)
            .is_some_and(|c| c == "newsdex-trafilatura")
        {
            Trafilatura
        } else {
            Fast
        };
        show_worst(&pages, n, extractor);
        return ExitCode::SUCCESS;
    }
    if wanted.is_empty() {
        wanted = [
            "newsdex-fast",
            "newsdex-trafilatura",
            "trafilatura",
            "trafilatura-precision",
            "trafilatura-recall",
            "readability",
            "whole-page",
        ]
        .map(String::from)
        .to_vec();
    }
    for name in wanted {
        let start = std::time::Instant::now();
        let score = match name.as_str() {
            "newsdex" | "newsdex-fast" => score_pages(&pages, |p| with(p, Fast).body),
            "newsdex-trafilatura" => score_pages(&pages, |p| with(p, Trafilatura).body),
            "trafilatura" => {
                let o = rs_trafilatura::Options::default();
                score_pages(&pages, |p| trafilatura(p, &o))
            }
            "trafilatura-precision" => {
                let o = rs_trafilatura::Options {
                    favor_precision: true,
                    ..Default::default()
                };
                score_pages(&pages, |p| trafilatura(p, &o))
            }
            "trafilatura-recall" => {
                let o = rs_trafilatura::Options {
                    favor_recall: true,
                    ..Default::default()
                };
                score_pages(&pages, |p| trafilatura(p, &o))
            }
            "readability" => score_pages(&pages, readability),
            "whole-page" => score_pages(&pages, whole_page),
            other => {
                eprintln!("unknown candidate '{other}'");
                return ExitCode::from(2);
            }
        };
        let mb: usize = pages.iter().map(|p| p.html.len()).sum();
        // F1 to four places as well: two candidates often tie at three.
        println!(
            "{name:<22} {score}  (F1 {:.4}; {:.1} MB in {:.2} s)",
            score.f1,
            mb as f64 / 1e6,
            start.elapsed().as_secs_f64()
        );
    }
    ExitCode::SUCCESS
}

fn with(page: &Page, extractor: WebExtractor) -> newsdex::parse::web::WebPage {
    newsdex::parse::web::extract_page_with(&page.html, None, Some(&page.url), extractor)
}

/// The `n` pages where newsdex with `extractor` does
/// worst (lowest precision or recall), with the extracted lines the
/// hand-marked body does not hold (`+`) and its lines not extracted (`-`).
fn show_worst(pages: &[Page], n: usize, extractor: WebExtractor) {
    let mut scored: Vec<(f64, f64, &Page, String)> = pages
        .iter()
        .map(|p| {
            let body = with(p, extractor).body;
            let (pr, re) = newsdex::eval_web::page_score(&body, &p.truth);
            (pr, re, p, body)
        })
        .collect();
    // Lowest of precision and recall first: a page that lost its story
    // matters as much as one that gained a sidebar.
    scored.sort_by(|a, b| a.0.min(a.1).total_cmp(&b.0.min(b.1)));
    let truth_norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    for (pr, re, page, body) in scored.into_iter().take(n) {
        println!(
            "== {} precision {pr:.3} recall {re:.3} {}",
            page.id, page.url
        );
        let truth = truth_norm(&page.truth);
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            if !truth.contains(&truth_norm(line)) {
                println!("   + {}", line.chars().take(160).collect::<String>());
            }
        }
        let got = truth_norm(&body);
        for line in page.truth.lines().filter(|l| !l.trim().is_empty()) {
            if !got.contains(&truth_norm(line)) {
                println!("   - {}", line.chars().take(160).collect::<String>());
            }
        }
    }
}
