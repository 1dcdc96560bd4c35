//! Shared helpers for the ingest integration tests.
#![allow(dead_code)]

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use teamdiff::dataset::{Dataset, FileKind, FileReport};
use teamdiff::ingest::{ingest_file, IngestError, IngestOptions};

pub fn fixture(dir: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn ingest_bytes(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<(Dataset, usize), IngestError> {
    let mut dataset = Dataset::default();
    let index = ingest_file(&mut dataset, name, bytes, options, &mut |_, _| {})?;
    check_report(&dataset.files[index]);
    Ok((dataset, index))
}

/// Loads `tests/fixtures/ingest/<name>` and checks the report's invariants.
pub fn load(name: &str) -> Dataset {
    let (dataset, _) = ingest_bytes(name, &fixture("ingest", name), &IngestOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    dataset
}

pub fn load_str(name: &str, text: &str) -> Dataset {
    ingest_bytes(name, text.as_bytes(), &IngestOptions::default()).unwrap_or_else(|e| panic!("{e}")).0
}

/// `rows == kept + skipped`, and every skip is explained on a real line.
pub fn check_report(report: &FileReport) {
    assert_eq!(report.rows, report.kept + report.skipped, "{report:#?}");
    let skips = report.warnings.iter().filter(|w| w.message.contains("skipped") && w.line > 0).count() as u64;
    if report.kind != FileKind::Unknown {
        assert!(skips >= report.skipped.min(100), "every skipped row needs a warning: {report:#?}");
    }
}

pub fn report(dataset: &Dataset) -> &FileReport {
    dataset.files.last().unwrap()
}

pub fn warned(report: &FileReport, line: u32, column: u32, needle: &str) -> bool {
    report.warnings.iter().any(|w| w.line == line && w.column == column && w.message.contains(needle))
}

pub fn ts(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
