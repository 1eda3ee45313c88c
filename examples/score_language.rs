//! Measures the language detection newsdex falls back on when a page does
//! not declare its language (`newsdex::parse::web::detect_language`,
//! whatlang with its reliability cut):
//!
//! ```text
//! cargo run --release --example score_language
//! ```
//!
//! - On the 111 pages of the article-extraction dev set, the page's own
//!   `<html lang>` is the label; detection runs on the story newsdex cuts
//!   from the page and, apart, on the hand-marked story of the set.
//! - On the English corpora (Reuters-21578, BBC, AG News) every article is
//!   English: detection runs on each article's title and body as indexed.
//!
//! "Language indexed under" is the page's declared language unless
//! detection on a long story overrules it (`web::language::story_language`);
//! against the declared label its disagreements are the overrulings, and
//! `--wrong` lists them to be checked by reading. "whatlang alone" is the
//! detector without newsdex's prose check (how it was before).
//!
//! For each set it prints how many texts detection answered (confident),
//! how many of those answers are right, and the wrong answers by kind.
//! `--wrong` lists every wrong or unanswered dev page and every English
//! article detected as another language (on standard error).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use newsdex::parse::web::{detect_language, extract_page, meta};

/// whatlang alone, with its own reliability flag and no prose check: what
/// newsdex did before, printed for comparison.
fn whatlang_alone(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample).filter(|i| i.is_reliable())?;
    let code3 = info.lang().code();
    let code = newsdex::parse::web::language::iso639_1(code3).unwrap_or(code3);
    Some(code.to_string())
}

/// Tally of one set.
#[derive(Default)]
struct Tally {
    texts: usize,
    answered: usize,
    right: usize,
    /// (label, answer) -> count, for wrong answers.
    wrong: BTreeMap<(String, String), usize>,
}

impl Tally {
    fn add(&mut self, label: &str, answer: Option<&str>) {
        self.texts += 1;
        let Some(answer) = answer else { return };
        self.answered += 1;
        if answer == label {
            self.right += 1;
        } else {
            *self
                .wrong
                .entry((label.to_string(), answer.to_string()))
                .or_default() += 1;
        }
    }

    fn print(&self, name: &str) {
        let share = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                a as f64 / b as f64
            }
        };
        println!(
            "{name:<34} {:>6} {:>9} {:>9.3} {:>7} {:>9.3} {:>9.3}",
            self.texts,
            self.answered,
            share(self.answered, self.texts),
            self.right,
            share(self.right, self.answered),
            share(self.right, self.texts),
        );
        if !self.wrong.is_empty() {
            let mut w: Vec<_> = self.wrong.iter().collect();
            w.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let list: Vec<String> = w
                .iter()
                .take(8)
                .map(|((l, a), n)| format!("{l}->{a} {n}"))
                .collect();
            println!("{:<34} wrong: {}", "", list.join(", "));
        }
    }
}

fn header() {
    println!(
        "{:<34} {:>6} {:>9} {:>9} {:>7} {:>9} {:>9}",
        "set", "texts", "answered", "share", "right", "precision", "accuracy"
    );
}

/// Detection on every article of the English corpus files under `dir`.
fn english_corpus(
    dir: &Path,
    tally: &mut Tally,
    alone: &mut Tally,
    show_wrong: bool,
) -> Result<(), String> {
    for input in newsdex::parse::walk::walk(&[dir.to_path_buf()], None).files {
        let parsed = newsdex::parse::parse_input(&input).map_err(|e| e.to_string())?;
        for a in parsed.articles {
            let text = format!("{}\n\n{}", a.title, a.body);
            let answer = detect_language(&text);
            if show_wrong && answer.as_deref().is_some_and(|l| l != "en") {
                eprintln!("{}: detected {answer:?}: {text:?}", a.id);
            }
            tally.add("en", answer.as_deref());
            alone.add("en", whatlang_alone(&text).as_deref());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(corpus) = newsdex::eval::default_corpus_dir() else {
        eprintln!("corpus not found: set NEWSDEX_CORPUS");
        return ExitCode::from(2);
    };
    let show_wrong = std::env::args().any(|a| a == "--wrong");
    let pages = match newsdex::eval_web::load_pages(&corpus.join("article-extraction-dev")) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };

    let mut cut = Tally::default();
    let mut cut_alone = Tally::default();
    let mut marked = Tally::default();
    let mut assigned = Tally::default();
    let mut undeclared = 0;
    let mut by_label: BTreeMap<String, usize> = BTreeMap::new();
    for page in &pages {
        let html = String::from_utf8_lossy(&page.html);
        let doc = dom_query::Document::from(html.as_ref());
        let Some(label) = meta::page_meta(&doc, None).language else {
            undeclared += 1;
            continue;
        };
        *by_label.entry(label.clone()).or_default() += 1;
        let extracted = extract_page(&page.html, None, Some(&page.url));
        let story = extracted.body;
        if show_wrong && extracted.meta.language.as_deref() != Some(label.as_str()) {
            eprintln!(
                "{}: declared {label}, indexed as {:?}",
                page.url, extracted.meta.language
            );
        }
        assigned.add(&label, extracted.meta.language.as_deref());
        cut_alone.add(&label, whatlang_alone(&story).as_deref());
        let on_cut = detect_language(&story);
        let on_marked = detect_language(&page.truth);
        if show_wrong && on_cut.as_deref() != Some(label.as_str()) {
            eprintln!(
                "{}: declared {label}, detected {:?} on {} chars of story",
                page.url,
                on_cut,
                story.chars().count()
            );
        }
        cut.add(&label, on_cut.as_deref());
        marked.add(&label, on_marked.as_deref());
    }
    let labels: Vec<String> = by_label.iter().map(|(l, n)| format!("{l} {n}")).collect();
    println!(
        "dev pages: {} ({} declare a language: {}; {undeclared} do not)",
        pages.len(),
        pages.len() - undeclared,
        labels.join(", ")
    );
    header();
    cut.print("dev pages, story as newsdex cuts it");
    cut_alone.print("  the same, whatlang alone");
    marked.print("dev pages, hand-marked story");
    assigned.print("dev pages, language indexed under");

    for (name, path) in [
        ("reuters21578 (all English)", "reuters21578"),
        ("bbc (all English)", "bbc"),
        ("agnews test.csv (all English)", "agnews/test.csv"),
    ] {
        let (mut t, mut alone) = (Tally::default(), Tally::default());
        if let Err(e) = english_corpus(&corpus.join(path), &mut t, &mut alone, show_wrong) {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
        t.print(name);
        alone.print("  the same, whatlang alone");
    }
    ExitCode::SUCCESS
}
