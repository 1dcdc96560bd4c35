//! A file's rows are built aside and join the dataset only once it loaded.
//!
//! `ingest_file` builds into an empty staging `Dataset`; only a file that
//! was read reaches [`append`], so a refused file never leaves half its
//! rows behind. [`reingest_file`] stages a file again in place of an
//! earlier report, so every other file keeps its index and every row its
//! citation.
//!
//! A file can also be read away from the dataset it joins, while the
//! parse pool reads others: [`parse_alone`] reads it into its own empty
//! dataset (its rows cite file 0), and [`append_batch`] moves the rows in
//! with their file index shifted to the one the file gets, so a drop read
//! in parallel ends exactly as read in order. (A parser worker streams
//! instead, `ingest::stream`, in batches of `dataset::batch`.)

use super::kinds::KINDS;
use super::{ingest_file, is_review_file, IngestError, IngestOptions, Progress};
use crate::dataset::{Dataset, FileKind, FileReport};

/// Reads a file again in place of the report at `index` (e.g. an unknown
/// file once the user has mapped its columns), so every other file keeps its
/// index and every row keeps its citation. Refused → the dataset is untouched.
pub fn reingest_file(
    dataset: &mut Dataset,
    index: usize,
    path: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut dyn Progress,
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

/// Moves every row of `staged` to the end of `dataset`'s vectors, leaving
/// the reports alone.
pub fn append_rows_only(dataset: &mut Dataset, staged: &mut Dataset) {
    for spec in KINDS {
        spec.target.append(dataset, staged);
    }
}

/// Every row vector is some kind's target (a test below checks), so
/// moving each kind's target moves every row; a target that several kinds
/// share is moved by the first and found empty by the rest.
fn append_rows(dataset: &mut Dataset, mut staged: Dataset) {
    append_rows_only(dataset, &mut staged);
}

/// A file read on its own by [`parse_alone`].
#[derive(Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per file, moved once
pub enum Parsed {
    /// Its rows, citing file 0, and its report: ready for [`append_batch`].
    Loaded { rows: Dataset, report: FileReport },
    /// Refused, by file, line and column; nothing to add.
    Refused(IngestError),
    /// Only the engine can take it, with the file's bytes: a saved review,
    /// or a file whose bytes the engine keeps (an unknown kind, or a
    /// guessed mapping the user may still change).
    NeedsEngine,
}

/// Reads one file into a dataset of its own, as [`ingest_file`] would
/// into any dataset.
pub fn parse_alone(path: &str, bytes: &[u8], options: &IngestOptions, progress: &mut dyn Progress) -> Parsed {
    if is_review_file(bytes) {
        return Parsed::NeedsEngine;
    }
    let mut rows = Dataset::default();
    match ingest_file(&mut rows, path, bytes, options, progress) {
        Err(error) => Parsed::Refused(error),
        Ok(_) => {
            let report = rows.files.pop().expect("ingest_file added a report");
            if report.kind == FileKind::Unknown || report.suggestion.is_some() {
                Parsed::NeedsEngine
            } else {
                Parsed::Loaded { rows, report }
            }
        }
    }
}

/// [`append`] for rows read by [`parse_alone`]: they cite file 0, and
/// become the dataset's next file.
pub fn append_batch(dataset: &mut Dataset, mut rows: Dataset, report: FileReport) {
    let index = u32::try_from(dataset.files.len()).expect("fewer than 4 billion files");
    shift_files(&mut rows, index);
    append(dataset, rows, report);
}

/// Adds `by` to the file of every row's citation. Lists the dataset's row
/// vectors by name; a test below fails if one is left out.
fn shift_files(rows: &mut Dataset, by: u32) {
    macro_rules! shift {
        ($($vector:ident),*) => {
            let Dataset { files: _, statuses_approximated_on: _, $($vector),* } = rows;
            $(for row in $vector.iter_mut() {
                row.source.file += by;
            })*
        };
    }
    if by > 0 {
        shift!(teams, people, roles, pull_requests, reviews, work_items, stakeholders, updates, decisions, key_results, postmortem_actions, design_docs, interventions);
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

    /// Every template, a Linear export, a GitHub JSON export with reviews
    /// and the small demo: between them every row type, in several files.
    fn every_kind_of_file() -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = KINDS
            .iter()
            .filter_map(|spec| Some((spec.template()?.file.to_string(), template_csv(spec.kind)?.as_bytes().to_vec())))
            .collect();
        files.push(("linear.csv".into(), b"ID,Team,Title,Status,Created\nPAY-1,Payments,Retry,Todo,2026-01-05\n".to_vec()));
        let gh = r#"[{"number": 7, "title": "Fix", "user": {"login": "ada"}, "created_at": "2026-01-05T10:00:00Z",
            "merged_at": null, "state": "open", "reviews": [{"user": {"login": "bob"}, "state": "APPROVED", "submitted_at": "2026-01-06T10:00:00Z"}]}]"#;
        files.push(("prs.json".into(), gh.as_bytes().to_vec()));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        files.extend(crate::demo::generate(crate::demo::DemoSize::Small, 7, today).into_iter().map(|f| (f.name, f.bytes)));
        files
    }

    #[test]
    fn files_parsed_alone_and_appended_in_order_equal_loading_them_one_by_one() {
        let options = IngestOptions::default();
        let mut in_order = Dataset::default();
        let mut from_batches = Dataset::default();
        for (path, bytes) in every_kind_of_file() {
            ingest_file(&mut in_order, &path, &bytes, &options, &mut |_, _| {}).unwrap();
            let parsed = parse_alone(&path, &bytes, &options, &mut |_, _| {});
            let Parsed::Loaded { rows, report } = parsed else { panic!("{path} was not loaded alone: {parsed:?}") };
            append_batch(&mut from_batches, rows, report);
        }
        assert!(in_order.files.len() > KINDS.len(), "{} files", in_order.files.len());
        assert!(in_order.reviews.iter().any(|r| r.source.file > 0), "a GitHub JSON review cites a later file");
        assert!(row_counts(&in_order).iter().all(|(_, rows)| *rows > 0), "{:?}", row_counts(&in_order));
        assert_eq!(from_batches, in_order);
    }

    #[test]
    fn every_row_is_shifted_to_its_new_file() {
        let mut rows = Dataset::default();
        for (path, bytes) in every_kind_of_file() {
            let Parsed::Loaded { rows: alone, report } = parse_alone(&path, &bytes, &IngestOptions::default(), &mut |_, _| {}) else {
                panic!("{path} was not loaded alone")
            };
            append(&mut rows, alone, report);
        }
        // Every file's rows cite file 0 here: each was read alone.
        shift_files(&mut rows, 5);
        let json = serde_json::to_value(&rows).unwrap();
        let mut cited = 0;
        for (name, vector) in json.as_object().unwrap().iter().filter(|(name, _)| *name != "files") {
            for row in vector.as_array().into_iter().flatten() {
                assert_eq!(row["source"]["file"], 5, "a row of Dataset::{name} was not shifted: {row}");
                cited += 1;
            }
        }
        let counts = row_counts(&rows);
        assert!(counts.iter().all(|(_, rows)| *rows > 0), "{counts:?}");
        assert_eq!(cited, counts.iter().map(|(_, rows)| *rows).sum::<usize>());
    }

    #[test]
    fn refusals_reviews_and_files_whose_bytes_the_engine_keeps_are_not_loaded_alone() {
        let options = IngestOptions::default();
        let alone = |path: &str, text: &str| parse_alone(path, text.as_bytes(), &options, &mut |_, _| {});
        let Parsed::Refused(error) = alone("empty.csv", "  \n") else { panic!("an empty file was not refused") };
        assert_eq!((error.path.as_str(), error.message.as_str()), ("empty.csv", "the file is empty"));
        assert_eq!(alone("review.json", r#"{"format": "teamdiff-review", "saved": "2026-11-02"}"#), Parsed::NeedsEngine);
        assert_eq!(alone("mystery.csv", "colour,shape\nred,round\n"), Parsed::NeedsEngine);
    }
}
