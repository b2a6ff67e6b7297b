//! Running the emitter's independent jobs on every core: a build script runs while the crate
//! that includes its output waits, so the generator's time is on every clean build's path.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many jobs the work is too small to be worth a thread.
const MIN_JOBS_FOR_THREADS: usize = 4;

/// The results of `job(0..count)`, in order, computed on up to as many threads as cargo
/// allows the build (`NUM_JOBS`) and the machine has cores.
pub fn map_in_order<T: Send>(count: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads().min(count);
    if threads < 2 || count < MIN_JOBS_FOR_THREADS {
        return (0..count).map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            return mine;
                        }
                        mine.push((index, job(index)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(results) => results,
                // A job panicked: let the build script fail as it would have without threads.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// Cores available, capped by cargo's job count when run from a build script.
fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::env::var("NUM_JOBS")
        .ok()
        .and_then(|jobs| jobs.parse::<usize>().ok())
        .map_or(cores, |jobs| jobs.clamp(1, cores))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_jobs_order() {
        let squares = map_in_order(100, |i| i * i);
        assert_eq!(squares, (0..100).map(|i| i * i).collect::<Vec<_>>());
        assert!(map_in_order(0, |i| i).is_empty());
    }
}
