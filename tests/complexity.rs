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
    assert_growth_at_most(MAX_RATIO_AT_8X, "near-linear", what, n, make, work);
}

/// As [`assert_near_linear`], with the allowed ratio and its name given.
fn assert_growth_at_most<T>(max_ratio: f64, expected: &str, what: &str, n: usize, make: impl Fn(usize) -> T, work: impl Fn(&T)) {
    let small = make(n);
    let large = make(8 * n);
    work(&small); // warm up allocator and caches
    let t_small = best_of(3, || work(&small));
    let t_large = best_of(3, || work(&large));
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    eprintln!("{what}: n={n} {t_small:?}, 8n {t_large:?}, ratio {ratio:.1}");
    assert!(
        ratio <= max_ratio,
        "{what}: 8× the input took {ratio:.1}× the time ({t_small:?} → {t_large:?}); expected {expected} (≤ {max_ratio})"
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

// ---- model, tripwires and views ---------------------------------------------

use chrono::{Duration as Days, NaiveDate};
use teamdiff::dataset::{Dataset, Person, PrState, PullRequest, RowRef};

/// Work that must not grow with a size at all, such as the length of a time
/// span (unlike a row count), may cost this much more at 8× the size: 1 is
/// flat, 8 linear, and the margin absorbs noise.
const MAX_RATIO_FLAT: f64 = 3.0;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

/// `prs` open, unreviewed PRs by one engineer, each created `years` ago:
/// `slow_first_review` counts the business hours every one has waited.
fn open_prs_created_years_ago(years: usize, prs: usize) -> Dataset {
    let created = (today() - Days::days(365 * years as i64)).and_hms_opt(9, 0, 0).unwrap();
    let at = |line| RowRef { file: 0, line };
    Dataset {
        people: vec![Person { source: at(1), name: "Ada".into(), team: "Core".into(), role: "engineer".into() }],
        pull_requests: (0..prs)
            .map(|i| PullRequest {
                source: at(i as u32 + 2),
                number: i.to_string(),
                repo: "api".into(),
                title: "old".into(),
                author: "Ada".into(),
                created: Some(created),
                merged: None,
                closed: None,
                state: PrState::Open,
                requested_reviewers: vec![],
                reviewers: vec![],
                first_review: None,
            })
            .collect(),
        ..Dataset::default()
    }
}

#[test]
fn business_hours_do_not_grow_with_how_long_ago_a_pr_was_opened() {
    let model = teamdiff::model::TeamModel::default();
    assert_growth_at_most(
        MAX_RATIO_FLAT,
        "independent of the span",
        "slow_first_review over PRs opened n years ago",
        4,
        |years| open_prs_created_years_ago(years, 1_000),
        |dataset| {
            std::hint::black_box(teamdiff::findings::evaluate(dataset, &model, today()));
        },
    );
}
