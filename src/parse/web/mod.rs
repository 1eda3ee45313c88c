//! Web pages: an HTML page (`.html`, `.htm`, also gzip-compressed) or the
//! HTML responses of a WARC archive ([`warc`]) become articles.
//!
//! One page goes through [`extract_page`]: its bytes are decoded
//! ([`charset`]), parsed once into a compact tree ([`dom`]) from which the
//! metadata ([`meta`]) is read and the story cut ([`story`]), then tidied
//! ([`tidy`]). rs-trafilatura (a port of trafilatura) is the alternative
//! ([`WebExtractor::Trafilatura`], `--web-extractor trafilatura`): on the
//! article-extraction dev set the fast extractor scored F1 0.966 against
//! 0.961 and ran about 18 times as fast (`examples/score_web_extraction.rs`,
//! `examples/web_throughput.rs`, BENCHMARKS.md). The id is the canonical
//! URL, normalised ([`url`]), so a re-crawl of the same story replaces it.

pub mod charset;
pub mod dom;
pub mod language;
pub mod meta;
pub mod story;
pub mod tidy;
pub mod url;
pub mod warc;

use std::path::Path;

use chrono::{DateTime, Utc};

pub use language::detect_language;

use super::{ParsedFile, Warning, WarningKind};
use crate::article::{field, Article};

/// Largest page read (bytes of HTML); a bigger one is cut with a warning.
/// News pages are 50 KB to 2 MB; anything bigger is an archive page, a
/// data dump or an attack, and its story is in its first megabytes anyway.
pub const MAX_PAGE_BYTES: usize = 8 << 20;
/// Deepest nesting of elements read. Real pages nest 20 to 60 deep; tree
/// walks recurse, so a page nested deeper is not parsed (a warning).
pub const MAX_DEPTH: usize = 400;
/// Fewest characters of story text that make an article (shorter is a
/// page without a story: a gallery, an index, a script shell).
pub const MIN_BODY_CHARS: usize = 80;

/// One page read: its story and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebPage {
    /// What the page says about itself, settled: `language` is the one the
    /// story is indexed under ([`language::story_language`]), `url` the
    /// canonical URL normalised (else as found).
    pub meta: meta::PageMeta,
    pub body: String,
    /// Why the page gave no article, when it gave none.
    pub problem: Option<String>,
}

/// Which extractor cuts the story from a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WebExtractor {
    /// rs-trafilatura (a port of trafilatura) on the page, then our rules;
    /// metadata from a dom_query tree (two parses of the page).
    Trafilatura,
    /// newsdex's own: one pass into a compact tree ([`dom`]), block
    /// scoring ([`story`]), then our rules; metadata from the same tree.
    #[default]
    Fast,
}

/// Reads one page: `http_charset` is the charset of its HTTP header (WARC),
/// `fetched_url` where it was fetched (WARC-Target-URI), if known.
pub fn extract_page(
    bytes: &[u8],
    http_charset: Option<&str>,
    fetched_url: Option<&str>,
) -> WebPage {
    extract_page_with(bytes, http_charset, fetched_url, WebExtractor::default())
}

/// [`extract_page`] with the story cut by `extractor`.
pub fn extract_page_with(
    bytes: &[u8],
    http_charset: Option<&str>,
    fetched_url: Option<&str>,
    extractor: WebExtractor,
) -> WebPage {
    let bytes = &bytes[..bytes.len().min(MAX_PAGE_BYTES)];
    let (text, _) = charset::decode_page(bytes, http_charset);
    let depth = nesting_depth(&text);
    if depth > MAX_DEPTH {
        return WebPage {
            problem: Some(format!(
                "elements nest {depth} deep (over {MAX_DEPTH}); not a readable page, skipped"
            )),
            ..WebPage::default()
        };
    }
    let (m, paragraphs) = match extractor {
        WebExtractor::Trafilatura => {
            let doc = dom_query::Document::from(text.as_ref());
            let m = meta::page_meta(&doc, fetched_url);
            drop(doc);
            let opts = rs_trafilatura::Options {
                url: m.url.clone(),
                ..Default::default()
            };
            let body = rs_trafilatura::extract_with_options(&text, &opts)
                .map(|r| r.content_text)
                .unwrap_or_default();
            (m, lines(&body))
        }
        WebExtractor::Fast => {
            let dom = dom::Dom::parse(&text);
            (meta::page_meta(&dom, fetched_url), story::story(&dom))
        }
    };
    let body = tidy::tidy(paragraphs, m.title.as_deref().unwrap_or("")).join("\n\n");
    let problem = (body.chars().count() < MIN_BODY_CHARS).then(|| {
        "no article text found in the page (navigation or script only); skipped".to_string()
    });
    let mut m = m;
    m.language = language::story_language(m.language.take(), &body);
    m.url = m.url.take().map(|u| url::normalize(&u).unwrap_or(u));
    WebPage {
        meta: m,
        body,
        problem,
    }
}

/// The lines of an extractor's text, whitespace inside each collapsed,
/// empty ones dropped.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The deepest nesting of elements in `html`, counted on tags alone (void
/// elements and self-closed tags do not open; an end tag closes one). An
/// over-estimate for sloppy markup (unclosed `<p>`, `<li>`), which is why
/// the limit is far above real pages.
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option", "td", "tr", "th", "dt", "dd",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off + 1;
        i = start;
        match b.get(start) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let n = b[start..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let name = html[start..start + n].to_ascii_lowercase();
                let end = memchr::memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e);
                let self_closed = end > 0 && b.get(end - 1) == Some(&b'/');
                if !VOID.contains(&name.as_str()) && !self_closed {
                    depth += 1;
                    max = max.max(depth);
                }
                // Script and style hold text, not tags.
                if name == "script" || name == "style" {
                    let close = format!("</{name}");
                    match memchr::memmem::find(&b[end.min(b.len())..], close.as_bytes()) {
                        Some(c) => i = end + c,
                        None => break,
                    }
                }
            }
            _ => {}
        }
    }
    max
}

/// Fills an article from a page read by [`extract_page`]; `fallback_id` is
/// the id for a page without a URL (its file key), `fallback_date` the date
/// for a page without one (the WARC record's date).
pub fn to_article(
    page: WebPage,
    fallback_id: &str,
    fallback_date: Option<DateTime<Utc>>,
) -> Article {
    let m = page.meta;
    let mut a = Article {
        id: m.url.clone().unwrap_or_else(|| fallback_id.to_string()),
        title: m.title.unwrap_or_default(),
        body: page.body,
        date: m.date.or(fallback_date),
        ..Article::default()
    };
    a.set_value(field::URL, m.url);
    a.set_value(field::SITE, m.site);
    // One byline value, as the other formats store it (`A, B`).
    a.set_value(
        field::AUTHOR,
        Some(m.authors.join(", ")).filter(|s| !s.is_empty()),
    );
    a.set_value(field::SECTION, m.section);
    a.set_value(field::LANGUAGE, m.language);
    super::take_dateline(&mut a);
    a
}

/// Parses one HTML page file (already decompressed) into at most one article.
pub fn parse_html(path: &Path, key: &str, bytes: &[u8]) -> ParsedFile {
    parse_html_with(path, key, bytes, WebExtractor::default())
}

/// [`parse_html`] with the story cut by `extractor`.
pub fn parse_html_with(
    path: &Path,
    key: &str,
    bytes: &[u8],
    extractor: WebExtractor,
) -> ParsedFile {
    let mut out = ParsedFile::default();
    if bytes.len() > MAX_PAGE_BYTES {
        out.warnings.push(Warning::new(
            path,
            None,
            WarningKind::Truncated,
            format!(
                "page is {} bytes; read its first {MAX_PAGE_BYTES}",
                bytes.len()
            ),
        ));
    }
    let page = extract_page_with(bytes, None, None, extractor);
    if let Some(problem) = &page.problem {
        out.warnings.push(Warning::new(
            path,
            None,
            WarningKind::Empty,
            problem.clone(),
        ));
        return out;
    }
    out.articles.push(to_article(page, key, None));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "<p>The city council voted on Tuesday to close the old bridge over the river for repairs that will take at least two years, officials said.</p><p>Drivers will be sent through the northern tunnel while the work goes on, and buses will run every ten minutes.</p>";

    #[test]
    fn reads_a_page() {
        let html = format!(
            r#"<html lang="en"><head><title>Bridge closes - Gazette</title>
            <link rel="canonical" href="https://Gazette.example/2020/05/06/bridge?utm_source=x#top"></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Bridge closes</h1>{STORY}</article>
            <footer>Copyright Gazette. Subscribe now!</footer></body></html>"#
        );
        let p = parse_html(Path::new("a/b.html"), "a/b", html.as_bytes());
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let a = &p.articles[0];
        assert_eq!(a.id, "https://gazette.example/2020/05/06/bridge");
        assert_eq!(a.title, "Bridge closes");
        assert!(a.body.starts_with("The city council voted"), "{}", a.body);
        assert!(!a.body.contains("Subscribe"), "{}", a.body);
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2020-05-06T00:00:00+00:00")
        );
        assert_eq!(a.value(field::SITE), Some("gazette.example"));
        assert_eq!(a.value(field::LANGUAGE), Some("en"));
    }

    #[test]
    fn a_page_without_a_url_keeps_its_file_id_and_gets_a_detected_language() {
        let html = "<html><body><article><p>Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss für Reparaturen zu schließen, die mindestens zwei Jahre dauern werden.</p></article></body></html>";
        let p = parse_html(Path::new("a/b.html"), "a/b", html.as_bytes());
        let a = &p.articles[0];
        assert_eq!(a.id, "a/b");
        assert_eq!(a.value(field::LANGUAGE), Some("de"));
    }

    #[test]
    fn pages_without_a_story_are_warned_and_skipped() {
        let script_only = format!(
            "<html><body><script>{}</script></body></html>",
            "var x = 1;".repeat(100_000)
        );
        let nested = "<div>".repeat(200_000) + "text" + &"</div>".repeat(200_000);
        for page in [
            script_only.as_str(),
            nested.as_str(),
            "<html><nav>Home</nav></html>",
            "",
        ] {
            let p = parse_html(Path::new("h.html"), "h", page.as_bytes());
            assert!(p.articles.is_empty());
            assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
            assert_eq!(p.warnings[0].kind, WarningKind::Empty);
        }
    }

    #[test]
    fn counts_nesting() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<br>b</div></body></html>"),
            3
        );
        assert_eq!(
            nesting_depth("<script>if (a<b) { '<div><div>' }</script><i/>"),
            1
        );
    }
}
