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
//!
//! A band key is 32 bits and a stored value holds two ([`pack`],
//! [`unpack`]): every article writes 16 values to its fast column instead
//! of 32, which was a third of what near-duplicates added to an index
//! build. Two articles that share no band get the same 32-bit key in one
//! band with probability 2^-32 per band; such a pair is only compared, and
//! the shingle sets tell it apart.

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

/// The splitmix64 finaliser: spreads a hash over all 64 bits, which
/// the bin choice (high bits) and the minimum (all bits) both rely on.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What the word reader does with a byte: [`SEPARATOR`] ends a word,
/// [`MULTIBYTE`] starts a character of two or more bytes, any other value
/// is an ASCII letter or digit, lower-cased, added to the word.
static BYTE_CLASS: [u8; 256] = byte_classes();
const SEPARATOR: u8 = 0;
const MULTIBYTE: u8 = 0xff;

const fn byte_classes() -> [u8; 256] {
    let mut table = [SEPARATOR; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if !b.is_ascii() {
            MULTIBYTE
        } else if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else {
            SEPARATOR
        };
        i += 1;
    }
    table
}

/// A word's hash before its first character.
const WORD_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// A word's hash with one more character (`c` lower-cased, as a code
/// point). A multiply per character; [`shingle_hash`] mixes the result.
fn word_step(h: u64, c: u64) -> u64 {
    (h ^ c).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The hash of every word of a text (a run of letters and digits),
/// lower-cased, in order, one at a time. Every article's body goes through
/// here at index time, so an ASCII byte is classified by one table lookup;
/// other characters are decoded and lower-cased with `to_lowercase`. An
/// iterator, so that [`text_keys`]'s loop is compiled into one function
/// with the word reader. With `NAMES`, each word also comes
/// with its hash as written when it is a name as [`Fingerprint::names`]
/// counts one (a capital, then at least one more character), so a
/// fingerprint reads its text once; without, that part compiles away.
struct WordHashes<'a, const NAMES: bool> {
    text: &'a str,
    /// Where the next word's search starts (a character boundary).
    at: usize,
}

impl<'a, const NAMES: bool> WordHashes<'a, NAMES> {
    fn new(text: &'a str) -> WordHashes<'a, NAMES> {
        WordHashes { text, at: 0 }
    }
}

impl<const NAMES: bool> Iterator for WordHashes<'_, NAMES> {
    /// The word's hash, lower-cased, and its name hash (with `NAMES`).
    type Item = (u64, Option<u64>);

    #[inline]
    fn next(&mut self) -> Option<(u64, Option<u64>)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        let mut h = WORD_SEED;
        // The word as written, whether it starts with a capital, its characters.
        let (mut written, mut capital, mut chars) = (WORD_SEED, false, 0u32);
        let mut in_word = false;
        while i < bytes.len() {
            let class = BYTE_CLASS[bytes[i] as usize];
            if class == MULTIBYTE {
                // `i` is at a character boundary: only whole characters are read.
                let Some(c) = self.text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                if c.is_alphanumeric() {
                    for lc in c.to_lowercase() {
                        h = word_step(h, u64::from(lc));
                    }
                    if NAMES {
                        capital |= !in_word && c.is_uppercase();
                        written = word_step(written, u64::from(c));
                        chars += 1;
                    }
                    in_word = true;
                    continue;
                }
            } else {
                i += 1;
                if class != SEPARATOR {
                    h = word_step(h, u64::from(class));
                    if NAMES {
                        let b = bytes[i - 1];
                        capital |= !in_word && b.is_ascii_uppercase();
                        written = word_step(written, u64::from(b));
                        chars += 1;
                    }
                    in_word = true;
                    continue;
                }
            }
            if in_word {
                self.at = i;
                return Some((h, (NAMES && capital && chars > 1).then(|| mix(written))));
            }
        }
        self.at = bytes.len();
        in_word.then(|| (h, (NAMES && capital && chars > 1).then(|| mix(written))))
    }
}

/// Hashes of the text's words, lower-cased, in order.
fn word_hashes(text: &str) -> Vec<u64> {
    WordHashes::<false>::new(text).map(|(h, _)| h).collect()
}

/// The hash of one shingle: its words' hashes, in order, each turned by
/// its place (so `a b` and `b a` differ), then mixed.
fn shingle_hash(words: &[u64]) -> u64 {
    let folded = words
        .iter()
        .enumerate()
        .fold(0u64, |acc, (i, &w)| acc ^ w.rotate_left(13 * i as u32));
    mix(folded)
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
#[cfg(test)]
fn name_hashes(text: &str) -> Vec<u64> {
    fingerprint(text).names
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

/// The fingerprint of a text, its words read once.
pub fn fingerprint(text: &str) -> Fingerprint {
    let mut words = Vec::with_capacity(text.len() / 6);
    let mut names = Vec::new();
    for (h, name) in WordHashes::<true>::new(text) {
        words.push(h);
        names.extend(name);
    }
    names.sort_unstable();
    names.dedup();
    Fingerprint {
        shingles: shingles_of(&words),
        numbers: number_hashes(text),
        names,
    }
}

/// The text's shingle hashes (see [`Fingerprint::shingles`]).
pub fn shingles(text: &str) -> Vec<u64> {
    shingles_of(&word_hashes(text))
}

/// The shingle hashes of a text's word hashes.
fn shingles_of(words: &[u64]) -> Vec<u64> {
    let window = SHINGLE_WORDS.min(words.len());
    if window == 0 {
        return Vec::new();
    }
    let mut shingles: Vec<u64> = words.windows(window).map(shingle_hash).collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// Band keys held by one stored value.
pub const KEYS_PER_VALUE: usize = 2;

/// Two band keys as one stored value.
pub fn pack(first: u32, second: u32) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// The two band keys a stored value holds, in band order.
pub fn unpack(value: u64) -> [u32; KEYS_PER_VALUE] {
    [(value >> 32) as u32, value as u32]
}

/// The band keys of a shingle set ([`BANDS`] of them, packed two to a
/// value: [`BANDS`] / [`KEYS_PER_VALUE`] values), or none when the set is
/// smaller than [`MIN_SHINGLES`]. The band number is part of each key's
/// hash input, so equal keys in different bands are chance, not copies.
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

    /// The band keys of the sketch, packed (at least one bin must be filled).
    fn keys(&self) -> Vec<u64> {
        let mut sketch = [0u64; BINS];
        for (i, slot) in sketch.iter_mut().enumerate() {
            *slot = if self.filled[i] {
                self.min[i]
            } else {
                let (distance, from) = (1..BINS)
                    .map(|d| (d, (i + d) % BINS))
                    .find(|&(_, j)| self.filled[j])
                    .unwrap_or((0, i));
                mix(self.min[from] ^ (distance as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            };
        }
        let band_key = |band: usize| {
            let mut h = FxHasher::default();
            h.write_usize(band);
            for &r in &sketch[band * ROWS..(band + 1) * ROWS] {
                h.write_u64(r);
            }
            (mix(h.finish()) >> 32) as u32
        };
        (0..BANDS)
            .step_by(KEYS_PER_VALUE)
            .map(|band| pack(band_key(band), band_key(band + 1)))
            .collect()
    }
}

/// The band keys of a text: `band_keys(&shingles(text))`, read in one pass
/// without collecting, sorting or deduplicating the shingles (the sketch
/// keeps minima, which repeats and order do not change), since every
/// article is sketched at index time.
pub fn text_keys(text: &str) -> Vec<u64> {
    // The window's words, oldest first, in locals: kept in registers, where
    // a window array shifted by the word cost a store and reload each time.
    let (mut a, mut b, mut c, mut d) = (0u64, 0u64, 0u64, 0u64);
    let mut words = 0usize;
    let mut bins = Bins::new();
    // The first distinct shingles, until there are enough to sketch.
    let mut distinct: Vec<u64> = Vec::with_capacity(MIN_SHINGLES);
    for (e, _) in WordHashes::<false>::new(text) {
        words += 1;
        if words >= SHINGLE_WORDS {
            // `shingle_hash(&[a, b, c, d, e])`, spelt out.
            let s = mix(a
                ^ b.rotate_left(13)
                ^ c.rotate_left(26)
                ^ d.rotate_left(39)
                ^ e.rotate_left(52));
            if distinct.len() < MIN_SHINGLES && !distinct.contains(&s) {
                distinct.push(s);
            }
            bins.add(s);
        }
        (a, b, c, d) = (b, c, d, e);
    }
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

    /// The word hashes read a character at a time: reading ASCII as bytes
    /// must give the same values as decoding every character.
    fn word_hashes_by_char(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut h = WORD_SEED;
        let mut in_word = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                c.to_lowercase()
                    .for_each(|lc| h = word_step(h, u64::from(lc)));
                in_word = true;
            } else if in_word {
                out.push(h);
                h = WORD_SEED;
                in_word = false;
            }
        }
        if in_word {
            out.push(h);
        }
        out
    }

    /// Names the slow way: the text split into words, those starting with
    /// a capital and longer than one character, each hashed as written.
    fn name_hashes_by_split(text: &str) -> Vec<u64> {
        let mut out: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| mix(w.chars().fold(WORD_SEED, |h, c| word_step(h, u64::from(c)))))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn names_read_with_the_words_equal_names_split_out() {
        for text in [
            STORY,
            "Société Générale's chief, Frédéric Oudéa, said -- «non» -- 1,5 % İstanbul ΣΟΦΙΑ",
            "Łódź 北京 Ünïcödé—dash…end ß ﬁn x A I IBM Ça É",
            "",
            "   ",
            "ascii only, Trailing Word",
        ] {
            assert_eq!(name_hashes(text), name_hashes_by_split(text), "{text}");
            assert_eq!(fingerprint(text).shingles, shingles(text), "{text}");
        }
        assert_eq!(name_hashes("Chemical and IBM, not a or I").len(), 2);
    }

    #[test]
    fn word_hashes_read_as_bytes_equal_those_read_as_characters() {
        for text in [
            STORY,
            "Société Générale's chief, Frédéric Oudéa, said -- «non» -- 1,5 % İstanbul ΣΟΦΙΑ",
            "Łódź 北京 Ünïcödé—dash…end ß ﬁn x",
            "",
            "   ",
            "ascii only, trailing word",
        ] {
            assert_eq!(word_hashes(text), word_hashes_by_char(text), "{text}");
        }
    }

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
        assert_eq!(a.len(), BANDS / KEYS_PER_VALUE);
        // Keys of the same band compared, as the clustering pass does.
        let bands = |x: &[u64]| -> Vec<u32> { x.iter().flat_map(|&v| unpack(v)).collect() };
        let (a, b, c) = (bands(&a), bands(&b), bands(&c));
        assert_eq!(a.len(), BANDS);
        let shared = |x: &[u32], y: &[u32]| x.iter().zip(y).filter(|(p, q)| p == q).count();
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
    fn two_keys_pack_into_one_value_and_back() {
        for (a, b) in [
            (0, 0),
            (1, u32::MAX),
            (u32::MAX, 7),
            (0xdead_beef, 0x0bad_cafe),
        ] {
            assert_eq!(unpack(pack(a, b)), [a, b]);
        }
        assert_eq!(BANDS % KEYS_PER_VALUE, 0);
    }

    #[test]
    fn numbers_are_read_whole() {
        let a = number_hashes("arrange 1.5 billion at 6-1/16 pct, 10:31 and 4,466,006.");
        assert_eq!(a.len(), 4);
        assert_eq!(a, number_hashes("4,466,006 then 10:31, 6-1/16 and 1.5"));
        assert!(number_hashes("no figures here").is_empty());
    }

    /// Band keys are stored in the index: a change to the hashing would
    /// stop new articles from meeting their copies indexed before it (the
    /// field must be renamed then, so old indexes ask for a rebuild). These
    /// are the keys of 6eca825, which introduced the packed field.
    #[test]
    fn stored_band_keys_do_not_change() {
        assert_eq!(
            text_keys(STORY),
            [
                16502800671858133513,
                16607370750123819006,
                9137163782653765376,
                11204496466791215940,
                15151881921111958025,
                16194601885934842528,
                12850460561283715642,
                477731866334937503,
                16306197876682447034,
                2700561782418999073,
                12381719775105547379,
                11611214466332014175,
                1740654016747901301,
                9225232967849790509,
                10254581050668768100,
                6274198773897470296,
            ]
        );
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
