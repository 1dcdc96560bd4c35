//! Headless run of the same pipeline the browser uses.
//!
//! ```text
//! cargo run --release --example inspect -- [--as-of YYYY-MM-DD] [--model FILE] FILE...
//! ```
//!
//! Prints one JSON object: every file's report (kind, rows, kept, skipped,
//! warnings) and the findings. `--as-of` evaluates as of that day, with
//! every row dated later left out (the page's date control does the same),
//! and fixes "today" so the output is deterministic; a day after today or
//! one that is not a date is refused; without it today's UTC date is used (examples may read
//! the clock; the library never does). When a file or the model file is
//! refused the exit status is 2, and each refusal is also printed to stderr
//! as `file:line:column: message`. The logic lives in `teamdiff::headless`.

use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};
use teamdiff::headless::{inspect, Input};
use teamdiff::views::over_time::parse_day;

fn usage() -> ExitCode {
    eprintln!("usage: inspect [--as-of YYYY-MM-DD] [--model FILE] FILE...");
    ExitCode::from(64)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut as_of: Option<NaiveDate> = None;
    let mut model_path = None;
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--as-of" => match args.next().map(|d| parse_day(&d, today_utc())) {
                Some(Ok(d)) => as_of = Some(d),
                Some(Err(why)) => {
                    eprintln!("inspect: --as-of {why}");
                    return ExitCode::from(64);
                }
                None => return usage(),
            },
            "--model" => match args.next() {
                Some(path) => model_path = Some(path),
                None => return usage(),
            },
            "-h" | "--help" => return usage(),
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        return usage();
    }
    let model_text = match &model_path {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(error) => {
                eprintln!("inspect: cannot read the model file {path}: {error}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let inputs = paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read the file: {e}"));
            Input { path, bytes }
        })
        .collect();
    let model = model_path.as_deref().zip(model_text.as_deref());
    let run = inspect(inputs, model, as_of.unwrap_or_else(today_utc));
    println!("{}", serde_json::to_string_pretty(&run.json).expect("JSON"));
    for refusal in &run.refusals {
        eprintln!("inspect: {refusal}");
    }
    if run.refused {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn today_utc() -> NaiveDate {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    DateTime::from_timestamp(secs, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}
