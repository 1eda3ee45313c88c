//! The passes over the whole index after an ingest run's last commit: one
//! person one value ([`super::people`]) and the near-duplicate clusters
//! ([`crate::index::dupes`]). Both plan their changes against the same
//! view of the index; the changed articles are then written once, in one
//! commit (an article both passes change is not written twice).

use tantivy::{IndexReader, IndexWriter};

use super::people::{self, PeopleFolded};
use crate::error::Result;
use crate::extract::people::canonical::SurnameEvidence;
use crate::index::dupes::{self, ReclusterReport};
use crate::index::rewrite::Rewrites;
use crate::index::stored::StoredDocs;
use crate::index::NewsIndex;

/// What the passes after a run found and changed.
#[derive(Debug, Default)]
pub struct Settled {
    /// The person fold, when it ran.
    pub people: Option<PeopleFolded>,
    /// The clustering pass, when it ran.
    pub duplicates: Option<ReclusterReport>,
    /// Whether the changes were committed (there were some).
    pub committed: bool,
}

/// Run the passes on the index as `reader` sees it after a reload: the
/// person fold when `evidence` is given, the clusters when `near_duplicates`;
/// write and commit what they change through `writer`.
pub fn settle(
    news: &NewsIndex,
    reader: &IndexReader,
    writer: &mut IndexWriter,
    evidence: Option<&SurnameEvidence>,
    near_duplicates: bool,
) -> Result<Settled> {
    reader.reload()?;
    let searcher = reader.searcher();
    // Read with pread, not through the map: see `index::stored`.
    let stored = StoredDocs::open(&searcher, &news.path)?;
    let mut settled = Settled::default();
    // The two passes only read the index, each planning its own changes, so
    // they run at once; their plans are joined before anything is written.
    let (people, duplicates) = rayon::join(
        || -> Result<Option<(PeopleFolded, Rewrites)>> {
            let Some(evidence) = evidence else {
                return Ok(None);
            };
            let mut planned = Rewrites::default();
            let folded =
                people::fold_people(&searcher, &stored, &news.fields, &mut planned, evidence)?;
            Ok(Some((folded, planned)))
        },
        || -> Result<Option<(ReclusterReport, Rewrites)>> {
            if !near_duplicates {
                return Ok(None);
            }
            let mut planned = Rewrites::default();
            let report = dupes::recluster(news, &searcher, &stored, &mut planned)?;
            Ok(Some((report, planned)))
        },
    );
    let mut rewrites = Rewrites::default();
    if let Some((folded, planned)) = people? {
        settled.people = Some(folded);
        rewrites.merge(planned);
    }
    if let Some((report, planned)) = duplicates? {
        settled.duplicates = Some(report);
        rewrites.merge(planned);
    }
    if !rewrites.is_empty() {
        rewrites.apply(&searcher, &stored, &news.fields, writer)?;
        writer.commit()?;
        settled.committed = true;
        reader.reload()?;
    }
    if let Some(p) = settled.people.as_mut() {
        p.values_after = people::count_values(&reader.searcher(), &news.fields)?;
    }
    Ok(settled)
}
