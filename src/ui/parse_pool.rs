//! The engine worker's parse pool, browser side: parser workers (the same
//! wasm, loaded by `static/parser.js`) that read the files of a drop in
//! parallel with the engine worker (`engine::dispatch::answer_with_pool`
//! decides who reads what and joins the files in its reading order).
//!
//! [`WebPool`] is started for a drop of two files or more and ended with
//! it, so no idle worker holds a grown wasm memory between drops; it hands
//! each parser the engine worker's compiled `WebAssembly.Module`, so
//! starting one costs an instantiation, not a compile. A job is
//! `{ header, file }` (the header is a [`ParseJob`]'s JSON, the `File`
//! travels as itself); a parser answers with [`FromParser`] JSON text, and
//! with its batches of rows as transferred `ArrayBuffer`s (no copy). A parser
//! that dies has its file reported dead and is replaced. The pool's
//! workers are nested in the engine worker: Cancel, which terminates the
//! engine worker, ends them too.
//!
//! [`parser_main`] is the parser side.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::engine::dispatch::{stream_in_pool, ParserSays};
use crate::engine::protocol::{FromParser, ParseJob, ParsePool, PoolNews};
use crate::ingest::stream::Streamed;
use crate::ingest::IngestOptions;

/// Whether the app reads a drop on a parse pool: not on two cores. The
/// pool streams (`ingest::stream`, batches of `dataset::batch`), but on
/// the 2-core bench machine two parsers and an engine worker absorbing
/// their batches took 1,232–1,276 ms for org2k against 965–978 in turn
/// from bytes (BENCHMARKS.md, "Session 9 (issue 12): the parse pool
/// streams"): decoding the batches alone costs the engine about 350 ms in
/// wasm, reading a `File` a piece at a time about 200 ms per big file, and
/// three busy threads share two cores. `run.mjs --engines
/// teamdiff,teamdiff_pool` compares both.
pub const POOL_IN_USE: bool = false;

/// How many parsers the app starts for a drop of several files: none
/// unless [`POOL_IN_USE`], else [`parsers_for_this_machine`].
pub fn pool_size() -> usize {
    if POOL_IN_USE {
        parsers_for_this_machine()
    } else {
        0
    }
}

/// One parser per core, at least 1 and at most 3: the engine worker only
/// absorbs the parsers' batches (and reads the small files), so it needs
/// little of a core; more than 3 would mostly add memory, since a drop
/// rarely has more than three big files.
pub fn parsers_for_this_machine() -> usize {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok();
    let cores = navigator.and_then(|n| js_sys::Reflect::get(&n, &"hardwareConcurrency".into()).ok()).and_then(|c| c.as_f64());
    (cores.unwrap_or(1.0) as usize).clamp(1, 3)
}

thread_local! {
    /// The most wasm memory the live parsers held at once, over this
    /// engine worker's life: see [`pool_peak_wasm_memory_bytes`].
    static POOL_PEAK_BYTES: Cell<u64> = const { Cell::new(0) };
}

/// The most wasm memory this worker's parsers held at once (each reports
/// its own before each batch; wasm memory only grows, so that is its
/// peak). Also set as `self.teamdiffPoolWasmMemory` for the benchmark,
/// which adds it to the engine worker's own (`tests/bench/run.mjs`).
pub fn pool_peak_wasm_memory_bytes() -> u64 {
    POOL_PEAK_BYTES.with(Cell::get)
}

/// What the parsers said, waiting for the engine to ask.
#[derive(Default)]
struct Inbox {
    news: Vec<PoolNews>,
    /// Resolves the engine's wait for news.
    wake: Option<js_sys::Function>,
    /// The wasm memory of each live parser, by slot, as last reported.
    memory: Vec<u64>,
}

impl Inbox {
    fn say(&mut self, news: PoolNews) {
        self.news.push(news);
        if let Some(wake) = self.wake.take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    }
}

/// One parser worker and the file it is on.
struct Parser {
    worker: Worker,
    /// The drop's index of the file it is reading; `None` when idle, and
    /// once its batch (or its death) was reported, so it is said once.
    job: Rc<RefCell<Option<usize>>>,
    /// Set when it died: replaced before its next job.
    dead: Rc<RefCell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Parser {
    /// A new parser in `slot` of the pool.
    fn spawn(slot: usize, script: &str, module: &JsValue, inbox: &Rc<RefCell<Inbox>>) -> Parser {
        inbox.borrow_mut().memory[slot] = 0;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(script, &options).expect_throw("the engine worker may start workers");
        let job: Rc<RefCell<Option<usize>>> = Rc::default();
        let dead: Rc<RefCell<bool>> = Rc::default();
        // Said once per job: how the file ended, or why its parser did not.
        let finish = {
            let (job, dead, inbox) = (job.clone(), dead.clone(), inbox.clone());
            move |outcome: Result<Streamed, String>| {
                if outcome.is_err() {
                    *dead.borrow_mut() = true;
                }
                if let Some(index) = job.borrow_mut().take() {
                    inbox.borrow_mut().say(PoolNews::Finished { index, outcome });
                }
            }
        };
        let on_message = {
            let (job, inbox, finish) = (job.clone(), inbox.clone(), finish.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let Some(index) = *job.borrow() else { return };
                if let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() {
                    let bytes = js_sys::Uint8Array::new(buffer).to_vec();
                    let Some((reached, batch)) = bytes.split_first_chunk::<8>() else {
                        return finish(Err("a batch without its header".into()));
                    };
                    let (reached, batch) = (u64::from_le_bytes(*reached), batch.to_vec());
                    return inbox.borrow_mut().say(PoolNews::Rows { index, batch, reached });
                }
                let said = data.as_string().ok_or("not text".to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()));
                match said {
                    Ok(FromParser::Progress { stage, done, total }) => inbox.borrow_mut().say(PoolNews::Progress { index, stage, done, total }),
                    Ok(FromParser::Memory { bytes }) => {
                        let mut inbox = inbox.borrow_mut();
                        inbox.memory[slot] = bytes;
                        let live: u64 = inbox.memory.iter().sum();
                        if live > pool_peak_wasm_memory_bytes() {
                            POOL_PEAK_BYTES.with(|peak| peak.set(live));
                            let _ = js_sys::Reflect::set(&js_sys::global(), &"teamdiffPoolWasmMemory".into(), &(live as f64).into());
                        }
                    }
                    Ok(FromParser::Restart) => inbox.borrow_mut().say(PoolNews::Restart { index }),
                    Ok(FromParser::Finished { streamed }) => finish(Ok(streamed)),
                    Ok(FromParser::Crashed { message }) => finish(Err(message)),
                    Err(error) => finish(Err(format!("an unreadable message from the parser: {error}"))),
                }
            })
        };
        // What parser.js could not catch, e.g. a parser that failed to load.
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            finish(Err(event.message()));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let hello = js_sys::Object::new();
        js_sys::Reflect::set(&hello, &"module".into(), module).expect_throw("plain object");
        worker.post_message(&hello).expect_throw("postMessage to a parser");
        Parser { worker, job, dead, _on_message: on_message, _on_error: on_error }
    }
}

/// The parsers of one drop; ends them when dropped.
pub struct WebPool {
    script: String,
    module: JsValue,
    parsers: Vec<Parser>,
    inbox: Rc<RefCell<Inbox>>,
}

impl WebPool {
    /// `size` parsers, starting now (they load while the engine reads).
    /// `script`: the URL of `parser.js` (the app's is beside `worker.js`).
    pub fn start(size: usize, script: &str) -> WebPool {
        let module = js_sys::Reflect::get(&js_sys::global(), &"teamdiffWasmModule".into()).unwrap_or(JsValue::UNDEFINED);
        let inbox = Rc::new(RefCell::new(Inbox { memory: vec![0; size], ..Inbox::default() }));
        let parsers = (0..size).map(|slot| Parser::spawn(slot, script, &module, &inbox)).collect();
        WebPool { script: script.to_string(), module, parsers, inbox }
    }
}

impl Drop for WebPool {
    fn drop(&mut self) {
        for parser in &self.parsers {
            parser.worker.terminate();
        }
    }
}

impl ParsePool<web_sys::File> for WebPool {
    fn workers(&self) -> usize {
        self.parsers.len()
    }

    fn start(&mut self, index: usize, file: &web_sys::File, options: &IngestOptions) {
        let Some(slot) = self.parsers.iter().position(|p| p.job.borrow().is_none()) else {
            wasm_bindgen::throw_str("a file was given to a busy parse pool");
        };
        if *self.parsers[slot].dead.borrow() {
            self.parsers[slot].worker.terminate();
            self.parsers[slot] = Parser::spawn(slot, &self.script, &self.module, &self.inbox);
        }
        let parser = &self.parsers[slot];
        *parser.job.borrow_mut() = Some(index);
        let header = serde_json::to_string(&ParseJob { options: options.clone() }).expect_throw("a job serialises");
        let job = js_sys::Object::new();
        js_sys::Reflect::set(&job, &"header".into(), &header.into()).expect_throw("plain object");
        js_sys::Reflect::set(&job, &"file".into(), file).expect_throw("plain object");
        parser.worker.post_message(&job).expect_throw("postMessage to a parser");
    }

    async fn news(&mut self, wait: bool) -> Vec<PoolNews> {
        // No zero-delay timeout to let queued messages in: nested timeouts
        // are clamped to 4 ms, and a drop has a few hundred batches. A
        // wait lets them in; without one, the engine is reading a file of
        // its own, and awaiting its read lets them in.
        if wait && self.inbox.borrow().news.is_empty() {
            let inbox = self.inbox.clone();
            let said = js_sys::Promise::new(&mut |resolve, _| inbox.borrow_mut().wake = Some(resolve));
            let _ = wasm_bindgen_futures::JsFuture::from(said).await;
        }
        std::mem::take(&mut self.inbox.borrow_mut().news)
    }
}

fn post_to_engine(said: &FromParser) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let text = serde_json::to_string(said).expect_throw("parser messages serialise");
    let _ = scope.post_message(&text.into());
}

/// A parser worker: streams each file it is given with
/// [`stream_in_pool`], posting its batches to the engine worker as
/// transferred `ArrayBuffer`s as they come (a `File` is read with
/// `FileReaderSync`, so the whole job is one task).
#[wasm_bindgen]
pub fn parser_main() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("teamdiff parser: {message}"));
        post_to_engine(&FromParser::Crashed { message });
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let header = js_sys::Reflect::get(&data, &"header".into()).ok().and_then(|h| h.as_string());
        let job = header.and_then(|h| serde_json::from_str::<ParseJob>(&h).ok());
        let file = js_sys::Reflect::get(&data, &"file".into()).ok().and_then(|f| f.dyn_into::<web_sys::File>().ok());
        let (Some(job), Some(file)) = (job, file) else {
            // Only a version mismatch between the two workers gets here.
            post_to_engine(&FromParser::Crashed { message: "the parser was sent something that is not a job".into() });
            return;
        };
        let streamed = stream_in_pool(&file, &job.options, &mut |says| match says {
            ParserSays::Progress { stage, done, total } => post_to_engine(&FromParser::Progress { stage, done, total }),
            ParserSays::Restart => post_to_engine(&FromParser::Restart),
            ParserSays::Rows { batch, reached } => {
                post_to_engine(&FromParser::Memory { bytes: (core::arch::wasm32::memory_size(0) * 65536) as u64 });
                let bytes = js_sys::Uint8Array::new_with_length(8 + batch.len() as u32);
                bytes.subarray(0, 8).copy_from(&reached.to_le_bytes());
                bytes.subarray(8, 8 + batch.len() as u32).copy_from(&batch);
                drop(batch);
                let buffer = bytes.buffer();
                let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
                scope.post_message_with_transfer(&buffer, &js_sys::Array::of1(&buffer)).expect_throw("postMessage to the engine");
            }
        });
        post_to_engine(&FromParser::Memory { bytes: (core::arch::wasm32::memory_size(0) * 65536) as u64 });
        post_to_engine(&FromParser::Finished { streamed });
    });
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}
