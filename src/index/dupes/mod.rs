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
//! members store that id (`cluster`), both fast fields, and its later
//! copies the cluster's size (`copies`); they are rewritten when either
//! changes. The first story stores 1, as when it was indexed, so finding or
//! growing a cluster does not write it again: its size is counted when it
//! is read ([`copies_of`], [`cluster_size`]). Since the
//! clusters are computed from the whole index each time, an incremental
//! build and a rebuild give the same clusters, and re-indexing an article
//! or adding a copy later is reflected at the end of that run.

mod cluster;
pub mod signature;

use std::collections::HashMap;

use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

pub use cluster::{recluster, ReclusterReport};

use crate::index::columns::{first_str, str_column};
use crate::index::Fields;
use crate::schema::names;

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

/// Live articles in the cluster `cluster` (at least 1: an article is its
/// own cluster).
pub fn cluster_size(searcher: &Searcher, f: &Fields, cluster: &str) -> tantivy::Result<u64> {
    let term = Term::from_field_text(f.cluster, cluster);
    // The term's document frequency counts deleted articles too, so it
    // only tells when there is nothing to count.
    if searcher.doc_freq(&term)? < 2 {
        return Ok(1);
    }
    let live = searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)?;
    Ok((live as u64).max(1))
}

/// Articles in the cluster of the stored document `doc`, itself included:
/// the count its later copies store, counted for a cluster's first story
/// (which stores 1).
pub fn copies_of(searcher: &Searcher, f: &Fields, doc: &TantivyDocument) -> tantivy::Result<u64> {
    let stored = doc
        .get_first(f.copies)
        .and_then(|v| v.as_u64())
        .unwrap_or(1);
    if stored >= 2 {
        return Ok(stored);
    }
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
    let id = text(f.id);
    if id.is_empty() || text(f.cluster) != id {
        return Ok(stored.max(1));
    }
    cluster_size(searcher, f, id)
}

/// `doc` with its `copies` value as [`copies_of`] counts it: what the
/// read side shows and exports.
pub fn with_copies(
    searcher: &Searcher,
    f: &Fields,
    doc: TantivyDocument,
) -> tantivy::Result<TantivyDocument> {
    let copies = copies_of(searcher, f, &doc)?;
    if doc.get_first(f.copies).and_then(|v| v.as_u64()) == Some(copies) {
        return Ok(doc);
    }
    let mut out = TantivyDocument::default();
    for (field, value) in doc.field_values() {
        if field != f.copies {
            out.add_field_value(field, value);
        }
    }
    out.add_u64(f.copies, copies);
    Ok(out)
}

/// Every cluster of two or more articles in the index as `searcher` sees
/// it, with its size: read from the later copies, which store both.
pub fn index_clusters(searcher: &Searcher) -> tantivy::Result<HashMap<String, u64>> {
    let mut sizes = HashMap::new();
    for reader in searcher.segment_readers() {
        let copies = reader.fast_fields().u64(names::COPIES)?;
        let clusters = str_column(reader, names::CLUSTER)?;
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            let n = copies.first(doc).unwrap_or(1);
            if n >= 2 && !alive.is_some_and(|a| a.is_deleted(doc)) {
                sizes.insert(first_str(&clusters, doc), n);
            }
        }
    }
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Value;

    use super::*;
    use crate::article::Article;
    use crate::index::rewrite::Rewrites;
    use crate::index::stored::StoredDocs;
    use crate::index::{document, NewsIndex};

    const BODY: &str = "The central bank left interest rates unchanged on Thursday, saying \
        inflation was close to its target and growth had picked up in the third quarter as \
        exports recovered from a slump earlier in the year, officials in the capital said. \
        Economists had expected the decision after a run of firm data on jobs and spending.";

    fn article(id: &str, day: u32, body: &str) -> Article {
        Article {
            id: id.into(),
            title: format!("Story {id}"),
            body: body.into(),
            date: chrono::NaiveDate::from_ymd_opt(2021, 3, day)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|d| d.and_utc()),
            ..Article::default()
        }
    }

    /// (id, stored cluster, stored copies, counted copies) of every article.
    fn state(news: &NewsIndex, searcher: &Searcher) -> Vec<(String, String, u64, u64)> {
        let f = &news.fields;
        let mut out = Vec::new();
        for (seg, r) in searcher.segment_readers().iter().enumerate() {
            for doc in r.doc_ids_alive() {
                let d: TantivyDocument = searcher
                    .doc(tantivy::DocAddress::new(seg as u32, doc))
                    .expect("stored");
                let text = |field| d.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
                out.push((
                    text(f.id).to_string(),
                    text(f.cluster).to_string(),
                    d.get_first(f.copies).and_then(|v| v.as_u64()).unwrap_or(0),
                    copies_of(searcher, f, &d).expect("counted"),
                ));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_clusters_first_story_is_not_written_again_and_its_size_is_counted(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let news = NewsIndex::open_or_create(&dir.path().join("ix"), false)?;
        let f = &news.fields;
        let mut w = news.writer(1, 50_000_000)?;
        let reader = news.reader()?;
        let settle = |w: &mut tantivy::IndexWriter| -> Result<u64, Box<dyn std::error::Error>> {
            reader.reload()?;
            let searcher = reader.searcher();
            let stored = StoredDocs::open(&searcher, &dir.path().join("ix"))?;
            let mut planned = Rewrites::default();
            recluster(&news, &searcher, &stored, &mut planned)?;
            let n = planned.len() as u64;
            planned.apply(&searcher, &stored, f, w)?;
            w.commit()?;
            reader.reload()?;
            Ok(n)
        };
        let copy = format!("{BODY} A spokesman declined to comment.");
        let other = "A storm closed schools and roads across the north of the country on \
            Monday, and forecasters warned of more snow and high winds into the week ahead \
            as crews worked to clear the main routes and restore power to thousands.";
        for a in [
            article("a", 2, BODY),
            article("b", 3, &copy),
            article("z", 2, other),
        ] {
            w.add_document(document::to_document(f, &a))?;
        }
        w.commit()?;
        // Only the later copy is written again: the first keeps (a, 1).
        assert_eq!(settle(&mut w)?, 1);
        let s = state(&news, &reader.searcher());
        assert_eq!(
            s,
            vec![
                ("a".into(), "a".into(), 1, 2),
                ("b".into(), "a".into(), 2, 2),
                ("z".into(), "z".into(), 1, 1),
            ]
        );
        assert_eq!(index_clusters(&reader.searcher())?.get("a"), Some(&2));

        // A third copy grows the cluster: the first is still not written.
        w.add_document(document::to_document(f, &article("c", 4, &copy)))?;
        w.commit()?;
        assert_eq!(settle(&mut w)?, 2);
        let s = state(&news, &reader.searcher());
        assert_eq!(s[0], ("a".into(), "a".into(), 1, 3));
        assert_eq!(s[2], ("c".into(), "a".into(), 3, 3));

        // An earlier copy becomes the first: the old first joins its cluster,
        // the new first keeps what it was indexed with.
        w.add_document(document::to_document(f, &article("0", 1, &copy)))?;
        w.commit()?;
        settle(&mut w)?;
        let s = state(&news, &reader.searcher());
        assert_eq!(s[0], ("0".into(), "0".into(), 1, 4));
        assert_eq!(s[1], ("a".into(), "0".into(), 4, 4));

        // The first re-indexed with another text: the cluster is re-formed
        // around the next copy, and the old first is alone.
        let mut alone = article("0", 1, other);
        alone.body = "Nothing in common with the rest.".into();
        w.delete_term(Term::from_field_text(f.id, "0"));
        w.add_document(document::to_document(f, &alone))?;
        w.commit()?;
        settle(&mut w)?;
        let s = state(&news, &reader.searcher());
        assert_eq!(s[0], ("0".into(), "0".into(), 1, 1));
        assert_eq!(s[1], ("a".into(), "a".into(), 1, 3));
        assert_eq!(s[2], ("b".into(), "a".into(), 3, 3));
        Ok(())
    }
}
