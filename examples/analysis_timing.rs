//! Times the in-browser bench's analysis (`BenchPipeline::analyse`: the
//! model, the index, the as-of check and every tripwire) natively, phase
//! by phase, over a directory of exports read once:
//! `cargo run --profile bench --locked --example analysis_timing -- target/bench-data/org2k [runs]`.
//! Each run prints its phases; run it under `perf record` for a profile
//! of the analysis alone.

use std::borrow::Cow;
use std::time::Instant;

use chrono::NaiveDate;
use teamdiff::dataset::{Bots, Dataset, Index};
use teamdiff::findings;
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::TeamModel;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a directory of CSV exports, e.g. target/bench-data/org2k");
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a readable directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "csv"))
        .collect();
    paths.sort();
    let mut dataset = Dataset::default();
    for path in paths {
        let bytes = std::fs::read(&path).expect("a readable file");
        let name = path.file_name().expect("a file name").to_string_lossy();
        ingest_file(&mut dataset, &name, &bytes, &IngestOptions::default(), &mut |_, _| {}).expect("a file teamdiff reads");
    }
    // The day the bench's organisations are generated for (`make bench`).
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    for _ in 0..runs {
        let started = Instant::now();
        let ms = || started.elapsed().as_secs_f64() * 1e3;
        let model = TeamModel::from_dataset(&dataset);
        let modelled = ms();
        let index = Index::with_identities(&dataset, Bots::new(&model.bots), &model.identities);
        let indexed = ms();
        // `evaluate_report` asks this once more itself.
        let nothing_to_cut = matches!(dataset.as_of(today), Cow::Borrowed(_));
        let checked = ms();
        let findings = findings::evaluate_report(&index, &model, today).findings.len();
        let finished = ms();
        println!(
            "{findings} findings in {finished:.1} ms: model {modelled:.1}, index {:.1}, as-of check {:.1} (nothing to cut: \
             {nothing_to_cut}), evaluate_report {:.1}",
            indexed - modelled,
            checked - indexed,
            finished - checked
        );
    }
}
