//! When the ingest run commits: every N documents, every T seconds, and at
//! the end. A commit bounds what a crash or `kill -9` can lose (tantivy's
//! commit is atomic, so the index always opens at its last one), at the
//! price of a segment flush each time.

use std::time::{Duration, Instant};

/// The commit rule of one run and the state it needs (documents added and
/// time passed since the last commit). The final commit at the end of a run
/// is always made; this decides the ones in between.
#[derive(Debug, Clone)]
pub struct CommitPolicy {
    /// Commit once this many documents were added since the last commit (0 = off).
    every_docs: usize,
    /// Commit once this much time has passed since the last commit (`None` = off).
    interval: Option<Duration>,
    since_commit: usize,
    last_commit: Instant,
}

impl CommitPolicy {
    /// A policy committing every `every_docs` documents (0 = never by count)
    /// and every `interval` (`None` = never by time), starting its clock at `now`.
    pub fn new(every_docs: usize, interval: Option<Duration>, now: Instant) -> CommitPolicy {
        CommitPolicy {
            every_docs,
            interval,
            since_commit: 0,
            last_commit: now,
        }
    }

    /// Note `n` documents added (or deleted and re-added) since the last commit.
    pub fn added(&mut self, n: usize) {
        self.since_commit += n;
    }

    /// Documents added since the last commit.
    pub fn pending(&self) -> usize {
        self.since_commit
    }

    /// True when a commit is due at `now`: something is pending, and the
    /// count or the interval has been reached.
    pub fn due(&self, now: Instant) -> bool {
        if self.since_commit == 0 {
            return false;
        }
        let by_count = self.every_docs > 0 && self.since_commit >= self.every_docs;
        let by_time = self
            .interval
            .is_some_and(|i| now.saturating_duration_since(self.last_commit) >= i);
        by_count || by_time
    }

    /// Note a commit made at `now`.
    pub fn committed(&mut self, now: Instant) {
        self.since_commit = 0;
        self.last_commit = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_by_count() {
        let t0 = Instant::now();
        let mut p = CommitPolicy::new(3, None, t0);
        assert!(!p.due(t0), "nothing pending");
        p.added(2);
        assert!(!p.due(t0));
        p.added(1);
        assert!(p.due(t0));
        p.committed(t0);
        assert_eq!(p.pending(), 0);
        assert!(!p.due(t0));
        // A file of many documents overshoots the count: still one commit.
        p.added(10);
        assert!(p.due(t0));
    }

    #[test]
    fn commits_by_time_only_with_pending_work() {
        let t0 = Instant::now();
        let mut p = CommitPolicy::new(0, Some(Duration::from_secs(30)), t0);
        let later = t0 + Duration::from_secs(31);
        assert!(!p.due(later), "an idle interval commits nothing");
        p.added(1);
        assert!(!p.due(t0 + Duration::from_secs(29)));
        assert!(p.due(later));
        p.committed(later);
        p.added(1);
        assert!(!p.due(later + Duration::from_secs(1)), "the clock restarts");
        assert!(p.due(later + Duration::from_secs(30)));
    }

    #[test]
    fn off_means_only_at_the_end() {
        let t0 = Instant::now();
        let mut p = CommitPolicy::new(0, None, t0);
        p.added(1_000_000);
        assert!(!p.due(t0 + Duration::from_secs(86_400)));
        assert_eq!(p.pending(), 1_000_000);
    }
}
