//! Scoring the story cut from web pages against a hand-marked set: the
//! article-extraction benchmark's metric (`\w+` words, 4-word shingles,
//! per-page true/false positives and negatives normalised to sum 1,
//! precision and recall averaged over pages, F1 their harmonic mean).
//!
//! The set is read where it lies (`article-extraction-dev/` in the shared
//! corpus: `ground-truth.json` and `html/ID.html.gz`); nothing of it is
//! copied into the repository.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One page of the set: its id, URL, HTML bytes (decompressed) and the body
/// a person marked.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub url: String,
    pub html: Vec<u8>,
    pub truth: String,
}

/// Why the set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WebEvalError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

#[derive(serde::Deserialize)]
struct Truth {
    #[serde(rename = "articleBody")]
    article_body: String,
    #[serde(default)]
    url: String,
}

/// The pages of the set in `dir` (`ground-truth.json` and `html/`), by id.
pub fn load_pages(dir: &Path) -> Result<Vec<Page>, WebEvalError> {
    let gt_path = dir.join("ground-truth.json");
    let text = std::fs::read_to_string(&gt_path).map_err(|source| WebEvalError::Io {
        path: gt_path.clone(),
        source,
    })?;
    let truth: HashMap<String, Truth> =
        serde_json::from_str(&text).map_err(|source| WebEvalError::Json {
            path: gt_path,
            source,
        })?;
    let mut pages = Vec::with_capacity(truth.len());
    for (id, t) in truth {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&path).map_err(|source| WebEvalError::Io {
            path: path.clone(),
            source,
        })?;
        let mut html = Vec::new();
        flate2::read::MultiGzDecoder::new(&gz[..])
            .read_to_end(&mut html)
            .map_err(|source| WebEvalError::Io { path, source })?;
        pages.push(Page {
            id,
            url: t.url,
            html,
            truth: t.article_body,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Precision and recall of one page, by 4-word shingles.
pub fn page_score(predicted: &str, truth: &str) -> (f64, f64) {
    let p = shingles(predicted);
    let t = shingles(truth);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (s, &n) in &p {
        let m = t.get(s).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let fneg: usize = t
        .iter()
        .map(|(s, &n)| n.saturating_sub(p.get(s).copied().unwrap_or(0)))
        .sum();
    // The benchmark normalises tp, fp, fn to sum 1; an empty prediction of an
    // empty truth is perfect, and an empty side counts as one miss.
    let total = (tp + fp + fneg) as f64;
    if total == 0.0 {
        return (1.0, 1.0);
    }
    let (tp, fp, fneg) = (tp as f64 / total, fp as f64 / total, fneg as f64 / total);
    let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let recall = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    (precision, recall)
}

/// The set's figures: mean precision and recall over pages, and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WebScore {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl std::fmt::Display for WebScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pages {}  precision {:.3}  recall {:.3}  F1 {:.3}",
            self.pages, self.precision, self.recall, self.f1
        )
    }
}

/// Scores `extract` (page to body text) on every page.
pub fn score_pages(pages: &[Page], mut extract: impl FnMut(&Page) -> String) -> WebScore {
    let (mut p, mut r) = (0.0, 0.0);
    for page in pages {
        let (pp, rr) = page_score(&extract(page), &page.truth);
        p += pp;
        r += rr;
    }
    let n = pages.len().max(1) as f64;
    let (precision, recall) = (p / n, r / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    WebScore {
        pages: pages.len(),
        precision,
        recall,
        f1,
    }
}

/// Lower-cased `\w+` words of `text` (Unicode letters, digits, underscore).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Counts of 4-word shingles (a text shorter than four words is one shingle).
fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let w = words(text);
    let mut out = HashMap::new();
    if w.is_empty() {
        return out;
    }
    if w.len() < 4 {
        *out.entry(w).or_insert(0) += 1;
        return out;
    }
    for s in w.windows(4) {
        *out.entry(s.to_vec()).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_by_shingles() {
        let truth = "one two three four five";
        assert_eq!(page_score(truth, truth), (1.0, 1.0));
        // Predicted has the two true shingles and two extra ones.
        let (p, r) = page_score("one two three four five six seven", truth);
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0).abs() < 1e-9, "{p} {r}");
        assert_eq!(page_score("", truth), (0.0, 0.0));
        assert_eq!(page_score("", ""), (1.0, 1.0));
    }

    #[test]
    fn averages_over_pages() {
        let page = |truth: &str| Page {
            id: String::new(),
            url: String::new(),
            html: Vec::new(),
            truth: truth.into(),
        };
        let pages = [page("a b c d e"), page("f g h i j")];
        let s = score_pages(&pages, |p| {
            if p.truth.starts_with('a') {
                p.truth.clone()
            } else {
                String::new()
            }
        });
        assert!((s.precision - 0.5).abs() < 1e-9 && (s.recall - 0.5).abs() < 1e-9);
        assert!((s.f1 - 0.5).abs() < 1e-9);
    }
}
