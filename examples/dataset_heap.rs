//! How much heap a loaded dataset holds, and the most ingest held at once.
//!
//! ```text
//! cargo run --release --example dataset_heap -- [DIR]
//! ```
//!
//! Ingests every `.csv`/`.json` file of `DIR` (default: the org2k files the
//! pipeline bench writes, `target/bench-data/org2k`) one after another, as
//! the engine does, and prints the bytes live once all are loaded (the
//! dataset alone: each file's bytes are freed after its ingest), the peak
//! while loading (the dataset so far, one file's bytes and ingest's working
//! memory), the input size, and the time ingest took. A counting global
//! allocator measures the heap; the library itself is unchanged.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use teamdiff::dataset::Dataset;
use teamdiff::ingest::{ingest_file, IngestOptions};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        new
    }
}

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-data/org2k".into());
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(error) => {
            eprintln!("dataset_heap: cannot read {dir}: {error}");
            std::process::exit(2);
        }
    };
    paths.retain(|p| p.extension().is_some_and(|e| e == "csv") || p.file_name().is_some_and(|n| n != "manifest.json") && p.extension().is_some_and(|e| e == "json"));
    paths.sort();
    let options = IngestOptions::default();
    let mut dataset = Dataset::default();
    let (mut input, mut ingest_secs) = (0usize, 0f64);
    let before = LIVE.load(Relaxed);
    for path in &paths {
        let bytes = std::fs::read(path).expect("readable file");
        input += bytes.len();
        let started = Instant::now();
        let name = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        if let Err(error) = ingest_file(&mut dataset, &name, &bytes, &options, &mut |_, _| {}) {
            eprintln!("dataset_heap: {error:?}");
        }
        ingest_secs += started.elapsed().as_secs_f64();
    }
    let live = LIVE.load(Relaxed) - before;
    let peak = PEAK.load(Relaxed) - before;
    let rows = dataset.work_items.len() + dataset.pull_requests.len() + dataset.reviews.len();
    println!(
        "{} files, {:.1} MB input, {rows} work items + PRs + reviews; ingest {:.2} s wall ({:.0} MB/s)",
        paths.len(),
        mb(input),
        ingest_secs,
        mb(input) / ingest_secs
    );
    println!("dataset live after ingest: {:.1} MB ({:.2}x the input)", mb(live), live as f64 / input as f64);
    println!("peak while ingesting:      {:.1} MB ({:.2}x the input)", mb(peak), peak as f64 / input as f64);
    let cloned = dataset.clone();
    println!("one clone of the dataset:  {:.1} MB more", mb(LIVE.load(Relaxed) - before - live));
    drop(cloned);
    print_row_sizes(&dataset);
}

/// The inline part of the big row types, and what a date costs inline:
/// the rest of a row's bytes are on the heap.
fn print_row_sizes(dataset: &Dataset) {
    use std::mem::size_of;
    use teamdiff::dataset::{PullRequest, Review, WorkItem};
    for (what, size, count) in [
        ("work item", size_of::<WorkItem>(), dataset.work_items.len()),
        ("pull request", size_of::<PullRequest>(), dataset.pull_requests.len()),
        ("review", size_of::<Review>(), dataset.reviews.len()),
    ] {
        println!("{what}: {size} bytes inline x {count} rows = {:.1} MB", mb(size * count));
    }
    println!(
        "inline sizes: Option<NaiveDateTime> {}, Option<NaiveDate> {}, Option<i64> {}, Option<i32> {}, String {}, Name {}, Option<Name> {}",
        size_of::<Option<chrono::NaiveDateTime>>(),
        size_of::<Option<chrono::NaiveDate>>(),
        size_of::<Option<i64>>(),
        size_of::<Option<i32>>(),
        size_of::<String>(),
        size_of::<teamdiff::dataset::Name>(),
        size_of::<Option<teamdiff::dataset::Name>>()
    );
}
