//! Apostrophes as people type them. tantivy's grammar reads `'` as the start
//! of a single-quoted phrase, so `China's`, `O'Neill` or `don't` open a quote
//! that never closes and the whole query is a syntax error. An apostrophe
//! that follows a letter or digit belongs to the word: it is escaped, so the
//! grammar keeps the word whole and the index's tokenizer splits it as it
//! split the stories (`China's` → `china s`, searched as that phrase).
//!
//! A `'` that does not follow a word character still opens a single-quoted
//! phrase (`'interest rates'`), and inside one, an apostrophe between two
//! word characters (`'China's economy'`) is part of a word too.

/// A query with its in-word apostrophes escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escaped {
    /// The text for tantivy's grammar.
    pub text: String,
    /// Byte offsets in `text` of the backslashes added, to map positions in
    /// `text` back to the query as typed.
    inserted: Vec<usize>,
    /// Byte offset (in the query as typed) of a quote never closed.
    pub unclosed_quote: Option<(usize, char)>,
}

impl Escaped {
    /// The byte offset in the query as typed of byte `pos` of `text`.
    pub fn original_offset(&self, pos: usize) -> usize {
        pos - self.inserted.iter().filter(|&&i| i < pos).count()
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Escape the apostrophes that belong to words; note a quote left open.
pub fn escape(query: &str) -> Escaped {
    let mut text = String::with_capacity(query.len() + 4);
    let mut inserted = Vec::new();
    // The quote character we are inside, and where it opened.
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match (open, c) {
            (_, '\\') => {
                // An escape keeps the next character as it is.
                text.push(c);
                if let Some((_, n)) = chars.next() {
                    text.push(n);
                    prev = Some(n);
                }
                continue;
            }
            (Some((_, '"')), '"') => open = None,
            (Some((_, '"')), _) => {}
            (Some((_, '\'')), '\'') => {
                if is_word_char(prev) && is_word_char(next) {
                    inserted.push(text.len());
                    text.push('\\');
                } else {
                    open = None;
                }
            }
            (None, '\'') if is_word_char(prev) => {
                inserted.push(text.len());
                text.push('\\');
            }
            (None, '\'' | '"') => open = Some((i, c)),
            _ => {}
        }
        text.push(c);
        prev = Some(c);
    }
    Escaped {
        text,
        inserted,
        unclosed_quote: open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_word_apostrophes_are_escaped() {
        let cases = [
            ("China's", "China\\'s"),
            ("O'Neill", "O\\'Neill"),
            ("Reagan's budget", "Reagan\\'s budget"),
            ("Côte d'Ivoire", "Côte d\\'Ivoire"),
            ("don't", "don\\'t"),
            ("Reagans' budget", "Reagans\\' budget"),
            ("title:China's", "title:China\\'s"),
            // A phrase in single quotes stays one; its inner apostrophes are words'.
            ("'interest rates'", "'interest rates'"),
            ("'China's economy'", "'China\\'s economy'"),
            // Double quotes and escapes are left alone.
            ("\"China's economy\"", "\"China's economy\""),
            ("a\\'b", "a\\'b"),
        ];
        for (q, want) in cases {
            let e = escape(q);
            assert_eq!(e.text, want, "{q}");
            assert_eq!(e.unclosed_quote, None, "{q}");
        }
    }

    #[test]
    fn unclosed_quotes_are_found_where_they_open() {
        assert_eq!(escape("oil 'tis").unclosed_quote, Some((4, '\'')));
        assert_eq!(escape("a \"big deal").unclosed_quote, Some((2, '"')));
    }

    #[test]
    fn offsets_map_back_to_the_query_as_typed() {
        let e = escape("China's O'Neill x");
        // `x` is at 16 as typed, 18 after two backslashes.
        assert_eq!(&e.text[18..19], "x");
        assert_eq!(e.original_offset(18), 16);
    }
}
