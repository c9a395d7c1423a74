//! Work on every core, results in order: per-document work (checks, search items) is
//! independent, and a folder holds thousands of documents.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// `f` of every item, in the items' order, computed on every core in contiguous chunks.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || items.len() < 2 {
        return items.iter().enumerate().map(|(i, x)| f(i, x)).collect();
    }
    let per = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(per)
            .enumerate()
            .map(|(k, chunk)| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .enumerate()
                        .map(|(i, x)| f(k * per + i, x))
                        .collect::<Vec<R>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in `f` is a bug: passed on as it is, as a loop would.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` of every item, taken by value, in the items' order, on every core in contiguous chunks:
/// each item is dropped as soon as its result is made (by the thread that made it).
pub fn map_owned<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    let per = items.len().div_ceil(cores);
    let mut chunks = Vec::with_capacity(cores);
    while items.len() > per {
        chunks.push(items.split_off(items.len() - per));
    }
    chunks.push(items);
    chunks.reverse();
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| s.spawn(move || chunk.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// `f` of every item, handed to `each` in the items' order as soon as it and every item before
/// it are done, while the next are computed: writing a cache part overlaps encoding the next.
/// At most `window` results wait to be handed over, so that the results of a whole folder
/// (every shard of 20,000 documents) are never in memory together. The first error of `each`
/// stops the work and is returned; a panic in `f` is passed on as it is.
pub fn for_each_in_order<T: Sync, R: Send, E>(
    items: &[T],
    window: usize,
    f: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || items.len() < 2 {
        return items.iter().try_for_each(|x| each(x, f(x)));
    }
    let window = window.max(1);
    let next = AtomicUsize::new(0);
    // How many results `each` has taken, and whether to stop; workers wait on `taken` when
    // they are `window` items ahead of it.
    let taken = (Mutex::new((0usize, false)), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    let (f, next, taken) = (&f, &next, &taken);
    std::thread::scope(|s| {
        for _ in 0..cores {
            let tx = tx.clone();
            s.spawn(move || {
                // Whatever ends this worker (a panic in `f` included) wakes the others, so
                // that none waits for an item that will never be handed over.
                let _stop = StopOnExit(taken);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || !wait_for_room(taken, i, window) {
                        return;
                    }
                    if tx.send((i, f(&items[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut done: BTreeMap<usize, R> = BTreeMap::new();
        let mut want = 0;
        let result = (|| {
            for (i, r) in &rx {
                done.insert(i, r);
                while let Some(r) = done.remove(&want) {
                    each(&items[want], r)?;
                    want += 1;
                    let (lock, cv) = taken;
                    lock.lock().unwrap_or_else(|e| e.into_inner()).0 = want;
                    cv.notify_all();
                }
            }
            Ok(())
        })();
        stop(taken);
        drop(rx);
        result
    })
}

/// Waits until item `i` is within `window` of the items taken; false when the work stopped.
fn wait_for_room(taken: &(Mutex<(usize, bool)>, Condvar), i: usize, window: usize) -> bool {
    let (lock, cv) = taken;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    while !state.1 && i >= state.0 + window {
        state = cv.wait(state).unwrap_or_else(|e| e.into_inner());
    }
    !state.1
}

fn stop(taken: &(Mutex<(usize, bool)>, Condvar)) {
    let (lock, cv) = taken;
    lock.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
    cv.notify_all();
}

struct StopOnExit<'a>(&'a (Mutex<(usize, bool)>, Condvar));

impl Drop for StopOnExit<'_> {
    fn drop(&mut self) {
        // A worker that ran out of items must not stop the others; one that panicked must.
        if std::thread::panicking() {
            stop(self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u32> = (0..1001).collect();
        let out = super::map(&items, |i, x| (i, x * 2));
        assert_eq!(out.len(), 1001);
        assert!(out
            .iter()
            .enumerate()
            .all(|(i, (j, y))| i == *j && *y == 2 * i as u32));
        let mut seen = Vec::new();
        super::for_each_in_order(
            &items,
            64,
            |x| x + 1,
            |x, r| {
                seen.push((*x, r));
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|x| (*x, x + 1)).collect::<Vec<_>>());
    }

    #[test]
    fn owned_results_keep_the_items_order() {
        for n in [0usize, 1, 2, 3, 1001] {
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let out = super::map_owned(items, |s| s.parse::<usize>().unwrap() * 2);
            assert_eq!(out, (0..n).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn in_order_stops_at_the_first_error_and_holds_at_most_the_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<u32> = (0..500).collect();
        let computed = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r = super::for_each_in_order(
            &items,
            8,
            |x| {
                computed.fetch_add(1, Ordering::Relaxed);
                *x
            },
            |_, r| {
                seen.push(r);
                if r == 100 {
                    Err(r)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err(100));
        assert_eq!(seen, (0..=100).collect::<Vec<_>>());
        // Work stops soon after: never more than the window (and a result per worker) ahead.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert!(computed.into_inner() <= 101 + 8 + cores);
    }

    #[test]
    fn in_order_passes_a_panic_on_without_hanging() {
        let items: Vec<u32> = (0..200).collect();
        let r = std::panic::catch_unwind(|| {
            super::for_each_in_order(
                &items,
                4,
                |&x| {
                    assert!(x != 37, "boom");
                    x
                },
                |_, _| Ok::<(), ()>(()),
            )
        });
        assert!(r.is_err());
    }
}
