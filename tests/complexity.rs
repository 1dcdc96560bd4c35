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
    // Tests run on parallel threads; two timings sharing the cores and the
    // memory bus would distort each other's ratios, so they take turns.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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

fn ingest_csv(text: &str) -> teamdiff::dataset::Dataset {
    let mut dataset = teamdiff::dataset::Dataset::default();
    let options = teamdiff::ingest::IngestOptions::default();
    teamdiff::ingest::ingest_file(&mut dataset, "complexity.csv", text.as_bytes(), &options, &mut |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    dataset
}

/// A whole pull-request CSV, rows with dates, people and lists, each row
/// also a warning (an unreadable state) so the capped warnings are timed too.
#[test]
fn csv_ingest_grows_linearly_with_rows() {
    let make = |n: usize| {
        let mut text = String::from("number,title,author,created_at,merged_at,state,reviewers\n");
        for i in 0..n {
            text.push_str(&format!(
                "{i},Fix number {i},dev{},2026-01-{:02}T10:00:00Z,2026-02-01T10:00:00Z,sideways,r{};r{}\n",
                i % 50,
                i % 28 + 1,
                i % 7,
                i % 11
            ));
        }
        text
    };
    assert_near_linear("CSV rows", 2_000, make, |text| {
        std::hint::black_box(ingest_csv(text));
    });
}

/// One cell naming n approvers, half of them twice: de-duplication used to
/// compare each name with every name kept so far.
#[test]
fn list_deduplication_grows_linearly_with_the_list() {
    let make = |n: usize| {
        let approvers: Vec<String> = (0..n).map(|i| format!("person {}", i % (n / 2))).collect();
        format!("doc,team,author,date,approvers\nD,Core,ana,2026-01-05,{}\n", approvers.join(";"))
    };
    assert_near_linear("approvers in one cell", 5_000, make, |text| {
        let dataset = ingest_csv(text);
        assert_eq!(dataset.design_docs[0].approvers.len(), text.matches(';').count().div_ceil(2));
    });
}

/// The column-mapping step over a header of list columns and near misses
/// of single-value fields (`Titel`): every column is compared with every
/// field's spellings, and each single-value field may take one column.
#[test]
fn column_mapping_grows_linearly_with_the_columns() {
    let make = |n: usize| -> Vec<String> {
        (0..n).map(|i| if i % 2 == 0 { format!("Labels {}", i % 10) } else { format!("Titel {}", i % 10) }).collect()
    };
    assert_near_linear("column mapping", 2_000, make, |headers| {
        let suggestion = teamdiff::ingest::suggest_mapping(headers);
        assert_eq!(suggestion.columns.len(), headers.len());
    });
}

/// A file nobody recognises with a very wide header: header checks,
/// signature, the mapping suggestion and per-column samples.
#[test]
fn a_wide_header_grows_linearly_with_its_columns() {
    let make = |n: usize| {
        let header: Vec<String> = (0..n).map(|i| format!("measure {i}")).collect();
        let row: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        format!("{}\n{}\n{}\n", header.join(","), row.join(","), row.join(","))
    };
    assert_near_linear("wide header", 500, make, |text| {
        let dataset = ingest_csv(text);
        assert_eq!(dataset.files[0].suggestion.as_ref().map(|s| s.columns.len()), Some(text.lines().next().unwrap().split(',').count()));
    });
}

// ---- ingest: JSON -----------------------------------------------------------

// ---- model, tripwires and views ---------------------------------------------
