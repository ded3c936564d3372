//! Work split over two cores where it splits without changing the result:
//! the machines prosopo is measured on have two, and a bulk import keeps
//! both busy only where its steps are cut in halves like this.

/// Items from which [`map`] uses a second thread (below it, starting one
/// costs more than it saves).
pub const TWO_CORES: usize = 20_000;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `f` of every item, in order: the second half on another thread when
/// there are at least `min` items and a second core.
pub fn map<T: Sync, R: Send>(items: &[T], min: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < min.max(2) || cores() < 2 {
        return items.iter().map(&f).collect();
    }
    let (first, second) = items.split_at(items.len() / 2);
    let f = &f;
    let (mut out, rest) = join(
        || {
            let mut out = Vec::with_capacity(items.len());
            out.extend(first.iter().map(f));
            out
        },
        || second.iter().map(f).collect::<Vec<R>>(),
    );
    out.extend(rest);
    out
}

/// Runs `a` here and `b` on another thread, and returns both results. A
/// panic in `b` is raised again here.
pub fn join<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B)
where
    B: Send,
{
    std::thread::scope(|s| {
        let other = s.spawn(b);
        let first = a();
        let second = other
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (first, second)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_on_two_cores_keeps_the_order() {
        let items: Vec<u64> = (0..50_001).collect();
        let squares = map(&items, 10, |x| x * x);
        let expected: Vec<u64> = items.iter().map(|x| x * x).collect();
        assert_eq!(squares, expected);
        assert_eq!(map(&items[..3], 10, |x| x + 1), vec![1, 2, 3]);
        assert!(map(&[] as &[u8], 0, |x| *x).is_empty());
    }

    #[test]
    fn a_join_returns_both_sides() {
        let (a, b) = join(|| "here", || 40 + 2);
        assert_eq!((a, b), ("here", 42));
    }

    #[test]
    #[should_panic(expected = "the other side")]
    fn a_panic_on_the_other_thread_is_raised_again() {
        join(|| (), || panic!("the other side"));
    }
}
