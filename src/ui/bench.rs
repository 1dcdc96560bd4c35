//! Entry points for the in-browser benchmark (`tests/bench/`): the same
//! ingest + model + tripwires the worker runs, callable one step at a time
//! so the bench page can time them beside JavaScript parsers on the same
//! bytes. The app never calls these.
//!
//! A drop is read as the app reads one ([`bench_read_drop`]): from `File`s,
//! on a parse pool and in the calling worker at once when the app uses
//! one, joined in the engine's reading order (`engine::dispatch::reading_order`);
//! what the bench leaves out is the app's overviews during the drop and its
//! snapshot.

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::dataset::{Dataset, FileReport};
use crate::engine::dispatch::{add_held_quietly, read_drop_quietly, DropInto};
use crate::engine::{Event, protocol::NoPool};
use crate::findings;
use crate::ingest::{ingest_file, staging, IngestError, IngestOptions};
use crate::model::TeamModel;

#[wasm_bindgen]
pub struct BenchPipeline {
    dataset: Dataset,
    today: NaiveDate,
    options: IngestOptions,
    /// The first file refused, if any: the bench's files never are.
    refused: Option<IngestError>,
}

#[wasm_bindgen]
impl BenchPipeline {
    /// `today` as `YYYY-MM-DD`.
    #[wasm_bindgen(constructor)]
    pub fn new(today: &str) -> Result<BenchPipeline, JsError> {
        let today = today.parse().map_err(|e| JsError::new(&format!("bad date {today}: {e}")))?;
        Ok(BenchPipeline { dataset: Dataset::default(), today, options: IngestOptions::default(), refused: None })
    }

    /// Ingests one file held by JavaScript, as the engine worker reads a
    /// file of a drop in turn (`engine::dispatch::add_held_quietly`: a big
    /// file copied into wasm memory a piece at a time as it is parsed, a
    /// small one whole), and returns how many rows it had.
    pub fn ingest(&mut self, name: &str, bytes: js_sys::Uint8Array) -> Result<f64, JsError> {
        let files = self.dataset.files.len();
        let size = u64::from(bytes.length());
        add_held_quietly(self, name, size, bytes);
        if let Some(error) = self.refused.take() {
            return Err(JsError::new(&error.to_string()));
        }
        Ok(self.dataset.files[files..].iter().map(|f| f.rows).sum::<u64>() as f64)
    }

    /// Rows read from every file so far.
    pub fn rows(&self) -> f64 {
        self.dataset.files.iter().map(|f| f.rows).sum::<u64>() as f64
    }

    /// Builds the model and runs every tripwire; returns the findings count.
    pub fn analyse(&self) -> u32 {
        let model = TeamModel::from_dataset(&self.dataset);
        findings::evaluate(&self.dataset, &model, self.today).len() as u32
    }
}

impl DropInto for BenchPipeline {
    fn options(&self) -> &IngestOptions {
        &self.options
    }

    fn add_file(&mut self, name: &str, bytes: &[u8], _: &mut dyn FnMut(Event)) {
        if let Err(error) = ingest_file(&mut self.dataset, name, bytes, &self.options, &mut |_, _| {}) {
            self.refused.get_or_insert(error);
        }
    }

    fn add_parsed(&mut self, parsed: Result<(Dataset, FileReport), IngestError>, _: &mut dyn FnMut(Event)) {
        match parsed {
            Ok((rows, report)) => staging::append_batch(&mut self.dataset, rows, report),
            Err(error) => _ = self.refused.get_or_insert(error),
        }
    }
}

/// Reads `files` (`File`s) as the app's engine worker reads a drop: on a
/// parse pool of `workers` parsers (`parser` is the URL of `parser.js`;
/// the calling worker sets `self.teamdiffWasmModule`) and in the calling
/// worker at once; 0 workers reads them one after another.
#[wasm_bindgen]
pub async fn bench_read_drop(today: String, files: js_sys::Array, workers: usize, parser: String) -> Result<BenchPipeline, JsError> {
    let files: Vec<web_sys::File> =
        files.iter().map(|f| f.dyn_into::<web_sys::File>()).collect::<Result<_, _>>().map_err(|_| JsError::new("not a File"))?;
    let mut pipeline = BenchPipeline::new(&today)?;
    if workers == 0 {
        read_drop_quietly(&mut pipeline, &files, &mut NoPool).await;
    } else {
        let mut pool = super::parse_pool::WebPool::start(workers, &parser);
        read_drop_quietly(&mut pipeline, &files, &mut pool).await;
    }
    match pipeline.refused.take() {
        Some(error) => Err(JsError::new(&error.to_string())),
        None => Ok(pipeline),
    }
}

/// What the app's worker does first when it starts (`ui::worker`): the
/// warm-up drop of `engine::warm_up`, with the same pauses, never
/// interrupted. Returns the rows it read.
#[wasm_bindgen]
pub async fn bench_warm_up(today: String) -> Result<f64, JsError> {
    let today = today.parse().map_err(|e| JsError::new(&format!("bad date {today}: {e}")))?;
    let warmed = crate::engine::warm_up::warm_up(today, super::worker::yield_to_events, &|| false).await;
    Ok(warmed.expect("never interrupted").rows as f64)
}

/// How many parsers the app starts for a drop on this machine (0 while
/// the pool is not in use).
#[wasm_bindgen]
pub fn bench_pool_size() -> usize {
    super::parse_pool::pool_size()
}

/// How many parsers the pool has on this machine when in use.
#[wasm_bindgen]
pub fn bench_parsers_for_this_machine() -> usize {
    super::parse_pool::parsers_for_this_machine()
}

/// Bytes of this instance's linear memory (it only grows, so it is the peak).
#[wasm_bindgen]
pub fn bench_wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// The most wasm memory the parse pools' parsers held at once.
#[wasm_bindgen]
pub fn bench_pool_wasm_memory_bytes() -> f64 {
    super::parse_pool::pool_peak_wasm_memory_bytes() as f64
}
