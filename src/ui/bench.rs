//! Entry points for the in-browser benchmark (`tests/bench/`): the same
//! ingest + model + tripwires the worker runs, callable one step at a time
//! so the bench page can time them beside JavaScript parsers on the same
//! bytes. The app never calls these.

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;

use crate::dataset::Dataset;
use crate::findings;
use crate::ingest::{ingest_file, IngestOptions};
use crate::model::TeamModel;

#[wasm_bindgen]
pub struct BenchPipeline {
    dataset: Dataset,
    today: NaiveDate,
}

#[wasm_bindgen]
impl BenchPipeline {
    /// `today` as `YYYY-MM-DD`.
    #[wasm_bindgen(constructor)]
    pub fn new(today: &str) -> Result<BenchPipeline, JsError> {
        let today = today.parse().map_err(|e| JsError::new(&format!("bad date {today}: {e}")))?;
        Ok(BenchPipeline { dataset: Dataset::default(), today })
    }

    /// Ingests one file (the bytes are copied into wasm memory once, by the
    /// binding) and returns how many rows it had.
    pub fn ingest(&mut self, name: &str, bytes: &[u8]) -> Result<f64, JsError> {
        let index = ingest_file(&mut self.dataset, name, bytes, &IngestOptions::default(), &mut |_, _| {})
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(self.dataset.files[index].rows as f64)
    }

    /// Builds the model and runs every tripwire; returns the findings count.
    pub fn analyse(&self) -> u32 {
        let model = TeamModel::from_dataset(&self.dataset);
        findings::evaluate(&self.dataset, &model, self.today).len() as u32
    }
}

/// Bytes of this instance's linear memory (it only grows, so it is the peak).
#[wasm_bindgen]
pub fn bench_wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
