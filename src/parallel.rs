//! One job runner for the stages that share work out among threads.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

/// The machine's cores, as the standard library reports them; 1 when it
/// cannot tell.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// How many threads a stage spreads its work on: the cores, at most eight.
pub(crate) fn threads() -> usize {
    cores().min(8)
}

/// Runs `a` on this thread and `b` on another, and returns both results.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        match other.join() {
            Ok(second) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// `work` applied to each of `jobs`, taken by value, as [`run_indexed`]
/// shares them out; results in job order.
pub(crate) fn run_jobs<J: Send, T: Send>(
    threads: usize,
    jobs: Vec<J>,
    this_thread_works: bool,
    work: impl Fn(J) -> T + Sync,
) -> Vec<T> {
    if threads.min(jobs.len()) <= 1 {
        return jobs.into_iter().map(work).collect();
    }
    // Each job is taken by exactly one thread, by its index.
    let queue: Vec<Mutex<Option<J>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    run_indexed(threads, queue.len(), this_thread_works, |i| {
        let job = queue[i].lock().unwrap_or_else(|e| e.into_inner()).take();
        job.map(&work)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Runs `f(i)` for each `i` in `0..n` on up to `threads` threads, and
/// returns the results in order. Each thread takes the next `i` when it is
/// free: on a shared host a thread that is held up does less, rather than
/// its fixed share while the others wait. With `this_thread_works` the
/// calling thread takes jobs too; otherwise it only waits, so that nothing
/// the jobs allocate lands on its heap.
pub(crate) fn run_indexed<R: Send>(
    threads: usize,
    n: usize,
    this_thread_works: bool,
    f: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(n);
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done: Vec<(usize, R)> = Vec::new();
        loop {
            let i = next.fetch_add(1, Relaxed);
            if i >= n {
                return done;
            }
            done.push((i, f(i)));
        }
    };
    let done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let spawned = if this_thread_works {
            threads - 1
        } else {
            threads
        };
        let helpers: Vec<_> = (0..spawned).map(|_| scope.spawn(take)).collect();
        let mut done = if this_thread_works {
            take()
        } else {
            Vec::new()
        };
        for h in helpers {
            match h.join() {
                Ok(d) => done.extend(d),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    let mut out: Vec<Option<R>> = (0..n).map(|_| None).collect();
    for (i, r) in done {
        out[i] = Some(r);
    }
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_on_any_number_of_threads() {
        // (threads, jobs, this thread works)
        let cases = [
            (1, 5, true),
            (2, 1, false),
            (2, 100, true),
            (2, 100, false),
            (8, 3, true),
        ];
        for (threads, n, works) in cases {
            let out = run_indexed(threads, n, works, |i| i * i);
            let want: Vec<usize> = (0..n).map(|i| i * i).collect();
            assert_eq!(out, want, "{threads} threads, {n} jobs, {works}");
            let out = run_jobs(threads, (0..n).collect(), works, |i| i * i);
            assert_eq!(out, want, "jobs: {threads} threads, {n} jobs, {works}");
        }
    }
}
