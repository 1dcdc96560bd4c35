//! The complexity suite: every path whose cost grows with a size the input
//! controls (rows, cells, columns, list lengths, teams, names) is timed at
//! 1× and 8× that size, and must grow near-linearly.
//!
//! Speed itself is measured in benchmarks (BENCHMARKS.md), never asserted
//! here: only the *ratio* between the two sizes is, which is what tells a
//! linear path (≈ 8×) from a quadratic one (≈ 64×) on any machine. Each
//! size takes the best of a few runs, so a busy neighbour on a shared CI
//! machine inflates a ratio rarely and never deflates it.

#[allow(unused)]
mod common;

use std::time::{Duration, Instant};

/// How much slower 8× the input may be. Linear is 8, n·log n about 10,
/// quadratic 64: 24 leaves room for cache effects and noise while still
/// failing every quadratic path.
const MAX_RATIO_AT_8X: f64 = 24.0;

fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .expect("at least one run")
}

/// Times `work(input)` on `make(n)` and `make(8 * n)` (building the input is
/// not timed) and asserts the cost grew near-linearly.
fn assert_near_linear<T>(what: &str, n: usize, make: impl Fn(usize) -> T, work: impl Fn(&T)) {
    let small = make(n);
    let large = make(8 * n);
    work(&small); // warm up allocator and caches
    let t_small = best_of(3, || work(&small));
    let t_large = best_of(3, || work(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    eprintln!("{what}: n={n} {t_small:?}, 8n {t_large:?}, ratio {ratio:.1}");
    assert!(
        ratio <= MAX_RATIO_AT_8X,
        "{what}: 8× the input took {ratio:.1}× the time ({t_small:?} → {t_large:?}); expected near-linear (≤ {MAX_RATIO_AT_8X})"
    );
}

/// The yardstick itself: a quadratic path must fail it, a linear one pass.
#[test]
fn the_ratio_tells_quadratic_from_linear() {
    let sum_pairs = |v: &Vec<u64>| {
        let mut total = 0u64;
        for a in v {
            for b in v {
                total = total.wrapping_add(a ^ b);
            }
        }
        std::hint::black_box(total);
    };
    let quadratic = std::panic::catch_unwind(|| assert_near_linear("pairs", 400, |n| (0..n as u64).collect(), sum_pairs));
    assert!(quadratic.is_err(), "a quadratic path passed the complexity check");
    assert_near_linear("sum", 200_000, |n| (0..n as u64).collect::<Vec<_>>(), |v| {
        std::hint::black_box(v.iter().fold(0u64, |a, b| a.wrapping_add(*b)));
    });
}

// ---- ingest: CSV ------------------------------------------------------------

// ---- ingest: JSON -----------------------------------------------------------

/// A `gh pr list --json ...` export of `n` PRs, compact on one line as `gh`
/// prints it into a pipe: every element's column lies far from line start.
fn gh_export(n: usize) -> Vec<u8> {
    let prs: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"author":{{"login":"dev{a}"}},"createdAt":"2025-01-{d:02}T10:00:00Z","mergedAt":null,"number":{i},"reviewRequests":[{{"login":"dev{r}"}}],"reviews":[{{"author":{{"login":"dev{r}"}},"state":"APPROVED","submittedAt":"2025-01-{d:02}T12:00:00Z"}}],"state":"OPEN","title":"Change {i}"}}"#,
                a = i % 40,
                r = (i + 1) % 40,
                d = i % 28 + 1
            )
        })
        .collect();
    format!("[{}]", prs.join(",")).into_bytes()
}

fn ingest_json(bytes: &[u8]) -> teamdiff::dataset::Dataset {
    let mut data = teamdiff::dataset::Dataset::default();
    let options = teamdiff::ingest::IngestOptions::default();
    teamdiff::ingest::ingest_file(&mut data, "x.json", bytes, &options, &mut |_, _| {}).expect("loads");
    data
}

/// Each element's line and column used to be counted from byte 0.
#[test]
fn json_positions_are_linear_in_elements() {
    assert_near_linear("gh json export", 400, gh_export, |bytes| {
        assert!(!ingest_json(bytes).pull_requests.is_empty());
    });
}

/// PRs that each carry a key no other has: every row used to get the union
/// of all keys, n objects × n columns.
fn disjoint_keys(n: usize) -> Vec<u8> {
    let objects: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"number":{i},"author":{{"login":"a"}},"createdAt":"2025-01-02","state":"OPEN","x{i}":1}}"#))
        .collect();
    format!("[\n{}\n]", objects.join(",\n")).into_bytes()
}

#[test]
fn json_disjoint_keys_are_linear_in_objects() {
    assert_near_linear("json disjoint keys", 300, disjoint_keys, |bytes| {
        std::hint::black_box(ingest_json(bytes));
    });
}


// ---- model, tripwires and views ---------------------------------------------
