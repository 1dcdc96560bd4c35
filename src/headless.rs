//! The pipeline without a browser: what `examples/inspect.rs` prints.
//!
//! The example only reads files and the clock; everything else is here, so
//! the JSON it prints is tested natively like the rest of the core.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::dataset::{Bots, Dataset, FileKind, Index};
use crate::findings;
use crate::ingest::{ingest_file, IngestOptions};
use crate::model::TeamModel;
use crate::views::over_time::AsOf;

/// One input file as the caller could read it: bytes, or why it could not.
pub struct Input {
    pub path: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// The result of a headless run.
pub struct Inspection {
    /// `{"files":[...],"findings":[...]}`, plus `model_error` when the
    /// model file was refused.
    pub json: Value,
    /// True when some file, or the model file, was refused outright.
    pub refused: bool,
    /// Each refusal for people: `path:line:column: message`, or
    /// `path: message` when it has no place (a file that could not be read).
    pub refusals: Vec<String>,
}

/// A refusal as compilers print one, so editors can jump to it.
fn refusal_line(path: &str, line: u32, column: u32, message: &str) -> String {
    if line == 0 {
        format!("{path}: {message}")
    } else {
        format!("{path}:{line}:{column}: {message}")
    }
}

/// Ingests every input in order, applies the model file if any, and runs
/// every tripwire as of `as_of`, on the rows cut back to that day
/// (`as_of_note` says so when rows were dated later). A refused file is listed with kind
/// `unknown`, an `error` and its `line` and `column` (0 when the refusal
/// concerns the whole file); the others still load.
pub fn inspect(inputs: Vec<Input>, model_json: Option<(&str, &str)>, as_of: NaiveDate) -> Inspection {
    let mut dataset = Dataset::default();
    let mut files = Vec::new();
    let mut refusals = Vec::new();
    for input in inputs {
        let outcome = input.bytes.map_err(|message| (0, 0, message)).and_then(|bytes| {
            ingest_file(&mut dataset, &input.path, &bytes, &IngestOptions::default(), &mut |_, _| {})
                .map_err(|error| (error.line, error.column, error.message))
        });
        match outcome {
            Ok(index) => {
                let report = &dataset.files[index];
                let mut file = json!({
                    "path": report.path,
                    "kind": report.kind.id(),
                    "rows": report.rows,
                    "kept": report.kept,
                    "skipped": report.skipped,
                    "warnings": report.warnings.iter()
                        .map(|w| json!({"line": w.line, "column": w.column, "message": w.message}))
                        .collect::<Vec<_>>(),
                });
                // Loaded without asking: which header became which field, to check the guess.
                if report.kind != FileKind::Unknown && report.suggestion.is_some() {
                    file["guessed_mapping"] =
                        report.mapping.iter().map(|(header, field)| json!({"header": header, "field": field})).collect();
                }
                files.push(file);
            }
            Err((line, column, message)) => {
                refusals.push(refusal_line(&input.path, line, column, &message));
                files.push(json!({
                    "path": input.path, "kind": "unknown", "rows": 0, "kept": 0, "skipped": 0,
                    "warnings": [{"line": line, "column": column, "message": message}],
                    "error": message, "line": line, "column": column,
                }));
            }
        }
    }

    let mut model = TeamModel::from_dataset(&dataset);
    let mut model_error: Option<Value> = None;
    if let Some((path, text)) = model_json {
        match TeamModel::from_json(text) {
            Ok(mut loaded) => {
                loaded.add_dataset_teams(&dataset);
                model = loaded;
            }
            Err(error) => {
                refusals.push(refusal_line(path, error.line, error.column, &error.reason()));
                model_error = Some(json!({"path": path, "line": error.line, "column": error.column, "message": error.reason()}));
            }
        }
    }
    // The same as-of path as the page: rows dated after `as_of` are cut
    // once, and the tripwires run over what was known then.
    let cut = dataset.as_of(as_of);
    let findings = findings::evaluate_report(&Index::with_identities(&cut, Bots::new(&model.bots), &model.identities), &model, as_of).findings;
    let mut json = json!({
        "as_of": as_of,
        "files": files,
        "findings": serde_json::to_value(&findings).expect("findings serialise"),
    });
    if let Some(note) = AsOf::new(as_of, None, cut.statuses_approximated_on).note {
        json["as_of_note"] = note.into();
    }
    if let Some(error) = model_error {
        json["model_error"] = error;
    }
    Inspection { json, refused: !refusals.is_empty(), refusals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{generate, DemoSize};

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn demo_inputs() -> Vec<Input> {
        generate(DemoSize::Small, 7, as_of())
            .into_iter()
            .map(|file| Input { path: file.name, bytes: Ok(file.bytes) })
            .collect()
    }

    #[test]
    fn prints_every_file_and_the_findings_deterministically() {
        let first = inspect(demo_inputs(), None, as_of());
        assert!(!first.refused);
        let files = first.json["files"].as_array().unwrap();
        assert_eq!(files.len(), 13);
        for file in files {
            let (rows, kept, skipped) = (file["rows"].as_u64().unwrap(), file["kept"].as_u64().unwrap(), file["skipped"].as_u64().unwrap());
            assert_eq!(rows, kept + skipped, "{file}");
            assert_ne!(file["kind"], "unknown");
        }
        let findings = first.json["findings"].as_array().unwrap();
        assert!(findings.iter().any(|f| f["tripwire"] == "quiet_contributor"));
        assert_eq!(first.json, inspect(demo_inputs(), None, as_of()).json);
    }

    #[test]
    fn a_confidently_guessed_file_loads_and_lists_its_mapping() {
        let csv = b"review_id,reviewer_login,pr_id,state,submitted_at\n9001,bo,42,APPROVED,2025-11-03T14:02:11Z\n";
        let run = inspect(vec![Input { path: "reviews.csv".into(), bytes: Ok(csv.to_vec()) }], None, as_of());
        let file = &run.json["files"][0];
        assert_eq!((file["kind"].as_str(), file["kept"].as_u64()), (Some("reviews"), Some(1)), "{file}");
        assert!(file["warnings"][0]["message"].as_str().unwrap().starts_with("loaded with a guessed mapping"), "{file}");
        assert!(file["guessed_mapping"].as_array().unwrap().contains(&json!({"header": "pr_id", "field": "pr"})), "{file}");
        let demo = inspect(demo_inputs(), None, as_of());
        assert!(demo.json["files"].as_array().unwrap().iter().all(|f| f.get("guessed_mapping").is_none()), "recognised files guess nothing");
    }

    #[test]
    fn a_refused_file_is_listed_and_the_rest_still_load() {
        let mut inputs = demo_inputs();
        inputs.insert(0, Input { path: "missing.csv".into(), bytes: Err("cannot read the file: not found".into()) });
        inputs.insert(1, Input { path: "empty.csv".into(), bytes: Ok(Vec::new()) });
        let run = inspect(inputs, None, as_of());
        assert!(run.refused);
        let files = run.json["files"].as_array().unwrap();
        assert_eq!(files[0]["error"], "cannot read the file: not found");
        assert_eq!(files[1]["kind"], "unknown");
        assert!(files[1]["error"].as_str().unwrap().contains("empty"), "{}", files[1]);
        assert_eq!(files.len(), 15);
    }

    #[test]
    fn a_model_file_changes_the_norms_and_a_bad_one_is_reported() {
        let baseline = inspect(demo_inputs(), None, as_of());
        let quiet = |json: &Value| json["findings"].as_array().unwrap().iter().filter(|f| f["tripwire"] == "quiet_contributor").count();
        let mut model = TeamModel::from_dataset(&{
            let mut dataset = Dataset::default();
            for input in demo_inputs() {
                let _ = ingest_file(&mut dataset, &input.path, input.bytes.as_ref().unwrap(), &IngestOptions::default(), &mut |_, _| {});
            }
            dataset
        });
        for team in model.teams.values_mut() {
            team.overrides.set_scalar("quiet_days", 365).unwrap();
        }
        let lenient = inspect(demo_inputs(), Some(("model.json", &model.to_json())), as_of());
        assert!(quiet(&baseline.json) > 0);
        assert_eq!(quiet(&lenient.json), 0, "a year of quiet days silences quiet_contributor");

        let broken = inspect(demo_inputs(), Some(("model.json", "{\n  \"format\": \"teamdiff-model\",\n  \"version\": 99\n}")), as_of());
        assert!(broken.refused);
        assert_eq!(broken.json["model_error"]["path"], "model.json");
        assert!(broken.refusals[0].starts_with("model.json:3:"), "{:?}", broken.refusals);
        assert_eq!(quiet(&broken.json), quiet(&baseline.json), "a refused model file leaves the default model");
    }

    #[test]
    fn as_of_an_earlier_day_later_rows_are_unseen_and_the_json_says_so() {
        let today = inspect(demo_inputs(), None, as_of());
        assert_eq!(today.json["as_of"], "2026-11-22");
        assert!(today.json.get("as_of_note").is_none(), "nothing is dated after the demo's today");
        let subjects = |json: &Value| -> Vec<String> {
            json["findings"].as_array().unwrap().iter().map(|f| format!("{}|{}", f["tripwire"], f["subject"])).collect()
        };
        let earlier = inspect(demo_inputs(), None, as_of() - chrono::Duration::days(30));
        assert!(subjects(&today.json).iter().any(|s| s.contains("postmortem_gap") && s.contains("INC-2041")));
        assert!(!subjects(&earlier.json).iter().any(|s| s.contains("INC-2041")), "the incident happened 18 days ago");
        assert!(earlier.json["as_of_note"].as_str().unwrap().contains("approximated from created and resolved dates"));
    }
}
