//! Builds every view-model for a synthetic organisation and reports how long
//! each build and draw takes. No test: the benchmark owner runs it.
//!
//! ```text
//! cargo run --release --example chart_timing -- [PEOPLE] [TEAMS] [--out DIR]
//! ```
//! With `--out`, each chart's SVG is written to DIR for a visual check.

use std::time::Instant;

use teamdiff::charts;
use teamdiff::views::{self, synthetic, Presenter, TeamThresholds};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out_dir = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).cloned();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let people = numbers.first().copied().unwrap_or(2_000);
    let teams = numbers.get(1).copied().unwrap_or(200);

    let started = Instant::now();
    let dataset = synthetic::org(people, teams);
    println!("synthetic org: {people} people, {teams} teams, {} PRs, built in {:.0} ms", dataset.pull_requests.len(), ms(started));
    let today = synthetic::today();
    let quiet = TeamThresholds::uniform(7.0);
    let cadence = TeamThresholds::uniform(14.0);

    let mut charts: Vec<(&str, Box<dyn Fn() -> String + '_>)> = Vec::new();
    charts.push(("merged_per_week", Box::new(|| charts::merged_per_week::draw(&views::merged_per_week(&dataset)))));
    charts.push((
        "quiet_days",
        Box::new(|| charts::quiet_days::draw(&views::quiet::days_since_last_merge(&dataset, today, &quiet, None, Presenter::On))),
    ));
    charts.push((
        "review_wait",
        Box::new(|| charts::review_wait::draw(&views::review_wait::first_review_wait(&dataset, today, 24.0, Presenter::On))),
    ));
    charts.push((
        "cycle_time",
        Box::new(|| charts::cycle_time::draw(&views::cycle_time::cycle_times(&dataset, today, None, Some((0.0, 5.0))))),
    ));
    charts.push((
        "decision_latency",
        Box::new(|| {
            charts::decision_latency::draw(&views::decisions::decision_latency(&dataset, today, &Default::default(), None))
        }),
    ));
    charts.push(("decision_split", Box::new(|| charts::decision_split::draw(&views::decisions::decision_split(&dataset, None)))));
    charts.push((
        "update_freshness",
        Box::new(|| charts::update_freshness::draw(&views::freshness::update_freshness(&dataset, today, &cadence, 12))),
    ));

    println!("{:<20} {:>10} {:>12}", "chart", "ms", "svg bytes");
    for (name, build_and_draw) in &charts {
        let started = Instant::now();
        let svg = build_and_draw();
        println!("{name:<20} {:>10.1} {:>12}", ms(started), svg.len());
        if let Some(dir) = &out_dir {
            std::fs::create_dir_all(dir).expect("create output directory");
            std::fs::write(format!("{dir}/{name}.svg"), svg).expect("write svg");
        }
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1_000.0
}
