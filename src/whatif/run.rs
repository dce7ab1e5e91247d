//! Run many independent scenarios in parallel: `jobs` workers, one task per
//! scenario.
//!
//! Each worker is a thread with a one-thread rayon pool of its own, on which
//! it runs its tasks one by one. Every parallel loop inside the engine (the
//! ladder's providers, the independent components) therefore runs serially
//! within its task and sizes its time budgets for one thread: the tasks are
//! the parallel unit and exactly `jobs` solves run at once. (One shared
//! rayon pool would not keep that promise: a worker waiting on a nested
//! parallel loop, or on another pool, steals the next task, so more solves
//! would run than there are threads and their time limits would overrun.)
//!
//! Each task builds, solves and drops its HiGHS models on its worker's
//! thread, with one HiGHS thread: HiGHS keeps its task executor per calling
//! thread (ERGO-Code/HiGHS#818), and the C API's `Highs_destroy` resets that
//! thread's executor (the thread-safety issue of ERGO-Code/HiGHS#3141), so a
//! model must never outlive its task or move between threads. The stress
//! test (`tests/whatif.rs`) runs hundreds of solves this way and compares
//! them with a serial run.
//!
//! A task that fails or panics becomes an error row; the others go on.

use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

/// One finished task.
#[derive(Debug, Clone)]
pub struct Done<T> {
    /// The task's index (variant or run number).
    pub index: usize,
    /// Its result, or why it failed.
    pub result: Result<T, String>,
    /// Wall-clock seconds it took.
    pub seconds: f64,
}

/// Run `task` for every index in `indices` on `jobs` workers; the results
/// come back in the order of `indices`, whatever order they finished in.
/// `label` names the work on the progress bar (stderr, with ETA; plain
/// lines at every tenth when stderr is not a terminal, e.g. under Slurm).
pub fn run<T, F>(
    label: &str,
    indices: &[usize],
    jobs: usize,
    progress: bool,
    task: F,
) -> Result<Vec<Done<T>>, String>
where
    T: Send,
    F: Fn(usize) -> Result<T, String> + Sync,
{
    let workers = jobs.clamp(1, indices.len().max(1));
    let pools = (0..workers)
        .map(|w| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(move |_| format!("kraamplan-job-{w}"))
                .build()
                .map_err(|e| format!("cannot start {jobs} worker threads: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let meter = Meter::new(label, indices.len(), progress);
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Done<T>>>> = Mutex::new(
        std::iter::repeat_with(|| None)
            .take(indices.len())
            .collect(),
    );
    std::thread::scope(|scope| {
        for pool in &pools {
            let (next, slots, meter, task) = (&next, &slots, &meter, &task);
            scope.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(&index) = indices.get(k) else { break };
                let started = Instant::now();
                let result = match catch_unwind(AssertUnwindSafe(|| pool.install(|| task(index)))) {
                    Ok(result) => result,
                    Err(panic) => Err(format!("panicked: {}", panic_message(&*panic))),
                };
                meter.tick(result.is_err());
                let done = Done {
                    index,
                    result,
                    seconds: started.elapsed().as_secs_f64(),
                };
                slots.lock().unwrap_or_else(|e| e.into_inner())[k] = Some(done);
            });
        }
    });
    meter.finish();
    Ok(slots
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|d| d.expect("every index ran"))
        .collect())
}

/// The message of a panic payload.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

/// Progress on stderr: a bar with ETA on a terminal, a line per tenth otherwise.
struct Meter {
    label: String,
    total: usize,
    done: AtomicUsize,
    failed: AtomicUsize,
    bar: Option<ProgressBar>,
    lines: bool,
    started: Instant,
}

impl Meter {
    fn new(label: &str, total: usize, progress: bool) -> Meter {
        let terminal = std::io::stderr().is_terminal();
        let bar = (progress && terminal).then(|| {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix} [{elapsed_precise}] {wide_bar} {pos}/{len} ETA {eta} {msg}",
                )
                .expect("a valid template"),
            );
            bar.set_prefix(label.to_string());
            bar
        });
        Meter {
            label: label.to_string(),
            total,
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            bar,
            lines: progress && !terminal,
            started: Instant::now(),
        }
    }

    fn tick(&self, failed: bool) {
        let failed = self
            .failed
            .fetch_add(usize::from(failed), Ordering::Relaxed)
            + usize::from(failed);
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if failed > 0 {
                bar.set_message(format!("{failed} failed"));
            }
        } else if self.lines
            && (done * 10 / self.total.max(1) > (done - 1) * 10 / self.total.max(1))
        {
            let elapsed = self.started.elapsed().as_secs_f64();
            let eta = elapsed / done as f64 * (self.total - done) as f64;
            eprintln!(
                "{}: {done}/{} done, {failed} failed, {elapsed:.0} s, ETA {eta:.0} s",
                self.label, self.total
            );
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_index_order_with_failures_and_panics_as_rows() {
        let indices: Vec<usize> = (0..40).rev().collect();
        let done = run("test", &indices, 2, false, |i| match i % 10 {
            3 => Err(format!("bad {i}")),
            7 => panic!("boom {i}"),
            _ => Ok(i * i),
        })
        .unwrap();
        assert_eq!(done.len(), 40);
        for (d, &i) in done.iter().zip(&indices) {
            assert_eq!(d.index, i);
            match i % 10 {
                3 => assert_eq!(d.result, Err(format!("bad {i}"))),
                7 => assert_eq!(d.result, Err(format!("panicked: boom {i}"))),
                _ => assert_eq!(d.result, Ok(i * i)),
            }
        }
    }

    #[test]
    fn each_task_sees_one_thread_and_jobs_tasks_run_at_once() {
        use std::sync::atomic::AtomicUsize;
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let indices: Vec<usize> = (0..12).collect();
        let done = run("test", &indices, 3, false, |_| {
            let running = now.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(running, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(30));
            // A parallel loop inside a task stays on the task's thread.
            use rayon::prelude::*;
            let inner: usize = (0..8)
                .into_par_iter()
                .map(|_| rayon::current_num_threads())
                .sum();
            now.fetch_sub(1, Ordering::SeqCst);
            Ok(inner)
        })
        .unwrap();
        assert!(done.iter().all(|d| d.result == Ok(8)), "{done:?}");
        assert!(most.load(Ordering::SeqCst) <= 3);
        assert!(most.load(Ordering::SeqCst) >= 2, "tasks overlap");
    }
}
