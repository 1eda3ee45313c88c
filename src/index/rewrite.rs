//! Changes to committed articles, gathered from the passes that run after an
//! ingest run's last commit (one person one value, near-duplicate clusters)
//! and written once: the index has no updates, so an article is deleted and
//! added again, and an article both passes change is written once, in one
//! commit, instead of once per pass.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tantivy::columnar::Column;
use tantivy::schema::Value;
use tantivy::{DocAddress, IndexWriter, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::index::stored::StoredDocs;
use crate::index::writer::delete_ids;
use crate::index::Fields;
use crate::schema::names;

/// What to change in one article.
#[derive(Debug, Default, Clone)]
struct Change {
    /// Its person values, replaced.
    people: Option<Vec<String>>,
    /// Its near-duplicate cluster id and copy count, replaced.
    cluster: Option<(String, u64)>,
}

/// Changes planned against one searcher's view of the index.
#[derive(Debug, Default)]
pub struct Rewrites {
    changes: BTreeMap<DocAddress, Change>,
}

impl Rewrites {
    /// Give the article at `addr` these person values.
    pub fn set_people(&mut self, addr: DocAddress, people: Vec<String>) {
        self.changes.entry(addr).or_default().people = Some(people);
    }

    /// Give the article at `addr` this cluster id and copy count.
    pub fn set_cluster(&mut self, addr: DocAddress, cluster: String, copies: u64) {
        self.changes.entry(addr).or_default().cluster = Some((cluster, copies));
    }

    /// Add the changes `other` plans (planned on the same view of the
    /// index); an article both change gets both changes.
    pub fn merge(&mut self, other: Rewrites) {
        for (addr, change) in other.changes {
            let mine = self.changes.entry(addr).or_default();
            if change.people.is_some() {
                mine.people = change.people;
            }
            if change.cluster.is_some() {
                mine.cluster = change.cluster;
            }
        }
    }

    /// Articles to write again.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Write the changed articles through `writer` (not committed), each
    /// once; `searcher` is the view the changes were planned on. Returns how
    /// many were written.
    pub fn apply(
        self,
        searcher: &Searcher,
        stored: &StoredDocs,
        f: &Fields,
        writer: &IndexWriter,
    ) -> Result<u64> {
        if self.changes.is_empty() {
            return Ok(0);
        }
        // The band keys are not stored; they are read back from their fast
        // column rather than computed again from the body.
        let keys: Vec<Column<u64>> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.fast_fields().u64(names::BAND_KEYS))
            .collect::<std::result::Result<_, _>>()?;
        let person = f.named(crate::article::field::PERSON);
        let changes: Vec<(DocAddress, Change)> = self.changes.into_iter().collect();
        let mut written = 0;
        // A chunk at a time: a fold that touches much of a large index holds
        // one chunk of rebuilt documents in memory, not all of them.
        for chunk in changes.chunks(CHUNK) {
            let docs: Vec<(String, TantivyDocument)> = chunk
                .par_iter()
                .map(|(addr, change)| rebuild(stored, f, &keys, person, *addr, change))
                .collect::<Result<_>>()?;
            // The chunk's old copies, before its documents are added (a
            // delete removes only what was added before it).
            let ids = docs.iter().map(|(id, _)| Term::from_field_text(f.id, id));
            delete_ids(writer, ids.collect())?;
            for (_, doc) in docs {
                writer.add_document(doc)?;
                written += 1;
            }
        }
        Ok(written)
    }
}

/// Articles rebuilt at once by [`Rewrites::apply`].
const CHUNK: usize = 2048;

/// The article at `addr` with `change` made: its id and its new document.
fn rebuild(
    stored: &StoredDocs,
    f: &Fields,
    keys: &[Column<u64>],
    person: Option<tantivy::schema::Field>,
    addr: DocAddress,
    change: &Change,
) -> Result<(String, TantivyDocument)> {
    let old: TantivyDocument = stored.doc(addr)?;
    let replaced = |field| {
        (change.people.is_some() && Some(field) == person)
            || (change.cluster.is_some() && (field == f.cluster || field == f.copies))
    };
    let mut doc = TantivyDocument::default();
    for (field, value) in old.field_values() {
        if field != f.band_keys && !replaced(field) {
            doc.add_field_value(field, value);
        }
    }
    for key in keys[addr.segment_ord as usize].values_for_doc(addr.doc_id) {
        doc.add_u64(f.band_keys, key);
    }
    if let (Some(people), Some(person)) = (&change.people, person) {
        for p in people {
            doc.add_text(person, p);
        }
    }
    if let Some((cluster, copies)) = &change.cluster {
        doc.add_text(f.cluster, cluster);
        doc.add_u64(f.copies, *copies);
    }
    let id = old
        .get_first(f.id)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    Ok((id, doc))
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::AllQuery;

    use super::*;
    use crate::article::{field, Article};
    use crate::index::{document, NewsIndex};

    const BODY: &str = "The central bank left interest rates unchanged on Thursday, saying \
        inflation was close to its target and growth had picked up in the third quarter as \
        exports recovered from a slump earlier in the year, officials in the capital said.";

    #[test]
    fn an_article_both_passes_change_is_written_once_with_both_changes_and_its_keys(
    ) -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let news = NewsIndex::open_or_create(&dir.path().join("ix"), false)?;
        let f = &news.fields;
        let mut w = news.writer(1, 50_000_000)?;
        for id in ["a", "b"] {
            let mut a = Article::default().with_values(field::PERSON, ["Reagan"]);
            a.id = id.into();
            a.title = format!("Story {id}");
            a.body = BODY.into();
            w.add_document(document::to_document(f, &a))?;
        }
        w.commit()?;
        let reader = news.reader()?;
        let searcher = reader.searcher();
        let docs = searcher.search(&AllQuery, &TopDocs::with_limit(10).order_by_score())?;
        let addr = |id: &str| {
            docs.iter()
                .map(|&(_, a)| a)
                .find(|&a| {
                    let d: TantivyDocument = searcher.doc(a).unwrap_or_default();
                    d.get_first(f.id).and_then(|v| v.as_str()) == Some(id)
                })
                .expect("indexed")
        };
        // Planned apart, as the two passes do, and joined.
        let mut rewrites = Rewrites::default();
        rewrites.set_people(addr("a"), vec!["Ronald Reagan".into()]);
        let mut clusters = Rewrites::default();
        clusters.set_cluster(addr("a"), "b".into(), 2);
        clusters.set_cluster(addr("b"), "b".into(), 2);
        rewrites.merge(clusters);
        assert_eq!(rewrites.len(), 2);
        let stored = crate::index::stored::StoredDocs::open(&searcher, &dir.path().join("ix"))?;
        assert_eq!(rewrites.apply(&searcher, &stored, f, &w)?, 2);
        w.commit()?;
        reader.reload()?;
        let searcher = reader.searcher();
        assert_eq!(searcher.num_docs(), 2);
        let person = f.named(field::PERSON).expect("person field");
        let keys = crate::index::dupes::signature::text_keys(BODY);
        assert!(!keys.is_empty());
        for (seg, r) in searcher.segment_readers().iter().enumerate() {
            let column = r.fast_fields().u64(names::BAND_KEYS)?;
            for doc in r.doc_ids_alive() {
                let d: TantivyDocument = searcher.doc(DocAddress::new(seg as u32, doc))?;
                let text = |field| d.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
                let want = if text(f.id) == "a" {
                    "Ronald Reagan"
                } else {
                    "Reagan"
                };
                assert_eq!(text(person), want);
                assert_eq!(d.get_all(person).count(), 1);
                assert_eq!(text(f.cluster), "b");
                assert_eq!(d.get_first(f.copies).and_then(|v| v.as_u64()), Some(2));
                let mut stored: Vec<u64> = column.values_for_doc(doc).collect();
                let mut expected = keys.clone();
                stored.sort_unstable();
                expected.sort_unstable();
                assert_eq!(stored, expected, "band keys kept through the rewrite");
            }
        }
        Ok(())
    }
}
