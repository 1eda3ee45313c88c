//! WARC archives (`.warc`, `.warc.gz` with one gzip member per record, as
//! crawlers write them), read record by record: a record's bytes are held
//! only while it is read, so memory does not grow with the archive.
//!
//! `response` records with HTTP status 200 and an HTML content type become
//! articles (through [`super::extract_page`], with the HTTP header's charset,
//! `WARC-Target-URI` as the fetched URL and `WARC-Date` as the fallback
//! date). Every other record is skipped and counted by kind
//! ([`ParsedFile::skipped`]): `request`, `metadata`, `revisit`, `warcinfo`,
//! `http_404` (any status but 200), `not_html`, `no_article`, `too_big`.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::super::{ParsedFile, Warning, WarningKind};
use crate::article::Article;

/// Largest record whose content is read; a bigger one is skipped (its
/// bytes streamed past) and counted as `too_big`.
pub const MAX_RECORD_BYTES: u64 = 32 << 20;
/// Longest header block of a record (WARC or HTTP) read.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// One WARC record: its named headers and its content block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub headers: Vec<(String, String)>,
    pub content: Vec<u8>,
}

impl Record {
    /// A header's value (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why reading a WARC stopped early.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("byte {offset}: {source}")]
    Io {
        offset: u64,
        #[source]
        source: std::io::Error,
    },
    #[error("byte {offset}: {what}")]
    Format { offset: u64, what: String },
}

/// Reads the records of a WARC stream one at a time.
pub struct WarcReader<R> {
    inner: R,
    offset: u64,
}

/// What [`WarcReader::next_record`] found.
pub enum Next {
    Record(Record),
    /// A record whose content was too big: its type, skipped unread.
    TooBig(String),
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(inner: R) -> Self {
        WarcReader { inner, offset: 0 }
    }

    fn line(&mut self, buf: &mut Vec<u8>) -> Result<usize, WarcError> {
        buf.clear();
        let n = (&mut self.inner)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', buf)
            .map_err(|source| WarcError::Io {
                offset: self.offset,
                source,
            })?;
        self.offset += n as u64;
        Ok(n)
    }

    /// The next record, `None` at the end of the stream.
    pub fn next_record(&mut self) -> Option<Result<Next, WarcError>> {
        let mut line = Vec::new();
        // Skip the blank lines between records.
        loop {
            match self.line(&mut line) {
                Ok(0) => return None,
                Ok(_) if line.trim_ascii().is_empty() => continue,
                Ok(_) => break,
                Err(e) => return Some(Err(e)),
            }
        }
        if !line.starts_with(b"WARC/") {
            return Some(Err(WarcError::Format {
                offset: self.offset,
                what: "expected a WARC/1.x record header".into(),
            }));
        }
        let mut headers = Vec::new();
        let mut header_bytes = 0;
        loop {
            match self.line(&mut line) {
                Ok(0) => {
                    return Some(Err(WarcError::Format {
                        offset: self.offset,
                        what: "archive ends inside a record header".into(),
                    }))
                }
                Ok(n) => header_bytes += n,
                Err(e) => return Some(Err(e)),
            }
            if line.trim_ascii().is_empty() {
                break;
            }
            if header_bytes > MAX_HEADER_BYTES {
                return Some(Err(WarcError::Format {
                    offset: self.offset,
                    what: "record header longer than 64 KiB".into(),
                }));
            }
            let text = String::from_utf8_lossy(&line);
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let Some(len) = header(&headers, "Content-Length").and_then(|v| v.parse::<u64>().ok())
        else {
            return Some(Err(WarcError::Format {
                offset: self.offset,
                what: "record without a Content-Length".into(),
            }));
        };
        if len > MAX_RECORD_BYTES {
            let skipped = std::io::copy(&mut (&mut self.inner).take(len), &mut std::io::sink());
            return Some(match skipped {
                Ok(n) if n == len => {
                    self.offset += n;
                    let kind = header(&headers, "WARC-Type")
                        .unwrap_or("unknown")
                        .to_string();
                    Ok(Next::TooBig(kind))
                }
                Ok(_) => Err(WarcError::Format {
                    offset: self.offset,
                    what: "archive ends inside a record".into(),
                }),
                Err(source) => Err(WarcError::Io {
                    offset: self.offset,
                    source,
                }),
            });
        }
        let mut content = Vec::with_capacity(len as usize);
        match (&mut self.inner).take(len).read_to_end(&mut content) {
            Ok(n) if n as u64 == len => self.offset += len,
            Ok(_) => {
                return Some(Err(WarcError::Format {
                    offset: self.offset,
                    what: "archive ends inside a record".into(),
                }))
            }
            Err(source) => {
                return Some(Err(WarcError::Io {
                    offset: self.offset,
                    source,
                }))
            }
        }
        Some(Ok(Next::Record(Record { headers, content })))
    }
}

/// An HTTP response split: status code, headers, body.
pub struct HttpResponse<'a> {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: &'a [u8],
}

/// Splits an HTTP response off its headers; `None` if it is not one.
pub fn parse_http(bytes: &[u8]) -> Option<HttpResponse<'_>> {
    let end = memchr::memmem::find(bytes, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(bytes, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&bytes[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(HttpResponse {
        status,
        headers,
        body: &bytes[end.1..],
    })
}

/// The `charset` parameter of a Content-Type value.
fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    })
}

/// A response record worth extracting: an HTML page fetched with status 200,
/// not yet read (reading it is the costly part, done where there are cores).
#[derive(Debug, Clone)]
pub struct RawPage {
    /// The record's number in the archive (1-based), for the id of a page
    /// without a usable URL (`KEY#N`).
    pub n: usize,
    pub url: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub charset: Option<String>,
    /// The record's content: the HTTP response, headers and all.
    content: Vec<u8>,
    /// Where the response's body starts in `content`.
    body_start: usize,
}

impl RawPage {
    /// Bytes held.
    pub fn size(&self) -> usize {
        self.content.len()
    }

    /// The page's article, named `KEY#N` when it has no URL; `None` when the
    /// page holds no story (counted as `no_article`).
    pub fn article(&self, key: &str) -> Option<Article> {
        self.article_with(key, super::WebExtractor::default())
    }

    /// [`RawPage::article`] with the story cut by `extractor`.
    pub fn article_with(&self, key: &str, extractor: super::WebExtractor) -> Option<Article> {
        let body = &self.content[self.body_start..];
        let page = super::extract_page_with(
            body,
            self.charset.as_deref(),
            self.url.as_deref(),
            extractor,
        );
        if page.problem.is_some() {
            return None;
        }
        Some(super::to_article(
            page,
            &format!("{key}#{}", self.n),
            self.date,
        ))
    }
}

/// One step through an archive.
#[derive(Debug)]
pub enum Item {
    /// A page to read.
    Page(RawPage),
    /// A record passed over by design, by kind (`request`, `http_404`, ...).
    Skipped(String),
    /// The archive could not be read further: a `Truncated` warning.
    Stopped(Warning),
}

/// The records of a WARC stream, sorted into pages to read and records
/// passed over, one at a time. Cheap: no page is parsed here.
pub struct Items<R> {
    reader: WarcReader<R>,
    path: PathBuf,
    n: usize,
    stopped: bool,
}

impl<R: BufRead> Items<R> {
    /// The items of the (decompressed) archive `input`, read from `path`.
    pub fn new(path: &Path, input: R) -> Self {
        Items {
            reader: WarcReader::new(input),
            path: path.to_path_buf(),
            n: 0,
            stopped: false,
        }
    }
}

impl<R: BufRead> Iterator for Items<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.stopped {
            return None;
        }
        let next = self.reader.next_record()?;
        self.n += 1;
        let record = match next {
            Ok(Next::Record(r)) => r,
            Ok(Next::TooBig(_)) => return Some(Item::Skipped("too_big".into())),
            Err(e) => {
                self.stopped = true;
                return Some(Item::Stopped(Warning::new(
                    &self.path,
                    Some(format!("record {}", self.n)),
                    WarningKind::Truncated,
                    format!("{e}; the archive was read up to here"),
                )));
            }
        };
        Some(match sort(record, self.n) {
            Ok(page) => Item::Page(page),
            Err(kind) => Item::Skipped(kind),
        })
    }
}

/// A record as a page to read, or the kind it is counted as.
fn sort(record: Record, n: usize) -> Result<RawPage, String> {
    let kind = record
        .header("WARC-Type")
        .unwrap_or("unknown")
        .to_ascii_lowercase();
    if kind != "response" {
        return Err(kind);
    }
    let Some(http) = parse_http(&record.content) else {
        return Err("not_http".into());
    };
    if http.status != 200 {
        return Err(format!("http_{}", http.status));
    }
    let content_type = header(&http.headers, "Content-Type").unwrap_or("");
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !matches!(mime.as_str(), "text/html" | "application/xhtml+xml") {
        return Err("not_html".into());
    }
    let charset = charset_of(content_type).map(str::to_string);
    let body_start = record.content.len() - http.body.len();
    let url = record
        .header("WARC-Target-URI")
        .map(|u| u.trim_matches(['<', '>']).to_string());
    let date = record
        .header("WARC-Date")
        .and_then(super::meta::parse_web_date);
    Ok(RawPage {
        n,
        url,
        date,
        charset,
        content: record.content,
        body_start,
    })
}

/// Parses a WARC stream (already decompressed) into articles on this
/// thread; `key` is the file's key, for records without a usable URL
/// (`KEY#N`). [`crate::parse::stream`] reads big archives in batches instead.
pub fn parse_warc(path: &Path, key: &str, input: impl BufRead) -> ParsedFile {
    parse_warc_with(path, key, input, super::WebExtractor::default())
}

/// [`parse_warc`] with the stories cut by `extractor`.
pub fn parse_warc_with(
    path: &Path,
    key: &str,
    input: impl BufRead,
    extractor: super::WebExtractor,
) -> ParsedFile {
    let mut out = ParsedFile::default();
    for item in Items::new(path, input) {
        match item {
            Item::Page(page) => match page.article_with(key, extractor) {
                Some(a) => out.articles.push(a),
                None => out.count_skipped("no_article"),
            },
            Item::Skipped(kind) => out.count_skipped(&kind),
            Item::Stopped(w) => out.warnings.push(w),
        }
    }
    out
}

/// One WARC record of `kind` for `uri` holding `content`, for tests.
#[cfg(test)]
pub(crate) fn record(kind: &str, uri: &str, content: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-02T03:04:05Z\r\nContent-Length: {}\r\n\r\n",
        content.len()
    )
    .into_bytes();
    r.extend_from_slice(content);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_responses_and_counts_the_rest() {
        let page = "<html lang=\"fr\"><head><title>Le pont</title></head><body><article><p>Le conseil municipal a voté mardi la fermeture du vieux pont sur la rivière pour des travaux qui dureront au moins deux ans.</p></article></body></html>";
        let ok = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
        let mut warc = record("warcinfo", "", b"software: test");
        warc.extend(record(
            "request",
            "https://a.example/x",
            b"GET /x HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://a.example/x?utm_source=feed",
            ok.as_bytes(),
        ));
        warc.extend(record(
            "response",
            "https://a.example/gone",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\nnope",
        ));
        warc.extend(record(
            "response",
            "https://a.example/i.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        warc.extend(record(
            "revisit",
            "https://a.example/x",
            b"HTTP/1.1 200 OK\r\n\r\n",
        ));
        let p = parse_warc(Path::new("c.warc"), "c", &warc[..]);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert_eq!(a.id, "https://a.example/x");
        assert_eq!(a.title, "Le pont");
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2022-01-02T03:04:05+00:00")
        );
        let counted: Vec<(&str, u64)> = p.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            counted,
            [
                ("http_404", 1),
                ("not_html", 1),
                ("request", 1),
                ("revisit", 1),
                ("warcinfo", 1)
            ]
        );
    }

    #[test]
    fn a_cut_archive_keeps_what_was_read() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>The council voted on Tuesday to close the bridge over the river for two years of repairs.</p>";
        let mut warc = record("response", "https://a.example/1", page.as_bytes());
        let second = record("response", "https://a.example/2", page.as_bytes());
        warc.extend_from_slice(&second[..second.len() / 2]);
        let p = parse_warc(Path::new("c.warc"), "c", &warc[..]);
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].kind, WarningKind::Truncated);
        for cut in (0..warc.len()).step_by(7) {
            let _ = parse_warc(Path::new("c.warc"), "c", &warc[..cut]);
        }
    }
}
