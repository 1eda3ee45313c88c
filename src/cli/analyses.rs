//! Flags of the coverage analyses (`compare`, ...), kept apart from the
//! other commands' flags so each analysis reads in one place.

use clap::Args;

use super::{facet_arg_help, FilterArgs, HistogramChoice, SearchFormat};

/// Flags of `newsdex compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The queries to compare (query syntax as in `search`; '' counts every article)
    #[arg(required = true, value_name = "QUERY")]
    pub queries: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Calendar period of each row
    #[arg(long, value_enum, value_name = "PERIOD", default_value_t = HistogramChoice::Month)]
    pub histogram: HistogramChoice,
    /// Show each period's hits as a share of all articles passing the filters in that period
    #[arg(long)]
    pub share: bool,
    /// Count stories, not copies: near-duplicate copies counted once
    #[arg(long)]
    pub collapse: bool,
    /// Output format (jsonl: one line per query; csv: one row per period)
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}

/// Output of `cooccur`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Csv,
}

/// Flags of `newsdex cooccur`.
#[derive(Debug, Args)]
pub struct CooccurArgs {
    /// The facet of the rows
    #[arg(help = facet_arg_help())]
    pub rows: String,
    /// The facet of the columns
    #[arg(help = facet_arg_help())]
    pub columns: String,
    /// Only count articles matching this query
    #[arg(default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Values per side: the top N rows and the top N columns (at most 100)
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Output format (csv: one row per pair)
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Flags of `newsdex terms`.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// Only score articles matching this query ('' for every article)
    #[arg(default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Words and phrases to show
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Best-ranked hits to score (at most 10000)
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub sample: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Flags of `newsdex similar`.
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The article id (as shown by search)
    pub id: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Similar articles to show (at most 10000)
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}

/// Flags of `newsdex dupes`.
#[derive(Debug, Args)]
pub struct DupesArgs {
    /// Only clusters with a copy matching this query ('' for every article)
    #[arg(default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Clusters to show, largest first (at most 1000)
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Output format (csv: one row per copy)
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}
