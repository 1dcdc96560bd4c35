//! Reads a `File` into wasm memory with gloo, one slice at a time, so a
//! 200 MB export is never one giant JS string or ArrayBuffer. Also how the
//! engine's dispatch and journal see a browser `File` ([`DroppedFile`]).

use gloo_file::futures::read_as_bytes;

use crate::engine::protocol::DroppedFile;

/// Files are copied into wasm memory once, this much at a time.
const READ_CHUNK_BYTES: u64 = 8 << 20;

/// The file's bytes; `on_progress(done, total)` after each chunk.
pub async fn read_in_chunks(
    file: &web_sys::File,
    chunk_bytes: u64,
    mut on_progress: impl FnMut(u64, u64),
) -> Result<Vec<u8>, String> {
    let blob = gloo_file::Blob::from(web_sys::Blob::from(file.clone()));
    let total = blob.size();
    let mut bytes = Vec::with_capacity(total as usize);
    let mut offset = 0;
    while offset < total {
        let end = (offset + chunk_bytes.max(1)).min(total);
        let chunk = read_as_bytes(&blob.slice(offset, end))
            .await
            .map_err(|error| format!("could not read the file: {error}"))?;
        bytes.extend_from_slice(&chunk);
        offset = end;
        on_progress(offset, total);
    }
    Ok(bytes)
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
}
