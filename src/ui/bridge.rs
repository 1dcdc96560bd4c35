//! Page side of the worker: starts it, posts messages, hands its events to
//! the page. All the bookkeeping (what is in flight, what to replay, what
//! a dying worker was doing) is the natively tested
//! `engine::journal::Journal`; this file only carries out its commands.
//!
//! Test hooks: when the page's URL ends in `#test-hooks`,
//! `window.__teamdiffTestHooks` offers `dropFiles(files, fault)` and
//! `change(requestJson, fault)`, which send like a drop or a model change
//! but ask the worker to fail (`"panic"`, `"abort"` or `"hang"`, see
//! `engine::protocol::TestFault`), so the e2e tests can watch the page
//! recover. Nothing else can make the worker fail on purpose. It also
//! offers `dropDemo(size)`, which drops the files of a seeded demo
//! organisation (`"small"`, `"medium"` or `"org2k"`, 200 teams) as if the
//! user had: the e2e tests get a large organisation without committing
//! 170 MB of files. `demoFiles(size)` returns those files as
//! `[{name, text}]`, for a test that changes them before dropping them.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

use super::worker::{encode_for_worker, Arriving};
use crate::engine::journal::{Commands, Journal, WorkerChange, WorkerId};
use crate::engine::protocol::{FromWorker, TestFault};
use crate::engine::{Event, Request};

/// How long one task may spend reading worker messages: a part of the
/// org2k snapshot takes a few milliseconds, so a task stays far below the
/// 50 ms of a long task.
const READING_BUDGET_MS: f64 = 10.0;

/// A running worker and the handlers it calls.
struct Running {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

struct Inner {
    journal: Journal<web_sys::File>,
    worker: Option<Running>,
    /// The worker replaced last. Kept until the next replacement because
    /// it is usually replaced from inside one of its own handlers, which
    /// must not be freed while they run.
    retired: Option<Running>,
    on_event: Callback<Event>,
    /// Worker messages not yet handed to the journal, in arrival order:
    /// read and handed on in tasks of their own ([`EngineBridge::receive_soon`]).
    received: std::collections::VecDeque<(WorkerId, Arriving)>,
}

#[derive(Clone)]
pub struct EngineBridge {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for EngineBridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl EngineBridge {
    pub fn spawn(today: NaiveDate, on_event: Callback<Event>) -> EngineBridge {
        let inner = Inner { journal: Journal::new(today), worker: None, retired: None, on_event, received: Default::default() };
        let bridge = EngineBridge { inner: Rc::new(RefCell::new(inner)) };
        bridge.act(Journal::start);
        if gloo::utils::window().location().hash().is_ok_and(|hash| hash == "#test-hooks") {
            bridge.install_test_hooks();
        }
        bridge
    }

    pub fn load_files(&self, files: Vec<web_sys::File>) {
        self.act(|journal| journal.load_files(files, None));
    }

    pub fn load_demo(&self) {
        self.act(Journal::load_demo);
    }

    /// The 200-team organisation, generated in the worker.
    pub fn load_large_demo(&self) {
        self.act(Journal::load_large_demo);
    }

    /// Sends a request that changes what the engine holds (the model, a
    /// mapping); it is replayed if the worker is ever restarted.
    pub fn send(&self, request: Request) {
        self.act(|journal| journal.change(request, None));
    }

    /// Whether every request sent so far has been answered, i.e. the last
    /// snapshot reflects everything the page asked for.
    pub fn is_idle(&self) -> bool {
        self.inner.borrow().journal.is_idle()
    }

    /// Looks at the organisation as of `day` (`None`: today); a session
    /// setting, like presenter mode.
    pub fn set_as_of(&self, day: Option<NaiveDate>) {
        self.act(|journal| journal.set_as_of(day));
    }

    pub fn set_presenter(&self, on: bool) {
        self.act(|journal| journal.set_presenter(on));
    }

    /// Accepts a finding (by its shown key) as allowed; a refusal comes
    /// back as `Event::RequestFailed`.
    pub fn accept_deviation(&self, key: String, reason: String, expires: NaiveDate) {
        self.send(Request::AcceptDeviation { key, reason, expires });
    }

    /// Stops whatever is loading or changing; what had loaded before stays.
    pub fn cancel(&self) {
        self.act(Journal::cancel);
    }

    /// Drops every file and starts from nothing.
    pub fn forget(&self) {
        self.act(Journal::forget);
    }

    fn act(&self, step: impl FnOnce(&mut Journal<web_sys::File>) -> Commands<web_sys::File>) {
        let commands = step(&mut self.inner.borrow_mut().journal);
        self.carry_out(commands);
    }

    fn carry_out(&self, commands: Commands<web_sys::File>) {
        let on_event = {
            let mut inner = self.inner.borrow_mut();
            if commands.worker != WorkerChange::Keep {
                if let Some(old) = inner.worker.take() {
                    old.worker.terminate();
                    inner.retired = Some(old);
                }
            }
            if commands.worker == WorkerChange::Replace {
                inner.worker = Some(self.start_worker(inner.journal.worker()));
            }
            if let Some(running) = &inner.worker {
                for outgoing in &commands.post {
                    running.worker.post_message(&encode_for_worker(&outgoing.message, &outgoing.files)).expect_throw("postMessage to worker");
                }
            }
            inner.on_event.clone()
        };
        for event in commands.show {
            on_event.emit(event);
        }
    }

    /// Reads a worker message and hands it to the journal (and so the
    /// page) in tasks of their own, after any received before it. Parsing
    /// the org2k snapshot whole (2.9 MB of JSON) was one long main-thread
    /// task (issue 12): a task reads documents of a message until it has
    /// spent [`READING_BUDGET_MS`], and one that read never also hands on,
    /// so drawing what a snapshot changes gets a task of its own.
    fn receive_soon(&self, id: WorkerId, message: Arriving) {
        let first = {
            let mut inner = self.inner.borrow_mut();
            inner.received.push_back((id, message));
            inner.received.len() == 1
        };
        if first {
            self.work_on_received_soon(); // otherwise the task already due does
        }
    }

    fn work_on_received_soon(&self) {
        let weak = Rc::downgrade(&self.inner);
        gloo::timers::callback::Timeout::new(0, move || {
            let Some(inner) = weak.upgrade() else { return };
            let bridge = EngineBridge { inner };
            if bridge.work_on_received() {
                bridge.work_on_received_soon();
            }
        })
        .forget();
    }

    /// One task's share of [`EngineBridge::receive_soon`]'s work; whether
    /// any is left.
    fn work_on_received(&self) -> bool {
        let started = js_sys::Date::now();
        let (mut read, mut handed_on) = (false, false);
        loop {
            let mut inner = self.inner.borrow_mut();
            let Some((_, arriving)) = inner.received.front_mut() else { return false };
            if arriving.is_read() {
                if read {
                    return true;
                }
                let (id, arriving) = inner.received.pop_front().expect("looked at above");
                drop(inner);
                handed_on = true;
                match arriving.into_message() {
                    Ok(message) => self.act(|journal| journal.receive(id, message)),
                    Err(error) => gloo::console::error!(format!("teamdiff: {error}")),
                }
                continue;
            }
            if handed_on {
                return true;
            }
            read = true;
            if let Err(error) = arriving.read_next() {
                inner.received.pop_front();
                gloo::console::error!(format!("teamdiff: {error}"));
            }
            if js_sys::Date::now() - started >= READING_BUDGET_MS {
                return !inner.received.is_empty();
            }
        }
    }

    fn start_worker(&self, id: WorkerId) -> Running {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("./worker.js", &options).expect_throw("the page may start workers");
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
            let Some(inner) = weak.upgrade() else { return };
            EngineBridge { inner }.receive_soon(id, Arriving::new(&message.data()));
        });
        // What worker.js could not catch, e.g. a worker that failed to load.
        let weak = Rc::downgrade(&self.inner);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let Some(inner) = weak.upgrade() else { return };
            let message = FromWorker::Crashed { message: event.message() };
            EngineBridge { inner }.receive_soon(id, Arriving::whole(message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Running { worker, _on_message: on_message, _on_error: on_error }
    }

    fn install_test_hooks(&self) {
        let fault = |name: String| serde_json::from_value::<TestFault>(serde_json::Value::String(name)).ok();
        let hooks = js_sys::Object::new();
        let bridge = self.clone();
        let drop_files = Closure::<dyn Fn(js_sys::Array, String)>::new(move |files: js_sys::Array, name: String| {
            let files = files.iter().filter_map(|file| file.dyn_into::<web_sys::File>().ok()).collect();
            bridge.act(|journal| journal.load_files(files, fault(name)));
        });
        let bridge = self.clone();
        let change = Closure::<dyn Fn(String, String)>::new(move |json: String, name: String| {
            let request: Request = serde_json::from_str(&json).expect_throw("a test hook's request is a Request");
            bridge.act(|journal| journal.change(request, fault(name)));
        });
        let bridge = self.clone();
        let drop_demo = Closure::<dyn Fn(String)>::new(move |size: String| {
            let size = match size.as_str() {
                "small" => crate::demo::DemoSize::Small,
                "medium" => crate::demo::DemoSize::Medium,
                "org2k" => crate::demo::DemoSize::Org2k,
                "org200" => crate::demo::DemoSize::Org200,
                other => wasm_bindgen::throw_str(&format!("dropDemo: no demo size {other:?}; small, medium, org2k or org200")),
            };
            let files = crate::demo::generate(size, 42, super::local_today())
                .into_iter()
                .map(|file| {
                    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(file.bytes.as_slice()));
                    web_sys::File::new_with_u8_array_sequence(&parts, &file.name).expect_throw("a File from bytes")
                })
                .collect();
            bridge.act(|journal| journal.load_files(files, None));
        });
        // The demo's files as `[{name, text}]`, for a test that changes them
        // (a later state of the same organisation) before dropping them.
        let demo_files = Closure::<dyn Fn(String) -> js_sys::Array>::new(move |size: String| {
            let size = match size.as_str() {
                "medium" => crate::demo::DemoSize::Medium,
                "org2k" => crate::demo::DemoSize::Org2k,
                _ => crate::demo::DemoSize::Small,
            };
            crate::demo::generate(size, 42, super::local_today())
                .into_iter()
                .map(|file| {
                    let entry = js_sys::Object::new();
                    js_sys::Reflect::set(&entry, &"name".into(), &file.name.into()).expect_throw("plain object");
                    js_sys::Reflect::set(&entry, &"text".into(), &String::from_utf8_lossy(&file.bytes).as_ref().into()).expect_throw("plain object");
                    JsValue::from(entry)
                })
                .collect()
        });
        js_sys::Reflect::set(&hooks, &"demoFiles".into(), demo_files.as_ref()).expect_throw("plain object");
        demo_files.forget();
        js_sys::Reflect::set(&hooks, &"dropFiles".into(), drop_files.as_ref()).expect_throw("plain object");
        js_sys::Reflect::set(&hooks, &"change".into(), change.as_ref()).expect_throw("plain object");
        js_sys::Reflect::set(&hooks, &"dropDemo".into(), drop_demo.as_ref()).expect_throw("plain object");
        js_sys::Reflect::set(&gloo::utils::window(), &"__teamdiffTestHooks".into(), &hooks).expect_throw("window");
        // The hooks live as long as the page.
        drop_files.forget();
        change.forget();
        drop_demo.forget();
    }
}
