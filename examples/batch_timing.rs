//! What the parse pool's batches cost beside reading the file: for the
//! three largest files of a directory (default: `target/bench-data/org2k`),
//! the rows read alone (`staging::parse_alone`) and sent through
//! `dataset::batch` a batch every 8,000 rows (about a megabyte of input),
//! each number the median of `runs` (default 3), on-CPU (this thread's
//! schedstat): the read, the encoding, the decoding, and the floors a
//! codec cannot beat (cloning the rows, dropping them). The pool only pays
//! when encode + decode is well under a read (BENCHMARKS.md, "the parse
//! pool streams").
//!
//! `cargo run --profile bench --locked --example batch_timing [DIR] [runs]`

use std::time::Duration;

use teamdiff::dataset::batch::{BatchDecoder, BatchEncoder};
use teamdiff::dataset::Dataset;
use teamdiff::ingest::staging::{parse_alone, Parsed};
use teamdiff::ingest::IngestOptions;

/// About a megabyte of jira.csv, as a parser would send it.
const ROWS_PER_BATCH: usize = 8_000;

fn thread_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(stat.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0))
}

fn on_cpu_ms<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let started = thread_cpu();
    let value = work();
    (value, (thread_cpu() - started).as_secs_f64() * 1e3)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A file's rows moved into batches of [`ROWS_PER_BATCH`] and decoded
/// again: (read, encode, decode) on-CPU ms, the batches' bytes, and the
/// on-CPU ms to clone the rows and to drop them (what a decode and an
/// encode, which drops the rows it sent, cannot beat).
fn streamed(name: &str, bytes: &[u8]) -> (f64, f64, f64, usize, f64, f64) {
    let (parsed, read) = on_cpu_ms(|| parse_alone(name, bytes, &IngestOptions::default(), &mut |_, _| {}));
    let Parsed::Loaded { rows, .. } = parsed else { panic!("{name} did not load") };
    let rows_read = rows.work_items.len() + rows.pull_requests.len() + rows.reviews.len();
    // The floor for any decoder that hands out rows of their own.
    let (copy, copied) = on_cpu_ms(|| (rows.work_items.clone(), rows.pull_requests.clone(), rows.reviews.clone()));
    let ((), dropped) = on_cpu_ms(|| drop(copy));
    // The stretches first, so one on-CPU reading (a 4 ms tick here) times every encode.
    let (mut items, mut prs, mut reviews) = (rows.work_items.into_iter(), rows.pull_requests.into_iter(), rows.reviews.into_iter());
    let mut stretches = Vec::new();
    loop {
        let stretch = Dataset {
            work_items: items.by_ref().take(ROWS_PER_BATCH).collect(),
            pull_requests: prs.by_ref().take(ROWS_PER_BATCH).collect(),
            reviews: reviews.by_ref().take(ROWS_PER_BATCH).collect(),
            ..Dataset::default()
        };
        if stretch.work_items.len() + stretch.pull_requests.len() + stretch.reviews.len() == 0 {
            break;
        }
        stretches.push(stretch);
    }
    let mut encoder = BatchEncoder::new();
    let (batches, encoded) = on_cpu_ms(|| stretches.iter_mut().map(|stretch| encoder.encode(stretch)).collect::<Vec<_>>());
    drop(encoder);
    let (mut decoder, mut into) = (BatchDecoder::new(), Dataset::default());
    let ((), decoded) = on_cpu_ms(|| batches.iter().for_each(|batch| decoder.decode(batch, &mut into).expect("a batch decodes")));
    assert_eq!(into.work_items.len() + into.pull_requests.len() + into.reviews.len(), rows_read);
    (read, encoded, decoded, batches.iter().map(Vec::len).sum(), copied, dropped)
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-data/org2k".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e} (run `make bench` once to write the org2k files)"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort_by_key(|path| std::cmp::Reverse(std::fs::metadata(path).map_or(0, |m| m.len())));
    let runs: usize = std::env::args().nth(2).and_then(|runs| runs.parse().ok()).unwrap_or(3);
    println!("`dataset::batch`, a batch every {ROWS_PER_BATCH} rows, on-CPU, median of {runs}:\n");
    println!("| file | read ms | encode ms | decode ms | clone ms | drop ms | batches MB | encode ÷ read | decode ÷ read |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for path in paths.iter().take(3) {
        let bytes = std::fs::read(path).expect("readable file");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let (mut read, mut encoded, mut decoded, mut copied, mut dropped, mut size) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), 0);
        for _ in 0..runs {
            let run = streamed(&name, &bytes);
            read.push(run.0);
            encoded.push(run.1);
            decoded.push(run.2);
            size = run.3;
            copied.push(run.4);
            dropped.push(run.5);
        }
        let (read, encoded, decoded, copied, dropped) = (median(read), median(encoded), median(decoded), median(copied), median(dropped));
        println!(
            "| {name} | {read:.0} | {encoded:.0} | {decoded:.0} | {copied:.0} | {dropped:.0} | {:.1} | {:.3} | {:.3} |",
            size as f64 / 1e6,
            encoded / read,
            decoded / read
        );
    }
}
