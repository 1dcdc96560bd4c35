//! A file's rows are built aside and join the dataset only once it loaded.
//!
//! `ingest_file` builds into an empty staging `Dataset`; only a file that
//! was read reaches [`append`], so a refused file never leaves half its
//! rows behind. [`reingest_file`] stages a file again in place of an
//! earlier report, so every other file keeps its index and every row its
//! citation.

use super::kinds::KINDS;
use super::{ingest_file, IngestError, IngestOptions};
use crate::dataset::{Dataset, FileReport};

/// Reads a file again in place of the report at `index` (e.g. an unknown
/// file once the user has mapped its columns), so every other file keeps its
/// index and every row keeps its citation. Refused → the dataset is untouched.
pub fn reingest_file(
    dataset: &mut Dataset,
    index: usize,
    path: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), IngestError> {
    assert!(index < dataset.files.len(), "reingest_file: no file at index {index}");
    // Earlier reports sit in front so the staged rows cite `index`.
    let mut staged = Dataset { files: dataset.files[..index].to_vec(), ..Dataset::default() };
    ingest_file(&mut staged, path, bytes, options, progress)?;
    let report = staged.files.pop().expect("ingest_file added a report");
    staged.files.clear();
    dataset.files[index] = report;
    // A file loaded with a guessed mapping already has rows: the new mapping replaces them.
    for spec in KINDS {
        spec.target.drop_file(dataset, index as u32);
    }
    append_rows(dataset, staged);
    Ok(())
}

/// Moves a loaded file's report and staged rows into the dataset.
pub fn append(dataset: &mut Dataset, staged: Dataset, report: FileReport) {
    dataset.files.push(report);
    append_rows(dataset, staged);
}

/// Every row vector is some kind's target (a test below checks), so
/// moving each kind's target moves every row; a target that several kinds
/// share is moved by the first and found empty by the rest.
fn append_rows(dataset: &mut Dataset, mut staged: Dataset) {
    for spec in KINDS {
        spec.target.append(dataset, &mut staged);
    }
}

#[cfg(test)]
mod tests {
    use super::super::kinds::template_csv;
    use super::*;

    fn load(dataset: &mut Dataset, path: &str, text: &str) {
        ingest_file(dataset, path, text.as_bytes(), &IngestOptions::default(), &mut |_, _| {}).unwrap();
    }

    /// The length of every row vector of `dataset`, by field name.
    fn row_counts(dataset: &Dataset) -> Vec<(String, usize)> {
        let serde_json::Value::Object(fields) = serde_json::to_value(dataset).unwrap() else { unreachable!() };
        fields
            .into_iter()
            .filter(|(name, _)| name != "files")
            .filter_map(|(name, rows)| Some((name, rows.as_array()?.len())))
            .collect()
    }

    #[test]
    fn every_row_vector_is_filled_by_some_kind_and_moved_on_load() {
        let mut dataset = Dataset::default();
        for spec in KINDS {
            if let Some(text) = template_csv(spec.kind) {
                load(&mut dataset, spec.template().unwrap().file, text);
            }
        }
        load(&mut dataset, "linear.csv", "ID,Team,Title,Status,Created\nPAY-1,Payments,Retry,Todo,2026-01-05\n");
        let counts = row_counts(&dataset);
        assert!(counts.len() >= 13, "{counts:?}");
        for (name, rows) in &counts {
            assert!(*rows > 0, "no kind fills Dataset::{name}, or loading does not move it: {counts:?}");
        }
        let kept: u64 = dataset.files.iter().map(|f| f.kept).sum();
        assert_eq!(counts.iter().map(|(_, rows)| *rows as u64).sum::<u64>(), kept, "{counts:?}");
    }

    #[test]
    fn a_second_file_of_a_kind_appends_after_the_first() {
        let mut dataset = Dataset::default();
        load(&mut dataset, "a.csv", "person,team\nAda,Payments\n");
        load(&mut dataset, "b.csv", "person,team\nGrace,Core\nLinus,Core\n");
        let names: Vec<(&str, u32)> = dataset.people.iter().map(|p| (p.name.as_str(), p.source.file)).collect();
        assert_eq!(names, [("Ada", 0), ("Grace", 1), ("Linus", 1)]);
    }
}
