//! The worker's warm-up: one throwaway drop of a generated organisation,
//! run as soon as the worker starts, before a file can arrive.
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
//! needs, which the user's drop then reuses. Nothing of it is kept.

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
/// and turns its snapshot into the JSON a worker would post.
pub fn warm_up(today: NaiveDate) -> WarmedUp {
    let mut engine = Engine::new(today);
    let mut batch = engine.batch();
    for file in generate(DemoSize::Medium, 42, today) {
        add_held_quietly(&mut batch, &file.name, file.bytes.len() as u64, file.bytes.as_slice());
    }
    let snapshot = batch.finish(&mut |_| {});
    let rows = engine.dataset().files.iter().map(|file| file.kept).sum();
    let findings = snapshot.analysis.findings.len();
    let reply = FromWorker::Reply(Reply { to: MessageId(0), file: None, line: None, event: Event::Snapshot { snapshot: Box::new(snapshot) } });
    let snapshot_json_bytes = reply.into_json_parts().iter().map(Vec::len).sum();
    WarmedUp { rows, findings, snapshot_json_bytes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dispatch::testing::{drop_files, last_snapshot};

    #[test]
    fn the_warm_up_reads_the_whole_medium_organisation_and_publishes_what_a_drop_of_it_does() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let warmed = warm_up(today);
        let files = generate(DemoSize::Medium, 42, today);
        let mut engine = Engine::new(today);
        let named: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect();
        let events = drop_files(&mut engine, &named);
        let snapshot = last_snapshot(&events);
        // Big files went the held, streamed way, small ones whole: the rows
        // and findings are a plain drop's all the same.
        assert!(files.iter().any(|f| f.bytes.len() as u64 >= super::super::protocol::STREAM_FROM_BYTES));
        let rows: u64 = engine.dataset().files.iter().map(|file| file.kept).sum();
        assert!(rows > 25_000, "{rows}");
        assert_eq!(warmed.rows, rows);
        assert_eq!(warmed.findings, snapshot.analysis.findings.len());
        assert!(warmed.findings > 0);
        assert!(warmed.snapshot_json_bytes > 100_000, "{warmed:?}");
    }
}
