//! Runs `newsdex optimize`: the flag checked, the library's merge, the
//! renderer.

use std::io::Write;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use super::ExitCode;
use crate::cli::{OptimizeArgs, OutputFormat};
use crate::config;
use newsdex::index::optimize;
use newsdex::render;

/// `newsdex optimize`: exit 0 whether it merged or had nothing to merge.
pub fn optimize<W: Write>(
    out: &mut W,
    index: Option<PathBuf>,
    a: &OptimizeArgs,
) -> anyhow::Result<ExitCode> {
    let max = NonZeroUsize::new(a.segments).ok_or_else(|| config::BadFlag {
        flag: "--segments".into(),
        message: "0 segments cannot hold the documents; give 1 or more".into(),
    })?;
    let dir = config::index_dir(index);
    let report = optimize::optimize(&dir, max)?;
    match a.format {
        OutputFormat::Table => render::human::optimize(out, &report)?,
        OutputFormat::Json => render::json::write(out, &report)?,
    }
    Ok(ExitCode::Success)
}
