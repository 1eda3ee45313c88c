//! `DayCounter`: hits per day from the `date` fast field, for histograms.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{Score, SegmentReader};

/// Counts hits per day from the `date` fast field.
pub struct DayCounter;

/// Per-segment half of `DayCounter`.
pub struct DaySegmentCounter {
    column: Option<Column<tantivy::DateTime>>,
    days: BTreeMap<i64, u64>,
    undated: u64,
}

impl Collector for DayCounter {
    type Fruit = (BTreeMap<i64, u64>, u64);
    type Child = DaySegmentCounter;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(DaySegmentCounter {
            column: reader.fast_fields().date("date").ok(),
            days: BTreeMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = BTreeMap::new();
        let mut undated = 0;
        for (days, u) in fruits {
            undated += u;
            for (d, c) in days {
                *all.entry(d).or_insert(0) += c;
            }
        }
        Ok((all, undated))
    }
}

impl SegmentCollector for DaySegmentCounter {
    type Fruit = (BTreeMap<i64, u64>, u64);

    fn collect(&mut self, doc: u32, _: Score) {
        match self.column.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => {
                let day = d.into_timestamp_secs().div_euclid(86_400);
                *self.days.entry(day).or_insert(0) += 1;
            }
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.days, self.undated)
    }
}
