//! Flags of the coverage analyses (`compare`, ...), kept apart from the
//! other commands' flags so each analysis reads in one place.

use clap::Args;

use super::{FilterArgs, HistogramChoice, SearchFormat};

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
    /// Output format (jsonl: one line per query; csv: one row per period)
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}
