//! The ingest pipeline: walk the inputs, parse and extract in parallel
//! (rayon), and feed one tantivy `IndexWriter` over a bounded channel. It
//! sits above `parse`, `extract` and `index`: those know one file, one
//! article and one index; this module knows a run (which files, when to
//! commit, which ids were read, what to tell the user).
//!
//! Parsing and extraction are the expensive part of preparing a document, so
//! they run on a rayon pool while this thread owns the writer (tantivy's
//! writer has indexing threads of its own). A file is read in batches
//! ([`parse::stream`]); the batches of one file are prepared two per thread
//! at once and sent in file order, so a big file uses every core and a
//! record repeated in a file is replaced by its later copy, as when it was
//! read whole. The bounded channel gives back-pressure: prepared batches
//! never pile up in memory faster than the writer takes them, and no file
//! is held whole, so memory does not grow with the size of one file.
//!
//! Crash safety: the writer commits by its [`CommitPolicy`] (every
//! `commit_every` documents and every `commit_interval`), so a crash or `kill -9` loses at most that much work;
//! tantivy's commit is atomic (`meta.json` is replaced in one rename), so the
//! index always opens at its last commit, and files of an unfinished segment
//! are garbage-collected by the next writer. Re-running the same command
//! finishes the job without duplicates, since an id already in the index is
//! replaced. When `interrupt` is raised (Ctrl-C), the writer stops taking
//! files, the parsers stop starting new ones, and what was added so far is
//! committed; the summary says `interrupted`.

mod articles;
pub mod commit;
pub mod ledger;
pub mod people;
pub mod progress;
mod settle;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

pub use articles::add_articles;

use crate::article::Article;
use crate::error::{Error, Result};
use crate::extract::people::canonical::SurnameEvidence;
use crate::extract::{self, ExtractMode};
use crate::index::writer::{delete_ids, disk_full_or, write_failure};
use crate::index::{document, dupes, NewsIndex};
use crate::parse::walk::InputFile;
use crate::parse::{self, Format, Warning, WarningKind};
pub use commit::CommitPolicy;
pub use ledger::{IdLedger, IdOutcome};
use progress::Progress;

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
    /// Commit when this much time has passed since the last commit (`None` = off).
    pub commit_interval: Option<Duration>,
    /// Raised (by a Ctrl-C handler) to stop early and commit what is done.
    pub interrupt: Arc<AtomicBool>,
    /// Find near-duplicates: band keys for every article and the clusters
    /// recomputed after the run. Off, the articles of this run get no keys
    /// (they never join a cluster) and the clusters are left as they were.
    pub near_duplicates: bool,
    /// Which extractor cuts the story from web pages (HTML files, WARC
    /// responses).
    pub web_extractor: parse::web::WebExtractor,
}

impl IndexOptions {
    /// Options for building `index_dir` afresh from `paths` in a program
    /// (benches, tools): formats detected, 2 parsing threads, a 256 MB
    /// writer budget, extraction where the source has no tags, no progress
    /// bar, one commit at the end. The CLI builds its own from the flags.
    pub fn new(index_dir: PathBuf, paths: Vec<PathBuf>) -> IndexOptions {
        IndexOptions {
            index_dir,
            paths,
            format: None,
            rebuild: true,
            memory_bytes: 256_000_000,
            threads: 2,
            extract: ExtractMode::Auto,
            progress: false,
            commit_every: 0,
            commit_interval: None,
            interrupt: Arc::default(),
            near_duplicates: true,
            web_extractor: parse::web::WebExtractor::default(),
        }
    }
}

/// A writer budget of `megabytes` MB in bytes; an error (not an overflow)
/// when that does not fit in a `usize` or exceeds what tantivy's writer can
/// use (just under 4 GB per thread, at most 8 threads).
pub fn memory_bytes(megabytes: usize) -> Result<usize> {
    use crate::index::writer::{MAX_BYTES_PER_THREAD, MAX_THREADS};
    const MAX_BYTES: usize = MAX_THREADS * MAX_BYTES_PER_THREAD;
    let max = MAX_BYTES / 1_000_000;
    match megabytes.checked_mul(1_000_000) {
        Some(bytes) if bytes <= MAX_BYTES => Ok(bytes),
        _ => Err(Error::MemoryTooLarge { megabytes, max }),
    }
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
    /// Of the replaced, how many replaced an article read from a different
    /// file (an id collision: each one is also a `duplicate_id` warning).
    pub replaced_other_file: u64,
    /// Articles or files skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Files inside the folders given that were not read (not articles, or of
    /// no known format), by extension: `{"md": 2, "dtd": 1}`.
    pub skipped_files_by_extension: BTreeMap<String, u64>,
    /// Records of archives that are not articles and were passed over by
    /// design, by kind: a WARC's `request`, `revisit`, `http_404`,
    /// `not_html`, ... (not warnings: a crawl is mostly these).
    pub skipped_records: BTreeMap<String, u64>,
    /// Warnings by kind (skips and repairs).
    pub warnings: BTreeMap<String, u64>,
    /// Every warning with the file (and record) it concerns.
    pub warning_details: Vec<Warning>,
    /// Documents in the index after the final commit.
    pub total_documents: u64,
    pub seconds: f64,
    pub docs_per_second: f64,
    /// Commits made by this run (including the final one).
    pub commits: u64,
    /// Near-duplicate clusters in the whole index after this run, and the
    /// articles this run rewrote to join or leave one; null when the run
    /// left near-duplicates out.
    pub duplicates: Option<dupes::ReclusterReport>,
    /// True when the run was interrupted (Ctrl-C): files not yet read were
    /// left out, and the documents added so far were committed.
    pub interrupted: bool,
    /// The person values folded across the index after the last commit
    /// (one value per person, see [`people`]).
    pub people: people::PeopleFolded,
}

impl IndexSummary {
    /// True when some input was skipped or repaired.
    pub fn has_warnings(&self) -> bool {
        !self.warning_details.is_empty()
    }
}

/// A parsed batch of a file (or the whole file), ready for the writer.
struct Prepared {
    /// The file as found by the walk (for warnings).
    path: PathBuf,
    /// The file's canonical path, stored with its articles.
    stored_path: String,
    docs: Vec<(String, tantivy::TantivyDocument)>,
    warnings: Vec<Warning>,
    /// Records skipped by design (a WARC's requests, revisits, errors), by kind.
    skipped_records: BTreeMap<String, u64>,
    /// Bytes of the file this batch stands for, for progress.
    bytes: u64,
    /// Whom the file's source means by a surname alone (see [`people`]).
    evidence: SurnameEvidence,
}

/// Run the indexing pipeline; `on_warning` sees each warning as it happens.
pub fn run_index(
    opts: &IndexOptions,
    mut on_warning: impl FnMut(&Warning),
) -> Result<IndexSummary> {
    let start = Instant::now();
    if opts.extract != ExtractMode::Never {
        // Build the extraction tables (a fixed few tens of ms) while the index opens and
        // the inputs are walked; workers that need them first wait for this build.
        std::thread::spawn(extract::warm_up);
    }
    // A typo in a path is an error, not an empty success.
    if let Some(missing) = opts.paths.iter().find(|p| std::fs::metadata(p).is_err()) {
        return Err(Error::NoSuchInput {
            path: missing.clone(),
        });
    }
    // Walk first: a run that finds nothing to read creates no index.
    let parse::walk::Walk {
        files,
        warnings: walk_warnings,
        skipped_by_extension,
    } = parse::walk::walk(&opts.paths, opts.format);
    if files.is_empty() {
        let paths: Vec<String> = opts.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::NoArticleFiles {
            paths: paths.join(", "),
            extensions: parse::ARTICLE_EXTENSIONS.to_string(),
        });
    }
    let news = NewsIndex::open_or_create(&opts.index_dir, opts.rebuild)?;
    let mut writer: IndexWriter = news.writer(opts.threads, opts.memory_bytes)?;
    let reader = news.reader()?;
    let existing = reader.searcher();
    let has_existing = existing.num_docs() > 0;

    let mut summary = IndexSummary {
        index: opts.index_dir.display().to_string(),
        ..Default::default()
    };
    summary.files = files.len();
    summary.skipped_files_by_extension = skipped_by_extension;
    for w in walk_warnings {
        record_warning(&mut summary, w, &mut on_warning);
    }
    // Sizes are read once, for the progress bar's total and its steps.
    let files: Vec<(InputFile, u64)> = files
        .into_iter()
        .map(|f| {
            let len = std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
            (f, len)
        })
        .collect();
    let total_bytes: u64 = files.iter().map(|f| f.1).sum();
    let bar = Progress::new(opts.progress, total_bytes, start);

    let fields = &news.fields;
    // Waits for the warm-up above; a table that cannot be built is reported here, once.
    let extractor = extract::Extractor::new(opts.extract)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| Error::ThreadPool(e.to_string()))?;
    let (tx, rx) = crossbeam_channel::bounded::<Prepared>(16);
    let mut ledger = IdLedger::default();
    // Whether `reader` is behind the writer's last commit.
    let mut reader_stale = false;
    let mut evidence = SurnameEvidence::default();
    let mut policy = CommitPolicy::new(opts.commit_every, opts.commit_interval, Instant::now());

    let result: Result<()> = std::thread::scope(|scope| {
        let stop = &opts.interrupt;
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, (input, len)| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let prep = Prep {
                        extractor,
                        fields,
                        dup_keys: opts.near_duplicates,
                        web: opts.web_extractor,
                    };
                    feed_file(input, *len, &prep, stop, tx);
                });
            });
        });
        loop {
            if opts.interrupt.load(Ordering::Relaxed) {
                summary.interrupted = true;
                break;
            }
            let prepared = match rx.recv_timeout(POLL) {
                Ok(prepared) => prepared,
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    if policy.due(Instant::now()) {
                        writer.commit()?;
                        summary.commits += 1;
                        policy.committed(Instant::now());
                        ledger.committed();
                        reader_stale = true;
                    }
                    continue;
                }
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
            };
            for w in prepared.warnings {
                record_warning(&mut summary, w, &mut on_warning);
            }
            evidence.merge(prepared.evidence);
            for (kind, n) in prepared.skipped_records {
                *summary.skipped_records.entry(kind).or_default() += n;
            }
            let file_no = ledger.file(prepared.stored_path.clone());
            // The batch's articles that replace one indexed before the run
            // are deleted at once (`delete_ids`), before any of the batch is
            // added (a delete removes only what was added before it); a
            // repeat within the run on its own, after the copy it replaces.
            let mut replaced_from_index: Vec<Term> = Vec::new();
            let mut adds: Vec<(Option<Term>, TantivyDocument)> =
                Vec::with_capacity(prepared.docs.len());
            for (id, doc) in prepared.docs {
                let term = Term::from_field_text(fields.id, &id);
                let outcome = ledger.record(
                    &id,
                    file_no,
                    || {
                        if !has_existing || existing.doc_freq(&term).unwrap_or(0) == 0 {
                            return None;
                        }
                        Some(stored_path(&existing, fields.path, &term))
                    },
                    // Asked only on a hash hit (see `ledger`): the last commit's
                    // view. When it cannot be read, a repeat is assumed: the
                    // delete below is by this exact id, so no other article is lost.
                    || {
                        if std::mem::take(&mut reader_stale) && reader.reload().is_err() {
                            reader_stale = true;
                            return true;
                        }
                        let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
                        reader
                            .searcher()
                            .search(&query, &Count)
                            .map_or(true, |n| n > 0)
                    },
                );
                let message = match &outcome {
                    IdOutcome::SeenInRun { earlier } => Some(format!(
                        "id '{id}' was already read from {earlier} in this run; this record replaces it"
                    )),
                    IdOutcome::InIndex {
                        stored_path: Some(earlier),
                    } if *earlier != prepared.stored_path => Some(format!(
                        "id '{id}' was indexed from {earlier}; this record from another file replaces it"
                    )),
                    _ => None,
                };
                if let Some(message) = message {
                    let w = Warning::new(
                        &prepared.path,
                        Some(format!("id {id}")),
                        WarningKind::DuplicateId,
                        message,
                    );
                    record_warning(&mut summary, w, &mut on_warning);
                }
                match outcome {
                    IdOutcome::New => adds.push((None, doc)),
                    IdOutcome::InIndex { .. } => {
                        replaced_from_index.push(term);
                        adds.push((None, doc));
                    }
                    IdOutcome::SeenInRun { .. } => adds.push((Some(term), doc)),
                }
            }
            delete_ids(&writer, replaced_from_index)?;
            for (repeat, doc) in adds {
                if let Some(term) = repeat {
                    writer.delete_term(term);
                }
                writer.add_document(doc)?;
                summary.indexed += 1;
                policy.added(1);
            }
            if policy.due(Instant::now()) {
                writer.commit()?;
                summary.commits += 1;
                policy.committed(Instant::now());
                ledger.committed();
                reader_stale = true;
            }
            bar.file_done(prepared.bytes, summary.indexed);
        }
        // Dropping the receiver unblocks parsers waiting to send; they see
        // the interrupt flag (or a closed channel) and stop.
        drop(rx);
        Ok(())
    });
    let result = result.and_then(|()| Ok(writer.commit().map(|_| ())?));
    if let Err(e) = result {
        return Err(write_failure(&opts.index_dir, e, &mut writer));
    }
    summary.commits += 1;
    summary.replaced = ledger.replaced;
    summary.replaced_other_file = ledger.replaced_other_file;
    // The ledger's work ends with the run's last commit; its table (16 bytes
    // an id read) and the ids since the commit before would otherwise be
    // held through the passes below, whose rewrite is the peak of a big run.
    drop(ledger);
    // One person, one value (not after Ctrl-C: the next run folds) and the
    // near-duplicate clusters, over the whole index as now committed; what
    // they change is written in one more commit.
    let evidence = (!summary.interrupted).then_some(&evidence);
    let settled = match settle::settle(&news, &reader, &mut writer, evidence, opts.near_duplicates)
    {
        Ok(settled) => settled,
        Err(e) => return Err(write_failure(&opts.index_dir, e, &mut writer)),
    };
    summary.commits += u64::from(settled.committed);
    if let Some(p) = settled.people {
        summary.people = p;
    }
    summary.duplicates = settled.duplicates;
    writer
        .wait_merging_threads()
        .map_err(|e| disk_full_or(&opts.index_dir, e.into()))?;
    bar.finish();

    reader.reload()?;
    summary.total_documents = reader.searcher().num_docs();
    summary.seconds = start.elapsed().as_secs_f64();
    summary.docs_per_second = summary.indexed as f64 / summary.seconds.max(1e-9);
    Ok(summary)
}

/// How long the writer waits for a parsed file before checking the
/// interrupt flag and the commit interval again.
const POLL: Duration = Duration::from_millis(100);

fn record_warning(summary: &mut IndexSummary, w: Warning, on_warning: &mut impl FnMut(&Warning)) {
    on_warning(&w);
    let kind = w.kind.to_string();
    if w.kind.skips() {
        *summary.skipped.entry(kind.clone()).or_default() += 1;
    }
    *summary.warnings.entry(kind).or_default() += 1;
    summary.warning_details.push(w);
}

/// The file path stored with the articles of an indexed article with id
/// `term`, if the index holds one with a path.
fn stored_path(searcher: &Searcher, path_field: Field, term: &Term) -> Option<String> {
    let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
    let top = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .ok()?;
    let (_, address) = top.first()?;
    let doc: TantivyDocument = searcher.doc(*address).ok()?;
    doc.get_first(path_field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// What preparing an article needs besides the article.
struct Prep<'a> {
    extractor: extract::Extractor,
    fields: &'a crate::index::Fields,
    /// Near-duplicate band keys wanted.
    dup_keys: bool,
    web: parse::web::WebExtractor,
}

/// Reads one file in batches ([`parse::stream`]) and sends each batch,
/// prepared, to the writer, in file order (runs on the rayon pool). The
/// batches are prepared a group at a time, two per thread, on every thread
/// at once while the next group is read, so one big file keeps every core
/// busy and at most two groups of it are held (plus the channel's).
fn feed_file(
    input: &InputFile,
    len: u64,
    prep: &Prep<'_>,
    stop: &AtomicBool,
    tx: &crossbeam_channel::Sender<Prepared>,
) {
    let path = input.path.as_path();
    // Stored absolute, so `show` names the file the same from any folder.
    let stored_path = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    let mut batches = match parse::stream::Batches::open(input) {
        Ok(batches) => batches,
        Err(e) => {
            let w = Warning::new(path, None, WarningKind::Unreadable, e.to_string());
            let mut prepared =
                prepare_batch(parse::ParsedFile::default(), path, &stored_path, prep);
            prepared.warnings.push(w);
            prepared.bytes = len;
            // A closed channel means the writer stopped on an error.
            let _ = tx.send(prepared);
            return;
        }
    };
    let group = 2 * rayon::current_num_threads().max(1);
    let mut next: Vec<parse::stream::Batch> = batches.by_ref().take(group).collect();
    let mut sent = 0u64;
    let mut any = false;
    while !next.is_empty() {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let current = std::mem::take(&mut next);
        let (read, prepared) = rayon::join(
            || batches.by_ref().take(group).collect::<Vec<_>>(),
            || {
                current
                    .into_par_iter()
                    .map(|batch| {
                        let read_to = batch.read_to;
                        (
                            read_to,
                            prepare_batch(batch.parse_with(prep.web), path, &stored_path, prep),
                        )
                    })
                    .collect::<Vec<_>>()
            },
        );
        next = read;
        let last = prepared.len().saturating_sub(1);
        for (i, (read_to, mut prepared)) in prepared.into_iter().enumerate() {
            // Progress in bytes of the file: where the batch was cut, and
            // the rest of the file with the last one.
            let upto = if next.is_empty() && i == last {
                len
            } else {
                read_to.min(len)
            };
            prepared.bytes = upto.saturating_sub(sent);
            sent = sent.max(upto);
            any = true;
            if tx.send(prepared).is_err() {
                return;
            }
        }
    }
    if !any {
        let mut prepared = prepare_batch(parse::ParsedFile::default(), path, &stored_path, prep);
        prepared.bytes = len;
        let _ = tx.send(prepared);
    }
}

/// Prepares the documents of one batch of a file.
fn prepare_batch(
    parsed: parse::ParsedFile,
    path: &std::path::Path,
    stored_path: &str,
    prep: &Prep<'_>,
) -> Prepared {
    let (docs, evidence): (Vec<_>, Vec<_>) = parsed
        .articles
        .into_par_iter()
        .map(|mut a: Article| {
            a.path = stored_path.to_string();
            let mut evidence = SurnameEvidence::default();
            prep.extractor.enrich_noting(&mut a, &mut evidence);
            let doc = document::to_document_with(prep.fields, &a, prep.dup_keys);
            ((a.id, doc), evidence)
        })
        .unzip();
    let evidence = evidence
        .into_iter()
        .fold(SurnameEvidence::default(), |mut all, e| {
            all.merge(e);
            all
        });
    Prepared {
        path: path.to_path_buf(),
        stored_path: stored_path.to_string(),
        docs,
        warnings: parsed.warnings,
        skipped_records: parsed.skipped,
        bytes: 0,
        evidence,
    }
}
