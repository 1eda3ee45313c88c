//! Stored documents read with positioned reads (`pread`) instead of through
//! the index's memory map, for the passes that read many stored documents of
//! a large index after an ingest run (the person fold, the near-duplicate
//! clusters, the rewrite of what they change).
//!
//! Why: a page of a memory-mapped file that a process has read stays in that
//! process's resident set until the map is dropped, so reading the stored
//! documents of a 2 GB index through tantivy's map made the indexing process
//! look 1.5 to 2 GB bigger at its end (BENCHMARKS.md, "Streaming input").
//! A positioned read goes through the page cache as well, but the pages are
//! the kernel's, not mapped into the process: its resident set holds only
//! the blocks being decompressed. Search keeps the map (faster for the few
//! documents a page of hits reads).

use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::footer::Footer;
use tantivy::directory::{FileHandle, FileSlice, OwnedBytes};
use tantivy::index::SegmentComponent;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, HasLen, Searcher, TantivyDocument};

use crate::error::{Error, Result};

/// Decompressed blocks each segment's store keeps (a pass reads documents in
/// address order, so a few suffice).
const CACHE_BLOCKS: usize = 8;

/// The stored documents of the segments a searcher sees, read with `pread`.
pub struct StoredDocs {
    /// One store per segment, in the searcher's segment order.
    stores: Vec<StoreReader>,
}

impl StoredDocs {
    /// The stores of `searcher`'s segments, in the index folder `dir`.
    pub fn open(searcher: &Searcher, dir: &Path) -> Result<StoredDocs> {
        let metas = searcher.index().searchable_segment_metas()?;
        let stores = searcher
            .segment_readers()
            .iter()
            .map(|reader| {
                let meta = metas
                    .iter()
                    .find(|m| m.id() == reader.segment_id())
                    .ok_or_else(|| {
                        tantivy::TantivyError::InternalError(format!(
                            "segment {} is not in the index's last commit",
                            reader.segment_id().uuid_string()
                        ))
                    })?;
                let path = dir.join(meta.relative_path(SegmentComponent::Store));
                let file = File::open(&path)
                    .map_err(|e| Error::io(format!("opening {}", path.display()), e))?;
                let handle = PreadFile::new(file)
                    .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
                // The index's files end in a footer (checksum, version) that
                // tantivy's directory strips before a store reads them.
                let (_, store) = Footer::extract_footer(FileSlice::new(Arc::new(handle)))
                    .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
                StoreReader::open(store, CACHE_BLOCKS)
                    .map_err(|e| Error::io(format!("reading {}", path.display()), e))
            })
            .collect::<Result<_>>()?;
        Ok(StoredDocs { stores })
    }

    /// The stored document at `addr` (an address of the searcher these
    /// stores were opened for).
    pub fn doc(&self, addr: DocAddress) -> Result<TantivyDocument> {
        Ok(self.stores[addr.segment_ord as usize].get(addr.doc_id)?)
    }
}

/// A file read with positioned reads (tantivy-common's `WrapFile` refuses an
/// empty range, which an empty store's footer split can ask for).
#[derive(Debug)]
struct PreadFile {
    file: File,
    len: usize,
}

impl PreadFile {
    fn new(file: File) -> std::io::Result<PreadFile> {
        let len = file.metadata()?.len() as usize;
        Ok(PreadFile { file, len })
    }
}

impl HasLen for PreadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for PreadFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        use std::os::unix::fs::FileExt;
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        let mut buffer = vec![0; end - start];
        self.file.read_exact_at(&mut buffer, start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{document, NewsIndex};
    use tantivy::schema::Value;

    #[test]
    fn reads_the_same_documents_as_the_searcher(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("ix");
        let news = NewsIndex::open_or_create(&path, false)?;
        let f = &news.fields;
        let mut w = news.writer(1, 50_000_000)?;
        // Two commits: two segments, so segment order matters.
        for batch in [0..300, 300..450] {
            for n in batch {
                let a = Article {
                    id: format!("a{n}"),
                    title: format!("Story {n}"),
                    body: format!("Body of story number {n}, with some words to store."),
                    ..Article::default()
                };
                w.add_document(document::to_document(f, &a))?;
            }
            w.commit()?;
        }
        let reader = news.reader()?;
        let searcher = reader.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let stored = StoredDocs::open(&searcher, &path)?;
        let mut seen = 0;
        for (seg, r) in searcher.segment_readers().iter().enumerate() {
            for doc in r.doc_ids_alive() {
                let addr = DocAddress::new(seg as u32, doc);
                let mapped: TantivyDocument = searcher.doc(addr)?;
                let read = stored.doc(addr)?;
                let id = |d: &TantivyDocument| {
                    d.get_first(f.id)
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                };
                assert!(id(&read).is_some());
                assert_eq!(id(&read), id(&mapped));
                assert_eq!(read.field_values().count(), mapped.field_values().count());
                seen += 1;
            }
        }
        assert_eq!(seen, 450);
        Ok(())
    }
}
