//! Input formats: each module turns the bytes of one file into articles.
//!
//! This module owns what the parsers share: the [`Format`] enum and its
//! detection, the [`Warning`] type every parser reports unreadable records
//! with, [`ParsedFile`], text decoding ([`decode_text`], in `text.rs`) and
//! the entry points [`parse_bytes`] and [`parse_file`]. Files are read in
//! `input.rs` (whole, or as a stream, gzip or not); [`stream`] cuts big
//! JSON Lines, CSV and WARC files into batches of records, so no file is
//! held whole and its batches can be parsed on several threads. Parsers never fail on bad input: a
//! record that cannot be read becomes a warning naming the file and the record,
//! and the article is kept wherever possible.

pub mod csv;
pub mod dateline;
pub mod id;
mod input;
pub mod jsonl;
pub mod plaintext;
pub mod reuters_sgml;
pub mod stream;
mod text;
pub mod title;
pub mod walk;
pub mod web;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::article::{field, Article};
pub use input::{is_gzip, MAX_INFLATED_BYTES};
pub use text::decode_text;
pub(crate) use text::{decode_file, strip_controls};

/// An input format newsdex can parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Reuters-21578 SGML (`.sgm`), many `<REUTERS>` documents per file.
    ReutersSgml,
    /// One article per text file (`.txt`), optional header block.
    PlainText,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// CSV with a header: AG News (`label,title,description`) or named columns.
    Csv,
    /// One web page (`.html`, `.htm`): the story cut from it, with its metadata.
    Html,
    /// A web archive (`.warc`): its HTML responses, read record by record.
    Warc,
}

impl Format {
    /// All formats, in the order they are listed to users.
    pub const ALL: [Format; 6] = [
        Format::ReutersSgml,
        Format::PlainText,
        Format::Jsonl,
        Format::Csv,
        Format::Html,
        Format::Warc,
    ];

    /// The short name used on the command line: `sgml`, `text`, `jsonl`, `csv`, `html`, `warc`.
    pub fn name(self) -> &'static str {
        match self {
            Format::ReutersSgml => "sgml",
            Format::PlainText => "text",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for a format name that is not one of `sgml`, `text`, `jsonl`, `csv`, `html`, `warc`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format '{0}' (expected one of: sgml, text, jsonl, csv, html, warc)")]
pub struct UnknownFormatName(pub String);

impl FromStr for Format {
    type Err = UnknownFormatName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sgml" | "sgm" | "reuters" => Ok(Format::ReutersSgml),
            "text" | "txt" | "plain" => Ok(Format::PlainText),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "html" | "htm" => Ok(Format::Html),
            "warc" => Ok(Format::Warc),
            _ => Err(UnknownFormatName(s.to_string())),
        }
    }
}

/// Why a file or record could not be (fully) read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The path does not exist, cannot be read, or a directory loop was found.
    Unreadable,
    /// The bytes were not UTF-8 and were decoded as Windows-1252.
    Encoding,
    /// A record could not be parsed and was skipped (bad JSON line, bad CSV row).
    BadRecord,
    /// A date was present but could not be parsed (or only its day could).
    BadDate,
    /// A record has no id (Reuters `<REUTERS>` without NEWID).
    MissingId,
    /// The file or record holds no text.
    Empty,
    /// The file's format could not be detected.
    UnknownFormat,
    /// A field had the wrong type or value and was ignored; the record was kept.
    BadField,
    /// A record's end was missing; it was read up to the next one and kept.
    Truncated,
    /// A record has neither title nor text but was kept (it has an id).
    NoText,
    /// The same id was read twice in one run; the record read later replaced
    /// the earlier one.
    DuplicateId,
}

impl WarningKind {
    /// The snake_case name, as serialized.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::Unreadable => "unreadable",
            WarningKind::Encoding => "encoding",
            WarningKind::BadRecord => "bad_record",
            WarningKind::BadDate => "bad_date",
            WarningKind::MissingId => "missing_id",
            WarningKind::Empty => "empty",
            WarningKind::UnknownFormat => "unknown_format",
            WarningKind::BadField => "bad_field",
            WarningKind::Truncated => "truncated",
            WarningKind::NoText => "no_text",
            WarningKind::DuplicateId => "duplicate_id",
        }
    }

    /// True when a warning of this kind means the record or file was not
    /// indexed; the other kinds were repaired and the article kept.
    pub fn skips(self) -> bool {
        matches!(
            self,
            WarningKind::Unreadable
                | WarningKind::BadRecord
                | WarningKind::MissingId
                | WarningKind::Empty
                | WarningKind::UnknownFormat
        )
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A problem with one file or one record of it; parsing goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The file, as given.
    pub path: String,
    /// The record: `NEWID=123`, `line 7`, `row 12`; `None` for the whole file.
    pub record: Option<String>,
    /// What went wrong, as a category.
    pub kind: WarningKind,
    /// What went wrong, for people.
    pub message: String,
}

impl Warning {
    /// A warning about `path` as a whole or about one `record` of it.
    pub fn new(
        path: &Path,
        record: Option<String>,
        kind: WarningKind,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            path: path.display().to_string(),
            record,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(record) => write!(f, "{}: record {}: {}", self.path, record, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The articles of one file and the warnings raised while reading it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedFile {
    /// The articles read, in file order.
    pub articles: Vec<Article>,
    /// Problems met, in file order.
    pub warnings: Vec<Warning>,
    /// Records skipped by design, not by fault, counted by kind (a WARC's
    /// `request`, `revisit`, `http_404`, `not_html` records).
    pub skipped: BTreeMap<String, u64>,
}

impl ParsedFile {
    /// Counts one record of `kind` skipped by design.
    pub fn count_skipped(&mut self, kind: &str) {
        *self.skipped.entry(kind.to_string()).or_default() += 1;
    }

    /// Appends `later` (what was read after this) to this.
    pub fn append(&mut self, mut later: ParsedFile) {
        self.articles.append(&mut later.articles);
        self.warnings.append(&mut later.warnings);
        for (kind, n) in later.skipped {
            *self.skipped.entry(kind).or_default() += n;
        }
    }
}

/// Why a file's format is unknown, for the error of a file parsed alone and the warning of a
/// file met while walking the inputs.
pub(crate) const UNKNOWN_FORMAT: &str =
    "unknown input format (use .sgm, .txt, .jsonl, .csv, .html or .warc, optionally .gz, or force one)";

/// A file that could not be parsed at all.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// No format was forced and none could be detected.
    #[error("{}: {}", path.display(), UNKNOWN_FORMAT)]
    UnknownFormat { path: PathBuf },
}

/// The file extensions a folder walk reads as articles, for messages.
pub const ARTICLE_EXTENSIONS: &str =
    ".sgm, .sgml, .txt, .text, .jsonl, .ndjson, .json, .csv, .html, .htm, .warc (each also .gz)";

/// Detects the format of `path` by its extension (`.sgm`/`.sgml`, `.txt`,
/// `.jsonl`/`.ndjson`/`.json`, `.csv`, `.html`/`.htm`, `.warc`, each also with
/// `.gz` after it), else by sniffing `head` (the first bytes of the file,
/// decompressed first when they open with gzip's magic): `<REUTERS` or
/// `<!DOCTYPE lewis` → SGML, lines opening with `{` → JSONL, `WARC/1.` →
/// WARC, `<!DOCTYPE html` or `<html` → HTML.
pub fn detect_format(path: &Path, head: &[u8]) -> Option<Format> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = Path::new(name).extension().and_then(|e| e.to_str());
    match ext {
        Some("sgm" | "sgml") => return Some(Format::ReutersSgml),
        Some("txt" | "text") => return Some(Format::PlainText),
        Some("jsonl" | "ndjson" | "json") => return Some(Format::Jsonl),
        Some("csv") => return Some(Format::Csv),
        Some("html" | "htm" | "xhtml") => return Some(Format::Html),
        Some("warc") => return Some(Format::Warc),
        _ => {}
    }
    let unzipped;
    let head = if is_gzip(head) {
        unzipped = input::gunzip_head(head);
        &unzipped[..]
    } else {
        head
    };
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.starts_with(b"WARC/1.") {
        return Some(Format::Warc);
    }
    let lower = trim_ascii_start(head)
        .iter()
        .take(512)
        .map(u8::to_ascii_lowercase)
        .collect::<Vec<u8>>();
    if lower.starts_with(b"<!doctype html") || memchr::memmem::find(&lower, b"<html").is_some() {
        return Some(Format::Html);
    }
    let trimmed = trim_ascii_start(head);
    if memchr::memmem::find(head, b"<REUTERS").is_some() || trimmed.starts_with(b"<!DOCTYPE lewis")
    {
        return Some(Format::ReutersSgml);
    }
    if trimmed.starts_with(b"{") {
        return Some(Format::Jsonl);
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Parses the bytes of one file in `format`; `path` names it in articles and
/// warnings. Never panics, whatever the bytes.
///
/// Two guards run around the parsers: a file that looks binary (see
/// [`binary_share`]) is skipped with a `BadRecord` warning instead of being
/// indexed as garbage, and an article whose body is longer than
/// [`MAX_BODY_BYTES`] is cut there with a `Truncated` warning, so one huge
/// record cannot blow up the writer's memory or time.
pub fn parse_bytes(format: Format, path: &Path, bytes: &[u8]) -> ParsedFile {
    parse_bytes_as(format, path, &id::lone_file_key(path), bytes)
}

/// [`parse_bytes`] for a file whose key (see [`id`]) is `key`.
pub fn parse_bytes_as(format: Format, path: &Path, key: &str, bytes: &[u8]) -> ParsedFile {
    parse_bytes_with(format, path, key, bytes, web::WebExtractor::default())
}

/// [`parse_bytes_as`] with web pages' stories cut by `web`.
pub fn parse_bytes_with(
    format: Format,
    path: &Path,
    key: &str,
    bytes: &[u8],
    web: web::WebExtractor,
) -> ParsedFile {
    if let Some(w) = binary_warning(path, bytes) {
        return ParsedFile {
            warnings: vec![w],
            ..ParsedFile::default()
        };
    }
    let mut parsed = match format {
        Format::ReutersSgml => reuters_sgml::parse(path, bytes),
        Format::PlainText => plaintext::parse_as(path, key, bytes),
        Format::Jsonl => jsonl::parse_as(path, key, bytes),
        Format::Csv => csv::parse_as(path, key, bytes),
        Format::Html => web::parse_html_with(path, key, bytes, web),
        Format::Warc => web::warc::parse_warc_with(path, key, bytes, web),
    };
    finish_articles(path, &mut parsed);
    parsed
}

/// The binary-file warning, when the first bytes of a file (`head`, at
/// least [`BINARY_SAMPLE`] of them when the file has that many) say it is
/// binary.
pub(crate) fn binary_warning(path: &Path, head: &[u8]) -> Option<Warning> {
    let share = binary_share(head)?;
    Some(Warning::new(
        path,
        None,
        WarningKind::BadRecord,
        format!(
            "binary file ({share:.0}% of its first {} bytes are NUL or control bytes); skipped",
            head.len().min(BINARY_SAMPLE)
        ),
    ))
}

/// What every parsed article goes through: the source from the agency, a
/// derived title where there is none, and the body and title cut to their
/// limits (with a warning).
pub(crate) fn finish_articles(path: &Path, parsed: &mut ParsedFile) {
    for a in &mut parsed.articles {
        source_from_agency(a);
        title::derive_missing(a);
        for (name, text, max) in [
            ("text", &mut a.body, MAX_BODY_BYTES),
            ("title", &mut a.title, MAX_TITLE_BYTES),
        ] {
            if text.len() > max {
                let was = text.len();
                truncate_at_char(text, max);
                parsed.warnings.push(Warning::new(
                    path,
                    Some(format!("id {}", a.id)),
                    WarningKind::Truncated,
                    format!("{name} is {was} bytes; indexed its first {}", text.len()),
                ));
            }
        }
    }
}

/// Fills `source` from the dateline's agency when the format gave no source:
/// a plain-text `CARACAS (Reuters) - ` story is from `reuters`, so
/// `--source reuters` finds it with the Reuters-21578 records. Lower case, as
/// collection names are.
fn source_from_agency(a: &mut Article) {
    if a.value(field::SOURCE).is_none() {
        if let Some(agency) = a.value(field::AGENCY).map(str::to_lowercase) {
            a.set_value(field::SOURCE, Some(agency));
        }
    }
}

/// Longest article body indexed (bytes); longer bodies are cut with a warning.
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Longest title indexed (bytes).
pub const MAX_TITLE_BYTES: usize = 4096;
/// Bytes at the start of a file examined by [`binary_share`].
pub(crate) const BINARY_SAMPLE: usize = 64 * 1024;
/// Share (percent) of NUL/control bytes from which a file counts as binary.
const BINARY_PERCENT: f64 = 5.0;

/// `Some(percent)` when the file looks binary: at least
/// [`BINARY_PERCENT`]% of its first 64 KiB are NUL or C0 control bytes
/// other than tab, LF, CR and form feed (or DEL). Text of any 8-bit encoding
/// has almost none; random or compressed bytes have about 12%, and most
/// binary formats are full of NULs. A file opening with a UTF-16 BOM is text
/// (its NULs are the high bytes of ASCII characters); UTF-16 without a BOM is
/// taken as binary.
pub fn binary_share(bytes: &[u8]) -> Option<f64> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    if sample.is_empty() {
        return None;
    }
    let bad = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    let share = bad as f64 * 100.0 / sample.len() as f64;
    (share >= BINARY_PERCENT).then_some(share)
}

/// Cuts `s` to at most `max` bytes, at a character boundary.
fn truncate_at_char(s: &mut String, max: usize) {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
}

/// Reads and parses one file, in `forced` format or the detected one.
pub fn parse_file(path: &Path, forced: Option<Format>) -> Result<ParsedFile, ParseError> {
    let batches = stream::Batches::open_path(path, &id::lone_file_key(path), forced)?;
    Ok(batches.parse_all())
}

/// Reads and parses one file found by [`walk::walk`], naming its articles
/// by the file's key. The whole file's articles are returned together; the
/// ingest pipeline reads [`stream::Batches`] instead, to hold a bounded
/// part of a big file at a time.
pub fn parse_input(input: &walk::InputFile) -> Result<ParsedFile, ParseError> {
    Ok(stream::Batches::open(input)?.parse_all())
}

/// Parses a date leniently: RFC 3339, RFC 2822, `2021-03-03`,
/// `2021-03-03 12:00[:00]`, `March 3, 2021`, `3 March 2021`, `Mar 3 2021`,
/// `2021/03/03`. Dates without a time are taken at midnight UTC.
pub(crate) fn parse_date_lenient(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d.and_utc());
        }
    }
    let cleaned: String = s.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %d %B %Y",
        "%A %B %d %Y",
        "%d-%b-%Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        }
    }
    None
}

/// Moves a dateline lead at the start of `a.body` into `dateline`,
/// `dateline_cities` and (if unset) `agency`, removing it from the body.
pub(crate) fn take_dateline(a: &mut Article) {
    if let Some(lead) = dateline::recognize(&a.body) {
        a.body = a
            .body
            .get(lead.len..)
            .unwrap_or("")
            .trim_start()
            .to_string();
        a.dateline = Some(lead.raw);
        a.set_values(field::DATELINE_CITY, lead.cities);
        if a.value(field::AGENCY).is_none() {
            a.set_value(field::AGENCY, lead.agency);
        }
    }
}

/// Uses a dateline given by the source (a header or field): stores it without
/// a trailing dash, derives cities and agency from it, and removes the same
/// lead from the start of the body if it is repeated there.
pub(crate) fn set_given_dateline(a: &mut Article, given: &str) {
    let given = given.trim().trim_end_matches(['-', '—', '–', ' ']).trim();
    if given.is_empty() {
        take_dateline(a);
        return;
    }
    if let Some(lead) = dateline::recognize(&format!("{given} - ")) {
        a.set_values(field::DATELINE_CITY, lead.cities);
        if a.value(field::AGENCY).is_none() {
            a.set_value(field::AGENCY, lead.agency);
        }
    }
    if let Some(lead) = dateline::recognize(&a.body) {
        if lead.raw == given {
            a.body = a
                .body
                .get(lead.len..)
                .unwrap_or("")
                .trim_start()
                .to_string();
        }
    }
    a.dateline = Some(given.to_string());
}

/// The shared corpus for tests: `$NEWSDEX_CORPUS`, else `../shared/corpus`
/// next to the crate. `None` (after printing `skipped: corpus not found`)
/// when absent, unless `NEWSDEX_REQUIRE_CORPUS=1`, which makes it panic.
#[cfg(test)]
pub(crate) fn test_corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = crate::eval::default_corpus_dir() {
        return Some(dir);
    }
    if std::env::var("NEWSDEX_REQUIRE_CORPUS").as_deref() == Ok("1") {
        panic!("corpus not found: set NEWSDEX_CORPUS or place it at ../shared/corpus");
    }
    println!("skipped: corpus not found");
    None
}

/// `prefix`, then the text of every file of the repository's samples and,
/// when the corpus is at hand, of one Reuters-21578 file: real text for
/// tests of tokenising and stemming.
#[cfg(test)]
pub(crate) fn samples_and_reuters_text(prefix: &str) -> String {
    let mut text = prefix.to_string();
    let reuters = crate::eval::default_corpus_dir()
        .map(|c| c.join("reuters21578/reut2-000.sgm"))
        .unwrap_or_default();
    for entry in walkdir::WalkDir::new(samples_dir())
        .into_iter()
        .chain(walkdir::WalkDir::new(reuters))
        .flatten()
    {
        if entry.file_type().is_file() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                text.push(' ');
                text.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
    }
    text
}

/// The shipped `samples/` directory.
#[cfg(test)]
pub(crate) fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>(), Ok(f));
        }
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn detects_formats() {
        let cases: &[(&str, &[u8], Option<Format>)] = &[
            ("a/reut2-000.sgm", b"", Some(Format::ReutersSgml)),
            ("a.SGML", b"", Some(Format::ReutersSgml)),
            ("a.txt", b"{", Some(Format::PlainText)),
            ("a.jsonl", b"", Some(Format::Jsonl)),
            ("a.ndjson", b"", Some(Format::Jsonl)),
            ("a.json", b"[", Some(Format::Jsonl)),
            ("a.csv", b"", Some(Format::Csv)),
            (
                "feed",
                b"\n<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n",
                Some(Format::ReutersSgml),
            ),
            ("feed", b"<REUTERS NEWID=\"1\">", Some(Format::ReutersSgml)),
            ("feed", b"\xEF\xBB\xBF{\"id\":1}\n", Some(Format::Jsonl)),
            ("feed", b"hello", None),
            ("feed.bin", b"\x00\x01", None),
        ];
        for (path, head, want) in cases {
            assert_eq!(detect_format(Path::new(path), head), *want, "{path}");
        }
    }

    #[test]
    fn agency_fills_a_missing_source() {
        let text = b"Headline\n\nLONDON (Reuters) - Oil rose.";
        let a = &parse_bytes(Format::PlainText, Path::new("x.txt"), text).articles[0];
        assert_eq!(a.value(field::AGENCY), Some("Reuters"));
        assert_eq!(a.value(field::SOURCE), Some("reuters"));
        let ap = b"NAIROBI (AP) - Herders moved.";
        let a = &parse_bytes(Format::PlainText, Path::new("y.txt"), ap).articles[0];
        assert_eq!(a.value(field::SOURCE), Some("ap"));
        let given = b"Source: Wire Co\n\nHeadline\n\nPARIS (AFP) -- Text.";
        let a = &parse_bytes(Format::PlainText, Path::new("z.txt"), given).articles[0];
        assert_eq!(a.value(field::SOURCE), Some("Wire Co"));
    }

    #[test]
    fn a_story_without_a_title_gets_a_derived_one() {
        let one_line = b"CARACAS (Reuters) - Maduro met Borisov on Wednesday. More.";
        let a = &parse_bytes(Format::PlainText, Path::new("x.txt"), one_line).articles[0];
        assert_eq!(a.dateline.as_deref(), Some("CARACAS (Reuters)"));
        assert_eq!(a.body, "Maduro met Borisov on Wednesday. More.");
        assert_eq!(a.title, "Maduro met Borisov on Wednesday");
        assert_eq!(a.value(field::TITLE_DERIVED), Some(title::DERIVED));
        let headed = b"Headline\n\nCARACAS (Reuters) - Text.";
        let a = &parse_bytes(Format::PlainText, Path::new("y.txt"), headed).articles[0];
        assert_eq!(a.title, "Headline");
        assert_eq!(a.value(field::TITLE_DERIVED), None);
    }

    #[test]
    fn warning_display_and_json() {
        let w = Warning::new(
            Path::new("reut2-017.sgm"),
            Some("NEWID=123".into()),
            WarningKind::BadDate,
            "bad date '31-MAR-1987 605:12'",
        );
        assert_eq!(
            w.to_string(),
            "reut2-017.sgm: record NEWID=123: bad date '31-MAR-1987 605:12'"
        );
        let json = serde_json::to_value(&w).unwrap_or_default();
        assert_eq!(json["kind"], "bad_date");
    }

    #[test]
    fn parses_dates_leniently() {
        let cases = [
            ("2021-03-03", Some("2021-03-03T00:00:00+00:00")),
            ("2021-03-03T10:00:00Z", Some("2021-03-03T10:00:00+00:00")),
            (
                "2021-03-03T10:00:00+02:00",
                Some("2021-03-03T08:00:00+00:00"),
            ),
            ("March 3, 2021", Some("2021-03-03T00:00:00+00:00")),
            ("3 March 2021", Some("2021-03-03T00:00:00+00:00")),
            (
                "Wed, 03 Mar 2021 10:00:00 +0000",
                Some("2021-03-03T10:00:00+00:00"),
            ),
            ("2021-03-03 10:30", Some("2021-03-03T10:30:00+00:00")),
            ("yesterday", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_date_lenient(input).map(|d| d.to_rfc3339()).as_deref(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        let mut inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            vec![0xFF; 64],
            b"\xEF\xBB\xBF".to_vec(),
            b"\xFF\xFE\x00".to_vec(),
            (0u8..=255).collect(),
        ];
        for rel in [
            "reuters/sample.sgm",
            "jsonl/articles.jsonl",
            "csv/items.csv",
        ] {
            let bytes = std::fs::read(samples_dir().join(rel)).unwrap_or_default();
            // Every prefix cut, including inside multi-byte characters and tags.
            for cut in (0..bytes.len()).step_by(37) {
                inputs.push(bytes[..cut].to_vec());
            }
        }
        for bytes in &inputs {
            for format in Format::ALL {
                let _ = parse_bytes(format, Path::new("dir/odd.x"), bytes);
            }
        }
    }

    #[test]
    fn parse_file_errors() {
        let missing = parse_file(Path::new("/nonexistent/x.txt"), None);
        assert!(matches!(missing, Err(ParseError::Io { .. })));
        let samples = samples_dir().join("jsonl/articles.jsonl");
        if samples.exists() {
            let parsed = parse_file(&samples, None);
            assert!(parsed.is_ok_and(|p| !p.articles.is_empty()));
        }
    }
}
