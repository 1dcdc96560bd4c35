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

pub mod analysis;

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
    /// Presenter mode: every name in the snapshot is replaced by a
    /// pseudonym before it leaves the worker.
    SetPresenter { on: bool },
    /// Accept the open finding with this key as allowed until `expires`.
    AcceptDeviation { key: String, reason: String, expires: NaiveDate },
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
    /// A request could not be carried out; nothing changed. A Snapshot
    /// still follows.
    RequestFailed { message: String },
}

/// Everything the page shows, computed in the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub today: NaiveDate,
    pub files: Vec<FileReport>,
    pub summary: views::Summary,
    pub merged_per_week: views::WeeklySeries,
    pub findings: Vec<Finding>,
    pub analysis: analysis::Analysis,
}

pub struct Engine {
    dataset: Dataset,
    model: TeamModel,
    today: NaiveDate,
    presenter: views::Presenter,
}

/// Progress is reported at most this often, so messages never flood the page.
const PROGRESS_STEP_BYTES: u64 = 1 << 20;

impl Engine {
    pub fn new(today: NaiveDate) -> Engine {
        Engine { dataset: Dataset::default(), model: TeamModel::default(), today, presenter: views::Presenter::Off }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn model(&self) -> &TeamModel {
        &self.model
    }

    pub fn handle(&mut self, request: Request, emit: &mut dyn FnMut(Event)) {
        match request {
            Request::SetToday { today } => self.today = today,
            Request::LoadDemo => {
                // A different organisation: the old model's teams and
                // accepted deviations would not describe it.
                self.dataset = Dataset::default();
                self.model = TeamModel::default();
                for file in crate::demo::generate(crate::demo::DemoSize::Small, 7, self.today) {
                    self.ingest(&file.name, &file.bytes, emit);
                }
            }
            Request::Forget => {
                self.dataset = Dataset::default();
                self.model = TeamModel::default();
            }
            Request::SetPresenter { on } => self.presenter = if on { views::Presenter::On } else { views::Presenter::Off },
            Request::AcceptDeviation { key, reason, expires } => {
                if let Err(message) = self.accept(&key, &reason, expires) {
                    emit(Event::RequestFailed { message });
                }
            }
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

    fn accept(&mut self, key: &str, reason: &str, expires: NaiveDate) -> Result<(), String> {
        let open = findings::evaluate(&self.dataset, &self.model, self.today);
        // The page knows findings by their shown key, pseudonymised in
        // presenter mode; pseudonyms are distinct, so it still names one.
        let names = views::Names::new(&self.dataset, self.presenter);
        let finding = open
            .iter()
            .find(|f| f.key == key || names.text(&f.key) == key)
            .ok_or_else(|| "That finding is no longer open (it may already be accepted, or the data changed).".to_string())?;
        self.model.accept(finding, reason, expires, self.today).map_err(|why| format!("Not accepted: {why}."))
    }

    fn publish(&mut self, emit: &mut dyn FnMut(Event)) {
        // Adds newly loaded teams; the user's settings and accepted
        // deviations stay.
        self.model.add_dataset_teams(&self.dataset);
        emit(Event::Snapshot { snapshot: Box::new(self.snapshot()) });
    }

    pub fn snapshot(&self) -> Snapshot {
        let found = findings::evaluate(&self.dataset, &self.model, self.today);
        let names = views::Names::new(&self.dataset, self.presenter);
        Snapshot {
            today: self.today,
            files: analysis::present_files(&self.dataset.files, &names),
            summary: views::summary(&self.dataset),
            merged_per_week: views::merged_per_week(&self.dataset),
            analysis: analysis::analyse(&self.dataset, &self.model, &found, self.today, &names),
            findings: analysis::present_findings(&found, &names),
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

    fn demo_engine() -> Engine {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        engine
    }

    fn open_key(snapshot: &Snapshot, tripwire: &str) -> String {
        let shown = snapshot.analysis.findings.iter().find(|f| f.row.tripwire == tripwire);
        shown.unwrap_or_else(|| panic!("the demo fires {tripwire}")).key.clone()
    }

    #[test]
    fn the_demo_snapshot_carries_every_analysis_view() {
        let engine = demo_engine();
        let snapshot = engine.snapshot();
        let analysis = &snapshot.analysis;
        let teams = engine.dataset().team_names();
        assert_eq!(analysis.digest.iter().map(|r| r.team.clone()).collect::<Vec<_>>(), teams);
        assert_eq!(analysis.leadership.teams.len(), teams.len());
        assert_eq!(analysis.leadership.matrix.points.len(), teams.len());
        assert!(analysis.leadership.teams.iter().all(|t| !t.reasons.is_empty()));
        assert_eq!(analysis.findings.len(), snapshot.findings.len());
        assert!(analysis.findings.iter().all(|f| !f.row.evidence.is_empty() && !f.row.ask.is_empty()), "every finding cites rows");
        assert_eq!(analysis.tripwires.len(), findings::REGISTRY.len());
        let per_finding: usize = analysis.digest.iter().map(|r| r.open_findings_total()).sum();
        assert_eq!(per_finding, analysis.findings.iter().filter(|f| teams.contains(&f.row.team)).count());
        // The quiet-days line is each team's own norm from the model.
        for team in &analysis.charts.quiet_days.teams {
            assert_eq!(team.threshold_days, f64::from(engine.model().norms_for(&team.team).quiet_days), "{}", team.team);
        }
        assert!(analysis.charts.quiet_days.teams.iter().any(|t| t.threshold_days != 7.0), "flavors differ in the demo");
        assert_eq!(analysis.charts.review_wait.rows.iter().filter_map(|r| r.norm).next(), Some(24.0));
        assert!(analysis.charts.cycle_time.norm_band.is_some());
        assert_eq!(analysis.charts.update_freshness.rows.len(), teams.len());
    }

    #[test]
    fn presenter_mode_leaves_no_name_in_the_snapshot() {
        let mut engine = demo_engine();
        let people: Vec<String> = views::privacy::person_names(engine.dataset()).into_iter().map(str::to_lowercase).collect();
        assert!(people.len() > 20);
        let off = serde_json::to_string(&engine.snapshot()).unwrap().to_lowercase();
        assert!(people.iter().any(|name| off.contains(name.as_str())), "names show while presenter mode is off");

        let events = collect(|emit| engine.handle(Request::SetPresenter { on: true }, emit));
        let snapshot = last_snapshot(&events);
        assert!(snapshot.analysis.presenter);
        let on = serde_json::to_string(snapshot).unwrap().to_lowercase();
        for name in &people {
            if let Some(at) = on.find(name.as_str()) {
                panic!("{name} is in the presenter snapshot: …{}…", &on[at.saturating_sub(300)..(at + 100).min(on.len())]);
            }
        }
        assert!(snapshot.analysis.findings.iter().any(|f| f.row.person.as_deref().is_some_and(|p| p.starts_with("Person "))));

        let events = collect(|emit| engine.handle(Request::SetPresenter { on: false }, emit));
        assert!(!last_snapshot(&events).analysis.presenter);
    }

    #[test]
    fn an_accepted_deviation_stops_firing_and_is_listed() {
        let mut engine = demo_engine();
        let key = open_key(&engine.snapshot(), "quiet_contributor");
        let expires = today() + chrono::Duration::days(30);
        let request = Request::AcceptDeviation { key: key.clone(), reason: "On parental leave".into(), expires };
        let events = collect(|emit| engine.handle(request, emit));
        assert!(!events.iter().any(|e| matches!(e, Event::RequestFailed { .. })), "{events:?}");
        let snapshot = last_snapshot(&events);
        assert!(snapshot.analysis.findings.iter().all(|f| f.key != key));
        let accepted = &snapshot.analysis.accepted;
        assert_eq!(accepted.len(), 1);
        assert_eq!((accepted[0].key.as_str(), accepted[0].reason.as_str(), accepted[0].expires), (key.as_str(), "On parental leave", expires));
        assert_eq!(engine.model().accepted.len(), 1);

        // Loading another file keeps what the user accepted.
        engine.load_file("prs.csv", PRS, &mut |_| {});
        assert_eq!(engine.model().accepted.len(), 1);
        let events = collect(|emit| engine.handle(Request::Forget, emit));
        assert!(last_snapshot(&events).analysis.accepted.is_empty());
    }

    #[test]
    fn a_finding_is_accepted_by_its_pseudonymised_key_in_presenter_mode() {
        let mut engine = demo_engine();
        let events = collect(|emit| engine.handle(Request::SetPresenter { on: true }, emit));
        let key = open_key(last_snapshot(&events), "quiet_contributor");
        assert!(key.contains("Person "), "{key}");
        let request = Request::AcceptDeviation { key: key.clone(), reason: "Workshop agreed".into(), expires: today() };
        let events = collect(|emit| engine.handle(request, emit));
        assert!(!events.iter().any(|e| matches!(e, Event::RequestFailed { .. })), "{events:?}");
        assert!(last_snapshot(&events).analysis.accepted[0].key.contains("Person "), "accepted list stays pseudonymised");
        assert!(!engine.model().accepted[0].key.contains("Person "), "the model keeps the real key");
    }

    #[test]
    fn a_bad_acceptance_says_why_and_changes_nothing() {
        let mut engine = demo_engine();
        let key = open_key(&engine.snapshot(), "stale_update");
        let cases = [
            (key.clone(), "  ", today(), "reason"),
            (key.clone(), "Reorg", today() - chrono::Duration::days(1), "already past"),
            ("no_such|finding|x".to_string(), "Reorg", today(), "no longer open"),
        ];
        for (key, reason, expires, expected) in cases {
            let events = collect(|emit| engine.handle(Request::AcceptDeviation { key, reason: reason.into(), expires }, emit));
            let message = events.iter().find_map(|e| match e {
                Event::RequestFailed { message } => Some(message.clone()),
                _ => None,
            });
            assert!(message.as_deref().is_some_and(|m| m.contains(expected)), "expected `{expected}` in {message:?}");
            assert!(last_snapshot(&events).analysis.accepted.is_empty());
        }
        assert!(engine.model().accepted.is_empty());
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
