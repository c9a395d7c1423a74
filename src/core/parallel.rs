//! Work on every core, results in order: per-document work (checks, search items) is
//! independent, and a folder holds thousands of documents.

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

/// `f` of every item, handed to `each` in the items' order, a batch at a time: the results of a
/// whole folder (every check of 20,000 documents) are never in memory together.
pub fn for_each_in_order<T: Sync, R: Send, E>(
    items: &[T],
    batch: usize,
    f: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E> {
    for chunk in items.chunks(batch.max(1)) {
        for (x, r) in chunk.iter().zip(map(chunk, |_, x| f(x))) {
            each(x, r)?;
        }
    }
    Ok(())
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
}
