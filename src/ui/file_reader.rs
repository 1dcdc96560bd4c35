//! Reads a `File` into wasm memory with gloo, one slice at a time, so a
//! 200 MB export is never one giant JS string or ArrayBuffer.

use gloo_file::futures::read_as_bytes;

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
