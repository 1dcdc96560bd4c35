//! Times the findings-over-time history (26 evaluations, one per week, each
//! through the as-of path) on a demo organisation, natively:
//! `cargo run --release --locked --example over_time_timing -- org2k`.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use teamdiff::dataset::Dataset;
use teamdiff::demo::{generate, DemoSize};
use teamdiff::findings;
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::TeamModel;
use teamdiff::views::over_time::{OverTime, WEEKS};

fn main() {
    let size = match std::env::args().nth(1).as_deref() {
        Some("small") => DemoSize::Small,
        Some("medium") => DemoSize::Medium,
        _ => DemoSize::Org2k,
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let mut dataset = Dataset::default();
    for file in generate(size, 42, today) {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {}).expect("demo files load");
    }
    let model = TeamModel::from_dataset(&dataset);
    let started = Instant::now();
    let once = findings::evaluate(&dataset, &model, today);
    let one_ms = started.elapsed().as_secs_f64() * 1000.0;
    for back in [1, 10, 25] {
        breakdown(&dataset, &model, today - chrono::Duration::weeks(back));
    }
    let groups = BTreeMap::new();
    let started = Instant::now();
    let history = OverTime::new(&dataset, &model, groups, today).run();
    let all_ms = started.elapsed().as_secs_f64() * 1000.0;
    let rows: u64 = dataset.files.iter().map(|f| f.rows).sum();
    println!("{size:?}: {rows} rows, {} teams; one evaluation as of today {one_ms:.0} ms ({} findings)", history.teams.len(), once.len());
    println!("findings over time, {WEEKS} weeks: {all_ms:.0} ms ({:.0} ms a week); open findings per week: {:?}", all_ms / WEEKS as f64, history.org.open);
}

/// One week the simple way, for comparison: the dataset copied by
/// `Dataset::as_of`, its index, every tripwire.
fn breakdown(dataset: &Dataset, model: &TeamModel, day: NaiveDate) {
    let started = Instant::now();
    let cut = dataset.as_of(day);
    let cut_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let index = teamdiff::dataset::Index::with_bots(&cut, teamdiff::dataset::Bots::new(&model.bots));
    let index_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let report = findings::evaluate_report(&index, model, day);
    let eval_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!("{day}: cut {cut_ms:.0} ms, index {index_ms:.0} ms, evaluate {eval_ms:.0} ms, {} findings; {} PRs {} items", report.findings.len(), cut.pull_requests.len(), cut.work_items.len());
}
