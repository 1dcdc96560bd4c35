//! How the engine's dispatch and journal see a browser `File`
//! ([`DroppedFile`]): a small file is read into wasm memory a slice at a
//! time; a big one is held whole in an `ArrayBuffer` ([`DroppedFile::hold`])
//! and copied into wasm memory a piece at a time as it is parsed, so it
//! never becomes part of the worker's wasm memory, which never shrinks.

use std::collections::VecDeque;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::engine::protocol::{DroppedFile, HeldFile};

/// Files are copied into wasm memory this much at a time.
const READ_CHUNK_BYTES: u64 = 8 << 20;

/// Slices asked of the browser at once. It reads them side by side: in
/// Chromium the org2k files came in about twice as fast as one slice at a
/// time (BENCHMARKS.md, session 6), for at most this many slices held in
/// JS memory besides the file's bytes in wasm.
const READS_IN_FLIGHT: usize = 4;

/// The file's bytes; `on_progress(done, total)` after each chunk, in order.
pub async fn read_in_chunks(
    file: &web_sys::File,
    chunk_bytes: u64,
    mut on_progress: impl FnMut(u64, u64),
) -> Result<Vec<u8>, String> {
    let total = file.size();
    let chunk_bytes = chunk_bytes.max(1);
    let mut bytes = Vec::with_capacity(total as usize);
    let mut in_flight = VecDeque::with_capacity(READS_IN_FLIGHT);
    let mut asked = 0;
    while (bytes.len() as u64) < total {
        while in_flight.len() < READS_IN_FLIGHT && asked < total {
            let end = (asked + chunk_bytes).min(total);
            in_flight.push_back(start_reading(file, asked, end)?);
            asked = end;
        }
        let Some(read) = in_flight.pop_front() else { break };
        let chunk = js_sys::Uint8Array::new(&read.await.map_err(|error| could_not_read(&error))?);
        let start = bytes.len();
        bytes.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut bytes[start..]);
        on_progress(bytes.len() as u64, total);
    }
    Ok(bytes)
}

/// Bytes `start..end` of `file`, being read: the read starts now, and
/// awaiting the future only collects what the browser read meanwhile.
fn start_reading(file: &web_sys::File, start: u64, end: u64) -> Result<JsFuture, String> {
    let slice = file.slice_with_f64_and_f64(start as f64, end as f64).map_err(|error| could_not_read(&error))?;
    Ok(JsFuture::from(slice.array_buffer()))
}

/// The browser's reason (a `DOMException` such as `NotReadableError` when
/// the file changed or went away since it was dropped), in the message the
/// page shows.
fn could_not_read(error: &wasm_bindgen::JsValue) -> String {
    let reason = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())).or_else(|| error.as_string()).unwrap_or_else(|| format!("{error:?}"));
    format!("could not read the file: {reason}")
}

impl DroppedFile for web_sys::File {
    fn name(&self) -> String {
        web_sys::File::name(self)
    }

    fn size(&self) -> u64 {
        web_sys::Blob::size(self) as u64
    }

    async fn read(&self, on_progress: &mut dyn FnMut(u64, u64)) -> Result<Vec<u8>, String> {
        read_in_chunks(self, READ_CHUNK_BYTES, on_progress).await
    }

    async fn read_head(&self, bytes: u64) -> Result<Vec<u8>, String> {
        let head = start_reading(self, 0, bytes.min(self.size()))?.await.map_err(|error| could_not_read(&error))?;
        Ok(js_sys::Uint8Array::new(&head).to_vec())
    }

    /// With `FileReaderSync`, which only workers have.
    fn read_now(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
        let end = offset + len as u64;
        let slice = self.slice_with_f64_and_f64(offset as f64, end as f64).map_err(|error| could_not_read(&error))?;
        let reader = web_sys::FileReaderSync::new().map_err(|error| could_not_read(&error))?;
        let buffer = reader.read_as_array_buffer(&slice).map_err(|error| could_not_read(&error))?;
        let piece = js_sys::Uint8Array::new(&buffer);
        let start = into.len();
        into.resize(start + piece.length() as usize, 0);
        piece.copy_to(&mut into[start..]);
        Ok(())
    }

    type Held = js_sys::Uint8Array;

    /// The file in one `ArrayBuffer`, outside wasm memory: the browser
    /// reads it whole faster than in slices (BENCHMARKS.md, session 9), and
    /// the engine copies it in a piece at a time as it parses.
    async fn hold(&self) -> Result<js_sys::Uint8Array, String> {
        let buffer = JsFuture::from(self.array_buffer()).await.map_err(|error| could_not_read(&error))?;
        Ok(js_sys::Uint8Array::new(&buffer))
    }
}

impl HeldFile for js_sys::Uint8Array {
    fn read_at(&self, offset: u64, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
        let end = offset + len as u64;
        if end > u64::from(self.length()) {
            return Err("could not read the file: it changed while it was read".into());
        }
        let start = into.len();
        into.resize(start + len, 0);
        self.subarray(offset as u32, end as u32).copy_to(&mut into[start..]);
        Ok(())
    }
}
