//! What every ingest target asserts about one call of `ingest_file`: it
//! returned (libFuzzer's `-timeout` catches the rest), the report's books
//! balance, progress never passes the total, and a refusal names the file
//! and leaves the dataset untouched.

use teamdiff::dataset::Dataset;
use teamdiff::ingest::{ingest_file, IngestError, IngestOptions};

/// Ingests `bytes` as `path` into an empty dataset and checks the outcome.
pub fn ingest_and_check(path: &str, bytes: &[u8]) -> Result<Dataset, IngestError> {
    let mut dataset = Dataset::default();
    let result = ingest_file(&mut dataset, path, bytes, &IngestOptions::default(), &mut |done, total| {
        assert!(done <= total, "progress {done} past the total {total}");
    });
    match &result {
        Ok(index) => {
            let report = &dataset.files[*index];
            assert_eq!(report.rows, report.kept + report.skipped);
        }
        Err(e) => {
            assert!(e.to_string().starts_with(path), "{e}");
            assert_eq!(dataset, Dataset::default());
        }
    }
    result.map(|_| dataset)
}
