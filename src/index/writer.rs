//! The indexing pipeline: walk the inputs, parse and extract in parallel
//! (rayon), and feed one tantivy `IndexWriter` over a bounded channel.
//!
//! Parsing and extraction are the expensive part of preparing a document, so
//! they run on a rayon pool while this thread owns the writer (tantivy's
//! writer has indexing threads of its own). The bounded channel gives
//! back-pressure: parsed files never pile up in memory faster than the writer
//! takes them.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, Term};

use crate::article::Article;
use crate::error::{Error, Result};
use crate::extract::{self, ExtractMode};
use crate::index::{document, open_error, NewsIndex};
use crate::parse::{self, Format, Warning, WarningKind};

/// What `newsdex index` was asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub index_dir: PathBuf,
    pub paths: Vec<PathBuf>,
    pub format: Option<Format>,
    pub rebuild: bool,
    /// The writer's memory budget in bytes (split across its threads).
    pub memory_bytes: usize,
    /// Threads for parsing/extraction; tantivy's writer threads are separate.
    pub threads: usize,
    pub extract: ExtractMode,
    pub progress: bool,
    /// Commit every this many documents (0 = only at the end).
    pub commit_every: usize,
}

/// The summary printed at the end of `newsdex index`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    pub index: String,
    pub files: usize,
    /// Articles written in this run (new and replaced).
    pub indexed: u64,
    /// Of those, how many replaced an article with the same id.
    pub replaced: u64,
    /// Articles or files skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Warnings by kind (skips and repairs).
    pub warnings: BTreeMap<String, u64>,
    /// Every warning with the file (and record) it concerns.
    pub warning_details: Vec<Warning>,
    /// Documents in the index after the final commit.
    pub total_documents: u64,
    pub seconds: f64,
    pub docs_per_second: f64,
}

impl IndexSummary {
    /// True when some input was skipped or repaired.
    pub fn has_warnings(&self) -> bool {
        !self.warning_details.is_empty()
    }
}

/// A parsed file, ready for the writer.
struct Prepared {
    docs: Vec<(String, tantivy::TantivyDocument)>,
    warnings: Vec<Warning>,
    bytes: u64,
}

/// Run the indexing pipeline; `on_warning` sees each warning as it happens.
pub fn run_index(
    opts: &IndexOptions,
    mut on_warning: impl FnMut(&Warning),
) -> Result<IndexSummary> {
    let start = Instant::now();
    let news = NewsIndex::open_or_create(&opts.index_dir, opts.rebuild)?;
    let writer_threads = opts.threads.clamp(1, 8);
    let mut writer: IndexWriter = news
        .index
        .writer_with_num_threads(
            writer_threads,
            opts.memory_bytes.max(15_000_000 * writer_threads),
        )
        .map_err(|e| open_error(&opts.index_dir, e))?;
    let reader = news.reader()?;
    let existing = reader.searcher();
    let has_existing = existing.num_docs() > 0;

    let mut summary = IndexSummary {
        index: opts.index_dir.display().to_string(),
        ..Default::default()
    };
    let (files, walk_warnings) = parse::walk::collect_inputs(&opts.paths, opts.format);
    summary.files = files.len();
    for w in walk_warnings {
        record_warning(&mut summary, w, &mut on_warning);
    }
    let total_bytes: u64 = files
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum();
    let bar = progress_bar(opts.progress, total_bytes);

    let fields = news.fields;
    let mode = opts.extract;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| Error::BadArgument {
            flag: "--threads".into(),
            message: e.to_string(),
        })?;
    let (tx, rx) = crossbeam_channel::bounded::<Prepared>(16);
    let mut seen: HashSet<String> = HashSet::new();
    let mut since_commit = 0usize;

    let result: Result<()> = std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, (path, format)| {
                    let prepared = prepare_file(path, *format, mode, &fields);
                    // A closed channel means the writer stopped on an error.
                    let _ = tx.send(prepared);
                });
            });
        });
        for prepared in rx.iter() {
            for w in prepared.warnings {
                record_warning(&mut summary, w, &mut on_warning);
            }
            for (id, doc) in prepared.docs {
                let term = Term::from_field_text(fields.id, &id);
                let existed =
                    !seen.insert(id) || (has_existing && existing.doc_freq(&term).unwrap_or(0) > 0);
                if existed {
                    writer.delete_term(term);
                    summary.replaced += 1;
                }
                writer.add_document(doc)?;
                summary.indexed += 1;
                since_commit += 1;
            }
            if opts.commit_every > 0 && since_commit >= opts.commit_every {
                writer.commit()?;
                since_commit = 0;
            }
            bar.inc(prepared.bytes);
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{} docs, {:.0} docs/s",
                summary.indexed,
                summary.indexed as f64 / secs
            ));
        }
        Ok(())
    });
    result?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    bar.finish_and_clear();

    reader.reload()?;
    summary.total_documents = reader.searcher().num_docs();
    summary.seconds = start.elapsed().as_secs_f64();
    summary.docs_per_second = summary.indexed as f64 / summary.seconds.max(1e-9);
    Ok(summary)
}

fn record_warning(summary: &mut IndexSummary, w: Warning, on_warning: &mut impl FnMut(&Warning)) {
    on_warning(&w);
    let kind = w.kind.to_string();
    if w.kind.skips() {
        *summary.skipped.entry(kind.clone()).or_default() += 1;
    }
    *summary.warnings.entry(kind).or_default() += 1;
    summary.warning_details.push(w);
}

/// Parse one file and prepare its documents (runs on the rayon pool).
fn prepare_file(
    path: &std::path::Path,
    format: Format,
    mode: ExtractMode,
    fields: &crate::index::Fields,
) -> Prepared {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    match parse::parse_file(path, Some(format)) {
        Ok(parsed) => {
            let docs = parsed
                .articles
                .into_par_iter()
                .map(|mut a: Article| {
                    extract::enrich(&mut a, mode);
                    let doc = document::to_document(fields, &a);
                    (a.id, doc)
                })
                .collect();
            Prepared {
                docs,
                warnings: parsed.warnings,
                bytes,
            }
        }
        Err(e) => Prepared {
            docs: Vec::new(),
            warnings: vec![Warning::new(
                path,
                None,
                WarningKind::Unreadable,
                e.to_string(),
            )],
            bytes,
        },
    }
}

fn progress_bar(wanted: bool, total_bytes: u64) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} (ETA {eta})",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
