//! The worker's warm-up: one throwaway drop of a generated organisation,
//! run as soon as the worker starts, before a person's first drop can
//! reach it.
//!
//! V8 first runs each wasm function as baseline (Liftoff) code and
//! compiles an optimised version in the background only once the function
//! has run for a while; a call already under way keeps its baseline code
//! (wasm has no on-stack replacement). A fresh worker's first drop paid
//! for that on its first rows of every kind and on each loop that a
//! single call runs over all rows. After this drop of the medium demo
//! organisation (3.2 MB, 28,541 rows), read by the paths a user's drop
//! takes (files of a megabyte or more held and streamed, the overview
//! after a big file, the model, every tripwire, every view, the
//! snapshot's JSON), that code is optimised before the user's first drop.
//! Measured in BENCHMARKS.md (session 12).
//!
//! What it costs: a fraction of a second of the worker's time when the
//! page opens, and the few megabytes of wasm memory the medium drop
//! needs, which the user's drop then reuses. Nothing of it is kept. It
//! goes a file at a time, each step only while the worker has nothing
//! else to do, and ends once the worker has read a drop, so a drop that
//! comes at once waits for one step of it, not all of it.

use std::future::Future;

use chrono::NaiveDate;

use super::dispatch::add_held_quietly;
use super::protocol::{FromWorker, MessageId, Reply};
use super::{Engine, Event};
use crate::demo::{generate, DemoSize};

/// What the warm-up drop read and published, so a test can tell it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarmedUp {
    pub rows: u64,
    pub findings: usize,
    pub snapshot_json_bytes: usize,
}

/// Drops the medium demo organisation on a throwaway engine as of `today`
/// and turns its snapshot into the JSON a worker would post, one file (and
/// then the analysis) at a time. Before each step it awaits `pause()` (the
/// worker's: until it has nothing else to do) and gives up if
/// `interrupted()` (the worker's: it has read a drop): `None`.
pub async fn warm_up<P: Future<Output = ()>>(today: NaiveDate, mut pause: impl FnMut() -> P, interrupted: &dyn Fn() -> bool) -> Option<WarmedUp> {
    if !go_on(&mut pause, interrupted).await {
        return None;
    }
    let files = generate(DemoSize::Medium, 42, today);
    let mut engine = Engine::new(today);
    let mut batch = engine.batch();
    for file in &files {
        if !go_on(&mut pause, interrupted).await {
            return None;
        }
        add_held_quietly(&mut batch, &file.name, file.bytes.len() as u64, file.bytes.as_slice());
    }
    if !go_on(&mut pause, interrupted).await {
        return None;
    }
    let snapshot = batch.finish(&mut |_| {});
    let rows = engine.dataset().files.iter().map(|file| file.kept).sum();
    let findings = snapshot.analysis.findings.len();
    let reply = FromWorker::Reply(Reply { to: MessageId(0), file: None, line: None, event: Event::Snapshot { snapshot: Box::new(snapshot) } });
    let snapshot_json_bytes = reply.into_json_parts().iter().map(Vec::len).sum();
    Some(WarmedUp { rows, findings, snapshot_json_bytes })
}

/// Whether the warm-up goes on after a pause.
async fn go_on<P: Future<Output = ()>>(pause: &mut impl FnMut() -> P, interrupted: &dyn Fn() -> bool) -> bool {
    pause().await;
    !interrupted()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    use crate::engine::dispatch::testing::{block_on, drop_files, last_snapshot, today};

    #[test]
    fn the_warm_up_reads_the_whole_medium_organisation_and_publishes_what_a_drop_of_it_does() {
        let today = today();
        let pauses = Cell::new(0);
        let warmed = block_on(warm_up(today, || async { pauses.set(pauses.get() + 1) }, &|| false)).expect("not interrupted");
        let files = generate(DemoSize::Medium, 42, today);
        let mut engine = Engine::new(today);
        let named: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect();
        let events = drop_files(&mut engine, &named);
        let snapshot = last_snapshot(&events);
        // Big files went the held, streamed way, small ones whole: the rows
        // and findings are a plain drop's all the same.
        assert!(files.iter().any(|f| f.bytes.len() as u64 >= crate::engine::protocol::STREAM_FROM_BYTES));
        let rows: u64 = engine.dataset().files.iter().map(|file| file.kept).sum();
        assert!(rows > 25_000, "{rows}");
        assert_eq!(warmed.rows, rows);
        assert_eq!(warmed.findings, snapshot.analysis.findings.len());
        assert!(warmed.findings > 0);
        assert!(warmed.snapshot_json_bytes > 100_000, "{warmed:?}");
        // A pause before the start, each file and the analysis.
        assert_eq!(pauses.get(), files.len() + 2);
    }

    #[test]
    fn the_warm_up_ends_at_its_next_pause_once_interrupted() {
        for waiting_after in [0, 1, 3] {
            let pauses = Cell::new(0);
            let interrupted = || pauses.get() > waiting_after;
            let warmed = block_on(warm_up(today(), || async { pauses.set(pauses.get() + 1) }, &interrupted));
            assert_eq!(warmed, None, "interrupted after {waiting_after} pauses");
            assert_eq!(pauses.get(), waiting_after + 1, "it asked once more and stopped");
        }
    }
}
