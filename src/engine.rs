//! The analysis engine the Web Worker runs: owns the dataset, answers
//! requests with events. Pure and synchronous, so it is tested natively;
//! `ui::worker` is only the glue that reads files and posts messages.
//!
//! Every change ends with a fresh [`Snapshot`]: the view-models the page
//! draws. The page never sees raw rows, which keeps messages small even for
//! a million-row org.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dataset::{Dataset, FileKind, FileReport};
use crate::findings::{self, Finding};
use crate::ingest::{self, IngestError, IngestOptions, UserMapping};
use crate::model::{self, ModelNote, NormSuggestion, TeamModel};
use crate::views;
use crate::views::stakeholders::{self as stakeholder_views, StakeholderGrid};

pub mod analysis;

/// What the page asks of the worker (files travel beside the request).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Analyse as of this date (the page's local date, or the user's choice).
    SetToday { today: NaiveDate },
    /// Replace the dataset's files with the built-in demo organisation.
    LoadDemo,
    /// Forget every file, the model and remembered mappings; start again.
    Forget,
    /// Presenter mode: every name in the snapshot is replaced by a
    /// pseudonym before it leaves the worker.
    SetPresenter { on: bool },
    /// Accept the open finding with this key as allowed until `expires`.
    AcceptDeviation { key: String, reason: String, expires: NaiveDate },
    /// Replace the whole model, e.g. one remembered on this device.
    SetModel { model: TeamModel },
    /// Replace the model with a `teamdiff-model.json` the user chose; a bad
    /// file is refused by name and the current model stays.
    ImportModel { name: String, json: String },
    /// Run a team under a preset or custom flavor.
    SetFlavor { team: String, flavor: String },
    /// A team's own value for a scalar norm; `None` falls back to the flavor.
    SetNorm { team: String, norm: String, value: Option<u32> },
    /// Compute norms from history with every snapshot (the Model page's
    /// "Suggest from history"); off by default because it walks every PR
    /// (about half a second for a 2,000-person org).
    ShowSuggestions { on: bool },
    /// Take the history-based suggestion for a team's norm as its override.
    ApplySuggestion { team: String, norm: String },
    /// Withdraw an accepted deviation (by its shown key, pseudonymised in
    /// presenter mode): the finding fires again.
    RevokeDeviation { key: String },
    /// Read the loaded file at `file` (an index into `Snapshot::files`) again
    /// with the user's column mapping; `remember` keeps the mapping for every
    /// later file with the same header signature.
    MapColumns { file: usize, mapping: UserMapping, remember: bool },
    /// Mappings remembered earlier (on this device, if the user opted in).
    SetMappings { mappings: Vec<UserMapping> },
    /// A custom flavor, starting as a copy of `based_on`'s norms.
    AddFlavor { name: String, based_on: String },
    /// One norm of a custom flavor (presets are fixed).
    SetFlavorNorm { flavor: String, norm: String, value: u32 },
    /// Remove a custom flavor no team runs under.
    RemoveFlavor { name: String },
    /// How often to be in touch with stakeholders, by quadrant.
    SetContactCadence { cadence: model::ContactCadence },
    /// Stop using the remembered mapping for these headers: the next file
    /// with them goes through the mapping step again.
    ForgetMapping { signature: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Parsing,
    /// Every file of a drop is in: the model, the tripwires and the views
    /// are being computed (seconds for a whole organisation).
    Checking,
}

/// What the worker tells the page.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Progress { file: String, stage: Stage, done: u64, total: u64 },
    /// A file was refused; nothing loaded before it changed.
    FileRefused { error: IngestError },
    /// A file of a drop is in. The Load page shows this at once; the
    /// drop's `Snapshot` (findings and every view) follows when the last
    /// file is in.
    Overview { overview: Overview },
    Snapshot { snapshot: Box<Snapshot> },
    /// A request could not be carried out; nothing changed. A Snapshot
    /// still follows.
    RequestFailed { message: String },
}

/// What the Load page shows: what each file held, the headline counts and
/// the first chart. Cheap to compute, so it is posted after every file of a
/// drop rather than waiting for the tripwires over the whole organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub files: Vec<FileReport>,
    pub summary: views::Summary,
    pub merged_per_week: views::WeeklySeries,
}

/// Everything the page shows, computed in the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    pub today: NaiveDate,
    pub overview: Overview,
    pub findings: Vec<Finding>,
    pub analysis: analysis::Analysis,
    /// The model as edited so far; the Model page shows and exports it. In
    /// presenter mode its accepted deviations are pseudonymised like
    /// everything else, so the page neither exports nor remembers it then.
    #[serde(default)]
    pub model: TeamModel,
    /// What `teams.csv` said that the model could not take as written.
    #[serde(default)]
    pub model_notes: Vec<ModelNote>,
    /// Norms proposed from each team's own history; empty unless asked for
    /// with `Request::ShowSuggestions`.
    #[serde(default)]
    pub suggestions: Vec<NormSuggestion>,
    #[serde(default)]
    pub suggesting: bool,
    /// Column mappings the user asked to remember, by header signature.
    #[serde(default)]
    pub mappings: Vec<UserMapping>,
    /// The power-interest grid as the files rate everyone; the workshop's
    /// re-ratings are applied on the page (`StakeholderGrid::re_rated`).
    #[serde(default)]
    pub stakeholders: StakeholderGrid,
    /// The demo organisation is loaded: its model is not the user's, so the
    /// page does not remember it on the device over the user's own.
    #[serde(default)]
    pub demo: bool,
}

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
    presenter: views::Presenter,
    demo: bool,
    /// The overview the last `add_file` posted: a batch's snapshot reuses
    /// it rather than counting a whole organisation again.
    last_overview: Option<Overview>,
}

/// Progress is reported at most this often, so messages never flood the page.
const PROGRESS_STEP_BYTES: u64 = 1 << 20;

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
            presenter: views::Presenter::Off,
            demo: false,
            last_overview: None,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn model(&self) -> &TeamModel {
        &self.model
    }

    pub fn handle(&mut self, request: Request, emit: &mut dyn FnMut(Event)) {
        if let Err(message) = self.apply(request, emit) {
            emit(Event::RequestFailed { message });
        }
        self.publish(emit);
    }

    fn apply(&mut self, request: Request, emit: &mut dyn FnMut(Event)) -> Result<(), String> {
        match request {
            Request::SetToday { today } => self.today = today,
            Request::LoadDemo => {
                // A different organisation: the old model's teams and
                // accepted deviations would not describe it.
                self.demo = true;
                self.dataset = Dataset::default();
                self.model = TeamModel::default();
                self.model_notes.clear();
                self.unknown_files.clear();
                for file in crate::demo::generate(crate::demo::DemoSize::Small, 7, self.today) {
                    self.ingest(&file.name, &file.bytes, emit);
                }
            }
            Request::Forget => *self = Engine { presenter: self.presenter, ..Engine::new(self.today) },
            Request::SetPresenter { on } => self.presenter = if on { views::Presenter::On } else { views::Presenter::Off },
            Request::AcceptDeviation { key, reason, expires } => self.accept(&key, &reason, expires)?,
            Request::SetModel { model } => {
                model.validate().map_err(|e| format!("the model was not used: {e}"))?;
                self.model = model;
            }
            Request::ImportModel { name, json } => {
                let model = TeamModel::from_json(&json)
                    .map_err(|e| format!("{name} was not loaded: {}. Your current model is unchanged.", e.message))?;
                self.model = model;
            }
            Request::SetFlavor { team, flavor } => {
                if self.model.flavor_norms(&flavor).is_none() {
                    return Err(format!("`{flavor}` is not a flavor; choose {}", self.flavor_names().join(", ")));
                }
                self.team_settings(&team)?.flavor = flavor;
            }
            Request::SetNorm { team, norm, value } => {
                if model::norm_info(&norm).is_none() {
                    return Err(format!("unknown norm `{norm}`"));
                }
                let overrides = &mut self.team_settings(&team)?.overrides;
                match value {
                    Some(value) => overrides.set_scalar(&norm, value).map_err(|e| format!("{team}: {e}"))?,
                    None => overrides.clear_scalar(&norm),
                }
            }
            Request::ShowSuggestions { on } => self.suggesting = on,
            Request::ApplySuggestion { team, norm } => {
                let suggestions = model::suggest_norms(&self.dataset, &self.model, self.today);
                let suggestion = suggestions
                    .iter()
                    .find(|s| s.team == team && s.norm == norm)
                    .ok_or_else(|| format!("no suggestion for {norm} on {team}"))?;
                self.model.apply_suggestion(suggestion).map_err(|e| format!("{team}: {e}"))?;
            }
            Request::RevokeDeviation { key } => {
                let names = views::Names::new(&self.dataset, self.presenter);
                let real = self
                    .model
                    .accepted
                    .iter()
                    .find(|a| a.key == key || names.text(&a.key) == key)
                    .map(|a| a.key.clone())
                    .ok_or_else(|| "That deviation is no longer accepted.".to_string())?;
                self.model.revoke(&real);
            }
            Request::MapColumns { file, mapping, remember } => self.map_columns(file, mapping, remember, emit)?,
            Request::SetMappings { mappings } => {
                for mapping in mappings {
                    self.remember(mapping);
                }
            }
            Request::AddFlavor { name, based_on } => {
                self.model.add_flavor(&name, &based_on)?;
            }
            Request::SetFlavorNorm { flavor, norm, value } => {
                self.model.set_flavor_norm(&flavor, &norm, value).map_err(|e| format!("{flavor}: {e}"))?
            }
            Request::RemoveFlavor { name } => self.model.remove_flavor(&name)?,
            Request::SetContactCadence { cadence } => {
                let mut next = self.model.clone();
                next.stakeholder_cadence = cadence;
                next.validate().map_err(|e| format!("the contact cadence was not changed: {e}"))?;
                self.model = next;
            }
            Request::ForgetMapping { signature } => self.options.mappings.retain(|m| m.signature != signature),
        }
        Ok(())
    }

    fn flavor_names(&self) -> Vec<String> {
        model::PRESET_FLAVORS.iter().map(|f| f.to_string()).chain(self.model.custom_flavors.keys().cloned()).collect()
    }

    fn team_settings(&mut self, team: &str) -> Result<&mut model::TeamSettings, String> {
        self.model.teams.get_mut(team).ok_or_else(|| format!("no team `{team}` in the model"))
    }

    fn remember(&mut self, mapping: UserMapping) {
        self.options.mappings.retain(|m| m.signature != mapping.signature);
        self.options.mappings.push(mapping);
    }

    fn map_columns(&mut self, file: usize, mapping: UserMapping, remember: bool, emit: &mut dyn FnMut(Event)) -> Result<(), String> {
        let path = self.dataset.files.get(file).map(|f| f.path.clone()).ok_or_else(|| format!("no loaded file #{file}"))?;
        let bytes = self.unknown_files.get(&file).ok_or_else(|| format!("{path} is already read; drop it again to map it"))?;
        if ingest::target_fields(mapping.kind).is_empty() {
            return Err(format!("{path}: choose what kind of file this is before loading it"));
        }
        let mut options = self.options.clone();
        options.mappings.retain(|m| m.signature != mapping.signature);
        options.mappings.push(mapping.clone());
        let mut on_progress = |done: u64, total: u64| {
            if done == total {
                emit(Event::Progress { file: path.clone(), stage: Stage::Parsing, done, total });
            }
        };
        ingest::reingest_file(&mut self.dataset, file, &path, bytes, &options, &mut on_progress).map_err(|e| e.to_string())?;
        if self.dataset.files[file].kind != FileKind::Unknown {
            self.unknown_files.remove(&file);
        }
        if remember {
            self.remember(mapping);
        }
        Ok(())
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
    /// Each file is followed by an [`Event::Overview`], so the page shows
    /// what is in long before the batch's snapshot.
    pub fn add_file(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        self.ingest(name, bytes, emit);
        let names = views::Names::new(&self.dataset, self.presenter);
        let overview = self.overview(&names);
        emit(Event::Overview { overview: overview.clone() });
        self.last_overview = Some(overview);
    }

    /// Ends a batch of [`Engine::add_file`]s with its one snapshot.
    pub fn publish_batch(&mut self, emit: &mut dyn FnMut(Event)) {
        emit(Event::Progress { file: String::new(), stage: Stage::Checking, done: 0, total: 0 });
        let overview = self.last_overview.take();
        self.publish_with(overview, emit);
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
        match ingest::ingest_file(&mut self.dataset, name, bytes, &self.options, &mut on_progress) {
            Ok(index) if self.dataset.files[index].kind == FileKind::Unknown => {
                self.unknown_files.insert(index, bytes.to_vec());
            }
            Ok(_) => {}
            Err(error) => emit(Event::FileRefused { error }),
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
        self.publish_with(None, emit);
    }

    /// `overview`: the one just posted for the same dataset, if any.
    fn publish_with(&mut self, overview: Option<Overview>, emit: &mut dyn FnMut(Event)) {
        self.last_overview = None;
        // Adds newly loaded teams; the user's settings and accepted
        // deviations stay.
        let notes = self.model.add_dataset_teams(&self.dataset);
        self.model_notes.extend(notes);
        emit(Event::Snapshot { snapshot: Box::new(self.snapshot_with(overview)) });
    }

    pub fn snapshot(&self) -> Snapshot {
        self.snapshot_with(None)
    }

    fn snapshot_with(&self, overview: Option<Overview>) -> Snapshot {
        let found = findings::evaluate(&self.dataset, &self.model, self.today);
        let names = views::Names::new(&self.dataset, self.presenter);
        Snapshot {
            today: self.today,
            overview: overview.unwrap_or_else(|| self.overview(&names)),
            analysis: analysis::analyse(&self.dataset, &self.model, &found, self.today, &names),
            findings: analysis::present_findings(&found, &names),
            model: self.presented_model(&names),
            model_notes: self.model_notes.clone(),
            suggestions: if self.suggesting { model::suggest_norms(&self.dataset, &self.model, self.today) } else { Vec::new() },
            suggesting: self.suggesting,
            mappings: self.options.mappings.clone(),
            stakeholders: stakeholder_views::stakeholder_grid(
                &self.dataset,
                self.today,
                &self.model.stakeholder_cadence,
                &BTreeMap::new(),
                self.presenter,
            ),
            demo: self.demo,
        }
    }

    fn overview(&self, names: &views::Names) -> Overview {
        Overview {
            files: analysis::present_files(&self.dataset.files, names),
            summary: views::summary(&self.dataset),
            merged_per_week: views::merged_per_week(&self.dataset),
        }
    }

    /// The model as the page may show it: accepted deviations name people,
    /// so in presenter mode they are pseudonymised like the findings.
    fn presented_model(&self, names: &views::Names) -> TeamModel {
        let mut model = self.model.clone();
        if names.presenting() {
            for a in &mut model.accepted {
                a.key = names.text(&a.key);
                a.subject = names.text(&a.subject);
                a.reason = names.text(&a.reason);
            }
        }
        model
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
        assert_eq!(snapshot.overview.files.len(), 1);
        assert_eq!(snapshot.overview.summary.rows, 2);
        assert_eq!(snapshot.overview.summary.people, 2);
        assert_eq!(snapshot.overview.merged_per_week.weeks.iter().map(|w| w.value).sum::<f64>(), 1.0);
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
        assert_eq!(last_snapshot(&events).overview.files.len(), 2);
    }

    #[test]
    fn a_batch_shows_each_file_before_the_tripwires_run() {
        let mut engine = Engine::new(today());
        let events = collect(|emit| {
            engine.add_file("prs.csv", PRS, emit);
            engine.add_file("roster.csv", b"person,team,role\nAda,api,engineer\n", emit);
            engine.publish_batch(emit);
        });
        let overviews: Vec<&Overview> =
            events.iter().filter_map(|e| if let Event::Overview { overview } = e { Some(overview) } else { None }).collect();
        assert_eq!(overviews.len(), 2, "one overview per file");
        assert_eq!(overviews[0].files.len(), 1);
        assert_eq!(overviews[0].merged_per_week.weeks.iter().map(|w| w.value).sum::<f64>(), 1.0, "the first chart, before the snapshot");
        assert_eq!(overviews[1].summary.files, 2);
        let checking = events.iter().position(|e| matches!(e, Event::Progress { stage: Stage::Checking, .. })).expect("the page is told");
        let second_overview = events.iter().rposition(|e| matches!(e, Event::Overview { .. })).unwrap();
        assert!(second_overview < checking && checking == events.len() - 2, "{events:?}");
        assert_eq!(&last_snapshot(&events).overview, overviews[1], "the snapshot ends with the same overview");
    }

    #[test]
    fn forget_drops_everything() {
        let mut engine = Engine::new(today());
        engine.load_file("prs.csv", PRS, &mut |_| {});
        let events = collect(|emit| engine.handle(Request::Forget, emit));
        assert!(last_snapshot(&events).overview.files.is_empty());
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
    fn only_the_demo_is_marked_as_the_demo() {
        let mut engine = Engine::new(today());
        engine.load_file("prs.csv", PRS, &mut |_| {});
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

    const TEAMS: &[u8] = b"team,flavor\nAtlas,infra\nBorealis,legacy\n";
    const ROSTER: &[u8] = b"person,team,role\nAda,Atlas,engineer\nBob,Atlas,engineer\n";
    /// A roster whose headers no format knows.
    const ODD_ROSTER: &[u8] = b"Full Name,Squad Name,Job Role\nCleo,Comet,engineer\nDev,Comet,engineer\n";

    fn refusals(events: &[Event]) -> Vec<&str> {
        events.iter().filter_map(|e| match e { Event::RequestFailed { message } => Some(message.as_str()), _ => None }).collect()
    }

    fn engine_with_teams() -> Engine {
        let mut engine = Engine::new(today());
        engine.load_file("teams.csv", TEAMS, &mut |_| {});
        engine
    }

    #[test]
    fn flavors_and_contact_cadence_are_edited_by_request_and_bad_edits_change_nothing() {
        let mut engine = engine_with_teams();
        let mut ask = |request: Request| {
            let events = collect(|emit| engine.handle(request, emit));
            (refusals(&events).iter().map(|m| m.to_string()).collect::<Vec<_>>(), last_snapshot(&events).model.clone())
        };
        let (refused, model) = ask(Request::AddFlavor { name: "Research".into(), based_on: "infra".into() });
        assert!(refused.is_empty(), "{refused:?}");
        assert!(model.custom_flavors.contains_key("research"));
        let (refused, model) = ask(Request::SetFlavorNorm { flavor: "research".into(), norm: "quiet_days".into(), value: 21 });
        assert!(refused.is_empty());
        assert_eq!(model.flavor_norms("research").unwrap().quiet_days, 21);
        let (refused, after) = ask(Request::SetFlavorNorm { flavor: "research".into(), norm: "quiet_days".into(), value: 9999 });
        assert!(refused[0].starts_with("research:"), "{refused:?}");
        assert_eq!(after, model, "a refused edit changes nothing");
        let (refused, after) = ask(Request::SetContactCadence {
            cadence: model::ContactCadence { manage_closely_days: 0, keep_satisfied_days: 60, keep_informed_days: 90 },
        });
        assert!(refused[0].contains("manage_closely_days"), "{refused:?}");
        assert_eq!(after, model);
        let cadence = model::ContactCadence { manage_closely_days: 14, keep_satisfied_days: 45, keep_informed_days: 120 };
        let (refused, model) = ask(Request::SetContactCadence { cadence: cadence.clone() });
        assert!(refused.is_empty());
        assert_eq!(model.stakeholder_cadence, cadence);
        let (refused, model) = ask(Request::RemoveFlavor { name: "research".into() });
        assert!(refused.is_empty());
        assert!(model.custom_flavors.is_empty());
    }

    #[test]
    fn model_edits_survive_later_loads_and_new_teams_join() {
        let mut engine = engine_with_teams();
        let events = collect(|emit| engine.handle(Request::SetFlavor { team: "Atlas".into(), flavor: "greenfield".into() }, emit));
        assert!(refusals(&events).is_empty());
        engine.handle(Request::SetNorm { team: "Borealis".into(), norm: "wip_per_person".into(), value: Some(5) }, &mut |_| {});
        let events = collect(|emit| engine.load_file("roster.csv", ODD_ROSTER, emit));
        let model = &last_snapshot(&events).model;
        assert_eq!(model.flavor_of("Atlas"), "greenfield", "the user's flavor beats teams.csv after another load");
        assert_eq!(model.norms_for("Borealis").wip_per_person, 5);
        engine.load_file("roster2.csv", ROSTER, &mut |_| {});
        assert_eq!(engine.model().flavor_of("Atlas"), "greenfield");

        engine.handle(Request::SetNorm { team: "Borealis".into(), norm: "wip_per_person".into(), value: None }, &mut |_| {});
        assert_eq!(engine.model().norms_for("Borealis").wip_per_person, 3, "cleared: back to the flavor's value");
    }

    #[test]
    fn bad_edits_are_refused_with_a_message_and_change_nothing() {
        let mut engine = engine_with_teams();
        let before = engine.model().clone();
        for request in [
            Request::SetFlavor { team: "Atlas".into(), flavor: "rocket".into() },
            Request::SetFlavor { team: "Nobody".into(), flavor: "infra".into() },
            Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(0) },
            Request::SetNorm { team: "Atlas".into(), norm: "nap_days".into(), value: Some(3) },
            Request::RevokeDeviation { key: "nothing".into() },
            Request::ApplySuggestion { team: "Atlas".into(), norm: "update_cadence_days".into() },
        ] {
            let events = collect(|emit| engine.handle(request.clone(), emit));
            assert_eq!(refusals(&events).len(), 1, "{request:?} → {events:?}");
            assert!(matches!(events.last(), Some(Event::Snapshot { .. })), "a refusal is still followed by a snapshot");
            assert_eq!(engine.model(), &before, "{request:?}");
        }
        let events = collect(|emit| engine.handle(Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(0) }, emit));
        assert!(refusals(&events)[0].contains("between 1 and 365"), "{events:?}");
    }

    #[test]
    fn a_bad_model_file_is_refused_by_name_and_the_model_stays() {
        let mut engine = engine_with_teams();
        engine.handle(Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(9) }, &mut |_| {});
        let exported = engine.model().to_json();
        let before = engine.model().clone();
        for json in ["{\"format\":", r#"{"teams":{}}"#, &exported.replace("\"quiet_days\": 9", "\"quiet_days\": 900")] {
            let events = collect(|emit| engine.handle(Request::ImportModel { name: "broken-model.json".into(), json: json.into() }, emit));
            let messages = refusals(&events);
            assert!(messages.len() == 1 && messages[0].starts_with("broken-model.json was not loaded: "), "{messages:?}");
            assert!(messages[0].contains("unchanged"));
            assert_eq!(last_snapshot(&events).model, before);
        }
        // The exported file imports back into a fresh engine as the same model.
        let mut fresh = Engine::new(today());
        let events = collect(|emit| fresh.handle(Request::ImportModel { name: "teamdiff-model.json".into(), json: exported }, emit));
        assert!(refusals(&events).is_empty());
        assert_eq!(last_snapshot(&events).model, before);
        let events = collect(|emit| fresh.handle(Request::SetModel { model: TeamModel::default() }, emit));
        assert!(last_snapshot(&events).model.teams.is_empty());
    }

    #[test]
    fn suggestions_are_published_and_one_can_be_applied() {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        assert!(engine.snapshot().suggestions.is_empty(), "only computed when asked for");
        engine.handle(Request::ShowSuggestions { on: true }, &mut |_| {});
        let snapshot = engine.snapshot();
        assert!(snapshot.suggesting);
        let suggestion = snapshot
            .suggestions
            .iter()
            .find(|s| s.suggested.is_some_and(|v| v != s.current))
            .expect("the demo org has a team whose history suggests another norm")
            .clone();
        let events = collect(|emit| {
            engine.handle(Request::ApplySuggestion { team: suggestion.team.clone(), norm: suggestion.norm.clone() }, emit)
        });
        assert!(refusals(&events).is_empty(), "{:?}", refusals(&events));
        let model = &last_snapshot(&events).model;
        let settings = &model.teams[&suggestion.team];
        assert_eq!(settings.overrides.scalar(&suggestion.norm), suggestion.suggested);
    }

    #[test]
    fn an_accepted_deviation_can_be_revoked_and_fires_again() {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        let finding = engine.snapshot().findings[0].clone();
        engine.model.accept(&finding, "on leave", today(), today()).unwrap();
        engine.handle(Request::SetToday { today: today() }, &mut |_| {});
        assert!(engine.snapshot().findings.iter().all(|f| f.key != finding.key));
        let events = collect(|emit| engine.handle(Request::RevokeDeviation { key: finding.key.clone() }, emit));
        let snapshot = last_snapshot(&events);
        assert!(snapshot.model.accepted.is_empty());
        assert!(snapshot.findings.iter().any(|f| f.key == finding.key));
    }

    #[test]
    fn an_unknown_file_is_mapped_in_place_and_remembered_on_request() {
        let mut engine = engine_with_teams();
        engine.load_file("people.csv", ODD_ROSTER, &mut |_| {});
        engine.load_file("roster.csv", ROSTER, &mut |_| {});
        let snapshot = engine.snapshot();
        let unknown = &snapshot.overview.files[1];
        assert_eq!(unknown.kind, FileKind::Unknown);
        let suggestion = unknown.suggestion.as_ref().expect("an unknown file carries a suggested mapping");
        assert_eq!(suggestion.kind, FileKind::Roster);
        let mapping = UserMapping::from_suggestion(suggestion);

        let events = collect(|emit| engine.handle(Request::MapColumns { file: 1, mapping: mapping.clone(), remember: false }, emit));
        assert!(refusals(&events).is_empty(), "{events:?}");
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.overview.files.len(), 3, "mapped in place, not added");
        assert_eq!((snapshot.overview.files[1].kind, snapshot.overview.files[1].kept), (FileKind::Roster, 2));
        let cleo = engine.dataset().people.iter().find(|p| p.name == "Cleo").expect("the mapped rows were kept");
        assert_eq!(engine.dataset().cite(cleo.source), "people.csv:2", "rows cite the mapped file");
        let ada = engine.dataset().people.iter().find(|p| p.name == "Ada").unwrap();
        assert_eq!(engine.dataset().cite(ada.source), "roster.csv:2", "later files keep their citations");
        assert!(snapshot.model.teams.contains_key("Comet"), "the mapped file's team joined the model");
        assert!(snapshot.mappings.is_empty(), "not remembered unless asked");

        // Mapping a file that is no longer unknown is refused, by name.
        let events = collect(|emit| engine.handle(Request::MapColumns { file: 1, mapping: mapping.clone(), remember: true }, emit));
        assert!(refusals(&events)[0].contains("people.csv"), "{events:?}");

        // Remembered: the next file with these headers is read with it at once.
        let mut engine = Engine::new(today());
        engine.handle(Request::SetMappings { mappings: vec![mapping] }, &mut |_| {});
        let events = collect(|emit| engine.load_file("people.csv", ODD_ROSTER, emit));
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.overview.files[0].kind, FileKind::Roster);
        assert_eq!(snapshot.mappings.len(), 1);

        // Forgotten: the same headers go through the mapping step again.
        let signature = snapshot.mappings[0].signature.clone();
        let events = collect(|emit| engine.handle(Request::ForgetMapping { signature }, emit));
        assert!(last_snapshot(&events).mappings.is_empty());
        let events = collect(|emit| engine.load_file("people-again.csv", ODD_ROSTER, emit));
        assert_eq!(last_snapshot(&events).overview.files[1].kind, FileKind::Unknown);
    }

    #[test]
    fn forget_also_drops_the_model_and_remembered_mappings() {
        let mut engine = engine_with_teams();
        engine.handle(Request::SetMappings { mappings: vec![UserMapping {
            signature: "x".into(), kind: FileKind::Roster, columns: vec![] }] }, &mut |_| {});
        let events = collect(|emit| engine.handle(Request::Forget, emit));
        let snapshot = last_snapshot(&events);
        assert!(snapshot.model.teams.is_empty() && snapshot.mappings.is_empty());
    }

    #[test]
    fn the_grid_and_the_model_follow_presenter_mode_and_revoke_works_by_shown_key() {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        let named = engine.snapshot().stakeholders;
        assert!(!named.points.is_empty());
        let finding = engine.snapshot().findings.iter().find(|f| f.tripwire == "quiet_contributor").unwrap().clone();
        engine.model.accept(&finding, &format!("{} is on leave", finding.subject), today(), today()).unwrap();

        let events = collect(|emit| engine.handle(Request::SetPresenter { on: true }, emit));
        let snapshot = last_snapshot(&events);
        for (real, shown) in named.points.iter().zip(&snapshot.stakeholders.points) {
            assert_ne!(real.label, shown.label, "stakeholders are pseudonymised");
            assert_eq!(real.current, shown.current);
        }
        let shown = &snapshot.model.accepted[0];
        assert!(!shown.subject.contains(&finding.subject) && !shown.reason.contains(&finding.subject), "{shown:?}");
        assert_eq!(engine.model().accepted[0].subject, finding.subject, "the engine keeps the real model");

        let events = collect(|emit| engine.handle(Request::RevokeDeviation { key: shown.key.clone() }, emit));
        assert!(refusals(&events).is_empty(), "{events:?}");
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
