//! The writer's merge policy: tantivy's log merge policy with a cap on the
//! documents one merge may produce.
//!
//! Why a cap: a merge reads its segments whole through tantivy's memory map,
//! and every page it reads counts in the indexing process's resident set
//! until the merge ends. Uncapped, the merges of a large run grow with the
//! index (a merge at the end of an 800 MB JSON Lines run read 800 MB of
//! mapped pages: BENCHMARKS.md, "Streaming input"), so peak memory grew
//! with the input. Capped, the largest merge, and the pages it maps, is the
//! same for any input; a large index keeps more segments (a search visits
//! each).

use tantivy::index::SegmentMeta;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Most documents one merge produces: about 240 MB of index for articles of
/// 2 KB; an index of a million articles keeps ten segments or more.
pub const MAX_MERGE_DOCS: u32 = 100_000;

/// Log merges (tantivy's default), none producing more than `max_docs`.
#[derive(Debug)]
pub struct CappedMerges {
    log: LogMergePolicy,
    max_docs: u32,
}

impl CappedMerges {
    /// Merges of at most `max_docs` documents.
    pub fn new(max_docs: u32) -> CappedMerges {
        let mut log = LogMergePolicy::default();
        // Segments already past the cap are left alone.
        log.set_max_docs_before_merge(max_docs as usize);
        CappedMerges { log, max_docs }
    }
}

impl Default for CappedMerges {
    fn default() -> CappedMerges {
        CappedMerges::new(MAX_MERGE_DOCS)
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|candidate| {
                // The smallest segments of the candidate, while they fit.
                let mut sizes: Vec<(u32, _)> = candidate
                    .0
                    .iter()
                    .filter_map(|id| segments.iter().find(|m| m.id() == *id))
                    .map(|m| (m.num_docs(), m.id()))
                    .collect();
                sizes.sort_unstable_by_key(|&(docs, _)| docs);
                let mut total = 0u64;
                let kept: Vec<_> = sizes
                    .into_iter()
                    .take_while(|&(docs, _)| {
                        total += u64::from(docs);
                        total <= u64::from(self.max_docs)
                    })
                    .map(|(_, id)| id)
                    .collect();
                (kept.len() > 1).then_some(MergeCandidate(kept))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::{document, NewsIndex};

    #[test]
    fn no_merge_produces_more_than_the_cap() -> std::result::Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let news = NewsIndex::open_or_create(&dir.path().join("ix"), false)?;
        let f = &news.fields;
        let mut w = news.writer(1, 50_000_000)?;
        // A cap of 25 documents over twenty commits of 10: uncapped, the log
        // policy would merge eight segments of 10 into one of 80.
        w.set_merge_policy(Box::new(CappedMerges::new(25)));
        for commit in 0..20 {
            for n in 0..10 {
                let a = Article {
                    id: format!("a{commit}-{n}"),
                    title: format!("Story {n}"),
                    body: "Words to index.".into(),
                    ..Article::default()
                };
                w.add_document(document::to_document(f, &a))?;
            }
            w.commit()?;
        }
        w.wait_merging_threads()?;
        let metas = news.index.searchable_segment_metas()?;
        assert_eq!(metas.iter().map(|m| m.num_docs()).sum::<u32>(), 200);
        assert!(metas.iter().all(|m| m.num_docs() <= 25), "{metas:?}");
        assert!(
            metas.len() < 20,
            "some segments were merged: {}",
            metas.len()
        );
        Ok(())
    }
}
