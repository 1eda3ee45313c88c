//! The writer handle of an index: opening tantivy's `IndexWriter` (which
//! takes the index's writer lock) and telling a full disk from other write
//! failures. What to write and when to commit is the ingest pipeline's
//! business (`crate::ingest`).

use std::path::Path;

use tantivy::query::TermSetQuery;
use tantivy::{IndexWriter, Term};

use crate::error::{Error, Result};
use crate::index::{open_error, NewsIndex};

/// Most bytes one tantivy writer thread may be given (its arena is indexed
/// by `u32`, less a 1 MB margin; tantivy does not export the constant).
pub const MAX_BYTES_PER_THREAD: usize = u32::MAX as usize - 1_000_001;

/// Most writer threads newsdex starts.
pub const MAX_THREADS: usize = 8;

impl NewsIndex {
    /// A writer with `threads` indexing threads (clamped to 1..=8) sharing
    /// `memory_bytes` (raised to tantivy's minimum of 15 MB per thread).
    /// Fails with [`Error::Locked`] when another process is writing.
    pub fn writer(&self, threads: usize, memory_bytes: usize) -> Result<IndexWriter> {
        let threads = threads.clamp(1, MAX_THREADS);
        // Each thread's share must stay under tantivy's per-thread cap.
        let cap = threads * MAX_BYTES_PER_THREAD;
        let budget = memory_bytes.max(15_000_000 * threads).min(cap);
        let writer: IndexWriter = self
            .index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| open_error(&self.path, e))?;
        // Merges of bounded size: see `index::merge`.
        writer.set_merge_policy(Box::new(super::merge::CappedMerges::default()));
        Ok(writer)
    }
}

/// Delete the articles holding any of `ids` (terms of the id field) and
/// added before this call, by one query: the way to delete many articles at
/// once. A `delete_term` per article keeps its query weight, about 3.5 KB,
/// in tantivy's delete queue until the commit, hundreds of megabytes for a
/// big rewrite or a file indexed again (BENCHMARKS.md, "Streaming input").
/// Nothing is queued when `ids` is empty.
pub fn delete_ids(writer: &IndexWriter, ids: Vec<Term>) -> Result<()> {
    if !ids.is_empty() {
        writer.delete_query(Box::new(TermSetQuery::new(ids)))?;
    }
    Ok(())
}

/// The error to report when adding or committing failed. A full disk
/// becomes [`Error::DiskFull`] (one line that says the index is intact at
/// its last commit and what to do). When an indexing thread died, tantivy's
/// `add_document` only says "the index writer was killed"; the thread's own
/// error (such as ENOSPC) comes out of joining it, which `prepare_commit`
/// does. That commit cannot succeed once a worker has died, and is aborted
/// if it somehow does, so nothing after the last commit is published.
pub fn write_failure(dir: &Path, e: Error, writer: &mut IndexWriter) -> Error {
    if crate::error::is_disk_full(&e) {
        return Error::DiskFull {
            path: dir.to_path_buf(),
        };
    }
    if matches!(e, Error::Tantivy(tantivy::TantivyError::ErrorInThread(_))) {
        match writer.prepare_commit() {
            Err(cause) if crate::error::is_disk_full(&cause) => {
                return Error::DiskFull {
                    path: dir.to_path_buf(),
                }
            }
            Err(_) => {}
            Ok(prepared) => {
                let _ = prepared.abort();
            }
        }
        // With several writer threads the failed one may not be the one
        // joined first, and its error is lost; ask the disk directly.
        if no_space_left(dir) {
            return Error::DiskFull {
                path: dir.to_path_buf(),
            };
        }
    }
    e
}

/// True when a 64 KiB probe file cannot be written in `dir` for lack of
/// space (the probe is removed again).
fn no_space_left(dir: &Path) -> bool {
    use std::io::Write;
    let probe = dir.join(".newsdex-space-probe");
    let written = std::fs::File::create(&probe).and_then(|mut f| {
        f.write_all(&[0u8; 64 * 1024])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    matches!(written, Err(e) if crate::error::is_disk_full(&e))
}

/// `e`, or [`Error::DiskFull`] when it is a full disk.
pub fn disk_full_or(dir: &Path, e: Error) -> Error {
    if crate::error::is_disk_full(&e) {
        Error::DiskFull {
            path: dir.to_path_buf(),
        }
    } else {
        e
    }
}
