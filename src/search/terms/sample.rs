//! The foreground of `terms`: the sampled articles' bodies tokenised again
//! as the index analysed them, each word and each pair of adjacent words
//! counted once per article.
//!
//! Counting strings token by token was most of the time of `terms`
//! (hash-map growth, an allocation per new key, a string compare per
//! token, the stemmer's cache missing in every fresh copy of the analyzer).
//! So the text is only split into words here, with the analyzer's own first
//! stage (`SimpleTokenizer`: every newsdex analyzer starts with it, and the
//! steps after it change one word at a time), and every word becomes the id
//! of its written form. The analyzer then runs once per distinct form, for
//! its stem; from there on only `u32` ids are counted.
//!
//! The sample is read in parts, a contiguous run of articles in document
//! order per task (articles stored side by side share a compressed block of
//! the doc store, decompressed once). Each part keeps its articles as id
//! sequences; words are counted in a pass over them, and pairs in a second
//! pass, only of the words the caller names (the over-represented ones),
//! since only those can be significant phrases. A term's spelling is worked
//! out last, for the terms shown.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::eligible;
use crate::error::Result;

/// Stem of a form that cannot be a term (a stop word, a number, a word the
/// analyzer drops); no pair spans it.
const NONE: u32 = u32::MAX;
/// In an id sequence: the end of an article.
const END: u32 = u32::MAX;

/// Sampled articles per part, at least: a part's own table of forms is
/// merged into the sample's, which costs about as much as a few dozen
/// articles' counting.
const MIN_PART: usize = 48;
/// Parts per thread, so a thread slowed down by other work is made up by
/// the others.
const PARTS_PER_THREAD: usize = 4;

/// A word as written, lower-cased: how a term is shown.
pub(super) fn spelling(written: &str) -> String {
    if written.is_ascii() {
        written.to_ascii_lowercase()
    } else {
        written.to_lowercase()
    }
}

/// Forms this long or shorter are looked up as one `u128`.
const SHORT: usize = 16;

/// `s` zero-padded into a `u128` (words never contain NUL, so the padding
/// is unambiguous), when it fits.
fn pack(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > SHORT {
        return None;
    }
    let mut buf = [0u8; SHORT];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// Distinct written forms, each with the id of its first appearance. Most
/// words fit in 16 bytes and are looked up as one `u128`: one probe, no
/// string compare, no allocation.
#[derive(Default)]
struct Forms {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// Every form's text, one after another, and each form's span in it.
    text: String,
    spans: Vec<(u32, u32)>,
}

impl Forms {
    fn with_capacity(n: usize) -> Self {
        Forms {
            short: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            long: FxHashMap::default(),
            text: String::with_capacity(n * 8),
            spans: Vec::with_capacity(n),
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, id: u32) -> &str {
        let (from, to) = self.spans[id as usize];
        &self.text[from as usize..to as usize]
    }

    /// The id of `s`, and whether it is new.
    fn id(&mut self, s: &str) -> (u32, bool) {
        let next = self.spans.len() as u32;
        let id = match pack(s) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => match self.long.get(s) {
                Some(&id) => id,
                None => {
                    self.long.insert(s.into(), next);
                    next
                }
            },
        };
        if id == next {
            let from = self.text.len() as u32;
            self.text.push_str(s);
            self.spans.push((from, self.text.len() as u32));
        }
        (id, id == next)
    }
}

/// One task's run of the sample, in its own form ids.
struct Part {
    forms: Forms,
    /// Per form: tokens written so.
    tokens: Vec<u64>,
    /// Every article's words as form ids, in text order, [`END`] after each.
    seq: Vec<u32>,
}

/// Fetch the bodies (field `body`) of one run of the sample (`addrs`, in
/// document order) and split them into words.
fn split_part(searcher: &Searcher, body: Field, addrs: &[DocAddress]) -> Result<Part> {
    // Sized for what a news sample holds (Reuters' `oil`: some 10,000
    // written forms and 250 words an article in 1,000 articles), so the
    // tables are not grown step by step.
    let mut part = Part {
        forms: Forms::with_capacity(1024 + addrs.len() * 24),
        tokens: Vec::with_capacity(1024 + addrs.len() * 24),
        seq: Vec::with_capacity(addrs.len() * 256),
    };
    let mut words = SimpleTokenizer::default();
    let mut text = String::new();
    for addr in addrs {
        let doc: TantivyDocument = searcher.doc(*addr)?;
        text.clear();
        for v in doc.get_all(body) {
            if let Some(s) = v.as_str() {
                text.push_str(s);
                text.push('\n');
            }
        }
        let mut stream = words.token_stream(&text);
        while let Some(tok) = stream.next() {
            let written = text.get(tok.offset_from..tok.offset_to).unwrap_or_default();
            let (form, new) = part.forms.id(written);
            if new {
                part.tokens.push(0);
            }
            part.tokens[form as usize] += 1;
            part.seq.push(form);
        }
        part.seq.push(END);
    }
    Ok(part)
}

/// The stem (index term) of a written form, or `None` when it cannot be a
/// term: a stop word, a number, or a word the analyzer drops.
fn stem_of(analyzer: &mut TextAnalyzer, written: &str) -> Option<String> {
    if !eligible(&spelling(written)) {
        return None;
    }
    let mut stream = analyzer.token_stream(written);
    stream.next().map(|tok| tok.text.clone())
}

/// A part's sequence and its forms' ids in the whole sample.
struct PartSeq {
    seq: Vec<u32>,
    /// Part form id → sample form id.
    forms: Vec<u32>,
}

/// The words of a sample and what it takes to count its phrases.
pub(super) struct Sample {
    forms: Forms,
    /// Per form: its stem, or [`NONE`].
    form_stem: Vec<u32>,
    form_tokens: Vec<u64>,
    /// Stems by id (the index's terms).
    stems: Vec<String>,
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
    /// Tokenise and count the bodies (in field `body`, analysed by
    /// `analyzer`) of the sampled articles `addrs`, in parallel.
    pub(super) fn count(
        searcher: &Searcher,
        body: Field,
        analyzer: &TextAnalyzer,
        addrs: &[DocAddress],
    ) -> Result<Sample> {
        let mut sorted = addrs.to_vec();
        sorted.sort_unstable();
        let threads = rayon::current_num_threads().max(1);
        let per_task = sorted
            .len()
            .div_ceil(threads * PARTS_PER_THREAD)
            .max(MIN_PART);
        let parts: Vec<Part> = sorted
            .par_chunks(per_task)
            .map(|chunk| split_part(searcher, body, chunk))
            .collect::<Result<_>>()?;

        // One table of forms; each part's ids mapped into it.
        let size = parts.first().map_or(0, |p| p.forms.len());
        let mut forms = Forms::with_capacity(size * 2);
        let mut form_tokens: Vec<u64> = Vec::with_capacity(size * 2);
        let mut seqs = Vec::with_capacity(parts.len());
        for part in parts {
            let mut map = Vec::with_capacity(part.forms.len());
            for (local, &n) in part.tokens.iter().enumerate() {
                let (id, new) = forms.id(part.forms.get(local as u32));
                if new {
                    form_tokens.push(0);
                }
                form_tokens[id as usize] += n;
                map.push(id);
            }
            seqs.push(PartSeq {
                seq: part.seq,
                forms: map,
            });
        }

        // Each distinct form analysed once, in parallel runs of forms.
        let ids: Vec<u32> = (0..forms.len() as u32).collect();
        let per_task = ids.len().div_ceil(threads).max(1);
        let stemmed: Vec<Vec<Option<String>>> = ids
            .par_chunks(per_task)
            .map(|chunk| {
                let mut analyzer = analyzer.clone();
                chunk
                    .iter()
                    .map(|&f| stem_of(&mut analyzer, forms.get(f)))
                    .collect()
            })
            .collect();
        let mut stem_ids: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(size, Default::default());
        let mut stems = Vec::with_capacity(size);
        let form_stem: Vec<u32> = stemmed
            .into_iter()
            .flatten()
            .map(|stem| match stem {
                None => NONE,
                Some(s) => *stem_ids.entry(s).or_insert_with_key(|s| {
                    stems.push(s.clone());
                    stems.len() as u32 - 1
                }),
            })
            .collect();

        let mut sample = Sample {
            forms,
            form_stem,
            form_tokens,
            stem_docs: vec![0; stems.len()],
            stems,
            parts: seqs,
        };
        let counted: Vec<Vec<u64>> = sample
            .parts
            .par_iter()
            .map(|part| sample.part_words(part))
            .collect();
        for docs in counted {
            for (all, n) in sample.stem_docs.iter_mut().zip(docs) {
                *all += n;
            }
        }
        Ok(sample)
    }

    /// Per stem: the articles of `part` that hold it.
    fn part_words(&self, part: &PartSeq) -> Vec<u64> {
        let mut docs = vec![0u64; self.stems.len()];
        // Per stem: the last article counted (1-based), so each counts once.
        let mut last = vec![0u32; self.stems.len()];
        let mut article = 1;
        for &f in &part.seq {
            if f == END {
                article += 1;
                continue;
            }
            let stem = self.form_stem[part.forms[f as usize] as usize];
            if stem != NONE && last[stem as usize] != article {
                last[stem as usize] = article;
                docs[stem as usize] += 1;
            }
        }
        docs
    }

    /// The stems (index terms) with the sampled articles that hold each.
    pub(super) fn words(&self) -> impl Iterator<Item = (u32, &str, u64)> + '_ {
        self.stems
            .iter()
            .zip(&self.stem_docs)
            .enumerate()
            .map(|(i, (s, &d))| (i as u32, s.as_str(), d))
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
        // The previous word, when it is one of the chosen.
        let mut prev: Option<(u32, u32)> = None;
        for &f in &part.seq {
            if f == END {
                prev = None;
                article += 1;
                continue;
            }
            let form = part.forms[f as usize];
            let stem = self.form_stem[form as usize];
            if stem == NONE || !chosen[stem as usize] {
                prev = None;
                continue;
            }
            if let Some((p_form, p_stem)) = prev {
                let d = docs.entry((p_stem, stem)).or_insert((0, 0));
                if d.1 != article {
                    d.1 = article;
                    d.0 += 1;
                }
                *forms.entry((p_form, form)).or_default() += 1;
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
            if stem != NONE && wanted.contains_key(&stem) {
                *seen
                    .entry(stem)
                    .or_default()
                    .entry(spelling(self.forms.get(form as u32)))
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
                let mut s = spelling(self.forms.get(a));
                s.push(' ');
                s.push_str(&spelling(self.forms.get(b)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{language_analyzer, register_tokenizers};
    use crate::schema::declaration;

    /// The samples folder's text, one Reuters-21578 file when the corpus is
    /// at hand, and words with letters the analyzers fold or drop.
    fn real_text() -> String {
        crate::parse::samples_and_reuters_text(
            "Häuser ÉCONOMIE Über naïve café ﬁnance Straße İstanbul ΣΊΣΥΦΟΣ x1 g7 \
             Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen a b the",
        )
    }

    /// The eligible words of `text` as the analyzer makes them: (stem,
    /// whether it directly follows the previous eligible word).
    fn analysed(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        let mut prev: Option<usize> = None;
        while let Some(tok) = stream.next() {
            if !eligible(&spelling(&text[tok.offset_from..tok.offset_to])) {
                prev = None;
                continue;
            }
            out.push((
                tok.text.clone(),
                prev.is_some_and(|p| p + 1 == tok.position),
            ));
            prev = Some(tok.position);
        }
        out
    }

    /// The same, split into words first and each word analysed alone.
    fn split(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut words = SimpleTokenizer::default();
        let mut stream = words.token_stream(text);
        let mut follows = false;
        while let Some(tok) = stream.next() {
            match stem_of(analyzer, &text[tok.offset_from..tok.offset_to]) {
                Some(stem) => {
                    out.push((stem, follows));
                    follows = true;
                }
                None => follows = false,
            }
        }
        out
    }

    #[test]
    fn every_analyzer_changes_one_split_word_at_a_time() {
        let text = real_text();
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        register_tokenizers(&index);
        let decl = declaration();
        let mut analyzers = vec![index.tokenizers().get("news").expect("news analyzer")];
        analyzers.extend(decl.analyzers.iter().skip(1).map(language_analyzer));
        assert!(analyzers.len() > 1, "the language analyzers too");
        for mut a in analyzers {
            let want = analysed(&mut a, &text);
            assert!(want.len() > 1000, "the samples give enough words");
            assert!(want.iter().any(|w| w.1) && want.iter().any(|w| !w.1));
            assert_eq!(split(&mut a, &text), want);
        }
    }

    #[test]
    fn short_and_long_forms_keep_their_ids() {
        let mut forms = Forms::default();
        let long = "Donaudampfschifffahrtsgesellschaft";
        assert_eq!(forms.id("oil"), (0, true));
        assert_eq!(forms.id(long), (1, true));
        assert_eq!(forms.id("Oil"), (2, true));
        assert_eq!(forms.id("oil"), (0, false));
        assert_eq!(forms.id(long), (1, false));
        assert_eq!((forms.get(1), forms.get(2), forms.len()), (long, "Oil", 3));
    }
}
