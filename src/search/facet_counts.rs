//! Facet counts: exact counts of the values of keyword fast fields among a
//! query's matches, the top values with labels, and the rest summed up.

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{Score, SegmentReader};

use crate::gazetteer;
use crate::schema::{FacetField, Resolve};

/// One value of a facet with its document count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value as stored (canonical id for countries).
    pub value: String,
    /// How to show it (display name for countries; the value otherwise).
    pub label: String,
    pub count: u64,
}

/// The top values of one facet for the current query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetCounts {
    pub facet: FacetField,
    pub values: Vec<FacetValue>,
    /// The sum of the counts of the values outside the top N (a document
    /// with two such values counts twice): not a number of documents.
    pub other: u64,
    /// How many distinct values fell outside the top N.
    pub other_values: u64,
}

/// Exact counts of several facets in one pass over the matches.
///
/// Per segment it counts term ordinals of the keyword fast fields in a
/// plain array (no per-value hashing), and turns only the ordinals that
/// occurred into strings when the segment is done; segments are merged by
/// value. Unlike a terms aggregation it does not cut segments off at
/// `segment_size`, so counts and `other` are exact. Values are ordered by
/// count, then value (as the terms aggregation orders them).
/// (Why this and not tantivy's terms aggregation: BENCHMARKS.md.)
pub struct FacetCollector {
    facets: Vec<FacetField>,
    top: usize,
}

impl FacetCollector {
    /// Count `facets`, keeping the `top` values of each.
    pub fn new(facets: &[FacetField], top: usize) -> FacetCollector {
        FacetCollector {
            facets: facets.to_vec(),
            top,
        }
    }
}

/// Per-segment half of [`FacetCollector`].
pub struct FacetSegmentCollector {
    columns: Vec<Option<(tantivy::columnar::StrColumn, Vec<u32>)>>,
}

impl Collector for FacetCollector {
    type Fruit = Vec<FacetCounts>;
    type Child = FacetSegmentCollector;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let mut columns = Vec::with_capacity(self.facets.len());
        for f in &self.facets {
            let col = reader.fast_fields().str(f.index_field_name())?;
            columns.push(col.map(|c| {
                let n = c.num_terms();
                (c, vec![0u32; n])
            }));
        }
        Ok(FacetSegmentCollector { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Vec<(String, u64)>>>) -> tantivy::Result<Self::Fruit> {
        // Per facet, the segments' (value, count) lists, each in value order.
        let mut per_facet: Vec<Vec<Vec<(String, u64)>>> = vec![Vec::new(); self.facets.len()];
        for fruit in fruits {
            for (i, list) in fruit.into_iter().enumerate() {
                if !list.is_empty() {
                    if let Some(lists) = per_facet.get_mut(i) {
                        lists.push(list);
                    }
                }
            }
        }
        let out = self
            .facets
            .iter()
            .zip(per_facet)
            .map(|(facet, lists)| top_values(*facet, merge_sorted(lists), self.top))
            .collect();
        Ok(out)
    }
}

/// Merge lists of (value, count), each sorted by value, adding the counts of
/// equal values.
fn merge_sorted(lists: Vec<Vec<(String, u64)>>) -> Vec<(String, u64)> {
    let mut merged: Vec<(String, u64)> = Vec::new();
    for mut list in lists {
        if !list.is_sorted_by(|a, b| a.0 <= b.0) {
            list.sort_by(|a, b| a.0.cmp(&b.0));
        }
        if merged.is_empty() {
            merged = list;
            continue;
        }
        let mut out = Vec::with_capacity(merged.len() + list.len());
        let mut left = std::mem::take(&mut merged).into_iter().peekable();
        let mut right = list.into_iter().peekable();
        loop {
            let take_left = match (left.peek(), right.peek()) {
                (Some(l), Some(r)) => match l.0.cmp(&r.0) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Greater => false,
                    std::cmp::Ordering::Equal => {
                        if let (Some((v, a)), Some((_, b))) = (left.next(), right.next()) {
                            out.push((v, a + b));
                        }
                        continue;
                    }
                },
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_left { left.next() } else { right.next() };
            out.extend(next);
        }
        // Equal neighbours (only from an input with repeated values).
        out.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        merged = out;
    }
    merged
}

/// The `top` values by count, then value (0: none); the rest summed into
/// `other` and counted in `other_values`.
fn top_values(facet: FacetField, mut all: Vec<(String, u64)>, top: usize) -> FacetCounts {
    let order = |a: &(String, u64), b: &(String, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    let mut other = 0;
    let mut other_values = 0;
    if all.len() > top {
        if top > 0 {
            all.select_nth_unstable_by(top - 1, order);
        }
        other = all[top..].iter().map(|(_, c)| c).sum();
        other_values = (all.len() - top) as u64;
        all.truncate(top);
    }
    all.sort_unstable_by(order);
    FacetCounts {
        facet,
        values: all
            .into_iter()
            .map(|(value, count)| FacetValue {
                label: label_for(facet, &value),
                value,
                count,
            })
            .collect(),
        other,
        other_values,
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Vec<Vec<(String, u64)>>;

    fn collect(&mut self, doc: u32, _: Score) {
        for (col, counts) in self.columns.iter_mut().flatten() {
            for ord in col.ords().values_for_doc(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|entry| {
                let Some((col, counts)) = entry else {
                    return Vec::new();
                };
                let ords: Vec<u64> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c > 0)
                    .map(|(o, _)| o as u64)
                    .collect();
                let mut values = Vec::with_capacity(ords.len());
                let mut next = ords.iter().map(|&o| u64::from(counts[o as usize]));
                let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let count = next.next().unwrap_or(0);
                    values.push((String::from_utf8_lossy(bytes).into_owned(), count));
                });
                values
            })
            .collect()
    }
}

/// Display label of a stored facet value.
pub fn label_for(facet: FacetField, value: &str) -> String {
    match facet.resolve() {
        Resolve::Country => gazetteer::country_name(value).unwrap_or(value).to_string(),
        Resolve::Person | Resolve::Exact => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_counts_and_top_values() {
        let person = FacetField::named("person").unwrap();
        let l = |v: &[(&str, u64)]| v.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        let merged = merge_sorted(vec![
            l(&[("a", 1), ("c", 5), ("d", 2)]),
            l(&[("b", 3), ("c", 1), ("e", 2)]),
            l(&[("e", 4), ("a", 1)]),
        ]);
        assert_eq!(
            merged,
            l(&[("a", 2), ("b", 3), ("c", 6), ("d", 2), ("e", 6)])
        );
        let top = top_values(person, merged, 3);
        let got: Vec<_> = top
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.count))
            .collect();
        assert_eq!(got, vec![("c", 6), ("e", 6), ("b", 3)]);
        assert_eq!(top.other, 4);
        assert_eq!(top.other_values, 2);
        let all = top_values(person, l(&[("x", 1), ("y", 2)]), 10);
        assert_eq!(all.values.len(), 2);
        assert_eq!((all.other, all.other_values), (0, 0));
        // 0 lists no value; the sums still cover every value.
        let none = top_values(person, l(&[("x", 1), ("y", 2), ("z", 4)]), 0);
        assert!(none.values.is_empty());
        assert_eq!((none.other, none.other_values), (7, 3));
    }

    #[test]
    fn country_names_agree_with_the_gazetteer() {
        use crate::index::document::CountryRef;
        assert!(gazetteer::countries().len() > 200);
        for c in gazetteer::countries() {
            assert_eq!(
                gazetteer::country_name(&c.id),
                Some(c.name.as_str()),
                "{}",
                c.id
            );
            // An exact id resolves to itself (so filters may skip the tables).
            assert_eq!(
                gazetteer::country_by_id(&c.id).map(|g| g.id.as_str()),
                Some(c.id.as_str())
            );
            assert_eq!(
                gazetteer::resolve_country(&c.id).map(|g| g.id.as_str()),
                Some(c.id.as_str())
            );
        }
        assert_eq!(gazetteer::country_name("no-such-country"), None);
        let country = FacetField::named("country").unwrap();
        assert_eq!(label_for(country, "zz-unknown"), "zz-unknown");
        assert_eq!(CountryRef::from_id("usa").name, "United States");
    }
}
