//! The malformed-input corpus: each file gives a clear message — naming the
//! file, with line and column where that means something — and no panic.

mod common;

use common::*;
use teamdiff::dataset::{Dataset, FileKind};
use teamdiff::ingest::{ingest_file, IngestOptions};

enum Expect {
    /// Refused: message contains the text; the line, when it matters.
    Refused(&'static str, Option<u32>),
    /// Loaded with a warning containing the text at (line, column).
    Warns(&'static str, u32, u32),
}
use Expect::*;

const CORPUS: &[(&str, Expect)] = &[
    ("01_empty.csv", Refused("empty", None)),
    ("02_whitespace_only.csv", Refused("empty", None)),
    ("03_xlsx_renamed.csv", Refused(".xlsx", None)),
    ("04_pdf.csv", Refused("PDF", None)),
    ("05_png.csv", Refused("PNG", None)),
    ("06_binary_nul.csv", Refused("NUL bytes", None)),
    ("07_html.csv", Refused("HTML", None)),
    ("08_json_truncated.json", Refused("cut off", Some(3))),
    ("09_json_syntax.json", Refused("invalid JSON", Some(3))),
    ("10_json_object.json", Refused("JSON array", Some(1))),
    ("11_json_trailing.json", Refused("after the JSON array", Some(2))),
    ("12_json_non_objects.json", Warns("not an object", 3, 1)),
    ("13_header_all_empty.csv", Refused("header row is empty", Some(1))),
    ("14_unknown_headers.csv", Warns("match no known export", 0, 0)),
    ("15_missing_required.csv", Warns("no person", 2, 1)),
    ("16_bad_date.csv", Warns("\"last tuesday\" is not a date", 2, 4)),
    ("17_ragged_short.csv", Warns("row has 1 fields but the header has 3", 2, 2)),
    ("18_ragged_long.csv", Warns("extra values are ignored", 2, 4)),
    ("19_unclosed_quote.csv", Warns("never closed", 3, 0)),
    ("20_bad_scale.csv", Warns("\"lots\" is not a value on the column's scale", 2, 2)),
    ("21_bad_level.csv", Warns("\"galactic\" is not edge, functional or executive", 2, 3)),
    ("22_bad_action_kind.csv", Warns("\"pray\" is not detect, prevent, mitigate or process", 2, 3)),
    ("23_bad_status_category.csv", Warns("\"Limbo\" is not a status category", 2, 4)),
    ("24_bad_time_in_status.csv", Warns("is not a Jira time-in-status chart", 2, 3)),
    ("25_bad_estimate.csv", Warns("\"big\" is not a number", 2, 4)),
    ("26_bad_pr_state.csv", Warns("\"exploded\" is not a PR state", 2, 3)),
    ("27_invalid_utf8_after_bom.csv", Warns("not valid UTF-8 despite its byte-order mark", 0, 0)),
    ("28_utf16_odd_length.csv", Warns("replaced by U+FFFD", 0, 0)),
    ("29_header_only.csv", Warns("no data rows", 0, 0)),
    ("30_duplicate_headers.csv", Warns("appears in columns 2, 3", 1, 3)),
    ("31_trailing_delimiter_header.csv", Warns("has no header", 1, 3)),
    ("32_empty_rows.csv", Warns("row has no values; skipped", 3, 0)),
    ("33_huge_cell.csv", Warns("…\" is not a date", 2, 3)),
    ("34_sep_line_only.csv", Refused("no header row", None)),
    ("35_gh_json_bad_dates.json", Warns("\"yesterday\" is not a date", 2, 1)),
    ("36_nested_arrays.json", Warns("not an object", 1, 1)),
    ("37_bad_critical.csv", Warns("\"perhaps\" is not yes or no; taken as not critical", 2, 3)),
    ("38_bad_yes_progress.csv", Warns("\"halfway\" is not a value on the column's scale", 2, 4)),
    ("39_empty_json_array.json", Warns("no data rows", 0, 0)),
    ("40_gzip.csv", Refused("gzip", None)),
    ("60_json_deep_arrays.json", Refused("nest more than 64 deep", Some(1))),
    ("61_json_deep_objects.json", Refused("nest more than 64 deep", Some(4))),
    ("62_json_disjoint_keys.json", Warns("key \"custom_251\" past the first 256 distinct keys", 253, 1)),
    ("63_json_long_key.json", Warns("kkkkkkkkkk…\"), longer than the 512 a column name may have", 3, 3)),
    ("64_json_huge_string.json", Warns("xxxxxxxxxx…\" is not a date", 2, 2)),
    ("65_json_number_out_of_range.json", Refused("number out of range", Some(3))),
    ("66_json_lone_surrogate.json", Refused("surrogate", Some(3))),
    ("67_json_unquoted_key.json", Refused("key must be a string", Some(2))),
    ("68_json_one_line_cut.json", Refused("cut off", Some(1))),
    ("69_json_nan.json", Refused("invalid JSON", Some(3))),
    // Loads; the full-width quarter digit once panicked the OKR tripwire (tests/hostile_pipeline.rs).
    ("70_okr_fullwidth_quarter.csv", Warns("\"４０%\" is not a value on the column's scale", 2, 5)),
];

#[test]
fn corpus_has_at_least_thirty_cases_and_all_are_listed() {
    assert!(CORPUS.len() >= 30);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed");
    let on_disk = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(on_disk, CORPUS.len(), "every corpus file has an expectation");
}

#[test]
fn every_malformed_file_gets_a_clear_message() {
    let mut failures = Vec::new();
    for (name, expect) in CORPUS {
        let bytes = fixture("malformed", name);
        let mut data = load("roster.csv");
        let before = data.clone();
        let result = ingest_file(&mut data, name, &bytes, &IngestOptions::default(), &mut |_, _| {});
        match (expect, result) {
            (Refused(text, line), Err(e)) => {
                let shown = e.to_string();
                let ok = shown.starts_with(name)
                    && shown.contains(text)
                    && line.is_none_or(|l| e.line == l && e.column > 0)
                    && data == before;
                if !ok {
                    failures.push(format!("{name}: refused as expected but got {shown:?} (line {})", e.line));
                }
            }
            (Warns(text, line, column), Ok(index)) => {
                let r = &data.files[index];
                check_report(r);
                assert_eq!(r.path, *name);
                if !warned(r, *line, *column, text) {
                    failures.push(format!("{name}: expected {text:?} at {line}:{column}, got {:#?}", r.warnings));
                }
            }
            (Refused(..), Ok(index)) => failures.push(format!("{name}: loaded but should be refused: {:#?}", data.files[index])),
            (Warns(..), Err(e)) => failures.push(format!("{name}: refused but should load: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn unclosed_quote_still_accounts_for_rows() {
    let data = load_str("q.csv", "person,team,role\nAda,Core,eng\nBo,\"Web,pm\nCy,Web,pm\n");
    let r = report(&data);
    assert_eq!(r.rows, 2);
    assert_eq!(data.people[1].team, "Web,pm\nCy,Web,pm", "the rest of the file, as one field");
}

#[test]
fn truncated_files_never_panic() {
    // Every prefix of every well-formed fixture must load or be refused.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let mut data = Dataset::default();
            if let Ok(i) = ingest_file(&mut data, "cut", &bytes[..cut], &IngestOptions::default(), &mut |_, _| {}) {
                check_report(&data.files[i]);
                assert!(data.files[i].kind != FileKind::Unknown || data.files[i].kept == 0);
            }
        }
    }
}
