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
}
