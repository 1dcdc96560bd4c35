//! Worker side: receives requests and `File`s, reads files with gloo in
//! chunks (progress as it goes), hands bytes to the engine, posts events.
//!
//! Messages are `{ request: string }` (JSON of `engine::Request`) or
//! `{ file: File }`. Events go back as JSON strings.

use std::cell::RefCell;
use std::rc::Rc;

use super::file_reader::read_in_chunks;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine::{Engine, Event, Request, Stage};

/// Files are copied into wasm memory once, this much at a time.
const READ_CHUNK_BYTES: u64 = 8 << 20;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(event: &Event) {
    let json = serde_json::to_string(event).expect_throw("events serialise");
    scope().post_message(&JsValue::from_str(&json)).expect_throw("postMessage");
}

#[wasm_bindgen]
pub fn worker_main() {
    let engine = Rc::new(RefCell::new(Engine::new(super::local_today())));
    // Files are processed one at a time, in arrival order.
    let queue: Rc<RefCell<file_queue::Queue>> = Rc::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
        let data = message.data();
        if let Ok(file) = js_sys::Reflect::get(&data, &"file".into()).and_then(|f| f.dyn_into::<web_sys::File>()) {
            file_queue::push(&queue, engine.clone(), file);
            return;
        }
        let Some(json) = js_sys::Reflect::get(&data, &"request".into()).ok().and_then(|r| r.as_string()) else {
            return;
        };
        match serde_json::from_str::<Request>(&json) {
            Ok(request) => engine.borrow_mut().handle(request, &mut |event| post(&event)),
            Err(error) => gloo::console::error!(format!("teamdiff worker: bad request {json}: {error}")),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// Reading is async; this keeps files strictly in order and lets requests
/// that arrive meanwhile (e.g. SetToday) run between files.
mod file_queue {
    use super::*;

    #[derive(Default)]
    pub struct Queue {
        pending: std::collections::VecDeque<web_sys::File>,
        running: bool,
    }

    pub fn push(queue: &Rc<RefCell<Queue>>, engine: Rc<RefCell<Engine>>, file: web_sys::File) {
        queue.borrow_mut().pending.push_back(file);
        if queue.borrow().running {
            return;
        }
        queue.borrow_mut().running = true;
        let queue = queue.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pending.pop_front();
                let Some(file) = next else { break };
                let name = file.name();
                let on_progress = |done, total| post(&Event::Progress { file: name.clone(), stage: Stage::Reading, done, total });
                match read_in_chunks(&file, READ_CHUNK_BYTES, on_progress).await {
                    Ok(bytes) => engine.borrow_mut().load_file(&name, &bytes, &mut |event| post(&event)),
                    Err(message) => post(&Event::FileRefused {
                        error: crate::ingest::IngestError { path: name, line: 0, column: 0, message },
                    }),
                }
            }
            queue.borrow_mut().running = false;
        });
    }
}
