//! Unknown headers: a suggestion, then a user mapping that loads the rows.

mod common;

use common::*;
use teamdiff::dataset::FileKind;
use teamdiff::ingest::{header_signature, suggest_mapping, target_fields, IngestOptions, UserMapping};

// `Teem` is only similar to `team` (below 0.9), so the file is not loaded
// with a guessed mapping: it waits for the user (see docs/ingest.md).
const ODD: &str = "Full Name,Teem,Job Role,Desk\nAda Lovelace,Payments,engineer,4F\nBo Chen,Web,pm,2A\n";

#[test]
fn unknown_headers_are_reported_with_a_suggestion() {
    let data = load_str("people.csv", ODD);
    let r = report(&data);
    assert_eq!(r.kind, FileKind::Unknown);
    assert_eq!((r.rows, r.kept, r.skipped), (2, 0, 2));
    assert!(r.warnings.iter().any(|w| w.message.contains("match no known export")), "{r:#?}");
    let s = r.suggestion.as_ref().expect("a suggestion");
    assert_eq!(s.kind, FileKind::Roster);
    let headers: Vec<String> = ODD.lines().next().unwrap().split(',').map(String::from).collect();
    assert_eq!(s.signature, header_signature(&headers));
    assert_eq!(r.signature, s.signature);
    assert_eq!(s.columns[3].field, None, "Desk maps to nothing");
    assert!(data.people.is_empty());
    assert_eq!(s.columns[0].samples, ["Ada Lovelace", "Bo Chen"], "what the column holds, shown beside it");
    assert_eq!(s.columns[3].samples, ["4F", "2A"]);
    let mut without_samples = s.clone();
    without_samples.columns.iter_mut().for_each(|c| c.samples.clear());
    assert_eq!(suggest_mapping(&headers), without_samples, "the headers alone decide the suggestion");
}

#[test]
fn samples_are_few_distinct_short_and_skip_empty_cells() {
    let long = "x".repeat(60);
    let text = format!("Who,Note
Ada,{long}
Ada,N/A
Bo,
Cy,b
Dee,c
Ed,d
");
    let data = load_str("odd.csv", &text);
    let s = report(&data).suggestion.clone().unwrap();
    assert_eq!(s.columns[0].samples, ["Ada", "Bo", "Cy"]);
    assert_eq!(s.columns[1].samples.len(), 3);
    assert_eq!(s.columns[1].samples[0], format!("{}…", "x".repeat(40)));
    assert_eq!(&s.columns[1].samples[1..], ["b", "c"], "N/A and empty cells are not examples");
}

#[test]
fn a_chosen_mapping_loads_the_rows_and_round_trips_through_json() {
    let first = load_str("people.csv", ODD);
    let suggestion = report(&first).suggestion.clone().unwrap();
    let options = IngestOptions { mappings: vec![UserMapping::from_suggestion(&suggestion)], ..IngestOptions::default() };
    // The UI stores options as JSON; what comes back must still work.
    let options: IngestOptions = serde_json::from_str(&serde_json::to_string(&options).unwrap()).unwrap();
    let (data, _) = ingest_bytes("people.csv", ODD.as_bytes(), &options).unwrap();
    let r = report(&data);
    assert_eq!(r.kind, FileKind::Roster);
    assert_eq!((r.rows, r.kept), (2, 2));
    assert_eq!(data.people[1].name, "Bo Chen");
    assert_eq!(data.people[1].team, "Web");
    assert_eq!(data.people[1].role, "pm");
    assert!(r.mapping.contains(&("Teem".to_string(), "team".to_string())));
}

#[test]
fn a_hand_made_mapping_can_override_recognition_and_bad_pairs_are_reported() {
    let text = "person,team,role\nAda,Core,eng\n";
    let headers: Vec<String> = vec!["person".into(), "team".into(), "role".into()];
    let mapping = UserMapping {
        signature: header_signature(&headers),
        kind: FileKind::Stakeholders,
        columns: vec![
            ("person".into(), "name".into()),
            ("role".into(), "role".into()),
            ("team".into(), "flavor".into()),
        ],
    };
    let (data, _) = ingest_bytes("x.csv", text.as_bytes(), &IngestOptions { mappings: vec![mapping], ..IngestOptions::default() }).unwrap();
    let r = report(&data);
    assert_eq!(r.kind, FileKind::Stakeholders);
    assert_eq!(data.stakeholders[0].name, "Ada");
    assert!(r.warnings.iter().any(|w| w.message.contains("team → flavor")), "{r:#?}");
}

#[test]
fn a_mapping_for_other_headers_is_not_applied() {
    let mapping = UserMapping { signature: "h9-0000".into(), kind: FileKind::Teams, columns: vec![] };
    let (data, _) = ingest_bytes("p.csv", ODD.as_bytes(), &IngestOptions { mappings: vec![mapping], ..IngestOptions::default() }).unwrap();
    assert_eq!(report(&data).kind, FileKind::Unknown);
}

#[test]
fn target_fields_list_what_a_kind_reads() {
    assert_eq!(
        target_fields(FileKind::Roster),
        ["person", "team", "role", "github", "gitlab", "jira", "linear", "azure", "email", "aliases"]
    );
    assert!(target_fields(FileKind::Jira).contains(&"sprint"));
    assert!(target_fields(FileKind::Unknown).is_empty());
}
