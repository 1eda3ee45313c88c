//! A page's language: what it declares (`<html lang>`), checked against
//! what its story is written in (whatlang).
//!
//! Detection answers only for text with enough letters, mostly letters: a
//! results table (`Shr 10 cts vs 8 cts / Net 286,870 vs 156,124`) reads as
//! French to whatlang, and on Reuters-21578's English stories the
//! unguarded detector said French 154 times and other languages 11 more
//! (`examples/score_language.rs`, README "Languages"). A declared language
//! is kept unless detection, on a long story, says otherwise: templates
//! copy `lang="en"` across a site's pages, and on the article-extraction
//! dev set the 3 pages where the two disagreed were all declared wrong
//! (German pages declared `en`, English ones `de`).

use std::sync::OnceLock;

/// Fewest letters detection answers on.
const MIN_LETTERS: usize = 100;
/// Smallest share of letters among the text's non-space characters
/// detection answers on (tables of figures fall below).
const MIN_LETTER_SHARE: f64 = 0.8;
/// Fewest letters of story for detection to overrule the page's declared
/// language (the wrongly declared dev pages have 2,000 and more; the
/// longest English Reuters story detected as another language has 406).
const OVERRULE_LETTERS: usize = 1000;
/// Characters of the text detection reads.
const SAMPLE_CHARS: usize = 4000;

/// The language of `text` as ISO 639-1 when whatlang is confident and the
/// text is prose enough to judge, with the number of letters it judged.
fn detect(text: &str) -> Option<(&'static str, usize)> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    let visible = sample.chars().filter(|c| !c.is_whitespace()).count();
    if letters < MIN_LETTERS || (letters as f64) < MIN_LETTER_SHARE * visible as f64 {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some((iso639_1(info.lang().code())?, letters))
}

/// The language of `text` when whatlang is confident and the text is prose
/// enough to judge (at least 100 letters, 80% of its visible characters), as
/// ISO 639-1.
pub fn detect_language(text: &str) -> Option<String> {
    detect(text).map(|(lang, _)| lang.to_string())
}

/// The language a page's story is indexed under: the `declared` one (the
/// page's `<html lang>`, primary subtag) unless detection on a story of at
/// least 1,000 letters finds another; detected when nothing is declared.
pub fn story_language(declared: Option<String>, body: &str) -> Option<String> {
    let detected = detect(body);
    match (declared, detected) {
        (Some(d), Some((found, letters))) if found != d && letters >= OVERRULE_LETTERS => {
            Some(found.to_string())
        }
        (Some(d), _) => Some(d),
        (None, found) => found.map(|(lang, _)| lang.to_string()),
    }
}

/// The ISO 639-1 code of an ISO 639-3 code (whatlang's), when it has one.
pub fn iso639_1(code3: &str) -> Option<&'static str> {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("../../../data/web/iso639.tsv")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| l.split_once('\t'))
                .collect()
        })
        .iter()
        .find(|(three, _)| *three == code3)
        .map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GERMAN: &str = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss für Reparaturen zu schließen, die mindestens zwei Jahre dauern werden. Die Umleitung führt über die Hauptstraße und den Bahnhof, teilte die Verwaltung mit.";

    #[test]
    fn detects_prose() {
        assert_eq!(detect_language(GERMAN).as_deref(), Some("de"));
    }

    #[test]
    fn a_table_of_figures_or_a_short_line_is_not_judged() {
        // Reuters-21578 story 138, which whatlang alone takes for French.
        let table = "DAHLBERG INC <DAHL> 4TH QTR NET\n\nShr profit 10 cts vs loss seven cts\n\nNet profit 286,870 vs loss 156,124\n\nRevs 10.0 mln vs 7,577,207\n\nYear\n\nShr profit five cts vs profit 42 cts\n\nNet profit 160,109 vs profit 906,034\n\nRevs 38.1 mln vs 31.2 mln";
        assert_eq!(detect_language(table), None);
        assert_eq!(detect_language("Der Stadtrat hat beschlossen."), None);
    }

    #[test]
    fn a_long_story_overrules_a_wrong_declaration_a_short_one_does_not() {
        let long = GERMAN.repeat(6);
        assert_eq!(
            story_language(Some("en".into()), &long).as_deref(),
            Some("de")
        );
        assert_eq!(
            story_language(Some("en".into()), GERMAN).as_deref(),
            Some("en")
        );
        assert_eq!(story_language(None, GERMAN).as_deref(), Some("de"));
        assert_eq!(
            story_language(Some("de".into()), &long).as_deref(),
            Some("de")
        );
    }
}
