//! Flags of `newsdex optimize`.

use clap::Args;

use super::OutputFormat;

/// Flags of `newsdex optimize`.
#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// Most segments to leave (at least 1); an index with this many or fewer is left as it is
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub segments: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}
