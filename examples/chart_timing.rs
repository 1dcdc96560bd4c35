//! Builds every chart for a synthetic organisation and reports how long each
//! view-model build plus draw takes, and how many SVG elements it produced.
//! No test: the benchmark owner runs it (release mode for real figures).
//!
//! ```text
//! cargo run --release --example chart_timing -- [PEOPLE] [TEAMS] [--out DIR]
//! ```
//! Defaults: 2,000 people in 200 teams. With `--out`, each chart's SVG is
//! written to DIR for a visual check.

use std::time::Instant;

use teamdiff::charts::sections::{ChartSettings, SECTIONS};
use teamdiff::charts::{sparkline, svg_check};
use teamdiff::views::digest::org_digest;
use teamdiff::views::leadership::LeadershipPoint;
use teamdiff::views::{synthetic, Presenter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out_dir = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).cloned();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let people = numbers.first().copied().unwrap_or(2_000);
    let teams = numbers.get(1).copied().unwrap_or(200);

    let started = Instant::now();
    let dataset = synthetic::org(people, teams);
    println!(
        "synthetic org: {people} people, {teams} teams, {} PRs, {} work items; built in {:.0} ms",
        dataset.pull_requests.len(),
        dataset.work_items.len(),
        ms(started)
    );
    let today = synthetic::today();
    let settings = ChartSettings {
        cycle_time_band_days: Some((0.0, 5.0)),
        leadership: dataset
            .team_names()
            .iter()
            .enumerate()
            .map(|(i, team)| LeadershipPoint { team: team.clone(), confidence: (i % 10) as f64 / 10.0, autonomy: (i % 7) as f64 / 7.0 })
            .collect(),
        ..ChartSettings::default()
    };

    println!("{:<20} {:>10} {:>10} {:>12}", "chart", "ms", "elements", "svg bytes");
    for (name, build) in SECTIONS {
        let started = Instant::now();
        let section = build(&dataset, today, &settings, Presenter::On);
        let elapsed = ms(started);
        let elements = svg_check::element_names(&section.svg).len();
        println!("{name:<20} {elapsed:>10.1} {elements:>10} {:>12}", section.svg.len());
        if let Some(dir) = &out_dir {
            std::fs::create_dir_all(dir).expect("create output directory");
            std::fs::write(format!("{dir}/{name}.svg"), &section.svg).expect("write svg");
        }
    }

    let started = Instant::now();
    let digest = org_digest(&dataset, today, &[], 12);
    let sparklines: usize = digest.iter().map(|row| sparkline::draw(&row.trend).len()).sum();
    println!("org digest: {} rows with sparklines in {:.1} ms ({sparklines} SVG bytes)", digest.len(), ms(started));
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1_000.0
}
