//! Inputs read in batches, so a file of any size is never held whole.
//!
//! [`Batches`] reads one file and cuts it into [`Batch`]es of records:
//! JSON Lines by line and CSV by row (each batch at most [`BATCH_RECORDS`]
//! records or about [`BATCH_BYTES`] bytes), WARC archives by record (at
//! most [`BATCH_PAGES`] pages or about [`BATCH_PAGE_BYTES`] bytes of
//! them), plain or gzip. Reading is cheap and done in file order on one
//! thread: it only splits lines, rows or records, decodes text and sorts
//! WARC records; [`Batch::parse`], the costly part (JSON, dates, datelines,
//! the story cut from a page), is free to run on any thread, so the caller
//! parses several batches of one file at once (the ingest pipeline does,
//! on its rayon pool) and holds only the batches in flight.
//!
//! The formats parsed from one buffer (Reuters SGML, plain text, HTML) and
//! two cases of the streamed ones are one batch holding the whole file, as
//! before: a `.json` file that is one JSON array or one object over several
//! lines (it is one value), and a file in UTF-16 (its lines cannot be split
//! on bytes). A gzip file read whole is inflated to at most
//! [`super::MAX_INFLATED_BYTES`]; a streamed one has no cap, since it is
//! never held whole.
//!
//! What stays as reading whole did: line numbers, row numbers, WARC record
//! numbers (in warnings and in made-up ids), the file's `Encoding` warning
//! (once per file), `empty file`, the binary-file check on the first 64 KiB,
//! a `Truncated` warning where a gzip stream or an archive breaks (what came
//! before it is kept). One difference: text that is not UTF-8 is decoded as
//! Windows-1252 a batch (JSON Lines) or a row (CSV) at a time, not the whole
//! file at once, so a UTF-8 file with one bad line keeps its other lines'
//! accents.

mod readers;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::{read_input, Counter, InputStream};
use super::web::warc::RawPage;
use super::web::WebExtractor;
use super::{
    binary_warning, csv, detect_format, finish_articles, jsonl, parse_bytes_with, title, walk,
    Format, ParseError, ParsedFile, Warning, WarningKind,
};
use readers::{LineReader, PageReader, RowReader};

/// Most lines or rows in one batch.
pub const BATCH_RECORDS: usize = 1000;
/// Bytes of lines or rows from which a batch is cut (a batch holds whole
/// records, so it may be one record longer).
pub const BATCH_BYTES: usize = 1 << 20;
/// Most WARC pages in one batch (reading a page is slow: a few per batch
/// keep every core busy on small archives).
pub const BATCH_PAGES: usize = 8;
/// Bytes of WARC pages from which a batch is cut.
pub const BATCH_PAGE_BYTES: usize = 8 << 20;

/// Part of one file, read but not parsed yet.
pub struct Batch {
    /// Bytes of the file (compressed, if it is) read when the batch was cut:
    /// for progress.
    pub read_to: u64,
    /// Warnings and counts found while reading, before the batch's records.
    found: ParsedFile,
    work: Work,
}

enum Work {
    /// Nothing to parse: `found` is all.
    Nothing,
    /// The whole file, read and parsed as one.
    Whole {
        format: Format,
        path: PathBuf,
        key: String,
    },
    /// JSON Lines from line `first` (1-based) on.
    Lines {
        path: PathBuf,
        key: String,
        first: usize,
        text: String,
    },
    /// CSV rows, numbered, each its cells or why it could not be read.
    Rows {
        head: Arc<csv::Head>,
        path: PathBuf,
        rows: Vec<(usize, Result<::csv::StringRecord, String>)>,
    },
    /// WARC pages to read.
    Pages { key: String, pages: Vec<RawPage> },
}

impl Batch {
    /// A batch of one warning and nothing to parse.
    fn warning(read_to: u64, w: super::Warning) -> Batch {
        let found = ParsedFile {
            warnings: vec![w],
            ..ParsedFile::default()
        };
        Batch::found(read_to, found)
    }

    fn found(read_to: u64, found: ParsedFile) -> Batch {
        Batch {
            read_to,
            found,
            work: Work::Nothing,
        }
    }

    /// Records in the batch (lines, rows, pages; 1 for a whole file).
    pub fn records(&self) -> usize {
        match &self.work {
            Work::Nothing => 0,
            Work::Whole { .. } => 1,
            Work::Lines { text, .. } => text.lines().count(),
            Work::Rows { rows, .. } => rows.len(),
            Work::Pages { pages, .. } => pages.len(),
        }
    }

    /// The batch's articles, warnings and counts, in file order.
    pub fn parse(self) -> ParsedFile {
        self.parse_with(WebExtractor::default())
    }

    /// [`Batch::parse`] with web pages' stories cut by `web`.
    pub fn parse_with(self, web: WebExtractor) -> ParsedFile {
        let mut out = self.found;
        match self.work {
            Work::Nothing => {}
            Work::Whole { format, path, key } => {
                let mut warnings = Vec::new();
                match read_input(&path, &mut warnings) {
                    Ok(bytes) => {
                        let mut parsed = parse_bytes_with(format, &path, &key, &bytes, web);
                        warnings.append(&mut parsed.warnings);
                        parsed.warnings = warnings;
                        out.append(parsed);
                    }
                    Err(e) => out.warnings.push(Warning::new(
                        &path,
                        None,
                        WarningKind::Unreadable,
                        e.to_string(),
                    )),
                }
            }
            Work::Lines {
                path,
                key,
                first,
                text,
            } => {
                let mut parsed = ParsedFile::default();
                for (i, line) in text.lines().enumerate() {
                    jsonl::read_line(&path, &key, first + i, line, &mut parsed);
                }
                finish_articles(&path, &mut parsed);
                out.append(parsed);
            }
            Work::Rows { head, path, rows } => {
                let mut parsed = ParsedFile::default();
                for (row_no, row) in &rows {
                    head.read_row(*row_no, row.as_ref(), &mut parsed);
                }
                finish_articles(&path, &mut parsed);
                out.append(parsed);
            }
            Work::Pages { key, pages } => {
                for page in pages {
                    match page.article_with(&key, web) {
                        Some(mut a) => {
                            title::derive_missing(&mut a);
                            out.articles.push(a);
                        }
                        None => out.count_skipped("no_article"),
                    }
                }
            }
        }
        out
    }
}

/// The batches of one file, in file order.
pub struct Batches {
    source: Source,
    /// Batches read ahead of the one asked for (at most a few: the last
    /// records and a warning about the end).
    ready: VecDeque<Batch>,
    /// Bytes of the file read so far.
    read: Counter,
}

enum Source {
    Done,
    Lines(LineReader),
    Rows(RowReader),
    Pages(PageReader),
}

impl Batches {
    /// The batches of a file found by [`walk::walk`], in its format.
    pub fn open(input: &walk::InputFile) -> Result<Batches, ParseError> {
        Self::read(&input.path, &input.key, Some(input.format))
    }

    /// The batches of `path` (named by `key`), in `forced` format or the one
    /// detected from its name or first bytes.
    pub fn open_path(
        path: &Path,
        key: &str,
        forced: Option<Format>,
    ) -> Result<Batches, ParseError> {
        Self::read(path, key, forced)
    }

    fn read(path: &Path, key: &str, forced: Option<Format>) -> Result<Batches, ParseError> {
        let format = forced.or_else(|| detect_format(path, &[]));
        if let Some(format @ (Format::ReutersSgml | Format::PlainText | Format::Html)) = format {
            // Opened here so that a file that cannot be read is an error
            // now, as for the streamed formats; it is read when parsed.
            std::fs::File::open(path).map_err(|source| ParseError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            return Ok(Self::whole(path, key, format));
        }
        let stream = InputStream::open(path)?;
        let Some(format) = format.or_else(|| detect_format(path, &stream.head)) else {
            return Err(ParseError::UnknownFormat {
                path: path.to_path_buf(),
            });
        };
        let read = stream.file_bytes_read();
        let head = stream.head.as_slice();
        let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
        let whole = match format {
            Format::ReutersSgml | Format::PlainText | Format::Html => true,
            Format::Jsonl => {
                utf16
                    || jsonl::needs_whole_file(&String::from_utf8_lossy(
                        head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head),
                    ))
            }
            Format::Csv => utf16,
            Format::Warc => false,
        };
        if whole {
            return Ok(Self::whole(path, key, format));
        }
        let mut batches = Batches {
            source: Source::Done,
            ready: VecDeque::new(),
            read,
        };
        if format != Format::Warc {
            if let Some(w) = binary_warning(path, head) {
                batches
                    .ready
                    .push_back(Batch::warning(batches.read.get(), w));
                return Ok(batches);
            }
        }
        batches.source = match format {
            Format::Jsonl => Source::Lines(LineReader::new(path, key, stream)),
            Format::Csv => Source::Rows(RowReader::new(path, key, stream)),
            _ => Source::Pages(PageReader::new(path, key, stream)),
        };
        Ok(batches)
    }

    /// One batch holding the whole file, read when parsed.
    fn whole(path: &Path, key: &str, format: Format) -> Batches {
        let batch = Batch {
            read_to: 0,
            found: ParsedFile::default(),
            work: Work::Whole {
                format,
                path: path.to_path_buf(),
                key: key.to_string(),
            },
        };
        Batches {
            source: Source::Done,
            ready: VecDeque::from([batch]),
            read: Counter::default(),
        }
    }

    /// Bytes of the file read so far (0 for a file read whole when parsed).
    pub fn bytes_read(&self) -> u64 {
        self.read.get()
    }

    /// Every batch parsed here, one after the other, as one file.
    pub fn parse_all(self) -> ParsedFile {
        let mut out = ParsedFile::default();
        for batch in self {
            out.append(batch.parse());
        }
        out
    }
}

impl Iterator for Batches {
    type Item = Batch;

    fn next(&mut self) -> Option<Batch> {
        if self.ready.is_empty() {
            let more = match &mut self.source {
                Source::Done => false,
                Source::Lines(r) => r.fill(&mut self.ready),
                Source::Rows(r) => r.fill(&mut self.ready),
                Source::Pages(r) => r.fill(&mut self.ready),
            };
            if !more {
                self.source = Source::Done;
            }
        }
        self.ready.pop_front()
    }
}

#[cfg(test)]
mod tests;
