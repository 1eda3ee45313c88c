//! `newsdex check`: verifies an index without changing it.
//!
//! Four checks, in order: the index opens with newsdex's schema (see
//! [`NewsIndex::open`]); every file of every live segment passes tantivy's
//! checksum ([`tantivy::Index::validate_checksum`]: a flipped byte anywhere in
//! a `.store`, `.idx`, `.pos`, `.term`, `.fast` ... file is found); every
//! live document has an `id`; and no id is held by two live documents (read
//! from the `id` fast field, segment by segment). A problem found by one check
//! does not stop the others, except that a segment whose files cannot be
//! opened cannot have its ids read.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::index::NewsIndex;

/// Duplicate ids listed by name in the report (all are counted).
const DUPLICATES_SHOWN: usize = 20;

/// What `newsdex check` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub index: String,
    /// Live documents.
    pub documents: u64,
    pub segments: usize,
    /// Files whose checksum does not match their content.
    pub corrupted_files: Vec<String>,
    /// Live documents without an id.
    pub missing_ids: u64,
    /// Live documents whose id another live document also has.
    pub duplicate_ids: u64,
    /// Up to 20 of the duplicated ids.
    pub duplicate_examples: Vec<String>,
    /// Every problem, one line each; empty when the index is healthy.
    pub problems: Vec<String>,
    /// True when no check found a problem.
    pub healthy: bool,
}

impl CheckReport {
    /// True when no check found a problem.
    pub fn healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the index at `path`. Errors only when it cannot be opened at all
/// (no index, another schema); every other problem is in the report.
pub fn check(path: &Path) -> Result<CheckReport> {
    let mut report = run_checks(path)?;
    report.healthy = report.healthy();
    Ok(report)
}

fn run_checks(path: &Path) -> Result<CheckReport> {
    let news = NewsIndex::open(path)?;
    let mut report = CheckReport {
        index: path.display().to_string(),
        ..CheckReport::default()
    };
    match news.index.validate_checksum() {
        Ok(damaged) => {
            let mut damaged: Vec<String> =
                damaged.iter().map(|p| p.display().to_string()).collect();
            damaged.sort();
            for f in &damaged {
                report
                    .problems
                    .push(format!("{f}: checksum mismatch (the file is corrupted)"));
            }
            report.corrupted_files = damaged;
        }
        Err(e) => report
            .problems
            .push(format!("cannot verify checksums: {e}")),
    }
    let searcher = match news.reader() {
        Ok(reader) => reader.searcher(),
        Err(e) => {
            report
                .problems
                .push(format!("cannot open the segments: {e}"));
            return Ok(report);
        }
    };
    report.documents = searcher.num_docs();
    report.segments = searcher.segment_readers().len();
    let mut ids: HashSet<String> = HashSet::with_capacity(report.documents as usize);
    let mut value = String::new();
    for (n, segment) in searcher.segment_readers().iter().enumerate() {
        let column = match segment.fast_fields().str("id") {
            Ok(Some(column)) => column,
            Ok(None) => {
                report.missing_ids += u64::from(segment.num_docs());
                continue;
            }
            Err(e) => {
                report
                    .problems
                    .push(format!("segment {n}: cannot read the id column: {e}"));
                continue;
            }
        };
        for doc in segment.doc_ids_alive() {
            let mut count = 0;
            for ord in column.term_ords(doc) {
                count += 1;
                value.clear();
                match column.ord_to_str(ord, &mut value) {
                    Ok(true) => {
                        if !ids.insert(value.clone()) {
                            report.duplicate_ids += 1;
                            if report.duplicate_examples.len() < DUPLICATES_SHOWN {
                                report.duplicate_examples.push(value.clone());
                            }
                        }
                    }
                    Ok(false) | Err(_) => {
                        report.problems.push(format!(
                            "segment {n}: id dictionary is unreadable at entry {ord}"
                        ));
                        return Ok(report);
                    }
                }
            }
            if count == 0 {
                report.missing_ids += 1;
            }
        }
    }
    if report.missing_ids > 0 {
        report
            .problems
            .push(format!("{} documents have no id", report.missing_ids));
    }
    if report.duplicate_ids > 0 {
        report.problems.push(format!(
            "{} documents share an id with another (e.g. {})",
            report.duplicate_ids,
            report.duplicate_examples.join(", ")
        ));
    }
    Ok(report)
}
