//! The foreground of `terms`: the sampled articles' bodies tokenised again
//! with the index's analyzer, each word and each pair of adjacent words
//! counted once per article.
//!
//! Counting strings was most of the time of `terms` (hash-map growth, an
//! allocation per new key, a string compare per token), so every token is
//! turned into the id of its written form at once: a form's stem and whether
//! it can be a term are worked out the first time the form is seen, and
//! from then on only `u32` ids are counted. The sample is read in parts, a
//! contiguous run of articles in document order per task (articles stored
//! side by side share a compressed block of the doc store, decompressed
//! once). Each part keeps its articles as id sequences; pairs are counted
//! in a second pass over them, and only pairs of the words the caller names
//! (the over-represented ones), since only those can be significant phrases.
//! The spelling shown for a term is worked out last, for the terms shown.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::eligible;
use crate::error::Result;

/// In an id sequence: a word that cannot be a term or a gap in positions;
/// no pair spans it.
const BREAK: u32 = u32::MAX;
/// In an id sequence: the end of an article.
const END: u32 = u32::MAX - 1;

/// A word as written, lower-cased: how a term is shown.
pub(super) fn spelling(written: &str) -> String {
    if written.is_ascii() {
        written.to_ascii_lowercase()
    } else {
        written.to_lowercase()
    }
}

/// Distinct strings, each with the id of its first appearance.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
}

impl Interner {
    fn with_capacity(n: usize) -> Self {
        Interner {
            ids: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The id of `s`, and whether it is new.
    fn id(&mut self, s: &str) -> (u32, bool) {
        if let Some(&id) = self.ids.get(s) {
            return (id, false);
        }
        let id = self.ids.len() as u32;
        self.ids.insert(s.into(), id);
        (id, true)
    }

    /// The strings in id order.
    fn into_strings(self) -> Vec<Box<str>> {
        let mut out: Vec<Box<str>> = vec![Box::from(""); self.ids.len()];
        for (s, id) in self.ids {
            out[id as usize] = s;
        }
        out
    }
}

/// One task's run of the sample, in its own ids.
struct Part {
    /// Written forms (exact bytes of the text).
    forms: Interner,
    /// Per form: its stem's id, or [`BREAK`] when it cannot be a term.
    form_stem: Vec<u32>,
    /// Per form: tokens written so.
    form_tokens: Vec<u64>,
    stems: Interner,
    /// Per stem: articles of this part that hold it.
    stem_docs: Vec<u64>,
    /// The eligible forms of every article, in text order, [`BREAK`] where
    /// no pair may be counted, [`END`] after each article.
    seq: Vec<u32>,
}

/// Fetch and count one run of the sample (`addrs`, in document order).
fn count_part(
    searcher: &Searcher,
    body: Field,
    mut analyzer: TextAnalyzer,
    addrs: &[DocAddress],
) -> Result<Part> {
    // Sized for what a news sample holds (Reuters' `oil`: 6,522 stems in
    // 1,000 articles, some 10,000 written forms), so the tables are not
    // grown step by step.
    let n = addrs.len();
    let mut part = Part {
        forms: Interner::with_capacity(n * 12),
        form_stem: Vec::with_capacity(n * 12),
        form_tokens: Vec::with_capacity(n * 12),
        stems: Interner::with_capacity(n * 8),
        stem_docs: Vec::with_capacity(n * 8),
        seq: Vec::with_capacity(n * 160),
    };
    // Per stem: the last article counted (1-based), so each counts once.
    let mut stem_last: Vec<u32> = Vec::with_capacity(n * 8);
    let mut text = String::new();
    for (i, addr) in addrs.iter().enumerate() {
        let article = i as u32 + 1;
        let doc: TantivyDocument = searcher.doc(*addr)?;
        text.clear();
        for v in doc.get_all(body) {
            if let Some(s) = v.as_str() {
                text.push_str(s);
                text.push('\n');
            }
        }
        let mut stream = analyzer.token_stream(&text);
        // The position of the last eligible word, while the sequence ends
        // with it.
        let mut prev: Option<usize> = None;
        while let Some(tok) = stream.next() {
            let written = text.get(tok.offset_from..tok.offset_to).unwrap_or_default();
            let (form, new) = part.forms.id(written);
            if new {
                let stem = if eligible(&spelling(written)) {
                    let (stem, new_stem) = part.stems.id(&tok.text);
                    if new_stem {
                        part.stem_docs.push(0);
                        stem_last.push(0);
                    }
                    stem
                } else {
                    BREAK
                };
                part.form_stem.push(stem);
                part.form_tokens.push(0);
            }
            let stem = part.form_stem[form as usize];
            if stem == BREAK {
                if prev.take().is_some() {
                    part.seq.push(BREAK);
                }
                continue;
            }
            part.form_tokens[form as usize] += 1;
            let s = stem as usize;
            if stem_last[s] != article {
                stem_last[s] = article;
                part.stem_docs[s] += 1;
            }
            if prev.is_some_and(|p| p + 1 != tok.position) {
                part.seq.push(BREAK);
            }
            part.seq.push(form);
            prev = Some(tok.position);
        }
        part.seq.push(END);
    }
    Ok(part)
}

/// A part's sequence and its forms' ids in the whole sample.
struct PartSeq {
    seq: Vec<u32>,
    /// Part form id → sample form id.
    forms: Vec<u32>,
}

/// The words of a sample and what it takes to count its phrases.
pub(super) struct Sample {
    /// Written forms by id.
    written: Vec<Box<str>>,
    /// Per form: its stem, or [`BREAK`].
    form_stem: Vec<u32>,
    form_tokens: Vec<u64>,
    /// Stems by id (the index's terms).
    stems: Vec<Box<str>>,
    /// Per stem: sampled articles that hold it.
    stem_docs: Vec<u64>,
    parts: Vec<PartSeq>,
}

/// Adjacent pairs of chosen stems: articles per pair and tokens per pair of
/// written forms.
pub(super) struct Pairs {
    /// (first stem, second stem) → sampled articles with the pair.
    pub docs: FxHashMap<(u32, u32), u64>,
    /// (first form, second form) → times written so.
    forms: FxHashMap<(u32, u32), u64>,
}

impl Sample {
    /// Tokenise and count the bodies (in field `body`) of the sampled
    /// articles `addrs`, in parallel.
    pub(super) fn count(
        searcher: &Searcher,
        body: Field,
        analyzer: &TextAnalyzer,
        addrs: &[DocAddress],
    ) -> Result<Sample> {
        let mut sorted = addrs.to_vec();
        sorted.sort_unstable();
        let per_task = sorted
            .len()
            .div_ceil(rayon::current_num_threads().max(1))
            .max(1);
        let parts: Vec<Part> = sorted
            .par_chunks(per_task)
            .map(|chunk| count_part(searcher, body, analyzer.clone(), chunk))
            .collect::<Result<_>>()?;
        Ok(Sample::merge(parts))
    }

    /// One sample of the parts: their forms and stems given common ids,
    /// counts added.
    fn merge(parts: Vec<Part>) -> Sample {
        let size = parts.first().map_or(0, |p| p.forms.len());
        let mut forms = Interner::with_capacity(size * 2);
        let mut stems = Interner::with_capacity(size);
        let mut form_stem = Vec::with_capacity(size * 2);
        let mut form_tokens = Vec::with_capacity(size * 2);
        let mut stem_docs: Vec<u64> = Vec::with_capacity(size);
        let mut seqs = Vec::with_capacity(parts.len());
        for part in parts {
            let part_stems = part.stems.into_strings();
            let stem_map: Vec<u32> = part_stems
                .iter()
                .zip(&part.stem_docs)
                .map(|(s, &docs)| {
                    let (id, new) = stems.id(s);
                    if new {
                        stem_docs.push(0);
                    }
                    stem_docs[id as usize] += docs;
                    id
                })
                .collect();
            let mut form_map = vec![BREAK; part.forms.len()];
            for (w, local) in part.forms.ids {
                let l = local as usize;
                let (id, new) = forms.id(&w);
                if new {
                    let s = part.form_stem[l];
                    form_stem.push(if s == BREAK {
                        BREAK
                    } else {
                        stem_map[s as usize]
                    });
                    form_tokens.push(0);
                }
                form_tokens[id as usize] += part.form_tokens[l];
                form_map[l] = id;
            }
            seqs.push(PartSeq {
                seq: part.seq,
                forms: form_map,
            });
        }
        Sample {
            written: forms.into_strings(),
            form_stem,
            form_tokens,
            stems: stems.into_strings(),
            stem_docs,
            parts: seqs,
        }
    }

    /// The stems (index terms) with the sampled articles that hold each.
    pub(super) fn words(&self) -> impl Iterator<Item = (u32, &str, u64)> + '_ {
        self.stems
            .iter()
            .zip(&self.stem_docs)
            .enumerate()
            .map(|(i, (s, &d))| (i as u32, &**s, d))
    }

    pub(super) fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }

    /// Stems known to the sample.
    pub(super) fn num_stems(&self) -> usize {
        self.stems.len()
    }

    /// Count the adjacent pairs whose two stems are both `chosen` (indexed
    /// by stem id), each once per article.
    pub(super) fn pairs(&self, chosen: &[bool]) -> Pairs {
        let counted: Vec<Pairs> = self
            .parts
            .par_iter()
            .map(|part| self.part_pairs(part, chosen))
            .collect();
        let mut all = Pairs {
            docs: FxHashMap::default(),
            forms: FxHashMap::default(),
        };
        for p in counted {
            for (k, n) in p.docs {
                *all.docs.entry(k).or_default() += n;
            }
            for (k, n) in p.forms {
                *all.forms.entry(k).or_default() += n;
            }
        }
        all
    }

    fn part_pairs(&self, part: &PartSeq, chosen: &[bool]) -> Pairs {
        // Per pair: articles, and the last article counted.
        let mut docs: FxHashMap<(u32, u32), (u64, u32)> = FxHashMap::default();
        let mut forms: FxHashMap<(u32, u32), u64> = FxHashMap::default();
        let mut article = 1;
        let mut prev: Option<(u32, u32)> = None;
        for &f in &part.seq {
            if f == BREAK || f == END {
                prev = None;
                article += u32::from(f == END);
                continue;
            }
            let form = part.forms[f as usize];
            let stem = self.form_stem[form as usize];
            if let Some((p_form, p_stem)) = prev {
                if chosen[p_stem as usize] && chosen[stem as usize] {
                    let d = docs.entry((p_stem, stem)).or_insert((0, 0));
                    if d.1 != article {
                        d.1 = article;
                        d.0 += 1;
                    }
                    *forms.entry((p_form, form)).or_default() += 1;
                }
            }
            prev = Some((form, stem));
        }
        Pairs {
            docs: docs.into_iter().map(|(k, (n, _))| (k, n)).collect(),
            forms,
        }
    }

    /// The spelling of each stem in `stems`: the one most often written in
    /// the sample, lower-cased (the first in alphabetical order on a tie).
    pub(super) fn word_spellings(&self, stems: &[u32]) -> FxHashMap<u32, String> {
        let wanted: FxHashMap<u32, ()> = stems.iter().map(|&s| (s, ())).collect();
        let mut seen: FxHashMap<u32, FxHashMap<String, u64>> = FxHashMap::default();
        for (form, &stem) in self.form_stem.iter().enumerate() {
            if stem != BREAK && wanted.contains_key(&stem) {
                *seen
                    .entry(stem)
                    .or_default()
                    .entry(spelling(&self.written[form]))
                    .or_default() += self.form_tokens[form];
            }
        }
        seen.into_iter()
            .map(|(stem, counts)| (stem, most_written(counts)))
            .collect()
    }

    /// The spelling of each pair of stems in `pairs`, as
    /// [`word_spellings`](Self::word_spellings) but of the two words.
    pub(super) fn pair_spellings(
        &self,
        counted: &Pairs,
        pairs: &[(u32, u32)],
    ) -> FxHashMap<(u32, u32), String> {
        let wanted: FxHashMap<(u32, u32), ()> = pairs.iter().map(|&p| (p, ())).collect();
        let mut seen: FxHashMap<(u32, u32), FxHashMap<String, u64>> = FxHashMap::default();
        for (&(a, b), &n) in &counted.forms {
            let key = (self.form_stem[a as usize], self.form_stem[b as usize]);
            if wanted.contains_key(&key) {
                let mut s = spelling(&self.written[a as usize]);
                s.push(' ');
                s.push_str(&spelling(&self.written[b as usize]));
                *seen.entry(key).or_default().entry(s).or_default() += n;
            }
        }
        seen.into_iter()
            .map(|(pair, counts)| (pair, most_written(counts)))
            .collect()
    }
}

/// The spelling seen most often, the first in alphabetical order on a tie.
fn most_written(counts: FxHashMap<String, u64>) -> String {
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(s, _)| s)
        .unwrap_or_default()
}
