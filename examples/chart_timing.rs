//! Builds the presenter-mode snapshot of a synthetic organisation (every
//! view-model, pseudonymised) and reports how long that takes, then draws
//! every chart of the registry from it and reports how long each draw
//! takes and how many SVG elements it produced.
//! No test: the benchmark owner runs it (release mode for real figures).
//!
//! ```text
//! cargo run --release --example chart_timing -- [PEOPLE] [TEAMS] [--out DIR]
//! ```
//! Defaults: 2,000 people in 200 teams. With `--out`, each chart's SVG is
//! written to DIR for a visual check.

use std::time::Instant;

use teamdiff::charts::{sparkline, svg_check};
use teamdiff::model::TeamModel;
use teamdiff::present::{self, charts::CHARTS, Presenter, State};
use teamdiff::testkit::orgs as synthetic;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out_dir = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).cloned();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let people = numbers.first().copied().unwrap_or(2_000);
    let teams = numbers.get(1).copied().unwrap_or(200);

    let started = Instant::now();
    let dataset = synthetic::org(people, teams);
    let model = TeamModel::from_dataset(&dataset);
    println!(
        "synthetic org: {people} people, {teams} teams, {} PRs, {} work items; built in {:.0} ms",
        dataset.pull_requests.len(),
        dataset.work_items.len(),
        ms(started)
    );
    let today = synthetic::today();
    let started = Instant::now();
    let snapshot = present::snapshot(&State { presenter: Presenter::On, ..State::of(&teamdiff::dataset::Index::new(&dataset), &model, &[], today) }, None);
    println!("presenter snapshot (every view-model, no findings): {:.1} ms", ms(started));

    println!("{:<20} {:>10} {:>10} {:>12}", "chart", "draw ms", "elements", "svg bytes");
    for chart in &CHARTS {
        let started = Instant::now();
        let section = chart.section(&snapshot);
        let elapsed = ms(started);
        let elements = svg_check::element_names(&section.svg).len();
        println!("{:<20} {elapsed:>10.1} {elements:>10} {:>12}", chart.id, section.svg.len());
        if let Some(dir) = &out_dir {
            std::fs::create_dir_all(dir).expect("create output directory");
            std::fs::write(format!("{dir}/{}.svg", chart.id), &section.svg).expect("write svg");
        }
    }

    let started = Instant::now();
    let digest = &snapshot.analysis.digest;
    let sparklines: usize = digest.iter().map(|row| sparkline::draw(&row.trend).len()).sum();
    println!("org digest: {} sparklines in {:.1} ms ({sparklines} SVG bytes)", digest.len(), ms(started));
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1_000.0
}
