//! Reading an input file's bytes: whole (for the formats parsed from one
//! buffer) or as a stream (for the formats read record by record, see
//! [`super::stream`]), decompressed when it is gzip, by content whatever
//! its name.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::{ParseError, Warning, WarningKind, BINARY_SAMPLE};

/// Largest size a compressed input read whole is inflated to; past it the
/// file is cut with a warning (a gzip bomb must not take the machine's
/// memory). Streamed inputs need no cap: they are never held whole.
pub const MAX_INFLATED_BYTES: u64 = 2 << 30;

/// Size of the read buffers of a stream.
const BUFFER: usize = 1 << 16;

/// True when `bytes` open with gzip's magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// What the first bytes of a gzip stream decompress to, as far as they go.
pub(crate) fn gunzip_head(head: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(head).take(4096);
    let mut buf = [0u8; 1024];
    while let Ok(n) = dec.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    out
}

/// The bytes of one input file, decompressed when it is gzip (by content,
/// whatever its name). A file cut by the inflation limit or a broken
/// stream keeps what was inflated, with a warning.
pub(crate) fn read_input(path: &Path, warnings: &mut Vec<Warning>) -> Result<Vec<u8>, ParseError> {
    let io = |source| ParseError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    if !is_gzip(&bytes) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(&bytes[..]).take(MAX_INFLATED_BYTES);
    if let Err(e) = dec.read_to_end(&mut out) {
        warnings.push(gzip_broken(path, out.len() as u64, &e));
    } else if out.len() as u64 == MAX_INFLATED_BYTES {
        warnings.push(Warning::new(
            path,
            None,
            WarningKind::Truncated,
            format!("inflates to more than {MAX_INFLATED_BYTES} bytes; read its first ones"),
        ));
    }
    Ok(out)
}

fn gzip_broken(path: &Path, inflated: u64, e: &std::io::Error) -> Warning {
    Warning::new(
        path,
        None,
        WarningKind::Truncated,
        format!("gzip stream broken after {inflated} bytes ({e}); read up to there"),
    )
}

/// A count of bytes read, shared between a reader and whoever watches it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counter(Arc<AtomicU64>);

impl Counter {
    pub(crate) fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A reader that adds what it reads to a [`Counter`].
struct Counting<R> {
    inner: R,
    count: Counter,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A reader that fails once with the error met earlier, then ends: the
/// error of reading a stream's head is reported where it happened.
struct FailOnce(Option<std::io::Error>);

impl Read for FailOnce {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// One input file opened as a stream of its (decompressed) bytes.
pub(crate) struct InputStream {
    /// The bytes, from the first, decompressed.
    pub reader: Box<dyn BufRead + Send>,
    /// The first bytes of the stream (at most [`BINARY_SAMPLE`]), also
    /// still to come from `reader`: for format and binary sniffing.
    pub head: Vec<u8>,
    gzip: bool,
    /// Bytes of the file read so far (compressed, when it is gzip).
    read: Counter,
    /// Bytes that came out of the decompressor (or the file) so far.
    inflated: Counter,
}

impl InputStream {
    /// Opens `path`, reading its head.
    pub(crate) fn open(path: &Path) -> Result<InputStream, ParseError> {
        let io = |source| ParseError::Io {
            path: path.to_path_buf(),
            source,
        };
        let read = Counter::default();
        let inflated = Counter::default();
        let file = std::fs::File::open(path).map_err(io)?;
        let mut file = BufReader::with_capacity(
            BUFFER,
            Counting {
                inner: file,
                count: read.clone(),
            },
        );
        let gzip = is_gzip(file.fill_buf().map_err(io)?);
        let mut body: Box<dyn Read + Send> = if gzip {
            Box::new(Counting {
                inner: flate2::bufread::MultiGzDecoder::new(file),
                count: inflated.clone(),
            })
        } else {
            Box::new(Counting {
                inner: file,
                count: inflated.clone(),
            })
        };
        let mut head = Vec::with_capacity(BINARY_SAMPLE);
        let rest: Box<dyn Read + Send> = match (&mut body)
            .take(BINARY_SAMPLE as u64)
            .read_to_end(&mut head)
        {
            Ok(_) => body,
            Err(e) => Box::new(FailOnce(Some(e))),
        };
        let reader = BufReader::with_capacity(BUFFER, Cursor::new(head.clone()).chain(rest));
        Ok(InputStream {
            reader: Box::new(reader),
            head,
            gzip,
            read,
            inflated,
        })
    }

    /// Bytes of the file read so far.
    pub(crate) fn file_bytes_read(&self) -> Counter {
        self.read.clone()
    }

    /// The warning for a read that failed with `e`: what came before is
    /// kept.
    pub(crate) fn broken(&self, path: &Path, e: &std::io::Error) -> Warning {
        let inflated = self.inflated.get();
        if self.gzip {
            gzip_broken(path, inflated, e)
        } else {
            Warning::new(
                path,
                None,
                WarningKind::Truncated,
                format!("read failed after {inflated} bytes ({e}); read up to there"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = enc.write_all(bytes);
        enc.finish().unwrap_or_default()
    }

    #[test]
    fn a_stream_gives_the_same_bytes_as_a_whole_read() {
        let dir = std::env::temp_dir().join(format!("newsdex-input-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        for (name, bytes) in [("plain.txt", text.clone()), ("z.txt.gz", gzip(&text))] {
            let path = dir.join(name);
            let _ = std::fs::write(&path, &bytes);
            let mut warnings = Vec::new();
            let whole = read_input(&path, &mut warnings).unwrap_or_default();
            assert_eq!(whole, text);
            let Ok(mut stream) = InputStream::open(&path) else {
                panic!("{name} did not open");
            };
            assert_eq!(stream.head, text[..BINARY_SAMPLE]);
            let mut streamed = Vec::new();
            let _ = stream.reader.read_to_end(&mut streamed);
            assert_eq!(streamed, text, "{name}");
            assert_eq!(stream.file_bytes_read().get(), bytes.len() as u64);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_cut_gzip_stream_fails_where_it_is_cut() {
        let dir = std::env::temp_dir().join(format!("newsdex-input-cut-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let text: Vec<u8> = (0..100_000u32)
            .flat_map(|i| format!("{i} ").into_bytes())
            .collect();
        let zipped = gzip(&text);
        let path = dir.join("cut.gz");
        let _ = std::fs::write(&path, &zipped[..zipped.len() / 2]);
        let Ok(mut stream) = InputStream::open(&path) else {
            panic!("did not open");
        };
        let mut streamed = Vec::new();
        let e = stream.reader.read_to_end(&mut streamed).err();
        let Some(e) = e else {
            panic!("a cut stream read to its end");
        };
        assert!(!streamed.is_empty() && streamed.len() < text.len());
        assert_eq!(streamed, text[..streamed.len()]);
        let w = stream.broken(&path, &e);
        assert_eq!(w.kind, WarningKind::Truncated);
        assert!(w.message.starts_with("gzip stream broken after"), "{w}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
