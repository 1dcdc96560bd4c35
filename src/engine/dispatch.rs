//! How the page's messages change the engine, with one entry style: a
//! [`Request`] goes to [`Engine::handle`], a drop of files to a [`Batch`]
//! ([`Engine::batch`], one [`Batch::add_file`] per file, then
//! [`Batch::finish`]). Both end by returning the message's one
//! [`Snapshot`]; events before it (progress, refusals, per-file overviews)
//! go to `emit`.
//!
//! [`answer`] is the worker's whole job for one [`ToWorker`] message minus
//! the browser: it reads the drop's files, tags every event with the
//! message's id (and the file's position and the line parsing reached),
//! and posts the snapshot last. `ui::worker` only queues messages and
//! posts what this gives it; the native tests run it on bytes in memory.

use std::cell::RefCell;

use chrono::NaiveDate;

use super::protocol::{
    DroppedFile, FromWorker, HeldFile, Message, MessageId, NoPool, ParsePool, PoolNews, Reply, TestFault, ToWorker, STREAM_FROM_BYTES,
};
use super::{Engine, Event, Overview, Request, Snapshot, Stage};
use crate::dataset::batch::{BatchDecoder, BatchEncoder};
use crate::dataset::{Dataset, FileKind, FileReport};
use crate::findings::{self, Finding};
use crate::ingest::staging::{self, Parsed};
use crate::ingest::stream::Streamed;
use crate::ingest::{self, IngestError, UserMapping};
use crate::model::{self, TeamModel};
use crate::present::{self, PersonNames, Presenter};
use crate::review::{Review, ReviewFileError};

impl Engine {
    /// Carries out one request. A refusal is reported as
    /// [`Event::RequestFailed`] and changes nothing; either way the
    /// request's snapshot is returned.
    pub fn handle(&mut self, request: Request, emit: &mut dyn FnMut(Event)) -> Snapshot {
        // Said first, so the page shows a busy state with Cancel, and a
        // worker that dies on this request is known to have started it.
        emit(Event::Progress { file: String::new(), stage: Stage::Updating, done: 0, total: 0, line: None });
        let open = self.published_findings.take();
        if let Err(message) = self.apply(request, open, emit) {
            emit(Event::RequestFailed { message });
        }
        self.publish(None)
    }

    /// Starts a drop of files. Rebuilding the model and running every
    /// tripwire once per drop rather than once per file is what makes
    /// dropping a whole organisation's exports fast.
    pub fn batch(&mut self) -> Batch<'_> {
        self.published_findings = None;
        self.rows_changed();
        let rows_shown = rows_read(&self.dataset);
        Batch { engine: self, overview: None, names: PersonNames::default(), rows_shown }
    }

    /// `open`: the open findings of the last snapshot, when known.
    fn apply(&mut self, request: Request, open: Option<Vec<Finding>>, emit: &mut dyn FnMut(Event)) -> Result<(), String> {
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
                self.saved_review = None;
                for file in crate::demo::generate(crate::demo::DemoSize::Small, 7, self.today) {
                    self.ingest(&file.name, &file.bytes, emit);
                }
            }
            Request::LoadLargeDemo => self.load_large_demo(emit),
            Request::Forget => *self = Engine { presenter: self.presenter, as_of: self.as_of, ..Engine::new(self.today) },
            Request::SetPresenter { on } => self.presenter = if on { Presenter::On } else { Presenter::Off },
            Request::AcceptDeviation { key, reason, expires } => {
                let open = open.unwrap_or_else(|| self.evaluate(&self.index()));
                self.accept(&open, &key, &reason, expires)?
            }
            Request::SetModel { model } => {
                model.validate().map_err(|e| format!("the model was not used: {e}"))?;
                self.model = model;
            }
            Request::ImportModel { name, json } => {
                let model = TeamModel::from_json(&json)
                    .map_err(|e| format!("{name} was not loaded: {}. Your current model is unchanged.", e.message()))?;
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
                let cut = self.cut();
                let suggestions = model::suggest_norms(&self.index_of(&cut), &self.model, self.day());
                let suggestion = suggestions
                    .iter()
                    .find(|s| s.team == team && s.norm == norm)
                    .ok_or_else(|| format!("no suggestion for {norm} on {team}"))?;
                self.model.apply_suggestion(suggestion).map_err(|e| format!("{team}: {e}"))?;
            }
            Request::RevokeDeviation { key } => {
                let accepted = self.model.accepted.iter().map(|a| a.key.as_str());
                let real = present::real_key(self.pseudonyms().as_deref(), accepted, &key)
                    .ok_or_else(|| "That deviation is no longer accepted.".to_string())?
                    .to_string();
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
            Request::ChangeNorm { team, norm, value, reason } => {
                self.model.change_norm(&team, &norm, value, &reason, self.today).map_err(|e| format!("{team}: {e}"))?;
            }
            Request::SaveReview => {
                let open = open.unwrap_or_else(|| self.evaluate(&self.index()));
                let earlier = self.saved_review.as_ref().map(|(_, review)| review);
                let review = Review::of(&self.index(), &self.model, &open, self.day(), earlier);
                emit(Event::ReviewFile { name: review.file_name(), json: review.to_json() });
            }
            Request::ForgetReview => self.saved_review = None,
            Request::SetAsOf { day } => {
                if let Some(day) = day {
                    crate::views::over_time::check_day(day, self.today)?;
                }
                self.as_of = day;
            }
            Request::ConfirmIdentity { name, person } => self.confirm_identity(&name, &person)?,
            Request::ForgetIdentity { name } => self.forget_identity(&name)?,
        }
        Ok(())
    }

    /// The 200-team organisation (`DemoSize::Org200`), generated and read
    /// here like a drop of its files.
    fn load_large_demo(&mut self, emit: &mut dyn FnMut(Event)) {
        emit(Event::Progress { file: LARGE_DEMO.into(), stage: Stage::Generating, done: 0, total: 0, line: None });
        let files = crate::demo::generate(crate::demo::DemoSize::Org200, LARGE_DEMO_SEED, self.today);
        self.read_demo(files, LARGE_DEMO, emit);
    }

    /// Replaces the dataset with a demo organisation's `files`. Progress is
    /// one bar over all of them (the bytes read so far of every file), and
    /// each file is dropped once read, so its bytes and rows are not both
    /// held for the whole organisation.
    fn read_demo(&mut self, files: Vec<crate::demo::DemoFile>, what: &str, emit: &mut dyn FnMut(Event)) {
        // A different organisation: the old model's teams and accepted
        // deviations would not describe it.
        self.demo = true;
        self.dataset = Dataset::default();
        self.model = TeamModel::default();
        self.model_notes.clear();
        self.unknown_files.clear();
        let total: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
        let kinds: Vec<_> = files.iter().map(|f| ingest::kind_of_head(ingest::head_of(&f.bytes), &self.options)).collect();
        let mut files: Vec<_> = files.into_iter().map(Some).collect();
        let mut before = 0u64;
        for file in reading_order(&kinds).into_iter().filter_map(|index| files[index].take()) {
            let label = format!("{} ({what})", file.name);
            self.ingest(&file.name, &file.bytes, &mut |event| match event {
                Event::Progress { stage: Stage::Parsing, done, .. } => {
                    emit(Event::Progress { file: label.clone(), stage: Stage::Parsing, done: before + done, total, line: None })
                }
                other => emit(other),
            });
            before += file.bytes.len() as u64;
        }
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
        self.rows_changed();
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
                emit(Event::Progress { file: path.clone(), stage: Stage::Parsing, done, total, line: None });
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

    /// Reads one file into the dataset. A refused file is reported and
    /// changes nothing.
    fn ingest(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        self.rows_changed();
        let loaded = ingest::ingest_file(&mut self.dataset, name, bytes, &self.options, &mut parsing_progress(name, emit));
        match loaded {
            // A file loaded with a guessed mapping keeps its bytes too, so
            // the user can still change the mapping.
            Ok(index) if self.dataset.files[index].kind == FileKind::Unknown || self.dataset.files[index].suggestion.is_some() => {
                self.unknown_files.insert(index, bytes.to_vec());
            }
            Ok(_) => {}
            Err(error) => emit(Event::FileRefused { error }),
        }
    }

    /// Takes a dropped saved review as the one to compare with, replacing
    /// any earlier one; a file that is not a readable review is refused by
    /// name, line and column, and the review compared with stays.
    fn take_review(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        emit(Event::Progress { file: name.to_string(), stage: Stage::Parsing, done: bytes.len() as u64, total: bytes.len() as u64, line: None });
        let read = std::str::from_utf8(bytes)
            .map_err(|e| ReviewFileError { line: 0, column: 0, message: format!("not UTF-8 text (byte {})", e.valid_up_to()) })
            .and_then(Review::from_json);
        match read {
            Ok(review) => self.saved_review = Some((name.to_string(), review)),
            Err(e) => emit(Event::FileRefused {
                error: IngestError {
                    path: name.to_string(),
                    line: e.line,
                    column: e.column,
                    message: format!("this saved review was not loaded: {}", e.message),
                },
            }),
        }
    }

    /// How the page shows a real name: its pseudonym in presenter mode.
    fn shown_as(&self) -> impl Fn(&str) -> String {
        let pseudonyms = self.pseudonyms();
        move |real: &str| pseudonyms.as_ref().map_or_else(|| real.trim().to_string(), |p| p.pseudonym(real))
    }

    /// `name` and `person` as the page shows them.
    fn confirm_identity(&mut self, name: &str, shown_person: &str) -> Result<(), String> {
        let shown_as = self.shown_as();
        let index = self.index();
        let seen = index.unmatched_identities().into_iter().find(|u| shown_as(u.name) == name.trim()).map(|u| u.name.to_string());
        let seen = seen.ok_or_else(|| format!("{name} is no longer an unmatched name in the loaded files."))?;
        let person = index.people().find(|p| shown_as(&p.name) == shown_person.trim()).map(|p| p.name.trim().to_string());
        let person = person.ok_or_else(|| format!("{shown_person} is not on the roster."))?;
        drop(index);
        self.model.identities.insert(seen, person);
        Ok(())
    }

    fn forget_identity(&mut self, name: &str) -> Result<(), String> {
        let shown_as = self.shown_as();
        let before = self.model.identities.len();
        self.model.identities.retain(|seen, _| shown_as(seen) != name.trim());
        if self.model.identities.len() == before {
            return Err(format!("{name} is not a confirmed match."));
        }
        Ok(())
    }

    /// `open`: the findings open right now.
    fn accept(&mut self, open: &[Finding], key: &str, reason: &str, expires: NaiveDate) -> Result<(), String> {
        // The page knows findings by their shown key, pseudonymised in
        // presenter mode.
        let pseudonyms = self.pseudonyms();
        let real = present::real_key(pseudonyms.as_deref(), open.iter().map(|f| f.key.as_str()), key);
        let deviation = match open.iter().find(|f| Some(f.key.as_str()) == real) {
            Some(finding) => Some(finding.accepted(reason, expires, self.day())),
            // Else a systemic pattern over the open findings, by its key.
            None => {
                let patterns = findings::systemic::systemic_findings(&self.index(), open);
                let real = present::real_key(pseudonyms.as_deref(), patterns.iter().map(|s| s.key.as_str()), key);
                patterns.iter().find(|s| Some(s.key.as_str()) == real).map(|s| s.accepted(reason, expires, self.day()))
            }
        };
        let deviation =
            deviation.ok_or_else(|| "That finding is no longer open (it may already be accepted, or the data changed).".to_string())?;
        self.model.accept(deviation).map_err(|why| format!("Not accepted: {why}."))
    }

    /// Ends a message: the model takes in newly loaded teams, every
    /// tripwire runs once, and the snapshot is built. `overview`: the one
    /// just posted for the same dataset, if any.
    fn publish(&mut self, overview: Option<Overview>) -> Snapshot {
        // Adds newly loaded teams; the user's settings and accepted
        // deviations stay.
        let notes = self.model.add_dataset_teams(&self.dataset);
        self.model_notes.extend(notes);
        let cut = self.cut();
        let index = self.index_of(&cut).match_every_pr();
        let report = self.evaluate_all(&index);
        let snapshot = self.snapshot_of(&index, &report.findings, &report.not_enough_data, overview);
        self.published_findings = Some(report.findings);
        snapshot
    }
}

/// What the large demo's progress calls it.
const LARGE_DEMO: &str = "the 200-team demo organization";
/// The large demo's seed: the benchmarks' (`make bench` writes org2k with 42).
const LARGE_DEMO_SEED: u64 = 42;

/// Progress is reported at most this often, so messages never flood the page.
pub const PROGRESS_STEP_BYTES: u64 = 1 << 20;

/// A parser's progress as [`Stage::Parsing`] events for file `name`,
/// with the line reached when the parser knows it, at most one per
/// [`PROGRESS_STEP_BYTES`] and always the last.
pub fn parsing_progress<'a>(name: &'a str, emit: &'a mut dyn FnMut(Event)) -> impl ingest::Progress + 'a {
    struct Parsing<'a> {
        name: &'a str,
        emit: &'a mut dyn FnMut(Event),
        last_reported: u64,
    }
    impl ingest::Progress for Parsing<'_> {
        fn reached(&mut self, done: u64, total: u64) {
            self.report(done, total, None);
        }
        fn reached_line(&mut self, done: u64, total: u64, line: u32) {
            self.report(done, total, Some(line));
        }
    }
    impl Parsing<'_> {
        fn report(&mut self, done: u64, total: u64, line: Option<u32>) {
            if done == total || done >= self.last_reported + PROGRESS_STEP_BYTES {
                self.last_reported = done;
                (self.emit)(Event::Progress { file: self.name.to_string(), stage: Stage::Parsing, done, total, line });
            }
        }
    }
    Parsing { name, emit, last_reported: 0 }
}

/// One drop of files being added. Dropping it without [`Batch::finish`]
/// would leave the page waiting for the drop's snapshot.
#[must_use = "a drop ends with `finish`, which returns its one snapshot"]
pub struct Batch<'e> {
    engine: &'e mut Engine,
    /// The overview after the last file, with real names: the snapshot
    /// reuses it rather than counting a whole organisation again.
    overview: Option<Overview>,
    /// The people named so far, for the overviews in presenter mode.
    names: PersonNames,
    /// The rows the last overview counted ([`rows_read`]).
    rows_shown: u64,
}

/// An overview is posted once the files since the last one added at least
/// this share of the rows read: it counts every row of the organisation
/// (about 100 ms natively at 2,000 people), so after each of a drop's
/// dozen small files it cost more than reading them. Those wait for the
/// next large file, or the drop's snapshot, a moment later.
const OVERVIEW_AFTER_SHARE: f64 = 0.1;

/// The rows the dataset's files brought in.
fn rows_read(dataset: &Dataset) -> u64 {
    dataset.files.iter().map(|file| file.kept).sum()
}

impl Batch<'_> {
    /// Adds one file; a refused file is reported and changes nothing. A
    /// file that brings a tenth of the rows or more is followed by an
    /// [`Event::Overview`], so the page shows what is in long before the
    /// drop's snapshot.
    pub fn add_file(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        if ingest::is_review_file(bytes) {
            self.engine.take_review(name, bytes, emit);
        } else {
            self.engine.ingest(name, bytes, emit);
        }
        self.show(emit);
    }

    /// Adds a file read away from the engine (`staging::parse_alone`, in
    /// a parser worker or ahead of its turn): its rows join as the next
    /// file, or its refusal is reported and changes nothing. Then the same
    /// overview as [`Batch::add_file`].
    pub fn add_parsed(&mut self, parsed: Result<(Dataset, FileReport), IngestError>, emit: &mut dyn FnMut(Event)) {
        match parsed {
            Ok((rows, report)) => {
                self.engine.rows_changed();
                staging::append_batch(&mut self.engine.dataset, rows, report)
            }
            Err(error) => emit(Event::FileRefused { error }),
        }
        self.show(emit);
    }

    /// The overview after a file, so the page shows what is in, when the
    /// files since the last one brought [`OVERVIEW_AFTER_SHARE`] of the
    /// rows (the first file always does).
    fn show(&mut self, emit: &mut dyn FnMut(Event)) {
        let engine = &self.engine;
        let rows = rows_read(&engine.dataset);
        if ((rows - self.rows_shown.min(rows)) as f64) < OVERVIEW_AFTER_SHARE * rows as f64 {
            // The snapshot counts afresh rather than reuse a stale one.
            self.overview = None;
            return;
        }
        self.rows_shown = rows;
        let overview = present::overview(&engine.dataset, &engine.bots(), engine.day());
        let shown = present::presented_overview(overview.clone(), &engine.dataset, engine.presenter, &mut self.names);
        emit(Event::Overview { overview: Box::new(shown) });
        self.overview = Some(overview);
    }

    /// Ends the drop with its one snapshot.
    pub fn finish(self, emit: &mut dyn FnMut(Event)) -> Snapshot {
        emit(Event::Progress { file: String::new(), stage: Stage::Checking, done: 0, total: 0, line: None });
        self.engine.publish(self.overview)
    }
}

/// Runs one message from the page on the engine and posts its replies,
/// the snapshot last. `files` are the drop's files (empty for a request).
pub async fn answer<F: DroppedFile>(engine: &mut Engine, message: ToWorker, files: Vec<F>, post: &mut dyn FnMut(FromWorker)) {
    answer_with_pool(engine, message, files, &mut NoPool, post).await
}

/// [`answer`], reading a drop of two files or more in parallel on `pool`
/// as well as in the engine (see [`read_in_parallel`]); the replies and
/// the end state are those of reading the files in turn.
pub async fn answer_with_pool<F: DroppedFile, P: ParsePool<F>>(
    engine: &mut Engine,
    message: ToWorker,
    files: Vec<F>,
    pool: &mut P,
    post: &mut dyn FnMut(FromWorker),
) {
    let mut out = Outbox { to: message.id, file: None, fault: message.test_fault, post };
    let snapshot = match message.message {
        Message::Request(request) => engine.handle(request, &mut |event| out.send(event)),
        Message::Files { .. } => {
            let mut batch = engine.batch();
            read_files(&mut batch, &files, pool, &mut out).await;
            out.file = None;
            batch.finish(&mut |event| out.send(event))
        }
    };
    out.send(Event::Snapshot { snapshot: Box::new(snapshot) });
}

/// Where a drop's files join: the engine's [`Batch`], or the in-browser
/// bench's bare dataset (`ui::bench`), so the bench reads a drop exactly
/// as the app does.
pub trait DropInto {
    /// How files are read (the user's mappings).
    fn options(&self) -> &ingest::IngestOptions;
    /// A file read in the engine worker: its bytes.
    fn add_file(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event));
    /// A file read alone (`staging::parse_alone`), or its refusal.
    fn add_parsed(&mut self, parsed: Result<(Dataset, FileReport), IngestError>, emit: &mut dyn FnMut(Event));
}

impl DropInto for Batch<'_> {
    fn options(&self) -> &ingest::IngestOptions {
        &self.engine.options
    }

    fn add_file(&mut self, name: &str, bytes: &[u8], emit: &mut dyn FnMut(Event)) {
        Batch::add_file(self, name, bytes, emit)
    }

    fn add_parsed(&mut self, parsed: Result<(Dataset, FileReport), IngestError>, emit: &mut dyn FnMut(Event)) {
        Batch::add_parsed(self, parsed, emit)
    }
}

/// Reads a drop's files into `into`: in the engine worker one after
/// another, or for two files or more in parallel on `pool` as well (see
/// [`read_in_parallel`]); either way they join in [`reading_order`].
async fn read_files<F: DroppedFile, P: ParsePool<F>, D: DropInto>(into: &mut D, files: &[F], pool: &mut P, out: &mut Outbox<'_>) {
    let (order, kinds) = drop_reading_order(files, into.options()).await;
    if files.len() >= 2 && pool.workers() > 0 {
        read_in_parallel(into, files, &order, &kinds, pool, out).await;
    } else {
        for index in order {
            let file = &files[index];
            if file.size() >= STREAM_FROM_BYTES {
                out.file = Some(index);
                let name = file.name();
                out.send(Event::Progress { file: name.clone(), stage: Stage::Reading, done: 0, total: file.size(), line: None });
                let held = file.hold().await.map_err(|message| IngestError::whole_file(&name, message));
                add_held(into, &name, file.size(), held, out);
            } else {
                let read = read_here(index, file, out).await;
                add_read(into, &file.name(), read, out);
            }
        }
    }
}

/// The kinds whose rows the page's first chart is drawn from: merged pull
/// requests per week, on the Load page.
const FIRST_CHART_KINDS: [FileKind; 2] = [FileKind::GithubPrs, FileKind::GitlabMrs];

/// The order a drop's files are read and join the dataset in, from the
/// kind each file's first bytes say it is (`None`: they do not say): the
/// files the first chart is drawn from first, the rest in drop order. At
/// 2,000 people a work-item export dropped before the pull requests (as
/// `jira.csv` comes before `pull_requests.csv`) kept the first chart off
/// the screen for a second. Files of one kind keep their drop order, so
/// each kind's rows, and the findings, are those of the drop order; only
/// the files' own list (and the position it gives each) follows this.
pub fn reading_order(kinds: &[Option<FileKind>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..kinds.len()).collect();
    order.sort_by_key(|&index| !kinds[index].is_some_and(|kind| FIRST_CHART_KINDS.contains(&kind)));
    order
}

/// [`reading_order`] for a drop, from each file's first bytes, and the
/// kind each says; a file that cannot be read keeps its place (reading it
/// whole says why).
async fn drop_reading_order<F: DroppedFile>(files: &[F], options: &ingest::IngestOptions) -> (Vec<usize>, Vec<Option<FileKind>>) {
    let mut kinds = Vec::with_capacity(files.len());
    for file in files {
        let head = if files.len() >= 2 { file.read_head(ingest::HEAD_BYTES).await.ok() } else { None };
        kinds.push(head.and_then(|head| ingest::kind_of_head(&head, options)));
    }
    (reading_order(&kinds), kinds)
}

/// [`read_files`] with nobody told: the in-browser bench's pipeline.
pub async fn read_drop_quietly<F: DroppedFile, P: ParsePool<F>, D: DropInto>(into: &mut D, files: &[F], pool: &mut P) {
    let mut out = Outbox { to: MessageId(0), file: None, fault: None, post: &mut |_| {} };
    read_files(into, files, pool, &mut out).await
}

/// A file of `size` bytes held outside wasm memory joins `into` as a file
/// of a drop read in turn does (a big one through [`add_held`], a small
/// one whole), with nobody told: the in-browser bench's ingest.
pub fn add_held_quietly<D: DropInto, H: HeldFile>(into: &mut D, name: &str, size: u64, held: H) {
    let mut out = Outbox { to: MessageId(0), file: None, fault: None, post: &mut |_| {} };
    if size >= STREAM_FROM_BYTES {
        add_held(into, name, size, Ok(held), &mut out);
    } else {
        add_read(into, name, held_whole(&held, name, size), &mut out);
    }
}

/// Reads file `index` of the drop in the engine worker, telling the page.
async fn read_here<F: DroppedFile>(index: usize, file: &F, out: &mut Outbox<'_>) -> Result<Vec<u8>, IngestError> {
    out.file = Some(index);
    let name = file.name();
    // Said before reading: if the worker dies on this file, the page knows
    // which one it was.
    out.send(Event::Progress { file: name.clone(), stage: Stage::Reading, done: 0, total: file.size(), line: None });
    file.read(&mut |done, total| out.send(Event::Progress { file: name.clone(), stage: Stage::Reading, done, total, line: None }))
        .await
        .map_err(|message| IngestError::whole_file(&name, message))
}

/// Adds a big file held outside wasm memory ([`DroppedFile::hold`]) to
/// the drop, copying it in a piece at a time as it is read
/// (`ingest::stream`), or whole when it is not a file to stream (or
/// reports why it could not be read); parsing progress carries the line
/// reached. The rows join as [`add_read`]'s would.
fn add_held<D: DropInto, H: HeldFile>(into: &mut D, name: &str, size: u64, held: Result<H, IngestError>, out: &mut Outbox<'_>) {
    let held = match held {
        Ok(held) => held,
        Err(error) => return into.add_parsed(Err(error), &mut |event| out.send(event)),
    };
    out.send(Event::Progress { file: name.to_string(), stage: Stage::Reading, done: size, total: size, line: None });
    let options = into.options().clone();
    let streamed = {
        let mut emit = |event: Event| out.send(event);
        let mut read = |offset: u64, len: usize, bytes: &mut Vec<u8>| held.read_at(offset, len, bytes);
        let mut progress = parsing_progress(name, &mut emit);
        let source = ingest::stream::StreamSource { path: name, size, piece_bytes: ingest::stream::PIECE_BYTES, read: &mut read };
        ingest::stream::read_streamed_whole(source, &options, &mut progress)
    };
    match streamed {
        Ok(Some(parsed)) => into.add_parsed(Ok(parsed), &mut |event| out.send(event)),
        Err(error) => into.add_parsed(Err(error), &mut |event| out.send(event)),
        Ok(None) => add_read(into, name, held_whole(&held, name, size), out),
    }
}

/// The bytes of a held file, copied in at once.
fn held_whole(held: &dyn HeldFile, name: &str, size: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    held.read_at(0, size as usize, &mut bytes)
        .map(|()| bytes)
        .map_err(|message| IngestError::whole_file(name, message))
}

/// Adds a file read in the engine worker to the drop (or reports why it
/// could not be read); parsing progress carries the line reached.
fn add_read<D: DropInto>(batch: &mut D, name: &str, read: Result<Vec<u8>, IngestError>, out: &mut Outbox<'_>) {
    match read {
        Ok(bytes) => batch.add_file(name, &bytes, &mut |event| out.send(event)),
        Err(error) => batch.add_parsed(Err(error), &mut |event| out.send(event)),
    }
}

/// A file of a parallel drop, read and waiting for its turn to join.
#[allow(clippy::large_enum_variant)] // a few per drop, each moved once
enum Waiting {
    /// Read by `staging::parse_alone` in the engine worker, or streamed by
    /// a parser worker.
    Parsed(Parsed),
    /// Its bytes, for the engine to read in turn: `parse_alone` left it to
    /// the engine (a review, or a file whose bytes the engine keeps).
    Bytes(Vec<u8>),
    /// Not read: the browser could not read it, or its parser worker died.
    Refused(IngestError),
}

/// A file a parser worker is streaming: its rows so far.
#[derive(Default)]
struct Absorbing {
    decoder: BatchDecoder,
    rows: Dataset,
    /// Why a batch could not be read: the file is refused once its parser
    /// is done.
    broken: Option<String>,
}

impl Absorbing {
    /// Adds the next batch of a file of `size` bytes, whose parser had
    /// reached byte `reached` of its text.
    fn absorb(&mut self, batch: &[u8], reached: u64, size: u64, limits: &ingest::Limits) {
        if self.broken.is_some() {
            return;
        }
        let first = self.rows.work_items.is_empty() && self.rows.pull_requests.is_empty() && self.rows.reviews.is_empty();
        match self.decoder.decode(batch, &mut self.rows) {
            Ok(()) if first => ingest::stream::reserve_for_the_rest(&mut self.rows, reached, size, limits),
            Ok(()) => {}
            Err(why) => self.broken = Some(why),
        }
    }
}

/// Reads a drop on the pool's parser workers and in the engine worker at
/// once. The parsers stream the big files of the kinds that come by the
/// hundred thousand (work items, pull requests, reviews), largest first,
/// and the engine worker absorbs their batches as they come, reading the
/// other files itself in between: absorbing a batch costs a small part of
/// reading its megabyte, so on two cores the parsers keep both busy.
/// Every file joins the dataset in `order` ([`reading_order`]), whatever
/// order they finish in, so file indexes, citations, overviews and the
/// snapshot are those of reading the files in turn. The parsers' progress
/// is forwarded as it comes; a parser that dies has its file refused by
/// name.
async fn read_in_parallel<F: DroppedFile, P: ParsePool<F>, D: DropInto>(
    batch: &mut D,
    files: &[F],
    order: &[usize],
    kinds: &[Option<FileKind>],
    pool: &mut P,
    out: &mut Outbox<'_>,
) {
    let options = batch.options().clone();
    let streams = |index: &usize| {
        kinds[*index].is_some_and(ingest::comes_in_bulk) && files[*index].size() >= pool.smallest_file()
    };
    let mut to_pool: Vec<usize> = order.iter().copied().filter(streams).collect();
    to_pool.sort_by_key(|&index| std::cmp::Reverse(files[index].size()));
    let mut to_pool = std::collections::VecDeque::from(to_pool);
    let mut here: std::collections::VecDeque<usize> = order.iter().copied().filter(|index| !streams(index)).collect();
    let mut absorbing: std::collections::BTreeMap<usize, Absorbing> = std::collections::BTreeMap::new();
    let mut waiting = std::collections::BTreeMap::new();
    let (mut joined, mut on_pool) = (0, 0);
    while joined < files.len() {
        while on_pool < pool.workers() {
            let Some(index) = to_pool.pop_front() else { break };
            out.file = Some(index);
            out.send(Event::Progress { file: files[index].name(), stage: Stage::Reading, done: 0, total: files[index].size(), line: None });
            pool.start(index, &files[index], &options);
            absorbing.insert(index, Absorbing::default());
            on_pool += 1;
        }
        while let Some(file) = order.get(joined).and_then(|index| waiting.remove(index)) {
            let index = order[joined];
            join(batch, index, &files[index], file, out).await;
            joined += 1;
        }
        if joined == files.len() {
            break;
        }
        // The engine worker's own share, one file between two looks at
        // the pool's news.
        let here_next = here.pop_front();
        if let Some(index) = here_next {
            let file = match read_here(index, &files[index], out).await {
                Ok(bytes) => {
                    let name = files[index].name();
                    let parsed = {
                        let mut emit = |event: Event| out.send(event);
                        let parsed = staging::parse_alone(&name, &bytes, &options, &mut parsing_progress(&name, &mut emit));
                        parsed
                    };
                    match parsed {
                        Parsed::NeedsEngine => Waiting::Bytes(bytes),
                        parsed => Waiting::Parsed(parsed),
                    }
                }
                Err(error) => Waiting::Refused(error),
            };
            waiting.insert(index, file);
        } else if on_pool == 0 {
            // Cannot happen: a file not joined is waiting, queued or on the
            // pool. Said rather than waited on for ever.
            for &index in &order[joined..] {
                let error = IngestError::whole_file(files[index].name(), "this file was lost on the way; drop it again");
                waiting.entry(index).or_insert(Waiting::Refused(error));
            }
            continue;
        }
        for news in pool.news(here_next.is_none()).await {
            match news {
                PoolNews::Progress { index, stage, done, total } => {
                    out.file = Some(index);
                    out.send(Event::Progress { file: files[index].name(), stage, done, total, line: None });
                }
                PoolNews::Rows { index, batch, reached } => {
                    if let Some(file) = absorbing.get_mut(&index) {
                        file.absorb(&batch, reached, files[index].size(), &options.limits);
                    }
                }
                PoolNews::Restart { index } => {
                    absorbing.insert(index, Absorbing::default());
                }
                PoolNews::Finished { index, outcome } => {
                    on_pool -= 1;
                    let Absorbing { rows, broken, .. } = absorbing.remove(&index).unwrap_or_default();
                    let path = files[index].name();
                    let stopped = |why: String| {
                        Waiting::Refused(IngestError::whole_file(
                            &path,
                            format!("the worker reading this file stopped ({why}); nothing of it was loaded"),
                        ))
                    };
                    let file = match (outcome, broken) {
                        (Err(why), _) => stopped(why),
                        (Ok(Streamed::Loaded(_)), Some(why)) => stopped(format!("an unreadable batch: {why}")),
                        (Ok(Streamed::Loaded(report)), None) => Waiting::Parsed(Parsed::Loaded { rows, report }),
                        (Ok(Streamed::Refused(error)), _) => Waiting::Refused(error),
                        // The engine reads it whole in its turn.
                        (Ok(Streamed::NeedsEngine), _) => Waiting::Parsed(Parsed::NeedsEngine),
                    };
                    waiting.insert(index, file);
                }
            }
        }
    }
}

/// What a parser worker says while it streams a file.
pub enum ParserSays {
    Progress { stage: Stage, done: u64, total: u64 },
    /// The next batch (`dataset::batch`), ending at byte `reached` of the
    /// file's text.
    Rows { batch: Vec<u8>, reached: u64 },
    /// See [`PoolNews::Restart`].
    Restart,
}

/// Hands a streamed file's rows on as batches.
struct Batches<'s, 'f> {
    encoder: BatchEncoder,
    says: &'s RefCell<&'f mut dyn FnMut(ParserSays)>,
}

impl ingest::RowSink for Batches<'_, '_> {
    fn take(&mut self, staged: &mut Dataset, reached: u64) {
        if staged.work_items.is_empty() && staged.pull_requests.is_empty() && staged.reviews.is_empty() {
            return;
        }
        let batch = self.encoder.encode(staged);
        (self.says.borrow_mut())(ParserSays::Rows { batch, reached });
    }

    fn restart(&mut self) {
        self.encoder = BatchEncoder::new();
        (self.says.borrow_mut())(ParserSays::Restart);
    }
}

/// A parser worker's whole job for one file: streams it
/// (`ingest::stream`), saying its progress and its batches of rows as
/// they come, and returns how it ended.
pub fn stream_in_pool<F: DroppedFile>(file: &F, options: &ingest::IngestOptions, says: &mut dyn FnMut(ParserSays)) -> Streamed {
    let name = file.name();
    let says = RefCell::new(says);
    let mut emit = |event| {
        if let Event::Progress { stage, done, total, .. } = event {
            (says.borrow_mut())(ParserSays::Progress { stage, done, total });
        }
    };
    let mut parsing = parsing_progress(&name, &mut emit);
    let mut sink = Batches { encoder: BatchEncoder::new(), says: &says };
    let mut read = |offset: u64, len: usize, into: &mut Vec<u8>| file.read_now(offset, len, into);
    let source = ingest::stream::StreamSource { path: &name, size: file.size(), piece_bytes: ingest::stream::PIECE_BYTES, read: &mut read };
    ingest::stream::read_streamed(source, options, &mut parsing, &mut sink)
}

/// File `index` joins the drop in its turn.
async fn join<F: DroppedFile, D: DropInto>(batch: &mut D, index: usize, file: &F, waiting: Waiting, out: &mut Outbox<'_>) {
    out.file = Some(index);
    let name = file.name();
    let mut emit = |event| out.send(event);
    match waiting {
        Waiting::Parsed(Parsed::Loaded { rows, report }) => batch.add_parsed(Ok((rows, report)), &mut emit),
        Waiting::Parsed(Parsed::Refused(error)) | Waiting::Refused(error) => batch.add_parsed(Err(error), &mut emit),
        Waiting::Bytes(bytes) => add_read(batch, &name, Ok(bytes), out),
        // Read on the pool, but the engine keeps its bytes: read it again here.
        Waiting::Parsed(Parsed::NeedsEngine) => {
            let read = read_here(index, file, out).await;
            add_read(batch, &name, read, out);
        }
    }
}

/// The worker's job once it has nothing left to answer: the open findings
/// per week of the engine's state after message `to`, posted as one
/// [`Event::FindingsOverTime`]. A week at a time, awaiting `pause` before
/// each (the worker yields to its event loop there, so new messages get
/// in), and stopping without posting as soon as `interrupted` says one
/// waits: that message's snapshot comes first, then its own history.
/// Returns whether the history was posted.
pub async fn stream_history<P: std::future::Future<Output = ()>>(
    engine: &Engine,
    to: MessageId,
    mut pause: impl FnMut() -> P,
    interrupted: &dyn Fn() -> bool,
    post: &mut dyn FnMut(FromWorker),
) -> bool {
    let mut history = engine.findings_over_time();
    loop {
        pause().await;
        if interrupted() {
            return false;
        }
        if !history.step() {
            break;
        }
    }
    let history = Box::new(engine.present_history(history.finish()));
    post(FromWorker::Reply(Reply { to, file: None, line: None, event: Event::FindingsOverTime { history } }));
    true
}

/// Tags events with the message they answer and posts them.
struct Outbox<'p> {
    to: super::protocol::MessageId,
    file: Option<usize>,
    fault: Option<TestFault>,
    post: &'p mut dyn FnMut(FromWorker),
}

impl Outbox<'_> {
    /// Posts `event`, with the line parsing reached when it is progress
    /// the parser says that of.
    fn send(&mut self, event: Event) {
        let line = match event {
            Event::Progress { line, .. } => line,
            _ => None,
        };
        // Once the page has been told which file (and line) or which
        // request the worker is on, a test's fault strikes: on a drop's
        // first file, whichever worker of a parse pool finishes first.
        let strike = self.fault.is_some()
            && self.file.unwrap_or(0) == 0
            && match event {
                Event::Progress { stage: Stage::Updating, .. } => true,
                Event::Progress { stage: Stage::Parsing, done, total, .. } => done == total,
                _ => false,
            };
        (self.post)(FromWorker::Reply(Reply { to: self.to, file: self.file, line, event }));
        if strike {
            if let Some(fault) = self.fault.take() {
                fault.strike();
            }
        }
    }
}

/// What the tests of the engine, the dispatch and the journal share: a
/// clock, small files, and the worker's job run at once on bytes in memory.
#[cfg(test)]
pub(crate) mod testing {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;

    pub const PRS: &[u8] = b"number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n\
        1,api,One,Ada,2026-11-02T10:00:00Z,2026-11-03T10:00:00Z,,merged,,Bob\n\
        2,api,Two,Bob,2026-11-09T10:00:00Z,,,open,Ada,\n";
    pub const TEAMS: &[u8] = b"team,flavor\nAtlas,infra\nBorealis,legacy\n";
    pub const ROSTER: &[u8] = b"person,team,role\nAda,Atlas,engineer\nBob,Atlas,engineer\n";

    pub fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// Carries out a request: its events, the snapshot last.
    pub fn ask(engine: &mut Engine, request: Request) -> Vec<Event> {
        let mut events = Vec::new();
        let snapshot = engine.handle(request, &mut |event| events.push(event));
        events.push(Event::Snapshot { snapshot: Box::new(snapshot) });
        events
    }

    /// Loads files as one drop: its events, the snapshot last.
    pub fn drop_files(engine: &mut Engine, files: &[(&str, &[u8])]) -> Vec<Event> {
        let mut events = Vec::new();
        let mut batch = engine.batch();
        for (name, bytes) in files {
            batch.add_file(name, bytes, &mut |event| events.push(event));
        }
        let snapshot = batch.finish(&mut |event| events.push(event));
        events.push(Event::Snapshot { snapshot: Box::new(snapshot) });
        events
    }

    pub fn load(engine: &mut Engine, name: &str, bytes: &[u8]) -> Vec<Event> {
        drop_files(engine, &[(name, bytes)])
    }

    pub fn last_snapshot(events: &[Event]) -> &Snapshot {
        match events.last() {
            Some(Event::Snapshot { snapshot }) => snapshot,
            other => panic!("expected a snapshot last, got {other:?}"),
        }
    }

    pub fn demo_engine() -> Engine {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        engine
    }

    /// A file in memory; `unreadable` files fail as a browser read can,
    /// and `claimed_size` stands in for a file too large to build.
    #[derive(Clone, Debug, PartialEq)]
    pub struct TestFile {
        pub name: String,
        pub bytes: Vec<u8>,
        pub unreadable: bool,
        pub claimed_size: Option<u64>,
        /// The most bytes asked at once of the file held
        /// ([`DroppedFile::hold`]), shared with every clone.
        pub largest_held_read: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl TestFile {
        pub fn new(name: &str, bytes: &[u8]) -> TestFile {
            TestFile { name: name.into(), bytes: bytes.to_vec(), unreadable: false, claimed_size: None, largest_held_read: Default::default() }
        }
    }

    /// A [`TestFile`] held.
    pub struct HeldTestFile {
        bytes: Vec<u8>,
        largest_read: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl DroppedFile for TestFile {
        fn name(&self) -> String {
            self.name.clone()
        }

        fn size(&self) -> u64 {
            self.claimed_size.unwrap_or(self.bytes.len() as u64)
        }

        async fn read(&self, on_progress: &mut dyn FnMut(u64, u64)) -> Result<Vec<u8>, String> {
            if self.unreadable {
                return Err("could not read the file: NotReadableError".into());
            }
            on_progress(self.size(), self.size());
            Ok(self.bytes.clone())
        }

        async fn read_head(&self, bytes: u64) -> Result<Vec<u8>, String> {
            if self.unreadable {
                return Err("could not read the file: NotReadableError".into());
            }
            Ok(self.bytes[..self.bytes.len().min(bytes as usize)].to_vec())
        }

        fn read_now(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
            if self.unreadable {
                return Err("could not read the file: NotReadableError".into());
            }
            self.bytes.read_at(offset, len, into)
        }

        type Held = HeldTestFile;

        async fn hold(&self) -> Result<HeldTestFile, String> {
            if self.unreadable {
                return Err("could not read the file: NotReadableError".into());
            }
            Ok(HeldTestFile { bytes: self.bytes.clone(), largest_read: self.largest_held_read.clone() })
        }
    }

    impl HeldFile for HeldTestFile {
        fn read_at(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
            self.largest_read.set(self.largest_read.get().max(len));
            self.bytes.read_at(offset, len, into)
        }
    }

    /// Polls a future that never waits (in-memory files) to its end.
    pub fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("in-memory files never wait"),
        }
    }

    /// A parse pool run in the test: a file is streamed (by the parser
    /// workers' own [`stream_in_pool`]) only when the engine asks for
    /// news, the most recently started first, one at a time, so files
    /// finish out of order and while the engine reads its own share. A
    /// file named in `dies_on` kills its worker after its first batch.
    /// Every file of a bulk kind goes to the pool, however small.
    pub struct TestPool {
        pub workers: usize,
        pub dies_on: Vec<String>,
        /// Batches of rows handed to the engine so far.
        pub batches: usize,
        started: Vec<(usize, TestFile, ingest::IngestOptions)>,
        /// News already made, handed out with the next.
        said: Vec<PoolNews>,
    }

    impl TestPool {
        pub fn new(workers: usize) -> TestPool {
            TestPool { workers, dies_on: Vec::new(), batches: 0, started: Vec::new(), said: Vec::new() }
        }
    }

    impl ParsePool<TestFile> for TestPool {
        fn workers(&self) -> usize {
            self.workers
        }

        fn smallest_file(&self) -> u64 {
            0
        }

        fn start(&mut self, index: usize, file: &TestFile, options: &ingest::IngestOptions) {
            assert!(self.started.len() < self.workers, "a file was given to a busy pool");
            self.started.push((index, file.clone(), options.clone()));
        }

        async fn news(&mut self, wait: bool) -> Vec<PoolNews> {
            if let Some((index, file, options)) = self.started.pop() {
                let dies = self.dies_on.contains(&file.name);
                let mut news = Vec::new();
                let streamed = stream_in_pool(&file, &options, &mut |says| {
                    news.push(match says {
                        ParserSays::Progress { stage, done, total } => PoolNews::Progress { index, stage, done, total },
                        ParserSays::Rows { batch, reached } => PoolNews::Rows { index, batch, reached },
                        ParserSays::Restart => PoolNews::Restart { index },
                    })
                });
                if dies {
                    let first_batch = news.iter().position(|n| matches!(n, PoolNews::Rows { .. })).map_or(0, |at| at + 1);
                    news.truncate(first_batch);
                    news.push(PoolNews::Finished { index, outcome: Err("RuntimeError: unreachable".into()) });
                } else {
                    news.push(PoolNews::Finished { index, outcome: Ok(streamed) });
                }
                self.batches += news.iter().filter(|n| matches!(n, PoolNews::Rows { .. })).count();
                self.said.extend(news);
            }
            assert!(!wait || !self.said.is_empty(), "the engine waits on an idle pool");
            std::mem::take(&mut self.said)
        }
    }

    /// The worker's job for one message with a parse pool, run at once.
    pub fn answer_on_pool(engine: &mut Engine, message: ToWorker, files: Vec<TestFile>, pool: &mut TestPool) -> Vec<FromWorker> {
        let mut posted = Vec::new();
        block_on(answer_with_pool(engine, message, files, pool, &mut |reply| posted.push(reply)));
        posted
    }

    /// The worker's job for one message, run at once.
    pub fn answer_now(engine: &mut Engine, message: ToWorker, files: Vec<TestFile>) -> Vec<FromWorker> {
        let mut posted = Vec::new();
        block_on(answer(engine, message, files, &mut |reply| posted.push(reply)));
        posted
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::engine::protocol::MessageId;
    use crate::findings;

    /// A roster whose headers no format knows.
    // `Teem` matches `team` only weakly, so the file waits for a mapping.
    const ODD_ROSTER: &[u8] = b"Full Name,Teem,Job Role\nCleo,Comet,engineer\nDev,Comet,engineer\n";

    fn refusals(events: &[Event]) -> Vec<&str> {
        events.iter().filter_map(|e| match e { Event::RequestFailed { message } => Some(message.as_str()), _ => None }).collect()
    }

    fn open_key(snapshot: &Snapshot, tripwire: &str) -> String {
        let shown = snapshot.analysis.findings.iter().find(|f| f.row.tripwire == tripwire);
        shown.unwrap_or_else(|| panic!("the demo fires {tripwire}")).key.clone()
    }

    fn engine_with_teams() -> Engine {
        let mut engine = Engine::new(today());
        load(&mut engine, "teams.csv", TEAMS);
        engine
    }

    fn replies(posted: &[FromWorker]) -> Vec<&Reply> {
        posted.iter().map(|p| match p { FromWorker::Reply(reply) => reply, other => panic!("{other:?}") }).collect()
    }

    #[test]
    fn a_demo_read_in_the_worker_is_one_progress_bar_and_loads_as_its_files_dropped() {
        let files = crate::demo::generate(crate::demo::DemoSize::Medium, 3, today());
        let total: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
        let mut dropped = Engine::new(today());
        let drop: Vec<TestFile> = files.iter().map(|f| TestFile::new(&f.name, &f.bytes)).collect();
        answer_now(&mut dropped, files_message(1, drop.len()), drop);

        let mut engine = Engine::new(today());
        load(&mut engine, "prs.csv", PRS);
        let mut events = Vec::new();
        engine.read_demo(files.clone(), "the demo", &mut |event| events.push(event));
        let snapshot = engine.publish(None);
        let bar: Vec<(u64, u64)> = events
            .iter()
            .filter_map(|e| match e { Event::Progress { stage: Stage::Parsing, done, total, .. } => Some((*done, *total)), _ => None })
            .collect();
        assert!(bar.len() >= files.len(), "{bar:?}");
        assert!(bar.iter().all(|&(_, t)| t == total), "one total over every file");
        assert!(bar.windows(2).all(|w| w[0].0 <= w[1].0), "never goes back: {bar:?}");
        assert_eq!(bar.last(), Some(&(total, total)));
        assert_eq!(engine.dataset(), dropped.dataset(), "the earlier file is replaced; the rest as if dropped");
        assert!(snapshot.demo);
        assert_eq!(snapshot.analysis.digest_groups.len(), 4, "Medium's teams in four groups");
        assert_eq!(snapshot.analysis.leadership_groups.len(), 4);
    }

    #[test]
    fn a_refused_file_changes_nothing_already_loaded() {
        let mut engine = Engine::new(today());
        load(&mut engine, "prs.csv", PRS);
        let before = engine.dataset().clone();
        for (name, bytes) in [("empty.csv", &b""[..]), ("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")] {
            let events = load(&mut engine, name, bytes);
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
        load(&mut one_by_one, "prs.csv", PRS);
        let expected = load(&mut one_by_one, "reviews.csv", REVIEWS);

        let mut batched = Engine::new(today());
        let events = drop_files(&mut batched, &[("prs.csv", PRS), ("empty.csv", b""), ("reviews.csv", REVIEWS)]);
        let snapshots = events.iter().filter(|e| matches!(e, Event::Snapshot { .. })).count();
        assert_eq!(snapshots, 1, "{events:?}");
        assert!(events.iter().any(|e| matches!(e, Event::FileRefused { error } if error.path == "empty.csv")));
        let json = |snapshot: &Snapshot| serde_json::to_string(snapshot).unwrap();
        assert_eq!(json(last_snapshot(&events)), json(last_snapshot(&expected)));
        assert_eq!(last_snapshot(&events).overview.files.len(), 2);
    }

    /// An overview counts the whole organisation: small files after a
    /// large one wait for the next large one, or the snapshot, which then
    /// counts every file rather than reuse the last overview.
    #[test]
    fn small_files_after_a_large_one_share_an_overview_and_the_snapshot_counts_them_all() {
        let mut prs = PRS.to_vec();
        for n in 3..60 {
            prs.extend_from_slice(format!("{n},api,Title {n},Bob,2026-11-02T10:00:00Z,2026-11-03T10:00:00Z,,merged,,\n").as_bytes());
        }
        let mut engine = Engine::new(today());
        let events = drop_files(&mut engine, &[("prs.csv", &prs), ("teams.csv", TEAMS), ("roster.csv", ROSTER), ("more_prs.csv", &prs)]);
        let overviews: Vec<&Overview> =
            events.iter().filter_map(|e| if let Event::Overview { overview } = e { Some(&**overview) } else { None }).collect();
        let files_shown: Vec<usize> = overviews.iter().map(|o| o.summary.files).collect();
        assert_eq!(files_shown, [1, 4], "teams and roster wait for the next large file");
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.overview, present::overview(engine.dataset(), &engine.bots(), engine.day()));

        let events = drop_files(&mut engine, &[("teams_again.csv", TEAMS)]);
        assert!(!events.iter().any(|e| matches!(e, Event::Overview { .. })), "a small drop onto a large dataset: only its snapshot");
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.overview.summary.files, 5, "the snapshot counts the file the overviews skipped");
        assert_eq!(snapshot.overview, present::overview(engine.dataset(), &engine.bots(), engine.day()));
    }

    #[test]
    fn a_batch_shows_each_file_before_the_tripwires_run() {
        let mut engine = Engine::new(today());
        let events = drop_files(&mut engine, &[("prs.csv", PRS), ("roster.csv", b"person,team,role\nAda,api,engineer\n")]);
        let overviews: Vec<&Overview> =
            events.iter().filter_map(|e| if let Event::Overview { overview } = e { Some(&**overview) } else { None }).collect();
        assert_eq!(overviews.len(), 2, "one overview per file that adds a tenth of the rows");
        assert_eq!(overviews[0].files.len(), 1);
        assert_eq!(overviews[0].merged_per_week.weeks.iter().map(|w| w.value).sum::<f64>(), 1.0, "the first chart, before the snapshot");
        assert_eq!(overviews[1].summary.files, 2);
        let checking = events.iter().position(|e| matches!(e, Event::Progress { stage: Stage::Checking, .. })).expect("the page is told");
        let second_overview = events.iter().rposition(|e| matches!(e, Event::Overview { .. })).unwrap();
        assert!(second_overview < checking && checking == events.len() - 2, "{events:?}");
        assert_eq!(&last_snapshot(&events).overview, overviews[1], "the snapshot ends with the same overview");
    }

    #[test]
    fn every_request_says_it_started_before_its_snapshot() {
        let mut engine = Engine::new(today());
        for request in [Request::SetToday { today: today() }, Request::LoadDemo, Request::ShowSuggestions { on: true }] {
            let events = ask(&mut engine, request.clone());
            assert!(matches!(events[0], Event::Progress { stage: Stage::Updating, .. }), "{request:?}: {:?}", events[0]);
            last_snapshot(&events);
        }
    }

    #[test]
    fn forget_drops_everything() {
        let mut engine = Engine::new(today());
        load(&mut engine, "prs.csv", PRS);
        let events = ask(&mut engine, Request::Forget);
        assert!(last_snapshot(&events).overview.files.is_empty());
        assert_eq!(engine.dataset(), &Dataset::default());
    }

    #[test]
    fn an_accepted_deviation_stops_firing_and_is_listed() {
        let mut engine = demo_engine();
        let key = open_key(&engine.snapshot(), "quiet_contributor");
        let expires = today() + chrono::Duration::days(30);
        let request = Request::AcceptDeviation { key: key.clone(), reason: "On parental leave".into(), expires };
        let events = ask(&mut engine, request);
        assert!(!events.iter().any(|e| matches!(e, Event::RequestFailed { .. })), "{events:?}");
        let snapshot = last_snapshot(&events);
        assert!(snapshot.analysis.findings.iter().all(|f| f.key != key));
        let accepted = &snapshot.analysis.accepted;
        assert_eq!(accepted.len(), 1);
        assert_eq!((accepted[0].key.as_str(), accepted[0].reason.as_str(), accepted[0].expires), (key.as_str(), "On parental leave", expires));
        assert_eq!(engine.model().accepted.len(), 1);

        // Loading another file keeps what the user accepted.
        load(&mut engine, "prs.csv", PRS);
        assert_eq!(engine.model().accepted.len(), 1);
        let events = ask(&mut engine, Request::Forget);
        assert!(last_snapshot(&events).analysis.accepted.is_empty());
    }

    #[test]
    fn accepting_a_deviation_runs_every_tripwire_once() {
        let mut engine = demo_engine();
        let key = open_key(&engine.snapshot(), "quiet_contributor");
        let before = engine.evaluations.get();
        engine.handle(Request::AcceptDeviation { key, reason: "On leave".into(), expires: today() }, &mut |_| {});
        assert_eq!(engine.model().accepted.len(), 1);
        assert_eq!(engine.evaluations.get() - before, 1, "one evaluation for the acceptance and its snapshot");
    }

    #[test]
    fn the_findings_an_acceptance_looks_in_are_the_open_ones_after_any_message() {
        let mut engine = demo_engine();
        load(&mut engine, "prs.csv", PRS);
        let fresh = findings::evaluate(engine.dataset(), engine.model(), engine.today);
        assert_eq!(engine.published_findings.as_ref(), Some(&fresh), "after a drop");
        for request in [Request::SetPresenter { on: true }, Request::SetToday { today: today() + chrono::Duration::days(40) }, Request::Forget] {
            engine.handle(request.clone(), &mut |_| {});
            let fresh = findings::evaluate(engine.dataset(), engine.model(), engine.today);
            assert_eq!(engine.published_findings.as_ref(), Some(&fresh), "after {request:?}");
        }
    }

    /// The Load page's overview, posted during a drop, is
    /// pseudonymised like the snapshot that ends the drop.
    #[test]
    fn the_overview_after_each_file_names_nobody_in_presenter_mode() {
        let mut engine = Engine::new(today());
        engine.handle(Request::SetPresenter { on: true }, &mut |_| {});
        let events = drop_files(&mut engine, &[("Ada-prs.csv", PRS)]);
        let posted: Vec<&Overview> = events.iter().filter_map(|e| if let Event::Overview { overview } = e { Some(&**overview) } else { None }).collect();
        assert_eq!(posted.len(), 1);
        assert!(posted[0].files[0].path.starts_with("Person "), "{}", posted[0].files[0].path);
        assert_eq!(posted[0], &last_snapshot(&events).overview);
    }

    /// A drop's overviews in presenter mode do not each walk every row of
    /// the organisation for its names: the drop builds a pseudonymiser
    /// over the whole dataset once, for its snapshot.
    #[test]
    fn a_presenter_drop_walks_the_dataset_for_names_once() {
        let mut engine = Engine::new(today());
        engine.handle(Request::SetPresenter { on: true }, &mut |_| {});
        drop_files(&mut engine, &[("roster.csv", ROSTER)]);
        let built = || crate::present::privacy::BUILT_FOR_DATASETS.with(|b| b.get());
        let before = built();
        let events = drop_files(&mut engine, &[("teams.csv", TEAMS), ("Ada-prs.csv", PRS), ("Bob-prs.csv", PRS)]);
        assert_eq!(built(), before + 1, "one walk, for the snapshot");
        let posted: Vec<&Overview> = events.iter().filter_map(|e| if let Event::Overview { overview } = e { Some(&**overview) } else { None }).collect();
        assert_eq!(posted.len(), 3);
        let paths: Vec<&str> = posted[2].files.iter().map(|f| f.path.as_str()).collect();
        assert!(paths[2].starts_with("Person ") && paths[3].starts_with("Person "), "{paths:?}");
        assert_eq!(posted[1].files[2], posted[2].files[2], "a name keeps its pseudonym from file to file");
        assert_eq!(posted[2], &last_snapshot(&events).overview);
    }

    #[test]
    fn a_finding_is_accepted_by_its_pseudonymised_key_in_presenter_mode() {
        let mut engine = demo_engine();
        let events = ask(&mut engine, Request::SetPresenter { on: true });
        let key = open_key(last_snapshot(&events), "quiet_contributor");
        assert!(key.contains("Person "), "{key}");
        let request = Request::AcceptDeviation { key: key.clone(), reason: "Workshop agreed".into(), expires: today() };
        let events = ask(&mut engine, request);
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
            let events = ask(&mut engine, Request::AcceptDeviation { key, reason: reason.into(), expires });
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
    fn flavors_and_contact_cadence_are_edited_by_request_and_bad_edits_change_nothing() {
        let mut engine = engine_with_teams();
        let mut ask = |request: Request| {
            let events = ask(&mut engine, request);
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
        let events = ask(&mut engine, Request::SetFlavor { team: "Atlas".into(), flavor: "greenfield".into() });
        assert!(refusals(&events).is_empty());
        engine.handle(Request::SetNorm { team: "Borealis".into(), norm: "wip_per_person".into(), value: Some(5) }, &mut |_| {});
        let events = load(&mut engine, "roster.csv", ODD_ROSTER);
        let model = &last_snapshot(&events).model;
        assert_eq!(model.flavor_of("Atlas"), "greenfield", "the user's flavor beats teams.csv after another load");
        assert_eq!(model.norms_for("Borealis").wip_per_person, 5);
        load(&mut engine, "roster2.csv", ROSTER);
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
            let events = ask(&mut engine, request.clone());
            assert_eq!(refusals(&events).len(), 1, "{request:?} → {events:?}");
            assert!(matches!(events.last(), Some(Event::Snapshot { .. })), "a refusal is still followed by a snapshot");
            assert_eq!(engine.model(), &before, "{request:?}");
        }
        let events = ask(&mut engine, Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(0) });
        assert!(refusals(&events)[0].contains("between 1 and 365"), "{events:?}");
    }

    #[test]
    fn a_bad_model_file_is_refused_by_name_and_the_model_stays() {
        let mut engine = engine_with_teams();
        engine.handle(Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(9) }, &mut |_| {});
        let exported = engine.model().to_json();
        let before = engine.model().clone();
        for json in ["{\"format\":", r#"{"teams":{}}"#, &exported.replace("\"quiet_days\": 9", "\"quiet_days\": 900")] {
            let events = ask(&mut engine, Request::ImportModel { name: "broken-model.json".into(), json: json.into() });
            let messages = refusals(&events);
            assert!(messages.len() == 1 && messages[0].starts_with("broken-model.json was not loaded: "), "{messages:?}");
            assert!(messages[0].contains("unchanged"));
            assert_eq!(last_snapshot(&events).model, before);
        }
        // The exported file imports back into a fresh engine as the same model.
        let mut fresh = Engine::new(today());
        let events = ask(&mut fresh, Request::ImportModel { name: "teamdiff-model.json".into(), json: exported });
        assert!(refusals(&events).is_empty());
        assert_eq!(last_snapshot(&events).model, before);
        let events = ask(&mut fresh, Request::SetModel { model: TeamModel::default() });
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
        let events = ask(&mut engine, Request::ApplySuggestion { team: suggestion.team.clone(), norm: suggestion.norm.clone() });
        assert!(refusals(&events).is_empty(), "{:?}", refusals(&events));
        let model = &last_snapshot(&events).model;
        let settings = &model.teams[&suggestion.team];
        assert_eq!(settings.overrides.scalar(&suggestion.norm), suggestion.suggested);
    }

    #[test]
    fn an_accepted_deviation_can_be_revoked_and_fires_again() {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        let finding = findings::evaluate(engine.dataset(), engine.model(), today())[0].clone();
        engine.model.accept(finding.accepted("on leave", today(), today())).unwrap();
        engine.handle(Request::SetToday { today: today() }, &mut |_| {});
        assert!(engine.snapshot().analysis.findings.iter().all(|f| f.key != finding.key));
        let events = ask(&mut engine, Request::RevokeDeviation { key: finding.key.clone() });
        let snapshot = last_snapshot(&events);
        assert!(snapshot.model.accepted.is_empty());
        assert!(snapshot.analysis.findings.iter().any(|f| f.key == finding.key));
    }

    #[test]
    fn an_unknown_file_is_mapped_in_place_and_remembered_on_request() {
        let mut engine = engine_with_teams();
        load(&mut engine, "people.csv", ODD_ROSTER);
        load(&mut engine, "roster.csv", ROSTER);
        let snapshot = engine.snapshot();
        let unknown = &snapshot.overview.files[1];
        assert_eq!(unknown.kind, FileKind::Unknown);
        let suggestion = unknown.suggestion.as_ref().expect("an unknown file carries a suggested mapping");
        assert_eq!(suggestion.kind, FileKind::Roster);
        let mapping = UserMapping::from_suggestion(suggestion);

        let events = ask(&mut engine, Request::MapColumns { file: 1, mapping: mapping.clone(), remember: false });
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
        let events = ask(&mut engine, Request::MapColumns { file: 1, mapping: mapping.clone(), remember: true });
        assert!(refusals(&events)[0].contains("people.csv"), "{events:?}");

        // Remembered: the next file with these headers is read with it at once.
        let mut engine = Engine::new(today());
        engine.handle(Request::SetMappings { mappings: vec![mapping] }, &mut |_| {});
        let events = load(&mut engine, "people.csv", ODD_ROSTER);
        let snapshot = last_snapshot(&events);
        assert_eq!(snapshot.overview.files[0].kind, FileKind::Roster);
        assert_eq!(snapshot.mappings.len(), 1);

        // Forgotten: the same headers go through the mapping step again.
        let signature = snapshot.mappings[0].signature.clone();
        let events = ask(&mut engine, Request::ForgetMapping { signature });
        assert!(last_snapshot(&events).mappings.is_empty());
        let events = load(&mut engine, "people-again.csv", ODD_ROSTER);
        assert_eq!(last_snapshot(&events).overview.files[1].kind, FileKind::Unknown);
    }

    #[test]
    fn bots_in_gh_json_and_on_the_models_list_are_not_people() {
        // `is_bot` and REST's `type: "Bot"` mark a bot whose login does not
        // say so; `abbot` and `Robert` are people.
        let prs = br#"[
  {"number": 1, "author": {"login": "dependabot", "is_bot": true}, "createdAt": "2025-11-03T09:00:00Z",
   "reviews": [{"author": {"login": "ci-checker", "is_bot": true}, "state": "APPROVED", "submittedAt": "2025-11-03T09:05:00Z"}]},
  {"number": 2, "author": {"login": "app/renovate", "is_bot": true}, "createdAt": "2025-11-03T09:00:00Z"},
  {"number": 3, "author": {"login": "lint-bot", "type": "Bot"}, "createdAt": "2025-11-03T09:00:00Z"},
  {"number": 4, "author": {"login": "release-train", "is_bot": false}, "createdAt": "2025-11-03T09:00:00Z"},
  {"number": 5, "author": {"login": "abbot", "is_bot": false}, "createdAt": "2025-11-03T09:00:00Z",
   "reviews": [{"author": {"login": "Robert"}, "state": "APPROVED", "submittedAt": "2025-11-03T10:00:00Z"}]}
]"#;
        let mut engine = Engine::new(today());
        let summary = last_snapshot(&load(&mut engine, "prs.json", prs)).overview.summary.clone();
        let authors: Vec<&str> = engine.dataset().pull_requests.iter().map(|pr| pr.author.as_str()).collect();
        assert_eq!(authors, ["dependabot[bot]", "app/renovate", "lint-bot[bot]", "release-train", "abbot"]);
        assert_eq!(engine.dataset().reviews[0].reviewer, "ci-checker[bot]");
        assert_eq!((summary.people, summary.pull_requests, summary.bot_pull_requests), (3, 5, 3), "{summary:?}");
        // The model's list makes a bot of a name that does not say so.
        let mut model = engine.model().clone();
        model.bots = vec!["Release-Train".into()];
        let summary = last_snapshot(&ask(&mut engine, Request::SetModel { model })).overview.summary.clone();
        assert_eq!((summary.people, summary.bot_pull_requests), (2, 4), "{summary:?}");
    }

    #[test]
    fn confirming_a_suggested_identity_makes_the_persons_prs_count_and_can_be_undone() {
        let roster = b"person,team,role,email\nAna Reyes,Atlas,Software Engineer,ana.reyes@corp.example\nBen Okafor,Atlas,Software Engineer,\n";
        let prs = br#"[
  {"number": 7, "title": "Retry card charges", "author": {"login": "areyes"}, "state": "MERGED",
   "createdAt": "2026-11-18T09:00:00Z", "mergedAt": "2026-11-19T09:00:00Z"},
  {"number": 8, "title": "Idempotency keys", "author": {"login": "areyes"}, "state": "OPEN",
   "createdAt": "2026-11-16T09:00:00Z", "reviewRequests": [{"login": "Ben Okafor"}]},
  {"number": 9, "title": "Ledger", "author": {"login": "Ben Okafor"}, "state": "MERGED",
   "createdAt": "2026-11-01T09:00:00Z", "mergedAt": "2026-11-20T09:00:00Z"}
]"#;
        let mut engine = Engine::new(today());
        let events = drop_files(&mut engine, &[("roster.csv", roster), ("prs.json", prs)]);
        let before = last_snapshot(&events);
        let unmatched = &before.identities.unmatched;
        assert_eq!(unmatched.len(), 1, "{unmatched:?}");
        assert_eq!((unmatched[0].name.as_str(), unmatched[0].suggestions[0].person.as_str()), ("areyes", "Ana Reyes"));
        let of = |snapshot: &Snapshot, tripwire: &str| -> Vec<(String, Option<String>)> {
            let rows = snapshot.analysis.findings.iter().map(|f| &f.row).filter(|r| r.tripwire == tripwire);
            rows.map(|r| (r.team.clone(), r.person.clone())).collect()
        };
        assert_eq!(of(before, "quiet_contributor"), [("Atlas".to_string(), Some("Ana Reyes".to_string()))]);
        assert_eq!(of(before, "slow_first_review"), [(crate::dataset::index::NO_TEAM.to_string(), Some("areyes".to_string()))]);

        let events = ask(&mut engine, Request::ConfirmIdentity { name: "areyes".into(), person: "Ana Reyes".into() });
        let after = last_snapshot(&events);
        assert!(after.identities.unmatched.is_empty());
        assert_eq!((before.overview.summary.people, after.overview.summary.people), (3, 2), "areyes is Ana now");
        assert_eq!(after.model.identities.get("areyes").map(String::as_str), Some("Ana Reyes"), "remembered in the model");
        assert!(of(after, "quiet_contributor").is_empty(), "her merge as areyes counts");
        assert_eq!(of(after, "slow_first_review"), [("Atlas".to_string(), Some("Ana Reyes".to_string()))]);
        assert!(engine.model().to_json().contains("\"areyes\": \"Ana Reyes\""));

        let events = ask(&mut engine, Request::ForgetIdentity { name: "areyes".into() });
        let undone = last_snapshot(&events);
        assert_eq!(undone.identities.unmatched.len(), 1);
        assert_eq!(of(undone, "quiet_contributor").len(), 1);
        let events = ask(&mut engine, Request::ConfirmIdentity { name: "areyes".into(), person: "Nobody".into() });
        assert!(events.iter().any(|e| matches!(e, Event::RequestFailed { message } if message == "Nobody is not on the roster.")), "{events:?}");
    }

    #[test]
    fn in_presenter_mode_a_match_is_confirmed_by_the_names_shown() {
        let roster = b"person,team,role\nAna Reyes,Atlas,Software Engineer\n";
        let prs = b"number,title,author,created_at,merged_at,state\n7,Retry,areyes,2026-11-18T09:00:00Z,2026-11-19T09:00:00Z,merged\n";
        let mut engine = Engine::new(today());
        drop_files(&mut engine, &[("roster.csv", roster), ("prs.csv", prs)]);
        let events = ask(&mut engine, Request::SetPresenter { on: true });
        let shown = last_snapshot(&events).identities.unmatched[0].clone();
        assert!(shown.name.starts_with("Person ") && shown.suggestions[0].person.starts_with("Person "), "{shown:?}");
        let request = Request::ConfirmIdentity { name: shown.name.clone(), person: shown.suggestions[0].person.clone() };
        let events = ask(&mut engine, request);
        assert!(last_snapshot(&events).identities.unmatched.is_empty(), "{events:?}");
        assert_eq!(engine.model().identities.get("areyes").map(String::as_str), Some("Ana Reyes"), "stored with real names");
        let confirmed = &last_snapshot(&events).identities.confirmed[0];
        assert_eq!(confirmed.name, shown.name);
        ask(&mut engine, Request::ForgetIdentity { name: confirmed.name.clone() });
        assert!(engine.model().identities.is_empty());
    }

    #[test]
    fn a_guessed_mapping_loads_at_once_and_can_still_be_changed() {
        let mut engine = Engine::new(today());
        let reviews = b"review_id,reviewer_login,pr_id,state,submitted_at\n9001,bo,42,APPROVED,2025-11-03T14:02:11Z\n";
        let events = load(&mut engine, "reviews.csv", reviews);
        let file = &last_snapshot(&events).overview.files[0];
        assert_eq!((file.kind, file.kept), (FileKind::Reviews, 1), "{file:?}");
        let mut mapping = UserMapping::from_suggestion(file.suggestion.as_ref().expect("the guess is kept"));
        // The user says the review id, not the PR id, names the PR.
        mapping.columns.retain(|(header, _)| header != "pr_id");
        mapping.columns.push(("review_id".into(), "pr".into()));
        let events = ask(&mut engine, Request::MapColumns { file: 0, mapping, remember: false });
        assert!(refusals(&events).is_empty(), "{events:?}");
        assert_eq!(engine.dataset().reviews.len(), 1);
        assert_eq!(engine.dataset().reviews[0].pr, "9001");
    }

    #[test]
    fn forget_also_drops_the_model_and_remembered_mappings() {
        let mut engine = engine_with_teams();
        engine.handle(Request::SetMappings { mappings: vec![UserMapping {
            signature: "x".into(), kind: FileKind::Roster, columns: vec![] }] }, &mut |_| {});
        let events = ask(&mut engine, Request::Forget);
        let snapshot = last_snapshot(&events);
        assert!(snapshot.model.teams.is_empty() && snapshot.mappings.is_empty());
    }

    #[test]
    fn the_grid_and_the_model_follow_presenter_mode_and_revoke_works_by_shown_key() {
        let mut engine = Engine::new(today());
        engine.handle(Request::LoadDemo, &mut |_| {});
        let named = engine.snapshot().stakeholders;
        assert!(!named.points.is_empty());
        let found = findings::evaluate(engine.dataset(), engine.model(), today());
        let finding = found.iter().find(|f| f.tripwire == "quiet_contributor").unwrap().clone();
        engine.model.accept(finding.accepted(&format!("{} is on leave", finding.subject), today(), today())).unwrap();

        let events = ask(&mut engine, Request::SetPresenter { on: true });
        let snapshot = last_snapshot(&events);
        for (real, shown) in named.points.iter().zip(&snapshot.stakeholders.points) {
            assert_ne!(real.label, shown.label, "stakeholders are pseudonymised");
            assert_eq!(real.current, shown.current);
        }
        let shown = &snapshot.model.accepted[0];
        assert!(!shown.subject.contains(&finding.subject) && !shown.reason.contains(&finding.subject), "{shown:?}");
        assert_eq!(engine.model().accepted[0].subject, finding.subject, "the engine keeps the real model");

        let events = ask(&mut engine, Request::RevokeDeviation { key: shown.key.clone() });
        assert!(refusals(&events).is_empty(), "{events:?}");
        assert!(engine.model().accepted.is_empty());
    }

    #[test]
    fn events_round_trip_as_json() {
        let mut engine = Engine::new(today());
        for event in load(&mut engine, "prs.csv", PRS) {
            let text = serde_json::to_string(&event).unwrap();
            let back: Event = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), text);
        }
    }

    fn files_message(id: u64, count: usize) -> ToWorker {
        ToWorker { id: MessageId(id), message: Message::Files { count }, test_fault: None }
    }

    #[test]
    fn the_first_charts_files_come_first_and_every_other_file_keeps_its_place() {
        use FileKind::*;
        assert_eq!(reading_order(&[Some(Jira), None, Some(GithubPrs), Some(Teams), Some(GitlabMrs), Some(GithubPrs)]), [2, 4, 5, 0, 1, 3]);
        assert_eq!(reading_order(&[Some(Teams), None, Some(Jira)]), [0, 1, 2], "nothing to move");
        assert_eq!(reading_order(&[]), Vec::<usize>::new());
    }

    /// A file picker hands over files by name, so `jira.csv` (the largest
    /// at 2,000 people) came before `pull_requests.csv`, and the Load
    /// page's chart waited for both. The pull requests are read first; the
    /// findings are those of reading in drop order.
    #[test]
    fn a_drop_reads_the_pull_requests_first_and_ends_as_if_read_in_drop_order() {
        let mut files = crate::demo::generate(crate::demo::DemoSize::Medium, 3, today());
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let named: Vec<(&str, &[u8])> = files.iter().map(|f| (f.name.as_str(), f.bytes.as_slice())).collect();
        let (prs, jira) = (named.iter().position(|f| f.0 == "pull_requests.csv").unwrap(), named.iter().position(|f| f.0 == "jira.csv").unwrap());
        assert!(jira < prs, "the drop puts the work items first");
        let mut in_drop_order = Engine::new(today());
        let expected = drop_files(&mut in_drop_order, &named);

        let mut engine = Engine::new(today());
        let drop: Vec<TestFile> = named.iter().map(|(name, bytes)| TestFile::new(name, bytes)).collect();
        let posted = answer_now(&mut engine, files_message(1, drop.len()), drop);
        let events: Vec<&Event> = replies(&posted).into_iter().map(|r| &r.event).collect();
        let read: Vec<&str> = events
            .iter()
            .filter_map(|e| match e { Event::Progress { file, stage: Stage::Reading, done: 0, .. } => Some(file.as_str()), _ => None })
            .collect();
        assert_eq!(read.len(), named.len());
        assert_eq!(read[0], "pull_requests.csv");
        let mut rest: Vec<&str> = named.iter().map(|f| f.0).filter(|&name| name != "pull_requests.csv").collect();
        rest.insert(0, "pull_requests.csv");
        assert_eq!(read, rest, "every other file in drop order");
        let first_overview = events.iter().find_map(|e| match e { Event::Overview { overview } => Some(overview), _ => None }).unwrap();
        assert!(first_overview.merged_per_week.weeks.iter().any(|w| w.value > 0.0), "the first overview has the chart's data");

        let got = match events.last() {
            Some(Event::Snapshot { snapshot }) => snapshot,
            other => panic!("a snapshot last, not {other:?}"),
        };
        let want = last_snapshot(&expected);
        let json = |analysis: &present::analysis::Analysis| serde_json::to_string(analysis).unwrap();
        assert_eq!(json(&got.analysis), json(&want.analysis), "the same findings and views");
        let (got_rows, want_rows) = (engine.dataset(), in_drop_order.dataset());
        assert_eq!(got_rows.pull_requests.len(), want_rows.pull_requests.len());
        assert_eq!(got_rows.work_items.len(), want_rows.work_items.len());
        assert!(got_rows.work_items.iter().zip(&want_rows.work_items).all(|(a, b)| a.key() == b.key() && a.title() == b.title()), "each kind's rows in drop order");
    }

    #[test]
    fn the_worker_answers_each_message_with_its_id_and_one_snapshot_last() {
        let mut engine = Engine::new(today());
        let drop = vec![TestFile::new("prs.csv", PRS), TestFile::new("prs.csv", b""), TestFile::new("roster.csv", ROSTER)];
        let posted = answer_now(&mut engine, files_message(4, 3), drop);
        let replies = replies(&posted);
        assert!(replies.iter().all(|r| r.to == MessageId(4)));
        let snapshots: Vec<usize> =
            replies.iter().enumerate().filter(|(_, r)| matches!(r.event, Event::Snapshot { .. })).map(|(i, _)| i).collect();
        assert_eq!(snapshots, [replies.len() - 1], "exactly one snapshot, last");
        // The second file shares the first's name; the refusal names it by position.
        let refused: Vec<Option<usize>> =
            replies.iter().filter(|r| matches!(r.event, Event::FileRefused { .. })).map(|r| r.file).collect();
        assert_eq!(refused, [Some(1)]);
        // Before reading each file, the page is told which one.
        let mut started: Vec<Option<usize>> = replies
            .iter()
            .filter(|r| matches!(r.event, Event::Progress { stage: Stage::Reading, done: 0, .. }))
            .map(|r| r.file)
            .collect();
        started.dedup(); // the empty file is also read in full at 0 bytes
        assert_eq!(started, [Some(0), Some(1), Some(2)]);
        assert_eq!(last_snapshot(&[replies.last().unwrap().event.clone()]).overview.files.len(), 2);

        let request = ToWorker { id: MessageId(5), message: Message::Request(Request::LoadDemo), test_fault: None };
        let posted = answer_now(&mut engine, request, Vec::new());
        let replies = super::tests::replies(&posted);
        assert!(replies.iter().all(|r| r.to == MessageId(5) && r.file.is_none()));
        assert_eq!(replies.iter().filter(|r| matches!(r.event, Event::Snapshot { .. })).count(), 1);
        assert!(matches!(replies.last().unwrap().event, Event::Snapshot { .. }));
    }

    /// A drop with every way a file can go: loaded, refused, unreadable,
    /// kept for a mapping, a saved review that is not one; in sizes that
    /// make the pool and the engine finish them out of order.
    fn a_mixed_drop() -> Vec<TestFile> {
        let mut big_prs = PRS.to_vec();
        for n in 3..400 {
            big_prs.extend_from_slice(format!("{n},api,Title {n},Bob,2026-11-0{}T10:00:00Z,,,open,,\n", 1 + n % 9).as_bytes());
        }
        vec![
            TestFile::new("teams.csv", TEAMS),
            TestFile::new("empty.csv", b""),
            TestFile::new("prs.csv", &big_prs),
            TestFile::new("odd_roster.csv", ODD_ROSTER),
            TestFile { unreadable: true, ..TestFile::new("locked.csv", PRS) },
            TestFile::new("review.json", br#"{"format": "teamdiff-review", "#),
            TestFile::new("roster.csv", ROSTER),
            TestFile::new("reviews.csv", b"pr,reviewer,state,submitted_at\n1,Bob,APPROVED,2026-11-02T12:00:00Z\n"),
        ]
    }

    /// What a drop's replies show the page: every event but progress, as
    /// JSON, with the file it is about.
    fn shown(posted: &[FromWorker]) -> Vec<(Option<usize>, String)> {
        replies(posted)
            .into_iter()
            .filter(|r| !matches!(r.event, Event::Progress { .. }))
            .map(|r| (r.file, serde_json::to_string(&r.event).unwrap()))
            .collect()
    }

    #[test]
    fn a_drop_read_on_a_parse_pool_ends_exactly_as_read_in_turn() {
        let mut in_turn = engine_with_teams();
        let expected = answer_now(&mut in_turn, files_message(2, 8), a_mixed_drop());
        assert_eq!(refused_files(&expected), [Some(1), Some(4), Some(5)], "the drop has refusals to keep in place");
        for workers in 1..=3 {
            let mut pool = TestPool::new(workers);
            let mut engine = engine_with_teams();
            let posted = answer_on_pool(&mut engine, files_message(2, 8), a_mixed_drop(), &mut pool);
            assert_eq!(shown(&posted), shown(&expected), "{workers} workers");
            assert_eq!(engine.dataset(), in_turn.dataset(), "{workers} workers");
            assert_eq!(engine.unknown_files, in_turn.unknown_files, "{workers} workers");
            assert!(pool.batches >= 2, "the pull requests and reviews were streamed ({workers} workers)");
            let read: Vec<Option<usize>> = replies(&posted)
                .iter()
                .filter(|r| matches!(r.event, Event::Progress { stage: Stage::Parsing, ref done, ref total, .. } if done == total))
                .map(|r| r.file)
                .collect();
            for file in [0, 2, 3, 6, 7] {
                assert!(read.contains(&Some(file)), "the page hears file {file} parsed ({workers} workers): {read:?}");
            }
        }
    }

    fn refused_files(posted: &[FromWorker]) -> Vec<Option<usize>> {
        replies(posted).iter().filter(|r| matches!(r.event, Event::FileRefused { .. })).map(|r| r.file).collect()
    }

    #[test]
    fn a_parser_that_dies_has_its_file_refused_by_name_and_the_drop_goes_on() {
        let mut pool = TestPool::new(1);
        pool.dies_on.push("prs.csv".into());
        // Larger than prs.csv, so the pool streams it first.
        let mut drop = a_mixed_drop();
        let huge = [drop[2].bytes.clone(), drop[2].bytes.clone()].concat();
        drop.push(TestFile::new("huge.csv", &huge));
        let mut engine = Engine::new(today());
        let posted = answer_on_pool(&mut engine, files_message(1, 9), drop, &mut pool);
        let refusal = replies(&posted).into_iter().find_map(|r| match &r.event {
            Event::FileRefused { error } if error.path == "prs.csv" => Some((r.file, error.clone())),
            _ => None,
        });
        let (file, error) = refusal.expect("prs.csv is refused");
        assert_eq!(file, Some(2));
        assert!(error.message.contains("the worker reading this file stopped") && error.message.contains("unreachable"), "{error:?}");
        // The pull requests join first (`reading_order`): prs.csv's refusal, then the rest in drop order.
        assert_eq!(refused_files(&posted), [Some(2), Some(1), Some(4), Some(5)]);
        assert!(matches!(replies(&posted).last().unwrap().event, Event::Snapshot { .. }));
        let paths: Vec<&str> = engine.dataset().files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["huge.csv", "teams.csv", "odd_roster.csv", "roster.csv", "reviews.csv"]);
    }

    #[test]
    fn a_test_fault_strikes_on_the_first_file_of_a_drop_read_on_a_pool() {
        // The engine reads the larger second file itself, before the pool's news of the first.
        let mut big_prs = PRS.to_vec();
        big_prs.extend_from_slice(b"3,api,Three,Ada,2026-11-02T10:00:00Z,,,open,,\n");
        let message = ToWorker { test_fault: Some(TestFault::Panic), ..files_message(3, 2) };
        let drop = vec![TestFile::new("first.csv", PRS), TestFile::new("second.csv", &big_prs)];
        let mut posted = Vec::new();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on(answer_with_pool(&mut Engine::new(today()), message, drop, &mut TestPool::new(1), &mut |reply| posted.push(reply)))
        }));
        assert!(result.is_err(), "the fault panics");
        let replies = replies(&posted);
        assert!(replies.iter().any(|r| r.file == Some(1) && matches!(r.event, Event::Progress { stage: Stage::Parsing, done, total, .. } if done == total)));
        assert_eq!(replies.last().unwrap().file, Some(0), "{:?}", replies.last());
    }

    #[test]
    fn a_drop_of_one_file_never_goes_to_the_pool() {
        let mut pool = TestPool::new(0);
        pool.workers = 2;
        pool.dies_on.push("prs.csv".into());
        let mut engine = Engine::new(today());
        answer_on_pool(&mut engine, files_message(1, 1), vec![TestFile::new("prs.csv", PRS)], &mut pool);
        assert_eq!(engine.dataset().files.len(), 1, "read in the engine, where nothing dies");
    }

    #[test]
    fn a_file_the_browser_cannot_read_is_refused_by_name_and_the_drop_goes_on() {
        let mut engine = Engine::new(today());
        let unreadable = TestFile { unreadable: true, ..TestFile::new("locked.csv", PRS) };
        let posted = answer_now(&mut engine, files_message(1, 2), vec![unreadable, TestFile::new("prs.csv", PRS)]);
        let replies = replies(&posted);
        let refusal = replies.iter().find_map(|r| match &r.event { Event::FileRefused { error } => Some((r.file, error)), _ => None });
        let (file, error) = refusal.expect("refused");
        assert_eq!((file, error.path.as_str()), (Some(0), "locked.csv"));
        assert!(error.message.contains("NotReadableError"), "{error:?}");
        assert_eq!(engine.dataset().files.len(), 1);
    }

    #[test]
    fn a_big_file_held_and_copied_in_as_it_is_read_loads_as_read_whole() {
        let grow = |header: &str, row: &dyn Fn(usize) -> String| {
            let mut text = header.to_string();
            let mut n = 0;
            while text.len() < 3_200_000 {
                text += &row(n);
                n += 1;
            }
            text.into_bytes()
        };
        let header = "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\r\n";
        // CRLF, a quoted line break, a lone CR; then a second pass for day-first dates.
        let prs = grow(header, &|n| format!("{n},api,\"Title\r\n{n}\",Ada,2026-11-02T10:00:00Z,,,open,,\r\r\n"));
        let jira = grow("Issue key,Summary,Status,Created,Resolved\n", &|n| {
            let day = if n == 60_000 { 25 } else { 1 + n % 12 };
            format!("PAY-{n},Retry,Done,{day:02}/03/2026,{day:02}/04/2026\n")
        });
        let unknown = grow("colour,shape\n", &|n| format!("red {n},round\n"));
        for (name, bytes) in [("prs.csv", &prs), ("jira.csv", &jira), ("shapes.csv", &unknown)] {
            assert!(bytes.len() as u64 >= STREAM_FROM_BYTES, "{name} is big enough to be held");
            let mut engine = Engine::new(today());
            let file = TestFile::new(name, bytes);
            let posted = answer_now(&mut engine, files_message(1, 1), vec![file.clone()]);
            assert!(refused_files(&posted).is_empty(), "{name}");
            // Copied in about a megabyte at a time, or whole when only the engine can read it.
            let largest_read = file.largest_held_read.get();
            if name == "shapes.csv" {
                assert_eq!(largest_read, bytes.len(), "{name}");
            } else {
                assert!(largest_read < 2 * ingest::stream::PIECE_BYTES, "{name}: {largest_read} bytes at once");
            }
            let mut whole = Dataset::default();
            ingest::ingest_file(&mut whole, name, bytes, &ingest::IngestOptions::default(), &mut |_, _| {}).unwrap();
            assert!(engine.dataset().files == whole.files, "{name}: the report differs");
            assert!(*engine.dataset() == whole, "{name}: the rows differ");
            let kept = engine.unknown_files.get(&0).map(Vec::as_slice);
            assert_eq!(kept, (name == "shapes.csv").then_some(bytes.as_slice()), "{name}: bytes kept only for a mapping");
        }
        let march_first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut engine = Engine::new(today());
        let locked = TestFile { unreadable: true, ..TestFile::new("locked.csv", &prs) };
        let posted = answer_now(&mut engine, files_message(1, 2), vec![locked, TestFile::new("jira.csv", &jira)]);
        assert_eq!(refused_files(&posted), [Some(0)]);
        assert!(engine.dataset().files.iter().map(|f| f.path.as_str()).eq(["jira.csv"]), "the drop goes on");
        assert_eq!(engine.dataset().work_items[0].created.map(|at| at.date()), Some(march_first), "read again day first");
    }

    #[test]
    fn parsing_progress_carries_the_line_the_parser_reached() {
        let header = "number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers";
        // 40,000 rows make a file held and read in pieces; 50, one read whole.
        for (newline, rows) in [("\n", 40_000), ("\r\n", 40_000), ("\r", 40_000), ("\r\n", 50)] {
            // Every title holds a line break; a blank line follows row 7.
            let mut text = format!("{header}{newline}");
            for n in 0..rows {
                text += &format!("{n},api,\"Title{newline}{n}\",Ada,2026-11-02T10:00:00Z,,,open,,{newline}");
                if n == 7 {
                    text += newline;
                }
            }
            let bytes = text.as_bytes();
            let mut engine = Engine::new(today());
            let posted = answer_now(&mut engine, files_message(1, 1), vec![TestFile::new("big.csv", bytes)]);
            assert_eq!(engine.dataset().pull_requests.len(), rows, "{newline:?}");
            let lines: Vec<(u64, u32)> = replies(&posted)
                .iter()
                .filter_map(|r| match r.event {
                    Event::Progress { stage: Stage::Parsing, done, .. } => Some((done, r.line.expect("parsing reports a line"))),
                    _ => None,
                })
                .collect();
            assert!(lines.len() >= if rows > 50 { 3 } else { 1 }, "{newline:?}: {lines:?}");
            let (last, during) = lines.split_last().unwrap();
            for &(done, line) in during {
                // The record starting at byte `done` starts on the line after every break before it.
                let breaks = (0..done as usize).filter(|&at| bytes[at] == b'\n' || (bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n')));
                assert_eq!(line, 1 + breaks.count() as u32, "{newline:?} at byte {done}");
            }
            assert_eq!(*last, (bytes.len() as u64, 2 * rows as u32 + 1), "{newline:?}: the last record's line");
        }
    }

    #[test]
    fn a_test_fault_strikes_once_the_page_knows_the_file_and_line() {
        let mut engine = Engine::new(today());
        let message = ToWorker { test_fault: Some(TestFault::Panic), ..files_message(3, 2) };
        let mut posted = Vec::new();
        let drop = vec![TestFile::new("first.csv", PRS), TestFile::new("second.csv", PRS)];
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on(answer(&mut engine, message, drop, &mut |reply| posted.push(reply)))
        }));
        assert!(result.is_err(), "the fault panics");
        let replies = replies(&posted);
        let last = replies.last().unwrap();
        assert_eq!((last.to, last.file, last.line), (MessageId(3), Some(0), Some(3)), "{last:?}");
        assert!(!replies.iter().any(|r| matches!(r.event, Event::Snapshot { .. })));

        let message = ToWorker { id: MessageId(4), message: Message::Request(Request::LoadDemo), test_fault: Some(TestFault::Panic) };
        let mut posted = Vec::new();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on(answer(&mut Engine::new(today()), message, Vec::<TestFile>::new(), &mut |reply| posted.push(reply)))
        }));
        assert!(result.is_err());
        assert!(matches!(&posted[..], [FromWorker::Reply(Reply { event: Event::Progress { stage: Stage::Updating, .. }, .. })]), "{posted:?}");
    }

    /// Four engineers of Atlas (infra: 14 quiet days) last merged 20 days
    /// ago: one systemic finding over four quiet contributors.
    fn systemic_engine() -> Engine {
        let mut engine = Engine::new(today());
        let roster = b"person,team,role\nAda,Atlas,engineer\nBob,Atlas,engineer\nCyd,Atlas,engineer\nDee,Atlas,engineer\n";
        let mut prs = String::from("number,repo,title,author,created_at,merged_at,closed_at,state,requested_reviewers,reviewers\n");
        for (i, author) in ["Ada", "Bob", "Cyd", "Dee"].iter().enumerate() {
            prs.push_str(&format!("{},api,Work,{author},2026-11-01T10:00:00Z,2026-11-02T10:00:00Z,,merged,,\n", i + 1));
        }
        drop_files(&mut engine, &[("teams.csv", TEAMS), ("roster.csv", roster), ("prs.csv", prs.as_bytes())]);
        engine
    }

    #[test]
    fn update_the_model_changes_the_norm_logs_it_and_a_bad_change_is_refused() {
        let mut engine = systemic_engine();
        let before = engine.snapshot();
        assert_eq!(before.analysis.systemic.len(), 1, "{:?}", before.analysis.findings);
        let events = ask(&mut engine, Request::ChangeNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: 0, reason: "why".into() });
        assert_eq!(refusals(&events), ["Atlas: quiet_days must be between 1 and 365 (got 0)"]);
        assert!(engine.model().norm_changes.is_empty(), "a refusal changes nothing");

        let reason = "Updated from Deviations: the team's 80th percentile";
        let events = ask(&mut engine, Request::ChangeNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: 30, reason: reason.into() });
        let after = last_snapshot(&events);
        assert!(refusals(&events).is_empty());
        let change = &after.model.norm_changes[0];
        assert_eq!((change.team.as_str(), change.old, change.new, change.reason.as_str(), change.date), ("Atlas", 14, 30, reason, today()));
        assert!(after.analysis.systemic.is_empty() && after.analysis.findings.iter().all(|f| f.row.tripwire != "quiet_contributor"));
    }

    #[test]
    fn accepting_a_systemic_finding_allows_its_people_with_it() {
        let mut engine = systemic_engine();
        let key = engine.snapshot().analysis.systemic[0].key.clone();
        let expires = today() + chrono::Duration::days(30);
        let events = ask(&mut engine, Request::AcceptDeviation { key: key.clone(), reason: "Release freeze".into(), expires });
        assert!(refusals(&events).is_empty(), "{:?}", refusals(&events));
        let after = last_snapshot(&events);
        assert!(after.analysis.systemic.is_empty());
        assert!(after.analysis.findings.iter().all(|f| f.row.tripwire != "quiet_contributor"));
        assert_eq!(after.analysis.accepted.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(), [key.as_str()]);
    }

    fn incidents(snapshot: &Snapshot) -> Vec<String> {
        snapshot.analysis.findings.iter().filter(|f| f.row.tripwire == "postmortem_gap").map(|f| f.row.subject.clone()).collect()
    }

    #[test]
    fn as_of_a_past_day_every_view_and_finding_is_as_it_stood_then_and_today_comes_back() {
        let mut engine = demo_engine();
        let now = last_snapshot(&ask(&mut engine, Request::SetAsOf { day: None })).clone();
        assert!(incidents(&now).iter().any(|s| s == "INC-2041"));
        assert_eq!((now.today, now.as_of.chosen, now.as_of.note.as_deref()), (today(), None, None));

        let past = today() - chrono::Duration::days(30);
        let events = ask(&mut engine, Request::SetAsOf { day: Some(past) });
        assert!(refusals(&events).is_empty());
        let then = last_snapshot(&events);
        assert!(!incidents(then).iter().any(|s| s == "INC-2041"), "the incident was 18 days ago");
        assert_eq!((then.today, then.as_of.chosen, then.as_of.today), (past, Some(past), today()));
        assert!(then.as_of.note.as_deref().unwrap().contains("approximated from created and resolved dates"));
        assert!(then.analysis.findings.len() < now.analysis.findings.len());
        // Views too: no digest row counts a finding that did not exist yet.
        let per_row: usize = then.analysis.digest.iter().map(|r| r.open_findings_total()).sum();
        assert!(per_row <= then.analysis.findings.len());
        let week_of_today = now.overview.merged_per_week.weeks.last().map(|w| w.week_start);
        assert_ne!(then.overview.merged_per_week.weeks.last().map(|w| w.week_start), week_of_today, "the weekly chart ends on the day too");

        let back = ask(&mut engine, Request::SetAsOf { day: None });
        assert_eq!(incidents(last_snapshot(&back)), incidents(&now));
        assert_eq!(last_snapshot(&back).analysis.findings.len(), now.analysis.findings.len());
    }

    #[test]
    fn an_impossible_as_of_day_is_refused_and_changes_nothing() {
        let mut engine = demo_engine();
        let before = engine.snapshot().analysis.findings.len();
        for day in [today() + chrono::Duration::days(1), NaiveDate::from_ymd_opt(1969, 12, 31).unwrap()] {
            let events = ask(&mut engine, Request::SetAsOf { day: Some(day) });
            let refused: Vec<&String> = events.iter().filter_map(|e| match e { Event::RequestFailed { message } => Some(message), _ => None }).collect();
            assert_eq!(refused.len(), 1, "{day}");
            assert!(refused[0].contains(&day.to_string()), "{}", refused[0]);
            assert_eq!(last_snapshot(&events).today, today());
            assert_eq!(last_snapshot(&events).analysis.findings.len(), before);
        }
    }

    #[test]
    fn the_history_streams_after_the_snapshot_and_stops_when_a_message_waits() {
        let mut engine = demo_engine();
        let snapshot = engine.snapshot();
        let mut posted = Vec::new();
        assert!(block_on(stream_history(&engine, MessageId(9), || async {}, &|| false, &mut |m| posted.push(m))));
        let [FromWorker::Reply(Reply { to: MessageId(9), event: Event::FindingsOverTime { history }, .. })] = posted.as_slice() else {
            panic!("one history, tagged with its message: {posted:?}")
        };
        assert_eq!(history.day, snapshot.today);
        assert_eq!(history.org.latest(), Some(snapshot.analysis.findings.len() as u32), "the last week is the snapshot's day");
        let per_team = |team: &str| snapshot.analysis.findings.iter().filter(|f| f.row.team == team).count() as u32;
        for series in &history.teams {
            assert_eq!(series.latest(), Some(per_team(&series.name)), "{}", series.name);
        }

        let steps = std::cell::Cell::new(0);
        let interrupted = || steps.get() >= 3;
        let mut posted = Vec::new();
        let pause = || {
            steps.set(steps.get() + 1);
            async {}
        };
        assert!(!block_on(stream_history(&engine, MessageId(10), pause, &interrupted, &mut |m| posted.push(m))));
        assert!(posted.is_empty(), "a message waits: nothing stale is posted");

        engine.handle(Request::SetPresenter { on: true }, &mut |_| {});
        let mut posted = Vec::new();
        block_on(stream_history(&engine, MessageId(11), || async {}, &|| false, &mut |m| posted.push(m)));
        let json = serde_json::to_string(&posted[0]).unwrap();
        assert!(!json.contains("Priya Nair"), "team names pass the presenter pass too");
    }

    #[test]
    fn the_history_has_a_line_per_group_when_teams_csv_groups_the_teams() {
        let mut engine = Engine::new(today());
        let teams = b"team,flavor,group\nAtlas,infra,Platform\nBorealis,legacy,Platform\nCirrus,greenfield,Commerce\n";
        drop_files(&mut engine, &[("teams.csv", teams), ("roster.csv", ROSTER)]);
        let history = engine.findings_over_time().run();
        let groups: Vec<&str> = history.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(groups, ["Commerce", "Platform"]);

        let mut ungrouped = Engine::new(today());
        drop_files(&mut ungrouped, &[("teams.csv", TEAMS), ("roster.csv", ROSTER)]);
        assert!(ungrouped.findings_over_time().run().groups.is_empty());
    }
}
