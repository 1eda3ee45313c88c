//! Admission for searches: at most `threads` run at once on the blocking
//! pool, at most `queue` more wait, and each request has a deadline.
//!
//! Beyond the queue a request is refused at once with 503, so a burst costs
//! a bounded amount of memory and time. A request past its deadline is
//! answered 504; its search, if it had started, runs to its end on its
//! thread (tantivy cannot stop a search half-way) and keeps its slot until
//! then, so the gate never lets more searches run than it counts. Query
//! limits (`params.rs`, and the query parser's caps on truncation and
//! fuzzy matching) keep that end near.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use super::problem::Problem;

/// The admission gate (see the module doc).
pub struct Gate {
    running: Arc<Semaphore>,
    admitted: Arc<AtomicUsize>,
    max_admitted: usize,
    timeout: Duration,
}

/// One admitted request; leaving the gate when dropped.
struct Admission(Arc<AtomicUsize>);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Gate {
    /// A gate letting `threads` searches run and `queue` wait, each within
    /// `timeout`.
    pub fn new(threads: usize, queue: usize, timeout: Duration) -> Gate {
        Gate {
            running: Arc::new(Semaphore::new(threads)),
            admitted: Arc::new(AtomicUsize::new(0)),
            max_admitted: threads + queue,
            timeout,
        }
    }

    /// Run `job` on the blocking pool when a slot is free, or refuse.
    pub(crate) async fn run<T, F>(&self, job: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, Problem> + Send + 'static,
    {
        let before = self.admitted.fetch_add(1, Ordering::AcqRel);
        let admission = Admission(self.admitted.clone());
        if before >= self.max_admitted {
            return Err(Problem::busy());
        }
        let running = self.running.clone();
        let work = async move {
            let permit = running
                .acquire_owned()
                .await
                .map_err(|_| Problem::internal("the search pool is closed"))?;
            tokio::task::spawn_blocking(move || {
                // Held until the search really ends, even after a timeout.
                let _slot = (permit, admission);
                job()
            })
            .await
            .map_err(|e| Problem::internal(&format!("a search failed: {e}")))?
        };
        match tokio::time::timeout(self.timeout, work).await {
            Ok(result) => result,
            Err(_) => Err(Problem::timeout(self.timeout)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn beyond_the_queue_a_request_is_refused_with_503() {
        runtime().block_on(async {
            let gate = Arc::new(Gate::new(1, 0, Duration::from_secs(30)));
            let (release, wait) = std::sync::mpsc::channel::<()>();
            let (started, is_running) = tokio::sync::oneshot::channel::<()>();
            let g = gate.clone();
            let first = tokio::spawn(async move {
                g.run(move || {
                    let _ = started.send(());
                    let _ = wait.recv();
                    Ok(1)
                })
                .await
            });
            is_running.await.unwrap();
            let refused = gate.run(|| Ok(2)).await.unwrap_err();
            assert_eq!(refused.status, 503);
            release.send(()).unwrap();
            assert_eq!(first.await.unwrap().unwrap(), 1);
            // The slot is free again.
            assert_eq!(gate.run(|| Ok(3)).await.unwrap(), 3);
        });
    }

    #[test]
    fn past_the_deadline_the_answer_is_504_and_the_slot_stays_held() {
        runtime().block_on(async {
            let gate = Gate::new(1, 0, Duration::from_millis(50));
            let (release, wait) = std::sync::mpsc::channel::<()>();
            let late = gate
                .run(move || {
                    let _ = wait.recv();
                    Ok(())
                })
                .await
                .unwrap_err();
            assert_eq!(late.status, 504);
            // The timed-out search still runs, so it still counts.
            assert_eq!(gate.run(|| Ok(())).await.unwrap_err().status, 503);
            release.send(()).unwrap();
            let deadline = std::time::Instant::now() + Duration::from_secs(30);
            loop {
                match gate.run(|| Ok(())).await {
                    Ok(()) => break,
                    Err(_) if std::time::Instant::now() < deadline => {
                        tokio::time::sleep(Duration::from_millis(10)).await
                    }
                    Err(e) => panic!("the slot was never freed: {e:?}"),
                }
            }
        });
    }

    #[test]
    fn errors_of_the_job_come_back_as_they_are() {
        runtime().block_on(async {
            let gate = Gate::new(2, 2, Duration::from_secs(30));
            let e = gate
                .run(|| -> Result<(), Problem> { Err(Problem::not_found("gone")) })
                .await
                .unwrap_err();
            assert_eq!((e.status, e.detail.as_str()), (404, "gone"));
        });
    }
}
