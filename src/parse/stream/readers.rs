//! The readers that cut a streamed file into [`Batch`]es: JSON Lines by
//! line, CSV by row, WARC by record. They only split and decode; parsing is
//! [`Batch::parse`]'s.

use std::collections::VecDeque;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Batch, Work, BATCH_BYTES, BATCH_PAGES, BATCH_PAGE_BYTES, BATCH_RECORDS};
use crate::parse::input::{Counter, InputStream};
use crate::parse::web::warc::{Item, Items};
use crate::parse::{csv, ParsedFile, Warning, WarningKind};

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
pub(super) struct LineReader {
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
    pub(super) fn new(path: &Path, key: &str, stream: InputStream) -> Self {
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
    pub(super) fn fill(&mut self, ready: &mut VecDeque<Batch>) -> bool {
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
pub(super) struct RowReader {
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
    pub(super) fn new(path: &Path, key: &str, mut stream: InputStream) -> Self {
        let stream_read = stream.file_bytes_read();
        let mut reader: Box<dyn BufRead + Send> =
            std::mem::replace(&mut stream.reader, Box::new(std::io::empty()));
        // The header's names must not start with a byte order mark. The
        // head holds it, so filling the buffer reads no further.
        if stream.head.starts_with(b"\xEF\xBB\xBF") && reader.fill_buf().is_ok() {
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

    pub(super) fn fill(&mut self, ready: &mut VecDeque<Batch>) -> bool {
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
                    ready.push_back(Batch::warning(read_to, w));
                }
                false
            }
        }
    }
}

/// Cuts a WARC archive into batches of pages, counting the records passed
/// over in the batch they were met in.
pub(super) struct PageReader {
    items: Items<Box<dyn BufRead + Send>>,
    key: String,
    stream_read: Counter,
}

impl PageReader {
    pub(super) fn new(path: &Path, key: &str, mut stream: InputStream) -> Self {
        let stream_read = stream.file_bytes_read();
        let reader = std::mem::replace(&mut stream.reader, Box::new(std::io::empty()));
        PageReader {
            items: Items::new(path, reader),
            key: key.to_string(),
            stream_read,
        }
    }

    pub(super) fn fill(&mut self, ready: &mut VecDeque<Batch>) -> bool {
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
            ready.push_back(Batch::warning(read_to, w));
        }
        more
    }
}
