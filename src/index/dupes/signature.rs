//! What near-duplicate detection compares: a story's body as a set of
//! word shingles, and a MinHash sketch of that set cut into bands for
//! locality-sensitive hashing.
//!
//! Shingles are runs of [`SHINGLE_WORDS`] words (letters and digits,
//! lower-cased), hashed to 64 bits. The sketch is one-permutation MinHash
//! (Li, Owen and Zhang 2012): each shingle hash falls into one of
//! [`BANDS`] x [`ROWS`] bins and each bin keeps its smallest hash; a bin no
//! shingle fell into borrows from the next filled bin to its right, mixed
//! with the distance ("rotation" densification, Shrivastava and Li 2014).
//! That costs one hash per shingle instead of one per shingle and bin.
//! Two sets agree in a bin with probability about their Jaccard
//! similarity `s`, so they share at least one band key with probability
//! `1 - (1 - s^ROWS)^BANDS`: 0.58 at s = 0.3, 0.88 at 0.4, 0.99 at 0.5.
//! Band keys only propose candidates; the shingle sets decide ([`Overlap`]).

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Bands of the LSH sketch (one key each).
pub const BANDS: usize = 32;
/// Sketch bins per band.
pub const ROWS: usize = 3;
/// A text with fewer shingles than this gets no band keys: too short to
/// tell a copy from a stock phrase (`Shr 10 cts vs 8 cts`).
pub const MIN_SHINGLES: usize = 12;

const BINS: usize = BANDS * ROWS;

/// The splitmix64 finaliser: spreads FxHash's output over all 64 bits, which
/// the bin choice (high bits) and the minimum (all bits) both rely on.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Calls `each` with the hash of every word of the text, lower-cased, in
/// order. ASCII letters and digits are hashed byte by byte; other letters
/// through `to_lowercase`.
fn for_each_word_hash(text: &str, mut each: impl FnMut(u64)) {
    let mut h = FxHasher::default();
    let mut in_word = false;
    let mut end_word = |h: &mut FxHasher, in_word: &mut bool| {
        if *in_word {
            each(h.finish());
            *h = FxHasher::default();
            *in_word = false;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                h.write_u32(c.to_ascii_lowercase() as u32);
                in_word = true;
            } else {
                end_word(&mut h, &mut in_word);
            }
        } else if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                h.write_u32(lc as u32);
            }
            in_word = true;
        } else {
            end_word(&mut h, &mut in_word);
        }
    }
    end_word(&mut h, &mut in_word);
}

/// Hashes of the text's words, lower-cased, in order.
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word_hash(text, |h| out.push(h));
    out
}

/// The hash of one shingle: its words' hashes, in order.
fn shingle_hash(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = FxHasher::default();
    for x in words {
        h.write_u64(x);
    }
    mix(h.finish())
}

/// Hashes of the text's numbers, whole: a run of digits with the
/// separators inside it (`1.5`, `6-1/16`, `10:31`, `4,466,006`), sorted,
/// without repeats.
fn number_hashes(text: &str) -> Vec<u64> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (matches!(b[i], b'.' | b',' | b'/' | b':' | b'-')
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let mut h = FxHasher::default();
        h.write(&b[start..i]);
        out.push(mix(h.finish()));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Hashes of the text's capitalised words (`Chemical`, `Midland`, `IBM`),
/// sorted, without repeats: the names that tell one bank's rate rise from
/// another's when the rest of the template is the same.
fn name_hashes(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| {
            let mut h = FxHasher::default();
            h.write(w.as_bytes());
            mix(h.finish())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What two texts are compared by: their shingles and their numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Shingle hashes, sorted, without repeats. A text shorter than one
    /// shingle is one shingle of all its words (none when it has none).
    pub shingles: Vec<u64>,
    /// Hashes of the numbers (`1.5`, `6-1/16`, `10:31`), sorted, without
    /// repeats: templated stories (the Fed's daily
    /// repurchases, a company's quarterly figures) differ in little else.
    pub numbers: Vec<u64>,
    /// Hashes of the capitalised words, sorted, without repeats.
    pub names: Vec<u64>,
}

/// The fingerprint of a text.
pub fn fingerprint(text: &str) -> Fingerprint {
    Fingerprint {
        shingles: shingles(text),
        numbers: number_hashes(text),
        names: name_hashes(text),
    }
}

/// The text's shingle hashes (see [`Fingerprint::shingles`]).
pub fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let window = SHINGLE_WORDS.min(words.len());
    if window == 0 {
        return Vec::new();
    }
    let mut shingles: Vec<u64> = words
        .windows(window)
        .map(|w| shingle_hash(w.iter().copied()))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// The band keys of a shingle set ([`BANDS`] of them), or none when the
/// set is smaller than [`MIN_SHINGLES`]. Keys of different bands never
/// collide by construction of the hash input (the band number is in it).
pub fn band_keys(shingles: &[u64]) -> Vec<u64> {
    if shingles.len() < MIN_SHINGLES {
        return Vec::new();
    }
    let mut bins = Bins::new();
    shingles.iter().for_each(|&s| bins.add(s));
    bins.keys()
}

/// The one-permutation MinHash bins of a shingle set being read.
struct Bins {
    min: [u64; BINS],
    filled: [bool; BINS],
}

impl Bins {
    fn new() -> Bins {
        Bins {
            min: [u64::MAX; BINS],
            filled: [false; BINS],
        }
    }

    fn add(&mut self, s: u64) {
        // The high 32 bits pick the bin (multiply-shift, no modulo bias).
        let bin = (((s >> 32) * BINS as u64) >> 32) as usize;
        if s < self.min[bin] {
            self.min[bin] = s;
        }
        self.filled[bin] = true;
    }

    /// The band keys of the sketch (at least one bin must be filled).
    fn keys(&self) -> Vec<u64> {
        let sketch: Vec<u64> = (0..BINS)
            .map(|i| {
                if self.filled[i] {
                    return self.min[i];
                }
                let (distance, from) = (1..BINS)
                    .map(|d| (d, (i + d) % BINS))
                    .find(|&(_, j)| self.filled[j])
                    .unwrap_or((0, i));
                mix(self.min[from] ^ (distance as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            })
            .collect();
        sketch
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = FxHasher::default();
                h.write_usize(band);
                for &r in rows {
                    h.write_u64(r);
                }
                mix(h.finish())
            })
            .collect()
    }
}

/// The band keys of a text: `band_keys(&shingles(text))`, read in one pass
/// without collecting, sorting or deduplicating the shingles (the sketch
/// keeps minima, which repeats and order do not change), since every
/// article is sketched at index time.
pub fn text_keys(text: &str) -> Vec<u64> {
    let mut window = [0u64; SHINGLE_WORDS];
    let mut words = 0usize;
    let mut bins = Bins::new();
    // The first distinct shingles, until there are enough to sketch.
    let mut distinct: Vec<u64> = Vec::with_capacity(MIN_SHINGLES);
    for_each_word_hash(text, |w| {
        window[words % SHINGLE_WORDS] = w;
        words += 1;
        if words < SHINGLE_WORDS {
            return;
        }
        // The window's words, oldest first.
        let start = words % SHINGLE_WORDS;
        let s = shingle_hash((0..SHINGLE_WORDS).map(|i| window[(start + i) % SHINGLE_WORDS]));
        if distinct.len() < MIN_SHINGLES && !distinct.contains(&s) {
            distinct.push(s);
        }
        bins.add(s);
    });
    // A text shorter than one shingle is at most one shingle: too few.
    if distinct.len() < MIN_SHINGLES {
        return Vec::new();
    }
    bins.keys()
}

/// How much two texts share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Shingles shared over all: |A ∩ B| / |A ∪ B|.
    pub jaccard: f64,
    /// Shingles shared over the smaller set: |A ∩ B| / min(|A|, |B|); 1.0
    /// when one text is the other cut short.
    pub containment: f64,
    /// Numbers shared over the smaller set of numbers (1.0 when either
    /// text has none).
    pub numbers: f64,
    /// Capitalised words shared over the smaller set of them (1.0 when
    /// either text has none).
    pub names: f64,
}

/// |A ∩ B|, |A ∪ B| and min(|A|, |B|) of two sorted, repeat-free sets.
fn shared(a: &[u64], b: &[u64]) -> (usize, usize, usize) {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (both, a.len() + b.len() - both, a.len().min(b.len()))
}

fn ratio(x: usize, y: usize) -> f64 {
    if y == 0 {
        0.0
    } else {
        x as f64 / y as f64
    }
}

impl Overlap {
    /// Compare two fingerprints.
    pub fn of(a: &Fingerprint, b: &Fingerprint) -> Overlap {
        let (both, union, smaller) = shared(&a.shingles, &b.shingles);
        let contained = |x: &[u64], y: &[u64]| {
            let (both, _, smaller) = shared(x, y);
            if smaller == 0 {
                1.0
            } else {
                ratio(both, smaller)
            }
        };
        Overlap {
            jaccard: ratio(both, union),
            containment: ratio(both, smaller),
            numbers: contained(&a.numbers, &b.numbers),
            names: contained(&a.names, &b.names),
        }
    }

    /// True when two texts are copies of one story: most of the shorter one
    /// is in the longer one ([`COPY_CONTAINMENT`]), they share enough of
    /// the whole ([`COPY_JACCARD`]), and most of the numbers and names of
    /// the one with fewer ([`COPY_NUMBERS`], [`COPY_NAMES`]). So a copy with
    /// its headline changed, a paragraph added or a third of its sentences
    /// dropped is one; a one-paragraph brief inside a long feature is not,
    /// nor is the next day's story from the same template with other
    /// figures, nor another company's announcement in the same words.
    pub fn is_copy(&self) -> bool {
        self.containment >= COPY_CONTAINMENT
            && self.jaccard >= COPY_JACCARD
            && self.numbers >= COPY_NUMBERS
            && self.names >= COPY_NAMES
    }
}

/// Least share of the shorter text's shingles found in the longer one for
/// two texts to be copies.
pub const COPY_CONTAINMENT: f64 = 0.7;
/// Least Jaccard similarity of two copies' shingle sets.
pub const COPY_JACCARD: f64 = 0.3;
/// Least share of the smaller set of numbers found in the other text.
pub const COPY_NUMBERS: f64 = 0.6;
/// Least share of the smaller set of capitalised words found in the other.
pub const COPY_NAMES: f64 = 0.6;

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Oil prices rose on Tuesday after the Organization of the Petroleum \
        Exporting Countries agreed to extend its output cuts into next year, traders said. \
        Brent crude futures gained 1.2 dollars to settle at 64.50 dollars a barrel, while \
        U.S. West Texas Intermediate crude rose 90 cents. Analysts said the decision had \
        been widely expected but the length of the extension surprised some investors. \
        Venezuela, whose output has collapsed, was exempted from the cuts.";

    #[test]
    fn shingles_ignore_case_and_punctuation() {
        assert_eq!(
            shingles("The cat sat on the mat, quietly."),
            shingles("the CAT sat -- on the mat quietly")
        );
        assert_eq!(shingles("one two").len(), 1);
        assert!(shingles("  ...  ").is_empty());
    }

    #[test]
    fn a_copy_shares_band_keys_and_an_unrelated_story_does_not() {
        let copy = format!("{STORY} Reporting by a staff correspondent. Follow us online.");
        let other = "The central bank left interest rates unchanged on Thursday, saying \
            inflation was close to its target and growth had picked up in the third quarter \
            as exports recovered from a slump earlier in the year, officials said.";
        let (a, b, c) = (text_keys(STORY), text_keys(&copy), text_keys(other));
        assert_eq!(a.len(), BANDS);
        let shared = |x: &[u64], y: &[u64]| x.iter().filter(|k| y.contains(k)).count();
        assert!(shared(&a, &b) > 0);
        assert_eq!(shared(&a, &c), 0);
        let o = Overlap::of(&fingerprint(STORY), &fingerprint(&copy));
        assert!(o.is_copy(), "{o:?}");
        assert!(!Overlap::of(&fingerprint(STORY), &fingerprint(other)).is_copy());
    }

    #[test]
    fn the_same_template_with_other_figures_is_not_a_copy() {
        let fed = |amount: &str, rate: &str| {
            format!(
                "The Federal Reserve entered the U.S. Government securities market to arrange \
                 {amount} billion dlrs of customer repurchase agreements, a Fed spokesman said. \
                 Dealers said Federal funds were trading at {rate} pct when the Fed began its \
                 temporary and indirect supply of reserves to the banking system."
            )
        };
        let (a, b) = (
            fingerprint(&fed("1.5", "6-1/16")),
            fingerprint(&fed("2.5", "6-1/8")),
        );
        let o = Overlap::of(&a, &b);
        assert!(o.containment >= COPY_CONTAINMENT && !o.is_copy(), "{o:?}");
        assert!(Overlap::of(&a, &fingerprint(&fed("1.5", "6-1/16"))).is_copy());
    }

    #[test]
    fn another_company_in_the_same_words_is_not_a_copy() {
        let prime = |who: &str, unit: &str| {
            format!(
                "{who} said it is raising its prime lending rate to 7-3/4 pct from 7-1/2 pct, \
                 effective immediately. {unit} is the main subsidiary of {who}, which follows \
                 the move by other major banks earlier in the day."
            )
        };
        let a = fingerprint(&prime("Chemical New York Corp", "Chemical Bank"));
        let b = fingerprint(&prime("Marine Midland Banks Inc", "Marine Midland Bank"));
        let o = Overlap::of(&a, &b);
        assert!(o.numbers == 1.0 && !o.is_copy(), "{o:?}");
    }

    #[test]
    fn a_short_text_has_no_band_keys() {
        assert!(text_keys("Shr 10 cts vs 8 cts. Net 1.2 mln vs 900,000.").is_empty());
    }

    #[test]
    fn a_brief_inside_a_long_feature_is_not_its_copy() {
        let brief = &STORY[..200];
        let mut feature = STORY.to_string();
        for i in 0..60 {
            feature.push_str(&format!(
                " Part {i} of the report looks back at the market."
            ));
        }
        let o = Overlap::of(&fingerprint(brief), &fingerprint(&feature));
        assert!(o.containment > 0.9 && !o.is_copy(), "{o:?}");
    }

    #[test]
    fn numbers_are_read_whole() {
        let a = number_hashes("arrange 1.5 billion at 6-1/16 pct, 10:31 and 4,466,006.");
        assert_eq!(a.len(), 4);
        assert_eq!(a, number_hashes("4,466,006 then 10:31, 6-1/16 and 1.5"));
        assert!(number_hashes("no figures here").is_empty());
    }

    #[test]
    fn text_keys_are_the_band_keys_of_the_shingles() {
        let story = "The city council voted on Tuesday to close the old bridge over the river for repairs that will take at least two years, the mayor said. Traffic will go through the centre and the station. ";
        let mut texts = vec![
            String::new(),
            "one two three four".to_string(),
            "a a a a a a a a a a a a a a a a a a a a a a a a a a".to_string(),
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen".to_string(),
            story.to_string(),
            story.repeat(5),
            "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu schließen, die mindestens zwei Jahre dauern werden.".to_string(),
        ];
        if let Some(dir) = crate::parse::test_corpus_dir() {
            let bbc = dir.join("bbc/business");
            let mut files: Vec<_> = std::fs::read_dir(&bbc)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            texts.extend(
                files
                    .iter()
                    .take(40)
                    .filter_map(|p| std::fs::read_to_string(p).ok()),
            );
        }
        for t in &texts {
            assert_eq!(text_keys(t), band_keys(&shingles(t)), "{t:?}");
        }
    }
}
