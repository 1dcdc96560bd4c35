//! The analysis engine the Web Worker runs: owns the dataset and the model,
//! answers the page's messages with events. Pure and synchronous (bar the
//! reading of files), so it is tested natively; `ui::worker` and
//! `ui::bridge` are only glue.
//!
//! * [`protocol`]: the typed messages both ways.
//! * [`dispatch`]: how a request or a drop of files changes the engine,
//!   and the worker's whole job (`dispatch::answer`) minus the browser.
//! * [`journal`]: the page's record of what is in flight, what is loaded
//!   and what to replay into a fresh worker after a cancel or a crash.
//! * [`warm_up`]: the throwaway drop a worker runs when it starts, so
//!   the user's first drop runs optimised code.
//!
//! This file holds the engine's state. What it publishes, the [`Snapshot`]
//! of view-models the page draws, is assembled by `crate::present` from
//! that state. The page never sees raw rows, which keeps messages small
//! even for a million-row org. Every message ends in exactly one snapshot
//! ([`Engine::handle`] and [`dispatch::Batch::finish`] each return one).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::dataset::{Bots, Dataset, Index};
use crate::findings::{self, Finding};
use crate::ingest::IngestOptions;
use crate::model::{ModelNote, TeamModel};
use crate::present::{self, Presenter};
use crate::views::over_time::{AsOf, FindingsOverTime, OverTime};

pub mod dispatch;
pub mod journal;
pub mod protocol;
pub mod warm_up;

pub use crate::present::{Overview, Snapshot};
pub use dispatch::Batch;
pub use protocol::{Event, Request, Stage, MAX_DROP_BYTES};

pub struct Engine {
    dataset: Dataset,
    model: TeamModel,
    model_notes: Vec<ModelNote>,
    options: IngestOptions,
    /// Bytes of files read as `Unknown`, by file index, kept so the
    /// column-mapping step can read them again without the page resending.
    unknown_files: BTreeMap<usize, Vec<u8>>,
    suggesting: bool,
    today: NaiveDate,
    /// The day the user chose to look at the organisation as of; `None`
    /// is today. Every evaluation and view uses [`Engine::day`].
    as_of: Option<NaiveDate>,
    presenter: Presenter,
    demo: bool,
    /// The saved review the user dropped, with its file name: every
    /// snapshot then says what changed since.
    saved_review: Option<(String, crate::review::Review)>,
    /// The open findings of the last snapshot (real names). Every message
    /// ends in a snapshot and nothing else changes the engine, so when the
    /// next message starts these are exactly the open findings: accepting
    /// one needs no second run of every tripwire.
    published_findings: Option<Vec<Finding>>,
    /// Counts every change to `dataset`, so a snapshot knows which of the
    /// last one's views still describe the rows ([`present::Reuse`]).
    dataset_version: u64,
    /// The views the last snapshot built from the rows alone.
    reuse: present::Reuse,
    /// Presenter mode's pseudonyms of the whole dataset's names and the
    /// `dataset_version` they were made for: the history, and every
    /// request that names a finding or a person, read them, and at 2,000
    /// people making them takes about 100 ms. (A snapshot's own, over the
    /// rows as of its day, are kept in `reuse`.)
    pseudonyms: std::cell::RefCell<Option<(u64, std::rc::Rc<present::Pseudonymizer>)>>,
    /// How often every tripwire ran, so a test can hold the count down.
    #[cfg(test)]
    evaluations: std::cell::Cell<u32>,
}

impl Engine {
    pub fn new(today: NaiveDate) -> Engine {
        Engine {
            dataset: Dataset::default(),
            model: TeamModel::default(),
            model_notes: Vec::new(),
            options: IngestOptions::default(),
            unknown_files: BTreeMap::new(),
            suggesting: false,
            today,
            as_of: None,
            presenter: Presenter::Off,
            demo: false,
            saved_review: None,
            published_findings: None,
            dataset_version: 0,
            reuse: present::Reuse::default(),
            pseudonyms: Default::default(),
            #[cfg(test)]
            evaluations: Default::default(),
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn model(&self) -> &TeamModel {
        &self.model
    }

    /// The shared lookups over the dataset, with the model's bot list and
    /// confirmed identities.
    fn index(&self) -> Index<'_> {
        self.index_of(&self.dataset)
    }

    /// [`Engine::index`] over another dataset: the rows as of a past day.
    fn index_of<'d>(&self, dataset: &'d Dataset) -> Index<'d> {
        Index::with_identities(dataset, self.bots(), &self.model.identities)
    }

    /// The day everything is evaluated as of: the user's choice, else today.
    pub fn day(&self) -> NaiveDate {
        self.as_of.unwrap_or(self.today)
    }

    /// The dataset as it stood on [`Engine::day`]: borrowed unless rows are
    /// dated after it.
    fn cut(&self) -> std::borrow::Cow<'_, Dataset> {
        self.dataset.as_of(self.day())
    }

    /// The open findings per week up to [`Engine::day`], to be computed a
    /// week at a time after the snapshot (`dispatch::stream_history`).
    pub fn findings_over_time(&self) -> OverTime<'_> {
        // Only the groups: a whole index of the dataset would be built for
        // nothing, at the moment the history's working copy is made.
        let team_groups = Index::team_groups(&self.dataset);
        let groups: BTreeMap<String, String> = self
            .dataset
            .team_names()
            .into_iter()
            .filter_map(|team| Some((team.clone(), team_groups.get(team.trim())?.to_string())))
            .collect();
        OverTime::new(&self.dataset, &self.model, groups, self.day())
    }

    /// A finished history as the page may show it (presenter mode applied).
    pub fn present_history(&self, history: FindingsOverTime) -> FindingsOverTime {
        present::presented_history(history, self.pseudonyms().as_deref())
    }

    /// Presenter mode's pseudonyms of the dataset's names, made once per
    /// version of the rows; `None` with presenter mode off.
    fn pseudonyms(&self) -> Option<std::rc::Rc<present::Pseudonymizer>> {
        if !self.presenter.is_on() {
            return None;
        }
        let mut kept = self.pseudonyms.borrow_mut();
        if let Some((_, pseudonyms)) = kept.as_ref().filter(|(version, _)| *version == self.dataset_version) {
            return Some(pseudonyms.clone());
        }
        let made = std::rc::Rc::new(present::Pseudonymizer::for_dataset(&self.dataset));
        *kept = Some((self.dataset_version, made.clone()));
        Some(made)
    }

    fn bots(&self) -> Bots {
        Bots::new(&self.model.bots)
    }

    /// Called before every change to the dataset: views built from the
    /// rows before it are not reused.
    fn rows_changed(&mut self) {
        self.dataset_version += 1;
    }

    /// The snapshot of the engine as it is, without publishing it.
    pub fn snapshot(&self) -> Snapshot {
        let cut = self.cut();
        let index = self.index_of(&cut).match_every_pr();
        let report = self.evaluate_all(&index);
        self.snapshot_of(&index, &report.findings, &report.not_enough_data, None)
    }

    /// Runs every tripwire over the dataset and the model.
    fn evaluate(&self, index: &Index) -> Vec<Finding> {
        self.evaluate_all(index).findings
    }

    /// [`Engine::evaluate`], with the data gaps the coverage view shows.
    fn evaluate_all(&self, index: &Index) -> findings::Report {
        #[cfg(test)]
        self.evaluations.set(self.evaluations.get() + 1);
        findings::evaluate_report(index, &self.model, self.day())
    }

    /// `overview`: the one just built for a drop of files, if any. `index`:
    /// the dataset's, built once for the tripwires and the views alike.
    fn snapshot_of(&self, index: &Index, found: &[Finding], gaps: &[findings::DataGap], overview: Option<Overview>) -> Snapshot {
        let state = present::State {
            index,
            model: &self.model,
            model_notes: &self.model_notes,
            findings: found,
            gaps,
            today: self.day(),
            presenter: self.presenter,
            suggesting: self.suggesting,
            mappings: &self.options.mappings,
            demo: self.demo,
            saved_review: self.saved_review.as_ref().map(|(name, review)| (name.as_str(), review)),
            reuse: Some((&self.reuse, present::RowsStamp::new(self.dataset_version, index.dataset(), self.today, self.day(), &self.model))),
        };
        let mut snapshot = present::snapshot(&state, overview);
        snapshot.as_of = AsOf::new(self.today, self.as_of, index.dataset().statuses_approximated_on);
        snapshot
    }
}

#[cfg(test)]
mod tests {
    use super::dispatch::testing::*;
    use super::*;

    #[test]
    fn presenter_mode_makes_the_whole_datasets_pseudonyms_once_per_version_of_the_rows() {
        use std::rc::Rc;
        let built = || present::privacy::BUILT_FOR_DATASETS.with(|built| built.get());
        let mut engine = Engine::new(today());
        load(&mut engine, "roster.csv", ROSTER);
        assert!(engine.pseudonyms().is_none(), "real names with presenter mode off");
        ask(&mut engine, Request::SetPresenter { on: true });
        let before = built();
        let first = engine.pseudonyms().expect("presenter mode is on");
        assert!(Rc::ptr_eq(&first, &engine.pseudonyms().unwrap()), "made again for the same rows");
        assert_eq!(built(), before + 1);
        assert_ne!(first.pseudonym("Ada"), "Ada");
        // New rows, new pseudonyms: a person of the new file gets theirs.
        load(&mut engine, "more.csv", b"person,team,role\nCyd,Atlas,engineer\n");
        let after = engine.pseudonyms().unwrap();
        assert!(!Rc::ptr_eq(&first, &after), "kept across a change of the rows");
        let afresh = present::Pseudonymizer::for_dataset(engine.dataset());
        assert_eq!(after.pseudonym("Cyd"), afresh.pseudonym("Cyd"));
        assert_eq!(after.pseudonym("Ada"), afresh.pseudonym("Ada"));
        ask(&mut engine, Request::SetPresenter { on: false });
        assert!(engine.pseudonyms().is_none(), "real names once presenter mode is off again");
    }

    #[test]
    fn a_loaded_file_is_summarised_and_charted() {
        let mut engine = Engine::new(today());
        let events = load(&mut engine, "prs.csv", PRS);
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.overview.files.len(), 1);
        assert_eq!(snapshot.overview.summary.rows, 2);
        assert_eq!(snapshot.overview.summary.people, 2);
        assert_eq!(snapshot.overview.merged_per_week.weeks.iter().map(|w| w.value).sum::<f64>(), 1.0);
        assert!(events.iter().any(|e| matches!(e, Event::Progress { done, total, .. } if done == total)));
    }

    #[test]
    fn only_the_demo_is_marked_as_the_demo() {
        let mut engine = Engine::new(today());
        load(&mut engine, "prs.csv", PRS);
        assert!(!engine.snapshot().demo);
        let mut engine = demo_engine();
        assert!(engine.snapshot().demo);
        engine.handle(Request::Forget, &mut |_| {});
        assert!(!engine.snapshot().demo, "Forget starts a fresh, non-demo session");
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
        assert_eq!(analysis.findings.len(), findings::evaluate(engine.dataset(), engine.model(), today()).len());
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
    fn the_snapshot_names_each_open_finding_once() {
        let snapshot = demo_engine().snapshot();
        let json = serde_json::to_string(&snapshot).unwrap();
        assert!(!snapshot.analysis.findings.is_empty());
        for finding in &snapshot.analysis.findings {
            let quoted = serde_json::to_string(&finding.key).unwrap();
            assert_eq!(json.matches(quoted.as_str()).count(), 1, "{quoted}");
        }
    }

    /// Every snapshot reuses the last one's views of the rows while the rows
    /// are the same (`present::Reuse`): after each kind of change, what it
    /// sends is what building every view afresh gives.
    #[test]
    fn a_snapshot_with_reused_views_is_the_one_built_afresh_after_every_kind_of_change() {
        let roster = b"person,team,role,email\nAna Reyes,Atlas,Software Engineer,ana.reyes@corp.example\nBen Okafor,Borealis,Software Engineer,\n";
        let prs = b"number,title,author,created_at,merged_at,state,requested_reviewers\n\
            7,Retry,areyes,2026-11-10T09:00:00Z,2026-11-11T09:00:00Z,merged,\n\
            8,Keys,areyes,2026-10-16T09:00:00Z,,open,Ben Okafor\n\
            9,Ledger,Ben Okafor,2026-10-01T09:00:00Z,2026-10-20T09:00:00Z,merged,\n";
        let reviews = b"pr,reviewer,state,submitted_at\n9,areyes,APPROVED,2026-10-02T09:00:00Z\n7,Ben Okafor,APPROVED,2026-11-10T12:00:00Z\n";
        let fresh = |engine: &Engine| {
            engine.reuse.clear();
            serde_json::to_string(&engine.snapshot()).unwrap()
        };
        let check = |events: Vec<Event>, engine: &Engine, after: &str| {
            assert!(!events.iter().any(|e| matches!(e, Event::RequestFailed { .. })), "{after}: {events:?}");
            let sent = serde_json::to_string(last_snapshot(&events)).unwrap();
            assert_eq!(sent, fresh(engine), "after {after}");
        };
        let mut engine = Engine::new(today());
        check(drop_files(&mut engine, &[("roster.csv", roster), ("prs.csv", prs)]), &engine, "a drop");
        check(ask(&mut engine, Request::SetPresenter { on: true }), &engine, "presenter mode on");
        let shown = last_snapshot(&ask(&mut engine, Request::SetPresenter { on: true })).identities.unmatched[0].clone();
        let confirm = Request::ConfirmIdentity { name: shown.name.clone(), person: shown.suggestions[0].person.clone() };
        check(ask(&mut engine, confirm), &engine, "an identity confirmed");
        check(ask(&mut engine, Request::SetPresenter { on: false }), &engine, "presenter mode off");
        check(load(&mut engine, "reviews.csv", reviews), &engine, "a new file");
        // A week back every row is there still; the weeks end earlier.
        check(ask(&mut engine, Request::SetAsOf { day: Some(today() - chrono::Duration::days(7)) }), &engine, "as-of a week back");
        check(ask(&mut engine, Request::SetAsOf { day: Some(today() - chrono::Duration::days(30)) }), &engine, "as-of a month back");
        let norm = Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(2) };
        check(ask(&mut engine, norm), &engine, "a norm changed");
        check(ask(&mut engine, Request::ForgetIdentity { name: "areyes".into() }), &engine, "an identity forgotten");
        check(ask(&mut engine, Request::SetAsOf { day: None }), &engine, "as-of today again");
        check(ask(&mut engine, Request::LoadDemo), &engine, "the demo loaded");
    }

    /// A request that changes no row builds no view of the rows again.
    #[test]
    fn changing_a_norm_or_presenter_mode_rebuilds_no_view_of_the_rows() {
        let mut engine = demo_engine();
        ask(&mut engine, Request::SetPresenter { on: true });
        let misses = || present::REUSE_MISSES.with(|m| m.get());
        let before = misses();
        let team = engine.model().teams.keys().next().unwrap().clone();
        ask(&mut engine, Request::SetNorm { team: team.clone(), norm: "first_review_hours".into(), value: Some(30) });
        ask(&mut engine, Request::SetPresenter { on: false });
        ask(&mut engine, Request::SetPresenter { on: true });
        assert_eq!(misses(), before, "the overview, identities, coverage and pseudonyms were reused");
        load(&mut engine, "prs.csv", PRS);
        assert!(misses() > before, "a new file's rows are read");
    }

    #[test]
    fn presenter_mode_leaves_no_name_in_the_snapshot() {
        let mut engine = demo_engine();
        let people: Vec<String> = present::privacy::person_names(engine.dataset()).into_iter().map(str::to_lowercase).collect();
        assert!(people.len() > 20);
        let off = serde_json::to_string(&engine.snapshot()).unwrap().to_lowercase();
        assert!(people.iter().any(|name| off.contains(name.as_str())), "names show while presenter mode is off");

        let events = ask(&mut engine, Request::SetPresenter { on: true });
        let snapshot = last_snapshot(&events);
        assert!(snapshot.analysis.presenter);
        let on = serde_json::to_string(snapshot).unwrap().to_lowercase();
        for name in &people {
            if let Some(at) = on.find(name.as_str()) {
                panic!("{name} is in the presenter snapshot: …{}…", &on[at.saturating_sub(300)..(at + 100).min(on.len())]);
            }
        }
        assert!(snapshot.analysis.findings.iter().any(|f| f.row.person.as_deref().is_some_and(|p| p.starts_with("Person "))));

        let events = ask(&mut engine, Request::SetPresenter { on: false });
        assert!(!last_snapshot(&events).analysis.presenter);
    }
}
