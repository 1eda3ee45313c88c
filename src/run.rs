//! Runs one command: flags → config → work → renderer. Returns the exit code.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use clap::{CommandFactory, Parser};

use crate::cli::{self, Cli, Command, OutputFormat, SearchFormat};
use crate::config;
use newsdex::error::Error;
use newsdex::index::optimize::MANY_SEGMENTS;
use newsdex::index::{check, NewsIndex};
use newsdex::ingest::run_index;
use newsdex::render::{self, human::Style};
use newsdex::search::{self, stats};

mod analyses;
mod optimize;

/// Process exit codes (as ripgrep: 0 found, 1 nothing found, 2 error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked (a search found hits).
    Success = 0,
    /// A search ran but matched no article.
    NoHits = 1,
    /// Something went wrong; a message says what.
    Error = 2,
    /// `index` finished but skipped or repaired some input (see its summary).
    CompletedWithWarnings = 3,
    /// `index` was interrupted (Ctrl-C) and committed what it had done; run
    /// the same command again to finish (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

/// Parse the process arguments, run the command, print errors; the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                ExitCode::Error
            } else {
                ExitCode::Success
            };
            let _ = e.print();
            return code as i32;
        }
    };
    match dispatch(cli) {
        Ok(code) => code as i32,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::Success as i32;
            }
            match advice(&e) {
                Some(hint) => eprintln!("newsdex: {e:#}; {hint}"),
                None => eprintln!("newsdex: {e:#}"),
            }
            ExitCode::Error as i32
        }
    }
}

/// What to type next, for the library errors whose remedy is a command or
/// a flag (the library itself knows no flags).
fn advice(e: &anyhow::Error) -> Option<&'static str> {
    match e.chain().find_map(|c| c.downcast_ref::<Error>())? {
        Error::NoIndex { .. } => {
            Some("run `newsdex index PATH...` first, or pass --index DIR / set NEWSDEX_INDEX")
        }
        Error::SchemaMismatch { .. } => Some("run `newsdex index --rebuild PATH...`"),
        Error::Locked { .. } => Some("is another `newsdex index` or `newsdex optimize` running?"),
        Error::NotAnIndex { .. } => Some("pass --index with an empty or new folder"),
        Error::MemoryTooLarge { .. } => Some("lower --memory"),
        Error::TokenRequired { .. } => {
            Some("set one with --token TOKEN or NEWSDEX_TOKEN, or bind to 127.0.0.1 (the default)")
        }
        Error::Bind { .. } => Some("is another server on that port? choose another with --bind"),
        _ => None,
    }
}

/// Ctrl-C (SIGINT) raises `flag`: the indexer stops taking files and
/// commits what it has. A second Ctrl-C exits at once, without committing
/// (the index stays at its last commit).
fn install_interrupt_handler(flag: &Arc<AtomicBool>) {
    let flag = Arc::clone(flag);
    // Failing to install (a handler already set) only loses the graceful stop.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            eprintln!("newsdex: interrupted again; exiting without committing");
            std::process::exit(ExitCode::Interrupted as i32);
        }
        eprintln!("newsdex: interrupting: finishing the current file and committing (Ctrl-C again to abort)");
    });
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub(crate) fn open(cli_index: Option<std::path::PathBuf>) -> anyhow::Result<NewsIndex> {
    let dir = config::index_dir(cli_index);
    Ok(NewsIndex::open(&dir)?)
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let color = config::use_color(cli.color, stdout.is_terminal());
    let style = Style { color };
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Index(args) => {
            let dir = config::index_dir(cli.index);
            let opts = config::index_options(dir, &args, true)?;
            install_interrupt_handler(&opts.interrupt);
            let summary = run_index(&opts, |w| eprintln!("newsdex: warning: {w}"))
                .with_context(|| format!("indexing into {}", opts.index_dir.display()))?;
            match args.format {
                OutputFormat::Table => render::human::summary(&mut out, &summary)?,
                OutputFormat::Json => render::json::write(&mut out, &summary)?,
            }
            if summary.interrupted {
                out.flush()?;
                eprintln!(
                    "interrupted: committed {} documents; run the same command again to finish",
                    summary.indexed
                );
                ExitCode::Interrupted
            } else if summary.has_warnings() && !args.warnings_ok {
                ExitCode::CompletedWithWarnings
            } else {
                ExitCode::Success
            }
        }
        Command::Search(a) => {
            let req = config::search_request(&a)?;
            if a.limit > search::MAX_LIMIT {
                eprintln!(
                    "newsdex: note: --limit {} is above the maximum of {}; showing at most {} hits (page with --offset)",
                    a.limit,
                    search::MAX_LIMIT,
                    search::MAX_LIMIT
                );
            }
            let news = open(cli.index)?;
            let searcher = news.reader()?.searcher();
            let res = search::search(&news, &searcher, &req)?;
            match a.format {
                SearchFormat::Table => render::human::search(&mut out, &res, style)?,
                SearchFormat::Json => render::json::write(&mut out, &res)?,
                SearchFormat::Jsonl => render::json::search_lines(&mut out, &res)?,
                SearchFormat::Csv => render::csv::search(&mut out, &res)?,
            }
            if matches!(a.format, SearchFormat::Jsonl | SearchFormat::Csv) {
                left_out_note(&res, a.format);
            }
            if res.total == 0 {
                ExitCode::NoHits
            } else {
                ExitCode::Success
            }
        }
        Command::Show { id, format } => {
            let news = open(cli.index)?;
            let searcher = news.reader()?.searcher();
            let article = search::show(&news, &searcher, &id)?;
            match format {
                OutputFormat::Table => render::human::article(&mut out, &article, style)?,
                OutputFormat::Json => render::json::write(&mut out, &article)?,
            }
            ExitCode::Success
        }
        Command::Facets(a) => {
            let facet: search::FacetField = a.facet.parse()?;
            let req = config::filter_request(&a.query, &a.filters)?;
            let news = open(cli.index)?;
            let searcher = news.reader()?.searcher();
            let opts = search::ListingOptions {
                top: a.top,
                fragment: a.matching.as_deref(),
                within: a.within,
            };
            let listing = search::facet_values(&news, &searcher, &req, facet, opts)?;
            match a.format {
                OutputFormat::Table => render::human::facet_listing(&mut out, &listing, style)?,
                OutputFormat::Json => render::json::write(&mut out, &listing)?,
            }
            ExitCode::Success
        }
        Command::Stats { format } => {
            let news = open(cli.index)?;
            let searcher = news.reader()?.searcher();
            let s = stats::stats(&news, &searcher)?;
            match format {
                OutputFormat::Table => render::human::stats(&mut out, &s)?,
                OutputFormat::Json => render::json::write(&mut out, &s)?,
            }
            if s.segments > MANY_SEGMENTS {
                out.flush()?;
                eprintln!(
                    "newsdex: note: {} segments, and a search visits each; `newsdex optimize` merges them into one (once, after a big build) for faster searches",
                    s.segments
                );
            }
            ExitCode::Success
        }
        Command::Check { format } => {
            let dir = config::index_dir(cli.index);
            let report = check::check(&dir)?;
            match format {
                OutputFormat::Table => render::human::check(&mut out, &report)?,
                OutputFormat::Json => render::json::write(&mut out, &report)?,
            }
            out.flush()?;
            if !report.healthy() {
                anyhow::bail!(
                    "the index at {} is damaged ({}); rebuild it with `newsdex index --rebuild PATH...`",
                    dir.display(),
                    report.problems.join("; ")
                );
            }
            ExitCode::Success
        }
        Command::Optimize(a) => optimize::optimize(&mut out, cli.index, &a)?,
        Command::Extract {
            paths,
            input_format,
            format,
            with_text,
        } => extract_command(
            &mut out,
            &paths,
            config::input_format(input_format),
            format == cli::ExtractFormat::Json,
            with_text,
        )?,
        Command::Compare(a) => analyses::compare(&mut out, cli.index, &a, style)?,
        Command::Cooccur(a) => analyses::cooccur(&mut out, cli.index, &a, style)?,
        Command::Terms(a) => analyses::terms(&mut out, cli.index, &a, style)?,
        Command::Similar(a) => analyses::similar(&mut out, cli.index, &a, style)?,
        Command::Dupes(a) => analyses::dupes(&mut out, cli.index, &a, style)?,
        Command::Serve(a) => {
            drop(out);
            serve_command(cli.index, a)?;
            return Ok(ExitCode::Success);
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "newsdex", &mut out);
            ExitCode::Success
        }
    };
    out.flush()?;
    Ok(code)
}

/// Serve until Ctrl-C or SIGTERM, printing the URL to open once listening.
fn serve_command(index: Option<std::path::PathBuf>, a: cli::ServeArgs) -> anyhow::Result<()> {
    let dir = config::index_dir(index);
    let mut opts = newsdex::serve::ServeOptions::new(dir.clone(), a.bind);
    opts.token = a.token.filter(|t| !t.is_empty());
    opts.timeout = std::time::Duration::from_secs(a.timeout.max(1));
    if a.log {
        tracing_subscriber::fmt()
            .with_writer(io::stderr)
            .with_max_level(tracing::Level::DEBUG)
            .init();
    }
    newsdex::serve::serve(opts, |addr| {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "newsdex: serving http://{addr}/");
        let _ = writeln!(out, "newsdex: index {}; Ctrl-C stops", dir.display());
        let _ = out.flush();
    })?;
    Ok(())
}

/// jsonl and csv carry hits only: say on stderr what was left out.
fn left_out_note(res: &search::SearchResults, format: SearchFormat) {
    let mut left = Vec::new();
    if !res.facets.is_empty() {
        left.push("facet counts");
    }
    if res.histogram.is_some() {
        left.push("the histogram");
    }
    if !left.is_empty() {
        let name = if format == SearchFormat::Csv {
            "csv"
        } else {
            "jsonl"
        };
        eprintln!(
            "newsdex: note: {name} output holds the hits only; {} left out (--format json has them)",
            left.join(" and ")
        );
    }
}

/// `newsdex extract`: parse + extract, one JSON object per article (one per
/// line, or one JSON array of them when `as_array`).
fn extract_command<W: Write>(
    out: &mut W,
    paths: &[std::path::PathBuf],
    format: Option<newsdex::parse::Format>,
    as_array: bool,
    with_text: bool,
) -> anyhow::Result<ExitCode> {
    let walk = newsdex::parse::walk::walk(paths, format);
    let mut warnings = walk.warnings;
    let mut records = Vec::new();
    for input in walk.files {
        match newsdex::parse::parse_input(&input) {
            Ok(parsed) => {
                warnings.extend(parsed.warnings);
                for a in parsed.articles {
                    let mut record = newsdex::extract::ExtractRecord::from_article(&a)?;
                    if with_text {
                        let mut text = newsdex::extract::record::ArticleText::of(&a);
                        text.file = input.path.display().to_string();
                        record.text = Some(text);
                    }
                    if as_array {
                        records.push(record);
                    } else {
                        render::json::write_line(out, &record)?;
                    }
                }
            }
            Err(e) => eprintln!("newsdex: warning: {e}"),
        }
    }
    if as_array {
        render::json::write(out, &records)?;
    }
    for w in &warnings {
        eprintln!("newsdex: warning: {w}");
    }
    Ok(if warnings.is_empty() {
        ExitCode::Success
    } else {
        ExitCode::CompletedWithWarnings
    })
}

impl From<Error> for ExitCode {
    fn from(_: Error) -> Self {
        ExitCode::Error
    }
}
