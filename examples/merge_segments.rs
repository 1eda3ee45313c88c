//! Merges every segment of a newsdex index into one and prints how long it
//! took: the merged index that `query_latency` is compared against when
//! merges are capped (BENCHMARKS.md, "What the merge cap costs searches").
//!
//! usage: cargo run --release --example merge_segments -- INDEX_DIR

use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("usage: merge_segments INDEX_DIR"))?,
    );
    // Opened as newsdex does first, so a folder that is no newsdex index is refused.
    newsdex::index::NewsIndex::open(&dir)?;
    let index = tantivy::Index::open_in_dir(&dir)?;
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 100_000_000)?;
    let segments = index.searchable_segment_ids()?;
    let start = Instant::now();
    writer.merge(&segments).wait()?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "merged {} segments into one in {:.1} s",
        segments.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
