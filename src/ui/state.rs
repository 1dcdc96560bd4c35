//! The page's state and its pure reducer: every change is an `Action`,
//! and [`AppState::apply`] is the whole of what an action does.
//!
//! This file compiles on every target and is tested natively: it imports
//! no web crate. Yew's `Reducible`, the hook the components use, is a thin
//! wasm32-only wrapper at the bottom.
//!
//! Presenter mode has one home on the page, here:
//! * [`AppState::presenting`] is what the user chose. The header follows
//!   it at once, and the same click tells the bridge, whose journal replays
//!   it into every new worker before anything else.
//! * [`AppState::pseudonymised`] is what the worker applied: whether the
//!   shown snapshot's names are pseudonyms (its model then must not be
//!   exported or remembered).
//!
//! While presenter mode is on, the reducer draws no snapshot the worker
//! built without it (one already under way when the user turned it on);
//! the pseudonymised one the toggle asked for follows.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::{Event, Overview, Snapshot, Stage};
use crate::ingest::IngestError;
use crate::views::stakeholders::Position;

/// Refusals shown at once; older ones scroll away.
const MAX_SHOWN_REFUSALS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Load,
    Model,
    Deviations,
    Shareholders,
    Digest,
    Leadership,
    WhatChanged,
}

impl Page {
    /// In the order of the tabs.
    pub const ALL: [Page; 7] = [Page::Load, Page::Model, Page::Deviations, Page::Shareholders, Page::Digest, Page::Leadership, Page::WhatChanged];

    pub fn title(self) -> &'static str {
        match self {
            Page::Load => "Load",
            Page::Model => "Model",
            Page::Deviations => "Deviations",
            Page::Shareholders => "Shareholders",
            Page::Digest => "Org digest",
            Page::Leadership => "Leadership",
            Page::WhatChanged => "What changed",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub file: String,
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub page: Page,
    pub snapshot: Option<Shared<Snapshot>>,
    /// Counts the snapshots the worker sent. The history that follows one
    /// makes a new `snapshot` without counting, so what is drawn from the
    /// rest of it is not drawn again (`chart_panel::page_charts`).
    pub snapshot_serial: u64,
    /// What the Load page shows: the last snapshot's overview, or a newer
    /// one from a drop whose files are still being checked.
    pub overview: Option<Shared<Overview>>,
    pub progress: Option<Progress>,
    /// Newest first.
    pub refusals: Vec<IngestError>,
    /// Read through `presenting()`; changed only by `Action::Presenter`.
    presenter: bool,
    /// Why the last request was refused (e.g. an acceptance without a
    /// reason, a bad model file); nothing changed.
    pub request_error: Option<String>,
    /// The user opted in to keeping the model on this device.
    pub remember_on_device: bool,
    /// The user ticked "remember" while the demo was loaded, so the demo's
    /// model may replace what the device remembers; otherwise loading the
    /// demo never overwrites the user's own remembered model.
    pub remember_demo: bool,
    /// Workshop re-ratings by stakeholder index; the files keep their own.
    pub re_rated: BTreeMap<usize, Position>,
    /// Why the day typed in the date control cannot be used; nothing was sent.
    pub as_of_error: Option<String>,
}

impl Default for AppState {
    fn default() -> AppState {
        AppState { page: Page::Load, snapshot: None, snapshot_serial: 0, overview: None, progress: None, refusals: Vec::new(), presenter: false, request_error: None, remember_on_device: false, remember_demo: false, re_rated: BTreeMap::new(), as_of_error: None }
    }
}

pub enum Action {
    Engine(Event),
    Cancelled,
    Forgot,
    DismissRefusal(usize),
    /// Presenter mode on or off, as just sent to the bridge.
    Presenter(bool),
    Show(Page),
    ClearRequestError,
    RememberOnDevice(bool),
    ReRate(usize, Position),
    ResetReRatings,
    /// The date control's day was refused (`Some`), or a good one sent.
    AsOfError(Option<String>),
}

impl AppState {
    /// Presenter mode as the user last set it.
    pub fn presenting(&self) -> bool {
        self.presenter
    }

    /// The shown snapshot was built in presenter mode: its names, its
    /// findings and its model's accepted deviations carry pseudonyms.
    pub fn pseudonymised(&self) -> bool {
        self.snapshot.as_ref().is_some_and(|s| s.analysis.presenter)
    }

    /// Presenter mode is on but no snapshot built with it has arrived
    /// yet: what the worker sends until then may hold real names.
    fn awaiting_pseudonyms(&self) -> bool {
        self.presenter && !self.pseudonymised()
    }

    /// The state after `action`.
    pub fn apply(mut self, action: Action) -> AppState {
        match action {
            Action::Engine(Event::Progress { file, stage, done, total, .. }) => {
                self.progress = Some(Progress { file, stage, done, total });
            }
            Action::Engine(Event::FileRefused { error }) => {
                self.refusals.insert(0, error);
                self.refusals.truncate(MAX_SHOWN_REFUSALS);
            }
            Action::Engine(Event::Overview { .. }) if self.awaiting_pseudonyms() => {}
            Action::Engine(Event::Overview { overview }) => self.overview = Some(Shared(Rc::new(*overview))),
            Action::Engine(Event::Snapshot { snapshot }) if self.presenter && !snapshot.analysis.presenter => {}
            Action::Engine(Event::Snapshot { snapshot }) => {
                // Usually the overview the last file already brought: kept
                // as is, so the Load page's chart is not drawn again.
                if self.overview.as_deref() != Some(&snapshot.overview) {
                    self.overview = Some(Shared(Rc::new(snapshot.overview.clone())));
                }
                self.snapshot = Some(Shared(Rc::new(*snapshot)));
                self.snapshot_serial += 1;
                self.progress = None;
            }
            Action::Engine(Event::RequestFailed { message }) => self.request_error = Some(message),
            // Saved by the page's event handler; nothing on the page changes.
            Action::Engine(Event::ReviewFile { .. }) => {}
            Action::Engine(Event::FindingsOverTime { history }) => {
                // Only for the snapshot shown (same day, same presenter
                // mode); the journal already dropped histories of older
                // messages.
                if let Some(shown) = self.snapshot.as_ref().filter(|s| s.today == history.day && s.analysis.presenter == self.presenter) {
                    let mut with_history = Snapshot::clone(shown);
                    with_history.findings_over_time = Some(*history);
                    self.snapshot = Some(Shared(Rc::new(with_history)));
                }
            }
            Action::AsOfError(message) => self.as_of_error = message,
            Action::ClearRequestError => self.request_error = None,
            Action::Cancelled => {
                // The cancelled drop's files are gone: back to what the
                // snapshot holds.
                self.overview = self.snapshot.as_ref().map(|s| Shared(Rc::new(s.overview.clone())));
                self.progress = None;
            }
            Action::Forgot => {
                // Presenter mode is a session setting, not data: it stays,
                // as it does in the journal and the engine.
                self.snapshot = None;
                self.overview = None;
                self.request_error = None;
                self.progress = None;
                self.refusals.clear();
                self.remember_on_device = false;
                self.remember_demo = false;
                self.re_rated.clear();
            }
            Action::DismissRefusal(index) => {
                if index < self.refusals.len() {
                    self.refusals.remove(index);
                }
            }
            Action::Presenter(on) => self.presenter = on,
            Action::Show(page) => self.page = page,
            Action::RememberOnDevice(on) => {
                self.remember_on_device = on;
                self.remember_demo = on && self.snapshot.as_ref().is_some_and(|s| s.demo);
            }
            Action::ReRate(index, position) => {
                self.re_rated.insert(index, position);
            }
            Action::ResetReRatings => self.re_rated.clear(),
        }
        self
    }
}

/// Yew's hook: the state it holds is shared with every rendered
/// component, so applying an action usually starts from a copy.
#[cfg(target_arch = "wasm32")]
impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

/// An immutable value shared between components, compared by identity:
/// a new snapshot from the worker is a new allocation, so identity is
/// exactly "did it change" and comparing never walks the data.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::dataset::FileReport;
    use crate::engine::Engine;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// What a fresh worker publishes: nothing loaded.
    fn empty_snapshot() -> Snapshot {
        Engine::new(today()).snapshot()
    }

    /// A snapshot told apart from others by its overview's one file.
    fn snapshot_of(file: &str) -> Snapshot {
        let mut snapshot = empty_snapshot();
        snapshot.overview = overview_of(file);
        snapshot
    }

    fn overview_of(file: &str) -> Overview {
        let mut overview = empty_snapshot().overview;
        overview.files.push(FileReport { path: file.into(), ..FileReport::default() });
        overview.summary.files = 1;
        overview
    }

    fn pseudonymised(mut snapshot: Snapshot) -> Snapshot {
        snapshot.analysis.presenter = true;
        snapshot
    }

    fn demo(mut snapshot: Snapshot) -> Snapshot {
        snapshot.demo = true;
        snapshot
    }

    fn progress(file: &str, stage: Stage) -> Action {
        Action::Engine(Event::Progress { file: file.into(), stage, done: 10, total: 100, line: None })
    }

    fn shown(snapshot: Snapshot) -> Action {
        Action::Engine(Event::Snapshot { snapshot: Box::new(snapshot) })
    }

    fn overview(file: &str) -> Action {
        Action::Engine(Event::Overview { overview: Box::new(overview_of(file)) })
    }

    fn refused(path: &str) -> Action {
        Action::Engine(Event::FileRefused { error: IngestError { path: path.into(), line: 1, column: 1, message: "not a CSV".into() } })
    }

    fn apply_all(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        actions.into_iter().fold(state, AppState::apply)
    }

    fn shown_file(state: &AppState) -> Option<&str> {
        state.snapshot.as_ref().and_then(|s| s.overview.files.first()).map(|f| f.path.as_str())
    }

    fn overview_file(state: &AppState) -> Option<&str> {
        state.overview.as_ref().and_then(|o| o.files.first()).map(|f| f.path.as_str())
    }

    fn refusal_paths(state: &AppState) -> Vec<&str> {
        state.refusals.iter().map(|e| e.path.as_str()).collect()
    }

    fn position(power: f64) -> Position {
        Position { power, interest: 0.5 }
    }

    #[test]
    fn every_page_has_one_tab_and_a_distinct_title_and_the_app_opens_on_load() {
        let titles: std::collections::BTreeSet<&str> = Page::ALL.iter().map(|p| p.title()).collect();
        assert_eq!(titles.len(), Page::ALL.len());
        assert_eq!(AppState::default().page, Page::Load);
        assert_eq!(AppState::default().apply(Action::Show(Page::Digest)).page, Page::Digest);
    }

    #[test]
    fn progress_shows_until_the_snapshot_arrives() {
        let state = apply_all(AppState::default(), [progress("prs.csv", Stage::Reading), progress("prs.csv", Stage::Parsing)]);
        assert_eq!(state.progress.as_ref().map(|p| (p.file.as_str(), p.stage)), Some(("prs.csv", Stage::Parsing)), "the latest progress");
        let state = state.apply(shown(snapshot_of("prs.csv")));
        assert_eq!(state.progress, None);
        assert_eq!(shown_file(&state), Some("prs.csv"));
        assert_eq!(overview_file(&state), Some("prs.csv"));
    }

    #[test]
    fn a_request_that_takes_a_while_shows_updating_until_its_snapshot() {
        let state = apply_all(AppState::default(), [shown(snapshot_of("a.csv")), progress("", Stage::Updating)]);
        assert_eq!(state.progress.as_ref().map(|p| p.stage), Some(Stage::Updating));
        assert_eq!(shown_file(&state), Some("a.csv"), "the last snapshot stays on the page meanwhile");
        assert_eq!(state.apply(shown(snapshot_of("a.csv"))).progress, None);
    }

    #[test]
    fn each_file_of_a_drop_shows_its_overview_before_the_drop_is_checked() {
        let state = apply_all(AppState::default(), [shown(snapshot_of("old.csv")), overview("new.csv"), progress("", Stage::Checking)]);
        assert_eq!(overview_file(&state), Some("new.csv"));
        assert_eq!(shown_file(&state), Some("old.csv"), "the findings wait for the drop's snapshot");
    }

    #[test]
    fn a_snapshot_with_the_overview_already_shown_keeps_it_so_its_chart_is_not_redrawn() {
        let state = apply_all(AppState::default(), [overview("prs.csv")]);
        let before = state.overview.clone().unwrap();
        let state = state.apply(shown(snapshot_of("prs.csv")));
        assert!(Rc::ptr_eq(&before.0, &state.overview.as_ref().unwrap().0), "the same allocation");

        let state = state.apply(shown(snapshot_of("other.csv")));
        assert!(!Rc::ptr_eq(&before.0, &state.overview.as_ref().unwrap().0), "a different overview is a new one");
        assert_eq!(overview_file(&state), Some("other.csv"));
    }

    #[test]
    fn every_snapshot_is_a_new_shared_value_so_the_pages_redraw() {
        let state = apply_all(AppState::default(), [shown(snapshot_of("a.csv"))]);
        let first = state.snapshot.clone().unwrap();
        let state = state.apply(shown(snapshot_of("a.csv")));
        assert_ne!(Some(first), state.snapshot, "compared by identity, not by content");
    }

    #[test]
    fn refusals_show_newest_first_and_only_the_latest_few() {
        let paths: Vec<String> = (0..MAX_SHOWN_REFUSALS + 2).map(|i| format!("f{i}.csv")).collect();
        let state = apply_all(AppState::default(), paths.iter().map(|p| refused(p)));
        let newest_first: Vec<&str> = paths.iter().rev().take(MAX_SHOWN_REFUSALS).map(String::as_str).collect();
        assert_eq!(refusal_paths(&state), newest_first);
    }

    #[test]
    fn dismissing_removes_that_refusal_and_an_out_of_range_one_is_harmless() {
        let state = apply_all(AppState::default(), [refused("a.csv"), refused("b.csv"), refused("c.csv")]);
        let state = state.apply(Action::DismissRefusal(1));
        assert_eq!(refusal_paths(&state), ["c.csv", "a.csv"]);
        let state = state.apply(Action::DismissRefusal(2)).apply(Action::DismissRefusal(usize::MAX));
        assert_eq!(refusal_paths(&state), ["c.csv", "a.csv"]);
    }

    #[test]
    fn cancelling_goes_back_to_the_snapshots_overview() {
        let state = apply_all(AppState::default(), [shown(snapshot_of("kept.csv")), overview("cancelled.csv"), progress("more.csv", Stage::Reading)]);
        let state = state.apply(Action::Cancelled);
        assert_eq!(overview_file(&state), Some("kept.csv"));
        assert_eq!(shown_file(&state), Some("kept.csv"));
        assert_eq!(state.progress, None);

        let nothing_before = apply_all(AppState::default(), [overview("cancelled.csv"), progress("more.csv", Stage::Reading), Action::Cancelled]);
        assert_eq!(nothing_before.overview, None, "a first drop cancelled leaves nothing");
    }

    #[test]
    fn a_refused_request_is_shown_past_its_snapshot_until_cleared() {
        let state = apply_all(AppState::default(), [Action::Engine(Event::RequestFailed { message: "a reason is needed".into() }), shown(empty_snapshot())]);
        assert_eq!(state.request_error.as_deref(), Some("a reason is needed"), "the snapshot that follows a refusal does not hide it");
        assert_eq!(state.apply(Action::ClearRequestError).request_error, None);
    }

    #[test]
    fn forgetting_clears_everything_including_the_opt_in() {
        let state = apply_all(
            AppState::default(),
            [
                shown(demo(snapshot_of("a.csv"))),
                Action::RememberOnDevice(true),
                overview("b.csv"),
                progress("b.csv", Stage::Reading),
                refused("c.csv"),
                Action::Engine(Event::RequestFailed { message: "no".into() }),
                Action::ReRate(0, position(0.9)),
                Action::Show(Page::Model),
                Action::Presenter(true),
            ],
        );
        assert!(state.remember_on_device && state.remember_demo);
        let serial = state.snapshot_serial;
        let state = state.apply(Action::Forgot);
        // The count goes on: drawings are keyed on it, and a snapshot after
        // forgetting must not pass for one drawn before.
        let expected = AppState { page: Page::Model, presenter: true, snapshot_serial: serial, ..AppState::default() };
        assert_eq!(state, expected, "everything but the page shown, presenter mode and the snapshot count");
        assert_eq!(state.apply(shown(pseudonymised(empty_snapshot()))).snapshot_serial, serial + 1);
    }

    #[test]
    fn remembering_with_the_demo_loaded_lets_the_demo_be_remembered_and_only_then() {
        let nothing = AppState::default().apply(Action::RememberOnDevice(true));
        assert!(nothing.remember_on_device && !nothing.remember_demo);

        let own = apply_all(AppState::default(), [shown(snapshot_of("a.csv")), Action::RememberOnDevice(true)]);
        assert!(own.remember_on_device && !own.remember_demo, "the user's own files");

        let the_demo = apply_all(AppState::default(), [shown(demo(snapshot_of("demo"))), Action::RememberOnDevice(true)]);
        assert!(the_demo.remember_on_device && the_demo.remember_demo);

        // Ticked before the demo was loaded: the demo must not overwrite
        // the user's remembered model.
        let before_the_demo = apply_all(AppState::default(), [Action::RememberOnDevice(true), shown(demo(snapshot_of("demo")))]);
        assert!(before_the_demo.remember_on_device && !before_the_demo.remember_demo);

        let unticked = the_demo.apply(Action::RememberOnDevice(false));
        assert!(!unticked.remember_on_device && !unticked.remember_demo);
    }

    #[test]
    fn re_ratings_are_kept_per_stakeholder_until_reset() {
        let state = apply_all(AppState::default(), [Action::ReRate(2, position(0.1)), Action::ReRate(5, position(0.7)), Action::ReRate(2, position(0.9))]);
        assert_eq!(state.re_rated, BTreeMap::from([(2, position(0.9)), (5, position(0.7))]), "the latest rating of each");
        assert!(state.apply(Action::ResetReRatings).re_rated.is_empty());
    }

    #[test]
    fn presenter_mode_is_what_the_user_chose_and_pseudonymised_is_what_the_worker_applied() {
        let state = AppState::default().apply(shown(snapshot_of("a.csv")));
        assert!(!state.presenting() && !state.pseudonymised());
        let state = state.apply(Action::Presenter(true));
        assert!(state.presenting(), "the header changes at once");
        assert!(!state.pseudonymised(), "the worker has not answered yet");
        let state = state.apply(shown(pseudonymised(snapshot_of("a.csv"))));
        assert!(state.presenting() && state.pseudonymised());

        let state = state.apply(Action::Presenter(false));
        assert!(!state.presenting());
        assert!(state.pseudonymised(), "the model shown still holds pseudonyms until the worker answers");
        let state = state.apply(shown(snapshot_of("a.csv")));
        assert!(!state.presenting() && !state.pseudonymised());
    }

    #[test]
    fn after_presenter_mode_is_turned_on_nothing_built_with_real_names_is_drawn() {
        // A drop was under way when the user turned presenter mode on: its
        // overview and snapshot were built with real names.
        let state = apply_all(AppState::default(), [shown(snapshot_of("before.csv")), progress("drop.csv", Stage::Reading), Action::Presenter(true)]);
        let state = apply_all(state, [overview("drop.csv"), shown(snapshot_of("drop.csv"))]);
        assert_eq!(overview_file(&state), Some("before.csv"), "the drop's overview, with real names, is not drawn");
        assert_eq!(shown_file(&state), Some("before.csv"), "nor its snapshot");
        assert!(state.progress.is_some(), "still busy: the pseudonymised snapshot is coming");

        let state = state.apply(shown(pseudonymised(snapshot_of("drop.csv"))));
        assert_eq!(shown_file(&state), Some("drop.csv"));
        assert_eq!(overview_file(&state), Some("drop.csv"));
        assert_eq!(state.progress, None);

        // From then on the worker pseudonymises every overview.
        assert_eq!(overview_file(&state.clone().apply(overview("next.csv"))), Some("next.csv"));
        // Turned off: real names are welcome again.
        let off = apply_all(state, [Action::Presenter(false), overview("real.csv"), shown(snapshot_of("real.csv"))]);
        assert_eq!((overview_file(&off), shown_file(&off)), (Some("real.csv"), Some("real.csv")));
    }

    #[test]
    fn after_forgetting_in_presenter_mode_the_fresh_workers_first_snapshot_waits_for_pseudonyms() {
        let state = apply_all(AppState::default(), [Action::Presenter(true), shown(pseudonymised(snapshot_of("a.csv"))), Action::Forgot]);
        // The new worker answers the date before it hears of presenter mode.
        let state = state.apply(shown(empty_snapshot()));
        assert_eq!(state.snapshot, None);
        let state = state.apply(shown(pseudonymised(empty_snapshot())));
        assert!(state.pseudonymised());
    }

    #[test]
    fn a_history_joins_the_snapshot_it_describes_and_a_new_snapshot_drops_it() {
        let history = |day: NaiveDate| {
            Action::Engine(Event::FindingsOverTime { history: Box::new(crate::views::over_time::FindingsOverTime { day, ..Default::default() }) })
        };
        let state = AppState::default().apply(Action::Engine(Event::Snapshot { snapshot: Box::new(snapshot_of("a.csv")) }));
        let stale = state.clone().apply(history(today() - chrono::Duration::days(7)));
        assert!(stale.snapshot.as_ref().unwrap().findings_over_time.is_none(), "a history of another day is not this snapshot's");
        let serial = state.snapshot_serial;
        let state = state.apply(history(today()));
        assert_eq!(state.snapshot.as_ref().unwrap().findings_over_time.as_ref().map(|h| h.day), Some(today()));
        assert_eq!(state.snapshot_serial, serial, "the history does not count as a new snapshot: the rest is not drawn again");
        assert_eq!(state.snapshot.as_ref().unwrap().overview.files[0].path, "a.csv", "the same snapshot, with its history");
        let state = state.apply(Action::Engine(Event::Snapshot { snapshot: Box::new(snapshot_of("b.csv")) }));
        assert!(state.snapshot.as_ref().unwrap().findings_over_time.is_none(), "the next snapshot's own history follows");
        assert_eq!(state.snapshot_serial, serial + 1, "a new snapshot is new drawings");

        let presenting = AppState::default().apply(Action::Presenter(true));
        let presenting = presenting.apply(Action::Engine(Event::Snapshot { snapshot: Box::new(pseudonymised(snapshot_of("a.csv"))) }));
        let presenting = presenting.apply(Action::Presenter(false)).apply(history(today()));
        assert!(presenting.snapshot.as_ref().unwrap().findings_over_time.is_none(), "built for the other presenter mode");
    }

    #[test]
    fn the_date_control_error_is_kept_until_a_good_day_is_sent() {
        let state = AppState::default().apply(Action::AsOfError(Some("2999-01-01 is after today".into())));
        assert_eq!(state.as_of_error.as_deref(), Some("2999-01-01 is after today"));
        assert!(state.apply(Action::AsOfError(None)).as_of_error.is_none());
    }
}
