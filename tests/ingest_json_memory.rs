//! Peak memory of JSON ingest, measured by a counting allocator: it must
//! stay proportional to the input however the objects' keys are spread.
//!
//! Its own test binary, because the allocator is process-wide and the one
//! test here must be the only thing allocating while it measures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use teamdiff::dataset::Dataset;
use teamdiff::ingest::{ingest_file, IngestOptions};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Relaxed);
        grew(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated at the high-water mark of `work`, above what was live before.
fn peak_during(work: impl FnOnce()) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    work();
    PEAK.load(Relaxed) - before
}

/// A peak this many times the file's size is still "proportional"; the
/// union-of-keys table this guards against was hundreds of times.
const MAX_PEAK_PER_INPUT_BYTE: usize = 16;

#[test]
fn objects_with_disjoint_keys_take_memory_in_proportion_to_the_file() {
    let objects: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"number":{i},"author":{{"login":"a"}},"createdAt":"2025-01-02","state":"OPEN","x{i}":1}}"#))
        .collect();
    let bytes = format!("[\n{}\n]", objects.join(",\n")).into_bytes();
    let mut data = Dataset::default();
    let peak = peak_during(|| {
        ingest_file(&mut data, "disjoint.json", &bytes, &IngestOptions::default(), &mut |_, _| {}).expect("loads");
    });
    assert_eq!(data.pull_requests.len(), 3000, "every object is still a row");
    let per_byte = peak / bytes.len();
    eprintln!("input {} bytes, peak {peak} bytes ({per_byte}× the input)", bytes.len());
    assert!(per_byte <= MAX_PEAK_PER_INPUT_BYTE, "peak {peak} bytes is {per_byte}× the {} input bytes", bytes.len());
}
