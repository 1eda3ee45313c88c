//! Extraction quality against hand labels (`eval/dev/labels.jsonl`) and
//! against the Reuters-21578 editors' tags.
//!
//! [`score`] parses each labelled story, runs [`ExtractRecord::from_article`]
//! and reports micro precision/recall/F1 for people (strict and lenient) and
//! countries, dateline accuracy, and per-story misses. [`reuters_tag_agreement`]
//! compares text extraction with the PLACES/PEOPLE tags of every Reuters
//! document that has them. `cargo run --release --example score_extraction`
//! prints both.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::extract::{self, ExtractRecord};
use crate::gazetteer;
use crate::parse;

/// One line of `labels.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub corpus: String,
    /// Path relative to the corpus directory.
    pub path: String,
    /// File stem (text files) or Reuters NEWID.
    pub id: String,
    pub dateline: Vec<String>,
    pub countries: Vec<String>,
    pub people: Vec<String>,
}

/// True/false positives and false negatives with the derived scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
        self.finish();
    }

    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        };
    }
}

/// What extraction got wrong on one story.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryMisses {
    pub path: String,
    pub id: String,
    /// Extracted people not in the labels (strict).
    pub people_fp: Vec<String>,
    /// Labelled people not extracted (strict).
    pub people_fn: Vec<String>,
    pub countries_fp: Vec<String>,
    pub countries_fn: Vec<String>,
    /// `(gold, extracted)` when the dateline is wrong.
    pub dateline: Option<(Vec<String>, Vec<String>)>,
}

impl StoryMisses {
    fn is_empty(&self) -> bool {
        self.people_fp.is_empty()
            && self.people_fn.is_empty()
            && self.countries_fp.is_empty()
            && self.countries_fn.is_empty()
            && self.dateline.is_none()
    }
}

/// Scores of extraction on a labelled set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Stories scored, by corpus.
    pub stories: BTreeMap<String, usize>,
    pub people_strict: Prf,
    pub people_lenient: Prf,
    pub countries: Prf,
    pub dateline_correct: usize,
    pub dateline_total: usize,
    pub dateline_accuracy: f64,
    /// Stories with at least one miss.
    pub misses: Vec<StoryMisses>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n: usize = self.stories.values().sum();
        let by: Vec<String> = self
            .stories
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(f, "{n} stories ({})", by.join(", "))?;
        writeln!(
            f,
            "{:<16} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}",
            "", "tp", "fp", "fn", "precision", "recall", "F1"
        )?;
        for (name, p) in [
            ("people strict", &self.people_strict),
            ("people lenient", &self.people_lenient),
            ("countries", &self.countries),
        ] {
            writeln!(
                f,
                "{:<16} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>7.3}",
                name, p.tp, p.fp, p.fn_, p.precision, p.recall, p.f1
            )?;
        }
        writeln!(
            f,
            "dateline accuracy {:.3} ({}/{})",
            self.dateline_accuracy, self.dateline_correct, self.dateline_total
        )
    }
}

impl Report {
    /// The per-story misses, one block per story, for debugging.
    pub fn misses_text(&self) -> String {
        let mut s = String::new();
        for m in &self.misses {
            s.push_str(&format!("{} #{}\n", m.path, m.id));
            for (what, v) in [
                ("people FP", &m.people_fp),
                ("people FN", &m.people_fn),
                ("countries FP", &m.countries_fp),
                ("countries FN", &m.countries_fn),
            ] {
                if !v.is_empty() {
                    s.push_str(&format!("  {what}: {}\n", v.join("; ")));
                }
            }
            if let Some((g, p)) = &m.dateline {
                s.push_str(&format!("  dateline: gold {g:?}, got {p:?}\n"));
            }
        }
        s
    }
}

/// The corpus directory: `$NEWSDEX_CORPUS`, else `CARGO_MANIFEST_DIR/../shared/corpus`;
/// None when it does not exist.
pub fn default_corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("NEWSDEX_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    dir.is_dir().then_some(dir)
}

/// The key `labels.jsonl` gives an article: the file stem for a text file
/// (one article per file, which the label's `path` names), else its id.
fn record_id(a: &Article) -> String {
    let p = Path::new(&a.path);
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
        if let Some(s) = p.file_stem() {
            return s.to_string_lossy().into_owned();
        }
    }
    a.id.clone()
}

/// Canonical key of a country: its gazetteer id, else the folded text.
fn country_key(c: &str) -> String {
    gazetteer::resolve_country(c)
        .map(|x| x.id.clone())
        .unwrap_or_else(|| gazetteer::fold(c))
}

fn last_token(folded: &str) -> &str {
    folded.rsplit(' ').next().unwrap_or(folded)
}

/// Unique items by key, first spelling kept.
fn dedup_by_key(v: &[String], key: impl Fn(&str) -> String) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for x in v {
        let k = key(x);
        if !k.is_empty() && !out.iter().any(|(y, _)| *y == k) {
            out.push((k, x.clone()));
        }
    }
    out
}

/// Strict and lenient people matching: (strict tp, fp names, fn names), lenient tp.
fn match_people(gold: &[String], pred: &[String]) -> (usize, Vec<String>, Vec<String>, usize) {
    let gold = dedup_by_key(gold, gazetteer::fold);
    let pred = dedup_by_key(pred, gazetteer::fold);
    let mut g_used = vec![false; gold.len()];
    let mut p_used = vec![false; pred.len()];
    for (i, (pk, _)) in pred.iter().enumerate() {
        if let Some(j) = gold.iter().position(|(gk, _)| gk == pk) {
            g_used[j] = true;
            p_used[i] = true;
        }
    }
    let strict = p_used.iter().filter(|u| **u).count();
    let fp: Vec<String> = pred
        .iter()
        .zip(&p_used)
        .filter(|(_, u)| !**u)
        .map(|(x, _)| x.1.clone())
        .collect();
    let fn_: Vec<String> = gold
        .iter()
        .zip(&g_used)
        .filter(|(_, u)| !**u)
        .map(|(x, _)| x.1.clone())
        .collect();
    // Lenient: a remaining extracted name whose last token is a remaining
    // gold name's last token (surname-only or partial form) also counts.
    let mut lenient = strict;
    for (i, (pk, _)) in pred.iter().enumerate() {
        if p_used[i] {
            continue;
        }
        let pl = last_token(pk);
        if let Some(j) = (0..gold.len()).find(|&j| !g_used[j] && last_token(&gold[j].0) == pl) {
            g_used[j] = true;
            p_used[i] = true;
            lenient += 1;
        }
    }
    (strict, fp, fn_, lenient)
}

/// Score extraction on the labels in `labels_path` (JSON lines, paths
/// relative to `corpus_dir`).
pub fn score(labels_path: &Path, corpus_dir: &Path) -> Result<Report> {
    let text = std::fs::read_to_string(labels_path)
        .with_context(|| format!("reading {}", labels_path.display()))?;
    let mut labels: Vec<Label> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        labels.push(
            serde_json::from_str(line)
                .with_context(|| format!("{}:{}", labels_path.display(), n + 1))?,
        );
    }
    let mut by_path: BTreeMap<&str, Vec<&Label>> = BTreeMap::new();
    for l in &labels {
        by_path.entry(l.path.as_str()).or_default().push(l);
    }
    let mut report = Report::default();
    for (path, ls) in by_path {
        let full = corpus_dir.join(path);
        let parsed = parse::parse_file(&full, None)
            .map_err(|e| anyhow!("parsing {}: {e}", full.display()))?;
        for l in ls {
            let a = parsed
                .articles
                .iter()
                .find(|a| record_id(a) == l.id)
                .ok_or_else(|| anyhow!("no article with id {} in {}", l.id, full.display()))?;
            let rec = ExtractRecord::from_article(a)?;
            *report.stories.entry(l.corpus.clone()).or_default() += 1;
            let mut m = StoryMisses {
                path: l.path.clone(),
                id: l.id.clone(),
                ..Default::default()
            };

            let (strict, fp, fn_, lenient) = match_people(&l.people, &rec.people);
            let (ng, np) = (strict + fn_.len(), strict + fp.len());
            report.people_strict.add(strict, np - strict, ng - strict);
            report
                .people_lenient
                .add(lenient, np - lenient, ng - lenient);
            m.people_fp = fp;
            m.people_fn = fn_;

            let gold = dedup_by_key(&l.countries, country_key);
            let pred = dedup_by_key(&rec.countries, country_key);
            let tp = pred
                .iter()
                .filter(|(k, _)| gold.iter().any(|(g, _)| g == k))
                .count();
            report.countries.add(tp, pred.len() - tp, gold.len() - tp);
            m.countries_fp = pred
                .iter()
                .filter(|(k, _)| !gold.iter().any(|(g, _)| g == k))
                .map(|x| x.1.clone())
                .collect();
            m.countries_fn = gold
                .iter()
                .filter(|(k, _)| !pred.iter().any(|(p, _)| p == k))
                .map(|x| x.1.clone())
                .collect();

            let fold_all = |v: &[String]| v.iter().map(|x| gazetteer::fold(x)).collect::<Vec<_>>();
            report.dateline_total += 1;
            if fold_all(&l.dateline) == fold_all(&rec.dateline) {
                report.dateline_correct += 1;
            } else {
                m.dateline = Some((l.dateline.clone(), rec.dateline.clone()));
            }
            if !m.is_empty() {
                report.misses.push(m);
            }
        }
    }
    report.dateline_accuracy = if report.dateline_total == 0 {
        1.0
    } else {
        report.dateline_correct as f64 / report.dateline_total as f64
    };
    Ok(report)
}

/// Agreement of text extraction with the Reuters-21578 editors' tags.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TagAgreement {
    /// Documents with at least one PLACES tag.
    pub docs_with_places: usize,
    /// Documents with at least one PEOPLE tag.
    pub docs_with_people: usize,
    /// PLACES codes (canonicalised) vs extracted countries, over documents with PLACES.
    pub countries: Prf,
    /// PEOPLE tags vs extracted people (last token after fold), over documents with PEOPLE.
    pub people: Prf,
}

impl fmt::Display for TagAgreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Reuters-21578 editors' tags vs extraction from text (tags as gold)"
        )?;
        writeln!(
            f,
            "{:<10} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
            "", "docs", "tp", "fp", "fn", "precision", "recall", "F1"
        )?;
        for (name, n, p) in [
            ("countries", self.docs_with_places, &self.countries),
            ("people", self.docs_with_people, &self.people),
        ] {
            writeln!(
                f,
                "{:<10} {:>6} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
                name, n, p.tp, p.fp, p.fn_, p.precision, p.recall, p.f1
            )?;
        }
        Ok(())
    }
}

/// Over all Reuters-21578 documents with PLACES (resp. PEOPLE) tags, how
/// many tags extraction from the text recovers (recall) and how much of
/// what it extracts the tags confirm (precision). People match when the
/// last tokens agree after fold (tags are often surnames only).
pub fn reuters_tag_agreement(corpus_dir: &Path) -> Result<TagAgreement> {
    let dir = corpus_dir.join("reuters21578");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let mut out = TagAgreement::default();
    for file in files {
        let parsed = parse::parse_file(&file, None)
            .map_err(|e| anyhow!("parsing {}: {e}", file.display()))?;
        for a in &parsed.articles {
            if a.countries().is_empty() && a.people().is_empty() {
                continue;
            }
            let found = extract::extract(a)?;
            if !a.countries().is_empty() {
                out.docs_with_places += 1;
                let gold = dedup_by_key(a.countries(), extract::canonical_country);
                let pred = dedup_by_key(&found.countries, |s| s.to_string());
                let tp = pred
                    .iter()
                    .filter(|(k, _)| gold.iter().any(|(g, _)| g == k))
                    .count();
                out.countries.add(tp, pred.len() - tp, gold.len() - tp);
            }
            if !a.people().is_empty() {
                out.docs_with_people += 1;
                let key = |s: &str| last_token(&gazetteer::fold(s)).to_string();
                let gold = dedup_by_key(a.people(), key);
                let pred = dedup_by_key(&found.people, key);
                let tp = pred
                    .iter()
                    .filter(|(k, _)| gold.iter().any(|(g, _)| g == k))
                    .count();
                out.people.add(tp, pred.len() - tp, gold.len() - tp);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_matching() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (strict, fp, fn_, lenient) = match_people(
            &s(&["Nicolás Maduro", "Reagan", "Delcy Rodríguez"]),
            &s(&[
                "nicolas  maduro",
                "Ronald Reagan",
                "Rodriguez",
                "Morgan Stanley",
            ]),
        );
        assert_eq!(strict, 1);
        assert_eq!(fp, ["Ronald Reagan", "Rodriguez", "Morgan Stanley"]);
        assert_eq!(fn_, ["Reagan", "Delcy Rodríguez"]);
        assert_eq!(lenient, 3);
    }

    #[test]
    fn prf_edges() {
        let mut p = Prf::default();
        p.add(0, 0, 0);
        assert_eq!((p.precision, p.recall), (1.0, 1.0));
        p.add(1, 1, 2);
        assert!((p.precision - 0.5).abs() < 1e-9 && (p.recall - 1.0 / 3.0).abs() < 1e-9);
    }

    /// Floors just under the dev-set measurement (`cargo run --release --example
    /// score_extraction`): people strict F1 0.931, lenient 0.931, countries F1 0.964,
    /// recall 0.967, dateline accuracy 1.000.
    const FLOORS: [(&str, f64); 5] = [
        ("people strict F1", 0.92),
        ("people lenient F1", 0.92),
        ("countries F1", 0.95),
        ("countries recall", 0.96),
        ("dateline accuracy", 0.99),
    ];

    #[test]
    fn dev_set_quality_floors() {
        let Some(dir) = default_corpus_dir() else {
            if std::env::var("NEWSDEX_REQUIRE_CORPUS").is_ok_and(|v| v == "1") {
                panic!("corpus not found and NEWSDEX_REQUIRE_CORPUS=1 (set NEWSDEX_CORPUS)");
            }
            println!("skipped: corpus not found");
            return;
        };
        let labels = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/dev/labels.jsonl");
        let r = score(&labels, &dir).expect("scoring the dev set");
        println!("{r}");
        assert_eq!(r.stories.values().sum::<usize>(), 60);
        let got = [
            r.people_strict.f1,
            r.people_lenient.f1,
            r.countries.f1,
            r.countries.recall,
            r.dateline_accuracy,
        ];
        let mut low = Vec::new();
        for ((name, floor), v) in FLOORS.iter().zip(got) {
            if v < *floor {
                low.push(format!("{name} {v:.3} < floor {floor:.2}"));
            }
        }
        assert!(
            low.is_empty(),
            "extraction quality dropped: {}\n{}",
            low.join(", "),
            r.misses_text()
        );
    }
}
