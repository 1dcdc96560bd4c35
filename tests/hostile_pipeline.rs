//! Hostile input through the whole pipeline after ingest: model, tripwires,
//! views, charts and the headless `inspect` output. Ingest's own refusals
//! and warnings are in `ingest_malformed.rs`; here a file loads (or is
//! refused) and everything downstream must still hold: no panic, bounded
//! output, well-formed markup, locations in every message.

mod common;

use chrono::NaiveDate;
use common::fixture;
use teamdiff::headless::{inspect, Input};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()
}

fn malformed(name: &str) -> Input {
    Input { path: name.into(), bytes: Ok(fixture("malformed", name)) }
}

/// A two-line OKR file whose quarter has a full-width digit after `Q`: the
/// quarter parser once sliced it mid-character and panicked.
#[test]
fn a_full_width_quarter_loads_and_is_analysed_without_panic() {
    let run = inspect(vec![malformed("70_okr_fullwidth_quarter.csv")], None, as_of());
    assert!(!run.refused, "{}", run.json);
    let file = &run.json["files"][0];
    assert_eq!((file["kind"].as_str(), file["kept"].as_u64()), (Some("okrs"), Some(1)), "{file}");
    assert!(run.json["findings"].is_array());
}
