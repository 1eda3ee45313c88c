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

use std::collections::VecDeque;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::{read_input, Counter, InputStream};
use super::web::warc::{Item, Items, RawPage};
use super::{
    binary_warning, csv, detect_format, finish_articles, jsonl, parse_bytes_as, title, walk,
    Format, ParseError, ParsedFile, Warning, WarningKind,
};

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
        let mut out = self.found;
        match self.work {
            Work::Nothing => {}
            Work::Whole { format, path, key } => {
                let mut warnings = Vec::new();
                match read_input(&path, &mut warnings) {
                    Ok(bytes) => {
                        let mut parsed = parse_bytes_as(format, &path, &key, &bytes);
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
                    match page.article(&key) {
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
                batches.ready.push_back(Batch::found(
                    batches.read.get(),
                    ParsedFile {
                        warnings: vec![w],
                        ..ParsedFile::default()
                    },
                ));
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

/// Text of a batch: UTF-8, else Windows-1252 with the file's `Encoding`
/// warning the first time (`warned` remembers).
fn decode(bytes: Vec<u8>, path: &Path, warned: &mut bool, found: &mut ParsedFile) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
            if !*warned {
                *warned = true;
                found.warnings.push(encoding_warning(path));
            }
            text.into_owned()
        }
    }
}

fn encoding_warning(path: &Path) -> Warning {
    Warning::new(
        path,
        None,
        WarningKind::Encoding,
        "not valid UTF-8; decoded as Windows-1252",
    )
}

/// Cuts JSON Lines into batches of whole lines.
struct LineReader {
    path: PathBuf,
    key: String,
    stream: InputStream,
    /// Lines read so far.
    lines: usize,
    warned: bool,
    /// True once a line that is not blank was read.
    any_text: bool,
}

impl LineReader {
    fn new(path: &Path, key: &str, stream: InputStream) -> Self {
        LineReader {
            path: path.to_path_buf(),
            key: key.to_string(),
            stream,
            lines: 0,
            warned: false,
            any_text: false,
        }
    }

    /// Queues the next batch (and, at the end, what the end says); false
    /// when the file is done.
    fn fill(&mut self, ready: &mut VecDeque<Batch>) -> bool {
        let mut buf = Vec::new();
        let mut lines = 0;
        let mut end = None;
        loop {
            match self.stream.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    end = Some(None);
                    break;
                }
                Ok(_) => {
                    lines += 1;
                    if lines >= BATCH_RECORDS || buf.len() >= BATCH_BYTES {
                        break;
                    }
                }
                Err(e) => {
                    end = Some(Some(self.stream.broken(&self.path, &e)));
                    break;
                }
            }
        }
        if self.lines == 0 && buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        let mut found = ParsedFile::default();
        let text = decode(buf, &self.path, &mut self.warned, &mut found);
        let first = self.lines + 1;
        self.lines += text.lines().count();
        self.any_text |= !text.trim().is_empty();
        let read_to = self.stream.file_bytes_read().get();
        if !text.is_empty() || !found.warnings.is_empty() {
            ready.push_back(Batch {
                read_to,
                found,
                work: Work::Lines {
                    path: self.path.clone(),
                    key: self.key.clone(),
                    first,
                    text,
                },
            });
        }
        let Some(broken) = end else {
            return true;
        };
        let mut last = ParsedFile::default();
        last.warnings.extend(broken);
        if !self.any_text {
            last.warnings.push(Warning::new(
                &self.path,
                None,
                WarningKind::Empty,
                "empty file",
            ));
        }
        if !last.warnings.is_empty() {
            ready.push_back(Batch::found(read_to, last));
        }
        false
    }
}

/// Cuts CSV into batches of rows, after reading its header.
struct RowReader {
    path: PathBuf,
    reader: ::csv::Reader<Box<dyn BufRead + Send>>,
    stream_read: Counter,
    /// `None` until the header is read.
    head: Option<Arc<csv::Head>>,
    key: String,
    rows: usize,
    warned: bool,
    /// Why reading stopped, from the stream, when it broke.
    broken: Box<dyn Fn(&std::io::Error) -> Warning + Send>,
}

impl RowReader {
    fn new(path: &Path, key: &str, mut stream: InputStream) -> Self {
        let stream_read = stream.file_bytes_read();
        let mut reader: Box<dyn BufRead + Send> =
            std::mem::replace(&mut stream.reader, Box::new(std::io::empty()));
        if stream.head.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
        let owned_path = path.to_path_buf();
        RowReader {
            path: path.to_path_buf(),
            reader: csv::reader(reader),
            stream_read,
            head: None,
            key: key.to_string(),
            rows: 0,
            warned: false,
            broken: Box::new(move |e| stream.broken(&owned_path, e)),
        }
    }

    /// A row's cells as text: UTF-8, else Windows-1252.
    fn cells(&mut self, row: ::csv::ByteRecord, found: &mut ParsedFile) -> ::csv::StringRecord {
        match ::csv::StringRecord::from_byte_record(row) {
            Ok(row) => row,
            Err(e) => {
                let row = e.into_byte_record();
                if !self.warned {
                    self.warned = true;
                    found.warnings.push(encoding_warning(&self.path));
                }
                row.iter()
                    .map(|cell| {
                        encoding_rs::WINDOWS_1252
                            .decode_without_bom_handling(cell)
                            .0
                    })
                    .collect()
            }
        }
    }

    fn fill(&mut self, ready: &mut VecDeque<Batch>) -> bool {
        let mut found = ParsedFile::default();
        let head = match &self.head {
            Some(head) => head.clone(),
            None => {
                let header = match self.reader.byte_headers() {
                    Ok(h) => Ok(h.clone()),
                    Err(e) => Err(csv::unreadable_header(&self.path, &e)),
                };
                let head = header.and_then(|h| {
                    let names: Vec<String> = self
                        .cells(h, &mut found)
                        .iter()
                        .map(str::to_string)
                        .collect();
                    csv::Head::new(&self.path, &self.key, &names)
                });
                match head {
                    Ok(head) => {
                        let head = Arc::new(head);
                        self.head = Some(head.clone());
                        head
                    }
                    Err(w) => {
                        found.warnings.push(w);
                        ready.push_back(Batch::found(self.stream_read.get(), found));
                        return false;
                    }
                }
            }
        };
        let mut rows = Vec::new();
        let mut bytes = 0;
        let mut row = ::csv::ByteRecord::new();
        let mut end = None;
        while rows.len() < BATCH_RECORDS && bytes < BATCH_BYTES {
            match self.reader.read_byte_record(&mut row) {
                Ok(false) => {
                    end = Some(None);
                    break;
                }
                Ok(true) => {
                    self.rows += 1;
                    bytes += row.as_slice().len();
                    let cells = self.cells(std::mem::take(&mut row), &mut found);
                    rows.push((self.rows, Ok(cells)));
                }
                Err(e) => {
                    if let ::csv::ErrorKind::Io(io) = e.kind() {
                        end = Some(Some((self.broken)(io)));
                        break;
                    }
                    self.rows += 1;
                    rows.push((self.rows, Err(e.to_string())));
                }
            }
        }
        let read_to = self.stream_read.get();
        if !rows.is_empty() || !found.warnings.is_empty() {
            ready.push_back(Batch {
                read_to,
                found,
                work: Work::Rows {
                    head,
                    path: self.path.clone(),
                    rows,
                },
            });
        }
        match end {
            None => true,
            Some(broken) => {
                if let Some(w) = broken {
                    ready.push_back(Batch::found(
                        read_to,
                        ParsedFile {
                            warnings: vec![w],
                            ..ParsedFile::default()
                        },
                    ));
                }
                false
            }
        }
    }
}

/// Cuts a WARC archive into batches of pages, counting the records passed
/// over in the batch they were met in.
struct PageReader {
    items: Items<Box<dyn BufRead + Send>>,
    key: String,
    stream_read: Counter,
}

impl PageReader {
    fn new(path: &Path, key: &str, mut stream: InputStream) -> Self {
        let stream_read = stream.file_bytes_read();
        let reader = std::mem::replace(&mut stream.reader, Box::new(std::io::empty()));
        PageReader {
            items: Items::new(path, reader),
            key: key.to_string(),
            stream_read,
        }
    }

    fn fill(&mut self, ready: &mut VecDeque<Batch>) -> bool {
        let mut found = ParsedFile::default();
        let mut pages = Vec::new();
        let mut bytes = 0;
        let mut stopped = None;
        let mut more = true;
        while pages.len() < BATCH_PAGES && bytes < BATCH_PAGE_BYTES {
            match self.items.next() {
                None => {
                    more = false;
                    break;
                }
                Some(Item::Page(page)) => {
                    bytes += page.size();
                    pages.push(page);
                }
                Some(Item::Skipped(kind)) => found.count_skipped(&kind),
                Some(Item::Stopped(w)) => {
                    stopped = Some(w);
                    more = false;
                    break;
                }
            }
        }
        let read_to = self.stream_read.get();
        if !pages.is_empty() || !found.skipped.is_empty() {
            ready.push_back(Batch {
                read_to,
                found,
                work: Work::Pages {
                    key: self.key.clone(),
                    pages,
                },
            });
        }
        if let Some(w) = stopped {
            ready.push_back(Batch::found(
                read_to,
                ParsedFile {
                    warnings: vec![w],
                    ..ParsedFile::default()
                },
            ));
        }
        more
    }
}
