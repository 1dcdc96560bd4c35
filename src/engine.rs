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
use crate::views::stakeholders::{self as stakeholder_views, StakeholderGrid};
use crate::views::{self, Presenter};

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
    /// Replace the whole model, e.g. one remembered on this device.
    SetModel { model: TeamModel },
    /// Replace the model with a `teamdiff-model.json` the user chose; a bad
    /// file is refused by name and the current model stays.
    ImportModel { name: String, json: String },
    /// Run a team under a preset or custom flavor.
    SetFlavor { team: String, flavor: String },
    /// A team's own value for a scalar norm; `None` falls back to the flavor.
    SetNorm { team: String, norm: String, value: Option<u32> },
    /// Take the history-based suggestion for a team's norm as its override.
    ApplySuggestion { team: String, norm: String },
    /// Withdraw an accepted deviation: the finding fires again.
    RevokeDeviation { key: String },
    /// Read the loaded file at `file` (an index into `Snapshot::files`) again
    /// with the user's column mapping; `remember` keeps the mapping for every
    /// later file with the same header signature.
    MapColumns { file: usize, mapping: UserMapping, remember: bool },
    /// Mappings remembered earlier (on this device, if the user opted in).
    SetMappings { mappings: Vec<UserMapping> },
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
    /// A request could not be done; nothing changed. Still followed by a
    /// Snapshot, like every request.
    RequestFailed { message: String },
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
    /// The model as edited so far; the Model page shows and exports it.
    #[serde(default)]
    pub model: TeamModel,
    /// What `teams.csv` said that the model could not take as written.
    #[serde(default)]
    pub model_notes: Vec<ModelNote>,
    /// Norms proposed from each team's own history.
    #[serde(default)]
    pub suggestions: Vec<NormSuggestion>,
    /// Column mappings the user asked to remember, by header signature.
    #[serde(default)]
    pub mappings: Vec<UserMapping>,
    /// The power-interest grid as the files rate everyone; the workshop's
    /// re-ratings are applied on the page (`StakeholderGrid::re_rated`).
    #[serde(default)]
    pub stakeholders: Presented<StakeholderGrid>,
}

/// A view-model built twice, with real names and with pseudonyms, so the
/// presenter toggle is instant and never needs the dataset on the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Presented<T> {
    pub named: T,
    pub pseudonymous: T,
}

impl<T> Presented<T> {
    pub fn get(&self, presenter: bool) -> &T {
        if presenter {
            &self.pseudonymous
        } else {
            &self.named
        }
    }
}

pub struct Engine {
    dataset: Dataset,
    model: TeamModel,
    model_notes: Vec<ModelNote>,
    options: IngestOptions,
    /// Bytes of files read as `Unknown`, by file index, kept so the
    /// column-mapping step can read them again without the page resending.
    unknown_files: BTreeMap<usize, Vec<u8>>,
    today: NaiveDate,
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
            today,
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
                // The model is the user's and survives; only the files change.
                self.dataset = Dataset::default();
                self.unknown_files.clear();
                for file in crate::demo::generate(crate::demo::DemoSize::Small, 7, self.today) {
                    self.ingest(&file.name, &file.bytes, emit);
                }
            }
            Request::Forget => *self = Engine::new(self.today),
            Request::SetModel { model } => {
                model.validate().map_err(|e| format!("the remembered model was not used: {e}"))?;
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
            Request::ApplySuggestion { team, norm } => {
                let suggestions = model::suggest_norms(&self.dataset, &self.model, self.today);
                let suggestion = suggestions
                    .iter()
                    .find(|s| s.team == team && s.norm == norm)
                    .ok_or_else(|| format!("no suggestion for {norm} on {team}"))?;
                self.model.apply_suggestion(suggestion).map_err(|e| format!("{team}: {e}"))?;
            }
            Request::RevokeDeviation { key } => {
                if !self.model.revoke(&key) {
                    return Err(format!("no accepted deviation `{key}` to revoke"));
                }
            }
            Request::MapColumns { file, mapping, remember } => self.map_columns(file, mapping, remember, emit)?,
            Request::SetMappings { mappings } => {
                for mapping in mappings {
                    self.remember(mapping);
                }
            }
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

    fn publish(&mut self, emit: &mut dyn FnMut(Event)) {
        // New teams join the model; teams already in it keep the user's edits.
        let notes = self.model.add_dataset_teams(&self.dataset);
        self.model_notes.extend(notes);
        emit(Event::Snapshot { snapshot: Box::new(self.snapshot()) });
    }

    pub fn snapshot(&self) -> Snapshot {
        let cadence = &self.model.stakeholder_cadence;
        let cadence = stakeholder_views::ContactCadence {
            manage_closely: cadence.manage_closely_days as f64,
            keep_satisfied: cadence.keep_satisfied_days as f64,
            keep_informed: cadence.keep_informed_days as f64,
            monitor: None,
        };
        let grid = |presenter| {
            stakeholder_views::stakeholder_grid(&self.dataset, self.today, &cadence, &BTreeMap::new(), presenter)
        };
        Snapshot {
            today: self.today,
            files: self.dataset.files.clone(),
            summary: views::summary(&self.dataset),
            merged_per_week: views::merged_per_week(&self.dataset),
            findings: findings::evaluate(&self.dataset, &self.model, self.today),
            model: self.model.clone(),
            model_notes: self.model_notes.clone(),
            suggestions: model::suggest_norms(&self.dataset, &self.model, self.today),
            mappings: self.options.mappings.clone(),
            stakeholders: Presented { named: grid(Presenter::Off), pseudonymous: grid(Presenter::On) },
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
    fn forget_drops_everything() {
        let mut engine = Engine::new(today());
        engine.load_file("prs.csv", PRS, &mut |_| {});
        let events = collect(|emit| engine.handle(Request::Forget, emit));
        assert!(last_snapshot(&events).files.is_empty());
        assert_eq!(engine.dataset(), &Dataset::default());
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
        let snapshot = engine.snapshot();
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
        let unknown = &snapshot.files[1];
        assert_eq!(unknown.kind, FileKind::Unknown);
        let suggestion = unknown.suggestion.as_ref().expect("an unknown file carries a suggested mapping");
        assert_eq!(suggestion.kind, FileKind::Roster);
        let mapping = UserMapping::from_suggestion(suggestion);

        let events = collect(|emit| engine.handle(Request::MapColumns { file: 1, mapping: mapping.clone(), remember: false }, emit));
        assert!(refusals(&events).is_empty(), "{events:?}");
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.files.len(), 3, "mapped in place, not added");
        assert_eq!((snapshot.files[1].kind, snapshot.files[1].kept), (FileKind::Roster, 2));
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
        assert_eq!(snapshot.files[0].kind, FileKind::Roster);
        assert_eq!(snapshot.mappings.len(), 1);
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
    fn the_stakeholder_grid_comes_named_and_pseudonymous() {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        let grids = engine.snapshot().stakeholders;
        assert!(!grids.named.points.is_empty());
        assert_eq!(grids.named.points.len(), grids.pseudonymous.points.len());
        for (named, hidden) in grids.named.points.iter().zip(&grids.pseudonymous.points) {
            assert_ne!(named.label, hidden.label);
            assert_eq!(named.current, hidden.current);
        }
        assert_eq!(grids.get(true), &grids.pseudonymous);
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
