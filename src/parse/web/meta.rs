//! A page's metadata, each field from the best source the page has, in the
//! order news sites fill them most reliably: JSON-LD (the schema.org
//! `NewsArticle` publishers write for search engines), then Open Graph and
//! `article:*` meta tags, then the page's own markup.

use chrono::{DateTime, NaiveDate, Utc};
use dom_query::Document;
use serde_json::Value;

use super::dom::{Dom, Tag};
use super::url as weburl;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub section: Option<String>,
    /// The language the page declares (`<html lang>`), primary subtag, lower case.
    pub language: Option<String>,
    /// The canonical URL (absolute), or the fetched one.
    pub url: Option<String>,
}

/// What the metadata rules read from a parsed page. Two trees answer it:
/// dom_query's (html5ever) and the fast extractor's [`Dom`], so the fast
/// path reads the metadata without a second parse.
pub trait PageSource {
    /// The texts of the JSON-LD scripts.
    fn json_ld(&self) -> Vec<String>;
    /// The `content` of `<meta>` elements whose `attr` is `value`.
    fn meta_contents(&self, attr: &str, value: &str) -> Vec<String>;
    /// The texts of the `<h1>` elements.
    fn headings(&self) -> Vec<String>;
    /// The texts of the `<title>` elements.
    fn titles(&self) -> Vec<String>;
    /// The `href` of `<link rel=canonical>` elements.
    fn canonical_hrefs(&self) -> Vec<String>;
    /// For each `itemprop=datePublished` element: its `content`, else its
    /// `datetime`, else its text.
    fn dates_published(&self) -> Vec<String>;
    /// The `datetime` of `<time>` elements.
    fn time_datetimes(&self) -> Vec<String>;
    /// The texts of byline elements: `[rel=author]`, `[itemprop=author]
    /// [itemprop=name]`, `.byline a`, `.author-name`.
    fn byline_names(&self) -> Vec<String>;
    /// `<html lang>`.
    fn html_lang(&self) -> Option<String>;
}

/// The texts of the elements `selector` matches.
fn texts(doc: &Document, selector: &str) -> Vec<String> {
    doc.select(selector)
        .iter()
        .map(|n| n.text().to_string())
        .collect()
}

/// The `name` attribute of the elements `selector` matches, where they have it.
fn attrs(doc: &Document, selector: &str, name: &str) -> Vec<String> {
    doc.select(selector)
        .iter()
        .filter_map(|n| n.attr(name).map(|v| v.to_string()))
        .collect()
}

impl PageSource for Document {
    fn json_ld(&self) -> Vec<String> {
        texts(self, "script[type='application/ld+json']")
    }
    fn meta_contents(&self, attr: &str, value: &str) -> Vec<String> {
        attrs(self, &format!("meta[{attr}='{value}']"), "content")
    }
    fn headings(&self) -> Vec<String> {
        texts(self, "h1")
    }
    fn titles(&self) -> Vec<String> {
        texts(self, "title")
    }
    fn canonical_hrefs(&self) -> Vec<String> {
        attrs(self, "link[rel='canonical']", "href")
    }
    fn dates_published(&self) -> Vec<String> {
        self.select("[itemprop='datePublished']")
            .iter()
            .map(|n| {
                n.attr("content")
                    .or_else(|| n.attr("datetime"))
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| n.text().to_string())
            })
            .collect()
    }
    fn time_datetimes(&self) -> Vec<String> {
        attrs(self, "time[datetime]", "datetime")
    }
    fn byline_names(&self) -> Vec<String> {
        texts(
            self,
            "[rel='author'], [itemprop='author'] [itemprop='name'], .byline a, .author-name",
        )
    }
    fn html_lang(&self) -> Option<String> {
        self.select("html").attr("lang").map(|l| l.to_string())
    }
}

impl PageSource for Dom<'_> {
    fn json_ld(&self) -> Vec<String> {
        self.scripts
            .iter()
            .filter(|(i, _)| {
                self.attr(*i as usize, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            })
            .map(|(_, r)| self.source()[r.start as usize..r.end as usize].to_string())
            .collect()
    }
    fn meta_contents(&self, attr: &str, value: &str) -> Vec<String> {
        (0..self.elements.len())
            .filter(|&i| self.elements[i].tag == Tag::Meta && self.attr(i, attr) == Some(value))
            .filter_map(|i| self.attr_decoded(i, "content").map(|c| c.into_owned()))
            .collect()
    }
    fn headings(&self) -> Vec<String> {
        self.texts_of(Tag::H1)
    }
    fn titles(&self) -> Vec<String> {
        self.texts_of(Tag::Title)
    }
    fn canonical_hrefs(&self) -> Vec<String> {
        (0..self.elements.len())
            .filter(|&i| {
                self.elements[i].tag == Tag::Link
                    && self
                        .attr(i, "rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            })
            .filter_map(|i| self.attr_decoded(i, "href").map(|c| c.into_owned()))
            .collect()
    }
    fn dates_published(&self) -> Vec<String> {
        (0..self.elements.len())
            .filter(|&i| self.attr(i, "itemprop") == Some("datePublished"))
            .map(|i| {
                self.attr_decoded(i, "content")
                    .or_else(|| self.attr_decoded(i, "datetime"))
                    .map(|c| c.into_owned())
                    .unwrap_or_else(|| self.text_of(i).to_string())
            })
            .collect()
    }
    fn time_datetimes(&self) -> Vec<String> {
        (0..self.elements.len())
            .filter(|&i| self.elements[i].tag == Tag::Time)
            .filter_map(|i| self.attr_decoded(i, "datetime").map(|c| c.into_owned()))
            .collect()
    }
    fn byline_names(&self) -> Vec<String> {
        let has_class = |i: usize, c: &str| {
            self.attr(i, "class")
                .is_some_and(|v| v.split_ascii_whitespace().any(|w| w == c))
        };
        let ancestor = |i: usize, f: &dyn Fn(usize) -> bool| {
            let mut p = self.elements[i].parent;
            while p != u32::MAX {
                if f(p as usize) {
                    return true;
                }
                p = self.elements[p as usize].parent;
            }
            false
        };
        (0..self.elements.len())
            .filter(|&i| {
                self.attr(i, "rel") == Some("author")
                    || has_class(i, "author-name")
                    || (self.attr(i, "itemprop") == Some("name")
                        && ancestor(i, &|p| self.attr(p, "itemprop") == Some("author")))
                    || (self.elements[i].tag == Tag::A && ancestor(i, &|p| has_class(p, "byline")))
            })
            .map(|i| self.text_of(i).to_string())
            .collect()
    }
    fn html_lang(&self) -> Option<String> {
        self.first(Tag::Html)
            .and_then(|i| self.attr_decoded(i, "lang").map(|c| c.into_owned()))
    }
}

/// The schema.org object describing the article, if the page has one.
fn json_ld_article(doc: &impl PageSource) -> Option<Value> {
    let mut found = None;
    for text in doc.json_ld() {
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.into_iter().rev()),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    let is_article = match map.get("@type") {
                        Some(Value::String(t)) => is_article_type(t),
                        Some(Value::Array(ts)) => {
                            ts.iter().any(|t| t.as_str().is_some_and(is_article_type))
                        }
                        _ => false,
                    };
                    if is_article {
                        return Some(Value::Object(map));
                    }
                    if found.is_none() && map.contains_key("headline") {
                        found = Some(Value::Object(map));
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting")
}

/// The `content` of the first `<meta>` whose `attr` is `value`, trimmed, non-empty.
fn meta(doc: &impl PageSource, attr: &str, value: &str) -> Option<String> {
    doc.meta_contents(attr, value)
        .iter()
        .map(|c| clean(c))
        .find(|c| !c.is_empty())
}

/// Whitespace collapsed to single spaces, HTML entities left in JSON-LD decoded.
fn clean(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.contains('&') {
        htmlize::unescape(&s).into_owned()
    } else {
        s
    }
}

fn json_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(|i| json_str(Some(i))),
        Value::Object(map) => json_str(map.get("name")),
        _ => None,
    }
}

/// Names of a JSON-LD `author`: a string, an object with `name`, or a list.
fn json_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items.iter().flat_map(|i| json_names(Some(i))).collect(),
        Some(v) => json_str(Some(v)).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Reads the metadata of a parsed page; `fetched_url` is where it was found.
pub fn page_meta(doc: &impl PageSource, fetched_url: Option<&str>) -> PageMeta {
    let ld = json_ld_article(doc);
    let ld_get = |k: &str| ld.as_ref().and_then(|v| v.get(k));
    let heading = doc
        .headings()
        .iter()
        .map(|h| clean(h))
        .find(|t| !t.is_empty());
    let title_tag = doc
        .titles()
        .iter()
        .map(|t| clean(t))
        .find(|t| !t.is_empty());
    let site = meta(doc, "property", "og:site_name")
        .or_else(|| ld_get("publisher").and_then(|p| json_str(Some(p))));
    let title = json_str(ld_get("headline"))
        .or_else(|| meta(doc, "property", "og:title"))
        .or(heading)
        .or_else(|| title_tag.map(|t| strip_site_tail(&t, site.as_deref())));

    let canonical = doc
        .canonical_hrefs()
        .iter()
        .find_map(|h| weburl::resolve(fetched_url, h))
        .or_else(|| meta(doc, "property", "og:url").and_then(|u| weburl::resolve(fetched_url, &u)))
        .or_else(|| fetched_url.map(str::to_string));

    let date = json_str(ld_get("datePublished"))
        .and_then(|d| parse_web_date(&d))
        .or_else(|| {
            meta(doc, "property", "article:published_time").and_then(|d| parse_web_date(&d))
        })
        .or_else(|| doc.dates_published().iter().find_map(|d| parse_web_date(d)))
        .or_else(|| doc.time_datetimes().iter().find_map(|d| parse_web_date(d)))
        .or_else(|| canonical.as_deref().and_then(date_in_url))
        .or_else(|| fetched_url.and_then(date_in_url));

    let mut authors = json_names(ld_get("author"));
    if authors.is_empty() {
        authors = meta(doc, "name", "author").into_iter().collect();
    }
    if authors.is_empty() {
        authors = doc
            .byline_names()
            .iter()
            .map(|n| clean(n))
            .filter(|t| !t.is_empty() && t.len() < 80)
            .collect();
    }
    let mut seen = Vec::new();
    authors.retain(|a| {
        let a = a
            .trim_start_matches("By ")
            .trim_start_matches("by ")
            .to_string();
        let keep = !a.is_empty() && !a.starts_with("http") && !seen.contains(&a);
        seen.push(a);
        keep
    });
    let authors = authors
        .into_iter()
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .to_string()
        })
        .collect();

    // Some sites put their address in og:site_name: its host is the name.
    let site = site
        .map(|s| {
            if s.starts_with("http") {
                weburl::host(&s).unwrap_or(s)
            } else {
                s
            }
        })
        .or_else(|| canonical.as_deref().and_then(weburl::host));
    let section =
        meta(doc, "property", "article:section").or_else(|| json_str(ld_get("articleSection")));
    let language = doc.html_lang().and_then(|l| primary_language(&l));
    PageMeta {
        title,
        date,
        authors,
        site,
        section,
        language,
        url: canonical,
    }
}

/// `en` from `en-GB`, `EN_us`, `en`; `None` for an empty or odd tag.
pub fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() >= 2 && primary.len() <= 3 && primary.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(primary)
}

/// `<title>` without the site's name: `Story - Site`, `Story | Site`,
/// `Story — Site`. Cut only when the tail is the site's name or short
/// (a site name, not a headline's second half).
fn strip_site_tail(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail.trim()));
            if !head.trim().is_empty() && (is_site || tail.split_whitespace().count() <= 4) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A date as pages write them, with its zone kept and turned into UTC:
/// RFC 3339 with or without seconds and zone, `2021-03-17`, RFC 2822, and
/// the forms [`crate::parse::parse_date_lenient`] reads.
pub fn parse_web_date(s: &str) -> Option<DateTime<Utc>> {
    use chrono::Datelike;
    // A news page's date is within these years; others are typos or
    // placeholders (`0001-01-01`, `9999-12-31`) and out of the index's range.
    parse_any_date(s).filter(|d| (1900..=2200).contains(&d.year()))
}

fn parse_any_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(d.with_timezone(&Utc));
    }
    crate::parse::parse_date_lenient(s).or_else(|| {
        // `2021-03-17T10:00:00.000` or a date followed by words.
        s.get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
    })
}

/// A date in a URL's path: `/2021/03/17/`, `/2021-03-17/`, `/20210317/`.
pub fn date_in_url(url: &str) -> Option<DateTime<Utc>> {
    let path = url::Url::parse(url).ok()?.path().to_string();
    let parts: Vec<&str> = path.split('/').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let make = |y: u32, m: u32, d: u32| {
        (1990..=2100).contains(&y).then_some(())?;
        NaiveDate::from_ymd_opt(y as i32, m, d)?
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc())
    };
    for w in parts.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (num(w[0], 4), num(w[1], 2), num(w[2], 2)) {
            if let Some(date) = make(y, m, d) {
                return Some(date);
            }
        }
    }
    for p in &parts {
        let digits: Vec<&str> = p.split('-').collect();
        if digits.len() >= 3 {
            if let (Some(y), Some(m), Some(d)) =
                (num(digits[0], 4), num(digits[1], 2), num(digits[2], 2))
            {
                if let Some(date) = make(y, m, d) {
                    return Some(date);
                }
            }
        }
        if let (Some(y), Some(m), Some(d)) = (
            p.get(..4).and_then(|s| num(s, 4)),
            p.get(4..6).and_then(|s| num(s, 2)),
            p.get(6..8).and_then(|s| num(s, 2)),
        ) {
            if p.len() == 8 {
                if let Some(date) = make(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The metadata read from both trees, which must agree.
    fn of(html: &str, url: Option<&str>) -> PageMeta {
        let slow = page_meta(&Document::from(html), url);
        let fast = page_meta(&Dom::parse(html), url);
        assert_eq!(slow, fast, "{html}");
        fast
    }

    const LD: &str = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Ignored"},
        {"@type":"NewsArticle","headline":"LD headline","datePublished":"2021-03-17T10:00:00+02:00",
         "author":[{"@type":"Person","name":"Ann Writer"},{"name":"Bo Reporter"}],
         "publisher":{"@type":"Organization","name":"LD Times"},"articleSection":"World"}]}</script>"#;

    #[test]
    fn json_ld_comes_first() {
        let html = format!(
            r#"<html lang="en-GB"><head>{LD}<meta property="og:title" content="OG title">
            <meta property="article:published_time" content="2020-01-01T00:00:00Z"></head>
            <body><h1>H1</h1></body></html>"#
        );
        let m = of(&html, Some("https://example.com/x"));
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(
            m.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2021-03-17T08:00:00+00:00")
        );
        assert_eq!(m.authors, ["Ann Writer", "Bo Reporter"]);
        assert_eq!(m.site.as_deref(), Some("LD Times"));
        assert_eq!(m.section.as_deref(), Some("World"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn open_graph_and_meta_tags_next() {
        let html = r#"<html><head><title>Tag title - Site</title>
            <meta property="og:title" content=" OG  title ">
            <meta property="og:site_name" content="The Site">
            <meta property="article:section" content="Sport">
            <meta property="article:published_time" content="2019-05-02T23:30:00-05:00">
            <meta name="author" content="Cy Author">
            <meta property="og:url" content="https://site.example/og"></head><body><h1>H1</h1></body></html>"#;
        let m = of(html, Some("https://site.example/fetched?utm_source=x"));
        assert_eq!(m.title.as_deref(), Some("OG title"));
        assert_eq!(
            m.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2019-05-03T04:30:00+00:00")
        );
        assert_eq!(m.authors, ["Cy Author"]);
        assert_eq!(m.site.as_deref(), Some("The Site"));
        assert_eq!(m.section.as_deref(), Some("Sport"));
        assert_eq!(m.url.as_deref(), Some("https://site.example/og"));
    }

    #[test]
    fn page_markup_last() {
        let html = r#"<html><head><title>Story here | Daily Bugle</title>
            <link rel="canonical" href="/2018/07/04/story.html"></head>
            <body><span itemprop="datePublished" content="2018-07-05">July 5</span>
            <a rel="author" href="/d">Dee Byline</a></body></html>"#;
        let m = of(html, Some("https://WWW.Bugle.example/fetched"));
        assert_eq!(m.title.as_deref(), Some("Story here"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://www.bugle.example/2018/07/04/story.html")
        );
        assert_eq!(
            m.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2018-07-05T00:00:00+00:00")
        );
        assert_eq!(m.authors, ["Dee Byline"]);
        assert_eq!(m.site.as_deref(), Some("bugle.example"));
        // h1 beats <title>; <time datetime>; the date in the URL last.
        let m = of(
            r#"<h1>The H1</h1><time datetime="2017-02-03T04:05:06Z">x</time>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("The H1"));
        assert_eq!(
            m.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2017-02-03T04:05:06+00:00")
        );
        let m = of("<p>x</p>", Some("https://a.example/news/2021/03/17/story"));
        assert_eq!(
            m.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2021-03-17T00:00:00+00:00")
        );
        assert_eq!(
            m.url.as_deref(),
            Some("https://a.example/news/2021/03/17/story")
        );
    }

    #[test]
    fn title_tails_and_dates_in_urls() {
        assert_eq!(strip_site_tail("A - B - News Site", None), "A - B");
        assert_eq!(
            strip_site_tail(
                "Long story - and the second half of the headline runs on",
                None
            ),
            "Long story - and the second half of the headline runs on"
        );
        assert_eq!(
            strip_site_tail(
                "Story | The Long Name Of A Site",
                Some("The Long Name Of A Site")
            ),
            "Story"
        );
        for (url, want) in [
            ("https://a.example/2021/03/17/x", Some("2021-03-17")),
            (
                "https://a.example/news/2021-03-17-x.html",
                Some("2021-03-17"),
            ),
            ("https://a.example/20210317/x", Some("2021-03-17")),
            ("https://a.example/2021/13/40/x", None),
            ("https://a.example/1234/56/78", None),
        ] {
            assert_eq!(
                date_in_url(url)
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .as_deref(),
                want,
                "{url}"
            );
        }
        assert_eq!(primary_language("en-US").as_deref(), Some("en"));
        assert_eq!(primary_language("").as_deref(), None);
        assert_eq!(parse_web_date("9999-12-31T00:00:00Z"), None);
        assert_eq!(parse_web_date("0001-01-01"), None);
    }
}
