//! The text encoding of a web page: the HTTP header's charset, else the
//! page's own `<meta charset>` (or `http-equiv` Content-Type), else a guess
//! from the bytes (chardetng). A byte-order mark wins over all three, as in
//! browsers.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// Where the encoding of a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    /// A UTF-8 or UTF-16 byte-order mark.
    Bom,
    /// The `charset` parameter of the HTTP `Content-Type` header.
    Http,
    /// A `<meta charset>` or `<meta http-equiv=Content-Type>` in the page.
    Meta,
    /// No declaration: valid UTF-8, or chardetng's guess.
    Detected,
}

/// How many bytes of a page are searched for a `<meta charset>` (the HTML
/// standard's prescan looks at the first 1024; pages with long heads put it
/// later, so a few more are read).
const META_PRESCAN: usize = 4096;

/// Decodes `bytes` of a page, with the charset of its HTTP header if known.
/// Never fails: bytes invalid in the chosen encoding become U+FFFD.
pub fn decode_page<'a>(
    bytes: &'a [u8],
    http_charset: Option<&str>,
) -> (Cow<'a, str>, CharsetSource) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text, CharsetSource::Bom);
    }
    if let Some(enc) = http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        return (decode_with(enc, bytes), CharsetSource::Http);
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN)]) {
        return (decode_with(enc, bytes), CharsetSource::Meta);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), CharsetSource::Detected);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    (decode_with(enc, bytes), CharsetSource::Detected)
}

fn decode_with<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Cow<'a, str> {
    // A page declared as UTF-16 but reaching here without a BOM is almost
    // always ASCII-compatible in fact (the declaration is a copy-paste); the
    // standard says to read it as UTF-8.
    let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else {
        enc
    };
    enc.decode_without_bom_handling(bytes).0
}

/// The encoding a `<meta>` tag in `head` declares: `charset=...` inside a
/// `<meta ...>` tag, quoted or not.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let n = rest
                    .iter()
                    .take_while(|b| !matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .count();
                if let Some(enc) = Encoding::for_label(&rest[..n]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_http_header_wins_over_the_meta_tag() {
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        let (text, src) = decode_page(page, Some("iso-8859-1"));
        assert_eq!((text.contains("café"), src), (true, CharsetSource::Http));
    }

    #[test]
    fn meta_tags_declare_the_charset() {
        let cases: &[&[u8]] = &[
            b"<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9",
            b"<META http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9",
            b"<meta charset='latin1'/><p>caf\xe9",
        ];
        for page in cases {
            let (text, src) = decode_page(page, None);
            assert!(text.contains("café"), "{text}");
            assert_eq!(src, CharsetSource::Meta);
        }
    }

    #[test]
    fn undeclared_pages_are_detected() {
        let (text, src) = decode_page("<p>café</p>".as_bytes(), None);
        assert_eq!(
            (text.as_ref(), src),
            ("<p>café</p>", CharsetSource::Detected)
        );
        let cp1252 = b"<p>The caf\xe9 owner said \x93we will reopen\x94 and the na\xefve plan was dropped.</p>";
        let (text, _) = decode_page(cp1252, None);
        assert!(
            text.contains("café") && text.contains("\u{201c}we will reopen\u{201d}"),
            "{text}"
        );
        let (text, src) = decode_page(b"\xEF\xBB\xBF<p>x</p>", Some("latin1"));
        assert_eq!((text.as_ref(), src), ("<p>x</p>", CharsetSource::Bom));
    }
}
