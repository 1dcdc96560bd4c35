//! The messages between the page and the worker, typed both ways.
//!
//! Page → worker: a [`ToWorker`] (serialised to JSON) travels beside a JS
//! array of the drop's `File`s; `ui::worker` encodes and decodes the pair in
//! one place. Worker → page: a [`FromWorker`] as JSON, a snapshot's large
//! parts as JSON documents of their own after it ([`SnapshotPart`]).
//!
//! Every message carries a [`MessageId`], and every reply names the message
//! it answers (and, within a drop, the file by its position), so the page
//! matches answers by id, never by arrival order or by file name. Each
//! message ends in exactly one [`Event::Snapshot`].

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Overview, Snapshot};
use crate::findings::drift::Drift;
use crate::findings::systemic::Systemic;
use crate::present::analysis::ShownFinding;
use crate::views::coverage::CoverageView;
use crate::views::cycle_time::ControlPoint;
use crate::views::digest::DigestRow;
use crate::views::triage::TriageItem;
use crate::ingest::stream::Streamed;
use crate::ingest::{IngestError, IngestOptions, UserMapping};
use crate::model::{self, TeamModel};
use crate::views::over_time::FindingsOverTime;

/// The most bytes one drop may hold: part of ingest's budget
/// ([`crate::ingest::Limits::DROP_BYTES`]), enforced by the journal before
/// anything is read.
pub const MAX_DROP_BYTES: u64 = crate::ingest::Limits::DROP_BYTES;

/// Numbers the page's messages; never reused within a page's lifetime,
/// even across restarted workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MessageId(pub u64);

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// One message from the page. Files travel beside it, not in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToWorker {
    pub id: MessageId,
    pub message: Message,
    /// Only ever set through the page's test hooks (`#test-hooks`): makes
    /// the worker fail on purpose so the tests can watch it recover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_fault: Option<TestFault>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    Request(Request),
    /// One drop: `count` files travel beside the message, read in order,
    /// then one snapshot.
    Files { count: usize },
}

/// A failure the tests ask for. It strikes at the message's first
/// checkpoint: for a drop, once its first file has been parsed (so the
/// page knows the file and, read in the engine worker, the line; read on
/// a parse pool, it strikes when the engine hears so); for a request, once the worker has
/// said it started on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestFault {
    /// A Rust panic: the panic hook reports it, then the worker traps.
    Panic,
    /// A trap without a panic message, as running out of memory gives.
    Abort,
    /// Never answers, as a pathological input could; only Cancel helps.
    Hang,
}

impl TestFault {
    /// Fails as asked. Only reachable through a message's `test_fault`.
    pub fn strike(self) -> ! {
        match self {
            TestFault::Panic => panic!("a fault the tests asked for"),
            TestFault::Abort => std::process::abort(),
            TestFault::Hang => loop {
                std::hint::spin_loop();
            },
        }
    }
}

/// A file of a drop, as both sides hold it: a browser `File` in the app,
/// bytes in memory in the native tests. The page needs its name and size
/// (for the drop budget and for messages); the worker reads it.
#[allow(async_fn_in_trait)] // only awaited in place, on one thread
pub trait DroppedFile: Clone {
    fn name(&self) -> String;
    fn size(&self) -> u64;
    /// The whole file; `on_progress(done, total)` as it is read.
    async fn read(&self, on_progress: &mut dyn FnMut(u64, u64)) -> Result<Vec<u8>, String>;
    /// Its first `bytes` bytes (all of it when shorter), without reading
    /// the rest.
    async fn read_head(&self, bytes: u64) -> Result<Vec<u8>, String>;
    /// Appends bytes `offset..offset + len` to `into` before returning: a
    /// parser worker streams a file so (`ingest::stream`), and a worker
    /// may wait on a read where a page may not.
    fn read_now(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String>;
    /// The whole file, held where the platform keeps it rather than in
    /// wasm memory (an `ArrayBuffer` in the browser), for the engine
    /// worker to copy in a piece at a time as it reads (`ingest::stream`).
    async fn hold(&self) -> Result<Self::Held, String>;
    type Held: HeldFile;
}

/// A dropped file's bytes held by [`DroppedFile::hold`].
pub trait HeldFile {
    /// Appends bytes `offset..offset + len` to `into`, or says why not.
    fn read_at(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String>;
}

/// Bytes already in wasm memory, held as a browser holds a file: the
/// tests' files and the worker's warm-up (`engine::warm_up`).
impl HeldFile for &[u8] {
    fn read_at(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
        crate::ingest::stream::read_slice_at(self, offset, len, into)
    }
}

impl HeldFile for Vec<u8> {
    fn read_at(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
        self.as_slice().read_at(offset, len, into)
    }
}

/// The engine worker's parse pool: parser workers that each stream one
/// big [`DroppedFile`] at a time (`ingest::stream`) and hand its rows to
/// the engine worker a batch (`dataset::batch`) every megabyte.
/// `ui::parse_pool` in the app; a test double in the native tests;
/// [`NoPool`] where there is none.
#[allow(async_fn_in_trait)] // only awaited in place, on one thread
pub trait ParsePool<F: DroppedFile> {
    /// How many files it parses at once; 0: the engine reads every file.
    fn workers(&self) -> usize;
    /// The smallest file worth a parser: a smaller one is read in the
    /// engine worker between batches.
    fn smallest_file(&self) -> u64 {
        STREAM_FROM_BYTES
    }
    /// Gives file `index` of the drop to an idle worker.
    fn start(&mut self, index: usize, file: &F, options: &IngestOptions);
    /// What the workers said since last asked (letting the event loop run
    /// first); `wait`: not before they said something.
    async fn news(&mut self, wait: bool) -> Vec<PoolNews>;
}

/// See [`ParsePool::smallest_file`]: below a megabyte a file is one
/// batch, and starting its parser would cost more than the parallel read
/// saves.
pub const STREAM_FROM_BYTES: u64 = 1 << 20;

/// What a parser worker said about file `index` of the drop.
#[derive(Debug)]
pub enum PoolNews {
    Progress { index: usize, stage: Stage, done: u64, total: u64 },
    /// The next rows of the file: a `dataset::batch` batch, and the byte
    /// of the file's text its parser had reached.
    Rows { index: usize, batch: Vec<u8>, reached: u64 },
    /// The file is read again from its start: its rows so far are void.
    Restart { index: usize },
    /// The file is read (every batch came before); `Err`: its worker died
    /// on it (why).
    Finished { index: usize, outcome: Result<Streamed, String> },
}

/// No parse pool: the engine worker reads every file itself.
pub struct NoPool;

impl<F: DroppedFile> ParsePool<F> for NoPool {
    fn workers(&self) -> usize {
        0
    }

    fn start(&mut self, _: usize, _: &F, _: &IngestOptions) {}

    async fn news(&mut self, _: bool) -> Vec<PoolNews> {
        Vec::new()
    }
}

/// The engine worker → a parser worker: one file to read, which travels
/// beside it (a `File` is structured-cloneable). JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParseJob {
    /// The engine's, so the user's column mappings apply as in the engine.
    pub options: IngestOptions,
}

/// A parser worker → the engine worker, as JSON text; a batch of rows
/// crosses as a transferred `ArrayBuffer` instead (the byte of the file's
/// text it reached, 8 bytes little-endian, then the `dataset::batch`
/// batch), not as one of these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromParser {
    Progress { stage: Stage, done: u64, total: u64 },
    /// Its wasm memory (which only grows), said just before each batch:
    /// the benchmark adds the parsers' to the engine worker's.
    Memory { bytes: u64 },
    /// See [`PoolNews::Restart`].
    Restart,
    /// The file is read: every batch was sent.
    Finished { streamed: Streamed },
    /// It panicked (its panic hook posts this before it traps) or threw or
    /// trapped (`static/parser.js` writes `{"crashed":{"message":…}}`).
    Crashed { message: String },
}

/// What the worker tells the page. Externally tagged, so a large snapshot
/// is parsed once rather than buffered per layer.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)] // one at a time, straight to JSON and back
pub enum FromWorker {
    Reply(Reply),
    /// The worker panicked: posted by its panic hook just before it traps.
    Panicked { message: String },
    /// The worker threw or trapped (e.g. out of memory): posted by
    /// `static/worker.js`'s error handler, which writes this variant's JSON
    /// by hand (`{"crashed":{"message":…}}`), or raised as the `Worker`'s
    /// error event on the page.
    Crashed { message: String },
}

/// One event answering message `to`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reply {
    pub to: MessageId,
    /// Which file of a drop (its position in the drop) the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<usize>,
    /// The line parsing had reached in that file, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub event: Event,
}

/// What the page asks of the engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Replace the dataset's files with the 200-team demo organisation,
    /// generated here in the worker: the page never holds its files.
    LoadLargeDemo,
    /// "Update the model" from a systemic or drift finding: a team's own
    /// value for a scalar norm, recorded in the model's norm change log
    /// with today's date, the old value and `reason`.
    ChangeNorm { team: String, norm: String, value: u32, reason: String },
    /// Build the review of what is open now (real names, whatever the
    /// presenter mode) and send it back as [`Event::ReviewFile`] to save.
    /// Asked once, never replayed into a new worker.
    SaveReview,
    /// Stop comparing with the saved review dropped earlier.
    ForgetReview,
    /// Look at the organisation as it stood on `day` (`None`: today): every
    /// row dated later is cut (`Dataset::as_of`). A day after today, or
    /// before any plausible export, is refused.
    SetAsOf { day: Option<NaiveDate> },
    /// A name in the files (as the Load page shows it: pseudonymised in
    /// presenter mode) is this roster person's; remembered in the model's
    /// `identities`, so their PRs and reviews count at once.
    ConfirmIdentity { name: String, person: String },
    /// Undo a confirmed match, by the name as shown.
    ForgetIdentity { name: String },
}

impl Request {
    /// What the request does, for a message that must name it ("… while
    /// applying a suggestion for Atlas").
    pub fn describe(&self) -> String {
        match self {
            Request::SetToday { today } => format!("setting the date to {today}"),
            Request::LoadDemo => "loading the demo organization".into(),
            Request::Forget => "forgetting everything".into(),
            Request::SetPresenter { on: true } => "turning presenter mode on".into(),
            Request::SetPresenter { on: false } => "turning presenter mode off".into(),
            Request::AcceptDeviation { .. } => "accepting a deviation".into(),
            Request::SetModel { .. } => "replacing the model".into(),
            Request::ImportModel { name, .. } => format!("importing the model {name}"),
            Request::SetFlavor { team, flavor } => format!("running {team} as {flavor}"),
            Request::SetNorm { team, norm, .. } => format!("changing {norm} for {team}"),
            Request::ShowSuggestions { .. } => "suggesting norms from history".into(),
            Request::ApplySuggestion { team, norm } => format!("applying the suggested {norm} for {team}"),
            Request::RevokeDeviation { .. } => "revoking an accepted deviation".into(),
            Request::MapColumns { .. } => "reading a file with your column mapping".into(),
            Request::SetMappings { .. } => "restoring remembered column mappings".into(),
            Request::AddFlavor { name, .. } => format!("adding the flavor {name}"),
            Request::SetFlavorNorm { flavor, norm, .. } => format!("changing {norm} of the flavor {flavor}"),
            Request::RemoveFlavor { name } => format!("removing the flavor {name}"),
            Request::SetContactCadence { .. } => "changing the contact cadence".into(),
            Request::ForgetMapping { .. } => "forgetting a column mapping".into(),
            Request::LoadLargeDemo => "loading the 200-team demo organization".into(),
            Request::ChangeNorm { team, norm, .. } => format!("updating {norm} for {team}"),
            Request::SaveReview => "saving this review".into(),
            Request::ForgetReview => "forgetting the saved review".into(),
            Request::SetAsOf { day: Some(day) } => format!("looking at the organisation as of {day}"),
            Request::SetAsOf { day: None } => "looking at the organisation as of today".into(),
            Request::ConfirmIdentity { .. } => "confirming who a name is".into(),
            Request::ForgetIdentity { .. } => "undoing a confirmed name".into(),
        }
    }

    /// Whether a new worker must be told this again to hold what the old
    /// one held: everything but a request for a file to save.
    pub fn is_replayed(&self) -> bool {
        !matches!(self, Request::SaveReview)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Parsing,
    /// Every file of a drop is in: the model, the tripwires and the views
    /// are being computed (seconds for a whole organisation).
    Checking,
    /// A request (a model change, presenter mode, the demo) is being
    /// applied and every view computed again.
    Updating,
    /// A demo organisation's files are being generated (`file` names it).
    Generating,
}

/// What the engine tells the page about one message. Externally tagged,
/// like [`FromWorker`]: an internally tagged enum is buffered whole before
/// it is read, which made the org2k snapshot's parse on the page's main
/// thread one long task (issue 12).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Progress {
        file: String,
        stage: Stage,
        done: u64,
        total: u64,
        /// The line parsing has reached, where the reader knows it; it
        /// crosses to the page as the reply's [`Reply::line`].
        #[serde(skip)]
        line: Option<u32>,
    },
    /// A file was refused; nothing loaded before it changed.
    FileRefused { error: IngestError },
    /// A file of a drop is in. The Load page shows this at once; the
    /// drop's `Snapshot` (findings and every view) follows when the last
    /// file is in.
    Overview { overview: Box<Overview> },
    Snapshot { snapshot: Box<Snapshot> },
    /// A request could not be carried out; nothing changed. A Snapshot
    /// still follows.
    RequestFailed { message: String },
    /// The review `Request::SaveReview` asked for: the page saves `json`
    /// as `name` (`teamdiff-review-YYYY-MM-DD.json`).
    ReviewFile { name: String, json: String },

    /// Open findings per week, computed after a message's snapshot
    /// (`dispatch::stream_history`) so it never delays it; tagged with the
    /// message whose state it describes.
    FindingsOverTime { history: Box<FindingsOverTime> },
}

/// The large parts of a [`Snapshot`], which cross to the page as JSON
/// documents of their own after the rest of the message
/// ([`FromWorker::into_json_parts`]): the page reads one or a few per task
/// and puts each back ([`FromWorker::add_json_part`]) before anything
/// else sees the snapshot, so no main-thread task parses the whole org2k
/// snapshot (2.9 MB of JSON, 65–105 ms, issue 12) and nothing on the page
/// ever holds part of one.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotPart {
    /// The next [`FINDINGS_PER_PART`] of `analysis.findings`, in order:
    /// systemic findings and triage name findings by position.
    Findings(Vec<ShownFinding>),
    Digest(Vec<DigestRow>),
    Triage(Vec<TriageItem>),
    Drift(Vec<Drift>),
    Systemic(Vec<Systemic>),
    Coverage(CoverageView),
    CycleTimePoints(Vec<ControlPoint>),
}

/// Findings per [`SnapshotPart::Findings`]: about 200 kB of org2k's JSON,
/// a few milliseconds to parse.
pub const FINDINGS_PER_PART: usize = 400;

impl SnapshotPart {
    /// Moves the large parts out of `snapshot`, leaving them empty.
    fn take_all(snapshot: &mut Snapshot) -> Vec<SnapshotPart> {
        let analysis = &mut snapshot.analysis;
        let mut findings = std::mem::take(&mut analysis.findings).into_iter();
        let mut parts = Vec::new();
        loop {
            let chunk: Vec<ShownFinding> = findings.by_ref().take(FINDINGS_PER_PART).collect();
            if chunk.is_empty() {
                break;
            }
            parts.push(SnapshotPart::Findings(chunk));
        }
        parts.extend([
            SnapshotPart::Digest(std::mem::take(&mut analysis.digest)),
            SnapshotPart::Triage(std::mem::take(&mut analysis.triage)),
            SnapshotPart::Drift(std::mem::take(&mut analysis.drift)),
            SnapshotPart::Systemic(std::mem::take(&mut analysis.systemic)),
            SnapshotPart::Coverage(std::mem::take(&mut snapshot.coverage)),
            SnapshotPart::CycleTimePoints(std::mem::take(&mut analysis.charts.cycle_time.points)),
        ]);
        parts
    }

    /// Puts a part [`SnapshotPart::take_all`] took back where it was.
    fn put_back(self, snapshot: &mut Snapshot) {
        let analysis = &mut snapshot.analysis;
        match self {
            SnapshotPart::Findings(mut chunk) => analysis.findings.append(&mut chunk),
            SnapshotPart::Digest(digest) => analysis.digest = digest,
            SnapshotPart::Triage(triage) => analysis.triage = triage,
            SnapshotPart::Drift(drift) => analysis.drift = drift,
            SnapshotPart::Systemic(systemic) => analysis.systemic = systemic,
            SnapshotPart::Coverage(coverage) => snapshot.coverage = coverage,
            SnapshotPart::CycleTimePoints(points) => analysis.charts.cycle_time.points = points,
        }
    }
}

impl FromWorker {
    /// The message as the JSON documents that cross to the page, in order:
    /// the message, then, if it carries a snapshot, the snapshot's
    /// [`SnapshotPart`]s, taken out of it.
    pub fn into_json_parts(mut self) -> Vec<Vec<u8>> {
        let parts = match &mut self {
            FromWorker::Reply(Reply { event: Event::Snapshot { snapshot }, .. }) => SnapshotPart::take_all(snapshot),
            _ => Vec::new(),
        };
        let first = serde_json::to_vec(&self).expect("worker messages serialise");
        std::iter::once(first).chain(parts.iter().map(|part| serde_json::to_vec(part).expect("snapshot parts serialise"))).collect()
    }

    /// The first document of [`FromWorker::into_json_parts`] (or a whole
    /// message, as `static/worker.js` writes one).
    pub fn from_json(json: &[u8]) -> Result<FromWorker, String> {
        serde_json::from_slice(json).map_err(|e| format!("unreadable worker message: {e}"))
    }

    /// Puts back the part one of the documents after the first holds.
    pub fn add_json_part(&mut self, json: &[u8]) -> Result<(), String> {
        let FromWorker::Reply(Reply { event: Event::Snapshot { snapshot }, .. }) = self else {
            return Err("a snapshot part after a worker message that holds no snapshot".into());
        };
        let part: SnapshotPart = serde_json::from_slice(json).map_err(|e| format!("unreadable snapshot part: {e}"))?;
        part.put_back(snapshot);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn page_messages_round_trip_as_json() {
        let messages = [
            ToWorker { id: MessageId(1), message: Message::Request(Request::SetToday { today: today() }), test_fault: None },
            ToWorker { id: MessageId(2), message: Message::Files { count: 3 }, test_fault: Some(TestFault::Panic) },
            ToWorker {
                id: MessageId(3),
                message: Message::Request(Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: None }),
                test_fault: Some(TestFault::Hang),
            },
        ];
        for message in messages {
            let json = serde_json::to_string(&message).unwrap();
            assert_eq!(serde_json::from_str::<ToWorker>(&json).unwrap(), message, "{json}");
        }
        let plain = ToWorker { id: MessageId(9), message: Message::Request(Request::LoadDemo), test_fault: None };
        let json = serde_json::to_string(&plain).unwrap();
        assert!(!json.contains("test_fault"), "the app never sends the field: {json}");
        assert_eq!(
            serde_json::to_string(&Request::SetToday { today: today() }).unwrap(),
            r#"{"type":"set_today","today":"2026-11-22"}"#
        );
    }

    #[test]
    fn worker_messages_round_trip_and_worker_js_crash_reports_decode() {
        let reply = FromWorker::Reply(Reply {
            to: MessageId(7),
            file: Some(1),
            line: Some(41),
            event: Event::Progress { file: "prs.csv".into(), stage: Stage::Parsing, done: 10, total: 20, line: None },
        });
        let json = serde_json::to_string(&reply).unwrap();
        let FromWorker::Reply(back) = serde_json::from_str(&json).unwrap() else { panic!("{json}") };
        assert_eq!((back.to, back.file, back.line), (MessageId(7), Some(1), Some(41)));
        assert!(matches!(back.event, Event::Progress { stage: Stage::Parsing, done: 10, .. }));

        // Exactly what static/worker.js posts when the worker throws.
        let from_js = r#"{"crashed":{"message":"RuntimeError: unreachable"}}"#;
        assert!(matches!(serde_json::from_str(from_js).unwrap(), FromWorker::Crashed { message } if message == "RuntimeError: unreachable"));
        assert!(serde_json::from_str::<FromWorker>(r#"{"shrug":{}}"#).is_err());
    }

    #[test]
    fn every_request_describes_itself() {
        let described = Request::ApplySuggestion { team: "Atlas".into(), norm: "quiet_days".into() }.describe();
        assert_eq!(described, "applying the suggested quiet_days for Atlas");
        assert_eq!(Request::ImportModel { name: "m.json".into(), json: String::new() }.describe(), "importing the model m.json");
    }

    /// A snapshot reply as the worker posts it, then read back as the
    /// page reads it: the first document, then each part put back.
    fn across_in_parts(message: FromWorker) -> (Vec<Vec<u8>>, FromWorker) {
        let documents = message.into_json_parts();
        let mut read = FromWorker::from_json(&documents[0]).unwrap();
        for part in &documents[1..] {
            read.add_json_part(part).unwrap();
        }
        (documents, read)
    }

    fn snapshot_reply(snapshot: Snapshot) -> FromWorker {
        FromWorker::Reply(Reply { to: MessageId(4), file: None, line: None, event: Event::Snapshot { snapshot: Box::new(snapshot) } })
    }

    /// `read` is what the page made of `sent` read whole, as one JSON
    /// document (which is not quite `sent`: serde_json reads some floats
    /// back one unit in the last place off). Snapshot has no `PartialEq`:
    /// equal JSON is equal content, field by field. A difference is shown
    /// where it starts.
    fn assert_same(read: &FromWorker, sent: &FromWorker) {
        let read_whole = FromWorker::from_json(&serde_json::to_vec(sent).unwrap()).unwrap();
        let (read, sent) = (serde_json::to_string(read).unwrap(), serde_json::to_string(&read_whole).unwrap());
        if let Some(at) = read.bytes().zip(sent.bytes()).position(|(a, b)| a != b).or((read.len() != sent.len()).then(|| read.len().min(sent.len()))) {
            let around = |text: &str| text.get(at.saturating_sub(200)..(at + 200).min(text.len())).unwrap_or("(not at a character boundary)").to_string();
            panic!("read back differs at byte {at}:\n read: …{}…\n sent: …{}…", around(&read), around(&sent));
        }
    }

    #[test]
    fn the_demos_snapshot_crosses_in_parts_and_is_put_back_whole_with_and_without_presenter_mode() {
        let mut engine = crate::engine::Engine::new(today());
        let real = engine.handle(Request::LoadDemo, &mut |_| {});
        assert!(!real.analysis.findings.is_empty() && !real.analysis.digest.is_empty() && !real.coverage.teams.is_empty(), "a demo with every part");
        let presented = engine.handle(Request::SetPresenter { on: true }, &mut |_| {});
        for snapshot in [real, presented] {
            let whole = snapshot_reply(snapshot);
            let (documents, read) = across_in_parts(whole.clone());
            assert!(documents.len() > 1, "sent in parts");
            assert_same(&read, &whole);
        }
    }

    #[test]
    fn hostile_names_and_many_findings_cross_in_parts_in_order() {
        let mut snapshot = crate::engine::Engine::new(today()).handle(Request::LoadDemo, &mut |_| {});
        let template = snapshot.analysis.findings[0].clone();
        let hostile = ["\"quoted\" \\ back\\slash", "line\nbreak\ttab\u{0}nul", "\u{2028}\u{2029}</script><b>", "名前 🧑‍💻 ｆｕｌｌ", "}], \"findings\": [", ""];
        // Several parts' worth, and one finding more, so the last part is short.
        snapshot.analysis.findings = (0..3 * FINDINGS_PER_PART + 1)
            .map(|i| {
                let name = format!("{}{i}", hostile[i % hostile.len()]);
                let mut finding = template.clone();
                finding.key = format!("{}|{name}", finding.key);
                (finding.row.subject, finding.row.person, finding.row.why) = (name.clone(), Some(name.clone()), format!("{name} said {name:?}"));
                finding
            })
            .collect();
        snapshot.analysis.digest[0].team = hostile[0].into();
        let whole = snapshot_reply(snapshot);
        let (documents, read) = across_in_parts(whole.clone());
        let findings_parts = documents.iter().filter(|json| json.starts_with(br#"{"findings":"#)).count();
        assert_eq!(findings_parts, 4, "three parts' worth of findings and one more");
        assert_same(&read, &whole);
    }

    #[test]
    fn only_a_snapshot_is_split_and_a_part_must_belong_to_one() {
        let progress = FromWorker::Reply(Reply { to: MessageId(1), file: None, line: None, event: Event::Progress { file: "a.csv".into(), stage: Stage::Reading, done: 1, total: 2, line: None } });
        let documents = progress.clone().into_json_parts();
        assert_eq!(documents.len(), 1);
        let mut read = FromWorker::from_json(&documents[0]).unwrap();
        assert_same(&read, &progress);
        let part = serde_json::to_vec(&SnapshotPart::Digest(Vec::new())).unwrap();
        assert!(read.add_json_part(&part).unwrap_err().contains("holds no snapshot"));

        let mut snapshot = snapshot_reply(crate::engine::Engine::new(today()).snapshot());
        assert!(snapshot.add_json_part(b"{\"digest\": 7}").unwrap_err().starts_with("unreadable snapshot part"));
        assert!(FromWorker::from_json(b"[").unwrap_err().starts_with("unreadable worker message"));
    }
}
