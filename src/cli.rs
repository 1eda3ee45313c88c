//! Command-line flags (clap derive). Nothing here does work: `config`
//! turns these into plain configuration before any command runs.

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use newsdex::schema::FacetField;

mod analyses;
mod optimize;
pub use analyses::*;
pub use optimize::OptimizeArgs;

/// newsdex: full-text search for news archives, with facets by country,
/// person, topic, dateline and date.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// Index folder [default: ./newsdex-index]
    #[arg(long, global = true, env = "NEWSDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour output (NO_COLOR in the environment means never)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  newsdex index samples/
  newsdex search 'oil' --country venezuela --facet country --facet person
  newsdex search '' --facet topic --histogram month --since 1987-03
  newsdex show 1234
  newsdex stats --format json";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse articles and add them to the index (an article whose id is
    /// already there is replaced)
    #[command(after_help = "Examples:
  newsdex index ../shared/corpus/reuters21578
  newsdex index --rebuild samples/ --memory 512
  newsdex index --input-format jsonl feed.txt --format json")]
    Index(IndexArgs),

    /// Search the index, with filters, facet counts and a date histogram
    #[command(after_help = "Query syntax (title and body; AND by default):
  oil prices            both words          oil OR gas       either word
  \"oil prices\"          the phrase          oil -gas         oil, not gas
  econom*               words starting with  Borisof~1        within 1 edit
  title:cocoa           one field           date:[1987-03-01T00:00:00Z TO 1987-04-01T00:00:00Z]
  ''                    every article (browse by facets)

Examples:
  newsdex search 'oil' --country venezuela --facet country --facet person
  newsdex search 'interest rates' --person volcker --since 1987-03 --until 1987-04 --sort date
  newsdex search 'cocoa' --facet country --histogram month --format json")]
    Search(SearchArgs),

    /// Print one article with every field
    #[command(after_help = "Example:\n  newsdex show 1")]
    Show {
        /// The article id (as shown by search)
        id: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },

    /// List the values of one facet with counts, for a query and filters
    #[command(after_help = "Examples:
  newsdex facets person --match bak
  newsdex facets country 'coffee' --top 20
  newsdex facets topic --country japan
  newsdex facets country --country japan --within")]
    Facets(FacetsArgs),

    /// Documents, date range, distinct values per field, sources, size
    Stats {
        /// Output format
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },

    /// Verify the index: checksums of every segment file, the schema, one
    /// id per document and no id twice (exit 0 when healthy, 2 otherwise)
    #[command(after_help = "Examples:\n  newsdex check\n  newsdex check --format json")]
    Check {
        /// Output format
        #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
        format: OutputFormat,
    },

    /// Merge the index's segments into fewer (one by default): searches
    /// visit each segment, so a one-off merge after a big build makes them
    /// faster
    #[command(after_help = "Examples:
  newsdex optimize
  newsdex optimize --segments 4 --format json

A merge needs free disk space of about the size of the segments it merges,
and holds the index's writer lock (no `newsdex index` meanwhile; searches
go on). `newsdex stats` shows the number of segments.")]
    Optimize(OptimizeArgs),

    /// Parse and extract without indexing: one JSON object per article
    #[command(after_help = "Example:\n  newsdex extract samples/wire/caracas-russia.txt")]
    Extract {
        /// Files or folders to read
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Read every file as this format instead of detecting it
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Output format: one JSON object per line (jsonl), or one JSON array of them (json)
        #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
        format: ExtractFormat,
        /// Add each article's file, title, body, date, url, site, authors, section and language
        #[arg(long)]
        with_text: bool,
    },

    /// Compare queries over time: each query's hits per calendar period,
    /// side by side, as counts or as shares of all articles
    #[command(after_help = "Examples:
  newsdex compare oil coffee cocoa --histogram month
  newsdex compare 'interest rates' dollar --share --country japan
  newsdex compare grain wheat --since 1987-03 --histogram week --format csv")]
    Compare(CompareArgs),

    /// Which values of one facet appear with which of another among the
    /// hits: counts and lift (observed over expected)
    #[command(after_help = "Examples:
  newsdex cooccur person country --topic crude
  newsdex cooccur country topic 'debt' --top 8 --format csv")]
    Cooccur(CooccurArgs),

    /// Significant words and two-word phrases: unusually frequent in the
    /// hits compared with the whole index (JLH score)
    #[command(after_help = "Examples:
  newsdex terms --topic cocoa
  newsdex terms 'interest rates' --since 1987-04 --top 30
  newsdex terms --country japan --sample 500 --format csv")]
    Terms(TermsArgs),

    /// Articles like one article: more-like-this over its title and body
    #[command(after_help = "Examples:
  newsdex similar 12345
  newsdex similar 12345 --since 1987-04 --limit 20 --format json")]
    Similar(SimilarArgs),

    /// Near-duplicates: the stories republished most among the hits, with
    /// their copies, dates and sources
    #[command(after_help = "Examples:
  newsdex dupes
  newsdex dupes 'prime rate' --since 1987-04 --limit 5
  newsdex dupes --topic crude --format csv")]
    Dupes(DupesArgs),
    /// Serve the index over HTTP: a JSON API and a web page (read-only)
    #[command(after_help = "Examples:
  newsdex serve                      then open http://127.0.0.1:7700/
  newsdex serve --bind 127.0.0.1:8080
  NEWSDEX_TOKEN=s3cret newsdex serve --bind 0.0.0.0:7700

Binding beyond this machine (not 127.0.0.1 or ::1) needs a token; clients
send it as `Authorization: Bearer TOKEN`, and a browser opens /?token=TOKEN once.")]
    Serve(ServeArgs),

    /// Print shell completions (a shell script: no --format)
    #[command(
        after_help = "Example:\n  newsdex completions bash > /etc/bash_completion.d/newsdex"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

/// Flags of `newsdex serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, default_value = newsdex::serve::DEFAULT_BIND, value_name = "ADDR")]
    pub bind: std::net::SocketAddr,
    /// Access token every request must carry (required beyond loopback)
    #[arg(
        long,
        env = "NEWSDEX_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Seconds a request may take before the server answers 504
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub timeout: u64,
    /// Log each request to stderr
    #[arg(long)]
    pub log: bool,
}

/// Flags of `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of articles (.sgm, .txt, .jsonl/.ndjson/.json, .csv)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Delete the index first and build it afresh
    #[arg(long)]
    pub rebuild: bool,
    /// Read every file as this format instead of detecting it by extension and content
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Memory budget of the index writer, in MB
    #[arg(long, default_value_t = 512, value_name = "MB")]
    pub memory: usize,
    /// Threads for parsing and extraction [default: number of cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Entity extraction: auto (only where the source has no country/person tags), always, never
    #[arg(long, value_enum, default_value_t = ExtractChoice::Auto)]
    pub extract: ExtractChoice,
    /// Commit every N documents, so an interrupted run keeps its work (0 = at the end only)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub commit_every: usize,
    /// Also commit when this many seconds have passed since the last commit, so a crash loses at most that much work (0 = off)
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub commit_interval: u64,
    /// Do not show the progress bar
    #[arg(long)]
    pub no_progress: bool,
    /// Exit 0 when some input was skipped or repaired (the summary still lists it); without it such a run exits 3, which stops `&&` chains
    #[arg(long)]
    pub warnings_ok: bool,
    /// Skip near-duplicate detection: this run's articles get no MinHash
    /// keys (they never join a cluster) and clusters are not recomputed
    #[arg(long)]
    pub no_dupes: bool,
    /// Extractor of the story of web pages (HTML, WARC): fast (newsdex's own) or trafilatura (rs-trafilatura and newsdex's rules, about 18 times slower; BENCHMARKS.md)
    #[arg(long, value_enum, default_value_t = WebExtractorChoice::Fast, value_name = "EXTRACTOR")]
    pub web_extractor: WebExtractorChoice,
    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// Filters shared by `search` and `facets`: one `--FACET VALUE` flag per
/// facet the declaration lists (`--country`, `--person`, ...), the general
/// `--filter FACET=VALUE`, and the date range.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    /// (facet name as typed, value) in the order given.
    pub values: Vec<(String, String)>,
    /// Only articles dated on or after this period.
    pub since: Option<String>,
    /// Only articles dated up to the end of this period.
    pub until: Option<String>,
}

const FILTER: &str = "filter";
const SINCE: &str = "since";
const UNTIL: &str = "until";

impl Args for FilterArgs {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for facet in FacetField::all() {
            let decl = facet.decl();
            cmd = cmd.arg(
                Arg::new(facet.name())
                    .long(facet.name())
                    .value_name(decl.value_name.as_str())
                    .help(decl.help.as_str())
                    .action(ArgAction::Append),
            );
        }
        cmd.arg(
            Arg::new(FILTER)
                .long(FILTER)
                .value_name("FACET=VALUE")
                .help("Only articles with this value of any facet (language=en); repeat: OR within a facet, AND across facets")
                .action(ArgAction::Append),
        )
        .arg(
            Arg::new(SINCE)
                .long(SINCE)
                .value_name("DATE")
                .help("Only articles dated on or after: 1987-03-01, 1987-03 or 1987"),
        )
        .arg(
            Arg::new(UNTIL)
                .long(UNTIL)
                .value_name("DATE")
                .help("Only articles dated up to the end of: 1987-03-31, 1987-03 or 1987"),
        )
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for FilterArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }

    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        let mut out = FilterArgs::default();
        out.update_from_arg_matches_mut(m)?;
        Ok(out)
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut m.clone())
    }

    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        for facet in FacetField::all() {
            for v in m.remove_many::<String>(facet.name()).into_iter().flatten() {
                self.values.push((facet.name().to_string(), v));
            }
        }
        for pair in m.remove_many::<String>(FILTER).into_iter().flatten() {
            // `config` rejects a pair without '=' or with an unknown facet.
            let (facet, value) = pair.split_once('=').unwrap_or((pair.as_str(), ""));
            self.values
                .push((facet.trim().to_string(), value.to_string()));
        }
        if let Some(s) = m.remove_one::<String>(SINCE) {
            self.since = Some(s);
        }
        if let Some(u) = m.remove_one::<String>(UNTIL) {
            self.until = Some(u);
        }
        Ok(())
    }
}

/// Help of `--facet`, listing the declared facets.
fn facet_help() -> String {
    format!(
        "Count hits by this facet ({}); repeatable",
        FacetField::names()
    )
}

/// Help of the `facets` command's argument.
pub(crate) fn facet_arg_help() -> String {
    format!("The facet: {}", FacetField::names())
}

/// Flags of `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query ('' for every article)
    #[arg(default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[arg(long = "facet", value_name = "FACET", help = facet_help())]
    pub facets: Vec<String>,
    /// Values shown per facet (0: none, only the sums of the rest)
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub facet_top: usize,
    /// Hits per calendar period
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub histogram: Option<HistogramChoice>,
    /// Hits to show (at most 10000)
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Hits to skip (for paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Order of hits: relevance, date (oldest first) or -date (newest first)
    #[arg(
        long,
        default_value = "relevance",
        value_name = "ORDER",
        allow_hyphen_values = true
    )]
    pub sort: String,
    /// One hit per story: near-duplicate copies collapsed into the earliest
    /// copy (or the best-scoring with `--collapse best`); the total, facets
    /// and histogram then count stories
    #[arg(long, value_name = "BY", num_args = 0..=1, default_missing_value = "earliest")]
    pub collapse: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}

/// Flags of `newsdex facets`.
#[derive(Debug, Args)]
pub struct FacetsArgs {
    #[arg(help = facet_arg_help())]
    pub facet: String,
    /// Only count articles matching this query
    #[arg(default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Values to show
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Only values containing this text, ignoring case and diacritics
    #[arg(long = "match", value_name = "TEXT")]
    pub matching: Option<String>,
    /// Count inside this facet's own filter too: `facets country --country
    /// japan --within` lists the countries that appear alongside Japan
    /// (without it a facet's counts ignore its own filter, as in `search`)
    #[arg(long)]
    pub within: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// Output of commands that print one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
}

/// Output of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// Output of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Json,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Sgml,
    Text,
    Jsonl,
    Csv,
    Html,
    Warc,
}

/// Extraction modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractChoice {
    Auto,
    Always,
    Never,
}

/// Extractors of a web page's story (`newsdex index --web-extractor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WebExtractorChoice {
    Fast,
    Trafilatura,
}

/// Histogram periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistogramChoice {
    Day,
    Week,
    Month,
    Year,
}

/// Colour choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sort_accepts_minus_date() {
        let cli = Cli::try_parse_from(["newsdex", "search", "oil", "--sort", "-date"]).unwrap();
        match cli.command {
            Command::Search(s) => assert_eq!(s.sort, "-date"),
            other => panic!("parsed as {other:?}"),
        }
    }
}
