//! Property tests (proptest): every parser and front-end function that takes
//! outside input is fed arbitrary input and must return a value or a typed
//! error, never panic; and well-formed generated articles must survive a
//! round trip through the Reuters SGML, JSONL, CSV and plain-text parsers
//! with their fields intact. Case counts are kept small so the whole suite
//! stays quick (a few seconds in a debug build); raise `PROPTEST_CASES` to
//! search harder.

use std::path::Path;

use proptest::prelude::*;

use crate::parse::dateline;
use crate::parse::web::{self, WebExtractor};
use crate::parse::{self, csv, jsonl, parse_date_lenient, plaintext, reuters_sgml, Format};
use crate::search::query::parse as parse_query;
use crate::search::Period;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(64)
}

/// Bytes that look a little like the formats, so the parsers get past their
/// first checks: tags, braces, quotes, commas, newlines, non-ASCII.
fn format_ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let atoms = prop_oneof![
        Just(b"<REUTERS NEWID=\"1\">".to_vec()),
        Just(b"</REUTERS>".to_vec()),
        Just(b"<TEXT>".to_vec()),
        Just(b"<TITLE>".to_vec()),
        Just(b"</TITLE>".to_vec()),
        Just(b"<BODY>".to_vec()),
        Just(b"<DATE>26-FEB-1987 15:01:01.79</DATE>".to_vec()),
        Just(b"<D>usa</D>".to_vec()),
        Just(b"&#3;&amp;&lt".to_vec()),
        Just(b"{\"id\":".to_vec()),
        Just(b"\"title\":\"x\",".to_vec()),
        Just(b"}\n".to_vec()),
        Just(b"title,body\n".to_vec()),
        Just(b"\"a,\"\"b\",c\n".to_vec()),
        Just(b"Title: x\nDate: 2021-03-03\n\n".to_vec()),
        Just(b"CARACAS (Reuters) - ".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just("é—€".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    proptest::collection::vec(atoms, 0..24).prop_map(|v| v.concat())
}

/// Bytes that look a little like web pages, so the HTML reader gets past
/// its first checks: tags left open or closed out of order, attributes with
/// and without quotes, comments and raw text cut off, entities, metadata,
/// and stray `<` and `>`; untrusted pages from a crawl look like this.
fn html_ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let atoms = prop_oneof![
        Just(b"<html lang=\"en\"><head><title>A - Site</title>".to_vec()),
        Just(b"<meta property=\"og:title\" content=\"T &amp; x\">".to_vec()),
        Just(
            b"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H"
                .to_vec()
        ),
        Just(b"<script>var s = '</p><div>';".to_vec()),
        Just(b"</script>".to_vec()),
        Just(b"<style>p{}</style>".to_vec()),
        Just(b"<body><article itemprop=\"articleBody\">".to_vec()),
        Just(b"<div class=\"story-body\">".to_vec()),
        Just(b"<div class=comment id='nav'>".to_vec()),
        Just(b"</div>".to_vec()),
        Just(b"<p>".to_vec()),
        Just(b"</p>".to_vec()),
        Just(b"<li><a href=\"/x?a=1&b=2\">".to_vec()),
        Just(b"</a></li>".to_vec()),
        Just(b"<table><tr><td>".to_vec()),
        Just(b"<h1>".to_vec()),
        Just(b"<time datetime=\"2021-03-17T10:00:00+01:00\">".to_vec()),
        Just(b"<br/><img src=x>".to_vec()),
        Just(b"<!--".to_vec()),
        Just(b"-->".to_vec()),
        Just(b"<!DOCTYPE html>".to_vec()),
        Just(b"&#x1F600;&#99999999;&amp;&nbsp;&bogus".to_vec()),
        Just(b"<".to_vec()),
        Just(b">".to_vec()),
        Just(b"=\"".to_vec()),
        Just(
            "CARACAS (Reuters) - Plain words of a story, with commas, é and —. "
                .as_bytes()
                .to_vec()
        ),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    proptest::collection::vec(atoms, 0..48).prop_map(|v| v.concat())
}

/// A word of plain letters.
fn word() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-z]{0,9}"
}

/// A sentence of plain words (no dashes, so no dateline lead is recognised).
fn sentence() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 1..30).prop_map(|w| format!("{}.", w.join(" ")))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for format in Format::ALL {
            let _ = parse::parse_bytes(format, Path::new("dir/any.x"), &bytes);
        }
    }

    #[test]
    fn parsers_never_panic_on_format_like_bytes(bytes in format_ish_bytes()) {
        let p = Path::new("dir/odd.x");
        let _ = reuters_sgml::parse(p, &bytes);
        let _ = plaintext::parse(p, &bytes);
        let _ = jsonl::parse(p, &bytes);
        let _ = csv::parse(p, &bytes);
    }

    #[test]
    fn every_warning_names_the_file(bytes in format_ish_bytes()) {
        for format in Format::ALL {
            let parsed = parse::parse_bytes(format, Path::new("dir/named.x"), &bytes);
            for w in &parsed.warnings {
                prop_assert_eq!(&w.path, "dir/named.x");
                prop_assert!(!w.message.is_empty());
            }
        }
    }

    #[test]
    fn web_extractors_never_panic_on_html_like_bytes(bytes in html_ish_bytes()) {
        for extractor in [WebExtractor::Fast, WebExtractor::Trafilatura] {
            // A panic fails it. No assertion on the story: a bogus tag may swallow the
            // `<script>` that follows it (`<CARACAS (Reuters) ... <script>var s`), and the
            // script's words are then text, as HTML's own tokenizer reads them.
            let _ = web::extract_page_with(&bytes, None, Some("https://example.com/a"), extractor);
        }
    }

    #[test]
    fn lenient_dates_never_panic(s in "\\PC{0,40}") {
        let _ = parse_date_lenient(&s);
    }

    #[test]
    fn lenient_dates_read_iso_days(y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28) {
        let s = format!("{y:04}-{m:02}-{d:02}");
        let got = parse_date_lenient(&s).map(|t| t.format("%Y-%m-%d").to_string());
        prop_assert_eq!(got, Some(s));
    }

    #[test]
    fn dateline_recogniser_never_panics(s in "\\PC{0,120}") {
        if let Some(lead) = dateline::recognize(&s) {
            // The lead's length is a valid cut of the input.
            prop_assert!(s.get(lead.len..).is_some());
        }
    }

    #[test]
    fn dateline_recogniser_on_lead_like_text(
        place in "[A-Z]{2,12}( [A-Z]{2,10})?",
        agency in prop_oneof![Just(""), Just(" (Reuters)"), Just(" (AP)"), Just(", March 3")],
        dash in prop_oneof![Just(" - "), Just(" — "), Just(" -- "), Just("-")],
        rest in "\\PC{0,40}",
    ) {
        let text = format!("{place}{agency}{dash}{rest}");
        if let Some(lead) = dateline::recognize(&text) {
            prop_assert!(text.get(lead.len..).is_some());
        }
    }

    #[test]
    fn query_front_end_never_panics(q in "\\PC{0,60}") {
        let _ = parse_query(&q);
    }

    #[test]
    fn query_front_end_on_query_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                word(),
                Just("*".to_string()), Just("~".to_string()), Just("~1".to_string()),
                Just("~9".to_string()), Just("\"".to_string()), Just("-".to_string()),
                Just("title:".to_string()), Just("(".to_string()), Just(")".to_string()),
                Just(" OR ".to_string()), Just(" ".to_string()), Just("é".to_string()),
            ],
            0..16,
        )
    ) {
        let q = parts.concat();
        let _ = parse_query(&q);
    }

    #[test]
    fn period_bounds_never_panic(s in "[0-9-]{0,12}|\\PC{0,12}") {
        let _ = Period::parse(&s);
    }

    #[test]
    fn period_bound_start_is_before_end(y in 1i32..9999, m in 1u32..=12) {
        let s = format!("{y:04}-{m:02}");
        if let Some(p) = Period::parse(&s) {
            prop_assert!(p.start < p.end);
        }
    }

    #[test]
    fn reuters_sgml_round_trips(
        docs in proptest::collection::vec(
            (1u32..1_000_000, "[A-Z][A-Z0-9 ]{0,40}[A-Z]", sentence(), any::<bool>()),
            1..6,
        )
    ) {
        let mut file = String::from("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n");
        for (id, title, body, with_date) in &docs {
            let date = if *with_date { "<DATE>26-FEB-1987 15:01:01.79</DATE>\n" } else { "" };
            file.push_str(&format!(
                "<REUTERS TOPICS=\"NO\" NEWID=\"{id}\">\n{date}<TEXT>&#2;\n<TITLE>{title}</TITLE>\n\
                 <BODY>{body}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
            ));
        }
        let parsed = reuters_sgml::parse(Path::new("gen.sgm"), file.as_bytes());
        prop_assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        prop_assert_eq!(parsed.articles.len(), docs.len());
        for (a, (id, title, body, with_date)) in parsed.articles.iter().zip(&docs) {
            prop_assert_eq!(&a.id, &id.to_string());
            prop_assert_eq!(&a.title, &title.split_whitespace().collect::<Vec<_>>().join(" "));
            prop_assert_eq!(&a.body, body);
            prop_assert_eq!(a.date.is_some(), *with_date);
        }
    }

    #[test]
    fn jsonl_round_trips(
        records in proptest::collection::vec(
            ("[a-z0-9]{1,12}", "\\PC{1,60}", sentence(), proptest::option::of((1990i32..2030, 1u32..=12, 1u32..=28))),
            1..8,
        )
    ) {
        let mut file = String::new();
        for (id, title, body, date) in &records {
            let mut o = serde_json::json!({ "id": id, "title": title, "body": body });
            if let Some((y, m, d)) = date {
                o["date"] = serde_json::Value::String(format!("{y:04}-{m:02}-{d:02}"));
            }
            file.push_str(&o.to_string());
            file.push('\n');
        }
        let parsed = jsonl::parse(Path::new("gen.jsonl"), file.as_bytes());
        prop_assert_eq!(parsed.articles.len(), records.len(), "{:?}", parsed.warnings);
        for (a, (id, title, body, date)) in parsed.articles.iter().zip(&records) {
            prop_assert_eq!(&a.id, id);
            prop_assert_eq!(a.title.as_str(), title.trim());
            prop_assert_eq!(&a.body, body);
            let got = a.date.map(|d| d.format("%Y-%m-%d").to_string());
            let want = date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn csv_round_trips(rows in proptest::collection::vec(("[a-z0-9]{1,10}", "[A-Za-z][A-Za-z ,\"]{0,40}[a-z]", sentence()), 1..8)) {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "title", "body"]).unwrap_or_default();
        for (id, title, body) in &rows {
            w.write_record([id, title, body]).unwrap_or_default();
        }
        let bytes = w.into_inner().unwrap_or_default();
        let parsed = csv::parse(Path::new("gen.csv"), &bytes);
        prop_assert_eq!(parsed.articles.len(), rows.len(), "{:?}", parsed.warnings);
        for (a, (id, title, body)) in parsed.articles.iter().zip(&rows) {
            prop_assert_eq!(&a.id, id);
            prop_assert_eq!(a.title.as_str(), title.trim());
            prop_assert_eq!(&a.body, body);
        }
    }

    #[test]
    fn plaintext_round_trips(title in "[A-Z][A-Za-z ]{0,60}[a-z]", paras in proptest::collection::vec(sentence(), 1..4)) {
        let body = paras.join("\n\n");
        let file = format!("Title: {title}\n\n{body}\n");
        let parsed = plaintext::parse(Path::new("wire/story-1.txt"), file.as_bytes());
        prop_assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        prop_assert_eq!(parsed.articles.len(), 1);
        let a = &parsed.articles[0];
        prop_assert_eq!(&a.id, "wire/story-1");
        prop_assert_eq!(a.title.as_str(), title.trim());
        prop_assert_eq!(&a.body, &body);
    }
}
