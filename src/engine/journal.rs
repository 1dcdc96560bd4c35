//! The page's record of its conversation with the worker: what is in
//! flight, what is loaded, and what to replay into a fresh worker.
//!
//! The worker is only a cache of the analysis. The page keeps what was
//! loaded (`File` handles are cheap references), so when the worker is
//! replaced (the user cancels a long load, or the worker dies on a file
//! that exhausts its memory or hits a bug), the journal replays the same
//! drops and model changes, in the same order, into a new one. Earlier
//! state is never lost.
//!
//! Pure and generic over the file handle, so it is tested natively;
//! `ui::bridge` only carries out the [`Commands`] each call returns.
//!
//! Rules:
//! * every message is answered by exactly one snapshot, matched by id;
//! * a refused file (matched by its position in its drop) is not replayed,
//!   the rest of its drop is; a refused request is not replayed;
//! * a worker that dies is replaced at once. The message it was working on
//!   is reported, naming the file and the line parsing had reached; that
//!   file (or that request) is left out of the replay, so a file that kills
//!   the worker cannot do it again. A death that leaves nothing out
//!   (e.g. the worker cannot even start) is retried once; a second in a
//!   row stops the restarts until the user acts again.

use std::collections::{BTreeSet, VecDeque};

use chrono::NaiveDate;

use super::protocol::{DroppedFile, FromWorker, Message, MessageId, Reply, TestFault, ToWorker, MAX_DROP_BYTES};
use super::{Event, Request, Stage};
use crate::ingest::IngestError;

/// Which worker a message came from: a replaced worker's late messages
/// are ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkerId(pub u32);

/// What the bridge must do after a call, in this order: start or stop a
/// worker, post the messages to it, show the events on the page.
#[derive(Debug)]
pub struct Commands<F> {
    pub worker: WorkerChange,
    pub post: Vec<Outgoing<F>>,
    pub show: Vec<Event>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerChange {
    Keep,
    /// Terminate the current worker (if any) and start worker
    /// [`Journal::worker`] before posting.
    Replace,
    /// Terminate the current worker and start none.
    Stop,
}

/// A message to post, with the files that travel beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing<F> {
    pub message: ToWorker,
    pub files: Vec<F>,
}

impl<F> Commands<F> {
    fn none() -> Commands<F> {
        Commands { worker: WorkerChange::Keep, post: Vec::new(), show: Vec::new() }
    }

    fn showing(event: Event) -> Commands<F> {
        Commands { show: vec![event], ..Commands::none() }
    }
}

/// What a message did, for replaying it.
#[derive(Clone, Debug, PartialEq)]
enum Source<F> {
    Files(Vec<F>),
    Request(Request),
}

struct InFlight<F> {
    id: MessageId,
    source: Source<F>,
    /// Replayed into a new worker. Session settings (the date, presenter
    /// mode) are not: every new worker gets the current ones first.
    replay: bool,
    /// Positions in the drop of the files refused so far.
    refused: BTreeSet<usize>,
    /// The request was refused.
    failed: bool,
    /// What the worker last said it was doing for this message.
    working: Working,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Working {
    NotStarted,
    File { index: usize, line: Option<u32> },
    /// Every file of the drop is in; the tripwires run over all of them.
    Checking,
    Request,
}

impl<F: DroppedFile> InFlight<F> {
    /// What to replay: the drop without its refused files, or the request
    /// unless it was refused or is a session setting.
    fn into_replay(self) -> Option<Source<F>> {
        if !self.replay || self.failed {
            return None;
        }
        match self.source {
            Source::Files(files) => {
                let kept: Vec<F> =
                    files.into_iter().enumerate().filter(|(i, _)| !self.refused.contains(i)).map(|(_, f)| f).collect();
                (!kept.is_empty()).then_some(Source::Files(kept))
            }
            request => Some(request),
        }
    }
}

pub struct Journal<F> {
    today: NaiveDate,
    presenter: bool,
    /// The day the user looks at the organisation as of (`None`: today): a
    /// session setting, replayed into every new worker like presenter mode.
    as_of: Option<NaiveDate>,
    /// The last message answered: a history posted after its snapshot is
    /// shown only while nothing newer is in flight.
    last_answered: Option<MessageId>,
    next_id: u64,
    worker: WorkerId,
    /// Answered messages to replay, in the order they were sent.
    loaded: Vec<Source<F>>,
    /// Sent and not answered yet, oldest first: the worker answers in order,
    /// so the front is the one it is working on.
    in_flight: VecDeque<InFlight<F>>,
    /// Deaths that left nothing out of the replay since the worker last
    /// answered everything.
    fruitless_deaths: u32,
    /// Restarts stopped after repeated deaths; the next action restarts.
    stopped: bool,
}

impl<F: DroppedFile> Journal<F> {
    pub fn new(today: NaiveDate) -> Journal<F> {
        Journal {
            today,
            presenter: false,
            as_of: None,
            last_answered: None,
            next_id: 1,
            worker: WorkerId(0),
            loaded: Vec::new(),
            in_flight: VecDeque::new(),
            fruitless_deaths: 0,
            stopped: true,
        }
    }

    /// The worker that should be running.
    pub fn worker(&self) -> WorkerId {
        self.worker
    }

    /// Whether every message sent so far has been answered, i.e. the last
    /// snapshot reflects everything the page asked for.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_empty()
    }

    /// Starts the first worker.
    pub fn start(&mut self) -> Commands<F> {
        self.restart()
    }

    /// One drop (or pick) of files. A drop over [`MAX_DROP_BYTES`] is
    /// refused whole, before anything is read.
    pub fn load_files(&mut self, files: Vec<F>, test_fault: Option<TestFault>) -> Commands<F> {
        if files.is_empty() {
            return Commands::none();
        }
        let total: u64 = files.iter().map(DroppedFile::size).sum();
        if total > MAX_DROP_BYTES {
            let listed: Vec<String> = files.iter().map(|f| format!("{} ({})", f.name(), megabytes(f.size()))).collect();
            return Commands::showing(Event::RequestFailed {
                message: format!(
                    "Nothing was loaded: these files hold {} together, more than the {} teamdiff reads in one drop: {}. \
                     Drop them a few at a time. Everything loaded before is still here.",
                    megabytes(total),
                    megabytes(MAX_DROP_BYTES),
                    listed.join(", ")
                ),
            });
        }
        self.send(Source::Files(files), true, test_fault)
    }

    /// Replaces everything with the demo organisation.
    pub fn load_demo(&mut self) -> Commands<F> {
        self.loaded.clear();
        self.send(Source::Request(Request::LoadDemo), true, None)
    }

    /// Replaces everything with the 200-team demo organisation, generated
    /// in the worker. It takes seconds, so what was loaded stays in the
    /// journal until the demo's snapshot arrives: cancelled (or fatal),
    /// the demo leaves the earlier files replayed, not lost.
    pub fn load_large_demo(&mut self) -> Commands<F> {
        self.send(Source::Request(Request::LoadLargeDemo), true, None)
    }

    /// A change to what the engine holds (the model, a mapping), replayed
    /// after the files loaded before it.
    pub fn change(&mut self, request: Request, test_fault: Option<TestFault>) -> Commands<F> {
        let replay = request.is_replayed();
        self.send(Source::Request(request), replay, test_fault)
    }

    pub fn set_presenter(&mut self, on: bool) -> Commands<F> {
        self.presenter = on;
        self.send(Source::Request(Request::SetPresenter { on }), false, None)
    }

    /// Looks at the organisation as of `day` (`None`: today). The page
    /// checks the day first (`views::over_time::parse_day`).
    pub fn set_as_of(&mut self, day: Option<NaiveDate>) -> Commands<F> {
        self.as_of = day;
        self.send(Source::Request(Request::SetAsOf { day }), false, None)
    }

    /// Stops whatever is in flight; what had loaded stays loaded.
    pub fn cancel(&mut self) -> Commands<F> {
        self.in_flight.clear();
        self.restart()
    }

    /// Drops every file and starts from nothing.
    pub fn forget(&mut self) -> Commands<F> {
        self.loaded.clear();
        self.in_flight.clear();
        self.fruitless_deaths = 0;
        self.restart()
    }

    /// A message from worker `from`, or its death.
    pub fn receive(&mut self, from: WorkerId, message: FromWorker) -> Commands<F> {
        if from != self.worker || self.stopped {
            return Commands::none();
        }
        match message {
            FromWorker::Reply(reply) => self.reply(reply),
            FromWorker::Panicked { message } => self.died(format!("an internal error: {}", one_line(&message))),
            // A trap without a panic message: in Rust's wasm, nearly always
            // an allocation that failed.
            FromWorker::Crashed { message } if message.contains("RuntimeError") => {
                self.died(format!("it most likely ran out of memory ({})", one_line(&message)))
            }
            FromWorker::Crashed { message } => self.died(one_line(&message)),
        }
    }

    fn reply(&mut self, reply: Reply) -> Commands<F> {
        let Reply { to, file, line, event } = reply;
        if let Event::FindingsOverTime { .. } = event {
            // Computed after its message's snapshot: stale once anything
            // newer is asked for (that message brings its own).
            let current = self.in_flight.is_empty() && self.last_answered == Some(to);
            return if current { Commands::showing(event) } else { Commands::none() };
        }
        let Some(at) = self.in_flight.iter().position(|m| m.id == to) else {
            // Answers a message this worker was never sent.
            return Commands::none();
        };
        let message = &mut self.in_flight[at];
        match &event {
            Event::Progress { stage, .. } => {
                message.working = match (file, stage) {
                    (Some(index), _) => Working::File { index, line },
                    (None, Stage::Checking) => Working::Checking,
                    (None, _) => Working::Request,
                }
            }
            Event::FileRefused { .. } => {
                if let Some(index) = file {
                    message.refused.insert(index);
                }
            }
            Event::RequestFailed { .. } => message.failed = true,
            Event::Overview { .. } | Event::ReviewFile { .. } | Event::FindingsOverTime { .. } => {}
            Event::Snapshot { .. } => {
                self.last_answered = Some(to);
                let answered = self.in_flight.remove(at).expect("found above");
                // The large demo replaced everything loaded before it.
                if matches!(answered.source, Source::Request(Request::LoadLargeDemo)) && !answered.failed {
                    self.loaded.clear();
                }
                if let Some(source) = answered.into_replay() {
                    self.loaded.push(source);
                }
                if self.in_flight.is_empty() {
                    self.fruitless_deaths = 0;
                }
            }
        }
        Commands::showing(event)
    }

    /// The worker died `why`: report what it was doing, leave that out,
    /// and replay everything else into a new worker.
    fn died(&mut self, why: String) -> Commands<F> {
        let culprit = self.in_flight.pop_front();
        if !culprit.as_ref().is_some_and(|m| m.replay) {
            self.fruitless_deaths += 1;
        }
        let report = match culprit {
            None => Event::RequestFailed { message: format!("The analysis stopped: {why}. {RESTARTED}") },
            Some(message) => {
                let (report, rest) = blame(message, &why);
                if let Some(rest) = rest {
                    self.in_flight.push_front(rest);
                }
                report
            }
        };
        if self.fruitless_deaths >= 2 {
            self.stopped = true;
            let message = format!(
                "The analysis stopped again as soon as it restarted: {why}. teamdiff will try again when you next \
                 drop a file or change something; reloading the page also starts over."
            );
            return Commands { worker: WorkerChange::Stop, post: Vec::new(), show: vec![report, Event::RequestFailed { message }] };
        }
        let mut commands = self.restart();
        commands.show.insert(0, report);
        commands
    }

    /// A new worker: the session settings first, then every loaded and
    /// unanswered message again, in order, under new ids.
    fn restart(&mut self) -> Commands<F> {
        self.worker.0 += 1;
        self.stopped = false;
        let in_flight = std::mem::take(&mut self.in_flight);
        let replay: Vec<Source<F>> =
            std::mem::take(&mut self.loaded).into_iter().chain(in_flight.into_iter().filter_map(InFlight::into_replay)).collect();
        let mut post = vec![self.post(Source::Request(Request::SetToday { today: self.today }), false, None)];
        // Before any replay, so no snapshot with real names is drawn.
        if self.presenter {
            post.push(self.post(Source::Request(Request::SetPresenter { on: true }), false, None));
        }
        if self.as_of.is_some() {
            post.push(self.post(Source::Request(Request::SetAsOf { day: self.as_of }), false, None));
        }
        for source in replay {
            post.push(self.post(source, true, None));
        }
        Commands { worker: WorkerChange::Replace, post, show: Vec::new() }
    }

    /// Sends a message from the user; after repeated deaths, restarts first.
    fn send(&mut self, source: Source<F>, replay: bool, test_fault: Option<TestFault>) -> Commands<F> {
        if !self.stopped {
            return Commands { post: vec![self.post(source, replay, test_fault)], ..Commands::none() };
        }
        // The restart posts the session settings itself.
        let mut commands = self.restart();
        if replay {
            commands.post.push(self.post(source, replay, test_fault));
        }
        commands
    }

    fn post(&mut self, source: Source<F>, replay: bool, test_fault: Option<TestFault>) -> Outgoing<F> {
        let id = MessageId(self.next_id);
        self.next_id += 1;
        let (message, files) = match &source {
            Source::Files(files) => (Message::Files { count: files.len() }, files.clone()),
            Source::Request(request) => (Message::Request(request.clone()), Vec::new()),
        };
        self.in_flight.push_back(InFlight { id, source, replay, refused: BTreeSet::new(), failed: false, working: Working::NotStarted });
        Outgoing { message: ToWorker { id, message, test_fault }, files }
    }
}

/// Ends every report of a death: the user's next question.
const RESTARTED: &str = "teamdiff restarted it with everything loaded before.";

/// The report for the message the worker died on, and what of it is still
/// to replay: the rest of a drop that died on one of its files.
fn blame<F: DroppedFile>(mut message: InFlight<F>, why: &str) -> (Event, Option<InFlight<F>>) {
    let files = match &message.source {
        Source::Files(files) => files,
        Source::Request(request) => {
            let undone = if message.replay { "That change was not applied, and " } else { "" };
            let text = format!("The analysis stopped while {}: {why}. {undone}{RESTARTED}", request.describe());
            return (Event::RequestFailed { message: text }, None);
        }
    };
    let (index, line) = match message.working {
        Working::File { index, line } => (index, line),
        Working::Checking => {
            let names: Vec<String> =
                files.iter().enumerate().filter(|(i, _)| !message.refused.contains(i)).map(|(_, f)| f.name()).collect();
            let text = format!(
                "The analysis stopped while checking the tripwires over {}: {why}. They were left out, and {RESTARTED}",
                names.join(", ")
            );
            return (Event::RequestFailed { message: text }, None);
        }
        // Nothing said yet: it was about to read the first file left.
        Working::NotStarted | Working::Request => ((0..files.len()).find(|i| !message.refused.contains(i)).unwrap_or(0), None),
    };
    let near = if line.is_some() { " near this line" } else { "" };
    let error = IngestError {
        path: files.get(index).map(DroppedFile::name).unwrap_or_default(),
        line: line.unwrap_or(0),
        column: 0,
        message: format!("the analysis stopped while reading this file{near}: {why}. The file was left out and the analysis restarted."),
    };
    message.refused.insert(index);
    (Event::FileRefused { error }, Some(message))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use std::panic::{catch_unwind, AssertUnwindSafe};

    use super::*;
    use crate::engine::dispatch::testing::*;
    use crate::engine::dispatch::answer;
    use crate::engine::{Engine, Snapshot};

    /// The page and its worker, without a browser: carries out the
    /// journal's commands on a native engine, as `ui::bridge` does.
    struct Page {
        journal: Journal<TestFile>,
        engine: Engine,
        worker: WorkerId,
        running: bool,
        queue: VecDeque<Outgoing<TestFile>>,
        posted: Vec<Outgoing<TestFile>>,
        shown: Vec<Event>,
    }

    impl Page {
        fn open() -> Page {
            let mut page = Page {
                journal: Journal::new(today()),
                engine: Engine::new(today()),
                worker: WorkerId(0),
                running: false,
                queue: VecDeque::new(),
                posted: Vec::new(),
                shown: Vec::new(),
            };
            let commands = page.journal.start();
            page.carry_out(commands);
            page.settle();
            page
        }

        fn carry_out(&mut self, commands: Commands<TestFile>) {
            match commands.worker {
                WorkerChange::Keep => {}
                WorkerChange::Replace => {
                    self.engine = Engine::new(today());
                    self.worker = self.journal.worker();
                    self.queue.clear();
                    self.running = true;
                }
                WorkerChange::Stop => {
                    self.queue.clear();
                    self.running = false;
                }
            }
            self.posted.extend(commands.post.iter().cloned());
            self.queue.extend(commands.post);
            self.shown.extend(commands.show);
        }

        fn receive(&mut self, message: FromWorker) {
            let commands = self.journal.receive(self.worker, message);
            self.carry_out(commands);
        }

        /// The worker's replies to its next message; a panic in it (a
        /// test fault) ends them with what the panic hook would post.
        fn answer_next(&mut self) -> Option<Vec<FromWorker>> {
            let Outgoing { message, files } = self.queue.pop_front()?;
            let mut posted = Vec::new();
            let ran = catch_unwind(AssertUnwindSafe(|| block_on(answer(&mut self.engine, message, files, &mut |m| posted.push(m)))));
            if ran.is_err() {
                posted.push(FromWorker::Panicked { message: "panicked at src/engine/dispatch.rs: a fault the tests asked for".into() });
            }
            Some(posted)
        }

        /// Lets the worker answer everything queued.
        fn settle(&mut self) {
            while let Some(replies) = self.answer_next() {
                for reply in replies {
                    self.receive(reply);
                }
            }
        }

        /// Like `settle`, but the worker dies (out of memory) as soon as
        /// it starts parsing a file named `poison`.
        fn settle_dying_on(&mut self, poison: &str) {
            'messages: while let Some(replies) = self.answer_next() {
                for reply in replies {
                    let fatal = matches!(&reply, FromWorker::Reply(Reply { event: Event::Progress { file, stage: Stage::Parsing, .. }, .. }) if file == poison);
                    self.receive(reply);
                    if fatal {
                        self.receive(FromWorker::Crashed { message: "RuntimeError: unreachable".into() });
                        continue 'messages;
                    }
                }
            }
        }

        fn load(&mut self, files: &[(&str, &[u8])]) {
            let files = files.iter().map(|(name, bytes)| TestFile::new(name, bytes)).collect();
            let commands = self.journal.load_files(files, None);
            self.carry_out(commands);
        }

        fn change(&mut self, request: Request) {
            let commands = self.journal.change(request, None);
            self.carry_out(commands);
        }

        fn last_snapshot(&self) -> &Snapshot {
            self.shown.iter().rev().find_map(|e| if let Event::Snapshot { snapshot } = e { Some(&**snapshot) } else { None }).expect("a snapshot")
        }

        fn file_names(&self) -> Vec<String> {
            self.last_snapshot().overview.files.iter().map(|f| f.path.clone()).collect()
        }

        fn refusals(&self) -> Vec<&IngestError> {
            self.shown.iter().filter_map(|e| if let Event::FileRefused { error } = e { Some(error) } else { None }).collect()
        }

        fn request_failures(&self) -> Vec<&str> {
            self.shown.iter().filter_map(|e| if let Event::RequestFailed { message } = e { Some(message.as_str()) } else { None }).collect()
        }

        /// What a cancel would replay: each message as (request, file names).
        fn replay_plan(&mut self) -> Vec<String> {
            let commands = self.journal.cancel();
            let plan = commands.post.iter().map(describe).collect();
            self.carry_out(commands);
            plan
        }
    }

    fn describe(outgoing: &Outgoing<TestFile>) -> String {
        match &outgoing.message.message {
            Message::Request(request) => format!("{request:?}"),
            Message::Files { .. } => {
                let files: Vec<String> = outgoing.files.iter().map(|f| format!("{}[{}]", f.name, f.bytes.len())).collect();
                format!("files {}", files.join(" "))
            }
        }
    }

    const REVIEWS: &[u8] = b"pr,reviewer,state,submitted_at\n1,Bob,APPROVED,2026-11-02T12:00:00Z\n";

    #[test]
    fn every_message_is_answered_by_one_snapshot_matched_by_id() {
        let mut page = Page::open();
        page.load(&[("teams.csv", TEAMS), ("roster.csv", ROSTER)]);
        page.change(Request::SetFlavor { team: "Atlas".into(), flavor: "greenfield".into() });
        let commands = page.journal.set_presenter(true);
        page.carry_out(commands);
        page.load(&[("prs.csv", PRS)]);
        assert!(!page.journal.is_idle());
        page.settle();
        assert!(page.journal.is_idle());
        let snapshots = page.shown.iter().filter(|e| matches!(e, Event::Snapshot { .. })).count();
        assert_eq!(snapshots, page.posted.len(), "one snapshot per message");
        let ids: BTreeSet<MessageId> = page.posted.iter().map(|o| o.message.id).collect();
        assert_eq!(ids.len(), page.posted.len(), "ids are never reused");
        assert_eq!(page.file_names(), ["teams.csv", "roster.csv", "prs.csv"]);
        assert!(page.last_snapshot().analysis.presenter);
    }

    #[test]
    fn a_refused_file_is_not_replayed_but_the_rest_of_its_drop_is() {
        let mut page = Page::open();
        // Two files of the same name: the refused one is known by position.
        page.load(&[("prs.csv", PRS), ("prs.csv", b""), ("reviews.csv", REVIEWS)]);
        page.settle();
        assert_eq!(page.refusals().len(), 1);
        let plan = page.replay_plan();
        assert_eq!(plan[1..], [format!("files prs.csv[{}] reviews.csv[{}]", PRS.len(), REVIEWS.len())], "{plan:?}");
        page.settle();
        assert_eq!(page.file_names(), ["prs.csv", "reviews.csv"]);
        assert_eq!(page.refusals().len(), 1, "the refused file is not tried again");
    }

    #[test]
    fn a_model_change_is_replayed_after_the_files_before_it_and_a_refused_one_is_not() {
        let mut page = Page::open();
        page.load(&[("teams.csv", TEAMS)]);
        page.change(Request::SetFlavor { team: "Atlas".into(), flavor: "greenfield".into() });
        page.change(Request::SetFlavor { team: "Nobody".into(), flavor: "infra".into() });
        page.load(&[("roster.csv", ROSTER)]);
        page.settle();
        assert_eq!(page.request_failures().len(), 1);
        let plan = page.replay_plan();
        let expected = [
            format!("{:?}", Request::SetToday { today: today() }),
            format!("files teams.csv[{}]", TEAMS.len()),
            format!("{:?}", Request::SetFlavor { team: "Atlas".into(), flavor: "greenfield".into() }),
            format!("files roster.csv[{}]", ROSTER.len()),
        ];
        assert_eq!(plan, expected);
    }

    /// A new worker replaying "Save this review" would save the file again.
    #[test]
    fn saving_a_review_is_not_replayed_but_forgetting_it_is() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        page.change(Request::SaveReview);
        page.change(Request::ForgetReview);
        page.settle();
        let saved = page.shown.iter().filter(|e| matches!(e, Event::ReviewFile { .. })).count();
        assert_eq!(saved, 1);
        let plan = page.replay_plan();
        assert!(!plan.iter().any(|m| m.contains("SaveReview")), "{plan:?}");
        assert_eq!(plan.last().map(String::as_str), Some("ForgetReview"));
    }

    #[test]
    fn a_cancel_drops_what_is_in_flight_and_keeps_what_loaded() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        page.settle();
        page.load(&[("huge.csv", PRS)]);
        page.change(Request::ShowSuggestions { on: true });
        let plan = page.replay_plan();
        assert_eq!(plan.len(), 2, "{plan:?}");
        assert!(plan[1].starts_with("files prs.csv"));
        page.settle();
        assert_eq!(page.file_names(), ["prs.csv"]);
        assert!(!page.last_snapshot().suggesting);
    }

    #[test]
    fn a_cancelled_large_demo_leaves_what_was_loaded_and_an_answered_one_replaces_it() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        page.settle();
        let commands = page.journal.load_large_demo();
        page.carry_out(commands);
        let plan = page.replay_plan();
        assert_eq!(plan[1..], [format!("files prs.csv[{}]", PRS.len())], "cancelled: the earlier file is back, the demo is not replayed");
        page.settle();
        assert_eq!(page.file_names(), ["prs.csv"]);

        // Answered (the engine's real snapshot stands in for the 200 teams,
        // too slow to generate in a debug test): the demo is all there is.
        let commands = page.journal.load_large_demo();
        let id = commands.post[0].message.id;
        page.carry_out(commands);
        page.queue.clear();
        let snapshot = Box::new(page.engine.snapshot());
        page.receive(FromWorker::Reply(Reply { to: id, file: None, line: None, event: Event::Snapshot { snapshot } }));
        assert!(page.journal.is_idle());
        let plan = page.replay_plan();
        assert_eq!(plan[1..], [format!("{:?}", Request::LoadLargeDemo)], "{plan:?}");
    }

    #[test]
    fn replay_after_a_restart_reproduces_the_same_state() {
        let mut page = Page::open();
        page.load(&[("teams.csv", TEAMS), ("roster.csv", ROSTER), ("prs.csv", PRS)]);
        page.change(Request::SetNorm { team: "Atlas".into(), norm: "quiet_days".into(), value: Some(9) });
        let commands = page.journal.set_presenter(true);
        page.carry_out(commands);
        page.load(&[("reviews.csv", REVIEWS)]);
        page.settle();
        let before = serde_json::to_string(page.last_snapshot()).unwrap();

        // The worker dies while idle: nothing to blame, everything replayed.
        page.receive(FromWorker::Crashed { message: "RuntimeError: unreachable".into() });
        assert_eq!(page.worker, WorkerId(2));
        page.settle();
        assert_eq!(serde_json::to_string(page.last_snapshot()).unwrap(), before);
        assert!(page.request_failures()[0].contains("restarted it with everything loaded before"), "{:?}", page.request_failures());
        // Presenter mode is set before any replayed file, so no real name is drawn.
        let restart = &page.posted[page.posted.len() - 5..];
        assert_eq!(restart[1].message.message, Message::Request(Request::SetPresenter { on: true }));
    }

    #[test]
    fn a_death_while_reading_a_file_names_it_and_its_line_and_replays_everything_else() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        page.settle();
        page.load(&[("teams.csv", TEAMS), ("poison.csv", REVIEWS), ("roster.csv", ROSTER)]);
        page.settle_dying_on("poison.csv");
        let refusals = page.refusals();
        assert_eq!(refusals.len(), 1, "{refusals:?}");
        let error = refusals[0];
        assert_eq!((error.path.as_str(), error.line), ("poison.csv", 2), "the line of the last parsing report");
        assert!(error.message.contains("ran out of memory") && error.message.contains("left out"), "{}", error.message);
        assert_eq!(page.file_names(), ["prs.csv", "teams.csv", "roster.csv"], "earlier files and the rest of the drop");
        assert!(page.journal.is_idle());
    }

    #[test]
    fn a_test_fault_in_a_drop_is_reported_with_the_file_and_line_and_not_replayed() {
        let mut page = Page::open();
        page.load(&[("teams.csv", TEAMS)]);
        page.settle();
        let files = vec![TestFile::new("prs.csv", PRS), TestFile::new("roster.csv", ROSTER)];
        let commands = page.journal.load_files(files, Some(TestFault::Panic));
        page.carry_out(commands);
        page.settle();
        let error = page.refusals()[0];
        assert_eq!((error.path.as_str(), error.line), ("prs.csv", 3));
        assert!(error.message.contains("an internal error: panicked at"), "{}", error.message);
        assert_eq!(page.file_names(), ["teams.csv", "roster.csv"]);
        assert!(page.posted.iter().filter(|o| o.message.test_fault.is_some()).count() == 1, "the fault is never replayed");
    }

    #[test]
    fn a_death_on_a_model_change_names_it_and_the_change_is_not_applied() {
        let mut page = Page::open();
        page.load(&[("teams.csv", TEAMS)]);
        page.settle();
        let commands = page.journal.change(Request::SetFlavor { team: "Atlas".into(), flavor: "greenfield".into() }, Some(TestFault::Panic));
        page.carry_out(commands);
        // Posted while the change is in flight: sent again after the restart.
        page.load(&[("roster.csv", ROSTER)]);
        page.settle();
        let failures = page.request_failures();
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("while running Atlas as greenfield") && failures[0].contains("not applied"), "{}", failures[0]);
        assert_eq!(page.last_snapshot().model.flavor_of("Atlas"), "infra");
        assert_eq!(page.file_names(), ["teams.csv", "roster.csv"]);
        assert!(page.journal.is_idle());
    }

    #[test]
    fn a_death_while_checking_a_drop_leaves_the_drop_out() {
        let mut page = Page::open();
        page.load(&[("teams.csv", TEAMS)]);
        page.settle();
        page.load(&[("prs.csv", PRS), ("reviews.csv", REVIEWS)]);
        let replies = page.answer_next().unwrap();
        for reply in replies {
            let checking = matches!(&reply, FromWorker::Reply(Reply { event: Event::Progress { stage: Stage::Checking, .. }, .. }));
            page.receive(reply);
            if checking {
                break;
            }
        }
        page.receive(FromWorker::Panicked { message: "panicked at src/findings/x.rs:1:1:\nindex out of bounds".into() });
        page.settle();
        let failures = page.request_failures();
        assert!(failures[0].contains("checking the tripwires over prs.csv, reviews.csv: an internal error: panicked at src/findings/x.rs:1:1: index out of bounds"), "{failures:?}");
        assert_eq!(page.file_names(), ["teams.csv"]);
    }

    #[test]
    fn a_file_that_kills_the_worker_cannot_do_it_again() {
        let mut page = Page::open();
        page.load(&[("poison.csv", PRS)]);
        page.load(&[("prs.csv", PRS), ("poison.csv", PRS)]);
        page.settle_dying_on("poison.csv");
        assert_eq!(page.refusals().len(), 2, "each poison.csv reported once");
        assert_eq!(page.file_names(), ["prs.csv"]);
        assert!(page.journal.is_idle());
        // Later deaths replay without them.
        page.receive(FromWorker::Crashed { message: "RuntimeError: unreachable".into() });
        page.settle_dying_on("poison.csv");
        assert_eq!(page.refusals().len(), 2);
        assert_eq!(page.file_names(), ["prs.csv"]);
    }

    #[test]
    fn a_worker_that_dies_on_start_is_retried_once_then_waits_for_the_user() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        page.settle();
        for _ in 0..2 {
            page.receive(FromWorker::Crashed { message: "the worker could not start: CompileError".into() });
        }
        assert_eq!(page.journal.worker(), WorkerId(2), "restarted once");
        page.receive(FromWorker::Crashed { message: "the worker could not start: CompileError".into() });
        assert!(!page.running, "stopped after dying twice with nothing to leave out");
        assert!(page.request_failures().last().unwrap().contains("try again when you next drop a file"), "{:?}", page.request_failures());
        // Ignored while stopped; the next action restarts and replays.
        page.receive(FromWorker::Crashed { message: "late".into() });
        page.load(&[("reviews.csv", REVIEWS)]);
        assert!(page.running);
        page.settle();
        assert_eq!(page.file_names(), ["prs.csv", "reviews.csv"]);
    }

    #[test]
    fn late_messages_from_a_replaced_worker_are_ignored() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        let old = page.worker;
        let replies = page.answer_next().unwrap();
        page.replay_plan();
        let shown = page.shown.len();
        for reply in replies {
            let commands = page.journal.receive(old, reply);
            page.carry_out(commands);
        }
        assert_eq!(page.shown.len(), shown);
        page.settle();
        assert!(page.file_names().is_empty(), "the cancelled drop did not load");
    }

    #[test]
    fn a_drop_over_the_budget_is_refused_whole_before_anything_is_read() {
        let mut page = Page::open();
        let big = |name: &str, mb: u64| TestFile { claimed_size: Some(mb * 1_000_000), ..TestFile::new(name, PRS) };
        let posted = page.posted.len();
        let commands = page.journal.load_files(vec![big("a.csv", 600), big("b.csv", 600)], None);
        page.carry_out(commands);
        assert_eq!(page.posted.len(), posted, "nothing is sent to the worker");
        let message = page.request_failures()[0];
        assert!(message.contains("a.csv (600 MB), b.csv (600 MB)") && message.contains("1074 MB"), "{message}");
        // At the limit is fine.
        let commands = page.journal.load_files(vec![TestFile { claimed_size: Some(MAX_DROP_BYTES), ..TestFile::new("prs.csv", PRS) }], None);
        assert_eq!(commands.post.len(), 1);
    }

    fn history(to: MessageId) -> FromWorker {
        let history = crate::views::over_time::FindingsOverTime { day: today(), ..Default::default() };
        FromWorker::Reply(Reply { to, file: None, line: None, event: Event::FindingsOverTime { history: Box::new(history) } })
    }

    fn histories_shown(page: &Page) -> usize {
        page.shown.iter().filter(|e| matches!(e, Event::FindingsOverTime { .. })).count()
    }

    #[test]
    fn a_history_is_shown_only_for_the_last_answered_message_while_nothing_is_in_flight() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        page.settle();
        let last = page.posted.last().unwrap().message.id;
        page.receive(history(MessageId(last.0 - 1)));
        assert_eq!(histories_shown(&page), 0, "an older message's history is stale");
        page.receive(history(last));
        assert_eq!(histories_shown(&page), 1);

        let commands = page.journal.set_presenter(true);
        page.carry_out(commands);
        page.receive(history(last));
        assert_eq!(histories_shown(&page), 1, "something newer is in flight");
    }

    #[test]
    fn the_as_of_day_is_a_session_setting_replayed_into_a_new_worker() {
        let mut page = Page::open();
        page.load(&[("prs.csv", PRS)]);
        let past = today() - chrono::Duration::days(10);
        let commands = page.journal.set_as_of(Some(past));
        page.carry_out(commands);
        page.settle();
        assert_eq!(page.engine.day(), past);
        let commands = page.journal.cancel();
        page.carry_out(commands);
        page.settle();
        assert_eq!(page.engine.day(), past, "the new worker looks at the same day");
        let commands = page.journal.set_as_of(None);
        page.carry_out(commands);
        page.settle();
        assert_eq!(page.engine.day(), today());
    }
}
