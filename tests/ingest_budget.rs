//! Memory stays proportional to the input: hostile shapes that used to turn
//! kilobytes or megabytes into gigabytes are measured with a counting
//! allocator. Each integration test file is its own binary, so the
//! allocator below counts only this file's tests, and a lock runs them one
//! at a time so their peaks do not mix.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use common::*;
use teamdiff::dataset::{Dataset, FileKind};
use teamdiff::ingest::{header_signature, ingest_file, IngestOptions, UserMapping};

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Ingests `text` and returns the dataset and the most memory held at once
/// beyond what was held before (the input itself is not counted).
fn peak_while_ingesting(name: &str, text: &str, options: &IngestOptions) -> (Dataset, usize) {
    let mut dataset = Dataset::default();
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let index = ingest_file(&mut dataset, name, text.as_bytes(), options, &mut |_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    let peak = PEAK.load(Ordering::Relaxed) - before;
    check_report(&dataset.files[index]);
    (dataset, peak)
}

/// Generous for every legitimate shape (rows cost a few times their text),
/// far below the blow-ups: a multiple of the input plus a fixed allowance.
fn assert_proportional(what: &str, input: usize, peak: usize) {
    let budget = 8 * input + (2 << 20);
    eprintln!("{what}: input {input} bytes, peak {peak} bytes");
    assert!(peak <= budget, "{what}: {input} bytes of input held {peak} bytes at once (budget {budget})");
}

/// The size estimate from the first rows used to reserve rows for the whole
/// file at the first rows' size: tiny rows then one huge cell reserved
/// about 24 bytes per byte of input.
#[test]
fn tiny_rows_then_a_huge_cell_reserve_no_more_than_the_bytes_warrant() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let text = format!("pr,reviewer\n{}2,b\n3,{}\n", "1,a\n".repeat(3000), "r".repeat(8 << 20));
    let (dataset, peak) = peak_while_ingesting("reviews.csv", &text, &IngestOptions::default());
    assert_eq!(dataset.reviews.len(), 3002);
    assert_proportional("tiny rows then a huge cell", text.len(), peak);
}

/// Every row of a teams file copied the whole header of each extra column
/// into its `extra` map: a long header times many rows.
#[test]
fn a_long_header_is_not_copied_into_every_row() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let text = format!("team,flavor,{}\n{}", "n".repeat(200_000), "T,stream,x\n".repeat(2000));
    let (dataset, peak) = peak_while_ingesting("teams.csv", &text, &IngestOptions::default());
    assert_eq!(dataset.teams.len(), 2000);
    assert_eq!(dataset.teams[0].extra.values().next().map(String::as_str), Some("x"), "the column is still kept");
    assert_proportional("a long header", text.len(), peak);
}

/// Warnings quoted the header whole: a long header times a hundred
/// warnings. Only mapped columns are warned about, and only a mapping the
/// user chose can map a header no format spells.
#[test]
fn warnings_quote_a_long_header_cut() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let long = "d".repeat(200_000);
    let text = format!("team,status,{long}\n{}", "T,green,someday\n".repeat(300));
    let headers: Vec<String> = text.lines().next().unwrap().split(',').map(str::to_string).collect();
    let mapping = UserMapping {
        signature: header_signature(&headers),
        kind: FileKind::Updates,
        columns: vec![("team".into(), "team".into()), ("status".into(), "status".into()), (long, "date".into())],
    };
    let options = IngestOptions { mappings: vec![mapping], ..IngestOptions::default() };
    let (dataset, peak) = peak_while_ingesting("updates.csv", &text, &options);
    assert_eq!(dataset.updates.len(), 300);
    let report = dataset.files.last().unwrap();
    assert!(report.warnings.iter().all(|w| w.message.len() < 1000), "{:?}", report.warnings.iter().map(|w| w.message.len()).max());
    assert_proportional("warnings about a long header", text.len(), peak);
}
