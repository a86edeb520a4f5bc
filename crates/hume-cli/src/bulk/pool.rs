//! [`run`]: `jobs` worker threads working through a list, each result handed to the calling
//! thread as it comes.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// What the caller wants after a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Take no more items (those in flight still finish and are handed over).
    Stop,
}

/// Runs `work` over `items` on `jobs` threads (at least one, at most one per item). Each
/// result goes to `handle` on the calling thread, with its item's index, in the order they
/// finish. Workers take no new item once `interrupt` is set or `handle` returned
/// [`Flow::Stop`]; items in flight finish and are handed over all the same. Returns how many
/// items were taken (`0..n` in order: the rest were never started).
pub fn run<T, R>(
    items: &[T],
    jobs: usize,
    interrupt: &AtomicBool,
    work: impl Fn(&T) -> R + Sync,
    mut handle: impl FnMut(usize, R) -> Flow,
) -> usize
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = jobs.clamp(1, items.len().max(1));
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                loop {
                    if interrupt.load(Ordering::SeqCst) || stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            if handle(i, result) == Flow::Stop {
                stop.store(true, Ordering::SeqCst);
            }
        }
    });
    next.load(Ordering::SeqCst).min(items.len())
}

#[cfg(test)]
mod tests;
