//! Worker side: decodes the page's messages, runs them one at a time on the
//! engine (`engine::dispatch::answer` does the work), posts the replies.
//!
//! Also the one place messages meet JS: a page message is
//! `{ header: string, files: File[] }` (the header is the JSON of a
//! [`ToWorker`]), a worker message is an array of JSON documents (a
//! [`FromWorker`], then a snapshot's large parts, `SnapshotPart`), each as
//! UTF-8 bytes in a `Uint8Array` whose buffer is transferred, or a string
//! (`static/worker.js`'s crash report). Bytes, because the page decodes a
//! string into wasm memory character by character: 30 ms of the org2k
//! snapshot's one long main-thread task (issue 12), where copying bytes in
//! is one `memcpy`. Parts, because parsing the org2k snapshot whole (2.9
//! MB) was that long task: the bridge reads an [`Arriving`] message a few
//! documents per task. The bridge encodes and decodes with the same
//! functions.
//!
//! A drop of two files or more can be read on a parse pool as well
//! (`ui::parse_pool`, not in use yet), started for the drop and ended with
//! it.
//!
//! A panic hook posts [`FromWorker::Panicked`] before the worker traps, so
//! the page can say what happened; `static/worker.js` reports traps that
//! never reach it (running out of memory).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::parse_pool::{pool_size, WebPool};
use crate::engine::dispatch::{answer, answer_with_pool, stream_history};
use crate::engine::protocol::{FromWorker, Message, ToWorker};
use crate::engine::Engine;

/// A page message as it crosses to the worker.
pub fn encode_for_worker(message: &ToWorker, files: &[web_sys::File]) -> JsValue {
    let data = js_sys::Object::new();
    let header = serde_json::to_string(message).expect_throw("messages serialise");
    let files: js_sys::Array = files.iter().collect();
    js_sys::Reflect::set(&data, &"header".into(), &header.into()).expect_throw("plain object");
    js_sys::Reflect::set(&data, &"files".into(), &files).expect_throw("plain object");
    data.into()
}

/// A page message as the worker receives it; the files must be the ones
/// the header announces.
pub fn decode_from_page(data: &JsValue) -> Result<(ToWorker, Vec<web_sys::File>), String> {
    let header = js_sys::Reflect::get(data, &"header".into()).ok().and_then(|h| h.as_string()).ok_or("no message header")?;
    let message: ToWorker = serde_json::from_str(&header).map_err(|e| format!("unreadable message {header}: {e}"))?;
    let files: Vec<web_sys::File> = match js_sys::Reflect::get(data, &"files".into()) {
        Ok(list) if js_sys::Array::is_array(&list) => {
            list.unchecked_into::<js_sys::Array>().iter().map(|f| f.dyn_into::<web_sys::File>()).collect::<Result<_, _>>().map_err(|_| "a file that is not a File")?
        }
        _ => return Err("no file list".into()),
    };
    let expected = match message.message {
        Message::Files { count } => count,
        Message::Request(_) => 0,
    };
    if files.len() != expected {
        return Err(format!("message {} announces {expected} files but carries {}", message.id, files.len()));
    }
    Ok((message, files))
}

/// A worker message as it crosses to the page: its JSON documents
/// ([`FromWorker::into_json_parts`]) as UTF-8 bytes, an array of
/// `Uint8Array`s; post it with their buffers transferred ([`post`]).
pub fn encode_for_page(message: FromWorker) -> js_sys::Array {
    message.into_json_parts().iter().map(|json| JsValue::from(js_sys::Uint8Array::from(json.as_slice()))).collect()
}

/// A worker message on its way into the page, read a document at a time
/// ([`Arriving::read_next`]), so the bridge can parse a large snapshot
/// over several tasks and hand it on only once it is whole.
pub struct Arriving {
    /// In order; each a `Uint8Array`, or the string `static/worker.js`
    /// posts when the worker traps.
    unread: std::collections::VecDeque<JsValue>,
    /// What the documents read so far make.
    message: Option<FromWorker>,
}

impl Arriving {
    pub fn new(data: &JsValue) -> Arriving {
        let unread = match data.dyn_ref::<js_sys::Array>() {
            Some(documents) => documents.iter().collect(),
            None => std::collections::VecDeque::from([data.clone()]),
        };
        Arriving { unread, message: None }
    }

    /// A message the page made itself (a worker that failed to load).
    pub fn whole(message: FromWorker) -> Arriving {
        Arriving { unread: Default::default(), message: Some(message) }
    }

    pub fn is_read(&self) -> bool {
        self.unread.is_empty()
    }

    /// Reads the next document into the message.
    pub fn read_next(&mut self) -> Result<(), String> {
        let Some(document) = self.unread.pop_front() else { return Ok(()) };
        let json = match document.as_string() {
            Some(text) => text.into_bytes(),
            None => document.dyn_ref::<js_sys::Uint8Array>().ok_or("a worker message that is neither bytes nor text")?.to_vec(),
        };
        match &mut self.message {
            None => self.message = Some(FromWorker::from_json(&json)?),
            Some(message) => message.add_json_part(&json)?,
        }
        Ok(())
    }

    /// The message, once every document is read.
    pub fn into_message(self) -> Result<FromWorker, String> {
        match (self.is_read(), self.message) {
            (true, Some(message)) => Ok(message),
            (false, _) => Err("a worker message not read to its end".into()),
            (true, None) => Err("an empty worker message".into()),
        }
    }
}

/// A whole worker message at once.
pub fn decode_from_worker(data: &JsValue) -> Result<FromWorker, String> {
    let mut arriving = Arriving::new(data);
    while !arriving.is_read() {
        arriving.read_next()?;
    }
    arriving.into_message()
}

fn post(message: FromWorker) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let documents = encode_for_page(message);
    let transfer: js_sys::Array = documents.iter().map(|bytes| JsValue::from(bytes.unchecked_into::<js_sys::Uint8Array>().buffer())).collect();
    scope.post_message_with_transfer(&documents, &transfer).expect_throw("postMessage");
}

#[wasm_bindgen]
pub fn worker_main() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("teamdiff worker: {message}"));
        post(FromWorker::Panicked { message });
    }));
    let today = super::local_today();
    let queue = Rc::new(RefCell::new(Queue { pending: VecDeque::new(), engine: Some(Engine::new(today)), read_files: false }));
    // The warm-up takes its steps only while the queue is idle (the page
    // posts its settings as soon as the worker starts, and they are answered
    // first), and ends once the worker has read a drop: that drop ran
    // partly cold, and every later one runs warm anyway.
    let warming = queue.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let until_idle = || {
            let queue = warming.clone();
            async move {
                yield_to_events().await;
                while queue.borrow().engine.is_none() || !queue.borrow().pending.is_empty() {
                    yield_to_events().await;
                }
            }
        };
        let read_files = || warming.borrow().read_files;
        crate::engine::warm_up::warm_up(today, until_idle, &read_files).await;
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| match decode_from_page(&message.data()) {
        Ok(job) => push(&queue, job),
        // Only a page/worker version mismatch gets here.
        Err(error) => gloo::console::error!(format!("teamdiff worker: {error}")),
    });
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// Files are read asynchronously, so every message goes through one queue
/// and runs strictly in arrival order: the page counts on the worker
/// working on its oldest unanswered message.
struct Queue {
    pending: VecDeque<(ToWorker, Vec<web_sys::File>)>,
    /// With the queue while it is idle; with the task working through it
    /// otherwise.
    engine: Option<Engine>,
    /// Whether a message with files has been taken: the warm-up
    /// (`engine::warm_up`) is of no more use.
    read_files: bool,
}

fn push(queue: &Rc<RefCell<Queue>>, job: (ToWorker, Vec<web_sys::File>)) {
    let mut state = queue.borrow_mut();
    state.pending.push_back(job);
    let Some(engine) = state.engine.take() else { return };
    drop(state);
    work_through(queue, engine);
}

/// Answers the queue's messages in order with `engine` until none waits,
/// then hands the engine back to the queue.
fn work_through(queue: &Rc<RefCell<Queue>>, mut engine: Engine) {
    let queue = queue.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // The message whose state's findings over time are still to post:
        // computed only when nothing else waits, after its snapshot.
        let mut history_due = None;
        loop {
            let next = queue.borrow_mut().pending.pop_front();
            let Some((message, files)) = next else {
                let Some(to) = history_due.take() else { break };
                let waiting = || !queue.borrow().pending.is_empty();
                stream_history(&engine, to, yield_to_events, &waiting, &mut post).await;
                continue;
            };
            let id = message.id;
            if !files.is_empty() {
                queue.borrow_mut().read_files = true;
            }
            if files.len() >= 2 && pool_size() > 0 {
                // Started per drop and ended with it (dropped here).
                let mut pool = WebPool::start(pool_size(), "./parser.js");
                answer_with_pool(&mut engine, message, files, &mut pool, &mut post).await;
            } else {
                answer(&mut engine, message, files, &mut post).await;
            }
            history_due = Some(id);
        }
        queue.borrow_mut().engine = Some(engine);
    });
}

/// Lets the worker's event loop run (a zero-delay timeout, not a
/// microtask), so a message the page posted meanwhile reaches the queue.
pub(super) async fn yield_to_events() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::timers::callback::Timeout::new(0, move || {
            let _ = resolve.call0(&JsValue::NULL);
        })
        .forget();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
