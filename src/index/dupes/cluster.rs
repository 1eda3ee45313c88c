//! The clustering pass run after an ingest run's last commit: candidates
//! from shared band keys, pairs kept by their shingle overlap and dates,
//! clusters as connected components, and the documents whose cluster or
//! copy count changed rewritten.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::signature::{fingerprint, unpack, Fingerprint, Overlap};
use super::{MAX_GROUP, WINDOW_DAYS};
use crate::error::Result;
use crate::index::columns::{first_str, str_column};
use crate::index::rewrite::Rewrites;
use crate::index::stored::StoredDocs;
use crate::index::NewsIndex;
use crate::schema::names;

/// What a clustering pass found and changed.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ReclusterReport {
    /// Clusters of two or more articles in the index.
    pub clusters: u64,
    /// Articles in those clusters.
    pub clustered_articles: u64,
    /// Pairs that shared a band key and were compared.
    pub compared_pairs: u64,
    /// Articles rewritten because their cluster or copy count changed.
    pub rewritten: u64,
    /// Time the pass took to find the clusters (the rewrite and its commit
    /// are shared with the other passes after a run).
    pub seconds: f64,
}

/// One live document as the pass sees it.
struct Doc {
    addr: DocAddress,
    /// Seconds since the epoch, when dated.
    date: Option<i64>,
    /// Stored copy count (1 for an article alone or first in its cluster).
    copies: u64,
}

/// A candidate as the comparison reads it from its stored fields.
struct Candidate {
    print: Fingerprint,
    id: String,
    /// The cluster it stores now.
    cluster: String,
}

/// Recompute the near-duplicate clusters of the whole index as `searcher`
/// sees it (the run's last commit) and plan, into `rewrites`, the new
/// cluster id and stored copy count of the articles where either changed
/// (a cluster's later copies store its size, its first story 1); the
/// caller writes and commits them (with the other passes' changes, so an
/// article is written once).
pub fn recluster(
    news: &NewsIndex,
    searcher: &Searcher,
    stored: &StoredDocs,
    rewrites: &mut Rewrites,
) -> Result<ReclusterReport> {
    let start = std::time::Instant::now();
    let f = &news.fields;
    let max_docs: usize = searcher
        .segment_readers()
        .iter()
        .map(|r| r.max_doc() as usize)
        .sum();
    let mut docs: Vec<Doc> = Vec::with_capacity(max_docs);
    // One entry per band key and document: the key in the high half, the
    // document's number in `docs` in the low half, so one sort of plain
    // integers groups the documents of each key. Sized once: growing it by
    // doubling copied and zeroed tens of megabytes.
    let mut keyed: Vec<u64> = Vec::with_capacity(max_docs * super::signature::BANDS);
    let mut ids: Vec<StrColumn> = Vec::new();
    for (seg, reader) in searcher.segment_readers().iter().enumerate() {
        let ff = reader.fast_fields();
        let keys: Column<u64> = ff.u64(names::BAND_KEYS)?;
        let copies: Column<u64> = ff.u64(names::COPIES)?;
        let dates: Column<tantivy::DateTime> = ff.date(names::DATE)?;
        // Ids for the rare article read without its text (see `id_of`).
        ids.push(str_column(reader, names::ID)?);
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let n = docs.len() as u32;
            for value in keys.values_for_doc(doc) {
                keyed.extend(unpack(value).map(|k| (u64::from(k) << 32) | u64::from(n)));
            }
            docs.push(Doc {
                addr: DocAddress::new(seg as u32, doc),
                date: dates.first(doc).map(|d| d.into_timestamp_secs()),
                copies: copies.first(doc).unwrap_or(1),
            });
        }
    }

    // Documents sharing a band key are candidates. A radix sort on the key
    // alone (the document numbers of one key stay in order): at 32 keys an
    // article this was the pass's largest step after reading the texts.
    radsort::sort_by_key(&mut keyed, |entry| (entry >> 32) as u32);
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for group in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
        if group.len() < 2 || group.len() > MAX_GROUP {
            continue;
        }
        let doc = |entry: u64| entry as u32;
        for (i, &a) in group.iter().enumerate() {
            let a = doc(a);
            for &b in &group[i + 1..] {
                let b = doc(b);
                if a == b {
                    // Two of its own bands with one 32-bit key: chance.
                    continue;
                }
                let (x, y) = (docs[a as usize].date, docs[b as usize].date);
                let near = match (x, y) {
                    (Some(x), Some(y)) => (x - y).abs() <= WINDOW_DAYS * 86_400,
                    _ => true,
                };
                if near {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();

    // The shingle sets of every candidate, from the stored bodies.
    let mut involved: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    involved.sort_unstable();
    involved.dedup();
    // Their ids and stored clusters come with them (reading those from the
    // fast fields' dictionaries costs more, one block per lookup).
    let sets: HashMap<u32, Candidate> = involved
        .par_iter()
        .map(|&n| -> Result<(u32, Candidate)> {
            let doc: TantivyDocument = stored.doc(docs[n as usize].addr)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
            Ok((
                n,
                Candidate {
                    print: fingerprint(text(f.text_of(&doc).body)),
                    id: text(f.id).to_string(),
                    cluster: text(f.cluster).to_string(),
                },
            ))
        })
        .collect::<Result<_>>()?;
    let copies: Vec<(u32, u32)> = pairs
        .par_iter()
        .copied()
        .filter(|(a, b)| Overlap::of(&sets[a].print, &sets[b].print).is_copy())
        .collect();

    // Clusters: connected components of the copy pairs.
    let mut parent: Vec<u32> = (0..docs.len() as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for &(a, b) in &copies {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for &n in &involved {
        members.entry(root(&mut parent, n)).or_default().push(n);
    }

    let id_of = |n: u32| match sets.get(&n) {
        Some(c) => c.id.clone(),
        None => {
            let addr = docs[n as usize].addr;
            first_str(&ids[addr.segment_ord as usize], addr.doc_id)
        }
    };
    // What every clustered article should store: (cluster id, copies).
    let mut want: HashMap<u32, (String, u64)> = HashMap::new();
    let mut report = ReclusterReport {
        compared_pairs: pairs.len() as u64,
        ..Default::default()
    };
    for group in members.values().filter(|g| g.len() > 1) {
        let first = group
            .iter()
            .map(|&n| {
                (
                    docs[n as usize].date.is_none(),
                    docs[n as usize].date,
                    id_of(n),
                )
            })
            .min()
            .map(|(_, _, id)| id)
            .unwrap_or_default();
        report.clusters += 1;
        report.clustered_articles += group.len() as u64;
        for &n in group {
            // The first story keeps what it was indexed with (its own id,
            // and the count of an article alone): its cluster's size is
            // counted when it is read (`copies_of`), so a cluster found or
            // grown does not write its first story again.
            let size = if id_of(n) == first {
                1
            } else {
                group.len() as u64
            };
            want.insert(n, (first.clone(), size));
        }
    }

    // Rewrite what changed: clustered articles whose stored cluster or count
    // differ, and later copies that left their cluster (a stored count
    // above one).
    let mut rewrite: Vec<(u32, String, u64)> = Vec::new();
    for (n, d) in docs.iter().enumerate() {
        let n = n as u32;
        match want.get(&n) {
            Some((cluster, size)) => {
                // Every clustered article was a candidate, so its stored
                // cluster was read with its text.
                let stored = sets.get(&n).map(|c| c.cluster.as_str()).unwrap_or("");
                if d.copies != *size || stored != cluster {
                    rewrite.push((n, cluster.clone(), *size));
                }
            }
            None if d.copies != 1 => rewrite.push((n, id_of(n), 1)),
            None => {}
        }
    }
    let planned = rewrite.len() as u64;
    for (n, cluster, size) in rewrite {
        rewrites.set_cluster(docs[n as usize].addr, cluster, size);
    }
    report.rewritten = planned;
    report.seconds = start.elapsed().as_secs_f64();
    Ok(report)
}
