//! Where the worker's memory peaks on a drop of a whole organisation,
//! natively: a counting global allocator, and the worker's own sequence
//! (`engine::dispatch::answer` on one drop of every file in name order,
//! the snapshot posted as JSON, then `dispatch::stream_history`), printing
//! the live heap after each step and the highest it reached during it.
//!
//! `cargo run --release --locked --example memory_probe -- [DIR] [--breakdown] [--as-of DAY]`
//! (default `target/bench-data/org2k`, written by `make bench`);
//! `--breakdown` adds the snapshot's parts one by one, `--as-of YYYY-MM-DD`
//! the date control after the drop.
//!
//! The native heap's peak is a lower bound for the wasm worker's linear
//! memory (which also keeps what the allocator cannot hand back), but the
//! step that owns the peak is the same.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::path::PathBuf;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

use chrono::NaiveDate;
use teamdiff::engine::dispatch::{answer, stream_history};
use teamdiff::engine::protocol::{DroppedFile, FromWorker, HeldFile, Message, MessageId, ToWorker};
use teamdiff::engine::{Engine, Event, Request, Stage};

/// Counts live bytes and their high-water mark since the last [`Counting::step`].
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static PEAK_EVER: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(live, Ordering::Relaxed);
    PEAK_EVER.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Growing is counted as the moment both blocks exist, as when the
        // block cannot grow in place; shrinking happens in place.
        if new_size > layout.size() {
            grew(new_size);
            let moved = System.realloc(ptr, layout, new_size);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            moved
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            System.realloc(ptr, layout, new_size)
        }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;

impl Counting {
    /// Prints a step: live bytes now, the peak during the step, and resets it.
    fn step(what: &str) {
        let live = LIVE.load(Ordering::Relaxed);
        let peak = PEAK.swap(live, Ordering::Relaxed);
        println!("{what:<34} live {:>7.1} MB   step peak {:>7.1} MB", live as f64 / MB, peak as f64 / MB);
    }
}

/// A file on disk, read whole into a `Vec` of exactly its size, as the
/// worker's chunked reader does.
#[derive(Clone)]
struct DiskFile(PathBuf);

impl DroppedFile for DiskFile {
    fn name(&self) -> String {
        self.0.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    fn size(&self) -> u64 {
        std::fs::metadata(&self.0).map(|m| m.len()).unwrap_or(0)
    }

    async fn read(&self, on_progress: &mut dyn FnMut(u64, u64)) -> Result<Vec<u8>, String> {
        let bytes = std::fs::read(&self.0).map_err(|e| e.to_string())?;
        on_progress(bytes.len() as u64, bytes.len() as u64);
        Counting::step(&format!("read {}", self.name()));
        Ok(bytes)
    }

    async fn read_head(&self, bytes: u64) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let mut head = Vec::new();
        std::fs::File::open(&self.0).and_then(|file| file.take(bytes).read_to_end(&mut head)).map_err(|e| e.to_string())?;
        Ok(head)
    }

    fn read_now(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(&self.0).map_err(|e| e.to_string())?;
        file.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
        file.take(len as u64).read_to_end(into).map_err(|e| e.to_string())?;
        Ok(())
    }

    /// A held file stays on disk, read a piece at a time: in the browser it
    /// is an `ArrayBuffer`, outside the wasm memory this probe models.
    type Held = DiskFile;

    async fn hold(&self) -> Result<DiskFile, String> {
        Ok(self.clone())
    }
}

impl HeldFile for DiskFile {
    fn read_at(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
        self.read_now(offset, len, into)
    }
}

/// Polls a future that never waits (files on disk, no pauses) to its end.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("nothing here waits"),
    }
}

/// The snapshot's parts one at a time, each dropped before the next but
/// the index (`--breakdown`).
fn breakdown(engine: &Engine, today: NaiveDate) {
    use teamdiff::dataset::{Bots, Index};
    let model = engine.model();
    let index = Index::with_identities(engine.dataset(), Bots::new(&model.bots), &model.identities);
    Counting::step("breakdown: index");
    let report = teamdiff::findings::evaluate_report(&index, model, today);
    Counting::step("breakdown: every tripwire");
    drop(teamdiff::present::analysis::analyse(&index, model, &report.findings, today));
    Counting::step("breakdown: analysis");
    drop(teamdiff::views::identities::identities(&index, &model.identities));
    Counting::step("breakdown: identities view");
    drop(teamdiff::views::coverage::coverage(&index, model.teams.keys().map(String::as_str), &report.not_enough_data));
    Counting::step("breakdown: coverage view");
    drop(teamdiff::present::overview(engine.dataset(), &Bots::new(&model.bots), today));
    Counting::step("breakdown: overview");
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).filter(|a| !a.starts_with("--")).unwrap_or_else(|| "target/bench-data/org2k".into()));
    let mut files: Vec<DiskFile> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "csv" || ext == "json") && !path.ends_with("manifest.json"))
        .map(DiskFile)
        .collect();
    files.sort_by_key(|f| f.name());
    let input: u64 = files.iter().map(|f| f.size()).sum();
    println!("{} files, {:.1} MB, from {}", files.len(), input as f64 / MB, dir.display());

    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let mut engine = Engine::new(today);
    Counting::step("engine");
    let message = ToWorker { id: MessageId(1), message: Message::Files { count: files.len() }, test_fault: None };
    // The worker posts every reply as JSON; the page's copy is not the worker's.
    let mut post = |reply: FromWorker| {
        let json = serde_json::to_string(&reply).expect("replies serialise");
        if let FromWorker::Reply(reply) = &reply {
            match &reply.event {
                Event::Overview { .. } => Counting::step(&format!("  ingest + overview, file {}", reply.file.unwrap_or(0))),
                Event::Progress { stage: Stage::Parsing, done, total, .. } if done == total => {
                    Counting::step(&format!("  parsed, file {}", reply.file.unwrap_or(0)))
                }
                Event::Progress { stage: Stage::Checking, .. } => Counting::step("drop read, before the snapshot"),
                Event::Snapshot { .. } => {
                    Counting::step(&format!("snapshot (built + {:.1} MB of JSON)", json.len() as f64 / MB))
                }
                Event::FindingsOverTime { .. } => Counting::step("history posted"),
                _ => {}
            }
        }
    };
    block_on(answer(&mut engine, message, files, &mut post));
    let mut week = 0;
    let pause = || {
        if week == 0 {
            Counting::step("  history: working copy made");
        } else {
            Counting::step(&format!("  history week {week}"));
        }
        week += 1;
        async {}
    };
    block_on(stream_history(&engine, MessageId(1), pause, &|| false, &mut post));
    Counting::step("history done");
    // `--as-of YYYY-MM-DD`: then the date control, as the page sends it,
    // and that day's history.
    let args: Vec<String> = std::env::args().collect();
    if let Some(day) = args.iter().position(|a| a == "--as-of").and_then(|at| args.get(at + 1)) {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("--as-of YYYY-MM-DD");
        let message = ToWorker { id: MessageId(2), message: Message::Files { count: 0 }, test_fault: None };
        let message = ToWorker { message: Message::Request(Request::SetAsOf { day: Some(day) }), ..message };
        block_on(answer(&mut engine, message, Vec::<DiskFile>::new(), &mut post));
        Counting::step(&format!("as of {day}: snapshot"));
        block_on(stream_history(&engine, MessageId(2), || async {}, &|| false, &mut post));
        Counting::step(&format!("as of {day}: history"));
    }
    if std::env::args().any(|a| a == "--breakdown") {
        breakdown(&engine, today);
    }
    let peak = PEAK_EVER.load(Ordering::Relaxed);
    println!("peak live heap {:.1} MB = {:.2} x input", peak as f64 / MB, peak as f64 / input as f64);
}
