//! Loops over every row that the browser can optimise while they run.
//!
//! V8 runs a WebAssembly function first as baseline code (Liftoff) and,
//! once it has run enough, compiles it again with its optimising compiler
//! (TurboFan) in the background; but only a *new call* runs the optimised
//! code: WebAssembly has no on-stack replacement. A function that is called
//! once and loops over half a million rows (building the index, a
//! tripwire) therefore runs every row as baseline code, about half as fast,
//! whenever a worker has not yet called it: on a page's first drop, which
//! is the one a person waits for. [`each`] calls the loop's body as a
//! function of its own, once per item, so after the first few thousand
//! items the body runs optimised. Natively it is one call per item, so it
//! is for loops whose body does real work per item.
//!
//! ```
//! let mut total = 0;
//! teamdiff::tiering::each([1, 2, 3], |n| total += n);
//! assert_eq!(total, 6);
//! ```

/// `for item in items { body(item) }`, with `body` compiled apart from the
/// loop (see the module's overview).
pub fn each<I: IntoIterator>(items: I, mut body: impl FnMut(I::Item)) {
    for item in items {
        apart(&mut body, item);
    }
}

/// `items.iter().any(test)` for a test too small to be worth a call per
/// item: the items are tested [`ANY_CHUNK`] at a time, each chunk in one
/// call of a function of its own, so V8 optimises it after a few chunks.
pub fn any<T>(items: &[T], mut test: impl FnMut(&T) -> bool) -> bool {
    items.chunks(ANY_CHUNK).any(|chunk| any_apart(&mut test, chunk))
}

/// Items per call of [`any`]'s test: enough that the call costs nothing
/// beside them, few enough that V8 sees the function called often.
const ANY_CHUNK: usize = 256;

#[inline(never)]
fn any_apart<T>(test: &mut impl FnMut(&T) -> bool, chunk: &[T]) -> bool {
    chunk.iter().any(test)
}

/// One call of `body`: a function of its own for each loop body, never
/// inlined into the loop that calls it.
#[inline(never)]
fn apart<T>(body: &mut impl FnMut(T), item: T) {
    body(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_visits_every_item_once_in_order() {
        let mut seen = Vec::new();
        each(["a", "b", "c"].iter().enumerate(), |(at, name)| seen.push(format!("{at}{name}")));
        assert_eq!(seen, ["0a", "1b", "2c"]);
        let mut none = 0;
        each(Vec::<u8>::new(), |_| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn any_stops_at_the_first_item_that_passes_in_any_chunk() {
        let items: Vec<usize> = (0..3 * ANY_CHUNK + 7).collect();
        for wanted in [0, ANY_CHUNK - 1, ANY_CHUNK, 2 * ANY_CHUNK + 3, items.len() - 1] {
            let mut tested = 0;
            assert!(any(&items, |&n| {
                tested += 1;
                n == wanted
            }));
            assert_eq!(tested, wanted + 1, "items up to {wanted} tested, and no more");
        }
        assert!(!any(&items, |&n| n > items.len()));
        assert!(!any(&[] as &[u8], |_| true));
    }
}
