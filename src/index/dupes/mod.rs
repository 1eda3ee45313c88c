//! Near-duplicates: one story, many copies. Wire stories are republished
//! with small edits (a new headline, a local paragraph, a cut); this gives
//! every article the cluster of its copies.
//!
//! Each document carries the LSH band keys of its body's MinHash sketch
//! (`band_keys`, a hidden multi-valued fast field, [`signature`]). After a
//! run's last commit, [`recluster`] reads every document's keys, takes the
//! documents that share a key as candidates, keeps the pairs whose
//! shingle sets overlap enough ([`signature::Overlap::is_copy`]) and whose
//! dates are within [`WINDOW_DAYS`] (undated articles are compared with
//! all), and joins them into clusters (connected components). A cluster's
//! id is its first story's id (earliest date, then smallest id); its
//! members store that id (`cluster`) and the cluster's size (`copies`),
//! both fast fields, and are rewritten when either changes. Since the
//! clusters are computed from the whole index each time, an incremental
//! build and a rebuild give the same clusters, and re-indexing an article
//! or adding a copy later is reflected at the end of that run.

mod cluster;
pub mod signature;

use tantivy::TantivyDocument;

pub use cluster::{recluster, ReclusterReport};

use crate::index::Fields;

/// Copies are compared only when their dates are at most this many days
/// apart: a wire story is republished within hours or days, while the
/// same template a week later (the Fed's weekly operations) is a new story.
pub const WINDOW_DAYS: i64 = 3;

/// Candidate groups larger than this (documents sharing one band key) are
/// left out: such a key is a stock text (a table header, a disclaimer),
/// and comparing every pair in it would cost quadratic time.
pub const MAX_GROUP: usize = 64;

/// Write the near-duplicate fields of a document: its cluster id, the
/// cluster's size and the band keys of `body`.
pub fn add_fields(d: &mut TantivyDocument, f: &Fields, cluster: &str, copies: u64, body: &str) {
    d.add_text(f.cluster, cluster);
    d.add_u64(f.copies, copies);
    add_keys(d, f, body);
}

/// Write the band keys of `body` (none for a short or empty body).
pub fn add_keys(d: &mut TantivyDocument, f: &Fields, body: &str) {
    for key in signature::text_keys(body) {
        d.add_u64(f.band_keys, key);
    }
}
