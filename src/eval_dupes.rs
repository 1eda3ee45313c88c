//! A labelled near-duplicate set generated from the real corpora, and the
//! precision and recall of the clusters newsdex gives it.
//!
//! Base stories come from BBC and Reuters-21578 (bodies of 80 words or
//! more, spread over topics). Each base gets copies edited the ways wire
//! stories are republished, at several strengths (the share of the base's
//! words a copy keeps): headline changed, dateline added, sentences
//! dropped, a paragraph of another story added, boilerplate appended.
//! Negatives are other stories on the same topic (a BBC folder, a Reuters
//! TOPICS tag). Everything is indexed into a fresh index and clustered as
//! `newsdex index` does; a pair of articles in one cluster is right when
//! both come from the same base.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hasher;
use std::path::Path;

use rustc_hash::FxHasher;
use serde::Serialize;

use crate::article::Article;
use crate::error::{Error, Result};
use crate::extract::ExtractMode;
use crate::index::columns::{first_str, str_column};
use crate::index::dupes::signature::{fingerprint, Fingerprint, Overlap};
use crate::index::NewsIndex;
use crate::parse;
use crate::schema::names;

/// Shares of the base's words the copies keep, in percent.
pub const STRENGTHS: [u32; 6] = [100, 90, 80, 70, 60, 50];

/// Lines a site appends to a story it republishes.
const BOILERPLATE: &str = include_str!("../data/dupes/boilerplate.txt");

/// One generated article with its label.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub article: Article,
    /// The base story it derives from (its own id for bases and negatives).
    pub family: String,
    /// For a copy, the share of the base's words it keeps (percent).
    pub strength: Option<u32>,
}

/// Recall of copies of one strength.
#[derive(Debug, Clone, Serialize)]
pub struct StrengthRecall {
    pub strength: u32,
    pub copies: usize,
    /// Copies in the same cluster as their base.
    pub found: usize,
    pub recall: f64,
}

/// What the clusters got right and wrong.
#[derive(Debug, Clone, Serialize)]
pub struct DupeReport {
    pub articles: usize,
    pub bases: usize,
    pub negatives: usize,
    /// Pairs of articles put in one cluster.
    pub clustered_pairs: usize,
    /// Of those, pairs from different bases.
    pub wrong_pairs: usize,
    pub precision: f64,
    pub by_strength: Vec<StrengthRecall>,
    /// Recall over the copies that keep 70% of the text or more.
    pub recall_70: f64,
    /// Up to ten wrongly joined pairs (ids), to look at.
    pub wrong_examples: Vec<(String, String)>,
}

fn hash(parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The story's sentences (split after `.`, `!` or `?` and a space).
fn sentences(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = body.as_bytes();
    for i in 1..b.len() {
        if b[i].is_ascii_whitespace() && matches!(b[i - 1], b'.' | b'!' | b'?') {
            let s = body[start..i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i;
        }
    }
    let s = body[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Drop sentences (chosen by a hash of the id and the sentence, so the set
/// is the same on every run) until about `keep` percent of the words remain.
fn cut(id: &str, body: &str, keep: u32) -> String {
    let s = sentences(body);
    let total = words(body).max(1);
    let mut order: Vec<usize> = (0..s.len()).collect();
    order.sort_by_key(|&i| hash(&[id, s[i], "drop"]));
    let mut dropped = HashSet::new();
    let mut left = total;
    for i in order {
        let w = words(s[i]);
        if (left - w.min(left)) * 100 < total * keep as usize {
            continue;
        }
        left -= w.min(left);
        dropped.insert(i);
    }
    (0..s.len())
        .filter(|i| !dropped.contains(i))
        .map(|i| s[i])
        .collect::<Vec<_>>()
        .join(" ")
}

/// One copy of `base` at `strength`, edited as the strength's recipe says.
fn copy(base: &Article, strength: u32, other: &Article) -> Article {
    let mut a = base.clone();
    a.id = format!("{}~copy{strength}", base.id);
    let boiler: Vec<&str> = BOILERPLATE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let line = boiler[(hash(&[&a.id]) % boiler.len() as u64) as usize];
    // A local paragraph added by the site: another story's first sentence,
    // at most 30 words (more would make the copy that story's copy too).
    let first = sentences(&other.body).first().copied().unwrap_or_default();
    let local = first
        .split_whitespace()
        .take(30)
        .collect::<Vec<_>>()
        .join(" ");
    let kept = cut(&a.id, &base.body, strength);
    let (title, body) = match strength {
        100 => (
            format!("UPDATE 1-{}", base.title),
            format!("{kept}\n\n{line}"),
        ),
        90 => (base.title.clone(), format!("LONDON (Wire) - {kept}")),
        80 => (
            format!("{} (corrected)", base.title),
            format!("{kept}\n\n{local}"),
        ),
        70 => (base.title.to_uppercase(), format!("{kept}\n\n{line}")),
        60 => (
            format!("Analysis: {}", base.title),
            format!("{kept}\n\n{local}"),
        ),
        _ => (base.title.clone(), kept),
    };
    a.title = title;
    a.body = body;
    if let Some(d) = a.date {
        a.date = Some(d + chrono::Duration::hours(i64::from(110 - strength) / 10));
    }
    a
}

/// The topic a story is about, for picking negatives: a BBC story's folder,
/// a Reuters story's first TOPICS tag.
fn topic(a: &Article) -> Option<String> {
    if let Some(t) = a.values(names::TOPIC).first() {
        return Some(format!("reuters:{t}"));
    }
    let folder = Path::new(&a.path).parent()?.file_name()?.to_str()?;
    a.id.contains('/').then(|| format!("bbc:{folder}"))
}

fn read_corpus(dir: &Path) -> Vec<Article> {
    let walk = parse::walk::walk(&[dir.to_path_buf()], None);
    let mut out = Vec::new();
    for f in &walk.files {
        if let Ok(parsed) = parse::parse_input(f) {
            for mut a in parsed.articles {
                a.path = f.path.display().to_string();
                out.push(a);
            }
        }
    }
    out
}

/// The labelled set: `bases` base stories (half BBC, half Reuters), their
/// copies at every strength, and `negatives` other stories on each base's
/// topic.
pub fn labelled_set(corpus: &Path, bases: usize, negatives: usize) -> Result<Vec<Labelled>> {
    let mut pools = Vec::new();
    for name in ["bbc", "reuters21578"] {
        let dir = corpus.join(name);
        if !dir.is_dir() {
            return Err(Error::NoSuchInput { path: dir });
        }
        let mut seen = HashSet::new();
        let mut by_topic: BTreeMap<String, Vec<Article>> = BTreeMap::new();
        let mut all = read_corpus(&dir);
        all.sort_by(|a, b| a.id.cmp(&b.id));
        for a in all {
            // The corpora hold copies of their own (Reuters resent many
            // stories): keep one of each body, so the labels stay true.
            let key: String = a
                .body
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(300)
                .collect();
            if words(&a.body) < 80 || !seen.insert(key) {
                continue;
            }
            if let Some(t) = topic(&a) {
                by_topic.entry(t).or_default().push(a);
            }
        }
        pools.push(by_topic);
    }
    let mut out = Vec::new();
    let mut taken: Vec<Fingerprint> = Vec::new();
    for (p, pool) in pools.iter().enumerate() {
        let want = bases / 2 + (p == 0) as usize * (bases % 2);
        let topics: Vec<&Vec<Article>> =
            pool.values().filter(|v| v.len() > negatives + 2).collect();
        let mut next: HashMap<usize, usize> = HashMap::new();
        let mut picked = 0;
        let mut round = 0;
        while picked < want && round < 10_000 {
            let t = round % topics.len().max(1);
            round += 1;
            let Some(stories) = topics.get(t) else { break };
            // Each pick takes a base and its negatives, one after another.
            let i = next.entry(t).or_default();
            if *i + negatives + 1 > stories.len() {
                continue;
            }
            let chosen = &stories[*i..*i + negatives + 1];
            *i += negatives + 1;
            // The corpora's own near-copies would make wrong labels: a
            // story sharing a fifth of its shingles with one already in
            // the set is left out, with its group.
            let prints: Vec<Fingerprint> = chosen.iter().map(|a| fingerprint(&a.body)).collect();
            let close = |p: &Fingerprint| {
                taken.iter().chain(&prints).any(|q| {
                    let o = Overlap::of(p, q);
                    p != q && (o.jaccard >= 0.2 || o.containment >= 0.5)
                })
            };
            if prints.iter().any(close) {
                continue;
            }
            taken.extend(prints);
            let base = &chosen[0];
            let other = &topics[(t + 1 + picked) % topics.len()];
            let foreign = &other[picked % other.len()];
            for s in STRENGTHS {
                out.push(Labelled {
                    article: copy(base, s, foreign),
                    family: base.id.clone(),
                    strength: Some(s),
                });
            }
            out.push(Labelled {
                article: base.clone(),
                family: base.id.clone(),
                strength: None,
            });
            for n in &chosen[1..] {
                out.push(Labelled {
                    article: n.clone(),
                    family: n.id.clone(),
                    strength: None,
                });
            }
            picked += 1;
        }
    }
    Ok(out)
}

/// Index the labelled set into `index_dir` (made afresh) and score the
/// clusters.
pub fn score(set: &[Labelled], index_dir: &Path) -> Result<DupeReport> {
    let news = NewsIndex::open_or_create(index_dir, true)?;
    crate::ingest::add_articles(
        &news,
        set.iter().map(|l| l.article.clone()),
        ExtractMode::Never,
    )?;
    let searcher = news.reader()?.searcher();
    let mut cluster_of: HashMap<String, String> = HashMap::new();
    for reader in searcher.segment_readers() {
        let ids = str_column(reader, names::ID)?;
        let clusters = str_column(reader, names::CLUSTER)?;
        for doc in 0..reader.max_doc() {
            if reader.alive_bitset().is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            cluster_of.insert(first_str(&ids, doc), first_str(&clusters, doc));
        }
    }
    let family: HashMap<&str, &str> = set
        .iter()
        .map(|l| (l.article.id.as_str(), l.family.as_str()))
        .collect();
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for l in set {
        if let Some(c) = cluster_of.get(&l.article.id) {
            members.entry(c).or_default().push(&l.article.id);
        }
    }
    let (mut pairs, mut wrong, mut examples) = (0, 0, Vec::new());
    for m in members.values() {
        for (i, a) in m.iter().enumerate() {
            for b in &m[i + 1..] {
                pairs += 1;
                if family[a] != family[b] {
                    wrong += 1;
                    if examples.len() < 10 {
                        examples.push((a.to_string(), b.to_string()));
                    }
                }
            }
        }
    }
    let mut by_strength = Vec::new();
    for s in STRENGTHS {
        let copies: Vec<&Labelled> = set.iter().filter(|l| l.strength == Some(s)).collect();
        let found = copies
            .iter()
            .filter(|l| {
                let base = cluster_of.get(&l.family);
                base.is_some() && base == cluster_of.get(&l.article.id)
            })
            .count();
        by_strength.push(StrengthRecall {
            strength: s,
            copies: copies.len(),
            found,
            recall: found as f64 / copies.len().max(1) as f64,
        });
    }
    let strong: Vec<&StrengthRecall> = by_strength.iter().filter(|r| r.strength >= 70).collect();
    let found: usize = strong.iter().map(|r| r.found).sum();
    let total: usize = strong.iter().map(|r| r.copies).sum();
    let bases = set
        .iter()
        .filter(|l| {
            l.strength.is_none()
                && set
                    .iter()
                    .any(|c| c.family == l.article.id && c.strength.is_some())
        })
        .count();
    Ok(DupeReport {
        articles: set.len(),
        bases,
        negatives: set.iter().filter(|l| l.strength.is_none()).count() - bases,
        clustered_pairs: pairs,
        wrong_pairs: wrong,
        precision: if pairs == 0 {
            1.0
        } else {
            (pairs - wrong) as f64 / pairs as f64
        },
        by_strength,
        recall_70: found as f64 / total.max(1) as f64,
        wrong_examples: examples,
    })
}
