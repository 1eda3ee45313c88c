//! `newsdex optimize`: merge an index's segments down to a few, once, after
//! a build whose merges were capped (`index::merge`), so that searches visit
//! fewer segments (BENCHMARKS.md, "What the merge cap costs searches": 18
//! segments searched about 2.3x slower than one).
//!
//! The merges take the index's writer lock, so no build runs meanwhile, and
//! they purge the deleted documents (articles a later run replaced). A merge
//! writes its new segment before the old ones are removed: it needs free disk
//! space of about the size of the segments it merges.

use std::num::NonZeroUsize;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::NoMergePolicy;

use crate::error::Result;
use crate::index::writer::disk_full_or;
use crate::index::{size_on_disk, NewsIndex};

/// Above this many segments `newsdex stats` suggests `newsdex optimize`:
/// with merges capped at 100,000 documents, an index of about 450,000
/// articles has this many (897,498 had 18, and searched 2.3x slower).
pub const MANY_SEGMENTS: usize = 8;

/// What [`optimize`] did.
#[derive(Debug, Clone, Serialize)]
pub struct OptimizeReport {
    pub index: String,
    /// The most segments asked for.
    pub max_segments: usize,
    pub segments_before: usize,
    pub segments_after: usize,
    /// Merges run (0: the index had at most `max_segments` already).
    pub merges: usize,
    /// Live documents before and after (a merge keeps every one).
    pub documents_before: u64,
    pub documents_after: u64,
    /// Deleted documents still held in segments (articles replaced by a
    /// later run) before and after; a merge leaves none in its segment.
    pub deleted_before: u64,
    pub deleted_after: u64,
    /// Bytes of every file in the index folder.
    pub bytes_before: u64,
    pub bytes_after: u64,
    pub seconds: f64,
}

/// Merge the segments of the index at `path` until at most `max_segments`
/// remain, then delete the files no segment uses any more. When the index
/// has `max_segments` or fewer it is left as it is (`merges` is 0).
///
/// Fails with [`Locked`](crate::error::Error::Locked) while another process
/// writes the index, [`NoIndex`](crate::error::Error::NoIndex) where there is
/// none, [`DiskFull`](crate::error::Error::DiskFull) when a merge runs out of
/// space (the index stays at its last state: a merge replaces its segments
/// only once the new one is written).
pub fn optimize(path: &Path, max_segments: NonZeroUsize) -> Result<OptimizeReport> {
    let start = Instant::now();
    let news = NewsIndex::open(path)?;
    // The smallest writer: it adds nothing, it only holds the lock and runs
    // the merges.
    let mut writer = news.writer(1, 0)?;
    // No merges but ours, and none started when ours end.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    // Read after taking the lock, so no writer changes them meanwhile.
    let before = news.index.searchable_segment_metas()?;
    let bytes_before = size_on_disk(path);
    let groups = plan(&before, max_segments.get());
    let (segments_before, documents_before, deleted_before) =
        (before.len(), live(&before), deleted(&before));
    // tantivy keeps the files of every segment meta alive in the process
    // (its inventory), so holding these would keep the merged segments'
    // files from being collected.
    drop(before);
    let failed = |e: tantivy::TantivyError| disk_full_or(path, e.into());
    // One merge at a time: a merge maps the segments it reads, and those
    // pages count in the process's resident set until it ends.
    for group in &groups {
        writer.merge(group).wait().map_err(failed)?;
    }
    if !groups.is_empty() {
        // tantivy collects after each merge, but files of metas this
        // process held then were kept; collect once more.
        writer.garbage_collect_files().wait().map_err(failed)?;
    }
    writer.wait_merging_threads().map_err(failed)?;
    let after = news.index.searchable_segment_metas()?;
    Ok(OptimizeReport {
        index: path.display().to_string(),
        max_segments: max_segments.get(),
        segments_before,
        segments_after: after.len(),
        merges: groups.len(),
        documents_before,
        documents_after: live(&after),
        deleted_before,
        deleted_after: deleted(&after),
        bytes_before,
        bytes_after: size_on_disk(path),
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Live documents in `segments`.
fn live(segments: &[SegmentMeta]) -> u64 {
    segments.iter().map(|s| u64::from(s.num_docs())).sum()
}

/// Deleted documents still held in `segments`.
fn deleted(segments: &[SegmentMeta]) -> u64 {
    segments
        .iter()
        .map(|s| u64::from(s.num_deleted_docs()))
        .sum()
}

/// The merges that leave at most `max` segments: each group of two or more
/// segment ids becomes one segment; a segment in no group is left as it is.
///
/// Segments are dealt, largest first, each to the group with the fewest
/// live documents so far (longest-processing-time scheduling). Why: search
/// time follows the number of segments, so for a given `max` what is left to
/// choose is the merges' own cost. Balanced groups keep the largest merge,
/// and so the most index pages one merge maps, near the smallest `max`
/// allows; and when only a few segments are over `max`, the smallest ones
/// end up paired, so the large segments are not rewritten for nothing.
/// Sizes count live documents, those the merged segment will hold.
fn plan(segments: &[SegmentMeta], max: usize) -> Vec<Vec<SegmentId>> {
    if segments.len() <= max {
        return Vec::new();
    }
    let mut sized: Vec<(u32, SegmentId)> =
        segments.iter().map(|m| (m.num_docs(), m.id())).collect();
    // Ties by id, so the same index always gets the same plan.
    sized.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut groups: Vec<(u64, Vec<SegmentId>)> = vec![(0, Vec::new()); max];
    for (docs, id) in sized {
        // `max` is at least 1 (the caller's NonZeroUsize), so there is a minimum.
        if let Some(g) = groups.iter_mut().min_by_key(|(total, _)| *total) {
            g.0 += u64::from(docs);
            g.1.push(id);
        }
    }
    groups
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| ids.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metas of segments holding `docs` live documents each (none deleted).
    fn metas(docs: &[u32]) -> Vec<SegmentMeta> {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        docs.iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn docs_of(groups: &[Vec<SegmentId>], segs: &[SegmentMeta]) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = groups
            .iter()
            .map(|g| {
                let mut d: Vec<u32> = g
                    .iter()
                    .map(|id| segs.iter().find(|m| m.id() == *id).unwrap().num_docs())
                    .collect();
                d.sort_unstable();
                d
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn nothing_to_merge_when_at_most_max_segments() {
        assert!(plan(&metas(&[5, 6, 7]), 3).is_empty());
        assert!(plan(&metas(&[5, 6, 7]), 10).is_empty());
        assert!(plan(&[], 1).is_empty());
    }

    #[test]
    fn one_segment_merges_everything() {
        let segs = metas(&[100, 3, 50, 7]);
        assert_eq!(docs_of(&plan(&segs, 1), &segs), vec![vec![3, 7, 50, 100]]);
    }

    #[test]
    fn one_over_pairs_the_two_smallest() {
        let segs = metas(&[100_000, 100_000, 90_000, 4_000, 2_000]);
        assert_eq!(docs_of(&plan(&segs, 4), &segs), vec![vec![2_000, 4_000]]);
    }

    #[test]
    fn groups_are_balanced() {
        // 18 segments of a capped build into 4: no group over 5 segments'
        // worth, and every segment in exactly one group.
        let sizes = [
            100_000, 99_000, 98_000, 97_000, 96_000, 95_000, 94_000, 93_000, 92_000, 91_000,
            90_000, 89_000, 88_000, 87_000, 86_000, 85_000, 12_000, 3_000,
        ];
        let segs = metas(&sizes);
        let groups = plan(&segs, 4);
        assert_eq!(groups.len(), 4);
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), 18);
        let totals: Vec<u32> = docs_of(&groups, &segs)
            .iter()
            .map(|g| g.iter().sum())
            .collect();
        let (lo, hi) = (totals.iter().min().unwrap(), totals.iter().max().unwrap());
        assert!(hi - lo <= 100_000, "unbalanced: {totals:?}");
    }
}
