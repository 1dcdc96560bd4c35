//! Any bytes into `ingest_file`: it must return, never panic, keep the
//! report's books balanced, and leave the dataset untouched on refusal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use teamdiff::dataset::Dataset;
use teamdiff::ingest::{ingest_file, IngestOptions};

fuzz_target!(|bytes: &[u8]| {
    let mut dataset = Dataset::default();
    match ingest_file(&mut dataset, "fuzz.csv", bytes, &IngestOptions::default(), &mut |done, total| {
        assert!(done <= total);
    }) {
        Ok(index) => {
            let report = &dataset.files[index];
            assert_eq!(report.rows, report.kept + report.skipped);
        }
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.csv"));
            assert_eq!(dataset, Dataset::default());
        }
    }
});
