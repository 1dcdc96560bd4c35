//! The e2e presenter test needs every person name the demo organisation
//! shows, to assert none is left in the DOM. This test keeps that list in
//! `tests/fixtures/e2e/demo_people.json` equal to what the demo generates
//! (run with `UPDATE_FIXTURES=1` to rewrite it after changing the demo).

use chrono::NaiveDate;
use teamdiff::dataset::Dataset;
use teamdiff::demo::{generate, DemoSize};
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::present::privacy::person_names;

/// The app's demo: `engine::Request::LoadDemo` uses this size and seed.
fn demo_people(today: NaiveDate) -> Vec<String> {
    let mut dataset = Dataset::default();
    for file in generate(DemoSize::Small, 7, today) {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {}).unwrap();
    }
    let mut names: Vec<String> = person_names(&dataset).into_iter().map(|n| n.trim().to_string()).collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_e2e_list_of_demo_people_is_current() {
    let names = demo_people(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    assert!(names.len() > 20, "{names:?}");
    // The app generates the demo as of the browser's date; the names must not depend on it.
    assert_eq!(names, demo_people(NaiveDate::from_ymd_opt(2025, 2, 3).unwrap()));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/e2e/demo_people.json");
    let expected = serde_json::to_string_pretty(&names).unwrap() + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(stored, expected, "run UPDATE_FIXTURES=1 cargo test --test demo_people");
}
