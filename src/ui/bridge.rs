//! Page side of the worker: spawns it, sends requests and files, turns its
//! messages into `Event`s.
//!
//! The page keeps the list of what was loaded (`File` handles are cheap
//! references), so the worker is only a cache of the analysis: cancelling a
//! long load terminates the worker and replays what had already loaded into
//! a fresh one. Earlier state is never lost.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

use crate::engine::{Event, Request};

#[derive(Clone)]
enum Source {
    /// One drop (or pick): the worker answers it with one snapshot.
    Files(Vec<web_sys::File>),
    Demo,
    /// A change to the model (e.g. an accepted deviation) or a column
    /// mapping, replayed after the files loaded before it so a restarted
    /// worker ends in the same state.
    ModelChange(Request),
}

/// Every request the worker gets ends in exactly one `Snapshot`; that is how
/// the bridge knows which source finished.
struct Inner {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    today: NaiveDate,
    loaded: Vec<Source>,
    in_flight: VecDeque<Option<Source>>,
    on_event: Callback<Event>,
    presenter: bool,
}

#[derive(Clone)]
pub struct EngineBridge {
    inner: Rc<RefCell<Option<Inner>>>,
}

impl PartialEq for EngineBridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl EngineBridge {
    pub fn spawn(today: NaiveDate, on_event: Callback<Event>) -> EngineBridge {
        let bridge = EngineBridge { inner: Rc::new(RefCell::new(None)) };
        bridge.start_worker(today, on_event, Vec::new(), false);
        bridge
    }

    pub fn load_files(&self, files: Vec<web_sys::File>) {
        if !files.is_empty() {
            self.send_source(Source::Files(files));
        }
    }

    pub fn load_demo(&self) {
        self.with(|inner| inner.loaded.clear());
        self.send_source(Source::Demo);
    }

    /// Sends a request that changes what the engine holds (the model, a
    /// mapping); it is replayed if the worker is ever restarted.
    pub fn send(&self, request: Request) {
        self.send_source(Source::ModelChange(request));
    }

    /// Whether every request sent so far has been answered, i.e. the last
    /// snapshot reflects everything the page asked for.
    pub fn is_idle(&self) -> bool {
        self.inner.borrow().as_ref().is_none_or(|inner| inner.in_flight.is_empty())
    }

    pub fn set_presenter(&self, on: bool) {
        self.with(|inner| inner.presenter = on);
        self.send_request(&Request::SetPresenter { on }, None);
    }

    /// Accepts a finding (by its shown key) as allowed; a refusal comes
    /// back as `Event::RequestFailed`.
    pub fn accept_deviation(&self, key: String, reason: String, expires: NaiveDate) {
        self.send_source(Source::ModelChange(Request::AcceptDeviation { key, reason, expires }));
    }

    /// Stops whatever is loading; what had loaded before stays loaded.
    pub fn cancel(&self) {
        let Some(old) = self.inner.borrow_mut().take() else { return };
        old.worker.terminate();
        let (today, on_event, loaded, presenter) = (old.today, old.on_event.clone(), old.loaded.clone(), old.presenter);
        drop(old);
        self.start_worker(today, on_event, loaded, presenter);
    }

    /// Drops every file and starts from nothing.
    pub fn forget(&self) {
        self.with(|inner| inner.loaded.clear());
        self.cancel();
    }

    fn with<R>(&self, f: impl FnOnce(&mut Inner) -> R) -> R {
        f(self.inner.borrow_mut().as_mut().expect_throw("worker is running"))
    }

    fn start_worker(&self, today: NaiveDate, on_event: Callback<Event>, replay: Vec<Source>, presenter: bool) {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("./worker.js", &options).expect_throw("the page may start workers");
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
            let Some(inner) = weak.upgrade() else { return };
            let Some(json) = message.data().as_string() else { return };
            let event: Event = match serde_json::from_str(&json) {
                Ok(event) => event,
                Err(error) => {
                    gloo::console::error!(format!("teamdiff: unreadable worker message: {error}"));
                    return;
                }
            };
            let callback = {
                let mut guard = inner.borrow_mut();
                let Some(inner) = guard.as_mut() else { return };
                match &event {
                    Event::Snapshot { .. } => {
                        if let Some(Some(source)) = inner.in_flight.pop_front() {
                            inner.loaded.push(source);
                        }
                    }
                    Event::FileRefused { .. } | Event::RequestFailed { .. } => {
                        // What was refused is not replayed later; the rest of its drop is.
                        if let Some(front) = inner.in_flight.front_mut() {
                            let keep_rest = match (front.as_mut(), &event) {
                                (Some(Source::Files(files)), Event::FileRefused { error }) => {
                                    if let Some(at) = files.iter().position(|f| f.name() == error.path) {
                                        files.remove(at);
                                    }
                                    !files.is_empty()
                                }
                                _ => false,
                            };
                            if !keep_rest {
                                *front = None;
                            }
                        }
                    }
                    Event::Progress { .. } | Event::Overview { .. } => {}
                }
                inner.on_event.clone()
            };
            callback.emit(event);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        *self.inner.borrow_mut() =
            Some(Inner { worker, _on_message: on_message, today, loaded: Vec::new(), in_flight: VecDeque::new(), on_event, presenter: false });
        self.send_request(&Request::SetToday { today }, None);
        // Before any replay, so no snapshot with real names is drawn.
        if presenter {
            self.set_presenter(true);
        }
        for source in replay {
            self.send_source(source);
        }
    }

    fn send_source(&self, source: Source) {
        match &source {
            Source::Demo => self.send_request(&Request::LoadDemo, Some(source.clone())),
            Source::ModelChange(request) => self.send_request(request, Some(source.clone())),
            Source::Files(files) => {
                let message = js_sys::Object::new();
                let list: js_sys::Array = files.iter().collect();
                js_sys::Reflect::set(&message, &"files".into(), &list).expect_throw("plain object");
                self.post(&message, Some(source.clone()));
            }
        }
    }

    fn send_request(&self, request: &Request, source: Option<Source>) {
        let message = js_sys::Object::new();
        let json = serde_json::to_string(request).expect_throw("requests serialise");
        js_sys::Reflect::set(&message, &"request".into(), &json.into()).expect_throw("plain object");
        self.post(&message, source);
    }

    fn post(&self, message: &js_sys::Object, source: Option<Source>) {
        self.with(|inner| {
            inner.in_flight.push_back(source);
            inner.worker.post_message(message).expect_throw("postMessage to worker");
        });
    }
}
