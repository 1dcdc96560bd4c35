//! Headless run of the same pipeline the browser uses.
//!
//! ```text
//! cargo run --release --example inspect -- [--as-of YYYY-MM-DD] [--model FILE] FILE...
//! ```
//!
//! Prints one JSON object: every file's report (kind, rows, kept, skipped,
//! warnings) and the findings. `--as-of` fixes "today" so the output is
//! deterministic; without it today's UTC date is used (examples may read
//! the clock; the library never does). A file that is refused outright is
//! listed with kind `unknown` and an `error`, and the exit status is 2.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};
use serde_json::{json, Value};
use teamdiff::dataset::Dataset;
use teamdiff::ingest::{ingest_file, IngestOptions};

fn usage() -> ExitCode {
    eprintln!("usage: inspect [--as-of YYYY-MM-DD] [--model FILE] FILE...");
    ExitCode::from(64)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut as_of: Option<NaiveDate> = None;
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--as-of" => match args.next().and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
                Some(d) => as_of = Some(d),
                None => return usage(),
            },
            "--model" => {
                let Some(model) = args.next() else { return usage() };
                eprintln!("inspect: --model {model} ignored: the model file format does not exist yet");
            }
            "-h" | "--help" => return usage(),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return usage();
    }
    let as_of = as_of.unwrap_or_else(today_utc);

    let mut dataset = Dataset::default();
    let mut files: Vec<Value> = Vec::new();
    let mut refused = false;
    for path in &paths {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                refused = true;
                files.push(refused_entry(path, 0, 0, &format!("cannot read the file: {e}")));
                continue;
            }
        };
        match ingest_file(&mut dataset, path, &bytes, &IngestOptions::default(), &mut |_, _| {}) {
            Ok(index) => {
                let r = &dataset.files[index];
                files.push(json!({
                    "path": r.path,
                    "kind": r.kind.id(),
                    "rows": r.rows,
                    "kept": r.kept,
                    "skipped": r.skipped,
                    "warnings": r.warnings.iter()
                        .map(|w| json!({"line": w.line, "column": w.column, "message": w.message}))
                        .collect::<Vec<_>>(),
                }));
            }
            Err(e) => {
                refused = true;
                files.push(refused_entry(path, e.line, e.column, &e.message));
            }
        }
    }

    let model = teamdiff::model::TeamModel::from_dataset(&dataset);
    let findings = teamdiff::findings::evaluate(&dataset, &model, as_of);
    let out = json!({
        "files": files,
        "findings": serde_json::to_value(&findings).expect("findings serialize"),
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
    if refused {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn refused_entry(path: &str, line: u32, column: u32, message: &str) -> Value {
    json!({
        "path": path, "kind": "unknown", "rows": 0, "kept": 0, "skipped": 0,
        "warnings": [{"line": line, "column": column, "message": message}],
        "error": message,
    })
}

fn today_utc() -> NaiveDate {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    DateTime::from_timestamp(secs, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}
