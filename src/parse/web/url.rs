//! URL normalisation for ids: the same story fetched twice (a re-crawl, a
//! link from a newsletter) gets the same id, so it replaces itself.

/// Query parameters that track a visit and never change the page:
/// `utm_*`, and the click ids and referral tags of the big platforms.
fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "gclsrc"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_ga"
                | "_gl"
                | "ocid"
                | "cmpid"
                | "smid"
                | "ref_src"
                | "ito"
        )
}

/// The URL as an id: scheme and host lower-cased (the url crate does that),
/// no fragment, no tracking parameters, no default port. `None` for
/// anything that is not an absolute http(s) URL.
pub fn normalize(raw: &str) -> Option<String> {
    let mut url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    if url.query().is_some() {
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    Some(url.to_string())
}

/// The host of an absolute URL, lower-case, without a leading `www.`.
pub fn host(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// `href` resolved against `base` (a canonical link may be relative).
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if let Ok(u) = url::Url::parse(href) {
        return Some(u.to_string());
    }
    let base = url::Url::parse(base?).ok()?;
    base.join(href).ok().map(|u| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_urls() {
        let cases = [
            (
                "https://WWW.Example.COM/news/story.html?utm_source=tw&utm_medium=social#comments",
                Some("https://www.example.com/news/story.html"),
            ),
            (
                "http://example.com/a?id=7&fbclid=XYZ&gclid=1",
                Some("http://example.com/a?id=7"),
            ),
            ("https://example.com:443/a", Some("https://example.com/a")),
            (
                "https://example.com/A/B?Page=2",
                Some("https://example.com/A/B?Page=2"),
            ),
            ("ftp://example.com/a", None),
            ("/relative/path", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn hosts_and_relative_links() {
        assert_eq!(
            host("https://www.BBC.co.uk/news").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            resolve(Some("https://example.com/a/b.html"), "/c/d.html").as_deref(),
            Some("https://example.com/c/d.html")
        );
        assert_eq!(resolve(None, "/c"), None);
    }
}
