//! The progress bar of an ingest run: bytes read of the total, documents
//! and their rate. Shown only on a terminal and when asked for.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over `total_bytes` of input (hidden unless `wanted` and
/// stderr is a terminal, so pipes and logs stay clean).
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
}

impl Progress {
    /// A bar over `total_bytes`, with its clock started at `start`.
    pub fn new(wanted: bool, total_bytes: u64, start: Instant) -> Progress {
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
                start,
            };
        }
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} (ETA {eta})",
        ) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar, start }
    }

    /// A file of `bytes` was written; `docs` documents so far.
    pub fn file_done(&self, bytes: u64, docs: u64) {
        self.bar.inc(bytes);
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        self.bar
            .set_message(format!("{docs} docs, {:.0} docs/s", docs as f64 / secs));
    }

    /// Remove the bar before the summary is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
