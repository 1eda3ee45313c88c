//! Word-level text helpers shared by the country and person recognisers: the mostly-upper-case
//! line rule, the words around a position (word windows) and the capitalised-word test.

/// Whether a line is mostly upper case (a Reuters title or an agency byline): at least four
/// upper-case letters, and at least four in five of its cased letters upper case.
pub(crate) fn mostly_upper(line: &str) -> bool {
    let (mut up, mut low) = (0usize, 0usize);
    if line.is_ascii() {
        for b in line.bytes() {
            up += usize::from(b.is_ascii_uppercase());
            low += usize::from(b.is_ascii_lowercase());
        }
    } else {
        for c in line.chars() {
            if c.is_uppercase() {
                up += 1;
            } else if c.is_lowercase() {
                low += 1;
            }
        }
    }
    up >= 4 && up * 5 >= (up + low) * 4
}

/// The byte range of the line holding `pos` (without its line breaks).
fn line_span(text: &str, pos: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
    (start, end)
}

/// Whether the line around `pos` is [`mostly_upper`].
pub(crate) fn caps_line(text: &str, pos: usize) -> bool {
    let (start, end) = line_span(text, pos);
    mostly_upper(&text[start..end])
}

/// [`caps_line`] for positions visited in text order: computed per line on demand and
/// remembered for the last line asked about.
#[derive(Default)]
pub(crate) struct CapsLine {
    start: usize,
    end: usize,
    caps: bool,
}

impl CapsLine {
    /// Whether the line holding `pos` is mostly upper case.
    pub(crate) fn at(&mut self, text: &str, pos: usize) -> bool {
        if pos >= self.start && pos < self.end {
            return self.caps;
        }
        let (start, end) = line_span(text, pos);
        *self = CapsLine {
            start,
            end,
            caps: mostly_upper(&text[start..end]),
        };
        self.caps
    }
}

/// Whether `s` has a lower-case letter.
pub(crate) fn has_lower(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// Whether `s` starts with an upper-case letter.
pub(crate) fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalised word: an upper-case first letter and some lower-case letter after it
/// (`Jordan`, `McDonald`; not `US` or `jordan`).
pub(crate) fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(cs.next(), Some(c) if c.is_uppercase()) && cs.any(|c| c.is_lowercase())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word ending just before `pos`, skipping white space but not punctuation (so after a
/// comma it is empty); a word here keeps inner and trailing `.`, `'` and `-` (`Gov.`).
pub(crate) fn prev_word(text: &str, pos: usize) -> &str {
    prev_word_at(text, pos).1
}

/// [`prev_word`] with where it starts in `text`.
pub(crate) fn prev_word_at(text: &str, pos: usize) -> (usize, &str) {
    let head = &text[..pos];
    let trimmed = head.trim_end_matches([' ', '\t', '\n', '\r']);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '.' || c == '\'' || c == '-')
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    (start, &trimmed[start..])
}

/// The word starting just after `pos`, skipping white space (empty before punctuation); a
/// word here is letters, digits and `-`.
pub(crate) fn next_word(text: &str, pos: usize) -> &str {
    let tail = &text[pos..];
    let trimmed = tail.trim_start_matches([' ', '\t', '\n', '\r']);
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || c == '-'))
        .map_or(trimmed.len(), |(i, _)| i);
    &trimmed[..end]
}

/// At most this many context words are looked at on either side of a position.
pub(crate) const CONTEXT: usize = 8;

/// Words before `pos`, nearest first: words (a trailing period dropped) and single
/// punctuation characters. Returns how many of `out` were filled (at most `n`).
pub(crate) fn words_before<'a>(
    text: &'a str,
    pos: usize,
    n: usize,
    out: &mut [&'a str; CONTEXT],
) -> usize {
    let n = n.min(CONTEXT);
    let mut k = 0;
    let mut end = pos;
    let head = text.as_bytes();
    while k < n && end > 0 {
        let slice = &text[..end];
        let Some((i, c)) = slice.char_indices().next_back() else {
            break;
        };
        if c.is_whitespace() {
            end = i;
            continue;
        }
        if c.is_alphanumeric()
            || c == '\''
            || c == '-'
            || c == '.' && i > 0 && head[i - 1].is_ascii_alphabetic()
        {
            let start = slice
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'' || c == '-' || c == '.')
                .last()
                .map_or(end, |(j, _)| j);
            out[k] = slice[start..end].trim_end_matches('.');
            end = start;
        } else {
            out[k] = &slice[i..end];
            end = i;
        }
        k += 1;
    }
    k
}

/// Words after `pos`: words and single punctuation characters. Returns how many of `out`
/// were filled (at most `n`).
pub(crate) fn words_after<'a>(
    text: &'a str,
    pos: usize,
    n: usize,
    out: &mut [&'a str; CONTEXT],
) -> usize {
    let n = n.min(CONTEXT);
    let mut k = 0;
    let mut start = pos;
    while k < n && start < text.len() {
        let rest = &text[start..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            start += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let len = rest
                .char_indices()
                .find(|&(_, d)| !(d.is_alphanumeric() || d == '\'' || d == '-'))
                .map_or(rest.len(), |(j, _)| j);
            out[k] = &rest[..len];
            start += len;
        } else {
            out[k] = &rest[..c.len_utf8()];
            start += c.len_utf8();
        }
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_rule() {
        assert!(mostly_upper("U.S. ADVISER SAID DEAD"));
        assert!(!mostly_upper("Talks in Tokyo"));
        assert!(!mostly_upper("USA"), "fewer than four capitals");
        assert!(mostly_upper("ÉCOLE DE PARIS"));
        let text = "TELL US\nlet us go";
        assert!(caps_line(text, 5));
        assert!(!caps_line(text, 10));
        let mut c = CapsLine::default();
        assert!(c.at(text, 0));
        assert!(!c.at(text, 9));
    }

    #[test]
    fn word_windows() {
        let t = "said Gov. Jordan, the King";
        assert_eq!(prev_word(t, 10), "Gov.");
        assert_eq!(prev_word(t, 18), "");
        assert_eq!(next_word(t, 16), "");
        assert_eq!(next_word(t, 5), "Gov");
        let mut buf = [""; CONTEXT];
        let n = words_before(t, 18, 3, &mut buf);
        assert_eq!(&buf[..n], [",", "Jordan", "Gov"]);
        let n = words_after(t, 16, 8, &mut buf);
        assert_eq!(&buf[..n], [",", "the", "King"]);
        assert!(is_capitalised("McDonald") && !is_capitalised("US") && !is_capitalised("x"));
    }
}
