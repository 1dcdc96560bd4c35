//! The analysis engine the Web Worker runs: owns the dataset, answers
//! requests with events. Pure and synchronous, so it is tested natively;
//! `ui::worker` is only the glue that reads files and posts messages.
//!
//! Every change ends with a fresh [`Snapshot`]: the view-models the page
//! draws. The page never sees raw rows, which keeps messages small even for
//! a million-row org.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, FileReport};
use crate::findings::{self, Finding};
use crate::ingest::{self, IngestError, IngestOptions};
use crate::model::TeamModel;
use crate::views;

/// What the page asks of the worker (files travel beside the request).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Analyse as of this date (the page's local date, or the user's choice).
    SetToday { today: NaiveDate },
    /// Replace the dataset's files with the built-in demo organisation.
    LoadDemo,
    /// Forget every file and start again.
    Forget,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Parsing,
}

/// What the worker tells the page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Progress { file: String, stage: Stage, done: u64, total: u64 },
    /// A file was refused; nothing loaded before it changed.
    FileRefused { error: IngestError },
    Snapshot { snapshot: Box<Snapshot> },
}

/// Everything the page shows, computed in the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub today: NaiveDate,
    pub files: Vec<FileReport>,
    pub summary: views::Summary,
    pub merged_per_week: views::WeeklySeries,
    pub findings: Vec<Finding>,
}

pub struct Engine {
    dataset: Dataset,
    model: TeamModel,
    today: NaiveDate,
}

/// Progress is reported at most this often, so messages never flood the page.
const PROGRESS_STEP_BYTES: u64 = 1 << 20;

impl Engine {
    pub fn new(today: NaiveDate) -> Engine {
        Engine { dataset: Dataset::default(), model: TeamModel::default(), today }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn handle(&mut self, request: Request, emit: &mut dyn FnMut(Event)) {
        match request {
            Request::SetToday { today } => self.today = today,
            Request::LoadDemo => {
                self.dataset = Dataset::default();
                for file in crate::demo::generate(crate::demo::DemoSize::Small, 7, self.today) {
                    self.ingest(&file.name, &file.bytes, emit);
                }
            }
            Request::Forget => self.dataset = Dataset::default(),
        }
        self.publish(emit);
    }

    /// Adds one file. A refused file is reported and changes nothing.
    pub fn load_file(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        self.ingest(name, bytes, emit);
        self.publish(emit);
    }

    /// Adds one file of a batch (a drop of several files) without
    /// publishing; [`Engine::publish_batch`] ends the batch. Rebuilding the
    /// model and running every tripwire once per drop rather than once per
    /// file is what makes dropping a whole organisation's exports fast.
    pub fn add_file(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        self.ingest(name, bytes, emit);
    }

    /// Ends a batch of [`Engine::add_file`]s with its one snapshot.
    pub fn publish_batch(&mut self, emit: &mut dyn FnMut(Event)) {
        self.publish(emit);
    }

    /// A file that never reached ingest (e.g. the browser could not read it):
    /// reported like any refusal, and like every request, ends in a snapshot.
    pub fn refuse(&mut self, error: IngestError, emit: &mut dyn FnMut(Event)) {
        emit(Event::FileRefused { error });
        self.publish(emit);
    }

    fn ingest(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        let mut last_reported = 0u64;
        let mut on_progress = |done: u64, total: u64| {
            if done == total || done >= last_reported + PROGRESS_STEP_BYTES {
                last_reported = done;
                emit(Event::Progress { file: name.to_string(), stage: Stage::Parsing, done, total });
            }
        };
        let result = ingest::ingest_file(&mut self.dataset, name, bytes, &IngestOptions::default(), &mut on_progress);
        if let Err(error) = result {
            emit(Event::FileRefused { error });
        }
    }

    fn publish(&mut self, emit: &mut dyn FnMut(Event)) {
        self.model = TeamModel::from_dataset(&self.dataset);
        emit(Event::Snapshot { snapshot: Box::new(self.snapshot()) });
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            today: self.today,
            files: self.dataset.files.clone(),
            summary: views::summary(&self.dataset),
            merged_per_week: views::merged_per_week(&self.dataset),
            findings: findings::evaluate(&self.dataset, &self.model, self.today),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRS: &[u8] = b"number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n\
        1,api,One,Ada,2026-11-02T10:00:00Z,2026-11-03T10:00:00Z,,merged,,Bob\n\
        2,api,Two,Bob,2026-11-09T10:00:00Z,,,open,Ada,\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn collect(run: impl FnOnce(&mut dyn FnMut(Event))) -> Vec<Event> {
        let mut events = Vec::new();
        run(&mut |event| events.push(event));
        events
    }

    fn last_snapshot(events: &[Event]) -> &Snapshot {
        match events.last() {
            Some(Event::Snapshot { snapshot }) => snapshot,
            other => panic!("expected a snapshot last, got {other:?}"),
        }
    }

    #[test]
    fn a_loaded_file_is_summarised_and_charted() {
        let mut engine = Engine::new(today());
        let events = collect(|emit| engine.load_file("prs.csv", PRS, emit));
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.files.len(), 1);
        assert_eq!(snapshot.summary.rows, 2);
        assert_eq!(snapshot.summary.people, 2);
        assert_eq!(snapshot.merged_per_week.weeks.iter().map(|w| w.value).sum::<f64>(), 1.0);
        assert!(events.iter().any(|e| matches!(e, Event::Progress { done, total, .. } if done == total)));
    }

    #[test]
    fn a_refused_file_changes_nothing_already_loaded() {
        let mut engine = Engine::new(today());
        engine.load_file("prs.csv", PRS, &mut |_| {});
        let before = engine.dataset().clone();
        for (name, bytes) in [("empty.csv", &b""[..]), ("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")] {
            let events = collect(|emit| engine.load_file(name, bytes, emit));
            assert!(
                events.iter().any(|e| matches!(e, Event::FileRefused { error } if error.path == name)),
                "{name} must be refused by name: {events:?}"
            );
            assert_eq!(engine.dataset(), &before);
        }
    }

    #[test]
    fn a_batch_ends_in_one_snapshot_equal_to_loading_file_by_file() {
        const REVIEWS: &[u8] = b"pr,reviewer,state,submitted_at\n1,Bob,APPROVED,2026-11-02T12:00:00Z\n";
        let mut one_by_one = Engine::new(today());
        one_by_one.load_file("prs.csv", PRS, &mut |_| {});
        let expected = collect(|emit| one_by_one.load_file("reviews.csv", REVIEWS, emit));

        let mut batched = Engine::new(today());
        let events = collect(|emit| {
            batched.add_file("prs.csv", PRS, emit);
            batched.add_file("empty.csv", b"", emit);
            batched.add_file("reviews.csv", REVIEWS, emit);
            batched.publish_batch(emit);
        });
        let snapshots = events.iter().filter(|e| matches!(e, Event::Snapshot { .. })).count();
        assert_eq!(snapshots, 1, "{events:?}");
        assert!(events.iter().any(|e| matches!(e, Event::FileRefused { error } if error.path == "empty.csv")));
        let json = |snapshot: &Snapshot| serde_json::to_string(snapshot).unwrap();
        assert_eq!(json(last_snapshot(&events)), json(last_snapshot(&expected)));
        assert_eq!(last_snapshot(&events).files.len(), 2);
    }

    #[test]
    fn forget_drops_everything() {
        let mut engine = Engine::new(today());
        engine.load_file("prs.csv", PRS, &mut |_| {});
        let events = collect(|emit| engine.handle(Request::Forget, emit));
        assert!(last_snapshot(&events).files.is_empty());
        assert_eq!(engine.dataset(), &Dataset::default());
    }

    #[test]
    fn requests_and_events_round_trip_as_json() {
        let json = serde_json::to_string(&Request::SetToday { today: today() }).unwrap();
        assert_eq!(json, r#"{"type":"set_today","today":"2026-11-22"}"#);
        let mut engine = Engine::new(today());
        let events = collect(|emit| engine.load_file("prs.csv", PRS, emit));
        for event in events {
            let text = serde_json::to_string(&event).unwrap();
            let back: Event = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), text);
        }
    }
}
