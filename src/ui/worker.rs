//! Worker side: receives requests and `File`s, reads files with gloo in
//! chunks (progress as it goes), hands bytes to the engine, posts events.
//!
//! Messages are `{ request: string }` (JSON of `engine::Request`) or
//! `{ files: File[] }` (one drop: one snapshot at its end). Events go back
//! as JSON strings.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::file_reader::read_in_chunks;
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
    let queue: Rc<RefCell<job_queue::Queue>> = Rc::default();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
        let data = message.data();
        let files = js_sys::Reflect::get(&data, &"files".into()).ok().filter(js_sys::Array::is_array);
        let job = if let Some(files) = files {
            let files: js_sys::Array = files.unchecked_into();
            job_queue::Job::Files(files.iter().filter_map(|f| f.dyn_into::<web_sys::File>().ok()).collect())
        } else {
            let Some(json) = js_sys::Reflect::get(&data, &"request".into()).ok().and_then(|r| r.as_string()) else {
                return;
            };
            match serde_json::from_str::<Request>(&json) {
                Ok(request) => job_queue::Job::Request(request),
                Err(error) => {
                    // Only a page/worker version mismatch gets here; the page never sends bad JSON.
                    gloo::console::error!(format!("teamdiff worker: unreadable request {json}: {error}"));
                    return;
                }
            }
        };
        job_queue::push(&queue, engine.clone(), job);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// Files are read asynchronously, so everything, files and requests alike,
/// goes through one queue and runs strictly in arrival order: the page
/// counts on one Snapshot per message, in the order it sent them.
mod job_queue {
    use std::collections::VecDeque;

    use super::*;
    use crate::ingest::IngestError;

    pub enum Job {
        /// The files of one drop, read and ingested one at a time (so only
        /// one file's bytes are in memory at once), then one snapshot.
        Files(Vec<web_sys::File>),
        Request(Request),
    }

    #[derive(Default)]
    pub struct Queue {
        pending: VecDeque<Job>,
        running: bool,
    }

    pub fn push(queue: &Rc<RefCell<Queue>>, engine: Rc<RefCell<Engine>>, job: Job) {
        let mut state = queue.borrow_mut();
        state.pending.push_back(job);
        if state.running {
            return;
        }
        state.running = true;
        drop(state);
        let queue = queue.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pending.pop_front();
                let Some(job) = next else { break };
                run(job, &engine).await;
            }
            queue.borrow_mut().running = false;
        });
    }

    async fn run(job: Job, engine: &RefCell<Engine>) {
        let emit = &mut |event: Event| post(&event);
        match job {
            Job::Request(request) => engine.borrow_mut().handle(request, emit),
            Job::Files(files) => {
                for file in files {
                    let name = file.name();
                    let on_progress =
                        |done, total| post(&Event::Progress { file: name.clone(), stage: Stage::Reading, done, total });
                    match read_in_chunks(&file, READ_CHUNK_BYTES, on_progress).await {
                        Ok(bytes) => engine.borrow_mut().add_file(&name, &bytes, emit),
                        Err(message) => emit(Event::FileRefused { error: IngestError { path: name, line: 0, column: 0, message } }),
                    }
                }
                engine.borrow_mut().publish_batch(emit);
            }
        }
    }
}
