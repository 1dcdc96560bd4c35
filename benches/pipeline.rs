//! Native benchmark of the pipeline the worker runs, on the seeded demo
//! organisations: ingest alone, and ingest + model + every tripwire.
//!
//! A plain timing binary rather than criterion: one Org2k iteration takes
//! seconds, so criterion's minimum of ten samples (plus warm-up and its
//! analysis) would make `make bench` take many minutes per size on a
//! shared 2-core machine, and its dependency tree would add minutes of
//! build. The median of a few runs is what BENCHMARKS.md reports.
//!
//! ```text
//! cargo bench --bench pipeline -- [--size small|medium|org2k]... [--runs N] [--json] [--write-data DIR] [--data DIR] [--ingest-only]
//! ```
//! `--ingest-only` times ingest alone (no model, tripwires or snapshot): the
//! quick before/after check while working on ingest.
//! `--write-data DIR` writes each size's files to `DIR/<size>/` (plus a
//! `manifest.json`) so the in-browser benchmark parses the very same bytes.
//! `--json` ends the output with one `bench-json: {...}` line for scripts.
//! `--data DIR` reads each size's files from `DIR/<size>/` (as written by
//! `--write-data`, in `manifest.json`'s order) instead of generating them:
//! a profile of the run is then ingest's alone, not the generator's too.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use teamdiff::dataset::Dataset;
use teamdiff::demo::{self, DemoFile, DemoSize};
use teamdiff::engine::{Engine, Event};
use teamdiff::findings;
use teamdiff::ingest::{ingest_file, IngestOptions};
use teamdiff::model::TeamModel;

/// The as-of date of every benchmark run, shared with the browser bench.
const TODAY: (i32, u32, u32) = (2026, 11, 22);
const SEED: u64 = 42;

struct Args {
    sizes: Vec<DemoSize>,
    runs: usize,
    json: bool,
    write_data: Option<String>,
    data: Option<String>,
    ingest_only: bool,
}

fn parse_args() -> Args {
    let mut args = Args { sizes: Vec::new(), runs: 5, json: false, write_data: None, data: None, ingest_only: false };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--size" => args.sizes.push(size_named(&it.next().expect("--size needs a value"))),
            "--runs" => args.runs = it.next().and_then(|n| n.parse().ok()).expect("--runs needs a number"),
            "--json" => args.json = true,
            "--ingest-only" => args.ingest_only = true,
            "--write-data" => args.write_data = Some(it.next().expect("--write-data needs a directory")),
            "--data" => args.data = Some(it.next().expect("--data needs a directory")),
            // `cargo bench` passes --bench; a filter argument is not supported.
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    if args.sizes.is_empty() {
        args.sizes = vec![DemoSize::Medium, DemoSize::Org2k];
    }
    args.runs = args.runs.max(1);
    args
}

fn size_named(name: &str) -> DemoSize {
    match name {
        "small" => DemoSize::Small,
        "medium" => DemoSize::Medium,
        "org2k" => DemoSize::Org2k,
        "org200" => DemoSize::Org200,
        other => panic!("unknown size {other}: small, medium, org2k or org200"),
    }
}

fn size_id(size: DemoSize) -> &'static str {
    match size {
        DemoSize::Small => "small",
        DemoSize::Medium => "medium",
        DemoSize::Org2k => "org2k",
        DemoSize::Org200 => "org200",
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

struct Run {
    ingest: Duration,
    /// On-CPU time of the ingest, which a busy shared machine inflates far
    /// less than the wall-clock time.
    ingest_cpu: Option<Duration>,
    model: Duration,
    evaluate: Duration,
    rows: u64,
    findings: usize,
}

/// This thread's on-CPU time so far (Linux's schedstat, in nanoseconds).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

fn run_once(files: &[DemoFile], ingest_only: bool) -> Run {
    let cpu_started = thread_cpu_time();
    let started = Instant::now();
    let mut dataset = Dataset::default();
    for file in files {
        ingest_file(&mut dataset, &file.name, &file.bytes, &IngestOptions::default(), &mut |_, _| {})
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let ingest = started.elapsed();
    let ingest_cpu = thread_cpu_time().zip(cpu_started).map(|(end, start)| end.saturating_sub(start));
    let rows = dataset.files.iter().map(|f| f.rows).sum();
    if ingest_only {
        return Run { ingest, ingest_cpu, model: Duration::ZERO, evaluate: Duration::ZERO, rows, findings: 0 };
    }
    let started = Instant::now();
    let model = TeamModel::from_dataset(&dataset);
    let model_time = started.elapsed();
    let started = Instant::now();
    let found = findings::evaluate(&dataset, &model, today());
    let evaluate = started.elapsed();
    Run { ingest, ingest_cpu, model: model_time, evaluate, rows, findings: found.len() }
}

/// The snapshot the worker posts after a drop of these files: how long
/// building it takes once the files are ingested (model, tripwires and
/// every page's view-models), its JSON size, and how long serialising it
/// takes (the page parses the same JSON).
/// Also how long the findings-over-time history the worker streams after
/// it takes (26 weekly evaluations through the as-of path).
/// The snapshot's build time, JSON size and serialisation time, the
/// history's time, and how long one copy of the snapshot takes: the page
/// makes one on the main thread when the history lands (`ui::state`).
fn snapshot_json(files: &[DemoFile]) -> (f64, usize, f64, f64, f64) {
    let mut engine = Engine::new(today());
    let mut batch = engine.batch();
    for file in files {
        batch.add_file(&file.name, &file.bytes, &mut |_| {});
    }
    let started = Instant::now();
    let built = batch.finish(&mut |_| {});
    let publish_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let copy = std::hint::black_box(built.clone());
    let clone_ms = started.elapsed().as_secs_f64() * 1000.0;
    drop(copy);
    let snapshot = Event::Snapshot { snapshot: Box::new(built) };
    let started = Instant::now();
    let json = serde_json::to_string(&snapshot).expect("events serialise");
    let serialise_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let history = engine.findings_over_time().run();
    assert_eq!(history.weeks.len(), teamdiff::views::over_time::WEEKS);
    (publish_ms, json.len(), serialise_ms, started.elapsed().as_secs_f64() * 1000.0, clone_ms)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn write_data(dir: &str, size: DemoSize, files: &[DemoFile]) {
    let dir = format!("{dir}/{}", size_id(size));
    std::fs::create_dir_all(&dir).expect("create data directory");
    for file in files {
        std::fs::write(format!("{dir}/{}", file.name), &file.bytes).expect("write data file");
    }
    let manifest = serde_json::json!({
        "size": size_id(size),
        "seed": SEED,
        "today": today().to_string(),
        "files": files.iter().map(|f| serde_json::json!({ "name": f.name, "bytes": f.bytes.len() })).collect::<Vec<_>>(),
    });
    std::fs::write(format!("{dir}/manifest.json"), manifest.to_string()).expect("write manifest");
}

/// The files `write_data` wrote for `size`, in the manifest's order.
fn read_data(dir: &str, size: DemoSize) -> Vec<DemoFile> {
    let dir = format!("{dir}/{}", size_id(size));
    let manifest = std::fs::read(format!("{dir}/manifest.json")).expect("read manifest.json");
    let manifest: serde_json::Value = serde_json::from_slice(&manifest).expect("manifest.json is JSON");
    let files = manifest["files"].as_array().expect("manifest.json lists files");
    files
        .iter()
        .map(|file| {
            let name = file["name"].as_str().expect("a file's name").to_string();
            let bytes = std::fs::read(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("read {dir}/{name}: {e}"));
            DemoFile { name, bytes }
        })
        .collect()
}

fn main() {
    let args = parse_args();
    let mut results = Vec::new();
    println!(
        "{:<7} {:>10} {:>10} {:>5} {:>10} {:>9} {:>10} {:>9} {:>9} {:>9} {:>8}",
        "size", "MB", "rows", "runs", "ingest ms", "MB/s", "rows/s", "model ms", "eval ms", "total ms", "findings"
    );
    for &size in &args.sizes {
        let files = match &args.data {
            Some(dir) => read_data(dir, size),
            None => demo::generate(size, SEED, today()),
        };
        if let Some(dir) = &args.write_data {
            write_data(dir, size, &files);
        }
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        let runs: Vec<Run> = (0..args.runs).map(|_| run_once(&files, args.ingest_only)).collect();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let ingest_ms = median(runs.iter().map(|r| ms(r.ingest)).collect());
        let ingest_cpu_ms: Option<Vec<f64>> = runs.iter().map(|r| r.ingest_cpu.map(ms)).collect();
        let ingest_cpu_ms = ingest_cpu_ms.map(median);
        let model_ms = median(runs.iter().map(|r| ms(r.model)).collect());
        let evaluate_ms = median(runs.iter().map(|r| ms(r.evaluate)).collect());
        let total_ms = median(runs.iter().map(|r| ms(r.ingest + r.model + r.evaluate)).collect());
        let (publish_ms, snapshot_bytes, snapshot_ms, history_ms, clone_ms) =
            if args.ingest_only { (0.0, 0, 0.0, 0.0, 0.0) } else { snapshot_json(&files) };
        let rows = runs[0].rows;
        let mb = bytes as f64 / 1e6;
        println!(
            "{:<7} {:>10.1} {:>10} {:>5} {:>10.0} {:>9.1} {:>10.0} {:>9.0} {:>9.0} {:>9.0} {:>8}",
            size_id(size),
            mb,
            rows,
            args.runs,
            ingest_ms,
            mb / (ingest_ms / 1000.0),
            rows as f64 / (ingest_ms / 1000.0),
            model_ms,
            evaluate_ms,
            total_ms,
            runs[0].findings
        );
        results.push(serde_json::json!({
            "size": size_id(size),
            "bytes": bytes,
            "rows": rows,
            "files": files.len(),
            "runs": args.runs,
            "ingest_ms": ingest_ms,
            "ingest_cpu_ms": ingest_cpu_ms,
            "model_ms": model_ms,
            "evaluate_ms": evaluate_ms,
            "total_ms": total_ms,
            "ingest_all_ms": runs.iter().map(|r| ms(r.ingest)).collect::<Vec<_>>(),
            "total_all_ms": runs.iter().map(|r| ms(r.ingest + r.model + r.evaluate)).collect::<Vec<_>>(),
            "findings": runs[0].findings,
            "snapshot_build_ms": publish_ms,
            "snapshot_json_bytes": snapshot_bytes,
            "snapshot_serialise_ms": snapshot_ms,
            "findings_over_time_ms": history_ms,
            "snapshot_clone_ms": clone_ms,
        }));
        if let Some(cpu_ms) = ingest_cpu_ms {
            println!(
                "        ingest on-CPU time {cpu_ms:.0} ms ({:.1} MB per CPU-second); wall-clock runs {:?} ms",
                mb / (cpu_ms / 1000.0),
                runs.iter().map(|r| ms(r.ingest).round()).collect::<Vec<_>>()
            );
        }
        println!(
            "        after ingest, the worker's snapshot (model, tripwires, every view) takes {publish_ms:.0} ms (one run); \
             JSON {:.1} kB, serialised in {snapshot_ms:.1} ms",
            snapshot_bytes as f64 / 1000.0
        );
        println!("        then findings over time, 26 weekly evaluations streamed after the snapshot: {history_ms:.0} ms (one run)");
        println!("        one copy of the snapshot (the page's, when the history lands): {clone_ms:.1} ms");
    }
    if args.json {
        println!("bench-json: {}", serde_json::Value::Array(results));
    }
}
