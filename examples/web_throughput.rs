//! Extraction throughput on the article-extraction dev pages, on one thread:
//! every page decoded, its story cut and its metadata read, `ROUNDS` times;
//! prints the median MB/s of each extractor: `newsdex-fast` (newsdex's
//! own, the default) and `newsdex-trafilatura` (rs-trafilatura and our
//! rules, `--web-extractor trafilatura`). `bench/web_vs_trafilatura.sh` runs it beside
//! Python's trafilatura on the same pages.
//!
//! With `--parts`, also the rate of parts alone, to show where the time
//! goes: parsing the page into a tree (html5ever through dom_query, which
//! any tree-based extractor pays), html5ever's tokenizer alone (no tree),
//! the fast extractor's own parse ([`newsdex::parse::web::dom`]), and
//! rs-trafilatura's extraction alone.
//!
//! ```text
//! cargo run --release --example web_throughput [ROUNDS] [--parts]
//! ```

use std::process::ExitCode;

use newsdex::parse::web::WebExtractor;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parts = args.iter().any(|a| a == "--parts");
    let rounds: usize = args.iter().find_map(|n| n.parse().ok()).unwrap_or(5).max(1);
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
    let rate = |each: &dyn Fn(&newsdex::eval_web::Page) -> usize| {
        let mut rates = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let start = std::time::Instant::now();
            let chars: usize = pages.iter().map(each).sum();
            let secs = start.elapsed().as_secs_f64();
            std::hint::black_box(chars);
            rates.push(bytes as f64 / 1e6 / secs);
        }
        rates.sort_by(f64::total_cmp);
        rates[rates.len() / 2]
    };
    let of = format!(
        "(median of {rounds} rounds over {} pages, {:.1} MB)",
        pages.len(),
        bytes as f64 / 1e6
    );
    for (name, extractor) in [
        ("newsdex-fast", WebExtractor::Fast),
        ("newsdex-trafilatura", WebExtractor::Trafilatura),
    ] {
        let r = rate(&|p| {
            newsdex::parse::web::extract_page_with(&p.html, None, Some(&p.url), extractor)
                .body
                .len()
        });
        println!("{name} {r:.2} MB/s {of}");
    }
    if parts {
        let own = rate(&|p| {
            let text = String::from_utf8_lossy(&p.html);
            newsdex::parse::web::dom::Dom::parse(&text).elements.len()
        });
        println!("  parse only (newsdex dom) {own:.2} MB/s");
        let tokens = rate(&|p| {
            let text = String::from_utf8_lossy(&p.html);
            html5ever_tokens(&text)
        });
        println!("  tokenize only (html5ever tokenizer, no tree) {tokens:.2} MB/s");
        let parse = rate(&|p| {
            let text = String::from_utf8_lossy(&p.html);
            let tree = dom_query::Document::from(text.as_ref());
            std::hint::black_box(&tree);
            1
        });
        println!("  parse only (html5ever tree) {parse:.2} MB/s");
        let trafilatura = rate(&|p| {
            let opts = rs_trafilatura::Options {
                url: Some(p.url.clone()),
                ..Default::default()
            };
            rs_trafilatura::extract_bytes_with_options(&p.html, &opts)
                .map(|r| r.content_text.len())
                .unwrap_or(0)
        });
        println!("  rs-trafilatura only {trafilatura:.2} MB/s");
    }
    ExitCode::SUCCESS
}

/// Tokens of a page from html5ever's tokenizer alone (no tree builder),
/// counted: the cost of tokenizing that a tree of one's own would add to.
fn html5ever_tokens(text: &str) -> usize {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::Cell;
    struct Count(Cell<usize>);
    impl TokenSink for Count {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            self.0.set(self.0.get() + 1);
            // Without a tree builder, the sink switches the tokenizer to raw
            // text after `<script>` and `<style>`, as the tree builder would.
            if let Token::TagToken(tag) = &token {
                if tag.kind == TagKind::StartTag {
                    match &*tag.name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "noscript" | "iframe" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => {}
                    }
                }
            }
            std::hint::black_box(&token);
            TokenSinkResult::Continue
        }
    }
    let tok = Tokenizer::new(Count(Cell::new(0)), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(text));
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.0.get()
}
