//! How long the column-mapping step takes on headers nobody recognises:
//! `cargo run --release --example mapping_timing`.
use std::time::Instant;

fn main() {
    let shapes: Vec<Vec<String>> = vec![
        vec!["qqq".into(), "zzz".into(), "Reviewr".into()],
        (0..50).map(|i| format!("custom field {i} created date")).collect(),
        vec!["Full Name".into(), "Squad Name".into(), "Job Role".into(), "PR Num".into(), "Submited".into()],
        (0..20).map(|i| format!("xq{i}ab assignee login")).collect(),
    ];
    for headers in &shapes {
        let runs: u32 = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(2_000);
        let start = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(teamdiff::ingest::suggest_mapping(std::hint::black_box(headers)));
        }
        let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
        println!("{:>3} columns, first {:?}: {per:.1} µs per header row", headers.len(), headers[0]);
    }
}
