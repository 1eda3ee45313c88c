//! Text from bytes: the encodings news files come in, and the control
//! characters they should not carry into the index.

use std::borrow::Cow;
use std::path::Path;

use super::{Warning, WarningKind};

/// Decode a whole input file with [`decode_text`], recording an `Encoding`
/// warning for the file when it fell back to Windows-1252.
pub(crate) fn decode_file<'a>(
    path: &Path,
    bytes: &'a [u8],
    warnings: &mut Vec<Warning>,
) -> Cow<'a, str> {
    let (text, fell_back) = decode_text(bytes);
    if fell_back {
        warnings.push(Warning::new(
            path,
            None,
            WarningKind::Encoding,
            "not valid UTF-8; decoded as Windows-1252",
        ));
    }
    text
}

/// Decodes text: UTF-8 (a BOM is stripped), UTF-16 with a BOM, else
/// Windows-1252. The flag is true when the bytes were not valid UTF-8 (or
/// UTF-16) and the Windows-1252 fallback was used.
pub fn decode_text(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if !had_errors {
            return (text, false);
        }
        if encoding != encoding_rs::UTF_8 {
            return (text, true);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
            (text, true)
        }
    }
}

/// Drops C0 control characters (except `\n` and `\t`; `\r` is dropped too) and DEL.
pub(crate) fn strip_controls(text: &str) -> Cow<'_, str> {
    // One pass over bytes, copying the runs between controls: decoding
    // chars for this was 3% of indexing Reuters (every story ends in ^C).
    // C0 controls and DEL are single bytes; C1 controls (U+0080..U+009F) are
    // 0xC2 0x80..0x9F. Both start on a char boundary, so the slices are too.
    let bytes = text.as_bytes();
    let control_len = |i: usize| -> usize {
        let b = bytes[i];
        if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F {
            1
        } else if b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)) {
            2
        } else {
            0
        }
    };
    let mut out: Option<String> = None;
    let (mut run_start, mut i) = (0, 0);
    while i < bytes.len() {
        match control_len(i) {
            0 => i += 1,
            n => {
                out.get_or_insert_with(|| String::with_capacity(text.len()))
                    .push_str(&text[run_start..i]);
                i += n;
                run_start = i;
            }
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[run_start..]);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_text() {
        let cases: &[(&[u8], &str, bool)] = &[
            (b"plain", "plain", false),
            (b"\xEF\xBB\xBFbom", "bom", false),
            (b"caf\xC3\xA9", "café", false),
            (b"caf\xE9 \x93q\x94", "café \u{201c}q\u{201d}", true),
            (b"\xFF\xFEh\x00i\x00", "hi", false),
            (b"\xFE\xFF\x00h\x00i", "hi", false),
            (b"", "", false),
        ];
        for (bytes, want, fell_back) in cases {
            let (text, fb) = decode_text(bytes);
            assert_eq!((text.as_ref(), fb), (*want, *fell_back), "{bytes:?}");
        }
    }

    #[test]
    fn strips_controls() {
        assert_eq!(strip_controls("a\u{3}b\nc\td\r\u{7f}"), "ab\nc\td");
        assert!(matches!(strip_controls("clean"), Cow::Borrowed(_)));
        // C1 controls go, neighbouring multi-byte letters (and U+00A0) stay.
        assert_eq!(strip_controls("é\u{85}ü\u{9f}\u{a0}ß\u{80}"), "éü\u{a0}ß");
    }
}
