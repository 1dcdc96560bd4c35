//! Times each phase of the snapshot the worker builds after a drop
//! (`Engine::publish`), and each view-model builder inside it, natively on
//! a demo organisation; then one request (`Request::SetNorm`) end to end:
//! `cargo run --profile bench --locked --example snapshot_timing -- org2k [runs] [--dump DIR]`.
//! `--dump DIR` also writes the engine's snapshots (the drop, then after
//! each request) as JSON to `DIR`, to compare two builds byte for byte.
//! Each line is the median of `runs` (default 3), on-CPU (this thread's
//! schedstat) and wall-clock, so a busy shared machine distorts it less.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use teamdiff::dataset::{Bots, Dataset, Index};
use teamdiff::demo::{generate, DemoSize};
use teamdiff::engine::{Engine, Request};
use teamdiff::findings::{self, leadership_positions};
use teamdiff::findings::drift::model_drift;
use teamdiff::findings::systemic::{suggest_updates, systemic_findings, History};
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::TeamModel;
use teamdiff::present::{self, analysis, presenter, Pseudonymizer, State};
use teamdiff::views;

fn thread_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(stat.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0))
}

/// Collects (phase, on-CPU ms, wall ms) per run.
#[derive(Default)]
struct Timings {
    phases: Vec<(&'static str, Vec<f64>, Vec<f64>)>,
}

impl Timings {
    fn time<T>(&mut self, phase: &'static str, work: impl FnOnce() -> T) -> T {
        let (cpu, wall) = (thread_cpu(), Instant::now());
        let out = std::hint::black_box(work());
        let (cpu_ms, wall_ms) = ((thread_cpu() - cpu).as_secs_f64() * 1e3, wall.elapsed().as_secs_f64() * 1e3);
        match self.phases.iter_mut().find(|(p, _, _)| *p == phase) {
            Some((_, c, w)) => {
                c.push(cpu_ms);
                w.push(wall_ms);
            }
            None => self.phases.push((phase, vec![cpu_ms], vec![wall_ms])),
        }
        out
    }

    fn print(&self) {
        println!("{:<44} {:>10} {:>10}", "phase", "on-CPU ms", "wall ms");
        for (phase, cpu, wall) in &self.phases {
            println!("{phase:<44} {:>10.1} {:>10.1}", median(cpu.clone()), median(wall.clone()));
        }
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().position(|a| a == "--dump").map(|at| {
        let dir = args.get(at + 1).expect("--dump needs a directory").clone();
        args.drain(at..at + 2);
        std::fs::create_dir_all(&dir).expect("create the dump directory");
        dir
    });
    let mut args = args.into_iter();
    let size = match args.next().as_deref() {
        Some("small") => DemoSize::Small,
        Some("medium") => DemoSize::Medium,
        Some("org200") => DemoSize::Org200,
        _ => DemoSize::Org2k,
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let files = generate(size, 42, today);
    let mut dataset = Dataset::default();
    for file in &files {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {}).expect("demo files load");
    }
    let model = TeamModel::from_dataset(&dataset);
    let mut t = Timings::default();
    for _ in 0..runs {
        let index = t.time("index (Index::with_identities)", || Index::with_identities(&dataset, Bots::new(&model.bots), &model.identities));
        // As `Engine::publish` has it: every PR's reviews matched once.
        let index = t.time("index: match_every_pr", || index.match_every_pr());
        let report = t.time("tripwires (evaluate_report)", || findings::evaluate_report(&index, &model, today));
        let found = &report.findings;
        // Each tripwire on its own, as `evaluate_report` runs them (the
        // second phase reading the first phase's findings).
        let mut ctx = t.time("  tripwires: Context::new", || findings::Context::new(&index, &model, today));
        ctx.prior = found;
        for tripwire in findings::REGISTRY {
            t.time(tripwire.id, || {
                let mut output = findings::Output::default();
                (tripwire.run)(&ctx, &mut output);
                output.findings.len() + output.gaps.len()
            });
        }
        t.time("views: overview (summary, merged/week)", || present::overview(&dataset, index.bots(), today));
        t.time("views: analysis (all of it)", || analysis::analyse(&index, &model, found, today));
        t.time("  analysis: leadership_positions", || leadership_positions(&dataset, &model, found, today));
        t.time("  analysis: chart_settings", || analysis::chart_settings(&dataset, &model, today));
        t.time("  analysis: org_digest", || views::digest::org_digest(&index, today, &[], analysis::DIGEST_TREND_WEEKS));
        let history = t.time("  analysis: History::read", || History::read(&index, &model, today));
        let mut systemic = t.time("  analysis: systemic_findings", || systemic_findings(&index, found));
        t.time("  analysis: suggest_updates", || suggest_updates(&mut systemic, &history, &model));
        t.time("  analysis: model_drift", || model_drift(&index, &model, found, &history));
        let settings = analysis::chart_settings(&dataset, &model, today);
        t.time("  analysis: quiet days", || views::quiet::days_since_last_merge(&index, today, &settings.quiet_days, None));
        t.time("  analysis: review wait", || views::review_wait::first_review_wait(&index, today, settings.first_review_hours));
        t.time("  analysis: cycle time", || views::cycle_time::cycle_times(&dataset, today, None, settings.cycle_time_band_days));
        t.time("  analysis: decision latency", || views::decisions::decision_latency(&dataset, today, &settings.decision_norms, None));
        t.time("  analysis: decision split", || views::decisions::decision_split(&dataset, None));
        t.time("  analysis: freshness", || {
            views::freshness::update_freshness(&dataset, today, &settings.update_cadence_days, settings.freshness_weeks)
        });
        t.time("views: stakeholders", || {
            views::stakeholders::stakeholder_grid(&dataset, today, &model.stakeholder_cadence, &Default::default())
        });
        t.time("views: identities", || views::identities::identities(&index, &model.identities));
        t.time("views: coverage", || {
            views::coverage::coverage(&index, model.teams.keys().map(String::as_str), &report.not_enough_data)
        });
        t.time("views: distinct people resolved", || views::summary::distinct_people_resolved(&index));
        let state = State { gaps: &report.not_enough_data, ..State::of(&index, &model, found, today) };
        let snapshot = t.time("present::snapshot (presenter off)", || present::snapshot(&state, None));
        let pseudonyms = t.time("presenter: Pseudonymizer::for_dataset", || Pseudonymizer::for_dataset(&dataset));
        t.time("presenter: pseudonymise", || {
            let mut copy = snapshot.clone();
            presenter::pseudonymise(&mut copy, &pseudonyms);
            copy
        });
        t.time("serialise snapshot JSON", || serde_json::to_string(&snapshot).expect("serialises").len());
    }
    let rows: u64 = dataset.files.iter().map(|f| f.rows).sum();
    println!("{size:?}: {rows} rows; median of {runs} runs");
    t.print();

    // The engine end to end: the drop's snapshot, then one request.
    let mut e = Timings::default();
    let mut engine = Engine::new(today);
    let mut batch = engine.batch();
    for file in &files {
        batch.add_file(&file.name, &file.bytes, &mut |_| {});
    }
    let save = |what: &str, snapshot: &teamdiff::engine::Snapshot| {
        if let Some(dir) = &dump {
            std::fs::write(format!("{dir}/{what}.json"), serde_json::to_string(snapshot).expect("serialises")).expect("write the dump");
        }
    };
    let dropped = e.time("engine: Batch::finish (drop's snapshot)", || batch.finish(&mut |_| {}));
    save("0-drop", &dropped);
    let team = engine.model().teams.keys().next().expect("a team").clone();
    for run in 0..runs {
        let value = Some(3 + run as u32);
        let set = e.time("engine: Request::SetNorm", || {
            engine.handle(Request::SetNorm { team: team.clone(), norm: "quiet_days".into(), value }, &mut |_| {})
        });
        save(&format!("{run}-set-norm"), &set);
        let presented = e.time("engine: Request::SetPresenter", || engine.handle(Request::SetPresenter { on: run % 2 == 0 }, &mut |_| {}));
        save(&format!("{run}-presenter"), &presented);
    }
    let day = Some(today - chrono::Duration::days(30));
    let past = e.time("engine: Request::SetAsOf (30 days back)", || engine.handle(Request::SetAsOf { day }, &mut |_| {}));
    save("as-of", &past);
    let back = e.time("engine: Request::SetAsOf (today)", || engine.handle(Request::SetAsOf { day: None }, &mut |_| {}));
    save("as-of-today", &back);
    e.print();
}
